/*
 * sql.c - the SQL driver: release records in PostgreSQL, through libpq.
 *
 * Mirrors Helm's pkg/storage/driver/sql.go so that Helm and helmc share one
 * database (docs/internals/storage.md, "The SQL driver"):
 *
 *   releases_v1       one row per revision: key (sh.helm.release.v1.N.vR),
 *                     type, body (base64(gzip(json)), as the Secret driver
 *                     stores it), name, namespace, version, status,
 *                     owner ('helm'), createdAt, modifiedAt (Unix seconds)
 *   custom_labels_v1  Helm's --labels rows (helmc writes none; deleting a
 *                     revision deletes its rows, as Helm does)
 *   gorp_migrations   the migrations applied: 'custom_labels' and 'init'
 *
 * What it queries mirrors Helm: get reads a row by key and namespace whatever
 * its owner; history, list and revisions see only owner 'helm' rows; the
 * columns choose rows, the body is what is returned.  Where Helm says
 * nothing (an update of an absent row), the driver keeps the storage
 * contract (release: not found).
 *
 * Invariants: the schema is created under a session advisory lock (two
 * first connections cannot both create it); a revision is inserted with one
 * INSERT, so the (key, namespace) primary key makes create exclusive even
 * for writers that take no lock (Helm itself takes none); the release lock
 * is a session advisory lock, so it dies with the connection.
 */
#include "storage/storage_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "storage/pq_api.h"

/* Helm's sqlReleaseDefaultOwner and sqlReleaseDefaultType. */
#define DEFAULT_OWNER "helm"
#define DEFAULT_TYPE  "helm.sh/release.v1"
/* lib/pq's default when the connection string names no sslmode (libpq's is "prefer"). */
#define DEFAULT_SSLMODE "require"
/* The advisory lock key held while the schema is checked and created. */
#define SETUP_LOCK_KEY "helmc/sql-driver/setup"
/* Prefix of the advisory lock key of a release: PREFIX ns "/" name. */
#define RELEASE_LOCK_PREFIX "helmc/release/"
/* Ceiling on one error message taken from the server. */
#define MAX_ERR_TEXT 400
/* Helm's two migrations. */
#define NMIGRATIONS 2

struct sql_driver {
    struct hc_storage_driver base;
    PGconn *conn;
    char *password; /* from the connection string, to keep it out of messages; NULL: none */
};

static struct sql_driver *sql_of(struct hc_storage_driver *d)
{
    return (struct sql_driver *)d;
}

/* ---------------------------------------------------------------- errors */

/*
 * One line of text: the first line of s (at most MAX_ERR_TEXT bytes), with
 * the password, if it appears, masked.  buf has MAX_ERR_TEXT + 1 bytes.
 */
static const char *one_line(const struct sql_driver *s, const char *text, char *buf)
{
    size_t n = strcspn(text ? text : "", "\r\n");
    if (n > MAX_ERR_TEXT)
        n = MAX_ERR_TEXT;
    memcpy(buf, text ? text : "", n);
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
    if (s && s->password && *s->password) {
        size_t pn = strlen(s->password);
        for (char *p = buf; (p = strstr(p, s->password)) != NULL; p += pn)
            memset(p, 'x', pn);
    }
    return buf;
}

/*
 * A server-side error as lib/pq words it, "pq: " and the primary message;
 * otherwise libpq's own first line.
 */
static hc_status pq_error(struct sql_driver *s, const PGresult *res, struct hc_error *err)
{
    char buf[MAX_ERR_TEXT + 1];
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (primary)
        return hc_error_set(err, HC_ERR_IO, "pq: %s", one_line(s, primary, buf));
    return hc_error_set(err, HC_ERR_IO, "pq: %s", one_line(s, PQerrorMessage(s->conn), buf));
}

/*
 * A failed connection in one line.  libpq reports a server's refusal as
 * "connection to server at ... failed: FATAL:  MESSAGE"; lib/pq, which Helm
 * uses, says "pq: MESSAGE", and "pq: SSL is not enabled on the server" where
 * libpq says the server "does not support SSL, but SSL was required".
 */
static hc_status connect_error(struct sql_driver *s, struct hc_error *err)
{
    char buf[MAX_ERR_TEXT + 1];
    const char *msg = PQerrorMessage(s->conn);
    const char *fatal = strstr(msg, "FATAL:  ");
    if (strstr(msg, "does not support SSL, but SSL was required"))
        return hc_error_set(err, HC_ERR_IO, "pq: SSL is not enabled on the server");
    if (fatal)
        return hc_error_set(err, HC_ERR_IO, "pq: %s",
                            one_line(s, fatal + strlen("FATAL:  "), buf));
    return hc_error_set(err, HC_ERR_IO, "%s", one_line(s, msg, buf));
}

/* ---------------------------------------------------------------- queries */

/*
 * Runs one statement with text parameters; *out (when not NULL) gets the
 * result, which the caller clears.  HC_ERR_IO "pq: ..." on failure.
 */
static hc_status run(struct sql_driver *s, const char *sql, int n, const char *const *params,
                     PGresult **out, struct hc_error *err)
{
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        hc_status rc = pq_error(s, res, err);
        PQclear(res);
        return rc;
    }
    if (out)
        *out = res;
    else
        PQclear(res);
    return HC_OK;
}

/* Runs statements without parameters (several may be separated by ';'). */
static hc_status run_plain(struct sql_driver *s, const char *sql, struct hc_error *err)
{
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    hc_status rc = HC_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pq_error(s, res, err);
    PQclear(res);
    return rc;
}

/* Ends a transaction that failed; its own failure adds nothing to the first error. */
static void rollback(struct sql_driver *s)
{
    PQclear(PQexec(s->conn, "ROLLBACK"));
}

/* ---------------------------------------------------------------- the schema */

/*
 * Helm's two migrations (rubenv/sql-migrate), by id.  sql-migrate applies
 * them in id order, so custom_labels goes first.  Column names are left
 * unquoted, as Helm leaves them, so createdAt is stored as createdat.
 */
static const struct {
    const char *id;
    const char *up;
} migrations[NMIGRATIONS] = {
    {"custom_labels",
     "CREATE TABLE custom_labels_v1 ("
     " releaseKey VARCHAR(64), releaseNamespace VARCHAR(67),"
     " key VARCHAR(317), value VARCHAR(63));"
     "CREATE INDEX ON custom_labels_v1 (releaseKey, releaseNamespace);"
     "GRANT ALL ON custom_labels_v1 TO PUBLIC;"
     "ALTER TABLE custom_labels_v1 ENABLE ROW LEVEL SECURITY;"},
    {"init",
     "CREATE TABLE releases_v1 ("
     " key VARCHAR(90), type VARCHAR(64) NOT NULL, body TEXT NOT NULL,"
     " name VARCHAR(64) NOT NULL, namespace VARCHAR(64) NOT NULL, version INTEGER NOT NULL,"
     " status TEXT NOT NULL, owner TEXT NOT NULL, createdAt INTEGER NOT NULL,"
     " modifiedAt INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (key, namespace));"
     "CREATE INDEX ON releases_v1 (key, namespace);"
     "CREATE INDEX ON releases_v1 (version);"
     "CREATE INDEX ON releases_v1 (status);"
     "CREATE INDEX ON releases_v1 (owner);"
     "CREATE INDEX ON releases_v1 (createdAt);"
     "CREATE INDEX ON releases_v1 (modifiedAt);"
     "GRANT ALL ON releases_v1 TO PUBLIC;"
     "ALTER TABLE releases_v1 ENABLE ROW LEVEL SECURITY;"},
};

/* Whether migration i is recorded in gorp_migrations (false when the table is missing). */
static void applied_migrations(struct sql_driver *s, bool applied[NMIGRATIONS])
{
    for (size_t i = 0; i < NMIGRATIONS; i++)
        applied[i] = false;
    PGresult *res = PQexec(s->conn, "SELECT id FROM gorp_migrations");
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
        for (int r = 0; r < PQntuples(res); r++)
            for (size_t i = 0; i < NMIGRATIONS; i++)
                if (strcmp(PQgetvalue(res, r, 0), migrations[i].id) == 0)
                    applied[i] = true;
    PQclear(res);
}

static bool all_applied(const bool applied[NMIGRATIONS])
{
    for (size_t i = 0; i < NMIGRATIONS; i++)
        if (!applied[i])
            return false;
    return true;
}

/*
 * Helm's ensureDBSetup: nothing when every migration is recorded, else the
 * bookkeeping table (as sql-migrate creates it) and each missing migration
 * in its own transaction with its row.  Serialised by an advisory lock, and
 * checked again under it.
 */
static hc_status ensure_setup(struct sql_driver *s, struct hc_error *err)
{
    bool applied[NMIGRATIONS];
    applied_migrations(s, applied);
    if (all_applied(applied))
        return HC_OK;
    const char *key[] = {SETUP_LOCK_KEY};
    hc_status rc = run(s, "SELECT pg_advisory_lock(hashtextextended($1, 0))", 1, key, NULL, err);
    if (rc != HC_OK)
        return rc;
    applied_migrations(s, applied);
    if (!all_applied(applied))
        rc = run_plain(s,
                       "CREATE TABLE IF NOT EXISTS gorp_migrations"
                       " (id text NOT NULL PRIMARY KEY, applied_at timestamp with time zone)",
                       err);
    for (size_t i = 0; i < NMIGRATIONS && rc == HC_OK; i++) {
        if (applied[i])
            continue;
        const char *id[] = {migrations[i].id};
        rc = run_plain(s, "BEGIN", err);
        if (rc == HC_OK)
            rc = run_plain(s, migrations[i].up, err);
        if (rc == HC_OK)
            rc = run(s, "INSERT INTO gorp_migrations (id, applied_at) VALUES ($1, now())", 1, id,
                     NULL, err);
        if (rc == HC_OK)
            rc = run_plain(s, "COMMIT", err);
        else
            rollback(s);
    }
    PQclear(PQexecParams(s->conn, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", 1, NULL,
                         key, NULL, NULL, 0));
    return rc;
}

/* ---------------------------------------------------------------- reading */

/* Starts b with the revision's storage key; HC_ERR_NOMEM (b released). */
static hc_status key_of(struct hc_buf *b, const char *name, int64_t version, struct hc_error *err)
{
    hc_rstr n = {name, strlen(name)};
    hc_buf_init(b, 0);
    hc_release_storage_key(b, n, version);
    if (hc_buf_ok(b))
        return HC_OK;
    hc_buf_release(b);
    return hc_error_nomem(err);
}

static hc_status decode_body(struct hc_arena *a, const PGresult *res, int row, int col,
                             struct hc_release **out, struct hc_error *err)
{
    return hc_release_decode(a, PQgetvalue(res, row, col), (size_t)PQgetlength(res, row, col), 0,
                             out, err);
}

static hc_status sql_get(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                         const char *name, int64_t version, struct hc_release **out,
                         struct hc_error *err)
{
    struct sql_driver *s = sql_of(d);
    struct hc_buf key;
    if (key_of(&key, name, version, err) != HC_OK)
        return HC_ERR_NOMEM;
    const char *params[] = {hc_buf_str(&key), ns};
    PGresult *res;
    hc_status rc = run(s, "SELECT body FROM releases_v1 WHERE key = $1 AND namespace = $2", 2,
                       params, &res, err);
    hc_buf_release(&key);
    if (rc != HC_OK)
        return rc;
    if (PQntuples(res) == 0)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    else if ((rc = decode_body(a, res, 0, 0, out, err)) != HC_OK && rc != HC_ERR_NOMEM)
        rc = HC_ERR_PARSE; /* the decoder's own message: Helm's SQL Get adds no prefix */
    PQclear(res);
    return rc;
}

/* Decodes rows of (key, body) into out, skipping and reporting unreadable ones. */
static hc_status collect(struct hc_arena *a, const PGresult *res, struct hc_release_list *out,
                         struct hc_error *err)
{
    for (int row = 0; row < PQntuples(res); row++) {
        struct hc_release *r;
        struct hc_error e;
        hc_error_init(&e);
        hc_status rc = decode_body(a, res, row, 1, &r, &e);
        if (rc == HC_OK)
            rc = hc_storage_list_add(a, out, r, err);
        else if (rc == HC_ERR_NOMEM)
            rc = hc_error_nomem(err);
        else
            rc = hc_storage_list_skip(a, out, PQgetvalue(res, row, 0), hc_error_msg(&e), err);
        hc_error_release(&e);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/* Runs a query of (key, body) rows and decodes them into out. */
static hc_status query_records(struct hc_storage_driver *d, struct hc_arena *a, const char *sql,
                               int n, const char *const *params, struct hc_release_list *out,
                               struct hc_error *err)
{
    PGresult *res;
    hc_status rc = run(sql_of(d), sql, n, params, &res, err);
    if (rc != HC_OK)
        return rc;
    rc = collect(a, res, out, err);
    PQclear(res);
    return rc;
}

static hc_status sql_history(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                             const char *name, struct hc_release_list *out, struct hc_error *err)
{
    const char *params[] = {name, DEFAULT_OWNER, ns};
    return query_records(d, a,
                         "SELECT key, body FROM releases_v1"
                         " WHERE name = $1 AND owner = $2 AND namespace = $3",
                         3, params, out, err);
}

static hc_status sql_list(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                          struct hc_release_list *out, struct hc_error *err)
{
    const char *params[] = {DEFAULT_OWNER, ns};
    if (!ns)
        return query_records(d, a, "SELECT key, body FROM releases_v1 WHERE owner = $1", 1,
                             params, out, err);
    return query_records(d, a,
                         "SELECT key, body FROM releases_v1 WHERE owner = $1 AND namespace = $2",
                         2, params, out, err);
}

static hc_status sql_revisions(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                               const char *name, int64_t **out, size_t *n, struct hc_error *err)
{
    const char *params[] = {name, DEFAULT_OWNER, ns};
    PGresult *res;
    hc_status rc = run(sql_of(d),
                       "SELECT version FROM releases_v1"
                       " WHERE name = $1 AND owner = $2 AND namespace = $3 ORDER BY version",
                       3, params, &res, err);
    if (rc != HC_OK)
        return rc;
    size_t rows = (size_t)PQntuples(res);
    *out = NULL;
    *n = 0;
    if (rows > 0 && !(*out = hc_arena_alloc(a, hc_mul_size(rows, sizeof **out))))
        rc = hc_error_nomem(err);
    for (size_t i = 0; i < rows && rc == HC_OK; i++)
        (*out)[(*n)++] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
    PQclear(res);
    return rc;
}

/* ---------------------------------------------------------------- writing */

/* The text of the columns a write sets, kept together for the call. */
struct row {
    struct hc_buf key, body;
    char version[24], now[24];
    char name[KEYPART_MAX];
    const char *status;
    char *status_owned;
};

static void row_release(struct row *w)
{
    hc_buf_release(&w->key);
    hc_buf_release(&w->body);
    hc_free(w->status_owned);
}

/* Fills w from r; on failure w is released already. */
static hc_status row_fill(const struct hc_release *r, struct row *w, struct hc_error *err)
{
    memset(w, 0, sizeof *w);
    hc_buf_init(&w->key, 0);
    hc_buf_init(&w->body, 0);
    char rns[KEYPART_MAX];
    hc_status rc = hc_storage_record_key(r, rns, w->name, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_release_encode(&w->body, r, r->format, err);
    if (rc == HC_OK)
        rc = key_of(&w->key, w->name, r->version, err);
    if (rc != HC_OK)
        return rc;
    snprintf(w->version, sizeof w->version, "%lld", (long long)r->version);
    snprintf(w->now, sizeof w->now, "%lld", (long long)time(NULL));
    w->status = "";
    if (r->info && r->info->status.n) {
        if (memchr(r->info->status.p, '\0', r->info->status.n))
            return hc_error_set(err, HC_ERR_INVALID, "release status holds a NUL byte");
        w->status_owned = hc_malloc(r->info->status.n + 1);
        if (!w->status_owned)
            return hc_error_nomem(err);
        memcpy(w->status_owned, r->info->status.p, r->info->status.n);
        w->status_owned[r->info->status.n] = '\0';
        w->status = w->status_owned;
    }
    if (!hc_buf_ok(&w->body) || !hc_buf_str(&w->body))
        return hc_error_nomem(err);
    return HC_OK;
}

static hc_status row_of(const struct hc_release *r, struct row *w, struct hc_error *err)
{
    hc_status rc = row_fill(r, w, err);
    if (rc != HC_OK)
        row_release(w);
    return rc;
}

/*
 * Create: one INSERT, Helm's columns, createdAt now; the primary key makes it
 * exclusive.  Update: Helm's SET list, modifiedAt now; an absent row is
 * reported.  Both statements take the same nine parameters (update leaves
 * the type alone, so its parameter is typed for PostgreSQL).
 */
static hc_status put(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                     bool create, struct hc_error *err)
{
    struct sql_driver *s = sql_of(d);
    struct row w;
    hc_status rc = row_of(r, &w, err);
    if (rc != HC_OK)
        return rc;
    const char *params[] = {hc_buf_str(&w.key), DEFAULT_TYPE,  hc_buf_str(&w.body), w.name, ns,
                            w.version,          w.status,      DEFAULT_OWNER,       w.now};
    static const Oid types[] = {0, 25 /* text */, 0, 0, 0, 0, 0, 0, 0};
    PGresult *res = PQexecParams(
        s->conn,
        create ? "INSERT INTO releases_v1 (key, type, body, name, namespace, version, status,"
                 " owner, createdAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
               : "UPDATE releases_v1 SET body = $3, name = $4, version = $6, status = $7,"
                 " owner = $8, modifiedAt = $9 WHERE key = $1 AND namespace = $5"
                 " AND $2::text IS NOT NULL",
        9, types, params, NULL, NULL, 0);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        if (create && state && strcmp(state, "23505") == 0) /* unique_violation: the key */
            rc = hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_EXISTS);
        else
            rc = pq_error(s, res, err);
    } else if (!create && strcmp(PQcmdTuples(res), "0") == 0) {
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    }
    PQclear(res);
    row_release(&w);
    return rc;
}

static hc_status sql_create(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                            struct hc_error *err)
{
    return put(d, ns, r, true, err);
}

static hc_status sql_update(struct hc_storage_driver *d, const char *ns, const struct hc_release *r,
                            struct hc_error *err)
{
    return put(d, ns, r, false, err);
}

static hc_status sql_remove(struct hc_storage_driver *d, struct hc_arena *a, const char *ns,
                            const char *name, int64_t version, struct hc_release **out,
                            struct hc_error *err)
{
    struct sql_driver *s = sql_of(d);
    if (out)
        *out = NULL;
    struct hc_buf key;
    if (key_of(&key, name, version, err) != HC_OK)
        return HC_ERR_NOMEM;
    const char *params[] = {hc_buf_str(&key), ns};
    PGresult *res = NULL;
    hc_status rc = run_plain(s, "BEGIN", err);
    if (rc == HC_OK)
        rc = run(s,
                 "DELETE FROM releases_v1 WHERE key = $1 AND namespace = $2 RETURNING body", 2,
                 params, &res, err);
    if (rc == HC_OK && PQntuples(res) == 0)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, HC_STORAGE_ERR_NOT_FOUND);
    if (rc == HC_OK)
        rc = run(s, "DELETE FROM custom_labels_v1 WHERE releaseKey = $1 AND releaseNamespace = $2",
                 2, params, NULL, err);
    if (rc == HC_OK)
        rc = run_plain(s, "COMMIT", err);
    else
        rollback(s);
    if (rc == HC_OK && out) {
        /* A record that cannot be read is removed all the same; the caller gets NULL. */
        struct hc_error e;
        hc_error_init(&e);
        if (decode_body(a, res, 0, 0, out, &e) != HC_OK)
            *out = NULL;
        hc_error_release(&e);
    }
    PQclear(res);
    hc_buf_release(&key);
    return rc;
}

/* ---------------------------------------------------------------- locking */

/*
 * The release lock: a session-level advisory lock on a 64-bit hash of
 * "helmc/release/NS/NAME".  PostgreSQL counts a session's locks, which makes
 * it reentrant per handle; a collision of two hashes only serialises more.
 */
static hc_status lock_key(const char *ns, const char *name, struct hc_buf *b,
                          struct hc_error *err)
{
    hc_buf_init(b, 0);
    hc_buf_printf(b, RELEASE_LOCK_PREFIX "%s/%s", ns, name);
    if (hc_buf_ok(b))
        return HC_OK;
    hc_buf_release(b);
    return hc_error_nomem(err);
}

static hc_status sql_lock(struct hc_storage_driver *d, const char *ns, const char *name, bool wait,
                          struct hc_error *err)
{
    struct hc_buf key;
    hc_status rc = lock_key(ns, name, &key, err);
    if (rc != HC_OK)
        return rc;
    const char *params[] = {hc_buf_str(&key)};
    PGresult *res;
    rc = run(sql_of(d),
             wait ? "SELECT pg_advisory_lock(hashtextextended($1, 0)), true"
                  : "SELECT 0, pg_try_advisory_lock(hashtextextended($1, 0))",
             1, params, &res, err);
    hc_buf_release(&key);
    if (rc != HC_OK)
        return rc;
    if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
        rc = hc_error_set(err, HC_ERR_EXISTS, HC_STORAGE_ERR_LOCKED);
    PQclear(res);
    return rc;
}

static void sql_unlock(struct hc_storage_driver *d, const char *ns, const char *name)
{
    struct hc_buf key;
    if (lock_key(ns, name, &key, NULL) != HC_OK)
        return; /* out of memory: the lock goes when the connection closes */
    const char *params[] = {hc_buf_str(&key)};
    PQclear(PQexecParams(sql_of(d)->conn, "SELECT pg_advisory_unlock(hashtextextended($1, 0))", 1,
                         NULL, params, NULL, NULL, 0));
    hc_buf_release(&key);
}

/* ---------------------------------------------------------------- the handle */

static void sql_free(struct hc_storage_driver *d)
{
    struct sql_driver *s = sql_of(d);
    PQfinish(s->conn); /* the server drops the session's advisory locks */
    if (s->password) {
        memset(s->password, 0, strlen(s->password));
        hc_free(s->password);
    }
    hc_free(s);
}

static const struct hc_storage_driver_ops sql_ops = {
    "SQL",      sql_get,  sql_history, sql_list, sql_create,    sql_update,
    sql_remove, sql_lock, sql_unlock,  sql_free, sql_revisions,
};

/*
 * The password of a connection string libpq cannot parse (its message may
 * quote the string): a URI's user:PASSWORD@, or a "password=" word.  NULL
 * when there is none; HC_ERR_NOMEM.
 */
static hc_status guess_password(const char *cs, char **out, struct hc_error *err)
{
    const char *p = NULL, *end = NULL;
    const char *scheme = strstr(cs, "://");
    if (scheme) {
        const char *user = scheme + 3;
        const char *at = strrchr(user, '@');
        const char *colon = at ? memchr(user, ':', (size_t)(at - user)) : NULL;
        if (colon) {
            p = colon + 1;
            end = at;
        }
    } else if ((p = strstr(cs, "password")) != NULL) {
        p += strlen("password");
        while (*p == ' ' || *p == '=')
            p++;
        end = p + strcspn(p, " \t\n");
    }
    *out = NULL;
    if (!p || end <= p)
        return HC_OK;
    if (!(*out = hc_malloc((size_t)(end - p) + 1)))
        return hc_error_nomem(err);
    memcpy(*out, p, (size_t)(end - p));
    (*out)[end - p] = '\0';
    return HC_OK;
}

/*
 * Reads the connection string's options: whether it names an sslmode, and
 * its password (copied, to be masked in messages).  A string libpq cannot
 * parse is reported by the connection attempt itself.
 */
static hc_status read_options(struct sql_driver *s, const char *conn_string, bool *has_sslmode,
                              struct hc_error *err)
{
    *has_sslmode = false;
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(conn_string, &msg);
    PQfreemem(msg);
    if (!opts)
        return guess_password(conn_string, &s->password, err);
    hc_status rc = HC_OK;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val)
            continue;
        if (strcmp(o->keyword, "sslmode") == 0)
            *has_sslmode = true;
        if (strcmp(o->keyword, "password") == 0 && *o->val && !s->password) {
            size_t n = strlen(o->val) + 1;
            if (!(s->password = hc_malloc(n)))
                rc = hc_error_nomem(err);
            else
                memcpy(s->password, o->val, n);
        }
    }
    PQconninfoFree(opts);
    return rc;
}

/* The server's notices ("relation ... already exists, skipping") are not for the user. */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

hc_status hc_storage_sql_new(const char *conn_string, struct hc_storage_driver **out,
                             struct hc_error *err)
{
    hc_status rc = hc_pq_load(err);
    if (rc != HC_OK)
        return rc;
    struct sql_driver *s = hc_calloc(1, sizeof *s);
    if (!s)
        return hc_error_nomem(err);
    s->base.ops = &sql_ops;
    bool has_sslmode;
    rc = read_options(s, conn_string, &has_sslmode, err);
    if (rc != HC_OK) {
        sql_free(&s->base);
        return rc;
    }
    /*
     * Keywords before "dbname" are defaults the expanded string overrides:
     * sslmode=require unless the string or PGSSLMODE chooses one, as lib/pq.
     */
    bool default_ssl = !has_sslmode && !getenv("PGSSLMODE");
    const char *keys[] = {"sslmode", "dbname", NULL};
    const char *vals[] = {DEFAULT_SSLMODE, conn_string, NULL};
    s->conn = PQconnectdbParams(default_ssl ? keys : keys + 1, default_ssl ? vals : vals + 1, 1);
    if (!s->conn) {
        sql_free(&s->base);
        return hc_error_nomem(err);
    }
    if (PQstatus(s->conn) != CONNECTION_OK)
        rc = connect_error(s, err);
    if (rc == HC_OK)
        PQsetNoticeProcessor(s->conn, quiet, NULL);
    if (rc == HC_OK)
        rc = ensure_setup(s, err);
    if (rc != HC_OK) {
        sql_free(&s->base);
        return rc;
    }
    *out = &s->base;
    return HC_OK;
}
