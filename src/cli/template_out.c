/*
 * template_out.c - `helmc template --output-dir` and `--post-renderer`.
 *
 * The files: helm's writeToFile, createOrOpenFile and ensureDirectoryForFile (pkg/cmd and
 * pkg/action), with Go's os.MkdirAll, whose errors name the folder that failed.  The
 * post-renderer: helm v3's postrender.NewExec (exec.LookPath, filepath.Abs) and its Run
 * (the manifests on standard input, standard output kept, standard error quoted in the
 * error).  Helm v4 looks post-renderers up among its plugins instead; see
 * docs/template-flags.md.
 */
#include "cli/template_out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/path.h"

void hc_cli_go_errno(char *buf, size_t size, int e)
{
    snprintf(buf, size, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] + 32);
}

static hc_status path_error(struct hc_error *err, const char *op, const char *path, int e)
{
    char msg[128];
    hc_cli_go_errno(msg, sizeof msg, e);
    return hc_error_set(err, HC_ERR_IO, "%s %s: %s", op, path, msg);
}

/* os.MkdirAll(path, 0755) on a writable copy of path. */
static hc_status mkdir_all(char *path, struct hc_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return HC_OK;
        return path_error(err, "mkdir", path, ENOTDIR);
    }
    size_t i = strlen(path);
    while (i > 0 && path[i - 1] == '/')
        i--;
    size_t j = i;
    while (j > 0 && path[j - 1] != '/')
        j--;
    if (j > 1) {
        char save = path[j - 1];
        path[j - 1] = '\0';
        hc_status rc = mkdir_all(path, err);
        path[j - 1] = save;
        if (rc != HC_OK)
            return rc;
    }
    if (mkdir(path, 0755) != 0) {
        int e = errno;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return HC_OK;
        return path_error(err, "mkdir", path, e);
    }
    return HC_OK;
}

/* filepath.Dir(file): the part before the last slash, cleaned. */
static char *dir_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    size_t n = slash ? (size_t)(slash - file) + 1 : 0;
    char *out = malloc(2 * n + 3);
    if (!out)
        return NULL;
    size_t w = hc_path_clean(file, n, out);
    out[w] = '\0';
    return out;
}

hc_status hc_outdir_write(FILE *out, const char *dir, const char *name, const char *data,
                          size_t len, bool append, struct hc_error *err)
{
    struct hc_buf file = HC_BUF_INIT;
    hc_buf_printf(&file, "%s/%s", dir, name);
    char *base = dir_of(hc_buf_str(&file));
    if (!hc_buf_ok(&file) || !base) {
        free(base);
        hc_buf_release(&file);
        return hc_error_nomem(err);
    }
    hc_status rc = HC_OK;
    struct stat st;
    if (stat(base, &st) != 0 && errno != ENOENT)
        rc = path_error(err, "stat", base, errno);
    if (rc == HC_OK)
        rc = mkdir_all(base, err);
    free(base);
    if (rc == HC_OK) {
        const char *path = hc_buf_str(&file);
        int fd = append ? open(path, O_WRONLY | O_APPEND | O_CLOEXEC, 0600)
                        : open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) {
            rc = path_error(err, "open", path, errno);
        } else {
            struct hc_buf doc = HC_BUF_INIT;
            hc_buf_printf(&doc, "---\n# Source: %s\n", name);
            hc_buf_add(&doc, data, len);
            hc_buf_addc(&doc, '\n');
            if (!hc_buf_ok(&doc)) {
                rc = hc_error_nomem(err);
            } else {
                size_t off = 0;
                while (off < doc.len) {
                    ssize_t w = write(fd, doc.data + off, doc.len - off);
                    if (w < 0 && errno == EINTR)
                        continue;
                    if (w <= 0) {
                        rc = path_error(err, "write", path, errno);
                        break;
                    }
                    off += (size_t)w;
                }
            }
            hc_buf_release(&doc);
            close(fd);
            if (rc == HC_OK)
                fprintf(out, "wrote %s\n", path);
        }
    }
    hc_buf_release(&file);
    return rc;
}

bool hc_outdir_exists(const char *dir, const char *name)
{
    struct hc_buf file = HC_BUF_INIT;
    hc_buf_printf(&file, "%s/%s", dir, name);
    struct stat st;
    bool ok = hc_buf_ok(&file) && stat(hc_buf_str(&file), &st) == 0;
    hc_buf_release(&file);
    return ok;
}

/* exec's findExecutable: 0, or the errno to report. */
static int find_executable(const char *file)
{
    struct stat st;
    if (stat(file, &st) != 0)
        return errno;
    if (S_ISDIR(st.st_mode))
        return EISDIR;
    return (st.st_mode & 0111) ? 0 : EACCES;
}

bool hc_post_renderer_find(struct hc_arena *a, const char *name, const char *path_env,
                           const char **abs, const char **msg)
{
    const char *found = NULL;
    struct hc_buf why = HC_BUF_INIT;
    if (strchr(name, '/')) {
        int e = find_executable(name);
        if (e == 0) {
            found = name;
        } else {
            char m[128];
            hc_cli_go_errno(m, sizeof m, e);
            if (e == EISDIR || e == EACCES)
                hc_buf_printf(&why, "%s", m);
            else
                hc_buf_printf(&why, "stat %s: %s", name, m);
        }
    } else {
        const char *p = path_env ? path_env : "";
        for (;;) {
            const char *colon = strchr(p, ':');
            size_t n = colon ? (size_t)(colon - p) : strlen(p);
            char *cand = n ? hc_arena_printf(a, "%.*s/%s", (int)n, p, name)
                           : hc_arena_printf(a, "./%s", name);
            if (cand && find_executable(cand) == 0) {
                found = cand;
                break;
            }
            if (!colon)
                break;
            p = colon + 1;
        }
        if (!found)
            hc_buf_adds(&why, "executable file not found in $PATH");
    }
    if (!found) {
        *msg = hc_arena_printf(a, "unable to find binary at %s: exec: \"%s\": %s", name, name,
                               hc_buf_ok(&why) ? hc_buf_str(&why) : "out of memory");
        hc_buf_release(&why);
        if (!*msg)
            *msg = "out of memory";
        return false;
    }
    hc_buf_release(&why);
    /* filepath.Abs */
    struct hc_buf full = HC_BUF_INIT;
    if (found[0] != '/') {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) {
            *msg = "unable to find binary: cannot get the current directory";
            return false;
        }
        hc_buf_printf(&full, "%s/", cwd);
    }
    hc_buf_adds(&full, found);
    char *out = hc_buf_ok(&full) ? hc_arena_alloc(a, 2 * full.len + 3) : NULL;
    if (!out) {
        hc_buf_release(&full);
        *msg = "out of memory";
        return false;
    }
    size_t w = hc_path_clean(full.data, full.len, out);
    out[w] = '\0';
    hc_buf_release(&full);
    *abs = out;
    return true;
}

/* The whole content of fd (a temporary file) from its start, appended to b. */
static void slurp(int fd, struct hc_buf *b)
{
    if (lseek(fd, 0, SEEK_SET) < 0)
        return;
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            hc_buf_add(b, chunk, (size_t)n);
}

/* An unlinked temporary file open for reading and writing, or -1. */
static int temp_fd(void)
{
    FILE *f = tmpfile();
    if (!f)
        return -1;
    int fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 0); /* the child gets it through dup2 only */
    fclose(f);
    return fd;
}

hc_status hc_post_renderer_run(const char *abs, const char *const *args, size_t nargs,
                               const char *in, size_t len, struct hc_buf *out,
                               struct hc_error *err)
{
    int fin = temp_fd(), fout = temp_fd(), ferr = temp_fd();
    hc_status rc = HC_OK;
    char **argv = calloc(nargs + 2, sizeof *argv);
    if (fin < 0 || fout < 0 || ferr < 0 || !argv) {
        rc = hc_error_set(err, HC_ERR_IO, "error while running command %s: cannot create "
                                          "temporary files", abs);
        goto done;
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fin, in + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = path_error(err, "write", "post-renderer input", errno);
            goto done;
        }
        off += (size_t)w;
    }
    lseek(fin, 0, SEEK_SET);
    argv[0] = strdup(abs);
    for (size_t i = 0; i < nargs; i++)
        argv[i + 1] = strdup(args[i]);
    for (size_t i = 0; i <= nargs; i++) {
        if (!argv[i]) {
            rc = hc_error_nomem(err);
            goto done;
        }
    }
    int pipefd[2]; /* the child reports a failed exec's errno through it */
    if (pipe(pipefd) != 0) {
        rc = path_error(err, "pipe", abs, errno);
        goto done;
    }
    if (fcntl(pipefd[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(pipefd[1], F_SETFD, FD_CLOEXEC) != 0) {
        rc = path_error(err, "fcntl", abs, errno);
        close(pipefd[0]);
        close(pipefd[1]);
        goto done;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        rc = path_error(err, "fork/exec", abs, errno);
        goto done;
    }
    if (pid == 0) {
        dup2(fin, 0);
        dup2(fout, 1);
        dup2(ferr, 2);
        execv(abs, argv);
        int e = errno;
        ssize_t ignored = write(pipefd[1], &e, sizeof e);
        (void)ignored;
        _exit(127);
    }
    close(pipefd[1]);
    int exec_errno = 0;
    ssize_t got;
    while ((got = read(pipefd[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
        ;
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    struct hc_buf why = HC_BUF_INIT;
    if (got == (ssize_t)sizeof exec_errno) {
        char m[128];
        hc_cli_go_errno(m, sizeof m, exec_errno);
        hc_buf_printf(&why, "fork/exec %s: %s", abs, m);
    } else if (WIFSIGNALED(status)) {
        const char *s = strsignal(WTERMSIG(status));
        hc_buf_printf(&why, "signal: %s", s ? s : "unknown signal");
        if (why.len > 8 && why.data[8] >= 'A' && why.data[8] <= 'Z')
            why.data[8] = (char)(why.data[8] + 32);
    } else if (WEXITSTATUS(status) != 0) {
        hc_buf_printf(&why, "exit status %d", WEXITSTATUS(status));
    }
    if (why.len) {
        struct hc_buf e = HC_BUF_INIT;
        slurp(ferr, &e);
        rc = hc_error_set(err, HC_ERR_IO, "error while running command %s. error output:\n%.*s: %s",
                          abs, (int)e.len, e.data ? e.data : "", hc_buf_str(&why));
        hc_buf_release(&e);
    } else {
        slurp(fout, out);
        if (!hc_buf_ok(out))
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&why);
done:
    for (size_t i = 0; argv && i <= nargs; i++)
        free(argv[i]);
    free(argv);
    if (fin >= 0)
        close(fin);
    if (fout >= 0)
        close(fout);
    if (ferr >= 0)
        close(ferr);
    return rc;
}
