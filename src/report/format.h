// Formatting of figures for humans (Markdown, HTML, progress lines).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace freshbench {

// "0.8 ms", "412 ms", "2.13 s", "7.5 min"; "–" for a missing value.
std::string FormatMs(double ms);
// FormatMs of stats[field] ("p50", ...) where stats is a StatsToJson value.
std::string FormatStat(const nlohmann::json& stats, const char* field);
// Time since the run started as "+M:SS" ("+1:10", "+12:05").
std::string FormatElapsed(int64_t ms);
// "1,234,567".
std::string FormatCount(int64_t n);
// "2026-11-21 23:30:15 UTC".
std::string FormatUtc(int64_t epoch_ms);
// Escapes &, <, >, " for HTML text and attributes.
std::string HtmlEscape(const std::string& s);

inline constexpr const char* kNone = "–";

}  // namespace freshbench
