#!/bin/bash
#
# t0401-template-names: the release name `helmc template` renders with.
#
# Expected text: helm v4.1.4's.  helm template keeps the name "release-name" under
# -g/--generate-name (only a real install generates "<chart>-<unix seconds>").

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$fx/c/Chart.yaml"
printf 'kind: ConfigMap\nname: {{ .Release.Name }}\n' >"$fx/c/templates/cm.yaml"

for flag in -g --generate-name; do
    check 0 stdout "template $flag $fx/c" <<\EOF
---
# Source: c/templates/cm.yaml
kind: ConfigMap
name: release-name
EOF
done

finish
