// StdoutSink: writes each event as one JSON line to a file descriptor
// (stdout for `--sink stdout`). Each thread fills its own buffer and writes
// whole lines under one lock, so lines never interleave. An event counts as
// delivered once write(2) has taken it. A reader that hangs up (EPIPE: the
// pipe's other end closed, as with `| head`) ends the run quietly; any
// other write error fails the buffered events.
//
// Thread safety: as Sink.
#pragma once

#include <mutex>

#include "gen/sink.h"

namespace freshbench::gen {

class StdoutSink final : public Sink {
 public:
  // `fd` is not owned.
  StdoutSink(int fd, DeliveryTracker* tracker) : fd_(fd), tracker_(tracker) {}
  std::unique_ptr<SinkWriter> NewWriter() override;
  std::string Describe() const override { return "stdout (one JSON event per line)"; }

 private:
  friend class StdoutWriter;
  // Writes all of [data, data+n); returns 0 or the errno that stopped it.
  int WriteAll(const char* data, size_t n);

  const int fd_;
  DeliveryTracker* tracker_;
  std::mutex mu_;
  bool closed_ = false;  // guarded by mu_
};

}  // namespace freshbench::gen
