#include <gtest/gtest.h>

#include "engines/starrocks/routine_load_status.h"

namespace freshbench {
namespace {

// SHOW ROUTINE LOAD as StarRocks 3.3 answers it (columns trimmed to those read).
ResultSet Answer(
    const std::string& state, const std::string& progress, const std::string& latest,
    const std::string& stats = R"({"loadedRows":500000,"errorRows":2,"loadRowsRate":4000})") {
  ResultSet rs;
  rs.columns = {"Id",
                "Name",
                "DbName",
                "TableName",
                "State",
                "Statistic",
                "Progress",
                "TimestampProgress",
                "ReasonOfStateChanged",
                "ErrorLogUrls",
                "LatestSourcePosition"};
  rs.rows.push_back({"10204", "transactions_p6_load", "analytics", "transactions_p6", state, stats,
                     progress, R"({"0":"1779723355092","1":"1779723350000"})", "", std::nullopt,
                     latest});
  return rs;
}

TEST(RoutineLoadStatusTest, ReadsStateStatisticsAndLagPerPartition) {
  auto s = RoutineLoadStatus::FromShowRoutineLoad(
      Answer("RUNNING", R"({"0":"5","1":"99","2":"OFFSET_BEGINNING"})",
             R"({"0":"6","1":"150","2":"40"})"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->name, "transactions_p6_load");
  EXPECT_EQ(s->database, "analytics");
  EXPECT_EQ(s->table, "transactions_p6");
  EXPECT_EQ(s->state, "RUNNING");
  EXPECT_EQ(s->loaded_rows, 500000);
  EXPECT_EQ(s->error_rows, 2);
  EXPECT_EQ(s->load_rows_rate, 4000);
  ASSERT_EQ(s->partitions.size(), 3u);
  EXPECT_EQ(s->partitions.at(0).lag_messages, 0);   // consumed offset 5, end 6: caught up
  EXPECT_EQ(s->partitions.at(1).lag_messages, 50);  // next to consume is 100, end 150
  EXPECT_FALSE(s->partitions.at(2).lag_messages.has_value())
      << "symbolic start offset: lag unknown";
  EXPECT_EQ(s->TotalLag(), 50);
  EXPECT_EQ(s->OldestConsumedTimeMs(), 1779723350000);
  EXPECT_TRUE(s->error_log_url.empty());
}

TEST(RoutineLoadStatusTest, PausedJobKeepsItsReason) {
  ResultSet rs = Answer("PAUSED", R"({"0":"19"})", R"({"0":"20"})");
  rs.rows[0][rs.ColumnIndex("ReasonOfStateChanged")] =
      "ErrorReason{errCode = 102, msg='current error rows is more than max error num'}";
  auto s = RoutineLoadStatus::FromShowRoutineLoad(rs);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->state, "PAUSED");
  EXPECT_NE(s->reason.find("max error num"), std::string::npos);
}

TEST(RoutineLoadStatusTest, NoLagKnownBeforeTheFirstTask) {
  auto s = RoutineLoadStatus::FromShowRoutineLoad(Answer("NEED_SCHEDULE", "", "", "{}"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE(s->TotalLag().has_value());
  EXPECT_EQ(s->loaded_rows, 0);
}

TEST(RoutineLoadStatusTest, EmptyAnswerAndBadJsonAreErrors) {
  ResultSet empty;
  EXPECT_EQ(RoutineLoadStatus::FromShowRoutineLoad(empty).status().code(), Status::Code::kNotFound);
  auto bad = RoutineLoadStatus::FromShowRoutineLoad(Answer("RUNNING", "{not json", "{}"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Progress"), std::string::npos);
}

}  // namespace
}  // namespace freshbench
