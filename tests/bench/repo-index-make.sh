#!/usr/bin/env bash
# repo-index-make.sh HELMC OUT [VERSIONS]: the inputs of repo-index-vs-helm.py.
#
# Packages every chart of the shared corpus (../shared/corpus/charts) that packages, in
# VERSIONS versions each (default 17, at most 17: about 3,100 archives), with
# `helmc package --version`, and writes:
#   OUT/repo/*.tgz       the archives; the prerelease versions go to OUT/repo/pre/*.tgz,
#                        the second folder level `repo index` globs
#   OUT/one/*.tgz        one version (1.0.0) of each chart
#   OUT/big-index.yaml   an index of OUT/repo written by HELM (the reference helm, else HELMC)
#                        with --url https://charts.example.com, every entry repeated as
#                        four more major versions (100 + major, ...): five times as many
#                        entries, as helm would write them
# Archives carry SOURCE_DATE_EPOCH=0 times, so the same corpus gives the same bytes.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 HELMC OUT [VERSIONS]" >&2; exit 2; }
helmc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
nver=${3:-17}
here=$(cd "$(dirname "$0")" && pwd)
shared=${HELMC_SHARED_DIR:-$here/../../../shared}
helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
[ -x "$helm" ] || helm=$helmc
[ -d "$shared/corpus/charts" ] || { echo "$0: no corpus at $shared/corpus/charts" >&2; exit 77; }
command -v python3 >/dev/null || { echo "$0: python3 missing" >&2; exit 77; }

versions=(1.0.0 0.1.0 0.1.1 0.2.0 0.10.0 1.0.1 1.1.0 1.2.0 1.10.0 2.0.0 2.1.0 3.0.0 3.0.1
          10.0.0 10.1.0 1.0.0-rc.1 2.0.0-alpha.1)
[ "$nver" -ge 1 ] && [ "$nver" -le ${#versions[@]} ] || { echo "$0: VERSIONS 1..17" >&2; exit 2; }
export SOURCE_DATE_EPOCH=0
rm -rf "$out/repo" "$out/one"
mkdir -p "$out/repo/pre" "$out/one"

# the first version chart by chart: the charts that package (some lack their subcharts)
good=()
for chart in $(find "$shared/corpus/charts" -mindepth 3 -maxdepth 3 -name Chart.yaml \
               -printf '%h\n' | sort); do
    if "$helmc" package "$chart" -d "$out/one" --version "${versions[0]}" >/dev/null 2>&1; then
        good+=("$chart")
    fi
done
cp "$out/one"/*.tgz "$out/repo/"
# the other versions, every good chart in one run each
for v in "${versions[@]:1:$((nver - 1))}"; do
    dest=$out/repo
    case $v in *-*) dest=$out/repo/pre ;; esac
    "$helmc" package "${good[@]}" -d "$dest" --version "$v" >/dev/null
done
n=$(find "$out/repo" -name '*.tgz' | wc -l)
echo "$n archives of ${#good[@]} charts in $out/repo" >&2

# the index to merge into: helm's index of the archives, each entry in five major versions
rm -f "$out/repo/index.yaml"
"$helm" repo index "$out/repo" --url https://charts.example.com
python3 - "$out/repo/index.yaml" "$out/big-index.yaml" <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().split("\n")
start = lines.index("entries:") + 1
end = next(i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" "))
out = lines[:start]
groups = []  # [name line, [entry lines...]]
for l in lines[start:end]:
    if re.match(r"^  \S", l) and not l.startswith("  - "):
        groups.append([l, []])
    elif l.startswith("  - "):
        groups[-1][1].append([l])
    else:
        groups[-1][1][-1].append(l)
def bump(entry, k):
    ver = next(l[13:] for l in entry if l.startswith("    version: "))
    major, rest = ver.split(".", 1)
    nv = f"{int(major) + 100 * k}.{rest}"
    return [l.replace(f"-{ver}.tgz", f"-{nv}.tgz") if l.startswith("    - ") else
            (f"    version: {nv}" if l.startswith("    version: ") else l) for l in entry]
count = 0
for name, entries in groups:
    out.append(name)
    for k in (4, 3, 2, 1, 0):  # newest first, as helm sorts them
        for e in entries:
            out.extend(bump(e, k))
            count += 1
out.extend(lines[end:])
open(sys.argv[2], "w").write("\n".join(out))
print(f"{count} entries in {sys.argv[2]}", file=sys.stderr)
EOF
rm -f "$out/repo/index.yaml"
