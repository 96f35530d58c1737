// `freshbench generate` against the real local Kafka broker (started with
// `freshbench stack up --with kafka` if it is not running): produce, read
// back, check count, schema and partitioning; restart the broker mid-run
// with acks=all and find every delivered event exactly once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "config/endpoints.h"
#include "gen/generator.h"
#include "integration_env.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"

namespace freshbench::testing {
namespace {

using std::chrono::milliseconds;

class GenerateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Stack state and jars live in the source tree's .freshbench unless told otherwise.
    setenv("FRESHBENCH_HOME", (std::string(FRESHBENCH_SOURCE_DIR) + "/.freshbench").c_str(), 0);
    const std::string fetch =
        std::string(FRESHBENCH_SOURCE_DIR) + "/scripts/fetch-kafka.sh >/dev/null";
    ASSERT_EQ(std::system(fetch.c_str()), 0) << "fetching the Kafka jars failed";
    auto up = RunFreshbench({"stack", "up", "--with", "kafka"}, 300);
    ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  }

  std::string Bootstrap() const { return Endpoints::FromEnvironment().kafka_bootstrap; }

  // A fresh 12-partition topic for one test.
  std::string FreshTopic(const std::string& prefix) {
    const std::string name =
        prefix + "_" + std::to_string(getpid()) + "_" +
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    auto admin = kafka::KafkaAdmin::Create(Bootstrap());
    EXPECT_TRUE(admin.ok()) << admin.status().message();
    kafka::TopicSpec spec;
    spec.name = name;
    auto created = admin->CreateTopic(spec, milliseconds(30000));
    EXPECT_TRUE(created.ok()) << created.status().message();
    return name;
  }

  std::vector<kafka::ConsumedMessage> ReadTopic(const std::string& topic) {
    kafka::ClientConfig conf;
    EXPECT_TRUE(conf.Set("bootstrap.servers", Bootstrap()).ok());
    auto consumer = kafka::Consumer::Create(std::move(conf));
    EXPECT_TRUE(consumer.ok()) << consumer.status().message();
    auto all = consumer->ReadAll(topic, 120000);
    EXPECT_TRUE(all.ok()) << all.status().message();
    return all.ok() ? std::move(*all) : std::vector<kafka::ConsumedMessage>{};
  }
};

TEST_F(GenerateTest, ProducesNEventsThatReadBackWithSchemaAndPerUserPartitions) {
  const std::string topic = FreshTopic("fb_it_gen");
  auto r = RunFreshbench({"generate", "--topic", topic, "--count", "20000", "--target-rps", "20000",
                          "--seed", "5", "--stats", "json"},
                         120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Stats lines and summary are JSON with the documented fields.
  bool saw_summary = false;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("summary")) {
      saw_summary = true;
      EXPECT_EQ(j["summary"]["sent"], 20000);
      EXPECT_EQ(j["summary"]["delivered"], 20000);
      EXPECT_EQ(j["summary"]["failed"], 0);
    } else {
      for (const char* k : {"ts", "rps", "errors", "total"}) EXPECT_TRUE(j.contains(k)) << line;
    }
  }
  EXPECT_TRUE(saw_summary) << r.err;

  auto msgs = ReadTopic(topic);
  ASSERT_EQ(msgs.size(), 20000u);
  std::set<std::string> ids;
  std::map<std::string, std::set<int32_t>> partitions_of_user;
  std::set<int32_t> partitions_used;
  for (const auto& m : msgs) {
    auto j = nlohmann::json::parse(m.value);
    ASSERT_EQ(j.size(), 6u) << m.value;
    ids.insert(j["event_id"].get<std::string>());
    const int64_t user = j["user_id"];
    EXPECT_EQ(m.key, std::to_string(user));
    EXPECT_GE(user, 1);
    EXPECT_LE(user, 10'000'000);
    const double amount = j["amount"];
    EXPECT_GE(amount, 0.01);
    EXPECT_LE(amount, 9999.99);
    EXPECT_TRUE(j["region"].is_string());
    EXPECT_TRUE(j["event_type"].is_string());
    const std::string t = j["event_time"];
    EXPECT_EQ(t.size(), 24u);
    EXPECT_EQ(t.back(), 'Z');
    partitions_of_user[m.key].insert(m.partition);
    partitions_used.insert(m.partition);
  }
  EXPECT_EQ(ids.size(), 20000u);  // no duplicates
  EXPECT_EQ(partitions_used.size(), 12u);
  for (const auto& [user, parts] : partitions_of_user) {
    EXPECT_EQ(parts.size(), 1u) << "user " << user << " spread over partitions";
  }
  // Same seed: a user who appears twice (10M users, 20k events: some do)
  // still maps to one partition; checked above across all of them.
}

TEST_F(GenerateTest, MissingTopicIsAClearError) {
  // Kafka auto-creates topics by default; the generator must not.
  const std::string topic =
      "fb_it_no_such_topic_" + std::to_string(getpid()) + "_" +
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  auto r = RunFreshbench({"generate", "--topic", topic, "--count", "5"}, 60);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  kafka::ClientConfig conf;
  ASSERT_TRUE(conf.Set("bootstrap.servers", Bootstrap()).ok());
  auto consumer = kafka::Consumer::Create(std::move(conf));
  ASSERT_TRUE(consumer.ok());
  EXPECT_EQ(consumer->PartitionCount(topic, 10000).status().code(), Status::Code::kNotFound);
}

TEST_F(GenerateTest, UnreachableBrokerIsAClearErrorWithinTenSeconds) {
  const auto t0 = std::chrono::steady_clock::now();
  auto r = RunFreshbench({"generate", "--bootstrap", "127.0.0.1:1", "--count", "5"}, 30);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_LT(took, 10.0);
  EXPECT_NE(r.err.find("freshbench: generate: Kafka at 127.0.0.1:1"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(GenerateTest, BrokerRestartWithAcksAllLosesAndDuplicatesNothing) {
  const std::string topic = FreshTopic("fb_it_gen_restart");
  gen::GeneratorOptions o;
  o.bootstrap = Bootstrap();
  o.topic = topic;
  o.acks = "all";
  o.target_rps = 2000;
  o.threads = 2;
  o.flush_timeout_ms = 120000;
  o.kafka_config = {{"reconnect.backoff.max.ms", "1000"}};
  auto g = gen::Generator::Create(o);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  auto down = RunFreshbench({"stack", "down", "--with", "kafka"}, 120);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const gen::GeneratorStats during = (*g)->Snapshot();
  auto up = RunFreshbench({"stack", "up", "--with", "kafka"}, 300);
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  // Keep producing a little after the broker is back, then stop.
  const uint64_t delivered_at_up = (*g)->Snapshot().delivered;
  for (int i = 0; i < 600 && (*g)->Snapshot().delivered < delivered_at_up + 4000; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
  }
  gen::GeneratorSummary s = (*g)->Stop();
  EXPECT_GT(during.sent, during.delivered);  // the outage was felt
  EXPECT_GT(s.delivered, delivered_at_up);   // and delivery resumed
  EXPECT_EQ(s.failed, 0u) << s.last_error;
  EXPECT_EQ(s.delivered, s.sent);

  auto msgs = ReadTopic(topic);
  std::set<std::string> ids;
  for (const auto& m : msgs)
    ids.insert(nlohmann::json::parse(m.value)["event_id"].get<std::string>());
  EXPECT_EQ(ids.size(), msgs.size()) << "duplicates in the topic";
  EXPECT_EQ(msgs.size(), s.delivered) << "every delivered event exactly once";
}

}  // namespace
}  // namespace freshbench::testing
