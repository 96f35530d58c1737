// EngineInfo: what freshbench knows of one engine, declared by its driver
// folder (ClickHouseEngine() in engines/clickhouse/, ...) and listed by one
// line in engines/driver_registry.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"
#include "config/engine_settings.h"
#include "engines/driver.h"

namespace freshbench {

using DriverFactory = std::function<Result<std::unique_ptr<Driver>>(const Endpoints&)>;

struct EngineInfo {
  std::string name;                     // pattern.yaml's `engine:`
  std::vector<EngineSetting> settings;  // its endpoint and options, read by EngineSettings
  DriverFactory make;                   // reads them from endpoints.engines
  // The local stack's components that serve it (`stack up --with`); none:
  // the engine runs elsewhere or inside freshbench.
  std::vector<std::string> stack_components;
  // Non-empty: those components are slow to start, so a --quick run leaves
  // them out unless one of the engine's patterns is named; the note calls
  // them this ("the Flink + Fluss lake").
  std::string slow_stack;
};

}  // namespace freshbench
