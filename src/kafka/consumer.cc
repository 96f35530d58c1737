#include "kafka/consumer.h"

#include <chrono>
#include <random>
#include <utility>

namespace freshbench::kafka {
namespace {
void QuietLog(const rd_kafka_t*, int level, const char* fac, const char* buf) {
  if (level <= 2) std::fprintf(stderr, "freshbench: kafka %s: %s\n", fac, buf);
}
}  // namespace

Result<Consumer> Consumer::Create(ClientConfig conf) {
  if (conf.Get("group.id").empty()) {
    std::random_device rd;
    FB_RETURN_IF_ERROR(conf.Set("group.id", "freshbench-reader-" + std::to_string(rd())));
  }
  FB_RETURN_IF_ERROR(conf.Set("enable.auto.commit", "false"));
  FB_RETURN_IF_ERROR(conf.Set("enable.partition.eof", "false"));
  rd_kafka_conf_set_log_cb(conf.get(), QuietLog);
  char errstr[512];
  rd_kafka_conf_t* raw = conf.Release();
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, raw, errstr, sizeof(errstr));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(raw);
    return Status::InvalidArgument(errstr);
  }
  rd_kafka_poll_set_consumer(rk);
  return Consumer(rk);
}

Consumer::Consumer(Consumer&& other) noexcept : rk_(std::exchange(other.rk_, nullptr)) {}

Consumer& Consumer::operator=(Consumer&& other) noexcept {
  if (this != &other) {
    Destroy();
    rk_ = std::exchange(other.rk_, nullptr);
  }
  return *this;
}

Consumer::~Consumer() { Destroy(); }

void Consumer::Destroy() {
  if (rk_ == nullptr) return;
  rd_kafka_consumer_close(rk_);
  rd_kafka_destroy(rk_);
  rk_ = nullptr;
}

Result<int> Consumer::PartitionCount(const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
  if (rkt == nullptr) return Status::InvalidArgument("topic '" + topic + "'");
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::Unavailable("metadata for '" + topic + "': " + ErrorText(err));
  }
  int partitions = 0;
  rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
  if (md->topic_cnt > 0) {
    topic_err = md->topics[0].err;
    partitions = md->topics[0].partition_cnt;
  }
  rd_kafka_metadata_destroy(md);
  if (topic_err != RD_KAFKA_RESP_ERR_NO_ERROR || partitions == 0) {
    return Status::NotFound("topic '" + topic + "': " + ErrorText(topic_err));
  }
  return partitions;
}

Status Consumer::AssignFromBeginning(const std::string& topic, int timeout_ms) {
  auto n = PartitionCount(topic, timeout_ms);
  if (!n.ok()) return n.status();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(*n);
  for (int p = 0; p < *n; ++p) {
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(rk_, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::ServerError("assign '" + topic + "': " + ErrorText(err));
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> Consumer::HighWatermarks(const std::string& topic, int timeout_ms) {
  auto n = PartitionCount(topic, timeout_ms);
  if (!n.ok()) return n.status();
  std::vector<int64_t> highs(*n, 0);
  for (int p = 0; p < *n; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err =
        rd_kafka_query_watermark_offsets(rk_, topic.c_str(), p, &low, &high, timeout_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Status::Unavailable("watermarks of " + topic + "[" + std::to_string(p) +
                                 "]: " + ErrorText(err));
    }
    highs[p] = high;
  }
  return highs;
}

Result<std::optional<ConsumedMessage>> Consumer::Poll(int timeout_ms) {
  rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_, timeout_ms);
  if (m == nullptr) return std::optional<ConsumedMessage>();
  if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    rd_kafka_message_destroy(m);
    return std::optional<ConsumedMessage>();
  }
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    Status s = Status::ServerError("consume: " + std::string(rd_kafka_message_errstr(m)));
    rd_kafka_message_destroy(m);
    return s;
  }
  ConsumedMessage out;
  out.partition = m->partition;
  out.offset = m->offset;
  out.timestamp_ms = rd_kafka_message_timestamp(m, nullptr);
  if (m->key != nullptr) out.key.assign(static_cast<const char*>(m->key), m->key_len);
  if (m->payload != nullptr) out.value.assign(static_cast<const char*>(m->payload), m->len);
  rd_kafka_message_destroy(m);
  return std::optional<ConsumedMessage>(std::move(out));
}

Result<std::vector<ConsumedMessage>> Consumer::ReadAll(const std::string& topic, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto highs = HighWatermarks(topic, timeout_ms);
  if (!highs.ok()) return highs.status();
  FB_RETURN_IF_ERROR(AssignFromBeginning(topic, timeout_ms));
  std::vector<int64_t> next(highs->size(), 0);
  auto done = [&] {
    for (size_t p = 0; p < next.size(); ++p) {
      if (next[p] < (*highs)[p]) return false;
    }
    return true;
  };
  std::vector<ConsumedMessage> out;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Timeout("reading '" + topic + "': end not reached after " +
                             std::to_string(out.size()) + " messages");
    }
    auto m = Poll(200);
    if (!m.ok()) return m.status();
    if (!m->has_value()) continue;
    ConsumedMessage& msg = **m;
    if (msg.partition >= 0 && static_cast<size_t>(msg.partition) < next.size()) {
      next[msg.partition] = msg.offset + 1;
    }
    out.push_back(std::move(msg));
  }
  return out;
}

}  // namespace freshbench::kafka
