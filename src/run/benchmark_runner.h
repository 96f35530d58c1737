// BenchmarkRunner: `freshbench run`, one command from a running stack to a
// finished report. Phases, in order:
//
//   check     bind every chosen pattern (driver, server version); a pattern
//             whose engine is missing is listed as skipped with the reason
//   setup     each pattern's setup statements and runner.yaml Flink jobs;
//             its consumer group starts at the topic's end (--from run: a
//             run measures only its own events) or where the pattern says
//             (--from topic); a failed setup skips the pattern
//   catchup   generator started at --rate; per pattern, Q3 every interval
//             until its freshness stops falling (SteadyStateDetector) or
//             steady_timeout_s passes
//   steady    Q3 loop continues; Q1/Q2 `repeat` times per pattern spread over
//             the rest of the run; marker events injected and probed until seen.
//             A pattern whose runner.yaml contends_with another one in the
//             run is measured in the first half with the other paused; the
//             other resumes at the half, catches up and is measured after
//   drain     generator stopped; Q3 continues until every pattern shows what
//             the topic holds (or drain_timeout_s)
//   verify    completeness per pattern (rows, distinct event_ids vs topic)
//   teardown  unless --keep
//
// Every sample is written to results/<run-id>/ as it is taken; at the end
// (also after Ctrl-C) the reports are rendered from those files.
//
// Thread safety: Run() once, from one thread; RequestStop() from anywhere
// (it only sets a flag; safe in a signal handler).
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"

namespace freshbench {

struct RunOptions {
  std::vector<std::string> patterns;      // ids; empty = every pattern folder
  std::string patterns_root;              // empty = DefaultPatternsRoot()
  std::map<std::string, std::string> set; // --set key=value (per pattern setting)
  uint64_t rate = 5000;                   // generator events/s (2 cores shared with the engines)
  int generator_threads = 2;
  double duration_s = 420;                // generator run time
  double q3_interval_s = 5;               // the seed's Q3 loop
  int repeat = 5;                         // Q1 and Q2 runs per pattern in the steady phase
  int markers = 20;                       // marker events injected in the steady phase
  double steady_timeout_s = 180;          // catch-up longer than this: measured from then on
  double drain_timeout_s = 150;           // after the generator stops (a lake commits every 2 min)
  double marker_timeout_s = 120;          // a marker not seen by then counts as not seen
  bool keep = false;                      // skip teardown
  // "run": patterns read from the topic's end at setup, so a run measures
  // its own events; "topic": from where each pattern says (its backlog too).
  std::string from = "run";
  bool no_pause = false;                  // measure contending patterns together
  std::string results_root = "results";
  int metrics_port = 0;                   // 0 = no /metrics endpoint
  bool tty = false;                       // live progress line instead of log lines
};

// --quick: a run within 3 minutes.
void ApplyQuick(RunOptions* o);

struct RunOutcome {
  std::string results_dir;
  std::string markdown;     // report.md
  std::string html_path;
  bool interrupted = false;
  int patterns_run = 0;
};

class BenchmarkRunner {
 public:
  BenchmarkRunner(RunOptions options, Endpoints endpoints);
  // Runs every phase. Fails with kInvalidArgument for an unknown pattern id,
  // kUnavailable when no chosen pattern can run or the generator cannot
  // start, kIoError when the results folder cannot be written. After
  // RequestStop() it still writes the report and returns ok with
  // `interrupted` set.
  Result<RunOutcome> Run();

  static void RequestStop();
  static bool StopRequested();

 private:
  RunOptions o_;
  Endpoints endpoints_;
};

}  // namespace freshbench
