#include "engines/starrocks/datetime_text.h"

#include "common/timestamp.h"

namespace freshbench {

// One parser for every engine's timestamps: common/timestamp.h.
Result<int64_t> ParseUtcDateTimeMs(std::string_view text) { return ParseDateTimeTextMs(text); }

}  // namespace freshbench
