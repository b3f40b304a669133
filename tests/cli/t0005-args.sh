#!/bin/bash
#
# t0005-args: argument counts, flag groups and deprecated flags
#
# Expected text: helm v4.1.4's (helm's require package and cobra's flag groups), "helm"
# read as "helmc".  Where helm would go on to load a chart or reach a cluster, helmc says
# the command is not implemented yet.

. "$(dirname "$0")/lib.sh"

check 1 stderr template <<\EOF
Error: "helmc template" requires at least 1 argument

Usage:  helmc template [NAME] [CHART] [flags]
EOF

check 1 stderr 'template --set=a=b --set c=d' <<\EOF
Error: "helmc template" requires at least 1 argument

Usage:  helmc template [NAME] [CHART] [flags]
EOF

check 1 stderr install <<\EOF
Error: "helmc install" requires at least 1 argument

Usage:  helmc install [NAME] [CHART] [flags]
EOF

check 1 stderr 'upgrade a' <<\EOF
Error: "helmc upgrade" requires 2 arguments

Usage:  helmc upgrade [RELEASE] [CHART] [flags]
EOF

check 1 stderr history <<\EOF
Error: "helmc history" requires 1 argument

Usage:  helmc history RELEASE_NAME [flags]
EOF

check 1 stderr 'history a b' <<\EOF
Error: "helmc history" requires 1 argument

Usage:  helmc history RELEASE_NAME [flags]
EOF

check 1 stderr 'get all' <<\EOF
Error: "helmc get all" requires 1 argument

Usage:  helmc get all RELEASE_NAME [flags]
EOF

check 1 stderr 'dep list a b' <<\EOF
Error: "helmc dependency list" accepts at most 1 argument

Usage:  helmc dependency list CHART [flags]
EOF

check 1 stderr 'ls a' <<\EOF
Error: "helmc list" accepts no arguments

Usage:  helmc list [flags]
EOF

check 1 stderr 'repo add a' <<\EOF
Error: "helmc repo add" requires 2 arguments

Usage:  helmc repo add [NAME] [URL] [flags]
EOF

check 1 stderr 'repo index' <<\EOF
Error: "helmc repo index" requires 1 argument

Usage:  helmc repo index [DIR] [flags]
EOF

check 1 stderr 'repo remove' <<\EOF
Error: "helmc repo remove" requires at least 1 argument

Usage:  helmc repo remove [REPO1 [REPO2 ...]] [flags]
EOF

check 1 stderr 'push a' <<\EOF
Error: "helmc push" requires at least 2 arguments

Usage:  helmc push [chart] [remote] [flags]
EOF

check 1 stderr 'registry login' <<\EOF
Error: "helmc registry login" requires at least 1 argument

Usage:  helmc registry login [host] [flags]
EOF

check 1 stderr 'completion bash x' <<\EOF
Error: "helmc completion bash" accepts no arguments

Usage:  helmc completion bash [flags]
EOF

check 1 stderr 'env a b' <<\EOF
Error: "helmc env" accepts at most 1 argument

Usage:  helmc env [flags]
EOF

check 1 stderr create <<\EOF
Error: "helmc create" requires 1 argument

Usage:  helmc create NAME [flags]
EOF

check 1 stderr lint <<\EOF
Error: "helmc lint" requires at least 1 argument

Usage:  helmc lint PATH [flags]
EOF

check 1 stderr pull <<\EOF
Error: "helmc pull" requires at least 1 argument

Usage:  helmc pull [chart URL | repo/chartname] [...] [flags]
EOF

check 1 stderr 'verify a b' <<\EOF
Error: "helmc verify" requires 1 argument

Usage:  helmc verify PATH [flags]
EOF

check 1 stderr rollback <<\EOF
Error: "helmc rollback" requires at least 1 argument

Usage:  helmc rollback <RELEASE> [REVISION] [flags]
EOF

check 1 stderr status <<\EOF
Error: "helmc status" requires 1 argument

Usage:  helmc status RELEASE_NAME [flags]
EOF

check 1 stderr 'test a b' <<\EOF
Error: "helmc test" requires 1 argument

Usage:  helmc test [RELEASE] [flags]
EOF

check 1 stderr uninstall <<\EOF
Error: "helmc uninstall" requires at least 1 argument

Usage:  helmc uninstall RELEASE_NAME [...] [flags]
EOF

check 1 stderr 'inspect values' <<\EOF
Error: "helmc show values" requires 1 argument

Usage:  helmc show values [CHART] [flags]
EOF

check 1 stderr 'plugin add' <<\EOF
Error: "helmc plugin install" requires 1 argument

Usage:  helmc plugin install [options] <path|url> [flags]
EOF

check 1 stderr 'template a b c' <<\EOF
Error: expected at most two arguments, unexpected arguments: c
EOF

check 1 stderr 'template a b c d' <<\EOF
Error: expected at most two arguments, unexpected arguments: c, d
EOF

check 1 stderr 'template -g x ./chart' <<\EOF
Error: cannot set --generate-name and also specify a name
EOF

check 1 stderr 'template --name-template x n ./chart' <<\EOF
Error: cannot set --name-template and also specify a name
EOF

check 1 stderr 'template --dry-run=false x ./chart' <<\EOF
Error: invalid dry-run value ("false"). Must be "server" or "client"
EOF

check 1 stderr 'template --dry-run=none x ./chart' <<\EOF
Error: invalid dry-run value ("none"). Must be "server" or "client"
EOF

check 1 stderr 'template --dry-run=maybe x ./chart' <<\EOF
Error: invalid dry-run value ("maybe"). Must be "none", "server", or "client"
EOF

check 1 stderr 'template --force --force-conflicts x ./chart' <<\EOF
Flag --force has been deprecated, use --force-replace instead
Error: if any flags in the group [force force-conflicts] are set none of the others can be; [force force-conflicts] were all set
EOF

check 1 stderr 'template --force-replace --force-conflicts --force x ./chart' <<\EOF
Flag --force has been deprecated, use --force-replace instead
Error: if any flags in the group [force force-conflicts] are set none of the others can be; [force force-conflicts] were all set
EOF

check 1 stderr 'template --validate --dry-run=client x ./chart' <<\EOF
Flag --validate has been deprecated, use '--dry-run=server' instead
Error: if any flags in the group [validate dry-run] are set none of the others can be; [dry-run validate] were all set
EOF

check 1 stderr 'upgrade --atomic --force --force-conflicts a b' <<\EOF
Flag --atomic has been deprecated, use --rollback-on-failure instead
Flag --force has been deprecated, use --force-replace instead
Error: if any flags in the group [force force-conflicts] are set none of the others can be; [force force-conflicts] were all set
EOF

check 1 stderr 'rollback --force --force-conflicts a' <<\EOF
Flag --force has been deprecated, use --force-replace instead
Error: if any flags in the group [force force-conflicts] are set none of the others can be; [force force-conflicts] were all set
EOF

check 1 stderr 'template --dry-run x ./chart' <<\EOF
level=WARN msg="--dry-run is deprecated and should be replaced with '--dry-run=client'"
Error: path "./chart" not found
EOF

check 1 stderr 'template --dry-run=1 --wait=false --force x ./chart' <<\EOF
level=WARN msg="--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly"
Flag --force has been deprecated, use --force-replace instead
level=WARN msg="boolean '--dry-run=1' flag is deprecated and must be replaced with '--dry-run=client'"
Error: path "./chart" not found
EOF

check 1 stderr 'install --post-renderer foo x ./chart' <<\EOF
Error: invalid argument "foo" for "--post-renderer" flag: post-renderer plugins are not supported by helmc
EOF

# template runs an executable, as helm v3 did (docs/template-flags.md)
check 1 stderr 'template --post-renderer foo x ./chart' <<\EOF
Error: invalid argument "foo" for "--post-renderer" flag: unable to find binary at foo: exec: "foo": executable file not found in $PATH
EOF

check 1 stderr 'template -f a.yaml,b.yaml -f c.yaml --set a=1,b=2 --set-json '"'"'x=[1]'"'"' -l a=b -a v1,v2 -s t.yaml --timeout 1m -g ./chart --kube-version 1.30 --include-crds' <<\EOF
Error: path "./chart" not found
EOF

finish
