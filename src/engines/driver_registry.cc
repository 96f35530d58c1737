#include "engines/driver_registry.h"

#include <algorithm>
#include <utility>

#include "engines/clickhouse/clickhouse_driver.h"
#include "engines/starrocks/starrocks_driver.h"
#include "engines/inprocess/inprocess_driver.h"
#include "engines/flink/flink_driver.h"

namespace freshbench {
namespace {

// One line per engine.
const std::vector<std::pair<std::string, DriverFactory>>& Table() {
  static const std::vector<std::pair<std::string, DriverFactory>> table = {
      {"clickhouse", MakeClickHouseDriver},
      {"starrocks", MakeStarRocksDriver},
      {"inprocess", inprocess::MakeInProcessDriver},
      {"flink", MakeFlinkDriver},
  };
  return table;
}

}  // namespace

Result<std::unique_ptr<Driver>> MakeDriver(const std::string& engine, const Endpoints& endpoints) {
  for (const auto& [name, factory] : Table()) {
    if (name == engine) return factory(endpoints);
  }
  std::string known;
  for (const auto& name : RegisteredEngines()) known += (known.empty() ? "" : ", ") + name;
  return Status::InvalidArgument("unknown engine '" + engine + "' (known: " + known + ")");
}

std::vector<std::string> RegisteredEngines() {
  std::vector<std::string> names;
  for (const auto& entry : Table()) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace freshbench
