// KafkaComponent: a single-node Apache Kafka broker in KRaft mode (broker
// and controller in one JVM), from the jars scripts/fetch-kafka.sh puts in
// <home>/jvm/kafka/. Storage is formatted once; `up` creates the benchmark
// topic (Endpoints::topic, 12 partitions, 24 h retention) when missing.
#pragma once

#include <memory>
#include <optional>
#include <string>

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
};

// server.properties for one combined broker+controller node on 127.0.0.1.
std::string RenderKafkaServerProperties(const KafkaSettings& s);
// log4j 1.x (reload4j) config: rolling server.log in `log_dir`.
std::string RenderKafkaLog4jProperties(const std::string& log_dir);
// A fresh KRaft cluster id: 16 random bytes, base64url without padding (22 chars).
std::string NewKafkaClusterId();

class KafkaComponent : public JvmComponent {
 public:
  explicit KafkaComponent(const StackContext& ctx);
  ~KafkaComponent() override;

  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Status CheckHealth() const override;
  Result<std::vector<std::string>> AfterHealthy() override;
  std::string Describe() const override;
  std::string log_path() const override { return state_dir() + "/logs/server.log"; }
  std::chrono::seconds start_timeout() const override { return std::chrono::seconds(90); }

  std::string bootstrap() const;

 protected:
  JvmOptions jvm_options() const override;

 private:
  Result<kafka::KafkaAdmin*> Admin() const;
  KafkaSettings settings() const;

  mutable std::optional<kafka::KafkaAdmin> admin_;
};

}  // namespace freshbench::stack
