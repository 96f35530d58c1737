#include "gen/kafka_sink.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

namespace freshbench::gen {

int ProducerCount(const GeneratorOptions& o) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(std::min(o.threads, cores), 1, kMaxProducers);
}

Result<kafka::ClientConfig> BuildProducerConfig(const GeneratorOptions& o, int producers) {
  producers = std::max(producers, 1);
  kafka::ClientConfig conf;
  FB_RETURN_IF_ERROR(conf.Set("bootstrap.servers", o.bootstrap));
  FB_RETURN_IF_ERROR(conf.Set("client.id", "freshbench-generate"));
  FB_RETURN_IF_ERROR(conf.Set("acks", o.acks));
  // With acks=all, retries must neither duplicate nor reorder.
  if (o.acks == "all") FB_RETURN_IF_ERROR(conf.Set("enable.idempotence", "true"));
  FB_RETURN_IF_ERROR(conf.Set("compression.type", o.compression));
  FB_RETURN_IF_ERROR(conf.Set("linger.ms", std::to_string(o.linger_ms)));
  FB_RETURN_IF_ERROR(conf.Set("batch.size", std::to_string(o.batch_size)));
  // The bounds are for the whole sink: each producer gets its share.
  FB_RETURN_IF_ERROR(conf.Set("queue.buffering.max.kbytes",
                              std::to_string(std::max(1, o.queue_max_kbytes / producers))));
  FB_RETURN_IF_ERROR(conf.Set("queue.buffering.max.messages",
                              std::to_string(std::max(1, QueueMaxMessages(o) / producers))));
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
  KafkaWriter(KafkaSink* sink, KafkaSink::Lane* lane) : sink_(sink), lane_(lane) {}

  SendResult Send(std::string_view key, std::string_view value, MarkerRequest* marker) override {
    const rd_kafka_resp_err_t err = lane_->producer.Produce(lane_->topic, key, value, marker);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return SendResult::kOk;
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) return SendResult::kQueueFull;
    sink_->tracker_->Failed(nullptr, "produce: " + kafka::ErrorText(err), 0);
    return SendResult::kFailed;
  }

  void SendBatch(SendItem* items, size_t n) override {
    const size_t lanes = sink_->lanes_.size();
    msgs_.resize(std::max(msgs_.size(), n));
    order_.resize(std::max(order_.size(), n));
    if (lanes == 1) {
      for (size_t i = 0; i < n; ++i) {
        Fill(&msgs_[i], items[i], RD_KAFKA_PARTITION_UA);
        order_[i] = i;
      }
      Produce(lane_, items, 0, n, false);
      return;
    }
    // Several producers: each partition belongs to one of them, so its
    // batches are as large as with a single producer. The partition is the
    // one librdkafka's murmur2_random partitioner picks (the Java client's).
    const int32_t parts = sink_->partitions_;
    counts_.assign(static_cast<size_t>(parts) + 1, 0);
    part_.resize(std::max(part_.size(), n));
    for (size_t i = 0; i < n; ++i) {
      part_[i] = rd_kafka_msg_partitioner_murmur2_random(
          lane_->topic, items[i].key.data(), items[i].key.size(), parts, nullptr, nullptr);
      ++counts_[static_cast<size_t>(part_[i]) + 1];
    }
    // Grouped by producer, then by partition (a counting sort; order within
    // a partition kept), so librdkafka looks each partition up once.
    starts_.clear();
    size_t at = 0;
    for (size_t l = 0; l < lanes; ++l) {
      starts_.push_back(at);
      for (int32_t p = static_cast<int32_t>(l); p < parts; p += static_cast<int32_t>(lanes)) {
        const size_t c = counts_[static_cast<size_t>(p) + 1];
        counts_[static_cast<size_t>(p) + 1] = at;  // now where p's events start
        at += c;
      }
    }
    starts_.push_back(at);
    for (size_t i = 0; i < n; ++i) {
      const size_t slot = counts_[static_cast<size_t>(part_[i]) + 1]++;
      order_[slot] = i;
      Fill(&msgs_[slot], items[i], part_[i]);
    }
    for (size_t l = 0; l < lanes; ++l) {
      if (starts_[l + 1] > starts_[l]) {
        Produce(sink_->lanes_[l].get(), items, starts_[l], starts_[l + 1], true);
      }
    }
  }

  void WaitForRoom() override { (full_ != nullptr ? full_ : lane_)->producer.Poll(1); }

 private:
  static void Fill(rd_kafka_message_t* m, const SendItem& item, int32_t partition) {
    *m = rd_kafka_message_t{};
    m->partition = partition;
    m->payload = const_cast<char*>(item.value.data());
    m->len = item.value.size();
    m->key = const_cast<char*>(item.key.data());
    m->key_len = item.key.size();
  }

  // Produces msgs_[from, to) on `lane` and sets the results of the items
  // they came from (order_).
  void Produce(KafkaSink::Lane* lane, SendItem* items, size_t from, size_t to,
               bool own_partitions) {
    lane->producer.ProduceBatch(lane->topic, msgs_.data() + from, static_cast<int>(to - from),
                                own_partitions);
    for (size_t k = from; k < to; ++k) {
      SendItem& item = items[order_[k]];
      const rd_kafka_resp_err_t err = msgs_[k].err;
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        item.result = SendResult::kOk;
      } else if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        item.result = SendResult::kQueueFull;
        full_ = lane;
      } else {
        sink_->tracker_->Failed(nullptr, "produce: " + kafka::ErrorText(err), 0);
        item.result = SendResult::kFailed;
      }
    }
  }

  KafkaSink* sink_;
  KafkaSink::Lane* lane_;            // this writer's own producer (markers, one-producer sinks)
  KafkaSink::Lane* full_ = nullptr;  // the producer that last refused for a full queue
  std::vector<rd_kafka_message_t> msgs_;  // reused by every batch
  std::vector<size_t> order_;             // msgs_[k] is items[order_[k]]
  std::vector<int32_t> part_;
  std::vector<size_t> counts_;
  std::vector<size_t> starts_;
};

KafkaSink::KafkaSink(DeliveryTracker* tracker, std::string bootstrap, std::string topic)
    : tracker_(tracker), bootstrap_(std::move(bootstrap)), topic_name_(std::move(topic)) {}

Result<std::unique_ptr<KafkaSink>> KafkaSink::Create(const GeneratorOptions& opts,
                                                     DeliveryTracker* tracker) {
  const int producers = ProducerCount(opts);
  std::unique_ptr<KafkaSink> sink(new KafkaSink(tracker, opts.bootstrap, opts.topic));
  for (int i = 0; i < producers; ++i) {
    auto conf = BuildProducerConfig(opts, producers);
    if (!conf.ok()) return conf.status();
    const bool auto_create = conf->Get("allow.auto.create.topics") == "true";
    auto producer = kafka::Producer::Create(std::move(*conf), sink.get());
    if (!producer.ok()) return producer.status();
    auto lane = std::make_unique<Lane>();
    lane->producer = std::move(*producer);
    auto partitions = lane->producer.WaitForTopic(opts.topic, opts.connect_timeout_ms, auto_create);
    if (!partitions.ok()) {
      return partitions.status().WithContext("Kafka at " + opts.bootstrap);
    }
    sink->partitions_ = *partitions;
    auto topic = lane->producer.Topic(opts.topic);
    if (!topic.ok()) return topic.status();
    lane->topic = *topic;
    sink->lanes_.push_back(std::move(lane));
  }
  for (auto& lane : sink->lanes_) {
    Lane* raw = lane.get();
    const std::atomic<bool>* stop = &sink->stop_poller_;
    raw->poller = std::thread([raw, stop] {
      // A short timeout: Drain() waits for this thread to notice the stop.
      while (!stop->load(std::memory_order_relaxed)) raw->producer.Poll(10);
    });
  }
  return sink;
}

KafkaSink::~KafkaSink() {
  StopPollers();
  // Nothing may still call back into this object once it is gone.
  for (auto& lane : lanes_) lane->producer.Purge();
}

void KafkaSink::StopPollers() {
  stop_poller_.store(true);
  for (auto& lane : lanes_) {
    if (lane->poller.joinable()) lane->poller.join();
  }
}

std::unique_ptr<SinkWriter> KafkaSink::NewWriter() {
  Lane* lane = lanes_[next_lane_++ % lanes_.size()].get();
  return std::make_unique<KafkaWriter>(this, lane);
}

void KafkaSink::Drain(int timeout_ms) {
  // One time bound for all: the producers flush side by side, so waiting
  // for each in turn within what is left costs no more than for the slowest.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (auto& lane : lanes_) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (!lane->producer.Flush(static_cast<int>(std::max<int64_t>(left, 0)))) {
      lane->producer.Purge();
    }
  }
  StopPollers();
  for (auto& lane : lanes_) lane->producer.Poll(0);
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
