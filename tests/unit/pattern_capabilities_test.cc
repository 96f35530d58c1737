// What a pattern can do beyond Q1-Q3, as pattern.yaml declares it: its
// queries (from a fixed set), where it starts reading, the Flink jobs that
// feed it and the patterns it contends with (formerly runner.yaml), all
// validated at load; and the checks the runner makes across the chosen
// patterns (contention, --set keys).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"

namespace freshbench {
namespace {

namespace fs = std::filesystem;

Pattern Shipped(const std::string& id) {
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", id);
  EXPECT_TRUE(dir.ok());
  auto p = LoadPattern(*dir);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : Pattern{};
}

Result<Pattern> Parse(const std::string& yaml) { return ParsePattern(yaml, "/d", false); }

std::string Message(const Result<Pattern>& r) { return r.ok() ? "" : r.status().message(); }

TEST(PatternCapabilitiesTest, P5DeclaresItsFlinkJobAndPausesP6) {
  const Pattern p5 = Shipped("p5");
  ASSERT_EQ(p5.ingest_jobs.size(), 1u);
  EXPECT_EQ(p5.ingest_jobs[0].name, "{{flink_job_name}}");
  EXPECT_EQ(p5.ingest_jobs[0].sql, std::vector<std::string>{"flink-job.sql"});
  ASSERT_EQ(p5.contends_with.size(), 1u);
  EXPECT_EQ(p5.contends_with[0].pattern, "p6");
  EXPECT_EQ(p5.contends_with[0].while_measuring, "pause");
  EXPECT_EQ(p5.start_setting, "start_from");
  EXPECT_FALSE(p5.kafka.has_value());
}

TEST(PatternCapabilitiesTest, WhatEachShippedPatternCanDo) {
  const Pattern p0 = Shipped("p0"), p1 = Shipped("p1"), p2 = Shipped("p2"), p6 = Shipped("p6");
  EXPECT_EQ(p0.start_setting, "start_from");
  EXPECT_TRUE(p0.HasQuery("marker") && p0.HasQuery("completeness"));
  EXPECT_FALSE(p1.start_setting.has_value());  // a placed consumer group instead
  ASSERT_TRUE(p1.kafka.has_value());
  EXPECT_TRUE(p1.ingest_jobs.empty());
  EXPECT_TRUE(p1.contends_with.empty());
  EXPECT_TRUE(p2.HasQuery("marker"));
  EXPECT_TRUE(p6.CanPause());
  EXPECT_EQ(p6.start_setting, "start_from");
  EXPECT_FALSE(p1.CanPause());
}

TEST(PatternCapabilitiesTest, AMisspeltQueryIsAnErrorNamingIt) {
  auto typo = Parse("id: x\nengine: e\nqueries: {q3: q3.sql, puase: p.sql, resume: r.sql}\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(Message(typo).find("unknown query 'puase'"), std::string::npos) << Message(typo);
  EXPECT_NE(Message(typo).find("pause"), std::string::npos);
  auto variant = Parse(
      "id: x\nengine: e\nqueries: {q3: q3.sql}\nvariants: [{when: {}, queries: {q4: a.sql}}]\n");
  ASSERT_FALSE(variant.ok());
  EXPECT_NE(Message(variant).find("unknown query 'q4'"), std::string::npos) << Message(variant);
  // A variant swaps files; it cannot give the pattern a capability.
  auto adds = Parse(
      "id: x\nengine: e\nqueries: {q3: q3.sql}\nvariants: [{when: {}, queries: {marker: "
      "m.sql}}]\n");
  ASSERT_FALSE(adds.ok());
  EXPECT_NE(Message(adds).find("'marker' is not declared"), std::string::npos) << Message(adds);
}

TEST(PatternCapabilitiesTest, PauseWithoutResumeIsAnError) {
  auto pause = Parse("id: x\nengine: e\nqueries: {pause: p.sql}\n");
  ASSERT_FALSE(pause.ok());
  EXPECT_NE(Message(pause).find("'pause' needs 'resume'"), std::string::npos) << Message(pause);
  auto resume = Parse("id: x\nengine: e\nqueries: {resume: r.sql}\n");
  ASSERT_FALSE(resume.ok());
  EXPECT_NE(Message(resume).find("'resume' needs 'pause'"), std::string::npos) << Message(resume);
  auto both = Parse("id: x\nengine: e\nqueries: {pause: p.sql, resume: r.sql}\n");
  ASSERT_TRUE(both.ok()) << Message(both);
  EXPECT_TRUE(both->CanPause());
}

TEST(PatternCapabilitiesTest, WhereItStartsReadingIsValidated) {
  auto ok =
      Parse("id: x\nengine: e\nsettings: {start_from: earliest}\nstart: {setting: start_from}\n");
  ASSERT_TRUE(ok.ok()) << Message(ok);
  EXPECT_EQ(ok->start_setting, "start_from");
  auto undeclared = Parse("id: x\nengine: e\nstart: {setting: start_from}\n");
  ASSERT_FALSE(undeclared.ok());
  EXPECT_NE(Message(undeclared).find("not declared in settings"), std::string::npos);
  auto bad_default =
      Parse("id: x\nengine: e\nsettings: {start_from: begin}\nstart: {setting: start_from}\n");
  ASSERT_FALSE(bad_default.ok());
  EXPECT_NE(Message(bad_default).find("earliest or latest"), std::string::npos);
  auto both =
      Parse("id: x\nengine: e\nsettings: {s: earliest}\nkafka: {group: g}\nstart: {setting: s}\n");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(Message(both).find("not both"), std::string::npos);
  auto typo = Parse("id: x\nengine: e\nsettings: {s: earliest}\nstart: {seting: s}\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(Message(typo).find("unknown key 'seting'"), std::string::npos);
}

TEST(PatternCapabilitiesTest, IngestJobAndContentionMistakesAreNamed) {
  const std::string head = "id: p5\nengine: starrocks\n";
  auto typo = Parse(head + "ingest_job: []\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(Message(typo).find("unknown key 'ingest_job'"), std::string::npos);
  auto unnamed = Parse(head + "ingest_jobs:\n  - sql: [flink-job.sql]\n");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_NE(Message(unnamed).find("needs a name"), std::string::npos);
  auto nofile = Parse(head + "ingest_jobs:\n  - name: j\n");
  ASSERT_FALSE(nofile.ok());
  EXPECT_NE(Message(nofile).find("names no sql file"), std::string::npos);
  auto how = Parse(head + "contends_with:\n  - pattern: p6\n    while_measuring: stop\n");
  ASSERT_FALSE(how.ok());
  EXPECT_NE(Message(how).find("must be 'pause'"), std::string::npos);
  auto self = Parse(head + "contends_with:\n  - pattern: p5\n");
  ASSERT_FALSE(self.ok());
  EXPECT_NE(Message(self).find("itself"), std::string::npos);
  auto bad_yaml = Parse(head + "ingest_jobs: [");
  EXPECT_FALSE(bad_yaml.ok());
  // Files are checked when the folder is.
  auto dir = FindPatternDir(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns", "p5");
  ASSERT_TRUE(dir.ok());
  auto missing =
      ParsePattern(head + "ingest_jobs:\n  - name: x\n    sql: [nope.sql]\n", *dir, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(Message(missing).find("nope.sql"), std::string::npos);
}

// A runner.yaml left behind is not silently ignored.
TEST(PatternCapabilitiesTest, ALeftoverRunnerYamlSaysWhereItsKeysWent) {
  const fs::path dir = fs::temp_directory_path() / ("fb_runner_yaml_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "pattern.yaml") << "id: p9\nengine: e\n";
  ASSERT_TRUE(LoadPattern(dir.string()).ok());
  std::ofstream(dir / "runner.yaml") << "flink_jobs: []\n";
  auto p = LoadPattern(dir.string());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(Message(p).find("runner.yaml"), std::string::npos);
  EXPECT_NE(Message(p).find("flink_jobs -> ingest_jobs"), std::string::npos) << Message(p);
  EXPECT_NE(Message(p).find("pattern.yaml"), std::string::npos);
  fs::remove_all(dir);
}

TEST(PatternCapabilitiesTest, PausingNeedsTheOtherPatternsPauseAndResume) {
  const Pattern p5 = Shipped("p5"), p6 = Shipped("p6"), p1 = Shipped("p1");
  EXPECT_TRUE(CheckContention(p5, p6).ok());
  EXPECT_TRUE(CheckContention(p6, p5).ok());  // p6 declares no contention
  EXPECT_TRUE(CheckContention(p5, p1).ok());  // p5 does not contend with p1
  Pattern unpausable = p6;
  unpausable.queries.erase("pause");
  unpausable.queries.erase("resume");
  Status st = CheckContention(p5, unpausable);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("p5 contends_with p6"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("no pause and resume"), std::string::npos) << st.message();
  EXPECT_TRUE(CheckContentions({p5, p6, p1}).ok());
  EXPECT_FALSE(CheckContentions({p1, unpausable, p5}).ok());
}

TEST(PatternCapabilitiesTest, SetKeysMustBeDeclaredByAChosenPattern) {
  const Pattern p1 = Shipped("p1"), p6 = Shipped("p6");
  EXPECT_TRUE(CheckSetKeys({p1, p6}, {{"kafka_group", "g"}, {"max_batch_interval", "10"}}).ok());
  Status st = CheckSetKeys({p1, p6}, {{"puase", "1"}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(st.message().rfind("--set puase=1: no chosen pattern declares 'puase' (declared: ", 0),
            0u)
      << st.message();
  EXPECT_NE(st.message().find("kafka_group"), std::string::npos);
  EXPECT_NE(st.message().find("max_batch_interval"), std::string::npos);
  EXPECT_TRUE(CheckSetKeys({}, {}).ok());
  EXPECT_FALSE(CheckSetKeys({}, {{"a", "b"}}).ok());
}

TEST(PatternCapabilitiesTest, AMarkerQueryMustNameAMarker) {
  const fs::path dir = fs::temp_directory_path() / ("fb_marker_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "one.sql") << "SELECT 1 FROM t WHERE event_id = '{{ event_id }}';\n";
  std::ofstream(dir / "batch.sql") << "SELECT event_id FROM t WHERE event_id IN ({{event_ids}});\n";
  std::ofstream(dir / "none.sql") << "SELECT 1;\n";
  auto none = ParsePattern("id: x\nengine: e\nqueries: {marker: none.sql}\n", dir.string(), true);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(Message(none).find("names neither {{event_id}} nor {{event_ids}}"), std::string::npos)
      << Message(none);

  auto one = ParsePattern("id: x\nengine: e\nqueries: {marker: one.sql}\n", dir.string(), true);
  ASSERT_TRUE(one.ok()) << Message(one);
  auto one_res = ResolvePattern(*one, "1", nullptr, {}, {});
  ASSERT_TRUE(one_res.ok());
  EXPECT_FALSE(MarkerQueryIsBatch(*one, *one_res));
  auto sql = MarkerStatement(*one, *one_res, {"a1", "b2"});
  ASSERT_TRUE(sql.ok()) << sql.status().message();
  EXPECT_EQ(*sql, "SELECT 1 FROM t WHERE event_id = 'a1'");

  auto batch = ParsePattern("id: x\nengine: e\nqueries: {marker: batch.sql}\n", dir.string(), true);
  ASSERT_TRUE(batch.ok()) << Message(batch);
  auto batch_res = ResolvePattern(*batch, "1", nullptr, {}, {});
  ASSERT_TRUE(batch_res.ok());
  EXPECT_TRUE(MarkerQueryIsBatch(*batch, *batch_res));
  auto many = MarkerStatement(*batch, *batch_res, {"a1", "b'2"});
  ASSERT_TRUE(many.ok()) << many.status().message();
  EXPECT_EQ(*many, "SELECT event_id FROM t WHERE event_id IN ('a1', 'b''2')");
  EXPECT_FALSE(MarkerStatement(*batch, *batch_res, {}).ok());
  fs::remove_all(dir);
}

TEST(PatternCapabilitiesTest, ShippedMarkersAreBatchOnTheLakeOnly) {
  for (const auto& [id, batch] : std::vector<std::pair<std::string, bool>>{
           {"p0", false}, {"p1", false}, {"p2", true}, {"p3", true}}) {
    const Pattern p = Shipped(id);
    auto res = ResolvePattern(p, "24.3", nullptr, {}, {});
    ASSERT_TRUE(res.ok()) << id;
    EXPECT_EQ(MarkerQueryIsBatch(p, *res), batch) << id;
  }
}

}  // namespace
}  // namespace freshbench
