#include "report/format.h"

#include <cmath>
#include <ctime>

#include <fmt/format.h>

namespace freshbench {

std::string FormatMs(double ms) {
  if (std::isnan(ms)) return kNone;
  const double a = std::fabs(ms);
  if (a < 1) return fmt::format("{:.2f} ms", ms);
  if (a < 10) return fmt::format("{:.1f} ms", ms);
  if (a < 1000) return fmt::format("{:.0f} ms", ms);
  if (a < 120000) return fmt::format("{:.2f} s", ms / 1000.0);
  return fmt::format("{:.1f} min", ms / 60000.0);
}

std::string FormatStat(const nlohmann::json& stats, const char* field) {
  if (!stats.is_object() || !stats.contains(field) || !stats[field].is_number()) return kNone;
  return FormatMs(stats[field].get<double>());
}

std::string FormatElapsed(int64_t ms) {
  const char* sign = ms < 0 ? "-" : "+";
  const int64_t secs = (ms < 0 ? -ms : ms) / 1000;
  return fmt::format("{}{}:{:02d}", sign, secs / 60, secs % 60);
}

std::string FormatCount(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string FormatUtc(int64_t epoch_ms) {
  if (epoch_ms <= 0) return kNone;
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace freshbench
