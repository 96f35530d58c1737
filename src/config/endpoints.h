// Endpoints: where the benchmark's Kafka topic is and where each engine is
// reached. Defaults match the local stack (deploy/local/). Kafka's can be
// overridden by an environment variable and then by a command-line flag
// (flag beats env beats default); each engine's endpoint and options are
// EngineSettings (config/engine_settings.h), declared by its driver.
//
// FRESHBENCH_PORT_OFFSET=N adds N to every default port (clients and the
// local stack alike), so two stacks can run side by side on one machine.
// FRESHBENCH_HOME (default ./.freshbench) holds fetched jars and stack state.
// The default Kafka bootstrap lists every broker of the local cluster that
// `stack up --brokers N` remembered there (config/local_kafka.h).
#pragma once

#include <string>

#include "config/engine_settings.h"

namespace freshbench {

struct Endpoints {
  // Default: every local broker, "127.0.0.1:9092,127.0.0.1:9112,...".
  std::string kafka_bootstrap = "127.0.0.1:9092";  // FRESHBENCH_KAFKA
  std::string topic = "transactions";              // FRESHBENCH_TOPIC
  // Every engine's settings (-X flags, FRESHBENCH_* variables, config file).
  EngineSettings engines;

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
