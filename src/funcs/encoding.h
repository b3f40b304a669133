/*
 * encoding.h - Go's standard base64 and base32 codecs (encoding/base64 and
 * encoding/base32 StdEncoding), as the function families need them.
 */
#ifndef HC_FUNCS_ENCODING_H
#define HC_FUNCS_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the padded base64 text of n bytes (n must not overflow it). */
size_t hc_b64_encoded_len(size_t n);
/* Writes the padded base64 text of src[0..n) to dst (hc_b64_encoded_len(n) bytes, no NUL). */
void hc_b64_encode(char *dst, const unsigned char *src, size_t n);
/*
 * Decodes src[0..n) as Go's base64.StdEncoding.Decode does (CR and LF are
 * skipped, padding is required, trailing bits need not be zero).  dst needs
 * room for n bytes.  On success *dlen is the decoded length; on failure
 * returns false with *bad the byte offset Go's CorruptInputError reports.
 */
bool hc_b64_decode(unsigned char *dst, size_t *dlen, const char *src, size_t n, size_t *bad);

/* As above for base32.StdEncoding (RFC 4648 alphabet, '=' padding). */
size_t hc_b32_encoded_len(size_t n);
void hc_b32_encode(char *dst, const unsigned char *src, size_t n);
/* As base32.StdEncoding.DecodeString: CR and LF are removed first. dst: room for n bytes. */
bool hc_b32_decode(unsigned char *dst, size_t *dlen, const char *src, size_t n, size_t *bad);

#endif
