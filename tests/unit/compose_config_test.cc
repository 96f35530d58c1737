// deploy/compose/docker-compose.yml: valid for Docker Compose (its own
// `config` check, no daemon needed) and within the rules the stack promises:
// pinned images, health checks, ordering on health, memory for a 16 GB laptop.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace freshbench {
namespace {

const std::string kSource = FRESHBENCH_SOURCE_DIR;
const std::string kComposeDir = kSource + "/deploy/compose";
const std::string kCompose = kComposeDir + "/docker-compose.yml";

struct ShellResult {
  int code = -1;
  std::string out;
};

ShellResult Shell(const std::string& cmd) {
  ShellResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The Compose CLI on this machine: the docker plugin, else docker-compose v1.
std::string ComposeCommand() {
  if (Shell("docker compose version").code == 0) return "docker compose";
  if (Shell("docker-compose version").code == 0) return "docker-compose";
  return "";
}

TEST(ComposeConfigTest, ComposeAcceptsTheFile) {
  const std::string compose = ComposeCommand();
  if (compose.empty()) {
    GTEST_SKIP() << "no Docker Compose CLI (neither `docker compose` nor `docker-compose`): "
                    "scripts/install-deps.sh test installs docker-compose";
  }
  ShellResult r = Shell("timeout 60 " + compose + " -f '" + kCompose + "' config --quiet");
  EXPECT_EQ(r.code, 0) << compose << " config failed:\n" << r.out;
  std::fprintf(stderr, "%s config: ok\n", compose.c_str());
}

int64_t ParseMemory(const std::string& s) {
  const char unit = s.back();
  const int64_t n =
      std::stoll(s.substr(0, s.size() - (std::isdigit(static_cast<unsigned char>(unit)) ? 0 : 1)));
  switch (unit) {
    case 'g':
      return n << 30;
    case 'm':
      return n << 20;
    case 'k':
      return n << 10;
    default:
      return n;
  }
}

TEST(ComposeConfigTest, ImagesPinnedHealthCheckedOrderedAndSizedForALaptop) {
  YAML::Node root = YAML::LoadFile(kCompose);
  YAML::Node services = root["services"];
  ASSERT_TRUE(services && services.IsMap());
  std::set<std::string> names;
  for (const auto& s : services) names.insert(s.first.as<std::string>());
  for (const char* required : {"kafka", "clickhouse", "zookeeper", "minio", "minio-init",
                               "coordinator-server", "tablet-server", "jobmanager", "taskmanager",
                               "sql-gateway", "starrocks", "prometheus", "grafana", "freshbench"}) {
    EXPECT_TRUE(names.count(required)) << "missing service " << required;
  }
  const std::set<std::string> one_shot = {"kafka-init", "minio-init"};
  int64_t total = 0;
  for (const auto& s : services) {
    const std::string name = s.first.as<std::string>();
    const YAML::Node svc = s.second;
    ASSERT_TRUE(svc["image"]) << name << " has no image name";
    const std::string image = svc["image"].as<std::string>();
    const auto colon = image.rfind(':');
    ASSERT_NE(colon, std::string::npos) << name << ": image '" << image << "' has no tag";
    EXPECT_NE(image.substr(colon + 1), "latest") << name << ": pin the image version";
    ASSERT_TRUE(svc["mem_limit"]) << name << " has no memory limit";
    total += ParseMemory(svc["mem_limit"].as<std::string>());
    if (!one_shot.count(name)) EXPECT_TRUE(svc["healthcheck"]) << name << " has no health check";
    if (svc["depends_on"]) {
      for (const auto& dep : svc["depends_on"]) {
        const std::string on = dep.first.as<std::string>();
        EXPECT_TRUE(names.count(on)) << name << " depends on unknown " << on;
        const std::string cond = dep.second["condition"].as<std::string>();
        EXPECT_EQ(cond, one_shot.count(on) ? "service_completed_successfully" : "service_healthy")
            << name << " -> " << on;
      }
    }
  }
  // Limits, not reservations, but their sum must leave a 16 GB laptop room to breathe.
  EXPECT_LE(total, int64_t{13} << 30) << "memory limits add up to " << (total >> 20) << " MiB";
  std::fprintf(stderr, "compose memory limits: %lld MiB in total\n",
               static_cast<long long>(total >> 20));
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A compose volume "host:container[:mode]" as {host resolved against the
// compose file's folder, container}.
std::pair<std::string, std::string> SplitVolume(const std::string& spec) {
  const auto a = spec.find(':');
  const auto b = spec.find(':', a + 1);
  std::string host = spec.substr(0, a);
  std::string container =
      spec.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (!host.empty() && host[0] == '.') {
    host = std::filesystem::weakly_canonical(std::filesystem::path(kComposeDir) / host).string();
  }
  return {host, container};
}

// The value of `key` in a Dockerfile's ENV lines ("KEY=value", one per line
// or continued with a backslash); empty when absent.
std::string DockerfileEnv(const std::string& dockerfile, const std::string& key) {
  const auto at = dockerfile.find(key + "=");
  if (at == std::string::npos) return "";
  const auto start = at + key.size() + 1;
  const auto end = dockerfile.find_first_of(" \t\\\n", start);
  return dockerfile.substr(start, end - start);
}

std::string XmlElement(const std::string& xml, const std::string& name) {
  const std::string open = "<" + name + ">";
  const auto a = xml.find(open);
  if (a == std::string::npos) return "";
  const auto b = xml.find("</" + name + ">", a);
  return xml.substr(a + open.size(), b - a - open.size());
}

// Grafana gets the Prometheus data source and the freshbench dashboard, and
// every panel of the dashboard resolves to that data source.
TEST(ComposeConfigTest, GrafanaProvisionsTheDashboardOnItsDataSource) {
  const std::string provisioning = kComposeDir + "/grafana/provisioning";
  YAML::Node ds_file = YAML::LoadFile(provisioning + "/datasources/prometheus.yml");
  YAML::Node ds = ds_file["datasources"][0];
  ASSERT_TRUE(ds && ds["uid"]) << "the Prometheus data source needs a fixed uid";
  EXPECT_EQ(ds["type"].as<std::string>(), "prometheus");
  EXPECT_EQ(ds["url"].as<std::string>(), "http://prometheus:9090");
  const std::string ds_uid = ds["uid"].as<std::string>();

  YAML::Node providers = YAML::LoadFile(provisioning + "/dashboards/freshbench.yml")["providers"];
  ASSERT_TRUE(providers && providers.size() == 1);
  EXPECT_EQ(providers[0]["type"].as<std::string>(), "file");
  const std::string dashboards_path = providers[0]["options"]["path"].as<std::string>();

  // The compose file mounts the provisioning folder and deploy/grafana at the provider's path.
  YAML::Node grafana = YAML::LoadFile(kCompose)["services"]["grafana"];
  std::string dashboards_host;
  bool provisioning_mounted = false;
  for (const auto& v : grafana["volumes"]) {
    auto [host, container] = SplitVolume(v.as<std::string>());
    if (container == "/etc/grafana/provisioning") {
      provisioning_mounted = host == std::filesystem::weakly_canonical(provisioning).string();
    }
    if (container == dashboards_path) dashboards_host = host;
  }
  EXPECT_TRUE(provisioning_mounted) << "grafana must mount ./grafana/provisioning";
  ASSERT_EQ(dashboards_host,
            std::filesystem::weakly_canonical(kSource + "/deploy/grafana").string())
      << "grafana must mount deploy/grafana at " << dashboards_path;

  const std::string dashboard_path = dashboards_host + "/freshbench-dashboard.json";
  ASSERT_TRUE(std::filesystem::is_regular_file(dashboard_path)) << dashboard_path;
  nlohmann::json dash = nlohmann::json::parse(ReadText(dashboard_path), nullptr, false);
  ASSERT_FALSE(dash.is_discarded()) << dashboard_path << " is not valid JSON";
  EXPECT_FALSE(dash.value("uid", "").empty());

  // "${datasource}" is the dashboard's data source variable, whose default is ds_uid.
  std::string variable_default;
  for (const auto& var : dash["templating"]["list"]) {
    if (var.value("name", "") != "datasource") continue;
    EXPECT_EQ(var.value("type", ""), "datasource");
    EXPECT_EQ(var.value("query", ""), "prometheus");
    if (var.contains("current") && var["current"].is_object()) {
      variable_default = var["current"].value("value", "");
    }
  }
  auto resolves = [&](const nlohmann::json& ref) {
    const std::string uid = ref.value("uid", "");
    return ref.value("type", "") == "prometheus" &&
           (uid == ds_uid || (uid == "${datasource}" && variable_default == ds_uid));
  };
  ASSERT_TRUE(dash["panels"].is_array());
  ASSERT_FALSE(dash["panels"].empty());
  for (const auto& panel : dash["panels"]) {
    const std::string title = panel.value("title", "?");
    ASSERT_TRUE(panel.contains("datasource")) << title;
    EXPECT_TRUE(resolves(panel["datasource"]))
        << title << ": data source " << panel["datasource"].dump() << " is not " << ds_uid;
    for (const auto& target : panel.value("targets", nlohmann::json::array())) {
      if (target.contains("datasource")) EXPECT_TRUE(resolves(target["datasource"])) << title;
    }
  }
}

// Prometheus reaches `freshbench run --metrics-port N` inside the freshbench
// container: N listens on 127.0.0.1 only, so the container forwards a port to it.
TEST(ComposeConfigTest, PrometheusScrapesTheRunsMetricsPort) {
  YAML::Node prom = YAML::LoadFile(kComposeDir + "/prometheus/prometheus.yml");
  std::string target;
  for (const auto& job : prom["scrape_configs"]) {
    if (job["job_name"].as<std::string>() == "freshbench") {
      target = job["static_configs"][0]["targets"][0].as<std::string>();
    }
  }
  ASSERT_EQ(target.rfind("freshbench:", 0), 0u) << "scrape target '" << target << "'";
  const std::string forwarded = target.substr(target.find(':') + 1);

  const std::string dockerfile = ReadText(kComposeDir + "/freshbench/Dockerfile");
  const auto listen = dockerfile.find("TCP-LISTEN:" + forwarded + ",");
  ASSERT_NE(listen, std::string::npos) << "freshbench/Dockerfile does not listen on " << forwarded;
  const auto to = dockerfile.find("TCP:127.0.0.1:", listen);
  ASSERT_NE(to, std::string::npos);
  const std::string metrics_port =
      dockerfile.substr(to + 14, dockerfile.find_first_not_of("0123456789", to + 14) - to - 14);
  EXPECT_NE(metrics_port, forwarded) << "both would bind the same port";

  // The command the README gives Docker users serves /metrics on that port.
  const std::string readme = ReadText(kSource + "/README.md");
  const std::string run =
      "exec freshbench freshbench run --patterns p0,p1,p2,p3,p4,p5,p6 --metrics-port " +
      metrics_port;
  EXPECT_NE(readme.find(run), std::string::npos) << "README lacks the compose command: " << run;
  YAML::Node services = YAML::LoadFile(kCompose)["services"];
  bool mounted = false;
  for (const auto& v : services["prometheus"]["volumes"]) {
    mounted |= SplitVolume(v.as<std::string>()).second == "/etc/prometheus/prometheus.yml";
  }
  EXPECT_TRUE(mounted);
}

// `freshbench setup p2|p3` uploads the tiering job jar from
// $FRESHBENCH_HOME/jvm/<tiering_jar>: the freshbench image has it there,
// fetched at the version the patterns name, and no volume hides it.
TEST(ComposeConfigTest, FreshbenchImageHoldsTheTieringJarThePatternsName) {
  const std::string pom = ReadText(kComposeDir + "/flink/pom.xml");
  const std::string fluss_version = XmlElement(pom, "fluss.version");
  ASSERT_FALSE(fluss_version.empty());
  const auto exec = pom.find("<id>tiering-job</id>");
  ASSERT_NE(exec, std::string::npos) << "flink/pom.xml has no tiering-job execution";
  const std::string exec_block = pom.substr(exec, pom.find("</execution>", exec) - exec);
  EXPECT_NE(exec_block.find("<artifactId>fluss-flink-tiering</artifactId><version>${fluss.version}"
                            "</version>"),
            std::string::npos);
  EXPECT_NE(exec_block.find("<outputDirectory>${jars.out}/jobs</outputDirectory>"),
            std::string::npos);

  const std::string dockerfile = ReadText(kComposeDir + "/freshbench/Dockerfile");
  EXPECT_NE(dockerfile.find("dependency:copy@tiering-job -Djars.out=/build/jars"),
            std::string::npos);
  const std::string home = DockerfileEnv(dockerfile, "FRESHBENCH_HOME");
  ASSERT_FALSE(home.empty());

  for (const char* pattern : {"p2-fluss-union", "p3-fluss-lake"}) {
    YAML::Node settings =
        YAML::LoadFile(kSource + "/patterns/" + pattern + "/pattern.yaml")["settings"];
    const std::filesystem::path jar = settings["tiering_jar"].as<std::string>();
    ASSERT_TRUE(jar.is_relative()) << pattern;
    EXPECT_EQ(jar.filename().string(), "fluss-flink-tiering-" + fluss_version + ".jar") << pattern;
    const std::string copy =
        "COPY --from=jars /build/jars/jobs/ " + home + "/jvm/" + jar.parent_path().string() + "/";
    EXPECT_NE(dockerfile.find(copy), std::string::npos) << "freshbench/Dockerfile lacks: " << copy;
  }

  YAML::Node freshbench = YAML::LoadFile(kCompose)["services"]["freshbench"];
  const std::string jvm = home + "/jvm";
  for (const auto& v : freshbench["volumes"]) {
    const std::string container = SplitVolume(v.as<std::string>()).second;
    EXPECT_NE(jvm.rfind(container, 0), 0u) << "volume " << container << " hides " << jvm;
  }
}

// One Paimon warehouse on MinIO: where the Fluss servers create lake tables,
// where freshbench points the tiering job and Flink's paimon_catalog, and
// what P4's StarRocks catalog reads.
TEST(ComposeConfigTest, OneLakeWarehouseForFlussFreshbenchAndStarRocks) {
  YAML::Node services = YAML::LoadFile(kCompose)["services"];
  ASSERT_TRUE(services["freshbench"]["environment"]["FRESHBENCH_PAIMON_WAREHOUSE"])
      << "the lake is on MinIO, not under $FRESHBENCH_HOME";
  const std::string warehouse =
      services["freshbench"]["environment"]["FRESHBENCH_PAIMON_WAREHOUSE"].as<std::string>();
  EXPECT_EQ(warehouse.rfind("s3://", 0), 0u) << warehouse;
  for (const char* server : {"coordinator-server", "tablet-server"}) {
    YAML::Node props =
        YAML::Load(services[server]["environment"]["FLUSS_PROPERTIES"].as<std::string>());
    EXPECT_EQ(props["datalake.paimon.warehouse"].as<std::string>(), warehouse) << server;
  }
  YAML::Node p4 = YAML::LoadFile(kSource + "/patterns/p4-starrocks-paimon/pattern.yaml");
  EXPECT_EQ(p4["settings"]["warehouse"].as<std::string>(), warehouse);

  // The Fluss servers create the lake tables there: their image (built by
  // fluss/Dockerfile) carries paimon-s3 in Fluss's Paimon plugin.
  YAML::Node build = services["coordinator-server"]["build"];
  ASSERT_TRUE(build) << "coordinator-server must build the Fluss image with paimon-s3";
  const std::string image = services["coordinator-server"]["image"].as<std::string>();
  EXPECT_EQ(services["tablet-server"]["image"].as<std::string>(), image);
  const std::string dockerfile = ReadText(kComposeDir + "/" + build["context"].as<std::string>() +
                                          "/" + build["dockerfile"].as<std::string>());
  EXPECT_NE(dockerfile.find("dependency:copy@fluss-plugin"), std::string::npos);
  EXPECT_NE(dockerfile.find("/opt/fluss/plugins/paimon/"), std::string::npos);
  const std::string pom = ReadText(kComposeDir + "/flink/pom.xml");
  const auto exec = pom.find("<id>fluss-plugin</id>");
  ASSERT_NE(exec, std::string::npos);
  EXPECT_NE(pom.substr(exec, pom.find("</execution>", exec) - exec)
                .find("<artifactId>paimon-s3</artifactId><version>${paimon.version}</version>"),
            std::string::npos);
}

}  // namespace
}  // namespace freshbench
