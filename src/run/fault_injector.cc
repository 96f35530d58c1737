#include "run/fault_injector.h"

#include <signal.h>

#include <chrono>
#include <sstream>

#include <fmt/format.h>

#include "measure/clock.h"
#include "stack/stack.h"

namespace freshbench {
namespace {

// Process groups a fault paused, for ContinuePausedTargets() (a signal
// handler may read them: lock-free atomics only).
constexpr int kMaxPaused = 16;
std::atomic<pid_t> g_paused[kMaxPaused];

void RememberPaused(pid_t pid, bool paused) {
  for (auto& slot : g_paused) {
    pid_t expected = paused ? 0 : pid;
    if (slot.compare_exchange_strong(expected, paused ? pid : 0)) return;
  }
}

// The local stack, one component at a time. Up and Down are serialised
// (the Stack is not thread-safe); signals are not, so a pause ends on time
// even while another fault's target is starting.
class StackFaultTarget : public FaultTarget {
 public:
  explicit StackFaultTarget(std::function<void(const std::string&)> log)
      : stack_(stack::StackContext::FromEnvironment()), log_(std::move(log)) {
    // Starting a target is never cancelled: an interrupted run must still
    // leave the stack as it found it. The run has its own signal handler.
    stack_.set_cancel_flag(&never_);
  }

  Result<std::string> Kill(const std::string& c) override { return Send(c, SIGKILL, "SIGKILL"); }
  Result<std::string> Pause(const std::string& c) override { return Send(c, SIGSTOP, "SIGSTOP"); }
  Result<std::string> Continue(const std::string& c) override { return Send(c, SIGCONT, "SIGCONT"); }

  Result<std::string> Stop(const std::string& c) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto rec = stack_.RunningProcess(c);
    if (!rec.ok()) return rec.status();
    std::ostringstream out;
    const int64_t t0 = WallNowMs();
    Status st = stack_.Down({c}, /*purge=*/false, out);
    Log(out.str());
    if (!st.ok()) return st;
    return fmt::format("stopped pid {} in {:.1f} s", rec->pid, (WallNowMs() - t0) / 1000.0);
  }

  Result<std::string> Start(const std::string& c) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::ostringstream out;
    const int64_t t0 = WallNowMs();
    stack::UpResult up = stack_.Up({c}, out);
    Log(out.str());
    if (!up.status.ok()) {
      if (!up.details.empty()) Log(up.details);
      return up.status;
    }
    auto rec = stack_.RunningProcess(c);
    return fmt::format("started again (pid {}), healthy after {:.1f} s", rec.ok() ? rec->pid : 0,
                       (WallNowMs() - t0) / 1000.0);
  }

 private:
  Result<std::string> Send(const std::string& c, int sig, const char* name) {
    auto rec = stack_.RunningProcess(c);
    if (!rec.ok()) return rec.status();
    FB_RETURN_IF_ERROR(stack_.Signal(c, sig));
    if (sig == SIGSTOP) RememberPaused(rec->pid, true);
    if (sig == SIGCONT) RememberPaused(rec->pid, false);
    return fmt::format("{} to pid {}", name, rec->pid);
  }
  void Log(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) log_(line);
  }

  stack::Stack stack_;
  std::function<void(const std::string&)> log_;
  std::atomic<bool> never_{false};
  std::mutex mu_;
};

}  // namespace

void ContinuePausedTargets() {
  for (auto& slot : g_paused) {
    const pid_t pid = slot.exchange(0);
    if (pid > 0) kill(-pid, SIGCONT);
  }
}

std::unique_ptr<FaultTarget> MakeStackFaultTarget(std::function<void(const std::string&)> log) {
  return std::make_unique<StackFaultTarget>(std::move(log));
}

FaultInjector::FaultInjector(std::vector<FaultSpec> plan, std::unique_ptr<FaultTarget> target,
                             OnChange on_change)
    : plan_(std::move(plan)), target_(std::move(target)), on_change_(std::move(on_change)) {
  for (const FaultSpec& f : plan_) {
    FaultWindow w;
    w.spec = f.text;
    w.target = f.target;
    w.action = FaultActionName(f.action);
    w.at_s = f.at_s;
    w.duration_s = f.duration_s;
    windows_.push_back(w);
  }
}

FaultInjector::~FaultInjector() { Restore(); }

void FaultInjector::Start(int64_t load_start_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (restoring_ || !threads_.empty()) return;
  load_start_ms_ = load_start_ms;
  for (size_t i = 0; i < plan_.size(); ++i) threads_.emplace_back(&FaultInjector::RunFault, this, i);
}

void FaultInjector::LoadEnded() {
  std::lock_guard<std::mutex> lock(mu_);
  load_ended_ = true;
  wake_.notify_all();
}

void FaultInjector::Restore() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    restoring_ = true;
    load_ended_ = true;
    threads.swap(threads_);
    wake_.notify_all();
  }
  for (std::thread& t : threads) t.join();
}

std::vector<FaultWindow> FaultInjector::windows() const {
  std::lock_guard<std::mutex> lock(mu_);
  return windows_;
}

bool FaultInjector::WaitUntil(int64_t wall_ms, bool until_load_end) {
  std::unique_lock<std::mutex> lock(mu_);
  while (!restoring_ && !(until_load_end && load_ended_)) {
    const int64_t left = wall_ms - WallNowMs();
    if (left <= 0) return false;
    wake_.wait_for(lock, std::chrono::milliseconds(std::min<int64_t>(left, 500)));
  }
  return true;
}

void FaultInjector::Emit(size_t i, const char* phase, const std::string& note) {
  FaultWindow w;
  int64_t ts = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    w = windows_[i];
    ts = phase == std::string(kPhaseFault) ? w.start_ms.value_or(WallNowMs())
                                           : w.end_ms.value_or(WallNowMs());
  }
  if (on_change_) on_change_(w, PhaseEvent{ts, phase, "", w.spec + ": " + note});
}

void FaultInjector::RunFault(size_t i) {
  const FaultSpec& f = plan_[i];
  const int64_t at_ms = load_start_ms_ + static_cast<int64_t>(f.at_s * 1000);
  // A fault that has not begun when the load ends (or the run stops) never does.
  if (WaitUntil(at_ms, /*until_load_end=*/true)) {
    std::lock_guard<std::mutex> lock(mu_);
    windows_[i].error = "not applied: the run ended first";
    return;
  }
  active_.fetch_add(1);  // failures from this moment on are the fault's
  const int64_t began = WallNowMs();  // a clean stop can take a while: it is part of the window
  Result<std::string> done = f.action == FaultAction::kKill    ? target_->Kill(f.target)
                             : f.action == FaultAction::kPause ? target_->Pause(f.target)
                                                               : target_->Stop(f.target);
  {
    std::lock_guard<std::mutex> lock(mu_);
    windows_[i].start_ms = began;
    if (done.ok()) windows_[i].how = *done;
    else windows_[i].error = "not applied: " + done.status().message();
  }
  if (!done.ok()) {
    active_.fetch_sub(1);
    Emit(i, kPhaseFault, windows_[i].error);
    return;
  }
  Emit(i, kPhaseFault, *done);
  // Hold: D seconds, or until the load ends (a kill or pause without +D);
  // a restart without +D starts again at once. Restore() cuts it short.
  const bool open_ended = !f.duration_s && f.action != FaultAction::kRestart;
  if (!open_ended) {
    WaitUntil(at_ms + static_cast<int64_t>(f.duration_s.value_or(0) * 1000), /*until_load_end=*/false);
  } else {
    WaitUntil(INT64_MAX, /*until_load_end=*/true);
  }
  Result<std::string> undone =
      f.action == FaultAction::kPause ? target_->Continue(f.target) : target_->Start(f.target);
  {
    std::lock_guard<std::mutex> lock(mu_);
    FaultWindow& w = windows_[i];
    if (undone.ok()) {
      w.end_ms = WallNowMs();  // no end: the target never came back
      w.how += "; " + *undone;
    } else {
      w.error = "not undone: " + undone.status().message();
    }
  }
  active_.fetch_sub(1);
  Emit(i, kPhaseFaultEnd, undone.ok() ? *undone : "not undone: " + undone.status().message());
}

}  // namespace freshbench
