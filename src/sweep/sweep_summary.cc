#include "sweep/sweep_summary.h"

#include <algorithm>

#include "report/summary.h"
#include "sweep/step_verdict.h"

namespace freshbench {
namespace {
using nlohmann::json;

bool Within(int64_t t, const SweepStep& s) { return t >= s.from_ms && (s.to_ms == 0 || t <= s.to_ms); }

Slo TargetOf(const SweepRecord& sweep, const std::string& id) {
  auto it = sweep.targets.find(id);
  auto spec = ParseSlo(it == sweep.targets.end() ? kDefaultSlo : it->second);
  return spec.ok() ? spec->all : Slo{};
}

json Stat(const json& stats, const char* field) {
  return stats.is_object() && stats.contains(field) ? stats[field] : json(nullptr);
}

}  // namespace

RunData StepData(const RunData& all, const SweepStep& step) {
  RunData d;
  d.dir = all.dir;
  d.info = all.info;
  d.exit_code_known = all.exit_code_known;
  for (const PhasedSample& s : all.samples)
    if (s.step == step.index) d.samples.push_back(s);
  for (const MarkerSample& m : all.markers)
    if (Within(m.t_ack_ms, step)) d.markers.push_back(m);
  for (const GeneratorSample& g : all.generator)
    if (Within(g.ts_ms, step)) d.generator.push_back(g);
  for (const PhaseEvent& e : all.phases)
    if (Within(e.ts_ms, step)) d.phases.push_back(e);
  for (const FootprintSample& f : all.footprint)
    if (Within(f.ts_ms, step)) d.footprint.push_back(f);
  return d;
}

json SummarizeStep(const RunData& all, const SweepRecord& sweep, size_t index) {
  const SweepStep& step = sweep.steps.at(index);
  const RunData d = StepData(all, step);
  const json figures = BuildSummary(d);
  const GeneratorVerdict g = JudgeGenerator(step.rate, d.generator, step.from_ms);
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  json out = {{"step", step.index}, {"rate", step.rate}, {"from_ms", step.from_ms},
              {"to_ms", step.to_ms}, {"load_avg_1m", opt(step.load_avg_1m)}};
  out["generator"] = {{"target_rps", g.target_rps}, {"delivered_rps", opt(g.delivered_rps)},
                      {"max_lag_ms", opt(g.max_lag_ms)},
                      {"sent", g.sent}, {"late", g.late}, {"short", g.short_of_target},
                      {"why", g.why}};
  json pats = json::array();
  for (const json& ps : figures["patterns"]) {
    const std::string id = ps.value("id", std::string());
    const bool driven = std::find(step.driven.begin(), step.driven.end(), id) != step.driven.end();
    json p = {{"id", id}, {"driven", driven}};
    if (!driven) {
      p["outcome"] = "not driven";
      p["why"] = "";
      pats.push_back(p);
      continue;
    }
    // The steady window's freshness, as the summary counts it (answers and
    // in-flight lower bounds), for the growth test.
    std::vector<std::pair<int64_t, double>> series;
    int count_changes = 0;
    std::optional<int64_t> last_count;
    for (const PhasedSample& s : d.samples) {
      const QuerySample& q = s.sample;
      if (q.pattern != id || q.query != "q3" || s.phase != "steady") continue;
      if (q.ok() && !q.in_flight() && q.total_rows) {
        if (last_count && *q.total_rows != *last_count) ++count_changes;
        last_count = q.total_rows;
      }
      if (!q.freshness_lag_ms || (!q.ok() && !q.in_flight())) continue;
      series.push_back({q.in_flight() ? q.t_tick_ms.value_or(q.t_submit_ms) : q.t_done_ms,
                        *q.freshness_lag_ms});
    }
    const PatternVerdict v = JudgePattern(ps, TargetOf(sweep, id), series, g.delivered_rps, count_changes);
    p["outcome"] = g.short_of_target && v.outcome != "failed" ? "not judged" : v.outcome;
    p["why"] = g.short_of_target && v.outcome != "failed"
                   ? "the generator could not keep up: " + g.why
                   : v.why;
    p["engine_behind"] = v.engine_behind;
    json terms = json::array();
    for (const TermResult& t : v.terms)
      terms.push_back({{"term", t.term}, {"value_ms", opt(t.value_ms)}, {"within", t.within}});
    p["terms"] = terms;
    p["freshness_slope_ms_per_s"] = opt(v.freshness_slope_ms_per_s);
    p["ingestion_rate_rps"] = opt(v.ingestion_rps);
    p["figures"] = ps;
    pats.push_back(p);
  }
  out["patterns"] = pats;
  return out;
}

json BuildSweepSummary(const RunData& all, const SweepRecord& sweep) {
  const json whole = BuildSummary(all);
  json s = {{"kind", "sweep"}};
  for (const char* k : {"run_id", "status", "exit_code", "note", "started_ms", "finished_ms",
                        "duration_s", "settings", "machine", "build", "skipped"})
    s[k] = whole.contains(k) ? whole[k] : json(nullptr);
  s["sweep"] = {{"rates", sweep.rates}, {"step_s", sweep.step_s}, {"slo", sweep.slo},
                {"targets", sweep.targets}, {"stopped", sweep.stopped}};
  json steps = json::array();
  for (size_t i = 0; i < sweep.steps.size(); ++i) steps.push_back(SummarizeStep(all, sweep, i));
  s["steps"] = steps;

  json pats = json::array();
  for (const json& w : whole["patterns"]) {
    const std::string id = w.value("id", std::string());
    json p = {{"id", id}, {"name", w.value("name", id)}, {"target", TargetOf(sweep, id).Text()},
              {"highest_within_rps", nullptr}, {"at", nullptr}, {"first_broken_rps", nullptr},
              {"first_broken_why", ""}, {"first_broken_engine_behind", false},
              {"completeness", w.value("completeness", json(nullptr))},
              {"failed", w.value("failed", false)}};
    for (const json& step : steps) {
      for (const json& sp : step["patterns"]) {
        if (sp["id"] != id) continue;
        const std::string outcome = sp.value("outcome", std::string());
        if (outcome == "within" && p["first_broken_rps"].is_null()) {
          const json& q = sp["figures"]["queries"];
          auto q_stat = [&q](const char* query, const char* metric, const char* field) {
            return q.contains(query) ? Stat(q[query][metric], field) : json(nullptr);
          };
          p["highest_within_rps"] = step["rate"];
          p["at"] = {{"freshness_p50_ms", q_stat("q3", "freshness_lag_ms", "p50")},
                     {"freshness_p95_ms", q_stat("q3", "freshness_lag_ms", "p95")},
                     {"q1_p95_ms", q_stat("q1", "query_latency_ms", "p95")},
                     {"q2_p95_ms", q_stat("q2", "query_latency_ms", "p95")}};
        } else if ((outcome == "broke" || outcome == "failed") && p["first_broken_rps"].is_null()) {
          p["first_broken_rps"] = step["rate"];
          p["first_broken_why"] = sp["why"];
          p["first_broken_engine_behind"] = sp.value("engine_behind", false);
        }
      }
    }
    pats.push_back(p);
  }
  s["patterns"] = pats;
  s["whole"] = whole;
  return s;
}

}  // namespace freshbench
