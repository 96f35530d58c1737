// HttpClient: a move-only owner of one libcurl easy handle with the few
// verbs Flink's REST API and SQL Gateway need (GET, POST JSON, PATCH,
// DELETE, multipart file upload).
//
// Every call returns once the whole response has arrived. It fails with
// kUnavailable when the server cannot be reached and kTimeout when the
// transfer takes longer than the limit; any HTTP status is a success here
// and the caller interprets it.
//
// Thread safety: one HttpClient per thread. curl_global_init runs once,
// thread-safely, on first construction.
#pragma once

#include <string>

#include "common/status.h"

namespace freshbench::flink {

struct HttpReply {
  long status = 0;   // HTTP status code
  std::string body;  // complete response body
};

struct HttpLimits {
  long connect_timeout_ms = 3000;
  long timeout_ms = 60000;  // whole transfer
};

class HttpClient {
 public:
  explicit HttpClient(HttpLimits limits = {});
  ~HttpClient();
  HttpClient(HttpClient&& other) noexcept;
  HttpClient& operator=(HttpClient&& other) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  Result<HttpReply> Get(const std::string& url);
  // Sends `json` with Content-Type: application/json.
  Result<HttpReply> Post(const std::string& url, const std::string& json);
  Result<HttpReply> Patch(const std::string& url);
  Result<HttpReply> Delete(const std::string& url);
  // multipart/form-data upload of the file at `path` as field `field`.
  Result<HttpReply> PostFile(const std::string& url, const std::string& field,
                             const std::string& path);

 private:
  Result<HttpReply> Perform(const std::string& method, const std::string& url,
                            const std::string* json, const std::string* field,
                            const std::string* path);
  void* handle_ = nullptr;  // CURL*
  HttpLimits limits_;
};

}  // namespace freshbench::flink
