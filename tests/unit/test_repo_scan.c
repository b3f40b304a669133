/*
 * test_repo_scan.c - reading the first entries of a chart archive (src/repo/scan.c) gives
 * what reading the whole file with hc_tgz_read_fd gives: the same entries seen, the same
 * status and the same SHA-256, for archives read from a short beginning, from longer ones,
 * to their end, and for broken ones.
 */
#include "test.h"

#include <fcntl.h>
#include <unistd.h>

#include "base/buf.h"
#include "helmc/archive.h"
#include "repo/scan.h"

/* When the visitor stops. */
enum stop { STOP_CHART, STOP_REQS, STOP_NEVER };

struct seen {
    enum stop when;
    struct hc_buf log; /* name and length of every entry seen */
    bool chart, reqs;
};

static hc_status visit(void *ctx, const struct hc_tgz_entry *e, bool *stop, struct hc_error *err)
{
    (void)err;
    struct seen *s = ctx;
    hc_buf_printf(&s->log, "%s %zu\n", e->name, e->len);
    s->chart |= strcmp(e->name, "Chart.yaml") == 0;
    s->reqs |= strcmp(e->name, "requirements.yaml") == 0;
    *stop = (s->when == STOP_CHART && s->chart) || (s->when == STOP_REQS && s->chart && s->reqs);
    return HC_OK;
}

static void reset(void *ctx)
{
    struct seen *s = ctx;
    hc_buf_reset(&s->log);
    s->chart = s->reqs = false;
}

/* Bytes that deflate does not shrink, so the compressed stream is long. */
static char *noise(size_t n, unsigned seed)
{
    char *p = malloc(n + 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (char)('a' + (seed >> 16) % 26);
    }
    p[n] = '\0';
    return p;
}

/* An archive of the given entries (name, text; NULL-terminated) written to path. */
static void write_archive(const char *path, const char *const *files)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    struct hc_tgz_writer *w;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_tgz_writer_new(f, &w, &err), HC_OK);
    for (size_t i = 0; files[i]; i += 2)
        assert_int_equal(
            hc_tgz_writer_add(w, files[i], files[i + 1], strlen(files[i + 1]), 0, &err), HC_OK);
    assert_int_equal(hc_tgz_writer_finish(w, &err), HC_OK);
    fclose(f);
    hc_error_release(&err);
}

/* Changes the file: byte at off (from the end when negative) xor-ed, or bytes appended. */
static void damage(const char *path, long off, const char *append)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    if (append) {
        fseek(f, 0, SEEK_END);
        fputs(append, f);
    } else {
        fseek(f, off, off < 0 ? SEEK_END : SEEK_SET);
        int c = fgetc(f);
        fseek(f, -1, SEEK_CUR);
        fputc(c ^ 0x55, f);
    }
    fclose(f);
}

static void truncate_half(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    assert_int_equal(truncate(path, n / 2), 0);
}

/* Reads path both ways and compares what they saw. */
static void compare(const char *path, enum stop when, hc_status want_rc)
{
    struct seen a = {when, HC_BUF_INIT, false, false}, b = {when, HC_BUF_INIT, false, false};
    unsigned char da[32] = {0}, db[32] = {0};
    struct hc_error ea, eb;
    hc_error_init(&ea);
    hc_error_init(&eb);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    hc_status ra = hc_repo_scan_archive(fd, visit, reset, &a, da, &ea);
    close(fd);
    fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    hc_status rb = hc_tgz_read_fd(fd, NULL, visit, &b, db, &eb);
    close(fd);
    if (ra != want_rc || ra != rb || strcmp(hc_buf_str(&a.log), hc_buf_str(&b.log)) != 0)
        print_error("%s: scan %d [%s] %s\nwhole %d [%s] %s\n", path, ra, hc_error_msg(&ea),
                    hc_buf_str(&a.log), rb, hc_error_msg(&eb), hc_buf_str(&b.log));
    assert_int_equal(ra, want_rc);
    assert_int_equal(ra, rb);
    assert_string_equal(hc_buf_str(&a.log), hc_buf_str(&b.log));
    if (ra == HC_OK)
        assert_memory_equal(da, db, 32);
    else
        assert_string_equal(hc_error_msg(&ea), hc_error_msg(&eb));
    hc_buf_release(&a.log);
    hc_buf_release(&b.log);
    hc_error_release(&ea);
    hc_error_release(&eb);
}

static void test_scan_like_whole_read(void **state)
{
    (void)state;
    char dir[] = "/tmp/helmc-scan-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/c.tgz", dir);
    char *big = noise(200000, 1), *chart = noise(20000, 2), *small = noise(3000, 3);
    const char *v2[] = {"c/Chart.yaml",
                        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
                        "c/values.yaml",
                        big,
                        "c/templates/a.yaml",
                        small,
                        NULL};
    const char *long_chart[] = {"c/Chart.yaml", chart, "c/values.yaml", big, NULL};
    const char *v1[] = {"c/Chart.yaml",
                        "apiVersion: v1\nname: c\nversion: 1.0.0\n",
                        "c/values.yaml",
                        big,
                        "c/templates/a.yaml",
                        small,
                        "c/requirements.yaml",
                        "dependencies: []\n",
                        NULL};
    const char *small_v1[] = {"c/Chart.yaml", "apiVersion: v1\nname: c\n", "c/values.yaml", small,
                              NULL};
    struct {
        const char *const *files;
        enum stop when;
        long flip;          /* 0: none */
        const char *append; /* NULL: none */
        bool cut;
        hc_status rc;
    } cases[] = {
        {v2,         STOP_CHART, 0,  NULL,      false, HC_OK       },
        {v2,         STOP_NEVER, 0,  NULL,      false, HC_OK       },
        {long_chart, STOP_CHART, 0,  NULL,      false, HC_OK       },
        {v1,         STOP_REQS,  0,  NULL,      false, HC_OK       },
        {small_v1,   STOP_REQS,  0,  NULL,      false, HC_OK       },
 /* a broken end: the CRC, trailing bytes, half the file */
        {small_v1,   STOP_NEVER, -6, NULL,      false, HC_OK       },
        {v2,         STOP_CHART, -6, NULL,      false, HC_OK       },
        {small_v1,   STOP_NEVER, 0,  "garbage", false, HC_OK       },
        {v2,         STOP_CHART, 0,  "garbage", false, HC_OK       },
        {v2,         STOP_NEVER, 0,  NULL,      true,  HC_ERR_PARSE},
        {v2,         STOP_CHART, 0,  NULL,      true,  HC_OK       },
 /* not gzip */
        {v2,         STOP_CHART, 1,  NULL,      false, HC_ERR_PARSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_archive(path, cases[i].files);
        if (cases[i].flip || cases[i].append)
            damage(path, cases[i].flip, cases[i].append);
        if (cases[i].cut)
            truncate_half(path);
        compare(path, cases[i].when, cases[i].rc);
    }
    /* an empty file */
    FILE *f = fopen(path, "wb");
    fclose(f);
    compare(path, STOP_CHART, HC_ERR_PARSE);
    unlink(path);
    rmdir(dir);
    free(big);
    free(chart);
    free(small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_like_whole_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
