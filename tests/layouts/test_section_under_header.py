"""A section row straight under the header (``Strategic Aim 1 – Prevention`` merged across the table) is the first
group's heading, never a second header row: read as one, the first group's measures were put in no group at all and
the heading was read as the reference column's header."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, write_workbook

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
