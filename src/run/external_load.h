// ExternalLoad: the LoadSource of `freshbench run --load external`, for a
// stream that others produce (generator instances elsewhere, a Kubernetes
// Indexed Job, the user's own producers). It produces nothing but markers:
//
//   Start()      records every partition's high watermark (the run's start offsets)
//   Snapshot()   events the topic received since Start(): the sum over
//                partitions of high watermark now - at Start() (markers
//                included); sent = delivered = that, failed = 0. Watermarks
//                are read at most every snapshot_interval_ms; a failed read
//                keeps the last totals.
//   SendMarker() one marker event, the generator's JSON shape with the given
//                event_id, through its own small producer; waits for the ack
//   Stop()       a last watermark read; the final totals
//
// A high watermark counts committed events (replicated to every in-sync
// replica), so with acks=0/1 producers an event acknowledged just before
// Start() may only be counted after it, once replicated: the same offsets
// the run's completeness uses, so both agree.
//   Describe()   "external load on <bootstrap> <topic>"
//
// Thread safety: Snapshot() and SendMarker() from any thread (each takes
// its own lock); Start() and Stop() from the owning thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "run/load_source.h"

namespace freshbench {

struct ExternalLoadOptions {
  std::string bootstrap;  // required: the cluster the others produce to
  std::string topic;      // required
  // -X key=value for the marker producer and the watermark reads' client.
  std::vector<std::pair<std::string, std::string>> kafka_config;
  int timeout_ms = 10000;          // topic check at Create, each watermark read, marker ack bound
  int snapshot_interval_ms = 500;  // Snapshot() reads watermarks at most this often
  // Bound of each broker round trip of a Snapshot() read (it runs on the
  // caller's thread, e.g. the runner's progress loop, so it must not stall it).
  int snapshot_timeout_ms = 2000;
};

class ExternalLoad : public LoadSource {
 public:
  // Checks the options and that the topic exists (within timeout_ms).
  // Failure: InvalidArgument (empty bootstrap/topic, a bad -X), Unavailable
  // (no broker answered), NotFound (no such topic).
  static Result<std::unique_ptr<ExternalLoad>> Create(ExternalLoadOptions options);
  ~ExternalLoad() override;

  // Fails like ReadWatermarks (topic_offsets.h). REQUIRES: not started before.
  Status Start() override;
  LoadTotals Snapshot() const override;
  // Failure: InvalidArgument (not a UUID), Unavailable (not started, or
  // the producer refused it), Timeout, ServerError (delivery failed).
  Result<MarkerDelivery> SendMarker(const std::string& event_id, int timeout_ms) override;
  LoadTotals Stop() override;
  std::string Describe() const override;

  // Start offsets (high watermarks at Start()), index = partition.
  const std::vector<int64_t>& start_offsets() const { return start_high_; }

 private:
  struct Marker;
  explicit ExternalLoad(ExternalLoadOptions options);
  // Reads the watermarks now (each round trip bounded by `timeout_ms`); on
  // success updates the cached totals.
  Status Refresh(int timeout_ms) const;

  ExternalLoadOptions options_;
  std::vector<int64_t> start_high_;  // written by Start() before started_
  std::atomic<bool> started_{false};
  std::atomic<bool> stopped_{false};

  mutable std::mutex totals_mu_;  // guards the two below
  mutable LoadTotals totals_;     // final once stopped_
  mutable int64_t last_read_ms_ = 0;

  std::mutex marker_mu_;  // one marker at a time
  struct ProducerState;
  std::unique_ptr<ProducerState> producer_;
};

}  // namespace freshbench
