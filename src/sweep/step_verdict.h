// The verdicts of one sweep step, as pure functions of what was measured
// (so the live sweep and a re-rendered report decide alike):
//
// - JudgeGenerator: did the generator deliver the step's rate? Short when
//   it delivered (acknowledged) under 95% of the target after its first 5 s.
//   Its lag behind schedule and late events are kept as evidence. A short
//   step is labelled so and ends the sweep: above it, the tool, not the
//   engines, is the bottleneck.
// - JudgePattern: did one pattern stay within its target? "within" (every
//   term measured within its limit, or n/a), "broke" (a term above it),
//   "no data" (no term could be measured: e.g. a lake without its first
//   snapshot), "failed" (the pattern failed in the step). For "broke" it
//   says why: the engine could not keep up (its freshness grew over the
//   steady window by more than kGrowingMsPerS, or it ingested under 90% of
//   what was delivered: its backlog grew), or it kept up and the figure is
//   simply above the target. Whether it kept up cannot be told when its
//   visible row count changed fewer than twice in the steady window (a lake
//   commits once per epoch: within one, freshness rises 1 s per second by
//   nature); the verdict says so instead of guessing.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/raw_records.h"
#include "sweep/sweep_options.h"

namespace freshbench {

// Freshness that grows faster than this (ms per s of wall time) is falling
// behind, not noise: 0.1 s more every second.
inline constexpr double kGrowingMsPerS = 100;

struct GeneratorVerdict {
  uint64_t target_rps = 0;
  std::optional<double> delivered_rps;  // over the step after its first 5 s
  std::optional<double> max_lag_ms;     // furthest behind schedule after the first 5 s
  int64_t sent = 0;
  int64_t late = 0;  // sent more than 10 ms after their intended time
  bool short_of_target = false;
  std::string why;  // when short: "delivered 41,200 events/s of 64,000 (64%)"
};

// `samples`: generator.jsonl lines of the step, in order; `from_ms`: when
// its load started.
GeneratorVerdict JudgeGenerator(uint64_t target_rps, const std::vector<GeneratorSample>& samples,
                                int64_t from_ms);

struct TermResult {
  std::string term;               // "freshness_p95=5s"
  std::optional<double> value_ms;  // null: not measured in the step
  bool within = true;
};

struct PatternVerdict {
  std::string outcome;  // "within", "broke", "no data", "failed"
  std::string why;
  bool engine_behind = false;  // broke because the engine could not keep up
  std::vector<TermResult> terms;
  std::optional<double> freshness_slope_ms_per_s;
  std::optional<double> ingestion_rps;
};

// Least-squares slope of (t ms, freshness ms) in ms per second; nullopt
// with fewer than 3 points or a span under 10 s.
std::optional<double> FreshnessSlope(const std::vector<std::pair<int64_t, double>>& series);

// `summary`: the pattern's entry of BuildSummary over the step's records;
// `steady_freshness`: its Q3 freshness in the step's steady window (t, ms);
// `delivered_rps`: the generator's delivered rate in the step;
// `count_changes`: how often its visible row count changed in that window.
PatternVerdict JudgePattern(const nlohmann::json& summary, const Slo& target,
                            const std::vector<std::pair<int64_t, double>>& steady_freshness,
                            std::optional<double> delivered_rps, int count_changes);

// The figure a term looks at in a pattern summary (null: not measured).
std::optional<double> TermValue(const nlohmann::json& summary, const SloTerm& term);

}  // namespace freshbench
