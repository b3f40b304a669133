#!/bin/bash
# search repo over the cached indexes of two repositories: helm v4.1.4's ordering (score,
# name, newest version), constraints, table truncation and JSON/YAML forms.  The inline
# outputs were recorded from helm against the same charts; with helm installed, a longer
# list of invocations is compared live.
. "$(dirname "$0")/lib.sh"
. "$HELMC_SOURCE_DIR/tests/net/repo-server.sh"
repo_fixture_charts "$HELMC" "$tmp/repo" || exit 77
repo_server_start "$tmp/repo" || exit 77
TEST_ENV=(HELM_REPOSITORY_CONFIG="$tmp/r.yaml" HELM_REPOSITORY_CACHE="$tmp/cache")

check 1 stderr 'search repo demo' <<\EOF
Error: no repositories configured
EOF
check 0 stdout "repo add myrepo $REPO_URL" <<\EOF
"myrepo" has been added to your repositories
EOF
check 0 stdout "repo add second $REPO_URL" <<\EOF
"second" has been added to your repositories
EOF
check 0 stdout 'search repo demo' <<\EOF
NAME        	CHART VERSION	APP VERSION	DESCRIPTION                                       
myrepo/demo 	0.2.0        	1.16.0     	A Helm chart for Kubernetes                       
second/demo 	0.2.0        	1.16.0     	A Helm chart for Kubernetes                       
myrepo/other	1.0.0        	2.3        	A much longer description of a chart that goes ...
second/other	1.0.0        	2.3        	A much longer description of a chart that goes ...
EOF
check 0 stdout 'search repo -l --devel myrepo/' <<\EOF
NAME        	CHART VERSION	APP VERSION	DESCRIPTION                                       
myrepo/demo 	1.0.0-rc.1   	1.16.0     	A Helm chart for Kubernetes                       
myrepo/demo 	0.2.0        	1.16.0     	A Helm chart for Kubernetes                       
myrepo/demo 	0.1.0        	1.16.0     	A Helm chart for Kubernetes                       
myrepo/other	1.0.0        	2.3        	A much longer description of a chart that goes ...
EOF
check 0 stdout 'search repo --version ^0.1' <<\EOF
NAME       	CHART VERSION	APP VERSION	DESCRIPTION                
myrepo/demo	0.1.0        	1.16.0     	A Helm chart for Kubernetes
second/demo	0.1.0        	1.16.0     	A Helm chart for Kubernetes
EOF
check 1 stderr 'search repo --version bad!' <<\EOF
Error: an invalid version/constraint format: improper constraint: bad!
EOF
check 0 stdout 'search repo zzz' <<\EOF
No results found
EOF
check 1 stderr 'search repo zzz --fail-on-no-result' <<\EOF
Error: no results found
EOF
check 0 stdout 'search repo -o json database' <<\EOF
[{"name":"myrepo/other","version":"1.0.0","app_version":"2.3","description":"A much longer description of a chart that goes past fifty columns easily"},{"name":"second/other","version":"1.0.0","app_version":"2.3","description":"A much longer description of a chart that goes past fifty columns easily"}]
EOF
check 0 stdout 'search repo -o yaml second/demo -l' <<\EOF
- app_version: 1.16.0
  description: A Helm chart for Kubernetes
  name: second/demo
  version: 0.2.0
- app_version: 1.16.0
  description: A Helm chart for Kubernetes
  name: second/demo
  version: 0.1.0
EOF
check 0 stdout 'search repo zzz -o yaml' <<\EOF
[]
EOF
check 0 stdout 'search repo --max-col-width 10' <<\EOF
NAME      	CHART V...	APP VER...	DESCRIP...
myrepo/...	0.2.0     	1.16.0    	A Helm ...
myrepo/...	1.0.0     	2.3       	A much ...
second/...	0.2.0     	1.16.0    	A Helm ...
second/...	1.0.0     	2.3       	A much ...
EOF
check 0 stdout 'search repo -r ^other' <<\EOF
NAME        	CHART VERSION	APP VERSION	DESCRIPTION                                       
myrepo/other	1.0.0        	2.3        	A much longer description of a chart that goes ...
second/other	1.0.0        	2.3        	A much longer description of a chart that goes ...
EOF
rm "$tmp/cache/second-index.yaml"
check 0 merged 'search repo second/demo' <<EOF
level=WARN msg="repo is corrupt or missing" repo=second error="open $tmp/cache/second-index.yaml: no such file or directory"
No results found
EOF

HELM=${HELM:-$HOME/.cache/helm-ref/v4/helm}
if [ -x "$HELM" ]; then
    cp "$tmp/cache/myrepo-index.yaml" "$tmp/cache/second-index.yaml"
    for a in "" "demo" "DEMO" "demo -l" "--devel" "-l --devel" "--version >=0.2.0-0 -l" \
        "database" "myrepo/o" "zzz" "-o json" "-o yaml -l" "zzz -o json" "-r de.o" \
        "web demo" "chart for" "--max-col-width 0" "--max-col-width 3 -l" "--max-col-width 1" "--max-col-width 5"; do
        for tool in "$HELMC" "$HELM"; do
            env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" $tool search repo $a \
                >"$tmp/out-$(basename "$tool")" 2>&1
            echo "exit $?" >>"$tmp/out-$(basename "$tool")"
        done
        tests=$((tests + 1))
        if cmp -s "$tmp/out-helmc" "$tmp/out-helm"; then
            echo "ok $tests - search repo $a: as helm"
        else
            failures=$((failures + 1))
            echo "not ok $tests - search repo $a: as helm"
            diff "$tmp/out-helm" "$tmp/out-helmc" | sed 's/^/# /'
        fi
    done
fi
finish
