// EngineSettings: each engine's endpoint and options, read by one mechanism
// for every engine (like OpenMessaging Benchmark's driver files and kcat's
// -X). A driver declares its settings (EngineSetting: key, environment
// variable, default); this reads them, the first found winning:
//
//   1. a flag        -E clickhouse.url=http://host:8123   (any command)
//   2. the variable  FRESHBENCH_CLICKHOUSE=http://host:8123
//   3. the file      FRESHBENCH_CONFIG, default <FRESHBENCH_HOME>/config.yaml:
//                      clickhouse:
//                        url: http://host:8123
//                    (`starrocks: mysql://...`, a scalar, sets the engine's
//                    endpoint setting)
//   4. the default   "http://127.0.0.1:{port:8123}", {port:N} being N +
//                    FRESHBENCH_PORT_OFFSET
//
// Nothing here names an engine: a new engine needs no new field.
//
// Thread safety: immutable after FromEnvironment; SetFlags is called once by
// main() before any command runs.
#pragma once

#include <map>
#include <string>

#include "common/status.h"

namespace freshbench {

// One setting a driver declares.
struct EngineSetting {
  std::string key;            // "url": -E <engine>.url, <engine>: {url: ...} in the file
  std::string env;            // "FRESHBENCH_CLICKHOUSE"; empty: none
  std::string default_value;  // may hold {port:N}; empty: not configured by default
  std::string help;           // one line: what it is
  bool endpoint = false;      // the engine's address: `<engine>: value` in the file sets it
};

// A setting's value and where it came from ("-E clickhouse.url",
// "FRESHBENCH_CLICKHOUSE", "<file>: clickhouse.url", "default"), for messages.
struct SettingValue {
  std::string value;
  std::string source;
};

class EngineSettings {
 public:
  // No flags, no environment, no file: every setting has its default.
  EngineSettings() = default;

  // The -E flags given to this process, the FRESHBENCH_* environment, and
  // the config file (FRESHBENCH_CONFIG, default <home>/config.yaml; a
  // missing file is no error, an unreadable one is reported by Get).
  static EngineSettings FromEnvironment(const std::string& home, int port_offset);

  // main(): the process's -E flags ("engine.key" -> value).
  static void SetFlags(std::map<std::string, std::string> flags);

  // `engine`'s value of `setting`. The file's error (kInvalidArgument
  // naming it) when the file cannot be read or the engine's entry in it is
  // neither a value nor a map of values.
  Result<SettingValue> Get(const std::string& engine, const EngineSetting& setting) const;
  // Get's value; the setting's default when the file is unreadable (for
  // callers that checked file_status first, as MakeDriver does).
  std::string Value(const std::string& engine, const EngineSetting& setting) const;

  // Sources, settable for tests and callers that know better.
  std::map<std::string, std::string> flags;        // "engine.key" -> value
  std::map<std::string, std::string> environment;  // variable -> non-empty value
  std::string config_path;
  std::map<std::string, std::string> file;  // "engine.key" -> value; "engine" for a scalar
  Status file_status;                       // why the file could not be read
  int port_offset = 0;

  // Reads `path` into `file` (a missing file leaves it empty).
  void LoadFile(const std::string& path);
};

}  // namespace freshbench
