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
  # The Flink + Fluss + Paimon lake runs too, for the P2/P3 test, which must
  # then pass: FRESHBENCH_LAKE_TEST=require (the default here) turns its
  # "lake not running" skip into a failure. FRESHBENCH_LAKE_TEST=skip leaves
  # the lake out (a machine without ~6 GiB to spare).
  lake_mode=${FRESHBENCH_LAKE_TEST:-require}
  components=(kafka clickhouse)
  lake=(zookeeper fluss-coordinator fluss flink-jobmanager flink-taskmanager flink)
  [ "$lake_mode" = skip ] || components+=("${lake[@]}")
  # Stop afterwards only what this script started: a stack the user had
  # running before stays up (--exact: a lake component's down must not take
  # the Kafka it requires with it).
  started=()
  for c in "${components[@]}"; do
    "$FRESHBENCH" stack status --exact --with "$c" >/dev/null 2>&1 || started+=("$c")
  done
  stack_down() {
    local rc=$?
    if [ ${#started[@]} -gt 0 ]; then
      local list
      list=$(IFS=,; echo "${started[*]}")
      "$FRESHBENCH" stack down --exact --with "$list" || rc=1
    fi
    exit $rc
  }
  trap stack_down EXIT
  "$FRESHBENCH" stack up
  lake_rc=0
  if [ "$lake_mode" != skip ]; then
    t0=$SECONDS
    "$FRESHBENCH" stack up --with flink || lake_rc=$?
    if [ $lake_rc -eq 0 ]; then
      echo "test.sh: lake up after $((SECONDS - t0)) s"
    else
      echo "test.sh: the lake (stack up --with flink) did not start: the P2/P3 test fails" >&2
    fi
  fi
  export FRESHBENCH_LAKE_TEST=$lake_mode
  rc=0
  (cd "$BUILD_DIR" && ctest -L integration --output-on-failure) || rc=$?
  [ $lake_rc -eq 0 ] || rc=1
  exit $rc
fi
