"""A field's name merged over its quarters (``Actual`` over ``Apr-Jun | Jul-Sep | Oct-Dec | Jan-Mar``, then ``Target``
or ``RAG`` over the same quarters; ``Status`` and ``Commentary`` over ``Q1 … Q4``): each column is that field at that
quarter. Read before as the same quarters twice, the second band became the next year's figures, silently."""

from __future__ import annotations

import random

import pandas as pd
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit

QUARTERS = ["Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar"]


def _measures(seed: int):
    rng = random.Random(seed)
    out = []
    for i, (name, good) in enumerate([("Tenants satisfied (%)", "Y"), ("Repairs on time (%)", "Y"), ("Complaints per 1,000 homes", "N"),
                                      ("Days to relet a void", "N"), ("Gas safety checks (%)", "Y")]):
        target = rng.choice([75, 90, 5, 30, 99])
        actuals = [round(target * rng.uniform(0.8, 1.2), 1) for _ in range(2)]
        out.append((f"HM{i + 1:02d}", name, good, target, actuals))
    return out


def _field_bands(folder, first: str, seed: int):
    items = _measures(seed)
    bands = {"Actual": lambda it: it[4] + [None, None], "Target": lambda it: [it[3]] * 4}
    order = [first, "Target" if first == "Actual" else "Actual"]
    rows = [["Anyshire Homes: landlord performance 2024/25"], [],
            [None, None, None, order[0], None, None, None, order[1], None, None, None],
            ["Code", "Measure", "Higher is better?", *QUARTERS, *QUARTERS]]
    for it in items:
        rows.append([it[0], it[1], it[2], *bands[order[0]](it), *bands[order[1]](it)])
    path = write_workbook(folder / "landlord_2024-25.xlsx", [SheetSpec("Housing KPIs", rows, merges=["D3:G3", "H3:K3"])])
    return path, Truth({"measures": len(items)}, "2024/25 Q2", columns={"measures": {"actual": [it[4][0] for it in items],
                                                                                        "target": [float(it[3]) for it in items]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout("field bands", "Actual merged over the four quarters, then Target over the same")
def build_actual_then_target(folder):
    return _field_bands(folder, "Actual", 81)


@layout("field bands", "Target merged over the four quarters, then Actual over the same")
def build_target_then_actual(folder):
    return _field_bands(folder, "Target", 82)


def _milestone_bands(folder, first: str, seed: int):
    rng = random.Random(seed)
    n = 6
    statuses = [[rng.choice(["Green", "Amber", "Red", "Complete"]) for _ in range(2)] for _ in range(n)]
    order = [first, "Commentary" if first == "Status" else "Status"]
    rows = [["Corporate Plan milestones 2024/25"], [],
            [None, None, None, None, order[0], None, None, None, order[1], None, None, None],
            ["Ref", "Milestone", "Lead", "Due date", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4"]]
    for i in range(n):
        st = statuses[i] + [None, None]
        cm = [f"Update {i + 1} for quarter {q}" for q in (1, 2)] + [None, None]
        rows.append([f"M{i + 1}", f"Milestone {i + 1}", "Officer", day(2025, 3, 31),
                     *(st + cm if first == "Status" else cm + st)])
    q2: dict[str, int] = {}
    for s in statuses:
        q2[s[1]] = q2.get(s[1], 0) + 1
    path = write_workbook(folder / "plan.xlsx", [SheetSpec("Corporate Plan", rows, merges=["E3:H3", "I3:L3"])])
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": q2},
                       columns={"milestones": {"commentary": [f"Update {i + 1} for quarter 1" for i in range(n)]}},
                       periods={"milestones": ["2024/25 Q1", "2024/25 Q2"]})


@layout("field bands", "Status merged over Q1 to Q4, then Commentary over Q1 to Q4")
def build_status_then_commentary(folder):
    return _milestone_bands(folder, "Status", 83)


@layout("field bands", "Commentary merged over Q1 to Q4, then Status over Q1 to Q4")
def build_commentary_then_status(folder):
    return _milestone_bands(folder, "Commentary", 84)


def test_a_target_typed_as_monitor_is_no_target_and_said(tmp_path):
    rows = [["Code", "Measure", "Higher is better?", "Target", "Q1 Actual", "Q2 Actual"],
            ["K1", "Homes let", "Y", 30, 31, 29], ["K2", "Rent arrears (£)", "-", "Monitor", 1200, 1350],
            ["K3", "Calls answered", "Y", "No target set", 80, 82]]
    path = write_workbook(tmp_path / "kpis_2024-25.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assessed = perfkit.assess_measures(kp)
    at = assessed[assessed["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert at.loc["K1", "status"] == "Amber" and pd.isna(at.loc["K2", "target"]) and pd.isna(at.loc["K3", "target"])
    assert at.loc["K2", "status"] == at.loc["K3", "status"] == "Data only"
    notes = {p.source: p.message for p in kp.attrs["problems"] if p.severity == "info" and p.column == "target"}
    assert "'Monitor' read as no target" in notes["KPIs!D3"] and "'No target set' read as no target" in notes["KPIs!D4"]
    assert not [p for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_band_naming_its_quarter_and_year_gives_the_year_never_a_cover_sheet(tmp_path):
    """'Quarter 2 2024/25' merged over 'Status | Commentary' under a title naming a plan's span of years: the note said the
    year came from the Contents sheet, 'as this sheet names none itself'."""
    contents = SheetSpec("Contents", [["Council Plan 2024-28 - Quarter 2 2023/24 and 2024/25 monitoring"], [],
                                      ["Sheet", "What it holds"], ["Milestones", "Delivery milestones"]])
    rows = [["Council Plan 2024-28: Delivery Milestones"], [],
            ["Ref", "Milestone", "Lead officer", "Target date", "Quarter 2 2024/25", None],
            [None, None, None, None, "Status", "Commentary"],
            ["CP1.1", "Adopt the new Local Plan", "Head of Planning", day(2024, 12, 31), "On track", "Examination in November"],
            ["CP1.2", "Open the business hub", "Head of Regeneration", day(2024, 9, 1), "Complete", "Opened in August"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [contents, SheetSpec("Milestones", rows, merges=["E3:F3"])]))
    assert [perfkit.period_label(p) for p in ms["period"].unique()] == ["2024/25 Q2"]
    assert not any("cover sheet" in p.message for p in ms.attrs["problems"]), [p.message for p in ms.attrs["problems"]]
