// freshbench probe --patterns p1[,p2...] [--interval 5s] [--duration D]
// [--output FILE] [--format table|json]: the seed's Q3 loop. One sample per
// pattern per tick, printed and written to FILE as it goes (each line is
// flushed, so a killed probe loses no sample it printed). Stops after
// --duration, or on Ctrl-C.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "common/interrupt.h"
#include "config/endpoints.h"
#include "measure/metrics.h"
#include "measure/probe_loop.h"
#include "patterns/bound_pattern.h"

namespace freshbench {
namespace {

std::atomic<bool> g_stop{false};
// Also cancels a statement that is running at the time (common/interrupt.h).
void OnSignal(int) {
  g_stop.store(true);
  InterruptRequested().store(true);
}

struct ProbeCommandOptions {
  std::vector<std::string> patterns;
  std::string interval = "5s";
  std::string duration = "0";  // 0 = until Ctrl-C
  std::string output;          // file to append samples to
  std::string format = "table";
  std::string query = "q3";
  std::string patterns_dir;
  std::string timeout;  // per statement; empty = the driver's default
};

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};

int RunProbe(const ProbeCommandOptions& opt) {
  auto interval = ParseDurationMs(opt.interval, "--interval");
  if (!interval.ok()) return ReportError(interval.status());
  if (*interval <= 0) return ReportError(Status::InvalidArgument("--interval must be positive"));
  auto duration = ParseDurationMs(opt.duration, "--duration");
  if (!duration.ok()) return ReportError(duration.status());

  std::optional<int64_t> timeout;
  if (!opt.timeout.empty()) {
    auto ms = ParseDurationMs(opt.timeout, "--timeout");
    if (!ms.ok()) return ReportError(ms.status());
    timeout = *ms;
  }
  const Endpoints endpoints = Endpoints::FromEnvironment();
  std::vector<BoundPattern> bound;
  std::vector<ProbeTarget> targets;
  bound.reserve(opt.patterns.size());
  for (const auto& id : opt.patterns) {
    auto b = BindPattern({id, opt.patterns_dir, {}}, endpoints);
    if (!b.ok()) return ReportError(b.status().WithContext("probe " + id));
    bound.push_back(std::move(*b));
  }
  for (auto& b : bound) {
    if (timeout) b.driver().SetStatementTimeoutMs(*timeout);
    auto sql = b.QuerySql(opt.query);
    if (!sql.ok()) return ReportError(sql.status());
    auto skew = MeasureClockSkew(b.driver());
    if (!skew.ok()) return ReportError(skew.status().WithContext("probe " + b.pattern().id));
    targets.push_back({b.pattern().id, opt.query, &b.driver(), *sql, skew->skew_ms});
  }

  std::unique_ptr<std::FILE, FileCloser> file;
  if (!opt.output.empty()) {
    file.reset(std::fopen(opt.output.c_str(), "a"));
    if (!file) return ReportError(Status::InvalidArgument("cannot write --output " + opt.output));
  }
  const bool json = opt.format == "json";
  auto print = [](const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  };
  if (!json) print(ProbeTableHeader());

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  ProbeOptions po;
  po.interval_ms = *interval;
  po.duration_ms = *duration;
  int64_t failed = 0;
  RunProbeLoop(targets, po, g_stop, [&](const QuerySample& s) {
    if (g_stop.load() && !s.ok()) return;  // cut short by Ctrl-C: not a measurement
    if (!s.ok()) ++failed;
    const std::string record = nlohmann::json(s).dump();
    print(json ? record : ProbeTableLine(s));
    if (file) {
      std::fprintf(file.get(), "%s\n", record.c_str());
      std::fflush(file.get());
    }
  });
  // Samples that failed are in the output with their error; the exit code
  // says so, like a producer that lost a delivery.
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace

void RegisterProbeCommand(CLI::App& app, CommandRegistry& reg) {
  auto opt = std::make_shared<ProbeCommandOptions>();
  auto* sub = app.add_subcommand("probe", "Run the freshness query on a fixed interval");
  sub->add_option("--patterns", opt->patterns, "Pattern ids, comma separated")
      ->required()
      ->delimiter(',');
  sub->add_option("--interval", opt->interval, "Time between ticks (5s, 500ms)");
  sub->add_option("--duration", opt->duration, "Stop after this long (0: until Ctrl-C)");
  sub->add_option("--output", opt->output,
                  "Also append every sample to this file, one JSON line each");
  sub->add_option("--format", opt->format, "table or json (one JSON object per line)")
      ->check(CLI::IsMember({"table", "json"}));
  sub->add_option("--query", opt->query, "Query to probe with");
  sub->add_option("--patterns-dir", opt->patterns_dir, "Folder holding the pattern folders");
  sub->add_option("--timeout", opt->timeout,
                  "Cancel a query that runs longer (e.g. 60s; Flink default 600s)");
  sub->callback([opt, &reg] { reg.run = [opt] { return RunProbe(*opt); }; });
}

}  // namespace freshbench
