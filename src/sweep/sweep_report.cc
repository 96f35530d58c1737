#include "sweep/sweep_report.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/format.h"
#include "report/markdown_report.h"
#include "report/results_writer.h"
#include "report/run_data.h"
#include "report/svg_chart.h"
#include "sweep/sweep_options.h"
#include "sweep/sweep_record.h"
#include "sweep/sweep_summary.h"

namespace freshbench {
namespace {
using nlohmann::json;

std::string Ms(const json& v) { return v.is_number() ? FormatMs(v.get<double>()) : kNone; }
std::string Rate(const json& v) {
  return v.is_number() ? FormatCount(std::llround(v.get<double>())) : kNone;
}
std::string Md(std::string s) {  // a Markdown table cell
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  return s;
}

const json* StepPattern(const json& step, const std::string& id) {
  for (const json& p : step["patterns"])
    if (p.value("id", std::string()) == id) return &p;
  return nullptr;
}

std::string HeadLine(const json& s) {
  RunStatusLine line = StatusLineOf(s["whole"]);
  if (line.headline.rfind("Run ", 0) == 0) line.headline = "Sweep " + line.headline.substr(4);
  return "**" + line.headline + "**" + line.exit_code + (line.detail.empty() ? "" : ": " + line.detail);
}

std::string Settings(const json& s) {
  const json& sw = s["sweep"];
  std::string rates;
  for (const json& r : sw["rates"]) rates += (rates.empty() ? "" : ", ") + Rate(r);
  std::string text = fmt::format(
      "Rates {} events/s, {:.0f} s per step (catch-up until each pattern's freshness stops "
      "falling, at most half the step, then the steady window measured as `run` measures it). "
      "Started {}.",
      rates, sw.value("step_s", 0.0), FormatUtc(s.value("started_ms", int64_t{0})));
  const std::string stopped = sw.value("stopped", std::string());
  if (!stopped.empty()) text += " The sweep stopped early: " + stopped + ".";
  return text;
}

std::vector<std::vector<std::string>> StepRows(const json& s) {
  std::vector<std::string> ids;
  for (const json& p : s["patterns"]) ids.push_back(p.value("id", std::string()));
  std::vector<std::string> head = {"Rate (events/s)", "Generator delivered", "Generator lag (max)",
                                   "Late events", "Load avg"};
  for (const std::string& id : ids) head.push_back(id + " freshness p95");
  std::vector<std::vector<std::string>> rows = {head};
  for (const json& step : s["steps"]) {
    const json& g = step["generator"];
    std::string delivered = Rate(g["delivered_rps"]);
    if (g.value("short", false)) delivered += " (generator short)";
    std::vector<std::string> row = {
        Rate(step["rate"]), delivered, Ms(g["max_lag_ms"]),
        FormatCount(g.value("late", int64_t{0})),
        step["load_avg_1m"].is_number() ? fmt::format("{:.2f}", step["load_avg_1m"].get<double>())
                                        : kNone};
    for (const std::string& id : ids) {
      const json* p = StepPattern(step, id);
      if (p == nullptr || !p->value("driven", false)) {
        row.push_back("not driven");
        continue;
      }
      const json& f = (*p)["figures"]["queries"];
      const std::string fresh =
          f.contains("q3") ? FormatStat(f["q3"]["freshness_lag_ms"], "p95") : std::string(kNone);
      row.push_back(fresh + " " + p->value("outcome", std::string()));
    }
    rows.push_back(row);
  }
  return rows;
}

// "why" lines of every verdict that is not "within".
std::vector<std::string> Whys(const json& s) {
  std::vector<std::string> out;
  for (const json& step : s["steps"]) {
    for (const json& p : step["patterns"]) {
      const std::string outcome = p.value("outcome", std::string());
      if (outcome == "within" || outcome == "not driven") continue;
      out.push_back(fmt::format("{} at {} events/s: {}: {}", p.value("id", std::string()),
                                Rate(step["rate"]), outcome, p.value("why", std::string())));
    }
  }
  return out;
}

std::string HtmlTable(const std::vector<std::vector<std::string>>& rows) {
  std::string h = "<table>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    h += "<tr>";
    for (const std::string& c : rows[r])
      h += r == 0 ? "<th>" + HtmlEscape(c) + "</th>" : "<td>" + HtmlEscape(c) + "</td>";
    h += "</tr>\n";
  }
  return h + "</table>\n";
}

std::string MdTable(const std::vector<std::vector<std::string>>& rows) {
  std::string md;
  for (size_t r = 0; r < rows.size(); ++r) {
    md += "|";
    for (const std::string& c : rows[r]) md += " " + Md(c) + " |";
    md += "\n";
    if (r == 0) {
      md += "|";
      for (size_t i = 0; i < rows[r].size(); ++i) md += "---|";
      md += "\n";
    }
  }
  return md;
}

std::vector<std::vector<std::string>> CompletenessRows(const json& s) {
  std::vector<std::vector<std::string>> rows = {{"Pattern", "Completeness (whole sweep)"}};
  for (const json& p : s["patterns"])
    rows.push_back({p.value("id", std::string()), CompletenessText(p["completeness"])});
  return rows;
}

constexpr const char* kNotDriven =
    "A pattern that broke its target (or failed) at a rate is not measured at higher rates: no "
    "probes, no verdict. There is one stream, so its engine still ingests every event; the drain "
    "follows it again and completeness counts the whole sweep for every pattern.";

std::string Chart(const json& s) {
  std::vector<RateSeries> series;
  std::map<double, std::vector<std::string>> target_ids;  // freshness limit -> patterns
  size_t i = 0;
  for (const json& p : s["patterns"]) {
    const std::string id = p.value("id", std::string());
    RateSeries l{id, PatternColor(id, i++), {}};
    for (const json& step : s["steps"]) {
      const json* sp = StepPattern(step, id);
      if (sp == nullptr || !sp->value("driven", false)) continue;
      const json& q = (*sp)["figures"]["queries"];
      if (!q.contains("q3") || !q["q3"]["freshness_lag_ms"].is_object()) continue;
      const std::string outcome = sp->value("outcome", std::string());
      l.points.push_back({step["rate"].get<double>(), q["q3"]["freshness_lag_ms"]["p95"].get<double>(),
                          outcome == "broke", outcome != "not judged"});
    }
    series.push_back(l);
    auto target = ParseSlo(p.value("target", std::string()));
    if (!target.ok()) continue;
    for (const SloTerm& t : target->all.terms)
      if (t.metric == "freshness" && t.stat == "p95") target_ids[t.limit_ms].push_back(id);
  }
  std::vector<TargetLine> targets;
  for (const auto& [ms, ids] : target_ids) {
    std::string who;
    for (const std::string& id : ids) who += (who.empty() ? "" : ", ") + id;
    targets.push_back({ms, "target " + who + ": freshness p95 " + FormatMs(ms),
                       ids.size() == 1 ? PatternColor(ids[0], 0) : "#555"});
  }
  std::vector<double> short_rates;
  for (const json& step : s["steps"])
    if (step["generator"].value("short", false)) short_rates.push_back(step["rate"].get<double>());
  return RateChartSvg("sweep-freshness", "Freshness p95 against the generator's rate", series,
                      targets, short_rates);
}

}  // namespace

std::vector<std::vector<std::string>> SweepTable(const json& s) {
  std::vector<std::vector<std::string>> rows = {
      {"Pattern", "Target", "Highest rate within target (events/s)", "Freshness p50", "Freshness p95",
       "Q1 p95", "Q2 p95", "First rate that broke it", "Why"}};
  for (const json& p : s["patterns"]) {
    const json& at = p["at"];
    auto get = [&at](const char* k) { return at.is_object() ? Ms(at[k]) : std::string(kNone); };
    std::string highest = Rate(p["highest_within_rps"]);
    if (p["highest_within_rps"].is_null()) highest = "none";
    rows.push_back({p.value("id", std::string()), p.value("target", std::string()), highest,
                    get("freshness_p50_ms"), get("freshness_p95_ms"), get("q1_p95_ms"),
                    get("q2_p95_ms"),
                    p["first_broken_rps"].is_null() ? "not reached" : Rate(p["first_broken_rps"]),
                    p.value("first_broken_why", std::string())});
  }
  return rows;
}

std::string RenderSweepMarkdown(const json& s) {
  std::string md = HeadLine(s) + "\n\n";
  md += "# freshbench sweep " + s.value("run_id", std::string()) + "\n\n";
  md += Settings(s) + "\n\n";
  md += "## Highest rate each pattern sustains within its target\n\n" + MdTable(SweepTable(s)) + "\n";
  md += "## Steps\n\n" + MdTable(StepRows(s)) + "\n";
  const auto whys = Whys(s);
  if (!whys.empty()) {
    md += "Verdicts other than within:\n\n";
    for (const std::string& w : whys) md += "- " + w + "\n";
    md += "\n";
  }
  md += std::string(kNotDriven) + "\n\n";
  md += "## Completeness\n\n" + MdTable(CompletenessRows(s));
  return md;
}

std::string RenderSweepHtml(const json& s) {
  std::string h =
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>freshbench sweep " +
      HtmlEscape(s.value("run_id", std::string())) +
      "</title>\n<style>body{font-family:sans-serif;margin:24px auto;max-width:1000px;color:#222}"
      "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
      "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid "
      "#ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}"
      "th{background:#f3f3f3}.note{color:#555;font-size:13px}.chart{display:block;margin:12px "
      "0;background:#fff}</style></head><body>\n";
  std::string head = HeadLine(s);
  for (const char* strip : {"**"})
    for (size_t i; (i = head.find(strip)) != std::string::npos;) head.erase(i, 2);
  h += "<p class=\"status\"><b>" + HtmlEscape(head) + "</b></p>\n";
  h += "<h1>freshbench sweep " + HtmlEscape(s.value("run_id", std::string())) + "</h1>\n";
  h += "<p class=\"note\">" + HtmlEscape(Settings(s)) + "</p>\n";
  h += "<h2>Highest rate each pattern sustains within its target</h2>\n" + HtmlTable(SweepTable(s));
  h += Chart(s);
  h += "<h2>Steps</h2>\n" + HtmlTable(StepRows(s));
  const auto whys = Whys(s);
  if (!whys.empty()) {
    h += "<ul class=\"note\">\n";
    for (const std::string& w : whys) h += "<li>" + HtmlEscape(w) + "</li>\n";
    h += "</ul>\n";
  }
  h += "<p class=\"note\">" + HtmlEscape(kNotDriven) + "</p>\n";
  h += "<h2>Completeness</h2>\n" + HtmlTable(CompletenessRows(s));
  return h + "</body></html>\n";
}

bool IsSweepFolder(const std::string& dir) {
  return std::filesystem::exists(std::filesystem::path(dir) / kSweepFile);
}

Result<RenderedReport> RenderSweepReports(const std::string& dir) {
  auto run = LoadRunData(dir);
  if (!run.ok()) return run.status();
  auto sweep = ReadSweepRecord(dir);
  if (!sweep.ok()) return sweep.status();
  const json summary = BuildSweepSummary(*run, *sweep);
  return WriteRenderedReports(dir, summary, RenderSweepMarkdown(summary), RenderSweepHtml(summary));
}

}  // namespace freshbench
