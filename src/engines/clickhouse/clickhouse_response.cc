#include "engines/clickhouse/clickhouse_response.h"

#include <nlohmann/json.hpp>
#include <regex>

namespace freshbench {
namespace {

std::optional<std::string> Cell(const nlohmann::json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s->find(from, pos)) != std::string::npos; pos += to.size())
    s->replace(pos, from.size(), to);
}

std::string UnescapeTsv(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    char c = field[++i];
    switch (c) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        out += '\0';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

}  // namespace

Result<ResultSet> ParseJsonCompact(std::string_view body) {
  ResultSet rs;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return rs;
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("meta") || !doc.contains("data")) {
    if (body.find("Exception") != std::string_view::npos)
      return Status::ServerError(CleanServerError(body));
    return Status::ServerError("unexpected answer from ClickHouse (not JSONCompact): " +
                               CleanServerError(body.substr(0, 200)));
  }
  for (const auto& m : doc["meta"]) rs.columns.push_back(m.value("name", std::string()));
  for (const auto& row : doc["data"]) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(row.size());
    for (const auto& v : row) cells.push_back(Cell(v));
    rs.rows.push_back(std::move(cells));
  }
  return rs;
}

Result<ResultSet> ParseTsvWithNames(std::string_view body) {
  ResultSet rs;
  if (body.empty()) return rs;
  auto lines = Split(body, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return rs;
  for (auto name : Split(lines[0], '\t')) rs.columns.push_back(UnescapeTsv(name));
  for (size_t i = 1; i < lines.size(); ++i) {
    auto fields = Split(lines[i], '\t');
    if (fields.size() != rs.columns.size()) {
      if (lines[i].find("Exception") != std::string_view::npos)
        return Status::ServerError(CleanServerError(lines[i]));
      return Status::ServerError("malformed TSVWithNames row " + std::to_string(i));
    }
    std::vector<std::optional<std::string>> cells;
    for (auto f : fields) {
      if (f == "\\N")
        cells.push_back(std::nullopt);
      else
        cells.push_back(UnescapeTsv(f));
    }
    rs.rows.push_back(std::move(cells));
  }
  return rs;
}

std::string CleanServerError(std::string_view body) {
  std::string s(body);
  // Keep the exception itself when a partial result precedes it.
  if (size_t code = s.rfind("Code: "); code != std::string::npos) s = s.substr(code);
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  ReplaceAll(&s, ", e.displayText() = DB::Exception:", ":");
  ReplaceAll(&s, ". DB::Exception:", ":");
  if (size_t what = s.find(", e.what() = "); what != std::string::npos) s.resize(what);
  if (size_t trace = s.find(" Stack trace"); trace != std::string::npos) s.resize(trace);
  s = std::regex_replace(s, std::regex(" \\(version .*$"), "");
  s = std::regex_replace(s, std::regex(" {2,}"), " ");
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  if (s.empty()) return "empty error answer from ClickHouse";
  return s;
}

}  // namespace freshbench
