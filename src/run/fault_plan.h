// FaultPlan: the faults `freshbench run --fault TARGET:ACTION@T[+D]` injects
// into the local stack while the load runs, parsed and checked before
// anything is touched.
//
//   TARGET  a component of the local stack (`stack status` names them):
//           a Kafka node (`kafka-2`, or `kafka` for a lone broker),
//           `clickhouse`, `fluss` (the tablet server), `fluss-coordinator`,
//           `zookeeper`, `flink-jobmanager`, `flink-taskmanager`, `flink`.
//   ACTION  kill     SIGKILL; with +D started again D s later, else when
//                    the load ends;
//           restart  a clean stop (SIGTERM, as `stack down`), then a start
//                    (as `stack up`) D s later (default at once);
//           pause    SIGSTOP, then SIGCONT D s later (else when the load
//                    ends): a stalled process, not a dead one.
//   T, D    seconds from the start of the load (decimals allowed).
//
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace freshbench {

enum class FaultAction { kKill, kRestart, kPause };
const char* FaultActionName(FaultAction a);

struct FaultSpec {
  std::string text;    // as the user typed it: "kafka-2:kill@30+20"
  std::string target;  // stack component name
  FaultAction action = FaultAction::kKill;
  double at_s = 0;                  // from the start of the load
  std::optional<double> duration_s;  // +D; none: until the load ends (kill, pause) or 0 (restart)
};

// One `--fault` value. InvalidArgument quoting it and saying what is wrong:
// "--fault kafka-2:stop@30: unknown action 'stop' (kill, restart or pause)".
// The target's spelling is checked against the stack's component names;
// whether it runs is the caller's check (it needs the stack).
Result<FaultSpec> ParseFault(std::string_view text);

// The plan against the load: every fault starts within the load and, with
// +D, ends within it (T + D <= duration_s); two faults on one target do not
// overlap. InvalidArgument naming the fault.
Status ValidateFaultPlan(const std::vector<FaultSpec>& plan, double duration_s);

}  // namespace freshbench
