// SteadyStateDetector: decides from a pattern's own Q3 freshness series
// when its start-up backlog has drained. While catching up, freshness falls
// steadily (the engine reads faster than events arrive); once it stops
// falling the pattern is in steady state. Steady = the last `window`
// samples with data have a least-squares slope above -max_drop_ms_per_s
// (freshness per second of wall time). A sample without data, or whose
// newest event is older than `origin_ms` (still the backlog from before the
// run began; origin_ms 0: no such check), clears the window. Once steady it stays steady (latched).
//
// Thread safety: none; one detector per pattern, fed by one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace freshbench {

class SteadyStateDetector {
 public:
  static constexpr double kDefaultMaxDropMsPerS = 50;

  explicit SteadyStateDetector(int window = 4, double max_drop_ms_per_s = kDefaultMaxDropMsPerS,
                               int64_t origin_ms = 0)
      : window_(window), max_drop_(max_drop_ms_per_s), origin_ms_(origin_ms) {}

  // Adds one Q3 sample taken at t_ms; returns steady().
  bool Add(int64_t t_ms, std::optional<double> freshness_ms);
  bool steady() const { return steady_; }
  // Slope of the current window in ms of freshness per second (0 if < 2 points).
  double slope() const;

 private:
  int window_;
  double max_drop_;
  int64_t origin_ms_;
  bool steady_ = false;
  std::deque<std::pair<int64_t, double>> points_;
};

}  // namespace freshbench
