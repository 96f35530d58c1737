// Clock: the monotonic time source the rate limiter paces on, behind an
// interface so tests can drive it by hand (FakeClock in the unit tests).
//
// Thread safety: SteadyClock is safe from any thread; fakes document their own.
#pragma once

#include <cstdint>

namespace freshbench::gen {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic nanoseconds (arbitrary origin).
  virtual int64_t NowNs() = 0;
  // Blocks until NowNs() >= t_ns (may return a little later, never earlier).
  virtual void SleepUntilNs(int64_t t_ns) = 0;
};

// CLOCK_MONOTONIC and clock_nanosleep(TIMER_ABSTIME).
class SteadyClock final : public Clock {
 public:
  int64_t NowNs() override;
  void SleepUntilNs(int64_t t_ns) override;
  // The process-wide instance.
  static SteadyClock* Get();
};

// Wall-clock UTC milliseconds since the epoch (CLOCK_REALTIME): what
// event_time is stamped with.
int64_t WallClockMs();

}  // namespace freshbench::gen
