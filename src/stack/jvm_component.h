// JvmComponent: a Component whose process is a JVM started as
// `java ... MainClass args` (Kafka now; ZooKeeper, Fluss, Flink later).
// A subclass says what to run through jvm_options(); Launch() turns that
// into the command line, defaulting the working directory to state_dir()
// and stdout/stderr to output_log_path().
//
//   class FlussCoordinator : public JvmComponent {
//     JvmOptions jvm_options() const override {
//       JvmOptions o;
//       o.classpath_dirs = {context().JvmDir("fluss")};
//       o.main_class = "org.apache.fluss.server.coordinator.CoordinatorServer";
//       o.args = {"-c", state_dir() + "/conf"};
//       return o;
//     }
//     ...ports(), Prepare(), CheckHealth()
//   };
#pragma once

#include "stack/component.h"
#include "stack/jvm_command.h"

namespace freshbench::stack {

class JvmComponent : public Component {
 public:
  using Component::Component;

  Result<ProcessSpec> Launch() const final {
    JvmOptions o = jvm_options();
    if (o.cwd.empty()) o.cwd = state_dir();
    if (o.log_path.empty()) o.log_path = output_log_path();
    return JvmCommand(o);
  }

 protected:
  // What to run: classpath dirs, heap, flags, properties, main class, args, env.
  virtual JvmOptions jvm_options() const = 0;
};

}  // namespace freshbench::stack
