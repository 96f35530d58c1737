// Adding an engine touches only its driver folder, one registry line and
// its pattern folder. The fixture engine `echo` (tests/fixtures/engines/echo/)
// and its pattern (tests/fixtures/patterns/px-echo/) are registered with one
// line and then work through freshbench's own code: settings by the one
// mechanism (-E, FRESHBENCH_*, config file, default), the -E name check,
// pattern binding, and the local stack it needs.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "cli/stack_for_patterns.h"
#include "echo/echo_driver.h"
#include "engines/driver_registry.h"
#include "patterns/bound_pattern.h"

namespace freshbench {
namespace {

const std::string kFixturePatterns =
    std::string(FRESHBENCH_SOURCE_DIR) + "/tests/fixtures/patterns";

class EngineFixtureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RegisterEngine(fixture::EchoEngine());  // the one registry line
  }
  // The version the echo driver answers names the url it was given.
  std::string UrlSeen(const Endpoints& e) {
    auto bound = BindPattern({"px", kFixturePatterns, {}}, e);
    EXPECT_TRUE(bound.ok()) << bound.status().message();
    if (!bound.ok()) return "";
    EXPECT_EQ(bound->driver().Name(), "echo");
    return bound->server_version().substr(std::string("echo 1.0 at ").size());
  }
};

TEST_F(EngineFixtureTest, IsKnownByName) {
  const auto engines = RegisteredEngines();
  EXPECT_NE(std::find(engines.begin(), engines.end(), "echo"), engines.end());
  EXPECT_TRUE(CheckEngineSettingName("echo.url").ok());
  auto bad = CheckEngineSettingName("echo.nope");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("echo.url"), std::string::npos);
}

TEST_F(EngineFixtureTest, ItsSettingComesFromFlagEnvironmentFileOrDefault) {
  Endpoints e;
  e.engines.port_offset = 400;
  EXPECT_EQ(UrlSeen(e), "echo://127.0.0.1:8100");  // default, {port:7700} + offset

  char path[] = "/tmp/fb_engine_cfg_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << "echo:\n  url: echo://from-file\n";
  e.engines.LoadFile(path);
  EXPECT_EQ(UrlSeen(e), "echo://from-file");
  std::ofstream(path) << "echo: echo://scalar-is-the-endpoint\n";
  e.engines.LoadFile(path);
  EXPECT_EQ(UrlSeen(e), "echo://scalar-is-the-endpoint");
  std::remove(path);

  e.engines.environment["FRESHBENCH_ECHO"] = "echo://from-env";
  EXPECT_EQ(UrlSeen(e), "echo://from-env");
  e.engines.flags["echo.url"] = "echo://from-flag";
  EXPECT_EQ(UrlSeen(e), "echo://from-flag");
  EXPECT_EQ(*EngineSettingValue(e, "echo", "url"), "echo://from-flag");
}

TEST_F(EngineFixtureTest, ItsPatternFolderBindsAndFillsPlaceholders) {
  Endpoints e;
  auto bound = BindPattern({"px", kFixturePatterns, {{"table", "t1"}}}, e);
  ASSERT_TRUE(bound.ok()) << bound.status().message();
  auto setup = bound->SetupStatements();
  ASSERT_TRUE(setup.ok()) << setup.status().message();
  ASSERT_EQ(setup->size(), 1u);
  EXPECT_EQ((*setup)[0], "CREATE TABLE t1 FROM transactions");
  auto q3 = bound->QuerySql("q3");
  ASSERT_TRUE(q3.ok());
  auto rs = bound->driver().Execute(*q3);
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(*rs->rows[0][0], "SELECT max(event_time) FROM t1");
}

TEST_F(EngineFixtureTest, TheStackStartsWhatItsEngineDeclares) {
  std::string note;
  EXPECT_EQ(StackComponentsFor(kFixturePatterns, {}, /*quick=*/true, &note), "kafka,clickhouse");
  EXPECT_EQ(note, "");
}

// The shipped patterns: what each engine declares, and the lake (slow to
// start) left out of a --quick run unless its patterns are named.
TEST(StackForPatternsTest, ShippedPatternsMapToTheirEnginesComponents) {
  const std::string root = std::string(FRESHBENCH_SOURCE_DIR) + "/patterns";
  std::string note;
  EXPECT_EQ(StackComponentsFor(root, {}, /*quick=*/false, &note), "kafka,clickhouse,flink");
  EXPECT_EQ(note, "");
  EXPECT_EQ(StackComponentsFor(root, {}, /*quick=*/true, &note), "kafka,clickhouse");
  EXPECT_EQ(note,
            "--quick: the Flink + Fluss lake is not started (name p2/p3 in --patterns to include "
            "it)");
  note.clear();
  EXPECT_EQ(StackComponentsFor(root, {"p2"}, /*quick=*/true, &note), "kafka,flink");
  EXPECT_EQ(StackComponentsFor(root, {"p0", "p6"}, /*quick=*/false, &note), "kafka");
  EXPECT_EQ(note, "");
}

}  // namespace
}  // namespace freshbench
