// The SQL and Flink job specs the StarRocks patterns (P4, P5, P6) generate,
// after placeholder substitution with their default settings, compared with
// tests/golden/<pattern>.sql. The golden files were reviewed by hand against
// StarRocks' documentation (CREATE ROUTINE LOAD, Paimon catalog, Flink
// connector options); a change to a pattern shows up here as a diff to
// review. Regenerate with FRESHBENCH_UPDATE_GOLDEN=1 and review the diff.
//
// Loading, variant choice and substitution are the shared loader's
// (src/patterns/); the rendering is what setup, teardown and query send.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"

namespace freshbench {
namespace {

const std::string kSource = FRESHBENCH_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Rendered {
  Pattern pattern;
  std::map<std::string, std::string> sections;  // "setup", "q3", "flink job" ... -> statements
  std::string all;                              // every section, in order, with headers
};

std::string Join(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) out += s + ";\n";
  return out;
}

// Loads the pattern with the shared loader and renders what `freshbench
// setup/teardown/query` would send to a StarRocks 3.3 server, with the
// values of a compose run (freshbench inside the compose network).
Rendered Render(const std::string& folder) {
  Rendered r;
  const std::string dir = kSource + "/patterns/" + folder;
  auto pattern = LoadPattern(dir);
  EXPECT_TRUE(pattern.ok()) << pattern.status().message();
  if (!pattern.ok()) return r;
  r.pattern = *pattern;
  const std::map<std::string, std::string> builtins = {{"topic", "transactions"},
                                                       {"kafka_bootstrap", "kafka:9092"}};
  auto add = [&](const std::string& name, const std::vector<std::string>& files,
                 const std::map<std::string, std::string>& values) {
    auto st = ReadStatements(r.pattern, files, values);
    EXPECT_TRUE(st.ok()) << folder << " " << name << ": " << st.status().message();
    if (!st.ok()) return;
    r.sections[name] = Join(*st);
    r.all += "-- ===== " + name + " =====\n" + r.sections[name];
  };
  for (bool variant_holds : {false, true}) {
    auto res = ResolvePattern(
        r.pattern, "3.3.0", [&](const std::string&) { return variant_holds; }, {}, builtins);
    EXPECT_TRUE(res.ok()) << res.status().message();
    if (!res.ok()) return r;
    if (variant_holds) {
      if (res->variant_index < 0) break;  // no variant: nothing more to render
      add("setup (variant " + std::to_string(res->variant_index) + ")", res->setup, res->values);
      add("teardown (variant " + std::to_string(res->variant_index) + ")", res->teardown,
          res->values);
      continue;
    }
    add("setup", res->setup, res->values);
    add("teardown", res->teardown, res->values);
    for (const auto& [name, file] : res->queries) add(name, {file}, res->values);
    for (const FlinkJobSpec& job : r.pattern.ingest_jobs) add("flink job", job.sql, res->values);
  }
  return r;
}

void CompareWithGolden(const std::string& folder, const std::string& rendered) {
  const std::string golden_path = kSource + "/tests/golden/" + folder + ".sql";
  if (const char* u = std::getenv("FRESHBENCH_UPDATE_GOLDEN");
      u != nullptr && std::string(u) == "1") {
    std::ofstream(golden_path) << rendered;
    GTEST_SKIP() << "rewrote " << golden_path << ": review the diff";
  }
  const std::string golden = ReadFile(golden_path);
  ASSERT_FALSE(golden.empty()) << golden_path
                               << " missing: run with FRESHBENCH_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(rendered, golden) << "the SQL generated for " << folder
                              << " changed; review against StarRocks' docs, then "
                              << "regenerate with FRESHBENCH_UPDATE_GOLDEN=1";
}

// Q3 returns the columns docs/patterns.md requires and leaves the arithmetic
// to freshbench.
void ExpectQ3Contract(const Rendered& r) {
  ASSERT_TRUE(r.sections.count("q3"));
  const std::string& q3 = r.sections.at("q3");
  for (const char* col :
       {"AS max_event_time", "AS max_ingest_time", "AS engine_now", "AS total_rows"})
    EXPECT_NE(q3.find(col), std::string::npos) << col;
  EXPECT_EQ(q3.find("TIMESTAMPDIFF"), std::string::npos);
  EXPECT_NE(q3.find("NOW(3)"), std::string::npos) << "engine time to the millisecond";
}

TEST(StarRocksPatternGoldenTest, P4PaimonCatalog) {
  Rendered r = Render("p4-starrocks-paimon");
  EXPECT_EQ(r.pattern.engine, "starrocks");
  const std::string& setup = r.sections.at("setup");
  // StarRocks' aws.s3.* namespace (not s3.*), path-style for MinIO.
  EXPECT_NE(setup.find("\"aws.s3.enable_path_style_access\" = \"true\""), std::string::npos);
  EXPECT_NE(setup.find("\"aws.s3.endpoint\" = \"http://minio:9000\""), std::string::npos);
  EXPECT_EQ(std::regex_search(setup, std::regex("\"s3\\.")), false)
      << "s3.* keys are ignored by StarRocks";
  EXPECT_NE(setup.find("\"type\" = \"paimon\""), std::string::npos);
  ExpectQ3Contract(r);
  CompareWithGolden("p4-starrocks-paimon", r.all);
}

TEST(StarRocksPatternGoldenTest, P5FlinkJobHandlesEverySeedPitfall) {
  Rendered r = Render("p5-starrocks-flink");
  ASSERT_TRUE(r.sections.count("flink job"));
  const std::string& job = r.sections.at("flink job");
  EXPECT_NE(job.find("'sink.version' = 'V1'"), std::string::npos)
      << "V2 redirects to the BE's 127.0.0.1";
  EXPECT_NE(job.find("'load-url' = 'starrocks:8040'"), std::string::npos)
      << "V1 straight to the BE HTTP port";
  EXPECT_NE(job.find("'sink.properties.format' = 'csv'"), std::string::npos)
      << "V1 JSON rejects TIMESTAMP(3)";
  EXPECT_NE(job.find("'sink.properties.column_separator' = '\\x01'"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(job, m, std::regex("'sink.buffer-flush.max-rows' = '(\\d+)'")));
  EXPECT_GE(std::stoi(m[1]), 64000) << "the connector rejects max-rows below 64000";
  EXPECT_NE(job.find("event_time STRING"), std::string::npos) << "Z-suffixed ISO time read as text";
  EXPECT_NE(job.find("TO_TIMESTAMP(REPLACE(event_time, 'Z', '')"), std::string::npos);
  EXPECT_NE(job.find("SET 'pipeline.name' = 'freshbench-p5'"), std::string::npos);
  EXPECT_NE(r.sections.at("setup").find("ingest_time DATETIME      NULL DEFAULT CURRENT_TIMESTAMP"),
            std::string::npos);
  ASSERT_EQ(r.pattern.contends_with.size(), 1u);
  EXPECT_EQ(r.pattern.contends_with[0].pattern, "p6");
  EXPECT_EQ(r.pattern.contends_with[0].while_measuring, "pause");
  ExpectQ3Contract(r);
  CompareWithGolden("p5-starrocks-flink", r.all);
}

TEST(StarRocksPatternGoldenTest, P6RoutineLoadAvoidsTheSeedsBugs) {
  Rendered r = Render("p6-starrocks-routine-load");
  const std::string& rl = r.sections.at("setup");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(rl, m, std::regex("COLUMNS \\(([^)]*)\\)")));
  EXPECT_EQ(std::string(m[1]).find('('), std::string::npos)
      << "no function in COLUMNS (NPE in StarRocks 3.3)";
  EXPECT_EQ(std::string(m[1]).find("ingest_time"), std::string::npos)
      << "ingest_time comes from its DEFAULT";
  EXPECT_NE(rl.find("\"property.auto.offset.reset\" = \"earliest\""), std::string::npos);
  EXPECT_EQ(rl.find("OFFSET_BEGINNING"), std::string::npos);
  EXPECT_NE(rl.find("\"timezone\" = \"UTC\""), std::string::npos);
  EXPECT_NE(rl.find("DEFAULT CURRENT_TIMESTAMP"), std::string::npos);
  EXPECT_NE(rl.find("PRIMARY KEY (event_id)"), std::string::npos);
  EXPECT_EQ(r.sections.at("pause"), "PAUSE ROUTINE LOAD FOR analytics.transactions_p6_load;\n");
  EXPECT_EQ(r.sections.at("resume"), "RESUME ROUTINE LOAD FOR analytics.transactions_p6_load;\n");
  EXPECT_EQ(r.sections.at("status"), "SHOW ROUTINE LOAD FOR analytics.transactions_p6_load;\n");
  // Idempotent: with the job already there, setup leaves it alone and teardown stops it first.
  ASSERT_TRUE(r.sections.count("setup (variant 0)"));
  EXPECT_EQ(r.sections.at("setup (variant 0)").find("CREATE ROUTINE LOAD"), std::string::npos);
  EXPECT_EQ(r.sections.at("teardown (variant 0)")
                .rfind("STOP ROUTINE LOAD FOR analytics.transactions_p6_load;", 0),
            0u);
  EXPECT_EQ(r.sections.at("teardown").find("STOP ROUTINE LOAD"), std::string::npos);
  EXPECT_EQ(r.pattern.variants[0].when.query_ok.value_or(""),
            "SHOW ROUTINE LOAD FOR {{database}}.{{job}}");
  ExpectQ3Contract(r);
  CompareWithGolden("p6-starrocks-routine-load", r.all);
}

}  // namespace
}  // namespace freshbench
