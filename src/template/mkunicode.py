#!/usr/bin/env python3
"""Writes runes_unicode.h: the Unicode 15.0.0 tables behind Go's case mapping,
case folding, general categories and scripts, as Go 1.25's package unicode
defines them.

    python3 mkunicode.py [UCD_DIR] > runes_unicode.h

UCD_DIR (default /usr/share/unicode, Debian's unicode-data 15.0.0) must hold
UnicodeData.txt, CaseFolding.txt, Scripts.txt and PropertyValueAliases.txt of
Unicode 15.0.0, the version Go 1.25 ships.

What the tables encode (each rule checked against the real Go behaviour):

  case ranges   unicode.ToUpper/ToLower/ToTitle: the simple mappings of
                UnicodeData.txt (fields 12-14); a rune without a mapping maps
                to itself.  Runs alternating upper/lower (Aa Bb ...) are one
                range with the UPPER_LOWER delta, as Go's CaseRanges do.
  fold orbit    unicode.SimpleFold: the orbits are the classes of runes that
                CaseFolding.txt (status C and S) folds to the same rune; the
                table lists only the runes for which Go's fallback rule
                (ToLower(r) if it differs, else ToUpper(r)) is wrong, as Go's
                caseOrbit does.
  categories    unicode.Categories of Go 1.25: every two-letter general
                category including Cn (unassigned), the one-letter classes
                (C includes Cn), and LC (Lu|Ll|Lt).
  scripts       unicode.Scripts: Scripts.txt, one table per script.
  fold tables   unicode.FoldCategory/FoldScript: the runes outside a table that
                case folding makes equivalent to a rune inside it (none for LC,
                as in Go).
  aliases       unicode.CategoryAliases: every long name and alias of a general
                category in PropertyValueAliases.txt, stored canonicalised the
                way regexp/syntax looks them up.
"""
import os
import sys

MAX_RUNE = 0x10FFFF
UPPER_LOWER = MAX_RUNE + 1


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [x.strip() for x in line.split(";")]


def load(ucd):
    gc = {}
    upper, lower, title = {}, {}, {}
    first = None
    for f in read_lines(os.path.join(ucd, "UnicodeData.txt")):
        cp = int(f[0], 16)
        name = f[1]
        if name.endswith(", First>"):
            first = cp
            continue
        if name.endswith(", Last>"):
            for c in range(first, cp + 1):
                gc[c] = f[2]
            continue
        gc[cp] = f[2]
        if f[12]:
            upper[cp] = int(f[12], 16)
        if f[13]:
            lower[cp] = int(f[13], 16)
        if f[14]:
            title[cp] = int(f[14], 16)
    fold = {}
    for f in read_lines(os.path.join(ucd, "CaseFolding.txt")):
        if f[1] in ("C", "S"):
            fold[int(f[0], 16)] = int(f[2], 16)
    scripts = {}
    for f in read_lines(os.path.join(ucd, "Scripts.txt")):
        lo, _, hi = f[0].partition("..")
        lo = int(lo, 16)
        hi = int(hi, 16) if hi else lo
        scripts.setdefault(f[1], set()).update(range(lo, hi + 1))
    aliases = {}
    for f in read_lines(os.path.join(ucd, "PropertyValueAliases.txt")):
        if f[0] == "gc":
            for alias in f[2:]:
                aliases[alias] = f[1]
    return gc, upper, lower, title, fold, scripts, aliases


def to_case(m, r):
    return m.get(r, r)


def case_ranges(upper, lower, title):
    """Go's CaseRanges: [lo, hi, dUpper, dLower, dTitle]."""
    deltas = {}
    for r in set(upper) | set(lower) | set(title):
        d = (to_case(upper, r) - r, to_case(lower, r) - r, to_case(title, r) - r)
        if d != (0, 0, 0):
            deltas[r] = d
    out = []
    for r in sorted(deltas):
        d = deltas[r]
        if out and out[-1][1] == r - 1:
            last = out[-1]
            if last[2:] == list(d):
                last[1] = r
                continue
            off = r - last[0]
            alt_ok = (d == (0, 1, 0)) if off % 2 == 0 else (d == (-1, 0, -1))
            if last[2] == UPPER_LOWER and alt_ok:
                last[1] = r
                continue
            if last[0] == last[1] and last[2:] == [0, 1, 0] and d == (-1, 0, -1):
                last[1] = r
                last[2:] = [UPPER_LOWER] * 3
                continue
        out.append([r, r] + list(d))
    return out


def go_to(ranges, case, r):
    for lo, hi, du, dl, dt in ranges:
        if lo <= r <= hi:
            d = (du, dl, dt)[case]
            if d == UPPER_LOWER:
                return lo + (((r - lo) & ~1) | (case & 1))
            return r + d
    return r


def orbits(fold):
    classes = {}
    for r, f in fold.items():
        classes.setdefault(f, {f}).add(r)
    orbit_of = {}
    for members in classes.values():
        s = sorted(members)
        for r in s:
            orbit_of[r] = s
    return orbit_of


def simple_fold(orbit_of, r):
    s = orbit_of.get(r)
    if not s:
        return r
    for x in s:
        if x > r:
            return x
    return s[0]


def ranges_of(points):
    out = []
    for c in sorted(points):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def canonical(name):
    out, first = [], True
    for c in name:
        if c in "_- ":
            continue
        if first:
            c = c.upper() if "a" <= c <= "z" else c
            first = False
        elif "A" <= c <= "Z":
            c = c.lower()
        out.append(c)
    return "".join(out)


def c_ident(name):
    return "".join(c if c.isalnum() else "_" for c in name)


def emit_ranges(w, ident, rs):
    w("static const struct hc_rune_range %s[%d] = {\n" % (ident, max(len(rs), 1)))
    items = ["{0x%X, 0x%X}" % (lo, hi) for lo, hi in rs] or ["{0, 0}"]
    line = "   "
    for it in items:
        if len(line) + len(it) + 2 > 99:
            w(line.rstrip() + "\n")
            line = "   "
        line += " " + it + ","
    w(line.rstrip() + "\n};\n")


def main():
    ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    gc, upper, lower, title, fold, scripts, aliases = load(ucd)
    for c in range(MAX_RUNE + 1):
        gc.setdefault(c, "Cn")

    cranges = case_ranges(upper, lower, title)
    # The ranges must reproduce every mapping.
    for r in list(upper) + list(lower) + list(title):
        for case, m in enumerate((upper, lower, title)):
            assert go_to(cranges, case, r) == to_case(m, r), hex(r)

    orbit_of = orbits(fold)

    def go_upper(r):
        if r < 0x80:
            return r - 32 if 0x61 <= r <= 0x7A else r
        return go_to(cranges, 0, r)

    def go_lower(r):
        if r < 0x80:
            return r + 32 if 0x41 <= r <= 0x5A else r
        return go_to(cranges, 1, r)

    orbit_exc = []
    for r in range(MAX_RUNE + 1):
        want = simple_fold(orbit_of, r)
        lo = go_lower(r)
        got = lo if lo != r else go_upper(r)
        if got != want:
            orbit_exc.append((r, want))

    cats = {}
    for c, g in gc.items():
        cats.setdefault(g, set()).add(c)
        cats.setdefault(g[0], set()).add(c)
    cats["LC"] = cats["Lu"] | cats["Ll"] | cats["Lt"]

    def closure_extra(points):
        extra = set()
        for c in points:
            for x in orbit_of.get(c, ()):
                if x not in points:
                    extra.add(x)
        return extra

    w = sys.stdout.write
    w("/*\n * runes_unicode.h - generated by mkunicode.py from the Unicode 15.0.0\n"
      " * character database; do not edit.  Included by runes.c only.\n */\n\n")
    w("#define UPPER_LOWER 0x%X /* Go's UpperLower delta */\n\n" % UPPER_LOWER)
    w("static const struct case_range case_ranges[%d] = {\n" % len(cranges))
    for lo, hi, du, dl, dt in cranges:
        w("    {0x%X, 0x%X, {%s, %s, %s}},\n" % tuple(
            [lo, hi] + [("UPPER_LOWER" if d == UPPER_LOWER else str(d)) for d in (du, dl, dt)]))
    w("};\n\n")
    w("static const struct fold_pair fold_orbit[%d] = {\n" % len(orbit_exc))
    for a, b in orbit_exc:
        w("    {0x%X, 0x%X},\n" % (a, b))
    w("};\n\n")

    tables = []  # (kind, key, ident, fold_ident)
    for name in sorted(cats):
        ident = "cat_" + c_ident(name)
        emit_ranges(w, ident, ranges_of(cats[name]))
        fident = None
        if name != "LC":
            extra = closure_extra(cats[name])
            if extra:
                fident = "foldcat_" + c_ident(name)
                emit_ranges(w, fident, ranges_of(extra))
        tables.append(("cat", name, ident, fident, len(ranges_of(cats[name])),
                       len(ranges_of(closure_extra(cats[name]))) if fident else 0))
    for name in sorted(scripts):
        ident = "script_" + c_ident(name)
        emit_ranges(w, ident, ranges_of(scripts[name]))
        extra = closure_extra(scripts[name])
        fident = None
        if extra:
            fident = "foldscript_" + c_ident(name)
            emit_ranges(w, fident, ranges_of(extra))
        tables.append(("script", name, ident, fident, len(ranges_of(scripts[name])),
                       len(ranges_of(extra)) if extra else 0))

    for kind, arr in (("cat", "categories"), ("script", "scripts")):
        rows = [t for t in tables if t[0] == kind]
        w("\n/* unicode.%s, sorted by name (byte order). */\n" % arr.capitalize())
        w("static const struct hc_rune_table %s[%d] = {\n" % (arr, len(rows)))
        for _, name, ident, fident, n, nf in sorted(rows, key=lambda t: t[1].encode()):
            w('    {"%s", %s, %s, %d, %d},\n' % (name, ident, fident or "NULL", n, nf))
        w("};\n")

    alias_rows = sorted((canonical(a), c) for a, c in aliases.items())
    w("\n/* unicode.CategoryAliases with canonical keys (regexp/syntax's canonicalName). */\n")
    w("static const struct category_alias category_aliases[%d] = {\n" % len(alias_rows))
    for a, c in alias_rows:
        w('    {"%s", "%s"},\n' % (a, c))
    w("};\n")


if __name__ == "__main__":
    main()
