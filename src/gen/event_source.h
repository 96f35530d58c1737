// EventSource: draws events with the seed's distributions.
//
// user_id, amount, region and event_type come from a PRNG seeded by
// (seed, stream): the same pair always yields the same sequence. event_id
// comes from a second PRNG seeded by `id_seed`, so ids stay unique across
// runs that share a seed. event_time is left for the caller to stamp when
// the event is handed to the producer.
//
// With an `id_tag` (0 .. 16383, a generator instance's index, see
// gen/instance.h) the 14 bits after the UUID variant hold the tag, so
// sources with different tags never write the same id.
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
  // id_tag < 0: every id bit but version and variant is random.
  EventSource(uint64_t seed, uint64_t stream, uint64_t id_seed, int id_tag = -1);

  // Fills every field of *ev except event_time_ms.
  void Next(Event* ev);

  // Writes a fresh random UUID v4 as text.
  void NextUuid(std::array<char, kUuidTextSize>* out);

 private:
  FastRandom fields_;
  FastRandom ids_;
  int id_tag_;
};

}  // namespace freshbench::gen
