// Process handling of the local stack: spawning, stopping, detaching,
// records, port checks and log tails. Uses /bin/sh and sleep only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "stack/child_process.h"
#include "stack/log_tail.h"
#include "stack/net_probe.h"
#include "stack/process_control.h"
#include "stack/process_record.h"

namespace freshbench::stack {
namespace {

using std::chrono::milliseconds;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/fb_stack_testXXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

ProcessSpec Shell(const std::string& script, const std::string& log) {
  ProcessSpec s;
  s.argv = {"/bin/sh", "-c", script};
  s.log_path = log;
  return s;
}

bool WaitFor(const std::function<bool()>& pred, milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return pred();
}

TEST(ChildProcessTest, RunsWithEnvAndCwdAndLogsOutput) {
  TempDir dir;
  ProcessSpec s =
      Shell("echo \"hello $FB_TEST_VAR from $(pwd)\"; echo oops >&2", dir.path() + "/out.log");
  s.env["FB_TEST_VAR"] = "stack";
  s.cwd = dir.path();
  auto child = ChildProcess::Spawn(s);
  ASSERT_TRUE(child.ok()) << child.status().message();
  auto code = child->Wait(milliseconds(5000));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0);
  std::string log = ReadFile(dir.path() + "/out.log");
  EXPECT_NE(log.find("hello stack from " + dir.path()), std::string::npos) << log;
  EXPECT_NE(log.find("oops"), std::string::npos) << log;
}

TEST(ChildProcessTest, ExitCodeIsReported) {
  TempDir dir;
  auto child = ChildProcess::Spawn(Shell("exit 7", dir.path() + "/out.log"));
  ASSERT_TRUE(child.ok());
  auto code = child->Wait(milliseconds(5000));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 7);
  EXPECT_FALSE(child->Running());
}

TEST(ChildProcessTest, MissingProgramFailsNamingIt) {
  TempDir dir;
  ProcessSpec s;
  s.argv = {"freshbench-no-such-program"};
  s.log_path = dir.path() + "/out.log";
  auto child = ChildProcess::Spawn(s);
  ASSERT_FALSE(child.ok());
  EXPECT_NE(child.status().message().find("freshbench-no-such-program"), std::string::npos);
}

TEST(ChildProcessTest, UnwritableLogFails) {
  auto child = ChildProcess::Spawn(Shell("true", "/nonexistent-dir/x/out.log"));
  ASSERT_FALSE(child.ok());
  EXPECT_NE(child.status().message().find("/nonexistent-dir/x/out.log"), std::string::npos);
}

TEST(ChildProcessTest, StopEndsAProcessThatIgnoresSigterm) {
  TempDir dir;
  // The shell ignores TERM, so Stop must escalate to KILL after the grace period.
  auto child = ChildProcess::Spawn(
      Shell("trap '' TERM; while :; do sleep 0.05; done", dir.path() + "/o.log"));
  ASSERT_TRUE(child.ok());
  pid_t pid = child->pid();
  uint64_t ticks = child->start_ticks();
  EXPECT_TRUE(child->Running());
  EXPECT_TRUE(ProcessAlive(pid, ticks));
  EXPECT_FALSE(ProcessAlive(pid, ticks + 1));  // another process with the same pid
  ASSERT_TRUE(child->Stop(milliseconds(200)).ok());
  EXPECT_FALSE(child->Running());
  EXPECT_FALSE(ProcessAlive(pid, ticks));
}

TEST(ChildProcessTest, DestructorStopsOwnedProcess) {
  TempDir dir;
  pid_t pid;
  uint64_t ticks;
  {
    auto child = ChildProcess::Spawn(Shell("exec sleep 30", dir.path() + "/o.log"));
    ASSERT_TRUE(child.ok());
    pid = child->pid();
    ticks = child->start_ticks();
    ASSERT_TRUE(ProcessAlive(pid, ticks));
  }
  EXPECT_FALSE(ProcessAlive(pid, ticks));
}

TEST(ChildProcessTest, DetachedProcessOutlivesOwnerAndStopsByRecord) {
  TempDir dir;
  pid_t pid;
  uint64_t ticks;
  {
    auto child = ChildProcess::Spawn(Shell("exec sleep 30", dir.path() + "/o.log"));
    ASSERT_TRUE(child.ok());
    pid = child->pid();
    ticks = child->start_ticks();
    child->Detach();
  }
  EXPECT_TRUE(ProcessAlive(pid, ticks));
  ASSERT_TRUE(StopRecordedProcess(pid, ticks, milliseconds(2000)).ok());
  // This test process is still the parent: reap so the zombie disappears.
  EXPECT_TRUE(
      WaitFor([&] { return waitpid(pid, nullptr, WNOHANG) == pid || !ProcessAlive(pid, ticks); },
              milliseconds(2000)));
  EXPECT_FALSE(ProcessAlive(pid, ticks));
  // Stopping something already gone is fine.
  EXPECT_TRUE(StopRecordedProcess(pid, ticks, milliseconds(100)).ok());
}

TEST(ChildProcessTest, ChildInheritsNoDescriptors) {
  TempDir dir;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);  // not CLOEXEC on purpose
  auto child = ChildProcess::Spawn(Shell("ls /proc/self/fd", dir.path() + "/o.log"));
  ASSERT_TRUE(child.ok());
  ASSERT_TRUE(child->Wait(milliseconds(5000)).ok());
  close(fds[0]);
  close(fds[1]);
  // ls itself opens one descriptor for the directory it lists (3).
  std::string log = ReadFile(dir.path() + "/o.log");
  EXPECT_EQ(log, "0\n1\n2\n3\n") << log;
}

TEST(ProcessRecordTest, RoundTripsThroughFile) {
  TempDir dir;
  ProcessRecord r;
  r.pid = 4242;
  r.start_ticks = 123456789;
  r.started_at_ms = 1767323045123;
  r.ports = {9192, 9193};
  r.log_path = "/srv/fb/stack/kafka/logs/server.log";
  const std::string path = dir.path() + "/kafka.pid";
  ASSERT_TRUE(r.WriteFile(path).ok());
  auto back = ProcessRecord::ReadFile(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->pid, 4242);
  EXPECT_EQ(back->start_ticks, 123456789u);
  EXPECT_EQ(back->started_at_ms, 1767323045123);
  EXPECT_EQ(back->ports, (std::vector<int>{9192, 9193}));
  EXPECT_EQ(back->log_path, r.log_path);
}

TEST(ProcessRecordTest, MissingAndBadRecords) {
  EXPECT_EQ(ProcessRecord::ReadFile("/nonexistent/kafka.pid").status().code(),
            Status::Code::kNotFound);
  EXPECT_FALSE(ProcessRecord::FromText("pid=abc\n").ok());
  EXPECT_FALSE(ProcessRecord::FromText("ports=1,2\n").ok());  // no pid
  EXPECT_FALSE(ProcessRecord::FromText("garbage\n").ok());
  EXPECT_TRUE(ProcessRecord::FromText("pid=5\nfuture_key=1\n").ok());
}

TEST(NetProbeTest, PortInUseIsNamed) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(s, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // any free port
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(s, 4), 0);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);

  Status st = CheckPortFree(port, "kafka");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.ExitCode(), 1);
  EXPECT_NE(st.message().find("port " + std::to_string(port) + " (kafka)"), std::string::npos)
      << st.message();
  EXPECT_TRUE(PortAcceptsConnections(port, milliseconds(500)));
  close(s);
  EXPECT_TRUE(CheckPortFree(port, "kafka").ok());
  EXPECT_FALSE(PortAcceptsConnections(port, milliseconds(500)));
  EXPECT_EQ(CheckPortFree(70000, "x").ExitCode(), 2);
}

TEST(LogTailTest, LastNonEmptyLines) {
  TempDir dir;
  const std::string path = dir.path() + "/x.log";
  {
    std::ofstream out(path);
    for (int i = 1; i <= 100; ++i) out << "line " << i << "\n\n";
  }
  EXPECT_EQ(LastLines(path, 3), "line 98\nline 99\nline 100");
  EXPECT_EQ(LastLines(dir.path() + "/missing.log", 3), "");
}

}  // namespace
}  // namespace freshbench::stack
