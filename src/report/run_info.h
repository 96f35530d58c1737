// RunInfo: the context of one benchmark run (results/<run-id>/run.json):
// settings, patterns and their engine versions, patterns skipped and why,
// the machine and the freshbench build. Written at the start of a run and
// rewritten when it ends, so a killed run still says what it was.
//
// Thread safety: plain values.
#pragma once

#include "common/build_info.h"

#include <cstdint>
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
};

struct SkippedPattern {
  std::string id;
  std::string name;
  std::string reason;  // "no StarRocks endpoint configured"
};

struct RunInfo {
  std::string run_id;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;  // 0 while running (or when the process was killed)
  // "running", "complete", "interrupted" (Ctrl-C) or "failed".
  std::string status = "running";
  std::string note;         // why it was interrupted or failed
  nlohmann::json settings = nlohmann::json::object();  // rate, duration, interval, ...
  MachineInfo machine;
  BuildInfo build;
  std::vector<PatternInfo> patterns;
  std::vector<SkippedPattern> skipped;
};

void to_json(nlohmann::json& j, const MachineInfo& m);
void from_json(const nlohmann::json& j, MachineInfo& m);
void to_json(nlohmann::json& j, const BuildInfo& b);
void from_json(const nlohmann::json& j, BuildInfo& b);
void to_json(nlohmann::json& j, const PatternInfo& p);
void from_json(const nlohmann::json& j, PatternInfo& p);
void to_json(nlohmann::json& j, const SkippedPattern& s);
void from_json(const nlohmann::json& j, SkippedPattern& s);
void to_json(nlohmann::json& j, const RunInfo& r);
void from_json(const nlohmann::json& j, RunInfo& r);

}  // namespace freshbench
