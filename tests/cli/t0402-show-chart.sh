#!/bin/bash
#
# t0402-show-chart: `helmc show chart` for a local chart, and helm's errors for a missing one.
#
# Expected text: helm v4.1.4's (yaml.Marshal of chart.Metadata: JSON names, empty fields
# left out, a dependency's repository always present, keys sorted, then a blank line).

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/c"
cat >"$fx/c/Chart.yaml" <<\EOF
apiVersion: v2
name: c
version: 0.1.0
description: ""
keywords: []
maintainers:
- name: m
  email: e@x
dependencies:
- name: d
  version: 1.0.0
  repository: ""
EOF

check 0 stdout "show chart $fx/c" <<\EOF
apiVersion: v2
dependencies:
- name: d
  repository: ""
  version: 1.0.0
maintainers:
- email: e@x
  name: m
name: c
version: 0.1.0

EOF

check 1 stderr 'show chart nope.tgz' <<\EOF
Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: nope.tgz
EOF

check 1 stderr 'show chart ./nope' <<\EOF
Error: path "./nope" not found
EOF

finish
