#!/bin/bash
#
# t0702-dependency-local: helmc dependency update and build with file:// and charts/
# dependencies (no network), against what helm v4.1.4 prints and writes for the same charts:
# the progress lines, Chart.lock (its generated time aside), the archives in charts/, the
# outdated archive removed, the lock left alone when nothing changed, and helm's errors.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/deps-lib.sh"

cd "$tmp" || exit 1
TEST_ENV=(SOURCE_DATE_EPOCH=0)
mk sub 1.2.3 sub
echo 'a: 1' >sub/values.yaml
mk local 0.4.0 p/charts/local
mk sub 0.9.0 old
env -i "$HELMC" package old -d p/charts >/dev/null || exit 1
cat >p/Chart.yaml <<\EOF
apiVersion: v2
name: p
version: 0.1.0
dependencies:
- name: sub
  version: "^1.0.0"
  repository: "file://../sub"
  condition: sub.enabled
  tags: [a, b]
  import-values:
  - child: "x<&>"
    parent: y
  - z
  alias: s1
- name: local
  version: ~0.4
EOF


check 0 stdout 'dependency update p' <<\EOF
Saving 2 charts
Dependency local did not declare a repository. Assuming it exists in the charts directory
Deleting outdated charts
EOF
diff -u - <(lock p/Chart.lock) <<\EOF && [ "$(ls p/charts)" = "$(printf 'local\nsub-1.2.3.tgz')" ] &&
dependencies:
- name: sub
  repository: file://../sub
  version: 1.2.3
- name: local
  repository: ""
  version: ~0.4
digest: sha256:46edbe3020bbea3cca01133d1f482bfcd718a643da31a52307fea7f10a0b4e94
EOF
    [ "$(tar tzf p/charts/sub-1.2.3.tgz | tr '\n' ' ')" = "sub/Chart.yaml sub/values.yaml " ]
ok_if "Chart.lock and charts/ as helm writes them"

# nothing changed: the lock file is not rewritten
cp p/Chart.lock lock.before
sleep 0.01
check 0 stdout 'dep up p' <<\EOF
Saving 2 charts
Dependency local did not declare a repository. Assuming it exists in the charts directory
Deleting outdated charts
EOF
cmp -s lock.before p/Chart.lock
ok_if "an unchanged lock is left alone"

check 0 stdout 'dependency build p' <<\EOF
Saving 2 charts
Dependency local did not declare a repository. Assuming it exists in the charts directory
Deleting outdated charts
EOF

# Chart.yaml changed since: the lock is out of sync
sed -i 's/~0.4/~0.4.0/' p/Chart.yaml
check 1 stderr 'dependency build p' <<\EOF
Error: the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies
EOF

mk local 0.5.0 p/charts/local
check 1 merged 'dependency update p' <<\EOF
Saving 2 charts
Dependency local did not declare a repository. Assuming it exists in the charts directory
Save error occurred:  dependency local at version 0.5.0 does not satisfy the constraint ~0.4.0
Error: dependency local at version 0.5.0 does not satisfy the constraint ~0.4.0
EOF

# apiVersion v1: requirements.yaml and requirements.lock
mkdir v1 && printf 'apiVersion: v1\nname: v1\nversion: 0.1.0\n' >v1/Chart.yaml
printf 'dependencies:\n- name: sub\n  version: ^1.0.0\n  repository: file://../sub\n' >v1/requirements.yaml
check 0 stdout 'dependency build v1' <<\EOF
Saving 1 charts
Deleting outdated charts
EOF
diff -u - <(lock v1/requirements.lock) <<\EOF && [ ! -e v1/Chart.lock ]
dependencies:
- name: sub
  repository: file://../sub
  version: 1.2.3
digest: sha256:70f9b9de4d1a56dfd7c8731f2d026e7449dc92ea5d2749253e8783d46a25f900
EOF
ok_if "requirements.lock for apiVersion v1"

# errors, in helm's words
deps nofile sub '^1' file://../nothere
deps badc sub 'abc' file://../sub
deps wrongc sub '^2' file://../sub
deps stable sub '^1' stable
deps atfoo sub '^1' '@foo'
deps aliasfoo sub '^1' 'alias:foo'
deps nolocal sub '^1' ''
env -i "$HELMC" package sub >/dev/null

check 1 stderr 'dependency update nothere' <<\EOF
Error: could not find nothere: stat nothere: no such file or directory
EOF
check 1 stderr 'dependency update sub-1.2.3.tgz' <<\EOF
Error: only unpacked charts can be updated
EOF
check 1 stderr 'dependency update nofile' <<\EOF
Error: directory nothere not found
EOF
check 1 stderr 'dependency update badc' <<\EOF
Error: dependency "sub" has an invalid version/constraint format: improper constraint: abc
EOF
check 1 stderr 'dependency update wrongc' <<\EOF
Error: can't get a valid version for 1 subchart(s): "sub" (repository "file://../sub", version "^2"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml
EOF
check 1 stderr 'dependency update stable' <<\EOF
Error: no repository definition for stable. Please add them via 'helm repo add'
Note that repositories must be URLs or aliases. For example, to refer to the "example"
repository, use "https://charts.example.com/" or "@example" instead of
"example". Don't forget to add the repo, too ('helm repo add').
EOF
check 1 stderr 'dependency update atfoo' <<\EOF
Error: no repository definition for @foo. Please add them via 'helm repo add'
EOF
check 1 merged 'dependency update aliasfoo' <<\EOF
Getting updates for unmanaged Helm repositories...
Error: could not find protocol handler for: alias
EOF
check 1 stderr 'dependency update nolocal' <<\EOF
Error: directory nolocal/charts/sub not found
EOF
check 1 stderr 'dependency build wrongc' <<\EOF
Error: can't get a valid version for 1 subchart(s): "sub" (repository "file://../sub", version "^2"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml
EOF

finish
