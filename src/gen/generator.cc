#include "gen/generator.h"

#include <algorithm>
#include <limits>

#include "config/endpoints.h"
#include "gen/json_encoder.h"
#include "gen/kafka_sink.h"
#include "gen/null_sink.h"
#include "gen/stdout_sink.h"

namespace freshbench::gen {
namespace {

constexpr int64_t kNoDeadline = std::numeric_limits<int64_t>::max();

// Single-writer counter add: a plain load and store, no locked instruction.
inline void Add(std::atomic<uint64_t>& c, uint64_t n) {
  if (n != 0) c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

template <typename T>
std::future<Result<MarkerAck>> ReadyFuture(T value) {
  std::promise<Result<MarkerAck>> p;
  p.set_value(std::move(value));
  return p.get_future();
}

}  // namespace

Generator::Generator(GeneratorOptions options, Clock* clock)
    : options_(std::move(options)), clock_(clock) {}

Result<std::unique_ptr<Generator>> Generator::Create(GeneratorOptions options, int out_fd,
                                                     Clock* clock) {
  FB_RETURN_IF_ERROR(Validate(options));
  if (options.bootstrap.empty()) options.bootstrap = Endpoints::FromEnvironment().kafka_bootstrap;
  // -X is checked whatever the sink, so a typo never waits for a Kafka run.
  auto conf = BuildProducerConfig(options);
  if (!conf.ok()) return conf.status();

  std::unique_ptr<Generator> g(
      new Generator(std::move(options), clock ? clock : SteadyClock::Get()));
  g->seed_ = g->options_.seed.has_value() ? *g->options_.seed : RandomSeed();
  // Each instance its own reproducible stream; a random seed needs no mixing.
  g->stream_seed_ =
      g->options_.seed.has_value() ? InstanceSeed(g->seed_, g->options_.instance) : g->seed_;
  g->id_tag_ = g->options_.instance ? InstanceIdTag(*g->options_.instance) : -1;
  g->id_seed_ = RandomSeed();
  switch (g->options_.sink) {
    case SinkKind::kNull:
      g->sink_ = std::make_unique<NullSink>(&g->tracker_);
      break;
    case SinkKind::kStdout:
      g->sink_ = std::make_unique<StdoutSink>(out_fd, &g->tracker_);
      break;
    case SinkKind::kKafka: {
      auto sink = KafkaSink::Create(g->options_, &g->tracker_);
      if (!sink.ok()) return sink.status();
      g->sink_ = std::move(*sink);
      break;
    }
  }
  g->counters_ = std::make_unique<ThreadCounters[]>(g->options_.threads);
  return g;
}

Generator::~Generator() {
  if (started_) Stop();
}

Status Generator::Start() {
  if (started_) return Status::Internal("generator already started");
  started_ = true;
  start_ns_ = clock_->NowNs();
  deadline_ns_ = options_.duration_s > 0
                     ? start_ns_ + static_cast<int64_t>(options_.duration_s * 1e9)
                     : kNoDeadline;
  limiter_ = std::make_unique<RateLimiter>(options_.target_rps, start_ns_, clock_);
  {
    std::lock_guard<std::mutex> lock(marker_mu_);
    marker_writer_ = sink_->NewWriter();
    marker_source_ =
        std::make_unique<EventSource>(stream_seed_, ~0ULL, id_seed_ ^ 0x6d61726b6572ULL, id_tag_);
    accepting_markers_ = true;
  }
  active_.store(options_.threads);
  threads_.reserve(options_.threads);
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { Run(i); });
  return Status::Ok();
}

void Generator::Run(int index) {
  EventSource source(stream_seed_, static_cast<uint64_t>(index), id_seed_, id_tag_);
  JsonEncoder encoder;
  std::unique_ptr<SinkWriter> writer = sink_->NewWriter();
  ThreadCounters& c = counters_[index];
  Clock* const clock = clock_;
  const bool limited = options_.target_rps > 0;
  // Unlimited: claim slots in blocks so threads do not fight over one
  // cache line. Limited: blocks spanning at most 1 ms of the schedule (one
  // slot at low rates), sent once their last slot is due: one wait per
  // block instead of per event, each slot still measured against its own
  // intended time (so at most 1 ms of lag, well under late_threshold_ms).
  const uint64_t block =
      limited ? std::clamp<uint64_t>(
                    options_.target_rps / (1000 * static_cast<uint64_t>(options_.threads)), 1, 64)
              : 256;
  const uint64_t count = options_.count;
  const int64_t deadline = deadline_ns_;
  const int64_t late_ns = static_cast<int64_t>(options_.late_threshold_ms) * 1'000'000;

  // Events go to the sink in batches of what is due now: every slot when
  // unlimited; when paced, the slots due at once (a thread that fell
  // behind). A batch is handed over before any wait, so pacing never holds
  // an event back. Only what the sink took counts as sent.
  static constexpr size_t kBatch = 64;
  Event ev[kBatch];
  int64_t lag[kBatch];
  char value[kBatch][kMaxEncodedEventSize];
  char key[kBatch][kMaxEncodedKeySize];
  SendItem items[kBatch];
  size_t pending = 0;

  auto encode = [&](size_t i) {
    // Stamped (again after a wait) right before the hand-over.
    ev[i].event_time_ms = WallClockMs();
    const size_t n = encoder.Encode(ev[i], value[i]);
    const size_t kn = JsonEncoder::EncodeKey(ev[i].user_id, key[i]);
    items[i] = SendItem{std::string_view(key[i], kn), std::string_view(value[i], n)};
  };
  // Hands items[0..pending) over, retrying what a full queue refused.
  // Returns false when production must end (sink closed, or stop asked
  // while waiting for room).
  auto flush = [&]() -> bool {
    size_t n = pending;
    pending = 0;
    while (n > 0) {
      writer->SendBatch(items, n);
      uint64_t ok = 0, late = 0, failed = 0;
      size_t retry = 0;
      bool closed = false;
      for (size_t i = 0; i < n; ++i) {
        switch (items[i].result) {
          case SendResult::kOk:
            ++ok;
            if (lag[i] > late_ns) ++late;
            break;
          case SendResult::kFailed:
            ++failed;
            break;
          case SendResult::kQueueFull:
            ev[retry] = ev[i];  // kept in order for the retry
            lag[retry] = lag[i];
            ++retry;
            break;
          case SendResult::kClosed:
            closed = true;
            break;
        }
      }
      Add(c.sent, ok);
      Add(c.late, late);
      Add(c.send_errors, failed);
      if (closed) {
        stop_.store(true);
        return false;
      }
      if (retry == 0) break;
      Add(c.queue_full, 1);  // one wait for room, then the refused events again
      if (stop_.load(std::memory_order_relaxed)) return false;
      writer->WaitForRoom();
      for (size_t i = 0; i < retry; ++i) encode(i);
      n = retry;
    }
    return true;
  };

  bool running = true;
  while (running && !stop_.load(std::memory_order_relaxed)) {
    const uint64_t first = limiter_->Claim(block);
    if (count != 0 && first >= count) break;
    const uint64_t end = count != 0 ? std::min(first + block, count) : first + block;
    if (!limited && deadline != kNoDeadline && clock->NowNs() >= deadline) break;
    int64_t now = 0;
    if (limited) {
      // Due when its last slot is (or at the deadline, past which none goes).
      const int64_t due = std::min(limiter_->IntendedNs(end - 1), deadline);
      now = clock->NowNs();
      if (now < due) {
        if (pending > 0 && !flush()) break;
        writer->Idle(now);
        if (!limiter_->WaitUntil(due, stop_)) break;
        now = clock->NowNs();
      }
    }
    for (uint64_t slot = first; slot < end; ++slot) {
      int64_t slot_lag = 0;
      if (limited) {
        const int64_t intended = limiter_->IntendedNs(slot);
        if (intended >= deadline) {
          running = false;
          break;
        }
        slot_lag = now - intended;
      }
      const size_t i = pending++;
      source.Next(&ev[i]);
      lag[i] = slot_lag;
      encode(i);
      if (pending == kBatch && !flush()) {
        running = false;
        break;
      }
    }
  }
  if (pending > 0) flush();
  writer->Flush();
  writer.reset();
  const int64_t now = clock->NowNs();
  int64_t prev = end_ns_.load();
  while (prev < now && !end_ns_.compare_exchange_weak(prev, now)) {
  }
  active_.fetch_sub(1);
}

bool Generator::Finished() const { return started_ && active_.load() == 0; }

void Generator::RequestStop() { stop_.store(true); }

GeneratorSummary Generator::Stop() {
  if (stopped_ || !started_) return summary_;
  stopped_ = true;
  stop_.store(true);
  for (auto& t : threads_) t.join();
  threads_.clear();
  {
    std::lock_guard<std::mutex> lock(marker_mu_);
    accepting_markers_ = false;
    if (marker_writer_) marker_writer_->Flush();
    marker_writer_.reset();
  }
  sink_->Drain(options_.flush_timeout_ms);
  const int64_t drained_ns = clock_->NowNs();

  GeneratorStats s = Snapshot();
  summary_.sent = s.sent;
  summary_.delivered = s.delivered;
  summary_.failed = s.failed;
  summary_.dropped = s.dropped;
  summary_.send_errors = s.send_errors;
  summary_.queue_full = s.queue_full;
  summary_.late = s.late;
  summary_.client_errors = s.client_errors;
  // In-flight events the sink could not account for (should be none).
  summary_.failed += s.in_flight();
  const int64_t end = std::max(end_ns_.load(), start_ns_ + 1);
  summary_.elapsed_s = static_cast<double>(end - start_ns_) / 1e9;
  summary_.mean_rps = static_cast<double>(s.sent) / summary_.elapsed_s;
  summary_.drained_s = static_cast<double>(std::max(drained_ns, end) - start_ns_) / 1e9;
  summary_.last_error = tracker_.last_error();
  return summary_;
}

GeneratorStats Generator::Snapshot() const {
  GeneratorStats s;
  if (!started_) return s;
  uint64_t handled = 0;
  for (int i = 0; i < options_.threads; ++i) {
    const ThreadCounters& c = counters_[i];
    s.sent += c.sent.load(std::memory_order_relaxed);
    s.send_errors += c.send_errors.load(std::memory_order_relaxed);
    s.queue_full += c.queue_full.load(std::memory_order_relaxed);
    s.late += c.late.load(std::memory_order_relaxed);
  }
  handled = s.sent + s.send_errors;
  s.sent += markers_sent_.load();
  s.delivered = tracker_.delivered();
  s.failed = tracker_.failed();
  s.dropped = tracker_.dropped();
  s.client_errors = tracker_.client_errors();
  const int64_t now = clock_->NowNs();
  const int64_t end = active_.load() == 0 ? end_ns_.load() : now;
  s.elapsed_s = static_cast<double>(std::max<int64_t>(end - start_ns_, 0)) / 1e9;
  // Behind schedule: the next event to send was due this long ago.
  if (options_.target_rps > 0 && active_.load() > 0) {
    const int64_t intended = limiter_->IntendedNs(handled);
    if (now > intended) s.lag_ms = static_cast<double>(now - intended) / 1e6;
  }
  return s;
}

std::future<Result<MarkerAck>> Generator::SendMarker(std::string_view event_id) {
  if (!IsUuidText(event_id)) {
    return ReadyFuture(
        Status::InvalidArgument("marker event_id '" + std::string(event_id) + "' is not a UUID"));
  }
  std::lock_guard<std::mutex> lock(marker_mu_);
  if (!accepting_markers_) return ReadyFuture(Status::Unavailable("generator is not running"));
  auto req = std::make_unique<MarkerRequest>();
  marker_source_->Next(&req->event);
  std::copy(event_id.begin(), event_id.end(), req->event.event_id.begin());
  std::future<Result<MarkerAck>> fut = req->promise.get_future();
  JsonEncoder encoder;
  char value[kMaxEncodedEventSize];
  char key[kMaxEncodedKeySize];
  const int64_t give_up = clock_->NowNs() + int64_t{options_.flush_timeout_ms} * 1'000'000;
  while (true) {
    req->event.event_time_ms = WallClockMs();
    const size_t n = encoder.Encode(req->event, value);
    const size_t kn = JsonEncoder::EncodeKey(req->event.user_id, key);
    const SendResult r =
        marker_writer_->Send(std::string_view(key, kn), std::string_view(value, n), req.get());
    if (r == SendResult::kOk) {
      req.release();  // the tracker owns it now
      markers_sent_.fetch_add(1);
      return fut;
    }
    if (r != SendResult::kQueueFull || clock_->NowNs() > give_up) {
      return ReadyFuture(Status::Unavailable("marker could not be handed to the sink"));
    }
    marker_writer_->WaitForRoom();
  }
}

}  // namespace freshbench::gen
