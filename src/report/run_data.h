// RunData: everything one results/<run-id>/ folder holds, read back from
// its raw files. The report is always rendered from this, never from
// in-memory state of the run, so re-rendering gives the same figures.
//
// Thread safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "measure/query_sample.h"
#include "report/raw_records.h"
#include "report/run_info.h"

namespace freshbench {

struct PhasedSample {
  QuerySample sample;
  std::string phase;  // kPhaseSteady, ...; "" when the line had none
  std::optional<int> step;  // a sweep's step (src/sweep/); none in a run
};

struct RunData {
  std::string dir;
  RunInfo info;
  std::vector<PhasedSample> samples;
  std::vector<MarkerSample> markers;
  std::vector<GeneratorSample> generator;
  std::vector<PhaseEvent> phases;
  std::vector<FootprintSample> footprint;
  std::vector<CompletenessRecord> completeness;
  int skipped_lines = 0;  // unparsable lines (a run killed mid-write leaves one)
  // run.json named the exit code (older runs did not: their summary says null).
  bool exit_code_known = false;
};

// Reads a results folder. Fails with kNotFound when `dir` or its run.json
// is missing; a raw file that is missing counts as empty; an unparsable
// line is skipped and counted.
Result<RunData> LoadRunData(const std::string& dir);

// `run` is a path to a results folder or a run id under `results_root`.
std::string ResolveRunDir(const std::string& results_root, const std::string& run);

}  // namespace freshbench
