#include "report/raw_records.h"

namespace freshbench {
namespace {
template <typename T>
void PutOpt(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v) {
    j[key] = *v;
  } else {
    j[key] = nullptr;
  }
}
template <typename T>
void GetOpt(const nlohmann::json& j, const char* key, std::optional<T>* v) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    v->reset();
  } else {
    *v = it->get<T>();
  }
}
}  // namespace

void to_json(nlohmann::json& j, const PhaseEvent& e) {
  j = {{"ts_ms", e.ts_ms}, {"phase", e.phase}, {"pattern", e.pattern}};
  if (!e.note.empty()) j["note"] = e.note;
}
void from_json(const nlohmann::json& j, PhaseEvent& e) {
  e.ts_ms = j.value("ts_ms", int64_t{0});
  e.phase = j.value("phase", std::string());
  e.pattern = j.value("pattern", std::string());
  e.note = j.value("note", std::string());
}

void to_json(nlohmann::json& j, const GeneratorSample& s) {
  j = {{"ts_ms", s.ts_ms},         {"interval_ms", s.interval_ms},
       {"sent", s.sent},           {"delivered", s.delivered},
       {"failed", s.failed},       {"total_sent", s.total_sent},
       {"total_delivered", s.total_delivered}, {"rps", s.rps}};
  if (s.lag_ms) j["lag_ms"] = *s.lag_ms;
  if (s.late) j["late"] = *s.late;
}
void from_json(const nlohmann::json& j, GeneratorSample& s) {
  s.ts_ms = j.value("ts_ms", int64_t{0});
  s.interval_ms = j.value("interval_ms", 0.0);
  s.sent = j.value("sent", int64_t{0});
  s.delivered = j.value("delivered", int64_t{0});
  s.failed = j.value("failed", int64_t{0});
  s.total_sent = j.value("total_sent", int64_t{0});
  s.total_delivered = j.value("total_delivered", int64_t{0});
  s.rps = j.value("rps", 0.0);
  GetOpt(j, "lag_ms", &s.lag_ms);
  GetOpt(j, "late", &s.late);
}

void to_json(nlohmann::json& j, const MarkerSample& s) {
  j = {{"pattern", s.pattern}, {"event_id", s.event_id}, {"t_ack_ms", s.t_ack_ms},
       {"probes", s.probes}, {"failed_probes", s.failed_probes}};
  PutOpt(j, "t_seen_ms", s.t_seen_ms);
  PutOpt(j, "seen_submit_ms", s.seen_submit_ms);
  PutOpt(j, "last_miss_submit_ms", s.last_miss_submit_ms);
  PutOpt(j, "last_miss_done_ms", s.last_miss_done_ms);
  PutOpt(j, "visibility_latency_ms", s.visibility_latency_ms);
  PutOpt(j, "visibility_lower_bound_ms", s.visibility_lower_bound_ms);
  if (!s.error.empty()) j["error"] = s.error;
}
void from_json(const nlohmann::json& j, MarkerSample& s) {
  s.pattern = j.value("pattern", std::string());
  s.event_id = j.value("event_id", std::string());
  s.t_ack_ms = j.value("t_ack_ms", int64_t{0});
  s.probes = j.value("probes", 0);
  s.failed_probes = j.value("failed_probes", 0);
  GetOpt(j, "t_seen_ms", &s.t_seen_ms);
  GetOpt(j, "seen_submit_ms", &s.seen_submit_ms);
  GetOpt(j, "last_miss_submit_ms", &s.last_miss_submit_ms);
  GetOpt(j, "last_miss_done_ms", &s.last_miss_done_ms);
  GetOpt(j, "visibility_latency_ms", &s.visibility_latency_ms);
  GetOpt(j, "visibility_lower_bound_ms", &s.visibility_lower_bound_ms);
  s.error = j.value("error", std::string());
}

void to_json(nlohmann::json& j, const FootprintSample& s) {
  j = {{"ts_ms", s.ts_ms}, {"cpu_pct", s.cpu_pct}, {"rss_mib", s.rss_mib}};
}
void from_json(const nlohmann::json& j, FootprintSample& s) {
  s.ts_ms = j.value("ts_ms", int64_t{0});
  s.cpu_pct = j.value("cpu_pct", 0.0);
  s.rss_mib = j.value("rss_mib", 0.0);
}

void to_json(nlohmann::json& j, const CompletenessRecord& r) {
  j = {{"pattern", r.pattern}, {"ts_ms", r.ts_ms}};
  PutOpt(j, "expected", r.expected);
  PutOpt(j, "visible_rows", r.visible_rows);
  PutOpt(j, "distinct_ids", r.distinct_ids);
  PutOpt(j, "lost", r.lost);
  PutOpt(j, "duplicated", r.duplicated);
  PutOpt(j, "unexpected", r.unexpected);
  if (!r.error.empty()) j["error"] = r.error;
}
void from_json(const nlohmann::json& j, CompletenessRecord& r) {
  r.pattern = j.value("pattern", std::string());
  r.ts_ms = j.value("ts_ms", int64_t{0});
  GetOpt(j, "expected", &r.expected);
  GetOpt(j, "visible_rows", &r.visible_rows);
  GetOpt(j, "distinct_ids", &r.distinct_ids);
  GetOpt(j, "lost", &r.lost);
  GetOpt(j, "duplicated", &r.duplicated);
  GetOpt(j, "unexpected", &r.unexpected);
  r.error = j.value("error", std::string());
}

}  // namespace freshbench
