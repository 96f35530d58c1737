#include "run/progress.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include <fmt/format.h>

#include "measure/clock.h"
#include "report/format.h"

namespace freshbench {
namespace {
std::string Clock(double s) {
  const int64_t t = static_cast<int64_t>(s);
  return fmt::format("{:02d}:{:02d}", t / 60, t % 60);
}
std::string Stamp() {
  std::time_t t = static_cast<std::time_t>(WallNowMs() / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}
}  // namespace

std::string FormatProgress(const ProgressStatus& s) {
  std::string line = fmt::format("{} {} ({} left) | gen {}/s", s.phase, Clock(s.elapsed_s),
                                 Clock(s.remaining_s),
                                 FormatCount(static_cast<int64_t>(std::llround(s.generator_rps))));
  for (const auto& p : s.patterns) {
    line += " | " + p.id + " " + (std::isnan(p.freshness_ms) ? std::string(kNone) : FormatMs(p.freshness_ms));
    // The last answer is stale while a probe runs: say so, and for how long.
    if (p.stale_s > 0) line += fmt::format(" (stale: probe running {})", FormatMs(p.stale_s * 1000));
    if (p.phase != s.phase) line += " (" + p.phase + ")";
  }
  return line;
}

void Progress::Update(const ProgressStatus& s) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string line = FormatProgress(s);
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    live_ = true;
    return;
  }
  const int64_t now = WallNowMs();
  if (now - last_log_ms_ < 10000) return;
  last_log_ms_ = now;
  std::fprintf(stderr, "%s %s\n", Stamp().c_str(), line.c_str());
}

void Progress::Log(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (live_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s %s\n", Stamp().c_str(), line.c_str());
  live_ = false;
}

void Progress::Finish() {
  std::lock_guard<std::mutex> lock(mu_);
  if (live_) std::fprintf(stderr, "\n");
  live_ = false;
}

}  // namespace freshbench
