#!/usr/bin/env bash
# Runs the unit tests, then the integration tests against the real local
# stack (started here and stopped at the end). `scripts/test.sh integration`
# runs only the integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
what=${1:-all}

if [ "$what" = all ] || [ "$what" = unit ]; then
  (cd "$BUILD_DIR" && ctest -L unit --output-on-failure)
fi
if [ "$what" = all ] || [ "$what" = integration ]; then
  # The tests run from the build directory: give them an absolute home so
  # they find the stack started here.
  FRESHBENCH_HOME=$(realpath -m "${FRESHBENCH_HOME:-.freshbench}")
  export FRESHBENCH_HOME
  FRESHBENCH=$(realpath "$BUILD_DIR/freshbench")
  scripts/fetch-jars.sh
  # Stop afterwards only what this script started: a stack the user had
  # running before stays up.
  started=()
  for c in kafka clickhouse; do
    "$FRESHBENCH" stack status --with "$c" >/dev/null 2>&1 || started+=("$c")
  done
  stack_down() {
    local rc=$?
    if [ ${#started[@]} -gt 0 ]; then
      local list
      list=$(IFS=,; echo "${started[*]}")
      "$FRESHBENCH" stack down --with "$list" || rc=1
    fi
    exit $rc
  }
  trap stack_down EXIT
  "$FRESHBENCH" stack up
  (cd "$BUILD_DIR" && ctest -L integration --output-on-failure)
fi
