// Durations as users type them ("250ms", "5s", "2m", "2min", "1h", or a
// bare number of seconds), shared by the commands' flags and sweep targets.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace freshbench {

// "250ms", "5s", "2m", "1h" or a bare number of seconds, into milliseconds.
inline Result<int64_t> ParseDurationMs(const std::string& text, const std::string& flag) {
  size_t pos = 0;
  double value = 0;
  try {
    value = std::stod(text, &pos);
  } catch (...) {
    return Status::InvalidArgument(flag + " wants a duration like 5s or 500ms, got '" + text + "'");
  }
  const std::string unit = text.substr(pos);
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1000;
  else if (unit == "ms")
    scale = 1;
  else if (unit == "m" || unit == "min")
    scale = 60000;
  else if (unit == "h")
    scale = 3600000;
  if (scale == 0 || value < 0)
    return Status::InvalidArgument(flag + " wants a duration like 5s or 500ms, got '" + text + "'");
  return static_cast<int64_t>(value * scale);
}

}  // namespace freshbench
