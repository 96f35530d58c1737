#include "sweep/sweep_record.h"

#include <fstream>
#include <sstream>

#include "report/results_writer.h"

namespace freshbench {

void to_json(nlohmann::json& j, const SweepStep& s) {
  j = {{"step", s.index},     {"rate", s.rate},   {"from_ms", s.from_ms},
       {"to_ms", s.to_ms},    {"driven", s.driven}};
  j["load_avg_1m"] = s.load_avg_1m ? nlohmann::json(*s.load_avg_1m) : nlohmann::json(nullptr);
}
void from_json(const nlohmann::json& j, SweepStep& s) {
  s.index = j.value("step", 0);
  s.rate = j.value("rate", uint64_t{0});
  s.from_ms = j.value("from_ms", int64_t{0});
  s.to_ms = j.value("to_ms", int64_t{0});
  s.driven = j.value("driven", std::vector<std::string>{});
  if (j.contains("load_avg_1m") && j["load_avg_1m"].is_number()) s.load_avg_1m = j["load_avg_1m"].get<double>();
}
void to_json(nlohmann::json& j, const SweepRecord& r) {
  j = {{"rates", r.rates}, {"step_s", r.step_s},   {"slo", r.slo},
       {"targets", r.targets}, {"steps", r.steps}, {"stopped", r.stopped}};
}
void from_json(const nlohmann::json& j, SweepRecord& r) {
  r.rates = j.value("rates", std::vector<uint64_t>{});
  r.step_s = j.value("step_s", 0.0);
  r.slo = j.value("slo", std::string());
  r.targets = j.value("targets", std::map<std::string, std::string>{});
  r.steps = j.value("steps", std::vector<SweepStep>{});
  r.stopped = j.value("stopped", std::string());
}

Status WriteSweepRecord(const std::string& dir, const SweepRecord& r) {
  return WriteFileAtomically(dir + "/" + kSweepFile, nlohmann::json(r).dump(2) + "\n");
}

Result<SweepRecord> ReadSweepRecord(const std::string& dir) {
  const std::string path = dir + "/" + kSweepFile;
  std::ifstream in(path);
  if (!in) return Status::NotFound("no " + std::string(kSweepFile) + " in " + dir);
  try {
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str()).get<SweepRecord>();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(path + " is not valid: " + e.what());
  }
}

std::optional<double> ReadLoadAverage() {
  std::ifstream in("/proc/loadavg");
  double v = 0;
  if (in >> v) return v;
  return std::nullopt;
}

}  // namespace freshbench
