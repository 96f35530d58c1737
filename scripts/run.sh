#!/usr/bin/env bash
# The main job (`make run`): start the local stack, then run the benchmark
# (every pattern whose engine is there; the others are listed as skipped).
# Extra arguments go to `freshbench run` (e.g. scripts/run.sh --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/freshbench" version
scripts/fetch-jars.sh
exec "$BUILD_DIR/freshbench" run --stack local "$@"
