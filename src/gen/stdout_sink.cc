#include "gen/stdout_sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace freshbench::gen {

class StdoutWriter final : public SinkWriter {
 public:
  explicit StdoutWriter(StdoutSink* sink) : sink_(sink) { buf_.resize(kBufferSize); }
  ~StdoutWriter() override { Flush(); }

  SendResult Send(std::string_view, std::string_view value, MarkerRequest* marker) override {
    if (closed_) return SendResult::kClosed;
    if (used_ + value.size() + 1 > buf_.size() && !WriteOut()) return SendResult::kClosed;
    std::memcpy(buf_.data() + used_, value.data(), value.size());
    used_ += value.size();
    buf_[used_++] = '\n';
    ++lines_;
    if (marker != nullptr) {
      markers_.push_back(marker);
      // A marker's acknowledgement should not wait for a full buffer. The
      // tracker owns it now and reports its fate, so this is kOk either way.
      WriteOut();
    }
    return SendResult::kOk;
  }

  void Idle(int64_t now_ns) override {
    // At low rates, lines should not sit in the buffer for long.
    if (used_ > 0 && now_ns - last_write_ns_ > kMaxDelayNs) {
      WriteOut();
      last_write_ns_ = now_ns;
    }
  }

  void Flush() override { WriteOut(); }

 private:
  static constexpr size_t kBufferSize = 64 * 1024;
  static constexpr int64_t kMaxDelayNs = 100'000'000;

  // Returns false once the reader has hung up.
  bool WriteOut() {
    if (used_ == 0) return !closed_;
    const int err = sink_->WriteAll(buf_.data(), used_);
    if (err == 0) {
      sink_->tracker_->Delivered(nullptr, lines_ - markers_.size());
      for (MarkerRequest* m : markers_) sink_->tracker_->Delivered(m);
    } else if (err == EPIPE) {
      closed_ = true;
      // The reader chose to stop: what it did not take is neither delivered nor failed.
      sink_->tracker_->Dropped(lines_ - markers_.size());
      for (MarkerRequest* m : markers_)
        sink_->tracker_->Failed(m, "stdout closed by its reader", 0);
    } else {
      sink_->tracker_->Failed(nullptr, std::string("write to stdout: ") + std::strerror(err),
                              lines_ - markers_.size());
      for (MarkerRequest* m : markers_) sink_->tracker_->Failed(m, std::strerror(err));
    }
    markers_.clear();
    used_ = 0;
    lines_ = 0;
    return !closed_;
  }

  StdoutSink* sink_;
  std::vector<char> buf_;
  size_t used_ = 0;
  uint64_t lines_ = 0;
  std::vector<MarkerRequest*> markers_;
  int64_t last_write_ns_ = 0;
  bool closed_ = false;
};

int StdoutSink::WriteAll(const char* data, size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  if (closed_) return EPIPE;
  while (n > 0) {
    const ssize_t w = ::write(fd_, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) closed_ = true;
      return errno;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return 0;
}

std::unique_ptr<SinkWriter> StdoutSink::NewWriter() { return std::make_unique<StdoutWriter>(this); }

}  // namespace freshbench::gen
