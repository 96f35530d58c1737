// Placeholder until the generator lands (issue 2).
#include <cstdio>

#include "cli/command.h"

namespace freshbench {

void RegisterGenerateCommand(CLI::App& app, CommandRegistry& reg) {
  auto* sub = app.add_subcommand("generate", "Produce the benchmark event stream");
  sub->callback([&reg] { reg.run = [] { std::fprintf(stderr, "freshbench: generate: not built yet\n"); return 1; }; });
}

}  // namespace freshbench
