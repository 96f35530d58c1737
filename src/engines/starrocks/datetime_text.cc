#include "engines/starrocks/datetime_text.h"

#include "measure/timestamp.h"

namespace freshbench {

// One parser for every engine's timestamps lives in src/measure.
Result<int64_t> ParseUtcDateTimeMs(std::string_view text) { return ParseDateTimeTextMs(text); }

}  // namespace freshbench
