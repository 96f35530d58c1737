// --rates and --slo parsing, the targets each pattern is held to, and the
// sweep's checks of its knobs (nothing touched: pattern folders only).
#include <gtest/gtest.h>

#include "sweep/sweep_options.h"

namespace freshbench {
namespace {

std::vector<uint64_t> Rates(const std::string& text) {
  auto r = ParseRates(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().message();
  return r.ok() ? *r : std::vector<uint64_t>{};
}

std::string RatesError(const std::string& text) {
  auto r = ParseRates(text);
  EXPECT_FALSE(r.ok()) << text;
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  return r.ok() ? "" : r.status().message();
}

TEST(SweepRates, ListRangeAndFactor) {
  EXPECT_EQ(Rates("5000,20000,80000"), (std::vector<uint64_t>{5000, 20000, 80000}));
  EXPECT_EQ(Rates("2000"), (std::vector<uint64_t>{2000}));
  EXPECT_EQ(Rates("1000..8000"), (std::vector<uint64_t>{1000, 2000, 4000, 8000}));
  // A range stops at the last rate not above TO.
  EXPECT_EQ(Rates("1000..10000"), (std::vector<uint64_t>{1000, 2000, 4000, 8000}));
  EXPECT_EQ(Rates("1000..64000x4"), (std::vector<uint64_t>{1000, 4000, 16000, 64000}));
  EXPECT_EQ(Rates("1000..3400x1.5"), (std::vector<uint64_t>{1000, 1500, 2250, 3375}));
  EXPECT_EQ(Rates("500..500"), (std::vector<uint64_t>{500}));
}

TEST(SweepRates, BadInputNamesWhatWasTyped) {
  EXPECT_EQ(RatesError("5000,abc"), "--rates 5000,abc: 'abc' is not a whole number of events/s");
  EXPECT_NE(RatesError("5000,,8000").find("'' is not a whole number"), std::string::npos);
  EXPECT_NE(RatesError("8000,2000").find("must rise"), std::string::npos);
  EXPECT_NE(RatesError("2000,2000").find("must rise"), std::string::npos);
  EXPECT_NE(RatesError("0,1000").find("must be from 1"), std::string::npos);
  EXPECT_NE(RatesError("-5").find("'-5'"), std::string::npos);
  EXPECT_NE(RatesError("1.5e3").find("'1.5e3'"), std::string::npos);
  EXPECT_NE(RatesError("8000..1000").find("below"), std::string::npos);
  EXPECT_NE(RatesError("1000..8000x1").find("factor '1'"), std::string::npos);
  EXPECT_NE(RatesError("1000..8000xq").find("factor 'q'"), std::string::npos);
  EXPECT_NE(RatesError("..8000").find("''"), std::string::npos);
  EXPECT_NE(RatesError("").find("no rate"), std::string::npos);
  EXPECT_NE(RatesError("1..100000000x1.01").find("more than 32"), std::string::npos);
}

TEST(SweepSlo, TermsForAllAndForOnePattern) {
  auto spec = ParseSlo("freshness_p95=5s,q1_p95=500ms,p3:freshness_p95=5min,visibility_max=1m");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  ASSERT_EQ(spec->all.terms.size(), 3u);
  EXPECT_EQ(spec->all.terms[0].metric, "freshness");
  EXPECT_EQ(spec->all.terms[0].stat, "p95");
  EXPECT_EQ(spec->all.terms[0].limit_ms, 5000);
  EXPECT_EQ(spec->all.terms[1].limit_ms, 500);
  EXPECT_EQ(spec->all.terms[2].Key(), "visibility_max");
  EXPECT_EQ(spec->all.terms[2].limit_ms, 60000);
  ASSERT_EQ(spec->per_pattern.count("p3"), 1u);
  EXPECT_EQ(spec->per_pattern["p3"].terms[0].limit_ms, 300000);
  EXPECT_EQ(spec->all.Text(), "freshness_p95=5s,q1_p95=500ms,visibility_max=1m");
}

TEST(SweepSlo, BadTermsAreNamed) {
  for (const char* bad : {"freshness_p95", "fresh_p95=5s", "freshness_p97=5s", "freshness_p95=abc",
                          "freshness_p95=0s", ":freshness_p95=5s", "freshness_p95=5s,freshness_p95=6s",
                          "freshness_p95=5parsecs"}) {
    auto spec = ParseSlo(bad);
    EXPECT_FALSE(spec.ok()) << bad;
    EXPECT_EQ(spec.status().code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_NE(spec.status().message().find("--slo"), std::string::npos) << spec.status().message();
  }
}

TEST(SweepSlo, TargetForFollowsThePrecedence) {
  SloSpec none;
  // No --slo: the pattern's own default, else the built-in one.
  EXPECT_EQ(TargetFor(none, "p1", "").Text(), kDefaultSlo);
  EXPECT_EQ(TargetFor(none, "p3", "freshness_p95=5min").Text(), "freshness_p95=5min");
  // --slo for every pattern replaces the defaults; its per-pattern terms
  // replace the same metric_stat or add to it.
  auto spec = ParseSlo("freshness_p95=5s,p3:freshness_p95=10min,p3:q2_p95=30s");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(TargetFor(*spec, "p1", "").Text(), "freshness_p95=5s");
  EXPECT_EQ(TargetFor(*spec, "p2", "freshness_p95=30s").Text(), "freshness_p95=5s");
  EXPECT_EQ(TargetFor(*spec, "p3", "freshness_p95=5min").Text(), "freshness_p95=10min,q2_p95=30s");
  // Only per-pattern terms: the others keep their defaults.
  auto own = ParseSlo("p3:freshness_p95=4min");
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(TargetFor(*own, "p0", "").Text(), kDefaultSlo);
  EXPECT_EQ(TargetFor(*own, "p3", "freshness_p95=5min").Text(), "freshness_p95=4min");
}

TEST(SweepOptions, ValidationNamesTheFlag) {
  SweepOptions o;
  ApplySweepRunDefaults(&o);
  o.run.patterns = {"p0", "p1"};
  EXPECT_TRUE(ValidateSweepOptions(o).ok()) << ValidateSweepOptions(o).message();
  SweepOptions step = o;
  step.step_s = 5;
  EXPECT_NE(ValidateSweepOptions(step).message().find("--step 5"), std::string::npos);
  SweepOptions slo = o;
  slo.slo = *ParseSlo("p9:freshness_p95=5s");
  EXPECT_NE(ValidateSweepOptions(slo).message().find("'p9' is not one of the chosen patterns"),
            std::string::npos);
  SweepOptions pattern = o;
  pattern.run.patterns = {"p0", "nope"};
  EXPECT_NE(ValidateSweepOptions(pattern).message().find("--patterns nope"), std::string::npos);
  // Every shipped pattern's sweep_slo parses.
  SweepOptions all;
  EXPECT_TRUE(ValidateSweepOptions(all).ok()) << ValidateSweepOptions(all).message();
}

}  // namespace
}  // namespace freshbench
