#!/bin/bash
# t1004-get-secret.sh - `helmc get release NAME --secret`: a revision as the Secret helm's
# secret driver stores (name, type, labels, data.release = base64 of the gzipped record).
helmc=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HELMC_DATA_HOME=$tmp/home
mkdir -p "$tmp/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$tmp/c/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' >"$tmp/c/templates/a.yaml"
"$helmc" install r "$tmp/c" >/dev/null || { echo "FAIL: install"; exit 1; }
"$helmc" upgrade r "$tmp/c" >/dev/null || { echo "FAIL: upgrade"; exit 1; }
"$helmc" get release r --secret -o json >"$tmp/s.json" || { echo "FAIL: get --secret"; exit 1; }
python3 - "$tmp/s.json" <<'PY' || exit 1
import base64, gzip, json, sys
s = json.load(open(sys.argv[1]))
want = {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1"}
for k, v in want.items():
    assert s[k] == v, (k, s[k])
md = s["metadata"]
assert md["name"] == "sh.helm.release.v1.r.v2", md["name"]
assert md["namespace"] == "default", md
assert md["labels"] == {"name": "r", "owner": "helm", "status": "deployed", "version": "2"}, md["labels"]
# data.release: base64 (the API's) of the stored body, itself base64(gzip(json))
rec = json.loads(gzip.decompress(base64.b64decode(base64.b64decode(s["data"]["release"]))))
assert rec["name"] == "r" and rec["version"] == 2 and rec["info"]["status"] == "deployed", rec["info"]
assert "kind: ConfigMap" in rec["manifest"]
print("ok: secret of revision 2")
PY
out=$("$helmc" get release r --secret --all-revisions 2>&1); rc=$?
[ "$rc" = 1 ] && [ "$out" = "Error: --secret and --all-revisions cannot be combined" ] ||
    { echo "FAIL: combined flags: $rc $out"; exit 1; }
