// GeneratorOptions: every knob of `freshbench generate` with its default and
// unit, plus the parsers that fill it. The layers apply in order
// default → environment (the seed's names) → flags; the CLI and the
// benchmark runner only fill this struct.
//
// Every parse error is an InvalidArgument Status whose one-line message
// starts with the knob's name as the user wrote it (TARGET_RPS or
// --target-rps), so the CLI can print it as is and exit 2.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "gen/instance.h"

namespace freshbench::gen {

enum class SinkKind { kKafka, kStdout, kNull };

struct GeneratorOptions {
  // --- the seed's knobs (env name / flag) ---
  uint64_t target_rps =
      10000;               // TARGET_RPS / --target-rps: events/s over all threads; 0 = unlimited
  int threads = 4;         // NUM_THREADS / --threads: producer threads, 1..256
  std::string acks = "1";  // ACKS / --acks: "0", "1" or "all" ("all" turns idempotence on)
  std::string compression = "lz4";  // COMPRESSION / --compression: none|gzip|snappy|lz4|zstd
  int linger_ms = 5;                // LINGER_MS / --linger-ms: milliseconds, 0..900000
  int batch_size = 131072;          // BATCH_SIZE / --batch-size: bytes, 1..2147483647

  // --- where and how much ---
  SinkKind sink = SinkKind::kKafka;  // --sink kafka|stdout|null
  std::string bootstrap;  // --bootstrap; empty = Endpoints (FRESHBENCH_KAFKA / port offset)
  std::string topic = "transactions";  // --topic
  uint64_t count = 0;                  // --count: events in total; 0 = no limit
  double duration_s = 0;               // --duration: seconds; 0 = no limit
  std::optional<uint64_t> seed;        // --seed; unset = a random seed (reported in the header)
  // --instance I/N (gen/instance.h): ids tagged with I, fields from
  // InstanceSeed(seed, I); target_rps, count and duration stay per instance.
  std::optional<Instance> instance;
  // -X key=value, passed to librdkafka after the knobs above (so they win).
  std::vector<std::pair<std::string, std::string>> kafka_config;

  // --- bounds ---
  int connect_timeout_ms = 8000;  // metadata check before producing (broker unreachable → error)
  int flush_timeout_ms = 10000;   // at stop: how long in-flight events may take to be delivered
  // librdkafka's local queue: bounds memory; a full queue is back-pressure.
  int queue_max_kbytes = 65536;
  // 0 = sized from linger_ms (QueueMaxMessages): room for what lingers at
  // about 1 M events/s, not much more, since every queued event is memory
  // the client's threads touch again; a deep queue that stays full costs
  // cache misses on every message.
  int queue_max_messages = 0;
  // An event sent this much after its intended time counts as "late".
  int late_threshold_ms = 10;
};

// Looks an environment variable up; returns nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
// The real process environment.
EnvLookup ProcessEnvironment();

// Overlays TARGET_RPS, NUM_THREADS, ACKS, COMPRESSION, LINGER_MS and
// BATCH_SIZE from `env` onto *opts. Fails on the first invalid value.
Status ApplyEnvironment(const EnvLookup& env, GeneratorOptions* opts);

// Parsers for one knob each; `name` is what the user wrote (for the message).
Result<uint64_t> ParseTargetRps(std::string_view name, std::string_view value);
Result<int> ParseThreads(std::string_view name, std::string_view value);
Result<std::string> ParseAcks(std::string_view name, std::string_view value);
Result<std::string> ParseCompression(std::string_view name, std::string_view value);
Result<int> ParseLingerMs(std::string_view name, std::string_view value);
Result<int> ParseBatchSize(std::string_view name, std::string_view value);
Result<uint64_t> ParseCount(std::string_view name, std::string_view value);
Result<double> ParseDuration(std::string_view name, std::string_view value);
Result<uint64_t> ParseSeed(std::string_view name, std::string_view value);
Result<SinkKind> ParseSink(std::string_view name, std::string_view value);
// "key=value" → pair; the key must be non-empty.
Result<std::pair<std::string, std::string>> ParseKafkaProperty(std::string_view value);

std::string_view SinkName(SinkKind sink);

// A flag's value, when given, parsed by one of the parsers above into
// *field (the message names `flag`); not given: *field stays.
template <typename Parse, typename Field>
Status ApplyFlag(const std::optional<std::string>& text, std::string_view flag, Parse parse,
                 Field* field) {
  if (!text) return Status::Ok();
  auto r = parse(flag, *text);
  if (!r.ok()) return r.status();
  *field = *r;
  return Status::Ok();
}

// The librdkafka queue bound in messages for `opts`: queue_max_messages if
// set, else 4000 per linger millisecond, within 20000 .. 100000.
int QueueMaxMessages(const GeneratorOptions& opts);

// Checks the whole struct (ranges and combinations) once filled.
Status Validate(const GeneratorOptions& opts);

}  // namespace freshbench::gen
