/*
 * fuzz_repo_load.c - a repository index from untrusted bytes (what a server sends to
 * `repo add`/`repo update`): the streaming loader, with and without a chart filter, and
 * IndexFile.Get on what it kept.
 */
#include "fuzz.h"

#include "helmc/repo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"a", "demo"};
    const struct hc_repo_load_opts opts[] = {
        {0             },
        {.names = names, .n_names = 2},
        {.names_only = true             },
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        struct hc_repo_index *ix = NULL;
        struct hc_error err;
        hc_error_init(&err);
        if (hc_repo_index_load_buf((const char *)data, size, "fuzz", &opts[i], &ix, &err) ==
            HC_OK) {
            for (size_t c = 0; c < ix->n_charts; c++) {
                const struct hc_repo_version *v = NULL;
                hc_repo_index_get(ix, ix->charts[c].name, "", &v, NULL, &err);
                hc_error_release(&err);
                hc_repo_index_get(ix, ix->charts[c].name, ">=1.0.0 <2", &v, NULL, &err);
            }
            hc_repo_index_free(ix);
        }
        hc_error_release(&err);
    }
    return 0;
}
