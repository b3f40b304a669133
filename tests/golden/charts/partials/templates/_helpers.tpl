{{/* Names: the top-level file is parsed after templates/sub/, so its defines win. */}}
{{- define "partials.name" -}}
{{ .Release.Name }}-{{ .Values.name }}
{{- end }}

{{- define "partials.labels" -}}
app: {{ include "partials.name" . }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
{{- end }}

{{- define "partials.shadowed" -}}top-level{{- end }}
