#!/bin/bash
#
# t1202-orphans-scenario: twelve installs, upgrades (three failing) and a rollback, and
# what `helmc orphans` reports against what helm v4 deletes.
#
# The chart (tests/golden/orphans/chart) renders one ConfigMap per name in .Values.cms,
# keep-annotated when listed in .Values.keep, in the namespace .Values.ns gives it.  Helm
# v4.1.4 ran the same twelve steps on the shared notes' fake API server (a name holding
# "fail" is refused there, which is how its upgrades failed); helmc fails them with
# --deploy-with false.  The DELETE requests helm sent, per step, were:
#    1 install  {a,b,k} k keep   -
#    2 upgrade  {a,b}            -          k kept by its annotation: left unmanaged
#    3 upgrade  {a,c}            b          base 2 - target
#    4 FAILED   {a,c,n1,x-fail}  -          n1 created, x-fail refused
#    5 upgrade  {a,c}            -          base 3 (deployed), not the failed 4: n1 stays
#    6 upgrade  {a,m in other}   c
#    7 upgrade  {a,m in third}   m (other)  a namespace move is a delete of the old key
#    8 FAILED   {a,m in third,n2,y-fail}
#    9 FAILED   {a,n3,z-fail}               n3 created
#   10 rollback to 3 {a,c}       n3         a rollback diffs against the LAST record (9),
#                                           so m (third) of 7/8 is never deleted; z-fail
#                                           was never created (helm's GET finds nothing)
#   11 upgrade  {a,c,d}          -
#   12 upgrade  {a}              c, d
# Live afterwards: a and k in prod, n1 and n2 in prod, m in third.  So the report must
# say: deleted b(3) c(12) d(12) m/other(7) n3(10) z-fail(10); kept k; orphaned (the
# prune list) n1, n2, m/third, and x-fail, y-fail (refused, so absent: kubectl's
# --ignore-not-found skips them).  kubectl delete --ignore-not-found -f of that prune
# list on the fake server left exactly a and k.
#
# Each upgrade and rollback's own report (on stderr) must name as deleted exactly what
# helm's diff removed at that step.  The whole-history report is then checked twice: on helmc's own records of the scenario, and on the
# twelve records helm itself stored (tests/golden/orphans/helm-v4-scenario-history.json,
# decoded from the fake server's Secrets), read through the memory driver.

. "$(dirname "$0")/lib.sh"

SRC=${HELMC_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHART=$SRC/tests/golden/orphans/chart
TEST_ENV=(HELMC_DATA_HOME="$tmp/data" HELM_MAX_HISTORY=0)

step() {
    env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "${TEST_ENV[@]}" "$HELMC" "$@" \
        >"$tmp/step.out" 2>"$tmp/step.err"
}

# expect_step CODE DELETED ARGS...: one scenario step, its exit code checked, and the
# "deleted" rows of the report upgrade and rollback print on stderr (hc_orphans_step)
# compared with DELETED ("ns/name ...", "" for none): the objects helm's diff removed.
expect_step() {
    local code=$1 want_deleted=$2
    shift 2
    tests=$((tests + 1))
    step "$@"
    local got=$? deleted
    deleted=$(awk -F'\t' '$4 ~ /^deleted/ { gsub(/ /, ""); print $2 "/" $3 }' "$tmp/step.err" |
        tr '\n' ' ')
    if [ "$got" = "$code" ] && [ "$deleted" = "$want_deleted" ]; then
        echo "ok $tests - helmc $*"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: helmc $* (exit $got, want $code;" \
            "deleted '$deleted', want '$want_deleted')"
        sed 's/^/# /' "$tmp/step.err"
    fi
}

N=(-n prod)
expect_step 0 '' install r "$CHART" "${N[@]}" --set 'cms={a,b,k}' --set 'keep={k}'
expect_step 0 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,b}'
expect_step 0 'prod/b ' upgrade r "$CHART" "${N[@]}" --set 'cms={a,c}'
expect_step 1 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,c,n1,x-fail}' --deploy-with false
expect_step 0 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,c}'

# Halfway: b deleted by 3, n1 and x-fail (failed 4) left, k kept.
check 0 stdout 'orphans r -n prod' <<\EOF
KIND     	NAMESPACE	NAME  	STATE   	REVISIONS	NOTE                 
ConfigMap	prod     	b     	deleted 	1,2      	deleted by revision 3
ConfigMap	prod     	k     	kept    	1        	                     
ConfigMap	prod     	n1    	orphaned	4        	                     
ConfigMap	prod     	x-fail	orphaned	4        	                     
EOF

expect_step 0 'prod/c ' upgrade r "$CHART" "${N[@]}" --set 'cms={a,m}' --set ns.m=other
expect_step 0 'other/m ' upgrade r "$CHART" "${N[@]}" --set 'cms={a,m}' --set ns.m=third

# After the move: the old key is deleted; the report names where it went.
check 0 stdout 'orphans r -n prod -o json' <<\EOF
{"name":"r","namespace":"prod","revision":7,"orphans":[{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"other","name":"m","state":"deleted","revisions":[6],"source":"oc/templates/res.yaml","movedTo":"third","deletedBy":7},{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"b","state":"deleted","revisions":[1,2],"source":"oc/templates/res.yaml","deletedBy":3},{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"c","state":"deleted","revisions":[3,4,5],"source":"oc/templates/res.yaml","deletedBy":6},{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"k","state":"kept","revisions":[1],"source":"oc/templates/res.yaml"},{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"n1","state":"orphaned","revisions":[4],"source":"oc/templates/res.yaml"},{"apiVersion":"v1","kind":"ConfigMap","group":"","namespace":"prod","name":"x-fail","state":"orphaned","revisions":[4],"source":"oc/templates/res.yaml"}]}
EOF

expect_step 1 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,m,n2,y-fail}' --set ns.m=third \
    --deploy-with false
expect_step 1 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,n3,z-fail}' --deploy-with false
# z-fail: in helm's diff too; helm's GET found nothing to delete (it was never created).
expect_step 0 'prod/n3 prod/z-fail ' rollback r 3 "${N[@]}"
expect_step 0 '' upgrade r "$CHART" "${N[@]}" --set 'cms={a,c,d}'
expect_step 0 'prod/c prod/d ' upgrade r "$CHART" "${N[@]}" --set 'cms={a}'

FINAL_TABLE='KIND     	NAMESPACE	NAME  	STATE   	REVISIONS  	NOTE                  
ConfigMap	other    	m     	deleted 	6          	deleted by revision 7 
ConfigMap	prod     	b     	deleted 	1,2        	deleted by revision 3 
ConfigMap	prod     	c     	deleted 	3,4,5,10,11	deleted by revision 12
ConfigMap	prod     	d     	deleted 	11         	deleted by revision 12
ConfigMap	prod     	k     	kept    	1          	                      
ConfigMap	prod     	n1    	orphaned	4          	                      
ConfigMap	prod     	n2    	orphaned	8          	                      
ConfigMap	prod     	n3    	deleted 	9          	deleted by revision 10
ConfigMap	prod     	x-fail	orphaned	4          	                      
ConfigMap	prod     	y-fail	orphaned	8          	                      
ConfigMap	prod     	z-fail	deleted 	9          	deleted by revision 10
ConfigMap	third    	m     	orphaned	7,8        	                      '
FINAL_PRUNE='---
apiVersion: v1
kind: ConfigMap
metadata:
  name: n1
  namespace: prod
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: n2
  namespace: prod
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: x-fail
  namespace: prod
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: y-fail
  namespace: prod
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: m
  namespace: third'
STATUSES='1 superseded 2 superseded 3 superseded 4 failed 5 superseded 6 superseded 7 superseded 8 failed 9 failed 10 superseded 11 superseded 12 deployed '

for source in helmc helm; do
    if [ $source = helm ]; then
        TEST_ENV=(HELM_DRIVER=memory
            HELM_MEMORY_DRIVER_DATA="$SRC/tests/golden/orphans/helm-v4-scenario-history.json")
    fi
    echo "# the records $source wrote"
    tests=$((tests + 1))
    step history r -n prod
    got=$(awk 'NR > 1 { print $1, $7 }' "$tmp/step.out" | tr '\n' ' ')
    if [ "$got" = "$STATUSES" ]; then
        echo "ok $tests - $source history: the scenario's statuses"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: $source history statuses: $got"
    fi
    check 0 stdout 'orphans r -n prod' <<<"$FINAL_TABLE"
    check 0 stdout 'orphans r -n prod --prune-list' <<<"$FINAL_PRUNE"
    # The rollback's own change: n3 and z-fail out, c back.
    check 0 stdout 'diff r 9 10 -n prod -o json' <<\EOF
{"from":9,"to":10,"added":["ConfigMap/prod/c"],"removed":["ConfigMap/prod/n3","ConfigMap/prod/z-fail"],"changed":[]}
EOF
done

finish
