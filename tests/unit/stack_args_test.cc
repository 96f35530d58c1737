// `freshbench stack` argument handling: the --with list, the subcommands,
// and the small formatting helpers of `stack status`.
#include <gtest/gtest.h>

#include "cli/command.h"
#include "stack/component_registry.h"
#include "stack/jvm_command.h"
#include "stack/stack.h"

namespace freshbench::stack {
namespace {

using Names = std::vector<std::string>;

TEST(ResolveComponentsTest, EmptyListMeansDefaultsOrEverything) {
  auto up = ResolveComponents("", /*defaults_only=*/true);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(*up, (Names{"kafka", "clickhouse"}));
  auto all = ResolveComponents("", /*defaults_only=*/false);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, ComponentNames(false));
}

TEST(ResolveComponentsTest, KeepsStartOrderTrimsAndDropsDuplicates) {
  auto r = ResolveComponents(" clickhouse , kafka,,kafka ", true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Names{"kafka", "clickhouse"}));
  auto one = ResolveComponents("clickhouse", true);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, (Names{"clickhouse"}));
}

TEST(ResolveComponentsTest, UnknownComponentIsBadInputNamingIt) {
  auto r = ResolveComponents("kafka,zookeper", true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 2);
  EXPECT_NE(r.status().message().find("'zookeper'"), std::string::npos);
  EXPECT_NE(r.status().message().find("kafka, clickhouse"), std::string::npos);
}

TEST(RegistryTest, EveryComponentHasUniqueNameAndPorts) {
  StackContext ctx;
  ctx.home = "/srv/fb";
  std::set<int> ports;
  std::set<std::string> names;
  for (const auto& info : AllComponents()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    auto c = info.make(ctx);
    EXPECT_EQ(c->name(), info.name);
    for (const auto& p : c->ports()) {
      EXPECT_TRUE(ports.insert(p.port).second) << "port " << p.port << " used twice";
    }
    // Requirements must come earlier in the start order.
    for (const auto& r : c->requires_components())
      EXPECT_TRUE(names.count(r)) << info.name << " needs " << r;
  }
  // Stacks side by side at FRESHBENCH_PORT_OFFSET 0, 100, ..., 900 must never
  // collide: no two default ports may be 100..900 apart in steps of 100.
  for (int p : ports) {
    for (int q : ports) {
      int d = p > q ? p - q : q - p;
      EXPECT_FALSE(d > 0 && d < 1000 && d % 100 == 0)
          << "ports " << p << " and " << q << " collide at offsets " << d << " apart";
    }
  }
}

struct Parsed {
  bool parse_ok = false;
  bool has_run = false;
};

Parsed ParseCli(std::vector<std::string> args) {
  CLI::App app{"test"};
  app.require_subcommand(1);
  CommandRegistry reg;
  RegisterAllCommands(app, reg);
  std::vector<const char*> argv{"freshbench"};
  for (auto& a : args) argv.push_back(a.c_str());
  Parsed p;
  try {
    app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
    p.parse_ok = true;
  } catch (const CLI::ParseError&) {
    p.parse_ok = false;
  }
  p.has_run = static_cast<bool>(reg.run);
  return p;
}

TEST(StackCliTest, SubcommandsAndFlagsParse) {
  EXPECT_TRUE(ParseCli({"stack", "up"}).has_run);
  EXPECT_TRUE(ParseCli({"stack", "up", "--with", "kafka"}).has_run);
  EXPECT_TRUE(ParseCli({"stack", "status", "--with", "clickhouse"}).has_run);
  EXPECT_TRUE(ParseCli({"stack", "down", "--purge"}).has_run);
}

TEST(StackCliTest, BadInvocationsAreParseErrors) {
  EXPECT_FALSE(ParseCli({"stack"}).parse_ok);
  EXPECT_FALSE(ParseCli({"stack", "sideways"}).parse_ok);
  EXPECT_FALSE(ParseCli({"stack", "up", "--purge"}).parse_ok);  // purge belongs to down
  EXPECT_FALSE(ParseCli({"stack", "up", "--with"}).parse_ok);
}

TEST(FormatTest, UtcAndUptime) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1767323045123), "2026-01-02T03:04:05Z");
  EXPECT_EQ(FormatUptime(12), "12s");
  EXPECT_EQ(FormatUptime(307), "5m 07s");
  EXPECT_EQ(FormatUptime(3 * 3600 + 120), "3h 02m");
  EXPECT_EQ(FormatUptime(2 * 86400 + 5 * 3600), "2d 05h");
}

TEST(JvmCommandTest, BuildsJavaCommandLine) {
  char dir[] = "/tmp/fb_jvm_testXXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string jar = std::string(dir) + "/engine-1.0.jar";
  FILE* f = std::fopen(jar.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);

  JvmOptions o;
  o.classpath_dirs = {dir};
  o.classpath_extra = {"/etc/engine"};
  o.max_heap = "512m";
  o.initial_heap = "";
  o.jvm_flags = {"-XX:+UseG1GC"};
  o.system_properties["log4j.configuration"] = "file:/x/log4j.properties";
  o.main_class = "org.example.Main";
  o.args = {"--config", "/x/server.yaml"};
  o.env["FOO"] = "bar";
  o.log_path = "/x/out.log";
  auto spec = JvmCommand(o);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  std::vector<std::string> expected_tail = {"-Xmx512m",
                                            "-XX:+UseG1GC",
                                            "-Dlog4j.configuration=file:/x/log4j.properties",
                                            "-cp",
                                            std::string(dir) + "/*:/etc/engine",
                                            "org.example.Main",
                                            "--config",
                                            "/x/server.yaml"};
  ASSERT_EQ(spec->argv.size(), expected_tail.size() + 1);
  EXPECT_TRUE(spec->argv[0] == "java" || spec->argv[0].ends_with("/bin/java"));
  EXPECT_EQ(std::vector<std::string>(spec->argv.begin() + 1, spec->argv.end()), expected_tail);
  EXPECT_EQ(spec->env.at("FOO"), "bar");
  EXPECT_EQ(spec->log_path, "/x/out.log");
  EXPECT_TRUE(DirHasJar(dir, "engine-"));
  EXPECT_FALSE(DirHasJar(dir, "kafka_"));

  std::remove(jar.c_str());
  auto missing = JvmCommand(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find(dir), std::string::npos);
  rmdir(dir);

  o.main_class.clear();
  EXPECT_EQ(JvmCommand(o).status().ExitCode(), 2);
}

}  // namespace
}  // namespace freshbench::stack

namespace freshbench::stack {
namespace {

// `status`/`down --exact`: a script stops exactly what it started, never
// the Kafka a lake component requires.
TEST(ResolveComponentsTest, ExactKeepsOnlyTheNamedOnesInStartOrder) {
  auto r = ResolveComponents("flink,zookeeper,flink-taskmanager", /*defaults_only=*/false,
                             /*with_requirements=*/false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, (std::vector<std::string>{"zookeeper", "flink-taskmanager", "flink"}));
  EXPECT_FALSE(ResolveComponents("flink,kafak", false, false).ok());
}

}  // namespace
}  // namespace freshbench::stack
