// What this binary is: version, git revision and build type, recorded in
// every result file. Defined in a source file generated at configure time
// (build_info.cc.in), so a new revision rebuilds one file, not the tree.
#pragma once

namespace freshbench {

const char* BuildVersion();      // "0.1.0"
const char* BuildGitRevision();  // short hash, or "unknown" outside a git checkout
const char* BuildType();         // CMAKE_BUILD_TYPE

}  // namespace freshbench
