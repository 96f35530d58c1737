#include <cstdio>

#include "cli/command.h"

namespace freshbench {

void RegisterVersionCommand(CLI::App& app, CommandRegistry& reg) {
  auto* sub = app.add_subcommand("version", "Print version, git revision and build type");
  sub->callback([&reg] {
    reg.run = [] {
      std::printf("freshbench %s (git %s, %s)\n", FRESHBENCH_VERSION, FRESHBENCH_GIT_REV,
                  FRESHBENCH_BUILD_TYPE);
      return 0;
    };
  });
}

}  // namespace freshbench
