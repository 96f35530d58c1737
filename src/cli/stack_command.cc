// `freshbench stack up|status|down`: the local engines as plain processes on
// 127.0.0.1 (src/stack/). Ports follow FRESHBENCH_PORT_OFFSET, state lives
// in $FRESHBENCH_HOME/stack/.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "common/exit_codes.h"
#include "config/local_kafka.h"
#include "stack/stack.h"

namespace freshbench {
namespace {

struct StackOptions {
  std::string with;     // comma-separated components; empty = default set
  bool purge = false;   // down: also delete data, logs and configs
  bool exact = false;   // status/down: the --with components only, not what they require
  std::string brokers;  // up: Kafka brokers, 1..5; empty = as remembered (else 1)
};

int Fail(const Status& st) {
  std::fprintf(stderr, "freshbench: stack: %s\n", st.message().c_str());
  return st.ExitCode();
}

int RunUp(const StackOptions& o) {
  auto names = stack::ResolveComponents(o.with, /*defaults_only=*/true);
  if (!names.ok()) return Fail(names.status());
  stack::StackContext ctx = stack::StackContext::FromEnvironment();
  if (!o.brokers.empty()) {
    auto n = ParseBrokerCount("--brokers", o.brokers);
    if (!n.ok()) return Fail(n.status());
    ctx.endpoints.kafka_brokers = *n;
    ctx.endpoints.kafka_bootstrap = LocalBootstrap(*n, ctx.endpoints.port_offset);
  }
  stack::Stack s(std::move(ctx));
  stack::UpResult r = s.Up(*names, std::cout);
  std::cout.flush();
  if (!r.status.ok()) {
    int code = Fail(r.status);
    if (!r.details.empty()) std::fputs(r.details.c_str(), stderr);
    return code;
  }
  return kExitOk;
}

int RunStatus(const StackOptions& o) {
  auto names = stack::ResolveComponents(o.with, /*defaults_only=*/false, !o.exact);
  if (!names.ok()) return Fail(names.status());
  stack::Stack s(stack::StackContext::FromEnvironment());
  // Without --with: the default engines must run; the lake counts only if started.
  Status st = s.Report(*names, std::cout, /*optional_extras=*/o.with.empty());
  std::cout.flush();
  // Not running is an answer, not an error message: exit 1 without a line.
  return st.ok() ? kExitOk : kExitFailed;
}

int RunDown(const StackOptions& o) {
  auto names = stack::ResolveComponents(o.with, /*defaults_only=*/false, !o.exact);
  if (!names.ok()) return Fail(names.status());
  stack::Stack s(stack::StackContext::FromEnvironment());
  Status st = s.Down(*names, o.purge, std::cout);
  std::cout.flush();
  return st.ok() ? kExitOk : Fail(st);
}

}  // namespace

void RegisterStackCommand(CLI::App& app, CommandRegistry& reg) {
  auto opts = std::make_shared<StackOptions>();
  auto* sub = app.add_subcommand("stack", "Start, check or stop the local engines (127.0.0.1)");
  sub->require_subcommand(1);
  const std::string with_help =
      "Components, comma-separated (kafka,clickhouse; kafka-<n> is one node of a cluster)";

  auto* up = sub->add_subcommand("up", "Start the local engines and wait until they are healthy");
  up->add_option("--with", opts->with, with_help + "; default: kafka,clickhouse");
  up->add_option("--brokers", opts->brokers,
                 "Kafka brokers (KRaft nodes) on 127.0.0.1, 1 to 5; remembered for later "
                 "commands (default: as last time, else 1)");
  up->callback([&reg, opts] { reg.run = [opts] { return RunUp(*opts); }; });

  auto* status = sub->add_subcommand(
      "status",
      "Show what runs, on which port, since when (exit 1 if a default or started engine is down)");
  status->add_option("--with", opts->with, with_help + "; default: all");
  status->add_flag("--exact", opts->exact,
                   "Only the --with components themselves, not what they require");
  status->callback([&reg, opts] { reg.run = [opts] { return RunStatus(*opts); }; });

  auto* down = sub->add_subcommand(
      "down", "Stop the local engines (SIGTERM, then SIGKILL after a grace period)");
  down->add_option("--with", opts->with, with_help + "; default: all");
  down->add_flag("--purge", opts->purge, "Also delete their data, logs and configs");
  down->add_flag("--exact", opts->exact,
                 "Only the --with components themselves, not what they require");
  down->callback([&reg, opts] { reg.run = [opts] { return RunDown(*opts); }; });
}

}  // namespace freshbench
