// DriverRegistry: engine name (pattern.yaml's `engine:`) -> factory. Adding
// an engine is one line in driver_registry.cc's table.
//
// Thread safety: the table is immutable; MakeDriver may be called from any
// thread. Each returned Driver is owned by the caller.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"
#include "engines/driver.h"

namespace freshbench {

using DriverFactory = std::function<Result<std::unique_ptr<Driver>>(const Endpoints&)>;

// A new Driver for `engine` reaching the servers named in `endpoints`.
// Creating one does not contact the server. Fails with kInvalidArgument for
// an unknown engine (the message lists the known ones), or with the
// factory's own error (an endpoint that is not configured).
Result<std::unique_ptr<Driver>> MakeDriver(const std::string& engine, const Endpoints& endpoints);

// Names of every registered engine, sorted.
std::vector<std::string> RegisteredEngines();

}  // namespace freshbench
