#include "measure/completeness.h"

#include <algorithm>

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

}  // namespace freshbench
