"""Due dates typed as officers type them: '31.07.24' and '31-07-24' were read as the quarter they fall in (30/09/2024),
with no word; 'End of September 2024' was refused with no line that could fix it."""

from __future__ import annotations

import datetime as dt

import pytest
from layout_builders import SheetSpec, day, write_workbook

import perfkit


@pytest.mark.parametrize("typed, due", [("31.07.24", dt.date(2024, 7, 31)), ("31-07-24", dt.date(2024, 7, 31)),
                                        ("31/07/24", dt.date(2024, 7, 31)), ("End of September 2024", dt.date(2024, 9, 30)),
                                        ("by end Sept 2024", dt.date(2024, 9, 30)),
                                        # a parish council's log: the ordinal day was dropped and the quarter's end read, silently
                                        ("31st July 2024", dt.date(2024, 7, 31)), ("2nd September 2024", dt.date(2024, 9, 2)),
                                        ("22nd Jan 2025", dt.date(2025, 1, 22)), ("Wednesday 31 July 2024", dt.date(2024, 7, 31)),
                                        ("15th of July 2024", dt.date(2024, 7, 15)), ("31 July, 2024", dt.date(2024, 7, 31))])
def test_a_due_date_typed_in_text_is_that_day(tmp_path, typed, due):
    rows = [["Council Plan milestones, Quarter 2 2024/25"], ["Ref", "Milestone", "When", "Q2 RAG"],
            ["CP1", "Open the hub", typed, "Amber"], ["CP2", "Adopt the plan", "31/03/2025", "Green"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert ms.set_index("milestone_id").loc["CP1", "due_date"].date() == due


def test_a_day_that_is_no_date_is_refused_never_read_as_a_quarter():
    from perfkit.read.engine import parse_date

    assert parse_date("31.02.24")[1] == "text"
    assert parse_date("July 15, 2024")[1] == "text"  # a day and a month: never the quarter the month falls in


def test_an_audit_trackers_agreed_date_is_the_due_date_and_its_title_names_the_quarter(tmp_path):
    """'Agreed Date | Revised Date' in an audit follow-up tracker: the agreed date was 'not used', so seven of ten actions
    had no due date and 'No actions are overdue'; the title's committee month also stopped it naming its quarter."""
    from layout_builders import day

    rows = [["Internal Audit follow-up: position at 30 September 2024, Audit Committee November 2024"], [],
            ["Audit", "Rec No.", "Recommendation", "Priority", "Agreed Date", "Revised Date", "Status"],
            ["Procurement Cards", 1, "Review card limits", "High", day(2024, 4, 30), None, "In progress"],
            ["Payroll", 1, "Reconcile starters", "Medium", day(2024, 6, 30), day(2024, 12, 31), "In progress"],
            ["Council Tax", 1, "Chase arrears", "Low", day(2025, 1, 31), None, "Not started"]]
    path = write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Follow Up", rows)])
    acts = perfkit.read_actions(path)
    assert str(acts["period"].iloc[0]) == "2025Q2"
    due = dict(zip(acts["action"], acts["due_date"].dt.date))
    assert due == {"Review card limits": dt.date(2024, 4, 30), "Reconcile starters": dt.date(2024, 12, 31), "Chase arrears": dt.date(2025, 1, 31)}


def test_a_shared_services_council_column_is_kept_with_each_action(tmp_path):
    """A shared internal audit service's tracker: its 'Council' column was read, then dropped without a word."""
    from layout_builders import day

    rows = [["Shared Internal Audit Service: follow-up, position as at 30 September 2024"], [],
            ["Council", "Audit", "Rec No.", "Agreed action", "Responsible officer", "Original implementation date", "Status"],
            ["Northton BC", "Payroll 2023/24", 1, "Reconcile starters", "HR Manager", day(2024, 3, 31), "Implemented"],
            ["Southby DC", "Procurement", 1, "Review card limits", "Finance Manager", day(2024, 6, 30), "In progress"]]
    path = write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Follow-up tracker", rows)])
    acts = perfkit.read_actions(path)
    assert acts["area"].tolist() == ["Northton BC", "Southby DC"]


def _shared_service_tracker(tmp_path):
    from layout_builders import day

    rows = [["Shared Internal Audit Service: follow-up, position as at 30 September 2024"], [],
            ["Council", "Audit", "Rec No.", "Agreed action", "Agreed Date", "Status"],
            ["Northtown", "Payroll", 1, "Reconcile starters", day(2024, 6, 30), "Implemented"],
            ["Northtown", "Payroll", 2, "Review leavers", day(2024, 12, 31), "In progress"],
            ["Southvale", "Cards", 1, "Review card limits", day(2024, 7, 31), "Not started"],
            ["Eastmoor", "Tax", 1, "Chase arrears", day(2024, 5, 31), "Implemented"]]
    return write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Follow-up tracker", rows)])


def test_a_shared_services_tracker_is_counted_by_council_with_by(tmp_path, capsys):
    """'--by Council' on a shared audit service's tracker was refused ('an action plan is reported in its own groups'),
    though the reading's own note offered it. The plan is now counted by its councils, and a column it lacks is refused
    naming those it has."""
    import json

    from perfkit.cli import main

    path = _shared_service_tracker(tmp_path)
    assert main(["summary", str(path), "--by", "Council", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["actions"]["per_group"]
    assert {g: (v["total"], v["complete"]) for g, v in groups.items()} == {"Northtown": (2, 1), "Southvale": (1, 0), "Eastmoor": (1, 1)}
    assert main(["summary", str(path), "--by", "Council"]) == 0
    assert "By council:\n  Northtown: 1 of 2 still required complete (50%)" in capsys.readouterr().out
    assert main(["summary", str(path), "--by", "Budget"]) != 0
    err = capsys.readouterr().err
    assert "cannot group the action plan by 'Budget'" in err and "Group by one of: group, area" in err


def test_the_briefings_action_section_shows_progress_by_council_and_each_overdue_actions_own_audit(tmp_path):
    from perfkit.present.actions import actions_section

    page = actions_section(perfkit.read_actions(_shared_service_tracker(tmp_path)), "2024/25 Q2", by="Council")
    assert "<h3>Progress by council</h3>" in page
    overdue = page[page.index("Overdue actions at the end"):]
    assert '<th scope="col">Audit</th>' in overdue and "Cards" in overdue


def test_a_timescale_of_years_is_due_at_its_end_and_said(tmp_path):
    """A national park plan's `Timescale` column (2024-2027, 2023-26, 2024-25, 2024) was refused as 'not a date' (though
    2024-25 alone was read, unsaid, as 31/03/2025): each is now due at the end of the years it spans, and said."""
    rows = [["National Park Partnership Plan - progress Apr-Jun 2024"],
            ["Ref", "Action", "Partner lead", "Timescale", "Q1 2024/25 status"],
            ["NP1", "Restore peat bogs", "Park Authority", "2024-2027", "Green"],
            ["NP2", "Improve rights of way", "County Council", "2023-26", "Amber"],
            ["NP3", "Dark skies programme", "Park Authority", "2024-25", "Green"],
            ["NP4", "Visitor survey", "Park Authority", "2024", "Green"],
            ["NP5", "Ranger recruitment", "Park Authority", "Apr 2024 – Sep 2024", "Green"]]
    path = write_workbook(tmp_path / "park.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert [d.strftime("%d/%m/%Y") for d in ms["due_date"]] == ["31/03/2027", "31/03/2026", "31/03/2025", "31/12/2024", "30/09/2024"]
    said = {p.source: p.message for p in ms.attrs["problems"] if p.column == "due_date"}
    assert said["Plan!D3"] == "due date '2024-2027' read as 31/03/2027, the end of the time it spans"
    assert said["Plan!D6"] == "due date '2024' read as 31/12/2024, the end of the calendar year"


def test_asap_as_a_due_date_is_read_with_a_note_and_the_other_actions_overdue_stand(tmp_path):
    """A town council's action log with one deadline 'ASAP': refused, and the refusal's line ('Deadline' = "ignore") made
    the brief say no action was overdue when three were. 'ASAP' is now no date, with a note that says it is not counted
    overdue (a warning held the brief, and nothing in perfkit.toml could clear it); the rest are read."""
    rows = [["Ashcombe Town Council - action log, September 2024"], ["Minute ref", "Action", "Who", "Deadline", "Status"],
            ["FC/24/019", "Order the new noticeboard", "Clerk", dt.date(2024, 7, 31), "In progress"],
            ["FC/24/020", "Repair the bus shelter", "Clerk", dt.date(2024, 9, 6), "In progress"],
            ["FC/24/021", "Write to the highways authority", "Chair", "ASAP", "In progress"],
            ["FC/24/022", "Book the hall for the AGM", "Clerk", dt.date(2025, 3, 31), "Done"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)]))
    assert acts["due_date"].isna().tolist() == [False, False, True, False]
    assert not [p for p in acts.attrs["problems"] if p.severity == "warning"]
    said = [p for p in acts.attrs["problems"] if p.source == "Action Log!D5"]
    assert said and "is not counted overdue: give the date it was agreed for" in said[0].message
    from perfkit.analyse.attention import overdue
    assert acts[overdue(acts, "2024/25 Q2")]["action_id"].tolist() == ["FC/24/019", "FC/24/020"]


def test_a_plan_with_no_due_dates_never_says_none_is_overdue(tmp_path):
    """With its deadline column set aside, the brief said 'No actions are overdue' and the JSON listed none."""
    from perfkit.analyse.actions import action_summary
    from perfkit.present import narrative

    rows = [["Action log, September 2024"], ["Minute ref", "Action", "Who", "Status"],
            ["FC/24/019", "Order the new noticeboard", "Clerk", "In progress"], ["FC/24/022", "Book the hall for the AGM", "Clerk", "Done"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)]), period="2024/25 Q2")
    s = action_summary(acts)
    assert s.to_dict()["overdue"] is None and "no due dates" in s.to_dict()["overdue_rule"]
    assert narrative.overdue_paragraph(s) == "The plan gives no due dates, so none of its actions can be counted overdue."


@pytest.mark.parametrize("typed", ["Quarterly from July 2024", "Monthly until March 2025", "Each quarter from Q2", "Every month, starting Sept 2024"])
def test_a_recurring_timescale_is_no_due_date_and_the_others_overdue_stand(tmp_path, typed):
    """An ILACS improvement plan's 'Quarterly from July 2024' refused the whole plan, and the line it gave
    ('Timescale' = "ignore") lost every due date: three actions overdue became none. A recurring timescale has no one
    date: it is read as none, like 'Ongoing', and the other actions' dates stand."""
    from perfkit.analyse.attention import overdue

    rows = [["Children's Services Improvement Plan - October 2024 update"],
            ["Ref", "Action", "Lead", "Timescale", "September 2024"],
            ["1.1", "Audit every assessment over 45 days", "Head of Service", "August 2024", "A"],
            ["1.2", "Report caseloads to the Improvement Board", "Head of Service", typed, "G"],
            ["1.3", "Refresh the supervision policy", "Principal Social Worker", "March 2025", "G"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Improvement Plan", rows)]))
    assert not [p for p in acts.attrs["problems"] if p.severity == "error"]
    assert acts["due_date"].isna().tolist() == [False, True, False]
    assert acts[overdue(acts, "2024/25 Q2")]["action_id"].tolist() == ["1.1"]


def test_one_due_date_that_is_no_date_among_dates_asks_for_the_cell_never_the_column_set_aside(tmp_path):
    """'Summer 2024' among a plan's dates: the refusal offered "Target date" = "ignore", which would lose every due date
    and the overdue list with them; the fix is the one cell."""
    rows = [["Delivery plan 2024/25 - Quarter 2"], ["Ref", "Milestone", "Lead", "Target date", "Q2 status"],
            ["M1", "Open the hub", "Head of Service", day(2024, 6, 30), "Green"],
            ["M2", "Adopt the strategy", "Head of Policy", "Summer 2024", "Amber"],
            ["M3", "Launch the scheme", "Head of Housing", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "plan_q2.xlsx", [SheetSpec("Plan", rows)])
    with pytest.raises(perfkit.ValidationError) as caught:
        perfkit.read_milestones(path)
    said = str(caught.value)
    assert "Plan!D4: due date 'Summer 2024' is not a date: write the date it stands for in the cell" in said
    assert "the column's other due dates are read" in said and '"ignore"' not in said


def test_asap_on_an_action_already_done_is_no_warning(tmp_path):
    """'ASAP' against an action the clerk marked Complete ('Repaired 2 May'): warned that it is never counted overdue, with
    a date to type that appears nowhere in the log, which held the brief though whether it was late cannot arise."""
    rows = [["Ashcombe Town Council - action log, September 2024"], ["Minute ref", "Action", "Who", "Deadline", "Status", "Update"],
            ["FC/24/018", "Repair the bus shelter glass", "Clerk", "ASAP", "Complete", "Repaired 2 May."],
            ["FC/24/019", "Order the new noticeboard", "Clerk", dt.date(2024, 7, 31), "In progress", None],
            ["FC/24/021", "Write to the highways authority", "Chair", "ASAP", "In progress", None]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)]))
    said = [p.source for p in acts.attrs["problems"] if p.column == "due_date" and "counted overdue" in p.message]
    assert said == ["Action Log!D5"]  # the action not yet done still asks for its date


@pytest.mark.parametrize("typed, due", [("Summer term 2025", dt.date(2025, 7, 31)), ("Autumn term 2024", dt.date(2024, 12, 31)),
                                        ("Spring term 2025", dt.date(2025, 3, 31)), ("Summer term 2024/25", dt.date(2025, 7, 31)),
                                        ("By the end of the autumn term 2024/25", dt.date(2024, 12, 31))])
def test_a_school_term_is_due_by_the_end_of_the_month_it_ends_in_said(tmp_path, typed, due):
    """A SEND improvement plan's 'Summer term 2025' was refused as no date, with no line to type."""
    rows = [["SEND priority action plan, progress at March 2025"], ["Ref", "Action", "Due", "March 2025 RAG"],
            ["1.1", "Publish the local offer", typed, "Amber"], ["1.2", "Train SENCOs", "31/03/2025", "Green"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)]))
    assert ms.set_index("milestone_id").loc["1.1", "due_date"].date() == due
    assert any("the end of the month the term ends in" in p.message for p in ms.attrs["problems"])


def test_a_second_revised_date_is_the_due_date_where_a_row_gives_one(tmp_path):
    """'Original date | Revised date (1) | Revised date (2)': only the first revision was read, so an action moved twice, to
    31/03/2025, was briefed as 92 days overdue, and the second column was 'not used by perfkit'."""
    rows = [["Audit recommendations tracker - position at 31 December 2024"],
            ["Ref", "Audit report", "Recommendation", "Priority", "Original date", "Revised date (1)", "Revised date (2)", "Status"],
            ["AR01", "Payroll", "Reconcile payroll monthly", "High", day(2024, 6, 30), day(2024, 9, 30), day(2025, 3, 31), "Partially implemented"],
            ["AR02", "Procurement", "Review supplier set-up", "Medium", day(2024, 6, 30), day(2024, 9, 30), None, "Not implemented"],
            ["AR03", "IT assets", "Tag IT assets", "Low", day(2024, 9, 30), None, None, "Implemented"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Recommendations", rows)]))
    assert [str(d.date()) for d in acts["due_date"]] == ["2025-03-31", "2024-09-30", "2024-09-30"]
    said = [p.message for p in acts.attrs["problems"]]
    assert not any("'Revised date (2)' is not used" in m for m in said)
    assert any("'Revised date (1)' (F) or 'Revised date (2)' (G) is the due date where one is given" in m for m in said)


def test_revised_date_1_and_2_written_without_brackets_are_read_too(tmp_path):
    """'Revised date 1 | Revised date 2': neither read (only '(1)' and '(2)' were), overdue counted from the original dates,
    five listed where three were, and 'Nothing to check'."""
    rows = [["Audit recommendations tracker - position at 31 December 2024"],
            ["Audit", "Rec no.", "Recommendation", "Original implementation date", "Revised date 1", "Revised date 2", "Status"],
            ["Payroll", 1, "Update overtime policy", day(2024, 3, 31), day(2024, 9, 30), day(2025, 3, 31), "Partially implemented"],
            ["Payroll", 2, "Reconcile starters monthly", day(2024, 6, 30), day(2024, 10, 31), None, "Not implemented"],
            ["IT", 1, "Tag IT assets", day(2024, 6, 30), None, None, "Implemented"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Tracker", rows)]))
    assert [str(d.date()) for d in acts["due_date"]] == ["2025-03-31", "2024-10-31", "2024-06-30"]
    assert not any("is not used" in p.message and "Revised date" in p.message for p in acts.attrs["problems"])


def test_an_end_column_beside_start_is_the_due_date(tmp_path):
    """A town council's project list, `Project | Start | End | Status`: 'End' was 'not used by perfkit', so the list had
    no due dates and no overdue projects."""
    rows = [["Ashbury Town Council - Projects, position at 31 December 2024"],
            ["Ref", "Project", "Start", "End", "Status"],
            ["1", "Bus shelter repairs", day(2024, 4, 1), day(2024, 9, 30), "Green"],
            ["2", "Allotment water supply", day(2024, 6, 1), day(2025, 3, 31), "Green"],
            ["3", "Defibrillator at the square", day(2024, 5, 1), day(2024, 7, 31), "Complete"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "projects.xlsx", [SheetSpec("Projects", rows)]))
    assert ms["due_date"].notna().all()
    assert not any("'End' is not used" in p.message for p in ms.attrs["problems"])
