// `freshbench sweep` on the real local stack (Kafka + ClickHouse, started
// by scripts/test.sh): bad flags are exit 2 before anything is touched; a
// two-step sweep of P0 and P1 (about 90 s) writes a run's raw files with
// samples tagged by step, sweep.json, and a summary with each step's
// verdicts and the highest rate within the target.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "integration_env.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

fs::path TempRoot(const char* name) {
  const fs::path root = fs::temp_directory_path() / (std::string(name) + std::to_string(::getpid()));
  fs::remove_all(root);
  return root;
}

TEST(SweepTest, BadFlagsAreOneLineAndExitTwoBeforeAnything) {
  const fs::path root = TempRoot("fb_sweep_bad_");
  // {flag, value, what the message must quote}
  for (const std::vector<std::string>& c :
       {std::vector<std::string>{"--rates", "5000,abc", "'abc'"}, {"--rates", "8000,2000", "8000,2000"},
        {"--slo", "freshness_p97=5s", "freshness_p97=5s"}, {"--step", "abc", "--step abc"},
        {"--patterns", "p0,nope", "nope"}}) {
    const std::vector<std::string> args = {c[0], c[1]};
    std::vector<std::string> cmd = {"sweep", "--results-dir", root.string()};
    cmd.insert(cmd.end(), args.begin(), args.end());
    auto r = RunFreshbench(cmd, 30);
    EXPECT_EQ(r.exit_code, 2) << args[1] << ": " << r.err;
    EXPECT_NE(r.err.find(c[2]), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(root)) << "a results folder was made for " << args[1];
  }
}

TEST(SweepTest, TwoStepsOfP0AndP1WriteVerdictsPerStep) {
  const fs::path root = TempRoot("fb_sweep_");
  auto r = RunFreshbench({"sweep", "--patterns", "p0,p1", "--rates", "2000,8000", "--step", "30",
                          "--interval", "2", "--results-dir", root.string()},
                         /*timeout_s=*/240);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| Pattern | Target | Highest rate within target"), std::string::npos) << r.out;

  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(root)) runs.push_back(e.path());
  ASSERT_EQ(runs.size(), 1u);
  const std::string dir = runs[0].string();
  for (const char* f : {"run.json", "sweep.json", "samples.jsonl", "generator.jsonl",
                        "completeness.jsonl", "summary.json", "report.md", "report.html"})
    EXPECT_TRUE(fs::exists(dir + "/" + f)) << f;

  std::ifstream in(dir + "/summary.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const json s = json::parse(ss.str());
  EXPECT_EQ(s["kind"], "sweep");
  EXPECT_EQ(s["status"], "complete");
  ASSERT_EQ(s["steps"].size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const json& step = s["steps"][i];
    EXPECT_EQ(step["rate"], i == 0 ? 2000 : 8000);
    EXPECT_FALSE(step["generator"]["short"].get<bool>()) << step["generator"].dump();
    ASSERT_EQ(step["patterns"].size(), 2u);
    for (const json& p : step["patterns"]) {
      const std::string outcome = p["outcome"];
      EXPECT_TRUE(outcome == "within" || outcome == "broke" || outcome == "not driven") << outcome;
      if (outcome == "not driven") continue;
      EXPECT_TRUE(p["figures"]["queries"]["q3"]["freshness_lag_ms"].is_object()) << p.dump();
    }
  }
  std::map<std::string, json> by_id;
  for (const json& p : s["patterns"]) by_id[p["id"]] = p;
  ASSERT_TRUE(by_id.count("p0") && by_id.count("p1")) << s["skipped"].dump();
  // The floor keeps up with 8,000 events/s well within 5 s.
  EXPECT_EQ(by_id["p0"]["highest_within_rps"], 8000) << by_id["p0"].dump();
  EXPECT_EQ(by_id["p0"]["completeness"]["lost"], 0);
  EXPECT_TRUE(by_id["p1"]["completeness"].is_object());

  // Every Q3 sample of a step is tagged with it.
  std::ifstream samples(dir + "/samples.jsonl");
  std::set<int> steps;
  for (std::string line; std::getline(samples, line);) {
    const json j = json::parse(line);
    if (j.contains("step")) steps.insert(j["step"].get<int>());
  }
  EXPECT_EQ(steps, (std::set<int>{0, 1}));

  std::ifstream html(dir + "/report.html");
  std::stringstream hs;
  hs << html.rdbuf();
  EXPECT_NE(hs.str().find("data-chart=\"sweep-freshness\""), std::string::npos);
  EXPECT_NE(hs.str().find("class=\"target\""), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
}  // namespace freshbench::testing
