#include "kafka/topic_offsets.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <thread>

namespace freshbench {
namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const {
    if (rk != nullptr) rd_kafka_destroy(rk);
  }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const {
    if (l != nullptr) rd_kafka_topic_partition_list_destroy(l);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

Result<KafkaHandle> MakeConsumer(const KafkaTarget& target, const std::string& group) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto set = [&](const char* k, const std::string& v) {
    return rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) == RD_KAFKA_CONF_OK;
  };
  if (!set("bootstrap.servers", target.bootstrap) || !set("enable.auto.commit", "false") ||
      !set("log_level", "0") || (!group.empty() && !set("group.id", group))) {
    rd_kafka_conf_destroy(conf);
    return Status::InvalidArgument(std::string("Kafka client: ") + err);
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::Internal(std::string("Kafka client: ") + err);
  }
  return KafkaHandle(rk);
}

Status KafkaError(rd_kafka_resp_err_t err, const std::string& what, const KafkaTarget& target) {
  std::string msg = what + " (" + target.bootstrap + "): " + rd_kafka_err2str(err);
  if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
      err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    return Status::Unavailable(msg);
  if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
    return Status::NotFound(msg);
  return Status::IoError(msg);
}

// A broker that just started answers these until its offsets topic is
// ready (seconds); they are worth a bounded retry, not a failure.
bool CoordinatorNotReady(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_NOT_COORDINATOR ||
         err == RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS ||
         err == RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE;
}
constexpr int kCoordinatorRetries = 15;  // x 2 s
constexpr auto kCoordinatorRetryWait = std::chrono::seconds(2);

Result<int> PartitionCount(rd_kafka_t* rk, const KafkaTarget& target) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, target.topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, target.timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError(err, "Kafka metadata", target);
  int count = 0;
  rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR_NO_ERROR;
  if (md->topic_cnt == 1) {
    count = md->topics[0].partition_cnt;
    topic_err = md->topics[0].err;
  }
  rd_kafka_metadata_destroy(md);
  if (topic_err != RD_KAFKA_RESP_ERR_NO_ERROR || count == 0)
    return Status::NotFound("Kafka topic '" + target.topic + "' not found on " + target.bootstrap);
  return count;
}

}  // namespace

Result<Watermarks> ReadWatermarks(const KafkaTarget& target) {
  auto rk = MakeConsumer(target, "");
  if (!rk.ok()) return rk.status();
  auto partitions = PartitionCount(rk->get(), target);
  if (!partitions.ok()) return partitions.status();
  Watermarks w;
  for (int p = 0; p < *partitions; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk->get(), target.topic.c_str(), p,
                                                               &low, &high, target.timeout_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError(err, "Kafka watermarks", target);
    w.low.push_back(low);
    w.high.push_back(high);
  }
  return w;
}

Result<std::vector<int64_t>> ReadCommitted(const KafkaTarget& target, const std::string& group,
                                           size_t partitions) {
  auto rk = MakeConsumer(target, group);
  if (!rk.ok()) return rk.status();
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions)));
  for (size_t p = 0; p < partitions; ++p)
    rd_kafka_topic_partition_list_add(list.get(), target.topic.c_str(), static_cast<int32_t>(p));
  rd_kafka_resp_err_t err = rd_kafka_committed(rk->get(), list.get(), target.timeout_ms);
  for (int i = 0; CoordinatorNotReady(err) && i < kCoordinatorRetries; ++i) {
    std::this_thread::sleep_for(kCoordinatorRetryWait);
    err = rd_kafka_committed(rk->get(), list.get(), target.timeout_ms);
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError(err, "Kafka committed offsets", target);
  std::vector<int64_t> out(partitions, -1);
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (e.partition >= 0 && static_cast<size_t>(e.partition) < partitions && e.offset >= 0)
      out[e.partition] = e.offset;
  }
  return out;
}

Status CommitOffsets(const KafkaTarget& target, const std::string& group,
                     const std::vector<int64_t>& offsets) {
  auto rk = MakeConsumer(target, group);
  if (!rk.ok()) return rk.status();
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
  for (size_t p = 0; p < offsets.size(); ++p) {
    rd_kafka_topic_partition_list_add(list.get(), target.topic.c_str(), static_cast<int32_t>(p))
        ->offset = offsets[p];
  }
  rd_kafka_resp_err_t err = rd_kafka_commit(rk->get(), list.get(), /*async=*/0);
  for (int i = 0; CoordinatorNotReady(err) && i < kCoordinatorRetries; ++i) {
    std::this_thread::sleep_for(kCoordinatorRetryWait);
    err = rd_kafka_commit(rk->get(), list.get(), /*async=*/0);
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError(err, "Kafka commit", target);
  for (int i = 0; i < list->cnt; ++i) {
    if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return KafkaError(list->elems[i].err, "Kafka commit", target);
  }
  return Status::Ok();
}

Status DeleteGroup(const KafkaTarget& target, const std::string& group) {
  auto rk = MakeConsumer(target, "");
  if (!rk.ok()) return rk.status();
  rd_kafka_DeleteGroup_t* del = rd_kafka_DeleteGroup_new(group.c_str());
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk->get());
  rd_kafka_AdminOptions_t* options =
      rd_kafka_AdminOptions_new(rk->get(), RD_KAFKA_ADMIN_OP_DELETEGROUPS);
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(options, target.timeout_ms, err, sizeof err);
  rd_kafka_DeleteGroups(rk->get(), &del, 1, options, queue);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, target.timeout_ms + 2000);
  Status result = Status::Ok();
  if (ev == nullptr) {
    result = Status::Timeout("Kafka delete group '" + group + "': no answer");
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    result = KafkaError(rd_kafka_event_error(ev), "Kafka delete group '" + group + "'", target);
  } else {
    const rd_kafka_DeleteGroups_result_t* res = rd_kafka_event_DeleteGroups_result(ev);
    size_t n = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_DeleteGroups_result_groups(res, &n);
    for (size_t i = 0; i < n; ++i) {
      const rd_kafka_error_t* gerr = rd_kafka_group_result_error(groups[i]);
      if (gerr == nullptr) continue;
      rd_kafka_resp_err_t code = rd_kafka_error_code(gerr);
      if (code == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) continue;
      result =
          Status::IoError("Kafka delete group '" + group + "': " + rd_kafka_error_string(gerr));
    }
  }
  if (ev != nullptr) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_DeleteGroup_destroy(del);
  rd_kafka_queue_destroy(queue);
  return result;
}

}  // namespace freshbench
