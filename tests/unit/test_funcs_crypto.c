/*
 * test_funcs_crypto.c - what the crypto functions make, checked by OpenSSL
 * and libcrypt rather than by comparing bytes (their output is random):
 * certificates (subject, issuer, validity, SANs, key size, the chain
 * verifying against its CA), private keys of every type genPrivateKey
 * accepts, and AES ciphertexts and bcrypt hashes the real helm v4.1.4 made,
 * which must decrypt and verify here.  Templates run through the render's
 * full function set, as charts call them.
 */
#include "test.h"

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/helm.h"
#include "helmc/template.h"

/* Renders text with the full function set; returns malloc'd output, or "ERROR: msg". */
static char *render(const char *text)
{
    const struct hc_funcset *fs = hc_funcs_helm_set();
    assert_non_null(fs);
    struct hc_arena arena;
    hc_arena_init(&arena, 0);
    struct hc_helm_ctx ctx;
    hc_helm_ctx_init(&ctx, &arena);
    ctx.env.tz = "UTC";
    struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO, .user = &ctx, .name = "gotpl"};
    struct hc_tmpl_set *set = hc_tmpl_set_new(fs, 0);
    assert_non_null(set);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf out = HC_BUF_INIT;
    if (hc_tmpl_parse(set, "t", text, strlen(text), &err) != HC_OK ||
        hc_tmpl_execute(set, "t", 1, hc_null(), &arena, &opts, &out, &err) != HC_OK) {
        hc_buf_reset(&out);
        hc_buf_printf(&out, "ERROR: %s", hc_error_msg(&err));
    }
    char *s = strdup(hc_buf_str(&out));
    assert_non_null(s);
    hc_buf_release(&out);
    hc_error_release(&err);
    hc_tmpl_set_free(set);
    hc_helm_ctx_release(&ctx);
    hc_arena_free(&arena);
    return s;
}

static X509 *cert_from(const char *pem, size_t len)
{
    BIO *b = BIO_new_mem_buf(pem, (int)len);
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    assert_non_null(x);
    return x;
}

static EVP_PKEY *key_from(const char *pem, size_t len)
{
    BIO *b = BIO_new_mem_buf(pem, (int)len);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    assert_non_null(k);
    return k;
}

/* The text after "tag:" up to the next '|' in s (the templates print "Cert:...|Key:...|"). */
static const char *part(const char *s, const char *tag, size_t *len)
{
    const char *p = strstr(s, tag);
    assert_non_null(p);
    p += strlen(tag);
    const char *e = strchr(p, '|');
    assert_non_null(e);
    *len = (size_t)(e - p);
    return p;
}

static void assert_cn(X509_NAME *name, const char *want)
{
    char cn[256];
    assert_true(X509_NAME_get_text_by_NID(name, NID_commonName, cn, sizeof cn) >= 0);
    assert_string_equal(cn, want);
}

/* notAfter - notBefore in whole days. */
static int validity_days(X509 *x)
{
    int days, secs;
    assert_int_equal(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x), X509_get0_notAfter(x)),
                     1);
    return days;
}

static void test_ca_and_signed_cert(void **state)
{
    (void)state;
    char *out = render("{{ $ca := genCA \"helmc-ca\" 365 }}"
                       "{{ $c := genSignedCert \"svc.example\" (list \"10.0.0.1\") "
                       "(list \"svc.example\" \"alt.example\") 30 $ca }}"
                       "CA:{{ $ca.Cert }}|Cert:{{ $c.Cert }}|Key:{{ $c.Key }}|");
    size_t n;
    const char *p = part(out, "CA:", &n);
    X509 *ca = cert_from(p, n);
    p = part(out, "Cert:", &n);
    X509 *leaf = cert_from(p, n);
    p = part(out, "Key:", &n);
    EVP_PKEY *key = key_from(p, n);

    assert_cn(X509_get_subject_name(ca), "helmc-ca");
    assert_int_equal(X509_check_ca(ca), 1);
    assert_int_equal(validity_days(ca), 365);
    assert_cn(X509_get_subject_name(leaf), "svc.example");
    assert_cn(X509_get_issuer_name(leaf), "helmc-ca");
    assert_int_equal(validity_days(leaf), 30);
    assert_int_equal(X509_check_host(leaf, "alt.example", 0, 0, NULL), 1);
    assert_int_equal(X509_check_ip_asc(leaf, "10.0.0.1", 0), 1);
    assert_int_equal(EVP_PKEY_get_base_id(key), EVP_PKEY_RSA);
    assert_int_equal(EVP_PKEY_get_bits(key), 2048);
    assert_int_equal(X509_check_private_key(leaf, key), 1);

    /* the chain verifies against the CA alone */
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, ca);
    X509_STORE_CTX *vctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(vctx, store, leaf, NULL);
    int ok = X509_verify_cert(vctx);
    assert_int_equal(ok, 1);
    X509_STORE_CTX_free(vctx);
    X509_STORE_free(store);
    EVP_PKEY_free(key);
    X509_free(leaf);
    X509_free(ca);
    free(out);
}

static void test_self_signed(void **state)
{
    (void)state;
    char *out =
        render("{{ $c := genSelfSignedCert \"self.example\" nil (list \"self.example\") 7 }}"
               "Cert:{{ $c.Cert }}|Key:{{ $c.Key }}|");
    size_t n;
    const char *p = part(out, "Cert:", &n);
    X509 *x = cert_from(p, n);
    p = part(out, "Key:", &n);
    EVP_PKEY *key = key_from(p, n);
    assert_cn(X509_get_subject_name(x), "self.example");
    assert_int_equal(validity_days(x), 7);
    assert_int_equal(X509_check_private_key(x, key), 1);
    EVP_PKEY *pub = X509_get0_pubkey(x);
    assert_int_equal(X509_verify(x, pub), 1); /* signed by its own key */
    EVP_PKEY_free(key);
    X509_free(x);
    free(out);
}

static void test_private_keys(void **state)
{
    (void)state;
    static const struct {
        const char *type;
        int id, bits;
    } want[] = {
        {"rsa",     EVP_PKEY_RSA,     4096},
        {"ecdsa",   EVP_PKEY_EC,      256 },
        {"ed25519", EVP_PKEY_ED25519, 256 },
        {"dsa",     EVP_PKEY_DSA,     2048},
    };
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        char text[64];
        snprintf(text, sizeof text, "{{ genPrivateKey \"%s\" }}", want[i].type);
        char *out = render(text);
        EVP_PKEY *k = key_from(out, strlen(out));
        assert_int_equal(EVP_PKEY_get_base_id(k), want[i].id);
        assert_int_equal(EVP_PKEY_get_bits(k), want[i].bits);
        EVP_PKEY_free(k);
        free(out);
    }
    char *out = render("{{ genPrivateKey \"nope\" }}");
    assert_string_equal(out, "Unknown type nope");
    free(out);
}

/* Ciphertexts and hashes the real helm made: they must decrypt and verify here. */
static void test_helm_made_secrets(void **state)
{
    (void)state;
    char *out =
        render("{{ decryptAES \"helmc-test-key\" "
               "\"FDqWhvmh29Zf0PkKGwA3xWC4YamcsL3UEfjymh/hIUAz9h86lxGlV3oEfEDUjVWV4VVEuBHeNTy"
               "skR+3/ZUlbQ==\" }}|{{ decryptAES \"\" "
               "\"avNT5HPQBeaw4xcCInXNFQuOjM9V1QETYoSJBmzk3Uo=\" }}");
    assert_string_equal(out, "the quick brown fox jumps over the lazy dog|x");
    free(out);

    struct crypt_data *cd = calloc(1, sizeof *cd);
    assert_non_null(cd);
    static const char bcrypt_hash[] =
        "$2a$10$jKMXYdhFlPArmqHxov1SvOiGf6ZQbLJwNhSGfeOcUTBtt47NMBjQi";
    assert_string_equal(crypt_rn("helmc", bcrypt_hash, cd, (int)sizeof *cd), bcrypt_hash);
    static const char htpasswd_hash[] =
        "$2a$10$lTtfXA0zPtHhsApQON3lxeHp3SAWJ8i7e7uHP6.yE.B97SWP1Vlau";
    assert_string_equal(crypt_rn("s3cret", htpasswd_hash, cd, (int)sizeof *cd), htpasswd_hash);

    /* and what helmc makes verifies the same way */
    out = render("{{ bcrypt \"helmc\" }}");
    assert_string_equal(crypt_rn("helmc", out, cd, (int)sizeof *cd), out);
    free(out);
    out = render("{{ htpasswd \"admin\" \"s3cret\" }}");
    assert_memory_equal(out, "admin:", 6);
    assert_string_equal(crypt_rn("s3cret", out + 6, cd, (int)sizeof *cd), out + 6);
    free(out);
    out = render("{{ encryptAES \"k\" \"round trip\" | decryptAES \"k\" }}");
    assert_string_equal(out, "round trip");
    free(out);
    free(cd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ca_and_signed_cert),
        cmocka_unit_test(test_self_signed),
        cmocka_unit_test(test_private_keys),
        cmocka_unit_test(test_helm_made_secrets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
