// The Generator end to end without a broker: null and stdout sinks, markers,
// pacing on a fake clock, and Kafka produce/delivery logic against
// librdkafka's in-process mock cluster.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "gen/generator.h"

namespace freshbench::gen {
namespace {

GeneratorOptions NullOptions() {
  GeneratorOptions o;
  o.sink = SinkKind::kNull;
  o.bootstrap = "127.0.0.1:1";  // unused by the null sink
  return o;
}

TEST(GenGeneratorTest, NullSinkCountsEveryEventDelivered) {
  GeneratorOptions o = NullOptions();
  o.target_rps = 0;
  o.threads = 4;
  o.count = 100'003;
  auto g = Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  GeneratorSummary s = (*g)->Stop();
  EXPECT_EQ(s.sent, 100'003u);
  EXPECT_EQ(s.delivered, 100'003u);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_TRUE(s.ok());
  EXPECT_GT(s.mean_rps, 0);
}

// Every sleep jumps straight to the wake-up time: a run of N simulated
// seconds takes milliseconds, and pacing can be checked exactly.
class JumpClock final : public Clock {
 public:
  int64_t NowNs() override { return now_.load(); }
  void SleepUntilNs(int64_t t) override {
    int64_t cur = now_.load();
    while (cur < t && !now_.compare_exchange_weak(cur, t)) {
    }
  }

 private:
  std::atomic<int64_t> now_{5'000'000'000};
};

TEST(GenGeneratorTest, PacedRunSendsRateTimesDurationAcrossThreads) {
  JumpClock clock;
  GeneratorOptions o = NullOptions();
  o.target_rps = 1000;
  o.duration_s = 5;
  o.threads = 3;
  auto g = Generator::Create(o, 1, &clock);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE((*g)->Start().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  GeneratorSummary s = (*g)->Stop();
  EXPECT_EQ(s.sent, 5000u);
  EXPECT_EQ(s.delivered, 5000u);
  EXPECT_NEAR(s.elapsed_s, 5.0, 0.01);
}

TEST(GenGeneratorTest, StdoutSinkWritesOneValidEventPerLine) {
  char path[] = "/tmp/fb_gen_stdoutXXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  GeneratorOptions o = NullOptions();
  o.sink = SinkKind::kStdout;
  o.target_rps = 0;
  o.count = 20'000;
  o.seed = 11;
  auto g = Generator::Create(o, fd);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE((*g)->Start().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  GeneratorSummary s = (*g)->Stop();
  close(fd);
  EXPECT_EQ(s.delivered, 20'000u);
  std::ifstream in(path);
  std::string line;
  std::set<std::string> ids;
  size_t lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    auto j = nlohmann::json::parse(line);
    ids.insert(j["event_id"].get<std::string>());
    ASSERT_EQ(j["event_time"].get<std::string>().size(), 24u);
  }
  unlink(path);
  EXPECT_EQ(lines, 20'000u);
  EXPECT_EQ(ids.size(), 20'000u);
}

TEST(GenGeneratorTest, AReaderThatHangsUpEndsTheRunQuietly) {
  signal(SIGPIPE, SIG_IGN);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  GeneratorOptions o = NullOptions();
  o.sink = SinkKind::kStdout;
  o.target_rps = 0;  // forever, unless the sink closes
  auto g = Generator::Create(o, fds[1]);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE((*g)->Start().ok());
  for (int i = 0; i < 500 && !(*g)->Finished(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE((*g)->Finished());
  GeneratorSummary s = (*g)->Stop();
  close(fds[1]);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_EQ(s.delivered, 0u);
  EXPECT_EQ(s.dropped, s.sent);
  EXPECT_TRUE(s.ok());
}

TEST(GenGeneratorTest, MarkersAreAcknowledgedWithTheirId) {
  GeneratorOptions o = NullOptions();
  o.target_rps = 100;
  auto g = Generator::Create(o);
  ASSERT_TRUE(g.ok());
  auto before = (*g)->SendMarker("11111111-2222-4333-8444-555555555555").get();
  EXPECT_EQ(before.status().code(), Status::Code::kUnavailable);
  ASSERT_TRUE((*g)->Start().ok());
  auto bad = (*g)->SendMarker("not-a-uuid").get();
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  auto ack = (*g)->SendMarker("11111111-2222-4333-8444-555555555555").get();
  ASSERT_TRUE(ack.ok()) << ack.status().message();
  EXPECT_EQ(ack->event_id, "11111111-2222-4333-8444-555555555555");
  EXPECT_GE(ack->ack_time_ms, ack->event_time_ms);
  (*g)->Stop();
}

TEST(GenGeneratorTest, UnreachableBrokerFailsClearlyWithinTheTimeout) {
  GeneratorOptions o;
  o.bootstrap = "127.0.0.1:1";  // nothing listens on port 1
  o.connect_timeout_ms = 1500;
  const auto t0 = std::chrono::steady_clock::now();
  auto g = Generator::Create(o);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(g.status().message().find("127.0.0.1:1"), std::string::npos) << g.status().message();
  EXPECT_LT(took, 10.0);  // the bound: an error, never a hang
}

TEST(GenGeneratorTest, BadDashXIsRejectedEvenForTheNullSink) {
  GeneratorOptions o = NullOptions();
  o.kafka_config = {{"bogus.key", "1"}};
  auto g = Generator::Create(o);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().ExitCode(), 2);
  EXPECT_NE(g.status().message().find("No such configuration property"), std::string::npos);
}

// An in-process Kafka cluster (librdkafka's mock) with a `transactions` topic.
class MockCluster {
 public:
  explicit MockCluster(int partitions = 12) {
    char errstr[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof(errstr));
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
    mc_ = rd_kafka_mock_cluster_new(rk_, 1);
    rd_kafka_mock_topic_create(mc_, "transactions", partitions, 1);
  }
  ~MockCluster() {
    rd_kafka_mock_cluster_destroy(mc_);
    rd_kafka_destroy(rk_);
  }
  std::string bootstrap() const { return rd_kafka_mock_cluster_bootstraps(mc_); }
  rd_kafka_mock_cluster_t* get() { return mc_; }

 private:
  rd_kafka_t* rk_;
  rd_kafka_mock_cluster_t* mc_;
};

GeneratorOptions MockOptions(const MockCluster& mc) {
  GeneratorOptions o;
  o.bootstrap = mc.bootstrap();
  o.kafka_config = {{"log_level", "0"}};
  o.connect_timeout_ms = 5000;
  return o;
}

TEST(GenGeneratorTest, MockClusterDeliversEveryEventAndMarker) {
  MockCluster mc;
  GeneratorOptions o = MockOptions(mc);
  o.target_rps = 0;
  o.count = 50'000;
  o.acks = "all";
  auto g = Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_NE((*g)->DescribeSink().find("12 partitions"), std::string::npos);
  ASSERT_TRUE((*g)->Start().ok());
  auto ack = (*g)->SendMarker("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee").get();
  ASSERT_TRUE(ack.ok()) << ack.status().message();
  EXPECT_GE(ack->partition, 0);
  EXPECT_GE(ack->offset, 0);
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  GeneratorSummary s = (*g)->Stop();
  EXPECT_EQ(s.sent, 50'001u);  // the marker too
  EXPECT_EQ(s.delivered, 50'001u);
  EXPECT_EQ(s.failed, 0u);
  EXPECT_TRUE(s.ok());
}

// (The mock cluster creates any topic asked for; a missing topic is covered
// by the integration tests against the real broker.)

TEST(GenGeneratorTest, PermanentProduceErrorsCountAsFailed) {
  MockCluster mc;
  // Every produce request fails with an error that is not retried.
  std::vector<rd_kafka_resp_err_t> errs(200, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  rd_kafka_mock_push_request_errors_array(mc.get(), 0 /* Produce */, errs.size(), errs.data());
  GeneratorOptions o = MockOptions(mc);
  o.target_rps = 0;
  o.count = 100;
  o.threads = 1;
  auto g = Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  GeneratorSummary s = (*g)->Stop();
  EXPECT_EQ(s.sent, 100u);
  EXPECT_GT(s.failed, 0u);
  EXPECT_EQ(s.delivered + s.failed, 100u);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(s.last_error.empty());
}

TEST(GenGeneratorTest, BrokerDownIsBackPressureThenDeliveryResumes) {
  MockCluster mc;
  GeneratorOptions o = MockOptions(mc);
  o.target_rps = 20'000;
  o.count = 30'000;
  o.acks = "all";
  o.queue_max_messages = 2000;  // small, so the outage fills it
  o.kafka_config.push_back({"reconnect.backoff.max.ms", "200"});
  auto g = Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  rd_kafka_mock_broker_set_down(mc.get(), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  GeneratorStats during = (*g)->Snapshot();
  rd_kafka_mock_broker_set_up(mc.get(), 1);
  for (int i = 0; i < 1000 && !(*g)->Finished(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  GeneratorSummary s = (*g)->Stop();
  EXPECT_GT(during.queue_full, 0u);          // the full queue slowed the generator
  EXPECT_LE(during.in_flight(), 2000u + 4);  // and memory stayed bounded
  EXPECT_EQ(s.sent, 30'000u);
  EXPECT_EQ(s.delivered, 30'000u);
  EXPECT_EQ(s.failed, 0u);
}

}  // namespace
}  // namespace freshbench::gen
