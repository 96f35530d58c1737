// KafkaAdmin: a move-only owner of a librdkafka handle used for cluster
// metadata and topic administration (health checks, creating the
// benchmark topic, describing topic configs).
//
// Every call is bounded by its timeout and returns a Status instead of
// throwing; librdkafka's own error text is passed through unchanged.
// librdkafka's log output is silenced (a broker that is still starting
// would otherwise print connection errors on stderr).
//
// Thread safety: one object may be used from one thread at a time.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

struct rd_kafka_s;

namespace freshbench::kafka {

struct TopicSpec {
  std::string name;
  int partitions = 12;
  int replication_factor = 1;
  std::map<std::string, std::string> configs;  // e.g. retention.ms
};

class KafkaAdmin {
 public:
  // Creates the handle (no network yet). `extra` is passed to librdkafka
  // as is (security settings ...); a bad key gives InvalidArgument with
  // librdkafka's message.
  static Result<KafkaAdmin> Create(const std::string& bootstrap,
                                   const std::map<std::string, std::string>& extra = {});

  KafkaAdmin(KafkaAdmin&&) noexcept = default;
  KafkaAdmin& operator=(KafkaAdmin&&) noexcept = default;
  ~KafkaAdmin();

  // Number of brokers in the cluster metadata; Unavailable when no broker
  // answers within `timeout`.
  Result<int> BrokerCount(std::chrono::milliseconds timeout);
  // Node ids of the brokers in the cluster metadata, ascending.
  Result<std::vector<int>> BrokerIds(std::chrono::milliseconds timeout);

  // Partition count of `topic`, or nullopt when it does not exist.
  Result<std::optional<int>> TopicPartitions(const std::string& topic,
                                             std::chrono::milliseconds timeout);

  // Replicas of the topic's partition 0, or nullopt when it does not exist.
  Result<std::optional<int>> TopicReplicas(const std::string& topic,
                                           std::chrono::milliseconds timeout);

  // Creates the topic. Ok with false when it already existed, true when
  // created now.
  Result<bool> CreateTopic(const TopicSpec& spec, std::chrono::milliseconds timeout);

  // The value of one config key of `topic` as the broker reports it.
  Result<std::string> TopicConfig(const std::string& topic, const std::string& key,
                                  std::chrono::milliseconds timeout);

 private:
  struct HandleDeleter {
    void operator()(rd_kafka_s* rk) const;
  };
  explicit KafkaAdmin(rd_kafka_s* rk) : rk_(rk) {}
  std::unique_ptr<rd_kafka_s, HandleDeleter> rk_;
  std::string bootstrap_;
};

}  // namespace freshbench::kafka
