"""Quarters named by their months in brackets (``2023/24 (Jul-Sep) Status``, ``Actual (Apr-Jun)``), references kept with
their leading zeros by a number format (``007``), and comments run on to a row of their own under an item.

Each was read wrongly without a word: every bracketed quarter as Q4 (two quarters became one and counts doubled),
``007`` as ``7``, and a lone comment as the priority of the rows below it. The truths come from the generators' items.
"""

from __future__ import annotations

import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit

QUARTER_MONTHS = {1: "Apr-Jun", 2: "Jul-Sep", 3: "Oct-Dec", 4: "Jan-Mar"}
STATUSES = ["Green", "Amber", "Red", "Complete"]
PRIORITIES = ["Priority 1: A thriving local economy", "Priority 2: Healthy, safe communities"]


def delivery_plan(seed: int, n: int = 10) -> list[dict]:
    """The council's milestones, each with its status in Q1 and Q2 and, for some, a comment run on below its row."""
    rng = random.Random(seed)
    return [{"ref": f"DP{i:02d}", "title": f"Deliver commitment {i} of the plan", "priority": PRIORITIES[(i - 1) * len(PRIORITIES) // n],
             "lead": rng.choice(["Head of Place", "Head of Housing", "Director of Resources"]), "due": day(2024, rng.choice([3, 9]), 28),
             "q1": rng.choice(STATUSES[:3]), "q2": rng.choice(STATUSES),
             "run_on": rng.random() < 0.3 and i != n} for i in range(1, n + 1)]


def tally(words) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in words:
        out[w] = out.get(w, 0) + 1
    return out


@layout("bracketed quarters", "2023/24 (Apr-Jun) Status | Commentary, comments run on under their items")
def build_bracketed_statuses(folder):
    items = delivery_plan(20)
    header = ["Ref", "Milestone", "Lead officer", "Due date"]
    for q in (1, 2):
        header += [f"2023/24 ({QUARTER_MONTHS[q]}) Status", f"2023/24 ({QUARTER_MONTHS[q]}) Commentary"]
    rows = [["Northbrook District Council"], ["Council Plan 2023/24: delivery plan, quarterly monitoring"], [], header]
    merges = ["A1:H1"]
    last = None
    for it in items:
        if it["priority"] != last:
            rows.append([it["priority"]])
            merges.append(f"A{len(rows)}:H{len(rows)}")
            last = it["priority"]
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q1"], "Started", it["q2"], "Progressing"])
        if it["run_on"]:  # the officer ran out of room and carried on in the row below, in the Q2 commentary column
            rows.append([None, None, None, None, None, None, None, "The contractor has confirmed a start date in March."])
    rows += [[], ["Key: Green - on track; Amber - at risk; Red - off track; Complete - delivered"]]
    path = write_workbook(folder / "delivery_plan.xlsx", [SheetSpec("Delivery plan", rows, merges=merges)])
    return path, Truth({"milestones": len(items)}, "2023/24 Q2", {"milestones": tally(it["q2"] for it in items)},
                       {"milestones": {"priority": [it["priority"].split(": ", 1)[1] for it in items]}},
                       {"milestones": ["2023/24 Q1", "2023/24 Q2"]})


def scorecard(seed: int, n: int = 8) -> list[dict]:
    """Measures with references numbered 1, 2, 7... shown with leading zeros, and Q1-Q3 actuals."""
    rng = random.Random(seed)
    numbers = sorted(rng.sample(range(1, 60), n))
    return [{"ref": k, "name": f"Indicator {k}", "target": rng.randint(50, 90), **{f"q{q}": rng.randint(30, 100) for q in (1, 2, 3)}}
            for k in numbers]


@layout("bracketed quarters", "Actual (Apr-Jun) | Actual (Jul-Sep) | Actual (Oct-Dec), references formatted 000")
def build_bracketed_actuals(folder):
    measures = scorecard(21)
    rows = [["Key performance indicators 2023/24"], ["Quarterly scorecard for Cabinet"], [],
            ["PI ref", "Performance indicator", "Good is", "Target", *(f"Actual ({QUARTER_MONTHS[q]})" for q in (1, 2, 3)), "Comments"]]
    for m in measures:
        rows.append([m["ref"], m["name"], "Higher", m["target"], m["q1"], m["q2"], m["q3"], "On course"])
    rows += [[], ["Source: service returns; figures are provisional until year end"]]
    spec = SheetSpec("KPIs", rows, number_formats={f"A5:A{4 + len(measures)}": "000"})
    path = write_workbook(folder / "kpi_scorecard.xlsx", [spec])
    return path, Truth({"measures": len(measures)}, "2023/24 Q3",
                       columns={"measures": {"measure_id": [f"{m['ref']:03d}" for m in measures], "actual": [float(m["q1"]) for m in measures]}},
                       periods={"measures": ["2023/24 Q1", "2023/24 Q2", "2023/24 Q3"]})


# ---------------------------------------------------------------------------------------------- focused tests


@pytest.mark.parametrize("header, period", [
    ("2023/24 (Jul-Sep) Status", "2023/24 Q2"), ("2023/24 (Apr-Jun) Status", "2023/24 Q1"), ("(Oct-Dec) Status", "2023/24 Q3"),
    ("Status (Jan-Mar)", "2023/24 Q4"), ("Status 2023/24 (Jul - Sep)", "2023/24 Q2"), ("RAG (July to September)", "2023/24 Q2"),
    ("Q2 (Jul-Sep) Status", "2023/24 Q2"), ("Status (Apr-Sep)", "2023/24 H1"),
])
def test_bracketed_months_are_the_quarter_they_cover(tmp_path, header, period):
    rows = [["Council Plan 2023/24"], [], ["Ref", "Milestone", header], ["M1", "Open the library", "Green"], ["M2", "Adopt the plan", "Red"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)]))
    assert {perfkit.period_label(p, "half" if period.endswith(("H1", "H2")) else "quarter") for p in ms.period} == {period}


def test_two_bracketed_quarters_stay_two_quarters(tmp_path):
    path, _truth = build_bracketed_statuses(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms.groupby("period").size().tolist() == [10, 10], "each quarter has each milestone once, not Q4 twice"


def test_a_comment_run_on_under_an_item_is_a_warning_naming_its_cell_not_a_heading(tmp_path):
    path, _truth = build_bracketed_statuses(tmp_path)
    items = delivery_plan(20)
    ms = perfkit.read_milestones(path)
    warned = [p for p in ms.attrs["problems"] if "holds only a comment" in p.message]
    assert len(warned) == sum(it["run_on"] for it in items) > 0
    first = next(i for i, it in enumerate(items) if it["run_on"])
    ref = items[first]["ref"]
    assert all(p.severity == "warning" and p.source.startswith("Delivery plan!H") for p in warned)
    assert any(f"under milestone {ref!r}" in p.message and "'2023/24 (Jul-Sep) Commentary' cell" in p.message for p in warned)
    assert not any("section heading" in p.message and "The contractor" in p.value for p in ms.attrs["problems"] if p.severity == "info")


def test_a_run_on_comment_of_several_rows_is_one_warning(tmp_path):
    rows = [["Plan 2023/24"], [], ["Ref", "Milestone", "Q1 Status", "Q1 Commentary"], ["Priority 1: Homes"],
            ["M1", "Build homes", "Green", "Started"], [None, None, None, "Line two"], [None, None, None, "Line three"],
            ["M2", "Open a hub", "Red", "Stalled"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)]))
    warned = [p for p in ms.attrs["problems"] if "only comments" in p.message]
    assert len(warned) == 1 and warned[0].source == "Plan!D6:D7" and "rows 6-7" in warned[0].message
    assert set(ms.priority) == {"Homes"}


def test_a_heading_in_the_title_column_is_still_a_heading(tmp_path):
    rows = [["Plan 2023/24"], [], ["Ref", "Milestone", "Q1 Status", "Q1 Commentary"],
            ["M1", "Build homes", "Green", "Started"], [None, "Safer streets"], ["M2", "Light the park", "Red", "Stalled"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)]))
    assert list(ms.priority) == ["", "Safer streets"]
    assert not any("holds only a comment" in p.message for p in ms.attrs["problems"])


def test_references_keep_the_zeros_their_format_shows(tmp_path):
    path, truth = build_bracketed_actuals(tmp_path)
    kp = perfkit.read_measures(path)
    assert list(kp.drop_duplicates("measure_id").measure_id) == truth.columns["measures"]["measure_id"]
    assert all(len(ref) == 3 for ref in kp.measure_id)


@pytest.mark.parametrize("fmt, value, shown", [("000", 7, "007"), ('"PI"000', 12, "PI012"), ("0000", 7, "0007"), ("0", 7, "7"),
                                               ("General", 7, "7"), ("00", 123, "123"), ('\\M00', 5, "M05")])
def test_a_reference_reads_as_its_number_format_shows_it(tmp_path, fmt, value, shown):
    rows = [["KPIs 2023/24"], [], ["Ref", "Measure", "Good is", "Target", "Q1 Actual"], [value, "Invoices paid", "Higher", 90, 91],
            [value + 1, "Calls answered", "Higher", 80, 81]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows, number_formats={"A4:A5": fmt})])
    kp = perfkit.read_measures(path)
    assert kp.measure_id.iloc[0] == shown
