// Renders a results folder's reports from its raw files: summary.json,
// report.md and report.html (RenderRunReports), or the comparison of two
// runs (RenderComparison). Used at the end of `freshbench run` and by
// `freshbench report`.
//
// Thread safety: touches only the given folders; do not render the same
// folder from two threads at once.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace freshbench {

struct RenderedReport {
  std::string markdown;   // report.md's text
  std::string md_path;
  std::string html_path;
  std::string summary_path;
};

// Reads <dir>'s raw files and (re)writes summary.json, report.md and
// report.html there. Fails with kNotFound when <dir> holds no run, kIoError
// when a file cannot be written.
Result<RenderedReport> RenderRunReports(const std::string& dir);

// Writes <dir>/summary.json, report.md and report.html (a run's or a
// sweep's, src/sweep/) and says where.
Result<RenderedReport> WriteRenderedReports(const std::string& dir, const nlohmann::json& summary,
                                            std::string markdown, const std::string& html);

// Writes compare-<run B id>.md and .html into dir_a, comparing run A with
// run B (each re-summarised from its raw files).
Result<RenderedReport> RenderComparison(const std::string& dir_a, const std::string& dir_b);

}  // namespace freshbench
