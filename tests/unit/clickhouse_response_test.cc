#include "engines/clickhouse/clickhouse_response.h"

#include <gtest/gtest.h>

#include "engines/clickhouse/clickhouse_driver.h"
#include "engines/driver_registry.h"

namespace freshbench {
namespace {

TEST(ClickHouseResponseTest, ParsesJsonCompactCellsAsText) {
  const char* body = R"json({"meta":[{"name":"x","type":"UInt8"},{"name":"y","type":"UInt64"},
    {"name":"z","type":"Nullable(Nothing)"},{"name":"s","type":"String"},{"name":"f","type":"Float64"}],
    "data":[[1, "5", null, "a\"b", 1.5],[2, 6, null, "", 0]],"rows":2,"statistics":{"elapsed":0.1}})json";
  auto rs = ParseJsonCompact(body);
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  ASSERT_EQ(rs->columns, (std::vector<std::string>{"x", "y", "z", "s", "f"}));
  ASSERT_EQ(rs->rows.size(), 2u);
  EXPECT_EQ(*rs->rows[0][0], "1");
  EXPECT_EQ(*rs->rows[0][1], "5");
  EXPECT_FALSE(rs->rows[0][2].has_value());
  EXPECT_EQ(*rs->rows[0][3], "a\"b");
  EXPECT_EQ(*rs->rows[0][4], "1.5");
  EXPECT_EQ(*rs->rows[1][1], "6");
  EXPECT_EQ(rs->ColumnIndex("s"), 3);
  EXPECT_EQ(rs->ColumnIndex("nope"), -1);
}

TEST(ClickHouseResponseTest, EmptyBodyIsEmptyResult) {
  auto rs = ParseJsonCompact("");
  ASSERT_TRUE(rs.ok());
  EXPECT_TRUE(rs->columns.empty());
  EXPECT_TRUE(rs->rows.empty());
}

TEST(ClickHouseResponseTest, ExceptionAfterHeaderBecomesServerError) {
  auto rs = ParseJsonCompact(
      "{\"meta\":[{\"name\":\"x\"}],\"data\":[[0],\nCode: 395, e.displayText() = DB::Exception: "
      "Value passed to 'throwIf' function is non zero, e.what() = DB::Exception\n");
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.status().code(), Status::Code::kServerError);
  EXPECT_EQ(rs.status().message(), "Code: 395: Value passed to 'throwIf' function is non zero");
}

TEST(ClickHouseResponseTest, CleansLegacyAndModernErrors) {
  EXPECT_EQ(CleanServerError("Code: 60, e.displayText() = DB::Exception: Table analytics.x doesn't "
                             "exist., e.what() = DB::Exception\n"),
            "Code: 60: Table analytics.x doesn't exist");
  EXPECT_EQ(CleanServerError("Code: 62. DB::Exception: Syntax error: failed at position 1 "
                             "('SELEC'). (SYNTAX_ERROR) (version 24.3.2.23 (official build))\n"),
            "Code: 62: Syntax error: failed at position 1 ('SELEC'). (SYNTAX_ERROR)");
  EXPECT_EQ(CleanServerError(""), "empty error answer from ClickHouse");
}

TEST(ClickHouseResponseTest, ParsesTsvWithNames) {
  auto rs = ParseTsvWithNames("a\tb\n1\tx\\ty\n\\N\t\n");
  ASSERT_TRUE(rs.ok());
  ASSERT_EQ(rs->rows.size(), 2u);
  EXPECT_EQ(*rs->rows[0][1], "x\ty");
  EXPECT_FALSE(rs->rows[1][0].has_value());
  EXPECT_EQ(*rs->rows[1][1], "");
}

TEST(ClickHouseDriverTest, VersionBelow) {
  EXPECT_TRUE(ClickHouseVersionBelow("18.16.1", 20));
  EXPECT_FALSE(ClickHouseVersionBelow("20.3.1", 20));
  EXPECT_FALSE(ClickHouseVersionBelow("24.3.2.23", 20));
  EXPECT_FALSE(ClickHouseVersionBelow("garbage", 20));
}

TEST(ClickHouseDriverTest, UnreachableServerIsUnavailableWithOneLine) {
  ClickHouseOptions o;
  o.url = "http://127.0.0.1:1";  // nothing listens on port 1
  o.connect_timeout_ms = 500;
  ClickHouseDriver d(o);
  auto v = d.ServerVersion();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(v.status().message().find("127.0.0.1:1"), std::string::npos);
  EXPECT_EQ(v.status().message().find('\n'), std::string::npos);
}

TEST(DriverRegistryTest, KnowsClickHouseAndRejectsUnknown) {
  Endpoints e;
  auto d = MakeDriver("clickhouse", e);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->Name(), "clickhouse");
  auto bad = MakeDriver("nosuchdb", e);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("clickhouse"), std::string::npos);
}

}  // namespace
}  // namespace freshbench
