#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suites, on a loopback port, run as the postgres user.
#
#   pg_harness.sh run CMD [ARGS…]   start a cluster, run CMD with GRIDGOV_TEST_PG (admin URL) and
#                                   GRIDGOV_REQUIRE_PG=1 exported, stop the cluster, exit with CMD's status
#   pg_harness.sh start [ENV_FILE]  start a cluster; write GRIDGOV_TEST_PG=… and GRIDGOV_PG_DIR=… to ENV_FILE
#                                   (default /tmp/gridgov-pg-harness.env) and print the URL
#   pg_harness.sh stop [ENV_FILE]   stop the cluster ENV_FILE names and delete its files
#
# PostgreSQL refuses to run as root, so as root the server runs as `postgres` (runuser); as any other user it
# runs as that user. The data, log and unix socket live in one temp dir; fsync is off (the data is thrown away)
# unless PG_HARNESS_DURABLE=1 (benchmarks comparing durable commits).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DEFAULT_ENV=/tmp/gridgov-pg-harness.env

die() { echo "pg_harness: $*" >&2; exit 1; }

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts a cluster; prints "URL DIR".
start_cluster() {
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb missing; run scripts/setup.sh)"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no postgres user"
    fi
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/gridgov-pg.XXXXXX")
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_server_user "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
    local port attempt sync=off
    [ "${PG_HARNESS_DURABLE:-0}" = 1 ] && sync=on
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
        port_free "$port" || continue
        if as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
            "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=$sync -c synchronous_commit=$sync \
             -c full_page_writes=$sync -c max_connections=300 -c shared_buffers=128MB" start >/dev/null; then
            echo "postgresql://postgres@127.0.0.1:$port/postgres $dir"
            return 0
        fi
    done
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "could not start PostgreSQL"
}

stop_cluster() {
    local dir=$1
    [ -d "$dir/data" ] || return 0
    as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

cmd=${1:-}
shift || true
case "$cmd" in
    run)
        [ $# -gt 0 ] || die "usage: pg_harness.sh run CMD [ARGS…]"
        read -r url dir < <(start_cluster)
        [ -n "${dir:-}" ] || die "could not start PostgreSQL"
        trap 'stop_cluster "$dir"' EXIT INT TERM
        echo "pg_harness: PostgreSQL 15 test cluster at $url" >&2
        status=0
        GRIDGOV_TEST_PG=$url GRIDGOV_REQUIRE_PG=1 "$@" || status=$?
        exit "$status"
        ;;
    start)
        env_file=${1:-$DEFAULT_ENV}
        read -r url dir < <(start_cluster)
        [ -n "${dir:-}" ] || die "could not start PostgreSQL"
        printf 'GRIDGOV_TEST_PG=%s\nGRIDGOV_PG_DIR=%s\n' "$url" "$dir" >"$env_file"
        echo "$url"
        ;;
    stop)
        env_file=${1:-$DEFAULT_ENV}
        [ -f "$env_file" ] || die "no cluster recorded in $env_file"
        dir=$(sed -n 's/^GRIDGOV_PG_DIR=//p' "$env_file")
        stop_cluster "$dir"
        rm -f "$env_file"
        ;;
    *)
        die "usage: pg_harness.sh run CMD… | start [ENV_FILE] | stop [ENV_FILE]"
        ;;
esac
