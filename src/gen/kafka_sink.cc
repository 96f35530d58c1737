#include "gen/kafka_sink.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace freshbench::gen {

Result<kafka::ClientConfig> BuildProducerConfig(const GeneratorOptions& o) {
  kafka::ClientConfig conf;
  FB_RETURN_IF_ERROR(conf.Set("bootstrap.servers", o.bootstrap));
  FB_RETURN_IF_ERROR(conf.Set("client.id", "freshbench-generate"));
  FB_RETURN_IF_ERROR(conf.Set("acks", o.acks));
  // With acks=all, retries must neither duplicate nor reorder.
  if (o.acks == "all") FB_RETURN_IF_ERROR(conf.Set("enable.idempotence", "true"));
  FB_RETURN_IF_ERROR(conf.Set("compression.type", o.compression));
  FB_RETURN_IF_ERROR(conf.Set("linger.ms", std::to_string(o.linger_ms)));
  FB_RETURN_IF_ERROR(conf.Set("batch.size", std::to_string(o.batch_size)));
  FB_RETURN_IF_ERROR(conf.Set("queue.buffering.max.kbytes", std::to_string(o.queue_max_kbytes)));
  FB_RETURN_IF_ERROR(conf.Set("queue.buffering.max.messages", std::to_string(QueueMaxMessages(o))));
  // The Java client's partitioner: a user's events land on the same
  // partition whichever client (or freshbench) produced them.
  FB_RETURN_IF_ERROR(conf.Set("partitioner", "murmur2_random"));
  // A typo in --topic must be an error, not a new topic on a broker that
  // auto-creates (Kafka's default); -X allow.auto.create.topics=true allows it.
  FB_RETURN_IF_ERROR(conf.Set("allow.auto.create.topics", "false"));
  for (const auto& [key, value] : o.kafka_config) {
    Status s = conf.Set(key, value);
    if (!s.ok()) return Status::InvalidArgument("-X " + s.message());
  }
  return conf;
}

class KafkaWriter final : public SinkWriter {
 public:
  explicit KafkaWriter(KafkaSink* sink) : sink_(sink) {}

  SendResult Send(std::string_view key, std::string_view value, MarkerRequest* marker) override {
    const rd_kafka_resp_err_t err = sink_->producer_.Produce(sink_->topic_, key, value, marker);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return SendResult::kOk;
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) return SendResult::kQueueFull;
    sink_->tracker_->Failed(nullptr, "produce: " + kafka::ErrorText(err), 0);
    return SendResult::kFailed;
  }

  void SendBatch(SendItem* items, size_t n) override {
    msgs_.resize(std::max(msgs_.size(), n));
    for (size_t i = 0; i < n; ++i) {
      rd_kafka_message_t& m = msgs_[i];
      m = rd_kafka_message_t{};
      m.payload = const_cast<char*>(items[i].value.data());
      m.len = items[i].value.size();
      m.key = const_cast<char*>(items[i].key.data());
      m.key_len = items[i].key.size();
    }
    sink_->producer_.ProduceBatch(sink_->topic_, msgs_.data(), static_cast<int>(n));
    for (size_t i = 0; i < n; ++i) {
      const rd_kafka_resp_err_t err = msgs_[i].err;
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        items[i].result = SendResult::kOk;
      } else if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        items[i].result = SendResult::kQueueFull;
      } else {
        sink_->tracker_->Failed(nullptr, "produce: " + kafka::ErrorText(err), 0);
        items[i].result = SendResult::kFailed;
      }
    }
  }

  void WaitForRoom() override { sink_->producer_.Poll(1); }

 private:
  KafkaSink* sink_;
  std::vector<rd_kafka_message_t> msgs_;  // reused by every batch
};

KafkaSink::KafkaSink(DeliveryTracker* tracker, std::string bootstrap, std::string topic)
    : tracker_(tracker),
      bootstrap_(std::move(bootstrap)),
      topic_name_(std::move(topic)),
      producer_() {}

Result<std::unique_ptr<KafkaSink>> KafkaSink::Create(const GeneratorOptions& opts,
                                                     DeliveryTracker* tracker) {
  auto conf = BuildProducerConfig(opts);
  if (!conf.ok()) return conf.status();
  const bool auto_create = conf->Get("allow.auto.create.topics") == "true";
  std::unique_ptr<KafkaSink> sink(new KafkaSink(tracker, opts.bootstrap, opts.topic));
  auto producer = kafka::Producer::Create(std::move(*conf), sink.get());
  if (!producer.ok()) return producer.status();
  sink->producer_ = std::move(*producer);
  auto partitions = sink->producer_.WaitForTopic(opts.topic, opts.connect_timeout_ms, auto_create);
  if (!partitions.ok()) {
    return partitions.status().WithContext("Kafka at " + opts.bootstrap);
  }
  sink->partitions_ = *partitions;
  auto topic = sink->producer_.Topic(opts.topic);
  if (!topic.ok()) return topic.status();
  sink->topic_ = *topic;
  KafkaSink* raw = sink.get();
  sink->poller_ = std::thread([raw] {
    // A short timeout: Drain() waits for this thread to notice the stop.
    while (!raw->stop_poller_.load(std::memory_order_relaxed)) raw->producer_.Poll(10);
  });
  return sink;
}

KafkaSink::~KafkaSink() {
  StopPoller();
  // Nothing may still call back into this object once it is gone.
  producer_.Purge();
}

void KafkaSink::StopPoller() {
  stop_poller_.store(true);
  if (poller_.joinable()) poller_.join();
}

std::unique_ptr<SinkWriter> KafkaSink::NewWriter() { return std::make_unique<KafkaWriter>(this); }

void KafkaSink::Drain(int timeout_ms) {
  if (!producer_.Flush(timeout_ms)) producer_.Purge();
  StopPoller();
  producer_.Poll(0);
}

std::string KafkaSink::Describe() const {
  return "kafka " + bootstrap_ + " topic " + topic_name_ + " (" + std::to_string(partitions_) +
         " partitions)";
}

void KafkaSink::OnDelivery(const rd_kafka_message_t& msg) {
  auto* marker = static_cast<MarkerRequest*>(msg._private);
  if (msg.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    tracker_->Delivered(marker, 1, msg.partition, msg.offset);
  } else {
    tracker_->Failed(marker, kafka::ErrorText(msg.err));
  }
}

void KafkaSink::OnClientError(rd_kafka_resp_err_t err, const char* reason) {
  tracker_->ClientError(kafka::ErrorText(err) + ": " + reason);
}

}  // namespace freshbench::gen
