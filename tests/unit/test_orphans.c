/*
 * test_orphans.c - manifests as resource keys and the orphan rules, on
 * constructed manifests: helm v4's key (group, kind, namespace, name; the
 * version ignored), namespace defaulting, cluster-scoped kinds, Lists, keep,
 * failed revisions, namespace moves, duplicates, empty manifests, errors.
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/orphans.h"

#define S(lit) ((hc_rstr){lit, sizeof(lit) - 1})

static hc_rstr cs(const char *s)
{
    return (hc_rstr){s, strlen(s)};
}

static struct hc_release rel(int64_t version, const char *manifest)
{
    struct hc_release r;
    memset(&r, 0, sizeof r);
    r.name = S("app");
    r.namespace_ = S("prod");
    r.version = version;
    r.manifest = cs(manifest);
    return r;
}

/* "Kind[.group]/ns/name=state@revs" for each orphan, joined by spaces. */
static char *report_str(const struct hc_orphan_report *r)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    for (size_t i = 0; i < r->n; i++) {
        if (i)
            hc_buf_addc(&b, ' ');
        hc_resource_key_format(&b, &r->v[i].res);
        hc_buf_printf(&b, "=%s@", hc_orphan_state_name(r->v[i].state));
        for (size_t k = 0; k < r->v[i].nrevisions; k++)
            hc_buf_printf(&b, "%s%lld", k ? "," : "", (long long)r->v[i].revisions[k]);
        if (r->v[i].moved_to.n)
            hc_buf_printf(&b, ">%.*s", (int)r->v[i].moved_to.n, r->v[i].moved_to.p);
    }
    hc_buf_addc(&b, 0);
    return hc_buf_detach(&b, NULL);
}

static char *keys_str(const struct hc_manifest *m)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    for (size_t i = 0; i < m->n; i++) {
        if (i)
            hc_buf_addc(&b, ' ');
        hc_resource_key_format(&b, &m->v[i]);
        if (m->v[i].keep)
            hc_buf_adds(&b, "(keep)");
    }
    hc_buf_addc(&b, 0);
    return hc_buf_detach(&b, NULL);
}

static void check_keys(const char *manifest, const char *want)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_manifest m;
    hc_status st = hc_manifest_parse(&a, cs(manifest), S("prod"), "m", &m, &err);
    if (st)
        fail_msg("parse: %s", hc_error_msg(&err));
    char *got = keys_str(&m);
    assert_string_equal(got, want);
    free(got);
    hc_arena_free(&a);
}

static void check_parse_error(const char *manifest, const char *want)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_manifest m;
    assert_int_not_equal(hc_manifest_parse(&a, cs(manifest), S("prod"), "revision 2", &m, &err),
                         HC_OK);
    assert_string_equal(hc_error_msg(&err), want);
    hc_error_release(&err);
    hc_arena_free(&a);
}

static void test_parse_keys(void **state)
{
    (void)state;
    /* Stored form: "---\n# Source: ...\n" before each document. */
    check_keys("---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n"
               "metadata:\n  name: cm\n---\n# Source: app/templates/dep.yaml\n"
               "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
               "  namespace: other\n",
               "ConfigMap/prod/cm Deployment.apps/other/web");
    /* Cluster-scoped kinds have no namespace, even when one is written. */
    check_keys("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n---\n"
               "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
               "  name: cr\n  namespace: ignored\n---\n"
               "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n",
               "Namespace/ns1 ClusterRole.rbac.authorization.k8s.io/cr "
               "Role.rbac.authorization.k8s.io/prod/r");
    /* A same-named kind in another group is namespaced (custom resources are). */
    check_keys("apiVersion: example.com/v1\nkind: Namespace\nmetadata:\n  name: x\n",
               "Namespace.example.com/prod/x");
    /* Empty and comment-only documents are skipped; "--- # comment" separates. */
    check_keys("---\n# Source: app/templates/empty.yaml\n--- # c\n\n---\n"
               "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n"
               "    helm.sh/resource-policy: \" Keep \"\n",
               "Secret/prod/s(keep)");
    check_keys("", "");
    /* Lists stand for their items; untyped items take the list's type. */
    check_keys("apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata:\n    name: a\n"
               "- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: b\n"
               "    namespace: n2\n",
               "ConfigMap/prod/a Secret/n2/b");
    /* generateName objects cannot be matched: skipped. */
    check_keys("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: j-\n", "");
    /* "----" is not a separator; a plain document without "---" is one document. */
    check_keys("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: |\n"
               "    ----\n",
               "ConfigMap/prod/a");
}

static void test_parse_errors(void **state)
{
    (void)state;
    check_parse_error("---\n# Source: app/templates/a.yaml\napiVersion: v1\nmetadata:\n  name: a\n",
                      "revision 2: document 1 (app/templates/a.yaml): Object 'Kind' is missing");
    check_parse_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
                      "kind: ConfigMap\nmetadata:\n  name: b\n",
                      "revision 2: document 2: Object 'apiVersion' is missing");
    check_parse_error("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n",
                      "revision 2: document 1: resource name may not be empty");
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_manifest m;
    assert_int_equal(hc_manifest_parse(&a, S("a: [\n"), S(""), "revision 2", &m, &err),
                     HC_ERR_PARSE);
    assert_non_null(strstr(hc_error_msg(&err), "revision 2: document 1: "));
    hc_error_release(&err);
    hc_arena_free(&a);
}

#define CM(n) "---\n# Source: app/templates/" n ".yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " n "\n"
#define CM_KEEP(n)                                                                         \
    "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " n "\n  annotations:\n" \
    "    helm.sh/resource-policy: keep\n"
#define CM_NS(n, ns) "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " n "\n  namespace: " ns "\n"

static void check_compute(const struct hc_release *base, const struct hc_release *const *failed,
                          size_t nfailed, const struct hc_release *target, const char *want)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    if (hc_orphans_compute(&a, base, failed, nfailed, target, &r, &err))
        fail_msg("compute: %s", hc_error_msg(&err));
    char *got = report_str(&r);
    assert_string_equal(got, want);
    free(got);
    hc_arena_free(&a);
}

static void test_compute(void **state)
{
    (void)state;
    /* Upgrade 1 -> 2: b dropped (deleted), k dropped but kept, a stays. */
    struct hc_release r1 = rel(1, CM("a") CM("b") CM_KEEP("k"));
    struct hc_release r2 = rel(2, CM("a"));
    check_compute(&r1, NULL, 0, &r2, "ConfigMap/prod/b=deleted@1 ConfigMap/prod/k=kept@1");
    /* Install: nothing. */
    check_compute(NULL, NULL, 0, &r1, "");
    /* Failed 2 and 3 created n and m; 4 diffs against base 1: they are left behind,
       except what 4 holds again; b (in base and failed 2) is deleted. */
    struct hc_release f2 = rel(2, CM("a") CM("b") CM("nn"));
    struct hc_release f3 = rel(3, CM("a") CM("nn") CM("mm") CM("z"));
    struct hc_release r4 = rel(4, CM("a") CM("z"));
    const struct hc_release *failed[] = {&f2, &f3};
    check_compute(&r1, failed, 2, &r4,
                  "ConfigMap/prod/b=deleted@1,2 ConfigMap/prod/k=kept@1 "
                  "ConfigMap/prod/mm=orphaned@3 ConfigMap/prod/nn=orphaned@2,3");
    /* The version is no part of the key; the group is. */
    struct hc_release g1 = rel(1, "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: d\n"
                                  "---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n"
                                  "  name: i\n");
    struct hc_release g2 = rel(2, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
                                  "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n"
                                  "  name: i\n");
    check_compute(&g1, NULL, 0, &g2, "Ingress.extensions/prod/i=deleted@1");
    /* A namespace move: the old object is deleted, with where it went. */
    struct hc_release n1 = rel(1, CM("a") CM_NS("m", "old"));
    struct hc_release n2 = rel(2, CM("a") CM_NS("m", "new"));
    check_compute(&n1, NULL, 0, &n2, "ConfigMap/old/m=deleted@1>new");
    /* An explicit namespace equal to the release's is the same key as none. */
    struct hc_release d2 = rel(2, CM_NS("a", "prod"));
    check_compute(&n1, NULL, 0, &d2, "ConfigMap/old/m=deleted@1");
    /* Duplicates in one manifest count once. */
    struct hc_release u1 = rel(1, CM("a") CM("a") CM("b"));
    struct hc_release u2 = rel(2, "");
    check_compute(&u1, NULL, 0, &u2, "ConfigMap/prod/a=deleted@1 ConfigMap/prod/b=deleted@1");
    /* Cluster-scoped kinds match whatever namespace is written. */
    struct hc_release c1 = rel(1, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n"
                                  "  namespace: a\n");
    struct hc_release c2 = rel(2, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n");
    check_compute(&c1, NULL, 0, &c2, "");
}

static void test_history_and_output(void **state)
{
    (void)state;
    struct hc_release r1 = rel(1, CM("a") CM("old") CM_KEEP("k"));
    struct hc_release r2 = rel(2, CM("a") CM("old") CM_NS("mv", "ns1"));
    struct hc_release r3 = rel(3, CM("a") CM("fail") CM_NS("mv", "ns1"));
    struct hc_release r4 = rel(4, CM("a") CM_NS("mv", "ns2"));
    struct hc_release *hist[] = {&r3, &r1, &r4, &r2};
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    assert_int_equal(hc_orphans_from_history(&a, hist, 4, &r4, &r, &err), HC_OK);
    char *got = report_str(&r);
    assert_string_equal(got, "ConfigMap/ns1/mv=orphaned@2,3>ns2 ConfigMap/prod/fail=orphaned@3 "
                             "ConfigMap/prod/k=kept@1 ConfigMap/prod/old=orphaned@1,2");
    free(got);

    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_orphans_table(&b, &r);
    assert_string_equal(hc_buf_str(&b),
                        "KIND     \tNAMESPACE\tNAME\tSTATE   \tREVISIONS\tNOTE                  \n"
                        "ConfigMap\tns1      \tmv  \torphaned\t2,3      \tmoved to namespace ns2\n"
                        "ConfigMap\tprod     \tfail\torphaned\t3        \t                      \n"
                        "ConfigMap\tprod     \tk   \tkept    \t1        \t                      \n"
                        "ConfigMap\tprod     \told \torphaned\t1,2      \t                      \n");
    hc_buf_reset(&b);
    hc_orphans_prune_list(&b, &r);
    assert_string_equal(hc_buf_str(&b),
                        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mv\n"
                        "  namespace: ns1\n"
                        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fail\n"
                        "  namespace: prod\n"
                        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n"
                        "  namespace: prod\n");
    hc_buf_reset(&b);
    r.v++;
    r.n = 1;
    hc_orphans_json(&b, &r);
    assert_string_equal(hc_buf_str(&b),
                        "{\"name\":\"app\",\"namespace\":\"prod\",\"revision\":4,\"orphans\":[{"
                        "\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"group\":\"\","
                        "\"namespace\":\"prod\",\"name\":\"fail\",\"state\":\"orphaned\","
                        "\"revisions\":[3],\"source\":\"app/templates/fail.yaml\"}]}\n");
    hc_buf_reset(&b);
    r.n = 0;
    hc_orphans_table(&b, &r);
    assert_string_equal(hc_buf_str(&b), "KIND\tNAMESPACE\tNAME\tSTATE\tREVISIONS\tNOTE\n");
    hc_buf_reset(&b);
    hc_orphans_prune_list(&b, &r);
    assert_string_equal(hc_buf_str(&b), "");
    hc_buf_release(&b);
    hc_arena_free(&a);
}

/* Names YAML would read as other types are quoted in the prune list. */
static void test_prune_quoting(void **state)
{
    (void)state;
    struct hc_release r1 = rel(1, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"true\"\n"
                                  "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"123\"\n");
    struct hc_release r2 = rel(2, "");
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    struct hc_release *hist[] = {&r1, &r2};
    assert_int_equal(hc_orphans_from_history(&a, hist, 2, &r2, &r, &err), HC_OK);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_orphans_prune_list(&b, &r);
    assert_string_equal(hc_buf_str(&b),
                        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"true\"\n"
                        "  namespace: prod\n"
                        "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"123\"\n");
    hc_buf_release(&b);
    hc_arena_free(&a);
}

static struct hc_release_info info(const char *status, const char *desc)
{
    struct hc_release_info i;
    memset(&i, 0, sizeof i);
    i.status = cs(status);
    i.description = cs(desc);
    return i;
}

static void check_history(struct hc_release *const *hist, size_t n, const struct hc_release *target,
                          const char *want)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    if (hc_orphans_from_history(&a, hist, n, target, &r, &err))
        fail_msg("history: %s", hc_error_msg(&err));
    struct hc_buf b;
    hc_buf_init(&b, 0);
    for (size_t i = 0; i < r.n; i++)
        hc_buf_printf(&b, "%s%.*s=%s:%lld", i ? " " : "", (int)r.v[i].res.name.n,
                      r.v[i].res.name.p, hc_orphan_state_name(r.v[i].state),
                      (long long)r.v[i].deleted_by);
    assert_string_equal(hc_buf_str(&b), want);
    hc_buf_release(&b);
    hc_arena_free(&a);
}

/* Replaying a history: which steps deleted what (release-format 3.6, 3.7). */
static void test_history_replay(void **state)
{
    (void)state;
    struct hc_release_info ok1 = info("superseded", "Install complete"),
                           up = info("superseded", "Upgrade complete"),
                           bad = info("failed", "Upgrade \"app\" failed: boom"),
                           rb = info("superseded", "Rollback to 2"),
                           cur = info("deployed", "Upgrade complete");
    /* 1 install {a,b,c}; 2 upgrade {a,b} deletes c; 3 failed {a,b,f}; 4 rollback to 2
       {a,b}: its base is 3 (the last record), so f is deleted; 5 upgrade {a} deletes b. */
    struct hc_release r1 = rel(1, CM("a") CM("b") CM("c")), r2 = rel(2, CM("a") CM("b")),
                      r3 = rel(3, CM("a") CM("b") CM("f")), r4 = rel(4, CM("a") CM("b")),
                      r5 = rel(5, CM("a"));
    r1.info = &ok1, r2.info = &up, r3.info = &bad, r4.info = &rb, r5.info = &cur;
    struct hc_release *h[] = {&r5, &r4, &r3, &r2, &r1};
    check_history(h, 5, &r5, "b=deleted:5 c=deleted:2 f=deleted:4");
    /* Without the rollback: 4 is an upgrade from 2 (the deployed one), f stays behind. */
    r4.info = &up;
    check_history(h, 5, &r5, "b=deleted:5 c=deleted:2 f=orphaned:0");
    /* With 2 pruned, 4's base is 1: c is deleted by 2 no more, by 4 then. */
    struct hc_release *pruned[] = {&r1, &r3, &r4, &r5};
    check_history(pruned, 4, &r5, "b=deleted:5 c=deleted:4 f=orphaned:0");
    /* A failed current: the report is relative to the deployed revision. */
    struct hc_release *h3[] = {&r1, &r2, &r3};
    check_history(h3, 3, &r2, "c=deleted:2 f=orphaned:0");

    /* The step from 2 to a new 6 {a}: b deleted, f (failed 3, newer than 2) left;
       4 and 5 went through and are not counted as failed. */
    struct hc_release r6 = rel(6, CM("a"));
    struct hc_release *h6[] = {&r1, &r2, &r3, &r4, &r5, &r6};
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_orphan_report r;
    assert_int_equal(hc_orphans_step(&a, h6, 6, &r2, &r6, &r, &err), HC_OK);
    char *got = report_str(&r);
    assert_string_equal(got, "ConfigMap/prod/b=deleted@2,3 ConfigMap/prod/f=orphaned@3");
    free(got);
    hc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_keys),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_compute),
        cmocka_unit_test(test_history_and_output),
        cmocka_unit_test(test_prune_quoting),
        cmocka_unit_test(test_history_replay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
