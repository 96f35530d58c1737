// DriverRegistry: engine name (pattern.yaml's `engine:`) -> what freshbench
// knows of it (EngineInfo). Each driver folder declares its engine's
// EngineInfo (e.g. ClickHouseEngine() in engines/clickhouse/); adding an
// engine is that folder, one line in driver_registry.cc's table, and its
// pattern folder: no other file names an engine (tests/unit/
// engine_fixture_test.cc shows it with a fixture engine).
//
// Thread safety: RegisterEngine before other threads start; the rest may be
// called from any thread. Each returned Driver is owned by the caller.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"
#include "engines/driver.h"
#include "engines/engine_info.h"

namespace freshbench {

// A new Driver for `engine` reaching the servers named in `endpoints`.
// Creating one does not contact the server. Fails with kInvalidArgument for
// an unknown engine (the message lists the known ones) or an unreadable
// config file, or with the factory's own error (an endpoint that is not
// configured).
Result<std::unique_ptr<Driver>> MakeDriver(const std::string& engine, const Endpoints& endpoints);

// Names of every registered engine, sorted.
std::vector<std::string> RegisteredEngines();

// The engine called `name`; nullptr when none is.
const EngineInfo* FindEngine(const std::string& name);

// Adds `info` to the table (replacing an engine of the same name). For
// engines built outside src/engines/ (the tests' fixture engine).
void RegisterEngine(EngineInfo info);

// The value of `engine`'s setting `key` (flag, variable, file or default).
// kInvalidArgument for an engine or key that is not declared.
Result<std::string> EngineSettingValue(const Endpoints& endpoints, const std::string& engine,
                                       const std::string& key);

// "engine.key" as an -E flag names: kInvalidArgument listing the declared
// settings when it names none.
Status CheckEngineSettingName(const std::string& name);

// Every declared setting as "engine.key", sorted.
std::vector<std::string> EngineSettingNames();

}  // namespace freshbench
