#include "stack/log_tail.h"

#include <deque>
#include <fstream>
#include <sstream>

namespace freshbench::stack {

std::string LastLines(const std::string& path, int n) {
  std::ifstream in(path, std::ios::binary);
  if (!in || n <= 0) return "";
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff kMaxRead = 64 * 1024;
  in.seekg(size > kMaxRead ? size - kMaxRead : 0);
  std::stringstream ss;
  ss << in.rdbuf();
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(ss, line)) {
    if (line.empty()) continue;
    lines.push_back(line);
    if (static_cast<int>(lines.size()) > n) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

}  // namespace freshbench::stack
