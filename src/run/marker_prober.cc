#include "run/marker_prober.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "measure/clock.h"
#include "measure/metrics.h"

namespace freshbench {

int64_t MarkerProbeGapMs(int64_t since_ack_ms) {
  if (since_ack_ms < 200) return 10;
  if (since_ack_ms < 2000) return 50;
  if (since_ack_ms < 20000) return 250;
  return 1000;
}

int64_t MarkerProbeLimitMs(const std::deque<double>& recent_answers_ms, int64_t statement_limit_ms) {
  if (recent_answers_ms.empty()) return statement_limit_ms;
  const double slowest = *std::max_element(recent_answers_ms.begin(), recent_answers_ms.end());
  const auto limit = std::max<int64_t>(kMarkerLimitFloorMs,
                                       static_cast<int64_t>(kMarkerLimitFactor * slowest));
  return std::min(limit, statement_limit_ms);
}

MarkerProber::MarkerProber(MarkerProberSpec spec, std::function<void(const MarkerSample&)> record)
    : spec_(std::move(spec)), record_(std::move(record)) {
  slots_ = std::make_unique<ProbeSlots>(spec_.max_in_flight, spec_.sessions, spec_.budget,
                                        spec_.budget_reserved);
  thread_ = std::thread([this] { Loop(); });
}

MarkerProber::~MarkerProber() { Finish("the run ended"); }

void MarkerProber::Add(const std::string& event_id, int64_t t_ack_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (finishing_) return;
  Marker m;
  m.event_id = event_id;
  m.t_ack_ms = t_ack_ms;
  m.next_probe_ms = t_ack_ms;
  m.sample.pattern = spec_.pattern;
  m.sample.event_id = event_id;
  m.sample.t_ack_ms = t_ack_ms;
  pending_.push_back(std::move(m));
  cv_.notify_all();
}

size_t MarkerProber::Pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_.size();
}

void MarkerProber::Halt() {
  std::lock_guard<std::mutex> lock(mu_);
  finishing_ = true;
  cv_.notify_all();
}

void MarkerProber::Finish(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    finished_ = true;
    finishing_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  slots_->Close();  // the caller has set `cancel` if it wants them short
  std::vector<Marker> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    left.swap(pending_);
  }
  for (Marker& m : left) {
    m.sample.error = fmt::format("not seen: {} ({} probes answered without it, {} failed)", why,
                                 m.sample.probes, m.sample.failed_probes);
    record_(m.sample);
  }
}

void MarkerProber::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!finishing_) {
    const int64_t now = WallNowMs();
    std::vector<Marker*> due;
    int64_t next = now + 1000;
    for (Marker& m : pending_) {
      if (m.next_probe_ms <= now) {
        due.push_back(&m);
      } else {
        next = std::min(next, m.next_probe_ms);
      }
    }
    // A batch query probes every due marker at once; else one each. A
    // marker may be in two probes at once: one that stalls does not hold
    // it back, the next probe on the other session can see it.
    std::vector<std::vector<Marker*>> rounds;
    if (spec_.batch && !due.empty()) {
      rounds.push_back(due);
    } else {
      for (Marker* m : due) rounds.push_back({m});
    }
    for (auto& round : rounds) {
      std::vector<std::string> ids;
      for (Marker* m : round) ids.push_back(m->event_id);
      const bool started = slots_->TrySubmit(
          [this, ids](Result<Driver*> session) { Probe(std::move(session), ids); });
      if (!started) {
        next = std::min(next, now + 5);  // every session busy: look again soon
        break;
      }
      for (Marker* m : round) m->next_probe_ms = now + MarkerProbeGapMs(now - m->t_ack_ms);
    }
    cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, next - WallNowMs())));
  }
}

int64_t MarkerProber::ProbeLimitMs() const {
  return MarkerProbeLimitMs(recent_answers_ms_, spec_.statement_timeout_ms);
}

void MarkerProber::Probe(Result<Driver*> session, std::vector<std::string> ids) {
  Result<std::set<std::string>> seen = Status::Internal("not run");
  QuerySample probe;
  if (!session.ok()) {
    seen = session.status();
  } else if (auto sql = spec_.sql(ids); !sql.ok()) {
    seen = sql.status();
  } else {
    CallOptions call;
    {
      std::lock_guard<std::mutex> lock(mu_);
      call.timeout_ms = ProbeLimitMs();
    }
    call.cancel = spec_.cancel;
    ResultSet rs;
    probe = RunMeasuredQuery(**session, spec_.pattern, "marker", *sql, std::nullopt, &rs, call);
    if (probe.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      recent_answers_ms_.push_back(probe.query_latency_ms);
      if (recent_answers_ms_.size() > kMarkerLimitWindow) recent_answers_ms_.pop_front();
    }
    if (probe.stalled && call.timeout_ms < spec_.statement_timeout_ms)
      probe.error += fmt::format(" (the marker probe limit: {}x the slowest of the last {} answered)",
                                 kMarkerLimitFactor, kMarkerLimitWindow);
    if (probe.ok()) {
      std::set<std::string> s;
      if (!spec_.batch) {
        if (!rs.rows.empty()) s.insert(ids.front());
      } else {
        const int col = std::max(0, rs.ColumnIndex("event_id"));
        for (const auto& row : rs.rows)
          if (static_cast<size_t>(col) < row.size() && row[col]) s.insert(*row[col]);
      }
      seen = std::move(s);
    } else {
      seen = Status::Unavailable(probe.error);
    }
    if (spec_.on_probe) spec_.on_probe(probe);
  }
  const int64_t done = probe.t_done_ms ? probe.t_done_ms : WallNowMs();
  const int64_t submit = probe.t_submit_ms ? probe.t_submit_ms : done;
  std::vector<MarkerSample> finished;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (std::find(ids.begin(), ids.end(), it->event_id) == ids.end()) {
        ++it;
        continue;
      }
      Marker& m = *it;
      MarkerSample& s = m.sample;
      if (!seen.ok()) {
        ++s.failed_probes;  // neither a miss nor a sighting
        ++it;
        continue;
      }
      ++s.probes;
      if (seen->count(m.event_id)) {
        s.t_seen_ms = done;
        s.seen_submit_ms = submit;
        s.visibility_latency_ms = static_cast<double>(done - m.t_ack_ms);
        s.visibility_lower_bound_ms =
            s.last_miss_submit_ms
                ? std::max<double>(0, static_cast<double>(*s.last_miss_submit_ms - m.t_ack_ms))
                : 0.0;
        finished.push_back(s);
        it = pending_.erase(it);
        continue;
      }
      if (!s.last_miss_submit_ms || submit > *s.last_miss_submit_ms) {
        s.last_miss_submit_ms = submit;
        s.last_miss_done_ms = done;
      }
      ++it;
    }
    cv_.notify_all();
  }
  for (const MarkerSample& s : finished) record_(s);
}

}  // namespace freshbench
