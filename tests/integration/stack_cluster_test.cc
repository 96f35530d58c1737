// `stack up --brokers 3` against real Kafka nodes, in a home and port
// offset of its own (the stack under test elsewhere is left alone): three
// KRaft nodes, a replicated topic, the count remembered for status, down and
// the default bootstrap; three generator instances write disjoint ids; the
// cluster keeps accepting acks=all writes with one node down.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "config/endpoints.h"
#include "config/local_kafka.h"
#include "gen/instance.h"
#include "integration_env.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "stack/net_probe.h"

namespace freshbench::testing {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

int CountLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// An offset whose ports for a 3-node cluster are all free.
int FreeClusterOffset(int base) {
  for (int off = base + 41; off < base + 41 + 40 * 50; off += 50) {
    bool free = true;
    for (int n = 1; n <= 3; ++n) {
      free = free && stack::CheckPortFree(LocalBrokerPort(n, off), "probe").ok() &&
             stack::CheckPortFree(LocalControllerPort(n, off), "probe").ok();
    }
    if (free) return off;
  }
  return -1;
}

class StackClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Endpoints ep = Endpoints::FromEnvironment();
    jars_ = fs::absolute(ep.home) / "jvm" / "kafka";
    ASSERT_TRUE(fs::exists(jars_)) << "no Kafka jars in " << jars_ << " (scripts/fetch-kafka.sh)";
    offset_ = FreeClusterOffset(ep.port_offset);
    ASSERT_GT(offset_, 0);
    char tmpl[] = "/tmp/fb_cluster_itXXXXXX";
    home_ = mkdtemp(tmpl);
    fs::create_directories(home_ + "/jvm");
    fs::create_symlink(jars_, home_ + "/jvm/kafka");
    Save("FRESHBENCH_HOME", home_);
    Save("FRESHBENCH_PORT_OFFSET", std::to_string(offset_));
    Save("FRESHBENCH_KAFKA", std::nullopt);
  }
  void TearDown() override {
    RunFreshbench({"stack", "down", "--purge"}, 120);
    fs::remove_all(home_);
  }
  void Save(const std::string& name, const std::optional<std::string>& value) { env_.Set(name, value); }

  fs::path jars_;
  std::string home_;
  int offset_ = -1;
  ScopedEnv env_;
};

TEST_F(StackClusterTest, ThreeNodesReplicatedRememberedAndSurvivingOneLoss) {
  // Bad counts: one line naming the value, exit 2, nothing started.
  for (const char* bad : {"0", "-1", "abc", "6"}) {
    auto r = RunFreshbench({"stack", "up", "--with", "kafka", "--brokers=" + std::string(bad)}, 30);
    EXPECT_EQ(r.exit_code, 2) << bad << r.out << r.err;
    EXPECT_EQ(CountLines(r.err), 1) << r.err;
    EXPECT_TRUE(Has(r.err, "--brokers '" + std::string(bad) + "'")) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  EXPECT_FALSE(fs::exists(home_ + "/stack"));

  auto up = RunFreshbench({"stack", "up", "--with", "kafka", "--brokers", "3"}, 300);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  for (const char* node : {"kafka-1: running", "kafka-2: running", "kafka-3: running"})
    EXPECT_TRUE(Has(up.out, node)) << up.out;
  EXPECT_TRUE(Has(up.out, "3 replicas, min.insync.replicas 2")) << up.out;

  // The count is remembered: status, the default bootstrap.
  auto status = RunFreshbench({"stack", "status", "--with", "kafka"}, 60);
  EXPECT_EQ(status.exit_code, 0) << status.out;
  for (int n = 1; n <= 3; ++n) {
    EXPECT_TRUE(Has(status.out, "kafka-" + std::to_string(n) + "     running")) << status.out;
    EXPECT_TRUE(Has(status.out, "port " + std::to_string(LocalBrokerPort(n, offset_)) + "," +
                                    std::to_string(LocalControllerPort(n, offset_))))
        << status.out;
  }
  const Endpoints ep = Endpoints::FromEnvironment();
  EXPECT_EQ(ep.kafka_brokers, 3);
  EXPECT_EQ(ep.kafka_bootstrap, LocalBootstrap(3, offset_));

  auto admin = kafka::KafkaAdmin::Create(ep.kafka_bootstrap);
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(*admin->BrokerCount(milliseconds(5000)), 3);
  auto replicas = admin->TopicReplicas(ep.topic, milliseconds(5000));
  ASSERT_TRUE(replicas.ok() && replicas->has_value());
  EXPECT_EQ(**replicas, 3);
  EXPECT_EQ(*admin->TopicConfig(ep.topic, "min.insync.replicas", milliseconds(5000)), "2");

  // Three generator instances at once (default bootstrap = the cluster): disjoint ids.
  constexpr int kPerInstance = 3000;
  std::vector<CommandOutput> outs(3);
  std::vector<std::thread> gens;
  for (int i = 0; i < 3; ++i) {
    gens.emplace_back([&outs, i] {
      outs[i] = RunFreshbench(
          {"generate", "--instance", std::to_string(i) + "/3", "--count",
           std::to_string(kPerInstance), "--target-rps", "0", "--acks", "all", "--stats", "json"},
          120);
    });
  }
  for (auto& t : gens) t.join();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(outs[i].exit_code, 0) << outs[i].err;
    EXPECT_TRUE(Has(outs[i].err, "\"instance\":\"" + std::to_string(i) + "/3\"")) << outs[i].err;
  }
  kafka::ClientConfig conf;
  ASSERT_TRUE(conf.Set("bootstrap.servers", ep.kafka_bootstrap).ok());
  auto consumer = kafka::Consumer::Create(std::move(conf));
  ASSERT_TRUE(consumer.ok());
  auto all = consumer->ReadAll(ep.topic, 120000);
  ASSERT_TRUE(all.ok()) << all.status().message();
  std::set<std::string> ids;
  std::map<int, int> per_instance;
  for (const auto& m : *all) {
    const std::string id = nlohmann::json::parse(m.value)["event_id"];
    ids.insert(id);
    per_instance[gen::InstanceTagOf(id).value_or(-1)]++;
  }
  EXPECT_EQ(all->size(), 3u * kPerInstance);
  EXPECT_EQ(ids.size(), 3u * kPerInstance);
  EXPECT_EQ(per_instance,
            (std::map<int, int>{{0, kPerInstance}, {1, kPerInstance}, {2, kPerInstance}}));

  // One node down: the quorum and min.insync.replicas 2 still take acks=all writes.
  auto down2 = RunFreshbench({"stack", "down", "--with", "kafka-2", "--exact"}, 120);
  ASSERT_EQ(down2.exit_code, 0) << down2.out << down2.err;
  auto degraded = RunFreshbench({"stack", "status", "--with", "kafka"}, 60);
  EXPECT_EQ(degraded.exit_code, 1);
  EXPECT_TRUE(Has(degraded.out, "kafka-2     stopped")) << degraded.out;
  auto write =
      RunFreshbench({"generate", "--count", "1000", "--target-rps", "0", "--acks", "all"}, 120);
  EXPECT_EQ(write.exit_code, 0) << write.err;

  // A plain `up` brings the same cluster back: only kafka-2 starts.
  auto again = RunFreshbench({"stack", "up", "--with", "kafka"}, 300);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(Has(again.out, "kafka-1: already running")) << again.out;
  EXPECT_TRUE(Has(again.out, "kafka-2: running")) << again.out;

  auto down = RunFreshbench({"stack", "down", "--purge"}, 180);
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_FALSE(fs::exists(LocalKafkaStatePath(home_)));
  for (int n = 1; n <= 3; ++n)
    EXPECT_TRUE(stack::CheckPortFree(LocalBrokerPort(n, offset_), "kafka").ok());
}

}  // namespace
}  // namespace freshbench::testing
