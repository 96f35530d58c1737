// Pattern: one ingestion-and-query pattern as data, loaded from
// patterns/<id>-<name>/pattern.yaml (contract: docs/patterns.md). Loading
// checks the YAML strictly (unknown keys are errors) and that every file it
// names exists; it does not touch any server.
//
// What a pattern can do beyond Q1-Q3 is declared there and validated at
// load: its queries are named from a fixed set (KnownQueryNames(): a marker
// probe, a completeness count, pause + resume, a status), where it starts
// reading (`kafka:` for a placed consumer group, or `start:` naming the
// setting a run sets to "latest"), the Flink jobs that feed its engine
// (`ingest_jobs:`) and the patterns it contends with (`contends_with:`).
//
// Thread safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <set>
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

// A Flink SQL job submitted through the SQL Gateway after the pattern's
// setup (its INSERT only when no job of that name runs), found again and
// cancelled by its pipeline.name at teardown.
struct FlinkJobSpec {
  std::string name;              // pipeline.name; placeholders allowed
  std::vector<std::string> sql;  // files relative to the pattern folder
};

// Another pattern sharing this one's resources.
struct ContentionSpec {
  std::string pattern;          // "p6"
  std::string while_measuring;  // "pause": run its pause query before, resume after
};

// Query names a pattern may declare; any other is an error at load.
const std::set<std::string>& KnownQueryNames();

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
  // The setting (`start.setting`, e.g. "start_from") that `freshbench run`
  // sets to "latest" for an engine that does not start from a placed
  // consumer group (P0's reader, P5's Flink job, P6's Routine Load). Never
  // set together with `kafka`.
  std::optional<std::string> start_setting;
  std::vector<FlinkJobSpec> ingest_jobs;      // `ingest_jobs:`
  std::vector<ContentionSpec> contends_with;  // `contends_with:`
  // `sweep_slo:` the target `freshbench sweep` holds this pattern to unless
  // --slo says otherwise, in --slo's syntax ("freshness_p95=5min"); checked
  // by the sweep (src/sweep/sweep_options.h). Empty: the sweep's default.
  std::string sweep_slo;

  bool HasQuery(const std::string& name) const { return queries.count(name) > 0; }
  // pause and resume are declared together or not at all (checked at load).
  bool CanPause() const { return HasQuery("pause") && HasQuery("resume"); }
};

// Parses pattern.yaml text. `dir` is where its files live; when `check_files`
// is set each named file must exist there. Fails with kInvalidArgument
// naming the key or file at fault.
Result<Pattern> ParsePattern(const std::string& yaml_text, const std::string& dir,
                             bool check_files = true);

// Loads `dir`/pattern.yaml. A runner.yaml left beside it is an error that
// says where its keys went (they are pattern.yaml keys now).
Result<Pattern> LoadPattern(const std::string& dir);

// Whether `a`'s contends_with entries that name `b` can be honoured:
// `while_measuring: pause` needs b's pause and resume queries. Checked once
// both are loaded (the runner, for every pair of chosen patterns);
// kInvalidArgument naming both and what is missing.
Status CheckContention(const Pattern& a, const Pattern& b);
// CheckContention for every ordered pair of `chosen`.
Status CheckContentions(const std::vector<Pattern>& chosen);

// Every --set key must be a setting of at least one chosen pattern:
// kInvalidArgument "--set puase=1: no chosen pattern declares 'puase'
// (declared: ...)" otherwise.
Status CheckSetKeys(const std::vector<Pattern>& chosen,
                    const std::map<std::string, std::string>& set);

// Where pattern folders are looked for: $FRESHBENCH_PATTERNS, else
// ./patterns when it exists, else the source tree's patterns/.
std::string DefaultPatternsRoot();

// The folder under `root` for `id` ("p1" finds "p1-clickhouse"; the full
// folder name works too). kInvalidArgument listing the known ids otherwise.
Result<std::string> FindPatternDir(const std::string& root, const std::string& id);

// Ids of every pattern folder under `root`, sorted.
std::vector<std::string> ListPatternIds(const std::string& root);

}  // namespace freshbench
