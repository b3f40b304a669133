#!/bin/bash
#
# t0001-version: helmc version
#
# helmc prints its own version in helm's BuildInfo layout; the expected text is
# helm v4.1.4's output with helm's version replaced by helmc's.

. "$(dirname "$0")/lib.sh"

check 0 stdout version <<\EOF
version.BuildInfo{Version:"v0.1.0", GitCommit:"", GitTreeState:"", GoVersion:"", KubeClientVersion:"v1.35"}
EOF

check 0 stdout 'version --short' <<\EOF
v0.1.0
EOF

check 0 stdout 'version --short=false' <<\EOF
version.BuildInfo{Version:"v0.1.0", GitCommit:"", GitTreeState:"", GoVersion:"", KubeClientVersion:"v1.35"}
EOF

check 0 stdout '--debug version --short' <<\EOF
v0.1.0
EOF

check 0 stdout-n 'version --template '"'"'{{.Version}}'"'"'' <<\EOF
v0.1.0
EOF

check 0 stdout-n 'version --template='"'"'{{- .Version -}} z'"'"'' <<\EOF
v0.1.0z
EOF

check 0 stdout-n 'version --template '"'"'{{/* comment */}}{{.KubeClientVersion}}'"'"'' <<\EOF
v1.35
EOF

check 0 stdout-n 'version --short --template T' <<\EOF
T
EOF

check 0 stdout 'version --template '"'"''"'"'' <<\EOF
version.BuildInfo{Version:"v0.1.0", GitCommit:"", GitTreeState:"", GoVersion:"", KubeClientVersion:"v1.35"}
EOF

check 1 merged 'version --template '"'"'x {{ .Bogus }}'"'"'' <<\EOF
x Error: template: _:1:5: executing "_" at <.Bogus>: can't evaluate field Bogus in type version.BuildInfo
EOF

check 1 stderr 'version --template '"'"'{{.Version'"'"'' <<\EOF
Error: template: _:1: unclosed action
EOF

check 1 stderr 'version --template '"'"'{{ .Version | printf "%s" }}'"'"'' <<\EOF
Error: helmc version --template supports only {{.Field}} actions until its template engine is wired in
EOF

check 1 stderr 'version extra' <<\EOF
Error: "helmc version" accepts no arguments

Usage:  helmc version [flags]
EOF

check 1 stderr 'version --short=maybe' <<\EOF
Error: invalid argument "maybe" for "--short" flag: strconv.ParseBool: parsing "maybe": invalid syntax
EOF

check 1 stderr 'version --bogus' <<\EOF
Error: unknown flag: --bogus
EOF

check 0 stdout 'version --help' <<\EOF

Show the version of helmc.

helmc prints its version in the layout helm uses, for example:

version.BuildInfo{Version:"v0.1.0", GitCommit:"", GitTreeState:"", GoVersion:"", KubeClientVersion:"v1.35"}

- Version is helmc's own version, not the version of helm it follows.
- GitCommit and GitTreeState are filled in when the build records them.
- GoVersion is empty: helmc is written in C.
- KubeClientVersion is the Kubernetes version whose defaults helmc emulates.

--short prints the version alone; --template prints a Go template over the same
fields (.Version, .GitCommit, .GitTreeState, .GoVersion, .KubeClientVersion),
for example --template='Version: {{.Version}}'.

Usage:
  helmc version [flags]

Flags:
  -h, --help              help for version
      --short             print the version number
      --template string   template for version string format

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
EOF

finish
