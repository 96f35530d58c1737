#include "run/setup_guard.h"

#include <fmt/format.h>

#include "measure/clock.h"
#include "patterns/pattern_lifecycle.h"

namespace freshbench {

Status TearDown(RunPattern& p, const Endpoints& endpoints) {
  Status st = TearDownPattern(*p.main, endpoints).status();
  Status group = ForgetKafkaGroup(*p.main, endpoints);
  return st.ok() ? group : st;
}

bool SetupGuard::Resume(RunPattern& p) {
  if (!p.paused) return true;
  p.paused = false;
  auto sql = p.main->QuerySql("resume");
  auto rs = sql.ok() ? p.main->driver().Execute(*sql) : Result<ResultSet>(sql.status());
  const int64_t now = WallNowMs();
  if (p.worker) {
    p.worker->Resume(now, rs.ok() ? "resumed after " + p.paused_for + "'s measurement"
                                  : "resume failed: " + rs.status().message());
  }
  ctx_.progress.Log(fmt::format("{}: {}", p.id, rs.ok() ? "resumed" : "resume: " + rs.status().message()));
  return rs.ok();
}

void SetupGuard::Undo() {
  if (done_) return;
  done_ = true;
  // Every fault's target back first: teardown may need it (ClickHouse).
  if (ctx_.faults) ctx_.faults->Restore();
  for (auto& p : ctx_.patterns) (void)Resume(*p);
  bool any = false;
  for (auto& p : ctx_.patterns) any = any || p->set_up;
  if (!any) return;
  if (ctx_.o.keep) {
    ctx_.progress.Log("--keep: patterns left set up");
    return;
  }
  if (ctx_.out) ctx_.out->Append(PhaseEvent{WallNowMs(), kPhaseTeardown, "", ""});
  for (auto& p : ctx_.patterns) {
    if (!p->set_up) continue;
    Status st = TearDown(*p, ctx_.endpoints);
    p->set_up = false;
    ctx_.progress.Log(fmt::format("{}: {}", p->id, st.ok() ? "torn down" : "teardown: " + st.message()));
  }
}

}  // namespace freshbench
