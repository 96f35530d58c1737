#include "engines/flink/http_client.h"

#include <curl/curl.h>

#include <mutex>
#include <utility>

namespace freshbench::flink {
namespace {

size_t AppendBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

HttpClient::HttpClient(HttpLimits limits) : limits_(limits) {
  GlobalInitOnce();
  handle_ = curl_easy_init();
}

HttpClient::~HttpClient() {
  if (handle_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(handle_));
}

HttpClient::HttpClient(HttpClient&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), limits_(other.limits_) {}

HttpClient& HttpClient::operator=(HttpClient&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(handle_));
    handle_ = std::exchange(other.handle_, nullptr);
    limits_ = other.limits_;
  }
  return *this;
}

Result<HttpReply> HttpClient::Get(const std::string& url) {
  return Perform("GET", url, nullptr, nullptr, nullptr);
}
Result<HttpReply> HttpClient::Post(const std::string& url, const std::string& json) {
  return Perform("POST", url, &json, nullptr, nullptr);
}
Result<HttpReply> HttpClient::Patch(const std::string& url) {
  return Perform("PATCH", url, nullptr, nullptr, nullptr);
}
Result<HttpReply> HttpClient::Delete(const std::string& url) {
  return Perform("DELETE", url, nullptr, nullptr, nullptr);
}
Result<HttpReply> HttpClient::PostFile(const std::string& url, const std::string& field,
                                       const std::string& path) {
  return Perform("POST", url, nullptr, &field, &path);
}

Result<HttpReply> HttpClient::Perform(const std::string& method, const std::string& url,
                                      const std::string* json, const std::string* field,
                                      const std::string* path) {
  CURL* h = static_cast<CURL*>(handle_);
  if (h == nullptr) return Status::Internal("libcurl could not create a handle");
  curl_easy_reset(h);
  HttpReply reply;
  curl_slist* headers = nullptr;
  curl_mime* mime = nullptr;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, limits_.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, limits_.timeout_ms);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  if (json != nullptr) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, json->c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(json->size()));
  } else if (field != nullptr && path != nullptr) {
    mime = curl_mime_init(h);
    curl_mimepart* part = curl_mime_addpart(mime);
    curl_mime_name(part, field->c_str());
    curl_mime_filedata(part, path->c_str());
    curl_mime_type(part, "application/x-java-archive");
    curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
  } else if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
  }
  if (method != "GET" && method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  CURLcode rc = curl_easy_perform(h);
  if (headers != nullptr) curl_slist_free_all(headers);
  if (mime != nullptr) curl_mime_free(mime);
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return Status::Timeout(method + " " + url + ": no complete answer within " +
                           std::to_string(limits_.timeout_ms) + " ms");
  }
  if (rc == CURLE_READ_ERROR || rc == CURLE_FILE_COULDNT_READ_FILE) {
    return Status::IoError("cannot read " + (path ? *path : url) + ": " + curl_easy_strerror(rc));
  }
  if (rc != CURLE_OK) {
    return Status::Unavailable(method + " " + url + ": " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace freshbench::flink
