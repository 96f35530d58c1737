#include "engines/inprocess/event_fields.h"

#include <string>

#include "common/timestamp.h"
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

}  // namespace

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
  auto t = ParseDateTimeTextMs(*time);
  if (!t.ok()) return std::nullopt;
  f.event_time_ms = *t;
  return f;
}

}  // namespace freshbench::inprocess
