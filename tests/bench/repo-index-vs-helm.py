#!/usr/bin/env python3
"""Times `helmc repo index` against `helm repo index` as whole processes.

On the inputs repo-index-make.sh writes into DATA, both tools run alternately
RUNS times (default 1) on two workloads:
  index   repo index DATA/repo (about 3,100 archives)
  merge   repo index DATA/one --merge DATA/big-index.yaml (a 15,000-entry index
          merged with one version of each chart)
Each run's wall time, CPU time (user + system) and peak resident memory come
from wait4(), through GNU time when /usr/bin/time exists (see run()).  The indexes the two tools wrote (kept as DATA/WORKLOAD-TOOL.yaml)
are compared with `created` and `generated` normalised, since a fast wrong
answer is no result.

    repo-index-vs-helm.py HELMC HELM DATA [--runs N] [--only index|merge]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

STAMP = re.compile(rb'^(\s*(?:created|generated): ).*$', re.M)


# GNU time, when there is one, starts the tool: a process forked from this script would
# count the script's own pages (copied at fork, then folded into ru_maxrss at exec) as its
# peak, and the script holds the indexes it compares.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd):
    """Runs cmd; returns (wall seconds, CPU seconds, peak RSS in KiB)."""
    report = None
    if GNU_TIME:
        fd, report = tempfile.mkstemp(prefix="repo-index-vs-helm.")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%U %S %M", "-o", report, "--"] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {err.decode(errors='replace')}")
    if report:
        with open(report) as f:
            user, system, peak = f.read().split()[-3:]
        os.unlink(report)
        return wall, float(user) + float(system), int(peak)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def normalised(path):
    with open(path, "rb") as f:
        return STAMP.sub(rb"\1T", f.read())


def workload(name, data):
    if name == "index":
        return os.path.join(data, "repo"), []
    return os.path.join(data, "one"), ["--merge", os.path.join(data, "big-index.yaml")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("helmc")
    ap.add_argument("helm")
    ap.add_argument("data")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--only", choices=["index", "merge"])
    o = ap.parse_args()
    tools = {"helmc": os.path.abspath(o.helmc), "helm": os.path.abspath(o.helm)}
    status = 0
    for name in ["index", "merge"]:
        if o.only and name != o.only:
            continue
        d, extra = workload(name, os.path.abspath(o.data))
        res = {t: [] for t in tools}
        outs = {}
        for _ in range(o.runs):  # alternate, so both see the same machine state
            for t, exe in tools.items():
                res[t].append(run([exe, "repo", "index", d] + extra))
                outs[t] = normalised(os.path.join(d, "index.yaml"))
                shutil.copy(os.path.join(d, "index.yaml"),
                            os.path.join(o.data, f"{name}-{t}.yaml"))
        os.unlink(os.path.join(d, "index.yaml"))
        same = outs["helmc"] == outs["helm"]
        status |= not same
        med = {t: [statistics.median(x[i] for x in res[t]) for i in range(2)] for t in tools}
        peak = {t: max(x[2] for x in res[t]) for t in tools}
        print(f"{name}: {d} {' '.join(extra)} ({o.runs} run{'s' * (o.runs > 1)} each, "
              f"{outs['helm'].count(chr(10).encode())} lines written)")
        for t in tools:
            print(f"  {t:6} wall {med[t][0]:8.3f} s  cpu {med[t][1]:8.3f} s  "
                  f"peak {peak[t] / 1024:8.1f} MiB")
        print(f"  helmc/helm: wall {med['helmc'][0] / med['helm'][0]:.4f} "
              f"({med['helm'][0] / med['helmc'][0]:.1f}x faster), cpu "
              f"{med['helmc'][1] / med['helm'][1]:.4f}, peak memory "
              f"{peak['helmc'] / peak['helm']:.4f}; outputs "
              f"{'identical' if same else 'DIFFER'} (timestamps aside)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
