#include "run/benchmark_runner.h"

#include <atomic>

#include <fmt/format.h>

#include "measure/clock.h"
#include "metrics/prometheus_metrics.h"
#include "report/report_renderer.h"
#include "run/run_context.h"
#include "run/run_faults.h"
#include "run/run_phases.h"
#include "run/setup_guard.h"

namespace freshbench {
namespace {

std::atomic<bool> g_stop{false};

}  // namespace

void ConcludeRun(RunContext& ctx, const Status& run_status) {
  std::string why;
  auto add = [&why](const std::string& s) { why += (why.empty() ? "" : "; ") + s; };
  for (auto& [id, info] : ctx.pattern_info)
    if (info.failed_ms) add(fmt::format("{} failed: {}", id, info.failure));
  for (auto& p : ctx.patterns) {
    if (!p->completeness || ctx.pattern_info[p->id].failed_ms) continue;
    const CompletenessRecord& c = *p->completeness;
    if (!c.error.empty()) {
      add(fmt::format("{} not verified: {}", p->id, c.error));
    } else if (*c.lost || *c.duplicated || *c.unexpected) {
      add(fmt::format("{}: {} lost, {} duplicated, {} not from this run", p->id, *c.lost,
                      *c.duplicated, *c.unexpected));
    }
  }
  if (ctx.totals.failed > 0) add(fmt::format("the generator failed to deliver {} events", ctx.totals.failed));
  if (ctx.stopped()) {
    ctx.info.status = "interrupted";
    ctx.info.exit_code = 130;
    ctx.info.note = "stopped by a signal; figures cover what was measured";
  } else if (!run_status.ok()) {
    ctx.info.status = "failed";
    ctx.info.exit_code = 1;
    ctx.info.note = run_status.message();
  } else if (!why.empty()) {
    ctx.info.status = "incomplete";
    ctx.info.exit_code = 1;
    ctx.info.note = why;
  } else {
    ctx.info.status = "complete";
    ctx.info.exit_code = 0;
    ctx.info.note.clear();
  }
  ctx.info.finished_ms = WallNowMs();
  ctx.WriteInfo();
}

RunOutcome OutcomeOf(const RunContext& ctx, const RenderedReport& rendered) {
  RunOutcome outcome;
  outcome.results_dir = ctx.out->dir();
  outcome.markdown = rendered.markdown;
  outcome.html_path = rendered.html_path;
  outcome.status = ctx.info.status;
  outcome.note = ctx.info.note;
  outcome.exit_code = ctx.info.exit_code;
  outcome.patterns_run = static_cast<int>(ctx.patterns.size());
  return outcome;
}

void BenchmarkRunner::RequestStop() { g_stop.store(true); }
bool BenchmarkRunner::StopRequested() { return g_stop.load(); }

BenchmarkRunner::BenchmarkRunner(RunOptions options, Endpoints endpoints)
    : o_(std::move(options)), endpoints_(std::move(endpoints)) {}

Result<RunOutcome> BenchmarkRunner::Run() {
  FB_RETURN_IF_ERROR(ValidateRunOptions(o_));
  RunContext ctx(o_, endpoints_, &g_stop);
  Status st = CheckPhase(ctx);
  if (!ctx.out) return st;  // nothing written, nothing touched
  if (st.code() == Status::Code::kInvalidArgument) return st;

  std::unique_ptr<MetricsServer> metrics_server;
  if (st.ok() && o_.metrics_port > 0) {
    auto srv = MetricsServer::Start(o_.metrics_port, &ctx.metrics);
    if (srv.ok()) {
      metrics_server = std::move(srv).value();
      ctx.progress.Log(fmt::format("metrics: http://127.0.0.1:{}/metrics", o_.metrics_port));
    } else {
      st = srv.status();
    }
  }
  {
    SetupGuard guard(ctx);  // resumes and tears down on every way out of this block
    if (st.ok()) st = SetupPhase(ctx, guard);
    if (st.ok()) st = LoadPhase(ctx, guard);
    // The workers run until the drain and SettleMarkers end them, whatever happened.
    Status drained = DrainPhase(ctx, guard);
    if (st.ok()) st = drained;
    if (st.ok()) JudgeFaultRecovery(ctx);
    if (st.ok()) st = VerifyPhase(ctx);
    SettleMarkers(ctx);
    guard.Undo();
  }
  metrics_server.reset();
  ctx.progress.Finish();
  ConcludeRun(ctx, st);

  auto rendered = RenderRunReports(ctx.out->dir());
  if (!rendered.ok()) return rendered.status();
  return OutcomeOf(ctx, *rendered);
}

}  // namespace freshbench
