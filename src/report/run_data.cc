#include "report/run_data.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/results_writer.h"

namespace freshbench {
namespace {
template <typename T, typename Fn>
void ReadLines(const std::string& path, int* skipped, Fn&& add) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    try {
      add(nlohmann::json::parse(line));
    } catch (const std::exception&) {
      ++*skipped;
    }
  }
}
}  // namespace

std::string ResolveRunDir(const std::string& results_root, const std::string& run) {
  namespace fs = std::filesystem;
  if (fs::exists(fs::path(run) / kRunInfoFile)) return run;
  return (fs::path(results_root) / run).string();
}

Result<RunData> LoadRunData(const std::string& dir) {
  RunData d;
  d.dir = dir;
  const std::string info_path = dir + "/" + kRunInfoFile;
  std::ifstream in(info_path);
  if (!in) return Status::NotFound("no run found at " + dir + " (missing " + kRunInfoFile + ")");
  try {
    std::stringstream ss;
    ss << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(ss.str());
    d.info = j.get<RunInfo>();
    d.exit_code_known = j.contains("exit_code") && j["exit_code"].is_number();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(info_path + " is not valid: " + e.what());
  }
  int* bad = &d.skipped_lines;
  ReadLines<PhasedSample>(dir + "/" + kSamplesFile, bad, [&](const nlohmann::json& j) {
    PhasedSample p{j.get<QuerySample>(), j.value("phase", std::string()), std::nullopt};
    if (j.contains("step") && j["step"].is_number_integer()) p.step = j["step"].get<int>();
    d.samples.push_back(std::move(p));
  });
  ReadLines<MarkerSample>(dir + "/" + kMarkersFile, bad, [&](const nlohmann::json& j) {
    d.markers.push_back(j.get<MarkerSample>());
  });
  ReadLines<GeneratorSample>(dir + "/" + kGeneratorFile, bad, [&](const nlohmann::json& j) {
    d.generator.push_back(j.get<GeneratorSample>());
  });
  ReadLines<PhaseEvent>(dir + "/" + kPhasesFile, bad, [&](const nlohmann::json& j) {
    d.phases.push_back(j.get<PhaseEvent>());
  });
  ReadLines<FootprintSample>(dir + "/" + kFootprintFile, bad, [&](const nlohmann::json& j) {
    d.footprint.push_back(j.get<FootprintSample>());
  });
  ReadLines<CompletenessRecord>(dir + "/" + kCompletenessFile, bad,
                                [&](const nlohmann::json& j) {
                                  d.completeness.push_back(j.get<CompletenessRecord>());
                                });
  return d;
}

}  // namespace freshbench
