// The event model and its encoder: schema, ranges, distributions, seeds.
#include <gtest/gtest.h>
#include <time.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "gen/event_source.h"
#include "gen/json_encoder.h"

namespace freshbench::gen {
namespace {

std::string EncodeToString(const Event& ev) {
  JsonEncoder enc;
  char buf[kMaxEncodedEventSize];
  const size_t n = enc.Encode(ev, buf);
  EXPECT_LE(n, kMaxEncodedEventSize);
  return std::string(buf, n);
}

std::string ExpectedTimestamp(int64_t ms) {
  const time_t secs = static_cast<time_t>(ms / 1000);
  tm utc;
  gmtime_r(&secs, &utc);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

bool IsUuidV4(const std::string& s) {
  return IsUuidText(s) && s[14] == '4' && std::string("89ab").find(s[19]) != std::string::npos;
}

TEST(GenEventTest, EveryFieldParsesWithTheSeedsSchemaAndRanges) {
  EventSource source(42, 0, 99);
  JsonEncoder enc;
  char buf[kMaxEncodedEventSize];
  const int64_t base_ms = 1'779'723'355'092;  // 2026-05-25T15:35:55.092Z
  for (int i = 0; i < 20000; ++i) {
    Event ev;
    source.Next(&ev);
    ev.event_time_ms = base_ms + i * 997;
    const size_t n = enc.Encode(ev, buf);
    const auto j = nlohmann::json::parse(std::string(buf, n));
    ASSERT_EQ(j.size(), 6u) << j.dump();
    ASSERT_TRUE(j["event_id"].is_string());
    EXPECT_TRUE(IsUuidV4(j["event_id"].get<std::string>())) << j["event_id"];
    ASSERT_TRUE(j["user_id"].is_number_integer());
    EXPECT_GE(j["user_id"].get<int64_t>(), 1);
    EXPECT_LE(j["user_id"].get<int64_t>(), 10'000'000);
    ASSERT_TRUE(j["amount"].is_number());
    const double amount = j["amount"].get<double>();
    EXPECT_GE(amount, 0.01);
    EXPECT_LE(amount, 9999.99);
    EXPECT_NEAR(amount * 100, std::round(amount * 100), 1e-6);
    const std::string region = j["region"];
    EXPECT_NE(std::find(kRegions.begin(), kRegions.end(), region), kRegions.end()) << region;
    const std::string type = j["event_type"];
    EXPECT_NE(std::find(kEventTypes.begin(), kEventTypes.end(), type), kEventTypes.end()) << type;
    EXPECT_EQ(j["event_time"].get<std::string>(), ExpectedTimestamp(ev.event_time_ms));
  }
}

TEST(GenEventTest, AmountAlwaysHasTwoDecimalsInTheText) {
  Event ev;
  ev.event_id.fill('a');
  for (uint32_t cents : {1u, 9u, 10u, 99u, 100u, 101u, 5299'10u, 999'999u}) {
    ev.amount_cents = cents;
    const std::string s = EncodeToString(ev);
    const std::string expected = "\"amount\":" + std::to_string(cents / 100) + "." +
                                 (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100) + ",";
    EXPECT_NE(s.find(expected), std::string::npos) << s;
  }
}

TEST(GenEventTest, ExactTextOfOneEvent) {
  Event ev;
  const std::string id = "3c7d1004-4dce-48d2-9e13-8f3288aac743";
  std::copy(id.begin(), id.end(), ev.event_id.begin());
  ev.user_id = 9329005;
  ev.amount_cents = 529910;
  ev.region = 5;
  ev.event_type = 1;
  ev.event_time_ms = 1'779'723'355'092;
  EXPECT_EQ(EncodeToString(ev),
            "{\"event_id\":\"3c7d1004-4dce-48d2-9e13-8f3288aac743\",\"user_id\":9329005,"
            "\"amount\":5299.10,\"region\":\"ap-northeast-1\",\"event_type\":\"refund\","
            "\"event_time\":\"2026-05-25T15:35:55.092Z\"}");
}

TEST(GenEventTest, TimestampsMatchGmtimeAcrossDatesAndTheSecondCache) {
  JsonEncoder enc;
  char buf[kTimestampSize];
  FastRandom r(5);
  // Random instants from 1970 to 2100 (leap years, month ends), then a
  // run of consecutive milliseconds through the cache.
  for (int i = 0; i < 100000; ++i) {
    const int64_t ms = static_cast<int64_t>(r.Below(4'102'444'800'000ULL));
    enc.FormatTimestamp(ms, buf);
    ASSERT_EQ(std::string(buf, kTimestampSize), ExpectedTimestamp(ms));
  }
  for (int64_t ms = 951'868'799'000; ms < 951'868'801'500; ++ms) {  // 2000-02-29 23:59:59
    enc.FormatTimestamp(ms, buf);
    ASSERT_EQ(std::string(buf, kTimestampSize), ExpectedTimestamp(ms));
  }
}

TEST(GenEventTest, KeyIsTheDecimalUserId) {
  char key[kMaxEncodedKeySize];
  for (uint32_t id : {1u, 9u, 10u, 12345u, 9'999'999u, 10'000'000u}) {
    const size_t n = JsonEncoder::EncodeKey(id, key);
    EXPECT_EQ(std::string(key, n), std::to_string(id));
  }
}

TEST(GenEventTest, SameSeedSameEventsApartFromIds) {
  EventSource a(1234, 3, 1), b(1234, 3, 2), c(1235, 3, 1);
  int differs_from_other_seed = 0;
  for (int i = 0; i < 1000; ++i) {
    Event ea, eb, ec;
    a.Next(&ea);
    b.Next(&eb);
    c.Next(&ec);
    EXPECT_EQ(ea.user_id, eb.user_id);
    EXPECT_EQ(ea.amount_cents, eb.amount_cents);
    EXPECT_EQ(ea.region, eb.region);
    EXPECT_EQ(ea.event_type, eb.event_type);
    EXPECT_NE(ea.event_id, eb.event_id);
    differs_from_other_seed += ea.user_id != ec.user_id;
  }
  EXPECT_GT(differs_from_other_seed, 990);
}

TEST(GenEventTest, IdsAreUniqueAcrossThreadsStreams) {
  std::set<std::string> ids;
  for (uint64_t stream = 0; stream < 4; ++stream) {
    EventSource s(7, stream, 7);  // even with id_seed == seed
    for (int i = 0; i < 25000; ++i) {
      Event ev;
      s.Next(&ev);
      ids.emplace(ev.event_id.data(), kUuidTextSize);
    }
  }
  EXPECT_EQ(ids.size(), 100000u);
}

TEST(GenEventTest, DistributionsAreUniform) {
  EventSource s(99, 0, 0);
  constexpr int kN = 700'000;
  std::array<int, 7> regions{};
  std::array<int, 6> types{};
  std::array<int, 10> user_deciles{};
  double amount_sum = 0;
  uint32_t min_user = UINT32_MAX, max_user = 0, min_amount = UINT32_MAX, max_amount = 0;
  for (int i = 0; i < kN; ++i) {
    Event ev;
    s.Next(&ev);
    ++regions[ev.region];
    ++types[ev.event_type];
    ++user_deciles[(ev.user_id - 1) / 1'000'000];
    amount_sum += ev.amount_cents;
    min_user = std::min(min_user, ev.user_id);
    max_user = std::max(max_user, ev.user_id);
    min_amount = std::min(min_amount, ev.amount_cents);
    max_amount = std::max(max_amount, ev.amount_cents);
  }
  // Pearson chi-square against uniform; the bounds are the 99.9th
  // percentiles (df 6: 22.46, df 5: 20.52, df 9: 27.88).
  auto chi2 = [](const auto& counts) {
    const double expected = static_cast<double>(kN) / counts.size();
    double x = 0;
    for (int c : counts) x += (c - expected) * (c - expected) / expected;
    return x;
  };
  EXPECT_LT(chi2(regions), 22.46);
  EXPECT_LT(chi2(types), 20.52);
  EXPECT_LT(chi2(user_deciles), 27.88);
  // Mean of uniform 1..999999 cents is 500000; its standard error here is ~350.
  EXPECT_NEAR(amount_sum / kN, 500'000.0, 2'000.0);
  EXPECT_LT(min_user, 100u);
  EXPECT_GT(max_user, 9'999'900u);
  EXPECT_LT(min_amount, 100u);
  EXPECT_GT(max_amount, 999'900u);
}

}  // namespace
}  // namespace freshbench::gen
