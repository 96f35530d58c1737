// Generator instances (gen/instance.h): parsing I/N from the flag, the
// environment and JOB_COMPLETION_INDEX; ids of different instances never
// collide and stay valid v4 UUIDs; a seed gives each instance its own
// reproducible stream.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "gen/event_source.h"
#include "gen/generator.h"
#include "gen/instance.h"

namespace freshbench::gen {
namespace {

InstanceEnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(GenInstanceTest, ParsesZeroBasedIndexOfCount) {
  auto i = ParseInstance("--instance", "2/3");
  ASSERT_TRUE(i.ok()) << i.status().message();
  EXPECT_EQ(i->index, 2);
  EXPECT_EQ(i->count, 3);
  EXPECT_EQ(i->ToString(), "2/3");
  EXPECT_TRUE(ParseInstance("--instance", "0/1").ok());
}

TEST(GenInstanceTest, BadValuesNameTheKnobAndTheValue) {
  for (const char* bad :
       {"3/2", "3/3", "0/0", "x", "1/x", "-1/3", "1/", "/3", "1/3/4", "", "1 /3", "0/16385"}) {
    auto r = ParseInstance("--instance", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().ExitCode(), 2) << bad;
    EXPECT_NE(r.status().message().find("--instance '" + std::string(bad) + "'"), std::string::npos)
        << r.status().message();
    EXPECT_EQ(r.status().message().find('\n'), std::string::npos);
  }
  auto n = ParseInstanceCount("--instances", "0");
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("--instances '0'"), std::string::npos);
}

TEST(GenInstanceTest, FlagBeatsEnvironmentBeatsJobCompletionIndex) {
  auto none = ResolveInstance(std::nullopt, std::nullopt, Env({}));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto flag = ResolveInstance("1/4", std::nullopt, Env({{"FRESHBENCH_INSTANCE", "0/4"}}));
  ASSERT_TRUE(flag.ok());
  EXPECT_EQ(**flag, (Instance{1, 4}));

  auto env = ResolveInstance(std::nullopt, std::nullopt,
                             Env({{"FRESHBENCH_INSTANCE", "3/4"}, {"JOB_COMPLETION_INDEX", "1"}}));
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(**env, (Instance{3, 4}));

  auto job = ResolveInstance(std::nullopt, "5", Env({{"JOB_COMPLETION_INDEX", "4"}}));
  ASSERT_TRUE(job.ok()) << job.status().message();
  EXPECT_EQ(**job, (Instance{4, 5}));
}

TEST(GenInstanceTest, JobCompletionIndexNeedsInstancesAndMustFit) {
  // JOB_COMPLETION_INDEX alone (no --instances) does not make an instance.
  auto alone = ResolveInstance(std::nullopt, std::nullopt, Env({{"JOB_COMPLETION_INDEX", "1"}}));
  ASSERT_TRUE(alone.ok());
  EXPECT_FALSE(alone->has_value());

  auto unset = ResolveInstance(std::nullopt, "3", Env({}));
  ASSERT_FALSE(unset.ok());
  EXPECT_NE(unset.status().message().find("JOB_COMPLETION_INDEX"), std::string::npos);

  for (const char* bad : {"3", "x", "-1"}) {
    auto r = ResolveInstance(std::nullopt, "3", Env({{"JOB_COMPLETION_INDEX", bad}}));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().ExitCode(), 2);
    EXPECT_NE(r.status().message().find("JOB_COMPLETION_INDEX '" + std::string(bad) + "'"),
              std::string::npos)
        << r.status().message();
  }
  auto disagree = ResolveInstance("1/3", "4", Env({}));
  ASSERT_FALSE(disagree.ok());
  EXPECT_NE(disagree.status().message().find("disagree"), std::string::npos);
  auto env_bad = ResolveInstance(std::nullopt, std::nullopt, Env({{"FRESHBENCH_INSTANCE", "x"}}));
  ASSERT_FALSE(env_bad.ok());
  EXPECT_NE(env_bad.status().message().find("FRESHBENCH_INSTANCE 'x'"), std::string::npos);
}

std::string Id(const Event& ev) { return std::string(ev.event_id.data(), ev.event_id.size()); }

TEST(GenInstanceTest, IdsAreValidV4AndDisjointAcrossInstances) {
  // Even with the very same seeds, two instances never write the same id.
  constexpr int kInstances = 4;
  constexpr int kPerInstance = 50'000;
  std::set<std::string> all;
  for (int i = 0; i < kInstances; ++i) {
    EventSource src(42, 0, /*id_seed=*/7, InstanceIdTag(Instance{i, kInstances}));
    Event ev;
    for (int k = 0; k < kPerInstance; ++k) {
      src.Next(&ev);
      const std::string id = Id(ev);
      ASSERT_TRUE(IsUuidText(id)) << id;
      EXPECT_EQ(id[14], '4') << id;                                          // version 4
      EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;  // variant 10xx
      EXPECT_EQ(InstanceTagOf(id), i) << id;
      all.insert(id);
    }
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kInstances * kPerInstance));
  // The largest index still fits the 14 bits.
  EventSource last(1, 0, 1, InstanceIdTag(Instance{kMaxInstances - 1, kMaxInstances}));
  Event ev;
  last.Next(&ev);
  EXPECT_EQ(InstanceTagOf(Id(ev)), kMaxInstances - 1);
  EXPECT_EQ(Id(ev).substr(19, 4), "bfff");
}

TEST(GenInstanceTest, SeedGivesEachInstanceItsOwnReproducibleStream) {
  auto fields = [](uint64_t seed, std::optional<Instance> inst) {
    EventSource src(InstanceSeed(seed, inst), 0, RandomSeed(), inst ? InstanceIdTag(*inst) : -1);
    std::vector<uint64_t> out;
    Event ev;
    for (int k = 0; k < 200; ++k) {
      src.Next(&ev);
      out.push_back((uint64_t{ev.user_id} << 32) ^ (uint64_t{ev.amount_cents} << 8) ^
                    (ev.region << 4) ^ ev.event_type);
    }
    return out;
  };
  EXPECT_EQ(fields(9, Instance{1, 3}), fields(9, Instance{1, 3}));
  EXPECT_NE(fields(9, Instance{0, 3}), fields(9, Instance{1, 3}));
  EXPECT_NE(fields(9, Instance{1, 3}), fields(10, Instance{1, 3}));
  // No instance: the seed is used as is (what `generate --seed S` always did).
  EXPECT_EQ(InstanceSeed(9, std::nullopt), 9u);
}

TEST(GenInstanceTest, GeneratorTagsEveryEventWithItsInstance) {
  // The whole generator, null sink: ids from 2 instances with one seed are disjoint.
  std::set<std::string> ids[2];
  for (int i = 0; i < 2; ++i) {
    GeneratorOptions o;
    o.sink = SinkKind::kStdout;
    o.target_rps = 0;
    o.count = 2000;
    o.threads = 2;
    o.seed = 5;
    o.instance = Instance{i, 2};
    FILE* out = std::tmpfile();
    ASSERT_NE(out, nullptr);
    auto g = Generator::Create(o, fileno(out));
    ASSERT_TRUE(g.ok()) << g.status().message();
    ASSERT_TRUE((*g)->Start().ok());
    while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    GeneratorSummary s = (*g)->Stop();
    std::string text;
    std::rewind(out);
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) text.append(buf, n);
    std::fclose(out);
    EXPECT_EQ(s.sent, 2000u);
    size_t pos = 0;
    while ((pos = text.find("\"event_id\":\"", pos)) != std::string::npos) {
      pos += 12;
      const std::string id = text.substr(pos, kUuidTextSize);
      EXPECT_EQ(InstanceTagOf(id), i) << id;
      ids[i].insert(id);
    }
    EXPECT_EQ(ids[i].size(), 2000u);
  }
  for (const auto& id : ids[0]) EXPECT_EQ(ids[1].count(id), 0u) << id;
}

}  // namespace
}  // namespace freshbench::gen
