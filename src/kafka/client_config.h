// ClientConfig: a move-only owner of librdkafka's rd_kafka_conf_t.
//
// Set() passes a property to librdkafka unchanged and, on a bad key or
// value, returns librdkafka's own error text as an InvalidArgument Status
// (as kcat does with -X), so a typo reads the same as in any librdkafka tool.
//
// Thread safety: none; build it on one thread, then hand it to a client.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace freshbench::kafka {

class ClientConfig {
 public:
  ClientConfig();  // librdkafka's defaults
  ~ClientConfig();
  ClientConfig(ClientConfig&& other) noexcept;
  ClientConfig& operator=(ClientConfig&& other) noexcept;
  ClientConfig(const ClientConfig&) = delete;
  ClientConfig& operator=(const ClientConfig&) = delete;

  // Sets one property. Failure: InvalidArgument with librdkafka's message,
  // prefixed by "key=value: ".
  Status Set(std::string_view key, std::string_view value);

  // The current value of `key`, or empty if unset/unknown.
  std::string Get(std::string_view key) const;

  // Gives up ownership (to rd_kafka_new, which takes it on success).
  rd_kafka_conf_t* Release();
  rd_kafka_conf_t* get() const { return conf_; }

 private:
  rd_kafka_conf_t* conf_;
};

// librdkafka's error name and text for an error code, e.g. "Local: Broker transport failure".
std::string ErrorText(rd_kafka_resp_err_t err);

}  // namespace freshbench::kafka
