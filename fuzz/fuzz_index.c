/*
 * fuzz_index.c - index files on any bytes (include/helmc/repo.h).
 *
 * The input is an index to merge (helm repo index --merge): written to a
 * file in a scratch directory holding no archives, then merged into a new
 * index written there, as YAML or, when the input's first byte is odd, as
 * JSON.  The index written must then load again as a merge input without an
 * error: what we write, we read.  Inputs are cut at 64 KiB.
 */
#include "fuzz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helmc/error.h"
#include "helmc/repo.h"

#define MAX_INPUT 65536

static char dir[] = "/tmp/helmc-fuzz-index-XXXXXX";
static char merge_path[64], index_path[64], again_path[64];

static void setup(void)
{
    if (merge_path[0])
        return;
    if (!mkdtemp(dir))
        abort();
    snprintf(merge_path, sizeof merge_path, "%s/merge.yaml", dir);
    snprintf(index_path, sizeof index_path, "%s/index.yaml", dir);
    snprintf(again_path, sizeof again_path, "%s/again.yaml", dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size > MAX_INPUT)
        size = MAX_INPUT;
    FILE *f = fopen(merge_path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    struct hc_repo_index_opts o = {0};
    o.merge = merge_path;
    o.json = size > 0 && (data[0] & 1);
    o.keep_created = true;
    o.now_sec = 1700000000;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_repo_index_dir(dir, &o, &err);
    hc_error_release(&err);
    if (rc == HC_OK) {
        /* what we wrote must load again */
        if (rename(index_path, again_path) != 0)
            abort();
        o.merge = again_path;
        hc_error_init(&err);
        if (hc_repo_index_dir(dir, &o, &err) != HC_OK) {
            fprintf(stderr, "re-reading our index failed: %s\n", hc_error_msg(&err));
            abort();
        }
        hc_error_release(&err);
    }
    unlink(index_path);
    unlink(again_path);
    return 0;
}
