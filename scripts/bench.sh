#!/usr/bin/env bash
# The bench command: builds the jar, starts the service on MariaDB (the dev environment: demo keys,
# stub carrier, /dev endpoints; a database of its own, beian_test_bench, created afresh), loads it
# from outside over its real protocols, and prints one table, also written to
# bench/results/<date>.md with the machine's cores and memory. Every figure is set against
# ceilings measured in the same run: the plain-JDBC transaction loop and an HTTP endpoint that does
# nothing much. Figures, not checks: nothing here fails on a slow result.
#
#   ./scripts/bench.sh [--quick] [--no-build] [--growth-only]
#
# --growth-only runs only the growth rows (and a short submission for their template application).
# The growth rows fill the tables with set-based SQL (copies of one submitted application, with
# phone indexes no request will ever match) in the bench's own database: 10 thousand, then 1 million
# pending targets (100 thousand in --quick, labelled), and 100 thousand (10 thousand) applications
# that fall due at once when the dev clock is moved. BENCH_HTTP_PORT, BENCH_GRPC_PORT and BENCH_DB
# choose other ports and another database (a second bench at the same time).
#
# Needs MariaDB on 127.0.0.1:3306 with user beian/beian (./scripts/test.sh sets it up) and wrk
# (apt-get install wrk). Loads only loopback addresses.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
BUILD=true
GROWTH_ONLY=false
for a in "$@"; do
    case "$a" in
        --quick) QUICK=true ;;
        --no-build) BUILD=false ;;
        --growth-only) GROWTH_ONLY=true ;;
        *) echo "usage: $0 [--quick] [--no-build] [--growth-only]" >&2; exit 2 ;;
    esac
done
if $QUICK; then D=10; CEIL_D=8; SUBMIT_D=15; WARM_D=10; MODE=quick; else D=30; CEIL_D=20; SUBMIT_D=40; WARM_D=20; MODE=full; fi
# growth: pending targets, small then big; applications falling due at once; starts of the jar on H2
if $QUICK; then SMALL=10000; BIG=100000; DUE=10000; STARTS=1; else SMALL=10000; BIG=1000000; DUE=100000; STARTS=3; fi
SMALL=${BENCH_SMALL:-$SMALL}; BIG=${BENCH_BIG:-$BIG}; DUE=${BENCH_DUE:-$DUE}   # other sizes, e.g. the full ones in --quick
$GROWTH_ONLY && MODE="$MODE-growth"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DB=${BENCH_DB:-beian_test_bench}
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
dbq() { db -N -B "$DB" -e "$1"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Where each row's CPU went, to show what bounds it: the service's process, MariaDB's, and the rest of
# the machine (the load client, mostly), per operation, from /proc (clock ticks) around the row's run.
TICK=$(getconf CLK_TCK)
DB_PID=$(pgrep -x mariadbd | head -1 || pgrep -x mysqld | head -1 || true)
proc_ticks() { if [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cpu_begin() { echo "$(proc_ticks "${SERVICE_PID:-}") $(proc_ticks "$DB_PID") $(busy_ticks) $(now_ms)" >"$WORK/$1.cpu"; }
cpu_end() { echo "$(proc_ticks "${SERVICE_PID:-}") $(proc_ticks "$DB_PID") $(busy_ticks) $(now_ms)" >>"$WORK/$1.cpu"; }
cpu_note() { # name operations [what an operation is]: "CPU per flow: service …, MariaDB …, rest …; machine busy …"
    [ -s "$WORK/$1.cpu" ] && [ "$(wc -l <"$WORK/$1.cpu")" -ge 2 ] || { echo "-"; return; }
    awk -v ops="$2" -v what="${3:-op}" -v tick="$TICK" -v cores="$(nproc)" 'NR == 1 {s = $1; d = $2; b = $3; t = $4}
        NR == 2 { if (ops <= 0) { print "-"; exit }
            svc = ($1 - s) * 1000 / tick / ops; db = ($2 - d) * 1000 / tick / ops; all = ($3 - b) * 1000 / tick / ops
            busy = ($3 - b) / tick / (($4 - t) / 1000) / cores * 100
            printf "CPU per %s: service %.2f ms, MariaDB %.2f ms, rest %.2f ms; machine busy %.0f %%", what, svc, db, all - svc - db, busy }' \
        "$WORK/$1.cpu"
}

# Start to ready of the built jar on the embedded default database (H2 in data/, the dev environment as
# the README runs it), before any load: from the launch of the JVM to the first 200 from /health, in a
# directory of its own (a fresh data/, thrown away after).
H2_BEST=
H2_LINE=
for i in $(seq 1 "$STARTS"); do
    H2_DIR=$(mktemp -d)
    H2_HTTP=$((HTTP_PORT + 2)); H2_GRPC=$((GRPC_PORT + 2))
    T0=$(now_ms)
    (cd "$H2_DIR" && exec env MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$H2_HTTP GRPC_SERVER_PORT=$H2_GRPC \
        java -Xmx512m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$OLDPWD/$JAR") >"$WORK/h2-start.log" 2>&1 &
    H2_PID=$!
    until curl -fs "http://127.0.0.1:$H2_HTTP/health" >/dev/null 2>&1; do
        kill -0 "$H2_PID" 2>/dev/null || { log "the jar on H2 died: $WORK/h2-start.log"; tail -20 "$WORK/h2-start.log"; exit 1; }
        sleep 0.02
    done
    MS=$(( $(now_ms) - T0 ))
    kill "$H2_PID" 2>/dev/null || true; wait "$H2_PID" 2>/dev/null || true
    rm -rf "$H2_DIR"
    log "start to ready on H2: $MS ms"
    if [ -z "$H2_BEST" ] || [ "$MS" -lt "$H2_BEST" ]; then
        H2_BEST=$MS; H2_LINE=$(grep -o 'Startup completed in [0-9]*ms' "$WORK/h2-start.log" | head -1 || true)
    fi
done

JDBC=
if ! $GROWTH_ONLY; then
    log "ceiling: plain JDBC, 8 connections, ${CEIL_D} s"
    cpu_begin jdbc
    client jdbc-ceiling "$DB_URL" beian beian "$CEIL_D" 8 | tee "$WORK/jdbc.out"
    cpu_end jdbc
    JDBC=$(result jdbc_tx_per_s "$WORK/jdbc.out")
fi

SERVICE_PID=
SECOND_PID=
stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
    fi
    if [ -n "$SECOND_PID" ] && kill -0 "$SECOND_PID" 2>/dev/null; then
        kill "$SECOND_PID"; wait "$SECOND_PID" 2>/dev/null || true
    fi
}
trap stop_service EXIT

log "starting the service"
START_NS=$(date +%s%N)
# the stub carrier's dev inbox of this run only (both instances write it; the codes are read from it)
INBOX="$PWD/$WORK/dev-sms-inbox.tsv"
rm -f "$INBOX"
MICRONAUT_ENVIRONMENTS=dev BEIAN_DB_URL="$DB_URL" BEIAN_DB_USER=beian BEIAN_DB_PASSWORD=beian BEIAN_SMS_STUB_INBOX_FILE="$INBOX" \
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
    cpu_begin "$name"
    wrk -t"$c" -c"$c" -d"${d}s" --latency -s bench/wrk/flow.lua "$BASE" -- "$@" >"$WORK/$name.out" 2>&1 || true
    cpu_end "$name"
    grep '^RESULT' "$WORK/$name.out" | sed "s/^/$name /" >&2
}
heap_used() { jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | head -1; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status"; }
RSS_KB=0
HEAP=
if ! $GROWTH_ONLY; then
    log "ceiling: GET /api/v1/provinces, 16 connections, $D s"
    cpu_begin provinces
    wrk -t2 -c16 -d"${D}s" --latency "$BASE/api/v1/provinces" >"$WORK/provinces.out"
    cpu_end provinces
    HTTP=$(awk '/Requests\/sec/ {print $2}' "$WORK/provinces.out")
    HTTP_P50=$(awk '$1=="50%" {print $2}' "$WORK/provinces.out")
    HTTP_P99=$(awk '$1=="99%" {print $2}' "$WORK/provinces.out")

    log "REST: captcha issue, 16 connections, $D s"
    wrk_run captcha 16 "$D" captcha

    drained() { # the queued SMS sent and every event stamped (60 s at most)
        for _ in $(seq 1 120); do
            [ "$(dbq "SELECT COUNT(*) FROM sms_outbox WHERE status = 'QUEUED'") $(dbq "SELECT COUNT(*) FROM provider_event WHERE seq IS NULL")" = "0 0" ] && return 0
            sleep 0.5
        done
    }
    log "gRPC: warming up the submission path, $WARM_D s (not measured)"
    client grpc-submit 127.0.0.1 "$GRPC_PORT" "$WARM_D" 16 0 900000000 "$WORK/warm.csv" >"$WORK/warm.out"
    # the watchers start at the stream's end: wait for the warm-up's SMS to leave and its events to be stamped
    drained
    LAST_SEQ=$(dbq "SELECT COALESCE(MAX(seq), 0) FROM provider_event WHERE provider = 'demo-provider'")
    log "gRPC: SubmitApplication NEW_FILING x2 principals, 16 concurrent, 100 watchers, $SUBMIT_D s"
    cpu_begin submit
    client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 16 100 100000000 "$WORK/targets.csv" "$LAST_SEQ" | tee "$WORK/submit.out"
    cpu_end submit
    RSS_KB=$(rss_kb)
    HEAP=$(heap_used)

    # Before the REST rows, so that their targets seed the hit and resend rows too (one run's
    # submissions alone were too few: the hit row ran out of targets).
    log "one instance, then two on the one database: SubmitApplication, 16 concurrent in all, no watchers, $SUBMIT_D s each"
    cpu_begin one
    client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 16 0 400000000 "$WORK/one.csv" >"$WORK/one.out"
    cpu_end one
    ONE=$(result grpc_submit_per_s "$WORK/one.out")
    # this instance's dispatcher sends the one-instance run's SMS before a second instance could take some
    # (its dev inbox, where the codes are read, is its own memory)
    drained
    MICRONAUT_ENVIRONMENTS=dev BEIAN_DB_URL="$DB_URL" BEIAN_DB_USER=beian BEIAN_DB_PASSWORD=beian BEIAN_SMS_STUB_INBOX_FILE="$INBOX" \
        MICRONAUT_SERVER_PORT=$((HTTP_PORT + 1)) GRPC_SERVER_PORT=$((GRPC_PORT + 1)) LOGGER_LEVELS_BEIAN_VERIFY=INFO \
        java -Xmx512m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK/service2.log" 2>&1 &
    SECOND_PID=$!
    until curl -fs "http://127.0.0.1:$((HTTP_PORT + 1))/health" >/dev/null 2>&1; do
        kill -0 "$SECOND_PID" 2>/dev/null || { log "the second instance died: $WORK/service2.log"; exit 1; }
        sleep 0.1
    done
    # the second instance warmed up as the first was, so that both run compiled code
    client grpc-submit 127.0.0.1 "$((GRPC_PORT + 1))" "$WARM_D" 16 0 910000000 "$WORK/warm2.csv" >"$WORK/warm2.out"
    drained
    client grpc-submit 127.0.0.1 "$GRPC_PORT" "$SUBMIT_D" 8 0 200000000 "$WORK/two-a.csv" >"$WORK/two-a.out" &
    A=$!
    client grpc-submit 127.0.0.1 "$((GRPC_PORT + 1))" "$SUBMIT_D" 8 0 300000000 "$WORK/two-b.csv" >"$WORK/two-b.out"
    wait $A
    kill "$SECOND_PID"; wait "$SECOND_PID" 2>/dev/null || true
    SECOND_PID=
    TWO=$(awk '/^RESULT grpc_submit_per_s/ {s += $3} END {printf "%.1f", s}' "$WORK/two-a.out" "$WORK/two-b.out")
    TWO_ERR=$(awk '/^RESULT grpc_submit_errors/ {s += $3} END {print s}' "$WORK/two-a.out" "$WORK/two-b.out")

    log "waiting for the codes of the submitted targets"
    # Not the two-instance run's targets: the second instance may have sent their SMS, and its dev inbox
    # went with it (the client would wait 10 s for each such code before giving up).
    cat "$WORK/targets.csv" "$WORK/one.csv" >"$WORK/all-targets.csv"
    client codes "$BASE" "$WORK/all-targets.csv" "$WORK/codes.csv" | tee "$WORK/codes.out"
    TOTAL=$(wc -l <"$WORK/codes.csv")
    head -n $((TOTAL / 2)) "$WORK/codes.csv" >"$WORK/hit.csv"
    tail -n +$((TOTAL / 2 + 1)) "$WORK/codes.csv" >"$WORK/resend.csv"

    log "REST: captcha + verify (right code), 16 connections, $D s"
    wrk_run verify-hit 16 "$D" verify-hit "$WORK/hit.csv" 16
    log "REST: captcha + verify (miss), 16 connections, $D s"
    wrk_run verify-miss 16 "$D" verify-miss
    log "REST: captcha + resend, 16 connections, $D s"
    wrk_run resend 16 "$D" resend "$WORK/resend.csv" 16
    RSS2_KB=$(rss_kb)
    [ "$RSS2_KB" -gt "$RSS_KB" ] && RSS_KB=$RSS2_KB
else
    log "a short submission for the growth rows' template application"
    client grpc-submit 127.0.0.1 "$GRPC_PORT" 5 4 0 500000000 "$WORK/targets.csv" >"$WORK/submit.out"
fi

# ---- growth: set-based copies of one submitted application, in this bench's own database ----
TEMPLATE=$(dbq "SELECT id FROM application WHERE status = 'PENDING_VERIFICATION' AND filing_type = 'NEW_FILING' ORDER BY id LIMIT 1")
[ -n "$TEMPLATE" ] || { log "no submitted application to copy for the growth rows"; exit 1; }
TEMPLATE_TARGETS=$(dbq "SELECT COUNT(*) FROM verification_target WHERE application_id = '$TEMPLATE'")
cols() { dbq "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = '$DB' AND table_name = '$1'"; }
# select_list table alias col=expr...: the table's columns, each from the alias unless replaced
select_list() {
    local table=$1 alias=$2; shift 2
    local out="" c e pair
    for c in $(cols "$table" | tr ',' ' '); do
        e="$alias.$c"
        for pair in "$@"; do [ "${pair%%=*}" = "$c" ] && e="${pair#*=}"; done
        out="$out${out:+, }$e"
    done
    echo "$out"
}
# copy_applications prefix from to deadline-sql: applications number from..to (ids prefix-000…), each with
# the template's targets (their phone indexes random, so no request ever finds them) and websites
copy_applications() {
    local prefix=$1 from=$2 to=$3 deadline=$4
    local id="CONCAT('$prefix', LPAD(LOWER(HEX(s.seq)), 12, '0'))"
    dbq "INSERT INTO application ($(cols application))
        SELECT $(select_list application a "id=$id" "request_id=CONCAT('bench-fill-', $id)" "deadline=$deadline" \
            "auto_resend_done=TRUE" "status='PENDING_VERIFICATION'" "version=0")
          FROM application a JOIN seq_${from}_to_${to} s WHERE a.id = '$TEMPLATE';
        INSERT INTO verification_target ($(cols verification_target))
        SELECT $(select_list verification_target t "application_id=$id" \
            "phone_index=SHA2(CONCAT('bench-fill', $id, '/', t.target_number), 256)" "status='PENDING'")
          FROM verification_target t JOIN seq_${from}_to_${to} s WHERE t.application_id = '$TEMPLATE';
        INSERT INTO application_website ($(cols application_website))
        SELECT $(select_list application_website w "application_id=$id")
          FROM application_website w JOIN seq_${from}_to_${to} s WHERE w.application_id = '$TEMPLATE';"
}
pending_targets() { dbq "SELECT COUNT(*) FROM verification_target WHERE status = 'PENDING'"; }
fill_to() { # pending targets wanted
    local have apps_have apps_want
    have=$(pending_targets)
    apps_have=$(dbq "SELECT COUNT(*) FROM application WHERE id LIKE '00000000-0000-4000-8000-%'")
    apps_want=$(( apps_have + ($1 - have + TEMPLATE_TARGETS - 1) / TEMPLATE_TARGETS ))
    [ "$apps_want" -gt "$apps_have" ] || return 0
    local t0 from=$((apps_have + 1)) step=50000 to
    t0=$(now_ms)
    while [ "$from" -le "$apps_want" ]; do
        to=$((from + step - 1)); [ "$to" -gt "$apps_want" ] && to=$apps_want
        copy_applications "00000000-0000-4000-8000-" "$from" "$to" "'2099-01-01 00:00:00'"
        from=$((to + 1))
    done
    dbq "ANALYZE TABLE application, verification_target" >/dev/null
    log "filled to $(pending_targets) pending targets in $(( $(now_ms) - t0 )) ms"
}
FILL_STATUS=$(dbq "SELECT status FROM verification_target WHERE application_id = '$TEMPLATE' LIMIT 1")
log "growth: template $TEMPLATE ($TEMPLATE_TARGETS targets, status $FILL_STATUS)"

if $GROWTH_ONLY; then   # the other rows warmed the service up; here nothing did
    log "growth: warming up, captcha + verify (miss), 16 connections, $D s"
    wrk_run warmup 16 "$D" verify-miss
fi
fill_to "$SMALL"
SMALL_HAVE=$(pending_targets)
log "growth: captcha + verify (miss) with $SMALL_HAVE pending targets, 16 connections, $D s"
wrk_run verify-small 16 "$D" verify-miss
fill_to "$BIG"
BIG_HAVE=$(pending_targets)
log "growth: captcha + verify (miss) with $BIG_HAVE pending targets, 16 connections, $D s"
wrk_run verify-big 16 "$D" verify-miss
RSS3_KB=$(rss_kb)
[ "$RSS3_KB" -gt "$RSS_KB" ] && RSS_KB=$RSS3_KB
HEAP_GROWTH=$(heap_used)

# Applications that fall due at once: DUE copies whose deadline is a day ahead of the service's clock;
# then the dev clock moves two days and the return job takes them (with everything else that fell due).
CLOCK_NOW=$(curl -fs "$BASE/dev/clock" | sed 's/.*"now" *: *"\([^"]*\)".*/\1/')
log "growth: $DUE applications falling due at once (the service's clock reads $CLOCK_NOW)"
T0=$(now_ms)
STEP=50000; FROM=1
while [ "$FROM" -le "$DUE" ]; do
    TO=$((FROM + STEP - 1)); [ "$TO" -gt "$DUE" ] && TO=$DUE
    copy_applications "00000000-0000-4000-9000-" "$FROM" "$TO" "UTC_TIMESTAMP(6) + INTERVAL 1 DAY"
    FROM=$((TO + 1))
done
log "growth: $DUE due applications written in $(( $(now_ms) - T0 )) ms"
due_left() { dbq "SELECT COUNT(*) FROM application WHERE id LIKE '00000000-0000-4000-9000-%' AND status = 'PENDING_VERIFICATION'"; }
DUE_TIMEOUT_S=$(( DUE / 100 + 60 ))   # gives up below 100 returns/s
curl -fs -X POST -H 'Content-Type: application/json' -d '{"advanceSeconds": 172800}' "$BASE/dev/clock" >/dev/null
T0=$(now_ms)
LEFT=$DUE
while [ "$LEFT" -gt 0 ] && [ $(( $(now_ms) - T0 )) -lt $((DUE_TIMEOUT_S * 1000)) ]; do
    sleep 0.5
    LEFT=$(due_left)
done
DUE_MS=$(( $(now_ms) - T0 ))
DUE_DONE=$((DUE - LEFT))
RSS4_KB=$(rss_kb)
[ "$RSS4_KB" -gt "$RSS_KB" ] && RSS_KB=$RSS4_KB
log "growth: $DUE_DONE of $DUE returned in $DUE_MS ms"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # what, rate, ceiling, p50, p99, errors, note
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}
rest_row() { # name label ceiling-name ceiling [targets file]
    local f="$WORK/$1.out" r note=""
    r=$(result flows_per_s "$f")
    if [ -n "${5:-}" ] && [ "$(result flows "$f")" -ge "$(wc -l <"$5")" ]; then
        note="; RAN OUT of its $(wc -l <"$5") targets (the submissions made too few): the rate is a lower bound"
    elif [ -n "${5:-}" ]; then
        note="; $(result flows "$f") of $(wc -l <"$5") seeded targets used"
    fi
    row "$2" "$r/s" "$(ratio "$r" "$4") × $3" "$(result p50_ms "$f") ms" "$(result p99_ms "$f") ms" \
        "$(result errors "$f") (+$(result socket_errors "$f") socket)" "statuses $(result statuses "$f")$note; $(cpu_note "$1" "$(result flows "$f")" flow)"
}
count_label() { awk -v n="$1" 'BEGIN { if (n >= 1000000) printf "%g million", n / 1000000; else printf "%g thousand", n / 1000 }'; }

DATE=$(date -u +%Y-%m-%d)
OUT="bench/results/$DATE-$MODE.md"
[ -e "$OUT" ] && OUT="bench/results/$DATE-$MODE-$(date -u +%H%M).md"   # never over an earlier run's file
S="$WORK/submit.out"
SMALL_P50=$(result p50_ms "$WORK/verify-small.out")
BIG_P50=$(result p50_ms "$WORK/verify-big.out")
{
    echo "# Bench $MODE run, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB memory;"
    echo "shared by the service (java -Xmx512m), MariaDB $(db -N -e 'SELECT VERSION()') and the load clients;"
    echo "load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg) (other builds share the machine)."
    echo "Commit $(git rev-parse --short HEAD). Command: \`${BENCH_JAVA_OPTS:+BENCH_JAVA_OPTS=\"$BENCH_JAVA_OPTS\" }${BENCH_SMALL:+BENCH_SMALL=$BENCH_SMALL }${BENCH_BIG:+BENCH_BIG=$BENCH_BIG }${BENCH_DUE:+BENCH_DUE=$BENCH_DUE }./scripts/bench.sh$($QUICK && echo ' --quick')$($GROWTH_ONLY && echo ' --growth-only')\`."
    echo "REST rows: each flow is POST captcha → GET its dev answer → the measured request, one connection"
    echo "per wrk thread; rate is flows/s, p50/p99 the measured step alone. Ratios are to the ceilings below."
    echo "Each note ends with where the CPU went per operation, from /proc around the row's run: the service's"
    echo "process, MariaDB's, and the rest of the machine (the load client, mostly); when the machine is busy near"
    echo "100 %, the sum of the three bounds the rate (2 cores: rate ≤ 2,000 ms/s ÷ that sum)."
    echo "The gRPC rows run after ${WARM_D} s of unmeasured submissions to each instance (the JIT compiles the submission path first)."
    [ "$BIG" -lt 1000000 ] || [ "$DUE" -lt 100000 ] && echo "The growth rows use smaller sizes than the targets name (said in each row)."
    echo
    row what "rate" "ratio" p50 p99 errors note
    row --- --- --- --- --- --- ---
    if ! $GROWTH_ONLY; then
        row "**ceiling**: plain JDBC, 8 connections, SELECT … FOR UPDATE + UPDATE by key" "$JDBC tx/s" "1.00 × jdbc" - - - \
            "${CEIL_D} s; $(cpu_note jdbc "$(awk -v r="$JDBC" -v d="$CEIL_D" 'BEGIN {printf "%d", r * d}')" transaction)"
        row "**ceiling**: GET /api/v1/provinces, wrk 16 connections" "$HTTP/s" "1.00 × http" "$HTTP_P50" "$HTTP_P99" - \
            "${D} s; $(cpu_note provinces "$(awk -v r="$HTTP" -v d="$D" 'BEGIN {printf "%d", r * d}')" request)"
        rest_row captcha "REST POST /api/v1/captchas (issue)" http "$HTTP"
        rest_row verify-hit "REST captcha + verify, right code" jdbc "$JDBC" "$WORK/hit.csv"
        rest_row verify-miss "REST captcha + verify, miss (no such phone)" jdbc "$JDBC"
        rest_row resend "REST captcha + resend" jdbc "$JDBC" "$WORK/resend.csv"
        G=$(result grpc_submit_per_s "$S")
        row "gRPC SubmitApplication NEW_FILING, 2 principals, one provider, 16 concurrent" "$G/s" "$(ratio "$G" "$JDBC") × jdbc" \
            "$(result grpc_submit_p50_ms "$S") ms" "$(result grpc_submit_p99_ms "$S") ms" "$(result grpc_submit_errors "$S")" \
            "${SUBMIT_D} s; $(cpu_note submit "$(awk -v r="$G" -v d="$SUBMIT_D" 'BEGIN {printf "%d", r * d}')" submission) (the watchers' included)"
        row "gRPC WatchEvents delivery, 100 watchers (submit answered → event at the watcher)" \
            "$(result watch_deliveries "$S") of $(result watch_expected "$S")" - "$(result watch_p50_ms "$S") ms" \
            "$(result watch_p99_ms "$S") ms" - "during the submissions"
        row "the same without watchers: one instance, 16 concurrent" "$ONE/s" "$(ratio "$ONE" "$JDBC") × jdbc" \
            "$(result grpc_submit_p50_ms "$WORK/one.out") ms" "$(result grpc_submit_p99_ms "$WORK/one.out") ms" \
            "$(result grpc_submit_errors "$WORK/one.out")" \
            "${SUBMIT_D} s; $(cpu_note one "$(awk -v r="$ONE" -v d="$SUBMIT_D" 'BEGIN {printf "%d", r * d}')" submission)"
        row "the same, two instances on the one database, 8 concurrent each" "$TWO/s" \
            "$(ratio "$TWO" "$ONE") × one instance" "$(result grpc_submit_p50_ms "$WORK/two-a.out") ms (a)" \
            "$(result grpc_submit_p99_ms "$WORK/two-a.out") ms (a)" "$TWO_ERR" "${SUBMIT_D} s"
    fi
    rest_row verify-small "growth: captcha + verify (miss) with $(count_label "$SMALL_HAVE") pending targets" jdbc "$JDBC"
    rest_row verify-big "growth: captcha + verify (miss) with $(count_label "$BIG_HAVE") pending targets$([ "$BIG_HAVE" -lt 1000000 ] && echo ' (smaller than the target names)')" jdbc "$JDBC"
    row "growth: verify p50 ratio, $(count_label "$BIG_HAVE") / $(count_label "$SMALL_HAVE") pending (target ≤ 1.3)" \
        "$(ratio "$BIG_P50" "$SMALL_P50")" - - - - "p99 $(result p99_ms "$WORK/verify-big.out") / $(result p99_ms "$WORK/verify-small.out") ms"
    row "growth: $(count_label "$DUE") applications falling due at once, returned (target 100 thousand ≤ 60 s)" \
        "$DUE_DONE in $(awk -v m="$DUE_MS" 'BEGIN { printf "%.1f", m / 1000 }') s" \
        "$(awk -v n="$DUE_DONE" -v m="$DUE_MS" 'BEGIN { if (m > 0) printf "%.0f/s", n * 1000 / m }')" - - - \
        "the dev clock moved 2 days; $((DUE - DUE_DONE)) left when measured$([ "$DUE_DONE" -lt "$DUE" ] && echo " (gave up after ${DUE_TIMEOUT_S} s)")"
    row "start to ready (built jar, embedded default H2, best of $STARTS)" "$H2_BEST ms" - - - - "from the JVM's launch to /health 200; $H2_LINE"
    row "start to ready (built jar, MariaDB, under the machine's load)" "$READY_MS ms" - - - - "$STARTUP_LINE"
    row "memory under load" "RSS $((RSS_KB / 1024)) MB" - - - - "heap used ${HEAP:-?} after the submissions, ${HEAP_GROWTH:-?} after the growth verifies (-Xmx512m)"
} | tee "$OUT"
log "written to $OUT"
