#include "run/load_source.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "gen/generator.h"

namespace freshbench {
namespace {
class GeneratorLoad : public LoadSource {
 public:
  explicit GeneratorLoad(std::unique_ptr<gen::Generator> g) : g_(std::move(g)) {}
  Status Start() override { return g_->Start(); }
  LoadTotals Snapshot() const override {
    gen::GeneratorStats s = g_->Snapshot();
    return {static_cast<int64_t>(s.sent), static_cast<int64_t>(s.delivered),
            static_cast<int64_t>(s.errors()), static_cast<int64_t>(s.late), s.lag_ms};
  }
  Result<MarkerDelivery> SendMarker(const std::string& event_id, int timeout_ms) override {
    auto fut = g_->SendMarker(event_id);
    if (fut.wait_for(std::chrono::milliseconds(timeout_ms)) != std::future_status::ready) {
      return Status::Timeout("marker " + event_id + " not acknowledged within " +
                             std::to_string(timeout_ms) + " ms");
    }
    Result<gen::MarkerAck> ack = fut.get();
    if (!ack.ok()) return ack.status();
    return MarkerDelivery{ack->event_id, ack->event_time_ms, ack->ack_time_ms};
  }
  LoadTotals Stop() override {
    gen::GeneratorSummary s = g_->Stop();
    return {static_cast<int64_t>(s.sent), static_cast<int64_t>(s.delivered),
            static_cast<int64_t>(s.failed + s.send_errors)};
  }
  std::string Describe() const override { return g_->DescribeSink(); }

 private:
  std::unique_ptr<gen::Generator> g_;
};
}  // namespace

Result<std::unique_ptr<LoadSource>> MakeGeneratorLoad(const gen::GeneratorOptions& options) {
  auto g = gen::Generator::Create(options);
  if (!g.ok()) return g.status();
  return std::unique_ptr<LoadSource>(new GeneratorLoad(std::move(g).value()));
}

std::string NewUuid() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  const uint64_t a = rng(), b = rng();
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

}  // namespace freshbench
