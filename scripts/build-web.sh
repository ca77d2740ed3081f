#!/usr/bin/env bash
# Builds the web front end (web/ → web/dist) when any of its sources is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=dist/.gridgov-built
if [ -f "$stamp" ] && [ -z "$(find src public index.html m vite.config.ts tsconfig.json tsconfig.node.json \
        package.json package-lock.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    exit 0
fi
echo "web: building the console and the mobile app"
npm run --silent build >/tmp/gridgov-web-build.log 2>&1 || { cat /tmp/gridgov-web-build.log; exit 1; }
touch "$stamp"
