// JsonEncoder: writes an Event as one compact JSON object, by hand, into a
// caller's buffer: no allocation, no locale, no printf.
//
//   {"event_id":"…","user_id":9329005,"amount":5299.10,"region":"ap-northeast-1",
//    "event_type":"refund","event_time":"2026-05-25T15:35:55.092Z"}
//
// amount is printed from integer cents with exactly two decimals;
// event_time is UTC, millisecond precision, with a Z. The formatted
// "YYYY-MM-DDTHH:MM:SS" of the last second seen is cached, so consecutive
// events cost a memcpy for the date.
//
// Thread safety: none (the cache); one encoder per thread.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gen/event.h"

namespace freshbench::gen {

// Upper bound of Encode()'s output; the longest event is 178 bytes.
inline constexpr size_t kMaxEncodedEventSize = 192;
// Upper bound of EncodeKey()'s output.
inline constexpr size_t kMaxEncodedKeySize = 10;

class JsonEncoder {
 public:
  // Writes `ev` (no trailing newline) to `out` and returns the byte count.
  // REQUIRES: out has room for kMaxEncodedEventSize bytes; ev.event_time_ms >= 0.
  size_t Encode(const Event& ev, char* out);

  // Writes the message key (decimal user_id) and returns its length.
  // REQUIRES: out has room for kMaxEncodedKeySize bytes.
  static size_t EncodeKey(uint32_t user_id, char* out);

  // Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 bytes) for `utc_ms`.
  void FormatTimestamp(int64_t utc_ms, char* out);

 private:
  int64_t cached_second_ = -1;
  char cached_prefix_[19] = {};  // "YYYY-MM-DDTHH:MM:SS"
};

// Bytes of a timestamp written by FormatTimestamp.
inline constexpr size_t kTimestampSize = 24;

}  // namespace freshbench::gen
