"""A workbook's own grouping column that perfkit has no field for (``Workstream`` in a programme tracker, ``Board`` in
a partnership's KPIs): kept as written, so ``--by Workstream`` counts group by group and, where nothing else groups the
items, the summary and the briefing are laid out by it. A column of comments or notes is never a grouping."""

from __future__ import annotations

import json
import random

from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.analyse.figures import grouping
from perfkit.cli import main

WORKSTREAMS = ["Digital", "Estates", "Customer"]


def programme(seed: int = 7, n: int = 12) -> tuple[list[list], dict[str, dict[str, int]]]:
    """A programme office's tracker: reference, workstream, milestone, lead, due date and a RAG per quarter, with the
    generator's own count of each workstream's Q2 statuses."""
    rng = random.Random(seed)
    rows = [["Transformation programme: milestone tracker 2024/25"], [],
            ["Ref", "Workstream", "Milestone", "Lead", "Due date", "Q1 2024/25 RAG", "Q2 2024/25 RAG", "Notes"]]
    truth: dict[str, dict[str, int]] = {}
    for i in range(n):
        stream = WORKSTREAMS[i % len(WORKSTREAMS)]
        q2 = rng.choice(["Green", "Amber", "Red"])
        truth.setdefault(stream, {}).setdefault(q2, 0)
        truth[stream][q2] += 1
        rows.append([f"TP{i + 1:02d}", stream, f"Milestone {i + 1}", "Programme manager", day(2025, 3, 31), "Green", q2,
                     rng.choice(["On track", "See highlight report", "On track"])])
    return rows, truth


def test_a_workstream_column_groups_the_summary_by_default_and_with_by(tmp_path, capsys):
    rows, truth = programme()
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert "Workstream" in ms and "Notes" not in ms
    assert grouping(ms, "priority") == "Workstream"
    said = [p.message for p in ms.attrs["problems"]]
    assert any("column 'Workstream' puts the items in 3 groups" in m and "--by Workstream" in m for m in said)
    for args in ([], ["--by", "Workstream"]):
        assert main(["summary", str(path), "--json", *args]) == 0
        doc = json.loads(capsys.readouterr().out)
        got = {g: {s: v["count"] for s, v in b["by_status"].items() if v["count"]} for g, b in doc["milestones"]["groups"].items()}
        assert got == truth


def test_a_column_of_a_few_repeated_words_that_is_not_a_grouping_does_not_group_by_default(tmp_path):
    """`Funding` (Capital / Revenue) is kept for --by, but a committee's tables are not laid out by it unasked."""
    rows = [["Plan 2024/25"], ["Ref", "Milestone", "Funding", "Due date", "Q2 2024/25 RAG"]]
    rows += [[f"M{i}", f"Milestone {i}", ["Capital", "Revenue"][i % 2], day(2025, 3, 31), "Green"] for i in range(8)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert grouping(ms, "priority") is None
    assert grouping(ms, "Funding") == "Funding"


def test_a_column_where_every_item_has_its_own_value_is_not_kept(tmp_path):
    rows = [["Plan 2024/25"], ["Ref", "Milestone", "Workstream", "Due date", "Q2 2024/25 RAG"]]
    rows += [[f"M{i}", f"Milestone {i}", f"Stream {i}", day(2025, 3, 31), "Green"] for i in range(8)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert "Workstream" not in ms
    assert any("column 'Workstream' is not used by perfkit" in p.message for p in ms.attrs["problems"])


def test_a_project_column_with_nearly_one_group_per_milestone_still_groups(tmp_path, capsys):
    """Seven milestones under four projects (three of two and one of one): the projects group the summary, as the
    programme board reads it, though there are more groups than half the milestones."""
    projects = ["Market Hall", "Market Hall", "Station Gateway", "Station Gateway", "Heritage", "Heritage", "Digital"]
    q2 = ["Complete", "R", "Complete", "A", "A", "G", "G"]
    rows = [["Town centre programme: milestone tracker"], ["Position at end of Q2 2024/25"], [],
            ["ID", "Project", "Milestone", "Project lead", "Due date", "Q1 RAG", "Q2 RAG", "Update"]]
    rows += [[f"M{i + 1}", p, f"Milestone {i + 1}", "J Patel", day(2025, 3, 31), "G", s, ""]
             for i, (p, s) in enumerate(zip(projects, q2))]
    path = write_workbook(tmp_path / "programme.xlsx", [SheetSpec("Milestones", rows)])
    word = {"Complete": "Complete", "R": "Red", "A": "Amber", "G": "Green"}
    truth: dict[str, dict[str, int]] = {}
    for p, s in zip(projects, q2):
        truth.setdefault(p, {}).setdefault(word[s], 0)
        truth[p][word[s]] += 1
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = {g: {s: v["count"] for s, v in b["by_status"].items() if v["count"]} for g, b in doc["milestones"]["groups"].items()}
    assert got == truth


def test_an_improvement_plans_recommendation_column_groups_its_actions(tmp_path, capsys):
    """A Best Value improvement plan numbers its recommendations in a column (`BVAR Rec`: Rec 1, Rec 1, Rec 2...), with
    no section rows: the actions are counted recommendation by recommendation (they were all in one group named '')."""
    recs = ["Rec 1", "Rec 1", "Rec 2", "Rec 2", "Rec 3", "Rec 3", "Rec 4"]
    done = ["On target", "Completed", "Overdue", "On target", "Overdue", "Not yet started", "On target"]
    rows = [["Glenbrae Council"], ["Best Value Assurance Report - Improvement Plan: progress at September 2024"],
            ["BVAR Rec", "Improvement action", "Responsible officer", "Due", "Progress status"]]
    rows += [[r, f"Improvement action {i + 1}", "Head of Strategy", day(2025, 3, 31), s] for i, (r, s) in enumerate(zip(recs, done))]
    path = write_workbook(tmp_path / "bvar.xlsx", [SheetSpec("BV Improvement Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert {g: v["total"] for g, v in doc["per_group"].items()} == {"Rec 1": 2, "Rec 2": 2, "Rec 3": 2, "Rec 4": 1}
    assert doc["per_group"]["Rec 1"]["complete"] == 1


def test_a_group_the_workbook_calls_all_is_never_the_overall_figure(tmp_path, capsys):
    """A highways programme's `Division` holds `All` for two countywide schemes: that group's counts replaced the
    overall ones in summary --json (and the brief stopped with a TypeError). The overall figure counts every scheme;
    the workbook's 'All' is a group of its own."""
    divisions = ["North", "North", "South", "South", "All", "All", "East"]
    q2 = ["Complete", "Green", "Green", "Red", "Amber", "Green", "Amber"]
    rows = [["Highways capital programme 2024/25 - Quarter 2"], [],
            ["Ref", "Division", "Scheme", "Lead", "Forecast completion", "Q1 RAG", "Q2 RAG"]]
    rows += [[f"HW{i + 1:02d}", d, f"Scheme {i + 1}", "Highways Manager", day(2025, 3, 31), "Green", s]
             for i, (d, s) in enumerate(zip(divisions, q2))]
    path = write_workbook(tmp_path / "highways.xlsx", [SheetSpec("Programme", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Complete": 1, "Green": 3, "Amber": 2, "Red": 1}
    assert doc["groups"]["All (a group of its own)"]["total"] == 2 and sum(g["total"] for g in doc["groups"].values()) == 7


def test_by_the_workbooks_own_header_groups_by_the_field_it_was_read_as(tmp_path, capsys):
    """'--by Service' was refused ('the workbook has no such column') where 'Service' was read as the directorate."""
    rows = [["Quarterly KPIs 2024/25 Q2"], ["Ref", "Service", "Measure", "Polarity", "Target", "Q2 2024/25"],
            ["K1", "Housing", "Homes let", "Higher", 100, 90], ["K2", "Environment", "Bins missed", "Lower", 50, 40],
            ["K3", "Housing", "Repairs on time (%)", "Higher", 90, 95]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    assert main(["summary", str(path), "--by", "Service", "--json"]) == 0
    out = capsys.readouterr()
    groups = json.loads(out.out)["measures"]["groups"]
    assert {g: v["total"] for g, v in groups.items()} == {"Housing": 2, "Environment": 1}, groups
    assert "grouping by 'Service', read as directorate" in out.err


def test_outcome_sections_above_numbered_priority_sections_are_kept_above_them(tmp_path):
    """A community planning partnership's LOIP tracker: 'Outcome 1: ...' rows above 'Priority 1.1: ...' rows. The outcomes
    were dropped as 'section heading with no rows under it', so nothing could be reported by outcome."""
    rows = [["Local Outcomes Improvement Plan 2024-2027"], ["Six-monthly progress report: April to September 2024"], [],
            ["Ref", "Improvement action", "Lead partner", "Timescale", "Progress (Sept 2024)"],
            ["Outcome 1: Our children and young people have the best start in life"],
            ["Priority 1.1: Reduce child poverty"],
            ["1.1.1", "Roll out income maximisation in all primary schools", "Council", day(2025, 3, 31), "On track"],
            ["1.1.2", "Launch free school meal auto-enrolment", "Council", day(2024, 6, 30), "Complete"],
            ["Priority 1.2: Improve early years outcomes"],
            ["1.2.1", "Recruit additional health visitors", "NHS Board", day(2024, 12, 31), "On track"],
            ["Outcome 2: People live in safe and resilient communities"],
            ["Priority 2.1: Reduce harm from drugs and alcohol"],
            ["2.1.1", "Open recovery hub", "ADP", day(2026, 3, 31), "Not started"]]
    a = perfkit.read_actions(write_workbook(tmp_path / "loip.xlsx", [SheetSpec("LOIP tracker", rows)])).set_index("action_id")
    assert a["priority"].str.split(":").str[0].to_dict() == {"1.1.1": "Outcome 1", "1.1.2": "Outcome 1", "1.2.1": "Outcome 1",
                                                              "2.1.1": "Outcome 2"}
    assert a["group"].str.split(":").str[0].tolist() == ["Priority 1.1", "Priority 1.1", "Priority 1.2", "Priority 2.1"]
    assert not [p for p in a.attrs["problems"] if "no rows under it" in p.message]


def test_a_programme_repeated_down_its_rows_beside_a_deliverable_on_every_row_is_the_group(tmp_path):
    """An ICB recovery plan, `Ref | Programme | Deliverable`: the programme (a few names, each repeated) was taken as the
    milestones' names, and the brief listed 'RP03 Urgent care, overdue' instead of the deliverable."""
    rows = [["Recovery plan position - Quarter 2 (July - September 2024)"], [],
            ["Ref", "Programme", "Deliverable", "Due by", "SRO", "BRAG"],
            ["RP01", "Elective recovery", "Eliminate 65-week waits", day(2024, 9, 30), "Director", "G"],
            ["RP02", "Elective recovery", "Increase day-case rate to 85%", day(2025, 3, 31), "Director", "A"],
            ["RP03", "Urgent care", "Open virtual ward capacity of 120 beds", day(2024, 8, 31), "Director", "R"],
            ["RP04", "Urgent care", "Reduce ambulance handover delays", day(2024, 12, 31), "Director", "G"],
            ["RP05", "Mental health", "Eliminate out-of-area placements", day(2025, 3, 31), "Director", "A"],
            ["RP06", "Mental health", "Open a crisis cafe", day(2024, 7, 31), "Director", "B"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "recovery_q2_2024-25.xlsx", [SheetSpec("Q2 24-25", rows)]))
    assert ms.set_index("milestone_id")["title"]["RP03"] == "Open virtual ward capacity of 120 beds"
    assert ms.set_index("milestone_id")["priority"]["RP03"] == "Urgent care"
