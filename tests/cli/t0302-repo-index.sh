#!/bin/bash
#
# t0302-repo-index: helmc repo index, against the index.yaml helm v4.1.4 writes for the
# same archives (created and generated times aside; digests checked against sha256sum)

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/demo" "$fx/sub" "$fx/repo/more" "$fx/one"
cat >"$fx/demo/Chart.yaml" <<\EOF
apiVersion: v2
name: demo
description: |
  A demo chart
  on two lines
version: 0.1.0
appVersion: "1.0"
keywords: [b, a]
maintainers:
- name: Ann
  email: ann@example.com
dependencies:
- name: sub
  version: 0.2.0
  repository: file://charts/sub
annotations:
  z: last
  a: first
EOF
printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >"$fx/sub/Chart.yaml"
mkdir -p "$fx/demo/charts" && cp -r "$fx/sub" "$fx/demo/charts/"
TEST_ENV=(SOURCE_DATE_EPOCH=0)
for v in 0.1.0 0.10.0 0.9.0-rc.1 1.0.0; do
    env -i SOURCE_DATE_EPOCH=0 "$HELMC" package "$fx/demo" -d "$fx/repo" --version $v >/dev/null
done
env -i "$HELMC" package "$fx/sub" -d "$fx/repo/more" >/dev/null
cp "$fx/repo/demo-1.0.0.tgz" "$fx/one/"
echo junk >"$fx/repo/broken-1.0.0.tgz"

# compares FILE, without its created, generated and digest lines, with the here-document
check_index() {
    tests=$((tests + 1))
    cat >"$tmp/want"
    grep -v 'created\|generated\|digest' "$1" >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got"; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: $1"
        diff -u "$tmp/want" "$tmp/got" | sed 's/^/# /'
    fi
}

# every digest in FILE is the SHA-256 of one of the archives under DIR
check_digests() {
    tests=$((tests + 1))
    local bad=0 d
    for d in $(sed -n 's/.*digest[": ]*\([0-9a-f]\{64\}\).*/\1/p' "$1"); do
        sha256sum $(find "$2" -name '*.tgz') | grep -q "^$d " || bad=1
    done
    if [ $bad = 0 ] && grep -q digest "$1"; then
        echo "ok $tests - digests of $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: digests of $1"
    fi
}

check 0 stdout "repo index $fx/repo --url https://charts.example.com/stable" </dev/null
check_index "$fx/repo/index.yaml" <<\EOF
apiVersion: v1
entries:
  demo:
  - annotations:
      a: first
      z: last
    apiVersion: v2
    appVersion: "1.0"
    dependencies:
    - name: sub
      repository: file://charts/sub
      version: 0.2.0
    description: 'A demo chart on two lines '
    keywords:
    - b
    - a
    maintainers:
    - email: ann@example.com
      name: Ann
    name: demo
    urls:
    - https://charts.example.com/stable/demo-1.0.0.tgz
    version: 1.0.0
  - annotations:
      a: first
      z: last
    apiVersion: v2
    appVersion: "1.0"
    dependencies:
    - name: sub
      repository: file://charts/sub
      version: 0.2.0
    description: 'A demo chart on two lines '
    keywords:
    - b
    - a
    maintainers:
    - email: ann@example.com
      name: Ann
    name: demo
    urls:
    - https://charts.example.com/stable/demo-0.10.0.tgz
    version: 0.10.0
  - annotations:
      a: first
      z: last
    apiVersion: v2
    appVersion: "1.0"
    dependencies:
    - name: sub
      repository: file://charts/sub
      version: 0.2.0
    description: 'A demo chart on two lines '
    keywords:
    - b
    - a
    maintainers:
    - email: ann@example.com
      name: Ann
    name: demo
    urls:
    - https://charts.example.com/stable/demo-0.9.0-rc.1.tgz
    version: 0.9.0-rc.1
  - annotations:
      a: first
      z: last
    apiVersion: v2
    appVersion: "1.0"
    dependencies:
    - name: sub
      repository: file://charts/sub
      version: 0.2.0
    description: 'A demo chart on two lines '
    keywords:
    - b
    - a
    maintainers:
    - email: ann@example.com
      name: Ann
    name: demo
    urls:
    - https://charts.example.com/stable/demo-0.1.0.tgz
    version: 0.1.0
  sub:
  - apiVersion: v2
    name: sub
    urls:
    - https://charts.example.com/stable/more/sub-0.2.0.tgz
    version: 0.2.0
EOF
check_digests "$fx/repo/index.yaml" "$fx/repo"

check 0 stdout "repo index $fx/one --json" </dev/null
check_index "$fx/one/index.yaml" <<\EOF
{
  "apiVersion": "v1",
  "entries": {
    "demo": [
      {
        "name": "demo",
        "version": "1.0.0",
        "description": "A demo chart on two lines ",
        "keywords": [
          "b",
          "a"
        ],
        "maintainers": [
          {
            "name": "Ann",
            "email": "ann@example.com"
          }
        ],
        "apiVersion": "v2",
        "appVersion": "1.0",
        "annotations": {
          "a": "first",
          "z": "last"
        },
        "dependencies": [
          {
            "name": "sub",
            "version": "0.2.0",
            "repository": "file://charts/sub"
          }
        ],
        "urls": [
          "demo-1.0.0.tgz"
        ],
      }
    ]
  }
}
EOF
check_digests "$fx/one/index.yaml" "$fx/one"

# --merge keeps the entries the directory no longer has; --keep-created keeps times
cp "$fx/repo/index.yaml" "$tmp/prev.yaml"
rm "$fx/repo/demo-0.1.0.tgz"
check 0 stdout "repo index $fx/repo --merge $tmp/prev.yaml --keep-created" </dev/null
tests=$((tests + 1))
if grep created "$tmp/prev.yaml" | cmp -s - <(grep created "$fx/repo/index.yaml"); then
    echo "ok $tests - created kept"
else
    failures=$((failures + 1))
    echo "not ok $tests - $TEST_NAME: created kept"
fi

printf 'apiVersion: v1\nentries:\n  foo:\n  - name: foo\n  - null\n' >"$tmp/bad.yaml"
check 0 stderr "repo index $fx/one --merge $tmp/bad.yaml" <<EOF
level=WARN msg="skipping loading invalid entry for chart \"foo\" from $tmp/bad.yaml: empty entry"
level=WARN msg="skipping loading invalid entry for chart \"foo\" \"\" from $tmp/bad.yaml: validation: chart.metadata.version is required"
EOF

printf 'x: 1\n' >"$tmp/bad2.yaml"
check 1 stderr "repo index $fx/one --merge $tmp/bad2.yaml" <<EOF
Error: merge failed: error loading $tmp/bad2.yaml: error unmarshaling JSON: while decoding JSON: json: unknown field "x"
EOF

: >"$tmp/empty.yaml"
check 1 stderr "repo index $fx/one --merge $tmp/empty.yaml" <<EOF
Error: merge failed: error loading $tmp/empty.yaml: empty index.yaml file
EOF

check 1 stderr 'repo index' <<\EOF
Error: "helmc repo index" requires 1 argument

Usage:  helmc repo index [DIR] [flags]
EOF

finish
