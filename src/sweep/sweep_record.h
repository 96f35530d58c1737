// SweepRecord: sweep.json in a sweep's results folder, beside the files a
// run writes: the rates, the step length, the targets each pattern was held
// to, and per step its rate, time span and the patterns driven in it. With
// the raw files it is all a sweep's report is rendered from. Written whole
// (atomically) after every step.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace freshbench {

inline constexpr const char* kSweepFile = "sweep.json";

struct SweepStep {
  int index = 0;
  uint64_t rate = 0;    // events/s the generator was asked for
  int64_t from_ms = 0;  // the load started (harness wall clock)
  int64_t to_ms = 0;    // the load stopped; 0 while it runs
  std::vector<std::string> driven;  // patterns measured in it
  std::optional<double> load_avg_1m;  // the machine's load average when it ended
};

struct SweepRecord {
  std::vector<uint64_t> rates;
  double step_s = 0;
  std::string slo;                             // --slo as typed ("" = defaults)
  std::map<std::string, std::string> targets;  // per pattern: the terms it was held to
  std::vector<SweepStep> steps;
  std::string stopped;  // why the sweep ended before its last rate ("" = it did not)
};

void to_json(nlohmann::json& j, const SweepStep& s);
void from_json(const nlohmann::json& j, SweepStep& s);
void to_json(nlohmann::json& j, const SweepRecord& r);
void from_json(const nlohmann::json& j, SweepRecord& r);

// <dir>/sweep.json. Read: kNotFound when absent (the folder is a run's).
Status WriteSweepRecord(const std::string& dir, const SweepRecord& r);
Result<SweepRecord> ReadSweepRecord(const std::string& dir);

// This machine's 1-minute load average (/proc/loadavg); nullopt elsewhere.
std::optional<double> ReadLoadAverage();

}  // namespace freshbench
