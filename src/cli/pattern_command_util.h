// Helpers shared by the pattern verbs (setup, teardown, query, probe,
// verify): flag parsing and the one-line error convention.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "common/exit_codes.h"
#include "common/duration.h"
#include "common/status.h"

namespace freshbench {

// Prints "freshbench: <message>" on stderr and returns the exit code for
// `status` (2 bad input, 1 anything else).
inline int ReportError(const Status& status) {
  std::fprintf(stderr, "freshbench: %s\n", status.message().c_str());
  return status.ExitCode();
}

// "key=value" flags (--set) into a map; kInvalidArgument without '='.
inline Result<std::map<std::string, std::string>> ParseSetFlags(
    const std::vector<std::string>& flags) {
  std::map<std::string, std::string> out;
  for (const auto& f : flags) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument("--set wants key=value, got '" + f + "'");
    out[f.substr(0, eq)] = f.substr(eq + 1);
  }
  return out;
}

}  // namespace freshbench

#include <algorithm>
#include <optional>

namespace freshbench {

// Prints `columns` and `rows` as an aligned text table (NULL as "NULL").
inline void PrintTable(std::FILE* out, const std::vector<std::string>& columns,
                       const std::vector<std::vector<std::optional<std::string>>>& rows) {
  std::vector<size_t> width(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) width[c] = columns[c].size();
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], row[c] ? row[c]->size() : 4);
  auto line = [&](auto cell_of) {
    std::string s;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string cell = cell_of(c);
      s += cell + std::string(width[c] - std::min(width[c], cell.size()) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::fprintf(out, "%s\n", s.c_str());
  };
  line([&](size_t c) { return columns[c]; });
  for (const auto& row : rows)
    line([&](size_t c) { return c < row.size() && row[c] ? *row[c] : std::string("NULL"); });
}

}  // namespace freshbench
