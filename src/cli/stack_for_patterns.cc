#include "cli/stack_for_patterns.h"

#include <algorithm>
#include <map>

#include "engines/driver_registry.h"
#include "patterns/pattern.h"

namespace freshbench {

std::string StackComponentsFor(const std::string& root, const std::vector<std::string>& ids,
                               bool quick, std::string* note) {
  const bool named = !ids.empty();
  std::map<std::string, std::vector<std::string>> ids_by_engine;  // sorted: a stable order
  for (const std::string& id : named ? ids : ListPatternIds(root)) {
    auto dir = FindPatternDir(root, id);
    if (!dir.ok()) continue;
    auto pat = LoadPattern(*dir);
    if (!pat.ok()) continue;
    ids_by_engine[pat->engine].push_back(id);
  }
  std::vector<std::string> with = {"kafka"};
  for (const auto& [engine, engine_ids] : ids_by_engine) {
    const EngineInfo* info = FindEngine(engine);
    if (info == nullptr) continue;
    if (!info->slow_stack.empty() && quick && !named) {
      std::string listed;
      for (const auto& id : engine_ids) listed += (listed.empty() ? "" : "/") + id;
      *note += (note->empty() ? "--quick: " : "; ") + info->slow_stack +
               " is not started (name " + listed + " in --patterns to include it)";
      continue;
    }
    for (const auto& c : info->stack_components) {
      if (std::find(with.begin(), with.end(), c) == with.end()) with.push_back(c);
    }
  }
  std::string joined;
  for (const auto& c : with) joined += (joined.empty() ? "" : ",") + c;
  return joined;
}

}  // namespace freshbench
