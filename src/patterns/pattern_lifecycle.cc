#include "patterns/pattern_lifecycle.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "engines/driver_registry.h"
#include "measure/start_offsets.h"
#include "kafka/topic_offsets.h"
#include "patterns/sql_template.h"

namespace freshbench {
namespace {

std::string FirstLine(const std::string& sql) {
  std::string line = sql.substr(0, sql.find('\n'));
  return line.size() > 60 ? line.substr(0, 57) + "..." : line;
}

Status RunAll(Driver& driver, const std::vector<std::string>& statements, const std::string& what) {
  for (size_t i = 0; i < statements.size(); ++i) {
    auto rs = driver.Execute(statements[i]);
    if (!rs.ok()) {
      return rs.status().WithContext(what + ": statement " + std::to_string(i + 1) + " (" +
                                     FirstLine(statements[i]) + ")");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> IngestJobName(const BoundPattern& bound, const FlinkJobSpec& job) {
  return SubstitutePlaceholders(job.name, bound.resolution().values, "ingest_jobs name");
}

Status ForgetKafkaGroup(const BoundPattern& bound, const Endpoints& endpoints) {
  auto group = bound.KafkaGroup();
  if (!group) return Status::Ok();
  const KafkaTarget target{endpoints.kafka_bootstrap, endpoints.topic};
  Status st;
  for (int attempt = 0; attempt < 20; ++attempt) {
    st = DeleteGroup(target, *group);
    if (st.ok() || st.code() == Status::Code::kUnavailable) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  std::error_code ec;
  std::filesystem::remove(StartOffsetsPath(endpoints.home, bound.pattern().id), ec);
  return st;
}

Result<LifecycleSummary> SetUpPattern(BoundPattern& bound, const Endpoints& endpoints) {
  const std::vector<FlinkJobSpec>& jobs = bound.pattern().ingest_jobs;
  LifecycleSummary sum;
  auto statements = bound.SetupStatements();
  if (!statements.ok()) return statements.status();
  FB_RETURN_IF_ERROR(RunAll(bound.driver(), *statements, "setup"));
  sum.statements = statements->size();
  if (jobs.empty()) return sum;
  auto flink = MakeDriver("flink", endpoints);
  if (!flink.ok()) return flink.status().WithContext("flink job");
  for (const FlinkJobSpec& job : jobs) {
    auto name = IngestJobName(bound, job);
    if (!name.ok()) return name.status();
    ++sum.flink_jobs;
    // Running already (setup run twice, or a shared job): leave it be.
    auto running = (*flink)->JobRunning(*name);
    if (!running.ok()) return running.status().WithContext("flink job " + *name);
    if (*running) continue;
    auto job_statements = ReadStatements(bound.pattern(), job.sql, bound.resolution().values);
    if (!job_statements.ok()) return job_statements.status();
    FB_RETURN_IF_ERROR(RunAll(**flink, *job_statements, "flink job " + *name));
  }
  return sum;
}

Result<LifecycleSummary> TearDownPattern(BoundPattern& bound, const Endpoints& endpoints) {
  LifecycleSummary sum;
  const std::vector<FlinkJobSpec>& jobs = bound.pattern().ingest_jobs;
  if (!jobs.empty()) {
    std::vector<std::string> names;
    for (const FlinkJobSpec& job : jobs) {
      auto name = IngestJobName(bound, job);
      if (!name.ok()) return name.status();
      names.push_back(*name);
    }
    auto flink = MakeDriver("flink", endpoints);
    if (!flink.ok()) return flink.status().WithContext("flink job");
    FB_RETURN_IF_ERROR(
        (*flink)->CancelJobs(names, CallOptions{}).WithContext("teardown: flink jobs"));
    sum.flink_jobs = jobs.size();
  }
  auto statements = bound.TeardownStatements();
  if (!statements.ok()) return statements.status();
  FB_RETURN_IF_ERROR(RunAll(bound.driver(), *statements, "teardown"));
  sum.statements = statements->size();
  return sum;
}

}  // namespace freshbench
