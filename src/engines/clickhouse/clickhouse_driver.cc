#include "engines/clickhouse/clickhouse_driver.h"

#include <cstdlib>
#include <utility>

#include "engines/clickhouse/clickhouse_response.h"

namespace freshbench {
namespace {

constexpr const char* kModernNowSql = "SELECT toUnixTimestamp64Milli(now64(3)) AS now_ms";
// Millisecond clock on ClickHouse < 20: an executable complex_key_cache
// dictionary asked with a fresh key each time, so it always runs `date`.
constexpr const char* kDictionaryNowSql =
    "SELECT dictGetUInt64('freshbench_clock', 'now_ms', tuple(toString(rand64()))) AS now_ms";
constexpr const char* kSecondsNowSql = "SELECT toUInt64(now()) * 1000 AS now_ms";

}  // namespace

ClickHouseDriver::ClickHouseDriver(ClickHouseOptions options) : options_(std::move(options)) {
  while (!options_.url.empty() && options_.url.back() == '/') options_.url.pop_back();
}

Result<std::string> ClickHouseDriver::Post(const std::string& sql) {
  // default_format leaves DDL alone and makes every SELECT answer JSONCompact;
  // 64-bit integers unquoted keep the cells plain numbers.
  const std::string url =
      options_.url + "/?default_format=JSONCompact&output_format_json_quote_64bit_integers=0";
  auto response = curl_.Post(url, sql, options_.connect_timeout_ms, options_.query_timeout_ms);
  if (!response.ok()) return response.status().WithContext("ClickHouse");
  if (response->status != 200) {
    if (response->status == 404 || response->body.find("Code:") == std::string::npos) {
      return Status::ServerError("ClickHouse answered HTTP " + std::to_string(response->status) +
                                 ": " + CleanServerError(response->body.substr(0, 300)));
    }
    return Status::ServerError("ClickHouse: " + CleanServerError(response->body));
  }
  return std::move(response->body);
}

Result<ResultSet> ClickHouseDriver::Execute(const std::string& sql) {
  auto body = Post(sql);
  if (!body.ok()) return body.status();
  auto rs = ParseJsonCompact(*body);
  if (!rs.ok()) return rs.status().WithContext("ClickHouse");
  return rs;
}

Result<std::string> ClickHouseDriver::ServerVersion() {
  if (version_) return *version_;
  auto rs = Execute("SELECT version() AS version");
  if (!rs.ok()) return rs.status();
  if (rs->rows.empty() || rs->rows[0].empty() || !rs->rows[0][0])
    return Status::ServerError("ClickHouse: SELECT version() returned no row");
  version_ = *rs->rows[0][0];
  return *version_;
}

Result<int64_t> ClickHouseDriver::EngineNowMs() {
  if (!now_sql_) {
    auto version = ServerVersion();
    if (!version.ok()) return version.status();
    if (!ClickHouseVersionBelow(*version, 20)) {
      now_sql_ = kModernNowSql;
    } else if (Execute(kDictionaryNowSql).ok()) {
      now_sql_ = kDictionaryNowSql;
    } else {
      now_sql_ = kSecondsNowSql;
      clock_resolution_ms_ = 1000;
    }
  }
  auto rs = Execute(*now_sql_);
  if (!rs.ok()) return rs.status();
  if (rs->rows.empty() || rs->rows[0].empty() || !rs->rows[0][0])
    return Status::ServerError("ClickHouse: clock query returned no row");
  return static_cast<int64_t>(std::strtoll(rs->rows[0][0]->c_str(), nullptr, 10));
}

Result<std::unique_ptr<Driver>> MakeClickHouseDriver(const Endpoints& endpoints) {
  if (endpoints.clickhouse_url.empty())
    return Status::InvalidArgument("no ClickHouse endpoint configured (FRESHBENCH_CLICKHOUSE)");
  ClickHouseOptions options;
  options.url = endpoints.clickhouse_url;
  return std::unique_ptr<Driver>(std::make_unique<ClickHouseDriver>(std::move(options)));
}

bool ClickHouseVersionBelow(const std::string& version, int major) {
  char* end = nullptr;
  long first = std::strtol(version.c_str(), &end, 10);
  if (end == version.c_str()) return false;
  return first < major;
}

}  // namespace freshbench
