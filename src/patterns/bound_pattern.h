// BoundPattern: a Pattern tied to a live driver for its engine, with the
// variant chosen for the server it talks to and every placeholder value
// known. What setup, teardown, query, probe and verify work from.
//
// Thread safety: one BoundPattern per thread (it owns its Driver).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/endpoints.h"
#include "engines/driver.h"
#include "patterns/pattern.h"

namespace freshbench {

// Files and values after a variant is applied.
struct PatternResolution {
  int variant_index = -1;  // -1: no variant applied
  std::vector<std::string> setup;
  std::vector<std::string> teardown;
  std::map<std::string, std::string> queries;
  std::map<std::string, std::string> values;  // placeholder -> value
};

// -1, 0 or 1 as dotted version a is below, equal to or above b ("18.16.1"
// vs "20": only the components both have are compared, then the longer
// one wins only if b has more).
int CompareVersions(const std::string& a, const std::string& b);

// Applies the first variant whose `when` holds for `server_version`
// (`query_ok` runs a SQL probe on the server). Values: the pattern's
// settings, then the variant's, then `overrides` (each must name a
// declared setting, else kInvalidArgument), then `builtins` (topic,
// kafka_bootstrap), which a pattern cannot override.
Result<PatternResolution> ResolvePattern(const Pattern& pattern, const std::string& server_version,
                                         const std::function<bool(const std::string&)>& query_ok,
                                         const std::map<std::string, std::string>& overrides,
                                         const std::map<std::string, std::string>& builtins);

// Statements of `files` (relative to `pattern.dir`), in order, with
// `values` substituted. kInvalidArgument for an unreadable file or a
// placeholder without a value.
Result<std::vector<std::string>> ReadStatements(const Pattern& pattern,
                                                const std::vector<std::string>& files,
                                                const std::map<std::string, std::string>& values);

// BoundPattern::MarkerIsBatch / MarkerSql on a resolution (testable
// without a server).
bool MarkerQueryIsBatch(const Pattern& pattern, const PatternResolution& resolution);
Result<std::string> MarkerStatement(const Pattern& pattern, const PatternResolution& resolution,
                                    const std::vector<std::string>& event_ids);

struct PatternRequest {
  std::string id;                                // "p1"
  std::string patterns_root;                     // empty = DefaultPatternsRoot()
  std::map<std::string, std::string> overrides;  // --set key=value
};

class BoundPattern {
 public:
  const Pattern& pattern() const { return pattern_; }
  Driver& driver() { return *driver_; }
  const std::string& server_version() const { return server_version_; }
  const PatternResolution& resolution() const { return resolution_; }

  // Statements of every setup (teardown) file, in order, placeholders filled.
  Result<std::vector<std::string>> SetupStatements() const;
  Result<std::vector<std::string>> TeardownStatements() const;
  // The one statement of query `name`; kInvalidArgument for an unknown name
  // (the message lists the known ones).
  Result<std::string> QuerySql(const std::string& name) const;
  // Whether the pattern defines query `name`.
  bool HasQuery(const std::string& name) const { return resolution_.queries.count(name) > 0; }
  // The consumer group the engine reads with, placeholders filled.
  std::optional<std::string> KafkaGroup() const;
  // Whether the marker query (as resolved) names {{event_ids}}: it is asked
  // about every pending marker at once (engines where each probe is a scan,
  // e.g. a lake) and answers the ids it sees in column `event_id`; else it
  // is asked about one ({{event_id}}) and a row means seen.
  bool MarkerIsBatch() const { return marker_batch_; }
  // The marker statement for `event_ids` (at least one): {{event_id}} is
  // the first, {{event_ids}} all of them as 'a', 'b' (quotes doubled).
  // kInvalidArgument for an empty list or a pattern without a marker query.
  Result<std::string> MarkerSql(const std::vector<std::string>& event_ids) const {
    return MarkerStatement(pattern_, resolution_, event_ids);
  }

 private:
  friend Result<BoundPattern> BindPattern(const PatternRequest&, const Endpoints&);
  Result<std::vector<std::string>> FileStatements(const std::vector<std::string>& files) const;

  Pattern pattern_;
  std::unique_ptr<Driver> driver_;
  std::string server_version_;
  PatternResolution resolution_;
  bool marker_batch_ = false;
};

// Finds and loads the pattern, makes its driver, asks the server for its
// version (kUnavailable when it cannot be reached) and resolves variants.
Result<BoundPattern> BindPattern(const PatternRequest& request, const Endpoints& endpoints);

}  // namespace freshbench
