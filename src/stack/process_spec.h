// ProcessSpec: everything needed to launch one engine process.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace freshbench::stack {

struct ProcessSpec {
  // argv[0] is looked up in PATH when it holds no '/'. Must not be empty.
  std::vector<std::string> argv;
  // Set in the child on top of the inherited environment (overriding).
  std::map<std::string, std::string> env;
  // Working directory of the child; empty = inherit.
  std::string cwd;
  // stdout and stderr are appended here (created if missing). Required.
  std::string log_path;
};

// The command line as one string, for logs and messages (not for a shell).
std::string CommandLine(const ProcessSpec& spec);

}  // namespace freshbench::stack
