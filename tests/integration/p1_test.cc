// P1 end to end on the real local stack (Kafka + ClickHouse): setup,
// generate at a fixed rate, probe freshness, Q1/Q2, verify, teardown, and
// the bad-input paths. Bounded: about two minutes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "config/endpoints.h"
#include "engines/driver_registry.h"
#include "engines/clickhouse/clickhouse_driver.h"
#include "integration_env.h"

namespace freshbench::testing {
namespace {

constexpr int kRatePerSecond = 2000;
constexpr int kGenerateSeconds = 45;

class P1Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto up = RunFreshbench({"stack", "up"}, 600);
    ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  }
};

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded()) out.push_back(j);
  }
  return out;
}

// Tables left in the P1 database, asked of ClickHouse directly.
std::vector<std::string> P1Tables() {
  ClickHouseOptions o;
  o.url = *EngineSettingValue(Endpoints::FromEnvironment(), "clickhouse", "url");
  ClickHouseDriver d(o);
  auto rs = d.Execute(
      "SELECT name FROM system.tables WHERE database = 'analytics' AND name LIKE '%transactions%'");
  std::vector<std::string> names;
  if (rs.ok())
    for (const auto& row : rs->rows) names.push_back(*row[0]);
  return names;
}

// A query that stalls: the per-call bound returns kTimeout on time, the
// handle names the query_id, and the server stops the query (KILL QUERY),
// so it is gone from system.processes; a cancel flag does the same.
TEST_F(P1Test, AStalledQueryIsBoundedNamedAndKilled) {
  ClickHouseOptions o;
  o.url = *EngineSettingValue(Endpoints::FromEnvironment(), "clickhouse", "url");
  ClickHouseDriver d(o);
  ClickHouseDriver observer(o);
  // 10 one-row blocks of 3 s each: 30 s unless stopped between blocks.
  const std::string stall =
      "SELECT sleep(3) FROM system.numbers LIMIT 10 SETTINGS max_block_size = 1";
  auto gone = [&](const std::string& id) {
    for (int i = 0; i < 100; ++i) {
      auto rs = observer.Execute("SELECT count() AS n FROM system.processes WHERE query_id = '" +
                                 id + "'");
      if (rs.ok() && !rs->rows.empty() && rs->rows[0][0] == std::optional<std::string>("0"))
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  const std::string prefix = "clickhouse query_id ";

  auto t0 = std::chrono::steady_clock::now();
  auto r = d.Execute(stall, CallOptions{500, nullptr});
  auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kTimeout) << r.status().message();
  EXPECT_LT(waited, std::chrono::milliseconds(2500));
  const std::string handle = d.LastStatementHandle();
  ASSERT_EQ(handle.rfind(prefix, 0), 0u) << handle;
  const std::string id = handle.substr(prefix.size());
  EXPECT_NE(r.status().message().find(id), std::string::npos) << r.status().message();
  EXPECT_TRUE(gone(id)) << "query " << id << " still running after the timeout";

  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.store(true);
  });
  t0 = std::chrono::steady_clock::now();
  auto c = d.Execute(stall, CallOptions{0, &cancel});
  waited = std::chrono::steady_clock::now() - t0;
  canceller.join();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kCancelled) << c.status().message();
  EXPECT_LT(waited, std::chrono::milliseconds(1500));
  const std::string id2 = d.LastStatementHandle().substr(prefix.size());
  EXPECT_NE(id2, id);
  EXPECT_TRUE(gone(id2)) << "query " << id2 << " still running after the cancel";

  // The driver is usable afterwards, and a fast call is not slowed down.
  std::atomic<bool> never{false};
  auto ok = d.Execute("SELECT 1 AS one", CallOptions{5000, &never});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->rows[0][0], std::optional<std::string>("1"));
  EXPECT_TRUE(d.Clock().measurable);
}

TEST_F(P1Test, SetupGenerateProbeQueryVerifyTeardown) {
  auto clean = RunFreshbench({"teardown", "p1"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  auto setup = RunFreshbench({"setup", "p1"});
  ASSERT_EQ(setup.exit_code, 0) << setup.err;
  auto again = RunFreshbench({"setup", "p1"});
  ASSERT_EQ(again.exit_code, 0) << "setup must be idempotent: " << again.err;

  CommandOutput gen;
  std::thread producer([&] {
    gen = RunFreshbench({"generate", "--target-rps", std::to_string(kRatePerSecond), "--duration",
                         std::to_string(kGenerateSeconds)},
                        kGenerateSeconds + 120);
  });
  // Let the backlog (anything older in the topic) drain, then probe while
  // events still flow.
  std::this_thread::sleep_for(std::chrono::seconds(25));
  auto probe = RunFreshbench(
      {"probe", "--patterns", "p1", "--interval", "1s", "--duration", "12s", "--format", "json"},
      60);
  producer.join();
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  ASSERT_EQ(probe.exit_code, 0) << probe.err;
  auto samples = JsonLines(probe.out);
  ASSERT_GE(samples.size(), 10u) << probe.out;
  std::vector<double> fresh;
  for (const auto& s : samples) {
    ASSERT_FALSE(s.contains("error")) << s.dump();
    ASSERT_TRUE(s["freshness_lag_ms"].is_number()) << s.dump();
    fresh.push_back(s["freshness_lag_ms"].get<double>());
  }
  // Once drained, the newest visible event is under 10 s old. 18.16 makes
  // data visible once per flush (stream_flush_interval_ms, 7.5 s by
  // default), so freshness is a sawtooth: judge its median, not one sample.
  std::vector<double> sorted = fresh;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_LT(sorted[sorted.size() / 2], 10000) << probe.out;
  EXPECT_GE(sorted.front(), 0) << "freshness is never negative with synchronized clocks";

  auto q1 = RunFreshbench({"query", "p1", "q1", "--format", "json"});
  ASSERT_EQ(q1.exit_code, 0) << q1.err;
  auto q1j = nlohmann::json::parse(q1.out);
  EXPECT_EQ(q1j["rows"].size(), 7u) << q1.out;
  std::set<std::string> regions;
  for (const auto& row : q1j["rows"]) regions.insert(row[0].get<std::string>());
  EXPECT_EQ(regions.size(), 7u);

  auto q2 = RunFreshbench({"query", "p1", "q2", "--format", "json", "--repeat", "3"});
  ASSERT_EQ(q2.exit_code, 0) << q2.err;
  auto q2j = nlohmann::json::parse(q2.out);
  ASSERT_FALSE(q2j["rows"].empty());
  std::set<std::string> windows;
  for (const auto& row : q2j["rows"]) {
    const std::string w = row[0].get<std::string>();
    EXPECT_EQ(w.substr(w.size() - 2), "00") << "window_start on a minute: " << w;
    windows.insert(w);
  }
  EXPECT_GE(windows.size(), 1u);
  EXPECT_EQ(q2j["samples"].size(), 3u);
  EXPECT_TRUE(q2j["summary"].contains("query_latency_ms"));

  auto verify = RunFreshbench({"verify", "p1", "--timeout", "90s", "--format", "json"}, 150);
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto vj = nlohmann::json::parse(verify.out);
  EXPECT_EQ(vj["lost"], 0);
  EXPECT_EQ(vj["duplicated"], 0);
  EXPECT_GE(vj["expected"].get<int64_t>(), int64_t{kRatePerSecond} * kGenerateSeconds * 9 / 10);

  auto down = RunFreshbench({"teardown", "p1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(P1Tables().empty());
  auto down_again = RunFreshbench({"teardown", "p1"});
  EXPECT_EQ(down_again.exit_code, 0) << "teardown must be idempotent: " << down_again.err;
}

int Lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST_F(P1Test, BadInputIsOneLineWithTheRightExitCode) {
  auto unknown_query = RunFreshbench({"query", "p1", "q9"});
  EXPECT_EQ(unknown_query.exit_code, 2);
  EXPECT_EQ(Lines(unknown_query.err), 1) << unknown_query.err;
  EXPECT_NE(unknown_query.err.find("unknown query 'q9'"), std::string::npos);

  auto unknown_pattern = RunFreshbench({"setup", "p77"});
  EXPECT_EQ(unknown_pattern.exit_code, 2);
  EXPECT_EQ(Lines(unknown_pattern.err), 1) << unknown_pattern.err;
  EXPECT_NE(unknown_pattern.err.find("unknown pattern 'p77'"), std::string::npos);

  auto bad_set = RunFreshbench({"setup", "p1", "--set", "no_such_setting=1"});
  EXPECT_EQ(bad_set.exit_code, 2);
  EXPECT_NE(bad_set.err.find("no_such_setting"), std::string::npos);

  // A query that fails on the server: the table is gone after teardown.
  ASSERT_EQ(RunFreshbench({"teardown", "p1"}).exit_code, 0);
  auto server_error = RunFreshbench({"query", "p1", "q3"});
  EXPECT_EQ(server_error.exit_code, 1);
  EXPECT_EQ(Lines(server_error.err), 1) << server_error.err;
  EXPECT_NE(server_error.err.find("doesn't exist"), std::string::npos) << server_error.err;

  setenv("FRESHBENCH_CLICKHOUSE", "http://127.0.0.1:1", 1);
  auto unreachable = RunFreshbench({"query", "p1", "q3"});
  unsetenv("FRESHBENCH_CLICKHOUSE");
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_EQ(Lines(unreachable.err), 1) << unreachable.err;
  EXPECT_NE(unreachable.err.find("cannot reach"), std::string::npos) << unreachable.err;
}

}  // namespace
}  // namespace freshbench::testing
