#include "run/probe_slots.h"

#include "measure/clock.h"

namespace freshbench {

ProbeSlots::ProbeSlots(int slots, SessionFactory factory, StatementBudget* budget,
                       bool first_reserved)
    : factory_(std::move(factory)), budget_(budget) {
  for (int i = 0; i < slots; ++i) slots_.push_back(std::make_unique<Slot>());
  if (first_reserved && !slots_.empty()) slots_.front()->reserved = true;
  for (auto& s : slots_) s->thread = std::thread([this, slot = s.get()] { Loop(slot); });
}

ProbeSlots::~ProbeSlots() { Close(); }

bool ProbeSlots::TrySubmit(ProbeJob job) {
  std::lock_guard<std::mutex> lock(mu_);
  if (closed_) return false;
  for (auto& s : slots_) {
    if (s->busy_since_ms != 0) continue;
    s->holds_share = budget_ != nullptr && !s->reserved;
    if (s->holds_share && !budget_->TryAcquire()) return false;
    s->busy_since_ms = WallNowMs();
    s->job = std::move(job);
    cv_.notify_all();
    return true;
  }
  return false;
}

std::optional<int64_t> ProbeSlots::OldestBusySinceMs() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<int64_t> oldest;
  for (const auto& s : slots_)
    if (s->busy_since_ms != 0 && (!oldest || s->busy_since_ms < *oldest)) oldest = s->busy_since_ms;
  return oldest;
}

int ProbeSlots::Busy() const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& s : slots_) n += s->busy_since_ms != 0 ? 1 : 0;
  return n;
}

void ProbeSlots::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  for (auto& s : slots_)
    if (s->thread.joinable()) s->thread.join();
}

void ProbeSlots::Loop(Slot* slot) {
  while (true) {
    ProbeJob job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return closed_ || slot->job; });
      if (!slot->job) return;  // closed and idle
      job = std::move(slot->job);
      slot->job = nullptr;
    }
    if (!slot->session) {
      auto made = factory_();
      if (made.ok()) {
        slot->session = std::move(made).value();
      } else {
        job(made.status());
      }
    }
    if (slot->session) job(slot->session.get());
    if (slot->holds_share) budget_->Release();
    std::lock_guard<std::mutex> lock(mu_);
    slot->busy_since_ms = 0;
  }
}

}  // namespace freshbench
