#include "patterns/runner_spec.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "patterns/yaml_keys.h"

namespace freshbench {
namespace fs = std::filesystem;

Result<RunnerSpec> ParseRunnerSpec(const std::string& yaml_text, const Pattern& pattern) {
  const std::string where = pattern.dir + "/runner.yaml";
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
  }
  RunnerSpec spec;
  if (root.IsNull()) return spec;
  FB_RETURN_IF_ERROR(CheckYamlKeys(root, where, {"flink_jobs", "contends_with"}));
  try {
    if (const YAML::Node jobs = root["flink_jobs"]) {
      if (!jobs.IsSequence()) return Status::InvalidArgument(where + ": flink_jobs must be a list");
      for (const YAML::Node& j : jobs) {
        FB_RETURN_IF_ERROR(CheckYamlKeys(j, where + ": flink_jobs entry", {"name", "sql"}));
        FlinkJobSpec job;
        if (!j["name"] || !j["name"].IsScalar() || j["name"].as<std::string>().empty())
          return Status::InvalidArgument(where + ": every flink_jobs entry needs a name");
        job.name = j["name"].as<std::string>();
        const YAML::Node sql = j["sql"];
        if (sql && sql.IsScalar()) {
          job.sql.push_back(sql.as<std::string>());
        } else if (sql && sql.IsSequence()) {
          for (const YAML::Node& f : sql) job.sql.push_back(f.as<std::string>());
        }
        if (job.sql.empty())
          return Status::InvalidArgument(where + ": flink job '" + job.name + "' names no sql file");
        for (const std::string& f : job.sql) {
          if (!fs::exists(fs::path(pattern.dir) / f))
            return Status::InvalidArgument(where + ": flink job '" + job.name + "': no file " + f);
        }
        spec.flink_jobs.push_back(std::move(job));
      }
    }
    if (const YAML::Node list = root["contends_with"]) {
      if (!list.IsSequence())
        return Status::InvalidArgument(where + ": contends_with must be a list");
      for (const YAML::Node& c : list) {
        FB_RETURN_IF_ERROR(
            CheckYamlKeys(c, where + ": contends_with entry", {"pattern", "while_measuring"}));
        ContentionSpec k;
        k.pattern = c["pattern"] ? c["pattern"].as<std::string>() : "";
        k.while_measuring = c["while_measuring"] ? c["while_measuring"].as<std::string>() : "pause";
        if (k.pattern.empty())
          return Status::InvalidArgument(where + ": every contends_with entry needs a pattern");
        if (k.while_measuring != "pause")
          return Status::InvalidArgument(where + ": while_measuring must be 'pause', not '" +
                                         k.while_measuring + "'");
        spec.contends_with.push_back(std::move(k));
      }
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
  }
  return spec;
}

Result<RunnerSpec> LoadRunnerSpec(const Pattern& pattern) {
  const fs::path path = fs::path(pattern.dir) / "runner.yaml";
  if (!fs::exists(path)) return RunnerSpec{};
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return ParseRunnerSpec(text.str(), pattern);
}

}  // namespace freshbench
