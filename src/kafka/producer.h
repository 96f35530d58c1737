// Producer: a move-only owner of a librdkafka producer (rd_kafka_t) and of
// the topic handles it produces to.
//
// Delivery reports and client errors go to a DeliveryHandler (not owned; it
// must outlive the Producer). They are served by Poll(), from whichever
// thread calls it. Destroying the Producer does not flush: call Flush()
// (and Purge() if it timed out) first, or undelivered messages are dropped.
//
// Thread safety: Produce(), Poll(), Flush(), OutqLen() are safe from any
// thread (librdkafka's guarantee). Create/Topic/move/destroy: one thread.
// REQUIRES for every method but valid(), moving and destroying: valid().
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "kafka/client_config.h"

namespace freshbench::kafka {

class DeliveryHandler {
 public:
  virtual ~DeliveryHandler() = default;
  // One call per produced message, ok or failed (msg.err). `msg._private`
  // is the opaque given to Produce().
  virtual void OnDelivery(const rd_kafka_message_t& msg) = 0;
  // A client-level error (broker down, authentication, ...). Non-fatal ones
  // are retried by librdkafka.
  virtual void OnClientError(rd_kafka_resp_err_t err, const char* reason) {
    (void)err;
    (void)reason;
  }
};

class Producer {
 public:
  // Creates a producer from `conf` (consumed). Failure: InvalidArgument with
  // librdkafka's text (e.g. an inconsistent configuration).
  static Result<Producer> Create(ClientConfig conf, DeliveryHandler* handler);

  // An empty producer (holds nothing) that a real one can be moved into.
  Producer() = default;
  Producer(Producer&& other) noexcept;
  Producer& operator=(Producer&& other) noexcept;
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;
  ~Producer();

  // A topic handle owned by this producer (valid until it is destroyed).
  Result<rd_kafka_topic_t*> Topic(const std::string& name);

  // Waits until the cluster answers a metadata request for `topic` with at
  // least one partition, for at most `timeout_ms`. Failure: Unavailable
  // (no broker answered), NotFound (topic does not exist: still unknown
  // after a 2 s grace, as a cluster node may learn a new topic late), Timeout.
  // `await_creation`: an unknown topic is waited for (the broker may be
  // auto-creating it) instead of failing at once. Returns the partition count.
  Result<int> WaitForTopic(const std::string& topic, int timeout_ms, bool await_creation = false);

  // Enqueues one message (payload and key are copied) to the partitioner's
  // choice. RD_KAFKA_RESP_ERR__QUEUE_FULL means back-pressure: Poll and retry.
  rd_kafka_resp_err_t Produce(rd_kafka_topic_t* topic, std::string_view key, std::string_view value,
                              void* opaque) {
    return rd_kafka_produce(topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                            const_cast<char*>(value.data()), value.size(), key.data(), key.size(),
                            opaque) == 0
               ? RD_KAFKA_RESP_ERR_NO_ERROR
               : rd_kafka_last_error();
  }

  // Enqueues msgs[0..n) (payload, len, key, key_len, _private filled in;
  // payload and key are copied) to the partitioner's choice in one call:
  // one topic lock and one clock read for the batch. Sets each message's
  // err; once the queue is full every later message gets
  // RD_KAFKA_RESP_ERR__QUEUE_FULL. Returns how many were enqueued.
  // `own_partitions`: each message's .partition is used as given instead.
  int ProduceBatch(rd_kafka_topic_t* topic, rd_kafka_message_t* msgs, int n,
                   bool own_partitions = false) {
    return rd_kafka_produce_batch(
        topic, RD_KAFKA_PARTITION_UA,
        RD_KAFKA_MSG_F_COPY | (own_partitions ? RD_KAFKA_MSG_F_PARTITION : 0), msgs, n);
  }

  // Serves delivery reports and errors; returns how many events were served.
  int Poll(int timeout_ms) { return rd_kafka_poll(rk_, timeout_ms); }

  // Waits up to timeout_ms for every queued message to be delivered or fail.
  // Returns true if none is left.
  bool Flush(int timeout_ms);

  // Messages queued, in flight, or awaiting their delivery report.
  int OutqLen() const { return rd_kafka_outq_len(rk_); }

  bool valid() const { return rk_ != nullptr; }

  // Fails every message not yet delivered (their reports say purged) and
  // serves the reports.
  void Purge();

  rd_kafka_t* handle() const { return rk_; }

 private:
  explicit Producer(rd_kafka_t* rk) : rk_(rk) {}
  void Destroy();

  rd_kafka_t* rk_ = nullptr;
  std::vector<rd_kafka_topic_t*> topics_;
};

}  // namespace freshbench::kafka
