#include "report/html_report.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "report/format.h"
#include "report/markdown_report.h"
#include "report/svg_chart.h"

namespace freshbench {
namespace {
using nlohmann::json;

// Splits between "fresh" and "stale", "fast" and "slow" in the quadrant:
// the seed's own yardsticks (P1's ~2 s freshness class vs minutes; < 1 s queries).
constexpr double kFreshSplitMs = 10000;
constexpr double kFastSplitMs = 1000;

const char* kStyle = R"(<style>
body{font-family:sans-serif;margin:24px auto;max-width:1000px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}
.note{color:#555;font-size:13px}.chart{display:block;margin:12px 0;background:#fff}
figure{margin:0 0 18px 0}figcaption{color:#555;font-size:12px}
</style>
)";

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::string h = "<table>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    h += "<tr>";
    for (const std::string& c : rows[r]) {
      h += r == 0 ? "<th>" + HtmlEscape(c) + "</th>" : "<td>" + HtmlEscape(c) + "</td>";
    }
    h += "</tr>\n";
  }
  return h + "</table>\n";
}

std::vector<std::string> PatternIds(const json& summary) {
  std::vector<std::string> ids;
  for (const json& p : summary["patterns"]) ids.push_back(p.value("id", std::string()));
  return ids;
}

// Q3 freshness of every pattern over time, as it was measured: the line
// breaks where no answer came for more than two Q3 intervals, ticks that
// found the probes still in flight are lower-bound marks, and a failed
// pattern's failure is a labelled vertical line (its samples after it are
// left out, as in the summary).
std::string FreshnessChart(const RunData& run, const json& summary, const std::string& title) {
  const int64_t t0 = run.info.started_ms;
  auto secs = [t0](int64_t ms) { return static_cast<double>(ms - t0) / 1000.0; };
  std::vector<LineSeries> series;
  std::vector<VerticalMark> marks;
  auto ids = PatternIds(summary);
  for (size_t i = 0; i < ids.size(); ++i) {
    const json& ps = summary["patterns"][i];
    const std::optional<int64_t> failed_ms =
        ps.value("failed", false) && ps["failed_ms"].is_number()
            ? std::optional<int64_t>(ps["failed_ms"].get<int64_t>())
            : std::nullopt;
    LineSeries l{ids[i], PatternColor(ids[i], i), {}, {}};
    for (const PhasedSample& p : run.samples) {
      const QuerySample& s = p.sample;
      if (s.pattern != ids[i] || s.query != "q3" || !s.freshness_lag_ms) continue;
      const int64_t tick = s.t_tick_ms.value_or(s.t_submit_ms);
      if (failed_ms && tick > *failed_ms) continue;
      if (s.in_flight()) {
        l.lower_bounds.push_back({secs(tick), *s.freshness_lag_ms});
      } else if (s.ok()) {
        l.points.push_back({secs(s.t_done_ms), *s.freshness_lag_ms});
      }
    }
    std::sort(l.points.begin(), l.points.end());
    std::sort(l.lower_bounds.begin(), l.lower_bounds.end());
    series.push_back(std::move(l));
    if (failed_ms) marks.push_back({secs(*failed_ms), ids[i] + " failed", PatternColor(ids[i], i)});
  }
  for (const PhaseEvent& e : run.phases) {
    if (!e.pattern.empty()) continue;  // run-wide phases only; per pattern would clutter
    if (e.phase == kPhaseSteady || e.phase == kPhaseDrain) {
      marks.push_back({secs(e.ts_ms), e.phase == kPhaseDrain ? "generator stopped" : "steady", ""});
    }
  }
  // Older runs did not record the interval: their lines are never broken.
  const json& interval = run.info.settings.contains("q3_interval_s")
                             ? run.info.settings["q3_interval_s"]
                             : json(nullptr);
  const double break_gap_s = interval.is_number() ? 2 * interval.get<double>() : 0;
  // Each fault's window, from the fault to its target being back (or the
  // last sample when it never came back).
  std::vector<Band> bands;
  for (const FaultWindow& f : run.info.faults) {
    if (!f.start_ms) continue;
    int64_t end = f.end_ms.value_or(0);
    if (!f.end_ms)
      for (const PhasedSample& p : run.samples) end = std::max(end, p.sample.t_done_ms);
    bands.push_back({secs(*f.start_ms), secs(std::max(end, *f.start_ms)), f.spec});
  }
  return LineChartSvg("freshness", title, series, marks, break_gap_s, bands);
}

std::string LatencyChart(const json& summary) {
  std::vector<BarGroup> groups;
  auto ids = PatternIds(summary);
  for (const char* q : {"q1", "q2", "q3"}) {
    BarGroup g{q, {}};
    for (size_t i = 0; i < ids.size(); ++i) {
      BarGroup::Bar b{ids[i], PatternColor(ids[i], i), 0, 0, false};
      const json& st = summary["patterns"][i]["queries"].value(q, json(nullptr));
      if (st.is_object() && st["query_latency_ms"].is_object()) {
        b.p50 = st["query_latency_ms"]["p50"].get<double>();
        b.p95 = st["query_latency_ms"]["p95"].get<double>();
        b.present = true;
      }
      g.bars.push_back(b);
    }
    groups.push_back(std::move(g));
  }
  return BarChartSvg("latency", "Query latency per pattern (submit to last row)", groups);
}

void AddQuadrantPoints(const json& summary, bool hollow, const std::string& suffix,
                       std::vector<ScatterPoint>* out) {
  size_t i = 0;
  for (const json& p : summary["patterns"]) {
    const std::string id = p.value("id", std::string());
    const json& q = p["queries"];
    const json fresh = q.contains("q3") ? q["q3"]["freshness_lag_ms"] : json(nullptr);
    // Q2 is the heavier query; fall back to Q1 then Q3 when Q2 was not run.
    json lat = nullptr;
    for (const char* name : {"q2", "q1", "q3"}) {
      if (q.contains(name) && q[name]["query_latency_ms"].is_object()) {
        lat = q[name]["query_latency_ms"];
        break;
      }
    }
    if (fresh.is_object() && lat.is_object()) {
      out->push_back({id + suffix, PatternColor(id, i), fresh["p50"].get<double>(),
                      lat["p50"].get<double>(), hollow});
    }
    ++i;
  }
}

std::string VisibilityChart(const RunData& run, const json& summary) {
  std::vector<Distribution> rows;
  auto ids = PatternIds(summary);
  for (size_t i = 0; i < ids.size(); ++i) {
    const json& ps = summary["patterns"][i];
    const bool failed = ps.value("failed", false) && ps["failed_ms"].is_number();
    Distribution d{ids[i], PatternColor(ids[i], i), {}, {}};
    for (const MarkerSample& m : run.markers) {
      if (m.pattern != ids[i] || !m.visibility_latency_ms) continue;
      if (failed && m.t_ack_ms > ps["failed_ms"].get<int64_t>()) continue;
      d.values_ms.push_back(*m.visibility_latency_ms);
      if (m.visibility_lower_bound_ms)
        d.intervals_ms.push_back({*m.visibility_lower_bound_ms, *m.visibility_latency_ms});
    }
    rows.push_back(std::move(d));
  }
  return DistributionSvg(
      "visibility",
      "Marker visibility (producer ack to the answer of the first probe that held it)", rows);
}

std::string Head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
         HtmlEscape(title) + "</title>\n" + kStyle + "</head><body>\n";
}
}  // namespace

std::string RenderHtml(const RunData& run, const json& s) {
  const std::string run_id = s.value("run_id", std::string());
  std::string h = Head("freshbench report " + run_id);
  const RunStatusLine line = StatusLineOf(s);
  h += "<p class=\"status\"><b>" + HtmlEscape(line.headline) + "</b>" + line.exit_code +
       (line.detail.empty() ? "" : ": " + HtmlEscape(line.detail)) + "</p>\n";
  h += "<h1>freshbench report: run " + HtmlEscape(run_id) + "</h1>\n";
  const json& gen = s["generator"];
  const json& dur = s["duration_s"];
  h += fmt::format(
      "<p class=\"note\">Started {}, {}, status <b>{}</b>{}. Generator: mean {} events/s "
      "delivered ({} in total, {} failed).</p>\n",
      FormatUtc(s.value("started_ms", int64_t{0})),
      dur.is_number() ? fmt::format("ran {:.0f} s", dur.get<double>()) : "did not finish",
      HtmlEscape(s.value("status", std::string())),
      s.value("note", std::string()).empty() ? "" : " (" + HtmlEscape(s["note"]) + ")",
      gen["mean_rps"].is_number() ? FormatCount(std::llround(gen["mean_rps"].get<double>()))
                                  : std::string(kNone),
      FormatCount(gen.value("total_delivered", int64_t{0})),
      FormatCount(gen.value("total_failed", int64_t{0})));
  h += "<h2>Side by side (steady state)</h2>\n" + Table(SideBySideTable(s));
  const json& skipped = s["skipped"];
  if (skipped.is_array() && !skipped.empty()) {
    h += "<h2>Skipped patterns</h2>\n<ul>\n";
    for (const json& k : skipped) {
      h += "<li><b>" + HtmlEscape(k.value("id", std::string())) + "</b> " +
           HtmlEscape(k.value("name", std::string())) + ": " +
           HtmlEscape(k.value("reason", std::string())) + "</li>\n";
    }
    h += "</ul>\n";
  }
  if (s.contains("faults")) {
    h += "<h2>Faults</h2>\n";
    const std::vector<std::string> heads = FaultHeadings(s);
    for (size_t i = 0; i < heads.size(); ++i)
      h += "<h3>" + HtmlEscape(heads[i]) + "</h3>\n" + Table(FaultTable(s, i));
  }
  h += "<h2>Charts</h2>\n<figure>" +
       FreshnessChart(run, s, "Freshness lag over time (Q3 every probe, all patterns)") +
       "<figcaption>Answer arrival minus the newest event_time in the answer, per Q3 probe. "
       "Catch-up after start and the drain after the generator stops are included. A hollow "
       "triangle is a tick that found the pattern's probes still in flight: freshness was at "
       "least that much (tick minus the newest event seen so far). The line breaks where no "
       "probe answered for more than two Q3 intervals; a solid vertical line marks a pattern's "
       "failure; a shaded stretch is a fault's window (--fault).</figcaption></figure>\n";
  h += "<figure>" + LatencyChart(s) + "</figure>\n";
  std::vector<ScatterPoint> pts;
  AddQuadrantPoints(s, false, "", &pts);
  h += "<figure>" +
       QuadrantSvg("quadrant", "Freshness against query latency (p50)", pts, kFreshSplitMs,
                   kFastSplitMs) +
       fmt::format("<figcaption>Dashed lines at {} freshness and {} latency.</figcaption>",
                   FormatMs(kFreshSplitMs), FormatMs(kFastSplitMs)) +
       "</figure>\n";
  h += "<figure>" + VisibilityChart(run, s) +
       "<figcaption>Marker visibility = answer arrival of the first probe that held the marker "
       "− producer ack (an upper bound: it includes that probe's own query time); each marker's "
       "line reaches back to its lower bound, the submit of the last probe that answered "
       "without it.</figcaption></figure>\n";
  // The per-pattern and machine sections are the Markdown report's own; show
  // them as preformatted text rather than maintain a second rendering.
  h += "<h2>Details</h2>\n<pre style=\"white-space:pre-wrap;font-size:12px\">" +
       HtmlEscape(RenderMarkdown(s)) + "</pre>\n";
  return h + "</body></html>\n";
}

std::string RenderCompareHtml(const RunData& a, const json& sa, const RunData& b,
                              const json& sb) {
  const std::string ida = sa.value("run_id", std::string("A"));
  const std::string idb = sb.value("run_id", std::string("B"));
  std::string h = Head("freshbench: " + ida + " vs " + idb);
  h += "<h1>freshbench: run " + HtmlEscape(ida) + " vs run " + HtmlEscape(idb) + "</h1>\n";
  h += "<pre style=\"white-space:pre-wrap;font-size:12px\">" +
       HtmlEscape(RenderCompareMarkdown(sa, sb)) + "</pre>\n";
  std::vector<ScatterPoint> pts;
  AddQuadrantPoints(sa, false, " (" + ida + ")", &pts);
  AddQuadrantPoints(sb, true, " (" + idb + ")", &pts);
  h += "<figure>" +
       QuadrantSvg("quadrant", "Freshness against query latency (p50), both runs", pts,
                   kFreshSplitMs, kFastSplitMs) +
       "<figcaption>Filled: " + HtmlEscape(ida) + "; hollow: " + HtmlEscape(idb) +
       ".</figcaption></figure>\n";
  h += "<figure>" + FreshnessChart(a, sa, "Freshness lag over time, run " + ida) + "</figure>\n";
  h += "<figure>" + FreshnessChart(b, sb, "Freshness lag over time, run " + idb) + "</figure>\n";
  return h + "</body></html>\n";
}

}  // namespace freshbench
