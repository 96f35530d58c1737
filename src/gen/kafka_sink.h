// KafkaSink: produces events to a Kafka topic through a few librdkafka
// producers (ProducerCount: one per core, at most one per thread, each
// thread-safe and shared by the writers given to it), each with a poller
// thread serving its delivery reports. One producer's broker thread builds,
// compresses and accounts for every batch it sends; at high rates it is the
// stage that caps the generator, so one per core lets them run side by side.
// Each partition belongs to one producer (partition % producers; the
// partition is the one the murmur2_random partitioner picks for the key),
// so batches stay as large as with a single producer.
//
// Create() checks, with a timeout, that the cluster answers and the topic
// exists before anything is produced. A full local queue
// (queue.buffering.max.*) is back-pressure: Send returns kQueueFull and
// WaitForRoom polls. Drain() flushes for a bounded time, then purges what is
// left, so those events are reported failed rather than lost silently.
//
// Thread safety: as Sink.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "gen/generator_options.h"
#include "gen/sink.h"
#include "kafka/producer.h"

namespace freshbench::gen {

// The librdkafka configuration for `opts`: knobs first, then -X (which wins).
// Failure: InvalidArgument naming the property, with librdkafka's text.
// The queue bounds (queue_max_*) are for the sink as a whole: with
// `producers` producers, each gets that share.
Result<kafka::ClientConfig> BuildProducerConfig(const GeneratorOptions& opts, int producers = 1);

// How many producers a KafkaSink for `opts` uses: min(threads, cores),
// within 1 .. kMaxProducers.
inline constexpr int kMaxProducers = 4;
int ProducerCount(const GeneratorOptions& opts);

class KafkaSink final : public Sink, private kafka::DeliveryHandler {
 public:
  // Connects and checks `opts.topic` within opts.connect_timeout_ms.
  // Failure: InvalidArgument (configuration), Unavailable (no broker
  // answered), NotFound (no such topic), Timeout.
  static Result<std::unique_ptr<KafkaSink>> Create(const GeneratorOptions& opts,
                                                   DeliveryTracker* tracker);
  ~KafkaSink() override;

  std::unique_ptr<SinkWriter> NewWriter() override;
  void Drain(int timeout_ms) override;
  std::string Describe() const override;

 private:
  friend class KafkaWriter;
  // One producer with its topic handle and poller.
  struct Lane {
    kafka::Producer producer;
    rd_kafka_topic_t* topic = nullptr;
    std::thread poller;
  };
  KafkaSink(DeliveryTracker* tracker, std::string bootstrap, std::string topic);
  void OnDelivery(const rd_kafka_message_t& msg) override;
  void OnClientError(rd_kafka_resp_err_t err, const char* reason) override;
  void StopPollers();

  DeliveryTracker* tracker_;
  std::string bootstrap_;
  std::string topic_name_;
  int partitions_ = 0;
  std::vector<std::unique_ptr<Lane>> lanes_;
  size_t next_lane_ = 0;  // NewWriter() deals writers out round-robin
  std::atomic<bool> stop_poller_{false};
};

}  // namespace freshbench::gen
