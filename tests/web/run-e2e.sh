#!/usr/bin/env bash
# Runs the browser end-to-end test (tests/web/e2e.mjs) against a throwaway gridgov server:
#   tests/web/run-e2e.sh BUILD/gridgov WEB_DIST_DIR
# Creates a temporary demo database for 庆云县 (371423, with the demo users), serves it on a free loopback port
# with the given web/dist, waits for /api/v1/health, runs e2e.mjs and returns its exit status.
# Screenshots go to $GRIDGOV_SCREENSHOTS (default build/screenshots under the repository).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PATH/TO/gridgov PATH/TO/web/dist" >&2
    exit 2
fi
gridgov=$(realpath "$1")
dist=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$gridgov" ] || { echo "run-e2e: $gridgov is not an executable" >&2; exit 2; }
[ -f "$dist/index.html" ] || { echo "run-e2e: $dist/index.html is missing (build the web app: npm run build in web/)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridgov-e2e.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# `gridgov demo` creates the county and the demo users (password Demo@2026), and a year of cases so that the
# case lists have content (the test reads every expected figure from the API).
"$gridgov" demo --db "$tmp/demo.db" --county 371423 --cases 200 >"$tmp/demo.log" 2>&1 || {
    echo "run-e2e: gridgov demo failed:" >&2
    cat "$tmp/demo.log" >&2
    exit 1
}

# A free loopback port: ask the kernel for one, then hand it to the server.
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url="http://127.0.0.1:$port"
"$gridgov" serve --db "$tmp/demo.db" --listen "127.0.0.1:$port" --web "$dist" >"$tmp/serve.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
    if curl -fsS "$url/api/v1/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run-e2e: gridgov serve exited:" >&2
        cat "$tmp/serve.log" >&2
        exit 1
    fi
    sleep 0.1
done
curl -fsS "$url/api/v1/health" >/dev/null || { echo "run-e2e: server at $url did not answer /api/v1/health" >&2; cat "$tmp/serve.log" >&2; exit 1; }

status=0
GRIDGOV_URL="$url" node "$here/e2e.mjs" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run-e2e: server log (last 30 lines):" >&2
    tail -n 30 "$tmp/serve.log" >&2 || true
fi
exit "$status"
