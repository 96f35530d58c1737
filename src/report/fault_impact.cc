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
    std::optional<double> fresh;  // answered with data: the freshness; in flight: its lower bound
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

  // The load ended at its planned end (the last events were produced
  // then; the drain's mark comes after the producer's flush), or earlier
  // when the run was stopped.
  std::optional<int64_t> load_end;
  const nlohmann::json& duration = run.info.settings.value("duration_s", nlohmann::json(nullptr));
  for (const PhaseEvent& e : run.phases) {
    if (!e.pattern.empty()) continue;
    if (e.phase == kPhaseCatchup && duration.is_number())
      load_end = e.ts_ms + static_cast<int64_t>(duration.get<double>() * 1000);
    if (e.phase == kPhaseDrain) load_end = load_end ? std::min(*load_end, e.ts_ms) : e.ts_ms;
  }

  std::vector<double> before_steady, before_all, during, after;
  for (const Tick& k : ticks) {
    if (k.t < start) {
      if (k.in_flight || !k.fresh) continue;
      before_all.push_back(*k.fresh);
      if (k.steady) before_steady.push_back(*k.fresh);
    } else if (k.t <= end) {
      if (k.failed) ++r.failed_probes_during;
      if (k.fresh) during.push_back(*k.fresh);
    } else if (!k.in_flight && k.fresh && k.t < next && (!load_end || k.t <= *load_end)) {
      after.push_back(*k.fresh);
    }
  }
  const std::vector<double>& before = before_steady.empty() ? before_all : before_steady;
  if (!before.empty()) r.before_p95_ms = ComputeStats(before).p95;
  r.during = ComputeStats(during);
  r.after = ComputeStats(after);
  // Once the load has stopped, freshness grows by itself (no newer events
  // come): a tick then counts as fresh when it shows the events up to the
  // last ones within the usual lag (freshness <= bar + time since).
  auto grace = [&](const Tick& k) {
    return load_end && k.t > *load_end ? static_cast<double>(k.t - *load_end) : 0.0;
  };
  auto over_bar = [&](const Tick& k) {
    return k.fresh && r.before_p95_ms && *k.fresh > *r.before_p95_ms + grace(k);
  };
  // Good: an answer with data at or under the bar. Bad: a failure, or an
  // answer or in-flight tick (its lower bound) over the bar. Anything else
  // (in flight but not yet over the bar, an answer without data) is neither.
  auto good = [&](const Tick& k) { return !k.in_flight && !k.failed && k.fresh && !over_bar(k); };
  auto bad = [&](const Tick& k) { return k.failed || over_bar(k); };
  // The window's worst moment: its last failure, or its tick furthest over
  // the bar (the stalest, when there is no bar), whichever is later.
  // Without an end the window runs to the last tick.
  int64_t worst = start;
  double worst_excess = -1e300;
  for (const Tick& k : ticks) {
    if (k.t < start || k.t > end) continue;
    if (k.failed) {
      worst = std::max(worst, k.t);
    } else if (k.fresh && *k.fresh - grace(k) > worst_excess) {
      worst_excess = *k.fresh - grace(k);
      worst = std::max(worst, k.t);
    }
  }
  // Recovered: three good answers in a row after the worst moment (fewer
  // when the run ends first), from the first of them.
  std::optional<int64_t> streak_from;
  int streak = 0;
  bool any_after = false;
  for (const Tick& k : ticks) {
    if (k.t <= worst) continue;
    any_after = any_after || (!k.in_flight && k.fresh);
    if (bad(k)) {
      streak = 0;
      streak_from.reset();
    } else if (good(k)) {
      if (streak++ == 0) streak_from = k.t;
      if (streak == 3) break;
    }
  }
  if (streak_from) {
    r.recovered_ms = *streak_from;
    r.time_to_recover_ms = static_cast<double>(*streak_from - start);
    return r;
  }
  r.not_recovered = !any_after ? std::string("no Q3 answer after the fault")
                   : r.before_p95_ms
                       ? fmt::format("freshness never back under its pre-fault p95 ({:.0f} ms) by the end of the run",
                                     *r.before_p95_ms)
                       : std::string("no answer after the fault's worst moment");
  if (!w.end_ms) r.not_recovered += " (" + w.target + " was not back when the run ended)";
  return r;
}

}  // namespace freshbench
