#include "run/pattern_worker.h"

#include <cmath>

#include <fmt/format.h>

#include "measure/clock.h"
#include "measure/metrics.h"
#include "report/format.h"

namespace freshbench {

const char* PatternWorker::PhaseName(Phase p) {
  switch (p) {
    case Phase::kCatchup: return kPhaseCatchup;
    case Phase::kSteady: return kPhaseSteady;
    case Phase::kPaused: return kPhasePaused;
    case Phase::kContended: return kPhaseContended;
    case Phase::kDrain: return kPhaseDrain;
    case Phase::kFailed: return kPhaseFailed;
  }
  return kPhaseDrain;
}

PatternWorker::PatternWorker(WorkerSpec spec, WorkerSink* sink)
    : spec_(std::move(spec)), sink_(sink), freshness_ms_(std::nan("")) {}

PatternWorker::~PatternWorker() { Finish("the run ended"); }

void PatternWorker::Start(int64_t origin_ms, int64_t window_end_ms, bool paused) {
  origin_ms_ = origin_ms;
  window_end_ms_ = window_end_ms;
  catchup_from_ms_.store(origin_ms);
  phase_.store(paused ? Phase::kPaused : Phase::kCatchup);
  // The window spans about 20 s whatever the interval, so a short stall in
  // a falling series is not taken for steady state.
  detector_ = std::make_unique<SteadyStateDetector>(
      std::max<int>(4, static_cast<int>(std::ceil(20000.0 / static_cast<double>(spec_.interval_ms)))),
      SteadyStateDetector::kDefaultMaxDropMsPerS, origin_ms);
  q3_slots_ = std::make_unique<ProbeSlots>(spec_.max_in_flight, spec_.sessions, spec_.budget,
                                           spec_.budget_reserved);
  if (spec_.marker_sql) {
    MarkerProberSpec m;
    m.pattern = spec_.pattern;
    m.sessions = spec_.sessions;
    m.sql = spec_.marker_sql;
    m.batch = spec_.marker_batch;
    m.max_in_flight = spec_.max_in_flight;
    m.statement_timeout_ms = spec_.statement_timeout_ms;
    m.cancel = &markers_cancel_;
    m.budget = spec_.budget;
    m.budget_reserved = spec_.budget_reserved;
    m.on_probe = [this](const QuerySample& s) { sink_->OnSample(s, PhaseName(phase_.load())); };
    markers_ = std::make_unique<MarkerProber>(std::move(m),
                                              [this](const MarkerSample& s) { sink_->OnMarker(s); });
  }
  tick_thread_ = std::thread([this] { TickLoop(); });
  steady_thread_ = std::thread([this] { SteadyQueriesLoop(); });
}

bool PatternWorker::SleepUntil(int64_t wall_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_.load()) {
    const int64_t left = wall_ms - WallNowMs();
    if (left <= 0) return true;
    wake_.wait_for(lock, std::chrono::milliseconds(std::min<int64_t>(left, 100)));
  }
  return false;
}

void PatternWorker::TickLoop() {
  for (int64_t k = 0;; ++k) {
    const int64_t tick = origin_ms_ + k * spec_.interval_ms;
    if (!SleepUntil(tick)) return;
    const Phase phase = phase_.load();
    if (phase == Phase::kFailed) return;
    const std::string name = PhaseName(phase);
    const bool started = q3_slots_->TrySubmit([this, tick, name](Result<Driver*> session) {
      ProbeQ3(std::move(session), tick, name);
    });
    if (!started) RecordInFlight(tick, name);
  }
}

void PatternWorker::ProbeQ3(Result<Driver*> session, int64_t tick, const std::string& phase) {
  QuerySample s;
  if (!session.ok()) {
    s.pattern = spec_.pattern;
    s.query = "q3";
    s.t_submit_ms = s.t_done_ms = WallNowMs();
    s.error = "no session: " + session.status().message();
  } else {
    CallOptions call;
    call.timeout_ms = spec_.statement_timeout_ms;
    call.cancel = &cancel_;
    s = RunMeasuredQuery(**session, spec_.pattern, "q3", spec_.q3_sql, spec_.skew_ms, nullptr, call);
  }
  s.t_tick_ms = tick;
  OnQ3Answer(std::move(s), phase);
}

void PatternWorker::RecordInFlight(int64_t tick, const std::string& phase) {
  QuerySample s;
  s.pattern = spec_.pattern;
  s.query = "q3";
  s.t_tick_ms = s.t_submit_ms = s.t_done_ms = tick;
  s.in_flight_since_ms = q3_slots_->OldestBusySinceMs().value_or(tick);
  s.query_latency_ms = static_cast<double>(tick - *s.in_flight_since_ms);
  const int busy = q3_slots_->Busy();
  s.note = busy >= spec_.max_in_flight
               ? fmt::format("{} probes in flight, the oldest for {}", busy, FormatMs(s.query_latency_ms))
               : fmt::format("the engine's {} statements for this run were all in flight",
                             spec_.budget ? spec_.budget->capacity() : 0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_ || phase_.load() == Phase::kFailed) return;
    if (newest_event_ms_) s.freshness_lag_ms = FreshnessLagMs(tick, *newest_event_ms_);
  }
  sink_->OnSample(s, phase);
}

void PatternWorker::OnQ3Answer(QuerySample s, const std::string& phase) {
  std::optional<PhaseEvent> event;
  std::string log;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // An answer to a statement this worker cancelled (the run ending, the
    // pattern failed) says nothing about the engine.
    if (cancel_.load() && !s.ok()) return;
    if (finished_ || phase_.load() == Phase::kFailed) return;
    if (!spec_.clock_measurable) {
      s.engine_freshness_lag_ms.reset();
      s.clock_skew_ms.reset();
    }
    sink_->OnSample(s, phase);
    if (!s.ok()) {
      // During a planned fault (run --fault) failed probes are expected;
      // whether the pattern recovers is judged after the fault instead.
      if (spec_.faults_active && spec_.faults_active->load() > 0) return;
      if (++consecutive_failures_ >= spec_.fail_after) {
        FailLocked(s.t_done_ms, fmt::format("{} consecutive Q3 probes failed; the last: {}",
                                            consecutive_failures_, s.error));
      }
      return;
    }
    consecutive_failures_ = 0;
    if (s.max_event_time_ms && (!newest_event_ms_ || *s.max_event_time_ms > *newest_event_ms_))
      newest_event_ms_ = s.max_event_time_ms;
    if (s.freshness_lag_ms) freshness_ms_.store(*s.freshness_lag_ms);
    if (s.total_rows) rows_.store(std::max(rows_.load(), *s.total_rows));
    if (phase_.load() == Phase::kCatchup && phase == kPhaseCatchup) {
      const bool steady = detector_->Add(s.t_done_ms, s.freshness_lag_ms);
      const bool timed_out = s.t_done_ms - catchup_from_ms_.load() > spec_.steady_timeout_ms;
      if (steady || timed_out) {
        const int64_t now = WallNowMs();
        phase_.store(Phase::kSteady);
        steady_at_ms_.store(now);
        const std::string note =
            steady ? "" : fmt::format("steady state not detected within {}",
                                      FormatMs(static_cast<double>(spec_.steady_timeout_ms)));
        event = PhaseEvent{now, kPhaseSteady, spec_.pattern, note};
        log = fmt::format("{}: steady after {} of catch-up{}", spec_.pattern,
                          FormatMs(static_cast<double>(now - catchup_from_ms_.load())),
                          note.empty() ? "" : " (" + note + ")");
      }
    }
  }
  if (event) sink_->OnPhase(*event);
  if (!log.empty()) sink_->Log(log);
}

void PatternWorker::FailLocked(int64_t now_ms, const std::string& reason) {
  if (phase_.load() == Phase::kFailed) return;
  phase_.store(Phase::kFailed);
  failed_ms_.store(now_ms);
  failure_ = reason;
  cancel_.store(true);
  markers_cancel_.store(true);
  stop_.store(true);
  wake_.notify_all();
  if (markers_) markers_->Halt();
  sink_->OnPhase(PhaseEvent{now_ms, kPhaseFailed, spec_.pattern, reason});
  sink_->Log(fmt::format("{}: failed: {}", spec_.pattern, reason));
}

void PatternWorker::Fail(const std::string& reason) {
  std::lock_guard<std::mutex> lock(mu_);
  FailLocked(WallNowMs(), reason);
}

std::string PatternWorker::failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failure_;
}

void PatternWorker::SteadyQueriesLoop() {
  if (spec_.steady_queries.empty() || spec_.repeat <= 0) return;
  // Wait for the steady state (or the end).
  while (steady_at_ms_.load() == 0) {
    if (!SleepUntil(WallNowMs() + 100)) return;
    const Phase p = phase_.load();
    if (p == Phase::kDrain || p == Phase::kFailed) return;
  }
  const int64_t from = steady_at_ms_.load();
  const int64_t span = window_end_ms_ - from;
  if (span <= 0) return;
  auto session = spec_.sessions();
  if (!session.ok()) {
    sink_->Log(fmt::format("{}: Q1/Q2: {}", spec_.pattern, session.status().message()));
    return;
  }
  for (int i = 1; i <= spec_.repeat; ++i) {
    if (!SleepUntil(from + span * i / (spec_.repeat + 1))) return;
    const Phase p = phase_.load();
    if (p != Phase::kSteady) return;  // drain, contended, failed
    for (const auto& [name, sql] : spec_.steady_queries) {
      if (spec_.budget && !spec_.budget->Acquire(stop_)) return;
      CallOptions call;
      call.timeout_ms = spec_.statement_timeout_ms;
      call.cancel = &cancel_;
      QuerySample s = RunMeasuredQuery(**session, spec_.pattern, name, sql, spec_.skew_ms, nullptr, call);
      if (spec_.budget) spec_.budget->Release();
      if (cancel_.load() && !s.ok()) return;
      if (!spec_.clock_measurable) {
        s.engine_freshness_lag_ms.reset();
        s.clock_skew_ms.reset();
      }
      sink_->OnSample(s, kPhaseSteady);
    }
  }
}

void PatternWorker::Resume(int64_t now_ms, const std::string& note) {
  Phase expected = Phase::kPaused;
  if (!phase_.compare_exchange_strong(expected, Phase::kCatchup)) return;
  catchup_from_ms_.store(now_ms);
  sink_->OnPhase(PhaseEvent{now_ms, kPhaseCatchup, spec_.pattern, note});
}

void PatternWorker::MarkContended(int64_t now_ms, const std::string& note) {
  Phase p = phase_.load();
  if ((p == Phase::kSteady || p == Phase::kCatchup) &&
      phase_.compare_exchange_strong(p, Phase::kContended))
    sink_->OnPhase(PhaseEvent{now_ms, kPhaseContended, spec_.pattern, note});
}

void PatternWorker::EnterDrain() {
  Phase p = phase_.load();
  while (p != Phase::kFailed && !phase_.compare_exchange_weak(p, Phase::kDrain)) {
  }
  wake_.notify_all();
}

bool PatternWorker::AddMarker(const std::string& event_id, int64_t t_ack_ms) {
  if (!markers_ || phase_.load() != Phase::kSteady) return false;
  markers_->Add(event_id, t_ack_ms);
  return true;
}

size_t PatternWorker::PendingMarkers() const { return markers_ ? markers_->Pending() : 0; }

std::optional<int64_t> PatternWorker::StaleSinceMs() const {
  if (!q3_slots_) return std::nullopt;
  auto oldest = q3_slots_->OldestBusySinceMs();
  if (oldest && WallNowMs() - *oldest > spec_.interval_ms) return oldest;
  return std::nullopt;
}

void PatternWorker::Cancel() {
  cancel_.store(true);
  markers_cancel_.store(true);
}

void PatternWorker::StopQueries() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    stop_.store(true);
    cancel_.store(true);
    wake_.notify_all();
  }
  if (tick_thread_.joinable()) tick_thread_.join();
  if (steady_thread_.joinable()) steady_thread_.join();
  if (q3_slots_) q3_slots_->Close();
}

void PatternWorker::Finish(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
  }
  markers_cancel_.store(true);
  StopQueries();
  if (markers_) markers_->Finish(failed() ? "the pattern failed before it was seen" : why);
  std::lock_guard<std::mutex> lock(mu_);
  finished_ = true;
}

}  // namespace freshbench
