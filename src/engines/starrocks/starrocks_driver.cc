#include "engines/starrocks/starrocks_driver.h"

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "engines/starrocks/datetime_text.h"

namespace freshbench {
namespace {

std::string Trimmed(const std::string& sql) {
  size_t end = sql.size();
  while (end > 0 && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';'))
    --end;
  size_t begin = 0;
  while (begin < end && std::isspace(static_cast<unsigned char>(sql[begin]))) ++begin;
  return sql.substr(begin, end - begin);
}

Result<std::string> SingleCell(const ResultSet& rs, const std::string& what) {
  if (rs.rows.size() != 1 || rs.rows[0].empty() || !rs.rows[0][0].has_value()) {
    return Status::Internal(what + ": expected one non-NULL value, got " +
                            std::to_string(rs.rows.size()) + " rows");
  }
  return *rs.rows[0][0];
}

}  // namespace

namespace {
const EngineSetting kUrl{"url", "FRESHBENCH_STARROCKS", "",
                         "StarRocks FE as mysql://user[:password]@host:port", /*endpoint=*/true};
}  // namespace

Result<MysqlEndpoint> ResolveStarRocksEndpoint(const Endpoints& endpoints) {
  auto url = endpoints.engines.Get("starrocks", kUrl);
  if (!url.ok()) return url.status();
  if (url->value.empty()) {
    return Status::NotFound(
        "no StarRocks endpoint: set FRESHBENCH_STARROCKS=mysql://user[:password]@host:port or "
        "'starrocks:' in " +
        endpoints.engines.config_path);
  }
  auto e = MysqlEndpoint::Parse(url->value);
  if (!e.ok()) return e.status().WithContext(url->source);
  return e;
}

EngineInfo StarRocksEngine() {
  EngineInfo e;
  e.name = "starrocks";
  e.settings = {kUrl};
  e.make = [](const Endpoints& endpoints) -> Result<std::unique_ptr<Driver>> {
    auto where = ResolveStarRocksEndpoint(endpoints);
    if (!where.ok()) return where.status();
    return std::unique_ptr<Driver>(std::make_unique<StarRocksDriver>(*where));
  };
  return e;
}

StarRocksDriver::StarRocksDriver(MysqlEndpoint endpoint, MysqlOptions options)
    : endpoint_(std::move(endpoint)), options_(std::move(options)) {}

Status StarRocksDriver::EnsureConnected() {
  if (conn_.has_value() && !conn_->broken()) return Status::Ok();
  conn_.reset();
  auto c = MysqlConnection::Open(endpoint_, options_);
  if (!c.ok()) return c.status().WithContext("StarRocks " + endpoint_.Display());
  conn_.emplace(std::move(c).value());
  return Status::Ok();
}

void StarRocksDriver::SetStatementTimeoutMs(int64_t ms) {
  if (ms > 0) default_timeout_ms_ = ms;
}

std::string StarRocksDriver::LastStatementHandle() const {
  return connection_id_ == 0 ? std::string()
                             : "starrocks connection " + std::to_string(connection_id_);
}

void StarRocksDriver::KillQuery(unsigned long id) {
  MysqlOptions o = options_;
  o.connect_timeout_s = 3;
  o.read_timeout_s = 10;
  o.session_statements.clear();
  auto killer = MysqlConnection::Open(endpoint_, o);
  if (killer.ok()) (void)killer->Query("KILL QUERY " + std::to_string(id));
}

Result<ResultSet> StarRocksDriver::Execute(const std::string& sql, const CallOptions& options) {
  FB_RETURN_IF_ERROR(EnsureConnected());
  connection_id_ = conn_->ConnectionId();
  const int64_t bound_ms = options.timeout_ms > 0 ? options.timeout_ms : default_timeout_ms_;
  if (bound_ms <= 0 && options.cancel == nullptr) return conn_->Query(Trimmed(sql));

  // The watchdog: the MySQL protocol has no "cancel" of its own, and one
  // blocking read cannot poll a flag.
  enum Fired { kNone, kTimedOut, kCancelledByCaller };
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::atomic<int> fired{kNone};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(bound_ms);
  const unsigned long id = connection_id_;
  std::thread watch([&] {
    std::unique_lock<std::mutex> lock(mu);
    while (!done) {
      if (options.cancel != nullptr && options.cancel->load()) {
        fired = kCancelledByCaller;
      } else if (bound_ms > 0 && std::chrono::steady_clock::now() >= deadline) {
        fired = kTimedOut;
      }
      if (fired != kNone) break;
      cv.wait_for(lock, std::chrono::milliseconds(100));
    }
    if (fired == kNone) return;
    lock.unlock();
    KillQuery(id);
  });
  auto result = conn_->Query(Trimmed(sql));
  {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
  }
  cv.notify_all();
  watch.join();
  if (result.ok() || fired == kNone) return result;
  const std::string what =
      "StarRocks " + endpoint_.Display() + ": connection " + std::to_string(id) + ": ";
  if (fired == kTimedOut)
    return Status::Timeout(what + "statement did not finish within " + std::to_string(bound_ms) +
                           " ms (KILL QUERY sent): " + result.status().message());
  return Status::Cancelled(what + "cancelled (KILL QUERY sent): " + result.status().message());
}

Result<std::string> StarRocksDriver::ServerVersion() {
  if (version_.has_value()) return *version_;
  auto rs = Execute("SELECT current_version()");
  if (!rs.ok() && rs.status().code() == Status::Code::kServerError)
    rs = Execute("SELECT VERSION()");
  if (!rs.ok()) return rs.status();
  auto v = SingleCell(*rs, "server version");
  if (!v.ok()) return v.status();
  version_ = *v;
  return *v;
}

Result<int64_t> StarRocksDriver::EngineNowMs() {
  auto rs = Execute("SELECT NOW(3)");
  if (!rs.ok() && rs.status().code() == Status::Code::kServerError) {
    rs = Execute("SELECT NOW()");
    if (rs.ok()) clock_resolution_ms_ = 1000;
  }
  if (!rs.ok()) return rs.status();
  auto cell = SingleCell(*rs, "engine time");
  if (!cell.ok()) return cell.status();
  return ParseUtcDateTimeMs(*cell);
}

}  // namespace freshbench
