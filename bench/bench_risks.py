"""Reading a 10,000-risk register: perfkit.read_risks against bare pandas.read_excel (calamine).

Builds a 5x5 corporate register once (title rows, 'Inherent risk' and two quarters'
'Residual risk' bands over Impact | Likelihood | Score, a key under the table),
then times the two readers alternating in one run. Target: read_risks no more than
1.5x bare calamine.

    python bench/bench_risks.py [--rows 10000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
TARGET = 1.5


def build(path: Path, rows: int) -> Path:
    from openpyxl import Workbook

    rng = random.Random(11)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Corporate risks")
    ws.append(["Corporate risk register 2024/25"])
    ws.append([])
    ws.append(["", "", "", "Inherent risk", "", "", "Residual risk 2024/25 Q1", "", "", "Residual risk 2024/25 Q2"])
    ws.append(["Ref", "Risk", "Owner", "Impact", "Likelihood", "Score", "Impact", "Likelihood", "Score", "Impact", "Likelihood",
               "Score", "Target score", "Direction of travel", "Mitigating actions"])
    for n in range(1, rows + 1):
        i, li = rng.randint(2, 5), rng.randint(2, 5)
        q1 = (rng.randint(1, i), rng.randint(1, li))
        q2 = (rng.randint(1, i), rng.randint(1, li))
        direction = "Increasing" if q2[0] * q2[1] > q1[0] * q1[1] else ("Decreasing" if q2[0] * q2[1] < q1[0] * q1[1] else "No change")
        ws.append([f"CR{n:05d}", f"Risk number {n} to the council's plans", f"Officer {n % 97}", i, li, i * li,
                   *q1, q1[0] * q1[1], *q2, q2[0] * q2[1], rng.choice([4, 6, 8, 9]), direction,
                   "Controls in place and reviewed quarterly by the risk owner."])
    ws.append([])
    ws.append(["Key: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high"])
    wb.save(path)
    return path


def run(method: str, path: str):
    import pandas as pd

    if method == "perfkit":
        from perfkit.read.kinds.risks import read_risks

        return read_risks(path)
    return pd.read_excel(path, engine="calamine", header=3)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"risks_{args.rows}.xlsx"
    if not path.exists():  # built in a child so that this process stays small
        code = "import sys; sys.path.insert(0, %r); from bench_risks import build; from pathlib import Path; build(Path(%r), %d)"
        subprocess.run([sys.executable, "-c", code % (str(Path(__file__).parent), str(path), args.rows)], check=True)
    frame = run("perfkit", str(path))  # warm imports
    run("calamine", str(path))
    med = alternate({m: (lambda m=m: run(m, str(path))) for m in ("perfkit", "calamine")}, args.repeats)
    print(f"{args.rows:,} risks x 2 quarters ({len(frame):,} tidy rows), median of {args.repeats} alternating runs")
    for m in ("perfkit", "calamine"):
        print(f"  {m:<9} {med[m]:7.3f} s")
    ratio = med["perfkit"] / med["calamine"]
    print(f"ratio read_risks / read_excel(calamine): {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    cpu = alternate({m: (lambda m=m: run(m, str(path))) for m in ("perfkit", "calamine")}, args.repeats, clock=time.process_time)
    print(f"CPU time (steadier on a shared machine): perfkit {cpu['perfkit']:.3f} s, calamine {cpu['calamine']:.3f} s, "
          f"ratio {cpu['perfkit'] / cpu['calamine']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
