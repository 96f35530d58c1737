// The local stack against real engines: `stack up` (started by
// scripts/test.sh, or here when run alone) brings up Kafka and ClickHouse,
// twice is fine, the topic is as the seed defines it, and a port in use or
// a component that fails to start leaves nothing running.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "config/endpoints.h"
#include "integration_env.h"
#include "kafka/admin.h"
#include "stack/net_probe.h"
#include "stack/process_control.h"
#include "stack/process_record.h"

namespace freshbench::testing {
namespace {

using std::chrono::milliseconds;
namespace fs = std::filesystem;

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

int CountLines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// Sets environment variables for the freshbench processes a test runs and
// restores them afterwards.
class ScopedEnv {
 public:
  void Set(const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_.push_back({name, old ? std::optional<std::string>(old) : std::nullopt});
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second)
        setenv(it->first.c_str(), it->second->c_str(), 1);
      else
        unsetenv(it->first.c_str());
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// A listening socket on 127.0.0.1:port, closed on destruction.
class Listener {
 public:
  explicit Listener(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ok_ = bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && listen(fd_, 4) == 0;
  }
  ~Listener() { close(fd_); }
  bool ok() const { return ok_; }

 private:
  int fd_ = -1;
  bool ok_ = false;
};

std::string TempHome() {
  char tmpl[] = "/tmp/fb_stack_itXXXXXX";
  return mkdtemp(tmpl);
}

// An offset, away from the one under test, whose Kafka and ClickHouse ports are all free.
int FreeOffset(int base) {
  for (int off = base + 37; off < base + 37 + 40 * 50; off += 50) {
    bool free = true;
    for (int p : {9092, 9093, 8123, 9000})
      free = free && stack::CheckPortFree(p + off, "probe").ok();
    if (free) return off;
  }
  return -1;
}

class StackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Idempotent: a no-op when scripts/test.sh started the stack already.
    auto r = RunFreshbench({"stack", "up"}, 240);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  Endpoints ep_ = Endpoints::FromEnvironment();
};

TEST_F(StackTest, UpTwiceIsFineAndStatusReportsBoth) {
  auto again = RunFreshbench({"stack", "up"}, 120);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(Has(again.out, "kafka: already running")) << again.out;
  EXPECT_TRUE(Has(again.out, "clickhouse: already running")) << again.out;
  EXPECT_TRUE(again.err.empty()) << again.err;

  auto status = RunFreshbench({"stack", "status"}, 60);
  ASSERT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_TRUE(Has(status.out, "kafka       running")) << status.out;
  EXPECT_TRUE(Has(status.out,
                  "port " + std::to_string(ep_.Port(9092)) + "," + std::to_string(ep_.Port(9093))))
      << status.out;
  EXPECT_TRUE(Has(status.out, "clickhouse  running")) << status.out;
  EXPECT_TRUE(Has(status.out,
                  "port " + std::to_string(ep_.Port(8123)) + "," + std::to_string(ep_.Port(9000))))
      << status.out;
  EXPECT_TRUE(Has(status.out, "since ")) << status.out;
  EXPECT_TRUE(Has(status.out, "version 18.16") || Has(status.out, "version ")) << status.out;
}

TEST_F(StackTest, TopicHasTwelvePartitionsAndOneDayRetention) {
  auto admin = kafka::KafkaAdmin::Create("127.0.0.1:" + std::to_string(ep_.Port(9092)));
  ASSERT_TRUE(admin.ok()) << admin.status().message();
  auto brokers = admin->BrokerCount(milliseconds(5000));
  ASSERT_TRUE(brokers.ok()) << brokers.status().message();
  EXPECT_EQ(*brokers, 1);
  auto partitions = admin->TopicPartitions(ep_.topic, milliseconds(5000));
  ASSERT_TRUE(partitions.ok()) << partitions.status().message();
  ASSERT_TRUE(partitions->has_value()) << "topic " << ep_.topic << " missing";
  EXPECT_EQ(**partitions, 12);
  auto retention = admin->TopicConfig(ep_.topic, "retention.ms", milliseconds(5000));
  ASSERT_TRUE(retention.ok()) << retention.status().message();
  EXPECT_EQ(*retention, "86400000");
}

TEST_F(StackTest, ClickHouseAnswersOnLoopbackInUtc) {
  const std::string url = "http://127.0.0.1:" + std::to_string(ep_.Port(8123));
  auto ping = stack::HttpGet(url + "/ping", milliseconds(3000));
  ASSERT_TRUE(ping.ok()) << ping.status().message();
  EXPECT_EQ(*ping, "Ok.\n");
  auto tz = stack::HttpGet(url + "/?query=SELECT%20timezone()", milliseconds(3000));
  ASSERT_TRUE(tz.ok()) << tz.status().message();
  EXPECT_TRUE(Has(*tz, "UTC")) << *tz;
}

TEST_F(StackTest, PortInUseIsOneLineAndStartsNothing) {
  const int off = FreeOffset(ep_.port_offset);
  ASSERT_GT(off, 0) << "no free offset found";
  // Take ClickHouse's HTTP port: Kafka comes first in start order, so this
  // also shows that ports are checked before anything starts.
  const int taken = 8123 + off;
  Listener listener(taken);
  ASSERT_TRUE(listener.ok());
  const std::string home = TempHome();
  ScopedEnv env;
  env.Set("FRESHBENCH_PORT_OFFSET", std::to_string(off));
  env.Set("FRESHBENCH_HOME", home);

  auto r = RunFreshbench({"stack", "up"}, 60);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
  EXPECT_TRUE(Has(r.err, "freshbench: ")) << r.err;
  EXPECT_TRUE(Has(r.err, "port " + std::to_string(taken))) << r.err;
  EXPECT_TRUE(Has(r.err, "in use")) << r.err;
  EXPECT_FALSE(Has(r.out, "kafka: starting")) << r.out;
  EXPECT_TRUE(stack::CheckPortFree(9092 + off, "kafka").ok());

  auto status = RunFreshbench({"stack", "status"}, 30);
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_TRUE(Has(status.out, "kafka       stopped")) << status.out;
  fs::remove_all(home);
}

TEST_F(StackTest, FailedComponentStopsWhatThisUpStarted) {
  const int off = FreeOffset(ep_.port_offset + 20);
  ASSERT_GT(off, 0) << "no free offset found";
  const std::string home = TempHome();
  // Kafka gets the real jars; ClickHouse cannot write its config (a
  // directory sits where the file goes), so it fails after Kafka is up.
  fs::create_directories(home + "/jvm");
  fs::create_symlink(fs::absolute(ep_.home) / "jvm" / "kafka", home + "/jvm/kafka");
  fs::create_directories(home + "/stack/clickhouse/config/config.xml");
  ScopedEnv env;
  env.Set("FRESHBENCH_PORT_OFFSET", std::to_string(off));
  env.Set("FRESHBENCH_HOME", home);

  auto r = RunFreshbench({"stack", "up"}, 180);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(Has(r.err, "freshbench: stack: clickhouse: ")) << r.err;
  EXPECT_TRUE(Has(r.out, "kafka: running")) << r.out;
  EXPECT_TRUE(Has(r.out, "kafka: stopping")) << r.out;
  EXPECT_FALSE(fs::exists(home + "/stack/kafka/kafka.pid"));
  EXPECT_TRUE(stack::CheckPortFree(9092 + off, "kafka").ok());
  EXPECT_TRUE(stack::CheckPortFree(9093 + off, "kafka controller").ok());

  auto down = RunFreshbench({"stack", "down", "--purge"}, 60);
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_FALSE(fs::exists(home + "/stack"));
  fs::remove_all(home);
}

}  // namespace
}  // namespace freshbench::testing
