// KafkaSink: produces events to a Kafka topic through one shared librdkafka
// producer (thread-safe; one set of connections and batches for every
// thread), with a poller thread serving delivery reports.
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
#include <thread>

#include "gen/generator_options.h"
#include "gen/sink.h"
#include "kafka/producer.h"

namespace freshbench::gen {

// The librdkafka configuration for `opts`: knobs first, then -X (which wins).
// Failure: InvalidArgument naming the property, with librdkafka's text.
Result<kafka::ClientConfig> BuildProducerConfig(const GeneratorOptions& opts);

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
  KafkaSink(DeliveryTracker* tracker, std::string bootstrap, std::string topic);
  void OnDelivery(const rd_kafka_message_t& msg) override;
  void OnClientError(rd_kafka_resp_err_t err, const char* reason) override;
  void StopPoller();

  DeliveryTracker* tracker_;
  std::string bootstrap_;
  std::string topic_name_;
  int partitions_ = 0;
  kafka::Producer producer_;
  rd_kafka_topic_t* topic_ = nullptr;
  std::atomic<bool> stop_poller_{false};
  std::thread poller_;
};

}  // namespace freshbench::gen
