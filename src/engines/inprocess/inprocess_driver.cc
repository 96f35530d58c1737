#include "engines/inprocess/inprocess_driver.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <sstream>

#include "engines/inprocess/inprocess_reader.h"
#include "kafka/client_config.h"
#include "kafka/consumer.h"

namespace freshbench::inprocess {
namespace {
int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}
}  // namespace

InProcessDriver::InProcessDriver(const Endpoints& e)
    : bootstrap_(e.kafka_bootstrap), topic_(e.topic) {}

EngineInfo InProcessEngine() {
  EngineInfo e;
  e.name = "inprocess";
  e.make = [](const Endpoints& endpoints) -> Result<std::unique_ptr<Driver>> {
    return std::unique_ptr<Driver>(std::make_unique<InProcessDriver>(endpoints));
  };
  return e;
}

Result<std::string> InProcessDriver::ServerVersion() {
  kafka::ClientConfig conf;
  FB_RETURN_IF_ERROR(conf.Set("bootstrap.servers", bootstrap_));
  auto consumer = kafka::Consumer::Create(std::move(conf));
  if (!consumer.ok()) return consumer.status();
  auto n = consumer->PartitionCount(topic_, 5000);
  if (!n.ok()) return Status::Unavailable("Kafka at " + bootstrap_ + ": " + n.status().message());
  return std::string("librdkafka ") + rd_kafka_version_str();
}

Result<int64_t> InProcessDriver::EngineNowMs() { return WallMs(); }

Result<ResultSet> InProcessDriver::Execute(const std::string& sql, const CallOptions& options) {
  if (options.cancel != nullptr && options.cancel->load())
    return Status::Cancelled("inprocess: cancelled before it ran");
  std::istringstream in(sql);
  std::string verb, arg;
  in >> verb >> arg;
  // A trailing ';' belongs to the statement separator, not the command.
  auto strip = [](std::string& s) {
    while (!s.empty() && (s.back() == ';' || std::isspace(static_cast<unsigned char>(s.back()))))
      s.pop_back();
  };
  strip(verb);
  strip(arg);
  verb = Upper(verb);
  const std::string key = ReaderKey(bootstrap_, topic_);
  if (verb == "START") {
    ReaderOptions o;
    o.bootstrap = bootstrap_;
    o.topic = topic_;
    if (!arg.empty()) o.start_from = arg;
    FB_RETURN_IF_ERROR(StartShared(o));
    return ResultSet{};
  }
  if (verb == "STOP") {
    StopShared(key);
    return ResultSet{};
  }
  std::shared_ptr<InProcessReader> reader = FindShared(key);
  const bool known =
      verb == "Q1" || verb == "Q2" || verb == "Q3" || verb == "SEEN" || verb == "COUNTS";
  if (!known) {
    return Status::ServerError("inprocess: unknown command '" + verb +
                               "' (known: START, STOP, Q1, Q2, Q3, SEEN <id>, COUNTS)");
  }
  if (reader == nullptr) {
    return Status::ServerError("inprocess: not set up in this process (run its setup first)");
  }
  const InProcessAggregator& agg = reader->aggregator();
  if (verb == "Q1") return agg.Q1(WallMs());
  if (verb == "Q2") return agg.Q2();
  if (verb == "Q3") return agg.Q3(WallMs());
  if (verb == "SEEN") {
    ResultSet rs;
    rs.columns = {"event_id"};
    if (!arg.empty() && agg.SeenRecently(arg)) rs.rows.push_back({arg});
    return rs;
  }
  CompletenessCounts c = agg.Completeness();
  ResultSet rs;
  rs.columns = {"total_rows", "distinct_event_ids", "duplicated", "lost", "bad_messages"};
  rs.rows.push_back({std::to_string(c.rows), std::to_string(c.distinct),
                     std::to_string(c.duplicated), std::to_string(c.gaps),
                     std::to_string(c.bad_messages)});
  return rs;
}

}  // namespace freshbench::inprocess
