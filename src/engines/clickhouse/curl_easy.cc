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
}

CurlEasy::~CurlEasy() {
  if (handle_ != nullptr) curl_easy_cleanup(handle_);
}

CurlEasy::CurlEasy(CurlEasy&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }

CurlEasy& CurlEasy::operator=(CurlEasy&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
    handle_ = other.handle_;
    other.handle_ = nullptr;
  }
  return *this;
}

Result<HttpResponse> CurlEasy::Post(const std::string& url, const std::string& body,
                                    long connect_timeout_ms, long timeout_ms) {
  if (handle_ == nullptr) return Status::Internal("libcurl could not create a handle");
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
  CURLcode rc = curl_easy_perform(handle_);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);
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
