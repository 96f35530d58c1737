// freshbench: one binary, one verb per subcommand (src/cli/*_command.cc).
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "cli/command.h"
#include "common/build_info.h"
#include "common/exit_codes.h"
#include "config/engine_settings.h"
#include "engines/driver_registry.h"

int main(int argc, char** argv) {
  CLI::App app{"freshbench: freshness and query-latency benchmark for real-time analytics patterns"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(freshbench::BuildVersion()) + " (" +
                                        freshbench::BuildGitRevision() + ")");
  // Engine settings for any command, before or after its name
  // (config/engine_settings.h): -E clickhouse.url=http://host:8123.
  std::vector<std::string> engine_settings;
  app.add_option("-E,--engine-setting", engine_settings,
                 "An engine's setting, ENGINE.KEY=VALUE (repeatable; beats FRESHBENCH_* and the "
                 "config file)")
      ->type_name("ENGINE.KEY=VALUE");
  app.fallthrough();  // subcommands inherit it: -E may follow the command's name
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
  std::map<std::string, std::string> flags;
  for (const std::string& kv : engine_settings) {
    const size_t eq = kv.find('=');
    const freshbench::Status st =
        eq == std::string::npos
            ? freshbench::Status::InvalidArgument("expected ENGINE.KEY=VALUE")
            : freshbench::CheckEngineSettingName(kv.substr(0, eq));
    if (!st.ok()) {
      std::fprintf(stderr, "freshbench: -E %s: %s\n", kv.c_str(), st.message().c_str());
      return freshbench::kExitUsage;
    }
    flags[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  freshbench::EngineSettings::SetFlags(std::move(flags));
  if (!reg.run) return freshbench::kExitUsage;
  return reg.run();
}
