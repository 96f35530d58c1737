#include "common/status.h"

#include <gtest/gtest.h>

namespace freshbench {
namespace {

TEST(StatusTest, OkHasExitZero) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ExitCode(), 0);
}

TEST(StatusTest, InvalidArgumentExitsTwoOthersOne) {
  EXPECT_EQ(Status::InvalidArgument("bad").ExitCode(), 2);
  EXPECT_EQ(Status::Unavailable("down").ExitCode(), 1);
}

TEST(StatusTest, WithContextPrefixes) {
  EXPECT_EQ(Status::NotFound("no table").WithContext("p1").message(), "p1: no table");
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> a = 5;
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 5);
  Result<int> b = Status::Timeout("slow");
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "slow");
}

}  // namespace
}  // namespace freshbench
