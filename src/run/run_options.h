// RunOptions: every knob of `freshbench run`, with its default and unit in
// place, and the one check of them all (ValidateRunOptions) that runs
// before anything is touched.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "run/fault_plan.h"

namespace freshbench {

struct RunOptions {
  std::vector<std::string> patterns;      // ids; empty = every pattern folder
  std::string patterns_root;              // empty = DefaultPatternsRoot()
  std::map<std::string, std::string> set; // --set key=value (per pattern setting)
  // "generator": the in-process generator at `rate`; "external": a stream
  // others produce (generator instances elsewhere, the user's producers),
  // measured from the topic's offsets; the run only injects markers.
  std::string load = "generator";
  uint64_t rate = 5000;                   // generator events/s (2 cores shared with the engines)
  int generator_threads = 2;
  double duration_s = 420;                // generator run time
  double q3_interval_s = 5;               // the seed's Q3 loop: one tick every interval
  int max_in_flight = 2;                  // Q3 (and marker) probes in flight per pattern
  int repeat = 5;                         // Q1 and Q2 runs per pattern in the steady phase
  int markers = 20;                       // marker events injected in the steady phase
  double steady_timeout_s = 180;          // catch-up longer than this: measured from then on
  double drain_timeout_s = 240;           // after the generator stops (a lake commits every 2 min: two epochs)
  double statement_timeout_s = 120;       // one query in a run; past it: cancelled, a stall
  int fail_after = 3;                     // consecutive failed Q3 probes that fail a pattern
  bool keep = false;                      // skip teardown
  // "run": patterns read from the topic's end at setup, so a run measures
  // its own events; "topic": from where each pattern says (its backlog too).
  std::string from = "run";
  bool no_pause = false;                  // measure contending patterns together
  std::string results_root = "results";
  int metrics_port = 0;                   // 0 = no /metrics endpoint
  bool tty = false;                       // live progress line instead of log lines
  // --fault TARGET:ACTION@T[+D]: faults injected into the local stack while
  // the load runs (fault_plan.h), in the order given.
  std::vector<FaultSpec> faults;
  // The generator's producer knobs (gen/generator_options.h); unset: the
  // environment (ACKS, ...) or the generator's default.
  std::optional<std::string> acks;         // "0", "1" or "all"
  std::optional<std::string> compression;  // none|gzip|snappy|lz4|zstd
  std::optional<int> linger_ms;            // milliseconds
  std::optional<int> batch_size;           // bytes
};

// --quick: a run within 3 minutes.
void ApplyQuick(RunOptions* o);

// Ranges and combinations of every field, and the pattern ids and --set
// keys against the pattern folders (loaded, never a server contacted).
// kInvalidArgument naming the knob as the user spells it ("--rate"), e.g.
// "--interval 0: must be more than 0 s".
Status ValidateRunOptions(const RunOptions& o);

}  // namespace freshbench
