#!/bin/bash
#
# t0801-repo-index-parallel: helmc repo index of a directory big enough to be read by several
# threads (12 archives), with an apiVersion v1 chart whose requirements.yaml gives the entries
# their dependencies, against the index.yaml helm v4.1.4 writes for the same archives (created,
# generated and digest lines aside; digests checked against sha256sum, and two runs must agree)

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/old/charts/dep" "$fx/new" "$fx/repo"
printf 'apiVersion: v1\nname: old\nversion: 0.1.0\ndescription: a v1 chart\n' >"$fx/old/Chart.yaml"
cat >"$fx/old/requirements.yaml" <<\REQ
dependencies:
- name: dep
  version: 0.2.0
  repository: file://charts/dep
  condition: dep.enabled
REQ
printf 'apiVersion: v1\nname: dep\nversion: 0.2.0\n' >"$fx/old/charts/dep/Chart.yaml"
echo 'a: 1' >"$fx/old/values.yaml"
printf 'apiVersion: v2\nname: new\nversion: 1.0.0\nappVersion: "2.0"\n' >"$fx/new/Chart.yaml"
for v in 0.1.0 0.2.0 0.10.0 1.0.0-rc.1 1.0.0 1.1.0; do
    env -i SOURCE_DATE_EPOCH=0 "$HELMC" package "$fx/old" "$fx/new" -d "$fx/repo" --version $v \
        >/dev/null
done

check 0 stdout "repo index $fx/repo --url https://example.com/charts" <<\EOF
EOF
cp "$fx/repo/index.yaml" "$tmp/first.yaml"

tests=$((tests + 1))
cat >"$tmp/want" <<\EOF
apiVersion: v1
entries:
  new:
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-1.1.0.tgz
    version: 1.1.0
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-1.0.0.tgz
    version: 1.0.0
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-1.0.0-rc.1.tgz
    version: 1.0.0-rc.1
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-0.10.0.tgz
    version: 0.10.0
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-0.2.0.tgz
    version: 0.2.0
  - apiVersion: v2
    appVersion: "2.0"
    name: new
    urls:
    - https://example.com/charts/new-0.1.0.tgz
    version: 0.1.0
  old:
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-1.1.0.tgz
    version: 1.1.0
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-1.0.0.tgz
    version: 1.0.0
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-1.0.0-rc.1.tgz
    version: 1.0.0-rc.1
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-0.10.0.tgz
    version: 0.10.0
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-0.2.0.tgz
    version: 0.2.0
  - apiVersion: v1
    dependencies:
    - condition: dep.enabled
      name: dep
      repository: file://charts/dep
      version: 0.2.0
    description: a v1 chart
    name: old
    urls:
    - https://example.com/charts/old-0.1.0.tgz
    version: 0.1.0
EOF
grep -v 'created\|generated\|digest' "$fx/repo/index.yaml" >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
    echo "ok $tests - index as helm writes it"
else
    failures=$((failures + 1))
    echo "not ok $tests - $TEST_NAME: index differs from helm's"
    diff -u "$tmp/want" "$tmp/got" | sed 's/^/# /'
fi

tests=$((tests + 1))
bad=0
for d in $(sed -n 's/.*digest: \([0-9a-f]\{64\}\)$/\1/p' "$fx/repo/index.yaml"); do
    sha256sum "$fx/repo"/*.tgz | grep -q "^$d " || bad=1
done
n=$(grep -c 'digest: ' "$fx/repo/index.yaml")
if [ $bad = 0 ] && [ "$n" = 12 ]; then
    echo "ok $tests - 12 digests, each an archive's SHA-256"
else
    failures=$((failures + 1))
    echo "not ok $tests - $TEST_NAME: digests ($n, bad=$bad)"
fi

check 0 stdout "repo index $fx/repo --url https://example.com/charts" <<\EOF
EOF
tests=$((tests + 1))
if cmp -s <(grep -v 'created\|generated' "$tmp/first.yaml") \
          <(grep -v 'created\|generated' "$fx/repo/index.yaml"); then
    echo "ok $tests - a second run writes the same index"
else
    failures=$((failures + 1))
    echo "not ok $tests - $TEST_NAME: two runs differ"
fi

finish
