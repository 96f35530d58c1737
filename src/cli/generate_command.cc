// `freshbench generate`: the benchmark's event stream (see gen/generator.h).
//
// Knobs: defaults, then the seed's environment variables, then flags. Prints
// a header, a stats line every second and a summary on stderr (stdout may be
// the event sink). With --instance I/N (gen/instance.h) this process is one
// of N: its rate and totals are its own, and its summary says so. Exit 0 when every event was
// delivered, 1 when any delivery failed or Kafka could not be reached, 2 for a bad knob.
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/command.h"
#include "common/exit_codes.h"
#include "config/endpoints.h"
#include "gen/generator.h"

namespace freshbench {
namespace {

volatile sig_atomic_t g_stop_signal = 0;

void OnStopSignal(int sig) {
  g_stop_signal = sig;
  // A second signal ends the process the default way.
  signal(sig, SIG_DFL);
}

struct GenerateFlags {
  std::optional<std::string> target_rps, threads, acks, compression, linger_ms, batch_size;
  std::optional<std::string> count, duration, seed, sink;
  std::optional<std::string> instance, instances;
  std::string bootstrap;
  std::string topic;
  std::vector<std::string> kafka_props;
  std::string stats = "text";
  int flush_timeout_s = 10;
};

// Thousands separators, as in the seed's stats line.
std::string Grouped(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string UtcTime(bool with_date) {
  const auto now = std::chrono::system_clock::now();
  const time_t t = std::chrono::system_clock::to_time_t(now);
  const int ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  tm utc;
  gmtime_r(&t, &utc);
  char buf[96];
  if (with_date) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
  } else {
    std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", utc.tm_hour, utc.tm_min, utc.tm_sec);
  }
  return buf;
}

long PeakRssKiB() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// CPU seconds (user + system) used by the whole process so far: with
// sent / cpu_s, the generator's cost stays comparable on a busy machine.
double CpuSeconds() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Fills the options: default → environment → flags. Errors name the knob.
Result<gen::GeneratorOptions> BuildOptions(const GenerateFlags& f) {
  gen::GeneratorOptions o;
  FB_RETURN_IF_ERROR(gen::ApplyEnvironment(gen::ProcessEnvironment(), &o));
  auto apply = [](const auto& flag, const char* name, auto parse, auto* field) {
    return gen::ApplyFlag(flag, name, parse, field);
  };
  FB_RETURN_IF_ERROR(apply(f.target_rps, "--target-rps", gen::ParseTargetRps, &o.target_rps));
  FB_RETURN_IF_ERROR(apply(f.threads, "--threads", gen::ParseThreads, &o.threads));
  FB_RETURN_IF_ERROR(apply(f.acks, "--acks", gen::ParseAcks, &o.acks));
  FB_RETURN_IF_ERROR(apply(f.compression, "--compression", gen::ParseCompression, &o.compression));
  FB_RETURN_IF_ERROR(apply(f.linger_ms, "--linger-ms", gen::ParseLingerMs, &o.linger_ms));
  FB_RETURN_IF_ERROR(apply(f.batch_size, "--batch-size", gen::ParseBatchSize, &o.batch_size));
  FB_RETURN_IF_ERROR(apply(f.count, "--count", gen::ParseCount, &o.count));
  FB_RETURN_IF_ERROR(apply(f.duration, "--duration", gen::ParseDuration, &o.duration_s));
  FB_RETURN_IF_ERROR(apply(f.sink, "--sink", gen::ParseSink, &o.sink));
  if (f.seed) {
    auto r = gen::ParseSeed("--seed", *f.seed);
    if (!r.ok()) return r.status();
    o.seed = *r;
  }
  auto instance = gen::ResolveInstance(f.instance, f.instances, gen::ProcessEnvironment());
  if (!instance.ok()) return instance.status();
  o.instance = *instance;
  const Endpoints endpoints = Endpoints::FromEnvironment();
  o.bootstrap = f.bootstrap.empty() ? endpoints.kafka_bootstrap : f.bootstrap;
  o.topic = f.topic.empty() ? endpoints.topic : f.topic;
  for (const std::string& p : f.kafka_props) {
    auto kv = gen::ParseKafkaProperty(p);
    if (!kv.ok()) return kv.status();
    o.kafka_config.push_back(*kv);
  }
  if (f.flush_timeout_s < 0) {
    return Status::InvalidArgument("--flush-timeout: must be a non-negative number of seconds");
  }
  o.flush_timeout_ms = f.flush_timeout_s * 1000;
  return o;
}

void PrintHeader(const gen::Generator& g) {
  const gen::GeneratorOptions& o = g.options();
  std::string rate =
      o.target_rps == 0 ? std::string("unlimited") : Grouped(o.target_rps) + " events/s";
  std::fprintf(stderr, "sink        : %s\n", g.DescribeSink().c_str());
  std::fprintf(stderr, "threads     : %d\n", o.threads);
  if (o.instance) {
    std::fprintf(stderr,
                 "instance    : %s (0-based; ids tagged %d, rate and totals are this "
                 "instance's)\n",
                 o.instance->ToString().c_str(), gen::InstanceIdTag(*o.instance));
    if (o.target_rps != 0) rate += " (this instance)";
  }
  std::fprintf(stderr, "target rps  : %s\n", rate.c_str());
  if (o.sink == gen::SinkKind::kKafka) {
    std::fprintf(stderr, "producer    : acks=%s compression=%s linger.ms=%d batch.size=%d\n",
                 o.acks.c_str(), o.compression.c_str(), o.linger_ms, o.batch_size);
  }
  std::fprintf(stderr, "seed        : %llu%s\n", static_cast<unsigned long long>(g.seed()),
               o.instance && o.seed ? " (mixed with the instance index)" : "");
  std::fprintf(stderr, "------------------------------------------------------------\n");
}

void PrintStats(bool json, const gen::GeneratorStats& now, const gen::GeneratorStats& prev) {
  const double window = std::max(now.elapsed_s - prev.elapsed_s, 1e-9);
  const uint64_t sent = now.sent - prev.sent;
  const uint64_t errors = now.errors() - prev.errors();
  const uint64_t rps = static_cast<uint64_t>(std::llround(static_cast<double>(sent) / window));
  if (json) {
    nlohmann::ordered_json j = {{"ts", UtcTime(true)},
                                {"rps", rps},
                                {"errors", errors},
                                {"total", now.sent},
                                {"delivered", now.delivered},
                                {"failed", now.failed},
                                {"in_flight", now.in_flight()},
                                {"queue_full", now.queue_full - prev.queue_full},
                                {"late", now.late},
                                {"lag_ms", std::round(now.lag_ms * 10) / 10},
                                {"client_errors", now.client_errors},
                                {"window_events", sent},
                                {"window_s", window}};
    std::fprintf(stderr, "%s\n", j.dump().c_str());
  } else {
    std::fprintf(stderr,
                 "[%s] rps: %s errors/s: %s total: %s delivered: %s queue-full/s: %s late: %s "
                 "lag: %.1f ms%s\n",
                 UtcTime(false).c_str(), Grouped(rps).c_str(), Grouped(errors).c_str(),
                 Grouped(now.sent).c_str(), Grouped(now.delivered).c_str(),
                 Grouped(now.queue_full - prev.queue_full).c_str(), Grouped(now.late).c_str(),
                 now.lag_ms,
                 now.client_errors > prev.client_errors
                     ? fmt::format(" client-errors: {}", now.client_errors).c_str()
                     : "");
  }
  std::fflush(stderr);
}

void PrintSummary(bool json, const gen::GeneratorSummary& s, bool interrupted,
                  const std::optional<gen::Instance>& instance) {
  const long rss_kib = PeakRssKiB();
  if (json) {
    nlohmann::ordered_json j = {{"summary",
                                 {{"sent", s.sent},
                                  {"delivered", s.delivered},
                                  {"failed", s.failed + s.send_errors},
                                  {"dropped", s.dropped},
                                  {"mean_rps", std::round(s.mean_rps * 10) / 10},
                                  {"elapsed_s", s.elapsed_s},
                                  {"drained_s", s.drained_s},
                                  {"late", s.late},
                                  {"queue_full", s.queue_full},
                                  {"client_errors", s.client_errors},
                                  {"peak_rss_mib", rss_kib / 1024.0},
                                  {"cpu_s", CpuSeconds()},
                                  {"interrupted", interrupted}}}};
    if (instance) {
      j["summary"]["instance"] = instance->ToString();
      j["summary"]["rate_scope"] = "instance";
    }
    std::fprintf(stderr, "%s\n", j.dump().c_str());
  } else {
    // With instances each process reports its own share: say so.
    const std::string who = instance ? " (instance " + instance->ToString() + ")" : "";
    const std::string per = instance ? " for this instance" : "";
    std::fprintf(
        stderr,
        "summary%s: sent %s, delivered %s, failed %s, mean %s events/s%s over %.1f s "
        "(late %s, queue-full retries %s, peak RSS %ld MiB)%s%s\n",
        who.c_str(), Grouped(s.sent).c_str(), Grouped(s.delivered).c_str(),
        Grouped(s.failed + s.send_errors).c_str(),
        Grouped(static_cast<uint64_t>(std::llround(s.mean_rps))).c_str(), per.c_str(), s.elapsed_s,
        Grouped(s.late).c_str(), Grouped(s.queue_full).c_str(), rss_kib / 1024,
        interrupted ? " [interrupted]" : "",
        s.dropped > 0 ? fmt::format(" [stdout closed: {} not written]", s.dropped).c_str() : "");
  }
}

int RunGenerate(const GenerateFlags& flags) {
  auto options = BuildOptions(flags);
  if (!options.ok()) {
    std::fprintf(stderr, "freshbench: generate: %s\n", options.status().message().c_str());
    return kExitUsage;
  }
  const bool json = flags.stats == "json";
  auto created = gen::Generator::Create(*options);
  if (!created.ok()) {
    std::fprintf(stderr, "freshbench: generate: %s\n", created.status().message().c_str());
    return created.status().ExitCode();
  }
  gen::Generator& g = **created;

  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a closed stdout shows up as EPIPE instead

  if (!json) PrintHeader(g);
  if (Status s = g.Start(); !s.ok()) {
    std::fprintf(stderr, "freshbench: generate: %s\n", s.message().c_str());
    return kExitFailed;
  }
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  gen::GeneratorStats prev;
  for (int tick = 1;; ++tick) {
    const auto next = start + std::chrono::seconds(tick);
    while (Clock::now() < next && !g.Finished() && g_stop_signal == 0) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(20)));
    }
    if (g.Finished() || g_stop_signal != 0) break;
    gen::GeneratorStats now = g.Snapshot();
    PrintStats(json, now, prev);
    prev = now;
  }
  const bool interrupted = g_stop_signal != 0;
  const gen::GeneratorSummary summary = g.Stop();
  PrintSummary(json, summary, interrupted, options->instance);
  if (!summary.ok()) {
    std::fprintf(stderr, "freshbench: generate: %s events not delivered (last error: %s)\n",
                 Grouped(summary.failed + summary.send_errors).c_str(),
                 summary.last_error.empty() ? "none" : summary.last_error.c_str());
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, CommandRegistry& reg) {
  auto flags = std::make_shared<GenerateFlags>();
  auto* sub = app.add_subcommand(
      "generate",
      "Produce the benchmark event stream (knobs: env TARGET_RPS NUM_THREADS ACKS COMPRESSION "
      "LINGER_MS BATCH_SIZE, overridden by flags)");
  sub->add_option("--target-rps", flags->target_rps,
                  "Events/s over all threads, 0 = unlimited (TARGET_RPS, 10000)");
  sub->add_option("--threads", flags->threads, "Producer threads (NUM_THREADS, 4)");
  sub->add_option("--acks", flags->acks, "0, 1 or all; all turns idempotence on (ACKS, 1)");
  sub->add_option("--compression", flags->compression,
                  "none|gzip|snappy|lz4|zstd (COMPRESSION, lz4)");
  sub->add_option("--linger-ms", flags->linger_ms, "Batching delay in ms (LINGER_MS, 5)");
  sub->add_option("--batch-size", flags->batch_size, "Max batch bytes (BATCH_SIZE, 131072)");
  sub->add_option("--bootstrap", flags->bootstrap,
                  "Kafka bootstrap servers (default: local stack, FRESHBENCH_KAFKA)");
  sub->add_option("--topic", flags->topic, "Kafka topic (default transactions, FRESHBENCH_TOPIC)");
  sub->add_option("--count", flags->count, "Stop after N events (0 = no limit)");
  sub->add_option("--duration", flags->duration, "Stop after SECONDS (0 = no limit)");
  sub->add_option("--seed", flags->seed, "Seed: same seed, same events apart from ids and times");
  sub->add_option("--instance", flags->instance,
                  "I/N: instance I (0-based) of N generators; distinct ids, per-instance seed, "
                  "rate and totals (FRESHBENCH_INSTANCE)");
  sub->add_option("--instances", flags->instances,
                  "N, with I from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)");
  sub->add_option("-X", flags->kafka_props, "key=value passed to librdkafka (repeatable)");
  sub->add_option("--sink", flags->sink, "kafka (default), stdout (JSON lines) or null (discard)");
  sub->add_option("--stats", flags->stats, "Per-second stats on stderr: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--flush-timeout", flags->flush_timeout_s,
                  "Seconds to wait for in-flight events at the end (default 10)");
  sub->callback([&reg, flags] { reg.run = [flags] { return RunGenerate(*flags); }; });
}

}  // namespace freshbench
