#include "engines/driver_registry.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <utility>

#include "engines/clickhouse/clickhouse_driver.h"
#include "engines/flink/flink_driver.h"
#include "engines/inprocess/inprocess_driver.h"
#include "engines/starrocks/starrocks_driver.h"

namespace freshbench {
namespace {

std::mutex& TableMutex() {
  static std::mutex mu;
  return mu;
}

// One line per engine.
std::deque<EngineInfo>& Table() {  // a deque: FindEngine's pointers outlive RegisterEngine
  static std::deque<EngineInfo> table = {
      ClickHouseEngine(),
      StarRocksEngine(),
      inprocess::InProcessEngine(),
      FlinkEngine(),
  };
  return table;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

const EngineInfo* FindEngine(const std::string& name) {
  std::lock_guard<std::mutex> lock(TableMutex());
  for (const EngineInfo& e : Table()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

void RegisterEngine(EngineInfo info) {
  std::lock_guard<std::mutex> lock(TableMutex());
  auto& table = Table();
  for (EngineInfo& e : table) {
    if (e.name == info.name) {
      e = std::move(info);
      return;
    }
  }
  table.push_back(std::move(info));
}

Result<std::unique_ptr<Driver>> MakeDriver(const std::string& engine, const Endpoints& endpoints) {
  const EngineInfo* info = FindEngine(engine);
  if (info == nullptr) {
    return Status::InvalidArgument("unknown engine '" + engine + "' (known: " +
                                   Join(RegisteredEngines()) + ")");
  }
  FB_RETURN_IF_ERROR(endpoints.engines.file_status);
  return info->make(endpoints);
}

std::vector<std::string> RegisteredEngines() {
  std::vector<std::string> names;
  {
    std::lock_guard<std::mutex> lock(TableMutex());
    for (const auto& entry : Table()) names.push_back(entry.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::string> EngineSettingValue(const Endpoints& endpoints, const std::string& engine,
                                       const std::string& key) {
  FB_RETURN_IF_ERROR(CheckEngineSettingName(engine + "." + key));
  for (const EngineSetting& s : FindEngine(engine)->settings) {
    if (s.key == key) {
      auto v = endpoints.engines.Get(engine, s);
      if (!v.ok()) return v.status();
      return v->value;
    }
  }
  return Status::Internal("unreachable");
}

Status CheckEngineSettingName(const std::string& name) {
  const size_t dot = name.find('.');
  if (dot != std::string::npos) {
    if (const EngineInfo* info = FindEngine(name.substr(0, dot))) {
      for (const EngineSetting& s : info->settings) {
        if (s.key == name.substr(dot + 1)) return Status::Ok();
      }
    }
  }
  return Status::InvalidArgument("'" + name + "' is no engine setting (known: " +
                                 Join(EngineSettingNames()) + ")");
}

std::vector<std::string> EngineSettingNames() {
  std::vector<std::string> names;
  {
    std::lock_guard<std::mutex> lock(TableMutex());
    for (const EngineInfo& e : Table())
      for (const EngineSetting& s : e.settings) names.push_back(e.name + "." + s.key);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace freshbench
