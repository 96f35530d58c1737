// P2 (Fluss union read) and P3 (lake only) figures on the running local
// lake stack (`freshbench stack up --with flink`): sets the shared pipeline
// up if it is not (idempotent), waits for the first lake snapshot, then runs
// Q3, Q1, Q2, Q3 on each pattern and prints query latency, freshness
// (answer arrival minus newest event_time, as DESIGN.md defines it), the
// seed's engine-side freshness (engine NOW() minus newest event_time) and
// the pipeline lag. Feed it with `freshbench generate` meanwhile.
//
// Env: FRESHBENCH_LAKE_FRESHNESS (tiering epoch for a new setup, default
// 30s), FRESHBENCH_LAKE_ROUNDS (default 1). Prints "skipped" and exits 0
// when no SQL Gateway answers. Leaves the pipeline running.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "config/endpoints.h"
#include "engines/flink/flink_driver.h"

namespace {

using namespace freshbench;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t ParseMs(const std::string& t) {
  std::tm tm{};
  char frac[8] = {0};
  int n = std::sscanf(t.c_str(), "%d-%d-%d %d:%d:%d.%7[0-9]", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                      &tm.tm_min, &tm.tm_sec, frac);
  if (n < 6) return -1;
  int ms = n == 7 ? std::stoi((std::string(frac) + "000").substr(0, 3)) : 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

std::vector<std::string> Statements(const std::string& file, const std::map<std::string, std::string>& v) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  for (const auto& [k, val] : v) {
    const std::string key = "{{" + k + "}}";
    for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + val.size()))
      text.replace(p, key.size(), val);
  }
  std::vector<std::string> out;
  std::string cur, line;
  std::istringstream lines(text);
  while (std::getline(lines, line)) {
    std::string t = line.substr(0, line.find_last_not_of(" \t\r") + 1);
    if (t.rfind("--", 0) == 0) continue;
    if (!t.empty() && t.back() == ';') {
      cur += t.substr(0, t.size() - 1);
      if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  return out;
}

}  // namespace

int main() {
  const Endpoints ep = Endpoints::FromEnvironment();
  FlinkDriver driver(FlinkDriverOptionsFor(ep));
  auto version = driver.ServerVersion();
  if (!version.ok()) {
    std::printf("lake_bench: skipped: %s\n", version.status().message().c_str());
    return 0;
  }
  const char* fr = std::getenv("FRESHBENCH_LAKE_FRESHNESS");
  const char* rounds_env = std::getenv("FRESHBENCH_LAKE_ROUNDS");
  const int rounds = rounds_env ? std::atoi(rounds_env) : 1;
  const std::string root = std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/";
  std::map<std::string, std::string> v = {{"topic", ep.topic},
                                          {"kafka_bootstrap", ep.kafka_bootstrap},
                                          {"database", "analytics"},
                                          {"table", "transactions"},
                                          {"kafka_group", "freshbench_fluss"},
                                          {"kafka_startup", "earliest"},
                                          {"lake_freshness", fr ? fr : "30s"},
                                          {"bucket_num", "1"},
                                          {"ingest_job", "freshbench-fluss-ingest"},
                                          {"tiering_job", "Fluss Lake Tiering Service - paimon"},
                                          {"tiering_jar", "flink/jobs/fluss-flink-tiering-0.9.1-incubating.jar"}};
  for (const auto& s : Statements(root + "shared/fluss/setup.sql", v)) {
    auto r = driver.Execute(s);
    if (!r.ok()) {
      std::fprintf(stderr, "freshbench: lake_bench setup: %s\n", r.status().message().c_str());
      return 1;
    }
  }
  std::printf("lake_bench: Flink %s, pipeline set up (lake freshness %s)\n", version->c_str(),
              v["lake_freshness"].c_str());
  auto run = [&](const std::string& pattern, const std::string& q) -> bool {
    auto st = Statements(root + pattern + "/" + q + ".sql", v);
    FlinkDriver fresh(FlinkDriverOptionsFor(ep));
    const auto t0 = std::chrono::steady_clock::now();
    auto rs = fresh.Execute(st.at(0));
    const int64_t done = NowMs();
    const int64_t lat =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    if (!rs.ok()) {
      std::printf("%-15s %s  error: %s\n", pattern.c_str(), q.c_str(), rs.status().message().c_str());
      return false;
    }
    std::printf("%-15s %s  latency_ms=%lld rows=%zu", pattern.c_str(), q.c_str(), static_cast<long long>(lat),
                rs->rows.size());
    if (q == "q3" && rs->rows.size() == 1) {
      auto cell = [&](const char* c) {
        int i = rs->ColumnIndex(c);
        return i >= 0 && rs->rows[0][i] ? *rs->rows[0][i] : std::string();
      };
      const int64_t ev = ParseMs(cell("max_event_time"));
      const int64_t in = ParseMs(cell("max_ingest_time"));
      const int64_t now = ParseMs(cell("engine_now"));
      std::printf(" total_rows=%s freshness_lag_ms=%lld engine_side_freshness_ms=%lld pipeline_lag_ms=%lld",
                  cell("total_rows").c_str(), static_cast<long long>(done - ev), static_cast<long long>(now - ev),
                  static_cast<long long>(in - ev));
    }
    std::printf("\n");
    std::fflush(stdout);
    return true;
  };
  // Batch reads need the first lake snapshot.
  bool ready = false;
  for (int i = 0; i < 40 && !ready; ++i) {
    FlinkDriver probe(FlinkDriverOptionsFor(ep));
    auto rs = probe.Execute("SELECT COUNT(*) FROM fluss_catalog.analytics.`transactions$lake`");
    ready = rs.ok() && !rs->rows.empty() && rs->rows[0][0] && *rs->rows[0][0] != "0";
    if (!ready) std::this_thread::sleep_for(std::chrono::seconds(5));
  }
  if (!ready) {
    std::printf("lake_bench: no lake snapshot after 200 s\n");
    return 1;
  }
  for (int r = 0; r < rounds; ++r)
    for (const std::string p : {"p2-fluss-union", "p3-fluss-lake"})
      for (const std::string q : {"q3", "q1", "q2", "q3"}) run(p, q);
  return 0;
}
