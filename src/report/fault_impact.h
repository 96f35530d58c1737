// FaultImpact: what one fault of `run --fault` did to one pattern, computed
// from the run's raw records alone (run.json's fault window and the Q3
// samples), so the runner's verdict and the report agree.
//
//   before  p95 of the answered Q3 freshness before the fault began (the
//           steady-phase answers when there are any): the bar to get back under;
//   during  p95 and max of every Q3 tick from the fault's start to its end
//           (the target back), in-flight lower bounds included (the stalls
//           are the point), and the failed probes;
//   after   p95 of the answered Q3 freshness from the end to the next fault
//           or the last sample;
//   recovered  after the window's worst moment (its last failed or
//           in-flight tick, or the answer furthest over `before`, whichever
//           is later; without an end the window runs to the last tick), the
//           first of three answers in a row at or under `before` (fewer when
//           the run ends first; any answer when there is no `before`). Once
//           the load has stopped (the drain) freshness grows by itself, so
//           there the bar is `before` plus the time since the load's end.
//           time_to_recover = that answer's arrival minus the fault's start
//           (a pattern can recover while a broker is still down).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "report/run_data.h"
#include "report/stats.h"

namespace freshbench {

struct FaultImpact {
  std::string pattern;
  std::optional<double> before_p95_ms;
  MetricStats during;  // freshness over the window's ticks (n == 0: none)
  int failed_probes_during = 0;
  MetricStats after;
  std::optional<int64_t> recovered_ms;
  std::optional<double> time_to_recover_ms;
  std::string not_recovered;  // why not, when recovered_ms is empty
};

// `pattern`'s Q3 samples in `run` against `fault`; samples ticked after
// `failed_ms` (the pattern failed) are left out.
FaultImpact AssessFault(const RunData& run, size_t fault, const std::string& pattern,
                        std::optional<int64_t> failed_ms);

}  // namespace freshbench
