// Placeholder until the local stack lands (issue 2).
#include <cstdio>

#include "cli/command.h"

namespace freshbench {

void RegisterStackCommand(CLI::App& app, CommandRegistry& reg) {
  auto* sub = app.add_subcommand("stack", "Start, check or stop the local engines");
  sub->callback([&reg] { reg.run = [] { std::fprintf(stderr, "freshbench: stack: not built yet\n"); return 1; }; });
}

}  // namespace freshbench
