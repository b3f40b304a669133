/*
 * storage_util.h - helpers shared by the storage tests: building records,
 * scratch folders, reading the revisions a store holds.
 */
#ifndef HELMC_TEST_STORAGE_UTIL_H
#define HELMC_TEST_STORAGE_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "helmc/release.h"
#include "helmc/storage.h"

static inline hc_rstr su_str(const char *s)
{
    hc_rstr r = {s, strlen(s)};
    return r;
}

/* A small record as install/upgrade would write it. */
static inline struct hc_release *su_record(struct hc_arena *a, const char *ns, const char *name,
                                           int64_t version, const char *status)
{
    struct hc_release *r = hc_arena_zalloc(a, sizeof *r);
    struct hc_release_info *info = hc_arena_zalloc(a, sizeof *info);
    if (!r || !info)
        return NULL;
    r->name = su_str(hc_arena_strdup(a, name));
    r->namespace_ = su_str(hc_arena_strdup(a, ns));
    r->version = version;
    r->config = hc_null();
    r->manifest = su_str(
        hc_arena_printf(a, "---\n# Source: c/templates/cm.yaml\nrev: %lld\n", (long long)version));
    info->status = su_str(hc_arena_strdup(a, status));
    info->description = su_str("Upgrade complete");
    info->first_deployed = hc_stamp_from_unix(1700000000, 0, 0);
    info->last_deployed = hc_stamp_from_unix(1700000000 + version, 0, 0);
    r->info = info;
    return r;
}

static inline void su_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            size_t len = strlen(path) + strlen(de->d_name) + 2;
            char *sub = malloc(len);
            if (!sub)
                continue;
            snprintf(sub, len, "%s/%s", path, de->d_name);
            su_rm_rf(sub);
            free(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/*
 * A new empty folder under TMPDIR (or /tmp); with in_memory, under /dev/shm
 * when there is one (for tests where fsync's cost would swamp what they
 * test).  The caller frees it with su_rm_rf, then free.
 */
static inline char *su_tempdir_in(bool in_memory)
{
    const char *t = getenv("TMPDIR");
    if (in_memory && access("/dev/shm", W_OK | X_OK) == 0)
        t = "/dev/shm";
    char buf[4096];
    snprintf(buf, sizeof buf, "%s/helmc-storage-XXXXXX", t && *t ? t : "/tmp");
    char *p = mkdtemp(buf);
    return p ? strdup(p) : NULL;
}

static inline char *su_tempdir(void)
{
    return su_tempdir_in(false);
}

static inline bool su_status_is(const struct hc_release *r, const char *s)
{
    return r->info && r->info->status.n == strlen(s) &&
           memcmp(r->info->status.p, s, r->info->status.n) == 0;
}

#endif
