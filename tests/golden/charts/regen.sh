#!/bin/bash
#
# regen.sh - render every case of cases.txt with the real helm into out/.
#
#   HELM=/path/to/helm tests/golden/charts/regen.sh
#
# HELM defaults to "helm" on PATH; it must be helm v4.1.4 (../shared/tools/install-helm).
# helm runs from the repository root with a fresh HOME, no network, no cluster and
# TZ=UTC, as the CLI test replays helmc.  Review the diff of out/ like code.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
helm=${HELM:-helm}
"$helm" version --short | grep -q '^v4\.1\.4' || { echo "regen.sh: need helm v4.1.4" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
rm -rf "$here/out"
mkdir -p "$here/out"
cd "$root"
while IFS='|' read -r name chart rest; do
    name=${name//[[:space:]]/}
    case "$name" in ''|'#'*) continue ;; esac
    chart=${chart//[[:space:]]/}
    eval "args=($rest)"
    set +e
    env -i HOME="$home" PATH="$PATH" TZ=UTC \
        "$helm" template rel "$chart" "${args[@]}" >"$here/out/$name.out" 2>"$here/out/$name.err"
    echo $? >"$here/out/$name.code"
    set -e
    echo "$name: exit $(cat "$here/out/$name.code")"
done <"$here/cases.txt"
