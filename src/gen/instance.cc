#include "gen/instance.h"

#include <charconv>

#include "gen/event.h"
#include "gen/fast_random.h"

namespace freshbench::gen {
namespace {

std::optional<int> WholeNumber(std::string_view s) {
  int v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || s.size() > 6 || ec != std::errc() || ptr != end || v < 0) return std::nullopt;
  return v;
}

}  // namespace

Result<Instance> ParseInstance(std::string_view name, std::string_view value) {
  const std::string bad = std::string(name) + " '" + std::string(value) + "': ";
  const auto slash = value.find('/');
  if (slash == std::string_view::npos)
    return Status::InvalidArgument(bad + "expected I/N, instance I (0-based) of N, e.g. 0/3");
  auto i = WholeNumber(value.substr(0, slash));
  auto n = WholeNumber(value.substr(slash + 1));
  if (!i || !n)
    return Status::InvalidArgument(bad + "expected I/N, instance I (0-based) of N, e.g. 0/3");
  if (*n < 1 || *n > kMaxInstances)
    return Status::InvalidArgument(bad + "N must be from 1 to " + std::to_string(kMaxInstances));
  if (*i >= *n)
    return Status::InvalidArgument(bad + "I is 0-based and must be below N (0.." +
                                   std::to_string(*n - 1) + ")");
  return Instance{*i, *n};
}

Result<int> ParseInstanceCount(std::string_view name, std::string_view value) {
  auto n = WholeNumber(value);
  if (!n || *n < 1 || *n > kMaxInstances)
    return Status::InvalidArgument(std::string(name) + " '" + std::string(value) +
                                   "': expected a whole number from 1 to " +
                                   std::to_string(kMaxInstances));
  return *n;
}

Result<std::optional<Instance>> ResolveInstance(const std::optional<std::string>& instance_flag,
                                                const std::optional<std::string>& instances_flag,
                                                const InstanceEnvLookup& env) {
  std::optional<int> count;
  if (instances_flag) {
    auto n = ParseInstanceCount("--instances", *instances_flag);
    if (!n.ok()) return n.status();
    count = *n;
  }
  auto agree = [&](const Instance& inst, std::string_view from) -> Result<std::optional<Instance>> {
    if (count && *count != inst.count)
      return Status::InvalidArgument(std::string(from) + " '" + inst.ToString() +
                                     "' and --instances " + std::to_string(*count) +
                                     " disagree on N");
    return std::optional<Instance>(inst);
  };
  if (instance_flag) {
    auto inst = ParseInstance("--instance", *instance_flag);
    if (!inst.ok()) return inst.status();
    return agree(*inst, "--instance");
  }
  if (auto v = env("FRESHBENCH_INSTANCE")) {
    auto inst = ParseInstance("FRESHBENCH_INSTANCE", *v);
    if (!inst.ok()) return inst.status();
    return agree(*inst, "FRESHBENCH_INSTANCE");
  }
  if (!count) return std::optional<Instance>();
  auto index = env("JOB_COMPLETION_INDEX");
  if (!index)
    return Status::InvalidArgument("--instances " + std::to_string(*count) +
                                   ": JOB_COMPLETION_INDEX is not set (a Kubernetes Indexed Job "
                                   "sets it); elsewhere use --instance I/N");
  auto i = WholeNumber(*index);
  if (!i || *i >= *count)
    return Status::InvalidArgument("JOB_COMPLETION_INDEX '" + *index +
                                   "': expected a 0-based index below --instances " +
                                   std::to_string(*count));
  return std::optional<Instance>(Instance{*i, *count});
}

uint64_t InstanceSeed(uint64_t seed, const std::optional<Instance>& instance) {
  if (!instance) return seed;
  return MixSeed(seed ^ MixSeed(0x696e7374ULL + static_cast<uint64_t>(instance->index)));
}

std::optional<int> InstanceTagOf(std::string_view uuid) {
  if (!IsUuidText(uuid)) return std::nullopt;
  // The 4th group "vxxx": 2 variant bits, then the 14-bit tag.
  int v = 0;
  for (char c : uuid.substr(19, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
  }
  return v & 0x3fff;
}

}  // namespace freshbench::gen
