#!/bin/bash
#
# t0703-dependency-repo: helmc dependency update and build against chart repositories served
# by a loopback nginx (tests/net/repo-server.sh), the charts and index.yaml made by helmc
# package and repo index.  Expected: what helm v4.1.4 prints and writes for the same steps
# (this script passes with helm in place of helmc): repositories unknown to
# repositories.yaml (helm-manager- caches), @name and alias:name, newest matching versions,
# outdated archives removed, build from Chart.lock, and helm's errors.  Skips (77) without
# nginx.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"
. "$(dirname "$0")/../net/repo-server.sh"

cd "$tmp" || exit 1
mkdir -p repo/charts src
for v in 1.0.0 1.1.0 2.0.0; do mk rc $v src/rc-$v; done
mk other 0.5.0 src/other
for d in src/*; do env -i SOURCE_DATE_EPOCH=0 "$HELMC" package "$d" -d repo/charts >/dev/null || exit 1; done
env -i "$HELMC" repo index repo/charts || exit 1
repo_server_start repo
case $? in 0) ;; 77) echo "# skipped: no nginx"; exit 77 ;; *) exit 1 ;; esac
trap 'repo_server_stop; rm -rf "$tmp"' EXIT
U=$REPO_URL/charts
TEST_ENV=(HELM_CONFIG_HOME="$tmp/cfg" HELM_CACHE_HOME="$tmp/cache" HELM_DATA_HOME="$tmp/data")
HANG="Hang tight while we grab the latest from your chart repositories...
...Successfully got an update from the \"myrepo\" chart repository
Update Complete. ⎈Happy Helming!⎈"
MANAGER=helm-manager-$(printf %s "$U" | sha256sum | cut -c1-64)


deps p rc '^1.0.0' "$U" other '*' "$U" rc 2.x "$U"
sed -i '$a\  alias: rc2' p/Chart.yaml
check 0 stdout 'dependency update p' <<EOF
Getting updates for unmanaged Helm repositories...
...Successfully got an update from the "$U" chart repository
Saving 3 charts
Downloading rc from repo $U
Downloading other from repo $U
Downloading rc from repo $U
Deleting outdated charts
EOF
# (the digest depends on the server's port)
diff -u - <(lock p/Chart.lock | grep -v '^digest: ') <<EOF
dependencies:
- name: rc
  repository: $U
  version: 1.1.0
- name: other
  repository: $U
  version: 0.5.0
- name: rc
  repository: $U
  version: 2.0.0
EOF
ok_if "Chart.lock names the newest matching versions"
[ "$(ls p/charts | tr '\n' ' ')" = "other-0.5.0.tgz rc-1.1.0.tgz rc-2.0.0.tgz " ] &&
    for f in p/charts/*; do cmp "$f" "repo/charts/${f#p/charts/}" || exit 1; done &&
    [ -s "cache/repository/$MANAGER-index.yaml" ] &&
    [ "$(cat "cache/repository/$MANAGER-charts.txt")" = "$(printf 'other\nrc')" ]
ok_if "the archives as served, the index cached under helm-manager-SHA256"

# a narrower range: the outdated archive goes
sed -i 's/\^1.0.0/~1.0.0/' p/Chart.yaml
check 0 stdout 'dependency update p --skip-refresh' <<EOF
Saving 3 charts
Downloading rc from repo $U
Downloading other from repo $U
Downloading rc from repo $U
Deleting outdated charts
EOF
[ "$(ls p/charts | tr '\n' ' ')" = "other-0.5.0.tgz rc-1.0.0.tgz rc-2.0.0.tgz " ] &&
    grep -q '^  version: 1.0.0$' p/Chart.lock
ok_if "rc-1.1.0.tgz replaced by rc-1.0.0.tgz"

# build needs every repository of the lock in repositories.yaml
rm -r p/charts
check 1 stderr 'dependency build p' <<EOF
Error: no repository definition for $U, $U, $U. Please add the missing repos via 'helm repo add'
EOF

mkdir -p cfg
printf 'repositories:\n- name: myrepo\n  url: %s\n' "$U" >cfg/repositories.yaml
check 0 stdout 'dependency build p' <<EOF
$HANG
Saving 3 charts
Downloading rc from repo $U
Downloading other from repo $U
Downloading rc from repo $U
Deleting outdated charts
EOF
[ "$(ls p/charts | tr '\n' ' ')" = "other-0.5.0.tgz rc-1.0.0.tgz rc-2.0.0.tgz " ]
ok_if "build downloads the locked versions"

# @name and alias:name become the repository's URL, in the lock and in the digest
deps q rc '~1.0' '@myrepo' other '*' 'alias:myrepo'
check 0 stdout 'dependency update q' <<EOF
$HANG
Saving 2 charts
Downloading rc from repo $U
Downloading other from repo $U
Deleting outdated charts
EOF
[ "$(grep -c "^  repository: $U\$" q/Chart.lock)" = 2 ]
ok_if "aliases resolved in Chart.lock"
check 0 stdout 'dependency build q --skip-refresh' <<EOF
Saving 2 charts
Downloading rc from repo $U
Downloading other from repo $U
Deleting outdated charts
EOF

# --verify: no provenance files on this server
check 1 merged 'dependency update q --verify' <<EOF
$HANG
Saving 2 charts
Downloading rc from repo $U
Save error occurred:  could not download $U/rc-1.0.0.tgz: failed to fetch provenance "$U/rc-1.0.0.tgz.prov"
Error: could not download $U/rc-1.0.0.tgz: failed to fetch provenance "$U/rc-1.0.0.tgz.prov"
EOF
check 0 stdout 'dependency build q --verify --skip-refresh' <<EOF
Saving 2 charts
Downloading rc from repo $U
WARNING: Verification not found for $U/rc-1.0.0.tgz: failed to fetch $U/rc-1.0.0.tgz.prov : 404 Not Found
Downloading other from repo $U
WARNING: Verification not found for $U/other-0.5.0.tgz: failed to fetch $U/other-0.5.0.tgz.prov : 404 Not Found
Deleting outdated charts
EOF

# errors
rm cfg/repositories.yaml
deps nov rc '^3' "$U"
check 1 merged 'dependency update nov' <<EOF
Getting updates for unmanaged Helm repositories...
...Successfully got an update from the "$U" chart repository
Error: can't get a valid version for 1 subchart(s): "rc" (repository "$U", version "^3"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml
EOF
deps noc zz '*' "$U"
check 1 stderr 'dependency update noc --skip-refresh' <<EOF
Error: zz chart not found in repo $U
EOF
deps gone rc '*' "$REPO_URL/gone"
GONE=helm-manager-$(printf %s "$REPO_URL/gone" | sha256sum | cut -c1-64)
check 1 merged 'dependency update gone' <<EOF
Getting updates for unmanaged Helm repositories...
...Unable to get an update from the "$REPO_URL/gone" chart repository:
	failed to fetch $REPO_URL/gone/index.yaml : 404 Not Found
Error: no cached repository for $GONE found. (try 'helm repo update'): open $tmp/cache/repository/$GONE-index.yaml: no such file or directory
EOF

finish
