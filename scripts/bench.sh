#!/usr/bin/env bash
# The bench command: builds the jar, starts the service on MariaDB (the dev environment: demo keys,
# stub carrier, /dev endpoints; a database of its own, beian_test_bench, created afresh), loads it
# from outside over its real protocols, and prints one table, also written to
# bench/results/<date>.md with the machine's cores and memory. Every figure is set against
# ceilings measured in the same run: the plain-JDBC transaction loop and an HTTP endpoint that does
# nothing much. Figures, not checks: nothing here fails on a slow result.
#
#   ./scripts/bench.sh [--quick] [--no-build]
#
# Needs MariaDB on 127.0.0.1:3306 with user beian/beian (./scripts/test.sh sets it up) and wrk
# (apt-get install wrk). Loads only loopback addresses.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
BUILD=true
for a in "$@"; do
    case "$a" in
        --quick) QUICK=true ;;
        --no-build) BUILD=false ;;
        *) echo "usage: $0 [--quick] [--no-build]" >&2; exit 2 ;;
    esac
done
if $QUICK; then D=10; CEIL_D=8; SUBMIT_D=15; MODE=quick; else D=30; CEIL_D=20; SUBMIT_D=40; MODE=full; fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DB=beian_test_bench
DB_URL="jdbc:mysql://127.0.0.1:3306/$DB"
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
GRPC_PORT=${BENCH_GRPC_PORT:-15051}
BASE="http://127.0.0.1:$HTTP_PORT"
WORK=bench/work
mkdir -p "$WORK" bench/results
log() { echo "bench.sh: $*" >&2; }

command -v wrk >/dev/null || { log "wrk is missing: apt-get install -y wrk"; exit 1; }
DB_CLIENT=$(command -v mariadb || command -v mysql) || { log "no mariadb/mysql client"; exit 1; }
db() { "$DB_CLIENT" --protocol=TCP -h 127.0.0.1 -P 3306 -u beian -pbeian "$@"; }
db -e "SELECT 1" >/dev/null 2>&1 || { log "MariaDB does not answer for beian/beian: run ./scripts/test.sh once"; exit 1; }

if $BUILD; then
    log "building the jar and the load client"
    ./mvnw -B -q -pl app -am package -DskipTests
fi
JAR=app/target/app-0.1.0-SNAPSHOT.jar
CLIENT_CP="$JAR:app/target/test-classes"
client() { java -Xmx256m -cp "$CLIENT_CP" beian.verify.app.bench.LoadClient "$@"; }
result() { grep "^RESULT $1 " "$2" | tail -1 | cut -d' ' -f3-; }

db -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

log "ceiling: plain JDBC, 8 connections, ${CEIL_D} s"
client jdbc-ceiling "$DB_URL" beian beian "$CEIL_D" 8 | tee "$WORK/jdbc.out"
JDBC=$(result jdbc_tx_per_s "$WORK/jdbc.out")

SERVICE_PID=
stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
    fi
}
trap stop_service EXIT

log "starting the service"
START_NS=$(date +%s%N)
MICRONAUT_ENVIRONMENTS=dev BEIAN_DB_URL="$DB_URL" BEIAN_DB_USER=beian BEIAN_DB_PASSWORD=beian \
    MICRONAUT_SERVER_PORT=$HTTP_PORT GRPC_SERVER_PORT=$GRPC_PORT LOGGER_LEVELS_BEIAN_VERIFY=INFO \
    java -Xmx512m -XX:+UseG1GC -Dbeian.grpc.watch.max-per-provider=128 ${BENCH_JAVA_OPTS:-} \
    -jar "$JAR" >"$WORK/service.log" 2>&1 & # 100 watchers of one provider: above the default cap of 20
SERVICE_PID=$!
until curl -fs "$BASE/health" >/dev/null 2>&1; do
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service died: $WORK/service.log"; tail -30 "$WORK/service.log"; exit 1; }
    sleep 0.05
done
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
STARTUP_LINE=$(grep -o 'Startup completed in [0-9]*ms' "$WORK/service.log" | head -1 || true)
log "ready after $READY_MS ms ($STARTUP_LINE)"

wrk_run() { # name connections duration script-args...
    local name=$1 c=$2 d=$3; shift 3
    wrk -t"$c" -c"$c" -d"${d}s" --latency -s bench/wrk/flow.lua "$BASE" -- "$@" >"$WORK/$name.out" 2>&1 || true
    grep '^RESULT' "$WORK/$name.out" | sed "s/^/$name /" >&2
}

log "ceiling: GET /api/v1/provinces, 16 connections, $D s"
wrk -t2 -c16 -d"${D}s" --latency "$BASE/api/v1/provinces" >"$WORK/provinces.out"
HTTP=$(awk '/Requests\/sec/ {print $2}' "$WORK/provinces.out")
HTTP_P50=$(awk '$1=="50%" {print $2}' "$WORK/provinces.out")
HTTP_P99=$(awk '$1=="99%" {print $2}' "$WORK/provinces.out")

log "REST: captcha issue, 16 connections, $D s"
wrk_run captcha 16 "$D" captcha

log "gRPC: SubmitApplication NEW_FILING x2 principals, 16 concurrent, 100 watchers, $SUBMIT_D s"
client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 16 100 100000000 "$WORK/targets.csv" | tee "$WORK/submit.out"
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status")
HEAP=$(jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | head -1)

log "waiting for the codes of the submitted targets"
client codes "$BASE" "$WORK/targets.csv" "$WORK/codes.csv" | tee "$WORK/codes.out"
TOTAL=$(wc -l <"$WORK/codes.csv")
head -n $((TOTAL / 2)) "$WORK/codes.csv" >"$WORK/hit.csv"
tail -n +$((TOTAL / 2 + 1)) "$WORK/codes.csv" >"$WORK/resend.csv"

log "REST: captcha + verify (right code), 16 connections, $D s"
wrk_run verify-hit 16 "$D" verify-hit "$WORK/hit.csv" 16
log "REST: captcha + verify (miss), 16 connections, $D s"
wrk_run verify-miss 16 "$D" verify-miss
log "REST: captcha + resend, 16 connections, $D s"
wrk_run resend 16 "$D" resend "$WORK/resend.csv" 16
RSS2_KB=$(awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status")
[ "$RSS2_KB" -gt "$RSS_KB" ] && RSS_KB=$RSS2_KB

log "one instance, then two on the one database: SubmitApplication, 16 concurrent in all, no watchers, $SUBMIT_D s each"
client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 16 0 400000000 "$WORK/one.csv" >"$WORK/one.out"
ONE=$(result grpc_submit_per_s "$WORK/one.out")
SECOND_PID=
MICRONAUT_ENVIRONMENTS=dev BEIAN_DB_URL="$DB_URL" BEIAN_DB_USER=beian BEIAN_DB_PASSWORD=beian \
    MICRONAUT_SERVER_PORT=$((HTTP_PORT + 1)) GRPC_SERVER_PORT=$((GRPC_PORT + 1)) LOGGER_LEVELS_BEIAN_VERIFY=INFO \
    java -Xmx512m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK/service2.log" 2>&1 &
SECOND_PID=$!
trap 'stop_service; kill $SECOND_PID 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$((HTTP_PORT + 1))/health" >/dev/null 2>&1; do
    kill -0 "$SECOND_PID" 2>/dev/null || { log "the second instance died: $WORK/service2.log"; exit 1; }
    sleep 0.1
done
client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 8 0 200000000 "$WORK/two-a.csv" >"$WORK/two-a.out" &
A=$!
client grpc-submit 127.0.0.1 "$((GRPC_PORT + 1))" "$SUBMIT_D" 8 0 300000000 "$WORK/two-b.csv" >"$WORK/two-b.out"
wait $A
kill "$SECOND_PID"; wait "$SECOND_PID" 2>/dev/null || true
TWO=$(awk '/^RESULT grpc_submit_per_s/ {s += $3} END {printf "%.1f", s}' "$WORK/two-a.out" "$WORK/two-b.out")
TWO_ERR=$(awk '/^RESULT grpc_submit_errors/ {s += $3} END {print s}' "$WORK/two-a.out" "$WORK/two-b.out")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # what, rate, ceiling, p50, p99, errors, note
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}
rest_row() { # name label ceiling-name ceiling [targets file]
    local f="$WORK/$1.out" r note=""
    r=$(result flows_per_s "$f")
    if [ -n "${5:-}" ] && [ "$(result flows "$f")" -ge "$(wc -l <"$5")" ]; then
        note="; RAN OUT of its $(wc -l <"$5") targets (the submissions made too few): the rate is a lower bound"
    fi
    row "$2" "$r/s" "$(ratio "$r" "$4") × $3" "$(result p50_ms "$f") ms" "$(result p99_ms "$f") ms" \
        "$(result errors "$f") (+$(result socket_errors "$f") socket)" "statuses $(result statuses "$f")$note"
}

DATE=$(date -u +%Y-%m-%d)
OUT="bench/results/$DATE-$MODE.md"
S="$WORK/submit.out"
{
    echo "# Bench $MODE run, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB memory;"
    echo "shared by the service (java -Xmx512m), MariaDB $(db -N -e 'SELECT VERSION()') and the load clients;"
    echo "load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg) (other builds share the machine)."
    echo "Commit $(git rev-parse --short HEAD). Command: \`./scripts/bench.sh$($QUICK && echo ' --quick')\`."
    echo "REST rows: each flow is POST captcha → GET its dev answer → the measured request, one connection"
    echo "per wrk thread; rate is flows/s, p50/p99 the measured step alone. Ratios are to the ceilings below."
    echo
    row what "rate" "ratio" p50 p99 errors note
    row --- --- --- --- --- --- ---
    row "**ceiling**: plain JDBC, 8 connections, SELECT … FOR UPDATE + UPDATE by key" "$JDBC tx/s" "1.00 × jdbc" - - - "${CEIL_D} s"
    row "**ceiling**: GET /api/v1/provinces, wrk 16 connections" "$HTTP/s" "1.00 × http" "$HTTP_P50" "$HTTP_P99" - "${D} s"
    rest_row captcha "REST POST /api/v1/captchas (issue)" http "$HTTP"
    rest_row verify-hit "REST captcha + verify, right code" jdbc "$JDBC" "$WORK/hit.csv"
    rest_row verify-miss "REST captcha + verify, miss (no such phone)" jdbc "$JDBC"
    rest_row resend "REST captcha + resend" jdbc "$JDBC" "$WORK/resend.csv"
    G=$(result grpc_submit_per_s "$S")
    row "gRPC SubmitApplication NEW_FILING, 2 principals, one provider, 16 concurrent" "$G/s" "$(ratio "$G" "$JDBC") × jdbc" \
        "$(result grpc_submit_p50_ms "$S") ms" "$(result grpc_submit_p99_ms "$S") ms" "$(result grpc_submit_errors "$S")" "${SUBMIT_D} s"
    row "gRPC WatchEvents delivery, 100 watchers (submit answered → event at the watcher)" \
        "$(result watch_deliveries "$S") of $(result watch_expected "$S")" - "$(result watch_p50_ms "$S") ms" \
        "$(result watch_p99_ms "$S") ms" - "during the submissions"
    row "the same without watchers: one instance, 16 concurrent" "$ONE/s" "$(ratio "$ONE" "$JDBC") × jdbc" \
        "$(result grpc_submit_p50_ms "$WORK/one.out") ms" "$(result grpc_submit_p99_ms "$WORK/one.out") ms" \
        "$(result grpc_submit_errors "$WORK/one.out")" "${SUBMIT_D} s"
    row "the same, two instances on the one database, 8 concurrent each" "$TWO/s" \
        "$(ratio "$TWO" "$ONE") × one instance" "$(result grpc_submit_p50_ms "$WORK/two-a.out") ms (a)" \
        "$(result grpc_submit_p99_ms "$WORK/two-a.out") ms (a)" "$TWO_ERR" "${SUBMIT_D} s"
    row "start to ready (built jar, MariaDB)" "$READY_MS ms" - - - - "$STARTUP_LINE"
    row "memory under load" "RSS $((RSS_KB / 1024)) MB" - - - - "heap used ${HEAP:-?} after the submissions (-Xmx512m)"
} | tee "$OUT"
log "written to $OUT"
