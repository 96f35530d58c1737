#include "engines/flink/directives.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace freshbench::flink {
namespace {

class Lexer {
 public:
  explicit Lexer(const std::string& s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[pos_]))) {
        ++pos_;
      } else if (s_.compare(pos_, 2, "--") == 0) {  // line comment
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }
  // Consumes `word` (case-insensitive, whole word) if it is next.
  bool Keyword(const std::string& word) {
    SkipSpace();
    if (pos_ + word.size() > s_.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(s_[pos_ + i])) != word[i]) return false;
    size_t end = pos_ + word.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    pos_ = end;
    return true;
  }
  std::optional<std::string> Quoted() {
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != '\'') return std::nullopt;
    std::string out;
    for (size_t i = pos_ + 1; i < s_.size(); ++i) {
      if (s_[i] == '\'') {
        if (i + 1 < s_.size() && s_[i + 1] == '\'') {
          out += '\'';
          ++i;
          continue;
        }
        pos_ = i + 1;
        return out;
      }
      out += s_[i];
    }
    return std::nullopt;
  }
  bool Char(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= s_.size();
  }
  std::string Rest() const { return s_.substr(pos_); }

 private:
  const std::string& s_;
  size_t pos_ = 0;
};

std::vector<std::string> SplitArgs(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string a;
  while (in >> a) out.push_back(a);
  return out;
}

Status Malformed(const std::string& what, const std::string& usage) {
  return Status::InvalidArgument("malformed " + what + " statement; expected " + usage);
}

}  // namespace

Result<DriverStatement> ParseDriverStatement(const std::string& statement) {
  Lexer lx(statement);
  DriverStatement out;
  if (lx.Keyword("IF") && lx.Keyword("NOT") && lx.Keyword("RUNNING")) {
    auto name = lx.Quoted();
    if (!name || lx.AtEnd())
      return Malformed("IF NOT RUNNING", "IF NOT RUNNING '<job name>' <statement>");
    auto inner = ParseDriverStatement(lx.Rest());
    if (!inner.ok()) return inner.status();
    if (inner->unless_running) return Malformed("IF NOT RUNNING", "a single IF NOT RUNNING");
    inner->unless_running = *name;
    return inner;
  }
  Lexer lt(statement);
  if (lt.Keyword("IF") && lt.Keyword("TABLE") && lt.Keyword("MISSING")) {
    auto name = lt.Quoted();
    if (!name || lt.AtEnd() || std::count(name->begin(), name->end(), '.') != 2)
      return Malformed("IF TABLE MISSING", "IF TABLE MISSING '<catalog>.<database>.<table>' <statement>");
    auto inner = ParseDriverStatement(lt.Rest());
    if (!inner.ok()) return inner.status();
    if (inner->unless_table) return Malformed("IF TABLE MISSING", "a single IF TABLE MISSING");
    inner->unless_table = *name;
    return inner;
  }
  Lexer lx2(statement);
  if (lx2.Keyword("RUN") && lx2.Keyword("JAR")) {
    const std::string usage = "RUN JAR '<jar>' ENTRY '<class>' [ARGS '<args>']";
    RunJar run;
    auto jar = lx2.Quoted();
    if (!jar || !lx2.Keyword("ENTRY")) return Malformed("RUN JAR", usage);
    auto entry = lx2.Quoted();
    if (!entry) return Malformed("RUN JAR", usage);
    run.jar = *jar;
    run.entry_class = *entry;
    if (lx2.Keyword("ARGS")) {
      auto args = lx2.Quoted();
      if (!args) return Malformed("RUN JAR", usage);
      run.args = SplitArgs(*args);
    }
    if (!lx2.AtEnd()) return Malformed("RUN JAR", usage);
    out.action = run;
    return out;
  }
  Lexer lx3(statement);
  if (lx3.Keyword("CANCEL") && lx3.Keyword("JOBS")) {
    const std::string usage = "CANCEL JOBS '<name>'[, '<name>' ...]";
    CancelJobs cancel;
    do {
      auto name = lx3.Quoted();
      if (!name) return Malformed("CANCEL JOBS", usage);
      cancel.names.push_back(*name);
    } while (lx3.Char(','));
    if (!lx3.AtEnd()) return Malformed("CANCEL JOBS", usage);
    out.action = cancel;
    return out;
  }
  out.action = SqlText{statement};
  return out;
}

Result<std::string> ExpandDriverPlaceholders(const std::string& text,
                                             const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("${", pos);
    if (open == std::string::npos) break;
    size_t close = text.find('}', open + 2);
    if (close == std::string::npos) return Status::InvalidArgument("unclosed '${' in Flink statement");
    std::string name = text.substr(open + 2, close - open - 2);
    auto it = values.find(name);
    if (it == values.end())
      return Status::InvalidArgument("no value for ${" + name + "} (the Flink driver knows " +
                                     [&] {
                                       std::string k;
                                       for (const auto& [n, v] : values) k += (k.empty() ? "" : ", ") + n;
                                       return k;
                                     }() + ")");
    out += text.substr(pos, open - pos) + it->second;
    pos = close + 1;
  }
  return out + text.substr(pos);
}

}  // namespace freshbench::flink
