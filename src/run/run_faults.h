// The faults of one `freshbench run --fault ...` inside the run: checking
// their targets, the injector the load phase drives (what it does lands in
// phases.jsonl, run.json and the live log), and the verdict after the
// drain: a pattern that did not recover from a fault is failed.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "run/fault_plan.h"
#include "run/run_context.h"

namespace freshbench {

// Every fault's target is running in the local stack now, or is one of
// `starting` (what `run --stack local` is about to start; "kafka" stands
// for the remembered cluster's nodes). InvalidArgument naming the fault
// otherwise. Reads pid records only.
Status CheckFaultTargets(const std::vector<FaultSpec>& plan,
                         const std::vector<std::string>& starting = {});

// When the run has faults: checks their targets run, then makes
// ctx.faults (not started). No side effect.
Status PrepareFaults(RunContext& ctx);

// After the drain, before verify: every pattern not failed yet is judged
// against each fault (report/fault_impact.h); one that did not recover is
// failed now, with the fault and the reason.
void JudgeFaultRecovery(RunContext& ctx);

}  // namespace freshbench
