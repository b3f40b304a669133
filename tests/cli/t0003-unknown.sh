#!/bin/bash
#
# t0003-unknown: unknown commands and flags, flag syntax
#
# Expected text: helm v4.1.4's (cobra's and pflag's words), "helm" read as "helmc".

. "$(dirname "$0")/lib.sh"

check 1 stderr foo <<\EOF
Error: unknown command "foo" for "helmc"
Run 'helmc --help' for usage.
EOF

check 1 stderr 'foo --help' <<\EOF
Error: unknown command "foo" for "helmc"
Run 'helmc --help' for usage.
EOF

check 1 stderr templat <<\EOF
Error: unknown command "templat" for "helmc"

Did you mean this?
	template

Run 'helmc --help' for usage.
EOF

check 1 stderr hel <<\EOF
Error: unknown command "hel" for "helmc"

Did you mean this?
	get

Run 'helmc --help' for usage.
EOF

check 1 stderr re <<\EOF
Error: unknown command "re" for "helmc"

Did you mean this?
	repo
	get
	registry

Run 'helmc --help' for usage.
EOF

check 1 stderr st <<\EOF
Error: unknown command "st" for "helmc"

Did you mean this?
	get
	list
	test
	status

Run 'helmc --help' for usage.
EOF

check 1 stderr TEMPLATE <<\EOF
Error: unknown command "TEMPLATE" for "helmc"

Did you mean this?
	template

Run 'helmc --help' for usage.
EOF

check 0 stdout 'repo ad' <<\EOF

Manage the chart repositories helmc knows (repositories.yaml) and build
repository indexes.

Usage:
  helmc repo [command]

Available Commands:
  add         add a chart repository
  index       generate an index file given a directory containing packaged charts
  list        list chart repositories
  remove      remove one or more chart repositories
  update      update information of available charts locally from chart repositories

Flags:
  -h, --help   help for repo

Global Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
      --kube-apiserver string           the address and the port for the Kubernetes API server
      --kube-as-group stringArray       group to impersonate for the operation, this flag can be repeated to specify multiple groups.
      --kube-as-user string             username to impersonate for the operation
      --kube-ca-file string             the certificate authority file for the Kubernetes API server connection
      --kube-context string             name of the kubeconfig context to use
      --kube-insecure-skip-tls-verify   if true, the Kubernetes API server's certificate will not be checked for validity. This will make your HTTPS connections insecure
      --kube-tls-server-name string     server name to use for Kubernetes API server certificate validation. If it is not provided, the hostname used to contact the server is used
      --kube-token string               bearer token used for authentication
      --kubeconfig string               path to the kubeconfig file
  -n, --namespace string                namespace scope for this request
      --qps float32                     queries per second used when communicating with the Kubernetes API, not including bursting
      --registry-config string          path to the registry config file (default "/home/helmc-test/.config/helm/registry/config.json")
      --repository-cache string         path to the directory containing cached repository indexes (default "/home/helmc-test/.cache/helm/repository")
      --repository-config string        path to the file containing repository names and URLs (default "/home/helmc-test/.config/helm/repositories.yaml")

Use "helmc repo [command] --help" for more information about a command.
EOF

check 1 stderr 'template --bogus' <<\EOF
Error: unknown flag: --bogus
EOF

check 1 stderr 'template --bogus=1' <<\EOF
Error: unknown flag: --bogus
EOF

check 1 stderr '--bogus version' <<\EOF
Error: unknown flag: --bogus
EOF

check 1 stderr 'template -x' <<\EOF
Error: unknown shorthand flag: 'x' in -x
EOF

check 1 stderr 'template -gx' <<\EOF
Error: unknown shorthand flag: 'x' in -x
EOF

check 1 stderr 'template -é' <<\EOF
Error: unknown shorthand flag: 'Ã' in -é
EOF

check 1 stderr 'template --set' <<\EOF
Error: flag needs an argument: --set
EOF

check 1 stderr 'template -n' <<\EOF
Error: flag needs an argument: 'n' in -n
EOF

check 1 stderr 'version --short -n' <<\EOF
Error: flag needs an argument: 'n' in -n
EOF

check 1 stderr --namespace <<\EOF
Error: flag needs an argument: --namespace
EOF

check 1 stderr '--=x version' <<\EOF
Error: bad flag syntax: --=x
EOF

check 1 stderr '---x version' <<\EOF
Error: bad flag syntax: ---x
EOF

check 1 stderr 'repo --bogus add' <<\EOF
Error: unknown flag: --bogus
EOF

check 1 stderr 'version -' <<\EOF
Error: "helmc version" accepts no arguments

Usage:  helmc version [flags]
EOF

check 0 stdout '-nns --debug=true version --short' <<\EOF
v0.1.0
EOF

check 0 stdout 'version -test.v --short' <<\EOF
v0.1.0
EOF

check 0 stdout '-v 3 --logtostderr=false --vmodule=a=1 version --short' <<\EOF
v0.1.0
EOF

check 1 stderr '--log_dir=x version' <<\EOF
Error: unknown flag: --log_dir
EOF

finish
