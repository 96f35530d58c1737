// A pattern whose engine dies mid-run is failed, with the time and the
// reason; the other pattern is measured to the end; the run exits 1 and its
// report says so. On the real local stack: the ClickHouse that
// scripts/test.sh started is killed (SIGKILL) 45 s into
// `run --quick --patterns p0,p1`, then started again and P1 torn down, so
// the tests after this one find the stack as it was.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "integration_env.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// The pid `stack status` gives for ClickHouse, or 0.
pid_t ClickHousePid() {
  auto r = RunFreshbench({"stack", "status", "--exact", "--with", "clickhouse"}, 30);
  std::smatch m;
  const std::string text = r.out + r.err;
  if (!std::regex_search(text, m, std::regex("clickhouse\\S*\\s.*?pid (\\d+)"))) return 0;
  return static_cast<pid_t>(std::stol(m[1]));
}

TEST(RunFaultTest, AnEngineKilledMidRunFailsItsPatternAndTheRunExits1) {
  const pid_t pid = ClickHousePid();
  if (pid == 0) GTEST_SKIP() << "ClickHouse of the local stack is not running";
  const fs::path root = fs::temp_directory_path() / ("fb_fault_" + std::to_string(::getpid()));
  fs::remove_all(root);
  std::thread killer([pid] {
    std::this_thread::sleep_for(std::chrono::seconds(45));
    ::kill(pid, SIGKILL);
  });
  auto r = RunFreshbench({"run", "--quick", "--patterns", "p0,p1", "--results-dir", root.string()},
                         /*timeout_s=*/400);
  killer.join();
  // Put the stack back as it was before asserting anything.
  auto up = RunFreshbench({"stack", "up", "--with", "clickhouse"}, 120);
  EXPECT_EQ(up.exit_code, 0) << up.err;
  RunFreshbench({"teardown", "p1"}, 120);

  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(root)) runs.push_back(e.path());
  ASSERT_EQ(runs.size(), 1u);
  std::ifstream f(runs[0] / "run.json");
  const json run = json::parse(f);
  EXPECT_EQ(run["status"], "incomplete");
  EXPECT_EQ(run["exit_code"], 1);
  json p0, p1;
  for (const auto& p : run["patterns"]) (p["id"] == "p0" ? p0 : p1) = p;
  ASSERT_TRUE(p1.contains("failed_ms")) << run.dump(2);
  EXPECT_GT(p1["failed_ms"].get<int64_t>(), run["started_ms"].get<int64_t>() + 40000);
  EXPECT_FALSE(p1.value("failure", "").empty());
  EXPECT_FALSE(p0.contains("failed_ms")) << "p0 went on";

  std::ifstream s(runs[0] / "summary.json");
  const json summary = json::parse(s);
  for (const auto& p : summary["patterns"]) {
    if (p["id"] != "p0") continue;
    EXPECT_EQ(p["completeness"]["lost"], 0) << "p0 measured to the end";
    EXPECT_EQ(p["completeness"]["duplicated"], 0);
  }
  std::ifstream md(runs[0] / "report.md");
  std::string first;
  std::getline(md, first);
  EXPECT_NE(first.find("incomplete"), std::string::npos) << first;
  EXPECT_NE(first.find("p1"), std::string::npos) << first;
  fs::remove_all(root);
}

}  // namespace
}  // namespace freshbench::testing
