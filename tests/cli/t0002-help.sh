#!/bin/bash
#
# t0002-help: --help, -h and the help command
#
# From "Usage:" on, every expected help is helm v4.1.4's with "helm" read as "helmc"; the
# description above it is helmc's own.

. "$(dirname "$0")/lib.sh"

check 0 stdout '' <<\EOF
helmc renders, checks and packages Helm charts and keeps releases in Helm's format,
giving the results Helm v4 gives.

Common actions:

- helmc template:   render a chart's templates locally
- helmc lint:       check a chart for problems
- helmc package:    package a chart directory into a chart archive
- helmc repo index: write the index of a directory of chart archives

helmc reads helm's environment variables, among them:

  $HELM_NAMESPACE          the namespace when --namespace is not given
  $HELM_DEBUG              true for verbose output
  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or
                           $HOME/.cache/helm)
  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or
                           $HOME/.config/helm)
  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or
                           $HOME/.local/share/helm)
  $HELM_REGISTRY_CONFIG    the registry config file
  $HELM_REPOSITORY_CONFIG  the repositories file
  $HELM_REPOSITORY_CACHE   the repository cache directory
  $HELM_CONTENT_CACHE      the content (chart) cache directory
  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)
  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,
  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,
  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS
                           defaults of the matching --kube-* and client flags
  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)

Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
  -h, --help                            help for helmc
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stdout --help <<\EOF
helmc renders, checks and packages Helm charts and keeps releases in Helm's format,
giving the results Helm v4 gives.

Common actions:

- helmc template:   render a chart's templates locally
- helmc lint:       check a chart for problems
- helmc package:    package a chart directory into a chart archive
- helmc repo index: write the index of a directory of chart archives

helmc reads helm's environment variables, among them:

  $HELM_NAMESPACE          the namespace when --namespace is not given
  $HELM_DEBUG              true for verbose output
  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or
                           $HOME/.cache/helm)
  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or
                           $HOME/.config/helm)
  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or
                           $HOME/.local/share/helm)
  $HELM_REGISTRY_CONFIG    the registry config file
  $HELM_REPOSITORY_CONFIG  the repositories file
  $HELM_REPOSITORY_CACHE   the repository cache directory
  $HELM_CONTENT_CACHE      the content (chart) cache directory
  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)
  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,
  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,
  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS
                           defaults of the matching --kube-* and client flags
  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)

Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
  -h, --help                            help for helmc
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stdout help <<\EOF
helmc renders, checks and packages Helm charts and keeps releases in Helm's format,
giving the results Helm v4 gives.

Common actions:

- helmc template:   render a chart's templates locally
- helmc lint:       check a chart for problems
- helmc package:    package a chart directory into a chart archive
- helmc repo index: write the index of a directory of chart archives

helmc reads helm's environment variables, among them:

  $HELM_NAMESPACE          the namespace when --namespace is not given
  $HELM_DEBUG              true for verbose output
  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or
                           $HOME/.cache/helm)
  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or
                           $HOME/.config/helm)
  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or
                           $HOME/.local/share/helm)
  $HELM_REGISTRY_CONFIG    the registry config file
  $HELM_REPOSITORY_CONFIG  the repositories file
  $HELM_REPOSITORY_CACHE   the repository cache directory
  $HELM_CONTENT_CACHE      the content (chart) cache directory
  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)
  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,
  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,
  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS
                           defaults of the matching --kube-* and client flags
  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)

Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
  -h, --help                            help for helmc
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stdout '-h version' <<\EOF
helmc renders, checks and packages Helm charts and keeps releases in Helm's format,
giving the results Helm v4 gives.

Common actions:

- helmc template:   render a chart's templates locally
- helmc lint:       check a chart for problems
- helmc package:    package a chart directory into a chart archive
- helmc repo index: write the index of a directory of chart archives

helmc reads helm's environment variables, among them:

  $HELM_NAMESPACE          the namespace when --namespace is not given
  $HELM_DEBUG              true for verbose output
  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or
                           $HOME/.cache/helm)
  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or
                           $HOME/.config/helm)
  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or
                           $HOME/.local/share/helm)
  $HELM_REGISTRY_CONFIG    the registry config file
  $HELM_REPOSITORY_CONFIG  the repositories file
  $HELM_REPOSITORY_CACHE   the repository cache directory
  $HELM_CONTENT_CACHE      the content (chart) cache directory
  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)
  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,
  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,
  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS
                           defaults of the matching --kube-* and client flags
  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)

Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
  -h, --help                            help for helmc
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stdout '-- version' <<\EOF
helmc renders, checks and packages Helm charts and keeps releases in Helm's format,
giving the results Helm v4 gives.

Common actions:

- helmc template:   render a chart's templates locally
- helmc lint:       check a chart for problems
- helmc package:    package a chart directory into a chart archive
- helmc repo index: write the index of a directory of chart archives

helmc reads helm's environment variables, among them:

  $HELM_NAMESPACE          the namespace when --namespace is not given
  $HELM_DEBUG              true for verbose output
  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or
                           $HOME/.cache/helm)
  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or
                           $HOME/.config/helm)
  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or
                           $HOME/.local/share/helm)
  $HELM_REGISTRY_CONFIG    the registry config file
  $HELM_REPOSITORY_CONFIG  the repositories file
  $HELM_REPOSITORY_CACHE   the repository cache directory
  $HELM_CONTENT_CACHE      the content (chart) cache directory
  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)
  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,
  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,
  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS
                           defaults of the matching --kube-* and client flags
  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)

Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
      --burst-limit int                 client-side default throttling limit (default 100)
      --color string                    use colored output (never, auto, always) (default "auto")
      --colour string                   use colored output (never, auto, always) (default "auto")
      --content-cache string            path to the directory containing cached content (e.g. charts) (default "/home/helmc-test/.cache/helm/content")
      --debug                           enable verbose output
  -h, --help                            help for helmc
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stdout 'template --help' <<\EOF

Render a chart's templates locally and print the resulting manifests.

Nothing is looked up in a cluster: values that would come from one are faked, and
no server-side validation happens.  Pass the Kubernetes API versions the chart
may test for with --api-versions, repeated or comma-separated:

    $ helmc template --api-versions networking.k8s.io/v1,cert-manager.io/v1 mychart ./mychart

Usage:
  helmc template [NAME] [CHART] [flags]

Flags:
  -a, --api-versions strings                       Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)
      --ca-file string                             verify certificates of HTTPS-enabled servers using this CA bundle
      --cert-file string                           identify HTTPS client using this SSL certificate file
      --create-namespace                           create the release namespace if not present
      --dependency-update                          update dependencies if they are missing before installing the chart
      --description string                         add a custom description
      --devel                                      use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
      --disable-openapi-validation                 if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema
      --dry-run string[="unset"]                   simulates the operation either client-side or server-side. Must be either: "client", or "server". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity. (default "client")
      --enable-dns                                 enable DNS lookups when rendering templates
      --force-conflicts                            if set server-side apply will force changes against conflicts
      --force-replace                              force resource updates by replacement
  -g, --generate-name                              generate the name (and omit the NAME parameter)
  -h, --help                                       help for template
      --hide-notes                                 if set, do not show notes in install output. Does not affect presence in chart metadata
      --include-crds                               include CRDs in the templated output
      --insecure-skip-tls-verify                   skip tls certificate checks for the chart download
      --is-upgrade                                 set .Release.IsUpgrade instead of .Release.IsInstall
      --key-file string                            identify HTTPS client using this SSL key file
      --keyring string                             location of public keys used for verification (default "/home/helmc-test/.gnupg/pubring.gpg")
      --kube-version string                        Kubernetes version used for Capabilities.KubeVersion
  -l, --labels stringToString                      Labels that would be added to release metadata. Should be divided by comma. (default [])
      --name-template string                       specify template used to name the release
      --no-hooks                                   prevent hooks from running during install
      --output-dir string                          writes the executed templates to files in output-dir instead of stdout
      --pass-credentials                           pass credentials to all domains
      --password string                            chart repository password where to locate the requested chart
      --plain-http                                 use insecure HTTP connections for the chart download
      --post-renderer postRendererString           the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used
      --post-renderer-args postRendererArgsSlice   an argument to the post-renderer (can specify multiple) (default [])
      --release-name                               use release name in the output-dir path.
      --render-subchart-notes                      if set, render subchart notes along with the parent
      --replace                                    reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production
      --repo string                                chart repository url where to locate the requested chart
      --rollback-on-failure                        if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set
      --server-side                                object updates run in the server instead of the client (default true)
      --set stringArray                            set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
      --set-file stringArray                       set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)
      --set-json stringArray                       set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {"key1": jsonval1, "key2": "jsonval2"})
      --set-literal stringArray                    set a literal STRING value on the command line
      --set-string stringArray                     set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
  -s, --show-only stringArray                      only show manifests rendered from the given templates
      --skip-crds                                  if set, no CRDs will be installed. By default, CRDs are installed if not already present
      --skip-schema-validation                     if set, disables JSON schema validation
      --skip-tests                                 skip tests from templated output
      --take-ownership                             if set, install will ignore the check for helm annotations and take ownership of the existing resources
      --timeout duration                           time to wait for any individual Kubernetes operation (like Jobs for hooks) (default 5m0s)
      --username string                            chart repository username where to locate the requested chart
  -f, --values strings                             specify values in a YAML file or a URL (can specify multiple)
      --verify                                     verify the package before using it
      --version string                             specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used
      --wait WaitStrategy[=watcher]                if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'. (default hookOnly)
      --wait-for-jobs                              if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout

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

check 0 stdout 'help template' <<\EOF

Render a chart's templates locally and print the resulting manifests.

Nothing is looked up in a cluster: values that would come from one are faked, and
no server-side validation happens.  Pass the Kubernetes API versions the chart
may test for with --api-versions, repeated or comma-separated:

    $ helmc template --api-versions networking.k8s.io/v1,cert-manager.io/v1 mychart ./mychart

Usage:
  helmc template [NAME] [CHART] [flags]

Flags:
  -a, --api-versions strings                       Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)
      --ca-file string                             verify certificates of HTTPS-enabled servers using this CA bundle
      --cert-file string                           identify HTTPS client using this SSL certificate file
      --create-namespace                           create the release namespace if not present
      --dependency-update                          update dependencies if they are missing before installing the chart
      --description string                         add a custom description
      --devel                                      use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
      --disable-openapi-validation                 if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema
      --dry-run string[="unset"]                   simulates the operation either client-side or server-side. Must be either: "client", or "server". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity. (default "client")
      --enable-dns                                 enable DNS lookups when rendering templates
      --force-conflicts                            if set server-side apply will force changes against conflicts
      --force-replace                              force resource updates by replacement
  -g, --generate-name                              generate the name (and omit the NAME parameter)
  -h, --help                                       help for template
      --hide-notes                                 if set, do not show notes in install output. Does not affect presence in chart metadata
      --include-crds                               include CRDs in the templated output
      --insecure-skip-tls-verify                   skip tls certificate checks for the chart download
      --is-upgrade                                 set .Release.IsUpgrade instead of .Release.IsInstall
      --key-file string                            identify HTTPS client using this SSL key file
      --keyring string                             location of public keys used for verification (default "/home/helmc-test/.gnupg/pubring.gpg")
      --kube-version string                        Kubernetes version used for Capabilities.KubeVersion
  -l, --labels stringToString                      Labels that would be added to release metadata. Should be divided by comma. (default [])
      --name-template string                       specify template used to name the release
      --no-hooks                                   prevent hooks from running during install
      --output-dir string                          writes the executed templates to files in output-dir instead of stdout
      --pass-credentials                           pass credentials to all domains
      --password string                            chart repository password where to locate the requested chart
      --plain-http                                 use insecure HTTP connections for the chart download
      --post-renderer postRendererString           the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used
      --post-renderer-args postRendererArgsSlice   an argument to the post-renderer (can specify multiple) (default [])
      --release-name                               use release name in the output-dir path.
      --render-subchart-notes                      if set, render subchart notes along with the parent
      --replace                                    reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production
      --repo string                                chart repository url where to locate the requested chart
      --rollback-on-failure                        if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set
      --server-side                                object updates run in the server instead of the client (default true)
      --set stringArray                            set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
      --set-file stringArray                       set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)
      --set-json stringArray                       set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {"key1": jsonval1, "key2": "jsonval2"})
      --set-literal stringArray                    set a literal STRING value on the command line
      --set-string stringArray                     set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
  -s, --show-only stringArray                      only show manifests rendered from the given templates
      --skip-crds                                  if set, no CRDs will be installed. By default, CRDs are installed if not already present
      --skip-schema-validation                     if set, disables JSON schema validation
      --skip-tests                                 skip tests from templated output
      --take-ownership                             if set, install will ignore the check for helm annotations and take ownership of the existing resources
      --timeout duration                           time to wait for any individual Kubernetes operation (like Jobs for hooks) (default 5m0s)
      --username string                            chart repository username where to locate the requested chart
  -f, --values strings                             specify values in a YAML file or a URL (can specify multiple)
      --verify                                     verify the package before using it
      --version string                             specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used
      --wait WaitStrategy[=watcher]                if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'. (default hookOnly)
      --wait-for-jobs                              if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout

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

check 0 stdout 'history -h' <<\EOF

Print the revisions of a release, oldest first: revision, update time,
status, chart, app version and description.  At most 256 revisions are
shown unless --max says otherwise.

Usage:
  helmc history RELEASE_NAME [flags]

Aliases:
  history, hist

Flags:
  -h, --help            help for history
      --max int         maximum number of revision to include in history (default 256)
  -o, --output format   prints the output in the specified format. Allowed values: table, json, yaml (default table)

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

check 0 stdout repo <<\EOF

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

check 0 stdout 'repo add --help' <<\EOF
add a chart repository

Usage:
  helmc repo add [NAME] [URL] [flags]

Flags:
      --allow-deprecated-repos     by default, this command will not allow adding official repos that have been permanently deleted. This disables that behavior
      --ca-file string             verify certificates of HTTPS-enabled servers using this CA bundle
      --cert-file string           identify HTTPS client using this SSL certificate file
      --force-update               replace (overwrite) the repo if it already exists
  -h, --help                       help for add
      --insecure-skip-tls-verify   skip tls certificate checks for the repository
      --key-file string            identify HTTPS client using this SSL key file
      --pass-credentials           pass credentials to all domains
      --password string            chart repository password
      --password-stdin             read chart repository password from stdin
      --timeout duration           time to wait for the index file download to complete (default 2m0s)
      --username string            chart repository username

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

check 0 stdout 'get foo' <<\EOF

Show what helmc recorded about a release: its values, manifest, notes,
hooks or metadata, one subcommand each.

Usage:
  helmc get [command]

Available Commands:
  all         download all information for a named release
  hooks       download all hooks for a named release
  manifest    download the manifest for a named release
  metadata    This command fetches metadata for a given release
  notes       download the notes for a named release
  values      download the values file for a named release

Flags:
  -h, --help   help for get

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

Use "helmc get [command] --help" for more information about a command.
EOF

check 0 stdout 'dep up --help' <<\EOF

Download the newest versions of the dependencies Chart.yaml allows into
charts/, remove outdated ones, and record the result in Chart.lock.

Usage:
  helmc dependency update CHART [flags]

Aliases:
  update, up

Flags:
      --ca-file string             verify certificates of HTTPS-enabled servers using this CA bundle
      --cert-file string           identify HTTPS client using this SSL certificate file
  -h, --help                       help for update
      --insecure-skip-tls-verify   skip tls certificate checks for the chart download
      --key-file string            identify HTTPS client using this SSL key file
      --keyring string             keyring containing public keys (default "/home/helmc-test/.gnupg/pubring.gpg")
      --password string            chart repository password where to locate the requested chart
      --plain-http                 use insecure HTTP connections for the chart download
      --skip-refresh               do not refresh the local repository cache
      --username string            chart repository username where to locate the requested chart
      --verify                     verify the packages against signatures

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

check 0 stdout 'help help' <<\EOF
Help prints the help of any command.
Type helmc help followed by the command's path for the details.

Usage:
  helmc help [command] [flags]

Flags:
  -h, --help   help for help

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

check 0 stdout 'search --help' <<\EOF

Search for charts on Artifact Hub or in the added repositories.

Usage:
  helmc search [command]

Available Commands:
  hub         search for charts in the Artifact Hub or your own hub instance
  repo        search repositories for a keyword in charts

Flags:
  -h, --help   help for search

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

Use "helmc search [command] --help" for more information about a command.
EOF

check 0 stdout 'list --help' <<\EOF

List the releases of the current namespace (all namespaces with -A).

Deployed and failed releases are shown unless status flags such as
--uninstalled or --pending choose others; --filter takes a regular
expression matched against release names.

Usage:
  helmc list [flags]

Aliases:
  list, ls

Flags:
  -A, --all-namespaces       list releases across all namespaces
  -d, --date                 sort by release date
      --deployed             show deployed releases
      --failed               show failed releases
  -f, --filter string        a regular expression (Perl compatible). Any releases that match the expression will be included in the results
  -h, --help                 help for list
  -m, --max int              maximum number of releases to fetch (default 256)
      --no-headers           don't print headers when using the default output format
      --offset int           next release index in the list, used to offset from start value
  -o, --output format        prints the output in the specified format. Allowed values: table, json, yaml (default table)
      --pending              show pending releases
  -r, --reverse              reverse the sort order
  -l, --selector string      Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Works only for secret(default) and configmap storage backends.
  -q, --short                output short (quiet) listing format
      --superseded           show superseded releases
      --time-format string   format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"
      --uninstalled          show uninstalled releases (if 'helmc uninstall --keep-history' was used)
      --uninstalling         show releases that are currently being uninstalled

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

check 0 stdout 'version --help=true' <<\EOF

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

check 0 stderr 'help foo' <<\EOF
Unknown help topic [`foo`]
Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
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

Use "helmc [command] --help" for more information about a command.
EOF

check 0 stderr 'help foo '"'"'a b'"'"'' <<\EOF
Unknown help topic [`foo` `a b`]
Usage:
  helmc [command]

Available Commands:
  completion  generate autocompletion scripts for the specified shell
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  env         helmc client environment information
  get         download extended information of a named release
  help        Help about any command
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  package     package a chart directory into a chart archive
  plugin      install, list, or uninstall Helm plugins
  pull        download a chart from a repository and (optionally) unpack it in local directory
  push        push a chart to remote
  registry    login to or logout from a registry
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  test        run tests for a release
  uninstall   uninstall a release
  upgrade     upgrade a release
  verify      verify that a chart at the given path has been signed and is valid
  version     print the helmc version information

Flags:
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

Use "helmc [command] --help" for more information about a command.
EOF

check 1 stderr 'help --bogus' <<\EOF
Error: unknown flag: --bogus
EOF

finish
