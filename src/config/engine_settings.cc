#include "config/engine_settings.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

extern char** environ;

namespace freshbench {
namespace {

std::map<std::string, std::string>& ProcessFlags() {
  static std::map<std::string, std::string> flags;
  return flags;
}

// "http://127.0.0.1:{port:8123}" -> "http://127.0.0.1:8523" at offset 400.
std::string ShiftPorts(const std::string& text, int port_offset) {
  static const std::regex kPort(R"(\{port:(\d+)\})");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), kPort);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += text.substr(last, it->position() - last);
    out += std::to_string(std::stoi((*it)[1].str()) + port_offset);
    last = it->position() + it->length();
  }
  return out + text.substr(last);
}

}  // namespace

void EngineSettings::SetFlags(std::map<std::string, std::string> flags) {
  ProcessFlags() = std::move(flags);
}

EngineSettings EngineSettings::FromEnvironment(const std::string& home, int port_offset) {
  EngineSettings s;
  s.flags = ProcessFlags();
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry = *e;
    const size_t eq = entry.find('=');
    if (entry.rfind("FRESHBENCH_", 0) == 0 && eq != std::string::npos && eq + 1 < entry.size())
      s.environment[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  s.port_offset = port_offset;
  auto cfg = s.environment.find("FRESHBENCH_CONFIG");
  s.LoadFile(cfg != s.environment.end() ? cfg->second : home + "/config.yaml");
  return s;
}

void EngineSettings::LoadFile(const std::string& path) {
  config_path = path;
  file.clear();
  file_status = Status::Ok();
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return;
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) {
      file_status = Status::InvalidArgument(path + ": expected a YAML map");
      return;
    }
    for (const auto& engine : root) {
      const std::string name = engine.first.as<std::string>();
      const YAML::Node& v = engine.second;
      if (v.IsScalar()) {
        file[name] = v.as<std::string>();
      } else if (v.IsMap()) {
        for (const auto& kv : v) {
          if (!kv.second.IsScalar()) {
            file_status = Status::InvalidArgument(path + ": '" + name + "." +
                                                  kv.first.as<std::string>() +
                                                  "' must be a value");
            return;
          }
          file[name + "." + kv.first.as<std::string>()] = kv.second.as<std::string>();
        }
      } else {
        file_status = Status::InvalidArgument(
            path + ": '" + name + "' must be the engine's address or a map of its settings");
        return;
      }
    }
  } catch (const YAML::Exception& ex) {
    file_status = Status::InvalidArgument(path + ": " + ex.what());
  }
}

Result<SettingValue> EngineSettings::Get(const std::string& engine,
                                         const EngineSetting& setting) const {
  const std::string name = engine + "." + setting.key;
  if (auto f = flags.find(name); f != flags.end()) return SettingValue{f->second, "-E " + name};
  if (!setting.env.empty()) {
    if (auto e = environment.find(setting.env); e != environment.end())
      return SettingValue{e->second, setting.env};
  }
  if (!file_status.ok()) return file_status;
  if (auto f = file.find(name); f != file.end())
    return SettingValue{f->second, config_path + ": " + name};
  if (setting.endpoint) {
    if (auto f = file.find(engine); f != file.end())
      return SettingValue{f->second, config_path + ": " + engine};
  }
  return SettingValue{ShiftPorts(setting.default_value, port_offset), "default"};
}

std::string EngineSettings::Value(const std::string& engine, const EngineSetting& setting) const {
  auto v = Get(engine, setting);
  return v.ok() ? v->value : ShiftPorts(setting.default_value, port_offset);
}

}  // namespace freshbench
