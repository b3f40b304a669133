#!/bin/bash
#
# t1001-release-lifecycle: install, upgrade, rollback, history, status, get, list and
# uninstall over the file driver, with helm's statuses, descriptions and revisions
# (the scenarios of the shared release-format notes, sections 3.1 to 3.5).

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/release-lib.sh"
check 0 stdout 'install rel $TEST_CHART' <<\EOF
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 1
DESCRIPTION: Install complete
TEST SUITE: None
NOTES:
rel says hello.
EOF

check 1 stderr 'install rel $TEST_CHART' <<\EOF
level=ERROR msg="release name check failed" error="cannot reuse a name that is still in use"
Error: INSTALLATION FAILED: release name check failed: cannot reuse a name that is still in use
EOF

check 0 stdout 'upgrade rel $TEST_CHART --set greeting=hi' <<\EOF
Release "rel" has been upgraded. Happy Helming!
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 2
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
rel says hi.
EOF

check 1 stderr 'upgrade rel $TEST_CHART --deploy-with "cat >/dev/null; exit 3"' <<\EOF
Error: UPGRADE FAILED: deploy command failed: exit status 3
EOF

check 0 stdout 'history rel' <<\EOF
REVISION	UPDATED                 	STATUS    	CHART     	APP VERSION	DESCRIPTION                                               
1       	DATE                    	superseded	mini-0.1.0	1.0        	Install complete                                          
2       	DATE                    	deployed  	mini-0.1.0	1.0        	Upgrade complete                                          
3       	DATE                    	failed    	mini-0.1.0	1.0        	Upgrade "rel" failed: deploy command failed: exit status 3
EOF

check 0 stdout 'upgrade rel $TEST_CHART --deploy-with "grep -q greeting" --description "by hand"' <<\EOF
Release "rel" has been upgraded. Happy Helming!
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 4
DESCRIPTION: by hand
TEST SUITE: None
NOTES:
rel says hi.
EOF

check 0 stdout 'get values rel' <<\EOF
USER-SUPPLIED VALUES:
greeting: hi
EOF

check 0 stdout 'rollback rel 2' <<\EOF
Rollback was a success! Happy Helming!
EOF

check 1 stderr 'rollback rel 9' <<\EOF
Error: release has no 9 version
EOF

check 0 stdout 'history rel -o json' <<\EOF
[{"revision":1,"updated":"TIME","status":"superseded","chart":"mini-0.1.0","app_version":"1.0","description":"Install complete"},{"revision":2,"updated":"TIME","status":"superseded","chart":"mini-0.1.0","app_version":"1.0","description":"Upgrade complete"},{"revision":3,"updated":"TIME","status":"failed","chart":"mini-0.1.0","app_version":"1.0","description":"Upgrade \"rel\" failed: deploy command failed: exit status 3"},{"revision":4,"updated":"TIME","status":"superseded","chart":"mini-0.1.0","app_version":"1.0","description":"by hand"},{"revision":5,"updated":"TIME","status":"deployed","chart":"mini-0.1.0","app_version":"1.0","description":"Rollback to 2"}]
EOF

check 0 stdout 'status rel' <<\EOF
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 5
DESCRIPTION: Rollback to 2
TEST SUITE: None
NOTES:
rel says hi.
EOF

check 0 stdout 'get manifest rel --revision 1' <<\EOF
---
# Source: mini/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel-cm
data:
  greeting: "hello"
  revision: "1"

EOF

check 0 stdout 'get notes rel' <<\EOF
NOTES:
rel says hi.

EOF

check 0 stdout 'get hooks rel' <<\EOF
---
# Source: mini/templates/hook.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel-hook
  annotations:
    "helm.sh/hook": pre-install,post-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
EOF

check 0 stdout 'upgrade rel $TEST_CHART --history-max 3 --reuse-values --set extra=1' <<\EOF
Release "rel" has been upgraded. Happy Helming!
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 6
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
rel says hi.
EOF

check 0 stdout 'history rel' <<\EOF
REVISION	UPDATED                 	STATUS    	CHART     	APP VERSION	DESCRIPTION     
4       	DATE                    	superseded	mini-0.1.0	1.0        	by hand         
5       	DATE                    	superseded	mini-0.1.0	1.0        	Rollback to 2   
6       	DATE                    	deployed  	mini-0.1.0	1.0        	Upgrade complete
EOF

check 0 stdout 'get values rel -o json' <<\EOF
{"extra":1,"greeting":"hi"}
EOF

check 0 stdout 'upgrade rel $TEST_CHART --reset-values' <<\EOF
Release "rel" has been upgraded. Happy Helming!
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 7
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
rel says hello.
EOF

check 0 stdout 'get values rel' <<\EOF
USER-SUPPLIED VALUES:
null
EOF

check 0 stdout 'uninstall rel --keep-history' <<\EOF
release "rel" uninstalled
EOF

check 0 stdout 'list -o json' <<\EOF
[{"name":"rel","namespace":"default","revision":"7","updated":"TIME","status":"uninstalled","chart":"mini-0.1.0","app_version":"1.0"}]
EOF

check 0 stdout 'list --deployed -q' <<\EOF
EOF

check 1 stderr 'upgrade rel $TEST_CHART' <<\EOF
Error: UPGRADE FAILED: "rel" has no deployed releases
EOF

check 0 stdout 'upgrade -i rel $TEST_CHART --set greeting=back' <<\EOF
Release "rel" does not exist. Installing it now.
NAME: rel
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 8
DESCRIPTION: Install complete
TEST SUITE: None
NOTES:
rel says back.
EOF

check 0 stdout 'history rel --max 2' <<\EOF
REVISION	UPDATED                 	STATUS    	CHART     	APP VERSION	DESCRIPTION              
7       	DATE                    	superseded	mini-0.1.0	1.0        	superseded by new release
8       	DATE                    	deployed  	mini-0.1.0	1.0        	Install complete         
EOF

check 1 stderr 'install two $TEST_CHART --deploy-with false' <<\EOF
Error: INSTALLATION FAILED: deploy command failed: exit status 1
EOF

check 0 stdout 'list -o yaml' <<\EOF
- app_version: "1.0"
  chart: mini-0.1.0
  name: rel
  namespace: default
  revision: "8"
  status: deployed
  updated: TIME
- app_version: "1.0"
  chart: mini-0.1.0
  name: two
  namespace: default
  revision: "1"
  status: failed
  updated: TIME
EOF

check 0 stdout 'list -q --failed' <<\EOF
two
EOF

check 0 stdout 'upgrade two $TEST_CHART' <<\EOF
Release "two" has been upgraded. Happy Helming!
NAME: two
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: deployed
REVISION: 2
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
two says hello.
EOF

check 0 stdout 'uninstall rel two' <<\EOF
release "rel" uninstalled
release "two" uninstalled
EOF

check 1 stderr 'history rel' <<\EOF
Error: release: not found
EOF

check 0 stdout 'list' <<\EOF
NAME	NAMESPACE	REVISION	UPDATED	STATUS	CHART	APP VERSION
EOF

check 1 stderr 'status rel' <<\EOF
Error: release: not found
EOF

# the SQL driver with a server that is not there: one line, helm's prefix, nothing stored
saved_env=("${TEST_ENV[@]}")
TEST_ENV+=(HELM_DRIVER_SQL_CONNECTION_STRING="host=127.0.0.1 port=1 user=u dbname=x sslmode=disable")
check 1 stderr 'install x $TEST_CHART --driver sql' <<\EOF
Error: unable to instantiate SQL driver: connection to server at "127.0.0.1", port 1 failed: Connection refused
EOF
TEST_ENV=("${saved_env[@]}")

check 1 stderr 'install x $TEST_CHART --driver secret' <<\EOF
Error: secret driver: helmc uses no Kubernetes cluster; choose the file (default), memory or sql driver
EOF

check 1 stderr 'list --driver bogus' <<\EOF
Error: unknown driver "bogus"
EOF

check 1 stderr 'install Bad $TEST_CHART' <<\EOF
level=ERROR msg="release name check failed" error="release name \"Bad\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53"
Error: INSTALLATION FAILED: release name check failed: release name "Bad": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53
EOF

check 0 stdout 'install --name-template "t-{{ add 1 2 }}" $TEST_CHART --dry-run=client --hide-notes' <<\EOF
NAME: t-3
LAST DEPLOYED: DATE                    
NAMESPACE: default
STATUS: pending-install
REVISION: 1
DESCRIPTION: Dry run complete
TEST SUITE: None
HOOKS:
---
# Source: mini/templates/hook.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: t-3-hook
  annotations:
    "helm.sh/hook": pre-install,post-upgrade
    "helm.sh/hook-delete-policy": before-hook-creation
MANIFEST:
---
# Source: mini/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: t-3-cm
data:
  greeting: "hello"
  revision: "1"

EOF

check 1 stderr 'install --name-template "{{ fail \"no\" }}" $TEST_CHART' <<\EOF
Error: INSTALLATION FAILED: template: name-template:1:3: executing "name-template" at <fail "no">: error calling fail: no
EOF

check 1 stderr 'install $TEST_CHART' <<\EOF
Error: INSTALLATION FAILED: must either provide a name or specify --generate-name
EOF

check 1 stderr 'install a b c' <<\EOF
Error: INSTALLATION FAILED: expected at most two arguments, unexpected arguments: c
EOF

check 1 stderr 'upgrade rel $TEST_CHART --dry-run=bogus' <<\EOF
Error: invalid dry-run value ("bogus"). Must be "none", "server", or "client"
EOF

finish
