// Strict YAML mappings: every pattern file rejects keys it does not know, so
// a typo is an error instead of a silently ignored setting.
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "common/status.h"

namespace freshbench {

// kInvalidArgument naming `where` and the known keys when `node` is not a
// mapping or holds a key outside `allowed`.
Status CheckYamlKeys(const YAML::Node& node, const std::string& where,
                     const std::set<std::string>& allowed);

}  // namespace freshbench
