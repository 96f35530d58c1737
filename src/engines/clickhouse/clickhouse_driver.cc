#include "engines/clickhouse/clickhouse_driver.h"

#include <atomic>
#include <cstdlib>
#include <random>
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

// "fb-<16 hex>-<n>": unique per process run and call.
std::string NewQueryId() {
  static const uint64_t process_tag = [] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }();
  static std::atomic<uint64_t> counter{0};
  char buf[48];
  std::snprintf(buf, sizeof buf, "fb-%016llx-%llu", static_cast<unsigned long long>(process_tag),
                static_cast<unsigned long long>(++counter));
  return buf;
}

// The server's own "took too long" (TIMEOUT_EXCEEDED, max_execution_time)
// is the call's timeout too.
bool IsServerTimeout(const std::string& message) {
  return message.find("Code: 159") != std::string::npos;
}

}  // namespace

EngineClock DescribeClickHouseClock(ClickHouseClockSource source) {
  switch (source) {
    case ClickHouseClockSource::kNow64:
      return {true, "now64(3) at execution (milliseconds)"};
    case ClickHouseClockSource::kDictionary:
      return {true, "freshbench_clock dictionary at execution (milliseconds, ClickHouse < 20)"};
    case ClickHouseClockSource::kSeconds:
      return {true, "now() at execution (whole seconds, ClickHouse < 20 without freshbench_clock)"};
    case ClickHouseClockSource::kUnknown:
      break;
  }
  return {true,
          "now64(3), freshbench_clock or now() at execution (chosen at the first clock read)"};
}

ClickHouseDriver::ClickHouseDriver(ClickHouseOptions options) : options_(std::move(options)) {
  while (!options_.url.empty() && options_.url.back() == '/') options_.url.pop_back();
}

void ClickHouseDriver::SetStatementTimeoutMs(int64_t ms) {
  if (ms > 0) options_.query_timeout_ms = static_cast<long>(ms);
}

std::string ClickHouseDriver::LastStatementHandle() const {
  return query_id_.empty() ? std::string() : "clickhouse query_id " + query_id_;
}

void ClickHouseDriver::KillQuery(const std::string& query_id) {
  const std::string url = options_.url + "/";
  (void)kill_curl_.Post(url, "KILL QUERY WHERE query_id = '" + query_id + "' ASYNC",
                        options_.connect_timeout_ms, 5000);
}

Result<std::string> ClickHouseDriver::Post(const std::string& sql, const CallOptions& options) {
  query_id_ = NewQueryId();
  const long timeout_ms =
      options.timeout_ms > 0 ? static_cast<long>(options.timeout_ms) : options_.query_timeout_ms;
  // default_format leaves DDL alone and makes every SELECT answer JSONCompact;
  // 64-bit integers unquoted keep the cells plain numbers.
  std::string url = options_.url +
                    "/?default_format=JSONCompact&output_format_json_quote_64bit_integers=0"
                    "&query_id=" +
                    query_id_;
  // A per-call bound is the server's too (whole seconds, rounded up), so a
  // stalled query stops there even if the kill below cannot reach it.
  if (options.timeout_ms > 0)
    url += "&max_execution_time=" + std::to_string((options.timeout_ms + 999) / 1000);
  auto response = curl_.Post(url, sql, options_.connect_timeout_ms, timeout_ms, options.cancel);
  if (!response.ok()) {
    const Status::Code code = response.status().code();
    if (code == Status::Code::kTimeout || code == Status::Code::kCancelled) KillQuery(query_id_);
    if (code == Status::Code::kTimeout)
      return Status::Timeout("ClickHouse: query_id " + query_id_ + " did not finish within " +
                             std::to_string(timeout_ms) + " ms (killed)");
    if (code == Status::Code::kCancelled)
      return Status::Cancelled("ClickHouse: query_id " + query_id_ + " cancelled (killed)");
    return response.status().WithContext("ClickHouse");
  }
  if (response->status != 200) {
    if (response->status == 404 || response->body.find("Code:") == std::string::npos) {
      return Status::ServerError("ClickHouse answered HTTP " + std::to_string(response->status) +
                                 ": " + CleanServerError(response->body.substr(0, 300)));
    }
    const std::string message = "ClickHouse: " + CleanServerError(response->body);
    if (IsServerTimeout(message)) return Status::Timeout(message + " (query_id " + query_id_ + ")");
    return Status::ServerError(message);
  }
  return std::move(response->body);
}

Result<ResultSet> ClickHouseDriver::Execute(const std::string& sql, const CallOptions& options) {
  auto body = Post(sql, options);
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
      clock_source_ = ClickHouseClockSource::kNow64;
    } else if (Execute(kDictionaryNowSql).ok()) {
      now_sql_ = kDictionaryNowSql;
      clock_source_ = ClickHouseClockSource::kDictionary;
    } else {
      now_sql_ = kSecondsNowSql;
      clock_source_ = ClickHouseClockSource::kSeconds;
      clock_resolution_ms_ = 1000;
    }
  }
  auto rs = Execute(*now_sql_);
  if (!rs.ok()) return rs.status();
  if (rs->rows.empty() || rs->rows[0].empty() || !rs->rows[0][0])
    return Status::ServerError("ClickHouse: clock query returned no row");
  return static_cast<int64_t>(std::strtoll(rs->rows[0][0]->c_str(), nullptr, 10));
}

namespace {
const EngineSetting kUrl{"url", "FRESHBENCH_CLICKHOUSE", "http://127.0.0.1:{port:8123}",
                         "ClickHouse's HTTP interface", /*endpoint=*/true};
}  // namespace

EngineInfo ClickHouseEngine() {
  EngineInfo e;
  e.name = "clickhouse";
  e.settings = {kUrl};
  e.make = [](const Endpoints& endpoints) -> Result<std::unique_ptr<Driver>> {
    ClickHouseOptions options;
    options.url = endpoints.engines.Value("clickhouse", kUrl);
    if (options.url.empty())
      return Status::InvalidArgument("no ClickHouse endpoint configured (FRESHBENCH_CLICKHOUSE)");
    return std::unique_ptr<Driver>(std::make_unique<ClickHouseDriver>(std::move(options)));
  };
  e.stack_components = {"clickhouse"};
  return e;
}

bool ClickHouseVersionBelow(const std::string& version, int major) {
  char* end = nullptr;
  long first = std::strtol(version.c_str(), &end, 10);
  if (end == version.c_str()) return false;
  return first < major;
}

}  // namespace freshbench
