#include <gtest/gtest.h>

#include <cmath>

#include "metrics/prometheus_metrics.h"
#include "run/load_source.h"
#include "run/progress.h"
#include "run/steady_state.h"

namespace freshbench {
namespace {

TEST(RunSteadyStateTest, CatchUpIsNotSteadyAFlatSeriesIs) {
  SteadyStateDetector d(4, 50);
  // Backlog draining: freshness falls 1 s per second.
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(d.Add(i * 5000, 60000.0 - i * 5000));
  EXPECT_LT(d.slope(), -500);
  // Flat around 2 s with noise.
  const double flat[] = {2100, 1900, 2050, 1980};
  bool steady = false;
  for (int i = 0; i < 4; ++i) steady = d.Add(30000 + i * 5000, flat[i]);
  EXPECT_TRUE(steady);
  EXPECT_TRUE(d.Add(60000, 90000)) << "latched";
}

TEST(RunSteadyStateTest, NoDataClearsTheWindow) {
  SteadyStateDetector d(3, 50);
  EXPECT_FALSE(d.Add(0, 5));
  EXPECT_FALSE(d.Add(1000, 5));
  EXPECT_FALSE(d.Add(2000, std::nullopt));
  EXPECT_FALSE(d.Add(3000, 5));
  EXPECT_FALSE(d.Add(4000, 5));
  EXPECT_TRUE(d.Add(5000, 5));
}

TEST(RunSteadyStateTest, RisingSawtoothCountsAsSteady) {
  // A tiered lake's freshness grows until the next snapshot: not catch-up.
  SteadyStateDetector d(4, 50);
  bool steady = false;
  for (int i = 0; i < 4; ++i) steady = d.Add(i * 5000, 60000.0 + i * 5000);
  EXPECT_TRUE(steady);
}

TEST(RunSteadyStateTest, OldBacklogIsNotSteadyEvenWhenFlat) {
  // The run began at t=100 s. An engine stuck on events from before it (its
  // newest event at 40 s) shows a flat freshness of 60 s: still catch-up.
  SteadyStateDetector d(3, 50, 100000);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(d.Add(100000 + i * 1000, 60000.0 + i * 1000));
  // Once its newest event is from the run, a flat series is steady.
  bool steady = false;
  for (int i = 0; i < 3; ++i) steady = d.Add(110000 + i * 1000, 2000);
  EXPECT_TRUE(steady);
}

TEST(RunMetricsTest, RendersGaugesAndCumulativeHistograms) {
  PrometheusMetrics m;
  m.SetGauge("freshbench_freshness_lag_ms", {{"pattern", "p1"}}, 1834);
  m.SetGauge("freshbench_generator_rps", {}, 5000);
  m.Observe("freshbench_query_latency_ms", {{"pattern", "p1"}, {"query", "q3"}}, 3);
  m.Observe("freshbench_query_latency_ms", {{"pattern", "p1"}, {"query", "q3"}}, 700);
  const std::string text = m.Render();
  EXPECT_NE(text.find("# TYPE freshbench_freshness_lag_ms gauge\n"
                      "freshbench_freshness_lag_ms{pattern=\"p1\"} 1834\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("freshbench_generator_rps 5000\n"), std::string::npos);
  EXPECT_NE(text.find("freshbench_query_latency_ms_bucket{pattern=\"p1\",query=\"q3\",le=\"5\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("freshbench_query_latency_ms_bucket{pattern=\"p1\",query=\"q3\",le=\"1000\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("freshbench_query_latency_ms_bucket{pattern=\"p1\",query=\"q3\",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("freshbench_query_latency_ms_count{pattern=\"p1\",query=\"q3\"} 2\n"),
            std::string::npos);
}

TEST(RunProgressTest, OneLineWithEveryPattern) {
  ProgressStatus s;
  s.phase = "steady";
  s.elapsed_s = 133;
  s.remaining_s = 467;
  s.generator_rps = 4998.4;
  s.patterns = {{"p0", 3.0, 100, "steady"}, {"p1", 1820, 90, "catchup"}, {"p2", std::nan(""), -1, "catchup"}};
  EXPECT_EQ(FormatProgress(s),
            "steady 02:13 (07:47 left) | gen 4,998/s | p0 3.0 ms | p1 1.82 s (catchup) | p2 – "
            "(catchup)");
}

TEST(RunLoadSourceTest, MarkerIdsAreVersion4Uuids) {
  const std::string a = NewUuid(), b = NewUuid();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b') << a;
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[23], '-');
}

}  // namespace
}  // namespace freshbench
