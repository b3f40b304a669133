#!/usr/bin/env python3
# mkinputs.py - writes the inputs regen.sh feeds to helm: floats.yaml (doubles
# as a values file), strings.txt (Go string literals) and runes.txt (ints).
#
# Everything comes from a fixed seed, so rerunning gives the same files; the
# inputs are committed anyway, and regen.sh only reads them.
#
# Usage: python3 mkinputs.py   (writes into its own directory)
import math
import os
import random
import struct

SEED = 20250417
HERE = os.path.dirname(os.path.abspath(__file__))


def f64(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def bits_of(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def floats(rng):
    xs = []
    edge = [
        0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.5, 1.5, 2.5, 3.5, -0.5, 9.5, 99.5,
        999.5, 0.125, 0.375, 0.625, 2.675, 1.005, 0.05, 0.09, 0.0999, 0.9, 0.99995, 0.9999999999999999,
        5e-324, 1e-323, 2.2250738585072009e-308, 2.2250738585072014e-308, 2.2250738585072011e-308,
        1.7976931348623157e308, -1.7976931348623157e308, 8.98846567431158e307,
        1e21, 1e20, 1e22, 1e23, 99999999999999974834176.0, 100000000000000008388608.0,
        9007199254740992.0, 9007199254740994.0, 18014398509481984.0, 2.0**63, 2.0**64,
        1e15, 1e16, 1e17, 123456.0, 1234567.0, 12345678.0, 1e-4, 1e-5, 0.000123, 0.0001234,
        100.0, 1e6, 5e-5, 3.0, 80.0, 8080.0, 443.0, 65535.0, 0.25, 0.75, 1024.0, 3.14159,
        2.718281828459045, 3.141592653589793, 1.7976931348623157e307, 4.9406564584124654e-322,
        1125899906842624.25, 1125899906842624.75, 2251799813685248.5, 4503599627370495.5,
        498484681984085570.0, 383260575764816448.0, -5.8339553793802237e23, 6.226662346353213e-309,
        2.275555555555555, 2.2755555510520935, 2.275555431842804, 3.999969482421875,
        1234567.8, 200000.0, 2000000.0, 33909.0, 339.7784, -5.09e75, -5.11e-95,
        123456789123456789123456789.0, 1.23456e78, 1.23456e-78, 123.456, 0.3e-10, 7e22, 8.41e21,
        5.5e-7, 4.35, 1.1, 2.2, 0.7, 1e-7, 1e-6, 999999.0, 9999999.0, 0.00001, 1.25e-5,
    ]
    xs += edge
    # Powers of two across the whole range (asymmetric rounding intervals).
    for e in list(range(-1074, -1020, 7)) + list(range(-1022, 1024, 37)) + [1023, -1, -2, 52, 53]:
        xs.append(math.ldexp(1.0, e))
    # Powers of ten, exactly as parsed.
    for e in range(-323, 309, 11):
        xs.append(float("1e%d" % e))
    # Uniform random bit patterns (finite only).
    while len(xs) < len(edge) + 150 + 420:
        b = rng.getrandbits(64)
        if (b >> 52) & 0x7FF == 0x7FF:
            continue
        xs.append(f64(b))
    # Subnormals.
    for _ in range(30):
        xs.append(f64(rng.getrandbits(52) >> rng.randrange(0, 52)) * (-1) ** rng.randrange(2))
    # Mantissa all ones or nearly zero: shortest strings near interval edges.
    for _ in range(30):
        e = rng.randrange(1, 2046)
        m = rng.choice([0, 1, 2, (1 << 52) - 1, (1 << 52) - 2])
        xs.append(f64(e << 52 | m))
    # Half-integers and quarters around 2^50..2^54, where shortest ties happen.
    for _ in range(30):
        xs.append(rng.randrange(1 << 50, 1 << 54) / rng.choice([2, 4]))
    # Numbers people write in values files.
    for _ in range(150):
        k = rng.randrange(0, 7)
        v = round(rng.uniform(0, 10 ** rng.randrange(1, 9)), k)
        xs.append(-v if rng.random() < 0.2 else v)
    return xs


def go_literal(bs):
    out = ['"']
    for c in bs:
        if 0x20 <= c < 0x7F and c not in (0x22, 0x5C):
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    out.append('"')
    return "".join(out)


def strings(rng):
    cases = [
        b"", b"a", b"hello, world", b'say "hi"', b"back\\slash", b"it's", b"`raw`",
        b"\x07\x08\x0c\n\r\t\x0b", b"\x00\x01\x1b\x1f\x7f", b"\xff", b"a\xffb", b"\xfe\xff",
        b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xf0\x8f\xbf\xbf",
        b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xe2\x82", b"\xe2\x82\xac", b"\xe2", b"\xf0\x9f\x98",
        b"\x80", b"\xbf\x80", "é".encode(), "日本語".encode(), "😀".encode(), "\U0010ffff".encode(),
        "\u00a0\u00ad\u0085\u2028\u2029\ufeff\u200b\u200d\u061c".encode(),
        "\ufffd".encode(), "\u0301a\u0301".encode(), "\U000e0001\U000f0000\U00100000".encode(),
        "\u0378\u0530\u03a2".encode(), "\u2ffc\u31ef\U0001e030\U0001cc00".encode(),
        "tab\there".encode(), "line\nbreak".encode(), "\u3000\u2000\u205f".encode(),
        "\U0001f3fb\U0001f1fa\U0001f1f8".encode(), "\ue000\uf8ff".encode(), "\ufdd0\ufffe\uffff".encode(),
    ]
    # Random valid text over all planes (printable or not) with some broken bytes.
    for _ in range(120):
        parts = []
        for _ in range(rng.randrange(1, 8)):
            kind = rng.randrange(6)
            if kind == 0:
                parts.append(bytes(rng.randrange(0x20, 0x7F) for _ in range(rng.randrange(1, 4))))
            elif kind == 1:
                parts.append(bytes([rng.randrange(256)]))
            elif kind == 2:
                parts.append(bytes([rng.randrange(0, 0x20)]))
            else:
                hi = rng.choice([0x800, 0x10000, 0x30000, 0x110000])
                while True:
                    r = rng.randrange(0x80, hi)
                    if not 0xD800 <= r <= 0xDFFF:
                        break
                parts.append(chr(r).encode())
        cases.append(b"".join(parts))
    return cases


def runes(rng):
    rs = list(range(0, 0x100)) + [
        -1, -2147483648, 0x110000, 0x7FFFFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFD, 0xFFFE, 0xFFFF,
        0x10000, 0x10FFFF, 0x1F600, 0x2028, 0x2029, 0xFEFF, 0x200B, 0x0378, 0xE000, 0xF0000,
        0xE0001, 0x1E030, 0x1CC00, 0x2FFC, 0x31EF, 0x3000, 0x0301,
    ]
    for _ in range(200):
        rs.append(rng.randrange(0x100, 0x110000))
    return rs


def main():
    rng = random.Random(SEED)
    xs = floats(rng)
    with open(os.path.join(HERE, "floats.yaml"), "w") as f:
        f.write("# generated by mkinputs.py (seed %d); each comment is the float's bits\n" % SEED)
        f.write("f:\n")
        for x in xs:
            f.write("- %s  # %016x\n" % (repr(x), bits_of(x)))
    with open(os.path.join(HERE, "strings.txt"), "w") as f:
        for s in strings(rng):
            f.write(go_literal(s) + "\n")
    with open(os.path.join(HERE, "runes.txt"), "w") as f:
        for r in runes(rng):
            f.write("%d\n" % r)


main()
