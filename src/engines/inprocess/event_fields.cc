#include "engines/inprocess/event_fields.h"

#include <cstdio>
#include <ctime>
#include <string>

#include "gen/event.h"

namespace freshbench::inprocess {
namespace {
// The text after "key": (string values without their quotes).
std::optional<std::string_view> ValueOf(std::string_view json, std::string_view key) {
  std::string pattern = "\"" + std::string(key) + "\":";
  size_t pos = json.find(pattern);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += pattern.size();
  while (pos < json.size() && json[pos] == ' ') ++pos;
  if (pos >= json.size()) return std::nullopt;
  if (json[pos] == '"') {
    size_t end = json.find('"', pos + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return json.substr(pos + 1, end - pos - 1);
  }
  size_t end = json.find_first_of(",}", pos);
  if (end == std::string_view::npos) return std::nullopt;
  return json.substr(pos, end - pos);
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
}  // namespace

std::optional<int64_t> ParseUtcMs(std::string_view t) {
  int y, mo, d, h, mi, s, ms = 0;
  if (!Digits(t, 0, 4, &y) || t.size() < 19 || t[4] != '-' || !Digits(t, 5, 2, &mo) ||
      t[7] != '-' || !Digits(t, 8, 2, &d) || (t[10] != 'T' && t[10] != ' ') ||
      !Digits(t, 11, 2, &h) || t[13] != ':' || !Digits(t, 14, 2, &mi) || t[16] != ':' ||
      !Digits(t, 17, 2, &s)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (t.size() > 19 && t[19] == '.') {
    // Up to three fraction digits count; more are truncated.
    int scale = 100;
    for (size_t i = 20; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      ms += (t[i] - '0') * scale;
      scale /= 10;
      if (scale == 0) break;
    }
  }
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + static_cast<int64_t>(s) * 1000 + ms;
}

std::string FormatUtcMs(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

std::optional<EventFields> ParseEventFields(std::string_view json) {
  EventFields f;
  auto id = ValueOf(json, "event_id");
  auto region = ValueOf(json, "region");
  auto amount = ValueOf(json, "amount");
  auto time = ValueOf(json, "event_time");
  if (!id || !region || !amount || !time) return std::nullopt;
  f.event_id = *id;
  for (size_t i = 0; i < gen::kRegions.size(); ++i) {
    if (gen::kRegions[i] == *region) f.region = static_cast<int>(i);
  }
  if (f.region < 0) return std::nullopt;
  // amount: digits, optional '.', up to two decimals → cents.
  int64_t whole = 0, cents = 0;
  size_t i = 0;
  const std::string_view a = *amount;
  for (; i < a.size() && a[i] >= '0' && a[i] <= '9'; ++i) whole = whole * 10 + (a[i] - '0');
  if (i == 0) return std::nullopt;
  if (i < a.size() && a[i] == '.') {
    int digits = 0;
    for (++i; i < a.size() && a[i] >= '0' && a[i] <= '9' && digits < 2; ++i, ++digits)
      cents = cents * 10 + (a[i] - '0');
    if (digits == 1) cents *= 10;
  }
  f.amount_cents = whole * 100 + cents;
  auto t = ParseUtcMs(*time);
  if (!t) return std::nullopt;
  f.event_time_ms = *t;
  return f;
}

}  // namespace freshbench::inprocess
