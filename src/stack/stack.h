// Stack: starts, reports and stops the local engines (components) as plain
// processes on 127.0.0.1 — what `freshbench stack up|status|down` runs.
//
// Kafka: the name "kafka" stands for every node of the local cluster (one
// broker `kafka`, or `kafka-1`..`kafka-N` after `stack up --brokers N`; the
// count is remembered, see config/local_kafka.h). "kafka-<n>" names one node.
//
// up:     components in start order. Already running ones are reported and
//         left alone (their AfterHealthy set-up is re-checked). Before
//         anything starts, every port of the components to start is checked
//         free. Each started process is detached and recorded
//         (<home>/stack/<name>/<name>.pid) only once healthy; if one fails,
//         everything this call started is stopped again and the error names
//         the component, with its log's last lines in `details`. Nodes of
//         one start group (the Kafka cluster) are launched together, then
//         waited for.
// status: per component: running or not, pid, ports, since when, health.
// down:   reverse order; SIGTERM, a bounded wait, then SIGKILL. `purge`
//         also deletes the state (data, logs, configs).
//
// Progress goes to `out` (one line per step). Thread safety: none.
#pragma once

#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "stack/component.h"
#include "stack/process_record.h"

namespace freshbench::stack {

// Parses a `--with` list ("kafka,clickhouse"): comma-separated, blanks
// ignored, duplicates dropped. Returns the named components plus what they
// require, in start order. Empty list = the defaults (`defaults_only`) or
// every known component. InvalidArgument names an unknown component.
// Without `with_requirements`, only the named components (in start order):
// what `status`/`down --exact` act on, so a script stops exactly what it
// started.
Result<std::vector<std::string>> ResolveComponents(const std::string& with_list, bool defaults_only,
                                                   bool with_requirements = true);

struct UpResult {
  Status status;
  std::string details;  // log lines of the component that failed, if any
};

class Stack {
 public:
  explicit Stack(StackContext ctx);
  ~Stack();

  // REQUIRES: names come from ResolveComponents.
  UpResult Up(const std::vector<std::string>& names, std::ostream& out);
  // Prints one line per component; ok when every one of them runs and is healthy,
  // Unavailable otherwise. With `optional_extras`, a stopped component that
  // `up` does not start by default (the lake) is shown but not counted.
  Status Report(const std::vector<std::string>& names, std::ostream& out,
                bool optional_extras = false);
  Status Down(const std::vector<std::string>& names, bool purge, std::ostream& out);

  // --- one component at a time (faults, `run --fault`) ---
  // The live process this stack recorded for component `name` (one node:
  // "kafka-2", or "kafka" for a lone broker); NotFound when none runs.
  Result<ProcessRecord> RunningProcess(const std::string& name) const;
  // Sends `sig` to that process's group (it leads one), only if it is the
  // process the record names (pid and start time). SIGKILL also waits (5 s)
  // until it is gone. NotFound when it does not run.
  Status Signal(const std::string& name, int sig) const;
  // While set, Up() watches `*cancel` instead of catching SIGINT/SIGTERM
  // itself (a caller that has its own handler and threads). Not owned.
  void set_cancel_flag(const std::atomic<bool>* cancel) { cancel_ = cancel; }

 private:
  std::unique_ptr<Component> Make(const std::string& name) const;
  // Replaces "kafka" by the nodes of the cluster (ctx_.endpoints.kafka_brokers):
  // "kafka" alone, or "kafka-1".."kafka-N". With `all_present`, also the
  // nodes of another layout whose state directory still exists (for down).
  std::vector<std::string> Expand(const std::vector<std::string>& names, bool all_present) const;
  // Checks that the requested broker count fits what runs and what is on
  // disk; with `write`, then remembers it (config/local_kafka.h) and the
  // cluster id.
  Status PrepareKafkaLayout(std::ostream& out, bool write);
  StackContext ctx_;
  const std::atomic<bool>* cancel_ = nullptr;
};

// "2026-01-02T03:04:05Z" for UTC milliseconds since the epoch.
std::string FormatUtc(int64_t epoch_ms);
// "3h 02m", "5m 07s", "12s".
std::string FormatUptime(int64_t seconds);

}  // namespace freshbench::stack
