"""References headed by the national scheme they come from ('ASCOF ref', 'TSM Code') and written as the scheme writes
them ('2A(1)', 'RP02(2)', '1C(2A)'): the column was 'not used', so the briefing named measures K001, K002..."""

from __future__ import annotations

import pytest
from layout_builders import SheetSpec, write_workbook

import perfkit


@pytest.mark.parametrize("header, refs", [("ASCOF ref", ["1C(2A)", "2A(1)", "2B(1)", "1E"]),
                                          ("TSM Code", ["TP01", "RP02(2)", "CH02(1)", "NM01"])])
def test_a_schemes_own_references_are_the_measures_references(tmp_path, header, refs):
    rows = [["Quarterly scorecard 2024/25"], [header, "Measure", "Good performance", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["Section one"]]
    for i, ref in enumerate(refs):
        rows.append([ref, f"Measure {i + 1} (%)", "High", 50, 48 + i, 51 + i])
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)])
    assert perfkit.read_measures(path)["measure_id"].unique().tolist() == refs


def test_a_previous_reference_is_not_taken_for_the_reference(tmp_path):
    rows = [["Old ref", "Measure", "Target", "Q1 2024/25"], ["X1", "Calls answered (%)", 90, 91], ["X2", "Bins collected (%)", 99, 98]]
    path = write_workbook(tmp_path / "s.xlsx", [SheetSpec("KPIs", rows)])
    assert perfkit.read_measures(path)["measure_id"].tolist() != ["X1", "X2"]


def test_a_schemes_initials_before_a_known_header_keep_its_meaning(tmp_path):
    """'BVAR recommendation' grouped a Best Value improvement plan's actions, but was only a '--by' column: the plan's own
    groups were empty."""
    from layout_builders import day

    rows = [["Best Value Assurance Report: improvement plan, position at 30 September 2024"],
            ["No.", "Improvement action", "BVAR recommendation", "Owner", "Complete by", "Position at Sep 24"],
            ["A1", "Agree a medium-term financial plan", "Recommendation 1", "Director", day(2024, 6, 30), "Done"],
            ["A2", "Develop savings options", "Recommendation 1", "Director", day(2024, 12, 31), "In hand"],
            ["A3", "Approve workforce plan", "Recommendation 2", "Director", day(2024, 8, 31), "In hand"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("BV Improvement Plan", rows)])
    acts = perfkit.read_actions(path)
    assert dict(zip(acts["action_id"], acts["group"])) == {"A1": "Recommendation 1", "A2": "Recommendation 1", "A3": "Recommendation 2"}


def test_a_key_word_perfkit_cannot_place_but_every_cell_colours_is_a_note_not_a_warning(tmp_path):
    from layout_builders import day

    rows = [["Improvement plan, position at 30 September 2024"], ["No.", "Action", "Owner", "Complete by", "Position at Sep 24"],
            ["A1", "Agree the plan", "Director", day(2024, 6, 30), "Done"], ["A2", "Approve workforce plan", "Director", day(2024, 8, 31), "Stalled"],
            ["A3", "Refresh the strategy", "Director", day(2025, 3, 31), "Stalled"], [], ["Key"], ["Done", "action completed"],
            ["Stalled", "behind timescale / at risk"], ["In hand", "progressing to timescale"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows, fills={"E4": "Red", "E5": "Red"})])
    report = perfkit.validate(path)
    assert not report.warnings, report
    acts = perfkit.read_actions(path)
    assert set(acts.loc[acts["action_id"].isin(["A2", "A3"]), "status"].astype(str)) == {"Behind schedule"}


def test_a_thematic_area_groups_the_programme(tmp_path):

    rows = [["Combined authority programme dashboard, Quarter 2 2024/25"], ["Scheme ID", "Scheme", "Thematic area", "SRO", "Q2 DCA"],
            ["IP-01", "Metro extension", "Transport", "Director", "Amber"], ["IP-02", "Bus franchising", "Transport", "Director", "Green"],
            ["IP-03", "Brownfield housing", "Housing", "Director", "Green"]]
    path = write_workbook(tmp_path / "ca.xlsx", [SheetSpec("Programme Dashboard", rows)])
    fig = perfkit.quarter_figures(perfkit.read_milestones(path), None, "2024/25 Q2")
    assert set(fig.milestone_summary.iloc[:, 0]) == {"All", "Transport", "Housing"}


def test_codes_in_the_kpi_column_are_references_even_with_a_key_under_the_table(tmp_path):
    """'KPI | Measure', the KPI column holding TSM01, CX02...: a key under the table ('Exceeding | beating the target')
    counted as rows of the KPI column, so the codes were taken for the names and the names went unread."""
    rows = [["Board KPIs, Quarter 2 2024/25"], ["KPI", "Measure", "Good is", "Target 2024/25", "Q1", "Q2", "Performance"],
            ["Customer Experience"], ["TSM01", "Overall tenant satisfaction (%)", "Higher", 75, 72, 79, "Exceeding"],
            ["CX02", "Complaints responded to in time (%)", "Higher", 95, 96, 94, "Close to target"],
            ["Money"], ["MN01", "Rent collected (%)", "Higher", 99, 99.2, 99.5, "Achieving"], [],
            ["Key"], ["Exceeding", "better than target by more than 5%"], ["Achieving", "at or better than target"],
            ["Close to target", "within 5% of target"], ["Not achieving", "more than 5% short of target"]]
    path = write_workbook(tmp_path / "board.xlsx", [SheetSpec("Board KPIs", rows)])
    m = perfkit.read_measures(path)
    assert list(dict.fromkeys(m["measure_id"])) == ["TSM01", "CX02", "MN01"]
    assert m.set_index("measure_id")["name"].to_dict()["MN01"] == "Rent collected (%)"


def test_codes_in_capitals_with_no_number_under_measure_beside_a_description_are_references(tmp_path):
    """A planning return, `Measure | Description`, the codes PS2-MAJ, QUAL-NON: taken for the names (the brief showed
    'QUAL-MAJ', the JSON a made-up K001) and the descriptions went unread."""
    rows = [["Development Management - Statutory Performance (PS1/PS2) 2024/25"], [],
            ["Measure", "Description", "Local target", "Q1 2024/25", "Q2 2024/25", "Q2 RAG"],
            ["PS2-MAJ", "Major applications decided within 13 weeks or agreed time", "80%", "85.7%", "75.0%", "Amber"],
            ["PS2-MIN", "Minor applications decided within 8 weeks or agreed time", "85%", "88.2%", "90.1%", "Green"],
            ["QUAL-MAJ", "Major decisions overturned at appeal (% of all major decisions)", "5%", "0.0%", "12.5%", "Red"],
            ["PS1-VAL", "Applications validated within 5 working days", "90%", "78%", "83%", "Red"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "ps.xlsx", [SheetSpec("PS1 PS2", rows)]))
    assert list(dict.fromkeys(m["measure_id"])) == ["PS2-MAJ", "PS2-MIN", "QUAL-MAJ", "PS1-VAL"]
    assert m.set_index("measure_id")["name"].to_dict()["PS1-VAL"] == "Applications validated within 5 working days"
