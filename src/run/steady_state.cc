#include "run/steady_state.h"

namespace freshbench {

double SteadyStateDetector::slope() const {
  const size_t n = points_.size();
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (auto [t, y] : points_) {
    mx += static_cast<double>(t - points_.front().first) / 1000.0;
    my += y;
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double num = 0, den = 0;
  for (auto [t, y] : points_) {
    const double x = static_cast<double>(t - points_.front().first) / 1000.0 - mx;
    num += x * (y - my);
    den += x * x;
  }
  return den > 0 ? num / den : 0;
}

bool SteadyStateDetector::Add(int64_t t_ms, std::optional<double> freshness_ms) {
  if (steady_) return true;
  // t - freshness is the newest visible event's time (harness clock).
  const bool backlog = origin_ms_ > 0 && freshness_ms &&
                       static_cast<double>(t_ms) - *freshness_ms < static_cast<double>(origin_ms_);
  if (!freshness_ms || backlog) {
    points_.clear();
    return false;
  }
  points_.push_back({t_ms, *freshness_ms});
  while (points_.size() > static_cast<size_t>(window_)) points_.pop_front();
  if (points_.size() == static_cast<size_t>(window_) && slope() > -max_drop_) steady_ = true;
  return steady_;
}

}  // namespace freshbench
