/*
 * test_archive.c - chart archives: the tar stream helm writes, and Helm's loader rules on read.
 *
 * The expected tar stream is helm v4.1.4's: `helm package` of a chart holding Chart.yaml, a
 * file whose name needs a PAX record (121 bytes) and a non-ASCII name, all files with mtime
 * 1700000000; its uncompressed bytes hash to HELM_TAR_SHA256.
 */
#include "test.h"

#include <openssl/evp.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "helmc/archive.h"

#define HELM_TAR_SHA256 "734386da7adba6f6006bb673c11e8d6f22699d35f2d63e5101689235573f7ef2"
#define HELM_TAR_SIZE   6144

/* Writes entries (name, text pairs, NULL-terminated) with mtime into a gzip stream in b. */
static void make_tgz(struct hc_buf *b, const char *const *entries, int64_t mtime)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    struct hc_tgz_writer *w;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_tgz_writer_new(f, &w, &err), HC_OK);
    for (size_t i = 0; entries[i]; i += 2)
        assert_int_equal(
            hc_tgz_writer_add(w, entries[i], entries[i + 1], strlen(entries[i + 1]), mtime, &err),
            HC_OK);
    assert_int_equal(hc_tgz_writer_finish(w, &err), HC_OK);
    rewind(f);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(b, chunk, n);
    fclose(f);
    assert_true(hc_buf_ok(b));
    hc_error_release(&err);
}

static void gunzip(const struct hc_buf *in, struct hc_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)in->data;
    z.avail_in = (uInt)in->len;
    unsigned char chunk[4096];
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        assert_true(rc == Z_OK || rc == Z_STREAM_END);
        hc_buf_add(out, chunk, sizeof chunk - z.avail_out);
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
}

static void test_tar_stream_is_helms(void **state)
{
    (void)state;
    char longname[200];
    strcpy(longname, "c/");
    memset(longname + 2, 'a', 120);
    strcpy(longname + 122, ".txt");
    const char *const entries[] = {
        "c/Chart.yaml",
        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
        longname,
        "hi\n",
        "c/d\xc3\xa9.txt",
        "yo\n",
        NULL,
    };
    struct hc_buf gz = HC_BUF_INIT, tar = HC_BUF_INIT;
    make_tgz(&gz, entries, 1700000000);
    /* gzip header: helm's extra field and comment, no name, mtime 0, OS 255 */
    static const unsigned char head[] = {0x1f, 0x8b, 0x08, 0x14, 0, 0, 0, 0, 0, 0xff, 0x29, 0};
    assert_memory_equal(gz.data, head, sizeof head);
    assert_memory_equal(gz.data + 12, "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=Helm", 46);
    gunzip(&gz, &tar);
    assert_int_equal(tar.len, HELM_TAR_SIZE);
    unsigned char md[32];
    unsigned int mdlen;
    EVP_Digest(tar.data, tar.len, md, &mdlen, EVP_sha256(), NULL);
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    assert_string_equal(hex, HELM_TAR_SHA256);
    hc_buf_release(&gz);
    hc_buf_release(&tar);
}

static void test_mtime_range(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    struct hc_tgz_writer *w;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_tgz_writer_new(f, &w, &err), HC_OK);
    assert_int_equal(hc_tgz_writer_add(w, "c/x", "", 0, -1, &err), HC_ERR_INVALID);
    hc_tgz_writer_free(w);
    fclose(f);
    hc_error_release(&err);
}

struct seen {
    struct hc_buf names;
    int count;
    bool stop_at_first;
};

static hc_status collect(void *ctx, const struct hc_tgz_entry *e, bool *stop, struct hc_error *err)
{
    (void)err;
    struct seen *s = ctx;
    hc_buf_printf(&s->names, "%s:%s=%.*s;", e->top, e->name, (int)e->len, e->data);
    s->count++;
    *stop = s->stop_at_first;
    return HC_OK;
}

/* Reads an archive of entries; returns the status and leaves the error or the listing. */
static hc_status read_entries(const char *const *entries, struct seen *s, struct hc_error *err)
{
    struct hc_buf gz = HC_BUF_INIT;
    make_tgz(&gz, entries, 0);
    hc_status rc = hc_tgz_read_mem(gz.data, gz.len, NULL, collect, s, err);
    hc_buf_release(&gz);
    return rc;
}

static void test_read_rules(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text, *want; /* want: the listing, or the error */
        hc_status rc;
    } cases[] = {
        {"c/Chart.yaml",       "a",               "c:Chart.yaml=a;",                                             HC_OK         },
        {"c/./x//y",           "\xEF\xBB\xBF" "bom", "c:x/y=bom;",                                                  HC_OK         },
        {"c\\sub\\f",          "w",               "c:sub/f=w;",                                                  HC_OK         },
        {"c/../../etc/passwd", "x",               "chart illegally contains content outside the base directory",
         HC_ERR_INVALID                                                                                                        },
        {"c",                  "x",               "chart illegally contains content outside the base directory", HC_ERR_INVALID},
        {"c//abs",             "x",               "chart illegally contains absolute paths",                     HC_ERR_INVALID},
        {"Chart.yaml/x",       "x",               "chart yaml not in base directory",                            HC_ERR_INVALID},
        {"c/C:/x",             "x",               "chart contains illegally named files",                        HC_ERR_INVALID},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *const entries[] = {cases[i].name, cases[i].text, NULL};
        struct seen s = {HC_BUF_INIT, 0, false};
        struct hc_error err;
        hc_error_init(&err);
        hc_status rc = read_entries(entries, &s, &err);
        if (rc != cases[i].rc)
            fail_msg("case %zu (%s): status %d, %s", i, cases[i].name, rc, hc_error_msg(&err));
        if (rc == HC_OK)
            assert_string_equal(hc_buf_str(&s.names), cases[i].want);
        else
            assert_string_equal(hc_error_msg(&err), cases[i].want);
        hc_buf_release(&s.names);
        hc_error_release(&err);
    }
}

static void test_read_errors(void **state)
{
    (void)state;
    struct hc_error err;
    hc_error_init(&err);
    struct seen s = {HC_BUF_INIT, 0, false};
    /* only the end-of-archive blocks */
    const char *const none[] = {NULL};
    assert_int_equal(read_entries(none, &s, &err), HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&err), "no files in chart archive");
    hc_error_release(&err);
    hc_error_init(&err);
    assert_int_not_equal(hc_tgz_read_mem("junk\n", 5, NULL, collect, &s, &err), HC_OK);
    hc_error_release(&err);
    /* the per-file ceiling */
    hc_error_init(&err);
    const char *const big[] = {"c/big", "0123456789", NULL};
    struct hc_buf gz = HC_BUF_INIT;
    make_tgz(&gz, big, 0);
    struct hc_tgz_limits lim = {4, 0};
    assert_int_equal(hc_tgz_read_mem(gz.data, gz.len, &lim, collect, &s, &err), HC_ERR_LIMIT);
    assert_string_equal(hc_error_msg(&err),
                        "decompressed chart file \"c/big\" is larger than the maximum file size 4");
    hc_buf_release(&gz);
    hc_buf_release(&s.names);
    hc_error_release(&err);
}

/* Reading a file hashes all of it, also when the visitor stops at the first entry. */
static void test_read_fd_digest(void **state)
{
    (void)state;
    const char *const entries[] = {"c/Chart.yaml", "name: c\n", "c/values.yaml", "a: 1\n", NULL};
    struct hc_buf gz = HC_BUF_INIT;
    make_tgz(&gz, entries, 0);
    unsigned char want[32], got[32];
    unsigned int n;
    EVP_Digest(gz.data, gz.len, want, &n, EVP_sha256(), NULL);
    FILE *f = tmpfile();
    fwrite(gz.data, 1, gz.len, f);
    fflush(f);
    for (int stop = 0; stop < 2; stop++) {
        rewind(f);
        lseek(fileno(f), 0, SEEK_SET);
        struct seen s = {HC_BUF_INIT, 0, stop == 1};
        struct hc_error err;
        hc_error_init(&err);
        memset(got, 0, sizeof got);
        assert_int_equal(hc_tgz_read_fd(fileno(f), NULL, collect, &s, got, &err), HC_OK);
        assert_memory_equal(got, want, 32);
        assert_int_equal(s.count, stop ? 1 : 2);
        hc_buf_release(&s.names);
        hc_error_release(&err);
    }
    fclose(f);
    hc_buf_release(&gz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tar_stream_is_helms), cmocka_unit_test(test_mtime_range),
        cmocka_unit_test(test_read_rules),          cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_read_fd_digest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
