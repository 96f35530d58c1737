// ExternalLoad (run/external_load.h) against librdkafka's in-process mock
// cluster: it counts what others produce from the topic's offsets, sends
// markers of the generator's shape through its own producer, and never
// produces anything else.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <thread>

#include "gen/generator.h"
#include "kafka/topic_offsets.h"
#include "run/external_load.h"

namespace freshbench {
namespace {

class MockCluster {
 public:
  MockCluster() {
    char errstr[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof(errstr));
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
    mc_ = rd_kafka_mock_cluster_new(rk_, 1);
    rd_kafka_mock_topic_create(mc_, "transactions", 6, 1);
  }
  ~MockCluster() {
    rd_kafka_mock_cluster_destroy(mc_);
    rd_kafka_destroy(rk_);
  }
  std::string bootstrap() const { return rd_kafka_mock_cluster_bootstraps(mc_); }

 private:
  rd_kafka_t* rk_;
  rd_kafka_mock_cluster_t* mc_;
};

// Produces `count` events the way another process would.
void ProduceElsewhere(const std::string& bootstrap, uint64_t count) {
  gen::GeneratorOptions o;
  o.bootstrap = bootstrap;
  o.kafka_config = {{"log_level", "0"}};
  o.target_rps = 0;
  o.count = count;
  o.threads = 2;
  o.instance = gen::Instance{1, 3};
  auto g = gen::Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  gen::GeneratorSummary s = (*g)->Stop();
  ASSERT_EQ(s.delivered, count);
}

ExternalLoadOptions Options(const MockCluster& mc) {
  ExternalLoadOptions o;
  o.bootstrap = mc.bootstrap();
  o.topic = "transactions";
  o.kafka_config = {{"log_level", "0"}};
  o.timeout_ms = 5000;
  o.snapshot_interval_ms = 0;  // read the offsets at every Snapshot()
  return o;
}

TEST(ExternalLoadTest, CountsWhatTheTopicReceivedSinceStartAndItsMarkers) {
  MockCluster mc;
  ProduceElsewhere(mc.bootstrap(), 1500);  // before the run: not counted

  auto load = ExternalLoad::Create(Options(mc));
  ASSERT_TRUE(load.ok()) << load.status().message();
  EXPECT_EQ((*load)->Describe(), "external load on " + mc.bootstrap() + " transactions");
  ASSERT_TRUE((*load)->Start().ok());
  int64_t at_start = 0;
  for (int64_t h : (*load)->start_offsets()) at_start += h;
  EXPECT_EQ(at_start, 1500);
  EXPECT_EQ((*load)->Snapshot().sent, 0);

  ProduceElsewhere(mc.bootstrap(), 4000);
  LoadTotals t = (*load)->Snapshot();
  EXPECT_EQ(t.sent, 4000);
  EXPECT_EQ(t.delivered, 4000);
  EXPECT_EQ(t.failed, 0);

  auto ack = (*load)->SendMarker("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", 5000);
  ASSERT_TRUE(ack.ok()) << ack.status().message();
  EXPECT_EQ(ack->event_id, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
  EXPECT_GT(ack->event_time_ms, 0);
  EXPECT_GE(ack->ack_time_ms, ack->event_time_ms);

  LoadTotals final_totals = (*load)->Stop();
  EXPECT_EQ(final_totals.sent, 4001);  // the marker is in the topic too
  EXPECT_EQ(final_totals.delivered, 4001);
  EXPECT_EQ((*load)->Snapshot().sent, 4001);  // final after Stop

  // The offsets agree with what the topic holds.
  auto w = ReadWatermarks(KafkaTarget{mc.bootstrap(), "transactions", 5000});
  ASSERT_TRUE(w.ok());
  int64_t total = 0;
  for (int64_t h : w->high) total += h;
  EXPECT_EQ(total, 1500 + 4001);
}

TEST(ExternalLoadTest, BadInputAndMarkersOutsideARun) {
  MockCluster mc;
  ExternalLoadOptions o = Options(mc);
  o.bootstrap.clear();
  EXPECT_EQ(ExternalLoad::Create(o).status().ExitCode(), 2);
  o = Options(mc);
  o.kafka_config.push_back({"bogus.key", "1"});
  auto bad = ExternalLoad::Create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bogus.key"), std::string::npos);

  auto load = ExternalLoad::Create(Options(mc));
  ASSERT_TRUE(load.ok()) << load.status().message();
  EXPECT_FALSE(
      (*load)->SendMarker("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", 1000).ok());  // not started
  ASSERT_TRUE((*load)->Start().ok());
  EXPECT_EQ((*load)->SendMarker("not-a-uuid", 1000).status().ExitCode(), 2);
  (*load)->Stop();
  EXPECT_FALSE((*load)->SendMarker("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", 1000).ok());
}

}  // namespace
}  // namespace freshbench
