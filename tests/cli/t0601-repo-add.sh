#!/bin/bash
# repo add, list, remove and update against a local nginx repository: helm v4.1.4's
# messages, exit codes, tables, repositories.yaml and cache files (recorded from helm run
# against the same server; when helm is installed, the files are also compared live).
. "$(dirname "$0")/lib.sh"
. "$HELMC_SOURCE_DIR/tests/net/repo-server.sh"
repo_fixture_charts "$HELMC" "$tmp/repo" || exit 77
repo_server_start "$tmp/repo" || exit 77
U=$REPO_URL
cfg=$tmp/config/repositories.yaml cache=$tmp/cache
TEST_ENV=(HELM_REPOSITORY_CONFIG="$cfg" HELM_REPOSITORY_CACHE="$cache")

check 0 stderr 'repo list' <<EOF
no repositories to show
EOF
check 1 stderr 'repo update' <<EOF
Error: no repositories found. You must add one before updating
EOF
check 1 stderr 'repo remove x' <<EOF
Error: no repositories configured
EOF
check 0 stdout "repo add myrepo $U" <<EOF
"myrepo" has been added to your repositories
EOF
check 0 stdout "repo add myrepo $U" <<EOF
"myrepo" already exists with the same configuration, skipping
EOF
check 1 stderr "repo add myrepo $U/x" <<EOF
Error: repository name (myrepo) already exists, please specify a different name
EOF
check 1 stderr "repo add bad/name $U" <<EOF
Error: repository name (bad/name) contains '/', please specify a different name without '/'
EOF
check 1 stderr "repo add nope $U/nope" <<EOF
Error: looks like "$U/nope" is not a valid chart repository or cannot be reached: failed to fetch $U/nope/index.yaml : 404 Not Found
EOF
check 1 stderr "repo add nope2 http://127.0.0.1:1" <<EOF
Error: looks like "http://127.0.0.1:1" is not a valid chart repository or cannot be reached: Get "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused
EOF
check 1 stderr "repo add old https://kubernetes-charts.storage.googleapis.com" <<EOF
Error: repo "https://kubernetes-charts.storage.googleapis.com" is no longer available; try "https://charts.helm.sh/stable" instead
EOF
check 0 stdout "repo add second $U/ --username u --password p" <<EOF
"second" has been added to your repositories
EOF
check 0 stdout "repo add second $U --force-update" <<EOF
"second" has been added to your repositories
EOF

tests=$((tests + 1))
want=$(printf '%s\n' 'apiVersion: ""' 'generated: "0001-01-01T00:00:00Z"' 'repositories:' \
    '- caFile: ""' '  certFile: ""' '  insecure_skip_tls_verify: false' '  keyFile: ""' \
    '  name: myrepo' '  pass_credentials_all: false' '  password: ""' "  url: $U" \
    '  username: ""' '- caFile: ""' '  certFile: ""' '  insecure_skip_tls_verify: false' \
    '  keyFile: ""' '  name: second' '  pass_credentials_all: false' '  password: ""' \
    "  url: $U" '  username: ""')
modes=$(cd "$tmp" && find config cache -printf '%m %p\n' | sort)
want_modes=$(printf '%s\n' '600 config/repositories.lock' '600 config/repositories.yaml' \
    '644 cache/myrepo-charts.txt' '644 cache/myrepo-index.yaml' '644 cache/second-charts.txt' \
    '644 cache/second-index.yaml' '755 cache' '755 config')
if [ "$(cat "$cfg")" = "$want" ] && [ "$modes" = "$want_modes" ] &&
    cmp -s "$cache/myrepo-index.yaml" "$tmp/repo/index.yaml" &&
    [ "$(sort "$cache/myrepo-charts.txt")" = "$(printf 'demo\nother')" ]; then
    echo "ok $tests - repositories.yaml, cache files and modes"
else
    failures=$((failures + 1))
    echo "not ok $tests - repositories.yaml, cache files and modes"
    diff <(echo "$want") "$cfg" | sed 's/^/# /'
    diff <(echo "$want_modes") <(echo "$modes") | sed 's/^/# /'
fi

check 0 stdout 'repo list' <<EOF
NAME  	URL                   
myrepo	$U
second	$U
EOF
check 0 stdout 'repo ls --no-headers' <<EOF
myrepo	$U
second	$U
EOF
check 0 stdout 'repo list -o json' <<EOF
[{"name":"myrepo","url":"$U"},{"name":"second","url":"$U"}]
EOF
check 0 stdout 'repo list -o yaml' <<EOF
- name: myrepo
  url: $U
- name: second
  url: $U
EOF
check 0 stdout 'repo update' <<EOF
Hang tight while we grab the latest from your chart repositories...
...Successfully got an update from the "myrepo" chart repository
...Successfully got an update from the "second" chart repository
Update Complete. ⎈Happy Helming!⎈
EOF
check 1 stderr 'repo update nonesuch' <<EOF
Error: no repositories found matching 'nonesuch'.  Nothing will be updated
EOF
check 0 stdout 'repo remove second' <<EOF
"second" has been removed from your repositories
EOF
check 1 stderr 'repo rm second' <<EOF
Error: no repo named "second" found
EOF
tests=$((tests + 1))
if [ ! -e "$cache/second-index.yaml" ] && [ ! -e "$cache/second-charts.txt" ]; then
    echo "ok $tests - remove deletes the cache files"
else
    failures=$((failures + 1))
    echo "not ok $tests - remove deletes the cache files"
fi
# a failing repository: the others are still updated, the command fails naming it
printf -- '- name: gone\n  url: http://127.0.0.1:1\n' >>"$cfg"
check 1 merged 'repo update' <<EOF
Hang tight while we grab the latest from your chart repositories...
...Successfully got an update from the "myrepo" chart repository
...Unable to get an update from the "gone" chart repository (http://127.0.0.1:1):
	Get "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused
Error: failed to update the following repositories: [http://127.0.0.1:1]
EOF
check 0 stdout 'repo update myrepo' <<EOF
Hang tight while we grab the latest from your chart repositories...
...Successfully got an update from the "myrepo" chart repository
Update Complete. ⎈Happy Helming!⎈
EOF

# The same steps with helm, when installed: identical files.
HELM=${HELM:-$HOME/.cache/helm-ref/v4/helm}
if [ -x "$HELM" ]; then
    for tool in "$HELMC" "$HELM"; do
        d=$tmp/live-$(basename "$tool")
        for cmd in "repo add a $U" "repo add b $U --insecure-skip-tls-verify --pass-credentials" \
            "repo remove a"; do
            env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin HELM_REPOSITORY_CONFIG="$d/r.yaml" \
                HELM_REPOSITORY_CACHE="$d/cache" $tool $cmd >/dev/null 2>&1
        done
    done
    for f in "$tmp"/live-*/cache/*-charts.txt; do # helm writes names in map order
        sort -o "$f" "$f"
    done
    tests=$((tests + 1))
    if diff -r "$tmp/live-helmc" "$tmp/live-helm" >/dev/null; then
        echo "ok $tests - files identical to helm's"
    else
        failures=$((failures + 1))
        echo "not ok $tests - files identical to helm's"
        diff -r "$tmp/live-helmc" "$tmp/live-helm" | sed 's/^/# /'
    fi
fi
finish
