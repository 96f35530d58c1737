// The rate limiter's schedule, on a clock the test drives.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "gen/rate_limiter.h"

namespace freshbench::gen {
namespace {

// Time moves only when someone sleeps (to the wake-up time, plus `oversleep`
// to model a scheduler that wakes late).
class FakeClock final : public Clock {
 public:
  int64_t NowNs() override { return now_.load(); }
  void SleepUntilNs(int64_t t) override {
    int64_t target = t + oversleep_ns;
    int64_t cur = now_.load();
    while (cur < target && !now_.compare_exchange_weak(cur, target)) {
    }
  }
  void Advance(int64_t ns) { now_.fetch_add(ns); }
  int64_t oversleep_ns = 0;

 private:
  std::atomic<int64_t> now_{1'000'000'000};
};

// Sends like a producer thread would and counts sends per one-second window.
std::map<int64_t, uint64_t> SendFor(RateLimiter& limiter, FakeClock& clock, int64_t seconds) {
  std::atomic<bool> stop{false};
  std::map<int64_t, uint64_t> per_window;
  const int64_t end = limiter.start_ns() + seconds * 1'000'000'000;
  while (true) {
    const uint64_t slot = limiter.Claim();
    const int64_t intended = limiter.IntendedNs(slot);
    if (intended >= end) break;
    EXPECT_TRUE(limiter.WaitUntil(intended, stop));
    const int64_t now = clock.NowNs();
    EXPECT_GE(now, intended);
    ++per_window[(now - limiter.start_ns()) / 1'000'000'000];
  }
  return per_window;
}

TEST(GenRateLimiterTest, EveryFullSecondHoldsExactlyTheTarget) {
  for (uint64_t rate : {1'000ULL, 10'000ULL, 100'000ULL, 7ULL, 333'333ULL}) {
    FakeClock clock;
    RateLimiter limiter(rate, clock.NowNs(), &clock);
    auto windows = SendFor(limiter, clock, 5);
    ASSERT_EQ(windows.size(), 5u) << rate;
    for (const auto& [w, n] : windows) EXPECT_EQ(n, rate) << "rate " << rate << " window " << w;
  }
}

TEST(GenRateLimiterTest, LateWakeUpsBurstButKeepTheWindowRate) {
  // A scheduler that wakes 3 ms late: sends come in small bursts, yet each
  // second still carries the target (within the few slots at its edge).
  FakeClock clock;
  clock.oversleep_ns = 3'000'000;
  const uint64_t rate = 100'000;
  RateLimiter limiter(rate, clock.NowNs(), &clock);
  auto windows = SendFor(limiter, clock, 4);
  for (const auto& [w, n] : windows) {
    if (w == 0 || w >= 4) continue;
    EXPECT_NEAR(static_cast<double>(n), rate, rate * 0.01) << "window " << w;
  }
}

TEST(GenRateLimiterTest, IntendedTimesAndDueCountsAgree) {
  FakeClock clock;
  const int64_t start = clock.NowNs();
  RateLimiter limiter(3, start, &clock);
  EXPECT_EQ(limiter.IntendedNs(0), start);
  EXPECT_EQ(limiter.IntendedNs(1), start + 333'333'333);
  EXPECT_EQ(limiter.IntendedNs(3), start + 1'000'000'000);
  EXPECT_EQ(limiter.DueAt(start - 1), 0u);
  EXPECT_EQ(limiter.DueAt(start), 1u);
  EXPECT_EQ(limiter.DueAt(start + 333'333'332), 1u);
  EXPECT_EQ(limiter.DueAt(start + 333'333'333), 2u);
  EXPECT_EQ(limiter.DueAt(start + 1'000'000'000), 4u);
  for (uint64_t i = 0; i < 1000; ++i) {
    EXPECT_EQ(limiter.DueAt(limiter.IntendedNs(i)), i + 1);
    EXPECT_EQ(limiter.DueAt(limiter.IntendedNs(i) - 1), i);
  }
}

TEST(GenRateLimiterTest, AStallShowsAsLagAndIsNotForgiven) {
  // Coordinated omission: after a 500 ms stall the schedule does not move;
  // the slots missed are due at once and their lag is visible.
  FakeClock clock;
  RateLimiter limiter(1000, clock.NowNs(), &clock);
  std::atomic<bool> stop{false};
  for (int i = 0; i < 100; ++i)
    ASSERT_TRUE(limiter.WaitUntil(limiter.IntendedNs(limiter.Claim()), stop));
  clock.Advance(500'000'000);
  const uint64_t next = limiter.Claim();
  EXPECT_EQ(next, 100u);
  // Slot 99 went out at 99 ms; now it is 599 ms and slot 100 was due at 100 ms.
  EXPECT_EQ(clock.NowNs() - limiter.IntendedNs(next), 499'000'000);
  EXPECT_EQ(limiter.DueAt(clock.NowNs()), 600u);
}

TEST(GenRateLimiterTest, UnlimitedMeansEverySlotIsDueAtStart) {
  FakeClock clock;
  RateLimiter limiter(0, clock.NowNs(), &clock);
  EXPECT_EQ(limiter.IntendedNs(123456789), clock.NowNs());
  std::atomic<bool> stop{false};
  EXPECT_TRUE(limiter.WaitUntil(limiter.IntendedNs(5), stop));
}

TEST(GenRateLimiterTest, WaitUntilReturnsFalseOnStop) {
  FakeClock clock;
  RateLimiter limiter(1, clock.NowNs(), &clock);
  std::atomic<bool> stop{true};
  EXPECT_FALSE(limiter.WaitUntil(limiter.IntendedNs(10), stop));
}

TEST(GenRateLimiterTest, NoOverflowOnLongRuns) {
  FakeClock clock;
  RateLimiter limiter(100'000, 0, &clock);
  // A month at 100k/s.
  const uint64_t slot = 100'000ULL * 86'400 * 31;
  EXPECT_EQ(limiter.IntendedNs(slot), 86'400LL * 31 * 1'000'000'000);
}

}  // namespace
}  // namespace freshbench::gen
