#include <gtest/gtest.h>

#include <algorithm>

#include "stack/component_registry.h"
#include "stack/lake_components.h"
#include "stack/stack.h"

namespace freshbench::stack {
namespace {

TEST(FlinkStack, BashJavaUtilsOutputSplitsIntoFlagsAndSettings) {
  const std::string out =
      "INFO  [] - Final TaskExecutor Memory configuration:\n"
      "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1181115985 -Xms1181115985 -XX:MaxDirectMemorySize=397284478\n"
      "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.memory.network.min=263066750b -D taskmanager.cpu.cores=4.0\n";
  auto r = ParseBashJavaUtils(out);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->first, (std::vector<std::string>{"-Xmx1181115985", "-Xms1181115985",
                                                 "-XX:MaxDirectMemorySize=397284478"}));
  EXPECT_EQ(r->second, (std::vector<std::string>{"-D", "taskmanager.memory.network.min=263066750b", "-D",
                                                  "taskmanager.cpu.cores=4.0"}));
  EXPECT_FALSE(ParseBashJavaUtils("INFO only\n").ok());
}

TEST(FlinkStack, FlussServerYamlHasTheLakeAndOnlyTabletsAnId) {
  const std::string coord = RenderFlussServerYaml(2581, 9523, "/d/c", "/d/remote", "/d/paimon", -1);
  EXPECT_NE(coord.find("zookeeper.address: 127.0.0.1:2581\n"), std::string::npos);
  EXPECT_NE(coord.find("bind.listeners: FLUSS://127.0.0.1:9523\n"), std::string::npos);
  EXPECT_NE(coord.find("datalake.paimon.warehouse: /d/paimon\n"), std::string::npos);
  EXPECT_NE(coord.find("remote.data.dir: /d/remote\n"), std::string::npos);
  EXPECT_EQ(coord.find("tablet-server.id"), std::string::npos);
  EXPECT_NE(RenderFlussServerYaml(2581, 9524, "/d/t", "/d/r", "/d/p", 0).find("tablet-server.id: 0\n"),
            std::string::npos);
}

TEST(FlinkStack, FlinkConfigBindsLoopbackWithShiftedPorts) {
  const std::string y = RenderFlinkConfigYaml(8481, 6526, 8483, "/d/flink", LakeSizes{});
  EXPECT_NE(y.find("port: 8481"), std::string::npos);
  EXPECT_NE(y.find("port: 6526"), std::string::npos);
  EXPECT_NE(y.find("port: 8483"), std::string::npos);
  EXPECT_NE(y.find("size: 3072m"), std::string::npos);
  EXPECT_NE(y.find("local-time-zone: UTC"), std::string::npos);
  EXPECT_EQ(y.find("0.0.0.0"), std::string::npos);
  EXPECT_NE(RenderZooKeeperConfig(2581, "/d/zk").find("clientPortAddress=127.0.0.1\n"), std::string::npos);
}

TEST(FlinkStack, NewPortsDifferModuloHundredFromTheOthers) {
  const std::vector<int> known = {9092, 9093, 8123, 9000, 8081, 8083, 9123, 2181};
  for (int p : {kFlussTabletDefaultPort, kFlinkRpcDefaultPort}) {
    for (int k : known) EXPECT_NE(p % 100, k % 100) << p << " vs " << k;
  }
}

TEST(FlinkStack, WithFlinkPullsInTheWholeLakeInStartOrder) {
  auto names = ResolveComponents("flink", /*defaults_only=*/false);
  ASSERT_TRUE(names.ok()) << names.status().message();
  EXPECT_EQ(*names, (std::vector<std::string>{"kafka", "zookeeper", "fluss-coordinator", "fluss",
                                              "flink-jobmanager", "flink-taskmanager", "flink"}));
  auto fluss = ResolveComponents("fluss", false);
  ASSERT_TRUE(fluss.ok());
  EXPECT_EQ(*fluss, (std::vector<std::string>{"zookeeper", "fluss-coordinator", "fluss"}));
  auto defaults = ComponentNames(/*defaults_only=*/true);
  EXPECT_EQ(std::count(defaults.begin(), defaults.end(), "flink"), 0) << "the lake is opt-in";
}

TEST(FlinkStack, Java17FlagsOpenJavaNio) {
  const auto& f = FlinkJava17Flags();
  EXPECT_NE(std::find(f.begin(), f.end(), "--add-opens=java.base/java.nio=ALL-UNNAMED"), f.end());
}

}  // namespace
}  // namespace freshbench::stack
