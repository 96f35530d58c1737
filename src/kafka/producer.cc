#include "kafka/producer.h"

#include <chrono>
#include <thread>
#include <utility>

namespace freshbench::kafka {
namespace {

void DeliveryCallback(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  static_cast<DeliveryHandler*>(opaque)->OnDelivery(*msg);
}

void ErrorCallback(rd_kafka_t*, int err, const char* reason, void* opaque) {
  static_cast<DeliveryHandler*>(opaque)->OnClientError(static_cast<rd_kafka_resp_err_t>(err),
                                                       reason);
}

// librdkafka logs to stderr by default. Connection failures also reach the
// error callback (counted as client errors in the stats line), so only
// critical messages are printed, one line each.
void LogCallback(const rd_kafka_t*, int level, const char* fac, const char* buf) {
  if (level <= 2) std::fprintf(stderr, "freshbench: kafka %s: %s\n", fac, buf);
}

}  // namespace

Result<Producer> Producer::Create(ClientConfig conf, DeliveryHandler* handler) {
  rd_kafka_conf_set_opaque(conf.get(), handler);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), DeliveryCallback);
  rd_kafka_conf_set_error_cb(conf.get(), ErrorCallback);
  rd_kafka_conf_set_log_cb(conf.get(), LogCallback);
  char errstr[512];
  rd_kafka_conf_t* raw = conf.Release();
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, raw, errstr, sizeof(errstr));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(raw);  // not taken over on failure
    return Status::InvalidArgument(errstr);
  }
  return Producer(rk);
}

Producer::Producer(Producer&& other) noexcept
    : rk_(std::exchange(other.rk_, nullptr)), topics_(std::move(other.topics_)) {}

Producer& Producer::operator=(Producer&& other) noexcept {
  if (this != &other) {
    Destroy();
    rk_ = std::exchange(other.rk_, nullptr);
    topics_ = std::move(other.topics_);
  }
  return *this;
}

Producer::~Producer() { Destroy(); }

void Producer::Destroy() {
  for (rd_kafka_topic_t* t : topics_) rd_kafka_topic_destroy(t);
  topics_.clear();
  if (rk_ != nullptr) {
    rd_kafka_destroy(rk_);
    rk_ = nullptr;
  }
}

Result<rd_kafka_topic_t*> Producer::Topic(const std::string& name) {
  for (rd_kafka_topic_t* t : topics_) {
    if (name == rd_kafka_topic_name(t)) return t;
  }
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk_, name.c_str(), nullptr);
  if (t == nullptr) {
    return Status::InvalidArgument("topic '" + name + "': " + ErrorText(rd_kafka_last_error()));
  }
  topics_.push_back(t);
  return t;
}

Result<int> Producer::WaitForTopic(const std::string& topic, int timeout_ms, bool await_creation) {
  auto t = Topic(topic);
  if (!t.ok()) return t.status();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  // In a cluster a node learns a new topic at its own pace: "unknown" from
  // one node right after the topic was created is asked again for a moment.
  const auto unknown_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2000);
  rd_kafka_resp_err_t last = RD_KAFKA_RESP_ERR__TIMED_OUT;
  bool answered = false;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) break;
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 0, *t, &md, static_cast<int>(left));
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      answered = true;
      rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
      int partitions = 0;
      if (md->topic_cnt > 0) {
        topic_err = md->topics[0].err;
        partitions = md->topics[0].partition_cnt;
      }
      rd_kafka_metadata_destroy(md);
      if (topic_err == RD_KAFKA_RESP_ERR_NO_ERROR && partitions > 0) return partitions;
      if (!await_creation && std::chrono::steady_clock::now() >= unknown_until &&
          (topic_err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
           topic_err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)) {
        return Status::NotFound("topic '" + topic + "' does not exist");
      }
      last = topic_err;  // e.g. leader not available while the topic is being created
    } else {
      last = err;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (!answered) {
    return Status::Unavailable("no Kafka broker answered within " + std::to_string(timeout_ms) +
                               " ms (" + ErrorText(last) + ")");
  }
  return Status::Timeout("topic '" + topic + "' not ready within " + std::to_string(timeout_ms) +
                         " ms (" + ErrorText(last) + ")");
}

bool Producer::Flush(int timeout_ms) {
  rd_kafka_flush(rk_, timeout_ms);
  return rd_kafka_outq_len(rk_) == 0;
}

void Producer::Purge() {
  if (rk_ == nullptr) return;
  rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  // Purged messages get their (failed) reports on the next polls.
  for (int i = 0; i < 50 && rd_kafka_outq_len(rk_) > 0; ++i) rd_kafka_poll(rk_, 10);
}

}  // namespace freshbench::kafka
