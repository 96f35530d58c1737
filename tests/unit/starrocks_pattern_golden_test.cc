// The SQL and Flink job specs the StarRocks patterns (P4, P5, P6) generate,
// after placeholder substitution with their default settings, compared with
// tests/golden/<pattern>.sql. The golden files were reviewed by hand against
// StarRocks' documentation (CREATE ROUTINE LOAD, Paimon catalog, Flink
// connector options); a change to a pattern shows up here as a diff to
// review. Regenerate with FRESHBENCH_UPDATE_GOLDEN=1 and review the diff.
//
// Until the shared pattern loader lands, this test reads pattern.yaml and
// substitutes {{name}} itself (same rules as docs/patterns.md).
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

namespace freshbench {
namespace {

const std::string kSource = FRESHBENCH_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// {{name}} -> values[name]; unknown names are left for the caller to report.
std::string Substitute(const std::string& text, const std::map<std::string, std::string>& values,
                       std::vector<std::string>* missing) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    std::string name = text.substr(open + 2, close - open - 2);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    auto it = values.find(name);
    if (it == values.end()) {
      missing->push_back(name);
      out += "{{" + name + "}}";
    } else {
      out += it->second;
    }
    pos = close + 2;
  }
  return out + text.substr(pos);
}

struct Rendered {
  std::map<std::string, std::string> files;  // file name -> SQL after substitution
  std::string all;                           // every file, in pattern order, with headers
  YAML::Node yaml;
};

// Keys of docs/patterns.md plus the StarRocks additions documented there.
const std::set<std::string> kKnownKeys = {"id",       "name",   "engine",  "description", "settings",   "setup",
                                          "teardown", "queries", "variants", "guards",     "status",     "pause",
                                          "resume",   "flink_jobs", "contends_with"};

Rendered Render(const std::string& folder) {
  Rendered r;
  const std::string dir = kSource + "/patterns/" + folder;
  r.yaml = YAML::LoadFile(dir + "/pattern.yaml");
  for (const auto& kv : r.yaml) {
    EXPECT_TRUE(kKnownKeys.count(kv.first.as<std::string>())) << folder << ": unknown key " << kv.first.as<std::string>();
  }
  // The values a compose run substitutes: freshbench inside the compose network.
  std::map<std::string, std::string> values = {{"topic", "transactions"}, {"kafka_bootstrap", "kafka:9092"}};
  for (const auto& kv : r.yaml["settings"]) values[kv.first.as<std::string>()] = kv.second.as<std::string>();

  std::vector<std::string> order;
  auto add = [&](const std::string& f) {
    for (const auto& o : order)
      if (o == f) return;
    order.push_back(f);
  };
  for (const char* list : {"setup", "teardown", "pause", "resume"})
    if (r.yaml[list])
      for (const auto& f : r.yaml[list]) add(f.as<std::string>());
  for (const auto& q : r.yaml["queries"]) add(q.second.as<std::string>());
  if (r.yaml["status"]) add(r.yaml["status"].as<std::string>());
  if (r.yaml["guards"])
    for (const auto& g : r.yaml["guards"]) add(g.second["probe"].as<std::string>());
  if (r.yaml["flink_jobs"])
    for (const auto& job : r.yaml["flink_jobs"])
      for (const auto& f : job["sql"]) add(f.as<std::string>());

  for (const auto& f : order) {
    std::vector<std::string> missing;
    std::string sql = Substitute(ReadFile(dir + "/" + f), values, &missing);
    EXPECT_TRUE(missing.empty()) << folder << "/" << f << ": no value for {{" << (missing.empty() ? "" : missing[0])
                                 << "}}";
    EXPECT_FALSE(sql.empty()) << folder << "/" << f << " is missing or empty";
    r.files[f] = sql;
    r.all += "-- ===== " + f + " =====\n" + sql;
  }
  return r;
}

void CompareWithGolden(const std::string& folder, const std::string& rendered) {
  const std::string golden_path = kSource + "/tests/golden/" + folder + ".sql";
  if (const char* u = std::getenv("FRESHBENCH_UPDATE_GOLDEN"); u != nullptr && std::string(u) == "1") {
    std::ofstream(golden_path) << rendered;
    GTEST_SKIP() << "rewrote " << golden_path << ": review the diff";
  }
  const std::string golden = ReadFile(golden_path);
  ASSERT_FALSE(golden.empty()) << golden_path << " missing: run with FRESHBENCH_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(rendered, golden) << "the SQL generated for " << folder << " changed; review against StarRocks' docs, then "
                              << "regenerate with FRESHBENCH_UPDATE_GOLDEN=1";
}

// Q3 returns the columns docs/patterns.md requires and leaves the arithmetic
// to freshbench.
void ExpectQ3Contract(const Rendered& r) {
  const std::string& q3 = r.files.at(r.yaml["queries"]["q3"].as<std::string>());
  for (const char* col : {"AS max_event_time", "AS max_ingest_time", "AS engine_now", "AS total_rows"})
    EXPECT_NE(q3.find(col), std::string::npos) << col;
  EXPECT_EQ(q3.find("TIMESTAMPDIFF"), std::string::npos);
  EXPECT_NE(q3.find("NOW(3)"), std::string::npos) << "engine time to the millisecond";
}

TEST(StarRocksPatternGoldenTest, P4PaimonCatalog) {
  Rendered r = Render("p4-starrocks-paimon");
  EXPECT_EQ(r.yaml["engine"].as<std::string>(), "starrocks");
  const std::string& setup = r.files.at("setup.sql");
  // StarRocks' aws.s3.* namespace (not s3.*), path-style for MinIO.
  EXPECT_NE(setup.find("\"aws.s3.enable_path_style_access\" = \"true\""), std::string::npos);
  EXPECT_NE(setup.find("\"aws.s3.endpoint\" = \"http://minio:9000\""), std::string::npos);
  EXPECT_EQ(std::regex_search(setup, std::regex("\"s3\\.")), false) << "s3.* keys are ignored by StarRocks";
  EXPECT_NE(setup.find("\"type\" = \"paimon\""), std::string::npos);
  ExpectQ3Contract(r);
  CompareWithGolden("p4-starrocks-paimon", r.all);
}

TEST(StarRocksPatternGoldenTest, P5FlinkJobHandlesEverySeedPitfall) {
  Rendered r = Render("p5-starrocks-flink");
  const std::string& job = r.files.at("flink-job.sql");
  EXPECT_NE(job.find("'sink.version' = 'V1'"), std::string::npos) << "V2 redirects to the BE's 127.0.0.1";
  EXPECT_NE(job.find("'load-url' = 'starrocks:8040'"), std::string::npos) << "V1 straight to the BE HTTP port";
  EXPECT_NE(job.find("'sink.properties.format' = 'csv'"), std::string::npos) << "V1 JSON rejects TIMESTAMP(3)";
  EXPECT_NE(job.find("'sink.properties.column_separator' = '\\x01'"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(job, m, std::regex("'sink.buffer-flush.max-rows' = '(\\d+)'")));
  EXPECT_GE(std::stoi(m[1]), 64000) << "the connector rejects max-rows below 64000";
  EXPECT_NE(job.find("event_time STRING"), std::string::npos) << "Z-suffixed ISO time read as text";
  EXPECT_NE(job.find("TO_TIMESTAMP(REPLACE(event_time, 'Z', '')"), std::string::npos);
  EXPECT_NE(job.find("SET 'pipeline.name' = 'freshbench-p5'"), std::string::npos);
  EXPECT_NE(r.files.at("setup.sql").find("ingest_time DATETIME      NULL DEFAULT CURRENT_TIMESTAMP"), std::string::npos);
  ASSERT_TRUE(r.yaml["contends_with"]);
  EXPECT_EQ(r.yaml["contends_with"][0].as<std::string>(), "p6");
  ExpectQ3Contract(r);
  CompareWithGolden("p5-starrocks-flink", r.all);
}

TEST(StarRocksPatternGoldenTest, P6RoutineLoadAvoidsTheSeedsBugs) {
  Rendered r = Render("p6-starrocks-routine-load");
  const std::string& rl = r.files.at("routine-load.sql");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(rl, m, std::regex("COLUMNS \\(([^)]*)\\)")));
  EXPECT_EQ(std::string(m[1]).find('('), std::string::npos) << "no function in COLUMNS (NPE in StarRocks 3.3)";
  EXPECT_EQ(std::string(m[1]).find("ingest_time"), std::string::npos) << "ingest_time comes from its DEFAULT";
  EXPECT_NE(rl.find("\"property.auto.offset.reset\" = \"earliest\""), std::string::npos);
  EXPECT_EQ(rl.find("OFFSET_BEGINNING"), std::string::npos);
  EXPECT_NE(rl.find("\"timezone\" = \"UTC\""), std::string::npos);
  EXPECT_NE(r.files.at("setup.sql").find("DEFAULT CURRENT_TIMESTAMP"), std::string::npos);
  EXPECT_NE(r.files.at("setup.sql").find("PRIMARY KEY (event_id)"), std::string::npos);
  EXPECT_EQ(r.files.at("pause.sql"), "PAUSE ROUTINE LOAD FOR analytics.transactions_p6_load;\n");
  EXPECT_EQ(r.files.at("resume.sql"), "RESUME ROUTINE LOAD FOR analytics.transactions_p6_load;\n");
  // Setup and teardown are idempotent through guards on the job's existence.
  EXPECT_EQ(r.yaml["guards"]["routine-load.sql"]["run_when"].as<std::string>(), "no_rows");
  EXPECT_EQ(r.yaml["guards"]["stop-routine-load.sql"]["run_when"].as<std::string>(), "rows");
  ExpectQ3Contract(r);
  CompareWithGolden("p6-starrocks-routine-load", r.all);
}

}  // namespace
}  // namespace freshbench
