#include "run/run_phases.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "engines/driver_registry.h"
#include "gen/generator_options.h"
#include "measure/clock.h"
#include "measure/completeness.h"
#include "measure/metrics.h"
#include "measure/start_offsets.h"
#include "patterns/pattern.h"
#include "patterns/pattern_lifecycle.h"
#include "report/format.h"
#include "run/external_load.h"
#include "run/footprint.h"
#include "run/run_faults.h"

namespace freshbench {
namespace {

void SleepMs(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// What a worker records goes to the results files, /metrics and the display.
class RunSink : public WorkerSink {
 public:
  explicit RunSink(RunContext& ctx) : ctx_(ctx) {}
  void OnSample(const QuerySample& s, const std::string& phase) override {
    ctx_.out->Append(s, phase);
    if (s.in_flight()) return;  // not a latency
    ctx_.metrics.Observe("freshbench_query_latency_ms", {{"pattern", s.pattern}, {"query", s.query}},
                         s.query_latency_ms);
    if (s.query != "q3" || !s.ok()) return;
    if (s.freshness_lag_ms)
      ctx_.metrics.SetGauge("freshbench_freshness_lag_ms", {{"pattern", s.pattern}}, *s.freshness_lag_ms);
    if (s.pipeline_lag_ms)
      ctx_.metrics.SetGauge("freshbench_pipeline_lag_ms", {{"pattern", s.pattern}}, *s.pipeline_lag_ms);
    if (s.total_rows)
      ctx_.metrics.SetGauge("freshbench_rows", {{"pattern", s.pattern}}, static_cast<double>(*s.total_rows));
  }
  void OnMarker(const MarkerSample& m) override {
    ctx_.out->Append(m);
    if (m.visibility_latency_ms)
      ctx_.metrics.Observe("freshbench_visibility_latency_ms", {{"pattern", m.pattern}},
                           *m.visibility_latency_ms);
  }
  void OnPhase(const PhaseEvent& e) override {
    ctx_.out->Append(e);
    if (e.phase == kPhaseFailed) {
      {
        std::lock_guard<std::mutex> lock(ctx_.info_mu);
        auto& info = ctx_.pattern_info[e.pattern];
        info.failed_ms = e.ts_ms;
        info.failure = e.note;
      }
      ctx_.WriteInfo();
    }
  }
  void Log(const std::string& line) override { ctx_.progress.Log(line); }

 private:
  RunContext& ctx_;
};

ProgressStatus ProgressOf(const RunContext& ctx, const char* phase, int64_t now, int64_t phase_end,
                          double rps) {
  ProgressStatus ps;
  ps.phase = phase;
  ps.elapsed_s = static_cast<double>(now - ctx.info.started_ms) / 1000.0;
  ps.remaining_s = std::max<double>(0, static_cast<double>(phase_end - now) / 1000.0);
  ps.generator_rps = rps;
  for (auto& p : ctx.patterns) {
    if (!p->worker) continue;
    ProgressStatus::Pattern s{p->id, p->worker->freshness_ms(), p->worker->rows(),
                              PatternWorker::PhaseName(p->worker->phase())};
    if (auto since = p->worker->StaleSinceMs()) s.stale_s = static_cast<double>(now - *since) / 1000.0;
    ps.patterns.push_back(s);
  }
  return ps;
}

void SetPhaseMetric(RunContext& ctx, const char* phase) {
  for (const char* ph : {kPhaseCatchup, kPhaseSteady, kPhaseDrain, kPhaseVerify})
    ctx.metrics.SetGauge("freshbench_phase", {{"phase", ph}}, std::string(ph) == phase ? 1 : 0);
}

// The worker's specification from the bound pattern. SQL is resolved here,
// once; each probe session is a new driver for the pattern's engine.
WorkerSpec MakeWorkerSpec(const RunContext& ctx, const RunPattern& p) {
  const BoundPattern& b = *p.main;
  WorkerSpec w;
  w.pattern = p.id;
  w.sessions = [engine = b.pattern().engine, endpoints = ctx.endpoints] {
    return MakeDriver(engine, endpoints);
  };
  w.q3_sql = *b.QuerySql("q3");
  for (const char* q : {"q1", "q2"})
    if (auto sql = b.QuerySql(q); sql.ok()) w.steady_queries.push_back({q, *sql});
  if (b.HasQuery("marker")) {
    w.marker_batch = b.MarkerIsBatch();
    w.marker_sql = [pattern = b.pattern(), resolution = b.resolution()](
                       const std::vector<std::string>& ids) {
      return MarkerStatement(pattern, resolution, ids);
    };
  }
  const PatternInfo& info = ctx.pattern_info.at(p.id);
  w.skew_ms = info.skew_ms;
  w.clock_measurable = info.clock_measurable;
  w.interval_ms = static_cast<int64_t>(ctx.o.q3_interval_s * 1000);
  w.max_in_flight = ctx.o.max_in_flight;
  w.statement_timeout_ms = static_cast<int64_t>(ctx.o.statement_timeout_s * 1000);
  w.fail_after = ctx.o.fail_after;
  if (ctx.faults) w.faults_active = ctx.faults->active();
  w.steady_timeout_ms = static_cast<int64_t>(ctx.o.steady_timeout_s * 1000);
  w.repeat = ctx.o.repeat;
  auto budget = ctx.budgets.find(b.pattern().engine);
  if (budget != ctx.budgets.end()) {
    w.budget = budget->second.get();
    w.budget_reserved = ctx.budget_reserved.at(b.pattern().engine);
  }
  return w;
}

// Where the pattern's engine starts reading: its consumer group placed at
// the topic's end (--from run) or where it says; or, for an engine that
// starts at the end by itself, the end now.
Status PlaceStart(RunContext& ctx, RunPattern& p) {
  if (p.group) {
    const std::string from = ctx.o.from == "run" ? "latest" : p.main->pattern().kafka->start_from;
    auto start = PlaceStartOffsets(ctx.kafka, *p.group, from);
    if (!start.ok()) return start.status();
    p.start_offsets = start->offsets;
    if (start->placed_now) (void)SaveStartOffsets(StartOffsetsPath(ctx.endpoints.home, p.id), *start);
    return Status::Ok();
  }
  const auto& start_setting = p.main->pattern().start_setting;
  if (!start_setting) return Status::Ok();
  auto it = p.request.overrides.find(*start_setting);
  if (it == p.request.overrides.end() || it->second != "latest") return Status::Ok();
  auto m = ReadWatermarks(ctx.kafka);
  for (int attempt = 0; !m.ok() && attempt < 15 && !ctx.stopped(); ++attempt) {
    SleepMs(2000);
    m = ReadWatermarks(ctx.kafka);
  }
  if (!m.ok()) return m.status();
  p.start_offsets = m->high;
  return Status::Ok();
}

// The engine clock: how it is read, and the skew when it is a clock.
void ReadClock(RunPattern& p, PatternInfo* info) {
  const EngineClock clock = p.main->driver().Clock();
  info->clock_measurable = clock.measurable;
  info->clock_how = clock.how;
  if (!clock.measurable) {
    info->clock_note = clock.how;
    return;
  }
  auto skew = MeasureClockSkew(p.main->driver());
  if (!skew.ok()) {
    info->clock_note = "not measured: " + skew.status().message();
    return;
  }
  info->skew_ms = skew->skew_ms;
  info->skew_uncertainty_ms = skew->uncertainty_ms;
}

}  // namespace

Result<gen::GeneratorOptions> GeneratorOptionsOf(const RunContext& ctx, uint64_t rate) {
  gen::GeneratorOptions go;
  if (Status st = gen::ApplyEnvironment(gen::ProcessEnvironment(), &go); !st.ok())
    return Status::InvalidArgument("generator: " + st.message());
  go.bootstrap = ctx.endpoints.kafka_bootstrap;
  go.topic = ctx.endpoints.topic;
  go.target_rps = rate;
  go.threads = ctx.o.generator_threads;
  if (ctx.o.acks) go.acks = *ctx.o.acks;
  if (ctx.o.compression) go.compression = *ctx.o.compression;
  if (ctx.o.linger_ms) go.linger_ms = *ctx.o.linger_ms;
  if (ctx.o.batch_size) go.batch_size = *ctx.o.batch_size;
  if (Status st = gen::Validate(go); !st.ok()) return Status::InvalidArgument("generator: " + st.message());
  return go;
}

void StartWorker(RunContext& ctx, RunPattern& p, int64_t origin_ms, int64_t window_end_ms) {
  p.worker = std::make_unique<PatternWorker>(MakeWorkerSpec(ctx, p), ctx.sink.get());
  if (p.paused)
    ctx.out->Append(PhaseEvent{origin_ms, kPhasePaused, p.id, "while " + p.paused_for + " is measured"});
  p.worker->Start(origin_ms, window_end_ms, p.paused);
}

void RunContext::WriteInfo() {
  std::lock_guard<std::mutex> lock(info_mu);
  info.patterns.clear();
  for (auto& p : patterns) {
    auto it = pattern_info.find(p->id);
    if (it != pattern_info.end()) info.patterns.push_back(it->second);
  }
  if (out) (void)out->WriteRunInfo(info);
}

Status CheckPhase(RunContext& ctx) {
  const std::string root = ctx.o.patterns_root.empty() ? DefaultPatternsRoot() : ctx.o.patterns_root;
  const std::vector<std::string> ids = ctx.o.patterns.empty() ? ListPatternIds(root) : ctx.o.patterns;
  FB_RETURN_IF_ERROR(PrepareFaults(ctx));
  ctx.info.started_ms = WallNowMs();
  ctx.info.run_id = MakeRunId(ctx.info.started_ms);
  ctx.info.machine = MachineInfo::Detect();
  for (const std::string& id : ids) {
    auto p = std::make_unique<RunPattern>();
    auto pat = LoadPattern(*FindPatternDir(root, id));
    if (!pat.ok()) return pat.status();
    p->request = PatternRequest{id, root, {}};
    // --from run: an engine that does not start from a placed consumer group
    // (P0, P5's Flink job, P6's Routine Load) declares the setting that says
    // where it starts (`start: {setting: ...}`); it starts at the end too.
    if (ctx.o.from == "run" && pat->start_setting) p->request.overrides[*pat->start_setting] = "latest";
    for (const auto& [k, v] : ctx.o.set)
      if (pat->settings.count(k)) p->request.overrides[k] = v;
    PatternInfo info;
    info.id = pat->id;
    info.name = pat->name;
    info.engine = pat->engine;
    info.description = pat->description;
    auto bound = BindPattern(p->request, ctx.endpoints);
    if (!bound.ok()) {
      if (bound.status().code() == Status::Code::kInvalidArgument) return bound.status();
      ctx.info.skipped.push_back({info.id, info.name, bound.status().message()});
      ctx.progress.Log(fmt::format("{}: skipped: {}", info.id, bound.status().message()));
      continue;
    }
    if (!bound->HasQuery("q3"))
      return Status::InvalidArgument(id + ": the pattern defines no q3 (docs/patterns.md)");
    p->id = info.id;
    info.engine_version = bound->server_version();
    for (const auto& [k, v] : bound->resolution().values) info.settings[k] = v;
    p->group = bound->KafkaGroup();
    p->main.emplace(std::move(bound).value());
    ctx.pattern_info[p->id] = info;
    ctx.patterns.push_back(std::move(p));
  }
  auto go = GeneratorOptionsOf(ctx, ctx.o.rate);
  if (ctx.o.load == "generator" && !go.ok()) return go.status();

  auto writer = ResultsWriter::Create(ctx.o.results_root, ctx.info.run_id);
  if (!writer.ok()) return writer.status();
  ctx.out = std::move(writer).value();
  ctx.info.settings = {{"load", ctx.o.load},
                       {"rate", ctx.o.load == "generator" ? nlohmann::json(ctx.o.rate) : nlohmann::json(nullptr)},
                       {"generator_threads", ctx.o.generator_threads},
                       {"duration_s", ctx.o.duration_s},
                       {"q3_interval_s", ctx.o.q3_interval_s},
                       {"max_in_flight", ctx.o.max_in_flight},
                       {"statement_timeout_s", ctx.o.statement_timeout_s},
                       {"fail_after", ctx.o.fail_after},
                       {"repeat", ctx.o.repeat},
                       {"markers", ctx.o.markers},
                       {"steady_timeout_s", ctx.o.steady_timeout_s},
                       {"drain_timeout_s", ctx.o.drain_timeout_s},
                       {"from", ctx.o.from},
                       {"no_pause", ctx.o.no_pause},
                       {"kafka_bootstrap", ctx.endpoints.kafka_bootstrap},
                       {"topic", ctx.endpoints.topic},
                       {"set", ctx.o.set}};
  ctx.WriteInfo();
  ctx.progress.Log("results: " + ctx.out->dir());
  if (ctx.patterns.empty()) return Status::Unavailable("no pattern could run");

  if (ctx.o.load == "external") {
    auto load = ExternalLoad::Create({ctx.endpoints.kafka_bootstrap, ctx.endpoints.topic, {}});
    if (!load.ok()) return load.status().WithContext("external load");
    ctx.load = std::move(load).value();
  } else {
    auto load = MakeGeneratorLoad(*go);
    if (!load.ok()) return load.status().WithContext("generator");
    ctx.load = std::move(load).value();
  }
  ctx.info.settings["generator"] = ctx.load->Describe();
  if (ctx.o.load == "generator")
    ctx.info.settings["producer"] = {{"acks", go->acks},
                                     {"compression", go->compression},
                                     {"linger_ms", go->linger_ms},
                                     {"batch_size", go->batch_size}};
  ctx.WriteInfo();
  return Status::Ok();
}

Status SetupPhase(RunContext& ctx, SetupGuard& guard) {
  (void)guard;
  // Clean slate: a run never counts what an earlier (interrupted or --keep)
  // run left behind. All first, then all setups: patterns can share objects
  // (P2, P3).
  for (auto& p : ctx.patterns) (void)TearDown(*p, ctx.endpoints);
  ctx.out->Append(PhaseEvent{WallNowMs(), kPhaseSetup, "", ""});
  for (auto& p : ctx.patterns) {
    if (ctx.stopped()) return Status::Ok();
    PatternInfo& info = ctx.pattern_info[p->id];
    p->set_up = true;  // from here on, teardown is owed whatever happens
    Status st = PlaceStart(ctx, *p);
    if (st.ok()) st = SetUpPattern(*p->main, ctx.endpoints).status();
    if (!st.ok()) {
      // Failed, not skipped: its engine answered, then its setup did not work.
      info.failed_ms = WallNowMs();
      info.failure = "setup failed: " + st.message();
      ctx.out->Append(PhaseEvent{*info.failed_ms, kPhaseFailed, p->id, info.failure});
      ctx.progress.Log(fmt::format("{}: {}", p->id, info.failure));
      continue;
    }
    // Measure through a fresh session: setup may have left session state
    // behind (Flink: streaming mode and the ingest job's pipeline.name).
    if (auto fresh = BindPattern(p->request, ctx.endpoints); fresh.ok()) p->main.emplace(std::move(fresh).value());
    ReadClock(*p, &info);
    ctx.progress.Log(fmt::format("{}: set up on {} {}", p->id, info.engine, info.engine_version));
  }
  ctx.WriteInfo();

  // Contention: pause the other pattern while this one is measured, or flag.
  for (auto& a : ctx.patterns) {
    if (ctx.pattern_info[a->id].failed_ms) continue;
    for (const ContentionSpec& c : a->main->pattern().contends_with) {
      RunPattern* b = nullptr;
      for (auto& q : ctx.patterns)
        if (q->id == c.pattern && !ctx.pattern_info[q->id].failed_ms) b = q.get();
      if (b == nullptr) continue;
      PatternInfo& ai = ctx.pattern_info[a->id];
      PatternInfo& bi = ctx.pattern_info[b->id];
      if (ctx.o.no_pause || b->paused) {
        ai.contention = "measured together with " + b->id + " on one engine";
        bi.contention = "measured together with " + a->id + " on one engine";
        continue;
      }
      auto sql = b->main->QuerySql("pause");
      auto rs = sql.ok() ? b->main->driver().Execute(*sql) : Result<ResultSet>(sql.status());
      if (!rs.ok()) {
        ai.contention = "measured together with " + b->id + " (pausing it failed: " + rs.status().message() + ")";
        bi.contention = "measured together with " + a->id;
        continue;
      }
      ai.contention = b->id + " paused while measured (first half of the run)";
      bi.contention = "paused while " + a->id + " was measured; measured after resuming";
      b->paused = true;  // the guard resumes it on every path
      b->paused_for = a->id;
      a->measured_in_first_half = true;
      ctx.progress.Log(fmt::format("{}: paused while {} is measured", b->id, a->id));
    }
  }
  ctx.WriteInfo();
  bool any = false;
  for (auto& p : ctx.patterns) any = any || !ctx.pattern_info[p->id].failed_ms;
  if (!any) return Status::Unavailable("no pattern could be set up");
  return Status::Ok();
}

Status LoadPhase(RunContext& ctx, SetupGuard& guard) {
  if (ctx.stopped()) return Status::Ok();
  if (!ctx.sink) ctx.sink = std::make_unique<RunSink>(ctx);  // a sweep's later steps keep it

  FootprintSampler footprint;
  const int64_t start = WallNowMs();
  if (Status st = ctx.load->Start(); !st.ok()) return st.WithContext("generator");
  ctx.load_start_ms = start;
  ctx.load_end_ms = ctx.load_start_ms + static_cast<int64_t>(ctx.o.duration_s * 1000);
  ctx.half_ms = ctx.load_start_ms + (ctx.load_end_ms - ctx.load_start_ms) / 2;
  ctx.out->Append(PhaseEvent{ctx.load_start_ms, kPhaseCatchup, "", ""});
  if (ctx.faults) ctx.faults->Start(ctx.load_start_ms);
  SetPhaseMetric(ctx, kPhaseCatchup);
  // An engine that can run only so many statements at once gets one budget
  // for all its patterns, so the run never queues its own probes there.
  // Each pattern's Q3 and markers have one statement set aside (a stalled
  // union read of one pattern cannot starve the other's markers); the rest
  // is shared (second probes in flight, Q1/Q2).
  for (auto& p : ctx.patterns) {
    const std::string& engine = p->main->pattern().engine;
    if (ctx.pattern_info[p->id].failed_ms || ctx.budgets.count(engine)) continue;
    auto capacity = p->main->driver().StatementCapacity();
    if (!capacity) continue;
    int reserved = 0;
    for (auto& q : ctx.patterns)
      if (q->main->pattern().engine == engine && !ctx.pattern_info[q->id].failed_ms)
        reserved += 1 + (q->Can("marker") ? 1 : 0);
    const bool reserve = *capacity - reserved >= 1;
    const int shared = reserve ? *capacity - reserved : *capacity;
    ctx.budgets[engine] = std::make_unique<StatementBudget>(shared);
    ctx.budget_reserved[engine] = reserve;
    ctx.info.settings["statement_budget"][engine] = *capacity;
    ctx.progress.Log(fmt::format(
        "{}: at most {} statements at once for this run (its free capacity){}", engine, *capacity,
        reserve ? fmt::format("; {} set aside for Q3 and markers, {} shared", reserved, shared) : ""));
  }
  ctx.WriteInfo();
  std::string names;
  for (auto& p : ctx.patterns) {
    if (ctx.pattern_info[p->id].failed_ms || !p->measured) continue;
    names += (names.empty() ? "" : ", ") + p->id;
    StartWorker(ctx, *p, ctx.load_start_ms, p->measured_in_first_half ? ctx.half_ms : ctx.load_end_ms);
  }
  ctx.progress.Log(ctx.o.load == "external"
                       ? fmt::format("measuring the external load for {:.0f} s; patterns: {}",
                                     ctx.o.duration_s, names)
                       : fmt::format("generating {} events/s for {:.0f} s; patterns: {}", ctx.rate,
                                     ctx.o.duration_s, names));

  LoadTotals last;
  int64_t last_stats_ms = ctx.load_start_ms, last_footprint_ms = ctx.load_start_ms;
  int64_t all_steady_ms = 0, next_marker_ms = 0, marker_gap_ms = 0;
  int markers_sent = 0;
  bool switched = false;
  double last_rps = 0;
  auto sample_generator = [&](int64_t now) {
    LoadTotals t = ctx.load->Snapshot();
    GeneratorSample g;
    g.ts_ms = now;
    g.interval_ms = static_cast<double>(now - last_stats_ms);
    g.sent = t.sent - last.sent;
    g.delivered = t.delivered - last.delivered;
    g.failed = t.failed - last.failed;
    g.total_sent = t.sent;
    g.total_delivered = t.delivered;
    g.rps = g.interval_ms > 0 ? static_cast<double>(g.delivered) * 1000.0 / g.interval_ms : 0;
    if (t.lag_ms) {
      g.lag_ms = t.lag_ms;
      g.late = t.late - last.late;
    }
    ctx.out->Append(g);
    last_rps = g.rps;
    ctx.metrics.SetGauge("freshbench_generator_rps", {}, g.rps);
    ctx.metrics.SetGauge("freshbench_generator_delivered_total", {}, static_cast<double>(t.delivered));
    last = t;
    last_stats_ms = now;
  };
  while (!ctx.stopped()) {
    const int64_t now = WallNowMs();
    if (now >= ctx.load_end_ms) break;
    if (now - last_stats_ms >= 1000) {
      sample_generator(now);
      ctx.progress.Update(ProgressOf(ctx, all_steady_ms ? kPhaseSteady : kPhaseCatchup, now,
                                     ctx.load_end_ms, last_rps));
    }
    if (now - last_footprint_ms >= 5000) {
      ctx.out->Append(footprint.Sample());
      last_footprint_ms = now;
    }
    if (!switched && now >= ctx.half_ms) {
      switched = true;
      for (auto& p : ctx.patterns) {
        if (!p->paused) continue;
        for (auto& a : ctx.patterns)
          if (a->id == p->paused_for && a->worker) a->worker->MarkContended(now, p->id + " resumed");
        (void)guard.Resume(*p);
      }
    }
    if (all_steady_ms == 0) {
      // Markers start once every pattern that ingests is steady (or failed).
      bool all = true;
      for (auto& p : ctx.patterns) {
        if (!p->worker) continue;
        const auto ph = p->worker->phase();
        all = all && (ph == PatternWorker::Phase::kSteady || ph == PatternWorker::Phase::kPaused ||
                      ph == PatternWorker::Phase::kFailed);
      }
      if (all) {
        all_steady_ms = now;
        ctx.out->Append(PhaseEvent{now, kPhaseSteady, "", ""});
        SetPhaseMetric(ctx, kPhaseSteady);
        // Markers over the rest of the load, the last well before its end.
        const int64_t window =
            ctx.load_end_ms - now - std::min<int64_t>(10000, (ctx.load_end_ms - now) / 5);
        if (ctx.o.markers > 0 && window > 0) {
          marker_gap_ms = window / ctx.o.markers;
          next_marker_ms = now + marker_gap_ms / 2;
        }
      }
    }
    if (marker_gap_ms > 0 && markers_sent < ctx.o.markers && now >= next_marker_ms) {
      ++markers_sent;
      next_marker_ms += marker_gap_ms;
      auto ack = ctx.load->SendMarker(NewUuid(), 10000);
      if (ack.ok()) {
        for (auto& p : ctx.patterns)
          if (p->worker) p->worker->AddMarker(ack->event_id, ack->ack_time_ms);
      } else {
        ctx.progress.Log("marker: " + ack.status().message());
      }
    }
    SleepMs(50);
  }
  ctx.totals = ctx.load->Stop();
  if (ctx.faults) ctx.faults->LoadEnded();
  sample_generator(WallNowMs());
  ctx.out->Append(footprint.Sample());
  return Status::Ok();
}

Status DrainPhase(RunContext& ctx, SetupGuard& guard) {
  if (!ctx.load_start_ms) return Status::Ok();  // the load never started
  for (auto& p : ctx.patterns) (void)guard.Resume(*p);  // interrupted before the half
  const int64_t from = WallNowMs();
  ctx.out->Append(PhaseEvent{from, kPhaseDrain, "", ctx.stopped() ? "interrupted" : ""});
  SetPhaseMetric(ctx, kPhaseDrain);
  for (auto& p : ctx.patterns)
    if (p->worker) p->worker->EnterDrain();
  ctx.progress.Log(fmt::format("generator stopped: {} delivered, {} failed", ctx.totals.delivered,
                               ctx.totals.failed));
  if (auto m = ReadWatermarks(ctx.kafka); m.ok()) {
    for (auto& p : ctx.patterns)
      ctx.expected[p->id] = ExpectedEvents(p->start_offsets.empty() ? m->low : p->start_offsets, m->high);
  }
  const int64_t end = from + static_cast<int64_t>(ctx.o.drain_timeout_s * 1000);
  // Done when every live pattern shows what the topic holds and has seen its
  // markers, or at the timeout: a lake commits only every few minutes, so
  // "no movement for a while" does not mean "done".
  while (!ctx.stopped() && WallNowMs() < end) {
    bool all = true;
    for (auto& p : ctx.patterns) {
      if (!p->worker || p->worker->failed()) continue;
      const bool rows_in = !p->Can("completeness") || !ctx.expected.count(p->id) ||
                           p->worker->rows() >= ctx.expected[p->id];
      all = all && rows_in && p->worker->PendingMarkers() == 0;
    }
    if (all) break;
    ctx.progress.Update(ProgressOf(ctx, kPhaseDrain, WallNowMs(), end, 0));
    SleepMs(250);
  }
  // One more Q3 tick after catching up keeps the drain series honest.
  if (!ctx.stopped())
    SleepMs(std::min<int64_t>(static_cast<int64_t>(ctx.o.q3_interval_s * 1000), 2000));
  for (auto& p : ctx.patterns)
    if (p->worker && ctx.stopped()) p->worker->Cancel();
  for (auto& p : ctx.patterns)
    if (p->worker) p->worker->StopQueries();
  return Status::Ok();
}

void SettleMarkers(RunContext& ctx) {
  const int64_t end = WallNowMs() + static_cast<int64_t>(ctx.o.statement_timeout_s * 1000);
  auto waits = [](const RunPattern& p) {
    return p.worker && !p.worker->failed() && p.worker->PendingMarkers() > 0 && p.completeness &&
           p.completeness->error.empty() && p.completeness->lost == 0;
  };
  while (!ctx.stopped() && WallNowMs() < end) {
    bool any = false;
    for (auto& p : ctx.patterns) any = any || waits(*p);
    if (!any) break;
    SleepMs(250);
  }
  const std::string why = ctx.stopped() ? "the run was interrupted" : "not seen by the end of verify";
  for (auto& p : ctx.patterns)
    if (p->worker) p->worker->Cancel();
  for (auto& p : ctx.patterns)
    if (p->worker) p->worker->Finish(why);
}

Status VerifyPhase(RunContext& ctx) {
  if (!ctx.load_start_ms) return Status::Ok();
  ctx.out->Append(PhaseEvent{WallNowMs(), kPhaseVerify, "", ""});
  SetPhaseMetric(ctx, kPhaseVerify);
  auto verify = [&ctx](RunPattern* p) {
    CompletenessRecord c;
    c.pattern = p->id;
    c.ts_ms = WallNowMs();
    const PatternInfo& info = ctx.pattern_info[p->id];
    if (info.failed_ms) {
      c.error = "not verified: the pattern failed (" + info.failure + ")";
    } else if (ctx.stopped()) {
      c.error = "not verified: the run was interrupted";
    } else if (!p->Can("completeness")) {
      c.error = "the pattern defines no completeness query";
    } else if (!ctx.expected.count(p->id)) {
      c.error = "topic watermarks could not be read";
    } else {
      // A count that stalls (a Fluss union read can) is cancelled at the
      // statement limit and asked again, up to three times.
      CallOptions call;
      call.timeout_ms = static_cast<int64_t>(ctx.o.statement_timeout_s * 1000);
      call.cancel = ctx.stop;
      auto sql = p->main->QuerySql("completeness");
      Result<ResultSet> rs = sql.ok() ? Result<ResultSet>(Status::Internal("not run")) : Result<ResultSet>(sql.status());
      for (int attempt = 1; sql.ok() && attempt <= 3 && !ctx.stopped(); ++attempt) {
        rs = p->main->driver().Execute(*sql, call);
        if (rs.ok() || rs.status().code() == Status::Code::kNotReady) break;
        ctx.progress.Log(fmt::format("{}: completeness attempt {}: {}", p->id, attempt, rs.status().message()));
      }
      // Not ready (a lake without a snapshot) shows nothing: 0 rows.
      const bool not_ready = !rs.ok() && rs.status().code() == Status::Code::kNotReady;
      auto counts = rs.ok() || not_ready ? ParseCompleteness(rs.ok() ? *rs : ResultSet{})
                                         : Result<CompletenessCounts>(rs.status());
      if (!counts.ok()) {
        c.error = counts.status().message();
      } else {
        Completeness k = ComputeCompleteness(ctx.expected.at(p->id), counts->total_rows,
                                             counts->distinct_event_ids);
        c.expected = k.expected;
        c.visible_rows = k.rows;
        c.distinct_ids = k.distinct;
        c.lost = k.lost;
        c.duplicated = k.duplicated;
        c.unexpected = k.unexpected;
      }
    }
    ctx.out->Append(c);
    p->completeness = c;
    ctx.progress.Log(fmt::format(
        "{}: completeness: {}", p->id,
        c.error.empty() ? fmt::format("{} of {} distinct, {} lost, {} dup, {} not from this run",
                                      *c.distinct_ids, *c.expected, *c.lost, *c.duplicated, *c.unexpected)
                        : c.error));
  };
  std::vector<std::thread> threads;
  for (auto& p : ctx.patterns) threads.emplace_back(verify, p.get());
  for (std::thread& t : threads) t.join();
  return Status::Ok();
}

}  // namespace freshbench
