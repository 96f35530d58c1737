#include "patterns/bound_pattern.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engines/driver_registry.h"
#include "patterns/sql_template.h"

namespace freshbench {
namespace {

std::vector<long> VersionParts(const std::string& v) {
  std::vector<long> parts;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, '.')) parts.push_back(std::strtol(item.c_str(), nullptr, 10));
  return parts;
}

bool Holds(const VariantCondition& when, const std::string& version,
           const std::map<std::string, std::string>& values,
           const std::function<bool(const std::string&)>& query_ok) {
  if (when.version_below && CompareVersions(version, *when.version_below) >= 0) return false;
  if (when.version_at_least && CompareVersions(version, *when.version_at_least) < 0) return false;
  if (when.query_ok) {
    auto sql = SubstitutePlaceholders(*when.query_ok, values, "variant query_ok");
    if (!sql.ok() || !query_ok || !query_ok(*sql)) return false;
  }
  return true;
}

}  // namespace

int CompareVersions(const std::string& a, const std::string& b) {
  auto pa = VersionParts(a), pb = VersionParts(b);
  size_t n = std::min(pa.size(), pb.size());
  for (size_t i = 0; i < n; ++i) {
    if (pa[i] != pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

Result<PatternResolution> ResolvePattern(const Pattern& pattern, const std::string& server_version,
                                         const std::function<bool(const std::string&)>& query_ok,
                                         const std::map<std::string, std::string>& overrides,
                                         const std::map<std::string, std::string>& builtins) {
  for (const auto& [key, value] : overrides) {
    if (pattern.settings.count(key) == 0) {
      std::string known;
      for (const auto& kv : pattern.settings) known += (known.empty() ? "" : ", ") + kv.first;
      return Status::InvalidArgument("--set " + key + "=" + value + ": " + pattern.id +
                                     " declares no setting '" + key +
                                     "' (declared: " + (known.empty() ? "none" : known) + ")");
    }
  }
  PatternResolution r;
  r.setup = pattern.setup;
  r.teardown = pattern.teardown;
  r.queries = pattern.queries;
  r.values = pattern.settings;
  for (const auto& [k, v] : builtins) r.values[k] = v;
  for (size_t i = 0; i < pattern.variants.size(); ++i) {
    const auto& variant = pattern.variants[i];
    if (!Holds(variant.when, server_version, r.values, query_ok)) continue;
    r.variant_index = static_cast<int>(i);
    if (variant.setup) r.setup = *variant.setup;
    if (variant.teardown) r.teardown = *variant.teardown;
    for (const auto& [k, v] : variant.queries) r.queries[k] = v;
    for (const auto& [k, v] : variant.settings) r.values[k] = v;
    break;
  }
  for (const auto& [k, v] : overrides) r.values[k] = v;
  for (const auto& [k, v] : builtins) r.values[k] = v;
  return r;
}

Result<std::vector<std::string>> ReadStatements(const Pattern& pattern,
                                                const std::vector<std::string>& files,
                                                const std::map<std::string, std::string>& values) {
  std::vector<std::string> out;
  for (const auto& file : files) {
    std::ifstream in(std::filesystem::path(pattern.dir) / file);
    if (!in) return Status::InvalidArgument("cannot read " + pattern.dir + "/" + file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto text = SubstitutePlaceholders(ss.str(), values, pattern.id + "/" + file);
    if (!text.ok()) return text.status();
    for (auto& st : SplitStatements(*text)) out.push_back(std::move(st));
  }
  return out;
}

Result<std::vector<std::string>> BoundPattern::FileStatements(
    const std::vector<std::string>& files) const {
  return ReadStatements(pattern_, files, resolution_.values);
}

Result<std::vector<std::string>> BoundPattern::SetupStatements() const {
  return FileStatements(resolution_.setup);
}

Result<std::vector<std::string>> BoundPattern::TeardownStatements() const {
  return FileStatements(resolution_.teardown);
}

Result<std::string> BoundPattern::QuerySql(const std::string& name) const {
  auto it = resolution_.queries.find(name);
  if (it == resolution_.queries.end()) {
    std::string known;
    for (const auto& kv : resolution_.queries) known += (known.empty() ? "" : ", ") + kv.first;
    return Status::InvalidArgument("unknown query '" + name + "' for " + pattern_.id +
                                   " (known: " + known + ")");
  }
  auto statements = FileStatements({it->second});
  if (!statements.ok()) return statements.status();
  if (statements->size() != 1)
    return Status::InvalidArgument(pattern_.id + "/" + it->second +
                                   " must hold exactly one statement");
  return (*statements)[0];
}

bool MarkerQueryIsBatch(const Pattern& pattern, const PatternResolution& resolution) {
  auto m = resolution.queries.find("marker");
  if (m == resolution.queries.end()) return false;
  std::ifstream in(std::filesystem::path(pattern.dir) / m->second);
  std::stringstream text;
  text << in.rdbuf();
  return NamesPlaceholder(text.str(), "event_ids");
}

Result<std::string> MarkerStatement(const Pattern& pattern, const PatternResolution& resolution,
                                    const std::vector<std::string>& event_ids) {
  auto it = resolution.queries.find("marker");
  if (it == resolution.queries.end())
    return Status::InvalidArgument(pattern.id + " declares no marker query");
  if (event_ids.empty()) return Status::InvalidArgument("marker query asked about no marker");
  std::string list;
  for (const std::string& id : event_ids) {
    list += list.empty() ? "'" : ", '";
    for (char c : id) list += c == '\'' ? std::string("''") : std::string(1, c);
    list += "'";
  }
  std::map<std::string, std::string> values = resolution.values;
  values["event_id"] = event_ids.front();
  values["event_ids"] = list;
  auto statements = ReadStatements(pattern, {it->second}, values);
  if (!statements.ok()) return statements.status();
  if (statements->size() != 1)
    return Status::InvalidArgument(pattern.id + "/" + it->second +
                                   " must hold exactly one statement");
  return (*statements)[0];
}

std::optional<std::string> BoundPattern::KafkaGroup() const {
  if (!pattern_.kafka) return std::nullopt;
  auto g = SubstitutePlaceholders(pattern_.kafka->group, resolution_.values, "kafka.group");
  return g.ok() ? *g : pattern_.kafka->group;
}

Result<BoundPattern> BindPattern(const PatternRequest& request, const Endpoints& endpoints) {
  const std::string root =
      request.patterns_root.empty() ? DefaultPatternsRoot() : request.patterns_root;
  auto dir = FindPatternDir(root, request.id);
  if (!dir.ok()) return dir.status();
  auto pattern = LoadPattern(*dir);
  if (!pattern.ok()) return pattern.status();
  // Bad --set keys are bad input whether or not the server is up.
  auto checked = ResolvePattern(*pattern, "0", nullptr, request.overrides, {});
  if (!checked.ok()) return checked.status();
  auto driver = MakeDriver(pattern->engine, endpoints);
  if (!driver.ok()) return driver.status();
  BoundPattern bound;
  bound.pattern_ = std::move(*pattern);
  bound.driver_ = std::move(*driver);
  auto version = bound.driver_->ServerVersion();
  if (!version.ok()) return version.status();
  bound.server_version_ = *version;
  Driver* drv = bound.driver_.get();
  auto query_ok = [drv](const std::string& sql) { return drv->Execute(sql).ok(); };
  std::map<std::string, std::string> builtins = {{"topic", endpoints.topic},
                                                 {"kafka_bootstrap", endpoints.kafka_bootstrap}};
  auto resolution =
      ResolvePattern(bound.pattern_, bound.server_version_, query_ok, request.overrides, builtins);
  if (!resolution.ok()) return resolution.status();
  bound.resolution_ = std::move(*resolution);
  bound.marker_batch_ = MarkerQueryIsBatch(bound.pattern_, bound.resolution_);
  return bound;
}

}  // namespace freshbench
