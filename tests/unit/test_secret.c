/*
 * test_secret.c - a revision as Helm's Secret driver keeps it, against the
 * Secret helm v4.1.4 wrote (release-format/samples/k8s-secret-object-v4.json,
 * as `kubectl get -o json` printed it): byte for byte once the fields the API
 * server sets are left out.
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/orphans.h"
#include "json/json.h"
#include "yaml/yaml.h"

#define SAMPLE HELMC_SOURCE_DIR "/tests/golden/release/k8s-secret-object-v4.json"

/* The sample without the lines the API server writes. */
static char *strip_server_fields(const char *s)
{
    static const char *const drop[] = {"\"creationTimestamp\"", "\"generateName\"",
                                       "\"resourceVersion\"", "\"uid\""};
    struct hc_buf b;
    hc_buf_init(&b, 0);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s + 1) : strlen(s);
        const char *t = s;
        while (*t == ' ')
            t++;
        bool skip = false;
        for (size_t i = 0; i < ARRAY_LEN(drop); i++)
            if (strncmp(t, drop[i], strlen(drop[i])) == 0)
                skip = true;
        if (!skip)
            hc_buf_add(&b, s, n);
        s += n;
    }
    hc_buf_addc(&b, 0);
    char *out = hc_buf_detach(&b, NULL);
    /* The dropped uid was the last key of metadata: drop the comma before it too. */
    char *c = strstr(out, "\"default\",\n    }");
    assert_non_null(c);
    memmove(c + 9, c + 10, strlen(c + 10) + 1);
    return out;
}

struct sample {
    struct hc_arena a;
    char *text;
    hc_rstr body; /* the helm body: base64(gzip(json)) */
    struct hc_release *rel;
};

static void load(struct sample *s)
{
    size_t len;
    s->text = test_slurp(SAMPLE, &len);
    assert_non_null(s->text);
    hc_arena_init(&s->a, 0);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v, data, rel;
    assert_int_equal(hc_json_read(&s->a, s->text, len, &v, &err), HC_OK);
    assert_true(hc_map_get(v.u.m, "data", 4, &data));
    assert_true(hc_map_get(data.u.m, "release", 7, &rel));
    unsigned char *body;
    size_t blen;
    assert_int_equal(hc_base64_decode(&s->a, rel.u.s, rel.len, &body, &blen, &err), HC_OK);
    s->body = (hc_rstr){(const char *)body, blen};
    assert_int_equal(hc_release_decode(&s->a, s->body.p, s->body.n, 0, &s->rel, &err), HC_OK);
}

static void unload(struct sample *s)
{
    free(s->text);
    hc_arena_free(&s->a);
}

static void test_sample_bytes(void **state)
{
    (void)state;
    struct sample s;
    load(&s);
    struct hc_secret_opts o = {.modified_at = 1795349301, .body = s.body};
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    assert_int_equal(hc_release_secret(&b, s.rel, &o, &err), HC_OK);
    char *want = strip_server_fields(s.text);
    assert_string_equal(hc_buf_str(&b), want);
    free(want);

    /* YAML: the same object as kubectl -o yaml orders it. */
    hc_buf_reset(&b);
    o.yaml = true;
    assert_int_equal(hc_release_secret(&b, s.rel, &o, &err), HC_OK);
    const char *y = hc_buf_str(&b);
    assert_true(strncmp(y, "apiVersion: v1\ndata:\n  release: SDRzSUFBQUFBQUFD", 48) == 0);
    assert_non_null(strstr(y, "\nkind: Secret\nmetadata:\n  labels:\n    modifiedAt: \"1795349301\"\n"
                              "    name: hk\n    owner: helm\n    status: deployed\n"
                              "    version: \"1\"\n  name: sh.helm.release.v1.hk.v1\n"
                              "  namespace: default\ntype: helm.sh/release.v1\n"));
    hc_buf_release(&b);
    unload(&s);
}

/* Without a stored body the record is encoded; the Secret's body decodes to it again. */
static void test_encode_round_trip(void **state)
{
    (void)state;
    struct sample s;
    load(&s);
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_map *labels = hc_map_new(&a, 2);
    assert_int_equal(hc_map_set(&a, labels, "team", 4, hc_cstr("green")), HC_OK);
    assert_int_equal(hc_map_set(&a, labels, "owner", 5, hc_cstr("me")), HC_OK);
    struct hc_secret_opts o = {.created_at = 1700000000, .labels = hc_map_val(labels, HC_GT_MAP)};
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    assert_int_equal(hc_release_secret(&b, s.rel, &o, &err), HC_OK);
    hc_val v, x;
    assert_int_equal(hc_json_read(&a, b.data, b.len, &v, &err), HC_OK);
    hc_val meta, lab;
    assert_true(hc_map_get(v.u.m, "metadata", 8, &meta));
    assert_true(hc_map_get(meta.u.m, "labels", 6, &lab));
    assert_true(hc_map_get(lab.u.m, "owner", 5, &x));
    assert_true(hc_val_is_str(x, "helm", 4)); /* the system label wins */
    assert_true(hc_map_get(lab.u.m, "team", 4, &x));
    assert_true(hc_val_is_str(x, "green", 5));
    assert_true(hc_map_get(lab.u.m, "createdAt", 9, &x));
    assert_true(hc_val_is_str(x, "1700000000", 10));
    assert_false(hc_map_get(lab.u.m, "modifiedAt", 10, &x));
    hc_val data, rel;
    assert_true(hc_map_get(v.u.m, "data", 4, &data));
    assert_true(hc_map_get(data.u.m, "release", 7, &rel));
    unsigned char *body;
    size_t blen;
    assert_int_equal(hc_base64_decode(&a, rel.u.s, rel.len, &body, &blen, &err), HC_OK);
    assert_true(strncmp((const char *)body, "H4sIAAAAAAAC/", 13) == 0);
    struct hc_release *back;
    assert_int_equal(hc_release_decode(&a, (const char *)body, blen, 0, &back, &err), HC_OK);
    struct hc_buf j1, j2;
    hc_buf_init(&j1, 0);
    hc_buf_init(&j2, 0);
    assert_int_equal(hc_release_to_json(&j1, s.rel, HC_RELEASE_V4, &err), HC_OK);
    assert_int_equal(hc_release_to_json(&j2, back, HC_RELEASE_V4, &err), HC_OK);
    assert_string_equal(hc_buf_str(&j1), hc_buf_str(&j2));
    /* A label that is not a string is refused. */
    assert_int_equal(hc_map_set(&a, labels, "n", 1, hc_int(3)), HC_OK);
    hc_buf_reset(&b);
    assert_int_equal(hc_release_secret(&b, s.rel, &o, &err), HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&err), "label n is not a string");
    hc_error_release(&err);
    hc_buf_release(&j1);
    hc_buf_release(&j2);
    hc_buf_release(&b);
    hc_arena_free(&a);
    unload(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_bytes),
        cmocka_unit_test(test_encode_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
