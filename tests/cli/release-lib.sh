# release-lib.sh - sourced after lib.sh by the release tests (t10NN): a chart to install,
# a data home for the file driver, and HELMC wrapped so that times print as fixed text
# (ANSIC dates as "DATE", RFC 3339 and Go Time.String() times as "TIME").

REAL_HELMC=$HELMC
TEST_CHART=$tmp/mini
mkdir -p "$TEST_CHART/templates"
cat >"$TEST_CHART/Chart.yaml" <<'X'
apiVersion: v2
name: mini
version: 0.1.0
appVersion: "1.0"
X
cat >"$TEST_CHART/values.yaml" <<'X'
greeting: hello
X
cat >"$TEST_CHART/templates/cm.yaml" <<'X'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cm
data:
  greeting: {{ .Values.greeting | quote }}
  revision: "{{ .Release.Revision }}"
X
cat >"$TEST_CHART/templates/hook.yaml" <<'X'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-hook
  annotations:
    "helm.sh/hook": pre-install,post-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
X
cat >"$TEST_CHART/templates/NOTES.txt" <<'X'
{{ .Release.Name }} says {{ .Values.greeting }}.
X

TIME_SED='s/(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-9][0-9] [0-9:]{8} [0-9]{4}/DATE                    /g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})/TIME/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ [+-][0-9]{4} [A-Z+0-9-]+/TIME/g'
cat >"$tmp/helmc-masked" <<X
#!/bin/bash
"$REAL_HELMC" "\$@" >"$tmp/masked.out" 2>"$tmp/masked.err"
rc=\$?
sed -E '$TIME_SED' "$tmp/masked.out"
sed -E '$TIME_SED' "$tmp/masked.err" >&2
exit \$rc
X
chmod +x "$tmp/helmc-masked"
HELMC=$tmp/helmc-masked
TEST_ENV=(HELMC_DATA_HOME="$tmp/data")
