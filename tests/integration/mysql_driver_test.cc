// The MySQL-protocol layer (MysqlConnection, StarRocksDriver) against a real
// MariaDB server that this suite starts itself: a fresh datadir under a temp
// dir, mariadbd on 127.0.0.1:(3306 + FRESHBENCH_PORT_OFFSET) with its own
// socket, stopped and removed at the end. Needs Debian's mariadb-server
// (scripts/install-deps.sh test); without it the tests are skipped with
// that reason printed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/endpoints.h"
#include "engines/starrocks/mysql_connection.h"
#include "engines/starrocks/starrocks_driver.h"
#include "integration_env.h"

namespace freshbench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string FindProgram(const std::vector<std::string>& candidates) {
  for (const auto& c : candidates)
    if (access(c.c_str(), X_OK) == 0) return c;
  return "";
}

// Starts argv with stdout/stderr to `log`; returns the pid or -1.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    setpgid(0, 0);  // its own group, so a stray child cannot outlive the test
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Waits for pid at most `timeout`; kills it if it is still there. Returns its exit code or -1.
int WaitBounded(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

class MariaDbServer {
 public:
  // Empty string on success, else why the server could not be started.
  std::string Start() {
    const std::string mariadbd = FindProgram({"/usr/sbin/mariadbd", "/usr/sbin/mysqld"});
    const std::string install_db =
        FindProgram({"/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"});
    if (mariadbd.empty() || install_db.empty()) {
      return "mariadb-server is not installed (scripts/install-deps.sh test installs it)";
    }
    char tmpl[] = "/tmp/fb_mariadb_XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return "cannot create a temp dir";
    dir_ = tmpl;
    const std::string datadir = dir_ + "/data";
    const std::string log = dir_ + "/server.log";
    port_ = Endpoints::FromEnvironment().Port(3306);

    pid_t init = Spawn({install_db, "--no-defaults", "--datadir=" + datadir, "--user=root",
                        "--auth-root-authentication-method=normal", "--skip-test-db"},
                       dir_ + "/install.log");
    if (WaitBounded(init, std::chrono::seconds(120)) != 0) {
      return "mariadb-install-db failed: " + Tail(dir_ + "/install.log");
    }
    pid_ = Spawn(
        {mariadbd, "--no-defaults", "--datadir=" + datadir, "--socket=" + dir_ + "/mysqld.sock",
         "--pid-file=" + dir_ + "/mysqld.pid", "--port=" + std::to_string(port_),
         "--bind-address=127.0.0.1", "--user=root", "--log-error=" + log,
         "--innodb-buffer-pool-size=32M", "--skip-log-bin", "--max-connections=50"},
        dir_ + "/stdout.log");
    // Ready once a root login over TCP works (bounded: 60 s).
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    MysqlOptions quick;
    quick.connect_timeout_s = 2;
    while (Clock::now() < deadline) {
      auto c = MysqlConnection::Open(Endpoint(), quick);
      if (c.ok()) return "";
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return "mariadbd exited at start: " + Tail(log);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return "mariadbd did not accept connections within 60 s: " + Tail(log);
  }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      WaitBounded(pid_, std::chrono::seconds(30));
      pid_ = -1;
    }
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
      dir_.clear();
    }
  }

  MysqlEndpoint Endpoint(const std::string& db = "") const {
    MysqlEndpoint e;
    e.user = "root";
    e.host = "127.0.0.1";
    e.port = port_;
    e.database = db;
    return e;
  }
  int port() const { return port_; }

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

class MysqlDriverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new MariaDbServer;
    skip_reason_ = new std::string(server_->Start());
    if (!skip_reason_->empty())
      std::fprintf(stderr, "mysql_driver_test: skipping: %s\n", skip_reason_->c_str());
  }
  static void TearDownTestSuite() {
    server_->Stop();
    delete server_;
    delete skip_reason_;
  }
  void SetUp() override {
    if (!skip_reason_->empty()) GTEST_SKIP() << *skip_reason_;
  }

  static MariaDbServer* server_;
  static std::string* skip_reason_;
};
MariaDbServer* MysqlDriverTest::server_ = nullptr;
std::string* MysqlDriverTest::skip_reason_ = nullptr;

TEST_F(MysqlDriverTest, ReportsServerVersion) {
  StarRocksDriver driver(server_->Endpoint());
  EXPECT_EQ(driver.Name(), "starrocks");
  auto v = driver.ServerVersion();
  ASSERT_TRUE(v.ok()) << v.status().message();
  // MariaDB has no current_version(): the driver fell back to VERSION().
  EXPECT_NE(v->find("MariaDB"), std::string::npos) << *v;
}

TEST_F(MysqlDriverTest, ReturnsColumnsTextCellsAndNulls) {
  StarRocksDriver driver(server_->Endpoint());
  auto rs = driver.Execute(
      "SELECT 42 AS i, 'héllo' AS s, NULL AS n, CAST(1.50 AS DECIMAL(6,2)) AS d, "
      "CAST('2026-05-25 15:35:55.092' AS DATETIME(3)) AS t;");
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  ASSERT_EQ(rs->columns, (std::vector<std::string>{"i", "s", "n", "d", "t"}));
  ASSERT_EQ(rs->rows.size(), 1u);
  const auto& row = rs->rows[0];
  EXPECT_EQ(row[0], "42");
  EXPECT_EQ(row[1], "héllo");
  EXPECT_FALSE(row[2].has_value());
  EXPECT_EQ(row[3], "1.50");
  EXPECT_EQ(row[4], "2026-05-25 15:35:55.092");
  EXPECT_EQ(rs->ColumnIndex("t"), 4);
}

TEST_F(MysqlDriverTest, DdlInsertAndSelectRoundTripWithNulls) {
  StarRocksDriver driver(server_->Endpoint());
  ASSERT_TRUE(driver.Execute("CREATE DATABASE IF NOT EXISTS fb_it").ok());
  ASSERT_TRUE(driver.Execute("DROP TABLE IF EXISTS fb_it.t").ok());
  auto ddl = driver.Execute(
      "CREATE TABLE fb_it.t (id INT PRIMARY KEY, v VARCHAR(10) NULL, ts DATETIME(3) NULL)");
  ASSERT_TRUE(ddl.ok()) << ddl.status().message();
  EXPECT_TRUE(ddl->columns.empty());
  ASSERT_TRUE(
      driver
          .Execute(
              "INSERT INTO fb_it.t VALUES (1, 'a', '2026-01-01 00:00:00.001'), (2, NULL, NULL)")
          .ok());
  auto rs = driver.Execute("SELECT id, v, ts FROM fb_it.t ORDER BY id");
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  ASSERT_EQ(rs->rows.size(), 2u);
  EXPECT_EQ(rs->rows[0][1], "a");
  EXPECT_EQ(rs->rows[0][2], "2026-01-01 00:00:00.001");
  EXPECT_FALSE(rs->rows[1][1].has_value());
  EXPECT_FALSE(rs->rows[1][2].has_value());
  EXPECT_TRUE(driver.Execute("DROP DATABASE fb_it").ok());
}

TEST_F(MysqlDriverTest, ServerErrorCarriesTheServersOwnMessage) {
  StarRocksDriver driver(server_->Endpoint());
  auto rs = driver.Execute("SELECT * FROM no_such_db.no_such_table");
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.status().code(), Status::Code::kServerError);
  EXPECT_NE(rs.status().message().find("ERROR 1146 (42S02)"), std::string::npos)
      << rs.status().message();
  EXPECT_NE(rs.status().message().find("Table 'no_such_db.no_such_table' doesn't exist"),
            std::string::npos)
      << rs.status().message();

  auto syntax = driver.Execute("SELEC 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), Status::Code::kServerError);
  EXPECT_NE(syntax.status().message().find("1064 (42000)"), std::string::npos)
      << syntax.status().message();
  EXPECT_EQ(syntax.status().message().find('\n'), std::string::npos) << "one line";

  // A server error leaves the session usable.
  auto ok = driver.Execute("SELECT 1");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
}

TEST_F(MysqlDriverTest, ReadTimeoutIsReportedAndTheNextQueryReconnects) {
  MysqlOptions opts;
  opts.read_timeout_s = 1;
  StarRocksDriver driver(server_->Endpoint(), opts);
  const auto start = Clock::now();
  auto rs = driver.Execute("SELECT SLEEP(5)");
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.status().code(), Status::Code::kTimeout) << rs.status().message();
  EXPECT_LT(elapsed, 4.5) << "the 1 s read timeout must cut the 5 s query short";
  std::fprintf(stderr, "read timeout 1 s: call returned after %.2f s: %s\n", elapsed,
               rs.status().message().c_str());

  auto again = driver.Execute("SELECT 7");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->rows[0][0], "7");
}

TEST_F(MysqlDriverTest, LargeResultArrivesComplete) {
  StarRocksDriver driver(server_->Endpoint());
  const auto start = Clock::now();
  // MariaDB's Sequence engine: seq_1_to_100000 is a virtual table of 1..100000.
  auto rs = driver.Execute(
      "SELECT seq AS n, CONCAT('row-', seq) AS label, IF(seq % 10 = 0, NULL, seq * 2) AS maybe "
      "FROM mysql.seq_1_to_100000 ORDER BY seq");
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  ASSERT_EQ(rs->rows.size(), 100000u);
  EXPECT_EQ(rs->rows.front()[0], "1");
  EXPECT_EQ(rs->rows.back()[0], "100000");
  EXPECT_EQ(rs->rows.back()[1], "row-100000");
  EXPECT_FALSE(rs->rows[9][2].has_value());
  EXPECT_EQ(rs->rows[10][2], "22");
  std::fprintf(stderr, "100k rows x 3 columns in %.3f s\n", elapsed);
}

TEST_F(MysqlDriverTest, EngineNowIsUtcAndCloseToOurClock) {
  StarRocksDriver driver(server_->Endpoint());
  const int64_t before = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  auto now = driver.EngineNowMs();
  const int64_t after = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  ASSERT_TRUE(now.ok()) << now.status().message();
  // Same machine: the engine's UTC time lies within the round trip (1 ms grace for truncation).
  EXPECT_GE(*now, before - 1);
  EXPECT_LE(*now, after + 1);
}

TEST_F(MysqlDriverTest, DatabaseFromTheEndpointIsSelected) {
  StarRocksDriver setup(server_->Endpoint());
  ASSERT_TRUE(setup.Execute("CREATE DATABASE IF NOT EXISTS fb_db").ok());
  auto e =
      MysqlEndpoint::Parse("mysql://root@127.0.0.1:" + std::to_string(server_->port()) + "/fb_db");
  ASSERT_TRUE(e.ok());
  StarRocksDriver driver(*e);
  auto rs = driver.Execute("SELECT DATABASE()");
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  EXPECT_EQ(rs->rows[0][0], "fb_db");
  EXPECT_TRUE(setup.Execute("DROP DATABASE fb_db").ok());
}

TEST_F(MysqlDriverTest, WrongPasswordIsUnavailableWithTheServersReason) {
  MysqlEndpoint e = server_->Endpoint();
  e.password = "wrong";
  StarRocksDriver driver(e);
  auto rs = driver.Execute("SELECT 1");
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(rs.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(rs.status().message().find("Access denied"), std::string::npos)
      << rs.status().message();
  EXPECT_EQ(rs.status().message().find("wrong"), std::string::npos) << "never echo the password";
}

TEST_F(MysqlDriverTest, NothingListeningIsUnavailableQuickly) {
  MysqlEndpoint e = server_->Endpoint();
  e.port = server_->port() + 1;  // nothing of ours listens there
  MysqlOptions opts;
  opts.connect_timeout_s = 2;
  StarRocksDriver driver(e, opts);
  const auto start = Clock::now();
  auto rs = driver.Execute("SELECT 1");
  ASSERT_FALSE(rs.ok());
  EXPECT_TRUE(rs.status().code() == Status::Code::kUnavailable ||
              rs.status().code() == Status::Code::kTimeout)
      << rs.status().message();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 5.0);
}

TEST_F(MysqlDriverTest, ConnectionIsMoveOnlyAndSurvivesAMove) {
  auto c = MysqlConnection::Open(server_->Endpoint(), MysqlOptions{});
  ASSERT_TRUE(c.ok()) << c.status().message();
  MysqlConnection moved = std::move(c).value();
  auto rs = moved.Query("SELECT @@session.time_zone");
  ASSERT_TRUE(rs.ok()) << rs.status().message();
  EXPECT_EQ(rs->rows[0][0], "+00:00");
  static_assert(!std::is_copy_constructible_v<MysqlConnection>);
  static_assert(std::is_nothrow_move_constructible_v<MysqlConnection>);
}

// The CLI path end to end: `freshbench status p6` reaches the server, which
// (being MariaDB) refuses SHOW ROUTINE LOAD; the user gets the server's
// own message on one line and exit code 1.
TEST_F(MysqlDriverTest, StatusCommandReportsTheServerErrorOnOneLine) {
  const std::string url = "mysql://root@127.0.0.1:" + std::to_string(server_->port());
  setenv("FRESHBENCH_STARROCKS", url.c_str(), 1);
  auto r = testing::RunFreshbench({"status", "p6"}, 30);
  unsetenv("FRESHBENCH_STARROCKS");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("freshbench: status p6: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("ERROR 1064 (42000)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

}  // namespace
}  // namespace freshbench
