// The probe loop: the seed's "Q3 every 5 seconds", done on a fixed
// schedule. Tick k starts at start + k * interval (no drift); a tick whose
// queries overrun the interval is followed at once by the next due tick, and
// ticks missed entirely are skipped, not bunched.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engines/driver.h"
#include "measure/query_sample.h"

namespace freshbench {

struct ProbeOptions {
  int64_t interval_ms = 5000;  // time between tick starts
  int64_t duration_ms = 0;     // stop after this long; 0 = until *stop is set
};

// One pattern to probe: its driver (not owned), the Q3 statement, and the
// clock skew measured before the loop (recorded in every sample).
struct ProbeTarget {
  std::string pattern;
  std::string query = "q3";
  Driver* driver = nullptr;
  std::string sql;
  std::optional<double> clock_skew_ms;
};

// Probes every target once per tick, in order, handing each sample to
// `sink` as soon as it is measured. Returns the number of ticks run. Checks
// `stop` at least every 100 ms while waiting.
int64_t RunProbeLoop(const std::vector<ProbeTarget>& targets, const ProbeOptions& options,
                     const std::atomic<bool>& stop,
                     const std::function<void(const QuerySample&)>& sink);

// Column header and one aligned line per sample for the table format.
std::string ProbeTableHeader();
std::string ProbeTableLine(const QuerySample& s);

}  // namespace freshbench
