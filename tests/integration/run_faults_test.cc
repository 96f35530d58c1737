// `run --fault`: faults injected on purpose into the real local stack.
//
// 1. A broker: a 3-node Kafka cluster and ClickHouse in a home and port
//    offset of their own, `run --quick --patterns p0,p1 --acks all` with
//    kafka-2 killed for 20 s mid-run: P0 and P1 lose nothing, duplicate
//    nothing, exit 0; the window is in phases.jsonl, run.json, the report
//    and the freshness chart; kafka-2 runs again afterwards.
// 2. An engine: the test stack's ClickHouse restarted mid-run: P1 either
//    recovers (its completeness then says what it lost or duplicated, and
//    the exit code counts it) or is failed with the fault named: never
//    silently. ClickHouse runs again afterwards.
// Both runs use --duration 60 to keep `make test` short.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "config/endpoints.h"
#include "config/local_kafka.h"
#include "integration_env.h"
#include "stack/net_probe.h"

namespace freshbench::testing {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json ReadJson(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

// The single run folder under `root`.
fs::path OnlyRun(const fs::path& root) {
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(root)) runs.push_back(e.path());
  return runs.size() == 1 ? runs[0] : fs::path();
}

// The summary's entry for `id` in fault 0.
json FaultRow(const json& summary, const std::string& id) {
  for (const json& p : summary["faults"][0]["patterns"])
    if (p["id"] == id) return p;
  return json();
}

// An offset whose ports for a 3-node cluster and ClickHouse are all free.
int FreeOffset(int base) {
  for (int off = base + 43; off < base + 43 + 40 * 50; off += 50) {
    bool free = stack::CheckPortFree(8123 + off, "probe").ok() &&
                stack::CheckPortFree(9000 + off, "probe").ok();
    for (int n = 1; n <= 3 && free; ++n)
      free = stack::CheckPortFree(LocalBrokerPort(n, off), "probe").ok() &&
             stack::CheckPortFree(LocalControllerPort(n, off), "probe").ok();
    if (free) return off;
  }
  return -1;
}

class RunBrokerFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Endpoints ep = Endpoints::FromEnvironment();
    const fs::path jars = fs::absolute(ep.home) / "jvm" / "kafka";
    ASSERT_TRUE(fs::exists(jars)) << "no Kafka jars in " << jars << " (scripts/fetch-jars.sh)";
    const int offset = FreeOffset(ep.port_offset);
    ASSERT_GT(offset, 0);
    char tmpl[] = "/tmp/fb_faults_itXXXXXX";
    home_ = mkdtemp(tmpl);
    fs::create_directories(home_ + "/jvm");
    fs::create_symlink(jars, home_ + "/jvm/kafka");
    Save("FRESHBENCH_HOME", home_);
    Save("FRESHBENCH_PORT_OFFSET", std::to_string(offset));
    for (const char* v : {"FRESHBENCH_KAFKA", "FRESHBENCH_CLICKHOUSE"}) Save(v, std::nullopt);
  }
  void TearDown() override {
    RunFreshbench({"stack", "down", "--purge"}, 180);
    fs::remove_all(home_);
  }
  void Save(const std::string& name, const std::optional<std::string>& value) { env_.Set(name, value); }

  std::string home_;
  ScopedEnv env_;
};

TEST_F(RunBrokerFaultTest, ABrokerKilledFor20sCostsP0AndP1NothingWithAcksAll) {
  // Bad faults: one line naming what was typed, exit 2, nothing started.
  for (const char* bad : {"kafka-2:stop@30", "kafka-2:kill@30+40", "clickhous:kill@3"}) {
    auto r = RunFreshbench({"run", "--quick", "--duration", "60", "--patterns", "p0,p1",
                            "--stack", "local", "--fault", bad},
                           30);
    EXPECT_EQ(r.exit_code, 2) << bad << r.err;
    EXPECT_TRUE(Has(r.err, std::string("--fault ") + bad + ":")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_FALSE(fs::exists(home_ + "/stack")) << "nothing started";
  // A target the stack does not run: exit 2 before anything is touched.
  auto absent = RunFreshbench(
      {"run", "--quick", "--patterns", "p0", "--fault", "kafka-2:kill@30+20"}, 30);
  EXPECT_EQ(absent.exit_code, 2) << absent.err;
  EXPECT_TRUE(Has(absent.err, "--fault kafka-2:kill@30+20: kafka-2 is not running")) << absent.err;

  auto up = RunFreshbench({"stack", "up", "--with", "kafka,clickhouse", "--brokers", "3"}, 300);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;

  const fs::path root = fs::path(home_) / "results";
  auto r = RunFreshbench({"run", "--quick", "--duration", "60", "--patterns", "p0,p1", "--acks",
                          "all", "--fault", "kafka-2:kill@25+20", "--results-dir", root.string()},
                         400);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const fs::path dir = OnlyRun(root);
  ASSERT_FALSE(dir.empty());

  const json run = ReadJson(dir / "run.json");
  EXPECT_EQ(run["settings"]["producer"]["acks"], "all");
  ASSERT_EQ(run["faults"].size(), 1u) << run.dump(2);
  const json& w = run["faults"][0];
  EXPECT_EQ(w["target"], "kafka-2");
  EXPECT_EQ(w["action"], "kill");
  EXPECT_EQ(w["error"], "") << w.dump();
  ASSERT_TRUE(w["start_ms"].is_number() && w["end_ms"].is_number()) << w.dump();
  const int64_t load_start = [&] {
    for (std::istringstream in(ReadFile(dir / "phases.jsonl")); !in.eof();) {
      std::string line;
      std::getline(in, line);
      if (!line.empty() && json::parse(line)["phase"] == "catchup") return json::parse(line)["ts_ms"].get<int64_t>();
    }
    return int64_t{0};
  }();
  EXPECT_NEAR(w["start_ms"].get<int64_t>() - load_start, 25000, 2000);
  EXPECT_GE(w["end_ms"].get<int64_t>() - w["start_ms"].get<int64_t>(), 20000);
  const std::string phases = ReadFile(dir / "phases.jsonl");
  EXPECT_TRUE(Has(phases, "\"phase\":\"fault\"")) << phases;
  EXPECT_TRUE(Has(phases, "\"phase\":\"fault-end\"")) << phases;

  const json summary = ReadJson(dir / "summary.json");
  for (const char* id : {"p0", "p1"}) {
    const json row = FaultRow(summary, id);
    ASSERT_TRUE(row.is_object()) << id << summary["faults"].dump(2);
    EXPECT_TRUE(row["recovered"].get<bool>()) << id << row.dump();
    EXPECT_EQ(row["lost"], 0) << id;
    EXPECT_EQ(row["duplicated"], 0) << id;
  }
  const std::string md = ReadFile(dir / "report.md");
  EXPECT_TRUE(Has(md, "## Faults")) << md;
  EXPECT_TRUE(Has(md, "### kafka-2:kill@25+20: SIGKILL to pid")) << md;
  EXPECT_TRUE(Has(ReadFile(dir / "report.html"), "<g class=\"fault\" data-name=\"kafka-2:kill@25+20\""));

  // kafka-2 was started again by the run.
  auto status = RunFreshbench({"stack", "status", "--with", "kafka"}, 60);
  EXPECT_EQ(status.exit_code, 0) << status.out;
}

TEST(RunEngineFaultTest, AClickHouseRestartMidRunRecoversOrFailsP1NeverSilently) {
  auto st = RunFreshbench({"stack", "status", "--exact", "--with", "clickhouse"}, 30);
  if (st.exit_code != 0) GTEST_SKIP() << "ClickHouse of the local stack is not running";
  const fs::path root = fs::temp_directory_path() / ("fb_engine_fault_" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto r = RunFreshbench({"run", "--quick", "--duration", "60", "--patterns", "p0,p1", "--fault",
                          "clickhouse:restart@25", "--results-dir", root.string()},
                         400);
  // The run put ClickHouse back itself.
  auto after = RunFreshbench({"stack", "status", "--exact", "--with", "clickhouse"}, 30);
  EXPECT_EQ(after.exit_code, 0) << after.out;
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << r.err;
  const fs::path dir = OnlyRun(root);
  ASSERT_FALSE(dir.empty());
  const json summary = ReadJson(dir / "summary.json");
  ASSERT_TRUE(summary.contains("faults")) << summary.dump(2);
  const json& w = summary["faults"][0];
  EXPECT_EQ(w["error"], "") << w.dump();
  EXPECT_TRUE(w["start_ms"].is_number() && w["end_ms"].is_number()) << w.dump();
  const json p1 = FaultRow(summary, "p1");
  ASSERT_TRUE(p1.is_object());
  json p1_pattern;
  for (const json& p : summary["patterns"])
    if (p["id"] == "p1") p1_pattern = p;
  if (p1["recovered"].get<bool>() && !p1_pattern["failed"].get<bool>()) {
    // Recovered: what it lost or duplicated is counted, and a loss or a
    // duplicate makes the run incomplete.
    ASSERT_TRUE(p1["lost"].is_number() && p1["duplicated"].is_number()) << p1.dump();
    const bool clean = p1["lost"] == 0 && p1["duplicated"] == 0;
    if (!clean) EXPECT_EQ(r.exit_code, 1);
  } else {
    // Not recovered: failed, with the fault named, and the run exits 1.
    EXPECT_TRUE(p1_pattern["failed"].get<bool>()) << p1_pattern.dump();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_FALSE(p1_pattern.value("failure", "").empty()) << p1_pattern.dump();
  }
  const std::string md = ReadFile(dir / "report.md");
  EXPECT_TRUE(Has(md, "### clickhouse:restart@25: stopped pid")) << md;
  fs::remove_all(root);
}

}  // namespace
}  // namespace freshbench::testing
