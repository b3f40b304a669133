#!/bin/bash
#
# t0202-set-json-object: --set-json's whole-object form ('{...}', white space around it allowed)
# merged into the values as helm's mergeMaps does, mixed with the key=value form, and its error.
#
# Expected text: helm v4.1.4's.

. "$(dirname "$0")/lib.sh"

fx=$tmp/fx
mkdir -p "$fx/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$fx/c/Chart.yaml"
printf 'a: 1\nm:\n  x: 1\n  y: 2\n' >"$fx/c/values.yaml"
printf 'v: {{ toJson .Values }}\n' >"$fx/c/templates/v.yaml"

check 0 stdout "template r $fx/c --set-json ' {\"m\":{\"y\":3,\"z\":[1]},\"b\":true}' --set-json m.w=4" <<\EOF
---
# Source: c/templates/v.yaml
v: {"a":1,"b":true,"m":{"true":2,"w":4,"x":1,"y":3,"z":[1]}}
EOF

check 1 stderr "template r $fx/c --set-json '{\"m\":'" <<\EOF
Error: failed parsing --set-json data JSON: {"m":
EOF

finish
