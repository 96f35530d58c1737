// SqlGatewayClient: Flink's SQL Gateway REST API (v1 paths, JSON rows):
// sessions, statements, and result pages followed until EOS.
//
// Failures: kUnavailable when the gateway cannot be reached, kServerError
// carrying the deepest cause Flink reports, kTimeout when a statement has
// not delivered its last row by the deadline (it is then cancelled),
// kCancelled when InterruptRequested() (common/interrupt.h) or the call's
// own cancel flag is set while it waits (cancelled too; both are checked
// at every poll, at least every max_poll_ms).
// Thread safety: one client per thread (it owns a libcurl handle).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "common/status.h"
#include "engines/driver.h"
#include "engines/flink/http_client.h"

namespace freshbench::flink {

struct StatementResult {
  ResultSet rows;
  std::string job_id;  // empty when the statement ran no job (DDL, SET)
};

struct PollOptions {
  int first_poll_ms = 10;                     // NOT_READY backoff starts here...
  int max_poll_ms = 100;                      // ...and doubles up to here, so a fast query
                                              // is not slowed by the poll interval
  int64_t timeout_ms = 3600 * 1000;           // submit -> last row
  const std::atomic<bool>* cancel = nullptr;  // the caller's flag; may be null
  // Called on timeout or cancel before the operation is cancelled, with the
  // statement's job id when the gateway named one (else empty): the one
  // moment the job's own state can still be asked.
  std::function<void(const std::string& job_id)> before_cancel;
};

class SqlGatewayClient {
 public:
  // `base_url` like "http://127.0.0.1:8083".
  explicit SqlGatewayClient(std::string base_url, HttpLimits limits = {});

  // GET /v1/info -> the Flink version the gateway runs.
  Result<std::string> Version();
  // POST /v1/sessions with these session properties -> session handle.
  Result<std::string> OpenSession(const std::map<std::string, std::string>& properties);
  // DELETE /v1/sessions/{s}. Closing a gone session is not an error.
  Status CloseSession(const std::string& session);
  // Submits `sql` and pages through its result until EOS. A streaming
  // INSERT returns as soon as its job is submitted (one row: the job id).
  // `job_id`, when given, receives the statement's Flink job id as soon as
  // the gateway names it, also when the statement then fails or times out
  // (so the caller can make sure the job is gone).
  Result<StatementResult> Execute(const std::string& session, const std::string& sql,
                                  const PollOptions& poll = {}, std::string* job_id = nullptr);

 private:
  Result<std::string> OkBody(Result<HttpReply> reply, const std::string& what);
  void CloseOperation(const std::string& session, const std::string& op, bool cancel);
  std::string base_url_;
  HttpClient http_;
};

}  // namespace freshbench::flink
