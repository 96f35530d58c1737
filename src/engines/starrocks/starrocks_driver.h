// StarRocksDriver: the Driver for StarRocks (patterns P4-P6), speaking the
// MySQL protocol to a StarRocks FE through MysqlConnection. It works
// against any MySQL-protocol server (the integration tests use MariaDB).
//
// The session is opened on first use and reopened once after it was lost
// or timed out, so one failed query does not poison the next.
//
// Thread safety: one thread at a time (see Driver).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/endpoints.h"
#include "engines/driver.h"
#include "engines/starrocks/mysql_connection.h"
#include "engines/starrocks/mysql_endpoint.h"

namespace freshbench {

// Where StarRocks is, in precedence order: FRESHBENCH_STARROCKS (already in
// endpoints.starrocks_url), then the `starrocks:` key of the YAML file at
// `config_path` (FRESHBENCH_CONFIG, default <FRESHBENCH_HOME>/config.yaml;
// a missing file is not an error). Fails with kNotFound ("no StarRocks
// endpoint ...") when neither names one, kInvalidArgument for a malformed
// URL or file.
Result<MysqlEndpoint> ResolveStarRocksEndpoint(const Endpoints& endpoints);
Result<MysqlEndpoint> ResolveStarRocksEndpoint(const Endpoints& endpoints,
                                               const std::string& config_path);

// Registry factory (engines/driver_registry.cc): a StarRocksDriver on the
// resolved endpoint; kNotFound "no StarRocks endpoint ..." when none is set.
Result<std::unique_ptr<Driver>> MakeStarRocksDriver(const Endpoints& endpoints);

class StarRocksDriver : public Driver {
 public:
  explicit StarRocksDriver(MysqlEndpoint endpoint, MysqlOptions options = {});

  std::string Name() const override { return "starrocks"; }

  // StarRocks' own version ("3.3.0-..." from current_version()); on a
  // server without that function (MariaDB, MySQL) its VERSION().
  Result<std::string> ServerVersion() override;

  // One statement; a trailing ';' is dropped.
  Result<ResultSet> Execute(const std::string& sql) override;

  // NOW(3) in the UTC session, as epoch ms (NOW() on servers without a
  // precision argument: StarRocks before 3.1.6).
  Result<int64_t> EngineNowMs() override;

  const MysqlEndpoint& endpoint() const { return endpoint_; }

 private:
  // Opens the session if there is none or the last one broke.
  Status EnsureConnected();

  MysqlEndpoint endpoint_;
  MysqlOptions options_;
  std::optional<MysqlConnection> conn_;
  std::optional<std::string> version_;
};

}  // namespace freshbench
