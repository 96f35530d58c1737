// The one way freshbench writes a whole file (configs, records, reports):
// to `path`.tmp, then a rename, so a reader never sees half a file.
#pragma once

#include <string>

#include "common/status.h"

namespace freshbench {

// Writes `text` to `path` through `path`.tmp and a rename. With
// `make_parent`, creates the parent folder first. kIoError naming the file
// (and the system's reason) otherwise.
Status WriteFileAtomically(const std::string& path, const std::string& text,
                           bool make_parent = false);

}  // namespace freshbench
