#include "sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>

#include <fmt/format.h>

#include "measure/clock.h"
#include "report/format.h"
#include "report/run_data.h"
#include "run/run_context.h"
#include "run/run_phases.h"
#include "run/setup_guard.h"
#include "sweep/sweep_record.h"
#include "sweep/sweep_report.h"
#include "sweep/sweep_summary.h"

namespace freshbench {
namespace {

std::atomic<bool> g_stop{false};

// The run options of every step: the load window is one step, catch-up at
// most half of it.
RunOptions StepRunOptions(const SweepOptions& o) {
  RunOptions r = o.run;
  r.rate = o.rates.front();
  r.duration_s = o.step_s;
  r.steady_timeout_s = std::min(r.steady_timeout_s, o.step_s / 2);
  return r;
}

// Judges the step just held (from the files, as the report will), logs the
// verdicts and stops measuring the patterns that broke their target.
// Returns why the sweep stops here ("" to go on).
std::string AfterStep(RunContext& ctx, const SweepRecord& rec) {
  auto data = LoadRunData(ctx.out->dir());
  if (!data.ok()) return "the step's records could not be read: " + data.status().message();
  const size_t i = rec.steps.size() - 1;
  const nlohmann::json step = SummarizeStep(*data, rec, i);
  const nlohmann::json& g = step["generator"];
  ctx.progress.Log(fmt::format(
      "step {} at {} events/s: generator delivered {} events/s{}", i + 1,
      FormatCount(static_cast<int64_t>(rec.steps[i].rate)),
      g["delivered_rps"].is_number() ? FormatCount(g["delivered_rps"].get<int64_t>()) : kNone,
      g.value("short", false) ? " (short: " + g.value("why", std::string()) + ")" : ""));
  for (const nlohmann::json& p : step["patterns"]) {
    const std::string outcome = p.value("outcome", std::string());
    if (outcome == "not driven") continue;
    const std::string why = p.value("why", std::string());
    ctx.progress.Log(fmt::format("  {}: {}{}", p.value("id", std::string()), outcome,
                                 why.empty() ? "" : ": " + why));
    if (outcome != "broke" && outcome != "failed") continue;
    for (auto& rp : ctx.patterns)
      if (rp->id == p["id"]) rp->measured = false;
  }
  if (g.value("short", false))
    return fmt::format("the generator could not keep up at {} events/s ({})",
                       FormatCount(static_cast<int64_t>(rec.steps[i].rate)),
                       g.value("why", std::string()));
  return "";
}

}  // namespace

void SweepRunner::RequestStop() { g_stop.store(true); }
bool SweepRunner::StopRequested() { return g_stop.load(); }

SweepRunner::SweepRunner(SweepOptions options, Endpoints endpoints)
    : o_(std::move(options)), endpoints_(std::move(endpoints)) {}

Result<RunOutcome> SweepRunner::Run() {
  FB_RETURN_IF_ERROR(ValidateSweepOptions(o_));
  RunContext ctx(StepRunOptions(o_), endpoints_, &g_stop);
  Status st = CheckPhase(ctx);
  if (!ctx.out) return st;  // nothing written, nothing touched
  if (st.code() == Status::Code::kInvalidArgument) return st;

  SweepRecord rec;
  rec.rates = o_.rates;
  rec.step_s = o_.step_s;
  rec.slo = o_.slo.text;
  for (auto& p : ctx.patterns)
    rec.targets[p->id] = TargetFor(o_.slo, p->id, p->main->pattern().sweep_slo).Text();
  ctx.info.settings["sweep"] = {{"rates", rec.rates}, {"step_s", rec.step_s}, {"slo", rec.slo}};
  ctx.WriteInfo();
  (void)WriteSweepRecord(ctx.out->dir(), rec);
  for (const auto& [id, target] : rec.targets) ctx.progress.Log(fmt::format("{}: target {}", id, target));

  {
    SetupGuard guard(ctx);  // resumes and tears down on every way out of this block
    if (st.ok()) st = SetupPhase(ctx, guard);
    LoadTotals totals;
    for (size_t i = 0; i < o_.rates.size() && st.ok() && !ctx.stopped(); ++i) {
      const uint64_t rate = o_.rates[i];
      SweepStep step{static_cast<int>(i), rate, 0, 0, {}};
      for (auto& p : ctx.patterns)
        if (p->measured && !ctx.pattern_info[p->id].failed_ms) step.driven.push_back(p->id);
      if (step.driven.empty()) {
        rec.stopped = fmt::format("no pattern was left within its target below {} events/s",
                                  FormatCount(static_cast<int64_t>(rate)));
        break;
      }
      if (i > 0) {  // the check phase made the first step's generator
        auto go = GeneratorOptionsOf(ctx, rate);
        auto load = go.ok() ? MakeGeneratorLoad(*go) : Result<std::unique_ptr<LoadSource>>(go.status());
        if (!load.ok()) {
          st = load.status().WithContext("generator");
          break;
        }
        ctx.load = std::move(load).value();
      }
      ctx.rate = rate;
      ctx.progress.Log(fmt::format("step {}/{}: {} events/s for {:.0f} s", i + 1, o_.rates.size(),
                                   FormatCount(static_cast<int64_t>(rate)), o_.step_s));
      step.from_ms = WallNowMs();
      rec.steps.push_back(step);
      (void)WriteSweepRecord(ctx.out->dir(), rec);
      ctx.out->SetStep(static_cast<int>(i));
      st = LoadPhase(ctx, guard);
      totals.sent += ctx.totals.sent;
      totals.delivered += ctx.totals.delivered;
      totals.failed += ctx.totals.failed;
      // Markers not seen by now are recorded so ("the step ended").
      for (auto& p : ctx.patterns)
        if (p->worker) p->worker->Finish("the step ended");
      ctx.out->SetStep(std::nullopt);
      rec.steps.back().to_ms = WallNowMs();
      rec.steps.back().load_avg_1m = ReadLoadAverage();
      (void)WriteSweepRecord(ctx.out->dir(), rec);
      for (auto& p : ctx.patterns) p->worker.reset();
      if (!st.ok() || ctx.stopped()) break;
      rec.stopped = AfterStep(ctx, rec);
      (void)WriteSweepRecord(ctx.out->dir(), rec);
      if (!rec.stopped.empty()) break;
    }
    ctx.totals = totals;
    // The drain follows every pattern still alive, those no longer measured
    // too: completeness is the whole sweep's.
    if (ctx.load_start_ms && !ctx.stopped()) {
      const int64_t now = WallNowMs();
      for (auto& p : ctx.patterns)
        if (!ctx.pattern_info[p->id].failed_ms) StartWorker(ctx, *p, now, now);
    }
    Status drained = DrainPhase(ctx, guard);
    if (st.ok()) st = drained;
    if (st.ok()) st = VerifyPhase(ctx);
    SettleMarkers(ctx);
    guard.Undo();
  }
  ctx.progress.Finish();
  if (ctx.stopped() && rec.stopped.empty()) rec.stopped = "interrupted";
  (void)WriteSweepRecord(ctx.out->dir(), rec);
  ConcludeRun(ctx, st);

  auto rendered = RenderSweepReports(ctx.out->dir());
  if (!rendered.ok()) return rendered.status();
  return OutcomeOf(ctx, *rendered);
}

}  // namespace freshbench
