#include "report/stats.h"

#include <algorithm>
#include <cmath>

namespace freshbench {

double NearestRank(const std::vector<double>& sorted, double q) {
  const size_t n = sorted.size();
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
  rank = std::clamp<size_t>(rank, 1, n);
  return sorted[rank - 1];
}

MetricStats ComputeStats(std::vector<double> values) {
  MetricStats s;
  s.n = static_cast<int64_t>(values.size());
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.min = values.front();
  s.max = values.back();
  s.p50 = NearestRank(values, 0.50);
  s.p95 = NearestRank(values, 0.95);
  s.p99 = NearestRank(values, 0.99);
  return s;
}

nlohmann::json StatsToJson(const MetricStats& s) {
  if (s.n == 0) return nullptr;
  return {{"n", s.n}, {"min", s.min}, {"p50", s.p50}, {"p95", s.p95}, {"p99", s.p99},
          {"max", s.max}};
}

std::optional<MetricStats> StatsFromJson(const nlohmann::json& j) {
  if (j.is_null() || !j.is_object()) return std::nullopt;
  MetricStats s;
  s.n = j.value("n", int64_t{0});
  s.min = j.value("min", 0.0);
  s.p50 = j.value("p50", 0.0);
  s.p95 = j.value("p95", 0.0);
  s.p99 = j.value("p99", 0.0);
  s.max = j.value("max", 0.0);
  if (s.n == 0) return std::nullopt;
  return s;
}

}  // namespace freshbench
