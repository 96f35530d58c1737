#include "engines/starrocks/routine_load_status.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace freshbench {
namespace {

using nlohmann::json;

std::string Cell(const ResultSet& rs, const std::string& column) {
  const int i = rs.ColumnIndex(column);
  if (i < 0 || rs.rows.empty() || !rs.rows[0][i].has_value()) return "";
  return *rs.rows[0][i];
}

std::optional<int64_t> ToInt(const json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && p == s.data() + s.size()) return out;
  }
  return std::nullopt;
}

// A {"<partition>": "<value>"} column; empty text is an empty map.
Result<json> JsonColumn(const ResultSet& rs, const std::string& column) {
  const std::string text = Cell(rs, column);
  if (text.empty()) return json::object();
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Internal("SHOW ROUTINE LOAD: column " + column +
                            " is not a JSON object: " + text.substr(0, 200));
  }
  return j;
}

}  // namespace

Result<RoutineLoadStatus> RoutineLoadStatus::FromShowRoutineLoad(const ResultSet& rs) {
  if (rs.rows.empty()) return Status::NotFound("no Routine Load job in the answer");
  RoutineLoadStatus s;
  s.name = Cell(rs, "Name");
  s.database = Cell(rs, "DbName");
  s.table = Cell(rs, "TableName");
  s.state = Cell(rs, "State");
  s.reason = Cell(rs, "ReasonOfStateChanged");
  s.error_log_url = Cell(rs, "ErrorLogUrls");

  auto stat = JsonColumn(rs, "Statistic");
  if (!stat.ok()) return stat.status();
  s.loaded_rows = ToInt(stat->value("loadedRows", json(0))).value_or(0);
  s.error_rows = ToInt(stat->value("errorRows", json(0))).value_or(0);
  s.load_rows_rate = ToInt(stat->value("loadRowsRate", json(0))).value_or(0);

  auto progress = JsonColumn(rs, "Progress");
  if (!progress.ok()) return progress.status();
  auto latest = JsonColumn(rs, "LatestSourcePosition");
  if (!latest.ok()) return latest.status();
  auto times = JsonColumn(rs, "TimestampProgress");
  if (!times.ok()) return times.status();

  auto partition_of = [](const std::string& key) -> std::optional<int> {
    int p = 0;
    auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), p);
    if (ec != std::errc() || ptr != key.data() + key.size()) return std::nullopt;
    return p;
  };
  for (auto& [key, v] : progress->items())
    if (auto p = partition_of(key)) s.partitions[*p].consumed_offset = ToInt(v);
  for (auto& [key, v] : latest->items())
    if (auto p = partition_of(key)) s.partitions[*p].end_offset = ToInt(v);
  for (auto& [key, v] : times->items())
    if (auto p = partition_of(key)) s.partitions[*p].consumed_time_ms = ToInt(v);
  for (auto& [p, part] : s.partitions) {
    if (part.consumed_offset && part.end_offset) {
      part.lag_messages = std::max<int64_t>(0, *part.end_offset - (*part.consumed_offset + 1));
    }
  }
  return s;
}

std::optional<int64_t> RoutineLoadStatus::TotalLag() const {
  std::optional<int64_t> total;
  for (const auto& [p, part] : partitions)
    if (part.lag_messages) total = total.value_or(0) + *part.lag_messages;
  return total;
}

std::optional<int64_t> RoutineLoadStatus::OldestConsumedTimeMs() const {
  std::optional<int64_t> oldest;
  for (const auto& [p, part] : partitions)
    if (part.consumed_time_ms && (!oldest || *part.consumed_time_ms < *oldest))
      oldest = part.consumed_time_ms;
  return oldest;
}

}  // namespace freshbench
