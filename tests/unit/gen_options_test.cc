// Knobs: defaults, environment, flags, and the one-line errors naming them.
#include <gtest/gtest.h>

#include <map>

#include "gen/generator_options.h"
#include "gen/kafka_sink.h"

namespace freshbench::gen {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

TEST(GenOptionsTest, DefaultsAreTheSeeds) {
  GeneratorOptions o;
  EXPECT_EQ(o.target_rps, 10000u);
  EXPECT_EQ(o.threads, 4);
  EXPECT_EQ(o.acks, "1");
  EXPECT_EQ(o.compression, "lz4");
  EXPECT_EQ(o.linger_ms, 5);
  EXPECT_EQ(o.batch_size, 131072);
  EXPECT_EQ(o.topic, "transactions");
  EXPECT_TRUE(Validate(o).ok());
}

TEST(GenOptionsTest, EnvironmentOverridesDefaults) {
  GeneratorOptions o;
  ASSERT_TRUE(ApplyEnvironment(FakeEnv({{"TARGET_RPS", "0"},
                                        {"NUM_THREADS", "2"},
                                        {"ACKS", "all"},
                                        {"COMPRESSION", "zstd"},
                                        {"LINGER_MS", "20"},
                                        {"BATCH_SIZE", "65536"}}),
                               &o)
                  .ok());
  EXPECT_EQ(o.target_rps, 0u);
  EXPECT_EQ(o.threads, 2);
  EXPECT_EQ(o.acks, "all");
  EXPECT_EQ(o.compression, "zstd");
  EXPECT_EQ(o.linger_ms, 20);
  EXPECT_EQ(o.batch_size, 65536);
}

TEST(GenOptionsTest, EmptyEnvironmentLeavesDefaults) {
  GeneratorOptions o;
  ASSERT_TRUE(ApplyEnvironment(FakeEnv({{"TARGET_RPS", ""}}), &o).ok());
  EXPECT_EQ(o.target_rps, 10000u);
}

struct BadKnob {
  std::string var, value;
};

TEST(GenOptionsTest, InvalidEnvironmentNamesTheVariable) {
  for (const BadKnob& b : std::vector<BadKnob>{{"TARGET_RPS", "-5"},
                                               {"TARGET_RPS", "fast"},
                                               {"TARGET_RPS", "10k"},
                                               {"NUM_THREADS", "0"},
                                               {"NUM_THREADS", "1000"},
                                               {"ACKS", "2"},
                                               {"COMPRESSION", "brotli"},
                                               {"LINGER_MS", "-1"},
                                               {"BATCH_SIZE", "0"},
                                               {"BATCH_SIZE", "99999999999"}}) {
    GeneratorOptions o;
    Status s = ApplyEnvironment(FakeEnv({{b.var, b.value}}), &o);
    ASSERT_FALSE(s.ok()) << b.var << "=" << b.value;
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(s.message().rfind(b.var + ": ", 0), 0u) << s.message();
    EXPECT_NE(s.message().find("'" + b.value + "'"), std::string::npos) << s.message();
    EXPECT_EQ(s.message().find('\n'), std::string::npos);
    EXPECT_EQ(s.ExitCode(), 2);
  }
}

TEST(GenOptionsTest, FlagParsersNameTheFlag) {
  EXPECT_EQ(ParseTargetRps("--target-rps", "-1").status().message().rfind("--target-rps: ", 0), 0u);
  EXPECT_EQ(ParseThreads("--threads", "0").status().message().rfind("--threads: ", 0), 0u);
  EXPECT_EQ(ParseAcks("--acks", "2").status().message(), "--acks: must be 0, 1 or all, got '2'");
  EXPECT_FALSE(ParseCount("--count", "-3").ok());
  EXPECT_FALSE(ParseDuration("--duration", "-1").ok());
  EXPECT_FALSE(ParseDuration("--duration", "nan").ok());
  EXPECT_FALSE(ParseSeed("--seed", "x").ok());
  EXPECT_FALSE(ParseSink("--sink", "file").ok());
  EXPECT_DOUBLE_EQ(*ParseDuration("--duration", "2.5"), 2.5);
  EXPECT_EQ(*ParseAcks("--acks", "-1"), "all");
  EXPECT_EQ(*ParseSink("--sink", "null"), SinkKind::kNull);
  EXPECT_EQ(*ParseSeed("--seed", "18446744073709551615"), UINT64_MAX);
}

TEST(GenOptionsTest, KafkaPropertiesAreKeyValue) {
  auto kv = ParseKafkaProperty("security.protocol=SASL_SSL");
  ASSERT_TRUE(kv.ok());
  EXPECT_EQ(kv->first, "security.protocol");
  EXPECT_EQ(kv->second, "SASL_SSL");
  EXPECT_EQ(ParseKafkaProperty("a=b=c")->second, "b=c");
  EXPECT_FALSE(ParseKafkaProperty("novalue").ok());
  EXPECT_FALSE(ParseKafkaProperty("=x").ok());
}

TEST(GenOptionsTest, ProducerConfigCarriesKnobsAndIdempotenceWithAcksAll) {
  GeneratorOptions o;
  o.bootstrap = "127.0.0.1:1";
  o.acks = "all";
  o.compression = "zstd";
  o.linger_ms = 7;
  o.batch_size = 4096;
  auto conf = BuildProducerConfig(o);
  ASSERT_TRUE(conf.ok()) << conf.status().message();
  EXPECT_EQ(conf->Get("enable.idempotence"), "true");
  EXPECT_EQ(conf->Get("acks"), "-1");
  EXPECT_EQ(conf->Get("compression.type"), "zstd");
  EXPECT_EQ(conf->Get("linger.ms"), "7");
  EXPECT_EQ(conf->Get("batch.size"), "4096");
  EXPECT_EQ(conf->Get("queue.buffering.max.kbytes"), "65536");
  EXPECT_EQ(conf->Get("allow.auto.create.topics"), "false");
  o.acks = "1";
  EXPECT_EQ(BuildProducerConfig(o)->Get("enable.idempotence"), "false");
}

TEST(GenOptionsTest, DashXOverridesAndReportsLibrdkafkasOwnError) {
  GeneratorOptions o;
  o.bootstrap = "127.0.0.1:1";
  o.kafka_config = {{"linger.ms", "50"}};
  EXPECT_EQ(BuildProducerConfig(o)->Get("linger.ms"), "50");
  o.kafka_config = {{"no.such.property", "1"}};
  auto bad = BuildProducerConfig(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "-X no.such.property=1: No such configuration property: \"no.such.property\"");
  o.kafka_config = {{"linger.ms", "soon"}};
  EXPECT_NE(BuildProducerConfig(o).status().message().find("-X linger.ms=soon: "),
            std::string::npos);
}

}  // namespace
}  // namespace freshbench::gen
