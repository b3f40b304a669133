#!/bin/bash
#
# t0506-template-flags-helm: the real helm v4.1.4 and helmc side by side on the flags of
# `template` and `show values --jsonpath`: same exit code, same standard output and error,
# same files under --output-dir.  Skipped (77) without helm: HELM names it, else the copy
# ../shared/tools/install-helm keeps in ~/.cache/helm-ref/v4.

. "$(dirname "$0")/lib.sh"

helm=${HELM:-${XDG_CACHE_HOME:-$HOME/.cache}/helm-ref/v4/helm}
[ -x "$helm" ] || { echo "# $TEST_NAME: no helm at $helm; skipped"; exit 77; }

cd "$tmp" || exit 1
mkdir -p fx/c/templates fx/c/crds fx/c/charts/sub/templates
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: "2"\n' >fx/c/Chart.yaml
printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >fx/c/charts/sub/Chart.yaml
printf 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\n' >fx/c/charts/sub/templates/cm.yaml
printf 'kind: ConfigMap\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: b\n' >fx/c/templates/multi.yaml
printf 'kind: Job\nmetadata:\n  name: h\n  annotations:\n    helm.sh/hook: pre-install\n' >fx/c/templates/hook.yaml
printf 'kind: CustomResourceDefinition\nmetadata:\n  name: x.example.com\n' >fx/c/crds/crd.yaml
printf 'items:\n  - name: x\n    port: 80\n  - name: y2\n    port: 443\nlist: [1, 2, 3]\n' >fx/c/values.yaml
cat >fx/c/templates/caps.yaml <<\END
# {{ .Capabilities | toJson }} {{ .Release | toJson }} {{ .Chart | toJson }}
# {{ printf "%v %+v" .Capabilities.HelmVersion .Capabilities.KubeVersion }}
END

# same ARGS: both programs in their own copy of fx, compared on everything they produce
same() {
    local args=$1 words
    tests=$((tests + 1))
    eval "words=($args)"
    for who in helm helmc; do
        rm -rf "$tmp/$who" && cp -r "$tmp/fx" "$tmp/$who"
        local bin=$helm
        [ $who = helmc ] && bin=$HELMC
        (cd "$tmp/$who" && env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin "$bin" "${words[@]}" \
            >"$tmp/$who.out" 2>"$tmp/$who.err"; echo "exit $?" >>"$tmp/$who.out"
         find . -path ./c -prune -o -type f -print | LC_ALL=C sort | while read -r f; do
             echo "== $f"; cat "$f"; done >>"$tmp/$who.out")
    done
    if cmp -s "$tmp/helm.out" "$tmp/helmc.out" && cmp -s "$tmp/helm.err" "$tmp/helmc.err"; then
        echo "ok $tests - same as helm: $args"
    else
        failures=$((failures + 1))
        echo "not ok $tests - $TEST_NAME: differs from helm: $args"
        diff -u "$tmp/helm.out" "$tmp/helmc.out" | sed 's/^/# /'
        diff -u "$tmp/helm.err" "$tmp/helmc.err" | sed 's/^/# /'
    fi
}

same 'template c --output-dir out --include-crds'
same 'template r1 c --output-dir out/ --release-name'
same 'template c --output-dir out --no-hooks -s templates/multi.yaml'
same 'template --name-template "{{ \"n\" | repeat 2 }}-{{ add 1 1 }}" c -s templates/caps.yaml'
same 'template --name-template Nope c'
same 'template -g c -s templates/caps.yaml'
same 'template x y c'
same 'template c --kube-version 1.31.2 -a a/v1 --is-upgrade -n ns --description d --create-namespace'
same 'template c --kube-version v1.x'
same 'template c --dry-run=none'
same 'show values c --jsonpath "{range .items[*]}{.name}={.port};{end}"'
same 'show values c --jsonpath "{.items[?(@.port>100.0)].name} {.list[1:]}"'
same 'show values c --jsonpath "{.list[7]}"'
same 'show values c --jsonpath "{.items[?(@.x==1]}"'

finish
