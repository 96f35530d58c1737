// freshbench query <pattern> <query> [--repeat N] [--format table|json]:
// runs one benchmark query, prints its rows and the metrics of each run
// (with --repeat, min/p50/p95/max of every metric).
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "common/interrupt.h"
#include "config/endpoints.h"
#include "measure/metrics.h"
#include "measure/summary.h"
#include "common/timestamp.h"
#include "patterns/bound_pattern.h"

namespace freshbench {
namespace {

struct QueryOptions {
  std::string pattern;
  std::string query;
  int repeat = 1;                // runs of the query
  std::string format = "table";  // table | json
  std::vector<std::string> set;
  std::string patterns_dir;
  std::string timeout;  // per statement; empty = the driver's default
};

struct MetricField {
  const char* name;
  std::function<std::optional<double>(const QuerySample&)> get;
};

const std::vector<MetricField>& Metrics() {
  static const std::vector<MetricField> fields = {
      {"query_latency_ms",
       [](const QuerySample& s) { return std::optional<double>(s.query_latency_ms); }},
      {"freshness_lag_ms", [](const QuerySample& s) { return s.freshness_lag_ms; }},
      {"pipeline_lag_ms", [](const QuerySample& s) { return s.pipeline_lag_ms; }},
      {"engine_freshness_lag_ms", [](const QuerySample& s) { return s.engine_freshness_lag_ms; }},
  };
  return fields;
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

int RunQuery(const QueryOptions& opt) {
  if (opt.repeat < 1) return ReportError(Status::InvalidArgument("--repeat must be at least 1"));
  auto overrides = ParseSetFlags(opt.set);
  if (!overrides.ok()) return ReportError(overrides.status());
  const Endpoints endpoints = Endpoints::FromEnvironment();
  auto bound = BindPattern({opt.pattern, opt.patterns_dir, *overrides}, endpoints);
  if (!bound.ok()) return ReportError(bound.status().WithContext("query " + opt.pattern));
  auto sql = bound->QuerySql(opt.query);
  if (!sql.ok()) return ReportError(sql.status());
  if (!opt.timeout.empty()) {
    auto ms = ParseDurationMs(opt.timeout, "--timeout");
    if (!ms.ok()) return ReportError(ms.status());
    bound->driver().SetStatementTimeoutMs(*ms);
  }
  // Ctrl-C cancels a running statement on the engine instead of leaving it there.
  InstallInterruptHandler();
  auto skew = MeasureClockSkew(bound->driver());
  if (!skew.ok()) return ReportError(skew.status().WithContext("query " + opt.pattern));

  std::vector<QuerySample> samples;
  ResultSet answer;
  for (int i = 0; i < opt.repeat; ++i) {
    samples.push_back(RunMeasuredQuery(bound->driver(), bound->pattern().id, opt.query, *sql,
                                       skew->skew_ms, &answer));
    if (!samples.back().ok())
      return ReportError(Status::ServerError("query " + opt.pattern + " " + opt.query + ": " +
                                             samples.back().error));
  }

  if (opt.format == "json") {
    nlohmann::json out;
    out["pattern"] = bound->pattern().id;
    out["query"] = opt.query;
    out["engine"] = bound->pattern().engine;
    out["server_version"] = bound->server_version();
    out["variant"] = bound->resolution().variant_index;
    out["clock_skew"] = {{"skew_ms", skew->skew_ms},
                         {"round_trip_ms", skew->round_trip_ms},
                         {"uncertainty_ms", skew->uncertainty_ms},
                         {"resolution_ms", skew->resolution_ms}};
    out["columns"] = answer.columns;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : answer.rows) {
      nlohmann::json r = nlohmann::json::array();
      for (const auto& c : row) r.push_back(c ? nlohmann::json(*c) : nlohmann::json(nullptr));
      rows.push_back(r);
    }
    out["rows"] = rows;
    if (!samples.back().note.empty()) out["note"] = samples.back().note;
    out["samples"] = samples;
    nlohmann::json summary = nlohmann::json::object();
    for (const auto& m : Metrics()) {
      std::vector<double> values;
      for (const auto& s : samples)
        if (auto v = m.get(s)) values.push_back(*v);
      if (!values.empty()) summary[m.name] = Summarize(values);
    }
    out["summary"] = summary;
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
  }

  const QuerySample& last = samples.back();
  if (!last.note.empty()) {
    // An answer the engine could not give yet (a lake without a snapshot).
    std::printf("%s %s: %s\n\n", bound->pattern().id.c_str(), opt.query.c_str(), last.note.c_str());
  } else {
    PrintTable(stdout, answer.columns, answer.rows);
    std::printf("(%zu rows)\n\n", answer.rows.size());
  }
  if (last.max_event_time_ms)
    std::printf("max_event_time   %s UTC\n", FormatTimestampMs(*last.max_event_time_ms).c_str());
  if (last.total_rows)
    std::printf("total_rows       %lld\n", static_cast<long long>(*last.total_rows));
  std::printf("clock_skew_ms    %s (+/- %s, engine clock resolution %d ms)\n",
              Fmt(skew->skew_ms).c_str(), Fmt(skew->uncertainty_ms).c_str(), skew->resolution_ms);
  if (opt.repeat == 1) {
    for (const auto& m : Metrics()) {
      auto v = m.get(last);
      std::printf("%-24s %s\n", m.name, v ? Fmt(*v).c_str() : "n/a");
    }
    return kExitOk;
  }
  std::vector<std::vector<std::optional<std::string>>> rows;
  for (const auto& m : Metrics()) {
    std::vector<double> values;
    for (const auto& s : samples)
      if (auto v = m.get(s)) values.push_back(*v);
    if (values.empty()) {
      rows.push_back({m.name, "0", "n/a", "n/a", "n/a", "n/a"});
      continue;
    }
    Summary sum = Summarize(values);
    rows.push_back({m.name, std::to_string(sum.count), Fmt(sum.min), Fmt(sum.p50), Fmt(sum.p95),
                    Fmt(sum.max)});
  }
  PrintTable(stdout, {"metric", "n", "min", "p50", "p95", "max"}, rows);
  return kExitOk;
}

}  // namespace

void RegisterQueryCommand(CLI::App& app, CommandRegistry& reg) {
  auto opt = std::make_shared<QueryOptions>();
  auto* sub = app.add_subcommand("query", "Run a benchmark query and print rows and metrics");
  sub->add_option("pattern", opt->pattern, "Pattern id, e.g. p1")->required();
  sub->add_option("query", opt->query, "Query name: q1, q2, q3")->required();
  sub->add_option("--repeat", opt->repeat, "Run the query N times and summarize")
      ->check(CLI::PositiveNumber);
  sub->add_option("--format", opt->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  sub->add_option("--set", opt->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", opt->patterns_dir, "Folder holding the pattern folders");
  sub->add_option("--timeout", opt->timeout,
                  "Cancel a statement that runs longer (e.g. 90s; Flink default 600s)");
  sub->callback([opt, &reg] { reg.run = [opt] { return RunQuery(*opt); }; });
}

}  // namespace freshbench
