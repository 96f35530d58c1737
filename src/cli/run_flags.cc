#include "cli/run_flags.h"

#include <cstdio>
#include <iostream>

#include "patterns/pattern.h"
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

std::string StackComponentsFor(const RunOptions& o, bool quick, bool patterns_named,
                               std::string* note) {
  const std::string root = o.patterns_root.empty() ? DefaultPatternsRoot() : o.patterns_root;
  std::vector<std::string> ids = o.patterns.empty() ? ListPatternIds(root) : o.patterns;
  bool clickhouse = false, lake = false;
  for (const std::string& id : ids) {
    auto dir = FindPatternDir(root, id);
    if (!dir.ok()) continue;  // the runner reports it
    auto pat = LoadPattern(*dir);
    if (!pat.ok()) continue;
    clickhouse = clickhouse || pat->engine == "clickhouse";
    lake = lake || pat->engine == "flink";
  }
  if (lake && quick && !patterns_named) {
    lake = false;
    *note = "--quick: the Flink + Fluss lake is not started (name p2/p3 in --patterns to include it)";
  }
  std::string with = "kafka";
  if (clickhouse) with += ",clickhouse";
  if (lake) with += ",flink";
  return with;
}

Status StartLocalStackFor(const RunOptions& o, bool quick, bool patterns_named) {
  std::string note;
  const std::string with = StackComponentsFor(o, quick, patterns_named, &note);
  if (!note.empty()) std::fprintf(stderr, "freshbench: %s\n", note.c_str());
  auto names = stack::ResolveComponents(with, /*defaults_only=*/false);
  if (!names.ok()) return names.status();
  stack::Stack s(stack::StackContext::FromEnvironment());
  stack::UpResult up = s.Up(*names, std::cerr);
  if (!up.status.ok()) {
    if (!up.details.empty()) std::fprintf(stderr, "%s\n", up.details.c_str());
    return up.status.WithContext("stack up");
  }
  return Status::Ok();
}

}  // namespace freshbench
