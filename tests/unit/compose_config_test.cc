// deploy/compose/docker-compose.yml: valid for Docker Compose (its own
// `config` check, no daemon needed) and within the rules the stack promises:
// pinned images, health checks, ordering on health, memory for a 16 GB laptop.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <memory>
#include <set>
#include <string>

namespace freshbench {
namespace {

const std::string kCompose =
    std::string(FRESHBENCH_SOURCE_DIR) + "/deploy/compose/docker-compose.yml";

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

}  // namespace
}  // namespace freshbench
