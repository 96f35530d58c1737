#include "stack/process_spec.h"

namespace freshbench::stack {

std::string CommandLine(const ProcessSpec& spec) {
  std::string out;
  for (const auto& a : spec.argv) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

}  // namespace freshbench::stack
