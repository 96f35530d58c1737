#include "run/run_options.h"

#include <fmt/format.h>

#include "patterns/pattern.h"

namespace freshbench {

void ApplyQuick(RunOptions* o) {
  o->duration_s = 100;
  o->q3_interval_s = 2;
  o->repeat = 3;
  o->markers = 6;
  o->steady_timeout_s = 40;
  o->drain_timeout_s = 30;
}

namespace {

Status Range(const char* flag, double v, double lo, double hi, const char* unit) {
  if (v >= lo && v <= hi) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{} {}: must be from {} to {}{}", flag, v, lo, hi, unit));
}

}  // namespace

Status ValidateRunOptions(const RunOptions& o) {
  FB_RETURN_IF_ERROR(Range("--rate", static_cast<double>(o.rate), 1, 100'000'000, " events/s"));
  FB_RETURN_IF_ERROR(Range("--generator-threads", o.generator_threads, 1, 256, ""));
  FB_RETURN_IF_ERROR(Range("--duration", o.duration_s, 1, 7 * 24 * 3600.0, " s"));
  FB_RETURN_IF_ERROR(Range("--interval", o.q3_interval_s, 0.1, 3600, " s"));
  FB_RETURN_IF_ERROR(Range("--max-in-flight", o.max_in_flight, 1, 16, ""));
  FB_RETURN_IF_ERROR(Range("--repeat", o.repeat, 0, 1000, ""));
  FB_RETURN_IF_ERROR(Range("--markers", o.markers, 0, 10000, ""));
  FB_RETURN_IF_ERROR(Range("--statement-timeout", o.statement_timeout_s, 1, 3600, " s"));
  FB_RETURN_IF_ERROR(Range("--fail-after", o.fail_after, 1, 1000, " failed probes"));
  FB_RETURN_IF_ERROR(Range("--metrics-port", o.metrics_port, 0, 65535, ""));
  if (o.load != "generator" && o.load != "external")
    return Status::InvalidArgument("--load " + o.load + ": must be 'generator' or 'external'");
  if (o.from != "run" && o.from != "topic")
    return Status::InvalidArgument("--from " + o.from + ": must be 'run' or 'topic'");

  FB_RETURN_IF_ERROR(ValidateFaultPlan(o.faults, o.duration_s));

  const std::string root = o.patterns_root.empty() ? DefaultPatternsRoot() : o.patterns_root;
  const std::vector<std::string> ids = o.patterns.empty() ? ListPatternIds(root) : o.patterns;
  if (ids.empty()) return Status::InvalidArgument("no pattern folders under " + root);
  std::vector<Pattern> chosen;
  for (const std::string& id : ids) {
    auto dir = FindPatternDir(root, id);
    if (!dir.ok()) return Status::InvalidArgument("--patterns " + id + ": " + dir.status().message());
    auto pattern = LoadPattern(*dir);
    if (!pattern.ok()) return Status::InvalidArgument(pattern.status().message());
    chosen.push_back(std::move(pattern).value());
  }
  // --set applies to every chosen pattern that declares the key; a key none
  // declares is a typo, not a no-op.
  FB_RETURN_IF_ERROR(CheckSetKeys(chosen, o.set));
  if (!o.no_pause) FB_RETURN_IF_ERROR(CheckContentions(chosen));
  return Status::Ok();
}

}  // namespace freshbench
