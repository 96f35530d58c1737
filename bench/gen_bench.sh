#!/usr/bin/env bash
# Figures for `freshbench generate` (issue 2). Prints, never asserts:
#   1. encoder alone: --sink null, one thread, unlimited rate     (target >= 5M events/s)
#   2. into the local broker, same record count, side by side with Kafka's
#      own ProducerPerformance fed real events (--payload-file)   (target ratio >= 0.9)
#   3. rate accuracy at 1k, 10k, 100k events/s: error of every full one-second window
#      (target within +-1%)
#   4. peak RSS of the 100k events/s run                          (target <= 256 MiB)
# Parts 2-4 need the local Kafka (`freshbench stack up --with kafka`); they are
# skipped with a note when it does not answer.
#
#   bench/gen_bench.sh [--records N] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FB="$BUILD_DIR/freshbench"
export FRESHBENCH_HOME=${FRESHBENCH_HOME:-$PWD/.freshbench}
RECORDS=1000000
SECONDS_PER_RATE=12
while [ $# -gt 0 ]; do
  case "$1" in
    --records) RECORDS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RATE=$2; shift 2 ;;
    *) echo "gen_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
OFFSET=${FRESHBENCH_PORT_OFFSET:-0}
BOOTSTRAP=${FRESHBENCH_KAFKA:-127.0.0.1:$((9092 + OFFSET))}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One numeric field of a JSON line: field NAME < line
field() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "freshbench: $("$FB" version)"

echo
echo "== 1. encoder alone (--sink null, 1 thread, unlimited, 5 s)"
"$FB" generate --sink null --threads 1 --target-rps 0 --duration 5 --stats json 2>"$TMP/null.json" || true
null_rps=$(grep '"summary"' "$TMP/null.json" | field mean_rps)
null_sent=$(grep '"summary"' "$TMP/null.json" | field sent)
null_cpu=$(grep '"summary"' "$TMP/null.json" | field cpu_s)
echo "events/s (wall clock): $null_rps   (target >= 5000000)"
awk -v n="$null_sent" -v c="$null_cpu" 'BEGIN { printf "events per CPU second (load-independent): %.0f\n", n / c }' 

if ! "$FB" generate --bootstrap "$BOOTSTRAP" --count 1 --target-rps 0 2>/dev/null; then
  echo
  echo "== 2-4 skipped: no Kafka broker at $BOOTSTRAP (run: $FB stack up --with kafka)"
  exit 0
fi

JAVA_CP="$FRESHBENCH_HOME/jvm/kafka/*"
topic=fb_bench_gen
java -cp "$JAVA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
  --create --if-not-exists --topic "$topic" --partitions 12 --replication-factor 1 >/dev/null 2>&1 || true

echo
echo "== 2. into the local broker: $RECORDS records, acks=1 lz4 linger 5 ms batch 131072"
"$FB" generate --sink stdout --count 100000 --seed 1 --target-rps 0 2>/dev/null >"$TMP/payloads.txt"
size=$(awk '{ s += length($0) } END { printf "%.0f", s / NR }' "$TMP/payloads.txt")
echo "payload: 100000 real events from --sink stdout, mean $size bytes"
java -cp "$JAVA_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
  --num-records "$RECORDS" --payload-file "$TMP/payloads.txt" --throughput -1 \
  --producer-props bootstrap.servers="$BOOTSTRAP" acks=1 compression.type=lz4 linger.ms=5 \
  batch.size=131072 >"$TMP/perf.txt" 2>&1 || true
perf_rps=$(grep -E "^$RECORDS records sent" "$TMP/perf.txt" | sed -n 's/.*sent, \([0-9.]*\) records\/sec.*/\1/p')
echo "ProducerPerformance: ${perf_rps:-failed} records/s"
[ -n "$perf_rps" ] || tail -3 "$TMP/perf.txt"
"$FB" generate --bootstrap "$BOOTSTRAP" --topic "$topic" --count "$RECORDS" --target-rps 0 \
  --acks 1 --compression lz4 --linger-ms 5 --batch-size 131072 --stats json 2>"$TMP/fb.json" || true
fb_sum=$(grep '"summary"' "$TMP/fb.json")
fb_rps=$(echo "$fb_sum" | field mean_rps)
echo "freshbench generate (4 threads, real JSON, keyed): $fb_rps events/s (delivered $(echo "$fb_sum" | field delivered), peak RSS $(echo "$fb_sum" | field peak_rss_mib) MiB)"
if [ -n "$perf_rps" ] && [ -n "$fb_rps" ]; then
  awk -v a="$fb_rps" -v b="$perf_rps" 'BEGIN { printf "ratio freshbench / ProducerPerformance: %.2f   (target >= 0.9)\n", a / b }'
fi

echo
echo "== 3. rate accuracy into the broker ($SECONDS_PER_RATE s per rate; full windows, first and last dropped)"
for rate in 1000 10000 100000; do
  "$FB" generate --bootstrap "$BOOTSTRAP" --topic "$topic" --target-rps "$rate" \
    --duration "$SECONDS_PER_RATE" --stats json 2>"$TMP/rate.json" || true
  grep -v summary "$TMP/rate.json" | sed '1d;$d' >"$TMP/windows.json"
  paste <(field window_events <"$TMP/windows.json") <(field window_s <"$TMP/windows.json") |
    awk -v r="$rate" '{ e = ($1 / $2 - r) / r * 100; if (e < 0) a = -e; else a = e;
                        if (a > max) max = a; if (a <= 1) ok++; n++;
                        s = s sprintf(" %+.2f", e) }
                      END { printf "%6d/s: %d/%d windows within +-1%%, worst %.2f%%; per window:%s\n", r, ok, n, max, s }'
  sum=$(grep '"summary"' "$TMP/rate.json")
  echo "         late (>10 ms behind schedule): $(echo "$sum" | field late) of $(echo "$sum" | field sent); peak RSS $(echo "$sum" | field peak_rss_mib) MiB"
  [ "$rate" = 100000 ] && rss100k=$(echo "$sum" | field peak_rss_mib)
done

echo
echo "== 4. peak RSS at 100000 events/s into the broker: ${rss100k:-?} MiB   (target <= 256)"
