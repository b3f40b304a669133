#!/usr/bin/env python3
"""Writes the .tcase files of tests/funcs/misc/ from the shared conformance corpus.

  mkcases.py CASES.jsonl [OUTDIR]

One <area>.tcase per area of the misc function families (encoding, crypto,
random, dates, semver, os), in the .tcase format of tests/template/tcase.py
with two more sections for what helm's answer cannot pin down byte for byte:

  --- regex      a Python re pattern the whole output must match (random,
                 clock and key material); PCRE2 runs it
  --- want_b64   the exact output, base64, when it is not UTF-8

Expected errors are helm's message without "Error: " and the "Use --debug"
hint, as tcase.py writes them.
"""
import base64
import json
import os
import sys

AREAS = ["encoding", "crypto", "random", "dates", "semver", "os"]
SECTIONS = ("template", "defs", "values", "options", "want", "want_b64", "regex", "error")
HINT = "\n\nUse --debug flag to render out invalid YAML"


def is_header(line):
    return line.startswith("=== ") or line in ["--- " + s for s in SECTIONS]


def helm_error(message):
    if message.startswith("Error: "):
        message = message[len("Error: "):]
    if message.endswith(HINT):
        message = message[: -len(HINT)]
    return message


def main():
    src = sys.argv[1]
    outdir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    out = {a: [] for a in AREAS}
    with open(src, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            area = c["id"].split("/")[0]
            if area not in out:
                continue
            case = {"name": c["id"], "template": c["template"]}
            if c.get("defs"):
                case["defs"] = c["defs"]
            if c.get("values") is not None:
                case["values"] = json.dumps(c["values"], sort_keys=True)
            if c["error"]:
                case["error"] = helm_error(c["error_message"])
            elif c.get("expect_regex") is not None:
                case["regex"] = c["expect_regex"]
            elif c.get("expect_b64") is not None:
                case["want_b64"] = c["expect_b64"]
            else:
                case["want"] = c["expect"]
            text = []
            text.append("=== %s\n" % case["name"])
            for sec in SECTIONS:
                if case.get(sec) is None:
                    continue
                for l in case[sec].split("\n"):
                    if is_header(l):
                        raise SystemExit("%s: %s holds a header line" % (c["id"], sec))
                text.append("--- %s\n%s\n" % (sec, case[sec]))
            out[area].append("".join(text))
    for area, cases in out.items():
        with open(os.path.join(outdir, area + ".tcase"), "w", encoding="utf-8", newline="") as f:
            f.write("".join(cases))
        print("%s: %d cases" % (area, len(cases)))


if __name__ == "__main__":
    main()
