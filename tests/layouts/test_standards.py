"""A Northern Irish council's Performance Improvement Plan: statutory indicators measured against a 'Standard', on a
sheet of their own beside the self-imposed indicators, rated 'Meeting standard' / 'Not meeting standard'. The statutory
sheet was not read at all ('could not find its header'): 'Statutory indicator' was no name and 'Standard' no target."""

from __future__ import annotations

import pandas as pd
from layout_builders import SheetSpec, Truth, layout, write_workbook

import perfkit

FAMILY = "standards"
STATUTORY = [("P1", "Major planning applications: average processing time (weeks)", 30, 28.4, 33, "Not meeting standard"),
             ("P2", "Local planning applications: average processing time (weeks)", 15, 14.2, 14.0, "Meeting standard"),
             ("P3", "% of enforcement cases concluded within 39 weeks", "70%", 0.72, 0.68, "Not meeting standard"),
             ("W1", "% of household waste sent for recycling", "50%", 0.521, 0.51, "Meeting standard")]
SELF = [("SI1", "Visits to leisure centres", 250000, 262000, 241000, "Slightly off track"),
        ("SI2", "% of invoices paid within 10 working days", 80, 83, 84, "On track")]
MEANS = {"Meeting standard": "Green", "Not meeting standard": "Red", "Slightly off track": "Amber", "On track": "Green"}


@layout(FAMILY, "statutory indicators against a standard, and self-imposed ones against a target, a sheet each")
def build_performance_improvement_plan(folder):
    statutory = [["Statutory performance indicators and standards 2024-25"], [],
                 ["Ref", "Statutory indicator", "Standard 2024-25", "Apr-Jun 2024", "Jul-Sep 2024", "Performance against standard (Jul-Sep)"],
                 *[list(r) for r in STATUTORY]]
    own = [["Self-imposed indicators 2024-25"], [], ["Ref", "Self-imposed indicator", "Target", "Apr-Jun 2024", "Jul-Sep 2024", "Status"],
           *[list(r) for r in SELF]]
    path = write_workbook(folder / "pip_2024-25.xlsx", [
        SheetSpec("Statutory indicators", statutory, number_formats={"D6:E7": "0.0%"}),  # the officer's percentages, shown as such
        SheetSpec("Self-imposed indicators", own)])
    rows = [*STATUTORY, *SELF]
    return path, Truth({"measures": len(rows)}, None, {},
                       {"measures": {"measure_id": [r[0] for r in rows]}},  # the Q2 statuses: checked below, Q1 has none
                       {"measures": ["2024/25 Q1", "2024/25 Q2"]})


def test_the_statutory_sheet_is_read_with_its_standard_as_the_target_and_its_own_words(tmp_path):
    path, truth = build_performance_improvement_plan(tmp_path)
    measures = perfkit.read_measures(path)
    assert measures["measure_id"].nunique() == truth.counts["measures"]
    q2 = measures[measures["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")
    assert q2.loc["P1", "target"] == 30 and q2.loc["P3", "target"] == 70
    assert q2["reported_status"].astype(str).to_dict() == {r[0]: MEANS[r[5]] for r in [*STATUTORY, *SELF]}
    assert not [p for p in measures.attrs["problems"] if p.severity == "warning"]


def test_a_contract_returns_performance_standards_are_its_targets_and_its_kpis_its_names(tmp_path):
    """'KPI ref | Key performance indicator | Performance standard | Quarter 2 outturn | Pass/Fail': every measure was
    briefed by its standard ('L03 ≥ 85%'), the KPIs' names not used, with no word; mapped as the target, 'Maintained'
    stopped the sheet."""
    rows = [["Leisure Management Contract - Quarterly KPI Return"], ["Quarter 2 2024/25 (July - September 2024)"], [],
            ["KPI ref", "Key performance indicator", "Performance standard", "Quarter 2 outturn", "Pass/Fail"],
            *map(list, [("L01", "Facility availability (% of programmed hours open)", "≥ 98%", "99.1%", "Pass"),
                        ("L02", "Total leisure visits", "≥ 210,000", "218,450", "Pass"),
                        ("L03", "Swimming lesson occupancy", "≥ 85%", "81%", "Fail"),
                        ("L07", "Quest accreditation maintained", "Maintained", "Maintained", "Pass")])]
    kp = perfkit.read_measures(write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPI Return", rows)]))
    by_id = kp.set_index("measure_id")
    assert by_id.loc["L03", "name"] == "Swimming lesson occupancy" and by_id.loc["L03", "target"] == 85
    assert by_id.loc["L02", "target"] == 210000 and pd.isna(by_id.loc["L07", "target"])
    said = {p.source: p.message for p in kp.attrs["problems"]}
    assert "holds levels to reach (such as '≥ 98%'): read as the names" in said["KPI Return!B4"]
    assert "is a level in words" in said["KPI Return!C8"]


def test_an_nhs_trusts_operational_standard_is_the_target_beside_a_names_column_headed_standard(tmp_path):
    """Cancer waits headed 'Standard' (the names) and 'Operational standard' (77%, 96%...): the second was 'not used by
    perfkit', so the brief had no targets. Beside a 'Local target' a 'National standard' stays unused (ours is read)."""
    rows = [["Cancer waiting times 2024/25"], ["Position at Quarter 2"], [],
            ["Standard", "Operational standard", "Q1", "Q2", "RAG"],
            ["28-day faster diagnosis standard", "77%", "75.1%", "78.4%", "G"],
            ["31-day decision to treat to first treatment", "96%", "93.2%", "94.0%", "R"],
            ["62 days: % treated within 62 days of urgent referral", "85%", "66.8%", "69.5%", "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "cancer.xlsx", [SheetSpec("Cancer standards", rows)]))
    assert list(kp["target"]) == [77, 77, 96, 96, 85, 85]
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Local target", "National standard", "Q1", "Q2"],
            ["K1", "Calls answered in 60 seconds (%)", "Higher", 85, 80, 82, 86]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    assert list(kp["target"]) == [85, 85]
