#include <gtest/gtest.h>

#include "integration_env.h"

namespace freshbench::testing {
namespace {

TEST(CliTest, VersionPrintsAndExitsZero) {
  auto r = RunFreshbench({"version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("freshbench"), std::string::npos);
}

TEST(CliTest, UnknownSubcommandExitsTwoWithOneLine) {
  auto r = RunFreshbench({"no-such-verb"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("freshbench:"), std::string::npos);
}

}  // namespace
}  // namespace freshbench::testing
