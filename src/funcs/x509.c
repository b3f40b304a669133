/*
 * x509.c - private keys and certificates as Sprig's crypto.go makes them:
 * genPrivateKey, genCA, genSelfSignedCert, genSignedCert, their WithKey
 * forms, buildCustomCert, and the sprig.certificate struct they return
 * (.Cert and .Key, PEM text).
 *
 * OpenSSL does the mathematics; the encodings follow Go's crypto/x509 and
 * encoding/pem byte for byte where the output is deterministic: PEM with
 * 64-column lines, PKCS#1 RSA, SEC1 EC (uncompressed point, named curve),
 * PKCS#8 Ed25519, Sprig's DSA sequence; certificates with Go's extension
 * order (key usage, extended key usage, basic constraints, subject key id
 * as the first 20 bytes of SHA-256 of the key as Go 1.25 computes it,
 * authority key id, subject alternative names) and its choice of
 * PrintableString or UTF8String for the common name.  Errors carry Go's
 * texts where the corpus shows them; the innards of Go's ASN.1 parse errors
 * are not reproduced ("x509: malformed ..." stands in for them).
 *
 * Randomness: serial numbers come from the env (funcs.h); key generation
 * and ECDSA signatures use OpenSSL's own CSPRNG, which the env cannot
 * replace.  Time: the validity period starts at the env's clock.
 */
#include "funcs/x509.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "funcs/encoding.h"
#include "funcs/funcs.h"
#include "funcs/gotime.h"
#include "funcs/rsakey.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "template/exec.h"

#define RSA_BITS_KEY  4096 /* genPrivateKey "rsa" */
#define RSA_BITS_CERT 2048 /* the keys the certificate functions generate */

/* ---- PEM (encoding/pem) ---- */

static void pem_encode(struct hc_buf *b, const char *type, const unsigned char *der, size_t n)
{
    hc_buf_printf(b, "-----BEGIN %s-----\n", type);
    char line[64];
    for (size_t i = 0; i < n; i += 48) {
        size_t k = n - i < 48 ? n - i : 48;
        hc_b64_encode(line, der + i, k);
        hc_buf_add(b, line, hc_b64_encoded_len(k));
        hc_buf_addc(b, '\n');
    }
    hc_buf_printf(b, "-----END %s-----\n", type);
}

struct pem_block {
    const char *type;
    size_t type_len;
    unsigned char *bytes; /* hc_malloc'd */
    size_t len;
};

struct span {
    const char *s;
    size_t n;
};

static bool has_prefix(struct span s, const char *p)
{
    size_t n = strlen(p);
    return s.n >= n && memcmp(s.s, p, n) == 0;
}

static const char *find(struct span s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.n; i++)
        if (memcmp(s.s + i, needle, n) == 0)
            return s.s + i;
    return NULL;
}

/* getLine: the first line without trailing spaces and tabs; *rest after its newline. */
static struct span get_line(struct span data, struct span *rest)
{
    const char *nl = memchr(data.s, '\n', data.n);
    size_t i = nl ? (size_t)(nl - data.s) : data.n, j = nl ? i + 1 : i;
    if (nl && i > 0 && data.s[i - 1] == '\r')
        i--;
    while (i > 0 && (data.s[i - 1] == ' ' || data.s[i - 1] == '\t'))
        i--;
    rest->s = data.s + j;
    rest->n = data.n - j;
    return (struct span){data.s, i};
}

/* pem.Decode: the first block; false when there is none. */
static bool pem_decode(const char *data, size_t n, struct pem_block *blk)
{
    static const char begin[] = "\n-----BEGIN ", end_marker[] = "\n-----END ";
    struct span rest = {data, n};
    for (;;) {
        if (has_prefix(rest, begin + 1)) {
            rest.s += sizeof begin - 2;
            rest.n -= sizeof begin - 2;
        } else {
            const char *p = find(rest, begin);
            if (!p)
                return false;
            rest.n -= (size_t)(p - rest.s) + sizeof begin - 1;
            rest.s = p + sizeof begin - 1;
        }
        struct span type = get_line(rest, &rest);
        if (type.n < 5 || memcmp(type.s + type.n - 5, "-----", 5) != 0)
            continue;
        type.n -= 5;
        bool headers = false, truncated = false;
        for (;;) {
            if (rest.n == 0) {
                truncated = true;
                break;
            }
            struct span next;
            struct span line = get_line(rest, &next);
            if (!memchr(line.s, ':', line.n))
                break;
            headers = true;
            rest = next;
        }
        if (truncated)
            return false;
        size_t end_index, trailer_index;
        if (!headers && has_prefix(rest, end_marker + 1)) {
            end_index = 0;
            trailer_index = sizeof end_marker - 2;
        } else {
            const char *e = find(rest, end_marker);
            if (!e)
                continue;
            end_index = (size_t)(e - rest.s);
            trailer_index = end_index + sizeof end_marker - 1;
        }
        struct span trailer = {rest.s + trailer_index, rest.n - trailer_index};
        size_t trailer_len = type.n + 5;
        if (trailer.n < trailer_len)
            continue;
        struct span after = {trailer.s + trailer_len, trailer.n - trailer_len};
        if (memcmp(trailer.s, type.s, type.n) != 0 || memcmp(trailer.s + type.n, "-----", 5) != 0)
            continue;
        struct span ignored;
        if (get_line(after, &ignored).n != 0)
            continue;
        /* the base64 body without spaces and tabs (the decoder skips newlines) */
        char *body = hc_malloc(end_index ? end_index : 1);
        unsigned char *bytes = hc_malloc(end_index ? end_index : 1);
        if (!body || !bytes) {
            hc_free(body);
            hc_free(bytes);
            return false;
        }
        size_t m = 0;
        for (size_t i = 0; i < end_index; i++)
            if (rest.s[i] != ' ' && rest.s[i] != '\t')
                body[m++] = rest.s[i];
        size_t len, bad;
        bool ok = hc_b64_decode(bytes, &len, body, m, &bad);
        hc_free(body);
        if (!ok) {
            hc_free(bytes);
            continue;
        }
        blk->type = type.s;
        blk->type_len = type.n;
        blk->bytes = bytes;
        blk->len = len;
        return true;
    }
}

/* ---- keys ---- */

/* Go's named curves: P-224, P-256, P-384, P-521. 0 for any other. */
static int curve_bits(const EVP_PKEY *k)
{
    char name[64];
    size_t len = 0;
    if (!EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len))
        return 0;
    int nid = OBJ_sn2nid(name);
    if (nid == NID_undef)
        nid = OBJ_txt2nid(name);
    if (nid == NID_undef)
        nid = EC_curve_nist2nid(name);
    switch (nid) {
    case NID_secp224r1:
        return 224;
    case NID_X9_62_prime256v1:
        return 256;
    case NID_secp384r1:
        return 384;
    case NID_secp521r1:
        return 521;
    default:
        return 0;
    }
}

/* pemBlockForKey + pem.Encode: the key as Sprig writes it; false when OpenSSL fails. */
static bool key_pem(struct hc_buf *b, EVP_PKEY *k)
{
    const char *type;
    switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA:
        type = "RSA PRIVATE KEY";
        break;
    case EVP_PKEY_EC:
        type = "EC PRIVATE KEY";
        EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                       "uncompressed");
        break;
    case EVP_PKEY_DSA:
        type = "DSA PRIVATE KEY";
        break;
    default:
        type = "PRIVATE KEY"; /* PKCS#8: Ed25519, X25519 */
        break;
    }
    unsigned char *der = NULL;
    int n = i2d_PrivateKey(k, &der);
    if (n <= 0)
        return false;
    pem_encode(b, type, der, (size_t)n);
    OPENSSL_free(der);
    return true;
}

static EVP_PKEY *generate_dsa(void)
{
    EVP_PKEY *params = NULL, *key = NULL;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL), *kc = NULL;
    if (pc && EVP_PKEY_paramgen_init(pc) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) > 0 &&
        EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) > 0 && EVP_PKEY_paramgen(pc, &params) > 0 &&
        (kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL)) != NULL &&
        EVP_PKEY_keygen_init(kc) > 0)
        EVP_PKEY_keygen(kc, &key);
    EVP_PKEY_CTX_free(kc);
    EVP_PKEY_CTX_free(pc);
    EVP_PKEY_free(params);
    return key;
}

static EVP_PKEY *generate_rsa(unsigned bits)
{
    return hc_rsa_generate_key(bits, true);
}

/* Sets *out to a string in the arena holding b's contents; releases b. */
static hc_status buf_result(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    return hc_funcs_buf_str(call, b, out);
}

/* genPrivateKey: a new key of the named type as PEM; failures are the result text. */
hc_status hc_fn_gen_private_key(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val typ = args[0];
    EVP_PKEY *k = NULL;
    const char *what = "failed to generate private key: ";
    if (typ.len == 0 || hc_val_is_str(typ, "rsa", 3)) {
        k = generate_rsa(RSA_BITS_KEY);
    } else if (hc_val_is_str(typ, "dsa", 3)) {
        k = generate_dsa();
        what = "failed to generate dsa params: ";
    } else if (hc_val_is_str(typ, "ecdsa", 5)) {
        k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    } else if (hc_val_is_str(typ, "ed25519", 7)) {
        k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    } else {
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_adds(&b, "Unknown type ");
        hc_buf_add(&b, typ.u.s, typ.len);
        return buf_result(call, &b, out);
    }
    struct hc_buf b = HC_BUF_INIT;
    if (!k || !key_pem(&b, k)) {
        hc_buf_reset(&b);
        hc_buf_printf(&b, "%sopenssl could not generate the key", what);
    }
    EVP_PKEY_free(k);
    return buf_result(call, &b, out);
}

/*
 * Go's asn1.Unmarshal of a structure (named type, as Go prints it) failing
 * at its outer SEQUENCE header: appends Go's message and returns true.
 * False when the header is sound (a failure inside gets a shorter message).
 */
static bool asn1_outer_error(const unsigned char *b, size_t n, const char *type, struct hc_buf *msg)
{
    if (n == 0) {
        hc_buf_adds(msg, "asn1: syntax error: sequence truncated");
        return true;
    }
    size_t off = 0;
    unsigned char c = b[off++];
    int cls = c >> 6, tag = c & 0x1f;
    bool compound = (c & 0x20) != 0;
    if (tag == 0x1f) {
        /* a high tag number, base 128: never the SEQUENCE expected */
        long long t = 0;
        for (;;) {
            if (off >= n) {
                hc_buf_adds(msg, "asn1: syntax error: truncated base 128 integer");
                return true;
            }
            unsigned char d = b[off++];
            if (t == 0 && d == 0x80) {
                hc_buf_adds(msg, "asn1: structure error: integer is not minimally encoded");
                return true;
            }
            t = t << 7 | (d & 0x7f);
            if (t > 0x7fffffff) {
                hc_buf_adds(msg, "asn1: structure error: base 128 integer too large");
                return true;
            }
            if (!(d & 0x80))
                break;
        }
        if (t < 0x1f) {
            hc_buf_adds(msg, "asn1: syntax error: non-minimal tag");
            return true;
        }
        tag = (int)t;
    }
    if (off >= n) {
        hc_buf_adds(msg, "asn1: syntax error: truncated tag or length");
        return true;
    }
    unsigned char l = b[off++];
    size_t length = l & 0x7f;
    if (l & 0x80) {
        size_t count = l & 0x7f;
        if (count == 0) {
            hc_buf_adds(msg, "asn1: syntax error: indefinite length found (not DER)");
            return true;
        }
        length = 0;
        for (size_t i = 0; i < count; i++) {
            if (off >= n) {
                hc_buf_adds(msg, "asn1: syntax error: truncated tag or length");
                return true;
            }
            if (length >= (size_t)1 << 23) {
                hc_buf_adds(msg, "asn1: structure error: length too large");
                return true;
            }
            length = length << 8 | b[off++];
            if (length == 0) {
                hc_buf_adds(msg, "asn1: structure error: superfluous leading zeros in length");
                return true;
            }
        }
        if (length < 0x80) {
            hc_buf_adds(msg, "asn1: structure error: non-minimal length");
            return true;
        }
    }
    if (length > n - off) {
        hc_buf_adds(msg, "asn1: syntax error: data truncated");
        return true;
    }
    if (cls != 0 || tag != 16 || !compound) {
        hc_buf_printf(msg,
                      "asn1: structure error: tags don't match (16 vs {class:%d tag:%d length:%zu "
                      "isCompound:%s}) {optional:false explicit:false application:false "
                      "private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 "
                      "set:false omitEmpty:false} %s @%zu",
                      cls, tag, length, compound ? "true" : "false", type, off);
        return true;
    }
    return false;
}

/* Whether der parses as the other key formats Go suggests instead. */
static bool parses_as(int type, const unsigned char *der, size_t n)
{
    const unsigned char *p = der;
    EVP_PKEY *k = NULL;
    if (type == 0) {
        PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)n);
        PKCS8_PRIV_KEY_INFO_free(info);
        return info != NULL;
    }
    k = d2i_PrivateKey(type, NULL, &p, (long)n);
    EVP_PKEY_free(k);
    return k != NULL;
}

/* The message of a failed parse of der as struct type: Go's hints, outer errors, or generic. */
static void parse_failure(struct hc_buf *msg, const unsigned char *der, size_t n, const char *type,
                          int hint1, const char *use1, int hint2, const char *use2,
                          const char *generic)
{
    if (asn1_outer_error(der, n, type, msg))
        return;
    if (hint1 >= 0 && parses_as(hint1, der, n))
        hc_buf_printf(msg, "x509: failed to parse private key (use %s instead for this key format)",
                      use1);
    else if (hint2 >= 0 && parses_as(hint2, der, n))
        hc_buf_printf(msg, "x509: failed to parse private key (use %s instead for this key format)",
                      use2);
    else
        hc_buf_adds(msg, generic);
}

/*
 * parsePrivateKeyPEM: the first PEM block of text as a private key.  On
 * failure returns NULL with Go's message in msg.
 */
static EVP_PKEY *parse_private_key(const char *text, size_t len, struct hc_buf *msg)
{
    struct pem_block blk;
    if (!pem_decode(text, len, &blk)) {
        hc_buf_adds(msg, "no PEM data in input");
        return NULL;
    }
    EVP_PKEY *k = NULL;
    const unsigned char *p = blk.bytes;
    struct span type = {blk.type, blk.type_len};
    static const char suffix[] = " PRIVATE KEY";
    size_t sl = sizeof suffix - 1;
    if (type.n == 11 && memcmp(type.s, "PRIVATE KEY", 11) == 0) {
        PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)blk.len);
        if (!info) {
            hc_buf_adds(msg, "decoding PEM as PKCS#8: ");
            parse_failure(msg, blk.bytes, blk.len, "pkcs8", EVP_PKEY_EC, "ParseECPrivateKey",
                          EVP_PKEY_RSA, "ParsePKCS1PrivateKey",
                          "x509: failed to parse private key");
            goto out;
        }
        const ASN1_OBJECT *alg = NULL;
        PKCS8_pkey_get0(&alg, NULL, NULL, NULL, info);
        int nid = OBJ_obj2nid(alg);
        if (nid != NID_rsaEncryption && nid != NID_X9_62_id_ecPublicKey && nid != NID_ED25519 &&
            nid != NID_X25519) {
            char oid[128];
            OBJ_obj2txt(oid, sizeof oid, alg, 1);
            hc_buf_printf(msg,
                          "decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key "
                          "with unknown algorithm: %s",
                          oid);
        } else {
            k = EVP_PKCS82PKEY(info);
            if (!k) {
                hc_buf_adds(msg, "decoding PEM as PKCS#8: x509: failed to parse private key");
            } else if (nid == NID_X9_62_id_ecPublicKey && curve_bits(k) == 0) {
                hc_buf_adds(msg, "decoding PEM as PKCS#8: x509: failed to parse EC private key "
                                 "embedded in PKCS#8: x509: unknown elliptic curve");
                EVP_PKEY_free(k);
                k = NULL;
            }
        }
        PKCS8_PRIV_KEY_INFO_free(info);
        goto out;
    }
    if (type.n < sl || memcmp(type.s + type.n - sl, suffix, sl) != 0) {
        hc_buf_printf(msg, "no private key data in PEM block of type %.*s", (int)type.n, type.s);
        goto out;
    }
    struct span kind = {type.s, type.n - sl};
    if (kind.n == 3 && memcmp(kind.s, "RSA", 3) == 0) {
        k = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, (long)blk.len);
        if (!k) {
            hc_buf_adds(msg, "parsing RSA private key from PEM: ");
            parse_failure(msg, blk.bytes, blk.len, "pkcs1PrivateKey", EVP_PKEY_EC,
                          "ParseECPrivateKey", 0, "ParsePKCS8PrivateKey",
                          "x509: failed to parse private key");
        }
    } else if (kind.n == 2 && memcmp(kind.s, "EC", 2) == 0) {
        k = d2i_PrivateKey(EVP_PKEY_EC, NULL, &p, (long)blk.len);
        if (!k) {
            hc_buf_adds(msg, "parsing EC private key from PEM: ");
            struct hc_buf inner = HC_BUF_INIT;
            if (parses_as(0, blk.bytes, blk.len) || parses_as(EVP_PKEY_RSA, blk.bytes, blk.len)) {
                parse_failure(msg, blk.bytes, blk.len, "ecPrivateKey", 0, "ParsePKCS8PrivateKey",
                              EVP_PKEY_RSA, "ParsePKCS1PrivateKey", "");
            } else {
                hc_buf_adds(msg, "x509: failed to parse EC private key: ");
                if (!asn1_outer_error(blk.bytes, blk.len, "ecPrivateKey", &inner))
                    hc_buf_adds(&inner, "asn1: structure error");
                hc_buf_add(msg, inner.data, inner.len);
            }
            hc_buf_release(&inner);
        } else if (curve_bits(k) == 0) {
            hc_buf_adds(msg, "parsing EC private key from PEM: x509: unknown elliptic curve");
            EVP_PKEY_free(k);
            k = NULL;
        }
    } else if (kind.n == 3 && memcmp(kind.s, "DSA", 3) == 0) {
        k = d2i_PrivateKey(EVP_PKEY_DSA, NULL, &p, (long)blk.len);
        if (!k) {
            hc_buf_adds(msg, "parsing DSA private key from PEM: ");
            if (!asn1_outer_error(blk.bytes, blk.len, "DSAKeyFormat", msg))
                hc_buf_adds(msg, "asn1: structure error");
        }
    } else {
        hc_buf_printf(msg, "invalid private key type %.*s", (int)type.n, type.s);
    }
out:
    hc_free(blk.bytes);
    return k;
}

/* ---- the certificate struct ---- */

struct cert_pair {
    hc_val cert, key;
};

static bool cert_field(const struct hc_obj *o, uint32_t i, const char **name, hc_val *val)
{
    const struct cert_pair *c = o->data;
    if (i == 0) {
        *name = "Cert";
        *val = c->cert;
        return true;
    }
    if (i == 1) {
        *name = "Key";
        *val = c->key;
        return true;
    }
    return false;
}

static enum hc_obj_member cert_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)arena;
    (void)method;
    const struct cert_pair *c = o->data;
    if (len == 4 && memcmp(name, "Cert", 4) == 0) {
        *field = c->cert;
        return HC_OBJ_FIELD;
    }
    if (len == 3 && memcmp(name, "Key", 3) == 0) {
        *field = c->key;
        return HC_OBJ_FIELD;
    }
    return HC_OBJ_NONE;
}

static bool cert_equal(const struct hc_obj *a, const struct hc_obj *b)
{
    const struct cert_pair *x = a->data, *y = b->data;
    return hc_val_equal(x->cert, y->cert) && hc_val_equal(x->key, y->key);
}

static const struct hc_obj_fmt cert_fmt = {NULL, false, NULL, cert_field};
static const struct hc_obj_exec cert_exec = {.member = cert_member};
static const struct hc_obj_type cert_type = {"sprig.certificate", "struct", cert_equal, &cert_fmt,
                                             &cert_exec};

/* A sprig.certificate holding the two PEM texts. */
static hc_status new_cert(struct hc_call *call, struct hc_buf *cert, struct hc_buf *key,
                          hc_val *out)
{
    struct cert_pair *c = hc_arena_alloc(call->arena, sizeof *c);
    struct hc_obj *o = hc_arena_alloc(call->arena, sizeof *o);
    if (!c || !o) {
        hc_buf_release(cert);
        hc_buf_release(key);
        return hc_error_nomem(call->err);
    }
    hc_status rc = hc_funcs_buf_str(call, cert, &c->cert);
    hc_status rk = hc_funcs_buf_str(call, key, &c->key);
    if (rc != HC_OK || rk != HC_OK)
        return HC_ERR_NOMEM;
    o->type = &cert_type;
    o->data = c;
    *out = hc_obj_val(o);
    return HC_OK;
}

/* The certificate argument of genSignedCert (the signature has the executor check it first). */
static hc_status cert_arg(struct hc_call *call, hc_val a, const struct cert_pair **out)
{
    if (a.kind == HC_OBJ && a.u.o->type == &cert_type) {
        *out = a.u.o->data;
        return HC_OK;
    }
    if (a.kind == HC_NULL || a.kind == HC_MISSING)
        return hc_call_fail(call, "invalid value; expected sprig.certificate");
    return hc_call_fail(call, "wrong type for value; expected sprig.certificate; got %s",
                        hc_val_typename(a));
}

/* ---- IP addresses (net.ParseIP) ---- */

/* netip's parseIPv4 over the whole of s. */
static bool parse_ipv4(const char *s, size_t n, unsigned char out[4])
{
    int val = 0, pos = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (digits == 1 && val == 0)
                return false; /* a leading zero */
            val = val * 10 + (c - '0');
            digits++;
            if (val > 255)
                return false;
        } else if (c == '.') {
            if (i == 0 || i == n - 1 || s[i - 1] == '.' || pos == 3)
                return false;
            out[pos++] = (unsigned char)val;
            val = digits = 0;
        } else {
            return false;
        }
    }
    if (pos < 3)
        return false;
    out[3] = (unsigned char)val;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* netip's parseIPv6 (a zone, allowed there, makes net.ParseIP fail). */
static bool parse_ipv6(const char *s, size_t n, unsigned char ip[16])
{
    memset(ip, 0, 16);
    if (memchr(s, '%', n))
        return false;
    int ellipsis = -1, i = 0;
    size_t p = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        p = 2;
        if (p == n)
            return true;
    }
    while (i < 16) {
        size_t off = 0;
        unsigned acc = 0;
        while (p + off < n) {
            int v = hexval(s[p + off]);
            if (v < 0)
                break;
            acc = acc * 16 + (unsigned)v;
            off++;
            if (off > 4)
                return false;
        }
        if (off == 0)
            return false;
        if (p + off < n && s[p + off] == '.') {
            if ((ellipsis < 0 && i != 12) || i + 4 > 16)
                return false;
            if (!parse_ipv4(s + p, n - p, ip + i))
                return false;
            i += 4;
            p = n;
            break;
        }
        ip[i] = (unsigned char)(acc >> 8);
        ip[i + 1] = (unsigned char)acc;
        i += 2;
        p += off;
        if (p == n)
            break;
        if (s[p] != ':' || p + 1 == n)
            return false;
        p++;
        if (s[p] == ':') {
            if (ellipsis >= 0)
                return false;
            ellipsis = i;
            p++;
            if (p == n)
                break;
        }
    }
    if (p != n)
        return false;
    if (i < 16) {
        if (ellipsis < 0)
            return false;
        int k = 16 - i;
        for (int j = i - 1; j >= ellipsis; j--)
            ip[j + k] = ip[j];
        for (int j = ellipsis + k - 1; j >= ellipsis; j--)
            ip[j] = 0;
    } else if (ellipsis >= 0) {
        return false;
    }
    return true;
}

/* net.ParseIP, then To4 when possible (as Go marshals SANs): 4 or 16 bytes, 0 if invalid. */
static size_t parse_ip(const char *s, size_t n, unsigned char out[16])
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (!parse_ipv4(s, n, out))
                return 0;
            return 4;
        }
        if (s[i] == ':') {
            if (!parse_ipv6(s, n, out))
                return 0;
            static const unsigned char v4prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
            if (memcmp(out, v4prefix, 12) == 0) {
                memmove(out, out + 12, 4);
                return 4;
            }
            return 16;
        }
        if (s[i] == '%')
            return 0;
    }
    return 0;
}

/* ---- DER building ---- */

static void der_len(struct hc_buf *b, size_t n)
{
    if (n < 128) {
        hc_buf_addc(b, (char)n);
        return;
    }
    unsigned char tmp[8];
    int k = 0;
    while (n > 0) {
        tmp[k++] = (unsigned char)(n & 0xff);
        n >>= 8;
    }
    hc_buf_addc(b, (char)(0x80 | k));
    while (k > 0)
        hc_buf_addc(b, (char)tmp[--k]);
}

static void der_tlv(struct hc_buf *b, unsigned char tag, const void *v, size_t n)
{
    hc_buf_addc(b, (char)tag);
    der_len(b, n);
    hc_buf_add(b, v, n);
}

/* Adds extension nid with DER value v to x. */
static bool add_ext(X509 *x, int nid, bool critical, const struct hc_buf *v)
{
    if (!hc_buf_ok(v))
        return false;
    ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
    X509_EXTENSION *e = NULL;
    bool ok = os && ASN1_OCTET_STRING_set(os, (const unsigned char *)v->data, (int)v->len) &&
              (e = X509_EXTENSION_create_by_NID(NULL, nid, critical, os)) != NULL &&
              X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
    ASN1_OCTET_STRING_free(os);
    return ok;
}

/* Go's asn1 PrintableString set (without '*' and '&', which Go 1.25 writes as UTF8String). */
static bool printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr(" '()+,-./:=?", c) != NULL;
        if (!ok || c == '\0')
            return false;
    }
    return true;
}

static bool valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t need = c < 0x80                ? 1
                      : c >= 0xc2 && c < 0xe0 ? 2
                      : c >= 0xe0 && c < 0xf0 ? 3
                      : c >= 0xf0 && c < 0xf5 ? 4
                                              : 0;
        if (need == 0 || i + need > n)
            return false;
        for (size_t k = 1; k < need; k++)
            if (((unsigned char)s[i + k] & 0xc0) != 0x80)
                return false;
        unsigned char c1 = need > 1 ? (unsigned char)s[i + 1] : 0;
        if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) || (c == 0xf0 && c1 < 0x90) ||
            (c == 0xf4 && c1 >= 0x90))
            return false;
        i += need;
    }
    return true;
}

/* ---- certificates (x509.CreateCertificate over Sprig's template) ---- */

struct cert_template {
    hc_val cn;
    hc_val ips, dns; /* []interface{} or nil lists */
    int64_t days;
    bool is_ca;
};

/* Go's error text for a failure of CreateCertificate, as Sprig wraps it. */
static hc_status create_error(struct hc_call *call, const char *msg)
{
    return hc_call_fail(call, "error creating certificate: %s", msg);
}

/* signingParamsForKey: the digest for the signer (NULL for Ed25519); false if unsupported. */
static bool signing_digest(EVP_PKEY *k, const EVP_MD **md)
{
    switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA:
        *md = EVP_sha256();
        return true;
    case EVP_PKEY_EC:
        switch (curve_bits(k)) {
        case 224:
        case 256:
            *md = EVP_sha256();
            return true;
        case 384:
            *md = EVP_sha384();
            return true;
        case 521:
            *md = EVP_sha512();
            return true;
        default:
            return false;
        }
    case EVP_PKEY_ED25519:
        *md = NULL;
        return true;
    default:
        return false;
    }
}

/* The Go type of the public key marshalPublicKey rejects, or NULL when it is supported. */
static const char *unsupported_public_key(EVP_PKEY *k)
{
    switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_EC:
    case EVP_PKEY_ED25519:
        return NULL;
    case EVP_PKEY_DSA:
        return "*dsa.PublicKey";
    default:
        return "*ecdh.PublicKey";
    }
}

static bool set_time(ASN1_TIME *t, int64_t unix_sec)
{
    return ASN1_TIME_set(t, (time_t)unix_sec) != NULL;
}

/* DER of an X509_NAME, appended to b. */
static bool name_der(struct hc_buf *b, const X509_NAME *n)
{
    unsigned char *der = NULL;
    int len = i2d_X509_NAME(n, &der);
    if (len < 0)
        return false;
    hc_buf_add(b, der, (size_t)len);
    OPENSSL_free(der);
    return true;
}

/*
 * getBaseCertTemplate's checks of the IP and DNS lists: the addresses (4 or
 * 16 bytes each, packed into ipb with their lengths in ipl) and names.
 */
static hc_status check_lists(struct hc_call *call, const struct cert_template *t,
                             struct hc_buf *ipb, struct hc_buf *iplens)
{
    if (t->ips.u.l) {
        hc_list_foreach(t->ips.u.l, item) {
            if (item->kind != HC_STRING) {
                struct hc_buf m = HC_BUF_INIT;
                hc_gofmt_sprintf(&m, "%v", 2, item, 1);
                hc_status rc =
                    hc_call_fail(call, "error parsing ip: %s is not a string", hc_buf_str(&m));
                hc_buf_release(&m);
                return rc;
            }
            unsigned char ip[16];
            size_t n = parse_ip(item->u.s, item->len, ip);
            if (n == 0)
                return hc_call_fail(call, "error parsing ip: %.*s", (int)item->len, item->u.s);
            hc_buf_add(ipb, ip, n);
            hc_buf_addc(iplens, (char)n);
        }
    }
    if (t->dns.u.l) {
        hc_list_foreach(t->dns.u.l, item) {
            if (item->kind != HC_STRING) {
                struct hc_buf m = HC_BUF_INIT;
                hc_gofmt_sprintf(&m, "%v", 2, item, 1);
                hc_status rc =
                    hc_call_fail(call, "error processing alternate dns name: %s is not a string",
                                 hc_buf_str(&m));
                hc_buf_release(&m);
                return rc;
            }
        }
    }
    return HC_OK;
}

/*
 * getCertAndKey: the certificate for signee's public key issued by parent
 * (NULL: self-signed) and signed with signer, and signee as PEM.
 */
static hc_status make_cert(struct hc_call *call, const struct cert_template *t, EVP_PKEY *signee,
                           X509 *parent, EVP_PKEY *signer, hc_val *out)
{
    struct hc_buf ipb = HC_BUF_INIT, iplens = HC_BUF_INIT;
    hc_status rc = check_lists(call, t, &ipb, &iplens);
    if (rc != HC_OK)
        goto out_bufs;
    unsigned char serial[16];
    rc = hc_funcs_rand_bytes(call, serial, sizeof serial);
    if (rc != HC_OK)
        goto out_bufs;
    const EVP_MD *md = NULL;
    int signer_id = EVP_PKEY_get_base_id(signer);
    if (signer_id != EVP_PKEY_RSA && signer_id != EVP_PKEY_EC && signer_id != EVP_PKEY_ED25519) {
        rc = create_error(call, "x509: certificate private key does not implement crypto.Signer");
        goto out_bufs;
    }
    if (!signing_digest(signer, &md)) {
        rc = create_error(call, "x509: unknown elliptic curve");
        goto out_bufs;
    }
    const char *bad_pub = unsupported_public_key(signee);
    if (bad_pub) {
        struct hc_buf m = HC_BUF_INIT;
        hc_buf_printf(&m, "x509: unsupported public key type: %s", bad_pub);
        rc = create_error(call, hc_buf_str(&m));
        hc_buf_release(&m);
        goto out_bufs;
    }
    if (!valid_utf8(t->cn.u.s, t->cn.len)) {
        rc = create_error(call, "asn1: string not valid UTF-8");
        goto out_bufs;
    }
    if (parent && EVP_PKEY_eq(X509_get0_pubkey(parent), signer) != 1) {
        rc = create_error(call, "x509: provided PrivateKey doesn't match parent's PublicKey");
        goto out_bufs;
    }
    if (t->dns.u.l) {
        hc_list_foreach(t->dns.u.l, item) {
            bool ia5 = true;
            for (uint32_t i = 0; i < item->len; i++)
                ia5 = ia5 && (unsigned char)item->u.s[i] < 0x80;
            if (!ia5) {
                struct hc_buf q = HC_BUF_INIT, m = HC_BUF_INIT;
                hc_gofmt_quote(&q, item->u.s, item->len);
                hc_buf_printf(&m, "x509: %s cannot be encoded as an IA5String", hc_buf_str(&q));
                rc = create_error(call, hc_buf_str(&m));
                hc_buf_release(&q);
                hc_buf_release(&m);
                goto out_bufs;
            }
        }
    }

    X509 *x = X509_new();
    X509_NAME *subject = X509_NAME_new();
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, NULL);
    ASN1_INTEGER *sn = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
    struct hc_buf ext = HC_BUF_INIT, names = HC_BUF_INIT, issuer_der = HC_BUF_INIT,
                  subject_der = HC_BUF_INIT, pem = HC_BUF_INIT, key = HC_BUF_INIT;
    bool ok = x && subject && sn && X509_set_version(x, 2) && X509_set_serialNumber(x, sn);
    if (ok && t->cn.len > 0)
        ok = X509_NAME_add_entry_by_NID(subject, NID_commonName,
                                        printable(t->cn.u.s, t->cn.len) ? V_ASN1_PRINTABLESTRING
                                                                        : V_ASN1_UTF8STRING,
                                        (const unsigned char *)t->cn.u.s, (int)t->cn.len, -1, 0);
    ok = ok && X509_set_subject_name(x, subject) &&
         X509_set_issuer_name(x, parent ? X509_get_subject_name(parent) : subject);

    /* validity: now to now + days*24h, in Go's wrapping Duration arithmetic */
    int64_t now_ns = hc_funcs_now_ns(call);
    struct hc_time nb = hc_time_unix(now_ns / 1000000000, now_ns % 1000000000, NULL);
    struct hc_time na = hc_time_add(nb, (int64_t)((uint64_t)t->days * 86400000000000ULL));
    ok = ok && set_time(X509_getm_notBefore(x), hc_time_unix_sec(nb)) &&
         set_time(X509_getm_notAfter(x), hc_time_unix_sec(na)) && X509_set_pubkey(x, signee);

    /* extensions, in Go's order */
    unsigned char ku = t->is_ca ? 0xa4 : 0xa0; /* digitalSignature keyEncipherment [certSign] */
    unsigned char ku_der[4] = {0x03, 0x02, (unsigned char)(t->is_ca ? 2 : 5), ku};
    hc_buf_add(&ext, ku_der, sizeof ku_der);
    ok = ok && add_ext(x, NID_key_usage, true, &ext);
    static const unsigned char eku[] = {0x30, 0x14, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05,
                                        0x05, 0x07, 0x03, 0x01, 0x06, 0x08, 0x2b, 0x06,
                                        0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
    hc_buf_reset(&ext);
    hc_buf_add(&ext, eku, sizeof eku);
    ok = ok && add_ext(x, NID_ext_key_usage, false, &ext);
    hc_buf_reset(&ext);
    if (t->is_ca)
        hc_buf_add(&ext, "\x30\x03\x01\x01\xff", 5);
    else
        hc_buf_add(&ext, "\x30\x00", 2);
    ok = ok && add_ext(x, NID_basic_constraints, true, &ext);
    if (ok && t->is_ca) {
        /* RFC 7093 method 1, Go 1.25's default: SHA-256 of the key bits, first 20 bytes */
        const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(x);
        unsigned char h[EVP_MAX_MD_SIZE];
        unsigned hl = 0;
        ok = bits && EVP_Digest(ASN1_STRING_get0_data(bits), (size_t)ASN1_STRING_length(bits), h,
                                &hl, EVP_sha256(), NULL);
        hc_buf_reset(&ext);
        der_tlv(&ext, 0x04, h, 20);
        ok = ok && add_ext(x, NID_subject_key_identifier, false, &ext);
    }
    if (ok && parent) {
        ok =
            name_der(&issuer_der, X509_get_subject_name(parent)) && name_der(&subject_der, subject);
        const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(parent);
        bool same = issuer_der.len == subject_der.len &&
                    memcmp(hc_buf_str(&issuer_der), hc_buf_str(&subject_der), issuer_der.len) == 0;
        if (ok && !same && skid && ASN1_STRING_length(skid) > 0) {
            struct hc_buf inner = HC_BUF_INIT;
            der_tlv(&inner, 0x80, ASN1_STRING_get0_data(skid), (size_t)ASN1_STRING_length(skid));
            hc_buf_reset(&ext);
            der_tlv(&ext, 0x30, inner.data, inner.len);
            hc_buf_release(&inner);
            ok = add_ext(x, NID_authority_key_identifier, false, &ext);
        }
    }
    size_t ndns = t->dns.u.l ? t->dns.u.l->len : 0;
    if (ok && (ndns > 0 || iplens.len > 0)) {
        for (size_t i = 0; i < ndns; i++)
            der_tlv(&names, 0x82, t->dns.u.l->items[i].u.s, t->dns.u.l->items[i].len);
        size_t at = 0;
        for (size_t i = 0; i < iplens.len; i++) {
            size_t l = (unsigned char)iplens.data[i];
            der_tlv(&names, 0x87, ipb.data + at, l);
            at += l;
        }
        hc_buf_reset(&ext);
        der_tlv(&ext, 0x30, names.data, names.len);
        /* RFC 5280: critical when the subject is empty */
        ok = add_ext(x, NID_subject_alt_name, t->cn.len == 0, &ext);
    }
    ok = ok && X509_sign(x, signer, md) > 0;
    unsigned char *der = NULL;
    int dl = ok ? i2d_X509(x, &der) : -1;
    if (dl > 0) {
        pem_encode(&pem, "CERTIFICATE", der, (size_t)dl);
        OPENSSL_free(der);
    }
    ok = dl > 0 && key_pem(&key, signee);
    X509_free(x);
    X509_NAME_free(subject);
    ASN1_INTEGER_free(sn);
    BN_free(bn);
    hc_buf_release(&ext);
    hc_buf_release(&names);
    hc_buf_release(&issuer_der);
    hc_buf_release(&subject_der);
    if (!ok) {
        hc_buf_release(&pem);
        hc_buf_release(&key);
        rc = create_error(call, "openssl could not make the certificate");
        goto out_bufs;
    }
    rc = new_cert(call, &pem, &key, out);
out_bufs:
    hc_buf_release(&ipb);
    hc_buf_release(&iplens);
    return rc;
}

/* The WithKey functions' key argument; the failure is Go's "parsing private key: ...". */
static hc_status key_arg(struct hc_call *call, hc_val pem, EVP_PKEY **k)
{
    struct hc_buf msg = HC_BUF_INIT;
    *k = parse_private_key(pem.u.s, pem.len, &msg);
    hc_status rc = *k ? HC_OK : hc_call_fail(call, "parsing private key: %s", hc_buf_str(&msg));
    hc_buf_release(&msg);
    return rc;
}

static hc_status generated_key(struct hc_call *call, EVP_PKEY **k)
{
    *k = generate_rsa(RSA_BITS_CERT);
    if (!*k)
        return hc_call_fail(call, "error generating rsa key: openssl could not generate the key");
    return HC_OK;
}

/* genCA "cn" days and genCAWithKey "cn" days key */
hc_status hc_fn_gen_ca(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    EVP_PKEY *k;
    hc_status rc = n == 3 ? key_arg(call, args[2], &k) : generated_key(call, &k);
    if (rc != HC_OK)
        return rc;
    struct cert_template t = {args[0], hc_list_val(NULL, HC_GT_LIST), hc_list_val(NULL, HC_GT_LIST),
                              args[1].u.i, true};
    rc = make_cert(call, &t, k, NULL, k, out);
    EVP_PKEY_free(k);
    return rc;
}

/* genSelfSignedCert cn ips dns days [key] */
hc_status hc_fn_gen_self_signed(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    EVP_PKEY *k;
    hc_status rc = n == 5 ? key_arg(call, args[4], &k) : generated_key(call, &k);
    if (rc != HC_OK)
        return rc;
    struct cert_template t = {args[0], args[1], args[2], args[3].u.i, false};
    rc = make_cert(call, &t, k, NULL, k, out);
    EVP_PKEY_free(k);
    return rc;
}

/* genSignedCert cn ips dns days ca [key] */
hc_status hc_fn_gen_signed(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    const struct cert_pair *ca = NULL;
    hc_status rc = cert_arg(call, args[4], &ca);
    if (rc != HC_OK)
        return rc;
    EVP_PKEY *k = NULL, *ca_key = NULL;
    X509 *ca_cert = NULL;
    rc = n == 6 ? key_arg(call, args[5], &k) : generated_key(call, &k);
    if (rc != HC_OK)
        return rc;
    struct pem_block blk;
    if (!pem_decode(ca->cert.u.s, ca->cert.len, &blk)) {
        rc = hc_call_fail(call, "unable to decode certificate");
        goto out;
    }
    const unsigned char *p = blk.bytes;
    ca_cert = d2i_X509(NULL, &p, (long)blk.len);
    bool trailing = ca_cert && p != blk.bytes + blk.len;
    hc_free(blk.bytes);
    if (!ca_cert || trailing) {
        rc = hc_call_fail(call, "error parsing certificate: decodedSignerCert.Bytes: x509: %s",
                          trailing ? "trailing data" : "malformed certificate");
        goto out;
    }
    struct hc_buf msg = HC_BUF_INIT;
    ca_key = parse_private_key(ca->key.u.s, ca->key.len, &msg);
    if (!ca_key) {
        rc = hc_call_fail(call, "error parsing private key: %s", hc_buf_str(&msg));
        hc_buf_release(&msg);
        goto out;
    }
    hc_buf_release(&msg);
    struct cert_template t = {args[0], args[1], args[2], args[3].u.i, false};
    rc = make_cert(call, &t, k, ca_cert, ca_key, out);
out:
    X509_free(ca_cert);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(k);
    return rc;
}

/* buildCustomCert b64cert b64key: checks both and returns them as a certificate. */
hc_status hc_fn_build_custom_cert(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val c64 = args[0], k64 = args[1];
    unsigned char *cert = hc_malloc(c64.len ? c64.len : 1), *key = hc_malloc(k64.len ? k64.len : 1);
    size_t clen = 0, klen = 0, bad;
    hc_status rc = HC_OK;
    if (!cert || !key) {
        rc = hc_error_nomem(call->err);
        goto out;
    }
    if (!hc_b64_decode(cert, &clen, c64.u.s, c64.len, &bad)) {
        rc = hc_call_fail(call, "unable to decode base64 certificate");
        goto out;
    }
    if (!hc_b64_decode(key, &klen, k64.u.s, k64.len, &bad)) {
        rc = hc_call_fail(call, "unable to decode base64 private key");
        goto out;
    }
    struct pem_block blk;
    if (!pem_decode((const char *)cert, clen, &blk)) {
        rc = hc_call_fail(call, "unable to decode certificate");
        goto out;
    }
    const unsigned char *p = blk.bytes;
    X509 *x = d2i_X509(NULL, &p, (long)blk.len);
    bool trailing = x && p != blk.bytes + blk.len;
    X509_free(x);
    hc_free(blk.bytes);
    if (!x || trailing) {
        rc = hc_call_fail(call, "error parsing certificate: decodedCert.Bytes: x509: %s",
                          trailing ? "trailing data" : "malformed certificate");
        goto out;
    }
    struct hc_buf msg = HC_BUF_INIT;
    EVP_PKEY *k = parse_private_key((const char *)key, klen, &msg);
    if (!k) {
        rc = hc_call_fail(call, "error parsing private key: %s", hc_buf_str(&msg));
        hc_buf_release(&msg);
        goto out;
    }
    EVP_PKEY_free(k);
    hc_buf_release(&msg);
    struct hc_buf cb = HC_BUF_INIT, kb = HC_BUF_INIT;
    hc_buf_add(&cb, cert, clen);
    hc_buf_add(&kb, key, klen);
    rc = new_cert(call, &cb, &kb, out);
out:
    hc_free(cert);
    hc_free(key);
    return rc;
}
