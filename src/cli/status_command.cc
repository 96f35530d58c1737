// `freshbench status <pattern>`: what a pattern's ingestion is doing right
// now, read from the engine. For P6 that is the Routine Load job's state,
// rows loaded and rejected, and lag per Kafka partition (SHOW ROUTINE LOAD,
// the pattern's `status` query).
//
// A paused job exits 1 (it is not ingesting); the state is still printed.
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "common/exit_codes.h"
#include "config/endpoints.h"
#include "engines/starrocks/routine_load_status.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"

namespace freshbench {
namespace {

struct StatusOptions {
  std::string pattern;            // "p6" or the folder name
  std::vector<std::string> sets;  // key=value overrides of pattern settings
  std::string patterns_dir;       // empty = the default patterns root
  std::string format = "table";   // table | json
};

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void PrintTable(const std::string& pattern, const RoutineLoadStatus& s) {
  std::printf("%s Routine Load %s.%s -> %s: %s\n", pattern.c_str(), s.database.c_str(),
              s.name.c_str(), s.table.c_str(), s.state.c_str());
  std::printf("  loaded rows %lld, error rows %lld, rate %lld rows/s\n",
              static_cast<long long>(s.loaded_rows), static_cast<long long>(s.error_rows),
              static_cast<long long>(s.load_rows_rate));
  if (auto lag = s.TotalLag()) {
    std::printf("  lag: %lld messages over %zu partitions\n", static_cast<long long>(*lag),
                s.partitions.size());
  } else {
    std::printf("  lag: unknown (no consumed offsets yet)\n");
  }
  if (auto oldest = s.OldestConsumedTimeMs()) {
    std::printf("  slowest partition last loaded a message stamped %.1f s ago\n",
                (NowMs() - *oldest) / 1000.0);
  }
  std::printf("  %-9s %12s %12s %10s\n", "partition", "consumed", "end", "lag");
  for (const auto& [p, part] : s.partitions) {
    auto num = [](const std::optional<int64_t>& v) {
      return v ? std::to_string(*v) : std::string("-");
    };
    std::printf("  %-9d %12s %12s %10s\n", p, num(part.consumed_offset).c_str(),
                num(part.end_offset).c_str(), num(part.lag_messages).c_str());
  }
  if (!s.reason.empty()) std::printf("  reason: %s\n", s.reason.c_str());
  if (!s.error_log_url.empty()) std::printf("  error log: %s\n", s.error_log_url.c_str());
}

void PrintJson(const std::string& pattern, const RoutineLoadStatus& s) {
  nlohmann::json j = {{"pattern", pattern},         {"job", s.name},
                      {"database", s.database},     {"table", s.table},
                      {"state", s.state},           {"loaded_rows", s.loaded_rows},
                      {"error_rows", s.error_rows}, {"load_rows_rate", s.load_rows_rate},
                      {"reason", s.reason}};
  auto opt = [](const std::optional<int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
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
  auto fail = [&](const Status& st) {
    return ReportError(st.WithContext("status " + opts.pattern));
  };
  auto overrides = ParseSetFlags(opts.sets);
  if (!overrides.ok()) return ReportError(overrides.status());
  // Say "no status query" before trying to reach any server.
  auto dir = FindPatternDir(opts.patterns_dir.empty() ? DefaultPatternsRoot() : opts.patterns_dir,
                            opts.pattern);
  if (!dir.ok()) return fail(dir.status());
  auto pattern = LoadPattern(*dir);
  if (!pattern.ok()) return fail(pattern.status());
  if (pattern->queries.count("status") == 0) {
    return fail(Status::InvalidArgument("pattern " + opts.pattern +
                                        " has no status query (only P6 has one so far)"));
  }
  auto bound =
      BindPattern({opts.pattern, opts.patterns_dir, *overrides}, Endpoints::FromEnvironment());
  if (!bound.ok()) return fail(bound.status());
  auto sql = bound->QuerySql("status");
  if (!sql.ok()) return fail(sql.status());
  auto rs = bound->driver().Execute(*sql);
  if (!rs.ok()) return fail(rs.status());
  auto status = RoutineLoadStatus::FromShowRoutineLoad(*rs);
  if (!status.ok()) return fail(status.status());
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
  auto* sub = app.add_subcommand(
      "status", "Show a pattern's ingestion state and lag (P6: the Routine Load job)");
  sub->add_option("pattern", opts->pattern, "Pattern id, e.g. p6")->required();
  sub->add_option("--set", opts->sets, "Override a pattern setting, key=value (repeatable)");
  sub->add_option("--patterns-dir", opts->patterns_dir, "Folder holding the pattern folders");
  sub->add_option("--format", opts->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  sub->callback([opts, &reg] { reg.run = [opts] { return RunStatus(*opts); }; });
}

}  // namespace freshbench
