#!/bin/bash
#
# t1002-release-helm-interop: the real helm reads what helmc recorded, and helmc reads what
# helm recorded, both through helm's memory driver (HELM_DRIVER=memory with
# HELM_MEMORY_DRIVER_DATA), which needs no cluster for these read-only commands.  helmc
# builds a history with its file driver and exports it with `get release --all-revisions`;
# then helm and helmc run the same commands on that file and on the shared samples that helm
# wrote, and their output and exit codes must be identical.  Skipped (77) without helm or
# the shared release-format samples.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/release-lib.sh"

helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
samples=${HELMC_SOURCE_DIR:-$(dirname "$0")/../..}/../shared/release-format/samples
if [ ! -x "$helm" ] || [ ! -d "$samples" ]; then
    echo "# skipped: needs helm ($helm) and $samples"
    exit 77
fi

# Builds a history with helmc: install, upgrades (one failed), a rollback, a pruned one.
h() {
    env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$REAL_HELMC" "$@" >/dev/null 2>&1
}
h install rel "$TEST_CHART"
h upgrade rel "$TEST_CHART" --set greeting=hi --set list[0]=1
h upgrade rel "$TEST_CHART" --deploy-with false
h rollback rel 1
h upgrade rel "$TEST_CHART" -f "$TEST_CHART/values.yaml" --description "custom text"
h install other "$TEST_CHART" -n other-ns
env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$REAL_HELMC" \
    get release rel --all-revisions >"$tmp/rel.yaml"
env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$REAL_HELMC" \
    get release rel --all-revisions -o json >"$tmp/rel.json"

# same DATA NAME ARGS...: helm and helmc give the same output and exit code.
same() {
    local data=$1
    shift
    tests=$((tests + 1))
    env -i HOME="$tmp/home" PATH=/usr/bin:/bin HELM_DRIVER=memory \
        HELM_MEMORY_DRIVER_DATA="$data" "$helm" "$@" >"$tmp/helm.out" 2>&1
    echo "exit $?" >>"$tmp/helm.out"
    env -i HOME="$tmp/home" PATH=/usr/bin:/bin HELM_DRIVER=memory \
        HELM_MEMORY_DRIVER_DATA="$data" "$REAL_HELMC" "$@" >"$tmp/helmc.out" 2>&1
    echo "exit $?" >>"$tmp/helmc.out"
    if cmp -s "$tmp/helm.out" "$tmp/helmc.out"; then
        echo "ok $tests - $(basename "$data"): $*"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $(basename "$data"): $* (helm -, helmc +)"
        diff -u "$tmp/helm.out" "$tmp/helmc.out" | sed 's/^/# /' | head -40
    fi
}

mkdir -p "$tmp/home"
for data in "$tmp/rel.yaml" "$tmp/rel.json"; do
    for args in "history rel" "history rel -o json" "history rel -o yaml" "history rel --max 2" \
        "status rel" "status rel -o json" "status rel -o yaml" "status rel --revision 3" \
        "get manifest rel" "get manifest rel --revision 1" "get values rel" \
        "get values rel --revision 2" "get values rel --all -o json" "get notes rel" \
        "get hooks rel" "get metadata rel" "get metadata rel -o yaml" "get all rel" \
        "get all rel --revision 3" "list" "list -o json" "list --superseded -o yaml" \
        "history nope" "status rel --revision 42" "rollback rel 9" "rollback rel" \
        "rollback rel 2 --dry-run" "rollback rel x" "uninstall rel" "uninstall rel --keep-history" \
        "uninstall nope" "uninstall nope --ignore-not-found" "uninstall rel --dry-run"; do
        eval "same \"\$data\" $args"
    done
done

# What helm wrote, read by both.
for f in memory-driver-minimal-history.yaml memory-driver-demo-history.yaml \
    memory-driver-long-history-10-revisions.yaml memory-driver-pending-upgrade.yaml \
    memory-driver-empty-times.yaml; do
    data=$samples/$f
    [ -f "$data" ] || continue
    for name in $(sed -n 's/^  *name: \([a-z0-9-]*\)$/\1/p; s/^- name: \([a-z0-9-]*\)$/\1/p' \
        "$data" | sort -u | head -3); do
        for args in "history $name" "history $name -o json" "status $name" \
            "get manifest $name" "get values $name" "get metadata $name" "get all $name"; do
            eval "same \"\$data\" $args"
        done
    done
    same "$data" list
    same "$data" list -o json
done
# Commands that change a release, on helm's records (the memory driver keeps nothing).
same "$samples/memory-driver-demo-history.yaml" uninstall demo
same "$samples/memory-driver-demo-history.yaml" uninstall demo --keep-history
same "$samples/memory-driver-demo-history.yaml" rollback demo 1
same "$samples/memory-driver-pending-upgrade.yaml" upgrade mini "$TEST_CHART"
same "$samples/memory-driver-pending-upgrade.yaml" rollback mini

finish
