// RunContext: what every phase of one `freshbench run` works on (options,
// endpoints, the results writer, the display, the stop flag, the patterns
// and the load), and RunPattern, one pattern's state across the phases.
//
// Thread safety: the phases run one after another on the runner's thread;
// what workers touch from their threads is thread-safe (ResultsWriter,
// PrometheusMetrics, Progress, PatternWorker). WriteInfo() may be called
// from any thread.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/endpoints.h"
#include "measure/topic_offsets.h"
#include "metrics/prometheus_metrics.h"
#include "patterns/bound_pattern.h"
#include "report/raw_records.h"
#include "report/results_writer.h"
#include "report/run_info.h"
#include "run/fault_injector.h"
#include "run/load_source.h"
#include "run/pattern_worker.h"
#include "run/progress.h"
#include "run/run_options.h"
#include "run/statement_budget.h"

namespace freshbench {

struct RunPattern {
  std::string id;
  PatternRequest request;
  std::optional<BoundPattern> main;  // the runner's own session: setup, pause, verify, teardown
  std::optional<std::string> group;  // the engine's consumer group, if it declares one
  std::vector<int64_t> start_offsets;  // where it starts reading; empty: the low watermarks
  bool set_up = false;                 // setup began: teardown is owed
  bool paused = false;                 // its pause query ran: resume is owed
  std::string paused_for;              // the pattern measured meanwhile
  bool measured_in_first_half = false; // another one is paused for it
  bool measured = true;                // false: a sweep measures it no further (it broke its target)
  std::unique_ptr<PatternWorker> worker;
  std::optional<CompletenessRecord> completeness;

  bool failed() const { return worker && worker->failed(); }
  bool Can(const char* query) const { return main && main->HasQuery(query); }
};

struct RunContext {
  RunContext(RunOptions options, Endpoints endpoints_in, const std::atomic<bool>* stop_flag)
      : o(std::move(options)),
        endpoints(std::move(endpoints_in)),
        kafka{endpoints.kafka_bootstrap, endpoints.topic},
        stop(stop_flag),
        progress(o.tty),
        rate(o.rate) {}

  const RunOptions o;
  const Endpoints endpoints;
  const KafkaTarget kafka;
  const std::atomic<bool>* stop;  // Ctrl-C
  Progress progress;
  PrometheusMetrics metrics;
  uint64_t rate;  // the generator's target now: --rate; a sweep sets each step's
  std::unique_ptr<ResultsWriter> out;
  std::unique_ptr<LoadSource> load;
  // Per engine with a hard bound on statements at once (Flink's free task
  // slots), shared by its patterns' workers; outlives them.
  std::map<std::string, std::unique_ptr<StatementBudget>> budgets;
  std::map<std::string, bool> budget_reserved;  // Q3 and markers each have one set aside
  std::unique_ptr<WorkerSink> sink;                   // where the workers' records go (outlives them)
  std::vector<std::unique_ptr<RunPattern>> patterns;  // the ones that run (not skipped)
  // --fault: started with the load; the SetupGuard restores every target.
  // Declared after `sink` and `patterns`: destroyed (restored) before them.
  std::unique_ptr<FaultInjector> faults;

  // Load window, on the harness wall clock (set when the load starts).
  int64_t load_start_ms = 0;
  int64_t load_end_ms = 0;
  int64_t half_ms = 0;
  LoadTotals totals;                       // final, after the load stopped
  std::map<std::string, int64_t> expected;  // per pattern: events it must show

  bool stopped() const { return stop->load(); }

  // run.json, rewritten whole (patterns' infos refreshed first).
  // Guarded by info_mu once workers run (a worker's failure is written
  // from its thread).
  std::mutex info_mu;
  RunInfo info;
  std::map<std::string, PatternInfo> pattern_info;  // by id, also for failed ones
  void WriteInfo();
};

}  // namespace freshbench
