#include "gen/null_sink.h"

namespace freshbench::gen {

class NullWriter final : public SinkWriter {
 public:
  explicit NullWriter(NullSink* sink) : sink_(sink) {}
  ~NullWriter() override { Flush(); }

  SendResult Send(std::string_view key, std::string_view value, MarkerRequest* marker) override {
    bytes_ += key.size() + value.size();
    if (marker != nullptr) {
      sink_->tracker_->Delivered(marker);
      return SendResult::kOk;
    }
    // Published in batches: one shared atomic add per event would cost more
    // than encoding it.
    if (++pending_ == kBatch) Publish();
    return SendResult::kOk;
  }
  void Idle(int64_t) override { Publish(); }
  void Flush() override { Publish(); }

 private:
  static constexpr uint64_t kBatch = 256;
  void Publish() {
    if (pending_ > 0) sink_->tracker_->Delivered(nullptr, pending_);
    sink_->bytes_.fetch_add(bytes_, std::memory_order_relaxed);
    pending_ = 0;
    bytes_ = 0;
  }
  NullSink* sink_;
  uint64_t pending_ = 0;
  uint64_t bytes_ = 0;
};

std::unique_ptr<SinkWriter> NullSink::NewWriter() { return std::make_unique<NullWriter>(this); }

}  // namespace freshbench::gen
