#include "run/benchmark_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "gen/generator_options.h"
#include "measure/clock.h"
#include "measure/completeness.h"
#include "measure/metrics.h"
#include "measure/start_offsets.h"
#include "measure/topic_offsets.h"
#include "metrics/prometheus_metrics.h"
#include "patterns/bound_pattern.h"
#include "patterns/pattern.h"
#include "patterns/pattern_lifecycle.h"
#include "report/format.h"
#include "report/report_renderer.h"
#include "report/results_writer.h"
#include "run/footprint.h"
#include "run/load_source.h"
#include "run/progress.h"
#include "run/steady_state.h"

namespace freshbench {
namespace {

std::atomic<bool> g_stop{false};

void SleepMs(int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// Sleeps until `deadline_ms` (wall), waking every 100 ms to honour `stop`.
void SleepUntil(int64_t deadline_ms, const std::atomic<bool>& stop) {
  while (!stop.load() && !g_stop.load()) {
    const int64_t left = deadline_ms - WallNowMs();
    if (left <= 0) return;
    SleepMs(std::min<int64_t>(left, 100));
  }
}

// kPaused and kContended only for patterns that contend (runner.yaml).
enum Phase { kCatchup = 0, kSteady = 1, kDrain = 2, kPaused = 3, kContended = 4 };
const char* PhaseName(int p) {
  switch (p) {
    case kCatchup: return kPhaseCatchup;
    case kSteady: return kPhaseSteady;
    case kPaused: return kPhasePaused;
    case kContended: return kPhaseContended;
    default: return kPhaseDrain;
  }
}

struct PendingMarker {
  std::string event_id;
  int64_t t_ack_ms = 0;
  int64_t next_probe_ms = 0;
  int probes = 0;
};

// Everything the runner tracks for one pattern.
struct PatternState {
  std::string id;
  PatternInfo info;
  PatternRequest request;
  std::optional<BoundPattern> main;  // used by the main thread only
  std::optional<double> skew_ms;
  std::optional<std::string> group;
  std::vector<int64_t> start_offsets;  // empty: the topic's low watermarks
  bool has_marker = false;
  bool has_completeness = false;
  // Set before the probe threads start, read-only afterwards. A pattern
  // measured while another one is paused ends its window at the run's half;
  // the paused one resumes then.
  int64_t window_end_ms = 0;    // 0: the generator's end
  int64_t paused_until_ms = 0;  // 0: never paused
  std::string paused_for;       // the pattern measured meanwhile

  std::atomic<int> phase{kCatchup};
  std::atomic<int64_t> catchup_from_ms{0};
  std::atomic<int64_t> steady_at_ms{0};
  std::atomic<double> freshness_ms{std::nan("")};
  std::atomic<int64_t> rows{-1};
  std::atomic<int> q3_errors{0};

  std::mutex mu;  // guards pending
  std::vector<PendingMarker> pending;
};

// Backoff between marker probes: fine-grained first, so a fast pattern's
// figure is not the probe interval.
// A query stuck in an engine (a Fluss union read can hang) ends here and
// counts as a failed sample, instead of holding its pattern's loop for the
// engine's own, much longer limit.
constexpr int64_t kRunQueryTimeoutMs = 120 * 1000;

int64_t MarkerProbeGapMs(int64_t since_ack_ms) {
  if (since_ack_ms < 200) return 10;
  if (since_ack_ms < 2000) return 50;
  if (since_ack_ms < 20000) return 250;
  return 1000;
}

}  // namespace

void ApplyQuick(RunOptions* o) {
  o->duration_s = 100;
  o->q3_interval_s = 2;
  o->repeat = 3;
  o->markers = 6;
  o->steady_timeout_s = 40;
  o->drain_timeout_s = 30;
  o->marker_timeout_s = 30;
}

void BenchmarkRunner::RequestStop() { g_stop.store(true); }
bool BenchmarkRunner::StopRequested() { return g_stop.load(); }

BenchmarkRunner::BenchmarkRunner(RunOptions options, Endpoints endpoints)
    : o_(std::move(options)), endpoints_(std::move(endpoints)) {}

Result<RunOutcome> BenchmarkRunner::Run() {
  const std::string root = o_.patterns_root.empty() ? DefaultPatternsRoot() : o_.patterns_root;
  std::vector<std::string> ids = o_.patterns.empty() ? ListPatternIds(root) : o_.patterns;
  for (const std::string& id : ids) {
    auto dir = FindPatternDir(root, id);
    if (!dir.ok()) return dir.status();
  }
  if (ids.empty()) return Status::InvalidArgument("no pattern folders under " + root);
  Progress progress(o_.tty);
  const KafkaTarget kafka{endpoints_.kafka_bootstrap, endpoints_.topic};

  // --- check: bind each pattern (driver + server version) -------------------
  RunInfo info;
  info.started_ms = WallNowMs();
  info.run_id = MakeRunId(info.started_ms);
  info.machine = MachineInfo::Detect();
  std::vector<std::unique_ptr<PatternState>> patterns;
  for (const std::string& id : ids) {
    auto st = std::make_unique<PatternState>();
    st->request = PatternRequest{id, root, {}};
    // --set applies to every pattern that declares the setting.
    if (auto pat = LoadPattern(*FindPatternDir(root, id)); pat.ok()) {
      // --from run: a pattern whose engine does not start from a placed
      // consumer group (P0, P5's Flink job, P6's Routine Load) declares a
      // `start_from` setting (earliest | latest); it starts at the end too.
      if (o_.from == "run" && pat->start_setting)
        st->request.overrides[*pat->start_setting] = "latest";
      for (const auto& [k, v] : o_.set)
        if (pat->settings.count(k)) st->request.overrides[k] = v;
      st->info.id = pat->id;
      st->info.name = pat->name;
      st->info.engine = pat->engine;
      st->info.description = pat->description;
    } else {
      return pat.status();
    }
    auto bound = BindPattern(st->request, endpoints_);
    if (!bound.ok()) {
      info.skipped.push_back({st->info.id, st->info.name, bound.status().message()});
      progress.Log(fmt::format("{}: skipped: {}", st->info.id, bound.status().message()));
      continue;
    }
    st->id = st->info.id;
    st->info.engine_version = bound->server_version();
    for (const auto& [k, v] : bound->resolution().values) st->info.settings[k] = v;
    st->group = bound->KafkaGroup();
    st->has_marker = bound->HasQuery("marker");
    st->has_completeness = bound->HasQuery("completeness");
    st->main.emplace(std::move(bound).value());
    patterns.push_back(std::move(st));
  }

  // --- results folder ---------------------------------------------------------
  auto writer_or = ResultsWriter::Create(o_.results_root, info.run_id);
  if (!writer_or.ok()) return writer_or.status();
  ResultsWriter& out = **writer_or;
  info.settings = {{"rate", o_.rate},
                   {"generator_threads", o_.generator_threads},
                   {"duration_s", o_.duration_s},
                   {"q3_interval_s", o_.q3_interval_s},
                   {"repeat", o_.repeat},
                   {"markers", o_.markers},
                   {"steady_timeout_s", o_.steady_timeout_s},
                   {"drain_timeout_s", o_.drain_timeout_s},
                   {"from", o_.from},
                   {"no_pause", o_.no_pause},
                   {"kafka_bootstrap", endpoints_.kafka_bootstrap},
                   {"topic", endpoints_.topic},
                   {"set", o_.set}};
  auto write_info = [&] {
    info.patterns.clear();
    for (auto& p : patterns) info.patterns.push_back(p->info);
    (void)out.WriteRunInfo(info);
  };
  write_info();
  progress.Log("results: " + out.dir());

  // Drops what the pattern created and forgets its consumer group.
  auto tear_down = [&](PatternState& p) -> Status {
    Status st = TearDownPattern(*p.main, endpoints_).status();
    Status group = ForgetKafkaGroup(*p.main, endpoints_);
    return st.ok() ? group : st;
  };

  // --- clean slate: a run never counts what an earlier (interrupted or
  // --keep) run left behind: tables, jobs, committed group offsets. All
  // first, then all setups, since patterns can share objects (P2, P3).
  for (auto& p : patterns) (void)tear_down(*p);

  // --- setup ----------------------------------------------------------------
  out.Append(PhaseEvent{WallNowMs(), kPhaseSetup, "", ""});
  for (auto it = patterns.begin(); it != patterns.end();) {
    PatternState& p = **it;
    Status failed;
    if (p.group) {
      const std::string start_from =
          o_.from == "run" ? "latest" : p.main->pattern().kafka->start_from;
      // (A just-started broker's "not coordinator" is retried in topic_offsets.)
      auto start = PlaceStartOffsets(kafka, *p.group, start_from);
      if (start.ok()) {
        p.start_offsets = start->offsets;
        if (start->placed_now)
          (void)SaveStartOffsets(StartOffsetsPath(endpoints_.home, p.id), *start);
      } else {
        failed = start.status();
      }
    } else if (p.main->pattern().start_setting &&
               p.request.overrides.count(*p.main->pattern().start_setting) &&
               p.request.overrides.at(*p.main->pattern().start_setting) == "latest") {
      // The pattern's reader starts at the end when it is set up, i.e. now.
      auto m = ReadWatermarks(kafka);
      for (int attempt = 0; !m.ok() && attempt < 15 && !g_stop.load(); ++attempt) {
        SleepMs(2000);
        m = ReadWatermarks(kafka);
      }
      if (m.ok()) {
        p.start_offsets = m->high;
      } else {
        failed = m.status();
      }
    }
    if (failed.ok()) {
      auto done = SetUpPattern(*p.main, endpoints_);
      if (!done.ok()) failed = done.status();
    }
    if (!failed.ok()) {
      info.skipped.push_back({p.id, p.info.name, "setup failed: " + failed.message()});
      progress.Log(fmt::format("{}: skipped: setup failed: {}", p.id, failed.message()));
      it = patterns.erase(it);
      continue;
    }
    // Measure through a fresh session: setup may have left session state
    // behind (Flink: streaming mode and the ingest job's pipeline.name).
    if (auto fresh = BindPattern(p.request, endpoints_); fresh.ok()) p.main.emplace(std::move(fresh).value());
    if (auto skew = MeasureClockSkew(p.main->driver()); skew.ok()) p.skew_ms = skew->skew_ms;
    progress.Log(fmt::format("{}: set up on {} {}", p.id, p.info.engine, p.info.engine_version));
    ++it;
  }
  write_info();
  if (patterns.empty()) {
    info.status = "failed";
    info.note = "no pattern could run";
    info.finished_ms = WallNowMs();
    write_info();
    (void)RenderRunReports(out.dir());
    return Status::Unavailable("no pattern could run (see " + out.dir() + "/report.md)");
  }

  // --- contention (runner.yaml): pause, or flag --------------------------------
  // Pairs (measured, paused) whose paused side must resume at the half.
  std::vector<std::pair<PatternState*, PatternState*>> pauses;
  auto find_pattern = [&](const std::string& id) -> PatternState* {
    for (auto& q : patterns)
      if (q->id == id) return q.get();
    return nullptr;
  };
  for (auto& ptr : patterns) {
    PatternState& a = *ptr;
    for (const ContentionSpec& c : a.main->pattern().contends_with) {
      PatternState* b = find_pattern(c.pattern);
      if (b == nullptr) continue;
      const bool can_pause = b->main->HasQuery("pause") && b->main->HasQuery("resume");
      if (o_.no_pause || !can_pause || b->paused_until_ms != 0) {
        a.info.contention = "measured together with " + b->id + " on one engine" +
                            (o_.no_pause ? "" : " (" + b->id + " cannot be paused)");
        b->info.contention = "measured together with " + a.id + " on one engine";
        continue;
      }
      auto sql = b->main->QuerySql("pause");
      auto rs = sql.ok() ? b->main->driver().Execute(*sql) : Result<ResultSet>(sql.status());
      if (!rs.ok()) {
        a.info.contention = "measured together with " + b->id + " (pausing it failed: " +
                            rs.status().message() + ")";
        b->info.contention = "measured together with " + a.id;
        continue;
      }
      a.info.contention = b->id + " paused while measured (first half of the run)";
      b->info.contention = "paused while " + a.id + " was measured; measured after resuming";
      b->paused_until_ms = 1;  // placed at the half once the generator starts
      b->paused_for = a.id;
      b->phase.store(kPaused);
      pauses.push_back({&a, b});
      progress.Log(fmt::format("{}: paused while {} is measured", b->id, a.id));
    }
  }
  write_info();
  auto resume = [&](PatternState& b) {
    if (b.phase.load() != kPaused) return;
    auto sql = b.main->QuerySql("resume");
    auto rs = sql.ok() ? b.main->driver().Execute(*sql) : Result<ResultSet>(sql.status());
    const int64_t now = WallNowMs();
    b.catchup_from_ms.store(now);
    b.phase.store(kCatchup);
    out.Append(PhaseEvent{now, kPhaseCatchup, b.id,
                          rs.ok() ? "resumed after " + b.paused_for + "'s measurement"
                                  : "resume failed: " + rs.status().message()});
    progress.Log(fmt::format("{}: {}", b.id, rs.ok() ? "resumed" : "resume: " + rs.status().message()));
  };

  // --- generator --------------------------------------------------------------
  gen::GeneratorOptions go;
  (void)gen::ApplyEnvironment(gen::ProcessEnvironment(), &go);
  go.bootstrap = endpoints_.kafka_bootstrap;
  go.topic = endpoints_.topic;
  go.target_rps = o_.rate;
  go.threads = o_.generator_threads;
  auto load_or = MakeGeneratorLoad(go);
  if (!load_or.ok()) {
    info.status = "failed";
    info.note = "generator: " + load_or.status().message();
    info.finished_ms = WallNowMs();
    write_info();
    return load_or.status().WithContext("generator");
  }
  LoadSource& load = **load_or;
  info.settings["generator"] = load.Describe();
  write_info();

  PrometheusMetrics metrics;
  std::unique_ptr<MetricsServer> metrics_server;
  if (o_.metrics_port > 0) {
    auto srv = MetricsServer::Start(o_.metrics_port, &metrics);
    if (!srv.ok()) return srv.status();
    metrics_server = std::move(srv).value();
    progress.Log(fmt::format("metrics: http://127.0.0.1:{}/metrics", o_.metrics_port));
  }
  auto set_phase_metric = [&](const char* phase) {
    for (const char* ph : {kPhaseCatchup, kPhaseSteady, kPhaseDrain, kPhaseVerify})
      metrics.SetGauge("freshbench_phase", {{"phase", ph}}, std::string(ph) == phase ? 1 : 0);
  };

  FootprintSampler footprint;
  const int64_t gen_start_ms = WallNowMs();
  Status started = load.Start();
  if (!started.ok()) return started.WithContext("generator");
  const int64_t gen_end_ms = gen_start_ms + static_cast<int64_t>(o_.duration_s * 1000);
  const int64_t half_ms = gen_start_ms + (gen_end_ms - gen_start_ms) / 2;
  for (auto& p : patterns) p->catchup_from_ms.store(gen_start_ms);
  for (auto& [a, b] : pauses) {
    a->window_end_ms = half_ms;
    b->paused_until_ms = half_ms;
  }
  out.Append(PhaseEvent{gen_start_ms, kPhaseCatchup, "", ""});
  set_phase_metric(kPhaseCatchup);
  progress.Log(fmt::format("generating {} events/s for {:.0f} s; patterns: {}", o_.rate,
                           o_.duration_s, [&] {
                             std::string s;
                             for (auto& p : patterns) s += (s.empty() ? "" : ", ") + p->id;
                             return s;
                           }()));

  // --- per-pattern threads -----------------------------------------------------
  std::atomic<bool> stop_probes{false}, stop_markers{false}, gen_stopped{false};
  std::vector<std::thread> threads;
  const int64_t interval_ms = static_cast<int64_t>(o_.q3_interval_s * 1000);
  for (auto& ptr : patterns) {
    PatternState* p = ptr.get();
    // Q3 loop on a fixed schedule shared by every pattern (tick k at start + k*interval).
    threads.emplace_back([&, p] {
      auto bound = BindPattern(p->request, endpoints_);
      if (!bound.ok()) {
        progress.Log(fmt::format("{}: probe: {}", p->id, bound.status().message()));
        return;
      }
      auto sql = bound->QuerySql("q3");
      if (!sql.ok()) return;
      bound->driver().SetStatementTimeoutMs(kRunQueryTimeoutMs);
      // The window spans about 20 s whatever the interval, so a short stall
      // in a falling series is not taken for steady state.
      SteadyStateDetector detector(
          std::max<int>(4, static_cast<int>(std::ceil(20000.0 / static_cast<double>(interval_ms)))),
          SteadyStateDetector::kDefaultMaxDropMsPerS, gen_start_ms);
      for (int64_t k = 0; !stop_probes.load() && !g_stop.load(); ++k) {
        const int64_t tick = gen_start_ms + k * interval_ms;
        if (tick < WallNowMs() - interval_ms / 2) continue;  // overran: skip missed ticks
        SleepUntil(tick, stop_probes);
        if (stop_probes.load() || g_stop.load()) break;
        const int phase = p->phase.load();
        QuerySample s = RunMeasuredQuery(bound->driver(), p->id, "q3", *sql, p->skew_ms);
        out.Append(s, PhaseName(phase));
        metrics.Observe("freshbench_query_latency_ms", {{"pattern", p->id}, {"query", "q3"}},
                        s.query_latency_ms);
        if (!s.ok()) {
          ++p->q3_errors;
          continue;
        }
        if (s.freshness_lag_ms) {
          p->freshness_ms.store(*s.freshness_lag_ms);
          metrics.SetGauge("freshbench_freshness_lag_ms", {{"pattern", p->id}},
                           *s.freshness_lag_ms);
        }
        if (s.pipeline_lag_ms)
          metrics.SetGauge("freshbench_pipeline_lag_ms", {{"pattern", p->id}}, *s.pipeline_lag_ms);
        if (s.total_rows) {
          p->rows.store(*s.total_rows);
          metrics.SetGauge("freshbench_rows", {{"pattern", p->id}},
                           static_cast<double>(*s.total_rows));
        }
        if (phase == kCatchup) {
          const bool steady = detector.Add(s.t_done_ms, s.freshness_lag_ms);
          const bool timed_out = s.t_done_ms - p->catchup_from_ms.load() >
                                 static_cast<int64_t>(o_.steady_timeout_s * 1000);
          if (steady || timed_out) {
            int expected = kCatchup;
            if (p->phase.compare_exchange_strong(expected, kSteady)) {
              const int64_t now = WallNowMs();
              p->steady_at_ms.store(now);
              std::string note =
                  steady ? "" : fmt::format("steady state not detected within {:.0f} s",
                                            o_.steady_timeout_s);
              out.Append(PhaseEvent{now, kPhaseSteady, p->id, note});
              progress.Log(fmt::format("{}: steady after {} of catch-up{}", p->id,
                                       FormatMs(static_cast<double>(now - p->catchup_from_ms.load())),
                                       note.empty() ? "" : " (" + note + ")"));
            }
          }
        }
      }
    });
    // Q1 and Q2, `repeat` times each, spread over the steady phase.
    threads.emplace_back([&, p] {
      auto bound = BindPattern(p->request, endpoints_);
      if (!bound.ok()) return;
      bound->driver().SetStatementTimeoutMs(kRunQueryTimeoutMs);
      while (p->steady_at_ms.load() == 0 && !gen_stopped.load() && !g_stop.load()) SleepMs(100);
      const int64_t from = p->steady_at_ms.load();
      if (from == 0) return;
      const int64_t until = p->window_end_ms ? p->window_end_ms : gen_end_ms;
      const int64_t span = until - from;
      if (span <= 0) return;
      for (int i = 1; i <= o_.repeat && !gen_stopped.load() && !g_stop.load(); ++i) {
        SleepUntil(from + span * i / (o_.repeat + 1), gen_stopped);
        if (gen_stopped.load() || g_stop.load()) break;
        for (const char* q : {"q1", "q2"}) {
          if (!bound->HasQuery(q)) continue;
          auto sql = bound->QuerySql(q);
          if (!sql.ok()) continue;
          QuerySample s = RunMeasuredQuery(bound->driver(), p->id, q, *sql, p->skew_ms);
          out.Append(s, kPhaseSteady);
          metrics.Observe("freshbench_query_latency_ms", {{"pattern", p->id}, {"query", q}},
                          s.query_latency_ms);
        }
      }
    });
    // Marker probes: each pending marker until seen or timed out.
    if (p->has_marker) {
      threads.emplace_back([&, p] {
        auto bound = BindPattern(p->request, endpoints_);
        if (!bound.ok()) return;
        bound->driver().SetStatementTimeoutMs(kRunQueryTimeoutMs);
        auto values = bound->resolution().values;
        const std::string marker_file = bound->resolution().queries.at("marker");
        // A marker query naming {{event_ids}} takes every pending marker at
        // once (for engines where each probe is a scan, e.g. a lake).
        bool batch = false;
        if (std::ifstream f(bound->pattern().dir + "/" + marker_file); f) {
          std::stringstream text;
          text << f.rdbuf();
          batch = text.str().find("{{event_ids}}") != std::string::npos;
        }
        // The ids the marker query saw among `round`; kInvalidArgument when
        // the query cannot be made.
        auto probe = [&](const std::vector<PendingMarker>& round) -> Result<std::set<std::string>> {
          std::string ids;
          for (const PendingMarker& m : round) ids += (ids.empty() ? "'" : ", '") + m.event_id + "'";
          values["event_id"] = round.front().event_id;
          values["event_ids"] = ids;
          auto stmts = ReadStatements(bound->pattern(), {marker_file}, values);
          if (!stmts.ok()) return stmts.status();
          if (stmts->empty()) return Status::InvalidArgument("empty marker query");
          auto rs = bound->driver().Execute(stmts->front());
          // Not ready (a lake before its first snapshot): nothing seen yet.
          if (!rs.ok() && rs.status().code() == Status::Code::kNotReady)
            return std::set<std::string>{};
          if (!rs.ok()) return rs.status();
          std::set<std::string> seen;
          if (!batch) {
            if (!rs->rows.empty()) seen.insert(round.front().event_id);
            return seen;
          }
          const int col = std::max(0, rs->ColumnIndex("event_id"));
          for (const auto& row : rs->rows)
            if (static_cast<size_t>(col) < row.size() && row[col]) seen.insert(*row[col]);
          return seen;
        };
        while (true) {
          std::vector<PendingMarker> due;
          const int64_t now = WallNowMs();
          const bool stopping = stop_markers.load() || g_stop.load();
          {
            std::lock_guard<std::mutex> lock(p->mu);
            if (stopping && p->pending.empty()) break;
            for (auto it = p->pending.begin(); it != p->pending.end();) {
              if (it->next_probe_ms <= now || stopping) {
                due.push_back(*it);
                it = p->pending.erase(it);
              } else {
                ++it;
              }
            }
          }
          if (stopping) {
            for (PendingMarker& m : due) {
              MarkerSample ms;
              ms.pattern = p->id;
              ms.event_id = m.event_id;
              ms.t_ack_ms = m.t_ack_ms;
              ms.probes = m.probes;
              ms.error = "not seen before the run ended";
              out.Append(ms);
            }
            continue;
          }
          // A batch query probes every due marker at once; else one each.
          std::vector<std::vector<PendingMarker>> rounds;
          if (batch && !due.empty()) {
            rounds.push_back(std::move(due));
          } else {
            for (PendingMarker& m : due) rounds.push_back({m});
          }
          for (std::vector<PendingMarker>& round : rounds) {
            for (PendingMarker& m : round) ++m.probes;
            auto seen = probe(round);
            const int64_t t_done = WallNowMs();
            for (PendingMarker& m : round) {
              MarkerSample ms;
              ms.pattern = p->id;
              ms.event_id = m.event_id;
              ms.t_ack_ms = m.t_ack_ms;
              ms.probes = m.probes;
              if (seen.ok() && seen->count(m.event_id)) {
                ms.t_seen_ms = t_done;
                ms.visibility_latency_ms = static_cast<double>(t_done - m.t_ack_ms);
                out.Append(ms);
                metrics.Observe("freshbench_visibility_latency_ms", {{"pattern", p->id}},
                                *ms.visibility_latency_ms);
                continue;
              }
              const int64_t since = t_done - m.t_ack_ms;
              if (seen.status().code() == Status::Code::kInvalidArgument ||
                  since > static_cast<int64_t>(o_.marker_timeout_s * 1000)) {
                ms.error = seen.ok() ? fmt::format("not seen within {:.0f} s", o_.marker_timeout_s)
                                     : seen.status().message();
                out.Append(ms);
                continue;
              }
              m.next_probe_ms = t_done + MarkerProbeGapMs(since);
              std::lock_guard<std::mutex> lock(p->mu);
              p->pending.push_back(m);
            }
          }
          SleepMs(5);
        }
      });
    }
  }

  // --- main loop: generator stats, markers, progress ------------------------------
  LoadTotals last_totals;
  int64_t last_stats_ms = gen_start_ms, last_footprint_ms = gen_start_ms;
  int64_t all_steady_ms = 0, next_marker_ms = 0, marker_gap_ms = 0;
  int markers_sent = 0;
  double last_rps = 0;
  auto sample_generator = [&](int64_t now) {
    LoadTotals t = load.Snapshot();
    GeneratorSample g;
    g.ts_ms = now;
    g.interval_ms = static_cast<double>(now - last_stats_ms);
    g.sent = t.sent - last_totals.sent;
    g.delivered = t.delivered - last_totals.delivered;
    g.failed = t.failed - last_totals.failed;
    g.total_sent = t.sent;
    g.total_delivered = t.delivered;
    g.rps = g.interval_ms > 0 ? static_cast<double>(g.delivered) * 1000.0 / g.interval_ms : 0;
    out.Append(g);
    last_rps = g.rps;
    metrics.SetGauge("freshbench_generator_rps", {}, g.rps);
    metrics.SetGauge("freshbench_generator_delivered_total", {}, static_cast<double>(t.delivered));
    last_totals = t;
    last_stats_ms = now;
  };
  auto progress_status = [&](const char* phase, int64_t now, int64_t phase_end) {
    ProgressStatus ps;
    ps.phase = phase;
    ps.elapsed_s = static_cast<double>(now - info.started_ms) / 1000.0;
    ps.remaining_s = std::max<double>(0, static_cast<double>(phase_end - now) / 1000.0);
    ps.generator_rps = last_rps;
    for (auto& p : patterns) {
      ps.patterns.push_back({p->id, p->freshness_ms.load(), p->rows.load(),
                             PhaseName(p->phase.load())});
    }
    return ps;
  };
  while (!g_stop.load()) {
    const int64_t now = WallNowMs();
    if (now >= gen_end_ms) break;
    if (now - last_stats_ms >= 1000) {
      sample_generator(now);
      progress.Update(progress_status(all_steady_ms ? kPhaseSteady : kPhaseCatchup, now,
                                      gen_end_ms));
    }
    if (now - last_footprint_ms >= 5000) {
      out.Append(footprint.Sample());
      last_footprint_ms = now;
    }
    if (!pauses.empty() && now >= half_ms) {
      for (auto& [a, b] : pauses) {
        int expected = a->phase.load();
        if (expected == kSteady || expected == kCatchup) {
          a->phase.store(kContended);
          out.Append(PhaseEvent{now, kPhaseContended, a->id, b->id + " resumed"});
        }
        resume(*b);
      }
      pauses.clear();
    }
    if (all_steady_ms == 0) {
      // Markers start once every pattern that ingests is steady.
      bool all = true;
      for (auto& p : patterns) all = all && (p->phase.load() == kSteady || p->phase.load() == kPaused);
      if (all) {
        all_steady_ms = now;
        out.Append(PhaseEvent{now, kPhaseSteady, "", ""});
        set_phase_metric(kPhaseSteady);
        // Markers over the rest of the run, leaving time to see the last one.
        const int64_t window = gen_end_ms - now - std::min<int64_t>(10000, (gen_end_ms - now) / 5);
        if (o_.markers > 0 && window > 0) {
          marker_gap_ms = window / o_.markers;
          next_marker_ms = now + marker_gap_ms / 2;
        }
      }
    }
    if (marker_gap_ms > 0 && markers_sent < o_.markers && now >= next_marker_ms) {
      ++markers_sent;
      next_marker_ms += marker_gap_ms;
      auto ack = load.SendMarker(NewUuid(), 10000);
      if (ack.ok()) {
        for (auto& p : patterns) {
          if (!p->has_marker || p->phase.load() != kSteady) continue;
          std::lock_guard<std::mutex> lock(p->mu);
          p->pending.push_back({ack->event_id, ack->ack_time_ms, ack->ack_time_ms, 0});
        }
      } else {
        progress.Log("marker: " + ack.status().message());
      }
    }
    SleepMs(50);
  }

  // --- drain: generator stopped, ingestion catches up ------------------------------
  LoadTotals final_totals = load.Stop();
  gen_stopped.store(true);
  for (auto& [a, b] : pauses) resume(*b);  // interrupted before the half
  const int64_t drain_from = WallNowMs();
  sample_generator(drain_from);
  out.Append(PhaseEvent{drain_from, kPhaseDrain, "", g_stop.load() ? "interrupted" : ""});
  set_phase_metric(kPhaseDrain);
  for (auto& p : patterns) p->phase.store(kDrain);
  progress.Log(fmt::format("generator stopped: {} delivered, {} failed", final_totals.delivered,
                           final_totals.failed));
  std::map<std::string, int64_t> expected;
  Watermarks marks;
  if (auto m = ReadWatermarks(kafka); m.ok()) {
    marks = *m;
    for (auto& p : patterns) {
      expected[p->id] =
          ExpectedEvents(p->start_offsets.empty() ? marks.low : p->start_offsets, marks.high);
    }
  }
  const int64_t drain_end = drain_from + static_cast<int64_t>(o_.drain_timeout_s * 1000);
  // Done when every pattern with a completeness check shows what the topic
  // holds, or at the timeout: a lake commits only every few minutes, so
  // "no movement for a while" does not mean "done".
  while (!g_stop.load() && WallNowMs() < drain_end && !expected.empty()) {
    bool all = true;
    for (auto& p : patterns)
      all = all && (!p->has_completeness || p->rows.load() >= expected[p->id]);
    if (all) break;
    progress.Update(progress_status(kPhaseDrain, WallNowMs(), drain_end));
    SleepMs(250);
  }
  // One more Q3 tick after catching up keeps the drain series honest.
  SleepUntil(WallNowMs() + std::min<int64_t>(interval_ms, 2000), stop_probes);
  stop_markers.store(true);
  stop_probes.store(true);
  for (std::thread& t : threads) t.join();
  out.Append(footprint.Sample());

  // --- verify -------------------------------------------------------------------------
  out.Append(PhaseEvent{WallNowMs(), kPhaseVerify, "", ""});
  set_phase_metric(kPhaseVerify);
  // One thread per pattern: a slow engine's count (a lake scan) does not
  // hold up the others.
  auto verify_one = [&](PatternState* p) {
    CompletenessRecord c;
    c.pattern = p->id;
    c.ts_ms = WallNowMs();
    if (!p->has_completeness) {
      c.error = "the pattern defines no completeness query";
    } else if (!expected.count(p->id)) {
      c.error = "topic watermarks could not be read";
    } else {
      auto sql = p->main->QuerySql("completeness");
      auto rs = sql.ok() ? p->main->driver().Execute(*sql) : Result<ResultSet>(sql.status());
      const bool not_ready = !rs.ok() && rs.status().code() == Status::Code::kNotReady;
      auto cell = [&](const char* col) -> std::optional<int64_t> {
        if (not_ready) return 0;  // e.g. a lake before its first snapshot
        int i = rs->ColumnIndex(col);
        if (i < 0 || rs->rows.empty() || !rs->rows[0][i]) return std::nullopt;
        return std::strtoll(rs->rows[0][i]->c_str(), nullptr, 10);
      };
      if (!rs.ok() && !not_ready) {
        c.error = rs.status().message();
      } else if (!cell("total_rows") || !cell("distinct_event_ids")) {
        c.error = "completeness query must return total_rows and distinct_event_ids";
      } else {
        Completeness k = ComputeCompleteness(expected.at(p->id), *cell("total_rows"),
                                             *cell("distinct_event_ids"));
        c.expected = k.expected;
        c.visible_rows = k.rows;
        c.distinct_ids = k.distinct;
        c.lost = k.lost;
        c.duplicated = k.duplicated;
        c.unexpected = k.unexpected;
      }
    }
    out.Append(c);
    progress.Log(fmt::format("{}: completeness: {}", p->id,
                             c.error.empty() ? fmt::format("{} of {} distinct, {} lost, {} dup, {} not from this run",
                                                           *c.distinct_ids, *c.expected, *c.lost,
                                                           *c.duplicated, *c.unexpected)
                                             : c.error));
  };
  {
    std::vector<std::thread> verifiers;
    for (auto& p : patterns) verifiers.emplace_back(verify_one, p.get());
    for (std::thread& t : verifiers) t.join();
  }

  // --- teardown -----------------------------------------------------------------------
  if (!o_.keep) {
    out.Append(PhaseEvent{WallNowMs(), kPhaseTeardown, "", ""});
    for (auto& p : patterns) {
      Status st = tear_down(*p);
      progress.Log(fmt::format("{}: {}", p->id, st.ok() ? "torn down" : "teardown: " + st.message()));
    }
  } else {
    progress.Log("--keep: patterns left set up");
  }

  // --- report -------------------------------------------------------------------------
  metrics_server.reset();
  progress.Finish();
  info.finished_ms = WallNowMs();
  info.status = g_stop.load() ? "interrupted" : "complete";
  if (g_stop.load()) info.note = "stopped by a signal; figures cover what was measured";
  write_info();
  auto rendered = RenderRunReports(out.dir());
  if (!rendered.ok()) return rendered.status();
  RunOutcome outcome;
  outcome.results_dir = out.dir();
  outcome.markdown = rendered->markdown;
  outcome.html_path = rendered->html_path;
  outcome.interrupted = g_stop.load();
  outcome.patterns_run = static_cast<int>(patterns.size());
  return outcome;
}

}  // namespace freshbench
