// Against a real StarRocks FE, when one is configured (FRESHBENCH_STARROCKS
// or the config file; see ResolveStarRocksEndpoint). Without one every test
// is skipped with that reason printed: StarRocks has no registry package,
// so the local stack cannot start it (deploy/compose/ can).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "config/endpoints.h"
#include "engines/starrocks/datetime_text.h"
#include "engines/starrocks/starrocks_driver.h"
#include "integration_env.h"

namespace freshbench {
namespace {

std::string ReadPatternFile(const std::string& rel) {
  std::ifstream in(std::string(FRESHBENCH_SOURCE_DIR) + "/patterns/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Fills {{name}} from `values` and splits on ';' at line ends, dropping comment lines.
std::vector<std::string> Statements(std::string text,
                                    const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    const std::string ph = "{{" + k + "}}";
    for (size_t p = text.find(ph); p != std::string::npos; p = text.find(ph, p + v.size()))
      text.replace(p, ph.size(), v);
  }
  std::vector<std::string> out;
  std::string cur, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    const size_t last = line.find_last_not_of(" \t");
    if (line[last] == ';') {
      cur += line.substr(0, last);
      out.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  return out;
}

class StarRocksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto e = ResolveStarRocksEndpoint(Endpoints::FromEnvironment());
    if (!e.ok()) {
      std::fprintf(stderr, "starrocks_test: skipping: %s\n", e.status().message().c_str());
      GTEST_SKIP() << e.status().message();
    }
    driver_ = std::make_unique<StarRocksDriver>(*e);
  }
  std::unique_ptr<StarRocksDriver> driver_;
};

TEST_F(StarRocksTest, ReportsItsOwnVersionAndClock) {
  auto v = driver_->ServerVersion();
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_NE(v->find('.'), std::string::npos) << *v;
  const auto wall = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const int64_t before = wall();
  auto now = driver_->EngineNowMs();
  const int64_t after = wall();
  ASSERT_TRUE(now.ok()) << now.status().message();
  const int64_t skew = *now - (before + after) / 2;
  std::fprintf(stderr,
               "StarRocks %s: engine clock minus harness clock = %lld ms (round trip %lld ms)\n",
               v->c_str(), static_cast<long long>(skew), static_cast<long long>(after - before));
  EXPECT_LT(std::llabs(skew), 60'000)
      << "UTC session: the engine's NOW(3) is within a minute of ours";
}

TEST_F(StarRocksTest, ServerErrorsCarryStarRocksMessage) {
  auto rs = driver_->Execute("SELECT * FROM freshbench_no_such_db.no_such_table");
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.status().code(), Status::Code::kServerError);
  EXPECT_NE(rs.status().message().find("ERROR"), std::string::npos) << rs.status().message();
}

// P5's and P6's table and queries (patterns/shared/starrocks/; not the
// Routine Load, which needs a Kafka the StarRocks BE can reach): created,
// queried, dropped.
TEST_F(StarRocksTest, P6TableAndQueriesRunAndQ3HasTheContractColumns) {
  const std::map<std::string, std::string> values = {{"database", "freshbench_it"},
                                                     {"table", "transactions_it"},
                                                     {"buckets", "1"},
                                                     {"replication_num", "1"}};
  for (const auto& stmt :
       Statements(ReadPatternFile("shared/starrocks/pk-table.sql"), values)) {
    auto r = driver_->Execute(stmt);
    ASSERT_TRUE(r.ok()) << stmt << "\n" << r.status().message();
  }
  ASSERT_TRUE(
      driver_
          ->Execute("INSERT INTO freshbench_it.transactions_it (event_id, user_id, amount, region, "
                    "event_type, event_time) VALUES ('e1', 1, 1.50, 'eu-west-1', 'view', "
                    "'2026-05-25 15:35:55.092')")
          .ok());
  for (const char* q : {"q1.sql", "q2.sql", "q3.sql"}) {
    auto stmts = Statements(ReadPatternFile(std::string("shared/starrocks/") + q), values);
    ASSERT_EQ(stmts.size(), 1u) << q;
    auto rs = driver_->Execute(stmts[0]);
    ASSERT_TRUE(rs.ok()) << q << ": " << rs.status().message();
    if (std::string(q) == "q3.sql") {
      for (const char* col : {"max_event_time", "max_ingest_time", "engine_now", "total_rows"})
        EXPECT_GE(rs->ColumnIndex(col), 0) << col;
      EXPECT_EQ(rs->rows[0][rs->ColumnIndex("total_rows")], "1");
      auto t = ParseUtcDateTimeMs(rs->rows[0][rs->ColumnIndex("max_event_time")].value_or(""));
      ASSERT_TRUE(t.ok()) << t.status().message();
      // StarRocks' DATETIME keeps fractions of a second; report what this server kept.
      EXPECT_TRUE(*t == 1779723355092 || *t == 1779723355000) << *t;
      std::fprintf(stderr, "max_event_time as stored: %s\n",
                   rs->rows[0][rs->ColumnIndex("max_event_time")]->c_str());
      EXPECT_TRUE(rs->rows[0][rs->ColumnIndex("max_ingest_time")].has_value())
          << "DEFAULT CURRENT_TIMESTAMP";
    }
  }
  for (const auto& stmt :
       Statements(ReadPatternFile("shared/starrocks/drop-table.sql"), values)) {
    EXPECT_TRUE(driver_->Execute(stmt).ok()) << stmt;
  }
  driver_->Execute("DROP DATABASE IF EXISTS freshbench_it");
}

TEST_F(StarRocksTest, StatusOfAMissingJobIsOneLineAndFails) {
  auto r = testing::RunFreshbench({"status", "p6", "--set", "job=freshbench_no_such_job"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("freshbench: status p6:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

}  // namespace
}  // namespace freshbench
