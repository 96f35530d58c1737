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
  Overlay("FRESHBENCH_KAFKA", &e.kafka_bootstrap);
  Overlay("FRESHBENCH_TOPIC", &e.topic);
  e.engines = EngineSettings::FromEnvironment(e.home, o);
  return e;
}

}  // namespace freshbench
