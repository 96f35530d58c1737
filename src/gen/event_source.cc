#include "gen/event_source.h"

#include <random>

namespace freshbench::gen {
namespace {
constexpr char kHex[] = "0123456789abcdef";

void WriteHex(uint64_t v, int nibbles, char* out) {
  for (int i = nibbles - 1; i >= 0; --i) {
    out[i] = kHex[v & 0xf];
    v >>= 4;
  }
}
}  // namespace

uint64_t RandomSeed() {
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

EventSource::EventSource(uint64_t seed, uint64_t stream, uint64_t id_seed, int id_tag)
    : fields_(MixSeed(MixSeed(seed) ^ stream)),
      ids_(MixSeed(MixSeed(id_seed) ^ ~stream)),
      id_tag_(id_tag) {}

void EventSource::NextUuid(std::array<char, kUuidTextSize>* out) {
  uint64_t hi = ids_.Next();
  uint64_t lo = ids_.Next();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;                         // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10xx
  if (id_tag_ >= 0) {
    // The 14 bits after the variant: the instance tag (4th group "8ttt".."bttt").
    lo = (lo & 0xc000ffffffffffffULL) | (static_cast<uint64_t>(id_tag_ & 0x3fff) << 48);
  }
  char* p = out->data();
  WriteHex(hi >> 32, 8, p);
  p[8] = '-';
  WriteHex(hi >> 16, 4, p + 9);
  p[13] = '-';
  WriteHex(hi, 4, p + 14);
  p[18] = '-';
  WriteHex(lo >> 48, 4, p + 19);
  p[23] = '-';
  WriteHex(lo, 12, p + 24);
}

void EventSource::Next(Event* ev) {
  NextUuid(&ev->event_id);
  ev->user_id = kMinUserId + static_cast<uint32_t>(fields_.Below(kMaxUserId - kMinUserId + 1));
  ev->amount_cents =
      kMinAmountCents + static_cast<uint32_t>(fields_.Below(kMaxAmountCents - kMinAmountCents + 1));
  ev->region = static_cast<uint8_t>(fields_.Below(kRegions.size()));
  ev->event_type = static_cast<uint8_t>(fields_.Below(kEventTypes.size()));
}

}  // namespace freshbench::gen
