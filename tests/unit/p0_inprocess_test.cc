#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <thread>

#include "common/timestamp.h"
#include "config/endpoints.h"
#include "engines/inprocess/event_fields.h"
#include "engines/inprocess/inprocess_aggregator.h"
#include "engines/inprocess/inprocess_driver.h"
#include "gen/generator.h"
#include "gen/json_encoder.h"

namespace freshbench::inprocess {
namespace {

constexpr int64_t kNow = 1'763'767'815'000;  // 2025-11-21 23:30:15 UTC

EventFields Ev(const char* id, int region, int64_t cents, int64_t t_ms) {
  return EventFields{id, region, cents, t_ms};
}

TEST(P0EventFieldsTest, ReadsWhatTheGeneratorWrites) {
  gen::Event e;
  const std::string id = "0b7e3c1e-9f6a-4d1b-8a7e-2f1c3d4e5f60";
  std::copy(id.begin(), id.end(), e.event_id.begin());
  e.user_id = 42;
  e.amount_cents = 529910;
  e.region = 3;
  e.event_type = 1;
  e.event_time_ms = kNow + 92;
  gen::JsonEncoder enc;
  char buf[gen::kMaxEncodedEventSize];
  std::string json(buf, enc.Encode(e, buf));
  auto f = ParseEventFields(json);
  ASSERT_TRUE(f.has_value()) << json;
  EXPECT_EQ(f->event_id, id);
  EXPECT_EQ(f->region, 3);
  EXPECT_EQ(f->amount_cents, 529910);
  EXPECT_EQ(f->event_time_ms, kNow + 92);
  EXPECT_FALSE(ParseEventFields("{\"event_id\":\"x\"}").has_value());
  EXPECT_FALSE(ParseEventFields(R"({"event_id":"x","region":"mars","amount":1,"event_time":"2025-11-21T23:30:15.000Z"})").has_value());
}

TEST(P0EventFieldsTest, ParsesBothTimeForms) {
  // P0 reads event_time with the one parser (common/timestamp.h).
  EXPECT_EQ(*ParseDateTimeTextMs("2025-11-21T23:30:15.092Z"), kNow + 92);
  EXPECT_EQ(*ParseDateTimeTextMs("2025-11-21 23:30:15.5"), kNow + 500);
  EXPECT_EQ(*ParseDateTimeTextMs("2025-11-21 23:30:15"), kNow);
  EXPECT_EQ(*ParseDateTimeTextMs("1970-01-01T00:00:00Z"), 0);
  EXPECT_FALSE(ParseDateTimeTextMs("2025-13-01 00:00:00").ok());
  EXPECT_FALSE(ParseDateTimeTextMs("yesterday").ok());
  EXPECT_EQ(FormatTimestampMs(kNow + 92), "2025-11-21 23:30:15.092");
}

TEST(P0AggregatorTest, AnswersQ1Q2Q3FromMemory) {
  InProcessAggregator a;
  a.Apply(Ev("a", 0, 1000, kNow - 2 * 3600 * 1000), 0, 0, kNow);  // older than an hour
  a.Apply(Ev("b", 0, 250, kNow - 1000), 0, 1, kNow);
  a.Apply(Ev("c", 1, 5000, kNow - 61000), 1, 0, kNow);
  a.Apply(Ev("d", 1, 1, kNow - 500), 1, 1, kNow + 3);

  ResultSet q1 = a.Q1(kNow + 10);
  ASSERT_EQ(q1.rows.size(), 2u);
  EXPECT_EQ(*q1.rows[0][0], "us-west-2");  // ORDER BY total DESC
  EXPECT_EQ(*q1.rows[0][1], "2");
  EXPECT_EQ(*q1.rows[0][2], "50.01");
  EXPECT_EQ(*q1.rows[1][0], "us-east-1");
  EXPECT_EQ(*q1.rows[1][1], "1");  // the two-hour-old event is out of Q1
  EXPECT_EQ(*q1.rows[1][2], "2.50");

  ResultSet q2 = a.Q2();
  ASSERT_EQ(q2.rows.size(), 4u);  // three minutes; the newest first
  EXPECT_EQ(q2.columns[0], "window_start");
  EXPECT_GE(*q2.rows[0][0], *q2.rows[1][0]);
  EXPECT_EQ(*q2.rows.back()[0], FormatTimestampMs((kNow - 2 * 3600 * 1000) / 60000 * 60000).substr(0, 19));

  ResultSet q3 = a.Q3(kNow + 10);
  EXPECT_EQ(*q3.rows[0][q3.ColumnIndex("max_event_time")], std::to_string(kNow - 500));
  EXPECT_EQ(*q3.rows[0][q3.ColumnIndex("max_ingest_time")], std::to_string(kNow + 3));
  EXPECT_EQ(*q3.rows[0][q3.ColumnIndex("engine_now")], std::to_string(kNow + 10));
  EXPECT_EQ(*q3.rows[0][q3.ColumnIndex("total_rows")], "4");
  EXPECT_TRUE(a.SeenRecently("c"));
  EXPECT_FALSE(a.SeenRecently("zz"));
}

TEST(P0AggregatorTest, EmptyQ3HasNullTimes) {
  InProcessAggregator a;
  ResultSet q3 = a.Q3(kNow);
  EXPECT_FALSE(q3.rows[0][0].has_value());
  EXPECT_EQ(*q3.rows[0][3], "0");
}

TEST(P0AggregatorTest, CountsDuplicatesAndGapsByOffset) {
  InProcessAggregator a;
  a.Apply(Ev("a", 0, 1, kNow), 0, 10, kNow);
  a.Apply(Ev("b", 0, 1, kNow), 0, 11, kNow);
  a.Apply(Ev("b", 0, 1, kNow), 0, 11, kNow);  // re-read
  a.Apply(Ev("d", 0, 1, kNow), 0, 14, kNow);  // 12, 13 skipped
  a.Apply(Ev("e", 0, 1, kNow), 2, 0, kNow);
  CompletenessCounts c = a.Completeness();
  EXPECT_EQ(c.rows, 5);
  EXPECT_EQ(c.distinct, 4);
  EXPECT_EQ(c.duplicated, 1);
  EXPECT_EQ(c.gaps, 2);
}

TEST(P0AggregatorTest, RecentIdsAreBounded) {
  InProcessAggregator a;
  std::vector<std::string> ids;
  for (size_t i = 0; i < kRecentIds + 10; ++i) ids.push_back("id-" + std::to_string(i));
  for (size_t i = 0; i < ids.size(); ++i) a.Apply(Ev(ids[i].c_str(), 0, 1, kNow), 0, i, kNow);
  EXPECT_FALSE(a.SeenRecently("id-0"));
  EXPECT_TRUE(a.SeenRecently("id-" + std::to_string(kRecentIds + 9)));
}

// librdkafka's mock cluster stands in for the broker: generator -> topic ->
// P0 reader -> Q3 / SEEN, all in this process.
TEST(P0DriverTest, ReadsATopicEndToEndOnTheMockCluster) {
  char err[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  ASSERT_EQ(rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", err, sizeof err),
            RD_KAFKA_CONF_OK);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  ASSERT_NE(rk, nullptr) << err;
  rd_kafka_mock_cluster_t* mc = rd_kafka_handle_mock_cluster(rk);
  ASSERT_EQ(rd_kafka_mock_topic_create(mc, "p0test", 3, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  const std::string bootstrap = rd_kafka_mock_cluster_bootstraps(mc);

  gen::GeneratorOptions go;
  go.bootstrap = bootstrap;
  go.topic = "p0test";
  go.target_rps = 0;
  go.count = 500;
  go.threads = 1;
  go.seed = 7;
  auto g = gen::Generator::Create(go);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_TRUE((*g)->Start().ok());

  Endpoints e;
  e.kafka_bootstrap = bootstrap;
  e.topic = "p0test";
  InProcessDriver d(e);
  ASSERT_TRUE(d.ServerVersion().ok());
  ASSERT_FALSE(d.Execute("Q3").ok()) << "not set up yet";
  ASSERT_TRUE(d.Execute("START earliest;").ok());
  ASSERT_TRUE(d.Execute("START earliest").ok()) << "setup is idempotent";

  auto marker = (*g)->SendMarker("11111111-2222-4333-8444-555555555555");
  ASSERT_EQ(marker.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  ASSERT_TRUE(marker.get().ok());
  while (!(*g)->Finished()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  (*g)->Stop();

  int64_t rows = 0;
  for (int i = 0; i < 200 && rows < 501; ++i) {
    auto q3 = d.Execute("q3");
    ASSERT_TRUE(q3.ok());
    rows = std::stoll(*q3->rows[0][3]);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(rows, 501);
  auto seen = d.Execute("SEEN 11111111-2222-4333-8444-555555555555");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->rows.size(), 1u);
  EXPECT_EQ(d.Execute("SEEN 99999999-2222-4333-8444-555555555555")->rows.size(), 0u);
  auto counts = d.Execute("COUNTS");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts->rows[0][counts->ColumnIndex("distinct_event_ids")], "501");
  EXPECT_EQ(*counts->rows[0][counts->ColumnIndex("duplicated")], "0");
  auto q1 = d.Execute("Q1");
  ASSERT_TRUE(q1.ok());
  EXPECT_EQ(q1->rows.size(), 7u);
  auto bad = d.Execute("DROP TABLE x");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown command 'DROP'"), std::string::npos);
  ASSERT_TRUE(d.Execute("STOP").ok());
  EXPECT_FALSE(d.Execute("Q3").ok());
  rd_kafka_destroy(rk);
}

}  // namespace
}  // namespace freshbench::inprocess
