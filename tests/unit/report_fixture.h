// A synthetic benchmark run written through ResultsWriter, with figures
// chosen so tests can predict the summary. Shared by unit and integration
// tests (header only).
//
// WriteSyntheticRun (t in seconds after kT0): catch-up from 1 s, p0 steady
// at 5 s, p1 steady at 20 s, generator stopped at 60 s; Q3 every 5 s from 2 s
// to 70 s; p2 skipped.
//
// WriteOpenLoopRun: the records of the open-loop runner (stalls, in-flight
// ticks, marker bounds, engine clocks, a failed pattern); layout above it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
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

// An open-loop run (Q3 every 2 s; t in seconds after kT0), status
// "incomplete", exit 1:
// - catch-up from 1 s; every pattern steady from 10 s; generator stopped at 100 s.
// - Q3 ticks at 2, 4, ..., 98 s for each pattern (catch-up below 10 s).
// - p1 (ClickHouse): every tick answered in 20 ms, freshness 1000 + 10*(k % 10);
//   clock measured at setup: skew -0.4 ms +/- 0.6 ms (samples say -3 ms);
//   markers acked at 20/30/40 s, bounds [200, 650], [300, 750], [400, 850] ms;
//   complete (100,000 events).
// - p2 (Fluss union read): answered in 300 ms with freshness 5000, except the
//   probe of the 38 s tick, which stalled ("flink job 1a2b RUNNING", answered
//   with an error at 48 s), and the ticks at 40..48 s, which found it in
//   flight: freshness lower bounds 8700, 10700, ..., 16700 ms. One marker
//   probe in the drain stalled too ("flink job 5e6f RUNNING"). Its clock is
//   not measurable (samples carry skew -220 ms and engine-side freshness
//   500 ms, both to be ignored). Markers: two seen ([4000, 8000] and
//   [5000, 9000] ms, one failed probe each), one never (two failed probes).
//   12 events lost.
// - p3 (Paimon): answered in 50 ms, freshness 2000 + 100*(k % 5) up to 64 s;
//   the probes at 66, 68 and 70 s fail ("connection refused"); failed at
//   70 s ("connection refused"); five answered samples after it (72..80 s,
//   freshness 100 ms) and a marker acked at 75 s must be left out; one
//   marker before it, bounds [300, 900] ms.
inline std::string WriteOpenLoopRun(const std::string& root, const std::string& run_id) {
  auto w = ResultsWriter::Create(root, run_id);
  if (!w.ok()) return "";
  ResultsWriter& out = **w;
  RunInfo info;
  info.run_id = run_id;
  info.started_ms = kT0;
  info.finished_ms = kT0 + 120000;
  info.status = "incomplete";
  info.exit_code = 1;
  info.note = "p3 failed; p2 lost events";
  info.settings = {{"rate", 1000}, {"duration_s", 100}, {"q3_interval_s", 2}, {"repeat", 3}};
  info.machine.cpu_model = "Test CPU";
  info.machine.cores = 2;
  PatternInfo p1{"p1", "ClickHouse Kafka engine", "clickhouse", "18.16.1", "", {}};
  p1.clock_how = "now64() on the server, shortest of 5 round trips";
  p1.skew_ms = -0.4;
  p1.skew_uncertainty_ms = 0.6;
  PatternInfo p2{"p2", "Fluss union read", "flink", "1.20.1", "", {}};
  p2.clock_measurable = false;
  p2.clock_how = "CURRENT_TIMESTAMP in the query";
  p2.clock_note = "CURRENT_TIMESTAMP is fixed when Flink plans the query";
  PatternInfo p3{"p3", "Paimon lake", "flink", "1.20.1", "", {}};
  p3.clock_measurable = false;
  p3.clock_note = "CURRENT_TIMESTAMP is fixed when Flink plans the query";
  p3.failed_ms = kT0 + 70000;
  p3.failure = "connection refused";
  info.patterns = {p1, p2, p3};
  if (!out.WriteRunInfo(info).ok()) return "";

  out.Append(PhaseEvent{kT0 + 1000, kPhaseCatchup, "", ""});
  for (const char* p : {"p1", "p2", "p3"}) out.Append(PhaseEvent{kT0 + 10000, kPhaseSteady, p, ""});
  out.Append(PhaseEvent{kT0 + 10000, kPhaseSteady, "", ""});
  out.Append(PhaseEvent{kT0 + 70000, kPhaseFailed, "p3", "connection refused"});
  out.Append(PhaseEvent{kT0 + 100000, kPhaseDrain, "", ""});

  int64_t p2_newest_event = 0;
  for (int64_t t = 2000, k = 0; t <= 98000; t += 2000, ++k) {
    const std::string phase = t < 10000 ? kPhaseCatchup : kPhaseSteady;
    for (const char* p : {"p1", "p2", "p3"}) {
      const std::string id = p;
      QuerySample s;
      s.pattern = id;
      s.query = "q3";
      s.t_tick_ms = kT0 + t;
      s.t_submit_ms = kT0 + t;
      s.rows = 1;
      if (id == "p1") {
        s.query_latency_ms = 20;
        s.freshness_lag_ms = 1000.0 + 10.0 * static_cast<double>(k % 10);
        s.clock_skew_ms = -3;
        s.engine_freshness_lag_ms = *s.freshness_lag_ms - 3;
      } else if (id == "p2") {
        s.query_latency_ms = 300;
        s.freshness_lag_ms = 5000;
        s.clock_skew_ms = -220;
        s.engine_freshness_lag_ms = 500;
        if (t == 38000) {
          s.query_latency_ms = 10000;
          s.freshness_lag_ms.reset();
          s.error = "statement limit of 10 s reached";
          s.stalled = true;
          s.stall = "flink job 1a2b RUNNING";
        } else if (t >= 40000 && t <= 48000) {
          s.in_flight_since_ms = kT0 + 38000;
          s.query_latency_ms = static_cast<double>(t - 38000);
          s.freshness_lag_ms = static_cast<double>(kT0 + t - p2_newest_event);
          s.rows = 0;
          s.clock_skew_ms.reset();
          s.engine_freshness_lag_ms.reset();
        }
      } else {
        s.query_latency_ms = 50;
        s.freshness_lag_ms = 2000.0 + 100.0 * static_cast<double>(k % 5);
        if (t >= 66000 && t <= 70000) {
          s.query_latency_ms = 5;
          s.freshness_lag_ms.reset();
          s.error = "connection refused";
        } else if (t > 70000 && t <= 80000) {
          s.freshness_lag_ms = 100;  // after the failure: must not count
        } else if (t > 80000) {
          continue;
        }
      }
      s.t_done_ms =
          s.in_flight() ? s.t_submit_ms : s.t_submit_ms + static_cast<int64_t>(s.query_latency_ms);
      if (s.ok() && !s.in_flight()) {
        s.total_rows = t;
        s.max_event_time_ms = s.t_done_ms - static_cast<int64_t>(*s.freshness_lag_ms);
        if (id == "p2") p2_newest_event = *s.max_event_time_ms;
      }
      out.Append(s, phase);
    }
  }
  QuerySample stuck_marker;
  stuck_marker.pattern = "p2";
  stuck_marker.query = "marker";
  stuck_marker.t_submit_ms = kT0 + 102000;
  stuck_marker.t_done_ms = kT0 + 112000;
  stuck_marker.query_latency_ms = 10000;
  stuck_marker.error = "statement limit of 10 s reached";
  stuck_marker.stalled = true;
  stuck_marker.stall = "flink job 5e6f RUNNING";
  out.Append(stuck_marker, kPhaseDrain);

  auto marker = [&](const char* p, int i, int64_t ack_s, std::optional<double> lower,
                    std::optional<double> upper, int failed) {
    MarkerSample m;
    m.pattern = p;
    m.event_id = std::string("marker-") + p + "-" + std::to_string(i);
    m.t_ack_ms = kT0 + ack_s * 1000;
    m.failed_probes = failed;
    if (upper) {
      m.last_miss_submit_ms = m.t_ack_ms + static_cast<int64_t>(*lower);
      m.last_miss_done_ms = *m.last_miss_submit_ms + 50;
      m.seen_submit_ms = m.t_ack_ms + static_cast<int64_t>(*upper) - 50;
      m.t_seen_ms = m.t_ack_ms + static_cast<int64_t>(*upper);
      m.visibility_latency_ms = upper;
      m.visibility_lower_bound_ms = lower;
      m.probes = 3;
    } else {
      m.error = "not seen within 120 s";
      m.probes = 10;
    }
    out.Append(m);
  };
  for (int i = 0; i < 3; ++i) marker("p1", i, 20 + 10 * i, 200.0 + 100 * i, 650.0 + 100 * i, 0);
  marker("p2", 0, 20, 4000.0, 8000.0, 1);
  marker("p2", 1, 30, 5000.0, 9000.0, 1);
  marker("p2", 2, 40, std::nullopt, std::nullopt, 2);
  marker("p3", 0, 60, 300.0, 900.0, 0);
  marker("p3", 1, 75, std::nullopt, std::nullopt, 3);  // after the failure

  for (int s = 1; s <= 100; ++s) {
    GeneratorSample g;
    g.ts_ms = kT0 + s * 1000;
    g.interval_ms = 1000;
    g.sent = g.delivered = 1000;
    g.total_sent = g.total_delivered = s * 1000;
    g.rps = 1000;
    out.Append(g);
  }
  out.Append(CompletenessRecord{"p1", kT0 + 115000, 100000, 100000, 100000, 0, 0, 0, ""});
  out.Append(CompletenessRecord{"p2", kT0 + 116000, 100000, 99988, 99988, 12, 0, 0, ""});
  return out.dir();
}

// Rewrites <dir>/run.json as an older freshbench wrote it: no exit code, no
// engine clock, no failure.
inline void StripToOldRunInfo(const std::string& dir) {
  const std::string path = dir + "/run.json";
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str());
  j.erase("exit_code");
  for (nlohmann::json& p : j["patterns"]) {
    p.erase("clock");
    p.erase("failed_ms");
    p.erase("failure");
  }
  std::ofstream(path) << j.dump(2);
}

}  // namespace freshbench::testing
