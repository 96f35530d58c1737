#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <deque>

#include "measure/completeness.h"
#include "measure/metrics.h"
#include "measure/probe_loop.h"
#include "measure/summary.h"
#include "common/timestamp.h"

namespace freshbench {
namespace {

TEST(TimestampTest, ParsesEpochMillisAndText) {
  EXPECT_EQ(*ParseTimestampMs("1716651355092"), 1716651355092);
  EXPECT_EQ(*ParseTimestampMs("2024-05-25 15:35:55.092"), 1716651355092);
  EXPECT_EQ(*ParseTimestampMs("2024-05-25T15:35:55.092Z"), 1716651355092);
  EXPECT_EQ(*ParseTimestampMs("2024-05-25 15:35:55"), 1716651355000);
  EXPECT_EQ(*ParseTimestampMs("2024-05-25 15:35:55.1"), 1716651355100);
  EXPECT_EQ(*ParseTimestampMs("2024-05-25 15:35:55.123456789"), 1716651355123);
  EXPECT_EQ(*ParseTimestampMs("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(*ParseTimestampMs("2000-02-29 23:59:59.999"), 951868799999);
}

TEST(TimestampTest, RejectsGarbage) {
  for (const char* bad : {"", "yesterday", "2024-05-25", "2024-13-01 00:00:00",
                          "2024-05-25 15:35:55.", "2024-05-25 15:35:55+02:00", "12ab"}) {
    auto r = ParseTimestampMs(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  }
}

TEST(TimestampTest, FormatRoundTrips) {
  EXPECT_EQ(FormatTimestampMs(1716651355092), "2024-05-25 15:35:55.092");
  EXPECT_EQ(*ParseTimestampMs(FormatTimestampMs(951868799999)), 951868799999);
}

TEST(MetricsTest, Formulas) {
  EXPECT_DOUBLE_EQ(FreshnessLagMs(10'000, 7'900), 2100);
  EXPECT_DOUBLE_EQ(PipelineLagMs(8'000, 7'900), 100);
  EXPECT_DOUBLE_EQ(EngineFreshnessLagMs(9'000, 7'900), 1100);
  // Engine read 1000 while the harness sent at 990 and got the answer 20 ms
  // later: the midpoint is 1000, so no skew.
  EXPECT_DOUBLE_EQ(ClockSkewMs(1000, 990, 20), 0);
  EXPECT_DOUBLE_EQ(ClockSkewMs(1500, 990, 20), 500);
}

TEST(MetricsTest, FillsQ3AnswerOnTheHarnessClock) {
  ResultSet rs;
  rs.columns = {"max_event_time", "max_ingest_time", "engine_now", "total_rows"};
  rs.rows = {{"2024-05-25 15:35:55.092", "1716651355300", "2024-05-25 15:35:57.000", "42"}};
  QuerySample s;
  s.t_done_ms = 1716651357192;
  ASSERT_TRUE(FillAnswerMetrics(rs, &s).ok());
  EXPECT_EQ(*s.max_event_time_ms, 1716651355092);
  EXPECT_EQ(*s.total_rows, 42);
  EXPECT_DOUBLE_EQ(*s.freshness_lag_ms, 2100);
  EXPECT_DOUBLE_EQ(*s.pipeline_lag_ms, 208);
  EXPECT_DOUBLE_EQ(*s.engine_freshness_lag_ms, 1908);
}

TEST(MetricsTest, EmptyTableAndMissingColumnsLeaveMetricsUnset) {
  ResultSet rs;
  rs.columns = {"max_event_time", "total_rows", "max_ingest_time"};
  rs.rows = {{"1970-01-01 00:00:00", "0", std::nullopt}};
  QuerySample s;
  s.t_done_ms = 5000;
  ASSERT_TRUE(FillAnswerMetrics(rs, &s).ok());
  EXPECT_FALSE(s.max_event_time_ms.has_value());
  EXPECT_FALSE(s.freshness_lag_ms.has_value());
  EXPECT_FALSE(s.pipeline_lag_ms.has_value());
  EXPECT_EQ(*s.total_rows, 0);
  ResultSet q1;
  q1.columns = {"region", "cnt"};
  q1.rows = {{"us-east-1", "3"}};
  QuerySample s1;
  ASSERT_TRUE(FillAnswerMetrics(q1, &s1).ok());
  EXPECT_FALSE(s1.freshness_lag_ms.has_value());
}

TEST(MetricsTest, UnparseableTimeIsAnError) {
  ResultSet rs;
  rs.columns = {"max_event_time"};
  rs.rows = {{"soon"}};
  QuerySample s;
  EXPECT_FALSE(FillAnswerMetrics(rs, &s).ok());
}

// A scripted driver: answers from a queue, its clock from a list.
class FakeDriver : public Driver {
 public:
  std::deque<Result<ResultSet>> answers;
  std::deque<int64_t> clock;
  int resolution = 1;
  std::string Name() const override { return "fake"; }
  Result<std::string> ServerVersion() override { return std::string("1.0"); }
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string&, const CallOptions&) override {
    if (answers.empty()) return Status::ServerError("no answer scripted");
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  Result<int64_t> EngineNowMs() override {
    auto v = clock.front();
    clock.pop_front();
    return v;
  }
  int EngineClockResolutionMs() const override { return resolution; }
};

TEST(MetricsTest, RunMeasuredQueryRecordsServerErrors) {
  FakeDriver d;
  d.answers.push_back(Status::ServerError("Code: 60: Table x doesn't exist"));
  QuerySample s = RunMeasuredQuery(d, "p1", "q3", "SELECT", 12.5);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.error, "Code: 60: Table x doesn't exist");
  EXPECT_EQ(*s.clock_skew_ms, 12.5);
  EXPECT_GE(s.t_done_ms, s.t_submit_ms);
  EXPECT_GE(s.query_latency_ms, 0);
}

// A lake before its first snapshot: not an error, a sample without data
// whose note says why (and which survives the JSON line).
TEST(MetricsTest, AnAnswerWithoutDataYetIsASampleWithANote) {
  FakeDriver d;
  const std::string reason = "no data yet: the table's lake has no snapshot yet";
  d.answers.push_back(Status::NotReady(reason));
  QuerySample s = RunMeasuredQuery(d, "p2", "q3", "SELECT", 1.0);
  EXPECT_TRUE(s.ok()) << s.error;
  EXPECT_EQ(s.note, reason);
  EXPECT_EQ(s.rows, 0);
  EXPECT_FALSE(s.freshness_lag_ms.has_value());
  EXPECT_FALSE(s.total_rows.has_value());
  QuerySample back = nlohmann::json(s).get<QuerySample>();
  EXPECT_EQ(back.note, s.note);
  EXPECT_NE(ProbeTableLine(s).find("no snapshot yet"), std::string::npos);
}

// A whole-second engine clock 300 ms ahead of the harness: the skew is found
// from the moment its second ticks over, far better than +/- 500 ms.
class SecondsClockDriver : public FakeDriver {
 public:
  Result<int64_t> EngineNowMs() override {
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count() +
                        300;
    return now / 1000 * 1000;
  }
};

TEST(MetricsTest, ClockSkewOfASecondsClockIsFoundAtItsTick) {
  SecondsClockDriver d;
  d.resolution = 1000;
  auto skew = MeasureClockSkew(d, 1);
  ASSERT_TRUE(skew.ok());
  EXPECT_EQ(skew->resolution_ms, 1000);
  // Without polling to the tick the error would be up to ±500 ms; the
  // margin leaves room for a busy machine's scheduling delays.
  EXPECT_NEAR(skew->skew_ms, 300, 150);
  EXPECT_LT(skew->uncertainty_ms, 150);
}

TEST(MetricsTest, ClockSkewOfAMillisecondClockKeepsTheShortestRoundTrip) {
  FakeDriver d;
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  d.clock = {now - 40, now - 40, now - 40};
  auto skew = MeasureClockSkew(d, 3);
  ASSERT_TRUE(skew.ok());
  EXPECT_NEAR(skew->skew_ms, -40, 10);
  EXPECT_FALSE(MeasureClockSkew(d, 0).ok());
}

TEST(SummaryTest, NearestRank) {
  Summary s = Summarize({5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
  EXPECT_EQ(s.count, 10u);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.p50, 5);
  EXPECT_EQ(s.p95, 10);
  EXPECT_EQ(s.max, 10);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  Summary one = Summarize({7});
  EXPECT_EQ(one.p50, 7);
  EXPECT_EQ(one.p95, 7);
  EXPECT_EQ(Summarize({}).count, 0u);
}

TEST(CompletenessTest, LostAndDuplicated) {
  EXPECT_EQ(ExpectedEvents({0, 5, -1}, {10, 5, 3}), 13);
  auto c = ComputeCompleteness(100, 103, 98);
  EXPECT_EQ(c.lost, 2);
  EXPECT_EQ(c.duplicated, 5);
  EXPECT_FALSE(c.complete());
  EXPECT_TRUE(ComputeCompleteness(100, 100, 100).complete());
  EXPECT_EQ(ComputeCompleteness(100, 101, 101).unexpected, 1);
}

TEST(ProbeLoopTest, OneSamplePerTickUntilDuration) {
  FakeDriver d;
  for (int i = 0; i < 10; ++i) {
    ResultSet rs;
    rs.columns = {"max_event_time", "total_rows"};
    rs.rows = {{"1000", std::to_string(i)}};
    d.answers.push_back(rs);
  }
  std::atomic<bool> stop{false};
  std::vector<QuerySample> got;
  ProbeOptions o;
  o.interval_ms = 20;
  o.duration_ms = 100;
  int64_t ticks = RunProbeLoop({{"p1", "q3", &d, "SELECT", 3.0}}, o, stop,
                               [&](const QuerySample& s) { got.push_back(s); });
  EXPECT_EQ(ticks, 5);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(*got[4].total_rows, 4);
  EXPECT_EQ(*got[0].clock_skew_ms, 3.0);
  EXPECT_NE(ProbeTableLine(got[0]).find("p1"), std::string::npos);
}

TEST(ProbeLoopTest, StopsWhenAsked) {
  FakeDriver d;
  std::atomic<bool> stop{true};
  ProbeOptions o;
  o.interval_ms = 10;
  int64_t ticks =
      RunProbeLoop({{"p1", "q3", &d, "SELECT", std::nullopt}}, o, stop, [](const QuerySample&) {});
  EXPECT_EQ(ticks, 0);
}

}  // namespace
}  // namespace freshbench
