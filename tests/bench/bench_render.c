/*
 * bench_render.c - how long the executor takes to render a template-heavy
 * chart: the templates are parsed once into a set, then rendered N times
 * (each render with a fresh arena, as the engine will do), and the time per
 * render is printed.
 *
 *   bench_render [N]          N renders (default 2000)
 *
 * The chart is a typical one (helpers with include/nindent, a deployment
 * ranging over env and ports, a configmap ranging over a map, conditionals
 * and comparisons), its values read from embedded YAML.  Besides Go's
 * built-ins it needs include, nindent, quote and default: small stand-ins
 * here, as the function registry is not part of this module.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "helmc/template.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "template/func.h"
#include "yaml/yaml.h"

static const char helpers[] =
    "{{- define \"app.name\" -}}{{ default .Chart.Name .Values.nameOverride }}{{- end }}\n"
    "{{- define \"app.fullname\" -}}\n"
    "{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride }}\n"
    "{{- else }}{{ printf \"%s-%s\" .Release.Name (include \"app.name\" .) }}{{ end }}\n"
    "{{- end }}\n"
    "{{- define \"app.selectorLabels\" -}}\n"
    "app.kubernetes.io/name: {{ include \"app.name\" . }}\n"
    "app.kubernetes.io/instance: {{ .Release.Name }}\n"
    "{{- end }}\n"
    "{{- define \"app.labels\" -}}\n"
    "helm.sh/chart: {{ printf \"%s-%s\" .Chart.Name .Chart.Version }}\n"
    "{{ include \"app.selectorLabels\" . }}\n"
    "{{- range $k, $v := .Values.labels }}\n{{ $k }}: {{ $v | quote }}\n{{- end }}\n"
    "{{- end }}\n";

static const char deployment[] =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: {{ include \"app.fullname\" . }}\n"
    "  labels:\n"
    "    {{- include \"app.labels\" . | nindent 4 }}\n"
    "spec:\n"
    "  {{- if not .Values.autoscaling.enabled }}\n"
    "  replicas: {{ .Values.replicaCount }}\n"
    "  {{- end }}\n"
    "  selector:\n"
    "    matchLabels:\n"
    "      {{- include \"app.selectorLabels\" . | nindent 6 }}\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        {{- range $i, $c := .Values.containers }}\n"
    "        - name: {{ $c.name }}\n"
    "          image: \"{{ $c.image.repository }}:{{ default $.Chart.AppVersion $c.image.tag }}\"\n"
    "          {{- with $c.ports }}\n"
    "          ports:\n"
    "            {{- range . }}\n"
    "            - containerPort: {{ .port }}\n"
    "              protocol: {{ default \"TCP\" .protocol }}\n"
    "            {{- end }}\n"
    "          {{- end }}\n"
    "          env:\n"
    "            {{- range $.Values.env }}\n"
    "            - name: {{ .name }}\n"
    "              value: {{ .value | quote }}\n"
    "            {{- end }}\n"
    "          {{- if and $c.resources (gt (len $c.resources) 0) }}\n"
    "          resources:\n"
    "            {{- range $k, $v := $c.resources }}\n"
    "            {{ $k }}: {{ $v.cpu }}/{{ $v.memory }}\n"
    "            {{- end }}\n"
    "          {{- end }}\n"
    "          {{- if eq $i 0 }}\n"
    "          primary: true\n"
    "          {{- else if or (eq $c.name \"sidecar\") (ne (index $c \"role\") \"\") }}\n"
    "          role: {{ index $c \"role\" }}\n"
    "          {{- end }}\n"
    "        {{- end }}\n";

static const char configmap[] = "apiVersion: v1\n"
                                "kind: ConfigMap\n"
                                "metadata:\n"
                                "  name: {{ include \"app.fullname\" . }}-config\n"
                                "  labels:\n"
                                "    {{- include \"app.labels\" . | nindent 4 }}\n"
                                "data:\n"
                                "  {{- range $k, $v := .Values.config }}\n"
                                "  {{ $k }}: {{ printf \"%v\" $v | quote }}\n"
                                "  {{- end }}\n"
                                "  {{- range $i := until 20 }}\n"
                                "  key{{ $i }}: {{ if lt $i 10 }}low{{ else }}high{{ end }}\n"
                                "  {{- end }}\n";

static const char values_yaml[] =
    "replicaCount: 3\n"
    "nameOverride: \"\"\n"
    "fullnameOverride: \"\"\n"
    "autoscaling: {enabled: false}\n"
    "labels: {team: platform, tier: backend, env: prod}\n"
    "containers:\n"
    "  - name: app\n"
    "    image: {repository: nginx, tag: \"1.25\"}\n"
    "    ports: [{port: 80}, {port: 443, protocol: TCP}, {port: 9090, protocol: UDP}]\n"
    "    resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: "
    "128Mi}}\n"
    "  - name: sidecar\n"
    "    image: {repository: envoy}\n"
    "    role: proxy\n"
    "    ports: [{port: 15000}]\n"
    "env:\n"
    "  - {name: A, value: one}\n"
    "  - {name: B, value: two}\n"
    "  - {name: C, value: \"3\"}\n"
    "  - {name: D, value: four}\n"
    "  - {name: E, value: five}\n"
    "config:\n"
    "  log.level: info\n"
    "  max.conns: 100\n"
    "  feature.x: true\n"
    "  ratio: 0.75\n"
    "  name: bench\n";

/* ---- stand-ins for the Sprig/Helm functions the chart uses ---- */

static hc_status str_out(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc =
        hc_buf_ok(b) ? hc_str_dup(call->arena, hc_buf_str(b), b->len, out) : HC_ERR_NOMEM;
    hc_buf_release(b);
    return rc == HC_OK ? rc : hc_error_nomem(call->err);
}

static hc_status fn_include(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc =
        hc_exec_template(call->exec, NULL, args[0].u.s, args[0].len, args[1], &b, call->err);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    return str_out(call, &b, out);
}

static hc_status fn_nindent(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    size_t w = args[0].u.i > 0 ? (size_t)args[0].u.i : 0;
    hc_buf_addc(&b, '\n');
    hc_buf_addn(&b, ' ', w);
    for (uint32_t i = 0; i < args[1].len; i++) {
        hc_buf_addc(&b, args[1].u.s[i]);
        if (args[1].u.s[i] == '\n')
            hc_buf_addn(&b, ' ', w);
    }
    return str_out(call, &b, out);
}

static hc_status fn_quote(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    for (uint32_t i = 0; i < n; i++) {
        if (args[i].kind == HC_NULL)
            continue;
        if (b.len)
            hc_buf_addc(&b, ' ');
        if (args[i].kind == HC_STRING) {
            hc_gofmt_quote(&b, args[i].u.s, args[i].len);
        } else {
            struct hc_buf s = HC_BUF_INIT;
            hc_gofmt_sprintf(&s, "%v", 2, &args[i], 1);
            hc_gofmt_quote(&b, hc_buf_str(&s), s.len);
            hc_buf_release(&s);
        }
    }
    return str_out(call, &b, out);
}

static hc_status fn_default(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    *out = n < 2 || !hc_val_truth(args[1]) ? args[0] : args[1];
    return HC_OK;
}

static hc_status fn_until(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    int64_t count = args[0].u.i > 0 ? args[0].u.i : 0;
    struct hc_list *l = hc_list_new(call->arena, (size_t)count);
    if (!l)
        return hc_error_nomem(call->err);
    for (int64_t i = 0; i < count; i++)
        l->items[i] = hc_int_typed(i, HC_GT_INT);
    *out = hc_list_val(l, HC_GT_INTLIST);
    return HC_OK;
}

static const struct hc_func bench_funcs[] = {
    {"default", fn_default, "aa*", 0         },
    {"include", fn_include, "sa",  HC_FN_LATE},
    {"nindent", fn_nindent, "is",  0         },
    {"quote",   fn_quote,   "a*",  0         },
    {"until",   fn_until,   "i",   0         },
};

static void put(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    hc_map_set(a, m, k, strlen(k), v);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    if (n <= 0)
        n = 1;
    struct hc_funcset fs;
    struct hc_error err;
    hc_error_init(&err);
    const struct hc_func *tables[] = {hc_funcs_builtins, bench_funcs};
    const size_t counts[] = {hc_funcs_builtins_len, sizeof bench_funcs / sizeof bench_funcs[0]};
    if (hc_funcset_build(&fs, tables, counts, 2, NULL, 0, &err) != HC_OK)
        return 1;

    struct hc_tmpl_set *set = hc_tmpl_set_new(&fs, 0);
    static const struct {
        const char *name, *text;
    } files[] = {
        {"bench/templates/_helpers.tpl",    helpers   },
        {"bench/templates/deployment.yaml", deployment},
        {"bench/templates/configmap.yaml",  configmap },
    };
    for (size_t i = 0; i < 3; i++)
        if (hc_tmpl_parse(set, files[i].name, files[i].text, strlen(files[i].text), &err) !=
            HC_OK) {
            fprintf(stderr, "parse: %s\n", hc_error_msg(&err));
            return 1;
        }

    /* The values and the rest of the dot live as long as the chart. */
    struct hc_arena chart;
    hc_arena_init(&chart, 0);
    hc_val values;
    if (hc_yaml_read(&chart, values_yaml, sizeof values_yaml - 1, NULL, &values, &err) != HC_OK) {
        fprintf(stderr, "values: %s\n", hc_error_msg(&err));
        return 1;
    }
    struct hc_map *top = hc_map_new(&chart, 0), *rel = hc_map_new(&chart, 0),
                  *ch = hc_map_new(&chart, 0);
    put(&chart, rel, "Name", hc_cstr("rel"));
    put(&chart, rel, "Namespace", hc_cstr("default"));
    put(&chart, ch, "Name", hc_cstr("bench"));
    put(&chart, ch, "Version", hc_cstr("1.0.0"));
    put(&chart, ch, "AppVersion", hc_cstr("2.0"));
    put(&chart, top, "Values", values);
    put(&chart, top, "Release", hc_map_val(rel, HC_GT_MAP));
    put(&chart, top, "Chart", hc_map_val(ch, HC_GT_MAP));
    hc_val dot = hc_map_val(top, HC_GT_MAP);

    struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO, .name = "gotpl"};
    struct hc_buf out = HC_BUF_INIT;
    size_t bytes = 0;
    double start = now_seconds();
    for (long r = 0; r < n; r++) {
        struct hc_arena arena;
        hc_arena_init(&arena, 0);
        for (size_t i = 1; i < 3; i++) {
            hc_buf_reset(&out);
            if (hc_tmpl_execute(set, files[i].name, strlen(files[i].name), dot, &arena, &opts, &out,
                                &err) != HC_OK) {
                fprintf(stderr, "execute: %s\n", hc_error_msg(&err));
                return 1;
            }
            bytes += out.len;
            if (r == 0 && getenv("BENCH_SHOW"))
                fputs(hc_buf_str(&out), stdout);
        }
        hc_arena_free(&arena);
    }
    double secs = now_seconds() - start;
    printf("bench_render: %ld renders of 2 templates in %.3f s: %.1f us per render, "
           "%zu bytes each\n",
           n, secs, secs * 1e6 / (double)n, bytes / (size_t)n);
    hc_buf_release(&out);
    hc_arena_free(&chart);
    hc_tmpl_set_free(set);
    hc_funcset_release(&fs);
    return 0;
}
