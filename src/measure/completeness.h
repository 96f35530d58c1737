// Completeness: what a pattern shows against what the topic holds.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/status.h"
#include "engines/driver.h"

namespace freshbench {

struct Completeness {
  int64_t expected = 0;    // events in the topic between start and end offsets
  int64_t rows = 0;        // rows the pattern shows
  int64_t distinct = 0;    // distinct event_ids among them
  int64_t lost = 0;        // expected - distinct, when positive
  int64_t duplicated = 0;  // rows - distinct
  int64_t unexpected = 0;  // distinct - expected, when positive (rows from elsewhere)

  bool complete() const { return lost == 0 && duplicated == 0 && unexpected == 0; }
};

// Sum over partitions of end - start (a start of -1 counts from 0).
int64_t ExpectedEvents(const std::vector<int64_t>& start, const std::vector<int64_t>& end);

Completeness ComputeCompleteness(int64_t expected, int64_t rows, int64_t distinct);

// The answer of a pattern's `completeness` query (docs/patterns.md): one
// row with total_rows and distinct_event_ids. No row at all (a lake that
// is not ready) counts as 0 and 0. kInvalidArgument when a column is
// missing or not a number.
struct CompletenessCounts {
  int64_t total_rows = 0;
  int64_t distinct_event_ids = 0;
};
Result<CompletenessCounts> ParseCompleteness(const ResultSet& answer);

void to_json(nlohmann::json& j, const Completeness& c);

}  // namespace freshbench
