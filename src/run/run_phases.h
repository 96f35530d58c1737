// The phases of `freshbench run`, in order, each over one RunContext
// (src/run/benchmark_runner.h tells the whole story). A phase returns a
// non-ok Status only when the run cannot go on (no pattern can run, the
// generator cannot start, the results folder cannot be written); a pattern
// that fails is marked failed and the run goes on with the others.
#pragma once

#include "common/status.h"
#include "gen/generator_options.h"
#include "run/run_context.h"
#include "run/setup_guard.h"

namespace freshbench {

// Binds every chosen pattern (driver, server version, variant); a pattern
// whose engine cannot be reached is listed as skipped with the reason.
// Makes the results folder and the load (not started). No side effect on
// any engine.
Status CheckPhase(RunContext& ctx);

// Clean slate (every chosen pattern torn down first), then per pattern:
// start offsets, setup statements and ingest jobs, the engine clock. A
// pattern whose setup fails is failed. Then contention: patterns paused
// while another is measured (undone by the guard on every path).
Status SetupPhase(RunContext& ctx, SetupGuard& guard);

// Starts the load and one PatternWorker per pattern; runs until the load's
// duration has passed (or Ctrl-C): catch-up, steady, the contention switch
// at the half, markers.
Status LoadPhase(RunContext& ctx, SetupGuard& guard);

// Stops the load; probing goes on until every pattern shows all the run's
// events and has seen its markers, or drain_timeout_s; then Q3 and Q1/Q2
// end, while markers not yet seen go on being probed (SettleMarkers).
Status DrainPhase(RunContext& ctx, SetupGuard& guard);

// Completeness of every pattern that has not failed, in parallel.
Status VerifyPhase(RunContext& ctx);

// Ends the workers, on every way out (before teardown). A pattern that
// verify found with every row still has until the statement limit to show
// its markers (a lake may commit them after the drain ended); markers never
// seen are recorded with the reason.
void SettleMarkers(RunContext& ctx);

// Pieces the phases share with `freshbench sweep` (src/sweep/):
// The in-process generator's options at `rate` (environment, endpoints,
// --generator-threads); kInvalidArgument naming the knob when they are bad.
Result<gen::GeneratorOptions> GeneratorOptionsOf(const RunContext& ctx, uint64_t rate);
// A new PatternWorker for `p`, ticking from origin_ms, Q1/Q2 until
// window_end_ms (replacing, and so finishing, the one it had).
// REQUIRES: ctx.sink set (the load phase sets it).
void StartWorker(RunContext& ctx, RunPattern& p, int64_t origin_ms, int64_t window_end_ms);

}  // namespace freshbench
