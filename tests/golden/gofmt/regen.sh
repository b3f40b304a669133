#!/usr/bin/env bash
# regen.sh - rewrites the gofmt golden files from the real helm (Go 1.25's
# strconv and fmt), never from helmc.
#
# Inputs (committed; mkinputs.py rewrites them from a fixed seed):
#   floats.yaml   doubles in a values file; helm reads them as float64
#   precs.yaml    doubles near rounding edges, in the same form
#   strings.txt   Go string literals (with \xNN for raw bytes, so invalid UTF-8)
#   runes.txt     integers, printed with %q as rune literals
# Outputs:
#   floats.txt    header "# verbs: V1|V2|..."; then per double: bits TAB outputs joined by |
#   precs.txt     header "# precs: P1 P2 ..."; then per double: bits TAB, and for each
#                 precision P "%.Pf|%.Pe|%.Pg|"
#   quote.txt     per string: its bytes in hex TAB %q TAB %+q
#   quoterune.txt per integer: the integer TAB %q
#   isprint.txt   runes where strconv.IsPrint changes value, from U+0000 up (hex);
#                 surrogates count as not printable, as in Go
#
# Usage: tests/golden/gofmt/regen.sh   (HELM=/path/to/helm to choose the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ -z "${HELM:-}" ]; then
    HELM=$("${HELMC_SHARED_DIR:-$root/../shared}/tools/install-helm")
fi
"$HELM" version | grep -q 'v4.1.4' || { echo "regen.sh: want helm v4.1.4 at $HELM" >&2; exit 1; }

verbs='%v %e %E %f %g %G %.3e %.0f %10.4f %x %b %X %.2f %.3f %.17g %.25f %.3x %.0x %.0e %.1g %.5g %.20e %.18e %.19e %.30g'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chart=$tmp/t
mkdir -p "$chart/templates"
printf 'apiVersion: v2\nname: t\nversion: 0.1.0\n' >"$chart/Chart.yaml"
cp "$here/floats.yaml" "$chart/values.yaml"
mkdir -p "$chart/charts/p/templates"
printf 'apiVersion: v2\nname: p\nversion: 0.1.0\n' >"$chart/charts/p/Chart.yaml"
cp "$here/precs.yaml" "$chart/charts/p/values.yaml"
precs='0 1 2 3 5 8 17 18 19 20 30'

# One printf per double: %[1]v|%[1]e|%.3[1]e|... (every verb takes argument 1;
# Go wants the index just before the verb letter).
fmtstr=$(for v in $verbs; do printf '%s[1]%s|' "${v%?}" "${v: -1}"; done)
fmtstr=${fmtstr%|}
{
    echo 'out: |'
    echo '{{- range .Values.f }}'
    echo "  ={{ printf \"$fmtstr\" . }}"
    echo '{{- end }}'
} >"$chart/templates/floats.yaml"

# precs.yaml goes in through a subchart so that both files keep their own values.
{
    echo 'out: |'
    echo '{{- range .Values.f }}'
    echo "  ={{ \$x := . }}{{ range \$p := list $precs }}{{ printf \"%.*f|%.*e|%.*g|\" \$p \$x \$p \$x \$p \$x }}{{ end }}"
    echo '{{- end }}'
} >"$chart/charts/p/templates/precs.yaml"

{
    echo 'out: |'
    echo "{{- range (list $(tr '\n' ' ' <"$here/strings.txt")) }}"
    echo '  ={{ printf "%x\t%q\t%+q" . . . }}'
    echo '{{- end }}'
} >"$chart/templates/quote.yaml"

{
    echo 'out: |'
    echo "{{- range (list $(tr '\n' ' ' <"$here/runes.txt")) }}"
    echo '  ={{ printf "%d\t%q" . . }}'
    echo '{{- end }}'
} >"$chart/templates/quoterune.yaml"

# Printability of every rune, as the points where it changes: a rune is
# printable when %q leaves it unescaped (quote and backslash are printable too).
cat >"$chart/templates/isprint.yaml" <<'TPL'
out: |
{{- $prev := false }}
{{- range $i := until 1114112 }}
{{- $pr := and (not (hasPrefix "\"\\" (printf "%q" (printf "%c" $i)))) (or (lt $i 0xD800) (gt $i 0xDFFF)) }}
{{- if or (eq $i 0x22) (eq $i 0x5c) }}{{ $pr = true }}{{ end }}
{{- if ne $pr $prev }}
  ={{ printf "%x" $i }}
{{- $prev = $pr }}
{{- end }}
{{- end }}
TPL

# Each output line is "  =TEXT" inside a block scalar: the "=" keeps a line that
# starts with a tab (an empty string's hex) from upsetting helm's YAML check.
"$HELM" template r "$chart" >"$tmp/all.out"
render() { # template path under the chart -> the block scalar's lines
    awk -v want="# Source: t/$1" '
        /^# Source: / { on = ($0 == want); body = 0; next }
        on && /^out: \|$/ { body = 1; next }
        on && body && /^---$/ { on = 0 }
        on && body { print }' "$tmp/all.out" | sed 's/^  =//'
}

render templates/floats.yaml >"$tmp/floats.body"
sed -n 's/.*# \([0-9a-f]\{16\}\)$/\1/p' "$here/floats.yaml" >"$tmp/floats.bits"
[ "$(wc -l <"$tmp/floats.bits")" = "$(wc -l <"$tmp/floats.body")" ] || {
    echo "regen.sh: helm printed a different number of floats" >&2; exit 1; }
{
    echo "# verbs: $(echo $verbs | tr ' ' '|')"
    paste "$tmp/floats.bits" "$tmp/floats.body"
} >"$here/floats.txt"

render templates/quote.yaml >"$here/quote.txt"
[ "$(wc -l <"$here/quote.txt")" = "$(wc -l <"$here/strings.txt")" ] || {
    echo "regen.sh: helm printed a different number of strings" >&2; exit 1; }
render templates/quoterune.yaml >"$here/quoterune.txt"
render templates/isprint.yaml >"$here/isprint.txt"

render charts/p/templates/precs.yaml >"$tmp/precs.body"
sed -n 's/.*# \([0-9a-f]\{16\}\)$/\1/p' "$here/precs.yaml" >"$tmp/precs.bits"
[ "$(wc -l <"$tmp/precs.bits")" = "$(wc -l <"$tmp/precs.body")" ] || {
    echo "regen.sh: helm printed a different number of edge floats" >&2; exit 1; }
{
    echo "# precs: $precs"
    paste "$tmp/precs.bits" "$tmp/precs.body"
} >"$here/precs.txt"
wc -l "$here/floats.txt" "$here/precs.txt" "$here/quote.txt" "$here/quoterune.txt" "$here/isprint.txt"
