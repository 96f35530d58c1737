// EventSource: draws events with the seed's distributions.
//
// user_id, amount, region and event_type come from a PRNG seeded by
// (seed, stream): the same pair always yields the same sequence. event_id
// comes from a second PRNG seeded by `id_seed`, so ids stay unique across
// runs that share a seed. event_time is left for the caller to stamp when
// the event is handed to the producer.
//
// Thread safety: none; one instance per thread (use the thread index as
// `stream`). Next() does not allocate.
#pragma once

#include <cstdint>

#include "gen/event.h"
#include "gen/fast_random.h"

namespace freshbench::gen {

class EventSource {
 public:
  EventSource(uint64_t seed, uint64_t stream, uint64_t id_seed);

  // Fills every field of *ev except event_time_ms.
  void Next(Event* ev);

  // Writes a fresh random UUID v4 as text.
  void NextUuid(std::array<char, kUuidTextSize>* out);

 private:
  FastRandom fields_;
  FastRandom ids_;
};

}  // namespace freshbench::gen
