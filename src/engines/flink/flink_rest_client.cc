#include "engines/flink/flink_rest_client.h"

#include <nlohmann/json.hpp>

#include "engines/flink/gateway_json.h"

namespace freshbench::flink {

using nlohmann::json;

bool FlinkJob::Active() const {
  return state != "FINISHED" && state != "CANCELED" && state != "FAILED" && state != "SUSPENDED";
}

FlinkRestClient::FlinkRestClient(std::string base_url, HttpLimits limits)
    : base_url_(std::move(base_url)), http_(limits) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

Result<std::string> FlinkRestClient::JsonOk(Result<HttpReply> reply, const std::string& what) {
  if (!reply.ok()) return reply.status().WithContext("Flink REST " + what);
  if (reply->status < 200 || reply->status >= 300)
    return ServerErrorFromBody(reply->status, reply->body).WithContext("Flink REST " + what);
  return std::move(reply->body);
}

Result<std::string> FlinkRestClient::Version() {
  auto body = JsonOk(http_.Get(base_url_ + "/config"), "config");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("flink-version"))
    return Status::ServerError("Flink REST config: no flink-version in " + body->substr(0, 120));
  return doc["flink-version"].get<std::string>();
}

Result<int> FlinkRestClient::FreeSlots() {
  auto body = JsonOk(http_.Get(base_url_ + "/overview"), "overview");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("slots-available"))
    return Status::ServerError("Flink REST overview: no slots-available in " + body->substr(0, 120));
  return doc["slots-available"].get<int>();
}

Result<std::vector<FlinkJob>> FlinkRestClient::ListJobs() {
  auto body = JsonOk(http_.Get(base_url_ + "/jobs/overview"), "jobs");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("jobs") || !doc["jobs"].is_array())
    return Status::ServerError("Flink REST jobs: unexpected answer " + body->substr(0, 120));
  std::vector<FlinkJob> jobs;
  for (const json& j : doc["jobs"])
    jobs.push_back({j.value("jid", ""), j.value("name", ""), j.value("state", "")});
  return jobs;
}

Result<std::string> FlinkRestClient::JobState(const std::string& job_id) {
  auto body = JsonOk(http_.Get(base_url_ + "/jobs/" + job_id), "job " + job_id);
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("state") || !doc["state"].is_string())
    return Status::ServerError("Flink REST job " + job_id + ": no state in " +
                               body->substr(0, 120));
  return doc["state"].get<std::string>();
}

Result<std::string> FlinkRestClient::UploadJar(const std::string& path) {
  auto body = JsonOk(http_.PostFile(base_url_ + "/jars/upload", "jarfile", path), "jar upload");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || doc.value("status", "") != "success" || !doc.contains("filename"))
    return Status::ServerError("Flink REST jar upload: " + body->substr(0, 200));
  std::string file = doc["filename"].get<std::string>();
  return file.substr(file.find_last_of('/') + 1);
}

Result<std::string> FlinkRestClient::RunJar(const std::string& jar_id,
                                            const std::string& entry_class,
                                            const std::vector<std::string>& args) {
  json req = {{"entryClass", entry_class}, {"programArgsList", args}};
  auto body = JsonOk(http_.Post(base_url_ + "/jars/" + jar_id + "/run", req.dump()), "jar run");
  if (!body.ok()) return body.status();
  json doc = json::parse(*body, nullptr, false);
  if (!doc.is_object() || !doc.contains("jobid"))
    return Status::ServerError("Flink REST jar run: " + body->substr(0, 200));
  return doc["jobid"].get<std::string>();
}

Status FlinkRestClient::DeleteJar(const std::string& jar_id) {
  auto body = JsonOk(http_.Delete(base_url_ + "/jars/" + jar_id), "jar delete");
  return body.ok() ? Status::Ok() : body.status();
}

Status FlinkRestClient::CancelJob(const std::string& job_id) {
  auto reply = http_.Patch(base_url_ + "/jobs/" + job_id + "?mode=cancel");
  if (!reply.ok()) return reply.status().WithContext("Flink REST cancel " + job_id);
  // 202 accepted; 404 or 409 when it is already gone or terminal.
  if ((reply->status >= 200 && reply->status < 300) || reply->status == 404 || reply->status == 409)
    return Status::Ok();
  return ServerErrorFromBody(reply->status, reply->body).WithContext("Flink REST cancel " + job_id);
}

}  // namespace freshbench::flink
