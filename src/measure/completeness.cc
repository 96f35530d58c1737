#include "measure/completeness.h"

#include <algorithm>
#include <charconv>

namespace freshbench {

int64_t ExpectedEvents(const std::vector<int64_t>& start, const std::vector<int64_t>& end) {
  int64_t total = 0;
  for (size_t p = 0; p < end.size(); ++p) {
    const int64_t s = p < start.size() ? std::max<int64_t>(start[p], 0) : 0;
    total += std::max<int64_t>(end[p] - s, 0);
  }
  return total;
}

Completeness ComputeCompleteness(int64_t expected, int64_t rows, int64_t distinct) {
  Completeness c;
  c.expected = expected;
  c.rows = rows;
  c.distinct = distinct;
  c.lost = std::max<int64_t>(expected - distinct, 0);
  c.duplicated = std::max<int64_t>(rows - distinct, 0);
  c.unexpected = std::max<int64_t>(distinct - expected, 0);
  return c;
}

void to_json(nlohmann::json& j, const Completeness& c) {
  j = nlohmann::json{{"expected", c.expected},     {"rows", c.rows},
                     {"distinct", c.distinct},     {"lost", c.lost},
                     {"duplicated", c.duplicated}, {"unexpected", c.unexpected},
                     {"complete", c.complete()}};
}

Result<CompletenessCounts> ParseCompleteness(const ResultSet& answer) {
  if (answer.rows.empty() && answer.columns.empty()) return CompletenessCounts{};
  auto cell = [&](const char* name) -> Result<int64_t> {
    const int i = answer.ColumnIndex(name);
    if (i < 0 || answer.rows.empty() || static_cast<size_t>(i) >= answer.rows[0].size() ||
        !answer.rows[0][i])
      return Status::InvalidArgument(
          "completeness query must return total_rows and distinct_event_ids (missing " +
          std::string(name) + ")");
    const std::string& text = *answer.rows[0][i];
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size())
      return Status::InvalidArgument(std::string(name) + " is not a count: '" + text + "'");
    return v;
  };
  auto rows = cell("total_rows");
  if (!rows.ok()) return rows.status();
  auto distinct = cell("distinct_event_ids");
  if (!distinct.ok()) return distinct.status();
  return CompletenessCounts{*rows, *distinct};
}

}  // namespace freshbench
