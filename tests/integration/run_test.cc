// `freshbench run --quick --patterns p0,p1` on the real local stack (Kafka +
// ClickHouse, started by scripts/test.sh): the results folder holds every
// raw file and the reports, and every figure in summary.json is found in
// the raw samples.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <algorithm>
#include <set>
#include <sstream>

#include "integration_env.h"
#include "report/run_data.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

TEST(RunTest, QuickRunOfP0AndP1WritesATraceableReport) {
  const fs::path root = fs::temp_directory_path() / ("fb_run_" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto r = RunFreshbench({"run", "--quick", "--patterns", "p0,p1", "--results-dir", root.string()},
                         /*timeout_s=*/300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| Pattern | Freshness p50"), std::string::npos) << r.out;

  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(root)) runs.push_back(e.path());
  ASSERT_EQ(runs.size(), 1u);
  const std::string dir = runs[0].string();
  for (const char* f : {"run.json", "samples.jsonl", "markers.jsonl", "generator.jsonl",
                        "phases.jsonl", "footprint.jsonl", "completeness.jsonl", "summary.json",
                        "report.md", "report.html"}) {
    EXPECT_TRUE(fs::exists(dir + "/" + f)) << f;
  }
  std::ifstream in(dir + "/summary.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const json summary = json::parse(ss.str());
  EXPECT_EQ(summary["status"], "complete");
  std::map<std::string, json> by_id;
  for (const json& p : summary["patterns"]) by_id[p["id"]] = p;
  ASSERT_TRUE(by_id.count("p0")) << "p0 skipped: " << summary["skipped"].dump();
  ASSERT_TRUE(by_id.count("p1")) << "p1 skipped: " << summary["skipped"].dump();
  for (const char* id : {"p0", "p1"}) {
    const json& p = by_id[id];
    EXPECT_TRUE(p["queries"]["q3"]["freshness_lag_ms"].is_object()) << id;
    EXPECT_TRUE(p["queries"]["q1"]["query_latency_ms"].is_object()) << id;
    EXPECT_TRUE(p["queries"]["q2"]["query_latency_ms"].is_object()) << id;
    EXPECT_TRUE(p["completeness"].is_object()) << id;
  }
  // The floor: P0's freshness is far below a second.
  EXPECT_LT(by_id["p0"]["queries"]["q3"]["freshness_lag_ms"]["p50"].get<double>(), 1000);
  EXPECT_EQ(by_id["p0"]["completeness"]["lost"], 0);
  EXPECT_GT(by_id["p0"]["markers"]["seen"].get<int>(), 0);
  EXPECT_GT(summary["generator"]["total_delivered"].get<int64_t>(), 0);
  EXPECT_GT(summary["footprint"]["samples"].get<int>(), 0);

  // Every order statistic is a raw value of this run.
  auto run = LoadRunData(dir);
  ASSERT_TRUE(run.ok());
  std::set<double> raw;
  for (const PhasedSample& ps : run->samples) {
    const QuerySample& s = ps.sample;
    raw.insert(s.query_latency_ms);
    raw.insert(static_cast<double>(s.rows));
    for (auto v : {s.freshness_lag_ms, s.pipeline_lag_ms, s.engine_freshness_lag_ms,
                   s.clock_skew_ms})
      if (v) raw.insert(*v);
  }
  for (const MarkerSample& m : run->markers)
    if (m.visibility_latency_ms) raw.insert(*m.visibility_latency_ms);
  for (const MarkerSample& m : run->markers)
    if (m.visibility_lower_bound_ms) raw.insert(*m.visibility_lower_bound_ms);
  for (const GeneratorSample& g : run->generator) raw.insert(g.rps);
  for (const FootprintSample& f : run->footprint) {
    raw.insert(f.cpu_pct);
    raw.insert(f.rss_mib);
  }
  int checked = 0;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("p50") && j.contains("n")) {
        for (const char* k : {"min", "p50", "p95", "p99", "max"}) {
          EXPECT_TRUE(raw.count(j[k].get<double>())) << k << " " << j.dump();
          ++checked;
        }
      }
      for (auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const json& v : j) walk(v);
    }
  };
  walk(summary);
  EXPECT_GT(checked, 40);
  // Completeness figures come from completeness.jsonl.
  for (const CompletenessRecord& c : run->completeness) {
    EXPECT_EQ(by_id[c.pattern]["completeness"]["expected"], *c.expected);
  }
  fs::remove_all(root);
}

// Bad input is found before anything is touched: no results folder, no
// tables, and the message quotes what the user typed.
TEST(RunTest, BadKnobsAreUsageErrorsBeforeAnySideEffect) {
  const fs::path root = fs::temp_directory_path() / ("fb_badknob_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--rate", "-5"}, "--rate -5"},
      {{"--rate", "fast"}, "--rate fast"},
      {{"--interval", "0"}, "--interval 0"},
      {{"--set", "puase=1"}, "puase"},
      {{"--from", "yesterday"}, "--from yesterday"},
      {{"--max-in-flight", "0"}, "--max-in-flight 0"},
  };
  for (const auto& [flags, quoted] : cases) {
    std::vector<std::string> args = {"run", "--patterns", "p1", "--results-dir", root.string()};
    args.insert(args.end(), flags.begin(), flags.end());
    auto r = RunFreshbench(args, 60);
    EXPECT_EQ(r.exit_code, 2) << flags[0] << ": " << r.err;
    EXPECT_EQ(r.err.rfind("freshbench: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(quoted), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
  }
  EXPECT_FALSE(fs::exists(root)) << "nothing written";
  // Nothing set up: P1's table does not exist.
  auto q = RunFreshbench({"query", "p1", "q3"}, 60);
  EXPECT_NE(q.exit_code, 0) << "p1's tables were not created: " << q.out;
}

TEST(RunTest, UnknownPatternIsUsageError) {
  auto r = RunFreshbench({"run", "--patterns", "p9", "--results-dir", "/tmp/fb_run_none"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("freshbench: ", 0), 0u) << r.err;
}

}  // namespace
}  // namespace freshbench::testing
