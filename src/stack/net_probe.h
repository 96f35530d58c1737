// Small network checks the stack uses before and after starting engines.
// All bounded; none throws.
#pragma once

#include <chrono>
#include <string>

#include "common/status.h"

namespace freshbench::stack {

// Ok when nothing listens on 127.0.0.1:`port` (a bind() there succeeds).
// Otherwise Unavailable with one line naming the port and `what` uses it.
Status CheckPortFree(int port, const std::string& what);

// True when a TCP connection to 127.0.0.1:`port` succeeds within `timeout`.
bool PortAcceptsConnections(int port, std::chrono::milliseconds timeout);

// GET `url` with libcurl; the body when the answer is HTTP 200, otherwise
// Unavailable (connection failure, timeout) or ServerError (other status).
Result<std::string> HttpGet(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace freshbench::stack
