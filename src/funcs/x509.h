/*
 * x509.h - keys and certificates for Sprig's genPrivateKey, genCA,
 * genSelfSignedCert, genSignedCert (and their WithKey forms) and
 * buildCustomCert (x509.c), shared with crypto.c's function table.
 */
#ifndef HC_FUNCS_X509_H
#define HC_FUNCS_X509_H

#include <stdint.h>

#include "helmc/value.h"
#include "template/func.h"

hc_status hc_fn_gen_private_key(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out);
hc_status hc_fn_build_custom_cert(struct hc_call *call, const hc_val *args, uint32_t n,
                                  hc_val *out);
/* genCA and genCAWithKey (the row's argument count tells them apart) */
hc_status hc_fn_gen_ca(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out);
/* genSelfSignedCert and genSelfSignedCertWithKey */
hc_status hc_fn_gen_self_signed(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out);
/* genSignedCert and genSignedCertWithKey */
hc_status hc_fn_gen_signed(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out);

#endif
