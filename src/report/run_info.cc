#include "report/run_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>

namespace freshbench {
namespace {
std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\"");
  size_t e = s.find_last_not_of(" \t\"\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The value after "key" and a separator in the first line that starts with key.
std::string FieldOf(const std::string& path, const std::string& key, char sep) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    size_t pos = line.find(sep);
    if (pos != std::string::npos) return Trim(line.substr(pos + 1));
  }
  return "";
}
}  // namespace

MachineInfo MachineInfo::Detect() {
  MachineInfo m;
  m.cpu_model = FieldOf("/proc/cpuinfo", "model name", ':');
  m.cores = static_cast<int>(std::thread::hardware_concurrency());
  std::string mem = FieldOf("/proc/meminfo", "MemTotal", ':');  // "24589932 kB"
  if (!mem.empty()) m.memory_gib = std::stod(mem) / (1024.0 * 1024.0);
  m.os = FieldOf("/etc/os-release", "PRETTY_NAME", '=');
  struct utsname u{};
  if (uname(&u) == 0) {
    m.os += (m.os.empty() ? "" : ", ") + std::string(u.sysname) + " " + u.release;
    m.hostname = u.nodename;
  }
  return m;
}

void to_json(nlohmann::json& j, const MachineInfo& m) {
  j = {{"cpu_model", m.cpu_model}, {"cores", m.cores}, {"memory_gib", m.memory_gib},
       {"os", m.os}, {"hostname", m.hostname}};
}
void from_json(const nlohmann::json& j, MachineInfo& m) {
  m.cpu_model = j.value("cpu_model", std::string());
  m.cores = j.value("cores", 0);
  m.memory_gib = j.value("memory_gib", 0.0);
  m.os = j.value("os", std::string());
  m.hostname = j.value("hostname", std::string());
}

void to_json(nlohmann::json& j, const BuildInfo& b) {
  j = {{"version", b.version}, {"git_rev", b.git_rev}, {"build_type", b.build_type}};
}
void from_json(const nlohmann::json& j, BuildInfo& b) {
  b.version = j.value("version", std::string());
  b.git_rev = j.value("git_rev", std::string());
  b.build_type = j.value("build_type", std::string());
}

void to_json(nlohmann::json& j, const PatternInfo& p) {
  j = {{"id", p.id},
       {"name", p.name},
       {"engine", p.engine},
       {"engine_version", p.engine_version},
       {"description", p.description},
       {"settings", p.settings}};
  if (!p.contention.empty()) j["contention"] = p.contention;
  j["clock"] = {{"measurable", p.clock_measurable}, {"how", p.clock_how}, {"note", p.clock_note}};
  j["clock"]["skew_ms"] = p.skew_ms ? nlohmann::json(*p.skew_ms) : nlohmann::json(nullptr);
  j["clock"]["skew_uncertainty_ms"] =
      p.skew_uncertainty_ms ? nlohmann::json(*p.skew_uncertainty_ms) : nlohmann::json(nullptr);
  if (p.failed_ms) {
    j["failed_ms"] = *p.failed_ms;
    j["failure"] = p.failure;
  }
}
void from_json(const nlohmann::json& j, PatternInfo& p) {
  p.id = j.value("id", std::string());
  p.name = j.value("name", std::string());
  p.engine = j.value("engine", std::string());
  p.engine_version = j.value("engine_version", std::string());
  p.description = j.value("description", std::string());
  p.settings = j.value("settings", nlohmann::json::object());
  p.contention = j.value("contention", std::string());
  if (auto c = j.find("clock"); c != j.end() && c->is_object()) {
    p.clock_measurable = c->value("measurable", true);
    p.clock_how = c->value("how", std::string());
    p.clock_note = c->value("note", std::string());
    if (auto v = c->find("skew_ms"); v != c->end() && v->is_number()) p.skew_ms = v->get<double>();
    if (auto v = c->find("skew_uncertainty_ms"); v != c->end() && v->is_number())
      p.skew_uncertainty_ms = v->get<double>();
  }
  if (auto f = j.find("failed_ms"); f != j.end() && f->is_number()) {
    p.failed_ms = f->get<int64_t>();
    p.failure = j.value("failure", std::string());
  }
}

void to_json(nlohmann::json& j, const SkippedPattern& s) {
  j = {{"id", s.id}, {"name", s.name}, {"reason", s.reason}};
}
void from_json(const nlohmann::json& j, SkippedPattern& s) {
  s.id = j.value("id", std::string());
  s.name = j.value("name", std::string());
  s.reason = j.value("reason", std::string());
}

void to_json(nlohmann::json& j, const FaultWindow& f) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  j = {{"spec", f.spec},     {"target", f.target},         {"action", f.action},
       {"at_s", f.at_s},     {"duration_s", opt(f.duration_s)}, {"start_ms", opt(f.start_ms)},
       {"end_ms", opt(f.end_ms)}, {"how", f.how},            {"error", f.error}};
}
void from_json(const nlohmann::json& j, FaultWindow& f) {
  f.spec = j.value("spec", std::string());
  f.target = j.value("target", std::string());
  f.action = j.value("action", std::string());
  f.at_s = j.value("at_s", 0.0);
  if (auto v = j.find("duration_s"); v != j.end() && v->is_number()) f.duration_s = v->get<double>();
  if (auto v = j.find("start_ms"); v != j.end() && v->is_number()) f.start_ms = v->get<int64_t>();
  if (auto v = j.find("end_ms"); v != j.end() && v->is_number()) f.end_ms = v->get<int64_t>();
  f.how = j.value("how", std::string());
  f.error = j.value("error", std::string());
}

void to_json(nlohmann::json& j, const RunInfo& r) {
  j = {{"run_id", r.run_id},       {"started_ms", r.started_ms}, {"finished_ms", r.finished_ms},
       {"status", r.status},       {"note", r.note},             {"settings", r.settings},
       {"machine", r.machine},     {"build", r.build},           {"patterns", r.patterns},
       {"skipped", r.skipped},     {"exit_code", r.exit_code}};
  if (!r.faults.empty()) j["faults"] = r.faults;
}
void from_json(const nlohmann::json& j, RunInfo& r) {
  r.run_id = j.value("run_id", std::string());
  r.started_ms = j.value("started_ms", int64_t{0});
  r.finished_ms = j.value("finished_ms", int64_t{0});
  r.status = j.value("status", std::string("unknown"));
  r.note = j.value("note", std::string());
  r.exit_code = j.value("exit_code", 0);
  r.settings = j.value("settings", nlohmann::json::object());
  if (j.contains("machine")) r.machine = j.at("machine").get<MachineInfo>();
  if (j.contains("build")) r.build = j.at("build").get<BuildInfo>();
  if (j.contains("patterns")) r.patterns = j.at("patterns").get<std::vector<PatternInfo>>();
  if (j.contains("skipped")) r.skipped = j.at("skipped").get<std::vector<SkippedPattern>>();
  if (j.contains("faults")) r.faults = j.at("faults").get<std::vector<FaultWindow>>();
}

}  // namespace freshbench
