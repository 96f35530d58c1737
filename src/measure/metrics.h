// The metric formulas (DESIGN.md "The three metrics"), implemented once for
// every pattern, and the measured run of one query that fills a QuerySample.
// All arithmetic is done here in milliseconds, never in an engine's SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engines/driver.h"
#include "measure/query_sample.h"

namespace freshbench {

// T_done - max(event_time): how old the newest visible data is when the
// answer reaches the user (harness clock).
inline double FreshnessLagMs(int64_t t_done_ms, int64_t max_event_time_ms) {
  return static_cast<double>(t_done_ms - max_event_time_ms);
}
// max(ingest_time) - max(event_time), both stamped by the engine.
inline double PipelineLagMs(int64_t max_ingest_time_ms, int64_t max_event_time_ms) {
  return static_cast<double>(max_ingest_time_ms - max_event_time_ms);
}
// The seed's engine-side freshness: engine NOW() - max(event_time).
inline double EngineFreshnessLagMs(int64_t engine_now_ms, int64_t max_event_time_ms) {
  return static_cast<double>(engine_now_ms - max_event_time_ms);
}
// Engine clock minus harness clock, the engine having read its clock at the
// midpoint of the round trip that started at `t_send_ms` (wall) and took
// `round_trip_ms` (monotonic).
inline double ClockSkewMs(int64_t engine_now_ms, int64_t t_send_ms, double round_trip_ms) {
  return static_cast<double>(engine_now_ms) - (static_cast<double>(t_send_ms) + round_trip_ms / 2);
}

// Reads the Q3 columns (docs/patterns.md: max_event_time, max_ingest_time,
// engine_now, total_rows) of `answer`'s first row into `sample` and derives
// the lags from them and sample->t_done_ms. Absent columns or NULL cells
// leave their metrics unset. kInvalidArgument for a cell that is not a
// timestamp (the sample keeps what parsed).
Status FillAnswerMetrics(const ResultSet& answer, QuerySample* sample);

// Runs `sql` on `driver` and measures it: t_submit/t_done on the wall clock,
// query_latency_ms on the monotonic clock (submit -> last row), rows, then
// FillAnswerMetrics. `clock_skew_ms`, when known, is recorded as is. A
// failed query yields a sample whose `error` is the server's message; one
// that hit its time limit (`options.timeout_ms`) is also `stalled`, with the
// engine's handle for it (Driver::LastStatementHandle). A kNotReady answer
// is a sample without error whose `note` is the reason.
QuerySample RunMeasuredQuery(Driver& driver, const std::string& pattern, const std::string& query,
                             const std::string& sql, std::optional<double> clock_skew_ms,
                             ResultSet* answer = nullptr, const CallOptions& options = {});

// Engine clock skew measured over `samples` round trips of EngineNowMs(),
// keeping the one with the shortest round trip (the tightest bound). For an
// engine clock of whole seconds, polls until its second ticks over (at most
// ~2.5 s) and places the tick between the reads on either side of it.
struct ClockSkew {
  double skew_ms = 0;         // engine - harness
  double round_trip_ms = 0;   // of the sample kept
  double uncertainty_ms = 0;  // +/- bound: half the round trip plus half the engine's resolution
  int resolution_ms = 1;      // of the engine clock
};
Result<ClockSkew> MeasureClockSkew(Driver& driver, int samples = 5);

}  // namespace freshbench
