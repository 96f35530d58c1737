#include "engines/starrocks/mysql_endpoint.h"

#include <cctype>
#include <charconv>
#include <string_view>

namespace freshbench {
namespace {

constexpr std::string_view kScheme = "mysql://";

Result<std::string> PercentDecode(std::string_view in, const char* what) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      return Status::InvalidArgument(std::string("StarRocks URL: bad %-escape in the ") + what +
                                     " (expected mysql://user[:password]@host:port[/db])");
    }
    int v = 0;
    std::from_chars(in.data() + i + 1, in.data() + i + 3, v, 16);
    out.push_back(static_cast<char>(v));
    i += 2;
  }
  return out;
}

}  // namespace

Result<MysqlEndpoint> MysqlEndpoint::Parse(const std::string& url) {
  const std::string usage = " (expected mysql://user[:password]@host:port[/db])";
  std::string_view s(url);
  if (s.substr(0, kScheme.size()) != kScheme) {
    return Status::InvalidArgument("StarRocks URL must start with mysql://" + usage);
  }
  s.remove_prefix(kScheme.size());
  const size_t at = s.rfind('@');
  if (at == std::string_view::npos) {
    return Status::InvalidArgument("StarRocks URL has no user" + usage);
  }
  std::string_view userinfo = s.substr(0, at);
  std::string_view rest = s.substr(at + 1);

  MysqlEndpoint e;
  const size_t colon = userinfo.find(':');
  auto user = PercentDecode(userinfo.substr(0, colon), "user");
  if (!user.ok()) return user.status();
  e.user = *user;
  if (e.user.empty()) return Status::InvalidArgument("StarRocks URL has an empty user" + usage);
  if (colon != std::string_view::npos) {
    auto password = PercentDecode(userinfo.substr(colon + 1), "password");
    if (!password.ok()) return password.status();
    e.password = *password;
  }

  const size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  if (slash != std::string_view::npos) e.database = std::string(rest.substr(slash + 1));
  if (e.database.find_first_of("/?#") != std::string::npos) {
    return Status::InvalidArgument("StarRocks URL: database name '" + e.database +
                                   "' is not a plain name" + usage);
  }
  const size_t pcolon = hostport.rfind(':');
  if (pcolon == std::string_view::npos || pcolon == 0) {
    return Status::InvalidArgument("StarRocks URL needs host:port" + usage);
  }
  e.host = std::string(hostport.substr(0, pcolon));
  std::string_view port = hostport.substr(pcolon + 1);
  int p = 0;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (ec != std::errc() || ptr != port.data() + port.size() || p <= 0 || p > 65535) {
    return Status::InvalidArgument("StarRocks URL: port '" + std::string(port) +
                                   "' is not a number in 1..65535" + usage);
  }
  e.port = p;
  return e;
}

std::string MysqlEndpoint::Display() const {
  std::string s = user + "@" + host + ":" + std::to_string(port);
  if (!database.empty()) s += "/" + database;
  return s;
}

}  // namespace freshbench
