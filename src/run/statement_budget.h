// StatementBudget: how many statements one engine may have in flight from
// this run, shared by every pattern on that engine (P2 and P3 share one
// Flink cluster). An engine with a hard bound (Driver::StatementCapacity:
// Flink runs each batch query on a free task slot) would otherwise queue
// the run's own probes, and the run would measure its own queueing as a
// stall of the engine.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace freshbench {

class StatementBudget {
 public:
  explicit StatementBudget(int capacity) : capacity_(capacity) {}
  int capacity() const { return capacity_; }

  // Takes one statement's share if one is free.
  bool TryAcquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (used_ >= capacity_) return false;
    ++used_;
    return true;
  }
  // Waits for a share (checking `stop` every 100 ms); false when stopped.
  bool Acquire(const std::atomic<bool>& stop) {
    std::unique_lock<std::mutex> lock(mu_);
    while (used_ >= capacity_) {
      if (stop.load()) return false;
      cv_.wait_for(lock, std::chrono::milliseconds(100));
    }
    ++used_;
    return true;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    --used_;
    cv_.notify_one();
  }

 private:
  const int capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  int used_ = 0;
};

}  // namespace freshbench
