// RunnerSpec: what a pattern needs done besides its engine's SQL, read from
// the optional runner.yaml beside pattern.yaml (docs/patterns.md,
// "runner.yaml"): Flink jobs that feed the engine, and other patterns whose
// ingestion must pause while this one is measured.
//
// Thread safety: plain values.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "patterns/pattern.h"

namespace freshbench {

// A Flink SQL job submitted through the SQL Gateway after the pattern's
// setup, found again (and cancelled at teardown) by its pipeline.name.
struct FlinkJobSpec {
  std::string name;              // pipeline.name; placeholders allowed
  std::vector<std::string> sql;  // files relative to the pattern folder
};

// Another pattern sharing this one's resources.
struct ContentionSpec {
  std::string pattern;          // "p6"
  std::string while_measuring;  // "pause": run its pause query before, resume after
};

struct RunnerSpec {
  std::vector<FlinkJobSpec> flink_jobs;
  std::vector<ContentionSpec> contends_with;
};

// Parses runner.yaml text; every file it names must exist in `pattern.dir`,
// and every pattern it contends with that is paused must be a pattern id
// (checked by the runner). kInvalidArgument naming the key at fault.
Result<RunnerSpec> ParseRunnerSpec(const std::string& yaml_text, const Pattern& pattern);

// `pattern.dir`/runner.yaml, or an empty spec when there is none.
Result<RunnerSpec> LoadRunnerSpec(const Pattern& pattern);

}  // namespace freshbench
