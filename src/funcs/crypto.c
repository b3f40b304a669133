/*
 * crypto.c - Sprig's crypto.go: sha1sum, sha256sum, sha512sum, adler32sum,
 * bcrypt, htpasswd, derivePassword, encryptAES, decryptAES and randBytes;
 * the key and certificate functions live in x509.c.  The table at the end
 * holds the whole family.
 *
 * Failures Sprig returns as text (bcrypt's, htpasswd's bad user name,
 * derivePassword's unknown template) are results, not errors, as in Sprig;
 * the Go runtime panics a bad input causes (decryptAES of a short or
 * mistyped ciphertext, randBytes of a negative count) are errors with the
 * runtime's message, as text/template reports a recovered panic.
 *
 * bcrypt comes from libxcrypt ($2a$, cost 10, as x/crypto/bcrypt); salts,
 * IVs and random bytes come from the env (funcs.h).  A password holding a NUL
 * byte is hashed up to that byte (crypt's C string), where Go hashes all of it.
 */
#include "funcs/funcs.h"

#include <crypt.h>
#include <stdio.h>
#include <string.h>

/*
 * The hashes use OpenSSL's low-level SHA functions, deprecated but kept in
 * 3.x: EVP_Digest fetches the algorithm from a provider, which on first use
 * initialises OpenSSL and reads its configuration file, about 3 ms of a
 * process's life (docs/performance.md), for a checksum of a few bytes.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "funcs/encoding.h"
#include "funcs/x509.h"

#define BCRYPT_COST         10 /* x/crypto/bcrypt DefaultCost */
#define BCRYPT_MAX_PASSWORD 72 /* bcrypt reads at most 72 bytes; Go refuses more */

/* ---- hashes ---- */

enum hash { HASH_SHA1, HASH_SHA256, HASH_SHA512 };

static hc_status hex_digest(struct hc_call *call, hc_val in, enum hash which, hc_val *out)
{
    unsigned char h[SHA512_DIGEST_LENGTH];
    unsigned hl = 0;
    const unsigned char *d = (const unsigned char *)in.u.s;
    bool ok = false;
    switch (which) {
    case HASH_SHA1: {
        SHA_CTX c;
        ok = SHA1_Init(&c) && SHA1_Update(&c, d, in.len) && SHA1_Final(h, &c);
        hl = SHA_DIGEST_LENGTH;
        break;
    }
    case HASH_SHA256: {
        SHA256_CTX c;
        ok = SHA256_Init(&c) && SHA256_Update(&c, d, in.len) && SHA256_Final(h, &c);
        hl = SHA256_DIGEST_LENGTH;
        break;
    }
    case HASH_SHA512: {
        SHA512_CTX c;
        ok = SHA512_Init(&c) && SHA512_Update(&c, d, in.len) && SHA512_Final(h, &c);
        hl = SHA512_DIGEST_LENGTH;
        break;
    }
    }
    if (!ok)
        return hc_error_nomem(call->err);
    char *p = hc_funcs_alloc_str(call, 2 * (size_t)hl, out);
    if (!p)
        return HC_ERR_NOMEM;
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < hl; i++) {
        p[2 * i] = hex[h[i] >> 4];
        p[2 * i + 1] = hex[h[i] & 15];
    }
    return HC_OK;
}

static hc_status fn_sha1sum(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return hex_digest(call, args[0], HASH_SHA1, out);
}

static hc_status fn_sha256sum(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return hex_digest(call, args[0], HASH_SHA256, out);
}

static hc_status fn_sha512sum(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return hex_digest(call, args[0], HASH_SHA512, out);
}

static hc_status fn_adler32sum(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    uLong a = adler32_z(1L, (const Bytef *)args[0].u.s, args[0].len);
    char buf[16];
    snprintf(buf, sizeof buf, "%lu", (unsigned long)a);
    return hc_str_dup(call->arena, buf, strlen(buf), out) == HC_OK ? HC_OK
                                                                   : hc_error_nomem(call->err);
}

/* ---- bcrypt and htpasswd ---- */

/* bcrypt of password into b, or Sprig's failure text. */
static hc_status bcrypt_into(struct hc_call *call, hc_val password, struct hc_buf *b)
{
    if (password.len > BCRYPT_MAX_PASSWORD) {
        hc_buf_adds(b, "failed to encrypt string with bcrypt: bcrypt: password length exceeds "
                       "72 bytes");
        return HC_OK;
    }
    unsigned char salt[16];
    hc_status rc = hc_funcs_rand_bytes(call, salt, sizeof salt);
    if (rc != HC_OK)
        return rc;
    char setting[CRYPT_GENSALT_OUTPUT_SIZE], pw[BCRYPT_MAX_PASSWORD + 1];
    size_t pl = strnlen(password.u.s, password.len);
    memcpy(pw, password.u.s, pl);
    pw[pl] = '\0';
    struct crypt_data *data = hc_calloc(1, sizeof *data);
    if (!data)
        return hc_error_nomem(call->err);
    const char *hash = NULL;
    if (crypt_gensalt_rn("$2a$", BCRYPT_COST, (const char *)salt, (int)sizeof salt, setting,
                         (int)sizeof setting))
        hash = crypt_rn(pw, setting, data, (int)sizeof *data);
    if (hash && hash[0] != '*')
        hc_buf_adds(b, hash);
    else
        hc_buf_adds(b, "failed to encrypt string with bcrypt: crypt failed");
    hc_free(data);
    return HC_OK;
}

static hc_status fn_bcrypt(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = bcrypt_into(call, args[0], &b);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    return hc_funcs_buf_str(call, &b, out);
}

static hc_status fn_htpasswd(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val user = args[0];
    struct hc_buf b = HC_BUF_INIT;
    if (memchr(user.u.s, ':', user.len)) {
        hc_buf_adds(&b, "invalid username: ");
        hc_buf_add(&b, user.u.s, user.len);
        return hc_funcs_buf_str(call, &b, out);
    }
    hc_buf_add(&b, user.u.s, user.len);
    hc_buf_addc(&b, ':');
    hc_status rc = bcrypt_into(call, args[1], &b);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    return hc_funcs_buf_str(call, &b, out);
}

/* ---- derivePassword (the Master Password algorithm) ---- */

static const char *const maximum_templates[] = {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"};
static const char *const long_templates[] = {
    "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
    "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
    "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
    "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
    "CvccCvcvCvccno"};
static const char *const medium_templates[] = {"CvcnoCvc", "CvcCvcno"};
static const char *const short_templates[] = {"Cvcn"};
static const char *const basic_templates[] = {"aaanaaan", "aannaaan", "aaannaaa"};
static const char *const pin_templates[] = {"nnnn"};

#define TEMPLATES(t) t, sizeof t / sizeof t[0]

/* The Master Password templates by password type. */
static const struct {
    const char *name;
    const char *const *templates;
    size_t count;
} password_types[] = {
    {"maximum", TEMPLATES(maximum_templates)},
    {"long",    TEMPLATES(long_templates)   },
    {"medium",  TEMPLATES(medium_templates) },
    {"short",   TEMPLATES(short_templates)  },
    {"basic",   TEMPLATES(basic_templates)  },
    {"pin",     TEMPLATES(pin_templates)    },
};

static const char *template_chars(char c)
{
    switch (c) {
    case 'V':
        return "AEIOU";
    case 'C':
        return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v':
        return "aeiou";
    case 'c':
        return "bcdfghjklmnpqrstvwxyz";
    case 'A':
        return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a':
        return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n':
        return "0123456789";
    case 'o':
        return "@&%?,=[]_:-+*$#!'^~;()/.";
    default: /* 'x' */
        return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    }
}

/*
 * The uint32 counter.  The signature's 'u' has the executor accept only an
 * unsigned integer literal, truncated to 32 bits as reflect's SetUint does,
 * and hand it over as an int; the other cases keep Go's messages for callers
 * that bypass the executor.
 */
static hc_status counter_arg(struct hc_call *call, hc_val a, uint32_t *out)
{
    if (a.kind == HC_INT && a.gotype == HC_GT_INT) {
        if (a.u.i < 0)
            return hc_call_fail(call, "expected unsigned integer; found %lld", (long long)a.u.i);
        *out = (uint32_t)a.u.i;
        return HC_OK;
    }
    if (a.kind == HC_FLOAT && a.u.f >= 0 && a.u.f < 18446744073709551616.0 &&
        a.u.f == (double)(uint64_t)a.u.f) {
        *out = (uint32_t)(uint64_t)a.u.f;
        return HC_OK;
    }
    if (a.kind == HC_NULL || a.kind == HC_MISSING)
        return hc_call_fail(call, "cannot assign nil to uint32");
    return hc_call_fail(call, "wrong type for value; expected uint32; got %s", hc_val_typename(a));
}

static void put_be32(struct hc_buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    hc_buf_add(b, x, 4);
}

static hc_status fn_derive_password(struct hc_call *call, const hc_val *args, uint32_t n,
                                    hc_val *out)
{
    (void)n;
    uint32_t counter = 0;
    hc_status rc = counter_arg(call, args[0], &counter);
    if (rc != HC_OK)
        return rc;
    hc_val type = args[1], password = args[2], user = args[3], site = args[4];
    size_t t = 0, ntypes = sizeof password_types / sizeof password_types[0];
    while (t < ntypes &&
           !hc_val_is_str(type, password_types[t].name, strlen(password_types[t].name)))
        t++;
    struct hc_buf b = HC_BUF_INIT;
    if (t == ntypes) {
        hc_buf_adds(&b, "cannot find password template ");
        hc_buf_add(&b, type.u.s, type.len);
        return hc_funcs_buf_str(call, &b, out);
    }
    static const char seed[] = "com.lyndir.masterpassword";
    hc_buf_adds(&b, seed);
    put_be32(&b, (uint32_t)user.len);
    hc_buf_add(&b, user.u.s, user.len);
    unsigned char key[64];
    bool ok = hc_buf_ok(&b) &&
              EVP_PBE_scrypt(password.u.s, password.len, (const unsigned char *)b.data, b.len,
                             32768, 8, 2, (uint64_t)256 << 20, key, sizeof key) == 1;
    if (!ok) {
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    hc_buf_truncate(&b, sizeof seed - 1);
    put_be32(&b, (uint32_t)site.len);
    hc_buf_add(&b, site.u.s, site.len);
    put_be32(&b, counter);
    unsigned char mac[32];
    unsigned ml = 0;
    ok = hc_buf_ok(&b) &&
         HMAC(EVP_sha256(), key, sizeof key, (const unsigned char *)b.data, b.len, mac, &ml);
    hc_buf_release(&b);
    if (!ok)
        return hc_error_nomem(call->err);
    const char *tmpl = password_types[t].templates[mac[0] % password_types[t].count];
    size_t len = strlen(tmpl);
    char *p = hc_funcs_alloc_str(call, len, out);
    if (!p)
        return HC_ERR_NOMEM;
    for (size_t i = 0; i < len; i++) {
        const char *chars = template_chars(tmpl[i]);
        p[i] = chars[mac[i + 1] % strlen(chars)];
    }
    return HC_OK;
}

/* ---- AES ---- */

/* The key Sprig derives: the password's first 32 bytes, zero-padded. */
static void aes_key(hc_val password, unsigned char key[32])
{
    memset(key, 0, 32);
    memcpy(key, password.u.s, password.len < 32 ? password.len : 32);
}

static bool aes_cbc(bool encrypt, const unsigned char key[32], const unsigned char iv[16],
                    const unsigned char *in, size_t n, unsigned char *out)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int l1 = 0, l2 = 0;
    bool ok = ctx && EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, encrypt) &&
              EVP_CIPHER_CTX_set_padding(ctx, 0) && EVP_CipherUpdate(ctx, out, &l1, in, (int)n) &&
              EVP_CipherFinal_ex(ctx, out + l1, &l2);
    EVP_CIPHER_CTX_free(ctx);
    return ok && (size_t)(l1 + l2) == n;
}

/* encryptAES: base64(IV || AES-256-CBC(PKCS#7-padded plaintext)). */
static hc_status fn_encrypt_aes(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val text = args[1];
    if (text.len == 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    size_t pad = 16 - text.len % 16, clen = text.len + pad;
    if (clen > HC_VAL_MAX_LEN / 2)
        return hc_error_nomem(call->err);
    unsigned char *buf = hc_malloc(16 + 2 * clen);
    if (!buf)
        return hc_error_nomem(call->err);
    unsigned char *plain = buf + 16 + clen, key[32];
    memcpy(plain, text.u.s, text.len);
    memset(plain + text.len, (int)pad, pad);
    aes_key(args[0], key);
    hc_status rc = hc_funcs_rand_bytes(call, buf, 16);
    if (rc == HC_OK && !aes_cbc(true, key, buf, plain, clen, buf + 16))
        rc = hc_error_nomem(call->err);
    if (rc == HC_OK) {
        char *p = hc_funcs_alloc_str(call, hc_b64_encoded_len(16 + clen), out);
        if (p)
            hc_b64_encode(p, buf, 16 + clen);
        else
            rc = HC_ERR_NOMEM;
    }
    hc_free(buf);
    return rc;
}

/* decryptAES, with the runtime panics Go's code hits on malformed input. */
static hc_status fn_decrypt_aes(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val b64 = args[1];
    if (b64.len == 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    unsigned char *crypt = hc_arena_alloc(call->arena, b64.len);
    if (!crypt)
        return hc_error_nomem(call->err);
    size_t len, bad;
    if (!hc_b64_decode(crypt, &len, b64.u.s, b64.len, &bad))
        return hc_call_fail(call, "illegal base64 data at input byte %zu", bad);
    if (len < 16) /* iv := crypt[:aes.BlockSize], with the decode buffer's capacity */
        return hc_call_fail(call,
                            "runtime error: slice bounds out of range [:16] with capacity %zu",
                            (size_t)b64.len / 4 * 3);
    size_t clen = len - 16;
    if (clen % 16 != 0)
        return hc_call_fail(call, "crypto/cipher: input not full blocks");
    if (clen == 0)
        return hc_call_fail(call, "runtime error: index out of range [-1]");
    unsigned char key[32];
    aes_key(args[0], key);
    unsigned char *plain = hc_arena_alloc(call->arena, clen);
    if (!plain || !aes_cbc(false, key, crypt, crypt + 16, clen, plain))
        return hc_error_nomem(call->err);
    size_t pad = plain[clen - 1];
    if (pad > clen)
        return hc_call_fail(call, "runtime error: slice bounds out of range [:%lld]",
                            (long long)clen - (long long)pad);
    *out = hc_strn((const char *)plain, clen - pad);
    return HC_OK;
}

/* ---- randBytes ---- */

static hc_status fn_rand_bytes(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    int64_t count = args[0].u.i;
    if (count < 0)
        return hc_call_fail(call, "runtime error: makeslice: len out of range");
    if ((uint64_t)count > HC_VAL_MAX_LEN / 4 * 3)
        return hc_error_nomem(call->err);
    unsigned char *buf = hc_malloc(count ? (size_t)count : 1);
    if (!buf)
        return hc_error_nomem(call->err);
    hc_status rc = hc_funcs_rand_bytes(call, buf, (size_t)count);
    if (rc == HC_OK) {
        char *p = hc_funcs_alloc_str(call, hc_b64_encoded_len((size_t)count), out);
        if (p)
            hc_b64_encode(p, buf, (size_t)count);
        else
            rc = HC_ERR_NOMEM;
    }
    hc_free(buf);
    return rc;
}

const struct hc_func hc_funcs_crypto[] = {
    {"adler32sum",               fn_adler32sum,           "s",                        HC_FN_NOERR},
    {"bcrypt",                   fn_bcrypt,               "s",                        HC_FN_NOERR},
    {"buildCustomCert",          hc_fn_build_custom_cert, "ss",                       0          },
    {"decryptAES",               fn_decrypt_aes,          "ss",                       0          },
    {"derivePassword",           fn_derive_password,      "ussss",                    HC_FN_NOERR},
    {"encryptAES",               fn_encrypt_aes,          "ss",                       0          },
    {"genCA",                    hc_fn_gen_ca,            "si",                       0          },
    {"genCAWithKey",             hc_fn_gen_ca,            "sis",                      0          },
    {"genPrivateKey",            hc_fn_gen_private_key,   "s",                        HC_FN_NOERR},
    {"genSelfSignedCert",        hc_fn_gen_self_signed,   "slli",                     0          },
    {"genSelfSignedCertWithKey", hc_fn_gen_self_signed,   "sllis",                    0          },
    {"genSignedCert",            hc_fn_gen_signed,        "slli<sprig.certificate>",  0          },
    {"genSignedCertWithKey",     hc_fn_gen_signed,        "slli<sprig.certificate>s", 0          },
    {"htpasswd",                 fn_htpasswd,             "ss",                       HC_FN_NOERR},
    {"randBytes",                fn_rand_bytes,           "i",                        0          },
    {"sha1sum",                  fn_sha1sum,              "s",                        HC_FN_NOERR},
    {"sha256sum",                fn_sha256sum,            "s",                        HC_FN_NOERR},
    {"sha512sum",                fn_sha512sum,            "s",                        HC_FN_NOERR},
};
const size_t hc_funcs_crypto_len = sizeof hc_funcs_crypto / sizeof hc_funcs_crypto[0];
