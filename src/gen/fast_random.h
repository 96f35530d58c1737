// FastRandom: a small, fast, seedable PRNG (wyrand) for event fields and
// UUIDs. Not cryptographic: event ids only need to be unique in practice
// (122 random bits), not unguessable.
//
// Thread safety: none; give each thread its own instance.
#pragma once

#include <cstdint>

namespace freshbench::gen {

class FastRandom {
 public:
  explicit FastRandom(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    state_ += 0xa0761d6478bd642fULL;
    const __uint128_t t = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(t >> 64) ^ static_cast<uint64_t>(t);
  }

  // Uniform in [0, n). REQUIRES: n > 0. Multiply-shift on 64 bits: the
  // bias (n / 2^64) is far below anything a test could see.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<__uint128_t>(Next()) * n) >> 64);
  }

 private:
  uint64_t state_;
};

// SplitMix64 step: turns related seeds (seed, seed+1, ...) into unrelated ones.
inline uint64_t MixSeed(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A seed from the operating system's entropy source.
uint64_t RandomSeed();

}  // namespace freshbench::gen
