// ExternalLoad (run/external_load.h) on the real local Kafka (one broker or
// the cluster `stack up --brokers N` left): `freshbench generate` processes
// produce, ExternalLoad counts exactly what the topic received since its
// Start() and gets its own marker acknowledged.
#include "run/external_load.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "config/endpoints.h"
#include "integration_env.h"
#include "kafka/admin.h"

namespace freshbench::testing {
namespace {

using std::chrono::milliseconds;

TEST(ExternalLoadIntegrationTest, CountsWhatGeneratorInstancesProduceAndItsMarker) {
  auto up = RunFreshbench({"stack", "up", "--with", "kafka"}, 300);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  const Endpoints ep = Endpoints::FromEnvironment();
  const std::string topic = "fb_it_external_" + std::to_string(getpid());
  auto admin = kafka::KafkaAdmin::Create(ep.kafka_bootstrap);
  ASSERT_TRUE(admin.ok());
  kafka::TopicSpec spec;
  spec.name = topic;
  spec.replication_factor = std::min(ep.kafka_brokers, 3);
  ASSERT_TRUE(admin->CreateTopic(spec, milliseconds(30000)).ok());

  // Produced before the run starts: not counted. acks=all: acknowledged
  // means replicated, so the high watermark (what ExternalLoad reads)
  // already counts them when Start() reads it.
  auto before = RunFreshbench(
      {"generate", "--topic", topic, "--count", "500", "--target-rps", "0", "--acks", "all"});
  ASSERT_EQ(before.exit_code, 0) << before.err;

  ExternalLoadOptions o;
  o.bootstrap = ep.kafka_bootstrap;
  o.topic = topic;
  o.snapshot_interval_ms = 0;
  auto load = ExternalLoad::Create(o);
  ASSERT_TRUE(load.ok()) << load.status().message();
  ASSERT_TRUE((*load)->Start().ok());
  for (int i = 0; i < 2; ++i) {
    auto r = RunFreshbench({"generate", "--instance", std::to_string(i) + "/2", "--topic", topic,
                            "--count", "2000", "--target-rps", "0", "--acks", "all"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ((*load)->Snapshot().delivered, 4000);
  auto ack = (*load)->SendMarker("0badcafe-0000-4000-8000-000000000001", 10000);
  ASSERT_TRUE(ack.ok()) << ack.status().message();
  LoadTotals t = (*load)->Stop();
  EXPECT_EQ(t.sent, 4001);
  EXPECT_EQ(t.delivered, 4001);
  EXPECT_EQ(t.failed, 0);
}

}  // namespace
}  // namespace freshbench::testing
