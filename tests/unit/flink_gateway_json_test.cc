#include "engines/flink/gateway_json.h"

#include <gtest/gtest.h>

namespace freshbench::flink {
namespace {

TEST(FlinkGatewayJson, PayloadPageBecomesTextCells) {
  const std::string body = R"({"resultType":"PAYLOAD","isQueryResult":true,"jobID":"abc",
    "resultKind":"SUCCESS_WITH_CONTENT","results":{"columns":[
      {"name":"max_event_time","logicalType":{"type":"TIMESTAMP_WITHOUT_TIME_ZONE","nullable":true,"precision":3}},
      {"name":"total_rows","logicalType":{"type":"BIGINT","nullable":false}},
      {"name":"amount","logicalType":{"type":"DECIMAL","nullable":true}},
      {"name":"region","logicalType":{"type":"VARCHAR","nullable":true}}],
    "rowFormat":"JSON","data":[
      {"kind":"INSERT","fields":["2026-11-21T23:36:58.656",21600,12.50,null]},
      {"kind":"UPDATE_BEFORE","fields":["2026-11-21T23:36:58.000",1,1.0,"x"]}]},
    "nextResultUri":"/v1/sessions/s/operations/o/result/2?rowFormat=JSON"})";
  auto page = ParseResultPage(body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->type, ResultPage::Type::kPayload);
  ASSERT_EQ(page->columns.size(), 4u);
  EXPECT_EQ(page->columns[0], "max_event_time");
  ASSERT_EQ(page->rows.size(), 1u);  // the retraction row is dropped
  EXPECT_EQ(*page->rows[0][0], "2026-11-21 23:36:58.656");
  EXPECT_EQ(*page->rows[0][1], "21600");
  EXPECT_EQ(*page->rows[0][2], "12.5");
  EXPECT_FALSE(page->rows[0][3].has_value());
  EXPECT_EQ(*page->job_id, "abc");
  EXPECT_EQ(TokenOf(*page->next_uri), 2);
}

TEST(FlinkGatewayJson, NotReadyAndEos) {
  auto nr = ParseResultPage(R"({"resultType":"NOT_READY","nextResultUri":"/v1/x/result/0"})");
  ASSERT_TRUE(nr.ok());
  EXPECT_EQ(nr->type, ResultPage::Type::kNotReady);
  EXPECT_EQ(TokenOf(*nr->next_uri), 0);
  auto eos = ParseResultPage(R"({"resultType":"EOS","results":{"columns":[],"data":[]}})");
  ASSERT_TRUE(eos.ok());
  EXPECT_EQ(eos->type, ResultPage::Type::kEos);
  EXPECT_FALSE(eos->next_uri.has_value());
}

TEST(FlinkGatewayJson, GarbageIsAServerError) {
  auto bad = ParseResultPage("<html>oops</html>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kServerError);
}

TEST(FlinkGatewayJson, ErrorKeepsTheDeepestCause) {
  const std::string body = R"({"errors":["Internal server error.","<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n\tat x.y(Z.java:1)\nCaused by: org.apache.flink.table.api.TableException: outer\n\tat a.b(C.java:2)\nCaused by: java.lang.UnsupportedOperationException: Currently, Batch mode can only be supported if one lake snapshot exists for the table.\n\tat d.e(F.java:3)\n\nEnd of exception on server side>"]})";
  Status st = ServerErrorFromBody(500, body);
  EXPECT_EQ(st.code(), Status::Code::kServerError);
  EXPECT_EQ(st.message(),
            "java.lang.UnsupportedOperationException: Currently, Batch mode can only be supported if "
            "one lake snapshot exists for the table.");
  EXPECT_EQ(st.message().find('\n'), std::string::npos);
}

TEST(FlinkGatewayJson, ErrorWithoutCauseUsesFirstLineOrStatus) {
  EXPECT_EQ(ServerErrorFromBody(404, R"({"errors":["Not found: /v1/nope"]})").message(), "Not found: /v1/nope");
  EXPECT_EQ(ServerErrorFromBody(502, "").message(), "HTTP 502");
}

TEST(FlinkGatewayJson, TokenOfRejectsNonNumbers) {
  EXPECT_EQ(TokenOf("/v1/sessions/s/operations/o/result/17"), 17);
  EXPECT_EQ(TokenOf("/v1/sessions/s/operations/o/result/x"), -1);
  EXPECT_EQ(TokenOf(""), -1);
}

}  // namespace
}  // namespace freshbench::flink
