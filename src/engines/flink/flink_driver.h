// FlinkDriver: Flink SQL through the SQL Gateway (one session per driver,
// opened on first use and closed by the destructor), plus the driver
// statements of engines/flink/directives.h (RUN JAR, CANCEL JOBS,
// IF NOT RUNNING) carried out through the JobManager's REST API.
//
// The session starts in batch mode with UTC as its time zone, then runs
// `init_statements` (by default: the Fluss catalog, made current, and the
// Paimon catalog over the local lake). A statement may switch the session
// (SET 'execution.runtime-mode' = 'streaming') for what follows.
//
// Thread safety: one FlinkDriver per thread (see Driver).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/endpoints.h"
#include "engines/driver.h"
#include "engines/flink/directives.h"
#include "engines/flink/flink_rest_client.h"
#include "engines/flink/sql_gateway_client.h"

namespace freshbench {

struct FlinkDriverOptions {
  std::string gateway_url = "http://127.0.0.1:8083";
  std::string rest_url = "http://127.0.0.1:8081";
  std::map<std::string, std::string> session_properties = {{"execution.runtime-mode", "batch"},
                                                           {"table.local-time-zone", "UTC"}};
  std::vector<std::string> init_statements;  // run once per session, in order
  // ${name} values the driver fills in statements (see directives.h).
  std::map<std::string, std::string> placeholders;
  std::string jvm_dir = ".freshbench/jvm";  // relative RUN JAR paths start here
  // Submit -> last row of one statement; past it the statement is cancelled
  // (operation and Flink job) and fails with kTimeout. Bounds every read,
  // including one that never ends (a Fluss union read over a bucket that
  // never got data). FRESHBENCH_FLINK_STATEMENT_TIMEOUT_S overrides it.
  int64_t statement_timeout_ms = 600 * 1000;
  int64_t session_setup_timeout_ms = 60 * 1000;  // each init statement
};

// The reason (Status::NotReady) a Fluss batch read gets instead of rows
// before the table's first lake snapshot.
inline constexpr const char* kNoLakeSnapshotYet =
    "no data yet: the table's lake has no snapshot yet (the tiering job commits the first one "
    "within table.datalake.freshness of the first rows)";

// What Clock() says: Flink evaluates CURRENT_TIMESTAMP once, when it plans
// the query, so a reading measures planning, not the clock.
inline constexpr const char* kFlinkClockHow =
    "CURRENT_TIMESTAMP, fixed when Flink plans the query (a plan-time constant, not a clock)";

// Options for the endpoints' gateway and JobManager, with the Fluss catalog
// `fluss_catalog` (current) and the Paimon catalog `paimon_catalog` over
// $FRESHBENCH_PAIMON_WAREHOUSE (default $FRESHBENCH_HOME/data/paimon).
// Placeholders: ${fluss_bootstrap}, ${paimon_warehouse}, ${freshbench_home}.
FlinkDriverOptions FlinkDriverOptionsFor(const Endpoints& endpoints);

// The registry's factory (engines/driver_registry.cc): a FlinkDriver with
// FlinkDriverOptionsFor(endpoints). Does not contact the server.
Result<std::unique_ptr<Driver>> MakeFlinkDriver(const Endpoints& endpoints);

class FlinkDriver : public Driver {
 public:
  explicit FlinkDriver(FlinkDriverOptions options);
  ~FlinkDriver() override;
  FlinkDriver(const FlinkDriver&) = delete;
  FlinkDriver& operator=(const FlinkDriver&) = delete;

  std::string Name() const override { return "flink"; }
  // The gateway's Flink version ("1.20.3"); kUnavailable if unreachable.
  Result<std::string> ServerVersion() override;
  // SQL goes to the gateway (returns after the last row; a streaming INSERT
  // returns once submitted, one row `job id`); driver statements run here
  // and return one row describing what they did (column `result`). A batch
  // read of a Fluss table that has no lake snapshot yet fails with
  // kNotReady(kNoLakeSnapshotYet): not the engine's error, no answer yet. A statement that fails or
  // times out leaves no job of its own running: the call returns once that job has left its
  // task slot (at most 60 s more; at once on `options.cancel`). `options.timeout_ms` bounds this call (0:
  // statement_timeout_ms); `options.cancel` and Ctrl-C (InterruptRequested()) are checked at every
  // poll (<= 100 ms) and cancel the statement and its job. A timeout's message names the job and
  // the state it was in when given up on (also LastStatementHandle()).
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string& sql, const CallOptions& options) override;
  void SetStatementTimeoutMs(int64_t ms) override;
  // Free task slots: every batch statement runs as a job that needs one.
  std::optional<int> StatementCapacity() override;
  // "flink job <id>" of the last statement that ran a job; after a timeout
  // or cancel, "flink job <id> <STATE>" with the state the REST API gave
  // just before the job was cancelled.
  std::string LastStatementHandle() const override { return last_handle_; }
  // CURRENT_TIMESTAMP from a one-row batch query: it runs a small job, so
  // the round trip is long and the midpoint estimate loose (~±0.5 s).
  Result<int64_t> EngineNowMs() override;
  // Not a clock: see kFlinkClockHow.
  EngineClock Clock() const override { return {false, kFlinkClockHow}; }

  // Typed driver operations (CANCEL JOBS / IF NOT RUNNING without a
  // statement string): by pipeline.name, through the REST API. CancelJobs
  // waits up to options.timeout_ms (default 60 s) for them to stop.
  Result<bool> JobRunning(const std::string& name) override;
  Status CancelJobs(const std::vector<std::string>& names, const CallOptions& options) override;

  // Jobs on the cluster (for tests and teardown checks).
  Result<std::vector<flink::FlinkJob>> ListJobs();

 private:
  Status EnsureSession(const CallOptions& call);
  // Whether catalog.database.table exists (SHOW TABLES ... LIKE).
  Result<bool> TableExists(const std::string& qualified);
  Result<ResultSet> RunDriverStatement(const std::string& statement);
  Result<ResultSet> RunJarJob(const flink::RunJar& run);
  // Cancels every active job with one of `names` and waits until they
  // have stopped (call.timeout_ms, else 60 s); how many it cancelled.
  Result<size_t> CancelNamed(const std::vector<std::string>& names, const CallOptions& call);
  // Waits until none of the jobs `ids` is active (RUNNING, CANCELLING, ...):
  // Ok, kTimeout after wait_ms, kCancelled as soon as `cancel` (may be null)
  // is set.
  Status WaitJobsGone(const std::vector<std::string>& ids, int64_t wait_ms,
                      const std::atomic<bool>* cancel);
  // The id of an active job called `name`, or empty.
  Result<std::string> JobRunningId(const std::string& name);

  FlinkDriverOptions options_;
  flink::SqlGatewayClient gateway_;
  flink::FlinkRestClient rest_;
  std::string session_;
  std::string last_handle_;
};

}  // namespace freshbench
