// Kafka offsets for completeness checks (librdkafka): a topic's watermarks
// and a consumer group's committed offsets, committing a group's start
// offsets before an engine joins, and deleting the group at teardown.
//
// Thread safety: each call makes and destroys its own client handle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace freshbench {

struct KafkaTarget {
  std::string bootstrap;   // "127.0.0.1:9092"
  std::string topic;       // "transactions"
  int timeout_ms = 10000;  // per broker round trip
};

struct Watermarks {
  std::vector<int64_t> low;   // per partition, index = partition id
  std::vector<int64_t> high;  // next offset to be written
};

// Low and high watermarks of every partition. kUnavailable when the broker
// cannot be reached, kNotFound when the topic does not exist.
Result<Watermarks> ReadWatermarks(const KafkaTarget& target);

// The group's committed offset per partition; -1 where it has none.
Result<std::vector<int64_t>> ReadCommitted(const KafkaTarget& target, const std::string& group,
                                           size_t partitions);

// Commits `offsets` (index = partition) for `group` without joining it, so
// an engine that joins later starts exactly there.
Status CommitOffsets(const KafkaTarget& target, const std::string& group,
                     const std::vector<int64_t>& offsets);

// Deletes the consumer group (its committed offsets). A group that does not
// exist is not an error. Fails while members are still connected.
Status DeleteGroup(const KafkaTarget& target, const std::string& group);

}  // namespace freshbench
