// UTC timestamps as text, in one place: the civil-date arithmetic (H.
// Hinnant's days <-> year/month/day, proleptic Gregorian), the parser for
// the timestamps engines hand back and events carry, and the formatter.
// The generator's encoder, the drivers and the metrics all use these.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace freshbench {

// Days since 1970-01-01 of year `y`, month `m` (1-12), day `d` (1-31).
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The civil date of day `z` since 1970-01-01. Inline: the generator formats
// one timestamp per event (bench/: ~11 M events/s).
constexpr void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

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
