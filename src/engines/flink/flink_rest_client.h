// FlinkRestClient: the JobManager's REST API, for jobs that are not SQL
// (a jar with a main class, such as Fluss's lake tiering service) and for
// listing and cancelling jobs.
//
// Failures: kUnavailable when the JobManager cannot be reached, kServerError
// with the server's own message for an error answer.
// Thread safety: one client per thread (it owns a libcurl handle).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "engines/flink/http_client.h"

namespace freshbench::flink {

struct FlinkJob {
  std::string id;
  std::string name;
  std::string state;  // RUNNING, FINISHED, CANCELED, FAILED, ...

  // Whether the job still occupies the cluster (not in a terminal state).
  bool Active() const;
};

class FlinkRestClient {
 public:
  // `base_url` like "http://127.0.0.1:8081".
  explicit FlinkRestClient(std::string base_url, HttpLimits limits = {});

  // GET /config -> "flink-version".
  Result<std::string> Version();
  // Task slots free on the cluster now (GET /overview "slots-available").
  Result<int> FreeSlots();
  // GET /jobs/overview.
  Result<std::vector<FlinkJob>> ListJobs();
  // GET /jobs/{id} -> its state ("RUNNING", "CANCELLING", ...).
  Result<std::string> JobState(const std::string& job_id);
  // POST /jars/upload (multipart field "jarfile") -> the jar id to run.
  Result<std::string> UploadJar(const std::string& path);
  // POST /jars/{id}/run with entryClass and programArgsList -> job id.
  Result<std::string> RunJar(const std::string& jar_id, const std::string& entry_class,
                             const std::vector<std::string>& args);
  // DELETE /jars/{id}: the uploaded copy is not needed once the job runs.
  Status DeleteJar(const std::string& jar_id);
  // PATCH /jobs/{id}?mode=cancel. A job already finished is not an error.
  Status CancelJob(const std::string& job_id);

  const std::string& base_url() const { return base_url_; }

 private:
  Result<std::string> JsonOk(Result<HttpReply> reply, const std::string& what);
  std::string base_url_;
  HttpClient http_;
};

}  // namespace freshbench::flink
