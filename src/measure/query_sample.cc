#include "measure/query_sample.h"

namespace freshbench {
namespace {
template <typename T>
void PutOpt(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v; else j[key] = nullptr;
}
template <typename T>
void GetOpt(const nlohmann::json& j, const char* key, std::optional<T>* v) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) v->reset(); else *v = it->get<T>();
}
}  // namespace

void to_json(nlohmann::json& j, const QuerySample& s) {
  j = nlohmann::json{{"pattern", s.pattern},         {"query", s.query},
                     {"t_submit_ms", s.t_submit_ms}, {"t_done_ms", s.t_done_ms},
                     {"query_latency_ms", s.query_latency_ms}, {"rows", s.rows}};
  PutOpt(j, "total_rows", s.total_rows);
  PutOpt(j, "max_event_time_ms", s.max_event_time_ms);
  PutOpt(j, "max_ingest_time_ms", s.max_ingest_time_ms);
  PutOpt(j, "engine_now_ms", s.engine_now_ms);
  PutOpt(j, "freshness_lag_ms", s.freshness_lag_ms);
  PutOpt(j, "pipeline_lag_ms", s.pipeline_lag_ms);
  PutOpt(j, "engine_freshness_lag_ms", s.engine_freshness_lag_ms);
  PutOpt(j, "clock_skew_ms", s.clock_skew_ms);
  if (!s.error.empty()) j["error"] = s.error;
  if (!s.note.empty()) j["note"] = s.note;
  if (s.t_tick_ms) j["t_tick_ms"] = *s.t_tick_ms;
  if (s.in_flight_since_ms) j["in_flight_since_ms"] = *s.in_flight_since_ms;
  if (s.stalled) j["stalled"] = true;
  if (!s.stall.empty()) j["stall"] = s.stall;
}

void from_json(const nlohmann::json& j, QuerySample& s) {
  s.pattern = j.at("pattern").get<std::string>();
  s.query = j.at("query").get<std::string>();
  s.t_submit_ms = j.value("t_submit_ms", int64_t{0});
  s.t_done_ms = j.value("t_done_ms", int64_t{0});
  s.query_latency_ms = j.value("query_latency_ms", 0.0);
  s.rows = j.value("rows", int64_t{0});
  GetOpt(j, "total_rows", &s.total_rows);
  GetOpt(j, "max_event_time_ms", &s.max_event_time_ms);
  GetOpt(j, "max_ingest_time_ms", &s.max_ingest_time_ms);
  GetOpt(j, "engine_now_ms", &s.engine_now_ms);
  GetOpt(j, "freshness_lag_ms", &s.freshness_lag_ms);
  GetOpt(j, "pipeline_lag_ms", &s.pipeline_lag_ms);
  GetOpt(j, "engine_freshness_lag_ms", &s.engine_freshness_lag_ms);
  GetOpt(j, "clock_skew_ms", &s.clock_skew_ms);
  s.error = j.value("error", std::string());
  s.note = j.value("note", std::string());
  GetOpt(j, "t_tick_ms", &s.t_tick_ms);
  GetOpt(j, "in_flight_since_ms", &s.in_flight_since_ms);
  s.stalled = j.value("stalled", false);
  s.stall = j.value("stall", std::string());
}

}  // namespace freshbench
