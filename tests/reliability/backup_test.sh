#!/usr/bin/env bash
# gridgov backup / restore round trips on SQLite (and PostgreSQL when GRIDGOV_TEST_PG is set; required when
# GRIDGOV_REQUIRE_PG=1): every table of src/storage/tables.cpp has the same row count after the round trip, a
# non-empty target is refused without --force, and a backup taken while a server is taking writes is
# consistent (every case whole, integrity_check ok) and restores.
#   tests/reliability/backup_test.sh PATH/TO/gridgov
set -uo pipefail
gridgov=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
tables=$(grep -oE '^ *\{"[a-z_]+",' "$here/../../src/storage/tables.cpp" | grep -oE '[a-z_]+')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridgov-backup.XXXXXX")
server_pid=
driver_pid=
pg_dbs=()
cleanup() {
    [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
    for d in "${pg_dbs[@]}"; do psql -q "$GRIDGOV_TEST_PG" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done
    rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 1
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
sql() { if [[ $1 == postgresql://* ]]; then psql -qtAX "$1" -c "$2"; else sqlite3 "$1" "$2"; fi; }
counts() {  # counts DB: "table rows" for every data table
    local t
    for t in $tables; do echo "$t $(sql "$1" "SELECT count(*) FROM $t")"; done
}

# round_trip LABEL SOURCE TARGET OTHER: SOURCE holds a demo county with cases; TARGET and OTHER are empty.
round_trip() {
    local label=$1 src=$2 dst=$3 other=$4
    "$gridgov" demo --db "$src" --county 371423 --seed 3 --cases 300 >/dev/null 2>&1 || { fail "$label: demo"; return; }
    if "$gridgov" backup --db "$src" --to "$tmp/$label.backup" >"$tmp/out" 2>&1; then
        pass "$label: backup ($(cat "$tmp/out"))"
    else
        fail "$label: backup"
        cat "$tmp/out"
        return
    fi
    if "$gridgov" restore --from "$tmp/$label.backup" --db "$dst" >"$tmp/out" 2>&1; then
        pass "$label: restore into an empty database"
    else
        fail "$label: restore"
        cat "$tmp/out"
        return
    fi
    if [ "$(counts "$src")" = "$(counts "$dst")" ] && [ "$(sql "$dst" "SELECT count(*) FROM cases")" -ge 300 ]; then
        pass "$label: every table's row count equal after the round trip ($(echo "$tables" | wc -w) tables)"
    else
        fail "$label: counts differ"
        diff <(counts "$src") <(counts "$dst") | head
    fi
    if "$gridgov" restore --from "$tmp/$label.backup" --db "$dst" >"$tmp/out" 2>&1; then
        fail "$label: restore over a non-empty database was not refused"
    else
        grep -q -- '--force' "$tmp/out" && pass "$label: restore refuses a non-empty target" ||
            fail "$label: refusal without the reason: $(cat "$tmp/out")"
    fi
    # --force over a database holding something else: the result is the backup, not a mixture.
    "$gridgov" demo --db "$other" --county 371423 --seed 9 >/dev/null 2>&1
    if "$gridgov" restore --from "$tmp/$label.backup" --db "$other" --force >"$tmp/out" 2>&1 &&
        [ "$(counts "$src")" = "$(counts "$other")" ]; then
        pass "$label: restore --force replaces a non-empty database"
    else
        fail "$label: restore --force"
        cat "$tmp/out" | tail -3
    fi
}

# online LABEL DB RESTORED: a server takes case writes while the backup runs; the backup is whole.
online() {
    local label=$1 db=$2 restored=$3 port i v
    "$gridgov" demo --db "$db" --county 371423 --seed 4 >/dev/null 2>&1 || { fail "$label: demo"; return; }
    port=$((20000 + RANDOM % 30000))
    "$gridgov" serve --db "$db" --listen "127.0.0.1:$port" --threads 4 >"$tmp/server.log" 2>&1 &
    server_pid=$!
    for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
    node "$here/crash_driver.mjs" drive "http://127.0.0.1:$port" "$tmp/acks" 8 "backup$label" >"$tmp/driver.log" 2>&1 &
    driver_pid=$!
    sleep 1
    if "$gridgov" backup --db "$db" --to "$tmp/online.backup" >"$tmp/out" 2>&1; then
        pass "$label: backup while a server takes writes"
    else
        fail "$label: online backup"
        cat "$tmp/out"
    fi
    sleep 0.5
    kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null
    server_pid=
    wait "$driver_pid" 2>/dev/null
    driver_pid=
    local written
    written=$(grep -c '"version"' "$tmp/acks")
    "$gridgov" restore --from "$tmp/online.backup" --db "$restored" >/dev/null 2>&1 || { fail "$label: restore of the online backup"; return; }
    local cases
    cases=$(sql "$restored" "SELECT count(*) FROM cases")
    v=$(sql "$restored" "SELECT count(*) FROM cases c WHERE c.version <> (SELECT count(*) FROM case_history h WHERE h.case_id = c.id) OR NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.op = 'report')")
    if [ "$v" = 0 ] && [ "$cases" -gt 0 ] && [ "$written" -gt 0 ]; then
        pass "$label: the online backup is whole ($cases cases caught mid-stream of $written acknowledged writes)"
    else
        fail "$label: online backup: $v inconsistent cases of $cases ($written writes)"
    fi
    if [[ $db != postgresql://* ]]; then
        v=$(sqlite3 "$tmp/online.backup" "PRAGMA integrity_check")
        [ "$v" = ok ] && pass "$label: integrity_check of the backup file" || fail "$label: integrity_check: $v"
        [ "$(sqlite3 "$tmp/online.backup" "PRAGMA journal_mode")" = delete ] && pass "$label: the backup is one file" ||
            fail "$label: the backup file still needs a WAL"
    fi
}

round_trip sqlite "$tmp/src.db" "$tmp/dst.db" "$tmp/other.db"
online sqlite "$tmp/live.db" "$tmp/live-restored.db"
! "$gridgov" backup --db "$tmp/nope/none.db" --to "$tmp/n.backup" >/dev/null 2>&1 && [ ! -e "$tmp/nope/none.db" ] &&
    pass "sqlite: backup of a missing database fails and creates nothing" || fail "sqlite: backup of a missing database"
printf 'not a database' >"$tmp/junk.backup"
! "$gridgov" restore --from "$tmp/junk.backup" --db "$tmp/j.db" >/dev/null 2>&1 &&
    pass "sqlite: a file that is not a backup is refused" || fail "sqlite: restore of a junk file"

if [ -n "${GRIDGOV_TEST_PG:-}" ]; then
    suffix="backup_$$_$RANDOM"
    for d in src dst other live restored; do
        psql -q "$GRIDGOV_TEST_PG" -c "CREATE DATABASE ${d}_$suffix" >/dev/null || fail "postgresql: create database"
        pg_dbs+=("${d}_$suffix")
    done
    pg() { echo "${GRIDGOV_TEST_PG%/*}/$1_$suffix"; }
    round_trip postgresql "$(pg src)" "$(pg dst)" "$(pg other)"
    : >"$tmp/acks"
    online postgresql "$(pg live)" "$(pg restored)"
elif [ "${GRIDGOV_REQUIRE_PG:-0}" = 1 ]; then
    fail "GRIDGOV_REQUIRE_PG=1 but GRIDGOV_TEST_PG is not set"
else
    echo "skipped PostgreSQL: GRIDGOV_TEST_PG is not set"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
