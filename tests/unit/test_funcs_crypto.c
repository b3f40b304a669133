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
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "funcs/helm.h"
#include "funcs/rsakey.h"
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

static BIGNUM *rsa_value(const EVP_PKEY *k, const char *name)
{
    BIGNUM *v = NULL;
    assert_int_equal(EVP_PKEY_get_bn_param(k, name, &v), 1);
    return v;
}

/*
 * An RSA key as Go's GenerateKey makes it: bits bits, e = 65537, primes of bits/2 bits with
 * their top two bits set and more than 2^(bits/2 - 100) apart, d below lcm(p - 1, q - 1);
 * and OpenSSL's full check passes (primality, d*e = 1 mod lcm, the CRT values).
 */
static void assert_rsa_key(EVP_PKEY *k, int bits)
{
    assert_int_equal(EVP_PKEY_get_base_id(k), EVP_PKEY_RSA);
    assert_int_equal(EVP_PKEY_get_bits(k), bits);
    EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
    assert_non_null(kc);
    assert_int_equal(EVP_PKEY_check(kc), 1);
    EVP_PKEY_CTX_free(kc);

    BIGNUM *e = rsa_value(k, OSSL_PKEY_PARAM_RSA_E);
    BIGNUM *d = rsa_value(k, OSSL_PKEY_PARAM_RSA_D);
    BIGNUM *p = rsa_value(k, OSSL_PKEY_PARAM_RSA_FACTOR1);
    BIGNUM *q = rsa_value(k, OSSL_PKEY_PARAM_RSA_FACTOR2);
    assert_true(BN_is_word(e, 65537));
    const BIGNUM *const primes[] = {p, q};
    for (size_t i = 0; i < ARRAY_LEN(primes); i++) {
        assert_int_equal(BN_num_bits(primes[i]), bits / 2);
        assert_true(BN_is_bit_set(primes[i], bits / 2 - 2));
    }
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *t = BN_new(), *p1 = BN_new(), *q1 = BN_new(), *lcm = BN_new();
    assert_true(ctx && t && p1 && q1 && lcm);
    assert_true(BN_sub(t, p, q));
    BN_set_negative(t, 0);
    assert_true(BN_num_bits(t) > bits / 2 - 100);
    assert_true(BN_sub(p1, p, BN_value_one()) && BN_sub(q1, q, BN_value_one()));
    assert_true(BN_gcd(t, p1, q1, ctx) && BN_mul(lcm, p1, q1, ctx));
    assert_true(BN_div(lcm, NULL, lcm, t, ctx));
    assert_true(BN_cmp(d, lcm) < 0);
    assert_true(BN_num_bits(d) > bits / 2);
    BN_free(lcm);
    BN_free(q1);
    BN_free(p1);
    BN_free(t);
    BN_CTX_free(ctx);
    BN_clear_free(q);
    BN_clear_free(p);
    BN_clear_free(d);
    BN_free(e);
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
    char *out =
        render("{{ $ca := genCA \"helmc-ca\" 365 }}"
               "{{ $c := genSignedCert \"svc.example\" (list \"10.0.0.1\") "
               "(list \"svc.example\" \"alt.example\") 30 $ca }}"
               "CA:{{ $ca.Cert }}|CAKey:{{ $ca.Key }}|Cert:{{ $c.Cert }}|Key:{{ $c.Key }}|");
    size_t n;
    const char *p = part(out, "CA:", &n);
    X509 *ca = cert_from(p, n);
    p = part(out, "CAKey:", &n);
    assert_memory_equal(p, "-----BEGIN RSA PRIVATE KEY-----\n", 32);
    EVP_PKEY *ca_key = key_from(p, n);
    p = part(out, "|Cert:", &n);
    X509 *leaf = cert_from(p, n);
    p = part(out, "|Key:", &n);
    EVP_PKEY *key = key_from(p, n);

    assert_cn(X509_get_subject_name(ca), "helmc-ca");
    assert_int_equal(X509_check_ca(ca), 1);
    assert_rsa_key(ca_key, 2048);
    assert_int_equal(X509_check_private_key(ca, ca_key), 1);
    assert_int_equal(X509_verify(ca, X509_get0_pubkey(ca)), 1);
    assert_int_equal(validity_days(ca), 365);
    assert_cn(X509_get_subject_name(leaf), "svc.example");
    assert_cn(X509_get_issuer_name(leaf), "helmc-ca");
    assert_int_equal(validity_days(leaf), 30);
    assert_int_equal(X509_check_host(leaf, "alt.example", 0, 0, NULL), 1);
    assert_int_equal(X509_check_ip_asc(leaf, "10.0.0.1", 0), 1);
    assert_rsa_key(key, 2048);
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
    EVP_PKEY_free(ca_key);
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
    assert_rsa_key(key, 2048);
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
        if (want[i].id == EVP_PKEY_RSA) {
            assert_memory_equal(out, "-----BEGIN RSA PRIVATE KEY-----\n", 32);
            assert_rsa_key(k, want[i].bits);
        }
        EVP_PKEY_free(k);
        free(out);
    }
    char *out = render("{{ genPrivateKey \"nope\" }}");
    assert_string_equal(out, "Unknown type nope");
    free(out);
}

/* The generator itself: on the calling thread alone too, and only for the sizes it takes. */
static void test_rsa_generate(void **state)
{
    (void)state;
    EVP_PKEY *k = hc_rsa_generate_key(2048, false);
    assert_non_null(k);
    assert_rsa_key(k, 2048);
    EVP_PKEY_free(k);
    k = hc_rsa_generate_key(1024, true);
    assert_non_null(k);
    assert_rsa_key(k, 1024);
    EVP_PKEY_free(k);
    /* memory failing on the way out of the search: NULL and nothing kept */
    hc_alloc_fail_after(0);
    assert_null(hc_rsa_generate_key(1024, true));
    hc_alloc_fail_after(-1);
    static const unsigned refused[] = {0, 512, 1022, 2047, HC_RSA_MAX_BITS + 2};
    for (size_t i = 0; i < ARRAY_LEN(refused); i++)
        assert_null(hc_rsa_generate_key(refused[i], true));
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
        cmocka_unit_test(test_ca_and_signed_cert), cmocka_unit_test(test_self_signed),
        cmocka_unit_test(test_private_keys),       cmocka_unit_test(test_rsa_generate),
        cmocka_unit_test(test_helm_made_secrets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
