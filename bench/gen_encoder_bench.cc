// The generator's per-event cost without any sink: drawing an event,
// stamping it and encoding it to JSON (what `--sink null` measures end to
// end in bench/gen_bench.sh). Prints figures; never fails on a slow machine.
#include <benchmark/benchmark.h>

#include "gen/clock.h"
#include "gen/event_source.h"
#include "gen/json_encoder.h"

namespace freshbench::gen {
namespace {

void BM_EventSourceNext(benchmark::State& state) {
  EventSource source(1, 0, 2);
  Event ev;
  for (auto _ : state) {
    source.Next(&ev);
    benchmark::DoNotOptimize(ev);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventSourceNext);

void BM_EncodeJson(benchmark::State& state) {
  EventSource source(1, 0, 2);
  Event ev;
  source.Next(&ev);
  ev.event_time_ms = WallClockMs();
  JsonEncoder encoder;
  char buf[kMaxEncodedEventSize];
  for (auto _ : state) {
    ev.event_time_ms += 1;
    benchmark::DoNotOptimize(encoder.Encode(ev, buf));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeJson);

// Draw + wall-clock stamp + JSON + key: the generator thread's whole work per event.
void BM_DrawStampEncode(benchmark::State& state) {
  EventSource source(1, 0, 2);
  JsonEncoder encoder;
  Event ev;
  char buf[kMaxEncodedEventSize];
  char key[kMaxEncodedKeySize];
  size_t bytes = 0;
  for (auto _ : state) {
    source.Next(&ev);
    ev.event_time_ms = WallClockMs();
    bytes += encoder.Encode(ev, buf);
    bytes += JsonEncoder::EncodeKey(ev.user_id, key);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_DrawStampEncode);

}  // namespace
}  // namespace freshbench::gen

BENCHMARK_MAIN();
