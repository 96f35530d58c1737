// freshbench verify <pattern> [--timeout 300s] [--format table|json]: waits
// until the pattern's consumer group has caught up with the topic's end
// offsets and the pattern shows every event (a lake trails by up to one
// tiering epoch), then compares the rows and distinct event_ids the pattern
// shows with the events the topic holds from the group's start offsets.
// Exit 0 when nothing is lost or duplicated, 1 otherwise.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "common/interrupt.h"
#include "config/endpoints.h"
#include "measure/clock.h"
#include "measure/completeness.h"
#include "measure/start_offsets.h"
#include "kafka/topic_offsets.h"
#include "patterns/bound_pattern.h"

namespace freshbench {
namespace {

struct VerifyOptions {
  std::string pattern;
  std::string timeout = "300s";
  std::string format = "table";
  std::vector<std::string> set;
  std::string patterns_dir;
};

bool CaughtUp(const std::vector<int64_t>& committed, const Watermarks& marks,
              const std::vector<int64_t>& start) {
  for (size_t p = 0; p < marks.high.size(); ++p) {
    const int64_t from = p < start.size() ? start[p] : marks.low[p];
    if (marks.high[p] <= from) continue;  // nothing to read there
    if (p >= committed.size() || committed[p] < marks.high[p]) return false;
  }
  return true;
}

int RunVerify(const VerifyOptions& opt) {
  auto timeout = ParseDurationMs(opt.timeout, "--timeout");
  if (!timeout.ok()) return ReportError(timeout.status());
  auto overrides = ParseSetFlags(opt.set);
  if (!overrides.ok()) return ReportError(overrides.status());
  const Endpoints endpoints = Endpoints::FromEnvironment();
  auto bound = BindPattern({opt.pattern, opt.patterns_dir, *overrides}, endpoints);
  if (!bound.ok()) return ReportError(bound.status().WithContext("verify " + opt.pattern));
  const std::string id = bound->pattern().id;
  auto group = bound->KafkaGroup();
  if (!group || !bound->HasQuery("completeness")) {
    return ReportError(Status::InvalidArgument(
        "verify " + id + ": the pattern declares no kafka group or no completeness query"));
  }
  auto sql = bound->QuerySql("completeness");
  if (!sql.ok()) return ReportError(sql.status());
  KafkaTarget target{endpoints.kafka_bootstrap, endpoints.topic};

  // Start offsets: as setup placed them, else the topic's beginning.
  std::vector<int64_t> start;
  if (auto saved = LoadStartOffsets(StartOffsetsPath(endpoints.home, id));
      saved.ok() && saved->topic == target.topic && saved->group == *group) {
    start = saved->offsets;
  }

  // Ctrl-C ends the waits and cancels a running statement on the engine.
  InstallInterruptHandler();
  const double deadline = MonotonicNowMs() + static_cast<double>(*timeout);
  Watermarks marks;
  bool caught_up = false;
  while (true) {
    auto m = ReadWatermarks(target);
    if (!m.ok()) return ReportError(m.status().WithContext("verify " + id));
    marks = *m;
    if (start.empty()) start = marks.low;
    auto committed = ReadCommitted(target, *group, marks.high.size());
    if (!committed.ok()) return ReportError(committed.status().WithContext("verify " + id));
    if (CaughtUp(*committed, marks, start)) {
      // Caught up with these end offsets; make sure none arrived meanwhile.
      auto again = ReadWatermarks(target);
      if (again.ok() && again->high == marks.high) {
        caught_up = true;
        break;
      }
    }
    if (MonotonicNowMs() > deadline || InterruptRequested().load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  // What the pattern shows can trail the group's offsets (a lake is only
  // written once per tiering epoch): ask again until nothing is missing or
  // the deadline passes.
  const int64_t expected = ExpectedEvents(start, marks.high);
  bound->driver().SetStatementTimeoutMs(std::max<int64_t>(*timeout, 30000));
  int64_t rows = -1, distinct = -1;
  std::string no_data;
  while (true) {
    auto rs = bound->driver().Execute(*sql);
    // Not ready (a lake before its first snapshot): 0 rows so far, and why.
    no_data =
        !rs.ok() && rs.status().code() == Status::Code::kNotReady ? rs.status().message() : "";
    if (!rs.ok() && no_data.empty()) return ReportError(rs.status().WithContext("verify " + id));
    if (no_data.empty()) {
      auto counts = ParseCompleteness(*rs);
      if (!counts.ok()) return ReportError(counts.status().WithContext("verify " + id));
      rows = counts->total_rows;
      distinct = counts->distinct_event_ids;
      if (distinct >= expected) break;
    }
    if (MonotonicNowMs() > deadline || InterruptRequested().load()) break;
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
  if (rows < 0) {
    rows = 0;
    distinct = 0;
  }
  const Completeness c = ComputeCompleteness(expected, rows, distinct);

  if (opt.format == "json") {
    nlohmann::json out = c;
    out["pattern"] = id;
    out["topic"] = target.topic;
    out["group"] = *group;
    out["partitions"] = marks.high.size();
    out["caught_up"] = caught_up;
    if (!no_data.empty()) out["note"] = no_data;
    std::printf("%s\n", out.dump().c_str());
  } else {
    std::printf(
        "%s: topic %s (%zu partitions) holds %lld events for group %s; visible rows %lld, "
        "distinct event_ids %lld; lost %lld, duplicated %lld, unexpected %lld%s\n",
        id.c_str(), target.topic.c_str(), marks.high.size(), static_cast<long long>(c.expected),
        group->c_str(), static_cast<long long>(c.rows), static_cast<long long>(c.distinct),
        static_cast<long long>(c.lost), static_cast<long long>(c.duplicated),
        static_cast<long long>(c.unexpected),
        caught_up ? "" : " (NOT caught up within --timeout: counts may still grow)");
    if (!no_data.empty()) std::printf("%s: %s\n", id.c_str(), no_data.c_str());
  }
  if (!caught_up) {
    std::fprintf(stderr, "freshbench: verify %s: consumer group %s did not catch up within %s\n",
                 id.c_str(), group->c_str(), opt.timeout.c_str());
    return kExitFailed;
  }
  return c.complete() ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterVerifyCommand(CLI::App& app, CommandRegistry& reg) {
  auto opt = std::make_shared<VerifyOptions>();
  auto* sub = app.add_subcommand("verify", "Check a pattern shows every event of the topic once");
  sub->add_option("pattern", opt->pattern, "Pattern id, e.g. p1")->required();
  sub->add_option("--timeout", opt->timeout,
                  "How long to wait for ingestion to catch up (group offsets, then visible rows)");
  sub->add_option("--format", opt->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  sub->add_option("--set", opt->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", opt->patterns_dir, "Folder holding the pattern folders");
  sub->callback([opt, &reg] { reg.run = [opt] { return RunVerify(*opt); }; });
}

}  // namespace freshbench
