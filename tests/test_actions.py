"""Action plans: improvement plans and objective updates, read, summarised and briefed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

import perfkit
from perfkit.read.kinds.actions import ACTION_SCALE, period_text, read_actions
from perfkit.analyse.actions import action_summary, action_thread
from perfkit.present.actions import actions_header
from perfkit.core.errors import ValidationError

HEADER = ["Ref", "Action", "Lead officer", "Target date", "Status at Sep 2024", "% complete Sep 2024",
          "Status at March 2025", "% complete March 2025", "Progress commentary"]

# The truth of the plan below at 2024/25 H2, worked out by hand.
PLAN = [
    ("Recommendation 1: Strengthen governance and decision making", [
        ("1.1", "Review the constitution", "Head of Legal", dt.date(2024, 12, 31), "On track", 0.4, "Complete", 1.0),
        ("1.2", "Publish a forward plan", "Head of Legal", dt.date(2024, 10, 31), "Complete", 1.0, "Complete", 1.0),
        ("1.9", "Refresh the scheme of delegation", "Head of Legal", dt.date(2025, 3, 31), "Not started", 0, "Behind schedule", 0.2),
        ("1.10", "Member development programme", "Democratic Services Manager", dt.date(2025, 6, 30), "On track", 0.1, "On track", 0.5),
    ]),
    ("Recommendation 2: Financial sustainability", [
        ("2.1", "Medium term financial strategy", "S151 Officer", dt.date(2024, 9, 30), "Complete", 1, "Complete", 1),
        ("2.2", "Savings programme", "S151 Officer", dt.date(2025, 1, 31), "At risk", 0.3, "Delayed", 0.6),
        ("2.3", "Asset review", "Head of Property", dt.date(2025, 3, 1), "On track", 0.2, "No longer required", None),
        ("2.4", "Asset strategy", "Head of Property", dt.date(2025, 9, 30), None, None, "On track", 0.1),
    ]),
    ("Recommendation 3: Workforce", [
        ("3.1", "Workforce strategy", "Head of HR", dt.date(2024, 11, 30), "On track", 0.5, "At risk", 0.75),
        ("3.2", "Apprenticeships", "Head of HR", dt.date(2025, 12, 31), "Not started", 0, "Not started", 0),
    ]),
]


def write_plan(path, plan=PLAN, header=HEADER, title=("Corporate Peer Challenge: improvement plan", "Six-monthly monitoring 2024/25"),
               percent_format="0%", ref_as_number=(), sheet="Improvement plan"):
    """An improvement plan as officers lay it out: title rows, merged recommendation rows, refs as text, % cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    for t in title:
        ws.cell(r, 1, t)
        r += 1
    r += 1
    for c, h in enumerate(header, 1):
        ws.cell(r, c, h)
    r += 1
    for heading, actions in plan:
        ws.cell(r, 1, heading)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for ref, action, lead, due, s1, p1, s2, p2 in actions:
            values = [float(ref) if ref in ref_as_number else ref, action, lead, due, s1, p1, s2, p2, f"Update on {ref}"]
            for c, v in enumerate(values, 1):
                if v is None:
                    continue
                cell = ws.cell(r, c, v)
                if c in (6, 8) and isinstance(v, (int, float)) and percent_format:
                    cell.number_format = percent_format
            r += 1
    wb.save(path)
    return path


@pytest.fixture
def plan(tmp_path):
    return write_plan(tmp_path / "improvement_plan.xlsx")


def test_an_unseen_improvement_plan_reads_with_every_action_right(plan):
    a = read_actions(plan)
    h2 = a[a["period"] == perfkit.parse_period("2024/25 H2")].set_index("action_id")
    h1 = a[a["period"] == perfkit.parse_period("2024/25 H1")].set_index("action_id")
    assert list(h2.index) == ["1.1", "1.2", "1.9", "1.10", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert "2.4" not in h1.index  # new in H2: nothing reported for H1
    assert h2.loc["1.10", "action"] == "Member development programme"
    assert h2.loc["1.10", "group"] == "Recommendation 1: Strengthen governance and decision making"
    assert h2.loc["2.3", "group"] == "Recommendation 2: Financial sustainability"
    assert h2.loc["1.10", "lead"] == "Democratic Services Manager"
    assert h2.loc["2.2", "due_date"] == pd.Timestamp("2025-01-31")
    assert h2.loc["2.2", "status"] == "Behind schedule"  # "Delayed"
    assert h2.loc["2.3", "status"] == "Superseded"  # "No longer required"
    assert h1.loc["1.9", "status"] == "Not started"
    assert h2.loc["3.1", "progress"] == 75 and h1.loc["1.1", "progress"] == 40
    assert np.isnan(h2.loc["2.3", "progress"])
    assert h2.loc["1.1", "commentary"] == "Update on 1.1" and h1.loc["1.1", "commentary"] == ""
    assert h2.loc["1.10", "source"] == "Improvement plan!G9"
    assert set(a["cadence"]) == {"half"}
    assert [period_text(p, "half") for p in sorted(a["period"].unique())] == ["2024/25 H1", "2024/25 H2"]
    said = [p.message for p in a.attrs["problems"]]
    assert any("read as 2024/25 H2, the half-year" in m and "six-monthly" in m for m in said)


def test_summary_at_the_half_year_matches_the_truth(plan):
    s = action_summary(read_actions(plan), "2024/25 H2")
    assert s.label == "2024/25 H2"
    assert s.total == 10 and s.active == 9 and s.complete == 3
    assert {k: v for k, v in s.by_status.items() if v} == {
        "Behind schedule": 2, "At risk": 1, "On track": 2, "Complete": 3, "Not started": 1, "Superseded": 1}
    per = s.per_group.set_index("group")
    assert per["complete"].tolist() == [2, 1, 0]
    assert per["total"].tolist() == [4, 4, 2] and per["active"].tolist() == [4, 3, 2]
    assert per["percent_complete"].tolist() == [50, 33, 0]
    # Mean progress of active actions with a figure: (100+100+20+50+100+60+10+75+0) / 9.
    assert s.mean_progress == round(515 / 9, 1)
    # Due by 31 March 2025 and neither complete nor superseded.
    assert list(s.overdue["action_id"]) == ["3.1", "2.2"]
    assert s.overdue.set_index("action_id")["days_overdue"].to_dict() == {"3.1": 121, "2.2": 59}
    assert s.overdue.set_index("action_id").loc["3.1", "lead"] == "Head of HR"
    assert s.changes["from"] == "2024/25 H1"
    assert s.changes["completed"] == ["1.1"]
    assert s.changes["slipped"] == ["1.9", "2.2", "3.1"]
    assert s.changes["new"] == ["2.4"]
    doc = s.to_dict()
    assert doc["per_group"]["Recommendation 3: Workforce"] == {"total": 2, "complete": 0, "active": 2, "percent_complete": 0}
    assert doc["overdue"] == ["3.1", "2.2"] and doc["total"] == 10
    assert doc["overdue_rule"].startswith("due before 31/03/2025, and neither complete")  # 1.9, due that day, is not yet overdue


def test_summary_at_h1_and_the_default_period(plan):
    a = read_actions(plan)
    s1 = action_summary(a, "2024/25 H1")
    assert s1.total == 9 and s1.complete == 2 and s1.changes["from"] is None
    assert list(s1.overdue["action_id"]) == []
    assert action_summary(a).label == "2024/25 H2"
    with pytest.raises(perfkit.ConfigError, match="2023/24 H2 is not in the action plan; its periods are 2024/25 H1, 2024/25 H2"):
        action_summary(a, "2023/24 H2")


def test_overdue_at_h1_counts_only_what_was_due_by_september(plan):
    s1 = action_summary(read_actions(plan), "2024/25 H1")
    # 2.1 was due 30 September and complete; nothing else was due by the end of H1.
    assert s1.overdue.empty


def test_refs_typed_as_numbers_keep_what_excel_shows(tmp_path):
    path = write_plan(tmp_path / "p.xlsx", ref_as_number={"1.1", "1.2", "1.9", "1.10"})
    wb = __import__("openpyxl").load_workbook(path)
    ws = wb.active
    ws["A9"].number_format = "0.00"  # 1.10 typed as a number and shown with two places
    wb.save(path)
    a = read_actions(path)
    refs = list(a[a["period"] == a["period"].max()]["action_id"])
    assert refs[:4] == ["1.1", "1.2", "1.9", "1.10"]


def test_a_general_number_ref_after_x_9_is_read_as_x_10_aloud(tmp_path):
    path = write_plan(tmp_path / "p.xlsx", ref_as_number={"1.1", "1.2", "1.9", "1.10"})
    a = read_actions(path)
    refs = list(a[a["period"] == a["period"].max()]["action_id"])
    assert refs[:4] == ["1.1", "1.2", "1.9", "1.10"]
    warned = [p for p in a.attrs["problems"] if p.severity == "warning" and p.column == "action_id"]
    assert len(warned) == 1 and warned[0].source == "Improvement plan!A9" and "read as '1.10'" in warned[0].message


def test_percent_cells_honour_their_format_and_text(tmp_path):
    plan = [("Recommendation 1: X", [
        ("1.1", "A", "L", dt.date(2025, 3, 31), "On track", 40, "On track", 60),
        ("1.2", "B", "L", dt.date(2025, 3, 31), "On track", "25%", "Complete", "100%"),
    ])]
    a = read_actions(write_plan(tmp_path / "p.xlsx", plan=plan, percent_format=None))
    assert a.set_index(["action_id", a["period"].astype(str)])["progress"].tolist() == [40, 25, 60, 100]
    fractions = [("Recommendation 1: X", [
        ("1.1", "A", "L", dt.date(2025, 3, 31), "On track", 0.4, "On track", 0.6),
        ("1.2", "B", "L", dt.date(2025, 3, 31), "On track", 0.25, "Complete", 1),
    ])]
    b = read_actions(write_plan(tmp_path / "q.xlsx", plan=fractions, percent_format=None))
    assert sorted(b["progress"]) == [25, 40, 60, 100]
    assert any(p.severity == "warning" and "fractions of 1" in p.message for p in b.attrs["problems"])


def test_progress_out_of_range_and_unknown_status_are_errors_with_cells(tmp_path):
    plan = [("Recommendation 1: X", [
        ("1.1", "A", "L", dt.date(2025, 3, 31), "Purple", 40, "On track", 160),
    ])]
    with pytest.raises(ValidationError) as e:
        read_actions(write_plan(tmp_path / "p.xlsx", plan=plan, percent_format=None))
    cells = {p.source for p in e.value.problems}
    assert {"Improvement plan!E6", "Improvement plan!H6"} <= cells


def test_progress_headed_like_commentary_is_read_by_its_content(tmp_path):
    header = ["Ref", "Action", "Lead", "Target date", "Status at Sep 2024", "Progress at Sep 2024",
              "Status at March 2025", "Progress at March 2025", "Comments"]
    a = read_actions(write_plan(tmp_path / "p.xlsx", header=header))
    assert a["progress"].notna().sum() > 10
    assert any("holds percentages" in p.message for p in a.attrs["problems"])


def test_quarterly_months_are_read_as_quarters(tmp_path):
    header = ["Ref", "Action", "Lead", "Target date", "Status at June 2024", "% complete June 2024",
              "Status at Sep 2024", "% complete Sep 2024", "Comments"]
    a = read_actions(write_plan(tmp_path / "p.xlsx", header=header))
    assert set(a["cadence"]) == {"quarter"}
    assert sorted(perfkit.period_label(p) for p in a["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    assert action_summary(a).label == "2024/25 Q2"


def test_cadence_can_be_given(plan):
    a = read_actions(plan, cadence="quarter")
    assert sorted(perfkit.period_label(p) for p in a["period"].unique()) == ["2024/25 Q2", "2024/25 Q4"]
    assert action_summary(a, "2024/25 Q4").label == "2024/25 Q4"


def test_month_columns_without_a_year_ask_for_one(tmp_path):
    header = ["Ref", "Action", "Lead", "Target date", "Status at Sep", "% complete Sep", "Status at March", "% complete March", "Comments"]
    path = write_plan(tmp_path / "p.xlsx", header=header, title=("Improvement plan",))
    with pytest.raises(perfkit.LayoutError, match="without a year"):
        read_actions(path)
    a = read_actions(path, year="2024/25")
    assert action_summary(a).label == "2024/25 H2"


def test_read_workbook_finds_an_action_plan_and_the_sample_stays_milestones(plan, sample_path):
    frames = perfkit.read_workbook(plan)
    assert list(frames) == ["actions"]
    if sample_path.exists():
        assert "milestones" in perfkit.read_workbook(sample_path)


def test_a_plan_that_fits_milestones_too_is_read_as_actions_when_asked(tmp_path):
    header = ["Ref", "Action", "Lead officer", "Target date", "Status at Sep 2024", "Commentary"]
    wb = Workbook()
    ws = wb.active
    ws.append(["Improvement plan 2024/25"])
    ws.append(header)
    ws.append(["Recommendation 1: Governance"])
    ws.append(["1.1", "Review", "Head of Legal", dt.date(2024, 12, 31), "On track", "fine"])
    ws.append(["1.2", "Publish", "Head of Legal", dt.date(2024, 9, 1), "Delayed", "late"])
    wb.save(tmp_path / "p.xlsx")
    a = read_actions(tmp_path / "p.xlsx")
    assert list(a["status"].astype(str)) == ["On track", "Behind schedule"]
    assert action_summary(a).label == "2024/25 Q2"  # one position, at September: nothing says six-monthly
    assert list(action_summary(a).overdue["action_id"]) == ["1.2"]


def test_config_words_and_rag_statuses(tmp_path):
    plan = [("Recommendation 1: X", [
        ("1.1", "A", "L", dt.date(2025, 3, 31), "G", 40, "Red", 60),
        ("1.2", "B", "L", dt.date(2025, 3, 31), "Amber", 25, "Slipping badly", 30),
    ])]
    path = write_plan(tmp_path / "p.xlsx", plan=plan, percent_format=None)
    with pytest.raises(ValidationError, match="Slipping badly"):
        read_actions(path)
    a = read_actions(path, config={"status": {"words": {"Slipping badly": "Red"}}})
    h2 = a[a["period"] == a["period"].max()]
    assert list(h2["status"].astype(str)) == ["Behind schedule", "Behind schedule"]
    assert any("read as Behind schedule on the actions scale" in p.message for p in a.attrs["problems"])


def test_golden_thread_from_section_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Objective update"
    ws.append(["Council Plan objective update 2024/25"])
    ws.append(["Ref", "Activity", "Lead", "Due date", "Q1 Status", "Q2 Status", "Q2 update"])
    ws.append(["Objective 1: A greener borough"])
    ws.append(["Strategy 1.1 - Cut carbon"])
    ws.append(["Tactic 1.1.1: Council buildings"])
    ws.append(["A1", "Retrofit the town hall", "Estates", dt.date(2025, 3, 31), "On track", "On track", "ok"])
    ws.append(["A2", "LED lighting", "Estates", dt.date(2024, 9, 30), "On track", "Complete", "done"])
    ws.append(["Tactic 1.1.2: Fleet"])
    ws.append(["A3", "Electric vans", "Fleet", dt.date(2024, 6, 30), "At risk", "Behind schedule", "late"])
    ws.append(["Strategy 1.2 - More trees"])
    ws.append(["A4", "Plant 1,000 trees", "Parks", dt.date(2025, 3, 31), "Not started", "On track", "planting"])
    wb.save(tmp_path / "o.xlsx")
    a = read_actions(tmp_path / "o.xlsx")
    q2 = a[a["period"] == perfkit.parse_period("2024/25 Q2")].set_index("action_id")
    assert q2.loc["A1", "objective"] == "Objective 1: A greener borough"
    assert q2.loc["A1", "strategy"] == "Strategy 1.1 - Cut carbon"
    assert q2.loc["A3", "tactic"] == "Tactic 1.1.2: Fleet"
    assert q2.loc["A4", "tactic"] == "" and q2.loc["A4", "group"] == "Strategy 1.2 - More trees"
    assert q2.loc["A3", "group_path"] == "Objective 1: A greener borough > Strategy 1.1 - Cut carbon > Tactic 1.1.2: Fleet"
    thread = action_thread(a, "2024/25 Q2")
    top = thread[thread["depth"] == 0].iloc[0]
    assert top["total"] == 4 and top["Complete"] == 1 and top["Behind schedule"] == 1 and top["good_percent"] == 75
    cut = thread[thread["name"] == "Strategy 1.1 - Cut carbon"].iloc[0]
    assert cut["total"] == 3
    assert list(action_summary(a, "2024/25 Q2").overdue["action_id"]) == ["A3"]


def test_action_scale_palette_meets_contrast():
    from perfkit.core.palette import check_scale

    assert check_scale(ACTION_SCALE) == []


# ---------------------------------------------------------------------------------------------- presentation and publishing


def test_section_words_chart_and_tables_quote_the_summary(plan):
    from perfkit.present.actions import actions_appendix, actions_section

    a = read_actions(plan)
    html = actions_section(a, "2024/25 H2")
    # (the plan's own word for the superseded action, 'No longer required', as it wrote it)
    assert "Of 10 actions at 2024/25 H2, 3 are complete, 2 are on track, 1 is at risk, 2 are behind schedule, 1 has not started " \
           "and 1 is no longer required. That is 33% of the 9 actions still required complete, and mean progress is 57%." in html
    assert "Two actions are overdue at the end of 2024/25 H2" in html and "3.1 (Workforce strategy), led by Head of HR, 121 days" in html
    assert "<h3>Progress by recommendation</h3>" in html
    assert 'alt="Bar chart of actions by status in each group at 2024/25 H2. Recommendation 1: Strengthen governance and decision making: 4 in all' in html
    assert '<td class="num">121</td>' in html
    appendix = actions_appendix(a, "2024/25 H2")
    assert appendix.count("<h3>") == 3 and "<h3>Recommendation 3: Workforce</h3>" in appendix
    assert "Member development programme" in appendix and "50%" in appendix


def test_workbook_text_is_escaped(tmp_path):
    from perfkit.present.actions import actions_appendix, actions_section

    plan = [("Recommendation 1: <b>Governance</b>", [
        ("1.1", "<script>alert(1)</script>", "L", dt.date(2024, 4, 30), "On track", 0.4, "At risk", 0.6)])]
    a = read_actions(write_plan(tmp_path / "p.xlsx", plan=plan))
    html = actions_section(a) + actions_appendix(a)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;Governance&lt;/b&gt;" in html


def test_a_six_monthly_plan_in_a_quarterly_briefing_says_which_half_it_shows(sample_path):
    from perfkit.present.actions import actions_section

    frames = perfkit.read_workbook(sample_path)
    if "actions" not in frames:
        pytest.skip("the bundled sample predates its improvement plan sheet: run `make sample`")
    html = actions_section(frames["actions"], "2023/24 Q3")
    assert "monitored six-monthly; its latest position up to 2023/24 Q3 is at 2023/24 H1" in html


def test_summary_json_has_the_actions_object(plan, capsys):
    import json

    from perfkit.cli import main

    assert main(["summary", str(plan), "--period", "2024/25 H2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    acts = doc["actions"]
    assert acts["total"] == 10 and acts["overdue"] == ["3.1", "2.2"] and acts["mean_progress"] == 57.2
    assert acts["by_status"]["Complete"] == 3 and acts["by_status"]["Superseded"] == 1
    assert acts["per_group"]["Recommendation 1: Strengthen governance and decision making"] == {"total": 4, "complete": 2, "active": 4, "percent_complete": 50}
    assert main(["summary", str(plan), "--period", "H1"]) == 0
    assert "Action plan at 2024/25 H1" in capsys.readouterr().out


def test_summary_json_of_a_mixed_workbook_adds_actions(sample_path, capsys):
    import json

    from perfkit.cli import main

    if "actions" not in perfkit.read_workbook(sample_path):
        pytest.skip("the bundled sample predates its improvement plan sheet: run `make sample`")
    assert main(["summary", str(sample_path), "--period", "2023/24 Q4", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2023/24 Q4" and doc["actions"]["period"] == "2023/24 H2"
    assert "milestones" in doc and doc["actions"]["total"] == 11


@pytest.fixture(scope="module")
def half_year_briefing(tmp_path_factory):
    from perfkit.cli import main

    folder = tmp_path_factory.mktemp("plan")
    path = write_plan(folder / "improvement_plan.xlsx")
    out = folder / "reports"
    assert main(["brief", str(path), "--period", "2024/25 H2", "--council", "Testshire", "--out", str(out), "--date", "2025-04-22", "--xlsx"]) == 0
    return out / "testshire-briefing-2024-25-h2.html"


def test_brief_for_a_half_year_writes_the_action_plan(half_year_briefing):
    import re

    html = half_year_briefing.read_text(encoding="utf-8")
    assert "<title>Testshire: Improvement plan: progress at 2024/25 H2</title>" in html
    assert "Published 22 April 2025" in html
    levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    assert "Of 10 actions at 2024/25 H2, 3 are complete" in html and "<script" not in html
    assert all(len(alt) > 80 for alt in re.findall(r'<img[^>]*alt="([^"]*)"', html))
    book = __import__("openpyxl").load_workbook(half_year_briefing.with_suffix(".xlsx"))
    assert book["Actions"]["F2"].value == "2024/25 H2"


@pytest.mark.browser
def test_half_year_briefing_passes_axe(half_year_briefing, tmp_path):
    from test_briefing import _axe_violations, _need_browser

    _need_browser()
    assert _axe_violations(half_year_briefing.read_text(encoding="utf-8"), tmp_path) == []


def test_long_layout_with_a_period_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Improvement plan tracker 2024/25"])
    ws.append(["Ref", "Action", "Lead", "Target date", "Period", "Status", "% complete", "Update"])
    ws.append(["1.1", "Review", "Legal", dt.date(2024, 12, 31), "H1", "On track", 0.5, "a"])
    ws.append(["1.1", "Review", "Legal", dt.date(2024, 12, 31), "H2", "Complete", 1, "b"])
    ws.append(["1.10", "Train", "HR", dt.date(2025, 3, 3), "2024/25 H2", "Delayed", 0.4, "c"])
    for row in ws.iter_rows(min_row=3, min_col=7, max_col=7):
        row[0].number_format = "0%"
    wb.save(tmp_path / "long.xlsx")
    a = read_actions(tmp_path / "long.xlsx")
    assert set(a["cadence"]) == {"half"}
    assert [(i, period_text(p, "half"), str(s), g) for i, p, s, g in zip(a["action_id"], a["period"], a["status"], a["progress"])] == [
        ("1.1", "2024/25 H1", "On track", 50), ("1.1", "2024/25 H2", "Complete", 100), ("1.10", "2024/25 H2", "Behind schedule", 40)]
    assert list(a["commentary"]) == ["a", "b", "c"]
    assert list(action_summary(a).overdue["action_id"]) == ["1.10"]


def test_group_column_with_merged_cells_and_a_single_percent_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Peer challenge action plan 2024/25"])
    ws.append(["Recommendation", "Ref", "Action", "Lead", "Target date", "Status Sep 2024", "Status Mar 2025", "% complete"])
    ws.append(["R1 Governance", "1.1", "Review", "Legal", dt.date(2024, 12, 31), "On track", "Complete", 1])
    ws.append([None, "1.2", "Publish", "Legal", dt.date(2025, 6, 30), "Not started", "On track", 0.5])
    ws.append(["R2 Finance", "2.1", "MTFS", "S151", dt.date(2025, 3, 31), "On track", "Superseded", None])
    ws.merge_cells("A3:A4")
    for r in (3, 4):
        ws.cell(r, 8).number_format = "0%"
    wb.save(tmp_path / "g.xlsx")
    a = read_actions(tmp_path / "g.xlsx")
    h2 = a[a["period"] == perfkit.parse_period("2024/25 H2")].set_index("action_id")
    h1 = a[a["period"] == perfkit.parse_period("2024/25 H1")].set_index("action_id")
    assert h2["group"].tolist() == ["R1 Governance", "R1 Governance", "R2 Finance"]
    assert h2["progress"].tolist()[:2] == [100, 50] and h1["progress"].isna().all()
    assert any("read as the % complete at 2024/25 H2" in p.message for p in a.attrs["problems"])
    s = action_summary(a)
    per = s.per_group.set_index("group")
    assert per["complete"].tolist() == [1, 0] and per["active"].tolist() == [2, 0]
    assert per.loc["R1 Governance", "percent_complete"] == 50 and pd.isna(per.loc["R2 Finance", "percent_complete"])
    assert s.to_dict()["per_group"]["R2 Finance"]["percent_complete"] is None


def test_a_plan_titled_improvement_plan_is_read_as_actions_and_perfkit_toml_can_say_otherwise(tmp_path):
    header = ["Ref", "Action", "Lead officer", "Target date", "Status at Sep 2024", "Commentary"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Improvement plan 2024/25"])
    ws.append(header)
    ws.append(["1.1", "Review", "Head of Legal", dt.date(2024, 12, 31), "On track", "fine"])
    wb.save(tmp_path / "p.xlsx")
    frames = perfkit.read_workbook(tmp_path / "p.xlsx")  # fits both; its title says what it is, and the inventory says so
    assert list(frames) == ["actions"] and frames["actions"]["status"].astype(str).tolist() == ["On track"]
    assert "its title ('Improvement plan')" in frames["actions"].attrs["inventory"][0].note
    (tmp_path / "perfkit.toml").write_text('[sheets."Plan"]\nkind = "milestones"\n', encoding="utf-8")
    frames = perfkit.read_workbook(tmp_path / "p.xlsx")
    assert list(frames) == ["milestones"] and frames["milestones"]["status"].astype(str).tolist() == ["Green"]


def test_inventory_names_half_years(plan):
    entry = read_actions(plan).attrs["inventory"][0]
    assert entry.periods == ["2024/25 H1", "2024/25 H2"]


def test_cli_kind_actions(plan):
    import subprocess
    import sys

    # A fresh process: the CLI builds its parser without importing pandas or perfkit.load.
    done = subprocess.run([sys.executable, "-c", "import sys; from perfkit.cli import main; sys.exit(main())", "validate", str(plan), "--kind", "actions"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_csv_export_writes_half_years(plan):
    from perfkit.publish.export import to_csv_frame

    assert set(to_csv_frame(read_actions(plan))["period"]) == {"2024/25 H1", "2024/25 H2"}


def test_per_tactic_appendix_for_milestones_and_actions(make_book, tmp_path):
    from perfkit.present.actions import thread_appendix

    rows = [["Plan 2023/24"], ["Objective", "Strategy", "Tactic", "Ref", "Action", "Q1 Status", "Q1 Commentary"],
            ["Prosper", "Jobs", "Skills hub", "M1", "Open the hub", "G", "opened"],
            ["Prosper", "Jobs", "Skills hub", "M2", "Run courses", "A", "late"],
            ["Prosper", "Homes", "Build", "M3", "<b>Build</b> homes", "R", "stuck"]]
    ms = perfkit.read_milestones(make_book(rows))
    html = thread_appendix(ms, "2023/24 Q1")
    assert html.count("<h3>") == 2 and "<h3>Skills hub</h3>" in html and "Prosper &gt; Jobs &gt; Skills hub" in html
    assert "&lt;b&gt;Build&lt;/b&gt; homes" in html and "Appendix: progress by tactic" in html
    plain = perfkit.read_milestones(make_book([["Ref", "Action", "Q1 Status"], ["M1", "a", "G"]], name="p 2023-24.xlsx"))
    assert thread_appendix(plain, "2023/24 Q1") == ""


def test_update_months_that_do_not_end_a_half_year_are_warned_and_can_be_mapped(tmp_path):
    header = ["Ref", "Action", "Lead", "Target date", "Status October 2024", "% complete October 2024",
              "Status April 2025", "% complete April 2025", "Comments"]
    path = write_plan(tmp_path / "p.xlsx", header=header)
    a = read_actions(path)
    warned = [p for p in a.attrs["problems"] if p.severity == "warning" and "does not end a half-year" in p.message]
    assert {p.source for p in warned} == {"Improvement plan!E4", "Improvement plan!F4", "Improvement plan!G4", "Improvement plan!H4"}
    assert [period_text(p, "half") for p in sorted(a["period"].unique())] == ["2024/25 H2", "2025/26 H1"]
    mapped = read_actions(path, columns={"Status October 2024": "status@2024/25 H1", "% complete October 2024": "progress@2024/25 H1",
                                         "Status April 2025": "status@2024/25 H2", "% complete April 2025": "progress@2024/25 H2"})
    assert [period_text(p, "half") for p in sorted(mapped["period"].unique())] == ["2024/25 H1", "2024/25 H2"]
    assert not [p for p in mapped.attrs["problems"] if p.severity == "warning"]
    assert list(action_summary(mapped, "2024/25 H2").overdue["action_id"]) == ["3.1", "2.2"]


def test_a_not_applicable_action_is_neither_overdue_nor_still_to_do():
    import pandas as pd

    from perfkit.analyse.actions import action_summary

    p = perfkit.parse_period("2024/25 H1")
    frame = pd.DataFrame({
        "action_id": ["1a", "1b", "1c"], "action": ["A", "B", "C"], "group": ["R1"] * 3, "lead": ["L"] * 3,
        "due_date": pd.to_datetime(["2024-06-30"] * 3), "status": ["Complete", "Not applicable", "Behind schedule"],
        "progress": [100.0, None, 40.0], "period": [p] * 3, "commentary": [""] * 3, "source": ["P!A2", "P!A3", "P!A4"],
    })
    frame.attrs["cadence"] = "half"
    s = action_summary(frame, "2024/25 H1")
    assert list(s.overdue["action_id"]) == ["1c"] and s.percent_complete == 50


def test_the_committees_page_of_an_action_plan_names_no_file_and_holds_no_reading_warnings(tmp_path):
    import pandas as pd

    from perfkit.core.errors import Problem
    from perfkit.present.actions import actions_about, actions_header, actions_section

    p = perfkit.parse_period("2024/25 H1")
    frame = pd.DataFrame({
        "action_id": ["1a"], "action": ["A"], "group": ["R1"], "lead": ["L"], "due_date": pd.to_datetime(["2025-03-31"]),
        "status": ["On track"], "progress": [40.0], "period": [p], "commentary": [""], "source": ["Plan!A2"],
    })
    frame.attrs["cadence"] = "half"
    frame.attrs["problems"] = [Problem("Plan!B2", "action_id", "", "no reference: given A025", "warning")]
    page = actions_header("Improvement plan", frame, workbook="secret_plan_v3.xlsx") + actions_section(frame) + actions_about(frame, "secret_plan_v3.xlsx")
    assert "secret_plan_v3" not in page and "A025" not in page and "perfkit.toml" not in page


def test_an_overdue_action_shows_the_plans_own_word_never_on_track(tmp_path):
    """An action 61 days past its date whose status is 'In progress' was listed as overdue and 'On track' in the same row
    of the brief's table; 'Partially implemented' the same. The plan's own word is shown, in its status's colour."""
    from perfkit.present.tables import action_overdue_table

    path = _plan_book(tmp_path / "plan.xlsx", "Action plan", [["Improvement plan 2024/25 - position at end of Quarter 2"], [],
                ["Ref", "Recommendation", "Action", "Target date", "Status"],
                ["1.1", "Governance", "Refresh constitution", dt.date(2024, 7, 31), "In progress"],
                ["1.2", "Governance", "Member training", dt.date(2024, 8, 31), "Partially implemented"],
                ["2.1", "Finance", "MTFS refresh", dt.date(2024, 6, 30), "On track"],
                ["2.2", "Finance", "Savings tracker", dt.date(2025, 3, 31), "Complete"]])
    acts = read_actions(path)
    # 'Partially implemented' is an audit follow-up's amber, between implemented and not implemented
    assert acts["status"].astype(str).tolist() == ["On track", "At risk", "On track", "Complete"]
    assert acts["reported_as"].tolist() == ["In progress", "Partially implemented", "", ""]
    html = action_overdue_table(action_summary(acts), "Overdue")
    assert ">In progress</span>" in html and ">Partially implemented</span>" in html and html.count(">On track</span>") == 1
    # summary --json counts them on perfkit's scale ('On track': 2) and beside that in the plan's own words
    said = action_summary(acts).to_dict()
    assert said["by_status"]["On track"] == 2
    assert said["as_written"] == {"In progress": 1, "Partially implemented": 1, "On track": 1, "Complete": 1}


def test_a_six_monthly_status_dated_30_09_24_is_h1_with_no_warning_and_a_lead_with_roles_in_brackets_is_the_lead(tmp_path):
    """'Status at 30/09/24' was read as H1 with a warning that September 'does not end a half-year' (its day-first date
    not read as a month), stopping the brief; 'Lead (Cllr/Clerk)' was kept as a grouping, not the lead."""
    path = _plan_book(tmp_path / "recs.xlsx", "Audit Recs", [["Internal audit recommendations"], ["Ref", "Agreed action", "Lead (Cllr/Clerk)", "Agreed date", "Status at 30/09/24"],
                ["1.1", "Update the register", "Clerk", dt.date(2024, 6, 30), "Implemented"],
                ["1.2", "Review insurance", "Cllr Jones", dt.date(2025, 3, 31), "In progress"],
                ["2.1", "Bank reconciliations", "Clerk", dt.date(2024, 9, 30), "Not started"]])
    acts = read_actions(path)
    assert str(acts["period"].iloc[0]) == "2025Q2" and acts["lead"].tolist() == ["Clerk", "Cllr Jones", "Clerk"]
    assert not [p for p in acts.attrs["problems"] if p.severity == "warning"]


def _plan_book(path, sheet: str, rows: list):
    """A one-sheet action plan written row by row (dates as dates)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_plan_kept_one_tab_per_committee_counts_each_committees_actions(tmp_path):
    """A town council's action plan, one tab per committee and no group column: the summary's per_group was empty
    though each action's directorate was its tab."""
    wb = Workbook()
    for i, (name, rows) in enumerate({"F&GP": [["FG/1", "Precept setting", dt.date(2025, 1, 31), "Done"],
                                               ["FG/2", "Reserves policy", dt.date(2025, 3, 31), "In hand"]],
                                      "Amenities": [["AM/1", "Play area", dt.date(2025, 3, 31), "Done"],
                                                    ["AM/2", "Allotments", dt.date(2025, 3, 31), "Not started"]]}.items()):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        for row in [[f"{name} committee action plan - position at 30 September 2024"], ["Minute ref", "Action", "Due date", "Status"], *rows]:
            ws.append(row)
    wb.save(tmp_path / "plan.xlsx")
    doc = action_summary(read_actions(tmp_path / "plan.xlsx")).to_dict()
    assert {g: (v["total"], v["complete"]) for g, v in doc["per_group"].items()} == {"F&GP": (2, 1), "Amenities": (2, 1)}


def test_a_notes_column_of_placeholders_is_commentary_never_progress(tmp_path):
    """A town council's 'Notes' column held '...' in every cell: read as % complete 'by what it holds', and counted as
    evidence that the sheet was an action plan."""
    path = _plan_book(tmp_path / "plan.xlsx", "Action Plan", [
        ["Town council action plan monitoring, September 2024"], ["Ref", "Action", "Target Date", "Status Sep 2024", "Notes"],
        ["1.1", "Replace play equipment", dt.date(2024, 7, 31), "Done", "..."],
        ["1.2", "Review allotments", dt.date(2024, 6, 30), "In hand", "..."],
        ["1.3", "Bus shelter", dt.date(2025, 3, 31), "Not started", "..."]])
    acts = read_actions(path)
    assert acts["progress"].isna().all() and acts["commentary"].tolist() == ["..."] * 3


def test_a_key_line_whose_meanings_run_on_after_a_comma_is_read_whole(tmp_path):
    """'Key: B – Closed   R – Overdue   A – In progress, at risk   G – In progress, on schedule' in a harbour authority's
    title rows: A was learnt as 'In progress' (On track), the comma cutting 'at risk' off, and two Amber actions were
    counted on track under a warning that the fills disagreed."""
    path = _plan_book(tmp_path / "pmsc.xlsx", "PMSC Action Plan", [
        ["Harbour Authority - Port Marine Safety Code Audit Action Plan"],
        ["Key: B – Closed   R – Overdue   A – In progress, at risk   G – In progress, on schedule"],
        ["Position at 30/09/2025"], ["Ref", "Action", "Agreed date", "Status"],
        ["A1", "Update the hydrographic survey", dt.date(2025, 6, 30), "B"], ["A2", "Replace buoy lights", dt.date(2025, 12, 31), "A"],
        ["B1", "Pilot training review", dt.date(2025, 7, 31), "R"], ["B2", "Passage plans", dt.date(2026, 3, 31), "G"]])
    acts = read_actions(path)
    assert acts["status"].astype(str).tolist() == ["Complete", "At risk", "Behind schedule", "On track"]


def test_an_action_gone_from_not_started_to_at_risk_has_started_while_one_gone_to_behind_schedule_has_slipped(make_book):
    """A peer challenge plan: 2.3 went from Not started to Significant slippage, and has slipped; 1.2 went to Some
    slippage, which officers report as started (four councils' trackers said so, where perfkit listed it as slipped)."""
    rows = [["Peer challenge action plan"], ["Ref", "Action", "Deadline", "Status March 2024", "Status September 2024"],
            ["1.2", "Refresh the plan", "31/03/2025", "Not started", "Some slippage"],
            ["2.3", "Train members", "31/03/2025", "Not started", "Significant slippage"],
            ["3.1", "Publish the strategy", "31/03/2025", "Not started", "On track"]]
    s = action_summary(read_actions(make_book(rows, name="plan.xlsx", sheet="Plan")), "2024/25 H1")
    assert s.changes["slipped"] == ["2.3"]


def test_words_in_a_percent_complete_column_and_a_register_beside_the_plan(make_book, tmp_path, capsys):
    """'Complete' and 'Ongoing' in '% complete' were refused; and with the plan read as actions, the workbook's risk
    register was left out of summary --json with no word."""
    import json

    from perfkit.cli import main

    rows = [["Delivery Plan 2024/25 - Quarter 3"], ["Ref", "Action", "Lead", "Target date", "% complete", "Q3 status"],
            ["TC1", "Deliver homes", "Head of Housing", "31/03/2025", "60%", "On track"],
            ["TC2", "Adopt the housing strategy", "Head of Housing", "30/09/2024", "Complete", "Complete"],
            ["TC5", "Review the partnership", "Head of Communities", "31/03/2025", "Ongoing", "On track"]]
    path = make_book(rows, name="plan.xlsx", sheet="Delivery Plan")
    acts = read_actions(path)
    assert acts["progress"].tolist()[:2] == [60, 100] and pd.isna(acts["progress"].iloc[2])
    from openpyxl import load_workbook
    wb = load_workbook(path)
    risks = wb.create_sheet("Council Plan Risks")
    for row in (["Council Plan risks - Quarter 3 2024/25"], ["Risk", "Description of the risk", "Impact", "Likelihood"],
                ["R1", "Funding gap", 4, 4], ["R2", "Recruitment", 3, 2]):
        risks.append(row)
    wb.save(path)
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "actions" in doc and "risks" in doc and doc["risks"]["total"] == 2


def test_brief_on_an_action_plan_with_a_risk_register_publishes_the_plans_briefing(make_book, tmp_path, capsys):
    """A delivery plan read as actions beside a Council Plan risk table: brief ran the quarterly briefing of neither and
    stopped with 'the workbook has no reported periods'."""
    from openpyxl import load_workbook

    from perfkit.cli import main

    rows = [["Delivery Plan 2024/25 - Quarter 3"], ["Ref", "Action", "Lead", "Target date", "% complete", "Q3 status"],
            ["TC1", "Deliver homes", "Head of Housing", "31/03/2025", "60%", "On track"],
            ["TC2", "Adopt the housing strategy", "Head of Housing", "30/09/2024", "100%", "Complete"]]
    path = make_book(rows, name="plan.xlsx", sheet="Delivery Plan")
    wb = load_workbook(path)
    risks = wb.create_sheet("Council Plan Risks")
    for row in (["Council Plan risks - Quarter 3 2024/25"], ["Risk", "Description of the risk", "Impact", "Likelihood"], ["R1", "Funding gap", 4, 4]):
        risks.append(row)
    wb.save(path)
    assert main(["brief", str(path), "--out", str(tmp_path / "out"), "--force"]) == 0
    page = next(p for p in (tmp_path / "out").glob("*.html") if "checks" not in p.name).read_text(encoding="utf-8")
    assert '<h2 id="risks">Risks</h2>' in page  # the register is a section of the plan's briefing, never a second run


def test_a_partnership_plan_in_priority_sections_is_titled_an_action_plan_not_a_council_plan_update():
    """A community safety partnership's plan in 'Priority 1: Tackling serious violence' sections was headed 'Council Plan
    update'; priorities alone say nothing of whose plan it is. Objectives, strategies and tactics still are the Council Plan."""
    import pandas as pd

    from perfkit.present.actions import plan_title

    assert plan_title(pd.DataFrame({"group": ["Priority 1: Tackling serious violence", "Priority 2: Reducing reoffending"]})) == "Action plan"
    assert plan_title(pd.DataFrame({"group": ["Objective 1: Homes"]})) == "Council Plan update"


def test_the_action_plans_checks_list_a_warning_about_another_sheet_the_brief_was_published_over(make_book, tmp_path):
    """A peer challenge plan beside an action log perfkit could not read, published with --accept-warnings: the checks
    page said 'Nothing to check: reading the workbook raised no warnings'."""
    from openpyxl import load_workbook

    from perfkit.cli import main

    rows = [["Peer challenge action plan"], ["Progress at 30 September 2024"], ["Ref", "Action", "Lead officer", "Target date", "RAG status"],
            ["Recommendation 1: Develop the narrative"], ["1.1", "Hold a workshop", "Chief Executive", "30/06/2024", "Complete"],
            ["1.2", "Publish the narrative", "Director", "31/12/2024", "On track"]]
    path = make_book(rows, name="plan.xlsx", sheet="Action Plan")
    wb = load_workbook(path)
    log = wb.create_sheet("Action log")
    for row in (["Scrutiny action log"], ["When", "What", "Who", "By"], ["01/07/2024", "Report back", "Clerk", "01/09/2024"],
                ["01/08/2024", "Circulate notes", "Clerk", "15/09/2024"], ["01/09/2024", "Invite the lead", "Chair", "01/10/2024"]):
        log.append(row)
    wb.save(path)
    warned = [p.message for p in perfkit.validate(path).warnings if p.source.startswith("Action log")]
    assert warned, "the action log is a warning to accept"
    out = tmp_path / "out"
    assert main(["brief", str(path), "--out", str(out), "--force", "--accept-warnings"]) == 0
    checks = next(out.glob("*-checks.html")).read_text(encoding="utf-8")
    assert "Nothing to check" not in checks and "Action log" in checks


def test_actions_moved_past_their_original_date_are_said(tmp_path):
    """'Original date | Revised date': overdue counts from the revised date; the actions it moved later were said in a note
    for the officer only, never in the plan's figures or its paragraph."""
    from perfkit.present.narrative import overdue_paragraph

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(["Inspection action plan: position at 31 March 2025 (2024/25 H2)"])
    ws.append(["Ref", "Action", "Lead", "Original date", "Revised date", "H2 status"])
    ws.append(["1.1", "Refresh the audit", "HoS", dt.datetime(2024, 9, 30), dt.datetime(2025, 6, 30), "On track"])
    ws.append(["1.2", "Train the panel", "HoS", dt.datetime(2024, 12, 31), None, "At risk"])
    ws.append(["1.3", "Publish the policy", "HoS", dt.datetime(2024, 10, 31), dt.datetime(2025, 1, 31), "Complete"])
    ws.append(["1.4", "Review the rota", "HoS", dt.datetime(2025, 3, 31), dt.datetime(2025, 9, 30), "Not started"])
    wb.save(tmp_path / "plan.xlsx")
    acts = read_actions(tmp_path / "plan.xlsx")
    s = action_summary(acts)
    assert list(s.overdue["action_id"]) == ["1.2"] and s.later == ["1.1", "1.4"]
    assert s.to_dict()["later_than_planned"] == ["1.1", "1.4"]
    assert overdue_paragraph(s).endswith(" Two actions are now expected later than first planned.")


def test_an_action_the_plan_marks_overdue_on_its_due_day_is_said(tmp_path):
    """An audit action plan's own 'Overdue' on an action due on the period's last day: read as Behind schedule with no
    word, so the brief said "Two actions are overdue" where the plan marks three."""
    from perfkit.present.narrative import overdue_paragraph

    wb = Workbook()
    ws = wb.active
    ws.title = "Action Plan"
    ws.append(["Internal Audit Recommendations - Action Plan - update to 30 September 2025"])
    ws.append(["No.", "Action", "Owner", "Due", "Status"])
    ws.append([1, "Update procurement rules", "JS", dt.datetime(2025, 6, 30), "Complete"])
    ws.append([2, "Train budget holders", "JS", dt.datetime(2025, 9, 30), "Overdue"])
    ws.append([3, "Reconcile asset register", "PK", dt.datetime(2025, 8, 31), "Overdue"])
    ws.append([4, "Review bank mandates", "AM", dt.datetime(2025, 12, 31), "Not yet due"])
    wb.save(tmp_path / "audit.xlsx")
    s = action_summary(read_actions(tmp_path / "audit.xlsx"))
    assert list(s.overdue["action_id"]) == ["3"] and [r for r, _ in s.marked_overdue] == ["2"]
    assert " One more (2) is marked overdue in the plan, due on 30/09/2025, not counted" in overdue_paragraph(s)


def test_the_plans_own_overdue_word_never_counts_overdue_beside_the_rules_count(tmp_path):
    """A regulator's action plan (`Not started / In progress / Completed / Overdue`): the opening sentence said "2 are
    overdue" (the plan's word) and the next "Three actions are overdue" (by date: one 'In progress' was past its date)."""
    from perfkit.present.narrative import actions_paragraph, overdue_paragraph

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(["Improvement action plan - position at 30 September 2024 (2024/25 Q2)"])
    ws.append(["Ref", "Action", "Lead", "Due date", "Status"])
    ws.append(["1.1", "Tenant panel", "Director", dt.datetime(2024, 6, 30), "Completed"])
    ws.append(["1.2", "Damp and mould policy", "Director", dt.datetime(2024, 8, 31), "Overdue"])
    ws.append(["2.3", "Stock condition survey", "Director", dt.datetime(2024, 9, 15), "In progress"])
    ws.append(["3.2", "Assurance framework", "Director", dt.datetime(2024, 7, 31), "Overdue"])
    ws.append(["3.3", "Complaints review", "Director", dt.datetime(2025, 3, 31), "Not started"])
    wb.save(tmp_path / "plan.xlsx")
    s = action_summary(read_actions(tmp_path / "plan.xlsx"))
    assert "2 are behind schedule" in actions_paragraph(s) and "overdue" not in actions_paragraph(s)
    assert overdue_paragraph(s).startswith("Three actions are overdue")


def _one_position_plan(path, title, header="Status at 30 Sept 2024"):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["Rec No.", "Recommendation", "Responsible officer", "Implementation date", header])
    ws.append(["1.1", "Reconcile payroll to the ledger monthly", "Head of Finance", dt.date(2024, 6, 30), "Implemented"])
    ws.append(["1.2", "Review the starters and leavers checklist", "Head of HR", dt.date(2024, 8, 31), "In progress"])
    ws.append(["1.3", "Approve a patch management policy", "ICT Manager", dt.date(2024, 12, 31), "In progress"])
    ws.append(["1.4", "Keep a complete contracts register", "Procurement Lead", dt.date(2025, 3, 31), "Not started"])
    wb.save(path)
    return read_actions(path)


def test_one_status_column_at_a_month_is_that_quarter_and_the_briefing_gives_its_day(tmp_path):
    """An audit tracker's one 'Status at 30 Sept 2024' column: a position at that day, not a half-year the plan never
    names, and the briefing says 'as at 30 September 2024', not 'monitored six-monthly'."""
    a = _one_position_plan(tmp_path / "audit.xlsx", "Internal audit recommendations tracker")
    assert action_summary(a).label == "2024/25 Q2"
    assert list(action_summary(a).overdue["action_id"]) == ["1.2"]
    head = actions_header("Audit recommendations", a)
    assert "Actions as at 30 September 2024." in head and "six-monthly" not in head
    said = [p for p in a.attrs["problems"] if "Status at 30 Sept 2024" in p.message]
    assert said and "status@2024/25 H1" in said[0].message  # the line to type if it is six-monthly


def test_one_status_column_in_a_mid_year_review_is_the_half_year(tmp_path):
    a = _one_position_plan(tmp_path / "review.xlsx", "Improvement plan: mid-year review")
    assert action_summary(a).label == "2024/25 H1"


@pytest.mark.parametrize("header", ["Status per auditor", "Status (per auditor)", "Status according to the service"])
def test_a_status_header_saying_who_gave_it_is_the_status(tmp_path, header):
    """A shared internal audit service's tracker, `... | Agreed implementation date | Revised date | Status per auditor`:
    refused as 'perfkit could not find its header', the status column asked about in perfkit.toml."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Shared Internal Audit Service - Follow-up of agreed recommendations"])
    ws.append(["Position at 31 December 2024 (Quarter 3 2024/25)"])
    ws.append(["Rec no.", "Audit", "Recommendation", "Responsible officer", "Agreed implementation date", "Revised date", header])
    ws.append(["24/01", "Payroll", "Reconcile starters and leavers monthly", "HR Manager", dt.date(2024, 6, 30), None, "Implemented"])
    ws.append(["24/02", "Payroll", "Review overtime authorisation limits", "HR Manager", dt.date(2024, 9, 30), dt.date(2025, 3, 31), "Partially implemented"])
    ws.append(["24/03", "Procurement", "Publish the contracts register", "Head of Procurement", dt.date(2024, 10, 31), None, "Not implemented"])
    ws.append(["24/04", "Procurement", "Train budget holders on waivers", "Head of Procurement", dt.date(2025, 3, 31), None, "Not yet due"])
    wb.save(tmp_path / "tracker.xlsx")
    a = read_actions(tmp_path / "tracker.xlsx")
    assert list(a["status"].astype(str)) == ["Complete", "At risk", "Not started", "Not due"]
    assert list(action_summary(a).overdue["action_id"]) == ["24/03"]


def _one_sheet(path, title: str, rows: list, percent_col: int | None = None):
    """A workbook of one sheet named ``title``, its rows as given (title rows, header, items); ``percent_col`` (1-based)
    formats that column as a percentage below the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
        if percent_col is not None and ws.max_row > 3:
            ws.cell(ws.max_row, percent_col).number_format = "0%"
    wb.save(path)
    return path


def test_a_highlight_reports_part_complete_items_with_no_status_are_open_never_no_data(tmp_path):
    """A programme highlight report, '% complete' its only word on progress: 100% read as Complete and 0% as Not started,
    but the five between were 'no status given: recorded as No data', five warnings that held the brief. Under way with
    no rating given is Open: unrated, never a colour perfkit makes up, and overdue once its date has passed."""
    path = _one_sheet(tmp_path / "highlight.xlsx", "Highlight Report", [
        ["Town Centre Regeneration Programme - Highlight Report"], ["Reporting period: October - December 2024 (Quarter 3 2024/25)"],
        ["No.", "Milestone", "Workstream", "Baseline date", "Forecast date", "% complete"],
        (1, "Business case approved", "Governance", dt.datetime(2024, 5, 31), dt.datetime(2024, 5, 31), 1),
        (2, "Purchase order confirmed", "Land", dt.datetime(2024, 9, 30), dt.datetime(2025, 2, 28), 0.6),
        (4, "Design freeze", "Market hall", dt.datetime(2024, 11, 30), dt.datetime(2024, 12, 20), 0.85),
        (9, "Start on site", "Construction", dt.datetime(2025, 4, 30), dt.datetime(2025, 6, 30), 0)], percent_col=6)
    a = read_actions(path)
    assert a.set_index("action_id")["status"].astype(str).to_dict() == {"1": "Complete", "2": "Open", "4": "Open", "9": "Not started"}
    assert not [p.message for p in a.attrs["problems"] if p.severity == "warning"]
    assert list(action_summary(a).overdue["action_id"]) == ["4"]


def test_the_group_table_and_chart_head_each_status_with_the_plans_own_word_as_the_sentence_does(tmp_path):
    """An audit tracker's 'In progress' and 'Partially implemented': the sentence said '2 are in progress, 2 are partially
    implemented', but the table's columns and the chart's segments said 'On track' and 'At risk', words the plan never
    used of them. Where every action of a status was given one word, that word heads it."""
    from perfkit.present.charts import action_progress_chart
    from perfkit.present.tables import action_group_table

    path = _one_sheet(tmp_path / "audit.xlsx", "Tracker", [
        ["Internal audit recommendations - position at 30 September 2024"], ["Rec ref", "Audit", "Recommendation", "Due date", "Status"],
        ("IA1", "Payroll", "Reconcile leavers", dt.datetime(2024, 6, 30), "Implemented"),
        ("IA2", "Payroll", "Review overtime limits", dt.datetime(2024, 12, 31), "Partially implemented"),
        ("IA3", "Procurement", "Publish contracts register", dt.datetime(2025, 1, 31), "In progress")])
    s = action_summary(read_actions(path))
    table = action_group_table(s, "Actions by audit", "Audit")
    assert ">In progress</th>" in table and ">Partially implemented</th>" in table and ">On track</th>" not in table
    assert "1 in progress" in action_progress_chart(s).alt


def test_a_status_header_listing_its_words_after_a_colon_is_the_status(tmp_path):
    """A town council's action log, `Status: Open/Closed` (a drop-down of the two): the header was not read, so the log
    was read as milestones, 'Open' refused as a word nothing placed, and `perfkit init` wrote milestone fields."""
    path = _one_sheet(tmp_path / "log.xlsx", "Action Log", [
        ["Ashbury Town Council - Council Action Log"], ["Position at 30 September 2025 (Q2 2025/26)"],
        ["Action No.", "Date raised", "Action", "Owner", "Due by", "Status: Open/Closed"],
        ("A/25/01", dt.datetime(2025, 4, 14), "Obtain quotes for bus shelter repairs", "Town Clerk", dt.datetime(2025, 6, 30), "Closed"),
        ("A/25/02", dt.datetime(2025, 4, 14), "Review allotment tenancy agreements", "Deputy Clerk", dt.datetime(2025, 7, 31), "Open"),
        ("A/25/06", dt.datetime(2025, 6, 9), "Replace play area safety surfacing", "Amenities Officer", dt.datetime(2025, 11, 30), "Open")])
    found = perfkit.read_workbook(path)
    assert list(found) == ["actions"]
    a = found["actions"]
    assert a["status"].astype(str).tolist() == ["Complete", "Open", "Open"]
    assert list(action_summary(a).overdue["action_id"]) == ["A/25/02"]


def test_an_action_complete_at_100_percent_is_not_said_to_be_rated_how_it_went(tmp_path):
    """A climate action plan's 'B' (Complete, as its key says) at 100%: a note said '2 actions at 100% complete with a
    status that rates how they went (B): read as Complete', as though B were a rating; 'G' at 100% still is one."""
    path = _one_sheet(tmp_path / "climate.xlsx", "Action Plan", [
        ["Climate Action Plan - Quarter 2 2024/25"], [], ["Ref", "Action", "Timescale", "% complete", "BRAG"],
        ("1.1", "Install solar panels on the depot", dt.datetime(2024, 3, 31), 1, "B"),
        ("1.2", "Replace fleet vans with EVs", dt.datetime(2024, 6, 30), 1, "G"),
        ("1.3", "Retrofit the civic centre", dt.datetime(2025, 3, 31), 0.4, "A")], percent_col=4)
    a = read_actions(path)
    assert a["status"].astype(str).tolist() == ["Complete", "Complete", "At risk"]
    said = [p.message for p in a.attrs["problems"] if "rates how" in p.message]
    assert len(said) == 1 and said[0].startswith("1 action at 100% complete") and "(G)" in said[0], said


def test_numbers_that_start_again_for_each_audit_are_never_shown_to_the_committee_as_references(tmp_path):
    """'Audit | Rec no.' with 1, 2, 3 for each audit: read as the audit's place then the number ('1.3'), the brief said
    'The most overdue is 1.3 (Update the payroll procedure notes)', a reference the tracker does not have."""
    from perfkit.present import narrative

    path = _one_sheet(tmp_path / "audit.xlsx", "Recommendations", [
        ["Internal Audit - Follow-up of agreed recommendations"], ["Position at 31 December 2024"],
        ["Audit", "Rec no.", "Recommendation", "Responsible officer", "Agreed implementation date", "Implementation status"],
        *[(audit, str(n), words, "Manager", due, status) for audit, n, words, due, status in [
            ("Payroll 2023/24", 1, "Reconcile starters and leavers monthly", dt.datetime(2024, 6, 30), "Implemented"),
            ("Payroll 2023/24", 2, "Review overtime authorisation limits", dt.datetime(2025, 3, 31), "Partly implemented"),
            ("Payroll 2023/24", 3, "Update the payroll procedure notes", dt.datetime(2024, 7, 31), "Not implemented"),
            ("Procurement cards", 1, "Remove cards from staff who have left", dt.datetime(2024, 4, 30), "Implemented"),
            ("Procurement cards", 2, "Refresh the card holder agreement", dt.datetime(2025, 3, 31), "Not yet due")]]])
    a = read_actions(path)
    assert list(a["action_id"]) == ["1.1", "1.2", "1.3", "2.1", "2.2"] and set(a.attrs["generated_ids"]) == set(a["action_id"])
    said = narrative.overdue_paragraph(action_summary(a), a.attrs["generated_ids"])
    assert "Update the payroll procedure notes" in said and "1.3" not in said


def test_a_plans_own_word_for_its_groups_is_the_briefs(tmp_path):
    """'Theme' over a customer strategy's actions: the brief said 'Progress by group' and 'grouped by group'."""
    path = _one_sheet(tmp_path / "plan.xlsx", "Action Plan", [
        ["Customer Experience Strategy - Action Plan monitoring, Quarter 3 2024/25"], [],
        ["Theme", "Ref", "Action", "Lead officer", "Timescale", "Status"],
        ("Digital by choice", "CX1", "Launch customer portal", "Head of Digital", dt.datetime(2024, 9, 30), "Completed"),
        (None, "CX2", "Add council tax e-billing", "Revenues Manager", dt.datetime(2024, 10, 31), "Delayed"),
        ("Right first time", "CX3", "Train advisers in first-contact resolution", "HR Manager", dt.datetime(2025, 3, 31), "On track")])
    assert read_actions(path).attrs["group_noun"] == "theme"
