// StarRocksDriver: the Driver for StarRocks (patterns P4-P6), speaking the
// MySQL protocol to a StarRocks FE through MysqlConnection. It works
// against any MySQL-protocol server (the integration tests use MariaDB).
//
// The session is opened on first use and reopened once after it was lost
// or timed out, so one failed query does not poison the next.
//
// A call with a bound (CallOptions::timeout_ms, else SetStatementTimeoutMs)
// or a cancel flag is watched by a second thread that polls every 100 ms
// and, past the bound or on cancel, sends KILL QUERY <connection id> from a
// second session; the call then fails with kTimeout or kCancelled and its
// own session stays usable. When that kill cannot be delivered (the FE is
// unreachable), the socket read timeout (MysqlOptions, 600 s) is the only
// bound left.
//
// Thread safety: one thread at a time (see Driver).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/endpoints.h"
#include "engines/driver.h"
#include "engines/engine_info.h"
#include "engines/starrocks/mysql_connection.h"
#include "engines/starrocks/mysql_endpoint.h"

namespace freshbench {

// Where StarRocks is: the engine setting starrocks.url (-E starrocks.url,
// FRESHBENCH_STARROCKS, `starrocks:` in the config file: FRESHBENCH_CONFIG,
// default <FRESHBENCH_HOME>/config.yaml; a missing file is not an error).
// Fails with kNotFound ("no StarRocks endpoint ...") when none names one,
// kInvalidArgument for a malformed URL or file.
Result<MysqlEndpoint> ResolveStarRocksEndpoint(const Endpoints& endpoints);

// The engine `starrocks` (P4-P6): setting `url`, no default; not served by
// the local stack.
EngineInfo StarRocksEngine();

class StarRocksDriver : public Driver {
 public:
  explicit StarRocksDriver(MysqlEndpoint endpoint, MysqlOptions options = {});

  std::string Name() const override { return "starrocks"; }

  // StarRocks' own version ("3.3.0-..." from current_version()); on a
  // server without that function (MariaDB, MySQL) its VERSION().
  Result<std::string> ServerVersion() override;

  // One statement; a trailing ';' is dropped.
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string& sql, const CallOptions& options) override;
  void SetStatementTimeoutMs(int64_t ms) override;
  // "starrocks connection <id>": the session that ran the last statement
  // (SHOW PROCESSLIST names it).
  std::string LastStatementHandle() const override;

  // NOW(3) in the UTC session, as epoch ms (NOW() on servers without a
  // precision argument: StarRocks before 3.1.6).
  Result<int64_t> EngineNowMs() override;
  // NOW(3) is read when the statement executes: a clock.
  EngineClock Clock() const override {
    return {true, "NOW(3) at execution (milliseconds; NOW() whole seconds before 3.1.6)"};
  }
  int EngineClockResolutionMs() const override { return clock_resolution_ms_; }

  const MysqlEndpoint& endpoint() const { return endpoint_; }

 private:
  // Opens the session if there is none or the last one broke.
  Status EnsureConnected();
  // KILL QUERY `id` from a short-lived second session; best effort.
  void KillQuery(unsigned long id);

  MysqlEndpoint endpoint_;
  MysqlOptions options_;
  std::optional<MysqlConnection> conn_;
  std::optional<std::string> version_;
  int64_t default_timeout_ms_ = 0;   // 0: only the socket timeouts bound a call
  unsigned long connection_id_ = 0;  // of the last statement's session
  int clock_resolution_ms_ = 1;      // 1000 once NOW(3) was refused
};

}  // namespace freshbench
