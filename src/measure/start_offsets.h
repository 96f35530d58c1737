// Where a pattern's engine starts reading the topic, placed by `setup`
// before the engine joins its consumer group and kept in a small state file
// so `verify` knows which events the pattern should show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "kafka/topic_offsets.h"

namespace freshbench {

struct StartOffsets {
  std::string topic;
  std::string group;
  std::vector<int64_t> offsets;  // index = partition
  int64_t placed_at_ms = 0;      // harness wall clock
  bool placed_now = false;       // false: the group already had offsets
};

// If `group` has no committed offsets, commits the topic's low
// (`start_from` "earliest") or high ("latest") watermarks for it. Either
// way returns where the group stands now.
Result<StartOffsets> PlaceStartOffsets(const KafkaTarget& target, const std::string& group,
                                       const std::string& start_from);

// PlaceStartOffsets, and when it placed them, records them at
// StartOffsetsPath(home, pattern_id) for `verify`: what `setup` and `run` do.
Result<StartOffsets> PlaceAndRecordStartOffsets(const KafkaTarget& target, const std::string& group,
                                                const std::string& start_from,
                                                const std::string& home,
                                                const std::string& pattern_id);

// <home>/state/<pattern_id>-start-offsets.json
std::string StartOffsetsPath(const std::string& home, const std::string& pattern_id);
Status SaveStartOffsets(const std::string& path, const StartOffsets& s);
// kNotFound when there is no such file.
Result<StartOffsets> LoadStartOffsets(const std::string& path);

}  // namespace freshbench
