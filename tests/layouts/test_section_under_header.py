"""A section row straight under the header (``Strategic Aim 1 – Prevention`` merged across the table) is the first
group's heading, never a second header row: read as one, the first group's measures were put in no group at all and
the heading was read as the reference column's header."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main

AIMS = {"Strategic Aim 1 – Prevention": [("FRS01", "Accidental dwelling fires", "Lower", 45, 41, 48),
                                         ("FRS02", "Home fire safety visits", "Higher", 1500, 1612, 1398)],
        "Strategic Aim 2 – Protection": [("FRS06", "Fire safety audits completed", "Higher", 300, 310, 320)],
        "Strategic Aim 3 – Response": [("FRS04", "Primary fires attended within 10 minutes", "Higher", 90, 92, 80)]}


@pytest.mark.parametrize("ref", ["KPI", "Ref", "PI"])
def test_a_section_row_under_the_header_groups_its_measures(tmp_path, capsys, ref):
    rows = [["Wessex Fire and Rescue Authority"], ["Performance report: Quarter 2 2024/25"], [],
            [ref, "Performance measure", "Better if", "Quarterly target", "Apr–Jun 24", "Jul–Sep 24", "Comments"]]
    merges = []
    for aim, items in AIMS.items():
        rows.append([aim])
        merges.append(f"A{len(rows)}:G{len(rows)}")
        rows += [[*item, None] for item in items]
    path = write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Performance", rows, merges=merges)])
    kp = perfkit.read_measures(path)
    assert sorted(kp.measure_id.unique()) == sorted(i[0] for items in AIMS.values() for i in items)
    assert kp.loc[kp.measure_id == "FRS01", "name"].iloc[0] == "Accidental dwelling fires"
    groups = kp.drop_duplicates("measure_id").set_index("measure_id")["priority"].to_dict()
    assert groups == {i[0]: aim for aim, items in AIMS.items() for i in items}
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {g: b["total"] for g, b in doc["measures"]["groups"].items()} == {aim: len(items) for aim, items in AIMS.items()}


def scorecard_with_a_short_section(column: int):
    """Two sections, the second of one measure, each heading in ``column`` (0: the reference column, 1: the names')."""
    def heading(text):
        row = [None] * 7
        row[column] = text
        return row
    return [["Corporate scorecard 2024/25"], [],
            ["Ref", "Measure", "Polarity", "Target 2024/25", "Q1 2024/25", "Q2 2024/25", "Status"],
            heading("A thriving place"),
            ["PL01", "Major planning applications on time (%)", "Higher is better", 80, 77, 85, "Green"],
            ["PL02", "Minor planning applications on time (%)", "Higher is better", 75, 70, 68, "Red"],
            heading("Clean and green"),
            ["EN01", "Household waste recycled (%)", "Higher is better", 45, 41.2, 43, "Amber"]]


def test_a_one_measure_section_headed_in_the_reference_column_is_a_heading_without_a_warning(tmp_path):
    """'Clean and green' in the Ref column over one measure was a warning that it might be a measure with only a title,
    stopping brief; a measure's title is never in the reference column."""
    path = write_workbook(tmp_path / "card.xlsx", [SheetSpec("Corporate measures", scorecard_with_a_short_section(0))])
    report = perfkit.validate(path)
    assert not report.warnings, [str(p) for p in report.warnings]
    kp = perfkit.read_measures(path)
    assert kp.loc[kp.measure_id == "EN01", "priority"].iloc[0] == "Clean and green"


def test_a_one_measure_section_headed_in_the_names_column_is_still_a_warning(tmp_path):
    path = write_workbook(tmp_path / "card.xlsx", [SheetSpec("Corporate measures", scorecard_with_a_short_section(1))])
    assert any("was read as a section heading" in p.message for p in perfkit.validate(path).warnings)


def test_a_first_names_column_holding_only_the_sections_gives_way_to_the_one_under_them(tmp_path):
    """A police and crime plan tracker: 'Commitment' (each commitment a section row across the table) before 'Activity'
    (the milestones' names). Commitment was read as the title, empty on every row: 'milestone has no title' eight times,
    and the brief's red and overdue milestones had no names."""
    rows = [["Police and Crime Plan 2021-2025: Delivery Tracker 2024/25"], [],
            ["Commitment", "Activity", "Owner", "Timescale", "Progress Q1 (Apr-Jun)", "Progress Q2 (Jul-Sep)"],
            ["Keeping our communities safe"],
            [None, "Increase neighbourhood officers", "Chief Constable", "Mar-25", "On track", "On track"],
            [None, "Rural crime team expansion", "ACC Local Policing", "Sep-24", "Some slippage", "Achieved"],
            ["Supporting victims"],
            [None, "Recommission victim referral service", "OPCC", "Oct-24", "On track", "Some slippage"],
            [None, "Open a second victims' hub", "OPCC", "Mar-25", "On track", "On track"]]
    path = write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("PCP Delivery", rows, merges=("A4:F4", "A7:F7"))])
    ms = perfkit.read_milestones(path)
    assert ms.drop_duplicates("milestone_id")["title"].tolist() == [
        "Increase neighbourhood officers", "Rural crime team expansion", "Recommission victim referral service",
        "Open a second victims' hub"]
    assert ms.drop_duplicates("milestone_id")["priority"].tolist() == ["Keeping our communities safe"] * 2 + ["Supporting victims"] * 2
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_table_above_the_one_read_is_a_warning_naming_its_rows_never_title_rows(tmp_path):
    """A housing dashboard: a compliance table (`Area | Measure | Number compliant | % compliant Sep-24`) above the repairs
    table (`Ref | Measure | Polarity | Target | Sep-24 | RAG`). The repairs table was read and the compliance table's eight
    rows were 'title rows above the header, read for the year only', with no warning."""
    rows = [["Housing Services – Compliance and Repairs Dashboard, position at 30 September 2024"], [],
            ["Section 1: Building safety compliance"],
            ["Area", "Measure", "Properties requiring", "Number compliant", "% compliant Sep-24"],
            ["Gas", "Gas safety checks in date", 5412, 5409, 0.9994], ["Electrical", "EICRs within 5 years", 5412, 5190, 0.959],
            ["Fire", "Fire risk assessments in date", 186, 186, 1],
            ["Section 2: Repairs"],
            ["Ref", "Measure", "Polarity", "Target", "Sep-24", "RAG"],
            ["RP1", "Emergency repairs completed within 24 hours", "Higher is better", 0.98, 0.972, "Amber"],
            ["RP2", "Routine repairs completed within 20 working days", "Higher is better", 0.9, 0.815, "Red"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)]))
    (warning,) = [p for p in m.attrs["problems"] if p.severity == "warning"]
    assert warning.source == "Dashboard!A4:A7" and "rows 5 to 7 above the table read" in warning.message


def test_a_summary_of_counts_above_the_table_is_no_table_of_items(tmp_path):
    rows = [["Council Plan 2024/25: Quarter 2"], ["Priority", "Green", "Amber", "Red"], ["Economy", 3, 1, 0], ["Housing", 2, 2, 1], [],
            ["Ref", "Measure", "Polarity", "Target", "Q2 2024/25"], ["E1", "Jobs created", "Higher", 100, 120], ["H1", "Homes built", "Higher", 50, 41]]
    m = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("KPIs", rows)]))
    assert not [p for p in m.attrs["problems"] if p.severity == "warning"]


def test_a_second_scorecard_under_the_first_is_read_as_measures_too(tmp_path):
    """A board dashboard: compliance measures (`Ref | Measure | Target | Q2 2024/25 | Status`), then repairs measures with
    months beside the quarters (`Ref | Measure | Polarity | Target | Jul-24 | ... | Q2 2024/25 | Q1 2024/25 | RAG`). The
    second table was read as an action plan (its targets 'not a date', its figures 'unknown status'), or, after init,
    set aside with a note."""
    rows = [["Board dashboard – Quarter 2 2024/25"], [], ["1. Building safety"],
            ["Ref", "Measure", "Target", "Q2 2024/25", "Status", "Comments"],
            ["C1", "Gas safety records (%)", "100%", "99.9%", "A", "Four homes no access"], ["C2", "EICRs in date (%)", "100%", "97.4%", "A", None],
            ["C3", "Fire risk assessments (%)", "100%", "100%", "G", None], ["Source: compliance module"], [], ["2. Repairs"],
            ["Ref", "Measure", "Polarity", "Target", "Jul-24", "Aug-24", "Sep-24", "Q2 2024/25", "Q1 2024/25", "RAG"],
            ["R1", "Emergency repairs in 24 hours (%)", "Higher", "98%", "97%", "98%", "99%", "98.1%", "97.6%", "G"],
            ["R2", "Average days to complete a routine repair", "Lower", "20", "21", "19", "18", "19.6", "23.4", "G"]]
    path = write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    m = perfkit.read_measures(path)
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert q2["actual"].to_dict() == {"C1": 99.9, "C2": 97.4, "C3": 100, "R1": 98.1, "R2": 19.6}
    assert q2["reported_status"].tolist() == ["Amber", "Amber", "Green", "Green", "Green"]


def test_a_second_block_under_the_header_typed_again_with_no_reference_column_is_more_of_the_table(tmp_path):
    """A housing board dashboard: 'Landlord compliance' rows, then 'Repairs' over `Measure | Target | ... | RAG` typed again.
    With no reference column the repeated header was read as a measure ('Target' is not a number, 'RAG' an unknown
    status), and the workbook refused."""
    head = ["Measure", "Target", "Jul-24", "Aug-24", "Sep-24", "Q2", "RAG"]
    rows = [["Riverside Homes – Board Performance Dashboard"], ["Quarter 2 2024/25 (July – September 2024)"], [],
            ["Landlord compliance"], head, ["Gas safety – valid LGSR (%)", "100%", 99.8, 99.9, 100, 100, "G"],
            ["Fire risk assessments in date (%)", "100%", 98.5, 99, 99.2, 99.2, "A"], [], ["Repairs"], head,
            ["Emergency repairs within 24 hours (%)", "98%", 97.5, 98.2, 98.6, 98.1, "G"],
            ["Repairs right first time (%)", "85%", 81, 83, 84, 82.7, "A"]]
    path = write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Board Dashboard", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    m = perfkit.read_measures(path)
    assert m["reported_status"].astype(str).tolist() == ["Green", "Amber", "Green", "Amber"]
    # the heading over the first block is its section, as the one over the second is (it was taken for a title row, so
    # the first block's measures were briefed as 'No priority given')
    assert m["priority"].astype(str).tolist() == ["Landlord compliance"] * 2 + ["Repairs"] * 2


def test_two_scorecards_each_under_its_heading_with_references_group_by_their_headings(tmp_path):
    head = ["Ref", "Measure", "Target", "Q2 2024/25", "Status"]
    rows = [["Place Directorate - KPI Scorecard, Quarter 2 2024/25"], [], ["Housing"], head,
            ["HS01", "Average days to re-let council homes", 35, "32", "On target"],
            ["HS02", "% of repairs completed first time", 90, "86%", "Slightly off target"], [],
            ["Environment and Waste"], head, ["EN01", "% of household waste recycled", 50, "44.2%", "Off target"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "place.xlsx", [SheetSpec("Place KPIs", rows)]))
    assert m["priority"].astype(str).tolist() == ["Housing", "Housing", "Environment and Waste"]
    # the second scorecard headed in its own words: two tables of one kind, each under its heading
    other = rows[:8] + [["Ref", "Performance indicator", "Target", "Jul-Sep 2024", "RAG"]] + rows[9:]
    m = perfkit.read_measures(write_workbook(tmp_path / "other.xlsx", [SheetSpec("Place KPIs", other)]))
    assert m["priority"].astype(str).tolist() == ["Housing", "Housing", "Environment and Waste"]
    one = rows[:7]  # one block under a heading-like row: that row is the table's title, never a section
    m = perfkit.read_measures(write_workbook(tmp_path / "one.xlsx", [SheetSpec("Place KPIs", one)]))
    assert "priority" not in m or m["priority"].isna().all() or set(m["priority"].astype(str)) == {""}


def test_a_projects_table_with_no_references_under_kpis_with_none_is_read_as_milestones(tmp_path):
    """A board dashboard: KPIs named in their first column (no references), then 'Table 2: Strategic projects' over
    `Project | Milestone | Due | Status | Update`. The projects were read as more KPIs ('Milestone' is not a number)."""
    rows = [["Board Performance Dashboard – Q2 2024/25"], [], ["Table 1: Key performance indicators"],
            ["KPI", "Target", "Q1", "Q2", "RAG"], ["Rent collected as % of rent due", 99, 98.2, 98.8, "A"],
            ["Average days to relet empty homes", 28, 29, 27, "G"], [], ["Table 2: Strategic projects"],
            ["Project", "Milestone", "Due", "Status", "Update"],
            ["Damp & mould", "Complete stock condition survey", day(2024, 8, 31), "Red", "Contractor mobilised late"],
            ["New build", "Start on site Mill Lane", day(2024, 7, 1), "Complete", "Started 24/06"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)]))
    assert frames["measures"]["measure_id"].nunique() == 2
    assert frames["milestones"]["title"].tolist() == ["Complete stock condition survey", "Start on site Mill Lane"]
