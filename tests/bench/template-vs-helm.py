#!/usr/bin/env python3
"""Times `helmc template` against `helm template` as whole processes.

For each case (the shared corpus's cases.jsonl: chart and flags), both tools
run alternately RUNS times on the same chart with the same flags; the wall
time and peak resident memory of every run come from wait4().  The script
prints, per case, the median wall times and peak memory of both and their
ratios, then the median ratios over all cases.  Cases where helmc's output
differs from helm's are marked, since a fast wrong answer is no result.

    template-vs-helm.py HELMC HELM [--cases FILE] [--runs N] [--filter RE]
                        [--chart DIR --args "..."]
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time


def run(cmd, cwd):
    """Runs cmd; returns (seconds, peak RSS in KiB, stdout bytes, exit status)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, ru.ru_maxrss, out, p.returncode


def measure(helmc, helm, chart, args, runs, cwd):
    a_t, a_m, b_t, b_m = [], [], [], []
    a_out = b_out = None
    for _ in range(runs):  # alternate, so both see the same machine state
        t, m, a_out, _ = run([helmc, "template", "rel", chart] + args, cwd)
        a_t.append(t)
        a_m.append(m)
        t, m, b_out, _ = run([helm, "template", "rel", chart] + args, cwd)
        b_t.append(t)
        b_m.append(m)
    return (statistics.median(a_t), max(a_m), statistics.median(b_t), max(b_m), a_out == b_out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("helmc")
    ap.add_argument("helm")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--cases", default=os.path.join(here, "..", "..", "..", "shared", "corpus",
                                                    "cases.jsonl"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--filter", default=None)
    ap.add_argument("--chart", default=None, help="one chart directory instead of the cases")
    ap.add_argument("--args", default="", help="flags for --chart")
    o = ap.parse_args()
    helmc, helm = os.path.abspath(o.helmc), os.path.abspath(o.helm)

    cases = []
    if o.chart:
        cases.append(("chart", os.path.abspath(o.chart), shlex.split(o.args), None))
    else:
        base = os.path.dirname(os.path.abspath(o.cases))
        with open(o.cases) as f:
            for line in f:
                c = json.loads(line)
                if o.filter and not re.search(o.filter, c["id"]):
                    continue
                cases.append((c["id"], c["chart"], c["args"], base))

    speed, memory = [], []
    print(f"{'case':60} {'helmc ms':>9} {'helm ms':>9} {'speed':>7} {'helmc MiB':>10} "
          f"{'helm MiB':>9} {'memory':>7}")
    for cid, chart, args, cwd in cases:
        at, am, bt, bm, same = measure(helmc, helm, chart, args, o.runs, cwd)
        speed.append(bt / at)
        memory.append(am / bm)
        print(f"{cid[:60]:60} {at * 1e3:9.1f} {bt * 1e3:9.1f} {bt / at:6.1f}x {am / 1024:10.1f} "
              f"{bm / 1024:9.1f} {am / bm:7.3f}{'' if same else '  (outputs differ)'}",
              flush=True)
    if speed:
        print(f"{len(speed)} cases: median speed-up {statistics.median(speed):.1f}x "
              f"(min {min(speed):.1f}x), median memory ratio {statistics.median(memory):.3f} "
              f"(max {max(memory):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
