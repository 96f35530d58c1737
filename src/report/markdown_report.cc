#include "report/markdown_report.h"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/format.h"

namespace freshbench {
namespace {
using nlohmann::json;

const json& At(const json& j, std::initializer_list<const char*> path) {
  static const json kNull = nullptr;
  const json* cur = &j;
  for (const char* key : path) {
    if (!cur->is_object() || !cur->contains(key)) return kNull;
    cur = &(*cur)[key];
  }
  return *cur;
}

std::string PairCell(const json& stats) {
  if (!stats.is_object()) return kNone;
  return FormatStat(stats, "p50") + " / " + FormatStat(stats, "p95");
}

std::string PairOf(const json& stats, const char* a, const char* b) {
  if (!stats.is_object()) return kNone;
  return FormatStat(stats, a) + " / " + FormatStat(stats, b);
}

std::string PatternLabel(const json& p) {
  std::string name = p.value("name", std::string());
  std::string id = p.value("id", std::string());
  return name.empty() || name == id ? id : id + " " + name;
}

std::string Cell(std::string s) {
  // A '|' would end the table cell.
  for (char& c : s)
    if (c == '|') c = '/';
  return s;
}

// Rows of cells, header first, then `rule` (the alignment row).
std::string MarkdownTable(const std::vector<std::vector<std::string>>& rows, const std::string& rule) {
  std::string md;
  for (size_t r = 0; r < rows.size(); ++r) {
    md += "|";
    for (const std::string& c : rows[r]) md += " " + Cell(c) + " |";
    md += "\n";
    if (r == 0) md += rule + "\n";
  }
  return md;
}

std::optional<double> Num(const json& j) {
  if (j.is_number()) return j.get<double>();
  return std::nullopt;
}

int64_t Int(const json& j) { return j.is_number() ? j.get<int64_t>() : 0; }

bool Failed(const json& p) {
  return p.is_object() && p.value("failed", false) && At(p, {"failed_ms"}).is_number();
}

// "failed at +1:10: connection refused" (time since the run started).
std::string FailedAt(const json& s, const json& p) {
  std::string t = "failed at " + FormatElapsed(At(p, {"failed_ms"}).get<int64_t>() -
                                               s.value("started_ms", int64_t{0}));
  const std::string why = p.value("failure", std::string());
  return why.empty() ? t : t + ": " + why;
}

// The engine clock is known not to be a clock (Flink's plan-time
// CURRENT_TIMESTAMP): skew and engine-side freshness are n/a, with why.
bool ClockNotMeasurable(const json& p) {
  const json& c = At(p, {"clock"});
  return c.is_object() && !c.value("measurable", true);
}
std::string ClockNa(const json& p) {
  const std::string note = At(p, {"clock", "note"}).is_string()
                               ? At(p, {"clock", "note"}).get<std::string>()
                               : std::string();
  return "n/a: " + (note.empty() ? std::string("not measurable") : note);
}

// Skew measured once at setup (run.json) when there is one; otherwise the
// per-sample figure of older runs.
std::string ClockSkewCell(const json& p) {
  if (ClockNotMeasurable(p)) return ClockNa(p);
  const json& skew = At(p, {"clock", "skew_ms"});
  if (skew.is_number()) {
    const json& unc = At(p, {"clock", "skew_uncertainty_ms"});
    return FormatMs(skew.get<double>()) +
           (unc.is_number() ? " ± " + FormatMs(unc.get<double>()) : "");
  }
  return FormatStat(At(p, {"queries", "q3", "clock_skew_ms"}), "p50");
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return FormatCount(n) + " " + (n == 1 ? one : many);
}
}  // namespace

RunStatusLine StatusLineOf(const json& s) {
  const std::string status = s.value("status", std::string());
  const std::string note = s.value("note", std::string());
  const json& exit = At(s, {"exit_code"});
  const std::string code = exit.is_number() ? fmt::format(" (exit {})", exit.get<int>()) : "";
  auto or_note = [&](const std::string& fallback) { return note.empty() ? fallback : note; };
  if (status == "complete") {
    // An older run's "complete" did not promise completeness: say only what it recorded.
    return {"Run complete", code,
            exit.is_number() ? "every pattern measured and complete."
                             : "as recorded by an older freshbench (no exit code)."};
  }
  if (status == "incomplete") {
    std::vector<std::string> why;
    for (const json& p : At(s, {"patterns"})) {
      const std::string id = p.value("id", std::string());
      if (Failed(p)) {
        std::string f = FailedAt(s, p);
        const size_t colon = f.find(": ");
        // "p1 failed at +1:10 (connection refused)"
        why.push_back(id + " " +
                      (colon == std::string::npos
                           ? f
                           : f.substr(0, colon) + " (" + f.substr(colon + 2) + ")"));
        continue;
      }
      const json& c = At(p, {"completeness"});
      if (!c.is_object()) continue;
      if (!c.value("error", std::string()).empty()) {
        why.push_back(id + " not verified (" + c["error"].get<std::string>() + ")");
        continue;
      }
      const int64_t lost = Int(At(c, {"lost"})), dup = Int(At(c, {"duplicated"})),
                    extra = Int(At(c, {"unexpected"}));
      if (lost > 0) why.push_back(id + " lost " + Plural(lost, "event", "events"));
      if (dup > 0) why.push_back(id + " duplicated " + Plural(dup, "event", "events"));
      if (extra > 0)
        why.push_back(id + " has " + Plural(extra, "row", "rows") + " not from this run");
    }
    std::string text;
    for (const std::string& w : why) text += (text.empty() ? "" : "; ") + w;
    return {"Run incomplete", code,
            (text.empty() ? or_note("not every pattern is complete") : text) + "."};
  }
  if (status == "interrupted") {
    return {"Interrupted", code,
            or_note("stopped before the end") + "; the figures cover the time before."};
  }
  if (status == "failed") return {"Run failed", code, or_note("the run could not finish") + "."};
  if (status == "running") {
    return {"Run did not finish", "",
            "run.json still says running (the process ended without recording its end); the "
            "figures cover what was recorded."};
  }
  return {"Run " + status, code, note.empty() ? "" : note + "."};
}

std::string CompletenessText(const json& c) {
  if (!c.is_object()) return kNone;
  std::string err = c.value("error", std::string());
  if (!err.empty()) return "not verified: " + err;
  auto expected = Num(c.value("expected", json(nullptr)));
  auto lost = Num(c.value("lost", json(nullptr)));
  auto dup = Num(c.value("duplicated", json(nullptr)));
  if (!lost || !dup) return kNone;
  std::string of = expected ? " of " + FormatCount(static_cast<int64_t>(*expected)) : "";
  auto extra = Num(c.value("unexpected", json(nullptr)));
  const std::string extra_text =
      extra && *extra > 0
          ? fmt::format(", {} not from this run", FormatCount(static_cast<int64_t>(*extra)))
          : "";
  if (*lost == 0 && *dup == 0 && extra_text.empty()) return "complete" + of;
  return fmt::format("{} lost, {} duplicated{}{}", FormatCount(static_cast<int64_t>(*lost)),
                     FormatCount(static_cast<int64_t>(*dup)), extra_text, of);
}

std::vector<std::vector<std::string>> SideBySideTable(const json& s) {
  std::vector<std::vector<std::string>> t;
  t.push_back({"Pattern", "Freshness p50", "Freshness p95", "Pipeline lag p50",
               "Q1 latency p50 / p95", "Q2 latency p50 / p95", "Q3 latency p50 / p95",
               "Marker visibility p50 / p95 (upper bound)", "Completeness"});
  for (const json& p : s["patterns"]) {
    const json& q3 = At(p, {"queries", "q3"});
    // A failed pattern's figures cover only the time before it failed.
    const bool failed = Failed(p);
    auto fig = [&](std::string v) { return failed && v != kNone ? v + " (before failure)" : v; };
    t.push_back({PatternLabel(p) + (failed ? " (" + FailedAt(s, p) + ")" : ""),
                 fig(FormatStat(q3.value("freshness_lag_ms", json(nullptr)), "p50")),
                 fig(FormatStat(q3.value("freshness_lag_ms", json(nullptr)), "p95")),
                 fig(FormatStat(q3.value("pipeline_lag_ms", json(nullptr)), "p50")),
                 fig(PairCell(At(p, {"queries", "q1", "query_latency_ms"}))),
                 fig(PairCell(At(p, {"queries", "q2", "query_latency_ms"}))),
                 fig(PairCell(At(p, {"queries", "q3", "query_latency_ms"}))),
                 fig(PairCell(At(p, {"markers", "visibility_latency_ms"}))),
                 CompletenessText(p["completeness"])});
  }
  return t;
}

std::vector<std::string> FaultHeadings(const json& s) {
  std::vector<std::string> out;
  const int64_t t0 = s.value("started_ms", int64_t{0});
  for (const json& f : s.value("faults", json::array())) {
    std::string line = f.value("spec", std::string()) + ": ";
    const std::string how = f.value("how", std::string());
    const std::string error = f.value("error", std::string());
    line += how.empty() ? std::string() : how;
    if (!error.empty()) line += (how.empty() ? "" : "; ") + error;
    const json& start = At(f, {"start_ms"});
    const json& end = At(f, {"end_ms"});
    if (start.is_number()) {
      line += "; " + FormatElapsed(start.get<int64_t>() - t0) + " to ";
      line += end.is_number() ? fmt::format("{} ({:.1f} s)", FormatElapsed(end.get<int64_t>() - t0),
                                            (end.get<int64_t>() - start.get<int64_t>()) / 1000.0)
                              : std::string("the end of the run (its target never came back)");
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::vector<std::string>> FaultTable(const json& s, size_t i) {
  std::vector<std::vector<std::string>> t = {
      {"pattern", "freshness before (p95)", "during (p95 / max)", "failed probes during",
       "after (p95)", "time to recover", "lost", "duplicated"}};
  const json& f = s["faults"][i];
  auto count = [](const json& v) { return v.is_number() ? FormatCount(v.get<int64_t>()) : std::string(kNone); };
  for (const json& p : f.value("patterns", json::array())) {
    const json& before = At(p, {"before_p95_ms"});
    std::string recover;
    if (p.value("recovered", false)) {
      recover = FormatMs(At(p, {"time_to_recover_ms"}).get<double>());
    } else {
      recover = "did not recover: " + p.value("not_recovered", std::string());
    }
    if (p.value("failed", false)) recover += " (pattern failed)";
    t.push_back({p.value("id", std::string()), before.is_number() ? FormatMs(before.get<double>()) : kNone,
                 PairOf(At(p, {"during"}), "p95", "max"), std::to_string(Int(At(p, {"failed_probes_during"}))),
                 FormatStat(At(p, {"after"}), "p95"), recover, count(At(p, {"lost"})),
                 count(At(p, {"duplicated"}))});
  }
  return t;
}

std::string RenderMarkdown(const json& s) {
  std::string md;
  // The first line says how the run ended (what the exit code meant).
  const RunStatusLine line = StatusLineOf(s);
  md += "**" + line.headline + "**" + line.exit_code +
        (line.detail.empty() ? "" : ": " + line.detail) + "\n\n";
  md += "# freshbench report: run " + s.value("run_id", std::string()) + "\n\n";
  const std::string status = s.value("status", std::string());
  md += fmt::format("Started {}, ", FormatUtc(s.value("started_ms", int64_t{0})));
  const json& dur = s["duration_s"];
  md += dur.is_number() ? fmt::format("ran {:.0f} s", dur.get<double>()) : "did not finish";
  md += ", status **" + status + "**";
  const std::string note = s.value("note", std::string());
  if (!note.empty()) md += " (" + note + ")";
  md += ".\n";
  const json& gen = s["generator"];
  const json& target = At(s, {"settings", "rate"});
  if (At(s, {"settings", "load"}) == "external") {
    md += fmt::format(
        "Load: external (produced by others; this run only injected its markers), measured from "
        "the topic's offsets: mean {} events/s, {} events.\n\n",
        gen["mean_rps"].is_number() ? FormatCount(std::llround(gen["mean_rps"].get<double>()))
                                    : std::string(kNone),
        FormatCount(gen.value("total_delivered", int64_t{0})));
  } else {
  md += fmt::format(
      "Generator: target {} events/s, mean {} events/s delivered, {} delivered, {} failed.\n\n",
      target.is_number() ? FormatCount(target.get<int64_t>()) : std::string(kNone),
      gen["mean_rps"].is_number() ? FormatCount(std::llround(gen["mean_rps"].get<double>()))
                                  : std::string(kNone),
      FormatCount(gen.value("total_delivered", int64_t{0})),
      FormatCount(gen.value("total_failed", int64_t{0})));
  }

  md += "## Side by side (steady state)\n\n";
  md += MarkdownTable(SideBySideTable(s), "|---|---:|---:|---:|---:|---:|---:|---:|---|") + "\n";

  const json& skipped = s["skipped"];
  if (skipped.is_array() && !skipped.empty()) {
    md += "## Skipped patterns\n\n";
    for (const json& k : skipped) {
      md += "- **" + PatternLabel(k) + "**: " + k.value("reason", std::string()) + "\n";
    }
    md += "\n";
  }

  md += "## Per pattern\n\n";
  md +=
      "| Pattern | Engine | Catch-up | Basis | Q3 ticks (in flight / failed) | Longest Q3 gap | "
      "Ingestion rate | Engine-side freshness p50 | Clock skew | Markers seen |\n";
  md += "|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n";
  for (const json& p : s["patterns"]) {
    const json& q3 = At(p, {"queries", "q3"});
    std::string engine = p.value("engine", std::string());
    std::string version = p.value("engine_version", std::string());
    if (!version.empty()) engine += " " + version;
    std::string catchup = p["catchup_ms"].is_number() ? FormatMs(p["catchup_ms"].get<double>())
                          : p.value("steady_reached", false) ? std::string(kNone)
                                                              : std::string("not reached");
    const json& rate = p["ingestion_rate_rps"];
    const json& gap = At(q3, {"max_gap_ms"});
    const int64_t failed_probes = Int(At(p, {"markers", "failed_probes"}));
    md += fmt::format(
        "| {} | {} | {} | {} | {} ({} / {}) | {} | {} | {} | {} | {} of {}{} |\n",
        Cell(PatternLabel(p) + (Failed(p) ? " (failed)" : "")), Cell(engine), catchup,
        p.value("basis", std::string()), Int(At(q3, {"samples"})), Int(At(q3, {"in_flight"})),
        Int(At(q3, {"errors"})), gap.is_number() ? FormatMs(gap.get<double>()) : kNone,
        rate.is_number() ? FormatCount(std::llround(rate.get<double>())) + "/s" : kNone,
        Cell(ClockNotMeasurable(p)
                 ? ClockNa(p)
                 : FormatStat(q3.value("engine_freshness_lag_ms", json(nullptr)), "p50")),
        Cell(ClockSkewCell(p)), Int(At(p, {"markers", "seen"})),
        Int(At(p, {"markers", "injected"})),
        failed_probes > 0 ? ", " + Plural(failed_probes, "failed probe", "failed probes") : "");
  }
  md += "\n";
  // What the table's figures mean for each pattern, when it needs saying.
  std::string notes;
  const int64_t started = s.value("started_ms", int64_t{0});
  for (const json& p : s["patterns"]) {
    const std::string id = p.value("id", std::string());
    const std::string contention = p.value("contention", std::string());
    if (!contention.empty()) notes += "- " + id + ": " + contention + "\n";
    if (Failed(p)) {
      notes += "- " + id + " " + FailedAt(s, p) + ". Its figures cover the time before";
      const int64_t left = Int(At(p, {"samples_after_failure"}));
      notes +=
          left > 0 ? " (" + Plural(left, "sample", "samples") + " after it left out).\n" : ".\n";
    }
    const json& stalls = At(p, {"stalls"});
    if (Int(At(stalls, {"count"})) > 0) {
      const std::string name = p.value("name", std::string());
      std::string handles;
      size_t shown = 0;
      for (const json& h : At(stalls, {"handles"})) {
        if (shown++ == 10) {
          handles += fmt::format("; and {} more", stalls["handles"].size() - 10);
          break;
        }
        const std::string handle = h.value("stall", std::string());
        handles += (handles.empty() ? "" : "; ") +
                   (handle.empty() ? std::string("no engine handle") : handle) + " (" +
                   h.value("query", std::string()) + " at " +
                   FormatElapsed(h.value("t_submit_ms", int64_t{0}) - started) + ")";
      }
      notes += "- " + (name.empty() || name == id ? id : id + " " + name) + " stalled " +
               Plural(Int(At(stalls, {"count"})), "time", "times") + ": " + handles + "\n";
    }
    const int64_t in_flight = Int(At(p, {"queries", "q3", "in_flight"}));
    if (in_flight > 0) {
      notes += "- " + id + ": " + Plural(in_flight, "Q3 tick", "Q3 ticks") +
               " found the bound of probes in flight full; each counts in freshness as a lower "
               "bound (tick − newest event seen so far), not in Q3 latency.\n";
    }
    const std::string how =
        At(p, {"clock", "how"}).is_string() ? At(p, {"clock", "how"}).get<std::string>() : "";
    if (ClockNotMeasurable(p)) {
      notes += "- " + id + " clock: " + ClockNa(p) +
               "; its skew and engine-side freshness are not measured.\n";
    } else if (!how.empty()) {
      notes += "- " + id + " clock: " + how + "\n";
    }
  }
  if (!notes.empty()) md += notes + "\n";
  bool any_error = false;
  for (const json& p : s["patterns"]) {
    for (auto& [name, q] : p["queries"].items()) {
      if (q.value("errors", 0) > 0) {
        if (!any_error) md += "Query errors:\n\n";
        any_error = true;
        md += fmt::format("- {} {}: {} of {} failed, last: {}\n", p.value("id", std::string()),
                          name, q.value("errors", 0), q.value("samples", 0),
                          q.value("last_error", std::string()));
      }
    }
  }
  if (any_error) md += "\n";

  if (s.contains("faults")) {
    md += "## Faults\n\n";
    md +=
        "Freshness of every Q3 tick before, during (from the fault to its target being back, "
        "in-flight ticks as lower bounds) and after each fault; time to recover = from the "
        "fault's start to the first of three answers in a row at or under the pattern's "
        "pre-fault p95, after the window's worst moment (its last failed or in-flight tick, or "
        "its stalest answer). A pattern that does not recover by the end of the run is failed. Lost "
        "and duplicated count the whole run (verify at the end).\n\n";
    const std::vector<std::string> heads = FaultHeadings(s);
    for (size_t i = 0; i < heads.size(); ++i) {
      md += "### " + heads[i] + "\n\n";
      md += MarkdownTable(FaultTable(s, i), "|---|---:|---:|---:|---:|---|---:|---:|") + "\n";
    }
  }

  bool any_marker = false;
  for (const json& p : s["patterns"]) any_marker |= Int(At(p, {"markers", "injected"})) > 0;
  if (any_marker) {
    md += "## Marker visibility\n\n";
    md +=
        "Marker visibility = answer arrival of the first probe that held the marker − producer "
        "ack (an upper bound: it includes that probe's own query time). Its lower bound is the "
        "submit of the last probe that answered without the marker − producer ack. A probe "
        "that failed or timed out is neither and is counted apart.\n\n";
    for (const json& p : s["patterns"]) {
      const json& m = At(p, {"markers"});
      if (Int(At(m, {"injected"})) == 0) continue;
      const json& lower = At(m, {"visibility_lower_bound_ms"});
      md += fmt::format("- {}: p50 / p95 {} (an upper bound; {}); {} of {} seen, {}{}\n",
                        p.value("id", std::string()), PairCell(At(m, {"visibility_latency_ms"})),
                        lower.is_object() ? "lower bound p50 / p95 " + PairCell(lower)
                                          : std::string("lower bound not recorded"),
                        Int(At(m, {"seen"})), Int(At(m, {"injected"})),
                        Plural(Int(At(m, {"failed_probes"})), "failed probe", "failed probes"),
                        Failed(p) ? " (before failure)." : ".");
    }
    md += "\n";
  }

  md += "## Machine and build\n\n";
  const json& m = s["machine"];
  md += fmt::format("- CPU: {} ({} cores), memory {:.1f} GiB\n", m.value("cpu_model", std::string()),
                    m.value("cores", 0), m.value("memory_gib", 0.0));
  md += "- OS: " + m.value("os", std::string()) + "\n";
  const json& b = s["build"];
  md += fmt::format("- freshbench {} (git {}, {})\n", b.value("version", std::string()),
                    b.value("git_rev", std::string()), b.value("build_type", std::string()));
  const json& fp = s["footprint"];
  if (fp.value("samples", 0) > 0) {
    const json per_k = fp.value("cpu_ms_per_1000_events", json());
    md += fmt::format(
        "- freshbench's own footprint: CPU p50 {:.0f}% / max {:.0f}% of one core{}, "
        "RSS max {:.0f} MiB\n",
        At(fp, {"cpu_pct", "p50"}).get<double>(), At(fp, {"cpu_pct", "max"}).get<double>(),
        per_k.is_number() ? fmt::format(", {:.2f} ms CPU per 1,000 events", per_k.get<double>())
                          : std::string(),
        At(fp, {"rss_mib", "max"}).get<double>());
  }
  md += "- Settings: `" + s["settings"].dump() + "`\n\n";
  md +=
      "Freshness = answer arrival − newest `event_time` in the answer (harness clock); a Q3 "
      "tick that found the pattern's bound of probes in flight full counts with its lower bound "
      "(tick − newest event seen so far): those are the stall moments, and leaving them out "
      "would be coordinated omission. Q3 latency counts answered probes only. Pipeline lag = "
      "engine `max(ingest_time)` − `max(event_time)`; marker visibility = answer arrival of the "
      "first probe that held the marker − producer ack (an upper bound; lower bound p50/p95 under "
      "\"Marker visibility\"). Percentiles are nearest-rank over the raw samples in this folder "
      "(`samples.jsonl`, `markers.jsonl`).\n";
  return md;
}

std::string RenderCompareMarkdown(const json& a, const json& b) {
  std::string ida = a.value("run_id", std::string("A"));
  std::string idb = b.value("run_id", std::string("B"));
  std::string md = "# freshbench: run " + ida + " vs run " + idb + "\n\n";
  md += "| Pattern | Metric | " + ida + " | " + idb + " | Change |\n|---|---|---:|---:|---:|\n";
  std::map<std::string, json> pa, pb;
  std::vector<std::string> order;
  for (const json& p : a["patterns"]) {
    pa[p.value("id", std::string())] = p;
    order.push_back(p.value("id", std::string()));
  }
  for (const json& p : b["patterns"]) {
    std::string id = p.value("id", std::string());
    if (!pa.count(id)) order.push_back(id);
    pb[id] = p;
  }
  struct Metric {
    const char* label;
    std::initializer_list<const char*> path;
    const char* field;
  };
  const Metric metrics[] = {
      {"freshness p50", {"queries", "q3", "freshness_lag_ms"}, "p50"},
      {"freshness p95", {"queries", "q3", "freshness_lag_ms"}, "p95"},
      {"pipeline lag p50", {"queries", "q3", "pipeline_lag_ms"}, "p50"},
      {"Q1 latency p50", {"queries", "q1", "query_latency_ms"}, "p50"},
      {"Q2 latency p50", {"queries", "q2", "query_latency_ms"}, "p50"},
      {"Q3 latency p50", {"queries", "q3", "query_latency_ms"}, "p50"},
      {"marker visibility p50", {"markers", "visibility_latency_ms"}, "p50"},
  };
  for (const std::string& id : order) {
    const json& x = pa.count(id) ? pa[id] : json(nullptr);
    const json& y = pb.count(id) ? pb[id] : json(nullptr);
    for (const Metric& m : metrics) {
      std::optional<double> va = Num(At(At(x, m.path), {m.field}));
      std::optional<double> vb = Num(At(At(y, m.path), {m.field}));
      if (!va && !vb) continue;
      std::string change = kNone;
      if (va && vb) {
        change = (*vb >= *va ? "+" : "") + FormatMs(*vb - *va);
        if (*va != 0) change += fmt::format(" ({:+.0f}%)", (*vb - *va) * 100.0 / *va);
      }
      md += fmt::format("| {} | {} | {} | {} | {} |\n", id, m.label,
                        va ? FormatMs(*va) : kNone, vb ? FormatMs(*vb) : kNone, change);
    }
    if (Failed(x) || Failed(y)) {
      md += fmt::format("| {} | failed | {} | {} | |\n", id,
                        Failed(x) ? Cell(FailedAt(a, x)) : std::string(kNone),
                        Failed(y) ? Cell(FailedAt(b, y)) : std::string(kNone));
    }
    md += fmt::format("| {} | completeness | {} | {} | |\n", id,
                      Cell(CompletenessText(At(x, {"completeness"}))),
                      Cell(CompletenessText(At(y, {"completeness"}))));
  }
  md += "\n";
  auto machine = [](const json& s) {
    const json& m = s["machine"];
    return fmt::format("{} ({} cores, {:.1f} GiB), freshbench git {}",
                       m.value("cpu_model", std::string()), m.value("cores", 0),
                       m.value("memory_gib", 0.0), At(s, {"build", "git_rev"}).is_string()
                                                       ? At(s, {"build", "git_rev"}).get<std::string>()
                                                       : std::string());
  };
  auto status = [](const json& s) {
    const RunStatusLine l = StatusLineOf(s);
    return l.headline + l.exit_code + (l.detail.empty() ? "" : ": " + l.detail);
  };
  md += "- " + ida + ": " + status(a) + " Machine: " + machine(a) + ", settings `" +
        a["settings"].dump() + "`\n";
  md += "- " + idb + ": " + status(b) + " Machine: " + machine(b) + ", settings `" +
        b["settings"].dump() + "`\n";
  return md;
}

}  // namespace freshbench
