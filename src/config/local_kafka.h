// LocalKafka: the layout of the local stack's Kafka cluster (`freshbench
// stack up --brokers N`) and the state file that remembers it, so that every
// later command (stack status/down, the default --bootstrap) sees the whole
// cluster without repeating --brokers.
//
// Ports. Broker node n (1-based, = its KRaft node.id) listens on
//   client     9092 + 20*(n-1) + FRESHBENCH_PORT_OFFSET
//   controller 9093 + 20*(n-1) + FRESHBENCH_PORT_OFFSET
// i.e. 9092/9093, 9112/9113, 9132/9133, 9152/9153, 9172/9173. Every port of
// the stack (these, ClickHouse 8123/9000, ZooKeeper 2182, Fluss 9124/9125,
// Flink 8081/6126/8083) differs from every other modulo 100, so stacks whose
// offsets differ by a multiple of 100 never collide. That is why the cluster
// has at most kMaxLocalBrokers nodes: a sixth would land on 9192 = 9092+100.
//
// State. <home>/stack/kafka-cluster.properties holds `brokers=N`,
// `cluster.id=...` (the KRaft cluster id every node is formatted with) and
// `cluster.brokers=M` (the quorum size the kafka-<n> data was formatted
// for; changing it needs `stack down --purge`). No file means one broker. One broker is the
// component `kafka` (state in <home>/stack/kafka/, as before clusters existed); N >= 2 brokers are
// the components `kafka-1` .. `kafka-N` (<home>/stack/kafka-<n>/).
//
// Thread safety: pure functions and plain file I/O.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace freshbench {

inline constexpr int kMaxLocalBrokers = 5;
inline constexpr int kKafkaClientBasePort = 9092;
inline constexpr int kKafkaControllerBasePort = 9093;
inline constexpr int kKafkaBrokerPortStep = 20;

// Client (PLAINTEXT) and controller ports of node `node` (1-based).
int LocalBrokerPort(int node, int port_offset);
int LocalControllerPort(int node, int port_offset);

// "127.0.0.1:9092,127.0.0.1:9112,..." for a cluster of `brokers` nodes.
std::string LocalBootstrap(int brokers, int port_offset);

// Parses a --brokers value: a whole number 1..kMaxLocalBrokers.
// InvalidArgument names `name` and the value the user typed.
Result<int> ParseBrokerCount(const std::string& name, const std::string& value);

struct LocalKafkaState {
  int brokers = 1;            // the layout `stack up` uses now
  std::string cluster_id;     // of the kafka-<n> nodes; empty until N >= 2 was used
  int formatted_brokers = 0;  // the quorum the kafka-<n> data was formatted for; 0 = none
};

// <home>/stack/kafka-cluster.properties.
std::string LocalKafkaStatePath(const std::string& home);
// nullopt when there is no state file; InvalidArgument when it is garbled.
Result<std::optional<LocalKafkaState>> ReadLocalKafkaState(const std::string& home);
// Writes atomically (temp file + rename), creating <home>/stack.
Status WriteLocalKafkaState(const std::string& home, const LocalKafkaState& state);
// The remembered broker count: 1 without a (readable) state file.
int RememberedBrokers(const std::string& home);

}  // namespace freshbench
