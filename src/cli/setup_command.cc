// freshbench setup <pattern> [--set key=value]...: creates what the pattern
// needs on its engine (idempotent: every statement is IF NOT EXISTS). For a
// pattern that reads Kafka with a consumer group, the group's start offsets
// are placed first, so the engine reads from a known point.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "config/endpoints.h"
#include "measure/start_offsets.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern_lifecycle.h"

namespace freshbench {
namespace {

struct SetupOptions {
  std::string pattern;
  std::vector<std::string> set;  // key=value overrides of pattern settings
  std::string patterns_dir;      // empty: DefaultPatternsRoot()
};

int RunSetup(const SetupOptions& opt) {
  auto overrides = ParseSetFlags(opt.set);
  if (!overrides.ok()) return ReportError(overrides.status());
  const Endpoints endpoints = Endpoints::FromEnvironment();
  auto bound = BindPattern({opt.pattern, opt.patterns_dir, *overrides}, endpoints);
  if (!bound.ok()) return ReportError(bound.status().WithContext("setup " + opt.pattern));

  std::string start_note;
  if (auto group = bound->KafkaGroup()) {
    KafkaTarget target{endpoints.kafka_bootstrap, endpoints.topic};
    auto start = PlaceAndRecordStartOffsets(target, *group, bound->pattern().kafka->start_from,
                                            endpoints.home, bound->pattern().id);
    if (!start.ok()) return ReportError(start.status().WithContext("setup " + opt.pattern));
    start_note = start->placed_now ? ", group " + *group + " starts at the topic's " +
                                         bound->pattern().kafka->start_from + " offsets"
                                   : ", group " + *group + " keeps its committed offsets";
  }
  auto done = SetUpPattern(*bound, endpoints);
  if (!done.ok()) return ReportError(done.status().WithContext("setup " + opt.pattern));
  const int variant = bound->resolution().variant_index;
  std::printf("%s: set up on %s %s (%s), %zu statements%s\n", bound->pattern().id.c_str(),
              bound->pattern().engine.c_str(), bound->server_version().c_str(),
              variant < 0 ? "base variant" : ("variant " + std::to_string(variant)).c_str(),
              done->statements,
              done->flink_jobs == 0
                  ? start_note.c_str()
                  : (start_note + ", " + std::to_string(done->flink_jobs) + " Flink job(s)").c_str());
  return kExitOk;
}

}  // namespace

void RegisterSetupCommand(CLI::App& app, CommandRegistry& reg) {
  auto opt = std::make_shared<SetupOptions>();
  auto* sub = app.add_subcommand("setup", "Create a pattern's tables, views and jobs (idempotent)");
  sub->add_option("pattern", opt->pattern, "Pattern id, e.g. p1")->required();
  sub->add_option("--set", opt->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", opt->patterns_dir, "Folder holding the pattern folders");
  sub->callback([opt, &reg] { reg.run = [opt] { return RunSetup(*opt); }; });
}

}  // namespace freshbench
