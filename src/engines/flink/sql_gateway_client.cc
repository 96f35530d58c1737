#include "engines/flink/sql_gateway_client.h"

#include <nlohmann/json.hpp>
#include <thread>

#include "common/interrupt.h"
#include "engines/flink/gateway_json.h"

namespace freshbench::flink {

using nlohmann::json;

SqlGatewayClient::SqlGatewayClient(std::string base_url, HttpLimits limits)
    : base_url_(std::move(base_url)), http_(limits) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Result<std::string> SqlGatewayClient::OkBody(Result<HttpReply> reply, const std::string& what) {
  if (!reply.ok()) return reply.status().WithContext("SQL Gateway " + what);
  if (reply->status < 200 || reply->status >= 300)
    return ServerErrorFromBody(reply->status, reply->body);
  return std::move(reply->body);
}

Result<std::string> SqlGatewayClient::Version() {
  auto body = OkBody(http_.Get(base_url_ + "/v1/info"), "info");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("version"))
    return Status::ServerError("SQL Gateway info: no version in " + body->substr(0, 120));
  return doc["version"].get<std::string>();
}

Result<std::string> SqlGatewayClient::OpenSession(
    const std::map<std::string, std::string>& properties) {
  json req = {{"properties", properties}};
  auto body = OkBody(http_.Post(base_url_ + "/v1/sessions", req.dump()), "open session");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("sessionHandle"))
    return Status::ServerError("SQL Gateway open session: " + body->substr(0, 200));
  return doc["sessionHandle"].get<std::string>();
}

Status SqlGatewayClient::CloseSession(const std::string& session) {
  auto reply = http_.Delete(base_url_ + "/v1/sessions/" + session);
  if (!reply.ok()) return reply.status();
  return Status::Ok();  // 404 and friends: already gone
}

void SqlGatewayClient::CloseOperation(const std::string& session, const std::string& op,
                                      bool cancel) {
  const std::string base = base_url_ + "/v1/sessions/" + session + "/operations/" + op;
  if (cancel) (void)http_.Post(base + "/cancel", "{}");
  (void)http_.Delete(base + "/close");
}

Result<StatementResult> SqlGatewayClient::Execute(const std::string& session,
                                                  const std::string& sql, const PollOptions& poll,
                                                  std::string* job_id) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(poll.timeout_ms);
  json req = {{"statement", sql}};
  auto body = OkBody(http_.Post(base_url_ + "/v1/sessions/" + session + "/statements", req.dump()),
                     "submit");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("operationHandle"))
    return Status::ServerError("SQL Gateway submit: " + body->substr(0, 200));
  const std::string op = doc["operationHandle"].get<std::string>();
  const std::string prefix =
      base_url_ + "/v1/sessions/" + session + "/operations/" + op + "/result/";

  StatementResult out;
  long token = 0;
  int wait_ms = poll.first_poll_ms;
  while (true) {
    const bool own_cancel = poll.cancel != nullptr && poll.cancel->load();
    if (own_cancel || InterruptRequested().load()) {
      if (poll.before_cancel) poll.before_cancel(out.job_id);
      CloseOperation(session, op, true);
      return Status::Cancelled(own_cancel ? "cancelled (statement cancelled)"
                                          : "interrupted (statement cancelled)");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      if (poll.before_cancel) poll.before_cancel(out.job_id);
      CloseOperation(session, op, true);
      const std::string limit = poll.timeout_ms % 1000 == 0
                                    ? std::to_string(poll.timeout_ms / 1000) + " s"
                                    : std::to_string(poll.timeout_ms) + " ms";
      return Status::Timeout("statement did not finish within " + limit + " (cancelled)");
    }
    auto reply = http_.Get(prefix + std::to_string(token) + "?rowFormat=JSON");
    if (!reply.ok()) {
      CloseOperation(session, op, true);
      return reply.status().WithContext("SQL Gateway result");
    }
    if (reply->status < 200 || reply->status >= 300) {
      Status err = ServerErrorFromBody(reply->status, reply->body);
      CloseOperation(session, op, false);
      return err;
    }
    auto page = ParseResultPage(reply->body);
    if (!page.ok()) {
      CloseOperation(session, op, true);
      return page.status();
    }
    if (page->job_id) {
      out.job_id = *page->job_id;
      if (job_id != nullptr) *job_id = out.job_id;
    }
    if (page->type == ResultPage::Type::kEos) break;
    if (page->type == ResultPage::Type::kPayload) {
      if (out.rows.columns.empty()) out.rows.columns = page->columns;
      for (auto& r : page->rows) out.rows.rows.push_back(std::move(r));
      wait_ms = poll.first_poll_ms;
    }
    if (!page->next_uri) break;
    const long next = TokenOf(*page->next_uri);
    if (next < 0) break;
    const bool same = next == token;
    token = next;
    // An empty page means rows are not there yet: back off a little.
    if (page->type == ResultPage::Type::kNotReady || (same || page->rows.empty())) {
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
      wait_ms = std::min(wait_ms * 2, poll.max_poll_ms);
    }
  }
  CloseOperation(session, op, false);
  return out;
}

}  // namespace freshbench::flink
