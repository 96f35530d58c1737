// deploy/k8s/: no cluster here, so the manifests are checked offline. They
// parse, the kustomization lists every one of them, and the wiring holds:
// the image deploy/compose builds, the generator as an Indexed Job whose
// completions = parallelism = INSTANCES and whose pod index reaches
// `freshbench generate --instances N`, the runner as `run --load external`
// with its endpoints from the ConfigMap and its results on the claim.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engines/driver_registry.h"
#include "gen/instance.h"

namespace freshbench {
namespace {

namespace fs = std::filesystem;
const std::string kSource = FRESHBENCH_SOURCE_DIR;
const std::string kDir = kSource + "/deploy/k8s";

std::vector<std::string> Strings(const YAML::Node& seq) {
  std::vector<std::string> out;
  for (const auto& n : seq) out.push_back(n.as<std::string>());
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The value after `flag` in `args`, or "" if absent.
std::string After(const std::vector<std::string>& args, const std::string& flag) {
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == flag) return args[i + 1];
  return "";
}

class K8sManifestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = YAML::LoadFile(kDir + "/configmap.yaml");
    generator_ = YAML::LoadFile(kDir + "/generator-job.yaml");
    runner_ = YAML::LoadFile(kDir + "/runner-job.yaml");
    pvc_ = YAML::LoadFile(kDir + "/results-pvc.yaml");
    for (const auto& kv : config_["data"])
      data_[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
  static YAML::Node Container(const YAML::Node& job) {
    return job["spec"]["template"]["spec"]["containers"][0];
  }
  // $(VAR) in args, expanded as Kubernetes does from env and envFrom.
  std::vector<std::string> Expand(const std::vector<std::string>& args,
                                  const std::map<std::string, std::string>& extra = {}) const {
    std::vector<std::string> out;
    const std::regex var(R"(\$\(([A-Z_][A-Z0-9_]*)\))");
    for (const auto& a : args) {
      std::string s = a;
      std::smatch m;
      while (std::regex_search(s, m, var)) {
        const std::string name = m[1];
        auto it = extra.find(name);
        std::string value;
        if (it != extra.end()) {
          value = it->second;
        } else {
          EXPECT_TRUE(data_.count(name)) << "$(" << name << ") is not in the ConfigMap";
          value = data_.count(name) ? data_.at(name) : "";
        }
        s = m.prefix().str() + value + m.suffix().str();
      }
      out.push_back(s);
    }
    return out;
  }
  YAML::Node config_, generator_, runner_, pvc_;
  std::map<std::string, std::string> data_;
};

TEST_F(K8sManifestsTest, KustomizationListsEveryManifestAndEachParses) {
  YAML::Node k = YAML::LoadFile(kDir + "/kustomization.yaml");
  std::set<std::string> listed;
  for (const auto& r : k["resources"]) listed.insert(r.as<std::string>());
  std::set<std::string> present;
  for (const auto& e : fs::directory_iterator(kDir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".yaml" && name != "kustomization.yaml") present.insert(name);
  }
  EXPECT_EQ(listed, present);
  for (const auto& name : present) {
    YAML::Node doc = YAML::LoadFile(kDir + "/" + name);
    EXPECT_TRUE(doc["apiVersion"] && doc["kind"] && doc["metadata"]["name"]) << name;
  }
}

TEST_F(K8sManifestsTest, BothJobsRunTheImageComposeBuilds) {
  YAML::Node compose = YAML::LoadFile(kSource + "/deploy/compose/docker-compose.yml");
  const std::string image = compose["services"]["freshbench"]["image"].as<std::string>();
  for (const YAML::Node* job : {&generator_, &runner_}) {
    EXPECT_EQ((*job)["kind"].as<std::string>(), "Job");
    EXPECT_EQ((*job)["apiVersion"].as<std::string>(), "batch/v1");
    YAML::Node c = Container(*job);
    EXPECT_EQ(c["image"].as<std::string>(), image);
    EXPECT_EQ(Strings(c["command"]), std::vector<std::string>{"freshbench"});
    EXPECT_EQ(c["envFrom"][0]["configMapRef"]["name"].as<std::string>(),
              config_["metadata"]["name"].as<std::string>());
    EXPECT_EQ((*job)["spec"]["template"]["spec"]["restartPolicy"].as<std::string>(), "Never");
  }
}

TEST_F(K8sManifestsTest, GeneratorIsAnIndexedJobOfInstancesPods) {
  const YAML::Node spec = generator_["spec"];
  EXPECT_EQ(spec["completionMode"].as<std::string>(), "Indexed");
  const int completions = spec["completions"].as<int>();
  EXPECT_EQ(spec["parallelism"].as<int>(), completions);
  ASSERT_TRUE(data_.count("INSTANCES"));
  EXPECT_EQ(std::stoi(data_["INSTANCES"]), completions);

  YAML::Node c = Container(generator_);
  const auto args = Strings(c["args"]);
  EXPECT_EQ(args.at(0), "generate");
  EXPECT_EQ(After(args, "--instances"), "$(INSTANCES)");
  bool index_wired = false;
  for (const auto& e : c["env"]) {
    if (e["name"].as<std::string>() != "JOB_COMPLETION_INDEX") continue;
    index_wired = e["valueFrom"]["fieldRef"]["fieldPath"].as<std::string>() ==
                  "metadata.annotations['batch.kubernetes.io/job-completion-index']";
  }
  EXPECT_TRUE(index_wired)
      << "JOB_COMPLETION_INDEX must come from the job-completion-index annotation";

  // Every pod's index becomes a distinct instance I/N.
  const auto expanded = Expand(args);
  std::set<int> indexes;
  for (int pod = 0; pod < completions; ++pod) {
    auto env = [&](std::string_view name) -> std::optional<std::string> {
      if (name == "JOB_COMPLETION_INDEX") return std::to_string(pod);
      return std::nullopt;
    };
    auto inst = gen::ResolveInstance(std::nullopt, After(expanded, "--instances"), env);
    ASSERT_TRUE(inst.ok()) << inst.status().message();
    ASSERT_TRUE(inst->has_value());
    EXPECT_EQ((*inst)->count, completions);
    indexes.insert((*inst)->index);
  }
  EXPECT_EQ(static_cast<int>(indexes.size()), completions);

  // The CLI accepts the expanded arguments.
  CLI::App app{"test"};
  app.require_subcommand(1);
  CommandRegistry reg;
  RegisterAllCommands(app, reg);
  std::vector<const char*> argv{"freshbench"};
  for (const auto& a : expanded) argv.push_back(a.c_str());
  EXPECT_NO_THROW(app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data())));
  EXPECT_TRUE(static_cast<bool>(reg.run));
}

TEST_F(K8sManifestsTest, RunnerMeasuresExternalLoadWithTheConfigMapsEndpoints) {
  YAML::Node c = Container(runner_);
  const auto args = Strings(c["args"]);
  EXPECT_EQ(args.at(0), "run");
  EXPECT_EQ(After(args, "--load"), "external");
  EXPECT_FALSE(Contains(args, "--rate")) << "an external run does not generate";
  const auto expanded = Expand(args);
  EXPECT_EQ(After(expanded, "--patterns"), data_["RUN_PATTERNS"]);
  EXPECT_FALSE(After(expanded, "--patterns").empty());

  // The endpoints the runner reads come from the ConfigMap, and each is a
  // variable freshbench really reads.
  std::string config_src;
  for (const char* f : {"/src/config/endpoints.cc", "/src/cli/run_command.cc"}) {
    std::ifstream in(kSource + f);
    std::stringstream ss;
    ss << in.rdbuf();
    config_src += ss.str();
  }
  // Engines' endpoints are settings their drivers declare (EngineInfo).
  std::set<std::string> engine_variables;
  for (const std::string& engine : RegisteredEngines())
    for (const EngineSetting& setting : FindEngine(engine)->settings)
      engine_variables.insert(setting.env);
  for (const char* key :
       {"FRESHBENCH_KAFKA", "FRESHBENCH_TOPIC", "FRESHBENCH_CLICKHOUSE", "FRESHBENCH_FLINK",
        "FRESHBENCH_SQL_GATEWAY", "FRESHBENCH_STARROCKS", "FRESHBENCH_RESULTS"}) {
    ASSERT_TRUE(data_.count(key)) << key << " missing from the ConfigMap";
    EXPECT_FALSE(data_[key].empty()) << key;
    EXPECT_TRUE(config_src.find(std::string("\"") + key + "\"") != std::string::npos ||
                engine_variables.count(key))
        << key << " is not read by freshbench";
    EXPECT_EQ(data_[key].find("127.0.0.1"), std::string::npos)
        << key << " points at the pod itself";
  }

  // Results: the mount is FRESHBENCH_RESULTS, backed by the claim.
  const std::string claim = pvc_["metadata"]["name"].as<std::string>();
  const YAML::Node pod = runner_["spec"]["template"]["spec"];
  std::string volume;
  for (const auto& v : pod["volumes"])
    if (v["persistentVolumeClaim"]["claimName"].as<std::string>() == claim)
      volume = v["name"].as<std::string>();
  ASSERT_FALSE(volume.empty()) << "no volume for claim " << claim;
  bool mounted = false;
  for (const auto& m : c["volumeMounts"])
    mounted |= m["name"].as<std::string>() == volume &&
               m["mountPath"].as<std::string>() == data_["FRESHBENCH_RESULTS"];
  EXPECT_TRUE(mounted) << "results volume not mounted at FRESHBENCH_RESULTS";
  EXPECT_EQ(pvc_["kind"].as<std::string>(), "PersistentVolumeClaim");
}

}  // namespace
}  // namespace freshbench
