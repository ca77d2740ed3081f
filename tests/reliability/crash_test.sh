#!/usr/bin/env bash
# Crash tests: kill -9 the server in the middle of a stream of case reports and transitions, and the importers
# in the middle of a file; after the restart every acknowledged write is there, nothing is half-written, the
# database's own integrity checks pass, and running the import again completes to the same result as a clean
# run. On SQLite, and on PostgreSQL when GRIDGOV_TEST_PG names a server (a fresh database is created there;
# required when GRIDGOV_REQUIRE_PG=1).
#   tests/reliability/crash_test.sh PATH/TO/gridgov
set -uo pipefail
gridgov=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridgov-crash.XXXXXX")
server_pid=
pg_dbs=()
cleanup() {
    [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
    for d in "${pg_dbs[@]}"; do psql -q "$GRIDGOV_TEST_PG" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done
    rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 1
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $1"
}
random_between() { echo $(($1 + RANDOM % ($2 - $1 + 1))); }  # random_between LOW HIGH

# sql DB QUERY: one value from the database (sqlite3 for a file, psql for postgresql://).
sql() {
    if [[ $1 == postgresql://* ]]; then psql -qtAX "$1" -c "$2"; else sqlite3 "$1" "$2"; fi
}

# Starts `gridgov serve` on a free port; sets server_pid and base.
start_server() {
    local db=$1 log=$2 port attempt i
    for attempt in 1 2 3 4 5; do
        port=$(random_between 20000 50000)
        "$gridgov" serve --db "$db" --listen "127.0.0.1:$port" --threads 4 >>"$log" 2>&1 &
        server_pid=$!
        for i in $(seq 1 100); do
            if curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then
                base="http://127.0.0.1:$port"
                return 0
            fi
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    done
    server_pid=
    return 1
}

# Whole-case checks straight in the database: every case has its report row and one history row per version,
# no history row without its case.
db_checks() {
    local db=$1 label=$2 v
    v=$(sql "$db" "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.op = 'report')")
    [ "$v" = 0 ] && pass "$label: every case has its report history row" || fail "$label: $v cases without a report row"
    v=$(sql "$db" "SELECT count(*) FROM cases c WHERE c.version <> (SELECT count(*) FROM case_history h WHERE h.case_id = c.id)")
    [ "$v" = 0 ] && pass "$label: history rows = version for every case" || fail "$label: $v cases whose history and version disagree"
    v=$(sql "$db" "SELECT count(*) FROM case_history h WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = h.case_id)")
    [ "$v" = 0 ] && pass "$label: no history row without its case" || fail "$label: $v orphan history rows"
    if [[ $db != postgresql://* ]]; then
        v=$(sqlite3 "$db" "PRAGMA integrity_check")
        [ "$v" = ok ] && pass "$label: PRAGMA integrity_check" || fail "$label: integrity_check: $v"
        v=$(sqlite3 "$db" "PRAGMA foreign_key_check" | wc -l)
        [ "$v" = 0 ] && pass "$label: PRAGMA foreign_key_check" || fail "$label: $v foreign key violations"
    fi
}

# crash_server LABEL DB: demo county, then two rounds of (stream of writes, kill -9 at a random moment,
# restart, verify everything acknowledged so far).
crash_server() {
    local label=$1 db=$2 round delay
    if ! "$gridgov" demo --db "$db" --county 371423 --seed 7 >"$tmp/demo-$label.log" 2>&1; then
        fail "$label: demo database"
        cat "$tmp/demo-$label.log"
        return
    fi
    : >"$tmp/acks-$label"
    for round in 1 2; do
        start_server "$db" "$tmp/server-$label.log" || { fail "$label: server did not start"; tail "$tmp/server-$label.log"; return; }
        node "$here/crash_driver.mjs" drive "$base" "$tmp/acks-$label" 12 "$label$round" >"$tmp/driver-$label.log" 2>&1 &
        local driver=$!
        delay=$(random_between 8 25)
        sleep "$((delay / 10)).$((delay % 10))"
        kill -9 "$server_pid"
        wait "$server_pid" 2>/dev/null
        server_pid=
        if wait "$driver"; then
            pass "$label round $round: killed the server after ${delay}00 ms: $(tail -1 "$tmp/driver-$label.log")"
        else
            fail "$label round $round: the client saw an error before the kill"
            sed 's/^/  /' "$tmp/driver-$label.log" | tail -5
        fi
        db_checks "$db" "$label round $round (server down)"
        start_server "$db" "$tmp/server-$label.log" || { fail "$label: server did not restart"; tail "$tmp/server-$label.log"; return; }
        if node "$here/crash_driver.mjs" verify "$base" "$tmp/acks-$label" >"$tmp/verify-$label.log" 2>&1; then
            pass "$label round $round: $(head -1 "$tmp/verify-$label.log")"
        else
            fail "$label round $round: acknowledged writes after the restart"
            sed 's/^/  /' "$tmp/verify-$label.log" | head -22
        fi
        kill -9 "$server_pid"
        wait "$server_pid" 2>/dev/null
        server_pid=
    done
}

# region_digest DB: the regions table as a digest (what an import writes).
region_digest() {
    sql "$1" "SELECT code || '|' || name || '|' || level || '|' || coalesce(parent_code, '') FROM regions ORDER BY code" | md5sum
}
grid_digest() {
    sql "$1" "SELECT code || '|' || name || '|' || households || '|' || population || '|' || coalesce(boundary, '') FROM grids ORDER BY code" | md5sum
}

# kill_during LABEL PREFIX COMMAND...: runs COMMAND and kills it with -9 after PREFIX + a random digit seconds
# (PREFIX 0. = 0.1–0.9 s, 0.0 = 10–90 ms).
kill_during() {
    local label=$1 delay="$2$(random_between 1 9)"
    shift 2
    "$@" >"$tmp/killed.log" 2>&1 &
    local pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then
        echo "  $label: killed after $delay s"
    else
        echo "  $label: finished before the kill at $delay s"
    fi
    wait "$pid" 2>/dev/null
}

# crash_import LABEL FRESH_DB_A FRESH_DB_B FRESH_DB_C: `import divisions --code 37` (64 000 regions) killed
# mid-file into A, then run again to completion; B gets a clean run; the two agree. Then `import grids` of A's
# county grids killed mid-file into a demo county with other grids (C), run again; it agrees with a clean run.
crash_import() {
    local label=$1 a=$2 b=$3 c=$4 v
    kill_during "$label import divisions" 0. "$gridgov" import divisions --db "$a" --code 37
    if [[ $a != postgresql://* ]]; then
        v=$(sqlite3 "$a" "PRAGMA integrity_check")
        [ "$v" = ok ] && pass "$label: integrity_check after killing import divisions" || fail "$label: integrity_check: $v"
    fi
    v=$(sql "$a" "SELECT count(*) FROM regions r WHERE r.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions p WHERE p.code = r.parent_code)")
    [ "$v" = 0 ] && pass "$label: no region without its parent after the kill" || fail "$label: $v orphan regions"
    "$gridgov" import divisions --db "$a" --code 37 >"$tmp/rerun.log" 2>&1 || { fail "$label: re-run of import divisions"; cat "$tmp/rerun.log"; }
    "$gridgov" import divisions --db "$b" --code 37 >"$tmp/clean.log" 2>&1 || { fail "$label: clean import divisions"; cat "$tmp/clean.log"; }
    if [ "$(region_digest "$a")" = "$(region_digest "$b")" ] && [ "$(sql "$a" "SELECT count(*) FROM regions")" -gt 60000 ]; then
        pass "$label: import divisions killed and re-run = a clean run ($(sql "$a" "SELECT count(*) FROM regions") regions)"
    else
        fail "$label: import divisions killed and re-run differs from a clean run"
    fi

    # Grids: export seed 7's county and import it over a seed-8 county (other grids and boundaries); the
    # reference is the same import run cleanly on SQLite.
    "$gridgov" demo --db "$c" --county 371423 --seed 8 >/dev/null 2>&1 || { fail "$label: demo database for grids"; return; }
    if [ ! -f "$tmp/grids.geojson" ]; then
        "$gridgov" demo --db "$tmp/grid-src.db" --county 371423 --seed 7 >/dev/null 2>&1 &&
            "$gridgov" export grids --db "$tmp/grid-src.db" --region 371423 --format geojson --out "$tmp/grids.geojson" \
                >/dev/null 2>&1 &&
            "$gridgov" demo --db "$tmp/grid-ref.db" --county 371423 --seed 8 >/dev/null 2>&1 &&
            "$gridgov" import grids --db "$tmp/grid-ref.db" "$tmp/grids.geojson" >/dev/null 2>&1 ||
            { fail "$label: reference grid import"; return; }
    fi
    local before
    before=$(grid_digest "$c")
    kill_during "$label import grids" 0.0 "$gridgov" import grids --db "$c" "$tmp/grids.geojson"
    local after
    after=$(grid_digest "$c")
    if [ "$after" = "$before" ] || [ "$after" = "$(grid_digest "$tmp/grid-ref.db")" ]; then
        pass "$label: killed import grids left all or nothing"
    else
        fail "$label: killed import grids left a half-written import"
    fi
    if [[ $c != postgresql://* ]]; then
        v=$(sqlite3 "$c" "PRAGMA integrity_check")
        [ "$v" = ok ] && pass "$label: integrity_check after killing import grids" || fail "$label: integrity_check: $v"
    fi
    "$gridgov" import grids --db "$c" "$tmp/grids.geojson" >"$tmp/rerun.log" 2>&1 || { fail "$label: re-run of import grids"; cat "$tmp/rerun.log"; }
    [ "$(grid_digest "$c")" = "$(grid_digest "$tmp/grid-ref.db")" ] &&
        pass "$label: import grids re-run completes to the imported file" || fail "$label: import grids re-run differs"
}

crash_server sqlite "$tmp/cases.db"
crash_import sqlite "$tmp/div-a.db" "$tmp/div-b.db" "$tmp/grids.db"

if [ -n "${GRIDGOV_TEST_PG:-}" ]; then
    suffix="crash_$$_$RANDOM"
    for d in cases div_a div_b grids; do
        psql -q "$GRIDGOV_TEST_PG" -c "CREATE DATABASE ${d}_$suffix" >/dev/null || fail "postgresql: create database ${d}_$suffix"
        pg_dbs+=("${d}_$suffix")
    done
    pg() { echo "${GRIDGOV_TEST_PG%/*}/$1_$suffix"; }
    crash_server postgresql "$(pg cases)"
    crash_import postgresql "$(pg div_a)" "$(pg div_b)" "$(pg grids)"
elif [ "${GRIDGOV_REQUIRE_PG:-0}" = 1 ]; then
    fail "GRIDGOV_REQUIRE_PG=1 but GRIDGOV_TEST_PG is not set"
else
    echo "skipped PostgreSQL: GRIDGOV_TEST_PG is not set"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
