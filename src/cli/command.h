// How a subcommand plugs into the CLI: one file per verb
// (src/cli/<verb>_command.cc) defines Register<Verb>Command, which adds a
// CLI11 subcommand with its options struct and, when that subcommand is
// chosen, stores the function that runs it. main() runs it after parsing.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace freshbench {

struct CommandRegistry {
  // Set by the chosen subcommand's parse callback; returns the exit code.
  std::function<int()> run;
};

void RegisterVersionCommand(CLI::App& app, CommandRegistry& reg);
void RegisterStackCommand(CLI::App& app, CommandRegistry& reg);
void RegisterGenerateCommand(CLI::App& app, CommandRegistry& reg);
void RegisterSetupCommand(CLI::App& app, CommandRegistry& reg);
void RegisterTeardownCommand(CLI::App& app, CommandRegistry& reg);
void RegisterQueryCommand(CLI::App& app, CommandRegistry& reg);
void RegisterProbeCommand(CLI::App& app, CommandRegistry& reg);
void RegisterVerifyCommand(CLI::App& app, CommandRegistry& reg);
void RegisterStatusCommand(CLI::App& app, CommandRegistry& reg);
void RegisterReportCommand(CLI::App& app, CommandRegistry& reg);
void RegisterRunCommand(CLI::App& app, CommandRegistry& reg);
void RegisterSweepCommand(CLI::App& app, CommandRegistry& reg);

// Registers every subcommand; the one list to edit when adding a verb.
inline void RegisterAllCommands(CLI::App& app, CommandRegistry& reg) {
  RegisterVersionCommand(app, reg);
  RegisterStackCommand(app, reg);
  RegisterGenerateCommand(app, reg);
  RegisterSetupCommand(app, reg);
  RegisterTeardownCommand(app, reg);
  RegisterQueryCommand(app, reg);
  RegisterProbeCommand(app, reg);
  RegisterVerifyCommand(app, reg);
  RegisterStatusCommand(app, reg);
  RegisterReportCommand(app, reg);
  RegisterRunCommand(app, reg);
  RegisterSweepCommand(app, reg);
}

}  // namespace freshbench
