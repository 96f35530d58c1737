#include "config/endpoints.h"

#include <cstdlib>

namespace freshbench {
namespace {
void Overlay(const char* var, std::string* field) {
  if (const char* v = std::getenv(var); v != nullptr && *v != '\0') *field = v;
}
}  // namespace

Endpoints Endpoints::FromEnvironment() {
  Endpoints e;
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
