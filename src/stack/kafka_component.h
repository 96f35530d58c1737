// KafkaComponent: one Apache Kafka node in KRaft mode (broker and
// controller in one JVM), from the jars scripts/fetch-kafka.sh puts in
// <home>/jvm/kafka/. Storage is formatted once; `up` creates the benchmark
// topic (Endpoints::topic, 12 partitions, 24 h retention) when missing.
//
// Alone it is the component `kafka` (node id 1, ports 9092/9093). In a
// cluster of N >= 2 (`stack up --brokers N`, config/local_kafka.h) node n is
// the component `kafka-<n>`: every node is a controller voter (so from N = 3
// the quorum survives the loss of one node), all share the cluster id kept
// in the cluster state file, and they start together (start_group "kafka").
// Node 1 creates the topic once all N brokers are registered, with
// replication factor min(N, 3) and min.insync.replicas 2 when N >= 3.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kafka/admin.h"
#include "stack/jvm_component.h"

namespace freshbench::stack {

inline constexpr int kKafkaDefaultPort = 9092;
inline constexpr int kKafkaControllerDefaultPort = 9093;
inline constexpr int kTopicPartitions = 12;
inline constexpr int64_t kTopicRetentionMs = 24LL * 3600 * 1000;

struct KafkaSettings {
  int port = kKafkaDefaultPort;                       // PLAINTEXT listener
  int controller_port = kKafkaControllerDefaultPort;  // KRaft controller listener
  std::string data_dir;                               // log.dirs (absolute)
  int node_id = 1;
  // Controller ports of every voter, index = node id - 1; empty = this node alone.
  std::vector<int> voter_controller_ports;
  int brokers() const {
    return voter_controller_ports.empty() ? 1 : static_cast<int>(voter_controller_ports.size());
  }
};

// Replication of the benchmark topic and the internal topics for a cluster
// of `brokers` nodes: min(N, 3) replicas; 2 in sync required from N = 3.
int TopicReplicationFactor(int brokers);
int MinInsyncReplicas(int brokers);

// server.properties for one combined broker+controller node on 127.0.0.1.
std::string RenderKafkaServerProperties(const KafkaSettings& s);
// log4j 1.x (reload4j) config: rolling server.log in `log_dir`.
std::string RenderKafkaLog4jProperties(const std::string& log_dir);
// A fresh KRaft cluster id: 16 random bytes, base64url without padding (22 chars).
std::string NewKafkaClusterId();

// "kafka" for a lone broker, "kafka-<node>" for node `node` of a cluster.
std::string KafkaComponentName(int node, int brokers);
// The node of a component name: 1 for "kafka", n for "kafka-<n>" (n >= 1);
// nullopt for any other name.
std::optional<int> KafkaNodeOf(const std::string& name);

class KafkaComponent : public JvmComponent {
 public:
  // The lone broker `kafka`.
  explicit KafkaComponent(const StackContext& ctx);
  // Node `node` (1-based) of a cluster of `brokers` >= 2 nodes: `kafka-<node>`.
  KafkaComponent(const StackContext& ctx, int node, int brokers);
  ~KafkaComponent() override;

  std::string start_group() const override { return brokers_ > 1 ? "kafka" : ""; }
  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Status CheckHealth() const override;
  Result<std::vector<std::string>> AfterHealthy() override;
  std::string Describe() const override;
  std::string log_path() const override { return state_dir() + "/logs/server.log"; }
  std::chrono::seconds start_timeout() const override { return std::chrono::seconds(90); }

  // This node's own listener, "127.0.0.1:<port>".
  std::string bootstrap() const;
  // Every node of its cluster.
  std::string cluster_bootstrap() const;
  int node() const { return node_; }
  int brokers() const { return brokers_; }

 protected:
  JvmOptions jvm_options() const override;

 private:
  Result<kafka::KafkaAdmin*> Admin() const;
  Result<kafka::KafkaAdmin*> ClusterAdmin() const;
  // Waits (bounded) until every node's metadata lists `topic`.
  Status AwaitTopicOnEveryNode(const std::string& topic) const;
  KafkaSettings settings() const;

  int node_ = 1;
  int brokers_ = 1;
  mutable std::optional<kafka::KafkaAdmin> admin_;
  mutable std::optional<kafka::KafkaAdmin> cluster_admin_;
};

}  // namespace freshbench::stack
