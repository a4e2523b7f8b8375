"""A town council's action log kept for Full Council: 'Min Ref | Action | Who | By when | Done? | Notes', answered Yes /
No / Part done, titled 'As at Full Council meeting, 24 September 2024' (refused: no header, no quarter, unknown words)."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main


def test_a_done_question_answered_yes_or_no_reads_as_complete_or_not(tmp_path, capsys):
    rows = [["Anyshire Town Council - Full Council Action Log"], ["As at Full Council meeting, 24 September 2024"], [],
            ["Min Ref", "Action", "Who", "By when", "Done?", "Notes"],
            ["FC23/101", "Obtain quotes for bus shelter repair", "Clerk", day(2024, 5, 31), "Yes", "Three quotes to Sept meeting."],
            ["FC24/012", "Arrange play area inspection", "Clerk", day(2024, 7, 31), "Part done", "Two sites left."],
            ["FC24/020", "Upload minutes to website", "Deputy Clerk", "Ongoing", "Ongoing", "Each month."],
            ["FC24/031", "Book Christmas lights contractor", "Cllr Jones", day(2024, 9, 30), "No", "Chasing."],
            ["FC24/047", "Advertise community grants", "Clerk", day(2024, 10, 31), "No", None]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action log", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024/25 Q2"
    a = doc["actions"]
    # the log is a position at the meeting of 24 September: FC24/031, due on the 30th, was not yet late then
    assert a["total"] == 5 and a["complete"] == 1 and a["overdue"] == ["FC24/012"]
    assert a["overdue_rule"].startswith("due before 24/09/2024")
    assert {k: v for k, v in a["by_status"].items() if v} == {"Complete": 1, "On track": 2, "Not started": 2}


def test_a_deadline_in_a_title_is_still_no_quarter():
    from perfkit.read.layout import month_named

    assert month_named("Please return by 15 October 2024") is None


def test_a_quarters_last_day_wins_over_the_meeting_it_was_reported_to():
    """'position at 30 September 2024, for the Board of 8 October 2024': both dates were taken, so no quarter was named."""
    from perfkit.read.layout import month_named

    for title in ("Milestone log: position at 30 September 2024, for the Board of 8 October 2024",
                  "Position as at 30 September 2024 (reported to Full Council, 14 October 2024)"):
        assert month_named(title)[1].label == "2024/25 Q2", title


def test_progress_columns_of_the_councils_own_words_are_offered_as_statuses(tmp_path, capsys):
    """'Progress at March 2024 | Progress at September 2024' over Underway, Done, Stuck: refused as a header perfkit could
    not find, offering the columns as commentary."""
    rows = [["Anytown Town Council - Town Plan actions"], ["Progress report to Full Council, October 2024"], [],
            ["No.", "Theme", "What we will do", "By when", "Progress at March 2024", "Progress at September 2024"],
            [1, "Environment", "Install litter bins", day(2024, 5, 31), "Underway", "Done"],
            [2, "Environment", "Plant verges", day(2024, 6, 30), "Underway", "Stuck"],
            [3, "Community", "Refurbish the memorial", day(2024, 10, 31), "Underway", "Underway"],
            [4, "Community", "Hold a youth forum", day(2025, 3, 31), "Stuck", "Underway"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Town Plan Actions", rows)])
    main(["validate", str(path)])
    err = capsys.readouterr().err
    assert '"Progress at September 2024" = "status@2024/25 Q2"' in err and "Underway" in err, err


def test_a_sheet_naming_no_year_takes_the_one_on_the_cover(tmp_path):
    """'Status Q1 | Status Q2' on a Milestones sheet whose title names no year, under a cover titled 'Quarter 2 2024/25':
    refused for want of a year the workbook gives on its first page."""
    import perfkit

    cover = [["Anyshire Council"], ["Quarterly Performance Report - Quarter 2 2024/25"]]
    rows = [["Council Plan milestones"], ["Ref", "Milestone", "Due date", "Status Q1", "Status Q2"],
            ["M1", "Open the hub", day(2025, 3, 31), "On track", "Some slippage"], ["M2", "Adopt the plan", day(2024, 12, 31), "On track", "On track"]]
    path = write_workbook(tmp_path / "report.xlsx", [SheetSpec("Cover", cover), SheetSpec("Milestones", rows)])
    ms = perfkit.read_milestones(path)
    assert set(ms["period"].astype(str)) == {"2025Q1", "2025Q2"}


def test_a_town_councils_progress_column_of_in_progress_and_completed_is_an_action_plans_status(tmp_path, capsys):
    """`Theme | Action | Responsibility | Target date | Progress | Notes`, Progress holding Completed / In progress / Not
    started: 'In progress' is an action's word (on track), not a RAG tracker's. The header was judged with the RAG
    scale alone, no status column was found, and the sheet was refused as a tracker with no header, offering
    `"Progress" = "commentary"`."""
    rows = [["Hallsworth Town Council"], ["Town Council Action Plan 2024-2028: progress at 30 September 2024"], [],
            ["Theme", "Action", "Responsibility", "Target date", "Progress", "Notes"],
            ["Community", "Refurbish the play area", "Town Clerk", day(2024, 7, 31), "Completed", None],
            [None, "Install a defibrillator", "Deputy Clerk", day(2024, 6, 30), "In progress", None],
            [None, "Support the Warm Spaces scheme", "Community Officer", day(2025, 3, 31), "Not started", None],
            ["Environment", "Plant wildflower verges", "Amenities Committee", day(2024, 5, 31), "Completed", None],
            [None, "Replace the Christmas lights", "Town Clerk", day(2024, 11, 30), "In progress", None],
            [None, "Adopt a climate action plan", "Full Council", day(2024, 9, 24), "In progress", None]]
    path = write_workbook(tmp_path / "town.xlsx", [SheetSpec("Action Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert (doc["total"], doc["complete"]) == (6, 2)
    assert {s: n for s, n in doc["by_status"].items() if n} == {"Complete": 2, "On track": 3, "Not started": 1}
    assert doc["overdue"] == ["A002", "A006"]


def test_done_doing_to_do_under_a_header_that_lists_them_is_the_status(tmp_path, capsys):
    """`Done / Doing / To do` heads a column of those words: the header lists the statuses, so the column is the status
    (it was warned of as a header saying more than perfkit understands, and the plan refused). Doing is in progress,
    To do not started; a plan with no groups has none in the summary (it had one named '')."""
    rows = [["Anytown Town Council - Annual Action Plan 2024-25"], ["Progress at 30 September 2024"], [],
            ["No.", "What", "Who", "By when", "Done / Doing / To do", "Notes"],
            [1, "Refurbish the bus shelter", "Town Clerk", day(2024, 6, 30), "Done", None],
            [2, "Christmas lights switch-on", "Events Committee", day(2024, 11, 30), "Doing", None],
            [3, "Allotment water repairs", "Deputy Clerk", day(2024, 8, 31), "Doing", None],
            [4, "Neighbourhood Plan consultation", "NP Working Group", day(2025, 2, 28), "To do", None],
            [5, "Install a defibrillator", "Deputy Clerk", day(2024, 9, 24), "To do", None]]
    path = write_workbook(tmp_path / "town.xlsx", [SheetSpec("Action Plan 24-25", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert {s: n for s, n in doc["by_status"].items() if n} == {"Complete": 1, "On track": 2, "Not started": 2}
    assert doc["overdue"] == ["3", "5"] and doc["per_group"] == {}


def test_a_data_row_is_never_taken_for_the_header(tmp_path, capsys):
    """A grants log whose header perfkit cannot read (`Started? | Finished?` Yes/No): its seventh row, with dates under
    its dates and 'No' under 'No', was taken for the header ('"No" = "milestone_id"', dates as quarters), and the
    refusal sent the officer to map a project's name as an area. The refusal now offers the real header row."""
    rows = [["Anyshire Town Council - Grant Funded Projects Log 2024-25"], ["Updated for Full Council, October 2024"], [],
            ["Project", "Funder", "Grant awarded (£)", "Start date", "Due to finish", "Started?", "Finished?", "Clerk's update"],
            ["Play area refurbishment", "District Council", 25000, day(2024, 4, 1), day(2024, 7, 31), "Yes", "Yes", "Opened"],
            ["Defibrillator at village hall", "Parish precept", 3500, day(2024, 5, 1), day(2024, 6, 30), "Yes", "Yes", None],
            ["Community orchard", "Woodland Trust", 5000, day(2024, 9, 1), day(2025, 3, 31), "Yes", "No", "Ground prepared"],
            ["War memorial repair", "War Memorials Trust", 12000, day(2024, 6, 1), day(2024, 9, 30), "Yes", "No", "Delayed"],
            ["Christmas lights upgrade", "UKSPF", 8000, day(2024, 10, 1), day(2024, 11, 30), "No", "No", None]]
    path = write_workbook(tmp_path / "grants.xlsx", [SheetSpec("Projects", rows)])
    assert main(["validate", str(path)]) != 0
    said = "".join(capsys.readouterr())
    assert "header_row = 4" in said and '"Project" = "title"' in said, said
    assert "Community orchard" not in said and "milestone_id" not in said, said


def _log_with_fills(folder, statuses, fills):
    rows = [["Ashcombe Town Council - Full Council action log"], ["Updated after the meeting of 24 September 2024"], [],
            ["Meeting", "Minute", "Action", "Officer / Cllr", "Target date", "Progress / notes", "Status"]]
    dues = [day(2024, 6, 30), "Next meeting", day(2024, 8, 31), "By the next Full Council", day(2024, 12, 31), day(2024, 9, 1)]
    for n, (status, due) in enumerate(zip(statuses, dues * 3)):
        rows.append([day(2024, 5, 21), f"FC/24/{40 + n:03d}", f"Action {n + 1}", "Clerk", due, None, status])
    cells = {f"G{5 + n}": fills[s] for n, s in enumerate(statuses) if s in fills}
    return write_workbook(folder / "action_log.xlsx", [SheetSpec("Action log", rows, fills=cells)])


# Excel's Good, Neutral and Bad cell colours, as a clerk applies them to the log's own words
GOOD_NEUTRAL_BAD = {"Done": "C6EFCE", "In hand": "FFEB9C", "Not started": "FFC7CE"}


def test_a_due_date_at_the_next_meeting_is_no_date_and_never_overdue_said_once_per_cell(tmp_path, capsys):
    """'Next meeting' in the due-date column stopped the read: 'is not a date (write it like 31/03/2024)'."""
    path = _log_with_fills(tmp_path, ["Done", "In hand", "Not started", "In hand", "Done", "Not started"], {})
    assert main(["summary", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    a = json.loads(captured.out)["actions"]
    assert a["total"] == 6 and a["overdue"] == ["FC/24/042", "FC/24/045"]
    said = {(p.source, p.message) for p in perfkit.validate(path)}
    for cell, typed in (("E6", "Next meeting"), ("E8", "By the next Full Council")):
        # the log is dated at a meeting: the next one comes after it, so each is a note, never a warning
        assert sum(src == f"Action log!{cell}" and f"due date '{typed}' names a meeting after the day the sheet is dated" in m
                   for src, m in said) == 1


def test_done_in_a_green_cell_agrees_and_in_hand_in_a_yellow_one_is_still_said(tmp_path):
    """Done in green, In hand in yellow, Not started in red (Excel's Good, Neutral and Bad colours): 'Done' was warned as
    'typed in a cell filled On track', though finished items are often green. In hand in yellow may mean At risk, but
    Excel's neutral style on every 'In hand' is the workbook's styling of the word: read as the word says and said once,
    with the line that says otherwise (it was a warning on each cell, holding the brief)."""
    statuses = ["Done", "In hand", "Not started", "In hand", "Done", "In hand", "Deferred"]
    acts = perfkit.read_actions(_log_with_fills(tmp_path, statuses, GOOD_NEUTRAL_BAD))
    assert acts["status"].astype(str).tolist() == ["Complete", "On track", "Not started", "On track", "Complete", "On track", "Deferred"]
    assert not [p for p in acts.attrs["problems"] if p.severity == "warning" and "cell filled" in p.message]
    (said,) = [p for p in acts.attrs["problems"] if "only roughly says" in p.message]
    assert said.source == "Action log!G6:G10" and 'put "In hand" = "At risk" under [status.words]' in said.message


def test_a_log_as_reported_to_a_board_is_dated_that_day_and_open_may_be_given_as_a_status(tmp_path, capsys):
    """'RAID log - as reported to Programme Board, 17 September 2024' named no quarter, so the log was refused; and
    '"Awaiting supplier" = "Open"' under [status.words], which init offers for an action log, was refused by validate."""
    rows = [["RAID log - as reported to Programme Board, 17 September 2024"],
            ["Ref", "Action", "Owner", "Due date", "Status"],
            ["A01", "Sign the contract", "Programme Manager", day(2024, 9, 6), "Open"],
            ["A02", "Agree the data plan", "Data Lead", day(2024, 9, 27), "Awaiting supplier"],
            ["A03", "Train the staff", "HR Lead", day(2024, 8, 30), "Complete"]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Actions", rows)])
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Awaiting supplier" = "Open"\n')
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["period"] == "2024/25 Q2" and a["overdue"] == ["A01"] and a["by_status"]["Open"] == 2
    assert a["overdue_rule"].startswith("due before 17/09/2024")


def test_next_meeting_in_a_log_dated_at_a_meeting_is_not_late_then(tmp_path):
    """A log 'as at Full Council meeting, 14 October 2024' with due dates 'Next meeting' and 'Next P&R': each was a
    warning blocking the brief, though the next meeting comes after the day the log is dated."""
    rows = [["Anytown Town Council - action log"], ["As at Full Council meeting, 14 October 2024"],
            ["Min ref", "Action", "Who", "Deadline", "Status"],
            ["24/085", "Repair the bus shelter", "Clerk", day(2024, 9, 30), "Outstanding"],
            ["24/097", "Report on grants", "RFO", "Next meeting", "In progress"],
            ["24/101", "Review the standing orders", "Clerk", "Next P&R", "In progress"]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [p.message for p in report]
    assert sum("names a meeting after the day the sheet is dated (14/10/2024)" in p.message for p in report) == 2


def _clerks_log(tmp_path, archive_rows):
    head = ["Minute No.", "Meeting", "Date of meeting", "Action required", "Responsible", "Deadline"]
    rows = [["Ashby Parva Town Council"], ["Action log – updated 12 September 2024"], [], [*head, "Status", "Update / comments"],
            ["FC24/012", "Full Council", day(2024, 4, 16), "Obtain quotes for a bus shelter", "Clerk", day(2024, 5, 31), "Complete", None],
            ["FC24/033", "Full Council", day(2024, 5, 21), "Arrange a tree survey", "Deputy Clerk", day(2024, 7, 31), "In progress", "Booked."],
            ["FC24/041", "Full Council", day(2024, 6, 18), "Investigate defibrillator grants", "Cllr Jones", day(2024, 8, 31), "Outstanding", None],
            ["P&R24/07", "Policy & Resources", day(2024, 7, 2), "Review Standing Orders", "Clerk", day(2024, 10, 31), "In progress", None],
            ["FC23/101", "Full Council", day(2024, 3, 19), "Publish the minutes monthly", "Clerk", "Ongoing", "Ongoing", None]]
    archive = [["Completed actions (archive)"], [], [*head, "Date completed"], *archive_rows]
    return write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows), SheetSpec("Completed", archive)])


def test_a_completed_archive_repeating_the_logs_header_is_said_to_be_one_not_warned_of(tmp_path, capsys):
    """The clerk's 'Completed' tab (the log's header with 'Date completed' in place of its status) held the brief as an
    unread tracker; it is an archive, said with its dates, and the log's own figures are unchanged."""
    done = [["FC23/088", "Full Council", day(2023, 10, 17), "Install a noticeboard", "Clerk", day(2023, 12, 31), day(2023, 12, 15)],
            ["FC24/002", "Full Council", day(2024, 1, 16), "Re-declare pensions", "RFO", day(2024, 2, 29), day(2024, 2, 20)]]
    path = _clerks_log(tmp_path, done)
    assert main(["validate", str(path)]) == 0
    err = "".join(capsys.readouterr())
    assert "0 warnings" in err and "an archive of 2 completed actions" in err and "15/12/2023 to 20/02/2024" in err, err
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["total"] == 5 and a["complete"] == 1 and a["overdue"] == ["FC24/033", "FC24/041"]
    # a row with no completion date is no archive's: the tab is still warned of
    path = _clerks_log(tmp_path, [*done, ["FC24/005", "Full Council", day(2024, 3, 19), "Book a venue", "Clerk", day(2024, 4, 30), None]])
    main(["validate", str(path)])
    err = "".join(capsys.readouterr())
    assert "looks like a tracker" in err and "archive" not in err, err


def test_in_progress_and_ongoing_are_said_in_the_plans_words_never_on_track(tmp_path, capsys):
    """'In progress' beside the same action shown overdue was '5 are on track': the log never said on track."""
    path = _clerks_log(tmp_path, [])
    assert main(["summary", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 are in progress or ongoing" in out and "on track" not in out, out


def test_figures_by_month_with_nothing_to_judge_them_by_are_context_not_an_unread_tracker(tmp_path, capsys):
    kpis = [["Leisure contract KPI return, Q2 2024/25"], [], ["Ref", "KPI", "Polarity", "Target", "Q2 actual"],
            ["LK01", "Visits", "Higher", 90000, 95000], ["LK02", "Swim lessons", "Higher", 1500, 1400],
            ["LK03", "Complaints", "Lower", 10, 8]]
    visits = [["Visits by site, April – September 2024"], [], ["Site", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Total"],
              ["Eastbrook", 41200, 43900, 42100, 47100, 49850, 40010, 264160], ["Mill Road Pool", 22012, 23120, 22876, 26043, 28640, 21900, 144591],
              ["Castle Fields", 18100, 19500, 19200, 19900, 21000, 19400, 117100], ["Total", 81312, 86520, 84176, 93043, 99490, 81310, 525851]]
    path = write_workbook(tmp_path / "return.xlsx", [SheetSpec("KPI Return", kpis), SheetSpec("Visits by site", visits)])
    assert main(["validate", str(path)]) == 0
    err = "".join(capsys.readouterr())
    assert "0 warnings" in err and "figures by period with no target, status or due date" in err, err
    # a status column among the months is a tracker's: still warned of
    visits[2][-1] = "RAG"
    path = write_workbook(tmp_path / "return2.xlsx", [SheetSpec("KPI Return", kpis), SheetSpec("Visits by site", visits)])
    main(["validate", str(path)])
    assert "figures by period" not in "".join(capsys.readouterr())


def test_carried_forward_and_awaiting_response_in_a_clerks_log_are_open_and_can_be_late(tmp_path, capsys):
    """'Awaiting response' was refused as an unknown word, and 'Carried forward' (to the next meeting) read as Deferred: an
    overdue play-area repair left the overdue list unsaid. 'In hand' was 'on track'."""
    rows = [["Ashby Parva Town Council – action log"], ["Updated 14 October 2024"], [],
            ["No.", "Action", "Who", "By", "Status"],
            [2, "Write to the County about speeding", "Clerk", day(2024, 4, 30), "Awaiting response"],
            [4, "Repaint the bus shelter", "Cllr Patel", day(2024, 9, 30), "In hand"],
            [12, "Repair the play area swings", "Clerk", day(2024, 9, 30), "Carried forward"],
            [14, "Book the Remembrance road closure", "Clerk", day(2024, 9, 1), "Done"]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["overdue"] == ["2", "4", "12"] and a["by_status"]["Open"] == 2 and a["by_status"]["Deferred"] == 0
    assert main(["summary", str(path)]) == 0
    assert "1 is done, 1 is in hand and 2 are awaiting response or carried forward" in capsys.readouterr().out  # the clerk's words
    # the clerk's own word, shown as Open, is said
    said = [p.message for p in perfkit.read_actions(path).attrs["problems"] if p.value == "Carried forward"]
    assert said == ["status 'Carried forward' read as Open on the actions scale (1 cell)"]
    # a plan's milestone carried forward to next year is still Deferred
    assert perfkit.DEFAULT_SCALE.normalise("Carried forward") == "Deferred"


def test_a_clerks_own_colour_for_a_word_is_no_disagreement_and_a_months_meeting_is_its_month(tmp_path):
    """'In hand' always filled pale yellow (the clerk's colour for it, the key under the log saying what it means) was warned
    as typed in an amber cell, once per cell;
    'Sept mtg' as a due date stopped the reading; 'Carried fwd' in blue was read as Complete by its fill."""
    rows = [["Little Hadley Parish Council"], ["Updated after the Parish Council meeting of 9 September 2024"], [],
            ["Min ref", "Action", "Who", "By when", "Done?"],
            ["24/052", "Review Standing Orders", "Clerk", day(2024, 6, 30), "Carried fwd"],
            ["24/066", "Make the website accessible", "Clerk", day(2024, 9, 30), "In hand"],
            ["24/074", "Look into grant funding", "Cllr Patel", "Sept mtg", "In hand"],
            ["24/085", "Report the bus shelter", "Clerk", day(2024, 9, 30), "Done"], [],
            ["Key: Done = completed; In hand = being worked on"]]
    fills = {"E5": "FFBDD7EE", "E6": "FFFFF2CC", "E7": "FFFFF2CC", "E8": "FFC6EFCE"}
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action log", rows, fills=fills)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    said = [p.message for p in report]
    assert any(m.startswith("every 'in hand' in this column is filled #FFF2CC (2 cells)") for m in said), said
    assert any(m.startswith("due date 'Sept mtg' read as 30/09/2024") for m in said), said
    acts = perfkit.read_actions(path).set_index("action_id")
    assert acts.loc["24/052", "status"] == "Open" and acts.loc["24/074", "due_date"].date().isoformat() == "2024-09-30"


def test_a_notes_sheet_listing_the_clerks_words_under_the_logs_status_header_is_the_key(tmp_path):
    """A Notes sheet: 'Done?' over 'Done | Completed', 'In hand | Being worked on' (filled pale yellow, as in the log): not
    read as a key, so every pale yellow 'In hand' in the log was warned as typed in an amber cell."""
    rows = [["Little Hadley Parish Council"], ["Updated after the meeting of 9 September 2024"], [],
            ["Min ref", "Action", "Who", "By when", "Done?"],
            ["24/066", "Make the website accessible", "Clerk", day(2024, 9, 30), "In hand"],
            ["24/074", "Look into grant funding", "Cllr Patel", day(2024, 10, 31), "In hand"],
            ["24/085", "Report the bus shelter", "Clerk", day(2024, 9, 30), "Done"]]
    notes = [["How to use this log"], [], ["Done?"], ["Done", "Completed"], ["In hand", "Being worked on"],
             ["Not started", "Not yet started"]]
    fills = {"E5": "FFFFF2CC", "E6": "FFFFF2CC", "E7": "FFC6EFCE"}
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action log", rows, fills=fills),
                                                  SheetSpec("Notes", notes, fills={"A4": "FFC6EFCE", "A5": "FFFFF2CC"})])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    (entry,) = [e for e in report.inventory if e.sheet == "Notes"]
    assert entry.note.startswith("a status key (Notes!A3:B"), entry.note


def test_a_boards_log_is_dated_the_day_it_was_updated_and_next_meeting_is_the_next_meeting_it_lists(tmp_path, capsys):
    """A health and wellbeing board's log 'Updated 8 January 2025 for the Board meeting on 16 January 2025': overdue was
    judged at 31 March 2025 (ten, not five); 'Next meeting' was never overdue, with a made-up date offered; 'Complete –
    recommend closure' in green was read as On track by its fill; 'In progress' always amber was warned of each time."""
    rows = [["Health and Wellbeing Board – action log"], ["Updated 8 January 2025 for the Board meeting on 16 January 2025"], [],
            ["Action no.", "Meeting", "Action", "Lead", "Due date", "Status"],
            ["HWB/24/03", day(2024, 7, 18), "Launch the PNA consultation", "Consultant", day(2024, 9, 30), "Complete – recommend closure"],
            ["HWB/24/09", day(2024, 9, 19), "Report take-up of the programme", "Consultant", "Next meeting", "In progress"],
            ["HWB/24/11", day(2024, 11, 14), "Circulate the strategy", "Consultant", day(2024, 12, 13), "Complete – recommend closure"],
            ["HWB/24/13", day(2024, 11, 14), "Publish the JSNA chapter", "JSNA Lead", day(2025, 2, 28), "In progress"],
            ["HWB/24/15", day(2024, 11, 14), "Arrange a development session", "Board Manager", "Next meeting", "Open"]]
    fills = {"F5": "FFC6EFCE", "F7": "FFC6EFCE", "F6": "FFFFEB9C", "F8": "FFFFEB9C"}
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action log", rows, fills=fills)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["overdue"] == ["HWB/24/09"] and a["overdue_rule"].startswith("due before 08/01/2025"), a
    assert a["complete"] == 2 and a["by_status"]["On track"] == 2, a["by_status"]
    said = [p.message for p in report]
    assert "due date 'Next meeting' read as 14/11/2024, the next meeting in column 'Meeting' after this action's (19/09/2024)" in said


def test_next_meeting_is_the_same_bodys_next_meeting(tmp_path):
    """'Next meeting' on a Full Council action of 16 July was read as the Planning committee's meeting of 6 August."""
    rows = [["Ashby Parva Town Council – action log"], ["Updated 12 September 2024"], [],
            ["Minute No.", "Meeting", "Date of meeting", "Action required", "Responsible", "Deadline", "Status"],
            ["FC24/052", "Full Council", day(2024, 7, 16), "Write to the Police", "Clerk", "Next meeting", "In progress"],
            ["PL24/21", "Planning", day(2024, 8, 6), "Respond to a consultation", "Clerk", day(2024, 8, 23), "Complete"],
            ["FC24/070", "Full Council", day(2024, 9, 10), "Arrange training", "Clerk", day(2024, 11, 30), "Not started"]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)])
    report = perfkit.validate(path)
    assert any(p.message.startswith("due date 'Next meeting' read as 10/09/2024, the next meeting in column 'Date of meeting'")
               for p in report), [p.message for p in report]
    # the column perfkit init asks about, answered "ignore": still the log's own meeting dates
    (tmp_path / "perfkit.toml").write_text('[sheets."Action Log".columns]\n"Date of meeting" = "ignore"\n"Meeting" = "ignore"\n')
    report = perfkit.validate(path)
    assert any(p.message.startswith("due date 'Next meeting' read as 10/09/2024") for p in report), [p.message for p in report]


def test_an_audit_log_of_open_and_closed_recommendations_is_an_action_plan(tmp_path, capsys):
    """`Action ID | Source | Recommendation / action | Owner | Date raised | Due date | Status | Date closed | Update`, a
    fire service's audit and inspection log: its one column of the recommendation and the action was read as an
    action plan's group, so only milestones fitted and `Open` was refused as no milestone status. It is the action; the
    log's Open / Closed statuses and its dates raised and closed say it is an action plan, and an action due on the
    period's last day is not yet overdue."""
    items = [("AL-001", day(2024, 3, 31), "Closed"), ("AL-002", day(2024, 6, 30), "Open"), ("AL-003", day(2024, 4, 30), "Closed"),
             ("AL-004", day(2024, 9, 30), "Open"), ("AL-005", day(2024, 7, 31), "Open"), ("AL-006", day(2024, 12, 31), "Open"),
             ("AL-007", day(2024, 8, 31), "Closed"), ("AL-008", day(2024, 9, 1), "Open")]
    rows = [["Mid-Shire Fire and Rescue Service - Internal Audit and HMICFRS Action Log"], ["Position at 30 September 2024"],
            ["Action ID", "Source", "Recommendation / action", "Owner", "Date raised", "Due date", "Status", "Date closed", "Update"]]
    rows += [[ref, "Internal Audit", f"Recommendation {ref}", "Head of Service", day(2024, 1, 15), due, status,
              day(2024, 5, 10) if status == "Closed" else None, "update"] for ref, due, status in items]
    rows += [[], ["Note: actions closed more than 12 months ago are archived to the Closed Actions sheet."]]
    path = write_workbook(tmp_path / "audit_log.xlsx", [SheetSpec("Action Log", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "milestones" not in doc and doc["period"] == "2024/25 Q2"
    a = doc["actions"]
    assert a["total"] == len(items) and a["complete"] == 3
    assert {k: v for k, v in a["by_status"].items() if v} == {"Complete": 3, "Open": 5}
    assert sorted(a["overdue"]) == ["AL-002", "AL-005", "AL-008"]  # AL-004, due on 30/09/2024, is due that day
    acts = perfkit.read_actions(path)
    said = [p.message for p in acts.attrs["problems"] if "read as actions" in p.message]
    assert said and "a log's statuses (Closed, Open)" in said[0] and "'Date raised'" in said[0]


def test_a_log_dated_within_its_quarter_is_headed_as_at_that_day(tmp_path):
    """A town council's log dated 2 October 2024 was headed 'Actions monitored quarterly, October 2024 to December 2024',
    a quarter it says nothing of after its second day."""
    from perfkit.present.actions import actions_header

    rows = [["Ashcombe Town Council – action log"], ["Updated by the Town Clerk on 2 October 2024"], [],
            ["Minute ref", "Action", "Who", "By when", "Status"],
            ["24/019", "Write to the highways authority", "Clerk", day(2024, 6, 30), "Open"],
            ["24/063", "Publish the AGAR", "RFO", day(2024, 9, 30), "Complete"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action log", rows)]))
    head = actions_header("Action plan", acts)
    assert "Actions as at 2 October 2024, the day the log is dated." in head and "December 2024" not in head


def test_a_clerks_mtg_date_gives_next_meeting_and_sept_mtg_their_days(tmp_path, capsys):
    """`Mtg date | Min. no. | Action | Who | Deadline | Status`, dated 'Updated 1 November 2024': the abbreviated header was
    no meetings column, so two 'Next meeting' actions of July and September were 'not overdue then' (silently, three of
    five overdue); 'Sept mtg' was refused as naming no year; 'Min. no.' was no reference."""
    rows = [["ASHCOMBE TOWN COUNCIL"], ["Full Council - Action Log"], ["Updated 1 November 2024"], [],
            ["Mtg date", "Min. no.", "Action", "Who", "Deadline", "Status"],
            [day(2024, 6, 12), "FC24/038", "Review Standing Orders", "Clerk", "Sept mtg", "Carried forward"],
            [day(2024, 7, 10), "FC24/047", "Chase the developer", "Clerk", "Next meeting", "Awaiting response"],
            [day(2024, 7, 10), "FC24/052", "Quotes for CCTV", "Clerk", "Oct mtg", "Open"],
            [day(2024, 9, 11), "FC24/066", "Legal advice on the lease", "Clerk", "Next meeting", "Open"],
            [day(2024, 10, 9), "FC24/075", "Order a memorial bench", "Deputy Clerk", "Next meeting", "Open"],
            [day(2024, 10, 9), "FC24/077", "Write to the PCC", "Chair", day(2024, 10, 18), "Open"]]
    path = write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["overdue"] == ["FC24/038", "FC24/047", "FC24/052", "FC24/066", "FC24/077"], a["overdue"]
    said = [p.message for p in perfkit.validate(path)]
    assert "due date 'Sept mtg' read as 11/09/2024, the meeting in column 'Mtg date' that month after this action's (12/06/2024)" in said


def test_a_months_meeting_is_the_same_bodys_meeting_that_month(tmp_path):
    """'Sept mtg' on a Full Council action was read as the Planning committee's meeting of 2 September (the first in
    September), where Full Council met on the 9th: days overdue were a week too many."""
    rows = [["Town Council action log"], ["Updated 14 October 2024"], [],
            ["Meeting", "Mtg date", "Min. no.", "Action", "Who", "Deadline", "Status"],
            ["Full Council", day(2024, 7, 8), "24/055", "Review the asset register", "Clerk", "Sept mtg", "Open"],
            ["Planning & Environment", day(2024, 9, 2), "PE24/31", "Respond to the consultation", "Clerk", day(2024, 9, 20), "Done"],
            ["Full Council", day(2024, 9, 9), "24/071", "Book the hall", "Clerk", day(2024, 11, 30), "Open"]]
    report = perfkit.validate(write_workbook(tmp_path / "log.xlsx", [SheetSpec("Action Log", rows)]))
    said = [p.message for p in report if p.message.startswith("due date 'Sept mtg'")]
    assert said and said[0].startswith("due date 'Sept mtg' read as 09/09/2024"), said


def test_a_parish_action_plans_progress_of_done_started_and_not_started_is_its_status(tmp_path):
    """'Progress' holding Done / Started / Not started: 'Started' was no word perfkit knew, so the column stayed the
    commentary and the plan was refused as a tracker whose header could not be found."""
    rows = [["Little Anyton Parish Council - Action Plan 2024-25"], ["Progress as at 30 September 2024"], [],
            ["Item", "Action", "Responsible", "By when", "Estimated cost", "Progress"],
            [1, "Replace the bench on the village green", "Clerk", "By end of June", "£450", "Done"],
            [2, "Review the emergency plan", "Cllr Hart", "By end of August", "-", "Started"],
            [3, "Repair the bus shelter", "Clerk", "By end of July", "£1,200", "Not started"],
            [4, "Publish the annual report", "Chair", "By end of March", "£150", "Started"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Action Plan", rows)]))
    assert acts["status"].astype(str).tolist() == ["Complete", "On track", "Not started", "On track"]
    assert any(p.message == "status 'Started' read as On track on the actions scale (2 cells)" for p in acts.attrs["problems"])
