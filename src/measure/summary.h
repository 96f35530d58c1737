// Summary statistics of a series of measurements (query latencies,
// freshness lags): count, min, p50, p95, p99, max, mean. Percentiles are
// nearest-rank on the sorted values, so every figure is one that was measured.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

namespace freshbench {

struct Summary {
  size_t count = 0;
  double min = 0, p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
};

// Nearest-rank percentile (0 < p <= 100) of `sorted` (ascending, non-empty).
double NearestRankPercentile(const std::vector<double>& sorted, double p);

// All zero with count 0 for an empty series.
Summary Summarize(std::vector<double> values);

void to_json(nlohmann::json& j, const Summary& s);

}  // namespace freshbench
