// Endpoints: where each engine is reached. Defaults match the local stack
// (deploy/local/); each can be overridden by an environment variable and
// then by a command-line flag (flag beats env beats default).
//
// FRESHBENCH_PORT_OFFSET=N adds N to every default port (clients and the
// local stack alike), so two stacks can run side by side on one machine.
// FRESHBENCH_HOME (default ./.freshbench) holds fetched jars and stack state.
// The default Kafka bootstrap lists every broker of the local cluster that
// `stack up --brokers N` remembered there (config/local_kafka.h).
#pragma once

#include <string>

namespace freshbench {

struct Endpoints {
  // Default: every local broker, "127.0.0.1:9092,127.0.0.1:9112,...".
  std::string kafka_bootstrap = "127.0.0.1:9092";         // FRESHBENCH_KAFKA
  std::string clickhouse_url = "http://127.0.0.1:8123";   // FRESHBENCH_CLICKHOUSE
  std::string flink_rest_url = "http://127.0.0.1:8081";   // FRESHBENCH_FLINK
  std::string sql_gateway_url = "http://127.0.0.1:8083";  // FRESHBENCH_SQL_GATEWAY
  std::string fluss_bootstrap = "127.0.0.1:9124";         // FRESHBENCH_FLUSS
  // StarRocks FE as mysql://user[:password]@host:port; empty = not configured.
  std::string starrocks_url;           // FRESHBENCH_STARROCKS
  std::string topic = "transactions";  // FRESHBENCH_TOPIC

  int port_offset = 0;               // FRESHBENCH_PORT_OFFSET
  std::string home = ".freshbench";  // FRESHBENCH_HOME
  // Brokers of the local Kafka cluster, as remembered in <home>/stack/.
  int kafka_brokers = 1;

  // Adds port_offset to a default port.
  int Port(int default_port) const { return default_port + port_offset; }

  // Defaults (shifted by FRESHBENCH_PORT_OFFSET) overlaid with whatever FRESHBENCH_* variables are
  // set.
  static Endpoints FromEnvironment();
};

}  // namespace freshbench
