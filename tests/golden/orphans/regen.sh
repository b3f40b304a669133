#!/bin/bash
#
# regen.sh - rebuilds helm-v4-scenario-history.json: the twelve release records helm v4
# stores for t1202's scenario, run on the shared notes' fake Kubernetes API server
# (../shared/release-format/tools/fakekube.py, loopback only).  Prints the DELETE requests
# helm sent at each step, which t1202's expectations restate.
#
#   tests/golden/orphans/regen.sh [HELM] [PORT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../../.." && pwd)/shared
helm=${1:-${HELM:-$(command -v helm || true)}}
port=${2:-18561}
[ -x "$helm" ] || { echo "regen.sh: no helm binary (pass its path)" >&2; exit 1; }
tools=$shared/release-format/tools
[ -f "$tools/fakekube.py" ] || { echo "regen.sh: $tools/fakekube.py not found" >&2; exit 1; }

work=$(mktemp -d)
python3 "$tools/fakekube.py" "$port" "$work/log" >"$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
    curl -s -m 1 "http://127.0.0.1:$port/version" >/dev/null && break
    sleep 0.2
done
sed "s/18443/$port/" "$tools/kubeconfig" >"$work/kubeconfig"
export KUBECONFIG=$work/kubeconfig HOME=$work/home HELM_MAX_HISTORY=0
mkdir -p "$HOME"
flags=(--skip-crds --no-hooks --disable-openapi-validation -n prod)
chart=$here/chart

step() {
    local n=$1
    shift
    local before
    before=$(wc -l <"$work/log/requests.log" 2>/dev/null || echo 0)
    "$helm" "$@" >/dev/null 2>&1 || true
    echo "step $n deletes: $(tail -n +$((before + 1)) "$work/log/requests.log" |
        awk '$1 == "DELETE" && $2 !~ /secrets/ { print $2 }' | tr '\n' ' ')"
}
step 1 install r "$chart" "${flags[@]}" --set 'cms={a,b,k}' --set 'keep={k}'
step 2 upgrade r "$chart" "${flags[@]}" --set 'cms={a,b}'
step 3 upgrade r "$chart" "${flags[@]}" --set 'cms={a,c}'
step 4 upgrade r "$chart" "${flags[@]}" --set 'cms={a,c,n1,x-fail}'
step 5 upgrade r "$chart" "${flags[@]}" --set 'cms={a,c}'
step 6 upgrade r "$chart" "${flags[@]}" --set 'cms={a,m}' --set ns.m=other
step 7 upgrade r "$chart" "${flags[@]}" --set 'cms={a,m}' --set ns.m=third
step 8 upgrade r "$chart" "${flags[@]}" --set 'cms={a,m,n2,y-fail}' --set ns.m=third
step 9 upgrade r "$chart" "${flags[@]}" --set 'cms={a,n3,z-fail}'
step 10 rollback r 3 -n prod --no-hooks
step 11 upgrade r "$chart" "${flags[@]}" --set 'cms={a,c,d}'
step 12 upgrade r "$chart" "${flags[@]}" --set 'cms={a}'

curl -s -m 5 -H 'Accept: application/json' \
    "http://127.0.0.1:$port/api/v1/namespaces/prod/secrets" >"$work/secrets.json"
python3 - "$work/secrets.json" "$here/helm-v4-scenario-history.json" <<'PY'
import base64, gzip, json, sys
items = json.load(open(sys.argv[1]))["items"]
recs = []
for it in items:
    if it.get("type") != "helm.sh/release.v1":
        continue
    body = base64.b64decode(base64.b64decode(it["data"]["release"]))
    recs.append(json.loads(gzip.decompress(body)))
recs.sort(key=lambda r: r["version"])
open(sys.argv[2], "w").write(json.dumps(recs, separators=(",", ":")))
print("records:", [(r["version"], r["info"]["status"]) for r in recs])
PY
for ns in prod other third; do
    curl -s -m 5 -H 'Accept: application/json' \
        "http://127.0.0.1:$port/api/v1/namespaces/$ns/configmaps" |
        python3 -c "import json,sys; print('live in $ns:', sorted(i['metadata']['name'] for i in json.load(sys.stdin)['items']))"
done
