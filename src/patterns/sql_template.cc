#include "patterns/sql_template.h"

#include <sstream>

namespace freshbench {
namespace {

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

}  // namespace

bool NamesPlaceholder(const std::string& text, const std::string& name) {
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
    const size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) return false;
    if (Trim(text.substr(open + 2, close - open - 2)) == name) return true;
  }
  return false;
}

Result<std::string> SubstitutePlaceholders(const std::string& text,
                                           const std::map<std::string, std::string>& values,
                                           const std::string& where) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string::npos) {
      out.append(text, pos, std::string::npos);
      return out;
    }
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) return Status::InvalidArgument(where + ": unclosed '{{'");
    out.append(text, pos, open - pos);
    const std::string name = Trim(text.substr(open + 2, close - open - 2));
    auto it = values.find(name);
    if (it == values.end())
      return Status::InvalidArgument(where + ": no value for placeholder {{" + name + "}}");
    out += it->second;
    pos = close + 2;
  }
}

std::vector<std::string> SplitStatements(const std::string& text) {
  std::vector<std::string> statements;
  std::string current;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::string trimmed = Trim(line);
    if (trimmed.rfind("--", 0) == 0) continue;
    if (!trimmed.empty() && trimmed.back() == ';') {
      trimmed.pop_back();
      current += trimmed;
      if (!Trim(current).empty()) statements.push_back(Trim(current));
      current.clear();
      continue;
    }
    current += line;
    current += '\n';
  }
  if (!Trim(current).empty()) statements.push_back(Trim(current));
  return statements;
}

}  // namespace freshbench
