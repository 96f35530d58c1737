#include "measure/probe_loop.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "measure/clock.h"
#include "measure/metrics.h"
#include "common/timestamp.h"

namespace freshbench {
namespace {

std::string Opt(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", *v);
  return buf;
}

}  // namespace

int64_t RunProbeLoop(const std::vector<ProbeTarget>& targets, const ProbeOptions& options,
                     const std::atomic<bool>& stop,
                     const std::function<void(const QuerySample&)>& sink) {
  const double start = MonotonicNowMs();
  const double interval = static_cast<double>(std::max<int64_t>(options.interval_ms, 1));
  int64_t ticks = 0;
  int64_t next = 0;  // index of the next tick
  while (!stop.load()) {
    const double due = start + static_cast<double>(next) * interval;
    if (options.duration_ms > 0 && due - start >= static_cast<double>(options.duration_ms)) break;
    // Wait for the tick in short slices so a stop request is seen quickly.
    while (!stop.load()) {
      const double wait = due - MonotonicNowMs();
      if (wait <= 0) break;
      std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(std::min(wait, 100.0)));
    }
    if (stop.load()) break;
    for (const auto& t : targets) {
      sink(RunMeasuredQuery(*t.driver, t.pattern, t.query, t.sql, t.clock_skew_ms));
      if (stop.load()) break;
    }
    ++ticks;
    // Skip ticks already missed while these queries ran.
    const double elapsed = MonotonicNowMs() - start;
    next = std::max<int64_t>(next + 1, static_cast<int64_t>(elapsed / interval));
  }
  return ticks;
}

std::string ProbeTableHeader() {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%-23s %-7s %12s %12s %12s %10s %12s  %s", "time_utc", "pattern",
                "fresh_ms", "pipeline_ms", "engine_ms", "latency_ms", "total_rows", "error/note");
  return buf;
}

std::string ProbeTableLine(const QuerySample& s) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-23s %-7s %12s %12s %12s %10.1f %12s  %s",
                FormatTimestampMs(s.t_done_ms).c_str(), s.pattern.c_str(),
                Opt(s.freshness_lag_ms).c_str(), Opt(s.pipeline_lag_ms).c_str(),
                Opt(s.engine_freshness_lag_ms).c_str(), s.query_latency_ms,
                s.total_rows ? std::to_string(*s.total_rows).c_str() : "-",
                s.error.empty() ? s.note.c_str() : s.error.c_str());
  return buf;
}

}  // namespace freshbench
