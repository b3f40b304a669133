#!/bin/bash
#
# t1003-release-concurrency: parallel `helmc upgrade` of one release lose no revision.
# Each upgrade holds the release's storage lock from reading the last revision to
# recording the new one, so N concurrent upgrades all succeed and leave revisions
# 1..N+1 with exactly one deployed (helm itself lets one of two racing upgrades fail
# with "release: already exists").

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/release-lib.sh"

N=12
run() {
    env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$REAL_HELMC" "$@"
}
run install rel "$TEST_CHART" >/dev/null || echo "install failed"
pids=()
for i in $(seq 1 $N); do
    run upgrade rel "$TEST_CHART" --history-max 0 --set "greeting=g$i" >"$tmp/up$i.out" 2>&1 &
    pids+=($!)
done
fails=0
for p in "${pids[@]}"; do
    wait "$p" || fails=$((fails + 1))
done
tests=$((tests + 1))
if [ "$fails" = 0 ]; then
    echo "ok $tests - $N parallel upgrades all succeeded"
else
    failures=$((failures + 1))
    echo "not ok $tests - $fails of $N parallel upgrades failed"
    cat "$tmp"/up*.out | sed 's/^/# /' | head -20
fi

# Revisions 1..N+1, each once; the last deployed, every other superseded.
want=$(for i in $(seq 1 $((N + 1))); do
    if [ "$i" = $((N + 1)) ]; then echo "$i deployed"; else echo "$i superseded"; fi
done)
got=$(run history rel -o json | tr '{' '\n' |
    sed -n 's/.*"revision":\([0-9]*\).*"status":"\([a-z-]*\)".*/\1 \2/p')
tests=$((tests + 1))
if [ "$got" = "$want" ]; then
    echo "ok $tests - history holds revisions 1..$((N + 1)), one deployed"
else
    failures=$((failures + 1))
    echo "not ok $tests - history after parallel upgrades"
    diff <(echo "$want") <(echo "$got") | sed 's/^/# /'
fi

# Every upgrade rendered its own values: the N greetings all appear once among revisions 2..N+1.
seen=$(for r in $(seq 2 $((N + 1))); do
    run get values rel --revision "$r" -o json
done | sort | uniq | wc -l)
tests=$((tests + 1))
if [ "$seen" = "$N" ]; then
    echo "ok $tests - each upgrade recorded its own values"
else
    failures=$((failures + 1))
    echo "not ok $tests - $seen distinct values among $N upgrades"
fi

finish
