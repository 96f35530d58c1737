// What `run` and `sweep` share on the command line: numbers taken as text
// (so a message quotes what the user typed, `--rate -5`, not what a wrapped
// integer became) and starting the local stack the chosen patterns need.
#pragma once

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "common/status.h"
#include "run/benchmark_runner.h"
#include "run/run_options.h"

namespace freshbench {

// `text` as a number for `flag`; kInvalidArgument quoting both otherwise.
Status ParseNumberFlag(const char* flag, const std::string& text, double* out);

// `text` into *out when given (empty: the default stays), within [lo, hi]
// (and whole when `whole`); kInvalidArgument quoting the flag and text.
template <typename T>
Status ParseFlag(const char* flag, const std::string& text, double lo, double hi, const char* unit,
                 bool whole, T* out) {
  if (text.empty()) return Status::Ok();
  double v = 0;
  FB_RETURN_IF_ERROR(ParseNumberFlag(flag, text, &v));
  if (v < lo || v > hi || (whole && v != std::floor(v)))
    return Status::InvalidArgument(fmt::format("{} {}: must be {} from {} to {}{}", flag, text,
                                               whole ? "a whole number" : "a number", lo, hi, unit));
  *out = static_cast<T>(v);
  return Status::Ok();
}

// --stack local: starts Kafka and what the chosen patterns' engines declare
// (cli/stack_for_patterns.h; with `quick` and no patterns named, a slow
// stack such as the lake is left out and a note says so; progress on
// stderr). A failure is printed with its details; returns it.
Status StartLocalStackFor(const RunOptions& o, bool quick, bool patterns_named);

// Prints a finished run's (or sweep's) report and where its files are, and
// on stderr one line when it did not end complete; returns its exit code.
// `verb` names the command ("run", "sweep").
int ReportOutcome(const char* verb, const Result<RunOutcome>& outcome);

}  // namespace freshbench
