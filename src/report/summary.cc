#include "report/summary.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "report/fault_impact.h"
#include "report/stats.h"

namespace freshbench {
namespace {
using nlohmann::json;

template <typename T, typename Get>
json StatsOf(const std::vector<const T*>& items, Get get) {
  std::vector<double> v;
  for (const T* it : items) {
    std::optional<double> x = get(*it);
    if (x) v.push_back(*x);
  }
  return StatsToJson(ComputeStats(std::move(v)));
}

std::optional<double> Opt(const std::optional<double>& v) { return v; }

// When a sample was scheduled: its tick (open loop) or, in older runs, its
// submit time.
int64_t TickMs(const QuerySample& s) { return s.t_tick_ms.value_or(s.t_submit_ms); }

// The longest stretch between two answered samples (t_done to t_done), and
// from the last answer to the last tick after it (a pattern that stops
// answering for good has a stretch too). `all` is one query's samples.
void AddMaxGap(const std::vector<const QuerySample*>& all, json* q) {
  std::vector<int64_t> done;
  int64_t last_tick = 0;
  for (const QuerySample* s : all) {
    if (s->ok() && !s->in_flight()) done.push_back(s->t_done_ms);
    last_tick = std::max({last_tick, TickMs(*s), s->in_flight() ? 0 : s->t_done_ms});
  }
  (*q)["max_gap_ms"] = nullptr;
  (*q)["max_gap_from_ms"] = nullptr;
  (*q)["max_gap_to_ms"] = nullptr;
  if (done.empty()) return;
  std::sort(done.begin(), done.end());
  int64_t best = -1, from = 0, to = 0;
  auto consider = [&](int64_t a, int64_t b) {
    if (b - a > best) {
      best = b - a;
      from = a;
      to = b;
    }
  };
  for (size_t i = 1; i < done.size(); ++i) consider(done[i - 1], done[i]);
  if (last_tick > done.back()) consider(done.back(), last_tick);
  if (best < 0) return;  // a single answer and nothing after it
  (*q)["max_gap_ms"] = best;
  (*q)["max_gap_from_ms"] = from;
  (*q)["max_gap_to_ms"] = to;
}

// One query's figures. Query latency and the engine-side figures come from
// answered probes only; freshness also counts the ticks that found the
// bound of probes in flight full (a lower bound each: leaving the stall
// moments out would be coordinated omission). A clock that is not a clock
// (clock_measurable false) yields no skew and no engine-side freshness.
json QueryStats(const std::vector<const QuerySample*>& all, bool clock_measurable) {
  std::vector<const QuerySample*> answered, fresh;
  std::string last_error;
  int64_t in_flight = 0, failed = 0, stalls = 0;
  for (const QuerySample* s : all) {
    if (s->stalled) ++stalls;
    if (s->in_flight()) {
      ++in_flight;
      fresh.push_back(s);
    } else if (!s->ok()) {
      ++failed;
      last_error = s->error;
    } else {
      answered.push_back(s);
      fresh.push_back(s);
    }
  }
  json q = {{"samples", all.size()},  {"errors", failed},        {"answered", answered.size()},
            {"in_flight", in_flight}, {"failed_probes", failed}, {"stalls", stalls}};
  if (!last_error.empty()) q["last_error"] = last_error;
  q["query_latency_ms"] = StatsOf(
      answered, [](const QuerySample& s) { return std::optional<double>(s.query_latency_ms); });
  q["freshness_lag_ms"] =
      StatsOf(fresh, [](const QuerySample& s) { return Opt(s.freshness_lag_ms); });
  q["pipeline_lag_ms"] =
      StatsOf(answered, [](const QuerySample& s) { return Opt(s.pipeline_lag_ms); });
  q["engine_freshness_lag_ms"] =
      clock_measurable
          ? StatsOf(answered, [](const QuerySample& s) { return Opt(s.engine_freshness_lag_ms); })
          : json(nullptr);
  q["clock_skew_ms"] =
      clock_measurable
          ? StatsOf(answered, [](const QuerySample& s) { return Opt(s.clock_skew_ms); })
          : json(nullptr);
  q["rows"] = StatsOf(answered, [](const QuerySample& s) {
    return std::optional<double>(static_cast<double>(s.rows));
  });
  return q;
}

json PatternSummary(const RunData& run, const PatternInfo& p) {
  json out = p;
  // A failed pattern's figures cover the time before its failure only.
  auto after_failure = [&](int64_t t_ms) { return p.failed_ms && t_ms > *p.failed_ms; };
  out["failed"] = p.failed_ms.has_value();
  // Phase boundaries for this pattern (a run-wide event counts for all).
  std::optional<int64_t> catchup_from, steady_from;
  for (const PhaseEvent& e : run.phases) {
    if (!e.pattern.empty() && e.pattern != p.id) continue;
    // A pattern's own catch-up (after a pause) replaces the run-wide start.
    if (e.phase == kPhaseCatchup && (!catchup_from || !e.pattern.empty())) catchup_from = e.ts_ms;
    if (e.phase == kPhaseSteady && !e.pattern.empty() && !steady_from) steady_from = e.ts_ms;
  }
  std::vector<const PhasedSample*> mine;
  int64_t left_out = 0;
  for (const PhasedSample& ps : run.samples) {
    if (ps.sample.pattern != p.id) continue;
    if (after_failure(TickMs(ps.sample))) {
      ++left_out;
      continue;
    }
    mine.push_back(&ps);
  }
  if (p.failed_ms) out["samples_after_failure"] = left_out;
  bool any_steady = false;
  for (const PhasedSample* ps : mine)
    if (ps->phase == kPhaseSteady) any_steady = true;
  out["steady_reached"] = steady_from.has_value() || any_steady;
  out["steady_from_ms"] = steady_from ? json(*steady_from) : json(nullptr);
  out["catchup_ms"] =
      (steady_from && catchup_from) ? json(*steady_from - *catchup_from) : json(nullptr);
  const bool use_steady = any_steady;
  out["basis"] = use_steady ? "steady" : "all";

  std::map<std::string, std::vector<const QuerySample*>> by_query;
  std::vector<const QuerySample*> catchup_q3;
  json stall_handles = json::array();
  for (const PhasedSample* ps : mine) {
    const QuerySample& s = ps->sample;
    // Stalls are findings whatever the phase (a marker probe in the drain).
    if (s.stalled) {
      stall_handles.push_back({{"query", s.query},
                               {"phase", ps->phase},
                               {"t_submit_ms", s.t_submit_ms},
                               {"stall", s.stall}});
    }
    if (ps->phase == kPhaseCatchup && s.query == "q3") catchup_q3.push_back(&s);
    if (use_steady && ps->phase != kPhaseSteady) continue;
    by_query[s.query].push_back(&s);
  }
  out["stalls"] = {{"count", stall_handles.size()}, {"handles", stall_handles}};
  std::vector<const QuerySample*> catchup_fresh;
  for (const QuerySample* s : catchup_q3)
    if (s->ok() || s->in_flight()) catchup_fresh.push_back(s);
  out["catchup"] = {{"samples", catchup_q3.size()},
                    {"freshness_lag_ms", StatsOf(catchup_fresh, [](const QuerySample& s) {
                       return Opt(s.freshness_lag_ms);
                     })}};

  json queries = json::object();
  for (const auto& [name, samples] : by_query) {
    queries[name] = QueryStats(samples, p.clock_measurable);
    if (name == "q3") AddMaxGap(samples, &queries[name]);
  }
  out["queries"] = queries;

  // Ingestion rate: growth of Q3's count(*) between its first and last
  // answers of the basis phase.
  const QuerySample* first = nullptr;
  const QuerySample* last = nullptr;
  for (const QuerySample* s : by_query["q3"]) {
    if (!s->ok() || s->in_flight() || !s->total_rows) continue;
    if (first == nullptr || s->t_done_ms < first->t_done_ms) first = s;
    if (last == nullptr || s->t_done_ms > last->t_done_ms) last = s;
  }
  if (first != nullptr && last != nullptr && last->t_done_ms > first->t_done_ms) {
    const double secs = static_cast<double>(last->t_done_ms - first->t_done_ms) / 1000.0;
    out["ingestion_rate_rps"] = static_cast<double>(*last->total_rows - *first->total_rows) / secs;
    out["ingestion_basis"] = {{"from_ms", first->t_done_ms},
                              {"to_ms", last->t_done_ms},
                              {"from_rows", *first->total_rows},
                              {"to_rows", *last->total_rows}};
  } else {
    out["ingestion_rate_rps"] = nullptr;
    out["ingestion_basis"] = nullptr;
  }

  std::vector<const MarkerSample*> markers, seen;
  int64_t failed_probes = 0;
  for (const MarkerSample& m : run.markers) {
    if (m.pattern != p.id || after_failure(m.t_ack_ms)) continue;
    markers.push_back(&m);
    failed_probes += m.failed_probes;
    if (m.visibility_latency_ms) seen.push_back(&m);
  }
  out["markers"] = {{"injected", markers.size()},
                    {"seen", seen.size()},
                    {"not_seen", markers.size() - seen.size()},
                    {"failed_probes", failed_probes},
                    {"visibility_latency_ms",
                     StatsOf(seen, [](const MarkerSample& m) { return m.visibility_latency_ms; })},
                    {"visibility_lower_bound_ms", StatsOf(seen, [](const MarkerSample& m) {
                       return m.visibility_lower_bound_ms;
                     })}};

  out["completeness"] = nullptr;
  for (const CompletenessRecord& c : run.completeness) {
    if (c.pattern != p.id) continue;
    json cj = c;
    cj["complete"] = c.error.empty() && c.lost && c.duplicated && *c.lost == 0 &&
                     *c.duplicated == 0 && c.unexpected.value_or(0) == 0;
    out["completeness"] = cj;  // the last verify wins
  }
  return out;
}
// Per fault: its window, and per pattern what it did (report/fault_impact.h);
// lost and duplicated are the pattern's completeness over the whole run.
json FaultsSummary(const RunData& run, const std::vector<PatternInfo>& patterns, const json& pats) {
  auto opt = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  json out = json::array();
  for (size_t i = 0; i < run.info.faults.size(); ++i) {
    json f = run.info.faults[i];
    f["patterns"] = json::array();
    for (size_t k = 0; k < patterns.size(); ++k) {
      const PatternInfo& p = patterns[k];
      const FaultImpact r = AssessFault(run, i, p.id, p.failed_ms);
      const json c = pats[k].value("completeness", json(nullptr));
      auto count = [&c](const char* key) { return c.is_object() ? c.value(key, json(nullptr)) : json(nullptr); };
      f["patterns"].push_back({{"id", p.id},
                               {"before_p95_ms", opt(r.before_p95_ms)},
                               {"during", StatsToJson(r.during)},
                               {"failed_probes_during", r.failed_probes_during},
                               {"after", StatsToJson(r.after)},
                               {"recovered", r.recovered_ms.has_value()},
                               {"recovered_ms", opt(r.recovered_ms)},
                               {"time_to_recover_ms", opt(r.time_to_recover_ms)},
                               {"not_recovered", r.not_recovered},
                               {"failed", p.failed_ms.has_value()},
                               {"lost", count("lost")},
                               {"duplicated", count("duplicated")}});
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace

std::optional<double> CpuMsPer1000Events(const RunData& run) {
  if (run.footprint.size() < 2) return std::nullopt;
  double cpu_ms = 0;  // each sample's cpu_pct covers the interval since the previous one
  for (size_t i = 1; i < run.footprint.size(); ++i) {
    const int64_t dt = run.footprint[i].ts_ms - run.footprint[i - 1].ts_ms;
    if (dt > 0) cpu_ms += run.footprint[i].cpu_pct / 100.0 * static_cast<double>(dt);
  }
  const int64_t from = run.footprint.front().ts_ms, to = run.footprint.back().ts_ms;
  int64_t events = 0;
  for (const GeneratorSample& g : run.generator) {
    if (g.ts_ms > from && g.ts_ms <= to) events += g.delivered;
  }
  if (events <= 0) return std::nullopt;
  return cpu_ms * 1000.0 / static_cast<double>(events);
}

nlohmann::json BuildSummary(const RunData& run) {
  const RunInfo& info = run.info;
  json s = {{"run_id", info.run_id},
            {"status", info.status},
            {"exit_code", run.exit_code_known ? json(info.exit_code) : json(nullptr)},
            {"note", info.note},
            {"started_ms", info.started_ms},
            {"finished_ms", info.finished_ms},
            {"settings", info.settings},
            {"machine", info.machine},
            {"build", info.build},
            {"skipped", info.skipped},
            {"raw_lines_skipped", run.skipped_lines}};
  s["duration_s"] = info.finished_ms > info.started_ms
                        ? json(static_cast<double>(info.finished_ms - info.started_ms) / 1000.0)
                        : json(nullptr);

  // Generator.
  std::vector<const GeneratorSample*> gen;
  for (const GeneratorSample& g : run.generator) gen.push_back(&g);
  json g = {{"load", info.settings.value("load", std::string("generator"))},
            {"target_rps", info.settings.value("rate", json(nullptr))},
            {"samples", gen.size()}};
  int64_t sent = 0, delivered = 0, failed = 0;
  double span_ms = 0;
  for (const GeneratorSample* x : gen) {
    sent += x->sent;
    delivered += x->delivered;
    failed += x->failed;
    span_ms += x->interval_ms;
  }
  g["total_sent"] = sent;
  g["total_delivered"] = delivered;
  g["total_failed"] = failed;
  g["mean_rps"] = span_ms > 0 ? json(static_cast<double>(delivered) * 1000.0 / span_ms)
                              : json(nullptr);
  g["rps"] = StatsOf(gen, [](const GeneratorSample& x) { return std::optional<double>(x.rps); });
  s["generator"] = g;

  std::vector<const FootprintSample*> fp;
  for (const FootprintSample& f : run.footprint) fp.push_back(&f);
  s["footprint"] = {
      {"samples", fp.size()},
      {"cpu_pct",
       StatsOf(fp, [](const FootprintSample& f) { return std::optional<double>(f.cpu_pct); })},
      {"rss_mib",
       StatsOf(fp, [](const FootprintSample& f) { return std::optional<double>(f.rss_mib); })}};
  const std::optional<double> cpu_per_k = CpuMsPer1000Events(run);
  s["footprint"]["cpu_ms_per_1000_events"] = cpu_per_k ? json(*cpu_per_k) : json(nullptr);

  // Patterns: those the run set up, then any that only appear in samples.
  std::vector<PatternInfo> patterns = info.patterns;
  std::set<std::string> known;
  for (const PatternInfo& p : patterns) known.insert(p.id);
  for (const PhasedSample& ps : run.samples) {
    if (known.insert(ps.sample.pattern).second) {
      PatternInfo p;
      p.id = ps.sample.pattern;
      p.name = ps.sample.pattern;
      patterns.push_back(p);
    }
  }
  // A run killed before it rewrote run.json still has the failure in phases.jsonl.
  for (PatternInfo& p : patterns) {
    for (const PhaseEvent& e : run.phases) {
      if (p.failed_ms || e.phase != kPhaseFailed || e.pattern != p.id) continue;
      p.failed_ms = e.ts_ms;
      p.failure = e.note;
    }
  }
  json pats = json::array();
  for (const PatternInfo& p : patterns) pats.push_back(PatternSummary(run, p));
  s["patterns"] = pats;
  if (!info.faults.empty()) s["faults"] = FaultsSummary(run, patterns, pats);
  return s;
}

}  // namespace freshbench
