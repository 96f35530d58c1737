// InProcessDriver: the Driver for engine "inprocess" (pattern P0, the
// floor). Its "SQL" is a handful of commands, one per statement, that
// patterns/p0-inprocess/ names:
//
//   START [earliest|latest]  setup: start the shared reader (idempotent)
//   STOP                     teardown: stop it and drop its state
//   Q1 | Q2 | Q3             the benchmark queries, answered from memory
//   SEEN <event_id>          one row (event_id) if a recent event had it, else none
//   COUNTS                   total_rows, distinct_event_ids (distinct offsets read),
//                            duplicated, lost, bad_messages
//
// "Engine time" is this process's wall clock; ServerVersion() checks that
// the Kafka broker answers and reports librdkafka's version.
//
// Thread safety: one driver per thread (Driver's contract); all drivers of
// a process share the reader.
#pragma once

#include <memory>
#include <string>

#include "config/endpoints.h"
#include "engines/driver.h"
#include "engines/engine_info.h"

namespace freshbench::inprocess {

class InProcessDriver : public Driver {
 public:
  explicit InProcessDriver(const Endpoints& endpoints);

  std::string Name() const override { return "inprocess"; }
  Result<std::string> ServerVersion() override;
  // Every command answers from memory at once (START waits for the reader
  // to be assigned its partitions), so `options` is not needed to bound it;
  // a call whose cancel flag is already set fails with kCancelled.
  using Driver::Execute;
  Result<ResultSet> Execute(const std::string& sql, const CallOptions& options) override;
  Result<int64_t> EngineNowMs() override;
  // The engine is this process: its clock is the harness clock itself.
  EngineClock Clock() const override {
    return {true, "the harness's own wall clock (the engine is this process)"};
  }

 private:
  std::string bootstrap_;
  std::string topic_;
};

// The engine `inprocess` (P0): no settings of its own (it reads the
// benchmark's Kafka topic), nothing to start.
EngineInfo InProcessEngine();

}  // namespace freshbench::inprocess
