// The report over the open-loop runner's records (report_fixture.h,
// WriteOpenLoopRun): in-flight ticks, stalls, gaps, marker bounds, engine
// clocks that are not clocks, a failed pattern and the run's status line;
// and an older run's records, which must render as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "report/html_report.h"
#include "report/markdown_report.h"
#include "report/report_renderer.h"
#include "report/run_data.h"
#include "report/summary.h"
#include "report/svg_chart.h"
#include "report_fixture.h"

namespace freshbench {
namespace {
using nlohmann::json;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// The text of the <svg data-chart="kind"> element in `html`.
std::string Chart(const std::string& html, const std::string& kind) {
  const size_t a = html.find("data-chart=\"" + kind + "\"");
  if (a == std::string::npos) return "";
  return html.substr(a, html.find("</svg>", a) - a);
}

// The <g class="series" data-name="name" ...> element of `svg`.
std::string Series(const std::string& svg, const std::string& name) {
  const size_t a = svg.find("class=\"series\" data-name=\"" + name + "\"");
  if (a == std::string::npos) return "";
  return svg.substr(a, svg.find("</g>", a) - a);
}

class ReportOpenLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("fb_openloop_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    dir_ = testing::WriteOpenLoopRun(root_.string(), "run-t");
    ASSERT_FALSE(dir_.empty());
    auto run = LoadRunData(dir_);
    ASSERT_TRUE(run.ok()) << run.status().message();
    run_ = *run;
    summary_ = BuildSummary(run_);
    md_ = RenderMarkdown(summary_);
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
  std::string md_;
};

TEST_F(ReportOpenLoopTest, InFlightTicksCountInFreshnessNotInLatency) {
  const json& q3 = Pattern("p2")["queries"]["q3"];
  EXPECT_EQ(q3["samples"], 45);
  EXPECT_EQ(q3["answered"], 39);
  EXPECT_EQ(q3["in_flight"], 5);
  EXPECT_EQ(q3["failed_probes"], 1);
  EXPECT_EQ(q3["errors"], 1);
  EXPECT_EQ(q3["stalls"], 1);
  // 39 answers at 5 s and 5 lower bounds 8.7 .. 16.7 s.
  EXPECT_EQ(q3["freshness_lag_ms"]["n"], 44);
  EXPECT_EQ(q3["freshness_lag_ms"]["p50"], 5000.0);
  EXPECT_EQ(q3["freshness_lag_ms"]["p95"], 12700.0);
  EXPECT_EQ(q3["freshness_lag_ms"]["max"], 16700.0);
  // The stuck probe's running time and the stalled answer are not latencies.
  EXPECT_EQ(q3["query_latency_ms"]["n"], 39);
  EXPECT_EQ(q3["query_latency_ms"]["max"], 300.0);
  EXPECT_EQ(q3["rows"]["n"], 39);
  EXPECT_NE(md_.find("- p2: 5 Q3 ticks found the bound of probes in flight full; each counts in "
                     "freshness as a lower bound"),
            std::string::npos)
      << md_;
  EXPECT_NE(md_.find("leaving them out would be coordinated omission"), std::string::npos);
}

TEST_F(ReportOpenLoopTest, LongestStretchWithoutAnAnswer) {
  const json& q2 = Pattern("p2")["queries"]["q3"];
  EXPECT_EQ(q2["max_gap_ms"], 14000);  // answer at 36.3 s, next at 50.3 s
  EXPECT_EQ(q2["max_gap_from_ms"], testing::kT0 + 36300);
  EXPECT_EQ(q2["max_gap_to_ms"], testing::kT0 + 50300);
  EXPECT_EQ(Pattern("p1")["queries"]["q3"]["max_gap_ms"], 2000);
  // p3's last answer (64.05 s) is followed only by failed probes up to 70.005 s.
  EXPECT_EQ(Pattern("p3")["queries"]["q3"]["max_gap_ms"], 5955);
  EXPECT_EQ(Pattern("p1")["queries"].value("q1", json(nullptr)), nullptr);
  EXPECT_NE(md_.find("| p2 Fluss union read | flink 1.20.1 | 9.00 s | steady | 45 (5 / 1) | "
                     "14.00 s |"),
            std::string::npos)
      << md_;
}

TEST_F(ReportOpenLoopTest, StallsAreCountedAndNamed) {
  const json& st = Pattern("p2")["stalls"];
  EXPECT_EQ(st["count"], 2);
  ASSERT_EQ(st["handles"].size(), 2u);
  EXPECT_EQ(st["handles"][0]["stall"], "flink job 1a2b RUNNING");
  EXPECT_EQ(st["handles"][0]["query"], "q3");
  EXPECT_EQ(st["handles"][0]["phase"], "steady");
  EXPECT_EQ(st["handles"][0]["t_submit_ms"], testing::kT0 + 38000);
  EXPECT_EQ(st["handles"][1]["stall"], "flink job 5e6f RUNNING");
  EXPECT_EQ(st["handles"][1]["query"], "marker");
  EXPECT_EQ(Pattern("p1")["stalls"]["count"], 0);
  EXPECT_NE(md_.find("- p2 Fluss union read stalled 2 times: flink job 1a2b RUNNING (q3 at "
                     "+0:38); flink job 5e6f RUNNING (marker at +1:42)\n"),
            std::string::npos)
      << md_;
}

TEST_F(ReportOpenLoopTest, MarkerBoundsAndFailedProbes) {
  const json& m2 = Pattern("p2")["markers"];
  EXPECT_EQ(m2["injected"], 3);
  EXPECT_EQ(m2["seen"], 2);
  EXPECT_EQ(m2["not_seen"], 1);
  EXPECT_EQ(m2["failed_probes"], 4);
  EXPECT_EQ(m2["visibility_latency_ms"]["p50"], 8000.0);
  EXPECT_EQ(m2["visibility_latency_ms"]["p95"], 9000.0);
  EXPECT_EQ(m2["visibility_lower_bound_ms"]["p50"], 4000.0);
  EXPECT_EQ(m2["visibility_lower_bound_ms"]["p95"], 5000.0);
  const json& m1 = Pattern("p1")["markers"];
  EXPECT_EQ(m1["visibility_latency_ms"]["p50"], 750.0);
  EXPECT_EQ(m1["visibility_lower_bound_ms"]["p95"], 400.0);
  EXPECT_EQ(m1["failed_probes"], 0);
  EXPECT_NE(md_.find("marker visibility = answer arrival of the first probe that held the marker "
                     "− producer ack (an upper bound; lower bound p50/p95"),
            std::string::npos)
      << md_;
  EXPECT_NE(md_.find("- p2: p50 / p95 8.00 s / 9.00 s (an upper bound; lower bound p50 / p95 "
                     "4.00 s / 5.00 s); 2 of 3 seen, 4 failed probes.\n"),
            std::string::npos)
      << md_;
  EXPECT_NE(md_.find("| 2 of 3, 4 failed probes |"), std::string::npos) << md_;
}

TEST_F(ReportOpenLoopTest, ClockThatIsNotAClockIsNotApplicable) {
  const json& q2 = Pattern("p2")["queries"]["q3"];
  EXPECT_TRUE(q2["clock_skew_ms"].is_null());
  EXPECT_TRUE(q2["engine_freshness_lag_ms"].is_null());
  EXPECT_EQ(Pattern("p2")["clock"]["measurable"], false);
  EXPECT_NE(md_.find("| n/a: CURRENT_TIMESTAMP is fixed when Flink plans the query | n/a: "
                     "CURRENT_TIMESTAMP is fixed when Flink plans the query |"),
            std::string::npos)
      << md_;
  EXPECT_EQ(md_.find("-220"), std::string::npos) << "a plan-time constant is not a skew";
  // p1's skew comes from the setup measurement, not the samples' -3 ms.
  EXPECT_EQ(Pattern("p1")["clock"]["skew_ms"], -0.4);
  EXPECT_NE(md_.find("| 1.05 s | -0.40 ms ± 0.60 ms |"), std::string::npos) << md_;
  EXPECT_NE(md_.find("- p1 clock: now64() on the server, shortest of 5 round trips\n"),
            std::string::npos);
}

TEST_F(ReportOpenLoopTest, FailedPatternCoversTheTimeBefore) {
  const json& p3 = Pattern("p3");
  EXPECT_EQ(p3["failed"], true);
  EXPECT_EQ(p3["failed_ms"], testing::kT0 + 70000);
  EXPECT_EQ(p3["failure"], "connection refused");
  EXPECT_EQ(p3["samples_after_failure"], 5);
  const json& q3 = p3["queries"]["q3"];
  EXPECT_EQ(q3["samples"], 31);
  EXPECT_EQ(q3["failed_probes"], 3);
  EXPECT_EQ(q3["freshness_lag_ms"]["min"], 2000.0);  // not the 100 ms after the failure
  EXPECT_EQ(q3["freshness_lag_ms"]["p50"], 2200.0);
  EXPECT_EQ(p3["markers"]["injected"], 1);  // the marker acked after the failure is left out
  EXPECT_EQ(Pattern("p1")["failed"], false);
  EXPECT_NE(md_.find("| p3 Paimon lake (failed at +1:10: connection refused) | 2.20 s (before "
                     "failure) | 2.40 s (before failure) |"),
            std::string::npos)
      << md_;
  EXPECT_NE(md_.find("- p3 failed at +1:10: connection refused. Its figures cover the time "
                     "before (5 samples after it left out).\n"),
            std::string::npos)
      << md_;
  EXPECT_NE(md_.find("| p1 ClickHouse Kafka engine | 1.05 s | 1.09 s |"), std::string::npos);
}

TEST_F(ReportOpenLoopTest, FailureFromPhasesWhenRunJsonHasNone) {
  // A run killed before it rewrote run.json: the phase event still says it.
  testing::StripToOldRunInfo(dir_);
  auto run = LoadRunData(dir_);
  ASSERT_TRUE(run.ok());
  const json s = BuildSummary(*run);
  EXPECT_EQ(s["patterns"][2]["failed"], true);
  EXPECT_EQ(s["patterns"][2]["failure"], "connection refused");
  EXPECT_EQ(s["patterns"][2]["samples_after_failure"], 5);
  EXPECT_TRUE(s["exit_code"].is_null());
}

TEST_F(ReportOpenLoopTest, FirstLineSaysHowTheRunEnded) {
  EXPECT_EQ(summary_["exit_code"], 1);
  EXPECT_EQ(md_.substr(0, md_.find('\n')),
            "**Run incomplete** (exit 1): p2 lost 12 events; p3 failed at +1:10 (connection "
            "refused).");
  EXPECT_EQ(md_.find("\n\n# freshbench report: run run-t\n"), md_.find('\n'));
  json s = summary_;
  s["status"] = "complete";
  s["exit_code"] = 0;
  EXPECT_EQ(RenderMarkdown(s).rfind("**Run complete** (exit 0): every pattern measured and "
                                    "complete.\n",
                                    0),
            0u);
  s["status"] = "interrupted";
  s["exit_code"] = 130;
  s["note"] = "Ctrl-C at +1:05";
  EXPECT_EQ(RenderMarkdown(s).rfind("**Interrupted** (exit 130): Ctrl-C at +1:05; the figures "
                                    "cover the time before.\n",
                                    0),
            0u);
  s["status"] = "failed";
  s["exit_code"] = 1;
  s["note"] = "Kafka did not answer";
  EXPECT_EQ(RenderMarkdown(s).rfind("**Run failed** (exit 1): Kafka did not answer.\n", 0), 0u);
  s["status"] = "incomplete";
  s["note"] = "something else";
  s["patterns"] = json::array();
  EXPECT_EQ(RenderMarkdown(s).rfind("**Run incomplete** (exit 1): something else.\n", 0), 0u);
}

TEST_F(ReportOpenLoopTest, FreshnessChartShowsGapsStallsAndFailure) {
  const std::string html = RenderHtml(run_, summary_);
  EXPECT_NE(html.find("<p class=\"status\"><b>Run incomplete</b> (exit 1): p2 lost 12 events"),
            std::string::npos);
  const std::string chart = Chart(html, "freshness");
  ASSERT_FALSE(chart.empty());
  // p2: the line breaks at the 14 s stretch without an answer (> 2 x 2 s) ...
  const std::string p2 = Series(chart, "p2");
  EXPECT_NE(p2.find("data-points=\"43\" data-lower-bounds=\"5\" data-runs=\"2\""),
            std::string::npos)
      << p2.substr(0, 200);
  EXPECT_EQ(Count(p2, "<polyline"), 2u);
  // ... and the five in-flight ticks are hollow lower-bound marks.
  EXPECT_EQ(Count(p2, "class=\"lower-bound\""), 5u);
  EXPECT_NE(p2.find("&#8805; 16.70 s (probes still in flight)"), std::string::npos);
  const std::string p1 = Series(chart, "p1");
  EXPECT_NE(p1.find("data-runs=\"1\""), std::string::npos);
  EXPECT_EQ(Count(p1, "<polyline"), 1u);
  // p3: one line up to its last answer (the gap before the failure is 5.9 s),
  // nothing after its failure, which is a labelled line.
  const std::string p3 = Series(chart, "p3");
  EXPECT_NE(p3.find("data-points=\"32\""), std::string::npos) << p3.substr(0, 200);
  EXPECT_NE(chart.find("class=\"mark failure\" data-name=\"p3 failed\""), std::string::npos);
  for (const char* legend :
       {"line broken: no answer for more than 4 s",
        "in flight: freshness at least this (no answer yet)", "solid line: that pattern failed"})
    EXPECT_NE(chart.find(legend), std::string::npos) << legend;
}

TEST_F(ReportOpenLoopTest, MarkerChartDrawsEachMarkersBounds) {
  const std::string chart = Chart(RenderHtml(run_, summary_), "visibility");
  ASSERT_FALSE(chart.empty());
  EXPECT_NE(Series(chart, "p1").find("data-points=\"3\" data-intervals=\"3\""), std::string::npos);
  EXPECT_NE(Series(chart, "p2").find("data-points=\"2\" data-intervals=\"2\""), std::string::npos);
  EXPECT_EQ(Count(chart, "class=\"interval\""), 6u);
  EXPECT_NE(chart.find("<title>between 4.00 s and 8.00 s</title>"), std::string::npos);
  EXPECT_NE(chart.find("line back to the lower bound"), std::string::npos);
}

// Every order statistic, lower bounds included, is a value in the raw files.
TEST_F(ReportOpenLoopTest, EveryPercentileIsARawValue) {
  std::set<double> raw;
  for (const PhasedSample& ps : run_.samples) {
    const QuerySample& s = ps.sample;
    raw.insert(s.query_latency_ms);
    raw.insert(static_cast<double>(s.rows));
    for (auto v :
         {s.freshness_lag_ms, s.pipeline_lag_ms, s.engine_freshness_lag_ms, s.clock_skew_ms})
      if (v) raw.insert(*v);
  }
  for (const MarkerSample& m : run_.markers)
    for (auto v : {m.visibility_latency_ms, m.visibility_lower_bound_ms})
      if (v) raw.insert(*v);
  for (const GeneratorSample& g : run_.generator) raw.insert(g.rps);
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
  EXPECT_GT(checked, 100);
}

TEST(LineChartTest, BreaksOnlyWhereTheGapExceedsTheLimit) {
  LineSeries l{"p1", "#000", {{0, 10}, {2, 10}, {4, 10}, {9, 10}, {11, 10}, {20, 10}}, {}};
  const std::string broken = LineChartSvg("t", "t", {l}, {}, 4);
  EXPECT_NE(broken.find("data-runs=\"3\""), std::string::npos);
  EXPECT_EQ(Count(broken, "<polyline"), 2u);  // the lone point at 20 s is a dot only
  const std::string old = LineChartSvg("t", "t", {l}, {});
  EXPECT_EQ(Count(old, "<polyline"), 1u);
  EXPECT_EQ(old.find("class=\"legend marks\""), std::string::npos);
}

TEST(OldRunTest, RunWithoutTheNewFieldsRendersAsBefore) {
  const auto root =
      std::filesystem::temp_directory_path() / ("fb_oldrun_" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  const std::string dir = testing::WriteSyntheticRun(root.string(), "run-old");
  ASSERT_FALSE(dir.empty());
  testing::StripToOldRunInfo(dir);
  auto r = RenderRunReports(dir);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& md = r->markdown;
  EXPECT_EQ(md.rfind("**Run complete**: as recorded by an older freshbench (no exit code).\n\n"
                     "# freshbench report: run run-old\n",
                     0),
            0u)
      << md.substr(0, 200);
  // Skew and engine-side freshness from the samples, as before.
  EXPECT_NE(md.find("| 1.60 s | -3.0 ms | 4 of 4 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| p1 ClickHouse Kafka engine | 1.60 s | 1.90 s | 1.40 s |"),
            std::string::npos);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace freshbench
