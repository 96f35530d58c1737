// CurlEasy: a move-only owner of one libcurl easy handle (driven through its
// own multi handle, which keeps the connection alive between calls), plus
// the one call the ClickHouse driver needs (POST a body, collect status and
// body), cancellable by a flag polled every 100 ms.
//
// Thread safety: one CurlEasy per thread. curl_global_init is done once,
// thread-safely, by the first constructor.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <string>

#include "common/status.h"

namespace freshbench {

struct HttpResponse {
  long status = 0;   // HTTP status code
  std::string body;  // complete response body
};

class CurlEasy {
 public:
  CurlEasy();
  ~CurlEasy();
  CurlEasy(CurlEasy&& other) noexcept;
  CurlEasy& operator=(CurlEasy&& other) noexcept;
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  // POSTs `body` to `url` and returns once the whole response has arrived.
  // Fails with kUnavailable when the server cannot be reached, kTimeout
  // when connecting or the whole transfer takes longer than the limits, and
  // kCancelled (the transfer aborted, the connection closed) as soon as
  // `cancel` (may be null) is true: it is checked at least every 100 ms.
  // Any HTTP status is a success here; the caller interprets it.
  Result<HttpResponse> Post(const std::string& url, const std::string& body,
                            long connect_timeout_ms, long timeout_ms,
                            const std::atomic<bool>* cancel = nullptr);

 private:
  void Reset();
  CURL* handle_ = nullptr;
  CURLM* multi_ = nullptr;
};

}  // namespace freshbench
