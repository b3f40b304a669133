#!/usr/bin/env bash
# package-compare.sh HELMC [CHART_DIR...]: packages each chart with helm and with helmc and
# compares the archives' entries (names, order apart from subcharts, modes, sizes, bytes; not
# modification times), then renders both archives with `helm template` and compares the output
# with the render of the directory.  It also packages each chart twice, touching its files in
# between, and requires identical bytes.  Without charts given it takes every chart of the
# shared corpus.  Needs helm (HELM, default the oracle) and python3; skips (77) without them.
set -uo pipefail
helmc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${HELMC_SHARED_DIR:-$root/../shared}
# the helm that ../shared/tools/install-helm installs, unless HELM names another
helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
[ -x "$helm" ] || { echo "package-compare: helm not found" >&2; exit 77; }
command -v python3 >/dev/null || { echo "package-compare: python3 missing" >&2; exit 77; }
if [ $# -eq 0 ]; then
  [ -d "$shared/corpus/charts" ] || { echo "package-compare: no corpus" >&2; exit 77; }
  set -- $(find "$shared/corpus/charts" -mindepth 3 -maxdepth 3 -name Chart.yaml -printf '%h\n' | sort)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
for chart in "$@"; do
  name=$(basename "$chart")
  rm -rf "$work/h" "$work/c" "$work/c2" "$work/copy"
  mkdir -p "$work/h" "$work/c" "$work/c2"
  herr=$("$helm" package "$chart" -d "$work/h" 2>&1 >/dev/null)
  hrc=$?
  cerr=$(SOURCE_DATE_EPOCH=1700000000 "$helmc" package "$chart" -d "$work/c" 2>&1 >/dev/null)
  crc=$?
  if [ $hrc -ne 0 ] || [ $crc -ne 0 ]; then
    if [ $hrc -eq $crc ] && [ "$herr" = "$cerr" ]; then pass=$((pass + 1)); continue; fi
    echo "FAIL $name: helm rc=$hrc '$herr'; helmc rc=$crc '$cerr'"
    fail=$((fail + 1))
    continue
  fi
  ha=$(ls "$work/h"/*.tgz) ca=$(ls "$work/c"/*.tgz)
  if [ "$(basename "$ha")" != "$(basename "$ca")" ]; then
    echo "FAIL $name: archive names $(basename "$ha") and $(basename "$ca")"
    fail=$((fail + 1))
    continue
  fi
  if ! msg=$(python3 - "$ha" "$ca" <<'EOF'
import sys, tarfile
def entries(p):
    t = tarfile.open(p)
    out = []
    for m in t.getmembers():
        out.append((m.name, m.mode, m.uid, m.gid, m.uname, m.gname, m.type, t.extractfile(m).read()))
    return out
h, c = entries(sys.argv[1]), entries(sys.argv[2])
# helm writes subcharts in a Go map's order: compare each chart's own entries in order,
# and the set of all entries
def own(es):
    return [e for e in es if "/charts/" not in e[0][e[0].index("/"):]]
if own(h) != own(c):
    hn = [e[0] for e in own(h)]; cn = [e[0] for e in own(c)]
    for a, b in zip(h, c):
        if a != b:
            print("first difference:", a[:7], b[:7]); break
    if hn != cn: print("names differ:", [x for x in hn if x not in cn], [x for x in cn if x not in hn])
    sys.exit(1)
if sorted(h) != sorted(c):
    hs = {e[0]: e for e in h}; cs = {e[0]: e for e in c}
    print("subchart entries differ:", sorted(set(hs) ^ set(cs))[:5],
          [k for k in hs if k in cs and hs[k] != cs[k]][:5])
    sys.exit(1)
EOF
  ); then
    echo "FAIL $name: $msg"
    fail=$((fail + 1))
    continue
  fi
  t_dir=$("$helm" template x "$chart" 2>&1)
  t_again=$("$helm" template x "$chart" 2>&1)
  t_c=$("$helm" template x "$ca" 2>&1)
  # charts that render random values (genCA, randAlpha) cannot be compared this way
  if [ "$t_dir" = "$t_again" ] && [ "$t_dir" != "$t_c" ]; then
    echo "FAIL $name: helm template differs between the directory and helmc's archive"
    fail=$((fail + 1))
    continue
  fi
  cp -r "$chart" "$work/copy"
  find "$work/copy" -exec touch -d '2001-02-03 04:05:06' {} +
  (cd "$work/copy" && SOURCE_DATE_EPOCH=1700000000 "$helmc" package . -d "$work/c2" >/dev/null 2>&1)
  if ! cmp -s "$ca" "$work/c2/$(basename "$ca")"; then
    echo "FAIL $name: packaging again after touching the files changed the bytes"
    fail=$((fail + 1))
    continue
  fi
  pass=$((pass + 1))
done
echo "package-compare: $pass passed, $fail failed"
[ $fail -eq 0 ]
