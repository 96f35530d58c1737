// The harness clocks: wall time in UTC epoch milliseconds (for comparing
// with timestamps engines store) and a monotonic clock (for durations).
#pragma once

#include <chrono>
#include <cstdint>

namespace freshbench {

// Harness wall clock, UTC epoch milliseconds.
inline int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Monotonic clock in milliseconds with sub-millisecond fraction; only
// differences are meaningful.
inline double MonotonicNowMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace freshbench
