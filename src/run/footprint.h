// Footprint: freshbench's own CPU and memory use, read from /proc/self, so
// a run can show it never became what it measures.
//
// Thread safety: none; sample from one thread.
#pragma once

#include "report/raw_records.h"

namespace freshbench {

class FootprintSampler {
 public:
  FootprintSampler();
  // CPU % of one core since the previous call (or construction), and RSS now.
  FootprintSample Sample();

 private:
  double last_cpu_s_ = 0;
  double last_wall_s_ = 0;
};

}  // namespace freshbench
