#!/usr/bin/env python3
"""Writes fuzz.src: random regular expressions and subjects for helm to answer.

  mkfuzz.py [SEED [COUNT]] > fuzz.src
  ../../template/tcase.py oracle fuzz.src fuzz.tcase --shared DIR

Each case runs one pattern through regexFindAll, regexReplaceAll (with $n,
${n} and $name references), regexSplit, regexFind and regexMatch, so the
translation to PCRE2 is compared with Go's regexp on every result at once:
loops over empty-matching bodies, laziness, case folding, anchors, word
boundaries, Unicode classes and named groups.
"""
import random
import sys

ATOMS = ["a", "b", "a", "b", ".", "[ab]", "[^a]", "\\\\b", "\\\\B", "^", "$", "\\\\A", "\\\\z",
         "A", "(?:)", "\\\\w", "\\\\W", "\\\\s", "[[:alpha:]]", "\\\\pL", "(?i:a)", "(?i)b", "é",
         "[é-ü]", "\\\\d", ""]
QUANTS = ["*", "+", "?", "*?", "+?", "??", "{2}", "{1,2}", "{0,}", "{0,1}?", "{2,}", "{0,2}",
          "{1,}", "{2,}?", "{0}"]
FLAGS = ["", "", "", "(?i)", "(?m)", "(?s)", "(?U)", "(?ms)"]
REPLS = ["<$1>", "<${1}|$2>", "[$n1$n2]", "$0$0", "<$1$3>"]


def gen(rnd, d=0):
    r = rnd.random()
    if d > 5 or r < 0.28:
        return rnd.choice(ATOMS)
    if r < 0.5:
        return gen(rnd, d + 1) + gen(rnd, d + 1)
    if r < 0.62:
        return gen(rnd, d + 1) + "|" + gen(rnd, d + 1)
    if r < 0.72:
        return "(" + gen(rnd, d + 1) + ")"
    if r < 0.76:
        return "(?P<n%d>" % rnd.randint(1, 2) + gen(rnd, d + 1) + ")"
    if r < 0.8:
        return "(?:" + gen(rnd, d + 1) + ")"
    g = gen(rnd, d + 1)
    atom = len(g) <= 1 or (g[0] == "(" and g[-1] == ")") or (g[0] == "[" and g[-1] == "]")
    if g in ("", "^", "$") or not atom:
        g = "(" + g + ")"
    return g + rnd.choice(QUANTS)


def main(argv):
    seed = int(argv[0]) if argv else 777
    count = int(argv[1]) if len(argv) > 1 else 1000
    rnd = random.Random(seed)
    out = []
    for i in range(count):
        p = rnd.choice(FLAGS) + gen(rnd)
        s = "".join(rnd.choice("abAB \né") for _ in range(rnd.randint(0, 12))).replace("\n", "\\n")
        t = ('{{ regexFindAll "%s" "%s" -1 | toJson }}|'
             '{{ regexReplaceAll "%s" "%s" "%s" | printf "%%q" }}|'
             '{{ regexSplit "%s" "%s" -1 | toJson }}|{{ regexFind "%s" "%s" | printf "%%q" }}|'
             '{{ regexMatch "%s" "%s" }}' % (p, s, p, s, rnd.choice(REPLS), p, s, p, s, p, s))
        out.append("=== fuzz%d\n--- template\n%s\n" % (i, t))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
