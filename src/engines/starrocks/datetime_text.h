// Parses the text a MySQL-protocol server prints for a DATETIME
// ("YYYY-MM-DD HH:MM:SS[.f...]", 'T' accepted as separator, up to 6
// fraction digits) as a UTC wall-clock time, to epoch milliseconds
// (fraction truncated to the millisecond).
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace freshbench {

// Fails with kInvalidArgument quoting the text when it is not a DATETIME.
Result<int64_t> ParseUtcDateTimeMs(std::string_view text);

}  // namespace freshbench
