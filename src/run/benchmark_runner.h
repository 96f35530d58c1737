// BenchmarkRunner: `freshbench run`, one command from a running stack to a
// finished report. The phases (src/run/run_phases.h), in order:
//
//   validate  every knob, pattern id and --set key (ValidateRunOptions),
//             before anything is touched: bad input is exit 2
//   check     bind every chosen pattern (driver, server version); a pattern
//             whose engine is missing is listed as skipped with the reason
//   setup     clean slate, start offsets (--from run: a run measures only its
//             own events), setup statements and ingest jobs, the engine
//             clock; contending patterns paused (runner.yaml)
//   load      generator at --rate; one PatternWorker per pattern: Q3 on an
//             open loop (catch-up until its freshness stops falling, then
//             steady), Q1/Q2 over its steady window, markers probed until
//             seen; at the half a paused pattern resumes
//   drain     generator stopped; probing goes on until every pattern shows
//             the run's events and its markers (or drain_timeout_s)
//   verify    completeness per pattern (rows, distinct event_ids vs topic)
//   teardown  (SetupGuard, on every path) resume what is paused, drop what
//             setup made, unless --keep
//
// Every sample is written to results/<run-id>/ as it is taken; at the end
// (also after Ctrl-C or a failure) the reports are rendered from those files.
//
// Thread safety: Run() once, from one thread; RequestStop() from anywhere
// (it only sets a flag; safe in a signal handler).
#pragma once

#include <string>

#include "common/status.h"
#include "config/endpoints.h"
#include "report/report_renderer.h"
#include "run/run_options.h"

namespace freshbench {

struct RunOutcome {
  std::string results_dir;
  std::string markdown;  // report.md
  std::string html_path;
  // run.json's status and the process exit code (README): "complete" 0,
  // "incomplete" 1 (a pattern failed, or lost or duplicated events),
  // "failed" 1 (the run could not finish), "interrupted" 130.
  std::string status;
  std::string note;  // why, when not complete
  int exit_code = 0;
  int patterns_run = 0;
};

struct RunContext;

// run.json's status, note and exit code from what the phases left (the
// table above; also `freshbench sweep`'s), written with finished_ms.
void ConcludeRun(RunContext& ctx, const Status& run_status);
// What Run() hands back once the reports are rendered.
RunOutcome OutcomeOf(const RunContext& ctx, const RenderedReport& rendered);

class BenchmarkRunner {
 public:
  BenchmarkRunner(RunOptions options, Endpoints endpoints);
  // Runs every phase. Fails (and touches nothing) with kInvalidArgument for
  // bad input; fails with kIoError when the results folder cannot be
  // written. Anything else, a run that could not finish included, is an
  // outcome with its report and exit code.
  Result<RunOutcome> Run();

  // Ctrl-C: statements in flight are cancelled, the run drains no further,
  // teardown runs, the report is written (exit 130).
  static void RequestStop();
  static bool StopRequested();

 private:
  RunOptions o_;
  Endpoints endpoints_;
};

}  // namespace freshbench
