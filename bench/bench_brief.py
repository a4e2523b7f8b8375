"""perfkit brief against the floor for any notebook-based report, and at scale.

On the sample (every section: milestones, measures, action plan, risk register), against the floor:
`jupyter nbconvert --to html --execute` on a one-cell notebook (a kernel start, one cell and an HTML export).
A second, lean floor skips the optional rfc3987_syntax import (about 2 s) as perfkit does, for the stricter
ratio. The commands alternate in one run, each as the fresh process a user would start.
Targets: perfkit brief at most 1.15x the floor and at most 2x the lean floor.

At scale: a generated workbook of 50,000 milestones (two quarters) and 20,000 measures (six quarters),
briefed in at most 15 s. The workbook is built once into bench/out/; it is larger than perfkit's
default reading limits allow, so they are raised for it as an officer would (PERFKIT_MAX_CELLS and
friends, the environment's form of perfkit.toml's [limits]).

    python bench/bench_brief.py [--repeats 5] [--scale-repeats 3] [--no-scale]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate_times, spread  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = Path(__file__).resolve().parent / "out"
SAMPLE = ROOT / "data" / "raw" / "sample_council_2023-24.xlsx"
TARGET = 1.15  # against the one-cell nbconvert floor
TARGET_LEAN = 2.0  # against the same floor with the optional import skipped
SCALE = (50_000, 20_000)  # milestones, measures
TARGET_SCALE = 15.0  # seconds
# The generated workbook's size, read as perfkit.toml's [limits] would let it (here for the runs this script starts).
SCALE_LIMITS = {"PERFKIT_MAX_CELLS": "5000000", "PERFKIT_MAX_ROWS": "1000000", "PERFKIT_MAX_TEXT_MB": "512",
                "PERFKIT_MAX_PART_MB": "1024", "PERFKIT_MAX_TOTAL_MB": "2048"}

ONE_CELL = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "only", "metadata": {}, "outputs": [], "source": "1 + 1"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def timed(cmd: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - t


def build_scale(path: Path, milestones: int, measures: int) -> Path:
    """A council-shaped workbook of ``milestones`` milestones (Q1 and Q2 status and commentary, under priority
    headings) and ``measures`` measures (targets for two years, six quarters' figures), as make_sample lays them out."""
    from openpyxl import Workbook

    rng = random.Random(2324)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Milestones")
    ws.append(["Anyshire County Council"])
    ws.append(["Council Plan 2023/24: delivery plan milestones, quarterly progress"])
    ws.append([])
    ws.append(["Ref", "Milestone / Action", "Lead officer", "Directorate", "Due date", "Q1 Status", "Q1 Commentary",
               "Q2 Status", "Q2 Commentary"])
    words = ["Green", "Green", "Green", "Amber", "Red", "Complete", "G", "A"]
    per = max(1, milestones // 8)
    for n in range(milestones):
        if n % per == 0:
            ws.append([f"Priority {n // per + 1}: Theme {n // per + 1}"])
        ws.append([f"M{n + 1:05d}", f"Milestone number {n + 1} of the delivery plan", f"Officer {n % 400}",
                   f"Directorate {n % 6 + 1}", dt.date(2023, 6, 30) + dt.timedelta(days=rng.randrange(700)),
                   rng.choice(words), "Progress is as planned this quarter.", rng.choice(words), "An update from the service."])
    km = wb.create_sheet("Measures")
    km.append(["Anyshire County Council"])
    km.append(["Key performance indicators 2023/24 (with 2022/23 for comparison)"])
    km.append([])
    quarters = [f"Q{q} 2022/23" for q in range(1, 5)] + ["Q1 2023/24", "Q2 2023/24"]
    km.append(["Ref", "Measure", "Priority", "Unit", "Good performance is", "Frequency", "2022/23 Target", "2023/24 Target", *quarters])
    for n in range(measures):
        higher = n % 3 != 0
        target = rng.choice([50, 75, 90, 95])
        km.append([f"K{n + 1:05d}", f"Measure number {n + 1}", f"Theme {n % 8 + 1}", "%", "Higher" if higher else "Lower",
                   "Quarterly", target, target, *(round(rng.gauss(target, 5), 1) for _ in quarters)])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path


def report(times: dict[str, list[float]], repeats: int) -> None:
    print(f"median of {repeats} alternating runs, each a fresh process")
    for name, runs in times.items():
        print(f"  {name:<16} {statistics.median(runs):6.2f} s   ({spread(runs)})")


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f}x (target <= {target}x) {'OK' if ratio <= target else 'OVER TARGET'}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--scale-repeats", type=int, default=3)
    ap.add_argument("--no-scale", action="store_true", help="only the sample against the floor")
    args = ap.parse_args()
    # perfkit's bytecode, as pip writes it for an installed package (an editable install has none, and
    # PYTHONDONTWRITEBYTECODE would leave every run compiling the source again).
    compileall.compile_dir(str(ROOT / "perfkit"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / "one_cell.ipynb"
        nb.write_text(json.dumps(ONE_CELL))
        brief = [str(BIN / "perfkit"), "brief", "--council", "Northbrook District Council", "--out", tmp, "--force"]
        commands = {
            "perfkit brief": [*brief, str(SAMPLE), "--period", "2023/24 Q2"],
            "nbconvert floor": [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--execute", str(nb), "--output-dir", tmp],
            # The same floor without the optional rfc3987_syntax import that perfkit skips: the stricter comparison.
            "floor, lean": [sys.executable, "-c", "import sys; sys.modules['rfc3987_syntax'] = None; "
                            "from nbconvert.nbconvertapp import main; sys.argv = ['jupyter-nbconvert'] + sys.argv[1:]; main()",
                            "--to", "html", "--execute", str(nb), "--output-dir", tmp],
        }
        for cmd in commands.values():  # warm the disk cache
            timed(cmd)
        times = alternate_times({name: (lambda cmd=cmd: timed(cmd)) for name, cmd in commands.items()}, args.repeats)
        med = {name: statistics.median(runs) for name, runs in times.items()}
        report(times, args.repeats)
        print(f"ratio perfkit brief / one-cell nbconvert: {verdict(med['perfkit brief'] / med['nbconvert floor'], TARGET)}")
        print(f"ratio perfkit brief / lean floor (same import skipped): {verdict(med['perfkit brief'] / med['floor, lean'], TARGET_LEAN)}")
        if args.no_scale:
            return 0
        ms, kp = SCALE
        book = OUT / f"brief_{ms}_milestones_{kp}_measures.xlsx"
        if not book.exists():  # built in a child so that this process stays small
            code = "import sys; sys.path.insert(0, %r); from bench_brief import build_scale; from pathlib import Path; build_scale(Path(%r), %d, %d)"
            subprocess.run([sys.executable, "-c", code % (str(Path(__file__).parent), str(book), ms, kp)], check=True)
        env = {**os.environ, **SCALE_LIMITS}
        cmd = [*brief, str(book), "--period", "2023/24 Q2", "--accept-warnings"]
        timed(cmd, env)  # warm the disk cache
        runs = [timed(cmd, env) for _ in range(args.scale_repeats)]
        took = statistics.median(runs)
        print(f"{ms:,} milestones and {kp:,} measures, median of {args.scale_repeats} runs: {took:.2f} s ({spread(runs)}) "
              f"(target <= {TARGET_SCALE:.0f} s) {'OK' if took <= TARGET_SCALE else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
