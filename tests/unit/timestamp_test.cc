// One civil-date algorithm (common/timestamp.h) for the generator, the
// drivers and the metrics: checked against the standard library's calendar
// day by day, and the generator's fast formatter against the plain one.
#include "common/timestamp.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "gen/json_encoder.h"

namespace freshbench {
namespace {

TEST(TimestampTest, CivilDaysMatchTheStandardCalendarFrom1600To2400) {
  using namespace std::chrono;
  for (int64_t day = sys_days{year{1600} / 1 / 1}.time_since_epoch().count();
       day <= sys_days{year{2400} / 12 / 31}.time_since_epoch().count(); ++day) {
    const year_month_day ymd{sys_days{days{day}}};
    int64_t y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    ASSERT_EQ(y, static_cast<int>(ymd.year())) << day;
    ASSERT_EQ(m, static_cast<unsigned>(ymd.month())) << day;
    ASSERT_EQ(d, static_cast<unsigned>(ymd.day())) << day;
    ASSERT_EQ(DaysFromCivil(y, m, d), day);
  }
}

TEST(TimestampTest, GeneratorTextIsTheFormatterTextWithTAndZ) {
  gen::JsonEncoder encoder;
  std::mt19937_64 rng(7);
  // 1970 .. 2100, plus the second and day boundaries.
  std::uniform_int_distribution<int64_t> ms(0, 4'102'444'800'000);
  for (int i = 0; i < 20000; ++i) {
    const int64_t t = i < 3 ? int64_t{86'400'000} * i - (i > 0) : ms(rng);
    char out[gen::kTimestampSize];
    encoder.FormatTimestamp(t, out);
    std::string expected = FormatTimestampMs(t);
    expected[10] = 'T';
    ASSERT_EQ(std::string(out, sizeof out), expected + "Z") << t;
    ASSERT_EQ(*ParseDateTimeTextMs(std::string(out, sizeof out)), t);
  }
}

}  // namespace
}  // namespace freshbench
