// Generator: the event stream of `freshbench generate`, usable in-process
// (the benchmark runner) as well as from the CLI.
//
//   auto gen = Generator::Create(options);          // validates, connects
//   gen.value()->Start();
//   auto ack = gen.value()->SendMarker(uuid);       // std::future<Result<MarkerAck>>
//   GeneratorStats s = gen.value()->Snapshot();     // live counters
//   GeneratorSummary sum = gen.value()->Stop();     // flush (bounded) and join
//
// N producer threads draw events (EventSource), pace them on a shared
// schedule (RateLimiter), stamp event_time, encode (JsonEncoder) and hand
// them to the sink. Every event's intended send time is compared with its
// actual one: the stats show how far behind the generator is (lag_ms) and
// how many events went out late, so a slow system cannot hide its delay.
//
// Thread safety: Snapshot(), SendMarker(), RequestStop(), Finished() are
// safe from any thread; Start() and Stop() from the owning thread.
// RequestStop() is not async-signal-safe: a signal handler should set a
// flag that the owner polls.
#pragma once

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/status.h"
#include "gen/clock.h"
#include "gen/delivery_tracker.h"
#include "gen/event_source.h"
#include "gen/generator_options.h"
#include "gen/rate_limiter.h"
#include "gen/sink.h"

namespace freshbench::gen {

// A live view of the counters (totals since Start()).
struct GeneratorStats {
  double elapsed_s = 0;        // since Start()
  uint64_t sent = 0;           // handed to the sink (markers included)
  uint64_t delivered = 0;      // acknowledged (Kafka), written (stdout), discarded (null)
  uint64_t failed = 0;         // delivery failed for good
  uint64_t dropped = 0;        // taken by a sink whose reader went away (stdout closed)
  uint64_t send_errors = 0;    // rejected by the sink before any attempt
  uint64_t queue_full = 0;     // back-pressure: retries after a full producer queue
  uint64_t late = 0;           // sent more than late_threshold_ms after their intended time
  uint64_t client_errors = 0;  // client-level errors (broker connection lost, ...)
  double lag_ms = 0;           // how far behind schedule the generator is now (0 = on time)
  uint64_t in_flight() const {
    const uint64_t done = delivered + failed + dropped;
    return sent > done ? sent - done : 0;
  }
  uint64_t errors() const { return failed + send_errors; }
};

struct GeneratorSummary {
  uint64_t sent = 0;
  uint64_t delivered = 0;
  uint64_t failed = 0;   // includes what was still in flight when the flush bound ran out
  uint64_t dropped = 0;  // the stdout reader hung up before taking these
  uint64_t send_errors = 0;
  uint64_t queue_full = 0;
  uint64_t late = 0;
  uint64_t client_errors = 0;
  double elapsed_s = 0;  // Start() until the producer threads ended
  double mean_rps = 0;   // sent / elapsed_s
  // Start() until the last event in flight was acknowledged or failed
  // (after the flush): the end-to-end span of delivered / drained_s.
  double drained_s = 0;
  std::string last_error;
  bool ok() const { return failed == 0 && send_errors == 0; }
};

class Generator {
 public:
  // Validates `options` (and -X properties, even for non-Kafka sinks) and
  // builds the sink; for Kafka this checks the broker and topic within
  // options.connect_timeout_ms. An empty bootstrap means Endpoints'.
  // `out_fd` is where the stdout sink writes. `clock` (not owned; null =
  // SteadyClock) paces the threads.
  // Failure: InvalidArgument (a knob, one line naming it), Unavailable,
  // NotFound or Timeout (broker or topic).
  static Result<std::unique_ptr<Generator>> Create(GeneratorOptions options, int out_fd = 1,
                                                   Clock* clock = nullptr);
  ~Generator();  // stops and drains if still running

  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  // Starts the producer threads. REQUIRES: not started before.
  Status Start();

  // True once every producer thread has ended (count or duration reached,
  // RequestStop(), or the sink closed).
  bool Finished() const;

  // Asks the producer threads to end; returns at once.
  void RequestStop();

  // Ends production, waits up to flush_timeout_ms for events in flight
  // (what is left then counts as failed), joins the threads. Idempotent.
  GeneratorSummary Stop();

  GeneratorStats Snapshot() const;

  // Sends one extra event (outside the rate schedule) with `event_id`, other
  // fields random, event_time stamped now; the future yields the delivery
  // acknowledgement. Failure (in the future): InvalidArgument if event_id is
  // not a UUID, Unavailable if the generator is not running, ServerError if
  // delivery failed.
  std::future<Result<MarkerAck>> SendMarker(std::string_view event_id);

  const GeneratorOptions& options() const { return options_; }
  uint64_t seed() const { return seed_; }
  // The sink in one line, for headers.
  std::string DescribeSink() const { return sink_->Describe(); }

 private:
  struct alignas(64) ThreadCounters {
    // Single writer (the thread), read by Snapshot().
    std::atomic<uint64_t> sent{0};
    std::atomic<uint64_t> send_errors{0};
    std::atomic<uint64_t> queue_full{0};
    std::atomic<uint64_t> late{0};
  };

  Generator(GeneratorOptions options, Clock* clock);
  void Run(int index);

  GeneratorOptions options_;
  Clock* clock_;
  uint64_t seed_ = 0;         // the user's seed (or a random one)
  uint64_t stream_seed_ = 0;  // seed_ mixed with the instance (gen/instance.h)
  uint64_t id_seed_ = 0;
  int id_tag_ = -1;  // the instance index in every id; -1 = none
  DeliveryTracker tracker_;
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<ThreadCounters[]> counters_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::atomic<int> active_{0};
  std::atomic<int64_t> end_ns_{0};  // when the last producer thread ended
  int64_t start_ns_ = 0;
  int64_t deadline_ns_ = 0;
  bool started_ = false;
  bool stopped_ = false;
  GeneratorSummary summary_;

  std::mutex marker_mu_;  // guards the members below
  std::unique_ptr<SinkWriter> marker_writer_;
  std::unique_ptr<EventSource> marker_source_;
  bool accepting_markers_ = false;
  std::atomic<uint64_t> markers_sent_{0};
};

}  // namespace freshbench::gen
