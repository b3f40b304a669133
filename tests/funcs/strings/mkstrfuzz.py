#!/usr/bin/env python3
"""Writes strfuzz.src: random strings through the rune-wise and byte-wise
string functions, for helm to answer (see mkfuzz.py for the workflow).

  mkstrfuzz.py [SEED [COUNT]] > strfuzz.src

The alphabet mixes ASCII word characters and separators with the runes
whose Go case mapping is special (titlecase digraphs, dotted and dotless i,
final sigma, the Kelvin sign, ligatures), marks, wide runes, Unicode spaces
and invalid UTF-8 bytes; results are printed with %q so every byte shows.
"""
import random
import sys

ALPHABET = (["a", "b", "Z", "Q", "0", "7", " ", "_", "-", ".", "'", "\\t", "\\n"] +
            ["é", "É", "ß", "ẞ", "ǅ", "ǆ", "Ǆ", "İ", "ı", "Σ", "σ", "ς", "ﬁ", "\\u212a", "\\u0345",
             "\\u0301", "日", "😀", "Ⅻ", "ⅻ", "\\u00a0", "\\u0085", "\\u2028", "\\u3000", "\\xff",
             "\\xe2\\x82", "\\ufffd", "Ǳ", "ǲ", "ǳ", "A1", "HTTP", "Id", "x9Y"])
FUNCS = ["upper", "lower", "title", "untitle", "swapcase", "camelcase", "snakecase", "kebabcase",
         "initials", "nospace", "trim", "toString"]


def main(argv):
    seed = int(argv[0]) if argv else 99
    count = int(argv[1]) if len(argv) > 1 else 300
    rnd = random.Random(seed)
    out = []
    for i in range(count):
        s = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 10)))
        body = "|".join('{{ %s "%s" | printf "%%q" }}' % (f, s) for f in FUNCS)
        cut = rnd.choice(["a", "é ", "\\xff", " \\t", "ß_"])
        body += '|{{ trimAll "%s" "%s" | printf "%%q" }}' % (cut, s)
        body += '|{{ replace "" "." "%s" | printf "%%q" }}' % s
        body += '|{{ splitList "" "%s" | printf "%%q" }}' % s
        body += '|{{ wrap %d "%s" | printf "%%q" }}' % (rnd.randint(-1, 6), s)
        body += '|{{ abbrev %d "%s" | printf "%%q" }}' % (rnd.randint(3, 8), s)
        body += '|{{ trunc %d "%s" | printf "%%q" }}' % (rnd.randint(-6, 6), s)
        out.append("=== strfuzz%d\n--- template\n%s\n" % (i, body))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
