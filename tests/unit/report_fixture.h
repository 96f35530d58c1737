// A synthetic benchmark run written through ResultsWriter, with figures
// chosen so tests can predict the summary. Shared by unit and integration
// tests (header only).
//
// Run layout (t in seconds after kT0): catch-up from 1 s, p0 steady at 5 s,
// p1 steady at 20 s, generator stopped at 60 s; Q3 every 5 s from 2 s to
// 70 s; p2 skipped.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "report/results_writer.h"

namespace freshbench::testing {

inline constexpr int64_t kT0 = 1'700'000'000'000;

inline std::string PhaseAt(const std::string& pattern, int64_t t_ms) {
  const int64_t steady = pattern == "p0" ? 5000 : 20000;
  if (t_ms >= 60000) return kPhaseDrain;
  return t_ms >= steady ? kPhaseSteady : kPhaseCatchup;
}

// Writes the run into <root>/<run_id>/ and returns that folder ("" on error).
inline std::string WriteSyntheticRun(const std::string& root, const std::string& run_id,
                                     double p1_scale = 1.0) {
  auto w = ResultsWriter::Create(root, run_id);
  if (!w.ok()) return "";
  ResultsWriter& out = **w;
  RunInfo info;
  info.run_id = run_id;
  info.started_ms = kT0;
  info.finished_ms = kT0 + 75000;
  info.status = "complete";
  info.settings = {{"rate", 1000}, {"duration_s", 60}, {"q3_interval_s", 5}, {"repeat", 3}};
  info.machine.cpu_model = "Test CPU";
  info.machine.cores = 2;
  info.machine.memory_gib = 24;
  info.machine.os = "Debian GNU/Linux 12 (bookworm)";
  info.patterns.push_back({"p0", "In-process consumer", "inprocess", "librdkafka 2.0.2",
                           "Kafka -> memory", {}});
  info.patterns.push_back({"p1", "ClickHouse Kafka engine", "clickhouse", "18.16.1",
                           "Kafka -> MV -> MergeTree", {{"kafka_max_block_size", 65536}}});
  info.skipped.push_back({"p2", "Fluss union read", "no Flink SQL Gateway at 127.0.0.1:8083"});
  if (!out.WriteRunInfo(info).ok()) return "";

  out.Append(PhaseEvent{kT0 + 1000, kPhaseCatchup, "", ""});
  out.Append(PhaseEvent{kT0 + 5000, kPhaseSteady, "p0", ""});
  out.Append(PhaseEvent{kT0 + 20000, kPhaseSteady, "p1", ""});
  out.Append(PhaseEvent{kT0 + 20000, kPhaseSteady, "", ""});
  out.Append(PhaseEvent{kT0 + 60000, kPhaseDrain, "", ""});

  for (int64_t t = 2000, k = 0; t <= 70000; t += 5000, ++k) {
    for (const char* p : {"p0", "p1"}) {
      const bool is_p0 = std::string(p) == "p0";
      QuerySample s;
      s.pattern = p;
      s.query = "q3";
      s.t_submit_ms = kT0 + t;
      s.query_latency_ms = is_p0 ? 0.05 : 20.0 + static_cast<double>(k);
      s.t_done_ms = s.t_submit_ms + static_cast<int64_t>(s.query_latency_ms);
      s.rows = 1;
      s.total_rows = t;  // 1000 rows/s
      // Catch-up: big lag that shrinks; steady: small and varying with k.
      double fresh = is_p0 ? 2.0 + static_cast<double>(k % 3)
                           : (t < 20000 ? 30000.0 - static_cast<double>(t)
                                        : (1500.0 + 100.0 * static_cast<double>(k % 5)) *
                                              p1_scale);
      s.freshness_lag_ms = fresh;
      s.max_event_time_ms = s.t_done_ms - static_cast<int64_t>(fresh);
      if (!is_p0) {
        s.pipeline_lag_ms = fresh - 200;
        s.max_ingest_time_ms = *s.max_event_time_ms + static_cast<int64_t>(fresh - 200);
        s.engine_now_ms = s.t_done_ms - 3;
        s.engine_freshness_lag_ms = fresh - 3;
        s.clock_skew_ms = -3;
      }
      out.Append(s, PhaseAt(p, t));
    }
  }
  for (int i = 0; i < 3; ++i) {
    for (const char* q : {"q1", "q2"}) {
      for (const char* p : {"p0", "p1"}) {
        QuerySample s;
        s.pattern = p;
        s.query = q;
        s.t_submit_ms = kT0 + 25000 + i * 10000;
        s.query_latency_ms = std::string(p) == "p0" ? 0.1 : (q[1] == '1' ? 40.0 : 90.0) + i;
        s.t_done_ms = s.t_submit_ms + static_cast<int64_t>(s.query_latency_ms);
        s.rows = q[1] == '1' ? 7 : 28;
        out.Append(s, kPhaseSteady);
      }
    }
  }
  // One failed query: counted, not in the stats.
  QuerySample failed;
  failed.pattern = "p1";
  failed.query = "q2";
  failed.t_submit_ms = kT0 + 50000;
  failed.t_done_ms = kT0 + 50010;
  failed.query_latency_ms = 10;
  failed.error = "Code: 241, memory limit exceeded";
  out.Append(failed, kPhaseSteady);

  for (int i = 0; i < 4; ++i) {
    for (const char* p : {"p0", "p1"}) {
      MarkerSample m;
      m.pattern = p;
      m.event_id = "marker-" + std::to_string(i);
      m.t_ack_ms = kT0 + 30000 + i * 5000;
      const double lat = std::string(p) == "p0" ? 3.0 + i : 1800.0 + 200.0 * i;
      m.t_seen_ms = m.t_ack_ms + static_cast<int64_t>(lat);
      m.visibility_latency_ms = lat;
      m.probes = std::string(p) == "p0" ? 1 : 4;
      out.Append(m);
    }
  }
  for (int s = 1; s <= 60; ++s) {
    GeneratorSample g;
    g.ts_ms = kT0 + s * 1000;
    g.interval_ms = 1000;
    g.sent = g.delivered = s == 60 ? 990 : 1000;
    g.total_sent = g.total_delivered = s * 1000;
    g.rps = static_cast<double>(g.delivered);
    out.Append(g);
  }
  for (int s = 1; s <= 5; ++s) out.Append(FootprintSample{kT0 + s * 10000, 10.0 * s, 50.0 + s});
  CompletenessRecord c0{"p0", kT0 + 72000, 59990, 59990, 59990, 0, 0, 0, ""};
  CompletenessRecord c1{"p1", kT0 + 73000, 59990, 59992, 59987, 3, 5, 0, ""};
  out.Append(c0);
  out.Append(c1);
  return out.dir();
}

}  // namespace freshbench::testing
