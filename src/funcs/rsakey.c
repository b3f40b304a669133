/*
 * rsakey.c - RSA key generation: two primes from OpenSSL's prime generator,
 * searched for on two threads at once, and the key assembled with OpenSSL's
 * BN arithmetic the way Go's crypto/rsa GenerateKey assembles it.
 *
 * Why not EVP_PKEY_Q_keygen: for two-prime keys of 2048 bits and more,
 * OpenSSL 3 takes SP 800-56B's route, which costs noticeably more than two
 * BN_generate_prime_ex2 searches, all on the calling thread.
 *
 * The key is FIPS 186-5 A.1.3's, as Go makes it: each prime has bits/2 bits
 * with its top two bits set (BN_generate_prime_ex2 draws its candidates so),
 * hence n has exactly bits bits; e = 65537 and gcd(p - 1, e) = gcd(q - 1, e)
 * = 1; |p - q| > 2^(bits/2 - 100); d = e^-1 mod lcm(p - 1, q - 1) and
 * d > 2^(bits/2), else new primes are found; the CRT values are d mod (p - 1),
 * d mod (q - 1) and q^-1 mod p.  p and q stay in the order they were found,
 * unsorted, as Go leaves them.
 *
 * Threads: the searchers share a struct search under its mutex, each with its
 * own BN_CTX.  The search is over when two acceptable primes are in (a
 * searcher inside BN_generate_prime_ex2 is stopped through its progress
 * callback) or when a searcher fails.  Pooling the searchers' finds, rather
 * than giving each one prime to find, makes the wall time about one prime
 * search instead of the slower of two.  Secrets are cleared when freed
 * (BN_clear_free, BN_CTX_secure_new, OPENSSL_cleanse).
 */
#include "funcs/rsakey.h"

#include <pthread.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include "base/alloc.h"

#define RSA_E          65537
#define FAR_APART_BITS 100 /* FIPS 186-5 A.1.3 step 5.5: |p - q| > 2^(nlen/2 - 100) */

/* The key's values, in the order of the names below. */
enum { V_N, V_E, V_D, V_P, V_Q, V_DP, V_DQ, V_QINV, N_VALUES };

static const char *const value_names[N_VALUES] = {
    OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,           OSSL_PKEY_PARAM_RSA_D,
    OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,     OSSL_PKEY_PARAM_RSA_EXPONENT1,
    OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};

/* ---- the prime search ---- */

struct search {
    pthread_mutex_t lock; /* guards found, prime and failed */
    int bits;             /* of each prime */
    int found;            /* primes accepted so far, 0 to 2 */
    BIGNUM *prime[2];     /* owned; the first found first */
    bool failed;          /* a searcher failed: the others stop */
};

static bool search_over(struct search *s)
{
    pthread_mutex_lock(&s->lock);
    bool over = s->found == 2 || s->failed;
    pthread_mutex_unlock(&s->lock);
    return over;
}

static void search_fail(struct search *s)
{
    pthread_mutex_lock(&s->lock);
    s->failed = true;
    pthread_mutex_unlock(&s->lock);
}

/* BN_generate_prime_ex2's progress callback: 0 stops the generator once the search is over. */
static int keep_searching(int event, int n, BN_GENCB *cb)
{
    (void)event;
    (void)n;
    return !search_over(BN_GENCB_get_arg(cb));
}

/* e is prime, so gcd(p - 1, e) = 1 unless e divides p - 1 (A.1.3 steps 4.5 and 5.6). */
static bool coprime_to_e(const BIGNUM *p)
{
    return BN_mod_word(p, RSA_E) != 1;
}

/* Whether |p - q| > 2^(bits - FAR_APART_BITS) for primes of bits bits; -1 when OpenSSL fails. */
static int far_apart(const BIGNUM *p, const BIGNUM *q, int bits, BN_CTX *ctx)
{
    int r = -1;
    BN_CTX_start(ctx);
    BIGNUM *diff = BN_CTX_get(ctx);
    BIGNUM *bound = BN_CTX_get(ctx);
    if (bound && BN_sub(diff, p, q) && BN_set_bit(bound, bits - FAR_APART_BITS)) {
        BN_set_negative(diff, 0);
        r = BN_cmp(diff, bound) > 0;
    }
    BN_CTX_end(ctx);
    return r;
}

/* Keeps the prime *p if the search still wants it, taking it (*p becomes NULL); false on failure.
 */
static bool offer(struct search *s, BIGNUM **p, BN_CTX *ctx)
{
    bool ok = true;
    pthread_mutex_lock(&s->lock);
    int take = s->found == 0;
    if (s->found == 1) {
        take = far_apart(s->prime[0], *p, s->bits, ctx);
        ok = take >= 0;
    }
    if (take > 0) {
        s->prime[s->found++] = *p;
        *p = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    return ok;
}

/* One searcher: finds primes until the search is over.  A thread's start routine; NULL. */
static void *search_primes(void *arg)
{
    struct search *s = arg;
    BN_CTX *ctx = BN_CTX_secure_new();
    BN_GENCB *cb = BN_GENCB_new();
    BIGNUM *p = NULL;
    bool ok = ctx && cb;
    if (ok)
        BN_GENCB_set(cb, keep_searching, s);
    while (ok && !search_over(s)) {
        if (!p && !(p = BN_secure_new())) {
            ok = false;
        } else if (!BN_generate_prime_ex2(p, s->bits, 0, NULL, NULL, cb, ctx)) {
            ok = search_over(s); /* stopped by keep_searching, or failed */
            break;
        } else if (coprime_to_e(p)) {
            ok = offer(s, &p, ctx);
        }
    }
    if (!ok)
        search_fail(s);
    BN_clear_free(p);
    BN_GENCB_free(cb);
    BN_CTX_free(ctx);
    return NULL;
}

/* Fills s->prime with a helper thread when concurrent and one starts, else alone. */
static bool find_primes(struct search *s, bool concurrent)
{
    pthread_t helper;
    bool helped = concurrent && pthread_create(&helper, NULL, search_primes, s) == 0;
    search_primes(s);
    if (helped)
        pthread_join(helper, NULL);
    return s->found == 2 && !s->failed;
}

/* ---- the key ---- */

enum outcome { DERIVED, RETRY, FAILED };

/*
 * n, e, d and the CRT values from v[V_P] and v[V_Q].  RETRY when d is not above 2^(bits/2),
 * as A.1.1 step 3 requires (odds about 2^-(bits/2)); Go then finds new primes too.
 */
static enum outcome derive(BIGNUM *v[], int bits, BN_CTX *ctx)
{
    enum outcome r = FAILED;
    BN_CTX_start(ctx);
    BIGNUM *p1 = BN_CTX_get(ctx);
    BIGNUM *q1 = BN_CTX_get(ctx);
    BIGNUM *gcd = BN_CTX_get(ctx);
    BIGNUM *phi = BN_CTX_get(ctx);
    BIGNUM *lambda = BN_CTX_get(ctx);
    if (!lambda)
        goto out;
    BN_set_flags(v[V_P], BN_FLG_CONSTTIME);
    BN_set_flags(v[V_Q], BN_FLG_CONSTTIME);
    BN_set_flags(lambda, BN_FLG_CONSTTIME);
    if (!BN_mul(v[V_N], v[V_P], v[V_Q], ctx) || !BN_set_word(v[V_E], RSA_E) ||
        !BN_sub(p1, v[V_P], BN_value_one()) || !BN_sub(q1, v[V_Q], BN_value_one()) ||
        !BN_gcd(gcd, p1, q1, ctx) || !BN_mul(phi, p1, q1, ctx) ||
        !BN_div(lambda, NULL, phi, gcd, ctx) || !BN_mod_inverse(v[V_D], v[V_E], lambda, ctx))
        goto out;
    if (BN_num_bits(v[V_N]) != bits)
        goto out; /* cannot happen with the primes' top two bits set */
    if (BN_num_bits(v[V_D]) <= bits / 2) {
        r = RETRY;
        goto out;
    }
    if (BN_mod(v[V_DP], v[V_D], p1, ctx) && BN_mod(v[V_DQ], v[V_D], q1, ctx) &&
        BN_mod_inverse(v[V_QINV], v[V_Q], v[V_P], ctx))
        r = DERIVED;
out:
    BN_CTX_end(ctx);
    return r;
}

/* The EVP key holding v; NULL when OpenSSL or memory fails. */
static EVP_PKEY *to_pkey(BIGNUM *const v[], int bits)
{
    size_t size = ((size_t)bits + 7) / 8; /* every value fits in n's size */
    unsigned char *buf = hc_calloc(N_VALUES, size);
    if (!buf)
        return NULL;
    OSSL_PARAM params[N_VALUES + 1];
    bool ok = true;
    for (int i = 0; i < N_VALUES; i++) {
        unsigned char *at = buf + (size_t)i * size;
        ok = ok && BN_bn2nativepad(v[i], at, (int)size) >= 0;
        params[i] = OSSL_PARAM_construct_BN(value_names[i], at, size);
    }
    params[N_VALUES] = OSSL_PARAM_construct_end();
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *pc = ok ? EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL) : NULL;
    if (pc && EVP_PKEY_fromdata_init(pc) > 0)
        EVP_PKEY_fromdata(pc, &key, EVP_PKEY_KEYPAIR, params);
    EVP_PKEY_CTX_free(pc);
    OPENSSL_cleanse(buf, N_VALUES * size);
    hc_free(buf);
    return key;
}

/* FIPS 140's pairwise consistency test: a signature the key makes verifies with it. */
static bool sign_verify(EVP_PKEY *key)
{
    static const unsigned char msg[] = "pairwise consistency";
    unsigned char sig[HC_RSA_MAX_BITS / 8];
    size_t len = sizeof sig;
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    bool ok = mc && EVP_DigestSignInit(mc, NULL, EVP_sha256(), NULL, key) > 0 &&
              EVP_DigestSign(mc, sig, &len, msg, sizeof msg - 1) > 0 && EVP_MD_CTX_reset(mc) &&
              EVP_DigestVerifyInit(mc, NULL, EVP_sha256(), NULL, key) > 0 &&
              EVP_DigestVerify(mc, sig, len, msg, sizeof msg - 1) == 1;
    EVP_MD_CTX_free(mc);
    return ok;
}

/* One attempt: new primes, then the key; *key is set only for DERIVED. */
static enum outcome attempt(BIGNUM *v[], int bits, bool concurrent, BN_CTX *ctx, EVP_PKEY **key)
{
    struct search s = {.bits = bits / 2};
    if (pthread_mutex_init(&s.lock, NULL) != 0)
        return FAILED;
    enum outcome r = FAILED;
    if (find_primes(&s, concurrent)) {
        v[V_P] = s.prime[0];
        v[V_Q] = s.prime[1];
        r = derive(v, bits, ctx);
        if (r == DERIVED) {
            *key = to_pkey(v, bits);
            r = *key ? DERIVED : FAILED;
        }
        v[V_P] = v[V_Q] = NULL;
    }
    BN_clear_free(s.prime[0]);
    BN_clear_free(s.prime[1]);
    pthread_mutex_destroy(&s.lock);
    return r;
}

EVP_PKEY *hc_rsa_generate_key(unsigned bits, bool concurrent)
{
    if (bits < HC_RSA_MIN_BITS || bits > HC_RSA_MAX_BITS || bits % 2 != 0)
        return NULL;
    BIGNUM *v[N_VALUES] = {NULL};
    BN_CTX *ctx = BN_CTX_secure_new();
    EVP_PKEY *key = NULL;
    bool ok = ctx != NULL;
    for (int i = 0; i < N_VALUES && ok; i++)
        ok = i == V_P || i == V_Q || (v[i] = BN_secure_new()) != NULL;
    enum outcome r = ok ? RETRY : FAILED;
    while (r == RETRY)
        r = attempt(v, (int)bits, concurrent, ctx, &key);
    if (key && !sign_verify(key)) {
        EVP_PKEY_free(key);
        key = NULL;
    }
    for (int i = 0; i < N_VALUES; i++)
        BN_clear_free(v[i]);
    BN_CTX_free(ctx);
    return key;
}
