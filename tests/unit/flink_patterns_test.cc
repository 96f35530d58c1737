// The P2/P3 pattern files: shared pipeline files stay identical, every
// statement is one the Flink driver accepts, Q3 has the contract's columns.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engines/flink/directives.h"

namespace freshbench::flink {
namespace {

std::string Read(const std::string& rel) {
  std::ifstream in(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FlinkPatterns, P3SharesP2sPipelineFiles) {
  for (const char* f : {"setup.sql", "teardown.sql"}) {
    const std::string p2 = Read(std::string("p2-fluss-union/") + f);
    ASSERT_FALSE(p2.empty()) << f;
    EXPECT_EQ(p2, Read(std::string("p3-fluss-lake/") + f)) << f << " must be the same file in P2 and P3";
  }
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
  std::stringstream in(Read("p2-fluss-union/setup.sql"));
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
