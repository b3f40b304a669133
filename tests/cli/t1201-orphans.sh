#!/bin/bash
#
# t1201-orphans: helmc orphans and helmc diff over a stored history
#
# A memory-driver history of four revisions, built so that every rule of helm v4's
# resource deletion shows (the shared release-format notes, 3.6 and 3.7):
#   1 install   ConfigMap a, ConfigMap b, Secret k (resource-policy: keep), Deployment m in "old"
#   2 upgrade   a, b, m moved to "new": helm deletes m in "old" (the key holds the namespace)
#               and leaves k (keep), now unmanaged
#   3 failed    a, b, ClusterRole x (cluster-scoped: no namespace), m in "new": x was applied
#   4 upgrade   a, m in "new": helm diffs against 2 (the deployed revision, not the failed 3),
#               so it deletes b and never x, which stays behind: the one orphan to prune

. "$(dirname "$0")/lib.sh"

cat >"$tmp/data.yaml" <<\EOF
- name: r
  namespace: prod
  version: 1
  info: {status: superseded, description: Install complete, last_deployed: '2024-01-01T10:00:00Z'}
  chart: {metadata: {apiVersion: v2, name: oc, version: 0.1.0}}
  manifest: "---\n# Source: oc/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  v: \"1\"\n---\n# Source: oc/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\n# Source: oc/templates/k.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: k\n  annotations:\n    helm.sh/resource-policy: keep\n---\n# Source: oc/templates/m.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\n  namespace: old\n"
- name: r
  namespace: prod
  version: 2
  info: {status: superseded, description: Upgrade complete, last_deployed: '2024-01-02T10:00:00Z'}
  chart: {metadata: {apiVersion: v2, name: oc, version: 0.1.0}}
  manifest: "---\n# Source: oc/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  v: \"2\"\n---\n# Source: oc/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\n# Source: oc/templates/m.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\n  namespace: new\n"
- name: r
  namespace: prod
  version: 3
  info: {status: failed, description: 'Upgrade "r" failed: deploy command failed: exit status 1', last_deployed: '2024-01-03T10:00:00Z'}
  chart: {metadata: {apiVersion: v2, name: oc, version: 0.1.0}}
  manifest: "---\n# Source: oc/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  v: \"2\"\n---\n# Source: oc/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\n# Source: oc/templates/x.yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: x\n---\n# Source: oc/templates/m.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\n  namespace: new\n"
- name: r
  namespace: prod
  version: 4
  info: {status: deployed, description: Upgrade complete, last_deployed: '2024-01-04T10:00:00Z'}
  chart: {metadata: {apiVersion: v2, name: oc, version: 0.1.0}}
  manifest: "---\n# Source: oc/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  v: \"3\"\n---\n# Source: oc/templates/m.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\n  namespace: new\n"
EOF
cat >"$tmp/bad.yaml" <<\EOF
- name: bad
  namespace: default
  version: 1
  info: {status: deployed, description: Install complete}
  manifest: "---\n# Source: c/templates/a.yaml\napiVersion: v1\nmetadata:\n  name: a\n"
EOF

TEST_ENV=(HELM_DRIVER=memory HELM_MEMORY_DRIVER_DATA="$tmp/data.yaml")

check 0 stdout 'orphans r -n prod' <<\EOF
KIND                                 	NAMESPACE	NAME	STATE   	REVISIONS	NOTE                                         
ConfigMap                            	prod     	b   	deleted 	1,2,3    	deleted by revision 4                        
Secret                               	prod     	k   	kept    	1        	                                             
Deployment.apps                      	old      	m   	deleted 	1        	moved to namespace new; deleted by revision 2
ClusterRole.rbac.authorization.k8s.io	         	x   	orphaned	3        	                                             
EOF

check 0 stdout 'orphans r -n prod -o json' <<\EOF
{"name":"r","namespace":"prod","revision":4,"orphans":[{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"b","state":"deleted","revisions":[1,2,3],"source":"oc/templates/b.yaml","deletedBy":4},{"apiVersion":"v1","kind":"Secret","group":"","namespace":"prod","name":"k","state":"kept","revisions":[1],"source":"oc/templates/k.yaml"},{"apiVersion":"apps/v1","kind":"Deployment","group":"apps","namespace":"old","name":"m","state":"deleted","revisions":[1],"source":"oc/templates/m.yaml","movedTo":"new","deletedBy":2},{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","group":"rbac.authorization.k8s.io","namespace":"","name":"x","state":"orphaned","revisions":[3],"source":"oc/templates/x.yaml"}]}
EOF

check 0 stdout 'orphans r -n prod -o yaml' <<\EOF
name: r
namespace: prod
orphans:
- apiVersion: v1
  deletedBy: 4
  group: ""
  kind: ConfigMap
  name: b
  namespace: prod
  revisions:
  - 1
  - 2
  - 3
  source: oc/templates/b.yaml
  state: deleted
- apiVersion: v1
  group: ""
  kind: Secret
  name: k
  namespace: prod
  revisions:
  - 1
  source: oc/templates/k.yaml
  state: kept
- apiVersion: apps/v1
  deletedBy: 2
  group: apps
  kind: Deployment
  movedTo: new
  name: m
  namespace: old
  revisions:
  - 1
  source: oc/templates/m.yaml
  state: deleted
- apiVersion: rbac.authorization.k8s.io/v1
  group: rbac.authorization.k8s.io
  kind: ClusterRole
  name: x
  namespace: ""
  revisions:
  - 3
  source: oc/templates/x.yaml
  state: orphaned
revision: 4
EOF

check 0 stdout 'orphans r -n prod --prune-list' <<\EOF
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: x
EOF

check 0 stdout 'diff r 1 4 -n prod' <<\EOF
--- ConfigMap/prod/a (revision 1)
+++ ConfigMap/prod/a (revision 4)
@@ -3,4 +3,4 @@
 metadata:
   name: a
 data:
-  v: "1"
+  v: "3"
--- ConfigMap/prod/b (revision 1)
+++ /dev/null
@@ -1,4 +0,0 @@
-apiVersion: v1
-kind: ConfigMap
-metadata:
-  name: b
--- Secret/prod/k (revision 1)
+++ /dev/null
@@ -1,6 +0,0 @@
-apiVersion: v1
-kind: Secret
-metadata:
-  name: k
-  annotations:
-    helm.sh/resource-policy: keep
--- /dev/null
+++ Deployment.apps/new/m (revision 4)
@@ -0,0 +1,5 @@
+apiVersion: apps/v1
+kind: Deployment
+metadata:
+  name: m
+  namespace: new
--- Deployment.apps/old/m (revision 1)
+++ /dev/null
@@ -1,5 +0,0 @@
-apiVersion: apps/v1
-kind: Deployment
-metadata:
-  name: m
-  namespace: old
EOF

check 0 stdout 'diff r 3 4 -n prod -o json -C 0' <<\EOF
{"from":3,"to":4,"added":[],"removed":["ConfigMap/prod/b","ClusterRole.rbac.authorization.k8s.io/x"],"changed":[{"key":"ConfigMap/prod/a","diff":"@@ -6 +6 @@\n-  v: \"2\"\n+  v: \"3\"\n"}]}
EOF

check 0 stdout 'diff r 2 2 -n prod -o json' <<\EOF
{"from":2,"to":2,"added":[],"removed":[],"changed":[]}
EOF

check 1 stderr 'orphans nope' <<\EOF
Error: release: not found
EOF

check 1 stderr 'orphans r -n prod -o xml' <<\EOF
Error: invalid argument "xml" for "-o, --output" flag: invalid format type
EOF

check 1 stderr 'diff r 1 x -n prod' <<\EOF
Error: strconv.Atoi: parsing "x": invalid syntax
EOF

check 1 stderr 'diff r 1 9 -n prod' <<\EOF
Error: release: not found
EOF

check 1 stderr 'diff r 0 2 -n prod' <<\EOF
Error: revision must be a positive number, not 0
EOF

check 1 stderr 'diff r 1 2 -n prod --context -1' <<\EOF
Error: --context must be between 0 and 1000000
EOF

# A manifest helm could not build either: the error names the revision, document and template.
TEST_ENV=(HELM_DRIVER=memory HELM_MEMORY_DRIVER_DATA="$tmp/bad.yaml")
check 1 stderr 'orphans bad' <<\EOF
Error: revision 1: document 1 (c/templates/a.yaml): Object 'Kind' is missing
EOF

finish
