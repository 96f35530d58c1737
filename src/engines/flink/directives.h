// Statements the Flink driver carries out itself instead of sending them to
// the SQL Gateway, so a Flink pattern stays data (docs/patterns.md, "Flink
// driver statements"):
//
//   RUN JAR '<jar>' ENTRY '<main class>' [ARGS '<arg> <arg> ...']
//       upload the jar to the JobManager and run it (a relative path is
//       under $FRESHBENCH_HOME/jvm/)
//   CANCEL JOBS '<job name>'[, '<job name>' ...]
//       cancel every running job with one of these names and wait (60 s at
//       most) until they have stopped (none running: no-op)
//   IF NOT RUNNING '<job name>' <statement>
//       run <statement> (SQL or one of the above) only when no job of that
//       name is running, so setup can be run twice
//   IF TABLE MISSING '<catalog>.<database>.<table>' <statement>
//       run <statement> only when that table does not exist (Fluss refuses
//       even CREATE TABLE IF NOT EXISTS once the table's lake holds data)
//
// Keywords are case-insensitive; strings are single-quoted with '' for a
// quote. Also: ${name} placeholders the driver fills itself (endpoints the
// pattern runner does not know). Pure functions; safe from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/status.h"

namespace freshbench::flink {

struct RunJar {
  std::string jar;
  std::string entry_class;
  std::vector<std::string> args;
};

struct CancelJobs {
  std::vector<std::string> names;
};

struct SqlText {
  std::string sql;
};

struct DriverStatement {
  std::optional<std::string> unless_running;  // job name guarding it
  std::optional<std::string> unless_table;    // catalog.database.table guarding it
  std::variant<SqlText, RunJar, CancelJobs> action;
};

// Classifies one statement. Plain SQL comes back as SqlText untouched.
// Fails with kInvalidArgument for a malformed RUN JAR / CANCEL JOBS /
// IF NOT RUNNING.
Result<DriverStatement> ParseDriverStatement(const std::string& statement);

// Replaces ${name} by values[name]; kInvalidArgument naming an unknown one.
// "$" not followed by "{" is left alone.
Result<std::string> ExpandDriverPlaceholders(const std::string& text,
                                             const std::map<std::string, std::string>& values);

}  // namespace freshbench::flink
