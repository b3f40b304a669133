#!/usr/bin/env python3
"""Times `helmc template` against `helm template` as whole processes.

For each case (the shared corpus's cases.jsonl: chart and flags), both tools
run alternately RUNS times on the same chart with the same flags; the wall
time and CPU time (user + system, from wait4()) of every run are kept.  Peak
resident memory comes from one more run of each under GNU time: a child's
ru_maxrss counts the memory it had before exec, a fork of this Python process.  The script prints, per case, the median wall times and peak
memory of both and their ratios (helm / helmc for time: the speed-up;
helmc / helm for memory), then a summary: the median speed-up over all
cases, the slowest and fastest cases, the same per chart (a chart's cases
pooled), and the median memory ratio.  Cases where helmc's output differs
from helm's are marked, since a fast wrong answer is no result; cases where
helm fails are timed too (both tools exit early there).

    template-vs-helm.py HELMC HELM [--cases FILE] [--runs N] [--filter RE]
                        [--umbrella N] [--chart DIR --args "..."] [--json FILE]

--umbrella N adds a case for an umbrella chart with N subcharts written by
make-umbrella.sh beside this script; --json writes every measurement.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


GNU_TIME = "/usr/bin/time"


def run(cmd, cwd):
    """Runs cmd; returns (wall seconds, CPU seconds, stdout bytes)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, out


def peak_rss(cmd, cwd):
    """Peak resident memory of cmd in KiB, as GNU time reports it."""
    p = subprocess.run([GNU_TIME, "-f", "%M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1])


def measure(helmc, helm, chart, args, runs, cwd, deterministic):
    tools = (("helmc", helmc), ("helm", helm))
    r = {t: {"wall": [], "cpu": []} for t, _ in tools}
    outs = {}
    for _ in range(runs):  # alternate, so both see the same machine state
        for tool, path in tools:
            wall, cpu, outs[tool] = run([path, "template", "rel", chart] + args, cwd)
            r[tool]["wall"].append(wall)
            r[tool]["cpu"].append(cpu)
    m = {t: {"wall": statistics.median(v["wall"]), "cpu": statistics.median(v["cpu"])}
         for t, v in r.items()}
    for tool, path in tools:
        m[tool]["rss"] = peak_rss([path, "template", "rel", chart] + args, cwd)
    # random passwords and certificates differ from run to run: compare the rest only
    m["same"] = outs["helmc"] == outs["helm"] if deterministic else None
    m["speed"] = m["helm"]["wall"] / m["helmc"]["wall"]
    m["cpu_speed"] = m["helm"]["cpu"] / max(m["helmc"]["cpu"], 1e-6)
    m["memory"] = m["helmc"]["rss"] / m["helm"]["rss"]
    return m


def chart_of(cid):
    """The chart a case id belongs to: its first two parts (publisher/chart)."""
    return "/".join(cid.split("/")[:2])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("helmc")
    ap.add_argument("helm")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--cases", default=os.path.join(here, "..", "..", "..", "shared", "corpus",
                                                    "cases.jsonl"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--filter", default=None)
    ap.add_argument("--umbrella", type=int, default=0, help="add an umbrella chart of N subcharts")
    ap.add_argument("--chart", default=None, help="one chart directory instead of the cases")
    ap.add_argument("--args", default="", help="flags for --chart")
    ap.add_argument("--json", default=None, help="write every measurement here")
    o = ap.parse_args()
    helmc, helm = os.path.abspath(o.helmc), os.path.abspath(o.helm)

    cases = []
    tmp = tempfile.TemporaryDirectory(prefix="helmc-bench-")
    if o.chart:
        cases.append(("chart/" + os.path.basename(os.path.abspath(o.chart)),
                      os.path.abspath(o.chart), shlex.split(o.args), None, True))
    else:
        base = os.path.dirname(os.path.abspath(o.cases))
        with open(o.cases) as f:
            for line in f:
                c = json.loads(line)
                if o.filter and not re.search(o.filter, c["id"]):
                    continue
                if c.get("skip") or not os.path.isdir(os.path.join(base, c["chart"])):
                    continue
                cases.append((c["id"], c["chart"], c["args"], base,
                              c.get("deterministic", True)))
    if o.umbrella:
        d = os.path.join(tmp.name, "umbrella")
        subprocess.run(["bash", os.path.join(here, "make-umbrella.sh"), d, str(o.umbrella)],
                       check=True, stdout=subprocess.DEVNULL)
        cases.append((f"umbrella/{o.umbrella}-subcharts/default", d, [], None, True))

    results = {}
    print(f"{'case':58} {'helmc ms':>9} {'helm ms':>9} {'speed':>7} {'cpu':>7} "
          f"{'helmc MiB':>9} {'helm MiB':>9} {'memory':>7}")
    for cid, chart, args, cwd, deterministic in cases:
        m = measure(helmc, helm, chart, args, o.runs, cwd, deterministic)
        results[cid] = m
        print(f"{cid[:58]:58} {m['helmc']['wall'] * 1e3:9.1f} {m['helm']['wall'] * 1e3:9.1f} "
              f"{m['speed']:6.1f}x {m['cpu_speed']:6.1f}x {m['helmc']['rss'] / 1024:9.1f} "
              f"{m['helm']['rss'] / 1024:9.1f} {m['memory']:7.3f}"
              f"{'' if m['same'] is not False else '  (outputs differ)'}", flush=True)
    if not results:
        return 0

    speeds = sorted((m["speed"], cid) for cid, m in results.items())
    charts = {}
    for cid, m in results.items():
        charts.setdefault(chart_of(cid), []).append(m)
    per_chart = sorted((statistics.median(x["speed"] for x in ms), c) for c, ms in charts.items())
    mem = [m["memory"] for m in results.values()]
    cpu = [m["cpu_speed"] for m in results.values()]
    differ = sum(1 for m in results.values() if m["same"] is False)
    print()
    print("summary (speed: helm wall time / helmc wall time, median of runs; memory: helmc "
          "peak RSS / helm peak RSS)")
    print(f"{'':34} {'cases':>6} {'median':>8} {'worst':>8}  worst case")
    print(f"{'speed-up, per case':34} {len(speeds):6} {statistics.median(s for s, _ in speeds):7.1f}x "
          f"{speeds[0][0]:7.1f}x  {speeds[0][1]}")
    print(f"{'speed-up, per chart':34} {len(per_chart):6} "
          f"{statistics.median(s for s, _ in per_chart):7.1f}x {per_chart[0][0]:7.1f}x  "
          f"{per_chart[0][1]}")
    print(f"{'CPU-time ratio, per case':34} {len(cpu):6} {statistics.median(cpu):7.1f}x "
          f"{min(cpu):7.1f}x")
    worst_mem = max(results.items(), key=lambda kv: kv[1]["memory"])
    print(f"{'memory ratio, per case':34} {len(mem):6} {statistics.median(mem):8.3f} "
          f"{worst_mem[1]['memory']:8.3f}  {worst_mem[0]}")
    print(f"cases at least 10x faster: {sum(1 for s, _ in speeds if s >= 10)} of {len(speeds)}; "
          f"fastest {speeds[-1][0]:.1f}x ({speeds[-1][1]}); deterministic outputs differ in "
          f"{differ}")
    if o.json:
        with open(o.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
