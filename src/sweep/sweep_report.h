// A sweep's reports, rendered from its results folder alone (raw files and
// sweep.json): summary.json (BuildSweepSummary), report.md and report.html.
//
// report.md: how the sweep ended, then the first table, one row per
// pattern: its target, the highest rate it sustained within it, freshness
// p50/p95 and Q1/Q2 p95 at that rate, the first rate that broke it and why;
// then every step (generator delivered rate, lag, late events, load
// average; per pattern freshness p95 and verdict), completeness.
// report.html: the same tables and data-chart="sweep-freshness": freshness
// p95 against rate, one line per pattern, targets dashed.
//
// Thread safety: pure functions, except RenderSweepReports (writes files).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "report/report_renderer.h"

namespace freshbench {

// `summary` is BuildSweepSummary's.
std::string RenderSweepMarkdown(const nlohmann::json& summary);
std::string RenderSweepHtml(const nlohmann::json& summary);

// The first table as text cells, header row first (both reports use it).
std::vector<std::vector<std::string>> SweepTable(const nlohmann::json& summary);

// Reads <dir> (kNotFound when it holds no sweep) and (re)writes its
// summary.json, report.md and report.html.
Result<RenderedReport> RenderSweepReports(const std::string& dir);

// Whether <dir> holds a sweep (its sweep.json).
bool IsSweepFolder(const std::string& dir);

}  // namespace freshbench
