// Where pattern folders are looked for. Here, below patterns/, because the
// local stack reads pattern files too (ClickHouse dictionaries).
#pragma once

#include <string>

namespace freshbench {

// $FRESHBENCH_PATTERNS, else ./patterns when it exists, else the source
// tree's patterns/.
std::string DefaultPatternsRoot();

}  // namespace freshbench
