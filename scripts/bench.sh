#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
for b in "$BUILD_DIR"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b"
done
# Scripted benchmarks (they need the local stack for some figures).
for s in bench/*_bench.sh; do
  [ -x "$s" ] || continue
  echo "== $s"
  "$s"
done
