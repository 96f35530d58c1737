// freshbench: one binary, one verb per subcommand (src/cli/*_command.cc).
#include <cstdio>

#include "cli/command.h"
#include "common/build_info.h"
#include "common/exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{"freshbench: freshness and query-latency benchmark for real-time analytics patterns"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(freshbench::BuildVersion()) + " (" +
                                        freshbench::BuildGitRevision() + ")");
  freshbench::CommandRegistry reg;
  freshbench::RegisterAllCommands(app, reg);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line naming what is wrong; usage errors always exit 2.
    std::fprintf(stderr, "freshbench: %s\n", e.what());
    return freshbench::kExitUsage;
  }
  if (!reg.run) return freshbench::kExitUsage;
  return reg.run();
}
