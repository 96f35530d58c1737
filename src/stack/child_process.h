// ChildProcess: a move-only owner of one started engine process.
//
// Spawn() starts the process in its own session (so a Ctrl-C in the
// terminal does not reach it), with stdin on /dev/null, stdout and stderr
// appended to the spec's log file and no other inherited descriptor (a
// daemon holding a test runner's pipe would make the runner hang).
//
// While owned, the destructor stops the process (SIGTERM to its process
// group, a bounded wait, then SIGKILL), so a failed `stack up` leaves
// nothing half-running. Detach() gives up ownership: the process outlives
// this object and the freshbench process, and is found again through its
// ProcessRecord (process_record.h).
//
// Thread safety: none; use one object from one thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>

#include "common/status.h"
#include "stack/process_spec.h"

namespace freshbench::stack {

class ChildProcess {
 public:
  // Starts `spec`. Fails (and leaves nothing running) when the log file
  // cannot be opened or the program cannot be executed; the message names
  // the program and the reason.
  static Result<ChildProcess> Spawn(const ProcessSpec& spec);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // Kernel start time of the process (/proc/<pid>/stat field 22): with the
  // pid it identifies the process even after the pid is reused.
  uint64_t start_ticks() const { return start_ticks_; }

  // True while the process has not exited (reaps it when it has).
  bool Running();
  // The exit code (or 128 + signal) once Running() returned false.
  std::optional<int> exit_code() const { return exit_code_; }

  // Waits up to `timeout` for the process to exit and returns its exit
  // code; on timeout stops it and returns Timeout.
  Result<int> Wait(std::chrono::milliseconds timeout);

  // SIGTERM to the process group, waits up to `grace`, then SIGKILL.
  // Returns ok once the process is gone.
  Status Stop(std::chrono::milliseconds grace);

  // Gives up ownership: the destructor will no longer stop the process.
  void Detach() { owned_ = false; }

 private:
  ChildProcess(pid_t pid, uint64_t start_ticks) : pid_(pid), start_ticks_(start_ticks) {}

  pid_t pid_ = -1;
  uint64_t start_ticks_ = 0;
  bool owned_ = true;
  std::optional<int> exit_code_;
};

}  // namespace freshbench::stack
