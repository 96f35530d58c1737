#include "kafka/client_config.h"

#include <utility>

namespace freshbench::kafka {

ClientConfig::ClientConfig() : conf_(rd_kafka_conf_new()) {}

ClientConfig::~ClientConfig() {
  if (conf_ != nullptr) rd_kafka_conf_destroy(conf_);
}

ClientConfig::ClientConfig(ClientConfig&& other) noexcept
    : conf_(std::exchange(other.conf_, nullptr)) {}

ClientConfig& ClientConfig::operator=(ClientConfig&& other) noexcept {
  if (this != &other) {
    if (conf_ != nullptr) rd_kafka_conf_destroy(conf_);
    conf_ = std::exchange(other.conf_, nullptr);
  }
  return *this;
}

Status ClientConfig::Set(std::string_view key, std::string_view value) {
  char errstr[512];
  const std::string k(key), v(value);
  if (rd_kafka_conf_set(conf_, k.c_str(), v.c_str(), errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK) {
    return Status::InvalidArgument(k + "=" + v + ": " + errstr);
  }
  return Status::Ok();
}

std::string ClientConfig::Get(std::string_view key) const {
  char buf[1024];
  size_t size = sizeof(buf);
  if (rd_kafka_conf_get(conf_, std::string(key).c_str(), buf, &size) != RD_KAFKA_CONF_OK) {
    return "";
  }
  return buf;
}

rd_kafka_conf_t* ClientConfig::Release() { return std::exchange(conf_, nullptr); }

std::string ErrorText(rd_kafka_resp_err_t err) { return rd_kafka_err2str(err); }

}  // namespace freshbench::kafka
