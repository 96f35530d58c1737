// Event: one record of the benchmark stream, exactly as the seed defines it.
//
// The encoded JSON (json_encoder.h) is
//   {"event_id":"<uuid v4>","user_id":N,"amount":D.DD,"region":"..",
//    "event_type":"..","event_time":"YYYY-MM-DDTHH:MM:SS.mmmZ"}
// and the Kafka message key is the decimal user_id.
//
// Thread safety: plain value type.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace freshbench::gen {

// The seed's seven regions and six event types, in a fixed order (an index
// into these arrays is what Event stores).
inline constexpr std::array<std::string_view, 7> kRegions = {
    "us-east-1",      "us-west-2",      "eu-west-1", "eu-central-1",
    "ap-southeast-1", "ap-northeast-1", "sa-east-1"};
inline constexpr std::array<std::string_view, 6> kEventTypes = {"purchase",    "refund",   "view",
                                                                "add_to_cart", "checkout", "login"};

inline constexpr uint32_t kMinUserId = 1;
inline constexpr uint32_t kMaxUserId = 10'000'000;
// amount is uniform in 0.01 .. 9999.99, held as integer cents.
inline constexpr uint32_t kMinAmountCents = 1;
inline constexpr uint32_t kMaxAmountCents = 999'999;

// Length of a textual UUID ("8-4-4-4-12" hex digits and dashes).
inline constexpr size_t kUuidTextSize = 36;

struct Event {
  std::array<char, kUuidTextSize> event_id{};  // lower-case UUID text, no NUL
  uint32_t user_id = kMinUserId;               // kMinUserId .. kMaxUserId
  uint32_t amount_cents = kMinAmountCents;     // kMinAmountCents .. kMaxAmountCents
  uint8_t region = 0;                          // index into kRegions
  uint8_t event_type = 0;                      // index into kEventTypes
  int64_t event_time_ms = 0;                   // UTC milliseconds since the epoch
};

// True if `text` is a UUID in canonical 8-4-4-4-12 lower- or upper-case hex form.
bool IsUuidText(std::string_view text);

}  // namespace freshbench::gen
