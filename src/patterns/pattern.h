// Pattern: one ingestion-and-query pattern as data, loaded from
// patterns/<id>-<name>/pattern.yaml (contract: docs/patterns.md). Loading
// checks the YAML strictly (unknown keys are errors) and that every file it
// names exists; it does not touch any server.
//
// Thread safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace freshbench {

// When a variant applies. Every condition given must hold.
struct VariantCondition {
  std::optional<std::string> version_below;     // server major version < this
  std::optional<std::string> version_at_least;  // server major version >= this
  std::optional<std::string> query_ok;          // this SQL runs without error
};

// Files and settings that replace the base ones when `when` holds.
struct PatternVariant {
  VariantCondition when;
  std::optional<std::vector<std::string>> setup;
  std::optional<std::vector<std::string>> teardown;
  std::map<std::string, std::string> queries;   // overrides per query name
  std::map<std::string, std::string> settings;  // overrides of setting defaults
};

// The Kafka consumer group a pattern's engine reads with, so freshbench can
// place its start offsets before setup, delete it at teardown and check
// completeness against it.
struct KafkaSource {
  std::string group;                    // consumer group id (placeholders allowed)
  std::string start_from = "earliest";  // "earliest" or "latest" (at setup time)
};

struct Pattern {
  std::string id;      // "p1"
  std::string name;    // "ClickHouse Kafka engine"
  std::string engine;  // driver name, "clickhouse"
  std::string description;
  std::string dir;                              // folder the files are relative to
  std::map<std::string, std::string> settings;  // user-tunable defaults
  std::vector<std::string> setup;
  std::vector<std::string> teardown;
  std::map<std::string, std::string> queries;  // "q1" -> "q1.sql"
  std::vector<PatternVariant> variants;        // first match wins
  std::optional<KafkaSource> kafka;
};

// Parses pattern.yaml text. `dir` is where its files live; when `check_files`
// is set each named file must exist there. Fails with kInvalidArgument
// naming the key or file at fault.
Result<Pattern> ParsePattern(const std::string& yaml_text, const std::string& dir,
                             bool check_files = true);

// Loads `dir`/pattern.yaml.
Result<Pattern> LoadPattern(const std::string& dir);

// Where pattern folders are looked for: $FRESHBENCH_PATTERNS, else
// ./patterns when it exists, else the source tree's patterns/.
std::string DefaultPatternsRoot();

// The folder under `root` for `id` ("p1" finds "p1-clickhouse"; the full
// folder name works too). kInvalidArgument listing the known ids otherwise.
Result<std::string> FindPatternDir(const std::string& root, const std::string& id);

// Ids of every pattern folder under `root`, sorted.
std::vector<std::string> ListPatternIds(const std::string& root);

}  // namespace freshbench
