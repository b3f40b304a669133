/*
 * test_storage_sql.c - the SQL driver on a real PostgreSQL server: every
 * storage behaviour the file and memory drivers show (storage_cases.h), then
 * what is particular to Helm's tables: the migrations, the columns a write
 * sets, the owner filter, rows Helm wrote by hand, damaged bodies, the
 * advisory lock, connection errors, and processes racing on one release.
 *
 * Needs HELMC_TEST_PG_URL (tests/pg/pg-fixture.sh sets it; ctest runs this
 * test through it); skipped (77) without it.  Each test starts from a
 * database without Helm's tables.
 */
#include "storage_cases.h"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHARED_SAMPLES HELMC_SHARED_DIR "/release-format/samples/"

static const char *pg_url;
static PGconn *admin; /* the test's own connection, to look at and damage rows */

/* Runs SQL on the admin connection; returns the first value of the first row ("" if none). */
static const char *sql1(const char *sql)
{
    static char out[4096];
    PGresult *res = PQexec(admin, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(admin));
    out[0] = '\0';
    if (st == PGRES_TUPLES_OK && PQntuples(res) > 0)
        snprintf(out, sizeof out, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return out;
}

static void drop_tables(void)
{
    sql1("DROP TABLE IF EXISTS releases_v1, custom_labels_v1, gorp_migrations");
}

static int setup_sql(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    drop_tables();
    struct hc_error err;
    hc_error_init(&err);
    if (hc_storage_sql_new(pg_url, &f->d, &err) != HC_OK)
        fail_msg("connect: %s", hc_error_msg(&err));
    f->s.driver = f->d;
    hc_arena_init(&f->a, 0);
    hc_error_init(&f->err);
    *state = f;
    return 0;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

/* Whether s holds sub. */
static bool has(hc_rstr s, const char *sub)
{
    size_t n = strlen(sub);
    for (size_t i = 0; s.p && i + n <= s.n; i++)
        if (memcmp(s.p + i, sub, n) == 0)
            return true;
    return false;
}

/* ---------------------------------------------------------------- Helm's tables */

static void test_sql_migrations(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(sql1("SELECT string_agg(id, ',' ORDER BY id) FROM gorp_migrations"),
                        "custom_labels,init");
    char applied[128];
    snprintf(applied, sizeof applied, "%s", sql1("SELECT max(applied_at)::text FROM gorp_migrations"));
    /* The columns as Helm creates them (createdAt unquoted, so lower case). */
    assert_string_equal(
        sql1("SELECT string_agg(column_name || ' ' || data_type ||"
             " coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable ||"
             " coalesce(' ' || column_default, ''), ', ' ORDER BY ordinal_position)"
             " FROM information_schema.columns WHERE table_name = 'releases_v1'"),
        "key character varying(90) NO, type character varying(64) NO, body text NO, "
        "name character varying(64) NO, namespace character varying(64) NO, version integer NO, "
        "status text NO, owner text NO, createdat integer NO, modifiedat integer NO 0");
    assert_string_equal(
        sql1("SELECT string_agg(column_name || ' ' || data_type ||"
             " coalesce('(' || character_maximum_length || ')', ''), ', ' ORDER BY ordinal_position)"
             " FROM information_schema.columns WHERE table_name = 'custom_labels_v1'"),
        "releasekey character varying(64), releasenamespace character varying(67), "
        "key character varying(317), value character varying(63)");
    assert_string_equal(sql1("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                             " WHERE tablename = 'releases_v1'"),
                        "releases_v1_createdat_idx,releases_v1_key_namespace_idx,"
                        "releases_v1_modifiedat_idx,releases_v1_owner_idx,releases_v1_pkey,"
                        "releases_v1_status_idx,releases_v1_version_idx");
    assert_string_equal(sql1("SELECT string_agg(relname || '=' || relrowsecurity, ',' ORDER BY"
                             " relname) FROM pg_class WHERE relname IN ('releases_v1',"
                             " 'custom_labels_v1', 'gorp_migrations')"),
                        "custom_labels_v1=true,gorp_migrations=false,releases_v1=true");

    /* A second connection finds both migrations and runs nothing. */
    struct hc_storage_driver *d2;
    assert_int_equal(hc_storage_sql_new(pg_url, &d2, &f->err), HC_OK);
    hc_storage_driver_free(d2);
    assert_string_equal(sql1("SELECT max(applied_at)::text FROM gorp_migrations"), applied);

    /* Only "init" recorded (an older Helm): the missing one is applied. */
    sql1("DROP TABLE custom_labels_v1");
    sql1("DELETE FROM gorp_migrations WHERE id = 'custom_labels'");
    assert_int_equal(hc_storage_sql_new(pg_url, &d2, &f->err), HC_OK);
    hc_storage_driver_free(d2);
    assert_string_equal(sql1("SELECT string_agg(id, ',' ORDER BY id) FROM gorp_migrations"),
                        "custom_labels,init");
    assert_string_equal(sql1("SELECT count(*) FROM custom_labels_v1"), "0");
}

/* What create and update write in each column (Helm's Create and Update). */
static void test_sql_columns(void **state)
{
    struct fixture *f = *state;
    long long t0 = (long long)time(NULL);
    struct hc_release *r = su_record(&f->a, "team-a", "colrel", 1, "pending-install");
    assert_int_equal(hc_storage_create(&f->s, r, &f->err), HC_OK);
    long long t1 = (long long)time(NULL);
    assert_string_equal(sql1("SELECT concat_ws('|', key, type, name, namespace, version, status,"
                             " owner, modifiedat, left(body, 13)) FROM releases_v1"),
                        "sh.helm.release.v1.colrel.v1|helm.sh/release.v1|colrel|team-a|1|"
                        "pending-install|helm|0|H4sIAAAAAAAC/");
    long long created = atoll(sql1("SELECT createdat FROM releases_v1"));
    assert_true(created >= t0 && created <= t1);

    r->info->status = su_str("deployed");
    sql1("UPDATE releases_v1 SET owner = 'someone'");
    assert_int_equal(hc_storage_update(&f->s, r, &f->err), HC_OK);
    long long t2 = (long long)time(NULL);
    assert_string_equal(sql1("SELECT status || '|' || owner FROM releases_v1"), "deployed|helm");
    long long modified = atoll(sql1("SELECT modifiedat FROM releases_v1"));
    assert_true(modified >= t0 && modified <= t2);
    assert_int_equal(atoll(sql1("SELECT createdat FROM releases_v1")), created);

    /* A record without a namespace goes to "default". */
    struct hc_release *nons = su_record(&f->a, "", "nons", 1, "deployed");
    assert_int_equal(hc_storage_create(&f->s, nons, &f->err), HC_OK);
    assert_string_equal(sql1("SELECT namespace FROM releases_v1 WHERE name = 'nons'"), "default");
}

/* Rows of another owner: out of history, list and last, still there for get (as Helm). */
static void test_sql_owner(void **state)
{
    struct fixture *f = *state;
    put(f, "own", 1, "superseded");
    put(f, "own", 2, "deployed");
    sql1("UPDATE releases_v1 SET owner = 'someone' WHERE version = 2");
    assert_string_equal(revisions(f, "own"), "1");
    struct hc_release *r;
    assert_int_equal(hc_storage_last(&f->s, &f->a, NULL, "own", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 1);
    assert_int_equal(hc_storage_get(&f->s, &f->a, NULL, "own", 2, &r, &f->err), HC_OK);
    assert_int_equal(r->version, 2);
    struct hc_release_list l;
    assert_int_equal(hc_storage_list(&f->s, &f->a, NULL, &l, &f->err), HC_OK);
    assert_int_equal(l.n, 1);
}

/* Helm's own rows (samples/postgres-hand-insert.sql: a gzip body, a plain JSON one, a label). */
static void test_sql_helm_rows(void **state)
{
    struct fixture *f = *state;
    const char *text = slurp(SHARED_SAMPLES "postgres-hand-insert.sql");
    if (!text)
        skip();
    sql1(text);
    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "hand", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.nskipped, 0);
    assert_true(su_status_is(l.v[0], "superseded"));
    assert_true(su_status_is(l.v[1], "deployed"));
    assert_true(has(l.v[1]->manifest, "name: hand-b"));
    assert_true(has(l.v[1]->chart->metadata->version, "0.2.0"));
    struct hc_release *r;
    assert_int_equal(hc_storage_deployed(&f->s, &f->a, NULL, "hand", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 2);
    /* Upgrading over Helm's rows, then deleting one: its custom label row goes too. */
    r->info->status = su_str("superseded");
    assert_int_equal(hc_storage_update(&f->s, r, &f->err), HC_OK);
    put(f, "hand", 3, "deployed");
    assert_string_equal(revisions(f, "hand"), "1 2 3d");
    assert_string_equal(sql1("SELECT count(*) FROM custom_labels_v1"), "1");
    assert_int_equal(hc_storage_delete(&f->s, &f->a, NULL, "hand", 2, &r, &f->err), HC_OK);
    assert_non_null(r);
    assert_string_equal(sql1("SELECT count(*) FROM custom_labels_v1"), "0");
    assert_int_equal(f->err.code, HC_OK);
}

/* A damaged body: skipped by history and reported; get fails with the decoder's words. */
static void test_sql_damaged(void **state)
{
    struct fixture *f = *state;
    put(f, "dmg", 1, "superseded");
    put(f, "dmg", 2, "deployed");
    sql1("UPDATE releases_v1 SET body = 'abc!def' WHERE version = 2");
    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "dmg", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.nskipped, 1);
    assert_string_equal(l.skipped[0].key, "sh.helm.release.v1.dmg.v2");
    assert_string_equal(l.skipped[0].reason, "illegal base64 data at input byte 3");
    struct hc_release *r;
    assert_int_equal(hc_storage_get(&f->s, &f->a, NULL, "dmg", 2, &r, &f->err), HC_ERR_PARSE);
    assert_string_equal(hc_error_msg(&f->err), "illegal base64 data at input byte 3");
    hc_error_release(&f->err);
    /* last passes over it; delete removes it all the same */
    assert_int_equal(hc_storage_last(&f->s, &f->a, NULL, "dmg", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 1);
    assert_int_equal(hc_storage_delete(&f->s, &f->a, NULL, "dmg", 2, &r, &f->err), HC_OK);
    assert_null(r);
    assert_string_equal(sql1("SELECT count(*) FROM releases_v1"), "1");
}

/* The release lock excludes other handles, is reentrant, and goes with the connection. */
static void test_sql_lock(void **state)
{
    struct fixture *f = *state;
    struct hc_storage_driver *d2;
    assert_int_equal(hc_storage_sql_new(pg_url, &d2, &f->err), HC_OK);
    struct hc_storage s2 = {d2, 0};
    assert_int_equal(hc_storage_lock(&f->s, "default", "lk", true, &f->err), HC_OK);
    assert_int_equal(hc_storage_lock(&f->s, "default", "lk", false, &f->err), HC_OK);
    assert_int_equal(hc_storage_lock(&s2, "default", "lk", false, &f->err), HC_ERR_EXISTS);
    assert_string_equal(hc_error_msg(&f->err), HC_STORAGE_ERR_LOCKED);
    hc_error_release(&f->err);
    /* another release, another namespace: free */
    assert_int_equal(hc_storage_lock(&s2, "default", "other", false, &f->err), HC_OK);
    assert_int_equal(hc_storage_lock(&s2, "team-a", "lk", false, &f->err), HC_OK);
    hc_storage_unlock(&f->s, "default", "lk");
    assert_int_equal(hc_storage_lock(&s2, "default", "lk", false, &f->err), HC_ERR_EXISTS);
    hc_error_release(&f->err);
    hc_storage_unlock(&f->s, "default", "lk");
    assert_int_equal(hc_storage_lock(&s2, "default", "lk", false, &f->err), HC_OK);
    /* freeing a handle drops its locks (once its server process is gone: so wait) */
    hc_storage_driver_free(d2);
    assert_int_equal(hc_storage_lock(&f->s, "default", "lk", true, &f->err), HC_OK);
    hc_storage_unlock(&f->s, "default", "lk");
    assert_int_equal(f->err.code, HC_OK);
}

/* One line, Helm's words where it has them, never the password. */
static void test_sql_connect_errors(void **state)
{
    struct fixture *f = *state;
    struct hc_storage_driver *d = NULL;
    const char *port = getenv("HELMC_TEST_PG_PORT");
    char url[512];

    assert_int_equal(
        hc_storage_sql_new("postgres://postgres:s3cretpw@127.0.0.1:1/helm?sslmode=disable", &d,
                           &f->err),
        HC_ERR_IO);
    print_message("refused: %s\n", hc_error_msg(&f->err));
    assert_null(strstr(hc_error_msg(&f->err), "s3cretpw"));
    assert_null(strchr(hc_error_msg(&f->err), '\n'));
    assert_non_null(strstr(hc_error_msg(&f->err), "127.0.0.1"));
    hc_error_release(&f->err);

    if (!port)
        return;
    snprintf(url, sizeof url, "postgres://postgres@127.0.0.1:%s/nosuchdb?sslmode=disable", port);
    assert_int_equal(hc_storage_sql_new(url, &d, &f->err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&f->err), "pq: database \"nosuchdb\" does not exist");
    hc_error_release(&f->err);

    if (!getenv("PGSSLMODE")) { /* lib/pq's default, sslmode=require, as Helm */
        snprintf(url, sizeof url, "postgres://postgres@127.0.0.1:%s/helm", port);
        assert_int_equal(hc_storage_sql_new(url, &d, &f->err), HC_ERR_IO);
        assert_string_equal(hc_error_msg(&f->err), "pq: SSL is not enabled on the server");
        hc_error_release(&f->err);
    }

    snprintf(url, sizeof url, "postgres://nosuchrole:pw1234567@127.0.0.1:%s/helm?sslmode=disable",
             port);
    assert_int_equal(hc_storage_sql_new(url, &d, &f->err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&f->err), "pq: role \"nosuchrole\" does not exist");
    hc_error_release(&f->err);

    /* A role that does not own Helm's tables cannot use them (Helm fails the same way). */
    sql1("DROP ROLE IF EXISTS helmuser");
    sql1("CREATE ROLE helmuser LOGIN");
    snprintf(url, sizeof url, "postgres://helmuser@127.0.0.1:%s/helm?sslmode=disable", port);
    assert_int_equal(hc_storage_sql_new(url, &d, &f->err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&f->err), "pq: permission denied for schema public");
    hc_error_release(&f->err);

    /* A key=value string through the unix socket works as well as a URI. */
    const char *sock = getenv("HELMC_TEST_PG_SOCKET");
    if (sock) {
        assert_int_equal(hc_storage_sql_new(sock, &d, &f->err), HC_OK);
        struct hc_storage s2 = {d, 0};
        put(f, "viasocket", 1, "deployed");
        struct hc_release *r;
        assert_int_equal(hc_storage_last(&s2, &f->a, NULL, "viasocket", &r, &f->err), HC_OK);
        assert_int_equal(r->version, 1);
        hc_storage_driver_free(d);
    }

    /* libpq quotes a string it cannot parse: the password must not come with it */
    assert_int_equal(hc_storage_sql_new("postgres://u:pw9876543@[", &d, &f->err), HC_ERR_IO);
    print_message("bad uri: %s\n", hc_error_msg(&f->err));
    assert_null(strstr(hc_error_msg(&f->err), "pw9876543"));
    assert_null(strchr(hc_error_msg(&f->err), '\n'));
    hc_error_release(&f->err);
    /* a password the mask itself spells */
    assert_int_equal(hc_storage_sql_new("postgres://u:xxxx@[", &d, &f->err), HC_ERR_IO);
    assert_non_null(strstr(hc_error_msg(&f->err), "in URI"));
    hc_error_release(&f->err);
    assert_int_equal(hc_storage_sql_new("host=127.0.0.1 password=pw9876543 nokey", &d, &f->err),
                     HC_ERR_IO);
    print_message("bad conninfo: %s\n", hc_error_msg(&f->err));
    assert_null(strstr(hc_error_msg(&f->err), "pw9876543"));
    assert_null(strchr(hc_error_msg(&f->err), '\n'));
    assert_true(strlen(hc_error_msg(&f->err)) > 0);
    hc_error_release(&f->err);
}

/* ---------------------------------------------------------------- processes racing */

#define WORKERS     4
#define PER_WORKER  25
#define RACE_ROUNDS 200

/* The workers connect, say so, then wait here until all have, so that they race. */
static int go_fd = -1, ready_fd = -1;

static void wait_for_go(void)
{
    char c = 0;
    if (write(ready_fd, &c, 1) != 1)
        return;
    while (read(go_fd, &c, 1) < 0)
        ;
}

/* A worker's own connection (NULL on failure), made before the start signal. */
static struct hc_storage_driver *worker_connect(void)
{
    struct hc_storage_driver *d;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_storage_sql_new(pg_url, &d, &err);
    hc_error_release(&err);
    wait_for_go();
    return rc == HC_OK ? d : NULL;
}

/*
 * What an upgrade does to storage, under the lock: read the last revision,
 * create the next, supersede the old one.  Returns the revisions created.
 */
static int upgrade_worker(int id)
{
    struct hc_storage_driver *d = worker_connect();
    struct hc_error err;
    hc_error_init(&err);
    if (!d)
        return -1;
    struct hc_storage s = {d, 0};
    int made = 0;
    for (int i = 0; i < PER_WORKER; i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        if (hc_storage_lock(&s, "default", "race", true, &err) != HC_OK)
            break;
        struct hc_release *last = NULL;
        int64_t next = 1;
        if (hc_storage_last(&s, &a, "default", "race", &last, &err) == HC_OK)
            next = last->version + 1;
        hc_error_release(&err);
        struct hc_release *r = su_record(&a, "default", "race", next, "deployed");
        r->info->description = su_str(hc_arena_printf(&a, "worker %d", id));
        if (hc_storage_create(&s, r, &err) == HC_OK)
            made++;
        if (last) {
            last->info->status = su_str("superseded");
            (void)hc_storage_update(&s, last, &err);
        }
        hc_storage_unlock(&s, "default", "race");
        hc_error_release(&err);
        hc_arena_free(&a);
    }
    hc_storage_driver_free(d);
    return made;
}

/* Without the lock: every worker tries to create revisions 1..RACE_ROUNDS; the key decides. */
static int create_worker(int id)
{
    struct hc_storage_driver *d = worker_connect();
    struct hc_error err;
    hc_error_init(&err);
    if (!d)
        return -1;
    int made = 0;
    for (int v = 1; v <= RACE_ROUNDS; v++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_release *r = su_record(&a, "default", "nolock", v, "deployed");
        r->info->description = su_str(hc_arena_printf(&a, "worker %d", id));
        hc_status rc = d->ops->create(d, "default", r, &err);
        if (rc == HC_OK)
            made++;
        else if (rc != HC_ERR_EXISTS)
            made += 1000; /* anything but "already exists" is a failure */
        hc_error_release(&err);
        hc_arena_free(&a);
    }
    hc_storage_driver_free(d);
    return made;
}

static void run_workers(int (*work)(int), int made[WORKERS])
{
    pid_t pid[WORKERS];
    int fds[WORKERS][2], go[2], ready[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(ready), 0);
    for (int i = 0; i < WORKERS; i++) {
        assert_int_equal(pipe(fds[i]), 0);
        pid[i] = fork();
        assert_true(pid[i] >= 0);
        if (pid[i] == 0) {
            close(go[1]);
            close(ready[0]);
            go_fd = go[0];
            ready_fd = ready[1];
            int n = work(i);
            ssize_t w = write(fds[i][1], &n, sizeof n);
            _exit(w == (ssize_t)sizeof n ? 0 : 1);
        }
        close(fds[i][1]);
    }
    close(go[0]);
    close(ready[1]);
    char starts[WORKERS] = {0};
    for (int i = 0; i < WORKERS; i++) /* every worker connected (or failed to) */
        assert_int_equal(read(ready[0], starts, 1), 1);
    close(ready[0]);
    assert_int_equal(write(go[1], starts, sizeof starts), (ssize_t)sizeof starts);
    close(go[1]);
    for (int i = 0; i < WORKERS; i++) {
        int st;
        assert_int_equal(waitpid(pid[i], &st, 0), pid[i]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        assert_int_equal(read(fds[i][0], &made[i], sizeof made[i]), (ssize_t)sizeof made[i]);
        close(fds[i][0]);
    }
}

static void test_sql_concurrent(void **state)
{
    struct fixture *f = *state;
    int made[WORKERS];

    /* Locked upgrades: none lost, none twice, revisions 1..N without a gap. */
    run_workers(upgrade_worker, made);
    for (int i = 0; i < WORKERS; i++) {
        print_message("worker %d created %d revisions\n", i, made[i]);
        assert_int_equal(made[i], PER_WORKER);
    }
    char want[64];
    snprintf(want, sizeof want, "%d|%d|%d|1|%d", WORKERS * PER_WORKER, WORKERS * PER_WORKER,
             WORKERS * PER_WORKER, WORKERS * PER_WORKER);
    assert_string_equal(sql1("SELECT concat_ws('|', count(*), count(DISTINCT key),"
                             " count(DISTINCT version), min(version), max(version))"
                             " FROM releases_v1 WHERE name = 'race'"),
                        want);
    assert_string_equal(sql1("SELECT count(*) FROM releases_v1 WHERE name = 'race'"
                             " AND status = 'deployed'"),
                        "1");
    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "race", &l, &f->err), HC_OK);
    assert_int_equal(l.n, WORKERS * PER_WORKER);
    for (size_t i = 0; i < l.n; i++)
        assert_int_equal(l.v[i]->version, (int64_t)i + 1);

    /* Unlocked creates of the same revisions: each is made by exactly one worker. */
    run_workers(create_worker, made);
    int total = 0;
    for (int i = 0; i < WORKERS; i++) {
        print_message("unlocked worker %d created %d revisions\n", i, made[i]);
        assert_true(made[i] <= RACE_ROUNDS);
        total += made[i];
    }
    assert_int_equal(total, RACE_ROUNDS);
    snprintf(want, sizeof want, "%d", RACE_ROUNDS);
    assert_string_equal(sql1("SELECT count(DISTINCT version) FROM releases_v1"
                             " WHERE name = 'nolock'"),
                        want);
}

int main(void)
{
    pg_url = getenv("HELMC_TEST_PG_URL");
    if (!pg_url || !*pg_url) {
        fprintf(stderr, "skip: HELMC_TEST_PG_URL is not set (run through tests/pg/pg-fixture.sh)\n");
        return 77;
    }
    admin = PQconnectdb(pg_url);
    if (PQstatus(admin) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect: %s", PQerrorMessage(admin));
        PQfinish(admin);
        return 1;
    }
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
#define SQL(fn) cmocka_unit_test_setup_teardown(fn, setup_sql, teardown)
    const struct CMUnitTest tests[] = {
        SQL(test_errors),        SQL(test_round_trip),   SQL(test_prune),
        SQL(test_prune_default), SQL(test_sql_migrations), SQL(test_sql_columns),
        SQL(test_sql_owner),     SQL(test_sql_helm_rows), SQL(test_sql_damaged),
        SQL(test_sql_lock),      SQL(test_sql_connect_errors), SQL(test_sql_concurrent),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    PQfinish(admin);
    return rc;
}
