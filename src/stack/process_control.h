// Looking at and stopping processes this freshbench did not necessarily
// start itself (a later `stack status` or `stack down` finds them again by
// pid and kernel start time).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>

#include "common/status.h"

namespace freshbench::stack {

// The kernel start time of `pid` in clock ticks since boot
// (/proc/<pid>/stat field 22); nullopt when there is no such process or it
// is a zombie.
std::optional<uint64_t> ProcessStartTicks(pid_t pid);

// True when `pid` runs and is the same process that was recorded with
// `start_ticks` (guards against pid reuse). Zombies count as gone.
bool ProcessAlive(pid_t pid, uint64_t start_ticks);

// Sends SIGTERM to a recorded process's group without waiting (no-op when
// it is gone): several processes that need each other (a Kafka quorum)
// then shut down together instead of one by one.
void SignalStop(pid_t pid, uint64_t start_ticks);

// Stops a recorded process: SIGTERM to its process group (it leads one, see
// ChildProcess), waits up to `grace`, then SIGKILL and waits up to 5 s.
// Ok when the process is gone (also when it was gone already).
Status StopRecordedProcess(pid_t pid, uint64_t start_ticks, std::chrono::milliseconds grace);

}  // namespace freshbench::stack
