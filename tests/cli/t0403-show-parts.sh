#!/bin/bash
#
# t0403-show-parts: `helmc show values|readme|crds|all` for a local chart with a README in
# mixed case, a non-manifest file under crds/, and a subchart whose CRD starts with "---".
#
# Expected text: helm v4.1.4's.

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/c/crds" "$fx/c/charts/s/crds" "$fx/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$fx/c/Chart.yaml"
printf '# defaults\na: 1\n' >"$fx/c/values.yaml"
printf 'Read me\n' >"$fx/c/ReadMe.md"
printf 'kind: CustomResourceDefinition\nmetadata:\n  name: a\n' >"$fx/c/crds/a.yaml"
printf 'not a crd\n' >"$fx/c/crds/notes.txt"
printf 'apiVersion: v2\nname: s\nversion: 0.1.0\n' >"$fx/c/charts/s/Chart.yaml"
printf -- '---\nkind: CustomResourceDefinition\nmetadata:\n  name: b\n' >"$fx/c/charts/s/crds/b.yml"

check 0 stdout "show values $fx/c" <<\EOF
# defaults
a: 1

EOF

check 0 stdout "show readme $fx/c" <<\EOF
Read me

EOF

check 0 stdout "show crds $fx/c" <<\EOF
---
kind: CustomResourceDefinition
metadata:
  name: a

---
kind: CustomResourceDefinition
metadata:
  name: b

EOF

check 0 stdout "show all $fx/c" <<\EOF
apiVersion: v2
name: c
version: 0.1.0

---
# defaults
a: 1

---
Read me

---
kind: CustomResourceDefinition
metadata:
  name: a

---
kind: CustomResourceDefinition
metadata:
  name: b

EOF

# no values.yaml, no README, no CRDs: only the chart part
rm "$fx/c/values.yaml" "$fx/c/ReadMe.md"
rm -r "$fx/c/crds" "$fx/c/charts"
check 0 stdout "show all $fx/c" <<\EOF
apiVersion: v2
name: c
version: 0.1.0

EOF

check 1 stderr 'show values c' <<\EOF
Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: c
EOF

# without a values.yaml helm neither parses nor runs the JSONPath (t0505 has the rest)
check 0 stdout "show values --jsonpath {.a} $fx/c" <<\EOF
EOF

check 0 stdout "show values --jsonpath { $fx/c" <<\EOF
EOF

finish
