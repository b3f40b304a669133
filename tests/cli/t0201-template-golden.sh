#!/bin/bash
#
# t0201-template-golden: `helmc template` against what helm v4.1.4 printed for the golden
# charts (tests/golden/charts/cases.txt, out/ made by regen.sh with the real helm).
#
# Each case must give helm's exit status and, byte for byte, helm's standard output; when
# helm failed, also its standard error (helm's log lines, "level=...", are not compared).
# Cases named todo-* need functions helmc does not have yet: they are reported, not failed.

HELMC=${1:?usage: $0 PATH_TO_HELMC}
root=${HELMC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
golden=$root/tests/golden/charts
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
tests=0 failures=0 todo=0
cd "$root" || exit 1
while IFS='|' read -r name chart rest; do
    name=${name//[[:space:]]/}
    case "$name" in ''|'#'*) continue ;; esac
    chart=${chart//[[:space:]]/}
    eval "args=($rest)"
    tests=$((tests + 1))
    env -i HOME=/home/helmc-test PATH=/usr/bin:/bin TZ=UTC \
        "$HELMC" template rel "$chart" "${args[@]}" >"$tmp/out" 2>"$tmp/err"
    code=$?
    ok=true
    [ "$code" = "$(cat "$golden/out/$name.code")" ] || ok=false
    cmp -s "$tmp/out" "$golden/out/$name.out" || ok=false
    if [ "$code" != 0 ]; then
        grep -v '^level=' "$golden/out/$name.err" >"$tmp/want-err"
        grep -v '^level=' "$tmp/err" >"$tmp/got-err"
        cmp -s "$tmp/got-err" "$tmp/want-err" || ok=false
    fi
    if $ok; then
        echo "ok $tests - $name"
    elif [ "${name#todo-}" != "$name" ]; then
        todo=$((todo + 1))
        echo "not ok $tests - $name # TODO needs Sprig's functions"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $name (exit $code, want $(cat "$golden/out/$name.code"))"
        diff -u "$golden/out/$name.out" "$tmp/out" | head -40 | sed 's/^/# /'
        [ "$code" != 0 ] && diff -u "$tmp/want-err" "$tmp/got-err" | sed 's/^/# /'
    fi
done <"$golden/cases.txt"
echo "# t0201-template-golden: $((tests - failures - todo)) of $tests passed ($todo todo)"
[ "$failures" = 0 ]
