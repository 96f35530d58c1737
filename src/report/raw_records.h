// The raw records of a benchmark run besides QuerySample: one JSON line
// each in results/<run-id>/, written as they are taken. Every figure in
// summary.json, report.md and report.html is computed from these files (and
// samples.jsonl) alone, so a report can always be re-rendered and traced.
//
// Times are UTC epoch milliseconds on the harness clock. A value that could
// not be measured is std::nullopt (JSON null), never 0.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace freshbench {

// The phases of a run, in order. A QuerySample line carries the phase it
// was taken in as an extra "phase" key.
inline constexpr const char* kPhaseSetup = "setup";
inline constexpr const char* kPhaseCatchup = "catchup";  // backlog draining after start
inline constexpr const char* kPhaseSteady = "steady";    // what the headline figures use
inline constexpr const char* kPhaseDrain = "drain";      // generator stopped, ingestion catching up
inline constexpr const char* kPhaseVerify = "verify";
inline constexpr const char* kPhaseTeardown = "teardown";
inline constexpr const char* kPhasePaused = "paused";        // ingestion paused while another pattern is measured
inline constexpr const char* kPhaseContended = "contended";  // after its measurement window: another pattern resumed
// Not a phase the run moves through: the pattern failed at ts_ms (note:
// why). Its figures cover only the time before; the others go on.
inline constexpr const char* kPhaseFailed = "failed";

// A fault `run --fault` injected (note: the fault as typed and what was
// done), and the moment its target was back (run.json "faults" has both).
inline constexpr const char* kPhaseFault = "fault";
inline constexpr const char* kPhaseFaultEnd = "fault-end";

// One line of phases.jsonl: a phase starting (for one pattern, or for the
// whole run when pattern is empty).
struct PhaseEvent {
  int64_t ts_ms = 0;
  std::string phase;
  std::string pattern;  // empty = every pattern
  std::string note;     // e.g. "steady state not reached within 120 s"
};

// One line of generator.jsonl: the in-process generator's stats for one
// interval (normally one second).
struct GeneratorSample {
  int64_t ts_ms = 0;        // end of the interval
  double interval_ms = 0;   // length of the interval
  int64_t sent = 0;         // handed to the producer in the interval
  int64_t delivered = 0;    // delivery acknowledged in the interval
  int64_t failed = 0;       // delivery failed in the interval
  int64_t total_sent = 0;   // since the generator started
  int64_t total_delivered = 0;
  double rps = 0;           // delivered / interval
  // The in-process generator only (null for an external load or older
  // runs): how far behind its schedule it was at ts_ms, and the events it
  // sent more than 10 ms after their intended time in the interval.
  std::optional<double> lag_ms;
  std::optional<int64_t> late;
};

// One line of markers.jsonl: one marker event's visibility in one pattern.
// The event became visible between two probes: the last that answered
// without it and the first that answered with it. A probe that failed or
// timed out is neither (counted in failed_probes).
struct MarkerSample {
  std::string pattern;
  std::string event_id;
  int64_t t_ack_ms = 0;                  // producer delivery acknowledgement
  std::optional<int64_t> t_seen_ms;      // answer arrival of the first probe that held it
  std::optional<int64_t> seen_submit_ms;       // that probe's submit time
  std::optional<int64_t> last_miss_submit_ms;  // submit of the last probe that answered without it
  std::optional<int64_t> last_miss_done_ms;    // and its answer arrival
  // t_seen - t_ack: an upper bound on the engine's visibility latency
  // (includes the probe's own query time); null if never seen.
  std::optional<double> visibility_latency_ms;
  // max(0, last_miss_submit - t_ack): the marker was not yet visible when
  // that probe started, so the visibility latency is at least this.
  std::optional<double> visibility_lower_bound_ms;
  int probes = 0;                        // probe queries that answered
  int failed_probes = 0;                 // probes that failed or timed out
  std::string error;                     // why it was never seen ("not seen within 120 s", ...)
};

// One line of footprint.jsonl: freshbench's own process, sampled.
struct FootprintSample {
  int64_t ts_ms = 0;
  double cpu_pct = 0;   // of one core, over the last interval
  double rss_mib = 0;
};

// One line of completeness.jsonl: the verify step for one pattern.
struct CompletenessRecord {
  std::string pattern;
  int64_t ts_ms = 0;
  std::optional<int64_t> expected;      // events in the topic up to the cut-off
  std::optional<int64_t> visible_rows;  // count(*) in the pattern
  std::optional<int64_t> distinct_ids;  // count(distinct event_id)
  std::optional<int64_t> lost;          // expected - distinct_ids
  std::optional<int64_t> duplicated;    // visible_rows - distinct_ids
  std::optional<int64_t> unexpected;    // distinct_ids - expected, when positive: rows
                                        // the run did not produce (left from an earlier one)
  std::string error;                    // why it could not be verified
};

void to_json(nlohmann::json& j, const PhaseEvent& e);
void from_json(const nlohmann::json& j, PhaseEvent& e);
void to_json(nlohmann::json& j, const GeneratorSample& s);
void from_json(const nlohmann::json& j, GeneratorSample& s);
void to_json(nlohmann::json& j, const MarkerSample& s);
void from_json(const nlohmann::json& j, MarkerSample& s);
void to_json(nlohmann::json& j, const FootprintSample& s);
void from_json(const nlohmann::json& j, FootprintSample& s);
void to_json(nlohmann::json& j, const CompletenessRecord& r);
void from_json(const nlohmann::json& j, CompletenessRecord& r);

}  // namespace freshbench
