#!/usr/bin/python3
"""Paired, alternating timing of whole commands (A B A B ...), for the one-shot comparisons.

Each round runs every command once, in the given order (the order is rotated every round so that
no command always runs right after another); wall time and the child's CPU time (user + system,
all its threads) are taken per run. Prints a table of medians, the spread (min-max) and the ratio
of each command's median to the first command's, plus one JSON line per command when --json is
given. A command that fails stops the script (its stderr is shown).

Usage: paired.py [--runs N] [--warmup W] [--json] NAME1 'COMMAND1' NAME2 'COMMAND2' ...
       (commands run through /bin/sh; --warmup W untimed rounds first, default 1)
Licence: same as organ3d.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("command failed (exit %d): %s\n%s" % (code, cmd, err[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("pairs", nargs="+")
    a = ap.parse_args()
    if len(a.pairs) % 2:
        sys.exit("give NAME COMMAND pairs")
    names, cmds = a.pairs[0::2], a.pairs[1::2]
    wall = {n: [] for n in names}
    cpu = {n: [] for n in names}
    order = list(range(len(names)))
    for r in range(a.warmup + a.runs):
        for i in order:
            w, c = run(cmds[i])
            if r >= a.warmup:
                wall[names[i]].append(w)
                cpu[names[i]].append(c)
        order = order[1:] + order[:1]
    load = open("/proc/loadavg").read().split()[:3]
    print("%d paired rounds (+%d warm-up), %d cores, load average %s" % (a.runs, a.warmup, os.cpu_count(), " ".join(load)))
    ref_w = statistics.median(wall[names[0]])
    ref_c = statistics.median(cpu[names[0]])
    print("%-28s %10s %17s %10s %17s %9s %9s" % ("command", "wall med", "wall min-max", "CPU med", "CPU min-max",
                                                 "wall/1st", "CPU/1st"))
    for n in names:
        mw, mc = statistics.median(wall[n]), statistics.median(cpu[n])
        print("%-28s %9.3fs %7.3f-%7.3fs %9.3fs %7.3f-%7.3fs %9.2f %9.2f" % (
            n[:28], mw, min(wall[n]), max(wall[n]), mc, min(cpu[n]), max(cpu[n]), mw / ref_w, mc / ref_c))
    if a.json:
        for n in names:
            print(json.dumps({"name": n, "wall": wall[n], "cpu": cpu[n], "load": load}))


if __name__ == "__main__":
    main()
