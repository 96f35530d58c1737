// Setting a pattern up and tearing it down: its engine's statements plus
// the Flink jobs its pattern.yaml declares (`ingest_jobs:`). One place
// for `freshbench setup`, `freshbench teardown` and `freshbench run`.
// Placing Kafka start offsets stays with the callers (`run` places them
// differently from `setup`); forgetting the group afterwards is shared.
//
// Thread safety: none; uses the BoundPattern's driver.
#pragma once

#include <string>

#include "common/status.h"
#include "config/endpoints.h"
#include "patterns/bound_pattern.h"

namespace freshbench {

struct LifecycleSummary {
  size_t statements = 0;  // engine statements run
  size_t flink_jobs = 0;  // Flink jobs submitted (or found running) / cancelled
};

// Runs every setup statement, then submits each ingest job (its SQL on the
// Flink driver) unless the driver says a job of that name is running
// (Driver::JobRunning). Failure names the statement (number and first line).
Result<LifecycleSummary> SetUpPattern(BoundPattern& bound, const Endpoints& endpoints);

// Cancels the pattern's ingest jobs by name (Driver::CancelJobs), then runs
// every teardown statement.
Result<LifecycleSummary> TearDownPattern(BoundPattern& bound, const Endpoints& endpoints);

// Deletes the pattern's consumer group (if it declares one) and its saved
// start offsets. Retries while the engine's consumers are still leaving the
// group (the broker refuses to delete a group with members).
Status ForgetKafkaGroup(const BoundPattern& bound, const Endpoints& endpoints);

// The name (pipeline.name) of one ingest job with the pattern's values.
Result<std::string> IngestJobName(const BoundPattern& bound, const FlinkJobSpec& job);

}  // namespace freshbench
