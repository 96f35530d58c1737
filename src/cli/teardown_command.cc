// freshbench teardown <pattern>: drops what setup created (idempotent), then
// deletes the pattern's Kafka consumer group so the next setup starts afresh.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "config/endpoints.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern_lifecycle.h"

namespace freshbench {
namespace {

struct TeardownOptions {
  std::string pattern;
  std::vector<std::string> set;
  std::string patterns_dir;
};

int RunTeardown(const TeardownOptions& opt) {
  auto overrides = ParseSetFlags(opt.set);
  if (!overrides.ok()) return ReportError(overrides.status());
  const Endpoints endpoints = Endpoints::FromEnvironment();
  auto bound = BindPattern({opt.pattern, opt.patterns_dir, *overrides}, endpoints);
  if (!bound.ok()) return ReportError(bound.status().WithContext("teardown " + opt.pattern));
  auto done = TearDownPattern(*bound, endpoints);
  if (!done.ok()) return ReportError(done.status().WithContext("teardown " + opt.pattern));
  std::string group_note;
  if (auto group = bound->KafkaGroup()) {
    Status st = ForgetKafkaGroup(*bound, endpoints);
    if (!st.ok()) return ReportError(st.WithContext("teardown " + opt.pattern));
    group_note = ", consumer group " + *group + " deleted";
  }
  std::printf("%s: torn down, %zu statements%s\n", bound->pattern().id.c_str(), done->statements,
              group_note.c_str());
  return kExitOk;
}

}  // namespace

void RegisterTeardownCommand(CLI::App& app, CommandRegistry& reg) {
  auto opt = std::make_shared<TeardownOptions>();
  auto* sub = app.add_subcommand("teardown", "Drop what setup created (idempotent)");
  sub->add_option("pattern", opt->pattern, "Pattern id, e.g. p1")->required();
  sub->add_option("--set", opt->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", opt->patterns_dir, "Folder holding the pattern folders");
  sub->callback([opt, &reg] { reg.run = [opt] { return RunTeardown(*opt); }; });
}

}  // namespace freshbench
