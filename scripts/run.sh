#!/usr/bin/env bash
# The main job (`make run`): start the local stack, then run the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/freshbench" version
# Until the benchmark run exists (issue 2): the local Kafka, then a short,
# bounded generator run that ends with its summary.
scripts/fetch-kafka.sh
"$BUILD_DIR/freshbench" stack up --with kafka
"$BUILD_DIR/freshbench" generate --duration 10
