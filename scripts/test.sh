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
  (cd "$BUILD_DIR" && ctest -L integration --output-on-failure)
fi
