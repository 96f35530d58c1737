#!/usr/bin/env bash
# `freshbench generate` against the client library's own ceiling (issue 14):
# librdkafka's producer benchmark, rdkafka_performance, built from the Debian
# source package of the librdkafka installed here and linked against that
# installed library, side by side into the local broker.
#
# Both send RECORDS messages of the real events' mean size (measured from
# `freshbench generate --sink stdout`), acks=1, linger 5 ms, batch 131072,
# for lz4 and none; runs alternate (rdkafka_performance, freshbench, ...) and
# each figure is the median of RUNS. rdkafka_performance sends one constant
# unkeyed payload from one thread; freshbench sends real keyed JSON (murmur2
# partitioner, 4 threads). Each figure is what the tool itself measures from
# its first send to its last delivery report: rdkafka_performance's
# "msgs/s", freshbench's delivered / drained_s. Also printed: each one's
# CPU seconds per million messages (user + system; less load-dependent).
#
# The built binary is cached in $FRESHBENCH_HOME/bench/ (nothing of it is in
# the repository). Building needs dpkg-dev and a C compiler; the deb-src entry
# is made at run time from this machine's own apt source entry for the
# installed librdkafka, in a temporary apt directory: nothing system-wide is
# changed. Needs the local Kafka (`freshbench stack up --with kafka`);
# skipped with a note when it does not answer. Prints, never asserts.
#
#   bench/gen_ceiling_bench.sh [--records N] [--runs R]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FB="$BUILD_DIR/freshbench"
export FRESHBENCH_HOME=${FRESHBENCH_HOME:-$PWD/.freshbench}
RECORDS=1000000
RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --records) RECORDS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "gen_ceiling_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
OFFSET=${FRESHBENCH_PORT_OFFSET:-0}
BOOTSTRAP=${FRESHBENCH_KAFKA:-127.0.0.1:$((9092 + OFFSET))}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

note() { echo "gen_ceiling_bench: $*" >&2; }

# One numeric field of a JSON line: field NAME < line
field() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }

# The deb-src entries for the apt origin the installed librdkafka came from,
# made from this machine's own source files (deb822 stanzas or one-line).
write_deb_src() {
  local origin=$1 out=$2 f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources)
        awk -v uri="$origin" 'BEGIN { RS = ""; ORS = "\n\n" }
          { n = split($0, lines, "\n"); hit = 0; out = ""
            for (i = 1; i <= n; i++) {
              if (lines[i] ~ /^URIs:/) { m = split(lines[i], u, /[ \t]+/)
                for (j = 2; j <= m; j++) if (u[j] == uri || u[j] == uri "/") hit = 1 }
              if (lines[i] ~ /^Types:/) lines[i] = "Types: deb-src"
              out = out (i > 1 ? "\n" : "") lines[i] }
            if (hit) print out }' \
          "$f" >>"$out/sources.list.d/fb-src.sources"
        ;;
      *)
        awk -v uri="$origin" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == uri || $i == uri "/")
          { $1 = "deb-src"; print; break } }' "$f" >>"$out/sources.list.d/fb-src.list"
        ;;
    esac
  done
  [ -s "$out/sources.list.d/fb-src.sources" ] || [ -s "$out/sources.list.d/fb-src.list" ]
}

# Prints the path of rdkafka_performance for the installed librdkafka,
# building it first if it is not cached; fails with a note on the way.
rdkafka_performance() {
  local pkg=librdkafka-dev ver src bin origin apt srcdir
  ver=$(dpkg-query -W -f='${source:Version}' "$pkg" 2>/dev/null) || { note "$pkg is not installed"; return 1; }
  src=$(dpkg-query -W -f='${source:Package}' "$pkg")
  bin="$FRESHBENCH_HOME/bench/rdkafka_performance-$ver"
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  command -v dpkg-source >/dev/null || { note "building rdkafka_performance needs dpkg-dev"; return 1; }
  command -v cc >/dev/null || { note "building rdkafka_performance needs a C compiler"; return 1; }
  # The origin (archive URI) of the installed version, from apt's own view.
  origin=$(apt-cache policy "$pkg" | awk '/^ \*\*\* / { f = 1; next }
    f && /^     [^ ]/ { exit } f && $2 ~ /:\/\// { print $2; exit }')
  [ -n "$origin" ] || { note "no apt origin found for $pkg $ver"; return 1; }
  apt="$TMP/apt"
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$TMP/src"
  write_deb_src "$origin" "$apt" || { note "no apt source entry for $origin"; return 1; }
  local o=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
           -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Sandbox::User=root")
  note "building rdkafka_performance from the $src $ver source package (cached after)"
  apt-get "${o[@]}" -qq update >"$TMP/apt.log" 2>&1 || { note "apt-get update failed"; tail -3 "$TMP/apt.log" >&2; return 1; }
  (cd "$TMP/src" && apt-get "${o[@]}" -qq source "$src=$ver") >>"$TMP/apt.log" 2>&1 ||
    { note "apt-get source $src=$ver failed"; tail -3 "$TMP/apt.log" >&2; return 1; }
  srcdir=$(find "$TMP/src" -mindepth 1 -maxdepth 1 -type d | head -1)
  # rd.h (used by the example) wants the configure output config.h; the
  # library itself is the installed one (its header first on the path).
  (cd "$srcdir" && ./configure --prefix=/usr) >"$TMP/configure.log" 2>&1 ||
    { note "configure failed"; tail -3 "$TMP/configure.log" >&2; return 1; }
  mkdir -p "$FRESHBENCH_HOME/bench"
  cc -O2 -I/usr/include/librdkafka -I"$srcdir/src" "$srcdir/examples/rdkafka_performance.c" \
    -o "$bin.tmp" -lrdkafka -lpthread -lm 2>"$TMP/cc.log" ||
    { note "compiling rdkafka_performance failed"; tail -3 "$TMP/cc.log" >&2; return 1; }
  mv "$bin.tmp" "$bin"
  echo "$bin"
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "freshbench: $("$FB" version)"
echo "librdkafka: $(dpkg-query -W -f='${Version}' librdkafka1 2>/dev/null || echo '?')"

if ! "$FB" generate --bootstrap "$BOOTSTRAP" --count 1 --target-rps 0 2>/dev/null; then
  echo "skipped: no Kafka broker at $BOOTSTRAP (run: $FB stack up --with kafka)"
  exit 0
fi
RKP=$(rdkafka_performance) || RKP=""

JAVA_CP="$FRESHBENCH_HOME/jvm/kafka/*"
topic=fb_bench_ceiling
# 12 partitions like the default topic; small retention, deleted at the end.
java -cp "$JAVA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
  --create --if-not-exists --topic "$topic" --partitions 12 --replication-factor 1 \
  --config retention.bytes=134217728 --config segment.bytes=33554432 >/dev/null 2>&1 || true
trap 'java -cp "$JAVA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
  --delete --topic "$topic" >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT

"$FB" generate --sink stdout --count 100000 --seed 1 --target-rps 0 2>/dev/null >"$TMP/payloads.txt"
size=$(awk '{ s += length($0) } END { printf "%.0f", s / NR }' "$TMP/payloads.txt")
echo "message size: $size bytes (mean of 100000 real events from --sink stdout)"
echo "each: $RECORDS messages, acks=1, linger 5 ms, batch 131072, into $BOOTSTRAP topic $topic (12 partitions)"
echo "medians of $RUNS alternating runs"
echo

echo "| compression | rdkafka_performance msgs/s | freshbench generate events/s | ratio | CPU s per M: rdkafka_performance | CPU s per M: freshbench |"
echo "|---|---:|---:|---:|---:|---:|"
for codec in lz4 none; do
  : >"$TMP/rkp.$codec"; : >"$TMP/rkpcpu.$codec"; : >"$TMP/fb.$codec"; : >"$TMP/cpu.$codec"
  for _ in $(seq "$RUNS"); do
    if [ -n "$RKP" ]; then
      # bash's time: the child's user + system CPU seconds.
      { TIMEFORMAT='%U %S'; time "$RKP" -P -t "$topic" -b "$BOOTSTRAP" -s "$size" -c "$RECORDS" \
          -a 1 -z "$codec" -X linger.ms=5 -X batch.size=131072 >"$TMP/rkp.out" 2>&1 || true; } \
        2>"$TMP/rkp.time"
      rate=$(sed -n 's/.* \([0-9][0-9]*\) delivered .* \([0-9][0-9]*\) msgs\/s .*/\1 \2/p' \
        "$TMP/rkp.out" | awk -v n="$RECORDS" '$1 == n { r = $2 } END { print r }')
      if [ -n "$rate" ]; then
        echo "$rate" >>"$TMP/rkp.$codec"
        awk -v n="$RECORDS" '{ printf "%.3f\n", ($1 + $2) / n * 1e6 }' "$TMP/rkp.time" >>"$TMP/rkpcpu.$codec"
      fi
    fi
    "$FB" generate --bootstrap "$BOOTSTRAP" --topic "$topic" --count "$RECORDS" --target-rps 0 \
      --acks 1 --compression "$codec" --linger-ms 5 --batch-size 131072 --stats json \
      2>"$TMP/fb.out" || true
    sum=$(grep '"summary"' "$TMP/fb.out" || true)
    delivered=$(echo "$sum" | field delivered)
    drained=$(echo "$sum" | field drained_s)
    cpu=$(echo "$sum" | field cpu_s)
    if [ "$delivered" = "$RECORDS" ] && [ -n "$drained" ]; then
      awk -v d="$delivered" -v t="$drained" 'BEGIN { printf "%.0f\n", d / t }' >>"$TMP/fb.$codec"
      awk -v d="$delivered" -v c="$cpu" 'BEGIN { printf "%.3f\n", c / d * 1e6 }' >>"$TMP/cpu.$codec"
    else
      note "freshbench $codec run incomplete: $(tail -1 "$TMP/fb.out")"
    fi
  done
  rkp=$(median <"$TMP/rkp.$codec")
  fb=$(median <"$TMP/fb.$codec")
  cpu=$(median <"$TMP/cpu.$codec")
  rkpcpu=$(median <"$TMP/rkpcpu.$codec")
  ratio=$(awk -v a="$fb" -v b="$rkp" 'BEGIN { if (a != "" && b > 0) printf "%.2fx", a / b; else print "?" }')
  echo "| $codec | ${rkp:-unavailable} | ${fb:-failed} | $ratio | ${rkpcpu:-?} | ${cpu:-?} |"
  echo "  runs: rdkafka_performance $(paste -sd' ' "$TMP/rkp.$codec"); freshbench $(paste -sd' ' "$TMP/fb.$codec")" >&2
done
echo
echo "target: ratio >= 0.9 for both; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
