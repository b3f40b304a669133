#!/bin/bash
# repo-index-bench.sh HELMC HELM [RUNS] - time a big repository index through both tools.
#
# Serves a synthetic 15,000-entry (~22 MB) index.yaml (make-big-index.py) and one real
# chart archive from a local nginx (tests/net/repo-server.sh), then runs, alternating the
# tools, RUNS times each (default 3):
#   repo update                 download the index, check it, write the cache
#   search repo chart-0100      load every chart of the cached index and search it
#   pull big/chart-0100         load the one chart needed, download its archive
# and prints the median wall time, CPU time (user + system) and peak resident memory (GNU
# time's %e, %U + %S and %M) of each, with helm/helmc ratios.  On a loaded machine, trust
# CPU time over wall time.  Use a release build of helmc: sanitizers distort both numbers.
set -u
HELMC=$(realpath "${1:?usage: $0 HELMC HELM [RUNS]}")
HELM=$(realpath "${2:?usage: $0 HELMC HELM [RUNS]}")
RUNS=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../net/repo-server.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo" "$work/src/chart-0100"
python3 "$here/make-big-index.py" "$work/repo/index.yaml"
ver=$(awk '/^  chart-0100:/{f=1} f && /^    version:/{print $2; exit}' "$work/repo/index.yaml")
printf 'apiVersion: v2\nname: chart-0100\nversion: %s\n' "$ver" >"$work/src/chart-0100/Chart.yaml"
"$HELMC" package "$work/src/chart-0100" -d "$work/repo" >/dev/null
repo_server_start "$work/repo" || exit 1
echo "index: $(wc -c <"$work/repo/index.yaml") bytes, $(grep -c '^  - ' "$work/repo/index.yaml") entries"

for tool in helmc helm; do
    bin=$HELMC
    [ $tool = helm ] && bin=$HELM
    env HELM_REPOSITORY_CONFIG="$work/$tool/r.yaml" HELM_REPOSITORY_CACHE="$work/$tool/cache" \
        "$bin" repo add big "$REPO_URL" >/dev/null || exit 1
done

measure() { # TOOL NAME ARGS...
    local tool=$1 name=$2 bin=$HELMC
    shift 2
    [ $tool = helm ] && bin=$HELM
    mkdir -p "$work/$tool/pull"
    (cd "$work/$tool/pull" && rm -f ./*.tgz &&
        env HELM_REPOSITORY_CONFIG="$work/$tool/r.yaml" HELM_REPOSITORY_CACHE="$work/$tool/cache" \
            /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$bin" "$@" >/dev/null 2>&1) || echo "$tool $* failed" >&2
    echo "$name $tool $(cat "$work/t")" >>"$work/times"
}

for i in $(seq "$RUNS"); do
    for tool in helmc helm; do
        measure $tool update repo update
        measure $tool search search repo chart-0100
        measure $tool pull pull big/chart-0100
    done
done
python3 - "$work/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, tool, sec, kb, user, system = line.split()
    rows.setdefault((name, tool), []).append((float(sec), int(kb), float(user) + float(system)))
print("%-7s %8s %8s %9s %9s %9s %9s %7s %7s %7s" % (
    "command", "helmc s", "helm s", "helmc cpu", "helm cpu", "helmc MB", "helm MB",
    "wall x", "cpu x", "mem x"))
med = lambda xs, i: statistics.median(x[i] for x in xs)
for name in ("update", "search", "pull"):
    c, h = rows[(name, "helmc")], rows[(name, "helm")]
    print("%-7s %8.2f %8.2f %9.2f %9.2f %9.1f %9.1f %7.1f %7.1f %7.1f" % (
        name, med(c, 0), med(h, 0), med(c, 2), med(h, 2), med(c, 1) / 1024, med(h, 1) / 1024,
        med(h, 0) / max(med(c, 0), 0.005), med(h, 2) / max(med(c, 2), 0.005),
        med(h, 1) / med(c, 1)))
PY
