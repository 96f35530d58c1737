#!/usr/bin/env bash
# Run by scripts/fetch-jars.sh after the Maven fetch. Fetches Flink's own lib/ (flink-dist, table planner, runtime, log4j) and
# BashJavaUtils into $FRESHBENCH_HOME/jvm/flink-dist/{lib,bin}. flink-dist is
# not published to the Maven registry, so these come from the PyPI package
# apache-flink-libraries (same release, same jars as the binary tarball),
# fetched with pip. Safe to run twice: skipped once complete for this version.
set -euo pipefail
cd "$(dirname "$0")/../../.."
FLINK_VERSION=${FLINK_VERSION:-1.20.3}
HOME_DIR=${FRESHBENCH_HOME:-.freshbench}
dest="$HOME_DIR/jvm/flink-dist"
[ -f "$dest/.fetched" ] && [ "$(cat "$dest/.fetched")" = "$FLINK_VERSION" ] && exit 0

command -v python3 >/dev/null || { echo "fetch-extra: python3 not found; run scripts/install-deps.sh" >&2; exit 1; }
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-extra: pip not found; run scripts/install-deps.sh" >&2; exit 1; }
echo "fetch-extra: fetching apache-flink-libraries $FLINK_VERSION into $dest"
tmp="$dest.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp/download" "$tmp/lib" "$tmp/bin"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps \
  "apache-flink-libraries==$FLINK_VERSION" -d "$tmp/download" 2>&1 | grep -v '^$' || true
sdist=$(ls "$tmp"/download/apache*flink*libraries-"$FLINK_VERSION".tar.gz 2>/dev/null | head -1)
[ -n "$sdist" ] || { echo "fetch-extra: pip did not deliver apache-flink-libraries $FLINK_VERSION" >&2; exit 1; }
tar -xzf "$sdist" -C "$tmp/download" --wildcards '*/deps/lib/*.jar' '*/deps/bin/bash-java-utils.jar'
mv "$tmp"/download/*/deps/lib/*.jar "$tmp/lib/"
mv "$tmp"/download/*/deps/bin/bash-java-utils.jar "$tmp/bin/"
rm -rf "$tmp/download"
echo "$FLINK_VERSION" > "$tmp/.fetched"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
echo "fetch-extra: flink-dist: $(ls "$dest/lib" | wc -l) jars"
