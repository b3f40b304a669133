/*
 * load.c - reading a repository index for use: helm's loadIndex, LoadIndexFile and
 * IndexFile.Get (pkg/repo/v1/index.go).
 *
 * The index is walked as libyaml events, never built as a tree: entries of charts the
 * caller did not ask for are parsed and dropped, so a 20 MB index costs the file and the
 * few charts kept (helm issues 11509 and 31282 ask for that).  JSON, which helm accepts
 * too, is YAML to libyaml.  Like helm, a YAML index is decoded strictly (an unknown field
 * is an error) and a JSON one is not; a document starting with '{' counts as JSON here.
 * Entries that fail chart validation are dropped with helm's warning.  A malformed file's
 * message comes from the full YAML reader, which words errors as go-yaml does.
 */
#include "helmc/repo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/file.h"
#include "helmc/semver.h"
#include "yaml/yaml.h"

#define MAX_INDEX_SIZE ((size_t)512 << 20) /* as `repo index --merge` reads */
#define MAX_DEPTH      64                  /* nesting skipped over in dropped nodes */

struct vec {
    void *items;
    size_t n, cap;
};

struct loader {
    yaml_parser_t parser;
    yaml_event_t ev;
    bool have_ev;
    struct hc_arena *a;           /* where values go: index_arena, or scratch while dropping */
    struct hc_arena *index_arena; /* the loaded index's */
    struct hc_arena scratch;      /* an entry decoded only to be checked */
    const char *source;
    const struct hc_repo_load_opts *o;
    bool strict;
    bool lenient; /* a number or boolean is taken as a string (see lenient()) */
    hc_status rc;
    struct hc_error *err;
    char *unknown; /* first unknown field (strict mode), reported after the walk */
    const char *api_version, *generated;
    struct vec charts; /* struct hc_repo_chart, versions in a struct vec each */
};

/* ---- small helpers ---- */

static bool vec_push(struct hc_arena *a, struct vec *v, const void *item, size_t size)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        void *p = hc_arena_realloc(a, v->items, v->cap * size, cap * size);
        if (!p)
            return false;
        v->items = p;
        v->cap = cap;
    }
    memcpy((char *)v->items + v->n * size, item, size);
    v->n++;
    return true;
}

static hc_status fail_nomem(struct loader *L)
{
    if (L->rc == HC_OK)
        L->rc = hc_error_nomem(L->err);
    return L->rc;
}

/* Moves to the next event; the parser's own error ends the walk. */
static hc_status next(struct loader *L)
{
    if (L->have_ev)
        yaml_event_delete(&L->ev);
    L->have_ev = false;
    if (!yaml_parser_parse(&L->parser, &L->ev)) {
        if (L->rc == HC_OK)
            L->rc = HC_ERR_PARSE; /* reworded by the caller */
        return L->rc;
    }
    L->have_ev = true;
    return HC_OK;
}

static bool is_null(const yaml_event_t *e)
{
    if (e->type != YAML_SCALAR_EVENT || e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
        e->data.scalar.tag)
        return false;
    const char *s = (const char *)e->data.scalar.value;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* Skips the node whose first event is current, leaving its last event current. */
static hc_status skip(struct loader *L)
{
    if (L->ev.type == YAML_ALIAS_EVENT || L->ev.type == YAML_SCALAR_EVENT)
        return HC_OK;
    int depth = 1;
    while (depth > 0) {
        if (next(L) != HC_OK)
            return L->rc;
        switch (L->ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
    }
    return HC_OK;
}

/* Whether a plain scalar is a YAML 1.1 number (go-yaml's resolve, roughly). */
static bool is_number(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    static const char *const special[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", NULL};
    for (size_t i = 0; special[i]; i++)
        if (!strcmp(s, special[i]))
            return true;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b') && s[2])
        return true;
    bool digits = false, dot = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits = true;
        else if (*s == '_' && digits)
            continue;
        else if (*s == '.' && !dot)
            dot = true;
        else if ((*s == 'e' || *s == 'E') && digits) {
            s++;
            if (*s == '+' || *s == '-')
                s++;
            if (!*s)
                return false;
            for (; *s; s++)
                if (*s < '0' || *s > '9')
                    return false;
            return true;
        } else
            return false;
    }
    return digits;
}

static int bool_value(const yaml_event_t *e);

/* The JSON kind sigs.k8s.io/yaml turns a node into, as encoding/json names it. */
static const char *kind_name(const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SEQUENCE_START_EVENT:
        return "array";
    case YAML_MAPPING_START_EVENT:
        return "object";
    default:
        break;
    }
    if (e->type == YAML_SCALAR_EVENT && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        if (bool_value(e) >= 0)
            return "bool";
        if (is_number((const char *)e->data.scalar.value))
            return "number";
    }
    return "string";
}

static hc_status type_error(struct loader *L, const char *field, const char *type)
{
    if (L->rc == HC_OK)
        L->rc = hc_error_set(L->err, HC_ERR_PARSE,
                             "error unmarshaling JSON: while decoding JSON: json: cannot "
                             "unmarshal %s into Go struct field %s of type %s",
                             kind_name(&L->ev), field, type);
    return L->rc;
}

static hc_status unsupported_alias(struct loader *L)
{
    if (L->rc == HC_OK)
        L->rc = hc_error_set(L->err, HC_ERR_PARSE,
                             "error converting YAML to JSON: yaml: aliases are not supported "
                             "in a repository index (line %zu)",
                             L->ev.start_mark.line + 1);
    return L->rc;
}

/* A mapping key: a scalar's text, in the arena when keep. */
static hc_status read_key(struct loader *L, const char *field, bool keep, const char **out)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (L->ev.type != YAML_SCALAR_EVENT)
        return type_error(L, field, "string");
    if (!keep)
        return HC_OK;
    *out = hc_arena_strndup(L->a, (const char *)L->ev.data.scalar.value, L->ev.data.scalar.length);
    return *out ? HC_OK : fail_nomem(L);
}

/*
 * A string field: a scalar's text ("" for null), in the arena when keep.  A plain number
 * or boolean is refused, as encoding/json refuses the JSON sigs.k8s.io/yaml makes of it.
 */
static hc_status read_str(struct loader *L, const char *field, bool keep, const char **out)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (L->ev.type != YAML_SCALAR_EVENT ||
        (!L->lenient && strcmp(kind_name(&L->ev), "string") != 0))
        return type_error(L, field, "string");
    if (!keep)
        return HC_OK;
    if (is_null(&L->ev)) {
        *out = "";
        return HC_OK;
    }
    *out = hc_arena_strndup(L->a, (const char *)L->ev.data.scalar.value, L->ev.data.scalar.length);
    return *out ? HC_OK : fail_nomem(L);
}

/* 1 or 0 for a plain YAML 1.1 boolean, -1 for anything else. */
static int bool_value(const yaml_event_t *e)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES",
                                      "on",   "On",   "ON",   "y",   "Y",   NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO",
                                     "off",   "Off",   "OFF",   "n",  "N",  NULL};
    if (e->type != YAML_SCALAR_EVENT || e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return -1;
    const char *s = (const char *)e->data.scalar.value;
    for (size_t i = 0; yes[i]; i++)
        if (!strcmp(s, yes[i]))
            return 1;
    for (size_t i = 0; no[i]; i++)
        if (!strcmp(s, no[i]))
            return 0;
    return -1;
}

static hc_status read_bool(struct loader *L, const char *field, bool *out)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (is_null(&L->ev))
        return HC_OK;
    int b = bool_value(&L->ev);
    if (b < 0)
        return type_error(L, field, "bool");
    *out = b == 1;
    return HC_OK;
}

/* A list of strings ([]string); null leaves it empty. */
static hc_status read_strs(struct loader *L, const char *field, bool keep, const char *const **out,
                           size_t *n)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (is_null(&L->ev)) { /* null makes a nil slice, also over an earlier value */
        *out = NULL;
        *n = 0;
        return HC_OK;
    }
    if (L->ev.type != YAML_SEQUENCE_START_EVENT)
        return type_error(L, field, "[]string");
    struct vec v = {0};
    for (;;) {
        if (next(L) != HC_OK)
            return L->rc;
        if (L->ev.type == YAML_SEQUENCE_END_EVENT)
            break;
        const char *s = "";
        if (read_str(L, field, keep, &s) != HC_OK)
            return L->rc;
        if (keep && !vec_push(L->a, &v, &s, sizeof s))
            return fail_nomem(L);
    }
    *out = v.items;
    *n = v.n;
    return HC_OK;
}

/* encoding/json matches a key to a field exactly or, failing that, ignoring case. */
static int match_key(const char *key, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (!strcasecmp(key, names[i]))
            return i;
    return -1;
}

static hc_status note_unknown(struct loader *L)
{
    if (!L->strict || L->unknown)
        return HC_OK;
    L->unknown = hc_arena_strndup(L->index_arena, (const char *)L->ev.data.scalar.value,
                                  L->ev.data.scalar.length);
    return L->unknown ? HC_OK : fail_nomem(L);
}

/*
 * Walks a mapping whose start event is current, calling fn for each value with the key's
 * index in names (or -1 for a key that names no field, whose value is skipped).
 */
typedef hc_status field_fn(struct loader *L, int key, void *ctx);

static hc_status walk_map(struct loader *L, const char *field, const char *type,
                          const char *const *names, field_fn *fn, void *ctx)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (is_null(&L->ev))
        return HC_OK;
    if (L->ev.type != YAML_MAPPING_START_EVENT)
        return type_error(L, field, type);
    for (;;) {
        if (next(L) != HC_OK)
            return L->rc;
        if (L->ev.type == YAML_MAPPING_END_EVENT)
            return HC_OK;
        if (L->ev.type != YAML_SCALAR_EVENT) /* a complex key: no field */
            return type_error(L, field, type);
        int k = match_key((const char *)L->ev.data.scalar.value, names);
        if (k < 0 && note_unknown(L) != HC_OK)
            return L->rc;
        if (next(L) != HC_OK)
            return L->rc;
        if ((k < 0 ? skip(L) : fn(L, k, ctx)) != HC_OK)
            return L->rc;
    }
}

/* ---- a chart version ---- */

static const char *const maint_keys[] = {"name", "email", "url", NULL};

static hc_status maint_field(struct loader *L, int k, void *ctx)
{
    struct hc_repo_maintainer *m = ctx;
    const char **f[] = {&m->name, &m->email, &m->url};
    char p[96];
    snprintf(p, sizeof p, "Maintainer.entries.Metadata.maintainers.%s", maint_keys[k]);
    return read_str(L, p, true, f[k]);
}

static const char *const dep_keys[] = {"name",          "version", "repository",
                                       "condition",     "tags",    "enabled",
                                       "import-values", "alias",   NULL};

static hc_status dep_field(struct loader *L, int k, void *ctx)
{
    struct hc_repo_dep *d = ctx;
    char p[96];
    snprintf(p, sizeof p, "Dependency.entries.Metadata.dependencies.%s", dep_keys[k]);
    switch (k) {
    case 0:
        return read_str(L, p, true, &d->name);
    case 1:
        return read_str(L, p, true, &d->version);
    case 2:
        return read_str(L, p, true, &d->repository);
    case 3:
        return read_str(L, p, true, &d->condition);
    case 4:
        return read_strs(L, p, true, &d->tags, &d->n_tags);
    case 5:
        return read_bool(L, p, &d->enabled);
    case 7:
        return read_str(L, p, true, &d->alias);
    default:
        return skip(L); /* import-values: strings or maps */
    }
}

/* A list of objects, each read by fn into a zeroed item of size bytes. */
static hc_status read_objs(struct loader *L, const char *field, const char *type,
                           const char *const *names, field_fn *fn, size_t size, void *init,
                           void **out, size_t *n)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (is_null(&L->ev)) {
        *out = NULL;
        *n = 0;
        return HC_OK;
    }
    if (L->ev.type != YAML_SEQUENCE_START_EVENT)
        return type_error(L, field, type);
    struct vec v = {0};
    char item[sizeof(struct hc_repo_dep) > sizeof(struct hc_repo_maintainer)
                  ? sizeof(struct hc_repo_dep)
                  : sizeof(struct hc_repo_maintainer)];
    for (;;) {
        if (next(L) != HC_OK)
            return L->rc;
        if (L->ev.type == YAML_SEQUENCE_END_EVENT)
            break;
        memcpy(item, init, size);
        if (walk_map(L, field, type, names, fn, item) != HC_OK)
            return L->rc;
        if (!vec_push(L->a, &v, item, size))
            return fail_nomem(L);
    }
    *out = v.items;
    *n = v.n;
    return HC_OK;
}

struct annos {
    struct vec keys, vals;
};

static hc_status read_annotations(struct loader *L, struct hc_repo_version *cv)
{
    const char *field = "ChartVersion.entries.Metadata.annotations";
    if (is_null(&L->ev)) {
        cv->n_annotations = 0;
        return HC_OK;
    }
    if (L->ev.type != YAML_MAPPING_START_EVENT)
        return type_error(L, field, "map[string]string");
    struct annos an = {0};
    for (;;) {
        if (next(L) != HC_OK)
            return L->rc;
        if (L->ev.type == YAML_MAPPING_END_EVENT)
            break;
        const char *k = "", *v = "";
        if (read_key(L, field, true, &k) != HC_OK || next(L) != HC_OK ||
            read_str(L, field, true, &v) != HC_OK)
            return L->rc;
        if (!vec_push(L->a, &an.keys, &k, sizeof k) || !vec_push(L->a, &an.vals, &v, sizeof v))
            return fail_nomem(L);
    }
    /* sorted by key (insertion sort: annotations are few) */
    const char **ks = an.keys.items, **vs = an.vals.items;
    for (size_t i = 1; i < an.keys.n; i++)
        for (size_t j = i; j > 0 && strcmp(ks[j - 1], ks[j]) > 0; j--) {
            const char *t = ks[j];
            ks[j] = ks[j - 1], ks[j - 1] = t;
            t = vs[j];
            vs[j] = vs[j - 1], vs[j - 1] = t;
        }
    cv->annotation_keys = ks;
    cv->annotation_values = vs;
    cv->n_annotations = an.keys.n;
    return HC_OK;
}

static const char *const entry_keys[] = {
    "name",        "home",        "sources",     "version",      "description", "keywords",
    "maintainers", "icon",        "apiVersion",  "condition",    "tags",        "appVersion",
    "deprecated",  "annotations", "kubeVersion", "dependencies", "type",        "urls",
    "created",     "removed",     "digest",      "checksum",     "engine",      "tillerVersion",
    "url",         NULL};

/*
 * sigs.k8s.io/yaml turns a YAML number or boolean into a string where it can see the
 * target is a string: for ChartVersion's own fields, not for those of the embedded
 * *Metadata.  Those fields are read with L->lenient set (the text is kept as written, not
 * reformatted as Go would format the number); lenient() clears it afterwards.
 */
static hc_status lenient(struct loader *L, hc_status rc)
{
    L->lenient = false;
    return rc;
}

static hc_status version_field(struct loader *L, int k, void *ctx)
{
    struct hc_repo_version *cv = ctx;
    char p[96]; /* Go names the field by its path, through the embedded Metadata */
    snprintf(p, sizeof p, "ChartVersion.entries.%s%s", k <= 16 ? "Metadata." : "", entry_keys[k]);
    L->lenient = k == 17 || k >= 20;
    const char *ignored;
    switch (k) {
    case 0:
        return read_str(L, p, true, &cv->name);
    case 1:
        return read_str(L, p, true, &cv->home);
    case 2:
        return read_strs(L, p, true, &cv->sources, &cv->n_sources);
    case 3:
        return read_str(L, p, true, &cv->version);
    case 4:
        return read_str(L, p, true, &cv->description);
    case 5:
        return read_strs(L, p, true, &cv->keywords, &cv->n_keywords);
    case 6: {
        struct hc_repo_maintainer init = {"", "", ""};
        void *items = NULL;
        hc_status rc = read_objs(L, p, "[]*chart.Maintainer", maint_keys, maint_field, sizeof init,
                                 &init, &items, &cv->n_maintainers);
        cv->maintainers = items;
        return rc;
    }
    case 7:
        return read_str(L, p, true, &cv->icon);
    case 8:
        return read_str(L, p, true, &cv->api_version);
    case 9:
        return read_str(L, p, true, &cv->condition);
    case 10:
        return read_str(L, p, true, &cv->tags);
    case 11:
        return read_str(L, p, true, &cv->app_version);
    case 12:
        return read_bool(L, p, &cv->deprecated);
    case 13:
        return read_annotations(L, cv);
    case 14:
        return read_str(L, p, true, &cv->kube_version);
    case 15: {
        struct hc_repo_dep init = {
            .name = "", .version = "", .repository = "", .condition = "", .alias = ""};
        void *items = NULL;
        hc_status rc = read_objs(L, p, "[]*chart.Dependency", dep_keys, dep_field, sizeof init,
                                 &init, &items, &cv->n_deps);
        cv->deps = items;
        return rc;
    }
    case 16:
        return read_str(L, p, true, &cv->type);
    case 17:
        return lenient(L, read_strs(L, p, true, &cv->urls, &cv->n_urls));
    case 18:
        return read_str(L, p, true, &cv->created);
    case 19:
        return read_bool(L, p, &cv->removed);
    case 20:
        return lenient(L, read_str(L, p, true, &cv->digest));
    default:
        return lenient(L, read_str(L, p, false, &ignored));
    }
}

/* Metadata.Validate's verdict on an entry, or NULL when it may stay. */
static const char *invalid(struct loader *L, const struct hc_repo_version *cv)
{
    if (!*cv->name)
        return "validation: chart.metadata.name is required";
    if (!strcmp(cv->name, ".") || !strcmp(cv->name, "..") || strchr(cv->name, '/'))
        return hc_arena_printf(L->a, "validation: chart.metadata.name \"%s\" is %s", cv->name,
                               strchr(cv->name, '/') ? "invalid" : "not allowed");
    if (!*cv->version)
        return "validation: chart.metadata.version is required";
    struct hc_semver sv;
    if (hc_semver_parse(&sv, cv->version, strlen(cv->version), NULL) != HC_OK)
        return hc_arena_printf(L->a, "validation: chart.metadata.version \"%s\" is invalid",
                               cv->version);
    if (*cv->type && strcmp(cv->type, "application") != 0 && strcmp(cv->type, "library") != 0)
        return "validation: chart.metadata.type must be application or library";
    for (size_t i = 0; i < cv->n_deps; i++)
        if (!*cv->deps[i].name)
            return "validation: dependencies must have a name";
    return NULL;
}

static void warn(struct loader *L, const char *name, const char *version, const char *msg)
{
    if (!L->o->warn)
        return;
    char *s = version ? hc_arena_printf(L->a,
                                        "skipping loading invalid entry for chart \"%s\" \"%s\" "
                                        "from %s: %s",
                                        name, version, L->source, msg)
                      : hc_arena_printf(L->a,
                                        "skipping loading invalid entry for chart \"%s\" from "
                                        "%s: empty entry",
                                        name, L->source);
    if (s)
        L->o->warn(L->o->warn_ctx, s);
}

/* ---- the index ---- */

static bool wanted(const struct loader *L, const char *name)
{
    if (!L->o->names)
        return true;
    for (size_t i = 0; i < L->o->n_names; i++)
        if (!strcmp(L->o->names[i], name))
            return true;
    return false;
}

/* The value of entries[name]: a list of chart versions. */
static hc_status read_versions(struct loader *L, const char *name)
{
    bool keep = !L->o->names_only && wanted(L, name);
    if (!keep && !L->o->names_only && !L->strict)
        return skip(L);
    struct hc_repo_chart ch = {.name = name};
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (!is_null(&L->ev)) {
        if (L->ev.type != YAML_SEQUENCE_START_EVENT)
            return type_error(L, "IndexFile.entries", "repo.ChartVersions");
        struct vec v = {0};
        for (;;) {
            if (next(L) != HC_OK)
                return L->rc;
            if (L->ev.type == YAML_SEQUENCE_END_EVENT)
                break;
            if (!keep) { /* strict mode still looks for unknown fields */
                if (L->unknown || L->ev.type != YAML_MAPPING_START_EVENT) {
                    if (skip(L) != HC_OK)
                        return L->rc;
                    continue;
                }
            }
            if (is_null(&L->ev)) {
                if (keep)
                    warn(L, name, NULL, NULL);
                continue;
            }
            struct hc_repo_version cv = {.name = "",
                                         .version = "",
                                         .app_version = "",
                                         .description = "",
                                         .home = "",
                                         .icon = "",
                                         .api_version = "",
                                         .kube_version = "",
                                         .type = "",
                                         .condition = "",
                                         .tags = "",
                                         .created = "",
                                         .digest = ""};
            /* an entry not kept is still decoded (strict mode checks every field), into a
             * scratch arena emptied after it */
            struct hc_arena *kept_arena = L->a;
            if (!keep)
                L->a = &L->scratch;
            hc_status rc = walk_map(L, "IndexFile.entries", "repo.ChartVersion", entry_keys,
                                    version_field, &cv);
            L->a = kept_arena;
            if (!keep)
                hc_arena_free(&L->scratch);
            if (rc != HC_OK)
                return L->rc;
            if (!keep)
                continue;
            if (!*cv.api_version)
                cv.api_version = "v1";
            const char *why = invalid(L, &cv);
            if (why && strncmp(why, "validation: more than one dependency", 36) != 0) {
                warn(L, name, cv.version, why);
                continue;
            }
            if (!vec_push(L->a, &v, &cv, sizeof cv))
                return fail_nomem(L);
        }
        ch.versions = v.items;
        ch.n_versions = v.n;
    }
    if (!keep && !L->o->names_only)
        return HC_OK;
    return vec_push(L->a, &L->charts, &ch, sizeof ch) ? HC_OK : fail_nomem(L);
}

static hc_status read_entries(struct loader *L)
{
    if (L->ev.type == YAML_ALIAS_EVENT)
        return unsupported_alias(L);
    if (is_null(&L->ev))
        return HC_OK;
    if (L->ev.type != YAML_MAPPING_START_EVENT)
        return type_error(L, "IndexFile.entries", "map[string]repo.ChartVersions");
    for (;;) {
        if (next(L) != HC_OK)
            return L->rc;
        if (L->ev.type == YAML_MAPPING_END_EVENT)
            return HC_OK;
        const char *name = "";
        if (read_key(L, "IndexFile.entries", true, &name) != HC_OK || next(L) != HC_OK ||
            read_versions(L, name) != HC_OK)
            return L->rc;
    }
}

static const char *const index_keys[] = {"serverInfo", "apiVersion",  "generated", "entries",
                                         "publicKeys", "annotations", NULL};

static hc_status index_field(struct loader *L, int k, void *ctx)
{
    (void)ctx;
    const char *ignored;
    switch (k) {
    case 1:
        return read_str(L, "IndexFile.apiVersion", true, &L->api_version);
    case 2:
        return read_str(L, "IndexFile.generated", true, &L->generated);
    case 3:
        return read_entries(L);
    case 4: {
        const char *const *keys;
        size_t n;
        return read_strs(L, "IndexFile.publicKeys", false, &keys, &n);
    }
    case 5:
        return L->ev.type == YAML_SCALAR_EVENT ? read_str(L, "", false, &ignored) : skip(L);
    default:
        return skip(L);
    }
}

/* The whole stream: one document holding the index mapping. */
static hc_status walk(struct loader *L)
{
    if (next(L) != HC_OK || next(L) != HC_OK) /* stream start, document start */
        return L->rc;
    if (L->ev.type == YAML_STREAM_END_EVENT)
        return HC_OK;
    if (next(L) != HC_OK)
        return L->rc;
    if (L->ev.type == YAML_SCALAR_EVENT && is_null(&L->ev))
        return HC_OK;
    if (L->ev.type != YAML_MAPPING_START_EVENT) {
        if (L->rc == HC_OK)
            L->rc = hc_error_set(L->err, HC_ERR_PARSE,
                                 "error unmarshaling JSON: while decoding JSON: json: cannot "
                                 "unmarshal %s into Go value of type repo.IndexFile",
                                 kind_name(&L->ev));
        return L->rc;
    }
    return walk_map(L, "IndexFile", "repo.IndexFile", index_keys, index_field, NULL);
}

/* ---- sorting ---- */

struct keyed {
    const struct hc_repo_version *v;
    struct hc_semver sv;
    bool ok;
    size_t pos;
};

static int cmp_newest(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;
    if (a->ok != b->ok)
        return a->ok ? -1 : 1;
    if (a->ok) {
        int c = hc_semver_compare(&b->sv, &a->sv);
        if (c)
            return c;
    }
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int cmp_chart(const void *x, const void *y)
{
    const struct hc_repo_chart *a = x, *b = y;
    return strcmp(a->name, b->name);
}

static hc_status sort_versions(struct loader *L, struct hc_repo_chart *ch)
{
    if (ch->n_versions < 2)
        return HC_OK;
    struct keyed *k = hc_malloc(ch->n_versions * sizeof *k);
    if (!k)
        return fail_nomem(L);
    for (size_t i = 0; i < ch->n_versions; i++) {
        k[i].v = &ch->versions[i];
        k[i].pos = i;
        k[i].ok =
            hc_semver_parse(&k[i].sv, k[i].v->version, strlen(k[i].v->version), NULL) == HC_OK;
    }
    qsort(k, ch->n_versions, sizeof *k, cmp_newest);
    struct hc_repo_version *out = hc_arena_array(L->a, ch->n_versions, sizeof *out);
    if (out)
        for (size_t i = 0; i < ch->n_versions; i++)
            out[i] = *k[i].v;
    hc_free(k);
    if (!out)
        return fail_nomem(L);
    ch->versions = out;
    return HC_OK;
}

/* ---- entry points ---- */

static bool looks_json(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    return i < len && data[i] == '{';
}

/* The message for a document libyaml refused: the YAML reader's, worded as go-yaml's. */
static hc_status syntax_error(const char *data, size_t len, const yaml_parser_t *p,
                              struct hc_error *err)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error e;
    hc_error_init(&e);
    hc_val v;
    hc_status rc = hc_yaml_read(&a, data, len, NULL, &v, &e);
    if (rc == HC_ERR_NOMEM)
        rc = hc_error_nomem(err);
    else if (rc != HC_OK)
        rc = hc_error_set(err, HC_ERR_PARSE, "%s", hc_error_msg(&e));
    else
        rc = hc_error_set(err, HC_ERR_PARSE, "error converting YAML to JSON: yaml: line %zu: %s",
                          p->problem_mark.line + 1, p->problem ? p->problem : "syntax error");
    hc_error_release(&e);
    hc_arena_free(&a);
    return rc;
}

/*
 * Loads from data[0..len), or from file when it is not NULL (len then its size and data
 * its first bytes, enough to tell JSON from YAML).
 */
/* As syntax_error for a file: read whole, once, since it failed. */
static hc_status syntax_error_file(FILE *f, const yaml_parser_t *p, struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, MAX_INDEX_SIZE);
    rewind(f);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    hc_status rc =
        hc_buf_ok(&b) ? syntax_error(hc_buf_str(&b), b.len, p, err) : hc_error_nomem(err);
    hc_buf_release(&b);
    return rc;
}

static hc_status load(const char *data, size_t len, FILE *file, const char *source,
                      const struct hc_repo_load_opts *opts, struct hc_repo_index **out,
                      struct hc_error *err)
{
    static const struct hc_repo_load_opts none = {0};
    if (len == 0)
        return hc_error_set(err, HC_ERR_PARSE, "empty index.yaml file");
    struct loader L = {.source = source, .o = opts ? opts : &none, .err = err};
    L.strict = !looks_json(data, file ? strlen(data) : len);
    struct hc_repo_index *ix = hc_malloc(sizeof *ix);
    L.a = hc_malloc(sizeof *L.a);
    if (!ix || !L.a) {
        hc_free(ix);
        hc_free(L.a);
        return hc_error_nomem(err);
    }
    hc_arena_init(L.a, 0);
    hc_arena_init(&L.scratch, 0);
    L.index_arena = L.a;
    if (!yaml_parser_initialize(&L.parser)) {
        hc_free(ix);
        hc_free(L.a);
        return hc_error_nomem(err);
    }
    if (file)
        yaml_parser_set_input_file(&L.parser, file);
    else
        yaml_parser_set_input_string(&L.parser, (const unsigned char *)data, len);
    struct hc_error werr;
    hc_error_init(&werr);
    L.err = &werr;
    hc_status rc = walk(&L);
    if (rc == HC_ERR_PARSE && werr.code == HC_OK)
        rc = file ? syntax_error_file(file, &L.parser, err)
                  : syntax_error(data, len, &L.parser, err);
    else if (rc != HC_OK)
        hc_error_move(err, &werr);
    else if (L.unknown)
        rc = hc_error_set(err, HC_ERR_PARSE,
                          "error unmarshaling JSON: while decoding JSON: json: unknown field "
                          "\"%s\"",
                          L.unknown);
    hc_error_release(&werr);
    if (L.have_ev)
        yaml_event_delete(&L.ev);
    yaml_parser_delete(&L.parser);
    hc_arena_free(&L.scratch);
    L.err = err;
    if (rc == HC_OK) {
        struct hc_repo_chart *cs = L.charts.items;
        for (size_t i = 0; i < L.charts.n && rc == HC_OK; i++)
            rc = sort_versions(&L, &cs[i]);
        if (L.charts.n > 1)
            qsort(cs, L.charts.n, sizeof *cs, cmp_chart);
    }
    if (rc == HC_OK && (!L.api_version || !*L.api_version))
        rc = hc_error_set(err, HC_ERR_PARSE, "no API version specified");
    if (rc != HC_OK) {
        hc_arena_free(L.a);
        hc_free(L.a);
        hc_free(ix);
        return rc;
    }
    ix->api_version = L.api_version;
    ix->generated = L.generated ? L.generated : "";
    ix->charts = L.charts.items;
    ix->n_charts = L.charts.n;
    ix->arena = L.a;
    *out = ix;
    return HC_OK;
}

hc_status hc_repo_index_load_buf(const char *data, size_t len, const char *source,
                                 const struct hc_repo_load_opts *opts, struct hc_repo_index **out,
                                 struct hc_error *err)
{
    return load(data, len, NULL, source ? source : "", opts, out, err);
}

hc_status hc_repo_index_load(const char *path, const struct hc_repo_load_opts *opts,
                             struct hc_repo_index **out, struct hc_error *err)
{
    char eb[128];
    FILE *f = fopen(path, "rb");
    if (!f)
        return hc_error_set(err, errno == ENOENT ? HC_ERR_NOT_FOUND : HC_ERR_IO, "open %s: %s",
                            path, hc_file_errstr(errno, eb));
    struct stat st;
    hc_status rc = HC_OK;
    if (fstat(fileno(f), &st) != 0)
        rc = hc_error_set(err, HC_ERR_IO, "read %s: %s", path, hc_file_errstr(errno, eb));
    else if ((uint64_t)st.st_size > MAX_INDEX_SIZE)
        rc = hc_error_set(err, HC_ERR_LIMIT, "read %s: file larger than %zu bytes", path,
                          MAX_INDEX_SIZE);
    if (rc != HC_OK) {
        fclose(f);
        return rc;
    }
    /* the first bytes, to tell JSON from YAML; then libyaml streams the file */
    char head[4097];
    size_t n = fread(head, 1, sizeof head - 1, f);
    head[n] = '\0';
    rewind(f);
    struct hc_error e;
    hc_error_init(&e);
    rc = load(head, n == 0 ? 0 : (size_t)st.st_size, f, path, opts, out, &e);
    fclose(f);
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(err);
    else if (rc != HC_OK)
        hc_error_set(err, rc, "error loading %s: %s", path, hc_error_msg(&e));
    hc_error_release(&e);
    return rc;
}

void hc_repo_index_free(struct hc_repo_index *ix)
{
    if (!ix)
        return;
    hc_arena_free(ix->arena);
    hc_free(ix->arena);
    hc_free(ix);
}

const struct hc_repo_chart *hc_repo_index_chart(const struct hc_repo_index *ix, const char *name)
{
    size_t lo = 0, hi = ix->n_charts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->charts[mid].name, name);
        if (c == 0)
            return &ix->charts[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

hc_status hc_repo_index_get(const struct hc_repo_index *ix, const char *name, const char *version,
                            const struct hc_repo_version **out, bool *fell_back,
                            struct hc_error *err)
{
    if (fell_back)
        *fell_back = false;
    const struct hc_repo_chart *ch = hc_repo_index_chart(ix, name);
    if (!ch)
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no chart name found");
    if (ch->n_versions == 0)
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no chart version found");
    if (!version)
        version = "";
    for (size_t i = 0; *version && i < ch->n_versions; i++)
        if (!strcmp(ch->versions[i].version, version)) {
            *out = &ch->versions[i];
            return HC_OK;
        }
    const char *cs = *version ? version : "*";
    struct hc_semver_constraints *c = NULL;
    hc_status rc = hc_semver_constraints_parse(cs, strlen(cs), &c, err);
    if (rc != HC_OK)
        return rc;
    rc = HC_ERR_NOT_FOUND;
    for (size_t i = 0; i < ch->n_versions; i++) {
        struct hc_semver sv;
        const char *v = ch->versions[i].version;
        if (hc_semver_parse(&sv, v, strlen(v), NULL) != HC_OK ||
            !hc_semver_constraints_check(c, &sv))
            continue;
        *out = &ch->versions[i];
        if (fell_back && *version)
            *fell_back = true; /* helm v4.1.4 warns for ranges too */
        rc = HC_OK;
        break;
    }
    hc_semver_constraints_free(c);
    if (rc != HC_OK)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, "no chart version found for %s-%s", name, version);
    return rc;
}
