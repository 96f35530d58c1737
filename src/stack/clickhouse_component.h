// ClickHouseComponent: Debian's clickhouse-server (18.16) run as a plain
// foreground process with a generated config: 127.0.0.1 only, HTTP and
// native ports shifted by FRESHBENCH_PORT_OFFSET, no interserver port (no
// replication), data/tmp/logs under the state dir, user `default` without
// password, UTC. Healthy when GET /ping answers "Ok.".
#pragma once

#include <string>

#include "stack/component.h"

namespace freshbench::stack {

inline constexpr int kClickHouseHttpDefaultPort = 8123;
inline constexpr int kClickHouseNativeDefaultPort = 9000;

struct ClickHouseSettings {
  int http_port = kClickHouseHttpDefaultPort;
  int tcp_port = kClickHouseNativeDefaultPort;
  std::string dir;  // absolute state dir; holds config/, data/, tmp/, logs/
};

// config.xml (root element <yandex>, which 18.16 requires and newer
// releases still accept).
std::string RenderClickHouseConfig(const ClickHouseSettings& s);
// users.xml: user `default`, empty password, loopback only, no quotas.
std::string RenderClickHouseUsers();
// The clickhouse-server binary: PATH first, then /usr/sbin and /usr/bin;
// empty when not installed.
std::string FindClickHouseServer();

class ClickHouseComponent : public Component {
 public:
  explicit ClickHouseComponent(const StackContext& ctx);

  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Result<ProcessSpec> Launch() const override;
  Status CheckHealth() const override;
  std::string Describe() const override;
  std::string log_path() const override { return state_dir() + "/logs/clickhouse-server.log"; }
  std::chrono::seconds start_timeout() const override { return std::chrono::seconds(60); }

  std::string http_url() const;

 private:
  ClickHouseSettings settings() const;
};

}  // namespace freshbench::stack
