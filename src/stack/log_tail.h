// Reading the end of an engine's log for error messages.
#pragma once

#include <string>

namespace freshbench::stack {

// The last `n` non-empty lines of the file at `path`, joined by '\n'
// (reads at most the last 64 KiB); empty when the file is missing.
std::string LastLines(const std::string& path, int n);

}  // namespace freshbench::stack
