# deps-lib.sh - helpers the dependency tests (t07NN-*.sh) share, sourced after lib.sh.

# The lock file without its generated line.
lock() { grep -v '^generated: "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T' "$1"; }

# Counts one test, passed when the command before it succeeded.
ok_if() {
    local rc=$?
    tests=$((tests + 1))
    if [ $rc = 0 ]; then
        echo "ok $tests - $1"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $1"
    fi
}

# mk NAME VERSION DIR: a chart with only a Chart.yaml.
mk() {
    mkdir -p "$3"
    printf 'apiVersion: v2\nname: %s\nversion: %s\n' "$1" "$2" >"$3/Chart.yaml"
}

# deps CHART (NAME VERSION REPOSITORY)...: a chart CHART/ with those dependencies.
deps() {
    local c=$1
    shift
    mkdir -p "$c"
    {
        printf 'apiVersion: v2\nname: %s\nversion: 0.1.0\ndependencies:\n' "$c"
        while [ $# -gt 0 ]; do
            printf -- '- name: %s\n  version: "%s"\n  repository: "%s"\n' "$1" "$2" "$3"
            shift 3
        done
    } >"$c/Chart.yaml"
}
