"""Details of the committee's page that a blind trial of issue 22 found wrong: made-up references, equal delays, plans
with no groups, and an earlier run's appendix left beside this run's page."""

from __future__ import annotations

import datetime as dt


import perfkit
from perfkit.cli import main
from perfkit.present import actions as plan
from perfkit.present import tables
from perfkit.present.narrative import overdue_paragraph

from conftest import write_rows


def _plan(path, groups=True, refs=True):
    """An action plan at Q2 2024/25: four actions, three due on the same day in the quarter and not complete."""
    rows = [["Improvement plan: position at September 2024"], [],
            ["Ref", "Action", "Lead", "Due date", "Status"] if refs else ["Action", "Lead", "Due date", "Status"]]
    items = [("1.1", "Review the constitution", "CEO", dt.datetime(2024, 8, 30), "On track"),
             ("1.2", "Publish a forward plan", "CEO", dt.datetime(2024, 8, 30), "At risk"),
             ("2.1", "Savings programme", "S151 Officer", dt.datetime(2024, 8, 30), "Behind schedule"),
             ("2.2", "Asset review", "S151 Officer", dt.datetime(2025, 3, 31), "On track")]
    for i, (ref, action, lead, due, status) in enumerate(items):
        if groups and i in (0, 2):
            rows.append([f"Recommendation {1 if i == 0 else 2}: {'Governance' if i == 0 else 'Finance'}"])
        rows.append([ref, action, lead, due, status] if refs else [action, lead, due, status])
    return write_rows(path, rows, sheet="Plan")


def test_equal_delays_name_no_action_as_the_most_overdue(tmp_path):
    acts = perfkit.read_actions(_plan(tmp_path / "plan.xlsx"))
    text = overdue_paragraph(perfkit.action_summary(acts, "2024/25 Q2"))
    assert "most overdue" not in text
    assert "All three are 31 days past their target date of 30/08/2024: 1.1 (Review the constitution)" in text


def test_a_plan_with_no_groups_has_no_group_chart_table_or_column(tmp_path):
    acts = perfkit.read_actions(_plan(tmp_path / "plan.xlsx", groups=False))
    page = plan.actions_section(acts, "2024/25 Q2")
    assert "Progress by" not in page and "No group" not in page and "<img" not in page
    assert '<th scope="col">Group</th>' not in page and "Days overdue" in page
    appendix = plan.actions_appendix(acts, "2024/25 Q2")
    assert "grouped by" not in appendix and "Actions with no group" not in appendix


def test_made_up_references_never_reach_the_committee(tmp_path):
    acts = perfkit.read_actions(_plan(tmp_path / "plan.xlsx", refs=False))
    assert acts.attrs["generated_ids"] == ["A001", "A002", "A003", "A004"]
    page = plan.actions_section(acts, "2024/25 Q2") + plan.actions_appendix(acts, "2024/25 Q2")
    assert "A00" not in page and '<th scope="col">Ref</th>' not in page
    rows = [["Delivery plan 2024/25 Q2"], [], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["PL01", "Adopt the local plan", "Head of Planning", dt.datetime(2024, 6, 30), "Red"],
            [None, "Open the hub", "Head of Housing", dt.datetime(2025, 3, 31), "Amber"]]
    ms = perfkit.read_milestones(write_rows(tmp_path / "ms.xlsx", rows))
    fig = perfkit.quarter_figures(ms, None, "2024/25 Q2")
    html = tables.attention_table(fig.attention, "A", fig.scale, fig.extra["generated"]) + tables.milestones_table(fig, "M")
    assert "PL01" in html and "M002" not in html and "Open the hub" in html


def test_a_rerun_without_the_appendix_removes_the_last_runs_appendix(tmp_path, capsys):
    book = _plan(tmp_path / "plan.xlsx")
    argv = ["brief", str(book), "--council", "Testshire", "--out", str(tmp_path / "out"), "--date", "2024-11-05"]
    assert main([*argv, "--xlsx"]) == 0
    appendix = tmp_path / "out" / "testshire-briefing-2024-25-q2.xlsx"
    assert appendix.exists()
    assert main(argv) == 0
    assert not appendix.exists() and "removed" in capsys.readouterr().err
    other = tmp_path / "out" / "mine.xlsx"
    other.write_text("the officer's own file")
    assert main(argv) == 0 and other.exists()  # only what brief wrote, and for this briefing


def test_brief_with_its_period_replaces_an_action_plans_own_set(tmp_path):
    """The set was written by the action plan's notebook, chosen after the check against the default one: still its own."""
    book = _plan(tmp_path / "plan.xlsx")
    argv = ["brief", str(book), "--period", "2024/25 Q2", "--council", "Testshire", "--out", str(tmp_path / "out"), "--date", "2024-11-05"]
    assert main(argv) == 0
    assert main(argv) == 0  # no --force needed


def test_labelled_tactic_rows_between_actions_are_headings_without_a_warning(tmp_path):
    rows = [["Council Plan objective update: position at September 2023"], [], ["Ref", "Activity", "Lead", "Due date", "Status"],
            ["Strategy 1: Grow the local economy"], ["Tactic 1.1: Support local business"],
            ["1", "Business grants scheme", "Head of Economy", dt.datetime(2024, 3, 31), "On track"],
            ["2", "Start-up advice service", "Head of Economy", dt.datetime(2024, 3, 31), "At risk"],
            ["Tactic 1.2: Improve skills"], ["3", "Skills hub", "Head of Skills", dt.datetime(2024, 3, 31), "On track"],
            ["Tactic 1.3: Good jobs"], ["4", "Procurement charter", "Head of Procurement", dt.datetime(2024, 3, 31), "Complete"],
            ["5", "Living wage accreditation", "Head of HR", dt.datetime(2024, 3, 31), "On track"]]
    acts = perfkit.read_actions(write_rows(tmp_path / "update.xlsx", rows, sheet="Objective update"))
    assert not [p for p in acts.attrs["problems"] if p.severity == "warning"], [str(p) for p in acts.attrs["problems"]]
