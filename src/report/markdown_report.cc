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

std::optional<double> Num(const json& j) {
  if (j.is_number()) return j.get<double>();
  return std::nullopt;
}
}  // namespace

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
               "Marker visibility p50 / p95", "Completeness"});
  for (const json& p : s["patterns"]) {
    const json& q3 = At(p, {"queries", "q3"});
    t.push_back({PatternLabel(p), FormatStat(q3.value("freshness_lag_ms", json(nullptr)), "p50"),
                 FormatStat(q3.value("freshness_lag_ms", json(nullptr)), "p95"),
                 FormatStat(q3.value("pipeline_lag_ms", json(nullptr)), "p50"),
                 PairCell(At(p, {"queries", "q1", "query_latency_ms"})),
                 PairCell(At(p, {"queries", "q2", "query_latency_ms"})),
                 PairCell(At(p, {"queries", "q3", "query_latency_ms"})),
                 PairCell(At(p, {"markers", "visibility_latency_ms"})),
                 CompletenessText(p["completeness"])});
  }
  return t;
}

std::string RenderMarkdown(const json& s) {
  std::string md;
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
  md += fmt::format(
      "Generator: target {} events/s, mean {} events/s delivered, {} delivered, {} failed.\n\n",
      target.is_number() ? FormatCount(target.get<int64_t>()) : std::string(kNone),
      gen["mean_rps"].is_number() ? FormatCount(std::llround(gen["mean_rps"].get<double>()))
                                  : std::string(kNone),
      FormatCount(gen.value("total_delivered", int64_t{0})),
      FormatCount(gen.value("total_failed", int64_t{0})));

  md += "## Side by side (steady state)\n\n";
  const auto table = SideBySideTable(s);
  for (size_t r = 0; r < table.size(); ++r) {
    md += "|";
    for (const std::string& c : table[r]) md += " " + Cell(c) + " |";
    md += "\n";
    if (r == 0) md += "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  }
  md += "\n";

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
      "| Pattern | Engine | Catch-up | Basis | Q3 samples (errors) | Ingestion rate | "
      "Engine-side freshness p50 | Clock skew p50 | Markers seen |\n";
  md += "|---|---|---:|---|---:|---:|---:|---:|---:|\n";
  for (const json& p : s["patterns"]) {
    const json& q3 = At(p, {"queries", "q3"});
    std::string engine = p.value("engine", std::string());
    std::string version = p.value("engine_version", std::string());
    if (!version.empty()) engine += " " + version;
    std::string catchup = p["catchup_ms"].is_number() ? FormatMs(p["catchup_ms"].get<double>())
                          : p.value("steady_reached", false) ? std::string(kNone)
                                                              : std::string("not reached");
    const json& rate = p["ingestion_rate_rps"];
    md += fmt::format(
        "| {} | {} | {} | {} | {} ({}) | {} | {} | {} | {} of {} |\n", Cell(PatternLabel(p)),
        Cell(engine), catchup, p.value("basis", std::string()),
        q3.is_object() ? q3.value("samples", 0) : 0, q3.is_object() ? q3.value("errors", 0) : 0,
        rate.is_number() ? FormatCount(std::llround(rate.get<double>())) + "/s" : kNone,
        FormatStat(q3.value("engine_freshness_lag_ms", json(nullptr)), "p50"),
        FormatStat(q3.value("clock_skew_ms", json(nullptr)), "p50"),
        At(p, {"markers", "seen"}).is_number() ? At(p, {"markers", "seen"}).get<int64_t>() : 0,
        At(p, {"markers", "injected"}).is_number() ? At(p, {"markers", "injected"}).get<int64_t>()
                                                   : 0);
  }
  md += "\n";
  bool any_contention = false;
  for (const json& p : s["patterns"]) {
    const std::string contention = p.value("contention", std::string());
    if (contention.empty()) continue;
    any_contention = true;
    md += "- " + p.value("id", std::string()) + ": " + contention + "\n";
  }
  if (any_contention) md += "\n";
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
      "Freshness = answer arrival − newest `event_time` in the answer (harness clock); pipeline "
      "lag = engine `max(ingest_time)` − `max(event_time)`; marker visibility = producer ack → "
      "first probe that sees the marker. Percentiles are nearest-rank over the raw samples in "
      "this folder (`samples.jsonl`, `markers.jsonl`).\n";
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
  md += "- " + ida + ": " + machine(a) + ", settings `" + a["settings"].dump() + "`\n";
  md += "- " + idb + ": " + machine(b) + ", settings `" + b["settings"].dump() + "`\n";
  return md;
}

}  // namespace freshbench
