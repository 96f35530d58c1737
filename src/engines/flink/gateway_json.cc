#include "engines/flink/gateway_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace freshbench::flink {
namespace {

using nlohmann::json;

std::optional<std::string> CellText(const json& v, bool is_timestamp) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (is_timestamp && s.size() > 10 && s[10] == 'T') s[10] = ' ';
    return s;
  }
  return v.dump();
}

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  return s;
}

}  // namespace

Result<ResultPage> ParseResultPage(const std::string& body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("resultType")) {
    return Status::ServerError("SQL Gateway sent no result page: " + body.substr(0, 200));
  }
  ResultPage page;
  const std::string type = doc.value("resultType", "");
  if (type == "NOT_READY") page.type = ResultPage::Type::kNotReady;
  else if (type == "PAYLOAD") page.type = ResultPage::Type::kPayload;
  else if (type == "EOS") page.type = ResultPage::Type::kEos;
  else return Status::ServerError("SQL Gateway sent an unknown result type '" + type + "'");
  if (doc.contains("nextResultUri") && doc["nextResultUri"].is_string())
    page.next_uri = doc["nextResultUri"].get<std::string>();
  if (doc.contains("jobID") && doc["jobID"].is_string()) page.job_id = doc["jobID"].get<std::string>();
  if (!doc.contains("results") || !doc["results"].is_object()) return page;
  const json& results = doc["results"];
  std::vector<bool> is_ts;
  if (results.contains("columns") && results["columns"].is_array()) {
    for (const json& c : results["columns"]) {
      page.columns.push_back(c.value("name", ""));
      std::string t;
      if (c.contains("logicalType") && c["logicalType"].is_object())
        t = c["logicalType"].value("type", "");
      is_ts.push_back(t.rfind("TIMESTAMP", 0) == 0);
    }
  }
  if (results.contains("data") && results["data"].is_array()) {
    for (const json& r : results["data"]) {
      const std::string kind = r.value("kind", "INSERT");
      if (kind == "UPDATE_BEFORE" || kind == "DELETE") continue;
      std::vector<std::optional<std::string>> row;
      if (r.contains("fields") && r["fields"].is_array()) {
        const json& f = r["fields"];
        for (size_t i = 0; i < f.size(); ++i)
          row.push_back(CellText(f[i], i < is_ts.size() && is_ts[i]));
      }
      page.rows.push_back(std::move(row));
    }
  }
  return page;
}

Status ServerErrorFromBody(long http_status, const std::string& body) {
  std::string text;
  json doc = json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array()) {
    for (const json& e : doc["errors"])
      if (e.is_string()) text += e.get<std::string>() + "\n";
  } else {
    text = body;
  }
  std::string best;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.rfind("Caused by: ", 0) == 0) best = line.substr(11);
  }
  if (best.empty()) {
    std::istringstream again(text);
    while (std::getline(again, line)) {
      line = Trim(line);
      if (!line.empty() && line != "Internal server error." && line.rfind("<Exception on server side", 0) != 0) {
        best = line;
        break;
      }
    }
  }
  if (best.empty()) best = "HTTP " + std::to_string(http_status);
  if (best.size() > 400) best = best.substr(0, 397) + "...";
  return Status::ServerError(best);
}

long TokenOf(const std::string& next_uri) {
  size_t slash = next_uri.find_last_of('/');
  if (slash == std::string::npos || slash + 1 >= next_uri.size()) return -1;
  std::string tail = next_uri.substr(slash + 1);
  tail = tail.substr(0, tail.find('?'));
  if (tail.empty() || !std::all_of(tail.begin(), tail.end(), ::isdigit)) return -1;
  return std::stol(tail);
}

}  // namespace freshbench::flink
