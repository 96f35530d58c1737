#!/usr/bin/env bash
# The main job (`make run`): start the local stack, then run the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/freshbench" version
