#include "kafka/admin.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>

namespace freshbench::kafka {
namespace {

using std::chrono::milliseconds;

struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;

struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;

struct OptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};

void SilentLog(const rd_kafka_t*, int, const char*, const char*) {}

// Waits for the admin result on `queue`; nullptr on timeout.
EventPtr PollResult(rd_kafka_queue_t* queue, milliseconds timeout) {
  return EventPtr(rd_kafka_queue_poll(queue, static_cast<int>(timeout.count()) + 1000));
}

std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> Options(rd_kafka_t* rk,
                                                                 rd_kafka_admin_op_t op,
                                                                 milliseconds timeout) {
  std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> o(rd_kafka_AdminOptions_new(rk, op));
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(o.get(), static_cast<int>(timeout.count()), err,
                                            sizeof err);
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS) {
    rd_kafka_AdminOptions_set_operation_timeout(o.get(), static_cast<int>(timeout.count()), err,
                                                sizeof err);
  }
  return o;
}

// One metadata request; `use` reads the answer before it is freed. All
// topics when `all_topics`: asking for one named topic could auto-create it.
Status ReadMetadata(rd_kafka_t* rk, const std::string& bootstrap, bool all_topics,
                    std::chrono::milliseconds timeout,
                    const std::function<void(const rd_kafka_metadata_t&)>& use) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e =
      rd_kafka_metadata(rk, all_topics ? 1 : 0, nullptr, &md, static_cast<int>(timeout.count()));
  if (e != RD_KAFKA_RESP_ERR_NO_ERROR)
    return Status::Unavailable("kafka at " + bootstrap + ": " + rd_kafka_err2str(e));
  use(*md);
  rd_kafka_metadata_destroy(md);
  return Status::Ok();
}

// `topic` in `md` when the broker answered for it without error, else null.
const rd_kafka_metadata_topic_t* FindTopic(const rd_kafka_metadata_t& md,
                                           const std::string& topic) {
  for (int i = 0; i < md.topic_cnt; ++i)
    if (topic == md.topics[i].topic && md.topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
      return &md.topics[i];
  return nullptr;
}

}  // namespace

void KafkaAdmin::HandleDeleter::operator()(rd_kafka_s* rk) const { rd_kafka_destroy(rk); }

KafkaAdmin::~KafkaAdmin() = default;

Result<KafkaAdmin> KafkaAdmin::Create(const std::string& bootstrap,
                                      const std::map<std::string, std::string>& extra) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  std::map<std::string, std::string> settings = {
      {"bootstrap.servers", bootstrap},
      // Fail fast while a broker is still starting; callers retry.
      {"socket.connection.setup.timeout.ms", "2000"},
      {"reconnect.backoff.ms", "50"},
      {"reconnect.backoff.max.ms", "500"},
      {"allow.auto.create.topics", "false"},
  };
  for (const auto& [k, v] : extra) settings[k] = v;
  for (const auto& [k, v] : settings) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Status::InvalidArgument(std::string("kafka setting ") + k + ": " + err);
    }
  }
  rd_kafka_conf_set_log_cb(conf, &SilentLog);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::InvalidArgument(std::string("kafka client: ") + err);
  }
  KafkaAdmin admin(rk);
  admin.bootstrap_ = bootstrap;
  return admin;
}

Result<int> KafkaAdmin::BrokerCount(milliseconds timeout) {
  int n = 0;
  FB_RETURN_IF_ERROR(ReadMetadata(rk_.get(), bootstrap_, false, timeout,
                                  [&](const rd_kafka_metadata_t& md) { n = md.broker_cnt; }));
  return n;
}

Result<std::vector<int>> KafkaAdmin::BrokerIds(milliseconds timeout) {
  std::vector<int> ids;
  FB_RETURN_IF_ERROR(
      ReadMetadata(rk_.get(), bootstrap_, false, timeout, [&](const rd_kafka_metadata_t& md) {
        for (int i = 0; i < md.broker_cnt; ++i) ids.push_back(md.brokers[i].id);
      }));
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<int>> KafkaAdmin::TopicReplicas(const std::string& topic,
                                                     milliseconds timeout) {
  std::optional<int> replicas;
  FB_RETURN_IF_ERROR(
      ReadMetadata(rk_.get(), bootstrap_, true, timeout, [&](const rd_kafka_metadata_t& md) {
        const rd_kafka_metadata_topic_t* t = FindTopic(md, topic);
        if (t != nullptr && t->partition_cnt > 0) replicas = t->partitions[0].replica_cnt;
      }));
  return replicas;
}

Result<std::optional<int>> KafkaAdmin::TopicPartitions(const std::string& topic,
                                                       milliseconds timeout) {
  std::optional<int> partitions;
  FB_RETURN_IF_ERROR(
      ReadMetadata(rk_.get(), bootstrap_, true, timeout, [&](const rd_kafka_metadata_t& md) {
        if (const rd_kafka_metadata_topic_t* t = FindTopic(md, topic))
          partitions = t->partition_cnt;
      }));
  return partitions;
}

Result<bool> KafkaAdmin::CreateTopic(const TopicSpec& spec, milliseconds timeout) {
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(spec.name.c_str(), spec.partitions,
                                                  spec.replication_factor, err, sizeof err);
  if (nt == nullptr) return Status::InvalidArgument("topic " + spec.name + ": " + err);
  for (const auto& [k, v] : spec.configs) {
    if (rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_NewTopic_destroy(nt);
      return Status::InvalidArgument("topic " + spec.name + ": bad config " + k);
    }
  }
  QueuePtr queue(rd_kafka_queue_new(rk_.get()));
  auto options = Options(rk_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout);
  rd_kafka_CreateTopics(rk_.get(), &nt, 1, options.get(), queue.get());
  rd_kafka_NewTopic_destroy(nt);

  EventPtr ev = PollResult(queue.get(), timeout);
  if (!ev) return Status::Timeout("creating topic " + spec.name + ": no answer from " + bootstrap_);
  if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::Unavailable("creating topic " + spec.name + ": " +
                               rd_kafka_event_error_string(ev.get()));
  }
  const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev.get());
  size_t n = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
    if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) return false;
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* msg = rd_kafka_topic_result_error_string(results[i]);
      return Status::ServerError("creating topic " + spec.name + ": " +
                                 (msg ? msg : rd_kafka_err2str(e)));
    }
  }
  return true;
}

Result<std::string> KafkaAdmin::TopicConfig(const std::string& topic, const std::string& key,
                                            milliseconds timeout) {
  rd_kafka_ConfigResource_t* resource =
      rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  QueuePtr queue(rd_kafka_queue_new(rk_.get()));
  auto options = Options(rk_.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeout);
  rd_kafka_DescribeConfigs(rk_.get(), &resource, 1, options.get(), queue.get());
  rd_kafka_ConfigResource_destroy(resource);

  EventPtr ev = PollResult(queue.get(), timeout);
  if (!ev) return Status::Timeout("describing topic " + topic + ": no answer from " + bootstrap_);
  if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::Unavailable("describing topic " + topic + ": " +
                               rd_kafka_event_error_string(ev.get()));
  }
  const rd_kafka_DescribeConfigs_result_t* res = rd_kafka_event_DescribeConfigs_result(ev.get());
  size_t nres = 0;
  const rd_kafka_ConfigResource_t** resources =
      rd_kafka_DescribeConfigs_result_resources(res, &nres);
  for (size_t i = 0; i < nres; ++i) {
    if (rd_kafka_ConfigResource_error(resources[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Status::NotFound("describing topic " + topic + ": " +
                              rd_kafka_ConfigResource_error_string(resources[i]));
    }
    size_t nconf = 0;
    const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[i], &nconf);
    for (size_t j = 0; j < nconf; ++j) {
      if (key == rd_kafka_ConfigEntry_name(entries[j])) {
        const char* v = rd_kafka_ConfigEntry_value(entries[j]);
        return std::string(v ? v : "");
      }
    }
  }
  return Status::NotFound("topic " + topic + " has no config " + key);
}

}  // namespace freshbench::kafka
