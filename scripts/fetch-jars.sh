#!/usr/bin/env bash
# Fetches the jars of the local stack's JVM engines from the Maven registry,
# by name and version as pinned in deploy/local/<engine>/pom.xml, into
# $FRESHBENCH_HOME/jvm/<engine>/ (FRESHBENCH_HOME defaults to ./.freshbench).
#
#   scripts/fetch-jars.sh            every engine with a deploy/local/*/pom.xml
#   scripts/fetch-jars.sh kafka      only the named ones
#
# Safe to run twice, and fast then: an engine whose pom.xml (and optional
# mvn.args, extra arguments for `mvn`) is unchanged since its last complete
# fetch is skipped. A fetch goes to a temporary directory first, so an
# interrupted one never leaves a half-filled jar directory behind.
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR=${FRESHBENCH_HOME:-.freshbench}

engines=("$@")
if [ ${#engines[@]} -eq 0 ]; then
  for pom in deploy/local/*/pom.xml; do
    [ -e "$pom" ] || continue
    engines+=("$(basename "$(dirname "$pom")")")
  done
fi

command -v mvn >/dev/null || { echo "fetch-jars: mvn not found; run scripts/install-deps.sh" >&2; exit 1; }

for engine in "${engines[@]}"; do
  pom="deploy/local/$engine/pom.xml"
  [ -f "$pom" ] || { echo "fetch-jars: no $pom" >&2; exit 2; }
  args_file="deploy/local/$engine/mvn.args"
  extra=()
  [ -f "$args_file" ] && read -r -a extra < "$args_file"
  dest="$HOME_DIR/jvm/$engine"
  stamp_files=("$pom")
  [ -f "$args_file" ] && stamp_files+=("$args_file")
  stamp=$(cat "${stamp_files[@]}" | sha256sum | cut -d' ' -f1)
  if [ -f "$dest/.fetched" ] && [ "$(cat "$dest/.fetched")" = "$stamp" ]; then
    continue
  fi
  echo "fetch-jars: fetching $engine jars into $dest"
  tmp="$dest.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
      -DoutputDirectory="$(cd "$tmp" && pwd)" -DincludeScope=runtime "${extra[@]}" 2>&1 \
      | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d'
  echo "$stamp" > "$tmp/.fetched"
  rm -rf "$dest"
  mv "$tmp" "$dest"
  trap - EXIT
  echo "fetch-jars: $engine: $(find "$dest" -name '*.jar' | wc -l) jars"
done

# Jars that are not on the Maven registry: an engine's own idempotent
# deploy/local/<engine>/fetch-extra.sh (Flink's lib/ comes from PyPI).
for engine in "${engines[@]}"; do
  extra_script="deploy/local/$engine/fetch-extra.sh"
  if [ -x "$extra_script" ]; then "$extra_script"; fi
done
