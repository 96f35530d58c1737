// PatternWorker: everything `freshbench run` does to one pattern while the
// load runs: Q3 on an open loop, the steady-state decision, Q1/Q2 spread
// over its steady window, its markers (MarkerProber), and the decision that
// the pattern has failed. It knows nothing of Kafka, the generator or other
// patterns; the runner drives it through phases.
//
// Open loop (DESIGN.md "The run core"): tick k is at origin + k * interval
// whatever the answers do. A tick is handed to an idle probe session
// (ProbeSlots, at most max_in_flight); a tick that finds them all busy is
// recorded as a sample of its own: "in flight since T", freshness at least
// tick - the newest event seen so far. No tick is ever skipped.
//
// Failure: fail_after consecutive failed Q3 probes (errors, timeouts, no
// session) fail the pattern: a "failed" phase event with the time and the
// reason, its statements in flight cancelled, no more probes. The others
// go on. Failures while a planned fault is in effect do not count
// (WorkerSpec::faults_active): the run judges recovery after the fault.
//
// Thread safety: every public method may be called from any thread; the
// sink is called from the worker's threads (it must be thread-safe).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "measure/query_sample.h"
#include "report/raw_records.h"
#include "run/marker_prober.h"
#include "run/probe_slots.h"
#include "run/steady_state.h"

namespace freshbench {

// Where a worker's records go (the results files, /metrics, the display).
class WorkerSink {
 public:
  virtual ~WorkerSink() = default;
  virtual void OnSample(const QuerySample& s, const std::string& phase) = 0;
  virtual void OnMarker(const MarkerSample& m) = 0;
  virtual void OnPhase(const PhaseEvent& e) = 0;
  virtual void Log(const std::string& line) = 0;
};

struct WorkerSpec {
  std::string pattern;
  SessionFactory sessions;  // one per probe slot, marker slot and the Q1/Q2 schedule
  std::string q3_sql;
  std::vector<std::pair<std::string, std::string>> steady_queries;  // {"q1", sql}, {"q2", sql}
  // Empty when the pattern has no marker query.
  std::function<Result<std::string>(const std::vector<std::string>&)> marker_sql;
  bool marker_batch = false;
  // Engine clock: the skew measured at setup, recorded in every sample, and
  // whether the engine's NOW() is a clock at all (else engine-side
  // freshness is not recorded).
  std::optional<double> skew_ms;
  bool clock_measurable = true;
  int64_t interval_ms = 5000;
  int max_in_flight = 2;
  int64_t statement_timeout_ms = 120000;
  int fail_after = 3;
  int64_t steady_timeout_ms = 180000;
  int repeat = 5;  // Q1 and Q2 runs over the steady window
  // The engine's shared bound on statements in flight (null: none); not
  // owned, outlives the worker.
  StatementBudget* budget = nullptr;
  // Q3 and the markers each have one statement set aside from the budget.
  bool budget_reserved = false;
  // Faults of `run --fault` in effect now (null: none planned); while > 0,
  // failed Q3 probes do not count towards fail_after. Not owned.
  const std::atomic<int>* faults_active = nullptr;
};

class PatternWorker {
 public:
  enum class Phase { kCatchup, kSteady, kPaused, kContended, kDrain, kFailed };
  static const char* PhaseName(Phase p);

  PatternWorker(WorkerSpec spec, WorkerSink* sink);
  ~PatternWorker();  // Finish("the run ended")
  PatternWorker(const PatternWorker&) = delete;
  PatternWorker& operator=(const PatternWorker&) = delete;

  // Starts probing: ticks at origin_ms + k * interval. `paused`: the
  // pattern's ingestion is paused (Resume() later). Q1/Q2 run between its
  // steady state and window_end_ms. REQUIRES: called once.
  void Start(int64_t origin_ms, int64_t window_end_ms, bool paused);
  // Paused -> catch-up (its ingestion resumed at now_ms).
  void Resume(int64_t now_ms, const std::string& note);
  // Steady -> contended (another pattern resumed on its engine).
  void MarkContended(int64_t now_ms, const std::string& note);
  // The load stopped: no more Q1/Q2; Q3 and markers go on.
  void EnterDrain();
  // A marker the producer acknowledged; probed from now on (only while
  // steady: false when the marker is not taken).
  bool AddMarker(const std::string& event_id, int64_t t_ack_ms);
  size_t PendingMarkers() const;
  // Cancels statements in flight (Ctrl-C) without failing the pattern.
  void Cancel();
  // Stops Q3 and Q1/Q2 (their statements in flight are cancelled and
  // waited for); markers go on being probed until Finish, so a lake that
  // commits after the drain still shows them. Idempotent.
  void StopQueries();
  // Stops everything, cancelling what is in flight; markers not yet seen
  // are recorded with `why`. Idempotent.
  void Finish(const std::string& why);
  // Fails the pattern now (e.g. its setup or verify became impossible).
  void Fail(const std::string& reason);

  const std::string& pattern() const { return spec_.pattern; }
  bool has_markers() const { return static_cast<bool>(spec_.marker_sql); }
  Phase phase() const { return phase_.load(); }
  bool failed() const { return phase_.load() == Phase::kFailed; }
  std::string failure() const;
  int64_t failed_ms() const { return failed_ms_.load(); }
  int64_t steady_at_ms() const { return steady_at_ms_.load(); }
  // Last answered Q3: freshness (NaN: none yet) and count (-1: none yet).
  double freshness_ms() const { return freshness_ms_.load(); }
  int64_t rows() const { return rows_.load(); }
  // When the oldest Q3 probe still running was sent, if it has run longer
  // than one interval (the live display marks the last value as stale).
  std::optional<int64_t> StaleSinceMs() const;

 private:
  void TickLoop();
  void SteadyQueriesLoop();
  void ProbeQ3(Result<Driver*> session, int64_t tick, const std::string& phase);
  void RecordInFlight(int64_t tick, const std::string& phase);
  void OnQ3Answer(QuerySample s, const std::string& phase);
  void FailLocked(int64_t now_ms, const std::string& reason);
  bool SleepUntil(int64_t wall_ms);  // false when stopping

  WorkerSpec spec_;
  WorkerSink* sink_;
  int64_t origin_ms_ = 0;
  int64_t window_end_ms_ = 0;

  std::atomic<Phase> phase_{Phase::kCatchup};
  std::atomic<bool> stop_{false};    // threads leave
  std::atomic<bool> cancel_{false};  // Q3, Q1/Q2 statements in flight are cancelled
  std::atomic<bool> markers_cancel_{false};  // and marker probes
  std::atomic<int64_t> failed_ms_{0};
  std::atomic<int64_t> steady_at_ms_{0};
  std::atomic<int64_t> catchup_from_ms_{0};
  std::atomic<double> freshness_ms_;
  std::atomic<int64_t> rows_{-1};

  mutable std::mutex mu_;  // guards the fields below
  std::condition_variable wake_;
  std::string failure_;
  int consecutive_failures_ = 0;
  std::optional<int64_t> newest_event_ms_;
  std::unique_ptr<SteadyStateDetector> detector_;
  bool finished_ = false;

  std::unique_ptr<ProbeSlots> q3_slots_;
  std::unique_ptr<MarkerProber> markers_;
  std::thread tick_thread_, steady_thread_;
};

}  // namespace freshbench
