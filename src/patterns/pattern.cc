#include "patterns/pattern.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "patterns/yaml_keys.h"

namespace freshbench {
namespace fs = std::filesystem;

Status CheckYamlKeys(const YAML::Node& node, const std::string& where,
                 const std::set<std::string>& allowed) {
  if (!node.IsMap()) return Status::InvalidArgument(where + " must be a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (allowed.count(key) == 0) {
      std::string known;
      for (const auto& k : allowed) known += (known.empty() ? "" : ", ") + k;
      return Status::InvalidArgument("unknown key '" + key + "' in " + where + " (known: " + known +
                                     ")");
    }
  }
  return Status::Ok();
}

namespace {

Result<std::string> Scalar(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar()) return Status::InvalidArgument(where + " must be a scalar");
  return node.as<std::string>();
}

Result<std::vector<std::string>> StringList(const YAML::Node& node, const std::string& where) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) return Status::InvalidArgument(where + " must be a list of files");
  for (const auto& item : node) {
    auto s = Scalar(item, where);
    if (!s.ok()) return s.status();
    out.push_back(*s);
  }
  return out;
}

Result<std::map<std::string, std::string>> StringMap(const YAML::Node& node,
                                                     const std::string& where) {
  std::map<std::string, std::string> out;
  if (!node.IsMap()) return Status::InvalidArgument(where + " must be a mapping");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    auto v = Scalar(kv.second, where + "." + key);
    if (!v.ok()) return v.status();
    out[key] = *v;
  }
  return out;
}

Status CheckFile(const std::string& dir, const std::string& file, const std::string& where) {
  if (!fs::is_regular_file(fs::path(dir) / file))
    return Status::InvalidArgument(where + " names '" + file + "', which is not in " + dir);
  return Status::Ok();
}

// Parses what a variant and the base share: setup, teardown, queries, settings.
Status ParseFiles(const YAML::Node& node, const std::string& where,
                  std::optional<std::vector<std::string>>* setup,
                  std::optional<std::vector<std::string>>* teardown,
                  std::map<std::string, std::string>* queries,
                  std::map<std::string, std::string>* settings) {
  if (node["setup"]) {
    auto v = StringList(node["setup"], where + "setup");
    if (!v.ok()) return v.status();
    *setup = *v;
  }
  if (node["teardown"]) {
    auto v = StringList(node["teardown"], where + "teardown");
    if (!v.ok()) return v.status();
    *teardown = *v;
  }
  if (node["queries"]) {
    auto v = StringMap(node["queries"], where + "queries");
    if (!v.ok()) return v.status();
    *queries = *v;
  }
  if (node["settings"]) {
    auto v = StringMap(node["settings"], where + "settings");
    if (!v.ok()) return v.status();
    *settings = *v;
  }
  return Status::Ok();
}

}  // namespace

Result<Pattern> ParsePattern(const std::string& yaml_text, const std::string& dir,
                             bool check_files) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("pattern.yaml in " + dir + ": " + e.what());
  }
  const std::string where = "pattern.yaml in " + dir;
  FB_RETURN_IF_ERROR(CheckYamlKeys(root, where,
                               {"id", "name", "engine", "description", "settings", "setup",
                                "teardown", "queries", "variants", "kafka"}));
  Pattern p;
  p.dir = dir;
  for (const char* key : {"id", "engine"}) {
    if (!root[key]) return Status::InvalidArgument(where + ": '" + key + "' is required");
  }
  auto id = Scalar(root["id"], "id");
  if (!id.ok()) return id.status();
  p.id = *id;
  p.engine = root["engine"].as<std::string>();
  p.name = root["name"] ? root["name"].as<std::string>() : p.id;
  if (root["description"]) p.description = root["description"].as<std::string>();

  std::optional<std::vector<std::string>> setup, teardown;
  FB_RETURN_IF_ERROR(ParseFiles(root, "", &setup, &teardown, &p.queries, &p.settings));
  p.setup = setup.value_or(std::vector<std::string>{});
  p.teardown = teardown.value_or(std::vector<std::string>{});

  if (root["kafka"]) {
    FB_RETURN_IF_ERROR(CheckYamlKeys(root["kafka"], where + ": kafka", {"group", "start_from"}));
    KafkaSource k;
    if (!root["kafka"]["group"])
      return Status::InvalidArgument(where + ": kafka.group is required");
    k.group = root["kafka"]["group"].as<std::string>();
    if (root["kafka"]["start_from"]) k.start_from = root["kafka"]["start_from"].as<std::string>();
    if (k.start_from != "earliest" && k.start_from != "latest")
      return Status::InvalidArgument(where + ": kafka.start_from must be earliest or latest");
    p.kafka = k;
  }

  if (root["variants"]) {
    if (!root["variants"].IsSequence())
      return Status::InvalidArgument(where + ": variants must be a list");
    int i = 0;
    for (const auto& vn : root["variants"]) {
      const std::string vwhere = where + ": variants[" + std::to_string(i++) + "]";
      FB_RETURN_IF_ERROR(
          CheckYamlKeys(vn, vwhere, {"when", "setup", "teardown", "queries", "settings"}));
      PatternVariant v;
      if (!vn["when"]) return Status::InvalidArgument(vwhere + ": 'when' is required");
      FB_RETURN_IF_ERROR(CheckYamlKeys(vn["when"], vwhere + ".when",
                                   {"version_below", "version_at_least", "query_ok"}));
      if (vn["when"]["version_below"])
        v.when.version_below = vn["when"]["version_below"].as<std::string>();
      if (vn["when"]["version_at_least"])
        v.when.version_at_least = vn["when"]["version_at_least"].as<std::string>();
      if (vn["when"]["query_ok"]) v.when.query_ok = vn["when"]["query_ok"].as<std::string>();
      FB_RETURN_IF_ERROR(
          ParseFiles(vn, vwhere + ".", &v.setup, &v.teardown, &v.queries, &v.settings));
      for (const auto& [key, value] : v.settings) {
        if (p.settings.count(key) == 0)
          return Status::InvalidArgument(vwhere + ": setting '" + key +
                                         "' is not declared in the top-level settings");
      }
      p.variants.push_back(std::move(v));
    }
  }

  if (check_files) {
    auto check_all = [&](const std::vector<std::string>& files, const std::string& w) -> Status {
      for (const auto& f : files) FB_RETURN_IF_ERROR(CheckFile(dir, f, w));
      return Status::Ok();
    };
    FB_RETURN_IF_ERROR(check_all(p.setup, "setup"));
    FB_RETURN_IF_ERROR(check_all(p.teardown, "teardown"));
    for (const auto& [name, f] : p.queries)
      FB_RETURN_IF_ERROR(CheckFile(dir, f, "queries." + name));
    for (const auto& v : p.variants) {
      if (v.setup) FB_RETURN_IF_ERROR(check_all(*v.setup, "variant setup"));
      if (v.teardown) FB_RETURN_IF_ERROR(check_all(*v.teardown, "variant teardown"));
      for (const auto& [name, f] : v.queries)
        FB_RETURN_IF_ERROR(CheckFile(dir, f, "variant queries." + name));
    }
  }
  return p;
}

Result<Pattern> LoadPattern(const std::string& dir) {
  std::ifstream in(fs::path(dir) / "pattern.yaml");
  if (!in) return Status::InvalidArgument("no pattern.yaml in " + dir);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePattern(ss.str(), dir);
}

std::string DefaultPatternsRoot() {
  if (const char* v = std::getenv("FRESHBENCH_PATTERNS"); v != nullptr && *v != '\0') return v;
  std::error_code ec;
  if (fs::is_directory("patterns", ec)) return "patterns";
  return std::string(FRESHBENCH_SOURCE_DIR) + "/patterns";
}

std::vector<std::string> ListPatternIds(const std::string& root) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "pattern.yaml")) continue;
    const std::string name = entry.path().filename().string();
    ids.push_back(name.substr(0, name.find('-')));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::string> FindPatternDir(const std::string& root, const std::string& id) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    if (name == id || name.substr(0, name.find('-')) == id) return entry.path().string();
  }
  std::string known;
  for (const auto& k : ListPatternIds(root)) known += (known.empty() ? "" : ", ") + k;
  return Status::InvalidArgument("unknown pattern '" + id +
                                 "' (known: " + (known.empty() ? "none in " + root : known) + ")");
}

}  // namespace freshbench
