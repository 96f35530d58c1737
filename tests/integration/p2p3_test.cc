// P2 (Fluss union read) and P3 (Fluss lake only) on the real local lake
// stack: ZooKeeper, Fluss, Flink JobManager/TaskManager/SQL Gateway
// (deploy/local/flink/lake-stack.sh) plus the local Kafka.
//
// Bounded: a fresh topic, two short bursts of events, a 30 s lake epoch,
// every wait capped. Skipped (with the reason) when Kafka or the SQL
// Gateway is not reachable; FRESHBENCH_LAKE_TEST=require turns the skip
// into a failure.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "config/endpoints.h"
#include "engines/flink/flink_driver.h"

namespace freshbench::testing {
namespace {

using Clock = std::chrono::system_clock;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

std::string IsoZ(int64_t ms) {
  std::time_t s = ms / 1000;
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

// "YYYY-MM-DD HH:MM:SS[.fff]" UTC -> epoch ms.
int64_t ParseMs(const std::string& t) {
  std::tm tm{};
  int ms = 0;
  char frac[8] = {0};
  int n = std::sscanf(t.c_str(), "%d-%d-%d %d:%d:%d.%7[0-9]", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                      &tm.tm_hour, &tm.tm_min, &tm.tm_sec, frac);
  if (n < 6) return -1;
  if (n == 7) ms = std::stoi((std::string(frac) + "000").substr(0, 3));
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// {{name}} substitution and ';'-at-end-of-line splitting, as the pattern
// runner does (kept tiny here so this test depends on the pattern files only).
std::vector<std::string> Statements(const std::string& file, const std::map<std::string, std::string>& v) {
  std::string text = ReadFile(file);
  for (const auto& [k, val] : v) {
    const std::string key = "{{" + k + "}}";
    for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + val.size()))
      text.replace(p, key.size(), val);
  }
  std::vector<std::string> out;
  std::string cur, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    std::string trimmed = line.substr(0, line.find_last_not_of(" \t\r") + 1);
    if (trimmed.rfind("--", 0) == 0) continue;
    if (!trimmed.empty() && trimmed.back() == ';') {
      cur += trimmed.substr(0, trimmed.size() - 1);
      if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
  return out;
}

class Producer {
 public:
  explicit Producer(const std::string& bootstrap) {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  }
  ~Producer() {
    if (rk_ != nullptr) {
      rd_kafka_flush(rk_, 10000);
      rd_kafka_destroy(rk_);
    }
  }
  bool ok() const { return rk_ != nullptr; }

  bool CreateTopic(const std::string& topic, int partitions) {
    char err[256];
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk_);
    rd_kafka_CreateTopics(rk_, &nt, 1, nullptr, q);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 15000);
    bool ok = ev != nullptr && rd_kafka_event_error(ev) == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (ok) {
      size_t n = 0;
      const rd_kafka_topic_result_t** res = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
      ok = n == 1 && rd_kafka_topic_result_error(res[0]) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    if (ev != nullptr) rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(q);
    rd_kafka_NewTopic_destroy(nt);
    return ok;
  }

  void DeleteTopic(const std::string& topic) {
    rd_kafka_DeleteTopic_t* dt = rd_kafka_DeleteTopic_new(topic.c_str());
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk_);
    rd_kafka_DeleteTopics(rk_, &dt, 1, nullptr, q);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 15000);
    if (ev != nullptr) rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(q);
    rd_kafka_DeleteTopic_destroy(dt);
  }

  // Sends `rate` events per second for `seconds`; returns the newest
  // event_time sent (epoch ms).
  int64_t Burst(const std::string& topic, int rate, int seconds) {
    static const char* kRegions[] = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
                                     "ap-southeast-1", "ap-northeast-1", "sa-east-1"};
    static const char* kTypes[] = {"purchase", "refund", "view", "add_to_cart", "checkout", "login"};
    std::mt19937_64 rng(NowMs());
    int64_t newest = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int tick = 0; tick < seconds * 10; ++tick) {
      for (int i = 0; i < rate / 10; ++i) {
        const int64_t t = NowMs();
        const long user = static_cast<long>(rng() % 10000000) + 1;
        char json[400];
        std::snprintf(json, sizeof json,
                      R"({"event_id":"%016llx-%08x","user_id":%ld,"amount":%.2f,"region":"%s","event_type":"%s","event_time":"%s"})",
                      static_cast<unsigned long long>(rng()), static_cast<unsigned>(i), user,
                      (rng() % 999999 + 1) / 100.0, kRegions[rng() % 7], kTypes[rng() % 6], IsoZ(t).c_str());
        const std::string key = std::to_string(user);
        rd_kafka_producev(rk_, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(key.data(), key.size()),
                          RD_KAFKA_V_VALUE(json, std::strlen(json)), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_END);
        newest = t;
      }
      rd_kafka_poll(rk_, 0);
      std::this_thread::sleep_until(start + std::chrono::milliseconds(100 * (tick + 1)));
    }
    rd_kafka_flush(rk_, 10000);
    return newest;
  }

 private:
  rd_kafka_t* rk_ = nullptr;
};

bool Required() {
  const char* v = std::getenv("FRESHBENCH_LAKE_TEST");
  return v != nullptr && std::string(v) == "require";
}

struct Q3 {
  int64_t max_event_ms = -1;
  int64_t max_ingest_ms = -1;
  int64_t total_rows = 0;
  int64_t done_ms = 0;
  int64_t latency_ms = 0;
};

class P2P3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    endpoints_ = Endpoints::FromEnvironment();
    driver_ = std::make_unique<FlinkDriver>(FlinkDriverOptionsFor(endpoints_));
    auto v = driver_->ServerVersion();
    if (!v.ok()) {
      if (Required()) FAIL() << v.status().message();
      GTEST_SKIP() << "lake stack not running: " << v.status().message()
                   << " (start it with deploy/local/flink/lake-stack.sh up)";
    }
    producer_ = std::make_unique<Producer>(endpoints_.kafka_bootstrap);
    topic_ = "fb_p2p3_" + std::to_string(NowMs());
    if (!producer_->ok() || !producer_->CreateTopic(topic_, 3)) {
      if (Required()) FAIL() << "Kafka at " << endpoints_.kafka_bootstrap << " not usable";
      GTEST_SKIP() << "Kafka at " << endpoints_.kafka_bootstrap << " not reachable";
    }
    values_ = {{"topic", topic_},
               {"kafka_bootstrap", endpoints_.kafka_bootstrap},
               {"database", "fbtest"},
               {"table", "transactions"},
               {"kafka_group", topic_},
               {"kafka_startup", "earliest"},
               {"lake_freshness", "30s"},
               {"bucket_num", "1"},
               {"ingest_job", "freshbench-test-ingest"},
               {"tiering_job", "Fluss Lake Tiering Service - paimon"},
               {"tiering_jar", "flink/jobs/fluss-flink-tiering-0.9.1-incubating.jar"}};
    RunFile("p2-fluss-union/teardown.sql");
  }

  void TearDown() override {
    if (!producer_) return;
    RunFile("p2-fluss-union/teardown.sql");
    producer_->DeleteTopic(topic_);
  }

  std::string PatternFile(const std::string& rel) {
    return std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/" + rel;
  }

  void RunFile(const std::string& rel) {
    for (const std::string& s : Statements(PatternFile(rel), values_)) {
      auto r = driver_->Execute(s);
      ASSERT_TRUE(r.ok()) << rel << ": " << r.status().message() << "\n" << s;
    }
  }

  Result<ResultSet> Query(const std::string& rel) {
    auto st = Statements(PatternFile(rel), values_);
    if (st.size() != 1) return Status::Internal(rel + " holds " + std::to_string(st.size()) + " statements");
    FlinkDriver fresh(FlinkDriverOptionsFor(endpoints_));  // a query runs in its own batch session
    return fresh.Execute(st[0]);
  }

  Result<Q3> RunQ3(const std::string& pattern_dir) {
    const auto t0 = std::chrono::steady_clock::now();
    auto rs = Query(pattern_dir + "/q3.sql");
    if (!rs.ok()) return rs.status();
    Q3 q;
    q.done_ms = NowMs();
    q.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    if (rs->rows.size() != 1) return Status::Internal("Q3 returned " + std::to_string(rs->rows.size()) + " rows");
    const auto& row = rs->rows[0];
    auto cell = [&](const char* name) -> std::optional<std::string> {
      int i = rs->ColumnIndex(name);
      return i < 0 ? std::nullopt : row[i];
    };
    if (auto v = cell("max_event_time")) q.max_event_ms = ParseMs(*v);
    if (auto v = cell("max_ingest_time")) q.max_ingest_ms = ParseMs(*v);
    if (auto v = cell("total_rows")) q.total_rows = std::stoll(*v);
    return q;
  }

  bool IngestRunning() {
    auto jobs = driver_->ListJobs();
    if (!jobs.ok()) return false;
    for (const auto& j : *jobs)
      if (j.name == "freshbench-test-ingest" && j.state == "RUNNING") return true;
    return false;
  }

  Endpoints endpoints_;
  std::unique_ptr<FlinkDriver> driver_;
  std::unique_ptr<Producer> producer_;
  std::string topic_;
  std::map<std::string, std::string> values_;
};

TEST_F(P2P3Test, UnionReadIsFreshLakeTrailsByAnEpochTeardownStopsJobs) {
  RunFile("p2-fluss-union/setup.sql");
  RunFile("p3-fluss-lake/setup.sql");  // shared table: a second setup is a no-op
  for (int i = 0; i < 60 && !IngestRunning(); ++i) std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(IngestRunning()) << "ingestion job did not reach RUNNING";
  {
    auto jobs = driver_->ListJobs();
    ASSERT_TRUE(jobs.ok());
    int ingest = 0, tiering = 0;
    for (const auto& j : *jobs) {
      if (!j.Active()) continue;
      ingest += j.name == "freshbench-test-ingest";
      tiering += j.name == "Fluss Lake Tiering Service - paimon";
    }
    EXPECT_EQ(ingest, 1) << "setup twice must not start a second ingestion job";
    EXPECT_EQ(tiering, 1) << "setup twice must not start a second tiering job";
  }

  producer_->Burst(topic_, 500, 10);
  // Batch reads need one lake snapshot first: wait for the first epoch.
  Result<Q3> p3 = Status::Internal("not run");
  for (int i = 0; i < 24; ++i) {
    p3 = RunQ3("p3-fluss-lake");
    if (p3.ok() && p3->total_rows > 0) break;
    std::this_thread::sleep_for(std::chrono::seconds(5));
  }
  ASSERT_TRUE(p3.ok()) << p3.status().message();
  ASSERT_GT(p3->total_rows, 0) << "no lake snapshot after 2 minutes";

  // A second burst: P2 must see its newest event within seconds.
  const int64_t newest = producer_->Burst(topic_, 500, 10);
  Result<Q3> p2 = Status::Internal("not run");
  for (int i = 0; i < 10; ++i) {
    p2 = RunQ3("p2-fluss-union");
    if (p2.ok() && p2->max_event_ms == newest) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_TRUE(p2.ok()) << p2.status().message();
  EXPECT_EQ(p2->max_event_ms, newest);
  const int64_t p2_fresh = p2->done_ms - p2->max_event_ms;
  EXPECT_GE(p2_fresh, 0);
  EXPECT_LT(p2_fresh, 30000) << "union read should be fresh within seconds";
  EXPECT_GE(p2->max_ingest_ms, p2->max_event_ms - 1000) << "ingest_time is stamped after event_time";
  EXPECT_EQ(p2->total_rows, 10000);

  // The lake trails the union read by about one epoch (30 s), never leads it.
  auto p3b = RunQ3("p3-fluss-lake");
  ASSERT_TRUE(p3b.ok()) << p3b.status().message();
  EXPECT_LE(p3b->max_event_ms, p2->max_event_ms);
  EXPECT_LE(p3b->total_rows, p2->total_rows);
  const int64_t trail = p2->max_event_ms - p3b->max_event_ms;
  EXPECT_LT(trail, 75000) << "lake should trail by about one 30 s epoch";
  std::printf("[ p2p3 ] P2 Q3 freshness %lld ms (latency %lld ms, %lld rows); P3 trails by %lld ms "
              "(latency %lld ms, %lld rows)\n",
              static_cast<long long>(p2_fresh), static_cast<long long>(p2->latency_ms),
              static_cast<long long>(p2->total_rows), static_cast<long long>(trail),
              static_cast<long long>(p3b->latency_ms), static_cast<long long>(p3b->total_rows));

  // After another epoch the lake holds everything.
  Result<Q3> p3c = Status::Internal("not run");
  for (int i = 0; i < 20; ++i) {
    p3c = RunQ3("p3-fluss-lake");
    if (p3c.ok() && p3c->max_event_ms == newest) break;
    std::this_thread::sleep_for(std::chrono::seconds(5));
  }
  ASSERT_TRUE(p3c.ok()) << p3c.status().message();
  EXPECT_EQ(p3c->max_event_ms, newest);
  EXPECT_EQ(p3c->total_rows, 10000);

  // Q1 and Q2 shapes on both patterns.
  for (const std::string dir : {"p2-fluss-union", "p3-fluss-lake"}) {
    auto q1 = Query(dir + "/q1.sql");
    ASSERT_TRUE(q1.ok()) << dir << " q1: " << q1.status().message();
    EXPECT_EQ(q1->columns, (std::vector<std::string>{"region", "cnt", "total", "avg_amount"}));
    EXPECT_EQ(q1->rows.size(), 7u) << dir;
    auto q2 = Query(dir + "/q2.sql");
    ASSERT_TRUE(q2.ok()) << dir << " q2: " << q2.status().message();
    EXPECT_EQ(q2->columns, (std::vector<std::string>{"window_start", "region", "event_count", "total_amount"}));
    EXPECT_GE(q2->rows.size(), 7u) << dir;
    EXPECT_LE(q2->rows.size(), 120u) << dir;
  }

  RunFile("p2-fluss-union/teardown.sql");
  std::this_thread::sleep_for(std::chrono::seconds(3));
  auto jobs = driver_->ListJobs();
  ASSERT_TRUE(jobs.ok());
  for (const auto& j : *jobs) EXPECT_FALSE(j.Active()) << "still running after teardown: " << j.name;
}

TEST_F(P2P3Test, ServerErrorsComeBackAsOneLine) {
  auto r = driver_->Execute("SELECT * FROM fluss_catalog.fbtest.no_such_table");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kServerError);
  EXPECT_EQ(r.status().message().find('\n'), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("no_such_table"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace freshbench::testing
