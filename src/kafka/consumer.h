// Consumer: a move-only owner of a librdkafka consumer that reads whole
// topics by explicit assignment (no group rebalancing, no offset commits):
// what tests, completeness checks and the in-process P0 reader need.
//
// Thread safety: none; use one Consumer from one thread at a time.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "kafka/client_config.h"

namespace freshbench::kafka {

struct ConsumedMessage {
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp_ms = -1;  // the record's timestamp (create time by default)
  std::string key;
  std::string value;
};

class Consumer {
 public:
  // `conf` must hold bootstrap.servers; group.id defaults to a private one.
  // Failure: InvalidArgument with librdkafka's text.
  static Result<Consumer> Create(ClientConfig conf);

  Consumer(Consumer&& other) noexcept;
  Consumer& operator=(Consumer&& other) noexcept;
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;
  ~Consumer();  // closes the consumer (no commits are made)

  // Partition count of `topic`. Failure: Unavailable, NotFound, Timeout.
  Result<int> PartitionCount(const std::string& topic, int timeout_ms);

  // Assigns every partition of `topic`, starting at the beginning.
  Status AssignFromBeginning(const std::string& topic, int timeout_ms);

  // High watermark (next offset to be written) of each partition, by index.
  Result<std::vector<int64_t>> HighWatermarks(const std::string& topic, int timeout_ms);

  // The next message, nullopt if none arrived within timeout_ms.
  // Partition-EOF events are skipped; other errors fail.
  Result<std::optional<ConsumedMessage>> Poll(int timeout_ms);

  // Reads `topic` from the beginning up to the high watermarks taken at the
  // call, for at most timeout_ms. Failure: Timeout if the end was not reached.
  Result<std::vector<ConsumedMessage>> ReadAll(const std::string& topic, int timeout_ms);

  rd_kafka_t* handle() const { return rk_; }

 private:
  explicit Consumer(rd_kafka_t* rk) : rk_(rk) {}
  void Destroy();

  rd_kafka_t* rk_ = nullptr;
};

}  // namespace freshbench::kafka
