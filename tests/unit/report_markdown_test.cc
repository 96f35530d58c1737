#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/format.h"
#include "report/html_report.h"
#include "report/markdown_report.h"
#include "report/report_renderer.h"
#include "report/run_data.h"
#include "report/summary.h"
#include "report_fixture.h"

namespace freshbench {
namespace {
using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ReportMarkdownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("fb_md_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    dir_ = testing::WriteSyntheticRun(root_.string(), "run-a");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
  std::string dir_;
};

TEST(FormatTest, MillisecondsReadLikeAHumanWouldWriteThem) {
  EXPECT_EQ(FormatMs(0.05), "0.05 ms");
  EXPECT_EQ(FormatMs(3), "3.0 ms");
  EXPECT_EQ(FormatMs(412.4), "412 ms");
  EXPECT_EQ(FormatMs(2130), "2.13 s");
  EXPECT_EQ(FormatMs(450000), "7.5 min");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(12), "12");
  EXPECT_EQ(FormatUtc(testing::kT0), "2023-11-14 22:13:20 UTC");
  EXPECT_EQ(HtmlEscape("<a&\"b\">"), "&lt;a&amp;&quot;b&quot;&gt;");
}

TEST_F(ReportMarkdownTest, TableHasOneRowPerPatternWithMeasuredFigures) {
  auto run = LoadRunData(dir_);
  ASSERT_TRUE(run.ok());
  const std::string md = RenderMarkdown(BuildSummary(*run));
  EXPECT_NE(md.find("| Pattern | Freshness p50 | Freshness p95 | Pipeline lag p50 | Q1 latency"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| p0 In-process consumer | 3.0 ms | 4.0 ms | – | 0.10 ms / 0.10 ms | "
                    "0.10 ms / 0.10 ms | 0.05 ms / 0.05 ms | 4.0 ms / 6.0 ms | complete of 59,990 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| p1 ClickHouse Kafka engine | 1.60 s | 1.90 s | 1.40 s | 41 ms / 42 ms | "
                    "91 ms / 92 ms | 27 ms / 31 ms | 2.00 s / 2.40 s | 3 lost, 5 duplicated of "
                    "59,990 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Skipped patterns"), std::string::npos);
  EXPECT_NE(md.find("**p2 Fluss union read**: no Flink SQL Gateway at 127.0.0.1:8083"),
            std::string::npos);
  EXPECT_NE(md.find("p1 q2: 1 of 4 failed, last: Code: 241, memory limit exceeded"),
            std::string::npos);
  EXPECT_NE(md.find("Test CPU (2 cores)"), std::string::npos);
  EXPECT_NE(md.find("| 19.00 s | steady |"), std::string::npos) << md;
}

TEST_F(ReportMarkdownTest, RenderWritesAllThreeFilesFromRawOnly) {
  auto r = RenderRunReports(dir_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const json summary = json::parse(ReadFile(dir_ + "/summary.json"));
  EXPECT_EQ(summary["patterns"].size(), 2u);
  EXPECT_EQ(ReadFile(dir_ + "/report.md"), r->markdown);
  // Re-rendering gives the same bytes.
  auto again = RenderRunReports(dir_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->markdown, r->markdown);
}

TEST_F(ReportMarkdownTest, HtmlIsSelfContainedWithFourCharts) {
  auto run = LoadRunData(dir_);
  ASSERT_TRUE(run.ok());
  const std::string html = RenderHtml(*run, BuildSummary(*run));
  for (const char* chart : {"freshness", "latency", "quadrant", "visibility"}) {
    EXPECT_NE(html.find(std::string("data-chart=\"") + chart + "\""), std::string::npos) << chart;
  }
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<polyline"), std::string::npos);
  EXPECT_NE(html.find("fresh and fast"), std::string::npos);
}

TEST_F(ReportMarkdownTest, CompareShowsBothRunsAndTheChange) {
  const std::string dir_b = testing::WriteSyntheticRun(root_.string(), "run-b", 2.0);
  auto r = RenderComparison(dir_, dir_b);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NE(r->markdown.find("| p1 | freshness p50 | 1.60 s | 3.20 s | +1.60 s (+100%) |"),
            std::string::npos)
      << r->markdown;
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/compare-run-b.html"));
}

}  // namespace
}  // namespace freshbench
