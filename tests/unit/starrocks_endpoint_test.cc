#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "config/endpoints.h"
#include "engines/starrocks/datetime_text.h"
#include "engines/starrocks/mysql_endpoint.h"
#include "engines/starrocks/starrocks_driver.h"

namespace freshbench {
namespace {

TEST(MysqlEndpointTest, ParsesFullUrl) {
  auto e = MysqlEndpoint::Parse("mysql://admin:s%40cret@fe.example:9030/analytics");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->user, "admin");
  EXPECT_EQ(e->password, "s@cret");
  EXPECT_EQ(e->host, "fe.example");
  EXPECT_EQ(e->port, 9030);
  EXPECT_EQ(e->database, "analytics");
  EXPECT_EQ(e->Display(), "admin@fe.example:9030/analytics");
}

TEST(MysqlEndpointTest, PasswordAndDatabaseAreOptional) {
  auto e = MysqlEndpoint::Parse("mysql://root@127.0.0.1:9530");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->user, "root");
  EXPECT_TRUE(e->password.empty());
  EXPECT_TRUE(e->database.empty());
  EXPECT_EQ(e->port, 9530);
}

TEST(MysqlEndpointTest, RejectsMalformedUrlsWithoutEchoingThePassword) {
  for (const char* bad :
       {"http://root@h:1", "mysql://h:9030", "mysql://root@h", "mysql://root@h:abc",
        "mysql://root@h:70000", "mysql://:pw@h:1", "mysql://root:pw%zz@h:1", "mysql://root@:1"}) {
    auto e = MysqlEndpoint::Parse(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_NE(e.status().message().find("mysql://user"), std::string::npos) << e.status().message();
  }
  auto e = MysqlEndpoint::Parse("mysql://root:topsecret@h:x");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message().find("topsecret"), std::string::npos);
}

TEST(DateTimeTextTest, ParsesServerDateTimesAsUtcMillis) {
  EXPECT_EQ(*ParseUtcDateTimeMs("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(*ParseUtcDateTimeMs("2026-05-25 15:35:55.092"), 1779723355092);
  EXPECT_EQ(*ParseUtcDateTimeMs("2026-05-25 15:35:55.092000"),
            1779723355092);  // StarRocks prints 6 digits
  EXPECT_EQ(*ParseUtcDateTimeMs("2026-05-25T15:35:55.092Z"),
            1779723355092);  // the generator's ISO form
  EXPECT_EQ(*ParseUtcDateTimeMs("2026-05-25 15:35:55.5"), 1779723355500);
  EXPECT_EQ(*ParseUtcDateTimeMs("2024-02-29 23:59:59.999"), 1709251199999);
  for (const char* bad : {"", "2026-05-25", "2026-13-01 00:00:00", "2026-05-25 15:35:55.",
                          "2026/05/25 15:35:55", "2026-05-25 15:35:55 UTC", "1779723355092"}) {
    auto r = ParseUtcDateTimeMs(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

class ResolveEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/fb_sr_cfg_XXXXXX";
    int fd = mkstemp(tmpl);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = tmpl;
  }
  void TearDown() override { std::remove(path_.c_str()); }
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  // No environment, no flags; the config file at `path`.
  Result<MysqlEndpoint> Resolve(const std::string& path, const std::string& env = "") {
    Endpoints e;
    if (!env.empty()) e.engines.environment["FRESHBENCH_STARROCKS"] = env;
    e.engines.LoadFile(path);
    return ResolveStarRocksEndpoint(e);
  }
  std::string path_;
};

TEST_F(ResolveEndpointTest, EnvironmentBeatsFile) {
  Write("starrocks: mysql://fromfile@h:1\n");
  auto r = Resolve(path_, "mysql://fromenv@h:2");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->user, "fromenv");
}

TEST_F(ResolveEndpointTest, FileIsUsedWhenEnvironmentIsUnset) {
  Write("starrocks: mysql://fromfile@h:1/db\n");
  auto r = Resolve(path_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->user, "fromfile");
  EXPECT_EQ(r->database, "db");
}

TEST_F(ResolveEndpointTest, NeitherIsNotFoundNamingHowToConfigure) {
  Write("clickhouse: http://h:8123\n");
  auto r = Resolve(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("FRESHBENCH_STARROCKS"), std::string::npos);
  auto missing = Resolve(path_ + ".absent");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
}

TEST_F(ResolveEndpointTest, BadFileIsInvalidArgument) {
  Write("starrocks: [not, a, url]\n");
  EXPECT_EQ(Resolve(path_).status().code(),
            Status::Code::kInvalidArgument);
  Write("starrocks: mysql://nouser\n");
  EXPECT_EQ(Resolve(path_).status().code(),
            Status::Code::kInvalidArgument);
  Write("starrocks: {{{\n");
  EXPECT_EQ(Resolve(path_).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace freshbench
