# repo-server.sh - a throwaway chart repository server for tests: nginx on a free loopback
# port, serving a directory, over HTTP or HTTPS (a CA made on the spot), optionally behind
# basic auth.  Sourced, not run:
#
#   . tests/net/repo-server.sh
#   repo_server_start DIR [--tls] [--auth USER:PASS]   # returns non-zero if it cannot start
#   ... use $REPO_URL (http://127.0.0.1:PORT or https://...), $REPO_CA (the CA's PEM, with
#       --tls; also $REPO_CLIENT_CERT/$REPO_CLIENT_KEY, a client pair the CA signed) ...
#   repo_server_stop                                    # also run by the EXIT trap it sets
#
#   repo_fixture_charts HELMC DIR   # optional: DIR gets demo 0.1.0, 0.2.0 and 1.0.0-rc.1,
#                                   # other 1.0.0 (packaged by HELMC) and their index.yaml
#
# DIR is served as is: put chart archives and an index.yaml in it (helmc package, helmc
# repo index).  Unknown paths answer 404.  Needs nginx (Debian nginx-light), openssl for
# --tls/--auth and python3 to find a free port; repo_server_start returns 77 when one is
# missing, so a test can skip.  One server per shell; every file lives in a temporary
# directory removed at stop; an EXIT trap already set is kept and runs after the stop.  The server runs in the foreground of a background job
# (master_process off), so no worker changes user and nothing outlives the test.

REPO_SERVER_PID=
REPO_SERVER_TMP=
REPO_SERVER_PREV_TRAP=

repo_server_start() {
    local dir=$1 tls= auth= port scheme=http i
    shift
    while [ $# -gt 0 ]; do
        case $1 in
        --tls) tls=1 ;;
        --auth) auth=$2; shift ;;
        *) echo "repo_server_start: unknown option $1" >&2; return 2 ;;
        esac
        shift
    done
    local nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    [ -x "$nginx" ] && command -v python3 >/dev/null || return 77
    if [ -n "$tls$auth" ]; then command -v openssl >/dev/null || return 77; fi
    dir=$(cd "$dir" && pwd) || return 2
    REPO_SERVER_TMP=$(mktemp -d) || return 2
    local prev
    prev=$(trap -p EXIT)
    if [ -n "$prev" ]; then
        eval "set -- $prev"
        REPO_SERVER_PREV_TRAP=$3
    fi
    trap 'repo_server_stop; eval "$REPO_SERVER_PREV_TRAP"' EXIT
    local t=$REPO_SERVER_TMP
    mkdir -p "$t/tmp"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local listen="listen 127.0.0.1:$port;" tlsconf= authconf=
    if [ -n "$tls" ]; then
        scheme=https
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=helmc-test-ca \
            -keyout "$t/ca.key" -out "$t/ca.pem" 2>/dev/null &&
        openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \
            -keyout "$t/server.key" -out "$t/server.csr" 2>/dev/null &&
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$t/san.ext" &&
        openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" \
            -CAcreateserial -days 2 -extfile "$t/san.ext" -out "$t/server.pem" 2>/dev/null &&
        openssl req -newkey rsa:2048 -nodes -subj /CN=helmc-client \
            -keyout "$t/client.key" -out "$t/client.csr" 2>/dev/null &&
        openssl x509 -req -in "$t/client.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" \
            -CAcreateserial -days 2 -out "$t/client.pem" 2>/dev/null || return 2
        listen="listen 127.0.0.1:$port ssl;"
        tlsconf="ssl_certificate $t/server.pem; ssl_certificate_key $t/server.key;"
        REPO_CA=$t/ca.pem REPO_CLIENT_CERT=$t/client.pem REPO_CLIENT_KEY=$t/client.key
    fi
    if [ -n "$auth" ]; then
        printf '%s:%s\n' "${auth%%:*}" "$(openssl passwd -apr1 "${auth#*:}")" >"$t/htpasswd"
        authconf="auth_basic helmc-test; auth_basic_user_file $t/htpasswd;"
    fi
    cat >"$t/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $t/nginx.pid;
error_log $t/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log $t/access.log;
    client_body_temp_path $t/tmp;
    proxy_temp_path $t/tmp;
    fastcgi_temp_path $t/tmp;
    uwsgi_temp_path $t/tmp;
    scgi_temp_path $t/tmp;
    server {
        $listen
        server_name localhost;
        $tlsconf
        $authconf
        root $dir;
    }
}
CONF
    "$nginx" -p "$t" -c "$t/nginx.conf" >"$t/stdout.log" 2>&1 &
    REPO_SERVER_PID=$!
    for i in $(seq 100); do
        if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
            REPO_URL=$scheme://127.0.0.1:$port
            export REPO_URL REPO_CA REPO_CLIENT_CERT REPO_CLIENT_KEY
            return 0
        fi
        kill -0 "$REPO_SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "repo_server_start: nginx did not start:" >&2
    cat "$t/stdout.log" "$t/error.log" >&2 2>/dev/null
    repo_server_stop
    return 2
}

repo_server_stop() {
    if [ -n "$REPO_SERVER_PID" ]; then
        kill "$REPO_SERVER_PID" 2>/dev/null
        wait "$REPO_SERVER_PID" 2>/dev/null
        REPO_SERVER_PID=
    fi
    if [ -n "$REPO_SERVER_TMP" ]; then
        rm -rf "$REPO_SERVER_TMP"
        REPO_SERVER_TMP=
    fi
}

repo_fixture_charts() {
    local helmc=$1 dir=$2 src v
    src=$(mktemp -d) || return 2
    mkdir -p "$dir" "$src/demo/templates" "$src/other"
    for v in 0.1.0 0.2.0 1.0.0-rc.1; do
        printf 'apiVersion: v2\nname: demo\ndescription: A Helm chart for Kubernetes\nversion: %s\nappVersion: "1.16.0"\n' \
            "$v" >"$src/demo/Chart.yaml"
        printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n' \
            >"$src/demo/templates/cm.yaml"
        "$helmc" package "$src/demo" -d "$dir" >/dev/null || { rm -rf "$src"; return 2; }
    done
    printf 'apiVersion: v2\nname: other\nversion: 1.0.0\nappVersion: "2.3"\ndescription: %s\nkeywords: [web, database, demo]\n' \
        'A much longer description of a chart that goes past fifty columns easily' \
        >"$src/other/Chart.yaml"
    "$helmc" package "$src/other" -d "$dir" >/dev/null &&
        "$helmc" repo index "$dir" >/dev/null
    local rc=$?
    rm -rf "$src"
    return $rc
}
