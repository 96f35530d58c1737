#include "engines/starrocks/mysql_connection.h"

#include <errmsg.h>
#include <mysql.h>

#include <chrono>
#include <mutex>
#include <utility>

namespace freshbench {
namespace {

// mysql_library_init is not thread-safe; mysql_init calls it implicitly.
void InitLibraryOnce() {
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool IsClientError(unsigned int err) { return err >= 2000 && err < 3000; }

}  // namespace

MysqlConnection::MysqlConnection(MYSQL* mysql, MysqlEndpoint endpoint, MysqlOptions options)
    : mysql_(mysql), endpoint_(std::move(endpoint)), options_(std::move(options)) {}

MysqlConnection::MysqlConnection(MysqlConnection&& other) noexcept
    : mysql_(std::exchange(other.mysql_, nullptr)),
      endpoint_(std::move(other.endpoint_)),
      options_(std::move(other.options_)),
      broken_(other.broken_) {}

MysqlConnection& MysqlConnection::operator=(MysqlConnection&& other) noexcept {
  if (this != &other) {
    Close();
    mysql_ = std::exchange(other.mysql_, nullptr);
    endpoint_ = std::move(other.endpoint_);
    options_ = std::move(other.options_);
    broken_ = other.broken_;
  }
  return *this;
}

MysqlConnection::~MysqlConnection() { Close(); }

void MysqlConnection::Close() noexcept {
  if (mysql_ != nullptr) mysql_close(mysql_);
  mysql_ = nullptr;
}

Result<MysqlConnection> MysqlConnection::Open(const MysqlEndpoint& endpoint,
                                              const MysqlOptions& options) {
  InitLibraryOnce();
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return Status::Internal("libmariadb: out of memory in mysql_init");
  MysqlConnection conn(mysql, endpoint, options);

  unsigned int connect_s = static_cast<unsigned int>(options.connect_timeout_s);
  unsigned int read_s = static_cast<unsigned int>(options.read_timeout_s);
  unsigned int write_s = static_cast<unsigned int>(options.write_timeout_s);
  unsigned int protocol = MYSQL_PROTOCOL_TCP;  // never a local socket: the endpoint says host:port
  mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_s);
  mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &read_s);
  mysql_optionsv(mysql, MYSQL_OPT_WRITE_TIMEOUT, &write_s);
  mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_optionsv(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");

  const auto start = std::chrono::steady_clock::now();
  const char* db = endpoint.database.empty() ? nullptr : endpoint.database.c_str();
  if (mysql_real_connect(mysql, endpoint.host.c_str(), endpoint.user.c_str(),
                         endpoint.password.c_str(), db, static_cast<unsigned int>(endpoint.port),
                         nullptr, 0) == nullptr) {
    Status st = conn.LastError("connecting", SecondsSince(start));
    // A refused login is a server answer, but for a caller it means "cannot use this endpoint".
    if (st.code() == Status::Code::kServerError) return Status::Unavailable(st.message());
    return st;
  }
  for (const std::string& stmt : options.session_statements) {
    auto r = conn.Query(stmt);
    if (!r.ok()) return r.status().WithContext("session set-up '" + stmt + "'");
  }
  return conn;
}

Status MysqlConnection::LastError(const std::string& doing, double elapsed_s) {
  const unsigned int err = mysql_errno(mysql_);
  const std::string where = endpoint_.host + ":" + std::to_string(endpoint_.port);
  const std::string text = mysql_error(mysql_);
  if (!IsClientError(err)) {
    return Status::ServerError(where + ": ERROR " + std::to_string(err) + " (" +
                               mysql_sqlstate(mysql_) + "): " + text);
  }
  broken_ = true;
  // libmariadb reports an expired socket timeout as a lost connection; the
  // elapsed time tells the two apart.
  const bool connecting = doing == "connecting";
  const int limit = connecting ? options_.connect_timeout_s : options_.read_timeout_s;
  if (elapsed_s + 0.2 >= limit || text.find("timeout") != std::string::npos ||
      text.find("timed out") != std::string::npos) {
    return Status::Timeout(where + ": no answer within " + std::to_string(limit) + " s while " +
                           doing + " (" + text + ")");
  }
  return Status::Unavailable(where + ": " + text + " (while " + doing + ")");
}

Result<ResultSet> MysqlConnection::Query(const std::string& sql) {
  if (broken()) return Status::Unavailable("MySQL session is closed after an earlier failure");
  const auto start = std::chrono::steady_clock::now();
  if (mysql_real_query(mysql_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) {
    return LastError("running a statement", SecondsSince(start));
  }
  ResultSet rs;
  // Streams rows off the socket instead of buffering them twice.
  MYSQL_RES* res = mysql_use_result(mysql_);
  if (res == nullptr) {
    if (mysql_field_count(mysql_) == 0) return rs;  // DDL, SET, INSERT ...
    return LastError("reading a result", SecondsSince(start));
  }
  const unsigned int n = mysql_num_fields(res);
  MYSQL_FIELD* fields = mysql_fetch_fields(res);
  rs.columns.reserve(n);
  for (unsigned int i = 0; i < n; ++i)
    rs.columns.emplace_back(fields[i].name, fields[i].name_length);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    std::vector<std::optional<std::string>> cells;
    cells.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
      if (row[i] == nullptr) {
        cells.emplace_back(std::nullopt);
      } else {
        cells.emplace_back(std::string(row[i], lengths[i]));
      }
    }
    rs.rows.push_back(std::move(cells));
  }
  // mysql_fetch_row returns NULL both at the end and on a failure mid-stream.
  const bool failed = mysql_errno(mysql_) != 0;
  Status st = failed ? LastError("reading rows", SecondsSince(start)) : Status::Ok();
  mysql_free_result(res);
  if (!st.ok()) return st;
  return rs;
}

unsigned long MysqlConnection::ConnectionId() const {
  return mysql_ == nullptr ? 0 : mysql_thread_id(mysql_);
}

std::string MysqlConnection::HandshakeVersion() const {
  return mysql_ == nullptr ? std::string() : std::string(mysql_get_server_info(mysql_));
}

}  // namespace freshbench
