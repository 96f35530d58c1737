#include "measure/summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace freshbench {

double NearestRankPercentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

Summary Summarize(std::vector<double> values) {
  Summary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.count = values.size();
  s.min = values.front();
  s.max = values.back();
  s.p50 = NearestRankPercentile(values, 50);
  s.p95 = NearestRankPercentile(values, 95);
  s.p99 = NearestRankPercentile(values, 99);
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  return s;
}

void to_json(nlohmann::json& j, const Summary& s) {
  j = nlohmann::json{{"count", s.count}, {"min", s.min}, {"p50", s.p50},  {"p95", s.p95},
                     {"p99", s.p99},     {"max", s.max}, {"mean", s.mean}};
}

}  // namespace freshbench
