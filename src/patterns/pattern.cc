#include "patterns/pattern.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "patterns/sql_template.h"
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

const std::set<std::string>& KnownQueryNames() {
  static const std::set<std::string> names = {"q1",           "q2",    "q3",     "marker",
                                              "completeness", "pause", "resume", "status"};
  return names;
}

namespace {

std::string JoinSet(const std::set<std::string>& items) {
  std::string out;
  for (const auto& k : items) out += (out.empty() ? "" : ", ") + k;
  return out;
}

// Query names must be known ones: a misspelt `pause` is an error, not a
// pattern that silently cannot be paused.
Status CheckQueryNames(const std::map<std::string, std::string>& queries,
                       const std::string& where) {
  for (const auto& [name, file] : queries) {
    if (KnownQueryNames().count(name) == 0)
      return Status::InvalidArgument(where + ": unknown query '" + name +
                                     "' (known: " + JoinSet(KnownQueryNames()) + ")");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> FileList(const YAML::Node& node, const std::string& where);

Status ParseIngestJobs(const YAML::Node& jobs, const std::string& where, Pattern* p) {
  if (!jobs.IsSequence()) return Status::InvalidArgument(where + ": ingest_jobs must be a list");
  for (const YAML::Node& j : jobs) {
    FB_RETURN_IF_ERROR(CheckYamlKeys(j, where + ": ingest_jobs entry", {"name", "sql"}));
    FlinkJobSpec job;
    if (!j["name"] || !j["name"].IsScalar() || j["name"].as<std::string>().empty())
      return Status::InvalidArgument(where + ": every ingest_jobs entry needs a name");
    job.name = j["name"].as<std::string>();
    if (j["sql"]) {
      auto files = FileList(j["sql"], where + ": ingest job '" + job.name + "' sql");
      if (!files.ok()) return files.status();
      job.sql = *files;
    }
    if (job.sql.empty())
      return Status::InvalidArgument(where + ": ingest job '" + job.name + "' names no sql file");
    p->ingest_jobs.push_back(std::move(job));
  }
  return Status::Ok();
}

Status ParseContention(const YAML::Node& list, const std::string& where, Pattern* p) {
  if (!list.IsSequence()) return Status::InvalidArgument(where + ": contends_with must be a list");
  for (const YAML::Node& c : list) {
    FB_RETURN_IF_ERROR(
        CheckYamlKeys(c, where + ": contends_with entry", {"pattern", "while_measuring"}));
    ContentionSpec k;
    k.pattern = c["pattern"] && c["pattern"].IsScalar() ? c["pattern"].as<std::string>() : "";
    k.while_measuring = c["while_measuring"] && c["while_measuring"].IsScalar()
                            ? c["while_measuring"].as<std::string>()
                            : "pause";
    if (k.pattern.empty())
      return Status::InvalidArgument(where + ": every contends_with entry needs a pattern");
    if (k.pattern == p->id)
      return Status::InvalidArgument(where + ": contends_with names the pattern itself (" +
                                     k.pattern + ")");
    if (k.while_measuring != "pause")
      return Status::InvalidArgument(where + ": contends_with " + k.pattern +
                                     ": while_measuring must be 'pause', not '" +
                                     k.while_measuring + "'");
    p->contends_with.push_back(std::move(k));
  }
  return Status::Ok();
}

Result<std::string> Scalar(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar()) return Status::InvalidArgument(where + " must be a scalar");
  return node.as<std::string>();
}

Result<std::vector<std::string>> FileList(const YAML::Node& node, const std::string& where) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence())
    return Status::InvalidArgument(where + " must be a file or a list of files");
  for (const auto& item : node) {
    if (!item.IsScalar()) return Status::InvalidArgument(where + " must be a list of files");
    out.push_back(item.as<std::string>());
  }
  return out;
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
  FB_RETURN_IF_ERROR(
      CheckYamlKeys(root, where,
                    {"id", "name", "engine", "description", "settings", "setup", "teardown",
                     "queries", "variants", "kafka", "start", "ingest_jobs", "contends_with",
                     "sweep_slo"}));
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
  if (root["sweep_slo"]) p.sweep_slo = root["sweep_slo"].as<std::string>();

  std::optional<std::vector<std::string>> setup, teardown;
  FB_RETURN_IF_ERROR(ParseFiles(root, "", &setup, &teardown, &p.queries, &p.settings));
  p.setup = setup.value_or(std::vector<std::string>{});
  p.teardown = teardown.value_or(std::vector<std::string>{});
  FB_RETURN_IF_ERROR(CheckQueryNames(p.queries, where));
  if (p.HasQuery("pause") != p.HasQuery("resume"))
    return Status::InvalidArgument(where + ": query '" +
                                   std::string(p.HasQuery("pause") ? "pause" : "resume") +
                                   "' needs '" + (p.HasQuery("pause") ? "resume" : "pause") +
                                   "' too (a pattern that is paused must be resumable)");

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

  if (root["start"]) {
    FB_RETURN_IF_ERROR(CheckYamlKeys(root["start"], where + ": start", {"setting"}));
    if (p.kafka)
      return Status::InvalidArgument(
          where +
          ": declare where the pattern starts reading once: kafka.start_from (a placed "
          "consumer group) or start.setting, not both");
    if (!root["start"]["setting"] || !root["start"]["setting"].IsScalar())
      return Status::InvalidArgument(where +
                                     ": start.setting is required (the setting a run "
                                     "sets to latest, e.g. start_from)");
    const std::string setting = root["start"]["setting"].as<std::string>();
    auto it = p.settings.find(setting);
    if (it == p.settings.end())
      return Status::InvalidArgument(where + ": start.setting names '" + setting +
                                     "', which is not declared in settings");
    if (it->second != "earliest" && it->second != "latest")
      return Status::InvalidArgument(where + ": setting '" + setting +
                                     "' (start.setting) must default to earliest or latest, not '" +
                                     it->second + "'");
    p.start_setting = setting;
  }
  try {
    if (root["ingest_jobs"]) FB_RETURN_IF_ERROR(ParseIngestJobs(root["ingest_jobs"], where, &p));
    if (root["contends_with"])
      FB_RETURN_IF_ERROR(ParseContention(root["contends_with"], where, &p));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": " + e.what());
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
      FB_RETURN_IF_ERROR(CheckQueryNames(v.queries, vwhere));
      // A variant swaps files, never what the pattern can do.
      for (const auto& [name, file] : v.queries) {
        if (!p.HasQuery(name))
          return Status::InvalidArgument(vwhere + ": query '" + name +
                                         "' is not declared in the top-level queries");
      }
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
    for (const auto& job : p.ingest_jobs)
      FB_RETURN_IF_ERROR(check_all(job.sql, "ingest job '" + job.name + "'"));
    // A marker query is asked about one marker ({{event_id}}) or every
    // pending one ({{event_ids}}); one that names neither cannot be.
    auto check_marker = [&](const std::string& file, const std::string& w) -> Status {
      std::ifstream in(fs::path(dir) / file);
      std::stringstream text;
      text << in.rdbuf();
      if (!NamesPlaceholder(text.str(), "event_id") && !NamesPlaceholder(text.str(), "event_ids"))
        return Status::InvalidArgument(where + ": " + w + " (" + file +
                                       ") names neither {{event_id}} nor {{event_ids}}");
      return Status::Ok();
    };
    if (p.HasQuery("marker"))
      FB_RETURN_IF_ERROR(check_marker(p.queries.at("marker"), "queries.marker"));
    for (const auto& v : p.variants)
      if (v.queries.count("marker"))
        FB_RETURN_IF_ERROR(check_marker(v.queries.at("marker"), "variant queries.marker"));
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
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "runner.yaml", ec))
    return Status::InvalidArgument(
        (fs::path(dir) / "runner.yaml").string() +
        ": runner.yaml is no longer read; move its keys into pattern.yaml: flink_jobs -> "
        "ingest_jobs, contends_with -> contends_with (docs/patterns.md), then delete it");
  std::ifstream in(fs::path(dir) / "pattern.yaml");
  if (!in) return Status::InvalidArgument("no pattern.yaml in " + dir);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePattern(ss.str(), dir);
}

Status CheckContention(const Pattern& a, const Pattern& b) {
  for (const ContentionSpec& c : a.contends_with) {
    if (c.pattern != b.id) continue;
    if (c.while_measuring == "pause" && !b.CanPause())
      return Status::InvalidArgument(a.id + " contends_with " + b.id +
                                     " (while_measuring: pause), but " + b.id +
                                     " declares no pause and resume queries");
  }
  return Status::Ok();
}

Status CheckContentions(const std::vector<Pattern>& chosen) {
  for (const Pattern& a : chosen)
    for (const Pattern& b : chosen)
      if (&a != &b) FB_RETURN_IF_ERROR(CheckContention(a, b));
  return Status::Ok();
}

Status CheckSetKeys(const std::vector<Pattern>& chosen,
                    const std::map<std::string, std::string>& set) {
  std::set<std::string> declared;
  for (const Pattern& p : chosen)
    for (const auto& kv : p.settings) declared.insert(kv.first);
  for (const auto& [key, value] : set) {
    if (declared.count(key) == 0)
      return Status::InvalidArgument(
          "--set " + key + "=" + value + ": no chosen pattern declares '" + key +
          "' (declared: " + (declared.empty() ? "none" : JoinSet(declared)) + ")");
  }
  return Status::Ok();
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
