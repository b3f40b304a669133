#!/bin/bash
#
# t0301-package: helmc package, against what helm v4.1.4 prints and archives
#
# The expected text and archive contents come from running the real helm on the same
# chart.  Entries are checked by name, and Chart.yaml by content (helm rewrites it from the
# loaded metadata: sorted keys, description's line breaks made spaces).

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/demo/templates" "$fx/demo/charts/sub/templates" "$fx/nov" "$fx/missing"
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
printf 'replicas: 1\n# comment kept\n' >"$fx/demo/values.yaml"
printf 'kind: ConfigMap\ndata:\n  v: {{ .Values.replicas | quote }}\n' >"$fx/demo/templates/cm.yaml"
printf 'secret.txt\n*.bak\n' >"$fx/demo/.helmignore"
echo s >"$fx/demo/secret.txt"
echo b >"$fx/demo/old.bak"
echo readme >"$fx/demo/README.md"
printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >"$fx/demo/charts/sub/Chart.yaml"
printf 'x: 1\n' >"$fx/demo/charts/sub/values.yaml"
printf 'kind: List\n' >"$fx/demo/charts/sub/templates/l.yaml"
printf 'apiVersion: v2\nname: nov\n' >"$fx/nov/Chart.yaml"
printf 'apiVersion: v2\nname: missing\nversion: 1.0.0\ndependencies:\n- name: a\n  repository: r\n- name: b\n  repository: r\n' >"$fx/missing/Chart.yaml"

check 1 stderr 'package' <<\EOF
Error: need at least one argument, the path to the chart
EOF

check 1 stderr "package $fx/none" <<EOF
Error: stat $fx/none: no such file or directory
EOF

check 1 stderr "package $fx/nov" <<\EOF
Error: validation: chart.metadata.version is required
EOF

check 1 stderr "package $fx/demo --version foo" <<\EOF
Error: invalid semantic version
EOF

check 1 stderr "package $fx/missing -d $fx/out" <<\EOF
Error: found in Chart.yaml, but missing in charts/ directory: a, b
EOF

check 1 stderr "package $fx/demo --sign" <<\EOF
Error: --key is required for signing a package
EOF

TEST_ENV=(SOURCE_DATE_EPOCH=1700000000)
check 0 stdout "package $fx/demo -d $fx/out --version 1.2.3 --app-version '2.0  beta'" <<EOF
Successfully packaged chart and saved it to: $fx/out/demo-1.2.3.tgz
EOF

# compares a command's output with the here-document, as check does for helmc
check_cmd() {
    tests=$((tests + 1))
    cat >"$tmp/want"
    if "$@" >"$tmp/got" 2>&1 && cmp -s "$tmp/want" "$tmp/got"; then
        echo "ok $tests - $*"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: $*"
        diff -u "$tmp/want" "$tmp/got" | sed 's/^/# /'
    fi
}

check_cmd tar -tzf "$fx/out/demo-1.2.3.tgz" <<\EOF
demo/Chart.yaml
demo/values.yaml
demo/templates/cm.yaml
demo/.helmignore
demo/README.md
demo/charts/sub/Chart.yaml
demo/charts/sub/values.yaml
demo/charts/sub/templates/l.yaml
EOF

check_cmd tar -xzOf "$fx/out/demo-1.2.3.tgz" demo/Chart.yaml <<\EOF
annotations:
  a: first
  z: last
apiVersion: v2
appVersion: 2.0  beta
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
version: 1.2.3
EOF

check_cmd tar -xzOf "$fx/out/demo-1.2.3.tgz" demo/values.yaml <<\EOF
replicas: 1
# comment kept
EOF

# helm's tar headers: mode 0644, owner 0/0, no names; the time is SOURCE_DATE_EPOCH
check_cmd tar --utc -tvzf "$fx/out/demo-1.2.3.tgz" demo/Chart.yaml <<\EOF
-rw-r--r-- 0/0             282 2023-11-14 22:13 demo/Chart.yaml
EOF

# gzip header: helm's extra field and comment, no name, mtime 0, OS 255
check_cmd od -An -tx1 -N16 "$fx/out/demo-1.2.3.tgz" <<\EOF
 1f 8b 08 14 00 00 00 00 00 ff 29 00 2b 61 48 52
EOF

# reproducible: touching the files changes nothing
cp "$fx/out/demo-1.2.3.tgz" "$tmp/first.tgz"
find "$fx/demo" -exec touch -d '2001-02-03 04:05:06' {} +
check 0 stdout "package $fx/demo -d $fx/out --version 1.2.3 --app-version '2.0  beta'" <<EOF
Successfully packaged chart and saved it to: $fx/out/demo-1.2.3.tgz
EOF
check_cmd cmp "$tmp/first.tgz" "$fx/out/demo-1.2.3.tgz" </dev/null

finish
