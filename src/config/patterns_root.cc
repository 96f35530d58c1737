#include "config/patterns_root.h"

#include <cstdlib>
#include <filesystem>

namespace freshbench {

std::string DefaultPatternsRoot() {
  if (const char* v = std::getenv("FRESHBENCH_PATTERNS"); v != nullptr && *v != '\0') return v;
  std::error_code ec;
  if (std::filesystem::is_directory("patterns", ec)) return "patterns";
  return std::string(FRESHBENCH_SOURCE_DIR) + "/patterns";
}

}  // namespace freshbench
