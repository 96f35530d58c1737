// ProcessRecord: what `stack up` writes next to a running engine so that a
// later `stack status` or `stack down` (another freshbench process) finds
// it again: pid, kernel start time (guards against pid reuse), wall-clock
// start, ports and log file. Stored as `key=value` lines in
// <state dir>/<component>.pid.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace freshbench::stack {

struct ProcessRecord {
  pid_t pid = -1;
  uint64_t start_ticks = 0;   // /proc/<pid>/stat field 22
  int64_t started_at_ms = 0;  // UTC milliseconds since the epoch
  std::vector<int> ports;     // the ports it listens on
  std::string log_path;       // the log to read when it misbehaves

  // Serialises to `key=value` lines.
  std::string ToText() const;
  // Parses ToText()'s output; InvalidArgument names the bad line.
  static Result<ProcessRecord> FromText(const std::string& text);

  // Writes atomically (temp file + rename).
  Status WriteFile(const std::string& path) const;
  // NotFound when the file does not exist.
  static Result<ProcessRecord> ReadFile(const std::string& path);
};

}  // namespace freshbench::stack
