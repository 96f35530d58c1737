// JvmCommand: the `java ... MainClass args` command line of a JVM engine
// started without its tarball's shell scripts (Kafka, and later ZooKeeper,
// Fluss, Flink): classpath from fetched jar directories, heap, flags,
// system properties, main class, arguments, environment.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "stack/process_spec.h"

namespace freshbench::stack {

struct JvmOptions {
  // Directories whose *.jar files form the classpath, in order.
  std::vector<std::string> classpath_dirs;
  // Extra classpath entries (a jar, or a directory of resources).
  std::vector<std::string> classpath_extra;
  std::string max_heap = "1g";        // -Xmx; the machine is shared by several engines
  std::string initial_heap = "256m";  // -Xms
  // More JVM flags, e.g. --add-opens for Java 17 (before the main class).
  std::vector<std::string> jvm_flags;
  // -Dkey=value system properties.
  std::map<std::string, std::string> system_properties;
  std::string main_class;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
  std::string cwd;
  std::string log_path;  // stdout and stderr
};

// The java binary: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java`
// from PATH.
std::string JavaBinary();

// The ProcessSpec for `opts`. InvalidArgument when main_class is empty;
// Unavailable (naming the directory and the fetch script to run) when a
// classpath directory holds no jar.
Result<ProcessSpec> JvmCommand(const JvmOptions& opts);

// True when `dir` holds at least one file whose name starts with `prefix`
// and ends in ".jar".
bool DirHasJar(const std::string& dir, const std::string& prefix);

}  // namespace freshbench::stack
