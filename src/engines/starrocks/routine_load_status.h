// RoutineLoadStatus: a StarRocks Routine Load job's state and lag, read from
// the answer of SHOW ROUTINE LOAD FOR <db>.<job> (P6's status.sql).
//
// Lag per Kafka partition is LatestSourcePosition (the partition's end
// offset) minus the next offset to consume (Progress + 1); a partition whose
// progress is still a symbolic start (OFFSET_BEGINNING ...) has unknown lag.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "engines/driver.h"

namespace freshbench {

struct RoutineLoadPartition {
  std::optional<int64_t> consumed_offset;  // last offset loaded (Progress)
  std::optional<int64_t> end_offset;       // LatestSourcePosition
  std::optional<int64_t>
      consumed_time_ms;                 // TimestampProgress: event time of the last loaded message
  std::optional<int64_t> lag_messages;  // end - (consumed + 1), never negative
};

struct RoutineLoadStatus {
  std::string name;
  std::string database;
  std::string table;
  std::string state;  // NEED_SCHEDULE, RUNNING, PAUSED, UNSTABLE, STOPPED, CANCELLED
  int64_t loaded_rows = 0;
  int64_t error_rows = 0;
  int64_t load_rows_rate = 0;  // rows/s as StarRocks reports it
  std::string reason;          // ReasonOfStateChanged (why PAUSED/CANCELLED)
  std::string error_log_url;   // ErrorLogUrls
  std::map<int, RoutineLoadPartition> partitions;

  // Sum of the known per-partition lags; nullopt when none is known.
  std::optional<int64_t> TotalLag() const;
  // Oldest consumed_time_ms over the partitions (how far behind the
  // slowest partition is); nullopt when none is known.
  std::optional<int64_t> OldestConsumedTimeMs() const;

  // Reads the first row of a SHOW ROUTINE LOAD answer. Fails with
  // kNotFound when there is no row, kInternal when a JSON column does not
  // parse (the message quotes the column).
  static Result<RoutineLoadStatus> FromShowRoutineLoad(const ResultSet& rs);
};

}  // namespace freshbench
