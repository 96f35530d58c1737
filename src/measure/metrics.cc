#include "measure/metrics.h"

#include "measure/clock.h"
#include "measure/timestamp.h"

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
                             ResultSet* answer) {
  QuerySample s;
  s.pattern = pattern;
  s.query = query;
  s.clock_skew_ms = clock_skew_ms;
  s.t_submit_ms = WallNowMs();
  const double start = MonotonicNowMs();
  auto rs = driver.Execute(sql);
  const double end = MonotonicNowMs();
  s.t_done_ms = WallNowMs();
  s.query_latency_ms = end - start;
  if (!rs.ok()) {
    s.error = rs.status().message();
    return s;
  }
  s.rows = static_cast<int64_t>(rs->rows.size());
  if (Status st = FillAnswerMetrics(*rs, &s); !st.ok()) s.error = st.message();
  if (answer != nullptr) *answer = std::move(*rs);
  return s;
}

Result<ClockSkew> MeasureClockSkew(Driver& driver, int samples) {
  std::optional<ClockSkew> best;
  for (int i = 0; i < samples; ++i) {
    const int64_t send = WallNowMs();
    const double start = MonotonicNowMs();
    auto now = driver.EngineNowMs();
    const double rtt = MonotonicNowMs() - start;
    if (!now.ok()) return now.status();
    ClockSkew c;
    c.resolution_ms = driver.EngineClockResolutionMs();
    // A whole-second clock reads the start of its second: its midpoint is
    // the best estimate.
    const int64_t engine = *now + c.resolution_ms / 2;
    c.skew_ms = ClockSkewMs(engine, send, rtt);
    c.round_trip_ms = rtt;
    c.uncertainty_ms = rtt / 2 + c.resolution_ms / 2.0;
    if (!best || rtt < best->round_trip_ms) best = c;
  }
  if (!best) return Status::InvalidArgument("clock skew needs at least one sample");
  return *best;
}

}  // namespace freshbench
