#!/usr/bin/env bash
# postgis_locate.sh: the same 10,000 grids and 4.57 M points through geo_bench (GridIndex) and through a PostGIS
# ST_Contains join on a throwaway PostgreSQL cluster (127.0.0.1:55433), comparing the answers point by point.
# Usage: bench/postgis_locate.sh [BUILD_DIR (default build)] [POINT_LIMIT for PostGIS (default: all)]
set -euo pipefail

BUILD_DIR=${1:-build}
LIMIT=${2:-0}
PORT=55433
PG_BIN=/usr/lib/postgresql/15/bin
GEO_BENCH="$BUILD_DIR/geo_bench"
[ -x "$GEO_BENCH" ] || { echo "no $GEO_BENCH: build it with ninja -C $BUILD_DIR geo_bench" >&2; exit 1; }

if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    echo "installing postgresql-15-postgis-3 ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-postgis-3 >/dev/null
fi

WORK=$(mktemp -d /tmp/gridgov-postgis.XXXXXX)
chmod 755 "$WORK"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== geo_bench (GridIndex, CheckPartition) =="
"$GEO_BENCH" --out "$WORK/data" --benchmark_min_warmup_time=0.5 | tee "$WORK/geo_bench.txt"
ours_mpps=$(awk '/^LocateBatch 1 thread:/{print $4}' "$WORK/geo_bench.txt")
ours2_mpps=$(awk '/^LocateBatch 2 threads:/{print $4}' "$WORK/geo_bench.txt")

echo "== PostGIS =="
mkdir "$WORK/pgdata" "$WORK/sock"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pgdata" "$WORK/sock"
as_postgres "$PG_BIN/initdb" -D "$WORK/pgdata" -A trust -U postgres >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgdata/server.log" -w start \
    -o "-p $PORT -k $WORK/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c shared_buffers=512MB -c work_mem=256MB -c max_parallel_workers_per_gather=2" >/dev/null ||
    { cat "$WORK/pgdata/server.log" >&2; exit 1; }
psql_run() { psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

points_src="$WORK/data/points.csv"
ours_src="$WORK/data/ours.csv"
if [ "$LIMIT" -gt 0 ]; then
    head -n "$LIMIT" "$WORK/data/points.csv" > "$WORK/points_subset.csv"
    head -n "$LIMIT" "$WORK/data/ours.csv" > "$WORK/ours_subset.csv"
    points_src="$WORK/points_subset.csv"
    ours_src="$WORK/ours_subset.csv"
fi

psql_run <<SQL
CREATE EXTENSION postgis;
CREATE UNLOGGED TABLE grids_raw (code text, wkt text);
\copy grids_raw FROM '$WORK/data/grids.csv' (FORMAT text)
CREATE UNLOGGED TABLE grids AS SELECT code, ST_GeomFromText(wkt, 4326) AS geom FROM grids_raw;
CREATE INDEX grids_geom ON grids USING gist (geom);
CREATE UNLOGGED TABLE pts_raw (id bigint, lng float8, lat float8);
\copy pts_raw FROM '$points_src' (FORMAT csv)
CREATE UNLOGGED TABLE pts AS SELECT id, ST_SetSRID(ST_MakePoint(lng, lat), 4326) AS geom FROM pts_raw;
CREATE UNLOGGED TABLE ours (id bigint, code text);
\copy ours FROM '$ours_src' (FORMAT csv)
ANALYZE;
SQL

start=$(date +%s.%N)
psql_run -c "CREATE UNLOGGED TABLE answers AS
             SELECT p.id, g.code FROM pts p LEFT JOIN grids g ON ST_Contains(g.geom, p.geom);"
end=$(date +%s.%N)

read -r n_points n_answers mismatches on_boundary < <(psql_run -At -F ' ' <<'SQL'
SELECT (SELECT count(*) FROM pts),
       (SELECT count(*) FROM answers),
       count(*) FILTER (WHERE a.code IS DISTINCT FROM o.code),
       count(*) FILTER (WHERE a.code IS DISTINCT FROM o.code AND EXISTS (
           SELECT 1 FROM grids g WHERE g.geom && p.geom AND ST_Intersects(ST_Boundary(g.geom), p.geom)))
FROM answers a JOIN ours o USING (id) JOIN pts p USING (id);
SQL
)
pg_seconds=$(echo "$end - $start" | bc -l)
pg_pps=$(echo "$n_points / $pg_seconds" | bc -l)
ours_value=$(echo "$ours_mpps * 1000000" | bc -l)
printf '\n== result ==\n'
printf 'points compared:            %d (PostGIS rows: %d)\n' "$n_points" "$n_answers"
printf 'GridIndex:                  %.2f M points/s on 1 thread, %.2f M points/s on 2 threads\n' "$ours_mpps" "$ours2_mpps"
printf 'PostGIS ST_Contains join:   %.3f s = %.3f M points/s (GiST, up to 2 parallel workers)\n' "$pg_seconds" \
    "$(echo "$pg_pps / 1000000" | bc -l)"
printf 'ratio (ours 1 thread / PostGIS): %.1f x\n' "$(echo "$ours_value / $pg_pps" | bc -l)"
printf 'answers differing:          %d (of which on a grid boundary: %d)\n' "$mismatches" "$on_boundary"
grep -E '^CheckPartition' "$WORK/geo_bench.txt"
[ "$mismatches" = "$on_boundary" ] && [ "$n_points" = "$n_answers" ]
