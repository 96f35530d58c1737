// P2 (Fluss union read) and P3 (Fluss lake only) on the real local lake
// stack: ZooKeeper, Fluss, Flink JobManager/TaskManager/SQL Gateway
// (`freshbench stack up --with flink`) plus the local Kafka. The pattern
// files are read through the pattern loader, as `freshbench setup` does.
//
// Bounded: a fresh topic, two short bursts of events, a 30 s lake epoch.
// Every wait polls for its condition up to a generous deadline (this runs
// on a loaded 2-core machine), never a fixed sleep. Skipped (with the
// reason) when Kafka or the SQL Gateway is not reachable;
// FRESHBENCH_LAKE_TEST=require (scripts/test.sh) turns the skip into a
// failure.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "config/endpoints.h"
#include "engines/flink/flink_driver.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"

namespace freshbench::testing {
namespace {

using Clock = std::chrono::system_clock;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
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
      const rd_kafka_topic_result_t** res =
          rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
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
    static const char* kRegions[] = {"us-east-1",    "us-west-2",      "eu-west-1",
                                     "eu-central-1", "ap-southeast-1", "ap-northeast-1",
                                     "sa-east-1"};
    static const char* kTypes[] = {"purchase",    "refund",   "view",
                                   "add_to_cart", "checkout", "login"};
    std::mt19937_64 rng(NowMs());
    int64_t newest = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int tick = 0; tick < seconds * 10; ++tick) {
      for (int i = 0; i < rate / 10; ++i) {
        const int64_t t = NowMs();
        const long user = static_cast<long>(rng() % 10000000) + 1;
        char json[400];
        std::snprintf(
            json, sizeof json,
            R"({"event_id":"%016llx-%08x","user_id":%ld,"amount":%.2f,"region":"%s","event_type":"%s","event_time":"%s"})",
            static_cast<unsigned long long>(rng()), static_cast<unsigned>(i), user,
            (rng() % 999999 + 1) / 100.0, kRegions[rng() % 7], kTypes[rng() % 6], IsoZ(t).c_str());
        const std::string key = std::to_string(user);
        rd_kafka_producev(rk_, RD_KAFKA_V_TOPIC(topic.c_str()),
                          RD_KAFKA_V_KEY(key.data(), key.size()),
                          RD_KAFKA_V_VALUE(json, std::strlen(json)),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
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

using Steady = std::chrono::steady_clock;

// Polls `done` every `every` until it holds or `limit` has passed; true
// when it held. The deadlines below are several times what an idle machine
// needs: they bound a broken run, they are not speed targets.
template <typename F>
bool PollUntil(std::chrono::seconds limit, std::chrono::milliseconds every, F done) {
  const auto deadline = Steady::now() + limit;
  while (true) {
    if (done()) return true;
    if (Steady::now() >= deadline) return false;
    std::this_thread::sleep_for(every);
  }
}

struct Q3 {
  int64_t max_event_ms = -1;
  int64_t max_ingest_ms = -1;
  int64_t total_rows = 0;
  int64_t done_ms = 0;
  int64_t latency_ms = 0;
  std::string no_data;  // the driver's kNotReady reason
};

constexpr const char* kIngestJob = "freshbench-test-ingest";
constexpr const char* kTieringJob = "Fluss Lake Tiering Service - paimon";

class P2P3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    endpoints_ = Endpoints::FromEnvironment();
    driver_ = std::make_unique<FlinkDriver>(FlinkDriverOptionsFor(endpoints_));
    auto v = driver_->ServerVersion();
    if (!v.ok()) {
      if (Required()) FAIL() << v.status().message();
      GTEST_SKIP() << "lake stack not running: " << v.status().message()
                   << " (start it with `freshbench stack up --with flink`)";
    }
    producer_ = std::make_unique<Producer>(endpoints_.kafka_bootstrap);
    topic_ = "fb_p2p3_" + std::to_string(NowMs());
    if (!producer_->ok() || !producer_->CreateTopic(topic_, 3)) {
      if (Required()) FAIL() << "Kafka at " << endpoints_.kafka_bootstrap << " not usable";
      GTEST_SKIP() << "Kafka at " << endpoints_.kafka_bootstrap << " not reachable";
    }
    const std::string root = std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/";
    for (const char* dir : {"p2-fluss-union", "p3-fluss-lake"}) {
      auto p = LoadPattern(root + dir);
      ASSERT_TRUE(p.ok()) << p.status().message();
      auto r = ResolvePattern(*p, *v, nullptr,
                              {{"database", "fbtest"},
                               {"kafka_group", topic_},
                               {"lake_freshness", "30s"},
                               {"ingest_job", kIngestJob}},
                              {{"topic", topic_}, {"kafka_bootstrap", endpoints_.kafka_bootstrap}});
      ASSERT_TRUE(r.ok()) << r.status().message();
      patterns_[dir] = {std::move(*p), std::move(*r)};
    }
    RunFiles("p2-fluss-union", &PatternResolution::teardown);
  }

  void TearDown() override {
    if (!producer_ || patterns_.empty()) return;
    // Never drop a table a job still writes (its writer would retry forever).
    (void)driver_->Execute("CANCEL JOBS 'freshbench-test-sparse'");
    (void)driver_->Execute("DROP TABLE IF EXISTS fluss_catalog.fbtest.sparse");
    (void)driver_->Execute("DROP TABLE IF EXISTS paimon_catalog.fbtest.sparse");
    RunFiles("p2-fluss-union", &PatternResolution::teardown);
    producer_->DeleteTopic(topic_);
  }

  void RunFiles(const std::string& dir, std::vector<std::string> PatternResolution::*which) {
    const auto& [pattern, res] = patterns_.at(dir);
    auto statements = ReadStatements(pattern, res.*which, res.values);
    ASSERT_TRUE(statements.ok()) << statements.status().message();
    for (const std::string& s : *statements) {
      auto r = driver_->Execute(s);
      ASSERT_TRUE(r.ok()) << dir << ": " << r.status().message() << "\n" << s;
    }
  }

  // Runs query `name` of pattern folder `dir` in a fresh batch session (setup
  // leaves its session in streaming mode).
  Result<ResultSet> Query(const std::string& dir, const std::string& name) {
    const auto& [pattern, res] = patterns_.at(dir);
    auto st = ReadStatements(pattern, {res.queries.at(name)}, res.values);
    if (!st.ok()) return st.status();
    if (st->size() != 1) return Status::Internal(dir + " " + name + " is not one statement");
    FlinkDriver fresh(FlinkDriverOptionsFor(endpoints_));
    return fresh.Execute((*st)[0]);
  }

  Result<Q3> RunQ3(const std::string& dir) {
    const auto t0 = Steady::now();
    auto rs = Query(dir, "q3");
    Q3 q;
    q.done_ms = NowMs();
    q.latency_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - t0).count();
    if (!rs.ok() && rs.status().code() == Status::Code::kNotReady) {
      q.no_data = rs.status().message();
      return q;
    }
    if (!rs.ok()) return rs.status();
    if (rs->rows.size() != 1)
      return Status::Internal("Q3 returned " + std::to_string(rs->rows.size()) + " rows");
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

  // Active jobs named `name` (-1 when the JobManager does not answer).
  int ActiveJobs(const std::string& name) {
    auto jobs = driver_->ListJobs();
    if (!jobs.ok()) return -1;
    int n = 0;
    for (const auto& j : *jobs) n += j.Active() && (name.empty() || j.name == name);
    return n;
  }

  bool IngestRunning() {
    auto jobs = driver_->ListJobs();
    if (!jobs.ok()) return false;
    for (const auto& j : *jobs)
      if (j.name == kIngestJob && j.state == "RUNNING") return true;
    return false;
  }

  Endpoints endpoints_;
  std::unique_ptr<FlinkDriver> driver_;
  std::unique_ptr<Producer> producer_;
  std::string topic_;
  std::map<std::string, std::pair<Pattern, PatternResolution>> patterns_;
};

TEST_F(P2P3Test, UnionReadIsFreshLakeTrailsByAnEpochTeardownStopsJobs) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  const auto test_start = Steady::now();
  RunFiles("p2-fluss-union", &PatternResolution::setup);
  RunFiles("p3-fluss-lake", &PatternResolution::setup);  // shared table: a second setup is a no-op
  ASSERT_TRUE(PollUntil(seconds(180), milliseconds(1000), [&] { return IngestRunning(); }))
      << "ingestion job did not reach RUNNING within 180 s";
  EXPECT_EQ(ActiveJobs(kIngestJob), 1) << "setup twice must not start a second ingestion job";
  EXPECT_EQ(ActiveJobs(kTieringJob), 1) << "setup twice must not start a second tiering job";

  // Before the first lake snapshot: a sample without data, not an error.
  {
    auto p2 = RunQ3("p2-fluss-union");
    ASSERT_TRUE(p2.ok()) << "P2 before the first snapshot: " << p2.status().message();
    EXPECT_EQ(p2->no_data, kNoLakeSnapshotYet);
    auto p3 = RunQ3("p3-fluss-lake");
    ASSERT_TRUE(p3.ok()) << "P3 before the first snapshot: " << p3.status().message();
    EXPECT_EQ(p3->total_rows, 0);
  }

  producer_->Burst(topic_, 500, 10);
  // The first epoch (30 s) tiers the first burst into the lake.
  Result<Q3> p3 = Status::Internal("not run");
  ASSERT_TRUE(PollUntil(seconds(300), milliseconds(2000),
                        [&] {
                          p3 = RunQ3("p3-fluss-lake");
                          return p3.ok() && p3->total_rows > 0;
                        }))
      << "no lake snapshot within 300 s: "
      << (p3.ok() ? std::to_string(p3->total_rows) + " rows" : p3.status().message());

  // A second burst: P2 (hot + cold) sees its newest event within seconds.
  const int64_t newest = producer_->Burst(topic_, 500, 10);
  Result<Q3> p2 = Status::Internal("not run");
  ASSERT_TRUE(PollUntil(seconds(120), milliseconds(250),
                        [&] {
                          p2 = RunQ3("p2-fluss-union");
                          return p2.ok() && p2->max_event_ms == newest;
                        }))
      << "P2 did not show the newest event within 120 s: "
      << (p2.ok() ? std::to_string(p2->max_event_ms) + " vs " + std::to_string(newest)
                  : p2.status().message());
  const int64_t p2_fresh = p2->done_ms - p2->max_event_ms;
  EXPECT_GE(p2_fresh, 0);
  EXPECT_GE(p2->max_ingest_ms, p2->max_event_ms - 1000)
      << "ingest_time is stamped after event_time";
  EXPECT_EQ(p2->total_rows, 10000);

  // The lake never leads the union read...
  auto p3b = RunQ3("p3-fluss-lake");
  ASSERT_TRUE(p3b.ok()) << p3b.status().message();
  EXPECT_LE(p3b->max_event_ms, p2->max_event_ms);
  EXPECT_LE(p3b->total_rows, p2->total_rows);
  // ...and catches up within about one epoch of the second burst.
  Result<Q3> p3c = Status::Internal("not run");
  ASSERT_TRUE(PollUntil(seconds(300), milliseconds(2000), [&] {
    p3c = RunQ3("p3-fluss-lake");
    return p3c.ok() && p3c->max_event_ms == newest;
  })) << "the lake did not catch up within 300 s";
  EXPECT_EQ(p3c->total_rows, 10000);
  const int64_t lake_lag = p3c->done_ms - newest;
  std::printf(
      "[ p2p3 ] P2 Q3 freshness %lld ms (latency %lld ms, %lld rows); P3 before catching up: "
      "%lld rows, then the newest event after %lld ms (30 s epoch; latency %lld ms)\n",
      static_cast<long long>(p2_fresh), static_cast<long long>(p2->latency_ms),
      static_cast<long long>(p2->total_rows), static_cast<long long>(p3b->total_rows),
      static_cast<long long>(lake_lag), static_cast<long long>(p3c->latency_ms));

  // Q1 and Q2 shapes on both patterns.
  for (const std::string dir : {"p2-fluss-union", "p3-fluss-lake"}) {
    auto q1 = Query(dir, "q1");
    ASSERT_TRUE(q1.ok()) << dir << " q1: " << q1.status().message();
    EXPECT_EQ(q1->columns, (std::vector<std::string>{"region", "cnt", "total", "avg_amount"}));
    EXPECT_EQ(q1->rows.size(), 7u) << dir;
    auto q2 = Query(dir, "q2");
    ASSERT_TRUE(q2.ok()) << dir << " q2: " << q2.status().message();
    EXPECT_EQ(q2->columns,
              (std::vector<std::string>{"window_start", "region", "event_count", "total_amount"}));
    EXPECT_GE(q2->rows.size(), 7u) << dir;
    EXPECT_LE(q2->rows.size(), 120u) << dir;
  }

  RunFiles("p3-fluss-lake", &PatternResolution::teardown);
  EXPECT_TRUE(PollUntil(seconds(60), milliseconds(500), [&] { return ActiveJobs("") == 0; }))
      << "jobs still running 60 s after teardown";
  std::printf("[ p2p3 ] whole test %lld s\n",
              static_cast<long long>(
                  std::chrono::duration_cast<seconds>(Steady::now() - test_start).count()));
}

// A Fluss union read over a bucket that never got data does not end
// (Fluss 0.9.1): the statement timeout must end it and leave no job behind.
// The patterns use one bucket, so this only bites with --set bucket_num=N.
TEST_F(P2P3Test, AReadThatNeverEndsIsCancelledAtTheStatementTimeout) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  RunFiles("p2-fluss-union", &PatternResolution::setup);  // the tiering job
  // A fresh batch session (setup left driver_'s in streaming mode): the
  // INSERT is a bounded job; wait until it has finished.
  FlinkDriver batch(FlinkDriverOptionsFor(endpoints_));
  for (
      const char* sql :
      {"CREATE TABLE IF NOT EXISTS fluss_catalog.fbtest.sparse (id BIGINT, note STRING) WITH ("
       "'bucket.num' = '4', 'table.datalake.enabled' = 'true', 'table.datalake.freshness' = '10s')",
       "SET 'pipeline.name' = 'freshbench-test-sparse'",
       "INSERT INTO fluss_catalog.fbtest.sparse VALUES (1, 'one row: three buckets stay empty')"}) {
    auto r = batch.Execute(sql);
    ASSERT_TRUE(r.ok()) << r.status().message() << "\n" << sql;
  }
  ASSERT_TRUE(PollUntil(seconds(120), milliseconds(500), [&] {
    auto jobs = driver_->ListJobs();
    if (!jobs.ok()) return false;
    bool finished = false;
    for (const auto& j : *jobs) {
      if (j.name != "freshbench-test-sparse") continue;
      if (j.Active()) return false;
      finished = finished || j.state == "FINISHED";
    }
    return finished;
  })) << "the one-row INSERT did not finish within 120 s";
  Result<ResultSet> lake = Status::Internal("not run");
  ASSERT_TRUE(PollUntil(seconds(240), milliseconds(2000), [&] {
    FlinkDriver fresh(FlinkDriverOptionsFor(endpoints_));
    lake = fresh.Execute("SELECT COUNT(*) AS n FROM fluss_catalog.fbtest.`sparse$lake`");
    return lake.ok() && !lake->rows.empty() && lake->rows[0][0] == std::optional<std::string>("1");
  })) << "the sparse table's lake never got its row";

  // The bound is per call (the driver's default stays 600 s).
  FlinkDriver bounded(FlinkDriverOptionsFor(endpoints_));
  const auto t0 = Steady::now();
  auto r = bounded.Execute("SELECT COUNT(*) AS n FROM fluss_catalog.fbtest.sparse",
                           CallOptions{15000, nullptr});
  const auto took = std::chrono::duration_cast<milliseconds>(Steady::now() - t0).count();
  // A later Fluss that ends the read answers 1; this one must time out.
  if (r.ok()) {
    EXPECT_EQ(r->rows.size(), 1u);
  } else {
    EXPECT_EQ(r.status().code(), Status::Code::kTimeout) << r.status().message();
    // The stall is named: the job and the state it was in when given up on.
    const std::string handle = bounded.LastStatementHandle();
    EXPECT_TRUE(std::regex_match(handle, std::regex("flink job [0-9a-f]{32} [A-Z_]+"))) << handle;
    EXPECT_NE(r.status().message().find(handle), std::string::npos) << r.status().message();
    std::printf("[ p2p3 ] stalled read named: %s\n", handle.c_str());
    // The call returned only once that job had left its task slot: a
    // caller counting free slots can submit again at once.
    auto after = driver_->ListJobs();
    ASSERT_TRUE(after.ok()) << after.status().message();
    for (const auto& j : *after)
      EXPECT_FALSE(j.Active() && j.name.rfind("SELECT", 0) == 0)
          << "job " << j.id << " is still " << j.state << " after the timed-out call returned";
    // The caller's cancel flag ends the same read within a poll, job and all.
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
      std::this_thread::sleep_for(seconds(5));
      cancel.store(true);
    });
    const auto c0 = Steady::now();
    auto c = bounded.Execute("SELECT COUNT(*) AS n FROM fluss_catalog.fbtest.sparse",
                             CallOptions{120000, &cancel});
    const auto cancel_took = std::chrono::duration_cast<milliseconds>(Steady::now() - c0).count();
    canceller.join();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), Status::Code::kCancelled) << c.status().message();
    EXPECT_LT(cancel_took, 5000 + 3000) << "the cancel flag was not seen promptly";
  }
  EXPECT_LT(took, 15000 + 60000 + 5000) << "the timeout (and the job's cancel) did not bound the read";
  std::printf("[ p2p3 ] union read over empty buckets: %s after %lld ms\n",
              r.ok() ? "answered" : r.status().message().c_str(), static_cast<long long>(took));
  // No SELECT job may hold a TaskManager slot afterwards.
  EXPECT_TRUE(PollUntil(seconds(60), milliseconds(500), [&] {
    auto jobs = driver_->ListJobs();
    if (!jobs.ok()) return false;
    for (const auto& j : *jobs)
      if (j.Active() && j.name.rfind("SELECT", 0) == 0) return false;
    return true;
  })) << "the timed-out read's job is still running";
}

// The typed job operations pattern_lifecycle uses for `ingest_jobs`
// (no CANCEL JOBS / IF NOT RUNNING strings): found by name, cancelled and
// waited for; an engine without jobs says so.
TEST_F(P2P3Test, JobsAreFoundAndCancelledByName) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  auto none = driver_->JobRunning("freshbench-no-such-job");
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_FALSE(*none);
  EXPECT_TRUE(driver_->CancelJobs({"freshbench-no-such-job"}, CallOptions{}).ok());
  RunFiles("p2-fluss-union", &PatternResolution::setup);
  ASSERT_TRUE(PollUntil(seconds(180), milliseconds(1000), [&] { return IngestRunning(); }))
      << "ingestion job did not reach RUNNING within 180 s";
  auto running = driver_->JobRunning(kIngestJob);
  ASSERT_TRUE(running.ok()) << running.status().message();
  EXPECT_TRUE(*running);
  Status st = driver_->CancelJobs({kIngestJob}, CallOptions{60000, nullptr});
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ActiveJobs(kIngestJob), 0) << "CancelJobs returns once the job has stopped";
  auto after = driver_->JobRunning(kIngestJob);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(*after);
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
