#include <cstdio>

#include "cli/command.h"
#include "common/build_info.h"

namespace freshbench {

void RegisterVersionCommand(CLI::App& app, CommandRegistry& reg) {
  auto* sub = app.add_subcommand("version", "Print version, git revision and build type");
  sub->callback([&reg] {
    reg.run = [] {
      std::printf("freshbench %s (git %s, %s)\n", BuildVersion(), BuildGitRevision(), BuildType());
      return 0;
    };
  });
}

}  // namespace freshbench
