#include "sweep/sweep_options.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "common/duration.h"
#include "patterns/pattern.h"

namespace freshbench {
namespace {

constexpr uint64_t kMaxRate = 100'000'000;
constexpr size_t kMaxRates = 32;

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, sep);) out.push_back(item);
  if (!text.empty() && text.back() == sep) out.push_back("");
  return out;
}

// A whole number of events/s in range, or why not.
Result<uint64_t> ParseRate(const std::string& flag_text, const std::string& item) {
  const bool digits = !item.empty() && std::all_of(item.begin(), item.end(), ::isdigit);
  if (!digits || item.size() > 10)
    return Status::InvalidArgument(
        fmt::format("--rates {}: '{}' is not a whole number of events/s", flag_text, item));
  const uint64_t v = std::stoull(item);
  if (v < 1 || v > kMaxRate)
    return Status::InvalidArgument(
        fmt::format("--rates {}: {} must be from 1 to {} events/s", flag_text, item, kMaxRate));
  return v;
}

}  // namespace

Result<std::vector<uint64_t>> ParseRates(const std::string& text) {
  std::vector<uint64_t> rates;
  if (const size_t dots = text.find(".."); dots != std::string::npos) {
    std::string to_text = text.substr(dots + 2);
    double factor = 2;
    if (const size_t x = to_text.find('x'); x != std::string::npos) {
      const std::string f = to_text.substr(x + 1);
      size_t used = 0;
      try {
        factor = std::stod(f, &used);
      } catch (...) {
        used = 0;
      }
      if (used == 0 || used != f.size() || !std::isfinite(factor) || factor <= 1 || factor > 1000)
        return Status::InvalidArgument(
            fmt::format("--rates {}: the factor '{}' must be a number above 1 (e.g. x4)", text, f));
      to_text = to_text.substr(0, x);
    }
    auto from = ParseRate(text, text.substr(0, dots));
    if (!from.ok()) return from.status();
    auto to = ParseRate(text, to_text);
    if (!to.ok()) return to.status();
    if (*to < *from)
      return Status::InvalidArgument(fmt::format("--rates {}: {} is below {}", text, *to, *from));
    for (double r = static_cast<double>(*from); r <= static_cast<double>(*to) * (1 + 1e-9);
         r *= factor) {
      const auto rate = static_cast<uint64_t>(std::llround(r));
      if (rates.empty() || rate > rates.back()) rates.push_back(rate);
      if (rates.size() > kMaxRates) break;
    }
  } else {
    for (const std::string& item : Split(text, ',')) {
      auto rate = ParseRate(text, item);
      if (!rate.ok()) return rate.status();
      if (!rates.empty() && *rate <= rates.back())
        return Status::InvalidArgument(fmt::format(
            "--rates {}: rates must rise from one step to the next ({} after {})", text, *rate,
            rates.back()));
      rates.push_back(*rate);
    }
  }
  if (rates.empty()) return Status::InvalidArgument("--rates '" + text + "': no rate given");
  if (rates.size() > kMaxRates)
    return Status::InvalidArgument(
        fmt::format("--rates {}: more than {} steps", text, kMaxRates));
  return rates;
}

std::string Slo::Text() const {
  std::string s;
  for (const SloTerm& t : terms) s += (s.empty() ? "" : ",") + t.text;
  return s;
}

Result<SloSpec> ParseSlo(const std::string& text, const std::string& what) {
  static const std::set<std::string> kMetrics = {"freshness", "q1", "q2", "q3", "visibility"};
  static const std::set<std::string> kStats = {"p50", "p95", "p99", "max"};
  SloSpec spec;
  spec.text = text;
  auto bad = [&](const std::string& term, const std::string& why) {
    return Status::InvalidArgument(fmt::format("{} {}: '{}' {}", what, text, term, why));
  };
  for (const std::string& item : Split(text, ',')) {
    std::string term = item, pattern;
    if (const size_t colon = term.find(':'); colon != std::string::npos) {
      pattern = term.substr(0, colon);
      term = term.substr(colon + 1);
      if (pattern.empty()) return bad(item, "names no pattern before ':'");
    }
    const size_t eq = term.find('=');
    const size_t us = term.rfind('_', eq);
    if (eq == std::string::npos || us == std::string::npos)
      return bad(item, "must be metric_stat=duration, e.g. freshness_p95=5s");
    SloTerm t;
    t.metric = term.substr(0, us);
    t.stat = term.substr(us + 1, eq - us - 1);
    t.text = term;
    if (!kMetrics.count(t.metric))
      return bad(item, "names no known metric (freshness, q1, q2, q3, visibility)");
    if (!kStats.count(t.stat)) return bad(item, "names no known statistic (p50, p95, p99, max)");
    const std::string value = term.substr(eq + 1);
    auto ms = ParseDurationMs(value, what + " " + item);
    if (!ms.ok()) return ms.status();
    if (*ms <= 0) return bad(item, "must allow more than 0 ms");
    t.limit_ms = static_cast<double>(*ms);
    Slo& slo = pattern.empty() ? spec.all : spec.per_pattern[pattern];
    for (const SloTerm& other : slo.terms)
      if (other.Key() == t.Key()) return bad(item, "repeats " + t.Key());
    slo.terms.push_back(t);
  }
  return spec;
}

Slo TargetFor(const SloSpec& spec, const std::string& pattern_id, const std::string& pattern_default) {
  Slo slo = spec.all;
  if (slo.terms.empty()) {
    auto base = ParseSlo(pattern_default.empty() ? kDefaultSlo : pattern_default);
    if (base.ok()) slo = base->all;
  }
  auto own = spec.per_pattern.find(pattern_id);
  if (own == spec.per_pattern.end()) return slo;
  for (const SloTerm& t : own->second.terms) {
    auto same = std::find_if(slo.terms.begin(), slo.terms.end(),
                             [&t](const SloTerm& x) { return x.Key() == t.Key(); });
    if (same != slo.terms.end()) {
      *same = t;
    } else {
      slo.terms.push_back(t);
    }
  }
  return slo;
}

void ApplySweepRunDefaults(SweepOptions* o) {
  o->run.repeat = 3;
  o->run.markers = 4;
}

Status ValidateSweepOptions(const SweepOptions& o) {
  FB_RETURN_IF_ERROR(ValidateRunOptions(o.run));
  if (o.rates.empty()) return Status::InvalidArgument("--rates: no rate given");
  if (!(o.step_s >= 20 && o.step_s <= 3600))
    return Status::InvalidArgument(fmt::format("--step {}: must be from 20 to 3600 s", o.step_s));
  const std::string root = o.run.patterns_root.empty() ? DefaultPatternsRoot() : o.run.patterns_root;
  const std::vector<std::string> ids = o.run.patterns.empty() ? ListPatternIds(root) : o.run.patterns;
  for (const auto& [id, slo] : o.slo.per_pattern) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
      return Status::InvalidArgument(fmt::format("--slo {}: '{}' is not one of the chosen patterns",
                                                 o.slo.text, id));
  }
  for (const std::string& id : ids) {
    auto pattern = LoadPattern(*FindPatternDir(root, id));  // ValidateRunOptions loaded it
    if (!pattern.ok() || pattern->sweep_slo.empty()) continue;
    auto own = ParseSlo(pattern->sweep_slo, "pattern.yaml of " + id + ": sweep_slo");
    if (!own.ok()) return own.status();
    if (!own->per_pattern.empty())
      return Status::InvalidArgument("pattern.yaml of " + id +
                                     ": sweep_slo names a pattern; it applies to its own only");
  }
  return Status::Ok();
}

}  // namespace freshbench
