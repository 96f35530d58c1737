// BuildSummary: turns one run's raw records into summary.json.
//
// Shape (every figure computed from the raw files only):
//   run_id, status, exit_code (null for runs older than it), note,
//   started_ms, finished_ms, duration_s, settings, machine, build,
//   skipped[], raw_lines_skipped,
//   generator {target_rps, samples, total_sent, total_delivered,
//              total_failed, mean_rps, rps: stats},
//   footprint {samples, cpu_pct: stats, rss_mib: stats,
//              cpu_ms_per_1000_events},
//   patterns[] {id, name, engine, engine_version, description, settings,
//     clock {measurable, how, note, skew_ms, skew_uncertainty_ms} (run.json),
//     failed (bool), failed_ms, failure, samples_after_failure (when failed),
//     steady_reached, steady_from_ms, catchup_ms, basis ("steady"|"all"),
//     catchup {samples, freshness_lag_ms: stats},
//     queries {q1|q2|q3|marker: {samples, answered, in_flight, failed_probes,
//              errors (= failed_probes), stalls, last_error, query_latency_ms,
//              freshness_lag_ms, pipeline_lag_ms, engine_freshness_lag_ms,
//              clock_skew_ms, rows: stats},
//              q3 also max_gap_ms, max_gap_from_ms, max_gap_to_ms},
//     stalls {count, handles[] {query, phase, t_submit_ms, stall}},
//     ingestion_rate_rps, ingestion_basis {from_ms, to_ms, from_rows, to_rows},
//     markers {injected, seen, not_seen, failed_probes,
//              visibility_latency_ms: stats, visibility_lower_bound_ms: stats},
//     completeness {expected, visible_rows, distinct_ids, lost, duplicated,
//                   complete, error} | null}
// A stats value is {n, min, p50, p95, p99, max} or null when nothing was
// measured. Query stats use steady-phase samples ("basis": "steady"); when a
// pattern never reached steady state they use every sample ("basis": "all").
// Open-loop probing: a sample in flight (a tick that found the pattern's
// probes in flight full) counts in freshness_lag_ms as the lower bound it
// is (leaving the stall moments out would be coordinated omission) and in
// no other figure; an answered sample is one without error, not in flight.
// max_gap_ms is the longest stretch of the basis phase from one answer's
// t_done to the next (or to the last tick after the last answer). stalls
// count samples that hit the run's statement limit, in every phase.
// A failed pattern (run.json failed_ms, or a "failed" phase event) keeps
// only the samples ticked and the markers acked up to its failure. A clock
// that is not measurable gives null clock_skew_ms and engine_freshness_lag_ms.
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "report/run_data.h"

namespace freshbench {

nlohmann::json BuildSummary(const RunData& run);

// freshbench's own CPU (milliseconds of one core) per 1,000 delivered
// events: the CPU of footprint.jsonl (cpu_pct over each sample's interval,
// from the second sample on) over the events generator.jsonl reports
// delivered within the same span. nullopt without two footprint samples or
// without events in that span.
std::optional<double> CpuMsPer1000Events(const RunData& run);

}  // namespace freshbench
