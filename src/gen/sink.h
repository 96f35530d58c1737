// Sink: where encoded events go (Kafka, stdout, or nowhere), and
// SinkWriter: one producer thread's handle on it.
//
// A writer reports delivery (or failure) of what it accepted to the
// DeliveryTracker the sink was built with, possibly later and from another
// thread (Kafka's delivery reports).
//
// Thread safety: Sink::NewWriter and Drain from the owning thread; each
// SinkWriter is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "gen/delivery_tracker.h"

namespace freshbench::gen {

enum class SendResult {
  kOk,         // accepted; delivery is reported to the tracker
  kQueueFull,  // nothing taken: back-pressure, call WaitForRoom() and retry
  kFailed,     // rejected for good (counted as an error by the caller)
  kClosed,     // the sink is gone (stdout reader hung up): stop producing
};

// One event of a batch handed to SinkWriter::SendBatch.
struct SendItem {
  std::string_view key;
  std::string_view value;
  SendResult result = SendResult::kOk;  // set by SendBatch
};

class SinkWriter {
 public:
  virtual ~SinkWriter() = default;
  // Hands over one event. `marker` (may be null) goes to the tracker with
  // its delivery report; on anything but kOk the caller keeps it.
  virtual SendResult Send(std::string_view key, std::string_view value, MarkerRequest* marker) = 0;
  // Hands over items[0..n) (no markers) and sets each one's result as
  // Send() would: a kQueueFull item was not taken and may be retried. A sink
  // may take them in one call (Kafka: one lock and clock read per batch
  // instead of per event). The default sends one by one, up to a kClosed.
  virtual void SendBatch(SendItem* items, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      items[i].result = Send(items[i].key, items[i].value, nullptr);
      if (items[i].result == SendResult::kClosed) {
        for (size_t j = i + 1; j < n; ++j) items[j].result = SendResult::kClosed;
        return;
      }
    }
  }
  // After kQueueFull: waits a little for room (serving delivery reports).
  virtual void WaitForRoom() {}
  // The thread is about to wait for the rate limiter (a chance to flush buffers).
  virtual void Idle(int64_t now_ns) { (void)now_ns; }
  // The thread is done: pass on anything buffered.
  virtual void Flush() {}
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual std::unique_ptr<SinkWriter> NewWriter() = 0;
  // After every writer has flushed: waits up to timeout_ms for events in
  // flight; whatever is still undelivered then is reported as failed.
  virtual void Drain(int timeout_ms) { (void)timeout_ms; }
  // One line for the header ("kafka 127.0.0.1:9092 topic transactions (12 partitions)").
  virtual std::string Describe() const = 0;
};

}  // namespace freshbench::gen
