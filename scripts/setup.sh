#!/usr/bin/env bash
# Installs everything gridgov needs on a Debian 12 machine: Debian packages and npm packages.
# Idempotent; when everything is present it does nothing and returns in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
    build-essential cmake ninja-build ccache pkg-config git
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev sqlite3 libsodium-dev libspdlog-dev libcli11-dev
    libgtest-dev libgmock-dev libbenchmark-dev clang-format libgeos-dev gdal-bin
    nodejs curl chromium fonts-wqy-microhei
    libpq-dev postgresql-15 postgresql-contrib
    clang-14 libclang-rt-14-dev
)

missing=()
for p in "${debian_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v npm >/dev/null || { echo "setup: npm is missing (it comes with the nodejs package)"; exit 1; }

# npm packages (real division codes; later the web front end): install when the lock file changed.
stamp=node_modules/.gridgov-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    echo "setup: installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
fi

# The web front end's npm packages (Vue, Element Plus, ECharts, Leaflet, Vite, playwright-core for the browser
# tests): the same rule, in web/.
web_stamp=web/node_modules/.gridgov-installed
if [ ! -f "$web_stamp" ] || [ web/package-lock.json -nt "$web_stamp" ] || [ web/package.json -nt "$web_stamp" ]; then
    echo "setup: installing web npm packages"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    touch "$web_stamp"
fi
