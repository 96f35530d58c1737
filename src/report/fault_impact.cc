#include "report/fault_impact.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace freshbench {

FaultImpact AssessFault(const RunData& run, size_t fault, const std::string& pattern,
                        std::optional<int64_t> failed_ms) {
  FaultImpact r;
  r.pattern = pattern;
  const FaultWindow& w = run.info.faults.at(fault);
  if (!w.start_ms) {
    r.not_recovered = "the fault was not applied";
    return r;
  }
  const int64_t start = *w.start_ms;
  const int64_t end = w.end_ms.value_or(std::numeric_limits<int64_t>::max());
  // The next fault's start bounds "after".
  int64_t next = std::numeric_limits<int64_t>::max();
  for (const FaultWindow& o : run.info.faults)
    if (o.start_ms && *o.start_ms > start) next = std::min(next, *o.start_ms);

  // The pattern's Q3 ticks, by when they were known: an answer at its
  // arrival, a failure or an in-flight tick at its tick.
  struct Tick {
    int64_t t;
    std::optional<double> fresh;  // answered with data: the freshness
    bool failed, in_flight, steady;
  };
  std::vector<Tick> ticks;
  for (const PhasedSample& ps : run.samples) {
    const QuerySample& s = ps.sample;
    if (s.pattern != pattern || s.query != "q3") continue;
    const int64_t tick = s.t_tick_ms.value_or(s.t_submit_ms);
    if (failed_ms && tick > *failed_ms) continue;
    const bool answered = s.ok() && !s.in_flight() && s.freshness_lag_ms;
    ticks.push_back({answered ? s.t_done_ms : tick, answered ? s.freshness_lag_ms : std::nullopt,
                     !s.ok() && !s.in_flight(), s.in_flight(), ps.phase == kPhaseSteady});
    // An in-flight tick's lower bound counts in "during" (the stalls are the point).
    if (s.in_flight() && s.freshness_lag_ms) ticks.back().fresh = s.freshness_lag_ms;
  }
  std::sort(ticks.begin(), ticks.end(), [](const Tick& a, const Tick& b) { return a.t < b.t; });

  std::vector<double> before_steady, before_all, during, after;
  for (const Tick& k : ticks) {
    if (k.t < start) {
      if (k.in_flight || !k.fresh) continue;
      before_all.push_back(*k.fresh);
      if (k.steady) before_steady.push_back(*k.fresh);
    } else if (k.t <= end) {
      if (k.failed) ++r.failed_probes_during;
      if (k.fresh) during.push_back(*k.fresh);
    } else if (!k.in_flight && k.fresh && k.t < next) {
      after.push_back(*k.fresh);
    }
  }
  const std::vector<double>& before = before_steady.empty() ? before_all : before_steady;
  if (!before.empty()) r.before_p95_ms = ComputeStats(before).p95;
  r.during = ComputeStats(during);
  r.after = ComputeStats(after);
  // Once the load has stopped, freshness grows by itself (no newer events
  // come): an answer then counts as fresh when it shows the events up to
  // the last ones within the usual lag (freshness <= bar + time since).
  std::optional<int64_t> load_end;
  for (const PhaseEvent& e : run.phases)
    if (e.phase == kPhaseDrain && e.pattern.empty()) load_end = e.ts_ms;
  auto fresh_enough = [&](const Tick& k) {
    if (k.in_flight || !k.fresh) return false;
    const double grace = load_end && k.t > *load_end ? static_cast<double>(k.t - *load_end) : 0;
    return !r.before_p95_ms || *k.fresh <= *r.before_p95_ms + grace;
  };
  // The last bad tick of the window (failed, in flight, or staler than the
  // bar); without an end, up to the last tick.
  int64_t last_bad = start;
  for (const Tick& k : ticks)
    if (k.t >= start && k.t <= end && !fresh_enough(k)) last_bad = std::max(last_bad, k.t);
  for (const Tick& k : ticks) {
    if (k.t <= last_bad || !fresh_enough(k)) continue;
    r.recovered_ms = k.t;
    r.time_to_recover_ms = static_cast<double>(k.t - start);
    return r;
  }
  const bool any_after = !ticks.empty() && ticks.back().t > last_bad;
  if (!any_after) {
    r.not_recovered = w.end_ms ? std::string("no fresh Q3 answer after the fault")
                               : fmt::format("no fresh Q3 answer after the fault ({} was not back when the run ended)", w.target);
  } else {
    r.not_recovered = fmt::format("freshness never back under its pre-fault p95 ({:.0f} ms) by the end of the run",
                                  r.before_p95_ms.value_or(0));
  }
  return r;
}

}  // namespace freshbench
