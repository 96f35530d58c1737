#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "report/markdown_report.h"
#include "report/run_data.h"
#include "report/summary.h"
#include "report_fixture.h"

namespace freshbench {
namespace {

RunData MakeRun(std::vector<FootprintSample> fp, std::vector<GeneratorSample> gen) {
  RunData r;
  r.footprint = std::move(fp);
  r.generator = std::move(gen);
  return r;
}

GeneratorSample Delivered(int64_t ts_ms, int64_t n) {
  GeneratorSample g;
  g.ts_ms = ts_ms;
  g.interval_ms = 1000;
  g.sent = g.delivered = n;
  return g;
}

TEST(FootprintCpuTest, CpuOverEachIntervalPerThousandEventsInTheSameSpan) {
  // 50% of a core for 2 s (the first sample opens the span), then 100% for 1 s:
  // 2000 ms of CPU over the 8000 events delivered after t=1 s up to t=4 s.
  RunData r = MakeRun({{1000, 99.0, 10}, {3000, 50.0, 10}, {4000, 100.0, 10}},
                      {Delivered(1000, 500), Delivered(2000, 2000), Delivered(3000, 3000),
                       Delivered(4000, 3000), Delivered(5000, 7000)});
  auto v = CpuMsPer1000Events(r);
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(*v, 250.0);
}

TEST(FootprintCpuTest, NoFigureWithoutTwoSamplesOrWithoutEvents) {
  EXPECT_FALSE(CpuMsPer1000Events(MakeRun({{1000, 50.0, 10}}, {Delivered(1000, 10)})));
  EXPECT_FALSE(CpuMsPer1000Events(MakeRun({{1000, 50.0, 10}, {2000, 50.0, 10}}, {})));
  EXPECT_FALSE(
      CpuMsPer1000Events(MakeRun({{1000, 50.0, 10}, {2000, 50.0, 10}}, {Delivered(9000, 10)})));
}

TEST(FootprintCpuTest, SummaryAndMarkdownFootprintLineShowIt) {
  const std::filesystem::path root =
      std::filesystem::temp_directory_path() / ("fb_fpcpu_" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  const std::string dir = testing::WriteSyntheticRun(root.string(), "run-a");
  ASSERT_FALSE(dir.empty());
  auto run = LoadRunData(dir);
  ASSERT_TRUE(run.ok()) << run.status().message();
  const nlohmann::json s = BuildSummary(*run);
  // Footprint every 10 s at 10..50% of a core; 1000 events/s delivered:
  // (20+30+40+50)% of 10 s = 14000 ms over the 40000 events of (10 s, 50 s].
  ASSERT_TRUE(s["footprint"]["cpu_ms_per_1000_events"].is_number());
  EXPECT_DOUBLE_EQ(s["footprint"]["cpu_ms_per_1000_events"].get<double>(), 350.0);
  const std::string md = RenderMarkdown(s);
  EXPECT_NE(md.find("350.00 ms CPU per 1,000 events"), std::string::npos) << md;
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace freshbench
