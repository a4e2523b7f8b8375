"""Reading a 20,000-row milestones sheet: perfkit.read_milestones against bare pandas.read_excel.

Builds the workbook once (title rows, section rows, Q1-Q4 status and commentary
columns), then times the three readers alternating in one run, and measures each
one's peak memory in a fresh process. Target: read_milestones no more than 1.5x
bare calamine.

    python bench/bench_read.py [--rows 20000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
TARGET = 1.5
# 20,000 rows of 12 columns pass the default cell limit (perfkit.read.safety): a genuine, unusually large workbook,
# read as perfkit.toml's [limits] would let it (here for this process and the fresh ones it starts).
os.environ.setdefault("PERFKIT_MAX_CELLS", "1000000")


def build(path: Path, rows: int) -> Path:
    from openpyxl import Workbook

    rng = random.Random(1)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Milestones")
    ws.append(["Council Plan 2023/24 milestones"])
    ws.append([])
    header = ["Ref", "Milestone / Action", "Lead officer", "Due date"]
    for q in range(1, 5):
        header += [f"Q{q} Status", f"Q{q} Commentary"]
    ws.append(header)
    n = 0
    while n < rows:
        ws.append([f"Priority {n // 2000 + 1}: Theme {n // 2000 + 1}"])
        for _ in range(min(2000, rows - n)):
            n += 1
            row = [f"M{n:05d}", f"Milestone number {n} for the plan", f"Officer {n % 97}", dt.date(2024, 3, 31)]
            for _q in range(4):
                row += [rng.choice(["G", "Green", "A", "amber", "R", "On track", "Complete"]), "Progress is as planned this quarter."]
            ws.append(row)
    wb.save(path)
    return path


def run(method: str, path: str):
    import pandas as pd

    if method == "perfkit":
        import perfkit

        return perfkit.read_milestones(path)
    if method == "calamine":
        return pd.read_excel(path, engine="calamine", header=2)
    return pd.read_excel(path, engine="openpyxl", header=2)


def peak_rss(method: str, path: Path) -> float:
    """Peak resident memory (MiB) of a fresh process that imports and runs one reader."""
    code = (
        "import resource, sys; sys.path.insert(0, %r); from bench_read import run; run(%r, %r); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    ) % (str(Path(__file__).parent), method, str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"milestones_{args.rows}.xlsx"
    if not path.exists():  # built in a child so that this process stays small
        code = "import sys; sys.path.insert(0, %r); from bench_read import build; from pathlib import Path; build(Path(%r), %d)"
        subprocess.run([sys.executable, "-c", code % (str(Path(__file__).parent), str(path), args.rows)], check=True)
    methods = ["perfkit", "calamine", "openpyxl"]
    # Peaks first: a forked child starts from its parent's high-water mark, so measure
    # them while this process has imported nothing heavy.
    peaks = {m: peak_rss(m, path) for m in methods}
    frame = run("perfkit", str(path))  # warm imports
    run("calamine", str(path))
    med = alternate({m: (lambda m=m: run(m, str(path))) for m in methods}, args.repeats)
    print(f"{args.rows:,} milestones x 4 quarters ({len(frame):,} tidy rows), median of {args.repeats} alternating runs")
    for m in methods:
        print(f"  {m:<9} {med[m]:7.3f} s   peak {peaks[m]:6.0f} MiB (fresh process)")
    ratio = med["perfkit"] / med["calamine"]
    print(f"ratio read_milestones / read_excel(calamine): {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    print(f"ratio read_milestones / read_excel(openpyxl): {med['perfkit'] / med['openpyxl']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
