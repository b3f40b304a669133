#!/bin/bash
# pg-fixture.sh - a throwaway PostgreSQL server for the SQL driver's tests.
#
#   tests/pg/pg-fixture.sh COMMAND [ARGS...]   run COMMAND with the server up, exit with its code
#   tests/pg/pg-fixture.sh                     start it, print the connection strings, wait for ^C
#
# Makes a cluster with initdb in a new temporary folder (trust authentication, superuser
# "postgres"), starts it on 127.0.0.1 on a free port with its unix socket in that folder,
# creates the database "helm", and exports:
#
#   HELMC_TEST_PG_URL     postgres://postgres@127.0.0.1:PORT/helm?sslmode=disable (Helm's form)
#   HELMC_TEST_PG_SOCKET  host=FOLDER port=PORT user=postgres dbname=helm sslmode=disable
#   HELMC_TEST_PG_PORT    PORT
#   HELMC_TEST_PG_BIN     the folder of PostgreSQL's programs (psql, pg_dump, ...)
#
# The server is stopped and the folder removed on exit, whatever happens.  initdb refuses to
# run as root, so as root the server runs as the "postgres" user (or "nobody").  Exits 77
# (skip) when PostgreSQL's programs are not installed.

bin=
for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && bin=$d
done
if [ -z "$bin" ]; then
    echo "skip: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)" >&2
    exit 77
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/helmc-pg-XXXXXX") || exit 1
as=()
if [ "$(id -u)" = 0 ]; then
    user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$dir" || exit 1
    as=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups --)
    if ! "${as[@]}" test -w "$dir"; then # a TMPDIR the server's user cannot reach
        rm -rf "$dir"
        dir=$(mktemp -d /tmp/helmc-pg-XXXXXX) || exit 1
        chown "$user" "$dir" || exit 1
    fi
fi
chmod 755 "$dir"

stop() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
        2>/dev/null || echo $((20000 + RANDOM % 20000))
}

if ! (cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 \
        --no-sync >"$dir/initdb.log" 2>&1); then
    echo "pg-fixture: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
fi

started=
for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if (cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
            start >/dev/null 2>&1); then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    echo "pg-fixture: the server did not start:" >&2
    cat "$dir/server.log" >&2
    exit 1
fi
if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres helm; then
    echo "pg-fixture: createdb failed" >&2
    exit 1
fi

export HELMC_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/helm?sslmode=disable"
export HELMC_TEST_PG_SOCKET="host=$dir port=$port user=postgres dbname=helm sslmode=disable"
export HELMC_TEST_PG_PORT=$port
export HELMC_TEST_PG_BIN=$bin

if [ $# -eq 0 ]; then
    echo "HELMC_TEST_PG_URL=$HELMC_TEST_PG_URL"
    echo "HELMC_TEST_PG_SOCKET=$HELMC_TEST_PG_SOCKET"
    echo "PostgreSQL is running; ^C stops it." >&2
    while :; do sleep 3600; done
fi
"$@"
