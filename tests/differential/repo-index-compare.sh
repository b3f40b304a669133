#!/usr/bin/env bash
# repo-index-compare.sh HELMC: `helmc repo index` against `helm repo index` on the shared
# corpus.  Every corpus chart that packages is packaged once with `helmc package`; copies with
# other versions are made by rewriting the version in Chart.yaml (python's tarfile), some of
# them into a subfolder.  Then, on copies of the same directory, both tools index it plain,
# with --url and --json, and with --merge into an index helm wrote earlier for other versions
# with another --url; the indexes must be equal once `created` and `generated` are
# normalised.  Needs helm (HELM, default the oracle), python3 and the corpus; skips (77)
# without them.
set -uo pipefail
helmc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${HELMC_SHARED_DIR:-$root/../shared}
helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
[ -x "$helm" ] || { echo "repo-index-compare: helm not found" >&2; exit 77; }
command -v python3 >/dev/null || { echo "repo-index-compare: python3 missing" >&2; exit 77; }
[ -d "$shared/corpus/charts" ] || { echo "repo-index-compare: no corpus" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# one archive per chart, then more versions of each: the directory to index and, for the
# index to merge into, versions it lacks (1.0.0 is in both: the directory's entry wins)
mkdir -p "$work/base" "$work/repo/pre" "$work/old"
for chart in $(find "$shared/corpus/charts" -mindepth 3 -maxdepth 3 -name Chart.yaml \
               -printf '%h\n' | sort); do
    SOURCE_DATE_EPOCH=0 "$helmc" package "$chart" -d "$work/base" --version 1.0.0 \
        >/dev/null 2>&1
done
python3 - "$work" <<'EOF' || exit 1
import io, os, sys, tarfile
work = sys.argv[1]
sets = {"repo": ["1.0.0", "0.10.0"], "repo/pre": ["2.0.0-rc.1"],
        "old": ["1.0.0", "3.0.0"]}
for f in sorted(os.listdir(f"{work}/base")):
    src = tarfile.open(f"{work}/base/{f}")
    members = [(m, src.extractfile(m).read()) for m in src.getmembers()]
    name = f[: -len("-1.0.0.tgz")]
    for d, versions in sets.items():
        for v in versions:
            with tarfile.open(f"{work}/{d}/{name}-{v}.tgz", "w:gz", compresslevel=1) as out:
                for m, data in members:
                    if m.name == f"{name}/Chart.yaml":
                        data = data.replace(b"\nversion: 1.0.0\n", f"\nversion: {v}\n".encode())
                        m.size = len(data)
                    out.addfile(m, io.BytesIO(data))
EOF
n=$(find "$work/repo" -name '*.tgz' | wc -l)
# a directory helm skips and helmc must skip too: a file that is no archive
echo junk >"$work/repo/broken-1.0.0.tgz"
"$helm" repo index "$work/old" --url https://old.example.com/charts || exit 1

pass=0 fail=0
# compare NAME ARGS...: both tools on their own copy of repo/, the indexes compared
compare() {
    local name=$1 out=index.yaml
    shift
    for t in h c; do
        rm -rf "$work/$t" && cp -r "$work/repo" "$work/$t"
        cp "$work/old/index.yaml" "$work/$t-old.yaml"
    done
    local args=("$@")
    "$helm" repo index "$work/h" "${args[@]//@OLD@/$work/h-old.yaml}" 2>"$work/h.err"
    local hrc=$?
    "$helmc" repo index "$work/c" "${args[@]//@OLD@/$work/c-old.yaml}" 2>"$work/c.err"
    local crc=$?
    norm='s/^\( *"\{0,1\}\(created\|generated\)"\{0,1\}:\) .*/\1 T/'
    if [ $hrc -ne 0 ] || [ $crc -ne 0 ]; then
        echo "FAIL $name: helm rc=$hrc, helmc rc=$crc: $(cat "$work/h.err" "$work/c.err")"
        fail=$((fail + 1))
    elif ! diff -u <(sed "$norm" "$work/h/$out") <(sed "$norm" "$work/c/$out") \
            >"$work/diff"; then
        echo "FAIL $name: indexes differ"
        head -40 "$work/diff"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}
compare plain
compare url --url https://charts.example.com/stable
compare json --json
compare merge --merge @OLD@
compare merge-url-json --url https://new.example.com --json --merge @OLD@
echo "repo-index-compare: $n archives, $pass passed, $fail failed"
[ $fail -eq 0 ]
