// MysqlConnection: one session with a MySQL-protocol server (StarRocks FE,
// or MariaDB in tests) over libmariadb, as a move-only RAII handle.
//
// Every call is bounded by the options' timeouts. Failures come back as a
// Status, never an exception:
//   - kServerError: the server refused the statement; the message carries
//     the server's own error number, SQLSTATE and text;
//   - kTimeout: connect, read or write took longer than its timeout;
//   - kUnavailable: the server cannot be reached or the session was lost.
// After kTimeout or kUnavailable the session is unusable (broken() is true):
// open a new one.
//
// Thread safety: one thread at a time per connection; distinct connections
// may be used from distinct threads.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "engines/driver.h"
#include "engines/starrocks/mysql_endpoint.h"

typedef struct st_mysql MYSQL;  // from <mysql.h>, kept out of this header

namespace freshbench {

struct MysqlOptions {
  int connect_timeout_s = 10;  // TCP connect + handshake
  int read_timeout_s = 600;    // per socket read; a lake scan (P4 Q2) can take minutes
  int write_timeout_s = 60;    // per socket write
  // Statements run right after every connect, in order. The default makes
  // NOW() and CURRENT_TIMESTAMP answer in UTC, as freshbench's arithmetic
  // assumes.
  std::vector<std::string> session_statements = {"SET time_zone = '+00:00'"};
};

class MysqlConnection {
 public:
  // Connects and runs options.session_statements. Fails with kUnavailable
  // (unreachable, refused, bad credentials), kTimeout, or kServerError (a
  // session statement failed).
  static Result<MysqlConnection> Open(const MysqlEndpoint& endpoint, const MysqlOptions& options);

  MysqlConnection(MysqlConnection&& other) noexcept;
  MysqlConnection& operator=(MysqlConnection&& other) noexcept;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;
  ~MysqlConnection();

  // Runs one statement (no multi-statements) and reads every row before
  // returning. A statement without a result set (DDL, SET, INSERT) yields
  // an empty ResultSet. Cells are the server's text; SQL NULL is nullopt.
  // REQUIRES: !broken()
  Result<ResultSet> Query(const std::string& sql);

  // True once the session was lost or timed out; only destruction is left.
  bool broken() const { return mysql_ == nullptr || broken_; }

  // The server's id for this session (the handshake's thread id), as
  // SHOW PROCESSLIST and KILL QUERY <id> name it; 0 when closed.
  unsigned long ConnectionId() const;

  // The handshake's server version string (StarRocks reports a MySQL
  // compatibility version here, not its own: ask current_version()).
  std::string HandshakeVersion() const;

 private:
  MysqlConnection(MYSQL* mysql, MysqlEndpoint endpoint, MysqlOptions options);
  // Turns the handle's current error into a Status, marking the session
  // broken when the error is a client/transport one.
  Status LastError(const std::string& doing, double elapsed_s);
  void Close() noexcept;

  MYSQL* mysql_ = nullptr;
  MysqlEndpoint endpoint_;
  MysqlOptions options_;
  bool broken_ = false;
};

}  // namespace freshbench
