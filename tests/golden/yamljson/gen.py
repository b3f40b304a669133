#!/usr/bin/env python3
"""Renders the yamljson golden cases with the real helm and writes expected/*.golden.

Run it through regen.sh, which finds the oracle. Three kinds of source (README.md says more):

  values/NN-group.yaml   a values file; each top-level key is one case. Rendered with
                         `helm template -f` (three times, which must agree); every key gets
                         toYaml, toJson, toPrettyJson and toRawJson of its value.
  inputs/NN-group.cases  one case a line: NAME FUNCS STRING. The string goes into the template
                         as `b64dec "..."` and through fromYaml / fromJson / fromYamlArray /
                         fromJsonArray (then toJson), or is written out as a whole values file
                         (func `values`) and rendered alone.
  exprs/NN-group.exprs   one case a line: NAME TEMPLATE-EXPRESSION, for values only a template
                         can make (NaN, invalid UTF-8, int64); toYaml/toJson/... and the must*
                         variants of each.

A golden file is a list of records, each `=== CASE WHAT LEN` + LEN raw bytes + "\\n"; WHAT is a
function name, `FUNC!` when that function fails (the bytes are Go's error message), `input` or
`expr` for the case's input. Only Python's standard library is used.
"""
import argparse
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHART_YAML = "apiVersion: v2\nname: yj\nversion: 0.1.0\n"
JSON_FUNCS = ("toJson", "toPrettyJson", "toRawJson")
VALUE_FUNCS = ("toYaml",) + JSON_FUNCS
MUST_FUNCS = ("mustToYaml", "mustToJson", "mustToPrettyJson", "mustToRawJson")
FROM_FUNCS = ("fromYaml", "fromYamlArray", "fromJson", "fromJsonArray")
FUNC_ALIASES = {"yaml": ("fromYaml", "fromYamlArray"), "json": ("fromJson", "fromJsonArray"),
                "from": FROM_FUNCS}
STABILITY_RUNS = 3  # renders of each values file that must agree
NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")
TOP_KEY_RE = re.compile(rb"^([A-Za-z0-9_]+):(?:[ \t]|$)")


def die(msg):
    sys.stderr.write("gen.py: %s\n" % msg)
    sys.exit(1)


# ---- sources -------------------------------------------------------------------------------

ESCAPES = {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0", "\\": b"\\", '"': b'"', "a": b"\a",
           "b": b"\b", "f": b"\f", "v": b"\v", "e": b"\x1b"}


def parse_quoted(text, i, where):
    """The double-quoted term at text[i] -> (bytes, index after it)."""
    term = bytearray()
    i += 1
    while True:
        if i >= len(text):
            die("%s: unterminated string" % where)
        c = text[i]
        if c == '"':
            return bytes(term), i + 1
        if c != "\\":
            term += c.encode("utf-8")
            i += 1
            continue
        e = text[i + 1:i + 2]
        if e in ESCAPES:
            term += ESCAPES[e]
            i += 2
        elif e == "x":
            term.append(int(text[i + 2:i + 4], 16))
            i += 4
        elif e == "u":
            term += chr(int(text[i + 2:i + 6], 16)).encode("utf-8", "surrogatepass")
            i += 6
        elif e == "U":
            term += chr(int(text[i + 2:i + 10], 16)).encode("utf-8")
            i += 10
        else:
            die("%s: unknown escape \\%s" % (where, e))


def parse_string_expr(text, where):
    """Terms joined by '+', each '...' (raw) or "..." (escapes) and optionally '* N' -> bytes."""
    out = bytearray()
    i, n = 0, len(text)
    expect_term = True
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            break
        if not expect_term:
            if text[i] != "+":
                die("%s: expected '+' at %r" % (where, text[i:]))
            i += 1
            expect_term = True
            continue
        if text[i] == "'":
            end = text.find("'", i + 1)
            if end < 0:
                die("%s: unterminated string" % where)
            term, i = text[i + 1:end].encode("utf-8"), end + 1
        elif text[i] == '"':
            term, i = parse_quoted(text, i, where)
        else:
            die("%s: expected a quoted string at %r" % (where, text[i:]))
        m = re.match(r"\s*\*\s*(\d+)", text[i:])
        if m:
            term = term * int(m.group(1))
            i += m.end()
        out += term
        expect_term = False
    if expect_term:
        die("%s: expected a string" % where)
    return bytes(out)


def case_lines(path):
    """(line number, text) of every non-blank, non-comment line."""
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield no, line


def check_name(name, seen, where):
    if not NAME_RE.match(name):
        die("%s: bad case name %r" % (where, name))
    if name in seen:
        die("%s: duplicate case name %r" % (where, name))
    seen.add(name)


def load_inputs(path):
    cases, seen = [], set()
    for no, line in case_lines(path):
        where = "%s:%d" % (os.path.relpath(path, HERE), no)
        parts = line.split(None, 2)
        if len(parts) != 3:
            die("%s: want NAME FUNCS STRING" % where)
        name, funcs, text = parts
        check_name(name, seen, where)
        fl = []
        for f in funcs.split(","):
            for g in FUNC_ALIASES.get(f, (f,)):
                if g not in FROM_FUNCS + ("values",):
                    die("%s: unknown function %r" % (where, g))
                if g not in fl:
                    fl.append(g)
        cases.append((name, fl, parse_string_expr(text, where)))
    return cases


def load_exprs(path):
    cases, seen = [], set()
    for no, line in case_lines(path):
        where = "%s:%d" % (os.path.relpath(path, HERE), no)
        parts = line.split(None, 1)
        if len(parts) != 2:
            die("%s: want NAME EXPRESSION" % where)
        check_name(parts[0], seen, where)
        cases.append((parts[0], parts[1].strip()))
    return cases


def values_keys(data, where):
    """Top-level keys in file order: lines `name:` at column 0 (the files are written so)."""
    keys, seen = [], set()
    for line in data.split(b"\n"):
        m = TOP_KEY_RE.match(line)
        if m:
            check_name(m.group(1).decode(), seen, where)
            keys.append(m.group(1).decode())
    return keys


# ---- the oracle ----------------------------------------------------------------------------

class Oracle:
    def __init__(self, helm):
        self.helm = helm
        self.tmp = tempfile.mkdtemp(prefix="yamljson-")
        self.env = dict(os.environ, TZ="UTC", HELM_CACHE_HOME=os.path.join(self.tmp, "cache"),
                        HELM_CONFIG_HOME=os.path.join(self.tmp, "config"),
                        HELM_DATA_HOME=os.path.join(self.tmp, "data"))
        self.renders = 0
        v = subprocess.run([helm, "version", "--template", "{{ .Version }}"], env=self.env,
                           capture_output=True, text=True, check=True)
        self.version = v.stdout.strip()

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def render(self, template, values=None):
        """(ok, {key: bytes} or stderr text). The template prints `"B64KEY": "B64VALUE"` lines."""
        chart = os.path.join(self.tmp, "yj")
        shutil.rmtree(chart, ignore_errors=True)
        os.makedirs(os.path.join(chart, "templates"))
        with open(os.path.join(chart, "Chart.yaml"), "w") as f:
            f.write(CHART_YAML)
        with open(os.path.join(chart, "templates", "t.yaml"), "w") as f:
            f.write(template)
        cmd = [self.helm, "template", "r", chart]
        if values is not None:
            vpath = os.path.join(self.tmp, "values.yaml")
            with open(vpath, "wb") as f:
                f.write(values)
            cmd += ["-f", vpath]
        self.renders += 1
        p = subprocess.run(cmd, env=self.env, capture_output=True, cwd=self.tmp)
        if p.returncode != 0:
            return False, p.stderr.decode("utf-8", "replace")
        out = {}
        for line in p.stdout.split(b"\n"):
            m = re.match(rb'^"([A-Za-z0-9+/=]*)": "([A-Za-z0-9+/=]*)"$', line)
            if m:
                key = base64.b64decode(m.group(1)).decode()
                if key in out:
                    die("oracle printed %r twice" % key)
                out[key] = base64.b64decode(m.group(2))
        return True, out


def line(key_expr, value_expr):
    return "{{ %s | b64enc | quote }}: {{ %s | b64enc | quote }}\n" % (key_expr, value_expr)


def go_quote(s):
    return '"' + s + '"'


def error_of(stderr, func):
    """Go's message from a failed render: what follows `error calling FUNC: `."""
    found = re.findall(r"error calling %s: (.*)" % re.escape(func), stderr)
    if not found:
        die("no 'error calling %s' in helm's error:\n%s" % (func, stderr))
    return found[-1].encode("utf-8")


# ---- golden records ------------------------------------------------------------------------

class Golden:
    def __init__(self, source, mode, version):
        self.parts = [("# Generated by regen.sh with helm %s from %s: do not edit.\n#! %s %s\n"
                       % (version, source, mode, source)).encode()]
        self.count = 0

    def rec(self, case, what, data):
        self.parts.append(b"=== %s %s %d\n" % (case.encode(), what.encode(), len(data)))
        self.parts.append(data + b"\n")

    def data(self):
        return b"".join(self.parts)


def add_json_family(g, case, res, errors=None):
    """toJson always; toPrettyJson and toRawJson only where they differ from toJson."""
    errors = errors or {}
    g.rec(case, "toYaml", res["toYaml"])
    g.rec(case, "toJson", res["toJson"])
    for f in ("toPrettyJson", "toRawJson"):
        if f in errors:
            g.rec(case, f + "!", errors[f])
        elif res[f] != res["toJson"]:
            g.rec(case, f, res[f])


def gen_values(oracle, path):
    rel = os.path.relpath(path, HERE)
    with open(path, "rb") as f:
        data = f.read()
    keys = values_keys(data, rel)
    t = "{{- range $k, $v := .Values }}\n"
    for fn in VALUE_FUNCS:
        t += line('printf "%%s.%s" $k' % fn, "%s $v" % fn)
    t += "{{- end }}\n"
    ok, out = oracle.render(t, data)
    if not ok:
        die("%s: helm failed:\n%s" % (rel, out))
    # go-yaml's key order is not transitive for some key sets and Go's map order is random: such
    # output varies between runs. Render again and refuse cases that are not stable.
    for _ in range(STABILITY_RUNS - 1):
        ok, again = oracle.render(t, data)
        if not ok:
            die("%s: helm failed on a second render:\n%s" % (rel, again))
        unstable = sorted({k.rsplit(".", 1)[0] for k in out if again.get(k) != out[k]})
        if unstable:
            die("%s: helm's output varies between runs for %s" % (rel, ", ".join(unstable)))
    got_keys = sorted({k.rsplit(".", 1)[0] for k in out})
    if got_keys != sorted(keys):
        die("%s: helm sees keys %s, the file scan found %s" % (rel, got_keys, sorted(keys)))
    g = Golden(rel, "values", oracle.version)
    for k in keys:
        res = {fn: out["%s.%s" % (k, fn)] for fn in VALUE_FUNCS}
        add_json_family(g, k, res)
        if res["toYaml"] == b"":
            # toYaml swallowed an error (it never prints "" otherwise): ask mustToYaml for it.
            ok, err = oracle.render(line(go_quote("x"), 'mustToYaml (index .Values "%s")' % k),
                                    data)
            if ok:
                die("%s: %s: toYaml printed nothing but mustToYaml did not fail" % (rel, k))
            g.rec(k, "mustToYaml!", error_of(err, "mustToYaml"))
    return g, len(keys)


def gen_inputs(oracle, path):
    rel = os.path.relpath(path, HERE)
    cases = load_inputs(path)
    t = ""
    for name, funcs, data in cases:
        b64 = base64.b64encode(data).decode()
        for fn in funcs:
            if fn != "values":
                t += line(go_quote("%s.%s" % (name, fn)),
                          '%s (b64dec "%s") | toJson' % (fn, b64))
    out = {}
    if t:
        ok, out = oracle.render(t)
        if not ok:
            die("%s: helm failed:\n%s" % (rel, out))
    g = Golden(rel, "inputs", oracle.version)
    for name, funcs, data in cases:
        g.rec(name, "input", data)
        for fn in funcs:
            if fn != "values":
                g.rec(name, fn, out["%s.%s" % (name, fn)])
                continue
            vt = line(go_quote("toJson"), "toJson .Values") + line(go_quote("toYaml"),
                                                                   "toYaml .Values")
            ok, vout = oracle.render(vt, data)
            if ok:
                g.rec(name, "values.toJson", vout["toJson"])
                g.rec(name, "values.toYaml", vout["toYaml"])
            else:
                m = re.match(r"Error: failed to parse \S+: (.*)\Z", vout, re.S)
                if not m or not m.group(1).endswith("\n"):
                    die("%s: %s: unexpected helm error:\n%s" % (rel, name, vout))
                g.rec(name, "values!", m.group(1)[:-1].encode("utf-8"))
    return g, len(cases)


def gen_exprs(oracle, path):
    rel = os.path.relpath(path, HERE)
    cases = load_exprs(path)
    # toYaml, toJson and toPrettyJson swallow errors, so one render holds them all.
    t = ""
    for name, expr in cases:
        for fn in ("toYaml", "toJson", "toPrettyJson"):
            t += line(go_quote("%s.%s" % (name, fn)), "%s (%s)" % (fn, expr))
    ok, out = oracle.render(t)
    if not ok:
        die("%s: helm failed:\n%s" % (rel, out))
    # toRawJson and the must* variants fail the render: try all cases at once, then a case at
    # a time, then a function at a time.
    failing = ("toRawJson",) + MUST_FUNCS

    def lines(pairs):
        return "".join(line(go_quote("%s.%s" % (n, fn)), "%s (%s)" % (fn, e)) for n, e, fn in pairs)

    everything = [(n, e, fn) for n, e in cases for fn in failing]
    ok, fout = oracle.render(lines(everything))
    errors = {}
    if not ok:
        fout = {}
        for name, expr in cases:
            ok1, o1 = oracle.render(lines([(name, expr, fn) for fn in failing]))
            if ok1:
                fout.update(o1)
                continue
            for fn in failing:
                ok2, o2 = oracle.render(lines([(name, expr, fn)]))
                if ok2:
                    fout.update(o2)
                else:
                    errors[(name, fn)] = error_of(o2, fn)
    out.update(fout)
    g = Golden(rel, "exprs", oracle.version)
    for name, expr in cases:
        g.rec(name, "expr", expr.encode("utf-8"))
        res = {fn: out.get("%s.%s" % (name, fn)) for fn in VALUE_FUNCS}
        errs = {fn: errors[(name, fn)] for fn in failing if (name, fn) in errors}
        add_json_family(g, name, res, errs)
        for fn in MUST_FUNCS:
            plain = "to" + fn[len("mustTo"):]
            if fn in errs:
                g.rec(name, fn + "!", errs[fn])
            elif out["%s.%s" % (name, fn)] != res[plain]:
                die("%s: %s: %s differs from %s" % (rel, name, fn, plain))
    return g, len(cases)


def golden_name(path):
    """values/10-numbers.yaml -> values-10-numbers.golden"""
    rel = os.path.relpath(path, HERE)
    return os.path.splitext(rel.replace(os.sep, "-"))[0] + ".golden"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helm", required=True)
    ap.add_argument("--check", action="store_true", help="compare, write nothing")
    args = ap.parse_args()
    oracle = Oracle(args.helm)
    try:
        jobs = []
        for sub, ext, fn in (("values", ".yaml", gen_values), ("inputs", ".cases", gen_inputs),
                             ("exprs", ".exprs", gen_exprs)):
            d = os.path.join(HERE, sub)
            for f in sorted(os.listdir(d)):
                if f.endswith(ext):
                    jobs.append((os.path.join(d, f), fn))
        written, total, diffs = set(), 0, 0
        for path, fn in jobs:
            g, n = fn(oracle, path)
            total += n
            out = os.path.join(HERE, "expected", golden_name(path))
            written.add(os.path.basename(out))
            old = open(out, "rb").read() if os.path.exists(out) else None
            if old != g.data():
                diffs += 1
                print("%s %s (%d cases)" % ("differs:" if args.check else "wrote",
                                            os.path.relpath(out, HERE), n))
                if not args.check:
                    with open(out, "wb") as f:
                        f.write(g.data())
            else:
                print("same    %s (%d cases)" % (os.path.relpath(out, HERE), n))
        for f in sorted(os.listdir(os.path.join(HERE, "expected"))):
            if f.endswith(".golden") and f not in written:
                diffs += 1
                print("%s expected/%s (no source)" % ("stale:" if args.check else "removed", f))
                if not args.check:
                    os.remove(os.path.join(HERE, "expected", f))
        print("%d cases, %d helm renders, helm %s" % (total, oracle.renders, oracle.version))
        if args.check and diffs:
            sys.exit(1)
    finally:
        oracle.close()


if __name__ == "__main__":
    main()
