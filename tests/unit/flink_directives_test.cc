#include "engines/flink/directives.h"

#include <gtest/gtest.h>

namespace freshbench::flink {
namespace {

TEST(FlinkDirectives, PlainSqlIsUntouched) {
  const std::string sql = "SELECT COUNT(*) FROM analytics.transactions";
  auto st = ParseDriverStatement(sql);
  ASSERT_TRUE(st.ok());
  EXPECT_FALSE(st->unless_running.has_value());
  EXPECT_EQ(std::get<SqlText>(st->action).sql, sql);
  // IF EXISTS / IF NOT EXISTS inside SQL are not directives.
  auto ddl = ParseDriverStatement("IF EXISTS whatever");
  ASSERT_TRUE(ddl.ok());
  EXPECT_TRUE(std::holds_alternative<SqlText>(ddl->action));
}

TEST(FlinkDirectives, RunJarWithArgs) {
  auto st = ParseDriverStatement(
      "run jar 'flink/jobs/tiering.jar'\n  ENTRY 'org.apache.fluss.flink.tiering.FlussLakeTieringEntrypoint'\n"
      "  ARGS '--fluss.bootstrap.servers 127.0.0.1:9123  --datalake.format paimon'");
  ASSERT_TRUE(st.ok()) << st.status().message();
  const auto& run = std::get<RunJar>(st->action);
  EXPECT_EQ(run.jar, "flink/jobs/tiering.jar");
  EXPECT_EQ(run.entry_class, "org.apache.fluss.flink.tiering.FlussLakeTieringEntrypoint");
  ASSERT_EQ(run.args.size(), 4u);
  EXPECT_EQ(run.args[1], "127.0.0.1:9123");
  EXPECT_EQ(run.args[3], "paimon");
}

TEST(FlinkDirectives, IfNotRunningWrapsAnyStatement) {
  auto st = ParseDriverStatement(
      "-- keep setup idempotent\nIF NOT RUNNING 'it''s ingest' INSERT INTO t SELECT * FROM k");
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(*st->unless_running, "it's ingest");
  EXPECT_EQ(std::get<SqlText>(st->action).sql, "INSERT INTO t SELECT * FROM k");
  auto jar = ParseDriverStatement("IF NOT RUNNING 'tiering' RUN JAR 'a.jar' ENTRY 'Main'");
  ASSERT_TRUE(jar.ok());
  EXPECT_TRUE(std::get<RunJar>(jar->action).args.empty());
}

TEST(FlinkDirectives, IfTableMissingGuardsCreate) {
  auto st = ParseDriverStatement("IF TABLE MISSING 'fluss_catalog.analytics.transactions'\nCREATE TABLE IF NOT EXISTS x (a INT)");
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(*st->unless_table, "fluss_catalog.analytics.transactions");
  EXPECT_FALSE(st->unless_running.has_value());
  EXPECT_EQ(std::get<SqlText>(st->action).sql, "CREATE TABLE IF NOT EXISTS x (a INT)");
  EXPECT_FALSE(ParseDriverStatement("IF TABLE MISSING 'analytics.transactions' SELECT 1").ok());
}

TEST(FlinkDirectives, CancelJobsList) {
  auto st = ParseDriverStatement("CANCEL JOBS 'a', 'b b'");
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(std::get<CancelJobs>(st->action).names, (std::vector<std::string>{"a", "b b"}));
}

TEST(FlinkDirectives, MalformedDirectivesAreInvalidArgument) {
  for (const char* bad : {"RUN JAR 'a.jar'", "RUN JAR a.jar ENTRY 'M'", "CANCEL JOBS", "CANCEL JOBS 'a' 'b'",
                          "IF NOT RUNNING 'x'", "IF NOT RUNNING 'x' IF NOT RUNNING 'y' SELECT 1",
                          "RUN JAR 'a' ENTRY 'M' ARGS 'x' trailing"}) {
    auto st = ParseDriverStatement(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.status().code(), Status::Code::kInvalidArgument) << bad;
  }
}

TEST(FlinkDirectives, DriverPlaceholders) {
  std::map<std::string, std::string> v = {{"fluss_bootstrap", "127.0.0.1:9523"}};
  auto ok = ExpandDriverPlaceholders("'${fluss_bootstrap}' costs $5", v);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "'127.0.0.1:9523' costs $5");
  auto unknown = ExpandDriverPlaceholders("${nope}", v);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("fluss_bootstrap"), std::string::npos);
  EXPECT_FALSE(ExpandDriverPlaceholders("${open", v).ok());
}

}  // namespace
}  // namespace freshbench::flink
