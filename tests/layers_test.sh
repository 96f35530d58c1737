#!/usr/bin/env bash
# The layer check (scripts/check-layers.sh) passes on src/ and fails on a
# copy of src/ with one upward include added (tests/fixtures/layers/).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
check="$root/scripts/check-layers.sh"
fail() { echo "FAIL: $*"; exit 1; }

out=$("$check" "$root/src" 2>&1) || fail "src/ breaks the layer rule:"$'\n'"$out"
echo "$out"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/src" "$tmp/src"
cp "$root/tests/fixtures/layers/upward_include.cc" "$tmp/src/engines/upward_include.cc"
out=$("$check" "$tmp/src" 2>&1)
rc=$?
echo "$out"
[[ $rc -eq 1 ]] || fail "an upward include passed the check (exit $rc)"
grep -q '^src/engines/upward_include.cc:3: engines/ includes measure/metrics.h, but measure/ is not below engines/' <<<"$out" ||
  fail "the offence is not named"

# A folder the table does not know is refused too.
rm "$tmp/src/engines/upward_include.cc"
mkdir "$tmp/src/newfolder"
out=$("$check" "$tmp/src" 2>&1) && fail "a folder missing from src/layers.txt passed"
grep -q 'src/newfolder/: not in src/layers.txt' <<<"$out" || fail "the unknown folder is not named"
echo "layers_test: 3 checks passed"
