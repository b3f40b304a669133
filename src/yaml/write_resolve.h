/*
 * write_resolve.h - would a string, written as a plain scalar, read back as
 * that string?
 *
 * Mirrors the test go-yaml's encoder makes before it writes a string plain
 * (encode.go stringv: resolve() must give !!str and the string must not look
 * like a YAML 1.1 base-60 float; v3 also refuses the YAML 1.1 booleans).
 * resolve() in turn leans on Go's strconv.ParseInt/ParseUint/ParseFloat and
 * time.Parse, whose exact acceptance rules are reproduced here.
 */
#ifndef HC_YAML_WRITE_RESOLVE_H
#define HC_YAML_WRITE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) may be written plain (stringv's canUsePlain); v3 selects go-yaml v3. */
bool hc_yaml_plain_is_str(const char *s, size_t n, bool v3);

#endif
