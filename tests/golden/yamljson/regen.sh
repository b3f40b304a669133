#!/usr/bin/env bash
# Rebuilds tests/golden/yamljson/expected/ from the case sources with the real helm.
#   usage: tests/golden/yamljson/regen.sh [--check]
#     --check   render and compare with the committed goldens, write nothing; exit 1 on a diff
# The oracle comes from ../shared/tools/install-helm relative to the project root (in a git
# worktree, relative to the main checkout's root); HELM_ORACLE overrides it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

find_oracle() {
    if [ -n "${HELM_ORACLE:-}" ]; then
        echo "$HELM_ORACLE"
        return
    fi
    local tool="$root/../shared/tools/install-helm"
    if [ ! -x "$tool" ]; then
        # A linked worktree sits elsewhere; the shared folder is beside the main checkout.
        local common
        common=$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
        if [ -n "$common" ]; then
            tool="$(dirname "$common")/../shared/tools/install-helm"
        fi
    fi
    if [ ! -x "$tool" ]; then
        echo "regen.sh: cannot find ../shared/tools/install-helm (set HELM_ORACLE)" >&2
        exit 2
    fi
    "$tool"
}

helm=$(find_oracle)
exec python3 "$here/gen.py" --helm "$helm" "$@"
