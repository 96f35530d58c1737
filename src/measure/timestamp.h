// Parsing the timestamps engines hand back into UTC epoch milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace freshbench {

// Accepts integer epoch milliseconds ("1716651355092"), or text
// "YYYY-MM-DD HH:MM:SS[.f...]" with 'T' instead of the space and an optional
// trailing 'Z' (the text is UTC). Fractions beyond milliseconds are
// truncated. kInvalidArgument for anything else.
Result<int64_t> ParseTimestampMs(std::string_view text);

// The text form alone, exactly as given (no trimming, no epoch integers):
// "YYYY-MM-DD HH:MM:SS[.f...]", 'T' for the space, optional trailing 'Z'.
Result<int64_t> ParseDateTimeTextMs(std::string_view text);

// UTC epoch milliseconds as "YYYY-MM-DD HH:MM:SS.mmm".
std::string FormatTimestampMs(int64_t epoch_ms);

}  // namespace freshbench
