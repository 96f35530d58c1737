// The seed's phase-3 services as local stack components, all plain JVM
// processes from fetched jars (scripts/fetch-jars.sh fluss flink):
//
//   zookeeper          Fluss's shaded ZooKeeper (QuorumPeerMain)   2182
//   fluss-coordinator  Fluss CoordinatorServer                     9124
//   fluss              Fluss TabletServer (id 0)                   9125
//   flink-jobmanager   Flink StandaloneSessionClusterEntrypoint    8081 REST, 6126 RPC
//   flink-taskmanager  Flink TaskManagerRunner (no fixed port)
//   flink              Flink SQL Gateway                           8083
//
// Ports shift by FRESHBENCH_PORT_OFFSET. ZooKeeper and Fluss sit one above
// their usual 2181/9123 so that all of the stack's ports differ modulo 100
// (2181 ~ Flink 8081, 9123 ~ ClickHouse 8123). Each names what it needs, so
// `stack up --with flink` brings up Kafka, ZooKeeper, Fluss and the whole
// Flink cluster; `--with fluss` only ZooKeeper and Fluss. None is started
// by a plain `stack up` (they need ~6 GiB between them).
//
// The Paimon lake is the directory <home>/data/paimon (Fluss's
// datalake.paimon.warehouse; the Flink driver's ${paimon_warehouse}).
// Flink's memory settings come from Flink's own BashJavaUtils, as its
// scripts do, run in Prepare().
#pragma once

#include <string>
#include <vector>

#include "stack/component.h"

namespace freshbench::stack {

inline constexpr int kZooKeeperDefaultPort = 2182;
inline constexpr int kFlussCoordinatorDefaultPort = 9124;
inline constexpr int kFlussTabletDefaultPort = 9125;
inline constexpr int kFlinkRestDefaultPort = 8081;
inline constexpr int kFlinkRpcDefaultPort = 6126;
inline constexpr int kSqlGatewayDefaultPort = 8083;

// Heap and process sizes for a 2-core, 24 GiB machine shared with Kafka and
// ClickHouse.
struct LakeSizes {
  std::string zookeeper_heap = "128m";
  std::string fluss_coordinator_heap = "512m";
  std::string fluss_tablet_heap = "1g";
  std::string jobmanager_process = "1024m";
  std::string taskmanager_process = "3072m";
  // Each batch query of a run is a job on a slot of its own: the ingest and
  // tiering jobs take two, and P2 + P3 probe with up to six at once (Q3,
  // markers, Q1/Q2). With fewer, queries wait for a slot and the run would
  // measure its own queueing as an engine stall.
  int taskmanager_slots = 8;
  std::string gateway_heap = "512m";
};

// The lake warehouse directory for `home`.
std::string PaimonWarehouse(const std::string& home);

// Renderers (pure, for tests and for the configs the components write).
std::string RenderZooKeeperConfig(int port, const std::string& data_dir);
std::string RenderFlussServerYaml(int zk_port, int port, const std::string& data_dir,
                                  const std::string& remote_dir, const std::string& warehouse,
                                  int tablet_id /* -1: coordinator */);
std::string RenderFlinkConfigYaml(int rest_port, int rpc_port, int gateway_port, const std::string& data_dir,
                                  const LakeSizes& sizes);
// Parses BashJavaUtils' output: the two BASH_JAVA_UTILS_EXEC_RESULT lines
// (JVM flags, then -D settings) split into words. InvalidArgument when
// fewer than two such lines are present.
Result<std::pair<std::vector<std::string>, std::vector<std::string>>> ParseBashJavaUtils(
    const std::string& output);
// Flink's Java 17 module flags (its default env.java.opts.all).
const std::vector<std::string>& FlinkJava17Flags();

class ZooKeeperComponent : public Component {
 public:
  explicit ZooKeeperComponent(const StackContext& ctx) : Component(ctx, "zookeeper") {}
  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Result<ProcessSpec> Launch() const override;
  Status CheckHealth() const override;  // "ruok" -> "imok"
  std::string log_path() const override { return state_dir() + "/logs/zookeeper.log"; }
};

class FlussComponent : public Component {
 public:
  enum class Role { kCoordinator, kTablet };
  FlussComponent(const StackContext& ctx, Role role);
  std::vector<std::string> requires_components() const override;
  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Result<ProcessSpec> Launch() const override;
  Status CheckHealth() const override;
  std::string Describe() const override;
  std::string log_path() const override { return state_dir() + "/logs/" + name() + ".log"; }

 private:
  int port() const;
  Role role_;
};

class FlinkComponent : public Component {
 public:
  enum class Role { kJobManager, kTaskManager, kSqlGateway };
  FlinkComponent(const StackContext& ctx, Role role);
  std::vector<std::string> requires_components() const override;
  std::vector<PortSpec> ports() const override;
  Status Prepare() override;
  Result<ProcessSpec> Launch() const override;
  Status CheckHealth() const override;
  std::string Describe() const override;
  std::string log_path() const override { return state_dir() + "/logs/" + name() + ".log"; }
  std::chrono::seconds start_timeout() const override { return std::chrono::seconds(120); }

 private:
  std::string ConfDir() const;
  std::string RestUrl() const;
  Role role_;
};

}  // namespace freshbench::stack
