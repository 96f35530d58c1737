// ProbeSlots: a small, fixed number of engine sessions, each with its own
// thread, that probes run on. A probe is handed to an idle session or not
// at all: the caller's schedule never waits for an answer (open loop), and a
// stalled statement holds only its own session.
//
// Thread safety: every method may be called from any thread. A job runs on
// its session's thread, one job per session at a time.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/status.h"
#include "engines/driver.h"
#include "run/statement_budget.h"

namespace freshbench {

// Makes a new engine session (one Driver) for a slot; called on the slot's
// thread before its first job, and again after a job if the session was lost.
using SessionFactory = std::function<Result<std::unique_ptr<Driver>>()>;

// A probe: runs on a session, or learns why there is none.
using ProbeJob = std::function<void(Result<Driver*> session)>;

class ProbeSlots {
 public:
  // `budget` (may be null; not owned): the engine's shared bound; a job
  // holds one share of it while it runs. `first_reserved`: the first
  // session has a share of its own, set aside from the budget, so these
  // probes always have one statement on the engine whatever others do.
  ProbeSlots(int slots, SessionFactory factory, StatementBudget* budget = nullptr,
             bool first_reserved = false);
  // Waits for running jobs to return (Close()).
  ~ProbeSlots();
  ProbeSlots(const ProbeSlots&) = delete;
  ProbeSlots& operator=(const ProbeSlots&) = delete;

  // Starts `job` on an idle session; false (and `job` dropped) when every
  // session is busy, the engine's budget is spent, or the slots are closed.
  bool TrySubmit(ProbeJob job);

  // When the oldest running job was submitted (wall ms), or nullopt if none runs.
  std::optional<int64_t> OldestBusySinceMs() const;
  int Busy() const;

  // No new jobs; waits for the running ones to return. A caller that wants
  // them to return soon cancels them first (CallOptions::cancel).
  void Close();

 private:
  struct Slot {
    std::thread thread;
    std::unique_ptr<Driver> session;
    ProbeJob job;
    int64_t busy_since_ms = 0;  // 0: idle
    bool reserved = false;      // has its own share: never takes from the budget
    bool holds_share = false;   // the running job took a share of the budget
  };
  void Loop(Slot* slot);

  SessionFactory factory_;
  StatementBudget* budget_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool closed_ = false;
  std::vector<std::unique_ptr<Slot>> slots_;
};

}  // namespace freshbench
