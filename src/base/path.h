/*
 * path.h - Go's path package where more than one module needs it.
 */
#ifndef HC_BASE_PATH_H
#define HC_BASE_PATH_H

#include <stddef.h>

/*
 * Go's path.Clean of p[0..n) written to out, which must hold 2 * n + 3 bytes
 * (".." elements may be added before the first name); returns the length
 * written (no NUL is added).  An empty path gives ".".
 */
size_t hc_path_clean(const char *p, size_t n, char *out);

#endif
