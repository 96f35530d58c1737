// Helpers shared by integration tests: run the freshbench binary and
// capture what it prints, and read where the local stack listens.
#pragma once

#include <string>
#include <vector>

namespace freshbench::testing {

struct CommandOutput {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs build/freshbench with `args` (no shell), waits at most `timeout_s`.
CommandOutput RunFreshbench(const std::vector<std::string>& args, int timeout_s = 120);

// Path of the freshbench binary under test.
std::string FreshbenchBinary();

}  // namespace freshbench::testing
