"""Every registered layout, read with no settings (or with its family's perfkit.toml), checked against its truth.

The families register their layouts in their own ``test_<family>.py``; this file imports them all,
so a layout added anywhere is checked here the same way: the kinds found, the number of items of
each, the statuses at the period, and any column the truth names. A kind the truth does not expect
is a failure too: a tracker read as an action plan is silently wrong.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import perfkit
from layout_builders import LAYOUTS, Layout, Truth

HERE = Path(__file__).resolve().parent
for _path in sorted(HERE.glob("test_*.py")):
    if _path.stem != "test_catalogue":
        importlib.import_module(_path.stem)

ID = {"milestones": "milestone_id", "measures": "measure_id", "actions": "action_id", "risks": "risk_id"}


def read_as_an_officer_would(layout: Layout, folder: Path) -> tuple[dict, Truth]:
    path, truth = layout.build(folder)
    if layout.config is not None:
        (path.parent / "perfkit.toml").write_text(layout.config, encoding="utf-8")
    return perfkit.read_workbook(path), truth


def check_against_truth(frames: dict, truth: Truth) -> None:
    assert set(frames) == set(truth.counts), f"kinds read: {sorted(frames)}, expected {sorted(truth.counts)}"
    for kind, n in truth.counts.items():
        frame = frames[kind]
        assert frame[ID[kind]].nunique() == n, f"{kind}: {frame[ID[kind]].nunique()} items read, {n} in the workbook"
        if kind in truth.periods:
            got = sorted({perfkit.period_label(p, "half" if "cadence" in frame and (frame["cadence"] == "half").all() else "quarter")
                          for p in frame["period"].dropna().unique()})
            assert got == sorted(truth.periods[kind]), f"{kind}: periods {got}"
        if kind in truth.statuses:
            at = frame[frame["period"] == perfkit.parse_span(truth.period).end]
            got = {str(k): int(v) for k, v in at["status"].astype(str).value_counts().items() if v}
            assert got == truth.statuses[kind], f"{kind} at {truth.period}: {got}"
        for column, values in truth.columns.get(kind, {}).items():
            firsts = frame.drop_duplicates(ID[kind])
            assert list(firsts[column]) == values, f"{kind}.{column}: {list(firsts[column])}"


@pytest.mark.parametrize("layout", LAYOUTS, ids=[f"{x.family}/{x.name}" for x in LAYOUTS])
def test_layout_reads_as_its_truth_says(layout, tmp_path):
    frames, truth = read_as_an_officer_would(layout, tmp_path)
    check_against_truth(frames, truth)
