// A sweep's summary.json, from its raw files and sweep.json alone:
//
//   kind "sweep", run_id, status, exit_code, note, started_ms, finished_ms,
//   settings, machine, build, skipped (as a run's),
//   sweep {rates, step_s, slo, targets, stopped},
//   patterns[] {id, name, target, highest_within_rps (null: none),
//     at {freshness_p50_ms, freshness_p95_ms, q1_p95_ms, q2_p95_ms} (at that
//     rate), first_broken_rps, first_broken_why, first_broken_engine_behind,
//     completeness (for the whole sweep, as in a run)},
//   steps[] {step, rate, from_ms, to_ms, generator {target_rps,
//     delivered_rps, max_lag_ms, sent, late, short, why},
//     patterns[] {id, driven, outcome ("within", "broke", "no data",
//       "failed", "not driven", "not judged": the generator fell short),
//       why, engine_behind, terms[] {term, value_ms, within},
//       freshness_slope_ms_per_s, ingestion_rate_rps, figures: the step's
//       BuildSummary entry for the pattern (run's shape)}},
//   whole: BuildSummary over every record (a run's summary.json).
//
// Each step's figures are BuildSummary's over that step's records only:
// samples tagged with the step, markers acknowledged, phases and generator
// lines written within its span; so a step is measured exactly as a run.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "report/run_data.h"
#include "sweep/sweep_record.h"

namespace freshbench {

// The records of one step (see above).
RunData StepData(const RunData& all, const SweepStep& step);

// The verdicts and figures of step `index` of `sweep` (its "steps[]" entry).
nlohmann::json SummarizeStep(const RunData& all, const SweepRecord& sweep, size_t index);

nlohmann::json BuildSweepSummary(const RunData& all, const SweepRecord& sweep);

}  // namespace freshbench
