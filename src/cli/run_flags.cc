#include "cli/run_flags.h"

#include <cstdio>
#include <iostream>

#include "cli/pattern_command_util.h"
#include "cli/stack_for_patterns.h"
#include "common/exit_codes.h"
#include "config/patterns_root.h"
#include "patterns/pattern.h"
#include "run/run_faults.h"
#include "stack/stack.h"

namespace freshbench {

Status ParseNumberFlag(const char* flag, const std::string& text, double* out) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v))
    return Status::InvalidArgument(std::string(flag) + " " + text + ": not a number");
  *out = v;
  return Status::Ok();
}

Status StartLocalStackFor(const RunOptions& o, bool quick, bool patterns_named) {
  std::string note;
  const std::string with =
      StackComponentsFor(o.patterns_root.empty() ? DefaultPatternsRoot() : o.patterns_root,
                         o.patterns, quick && !patterns_named, &note);
  if (!note.empty()) std::fprintf(stderr, "freshbench: %s\n", note.c_str());
  auto names = stack::ResolveComponents(with, /*defaults_only=*/false);
  if (!names.ok()) return names.status();
  // A fault's target must be one the stack runs: checked before it starts.
  if (Status st = CheckFaultTargets(o.faults, *names); !st.ok()) return st;
  stack::Stack s(stack::StackContext::FromEnvironment());
  stack::UpResult up = s.Up(*names, std::cerr);
  if (!up.status.ok()) {
    if (!up.details.empty()) std::fprintf(stderr, "%s\n", up.details.c_str());
    return up.status.WithContext("stack up");
  }
  return Status::Ok();
}

int ReportOutcome(const char* verb, const Result<RunOutcome>& outcome) {
  if (!outcome.ok()) return ReportError(outcome.status().WithContext(verb));
  std::fputs(outcome->markdown.c_str(), stdout);
  std::printf("\nresults: %s\nreport: %s\n", outcome->results_dir.c_str(),
              outcome->html_path.c_str());
  if (outcome->exit_code != kExitOk)
    std::fprintf(stderr, "freshbench: %s %s: %s (%s/report.md)\n", verb, outcome->status.c_str(),
                 outcome->note.c_str(), outcome->results_dir.c_str());
  return outcome->exit_code;
}

}  // namespace freshbench
