#!/bin/bash
# t1101-sql-helm-interop.sh - the SQL driver and the real helm sharing one PostgreSQL database:
# records helmc stores are read by helm (history, get manifest, get values, status), records
# helm installs and upgrades are read by helmc, each upgrades on top of the other, and a
# database helmc initialised dumps (pg_dump --schema-only) exactly as one helm initialised.
#
# Runs under tests/pg/pg-fixture.sh (it starts it itself) with helm's fake API server
# (release-format/tools/fakekube.py: helm needs a cluster to answer /version).  Drives the
# driver through helmc-sqltool (tests/storage/sqltool.c) until the release commands exist.
# Skips (77) without PostgreSQL, helm, the shared release-format notes or the tool.

src=${HELMC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ -z "$HELMC_TEST_PG_URL" ]; then
    exec bash "$src/tests/pg/pg-fixture.sh" bash "$0" "$@"
fi
rf=${HELMC_SHARED_DIR:-$src/../shared}/release-format
helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
helm3=${HELM3:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v3/helm} # optional
tool=${HELMC_SQLTOOL:-$(dirname "${1:-.}")/tests/helmc-sqltool}
for need in "$helm" "$tool"; do
    [ -x "$need" ] || { echo "skip: $need not found"; exit 77; }
done
[ -f "$rf/tools/fakekube.py" ] || { echo "skip: $rf not found"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "skip: fakekube.py needs python3-yaml"; exit 77; }

TEST_NAME=$(basename "$0" .sh)
tests=0
failures=0
tmp=$(mktemp -d) || exit 1
fk=
cleanup() {
    [ -n "$fk" ] && kill "$fk" 2>/dev/null && wait "$fk" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# same NAME WANT-FILE GOT-FILE
same() {
    tests=$((tests + 1))
    if cmp -s "$2" "$3"; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $1"
        diff -u "$2" "$3" | sed 's/^/# /'
    fi
}
# same_text NAME GOT-FILE <<EOF ... (the expected text)
same_text() {
    cat >"$tmp/want"
    same "$1" "$tmp/want" "$2"
}
# same_json NAME A-FILE B-FILE: equal as JSON values
same_json() {
    python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:3]); sys.exit(a!=b)' \
        "$2" "$3" 2>/dev/null
    local rc=$?
    tests=$((tests + 1))
    if [ $rc = 0 ]; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $1"
        sed 's/^/# want: /' "$2"
        sed 's/^/# got:  /' "$3"
    fi
}

url=$HELMC_TEST_PG_URL
psql() { "$HELMC_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

# helm's fake cluster on a free port
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$rf/tools/fakekube.py" "$port" "$tmp/fk" >"$tmp/fk.log" 2>&1 &
fk=$!
sed "s/18443/$port/" "$rf/tools/kubeconfig" >"$tmp/kubeconfig"
chmod 600 "$tmp/kubeconfig" # helm v3 warns about a readable one
for _ in $(seq 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
    sleep 0.2
done
cp -r "$rf/samples/demo-chart" "$tmp/demo"
H() {
    env -i PATH=/usr/bin:/bin HOME="$tmp/home" TZ=UTC KUBECONFIG="$tmp/kubeconfig" HELM_DRIVER=sql \
        HELM_DRIVER_SQL_CONNECTION_STRING="${conn:-$url}" "${bin:-$helm}" "$@"
}
T() { "$tool" "$1" "${conn:-$url}" "${@:2}"; }
common=(--skip-crds --no-hooks --disable-openapi-validation)

# ---- helmc writes, helm reads
T put "$rf/samples/stored-v3-record-rev1.json" "$rf/samples/stored-v4-record-rev2-upgrade.json"
# the status column chooses rows; what helm prints comes from the body (still "deployed")
psql "$url" -c "UPDATE releases_v1 SET status = 'superseded' WHERE key = 'sh.helm.release.v1.r3.v1'"
H history r3 >"$tmp/out" 2>&1
same_text "helm history reads helmc's rows" "$tmp/out" <<\EOT
REVISION	UPDATED                 	STATUS  	CHART     	APP VERSION	DESCRIPTION     
1       	Sun Nov 22 12:05:05 2026	deployed	demo-1.2.3	4.5.6      	Install complete
2       	Sun Nov 22 12:05:09 2026	deployed	demo-1.2.3	4.5.6      	Upgrade complete
EOT
for rev in 1 2; do
    H get manifest r3 --revision $rev >"$tmp/out" 2>&1
    python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))["manifest"] + "\n")' \
        "$rf/samples/stored-v$((rev == 1 ? 3 : 4))-record-$([ $rev = 1 ] && echo rev1 || echo rev2-upgrade).json" >"$tmp/want"
    same "helm get manifest --revision $rev reads helmc's row" "$tmp/want" "$tmp/out"
done
H get values r3 -o json >"$tmp/out" 2>&1
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])).get("config") or {}))' \
    "$rf/samples/stored-v4-record-rev2-upgrade.json" >"$tmp/want"
same_json "helm get values reads helmc's row" "$tmp/want" "$tmp/out"
H status r3 >"$tmp/out" 2>&1
same_text "helm status reads helmc's row" "$tmp/out" <<\EOT
NAME: r3
LAST DEPLOYED: Sun Nov 22 12:05:09 2026
NAMESPACE: default
STATUS: deployed
REVISION: 2
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
Thanks for installing demo as r3 (rev 2).
EOT

if [ -x "$helm3" ]; then
    bin=$helm3 H history r3 >"$tmp/out" 2>&1
    same_text "helm v3 history reads helmc's rows" "$tmp/out" <<\EOT
REVISION	UPDATED                 	STATUS  	CHART     	APP VERSION	DESCRIPTION     
1       	Sun Nov 22 12:05:05 2026	deployed	demo-1.2.3	4.5.6      	Install complete
2       	Sun Nov 22 12:05:09 2026	deployed	demo-1.2.3	4.5.6      	Upgrade complete
EOT
    H get manifest r3 >"$tmp/want" 2>&1
    bin=$helm3 H get manifest r3 >"$tmp/out" 2>&1
    same "helm v3 get manifest reads helmc's row" "$tmp/want" "$tmp/out"
else
    echo "# helm v3 not found ($helm3): its checks skipped"
fi

# ---- helm installs and upgrades, helmc reads, upgrades, and helm carries on
H install hi "$tmp/demo" "${common[@]}" >/dev/null 2>"$tmp/err" || cat "$tmp/err"
H upgrade hi "$tmp/demo" "${common[@]}" --set greeting=two >/dev/null 2>"$tmp/err" || cat "$tmp/err"
T history hi | cut -f1,2,3,4,5 >"$tmp/out" 2>&1
same_text "helmc reads helm's rows" "$tmp/out" <<\EOT
1	superseded	demo-1.2.3	4.5.6	Install complete
2	deployed	demo-1.2.3	4.5.6	Upgrade complete
EOT
for rev in 1 2; do
    H get manifest hi --revision $rev >"$tmp/want" 2>&1
    { T manifest hi $rev; echo; } >"$tmp/out" 2>&1
    same "helmc's manifest of helm's revision $rev is helm's" "$tmp/want" "$tmp/out"
    H get values hi --revision $rev -o json >"$tmp/want" 2>&1
    T values hi $rev >"$tmp/out" 2>&1
    same_json "helmc's values of helm's revision $rev are helm's" "$tmp/want" "$tmp/out"
done
T upgrade hi
H history hi -o json >"$tmp/hist.json" 2>&1
python3 -c 'import json,sys; [print(r["revision"], r["status"], r["description"]) for r in json.load(open(sys.argv[1]))]' \
    "$tmp/hist.json" >"$tmp/out" 2>&1
same_text "helm sees helmc's upgrade of its release" "$tmp/out" <<\EOT
1 superseded Install complete
2 superseded Upgrade complete
3 deployed Upgrade complete
EOT
H upgrade hi "$tmp/demo" "${common[@]}" --set greeting=four >"$tmp/out" 2>&1
grep -q '^REVISION: 4$' "$tmp/out" || cat "$tmp/out"
T history hi | cut -f1,2 >"$tmp/out" 2>&1
same_text "helm upgrades over helmc's revision; helmc reads the result" "$tmp/out" <<\EOT
1	superseded
2	superseded
3	superseded
4	deployed
EOT
H get manifest hi --revision 3 >"$tmp/want" 2>&1
H get manifest hi --revision 2 >"$tmp/out" 2>&1
same "helmc's revision 3 holds revision 2's manifest (read by helm)" "$tmp/want" "$tmp/out"
psql "$url" -At -c "SELECT version, owner, type, createdat > 0, modifiedat > 0 FROM releases_v1 WHERE name = 'hi' ORDER BY version" >"$tmp/out"
same_text "the rows' columns, whoever wrote them" "$tmp/out" <<\EOT
1|helm|helm.sh/release.v1|t|t
2|helm|helm.sh/release.v1|t|t
3|helm|helm.sh/release.v1|t|t
4|helm|helm.sh/release.v1|t|t
EOT
H uninstall hi >/dev/null 2>&1
T history hi >"$tmp/out" 2>&1
same_text "helm's uninstall removes helmc's revisions too" "$tmp/out" <<\EOT
Error: release: not found
EOT

# ---- helm's custom labels: helmc reads such a release and deleting it removes its label rows
H install lab "$tmp/demo" "${common[@]}" --labels team=red >/dev/null 2>"$tmp/err" || cat "$tmp/err"
psql "$url" -At -c "SELECT releasekey, key, value FROM custom_labels_v1 WHERE releasekey LIKE '%.lab.%'" >"$tmp/out"
same_text "helm wrote its label row" "$tmp/out" <<\EOT
sh.helm.release.v1.lab.v1|team|red
EOT
T history lab | cut -f1,2 >"$tmp/out" 2>&1
same_text "helmc reads a release with custom labels" "$tmp/out" <<\EOT
1	deployed
EOT
T delete lab 1
psql "$url" -At -c "SELECT count(*) FROM custom_labels_v1 WHERE releasekey LIKE '%.lab.%'" >"$tmp/out"
same_text "helmc's delete removes the label rows" "$tmp/out" <<\EOT
0
EOT
H history lab >"$tmp/out" 2>&1
same_text "helm no longer finds the release" "$tmp/out" <<\EOT
Error: release: not found
EOT

# ---- the schema: helmc's and helm's initialisation dump alike, and as the recorded dump
psql "$url" -c "CREATE DATABASE by_helm" -c "CREATE DATABASE by_helmc"
conn=${url/\/helm\?//by_helm?} H history nothing >/dev/null 2>&1
conn=${url/\/helm\?//by_helmc?} T history nothing >/dev/null 2>&1
dump() {
    "$HELMC_TEST_PG_BIN/pg_dump" --schema-only "${url/\/helm\?//$1?}" |
        grep -v -e '^\\restrict' -e '^\\unrestrict' -e '^-- Dumped '
}
dump by_helm >"$tmp/helm.sql"
dump by_helmc >"$tmp/helmc.sql"
same "pg_dump of a database helmc set up equals helm's" "$tmp/helm.sql" "$tmp/helmc.sql"
grep -v -e '^\\restrict' -e '^\\unrestrict' -e '^-- Dumped ' "$rf/samples/postgres-schema-dump.sql" \
    >"$tmp/recorded.sql"
same "pg_dump of helmc's database equals the recorded dump" "$tmp/recorded.sql" "$tmp/helmc.sql"
psql "${url/\/helm\?//by_helmc?}" -At -c "SELECT string_agg(id, ',' ORDER BY id) FROM gorp_migrations" >"$tmp/out"
same_text "helmc records helm's migrations" "$tmp/out" <<\EOT
custom_labels,init
EOT

echo "# $TEST_NAME: $((tests - failures)) of $tests passed"
[ "$failures" = 0 ]
