#!/bin/bash
# HTTPS with a throwaway CA, client certificates and basic auth: repo add with --ca-file,
# --insecure-skip-tls-verify, --username/--password(-stdin), --cert-file/--key-file, and
# pull using the credentials stored for the repository.  Messages recorded from helm
# v4.1.4 against the same server.
. "$(dirname "$0")/lib.sh"
. "$HELMC_SOURCE_DIR/tests/net/repo-server.sh"
repo_fixture_charts "$HELMC" "$tmp/repo" || exit 77
repo_server_start "$tmp/repo" --tls --auth user:secret || exit 77
U=$REPO_URL CA=$REPO_CA
TEST_ENV=(HELM_REPOSITORY_CONFIG="$tmp/r.yaml" HELM_REPOSITORY_CACHE="$tmp/cache")
mkdir -p "$tmp/work" && cd "$tmp/work" || exit 1

check 1 stderr "repo add a $U" <<EOF
Error: looks like "$U" is not a valid chart repository or cannot be reached: Get "$U/index.yaml": tls: failed to verify certificate: x509: certificate signed by unknown authority
EOF
check 1 stderr "repo add a $U --ca-file $CA" <<EOF
Error: looks like "$U" is not a valid chart repository or cannot be reached: failed to fetch $U/index.yaml : 401 Unauthorized
EOF
check 1 stderr "repo add a $U --ca-file $CA --username user --password wrong" <<EOF
Error: looks like "$U" is not a valid chart repository or cannot be reached: failed to fetch $U/index.yaml : 401 Unauthorized
EOF
check 1 stderr "repo add d $U --ca-file $tmp/nonexistent" <<EOF
Error: looks like "$U" is not a valid chart repository or cannot be reached: can't create TLS config for client: can't read CA file: "$tmp/nonexistent": open $tmp/nonexistent: no such file or directory
EOF
check 0 stdout "repo add a $U --ca-file $CA --username user --password secret" <<\EOF
"a" has been added to your repositories
EOF
check 0 stdout "repo add b $U --insecure-skip-tls-verify --username user --password secret" <<\EOF
"b" has been added to your repositories
EOF
check 0 stdout "repo add e $U --ca-file $CA --cert-file $REPO_CLIENT_CERT --key-file $REPO_CLIENT_KEY --username user --password secret" <<\EOF
"e" has been added to your repositories
EOF
tests=$((tests + 1))
got=$(echo secret | env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$HELMC" \
    repo add c "$U" --insecure-skip-tls-verify --username user --password-stdin 2>&1)
if [ "$got" = '"c" has been added to your repositories' ] &&
    grep -q '^  password: secret$' "$tmp/r.yaml" &&
    grep -q '^  insecure_skip_tls_verify: true$' "$tmp/r.yaml"; then
    echo "ok $tests - --password-stdin"
else
    failures=$((failures + 1))
    echo "not ok $tests - --password-stdin: $got"
fi
check 0 stdout 'pull a/demo' <<\EOF
EOF
tests=$((tests + 1))
if cmp -s demo-0.2.0.tgz "$tmp/repo/demo-0.2.0.tgz"; then
    echo "ok $tests - pull with the repository's CA and credentials"
else
    failures=$((failures + 1))
    echo "not ok $tests - pull with the repository's CA and credentials"
fi
check 1 stderr "pull $U/demo-0.1.0.tgz" <<EOF
Error: Get "$U/demo-0.1.0.tgz": tls: failed to verify certificate: x509: certificate signed by unknown authority
EOF
check 0 stdout "pull demo --repo $U --ca-file $CA --username user --password secret --version 0.1.0" <<\EOF
EOF
same=$(cmp -s demo-0.1.0.tgz "$tmp/repo/demo-0.1.0.tgz" && echo yes)
tests=$((tests + 1))
if [ "$same" = yes ]; then
    echo "ok $tests - pull --repo with flags' CA and credentials"
else
    failures=$((failures + 1))
    echo "not ok $tests - pull --repo with flags' CA and credentials"
fi
finish
