// `freshbench status <pattern>`: what a pattern's ingestion is doing right
// now, read from the engine. For P6 that is the Routine Load job's state,
// rows loaded and rejected, and lag per Kafka partition (SHOW ROUTINE LOAD,
// the pattern's `status:` SQL).
//
// Reads pattern.yaml itself (settings + `status:`) until the shared pattern
// loader (src/patterns/) is on main.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/exit_codes.h"
#include "config/endpoints.h"
#include "engines/starrocks/routine_load_status.h"
#include "engines/starrocks/starrocks_driver.h"

namespace freshbench {
namespace {

namespace fs = std::filesystem;

struct StatusOptions {
  std::string pattern;               // "p6" or the folder name
  std::vector<std::string> sets;     // key=value overrides of pattern settings
  std::string format = "table";      // table | json
};

std::string PatternsRoot() {
  if (const char* v = std::getenv("FRESHBENCH_PATTERNS"); v != nullptr && *v != '\0') return v;
  std::error_code ec;
  if (fs::is_directory("patterns", ec)) return "patterns";
  return std::string(FRESHBENCH_SOURCE_DIR) + "/patterns";
}

Result<std::string> FindPattern(const std::string& root, const std::string& id) {
  std::error_code ec;
  std::vector<std::string> known;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory()) continue;
    if (name == id || name.rfind(id + "-", 0) == 0) return entry.path().string();
    known.push_back(name.substr(0, name.find('-')));
  }
  std::sort(known.begin(), known.end());
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return Status::InvalidArgument("unknown pattern '" + id + "' (known: " + (list.empty() ? "none in " + root : list) +
                                 ")");
}

std::string Substitute(const std::string& text, const std::map<std::string, std::string>& values, std::string* missing) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos), close = open == std::string::npos ? open : text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 2, close - open - 2);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = values.find(name);
    if (it == values.end() && missing->empty()) *missing = name;
    out += text.substr(pos, open - pos) + (it == values.end() ? "" : it->second);
    pos = close + 2;
  }
  return out + text.substr(pos);
}

// The pattern's status statement with placeholders filled in.
Result<std::string> StatusSql(const StatusOptions& opts, const Endpoints& endpoints) {
  auto dir = FindPattern(PatternsRoot(), opts.pattern);
  if (!dir.ok()) return dir.status();
  YAML::Node y;
  try {
    y = YAML::LoadFile(*dir + "/pattern.yaml");
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(*dir + "/pattern.yaml: " + e.what());
  }
  if (!y["engine"] || y["engine"].as<std::string>() != "starrocks" || !y["status"]) {
    return Status::InvalidArgument("pattern " + opts.pattern + " has no status query (only P6 has one so far)");
  }
  std::map<std::string, std::string> values = {{"topic", endpoints.topic}, {"kafka_bootstrap", endpoints.kafka_bootstrap}};
  for (const auto& kv : y["settings"]) values[kv.first.as<std::string>()] = kv.second.as<std::string>();
  for (const auto& s : opts.sets) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || !values.count(s.substr(0, eq))) {
      return Status::InvalidArgument("--set " + s + ": expected key=value with a setting of " + opts.pattern);
    }
    values[s.substr(0, eq)] = s.substr(eq + 1);
  }
  std::ifstream in(*dir + "/" + y["status"].as<std::string>());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string missing;
  std::string sql = Substitute(ss.str(), values, &missing);
  if (!missing.empty()) return Status::InvalidArgument("status SQL of " + opts.pattern + ": no value for {{" + missing + "}}");
  // Drop comment lines; the rest is one statement.
  std::string stmt, line;
  std::istringstream lines(sql);
  while (std::getline(lines, line)) {
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    stmt += line + "\n";
  }
  return stmt;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void PrintTable(const std::string& pattern, const RoutineLoadStatus& s) {
  std::printf("%s Routine Load %s.%s -> %s: %s\n", pattern.c_str(), s.database.c_str(), s.name.c_str(), s.table.c_str(),
              s.state.c_str());
  std::printf("  loaded rows %lld, error rows %lld, rate %lld rows/s\n", static_cast<long long>(s.loaded_rows),
              static_cast<long long>(s.error_rows), static_cast<long long>(s.load_rows_rate));
  if (auto lag = s.TotalLag()) {
    std::printf("  lag: %lld messages over %zu partitions\n", static_cast<long long>(*lag), s.partitions.size());
  } else {
    std::printf("  lag: unknown (no consumed offsets yet)\n");
  }
  if (auto oldest = s.OldestConsumedTimeMs()) {
    std::printf("  slowest partition last loaded a message stamped %.1f s ago\n", (NowMs() - *oldest) / 1000.0);
  }
  std::printf("  %-9s %12s %12s %10s\n", "partition", "consumed", "end", "lag");
  for (const auto& [p, part] : s.partitions) {
    auto num = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    std::printf("  %-9d %12s %12s %10s\n", p, num(part.consumed_offset).c_str(), num(part.end_offset).c_str(),
                num(part.lag_messages).c_str());
  }
  if (!s.reason.empty()) std::printf("  reason: %s\n", s.reason.c_str());
  if (!s.error_log_url.empty()) std::printf("  error log: %s\n", s.error_log_url.c_str());
}

void PrintJson(const std::string& pattern, const RoutineLoadStatus& s) {
  nlohmann::json j = {{"pattern", pattern},       {"job", s.name},           {"database", s.database},
                      {"table", s.table},         {"state", s.state},        {"loaded_rows", s.loaded_rows},
                      {"error_rows", s.error_rows}, {"load_rows_rate", s.load_rows_rate}, {"reason", s.reason}};
  auto opt = [](const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  j["lag_messages"] = opt(s.TotalLag());
  j["oldest_consumed_time_ms"] = opt(s.OldestConsumedTimeMs());
  j["partitions"] = nlohmann::json::array();
  for (const auto& [p, part] : s.partitions) {
    j["partitions"].push_back({{"partition", p},
                               {"consumed_offset", opt(part.consumed_offset)},
                               {"end_offset", opt(part.end_offset)},
                               {"lag_messages", opt(part.lag_messages)}});
  }
  std::printf("%s\n", j.dump().c_str());
}

int RunStatus(const StatusOptions& opts) {
  const Endpoints endpoints = Endpoints::FromEnvironment();
  auto fail = [&](const Status& st) {
    std::fprintf(stderr, "freshbench: status %s: %s\n", opts.pattern.c_str(), st.message().c_str());
    return st.ExitCode();
  };
  auto sql = StatusSql(opts, endpoints);
  if (!sql.ok()) return fail(sql.status());
  auto endpoint = ResolveStarRocksEndpoint(endpoints);
  if (!endpoint.ok()) return fail(endpoint.status());
  StarRocksDriver driver(*endpoint);
  auto rs = driver.Execute(*sql);
  if (!rs.ok()) return fail(rs.status());
  auto status = RoutineLoadStatus::FromShowRoutineLoad(*rs);
  if (!status.ok()) return fail(status.status().WithContext("Routine Load job not found; run `freshbench setup " + opts.pattern + "`"));
  if (opts.format == "json") {
    PrintJson(opts.pattern, *status);
  } else {
    PrintTable(opts.pattern, *status);
  }
  // A paused or cancelled job is not ingesting: say so in the exit code.
  return (status->state == "RUNNING" || status->state == "NEED_SCHEDULE") ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterStatusCommand(CLI::App& app, CommandRegistry& reg) {
  auto opts = std::make_shared<StatusOptions>();
  auto* sub = app.add_subcommand("status", "Show a pattern's ingestion state and lag (P6: the Routine Load job)");
  sub->add_option("pattern", opts->pattern, "Pattern id, e.g. p6")->required();
  sub->add_option("--set", opts->sets, "Override a pattern setting, key=value (repeatable)");
  sub->add_option("--format", opts->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  sub->callback([opts, &reg] { reg.run = [opts] { return RunStatus(*opts); }; });
}

}  // namespace freshbench
