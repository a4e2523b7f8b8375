"""BRAG milestone trackers: B/R/A/G letters (Blue is Complete), a % complete column, original and revised dates,
date headers, and a colour key under or above the table.

The issue saw one read as an action plan (for its % complete column), with "No actions are overdue" where a Red
milestone was a month past its revised date, and, read as milestones, its four key rows counted (28, not 24).
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse.attention import overdue
from perfkit.cli import main
from conftest import problems_text

LETTER = {"Blue": "B", "Red": "R", "Amber": "A", "Green": "G"}
STATUS = {"B": "Complete", "R": "Red", "A": "Amber", "G": "Green"}
OBJECTIVES = ["Good homes for everyone", "A cleaner, greener district", "Thriving town centres", "Healthy, independent lives"]
Q2_END = pd.Timestamp("2024-09-30")


def tracker_items(n: int = 24, seed: int = 19) -> list[dict]:
    """Milestones as the generator knows them: objective, dates (some revised), % complete and a letter per quarter."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        original = day(2024, rng.choice([5, 6, 8, 12]), 28) if i % 3 else day(2025, 3, 31)
        revised = day(original.year + (original.month >= 11), (original.month % 12) + 2 if original.month < 11 else 1, 28) if i % 4 == 1 else None
        q1 = rng.choice("GGAR")
        q2 = rng.choice("BGGAAR")
        items.append(dict(ref=f"PL{i + 1:02d}", objective=OBJECTIVES[i * len(OBJECTIVES) // n], title=f"Key milestone {i + 1}",
                          lead=rng.choice(["Head of Housing", "Head of Place", "Head of Health"]), original=original, revised=revised,
                          pct=1.0 if q2 == "B" else rng.choice([0.1, 0.25, 0.5, 0.8]), q1=q1, q2=q2))
    # The one the issue saw: Red, a month past the date it was moved to.
    items[0].update(original=day(2024, 6, 30), revised=day(2024, 8, 31), q2="R", pct=0.5)
    return items


def due(item) -> pd.Timestamp:
    return pd.Timestamp(item["revised"] or item["original"])


def truth_of(items, **columns) -> Truth:
    statuses: dict[str, int] = {}
    for it in items:
        statuses[STATUS[it["q2"]]] = statuses.get(STATUS[it["q2"]], 0) + 1
    return Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": statuses},
                 {"milestones": {"due_date": [due(it) for it in items], **columns}}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


@layout("BRAG tracker", "letters, % complete, original and revised dates, a key in the table's own columns")
def build_letters_with_key_in_columns(folder):
    items = tracker_items()
    header = ["Ref", "Objective", "Key milestones", "Lead officer", "Original date", "Revised date", "% complete",
              "Status at 30/06/2024", "Status at 30/09/2024", "Commentary"]
    rows = [["Corporate Plan 2024/25: milestone tracker"], ["Position at 30 September 2024"], [], header]
    for it in items:
        rows.append([it["ref"], it["objective"], it["title"], it["lead"], it["original"], it["revised"], it["pct"], it["q1"], it["q2"],
                     f"Update on {it['ref']}"])
    rows += [[], ["Key"]]
    for word, meaning in (("B", "Complete"), ("G", "On track"), ("A", "At risk"), ("R", "Off track")):
        rows.append([None, None, meaning, None, None, None, None, None, word, None])
    n = len(rows)
    fills = {f"I{r}": colour for r, colour in zip(range(n - 3, n + 1), ("Blue", "Green", "Amber", "Red"))}
    path = write_workbook(folder / "milestone_tracker.xlsx", [SheetSpec("Tracker", rows, fills=fills, number_formats={f"G5:G{4 + len(items)}": "0%"})])
    return path, truth_of(items, objective=[it["objective"] for it in items])


@layout("BRAG tracker", "statuses only as fills, a swatch key above the table, one status column")
def build_fills_with_swatch_key(folder):
    items = tracker_items(12, seed=3)
    colour = {"B": "Blue", "G": "Green", "A": "Amber", "R": "Red"}
    rows = [["Housing delivery milestones"], ["Quarter 2 2024/25"], ["Key"], [None, "Complete"], [None, "On track"], [None, "Minor slippage"],
            [None, "Significant delay"], [None, "Not started"], [],
            ["Milestone ref", "Milestone", "Owner", "Due date", "Revised due date", "% complete", "Status", "Progress update"]]
    fills = {"A4": "Blue", "A5": "Green", "A6": "Amber", "A7": "Red", "A8": "Grey"}
    not_started = {5, 9}
    for i, it in enumerate(items):
        r = len(rows) + 1
        rows.append([it["ref"], it["title"], it["lead"], it["original"], it["revised"], it["pct"], None, f"Update {i}"])
        fills[f"G{r}"] = "Grey" if i in not_started else colour[it["q2"]]
    statuses: dict[str, int] = {}
    for i, it in enumerate(items):
        s = "Not started" if i in not_started else STATUS[it["q2"]]
        statuses[s] = statuses.get(s, 0) + 1
    path = write_workbook(folder / "housing_milestones.xlsx", [SheetSpec("Milestones", rows, fills=fills)])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"due_date": [due(it) for it in items]}}, {"milestones": ["2024/25 Q2"]})


@layout("BRAG tracker", "colour words, merged objectives, a one-cell key, Due date beside Revised due date")
def build_words_merged_objectives(folder):
    items = tracker_items(16, seed=7)
    word = {"B": "Blue", "G": "Green", "A": "Amber", "R": "Red"}
    header = ["Objective", "Ref", "Milestone / Action", "Lead", "Due date", "Revised due date", "Percentage complete", "Q1 BRAG", "Q2 BRAG", "Notes"]
    rows = [["Council Delivery Plan 2024/25"], ["Key: B = complete, G = on track, A = at risk, R = off track"], [], header]
    merges = []
    start = None
    for i, it in enumerate(items):
        r = len(rows) + 1
        first = i == 0 or items[i - 1]["objective"] != it["objective"]
        rows.append([it["objective"] if first else None, it["ref"], it["title"], it["lead"], it["original"], it["revised"], it["pct"],
                     word[it["q1"]], word[it["q2"]], None])
        if first:
            if start is not None and r - 1 > start:
                merges.append(f"A{start}:A{r - 1}")
            start = r
    if len(rows) > start:
        merges.append(f"A{start}:A{len(rows)}")
    rows += [[], ["Source: service returns to the Performance Team"]]
    path = write_workbook(folder / "delivery_plan_brag.xlsx", [SheetSpec("2024-25", rows, merges=merges, number_formats={f"G5:G{4 + len(items)}": "0%"})])
    return path, truth_of(items, objective=[it["objective"] for it in items])


# ---------------------------------------------------------------------------------------------- focused tests


@pytest.fixture
def tracker(tmp_path):
    return build_letters_with_key_in_columns(tmp_path)


def test_the_tracker_is_milestones_not_an_action_plan_and_the_inventory_says_why(tracker):
    path, truth = tracker
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["milestones"]
    entry = frames["milestones"].attrs["inventory"][0]
    assert entry.items == 24 == truth.counts["milestones"]  # the four key rows are not milestones (the issue saw 28)
    assert entry.note.startswith("milestones, not actions: RAG letters (B, R, A, G) in its status column")
    assert "its 'Key milestones' column" in entry.note and "progress percentages ('% complete')" in entry.note
    said = [p.message for p in frames["milestones"].attrs["problems"]]
    assert any(m.startswith("read as milestones, not actions") and '[sheets."Tracker"] kind = "actions"' in m for m in said)


def test_the_key_rows_are_said_to_be_a_key_and_not_counted(tracker):
    path, _ = tracker
    ms = perfkit.read_milestones(path)
    assert not ms["title"].isin(["Complete", "On track", "At risk", "Off track"]).any()
    key = [p for p in ms.attrs["problems"] if p.message.startswith("status key:")]
    assert len(key) == 1 and key[0].source == "Tracker!A30:I34"
    assert "B = Complete" in key[0].message and "its 4 rows are not milestones" in key[0].message


def test_a_red_milestone_a_month_past_its_revised_date_is_overdue(tracker):
    path, truth = tracker
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]
    pl01 = q2.set_index("milestone_id").loc["PL01"]
    assert pl01["due_date"] == pd.Timestamp("2024-08-31") and pl01["status"] == "Red"
    late = q2[overdue(q2, "2024/25 Q2").to_numpy()]
    expected = sorted(ref for ref, d, s in zip(q2["milestone_id"], truth.columns["milestones"]["due_date"], q2["status"])
                      if d < Q2_END and s != "Complete")
    assert "PL01" in list(late["milestone_id"]) and sorted(late["milestone_id"]) == expected
    fig = perfkit.quarter_figures(ms, None, "2024/25 Q2")
    assert sorted(fig.to_dict()["milestones"]["overdue"]) == expected


def test_the_revised_date_is_said_to_be_the_due_date_naming_both_columns(tracker):
    path, _ = tracker
    revised = sum(1 for it in tracker_items() if it["revised"])
    ms = perfkit.read_milestones(path)
    note = [p for p in ms.attrs["problems"] if "is the due date where one is given" in p.message]
    assert len(note) == 1 and note[0].source == "Tracker!F4" and note[0].severity == "info"
    assert "'Revised date' (F)" in note[0].message and "'Original date' (E) elsewhere" in note[0].message
    assert f"({revised} of 24 milestones)" in note[0].message


def test_a_revised_date_that_is_not_a_date_names_its_cell(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Original date", "Revised date", "Status"],
            ["M1", "Open the hub", day(2024, 6, 30), "next spring", "R"], ["M2", "Close the depot", day(2024, 6, 30), "N/A", "G"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_milestones(path)
    assert [(p.source, p.message) for p in err.value.problems if p.severity == "error"] == [
        ("Tracker!D3", "revised date 'next spring' is not a date (write it like 31/03/2025, or clear the cell)")]


def test_summary_json_gives_the_overdue_red_milestone(tracker, capsys):
    path, _ = tracker
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024/25 Q2" and "PL01" in doc["milestones"]["overdue"] and "actions" not in doc
    assert doc["changes"]["milestones"]["from"] == "2024/25 Q1"  # movement since the quarter before


def test_a_swatch_key_teaches_its_fills_grey_is_not_started(tmp_path):
    path, truth = build_fills_with_swatch_key(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]
    key = next(p for p in ms.attrs["problems"] if p.message.startswith("status key:"))
    assert "fill #BFBFBF = Not started" in key.message and "its fill colours read as the statuses it names" in key.message


def test_a_key_that_contradicts_itself_is_a_warning_naming_the_cell(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Green"], ["M2", "Close the depot", day(2025, 3, 31), "Red"],
            [], ["Key"], ["Green", "Complete"], ["Amber", "At risk"], ["Red", "Off track"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning" and "status key says" in p.message]
    assert [p.source for p in warned] == ["Tracker!A7"]
    assert "Green means 'Complete', which perfkit reads as Complete, not Green" in warned[0].message
    assert '"Green" = "Complete"' in warned[0].message
    assert ms["status"].astype(str).tolist() == ["Green", "Red"]  # each word as its own status: nothing silently changed


def test_a_key_that_gives_a_letter_its_own_meaning_is_learnt(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "C"], ["M2", "Close the depot", day(2025, 3, 31), "OT"],
            ["M3", "New depot", day(2025, 3, 31), "OFF"], [], ["Status key:"], ["C", "Cancelled"], ["OT", "On track"], ["OFF", "Off track"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Cancelled", "Green", "Red"]  # C is Complete unless the key says otherwise
    key = next(p for p in ms.attrs["problems"] if p.message.startswith("status key:"))
    assert "'C', 'OT', 'OFF'" in key.message and key.source == "Tracker!A7:B10"


def test_a_key_word_perfkit_cannot_place_is_refused_naming_the_cell(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "G"], ["M2", "New depot", day(2025, 3, 31), "SD"],
            [], ["Key"], ["G", "On track"], ["SD", "Subject to decision"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_milestones(path)
    errors = [p for p in err.value.problems if p.severity == "error"]
    assert [p.source for p in errors] == ["Tracker!D4"] and '"SD" = ' in errors[0].message
    assert any(p.source == "Tracker!A8" and "none of perfkit's statuses" in p.message for p in err.value.problems)
    assert not any("no status given" in p.message for p in err.value.problems)  # the key's rows are not milestones


def test_sparse_items_at_the_foot_are_not_taken_for_a_key(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Lead", "Status"],
            ["M1", "Open the hub", "A Khan", "Green"], [None, "Complete the review", None, "G"], [None, "Fix the roads", None, "A"],
            [None, "Open the pool", None, "R"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["milestone_id"].nunique() == 4
    assert not any(p.message.startswith("status key:") for p in ms.attrs["problems"])


@pytest.mark.parametrize("title", ["Key milestones", "Key milestone", "Key activity", "Key activities", "Key actions", "Activity",
                                   "Deliverable", "Milestone / Action", "Milestones", "Key deliverables"])
def test_milestone_title_headers_officers_use(tmp_path, title):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", title, "Lead", "Due date", "Status"],
            ["M1", "Open the hub", "A Khan", day(2024, 12, 31), "G"], ["M2", "Close the depot", "B Jones", day(2025, 3, 31), "B"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["milestones"]
    assert frames["milestones"]["title"].tolist() == ["Open the hub", "Close the depot"]
    assert frames["milestones"]["status"].astype(str).tolist() == ["Green", "Complete"]


# Headers an officer might write for each column of the tracker, all meaning the same.
WORDINGS = {
    "ref": ["Ref", "Ref.", "Reference", "ID", "Milestone ref", "No."],
    "title": ["Key milestones", "Key milestone", "Milestone", "Milestones", "Key activity", "Key activities", "Deliverable",
              "Milestone / Action", "Key deliverables", "Activity"],
    "original": ["Original date", "Original due date", "Original target date", "Baseline date", "Original deadline", "Original completion"],
    "revised": ["Revised date", "Revised due date", "Revised target date", "New target date", "Forecast date", "Revised deadline",
                "Revised completion", "Rescheduled to", "Amended completion"],
    "status": ["Status at 30/09/2024", "Q2 BRAG", "Q2 RAG", "Q2 Status", "RAG Q2", "Status Q2 2024/25", "BRAG status Q2"],
}


@settings(max_examples=25)
@given(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in WORDINGS.items()}),
       st.sampled_from([str, str.upper, str.lower]), st.sampled_from(["", " ", "  "]))
def test_renamed_headers_within_their_meaning_read_the_same(words, case, pad):
    items = tracker_items(8, seed=11)
    header = [pad + case(words["ref"]), "Lead", pad + case(words["title"]) + pad, case(words["original"]), case(words["revised"]) + pad,
              "% complete", case(words["status"])]
    rows = [["Milestone tracker 2024/25"], [], header]
    for it in items:
        rows.append([it["ref"], it["lead"], it["title"], it["original"], it["revised"], it["pct"], it["q2"]])
    rows += [[], ["Key"], ["B", "Complete"], ["G", "On track"], ["A", "At risk"], ["R", "Off track"]]
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "tracker_q2_2024-25.xlsx", [SheetSpec("Tracker", rows)])
        frames = perfkit.read_workbook(path, period="2024/25 Q2")
    assert list(frames) == ["milestones"], header
    ms = frames["milestones"]
    assert ms["milestone_id"].tolist() == [it["ref"] for it in items], header
    assert ms["status"].astype(str).tolist() == [STATUS[it["q2"]] for it in items], header
    assert ms["due_date"].tolist() == [due(it) for it in items], header


@pytest.mark.parametrize("revised", ["Revised completion", "Rescheduled to", "Amended end"])
def test_a_moved_date_beside_the_original_is_read_by_its_words(tmp_path, revised):
    """A combined authority's tracker, 'Original completion | Revised completion': the revised column was 'not used' and
    one milestone moved to December was counted overdue from its March date, with no warning."""
    rows = [["Investment programme tracker, Q2 2024/25"], ["Ref", "Project", "Original completion", revised, "Q2 BRAG"],
            ["IP01", "Station upgrade", day(2024, 6, 30), None, "A"],
            ["IP02", "Mill Lane housing", day(2024, 3, 31), day(2024, 12, 31), "A"],
            ["IP03", "Cycle route", day(2025, 3, 31), None, "G"],
            ["IP04", "Bus priority", day(2024, 5, 31), day(2024, 8, 31), "R"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Programme", rows)])
    ms = perfkit.read_workbook(path)["milestones"]
    assert sorted(ms.loc[overdue(ms, "2024/25 Q2"), "milestone_id"]) == ["IP01", "IP04"]
    assert sorted(ms.loc[ms["due_date"] > ms["original_due_date"], "milestone_id"]) == ["IP02", "IP04"]
    assert f"{revised!r} read as revised due date" in problems_text(ms)


def test_two_moved_dates_beside_the_original_are_a_warning_not_a_guess(tmp_path):
    rows = [["Programme tracker 2024/25"], ["Ref", "Project", "Original completion", "Revised completion", "Forecast completion (PMO)", "Q2 RAG"]]
    rows += [[f"P{i}", f"Project {i}", day(2024, 6, 30), day(2024, 12, 31), day(2025, 1, 31), "A"] for i in range(4)]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Programme", rows)])
    ms = perfkit.read_workbook(path)["milestones"]
    said = [p for p in ms.attrs["problems"] if p.severity == "warning" and "looks like the date items were moved to" in p.message]
    assert said and "'Original completion'" in said[0].message


def test_an_actual_date_beside_baseline_and_forecast_dates_is_no_warning(tmp_path):
    """A programme tracker's 'Actual date' (when it was done) beside 'Baseline date' and 'Forecast date' is not a candidate due
    date: it was a warning that stopped brief, and following its advice made the completion date the due date."""
    rows = [["Transformation programme: milestone tracker 2024/25"], [],
            ["Ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Q1 status", "Q2 status"]]
    for i in range(6):
        rows.append([f"D{i}", f"Milestone {i}", day(2024, 7, 31), day(2024, 9 + i % 3, 30), day(2024, 8, 31) if i % 2 else None,
                     "G", "B" if i % 2 else "A"])
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Milestone tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]
    firsts = ms.drop_duplicates("milestone_id")
    assert list(firsts["due_date"]) == [pd.Timestamp(2024, 9 + i % 3, 30) for i in range(6)]


def test_objective_section_rows_alone_group_the_tracker_as_its_objectives(tmp_path):
    """'Objective 1: A thriving local economy' rows and no priority: read as the priority, so the brief's headings said
    'Progress by priority' of a plan that calls them objectives."""
    rows = [["Corporate Plan delivery tracker, Quarter 2 2024/25"], ["Ref", "Key milestones", "Lead officer", "Due date", "Q2 status"],
            ["Objective 1: A thriving local economy"], ["1.1", "Adopt the strategy", "Head of Economy", day(2025, 3, 31), "G"],
            ["1.2", "Launch the grants", "Economy Manager", day(2025, 3, 31), "A"],
            ["Objective 2: Clean, green and safe"], ["2.1", "Roll out food waste", "Head of Waste", day(2025, 3, 31), "R"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)]))
    assert ms["objective"].tolist() == ["A thriving local economy"] * 2 + ["Clean, green and safe"] and not ms["priority"].astype(bool).any()
    fig = perfkit.quarter_figures(ms, None, "2024/25 Q2")
    assert fig.milestone_summary.columns[0] == "objective"


def test_an_update_column_headed_by_a_date_beside_the_brag_column_is_commentary(tmp_path):
    """'BRAG | 31/12/2024' over 'G | 4,080 visits delivered.': the date-headed updates were read as Q3's status, every
    sentence an unknown status word, and the BRAG column passed over: refused."""
    rows = [["Community Risk Management Plan delivery tracker - position at 31 December 2024 (Quarter 3 2024/25)"],
            ["No.", "Milestone", "Owner", "Due date", "BRAG", day(2024, 12, 31)],
            ["1.1", "Deliver 6,000 Safe and Well visits", "Head of Prevention", day(2025, 3, 31), "G", "4,080 visits delivered."],
            ["1.2", "Launch the road safety programme", "Road Safety Manager", day(2024, 10, 31), "A", "Two schools remain; dates agreed."],
            ["1.3", "Review the arson strategy", "Head of Prevention", day(2024, 9, 30), "B", "Approved by the Fire Authority."]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "crmp.xlsx", [SheetSpec("CRMP tracker", rows)]))
    assert ms["status"].astype(str).tolist() == ["Green", "Amber", "Complete"]
    assert ms["commentary"].tolist()[0] == "4,080 visits delivered."


def test_a_workstream_column_is_no_evidence_of_an_action_plan(tmp_path):
    """A BRAG milestone tracker with a 'Workstream' column and '% complete' was reported as an action plan ('24 actions',
    R as behind schedule): a workstream groups milestones as well as actions, unlike a recommendation or an audit."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Transformation programme milestone tracker, September 2024"], [],
            ["Ref", "Workstream", "Milestone", "Lead", "Due date", "% complete", "BRAG"]]
    for n, (stream, brag) in enumerate([("Digital", "B"), ("Digital", "G"), ("Workforce", "A"), ("Workforce", "R"),
                                        ("Property", "G"), ("Property", "B")], start=1):
        rows.append([f"TM{n:02d}", stream, f"Milestone {n}", "Programme Manager", day(2025, 3, 31), 0.5, brag])
    frames = perfkit.read_workbook(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Milestone Tracker", rows)]))
    assert set(frames) == {"milestones"} and len(frames["milestones"]) == 6


def test_milestones_struck_through_or_greyed_out_are_complete_where_the_cover_says_so(tmp_path):
    """'Milestones that have been completed are shown struck through and greyed out': the struck rows were counted at the
    status still typed in them (On schedule, Minor slippage) and the greyed ones, with no status, as No data; the brief
    said nine were overdue, where four are. With no such note, the look of a row is not read."""
    import openpyxl
    from layout_builders import SheetSpec, day, write_workbook

    cover = [["Council Plan tracker, Quarter 3 2024/25"], [],
             ["Milestones that have been completed are shown struck through and greyed out."]]
    rows = [["Council Plan tracker"], ["Position at 31 December 2024"],
            ["Ref", "Key milestones", "Lead officer", "Due", "Q3 status"],
            ["TE1", "Open the hub", "Director", day(2024, 6, 30), "On schedule"],
            ["TE2", "Adopt the plan", "Head of Transport", day(2024, 12, 31), "Minor slippage"],
            ["TE3", "Complete the junction", "Head of Highways", day(2024, 9, 30), None],
            ["TE4", "Launch bootcamps", "Head of Skills", day(2025, 3, 31), "On schedule"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Cover", cover), SheetSpec("Tracker", rows, fills={"B6": "D9D9D9"})])
    wb = openpyxl.load_workbook(path)
    for cell in wb["Tracker"][4]:
        cell.font = openpyxl.styles.Font(strike=True)
    wb.save(path)
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Complete", "Amber", "Complete", "Green"]
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    wb = openpyxl.load_workbook(path)
    wb["Cover"]["A3"] = "Status key below."
    wb.save(path)
    assert perfkit.read_milestones(path, config=False)["status"].astype(str).tolist()[0] == "Green"


def test_a_bare_brag_beside_a_dated_previous_brag_is_the_quarter_after(tmp_path):
    """'Previous BRAG (Jun-24) | BRAG': the bare column was dropped with no word, and the tracker reported June's
    statuses with September's commentary under them."""
    rows = [["Project milestone tracker - September 2024"], [],
            ["Ref", "Milestone", "SRO", "Original date", "Previous BRAG (Jun-24)", "BRAG", "Commentary"],
            ["T1.01", "Launch the portal", "Director", day(2024, 6, 30), "G", "B", "Went live 24 June."],
            ["T1.02", "Migrate e-billing", "Director", day(2024, 7, 31), "G", "A", "Supplier delay."],
            ["T1.05", "Close the old system", "Director", day(2024, 8, 30), "A", "R", "Contract dispute."]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Project tracker", rows)]))
    by = {perfkit.period_label(p): part.set_index("milestone_id")["status"].astype(str).to_dict() for p, part in ms.groupby("period")}
    assert by == {"2024/25 Q1": {"T1.01": "Green", "T1.02": "Green", "T1.05": "Amber"},
                  "2024/25 Q2": {"T1.01": "Complete", "T1.02": "Amber", "T1.05": "Red"}}
    assert any(p.message.startswith("column 'BRAG' read as status for 2024/25 Q2, the quarter after") for p in ms.attrs["problems"])


def test_a_tracker_headed_objective_slash_milestone_reads_each_row_as_its_milestone(tmp_path, capsys):
    """`Ref | Objective / Milestone | Lead officer | Original date | Revised date | % complete | BRAG`, objectives as
    section rows: the one header naming both was read as the objective, no kind had its item column, and the tracker was
    refused (init guessed actions). The column holds the milestones, under the objectives' rows."""
    items = [("1.1", "Launch the customer portal", day(2024, 6, 30), None, 1, "B"),
             ("1.2", "Close the cash office", day(2024, 8, 31), None, 0.4, "R"),
             ("1.3", "Chatbot pilot", day(2024, 6, 30), day(2025, 1, 31), 0.2, "G"),
             ("2.1", "Agile working policy", day(2024, 5, 31), None, 1, "B"),
             ("2.2", "Fleet electrification", day(2024, 6, 30), day(2024, 9, 30), 0.9, "A"),
             ("2.3", "New HR system", day(2024, 8, 1), None, 0.85, "A")]
    rows = [["Transformation Programme - Milestones"], ["Reporting period: end of September 2024 (Q2 2024/25)"],
            ["Ref", "Objective / Milestone", "Lead officer", "Original date", "Revised date", "% complete", "BRAG", "Update"]]
    for i, (ref, title, orig, rev, done, letter) in enumerate(items):
        if i % 3 == 0:
            rows.append([f"Objective {i // 3 + 1}: {'Digital access' if i == 0 else 'Workforce'}"])
        rows.append([ref, title, "Officer", orig, rev, done, letter, "Update text"])
    rows += [[], ["Key:"], ["B", "Blue - complete"], ["G", "Green - on track"], ["A", "Amber - at risk"], ["R", "Red - off track"]]
    path = write_workbook(tmp_path / "brag.xlsx", [SheetSpec("Tracker", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)["milestones"]
    assert m["total"] == 6 and {k: v["count"] for k, v in m["by_status"].items() if v["count"]} == {"Red": 1, "Amber": 2, "Green": 1, "Complete": 2}
    assert list(m["groups"]) == ["Digital access", "Workforce"]
    assert sorted(m["overdue"]) == ["1.2", "2.3"]  # 2.2, revised to the quarter's last day, is not yet past it
    ms = perfkit.read_milestones(path)
    assert ms["title"].tolist() == [t for _, t, *_ in items]


def test_a_programme_trackers_band_over_its_header_never_keeps_milestones_out_of_the_weighing(tmp_path):
    """A combined authority's investment programme: 'Scheme | ... | Delivery | ... | BRAG status at' over 'Ref | Scheme |
    ... | % complete | Original | Revised | 30/06/2024 | 30/09/2024'. Milestones took the band row for their header
    ('Scheme' a title), so only actions and risks were weighed and the BRAG tracker was read as an action plan."""
    rows = [["Investment Programme tracker - Q2 2024/25"], [],
            ["Scheme", None, None, "Delivery", None, None, "BRAG status at", None],
            ["Ref", "Scheme", "Lead authority", "% complete", "Original completion date", "Revised completion date",
             day(2024, 6, 30), day(2024, 9, 30)],
            ["TV01", "Station Gateway", "City Council", 0.85, day(2024, 3, 31), day(2024, 12, 31), "A", "A"],
            ["TV02", "Junction improvements", "County Council", 1, day(2024, 5, 31), None, "G", "B"],
            ["TV03", "Bus priority corridor", "Borough Council", 0.4, day(2025, 3, 31), None, "G", "G"],
            ["TV04", "Greenway route", "District Council", 0.3, day(2024, 8, 31), None, "A", "R"]]
    path = write_workbook(tmp_path / "programme.xlsx", [SheetSpec("Programme", rows, merges=["A3:C3", "D3:F3", "G3:H3"])])
    ms = perfkit.read_milestones(path)
    assert sorted(ms["milestone_id"].unique()) == ["TV01", "TV02", "TV03", "TV04"]
    report = perfkit.validate(path)
    (entry,) = [e for e in report.inventory if e.sheet == "Programme"]
    assert entry.kind == "milestones", entry


def test_letters_and_their_meanings_under_the_table_with_no_label_are_the_key(tmp_path):
    """Four rows under a Scottish council's BRAG tracker, a letter in its own fill beside its meaning ('R | Significant
    delay – will not meet the revised date'), with no 'Key' above them: counted as four milestones with no status."""
    rows = [["Council Plan delivery tracker – Quarter 2 2024/25"], [],
            ["Ref", "Milestone", "Service", "Original date", "Revised date", "% complete", "BRAG 30/06/2024", "BRAG 30/09/2024"],
            ["1.1", "Open the hub", "Economy", day(2024, 6, 30), None, 1, "G", "B"],
            ["1.2", "Adopt the plan", "Planning", day(2024, 8, 31), day(2024, 12, 31), 0.5, "G", "A"],
            ["1.3", "Publish the strategy", "Sustainability", day(2023, 12, 31), day(2024, 7, 31), 0.95, "R", "R"], [],
            ["B", "Complete"], ["G", "On track"], ["A", "Some delay – action being taken"],
            ["R", "Significant delay – will not meet the revised date"]]
    fills = {"A8": "4472C4", "A9": "00B050", "A10": "FFC000", "A11": "FF0000"}
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Delivery Tracker", rows, fills=fills)]))
    assert sorted(ms["milestone_id"].unique()) == ["1.1", "1.2", "1.3"]
    assert not [p.message for p in ms.attrs["problems"] if p.severity == "warning"]


@pytest.mark.parametrize("done", ["100%", 1.0])
def test_a_milestone_at_100_percent_complete_is_complete_whatever_its_rag_cell_holds(tmp_path, done):
    """A projects tracker's '% complete' beside its RAG: finished projects, their RAG left blank (or still 'G'), were No data
    or Green and listed overdue."""
    rows = [["Major Projects Tracker - position at end of September 2024"],
            ["Ref", "Project", "Lead", "Planned completion", "% complete", "RAG"],
            ["P1", "Leisure centre refurbishment", "Dir. Communities", day(2024, 8, 31), done, None],
            ["P2", "Town hall boiler", "Dir. Resources", day(2024, 6, 30), "85%" if done == "100%" else 0.85, "R"],
            ["P3", "Self-service kiosks", "Dir. Communities", day(2024, 7, 31), done, "G"]]
    formats = {} if done == "100%" else {"E3:E5": "0%"}
    ms = perfkit.read_milestones(write_workbook(tmp_path / "projects.xlsx", [SheetSpec("Projects", rows, number_formats=formats)]))
    assert ms["status"].astype(str).tolist() == ["Complete", "Red", "Complete"]
    assert not [p.message for p in ms.attrs["problems"] if p.severity == "warning"]
    assert any(p.message.startswith("2 milestones at 100% in '% complete' (E3, E5): read as Complete") for p in ms.attrs["problems"])
    # read for them, so never also said to be "not used by perfkit"
    assert not [p.message for p in ms.attrs["problems"] if p.source == "Projects!E2" and "not used" in p.message]


def test_an_action_at_100_percent_with_a_green_rag_is_complete_and_not_overdue(tmp_path):
    rows = [["Business Plan 2024/25 - Quarter 2 monitoring"],
            ["No.", "Action", "Responsible officer", "Target date", "% complete", "Status"],
            ["BP1", "Complete the peat survey", "Head of Conservation", day(2024, 6, 30), "100%", "G"],
            ["BP4", "Replace the car park machines", "Estates Manager", day(2024, 8, 31), "30%", "R"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Actions", rows)]))
    assert acts["status"].astype(str).tolist() == ["Complete", "Behind schedule"]


def test_a_current_target_date_beside_the_original_is_the_revised_date(tmp_path):
    """'Original target date | Current target date': read as the due date alone, so nothing was later than planned."""
    dates = {"CP1.1": ((2024, 9, 30), (2024, 9, 30), "Achieved"), "CP1.2": ((2024, 10, 31), (2025, 1, 31), "Slipping"),
             "CP1.3": ((2025, 3, 15), (2025, 3, 15), "On target")}
    rows = [["Corporate plan tracker - Quarter 3 2024/25"],
            ["Ref", "Milestone", "Original target date", "Current target date", "Status"],
            *([ref, f"Milestone {ref}", day(*first), day(*now), said] for ref, (first, now, said) in dates.items())]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Tracker", rows)]))
    fig = perfkit.quarter_figures(ms, None, "2024/25 Q3")
    assert fig.to_dict()["milestones"]["later_than_planned"] == ["CP1.2"]
    assert not fig.to_dict()["milestones"]["overdue"]
