#!/bin/bash
#
# t0706-dependency-tls: helmc dependency update against an HTTPS repository (loopback nginx with
# a throwaway CA, tests/net/repo-server.sh --tls): with the repository added under its CA
# (repo add --ca-file) the dependency is fetched over verified TLS and the archive saved is the
# served one; a chart naming the https URL of a repository not added fails TLS verification as
# helm does.  Skips (77) without nginx or openssl.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"
. "$(dirname "$0")/../net/repo-server.sh"

cd "$tmp" || exit 1
mkdir -p repo/charts src
mk rc 1.2.3 src/rc
env -i SOURCE_DATE_EPOCH=0 "$HELMC" package src/rc -d repo/charts >/dev/null || exit 1
env -i "$HELMC" repo index repo/charts || exit 1
repo_server_start repo --tls
case $? in 0) ;; 77) echo "# skipped: no nginx or openssl"; exit 77 ;; *) exit 1 ;; esac
trap 'repo_server_stop; rm -rf "$tmp"' EXIT
U=$REPO_URL/charts
case $U in https://*) true ;; *) false ;; esac
ok_if "the fixture serves https ($U)"
TEST_ENV=(HELM_CONFIG_HOME="$tmp/cfg" HELM_CACHE_HOME="$tmp/cache" HELM_DATA_HOME="$tmp/data")

check 0 stdout "repo add sec $U --ca-file $REPO_CA" <<EOF
"sec" has been added to your repositories
EOF
deps p rc '^1.0.0' '@sec'
check 0 stdout 'dependency update p' <<EOF
Hang tight while we grab the latest from your chart repositories...
...Successfully got an update from the "sec" chart repository
Update Complete. ⎈Happy Helming!⎈
Saving 1 charts
Downloading rc from repo $U
Deleting outdated charts
EOF
cmp p/charts/rc-1.2.3.tgz repo/charts/rc-1.2.3.tgz
ok_if "the archive fetched over TLS is the served one"
grep -q "repository: $U" p/Chart.lock
ok_if "Chart.lock names the https repository"

# The same URL with no repositories configured (so no CA known): verification fails, nothing saved.
deps q rc '^1.0.0' "$U"
env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin HELM_CONFIG_HOME="$tmp/cfg2" HELM_CACHE_HOME="$tmp/cache2" \
    HELM_DATA_HOME="$tmp/data2" "$HELMC" dependency update q >"$tmp/out" 2>&1
rc=$?
msg="an unknown CA fails verification (exit $rc: $(tail -1 "$tmp/out"))"
[ $rc = 1 ] && grep -q 'x509: certificate signed by unknown authority' "$tmp/out" && [ ! -e q/charts/rc-1.2.3.tgz ]
ok_if "$msg"
finish
