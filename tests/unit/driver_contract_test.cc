// The Driver contract where no server is needed: what each driver says of
// its clock (Clock()), the Execute(sql) convenience, and the HTTP call the
// ClickHouse driver makes, bounded and cancelled against a server that
// never answers (a listening socket nobody reads).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "config/endpoints.h"
#include "engines/clickhouse/clickhouse_driver.h"
#include "engines/clickhouse/curl_easy.h"
#include "engines/flink/flink_driver.h"
#include "engines/inprocess/inprocess_driver.h"
#include "engines/starrocks/starrocks_driver.h"

namespace freshbench {
namespace {

using Clock = std::chrono::steady_clock;

TEST(DriverClockTest, FlinkSaysItsNowIsNotAClock) {
  FlinkDriver flink(FlinkDriverOptions{});
  const EngineClock c = flink.Clock();
  EXPECT_FALSE(c.measurable);
  EXPECT_EQ(c.how, "CURRENT_TIMESTAMP, fixed when Flink plans the query (a plan-time constant, not a clock)");
}

TEST(DriverClockTest, ClickHouseNamesEachClockItCanRead) {
  ClickHouseDriver ch(ClickHouseOptions{});
  // Before the first clock read the source is not chosen yet; every
  // candidate is a clock read at execution.
  EXPECT_TRUE(ch.Clock().measurable);
  EXPECT_EQ(ch.Clock().how, DescribeClickHouseClock(ClickHouseClockSource::kUnknown).how);
  const EngineClock now64 = DescribeClickHouseClock(ClickHouseClockSource::kNow64);
  const EngineClock dict = DescribeClickHouseClock(ClickHouseClockSource::kDictionary);
  const EngineClock secs = DescribeClickHouseClock(ClickHouseClockSource::kSeconds);
  EXPECT_TRUE(now64.measurable && dict.measurable && secs.measurable);
  EXPECT_NE(now64.how.find("now64(3)"), std::string::npos);
  EXPECT_NE(dict.how.find("freshbench_clock"), std::string::npos);
  EXPECT_NE(secs.how.find("whole seconds"), std::string::npos);
}

TEST(DriverClockTest, StarRocksReadsNowAtExecution) {
  StarRocksDriver sr(MysqlEndpoint{});
  EXPECT_TRUE(sr.Clock().measurable);
  EXPECT_NE(sr.Clock().how.find("NOW(3) at execution"), std::string::npos);
  EXPECT_EQ(sr.LastStatementHandle(), "");  // nothing ran yet
}

TEST(DriverClockTest, InProcessIsTheHarnessClock) {
  inprocess::InProcessDriver p0(Endpoints{});
  EXPECT_TRUE(p0.Clock().measurable);
  EXPECT_NE(p0.Clock().how.find("harness"), std::string::npos);
}

// Execute(sql) is Execute(sql, {}); calls through a derived type compile.
class RecordingDriver : public Driver {
 public:
  int64_t seen_timeout = -1;
  const std::atomic<bool>* seen_cancel = reinterpret_cast<const std::atomic<bool>*>(1);
  std::string Name() const override { return "recording"; }
  Result<std::string> ServerVersion() override { return std::string("1"); }
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string&, const CallOptions& options) override {
    seen_timeout = options.timeout_ms;
    seen_cancel = options.cancel;
    return ResultSet{};
  }
  Result<int64_t> EngineNowMs() override { return int64_t{0}; }
};

TEST(DriverContractTest, ExecuteWithoutOptionsPassesTheDefaults) {
  RecordingDriver d;
  ASSERT_TRUE(d.Execute("SELECT 1").ok());
  EXPECT_EQ(d.seen_timeout, 0);
  EXPECT_EQ(d.seen_cancel, nullptr);
  std::atomic<bool> stop{false};
  ASSERT_TRUE(d.Execute("SELECT 1", CallOptions{1500, &stop}).ok());
  EXPECT_EQ(d.seen_timeout, 1500);
  EXPECT_EQ(d.seen_cancel, &stop);
}

// A TCP port that accepts connections (the kernel's backlog) and never
// answers: a server whose query stalls.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(CurlEasyTest, ACancelFlagAbortsAStalledCallWithin100Ms) {
  SilentServer server;
  CurlEasy curl;
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.store(true);
  });
  const auto t0 = Clock::now();
  auto r = curl.Post(server.url(), "SELECT 1", 1000, 30000, &cancel);
  const auto waited = Clock::now() - t0;
  canceller.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCancelled) << r.status().message();
  EXPECT_LT(waited, std::chrono::milliseconds(200 + 400));  // 100 ms poll, a busy machine's slack
  EXPECT_GE(waited, std::chrono::milliseconds(200));
}

TEST(CurlEasyTest, ATimeoutBoundsAStalledCall) {
  SilentServer server;
  CurlEasy curl;
  const auto t0 = Clock::now();
  auto r = curl.Post(server.url(), "SELECT 1", 1000, 300, nullptr);
  const auto waited = Clock::now() - t0;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kTimeout) << r.status().message();
  EXPECT_LT(waited, std::chrono::milliseconds(300 + 700));
}

TEST(CurlEasyTest, AClosedPortIsUnavailable) {
  int port = 0;
  {
    SilentServer gone;
    port = std::stoi(gone.url().substr(std::string("http://127.0.0.1:").size()));
  }
  CurlEasy curl;
  auto r = curl.Post("http://127.0.0.1:" + std::to_string(port) + "/", "SELECT 1", 1000, 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable) << r.status().message();
}

}  // namespace
}  // namespace freshbench
