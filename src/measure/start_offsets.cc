#include "measure/start_offsets.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/file_text.h"
#include "measure/clock.h"

namespace freshbench {

Result<StartOffsets> PlaceStartOffsets(const KafkaTarget& target, const std::string& group,
                                       const std::string& start_from) {
  auto marks = ReadWatermarks(target);
  if (!marks.ok()) return marks.status();
  auto committed = ReadCommitted(target, group, marks->high.size());
  if (!committed.ok()) return committed.status();
  StartOffsets s;
  s.topic = target.topic;
  s.group = group;
  s.placed_at_ms = WallNowMs();
  bool any = false;
  for (int64_t o : *committed) any = any || o >= 0;
  if (any) {
    s.offsets = *committed;
    for (size_t p = 0; p < s.offsets.size(); ++p)
      if (s.offsets[p] < 0) s.offsets[p] = marks->low[p];
    return s;
  }
  s.offsets = start_from == "latest" ? marks->high : marks->low;
  FB_RETURN_IF_ERROR(CommitOffsets(target, group, s.offsets));
  s.placed_now = true;
  return s;
}

Result<StartOffsets> PlaceAndRecordStartOffsets(const KafkaTarget& target, const std::string& group,
                                                const std::string& start_from,
                                                const std::string& home,
                                                const std::string& pattern_id) {
  auto start = PlaceStartOffsets(target, group, start_from);
  if (!start.ok() || !start->placed_now) return start;
  FB_RETURN_IF_ERROR(SaveStartOffsets(StartOffsetsPath(home, pattern_id), *start));
  return start;
}

std::string StartOffsetsPath(const std::string& home, const std::string& pattern_id) {
  return home + "/state/" + pattern_id + "-start-offsets.json";
}

Status SaveStartOffsets(const std::string& path, const StartOffsets& s) {
  nlohmann::json j = {{"topic", s.topic},
                      {"group", s.group},
                      {"offsets", s.offsets},
                      {"placed_at_ms", s.placed_at_ms}};
  return WriteFileAtomically(path, j.dump() + "\n", /*make_parent=*/true);
}

Result<StartOffsets> LoadStartOffsets(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no " + path);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::IoError("unreadable " + path);
  StartOffsets s;
  s.topic = j.value("topic", std::string());
  s.group = j.value("group", std::string());
  s.offsets = j.value("offsets", std::vector<int64_t>{});
  s.placed_at_ms = j.value("placed_at_ms", int64_t{0});
  return s;
}

}  // namespace freshbench
