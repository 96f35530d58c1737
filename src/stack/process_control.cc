#include "stack/process_control.h"

#include <signal.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace freshbench::stack {
namespace {
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// Parses /proc/<pid>/stat; returns state char and start time.
bool ReadStat(pid_t pid, char* state, uint64_t* start_ticks) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  // The command name (field 2) is in parentheses and may hold spaces.
  auto close_paren = line.rfind(')');
  if (close_paren == std::string::npos) return false;
  std::istringstream rest(line.substr(close_paren + 1));
  std::string field;
  // Fields after the name start at 3 (state); starttime is field 22.
  for (int i = 3; i <= 22; ++i) {
    if (!(rest >> field)) return false;
    if (i == 3) *state = field.empty() ? '?' : field[0];
  }
  *start_ticks = std::stoull(field);
  return true;
}
}  // namespace

std::optional<uint64_t> ProcessStartTicks(pid_t pid) {
  char state = '?';
  uint64_t ticks = 0;
  if (pid <= 0 || !ReadStat(pid, &state, &ticks) || state == 'Z' || state == 'X') {
    return std::nullopt;
  }
  return ticks;
}

bool ProcessAlive(pid_t pid, uint64_t start_ticks) {
  auto ticks = ProcessStartTicks(pid);
  return ticks.has_value() && (start_ticks == 0 || *ticks == start_ticks);
}

void SignalStop(pid_t pid, uint64_t start_ticks) {
  if (!ProcessAlive(pid, start_ticks)) return;
  if (kill(-pid, SIGTERM) != 0) kill(pid, SIGTERM);
}

Status StopRecordedProcess(pid_t pid, uint64_t start_ticks, milliseconds grace) {
  if (!ProcessAlive(pid, start_ticks)) return Status::Ok();
  if (kill(-pid, SIGTERM) != 0) kill(pid, SIGTERM);
  auto deadline = Clock::now() + grace;
  while (ProcessAlive(pid, start_ticks) && Clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  if (!ProcessAlive(pid, start_ticks)) return Status::Ok();
  if (kill(-pid, SIGKILL) != 0) kill(pid, SIGKILL);
  deadline = Clock::now() + milliseconds(5000);
  while (ProcessAlive(pid, start_ticks) && Clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  if (ProcessAlive(pid, start_ticks)) {
    return Status::Internal("process " + std::to_string(pid) + " survived SIGKILL");
  }
  return Status::Ok();
}

}  // namespace freshbench::stack
