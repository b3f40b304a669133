#!/bin/bash
# t1102-sql-commands.sh - the release commands on the SQL driver (HELM_DRIVER=sql): the same
# install, upgrades, a failed upgrade, a rollback and an uninstall --keep-history give the same
# history, status and values as on the file driver, and a bad connection string fails with
# helm's prefix.  Runs under tests/pg/pg-fixture.sh; skips (77) without PostgreSQL.
src=${HELMC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ -z "$HELMC_TEST_PG_URL" ]; then
    exec bash "$src/tests/pg/pg-fixture.sh" bash "$0" "$@"
fi
helmc=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
tests=0 failures=0
check() { # NAME WANT GOT
    tests=$((tests + 1))
    if [ "$2" != "$3" ]; then
        failures=$((failures + 1))
        echo "FAIL: $1"; diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20
    fi
}
mkdir -p "$tmp/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "1.0"\n' >"$tmp/c/Chart.yaml"
printf 'greeting: hello\n' >"$tmp/c/values.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  g: {{ .Values.greeting | quote }}\n' \
    >"$tmp/c/templates/cm.yaml"
# The same scenario on one driver; prints history (times cut), status and values.
scenario() {
    "$helmc" install r "$tmp/c" >/dev/null || echo "install failed"
    "$helmc" upgrade r "$tmp/c" --set greeting=a >/dev/null 2>&1 || echo "upgrade 2 failed"
    "$helmc" upgrade r "$tmp/c" --set greeting=b --deploy-with false >/dev/null 2>&1 &&
        echo "failing upgrade succeeded"
    "$helmc" rollback r 2 >/dev/null 2>&1 || echo "rollback failed"
    "$helmc" history r -o json | sed -E 's/"updated":"[^"]*"/"updated":"T"/g'
    echo
    "$helmc" get values r -o json
    "$helmc" get manifest r
    "$helmc" uninstall r --keep-history
    "$helmc" list -a -q
}
want=$(HELMC_DATA_HOME=$tmp/home scenario 2>&1)
got=$(HELM_DRIVER=sql HELM_DRIVER_SQL_CONNECTION_STRING=$HELMC_TEST_PG_URL scenario 2>&1)
check "sql driver gives the file driver's history, values, manifest and list" "$want" "$got"
case $got in *'"revision":4'*'"description":"Rollback to 2"'*) ok=1 ;; *) ok=0 ;; esac
check "history holds the rollback as revision 4" 1 "$ok"
out=$(HELM_DRIVER=sql HELM_DRIVER_SQL_CONNECTION_STRING='postgres://nobody@127.0.0.1:1/x?sslmode=disable' \
    "$helmc" history r 2>&1); rc=$?
check "bad connection exits 1" 1 "$rc"
case $out in 'Error: unable to instantiate SQL driver: '*) ok=1 ;; *) ok=0 ;; esac
check "bad connection: helm's prefix ($out)" 1 "$ok"
echo "$tests tests, $failures failures"
[ "$failures" = 0 ]
