#include "engines/starrocks/datetime_text.h"

#include <cctype>
#include <string>

namespace freshbench {
namespace {

bool ReadInt(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

Result<int64_t> ParseUtcDateTimeMs(std::string_view text) {
  auto bad = [&] { return Status::InvalidArgument("not a DATETIME: '" + std::string(text) + "'"); };
  int y, mo, d, h, mi, sec;
  if (text.size() < 19 || !ReadInt(text, 0, 4, &y) || text[4] != '-' || !ReadInt(text, 5, 2, &mo) ||
      text[7] != '-' || !ReadInt(text, 8, 2, &d) || (text[10] != ' ' && text[10] != 'T') ||
      !ReadInt(text, 11, 2, &h) || text[13] != ':' || !ReadInt(text, 14, 2, &mi) ||
      text[16] != ':' || !ReadInt(text, 17, 2, &sec)) {
    return bad();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return bad();
  int ms = 0;
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 3) ms = ms * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) return bad();
    for (size_t i = digits; i < 3; ++i) ms *= 10;
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  if (pos != text.size()) return bad();
  const int64_t days = DaysFromCivil(y, mo, d);
  return ((days * 24 + h) * 60 + mi) * 60000LL + sec * 1000LL + ms;
}

}  // namespace freshbench
