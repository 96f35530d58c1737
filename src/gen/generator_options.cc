#include "gen/generator_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace freshbench::gen {
namespace {

Status Bad(std::string_view name, std::string_view what, std::string_view value) {
  return Status::InvalidArgument(std::string(name) + ": " + std::string(what) + ", got '" +
                                 std::string(value) + "'");
}

// Whole string must be a decimal integer in [lo, hi].
Result<int64_t> ParseInt(std::string_view name, std::string_view value, int64_t lo, int64_t hi,
                         std::string_view what) {
  int64_t v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (value.empty() || ec != std::errc() || ptr != end || v < lo || v > hi) {
    return Bad(name, what, value);
  }
  return v;
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

Result<uint64_t> ParseTargetRps(std::string_view name, std::string_view value) {
  auto r = ParseInt(name, value, 0, 100'000'000,
                    "must be an integer from 0 (unlimited) to 100000000 events/s");
  if (!r.ok()) return r.status();
  return static_cast<uint64_t>(*r);
}

Result<int> ParseThreads(std::string_view name, std::string_view value) {
  auto r = ParseInt(name, value, 1, 256, "must be an integer from 1 to 256");
  if (!r.ok()) return r.status();
  return static_cast<int>(*r);
}

Result<std::string> ParseAcks(std::string_view name, std::string_view value) {
  if (value == "0" || value == "1" || value == "all") return std::string(value);
  if (value == "-1") return std::string("all");
  return Bad(name, "must be 0, 1 or all", value);
}

Result<std::string> ParseCompression(std::string_view name, std::string_view value) {
  for (std::string_view c : {"none", "gzip", "snappy", "lz4", "zstd"}) {
    if (value == c) return std::string(value);
  }
  return Bad(name, "must be one of none, gzip, snappy, lz4, zstd", value);
}

Result<int> ParseLingerMs(std::string_view name, std::string_view value) {
  auto r = ParseInt(name, value, 0, 900'000, "must be an integer from 0 to 900000 ms");
  if (!r.ok()) return r.status();
  return static_cast<int>(*r);
}

Result<int> ParseBatchSize(std::string_view name, std::string_view value) {
  auto r = ParseInt(name, value, 1, std::numeric_limits<int32_t>::max(),
                    "must be an integer from 1 to 2147483647 bytes");
  if (!r.ok()) return r.status();
  return static_cast<int>(*r);
}

Result<uint64_t> ParseCount(std::string_view name, std::string_view value) {
  auto r = ParseInt(name, value, 0, std::numeric_limits<int64_t>::max(),
                    "must be a non-negative integer (0 = no limit)");
  if (!r.ok()) return r.status();
  return static_cast<uint64_t>(*r);
}

Result<double> ParseDuration(std::string_view name, std::string_view value) {
  double v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (value.empty() || ec != std::errc() || ptr != end || !std::isfinite(v) || v < 0 || v > 1e9) {
    return Bad(name, "must be a non-negative number of seconds (0 = no limit)", value);
  }
  return v;
}

Result<uint64_t> ParseSeed(std::string_view name, std::string_view value) {
  uint64_t v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  if (value.empty() || ec != std::errc() || ptr != end) {
    return Bad(name, "must be an unsigned 64-bit integer", value);
  }
  return v;
}

Result<SinkKind> ParseSink(std::string_view name, std::string_view value) {
  if (value == "kafka") return SinkKind::kKafka;
  if (value == "stdout") return SinkKind::kStdout;
  if (value == "null") return SinkKind::kNull;
  return Bad(name, "must be kafka, stdout or null", value);
}

Result<std::pair<std::string, std::string>> ParseKafkaProperty(std::string_view value) {
  const size_t eq = value.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return Bad("-X", "must be key=value", value);
  }
  return std::make_pair(std::string(value.substr(0, eq)), std::string(value.substr(eq + 1)));
}

std::string_view SinkName(SinkKind sink) {
  switch (sink) {
    case SinkKind::kKafka:
      return "kafka";
    case SinkKind::kStdout:
      return "stdout";
    case SinkKind::kNull:
      return "null";
  }
  return "?";
}

Status ApplyEnvironment(const EnvLookup& env, GeneratorOptions* opts) {
  if (auto v = env("TARGET_RPS")) {
    auto r = ParseTargetRps("TARGET_RPS", *v);
    if (!r.ok()) return r.status();
    opts->target_rps = *r;
  }
  if (auto v = env("NUM_THREADS")) {
    auto r = ParseThreads("NUM_THREADS", *v);
    if (!r.ok()) return r.status();
    opts->threads = *r;
  }
  if (auto v = env("ACKS")) {
    auto r = ParseAcks("ACKS", *v);
    if (!r.ok()) return r.status();
    opts->acks = *r;
  }
  if (auto v = env("COMPRESSION")) {
    auto r = ParseCompression("COMPRESSION", *v);
    if (!r.ok()) return r.status();
    opts->compression = *r;
  }
  if (auto v = env("LINGER_MS")) {
    auto r = ParseLingerMs("LINGER_MS", *v);
    if (!r.ok()) return r.status();
    opts->linger_ms = *r;
  }
  if (auto v = env("BATCH_SIZE")) {
    auto r = ParseBatchSize("BATCH_SIZE", *v);
    if (!r.ok()) return r.status();
    opts->batch_size = *r;
  }
  return Status::Ok();
}

int QueueMaxMessages(const GeneratorOptions& o) {
  if (o.queue_max_messages > 0) return o.queue_max_messages;
  const int64_t by_linger = int64_t{4000} * o.linger_ms;
  return static_cast<int>(std::clamp<int64_t>(by_linger, 20'000, 100'000));
}

Status Validate(const GeneratorOptions& o) {
  auto check = [](auto result) { return result.ok() ? Status::Ok() : result.status(); };
  FB_RETURN_IF_ERROR(check(ParseThreads("threads", std::to_string(o.threads))));
  FB_RETURN_IF_ERROR(check(ParseAcks("acks", o.acks)));
  FB_RETURN_IF_ERROR(check(ParseCompression("compression", o.compression)));
  FB_RETURN_IF_ERROR(check(ParseLingerMs("linger_ms", std::to_string(o.linger_ms))));
  FB_RETURN_IF_ERROR(check(ParseBatchSize("batch_size", std::to_string(o.batch_size))));
  if (o.target_rps > 100'000'000) {
    return Bad("target_rps", "must be at most 100000000 events/s", std::to_string(o.target_rps));
  }
  if (!(o.duration_s >= 0) || !std::isfinite(o.duration_s)) {
    return Bad("duration", "must be a non-negative number of seconds",
               std::to_string(o.duration_s));
  }
  if (o.sink == SinkKind::kKafka && o.topic.empty()) {
    return Status::InvalidArgument("--topic: must not be empty");
  }
  if (o.connect_timeout_ms <= 0 || o.flush_timeout_ms < 0) {
    return Status::InvalidArgument("timeouts must be positive");
  }
  return Status::Ok();
}

}  // namespace freshbench::gen
