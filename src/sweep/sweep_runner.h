// SweepRunner: `freshbench sweep`, the highest rate each pattern sustains
// within its target. The run core's phases (src/run/run_phases.h), with the
// load phase held once per rate:
//
//   validate  every knob, rate and target (ValidateSweepOptions), before
//             anything is touched: bad input is exit 2
//   check     as a run's: patterns bound or skipped, results folder
//   setup     as a run's, once for the whole sweep
//   steps     per rate, rising: the in-process generator restarted at that
//             rate (one stream for every pattern) and LoadPhase held for
//             --step seconds: catch-up, then the steady window measured as a
//             run measures it (Q3 open loop, Q1/Q2, markers), raw lines
//             tagged "step": N. Then the step's verdicts (src/sweep/
//             step_verdict.h) from the files just written: a pattern that
//             broke its target (or failed) is not measured at higher rates
//             (its engine still ingests the stream: there is one); a step
//             whose rate the generator could not deliver is labelled so and
//             ends the sweep
//   drain     every pattern still alive probed again until it shows the
//             whole sweep's events (or drain_timeout_s)
//   verify    completeness for the whole sweep, as in a run
//   teardown  (SetupGuard) on every path
//
// results/<run-id>/ holds a run's files plus sweep.json; the reports
// (src/sweep/sweep_report.h) are rendered from them. Exit codes as `run`'s.
//
// Thread safety: Run() once, from one thread; RequestStop() from anywhere
// (it only sets a flag; safe in a signal handler).
#pragma once

#include "common/status.h"
#include "config/endpoints.h"
#include "run/benchmark_runner.h"
#include "sweep/sweep_options.h"

namespace freshbench {

class SweepRunner {
 public:
  SweepRunner(SweepOptions options, Endpoints endpoints);
  // Fails (touching nothing) with kInvalidArgument for bad input, kIoError
  // when the results folder cannot be written; anything else is an outcome
  // with its report and exit code.
  Result<RunOutcome> Run();

  static void RequestStop();
  static bool StopRequested();

 private:
  SweepOptions o_;
  Endpoints endpoints_;
};

}  // namespace freshbench
