// RunInfo: the context of one benchmark run (results/<run-id>/run.json):
// settings, patterns and their engine versions, patterns skipped and why,
// the machine and the freshbench build. Written at the start of a run and
// rewritten when it ends, so a killed run still says what it was.
//
// Thread safety: plain values.
#pragma once

#include "common/build_info.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace freshbench {

struct MachineInfo {
  std::string cpu_model;   // /proc/cpuinfo "model name"
  int cores = 0;           // logical CPUs
  double memory_gib = 0;   // MemTotal
  std::string os;          // /etc/os-release PRETTY_NAME + kernel release
  std::string hostname;

  // Reads this machine's facts; fields it cannot read stay empty / 0.
  static MachineInfo Detect();
};

struct BuildInfo {
  std::string version = BuildVersion();
  std::string git_rev = BuildGitRevision();
  std::string build_type = BuildType();
};

struct PatternInfo {
  std::string id;              // "p1"
  std::string name;            // "ClickHouse Kafka engine"
  std::string engine;          // "clickhouse"
  std::string engine_version;  // as the server reported it
  std::string description;
  nlohmann::json settings = nlohmann::json::object();  // the pattern's own knobs
  // How another pattern sharing its engine was handled: "p6 paused while
  // measured", "measured together with p6 on one BE"; empty when none.
  std::string contention;
  // The engine clock (Driver::Clock): whether skew is measurable, how it is
  // read; skew_ms/skew_uncertainty_ms only when measured (else null and
  // clock_note says why).
  bool clock_measurable = true;
  std::string clock_how;
  std::optional<double> skew_ms;
  std::optional<double> skew_uncertainty_ms;
  std::string clock_note;
  // Set when the pattern failed: when and why (its figures cover only the
  // time before).
  std::optional<int64_t> failed_ms;
  std::string failure;
};

struct SkippedPattern {
  std::string id;
  std::string name;
  std::string reason;  // "no StarRocks endpoint configured"
};

// One fault `run --fault` injected into the local stack (src/run/fault_plan.h):
// what was planned and the window it actually had, on the harness clock.
struct FaultWindow {
  std::string spec;    // as typed: "kafka-2:kill@30+20"
  std::string target;  // "kafka-2"
  std::string action;  // "kill", "restart", "pause"
  double at_s = 0;     // planned start, seconds from the start of the load
  std::optional<double> duration_s;  // +D; null: until the load ended (kill, pause)
  std::optional<int64_t> start_ms;   // applied (the signal sent, the stop begun)
  std::optional<int64_t> end_ms;     // the target back: healthy again, or SIGCONT
  std::string how;    // "SIGKILL to pid 1234; started again, healthy after 6.2 s"
  std::string error;  // why it could not be applied or undone (empty: it was)
};

struct RunInfo {
  std::string run_id;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;  // 0 while running (or when the process was killed)
  // "running", "complete" (every pattern measured and complete),
  // "incomplete" (a pattern failed, or lost or duplicated events),
  // "interrupted" (Ctrl-C) or "failed" (the run could not finish).
  std::string status = "running";
  std::string note;         // why it was interrupted, incomplete or failed
  int exit_code = 0;        // what `freshbench run` exited with (README's table)
  nlohmann::json settings = nlohmann::json::object();  // rate, duration, interval, ...
  MachineInfo machine;
  BuildInfo build;
  std::vector<PatternInfo> patterns;
  std::vector<SkippedPattern> skipped;
  std::vector<FaultWindow> faults;  // `run --fault`, in plan order
};

void to_json(nlohmann::json& j, const MachineInfo& m);
void from_json(const nlohmann::json& j, MachineInfo& m);
void to_json(nlohmann::json& j, const BuildInfo& b);
void from_json(const nlohmann::json& j, BuildInfo& b);
void to_json(nlohmann::json& j, const PatternInfo& p);
void from_json(const nlohmann::json& j, PatternInfo& p);
void to_json(nlohmann::json& j, const SkippedPattern& s);
void from_json(const nlohmann::json& j, SkippedPattern& s);
void to_json(nlohmann::json& j, const FaultWindow& f);
void from_json(const nlohmann::json& j, FaultWindow& f);
void to_json(nlohmann::json& j, const RunInfo& r);
void from_json(const nlohmann::json& j, RunInfo& r);

}  // namespace freshbench
