// MetricStats: the order statistics a report shows for one metric.
//
// Percentiles use the nearest-rank method (the ceil(q*n)-th smallest value),
// so every p50/p95/p99/max in a summary is a value that appears in the raw
// samples and can be found there.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace freshbench {

struct MetricStats {
  int64_t n = 0;
  double min = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;  // meaningless when n == 0
};

// Nearest-rank percentile of `sorted` (ascending, non-empty), q in [0, 1].
double NearestRank(const std::vector<double>& sorted, double q);

// Stats of `values` (any order); n == 0 when empty.
MetricStats ComputeStats(std::vector<double> values);

// {"n":..,"min":..,"p50":..,...}; null when n == 0.
nlohmann::json StatsToJson(const MetricStats& s);

// Reads a json written by StatsToJson; nullopt when null or absent.
std::optional<MetricStats> StatsFromJson(const nlohmann::json& j);

}  // namespace freshbench
