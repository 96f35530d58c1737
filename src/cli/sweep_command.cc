// freshbench sweep: the highest rate each pattern sustains within a
// freshness target (src/sweep/sweep_runner.h has the phases), ending in
// results/<run-id>/ with summary.json, report.md and report.html.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/pattern_command_util.h"
#include "cli/run_flags.h"
#include "common/exit_codes.h"
#include "config/endpoints.h"
#include "sweep/sweep_runner.h"

namespace freshbench {
namespace {

struct SweepCliOptions {
  std::string patterns;
  std::string rates, step, slo;
  std::vector<std::string> set;
  std::string patterns_dir, results_dir, stack;
  std::string interval, repeat, markers, generator_threads, max_in_flight, statement_timeout,
      fail_after;
  bool keep = false;
};

// The sweep's options from the flags; every check before anything is touched.
Result<SweepOptions> MakeSweepOptions(const SweepCliOptions& c) {
  SweepOptions o;
  ApplySweepRunDefaults(&o);
  std::stringstream ids(c.patterns);
  for (std::string id; std::getline(ids, id, ',');)
    if (!id.empty()) o.run.patterns.push_back(id);
  auto overrides = ParseSetFlags(c.set);
  if (!overrides.ok()) return overrides.status();
  o.run.set = *overrides;
  o.run.patterns_root = c.patterns_dir;
  if (!c.rates.empty()) {
    auto rates = ParseRates(c.rates);
    if (!rates.ok()) return rates.status();
    o.rates = *rates;
  }
  FB_RETURN_IF_ERROR(ParseFlag("--step", c.step, 20, 3600, " s", false, &o.step_s));
  if (!c.slo.empty()) {
    auto slo = ParseSlo(c.slo);
    if (!slo.ok()) return slo.status();
    o.slo = *slo;
  }
  FB_RETURN_IF_ERROR(ParseFlag("--interval", c.interval, 0.1, 3600, " s", false, &o.run.q3_interval_s));
  FB_RETURN_IF_ERROR(ParseFlag("--repeat", c.repeat, 0, 1000, "", true, &o.run.repeat));
  FB_RETURN_IF_ERROR(ParseFlag("--markers", c.markers, 0, 10000, "", true, &o.run.markers));
  FB_RETURN_IF_ERROR(ParseFlag("--generator-threads", c.generator_threads, 1, 256, "", true,
                               &o.run.generator_threads));
  FB_RETURN_IF_ERROR(ParseFlag("--max-in-flight", c.max_in_flight, 1, 16, "", true, &o.run.max_in_flight));
  FB_RETURN_IF_ERROR(ParseFlag("--statement-timeout", c.statement_timeout, 1, 3600, " s", false,
                               &o.run.statement_timeout_s));
  FB_RETURN_IF_ERROR(ParseFlag("--fail-after", c.fail_after, 1, 1000, "", true, &o.run.fail_after));
  if (!c.stack.empty() && c.stack != "local")
    return Status::InvalidArgument("--stack " + c.stack + ": only 'local' is known");
  o.run.keep = c.keep;
  if (!c.results_dir.empty()) {
    o.run.results_root = c.results_dir;
  } else if (const char* env = std::getenv("FRESHBENCH_RESULTS"); env && *env) {
    o.run.results_root = env;
  }
  o.run.tty = isatty(STDERR_FILENO) != 0;
  FB_RETURN_IF_ERROR(ValidateSweepOptions(o));
  return o;
}

// First Ctrl-C: stop cleanly and write the report. Second: leave now.
void OnSignal(int) {
  if (SweepRunner::StopRequested()) {
    static const char kMsg[] =
        "\nfreshbench: stopped at once; render what was measured with `freshbench report <run-id>`\n";
    (void)!write(STDERR_FILENO, kMsg, sizeof(kMsg) - 1);
    _exit(kExitInterrupted);
  }
  SweepRunner::RequestStop();
}

int RunSweep(const SweepCliOptions& c) {
  auto opts = MakeSweepOptions(c);
  if (!opts.ok()) return ReportError(opts.status());
  if (c.stack == "local")
    if (Status st = StartLocalStackFor(opts->run, false, !c.patterns.empty()); !st.ok())
      return ReportError(st);

  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  SweepRunner runner(*opts, Endpoints::FromEnvironment());
  return ReportOutcome("sweep", runner.Run());
}

}  // namespace

void RegisterSweepCommand(CLI::App& app, CommandRegistry& reg) {
  auto c = std::make_shared<SweepCliOptions>();
  auto* sub = app.add_subcommand(
      "sweep", "Raise the rate step by step: the highest rate each pattern sustains within its target");
  sub->add_option("--patterns", c->patterns, "Comma-separated pattern ids (default: all that can run)");
  sub->add_option("--rates", c->rates,
                  "Rising events/s, one step each: 5000,20000,80000 or FROM..TO (doubling) or "
                  "FROM..TOxF (default 2000..32000x4)");
  sub->add_option("--step", c->step, "Seconds each rate is held (default 150)");
  sub->add_option("--slo", c->slo,
                  "Target per step: metric_stat=duration terms, e.g. freshness_p95=5s,q1_p95=2s; "
                  "pN:term for one pattern (default: each pattern's sweep_slo, else freshness_p95=5s)");
  sub->add_option("--interval", c->interval, "Seconds between Q3 probes (default 5)");
  sub->add_option("--repeat", c->repeat, "Q1 and Q2 runs per pattern per step (default 3)");
  sub->add_option("--markers", c->markers, "Marker events per step (default 4)");
  sub->add_option("--generator-threads", c->generator_threads, "Producer threads (default 2)");
  sub->add_option("--max-in-flight", c->max_in_flight, "Q3 (and marker) probes in flight per pattern (default 2)");
  sub->add_option("--statement-timeout", c->statement_timeout, "Seconds one query may run (default 120)");
  sub->add_option("--fail-after", c->fail_after, "Consecutive failed Q3 probes that fail a pattern (default 3)");
  sub->add_flag("--keep", c->keep, "Leave the patterns set up afterwards");
  sub->add_option("--stack", c->stack, "'local': start the local stack the patterns need first");
  sub->add_option("--set", c->set, "Override a pattern setting: key=value (repeatable)");
  sub->add_option("--patterns-dir", c->patterns_dir, "Folder holding the pattern folders");
  sub->add_option("--results-dir", c->results_dir,
                  "Where sweeps are written (env FRESHBENCH_RESULTS, default ./results)");
  sub->callback([&reg, c] { reg.run = [c] { return RunSweep(*c); }; });
}

}  // namespace freshbench
