// DeliveryTracker: where sinks report what became of each event handed to
// them (delivered or failed), plus client-level errors, and where marker
// events get their acknowledgement.
//
// A marker is an event whose delivery the caller waits for (the benchmark
// runner measures visibility latency from its acknowledgement). Sinks pass
// the MarkerRequest* they were given back to Delivered()/Failed(), which
// fulfil its promise and delete it. Ordinary events pass nullptr.
//
// Thread safety: every method is safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <future>
#include <mutex>
#include <string>
#include <string_view>

#include "common/status.h"
#include "gen/event.h"

namespace freshbench::gen {

// What the producer acknowledged for one marker event.
struct MarkerAck {
  std::string event_id;
  int64_t event_time_ms = 0;  // event_time written in the event (UTC ms)
  int64_t ack_time_ms = 0;    // wall clock when the delivery report arrived (UTC ms)
  int32_t partition = -1;     // -1 for sinks without partitions
  int64_t offset = -1;        // -1 for sinks without offsets
};

struct MarkerRequest {
  Event event;
  std::promise<Result<MarkerAck>> promise;
};

class DeliveryTracker {
 public:
  // `n` events delivered; `marker` (may be null) is completed and deleted.
  void Delivered(MarkerRequest* marker, uint64_t n = 1, int32_t partition = -1,
                 int64_t offset = -1);
  // One event failed for good; `marker` (may be null) fails and is deleted.
  void Failed(MarkerRequest* marker, std::string_view error, uint64_t n = 1);
  // `n` events the sink took but could not pass on because its reader went
  // away (stdout closed): neither delivered nor failed.
  void Dropped(uint64_t n) { dropped_.fetch_add(n, std::memory_order_relaxed); }
  // A client-level error (e.g. broker connection lost), retried by the client.
  void ClientError(std::string_view error);

  uint64_t delivered() const { return delivered_.load(std::memory_order_relaxed); }
  uint64_t failed() const { return failed_.load(std::memory_order_relaxed); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t client_errors() const { return client_errors_.load(std::memory_order_relaxed); }
  // The last delivery failure or client error text ("" if none).
  std::string last_error() const;

 private:
  void NoteError(std::string_view error);

  alignas(64) std::atomic<uint64_t> delivered_{0};
  alignas(64) std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> client_errors_{0};
  mutable std::mutex mu_;
  std::string last_error_;
};

}  // namespace freshbench::gen
