#!/usr/bin/env python3
"""feature-sweep-summary.py: means and spreads (max - min over seeds) of the
span F1 that bench/entities/feature-sweep.sh wrote, one row per feature set,
with each mean's difference from the `base` row.

    python3 bench/entities/feature-sweep-summary.py OUT_DIR/results.tsv"""
import sys
from collections import defaultdict

SETS = ("ewt-dev", "news", "heldout", "reviewer", "wire", "aeb-dev")
rows = defaultdict(list)
order = []
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        f = line.rstrip("\n").split("\t")
        if len(f) != 2 + len(SETS) or not all(f[2:]):
            continue
        if f[0] not in rows:
            order.append(f[0])
        rows[f[0]].append([float(x) for x in f[2:]])


def stats(name):
    cols = list(zip(*rows[name]))
    return [(sum(c) / len(c), max(c) - min(c)) for c in cols]


base = stats("base") if "base" in rows else None
print(f"| set | seeds | {' | '.join(SETS)} |")
print("|---|---|" + "---|" * len(SETS))
for name in order:
    st = stats(name)
    cells = []
    for k, (m, s) in enumerate(st):
        cell = f"{m:.3f}±{s:.3f}"
        if base and name != "base":
            cell += f" ({m - base[k][0]:+.3f})"
        cells.append(cell)
    print(f"| {name} | {len(rows[name])} | {' | '.join(cells)} |")
