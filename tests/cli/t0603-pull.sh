#!/bin/bash
# pull from a local nginx repository: by repo/chart through the cached index, with --repo
# URL, by archive URL; --version, --devel, --untar, --destination; helm v4.1.4's messages
# (recorded from helm against the same charts).
. "$(dirname "$0")/lib.sh"
. "$HELMC_SOURCE_DIR/tests/net/repo-server.sh"
repo_fixture_charts "$HELMC" "$tmp/repo" || exit 77
repo_server_start "$tmp/repo" || exit 77
U=$REPO_URL
TEST_ENV=(HELM_REPOSITORY_CONFIG="$tmp/r.yaml" HELM_REPOSITORY_CACHE="$tmp/cache" TMPDIR="$tmp")
mkdir -p "$tmp/work/out" && cd "$tmp/work" || exit 1

# files: the archive as served, byte for byte
same() { # NAME FILE SERVED
    tests=$((tests + 1))
    if cmp -s "$2" "$tmp/repo/$3"; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $1"
    fi
}

check 1 stderr 'pull demo' <<\EOF
Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: demo
EOF
check 1 stderr 'pull nope/demo' <<\EOF
Error: repo nope not found
EOF
check 0 stdout "repo add myrepo $U" <<\EOF
"myrepo" has been added to your repositories
EOF
check 0 stdout 'pull myrepo/demo' <<\EOF
EOF
same "newest stable version" demo-0.2.0.tgz demo-0.2.0.tgz
check 0 stdout 'pull myrepo/demo --version 0.1.0 -d out' <<\EOF
EOF
same "--version, --destination" out/demo-0.1.0.tgz demo-0.1.0.tgz
check 0 stderr 'pull myrepo/demo --devel -d out' <<\EOF
level=WARN msg="unable to find exact version requested; falling back to closest available version" chart=demo requested=>0.0.0-0 selected=1.0.0-rc.1
EOF
same "--devel" out/demo-1.0.0-rc.1.tgz demo-1.0.0-rc.1.tgz
# a missing destination fails as Go's os.CreateTemp does (random digits after the name)
tests=$((tests + 1))
got=$(env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$HELMC" pull myrepo/demo \
    --version ^0.1 -d missing 2>&1; echo "exit $?")
want='level=WARN msg="unable to find exact version requested; falling back to closest available version" chart=demo requested=^0.1 selected=0.1.0
Error: open missing/demo-0.1.0.tgzN: no such file or directory
exit 1'
if [ "$(echo "$got" | sed 's/tgz[0-9]*:/tgzN:/')" = "$want" ]; then
    echo "ok $tests - missing destination"
else
    failures=$((failures + 1))
    echo "not ok $tests - missing destination"
    echo "$got" | sed 's/^/# /'
fi
check 1 stderr 'pull myrepo/nope' <<\EOF
Error: chart "nope" matching  not found in myrepo index. (try 'helm repo update'): no chart name found
EOF
check 1 stderr 'pull myrepo/demo --version 9.9.9' <<\EOF
Error: chart "demo" matching 9.9.9 not found in myrepo index. (try 'helm repo update'): no chart version found for demo-9.9.9
EOF
check 0 stdout "pull demo --repo $U --untar --untardir u" <<\EOF
EOF
tests=$((tests + 1))
got=$(cd u && find . | sort | tr '\n' ' ')
if [ "$got" = ". ./demo ./demo/Chart.yaml ./demo/templates ./demo/templates/cm.yaml " ] &&
    [ ! -e demo-0.2.0.tgz.keep ] && [ -z "$(ls "$tmp" | grep '^helm-')" ]; then
    echo "ok $tests - --untar unpacks into untardir/NAME, no temporary left"
else
    failures=$((failures + 1))
    echo "not ok $tests - --untar unpacks into untardir/NAME: $got"
fi
check 1 stderr "pull demo --repo $U --untar --untardir u" <<\EOF
Error: failed to untar: a file or directory with the name u/demo already exists
EOF
check 1 stderr "pull demo --repo $U --version 9" <<EOF
Error: chart "demo" version "9" not found in $U repository
EOF
check 1 stderr "pull nope --repo $U" <<EOF
Error: chart "nope" not found in $U repository
EOF
check 1 stderr "pull demo --repo $U/x" <<EOF
Error: looks like "$U/x" is not a valid chart repository or cannot be reached: failed to fetch $U/x/index.yaml : 404 Not Found
EOF
check 0 stdout "pull $U/other-1.0.0.tgz -d out" <<\EOF
EOF
same "by URL" out/other-1.0.0.tgz other-1.0.0.tgz
check 1 stderr "pull $U/missing-1.0.0.tgz -d out" <<EOF
Error: failed to fetch $U/missing-1.0.0.tgz : 404 Not Found
EOF
check 0 stdout "pull myrepo/other --untar" <<\EOF
EOF
tests=$((tests + 1))
if [ -f other/Chart.yaml ] && [ ! -e other-1.0.0.tgz ]; then
    echo "ok $tests - --untar into the current directory"
else
    failures=$((failures + 1))
    echo "not ok $tests - --untar into the current directory"
fi
# --prov: the provenance file beside the chart; when missing, helm's warning on stdout
echo "not really signed" >"$tmp/repo/other-1.0.0.tgz.prov"
mkdir -p prov
check 0 stdout 'pull myrepo/other --prov -d prov' <<\EOF
EOF
same "--prov" prov/other-1.0.0.tgz.prov other-1.0.0.tgz.prov
check 0 stdout 'pull myrepo/demo --prov --version 0.1.0 -d prov' <<EOF
WARNING: Verification not found for myrepo/demo: failed to fetch $U/demo-0.1.0.tgz.prov : 404 Not Found
EOF
tests=$((tests + 1))
if [ "$(ls "$tmp/cache")" = "$(printf 'myrepo-charts.txt\nmyrepo-index.yaml')" ]; then
    echo "ok $tests - --repo leaves no index in the cache"
else
    failures=$((failures + 1))
    echo "not ok $tests - --repo leaves no index in the cache"
    ls "$tmp/cache" | sed 's/^/# /'
fi
finish
