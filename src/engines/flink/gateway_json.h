// Pure helpers for the SQL Gateway's and Flink REST's JSON answers: one
// result page, and a server error reduced to one line a user can act on.
// No I/O; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "engines/driver.h"

namespace freshbench::flink {

// One answer of GET .../operations/{o}/result/{token}?rowFormat=JSON.
struct ResultPage {
  enum class Type { kNotReady, kPayload, kEos };
  Type type = Type::kNotReady;
  std::vector<std::string> columns;        // empty when the page has no schema
  std::vector<std::vector<std::optional<std::string>>> rows;  // +I and +U rows
  std::optional<std::string> next_uri;     // "/v1/sessions/.../result/3"
  std::optional<std::string> job_id;       // set once the operation runs a job
};

// Parses one result page. Cells become text: strings as they are (TIMESTAMP
// columns with ' ' instead of 'T', so they read `YYYY-MM-DD HH:MM:SS.fff`),
// numbers and booleans as JSON prints them, NULL as std::nullopt. Retraction
// rows (-U, -D) are dropped: batch mode never sends them. Fails with
// kServerError for a body that is not a result page.
Result<ResultPage> ParseResultPage(const std::string& body);

// A non-2xx answer as one line: the deepest "Caused by:" of the server's
// stack trace (Flink wraps the real cause many times), else its first line,
// else the HTTP status. Always kServerError.
Status ServerErrorFromBody(long http_status, const std::string& body);

// The token of a nextResultUri (".../result/7" -> 7), or -1.
long TokenOf(const std::string& next_uri);

}  // namespace freshbench::flink
