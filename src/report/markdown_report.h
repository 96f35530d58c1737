// Markdown reports: report.md of one run (the side-by-side table the seed's
// BENCHMARK.md wrote by hand) and the comparison of two runs.
//
// Both take summaries built by BuildSummary. Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace freshbench {

std::string RenderMarkdown(const nlohmann::json& summary);

// The side-by-side table as text cells, header row first (shared by the
// Markdown and HTML reports).
std::vector<std::vector<std::string>> SideBySideTable(const nlohmann::json& summary);

// Two runs side by side: per pattern and metric, run A, run B and B − A.
std::string RenderCompareMarkdown(const nlohmann::json& a, const nlohmann::json& b);

// One-line text of a pattern's completeness block ("complete: 12,345 of 12,345").
std::string CompletenessText(const nlohmann::json& completeness);

}  // namespace freshbench
