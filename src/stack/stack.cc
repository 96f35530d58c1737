#include "stack/stack.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "config/local_kafka.h"
#include "stack/child_process.h"
#include "stack/component_registry.h"
#include "stack/kafka_component.h"
#include "stack/log_tail.h"
#include "stack/net_probe.h"
#include "stack/process_control.h"
#include "stack/process_record.h"

namespace freshbench::stack {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kLogTailLines = 15;

std::atomic<bool> g_interrupted{false};
void OnSignal(int) { g_interrupted = true; }

// Routes SIGINT/SIGTERM to a flag while `up` waits, so an interrupted `up`
// still stops what it started.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = false;
    struct sigaction sa {};
    sa.sa_handler = &OnSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

int64_t NowMs() {
  return std::chrono::duration_cast<milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string PortList(const std::vector<int>& ports) {
  std::string out;
  for (int p : ports) out += (out.empty() ? "" : ",") + std::to_string(p);
  return out;
}

std::vector<int> PortsOf(const Component& c) {
  std::vector<int> out;
  for (const auto& p : c.ports()) out.push_back(p.port);
  return out;
}

// The running process recorded for `c`, or nullopt (removing a stale record).
std::optional<ProcessRecord> RunningRecord(const Component& c) {
  auto rec = ProcessRecord::ReadFile(c.record_path());
  if (!rec.ok()) return std::nullopt;
  if (ProcessAlive(rec->pid, rec->start_ticks)) return *rec;
  std::error_code ec;
  fs::remove(c.record_path(), ec);
  return std::nullopt;
}

// cluster.id=... from a formatted KRaft node's meta.properties; empty if none.
std::string ReadClusterId(const std::string& meta_path) {
  std::ifstream in(meta_path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("cluster.id=", 0) == 0) return Trim(line.substr(11));
  }
  return "";
}

std::string TailDetails(const Component& c) {
  std::string details;
  std::set<std::string> shown;
  for (const std::string& path : {c.log_path(), c.output_log_path()}) {
    if (!shown.insert(path).second) continue;
    std::string tail = LastLines(path, kLogTailLines);
    if (tail.empty()) continue;
    details += "--- last lines of " + path + "\n" + tail + "\n";
  }
  return details;
}

}  // namespace

Result<std::vector<std::string>> ResolveComponents(const std::string& with_list, bool defaults_only,
                                                   bool with_requirements) {
  std::vector<std::string> requested;
  std::stringstream ss(with_list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = Trim(item);
    if (!item.empty()) requested.push_back(item);
  }
  if (requested.empty()) return ComponentNames(defaults_only);

  const std::vector<std::string> known = ComponentNames(false);
  std::set<std::string> wanted;
  // Requirements need a context-free view: build components on a dummy context.
  StackContext ctx;
  std::vector<std::string> todo = requested;
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    // One node of a Kafka cluster ("kafka-2"): it sits where "kafka" does.
    if (name != "kafka" && KafkaNodeOf(name)) {
      if (*KafkaNodeOf(name) > kMaxLocalBrokers)
        return Status::InvalidArgument("unknown stack component '" + name +
                                       "' (the Kafka cluster has at most " +
                                       std::to_string(kMaxLocalBrokers) + " nodes)");
      wanted.insert(name);
      continue;
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return Status::InvalidArgument("unknown stack component '" + name + "' (known: " + list +
                                     ")");
    }
    if (!wanted.insert(name).second) continue;
    if (!with_requirements) continue;
    for (const auto& info : AllComponents()) {
      if (info.name != name) continue;
      for (const auto& r : info.make(ctx)->requires_components()) todo.push_back(r);
    }
  }
  std::vector<std::string> ordered;
  for (const auto& k : known) {
    if (wanted.count(k)) ordered.push_back(k);
    if (k != "kafka") continue;
    for (int n = 1; n <= kMaxLocalBrokers; ++n) {
      const std::string node = "kafka-" + std::to_string(n);
      if (wanted.count(node) && !wanted.count("kafka")) ordered.push_back(node);
    }
  }
  return ordered;
}

std::string FormatUtc(int64_t epoch_ms) {
  std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FormatUptime(int64_t s) {
  if (s < 0) s = 0;
  char buf[48];
  if (s >= 86400) {
    std::snprintf(buf, sizeof buf, "%lldd %02lldh", static_cast<long long>(s / 86400),
                  static_cast<long long>(s % 86400 / 3600));
  } else if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>(s % 3600 / 60));
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%lldm %02llds", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
  }
  return buf;
}

Stack::Stack(StackContext ctx) : ctx_(std::move(ctx)) {}
Stack::~Stack() = default;

std::unique_ptr<Component> Stack::Make(const std::string& name) const {
  if (name != "kafka") {
    if (auto node = KafkaNodeOf(name))
      return std::make_unique<KafkaComponent>(ctx_, *node,
                                              std::max(ctx_.endpoints.kafka_brokers, 2));
  }
  for (const auto& info : AllComponents()) {
    if (info.name == name) return info.make(ctx_);
  }
  return nullptr;
}

std::vector<std::string> Stack::Expand(const std::vector<std::string>& names,
                                       bool all_present) const {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (n != "kafka") {
      out.push_back(n);
      continue;
    }
    const int brokers = ctx_.endpoints.kafka_brokers;
    std::vector<std::string> nodes;
    for (int i = 1; i <= brokers; ++i) nodes.push_back(KafkaComponentName(i, brokers));
    if (all_present) {
      // Also whatever an earlier layout left behind (records, data).
      std::vector<std::string> every = {"kafka"};
      for (int i = 1; i <= kMaxLocalBrokers; ++i) every.push_back("kafka-" + std::to_string(i));
      for (const auto& e : every) {
        std::error_code ec;
        if (std::find(nodes.begin(), nodes.end(), e) == nodes.end() &&
            fs::exists(ctx_.StackDir() + "/" + e, ec))
          nodes.push_back(e);
      }
      std::sort(nodes.begin(), nodes.end());  // "kafka" < "kafka-1" < ... < "kafka-5"
    }
    out.insert(out.end(), nodes.begin(), nodes.end());
  }
  return out;
}

Status Stack::PrepareKafkaLayout(std::ostream& out, bool write) {
  const int want = ctx_.endpoints.kafka_brokers;
  auto state = ReadLocalKafkaState(ctx_.home);
  if (!state.ok()) return state.status();
  LocalKafkaState next = state->value_or(LocalKafkaState{});
  const int had = next.brokers;
  if (want != had) {
    // Nodes of the other layout that still run would be orphaned.
    for (int i = 1; i <= had; ++i) {
      std::unique_ptr<Component> c = had == 1 ? std::make_unique<KafkaComponent>(ctx_)
                                              : std::make_unique<KafkaComponent>(ctx_, i, had);
      if (RunningRecord(*c)) {
        return Status::Unavailable("the local Kafka cluster runs with " + std::to_string(had) +
                                   " broker" + (had > 1 ? "s" : "") + ", not " +
                                   std::to_string(want) + "; run `freshbench stack down` first");
      }
    }
  }
  if (want > 1) {
    // The kafka-<n> nodes keep the quorum and cluster id they were formatted with.
    const std::string meta = ctx_.StackDir() + "/kafka-1/data/meta.properties";
    std::error_code ec;
    const bool formatted = fs::exists(meta, ec);
    if (formatted && next.formatted_brokers != 0 && next.formatted_brokers != want) {
      return Status::InvalidArgument(
          "--brokers " + std::to_string(want) +
          ": the local Kafka cluster's data is formatted for " +
          std::to_string(next.formatted_brokers) + " brokers; `freshbench stack down --purge` " +
          "deletes it (or keep --brokers " + std::to_string(next.formatted_brokers) + ")");
    }
    if (formatted && next.cluster_id.empty()) next.cluster_id = ReadClusterId(meta);
    if (!formatted || next.cluster_id.empty()) next.cluster_id = NewKafkaClusterId();
    next.formatted_brokers = want;
  }
  next.brokers = want;
  // A lone broker without a state file stays as it always was: no file.
  const bool changed = state->has_value()
                           ? (want != had || (*state)->cluster_id != next.cluster_id ||
                              (*state)->formatted_brokers != next.formatted_brokers)
                           : want > 1;
  if (!write) return Status::Ok();
  if (changed) {
    FB_RETURN_IF_ERROR(WriteLocalKafkaState(ctx_.home, next));
    if (want != had)
      out << "kafka: cluster of " << want << " broker" << (want > 1 ? "s" : "") << " ("
          << LocalBootstrap(want, ctx_.endpoints.port_offset) << ")\n";
  }
  ctx_.kafka_cluster_id = next.cluster_id;
  return Status::Ok();
}

UpResult Stack::Up(const std::vector<std::string>& requested, std::ostream& out) {
  std::optional<InterruptGuard> guard;
  if (!cancel_) guard.emplace();
  auto interrupted = [this] { return cancel_ ? cancel_->load() : g_interrupted.load(); };
  const std::vector<std::string> names = Expand(requested, /*all_present=*/false);
  for (const auto& n : names) {
    const auto node = KafkaNodeOf(n);
    if (n != "kafka" && node && *node > ctx_.endpoints.kafka_brokers) {
      return {Status::InvalidArgument("--with " + n + ": the local Kafka cluster has " +
                                      std::to_string(ctx_.endpoints.kafka_brokers) +
                                      " broker(s); start it with `stack up --brokers N`"),
              ""};
    }
  }
  const bool with_kafka = std::any_of(
      names.begin(), names.end(), [](const std::string& n) { return KafkaNodeOf(n).has_value(); });
  // A layout that does not fit what runs or what is on disk stops here,
  // before its ports are probed (they may be the running layout's).
  if (with_kafka) {
    if (Status st = PrepareKafkaLayout(out, /*write=*/false); !st.ok()) return {st, ""};
  }
  std::vector<std::unique_ptr<Component>> comps;
  for (const auto& n : names) comps.push_back(Make(n));

  // 1. What runs already; every port of the rest must be free before
  //    anything starts.
  std::vector<std::optional<ProcessRecord>> running;
  for (const auto& c : comps) running.push_back(RunningRecord(*c));
  for (size_t i = 0; i < comps.size(); ++i) {
    if (running[i]) continue;
    for (const auto& p : comps[i]->ports()) {
      Status st = CheckPortFree(p.port, p.what);
      if (!st.ok()) return {st, ""};
    }
  }
  for (size_t i = 0; i < comps.size(); ++i) {
    if (running[i] && running[i]->ports != PortsOf(*comps[i])) {
      return {Status::Unavailable("already runs on port " + PortList(running[i]->ports) + ", not " +
                                  PortList(PortsOf(*comps[i])) +
                                  " (another FRESHBENCH_PORT_OFFSET?); run " +
                                  "`freshbench stack down` first")
                  .WithContext(comps[i]->name()),
              ""};
    }
  }
  // The Kafka layout (broker count, cluster id) is remembered before any node starts.
  if (with_kafka) {
    if (Status st = PrepareKafkaLayout(out, /*write=*/true); !st.ok()) return {st, ""};
    // Components made before the cluster id was known.
    comps.clear();
    for (const auto& n : names) comps.push_back(Make(n));
  }

  // 2. Start in order. Processes started by this call stay owned (and are
  //    stopped by their destructors) until everything is healthy.
  struct Started {
    Component* component;
    ChildProcess child;
  };
  std::vector<Started> started;
  auto fail = [&](Component& c, Status st) -> UpResult {
    std::string details = TailDetails(c);
    for (auto it = started.rbegin(); it != started.rend(); ++it) {
      if (it->child.Running()) {
        out << it->component->name() << ": stopping (start of the stack failed)\n" << std::flush;
      }
      it->child.Stop(std::chrono::duration_cast<milliseconds>(it->component->stop_timeout()));
      std::error_code ec;
      fs::remove(it->component->record_path(), ec);
    }
    return {st.WithContext(c.name()), details};
  };

  for (size_t first = 0; first < comps.size();) {
    // A batch: one component, or adjacent ones of the same start group.
    size_t end = first + 1;
    const std::string group = comps[first]->start_group();
    while (!group.empty() && end < comps.size() && comps[end]->start_group() == group) ++end;

    // 2a. Launch every component of the batch that is not running yet.
    struct Launched {
      size_t index;
      size_t started_at;  // index into `started`
      ProcessRecord rec;
      Clock::time_point t0;
    };
    std::vector<Launched> launched;
    for (size_t i = first; i < end; ++i) {
      Component& c = *comps[i];
      if (running[i]) {
        out << c.name() << ": already running (pid " << running[i]->pid << ", port "
            << PortList(running[i]->ports) << ", since " << FormatUtc(running[i]->started_at_ms)
            << ")\n"
            << std::flush;
        continue;
      }
      out << c.name() << ": starting on 127.0.0.1 port " << PortList(PortsOf(c)) << "\n"
          << std::flush;
      const auto t0 = Clock::now();
      Status prep = c.Prepare();
      if (!prep.ok()) return fail(c, prep);
      auto spec = c.Launch();
      if (!spec.ok()) return fail(c, spec.status());
      auto child = ChildProcess::Spawn(*spec);
      if (!child.ok()) return fail(c, child.status());
      ProcessRecord rec;
      rec.pid = child->pid();
      rec.start_ticks = child->start_ticks();
      rec.started_at_ms = NowMs();
      rec.ports = PortsOf(c);
      rec.log_path = c.log_path();
      started.push_back({&c, std::move(child).value()});
      // Written at once so that `down` finds the process even if this call dies.
      if (Status st = rec.WriteFile(c.record_path()); !st.ok()) return fail(c, st);
      launched.push_back({i, started.size() - 1, rec, t0});
    }

    // 2b. Wait until each launched one is healthy.
    for (const Launched& l : launched) {
      Component& c = *comps[l.index];
      ChildProcess& proc = started[l.started_at].child;
      const auto deadline = Clock::now() + c.start_timeout();
      Status health = Status::Unavailable("not checked yet");
      while (true) {
        if (interrupted()) return fail(c, Status::Cancelled("interrupted while starting"));
        if (!proc.Running()) {
          return fail(c, Status::Unavailable("exited with code " +
                                             std::to_string(proc.exit_code().value_or(-1)) +
                                             " while starting"));
        }
        health = c.CheckHealth();
        if (health.ok()) break;
        if (Clock::now() >= deadline) {
          return fail(
              c, Status::Timeout("not healthy within " + std::to_string(c.start_timeout().count()) +
                                 " s (last check: " + health.message() + ")"));
        }
        std::this_thread::sleep_for(milliseconds(250));
      }
    }

    // 2c. Set-up once healthy, in order; already running ones are re-checked.
    for (size_t i = first; i < end; ++i) {
      Component& c = *comps[i];
      if (running[i]) {
        Status health = c.CheckHealth();
        if (!health.ok())
          return {health.WithContext(c.name() + " runs but is not healthy"), TailDetails(c)};
        auto lines = c.AfterHealthy();
        if (!lines.ok()) return {lines.status().WithContext(c.name()), TailDetails(c)};
        for (const auto& l : *lines) out << c.name() << ": " << l << "\n";
        continue;
      }
      const Launched& l = *std::find_if(launched.begin(), launched.end(),
                                        [i](const Launched& x) { return x.index == i; });
      auto lines = c.AfterHealthy();
      if (!lines.ok()) return fail(c, lines.status());
      const double secs = std::chrono::duration<double>(Clock::now() - l.t0).count();
      char took[32];
      std::snprintf(took, sizeof took, "%.1f", secs);
      out << c.name() << ": running (pid " << l.rec.pid << ", healthy after " << took << " s, log "
          << c.log_path() << ")\n";
      for (const auto& line : *lines) out << c.name() << ": " << line << "\n";
      out << std::flush;
    }
    first = end;
  }
  for (auto& s : started) s.child.Detach();
  return {Status::Ok(), ""};
}

Status Stack::Report(const std::vector<std::string>& requested, std::ostream& out,
                     bool optional_extras) {
  const std::vector<std::string> names = Expand(requested, /*all_present=*/false);
  bool all_up = true;
  std::vector<std::string> down;
  const std::vector<std::string> defaults = ComponentNames(/*defaults_only=*/true);
  for (const auto& n : names) {
    auto c = Make(n);
    auto rec = RunningRecord(*c);
    char head[64];
    if (!rec) {
      std::snprintf(head, sizeof head, "%-11s stopped", n.c_str());
      out << head << "\n";
      // Every node of the Kafka cluster counts as the default component `kafka`.
      const std::string base = KafkaNodeOf(n) ? "kafka" : n;
      const bool is_default = std::find(defaults.begin(), defaults.end(), base) != defaults.end();
      if (optional_extras && !is_default) continue;
      all_up = false;
      down.push_back(n);
      continue;
    }
    // Started with another port offset: probing this offset's ports would mislead.
    Status health =
        rec->ports == PortsOf(*c)
            ? c->CheckHealth()
            : Status::Unavailable("its ports are not the ones of FRESHBENCH_PORT_OFFSET=" +
                                  std::to_string(ctx_.endpoints.port_offset));
    std::snprintf(head, sizeof head, "%-11s %-8s", n.c_str(),
                  health.ok() ? "running" : "UNHEALTHY");
    out << head << " pid " << rec->pid << "  127.0.0.1 port " << PortList(rec->ports) << "  since "
        << FormatUtc(rec->started_at_ms) << " (up "
        << FormatUptime((NowMs() - rec->started_at_ms) / 1000) << ")";
    if (health.ok()) {
      std::string detail = c->Describe();
      if (!detail.empty()) out << "  " << detail;
    } else {
      out << "  " << health.message();
      all_up = false;
      down.push_back(n);
    }
    out << "\n";
  }
  out << "state: " << ctx_.StackDir() << "\n";
  if (all_up) return Status::Ok();
  std::string list;
  for (const auto& d : down) list += (list.empty() ? "" : ", ") + d;
  return Status::Unavailable("not running or not healthy: " + list);
}

Result<ProcessRecord> Stack::RunningProcess(const std::string& name) const {
  auto c = Make(name);
  if (!c) return Status::NotFound("unknown stack component '" + name + "'");
  auto rec = RunningRecord(*c);
  if (!rec)
    return Status::NotFound(name + " is not running in the local stack (" + ctx_.StackDir() + ")");
  return *rec;
}

Status Stack::Signal(const std::string& name, int sig) const {
  auto rec = RunningProcess(name);
  if (!rec.ok()) return rec.status();
  // The record was just checked against the kernel's start time: the pid is
  // still the process this stack started.
  if (kill(-rec->pid, sig) != 0 && kill(rec->pid, sig) != 0)
    return Status::Internal(name + ": cannot signal pid " + std::to_string(rec->pid));
  if (sig != SIGKILL) return Status::Ok();
  const auto deadline = Clock::now() + milliseconds(5000);
  while (ProcessAlive(rec->pid, rec->start_ticks)) {
    if (Clock::now() >= deadline)
      return Status::Internal(name + ": pid " + std::to_string(rec->pid) + " survived SIGKILL");
    std::this_thread::sleep_for(milliseconds(20));
  }
  return Status::Ok();
}

Status Stack::Down(const std::vector<std::string>& requested, bool purge, std::ostream& out) {
  const std::vector<std::string> names = Expand(requested, /*all_present=*/true);
  Status first_error;
  std::set<std::string> signalled_groups;
  // Records of the group members signalled early (they may be gone by the
  // time the loop reaches them; they are still reported as stopped).
  std::map<std::string, ProcessRecord> signalled;
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    auto c = Make(*it);
    std::optional<ProcessRecord> rec;
    if (auto s = signalled.find(c->name()); s != signalled.end())
      rec = s->second;
    else
      rec = RunningRecord(*c);
    // The nodes of a quorum stop together: one left alone waits for the
    // others (controlled shutdown) until its grace period runs out.
    const std::string group = c->start_group();
    if (rec && !group.empty() && signalled_groups.insert(group).second) {
      for (const auto& n : names) {
        auto member = Make(n);
        if (member->start_group() != group) continue;
        if (auto r = RunningRecord(*member)) {
          SignalStop(r->pid, r->start_ticks);
          signalled[member->name()] = *r;
        }
      }
    }
    if (rec) {
      out << c->name() << ": stopping pid " << rec->pid << "\n" << std::flush;
      const auto t0 = Clock::now();
      Status st = StopRecordedProcess(rec->pid, rec->start_ticks,
                                      std::chrono::duration_cast<milliseconds>(c->stop_timeout()));
      if (!st.ok()) {
        if (first_error.ok()) first_error = st.WithContext(c->name());
        continue;
      }
      char took[32];
      std::snprintf(took, sizeof took, "%.1f",
                    std::chrono::duration<double>(Clock::now() - t0).count());
      out << c->name() << ": stopped after " << took << " s\n";
      std::error_code ec;
      fs::remove(c->record_path(), ec);
    } else {
      out << c->name() << ": not running\n";
    }
    if (purge) {
      std::error_code ec;
      fs::remove_all(c->state_dir(), ec);
      if (ec && first_error.ok())
        first_error = Status::IoError("cannot remove " + c->state_dir() + ": " + ec.message());
      else
        out << c->name() << ": state removed (" << c->state_dir() << ")\n";
    }
  }
  if (purge && first_error.ok() &&
      std::find(requested.begin(), requested.end(), "kafka") != requested.end()) {
    // Every node's data is gone: the cluster layout is forgotten with it.
    std::error_code ec;
    fs::remove(LocalKafkaStatePath(ctx_.home), ec);
  }
  if (purge && first_error.ok()) {
    // Leave no empty stack directory behind once every component is gone.
    std::error_code ec;
    if (fs::is_empty(ctx_.StackDir(), ec) && !ec) fs::remove(ctx_.StackDir(), ec);
  }
  out << std::flush;
  return first_error;
}

}  // namespace freshbench::stack
