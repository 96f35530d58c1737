#include "measure/metrics.h"

#include "measure/clock.h"
#include "common/timestamp.h"

namespace freshbench {
namespace {

const std::optional<std::string>* CellOf(const ResultSet& rs, const char* column) {
  int i = rs.ColumnIndex(column);
  if (i < 0 || rs.rows.empty() || static_cast<size_t>(i) >= rs.rows[0].size()) return nullptr;
  return &rs.rows[0][i];
}

Status ReadTime(const ResultSet& rs, const char* column, std::optional<int64_t>* out) {
  const auto* cell = CellOf(rs, column);
  if (cell == nullptr || !cell->has_value()) return Status::Ok();
  auto ms = ParseTimestampMs(**cell);
  if (!ms.ok()) return ms.status().WithContext(std::string("column ") + column);
  // An empty table's max() is the epoch (ClickHouse) or 0: no data yet.
  if (*ms <= 0) return Status::Ok();
  *out = *ms;
  return Status::Ok();
}

}  // namespace

Status FillAnswerMetrics(const ResultSet& answer, QuerySample* s) {
  Status st = ReadTime(answer, "max_event_time", &s->max_event_time_ms);
  Status st2 = ReadTime(answer, "max_ingest_time", &s->max_ingest_time_ms);
  Status st3 = ReadTime(answer, "engine_now", &s->engine_now_ms);
  if (const auto* cell = CellOf(answer, "total_rows"); cell != nullptr && cell->has_value()) {
    s->total_rows = std::strtoll((*cell)->c_str(), nullptr, 10);
  }
  if (s->max_event_time_ms) {
    s->freshness_lag_ms = FreshnessLagMs(s->t_done_ms, *s->max_event_time_ms);
    if (s->max_ingest_time_ms)
      s->pipeline_lag_ms = PipelineLagMs(*s->max_ingest_time_ms, *s->max_event_time_ms);
    if (s->engine_now_ms)
      s->engine_freshness_lag_ms = EngineFreshnessLagMs(*s->engine_now_ms, *s->max_event_time_ms);
  }
  if (!st.ok()) return st;
  if (!st2.ok()) return st2;
  return st3;
}

QuerySample RunMeasuredQuery(Driver& driver, const std::string& pattern, const std::string& query,
                             const std::string& sql, std::optional<double> clock_skew_ms,
                             ResultSet* answer, const CallOptions& options) {
  QuerySample s;
  s.pattern = pattern;
  s.query = query;
  s.clock_skew_ms = clock_skew_ms;
  s.t_submit_ms = WallNowMs();
  const double start = MonotonicNowMs();
  auto rs = driver.Execute(sql, options);
  const double end = MonotonicNowMs();
  s.t_done_ms = WallNowMs();
  s.query_latency_ms = end - start;
  if (!rs.ok() && rs.status().code() == Status::Code::kNotReady) {
    // Not an answer yet, for a known passing reason: a sample without an
    // error whose note says why; its metrics stay null.
    s.rows = 0;
    s.note = rs.status().message();
    if (answer != nullptr) *answer = ResultSet{};
    return s;
  }
  if (!rs.ok()) {
    s.error = rs.status().message();
    if (rs.status().code() == Status::Code::kTimeout) {
      s.stalled = true;
      s.stall = driver.LastStatementHandle();
    }
    return s;
  }
  s.rows = static_cast<int64_t>(rs->rows.size());
  if (Status st = FillAnswerMetrics(*rs, &s); !st.ok()) s.error = st.message();
  if (answer != nullptr) *answer = std::move(*rs);
  return s;
}

namespace {

// One EngineNowMs() round trip, timed on the harness.
struct ClockRead {
  int64_t engine_ms = 0;
  double send_ms = 0;  // harness wall clock (ms) when sent
  double rtt_ms = 0;
};

Result<ClockRead> ReadEngineClock(Driver& driver) {
  ClockRead r;
  const double mono = MonotonicNowMs();
  r.send_ms = static_cast<double>(WallNowMs());
  auto now = driver.EngineNowMs();
  r.rtt_ms = MonotonicNowMs() - mono;
  if (!now.ok()) return now.status();
  r.engine_ms = *now;
  return r;
}

// A whole-second engine clock: poll back to back until its second changes.
// The tick happened after the last read of the old second and before the
// first read of the new one, so the engine's round second is placed on the
// harness clock to within about one round trip instead of one second.
Result<ClockSkew> SecondsClockSkew(Driver& driver, const ClockRead& first, int resolution_ms) {
  ClockRead before = first;
  const double give_up = MonotonicNowMs() + 2.5 * resolution_ms;
  while (MonotonicNowMs() < give_up) {
    auto after = ReadEngineClock(driver);
    if (!after.ok()) return after.status();
    if (after->engine_ms != before.engine_ms) {
      ClockSkew c;
      c.resolution_ms = resolution_ms;
      // Earliest: just after the old second was read; latest: just before
      // the new one was answered.
      const double earliest = before.send_ms;
      const double latest = after->send_ms + after->rtt_ms;
      c.skew_ms = static_cast<double>(after->engine_ms) - (earliest + latest) / 2;
      c.round_trip_ms = after->rtt_ms;
      c.uncertainty_ms = (latest - earliest) / 2;
      return c;
    }
    before = *after;
  }
  // The clock never ticked (a stopped clock?): fall back to one read.
  ClockSkew c;
  c.resolution_ms = resolution_ms;
  c.skew_ms = ClockSkewMs(first.engine_ms + resolution_ms / 2, static_cast<int64_t>(first.send_ms),
                          first.rtt_ms);
  c.round_trip_ms = first.rtt_ms;
  c.uncertainty_ms = first.rtt_ms / 2 + resolution_ms / 2.0;
  return c;
}

}  // namespace

Result<ClockSkew> MeasureClockSkew(Driver& driver, int samples) {
  if (samples < 1) return Status::InvalidArgument("clock skew needs at least one sample");
  std::optional<ClockSkew> best;
  for (int i = 0; i < samples; ++i) {
    auto read = ReadEngineClock(driver);
    if (!read.ok()) return read.status();
    const int resolution = driver.EngineClockResolutionMs();
    if (resolution > 1) return SecondsClockSkew(driver, *read, resolution);
    ClockSkew c;
    c.resolution_ms = resolution;
    c.skew_ms = ClockSkewMs(read->engine_ms, static_cast<int64_t>(read->send_ms), read->rtt_ms);
    c.round_trip_ms = read->rtt_ms;
    c.uncertainty_ms = read->rtt_ms / 2 + resolution / 2.0;
    if (!best || c.round_trip_ms < best->round_trip_ms) best = c;
  }
  return *best;
}

}  // namespace freshbench
