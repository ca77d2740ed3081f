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
    "$bin" demo --db "$DB" --county 371423 --cases 2000
fi

cat <<MSG

  gridgov is serving the demo county 庆云县 (371423) at http://$LISTEN/
    web console: http://$LISTEN/          (mobile field app: http://$LISTEN/m/)
    health:      http://$LISTEN/api/v1/health
    API docs:    http://$LISTEN/api/v1/openapi.json
    the county:  http://$LISTEN/api/v1/regions/371423        (needs a token: see below)

  Demo logins (password Demo@2026):
    admin     系统管理员          庆云县
    leader    领导                庆云县
    county    县级综治中心        庆云县
    town      乡镇(街道)综治中心  渤海路街道
    village   村(社区)综治专干    新兴社区
    grid      网格员              新兴社区第一网格
    police    网格民警            渤海路街道
    mediator  调解员              渤海路街道
    unit      职能部门经办人      庆云县综合行政执法局

  Try:
    TOKEN=\$(curl -s -X POST http://$LISTEN/api/v1/auth/login -H 'Content-Type: application/json' \\
            -d '{"login":"county","password":"Demo@2026"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
    curl -s http://$LISTEN/api/v1/regions/371423 -H "Authorization: Bearer \$TOKEN"

  Ctrl-C stops the server.

MSG
exec "$bin" serve --db "$DB" --listen "$LISTEN" --web web/dist
