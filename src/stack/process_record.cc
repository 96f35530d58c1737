#include "stack/process_record.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "common/file_text.h"

namespace freshbench::stack {

std::string ProcessRecord::ToText() const {
  std::ostringstream out;
  out << "pid=" << pid << "\n"
      << "start_ticks=" << start_ticks << "\n"
      << "started_at_ms=" << started_at_ms << "\n"
      << "ports=";
  for (size_t i = 0; i < ports.size(); ++i) out << (i ? "," : "") << ports[i];
  out << "\n"
      << "log=" << log_path << "\n";
  return out.str();
}

Result<ProcessRecord> ProcessRecord::FromText(const std::string& text) {
  ProcessRecord r;
  std::istringstream in(text);
  std::string line;
  bool have_pid = false;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos)
      return Status::InvalidArgument("bad process record line '" + line + "'");
    std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 1);
    try {
      if (key == "pid") {
        r.pid = static_cast<pid_t>(std::stol(value));
        have_pid = true;
      } else if (key == "start_ticks") {
        r.start_ticks = std::stoull(value);
      } else if (key == "started_at_ms") {
        r.started_at_ms = std::stoll(value);
      } else if (key == "ports") {
        std::istringstream ps(value);
        std::string p;
        while (std::getline(ps, p, ',')) {
          if (!p.empty()) r.ports.push_back(std::stoi(p));
        }
      } else if (key == "log") {
        r.log_path = value;
      }
      // Unknown keys are skipped: records written by a newer freshbench stay readable.
    } catch (const std::exception&) {
      return Status::InvalidArgument("bad process record line '" + line + "'");
    }
  }
  if (!have_pid || r.pid <= 0) return Status::InvalidArgument("process record without a pid");
  return r;
}

Status ProcessRecord::WriteFile(const std::string& path) const {
  return WriteFileAtomically(path, ToText());
}

Result<ProcessRecord> ProcessRecord::ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no process record at " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = FromText(ss.str());
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

}  // namespace freshbench::stack
