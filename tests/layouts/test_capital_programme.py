"""A highways capital programme tracker: a two-row header whose group labels are merged across their columns
(``Start date`` over ``Planned | Actual``, ``Completion date`` over ``Planned | Actual / forecast``) and the rest merged
down both rows; a ``Stage`` drop-down (Design, Programmed, On site, Complete) beside RAG letters, where a finished
scheme keeps its ``G``; a ``Programme total`` row of sums under the schemes. Read with no settings: the planned date is
the due date, a scheme whose stage is Complete is complete (never overdue), and the total row is no scheme."""

from __future__ import annotations

import json
import random

import pandas as pd

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse import attention

AS_AT = day(2024, 9, 30)
STAGES = ["Design", "Programmed", "On site", "Complete"]


def _schemes(seed: int):
    rng = random.Random(seed)
    out = []
    for n in range(1, 13):
        stage = rng.choice(STAGES)
        rag = rng.choice(["G", "G", "A", "R"]) if stage != "Complete" else "G"
        planned = day(2024, rng.choice([5, 6, 8, 9, 11, 12]), 20)
        actual = (day(2024, planned.month, 27) if stage == "Complete" else
                  day(2024, 12, 15) if planned <= AS_AT else None)
        out.append((f"HC{n:02d}", f"Scheme number {n}", rng.choice(["Footways", "Drainage", "Carriageway"]), 100 + n,
                    stage, rag, planned, actual))
    return out


def build_capital_programme(folder, seed: int = 11):
    schemes = _schemes(seed)
    rows = [["County Council - Highways Capital Programme 2024/25"],
            ["Progress report: end of Quarter 2 (position at 30 September 2024)"],
            ["RAG: G = on programme and within budget; A = up to 4 weeks late; R = more than 4 weeks late"], [],
            ["Scheme ID", "Scheme", "Programme", "Approved budget (£000)", "Start date", None, "Completion date", None,
             "Stage", "RAG", "Comments"],
            [None, None, None, None, "Planned", "Actual", "Planned", "Actual / forecast", None, None, None]]
    for ref, name, programme, budget, stage, rag, planned, actual in schemes:
        rows.append([ref, name, programme, budget, day(2024, 4, 1), day(2024, 4, 8), planned, actual, stage, rag, None])
    end = 6 + len(schemes)
    rows.append([None, "Programme total", None, f"=SUM(D7:D{end})", None, None, None, None, None, None, None])
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:F5", "G5:H5", "I5:I6", "J5:J6", "K5:K6"]
    sheet = SheetSpec("Capital Programme", rows, merges=merges,
                      dropdowns={f"I7:I{end}": [*STAGES, "Deferred"], f"J7:J{end}": ["G", "A", "R", "N/A"]})
    path = write_workbook(folder / "Highways_capital_programme_2024-25_Q2.xlsx", [sheet])
    statuses: dict[str, int] = {}
    for *_, stage, rag, _, _ in schemes:
        key = "Complete" if stage == "Complete" else {"G": "Green", "A": "Amber", "R": "Red"}[rag]
        statuses[key] = statuses.get(key, 0) + 1
    overdue = sorted(ref for ref, *_, stage, _, planned, _ in schemes if stage != "Complete" and planned < AS_AT)
    truth = Truth({"milestones": len(schemes)}, "2024/25 Q2", {"milestones": statuses},
                  {"milestones": {"due_date": [s[6] for s in schemes]}}, {"milestones": ["2024/25 Q2"]})
    return path, truth, overdue


@layout("capital programme", "group labels merged over Planned | Actual, a Stage column, a total row")
def build_for_catalogue(folder):
    path, truth, _ = build_capital_programme(folder)
    return path, truth


def test_complete_stage_is_complete_and_only_unfinished_schemes_past_their_planned_date_are_overdue(tmp_path):
    path, truth, overdue = build_capital_programme(tmp_path)
    ms = perfkit.read_milestones(path)
    assert len(ms) == truth.counts["milestones"]  # the total row is no scheme
    assert ms["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]
    assert sorted(ms.loc[attention.overdue(ms, "2024/25 Q2"), "milestone_id"]) == overdue and overdue
    said = [p for p in ms.attrs["problems"] if "whose 'Stage' is 'Complete'" in p.message]
    assert len(said) == 1 and said[0].severity == "info"
    assert any(p.message == "total or average row, not an item: left out" for p in ms.attrs["problems"])
    assert not [p for p in ms.attrs["problems"] if p.severity in ("warning", "error")]


def test_the_actual_or_forecast_date_is_never_the_due_date(tmp_path):
    path, _, _ = build_capital_programme(tmp_path, seed=4)
    ms = perfkit.read_milestones(path)
    notes = {p.source: p.message for p in ms.attrs["problems"]}
    assert notes["Capital Programme!G6"] == "column 'Completion date Planned' read as due date by its words"
    assert notes["Capital Programme!H6"] == "column 'Completion date Actual / forecast' is not used by perfkit"


def test_a_stage_set_aside_leaves_the_rag_as_typed(tmp_path):
    path, _, _ = build_capital_programme(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[sheets."Capital Programme".columns]\n"Stage" = "ignore"\n', encoding="utf-8")
    ms = perfkit.read_milestones(path)
    assert "Complete" not in set(ms["status"].astype(str))


def test_a_total_named_for_what_it_adds_is_no_measure_but_a_measure_named_total_is_one(tmp_path):
    """'Total deductions' under a waste contract's KPIs (sums in the deductions column only) was read as an eleventh
    measure with no figures, under warnings; 'Total waste collected' with its own reference and figures is a measure."""
    rows = [["Waste contract KPIs 2024/25 - Quarter 2"], [],
            ["KPI", "Measure", "Standard", "Q2 Performance", "Q2 Pass / Fail", "Deduction (£)"],
            ["W01", "Missed collections per 100,000", "≤ 50", 55.3, "Fail", 1500],
            ["W02", "Total waste collected (tonnes)", "≥ 9,000", 9120, "Pass", 0],
            ["W03", "Containers delivered in 5 days (%)", "≥ 98%", "98.5%", "Pass", 0],
            [None, "Total deductions", None, None, None, "=SUM(F4:F6)"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "waste_kpis.xlsx", [SheetSpec("Contract KPIs", rows)]))
    assert sorted(kp["measure_id"].unique()) == ["W01", "W02", "W03"]
    assert any(p.source == "Contract KPIs!B7" and "total or average row" in p.message for p in kp.attrs["problems"])
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"], [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_the_stage_note_names_each_word_it_read_as_complete(tmp_path):
    """A combined authority's tracker with 'Complete' and 'Closed' stages: the note said both were 'Complete'."""
    rows = [["Programme tracker - Quarter 2 2024/25"], ["Ref", "Scheme", "Due date", "Stage", "RAG"],
            ["S1", "Bus lanes", day(2024, 6, 30), "Complete", "G"], ["S2", "Cycle hub", day(2024, 8, 31), "Closed", "G"],
            ["S3", "Rail halt", day(2025, 3, 31), "Delivery", "A"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker_q2.xlsx", [SheetSpec("Tracker", rows)]))
    said = [p.message for p in ms.attrs["problems"] if "whose 'Stage' is" in p.message]
    assert len(said) == 1 and said[0].startswith("2 milestones whose 'Stage' is 'Complete' or 'Closed' (D3, D4)")


def test_a_group_label_over_headers_of_their_own_leaves_them_as_they_are(tmp_path):
    """'Timescales' merged over 'Baseline completion | Forecast completion': joined, neither read as itself, so overdue was
    counted from the baseline, which the forecast had moved (four schemes overdue, not two)."""
    rows = [["Capital Programme 2024/25 - Quarter 2 monitoring"], [],
            ["Ref", "Scheme", "Project manager", "Timescales", None, "Q2 RAG"],
            [None, None, None, "Baseline completion", "Forecast completion", None]]
    schemes = [("CP01", day(2024, 6, 30), day(2025, 1, 31), "A"), ("CP02", day(2024, 8, 31), day(2024, 8, 31), "R"),
               ("CP03", day(2024, 9, 30), day(2025, 3, 31), "G"), ("CP04", day(2025, 2, 28), None, "G")]
    for ref, baseline, forecast, rag in schemes:
        rows.append([ref, f"Scheme {ref}", "Ann Smith", baseline, forecast, rag])
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"]
    path = write_workbook(tmp_path / "capital_programme_Q2.xlsx", [SheetSpec("Q2 monitoring", rows, merges=merges)])
    ms = perfkit.read_milestones(path)
    assert sorted(ms.loc[attention.overdue(ms, "2024/25 Q2"), "milestone_id"]) == ["CP02"]
    assert ms["due_date"].tolist() == [pd.Timestamp(f or b) for _, b, f, _ in schemes]
    assert not [p.message for p in ms.attrs["problems"] if p.severity in ("warning", "error")]


def test_a_gateway_stage_of_complete_is_complete_whatever_the_rag(tmp_path):
    """A combined authority's 'Gateway stage' (OBC, FBC, Delivery, Complete) beside a RAG still 'G' for finished schemes:
    they were counted Green and overdue ('Four milestones are overdue', where two were)."""
    rows = [["Investment Programme tracker - Quarter 3 2024/25"],
            ["Ref", "Scheme", "Sponsor", "Gateway stage", "Baseline completion", "Overall RAG"],
            ["IP05", "Skills and innovation hub", "Director of Economy", "Complete", day(2024, 6, 30), "G"],
            ["IP06", "Bus priority corridor", "Director of Transport", "Delivery", day(2024, 10, 31), "R"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "programme.xlsx", [SheetSpec("Programme tracker", rows)]))
    assert ms["status"].astype(str).tolist() == ["Complete", "Red"]
    assert sorted(ms.loc[attention.overdue(ms, "2024/25 Q3"), "milestone_id"]) == ["IP06"]


def test_schemes_forecast_after_their_baseline_are_said_to_the_committee(tmp_path, capsys):
    """'Baseline end | Forecast end': overdue is counted from the forecast, so a scheme forecast months past its baseline
    was neither overdue nor said anywhere the committee reads (the slippage was in a note for the officer only)."""
    from perfkit.cli import main

    rows = [["Capital programme - Quarter 2 2024/25"], [],
            ["Ref", "Scheme", "Lead", "Baseline end", "Forecast end", "RAG"],
            ["P1", "Depot", "AB", day(2024, 6, 30), day(2025, 1, 31), "A"],  # forecast past its baseline: later than planned
            ["P2", "Library", "AB", day(2024, 8, 31), day(2024, 8, 31), "R"],  # on its baseline, past it: overdue
            ["P3", "Pool", "CD", day(2025, 3, 31), day(2025, 6, 30), "G"],  # later than planned, not yet due
            ["P4", "Hub", "CD", day(2024, 5, 31), day(2024, 9, 1), "B"],  # moved, but complete: neither
            ["P5", "Park", "CD", day(2025, 3, 31), None, "G"]]  # no forecast: its baseline stands
    path = write_workbook(tmp_path / "programme.xlsx", [SheetSpec("Programme", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    assert doc["overdue"] == ["P2"] and doc["later_than_planned"] == ["P1", "P3"]
    assert main(["summary", str(path)]) == 0
    # P1 was first due in June: past that date, though not overdue by its forecast, which the committee is told
    assert "Two milestones are now expected later than first planned, 1 of them (P1) past the date first set." in capsys.readouterr().out
    ms = perfkit.read_milestones(path)
    assert ms["original_due_date"].tolist() == [pd.Timestamp(r[3]) for r in rows[3:]]


def test_a_tracker_with_one_date_column_says_nothing_of_plans(tmp_path, capsys):
    from perfkit.cli import main

    rows = [["Plan - Quarter 2 2024/25"], ["Ref", "Milestone", "Due date", "RAG"],
            ["M1", "Open the hub", day(2024, 6, 30), "A"], ["M2", "Close the depot", day(2025, 3, 31), "G"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    assert "later_than_planned" not in json.loads(capsys.readouterr().out)["milestones"]
    assert "original_due_date" not in perfkit.read_milestones(path)


def test_a_schemes_delivery_rag_beside_its_stage_is_the_status(tmp_path, capsys):
    """'Stage' (Design, Construction, Complete) beside 'Delivery RAG': the sheet was refused ("could not find its
    header") and init offered the stages as status words to map onto RAG."""
    from perfkit.cli import main

    rows = [["Capital Programme - Major Schemes Monitoring, Quarter 3 2024/25 (to 31 December 2024)"], [],
            ["Scheme ref", "Scheme", "Project sponsor", "Approved budget £000", "Original completion", "Latest forecast completion",
             "Stage", "Delivery RAG"],
            ["CAP01", "Leisure centre refurbishment", "Director of Place", "4,250", day(2024, 9, 30), day(2025, 3, 31), "Construction", "A"],
            ["CAP02", "Depot solar PV array", "Head of Assets", "820", day(2024, 11, 30), day(2024, 11, 30), "Complete", "Complete"],
            ["CAP03", "Town hall roof replacement", "Head of Assets", "1,100", day(2024, 10, 31), day(2024, 12, 15), "Construction", "R"],
            ["CAP04", "Flood alleviation scheme", "Director of Place", "6,500", day(2025, 6, 30), day(2025, 6, 30), "Design", "G"]]
    path = write_workbook(tmp_path / "capital_q3.xlsx", [SheetSpec("Major schemes", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Red": 1, "Amber": 1, "Green": 1, "Complete": 1}
    assert doc["overdue"] == ["CAP03"] and doc["later_than_planned"] == ["CAP01", "CAP03"]


def test_a_group_label_over_two_columns_with_the_other_labels_left_blank_below(tmp_path):
    """'Completion date' merged over 'Planned | Actual / forecast', the other headers left blank under (not merged down):
    the second row went unread, and 'column H has 8 values but no header' stopped the brief."""
    rows = [["Capital Programme Monitoring 2024/25 - Quarter 2"], [],
            ["Scheme ref", "Scheme", "Project stage", "Completion date", None, "Delivery RAG"],
            [None, None, None, "Planned", "Actual / forecast", None],
            ["CP01", "Leisure centre refurbishment", "Construction", day(2024, 8, 31), day(2024, 12, 20), "R"],
            ["CP02", "Town centre public realm", "Design", day(2025, 3, 31), day(2025, 3, 31), "G"],
            ["CP03", "Depot EV charging", "Complete", day(2024, 6, 30), day(2024, 6, 14), "G"]]
    path = write_workbook(tmp_path / "capital.xlsx", [SheetSpec("Capital Programme", rows, merges=["D3:E3"])])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [str(p) for p in report]
    ms = perfkit.read_milestones(path)
    assert sorted(ms.loc[attention.overdue(ms, "2024/25 Q2"), "milestone_id"]) == ["CP01"]
