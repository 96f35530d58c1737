#!/usr/bin/env bash
# Starts, checks and stops the seed's phase-3 services as plain JVM processes
# (no tarballs, no Docker): ZooKeeper (Fluss's shaded copy), a Fluss
# coordinator and tablet server with the Paimon lake on the local filesystem,
# and a Flink session cluster (JobManager, TaskManager, SQL Gateway).
#
#   deploy/local/flink/lake-stack.sh up|down|status|fetch
#
# Kafka is not started here (the local stack's own). Every port shifts by
# FRESHBENCH_PORT_OFFSET; state lives in $FRESHBENCH_HOME/stack/<name>/
# (config, pid, log) and $FRESHBENCH_HOME/data/. `up` is idempotent: a
# process already answering is left alone. A process that does not come up
# is named with its log's last lines, everything this call started is
# stopped again, and the exit code is 1.
#
# This is the reference for the exact command lines; `freshbench stack`
# drives the same processes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
O=${FRESHBENCH_PORT_OFFSET:-0}
H=${FRESHBENCH_HOME:-.freshbench}
mkdir -p "$H"
H=$(cd "$H" && pwd)
JVM="$H/jvm"
ST="$H/stack"
DATA="$H/data"

ZK_PORT=$((2182 + O))
FLUSS_PORT=$((9124 + O))
TABLET_PORT=$((9125 + O))
REST_PORT=$((8081 + O))
JM_RPC_PORT=$((6126 + O))
GATEWAY_PORT=$((8083 + O))

# Heap sizes for a 2-core, 24 GiB machine shared with Kafka and ClickHouse.
ZK_HEAP=${FRESHBENCH_ZK_HEAP:-128m}
FLUSS_COORD_HEAP=${FRESHBENCH_FLUSS_COORDINATOR_HEAP:-512m}
FLUSS_TABLET_HEAP=${FRESHBENCH_FLUSS_TABLET_HEAP:-1g}
JM_PROCESS=${FRESHBENCH_FLINK_JM_PROCESS:-1024m}
TM_PROCESS=${FRESHBENCH_FLINK_TM_PROCESS:-3072m}
TM_SLOTS=${FRESHBENCH_FLINK_TM_SLOTS:-8}
GATEWAY_HEAP=${FRESHBENCH_FLINK_GATEWAY_HEAP:-512m}

log() { echo "lake-stack: $*" >&2; }

flink_cp() {
  local extra
  extra=$(ls "$JVM"/flink/lib/*.jar "$JVM"/flink-dist/lib/*.jar | grep -v '/flink-dist-[0-9]' | sort | tr '\n' ':')
  echo "${extra}$(ls "$JVM"/flink-dist/lib/flink-dist-*.jar)"
}
fluss_env() { echo "FLUSS_PLUGINS_DIR=$JVM/fluss/plugins"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -f "$ST/$1/pid" ] && kill -0 "$(cat "$ST/$1/pid")" 2>/dev/null; }

write_configs() {
  mkdir -p "$ST"/{zookeeper,fluss-coordinator,fluss-tablet,flink/conf} "$DATA"/{zookeeper,fluss-remote,paimon,flink}
  cat > "$ST/zookeeper/zoo.cfg" <<EOF
tickTime=2000
dataDir=$DATA/zookeeper
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr
EOF
  for r in coordinator tablet; do
    local port=$FLUSS_PORT
    [ $r = tablet ] && port=$TABLET_PORT
    cat > "$ST/fluss-$r/server.yaml" <<EOF
zookeeper.address: 127.0.0.1:$ZK_PORT
bind.listeners: FLUSS://127.0.0.1:$port
data.dir: $DATA/fluss-$r
remote.data.dir: $DATA/fluss-remote
default.bucket.number: 1
default.replication.factor: 1
datalake.format: paimon
datalake.paimon.metastore: filesystem
datalake.paimon.warehouse: $DATA/paimon
EOF
  done
  echo "tablet-server.id: 0" >> "$ST/fluss-tablet/server.yaml"
  cat > "$ST/flink/conf/config.yaml" <<EOF
jobmanager:
  rpc: {address: 127.0.0.1, port: $JM_RPC_PORT}
  bind-host: 127.0.0.1
  memory: {process: {size: $JM_PROCESS}}
taskmanager:
  bind-host: 127.0.0.1
  host: 127.0.0.1
  numberOfTaskSlots: $TM_SLOTS
  memory: {process: {size: $TM_PROCESS}}
parallelism: {default: 1}
rest: {address: 127.0.0.1, bind-address: 127.0.0.1, port: $REST_PORT}
blob: {server: {port: "0"}}
io: {tmp: {dirs: $DATA/flink/tmp}}
web: {upload: {dir: $DATA/flink/upload}}
execution: {checkpointing: {interval: 10s}}
task: {cancellation: {interval: 2000}}
state: {checkpoints: {dir: "file://$DATA/flink/checkpoints"}}
table: {local-time-zone: UTC}
sql-gateway: {endpoint: {rest: {address: 127.0.0.1, bind-address: 127.0.0.1, port: $GATEWAY_PORT}}}
EOF
  cp "$ROOT/deploy/local/flink/log4j.properties" "$ST/flink/conf/log4j.properties"
}

# start NAME PORT CMD...: runs CMD in the background unless PORT already
# answers, then waits up to 90 s for PORT.
STARTED=()
start() {
  local name=$1 port=$2
  shift 2
  if listening "$port"; then
    log "$name already listening on 127.0.0.1:$port"
    return 0
  fi
  mkdir -p "$ST/$name"
  local logf="$ST/$name/$name.log"
  : > "$ST/$name/$name.out"
  env "$@" >> "$ST/$name/$name.out" 2>&1 < /dev/null &
  echo $! > "$ST/$name/pid"
  STARTED+=("$name")
  for _ in $(seq 1 180); do
    listening "$port" && { log "$name up on 127.0.0.1:$port (pid $(cat "$ST/$name/pid"))"; return 0; }
    alive "$name" || break
    sleep 0.5
  done
  log "$name did not come up on 127.0.0.1:$port; last lines of its log:"
  tail -n 15 "$ST/$name/$name.out" "$logf" 2>/dev/null | sed 's/^/  /' >&2
  for s in $(printf '%s\n' "${STARTED[@]}" | tac); do stop_one "$s"; done
  exit 1
}

stop_one() {
  local name=$1
  alive "$name" || { rm -f "$ST/$name/pid"; return 0; }
  local pid
  pid=$(cat "$ST/$name/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$ST/$name/pid"
  log "$name stopped"
}

bash_java_utils() {  # MODE -> two lines: JVM flags, then -D settings
  java -cp "$(flink_cp):$JVM/flink-dist/bin/bash-java-utils.jar" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$ST/flink/conf" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

up() {
  for d in fluss/lib fluss/plugins/paimon flink/lib flink/gateway flink/jobs flink-dist/lib; do
    [ -d "$JVM/$d" ] || { log "missing $JVM/$d; run: deploy/local/flink/lake-stack.sh fetch"; exit 1; }
  done
  write_configs
  local opens flinkcp log4j_fluss
  opens=$(tr '\n' ' ' < "$ROOT/deploy/local/flink/java17.opts")
  flinkcp=$(flink_cp)
  log4j_fluss="-Dlog4j.configurationFile=file:$ROOT/deploy/local/fluss/log4j2.properties"
  start zookeeper $ZK_PORT java -Xmx$ZK_HEAP "-Dlog.file=$ST/zookeeper/zookeeper.log" "$log4j_fluss" \
    -cp "$JVM/fluss/lib/*" org.apache.fluss.shaded.zookeeper3.org.apache.zookeeper.server.quorum.QuorumPeerMain \
    "$ST/zookeeper/zoo.cfg"
  for r in coordinator tablet; do
    local cls=org.apache.fluss.server.coordinator.CoordinatorServer port=$FLUSS_PORT heap=$FLUSS_COORD_HEAP
    [ $r = tablet ] && { cls=org.apache.fluss.server.tablet.TabletServer; port=$TABLET_PORT; heap=$FLUSS_TABLET_HEAP; }
    # shellcheck disable=SC2086
    start fluss-$r $port "$(fluss_env)" java -Xmx$heap -Xms$heap $opens "-Dlog.file=$ST/fluss-$r/fluss-$r.log" \
      "$log4j_fluss" -cp "$JVM/fluss/lib/*" $cls -c "$ST/fluss-$r"
  done
  local jm tm
  jm=$(bash_java_utils GET_JM_RESOURCE_PARAMS)
  tm=$(bash_java_utils GET_TM_RESOURCE_PARAMS)
  [ "$(echo "$jm" | wc -l)" -ge 2 ] && [ "$(echo "$tm" | wc -l)" -ge 2 ] \
    || { log "BashJavaUtils did not resolve Flink's memory settings"; exit 1; }
  local flog="-Dlog4j.configurationFile=file:$ST/flink/conf/log4j.properties"
  # shellcheck disable=SC2046,SC2086
  start flink-jobmanager $REST_PORT FLINK_CONF_DIR="$ST/flink/conf" java $(echo "$jm" | sed -n 1p) $opens \
    "-Dlog.file=$ST/flink-jobmanager/flink-jobmanager.log" "$flog" -cp "$flinkcp" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$ST/flink/conf" --executionMode cluster $(echo "$jm" | sed -n 2p)
  # The TaskManager opens no fixed port: wait for it to register instead.
  if ! curl -sf "http://127.0.0.1:$REST_PORT/taskmanagers" | grep -q '"id"'; then
    mkdir -p "$ST/flink-taskmanager"
    # shellcheck disable=SC2046,SC2086
    FLINK_CONF_DIR="$ST/flink/conf" java $(echo "$tm" | sed -n 1p) $opens \
      "-Dlog.file=$ST/flink-taskmanager/flink-taskmanager.log" "$flog" -cp "$flinkcp" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$ST/flink/conf" \
      $(echo "$tm" | sed -n 2p) > "$ST/flink-taskmanager/flink-taskmanager.out" 2>&1 < /dev/null &
    echo $! > "$ST/flink-taskmanager/pid"
    STARTED+=(flink-taskmanager)
    local ok=0
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$REST_PORT/taskmanagers" | grep -q '"id"' && { ok=1; break; }
      alive flink-taskmanager || break
      sleep 0.5
    done
    if [ $ok = 0 ]; then
      log "flink-taskmanager did not register; last lines of its log:"
      tail -n 15 "$ST/flink-taskmanager/"*.{out,log} 2>/dev/null | sed 's/^/  /' >&2
      for s in $(printf '%s\n' "${STARTED[@]}" | tac); do stop_one "$s"; done
      exit 1
    fi
    log "flink-taskmanager registered ($TM_SLOTS slots)"
  fi
  # shellcheck disable=SC2086
  start flink-sql-gateway $GATEWAY_PORT FLINK_CONF_DIR="$ST/flink/conf" java -Xmx$GATEWAY_HEAP $opens \
    "-Dlog.file=$ST/flink-sql-gateway/flink-sql-gateway.log" "$flog" \
    -cp "$flinkcp:$(ls "$JVM"/flink/gateway/*.jar | tr '\n' ':')" \
    org.apache.flink.table.gateway.SqlGateway "-Dsql-gateway.endpoint.rest.port=$GATEWAY_PORT"
}

down() {
  for s in flink-sql-gateway flink-taskmanager flink-jobmanager fluss-tablet fluss-coordinator zookeeper; do
    stop_one "$s"
  done
}

status() {
  local rc=0
  printf '%-20s %-6s %s\n' COMPONENT PORT STATE
  for e in zookeeper:$ZK_PORT fluss-coordinator:$FLUSS_PORT fluss-tablet:$TABLET_PORT \
           flink-jobmanager:$REST_PORT flink-taskmanager:- flink-sql-gateway:$GATEWAY_PORT; do
    local n=${e%%:*} p=${e##*:} state=down
    if [ "$p" = - ]; then
      curl -sf "http://127.0.0.1:$REST_PORT/taskmanagers" | grep -q '"id"' && state=up
    elif listening "$p"; then state=up; fi
    [ $state = up ] || rc=1
    printf '%-20s %-6s %s\n' "$n" "$p" "$state"
  done
  return $rc
}

fetch() {
  scripts/fetch-jars.sh fluss flink
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  fetch) fetch ;;
  *) echo "usage: $0 up|down|status|fetch" >&2; exit 2 ;;
esac
