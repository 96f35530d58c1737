#include "common/file_text.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace freshbench {

Status WriteFileAtomically(const std::string& path, const std::string& text, bool make_parent) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (make_parent) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return Status::IoError("cannot create " + parent.string() + ": " + ec.message());
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
    out << text;
    if (!out.flush()) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError("cannot rename " + tmp + ": " + ec.message());
  return Status::Ok();
}

}  // namespace freshbench
