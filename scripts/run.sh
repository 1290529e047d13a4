#!/usr/bin/env bash
# The service as the README's run command runs it (dev environment unless MICRONAUT_ENVIRONMENTS says
# otherwise, embedded H2 and the dev inbox in data/ at the repository root), but from the built jar:
# built first only when a pom or a main source is newer than the jar, so a second start with nothing
# changed compiles nothing (mn:run recompiles every module each start). The first start from a new
# jar writes an AppCDS archive when it stops (app/target/app-cds.jsa, -XX:ArchiveClassesAtExit); the
# next ones load their classes from it, and run with the C1 compiler only (-XX:TieredStopAtLevel=1):
# a quick start and less CPU at start, for a development run (docs/scaling.md, "Start").
#
#   ./scripts/run.sh [java options...]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=app/target/app-0.1.0-SNAPSHOT.jar
ARCHIVE=app/target/app-cds.jsa
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$JAR" -print -quit)" ]; then
    echo "run.sh: building the jar (a source is newer than it)" >&2
    ./mvnw -B -q -pl app -am package -DskipTests
    rm -f "$ARCHIVE"
fi
if [ -f "$ARCHIVE" ] && [ "$ARCHIVE" -nt "$JAR" ]; then
    CDS=(-XX:SharedArchiveFile="$ARCHIVE" -Xshare:auto)
else
    CDS=(-XX:ArchiveClassesAtExit="$ARCHIVE")
fi
export MICRONAUT_ENVIRONMENTS=${MICRONAUT_ENVIRONMENTS:-dev}
exec java -XX:TieredStopAtLevel=1 "${CDS[@]}" -Dbeian.data-dir="$PWD/data" "$@" -jar "$JAR"
