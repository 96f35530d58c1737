#include "stack/jvm_command.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace freshbench::stack {

std::string JavaBinary() {
  if (const char* home = std::getenv("JAVA_HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/bin/java";
  }
  return "java";
}

bool DirHasJar(const std::string& dir, const std::string& prefix) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() >= 4 && name.rfind(prefix, 0) == 0 && name.ends_with(".jar")) return true;
  }
  return false;
}

Result<ProcessSpec> JvmCommand(const JvmOptions& opts) {
  if (opts.main_class.empty()) return Status::InvalidArgument("JVM command without a main class");
  std::string classpath;
  for (const auto& dir : opts.classpath_dirs) {
    if (!DirHasJar(dir, "")) {
      return Status::Unavailable("no jars in " + dir + "; run scripts/fetch-jars.sh first");
    }
    if (!classpath.empty()) classpath += ':';
    classpath += dir + "/*";  // the JVM expands dir/* to every jar in it
  }
  for (const auto& entry : opts.classpath_extra) {
    if (!classpath.empty()) classpath += ':';
    classpath += entry;
  }
  ProcessSpec spec;
  spec.argv.push_back(JavaBinary());
  if (!opts.max_heap.empty()) spec.argv.push_back("-Xmx" + opts.max_heap);
  if (!opts.initial_heap.empty()) spec.argv.push_back("-Xms" + opts.initial_heap);
  for (const auto& f : opts.jvm_flags) spec.argv.push_back(f);
  for (const auto& [k, v] : opts.system_properties) spec.argv.push_back("-D" + k + "=" + v);
  if (!classpath.empty()) {
    spec.argv.push_back("-cp");
    spec.argv.push_back(classpath);
  }
  spec.argv.push_back(opts.main_class);
  for (const auto& a : opts.args) spec.argv.push_back(a);
  spec.env = opts.env;
  spec.cwd = opts.cwd;
  spec.log_path = opts.log_path;
  return spec;
}

}  // namespace freshbench::stack
