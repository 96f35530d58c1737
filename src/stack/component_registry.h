// The list of components the local stack knows, in start order (`down`
// stops in reverse). Adding an engine = one Component subclass and one line
// in component_registry.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "stack/component.h"

namespace freshbench::stack {

struct ComponentInfo {
  std::string name;
  bool default_on;  // started by a plain `stack up`
  std::function<std::unique_ptr<Component>(const StackContext&)> make;
};

// Every known component, in start order.
const std::vector<ComponentInfo>& AllComponents();

// Names in start order; with `defaults_only`, only the default_on ones.
std::vector<std::string> ComponentNames(bool defaults_only);

}  // namespace freshbench::stack
