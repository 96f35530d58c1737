// The runner's handling of patterns that contend (pattern.yaml
// contends_with, docs/patterns.md): the fixture patterns pa and pb
// (tests/integration/patterns/) run on the in-process engine against the
// real local Kafka; pb is paused while pa is measured in the first half,
// then resumed and measured in the second.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "integration_env.h"
#include "report/run_data.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

TEST(RunContentionTest, PausedPatternIsMeasuredAfterTheMeasuredOne) {
  const fs::path root = fs::temp_directory_path() / ("fb_contention_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const std::string patterns = std::string(FRESHBENCH_SOURCE_DIR) + "/tests/integration/patterns";
  auto r = RunFreshbench({"run", "--quick", "--patterns", "pa,pb", "--patterns-dir", patterns,
                          "--duration", "70", "--rate", "2000", "--results-dir", root.string()},
                         /*timeout_s=*/300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(root)) runs.push_back(e.path());
  ASSERT_EQ(runs.size(), 1u);
  const std::string dir = runs[0].string();
  std::ifstream in(dir + "/summary.json");
  const json summary = json::parse(in);
  std::map<std::string, json> by_id;
  for (const json& p : summary["patterns"]) by_id[p["id"]] = p;
  ASSERT_TRUE(by_id.count("pa") && by_id.count("pb")) << summary.dump();
  EXPECT_NE(by_id["pa"].value("contention", "").find("pb paused while measured"), std::string::npos);
  EXPECT_NE(by_id["pb"].value("contention", "").find("paused while pa"), std::string::npos);
  EXPECT_NE(r.out.find("pb paused while measured"), std::string::npos) << "report.md says so";

  auto run = LoadRunData(dir);
  ASSERT_TRUE(run.ok());
  int64_t gen_start = 0, half = 0;
  for (const PhaseEvent& e : run->phases) {
    if (e.phase == "catchup" && e.pattern.empty()) gen_start = e.ts_ms;
    if (e.phase == "contended" && e.pattern == "pa") half = e.ts_ms;
    if (e.phase == "catchup" && e.pattern == "pb") {
      EXPECT_NE(e.note.find("resumed"), std::string::npos) << e.note;
    }
  }
  ASSERT_GT(gen_start, 0);
  ASSERT_GT(half, gen_start) << "pa's window ends at the half";
  EXPECT_NEAR(static_cast<double>(half - gen_start), 35000, 3000);
  int pb_paused = 0, pb_steady = 0, pa_steady_q1 = 0;
  for (const PhasedSample& ps : run->samples) {
    const QuerySample& s = ps.sample;
    if (s.pattern == "pb" && ps.phase == "paused") {
      ++pb_paused;
      EXPECT_LE(s.t_submit_ms, half + 1000);
    }
    if (s.pattern == "pb" && ps.phase == "steady") {
      ++pb_steady;
      EXPECT_GE(s.t_submit_ms, half);
    }
    if (s.pattern == "pa" && s.query == "q1") {
      ++pa_steady_q1;
      EXPECT_LE(s.t_submit_ms, half + 1000) << "pa's Q1/Q2 fall in its window";
    }
    if (s.pattern == "pa" && ps.phase == "steady") EXPECT_LE(s.t_submit_ms, half + 1000);
  }
  EXPECT_GT(pb_paused, 5);
  EXPECT_GT(pb_steady, 0) << "pb measured after resuming";
  EXPECT_GT(pa_steady_q1, 0);
  // Markers go only to a pattern in its steady window.
  for (const MarkerSample& m : run->markers) {
    if (m.pattern == "pb") EXPECT_GE(m.t_ack_ms, half);
    if (m.pattern == "pa") EXPECT_LE(m.t_ack_ms, half);
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace freshbench::testing
