// freshbench run: every chosen pattern side by side under one generated
// stream, ending in results/<run-id>/ with summary.json, report.md and
// report.html (src/run/benchmark_runner.h has the phases).
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "cli/run_flags.h"
#include "common/exit_codes.h"
#include "config/endpoints.h"
#include "patterns/pattern.h"
#include "gen/generator_options.h"
#include "run/benchmark_runner.h"
#include "run/fault_injector.h"
#include "run/run_faults.h"
#include "stack/stack.h"

namespace freshbench {
namespace {

// Numbers are taken as text and parsed here, so a message can quote what
// the user typed (`--rate -5`), not what a wrapped integer became.
struct RunCliOptions {
  std::string patterns;  // "p0,p1"
  std::vector<std::string> set;
  std::string patterns_dir;
  std::string rate, duration, interval, repeat, markers, generator_threads, max_in_flight,
      statement_timeout, fail_after, metrics_port;
  bool quick = false;
  bool keep = false;
  std::string stack;
  std::string results_dir;
  std::string from = "run";
  std::string load = "generator";
  bool no_pause = false;
  std::vector<std::string> faults;  // --fault TARGET:ACTION@T[+D]
  std::optional<std::string> acks, compression, linger_ms, batch_size;
};

// The run's options from the flags; every check before anything is touched.
Result<RunOptions> MakeRunOptions(const RunCliOptions& c) {
  RunOptions o;
  if (c.quick) ApplyQuick(&o);
  std::stringstream ids(c.patterns);
  for (std::string id; std::getline(ids, id, ',');)
    if (!id.empty()) o.patterns.push_back(id);
  auto overrides = ParseSetFlags(c.set);
  if (!overrides.ok()) return overrides.status();
  o.set = *overrides;
  o.patterns_root = c.patterns_dir;
  FB_RETURN_IF_ERROR(ParseFlag("--rate", c.rate, 1, 1e8, " events/s", true, &o.rate));
  FB_RETURN_IF_ERROR(ParseFlag("--duration", c.duration, 1, 7 * 86400, " s", false, &o.duration_s));
  FB_RETURN_IF_ERROR(ParseFlag("--interval", c.interval, 0.1, 3600, " s", false, &o.q3_interval_s));
  FB_RETURN_IF_ERROR(ParseFlag("--repeat", c.repeat, 0, 1000, "", true, &o.repeat));
  FB_RETURN_IF_ERROR(ParseFlag("--markers", c.markers, 0, 10000, "", true, &o.markers));
  FB_RETURN_IF_ERROR(
      ParseFlag("--generator-threads", c.generator_threads, 1, 256, "", true, &o.generator_threads));
  FB_RETURN_IF_ERROR(ParseFlag("--max-in-flight", c.max_in_flight, 1, 16, "", true, &o.max_in_flight));
  FB_RETURN_IF_ERROR(ParseFlag("--statement-timeout", c.statement_timeout, 1, 3600, " s", false,
                               &o.statement_timeout_s));
  FB_RETURN_IF_ERROR(ParseFlag("--fail-after", c.fail_after, 1, 1000, "", true, &o.fail_after));
  FB_RETURN_IF_ERROR(ParseFlag("--metrics-port", c.metrics_port, 1, 65535, "", true, &o.metrics_port));
  o.keep = c.keep;
  o.from = c.from;
  o.load = c.load;
  o.no_pause = c.no_pause;
  if (!c.results_dir.empty()) {
    o.results_root = c.results_dir;
  } else if (const char* env = std::getenv("FRESHBENCH_RESULTS"); env && *env) {
    o.results_root = env;
  }
  o.tty = isatty(STDERR_FILENO) != 0;
  for (const std::string& text : c.faults) {
    auto f = ParseFault(text);
    if (!f.ok()) return f.status();
    o.faults.push_back(*f);
  }
  // The generator's knobs, parsed as `generate` parses them.
  FB_RETURN_IF_ERROR(gen::ApplyFlag(c.acks, "--acks", gen::ParseAcks, &o.acks));
  FB_RETURN_IF_ERROR(
      gen::ApplyFlag(c.compression, "--compression", gen::ParseCompression, &o.compression));
  FB_RETURN_IF_ERROR(gen::ApplyFlag(c.linger_ms, "--linger-ms", gen::ParseLingerMs, &o.linger_ms));
  FB_RETURN_IF_ERROR(
      gen::ApplyFlag(c.batch_size, "--batch-size", gen::ParseBatchSize, &o.batch_size));
  FB_RETURN_IF_ERROR(ValidateRunOptions(o));
  return o;
}

// First Ctrl-C: stop cleanly and write the report. Second: leave now (an
// engine call can block for long); the raw samples are already on disk and
// `freshbench report <run-id>` renders them.
void OnSignal(int) {
  if (BenchmarkRunner::StopRequested()) {
    static const char kMsg[] =
        "\nfreshbench: stopped at once; render what was measured with `freshbench report <run-id>`\n";
    (void)!write(STDERR_FILENO, kMsg, sizeof(kMsg) - 1);
    ContinuePausedTargets();  // no stack process stays stopped by a --fault pause
    _exit(kExitInterrupted);
  }
  BenchmarkRunner::RequestStop();
}

int RunRun(const RunCliOptions& c) {
  auto opts = MakeRunOptions(c);
  if (!opts.ok()) return ReportError(opts.status());
  const RunOptions& o = *opts;
  if (!c.stack.empty() && c.stack != "local")
    return ReportError(Status::InvalidArgument("--stack " + c.stack + ": only 'local' is known"));

  if (c.stack == "local")
    if (Status st = StartLocalStackFor(o, c.quick, !c.patterns.empty()); !st.ok()) return ReportError(st);

  if (c.stack.empty())
    if (Status st = CheckFaultTargets(o.faults); !st.ok()) return ReportError(st);

  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  BenchmarkRunner runner(o, Endpoints::FromEnvironment());
  return ReportOutcome("run", runner.Run());
}

}  // namespace

void RegisterRunCommand(CLI::App& app, CommandRegistry& reg) {
  auto c = std::make_shared<RunCliOptions>();
  auto* sub = app.add_subcommand(
      "run", "Benchmark every pattern side by side and write results/<run-id>/ with the report");
  sub->add_option("--patterns", c->patterns, "Comma-separated pattern ids (default: all that can run)");
  sub->add_option("--rate", c->rate, "Generator events/s (default 5000)");
  sub->add_option("--max-in-flight", c->max_in_flight,
                  "Q3 (and marker) probes in flight per pattern; a tick that finds them all "
                  "running is recorded as such (default 2)");
  sub->add_option("--statement-timeout", c->statement_timeout,
                  "Seconds one query may run; past it, it is cancelled and counted as a stall "
                  "(default 120)");
  sub->add_option("--fail-after", c->fail_after,
                  "Consecutive failed Q3 probes that fail a pattern (default 3)");
  sub->add_option("--duration", c->duration, "Seconds of generated load (default 420; --quick 100)");
  sub->add_option("--interval", c->interval, "Seconds between Q3 probes (default 5; --quick 2)");
  sub->add_option("--repeat", c->repeat, "Q1 and Q2 runs per pattern in steady state (default 5)");
  sub->add_option("--markers", c->markers, "Marker events for visibility latency (default 20)");
  sub->add_option("--generator-threads", c->generator_threads, "Producer threads (default 2)");
  sub->add_flag("--quick", c->quick, "A short run (within 3 minutes)");
  sub->add_flag("--keep", c->keep, "Leave the patterns set up afterwards");
  sub->add_option("--from", c->from,
                  "'run' (default): patterns read only this run's events; 'topic': from where "
                  "each pattern starts, the topic's backlog included");
  sub->add_option("--load", c->load,
                  "'generator' (default): the in-process generator at --rate; 'external': measure a "
                  "stream others produce (its rate from the topic's offsets; markers still injected)");
  sub->add_flag("--no-pause", c->no_pause,
                "Measure contending patterns (P5, P6) together instead of pausing one");
  sub->add_option("--fault", c->faults,
                  "TARGET:ACTION@T[+D] (repeatable): kill, restart or pause a local stack "
                  "component (kafka-2, clickhouse, fluss, flink-taskmanager, ...) T s into the "
                  "load, for D s; the report's Faults section says what each pattern lost");
  sub->add_option("--acks", c->acks, "Generator acks: 0, 1 or all (ACKS, default 1)");
  sub->add_option("--compression", c->compression,
                  "Generator compression: none, gzip, snappy, lz4 or zstd (COMPRESSION, lz4)");
  sub->add_option("--linger-ms", c->linger_ms, "Generator batching delay in ms (LINGER_MS, 5)");
  sub->add_option("--batch-size", c->batch_size, "Generator max batch bytes (BATCH_SIZE, 131072)");
  sub->add_option("--stack", c->stack, "'local': start the local stack first");
  sub->add_option("--set", c->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", c->patterns_dir, "Folder holding the pattern folders");
  sub->add_option("--results-dir", c->results_dir,
                  "Where runs are written (env FRESHBENCH_RESULTS, default ./results)");
  sub->add_option("--metrics-port", c->metrics_port,
                  "Serve Prometheus metrics on 127.0.0.1:PORT/metrics while running");
  sub->callback([&reg, c] { reg.run = [c] { return RunRun(*c); }; });
}

}  // namespace freshbench
