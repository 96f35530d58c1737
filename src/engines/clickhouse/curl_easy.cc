#include "engines/clickhouse/curl_easy.h"

#include <mutex>

namespace freshbench {
namespace {

size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

CurlEasy::CurlEasy() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_ = curl_easy_init();
  multi_ = curl_multi_init();
}

void CurlEasy::Reset() {
  if (handle_ != nullptr) curl_easy_cleanup(handle_);
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
  handle_ = nullptr;
  multi_ = nullptr;
}

CurlEasy::~CurlEasy() { Reset(); }

CurlEasy::CurlEasy(CurlEasy&& other) noexcept : handle_(other.handle_), multi_(other.multi_) {
  other.handle_ = nullptr;
  other.multi_ = nullptr;
}

CurlEasy& CurlEasy::operator=(CurlEasy&& other) noexcept {
  if (this != &other) {
    Reset();
    handle_ = other.handle_;
    multi_ = other.multi_;
    other.handle_ = nullptr;
    other.multi_ = nullptr;
  }
  return *this;
}

Result<HttpResponse> CurlEasy::Post(const std::string& url, const std::string& body,
                                    long connect_timeout_ms, long timeout_ms,
                                    const std::atomic<bool>* cancel) {
  if (handle_ == nullptr || multi_ == nullptr)
    return Status::Internal("libcurl could not create a handle");
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = {0};
  // The handle is reused between calls so keep-alive connections are kept;
  // options are set afresh each time.
  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle_, CURLOPT_POST, 1L);
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
  // The multi interface, not curl_easy_perform: its wait is ours to bound,
  // so `cancel` is seen within 100 ms even while no byte arrives.
  CURLcode rc = CURLE_OK;
  bool cancelled = false;
  curl_multi_add_handle(multi_, handle_);
  for (int running = 1; running > 0;) {
    if (cancel != nullptr && cancel->load()) {
      cancelled = true;
      break;
    }
    if (curl_multi_perform(multi_, &running) != CURLM_OK) {
      rc = CURLE_FAILED_INIT;
      break;
    }
    if (running > 0) curl_multi_poll(multi_, nullptr, 0, 100, nullptr);
  }
  if (!cancelled && rc == CURLE_OK) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left))
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == handle_) rc = msg->data.result;
  }
  curl_multi_remove_handle(multi_, handle_);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);
  if (cancelled) {
    // A half-read connection cannot be reused: start the next call afresh.
    CURL* fresh = curl_easy_init();
    curl_easy_cleanup(handle_);
    handle_ = fresh;
    return Status::Cancelled("cancelled (" + url.substr(0, url.find('?')) + " call aborted)");
  }
  if (rc != CURLE_OK) {
    std::string detail = error[0] != '\0' ? error : curl_easy_strerror(rc);
    std::string msg = "cannot reach " + url.substr(0, url.find('?')) + ": " + detail;
    if (rc == CURLE_OPERATION_TIMEDOUT) return Status::Timeout(msg);
    return Status::Unavailable(msg);
  }
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace freshbench
