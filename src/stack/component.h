// Component: one engine process of the local stack (Kafka, ClickHouse, and
// later ZooKeeper, Fluss, Flink ...). The Stack (stack.h) drives every
// component through the same steps, so a new engine only says what is
// specific to it:
//
//   ports()        what it listens on (checked free before anything starts)
//   Prepare()      check prerequisites, write configs, format storage
//   Launch()       the command to run in the foreground (ProcessSpec)
//   CheckHealth()  one quick probe: ok once it serves requests
//   AfterHealthy() idempotent set-up once healthy (e.g. create the topic)
//
// A component lives in <home>/stack/<name>/ (state_dir()): configs, data,
// logs, and the ProcessRecord <name>.pid. JVM engines build their command
// with JvmCommand (jvm_command.h). Register a component with one line in
// component_registry.cc.
//
// Thread safety: none; the Stack uses components from one thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"
#include "stack/process_spec.h"

namespace freshbench::stack {

// Where the stack lives and which ports it uses; shared by all components.
struct StackContext {
  Endpoints endpoints;  // ports (with FRESHBENCH_PORT_OFFSET), topic, kafka_brokers
  std::string home;     // absolute FRESHBENCH_HOME
  // KRaft cluster id shared by the nodes of a multi-broker cluster (from the
  // cluster state file, config/local_kafka.h); empty for a lone broker.
  std::string kafka_cluster_id;

  std::string StackDir() const { return home + "/stack"; }
  // Fetched jars of one JVM engine: <home>/jvm/<engine>/ (scripts/fetch-*.sh).
  std::string JvmDir(const std::string& engine) const { return home + "/jvm/" + engine; }

  // Endpoints from the environment, with FRESHBENCH_HOME made absolute.
  static StackContext FromEnvironment();
};

struct PortSpec {
  std::string what;  // "kafka PLAINTEXT", "clickhouse http" ...
  int port = 0;
};

class Component {
 public:
  Component(const StackContext& ctx, std::string name) : ctx_(ctx), name_(std::move(name)) {}
  virtual ~Component() = default;
  Component(const Component&) = delete;
  Component& operator=(const Component&) = delete;

  const std::string& name() const { return name_; }
  const StackContext& context() const { return ctx_; }
  // <home>/stack/<name>: configs, data and logs of this component.
  std::string state_dir() const { return ctx_.StackDir() + "/" + name_; }
  // Where the ProcessRecord of the running process is kept.
  std::string record_path() const { return state_dir() + "/" + name_ + ".pid"; }
  // stdout and stderr of the process (JVM crashes, early errors).
  std::string output_log_path() const { return state_dir() + "/logs/" + name_ + ".out"; }

  // Names of components that must run before this one (started first,
  // stopped after it).
  virtual std::vector<std::string> requires_components() const { return {}; }
  // Adjacent components with the same non-empty group are launched together
  // and only then waited for: nodes of a cluster that is healthy only once a
  // quorum of them runs (the Kafka cluster's controller voters).
  virtual std::string start_group() const { return ""; }
  // Every port the process listens on, all on 127.0.0.1.
  virtual std::vector<PortSpec> ports() const = 0;
  // Checks prerequisites (binaries, jars) and writes configs; idempotent.
  // Called only when the component is not running and its ports are free.
  virtual Status Prepare() = 0;
  // The command that runs the engine in the foreground.
  virtual Result<ProcessSpec> Launch() const = 0;
  // One quick, bounded probe (≤ 2 s): ok once the engine serves requests.
  virtual Status CheckHealth() const = 0;
  // Set-up that needs the engine up (idempotent; also run when it already
  // ran). Returns lines worth telling the user, e.g. "topic ... created".
  virtual Result<std::vector<std::string>> AfterHealthy() { return std::vector<std::string>{}; }
  // One line of detail for `stack status` (version, topic ...); may be empty.
  virtual std::string Describe() const { return ""; }
  // The engine's own log, shown (last lines) when it fails.
  virtual std::string log_path() const { return output_log_path(); }

  virtual std::chrono::seconds start_timeout() const { return std::chrono::seconds(90); }
  virtual std::chrono::seconds stop_timeout() const { return std::chrono::seconds(30); }

 private:
  StackContext ctx_;
  std::string name_;
};

}  // namespace freshbench::stack
