// ClickHouseDriver: the Driver for ClickHouse over its HTTP interface
// (libcurl). Every statement is POSTed with default_format=JSONCompact, so
// SELECTs come back as JSON and DDL as an empty body. Reused by every
// ClickHouse pattern.
//
// Every call carries a fresh `query_id` (LastStatementHandle() names it), so
// a stalled one is findable in system.processes / system.query_log. A call
// that times out or is cancelled is aborted on the client and then killed on
// the server (KILL QUERY ... ASYNC, from a second connection), since
// ClickHouse goes on with a query whose client has gone.
//
// Thread safety: one driver per thread (it owns one curl handle).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/endpoints.h"
#include "engines/clickhouse/curl_easy.h"
#include "engines/driver.h"
#include "engines/engine_info.h"

namespace freshbench {

// Where EngineNowMs() reads the clock; known after its first call.
enum class ClickHouseClockSource {
  kUnknown,     // not asked yet
  kNow64,       // now64(3): ClickHouse >= 20, milliseconds at execution
  kDictionary,  // the freshbench_clock dictionary (runs `date`): ms at execution
  kSeconds,     // now(): whole seconds at execution
};
// What Clock() says for each source (all are clocks read at execution).
EngineClock DescribeClickHouseClock(ClickHouseClockSource source);

struct ClickHouseOptions {
  // Base URL of the HTTP interface; user:password@ in it is honoured.
  std::string url = "http://127.0.0.1:8123";
  long connect_timeout_ms = 3000;  // give up connecting after this long
  long query_timeout_ms = 300000;  // give up on one statement after this long
};

class ClickHouseDriver : public Driver {
 public:
  explicit ClickHouseDriver(ClickHouseOptions options);

  std::string Name() const override { return "clickhouse"; }
  // `SELECT version()`, cached after the first success.
  Result<std::string> ServerVersion() override;
  // Errors: kUnavailable (cannot connect), kTimeout (client-side bound,
  // plus max_execution_time on the server when options.timeout_ms is set),
  // kCancelled, kServerError carrying the server's own message ("Code: 60:
  // Table x doesn't exist").
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string& sql, const CallOptions& options) override;
  // "clickhouse query_id fb-..." of the last call.
  std::string LastStatementHandle() const override;
  EngineClock Clock() const override { return DescribeClickHouseClock(clock_source_); }
  void SetStatementTimeoutMs(int64_t ms) override;
  // now64(3) on ClickHouse >= 20; before that the freshbench_clock
  // dictionary when the server has it (millisecond clock, see
  // patterns/p1-clickhouse/README.md), else now() with 1000 ms resolution.
  Result<int64_t> EngineNowMs() override;
  int EngineClockResolutionMs() const override { return clock_resolution_ms_; }

 private:
  Result<std::string> Post(const std::string& sql, const CallOptions& options);
  // Best effort: the server stops a query whose client gave up on it.
  void KillQuery(const std::string& query_id);

  ClickHouseOptions options_;
  CurlEasy curl_;
  CurlEasy kill_curl_;    // a second connection: the first may be mid-transfer
  std::string query_id_;  // of the last call
  ClickHouseClockSource clock_source_ = ClickHouseClockSource::kUnknown;
  std::optional<std::string> version_;
  std::optional<std::string> now_sql_;  // the clock query that works here
  int clock_resolution_ms_ = 1;
};

// The engine `clickhouse` (engines/driver_registry.cc): setting `url`
// (FRESHBENCH_CLICKHOUSE, default http://127.0.0.1:8123), served by the
// local stack's `clickhouse`.
EngineInfo ClickHouseEngine();

// True when a ClickHouse version string ("18.16.1", "24.3.2.23") is below
// `major` (its first number is smaller). Unparseable versions are not below.
bool ClickHouseVersionBelow(const std::string& version, int major);

}  // namespace freshbench
