#!/usr/bin/env bash
# Creates the demo county database if it is absent, prints how to use it, and serves it (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
DB=${DB:-var/demo.db}
LISTEN=${LISTEN:-127.0.0.1:8080}
bin="$BUILD_DIR/gridgov"

if [ ! -f "$DB" ]; then
    mkdir -p "$(dirname "$DB")"
    echo "creating the demo county 庆云县 (371423) in $DB ..."
    "$bin" demo --db "$DB" --county 371423
fi

cat <<MSG

  gridgov is serving the demo county 庆云县 (371423) at http://$LISTEN/
    health:      http://$LISTEN/api/v1/health
    the county:  http://$LISTEN/api/v1/regions/371423
    its towns:   http://$LISTEN/api/v1/regions/371423/children
    grids:       http://$LISTEN/api/v1/grids?region=371423
    API docs:    http://$LISTEN/api/v1/openapi.json
  Ctrl-C stops the server.

MSG
exec "$bin" serve --db "$DB" --listen "$LISTEN"
