// Helpers shared by integration tests: run the freshbench binary and
// capture what it prints, and read where the local stack listens.
#pragma once

#include <optional>
#include <string>
#include <utility>
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

// Sets or unsets environment variables for a test and puts every one back
// as it was when destroyed (last set, first restored).
class ScopedEnv {
 public:
  ScopedEnv() = default;
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  // nullopt: unset.
  void Set(const std::string& name, const std::optional<std::string>& value);

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace freshbench::testing
