#!/usr/bin/env bash
# The test command: makes sure MariaDB answers on 127.0.0.1:3306 with the test database
# (beian_test, user beian/beian), then runs the whole build: ./mvnw -B verify [extra args].
#
# Starts MariaDB if it is not answering, installing mariadb-server first if it is missing
# (Debian; needs root). Safe to run again: every step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_HOST=127.0.0.1
DB_PORT=3306
DB_NAME=beian_test
DB_USER=beian
DB_PASSWORD=beian
START_TIMEOUT_SECONDS=30

log() { echo "test.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

db_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$DB_HOST/$DB_PORT" 2>/dev/null
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        die "'$*' needs root (run as root, or start MariaDB and create $DB_NAME yourself)"
    fi
}

DB_CLIENT=
find_db_client() {
    if command -v mariadb >/dev/null 2>&1; then DB_CLIENT=mariadb
    elif command -v mysql >/dev/null 2>&1; then DB_CLIENT=mysql
    else die "neither the mariadb nor the mysql client is installed (apt-get install -y mariadb-client)"
    fi
}

start_mariadb() {
    if [ ! -x /usr/sbin/mariadbd ]; then
        log "installing mariadb-server"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server </dev/null
    fi
    # The package's install may already have started it.
    if db_answers; then return 0; fi

    if [ ! -d /var/lib/mysql/mysql ]; then
        log "initialising the MariaDB data directory"
        as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    log "starting MariaDB"
    as_root mkdir -p /run/mysqld
    as_root chown mysql:mysql /run/mysqld
    as_root start-stop-daemon --start --oknodo --background --chuid mysql \
        --exec /usr/sbin/mariadbd -- --user=mysql

    local waited=0
    until db_answers; do
        if [ "$waited" -ge "$START_TIMEOUT_SECONDS" ]; then
            die "MariaDB did not answer on $DB_HOST:$DB_PORT within ${START_TIMEOUT_SECONDS} s (see /var/log/mysql or journal)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "MariaDB answers after ${waited} s"
}

test_database_ready() {
    "$DB_CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -p"$DB_PASSWORD" \
        -e 'SELECT 1' "$DB_NAME" >/dev/null 2>&1
}

# The browser test of the verification page drives Debian's chromium through chromedriver, and
# fails when they are missing. It also checks the Chinese text renders, which needs a CJK font:
# installed whenever it is missing, not only with the browser.
install_browser() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    has_cjk_font || missing+=(fonts-wqy-zenhei)
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    log "installing ${missing[*]} for the browser test"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null
}

has_cjk_font() {
    [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && return 0
    command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]
}

# The browser test runs axe-core (from npm, version pinned) in the page; kept in .cache/npm (ignored by git).
AXE_VERSION=4.14.1
install_axe() {
    if [ -f .cache/npm/node_modules/axe-core/axe.min.js ] \
        && grep -q "\"version\": \"$AXE_VERSION\"" .cache/npm/node_modules/axe-core/package.json; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        log "installing npm for axe-core"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y npm </dev/null
    fi
    log "installing axe-core $AXE_VERSION for the browser test"
    npm install --prefix .cache/npm --no-save --no-package-lock --no-audit --no-fund "axe-core@$AXE_VERSION" >/dev/null
}

# Tests create a database of their own per test class (beian_test_<name>), so runs never share state.
may_create_databases() {
    "$DB_CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -p"$DB_PASSWORD" \
        -e 'CREATE DATABASE IF NOT EXISTS beian_test_probe; DROP DATABASE beian_test_probe' >/dev/null 2>&1
}

create_test_database() {
    log "creating database $DB_NAME and user $DB_USER"
    # root@localhost authenticates over the unix socket when run as OS root.
    as_root "$DB_CLIENT" -u root <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`${DB_NAME//_/\\_}%\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`${DB_NAME//_/\\_}%\`.* TO '$DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
}

if ! db_answers; then
    start_mariadb
fi
find_db_client
if ! test_database_ready || ! may_create_databases; then
    create_test_database
    test_database_ready || die "user $DB_USER still cannot reach $DB_NAME on $DB_HOST:$DB_PORT"
fi
log "MariaDB ready: $DB_USER@$DB_HOST:$DB_PORT/$DB_NAME"

install_browser
install_axe

exec ./mvnw -B verify "$@"
