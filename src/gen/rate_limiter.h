// RateLimiter: paces event sends on a fixed schedule on a monotonic clock.
//
// Slot i (0, 1, 2, ...) is intended to be sent at start + i / rate. Threads
// claim slots in order from one shared counter and wait until their slot is
// due, so the combined rate of any number of threads follows the schedule
// without a sleep per message: a thread that wakes late sends every slot
// already due at once (the schedule, not the sleep, sets the rate).
//
// The intended time is kept next to the actual send time (coordinated
// omission): a generator that falls behind does not silently slow the
// schedule down; the lag shows in the stats, and it catches up when it can.
//
// rate 0 means unlimited: every slot is due at start.
//
// Thread safety: Claim() and the const methods are safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>

#include "gen/clock.h"

namespace freshbench::gen {

class RateLimiter {
 public:
  // `clock` is not owned and must outlive the limiter.
  RateLimiter(uint64_t rate_per_s, int64_t start_ns, Clock* clock);

  // Claims `n` consecutive slots and returns the first.
  uint64_t Claim(uint64_t n = 1) { return next_slot_.fetch_add(n, std::memory_order_relaxed); }

  // When slot `slot` is intended to be sent (clock nanoseconds).
  int64_t IntendedNs(uint64_t slot) const;

  // How many slots are due at `now_ns` (slots 0 .. DueAt(now)-1).
  uint64_t DueAt(int64_t now_ns) const;

  // Sleeps until `intended_ns`, in steps of at most `max_step_ns` so that
  // `stop` is noticed; returns false if `stop` became true first.
  bool WaitUntil(int64_t intended_ns, const std::atomic<bool>& stop,
                 int64_t max_step_ns = 50'000'000) const;

  uint64_t rate_per_s() const { return rate_per_s_; }
  int64_t start_ns() const { return start_ns_; }
  uint64_t claimed() const { return next_slot_.load(std::memory_order_relaxed); }

 private:
  const uint64_t rate_per_s_;
  const int64_t start_ns_;
  Clock* const clock_;
  alignas(64) std::atomic<uint64_t> next_slot_{0};
};

}  // namespace freshbench::gen
