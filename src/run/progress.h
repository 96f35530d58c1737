// Progress: what a running benchmark tells the user. On a terminal one
// status line is redrawn in place (phase, elapsed/remaining, generator rps,
// freshness per pattern); otherwise a plain log line every 10 s. Log() lines
// go to stderr either way, stamped with the UTC time.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace freshbench {

struct ProgressStatus {
  std::string phase;
  double elapsed_s = 0;
  double remaining_s = 0;  // of the current phase
  double generator_rps = 0;
  struct Pattern {
    std::string id;
    double freshness_ms;  // NaN = none yet
    int64_t rows;         // -1 = none yet
    std::string phase;
    double stale_s = 0;   // > 0: a probe has been running this long; freshness is at least that old
  };
  std::vector<Pattern> patterns;
};

// The status as one line ("steady 02:13 (07:47 left) | gen 4,998/s | p0 3.0 ms | p1 1.82 s").
std::string FormatProgress(const ProgressStatus& s);

class Progress {
 public:
  explicit Progress(bool tty) : tty_(tty) {}
  void Update(const ProgressStatus& s);
  void Log(const std::string& line);
  // Ends the live line (if any).
  void Finish();

 private:
  std::mutex mu_;
  bool tty_;
  bool live_ = false;  // a status line is on screen
  int64_t last_log_ms_ = 0;
};

}  // namespace freshbench
