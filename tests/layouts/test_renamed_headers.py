"""Renamed headers: trackers whose officers word their columns their own way, read by the headers' words and the columns' content.

Each layout is a workbook as a council keeps it (title rows, section rows, notes under the table)
whose headers are none of perfkit's phrases exactly: plurals, word order, filler words, units and
periods inside the header, abbreviations, and headers perfkit does not know at all over columns
whose content says what they hold. The truth comes from each generator's own items.

The property test at the end renames the headers of one generated tracker within their meaning
and checks that the frame read does not change.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfkit
from layout_builders import SheetSpec, Truth, day, layout, write_workbook
from perfkit.read import layout as layout_module
from perfkit.read.columns import map_header_row, read_header, split_header
from perfkit.read.vocabulary import header_words, singular, words_reading

FAMILY = "renamed headers"
RAG = ["Green", "Amber", "Red", "Green", "Complete", "Amber", "Green", "Red", "Green"]
LEADS = ["Head of Housing", "Head of Planning", "Director of Place", "Head of Waste", "Head of Parks"]
PRIORITIES = ["Homes for all", "A greener borough", "Thriving town centres"]


def _items(n: int, seed: int = 0) -> list[dict]:
    """n milestones: reference, title, lead, due date, status and commentary, spread over the priorities."""
    out = []
    for i in range(n):
        out.append({
            "ref": f"PL{i + 1:02d}",
            "title": f"Deliver milestone {i + 1} of the plan for residents",
            "lead": LEADS[(i + seed) % len(LEADS)],
            "due": day(2025, 3 if i % 2 else 1, 31 if i % 2 else 15) if i % 3 else day(2024, 12, 31),
            "status": RAG[(i + seed) % len(RAG)],
            "comment": f"Work on milestone {i + 1} is progressing as planned this quarter.",
            "priority": PRIORITIES[i * len(PRIORITIES) // n],
        })
    return out


def _counts(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _sectioned(items: list[dict], row) -> list[list]:
    """Item rows under "Priority n: ..." section rows, in the items' order."""
    rows, current = [], None
    for it in items:
        if it["priority"] != current:
            current = it["priority"]
            rows.append([f"Priority {PRIORITIES.index(current) + 1}: {current}"])
        rows.append(row(it))
    return rows


# ---------------------------------------------------------------------------------------------- layouts


@layout(FAMILY, "milestones in the officers' own words")
def build_own_words(folder: Path):
    """Plural, reordered, abbreviated and filler-laden headers over a sectioned milestone tracker."""
    items = _items(11, seed=1)
    rows = [["Council Plan 2024/25"], ["Quarter 2 monitoring report"], [],
            ["Ref. no", "Key milestones", "Officer responsible", "Target completion (date)", "Current RAG", "Latest update"]]
    rows += _sectioned(items, lambda it: [it["ref"], it["title"], it["lead"], it["due"], it["status"], it["comment"]])
    rows += [[], ["Key: R = off track, A = at risk, G = on track"], ["Source: service updates, October 2024"]]
    path = write_workbook(folder / "council_plan_monitoring.xlsx", [SheetSpec("Delivery plan", rows, merges=["A1:F1"])])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": _counts(it["status"] for it in items)},
                       {"milestones": {"lead": [it["lead"] for it in items], "priority": [it["priority"] for it in items],
                                       "due_date": [pd.Timestamp(it["due"]) for it in items]}},
                       {"milestones": ["2024/25 Q2"]})


@layout(FAMILY, "a KPI scorecard with units and years in its headers")
def build_scorecard(folder: Path):
    """``Tgt 2024/25 (%)``, ``Q1 actual 2024/25``, ``Perf. at Q2``: a measures table whose headers carry units and periods."""
    names = ["Household waste recycled", "Council tax collected", "Planning applications decided in time",
             "Calls answered within 60 seconds", "Staff sickness absence rate", "Repairs completed on time"]
    targets = [50.0, 97.5, 85.0, 80.0, 4.0, 90.0]
    q1 = [48.2, 28.1, 88.0, 76.5, 4.4, 91.0]
    q2 = [51.0, 55.9, 86.5, 79.0, 4.1, 92.5]
    rows = [["Corporate performance scorecard 2024/25"], [],
            ["Ref.", "Name of measure", "Good performance is", "Tgt 2024/25 (%)", "Q1 actual 2024/25", "Perf. at Q2",
             "Comments / update"]]
    for i, name in enumerate(names):
        rows.append([f"KPI {i + 1:02d}", name, "Lower" if "absence" in name else "Higher", targets[i], q1[i], q2[i],
                     "Commentary from the service."])
    rows += [[], ["Notes: figures are cumulative for the year where the measure says so."]]
    path = write_workbook(folder / "scorecard.xlsx", [SheetSpec("KPIs", rows)])
    return path, Truth({"measures": len(names)}, "2024/25 Q2", {},
                       {"measures": {"target": targets, "actual": q1, "name": names}},
                       {"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout(FAMILY, "a fire and rescue scorecard: 'Quarter ending 30 June 2024' columns, Minimise / Maximise, times typed 00:08:30")
def build_quarter_ending_scorecard(folder: Path):
    """Quarters named by the day they end, and a response time in hours, minutes and seconds (read in minutes)."""
    names = ["Number of primary fires", "On-call appliance availability (%)", "Average response time to dwelling fires (mm:ss)",
             "False alarms from automatic fire alarms", "Home fire safety visits completed"]
    aims = ["Minimise", "Maximise", "Minimise", "Minimise", "Maximise"]
    targets = [90, 85, "00:08:30", 300, 1500]
    q1 = [84, 78.2, "00:08:10", 290, 1410]
    q2 = [97, 81, "00:09:05", 275, 1620]
    minutes = {"00:08:30": 8.5, "00:08:10": 8 + 10 / 60, "00:09:05": 9 + 5 / 60}
    rows = [["Anyshire Fire and Rescue Service"], ["Performance scorecard - reporting year 2024/25"], [],
            ["No.", "Performance indicator", "Aim", "Target (per quarter)", "Quarter ending 30 June 2024",
             "Quarter ending 30 September 2024", "Notes"]]
    for i, name in enumerate(names):
        rows.append([f"F{i + 1}", name, aims[i], targets[i], q1[i], q2[i], None])
    path = write_workbook(folder / "frs_scorecard_q2_2024-25.xlsx", [SheetSpec("FRS scorecard", rows)])

    def value(v):
        return round(minutes[v], 4) if isinstance(v, str) else float(v)

    return path, Truth({"measures": len(names)}, "2024/25 Q2", {},
                       {"measures": {"target": [value(t) for t in targets], "actual": [value(a) for a in q1], "name": names}},
                       {"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout(FAMILY, "an action plan with abbreviated headers")
def build_action_plan(folder: Path):
    """``Resp. officers``, ``Target dates``, ``% completed``, ``Status (RAG)``: an improvement plan read as actions."""
    words = ["On track", "Complete", "Behind schedule", "On track", "Not started", "On track", "Complete"]
    groups = ["Recommendation 1: Strengthen governance", "Recommendation 2: Improve financial planning"]
    rows = [["Peer challenge improvement plan"], ["Update at Q2 2024/25"], [],
            ["Action ref", "Actions agreed", "Resp. officers", "Target dates", "% completed", "Status (RAG)", "Progress comments"]]
    progress = [40, 100, 10, 55, 0, 60, 100]
    for i, word in enumerate(words):
        if i in (0, 4):
            rows.append([groups[i // 4]])
        rows.append([f"{i // 4 + 1}.{i % 4 + 1}", f"Agree and publish action {i + 1} of the plan", LEADS[i % len(LEADS)],
                     day(2025, 3, 31), progress[i], word, "Progress is being made on this action."])
    path = write_workbook(folder / "improvement_plan.xlsx", [SheetSpec("Improvement plan", rows)])
    return path, Truth({"actions": len(words)}, "2024/25 Q2", {"actions": _counts(words)},
                       {"actions": {"progress": [float(p) for p in progress], "lead": [LEADS[i % len(LEADS)] for i in range(len(words))]}},
                       {"actions": ["2024/25 Q2"]})


@layout(FAMILY, "unknown headers read by what their columns hold")
def build_by_content(folder: Path):
    """``#``, ``Timing``, ``How it is going``: headers perfkit does not know, over references, dates and status words."""
    items = _items(8, seed=3)
    rows = [["Transformation programme: quarter 3 update 2024/25"], [],
            ["#", "Deliverables", "Lead / owner", "Timing", "How it is going", "Comments and next steps"]]
    rows += _sectioned(items, lambda it: [it["ref"], it["title"], it["lead"], it["due"], it["status"], it["comment"]])
    rows += [[], ["Prepared by the Programme Office"]]
    path = write_workbook(folder / "transformation_q3.xlsx", [SheetSpec("Programme", rows)])
    return path, Truth({"milestones": len(items)}, "2024/25 Q3", {"milestones": _counts(it["status"] for it in items)},
                       {"milestones": {"milestone_id": [it["ref"] for it in items], "due_date": [pd.Timestamp(it["due"]) for it in items],
                                       "lead": [it["lead"] for it in items], "priority": [it["priority"] for it in items]}},
                       {"milestones": ["2024/25 Q3"]})


@layout(FAMILY, "quarter columns with the period inside the words")
def build_quarters_in_words(folder: Path):
    """``RAG at Q1`` / ``Status at Q2`` and ``Milestone due date``, ``Milestone lead``: a wide tracker worded freely."""
    items = _items(9, seed=2)
    q1 = ["Green" if s != "Complete" else "Green" for s in (it["status"] for it in items)]
    rows = [["Corporate delivery plan 2024/25"], [],
            ["Milestone ref", "Milestones", "Milestone lead", "Milestone due date", "RAG at Q1", "Status at Q2", "Q2 comments"]]
    rows += _sectioned(items, lambda it: [it["ref"], it["title"], it["lead"], it["due"], q1[items.index(it)], it["status"], it["comment"]])
    path = write_workbook(folder / "corporate_delivery_plan.xlsx", [SheetSpec("Corporate plan", rows)])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": _counts(it["status"] for it in items)},
                       {"milestones": {"lead": [it["lead"] for it in items], "priority": [it["priority"] for it in items]}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


# ---------------------------------------------------------------------------------------------- the words


@pytest.mark.parametrize("kind, header, field", [
    ("milestones", "Officer responsible", "lead"),
    ("milestones", "Leads", "lead"),
    ("milestones", "Lead Officer(s)", "lead"),
    ("milestones", "Resp. officer", "lead"),
    ("milestones", "Name of lead officer", "lead"),
    ("milestones", "Workstream lead", "lead"),  # what someone leads before the word for them: the person
    ("actions", "Update and evidence of impact", "commentary"),  # an inspection's improvement plan: its update, evidenced
    ("actions", "Cabinet lead officer", "lead"),
    ("risks", "Workstream lead", "owner"),
    ("milestones", "Key milestones", "title"),
    ("milestones", "Current RAG", "status"),
    ("milestones", "Overall RAG", "status"),
    ("milestones", "Status (RAG)", "status"),
    ("milestones", "Milestone due date", "due_date"),
    ("milestones", "Comments / update", "commentary"),
    ("milestones", "Due date (dd/mm/yyyy)", "due_date"),
    ("milestones", "Strategic priorities", "priority"),
    ("measures", "Actual (%)", "actual"),
    ("measures", "Tgt", "target"),
    ("measures", "Perf.", "actual"),
    ("measures", "Name of measure", "name"),
    ("measures", "KPI owner", "lead"),
    ("measures", "Latest actual", "actual"),
    ("measures", "Polarity (higher or lower is better)", "polarity"),
    ("actions", "Resp. officer", "lead"),
    ("actions", "Action owner(s)", "lead"),
    ("risks", "Description of the risk", "title"),
    ("measures", "Operator comments", "commentary"),  # a leisure contract's return: the operator's words on each KPI
    ("measures", "Provider commentary", "commentary"),
    ("actions", "Service comments", "commentary"),
    ("milestones", "Senior Responsible Officer", "lead"),  # a programme tracker's: the 'No named lead' of every milestone
    ("milestones", "Progress update and next steps", "commentary"),
    ("measures", "Challenges and any support needs", "commentary"),  # the Better Care Fund template's own
    # a plan's own name before its level: the commitment under it was taken as the priority, and this kept as a grouping
    ("milestones", "Police and Crime Plan priority", "priority"),
    ("measures", "Health and Wellbeing Strategy priority", "priority"),
    # the plan's items named with the plan: a district's tracker was refused as having no header it could find
    ("milestones", "Corporate Plan action", "title"), ("actions", "Corporate Plan action", "action"),
    ("milestones", "Council Plan milestone", "title"),
    ("measures", "Planned performance", "target"),  # over "Q1 | Q2" beside "Actual performance": the plan, never actuals
    ("milestones", "Sponsor", "lead"), ("actions", "Project sponsor", "lead"),  # 'No named lead' was said of each project
    ("milestones", "Planned completion", "original_due_date"),  # beside 'Forecast completion': said unused, though it is the date
    ("measures", "Rolling 12 months", "actual"),  # a community safety scorecard's figure, beside 'Same period last year'
    ("milestones", "Forecast end", "revised_due_date"),  # beside 'Planned end': a finished project's, read as overdue
    ("measures", "Target or Date", "target"),  # one column a Type column's milestones and measures share
])
def test_a_header_is_read_by_its_words(kind, header, field):
    assert split_header(header, kind) == (field, None)


@pytest.mark.parametrize("kind, header, expected", [
    ("measures", "Q2 actual 2024/25", ("actual", "2024/25 Q2")),
    ("measures", "Perf. at Q2", ("actual", "Q2")),
    ("measures", "Target 24/25 (days)", ("target", "24/25")),
    ("milestones", "Q2 RAG 2024/25", ("status", "2024/25 Q2")),
])
def test_a_period_inside_the_words_is_the_columns_period(kind, header, expected):
    assert split_header(header, kind) == expected


@pytest.mark.parametrize("kind, header", [
    ("milestones", "Former status"),  # a qualifier perfkit does not know may change the meaning
    ("milestones", "Progress (%)"),  # a unit on a text field: no milestone's commentary
    ("milestones", "Previous due date"),  # "Original due date" is the due date where no revised date is given (read.evidence)
    ("measures", "Target (next year)"),
    ("measures", "Target for next year"),
    ("measures", "Baseline"),
    ("measures", "Same period in 2019"),
    ("measures", "Target date"),
    ("measures", "Name"),
])
def test_a_header_with_words_perfkit_does_not_know_is_not_read(kind, header):
    assert split_header(header, kind) == (None, None)


@pytest.mark.parametrize("header", ["Previous status", "Last quarter", "Prior RAG", "RAG (previous quarter)"])
def test_the_previous_quarters_status_is_read_as_such_never_as_this_quarters(header):
    """Beside this quarter's column it is the quarter before; alone, it is refused (see below)."""
    assert split_header(header, "milestones") == ("status", "previous")


def test_the_words_are_put_in_one_form():
    assert header_words("Name of the Lead Officer(s)") == ("lead", "officer")
    assert header_words("Resp. officers") == ("responsible", "officer")
    assert [singular(w) for w in ("targets", "priorities", "status", "progress", "statuses")] == \
        ["target", "priority", "status", "progress", "status"]


def test_a_lead_directorate_is_the_directorate_and_a_directorate_lead_the_lead():
    """'Lead directorate' could be the directorate or the lead, and the doubt was a warning that blocked the brief (and
    left the column unread, so the attention list said 'No named lead'): its last word is what it holds."""
    assert read_header("Lead directorate", "milestones").field == "directorate"
    assert read_header("Directorate lead", "milestones").field == "lead"
    assert read_header("Status and commentary", "milestones").field is None


def test_a_header_naming_two_fields_has_two_readings():
    assert words_reading("Status and commentary", "milestones") == (None, ("commentary", "status"))
    assert words_reading("Indicator (unit)", "measures") == (None, ("name", "unit"))
    reading = read_header("Status and commentary", "milestones")
    assert reading.field is None and reading.alternatives == ("commentary", "status")


def test_an_exact_phrase_wins_over_a_header_read_by_its_words():
    cmap = map_header_row(["Milestone", "Officer responsible", "Lead officer", "Status"], 0, "milestones")
    assert cmap.fields["lead"] == 2 and 1 in cmap.unmapped
    cmap = map_header_row(["Milestone", "Lead officer", "Officer responsible", "Status"], 0, "milestones")
    assert cmap.fields["lead"] == 1 and 2 in cmap.unmapped


def test_the_delivery_plan_headers_read_as_before():
    """Every header of the layouts perfkit was built around is still an exact phrase, not a guess."""
    for header in ["Ref", "Milestone / Action", "Lead officer", "Due date", "Q1 Status", "Q1 Commentary"]:
        assert not read_header(header, "milestones").by_words, header


# ---------------------------------------------------------------------------------------------- what is said


def _problems(frame, severity=None):
    return [p for p in frame.attrs["problems"] if severity is None or p.severity == severity]


def test_each_column_read_by_its_words_or_content_is_a_note_naming_its_cell(tmp_path):
    path, _ = build_by_content(tmp_path)
    ms = perfkit.read_milestones(path)
    said = {p.source: p.message for p in _problems(ms, "info")}
    assert "read as title by its words" in said.get("Programme!B3", "read as title by its words")  # or a phrase perfkit knows
    assert ms.drop_duplicates("milestone_id")["title"].str.len().gt(0).all()
    assert "by what it holds" in said["Programme!A3"] and "references" in said["Programme!A3"]
    assert "by what it holds" in said["Programme!D3"] and "dates" in said["Programme!D3"]
    assert "by what it holds" in said["Programme!E3"] and "status words" in said["Programme!E3"]
    assert not _problems(ms, "warning")


def _tracker(tmp_path, header, columns, name="tracker.xlsx", title="Delivery plan 2024/25 Q2"):
    rows = [[title], [], header]
    n = len(columns[0])
    rows += [[col[i] for col in columns] for i in range(n)]
    return write_workbook(tmp_path / name, [SheetSpec("Plan", rows)])


TITLES = [f"Deliver the improvement project number {i}" for i in range(1, 5)]
WORDS = ["Green", "Amber", "Red", "Green"]
DATES = [day(2025, 3, 31), day(2024, 12, 31), day(2025, 1, 31), day(2025, 2, 28)]


def test_two_columns_of_dates_under_unknown_headers_are_a_warning_and_neither_is_read(tmp_path):
    # (`Start | Finish`, an MS Project export's, is read: a plan's finish is its due date)
    path = _tracker(tmp_path, ["Milestone", "Kick-off", "Sign-off", "Status"], [TITLES, DATES, DATES, WORDS])
    ms = perfkit.read_milestones(path)
    assert ms["due_date"].isna().all()
    warned = [p for p in _problems(ms, "warning") if "'Kick-off' and 'Sign-off'" in p.message]
    assert warned and warned[0].source == "Plan!B3"
    assert 'put "Sign-off" = "due_date" under [sheets."Plan".columns] in perfkit.toml' in warned[0].message


def test_a_header_with_a_qualifier_perfkit_does_not_know_is_not_read_by_content(tmp_path):
    path = _tracker(tmp_path, ["Milestone", "Due date", "Previous status", "Q2 RAG"], [TITLES, DATES, ["Red"] * 4, WORDS])
    ms = perfkit.read_milestones(path)  # the status is Q2 RAG; Previous status, on a sheet that reports Q2, is Q1's
    q2 = ms[ms["period"].astype(str) == "2025Q2"]
    assert list(q2["status"].astype(str)) == WORDS and set(ms[ms["period"].astype(str) == "2025Q1"]["status"].astype(str)) == {"Red"}


def test_a_lone_status_column_with_a_qualifier_is_refused_saying_what_to_type_and_the_line_works(tmp_path):
    path = _tracker(tmp_path, ["Milestone", "Due date", "Previous status"], [TITLES, DATES, WORDS])
    with pytest.raises(perfkit.LayoutError) as caught:  # its only status column is "previous": refused, not guessed
        perfkit.read_milestones(path)
    line = 'put "Previous status" = "status" under [sheets."Plan".columns] in perfkit.toml'
    assert line in str(caught.value)
    (tmp_path / "perfkit.toml").write_text('[sheets."Plan".columns]\n"Previous status" = "status"\n', encoding="utf-8")
    ms = perfkit.read_milestones(path)
    assert list(ms["status"].astype(str)) == WORDS


@pytest.mark.parametrize("header", ["Start date", "Date updated", "Last review"])
def test_dates_of_another_moment_are_never_the_due_date(tmp_path, header):
    path = _tracker(tmp_path, ["Milestone", header, "RAG"], [TITLES, DATES, WORDS])
    ms = perfkit.read_milestones(path)
    assert ms["due_date"].isna().all()
    warned = [p for p in _problems(ms, "warning") if p.source == "Plan!B3"]
    assert warned and f'put "{header}" = "due_date"' in warned[0].message


def test_last_quarters_status_is_never_the_status(tmp_path):
    path = _tracker(tmp_path, ["Milestone", "Due date", "Last quarter", "Comments"], [TITLES, DATES, WORDS, ["Fine"] * 4])
    with pytest.raises(perfkit.LayoutError) as caught:
        perfkit.read_milestones(path)
    assert 'put "Last quarter" = "status"' in str(caught.value)


@pytest.mark.parametrize("header", ["Key dates", "Milestone date", "Planned date"])
def test_a_date_header_read_by_its_words_never_makes_the_table_long(header):
    """"Date" alone names each row's period; with filler or the item's noun it is no period column."""
    assert split_header(header, "milestones") == (None, None)
    assert split_header("Reporting periods", "milestones") == ("period", None)


def test_a_header_with_two_readings_takes_the_one_its_cells_fit(tmp_path):
    path = _tracker(tmp_path, ["Milestone", "Due date", "Status and commentary"], [TITLES, DATES, WORDS])
    ms = perfkit.read_milestones(path)
    assert list(ms["status"].astype(str)) == WORDS
    note = [p for p in _problems(ms, "info") if p.source == "Plan!C3"]
    assert note and "could name the commentary or status" in note[0].message and "status" in note[0].message


def test_a_column_headed_like_commentary_that_holds_status_words_is_the_status(tmp_path):
    path = _tracker(tmp_path, ["Milestone", "Due date", "Progress", "Comments"], [TITLES, DATES, WORDS, ["Going well"] * 4])
    ms = perfkit.read_milestones(path)
    assert list(ms["status"].astype(str)) == WORDS and list(ms["commentary"]) == ["Going well"] * 4
    assert any("'Progress' read as status by what it holds" in p.message for p in _problems(ms, "info"))


def test_wide_sheets_weigh_a_bounded_number_of_columns(tmp_path, monkeypatch):
    """Hundreds of unknown headers: the content of at most 60 columns per candidate row is looked at."""
    calls = []
    real = layout_module.column_content
    monkeypatch.setattr(layout_module, "column_content", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    header = ["Milestone", "Status"] + [f"Extra field {i}" for i in range(300)]
    rows = [["Plan 2024/25 Q2"], header] + [[t, w] + [f"x{i}" for i in range(300)] for t, w in zip(TITLES, WORDS)]
    path = write_workbook(tmp_path / "wide.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert len(ms) == 4
    assert len(calls) <= 60 * 2 * 4  # columns x candidate rows x kinds, at most


def test_a_column_of_colours_under_an_unknown_header_is_the_status(tmp_path):
    rows = [["Delivery plan 2024/25 Q2"], [], ["Milestone", "Due date", "Judgement", "Comments"]]
    rows += [[t, d, None, "Fine"] for t, d in zip(TITLES, DATES)]
    fills = {f"C{4 + i}": w for i, w in enumerate(WORDS)}
    path = write_workbook(tmp_path / "fills.xlsx", [SheetSpec("Plan", rows, fills=fills)])
    ms = perfkit.read_milestones(path)
    assert list(ms["status"].astype(str)) == WORDS
    note = [p for p in _problems(ms, "info") if p.source == "Plan!C3"]
    assert note and "status colours" in note[0].message


# ---------------------------------------------------------------------------------------------- renamed within their meaning

SYNONYMS = {
    "ref": ["Ref", "Reference", "Ref.", "Ref no", "No.", "Milestone ref", "ID", "Reference number"],
    "title": ["Milestone", "Milestones", "Key milestones", "Milestone description", "Description of the milestone",
              "Milestone / action", "Deliverable", "Key deliverables"],
    "lead": ["Lead officer", "Responsible officer", "Officer responsible", "Lead officers", "Resp. officer",
             "Name of lead officer", "Owner", "Lead"],
    "due": ["Due date", "Target date", "Date due", "Deadline", "Target completion date", "Milestone due date", "Due dates",
            "Completion date (planned)"],
    "status": ["Status", "RAG", "RAG status", "Status (RAG)", "Current RAG", "Overall status", "RAG rating", "Latest RAG status"],
    "commentary": ["Commentary", "Comments", "Latest update", "Progress update", "Update on progress", "Comments / update",
                   "Officer commentary"],
}
CANONICAL = {"ref": "Ref", "title": "Milestone", "lead": "Lead officer", "due": "Due date", "status": "Status", "commentary": "Commentary"}
ORDER = ["ref", "title", "lead", "due", "status", "commentary"]
FILLERS = ["Key ", "Current ", "Latest ", "The ", "Overall "]


def _plural(header: str) -> str:
    words = header.split(" ")
    last = words[-1]
    if re.fullmatch(r"[A-Za-z]{2,}", last) and not last.lower().endswith(("s", "y")):
        words[-1] = last + ("S" if last.isupper() else "s")
    return " ".join(words)


@st.composite
def renamed(draw, field):
    """One header for a field, reworded within its meaning."""
    header = draw(st.sampled_from(SYNONYMS[field]))
    if draw(st.booleans()) and "(" not in header and "/" not in header:  # word order
        header = " ".join(reversed(header.split(" ")))
    if draw(st.booleans()):
        header = _plural(header)
    if draw(st.booleans()):
        header = draw(st.sampled_from(FILLERS)) + header
    if field == "status" and draw(st.booleans()):
        header = draw(st.sampled_from(["Q2 ", "2024/25 Q2 "])) + header
    elif field == "due" and draw(st.booleans()):
        header += " (dd/mm/yyyy)"
    header = draw(st.sampled_from([str.upper, str.lower, str.title, lambda h: h]))(header)
    return header + draw(st.sampled_from(["", ":", "."]))


def _tracker_book(folder: Path, headers: list[str]) -> Path:
    items = _items(7, seed=4)
    rows = [["Council Plan 2024/25: Quarter 2 monitoring"], [], headers]
    rows += _sectioned(items, lambda it: [it["ref"], it["title"], it["lead"], it["due"], it["status"], it["comment"]])
    rows += [[], ["Source: service returns"]]
    return write_workbook(folder / "tracker.xlsx", [SheetSpec("Milestones", rows)])


def _frame(path: Path) -> pd.DataFrame:
    frame = perfkit.read_milestones(path)
    frame.attrs = {}
    return frame.reset_index(drop=True)


@pytest.fixture(scope="module")
def canonical_frame():
    with tempfile.TemporaryDirectory() as folder:
        return _frame(_tracker_book(Path(folder), [CANONICAL[f] for f in ORDER]))


@settings(max_examples=int(__import__('os').environ.get('RENAMED_EXAMPLES', 25)), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(headers=st.tuples(*(renamed(f) for f in ORDER)))
def test_headers_renamed_within_their_meaning_read_the_same(canonical_frame, headers):
    with tempfile.TemporaryDirectory() as folder:
        frame = _frame(_tracker_book(Path(folder), list(headers)))
    pd.testing.assert_frame_equal(frame, canonical_frame)


def test_the_canonical_tracker_is_the_generators(canonical_frame):
    items = _items(7, seed=4)
    assert list(canonical_frame["milestone_id"]) == [it["ref"] for it in items]
    assert list(canonical_frame["status"].astype(str)) == [it["status"] for it in items]
    assert list(canonical_frame["due_date"]) == [pd.Timestamp(it["due"]) for it in items]
    assert str(canonical_frame["period"].iloc[0]) == str(perfkit.parse_span("2024/25 Q2").end)


# ---------------------------------------------------------------------------------------------- wordings a new officer used


@pytest.mark.parametrize("kind, header, expected", [
    ("measures", "Quarterly target", ("target", None)),
    ("measures", "Short Name", ("name", None)),
    ("measures", "Q1 Total", ("actual", "Q1")),
    ("measures", "Total Q1", ("actual", "Q1")),
    ("measures", "Quarter 1 total", ("actual", "Quarter 1")),
    ("milestones", "Project manager", ("lead", None)),
    ("actions", "Project manager", ("lead", None)),
    ("measures", "Project manager", ("lead", None)),
    # and those a later trial met
    ("measures", "Target (each quarter)", ("target", None)),
    ("measures", "Good", ("polarity", None)),
    ("milestones", "Corporate Plan theme", ("priority", None)),
    ("milestones", "Progress this quarter", ("commentary", None)),
    ("actions", "Assigned To", ("lead", None)),
    ("milestones", "Accountable Director", ("lead", None)),
    ("actions", "Progress at 30 Sept 2024", ("commentary", "Sept 2024")),
    ("milestones", "Mid-year status", ("status", "H1")),
    ("milestones", "Year-end status", ("status", "H2")),
    ("milestones", "Step ref", ("milestone_id", None)),
    ("milestones", "Steps we will take", ("title", None)),
])
def test_wordings_an_officer_typed_are_read(kind, header, expected):
    assert split_header(header, kind) == expected


@layout(FAMILY, "a project tracker whose leads are under 'Project manager'")
def build_project_managers(folder: Path):
    items = _items(8, seed=4)
    rows = [["Capital programme 2024/25"], ["Quarter 2 position"], [],
            ["Project ref", "Project", "Project manager", "Completion date", "RAG status", "Latest position"]]
    rows += _sectioned(items, lambda it: [it["ref"], it["title"], it["lead"], it["due"], it["status"], it["comment"]])
    rows += [[], ["Source: project boards"]]
    path = write_workbook(folder / "capital_programme.xlsx", [SheetSpec("Projects", rows)])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": _counts(it["status"] for it in items)},
                       {"milestones": {"lead": [it["lead"] for it in items]}}, {"milestones": ["2024/25 Q2"]})


def test_the_project_managers_are_the_leads_counted_in_the_summary(tmp_path):
    path, _truth = build_project_managers(tmp_path)
    ms = perfkit.read_milestones(path)
    assert set(ms.lead) == {it["lead"] for it in _items(8, seed=4)}




@pytest.mark.parametrize("word, status", [("Unknown", "No data"), ("Not begun", "Not started"), ("Not due to start", "Not due"),
                                          ("Off course", "Red"), ("OK", "Green"), ("Warning", "Amber"), ("Alert", "Red")])
def test_status_words_a_later_trial_met(word, status):
    assert perfkit.DEFAULT_SCALE.normalise(word) == status


def test_type_cells_that_name_their_kind_with_other_words():
    from perfkit.read.evidence import type_word

    assert [type_word(w) for w in ("Project milestone", "Performance measure", "Project board", "Project KPI milestone")] == [
        "milestones", "measures", None, None]


def test_a_tab_named_corporate_is_a_directorate_and_keeps_its_whole_name():
    from perfkit.read.workbook_layouts import directorate_of

    assert directorate_of("Corporate") == "Corporate" and directorate_of("Corporate Resources KPIs") == "Corporate Resources"


def test_polarity_written_with_an_arrow_before_its_words(tmp_path):
    rows = [["KPI scorecard 2024/25 Q2"], [], ["Ref", "Measure", "Polarity", "Target", "Q2 2024/25"],
            ["K1", "Homes built", "↑ Higher is better", 100, 90], ["K2", "Days to pay invoices", "↓ Lower is better", 20, 18]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert list(kp.drop_duplicates("measure_id")["polarity"].astype(str)) == ["higher", "lower"]


def test_the_lead_officer_leads_where_a_lead_organisation_comes_first(tmp_path):
    """'Lead organisation | Lead officer': the organisation was read as the lead and the officer not used, so the brief
    said 'Eleven milestones need attention, led by 5 officers' under headings such as 'Lead officer: Westmoor ICB'."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Health and Wellbeing Board delivery plan, Q2 2024/25"],
            ["Ref", "Milestone", "Lead organisation", "Lead officer", "Due date", "BRAG"],
            ["1.1", "Open the hub", "Westmoor ICB", "Head of Commissioning", day(2025, 3, 31), "G"],
            ["1.2", "Launch the app", "Westmoor Council", "Digital Lead", day(2025, 3, 31), "A"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Delivery Plan", rows)]))
    assert ms["lead"].tolist() == ["Head of Commissioning", "Digital Lead"]


def test_previous_and_latest_beside_each_other_are_the_measures_figures_and_never_a_milestones_status(tmp_path):
    """A Council Plan report mixing milestones and KPIs: 'Target | Previous | Latest | Previous status | Current status'.
    'Previous' and 'Latest' were not read, so the brief said the KPIs had no figures; a milestone's status stays its own."""
    rows = [["Council Plan Performance Report - Quarter 2 2024/25"], [],
            ["Ref", "Type", "Description", "Target", "Previous", "Latest", "Previous status", "Current status"],
            ["M1", "Milestone", "Open the enterprise hub", None, None, None, "G", "B"],
            ["K1", "KPI", "Residents in employment (%)", 76, 75.4, 75.9, "A", "A"],
            ["K2", "KPI", "Premises with superfast broadband (%)", 97, 97.1, 97.4, "G", "G"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Q2 Report", rows)])
    ms = perfkit.read_measures(path)
    q1, q2 = (ms[ms["period"] == perfkit.parse_span(q).end] for q in ("2024/25 Q1", "2024/25 Q2"))
    assert q1["actual"].tolist() == [75.4, 97.1] and q2["actual"].tolist() == [75.9, 97.4]
    stones = perfkit.read_milestones(path)
    assert stones.loc[stones["period"] == perfkit.parse_span("2024/25 Q2").end, "status"].astype(str).tolist() == ["Complete"]


def test_a_polarity_of_neither_is_no_polarity(tmp_path):
    """'Higher | Lower | Neither' in a scorecard's polarity column: 'Neither' refused the whole workbook."""
    rows = [["Children's services scorecard 2024/25 Q2"], [], ["Ref", "Measure", "Polarity", "Target", "Q2 2024/25"],
            ["C1", "Care leavers in education (%)", "Higher", 60, 55], ["C2", "Re-referrals (%)", "Lower", 20, 18],
            ["C3", "Children in need per 10,000", "Neither", None, 312]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Scorecard", rows)]))
    assert list(kp.drop_duplicates("measure_id")["polarity"].astype(str)) == ["higher", "lower", "none"]


def test_a_comparison_with_other_councils_is_never_the_trend_and_a_change_since_a_year_is(tmp_path):
    """An LGBF table's 'Compared with family group' (Better / Worse than the family's average) was read as the officer's
    trend, so the committee page printed 'Service wrote "Better"' under measures that had worsened; its 'Change since
    2021/22' (Improved / Declined) was kept as a grouping."""
    rows = [["Local Government Benchmarking Framework 2022/23"],
            ["Code", "Indicator", "Aim", "2021/22", "2022/23", "Family group average 2022/23", "Compared with family group",
             "Change since 2021/22"],
            ["CHN2", "Cost per primary pupil (£)", "Minimise", 8290, 8655, 8700, "Better", "Declined"],
            ["CHN11", "School leavers in positive destinations", "Maximise", 95.2, 95.8, 95.3, "Better", "Improved"],
            ["ENV6", "Household waste recycled (%)", "Maximise", 45.3, 44.7, 44.8, "Worse", "Declined"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("LGBF", rows)]))
    latest = kp.drop_duplicates("measure_id", keep="last")
    assert latest["reported_trend"].astype(str).tolist() == ["Declined", "Improved", "Declined"]


def test_a_milestone_column_after_the_action_it_serves_names_the_milestones(tmp_path):
    """'Priority | Outcome | Action | Milestone': the action named every milestone under it (the brief said 'Set out how
    the county will grow slipped from green to red' of 'Local Growth Plan adopted by Cabinet'), and the Milestone column
    was 'not used by perfkit'."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Council Plan 2024-28: Delivery Plan, Quarter 2 2024/25"],
            ["Ref", "Priority", "Outcome", "Action", "Milestone", "Lead officer", "Due date", "Q2 BRAG"],
            ["1.1.1", "A thriving economy", "More good jobs", "Deliver the Skills Hub", "Skills Hub building works complete",
             "Head of Growth", day(2024, 12, 31), "A"],
            ["1.1.2", None, None, "Set out how the county will grow", "Local Growth Plan adopted by Cabinet", "Director of Place",
             day(2024, 9, 30), "R"],
            ["1.1.3", None, None, "Set out how the county will grow", "Growth Plan consultation closed", "Director of Place",
             day(2024, 7, 31), "B"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "delivery_plan.xlsx", [SheetSpec("Delivery plan", rows)]))
    assert ms.drop_duplicates("milestone_id")["title"].tolist() == ["Skills Hub building works complete",
                                                                    "Local Growth Plan adopted by Cabinet", "Growth Plan consultation closed"]


def test_a_milestone_slash_output_column_after_the_project_names_the_milestones(tmp_path):
    """'ID | Project | Milestone / output': read by its words, the milestone column never took the title from 'Project',
    so every milestone was named by its project in the attention list and the appendix."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Town Deal programme: highlight report, Quarter 3 2024/25"],
            ["ID", "Project", "Milestone / output", "Owner", "Due date", "Current RAG"],
            ["TD01", "Digital Hub", "Planning permission granted", "Hub PM", day(2024, 5, 31), "Complete"],
            ["TD02", "Digital Hub", "Main contractor appointed", "Hub PM", day(2024, 9, 30), "Amber"],
            ["TD04", "Station Gateway", "Land acquisition completed", "Gateway PM", day(2024, 10, 31), "Red"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "highlight.xlsx", [SheetSpec("Highlight report", rows)]))
    assert ms["title"].tolist() == ["Planning permission granted", "Main contractor appointed", "Land acquisition completed"]


def test_key_issues_and_next_steps_is_the_commentary(tmp_path):
    """A BRAG tracker's `Key issues / next steps` was 'not used', and the checks then listed its amber and red items as
    having no commentary."""
    rows = [["Programme tracker, September 2024"], ["Ref", "Deliverable", "Lead", "Due", "BRAG", "Key issues / next steps"],
            ["T01", "Open the new depot", "Head of Waste", day(2025, 3, 31), "A", "Planning condition outstanding"],
            ["T02", "Launch the online permits", "Head of Parking", day(2024, 12, 31), "G", "On plan"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows)]))
    assert ms["commentary"].tolist() == ["Planning condition outstanding", "On plan"]
