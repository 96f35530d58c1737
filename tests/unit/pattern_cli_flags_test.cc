#include <gtest/gtest.h>

#include "cli/pattern_command_util.h"

namespace freshbench {
namespace {

TEST(PatternCliFlagsTest, Durations) {
  EXPECT_EQ(*ParseDurationMs("5s", "--interval"), 5000);
  EXPECT_EQ(*ParseDurationMs("250ms", "--interval"), 250);
  EXPECT_EQ(*ParseDurationMs("2m", "--duration"), 120000);
  EXPECT_EQ(*ParseDurationMs("1h", "--duration"), 3600000);
  EXPECT_EQ(*ParseDurationMs("1.5", "--duration"), 1500);
  EXPECT_EQ(*ParseDurationMs("0", "--duration"), 0);
  for (const char* bad : {"", "fast", "5x", "-1s"}) {
    auto r = ParseDurationMs(bad, "--interval");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("--interval"), std::string::npos);
  }
}

TEST(PatternCliFlagsTest, SetFlags) {
  auto ok = ParseSetFlags({"a=1", "b=x=y", "c="});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->at("a"), "1");
  EXPECT_EQ(ok->at("b"), "x=y");
  EXPECT_EQ(ok->at("c"), "");
  EXPECT_FALSE(ParseSetFlags({"novalue"}).ok());
  EXPECT_FALSE(ParseSetFlags({"=1"}).ok());
}

}  // namespace
}  // namespace freshbench
