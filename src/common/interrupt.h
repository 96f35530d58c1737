// A process-wide "the user asked to stop" flag (Ctrl-C, SIGTERM), for code
// that blocks on an engine: the Flink driver checks it while it waits for a
// statement and then cancels the statement and its job instead of leaving
// them running on the cluster.
//
// Thread safety: a lock-free atomic, safe to set from a signal handler.
#pragma once

#include <atomic>
#include <csignal>

namespace freshbench {

inline std::atomic<bool>& InterruptRequested() {
  static std::atomic<bool> flag{false};
  return flag;
}

// SIGINT and SIGTERM set InterruptRequested(); a second one ends the
// process the default way.
inline void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = [](int sig) {
    InterruptRequested().store(true);
    std::signal(sig, SIG_DFL);
  };
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace freshbench
