#!/usr/bin/env bash
# floor-check.sh KIND HELMC: runs the shared conformance (KIND=conformance) or corpus
# (KIND=corpus) runner once against the helmc binary and fails when an area passes fewer cases
# than its floor in tests/differential/KIND.floor ("AREA PASSED" lines; "total" is the whole
# set). Floors may only rise: a run that beats a floor says so, and FLOOR_UPDATE=1 records it.
# Conformance areas are the runner's own; corpus areas are the charts' publishers (the first
# part of a case id). Without the shared test data the check is skipped (exit 77).
# With a sanitizer build (the dev preset), every AddressSanitizer, LeakSanitizer or
# UndefinedBehaviorSanitizer report of any run fails the check, whatever the case's outcome:
# reports go to files (log_path) that are counted and shown at the end.
set -euo pipefail
kind=$1 helmc=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${HELMC_SHARED_DIR:-$root/../shared}
floor_file=$here/$kind.floor
case $kind in
  conformance) runner=$shared/conformance/run-conformance ;;
  corpus) runner=$shared/corpus/run-corpus ;;
  *) echo "floor-check: unknown kind $kind" >&2; exit 2 ;;
esac
[ -f "$runner" ] || { echo "floor-check: $runner not found (shared test data missing)" >&2; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/san"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:log_path=$out/san/asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$out/san/ubsan${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="log_path=$out/san/lsan${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
python3 "$runner" "$helmc" --out "$out/res" --verbose >"$out/log" 2>&1 || true
san_reports=$(find "$out/san" -type f | wc -l)
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/log" | tail -1 || true)
if [ -z "$summary" ]; then
  echo "floor-check: the $kind runner printed no summary:" >&2
  tail -20 "$out/log" >&2
  exit 1
fi
echo "$kind: $summary"
declare -A got
got[total]=${summary%% passed*}
# per-area table lines: "AREA PASSED FAILED"
while read -r a p f; do
  [[ $p =~ ^[0-9]+$ && $f =~ ^[0-9]+$ ]] && got[$a]=$p
done < <(grep -E '^[A-Za-z0-9_./-]+ +[0-9]+ +[0-9]+$' "$out/log" || true)
if [ "$kind" = corpus ]; then
  while read -r a; do
    got[$a]=$(( ${got[$a]:-0} + 1 ))
  done < <(sed -n 's|^PASS \([^/]*\)/.*|\1|p' "$out/log")
fi
status=0
new=""
while read -r area floor; do
  case $area in ""|\#*) continue ;; esac
  have=${got[$area]:-0}
  if [ "$have" -lt "$floor" ]; then
    echo "REGRESSION: $kind $area passes $have, below its floor $floor" >&2
    status=1
  elif [ "$have" -gt "$floor" ]; then
    echo "  $area: $have passed, floor $floor can rise"
  fi
  new+="$area $(( have > floor ? have : floor ))"$'\n'
done < "$floor_file"
for a in "${!got[@]}"; do # areas that pass cases but have no floor yet
  grep -q "^$a " "$floor_file" || { echo "  $a: ${got[$a]} passed, no floor yet"; new+="$a ${got[$a]}"$'\n'; }
done
if [ "$san_reports" != 0 ]; then
  echo "SANITIZER: $san_reports report(s) from $kind runs; the first:" >&2
  find "$out/san" -type f | head -3 | while read -r f; do head -40 "$f" >&2; done
  status=1
fi
if [ "$status" != 0 ]; then
  head -c 6000 "$out/res/failures.jsonl" >&2 2>/dev/null || true
fi
if [ "${FLOOR_UPDATE:-}" = 1 ] && [ "$status" = 0 ]; then
  { printf '# %s floor: passing cases per area; may only rise (FLOOR_UPDATE=1 records a rise)\n' "$kind"
    printf '%s' "$new" | sort; } > "$floor_file"
fi
echo "$kind: $san_reports sanitizer report(s)"
echo "$kind floor check: $([ $status = 0 ] && echo ok || echo FAILED)"
exit $status
