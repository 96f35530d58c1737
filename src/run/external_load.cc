#include "run/external_load.h"

#include <chrono>
#include <thread>

#include "gen/clock.h"
#include "gen/event_source.h"
#include "gen/fast_random.h"
#include "gen/generator_options.h"
#include "gen/json_encoder.h"
#include "gen/kafka_sink.h"
#include "kafka/producer.h"
#include "kafka/topic_offsets.h"

namespace freshbench {
namespace {

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// One marker in flight: filled by the delivery report.
struct ExternalLoad::Marker {
  bool done = false;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  int64_t ack_time_ms = 0;
};

struct ExternalLoad::ProducerState : kafka::DeliveryHandler {
  kafka::Producer producer;
  rd_kafka_topic_t* topic = nullptr;
  gen::EventSource source{gen::RandomSeed(), 0, gen::RandomSeed()};
  gen::JsonEncoder encoder;

  void OnDelivery(const rd_kafka_message_t& msg) override {
    auto* m = static_cast<Marker*>(msg._private);
    if (m == nullptr) return;
    m->err = msg.err;
    m->ack_time_ms = gen::WallClockMs();
    m->done = true;
  }
};

ExternalLoad::ExternalLoad(ExternalLoadOptions options) : options_(std::move(options)) {}

ExternalLoad::~ExternalLoad() {
  if (producer_ && producer_->producer.valid()) {
    if (!producer_->producer.Flush(1000)) producer_->producer.Purge();
  }
}

Result<std::unique_ptr<ExternalLoad>> ExternalLoad::Create(ExternalLoadOptions options) {
  if (options.bootstrap.empty())
    return Status::InvalidArgument("external load: no Kafka bootstrap servers");
  if (options.topic.empty()) return Status::InvalidArgument("external load: no topic");
  // The generator's producer settings, tuned for single events: no linger.
  gen::GeneratorOptions go;
  go.bootstrap = options.bootstrap;
  go.topic = options.topic;
  go.linger_ms = 0;
  go.kafka_config = options.kafka_config;
  auto conf = gen::BuildProducerConfig(go);
  if (!conf.ok()) return conf.status();
  if (Status s = conf->Set("client.id", "freshbench-markers"); !s.ok()) return s;

  std::unique_ptr<ExternalLoad> load(new ExternalLoad(std::move(options)));
  load->producer_ = std::make_unique<ProducerState>();
  auto producer = kafka::Producer::Create(std::move(*conf), load->producer_.get());
  if (!producer.ok()) return producer.status();
  load->producer_->producer = std::move(*producer);
  auto partitions =
      load->producer_->producer.WaitForTopic(load->options_.topic, load->options_.timeout_ms);
  if (!partitions.ok()) return partitions.status();
  auto topic = load->producer_->producer.Topic(load->options_.topic);
  if (!topic.ok()) return topic.status();
  load->producer_->topic = *topic;
  return load;
}

Status ExternalLoad::Refresh(int timeout_ms) const {
  KafkaTarget target{options_.bootstrap, options_.topic, timeout_ms};
  auto w = ReadWatermarks(target);
  if (!w.ok()) return w.status();
  int64_t received = 0;
  for (size_t p = 0; p < w->high.size(); ++p) {
    // A partition added after Start() started empty.
    const int64_t from = p < start_high_.size() ? start_high_[p] : 0;
    if (w->high[p] > from) received += w->high[p] - from;
  }
  std::lock_guard<std::mutex> lock(totals_mu_);
  totals_ = LoadTotals{received, received, 0};
  last_read_ms_ = SteadyMs();
  return Status::Ok();
}

Status ExternalLoad::Start() {
  if (started_) return Status::Internal("external load already started");
  KafkaTarget target{options_.bootstrap, options_.topic, options_.timeout_ms};
  auto w = ReadWatermarks(target);
  if (!w.ok()) return w.status();
  start_high_ = w->high;
  {
    std::lock_guard<std::mutex> lock(totals_mu_);
    totals_ = LoadTotals{};
    last_read_ms_ = SteadyMs();
  }
  started_ = true;
  return Status::Ok();
}

LoadTotals ExternalLoad::Snapshot() const {
  if (!started_) return LoadTotals{};
  bool due = false;
  {
    std::lock_guard<std::mutex> lock(totals_mu_);
    due = !stopped_ && SteadyMs() - last_read_ms_ >= options_.snapshot_interval_ms;
  }
  if (due) (void)Refresh(options_.snapshot_timeout_ms);  // on failure the last totals stand
  std::lock_guard<std::mutex> lock(totals_mu_);
  return totals_;
}

Result<MarkerDelivery> ExternalLoad::SendMarker(const std::string& event_id, int timeout_ms) {
  if (!gen::IsUuidText(event_id))
    return Status::InvalidArgument("marker event_id '" + event_id + "' is not a UUID");
  std::lock_guard<std::mutex> lock(marker_mu_);
  if (!started_ || stopped_) return Status::Unavailable("external load is not running");
  ProducerState& ps = *producer_;
  gen::Event ev;
  ps.source.Next(&ev);
  std::copy(event_id.begin(), event_id.end(), ev.event_id.begin());
  char value[gen::kMaxEncodedEventSize];
  char key[gen::kMaxEncodedKeySize];
  Marker marker;
  const int64_t give_up = SteadyMs() + timeout_ms;
  while (true) {
    ev.event_time_ms = gen::WallClockMs();
    const size_t n = ps.encoder.Encode(ev, value);
    const size_t kn = gen::JsonEncoder::EncodeKey(ev.user_id, key);
    rd_kafka_resp_err_t e = ps.producer.Produce(ps.topic, std::string_view(key, kn),
                                                std::string_view(value, n), &marker);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
    if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || SteadyMs() > give_up)
      return Status::Unavailable("marker " + event_id + ": " + kafka::ErrorText(e));
    ps.producer.Poll(10);
  }
  const int64_t event_time_ms = ev.event_time_ms;
  while (!marker.done) {
    if (SteadyMs() > give_up) {
      // The report must not reach `marker` once this frame is gone.
      ps.producer.Purge();
      for (int i = 0; i < 100 && !marker.done; ++i) ps.producer.Poll(10);
      if (!marker.done || marker.err == RD_KAFKA_RESP_ERR__PURGE_QUEUE ||
          marker.err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
        return Status::Timeout("marker " + event_id + " not acknowledged within " +
                               std::to_string(timeout_ms) + " ms");
      break;
    }
    ps.producer.Poll(5);
  }
  if (marker.err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Status::ServerError("marker " + event_id + ": " + kafka::ErrorText(marker.err));
  return MarkerDelivery{event_id, event_time_ms, marker.ack_time_ms};
}

LoadTotals ExternalLoad::Stop() {
  if (!started_) return LoadTotals{};
  if (stopped_) {
    std::lock_guard<std::mutex> lock(totals_mu_);
    return totals_;
  }
  {
    std::lock_guard<std::mutex> lock(marker_mu_);
    if (!producer_->producer.Flush(options_.timeout_ms)) producer_->producer.Purge();
  }
  // The final offsets: a few tries, then the last totals read.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (Refresh(options_.timeout_ms).ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  std::lock_guard<std::mutex> lock(totals_mu_);
  stopped_ = true;
  return totals_;
}

std::string ExternalLoad::Describe() const {
  return "external load on " + options_.bootstrap + " " + options_.topic;
}

}  // namespace freshbench
