#!/usr/bin/env bash
# Figures for generator instances into a Kafka cluster (issue 11, part 5).
# Prints, never asserts: the aggregate rate of 1, 2 and 4 concurrent
# `freshbench generate --instance I/N --target-rps 0` processes into the
# local 3-broker cluster, beside what one instance reaches alone (ratio).
#
# Needs `freshbench stack up --brokers 3 --with kafka` (skipped with a note
# otherwise). Writes to its own topic fb_bench_scale (12 partitions,
# replication 3, min.insync.replicas 2), not the benchmark topic.
#
#   bench/scale_bench.sh [--seconds S] [--instances "1 2 4"]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FB="$BUILD_DIR/freshbench"
export FRESHBENCH_HOME=${FRESHBENCH_HOME:-$PWD/.freshbench}
SECONDS_PER_RUN=15
COUNTS="1 2 4"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --instances) COUNTS=$2; shift 2 ;;
    *) echo "scale_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
OFFSET=${FRESHBENCH_PORT_OFFSET:-0}
STATE="$FRESHBENCH_HOME/stack/kafka-cluster.properties"
BROKERS=$(sed -n 's/^brokers=//p' "$STATE" 2>/dev/null || true)
BROKERS=${BROKERS:-1}
# The cluster's bootstrap, as config/local_kafka.h lays the nodes out.
BOOTSTRAP=""
for n in $(seq 1 "$BROKERS"); do
  BOOTSTRAP="$BOOTSTRAP${BOOTSTRAP:+,}127.0.0.1:$((9092 + 20 * (n - 1) + OFFSET))"
done
BOOTSTRAP=${FRESHBENCH_KAFKA:-$BOOTSTRAP}
topic=fb_bench_scale
TMP=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

field() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p"; }

echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "freshbench: $("$FB" version)"
echo "kafka: $BROKERS broker(s) at $BOOTSTRAP"
if [ "$BROKERS" -lt 3 ] && [ -z "${FRESHBENCH_KAFKA:-}" ]; then
  echo "skipped: needs the 3-broker cluster (run: $FB stack up --brokers 3 --with kafka)"
  exit 0
fi
if ! "$FB" generate --bootstrap "$BOOTSTRAP" --count 1 --target-rps 0 2>/dev/null; then
  echo "skipped: no Kafka broker answers at $BOOTSTRAP"
  exit 0
fi
JAVA_CP="$FRESHBENCH_HOME/jvm/kafka/*"
java -cp "$JAVA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
  --create --if-not-exists --topic "$topic" --partitions 12 --replication-factor 3 \
  --config min.insync.replicas=2 >/dev/null 2>&1 || true

echo
echo "== aggregate rate of N instances, each --target-rps 0 (unlimited), $SECONDS_PER_RUN s, into $topic"
printf "%-10s %14s %18s %10s %12s %10s\n" instances "events/s" "per instance" "ratio" "delivered" "failed"
base=""
for n in $COUNTS; do
  pids=()
  for i in $(seq 0 $((n - 1))); do
    "$FB" generate --instance "$i/$n" --bootstrap "$BOOTSTRAP" --topic "$topic" --target-rps 0 \
      --duration "$SECONDS_PER_RUN" --stats json 2>"$TMP/$n.$i.json" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  pids=()
  # Aggregate: every instance's deliveries over the longest instance's time.
  read -r agg per delivered failed < <(
    for i in $(seq 0 $((n - 1))); do
      s=$(grep '"summary"' "$TMP/$n.$i.json" || true)
      echo "$(echo "$s" | field delivered) $(echo "$s" | field elapsed_s) $(echo "$s" | field failed)"
    done | awk -v n="$n" '{ d += $1; f += $3; if ($2 > t) t = $2 }
                          END { if (t > 0) printf "%.0f %.0f %d %d\n", d / t, d / t / n, d, f;
                                else print "0 0 0 0" }')
  [ -n "$base" ] || base=$agg
  ratio=$(awk -v a="$agg" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  printf "%-10s %14s %18s %10s %12s %10s\n" "$n" "$agg" "$per" "${ratio}x" "$delivered" "$failed"
done
echo "(ratio: aggregate events/s against one instance alone; on $(nproc) cores the instances share the CPU with the brokers)"
