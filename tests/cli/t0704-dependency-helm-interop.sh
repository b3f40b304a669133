#!/bin/bash
#
# t0704-dependency-helm-interop: helmc and the real helm v4.1.4 on the same charts.  helm
# dependency build accepts the Chart.lock helmc wrote (and helmc the one helm wrote);
# `dependency update` by each writes the same Chart.lock (generated aside) and the same
# archives: byte-identical for repository downloads, the same files for file://
# dependencies (helm stamps them with the current time).  The repository is made by helmc
# package and repo index and served by a loopback nginx.  Skips (77) without helm or nginx;
# HELM names the helm binary (default: where ../shared/tools/install-helm puts it).

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"
. "$(dirname "$0")/../net/repo-server.sh"

helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
[ -x "$helm" ] || { echo "# skipped: no helm at $helm"; exit 77; }
cd "$tmp" || exit 1
mkdir -p repo/charts src
for v in 1.0.0 1.1.0 2.0.0; do mk rc $v src/rc-$v; done
mk local 0.3.0 src/local
echo 'a: 1' >src/local/values.yaml
mkdir -p src/local/templates && echo 'kind: ConfigMap' >src/local/templates/cm.yaml
for d in src/rc-*; do env -i SOURCE_DATE_EPOCH=0 "$HELMC" package "$d" -d repo/charts >/dev/null || exit 1; done
env -i "$HELMC" repo index repo/charts || exit 1
repo_server_start repo
case $? in 0) ;; 77) echo "# skipped: no nginx"; exit 77 ;; *) exit 1 ;; esac
trap 'repo_server_stop; rm -rf "$tmp"' EXIT
U=$REPO_URL/charts

# runs helm or helmc (first argument) with its own configuration and cache
run() {
    local bin=$1 who=$2
    shift 2
    env -i HOME="$tmp/home" PATH=/usr/bin:/bin HELM_CONFIG_HOME="$tmp/$who/cfg" \
        HELM_CACHE_HOME="$tmp/$who/cache" HELM_DATA_HOME="$tmp/$who/data" "$bin" "$@"
}

deps app rc '^1.0.0' "$U" local '~0.3' file://../src/local rc 2.x "$U"
sed -i '$a\  alias: rc2\n  condition: rc2.enabled\n  import-values: [{child: a, parent: b}]' app/Chart.yaml
cp -r app h && cp -r app c
run "$helm" helm dependency update h >/dev/null 2>&1
ok_if "helm dependency update"
run "$HELMC" helmc dependency update c >/dev/null 2>&1
ok_if "helmc dependency update"

diff -u <(lock h/Chart.lock) <(lock c/Chart.lock)
ok_if "the same Chart.lock"
[ "$(ls h/charts)" = "$(ls c/charts)" ] &&
    cmp h/charts/rc-1.1.0.tgz c/charts/rc-1.1.0.tgz && cmp h/charts/rc-2.0.0.tgz c/charts/rc-2.0.0.tgz
ok_if "the same archives from the repository"
mkdir xh xc && tar xzf h/charts/local-0.3.0.tgz -C xh && tar xzf c/charts/local-0.3.0.tgz -C xc &&
    diff -r xh xc && [ "$(tar tzf h/charts/local-0.3.0.tgz)" = "$(tar tzf c/charts/local-0.3.0.tgz)" ]
ok_if "the same files in the file:// archive"

# each accepts the other's lock: build in place of a fresh charts/
rm -r h/charts c/charts
cp h/Chart.lock helm.lock && cp c/Chart.lock h/Chart.lock
printf 'repositories:\n- name: r\n  url: %s\n' "$U" >repos.yaml
mkdir -p helm/cfg helmc/cfg && cp repos.yaml helm/cfg/repositories.yaml && cp repos.yaml helmc/cfg/repositories.yaml
run "$helm" helm dependency build h >out 2>&1 || cat out
ok_if "helm dependency build accepts helmc's Chart.lock"
cmp h/charts/rc-1.1.0.tgz repo/charts/rc-1.1.0.tgz
ok_if "helm dependency build downloads from helmc's repository"
cp helm.lock c/Chart.lock && run "$HELMC" helmc dependency build c >out 2>&1 || cat out
ok_if "helmc dependency build accepts helm's Chart.lock"

finish
