#include "measure/query_sample.h"

#include <gtest/gtest.h>

namespace freshbench {
namespace {

TEST(QuerySampleTest, RoundTripsThroughJsonWithNulls) {
  QuerySample s;
  s.pattern = "p1";
  s.query = "q3";
  s.t_submit_ms = 1000;
  s.t_done_ms = 1012;
  s.query_latency_ms = 12.5;
  s.max_event_time_ms = 900;
  s.freshness_lag_ms = 112;
  nlohmann::json j = s;
  EXPECT_TRUE(j["pipeline_lag_ms"].is_null());
  QuerySample back = j.get<QuerySample>();
  EXPECT_EQ(back.pattern, "p1");
  EXPECT_EQ(*back.max_event_time_ms, 900);
  EXPECT_FALSE(back.pipeline_lag_ms.has_value());
  EXPECT_TRUE(back.ok());
}

}  // namespace
}  // namespace freshbench
