#include "gen/delivery_tracker.h"

#include <memory>

#include "gen/clock.h"

namespace freshbench::gen {

void DeliveryTracker::Delivered(MarkerRequest* marker, uint64_t n, int32_t partition,
                                int64_t offset) {
  delivered_.fetch_add(n, std::memory_order_relaxed);
  if (marker == nullptr) return;
  std::unique_ptr<MarkerRequest> owned(marker);
  MarkerAck ack;
  ack.event_id.assign(marker->event.event_id.data(), kUuidTextSize);
  ack.event_time_ms = marker->event.event_time_ms;
  ack.ack_time_ms = WallClockMs();
  ack.partition = partition;
  ack.offset = offset;
  owned->promise.set_value(std::move(ack));
}

void DeliveryTracker::Failed(MarkerRequest* marker, std::string_view error, uint64_t n) {
  failed_.fetch_add(n, std::memory_order_relaxed);
  NoteError(error);
  if (marker == nullptr) return;
  std::unique_ptr<MarkerRequest> owned(marker);
  owned->promise.set_value(Status::ServerError("marker not delivered: " + std::string(error)));
}

void DeliveryTracker::ClientError(std::string_view error) {
  client_errors_.fetch_add(1, std::memory_order_relaxed);
  NoteError(error);
}

void DeliveryTracker::NoteError(std::string_view error) {
  std::lock_guard<std::mutex> lock(mu_);
  last_error_.assign(error);
}

std::string DeliveryTracker::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

}  // namespace freshbench::gen
