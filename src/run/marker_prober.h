// MarkerProber: one pattern's marker events, probed until each is seen.
//
// Runs apart from the Q3 loop, on its own sessions (ProbeSlots), so a
// stalled Q3 probe cannot hold a marker back, and a stalled marker probe
// holds only its own session. For every marker it records the bounds of its
// visibility (report/raw_records.h MarkerSample): the last probe that
// answered without it and the first that answered with it. A probe that
// fails or times out is neither: it is counted as a failed probe.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "measure/query_sample.h"
#include "report/raw_records.h"
#include "run/probe_slots.h"

namespace freshbench {

struct MarkerProberSpec {
  std::string pattern;
  SessionFactory sessions;
  // The marker query for these ids (a batch query takes them all; else one).
  std::function<Result<std::string>(const std::vector<std::string>& event_ids)> sql;
  bool batch = false;
  int max_in_flight = 2;
  int64_t statement_timeout_ms = 120000;
  const std::atomic<bool>* cancel = nullptr;  // cancels statements in flight
  StatementBudget* budget = nullptr;          // the engine's shared bound (not owned)
  bool budget_reserved = false;               // one statement set aside from it
  // Each probe that ran, as a sample of query "marker" (latency, rows, error;
  // a probe past the statement limit is `stalled` with the engine's handle),
  // so stalled marker probes are counted with the pattern's other stalls.
  // Called on the probe's session thread; may be empty.
  std::function<void(const QuerySample&)> on_probe;
};

class MarkerProber {
 public:
  // `record` receives each marker once, when it is seen or given up.
  MarkerProber(MarkerProberSpec spec, std::function<void(const MarkerSample&)> record);
  ~MarkerProber();  // Finish("the run ended")

  // A marker acknowledged by the producer at t_ack_ms; probed from now on.
  void Add(const std::string& event_id, int64_t t_ack_ms);
  // Markers added and not yet seen.
  size_t Pending() const;
  // No new probes from now on (returns at once; Finish records the rest).
  void Halt();
  // Stops probing and waits for probes in flight; every marker not yet
  // seen is recorded with error `why`.
  void Finish(const std::string& why);

 private:
  struct Marker {
    std::string event_id;
    int64_t t_ack_ms = 0;
    int64_t next_probe_ms = 0;  // set when a probe is sent: submit + MarkerProbeGapMs
    MarkerSample sample;
  };
  void Loop();
  void Probe(Result<Driver*> session, std::vector<std::string> ids);
  // This probe's limit (see MarkerProbeLimitMs). REQUIRES: mu_ held.
  int64_t ProbeLimitMs() const;

  MarkerProberSpec spec_;
  std::function<void(const MarkerSample&)> record_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool finishing_ = false;  // no new probes
  bool finished_ = false;
  std::vector<Marker> pending_;
  std::deque<double> recent_answers_ms_;  // latencies of the last answered probes
  std::unique_ptr<ProbeSlots> slots_;
  std::thread thread_;
};

// Gap before a marker's next probe, by how long ago it was acknowledged:
// fine first, so a fast pattern's figure is not the probe gap.
int64_t MarkerProbeGapMs(int64_t since_ack_ms);

// A marker probe's limit: kMarkerLimitFactor x the slowest of the recent
// answered probes, at least kMarkerLimitFloorMs, at most the statement
// limit (which also applies before any probe has answered). A stalled read
// (a Fluss union read can stall for minutes) then holds a session for about
// a few normal answers, not for the whole statement limit, and the markers
// acknowledged meanwhile are probed again at once. The cut probe is a
// stall like any other (counted, with the engine's handle), never a miss.
inline constexpr int kMarkerLimitFactor = 4;
inline constexpr int64_t kMarkerLimitFloorMs = 15000;
inline constexpr size_t kMarkerLimitWindow = 8;
int64_t MarkerProbeLimitMs(const std::deque<double>& recent_answers_ms, int64_t statement_limit_ms);

}  // namespace freshbench
