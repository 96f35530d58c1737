#include "engines/inprocess/inprocess_aggregator.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>

#include "common/timestamp.h"
#include "gen/event.h"

namespace freshbench::inprocess {
namespace {
constexpr int64_t kHourS = 3600;

std::string Money(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "",
                static_cast<long long>(std::llabs(cents) / 100),
                static_cast<long long>(std::llabs(cents) % 100));
  return buf;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

uint64_t InProcessAggregator::Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

void InProcessAggregator::Apply(const EventFields& ev, int32_t partition, int64_t offset,
                                int64_t ingest_ms) {
  const int64_t sec = FloorDiv(ev.event_time_ms, 1000);
  const int64_t now_s = FloorDiv(ingest_ms, 1000);
  const uint64_t h = Hash(ev.event_id);
  std::lock_guard<std::mutex> lock(mu_);
  // Completeness by offset: Kafka numbers each partition's events densely.
  if (partition >= 0) {
    if (static_cast<size_t>(partition) >= next_offset_.size())
      next_offset_.resize(static_cast<size_t>(partition) + 1, -1);
    int64_t& next = next_offset_[static_cast<size_t>(partition)];
    if (next >= 0 && offset < next) {
      ++counts_.duplicated;
    } else {
      if (next >= 0 && offset > next) counts_.gaps += offset - next;
      next = offset + 1;
      ++counts_.distinct;
    }
  }
  ++counts_.rows;
  if (ev.region >= 0 && ev.region < kRegionCount) {
    if (sec >= now_s - kHourS) {
      RegionAgg& a = by_second_[sec][static_cast<size_t>(ev.region)];
      ++a.count;
      a.sum_cents += ev.amount_cents;
    }
    RegionAgg& m = by_minute_[FloorDiv(sec, 60)][static_cast<size_t>(ev.region)];
    ++m.count;
    m.sum_cents += ev.amount_cents;
  }
  max_event_ms_ = std::max(max_event_ms_, ev.event_time_ms);
  max_ingest_ms_ = std::max(max_ingest_ms_, ingest_ms);
  if (recent_.insert(h).second) {
    recent_order_.push_back(h);
    if (recent_order_.size() > kRecentIds) {
      recent_.erase(recent_order_.front());
      recent_order_.pop_front();
    }
  }
  if (now_s != last_prune_s_) {
    last_prune_s_ = now_s;
    by_second_.erase(by_second_.begin(), by_second_.lower_bound(now_s - kHourS - 1));
  }
}

void InProcessAggregator::CountBad() {
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_.bad_messages;
}

ResultSet InProcessAggregator::Q1(int64_t now_ms) const {
  std::array<RegionAgg, kRegionCount> total{};
  {
    std::lock_guard<std::mutex> lock(mu_);
    // event_time >= now - 1 hour, at one-second resolution.
    for (auto it = by_second_.lower_bound(FloorDiv(now_ms, 1000) - kHourS); it != by_second_.end();
         ++it) {
      for (int r = 0; r < kRegionCount; ++r) {
        total[r].count += it->second[r].count;
        total[r].sum_cents += it->second[r].sum_cents;
      }
    }
  }
  std::vector<int> order;
  for (int r = 0; r < kRegionCount; ++r)
    if (total[r].count > 0) order.push_back(r);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return total[a].sum_cents > total[b].sum_cents; });
  ResultSet rs;
  rs.columns = {"region", "cnt", "total", "avg_amount"};
  for (int r : order) {
    char avg[32];
    std::snprintf(avg, sizeof avg, "%.4f",
                  static_cast<double>(total[r].sum_cents) / 100.0 / total[r].count);
    rs.rows.push_back({std::string(gen::kRegions[r]), std::to_string(total[r].count),
                       Money(total[r].sum_cents), std::string(avg)});
  }
  return rs;
}

ResultSet InProcessAggregator::Q2() const {
  ResultSet rs;
  rs.columns = {"window_start", "region", "event_count", "total_amount"};
  std::lock_guard<std::mutex> lock(mu_);
  // ORDER BY window_start DESC, total_amount DESC LIMIT 120.
  for (auto it = by_minute_.rbegin(); it != by_minute_.rend() && rs.rows.size() < 120; ++it) {
    std::vector<int> order;
    for (int r = 0; r < kRegionCount; ++r)
      if (it->second[r].count > 0) order.push_back(r);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return it->second[a].sum_cents > it->second[b].sum_cents;
    });
    const std::string window = FormatTimestampMs(it->first * 60000).substr(0, 19);
    for (int r : order) {
      if (rs.rows.size() >= 120) break;
      rs.rows.push_back({window, std::string(gen::kRegions[r]),
                         std::to_string(it->second[r].count), Money(it->second[r].sum_cents)});
    }
  }
  return rs;
}

ResultSet InProcessAggregator::Q3(int64_t now_ms) const {
  ResultSet rs;
  rs.columns = {"max_event_time", "max_ingest_time", "engine_now", "total_rows"};
  std::lock_guard<std::mutex> lock(mu_);
  auto opt = [](int64_t v) -> std::optional<std::string> {
    if (v < 0) return std::nullopt;
    return std::to_string(v);
  };
  rs.rows.push_back(
      {opt(max_event_ms_), opt(max_ingest_ms_), std::to_string(now_ms), std::to_string(counts_.rows)});
  return rs;
}

bool InProcessAggregator::SeenRecently(std::string_view event_id) const {
  const uint64_t h = Hash(event_id);
  std::lock_guard<std::mutex> lock(mu_);
  return recent_.count(h) > 0;
}

CompletenessCounts InProcessAggregator::Completeness() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

}  // namespace freshbench::inprocess
