// Instance: which of N cooperating generator processes this one is
// (`freshbench generate --instance I/N`), so that N processes, on one
// machine or many, together produce one stream:
//
//   - I is 0-based, 0 <= I < N, like the JOB_COMPLETION_INDEX a Kubernetes
//     Indexed Job sets (`--instances N` reads I from it);
//   - event ids never collide across instances: the 14 bits after the UUID
//     variant (the 4th group, "8iii".."biii") hold I, the other 108 random
//     bits stay random, so every id is still a valid version-4 UUID and ids
//     of different instances always differ (hence N <= kMaxInstances);
//   - `--seed S` gives each instance its own reproducible field stream:
//     InstanceSeed(S, I) (a lone generator without --instance keeps S);
//   - the rate (--target-rps) and the totals are per instance.
//
// Where I/N comes from, first match wins: --instance I/N, then
// FRESHBENCH_INSTANCE=I/N, then JOB_COMPLETION_INDEX with --instances N.
// Parse errors are InvalidArgument with one line naming the flag or the
// variable and the value the user gave (the CLI exits 2).
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace freshbench::gen {

inline constexpr int kMaxInstances = 1 << 14;  // 16384: the id bits that carry I

struct Instance {
  int index = 0;  // I, 0-based
  int count = 1;  // N
  // "I/N".
  std::string ToString() const { return std::to_string(index) + "/" + std::to_string(count); }
  friend bool operator==(const Instance&, const Instance&) = default;
};

// "I/N" with 0 <= I < N <= kMaxInstances.
Result<Instance> ParseInstance(std::string_view name, std::string_view value);
// N of --instances: 1 .. kMaxInstances.
Result<int> ParseInstanceCount(std::string_view name, std::string_view value);

// Looks an environment variable up (same type as gen::EnvLookup).
using InstanceEnvLookup = std::function<std::optional<std::string>(std::string_view)>;

// The instance from the flags (--instance, --instances; nullopt = not
// given) and the environment (FRESHBENCH_INSTANCE, JOB_COMPLETION_INDEX).
// nullopt when none of them is set. --instances N alone needs
// JOB_COMPLETION_INDEX; given with --instance or FRESHBENCH_INSTANCE, its N
// must agree.
Result<std::optional<Instance>> ResolveInstance(const std::optional<std::string>& instance_flag,
                                                const std::optional<std::string>& instances_flag,
                                                const InstanceEnvLookup& env);

// The seed of instance `instance`'s field stream for user seed `seed`.
uint64_t InstanceSeed(uint64_t seed, const std::optional<Instance>& instance);

// The 14-bit tag stored in the ids of `instance` (its index).
inline uint16_t InstanceIdTag(const Instance& instance) {
  return static_cast<uint16_t>(instance.index);
}

// The instance tag of a version-4 UUID written by an instance generator
// (the 14 bits after the variant); nullopt when `uuid` is not UUID text.
std::optional<int> InstanceTagOf(std::string_view uuid);

}  // namespace freshbench::gen
