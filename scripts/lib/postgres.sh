# Shared by scripts/*.sh: a disposable PostgreSQL cluster from the machine's PostgreSQL binaries.
#   pg_start_disposable   initdb into a temp dir, start on a free port on 127.0.0.1 (as the `postgres` OS user
#                         when run as root), export DEVDBSEED_TEST_PG and PG* for psql; stopped and removed at exit.
# Source this file; it defines functions only.

PG_DISPOSABLE_DIR=''
PG_OS_USER=${PG_OS_USER:-postgres}

pg_log() { echo "[postgres] $*" >&2; }

# pg_bindir: the newest directory holding initdb and pg_ctl (installing PostgreSQL when allowed and missing)
pg_bindir() {
    local dir candidates=()
    if command -v pg_config >/dev/null 2>&1; then candidates+=("$(pg_config --bindir)"); fi
    candidates+=($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn))
    if command -v initdb >/dev/null 2>&1; then candidates+=("$(dirname "$(command -v initdb)")"); fi
    for dir in "${candidates[@]}"; do
        if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then echo "$dir"; return 0; fi
    done
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1 && [[ -z ${PG_NO_INSTALL:-} ]]; then
        pg_log "no PostgreSQL server binaries found: installing them (apt-get install -y postgresql)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } \
            || return 1
        ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn | head -1
        return 0
    fi
    return 1
}

pg_as_owner() { if [[ $(id -u) == 0 ]]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi; }

pg_free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

pg_stop_disposable() {
    if [[ -n $PG_DISPOSABLE_DIR && -d $PG_DISPOSABLE_DIR ]]; then
        pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DISPOSABLE_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DISPOSABLE_DIR"
        PG_DISPOSABLE_DIR=''
    fi
}

pg_start_disposable() {
    PG_BIN=$(pg_bindir) || {
        echo "error: no PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine." >&2
        echo "       Install them (Debian/Ubuntu: sudo apt-get install -y postgresql), or set DEVDBSEED_TEST_PG" >&2
        echo "       to a server you own (postgresql://user:password@host:port/postgres, a role with CREATEDB)." >&2
        return 1
    }
    if [[ $(id -u) == 0 ]] && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        echo "error: running as root needs the OS user '$PG_OS_USER' to run PostgreSQL (useradd -r $PG_OS_USER), or set DEVDBSEED_TEST_PG" >&2
        return 1
    fi
    PG_DISPOSABLE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/devdbseed-pg.XXXXXX")
    chmod 755 "$PG_DISPOSABLE_DIR"
    [[ $(id -u) == 0 ]] && chown "$PG_OS_USER" "$PG_DISPOSABLE_DIR"
    trap pg_stop_disposable EXIT
    trap 'pg_stop_disposable; exit 130' INT
    trap 'pg_stop_disposable; exit 143' TERM
    if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DISPOSABLE_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DISPOSABLE_DIR/initdb.log" 2>&1; then
        pg_as_owner rm -rf "$PG_DISPOSABLE_DIR/data"
        pg_as_owner "$PG_BIN/initdb" -D "$PG_DISPOSABLE_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >>"$PG_DISPOSABLE_DIR/initdb.log" 2>&1 \
            || { tail -5 "$PG_DISPOSABLE_DIR/initdb.log" >&2; echo "error: initdb failed" >&2; return 1; }
    fi
    local port attempt
    for attempt in 1 2 3; do
        port=$(pg_free_port)
        pg_as_owner tee "$PG_DISPOSABLE_DIR/data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_DISPOSABLE_DIR'
max_connections = 200
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 256MB
max_wal_size = 4GB
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
jit = off
log_min_messages = warning
CONF
        if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DISPOSABLE_DIR/data" -l "$PG_DISPOSABLE_DIR/server.log" -w -t 60 start >/dev/null 2>&1; then
            export DEVDBSEED_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
            export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
            export PATH="$PG_BIN:$PATH"
            pg_log "disposable PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DISPOSABLE_DIR)"
            return 0
        fi
    done
    tail -10 "$PG_DISPOSABLE_DIR/server.log" >&2
    echo "error: could not start PostgreSQL from $PG_BIN" >&2
    return 1
}
