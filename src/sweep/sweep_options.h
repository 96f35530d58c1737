// SweepOptions: every knob of `freshbench sweep`, the parsers of its two
// own flags (--rates, --slo), and the one check of them all
// (ValidateSweepOptions) that runs before anything is touched.
//
// A target ("SLO") is a list of terms `metric_stat=duration`:
//   metric: freshness (Q3 freshness_lag_ms), q1, q2, q3 (query latency),
//           visibility (marker visibility latency)
//   stat:   p50, p95, p99, max
// e.g. "freshness_p95=5s,q1_p95=2s". A term may name one pattern
// ("p3:freshness_p95=5min"). What a pattern is held to (TargetFor): --slo's
// terms for every pattern if it has any, else the pattern's own default
// (`sweep_slo:` in its pattern.yaml), else kDefaultSlo; then --slo's terms
// for that pattern replace the same metric_stat or add to it.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "run/run_options.h"

namespace freshbench {

inline constexpr const char* kDefaultSlo = "freshness_p95=5s";

struct SloTerm {
  std::string metric;  // "freshness", "q1", "q2", "q3", "visibility"
  std::string stat;    // "p50", "p95", "p99", "max"
  double limit_ms = 0;
  std::string text;    // as typed: "freshness_p95=5s"
  std::string Key() const { return metric + "_" + stat; }
};

struct Slo {
  std::vector<SloTerm> terms;
  std::string Text() const;  // "freshness_p95=5s,q1_p95=2s"
};

// --slo, parsed: the terms for every pattern and those naming one.
struct SloSpec {
  Slo all;
  std::map<std::string, Slo> per_pattern;
  std::string text;  // as typed; empty: not given
};

struct SweepOptions {
  // The run's knobs, as `freshbench run` has them; each step is a load
  // window of run.duration_s (= step_s), catch-up capped at half of it.
  RunOptions run;
  // Events/s, rising; each held for one step. Default: 1,000 to 64,000 by
  // factors of 4 (the generator's ceiling on 2 shared cores is above that).
  std::vector<uint64_t> rates = {1000, 4000, 16000, 64000};
  // Seconds each rate is held: catch-up (at most half), then the steady
  // window. 180 s spans more than one 2-minute lake epoch.
  double step_s = 180;
  SloSpec slo;
};

// "5000,20000,80000"; "1000..64000" (doubling); "1000..64000x4" (a factor,
// > 1, may be fractional). Rates are whole events/s from 1 to 100,000,000,
// strictly rising, at most 32 of them; a range stops at the last rate not
// above TO. kInvalidArgument quoting what was typed:
// "--rates 5000,abc: 'abc' is not a whole number of events/s".
Result<std::vector<uint64_t>> ParseRates(const std::string& text);

// --slo's text (terms, optionally "pN:"-prefixed). kInvalidArgument quoting
// the term at fault. `what` names the source in messages ("--slo",
// "pattern.yaml of p3: sweep_slo").
Result<SloSpec> ParseSlo(const std::string& text, const std::string& what = "--slo");

// The target `pattern_id` is held to (rules above). `pattern_default` is
// its pattern.yaml's sweep_slo ("" when it has none); it must parse
// (ValidateSweepOptions checked it).
Slo TargetFor(const SloSpec& spec, const std::string& pattern_id, const std::string& pattern_default);

// Applies the sweep's run defaults that depend on the step: load window =
// step, catch-up at most half a step, Q1/Q2 3 runs and 4 markers per step.
// Call before the flags that override them are applied.
void ApplySweepRunDefaults(SweepOptions* o);

// ValidateRunOptions on o.run, then the sweep's own: rates, step (30 s to
// 1 h), --slo pattern prefixes that are not chosen patterns, and every
// chosen pattern's sweep_slo. kInvalidArgument naming the flag or file.
Status ValidateSweepOptions(const SweepOptions& o);

}  // namespace freshbench
