// The per-step verdicts: generator short or not, a pattern within, broke
// (engine behind or not), no data, failed; and the sweep summary that picks
// the highest rate within the target from them.
#include <gtest/gtest.h>

#include "sweep/step_verdict.h"
#include "sweep/sweep_summary.h"

namespace freshbench {
namespace {
using nlohmann::json;

std::vector<GeneratorSample> Seconds(int64_t from_ms, int n, int64_t per_s, double lag_ms) {
  std::vector<GeneratorSample> out;
  for (int i = 1; i <= n; ++i) {
    GeneratorSample g;
    g.ts_ms = from_ms + i * 1000;
    g.interval_ms = 1000;
    g.sent = g.delivered = per_s;
    g.rps = static_cast<double>(per_s);
    g.lag_ms = lag_ms;
    g.late = 0;
    out.push_back(g);
  }
  return out;
}

TEST(SweepGenerator, DeliveringTheRateIsNotShort) {
  const GeneratorVerdict v = JudgeGenerator(4000, Seconds(0, 30, 4000, 3), 0);
  EXPECT_FALSE(v.short_of_target) << v.why;
  ASSERT_TRUE(v.delivered_rps);
  EXPECT_DOUBLE_EQ(*v.delivered_rps, 4000);
  EXPECT_EQ(v.sent, 30 * 4000);
}

TEST(SweepGenerator, ShortWhenItDeliversLessOrFallsBehind) {
  GeneratorVerdict slow = JudgeGenerator(64000, Seconds(0, 30, 41000, 0), 0);
  EXPECT_TRUE(slow.short_of_target);
  EXPECT_NE(slow.why.find("delivered 41,000 events/s of 64,000 (64%)"), std::string::npos) << slow.why;
  // Lag is evidence, not the verdict: on rate on average is not short.
  GeneratorVerdict behind = JudgeGenerator(4000, Seconds(0, 30, 4000, 3000), 0);
  EXPECT_FALSE(behind.short_of_target);
  EXPECT_EQ(*behind.max_lag_ms, 3000);
  // The first 5 s (start-up) do not count.
  auto samples = Seconds(0, 30, 4000, 0);
  samples[0].delivered = samples[1].delivered = 0;
  EXPECT_FALSE(JudgeGenerator(4000, samples, 0).short_of_target);
  EXPECT_TRUE(JudgeGenerator(4000, {}, 0).short_of_target);
}

TEST(SweepSlope, LeastSquaresInMsPerSecond) {
  EXPECT_FALSE(FreshnessSlope({{0, 1}, {5000, 2}}));      // too few points
  EXPECT_FALSE(FreshnessSlope({{0, 1}, {2000, 2}, {4000, 3}}));  // under 10 s
  auto s = FreshnessSlope({{0, 1000}, {10000, 3000}, {20000, 5000}});
  ASSERT_TRUE(s);
  EXPECT_NEAR(*s, 200, 1e-9);
}

json PatternSummary(double fresh_p95, std::optional<double> ingestion) {
  return {{"id", "p1"},
          {"failed", false},
          {"ingestion_rate_rps", ingestion ? json(*ingestion) : json(nullptr)},
          {"queries",
           {{"q3", {{"freshness_lag_ms", {{"n", 10}, {"p50", fresh_p95 / 2}, {"p95", fresh_p95}}}}},
            {"q1", {{"query_latency_ms", {{"n", 3}, {"p95", 120.0}}}}}}},
          {"markers", {{"visibility_latency_ms", nullptr}}}};
}

Slo Target(const std::string& text) { return ParseSlo(text)->all; }

TEST(SweepPattern, WithinTheTarget) {
  const PatternVerdict v = JudgePattern(PatternSummary(800, 4000), Target("freshness_p95=5s,q1_p95=1s"),
                                        {{0, 700}, {10000, 800}, {20000, 750}}, 4000, 3);
  EXPECT_EQ(v.outcome, "within");
  ASSERT_EQ(v.terms.size(), 2u);
  EXPECT_TRUE(v.terms[0].within);
  EXPECT_EQ(*v.terms[1].value_ms, 120);
}

TEST(SweepPattern, BrokeBecauseTheEngineFellBehind) {
  // Freshness grows 0.5 s per second and it ingests 30,000 of 64,000/s.
  const PatternVerdict v = JudgePattern(PatternSummary(30000, 30000), Target("freshness_p95=5s"),
                                        {{0, 5000}, {20000, 15000}, {40000, 25000}}, 64000, 3);
  EXPECT_EQ(v.outcome, "broke");
  EXPECT_TRUE(v.engine_behind);
  EXPECT_NE(v.why.find("freshness_p95 30.00 s > 5.00 s"), std::string::npos) << v.why;
  EXPECT_NE(v.why.find("the engine could not keep up"), std::string::npos) << v.why;
  EXPECT_NE(v.why.find("ingested 30,000 of 64,000 events/s"), std::string::npos) << v.why;
}

TEST(SweepPattern, BrokeWhileKeepingUp) {
  // Flat freshness above the target, ingesting what was delivered: the
  // figure is simply above the target (e.g. a slow query).
  const PatternVerdict v = JudgePattern(PatternSummary(7000, 3990), Target("freshness_p95=5s"),
                                        {{0, 7000}, {20000, 7100}, {40000, 6900}}, 4000, 3);
  EXPECT_EQ(v.outcome, "broke");
  EXPECT_FALSE(v.engine_behind);
  EXPECT_NE(v.why.find("the engine kept up"), std::string::npos) << v.why;
}

TEST(SweepPattern, CannotTellWithinOneCommitEpoch) {
  // A lake within one epoch: freshness rises 1 s per second, no new rows.
  const PatternVerdict v = JudgePattern(PatternSummary(330000, 0), Target("freshness_p95=5min"),
                                        {{0, 240000}, {45000, 285000}, {90000, 330000}}, 4000, 0);
  EXPECT_EQ(v.outcome, "broke");
  EXPECT_FALSE(v.engine_behind);
  EXPECT_NE(v.why.find("cannot be told"), std::string::npos) << v.why;
}

TEST(SweepPattern, NoDataAndFailed) {
  json empty = {{"id", "p3"}, {"failed", false}, {"queries", json::object()}};
  EXPECT_EQ(JudgePattern(empty, Target("freshness_p95=5min"), {}, 1000, 0).outcome, "no data");
  json failed = PatternSummary(100, 1000);
  failed["failed"] = true;
  failed["failure"] = "3 consecutive Q3 probes failed";
  const PatternVerdict v = JudgePattern(failed, Target("freshness_p95=5s"), {}, 1000, 0);
  EXPECT_EQ(v.outcome, "failed");
  EXPECT_NE(v.why.find("3 consecutive"), std::string::npos);
}

// A two-step sweep from raw records: p0 within at both rates, p1 breaks at
// the second; the table takes each pattern's highest rate within target.
TEST(SweepSummary, HighestRateWithinAndFirstBroken) {
  RunData run;
  run.info.run_id = "sweep-a";
  run.info.started_ms = 0;
  run.info.status = "complete";
  for (const char* id : {"p0", "p1"}) {
    PatternInfo p;
    p.id = p.name = id;
    run.info.patterns.push_back(p);
  }
  SweepRecord rec;
  rec.rates = {1000, 4000};
  rec.step_s = 60;
  rec.targets = {{"p0", "freshness_p95=5s"}, {"p1", "freshness_p95=5s"}};
  rec.steps = {{0, 1000, 0, 60000, {"p0", "p1"}, std::nullopt},
               {1, 4000, 61000, 121000, {"p0", "p1"}, std::nullopt}};
  for (int step = 0; step < 2; ++step) {
    const int64_t from = rec.steps[step].from_ms;
    for (auto g : Seconds(from, 59, static_cast<int64_t>(rec.steps[step].rate), 1)) run.generator.push_back(g);
    run.phases.push_back({from + 10000, "steady", "", ""});
    for (int k = 0; k < 10; ++k) {
      for (const char* id : {"p0", "p1"}) {
        QuerySample s;
        s.pattern = id;
        s.query = "q3";
        s.t_tick_ms = s.t_submit_ms = from + 10000 + k * 5000;
        s.t_done_ms = s.t_submit_ms + 50;
        s.query_latency_ms = 50;
        const bool p1_behind = std::string(id) == "p1" && step == 1;
        s.freshness_lag_ms = p1_behind ? 1000.0 + 1000.0 * k : 200.0;
        s.total_rows = (step * 100000) + k * (p1_behind ? 1000 : static_cast<int64_t>(rec.steps[step].rate) * 5);
        run.samples.push_back({s, "steady", step});
      }
    }
  }
  const json s = BuildSweepSummary(run, rec);
  ASSERT_EQ(s["steps"].size(), 2u);
  EXPECT_EQ(s["steps"][1]["generator"]["short"], false);
  ASSERT_EQ(s["patterns"].size(), 2u);
  const json& p0 = s["patterns"][0];
  const json& p1 = s["patterns"][1];
  EXPECT_EQ(p0["highest_within_rps"], 4000);
  EXPECT_TRUE(p0["first_broken_rps"].is_null());
  EXPECT_EQ(p0["at"]["freshness_p95_ms"], 200.0);
  EXPECT_EQ(p1["highest_within_rps"], 1000);
  EXPECT_EQ(p1["first_broken_rps"], 4000);
  EXPECT_EQ(p1["first_broken_engine_behind"], true);
  EXPECT_NE(p1["first_broken_why"].get<std::string>().find("could not keep up"), std::string::npos);
  // Each step's figures are its own samples only.
  EXPECT_EQ(s["steps"][0]["patterns"][1]["figures"]["queries"]["q3"]["freshness_lag_ms"]["n"], 10);
}

}  // namespace
}  // namespace freshbench
