// EventFields: the few fields of one benchmark event (gen/event.h's JSON)
// that P0's aggregates need, read straight from the message bytes without
// building a JSON document (P0 must stay far below one core at 10K ev/s).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace freshbench::inprocess {

struct EventFields {
  std::string_view event_id;  // points into the message
  int region = -1;            // index into gen::kRegions
  int64_t amount_cents = 0;
  int64_t event_time_ms = 0;  // UTC
};

// Parses one event. nullopt when a field is missing or malformed (the
// caller counts it as a bad message).
std::optional<EventFields> ParseEventFields(std::string_view json);

}  // namespace freshbench::inprocess
