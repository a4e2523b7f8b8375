"""perfkit brief on the sample against the floor for any notebook-based report.

The floor is `jupyter nbconvert --to html --execute` on a one-cell notebook: a
kernel start, one cell, and an HTML export. A second, lean floor skips the
optional rfc3987_syntax import (about 3 s) as perfkit does, for the stricter ratio. The commands alternate in one
run, each as the fresh process a user would start. Target: perfkit brief no more
than 1.5x the floor.

    python bench/bench_brief.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "data" / "raw" / "sample_council_2023-24.xlsx"
TARGET = 1.5

ONE_CELL = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "only", "metadata": {}, "outputs": [], "source": "1 + 1"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    # perfkit's bytecode, as pip writes it for an installed package (an editable install has none, and
    # PYTHONDONTWRITEBYTECODE would leave every run compiling the source again).
    compileall.compile_dir(str(ROOT / "perfkit"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / "one_cell.ipynb"
        nb.write_text(json.dumps(ONE_CELL))
        commands = {
            "perfkit brief": [str(BIN / "perfkit"), "brief", str(SAMPLE), "--period", "2023/24 Q2", "--council", "Northbrook District Council", "--out", tmp, "--force"],
            "nbconvert floor": [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--execute", str(nb), "--output-dir", tmp],
            # The same floor without the optional rfc3987_syntax import that perfkit skips: the stricter comparison.
            "floor, lean": [sys.executable, "-c", "import sys; sys.modules['rfc3987_syntax'] = None; "
                            "from nbconvert.nbconvertapp import main; sys.argv = ['jupyter-nbconvert'] + sys.argv[1:]; main()",
                            "--to", "html", "--execute", str(nb), "--output-dir", tmp],
        }
        for cmd in commands.values():  # warm the disk cache
            timed(cmd)
        med = alternate({name: (lambda cmd=cmd: timed(cmd)) for name, cmd in commands.items()}, args.repeats)
    print(f"median of {args.repeats} alternating runs, each a fresh process")
    for name, t in med.items():
        print(f"  {name:<16} {t:6.2f} s")
    ratio = med["perfkit brief"] / med["nbconvert floor"]
    print(f"ratio perfkit brief / one-cell nbconvert: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    print(f"ratio perfkit brief / lean floor (same import skipped): {med['perfkit brief'] / med['floor, lean']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
