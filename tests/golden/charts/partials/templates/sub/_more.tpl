{{- define "partials.shadowed" -}}nested{{- end }}
{{- define "partials.only-nested" -}}from {{ .Template.BasePath }}{{- end }}
