#!/usr/bin/env bash
# make-umbrella.sh DIR [N] [SUBCHART]: writes an umbrella chart in DIR with N subcharts (default
# 100), each a copy of SUBCHART (default charts/example) under its own name, declared as a
# dependency with an alias-free name and given a value of its own by the parent; for timing
# charts with many subcharts.
set -euo pipefail
dir=$1 n=${2:-100}
root=$(cd "$(dirname "$0")/../.." && pwd)
sub=${3:-$root/charts/example}
rm -rf "$dir"
mkdir -p "$dir/charts" "$dir/templates"
{
  echo "apiVersion: v2"
  echo "name: umbrella"
  echo "version: 1.0.0"
  echo "dependencies:"
  for ((i = 1; i <= n; i++)); do
    printf -- '- name: sub%03d\n  version: 0.1.0\n' "$i"
  done
} > "$dir/Chart.yaml"
{
  echo "global:"
  echo "  team: bench"
  for ((i = 1; i <= n; i++)); do
    printf 'sub%03d:\n  replicaCount: %d\n' "$i" $((i % 5 + 1))
  done
} > "$dir/values.yaml"
cat > "$dir/templates/configmap.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-umbrella
data:
  subcharts: {{ len .Subcharts | quote }}
YAML
for ((i = 1; i <= n; i++)); do
  name=$(printf 'sub%03d' "$i")
  cp -r "$sub" "$dir/charts/$name"
  sed -i "s/^name: .*/name: $name/" "$dir/charts/$name/Chart.yaml"
done
echo "$dir: umbrella chart with $n subcharts"
