#include "run/run_faults.h"

#include <algorithm>

#include <fmt/format.h>

#include "measure/clock.h"
#include "report/fault_impact.h"
#include "report/run_data.h"
#include "run/fault_injector.h"
#include "stack/stack.h"

namespace freshbench {

Status CheckFaultTargets(const std::vector<FaultSpec>& plan, const std::vector<std::string>& starting) {
  if (plan.empty()) return Status::Ok();
  const stack::StackContext sc = stack::StackContext::FromEnvironment();
  std::vector<std::string> will_run;
  for (const std::string& n : starting) {
    if (n != "kafka") {
      will_run.push_back(n);
      continue;
    }
    const int brokers = sc.endpoints.kafka_brokers;
    if (brokers <= 1) will_run.push_back("kafka");
    for (int i = 1; brokers > 1 && i <= brokers; ++i) will_run.push_back("kafka-" + std::to_string(i));
  }
  stack::Stack s(sc);
  for (const FaultSpec& f : plan) {
    if (std::find(will_run.begin(), will_run.end(), f.target) != will_run.end()) continue;
    auto rec = s.RunningProcess(f.target);
    if (!rec.ok()) return Status::InvalidArgument(fmt::format("--fault {}: {}", f.text, rec.status().message()));
  }
  return Status::Ok();
}

Status PrepareFaults(RunContext& ctx) {
  if (ctx.o.faults.empty()) return Status::Ok();
  FB_RETURN_IF_ERROR(CheckFaultTargets(ctx.o.faults));
  auto log = [&ctx](const std::string& line) { ctx.progress.Log("fault: " + line); };
  auto on_change = [&ctx](const FaultWindow& w, const PhaseEvent& e) {
    if (ctx.out) ctx.out->Append(e);
    {
      std::lock_guard<std::mutex> lock(ctx.info_mu);
      for (FaultWindow& f : ctx.info.faults)
        if (f.spec == w.spec && f.at_s == w.at_s) f = w;
    }
    ctx.WriteInfo();
    ctx.progress.Log(fmt::format("fault {}: {}", e.phase == std::string(kPhaseFault) ? "begins" : "ends", e.note));
  };
  ctx.faults = std::make_unique<FaultInjector>(ctx.o.faults, MakeStackFaultTarget(log), on_change);
  ctx.info.faults = ctx.faults->windows();
  return Status::Ok();
}

void JudgeFaultRecovery(RunContext& ctx) {
  if (!ctx.faults || !ctx.out || !ctx.sink || ctx.stopped()) return;
  auto run = LoadRunData(ctx.out->dir());
  if (!run.ok()) {
    ctx.progress.Log("faults: cannot judge recovery: " + run.status().message());
    return;
  }
  {
    std::lock_guard<std::mutex> lock(ctx.info_mu);
    run->info.faults = ctx.info.faults;  // the newest windows
  }
  for (auto& p : ctx.patterns) {
    if (!p->worker || ctx.pattern_info[p->id].failed_ms) continue;
    for (size_t i = 0; i < run->info.faults.size(); ++i) {
      if (!run->info.faults[i].start_ms) continue;  // never applied: nothing to recover from
      FaultImpact impact = AssessFault(*run, i, p->id, std::nullopt);
      if (impact.recovered_ms) continue;
      const std::string why = fmt::format("did not recover from fault {}: {}",
                                          run->info.faults[i].spec, impact.not_recovered);
      ctx.sink->OnPhase(PhaseEvent{WallNowMs(), kPhaseFailed, p->id, why});
      ctx.progress.Log(fmt::format("{}: failed: {}", p->id, why));
      break;
    }
  }
}

}  // namespace freshbench
