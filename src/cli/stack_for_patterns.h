// Which components of the local stack a run of some patterns needs: Kafka,
// and what each pattern's engine says serves it (EngineInfo in
// engines/driver_registry.h), so no engine is named here.
#pragma once

#include <string>
#include <vector>

namespace freshbench {

// Component names for `stack up --with` ("kafka,clickhouse,flink") for the
// patterns `ids` under `root` (empty: every pattern there). With `quick`
// and no ids named, an engine whose stack is slow to start (the Flink +
// Fluss lake, ~1.5 min) is left out and `note` says so. Patterns that do
// not load are skipped (the runner reports them).
std::string StackComponentsFor(const std::string& root, const std::vector<std::string>& ids,
                               bool quick, std::string* note);

}  // namespace freshbench
