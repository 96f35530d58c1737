#include "engines/flink/flink_driver.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include "engines/flink/directives.h"
#include "engines/flink/gateway_json.h"

namespace freshbench {

namespace {

constexpr int kCancelWaitS = 60;  // CANCEL JOBS waits this long for terminal states

ResultSet OneCell(const std::string& column, const std::string& value) {
  ResultSet rs;
  rs.columns = {column};
  rs.rows.push_back({value});
  return rs;
}

// "2026-11-21 23:36:58.656" (UTC) -> epoch ms; -1 when unparsable.
int64_t ParseUtcMs(const std::string& text) {
  int y, mo, d, h, mi, s;
  char frac[8] = {0};
  int n = std::sscanf(text.c_str(), "%d-%d-%d%*c%d:%d:%d.%7[0-9]", &y, &mo, &d, &h, &mi, &s, frac);
  if (n < 6) return -1;
  // days from civil (Howard Hinnant's algorithm)
  y -= mo <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
  int64_t ms = 0;
  if (n == 7) {
    std::string f(frac);
    f = (f + "000").substr(0, 3);
    ms = std::stoi(f);
  }
  return ((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms;
}

// Fluss refuses a batch read of a lake-enabled table until its first lake
// snapshot: "Currently, Batch mode can only be supported if one lake
// snapshot exists for the table."
bool IsNoLakeSnapshot(const Status& st) {
  return st.code() == Status::Code::kServerError &&
         st.message().find("can only be supported if one lake snapshot exists") !=
             std::string::npos;
}

}  // namespace

FlinkDriverOptions FlinkDriverOptionsFor(const Endpoints& endpoints) {
  FlinkDriverOptions o;
  o.gateway_url = endpoints.sql_gateway_url;
  o.rest_url = endpoints.flink_rest_url;
  std::error_code ec;
  std::filesystem::path home = std::filesystem::absolute(endpoints.home, ec);
  std::string warehouse = (home / "data" / "paimon").string();
  if (const char* w = std::getenv("FRESHBENCH_PAIMON_WAREHOUSE"); w != nullptr && *w != '\0')
    warehouse = w;
  o.jvm_dir = (home / "jvm").string();
  if (const char* t = std::getenv("FRESHBENCH_FLINK_STATEMENT_TIMEOUT_S");
      t != nullptr && *t != '\0') {
    const long long s = std::strtoll(t, nullptr, 10);
    if (s > 0) o.statement_timeout_ms = s * 1000;
  }
  // Extra Paimon options for a lake on object storage (compose: MinIO),
  // FRESHBENCH_PAIMON_OPTIONS="s3.endpoint=http://minio:9000,s3.access-key=..."
  // Paimon reads S3 credentials only from its catalog options, so they go to
  // the tiering job (${paimon_args}) and to paimon_catalog.
  std::string paimon_args, paimon_catalog_options;
  if (const char* env = std::getenv("FRESHBENCH_PAIMON_OPTIONS"); env != nullptr) {
    std::stringstream list(env);
    for (std::string kv; std::getline(list, kv, ',');) {
      const size_t eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) continue;
      const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
      paimon_args += " --datalake.paimon." + key + " " + value;
      paimon_catalog_options += ", '" + key + "' = '" + value + "'";
    }
  }
  o.placeholders = {{"fluss_bootstrap", endpoints.fluss_bootstrap},
                    {"paimon_warehouse", warehouse},
                    {"paimon_args", paimon_args},
                    {"freshbench_home", home.string()}};
  o.init_statements = {
      "CREATE CATALOG IF NOT EXISTS fluss_catalog WITH ('type' = 'fluss', 'bootstrap.servers' = '" +
          endpoints.fluss_bootstrap + "')",
      "CREATE CATALOG IF NOT EXISTS paimon_catalog WITH ('type' = 'paimon', 'warehouse' = '" +
          warehouse + "'" + paimon_catalog_options + ")",
      "USE CATALOG fluss_catalog"};
  return o;
}

Result<std::unique_ptr<Driver>> MakeFlinkDriver(const Endpoints& endpoints) {
  return std::unique_ptr<Driver>(std::make_unique<FlinkDriver>(FlinkDriverOptionsFor(endpoints)));
}

FlinkDriver::FlinkDriver(FlinkDriverOptions options)
    : options_(std::move(options)), gateway_(options_.gateway_url), rest_(options_.rest_url) {}

FlinkDriver::~FlinkDriver() {
  if (!session_.empty()) (void)gateway_.CloseSession(session_);
}

Result<std::string> FlinkDriver::ServerVersion() {
  auto v = gateway_.Version();
  if (!v.ok()) {
    if (v.status().code() == Status::Code::kUnavailable ||
        v.status().code() == Status::Code::kTimeout)
      return Status::Unavailable("Flink SQL Gateway at " + options_.gateway_url +
                                 " cannot be reached (is the stack up?)");
    return v.status();
  }
  return v;
}

Status FlinkDriver::EnsureSession(const CallOptions& call) {
  if (!session_.empty()) return Status::Ok();
  auto s = gateway_.OpenSession(options_.session_properties);
  if (!s.ok()) {
    if (s.status().code() == Status::Code::kUnavailable)
      return Status::Unavailable("Flink SQL Gateway at " + options_.gateway_url +
                                 " cannot be reached");
    return s.status();
  }
  session_ = *s;
  flink::PollOptions poll;
  poll.timeout_ms = std::min(options_.session_setup_timeout_ms, options_.statement_timeout_ms);
  poll.cancel = call.cancel;
  for (const std::string& init : options_.init_statements) {
    auto r = gateway_.Execute(session_, init, poll);
    if (!r.ok()) {
      // A half set-up session would answer later statements in the wrong
      // catalog: the next call opens a new one.
      (void)gateway_.CloseSession(session_);
      session_.clear();
      return r.status().WithContext("Flink session set-up (" + init.substr(0, 40) + "...)");
    }
  }
  return Status::Ok();
}

Result<ResultSet> FlinkDriver::Execute(const std::string& sql, const CallOptions& call) {
  last_handle_.clear();
  auto expanded = flink::ExpandDriverPlaceholders(sql, options_.placeholders);
  if (!expanded.ok()) return expanded.status();
  auto parsed = flink::ParseDriverStatement(*expanded);
  if (!parsed.ok()) return parsed.status();
  if (parsed->unless_running) {
    auto running = JobRunningId(*parsed->unless_running);
    if (!running.ok()) return running.status();
    if (!running->empty())
      return OneCell(
          "result", "skipped: job '" + *parsed->unless_running + "' is running (" + *running + ")");
  }
  if (parsed->unless_table) {
    auto exists = TableExists(*parsed->unless_table);
    if (!exists.ok()) return exists.status();
    if (*exists) return OneCell("result", "skipped: table " + *parsed->unless_table + " exists");
  }
  if (auto* run = std::get_if<flink::RunJar>(&parsed->action)) return RunJarJob(*run);
  if (auto* cancel = std::get_if<flink::CancelJobs>(&parsed->action)) {
    auto n = CancelNamed(cancel->names, call);
    if (!n.ok()) return n.status();
    return OneCell("result", "cancelled " + std::to_string(*n) + " job(s)");
  }
  FB_RETURN_IF_ERROR(EnsureSession(call));
  flink::PollOptions poll;
  poll.timeout_ms = call.timeout_ms > 0 ? call.timeout_ms : options_.statement_timeout_ms;
  poll.cancel = call.cancel;
  // Given up on: name the job as it was at that moment (asked before the
  // cancel below changes it), so a stall is a finding, not noise.
  std::string given_up;
  poll.before_cancel = [&](const std::string& id) {
    if (id.empty()) {
      given_up = "flink statement (no job submitted yet)";
      return;
    }
    auto state = rest_.JobState(id);
    given_up = "flink job " + id + " " + (state.ok() ? *state : std::string("UNKNOWN"));
  };
  std::string job_id;
  auto r = gateway_.Execute(session_, std::get<flink::SqlText>(parsed->action).sql, poll, &job_id);
  if (!job_id.empty()) last_handle_ = "flink job " + job_id;
  if (r.ok()) return std::move(r->rows);
  if (!given_up.empty()) last_handle_ = given_up;
  // Given up on (timeout, cancel, lost connection): the gateway cancels the
  // operation; make sure its job does not linger either (a hung batch read
  // would hold a TaskManager slot for good). A server error means the job
  // has already failed.
  // Execute returns only once that job has left its task slot (bounded,
  // and at once on `cancel`): a caller that counts the engine's free slots
  // (StatementCapacity) may then submit again without queueing behind it.
  if (!job_id.empty() && r.status().code() != Status::Code::kServerError &&
      rest_.CancelJob(job_id).ok())
    (void)WaitJobsGone({job_id}, kCancelWaitS * 1000LL, call.cancel);
  if (IsNoLakeSnapshot(r.status())) return Status::NotReady(kNoLakeSnapshotYet);
  if (r.status().code() == Status::Code::kTimeout && !given_up.empty())
    return Status::Timeout(r.status().message() + ": " + given_up);
  return r.status();
}

std::optional<int> FlinkDriver::StatementCapacity() {
  auto free = rest_.FreeSlots();
  if (!free.ok()) return std::nullopt;
  return std::max(1, *free);
}

void FlinkDriver::SetStatementTimeoutMs(int64_t ms) {
  if (ms > 0) options_.statement_timeout_ms = ms;
}

Result<ResultSet> FlinkDriver::RunJarJob(const flink::RunJar& run) {
  std::filesystem::path jar(run.jar);
  if (jar.is_relative()) jar = std::filesystem::path(options_.jvm_dir) / jar;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(jar, ec))
    return Status::NotFound("jar " + jar.string() + " not found (fetch the Flink jars first)");
  auto id = rest_.UploadJar(jar.string());
  if (!id.ok()) return id.status();
  auto job = rest_.RunJar(*id, run.entry_class, run.args);
  (void)rest_.DeleteJar(*id);
  if (!job.ok()) return job.status();
  return OneCell("job id", *job);
}

Result<bool> FlinkDriver::JobRunning(const std::string& name) {
  auto id = JobRunningId(name);
  if (!id.ok()) return id.status();
  return !id->empty();
}

Status FlinkDriver::CancelJobs(const std::vector<std::string>& names, const CallOptions& options) {
  auto n = CancelNamed(names, options);
  return n.ok() ? Status::Ok() : n.status();
}

Result<std::string> FlinkDriver::JobRunningId(const std::string& name) {
  auto jobs = rest_.ListJobs();
  if (!jobs.ok()) return jobs.status();
  for (const auto& j : *jobs)
    if (j.name == name && j.Active()) return j.id;
  return std::string();
}

Result<size_t> FlinkDriver::CancelNamed(const std::vector<std::string>& names,
                                        const CallOptions& call) {
  auto jobs = rest_.ListJobs();
  if (!jobs.ok()) return jobs.status();
  std::vector<std::string> ids;
  for (const auto& j : *jobs) {
    if (!j.Active()) continue;
    if (std::find(names.begin(), names.end(), j.name) == names.end()) continue;
    FB_RETURN_IF_ERROR(rest_.CancelJob(j.id));
    ids.push_back(j.id);
  }
  // Wait until they are gone, so what follows (DROP TABLE, a new setup)
  // never races a job that is still cancelling.
  FB_RETURN_IF_ERROR(WaitJobsGone(
      ids, call.timeout_ms > 0 ? call.timeout_ms : kCancelWaitS * 1000LL, call.cancel));
  return ids.size();
}

Status FlinkDriver::WaitJobsGone(const std::vector<std::string>& ids, int64_t wait_ms,
                                 const std::atomic<bool>* cancel) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (!ids.empty()) {
    auto now_jobs = rest_.ListJobs();
    if (!now_jobs.ok()) return now_jobs.status();
    bool pending = false;
    for (const auto& j : *now_jobs)
      if (j.Active() && std::find(ids.begin(), ids.end(), j.id) != ids.end()) pending = true;
    if (!pending) return Status::Ok();
    if (cancel != nullptr && cancel->load())
      return Status::Cancelled("stopped waiting for " + std::to_string(ids.size()) +
                               " Flink job(s) to finish cancelling");
    if (std::chrono::steady_clock::now() >= deadline)
      return Status::Timeout("jobs still cancelling after " + std::to_string(wait_ms / 1000) +
                             " s");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::Ok();
}

Result<int64_t> FlinkDriver::EngineNowMs() {
  auto rs = Execute("SELECT CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3)) AS engine_now");
  if (!rs.ok()) return rs.status();
  if (rs->rows.empty() || rs->rows[0].empty() || !rs->rows[0][0])
    return Status::ServerError("Flink returned no CURRENT_TIMESTAMP");
  int64_t ms = ParseUtcMs(*rs->rows[0][0]);
  if (ms < 0) return Status::ServerError("unparsable CURRENT_TIMESTAMP '" + *rs->rows[0][0] + "'");
  return ms;
}

Result<bool> FlinkDriver::TableExists(const std::string& qualified) {
  const size_t a = qualified.find('.');
  const size_t b = qualified.rfind('.');
  FB_RETURN_IF_ERROR(EnsureSession(CallOptions{}));
  auto rs = gateway_.Execute(session_, "SHOW TABLES FROM `" + qualified.substr(0, a) + "`.`" +
                                           qualified.substr(a + 1, b - a - 1) + "` LIKE '" +
                                           qualified.substr(b + 1) + "'");
  // A missing catalog or database means a missing table.
  if (!rs.ok())
    return rs.status().code() == Status::Code::kServerError ? Result<bool>(false) : rs.status();
  return !rs->rows.rows.empty();
}

Result<std::vector<flink::FlinkJob>> FlinkDriver::ListJobs() { return rest_.ListJobs(); }

}  // namespace freshbench
