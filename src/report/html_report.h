// report.html: one self-contained file (inline CSS and SVG, no script, no
// network) with the side-by-side table and four charts:
//   data-chart="freshness"   Q3 freshness of every pattern on one time axis
//   data-chart="latency"     Q1/Q2/Q3 latency per pattern (p50, p95)
//   data-chart="quadrant"    freshness against query latency
//   data-chart="visibility"  marker visibility latency per pattern
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/run_data.h"

namespace freshbench {

// `summary` is BuildSummary(run).
std::string RenderHtml(const RunData& run, const nlohmann::json& summary);

// Two runs: the comparison table, both runs in the quadrant (B hollow), and
// each run's freshness series.
std::string RenderCompareHtml(const RunData& a, const nlohmann::json& sa, const RunData& b,
                              const nlohmann::json& sb);

}  // namespace freshbench
