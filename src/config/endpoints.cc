#include "config/endpoints.h"

#include <cstdlib>
#include <string>

#include "config/local_kafka.h"

namespace freshbench {
namespace {
void Overlay(const char* var, std::string* field) {
  if (const char* v = std::getenv(var); v != nullptr && *v != '\0') *field = v;
}
}  // namespace

Endpoints Endpoints::FromEnvironment() {
  Endpoints e;
  if (const char* v = std::getenv("FRESHBENCH_PORT_OFFSET"); v != nullptr && *v != '\0') {
    e.port_offset = std::atoi(v);
  }
  const int o = e.port_offset;
  Overlay("FRESHBENCH_HOME", &e.home);
  // The local cluster as `stack up --brokers N` left it (one broker if never).
  e.kafka_brokers = RememberedBrokers(e.home);
  e.kafka_bootstrap = LocalBootstrap(e.kafka_brokers, o);
  e.clickhouse_url = "http://127.0.0.1:" + std::to_string(8123 + o);
  e.flink_rest_url = "http://127.0.0.1:" + std::to_string(8081 + o);
  e.sql_gateway_url = "http://127.0.0.1:" + std::to_string(8083 + o);
  e.fluss_bootstrap = "127.0.0.1:" + std::to_string(9124 + o);
  Overlay("FRESHBENCH_KAFKA", &e.kafka_bootstrap);
  Overlay("FRESHBENCH_CLICKHOUSE", &e.clickhouse_url);
  Overlay("FRESHBENCH_FLINK", &e.flink_rest_url);
  Overlay("FRESHBENCH_SQL_GATEWAY", &e.sql_gateway_url);
  Overlay("FRESHBENCH_FLUSS", &e.fluss_bootstrap);
  Overlay("FRESHBENCH_STARROCKS", &e.starrocks_url);
  Overlay("FRESHBENCH_TOPIC", &e.topic);
  return e;
}

}  // namespace freshbench
