// PatternWorker with fake drivers: no engine, no Kafka. What must hold
// whatever the engine does (DESIGN.md "The run core"): ticks on a fixed
// schedule, stalls recorded as in-flight samples, a dead engine failed,
// markers bounded by real probes, Ctrl-C reaching a statement in flight.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "measure/clock.h"
#include "run/marker_prober.h"
#include "run/pattern_worker.h"

namespace freshbench {
namespace {

// How the fake engine behaves; shared by every session the worker makes.
struct FakeEngine {
  std::atomic<int64_t> stall_until_ms{0};  // Q3 blocks until then (or cancel/timeout)
  std::atomic<int64_t> dead_from_ms{0};    // every call fails from then on
  std::atomic<int64_t> marker_visible_ms{0};  // markers show from then on (0: at once)
  std::atomic<bool> marker_probes_fail{false};
  std::atomic<int64_t> marker_stall_until_ms{0};  // marker probes block until then
  std::atomic<int> calls{0};
  std::atomic<int> cancelled{0};
};

class FakeDriver : public Driver {
 public:
  explicit FakeDriver(FakeEngine* e) : e_(e) {}
  std::string Name() const override { return "fake"; }
  Result<std::string> ServerVersion() override { return std::string("1"); }
  Result<int64_t> EngineNowMs() override { return WallNowMs(); }
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string& sql, const CallOptions& o) override {
    ++e_->calls;
    const int64_t start = WallNowMs();
    if (e_->dead_from_ms.load() && start >= e_->dead_from_ms.load())
      return Status::Unavailable("connection refused");
    const bool marker = sql.rfind("MARKER", 0) == 0;
    while (WallNowMs() < (marker ? e_->marker_stall_until_ms : e_->stall_until_ms).load()) {
      if (o.cancel && o.cancel->load()) {
        ++e_->cancelled;
        return Status::Cancelled("cancelled");
      }
      if (o.timeout_ms > 0 && WallNowMs() - start >= o.timeout_ms) {
        handle_ = "fake job 42 RUNNING";
        return Status::Timeout("statement exceeded its limit");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (marker) {
      if (e_->marker_probes_fail.load()) return Status::ServerError("marker probe failed");
      ResultSet rs;
      rs.columns = {"event_id"};
      if (WallNowMs() >= e_->marker_visible_ms.load()) rs.rows.push_back({std::string(sql.substr(7))});
      return rs;
    }
    ResultSet rs;
    rs.columns = {"max_event_time", "max_ingest_time", "engine_now", "total_rows"};
    const int64_t now = WallNowMs();
    rs.rows.push_back({std::to_string(now - 100), std::to_string(now - 50), std::to_string(now),
                       std::string("1000")});
    return rs;
  }
  std::string LastStatementHandle() const override { return handle_; }

 private:
  FakeEngine* e_;
  std::string handle_;
};

class RecordingSink : public WorkerSink {
 public:
  void OnSample(const QuerySample& s, const std::string& phase) override {
    std::lock_guard<std::mutex> l(mu);
    samples.push_back({s, phase});
  }
  void OnMarker(const MarkerSample& m) override {
    std::lock_guard<std::mutex> l(mu);
    markers.push_back(m);
  }
  void OnPhase(const PhaseEvent& e) override {
    std::lock_guard<std::mutex> l(mu);
    phases.push_back(e);
  }
  void Log(const std::string&) override {}
  std::mutex mu;
  std::vector<std::pair<QuerySample, std::string>> samples;
  std::vector<MarkerSample> markers;
  std::vector<PhaseEvent> phases;
};

WorkerSpec Spec(FakeEngine* e) {
  WorkerSpec w;
  w.pattern = "pf";
  w.sessions = [e]() -> Result<std::unique_ptr<Driver>> { return std::unique_ptr<Driver>(new FakeDriver(e)); };
  w.q3_sql = "Q3";
  w.interval_ms = 50;
  w.max_in_flight = 2;
  w.statement_timeout_ms = 400;
  w.fail_after = 3;
  w.steady_timeout_ms = 100;  // steady quickly: the fake's freshness is flat
  w.repeat = 0;
  w.marker_sql = [](const std::vector<std::string>& ids) -> Result<std::string> {
    return "MARKER " + ids.front();
  };
  return w;
}

void SleepMs(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

TEST(RunPatternWorkerTest, AStalledProbeNeverHoldsTheScheduleTicksBecomeInFlightSamples) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.stall_until_ms = origin + 300;  // the engine stalls for 300 ms, 6 intervals
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  SleepMs(600);
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  std::set<int64_t> ticks;
  int in_flight = 0;
  for (auto& [s, phase] : sink.samples) {
    ASSERT_TRUE(s.t_tick_ms.has_value());
    EXPECT_TRUE(ticks.insert(*s.t_tick_ms).second) << "one sample per tick";
    EXPECT_EQ((*s.t_tick_ms - origin) % 50, 0) << "ticks on the fixed schedule";
    if (s.in_flight()) {
      ++in_flight;
      EXPECT_LE(*s.in_flight_since_ms, *s.t_tick_ms);
      EXPECT_GE(s.query_latency_ms, 0);
    }
  }
  // Every tick from the first to the last is there: none skipped.
  ASSERT_GE(ticks.size(), 8u);
  EXPECT_EQ(static_cast<int64_t>(ticks.size()), (*ticks.rbegin() - *ticks.begin()) / 50 + 1);
  EXPECT_GE(in_flight, 3) << "the bound of 2 was full while the engine stalled";
}

TEST(RunPatternWorkerTest, AProbePastTheStatementLimitIsAStallWithTheEnginesHandle) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.stall_until_ms = origin + 100000;
  auto spec = Spec(&e);
  spec.statement_timeout_ms = 150;
  spec.fail_after = 100;
  PatternWorker w(spec, &sink);
  w.Start(origin, origin + 10000, false);
  SleepMs(400);
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  int stalls = 0;
  for (auto& [s, phase] : sink.samples) {
    if (!s.stalled) continue;
    ++stalls;
    EXPECT_EQ(s.stall, "fake job 42 RUNNING");
    EXPECT_FALSE(s.ok());
  }
  EXPECT_GE(stalls, 2);
}

TEST(RunPatternWorkerTest, AnEngineThatDiesFailsThePatternWithTimeAndReason) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.dead_from_ms = origin + 200;
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  SleepMs(700);
  ASSERT_TRUE(w.failed());
  EXPECT_GE(w.failed_ms(), origin + 200);
  EXPECT_NE(w.failure().find("connection refused"), std::string::npos) << w.failure();
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  bool event = false;
  for (auto& p : sink.phases) event = event || (p.phase == kPhaseFailed && p.pattern == "pf");
  EXPECT_TRUE(event);
  for (auto& [s, phase] : sink.samples) EXPECT_LE(s.t_done_ms, w.failed_ms()) << "nothing after the failure";
  int failed_in_a_row = 0;
  for (auto it = sink.samples.rbegin(); it != sink.samples.rend() && !it->first.ok(); ++it) ++failed_in_a_row;
  EXPECT_EQ(failed_in_a_row, 3);
}

TEST(RunPatternWorkerTest, ALateMarkerIsBoundedByTheProbesOnEitherSide) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.marker_visible_ms = origin + 10000000;  // not yet
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  while (w.phase() != PatternWorker::Phase::kSteady && WallNowMs() < origin + 2000) SleepMs(10);
  ASSERT_EQ(w.phase(), PatternWorker::Phase::kSteady);
  const int64_t ack = WallNowMs();
  ASSERT_TRUE(w.AddMarker("m1", ack));
  SleepMs(150);
  e.marker_probes_fail = true;  // failed probes are not misses
  SleepMs(150);
  e.marker_probes_fail = false;
  const int64_t visible = WallNowMs() + 100;
  e.marker_visible_ms = visible;
  while (w.PendingMarkers() > 0 && WallNowMs() < visible + 2000) SleepMs(5);
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  ASSERT_EQ(sink.markers.size(), 1u);
  const MarkerSample& m = sink.markers[0];
  ASSERT_TRUE(m.t_seen_ms.has_value()) << m.error;
  EXPECT_GE(*m.t_seen_ms, visible);
  ASSERT_TRUE(m.last_miss_submit_ms.has_value());
  EXPECT_LT(*m.last_miss_submit_ms, visible) << "the last miss was before it became visible";
  EXPECT_LE(*m.last_miss_submit_ms, *m.seen_submit_ms);
  EXPECT_GT(m.failed_probes, 0);
  EXPECT_GT(m.probes, 1);
  EXPECT_DOUBLE_EQ(*m.visibility_latency_ms, static_cast<double>(*m.t_seen_ms - ack));
  EXPECT_LE(*m.visibility_lower_bound_ms, *m.visibility_latency_ms);
}

TEST(RunPatternWorkerTest, AStalledMarkerProbeIsCountedAsAStallNotAMiss) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  while (w.phase() != PatternWorker::Phase::kSteady && WallNowMs() < origin + 2000) SleepMs(10);
  ASSERT_EQ(w.phase(), PatternWorker::Phase::kSteady);
  e.marker_stall_until_ms = WallNowMs() + 100000;  // every marker probe stalls
  ASSERT_TRUE(w.AddMarker("m3", WallNowMs()));
  SleepMs(600);  // past the 400 ms statement limit
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  int stalls = 0;
  for (const auto& [s, phase] : sink.samples) {
    if (s.query != "marker") continue;
    EXPECT_FALSE(s.ok()) << "no marker probe answered";
    EXPECT_EQ(phase, kPhaseSteady);
    if (!s.stalled) continue;  // cancelled by Finish
    EXPECT_EQ(s.stall, "fake job 42 RUNNING");
    ++stalls;
  }
  EXPECT_GE(stalls, 1);
  ASSERT_EQ(sink.markers.size(), 1u);
  EXPECT_FALSE(sink.markers[0].t_seen_ms.has_value());
  EXPECT_EQ(sink.markers[0].probes, 0) << "a stalled probe is not a miss";
  EXPECT_GE(sink.markers[0].failed_probes, 1);
}

TEST(RunPatternWorkerTest, AMarkerProbeIsCutAtAFewNormalAnswersNotTheStatementLimit) {
  const int64_t limit = 120000;
  EXPECT_EQ(MarkerProbeLimitMs({}, limit), limit) << "no answer yet: the statement limit";
  EXPECT_EQ(MarkerProbeLimitMs({3, 40}, limit), kMarkerLimitFloorMs) << "fast engines: the floor";
  EXPECT_EQ(MarkerProbeLimitMs({5000, 9000, 6000}, limit), kMarkerLimitFactor * 9000)
      << "a few times the slowest recent answer";
  EXPECT_EQ(MarkerProbeLimitMs({50000}, limit), limit) << "never past the statement limit";
}

TEST(RunPatternWorkerTest, MarkersAreStillProbedAfterQ3Stops) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.marker_visible_ms = origin + 10000000;  // not before the queries stop
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  while (w.phase() != PatternWorker::Phase::kSteady && WallNowMs() < origin + 2000) SleepMs(10);
  ASSERT_TRUE(w.AddMarker("m4", WallNowMs()));
  w.EnterDrain();
  w.StopQueries();
  size_t q3_after_stop = 0;
  {
    std::lock_guard<std::mutex> l(sink.mu);
    for (const auto& [s, phase] : sink.samples) q3_after_stop += s.query == "q3" ? 1 : 0;
  }
  const int64_t visible = WallNowMs() + 100;  // the lake commits after the drain
  e.marker_visible_ms = visible;
  while (w.PendingMarkers() > 0 && WallNowMs() < visible + 2000) SleepMs(5);
  w.Finish("test over");
  std::lock_guard<std::mutex> l(sink.mu);
  size_t q3 = 0;
  for (const auto& [s, phase] : sink.samples) q3 += s.query == "q3" ? 1 : 0;
  EXPECT_EQ(q3, q3_after_stop) << "no Q3 probe after StopQueries";
  ASSERT_EQ(sink.markers.size(), 1u);
  ASSERT_TRUE(sink.markers[0].t_seen_ms.has_value()) << sink.markers[0].error;
  EXPECT_GE(*sink.markers[0].t_seen_ms, visible);
}

TEST(RunPatternWorkerTest, CancelReachesAStatementInFlight) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.stall_until_ms = origin + 100000;
  auto spec = Spec(&e);
  spec.statement_timeout_ms = 100000;
  PatternWorker w(spec, &sink);
  w.Start(origin, origin + 10000, false);
  SleepMs(200);
  const double t0 = MonotonicNowMs();
  w.Cancel();
  w.Finish("interrupted");
  EXPECT_LT(MonotonicNowMs() - t0, 1000) << "Finish does not wait for the stalled statements";
  EXPECT_EQ(e.cancelled.load(), 2) << "both probes in flight were cancelled";
  EXPECT_FALSE(w.failed()) << "a cancelled probe is not an engine failure";
}

TEST(RunPatternWorkerTest, AMarkerNeverSeenSaysWhyAndHowOftenItWasProbed) {
  FakeEngine e;
  RecordingSink sink;
  const int64_t origin = WallNowMs();
  e.marker_visible_ms = origin + 10000000;
  PatternWorker w(Spec(&e), &sink);
  w.Start(origin, origin + 10000, false);
  while (w.phase() != PatternWorker::Phase::kSteady && WallNowMs() < origin + 2000) SleepMs(10);
  ASSERT_TRUE(w.AddMarker("m2", WallNowMs()));
  SleepMs(100);
  w.Finish("the drain ended");
  std::lock_guard<std::mutex> l(sink.mu);
  ASSERT_EQ(sink.markers.size(), 1u);
  EXPECT_FALSE(sink.markers[0].t_seen_ms.has_value());
  EXPECT_NE(sink.markers[0].error.find("the drain ended"), std::string::npos) << sink.markers[0].error;
  EXPECT_GT(sink.markers[0].probes, 0);
}

TEST(RunPatternWorkerTest, AnEngineBudgetSharedByTwoPatternsIsNeverExceeded) {
  // Two patterns on one engine that runs one statement at a time: the run
  // must not queue its own probes there; a tick without a share is an
  // in-flight sample, not a statement waiting on the engine.
  FakeEngine e;
  RecordingSink sink_a, sink_b;
  StatementBudget budget(1);
  const int64_t origin = WallNowMs();
  e.stall_until_ms = origin + 200;
  auto spec = Spec(&e);
  spec.budget = &budget;
  spec.marker_sql = nullptr;
  PatternWorker a(spec, &sink_a);
  spec.pattern = "pg";
  PatternWorker b(spec, &sink_b);
  a.Start(origin, origin + 10000, false);
  b.Start(origin, origin + 10000, false);
  SleepMs(400);
  a.Finish("test over");
  b.Finish("test over");
  int answered = 0, waiting = 0;
  for (auto* sink : {&sink_a, &sink_b}) {
    std::lock_guard<std::mutex> l(sink->mu);
    for (auto& [s, phase] : sink->samples) (s.in_flight() ? waiting : answered) += 1;
  }
  EXPECT_GT(waiting, 3);
  EXPECT_GT(answered, 0);
  EXPECT_LE(e.calls.load(), answered + 2) << "no statement was sent beyond the budget";
}

}  // namespace
}  // namespace freshbench
