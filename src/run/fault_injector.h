// FaultInjector: carries out a FaultPlan (fault_plan.h) while the load runs,
// one thread per fault, and undoes every fault on every way out: a paused
// process is continued, a killed or stopped one started again, whether the
// fault ran its course, the load ended, the run failed or was interrupted.
//
// FaultTarget is what a fault acts on: the local stack's own processes
// (MakeStackFaultTarget: only processes whose pid record the stack wrote),
// or a fake in tests.
//
// Thread safety: FaultInjector's public methods may be called from any
// thread; the FaultTarget is called from the fault threads (at most one
// call per fault at a time; Start/Stop of different faults may overlap).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "report/raw_records.h"
#include "report/run_info.h"
#include "run/fault_plan.h"

namespace freshbench {

class FaultTarget {
 public:
  virtual ~FaultTarget() = default;
  // Each returns one line saying what was done ("SIGKILL to pid 1234"), or
  // the error. Start waits until the component is healthy again.
  virtual Result<std::string> Kill(const std::string& component) = 0;
  virtual Result<std::string> Pause(const std::string& component) = 0;
  virtual Result<std::string> Continue(const std::string& component) = 0;
  virtual Result<std::string> Stop(const std::string& component) = 0;
  virtual Result<std::string> Start(const std::string& component) = 0;
};

// The local stack of FRESHBENCH_HOME / FRESHBENCH_PORT_OFFSET. `log` gets
// the stack's progress lines (may be called from several threads).
std::unique_ptr<FaultTarget> MakeStackFaultTarget(std::function<void(const std::string&)> log);

// Sends SIGCONT to every process a stack fault target paused and has not
// continued yet. Async-signal-safe: for a handler that leaves at once (a
// second Ctrl-C), so no stack process stays stopped.
void ContinuePausedTargets();

class FaultInjector {
 public:
  // Called from a fault thread when a fault starts (a kPhaseFault event)
  // and when its target is back (kPhaseFaultEnd); the window as it is then.
  using OnChange = std::function<void(const FaultWindow&, const PhaseEvent&)>;

  FaultInjector(std::vector<FaultSpec> plan, std::unique_ptr<FaultTarget> target, OnChange on_change);
  ~FaultInjector();  // Restore()
  FaultInjector(const FaultInjector&) = delete;
  FaultInjector& operator=(const FaultInjector&) = delete;

  // Starts one thread per fault; fault i acts at load_start_ms + at_s.
  // REQUIRES: called at most once.
  void Start(int64_t load_start_ms);
  // The load ended: a kill or pause without +D is undone now (its thread
  // starts or continues the target); faults not yet begun never will.
  void LoadEnded();
  // Undoes every fault now and waits until each target is back (or its
  // start failed, recorded in the window's error). Idempotent.
  void Restore();

  // Faults applied and not yet undone (for WorkerSpec::faults_active).
  const std::atomic<int>* active() const { return &active_; }
  std::vector<FaultWindow> windows() const;

 private:
  void RunFault(size_t i);
  // Waits until wall_ms or until the fault must end; true when woken early.
  bool WaitUntil(int64_t wall_ms, bool until_load_end);
  void Emit(size_t i, const char* phase, const std::string& note);

  std::vector<FaultSpec> plan_;
  std::unique_ptr<FaultTarget> target_;
  OnChange on_change_;
  int64_t load_start_ms_ = 0;
  std::atomic<int> active_{0};

  mutable std::mutex mu_;  // guards the fields below
  std::condition_variable wake_;
  std::vector<FaultWindow> windows_;
  bool load_ended_ = false;
  bool restoring_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace freshbench
