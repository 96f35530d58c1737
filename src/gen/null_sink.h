// NullSink: accepts and discards every event, counting it delivered: the
// generator alone, for measuring the encoder (`--sink null`).
//
// Thread safety: as Sink.
#pragma once

#include "gen/sink.h"

namespace freshbench::gen {

class NullSink final : public Sink {
 public:
  explicit NullSink(DeliveryTracker* tracker) : tracker_(tracker) {}
  std::unique_ptr<SinkWriter> NewWriter() override;
  std::string Describe() const override { return "null (encode and discard)"; }
  // Total bytes handed over (keeps the encoder's output observable).
  uint64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }

 private:
  friend class NullWriter;
  DeliveryTracker* tracker_;
  std::atomic<uint64_t> bytes_{0};
};

}  // namespace freshbench::gen
