#include "engines/inprocess/inprocess_reader.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <optional>

#include "kafka/client_config.h"
#include "kafka/consumer.h"

namespace freshbench::inprocess {
namespace {
int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::mutex g_registry_mu;
std::map<std::string, std::shared_ptr<InProcessReader>>& Registry() {
  static auto* r = new std::map<std::string, std::shared_ptr<InProcessReader>>();
  return *r;
}
}  // namespace

struct InProcessReader::State {
  std::optional<kafka::Consumer> consumer;
};

Result<std::unique_ptr<InProcessReader>> InProcessReader::Start(const ReaderOptions& o) {
  if (o.start_from != "earliest" && o.start_from != "latest") {
    return Status::InvalidArgument("start_from must be earliest or latest, not '" + o.start_from +
                                   "'");
  }
  kafka::ClientConfig conf;
  FB_RETURN_IF_ERROR(conf.Set("bootstrap.servers", o.bootstrap));
  FB_RETURN_IF_ERROR(conf.Set("fetch.wait.max.ms", std::to_string(o.fetch_wait_max_ms)));
  FB_RETURN_IF_ERROR(conf.Set("fetch.min.bytes", "1"));
  // Bounds the prefetch queue (default 64 MiB) so P0 stays small.
  FB_RETURN_IF_ERROR(conf.Set("queued.max.messages.kbytes", "16384"));
  // Catching up on a long backlog, the default 50 MiB fetches inflate RSS.
  FB_RETURN_IF_ERROR(conf.Set("fetch.max.bytes", "8388608"));
  FB_RETURN_IF_ERROR(conf.Set("socket.timeout.ms", std::to_string(o.connect_timeout_ms)));
  auto consumer = kafka::Consumer::Create(std::move(conf));
  if (!consumer.ok()) return consumer.status();
  auto n = consumer->PartitionCount(o.topic, o.connect_timeout_ms);
  if (!n.ok()) return n.status();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(*n);
  for (int p = 0; p < *n; ++p) {
    rd_kafka_topic_partition_list_add(list, o.topic.c_str(), p)->offset =
        o.start_from == "earliest" ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
  }
  rd_kafka_resp_err_t err = rd_kafka_assign(consumer->handle(), list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::ServerError("assign '" + o.topic + "': " + kafka::ErrorText(err));
  }
  std::unique_ptr<InProcessReader> r(new InProcessReader());
  r->state_ = std::make_unique<State>();
  r->state_->consumer.emplace(std::move(consumer).value());
  r->thread_ = std::thread([p = r.get()] { p->Run(); });
  return r;
}

InProcessReader::~InProcessReader() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

std::string InProcessReader::last_error() const {
  std::lock_guard<std::mutex> lock(err_mu_);
  return last_error_;
}

void InProcessReader::Run() {
  kafka::Consumer& c = *state_->consumer;
  while (!stop_.load(std::memory_order_relaxed)) {
    auto m = c.Poll(100);
    if (!m.ok()) {
      std::lock_guard<std::mutex> lock(err_mu_);
      last_error_ = m.status().message();
      continue;
    }
    if (!m->has_value()) continue;
    const kafka::ConsumedMessage& msg = **m;
    const int64_t now = WallMs();
    auto fields = ParseEventFields(msg.value);
    if (!fields) {
      agg_.CountBad();
      continue;
    }
    agg_.Apply(*fields, msg.partition, msg.offset, now);
  }
}

std::string ReaderKey(const std::string& bootstrap, const std::string& topic) {
  return bootstrap + "/" + topic;
}

Status StartShared(const ReaderOptions& options) {
  const std::string key = ReaderKey(options.bootstrap, options.topic);
  std::lock_guard<std::mutex> lock(g_registry_mu);
  if (Registry().count(key)) return Status::Ok();
  auto r = InProcessReader::Start(options);
  if (!r.ok()) return r.status();
  Registry()[key] = std::shared_ptr<InProcessReader>(std::move(r).value());
  return Status::Ok();
}

std::shared_ptr<InProcessReader> FindShared(const std::string& key) {
  std::lock_guard<std::mutex> lock(g_registry_mu);
  auto it = Registry().find(key);
  return it == Registry().end() ? nullptr : it->second;
}

void StopShared(const std::string& key) {
  std::shared_ptr<InProcessReader> r;
  {
    std::lock_guard<std::mutex> lock(g_registry_mu);
    auto it = Registry().find(key);
    if (it == Registry().end()) return;
    r = std::move(it->second);
    Registry().erase(it);
  }
  // Joined here (or by the last driver still holding it), outside the lock.
}

}  // namespace freshbench::inprocess
