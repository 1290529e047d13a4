#!/usr/bin/env bash
# Start to ready of the built jar on the embedded default database (the dev environment, H2 in a
# fresh data/ of a directory of its own), with and without the start-up aids of docs/scaling.md:
# an AppCDS archive (-XX:SharedArchiveFile, made by one training start with -XX:ArchiveClassesAtExit)
# and the C1-only JIT for a short-lived start (-XX:TieredStopAtLevel=1). Prints, per variant, the
# wall time from the JVM's launch to the first 200 from /health and the CPU time the JVM had used by
# then (user + system): on a machine shared with other work the CPU time is the steadier figure.
#
#   ./scripts/start-time.sh [runs per variant]        (after ./mvnw -B package -DskipTests)
#
# START_PORT (default 29080) chooses the ports: HTTP START_PORT, gRPC START_PORT + 1.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/app/target/app-0.1.0-SNAPSHOT.jar
RUNS=${1:-3}
HTTP=${START_PORT:-29080}
GRPC=$((HTTP + 1))
ARCHIVE=$PWD/app/target/app-cds.jsa
TICK=$(getconf CLK_TCK)
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -B package -DskipTests first" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start [java options...]: prints "wall_ms cpu_ms"
start() {
    local dir pid t0 ms cpu
    dir=$(mktemp -d)
    t0=$(now_ms)
    (cd "$dir" && exec env MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$HTTP GRPC_SERVER_PORT=$GRPC \
        java -Xmx512m "$@" -jar "$JAR") >"$dir/out.log" 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$HTTP/health" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { echo "the jar died:" >&2; tail -20 "$dir/out.log" >&2; exit 1; }
        sleep 0.02
    done
    ms=$(( $(now_ms) - t0 ))
    cpu=$(awk -v t="$TICK" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$pid/stat")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    echo "$ms $cpu"
}

echo "training start for the AppCDS archive ($ARCHIVE)" >&2
rm -f "$ARCHIVE"
start -XX:ArchiveClassesAtExit="$ARCHIVE" >/dev/null
[ -f "$ARCHIVE" ] || { echo "no archive was written" >&2; exit 1; }

declare -A WALL CPU
VARIANTS=("default" "tiered1" "appcds" "appcds+tiered1")
opts() {
    case "$1" in
        default) ;;
        tiered1) echo "-XX:TieredStopAtLevel=1" ;;
        appcds) echo "-XX:SharedArchiveFile=$ARCHIVE" ;;
        appcds+tiered1) echo "-XX:SharedArchiveFile=$ARCHIVE -XX:TieredStopAtLevel=1" ;;
    esac
}
for r in $(seq 1 "$RUNS"); do
    for v in "${VARIANTS[@]}"; do   # interleaved, so the machine's load falls on each alike
        # shellcheck disable=SC2046
        read -r ms cpu < <(start $(opts "$v"))
        echo "run $r $v: ready after $ms ms wall, $cpu ms CPU" >&2
        WALL[$v]="${WALL[$v]:-} $ms"; CPU[$v]="${CPU[$v]:-} $cpu"
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $RUNS runs each (medians)"
echo "| variant | java options | wall to ready | CPU to ready |"
echo "|---|---|---|---|"
for v in "${VARIANTS[@]}"; do
    echo "| $v | \`$(opts "$v" | sed "s#$ARCHIVE#app-cds.jsa#")\` | $(echo "${WALL[$v]}" | median) ms | $(echo "${CPU[$v]}" | median) ms |"
done
