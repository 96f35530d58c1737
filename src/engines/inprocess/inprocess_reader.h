// InProcessReader: P0's ingestion path: one librdkafka consumer thread that
// reads every partition of the topic and feeds an InProcessAggregator.
//
// Readers are shared per (bootstrap, topic) in a process-wide registry, so
// every InProcessDriver of one process (one per thread) answers from the
// same state: StartShared() is P0's setup, StopShared() its teardown.
//
// Thread safety: all functions and the aggregator may be used from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "engines/inprocess/inprocess_aggregator.h"

namespace freshbench::inprocess {

struct ReaderOptions {
  std::string bootstrap;           // host:port of a broker
  std::string topic = "transactions";
  std::string start_from = "earliest";  // earliest | latest: where in each partition to begin
  int connect_timeout_ms = 8000;   // metadata lookup at start
  int fetch_wait_max_ms = 10;      // broker-side wait when no data: bounds idle latency
};

class InProcessReader {
 public:
  // Connects, assigns every partition and starts the consumer thread.
  // Failure: InvalidArgument (bad start_from), Unavailable/NotFound/Timeout
  // (broker or topic).
  static Result<std::unique_ptr<InProcessReader>> Start(const ReaderOptions& options);
  ~InProcessReader();  // stops and joins the thread
  InProcessReader(const InProcessReader&) = delete;
  InProcessReader& operator=(const InProcessReader&) = delete;

  const InProcessAggregator& aggregator() const { return agg_; }
  // The last consume error ("" if none); the thread keeps going after one.
  std::string last_error() const;

 private:
  InProcessReader() = default;
  void Run();

  struct State;
  std::unique_ptr<State> state_;
  InProcessAggregator agg_;
  std::atomic<bool> stop_{false};
  mutable std::mutex err_mu_;
  std::string last_error_;
  std::thread thread_;
};

// The registry key of a reader.
std::string ReaderKey(const std::string& bootstrap, const std::string& topic);
// Starts the shared reader for options' key unless it already runs.
Status StartShared(const ReaderOptions& options);
// The running shared reader, or null.
std::shared_ptr<InProcessReader> FindShared(const std::string& key);
// Stops and forgets the shared reader (no-op when none runs).
void StopShared(const std::string& key);

}  // namespace freshbench::inprocess
