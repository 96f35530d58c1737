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

// Two runs side by side: per pattern and metric, run A, run B and B − A.
std::string RenderCompareMarkdown(const nlohmann::json& a, const nlohmann::json& b);

// One-line text of a pattern's completeness block ("complete: 12,345 of 12,345").
std::string CompletenessText(const nlohmann::json& completeness);

}  // namespace freshbench
