#include "run/footprint.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>

#include "measure/clock.h"

namespace freshbench {
namespace {
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
double WallSeconds() { return MonotonicNowMs() / 1000.0; }
double RssMib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // kB
  }
  return 0;
}
}  // namespace

FootprintSampler::FootprintSampler() : last_cpu_s_(CpuSeconds()), last_wall_s_(WallSeconds()) {}

FootprintSample FootprintSampler::Sample() {
  const double cpu = CpuSeconds(), wall = WallSeconds();
  FootprintSample s;
  s.ts_ms = WallNowMs();
  s.cpu_pct = wall > last_wall_s_ ? 100.0 * (cpu - last_cpu_s_) / (wall - last_wall_s_) : 0;
  s.rss_mib = RssMib();
  last_cpu_s_ = cpu;
  last_wall_s_ = wall;
  return s;
}

}  // namespace freshbench
