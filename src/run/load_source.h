// LoadSource: the event stream a benchmark run drives, as the runner needs
// it: start, live totals, marker events with their delivery ack, stop.
// GeneratorLoad adapts the in-process gen::Generator; tests can supply
// their own.
//
// Thread safety: Snapshot() and SendMarker() from any thread; Start() and
// Stop() from the owning thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "gen/generator_options.h"

namespace freshbench {

struct LoadTotals {
  int64_t sent = 0;
  int64_t delivered = 0;
  int64_t failed = 0;
  // A paced generator's: events sent late so far, and how far behind its
  // schedule it is now (nullopt: not a paced generator).
  int64_t late = 0;
  std::optional<double> lag_ms;
};

struct MarkerDelivery {
  std::string event_id;
  int64_t event_time_ms = 0;
  int64_t ack_time_ms = 0;  // harness wall clock at the delivery report
};

class LoadSource {
 public:
  virtual ~LoadSource() = default;
  virtual Status Start() = 0;
  virtual LoadTotals Snapshot() const = 0;
  // Sends one marker event with `event_id` and waits (at most timeout_ms)
  // for its delivery acknowledgement.
  virtual Result<MarkerDelivery> SendMarker(const std::string& event_id, int timeout_ms) = 0;
  // Stops producing and flushes (bounded); returns the final totals.
  virtual LoadTotals Stop() = 0;
  // One line for the run's settings ("kafka 127.0.0.1:9692 transactions").
  virtual std::string Describe() const = 0;
};

// The in-process generator. Fails like gen::Generator::Create.
Result<std::unique_ptr<LoadSource>> MakeGeneratorLoad(const gen::GeneratorOptions& options);

// A random version-4 UUID ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx").
std::string NewUuid();

}  // namespace freshbench
