# lib.sh - sourced by every tests/cli/tNNNN-*.sh script: run helmc, compare with text kept
# inline, report differences as a unified diff (git's t/test-lib.sh, much smaller).
#
#   . "$(dirname "$0")/lib.sh"
#   check 0 stdout 'version --short' <<\EOF
#   v0.1.0
#   EOF
#   finish
#
# check CODE STREAM ARGS: runs helmc with ARGS (shell words, so quotes work), expects exit
# code CODE, the here-document on STREAM (stdout or stderr) and nothing on the other one.
# STREAM "merged" compares stdout and stderr written to one file; a "-n" suffix (stdout-n)
# means the output does not end with a newline (the here-document's last one is dropped).
# helmc runs in an empty environment with HOME=/home/helmc-test (which need not exist),
# plus whatever the test puts in TEST_ENV=(NAME=value ...).  The script exits non-zero if
# any check failed.

HELMC=${1:?usage: $0 PATH_TO_HELMC}
TEST_NAME=$(basename "$0" .sh)
TEST_HOME=/home/helmc-test
TEST_ENV=()
tests=0
failures=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check() {
    local code=$1 stream=${2%-n} args=$3 words got other
    tests=$((tests + 1))
    eval "words=($args)"
    if [ "$2" != "$stream" ]; then
        printf %s "$(cat)" >"$tmp/want"
    else
        cat >"$tmp/want"
    fi
    if [ "$stream" = merged ]; then
        env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" \
            "$HELMC" "${words[@]}" >"$tmp/merged" 2>&1
        got=$?
        : >"$tmp/other"
    else
        env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" \
            "$HELMC" "${words[@]}" >"$tmp/stdout" 2>"$tmp/stderr"
        got=$?
        other=stderr
        [ "$stream" = stderr ] && other=stdout
        mv "$tmp/$other" "$tmp/other"
    fi
    if [ "$got" != "$code" ] || ! cmp -s "$tmp/want" "$tmp/$stream" || [ -s "$tmp/other" ]; then
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: helmc $args"
        [ "$got" != "$code" ] && echo "# exit code $got, want $code"
        diff -u "$tmp/want" "$tmp/$stream" | sed 's/^/# /'
        if [ -s "$tmp/other" ]; then
            echo "# unexpected output on the other stream:"
            sed 's/^/#   /' "$tmp/other"
        fi
    else
        echo "ok $tests - helmc $args"
    fi
}

finish() {
    echo "# $TEST_NAME: $((tests - failures)) of $tests passed"
    [ "$failures" = 0 ]
    exit
}
