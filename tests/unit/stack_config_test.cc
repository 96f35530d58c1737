// Config generation of the local stack's engines (no process started).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "stack/clickhouse_component.h"
#include "stack/jvm_component.h"
#include "stack/kafka_component.h"

namespace freshbench::stack {
namespace {

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

StackContext ContextWithOffset(int offset) {
  StackContext ctx;
  ctx.endpoints.port_offset = offset;
  ctx.home = "/srv/fb";
  return ctx;
}

TEST(KafkaConfigTest, ServerPropertiesListenOnLoopbackWithBothPorts) {
  KafkaSettings s;
  s.port = 9192;
  s.controller_port = 9193;
  s.data_dir = "/srv/fb/stack/kafka/data";
  const std::string p = RenderKafkaServerProperties(s);
  EXPECT_TRUE(Has(p, "process.roles=broker,controller\n"));
  EXPECT_TRUE(Has(p, "node.id=1\n"));
  EXPECT_TRUE(Has(p, "controller.quorum.voters=1@127.0.0.1:9193\n"));
  EXPECT_TRUE(Has(p, "listeners=PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193\n"));
  EXPECT_TRUE(Has(p, "advertised.listeners=PLAINTEXT://127.0.0.1:9192\n"));
  EXPECT_TRUE(Has(p, "log.dirs=/srv/fb/stack/kafka/data\n"));
  EXPECT_TRUE(Has(p, "offsets.topic.replication.factor=1\n"));
  EXPECT_TRUE(Has(p, "transaction.state.log.min.isr=1\n"));
  EXPECT_FALSE(Has(p, "0.0.0.0"));
}

TEST(KafkaConfigTest, Log4jWritesRollingServerLogInTheGivenDir) {
  const std::string l = RenderKafkaLog4jProperties("/srv/fb/stack/kafka/logs");
  EXPECT_TRUE(Has(l, "File=/srv/fb/stack/kafka/logs/server.log\n"));
  EXPECT_TRUE(Has(l, "RollingFileAppender"));
}

TEST(KafkaConfigTest, ClusterIdIs22Base64UrlCharsAndFresh) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    std::string id = NewKafkaClusterId();
    ASSERT_EQ(id.size(), 22u) << id;
    for (char c : id)
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 50u);
}

TEST(KafkaConfigTest, PortsAndPathsFollowOffsetAndHome) {
  KafkaComponent k(ContextWithOffset(100));
  auto ports = k.ports();
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0].port, 9192);
  EXPECT_EQ(ports[1].port, 9193);
  EXPECT_EQ(k.bootstrap(), "127.0.0.1:9192");
  EXPECT_EQ(k.state_dir(), "/srv/fb/stack/kafka");
  EXPECT_EQ(k.record_path(), "/srv/fb/stack/kafka/kafka.pid");
  EXPECT_EQ(k.log_path(), "/srv/fb/stack/kafka/logs/server.log");
}

TEST(ClickHouseConfigTest, ConfigIsLoopbackOnlyWithShiftedPortsAndLocalPaths) {
  ClickHouseSettings s;
  s.http_port = 8223;
  s.tcp_port = 9100;
  s.dir = "/srv/fb/stack/clickhouse";
  const std::string c = RenderClickHouseConfig(s);
  EXPECT_TRUE(Has(c, "<yandex>"));
  EXPECT_TRUE(Has(c, "<listen_host>127.0.0.1</listen_host>"));
  EXPECT_FALSE(Has(c, "<listen_host>::</listen_host>"));
  EXPECT_FALSE(Has(c, "0.0.0.0"));
  EXPECT_TRUE(Has(c, "<http_port>8223</http_port>"));
  EXPECT_TRUE(Has(c, "<tcp_port>9100</tcp_port>"));
  EXPECT_FALSE(Has(c, "<interserver_http_port>"));
  EXPECT_TRUE(Has(c, "<path>/srv/fb/stack/clickhouse/data/</path>"));
  EXPECT_TRUE(Has(c, "<tmp_path>/srv/fb/stack/clickhouse/tmp/</tmp_path>"));
  EXPECT_TRUE(Has(c, "<log>/srv/fb/stack/clickhouse/logs/clickhouse-server.log</log>"));
  EXPECT_TRUE(Has(c, "<users_config>/srv/fb/stack/clickhouse/config/users.xml</users_config>"));
  EXPECT_TRUE(Has(c, "<timezone>UTC</timezone>"));
  EXPECT_FALSE(Has(c, "/var/lib/clickhouse"));
}

TEST(ClickHouseConfigTest, DefaultUserHasNoPasswordAndLoopbackOnly) {
  const std::string u = RenderClickHouseUsers();
  EXPECT_TRUE(Has(u, "<default>"));
  EXPECT_TRUE(Has(u, "<password></password>"));
  EXPECT_TRUE(Has(u, "<ip>127.0.0.1</ip>"));
  EXPECT_FALSE(Has(u, "<ip>::/0</ip>"));
}

TEST(ClickHouseConfigTest, PortsFollowOffset) {
  ClickHouseComponent ch(ContextWithOffset(100));
  auto ports = ch.ports();
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0].port, 8223);
  EXPECT_EQ(ports[1].port, 9100);
  EXPECT_EQ(ch.http_url(), "http://127.0.0.1:8223");
  ClickHouseComponent ch0(ContextWithOffset(0));
  EXPECT_EQ(ch0.ports()[0].port, 8123);
  EXPECT_EQ(ch0.ports()[1].port, 9000);
}

}  // namespace
}  // namespace freshbench::stack

namespace freshbench::stack {
namespace {

class FakeJvmComponent : public JvmComponent {
 public:
  FakeJvmComponent(const StackContext& ctx, std::string jar_dir)
      : JvmComponent(ctx, "fake"), jar_dir_(std::move(jar_dir)) {}
  std::vector<PortSpec> ports() const override {
    return {{"fake", context().endpoints.Port(9999)}};
  }
  Status Prepare() override { return Status::Ok(); }
  Status CheckHealth() const override { return Status::Ok(); }

 protected:
  JvmOptions jvm_options() const override {
    JvmOptions o;
    o.classpath_dirs = {jar_dir_};
    o.main_class = "org.example.Server";
    o.args = {"-c", state_dir() + "/conf"};
    return o;
  }

 private:
  std::string jar_dir_;
};

TEST(JvmComponentTest, LaunchDefaultsCwdAndLogToStateDir) {
  char dir[] = "/tmp/fb_jvmc_testXXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string jar = std::string(dir) + "/server-1.0.jar";
  std::fclose(std::fopen(jar.c_str(), "w"));
  StackContext ctx = ContextWithOffset(100);
  FakeJvmComponent c(ctx, dir);
  EXPECT_EQ(c.ports()[0].port, 10099);
  auto spec = c.Launch();
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->cwd, "/srv/fb/stack/fake");
  EXPECT_EQ(spec->log_path, "/srv/fb/stack/fake/logs/fake.out");
  ASSERT_GE(spec->argv.size(), 3u);
  EXPECT_EQ(spec->argv[spec->argv.size() - 3], "org.example.Server");
  EXPECT_EQ(spec->argv.back(), "/srv/fb/stack/fake/conf");
  EXPECT_NE(std::find(spec->argv.begin(), spec->argv.end(), "-Xmx1g"), spec->argv.end());
  std::remove(jar.c_str());
  rmdir(dir);
}

}  // namespace
}  // namespace freshbench::stack
