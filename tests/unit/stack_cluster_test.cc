// The local Kafka cluster (`stack up --brokers N`, config/local_kafka.h):
// per-node ports that never collide with another stack's, node configs with
// one shared quorum, the remembered broker count, and the --brokers /
// kafka-<n> arguments.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include "cli/command.h"
#include "config/endpoints.h"
#include "config/local_kafka.h"
#include "stack/component_registry.h"
#include "stack/kafka_component.h"
#include "stack/stack.h"

namespace freshbench::stack {
namespace {

namespace fs = std::filesystem;
using Names = std::vector<std::string>;

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::string TempHome() {
  char tmpl[] = "/tmp/fb_cluster_unitXXXXXX";
  return mkdtemp(tmpl);
}

TEST(LocalKafkaTest, NodePortsStepByTwentyAndFollowTheOffset) {
  EXPECT_EQ(LocalBrokerPort(1, 0), 9092);
  EXPECT_EQ(LocalControllerPort(1, 0), 9093);
  EXPECT_EQ(LocalBrokerPort(2, 0), 9112);
  EXPECT_EQ(LocalControllerPort(3, 500), 9633);
  EXPECT_EQ(LocalBrokerPort(5, 0), 9172);
  EXPECT_EQ(LocalBootstrap(1, 500), "127.0.0.1:9592");
  EXPECT_EQ(LocalBootstrap(3, 0), "127.0.0.1:9092,127.0.0.1:9112,127.0.0.1:9132");
}

TEST(LocalKafkaTest, NoPortOfAFiveNodeStackCollidesWithAnotherStack) {
  // Every port of every component, the five Kafka nodes included.
  StackContext ctx;
  ctx.home = "/srv/fb";
  std::set<int> ports;
  for (const auto& info : AllComponents()) {
    if (info.name == "kafka") continue;  // node 1 below
    for (const auto& p : info.make(ctx)->ports())
      EXPECT_TRUE(ports.insert(p.port).second) << p.port;
  }
  for (int n = 1; n <= kMaxLocalBrokers; ++n) {
    KafkaComponent k(ctx, n, kMaxLocalBrokers);
    for (const auto& p : k.ports()) EXPECT_TRUE(ports.insert(p.port).second) << p.port;
  }
  // Offsets 0, 100, 300, 500 ... differ by multiples of 100: ports must
  // differ modulo 100, or two stacks meet on one port.
  std::set<int> residues;
  for (int p : ports) EXPECT_TRUE(residues.insert(p % 100).second) << "port " << p;
}

TEST(LocalKafkaTest, BrokerCountIsOneToFiveAndBadValuesAreNamed) {
  EXPECT_EQ(*ParseBrokerCount("--brokers", "1"), 1);
  EXPECT_EQ(*ParseBrokerCount("--brokers", "5"), 5);
  for (const char* bad : {"0", "-1", "abc", "6", "", "3.0", " 3", "1000"}) {
    auto r = ParseBrokerCount("--brokers", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().ExitCode(), 2);
    EXPECT_TRUE(Has(r.status().message(), "--brokers '" + std::string(bad) + "'"))
        << r.status().message();
  }
}

TEST(LocalKafkaTest, StateIsRememberedAndDrivesTheDefaultBootstrap) {
  const std::string home = TempHome();
  EXPECT_EQ(RememberedBrokers(home), 1);
  auto none = ReadLocalKafkaState(home);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(WriteLocalKafkaState(home, {3, "AbCdEfGhIjKlMnOpQrStUv", 3}).ok());
  auto s = ReadLocalKafkaState(home);
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ((*s)->brokers, 3);
  EXPECT_EQ((*s)->cluster_id, "AbCdEfGhIjKlMnOpQrStUv");
  EXPECT_EQ((*s)->formatted_brokers, 3);

  // The variables this test changes, restored at its end.
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  for (const char* v : {"FRESHBENCH_HOME", "FRESHBENCH_PORT_OFFSET", "FRESHBENCH_KAFKA"}) {
    const char* old = std::getenv(v);
    saved.push_back({v, old ? std::optional<std::string>(old) : std::nullopt});
  }
  setenv("FRESHBENCH_HOME", home.c_str(), 1);
  setenv("FRESHBENCH_PORT_OFFSET", "500", 1);
  unsetenv("FRESHBENCH_KAFKA");
  Endpoints e = Endpoints::FromEnvironment();
  EXPECT_EQ(e.kafka_brokers, 3);
  EXPECT_EQ(e.kafka_bootstrap, "127.0.0.1:9592,127.0.0.1:9612,127.0.0.1:9632");
  setenv("FRESHBENCH_KAFKA", "kafka:9092", 1);
  EXPECT_EQ(Endpoints::FromEnvironment().kafka_bootstrap, "kafka:9092");  // env still wins
  for (const auto& [name, value] : saved) {
    if (value)
      setenv(name.c_str(), value->c_str(), 1);
    else
      unsetenv(name.c_str());
  }

  std::ofstream(LocalKafkaStatePath(home)) << "brokers=9\n";
  EXPECT_FALSE(ReadLocalKafkaState(home).ok());
  EXPECT_EQ(RememberedBrokers(home), 1);
  fs::remove_all(home);
}

TEST(KafkaClusterConfigTest, EveryNodeVotesAndTopicsAreReplicated) {
  StackContext ctx;
  ctx.home = "/srv/fb";
  ctx.endpoints.port_offset = 500;
  KafkaSettings s;
  s.node_id = 2;
  s.port = 9612;
  s.controller_port = 9613;
  s.data_dir = "/srv/fb/stack/kafka-2/data";
  s.voter_controller_ports = {9593, 9613, 9633};
  const std::string p = RenderKafkaServerProperties(s);
  EXPECT_TRUE(Has(p, "node.id=2\n"));
  EXPECT_TRUE(
      Has(p, "controller.quorum.voters=1@127.0.0.1:9593,2@127.0.0.1:9613,3@127.0.0.1:9633\n"));
  EXPECT_TRUE(Has(p, "listeners=PLAINTEXT://127.0.0.1:9612,CONTROLLER://127.0.0.1:9613\n"));
  EXPECT_TRUE(Has(p, "offsets.topic.replication.factor=3\n"));
  EXPECT_TRUE(Has(p, "min.insync.replicas=2\n"));
  EXPECT_TRUE(Has(p, "transaction.state.log.min.isr=2\n"));
  EXPECT_EQ(TopicReplicationFactor(1), 1);
  EXPECT_EQ(TopicReplicationFactor(2), 2);
  EXPECT_EQ(TopicReplicationFactor(5), 3);
  EXPECT_EQ(MinInsyncReplicas(2), 1);
  EXPECT_EQ(MinInsyncReplicas(3), 2);

  KafkaComponent k(ctx, 3, 3);
  EXPECT_EQ(k.name(), "kafka-3");
  EXPECT_EQ(k.state_dir(), "/srv/fb/stack/kafka-3");
  EXPECT_EQ(k.start_group(), "kafka");
  EXPECT_EQ(k.ports()[0].port, 9632);
  EXPECT_EQ(k.ports()[1].port, 9633);
  EXPECT_EQ(k.ports()[0].what, "kafka-3");
  EXPECT_EQ(k.cluster_bootstrap(), "127.0.0.1:9592,127.0.0.1:9612,127.0.0.1:9632");
  EXPECT_EQ(KafkaComponent(ctx).start_group(), "");  // a lone broker starts as before
}

TEST(KafkaClusterConfigTest, NodeNamesRoundTrip) {
  EXPECT_EQ(KafkaComponentName(1, 1), "kafka");
  EXPECT_EQ(KafkaComponentName(2, 3), "kafka-2");
  EXPECT_EQ(KafkaNodeOf("kafka"), 1);
  EXPECT_EQ(KafkaNodeOf("kafka-4"), 4);
  EXPECT_FALSE(KafkaNodeOf("kafka-"));
  EXPECT_FALSE(KafkaNodeOf("kafka-0"));
  EXPECT_FALSE(KafkaNodeOf("kafka-x"));
  EXPECT_FALSE(KafkaNodeOf("clickhouse"));
}

TEST(KafkaClusterArgsTest, WithAcceptsOneNodeWhereKafkaGoes) {
  auto r = ResolveComponents("clickhouse,kafka-2", true);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, (Names{"kafka-2", "clickhouse"}));
  auto both = ResolveComponents("kafka,kafka-2", true);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(*both, (Names{"kafka"}));  // kafka already means every node
  auto bad = ResolveComponents("kafka-9", true);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ExitCode(), 2);
  EXPECT_TRUE(Has(bad.status().message(), "'kafka-9'"));
}

TEST(KafkaClusterArgsTest, StackUpTakesBrokers) {
  CLI::App app{"test"};
  app.require_subcommand(1);
  CommandRegistry reg;
  RegisterAllCommands(app, reg);
  std::vector<const char*> argv{"freshbench", "stack", "up", "--brokers", "3"};
  EXPECT_NO_THROW(app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data())));
  EXPECT_TRUE(static_cast<bool>(reg.run));
}

}  // namespace
}  // namespace freshbench::stack
