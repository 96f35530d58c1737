#include "gen/json_encoder.h"

#include <cstring>

#include "common/timestamp.h"

namespace freshbench::gen {
namespace {

// "00".."99": two digits per lookup.
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline void Write2(uint32_t v, char* out) { std::memcpy(out, kDigitPairs + 2 * v, 2); }

inline size_t DigitCount(uint32_t v) {
  size_t n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

inline size_t WriteUint(uint32_t v, char* out) {
  const size_t n = DigitCount(v);
  char* p = out + n;
  while (v >= 100) {
    p -= 2;
    Write2(v % 100, p);
    v /= 100;
  }
  if (v >= 10) {
    p -= 2;
    Write2(v, p);
  } else {
    *--p = static_cast<char>('0' + v);
  }
  return n;
}

template <size_t N>
inline char* Put(char* p, const char (&lit)[N]) {
  std::memcpy(p, lit, N - 1);
  return p + N - 1;
}

inline char* Put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

}  // namespace

void JsonEncoder::FormatTimestamp(int64_t utc_ms, char* out) {
  const int64_t second = utc_ms / 1000;
  const uint32_t ms = static_cast<uint32_t>(utc_ms % 1000);
  if (second != cached_second_) {
    int64_t y;
    unsigned mo, d;
    CivilFromDays(second / 86400, &y, &mo, &d);
    const uint32_t sod = static_cast<uint32_t>(second % 86400);
    char* p = cached_prefix_;
    Write2(static_cast<uint32_t>(y / 100), p);
    Write2(static_cast<uint32_t>(y % 100), p + 2);
    p[4] = '-';
    Write2(mo, p + 5);
    p[7] = '-';
    Write2(d, p + 8);
    p[10] = 'T';
    Write2(sod / 3600, p + 11);
    p[13] = ':';
    Write2(sod / 60 % 60, p + 14);
    p[16] = ':';
    Write2(sod % 60, p + 17);
    cached_second_ = second;
  }
  std::memcpy(out, cached_prefix_, sizeof(cached_prefix_));
  out[19] = '.';
  out[20] = static_cast<char>('0' + ms / 100);
  Write2(ms % 100, out + 21);
  out[23] = 'Z';
}

size_t JsonEncoder::EncodeKey(uint32_t user_id, char* out) { return WriteUint(user_id, out); }

size_t JsonEncoder::Encode(const Event& ev, char* out) {
  char* p = out;
  p = Put(p, "{\"event_id\":\"");
  std::memcpy(p, ev.event_id.data(), kUuidTextSize);
  p += kUuidTextSize;
  p = Put(p, "\",\"user_id\":");
  p += WriteUint(ev.user_id, p);
  p = Put(p, ",\"amount\":");
  p += WriteUint(ev.amount_cents / 100, p);
  *p++ = '.';
  Write2(ev.amount_cents % 100, p);
  p += 2;
  p = Put(p, ",\"region\":\"");
  p = Put(p, kRegions[ev.region]);
  p = Put(p, "\",\"event_type\":\"");
  p = Put(p, kEventTypes[ev.event_type]);
  p = Put(p, "\",\"event_time\":\"");
  FormatTimestamp(ev.event_time_ms, p);
  p += kTimestampSize;
  p = Put(p, "\"}");
  return static_cast<size_t>(p - out);
}

}  // namespace freshbench::gen
