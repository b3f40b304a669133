#!/bin/bash
# t0404-template-undeclared-deps: helm processes tags and conditions only below charts whose
# Chart.yaml declares dependencies (Metadata.Dependencies not nil).  A parent that declares
# none keeps every subchart in charts/ and does not look inside them, so a grandchild its
# child disables still renders; `dependencies: []` makes the parent process them, and the
# grandchild goes.  (Outputs as helm v4.1.4 gives them.)

. "$(dirname "$0")/lib.sh"

c=$tmp/p
mkdir -p "$c/templates" "$c/charts/sub/templates" "$c/charts/sub/charts/subsub/templates"
printf 'apiVersion: v2\nname: p\nversion: 1.0.0\n' >"$c/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n' >"$c/templates/cm.yaml"
printf 'apiVersion: v2\nname: sub\nversion: 1.0.0\ndependencies:\n- name: subsub\n  version: 1.0.0\n  condition: subsub.enabled\n' >"$c/charts/sub/Chart.yaml"
printf 'subsub:\n  enabled: false\n' >"$c/charts/sub/values.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\n' >"$c/charts/sub/templates/cm.yaml"
printf 'apiVersion: v2\nname: subsub\nversion: 1.0.0\n' >"$c/charts/sub/charts/subsub/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: subsub\n' >"$c/charts/sub/charts/subsub/templates/cm.yaml"

check 0 stdout "template r $c" <<\EOF
---
# Source: p/charts/sub/charts/subsub/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: subsub
---
# Source: p/charts/sub/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: sub
---
# Source: p/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: p
EOF

printf 'apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies: []\n' >"$c/Chart.yaml"
check 0 stdout "template r $c" <<\EOF
---
# Source: p/charts/sub/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: sub
---
# Source: p/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: p
EOF

finish
