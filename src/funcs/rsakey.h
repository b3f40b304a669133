/*
 * rsakey.h - RSA private keys for genPrivateKey and the certificate
 * functions (rsakey.c), built as Go's crypto/rsa GenerateKey builds them.
 */
#ifndef HC_FUNCS_RSAKEY_H
#define HC_FUNCS_RSAKEY_H

#include <stdbool.h>

#include <openssl/evp.h>

#define HC_RSA_MIN_BITS 1024 /* smaller keys are refused (Go's floor is lower) */
#define HC_RSA_MAX_BITS 8192

/*
 * A new two-prime RSA key of exactly bits bits (even, HC_RSA_MIN_BITS to HC_RSA_MAX_BITS)
 * with e = 65537, from OpenSSL's CSPRNG.  With concurrent set the two primes are searched
 * for on two threads at once (one key then costs about one prime search in wall time);
 * if the second thread cannot be started, or concurrent is false, the calling thread
 * finds both.  The key has passed a sign-and-verify test.  The caller frees it with
 * EVP_PKEY_free.  NULL when bits is out of range or OpenSSL fails (memory, randomness).
 */
EVP_PKEY *hc_rsa_generate_key(unsigned bits, bool concurrent);

#endif
