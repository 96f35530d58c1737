// Driver: the one small interface every engine sits behind. A pattern
// (patterns/<id>/) is data; the driver named by its `engine:` key runs its
// SQL. Adding an engine means a new folder src/engines/<name>/ with one
// Driver implementation and one line in the driver registry.
//
// Thread safety: a Driver is used by one thread at a time; create one per
// thread that needs it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace freshbench {

// A query's answer as text cells, exactly as the engine printed them.
// A NULL cell is std::nullopt.
struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;

  // Index of the column named `name`, or -1.
  int ColumnIndex(const std::string& name) const {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return static_cast<int>(i);
    return -1;
  }
};

// Per-call options of Driver::Execute.
struct CallOptions {
  // Bound on this call, submit -> last row; past it the statement is
  // cancelled on the engine and the call fails with kTimeout. 0: the
  // driver's own default (SetStatementTimeoutMs, else the protocol's).
  int64_t timeout_ms = 0;
  // When it becomes true during the call, the driver cancels the statement
  // on the engine (and any job it started) and fails with kCancelled.
  // Checked at least every 100 ms. Not owned; may be null.
  const std::atomic<bool>* cancel = nullptr;
};

// How the engine's clock is read, and whether what is read is a clock.
struct EngineClock {
  // False when the engine's "now" is fixed before the statement runs (Flink
  // evaluates CURRENT_TIMESTAMP when it plans the query): such a reading
  // measures planning, not the clock, so skew and engine-side freshness are
  // not measurable from it.
  bool measurable = true;
  std::string how;  // one line: "now64(3) at execution", "CURRENT_TIMESTAMP, fixed at planning"
};

class Driver {
 public:
  virtual ~Driver() = default;

  // Engine name as written in pattern.yaml's `engine:` ("clickhouse").
  virtual std::string Name() const = 0;

  // The server's version string ("18.16.1"). Fails with kUnavailable when
  // the server cannot be reached.
  virtual Result<std::string> ServerVersion() = 0;

  // Runs one statement bounded by `options` and returns once the last row
  // has arrived (so a caller timing the call measures submit -> last row).
  // The one call every driver implements. Failures:
  //   kServerError  the engine refused it (carrying the server's own message);
  //   kTimeout      past options.timeout_ms (else the driver's default bound):
  //                 cancelled on the engine, LastStatementHandle() names it;
  //   kCancelled    *options.cancel became true: cancelled on the engine,
  //                 and any job it started (the Flink driver also heeds
  //                 InterruptRequested(), common/interrupt.h);
  //   kNotReady     the engine cannot answer yet for a known, passing reason
  //                 (a Fluss lake before its first snapshot): a one-line
  //                 reason for the user, not an error of the engine;
  //   kUnavailable  the server cannot be reached or the session was lost.
  virtual Result<ResultSet> Execute(const std::string& sql, const CallOptions& options) = 0;
  // Execute(sql, {}): the driver's default bound, no cancellation flag.
  // Derived drivers say `using Driver::Execute;` so this stays callable
  // through them.
  Result<ResultSet> Execute(const std::string& sql) { return Execute(sql, CallOptions{}); }

  // Named jobs, for engines whose ingestion runs as long-lived jobs found
  // again by name (Flink's pipeline.name): typed operations, so no layer
  // above composes driver statements as strings. Engines without jobs
  // keep the defaults, which fail with kInvalidArgument.
  //
  // Whether a job called `name` is running (not in a terminal state).
  virtual Result<bool> JobRunning(const std::string& name) {
    (void)name;
    return Status::InvalidArgument(Name() + ": this engine has no jobs");
  }
  // Cancels every running job with one of `names` and returns once they
  // have stopped (options.timeout_ms bounds the wait, else the driver's
  // default; options.cancel stops waiting). None running: ok.
  virtual Status CancelJobs(const std::vector<std::string>& names, const CallOptions& options) {
    (void)names;
    (void)options;
    return Status::InvalidArgument(Name() + ": this engine has no jobs");
  }

  // The engine's own handle for the last statement Execute ran, for naming
  // one that stalled ("flink job 3f2a... RUNNING"); empty when the engine
  // has none.
  virtual std::string LastStatementHandle() const { return {}; }

  // How many statements the engine can run at once for freshbench now,
  // when it has a hard bound (Flink: a batch query needs a free task slot;
  // more queries than slots wait for one, and a run would measure its own
  // queueing). nullopt: no such bound.
  virtual std::optional<int> StatementCapacity() { return std::nullopt; }

  // How EngineNowMs() reads the engine's clock.
  virtual EngineClock Clock() const { return {}; }

  // The engine's current UTC time in epoch milliseconds, asked in the
  // cheapest way the engine allows (for clock-skew measurement).
  virtual Result<int64_t> EngineNowMs() = 0;

  // Resolution of EngineNowMs in milliseconds: 1 for a millisecond clock,
  // 1000 for an engine that only tells whole seconds (its value is then the
  // start of that second). Valid after a successful EngineNowMs().
  virtual int EngineClockResolutionMs() const { return 1; }

  // The default bound of every later Execute whose CallOptions::timeout_ms
  // is 0 (submit -> last row); a statement that runs longer is cancelled on
  // the engine and fails with kTimeout. Engines whose every call is already
  // bounded by their protocol may ignore it (the default).
  virtual void SetStatementTimeoutMs(int64_t ms) { (void)ms; }
};

}  // namespace freshbench
