#!/bin/bash
#
# t0705-package-dependency-update: helmc package --dependency-update (-u) runs `dependency
# update` on the chart first, its progress lines discarded and its paths absolute, as helm
# v4.1.4 does; the archive then holds the dependencies it fetched.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"

cd "$tmp" || exit 1
mkdir out
mk sub 1.2.3 sub
printf 'a: 1\n' >sub/values.yaml
deps app sub '^1.0.0' file://../sub
TEST_ENV=(SOURCE_DATE_EPOCH=0)

check 0 stdout 'package -u app -d out' <<\EOF
Successfully packaged chart and saved it to: out/app-0.1.0.tgz
EOF
[ -f app/charts/sub-1.2.3.tgz ] && grep -q '^  version: 1.2.3$' app/Chart.lock &&
    [ "$(tar tzf out/app-0.1.0.tgz | sort | tr '\n' ' ')" = \
        "app/Chart.lock app/Chart.yaml app/charts/sub/Chart.yaml app/charts/sub/values.yaml " ]
ok_if "the dependency fetched, locked and packaged"

# without -u a missing dependency stops packaging
deps bare sub '^1.0.0' file://../sub
check 1 stderr 'package bare -d out' <<\EOF
Error: found in Chart.yaml, but missing in charts/ directory: sub
EOF

deps wrong sub '^2' file://../sub
check 1 stderr 'package --dependency-update wrong' <<\EOF
Error: can't get a valid version for 1 subchart(s): "sub" (repository "file://../sub", version "^2"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml
EOF
deps gone sub '^1' file://../nothere
check 1 stderr 'package -u ./gone/ -d out' <<EOF
Error: directory $PWD/nothere not found
EOF

finish
