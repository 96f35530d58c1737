// ClickHouseDriver: the Driver for ClickHouse over its HTTP interface
// (libcurl). Every statement is POSTed with default_format=JSONCompact, so
// SELECTs come back as JSON and DDL as an empty body. Reused by every
// ClickHouse pattern.
//
// Thread safety: one driver per thread (it owns one curl handle).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/endpoints.h"
#include "engines/clickhouse/curl_easy.h"
#include "engines/driver.h"

namespace freshbench {

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
  // Errors: kUnavailable (cannot connect), kTimeout, kServerError carrying
  // the server's own message ("Code: 60: Table x doesn't exist").
  Result<ResultSet> Execute(const std::string& sql) override;
  // now64(3) on ClickHouse >= 20; before that the freshbench_clock
  // dictionary when the server has it (millisecond clock, see
  // patterns/p1-clickhouse/README.md), else now() with 1000 ms resolution.
  Result<int64_t> EngineNowMs() override;
  int EngineClockResolutionMs() const override { return clock_resolution_ms_; }

 private:
  Result<std::string> Post(const std::string& sql);

  ClickHouseOptions options_;
  CurlEasy curl_;
  std::optional<std::string> version_;
  std::optional<std::string> now_sql_;  // the clock query that works here
  int clock_resolution_ms_ = 1;
};

// Registry factory: a ClickHouseDriver on endpoints.clickhouse_url.
Result<std::unique_ptr<Driver>> MakeClickHouseDriver(const Endpoints& endpoints);

// True when a ClickHouse version string ("18.16.1", "24.3.2.23") is below
// `major` (its first number is smaller). Unparseable versions are not below.
bool ClickHouseVersionBelow(const std::string& version, int major);

}  // namespace freshbench
