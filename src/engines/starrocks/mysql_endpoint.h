// MysqlEndpoint: where a MySQL-protocol server (a StarRocks FE, or MariaDB
// in tests) is reached, parsed from mysql://user[:password]@host:port[/db].
//
// Thread safety: plain value.
#pragma once

#include <string>

#include "common/status.h"

namespace freshbench {

struct MysqlEndpoint {
  std::string user = "root";
  std::string password;  // empty = no password
  std::string host = "127.0.0.1";
  int port = 9030;       // StarRocks FE query port
  std::string database;  // empty = none selected

  // Parses mysql://user[:password]@host:port[/db]. The user and port are
  // required (a StarRocks FE has no well-known port a client could guess);
  // percent-escapes in user and password are decoded. Fails with
  // kInvalidArgument naming what is wrong, never echoing the password.
  static Result<MysqlEndpoint> Parse(const std::string& url);

  // "user@host:port[/db]": safe to print (no password).
  std::string Display() const;
};

}  // namespace freshbench
