#include "sweep/step_verdict.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/format.h"

namespace freshbench {
namespace {

constexpr double kShortFraction = 0.95;   // delivered under this share of the target: short
constexpr int64_t kGeneratorWarmupMs = 5000;
constexpr double kBacklogFraction = 0.9;  // ingesting under this share of deliveries: behind

std::optional<double> Number(const nlohmann::json& j) {
  if (j.is_number()) return j.get<double>();
  return std::nullopt;
}

}  // namespace

GeneratorVerdict JudgeGenerator(uint64_t target_rps, const std::vector<GeneratorSample>& samples,
                                int64_t from_ms) {
  GeneratorVerdict v;
  v.target_rps = target_rps;
  int64_t delivered = 0;
  double span_ms = 0;
  for (const GeneratorSample& g : samples) {
    v.sent += g.sent;
    v.late += g.late.value_or(0);
    if (g.ts_ms - static_cast<int64_t>(g.interval_ms) < from_ms + kGeneratorWarmupMs) continue;
    if (g.lag_ms) v.max_lag_ms = std::max(v.max_lag_ms.value_or(0), *g.lag_ms);
    delivered += g.delivered;
    span_ms += g.interval_ms;
  }
  if (span_ms > 0) v.delivered_rps = static_cast<double>(delivered) * 1000.0 / span_ms;
  const double target = static_cast<double>(target_rps);
  if (v.delivered_rps && *v.delivered_rps < kShortFraction * target) {
    v.short_of_target = true;
    v.why = fmt::format("delivered {} events/s of {} ({:.0f}%)",
                        FormatCount(std::llround(*v.delivered_rps)),
                        FormatCount(static_cast<int64_t>(target_rps)), 100 * *v.delivered_rps / target);
  } else if (!v.delivered_rps) {
    v.short_of_target = true;
    v.why = "no delivery was counted in the step";
  }
  return v;
}

std::optional<double> FreshnessSlope(const std::vector<std::pair<int64_t, double>>& series) {
  if (series.size() < 3) return std::nullopt;
  const auto [lo, hi] = std::minmax_element(
      series.begin(), series.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (hi->first - lo->first < 10000) return std::nullopt;
  const double t0 = static_cast<double>(lo->first);
  double st = 0, sy = 0, stt = 0, sty = 0;
  const double n = static_cast<double>(series.size());
  for (const auto& [t, y] : series) {
    const double x = (static_cast<double>(t) - t0) / 1000.0;
    st += x;
    sy += y;
    stt += x * x;
    sty += x * y;
  }
  const double den = n * stt - st * st;
  if (den <= 0) return std::nullopt;
  return (n * sty - st * sy) / den;
}

std::optional<double> TermValue(const nlohmann::json& summary, const SloTerm& term) {
  const nlohmann::json* stats = nullptr;
  const nlohmann::json& queries = summary.contains("queries") ? summary["queries"] : nlohmann::json();
  if (term.metric == "freshness") {
    if (queries.contains("q3")) stats = &queries["q3"]["freshness_lag_ms"];
  } else if (term.metric == "visibility") {
    if (summary.contains("markers")) stats = &summary["markers"]["visibility_latency_ms"];
  } else if (queries.contains(term.metric)) {
    stats = &queries[term.metric]["query_latency_ms"];
  }
  if (stats == nullptr || !stats->is_object() || !stats->contains(term.stat)) return std::nullopt;
  return Number((*stats)[term.stat]);
}

PatternVerdict JudgePattern(const nlohmann::json& summary, const Slo& target,
                            const std::vector<std::pair<int64_t, double>>& steady_freshness,
                            std::optional<double> delivered_rps, int count_changes) {
  PatternVerdict v;
  v.freshness_slope_ms_per_s = FreshnessSlope(steady_freshness);
  v.ingestion_rps = Number(summary.value("ingestion_rate_rps", nlohmann::json()));
  if (summary.value("failed", false)) {
    v.outcome = "failed";
    v.why = "failed: " + summary.value("failure", std::string("(no reason recorded)"));
    return v;
  }
  std::string over;
  int measured = 0;
  for (const SloTerm& t : target.terms) {
    TermResult r{t.text, TermValue(summary, t), true};
    if (r.value_ms) {
      ++measured;
      r.within = *r.value_ms <= t.limit_ms;
      if (!r.within)
        over += fmt::format("{}{} {} > {}", over.empty() ? "" : "; ", t.Key(), FormatMs(*r.value_ms),
                            FormatMs(t.limit_ms));
    }
    v.terms.push_back(r);
  }
  if (measured == 0) {
    v.outcome = "no data";
    v.why = "no figure of the target was measured in the step (no Q3 answer with data)";
    return v;
  }
  if (over.empty()) {
    v.outcome = "within";
    return v;
  }
  v.outcome = "broke";
  if (count_changes < 2) {
    v.why = over + "; whether the engine kept up cannot be told: its visible data changed " +
            (count_changes == 0 ? "never" : "once") +
            " in the steady window (data that arrives in commits, such as a lake's, needs a "
            "window of several commit epochs)";
    return v;
  }
  std::vector<std::string> signs;
  if (v.freshness_slope_ms_per_s && *v.freshness_slope_ms_per_s > kGrowingMsPerS)
    signs.push_back(fmt::format("freshness grew {} per second over the steady window",
                                FormatMs(*v.freshness_slope_ms_per_s)));
  if (v.ingestion_rps && delivered_rps && *delivered_rps > 0 &&
      *v.ingestion_rps < kBacklogFraction * *delivered_rps)
    signs.push_back(fmt::format("it ingested {} of {} events/s delivered (its backlog grew)",
                                FormatCount(std::llround(*v.ingestion_rps)),
                                FormatCount(std::llround(*delivered_rps))));
  v.engine_behind = !signs.empty();
  if (v.engine_behind) {
    std::string s;
    for (const std::string& x : signs) s += (s.empty() ? "" : ", ") + x;
    v.why = over + "; the engine could not keep up: " + s;
  } else {
    v.why = over + "; the engine kept up (freshness not growing, ingesting what was delivered)";
  }
  return v;
}

}  // namespace freshbench
