// SetupGuard: owns what a run changed on the engines, and undoes it on
// every way out of the run (its end, an error return, Ctrl-C): first it
// restores what --fault did to the stack, then resumes every pattern the run paused, then tears down every pattern whose
// setup began (tables, Flink jobs, consumer groups), unless --keep.
//
// Thread safety: one thread (the runner's).
#pragma once

#include "run/run_context.h"

namespace freshbench {

class SetupGuard {
 public:
  explicit SetupGuard(RunContext& ctx) : ctx_(ctx) {}
  ~SetupGuard() { Undo(); }
  SetupGuard(const SetupGuard&) = delete;
  SetupGuard& operator=(const SetupGuard&) = delete;

  // Resumes what is paused, then tears down what was set up (or says it is
  // kept). Idempotent; the second call does nothing.
  void Undo();
  // Resumes `p` now if the run paused it; false (with a logged reason)
  // when its resume query failed.
  bool Resume(RunPattern& p);

 private:
  RunContext& ctx_;
  bool done_ = false;
};

// Drops what `p` created and forgets its consumer group.
Status TearDown(RunPattern& p, const Endpoints& endpoints);

}  // namespace freshbench
