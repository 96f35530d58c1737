// ResultsWriter: writes one run's raw records into results/<run-id>/ as
// they are taken, one JSON object per line, each line flushed at once so a
// killed run loses no sample it took.
//
//   run.json            RunInfo (rewritten whole, atomically, by WriteRunInfo)
//   samples.jsonl       QuerySample + "phase"
//   markers.jsonl       MarkerSample
//   generator.jsonl     GeneratorSample
//   phases.jsonl        PhaseEvent
//   footprint.jsonl     FootprintSample
//   completeness.jsonl  CompletenessRecord
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/status.h"
#include "measure/query_sample.h"
#include "report/raw_records.h"
#include "report/run_info.h"

namespace freshbench {

inline constexpr const char* kRunInfoFile = "run.json";
inline constexpr const char* kSamplesFile = "samples.jsonl";
inline constexpr const char* kMarkersFile = "markers.jsonl";
inline constexpr const char* kGeneratorFile = "generator.jsonl";
inline constexpr const char* kPhasesFile = "phases.jsonl";
inline constexpr const char* kFootprintFile = "footprint.jsonl";
inline constexpr const char* kCompletenessFile = "completeness.jsonl";
inline constexpr const char* kSummaryFile = "summary.json";
inline constexpr const char* kReportMdFile = "report.md";
inline constexpr const char* kReportHtmlFile = "report.html";

// A run id from a UTC time: "20261121-233015".
std::string MakeRunId(int64_t epoch_ms);

class ResultsWriter {
 public:
  // Creates <root>/<run_id>/ (and <root>) and opens every raw file for
  // appending. Fails with kIoError naming the path when it cannot.
  static Result<std::unique_ptr<ResultsWriter>> Create(const std::string& root,
                                                       const std::string& run_id);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  const std::string& dir() const { return dir_; }

  // Writes run.json through a temporary file and a rename.
  Status WriteRunInfo(const RunInfo& info);

  void Append(const QuerySample& s, const std::string& phase);
  void Append(const MarkerSample& s);
  void Append(const GeneratorSample& s);
  void Append(const PhaseEvent& e);
  void Append(const FootprintSample& s);
  void Append(const CompletenessRecord& r);

  // A sweep's step: every raw line appended from now on carries "step": N
  // (nullopt: none, as in a run).
  void SetStep(std::optional<int> step);

 private:
  struct File;
  explicit ResultsWriter(std::string dir);
  void WriteLine(File& f, const nlohmann::json& j);

  std::string dir_;
  std::mutex mu_;
  std::optional<int> step_;  // guarded by mu_
  std::unique_ptr<File> samples_, markers_, generator_, phases_, footprint_, completeness_;
};

// Writes `text` to `path` through `path`.tmp and a rename.
Status WriteFileAtomically(const std::string& path, const std::string& text);

}  // namespace freshbench
