#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"
#include "patterns/sql_template.h"

namespace freshbench {
namespace {

const char* kYaml = R"yaml(
id: p9
name: Test pattern
engine: clickhouse
settings: {block: 100, clock: "now()"}
setup: [a.sql]
teardown: [b.sql]
queries: {q1: q1.sql, q3: q3.sql}
kafka: {group: "g_{{block}}"}
variants:
  - when: {version_below: "20", query_ok: "SELECT has_dict"}
    setup: [a-dict.sql]
    settings: {clock: dict}
  - when: {version_below: "20"}
    setup: [a-legacy.sql]
    queries: {q3: q3-legacy.sql}
)yaml";

TEST(PatternLoaderTest, ParsesEveryKey) {
  auto p = ParsePattern(kYaml, "/nowhere", /*check_files=*/false);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->id, "p9");
  EXPECT_EQ(p->engine, "clickhouse");
  EXPECT_EQ(p->settings.at("block"), "100");
  EXPECT_EQ(p->setup, std::vector<std::string>{"a.sql"});
  EXPECT_EQ(p->queries.at("q3"), "q3.sql");
  ASSERT_EQ(p->variants.size(), 2u);
  EXPECT_EQ(*p->variants[0].when.query_ok, "SELECT has_dict");
  ASSERT_TRUE(p->kafka.has_value());
  EXPECT_EQ(p->kafka->start_from, "earliest");
  EXPECT_FALSE(p->start_setting.has_value());
  EXPECT_TRUE(p->ingest_jobs.empty());
  EXPECT_TRUE(p->contends_with.empty());
}

TEST(PatternLoaderTest, UnknownKeysAreErrors) {
  auto p = ParsePattern("id: x\nengine: clickhouse\nsetpu: [a.sql]\n", "/d", false);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(p.status().message().find("unknown key 'setpu'"), std::string::npos);
  auto v =
      ParsePattern("id: x\nengine: e\nvariants: [{when: {version_bellow: '20'}}]\n", "/d", false);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("version_bellow"), std::string::npos);
  auto s =
      ParsePattern("id: x\nengine: e\nvariants: [{when: {}, settings: {zz: 1}}]\n", "/d", false);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("zz"), std::string::npos);
}

TEST(PatternLoaderTest, MissingFilesAreErrors) {
  auto p = ParsePattern("id: x\nengine: e\nsetup: [nope.sql]\n", "/definitely/not/here", true);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("nope.sql"), std::string::npos);
}

// Two patterns sharing one pipeline name the other's files by a path
// relative to their own folder (P3 runs P2's setup and teardown).
TEST(PatternLoaderTest, FilesMayLiveInASiblingPatternFolder) {
  namespace fs = std::filesystem;
  const fs::path root =
      fs::temp_directory_path() / ("fb_pattern_share_" + std::to_string(::getpid()));
  fs::create_directories(root / "p8-a");
  fs::create_directories(root / "p9-b");
  std::ofstream(root / "p8-a" / "setup.sql") << "CREATE {{t}};\n";
  auto b = ParsePattern("id: p9\nengine: e\nsettings: {t: x}\nsetup: [../p8-a/setup.sql]\n",
                        (root / "p9-b").string(), true);
  ASSERT_TRUE(b.ok()) << b.status().message();
  auto st = ReadStatements(*b, b->setup, {{"t", "x"}});
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(*st, std::vector<std::string>{"CREATE x"});
  auto missing = ParsePattern("id: p9\nengine: e\nsetup: [../p7-c/setup.sql]\n",
                              (root / "p9-b").string(), true);
  EXPECT_FALSE(missing.ok());
  fs::remove_all(root);
}

TEST(PatternLoaderTest, VariantsChosenByVersionAndProbe) {
  auto p = ParsePattern(kYaml, "/d", false);
  ASSERT_TRUE(p.ok());
  auto modern = ResolvePattern(*p, "24.3.2", nullptr, {}, {{"topic", "t"}});
  ASSERT_TRUE(modern.ok());
  EXPECT_EQ(modern->variant_index, -1);
  EXPECT_EQ(modern->setup, std::vector<std::string>{"a.sql"});

  auto with_dict = ResolvePattern(
      *p, "18.16.1", [](const std::string& sql) { return sql == "SELECT has_dict"; }, {}, {});
  ASSERT_TRUE(with_dict.ok());
  EXPECT_EQ(with_dict->variant_index, 0);
  EXPECT_EQ(with_dict->setup, std::vector<std::string>{"a-dict.sql"});
  EXPECT_EQ(with_dict->values.at("clock"), "dict");
  EXPECT_EQ(with_dict->queries.at("q3"), "q3.sql");

  auto legacy = ResolvePattern(*p, "18.16.1", [](const std::string&) { return false; }, {}, {});
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(legacy->variant_index, 1);
  EXPECT_EQ(legacy->queries.at("q3"), "q3-legacy.sql");
  EXPECT_EQ(legacy->values.at("clock"), "now()");
}

TEST(PatternLoaderTest, OverridesMustNameDeclaredSettings) {
  auto p = ParsePattern(kYaml, "/d", false);
  ASSERT_TRUE(p.ok());
  auto ok = ResolvePattern(*p, "24.3", nullptr, {{"block", "5"}}, {{"topic", "t"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->values.at("block"), "5");
  EXPECT_EQ(ok->values.at("topic"), "t");
  auto bad = ResolvePattern(*p, "24.3", nullptr, {{"blokc", "5"}}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("--set blokc=5: p9 declares no setting 'blokc'"),
            std::string::npos)
      << bad.status().message();
}

TEST(PatternLoaderTest, CompareVersions) {
  EXPECT_LT(CompareVersions("18.16.1", "20"), 0);
  EXPECT_EQ(CompareVersions("20.1.2", "20"), 0);
  EXPECT_GT(CompareVersions("24.3", "20"), 0);
  EXPECT_LT(CompareVersions("20.1", "20.3"), 0);
}

TEST(SqlTemplateTest, SubstitutesPlaceholders) {
  auto s =
      SubstitutePlaceholders("SELECT {{a}}, {{ b }} FROM {{a}}", {{"a", "1"}, {"b", "x"}}, "f");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "SELECT 1, x FROM 1");
  auto missing = SubstitutePlaceholders("SELECT {{c}}", {{"a", "1"}}, "f.sql");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("{{c}}"), std::string::npos);
  EXPECT_FALSE(SubstitutePlaceholders("SELECT {{c", {}, "f").ok());
}

TEST(SqlTemplateTest, SplitsOnSemicolonAtLineEnd) {
  auto st = SplitStatements(
      "-- header comment\nCREATE TABLE a (x String DEFAULT ';')\nENGINE = Memory;\n\n"
      "SELECT 'a;b' AS x ;  \n-- only a comment;\nSELECT 2");
  ASSERT_EQ(st.size(), 3u);
  EXPECT_EQ(st[0], "CREATE TABLE a (x String DEFAULT ';')\nENGINE = Memory");
  EXPECT_EQ(st[1], "SELECT 'a;b' AS x");
  EXPECT_EQ(st[2], "SELECT 2");
  EXPECT_TRUE(SplitStatements("\n-- nothing\n;\n").empty());
}

TEST(PatternLoaderTest, TheShippedP1PatternLoads) {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p1");
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  auto p = LoadPattern(*dir);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->engine, "clickhouse");
  for (const char* q : {"q1", "q2", "q3", "completeness"}) EXPECT_EQ(p->queries.count(q), 1u) << q;
  auto unknown = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p77");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("p1"), std::string::npos);
}

}  // namespace
}  // namespace freshbench

namespace freshbench {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + ";\n";
  return s;
}

// The modern DDL cannot run here (the local server is 18.16): check the SQL
// it generates instead.
TEST(P1PatternTest, ModernVariantGeneratesTheSeedDdl) {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p1");
  ASSERT_TRUE(dir.ok());
  auto p = LoadPattern(*dir);
  ASSERT_TRUE(p.ok());
  auto r = ResolvePattern(*p, "24.3.2.23", nullptr, {{"kafka_max_block_size", "8192"}},
                          {{"topic", "transactions"}, {"kafka_bootstrap", "127.0.0.1:9092"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->variant_index, -1);
  auto setup = ReadStatements(*p, r->setup, r->values);
  ASSERT_TRUE(setup.ok()) << setup.status().message();
  ASSERT_EQ(setup->size(), 4u);
  const std::string all = Join(*setup);
  EXPECT_EQ(all.find("{{"), std::string::npos);
  EXPECT_NE(all.find("DateTime64(3, 'UTC') DEFAULT now64(3)"), std::string::npos);
  EXPECT_NE(all.find("kafka_max_block_size = 8192"), std::string::npos);
  EXPECT_NE(all.find("kafka_flush_interval_ms = 1000"), std::string::npos);
  EXPECT_NE(all.find("kafka_broker_list = '127.0.0.1:9092'"), std::string::npos);
  EXPECT_NE(all.find("kafka_topic_list = 'transactions'"), std::string::npos);
  EXPECT_NE(all.find("kafka_group_name = 'freshbench_p1'"), std::string::npos);
  auto q3 = ReadStatements(*p, {r->queries.at("q3")}, r->values);
  ASSERT_TRUE(q3.ok());
  ASSERT_EQ(q3->size(), 1u);
  for (const char* col : {"max_event_time", "max_ingest_time", "engine_now", "total_rows"})
    EXPECT_NE((*q3)[0].find(col), std::string::npos) << col;
  auto teardown = ReadStatements(*p, r->teardown, r->values);
  ASSERT_TRUE(teardown.ok());
  EXPECT_EQ(teardown->size(), 3u);
}

TEST(P1PatternTest, LegacyVariantAvoidsWhat18_16Lacks) {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p1");
  ASSERT_TRUE(dir.ok());
  auto p = LoadPattern(*dir);
  ASSERT_TRUE(p.ok());
  for (bool has_clock : {true, false}) {
    auto r = ResolvePattern(*p, "18.16.1", [has_clock](const std::string&) { return has_clock; },
                            {}, {{"topic", "transactions"}, {"kafka_bootstrap", "127.0.0.1:9092"}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->variant_index, has_clock ? 0 : 1);
    std::vector<std::string> files = r->setup;
    for (const auto& [name, file] : r->queries) files.push_back(file);
    auto values = r->values;
    values["event_id"] = "3c7d1004-4dce-48d2-9e13-8f3288aac743";  // the runner's, for marker.sql
    auto st = ReadStatements(*p, files, values);
    ASSERT_TRUE(st.ok()) << st.status().message();
    const std::string all = Join(*st);
    EXPECT_EQ(all.find("DateTime64"), std::string::npos);
    EXPECT_EQ(all.find("now64"), std::string::npos);
    EXPECT_EQ(all.find("{{"), std::string::npos);
    EXPECT_EQ(all.find("freshbench_clock") != std::string::npos, has_clock);
  }
}

}  // namespace
}  // namespace freshbench
