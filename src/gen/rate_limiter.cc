#include "gen/rate_limiter.h"

#include <algorithm>
#include <limits>

namespace freshbench::gen {

RateLimiter::RateLimiter(uint64_t rate_per_s, int64_t start_ns, Clock* clock)
    : rate_per_s_(rate_per_s), start_ns_(start_ns), clock_(clock) {}

int64_t RateLimiter::IntendedNs(uint64_t slot) const {
  if (rate_per_s_ == 0) return start_ns_;
  // 128-bit so that slot * 1e9 cannot overflow on long runs.
  const __uint128_t offset = static_cast<__uint128_t>(slot) * 1'000'000'000u / rate_per_s_;
  return start_ns_ + static_cast<int64_t>(offset);
}

uint64_t RateLimiter::DueAt(int64_t now_ns) const {
  if (now_ns < start_ns_) return 0;
  if (rate_per_s_ == 0) return std::numeric_limits<uint64_t>::max();
  // Slot i is due when floor(i * 1e9 / rate) <= e, i.e. i * 1e9 < (e + 1) * rate.
  const __uint128_t e = static_cast<__uint128_t>(now_ns - start_ns_);
  return static_cast<uint64_t>(((e + 1) * rate_per_s_ + 999'999'999u) / 1'000'000'000u);
}

bool RateLimiter::WaitUntil(int64_t intended_ns, const std::atomic<bool>& stop,
                            int64_t max_step_ns) const {
  while (true) {
    if (stop.load(std::memory_order_relaxed)) return false;
    const int64_t now = clock_->NowNs();
    if (now >= intended_ns) return true;
    clock_->SleepUntilNs(std::min(intended_ns, now + max_step_ns));
  }
}

}  // namespace freshbench::gen
