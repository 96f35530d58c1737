// The P2/P3 pattern files: shared pipeline files stay identical, every
// statement is one the Flink driver accepts, Q3 has the contract's columns.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engines/flink/directives.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"

namespace freshbench::flink {
namespace {

using freshbench::LoadPattern;
using freshbench::ReadStatements;

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FlinkPatterns, P3SharesP2sPipelineFiles) {
  const std::string root = std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/";
  auto p2 = LoadPattern(root + "p2-fluss-union");
  auto p3 = LoadPattern(root + "p3-fluss-lake");
  ASSERT_TRUE(p2.ok()) << p2.status().message();
  ASSERT_TRUE(p3.ok()) << p3.status().message();
  // One pipeline, read two ways: both name the files in patterns/shared/fluss/.
  EXPECT_EQ(p3->setup, std::vector<std::string>{"../shared/fluss/setup.sql"});
  EXPECT_EQ(p3->teardown, std::vector<std::string>{"../shared/fluss/teardown.sql"});
  EXPECT_EQ(p2->setup, p3->setup);
  EXPECT_EQ(p2->teardown, p3->teardown);
  EXPECT_EQ(p3->settings, p2->settings) << "P2's setup files need every one of P2's settings";
  // The statements P3 runs are P2's, placeholders and all.
  auto values = p2->settings;
  values["topic"] = "t";
  values["kafka_bootstrap"] = "127.0.0.1:9092";
  auto s2 = ReadStatements(*p2, p2->setup, values);
  auto s3 = ReadStatements(*p3, p3->setup, values);
  ASSERT_TRUE(s2.ok()) << s2.status().message();
  ASSERT_TRUE(s3.ok()) << s3.status().message();
  EXPECT_EQ(*s2, *s3);
  EXPECT_FALSE(s3->empty());
}

TEST(FlinkPatterns, Q3ReturnsTheContractColumnsWithoutSecondResolution) {
  for (const char* dir : {"p2-fluss-union", "p3-fluss-lake"}) {
    const std::string q3 = Read(std::string(dir) + "/q3.sql");
    for (const char* col : {"max_event_time", "max_ingest_time", "engine_now", "total_rows"})
      EXPECT_NE(q3.find(std::string("AS ") + col), std::string::npos) << dir << " " << col;
    EXPECT_EQ(q3.find("TIMESTAMPDIFF"), std::string::npos) << dir;
  }
  EXPECT_NE(Read("p3-fluss-lake/q3.sql").find("$lake`"), std::string::npos);
  EXPECT_EQ(Read("p2-fluss-union/q3.sql").find("$lake"), std::string::npos);
}

TEST(FlinkPatterns, SetupStatementsParse) {
  std::stringstream in(Read("shared/fluss/setup.sql"));
  std::string line, cur;
  int statements = 0, directives = 0;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) == 0) continue;
    cur += line + "\n";
    if (!line.empty() && line.back() == ';') {
      auto st = ParseDriverStatement(cur.substr(0, cur.size() - 2));
      ASSERT_TRUE(st.ok()) << st.status().message() << "\n" << cur;
      directives += st->unless_running.has_value() || st->unless_table.has_value();
      ++statements;
      cur.clear();
    }
  }
  EXPECT_GE(statements, 6);
  EXPECT_EQ(directives, 3) << "table, tiering job and ingest job are each guarded";
}

}  // namespace
}  // namespace freshbench::flink
