/*
 * test_repofile.c - repositories.yaml as helm v4.1.4's repo.File reads and writes it: the
 * text written is the one helm wrote for the same entries (sorted keys, every field), a
 * file's apiVersion and generated survive a round trip, Update replaces in place, Remove.
 */
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "helmc/repo.h"

static const char helm_written[] = "apiVersion: \"\"\n"
                                   "generated: \"0001-01-01T00:00:00Z\"\n"
                                   "repositories:\n"
                                   "- caFile: \"\"\n"
                                   "  certFile: \"\"\n"
                                   "  insecure_skip_tls_verify: false\n"
                                   "  keyFile: \"\"\n"
                                   "  name: myrepo\n"
                                   "  pass_credentials_all: false\n"
                                   "  password: \"\"\n"
                                   "  url: http://127.0.0.1:38405\n"
                                   "  username: \"\"\n";

static char dir[] = "/tmp/helmc-repofile-XXXXXX";

static void test_write_new(void **state)
{
    (void)state;
    struct hc_repo_file *f = hc_repo_file_new();
    assert_non_null(f);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_repo_entry e = {.name = "myrepo", .url = "http://127.0.0.1:38405"};
    assert_int_equal(hc_repo_file_update(f, &e, &err), HC_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/sub/repositories.yaml", dir);
    assert_int_equal(hc_repo_file_write(f, path, 0600, &err), HC_OK);
    hc_repo_file_free(f);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(hc_file_read(path, 0, &data, &len, &err), HC_OK);
    assert_string_equal(data, helm_written);
    free(data);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_round_trip(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/old.yaml", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("apiVersion: v1\ngenerated: \"2020-01-02T03:04:05.5+01:00\"\nrepositories:\n"
          "- name: a\n  url: https://a.example\n  caFile: /ca.pem\n  extra: ignored\n"
          "- name: b\n  url: https://b.example\n  insecure_skip_tls_verify: true\n"
          "  pass_credentials_all: true\n  username: u\n  password: p\n",
          fp);
    fclose(fp);
    struct hc_repo_file *f = NULL;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_file_load(path, false, &f, &err), HC_OK);
    assert_string_equal(f->api_version, "v1");
    assert_string_equal(f->generated, "2020-01-02T03:04:05.5+01:00");
    assert_int_equal(f->n_repos, 2);
    const struct hc_repo_entry *b = hc_repo_file_get(f, "b");
    assert_non_null(b);
    assert_true(b->insecure_skip_tls_verify);
    assert_true(b->pass_credentials_all);
    assert_string_equal(b->password, "p");
    assert_string_equal(hc_repo_file_get(f, "a")->ca_file, "/ca.pem");
    struct hc_repo_entry a2 = {.name = "a", .url = "https://a2.example"};
    assert_int_equal(hc_repo_file_update(f, &a2, &err), HC_OK);
    assert_string_equal(f->repos[0].url, "https://a2.example"); /* replaced in place */
    assert_string_equal(f->repos[0].ca_file, "");
    assert_true(hc_repo_file_remove(f, "b"));
    assert_false(hc_repo_file_remove(f, "b"));
    assert_int_equal(f->n_repos, 1);
    hc_repo_file_free(f);

    snprintf(path, sizeof path, "%s/missing.yaml", dir);
    assert_int_equal(hc_repo_file_load(path, false, &f, &err), HC_ERR_NOT_FOUND);
    char want[512];
    snprintf(want, sizeof want,
             "couldn't load repositories file (%s): open %s: no such file or directory", path,
             path);
    assert_string_equal(hc_error_msg(&err), want);
    hc_error_release(&err);
    assert_int_equal(hc_repo_file_load(path, true, &f, &err), HC_OK);
    assert_int_equal(f->n_repos, 0);
    hc_repo_file_free(f);
}

static void test_lock(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/l/repositories.yaml", dir);
    int fd = -1;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_file_lock(path, &fd, &err), HC_OK);
    char lock[128];
    snprintf(lock, sizeof lock, "%s/l/repositories.lock", dir);
    struct stat st;
    assert_int_equal(stat(lock, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    hc_repo_file_unlock(fd);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_new),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_lock),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
