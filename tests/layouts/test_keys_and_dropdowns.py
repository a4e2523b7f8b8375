"""Status words the workbook teaches itself: a key on the cover, a Key or Guidance sheet, a hidden lookup sheet, a drop-down.

Officers choose statuses from their own list (``Steady``, ``Stuck``, ``Needs intervention``) and say what
each means once: in a key on the cover sheet, on a ``Key`` or ``Guidance`` sheet, in coloured swatches, or in the
drop-down list on the status column (typed in the rule, or drawn from a hidden lookup sheet). perfkit learns those words
from the workbook, says so naming the key's cells, and never counts a key's rows as items; a word that nothing in the
workbook places is an error naming the cell and the perfkit.toml line.
"""

from __future__ import annotations

import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.read.workbook import Workbook

FAMILY = "keys and drop-downs"
LEADS = ["Head of Housing", "Head of Place", "Head of Adult Care", "Head of Finance"]
PRIORITIES = ["A thriving economy", "Safe, healthy communities", "A greener borough"]


def items_of(words: dict[str, str], n: int, seed: int) -> list[dict]:
    """Milestones as the generator knows them: a word of the workbook's own for Q1 and Q2, and the status each word means."""
    rng = random.Random(seed)
    choices = list(words)
    out = []
    for i in range(n):
        q1, q2 = rng.choice(choices), rng.choice(choices)
        if i < len(choices):  # every word used at least once at the period
            q2 = choices[i]
        out.append({"ref": f"CP{i + 1:02d}", "title": f"Deliver commitment {i + 1}", "lead": rng.choice(LEADS),
                    "priority": PRIORITIES[i * len(PRIORITIES) // n], "due": day(2025, rng.choice([3, 6, 9, 12]) if i % 2 else 3, 28),
                    "q1": q1, "q2": q2})
    return out


def truth_of(items, words: dict[str, str], period="2024/25 Q2", periods=("2024/25 Q1", "2024/25 Q2"), field="q2") -> Truth:
    statuses: dict[str, int] = {}
    for it in items:
        statuses[words[it[field]]] = statuses.get(words[it[field]], 0) + 1
    return Truth({"milestones": len(items)}, period, {"milestones": statuses},
                 {"milestones": {"milestone_id": [it["ref"] for it in items]}}, {"milestones": list(periods)})


# ---------------------------------------------------------------------------------------------- layouts

COVER_WORDS = {"Delivered": "Complete", "Steady": "Green", "Some slippage": "Amber", "Stuck": "Red"}


@layout(FAMILY, "corporate tracker, its key on the cover sheet in its own words")
def build_cover_key(folder):
    items = items_of(COVER_WORDS, 18, seed=21)
    cover = [["Corporate Performance Tracker 2024/25"], ["Quarter 2: July to September 2024"], [],
             [("This tracker reports progress against the Corporate Plan's commitments. Each lead officer rates their "
               "commitment at the end of the quarter.")], [], ["Status key"],
             ["Blue", "Delivered"], ["Green", "Steady"], ["Amber", "Some slippage"], ["Red", "Stuck"], [],
             ["Prepared by the Corporate Performance Team"]]
    fills = {"A7": "Blue", "A8": "Green", "A9": "Amber", "A10": "Red"}
    rows = [["Corporate Plan 2024/25: commitments"], [], ["Ref", "Corporate priority", "Commitment", "Lead officer", "Target date",
                                                          "Q1 status", "Q2 status", "Q2 commentary"]]
    for it in items:
        rows.append([it["ref"], it["priority"], it["title"], it["lead"], it["due"], it["q1"], it["q2"], f"Update on {it['ref']}"])
    path = write_workbook(folder / "corporate_tracker_2024-25.xlsx",
                          [SheetSpec("Cover", cover, fills=fills, merges=["A1:F1", "A4:F4"]), SheetSpec("Tracker", rows)])
    return path, truth_of(items, COVER_WORDS)


EXPORT_WORDS = {"Completed": "Complete", "In Progress": "Green", "Check Progress": "Amber", "Overdue": "Red"}
EXPORT_KEY = [["Status icon key"], [], ["Action status", "Meaning"], ["Completed", "Action complete"], ["In Progress", "On track"],
              ["Check Progress", "Some slippage - check with the action owner"], ["Overdue", "Behind schedule: past its due date"]]


@layout(FAMILY, "a performance system's export, its key sheet explaining each word in a sentence")
def build_export_with_explained_key(folder):
    items = items_of(EXPORT_WORDS, 10, seed=23)
    rows = [["Corporate Performance Report - Quarter 2 2024/25"], ["Generated on 15-Oct-2024 10:42"], [],
            ["Code", "Title", "Managed By", "Due Date", "Q1 2024/25 Status", "Q2 2024/25 Status", "Latest Note"]]
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q1"], it["q2"], f"Note on {it['ref']}"])
    path = write_workbook(folder / "q2_report.xlsx", [SheetSpec("Q2 Report", rows), SheetSpec("Status key", EXPORT_KEY)])
    return path, truth_of(items, EXPORT_WORDS)


def test_an_explained_key_teaches_its_word_and_a_percentage_progress_column_is_not_the_commentary(tmp_path):
    """A key row 'Check Progress | Some slippage - check with the action owner' teaches Amber; in a table of actions and
    PIs, 'Progress' holding 0.5 formatted 50% is not the milestones' commentary: 'Latest Note' is."""
    items = items_of(EXPORT_WORDS, 6, seed=24)
    rows = [["Corporate Performance Report - Quarter 2 2024/25"], [],
            ["Type", "Code", "Title", "Managed By", "Due Date", "Polarity", "Target", "Q1 2024/25 Value", "Q2 2024/25 Value",
             "Q1 2024/25 Status", "Q2 2024/25 Status", "Progress", "Latest Note"]]
    for i, it in enumerate(items):
        rows.append(["Action", it["ref"], it["title"], it["lead"], it["due"], None, None, None, None, it["q1"], it["q2"], i / 10,
                     f"Note on {it['ref']}"])
    for k in range(3):
        rows.append(["PI", f"PI{k}", f"Indicator {k}", "Performance Team", None, "Aim to Maximise", 50, 48, 52, "Warning", "OK", None, ""])
    path = write_workbook(tmp_path / "q2_report.xlsx", [SheetSpec("Q2 Report", rows, number_formats={"L4:L9": "0%"}),
                                                        SheetSpec("Status key", EXPORT_KEY)])
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert list(q2["commentary"]) == [f"Note on {it['ref']}" for it in items]
    assert list(q2["status"].astype(str)) == [EXPORT_WORDS[it["q2"]] for it in items]
    said = [p.message for p in messages(ms, "info")]
    assert any("'Check Progress' read as Amber, as the workbook's status key says (Status key!A6:B6)" in m for m in said)
    assert any("'Progress' is headed like commentary but holds figures" in m for m in said)


TYPED_WORDS = {"Complete": "Complete", "On schedule": "Green", "Minor slippage": "Amber", "Needs intervention": "Red"}


@layout(FAMILY, "a drop-down list typed in the rule, one status column")
def build_typed_dropdown(folder):
    items = items_of(TYPED_WORDS, 14, seed=5)
    rows = [["Environment Directorate delivery plan"], ["Quarter 2 2024/25"], [],
            ["Ref", "Action", "Responsible officer", "Deadline", "Progress status", "Update"]]
    section_rows = {0: "Priority 1: Net zero by 2030", 7: "Priority 2: Clean streets"}
    for i, it in enumerate(items):
        if i in section_rows:
            rows.append([section_rows[i]])
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q2"], f"Update on {it['ref']}"])
    rows += [[], ["Progress status is chosen from the drop-down list."]]
    path = write_workbook(folder / "environment_delivery_plan.xlsx",
                          [SheetSpec("Delivery plan", rows, merges=["A1:F1"], dropdowns={"E5:E60": list(TYPED_WORDS)})])
    return path, truth_of(items, TYPED_WORDS, periods=("2024/25 Q2",))


LOOKUP_WORDS = {"Completed": "Complete", "Progressing": "Green", "Recoverable": "Amber", "Critical": "Red", "Not started": "Not started"}
LOOKUP_FILLS = {"Completed": "Blue", "Progressing": "Green", "Recoverable": "Amber", "Critical": "Red"}


@layout(FAMILY, "a drop-down drawn from a hidden lookup sheet, its words coloured there")
def build_hidden_lookup(folder):
    items = items_of(LOOKUP_WORDS, 16, seed=8)
    lookups = [["Status", None, "Directorate"]]
    fills = {}
    for i, word in enumerate(LOOKUP_WORDS):
        lookups.append([word, None, ["Adults", "Children", "Place", "Resources", "Chief Executive's"][i]])
        if word in LOOKUP_FILLS:
            fills[f"A{i + 2}"] = LOOKUP_FILLS[word]
    rows = [["Adults and Health: milestones 2024/25"], [],
            ["Milestone ref", "Milestone", "Directorate", "Owner", "Due", "Q1 RAG", "Q2 RAG", "Comments"]]
    for it in items:
        rows.append([it["ref"], it["title"], "Adults", it["lead"], it["due"], it["q1"], it["q2"], None])
    n = 3 + len(items)
    path = write_workbook(folder / "adults_milestones.xlsx", [
        SheetSpec("Milestones", rows, dropdowns={f"F4:G{n + 20}": "Lookups!$A$2:$A$6", f"C4:C{n + 20}": "Lookups!$C$2:$C$6"}),
        SheetSpec("Lookups", lookups, fills=fills, hidden=True),
    ])
    return path, truth_of(items, LOOKUP_WORDS)


SWATCH_WORDS = {"Done": "Complete", "Going well": "Green", "Needs attention": "Amber", "Serious concern": "Red"}
SWATCH_FILLS = {"Done": "Blue", "Going well": "Green", "Needs attention": "Amber", "Serious concern": "Red"}


@layout(FAMILY, "a Key sheet of coloured swatches only, no colour words")
def build_swatch_key_sheet(folder):
    items = items_of(SWATCH_WORDS, 12, seed=13)
    key = [["How to read this tracker"], []]
    fills = {}
    for word, colour in SWATCH_FILLS.items():
        key.append([None, word])
        fills[f"A{len(key)}"] = colour
    key += [[], ["Ratings are agreed at the directorate management team."]]
    rows = [["Place Directorate tracker"], ["Q2 2024/25"], ["Ref", "What we will do", "Lead", "By when", "Rating", "Progress this quarter"]]
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q2"], f"Update on {it['ref']}"])
    path = write_workbook(folder / "place_tracker.xlsx", [SheetSpec("Key", key, fills=fills), SheetSpec("Q2 tracker", rows)])
    return path, truth_of(items, SWATCH_WORDS, periods=("2024/25 Q2",))


BRAG_LETTERS = {"B": "Complete", "G": "Green", "A": "Amber", "R": "Red", "P": "On hold"}


@layout(FAMILY, "a BRAG key on a Guidance sheet, with a letter of the council's own")
def build_brag_guidance(folder):
    items = items_of(BRAG_LETTERS, 20, seed=2)
    guidance = [["Guidance for completing the delivery plan return"], [],
                ["1. Update the BRAG rating for the quarter in the column for that quarter."],
                ["2. Give a short commentary for every milestone rated Red or Amber."], [],
                ["BRAG key"],
                ["B", "Blue", "Complete"], ["G", "Green", "On track"], ["A", "Amber", "At risk"], ["R", "Red", "Off track"],
                ["P", "Purple", "Paused"], [],
                ["Return the completed plan to the Performance Team by the 10th working day after the quarter end."]]
    fills = {"B7": "Blue", "B8": "Green", "B9": "Amber", "B10": "Red", "B11": "FF7030A0"}
    rows = [["Delivery Plan 2024/25"], [], ["Ref", "Key milestones", "Lead", "Original date", "Revised date", "Q1 BRAG", "Q2 BRAG", "Commentary"]]
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], None, it["q1"], it["q2"], None])
    path = write_workbook(folder / "delivery_plan_2024-25.xlsx", [SheetSpec("Guidance", guidance, fills=fills), SheetSpec("Plan", rows)])
    return path, truth_of(items, BRAG_LETTERS)


ORDER_WORDS = {"Achieved": "Complete", "On track": "Green", "Watching brief": "Amber", "Escalated": "Red"}


@layout(FAMILY, "a drop-down of a named range on a lookup sheet, statuses coloured in the cells")
def build_named_range_and_fills(folder):
    items = items_of(ORDER_WORDS, 10, seed=31)
    colour = {"Achieved": "Blue", "On track": "Green", "Watching brief": "Amber", "Escalated": "Red"}
    rows = [["Children's Services improvement milestones"], ["Quarter 2 2024/25"], [],
            ["No.", "Milestone", "Lead", "Target date", "Status", "Notes"]]
    fills = {}
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q2"], None])
        fills[f"E{len(rows)}"] = colour[it["q2"]]
    lists = [["Status list"], *([w] for w in ORDER_WORDS)]
    path = write_workbook(folder / "childrens_milestones.xlsx", [
        SheetSpec("Milestones", rows, fills=fills, dropdowns={"E5:E40": "StatusList"}),
        SheetSpec("Lists", lists, hidden=True),
    ])
    _define(path, "StatusList", "Lists!$A$2:$A$5")
    return path, truth_of(items, ORDER_WORDS, periods=("2024/25 Q2",))


def _define(path, name: str, target: str) -> None:
    """Give the saved workbook a defined name (a named range the drop-down draws from)."""
    from openpyxl import load_workbook
    from openpyxl.workbook.defined_name import DefinedName

    wb = load_workbook(path)
    wb.defined_names[name] = DefinedName(name, attr_text=target)
    wb.save(path)


PLAN_WORDS = {"Complete": "Complete", "Good progress": "On track", "Some concern": "At risk", "Significant concern": "Behind schedule"}


@layout(FAMILY, "an improvement plan with recommendation sections, its RAG key on the cover")
def build_improvement_plan_cover_key(folder):
    rng = random.Random(4)
    recs = ["Recommendation 1: Strengthen medium-term financial planning", "Recommendation 2: Improve the scrutiny function",
            "Recommendation 3: Build capacity for transformation"]
    cover = [["LGA Corporate Peer Challenge: improvement plan"], ["Progress to 30 September 2024"], [],
             ["RAG key"], ["Blue", "Complete"], ["Green", "Good progress"], ["Amber", "Some concern"], ["Red", "Significant concern"]]
    fills = {"A5": "Blue", "A6": "Green", "A7": "Amber", "A8": "Red"}
    rows = [["Improvement plan 2024/25"], ["Position at Q2 2024/25"], [],
            ["Ref", "Action", "Lead officer", "Deadline", "% complete", "RAG status", "Progress update"]]
    actions = []
    for k, rec in enumerate(recs):
        rows.append([rec])
        for j in range(4):
            word = list(PLAN_WORDS)[(k + j) % 4]
            pct = 1.0 if word == "Complete" else rng.choice([0.2, 0.4, 0.6])
            ref = f"{k + 1}.{j + 1}"
            actions.append((ref, word))
            rows.append([ref, f"Action {ref}", "Chief Executive", day(2025, 3, 31), pct, word, f"Update on {ref}"])
    statuses: dict[str, int] = {}
    for _, word in actions:
        statuses[PLAN_WORDS[word]] = statuses.get(PLAN_WORDS[word], 0) + 1
    path = write_workbook(folder / "peer_challenge_plan.xlsx", [SheetSpec("Cover", cover, fills=fills),
                                                               SheetSpec("Action plan", rows, number_formats={"E5:E20": "0%"})])
    return path, Truth({"actions": len(actions)}, "2024/25 Q2", {"actions": statuses},
                       {"actions": {"action_id": [ref for ref, _ in actions]}}, {"actions": ["2024/25 Q2"]})


KPI_WORDS = {"On or above target": "Green", "Slightly below target": "Amber", "Significantly below target": "Red", "Not available": "No data"}


@layout(FAMILY, "a KPI scorecard whose reported status comes from a drop-down typed in the rule")
def build_kpi_dropdown(folder):
    rng = random.Random(9)
    rows = [["Corporate KPI scorecard"], ["Quarter 2 2024/25"], [],
            ["Ref", "Indicator", "Polarity", "Target", "Q2 actual", "Performance status", "Comment"]]
    kpis = []
    for i in range(12):
        word = list(KPI_WORDS)[i % 4]
        target = rng.choice([80, 90, 95])
        actual = {"On or above target": target + 2, "Slightly below target": target - 1, "Significantly below target": target - 10,
                  "Not available": None}[word]
        ref = f"KPI {i + 1:02d}"
        kpis.append((ref, word))
        rows.append([ref, f"Indicator {i + 1} (%)", "Higher is better", target, actual, word, None])
    path = write_workbook(folder / "kpi_scorecard.xlsx", [SheetSpec("Scorecard", rows, dropdowns={"F5:F50": list(KPI_WORDS)})])
    return path, Truth({"measures": len(kpis)}, None, {}, {"measures": {"reported_status": [KPI_WORDS[w] for _, w in kpis]}},
                       {"measures": ["2024/25 Q2"]})


PARK_WORDS = {"Complete": "Complete", "Good progress": "Green", "Some progress": "Amber", "Limited progress": "Red", "Not started": "Not started"}


@layout(FAMILY, "a two-row header, each quarter merged over its own progress words and commentary, the words coloured")
def build_two_row_coloured_words(folder):
    """A national park's corporate plan: 'Q1 (Apr-Jun)' merged over 'Progress | Commentary', the first columns merged
    down both header rows, progress in the plan's own words, each cell filled in the key's colour."""
    items = items_of(PARK_WORDS, 9, seed=41)
    colour = {"Complete": "Blue", "Good progress": "Green", "Some progress": "Amber", "Limited progress": "Red", "Not started": "Grey"}
    rows = [["Anyshire Park Authority: Corporate Plan 2024/25 monitoring"], [],
            ["Ref", "What we will do", "Lead team", "By when", "Q1 (Apr-Jun)", None, "Q2 (Jul-Sep)", None],
            [None, None, None, None, "Progress", "Commentary", "Progress", "Commentary"]]
    fills = {}
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q1"], "Update", it["q2"], "Update"])
        fills[f"E{len(rows)}"], fills[f"G{len(rows)}"] = colour[it["q1"]], colour[it["q2"]]
    merges = ["E3:F3", "G3:H3", *(f"{c}3:{c}4" for c in "ABCD")]
    key = [["Progress key"], *([w] for w in PARK_WORDS)]
    path = write_workbook(folder / "park_corporate_plan.xlsx", [
        SheetSpec("Corporate Plan 2024-25", rows, fills=fills, merges=merges),
        SheetSpec("Key", key, fills={f"A{i + 2}": colour[w] for i, w in enumerate(PARK_WORDS)})])
    return path, truth_of(items, PARK_WORDS)


CSP_COLOURS = {"Complete": "Blue", "Green": "Green", "Amber": "Amber", "Red": "Red"}


@layout(FAMILY, "a partnership action plan rated in fill colours alone, both quarters, with commentary for the latest")
def build_fill_only_quarters(folder):
    """A community safety partnership's plan: 'Q1 RAG | Q2 RAG' coloured with no words, 'Q2 progress' written: the Q1
    column, with no words and no commentary of its own, was read as 'empty: not reported yet'."""
    items = items_of({k: k for k in CSP_COLOURS}, 11, seed=52)
    rows = [["Anyshire Community Safety Partnership: Partnership Plan 2024-27"], ["Action plan 2024/25: monitoring to end of September 2024"], [],
            ["Strategic priority", "Ref", "Action", "Partner lead", "By when", "Q1 RAG", "Q2 RAG", "Q2 progress"]]
    fills = {}
    for it in items:
        rows.append([it["priority"], it["ref"], it["title"], it["lead"], it["due"], None, None, f"Progress on {it['ref']}"])
        fills[f"F{len(rows)}"], fills[f"G{len(rows)}"] = CSP_COLOURS[it["q1"]], CSP_COLOURS[it["q2"]]
    path = write_workbook(folder / "csp_plan.xlsx", [SheetSpec("Plan", rows, fills=fills)])
    return path, truth_of(items, {k: k for k in CSP_COLOURS})


# ---------------------------------------------------------------------------------------------- focused tests


def messages(frame, severity=None):
    return [p for p in frame.attrs["problems"] if severity is None or p.severity == severity]


def test_the_cover_key_teaches_its_words_said_naming_the_key_and_the_cells(tmp_path):
    path, truth = build_cover_key(tmp_path)
    ms = perfkit.read_workbook(path)["milestones"]
    at = ms[ms["period"] == perfkit.parse_span(truth.period).end]
    assert at["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]
    said = {p.value: p for p in messages(ms, "info") if "as the workbook's status key says" in p.message}
    assert said["Steady"].message.startswith("status 'Steady' read as Green, as the workbook's status key says (Cover!A8:B8)")
    assert said["Stuck"].source.startswith("Tracker!G") and said["Stuck"].value == "Stuck"
    assert not messages(ms, "warning")
    entry = next(e for e in ms.attrs["inventory"] if e.sheet == "Cover")
    assert entry.status == "not read" and entry.note.startswith("a status key (Cover!A6:B10: Blue = Delivered")


def test_the_key_sheet_is_a_key_in_the_inventory_not_an_unread_tracker(tmp_path):
    path, _ = build_swatch_key_sheet(tmp_path)
    report = perfkit.validate(path)
    key = next(e for e in report.inventory if e.sheet == "Key")
    assert key.severity == "info" and key.note.startswith("a status key or list (Key!B3:B6: Done, Going well, Needs attention")
    learnt = {p.value: p.message for p in report if "the workbook's status key colours it" in p.message}
    assert learnt["Needs attention"] == "status 'Needs attention' read as Amber: the workbook's status key colours it (Key!B5)"
    # the scale's 'serious concerns' in the singular: read as the scale says, and said (the key's colour agrees)
    assert any(p.message.startswith("status 'Serious concern' read as Red on the RAG scale") for p in report)


def test_a_typed_drop_down_places_a_word_by_its_order_said_with_the_toml_line(tmp_path):
    path, truth = build_typed_dropdown(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]
    note = next(p for p in messages(ms) if p.value == "Needs intervention")
    assert note.severity == "info" and note.source.startswith("Delivery plan!E")
    assert "the drop-down at Delivery plan!E5:E60 offers Complete, On schedule, Minor slippage, Needs intervention in order" in note.message
    assert '"Needs intervention" = "Red"' in note.message


def test_the_hidden_lookup_sheet_colours_the_words_and_is_said(tmp_path):
    path, _ = build_hidden_lookup(tmp_path)
    ms = perfkit.read_milestones(path)
    note = next(p for p in messages(ms) if p.value == "Critical")
    assert note.message == "status 'Critical' read as Red: the drop-down's list colours it red (#C00000) (Lookups!A5)"


def test_a_word_only_the_drop_down_offers_is_an_error_naming_the_cell_and_the_toml_line(tmp_path):
    words = ["Fully achieved", "Progressing", "Concerns", "Grave worries"]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"]]
    for i, w in enumerate(words):
        rows.append([f"M{i + 1}", f"Milestone {i + 1}", day(2025, 3, 31), w])
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows, dropdowns={"D3:D20": words})])
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_milestones(path)
    errors = [p for p in err.value.problems if p.severity == "error"]
    assert [p.source for p in errors] == ["Tracker!D3", "Tracker!D4", "Tracker!D5", "Tracker!D6"]
    concerns = errors[2].message
    assert concerns.startswith("status 'Concerns' is one of the words the drop-down at Tracker!D3:D20 offers "
                               "(Fully achieved, Progressing, Concerns, Grave worries), but nothing in the workbook says which")
    # no example status for a word only near others by its letters ('Concerns' is nearest 'no concerns', Green; a town
    # council's 'Live' nearest 'delivered', Complete): the line to fill in, blank
    assert 'between the second quotes: "Concerns" = ""' in concerns
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Fully achieved" = "Complete"\n"Progressing" = "Green"\n'
                                           '"Concerns" = "Amber"\n"Grave worries" = "Red"\n', encoding="utf-8")
    assert perfkit.read_milestones(path)["status"].astype(str).tolist() == ["Complete", "Green", "Amber", "Red"]


def test_ordinary_rag_words_never_load_openpyxl(tmp_path, monkeypatch):
    rows = [["Milestone tracker Q2 2024/25"], [], ["Ref", "Milestone", "Lead", "Due date", "Status"]]
    for i, w in enumerate(["Green", "Amber", "Red", "Complete", "On track", "G", "Not started"]):
        rows.append([f"M{i + 1}", f"Milestone {i + 1}", "A Khan", day(2025, 3, 31), w])
    cover = [["Milestone tracker"], [], ["Key"], ["Green", "On track"], ["Amber", "At risk"], ["Red", "Off track"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Cover", cover), SheetSpec("Tracker", rows, dropdowns={"E4:E40": ["Green", "Amber", "Red"]})])

    def refused(self):
        raise AssertionError("openpyxl loaded for a workbook of ordinary statuses")

    monkeypatch.setattr(Workbook, "formatted", refused)
    frames = perfkit.read_workbook(path)
    assert frames["milestones"]["status"].astype(str).tolist() == ["Green", "Amber", "Red", "Complete", "Green", "Green", "Not started"]


def test_a_key_sheet_that_contradicts_a_default_word_is_a_warning_naming_the_cell(tmp_path):
    key = [["RAG key"], ["Green", "Complete"], ["Amber", "At risk"], ["Red", "Off track"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Green"], ["M2", "Close the depot", day(2025, 3, 31), "Red"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Key", key), SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    warned = [p for p in messages(ms, "warning") if "status key says" in p.message]
    assert [p.source for p in warned] == ["Key!A2:B2"]
    assert "Green means 'Complete', which perfkit reads as Complete, not Green" in warned[0].message
    assert ms["status"].astype(str).tolist() == ["Green", "Red"]  # the default stands: nothing silently changed


def test_the_tables_own_key_beats_the_cover_key(tmp_path):
    cover = [["Status key"], ["Red", "Stuck"], ["Amber", "Slow"], ["Green", "Moving"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Stuck"], ["M2", "Close the depot", day(2025, 3, 31), "Moving"],
            [], ["Key"], ["Amber", "Stuck"], ["Green", "Moving"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Cover", cover), SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Amber", "Green"]
    assert ms["milestone_id"].nunique() == 2


def test_a_word_coloured_in_its_cells_is_read_from_the_colour_and_said(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Behind plan"], ["M2", "Close the depot", day(2025, 3, 31), "Behind plan"],
            ["M3", "New depot", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows, fills={"D3": "Red", "D4": "Red"})])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Red", "Red", "Green"]
    note = next(p for p in messages(ms) if p.value == "Behind plan")
    assert note.source == "Tracker!D3:D4" and note.message == "status 'Behind plan' read as Red: every cell holding it is filled red (#C00000)"


def test_cells_of_one_word_in_different_colours_are_not_guessed(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Behind plan"], ["M2", "Close the depot", day(2025, 3, 31), "Behind plan"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows, fills={"D3": "Red", "D4": "Amber"})])
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_milestones(path)
    assert [p.source for p in err.value.problems if p.severity == "error"] == ["Tracker!D3", "Tracker!D4"]


@pytest.mark.parametrize("words, expected", [
    (["Complete", "On schedule", "Minor slippage", "Needs intervention"], {"Needs intervention": "Red"}),
    (["Needs intervention", "Minor slippage", "On schedule", "Complete"], {"Needs intervention": "Red"}),
    (["Complete", "Good progress", "Some issues", "Off track"], {"Good progress": "Green"}),
    (["Complete", "On track", "Needs intervention", "Not started"], {}),  # Amber and Red both missing, one word: not plain
    (["Complete", "On track", "At risk", "Awaiting update"], {}),  # a word that says no rating: never placed by order
    (["On track", "Needs intervention", "Complete"], {}),  # the known words do not run one way
    (["Complete", "On track", "At risk", "Off track", "Not started", "Awaiting update"], {}),  # after an unrated word
    (["Fully achieved", "Progressing", "Concerns"], {}),
    # the rated words ending before the list's closing unrated ones: as at the list's end
    (["Complete", "On schedule", "Slightly behind", "Seriously behind", "N/A"], {"Seriously behind": "Red"}),
    (["Complete", "On track", "At risk", "Parked", "N/A"], {}),  # work taken off the plan: never placed by order
])
def test_a_drop_downs_order_places_a_word_only_where_it_is_plain(words, expected):
    from perfkit.core.status import DEFAULT_SCALE
    from perfkit.read.evidence import words_by_order

    assert words_by_order(words, DEFAULT_SCALE) == expected


def test_a_key_laid_out_as_a_table_on_the_cover_is_never_read_as_items(tmp_path):
    cover = [["Status", "Description"], ["Blue", "Complete: delivered"], ["Green", "On track to be delivered by the due date"],
             ["Amber", "Some risk to delivery by the due date"], ["Red", "Will not be delivered by the due date"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["M1", "Open the hub", "A Khan", day(2024, 12, 31), "Red"], ["M2", "Close the depot", "B Jones", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Cover", cover), SheetSpec("Tracker", rows)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["milestones"] and frames["milestones"]["milestone_id"].tolist() == ["M1", "M2"]
    entry = next(e for e in frames["milestones"].attrs["inventory"] if e.sheet == "Cover")
    assert entry.status == "not read" and entry.note.startswith("a status key (Cover!A1:B5: Blue = Complete: delivered, Green = On track")
    assert entry.note.endswith('if it holds milestones, say so in perfkit.toml: [sheets."Cover"] kind = "milestones"')


@pytest.mark.parametrize("key", [
    [["Key"], ["On schedule", "Green"], ["Minor slippage", "Amber"], ["Needs intervention", "Red"]],
    [["RAG key"], ["G = on schedule"], ["A = minor slippage"], ["R = needs intervention"]],
    [["Colour", "Status", "What it means"], ["Green", "On schedule", "Will be delivered by the due date"],
     ["Amber", "Minor slippage", "Up to three months late"], ["Red", "Needs intervention", "More than three months late"]],
    [["Key: B = complete, G = on schedule, A = minor slippage, R = needs intervention"]],
    [["Key"], ["Complete (Blue)"], ["On schedule (Green)"], ["Minor slippage (amber)"], ["Needs intervention (RED)"]],
    [["Status key"], ["Green (on schedule)"], ["Amber (minor slippage)"], ["Red (needs intervention)"]],
    [["Key: Complete (Blue), On schedule (Green), Minor slippage (Amber), Needs intervention (Red)"]],
])
def test_a_guidance_sheets_key_in_any_of_its_forms_teaches_its_word(tmp_path, key):
    guidance = [["Guidance notes"], ["Rate each milestone at the end of the quarter."], [], *key]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["M1", "Open the hub", "A Khan", day(2024, 12, 31), "Needs intervention"], ["M2", "Close the depot", "B Jones", day(2025, 3, 31), "On schedule"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Guidance", guidance), SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Red", "Green"]
    note = next(p for p in messages(ms) if p.value == "Needs intervention")
    assert note.source == "Tracker!E3" and "as the workbook's status key says (Guidance!A" in note.message


def _as_excel_2010_rule(path, sheet_xml: str, target: str, cells: str) -> None:
    """Rewrite a saved workbook's drop-down as Excel 2010 writes a list on another sheet (x14, which openpyxl drops)."""
    import re
    import shutil
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == sheet_xml:
                xml = re.sub(rb"<dataValidations.*?</dataValidations>", b"", data.decode().encode(), flags=re.DOTALL).decode()
                ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                       'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" '
                       'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1">'
                       f'<x14:formula1><xm:f>{target}</xm:f></x14:formula1><xm:sqref>{cells}</xm:sqref></x14:dataValidation>'
                       '</x14:dataValidations></ext></extLst>')
                data = xml.replace("</worksheet>", ext + "</worksheet>").encode()
            out.writestr(item, data)
    shutil.move(tmp, path)


def test_an_excel_2010_drop_down_on_a_whole_column_of_a_hidden_sheet_is_followed(tmp_path):
    lookups = [["RAG"], ["Complete"], ["On schedule"], ["Minor slippage"], ["Needs intervention"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Needs intervention"], ["M2", "Close the depot", day(2025, 3, 31), "Complete"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows), SheetSpec("Data", lookups, hidden=True)])
    _as_excel_2010_rule(path, "xl/worksheets/sheet1.xml", "'Data'!$A:$A", "D3:D100")
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Red", "Complete"]
    note = next(p for p in messages(ms) if p.value == "Needs intervention")
    assert "the drop-down at Tracker!D3:D100 offers Complete, On schedule, Minor slippage, Needs intervention (from Data!A:A)" in note.message


def test_a_drop_down_the_status_cells_do_not_use_changes_nothing(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "Needs intervention"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows, dropdowns={"B3:B20": ["Complete", "On schedule", "Minor slippage",
                                                                                                 "Needs intervention"]})])
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_milestones(path)
    assert [p.message.startswith("unknown status 'Needs intervention'") for p in err.value.problems if p.severity == "error"] == [True]


def test_after_perfkit_init_the_key_sheet_is_ignored_as_data_but_still_teaches_its_words(tmp_path):
    from perfkit.cli.starter import write_starter

    path, truth = build_cover_key(tmp_path)
    text = write_starter(path).read_text(encoding="utf-8")
    assert '[sheets."Cover"]' in text and 'kind = "ignore"           # a status key (Cover!A6:B10' in text
    report = perfkit.validate(path)
    assert not report.errors
    ms = perfkit.read_milestones(path)
    assert ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end]["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]


def test_perfkit_toml_beats_what_a_key_says(tmp_path):
    guidance = [["Status key"], ["C", "Cancelled"], ["G", "On track"], ["OT", "Off track"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "C"], ["M2", "Close the depot", day(2025, 3, 31), "OT"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Guidance", guidance), SheetSpec("Tracker", rows)])
    assert perfkit.read_milestones(path)["status"].astype(str).tolist() == ["Cancelled", "Red"]  # the key's own codes
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"C" = "Complete"\n"OT" = "Amber"\n', encoding="utf-8")
    assert perfkit.read_milestones(path)["status"].astype(str).tolist() == ["Complete", "Amber"]


def test_blue_in_a_key_is_complete(tmp_path):
    key = [["BRAG key"], ["Blue", "Signed off"], ["Green", "On track"], ["Amber", "At risk"], ["Red", "Off track"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 6, 30), "Signed off"], ["M2", "Close the depot", day(2024, 6, 30), "Off track"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Key", key), SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Complete", "Red"]  # so M1 is never overdue
    fig = perfkit.quarter_figures(ms, None, "2024/25 Q2")
    assert fig.to_dict()["milestones"]["overdue"] == ["M2"]


@layout("keys and drop-downs", "colour swatches beside their words on a key sheet; statuses as fills only; Q3-Q4 not yet coloured")
def build_swatch_key(folder):
    colours = {"Completed": "FF00703C", "On track": "FF92D050", "Some issues": "FFFFC000", "Significant issues": "FFFF0000",
               "Not yet started": "FFA6A6A6"}
    means = {"Completed": "Complete", "On track": "Green", "Some issues": "Amber", "Significant issues": "Red",
             "Not yet started": "Not started"}
    key_rows = [["Colour key"], []] + [[None, word] for word in colours]
    key_fills = {f"A{3 + i}": rgb for i, rgb in enumerate(colours.values())}
    items = [("L1", "Completed", "Completed"), ("L2", "On track", "Some issues"), ("L3", "Some issues", "Significant issues"),
             ("L4", "Not yet started", "Not yet started"), ("L5", "On track", "Completed")]
    rows = [["Annual Delivery Plan 2024/25 - Leader portfolio"], [], ["Ref", "Action", "Lead Officer", "Deadline", "Q1", "Q2", "Q3", "Q4"]]
    fills = {}
    for i, (ref, q1, q2) in enumerate(items):
        r = 4 + i
        rows.append([ref, f"Action {ref}", "Chief Executive", day(2025, 3, 31), None, None, None, None])
        fills[f"E{r}"], fills[f"F{r}"] = colours[q1], colours[q2]
    path = write_workbook(folder / "delivery_plan_2024-25.xlsx", [SheetSpec("Key", key_rows, fills=key_fills),
                                                                 SheetSpec("Leader", rows, fills=fills)])
    q2 = {}
    for _, _, w in items:
        q2[means[w]] = q2.get(means[w], 0) + 1
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": q2}, {}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_a_swatch_names_its_colour_even_where_the_hue_says_otherwise(tmp_path):
    path, truth = build_swatch_key(tmp_path)
    ms = perfkit.read_milestones(path)
    assert sorted(str(p) for p in ms["period"].unique()) == ["2025Q1", "2025Q2"]  # the uncoloured Q3 and Q4 are not reported yet
    now = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]["status"].astype(str).value_counts().to_dict()
    assert now == truth.statuses["milestones"]  # dark green is Completed, as the key says; grey is Not yet started
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]


@layout("keys and drop-downs", "a four-step scale of the council's own with a graded step, coloured in a key under the table")
def build_graded_scale(folder):
    own = {"Delivered": ("Complete", "FF8EA9DB"), "On course": ("Green", "FFA9D08E"),
           "Off course – recoverable": ("Amber", "FFFFD966"), "Off course": ("Red", "FFF4B084")}
    items = [("Safe homes", "Gas safety compliance", "On course", "On course"),
             (None, "Damp and mould survey", "On course", "Delivered"),
             (None, "Kitchen programme", "Off course – recoverable", "Off course"),
             ("Tenants", "Satisfaction action plan", "On course", "Off course – recoverable"),
             (None, "Tenant scrutiny panel", "Delivered", "Delivered"),
             (None, "Complaints policy", "Off course", "Off course – recoverable")]
    rows = [["Housing delivery tracker 2024/25"], [],
            ["#", "Commitment", "Deliverable", "Accountable Director", "Target completion", "Apr–Jun 2024 position", "Jul–Sep 2024 position"]]
    fills = {}
    for i, (group, title, q1, q2) in enumerate(items):
        r = 4 + i
        rows.append([i + 1, group, title, "Director of Housing", day(2025, 3, 31), q1, q2])
        fills[f"F{r}"], fills[f"G{r}"] = own[q1][1], own[q2][1]
    rows += [[], ["Key:"]] + [[word] for word in own]
    for k, word in enumerate(own):
        fills[f"A{len(items) + 6 + k}"] = own[word][1]
    path = write_workbook(folder / "hra_tracker.xlsx", [SheetSpec("Delivery", rows, fills=fills)])
    q2 = {}
    for *_, w in items:
        q2[own[w][0]] = q2.get(own[w][0], 0) + 1
    groups = []
    for group, *_ in items:
        groups.append(group or groups[-1])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": q2}, {"milestones": {"priority": groups}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_a_graded_step_of_the_councils_own_scale_is_read_from_its_key(tmp_path):
    path, truth = build_graded_scale(tmp_path)
    ms = perfkit.read_milestones(path)
    now = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]
    assert now["status"].astype(str).value_counts().to_dict() == truth.statuses["milestones"]
    assert list(now["title"])[0] == "Gas safety compliance"  # the names are the deliverables, the commitments their groups
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]


MATURITY = {"Embedded": "Complete", "Developing": "Green", "Emerging": "Amber", "Not yet begun": "Red"}


@layout(FAMILY, "a key under the table: its words alone in the status column under a 'Key' row, taught in perfkit.toml",
        config="[status.words]\n" + "".join(f'"{w}" = "{s}"\n' for w, s in MATURITY.items()))
def build_key_in_the_status_column(folder):
    items = items_of(MATURITY, 9, seed=33)
    rows = [["Organisational development plan 2024/25"], [],
            ["Ref", "Priority", "Action", "Lead officer", "Target date", "Q1 status", "Q2 status", "Q2 commentary"]]
    for it in items:
        rows.append([it["ref"], it["priority"], it["title"], it["lead"], it["due"], it["q1"], it["q2"], f"Update on {it['ref']}"])
    rows += [[], ["Key"]] + [[None] * 6 + [word] for word in MATURITY]
    path = write_workbook(folder / "od_plan_2024-25.xlsx", [SheetSpec("Plan", rows)])
    return path, truth_of(items, MATURITY)


OWN_LIST = {"Delivered": "Complete", "Steady": "Green", "Some slippage": "Amber", "Stuck": "Red"}


@layout(FAMILY, "a status column headed in the council's own words ('Where are we?'), its cells chosen from a drop-down")
def build_status_found_by_its_dropdown(folder):
    items = items_of(OWN_LIST, 12, seed=44)
    rows = [["Corporate commitments: position at September 2024"], [],
            ["No.", "Milestone", "Responsible officer", "By when", "Where are we?", "Narrative"]]
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q2"], f"Update on {it['ref']}"])
    path = write_workbook(folder / "commitments_q2_2024-25.xlsx",
                          [SheetSpec("Commitments", rows, dropdowns={"E4:E60": list(OWN_LIST)})])
    return path, truth_of(items, OWN_LIST, periods=("2024/25 Q2",))


def test_a_drop_down_of_names_is_never_taken_for_the_status(tmp_path):
    """Only a list of statuses makes a column the status: a drop-down of services beside words perfkit cannot place is not."""
    rows = [["Delivery plan 2024/25 Q2"], [], ["Ref", "Milestone", "Lead officer", "Who delivers it", "Due", "How is it going?"]]
    services = ["Housing", "Planning", "Finance"]
    rows += [[f"M{i}", f"Milestone {i}", LEADS[i % 4], services[i % 3], day(2025, 3, 31), ["Steady", "Wobbly", "Stuck"][i % 3]]
             for i in range(8)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows, dropdowns={"D4:D40": services})])
    with pytest.raises(perfkit.LayoutError, match="found no milestones header row|could not find its header"):
        perfkit.read_milestones(path)


SELF_ASSESSMENT = {"Complete": "Complete", "Good": "Green", "Adequate": "Amber", "Limited": "Red"}


@layout(FAMILY, "a 'Progress key' under the table, each word beside its meaning in the reference and name columns")
def build_progress_key_under_the_table(folder):
    items = items_of(SELF_ASSESSMENT, 10, seed=55)
    rows = [["Annual self-assessment: progress against our well-being objectives 2024-25"], [],
            ["Step ref", "Steps we will take", "Lead Head of Service", "Timescale", day(2024, 6, 30), day(2024, 9, 30), "Latest progress"]]
    for it in items:
        rows.append([it["ref"], it["title"], it["lead"], it["due"], it["q1"], it["q2"], "Progress narrative."])
    rows += [[], ["Progress key"], ["Complete", "The step has been delivered"], ["Good", "On track to deliver within the timescale"],
             ["Adequate", "Some slippage; action in hand to recover"], ["Limited", "Significant slippage; unlikely to be delivered in time"]]
    # each status cell coloured as its word means, as officers colour them
    fills = {f"{col}{4 + i}": SELF_ASSESSMENT[it[q]] if SELF_ASSESSMENT[it[q]] != "Complete" else "Blue"
             for i, it in enumerate(items) for col, q in (("E", "q1"), ("F", "q2"))}
    path = write_workbook(folder / "self_assessment_2024-25.xlsx", [SheetSpec("WBO steps", rows, fills=fills)])
    return path, truth_of(items, SELF_ASSESSMENT)


BRACKETED = {"Delivered": "Complete", "Steady": "Green", "Wobbly": "Amber", "Stuck": "Red"}


@layout(FAMILY, "a key on the cover written word (colour), one line each, words of the council's own")
def build_cover_key_word_then_colour(folder):
    items = items_of(BRACKETED, 12, seed=67)
    cover = [["Council Plan tracker 2024/25"], ["Quarter 2 (July to September 2024)"], [], ["Key"],
             ["Delivered (Blue)"], ["Steady (green)"], ["Wobbly (Amber)"], ["Stuck (RED)"]]
    rows = [["Ref", "Action", "Lead", "Due date", "Q1 status", "Q2 status", "Comment"]]
    rows += [[it["ref"], it["title"], it["lead"], it["due"], it["q1"], it["q2"], "Update"] for it in items]
    path = write_workbook(folder / "council_plan_tracker.xlsx", [SheetSpec("Cover", cover), SheetSpec("Tracker", rows)])
    return path, truth_of(items, BRACKETED)


POSITION_WORDS = {"Delivered": "Complete", "On plan": "Green", "Behind plan": "Amber", "Critical": "Red"}
POSITION_FILLS = {"Delivered": "Blue", "On plan": "Green", "Behind plan": "Amber", "Critical": "Red"}


@layout(FAMILY, "a tab per priority, 'Position Sep-24 | Position Dec-24' chosen from a hidden lookup's coloured words, no references")
def build_positions_from_a_lookup(folder):
    tabs = {"Economy": items_of(POSITION_WORDS, 4, seed=61), "Environment": items_of(POSITION_WORDS, 4, seed=62)}
    lookups = [["Position"]] + [[w] for w in POSITION_WORDS]
    fills = {f"A{i + 2}": POSITION_FILLS[w] for i, w in enumerate(POSITION_WORDS)}
    sheets, every = [], []
    for tab, items in tabs.items():
        rows = [[f"Council Plan 2024/25: {tab} priority - progress to December 2024"], [],
                ["Deliverable", "Lead Service", "Head of Service", "Target date", "Position Sep-24", "Position Dec-24", "Commentary"]]
        for i, it in enumerate(items):
            it["title"] = f"{tab} deliverable {i + 1}"
            rows.append([it["title"], f"{tab} service {i + 1}", it["lead"], it["due"], it["q1"], it["q2"], "Update"])
            every.append(it)
        sheets.append(SheetSpec(tab, rows, dropdowns={"E4:F40": "Lookups!$A$2:$A$5"}))
    path = write_workbook(folder / "council_plan_priorities_dec_2024.xlsx", [*sheets, SheetSpec("Lookups", lookups, fills=fills, hidden=True)])
    statuses: dict[str, int] = {}
    for it in every:
        statuses[POSITION_WORDS[it["q2"]]] = statuses.get(POSITION_WORDS[it["q2"]], 0) + 1
    return path, Truth({"milestones": len(every)}, "2024/25 Q3", {"milestones": statuses}, {},
                       {"milestones": ["2024/25 Q2", "2024/25 Q3"]})


def test_a_tab_per_priority_groups_the_figures_when_a_column_gives_each_item_its_own(tmp_path):
    path, _ = build_positions_from_a_lookup(tmp_path)
    frames = perfkit.read_workbook(path)
    fig = perfkit.quarter_figures(frames["milestones"], None, "2024/25 Q3")
    # 'Lead Service' (each item's lead) names a different service on every row: the tabs, each a directorate, group the figures
    assert fig.by in ("sheet", "directorate") and set(fig.milestone_summary[fig.by]) == {"All", "Economy", "Environment"}, fig.by


def test_an_action_plans_key_on_the_cover_gives_words_the_default_scale_knows_their_action_status(tmp_path):
    """'Some concerns' under Amber on the cover: the default scale knows the words (Amber), so the key's row was not
    kept, and the action plan's own scale, which does not know them, refused every such cell."""
    cover = [["Peer challenge improvement plan"], [], ["RAG key"], ["Blue", "Complete"], ["Green", "Good progress"],
             ["Amber", "Some concerns"], ["Red", "Significant concerns"]]
    fills = {"A4": "Blue", "A5": "Green", "A6": "Amber", "A7": "Red"}
    rows = [["Improvement plan 2024/25"], ["Position at Q2 2024/25"], [], ["Ref", "Action", "Lead officer", "Deadline", "% complete", "RAG status"],
            ["Recommendation 1: Finance"], ["1.1", "Set a balanced budget", "S151", day(2025, 3, 31), 0.5, "Some concerns"],
            ["1.2", "Close the gap", "S151", day(2025, 3, 31), 0.5, "Significant concerns"],
            ["Recommendation 2: Scrutiny"], ["2.1", "Train members", "Monitoring Officer", day(2025, 3, 31), 1.0, "Complete"],
            ["2.2", "Work programme", "Monitoring Officer", day(2025, 3, 31), 0.2, "Good progress"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Cover", cover, fills=fills), SheetSpec("Action plan", rows)])
    acts = perfkit.read_actions(path)
    assert dict(zip(acts["action_id"], acts["status"].astype(str))) == {"1.1": "At risk", "1.2": "Behind schedule", "2.1": "Complete",
                                                                          "2.2": "On track"}


def test_a_quarters_progress_words_coloured_as_statuses_under_a_two_row_header_are_its_statuses(tmp_path):
    """'Progress' under a merged 'Q1 (Apr-Jun)', in the plan's own words each filled in its status colour, is the quarter's
    status, not commentary: read before from the upper header row alone, 'Progress' was an unknown status and the
    dates' header 'By when' not a date, and nothing was read."""
    path, truth = build_two_row_coloured_words(tmp_path)
    ms = perfkit.read_milestones(path)
    for period, field in (("2024/25 Q1", "q1"), ("2024/25 Q2", "q2")):
        at = ms[ms["period"] == perfkit.parse_span(period).end]
        want = truth_of(items_of(PARK_WORDS, 9, seed=41), PARK_WORDS, field=field).statuses["milestones"]
        assert at["status"].astype(str).value_counts().to_dict() == want
    assert ms["due_date"].notna().all()
    said = [p.message for p in messages(ms, "info") if p.source == "Corporate Plan 2024-25!E4"]
    assert said and "status words rather than commentary" in said[0]


def test_a_progress_column_chosen_from_a_drop_down_of_statuses_is_the_action_plans_status_not_its_commentary(tmp_path):
    """'Progress' chosen from a drop-down of statuses beside '% complete' and 'Update': read before as the commentary,
    every action took its status from its percentage, and the five part done were No data."""
    rows = [["Office of the Police and Crime Commissioner"], ["Police and Crime Plan delivery plan: position at Quarter 2 2024/25"], [],
            ["Ref", "Activity", "Lead", "Completion by", "% complete", "Progress", "Update"]]
    plan = [("1.1", day(2025, 3, 31), 0.6, "In progress - on schedule"), ("1.2", day(2024, 6, 30), 1.0, "Completed"),
            ("1.3", day(2024, 8, 31), 0.7, "In progress - behind schedule"), ("2.1", day(2024, 12, 31), 0.4, "In progress - on schedule"),
            ("2.2", day(2024, 9, 1), 0.9, "In progress - behind schedule"), ("2.3", day(2025, 3, 31), 0, "Not yet started")]
    for ref, due, pct, word in plan:
        rows.append([ref, f"Activity {ref}", "Force", due, pct, word, "Update"])
    words = ["Not yet started", "In progress - on schedule", "In progress - behind schedule", "Completed"]
    path = write_workbook(tmp_path / "delivery_plan.xlsx", [SheetSpec("Delivery Plan", rows, dropdowns={"F5:F20": words},
                                                                      number_formats={"E5:E20": "0%"})])
    actions = perfkit.read_actions(path)
    assert actions["status"].astype(str).tolist() == ["On track", "Complete", "Behind schedule", "On track", "Behind schedule", "Not started"]
    assert actions["commentary"].str.contains("Update").all()
    said = next(p for p in messages(actions, "info") if p.source == "Delivery Plan!F4")
    assert "drop-down list of statuses" in said.message


@pytest.mark.parametrize("kind", ["milestones", "actions"])
def test_a_quarter_rated_in_colours_alone_beside_one_with_commentary_is_read(tmp_path, kind):
    """Q1's colours were dropped ('column is empty: 2024/25 Q1 not reported yet'), silently: no Q1, no movement."""
    path, _ = build_fill_only_quarters(tmp_path)
    items = items_of({k: k for k in CSP_COLOURS}, 11, seed=52)
    frame = perfkit.read_workbook(path, config={"sheets": {"Plan": {"kind": kind}}})[kind]
    words = {"milestones": {}, "actions": {"Green": "On track", "Amber": "At risk", "Red": "Behind schedule"}}[kind]
    for period, field in (("2024/25 Q1", "q1"), ("2024/25 Q2", "q2")):
        at = frame[frame["period"] == perfkit.parse_span(period).end]
        want: dict[str, int] = {}
        for it in items:
            want[words.get(it[field], it[field])] = want.get(words.get(it[field], it[field]), 0) + 1
        assert at["status"].astype(str).value_counts().to_dict() == want, period


def test_a_drop_down_word_nothing_places_is_asked_for_with_no_guess_that_could_be_copied(tmp_path):
    """'Stuck' from a town council's drop-down (Done / In hand / Stuck / Not yet started): the error's example read
    '"Stuck" = "On track"', the opposite of what it means, for an officer to copy."""
    rows = [["Town council action plan 2024/25: position at 30 September 2024"], ["No.", "Action", "Due date", "Jul-Sep 24"],
            ["1", "Repaint the bus shelter", day(2024, 9, 30), "Done"], ["2", "New noticeboard", day(2024, 12, 31), "In hand"],
            ["3", "Play area survey", day(2024, 8, 31), "Stuck"], ["4", "Allotment review", day(2025, 3, 31), "Not yet started"]]
    words = ["Done", "In hand", "Stuck", "Not yet started"]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Action Plan", rows, dropdowns={"D3:D20": words})])
    errors = [p for p in perfkit.validate(path).errors if p.value == "Stuck"]
    assert errors and 'with the status it means between the second quotes: "Stuck" = ""' in errors[0].message
    assert '"Stuck" = "On track"' not in errors[0].message


def test_a_status_sentence_under_the_table_is_a_key_and_a_word_in_the_other_number_is_its_status(tmp_path):
    """`Status: On track = Green; Steady = Amber; Off track = Red; Completed = Complete` under the table: a key with a
    label of its own, not a note (the tracker was refused on 'Steady'). And `Some concern` is the scale's 'some concerns',
    read as Amber and said, not refused with a 'did you mean' that perfkit could act on itself."""
    rows = [["Cabinet Quarterly Performance Report - Quarter 2 2024/25"], [],
            ["Ref", "Priority", "Milestone", "Lead", "Deadline", "Q1 status", "Q2 status"],
            ["P1", "Homes", "Adopt the Local Plan", "Head of Planning", day(2024, 12, 31), "On track", "Steady"],
            ["P2", "Homes", "Start Phase 2 homes", "Housing Manager", day(2024, 9, 30), "On track", "Completed"],
            ["P3", "Environment", "Air quality plan published", "EH Manager", day(2024, 8, 31), "Some concern", "Off track"],
            ["P4", "Environment", "Tree planting", "Parks Manager", day(2025, 3, 31), "Steady", "Some concern"],
            [], ["Status: On track = Green; Steady = Amber; Off track = Red; Completed = Complete"]]
    path = write_workbook(tmp_path / "cabinet.xlsx", [SheetSpec("Q2 Performance", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report]
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("milestone_id")["status"].astype(str).to_dict()
    assert q2 == {"P1": "Amber", "P2": "Complete", "P3": "Red", "P4": "Amber"}
    said = [p.message for p in report]
    assert any(m.startswith("status key: On track = Green, Steady = Amber") for m in said), said
    assert any("status 'Some concern' read as Amber" in m for m in said), said


def test_a_contents_sheets_key_of_long_words_beside_swatches_teaches_them(tmp_path):
    """A contents sheet's `Status key`, each word with a swatch to its right: 'Below target but within tolerance' (33
    letters) was too long to be a key's word, the key was two rows and not a key, and the milestones were refused."""
    cover = [["Quarterly Performance Monitoring 2024/25"], [], ["Contents"], ["Milestones - Council Plan milestones"], [],
             ["Status key"], ["On target"], ["Below target but within tolerance"], ["Off target"]]
    rows = [["Council Plan milestones"], [], ["Ref", "Milestone", "Lead", "Due date", "Q1 status", "Q2 status"],
            ["M1", "Adopt the plan", "Head of Policy", day(2025, 3, 31), "On target", "Below target but within tolerance"],
            ["M2", "Open the hub", "Head of Place", day(2025, 3, 31), "Below target but within tolerance", "Off target"],
            ["M3", "Launch the app", "Head of Digital", day(2025, 3, 31), "On target", "On target"]]
    path = write_workbook(tmp_path / "quarterly.xlsx", [SheetSpec("Contents", cover, fills={"B7": "Green", "B8": "Amber", "B9": "Red"}),
                                                        SheetSpec("Milestones", rows)])
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("milestone_id")["status"].astype(str).to_dict()
    assert q2 == {"M1": "Amber", "M2": "Red", "M3": "Green"}


def test_a_grey_fill_is_what_a_key_sheet_names_grey(tmp_path):
    """A Council Plan's milestones rated by fill alone, its Key sheet saying 'Grey = Not yet due to start': grey cells
    were no status (one milestone 'added during the year', another No data under a warning), so Q1 had 2 milestones
    too few and a change that was none."""
    key = [["Blue", "Complete"], ["Green", "On track"], ["Amber", "At risk of slipping"], ["Red", "Off track"],
           ["Grey", "Not yet due to start"]]
    rows = [["Council Plan milestones 2024/25"], ["Ref", "Milestone", "Q1 2024/25", "Q2 2024/25"],
            ["M1", "Adopt the plan", None, None], ["M2", "Open the hub", None, None], ["M3", "Start the scheme", None, None]]
    fills = {"C3": "Green", "D3": "Blue", "C4": "Amber", "D4": "Red", "C5": "BFBFBF", "D5": "Green"}
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Key", key, fills={"A1": "Blue", "A2": "Green", "A3": "Amber", "A4": "Red",
                                                                                "A5": "BFBFBF"}),
                                                   SheetSpec("Milestones", rows, fills=fills)])
    ms = perfkit.read_milestones(path)
    got = {str(p): dict(zip(g["milestone_id"], g["status"].astype(str))) for p, g in ms.groupby("period")}
    assert got == {"2025Q1": {"M1": "Green", "M2": "Amber", "M3": "Not due"}, "2025Q2": {"M1": "Complete", "M2": "Red", "M3": "Green"}}


def test_a_grey_swatch_beside_words_that_start_with_a_status_is_that_status(tmp_path):
    """A cover key's grey swatch beside 'Not yet started (not scheduled to start)': not learnt (the words are no status
    as they stand), so grey status cells were 'no status given' warnings, and a milestone grey in Q1 was 'new in Q2'."""
    cover = [["Council Plan Delivery Tracker 2024/25"], ["Position at the end of Quarter 2"], [], ["Status key"],
             [None, "Completed"], [None, "On track - will be delivered to the agreed date"],
             [None, "At risk - some slippage, action in hand"], [None, "Off track - significant delay"],
             [None, "Not yet started (not scheduled to start)"]]
    key_fills = {"A5": "Blue", "A6": "Green", "A7": "Amber", "A8": "Red", "A9": "Grey"}
    rows = [["Ref", "Milestone", "Lead", "Due date", "Q1 2024/25", "Q2 2024/25"],
            ["M1", "Open the hub", "Ann", day(2025, 3, 31), None, None], ["M2", "Adopt the plan", "Bob", day(2025, 3, 31), None, None],
            ["M3", "Start the works", "Cat", day(2025, 3, 31), None, None]]
    fills = {"E2": "Green", "F2": "Blue", "E3": "Amber", "F3": "Green", "E4": "Grey", "F4": "Grey"}
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Cover", cover, fills=key_fills), SheetSpec("Tracker", rows, fills=fills)])
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]
    assert q2["status"].astype(str).tolist() == ["Complete", "Green", "Not started"]
    assert not [p.message for p in ms.attrs["problems"] if p.severity != "info"]


def test_a_keys_word_filled_in_its_own_colour_is_that_colour_in_the_status_cells(tmp_path):
    """The cover key's 'Completed' cell filled dark green: status cells typed 'Completed' in that dark green were warned
    of as 'typed in a cell filled On track', warnings no perfkit.toml line could clear."""
    cover = [["Delivery Plan monitoring, Quarter 3 2024/25"], ["Status key"], ["Completed", "Action finished"],
             ["On target", "Progressing to plan"], ["Minor slippage", "Behind plan but expected to recover"]]
    key_fills = {"A3": "FF006100", "A4": "Green", "A5": "Amber"}
    rows = [["Ref", "Milestone", "Lead", "Due date", "Q3 status"], ["M1", "Open the hub", "Ann", day(2024, 12, 31), "Completed"],
            ["M2", "Adopt the plan", "Bob", day(2025, 3, 31), "On target"], ["M3", "Start the works", "Cat", day(2025, 3, 31), "Completed"]]
    fills = {"E2": "FF006100", "E3": "Green", "E4": "FF006100"}
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Front sheet", cover, fills=key_fills), SheetSpec("Plan", rows, fills=fills)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Complete", "Green", "Complete"]
    assert not [p.message for p in ms.attrs["problems"] if p.severity != "info"]


def test_a_cover_with_a_key_and_a_version_history_is_not_a_tracker(tmp_path):
    """A cover's BRAG key above its 'Version | Date | Author | Changes' table was called a tracker perfkit could not read,
    a warning that blocked the brief."""
    cover = [["HMICFRS action plan"], ["Status key"], ["B", "Complete"], ["G", "On track"], ["A", "At risk"], ["R", "Off track"], [],
             ["Version", "Date", "Author", "Changes"], ["1.0", day(2024, 4, 15), "J Smith", "First issue"],
             ["1.1", day(2024, 7, 10), "J Smith", "Q1 update"], ["1.2", day(2024, 10, 9), "A Khan", "Q2 update"]]
    rows = [["Action plan - Quarter 3 2024/25"], ["Ref", "Action", "Lead", "Due date", "BRAG"],
            ["1.1", "Refresh the risk profile", "AM Prevention", day(2025, 3, 31), "G"], ["1.2", "Train crews", "AM Response", day(2024, 12, 31), "B"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Cover", cover), SheetSpec("Action Plan", rows)])
    report = perfkit.validate(path)
    assert not [p.message for p in report.warnings]


def test_an_aside_in_brackets_in_a_key_line_does_not_turn_red_green(tmp_path):
    """'R = more than 5% below target (for 'Low' indicators, above target)': the aside's 'above target' was read as the
    meaning of R, so every red measure was counted as meeting its target."""
    rows = [["Leisure KPIs 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q2 Actual", "Q2 RAG"],
            ["LC05", "Swim lessons sold", "High", 1000, 850, "R"], ["LC01", "Visits", "High", 5000, 5200, "G"], [],
            ["RAG: G = on or above target; A = up to 5% below target; R = more than 5% below target (for 'Low' indicators, above target)."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPIs", rows)]))
    assert kp["reported_status"].astype(str).tolist() == ["Red", "Green"]


def test_a_lists_sheet_keeping_arrows_beside_the_rag_list_teaches_no_arrow_a_status(tmp_path):
    """A hidden Lists sheet with ``RAG | DoT`` side by side (``Green | ▲``, ``Amber | ▼``, ``Red | ►``): two lists for two
    drop-downs, not a colour and its meaning. Every arrow compares as the same blank, so taking them as words would make
    one arrow both Red and Amber; the statuses are read and the arrows stay direction of travel."""
    statuses = ["Green", "Red", "Amber", "Green", "N/A", "Red", "Green"]
    arrows = ["▲", "▼", "►", "▲", "►", "▼", "▲"]
    rows = [["Place - Key Performance Indicators, Quarter 2 2024/25"], [],
            ["No.", "Indicator", "Polarity", "2024/25 target", "Q2 actual", "Q2 RAG", "DoT", "Commentary"]]
    for i, (s, a) in enumerate(zip(statuses, arrows)):
        rows.append([i + 1, f"Indicator {i + 1}", "Higher is better", 80, 70 + 3 * i, s, a, None])
    lists = [["RAG", "DoT"], ["Green", "▲"], ["Amber", "▼"], ["Red", "►"], ["N/A", None]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [
        SheetSpec("Place", rows, dropdowns={"F4:F40": "Lists!$A$2:$A$5", "G4:G40": "Lists!$B$2:$B$4"}),
        SheetSpec("Lists", lists, hidden=True),
    ])
    ms = perfkit.read_measures(path)
    assert ms["reported_status"].astype(str).value_counts().to_dict() == {"Green": 3, "Red": 2, "Amber": 1, "Not applicable": 1}


def test_perfkit_init_asks_nothing_of_a_word_the_drop_downs_order_places(tmp_path):
    """'Needs intervention', placed Red by the drop-down's order and said so by validate, was written by init as
    '"Needs intervention" = ""   # perfkit does not know it': a blank to fill for a word already read."""
    from perfkit.cli.starter import starter_text

    path, _ = build_typed_dropdown(tmp_path)
    text = starter_text(path, config=False)
    assert '"Needs intervention" = ""' not in text


def test_a_key_line_whose_meaning_names_a_status_after_a_dash_teaches_it(tmp_path):
    """'n/a = Contextual measure – no target' on the cover: 'n/a' stayed Not applicable, so the brief said '2 marked not
    applicable' of two contextual measures with no target, where the key says they are data only."""
    cover = [["Performance clinic pack, Quarter 2 2024/25"], [], ["Key"], ["G", "On or better than target"],
             ["A", "Below target but within 5%"], ["R", "More than 5% below target"], ["n/a", "Contextual measure – no target"]]
    rows = [["Leader & Resources - Quarter 2 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q2", "RAG"],
            ["LR01", "Invoices paid in 30 days (%)", "High", 95, 96.1, "G"], ["LR05", "Council tax base", "n/a", None, 51200, "n/a"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "pack.xlsx", [SheetSpec("Cover", cover), SheetSpec("Leader & Resources", rows)]))
    assert m["reported_status"].astype(str).tolist() == ["Green", "Data only"]


@pytest.mark.parametrize("meaning", ["Behind schedule – will miss the deadline", "At risk of missing the deadline"])
def test_a_rag_letter_is_its_own_colour_whatever_words_explain_it(tmp_path, meaning):
    """A BRAG tracker's cover key 'R = Behind schedule – will miss the deadline': 'Behind schedule' is Amber on perfkit's
    scale, so every R was read as Amber (the brief said 7 amber and 1 red for 5 and 3), and each R filled red was warned
    as disagreeing with its fill."""
    cover = [["Corporate Plan milestones tracker - read me"], [], ["Key"], ["B", "Complete"],
             ["G", "On track – will be delivered by the deadline"], ["A", "At risk – may slip without intervention"], ["R", meaning]]
    rows = [["Corporate Plan milestones 2024/25 - Quarter 2"], [], ["Ref", "Milestone", "Lead", "Deadline", "Q2 status"],
            ["1.1", "Open the new depot", "Head of Place", day(2025, 3, 31), "R"],
            ["1.2", "Adopt the local plan", "Head of Planning", day(2025, 3, 31), "A"],
            ["1.3", "Launch the grants scheme", "Head of Economy", day(2024, 9, 30), "B"],
            ["1.4", "Refit the leisure centre", "Head of Leisure", day(2025, 3, 31), "G"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Read me", cover), SheetSpec("Tracker", rows, fills={"E4": "Red"})])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Red", "Amber", "Complete", "Green"]
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]


def _programme(tmp_path, config: str | None = None):
    """A combined authority's programme tracker: milestone statuses and scheme DCA letters, two drop-downs drawn from two
    lists side by side on a hidden Lists sheet."""
    lists = [["Complete", "G"], ["On track", "A/G"], ["At risk", "A"], ["Delayed", "A/R"], ["Not started", "R"], ["On hold", None]]
    rows = [["Investment Programme - milestone tracker, Q2 2024/25"], [],
            ["Milestone ref", "Milestone", "Forecast date", "Milestone status", "Scheme DCA"],
            ["M1", "Full business case approved", day(2024, 6, 30), "Complete", "G"],
            ["M2", "Contractor appointed", day(2024, 9, 30), "Delayed", "A/R"],
            ["M3", "Planning consent", day(2025, 3, 31), "At risk", "A"],
            ["M4", "Site works start", day(2025, 6, 30), "On track", "A/G"],
            ["M5", "Land assembly", day(2024, 9, 30), "Delayed", "A/R"]]
    path = write_workbook(tmp_path / "programme.xlsx", [
        SheetSpec("Milestones", rows, dropdowns={"D4:D20": "Lists!$A$1:$A$6", "E4:E20": "Lists!$B$1:$B$5"}),
        SheetSpec("Lists", lists, hidden=True)])
    if config:
        (tmp_path / "perfkit.toml").write_text(config)
    return perfkit.read_milestones(path)


def test_a_drop_downs_last_word_after_another_read_alike_with_no_red_word_is_red(tmp_path):
    """'Complete, On track, At risk, Delayed' with no red word: At risk and Delayed were both Amber, so the brief said
    eight amber and none red for three and five; and the scheme DCA letters beside the statuses on the Lists sheet were
    read as a key ('A/R = Delayed')."""
    ms = _programme(tmp_path)
    assert ms["status"].astype(str).tolist() == ["Complete", "Red", "Amber", "Green", "Red"]
    said = [p.message for p in ms.attrs["problems"]]
    assert any("'Delayed' read as Red, not Amber" in m and '"Delayed" = "Amber"' in m for m in said)
    assert not any("Lists!A" in m and "status key" in m for m in said)


def test_a_drop_down_in_the_works_own_order_with_complete_last_still_makes_its_last_slippage_word_red(tmp_path):
    """'Not started, On track, At risk, Delayed, Complete': the list runs in the order the work goes, its Complete last,
    so it was not read as best first and At risk and Delayed were both Amber, under a warning (Amber 3 where the
    council reports one amber and two red)."""
    rows = [["Corporate Plan milestones - Quarter 2 (July - September 2024)"],
            ["Ref", "Milestone", "Lead", "Target date", "Progress status", "Officer comment"],
            *([f"CP0{i}", what, "Head of Service", day(*due), status, "Update given"] for i, (what, due, status) in enumerate([
                ("Publish the local plan", (2024, 6, 30), "Complete"), ("Open the library hub", (2024, 9, 30), "Delayed"),
                ("Adopt the tree strategy", (2024, 12, 31), "On track"), ("Relocate the depot", (2024, 8, 31), "Delayed"),
                ("Procure a new CRM", (2025, 1, 31), "At risk")], start=1))]
    words = ["Not started", "On track", "At risk", "Delayed", "Complete"]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Q2 24-25", rows, dropdowns={"E3:E20": words})])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Complete", "Red", "Green", "Red", "Amber"]
    said = [p.message for p in ms.attrs["problems"]]
    assert any("'Delayed' read as Red, not Amber" in m and "best first (its complete word aside)" in m for m in said), said
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_rag_key_beside_the_table_is_a_key_and_the_progress_rag_column_its_status(tmp_path):
    """A directorate's tab with a legend box to the right of its header, 'RAG key' over Complete, Green, Amber and Red
    (their meanings beside them): 'RAG key' was read as the status ('key' is filler, as in 'Key deliverable'), 'Progress
    RAG' set aside, every status wrong and two completed milestones overdue, with only a warning of column I."""
    rows = [["Council Plan delivery tracker 2025/26 - Place"], ["Position at end of Quarter 2 (30 September 2025)"], [],
            ["Ref", "Key deliverable", "Responsible officer", "Deadline", "Progress RAG", "Update on progress", None, "RAG key"],
            ["PL1", "Adopt the Local Plan", "Head of Planning", day(2025, 9, 30), "Amber", "Examination", None, "Complete", "Achieved"],
            ["PL2", "Public realm works", "Head of Place", day(2026, 2, 28), "Green", "On site", None, "Green", "On track"],
            ["PL3", "Roll out food waste collections", "Head of Waste", day(2025, 4, 30), "Complete", "Done", None, "Amber", "At risk"],
            ["PL4", "Install 100 EV charge points", "Head of Transport", day(2025, 6, 30), "Red", "Supplier", None, "Red", "Will miss"],
            ["PL5", "Refresh the bus plan", "Head of Transport", day(2025, 12, 31), "Green", "Drafting"]]
    path = write_workbook(tmp_path / "place.xlsx", [SheetSpec("Place", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Amber", "Green", "Complete", "Red", "Green"]
    said = [p.message for p in ms.attrs["problems"]]
    assert any("column 'RAG key' (columns H:I) is a key beside the table" in m for m in said), said
    assert not [p.message for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_key_colouring_a_word_perfkit_reads_as_unrated_gives_it_the_keys_status(tmp_path):
    """A police and crime plan's key under the table: 'On track' green, 'Monitor' amber, 'Off track' red, each word's cell
    filled. 'Monitor' was read as Data only (perfkit's own word for it), so three ambers left the rated count and the
    brief said 71% green where the scorecard's is 50%, with a note only."""
    rows = [["Police and Crime Plan - Performance Scorecard, Quarter 2 2024/25"],
            ["Priority", "Measure", "12 months to Sep 2023", "12 months to Sep 2024", "Aim", "Status"],
            ["Reduce crime", "Total recorded crime", 48210, 46905, "Reduce", "On track"],
            [None, "Anti-social behaviour incidents", 12450, 13102, "Reduce", "Off track"],
            [None, "Knife crime offences", 388, 401, "Reduce", "Monitor"],
            [None, "Victim satisfaction (%)", "71%", "70%", "Increase", "Monitor"], [],
            ["Status key"], ["On track", "Performance is improving in line with the aim"],
            ["Monitor", "Little change, or small movement against the aim"], ["Off track", "Performance is moving against the aim"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows, fills={"A9": "Green", "A10": "Amber", "A11": "Red"})])
    kp = perfkit.read_measures(path)
    q2 = kp[kp["period"] == kp["period"].max()]
    assert q2["reported_status"].astype(str).tolist() == ["Green", "Red", "Amber", "Amber"]
    assert any("Monitor = Little change, or small movement against the aim (Amber)" in p.message for p in kp.attrs["problems"])


def test_a_one_line_key_giving_a_words_colour_in_brackets_teaches_it(tmp_path):
    """A capital programme's key under the table, 'Key: Achieved = milestone met; On schedule = on track (green); Slipped =
    past its original date (red)': the first two were learnt, 'Slipped' was not, and the sheet was refused over it."""
    rows = [["Capital programme milestones - Quarter 3 2024/25"],
            ["Ref", "Milestone", "Original date", "Revised date", "Status"],
            ["CAP01", "Leisure centre contract let", day(2024, 6, 30), None, "Achieved"],
            ["CAP02", "Town hall roof complete", day(2024, 9, 30), day(2025, 2, 28), "Slipped"],
            ["CAP03", "Depot design signed off", day(2025, 3, 31), None, "On schedule"], [],
            ["Key: Achieved = milestone met; On schedule = on track (green); Slipped = past its original date (red)"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "capital.xlsx", [SheetSpec("Milestones", rows)]))
    assert ms["status"].astype(str).tolist() == ["Complete", "Red", "Green"]


def test_a_stage_of_the_work_after_another_is_never_red_by_its_place_in_a_drop_down(tmp_path):
    """An audit tracker's 'Implemented, Partially implemented, In progress, Not yet due, Superseded': 'In progress' came
    after 'Partially implemented' (both on track), so it was read as behind schedule, four actions not yet due among them."""
    rows = [["Internal audit recommendations - follow-up at 30 September 2024"], [],
            ["Rec ref", "Recommendation", "Owner", "Due date", "Status"],
            ["IA1", "Reconcile the payroll", "Payroll Manager", day(2024, 12, 31), "In progress"],
            ["IA2", "Review user access", "Head of ICT", day(2024, 6, 30), "Implemented"],
            ["IA3", "Update the procurement rules", "Procurement Lead", day(2025, 3, 31), "Partially implemented"],
            ["IA4", "Test the backups", "Head of ICT", day(2024, 10, 31), "In progress"]]
    words = ["Implemented", "Partially implemented", "In progress", "Not yet due", "Superseded"]
    path = write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Tracker", rows, dropdowns={"E4:E20": words})])
    acts = perfkit.read_actions(path)
    # 'Partially implemented' is the audit's amber, as its own word says: never red by its place in the list
    assert acts["status"].astype(str).tolist() == ["On track", "Complete", "At risk", "On track"]
    assert not any("comes after" in p.message for p in acts.attrs["problems"])


def test_a_word_perfkit_toml_gives_is_never_re_read_by_the_drop_downs_order(tmp_path):
    ms = _programme(tmp_path, '[status.words]\n"Delayed" = "Amber"\n')
    assert ms["status"].astype(str).tolist() == ["Complete", "Amber", "Amber", "Green", "Amber"]


def test_a_performance_status_key_of_symbols_is_learnt_from_what_each_band_means(tmp_path):
    """A scorecard's cover: 'Performance status key' over '▲ | On target or better than target', '► | Below target but
    within 10% tolerance', '▼ | More than 10% away from target'. The 10% was taken, the symbols not: 24 warnings, one per
    cell, blocked the brief. And a cumulative measure with a 'Q2 Target' of its own was warned of having no profile."""
    cover = [["Corporate Performance Scorecard"], ["Quarter 2 2024/25"], [], ["Performance status key"],
             ["▲", "On target or better than target"], ["►", "Below target but within 10% tolerance"],
             ["▼", "More than 10% away from target"], ["◆", "Data only - no target set"]]
    rows = [["Corporate Resources - Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Polarity", "Q1 2024/25", "Q2 2024/25", "Q2 Target", "2024/25 Annual Target", "Status"],
            ["CR01", "% of council tax collected in year (cumulative)", "Higher is better", 29.1, 56.9, 56.5, 97.5, "▲"],
            ["CR02", "% of FOI requests answered in 20 days", "Higher is better", 86, 85, 90, 90, "►"],
            ["CR03", "Invoices paid in 30 days (%)", "Higher is better", 80, 75, 95, 95, "▼"]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Cover", cover), SheetSpec("Corporate Resources", rows)])
    ms = perfkit.read_measures(path)
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    q2 = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["reported_status"].astype(str).tolist() == ["Green", "Amber", "Red"]
    q1 = ms[(ms["period"] == perfkit.parse_span("2024/25 Q1").end) & (ms["measure_id"] == "CR01")]
    assert q1["target"].isna().all()  # no straight line to 97.5 where the sheet gives a quarter's own


def test_a_keys_green_for_achieved_agrees_with_achieved_in_a_measures_green_cell(tmp_path):
    """A fire service's Contents key fills 'Achieved' in Excel's green, and its status cells the same: 'Achieved' is
    Complete on a milestone's scale, so each cell was warned 'typed in a cell filled Complete' (nine warnings blocked the
    brief); and 'Within 10% of the quarterly target' was not read as the amber band, so the brief said 5%."""
    contents = [["Service Performance Report 2024/25"], [], ["Status key"], ["Achieved", "Quarterly target met"],
                ["Within tolerance", "Within 10% of the quarterly target"], ["Not achieved", "More than 10% away from the quarterly target"]]
    rows = [["Performance measures - Quarter 2 2024/25"], [], ["Ref", "Measure", "Good performance is", "Quarterly target", "Actual", "Status"],
            ["FRS01", "Accidental dwelling fires", "Low", 95, 90, "Achieved"], ["FRS08", "Safe and well visits", "High", 2500, 2290, "Within tolerance"],
            ["FRS09", "On-call availability (%)", "High", 85, 70, "Not achieved"]]
    path = write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Contents", contents, fills={"A4": "00B050", "A5": "FFC000", "A6": "FF0000"}),
                                                  SheetSpec("Q2 2024-25", rows, fills={"F4": "00B050", "F5": "FFC000", "F6": "FF0000"})])
    ms = perfkit.read_measures(path)
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    m = perfkit.assess_measures(ms)
    assert m["computed_status"].astype(str).tolist() == ["Green", "Amber", "Red"] and not m["status_differs"].any()


def test_a_systems_icon_key_sheet_is_a_key_never_an_action_plan(tmp_path):
    """A Pentana export's 'Status icons' sheet (Status | Applies to | Meaning, with 'Check Progress', 'Alert') was read as
    an action plan of 9 actions, and the briefing gained an 'Action plan' section."""
    key = [["Pentana status icons"], [], ["Status", "Applies to", "Meaning"], ["Completed", "Action", "Action complete"],
           ["In Progress", "Action", "In progress and expected to meet its due date"], ["Check Progress", "Action", "At risk"],
           ["Not Started", "Action", "Not yet started"], ["OK", "PI", "On or better than target"], ["Alert", "PI", "Significantly below target"]]
    plan = [["Council Plan actions - Quarter 2 2024/25"], ["Ref", "Action", "Lead", "Due date", "Status"],
            ["A1", "Open the hub", "Head of Service", day(2025, 3, 31), "In Progress"], ["A2", "Adopt the plan", "Head of Policy", day(2024, 6, 30), "Completed"]]
    path = write_workbook(tmp_path / "pentana.xlsx", [SheetSpec("Actions", plan), SheetSpec("Status icons", key)])
    report = perfkit.validate(path)
    entry = next(e for e in report.inventory if e.sheet == "Status icons")
    assert entry.status == "not read" and entry.note.startswith("a status key")


def test_a_keys_red_word_whose_last_words_alone_say_amber_is_red_and_a_lookup_entry_is_never_split(tmp_path):
    """A guidance key filled 'Behind schedule – at risk' red (its last words alone are Amber), and the drop-down drawing
    from a hidden list holding the same words: the red word was read Amber, and the list's entry was split into
    'Behind schedule' meaning 'at risk'."""
    words = {"Complete": "FF0070C0", "On schedule": "FF00B050", "Behind schedule – recoverable": "FFFFC000",
             "Behind schedule – at risk": "FFFF0000", "Not yet started": "FFBFBFBF"}
    guidance = [["Corporate Plan monitoring, Quarter 3 2024/25"], [], ["Status", "What it means"],
                ["Complete", "The step has been delivered"], ["On schedule", "Progressing to plan and timescale"],
                ["Behind schedule – recoverable", "Some delay; will still be delivered this year"],
                ["Behind schedule – at risk", "Will not be delivered to the agreed timescale"],
                ["Not yet started", "Scheduled to start later in the plan period"]]
    key_fills = {f"A{4 + k}": fill for k, fill in enumerate(words.values())}
    lookups = [["Status list"]] + [[w] for w in words]
    rows = [["Well-being Objective 1: Learning, 2024/25"], ["Ref", "Step", "Lead", "Due date", "Q2 status", "Q3 status"],
            ["1.01", "Open the new school", "Head of Education", day(2025, 3, 31), "On schedule", "Behind schedule – at risk"],
            ["1.02", "Publish the strategy", "Head of Inclusion", day(2025, 3, 31), "Behind schedule – recoverable", "Behind schedule – recoverable"],
            ["1.03", "Review transport", "Head of Education", day(2024, 12, 31), "On schedule", "Complete"],
            ["1.04", "Adopt the plan", "Head of Inclusion", day(2025, 3, 31), "Not yet started", "On schedule"]]
    path = write_workbook(tmp_path / "corporate_plan.xlsx", [
        SheetSpec("Guidance", guidance, fills=key_fills), SheetSpec("WBO1 Learning", rows, dropdowns={"E3:F40": "Lookups!$A$2:$A$6"}),
        SheetSpec("Lookups", lookups, hidden=True)])
    ms = perfkit.read_milestones(path)
    q3 = ms[ms["period"] == perfkit.parse_period("2024/25 Q3")]
    assert q3["status"].astype(str).tolist() == ["Red", "Amber", "Complete", "Green"]
    lookups = next(e for e in perfkit.validate(path).inventory if e.sheet == "Lookups")
    assert "Behind schedule – at risk" in lookups.note and "Behind schedule = at risk" not in lookups.note
    assert not [p.message for p in ms.attrs["problems"] if p.severity != "info"]


def test_a_keys_amber_swatch_beside_words_ending_in_another_status_is_amber(tmp_path):
    """A cover key: 'In progress – carried forward' beside an amber swatch, whose last words alone are Deferred: read as
    Deferred, three milestones fell out of the percentages with nothing said. A dark green swatch beside 'Completed –
    signed off' stays Complete."""
    cover = [["Council Plan tracker 2024/25"], [], ["Status key"], ["Status", "Colour", "What it means"],
             ["Completed – signed off", None, "Delivered"], ["On schedule", None, "Progressing as planned"],
             ["In progress – carried forward", None, "Will not complete this year; carried into next year's plan"],
             ["Behind schedule – will miss date", None, "Will not be delivered by the target date"]]
    key_fills = {"B5": "FF006100", "B6": "FF00B050", "B7": "FFFFC000", "B8": "FFFF0000"}
    rows = [["Council Plan tracker 2024/25"], ["Ref", "Key milestones", "Lead", "Due date", "Q3 status"],
            ["M1", "Open the hub", "Ann", day(2025, 3, 31), "In progress – carried forward"],
            ["M2", "Adopt the plan", "Bob", day(2025, 3, 31), "Completed – signed off"],
            ["M3", "Start the works", "Cat", day(2025, 3, 31), "Behind schedule – will miss date"],
            ["M4", "Open the depot", "Dan", day(2025, 3, 31), "On schedule"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Cover", cover, fills=key_fills), SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Amber", "Complete", "Red", "Green"]
    assert not [p.message for p in ms.attrs["problems"] if p.severity != "info"]


def test_a_key_word_whose_meaning_is_worse_than_target_but_within_a_band_is_amber(tmp_path):
    """'Within tolerance | Worse than target, but within 5%' (filled amber) on the cover: read as Red by the words it
    starts with, so three amber measures were Red, under warnings that the cells' amber fill disagreed."""
    cover = [["Quarterly performance report, Q2 2024/25"], ["Status key – KPIs"], ["Status", "Meaning"],
             ["Target met", "At or better than target"], ["Within tolerance", "Worse than target, but within 5%"],
             ["Target missed", "More than 5% worse than target"]]
    key_fills = {"A4": "FF00B050", "A5": "FFFFC000", "A6": "FFFF0000"}
    rows = [["KPIs 2024/25"], ["Ref", "Indicator", "Good is", "Target", "Q2", "Q2 status"],
            ["K01", "Calls answered (%)", "High", 90, 87, "Within tolerance"], ["K02", "Complaints answered in time (%)", "High", 95, 97, "Target met"],
            ["K03", "Days to process claims", "Low", 20, 26, "Target missed"]]
    path = write_workbook(tmp_path / "report.xlsx", [SheetSpec("Cover", cover, fills=key_fills),
                                                     SheetSpec("KPIs", rows, fills={"F3": "Amber", "F4": "Green", "F5": "Red"})])
    kp = perfkit.read_measures(path)
    assert kp["reported_status"].astype(str).tolist() == ["Amber", "Green", "Red"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_colour_the_key_defines_is_its_status_word(tmp_path):
    """'Grey = No target set – data for information only' on the Key sheet, and 'Grey' in a measure's RAG cell: warned as an
    unknown status (its grey fill already said Data only), holding the brief."""
    key = [["Key to the performance framework"], ["RAG", "Meaning"], ["Green", "Performance is on or better than target"],
           ["Amber", "Performance is within 5% of target"], ["Red", "Performance is more than 5% worse than target"],
           ["Grey", "No target set – data for information only"]]
    rows = [["Performance framework, Quarter 2 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q2", "RAG"],
            ["L08", "Reviews completed (%)", "Higher", 80, 84, "Green"], ["L09", "Carers known to services", "Higher", None, 1210, "Grey"]]
    path = write_workbook(tmp_path / "framework.xlsx", [SheetSpec("Key", key, fills={"A6": "FFBFBFBF"}), SheetSpec("Framework", rows)])
    kp = perfkit.read_measures(path)
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert kp.set_index("measure_id").loc["L09", "reported_status"] == "Data only"


def test_a_keys_own_meaning_for_n_a_is_the_status_read(tmp_path):
    """A cover key 'N/A = Not yet due for reporting / data not yet available': N/A was read as Not applicable all the
    same, and the brief said '1 marked not applicable' of a measure not yet due."""
    from layout_builders import SheetSpec, day, write_workbook

    cover = [["Council Plan 2024/25: Quarter 2 report"], [], ["RAG key"], ["G", "On track / target met"],
             ["A", "Some slippage / within 5% of target"], ["R", "Significant slippage"], ["C", "Complete"],
             ["N/A", "Not yet due for reporting / data not yet available"]]
    rows = [["Council Plan milestones, Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Q2 RAG"],
            ["HI01", "Adopt the housing strategy", "Head of Housing", day(2024, 12, 31), "G"],
            ["HI05", "Open the new depot", "Head of Waste", day(2025, 3, 31), "N/A"],
            ["HI06", "Publish the asset review", "Head of Property", day(2024, 8, 31), "C"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Cover", cover), SheetSpec("Milestones", rows)]))
    assert ms.set_index("milestone_id")["status"].astype(str).to_dict() == {"HI01": "Green", "HI05": "Not due", "HI06": "Complete"}
    assert any("status 'N/A' read as Not due, as the workbook's status key says" in p.message for p in ms.attrs["problems"])


def test_a_known_word_the_key_colours_another_status_is_read_as_the_key_colours_it(tmp_path):
    """A key under the table, each word's own cell filled with its colour: 'Behind schedule' filled red. perfkit read it
    as Amber, its own meaning of the words, and the brief said two milestones were amber where the council's key says red.
    Words filled in the table's own style (one colour for all) say nothing of a status: then the key's words do, and
    'will miss its due date' is the worst rated status (Red), never perfkit's milder reading of the word."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Council Plan milestones, Quarter 3 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Q3 status"],
            ["C01", "Adopt the local plan", "Head of Planning", day(2025, 3, 31), "On track"],
            ["C02", "Open the depot", "Head of Waste", day(2024, 11, 30), "Behind schedule"],
            ["C03", "Publish the strategy", "Head of Policy", day(2024, 10, 31), "Completed"],
            [], ["Key"], ["Completed", "Milestone delivered"], ["On track", "Milestone on track for its due date"],
            ["Behind schedule", "Milestone will miss its due date"]]
    for colours, expected in ((("0070C0", "00B050", "FF0000"), "Red"), (("D9D9D9", "D9D9D9", "D9D9D9"), "Red")):
        fills = {"A8": colours[0], "A9": colours[1], "A10": colours[2]}
        ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Milestones", rows, fills=fills)]))
        assert ms.set_index("milestone_id")["status"].astype(str).to_dict() == {"C01": "Green", "C02": expected, "C03": "Complete"}, colours


def test_a_key_sheet_with_the_description_first_teaches_each_coloured_word(tmp_path):
    """'What it means | Progress rating', each rating on its colour: 'Progressing' (green, and no word the milestones scale
    knows) broke the key after its first row, so the tracker's 'Progressing' was refused as a word perfkit does not know."""
    key = [["Corporate Plan 2024-2028 - Key to progress"], [], ["What it means", "Progress rating"],
           ["The action has been delivered in full", "Delivered"], ["The action is progressing to plan", "Progressing"],
           ["The action is behind plan but expected to recover", "Slipping"], ["The action is stalled and will miss its date", "Stalled"]]
    fills = {"B4": "Blue", "B5": "Green", "B6": "Amber", "B7": "Red"}
    rows = [["Corporate Plan milestones: progress at Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["1.1", "Review the asset strategy", "Asset Manager", day(2024, 12, 31), "Slipping"],
            ["1.2", "Launch the grant scheme", "Economic Development Manager", day(2024, 5, 31), "Delivered"],
            ["2.1", "Introduce food waste collections", "Waste Manager", day(2025, 3, 31), "Progressing"],
            ["3.4", "Review council tax support", "Revenues Manager", day(2024, 11, 30), "Stalled"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Key", key, fills=fills), SheetSpec("Milestones", rows)]))
    assert ms["status"].astype(str).tolist() == ["Amber", "Complete", "Green", "Red"]
    assert not messages(ms, "warning")


@pytest.mark.parametrize("how", ["font", "fill"])
def test_one_mark_coloured_three_ways_is_read_by_its_colour_never_the_keys_last_meaning(tmp_path, how):
    """A scorecard whose status is a ● in green, amber or red text, its key a ● of each colour beside its meaning: the key's
    three rows taught '●' one meaning, the last (Red), and the briefing said none of 8 measures met its target."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    key = wb.active
    key.title = "Key"
    key.append(["Corporate Scorecard - how to read this report"])
    key.append([])
    colours = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}

    def colour(cell, name):
        if how == "font":
            cell.font = Font(color=colours[name])
        else:
            cell.fill = PatternFill("solid", fgColor=colours[name])

    for name, meaning in (("Green", "On or better than target"), ("Amber", "Within 5% of target"), ("Red", "More than 5% worse than target")):
        key.append(["●", meaning])
        colour(key.cell(key.max_row, 1), name)
    ws = wb.create_sheet("Scorecard")
    ws.append(["Corporate Scorecard - Quarter 2 2024/25"])
    ws.append(["Ref", "Measure", "Good is", "Target", "Q2 24/25", "Status"])
    for ref, name, pol, t, a, st in (("S1", "Calls answered (%)", "High", 80, 84, "Green"), ("S2", "Days lost to sickness", "Low", 2.2, 2.3, "Amber"),
                                     ("S3", "FOI requests on time (%)", "High", 90, 78, "Red")):
        ws.append([ref, name, pol, t, a, "●"])
        colour(ws.cell(ws.max_row, 6), st)
    wb.save(tmp_path / "scorecard.xlsx")
    kp = perfkit.read_measures(tmp_path / "scorecard.xlsx")
    assert kp["reported_status"].astype(str).tolist() == ["Green", "Amber", "Red"]
    assert not messages(kp, "warning")
    assert any("status mark '●' read by its colour in 3 cells" in p.message for p in messages(kp, "info"))


def test_a_key_whose_meaning_reads_otherwise_than_its_word_keeps_the_word_and_warns(tmp_path):
    """'Key: ... Off course = behind schedule, action needed' with no colour: 'Off course' (Red) took its meaning's Amber
    with only a note, so a committee's off-course milestones were published as amber."""
    rows = [["Safer Communities delivery update, Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["SC1", "Home safety visits plan", "GM Hart", day(2025, 3, 31), "On course"],
            ["SC2", "Fire station open days", "SM Owen", day(2024, 8, 31), "Off course"], [],
            ["Key: Delivered = complete; On course = on track; Off course = behind schedule, action needed"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Safer Communities", rows)]))
    assert ms["status"].astype(str).tolist() == ["Green", "Red"]
    warned = messages(ms, "warning")
    assert len(warned) == 1 and '"Off course" = "Amber"' in warned[0].message


def test_a_key_laid_along_one_row_under_the_table_is_never_a_measure(tmp_path):
    """'Key: | Met = Green | Within 5% = Amber | Not met = Red' under a fire authority's table, one pair a cell: read as a
    measure ('target 'Not met = Red' is not a number'), and no line could leave the row out."""
    rows = [["Fire and Rescue Authority - Performance Indicators"], ["Quarter 1 2024/25 (April - June 2024)"], [],
            ["PI", "Description", "Good performance", "Quarterly target", "Quarter result", "Status"],
            ["FR1", "Accidental dwelling fires", "Lower", 60, 55, "Met"],
            ["FR4", "Home fire safety visits completed", "Higher", 1500, 1480, "Within 5%"],
            ["FR5", "False alarms from fire alarm systems", "Lower", 300, 340, "Not met"], [],
            ["Key:", "Met = Green", "Within 5% = Amber", "Not met = Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Apr-Jun 24", rows)]))
    assert kp["measure_id"].tolist() == ["FR1", "FR4", "FR5"]
    assert kp["reported_status"].astype(str).tolist() == ["Green", "Amber", "Red"]
    assert not messages(kp, "error") and not messages(kp, "warning")


def test_a_key_of_tokens_and_meanings_cell_after_cell_along_one_row_is_never_an_item(tmp_path):
    """'Key: | B | Complete | R | Off track | A | At risk | G | On track' under a BRAG tracker: read as a milestone and
    refused ('due date 'Off track' is not a date'), telling the officer to type a date into the key."""
    rows = [["Corporate Plan delivery - Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due date", "Status"],
            ["1.1", "Adopt the local plan", "Head of Planning", day(2025, 3, 31), "G"],
            ["1.2", "Open the hub", "Head of Communities", day(2024, 8, 31), "R"],
            ["2.1", "Review waste rounds", "Head of Waste", day(2024, 6, 30), "B"], [],
            ["Key:", "B", "Complete", "R", "Off track", "A", "At risk", "G", "On track"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Delivery Plan", rows)]))
    assert ms["milestone_id"].tolist() == ["1.1", "1.2", "2.1"]
    assert ms["status"].astype(str).tolist() == ["Green", "Red", "Complete"]
    assert not messages(ms, "error") and not messages(ms, "warning")


def _programme_dashboard(tmp_path, guidance=True):
    """A transformation programme's delivery confidence words, each filled its own colour ('Probable' light green, 'In
    doubt' orange), and a Guidance sheet laid out `Delivery confidence | Meaning | RAG`."""
    words = [("Probable", "Highly likely"), ("Feasible", "In doubt"), ("Highly likely", "Highly likely"), ("Feasible", "Feasible"),
             ("In doubt", "Unachievable"), ("Probable", "Probable"), ("Highly likely", "Probable")]
    fill = {"Highly likely": "FF00B050", "Probable": "FF92D050", "Feasible": "FFFFC000", "In doubt": "FFFF6600", "Unachievable": "FFFF0000"}
    rows = [["Transformation Programme - Highlight Report, period ending 30 September 2024"], [],
            ["Project", "Senior Responsible Owner", "Delivery confidence (last period)", "Delivery confidence (this period)"]]
    fills = {}
    for i, (last, now) in enumerate(words):
        rows.append([f"Project {i + 1}", "Director", last, now])
        fills[f"C{len(rows)}"], fills[f"D{len(rows)}"] = fill[last], fill[now]
    key_rows = [["Delivery confidence", "Meaning", "RAG"], ["Highly likely", "Delivery is highly likely", "Green"],
                ["Probable", "Delivery is probable; attention needed", "Amber/Green"], ["Feasible", "Feasible, with issues", "Amber"],
                ["In doubt", "Delivery is in doubt", "Amber/Red"], ["Unachievable", "Delivery appears unachievable", "Red"]]
    sheets = [SheetSpec("Programme Dashboard", rows, fills=fills)] + ([SheetSpec("Guidance", key_rows)] if guidance else [])
    return write_workbook(tmp_path / "highlight.xlsx", sheets)


def test_a_guidance_sheets_word_meaning_and_rag_is_the_key(tmp_path):
    """The Guidance sheet was set aside as notes, and each word read by its fill: 'Probable' (light green) Green, 'In
    doubt' (orange) Amber, four green where the key makes two."""
    ms = perfkit.read_milestones(_programme_dashboard(tmp_path))
    now = ms[ms.period == ms.period.max()]
    assert now["status"].astype(str).tolist() == ["Green", "Red", "Green", "Amber", "Red", "Amber", "Amber"]  # on RAG, said


def test_status_words_in_perfkit_toml_win_over_the_fills(tmp_path):
    """With `"Probable" = "Amber/Green"` and `"In doubt" = "Amber/Red"` on the five-point scale, the fills still decided
    (Probable Green, In doubt Amber) and the note asked for the line already there (no key sheet here to say)."""
    path = _programme_dashboard(tmp_path, guidance=False)
    (tmp_path / "perfkit.toml").write_text(
        '[status]\nscale = "five-point"\n[status.words]\n"Highly likely" = "Green"\n"Probable" = "Amber/Green"\n'
        '"Feasible" = "Amber"\n"In doubt" = "Amber/Red"\n"Unachievable" = "Red"\n')
    ms = perfkit.read_milestones(path)
    now = ms[ms.period == ms.period.max()]
    assert now["status"].astype(str).tolist() == ["Green", "Amber/Red", "Green", "Amber", "Red", "Amber/Green", "Amber/Green"]


def test_a_key_whose_words_name_the_words_own_status_in_one_part_agrees_with_it(tmp_path):
    """A half-yearly tracker's key under the table, 'Major delays | Significant slippage, at risk': its last part alone
    ('at risk') was taken as the meaning, so the key contradicted the word (a warning that held the brief, and the line it
    offered made two red items amber)."""
    rows = [["Corporate Plan delivery tracker 2024/25"], ["Ref", "Milestone", "Due date", "Q2 status"],
            ["C1", "Open the hub", day(2024, 12, 31), "On track"], ["C2", "Close the depot", day(2024, 8, 31), "Major delays"],
            ["C3", "Launch grants", day(2024, 7, 31), "Minor delays"], [],
            ["Key:"], ["On track", "Progressing to plan"], ["Minor delays", "Some slippage, recoverable"],
            ["Major delays", "Significant slippage, at risk"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)]))
    assert ms["status"].astype(str).tolist() == ["Green", "Red", "Amber"]
    assert not messages(ms, "warning")


def test_a_key_conflict_the_officer_settles_in_perfkit_toml_is_no_longer_a_warning(tmp_path):
    """A key's word whose meaning names another status is a warning with the line to type; with that word under
    [status.words] in perfkit.toml (as the word reads, or otherwise) the officer has settled it, and the warning goes."""
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "On course"], ["M2", "Close the depot", day(2025, 3, 31), "Off course"], [],
            ["Key"], ["On course", "On track"], ["Off course", "behind schedule, action needed"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    assert any("status key says Off course" in p.message for p in messages(perfkit.read_milestones(path), "warning"))
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Off course" = "Red"\n')
    ms = perfkit.read_milestones(path)
    assert not messages(ms, "warning") and ms["status"].astype(str).tolist() == ["Green", "Red"]


def test_a_key_word_of_no_status_the_officer_names_in_perfkit_toml_is_no_longer_a_warning(tmp_path):
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "On course"], ["M2", "Close the depot", day(2025, 3, 31), "Parked"], [],
            ["Key"], ["On course", "On track"], ["Parked", "Waiting on a partner's decision"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Tracker", rows)])
    assert any("status key says Parked" in p.message for p in perfkit.validate(path).warnings)
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Parked" = "Amber"\n')
    ms = perfkit.read_milestones(path)
    assert not messages(ms, "warning") and ms["status"].astype(str).tolist() == ["Green", "Amber"]


def test_a_key_sheets_conflict_the_officer_settles_in_perfkit_toml_is_no_longer_a_warning(tmp_path):
    key = [["Status key"], ["On course", "On track"], ["Off course", "behind schedule, action needed"]]
    rows = [["Milestone tracker Q2 2024/25"], ["Ref", "Milestone", "Due date", "Status"],
            ["M1", "Open the hub", day(2024, 12, 31), "On course"], ["M2", "Close the depot", day(2025, 3, 31), "Off course"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Key", key), SheetSpec("Tracker", rows)])
    assert any("status key says Off course" in p.message for p in perfkit.validate(path).warnings)
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Off course" = "Red"\n')
    ms = perfkit.read_milestones(path)
    assert not messages(ms, "warning") and ms["status"].astype(str).tolist() == ["Green", "Red"]


def test_a_cover_key_teaches_an_action_plan_words_the_rag_scale_knows(tmp_path):
    """A fire authority's CRMP action tracker, its key on the cover: 'Some concern' and 'Significant concern' (words the
    RAG scale knows as Amber and Red, an action plan's scale does not) were refused as 'named by nothing'."""
    cover = [["Westshire Fire and Rescue Authority"], ["Community Risk Management Plan: action tracker"], [],
             ["Status key"], ["Achieved", "Action completed"], ["On course", "Progressing to plan"],
             ["Some concern", "Slippage; mitigation in place"], ["Significant concern", "Will not meet date without intervention"],
             ["Not yet started", "Start date in future"]]
    rows = [["CRMP action tracker - Q3 2025/26"], [], ["Action ID", "Theme", "Action", "Owner", "Planned completion", "Progress status"],
            ["CR-01", "Prevention", "Deliver 6,000 Safe and Well visits", "Head of Prevention", day(2026, 3, 31), "On course"],
            ["CR-02", "Prevention", "Launch water safety campaign", "Comms Manager", day(2025, 8, 31), "Achieved"],
            ["CR-03", "Protection", "Audit all high-rise residential buildings", "Head of Protection", day(2025, 12, 31), "Some concern"],
            ["CR-04", "Protection", "Recruit 4 fire safety inspectors", "Head of Protection", day(2025, 11, 30), "Significant concern"]]
    path = write_workbook(tmp_path / "crmp.xlsx", [SheetSpec("Cover", cover), SheetSpec("CRMP Actions", rows)])
    acts = perfkit.read_actions(path)
    assert acts["status"].astype(str).tolist() == ["On track", "Complete", "At risk", "Behind schedule"]
    assert any("gives it as 'Slippage; mitigation in place'" in p.message for p in acts.attrs["problems"])


def test_a_one_line_key_of_glossed_words_teaches_a_word_a_worse_meaning(tmp_path):
    """A unitary's tracker, a sheet per priority, each with 'Status key: Complete; On track; At risk (some slippage,
    recoverable); Delayed (will miss target date)' under the table: the key was not read, 'Delayed' was Amber by
    perfkit's own reading (5 amber, 0 red where the council's key makes 3 red), under a warning that held the brief."""
    rows = [["Priority 1: Thriving Economy"], ["Position at 31 December 2025"], [],
            ["Ref", "Key milestones", "Lead officer", "Target completion", "Status"],
            ["1.1", "Adopt the Local Plan", "Head of Planning", day(2025, 11, 30), "Complete"],
            ["1.2", "Open the Enterprise Hub", "Economy Manager", day(2026, 3, 31), "On track"],
            ["1.3", "Deliver the masterplan consultation", "Regen Lead", day(2025, 10, 31), "Delayed"],
            ["1.5", "Procure business rates review", "Revenues Manager", day(2025, 12, 15), "At risk"], [],
            ["Status key: Complete; On track; At risk (some slippage, recoverable); Delayed (will miss target date)"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("P1 Thriving Economy", rows)]))
    assert ms["status"].astype(str).tolist() == ["Complete", "Green", "Red", "Amber"]
    assert not messages(ms, "warning")
    assert any("Delayed = will miss target date (Red)" in p.message for p in messages(ms, "info"))


def test_an_overall_rag_beside_ratings_of_each_part_is_the_status(tmp_path):
    """A combined authority's programme dashboard, `Delivery RAG | Budget RAG | Risk RAG | Overall RAG`: the first was
    read as the status and 'Overall RAG' set aside, so a scheme 'Complete' only overall was counted overdue."""
    rows = [["Investment Programme - Programme Board Report - Q3 2024/25"],
            ["Scheme ID", "Scheme", "Delivery RAG", "Budget RAG", "Risk RAG", "Overall RAG", "Forecast completion date"],
            ["IP01", "Metro extension", "G", "A", "A", "A", day(2026, 9, 30)],
            ["IP03", "Skills bootcamps", "G", "G", "G", "Complete", day(2024, 9, 30)],
            ["IP04", "Brownfield housing fund", "R", "A", "R", "R", day(2026, 3, 31)]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "programme.xlsx", [SheetSpec("Programme Dashboard", rows)]))
    assert ms["status"].astype(str).tolist() == ["Amber", "Complete", "Red"]
    said = [p.message for p in ms.attrs["problems"]]
    assert any("column 'Budget RAG' rates one part of each item; 'Overall RAG' is its status" in m for m in said), said


def test_a_key_of_direction_arrows_under_the_table_is_never_a_status_key(tmp_path):
    """A housing scorecard's key: '↑ Performance improved on last quarter', '→ No change', '↓ ... worse', then the fill
    colours' meanings. Each arrow was 'none of perfkit's statuses', three warnings that held the brief, each suggesting
    '"↑" = "Amber"'."""
    rows = [["Housing performance scorecard - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q1", "Q2", "DoT", "Status"],
            ["H01", "Rent collected (%)", 98, 97.5, 98.2, "↑", None], ["H02", "Tenant satisfaction with repairs (%)", 85, 86, 86, "→", None],
            ["H03", "Repairs right first time (%)", 90, 88, 84, "↓", None],
            [], ["Key"], ["↑", "Performance improved on last quarter"], ["→", "No change"], ["↓", "Performance worse than last quarter"],
            [None, "On or better than target"], [None, "Within 10% of target"], [None, "More than 10% off target"]]
    path = write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing Q2", rows, fills={
        "G3": "Green", "G4": "Green", "G5": "Red", "A10": "Green", "A11": "Amber", "A12": "Red"})])
    assert not [p.message for p in perfkit.validate(path).warnings if p.column == "status"]


def test_a_keys_middle_step_is_read_as_the_key_says_where_it_names_the_worst_too(tmp_path):
    """'Key: On target = met or exceeded; Below target = within 10% of target; Well below target = more than 10% adrift':
    'Below target' was read as Red beside 'Well below target' under a warning that said the key meant Amber, which held
    the brief. The key names the worst step itself, so its middle step is Amber, said in a note."""
    rows = [["Quarter 2 2024/25 scorecard"], ["Ref", "Measure", "Target", "Q2", "Status"],
            ["S1", "Calls answered (%)", 90, 92, "On target"], ["S2", "Invoices paid on time (%)", 95, 90, "Below target"],
            ["S3", "Complaints on time (%)", 90, 70, "Well below target"], [],
            ["Key: On target = met or exceeded; Below target = within 10% of target; Well below target = more than 10% adrift"]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Q2 Scorecard", rows)])
    assert not perfkit.validate(path).warnings
    assert perfkit.read_measures(path)["reported_status"].astype(str).tolist() == ["Green", "Amber", "Red"]


def test_a_keys_milder_meaning_with_no_worse_step_of_its_own_is_still_warned_of(tmp_path):
    """'Off course = behind schedule, action needed' with no worse word in the key: the word stays Red, warned of."""
    rows = [["Delivery plan Q2 2024/25"], ["Ref", "Milestone", "Due", "Status"],
            ["M1", "Open the hub", day(2025, 3, 31), "On course"], ["M2", "Close the depot", day(2024, 8, 31), "Off course"], [],
            ["Key: On course = on schedule; Off course = behind schedule, action needed"]]
    warned = perfkit.validate(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])).warnings
    assert any("Off course" in p.message for p in warned)


def test_a_tracker_whose_statuses_carry_icons_is_read_as_milestones(tmp_path):
    """'✔ Completed', '▲ At risk', '✖ Delayed' under 'Theme | Milestone | Lead | Due by | Progress': no header was found,
    a data row holding '▲ At risk' was read as a risk register's header and four milestones were lost."""
    tracked = [("Adopt Local Plan review", (2024, 9, 30), "✖ Delayed"), ("Start on site 40 council homes", (2024, 7, 31), "✔ Completed"),
               ("Empty homes strategy approved", (2024, 12, 31), "● On schedule"),
               ("Launch landlord licensing consultation", (2024, 8, 31), "▲ At risk"),
               ("Town centre masterplan to Cabinet", (2024, 6, 30), "✔ Completed"),
               ("Market hall refurbishment complete", (2025, 3, 31), "● On schedule")]
    rows = [["Theme", "Milestone", "Lead", "Due by", "Progress", "Update"],
            *(["Homes" if k < 4 else "Economy", title, "Head of Place", day(*due), said, ""] for k, (title, due, said) in enumerate(tracked))]
    cover = SheetSpec("Cover", [["Corporate Plan Delivery Tracker - Quarter 2 2024/25"]])
    frames = perfkit.read_workbook(write_workbook(tmp_path / "tracker.xlsx", [cover, SheetSpec("Tracker", rows)]))
    assert set(frames) == {"milestones"}
    status = frames["milestones"].set_index("title")["status"].astype(str)
    assert len(status) == 6 and status["Start on site 40 council homes"] == "Complete"
    assert status["Launch landlord licensing consultation"] == "Amber" and status["Empty homes strategy approved"] == "Green"


def test_a_cover_keys_red_delayed_makes_the_word_red_where_perfkit_reads_it_amber(tmp_path):
    """A cover sheet's key, each word in its own fill ('Delayed' red, 'At risk' amber): the tracker's 'Delayed' was read
    as Amber beside 'At risk', nothing Red, under a warning asking for a line the key already gave."""
    cover = SheetSpec("Cover", [["Corporate Plan Delivery Tracker - Quarter 2 2024/25"], [], ["Status key"],
                                ["Completed"], ["On schedule"], ["At risk"], ["Delayed"]],
                      fills={"A4": "0070C0", "A5": "00B050", "A6": "FFC000", "A7": "FF0000"})
    rows = [["Theme", "Milestone", "Lead", "Due by", "Progress"],
            ["Homes", "Adopt Local Plan review", "Head of Planning", day(2024, 9, 30), "Delayed"],
            ["Homes", "Start on site 40 council homes", "Head of Housing", day(2024, 7, 31), "Completed"],
            ["Homes", "Empty homes strategy approved", "Head of Housing", day(2024, 12, 31), "On schedule"],
            ["Homes", "Launch licensing consultation", "Head of Housing", day(2024, 8, 31), "At risk"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [cover, SheetSpec("Tracker", rows)]))
    status = ms.set_index("title")["status"].astype(str)
    assert status["Adopt Local Plan review"] == "Red" and status["Launch licensing consultation"] == "Amber"
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"], [p.message for p in ms.attrs["problems"]]
    assert any("'Delayed' read as Red, as the workbook's status key says" in p.message for p in ms.attrs["problems"])


def test_a_judgement_key_under_the_table_colours_its_words(tmp_path):
    """A well-being self-assessment: 'Judgement key' under the table, 'Requires improvement' filled red. The label was
    never looked at (only labels starting K, L, R, B, S or C were), so the word stayed Amber beside 'Adequate'."""
    rows = [["Well-being objectives self-assessment - mid-year 2024/25 (Quarter 2)"], [],
            ["Ref", "Step", "Lead", "Judgement", "Evidence and commentary"],
            ["1.1", "Expand early help", "Head of Early Help", "Good", "On plan."],
            ["1.2", "Reduce waiting times", "Head of Adults", "Requires improvement", "Backlog grew."],
            ["1.3", "Open family hubs", "Head of Children's", "Adequate", "Two of three open."],
            ["1.4", "Recruit foster carers", "Fostering Manager", "Excellent", "Ahead of plan."], [],
            ["Judgement key"], ["Excellent", "Very strong, sustained performance"], ["Good", "Strong, minor areas for improvement"],
            ["Adequate", "Strengths outweigh areas for improvement"], ["Requires improvement", "Important areas for improvement"]]
    sheet = SheetSpec("Self-assessment", rows, fills={"A10": "006100", "A11": "00B050", "A12": "FFC000", "A13": "FF0000"})
    ms = perfkit.read_milestones(write_workbook(tmp_path / "wellbeing.xlsx", [sheet]))
    status = ms.set_index("milestone_id")["status"].astype(str)
    assert status.to_dict() == {"1.1": "Green", "1.2": "Red", "1.3": "Amber", "1.4": "Green"}
    assert ms.set_index("milestone_id").loc["1.2", "commentary"] == "Backlog grew."
