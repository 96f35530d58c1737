#!/usr/bin/env bash
# Fails (exit 1, one line per offence) when a file under SRC includes a
# header of a folder that is not below its own in SRC/layers.txt, when a
# folder includes another folder that its CMakeLists.txt does not link, or
# when a folder is missing from the table. Run by `make test` (ctest -L unit,
# LayersTest).
#
#   scripts/check-layers.sh [SRC]     (default: the src/ beside this script)
set -euo pipefail

src=$(cd "${1:-"$(dirname "$0")/../src"}" && pwd)
[[ -f $src/layers.txt ]] || { echo "check-layers: no $src/layers.txt" >&2; exit 2; }
cd "$src"

# One awk pass: the table, each folder's links, then every project include.
# Record kinds: "T <line of the table>", "L <folder> <linked library>...",
# "D <folder>", "I <file>:<line>:<include line>".
{
  grep -vE '^[[:space:]]*(#|$)' layers.txt | sed 's/^/T /'
  for dir in */; do
    folder=${dir%/}
    echo "D $folder"
    if [[ -f $folder/CMakeLists.txt ]]; then
      echo "L $folder $(grep -oE 'freshbench_[a-z_]+' "$folder/CMakeLists.txt" | sed 's/^freshbench_//' | tr '\n' ' ')"
    fi
  done
  grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]+/' --include='*.h' --include='*.cc' . |
    sed 's,^\./,I ,'
} | awk '
  $1 == "T" { lines[++n] = $0; next }
  $1 == "D" { folders[$2] = 1; next }
  $1 == "L" { for (i = 3; i <= NF; i++) links[$2 " " $i] = 1; next }
  $1 == "I" {
    sub(/^I /, "")
    split($0, parts, ":"); file = parts[1]; line = parts[2]
    split(file, path, "/"); from = path[1]
    header = $0; sub(/^[^"]*"/, "", header); sub(/".*$/, "", header)
    split(header, h, "/"); to = h[1]
    incs[++m] = from SUBSEP to SUBSEP header SUBSEP file ":" line
    next
  }
  END {
    for (i = 1; i <= n; i++) {
      k = split(lines[i], names, " ")
      for (j = 2; j <= k; j++) rank[names[j]] = n - i + 1
    }
    bad = 0
    for (f in folders) if (!(f in rank)) {
      print "src/" f "/: not in src/layers.txt (add it on the line of its layer)"; bad = 1
    }
    for (key in links) {
      split(key, kv, " ")
      if (kv[2] != kv[1] && (kv[2] in rank) && (kv[1] in rank) && rank[kv[2]] >= rank[kv[1]]) {
        print "src/" kv[1] "/CMakeLists.txt: links freshbench_" kv[2] ", which is not below " kv[1] " in src/layers.txt"; bad = 1
      }
    }
    for (i = 1; i <= m; i++) {
      split(incs[i], x, SUBSEP); from = x[1]; to = x[2]; header = x[3]; where = "src/" x[4]
      if (from == to || !(to in rank) || !(from in rank)) continue
      if (rank[to] >= rank[from]) {
        print where ": " from "/ includes " header ", but " to "/ is not below " from "/ in src/layers.txt"; bad = 1
      } else if (!((from " " to) in links)) {
        print where ": " from "/ includes " header ", but src/" from "/CMakeLists.txt does not link freshbench_" to; bad = 1
      }
    }
    exit bad
  }' || {
  echo "check-layers: includes must point down (src/layers.txt, src/README.md)" >&2
  exit 1
}
echo "check-layers: every include in $(basename "$src")/ points down"
