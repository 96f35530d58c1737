// QuerySample: one measured query against one pattern, the raw record every
// figure in a report is traced back to (one JSON line in results/<run>/).
//
// Times are UTC milliseconds on the harness clock unless said otherwise;
// durations come from the monotonic clock. A metric the query could not
// yield (no rows yet, an engine without ingest_time) is std::nullopt and
// written as JSON null, never as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace freshbench {

struct QuerySample {
  std::string pattern;             // "p1"
  std::string query;               // "q1", "q2", "q3", "marker"
  int64_t t_submit_ms = 0;         // harness wall clock when the query was sent
  int64_t t_done_ms = 0;           // harness wall clock when the last row arrived
  double query_latency_ms = 0;     // monotonic: submit -> last row
  int64_t rows = 0;                // rows in the answer
  std::optional<int64_t> total_rows;          // count(*) seen by Q3
  std::optional<int64_t> max_event_time_ms;   // newest event_time in the answer
  std::optional<int64_t> max_ingest_time_ms;  // engine's max(ingest_time)
  std::optional<int64_t> engine_now_ms;       // engine NOW() as it answered
  std::optional<double> freshness_lag_ms;         // t_done - max_event_time
  std::optional<double> pipeline_lag_ms;          // max_ingest - max_event
  std::optional<double> engine_freshness_lag_ms;  // engine_now - max_event (the seed's)
  std::optional<double> clock_skew_ms;            // engine clock - harness clock
  std::string error;               // empty when the query succeeded
  std::string note;                // why an answer without error has no data
                                   // (e.g. the lake has no snapshot yet)
  // Open-loop probing (DESIGN.md "The run core"): the tick this probe was
  // scheduled for. t_submit_ms - t_tick_ms is how late it was sent.
  std::optional<int64_t> t_tick_ms;
  // Set on a tick that found the pattern's bound of probes in flight full:
  // no query was sent. The oldest probe still running was sent at this
  // time; freshness_lag_ms is then a lower bound (tick - newest event_time
  // seen so far) and query_latency_ms the time that probe has run so far.
  std::optional<int64_t> in_flight_since_ms;
  // The query hit the run's statement limit: `error` says so and `stall`
  // names the engine's own handle for it ("flink job <id> RUNNING").
  bool stalled = false;
  std::string stall;

  bool in_flight() const { return in_flight_since_ms.has_value(); }

  bool ok() const { return error.empty(); }
};

void to_json(nlohmann::json& j, const QuerySample& s);
void from_json(const nlohmann::json& j, QuerySample& s);

}  // namespace freshbench
