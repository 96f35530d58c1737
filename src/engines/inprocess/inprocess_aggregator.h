// InProcessAggregator: P0's whole "engine": the aggregates Q1-Q3 need, kept
// in memory as events arrive, so every query is answered from a few small
// maps in microseconds.
//
//   Q1: per region count/sum/avg over the last hour (per-second buckets, so
//       "the last hour" is exact to the second)
//   Q2: per one-minute window and region: count and sum (newest 120 rows)
//   Q3: max(event_time), max(ingest_time), count(*)
//   SeenRecently(event_id): whether one of the last kRecentIds events had
//       this id (the marker probe)
//   Completeness: rows applied and distinct (partition, offset) pairs; a
//       re-read offset counts as a duplicate, a skipped one as lost.
//
// Memory is bounded: ~3,600 per-second buckets, one bucket per minute ever
// seen (7 regions each), kRecentIds 64-bit id hashes, one counter per partition.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engines/driver.h"
#include "engines/inprocess/event_fields.h"

namespace freshbench::inprocess {

inline constexpr int kRegionCount = 7;
inline constexpr size_t kRecentIds = 1 << 18;  // ~26 s of history at 10K events/s

struct RegionAgg {
  int64_t count = 0;
  int64_t sum_cents = 0;
};

struct CompletenessCounts {
  int64_t rows = 0;            // events applied (bad messages excluded)
  int64_t distinct = 0;        // distinct (partition, offset) pairs applied
  int64_t duplicated = 0;      // offsets applied again
  int64_t gaps = 0;            // offsets skipped inside a partition
  int64_t bad_messages = 0;    // not a benchmark event
};

class InProcessAggregator {
 public:
  // Applies one consumed event. `ingest_ms` is when P0 took it in.
  void Apply(const EventFields& ev, int32_t partition, int64_t offset, int64_t ingest_ms);
  // Counts a message that was not a benchmark event.
  void CountBad();

  // The answers, in the column names docs/patterns.md asks for. `now_ms` is
  // the harness clock (the "engine" clock of P0).
  ResultSet Q1(int64_t now_ms) const;
  ResultSet Q2() const;
  ResultSet Q3(int64_t now_ms) const;
  bool SeenRecently(std::string_view event_id) const;
  CompletenessCounts Completeness() const;

 private:
  static uint64_t Hash(std::string_view id);

  mutable std::mutex mu_;
  std::map<int64_t, std::array<RegionAgg, kRegionCount>> by_second_;  // last hour only
  std::map<int64_t, std::array<RegionAgg, kRegionCount>> by_minute_;
  int64_t max_event_ms_ = -1;
  int64_t max_ingest_ms_ = -1;
  int64_t last_prune_s_ = 0;
  std::unordered_set<uint64_t> recent_;
  std::deque<uint64_t> recent_order_;
  std::vector<int64_t> next_offset_;  // per partition; -1 = nothing seen yet
  CompletenessCounts counts_;
};

}  // namespace freshbench::inprocess
