#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "report/run_data.h"
#include "report/stats.h"
#include "report/summary.h"
#include "report_fixture.h"

namespace freshbench {
namespace {
using nlohmann::json;

class ReportSummaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("fb_summary_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    dir_ = testing::WriteSyntheticRun(root_.string(), "run-a");
    ASSERT_FALSE(dir_.empty());
    auto run = LoadRunData(dir_);
    ASSERT_TRUE(run.ok()) << run.status().message();
    run_ = *run;
    summary_ = BuildSummary(run_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  const json& Pattern(const std::string& id) {
    for (const json& p : summary_["patterns"])
      if (p["id"] == id) return p;
    static json none;
    return none;
  }

  std::filesystem::path root_;
  std::string dir_;
  RunData run_;
  json summary_;
};

TEST(StatsTest, NearestRankPicksRealSamples) {
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);
  MetricStats s = ComputeStats(v);
  EXPECT_EQ(s.n, 100);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p95, 95);
  EXPECT_EQ(s.p99, 99);
  EXPECT_EQ(s.max, 100);
  MetricStats one = ComputeStats({7.5});
  EXPECT_EQ(one.p50, 7.5);
  EXPECT_EQ(one.p99, 7.5);
  EXPECT_TRUE(StatsToJson(ComputeStats({})).is_null());
  EXPECT_EQ(StatsFromJson(StatsToJson(s))->p95, 95);
}

TEST_F(ReportSummaryTest, LoadsEveryRawFile) {
  EXPECT_EQ(run_.info.run_id, "run-a");
  EXPECT_EQ(run_.samples.size(), 28u + 12u + 1u);
  EXPECT_EQ(run_.markers.size(), 8u);
  EXPECT_EQ(run_.generator.size(), 60u);
  EXPECT_EQ(run_.phases.size(), 5u);
  EXPECT_EQ(run_.completeness.size(), 2u);
  EXPECT_EQ(run_.skipped_lines, 0);
}

TEST_F(ReportSummaryTest, FreshnessUsesSteadyPhaseOnly) {
  const json& f0 = Pattern("p0")["queries"]["q3"]["freshness_lag_ms"];
  EXPECT_EQ(f0["n"], 11);
  EXPECT_EQ(f0["p50"], 3.0);
  EXPECT_EQ(f0["p95"], 4.0);
  const json& f1 = Pattern("p1")["queries"]["q3"]["freshness_lag_ms"];
  EXPECT_EQ(f1["n"], 8);
  EXPECT_EQ(f1["p50"], 1600.0);
  EXPECT_EQ(f1["p95"], 1900.0);
  EXPECT_EQ(f1["max"], 1900.0);
  EXPECT_EQ(Pattern("p1")["basis"], "steady");
  EXPECT_EQ(Pattern("p1")["queries"]["q3"]["pipeline_lag_ms"]["p50"], 1400.0);
}

TEST_F(ReportSummaryTest, CatchupIsReportedApart) {
  const json& p1 = Pattern("p1");
  EXPECT_EQ(p1["catchup_ms"], 19000);
  EXPECT_EQ(p1["steady_from_ms"], testing::kT0 + 20000);
  EXPECT_EQ(p1["catchup"]["samples"], 4);
  EXPECT_EQ(p1["catchup"]["freshness_lag_ms"]["max"], 28000.0);
  EXPECT_EQ(Pattern("p0")["catchup_ms"], 4000);
}

TEST_F(ReportSummaryTest, QueryErrorsAreCountedNotMeasured) {
  const json& q2 = Pattern("p1")["queries"]["q2"];
  EXPECT_EQ(q2["samples"], 4);
  EXPECT_EQ(q2["errors"], 1);
  EXPECT_EQ(q2["query_latency_ms"]["n"], 3);
  EXPECT_EQ(q2["query_latency_ms"]["p50"], 91.0);
  EXPECT_EQ(q2["last_error"], "Code: 241, memory limit exceeded");
  EXPECT_EQ(Pattern("p1")["queries"]["q1"]["query_latency_ms"]["p50"], 41.0);
}

TEST_F(ReportSummaryTest, IngestionMarkersGeneratorCompleteness) {
  EXPECT_DOUBLE_EQ(Pattern("p0")["ingestion_rate_rps"].get<double>(), 1000.0);
  EXPECT_NEAR(Pattern("p1")["ingestion_rate_rps"].get<double>(), 35000.0 / 35.007, 1e-6);
  const json& m = Pattern("p1")["markers"];
  EXPECT_EQ(m["injected"], 4);
  EXPECT_EQ(m["seen"], 4);
  EXPECT_EQ(m["visibility_latency_ms"]["p50"], 2000.0);
  EXPECT_EQ(m["visibility_latency_ms"]["p95"], 2400.0);
  const json& g = summary_["generator"];
  EXPECT_EQ(g["total_delivered"], 59990);
  EXPECT_NEAR(g["mean_rps"].get<double>(), 999.8333, 1e-3);
  EXPECT_EQ(g["target_rps"], 1000);
  EXPECT_EQ(Pattern("p0")["completeness"]["complete"], true);
  EXPECT_EQ(Pattern("p1")["completeness"]["complete"], false);
  EXPECT_EQ(Pattern("p1")["completeness"]["lost"], 3);
  EXPECT_EQ(summary_["footprint"]["rss_mib"]["max"], 55.0);
  EXPECT_EQ(summary_["skipped"][0]["id"], "p2");
  EXPECT_EQ(summary_["machine"]["cpu_model"], "Test CPU");
  EXPECT_DOUBLE_EQ(summary_["duration_s"].get<double>(), 75.0);
}

// Every order statistic in the summary is a value present in the raw files.
TEST_F(ReportSummaryTest, EveryPercentileIsARawValue) {
  std::set<double> raw;
  for (const PhasedSample& ps : run_.samples) {
    const QuerySample& s = ps.sample;
    raw.insert(s.query_latency_ms);
    raw.insert(static_cast<double>(s.rows));
    for (auto v : {s.freshness_lag_ms, s.pipeline_lag_ms, s.engine_freshness_lag_ms,
                   s.clock_skew_ms})
      if (v) raw.insert(*v);
  }
  for (const MarkerSample& m : run_.markers)
    if (m.visibility_latency_ms) raw.insert(*m.visibility_latency_ms);
  for (const MarkerSample& m : run_.markers)
    if (m.visibility_lower_bound_ms) raw.insert(*m.visibility_lower_bound_ms);
  for (const GeneratorSample& g : run_.generator) raw.insert(g.rps);
  for (const FootprintSample& f : run_.footprint) {
    raw.insert(f.cpu_pct);
    raw.insert(f.rss_mib);
  }
  int checked = 0;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("p50") && j.contains("n")) {
        for (const char* k : {"min", "p50", "p95", "p99", "max"}) {
          EXPECT_TRUE(raw.count(j[k].get<double>())) << k << "=" << j[k] << " in " << j.dump();
          ++checked;
        }
      }
      for (auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const json& v : j) walk(v);
    }
  };
  walk(summary_);
  EXPECT_GT(checked, 50);
}

TEST_F(ReportSummaryTest, TruncatedLastLineIsSkippedNotFatal) {
  std::ofstream(dir_ + "/samples.jsonl", std::ios::app) << "{\"pattern\":\"p1\",\"qu";
  auto run = LoadRunData(dir_);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->skipped_lines, 1);
  EXPECT_EQ(BuildSummary(*run)["raw_lines_skipped"], 1);
}

TEST(RunDataTest, MissingRunIsNotFound) {
  auto run = LoadRunData("/nonexistent/freshbench/run");
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), Status::Code::kNotFound);
}

TEST(RunDataTest, RunIdIsUtcTimestamp) {
  EXPECT_EQ(MakeRunId(testing::kT0), "20231114-221320");
}

}  // namespace
}  // namespace freshbench
