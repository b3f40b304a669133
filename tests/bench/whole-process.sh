#!/usr/bin/env bash
# whole-process.sh HELMC HELM [RUNS] CHART_DIR...: times `template` of each chart as whole
# processes, helmc and helm on the same input in one run, and prints the median wall time of
# each and their ratio (helm / helmc).  Outputs are compared too: a chart whose output differs
# is marked, since a fast wrong answer is no result.
set -euo pipefail
helmc=$1 helm=$2
shift 2
runs=11
if [[ ${1:-} =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[ $# -gt 0 ] || { echo "usage: whole-process.sh HELMC HELM [RUNS] CHART_DIR..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median wall time in microseconds of RUNS runs of "$@" (output to $tmp/out)
median_us() {
  local i t0 t1 times=()
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$@" >"$tmp/out" 2>/dev/null || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$((runs / 2 + 1))p"
}

printf '%-48s %12s %12s %8s\n' chart "helmc (ms)" "helm (ms)" ratio
for chart in "$@"; do
  a=$(median_us "$helmc" template release-name "$chart")
  cp "$tmp/out" "$tmp/a"
  b=$(median_us "$helm" template release-name "$chart")
  same=""
  cmp -s "$tmp/a" "$tmp/out" || same=" (outputs differ)"
  awk -v c="$chart" -v a="$a" -v b="$b" -v s="$same" \
    'BEGIN { printf "%-48s %12.2f %12.2f %7.1fx%s\n", c, a / 1000, b / 1000, b / a, s }'
done
