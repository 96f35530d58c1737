// `run --fault TARGET:ACTION@T[+D]`: the parser, the plan's checks, the
// injector's schedule and its undo on every way out (a fake target), and
// what the report makes of a fault window (report/fault_impact.h).
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "measure/clock.h"
#include "report/fault_impact.h"
#include "run/fault_injector.h"
#include "run/fault_plan.h"

namespace freshbench {
namespace {

TEST(RunFaultPlanTest, ParsesTargetActionTimeAndDuration) {
  auto f = ParseFault("kafka-2:kill@30+20");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->target, "kafka-2");
  EXPECT_EQ(f->action, FaultAction::kKill);
  EXPECT_DOUBLE_EQ(f->at_s, 30);
  ASSERT_TRUE(f->duration_s);
  EXPECT_DOUBLE_EQ(*f->duration_s, 20);
  EXPECT_EQ(f->text, "kafka-2:kill@30+20");

  auto r = ParseFault("clickhouse:restart@45.5");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->action, FaultAction::kRestart);
  EXPECT_DOUBLE_EQ(r->at_s, 45.5);
  EXPECT_FALSE(r->duration_s);

  for (const char* ok : {"fluss:pause@10+5", "flink-taskmanager:kill@0", "kafka:restart@1",
                         "fluss-coordinator:restart@3+2", "zookeeper:pause@1+1"})
    EXPECT_TRUE(ParseFault(ok).ok()) << ok;
}

TEST(RunFaultPlanTest, BadSpellingIsOneLineQuotingWhatWasTyped) {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {Case{"kafka-2", "expected TARGET:ACTION@T[+D]"},
                        Case{"kafka-2:kill", "expected TARGET:ACTION@T[+D]"},
                        Case{":kill@3", "no target"},
                        Case{"clickhous:kill@3", "unknown stack component 'clickhous'"},
                        Case{"kafka-9:kill@3", "at most"},
                        Case{"kafka-2:stop@30", "unknown action 'stop' (kill, restart or pause)"},
                        Case{"kafka-2:kill@-1", "'-1' is not a time"},
                        Case{"kafka-2:kill@abc", "'abc' is not a time"},
                        Case{"kafka-2:kill@30+0", "'+0' is not a duration"},
                        Case{"kafka-2:kill@30+", "'+' is not a duration"},
                        Case{"kafka-2:kill@30+2x", "'+2x' is not a duration"},
                        Case{"kafka-2,clickhouse:kill@3", "one target only"}}) {
    auto f = ParseFault(c.text);
    ASSERT_FALSE(f.ok()) << c.text;
    EXPECT_EQ(f.status().code(), Status::Code::kInvalidArgument);
    const std::string msg = f.status().message();
    EXPECT_EQ(msg.rfind(std::string("--fault ") + c.text + ":", 0), 0u) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}

TEST(RunFaultPlanTest, APlanFitsTheLoadAndFaultsOnOneTargetDoNotOverlap) {
  auto plan = [](std::vector<const char*> texts) {
    std::vector<FaultSpec> out;
    for (const char* t : texts) out.push_back(*ParseFault(t));
    return out;
  };
  EXPECT_TRUE(ValidateFaultPlan(plan({"kafka-2:kill@30+20", "clickhouse:restart@40"}), 100).ok());
  EXPECT_TRUE(ValidateFaultPlan(plan({"kafka-2:kill@10+5", "kafka-2:pause@20+5"}), 100).ok());
  const Status late = ValidateFaultPlan(plan({"kafka-2:kill@100"}), 100);
  EXPECT_NE(late.message().find("after the load ends (--duration 100 s)"), std::string::npos)
      << late.message();
  const Status past = ValidateFaultPlan(plan({"kafka-2:kill@90+20"}), 100);
  EXPECT_NE(past.message().find("--fault kafka-2:kill@90+20: ends at 110 s"), std::string::npos)
      << past.message();
  const Status overlap = ValidateFaultPlan(plan({"kafka-2:kill@10+20", "kafka-2:pause@25+5"}), 100);
  EXPECT_NE(overlap.message().find("--fault kafka-2:pause@25+5: overlaps --fault kafka-2:kill@10+20"),
            std::string::npos)
      << overlap.message();
  // Without +D a kill lasts until the load ends.
  EXPECT_FALSE(ValidateFaultPlan(plan({"kafka-2:kill@10", "kafka-2:restart@50"}), 100).ok());
}

// Records what a fault did, in order.
class FakeTarget : public FaultTarget {
 public:
  Result<std::string> Kill(const std::string& c) override { return Do("kill " + c); }
  Result<std::string> Pause(const std::string& c) override { return Do("pause " + c); }
  Result<std::string> Continue(const std::string& c) override { return Do("continue " + c); }
  Result<std::string> Stop(const std::string& c) override { return Do("stop " + c); }
  Result<std::string> Start(const std::string& c) override { return Do("start " + c); }
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  Result<std::string> Do(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(what);
    return what + " done";
  }
  std::mutex mu_;
  std::vector<std::string> calls_;
};

TEST(RunFaultInjectorTest, KillsThenStartsAfterDAndRecordsTheWindow) {
  auto fake = std::make_unique<FakeTarget>();
  FakeTarget* target = fake.get();
  std::mutex mu;
  std::vector<PhaseEvent> events;
  FaultInjector inj({*ParseFault("kafka-2:kill@0.1+0.2")}, std::move(fake),
                    [&](const FaultWindow&, const PhaseEvent& e) {
                      std::lock_guard<std::mutex> lock(mu);
                      events.push_back(e);
                    });
  const int64_t t0 = WallNowMs();
  inj.Start(t0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(inj.active()->load(), 1) << "killed, not yet back";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(inj.active()->load(), 0);
  EXPECT_EQ(target->calls(), (std::vector<std::string>{"kill kafka-2", "start kafka-2"}));
  const FaultWindow w = inj.windows().at(0);
  ASSERT_TRUE(w.start_ms && w.end_ms);
  EXPECT_GE(*w.start_ms - t0, 100);
  EXPECT_GE(*w.end_ms - *w.start_ms, 190);
  EXPECT_EQ(w.how, "kill kafka-2 done; start kafka-2 done");
  inj.Restore();
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].phase, kPhaseFault);
  EXPECT_EQ(events[1].phase, kPhaseFaultEnd);
  EXPECT_EQ(events[0].note, "kafka-2:kill@0.1+0.2: kill kafka-2 done");
}

TEST(RunFaultInjectorTest, RestoreUndoesAPauseAtOnceAndSkipsFaultsNotBegun) {
  auto fake = std::make_unique<FakeTarget>();
  FakeTarget* target = fake.get();
  FaultInjector inj({*ParseFault("fluss:pause@0+60"), *ParseFault("clickhouse:kill@30")},
                    std::move(fake), nullptr);
  inj.Start(WallNowMs());
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const auto t = std::chrono::steady_clock::now();
  inj.Restore();  // the run ends early (an error, Ctrl-C)
  EXPECT_LT(std::chrono::steady_clock::now() - t, std::chrono::seconds(2));
  EXPECT_EQ(target->calls(), (std::vector<std::string>{"pause fluss", "continue fluss"}));
  EXPECT_EQ(inj.active()->load(), 0);
  EXPECT_EQ(inj.windows().at(1).error, "not applied: the run ended first");
  inj.Restore();  // idempotent
  EXPECT_EQ(target->calls().size(), 2u);
}

TEST(RunFaultInjectorTest, AKillWithoutDurationLastsUntilTheLoadEnds) {
  auto fake = std::make_unique<FakeTarget>();
  FakeTarget* target = fake.get();
  FaultInjector inj({*ParseFault("clickhouse:kill@0")}, std::move(fake), nullptr);
  inj.Start(WallNowMs());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(target->calls(), std::vector<std::string>{"kill clickhouse"});
  inj.LoadEnded();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(target->calls(), (std::vector<std::string>{"kill clickhouse", "start clickhouse"}));
}

// A pattern's Q3 answers around a fault window at +10 s .. +20 s.
RunData FaultRun(std::vector<std::pair<int64_t, double>> answers) {
  RunData run;
  FaultWindow w;
  w.spec = "kafka-2:kill@10+10";
  w.target = "kafka-2";
  w.start_ms = 10000;
  w.end_ms = 20000;
  run.info.faults.push_back(w);
  for (auto [t, fresh] : answers) {
    QuerySample s;
    s.pattern = "p1";
    s.query = "q3";
    s.t_submit_ms = t - 5;
    s.t_done_ms = t;
    s.freshness_lag_ms = fresh;
    run.samples.push_back({s, kPhaseSteady});
  }
  return run;
}

TEST(FaultImpactTest, RecoveryIsTheFirstAnswerBackUnderThePreFaultP95) {
  RunData run = FaultRun({{2000, 100}, {4000, 200}, {6000, 300}, {8000, 150},  // before
                          {12000, 5000}, {18000, 9000},                          // during
                          {21000, 4000}, {23000, 250}, {25000, 120}});           // after
  FaultImpact r = AssessFault(run, 0, "p1", std::nullopt);
  ASSERT_TRUE(r.before_p95_ms);
  EXPECT_DOUBLE_EQ(*r.before_p95_ms, 300);
  EXPECT_EQ(r.during.n, 2);
  EXPECT_DOUBLE_EQ(r.during.max, 9000);
  ASSERT_TRUE(r.recovered_ms);
  EXPECT_EQ(*r.recovered_ms, 23000);
  EXPECT_DOUBLE_EQ(*r.time_to_recover_ms, 13000) << "from the fault's start";
  EXPECT_EQ(r.after.n, 3);
}

TEST(FaultImpactTest, APatternCanRecoverWhileItsTargetIsStillDown) {
  // A broker whose partitions moved: fresh again before the broker is back.
  RunData run = FaultRun({{2000, 100}, {8000, 300}, {12000, 9000}, {14000, 200}, {16000, 250}});
  run.info.faults[0].end_ms.reset();
  FaultImpact r = AssessFault(run, 0, "p1", std::nullopt);
  ASSERT_TRUE(r.recovered_ms);
  EXPECT_EQ(*r.recovered_ms, 14000);
  EXPECT_DOUBLE_EQ(*r.time_to_recover_ms, 4000);
}

TEST(FaultImpactTest, NeverBackUnderTheBarIsNotRecoveredAndSaysWhy) {
  RunData run = FaultRun({{2000, 100}, {12000, 5000}, {21000, 4000}, {23000, 3000}});
  FaultImpact r = AssessFault(run, 0, "p1", std::nullopt);
  EXPECT_FALSE(r.recovered_ms);
  EXPECT_NE(r.not_recovered.find("never back under its pre-fault p95 (100 ms)"), std::string::npos)
      << r.not_recovered;
  // In the drain (load stopped at +20 s) the bar grows with the time since:
  // at +21 s 4000 > 100 + 1000; at +23 s 3000 <= 100 + 3000.
  run.phases.push_back({20000, kPhaseDrain, "", ""});
  r = AssessFault(run, 0, "p1", std::nullopt);
  ASSERT_TRUE(r.recovered_ms);
  EXPECT_EQ(*r.recovered_ms, 23000);
  run.phases.clear();
  run.info.faults[0].end_ms.reset();  // the target never came back
  r = AssessFault(run, 0, "p1", std::nullopt);
  EXPECT_FALSE(r.recovered_ms);
  EXPECT_EQ(r.not_recovered,
            "freshness never back under its pre-fault p95 (100 ms) by the end of the run (kafka-2 "
            "was not back when the run ended)");
}

}  // namespace
}  // namespace freshbench
