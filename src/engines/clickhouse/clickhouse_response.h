// Reading what ClickHouse's HTTP interface sends back: JSONCompact result
// bodies and server error texts. Pure functions, no I/O (unit-tested).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "engines/driver.h"

namespace freshbench {

// Parses a `FORMAT JSONCompact` body into text cells: strings as they are,
// numbers as printed, null as std::nullopt. An empty body (DDL, INSERT) is an
// empty ResultSet. Fails with kServerError when the body is not JSONCompact;
// if it carries a server exception (ClickHouse can fail after sending the
// 200 header), that exception's own message is the error.
Result<ResultSet> ParseJsonCompact(std::string_view body);

// Parses a `FORMAT TSVWithNames` body (escapes \t \n \\ \N undone).
Result<ResultSet> ParseTsvWithNames(std::string_view body);

// The server's message from an error body, on one line: "Code: 62:
// Syntax error: ...". Understands the 18.x form ("Code: N,
// e.displayText() = DB::Exception: msg, e.what() = ...") and the modern
// one ("Code: N. DB::Exception: msg. (NAME) (version ...)").
std::string CleanServerError(std::string_view body);

}  // namespace freshbench
