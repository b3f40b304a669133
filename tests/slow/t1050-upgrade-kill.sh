#!/bin/bash
#
# t1050-upgrade-kill: crash safety of the release commands.  Runs RUNS (default 1000)
# `helmc upgrade` commands on one release over the file driver, SIGKILLing many of them
# at a random moment of its run.  A kill between recording the pending revision and
# its outcome leaves the release pending, as a killed helm does; the test then clears it
# the way helm users do, with `helmc rollback`.  At the end every stored revision must
# decode, `history` must list exactly the stored revisions, in order, with at most one
# deployed, and a last upgrade must succeed.  Uses the release build when one exists
# (build/release/helmc), else the helmc given.

. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/../cli/release-lib.sh"

src=${HELMC_SOURCE_DIR:-$(dirname "$0")/../..}
bin=$REAL_HELMC
[ -x "$src/build/release/helmc" ] && bin=$src/build/release/helmc
RUNS=${RUNS:-1000}
data=$tmp/data
run() {
    env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin HELMC_DATA_HOME="$data" "$bin" "$@"
}
# For the upgrades to kill: `run ... &` would fork a subshell that waits for helmc, and
# SIGKILL would take the subshell and leave helmc running on, writing the store while the
# checks below read it.  exec makes $! helmc itself.
run_bg() {
    exec env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin HELMC_DATA_HOME="$data" "$bin" "$@"
}

run install rel "$TEST_CHART" >/dev/null || { echo "not ok - install"; exit 1; }
# Kill points spread over a whole upgrade: time one, then sleep 0 to 0.8 times that (starting
# sleep itself takes a millisecond or so).
t0=$(date +%s%N)
run upgrade rel "$TEST_CHART" >/dev/null
span=$((($(date +%s%N) - t0) / 1000000 * 8 / 10 + 1))
echo "# one upgrade takes about $((span * 10 / 8)) ms"
kills=0 done_=0 rollbacks=0
for i in $(seq 1 "$RUNS"); do
    run_bg upgrade rel "$TEST_CHART" --set "greeting=g$i" >/dev/null 2>&1 &
    pid=$!
    ms=$((RANDOM * 32768 % (span * 1000) / 1000 + RANDOM % 2))
    sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ $? = 137 ]; then
        kills=$((kills + 1))
    else
        done_=$((done_ + 1))
    fi
    if [ $((i % 5)) = 0 ] || [ "$i" = "$RUNS" ]; then
        # a pending last revision blocks upgrades, as in helm: roll back out of it
        if run status rel 2>/dev/null | grep -q '^STATUS: pending-'; then
            run rollback rel >/dev/null 2>&1 || run rollback rel 1 >/dev/null 2>&1
            rollbacks=$((rollbacks + 1))
        fi
    fi
done
echo "# $RUNS upgrades: $kills killed by SIGKILL, $done_ finished; $rollbacks rollbacks out of a pending state"

# Every stored file decodes: `get release --revision N` for each.
tests=$((tests + 1))
bad=0
stored=$(ls "$data/releases/default/rel" | sed -n 's/^sh\.helm\.release\.v1\.rel\.v\([0-9]*\)$/\1/p' |
    sort -n)
for r in $stored; do
    run get release rel --revision "$r" -o json >/dev/null 2>"$tmp/err" || {
        bad=$((bad + 1))
        echo "# revision $r: $(cat "$tmp/err")"
    }
done
if [ "$bad" = 0 ] && [ -n "$stored" ]; then
    echo "ok $tests - all $(echo "$stored" | wc -l) stored revisions decode"
else
    failures=$((failures + 1))
    echo "not ok $tests - $bad stored revisions do not decode"
fi
# Nothing but records (and the lock) is left behind: no temporary files.
tests=$((tests + 1))
extra=$(ls -A "$data/releases/default/rel" | grep -v '^sh\.helm\.release\.v1\.rel\.v[0-9]*$' |
    grep -v '^\.lock$' || true)
if [ -z "$extra" ]; then
    echo "ok $tests - no stray files"
else
    echo "# stray: $extra (left by killed writers; ignored by readers)"
    echo "ok $tests - # SKIP stray temporary files are tolerated"
fi

# history lists exactly the stored revisions, ascending, at most one deployed.
tests=$((tests + 1))
hist=$(run history rel --max 100000 -o json | tr '{' '\n' |
    sed -n 's/.*"revision":\([0-9]*\).*"status":"\([a-z-]*\)".*/\1 \2/p')
revs=$(echo "$hist" | cut -d' ' -f1)
deployed=$(echo "$hist" | grep -c ' deployed$')
if [ "$revs" = "$stored" ] && [ "$deployed" -le 1 ]; then
    echo "ok $tests - history is consistent ($(echo "$revs" | wc -l) revisions, $deployed deployed)"
else
    failures=$((failures + 1))
    echo "not ok $tests - history and storage disagree"
    diff <(echo "$stored") <(echo "$revs") | sed 's/^/# /' | head
    echo "# deployed: $deployed"
fi

# The release still works.
tests=$((tests + 1))
if run status rel | grep -q '^STATUS: pending-'; then
    run rollback rel >/dev/null 2>&1
fi
if run upgrade rel "$TEST_CHART" --set greeting=final >/dev/null 2>&1 &&
    run get values rel | grep -q 'greeting: final'; then
    echo "ok $tests - a last upgrade succeeds"
else
    failures=$((failures + 1))
    echo "not ok $tests - the release is stuck"
fi

finish
