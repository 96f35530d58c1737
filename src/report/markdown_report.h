// Markdown reports: report.md of one run (the side-by-side table the seed's
// BENCHMARK.md wrote by hand) and the comparison of two runs.
//
// Both take summaries built by BuildSummary. Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace freshbench {

// report.md. Its first line says how the run ended, e.g. "**Run complete**
// (exit 0): every pattern measured and complete." or "**Run incomplete**
// (exit 1): p1 failed at +1:10 (connection refused); p3 lost 12 events.".
std::string RenderMarkdown(const nlohmann::json& summary);

// That first line in parts: "Run incomplete", " (exit 1)" (empty when the
// run did not record it) and what made it so.
struct RunStatusLine {
  std::string headline;
  std::string exit_code;
  std::string detail;
};
RunStatusLine StatusLineOf(const nlohmann::json& summary);

// The side-by-side table as text cells, header row first (shared by the
// Markdown and HTML reports).
std::vector<std::vector<std::string>> SideBySideTable(const nlohmann::json& summary);

// The run's faults (`run --fault`), one line each: the fault, what was
// done, and its window ("kafka-2:kill@30+20: SIGKILL to pid 1234; started
// again, healthy after 6.2 s; +0:31 to +0:57 (26.0 s)").
std::vector<std::string> FaultHeadings(const nlohmann::json& summary);
// Fault `i`'s table as text cells, header row first: per pattern, freshness
// before (p95), during (p95 / max), failed probes, after (p95), time to
// recover, lost, duplicated (shared by the Markdown and HTML reports).
std::vector<std::vector<std::string>> FaultTable(const nlohmann::json& summary, size_t i);

// Two runs side by side: per pattern and metric, run A, run B and B − A.
std::string RenderCompareMarkdown(const nlohmann::json& a, const nlohmann::json& b);

// One-line text of a pattern's completeness block ("complete: 12,345 of 12,345").
std::string CompletenessText(const nlohmann::json& completeness);

}  // namespace freshbench
