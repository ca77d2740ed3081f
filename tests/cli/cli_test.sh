#!/usr/bin/env bash
# The gridgov command line end to end on a throwaway demo county: calendar, regions, locate (one point and
# --points), export grids read back by GDAL's ogr2ogr, re-import, refused import, validate, user add.
#   tests/cli/cli_test.sh PATH/TO/gridgov
set -uo pipefail
gridgov=$(realpath "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridgov-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.db"
passed=0
failed=0
check() {  # check NAME COMMAND...: the command must succeed
    local name=$1
    shift
    if "$@" >"$tmp/out" 2>"$tmp/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        sed 's/^/  out: /' "$tmp/out" | head -5
        sed 's/^/  err: /' "$tmp/err" | head -5
    fi
}
json() {  # json FILE EXPR: prints a value of a JSON file (node is a setup dependency)
    node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); console.log($2)" "$1"
}

check "demo county builds" "$gridgov" demo --db "$db" --county 371423 --seed 5

check "calendar: 2026-02-12 + 3 working days = 2026-02-24 (Spring Festival)" \
    bash -c "[ \"\$('$gridgov' calendar add --from 2026-02-12 --working-days 3)\" = 2026-02-24 ]"
check "calendar: 2026-02-13 + 1 = 2026-02-14 (make-up Saturday)" \
    bash -c "[ \"\$('$gridgov' calendar add --from 2026-02-13 --working-days 1)\" = 2026-02-14 ]"
check "calendar: a bad date is refused" bash -c "! '$gridgov' calendar add --from 2026-02-30 --working-days 1"

"$gridgov" region --db "$db" 371423 --format json >"$tmp/region.json"
check "region: 9 towns and 339 villages" \
    bash -c "[ \"\$(node -e \"const d=require('$tmp/region.json'); console.log(d.counts.towns+'/'+d.counts.villages)\")\" = 9/339 ]"

grids=$(json "$tmp/region.json" "d.counts.grids")
inside=$("$gridgov" locate --db "$db" 117.385,37.776)
check "locate: a point in the county gives a 15-digit grid code" bash -c "[[ '$inside' =~ ^371423[0-9]{9}$ ]]"
check "locate: a point outside every grid fails" bash -c "! '$gridgov' locate --db '$db' 100,20"
printf '117.385,37.776\n100,20\n 117.385 , 37.776 \n' >"$tmp/points.txt"
"$gridgov" locate --db "$db" --points "$tmp/points.txt" >"$tmp/located.txt"
check "locate --points: one line per point, empty where none" \
    bash -c "[ \"\$(cat '$tmp/located.txt' | tr '\n' '|')\" = '$inside||$inside|' ]"
check "locate --points: a malformed line is refused with its number" \
    bash -c "printf '1,2\nx\n' > '$tmp/bad.txt'; ! '$gridgov' locate --db '$db' --points '$tmp/bad.txt' 2>'$tmp/e2' && grep -q '第 2 行' '$tmp/e2'"

check "export grids as GeoJSON" "$gridgov" export grids --db "$db" --region 371423 --format geojson --out "$tmp/grids.geojson"
check "GDAL reads the export back with every grid" \
    bash -c "[ \"\$(ogr2ogr -f CSV /vsistdout/ '$tmp/grids.geojson' -select code | tail -n +2 | wc -l)\" = '$grids' ]"
check "GDAL sees the attributes" bash -c "ogrinfo -ro -al -so '$tmp/grids.geojson' | grep -q 'households: Integer'"
check "re-importing the export changes nothing" \
    bash -c "'$gridgov' import grids --db '$db' '$tmp/grids.geojson' | grep -q '新增或变更 0 个'"
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371423999999001"},"geometry":{"type":"Polygon","coordinates":[[[117,37],[117.1,37],[117.1,37.1],[117,37]]]}}]}' >"$tmp/bad.geojson"
check "a bad GeoJSON feature is refused with its number and nothing is written" \
    bash -c "! '$gridgov' import grids --db '$db' '$tmp/bad.geojson' --report '$tmp/report.json' 2>'$tmp/e' && grep -q '第 1 个要素' '$tmp/e' && grep -q '\"imported\":0' '$tmp/report.json'"
check "grids validate: the demo partition is clean" "$gridgov" grids validate --db "$db" --region 371423
check "grids validate --format json" bash -c "'$gridgov' grids validate --db '$db' --region 371423100 --format json | grep -q '\"ok\":true'"
check "grids validate: strict norms report oversize grids (exit 3)" \
    bash -c "'$gridgov' grids validate --db '$db' --region 371423100 --max-households 50 >/dev/null; [ \$? = 3 ]"

check "user add reads the password from stdin" \
    bash -c "echo 'Field2026ok' | '$gridgov' user add --db '$db' --login zhang.wei --role grid_worker --scope 371423100 --name 张伟"
check "user list shows the new user" bash -c "'$gridgov' user list --db '$db' | grep -q 'zhang.wei'"
check "user add refuses a weak password" \
    bash -c "! (echo 'short' | '$gridgov' user add --db '$db' --login li.na --role grid_worker --scope 371423100)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
