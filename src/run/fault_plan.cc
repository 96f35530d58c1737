#include "run/fault_plan.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "stack/stack.h"

namespace freshbench {
namespace {

// A number of seconds from `s` (all of it); nullopt otherwise.
std::optional<double> Seconds(std::string_view s) {
  if (s.empty() || s.front() == '+' || s.front() == '-' || std::isspace(static_cast<unsigned char>(s.front())))
    return std::nullopt;
  const std::string text(s);
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (...) {
    return std::nullopt;
  }
  if (used != text.size() || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

Status Bad(std::string_view text, const std::string& why) {
  return Status::InvalidArgument(fmt::format("--fault {}: {}", text, why));
}

}  // namespace

const char* FaultActionName(FaultAction a) {
  switch (a) {
    case FaultAction::kKill: return "kill";
    case FaultAction::kRestart: return "restart";
    case FaultAction::kPause: return "pause";
  }
  return "?";
}

Result<FaultSpec> ParseFault(std::string_view text) {
  constexpr const char* kShape = "expected TARGET:ACTION@T[+D], e.g. kafka-2:kill@30+20";
  const size_t colon = text.find(':');
  const size_t at = text.find('@');
  if (colon == std::string_view::npos || at == std::string_view::npos || at < colon)
    return Bad(text, kShape);
  FaultSpec f;
  f.text = std::string(text);
  f.target = std::string(text.substr(0, colon));
  const std::string_view action = text.substr(colon + 1, at - colon - 1);
  std::string_view when = text.substr(at + 1);
  if (f.target.empty()) return Bad(text, std::string("no target; ") + kShape);
  // One component, spelt as the stack spells it ("kafka-2", "fluss", ...).
  auto names = stack::ResolveComponents(f.target, /*defaults_only=*/false, /*with_requirements=*/false);
  if (!names.ok() || names->size() != 1 || f.target.find(',') != std::string::npos)
    return Bad(text, names.ok() ? "one target only" : names.status().message());
  if (action == "kill") {
    f.action = FaultAction::kKill;
  } else if (action == "restart") {
    f.action = FaultAction::kRestart;
  } else if (action == "pause") {
    f.action = FaultAction::kPause;
  } else {
    return Bad(text, fmt::format("unknown action '{}' (kill, restart or pause)", action));
  }
  const size_t plus = when.find('+');
  auto at_s = Seconds(when.substr(0, plus));
  if (!at_s) return Bad(text, fmt::format("'{}' is not a time in seconds (T >= 0)", when.substr(0, plus)));
  f.at_s = *at_s;
  if (plus != std::string_view::npos) {
    auto d = Seconds(when.substr(plus + 1));
    if (!d || *d <= 0)
      return Bad(text, fmt::format("'+{}' is not a duration in seconds (D > 0)", when.substr(plus + 1)));
    f.duration_s = *d;
  }
  return f;
}

Status ValidateFaultPlan(const std::vector<FaultSpec>& plan, double duration_s) {
  std::map<std::string, std::vector<const FaultSpec*>> by_target;
  for (const FaultSpec& f : plan) {
    if (f.at_s >= duration_s)
      return Bad(f.text, fmt::format("starts at {} s, after the load ends (--duration {} s)", f.at_s, duration_s));
    if (f.duration_s && f.at_s + *f.duration_s > duration_s)
      return Bad(f.text, fmt::format("ends at {} s, after the load ends (--duration {} s)",
                                     f.at_s + *f.duration_s, duration_s));
    by_target[f.target].push_back(&f);
  }
  for (auto& [target, faults] : by_target) {
    std::sort(faults.begin(), faults.end(),
              [](const FaultSpec* a, const FaultSpec* b) { return a->at_s < b->at_s; });
    for (size_t i = 1; i < faults.size(); ++i) {
      const FaultSpec& a = *faults[i - 1];
      // Without +D a kill or pause lasts until the load ends.
      const double a_end = a.duration_s ? a.at_s + *a.duration_s
                           : a.action == FaultAction::kRestart ? a.at_s
                                                               : duration_s;
      if (faults[i]->at_s <= a_end)
        return Bad(faults[i]->text, fmt::format("overlaps --fault {} on the same target", a.text));
    }
  }
  return Status::Ok();
}

}  // namespace freshbench
