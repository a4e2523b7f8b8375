"""Scorecards that state their own rules in words: the amber tolerance in a note under the table ('A = within 10% of
target', 'Tolerance is 10% of the quarterly target'), and a status column headed 'Performance' holding 'Achieving /
Near target / Not achieving' (kept as a grouping, so the board's own status was never read)."""

from __future__ import annotations

import json

import html
import math

from layout_builders import SheetSpec, day, write_workbook

import pandas as pd
import pytest

import perfkit
from perfkit.present import briefing


def _scorecard(tmp_path, note):
    rows = [["Corporate scorecard 2024/25"], ["PI Ref", "Performance Indicator", "Good is", "Annual Target", "Q1 Actual", "Q2 Actual"],
            ["A1", "Reviews completed on time (%)", "High", 85, 78, 86],   # Q1 8.2% short
            ["A2", "People delayed in hospital per day", "Low", 12, 13, 11],  # Q1 8.3% over
            ["A3", "Enquiries concluded in 28 days (%)", "High", 90, 91, 70]]  # Q2 22% short
    if note is not None:
        rows += [[], [note]]
    return write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Adults", rows)])


def _statuses(path, quarter):
    m = perfkit.assess_measures(perfkit.read_measures(path))
    return dict(zip(m.loc[m["period"].astype(str) == quarter, "measure_id"], m.loc[m["period"].astype(str) == quarter, "status"].astype(str)))


def test_a_tolerance_stated_under_the_table_is_the_sheets_amber_band(tmp_path):
    for note in ("RAG: G = target met; A = within 10% of target; R = more than 10% from target",
                 "Achieving: target met. Near target: within 10% of target. Not achieving: more than 10% away.",
                 "G = at or within 2% of target; A = within 10% of target",
                 "Tolerance is 10% of the quarterly target.", "All measures have a 10% tolerance",
                 "Achieved = target met; Within 10% = missed by up to 10%; Not achieved = missed by more than 10%",
                 "Key. Within 10%: amber",
                 "RAG against profile: Green at or above profile; Amber within 10% below; Red more than 10% below.",
                 "Amber (within 10%) - performance is worse than target by no more than 10%",
                 "Amber - performance is worse than target by no more than 10%"):
        path = _scorecard(tmp_path, note)
        assert _statuses(path, "2025Q1") == {"A1": "Amber", "A2": "Amber", "A3": "Green"}, note
        assert _statuses(path, "2025Q2") == {"A1": "Green", "A2": "Green", "A3": "Red"}, note
        said = [p.message for p in perfkit.validate(path)]
        assert any("amber within 10% of target, as the sheet says" in m for m in said), said


def test_without_a_stated_tolerance_the_default_five_per_cent_stands(tmp_path):
    path = _scorecard(tmp_path, "Source: service returns")
    assert _statuses(path, "2025Q1") == {"A1": "Red", "A2": "Red", "A3": "Green"}


def test_two_different_stated_tolerances_are_a_warning_and_the_default_stands(tmp_path):
    rows = [["KPIs 2024/25 (tolerance 10%)"], ["Ref", "Measure", "Polarity", "Target", "Q1 2024/25"], ["A1", "Calls answered (%)", "Higher", 90, 84],
            [], ["Amber = within 5% of target"]]
    path = write_workbook(tmp_path / "k.xlsx", [SheetSpec("KPIs", rows)])
    warned = [p.message for p in perfkit.validate(path).warnings]
    assert any("states more than one tolerance" in m for m in warned), warned


def test_a_performance_column_of_achieving_words_is_the_boards_status(tmp_path):
    rows = [["Board KPIs 2024/25"], ["Code", "KPI", "Quarter", "Target", "Actual", "Performance"],
            ["RP01", "Rent collected (%)", "Q1 2024/25", 99, 99.5, "Achieving"],
            ["RP02", "Repairs on time (%)", "Q1 2024/25", 90, 88, "Near target"],
            ["RP03", "Complaints answered in time (%)", "Q1 2024/25", 95, 80, "Not achieving"],
            ["RP01", "Rent collected (%)", "Q2 2024/25", 99, 97, "Near target"],
            ["RP02", "Repairs on time (%)", "Q2 2024/25", 90, 91, "Achieving"],
            ["RP03", "Complaints answered in time (%)", "Q2 2024/25", 95, 96, "Achieving"]]
    path = write_workbook(tmp_path / "board.xlsx", [SheetSpec("Board KPIs", rows)])
    m = perfkit.read_measures(path)
    got = dict(zip(zip(m["measure_id"], m["period"].astype(str)), m["reported_status"].astype(str)))
    assert got == {("RP01", "2025Q1"): "Green", ("RP02", "2025Q1"): "Amber", ("RP03", "2025Q1"): "Red",
                   ("RP01", "2025Q2"): "Amber", ("RP02", "2025Q2"): "Green", ("RP03", "2025Q2"): "Green"}


def test_a_target_of_one_hundred_per_cent_is_met_from_below(tmp_path):
    rows = [["Ref", "Measure", "Target", "Q1 2024/25", "Q2 2024/25"], ["HA5", "Homes with a valid gas safety certificate", "100%", "99.2%", "100%"]]
    path = write_workbook(tmp_path / "ha.xlsx", [SheetSpec("Board KPIs", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, report
    a = perfkit.assess_measures(perfkit.read_measures(path))
    assert a["polarity"].astype(str).tolist() == ["higher", "higher"] and a["status"].astype(str).tolist() == ["Amber", "Green"]


def test_a_lead_agency_is_the_lead(tmp_path):
    from layout_builders import day

    rows = [["Community Safety Partnership plan 2024/25, Quarter 2"], ["Ref", "Action", "Lead agency", "Due", "Q2 BRAG"],
            ["CSP1", "Launch the hate crime reporting app", "Police", day(2024, 9, 30), "Amber"],
            ["CSP2", "Commission a domestic abuse refuge", "Council", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert ms["lead"].tolist() == ["Police", "Council"]


def test_ticks_and_crosses_are_met_and_not_met_and_never_one_word(tmp_path):
    """A fire authority's ✓ / ✗ statuses: each an unknown word, and typed into perfkit.toml both were refused as one word
    ('given for both Red and Green'); typing only the tick read every cross as Green."""
    rows = [["Ref", "Measure", "Aim", "Target", "Q2 2024/25", "Achieved?"],
            ["FRS1", "Dwelling fires", "Lower is better", 60, 65, "✗"], ["FRS2", "Safe and well visits", "Higher is better", 1500, 1530, "✓"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Apr-Jun 2024", rows)])
    assert not perfkit.validate(path).warnings
    m = perfkit.read_measures(path)
    assert m["reported_status"].astype(str).tolist() == ["Red", "Green"]
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"✓" = "Green"\n"✗" = "Amber"\n')
    assert perfkit.read_measures(path)["reported_status"].astype(str).tolist() == ["Amber", "Green"]


def test_a_commitment_tracker_with_assessments_and_an_accountable_lead(tmp_path):
    """A Police and Crime Plan tracker: 'Commitment No. | Commitment | Accountable | Previous assessment | Current assessment'
    was refused ('could not find its header'), and 'Within 10%' was an unknown status."""
    from layout_builders import day

    rows = [["Police and Crime Plan delivery tracker, Quarter 2 2024/25"],
            ["Commitment No.", "Commitment", "Accountable", "Due", "Previous assessment", "Current assessment"],
            ["C1", "Open a victims' hub", "ACC Crime", day(2025, 3, 31), "Green", "Within 10%"],
            ["C2", "Recruit 50 PCSOs", "ACC Local Policing", day(2025, 3, 31), "Amber", "Green"]]
    path = write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"].astype(str) == "2025Q2"].set_index("milestone_id")
    assert q2["status"].astype(str).to_dict() == {"C1": "Amber", "C2": "Green"} and q2["lead"].to_dict() == {"C1": "ACC Crime", "C2": "ACC Local Policing"}
    assert set(ms["period"].astype(str)) == {"2025Q1", "2025Q2"}


def test_a_status_column_after_each_quarter_under_one_unknown_header(tmp_path):
    """'Apr-Jun 25 | Performance | Jul-Sep 25 | Performance': the first 'Performance' was taken for the actual and dropped,
    the second read as the latest quarter's status, so Q1 was rated from its figures with no word."""
    rows = [["Fire and Rescue Authority: service delivery 2025/26"],
            ["Indicator", "Description", "Polarity", "Target", "Apr-Jun 25", "Performance", "Jul-Sep 25", "Performance"],
            ["SD01", "Accidental dwelling fires", "Lower", 80, 84, "Within tolerance", 71, "Better than target"],
            ["SD02", "Fire deaths and injuries", "Lower", 8, 9, "Worse than target", 8, "Within tolerance"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Service Delivery PIs", rows)])
    m = perfkit.read_measures(path)
    got = {(k, str(p)): str(s) for k, p, s in m[["measure_id", "period", "reported_status"]].itertuples(index=False)}
    assert got == {("SD01", "2026Q1"): "Amber", ("SD01", "2026Q2"): "Green", ("SD02", "2026Q1"): "Red", ("SD02", "2026Q2"): "Amber"}


def test_outside_target_near_miss_and_better_when(tmp_path):
    rows = [["Code", "Measure", "Better when", "Target", "Q2 2024/25", "Q2 2024/25 RAG"],
            ["TP01", "Overall satisfaction (%)", "Higher", 75, 74, "Near miss"], ["RP02", "Days to re-let", "Lower", 30, 41, "Outside target"]]
    path = write_workbook(tmp_path / "ha.xlsx", [SheetSpec("Board KPIs", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, report
    m = perfkit.read_measures(path)
    assert m["reported_status"].astype(str).tolist() == ["Amber", "Red"] and m["polarity"].astype(str).tolist() == ["higher", "lower"]


def test_a_note_saying_figures_are_cumulative_is_a_warning_naming_the_measures_it_speaks_of(tmp_path):
    """'Note: Q1-Q4 collection rates are cumulative; annual target applies at year end' under a service plan was set aside
    as a note, and Q1's 29.8% collected was rated Red against the year's 96.5%, with no word."""
    rows = [["Revenues & Benefits service plan 2024/25"], [],
            ["Performance indicator", "2023/24 outturn", "Target 2024/25", "Q1", "Q2", "Q3", "Q4"],
            ["Council tax in-year collection rate (%)", 96.1, 96.5, 29.8, 57.1, None, None],
            ["NNDR in-year collection rate (%)", 97.9, 98, 30.5, 58.2, None, None],
            ["Average days to process new claims", 19, 18, 17, 16, None, None], [],
            ["Note: Q1-Q4 collection rates are cumulative; annual target applies at year end."]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Service Plan PIs", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.column == "cumulative")
    assert warning.source == "Service Plan PIs!A8"
    assert warning.message.endswith('e.g. cumulative = ["Council tax in-year collection rate (%)", "NNDR in-year collection rate (%)"]')


def test_a_note_naming_cumulative_measures_by_their_references_is_a_warning_naming_them(tmp_path):
    """'CH01 and NM01 are cumulative year to date' under a TSM report says nothing of a target: it was read as a note,
    and Q1's 9.1 complaints per 1,000 homes rated against the year's 35 with no word. References with a TSM's '(1)'
    suffix are named by their stem."""
    rows = [["Tenant Satisfaction Measures: Q2 2024-25"],
            ["TSM Code", "Measure", "2024-25 Target", "Q1 2024-25", "Q2 2024-25"],
            ["TP01", "Overall satisfaction (%)", 75, 73, 76],
            ["CH01(1)", "Stage 1 complaints per 1,000 homes", 35, 9.1, 18.7],
            ["NM01(1)", "Anti-social behaviour cases per 1,000 homes", 40, 11.2, 23.5], [],
            ["Source: quarterly tenant survey; CH01 and NM01 are cumulative year to date."]]
    path = write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSMs", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.column == "cumulative")
    assert warning.message.endswith('e.g. cumulative = ["CH01(1)", "NM01(1)"]'), warning.message


def test_measures_rated_green_far_short_of_the_years_target_or_commented_cumulative_are_a_warning(tmp_path):
    """A Council Plan report: start-ups 34 at Q1 and 61 at Q2 against the year's 120, rated Green by the service, and
    homelessness preventions commented 'Cumulative'. perfkit's own Q1 statuses rated both Red against the year's
    target, with no word."""
    rows = [["Council Plan Performance Report 2024/25"], ["Quarter 2 (April - September 2024)"],
            ["Ref", "Performance measure", "Good is", "2024/25 target", "Q1", "Q2", "RAG", "Comments"],
            ["CP1.01", "Number of new business start-ups supported", "High", 120, 34, 61, "Green", None],
            ["CP1.02", "Major planning applications in time (%)", "High", 85, 81, 88, "Green", None],
            ["CP2.02", "Households prevented from homelessness", "High", 400, 96, 203, "Amber", "Cumulative"],
            ["CP3.02", "Streets clean (%)", "High", 95, 97, 96, "Green", None]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("KPIs", rows)])
    (warning,) = [p for p in perfkit.validate(path).warnings if p.column == "cumulative"]
    assert "2 measures look cumulative" in warning.message and 'cumulative = ["CP1.01", "CP2.02"]' in warning.message
    assert "Green at 2024/25 Q2 with 61 against 120" in warning.message and "its comment says cumulative" in warning.message
    (tmp_path / "perfkit.toml").write_text('[measures]\ncumulative = ["CP1.01", "CP2.02"]\n', encoding="utf-8")
    assert not [p for p in perfkit.validate(path).warnings if p.column == "cumulative" and "look" in p.message]


def test_a_rate_commented_cumulative_near_its_target_all_year_is_no_cumulative_warning(tmp_path):
    """Rent collected as a percentage of rent due, commented 'Cumulative; year-end forecast 98.6%', at 96.2% against 98.5%
    at Q1: a rate to date, compared with the year's target as it stands. The warning asked for cumulative = ["OP01"], which
    would have straight-lined its target to 24.6% at Q1; it blocked the brief."""
    rows = [["Housing KPIs 2024/25: Quarter 3"], ["Ref", "Measure", "Polarity", "2024/25 target", "Q1", "Q2", "Q3", "RAG", "Comments"],
            ["OP01", "Rent collected as a percentage of rent due", "Higher is better", 98.5, 96.2, 97.4, 98.1, "A",
             "Cumulative; year-end forecast 98.6%."],
            ["OP02", "Homes let in the year", "Higher is better", 400, 96, 203, 310, "A", "Cumulative"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    (warning,) = [p for p in perfkit.validate(path).warnings if p.column == "cumulative"]
    assert "1 measure looks cumulative" in warning.message and 'cumulative = ["OP02"]' in warning.message


def test_partially_achieveds_band_is_ambers_tolerance_not_greens(tmp_path):
    """'Partially achieved = within 10% of target' was taken for green's band (its 'achieved' read as the label), so the
    default 5% stood: a measure 7.7% short, reported Partially achieved, was listed as differing from its figures."""
    rows = [["Fire Authority return, Quarter 3 2024/25"], ["Ref", "Indicator", "Good is", "Target", "Q3 Actual", "Outcome"],
            ["PI05", "Home fire safety visits", "High", 1300, 1200, "Partially achieved"],
            ["PI06", "Fires in the home", "Low", 100, 96, "Achieved"], [],
            ["Outcome key: Achieved = target met; Partially achieved = within 10% of target; Not achieved = more than 10% adverse to target."]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Q3 Return", rows)])))
    assert m["tolerance"].tolist() == [10.0, 10.0] and not m["status_differs"].any()


def test_a_key_line_explaining_the_direction_of_travel_column_is_no_status_to_ask_about(tmp_path):
    """'DoT = direction of travel since Q1 (↑ improved, ↓ worsened, ↔ no change)' under the table was warned as a key word
    that is none of perfkit's statuses, with "DoT" = "Amber" offered, and the brief was blocked."""
    rows = [["Adult Social Care scorecard, Quarter 2 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q2", "RAG", "DoT"],
            ["ASC1", "Reviews completed (%)", "High", 80, 82, "G", "↑"], ["ASC2", "Delayed discharges", "Low", 20, 24, "R", "↓"],
            [], ["Key"], ["G = on or better than target"], ["A = within 5% of target"], ["R = more than 5% off target"],
            ["DoT = direction of travel since Q1 (↑ improved, ↓ worsened, ↔ no change)"]]
    report = perfkit.validate(write_workbook(tmp_path / "asc.xlsx", [SheetSpec("ASC Scorecard", rows)]))
    assert not [p.message for p in report.warnings]
    assert any(p.message.startswith("a key of direction of travel (DoT)") for p in report)


def test_a_note_naming_the_measures_where_lower_is_better_sets_theirs_and_the_others_higher(tmp_path):
    """'Lower is better for WMT009 and WMT011.' under a waste partnership's table: all five were rated as higher is better
    under a warning (the full stop after WMT011 hid it), and Q2's 100% on target read as 60%."""
    rows = [["North Wales Waste Partnership - Performance Report 2024-25"], [],
            ["Ref", "Indicator", "Target", "Q1", "Q2"],
            ["WMT004b", "Municipal waste recycled (%)", 70, 67.8, 70.1], ["WMT009", "Residual waste per person (kg)", 45, 43, 42],
            ["WMT010", "Tonnes of food waste collected", 3000, 2960, 3130], ["WMT011", "Missed collections per 100,000", 50, 55, 45], [],
            ["Note: Q2 data provisional. Lower is better for WMT009 and WMT011."]]
    path = write_workbook(tmp_path / "waste.xlsx", [SheetSpec("Indicators", rows)])
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict() == {
        "WMT004b": "higher", "WMT009": "lower", "WMT010": "higher", "WMT011": "lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    said = [p.message for p in kp.attrs["problems"] if p.column == "polarity"]
    assert any("by naming the measures where it is not" in m for m in said)
    # the rest said the other way in the same note (a TSM return's): both ways, and they agree
    # each clause its own measures, a range among them, and 'a lower figure is better'
    ranged = rows[:-1] + [["Note: for WMT009 to WMT011 a lower figure is better performance; for WMT004b a higher figure is better."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ranged.xlsx", [SheetSpec("Indicators", ranged)]))
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict() == {
        "WMT004b": "higher", "WMT009": "lower", "WMT010": "lower", "WMT011": "lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    both = rows[:-1] + [["Lower is better for WMT009 and WMT011; higher is better for all other measures."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "both.xlsx", [SheetSpec("Indicators", both)]))
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict() == {
        "WMT004b": "higher", "WMT009": "lower", "WMT010": "higher", "WMT011": "lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_measure_the_note_does_not_name_keeps_the_polarity_its_own_statuses_give(tmp_path):
    """'DM4 and DM5 ... lower is better' on a planning return's notes sheet made every other measure higher is better,
    'Average days to validate' (6 days against 5, the service's Below target) among them: rated green, three measures
    green rather than two. Its own statuses say lower, and the others keep the note's reading."""
    rows = [["Planning quarterly return 2024/25 - Quarter 2"], [],
            ["Ref", "Indicator", "Target", "Actual", "Status"],
            ["DM1", "Major applications determined in time (%)", 60, 71, "On target"],
            ["DM4", "Major decisions overturned at appeal (%)", 10, 2.3, "On target"],
            ["DM5", "Non-major decisions overturned at appeal (%)", 10, 1.4, "On target"],
            ["DM6", "Average days to validate an application", 5, 6, "Below target"],
            ["DM8", "Enforcement cases closed in 12 weeks (%)", 75, 64, "Below target"]]
    notes = [["Notes"], ["DM4 and DM5 are the Government's quality measures: lower is better."]]
    path = write_workbook(tmp_path / "planning_return.xlsx", [SheetSpec("Q2 Jul-Sep", rows), SheetSpec("Notes", notes)])
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict() == {
        "DM1": "higher", "DM4": "lower", "DM5": "lower", "DM6": "lower", "DM8": "higher"}
    said = {p.source: p.message for p in kp.attrs["problems"] if p.column == "polarity"}
    assert "as its own reported statuses say" in said["Q2 Jul-Sep!B7"] and "Notes!A2" in said["Q2 Jul-Sep!B7"]
    assert "by naming the measures where it is not" in said["Q2 Jul-Sep!B8"]
    assert _statuses(path, "2025Q2")["DM6"] == "Red"


def test_quarterly_targets_that_build_through_the_year_make_figures_to_date_and_their_direction_is_by_profile(tmp_path):
    """A fire authority's prevention figures, year to date, with each quarter's target to date (2,000 then 4,000 of
    8,000): the brief called deliberate fires (340 against 300, then 480 against 500) worsening, comparing Q2's six
    months with Q1's three. The same on one tab per quarter ('YTD Plan' 2.0 on June's tab, 4.0 on September's)."""
    rows = [["Prevention activity 2024-25 (cumulative year to date)"],
            ["Ref", "Measure", "Polarity", "Q1 target", "Q1 actual", "Q2 target", "Q2 actual"],
            ["PR1", "Safe and Well visits completed", "Higher", 2000, 2150, 4000, 3700],
            ["PR5", "Deliberate fires", "Lower", 300, 340, 500, 480],
            ["PR7", "Staff survey response rate (%)", "Higher", 60, 58, 60, 63]]
    path = write_workbook(tmp_path / "prevention.xlsx", [SheetSpec("Prevention", rows)])
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["cumulative"].to_dict() == {"PR1": True, "PR5": True, "PR7": False}
    moved = perfkit.direction_of_travel(kp, "2024/25 Q2").set_index("measure_id")
    assert moved["direction"].to_dict() == {"PR1": "Worsening", "PR5": "Improving", "PR7": "Improving"}
    assert moved.loc["PR5", "basis"] == "profile"
    tabs = [SheetSpec(name, [["Board KPIs, " + name], ["Ref", "KPI", "Polarity", "YTD Plan", "YTD Actual"],
                             ["K4", "Staff absence (days per FTE)", "Lower", plan, actual]])
            for name, plan, actual in (("Jun 24", 2.0, 2.4), ("Sep 24", 4.0, 4.3))]
    kp = perfkit.read_measures(write_workbook(tmp_path / "board.xlsx", tabs))
    assert kp["cumulative"].all() and perfkit.direction_of_travel(kp, "2024/25 Q2")["direction"].tolist() == ["Improving"]


def test_a_count_of_things_made_is_higher_is_better_without_a_warning(tmp_path):
    """A Town Deal's 'Jobs created (cumulative, against profile)' had a 'no polarity' warning that held the brief, though
    more jobs created is plainly better; a count that says neither still asks."""
    rows = [["Town Deal highlight report, Quarter 3 2024/25"], ["Ref", "Measure", "Target", "Q3"],
            ["TD12", "Jobs created (cumulative, against profile)", 12, 12], ["TD13", "New homes delivered", 20, 23],
            ["TD14", "Housing enquiries received", 10, 12]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "deal.xlsx", [SheetSpec("Highlight report", rows)]))
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert warning.message.startswith("1 measure with a target but no polarity") and "enquiries" in warning.message
    said = [p.message for p in kp.attrs["problems"] if p.severity == "info" and "as a count of" in p.message]
    assert len(said) == 2 and "as a count of jobs created is" in said[0], said


def test_empty_homes_brought_back_into_use_green_below_target_is_never_lower_is_better(tmp_path):
    """A scorecard rated by fills, no polarity column: 'Empty homes brought back into use', 11 of the year's 20 and filled
    green (on profile), was read as lower is better on that one status, with a note only, so the brief called it the
    measure furthest ahead of target. 'Empty' is the harm it remedies; a count of homes brought back is more-is-better,
    and a green below its target asks whether it is cumulative. 'Empty homes' alone is a harm its statuses may settle."""
    rows = [["Hartwell Borough Council - Corporate Scorecard Q2 2025/26"], ["Ref", "Measure", "Target", "Q1", "Q2", "Q2 status"],
            ["HB5", "Empty homes brought back into use (number)", 20, 6, 11, None],
            ["HB6", "Long-term empty homes", 400, 430, 415, None]]
    path = write_workbook(tmp_path / "card.xlsx", [SheetSpec("Scorecard", rows, fills={"F3": "Green", "F4": "Amber"})])
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str)["HB5"] == "higher"
    said = [p.message for p in kp.attrs["problems"]]
    assert any("read as higher is better, as a count of homes brought back into use is" in m for m in said), said
    assert any("looks cumulative" in m and "HB5" in m for m in said), said
    # a count of empty homes, amber above its target: lower is better, as its status says
    assert any("Long-term empty homes: no polarity given, read as lower is better, as its own reported statuses say" in m for m in said), said


def test_the_cancer_faster_diagnosis_standard_is_higher_is_better_without_a_warning(tmp_path):
    """A trust's IPR: 'Cancer 28-day faster diagnosis (%)' against 77% had a 'no polarity' warning that held the brief,
    though the standard is the share told within 28 days; 'RTT patients waiting 18 weeks (%)' (within, or over?) still asks."""
    rows = [["Riverside NHS Foundation Trust - Integrated Performance Report, September 2024"],
            ["Metric", "Target", "Sep-24"], ["Cancer 28-day faster diagnosis (%)", "77%", "79%"],
            ["RTT patients waiting 18 weeks (%)", "92%", "61.2%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)]))
    assert kp.set_index("name")["polarity"].astype(str)["Cancer 28-day faster diagnosis (%)"] == "higher"
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert warning.message.startswith("1 measure with a target but no polarity") and "RTT" in warning.message


def test_money_collected_of_what_is_owed_is_higher_is_better_without_a_warning(tmp_path):
    """A housing table's 'Rent collected (%)' against 97%, no polarity: a warning held the brief (its line offering
    "lower"), though more of the rent due, collected, is plainly better."""
    rows = [["Housing KPIs 2024/25 Q2"], ["Ref", "Measure", "Target", "Q2"], ["H1", "Rent collected (%)", "97%", "96.2%"],
            ["H2", "Council tax in-year collection rate (%)", "56%", "55.1%"],
            # a revenues return's names: the collection of what is owed, and the time taken after a dash
            ["H3", "Business rates in-year collection (%)", "57%", "58.2%"],
            ["H4", "HB new claims – average days to process", 20, 16], ["H5", "HB change of circumstances – average days", 8, 10]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing", rows)]))
    assert kp.set_index("measure_id")["polarity"].astype(str).to_dict() == {"H1": "higher", "H2": "higher", "H3": "higher",
                                                                            "H4": "lower", "H5": "lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    assert any("as money collected of what is owed is" in p.message for p in kp.attrs["problems"])


def test_a_share_of_things_done_in_time_is_higher_is_better_without_a_warning(tmp_path):
    """A licensing service's '% ... determined within 28 days' measures had a 'no polarity' warning that stopped the
    brief, though more done in time is plainly better; a re-registration rate 'within 18 months' says nothing of it."""
    rows = [["Licensing performance 2024-25, Quarter 2"], ["Ref", "Measure", "Target", "Q2"],
            ["L1", "% premises licence applications determined within 28 days", "90%", "93%"],
            ["L2", "Percentage of calls answered within 60 seconds", "80%", "76%"],
            # a police and crime plan's: people contacted in time, never a count of victims
            ["V1", "Victims contacted by the Victim Care Unit within 2 working days (%)", "95%", "97%"],
            ["C7", "Child protection re-registrations within 18 months (%)", "10%", "12%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lic.xlsx", [SheetSpec("Licensing", rows)]))
    assert kp.set_index("measure_id")["polarity"].astype(str).to_dict() == {"L1": "higher", "L2": "higher", "V1": "higher", "C7": "higher"}
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert warning.message.startswith("1 measure with a target but no polarity") and "re-registrations" in warning.message


def test_y_under_a_met_question_is_yes_never_yellow_and_a_lone_threshold_is_the_target(tmp_path):
    """A provider dashboard's 'Met? (Y/N)': 'Y' was read as Yellow, Amber, so two measures meeting their threshold were
    counted amber and none met it; its 'Threshold' column, with no target beside it, was read as an amber margin."""
    rows = [["Provider dashboard 2024/25 Q2"], ["Ref", "Contract KPI", "Threshold", "Q2 Actual", "Met? (Y/N)"],
            ["P1", "Clients seen in 5 days (%)", "90%", "93%", "Y"], ["P2", "Waits over 18 weeks", 5, 7, "N"],
            ["P3", "Successful completions (%)", "40%", "44%", "Y"], ["P4", "Complaints upheld", 0, 0, "Y"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "provider.xlsx", [SheetSpec("KPIs", rows)]))
    assert kp["reported_status"].astype(str).tolist() == ["Green", "Red", "Green", "Green"] and kp["target"].tolist() == [90, 5, 40, 0]
    assert kp.set_index("measure_id").loc["P4", "polarity"] == "lower"  # a target of none is met only from above
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_grant_programmes_outputs_against_their_profile_read_with_no_settings(tmp_path):
    """A combined authority's adult skills outputs: 'Output code', 'Output', a profile, actual and status each quarter in
    'On profile / Below profile / Significantly below profile'. The sheet was refused: no header found, the words unknown."""
    rows = [["Adult Skills Fund outputs 2024/25"], [],
            ["Output code", "Output", "Annual target", "Q1 profile", "Q1 actual", "Q1 status", "Q2 profile", "Q2 actual", "Q2 status"],
            ["O1", "Learners enrolled", 12000, 3000, 3100, "On profile", 6000, 5700, "Below profile"],
            ["O2", "Learners achieving a qualification", 6000, 1500, 1100, "Significantly below profile", 3000, 2850, "Below profile"],
            ["O3", "Learners into work", 1200, 300, 320, "On profile", 600, 610, "On profile"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "asf.xlsx", [SheetSpec("ASF Outputs", rows)]))
    got = kp.groupby("period")["reported_status"].apply(lambda s: s.astype(str).tolist())
    assert [v for _, v in got.items()] == [["Green", "Red", "Green"], ["Amber", "Amber", "Green"]]
    assert kp.groupby("period")["target"].apply(list).tolist() == [[3000, 1500, 300], [6000, 3000, 600]]


def test_a_contracts_expected_under_each_quarter_is_its_target(tmp_path):
    """A leisure trust's 'Quarter 1 (Apr-Jun)' over 'Expected | Actual | Variance': Expected was not read, so every
    measure was Data only, with no word (after perfkit init, every quarter took Q1's Expected)."""
    rows = [["Leisure trust contract KPIs 2024/25"], [],
            [None, None, None, "Quarter 1 (Apr-Jun)", None, None, "Quarter 2 (Jul-Sep)", None, None],
            ["Ref", "KPI", "Polarity", "Expected", "Actual", "Variance", "Expected", "Actual", "Variance"],
            ["LT1", "Visits to centres", "Higher", 180000, 176000, -4000, 195000, 201000, 6000],
            ["LT2", "Swim lessons delivered", "Higher", 2400, 2450, 50, 2500, 2300, -200]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lt.xlsx", [SheetSpec("Contract KPIs", rows, merges=["D3:F3", "G3:I3"])]))
    assert kp.groupby("period")["target"].apply(list).tolist() == [[180000, 2400], [195000, 2500]]


def test_a_key_saying_what_a_ytd_column_set_aside_means_is_no_cumulative_warning(tmp_path):
    """'Q1/Q2 = quarter position. YTD = April to date.' under a repairs return whose YTD column perfkit sets aside (the
    quarters' own are read): a warning that the figures are cumulative stopped the brief, and its line would have made
    them wrong."""
    rows = [["Repairs KPIs 2024/25"], ["Ref", "KPI", "Polarity", "Target", "Q1", "Q2", "YTD"],
            ["R1", "Emergency repairs in 24 hours (%)", "High", 98, 97.5, 98.6, 98.1], ["R2", "Average days to complete", "Low", 15, 14, 16, 15], [],
            ["Q1/Q2 = quarter position. YTD = April to date. RAG: G on/above target, A within 5%."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "repairs.xlsx", [SheetSpec("Repairs KPIs", rows)]))
    assert not [p for p in kp.attrs["problems"] if p.column == "cumulative"]


def test_an_outcome_column_of_status_words_is_the_status_and_a_quarter_result_the_actual(tmp_path):
    """A fire authority's tab per quarter: 'Quarter result' was not read (the sheet refused), and once mapped as perfkit
    advised, 'Outcome' (Achieved / Within tolerance / Not achieved) became the plan's groups, silently."""
    rows = [["Fire authority performance, Q2 2024-25"], ["Ref", "Measure", "Target", "Quarter result", "Outcome"],
            ["F1", "Dwelling fires", 120, 131, "Within tolerance"], ["F2", "Home fire safety checks", 1500, 1620, "Achieved"],
            ["F3", "Response within 10 minutes (%)", 90, 81, "Not achieved"], ["F4", "False alarms", 300, 280, "Achieved"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Q2 2024-25", rows)]))
    assert kp["actual"].tolist() == [131, 1620, 81, 280]
    assert kp["reported_status"].astype(str).tolist() == ["Amber", "Green", "Red", "Green"] and not kp["priority"].astype(bool).any()


def test_a_vs_target_column_of_verdicts_is_the_status_and_a_lead_service_the_lead(tmp_path):
    """A housing association's 'vs Target' (Achieved / Near miss / Missed) was read as the target ('Near miss is not a
    number'); a climate plan's 'Lead Service' could be the directorate or the lead, a warning that stopped the brief."""
    rows = [["TSM scorecard 2024/25 Q2"], ["Ref", "Measure", "Target", "Q2", "vs Target"],
            ["TP01", "Overall satisfaction (%)", 75, 76, "Achieved"], ["TP02", "Repairs satisfaction (%)", 80, 78, "Near miss"],
            ["TP03", "Complaints per 1,000 homes", 30, 41, "Missed"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSMs", rows)]))
    assert kp["target"].tolist() == [75, 80, 30] and kp["reported_status"].astype(str).tolist() == ["Green", "Amber", "Red"]
    plan = [["Climate action plan 2024/25, Q2"], ["Ref", "Action", "Lead Service", "Due date", "Q2 status"],
            ["C1", "LED street lights", "Highways", day(2025, 3, 31), "On track"], ["C2", "Fleet electrification", "Fleet", day(2025, 3, 31), "Minor delay"]]
    acts = perfkit.read_workbook(write_workbook(tmp_path / "climate.xlsx", [SheetSpec("Plan", plan)]))["actions"]
    assert acts["lead"].tolist() == ["Highways", "Fleet"] and not [p for p in acts.attrs["problems"] if p.severity == "warning"]


def test_a_status_word_naming_ambers_band_is_the_sheets_tolerance(tmp_path):
    """A fire authority's `Within 10%` beside `Achieved` and `Not achieved` at Q2, with no note: Q1, which the services
    did not rate, is rated with the band their own word names, not perfkit's 5%."""
    rows = [["Service Performance Report - Quarter 2 2024-25"],
            ["PI", "Description", "Good performance", "Quarterly target", "Q1 (Apr-Jun)", "Q2 (Jul-Sep)", "Performance against target Q2"],
            ["PI 1", "Accidental dwelling fires", "Lower", 85, 80, 78, "Achieved"],
            ["PI 3", "Response time to dwelling fires (minutes)", "Lower", 8, 8.4, 8.7, "Within 10%"],   # Q1 5% over
            ["PI 5", "On-call appliance availability (%)", "Higher", 90, 82, 86, "Within 10%"],       # Q1 8.9% short
            ["PI 6", "Deliberate secondary fires", "Lower", 120, 150, 135, "Not achieved"]]            # Q1 25% over
    path = write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Performance Indicators", rows)])
    assert _statuses(path, "2025Q1") == {"PI 1": "Green", "PI 3": "Amber", "PI 5": "Amber", "PI 6": "Red"}
    said = [p.message for p in perfkit.validate(path)]
    assert any("'Within 10%': measures without a tolerance of their own are amber within 10% of target" in m for m in said), said


def test_a_status_word_with_ambers_band_in_brackets_is_the_sheets_tolerance_and_the_brief_says_it(tmp_path):
    """'Amber (within 10%)' beside 'Green (on target)' with no note: Q1 is rated with the band the word names, and the
    brief's 'About these figures' gives that band, not perfkit's default."""
    rows = [["Fire Authority KPIs Q2 2024/25"], ["KPI", "Indicator", "Aim", "Target", "Q1 Actual", "Q2 Actual", "Q2 RAG"],
            ["K1", "Accidental dwelling fires", "Lower is better", 95, 102, 88, "Green (on target)"],   # Q1 7.4% over
            ["K2", "Home fire safety visits", "Higher is better", 2500, 2000, 2388, "Amber (within 10%)"]]  # Q1 20% short
    path = write_workbook(tmp_path / "fire.xlsx", [SheetSpec("KPIs", rows)])
    assert _statuses(path, "2025Q1") == {"K1": "Amber", "K2": "Red"}
    fig = perfkit.quarter_figures(None, perfkit.read_measures(path), "2024/25 Q2")
    assert "misses by no more than 10% of target" in briefing.about(fig)
    # the services' own ratings stand, and the page says so (a green counted for a figure short of its target)
    assert "Where a service rates a measure itself, its rating is the one counted" in briefing.about(fig)
    plain = write_workbook(tmp_path / "plain.xlsx", [SheetSpec("KPIs", [r[:6] for r in rows])])
    fig = perfkit.quarter_figures(None, perfkit.read_measures(plain), "2024/25 Q2")
    assert "misses by no more than 5% of target" in briefing.about(fig)
    assert "rates a measure itself" not in briefing.about(fig)


def test_quarters_beside_the_years_target_are_compared_with_a_quarter_of_it_and_say_nothing_of_polarity(tmp_path):
    """A Better Care Fund return: '2024-25 Plan' (the year's) beside each quarter's own figures, the services' assessment
    for Q2 only. Falls (530, 505 against 1,950) 'Not on track' was taken to mean higher is better, and Q1 rated against
    the year's plan, with notes only. Now each quarter is compared with a quarter of the plan, said in a note; their
    statuses decide no polarity."""
    rows = [["Better Care Fund 2024-25 - Quarterly Metrics Return"], ["Health and Wellbeing Board: Anyshire   Quarter: Q2 2024-25"], [],
            ["Metric", "2024-25 Plan", "Q1 2024-25", "Q2 2024-25", "Assessment of progress against the metric plan"],
            ["Avoidable admissions", 175, 48.1, 44, "On track to meet target"],
            ["Falls", 1950, 530, 505, "Not on track to meet target"],
            ["Residential admissions", 540, 150, 141, "Not on track to meet target"],
            ["Discharge to usual place of residence (%)", 93, 92.5, 93.4, "On track to meet target"]]
    path = write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("BCF Metrics", rows)])
    report = perfkit.validate(path)
    assert not any("2024-25 Plan" in p.message for p in report.warnings), [p.message for p in report.warnings]
    said = [p.message for p in report]
    assert any("about a quarter of '2024-25 Plan', the year's target: each quarter was compared with a quarter of it" in m
               and '"Avoidable admissions" = [q1, q2, q3, q4]' in m for m in said), said
    ms = perfkit.read_measures(path)
    q1 = ms[ms["period"].astype(str) == "2025Q1"].set_index("name")
    assert q1.loc["Falls", "target"] == 487.5 and q1.loc["Falls", "annual_target"] == 1950
    polarity = ms.drop_duplicates("measure_id").set_index("name")["polarity"].astype(str)
    assert not any("read as higher is better, as its own reported statuses say" in p.message and "Falls" in p.message
                   for p in ms.attrs["problems"])
    assert polarity["Discharge to usual place of residence (%)"] == "higher"
    (tmp_path / "perfkit.toml").write_text('[sheets."BCF Metrics".columns]\n"2024-25 Plan" = "ignore"\n')
    assessed = perfkit.assess_measures(perfkit.read_measures(path))
    q1 = assessed[assessed["period"].astype(str) == "2025Q1"]["status"].astype(str)
    assert set(q1) == {"Data only"}


def test_an_output_behind_its_years_target_is_judged_by_a_quarter_of_it_as_the_others_are(tmp_path):
    """A UKSPF outputs return: '2025/26 target' beside Q1 and Q2 actuals, each its own quarter's. Floorspace (0 then
    450 of 1,200 square metres) and trees (none of 500) were compared with the whole year's target in each quarter,
    with no word, while the six beside them were judged by a quarter of theirs."""
    rows = [["UK Shared Prosperity Fund - outputs - Q2 2025/26"],
            ["Output ref", "Output", "2025/26 target", "Q1 actual", "Q2 actual"],
            ["O1", "Jobs created", 40, 6, 9], ["O2", "Businesses receiving grants", 25, 8, 7],
            ["O3", "Commercial floorspace refurbished", 1200, 0, 450], ["O4", "Trees planted", 500, 0, 0]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "ukspf.xlsx", [SheetSpec("Outputs", rows)]))
    q2 = ms[ms["period"].astype(str) == "2026Q2"].set_index("measure_id")
    assert q2["target"].to_dict() == {"O1": 10, "O2": 6.25, "O3": 300, "O4": 125}
    assert q2.loc["O3", "annual_target"] == 1200
    assert any("4 measures" in p.message and "at most about a quarter of '2025/26 target'" in p.message for p in ms.attrs["problems"])


def test_a_transposed_tables_annual_target_over_discrete_quarters_is_a_quarter_each_and_the_brief_says_so(tmp_path):
    """A fire authority's table turned round: 'Annual target' 800 primary fires beside Q1 190 and Q2 215, each its own
    quarter's. Each quarter was compared with 800 as given (every measure green, under a warning whose line, 'ignore',
    left nothing rated). Now Q2's 215 is red against 200, the table shows '200 (800 a year)' and 'About these figures'
    says how; a profile whose quarters add up to the year is each quarter's own target, with no warning."""
    rows = [["Northmoor Fire and Rescue Authority - Performance indicators 2024/25"], [],
            ["Quarter", "Primary fires", "Accidental dwelling fires", "Deliberate fires", "On-call availability (%)"],
            ["Good is", "Low", "Low", "Low", "High"],
            ["Annual target", 800, 220, 450, 85],
            ["Q1 2024/25", 190, 58, 140, 83.5],
            ["Q2 2024/25", 215, 49, 120, 86.2],
            ["Q3 2024/25", None, None, None, None]]
    path = write_workbook(tmp_path / "fire.xlsx", [SheetSpec("PIs 2024-25", rows)])
    assert not perfkit.validate(path).warnings
    ms = perfkit.read_measures(path)
    q2 = perfkit.assess_measures(ms)
    q2 = q2[q2["period"].astype(str) == "2025Q2"].set_index("name")
    assert dict(q2["status"].astype(str)) == {"Primary fires": "Red", "Accidental dwelling fires": "Green",
                                             "Deliberate fires": "Red", "On-call availability (%)": "Green"}
    fig = perfkit.quarter_figures(None, ms, "2024/25 Q2")
    assert "each quarter is compared with a quarter of the year's target" in html.unescape(briefing.about(fig))
    from perfkit.present.tables import target_text
    assert target_text(q2.loc["Primary fires"].rename(None)) == "200 (800 a year)"
    assert target_text(q2.loc["On-call availability (%)"]) == "85%"
    (tmp_path / "perfkit.toml").write_text('[measures.profiles]\n"Primary fires" = [180, 220, 220, 180]\n')
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    assert any("adds up to the annual target 800: each quarter's figure is compared with its own quarter's" in p.message for p in report)
    q2 = perfkit.assess_measures(perfkit.read_measures(path))
    assert q2[(q2["period"].astype(str) == "2025Q2") & (q2["name"] == "Primary fires")]["status"].astype(str).tolist() == ["Green"]


def test_a_quarterly_target_beside_the_annual_one_is_what_each_quarter_is_compared_with(tmp_path):
    """`Annual target | Quarterly target | Q1 | Q2`: both headers name the target; the first was read, so 2,540 visits in
    Q2 were compared with 12,000 (the brief's 'furthest from target') while the fire service's own RAG stood. The
    quarter's own target is read, said, and the year's set aside."""
    rows = [["Prevention - Key Performance Indicators 2024/25"],
            ["No.", "Key Performance Indicator", "Good performance", "Annual target", "Quarterly target", "Q1", "Q2", "Q2 RAG"],
            [1, "Accidental dwelling fires", "Lower", 240, 60, 52, 66, "Amber"],
            [2, "Home Fire Safety Visits completed", "Higher", 12000, 3000, 3210, 2540, "Red"]]
    path = write_workbook(tmp_path / "prevention.xlsx", [SheetSpec("Prevention", rows)])
    ms = perfkit.read_measures(path)
    assert ms["target"].tolist() == [60, 60, 3000, 3000]
    assert _statuses(path, "2025Q1") == {"1": "Green", "2": "Green"}
    said = [p.message for p in ms.attrs["problems"]]
    assert any("the quarter's own target, beside the year's in 'Annual target'" in m for m in said), said
    flipped = [r[:3] + [r[4], r[3]] + r[5:] if len(r) > 4 else r for r in rows]  # 'Quarterly target' first: read as it always was
    path = write_workbook(tmp_path / "flipped.xlsx", [SheetSpec("Prevention", flipped)])
    assert perfkit.read_measures(path)["target"].tolist() == [60, 60, 3000, 3000]


def test_a_target_of_0_says_nothing_of_polarity_where_the_measure_gives_one(tmp_path):
    """A fire service's 'Aim' column says 'Lower is better' for deaths with a target of 0: the note said 'lower is better
    where the measure gives no polarity', of a measure that gives one."""
    rows = [["Fire KPIs 2024/25 Q2"], ["KPI", "Indicator", "Aim", "Target", "Q2 Actual"],
            ["K1", "Deaths in accidental dwelling fires", "Lower is better", 0, 1], ["K2", "Complaints upheld", None, 0, 0]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("KPIs", rows)]))
    assert kp["polarity"].astype(str).tolist() == ["lower", "lower"]
    said = [p.source for p in kp.attrs["problems"] if "target 0 can only be met from above" in p.message]
    assert said == ["KPIs!D4"], said


def test_one_measure_a_quarter_of_its_annual_target_is_compared_with_a_quarter_where_the_header_says_annual(tmp_path):
    """A Place tab's 'Annual target' of 440 kg beside quarters of 112 kg and 108 kg, its other measures rates: one
    measure was not enough for the warning, so the brief showed '108 kg against a target of 440 kg', Green, unsaid.
    Each quarter is now compared with a quarter of it (110 kg), said."""
    rows = [["Place Directorate - KPI scorecard 2024/25"], ["Ref", "KPI", "Good is", "Annual target", "Q1", "Q2"],
            ["P1", "Residual household waste per household (kg)", "Lower", "440 kg", "112 kg", "108 kg"],
            ["P2", "% of household waste recycled", "Higher", "50%", "51.2%", "48.9%"],
            ["P3", "% of planning applications decided in time", "Higher", "80%", "100%", "85.7%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "place.xlsx", [SheetSpec("Place", rows)]))
    said = [p.message for p in kp.attrs["problems"] if p.severity == "info"]
    assert any(m.startswith("the quarters' figures of 1 measure (Residual household waste") for m in said), said
    assert kp[kp["measure_id"] == "P1"]["target"].tolist() == [110, 110]
    assert kp[kp["measure_id"] == "P2"]["target"].tolist() == [50, 50]
    plain = [r[:3] + ["Target"] + r[4:] if r[:1] == ["Ref"] else r for r in rows]  # 'Target': one measure is not enough
    kp = perfkit.read_measures(write_workbook(tmp_path / "plain.xlsx", [SheetSpec("Place", plain)]))
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_better_care_fund_templates_planned_performance_is_each_quarters_target(tmp_path):
    """'For information - Your planned performance as reported in 2024-25 planning' merged over Q1-Q4: not read, with a
    warning per quarter offering to read each as Q4's actual, so a year-to-date measure (plans 140, 280, 420, 560) was
    compared quarter on quarter and called worsening; and 'Local metrics (...)' after 'National metrics' was warned of
    as a heading perfkit had to guess."""
    rows = [["Better Care Fund 2024-25 Quarter 2 Reporting Template"], ["5. Metrics"],
            ["Metric", "Definition", "Polarity", "For information - Your planned performance as reported in 2024-25 planning",
             None, None, None, "Actual performance (local data)", None, "Assessment of progress against the metric plan for the reporting period"],
            [None, None, None, "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", None],
            ["National metrics"],
            ["Residential admissions", "Admissions to care homes, 65+, per 100,000 (cumulative)", "Lower is better", 140, 280, 420, 560, 151, 273,
             "On track to meet target"],
            ["Avoidable admissions", "Unplanned hospitalisation, per 100,000", "Lower is better", 190, 185, 200, 195, 188.2, 192.7,
             "Not on track to meet target"],
            ["Local metrics (Integrated Care Partnership)"],
            ["Reablement", "Still at home 91 days after discharge (%)", "Higher is better", "82%", "82%", "82%", "82%", "79.5%", "80.4%",
             "Not on track to meet target"]]
    path = write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("5. Metrics", rows, merges=["D3:G3", "H3:I3"])])
    kp = perfkit.read_measures(path)
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    q2 = kp[kp["period"].astype(str) == "2025Q2"].set_index("name")
    assert q2["target"].to_dict() == {"Residential admissions": 280, "Avoidable admissions": 185, "Reablement": 82}
    assert q2.loc["Residential admissions", "cumulative"]  # its plans build through the year: figures to date


def test_planned_performance_merged_over_quarters_beside_actual_performance_is_the_target(tmp_path):
    """'Planned performance' merged over Q1 | Q2 beside 'Actual performance' over Q1 | Q2: the plan was read as a second run
    of actuals (last year's, warned as quarters given twice), so no measure had a target."""
    rows = [["Corporate performance indicators 2024/25 - Quarter 2"], [],
            ["Ref", "Indicator", "Good is", "Planned performance", None, "Actual performance", None, "Status"],
            [None, None, None, "Q1", "Q2", "Q1", "Q2", None],
            ["CP01", "Missed bins per 100,000", "Low", 60, 60, 55, 64, "Red"],
            ["CP02", "Calls answered (%)", "High", 90, 90, 92, 91, "Green"],
            ["CP03", "Households in temporary accommodation", "Low", 150, 140, 145, 139, "Green"]]
    merges = ["D3:E3", "F3:G3", "A3:A4", "B3:B4", "C3:C4", "H3:H4"]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows, merges=merges)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    q2 = kp[kp["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2["target"].tolist() == [60, 90, 140] and q2["actual"].tolist() == [64, 91, 139]
    assert sorted(kp["period"].astype(str).unique()) == ["2025Q1", "2025Q2"]


def test_a_target_range_column_is_the_target_and_a_rate_per_thousand_is_no_share(tmp_path):
    """A tenant satisfaction return: 'Target range 2024/25' ('72% - 76%') was not read, 'No target (contextual)' was refused
    once it was, and a rate 'per 1,000 homes' of 0.6 beside percentages was warned of as a fraction, a warning no line
    could clear."""
    rows = [["Tenant Satisfaction Measures 2024/25 - Quarter 2"],
            ["TSM ref", "Measure", "Target range 2024/25", "Q1 2024/25", "Q2 2024/25"],
            ["TP01", "Satisfied with the overall service (%)", "72% - 76%", 0.735, 0.771],
            ["RP02", "Repairs completed within target timescale (%)", "88% - 92%", 0.89, 0.913],
            ["NM01", "Anti-social behaviour cases involving hate incidents opened per 1,000 homes", "No target (contextual)", 0.1, 0.2]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM", rows, number_formats={"D3:E4": "0.0%"})]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity in ("warning", "error")]
    q2 = kp[kp["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2.loc["TP01", "target_low"] == 72 and q2.loc["TP01", "target_high"] == 76 and q2["actual"].round(6).tolist() == [77.1, 91.3, 0.2]
    assert pd.isna(q2.loc["NM01", "target"])


def test_a_target_that_says_its_aim_in_a_phrase_gives_the_way_that_is_better(tmp_path):
    """'Increase reporting' as a hate crime measure's target was refused ('not a number') with no line to type."""
    rows = [["CSP dashboard 2024/25"], ["Ref", "Measure", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["C1", "Hate crimes reported", "Increase reporting", 41, 47], ["C2", "Repeat victims (%)", "Reduce the number", "27%", "25%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("CSP", rows)]))
    assert kp.drop_duplicates("measure_id")["polarity"].astype(str).tolist() == ["higher", "lower"] and kp["target"].isna().all()


def test_words_saying_a_figure_is_not_in_are_no_figure_never_a_refusal(tmp_path):
    """'Annual measure' and 'Data not yet validated' typed where a quarter's figure goes were refused ('not a number'),
    with no line that could say otherwise."""
    rows = [["Resources KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["R1", "Staff turnover (%)", "Lower", 10, "Annual measure", "Annual measure"],
            ["R2", "Invoices paid in 30 days (%)", "Higher", 95, 96, "Data not yet validated"],
            ["R3", "Calls answered (%)", "Higher", 90, 91, 92],
            # as officers write it out, and in a Welsh council's two languages
            ["R4", "Residents satisfied (%)", "Higher", 70, "Annual measure – reported at Q4", "Blynyddol - adroddir yn Ch4 / Annual - reported at Q4"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Resources", rows)]))
    assert kp["actual"].isna().sum() == 5 and not [p for p in kp.attrs["problems"] if p.severity == "error"]


def test_a_tolerance_a_definitions_sheet_or_the_cover_states_is_the_amber_band(tmp_path):
    """'Within tolerance = within 10% of target' on a Definitions sheet (and 'Amber = Below target but within 10%' on a
    cover) taught their words but not their band: perfkit rated with 5% and listed a measure 6% short as differing."""
    rows = [["Performance Report, Quarter 2 2024/25"], ["Ref", "Description", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25", "Status"],
            ["FRS6", "Home fire safety visits completed", "Higher", 1500, 1380, 1410, "Within tolerance"]]
    for key in (["Status: Achieved = target met; Within tolerance = within 10% of target; Not achieved = more than 10% from target."],
                ["Amber = Below target but within 10%"], ["Amber", "Below target but within 10%"],
                # a fire service's cover, its swatches empty: the band closes the row; a district's 'or less'
                [None, "Performance is worse than target but within 10%"], ["Slightly below target", "Missed target by 10% or less"],
                ["A", "Off target by up to 10%"]):
        path = write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Definitions", [["Definitions"], key]), SheetSpec("Q2 2024-25", rows)])
        assert _statuses(path, "2025Q1") == {"FRS6": "Amber"}, key  # 8% short at Q1: amber within the stated 10%
    # a Welsh fire authority's cover, named in both languages, its key in both
    welsh = [["Allwedd statws / Status key"], ["Ychydig oddi ar darged / Slightly off target", "O fewn 10% i'r targed / Within 10% of target"]]
    path = write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Clawr - Cover", welsh), SheetSpec("Q2 2024-25", rows)])
    assert _statuses(path, "2025Q1") == {"FRS6": "Amber"}


def test_a_tolerance_in_the_key_under_a_dashboards_counts_is_the_amber_band(tmp_path):
    """A Dashboard of COUNTIF formulas with 'RAG key: ... Amber - within 10% of target' under them: the key's words were
    learnt (the sheet is the workbook's key), but its band was not, so measures 6-9% short rated Red, listed as differing
    from the services' Amber, and the brief said 5%."""
    dashboard = [["Housing Services Performance Report, Quarter 2 2024/25"], [], ["Service area", "Green", "Amber", "Red"],
                 ["Repairs", '=COUNTIF(Repairs!F:F,"Green")', '=COUNTIF(Repairs!F:F,"Amber")', '=COUNTIF(Repairs!F:F,"Red")'], [],
                 ["RAG key: Green - target met; Amber - within 10% of target; Red - more than 10% adrift of target."]]
    rows = [["Repairs KPIs 2024/25"], [], ["KPI ref", "Measure", "Polarity", "Target", "Q2", "Q2 RAG"],
            ["RP01", "Repairs completed right first time (%)", "Higher", 90, 83, "Amber"],  # 7.8% short
            ["RP02", "Emergency repairs in 24 hours (%)", "Higher", 99, 99.5, "Green"]]
    path = write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Dashboard", dashboard), SheetSpec("Repairs", rows)])
    m = perfkit.assess_measures(perfkit.read_measures(path))
    assert m["computed_status"].astype(str).tolist() == ["Amber", "Green"] and not m["status_differs"].any()


@pytest.mark.parametrize("key", ["Performance against target: Target met; Slightly below target (within 10%); "
                                 "Significantly below target (more than 10% from target).",
                                 "Key: On target; Near target (within 10% of target); Off target"])
def test_a_keys_word_short_of_target_with_its_band_in_brackets_is_the_amber_band(tmp_path, key):
    """A fire service's 'Slightly below target (within 10%)' under each quarter's table: perfkit used 5%, listed a
    measure 9.5% over its target as differing from the service's rating, and the brief said 5%."""
    rows = [["Fire and Rescue Service - Performance Measures, Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Good performance is", "Quarterly target", "Actual this quarter"],
            ["FRS01", "Accidental dwelling fires", "Low", 95, 104], ["FRS06", "Safe and Well visits completed", "High", 2500, 2655],
            [], [key]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Q2 2024-25", rows)])))
    assert m["computed_status"].astype(str).tolist() == ["Amber", "Green"]


def test_a_band_in_percentage_points_is_for_percentages_and_its_aside_for_the_rest(tmp_path):
    """A Key sheet's 'Amber = Within 5 percentage points of target (within 10% for time measures)' was read as 10% of
    target for every measure, so 75% against 80% (5 points short, amber by the key) was listed as differing from its
    figures. Percentages are now amber within 5 points, the other measures within 10% of target, and the brief says so."""
    key = [["RAG thresholds"], [], ["Green", "At or better than target"],
           ["Amber", "Within 5 percentage points of target (within 10% for time measures)"],
           ["Red", "More than 5 percentage points from target (more than 10% for time measures)"]]
    rows = [["Repairs KPIs - Quarter 2 2024/25"], [], ["KPI ref", "KPI", "Polarity", "Target", "Q1 Actual", "Q2 Actual"],
            ["TP02", "Tenants satisfied with repairs (%)", "Higher", "80%", "74%", "75%"],   # Q1 6 points short, Q2 5 short
            ["KPI7", "Average days to complete a repair", "Lower", "35 days", "39 days", "37 days"]]  # Q1 11.4% over, Q2 5.7%
    path = write_workbook(tmp_path / "repairs.xlsx", [SheetSpec("Key", key), SheetSpec("Q2 24-25", rows)])
    assert _statuses(path, "2025Q2") == {"TP02": "Amber", "KPI7": "Amber"}
    assert _statuses(path, "2025Q1") == {"TP02": "Red", "KPI7": "Red"}
    fig = perfkit.quarter_figures(None, perfkit.read_measures(path), "2024/25 Q2")
    assert "by no more than 5 percentage points for measures of percentages, and 10% of target for the others" in briefing.about(fig)


def test_a_pentana_exports_current_value_is_the_actual_beside_current_target(tmp_path):
    """'Current Value | Current Target': the value was read as the target by its words and the target not used, and the
    warning's line to type swapped them; an annual survey's row that says it is 'reported in Q4' explains its gap."""
    rows = [["Council Plan performance, Quarter 2 2024/25"], ["Code", "Short Name", "Current Value", "Current Target", "Status", "Note"],
            ["WS01", "Missed bin collections", 63, 50, "Alert", ""], ["RS01", "Residents satisfied (%)", None, 70, "", "Annual survey, reported in Q4"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pentana.xlsx", [SheetSpec("Q2 2024-25", rows)]))
    assert kp["actual"].tolist()[0] == 63 and kp["target"].tolist() == [50, 70]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_frequency_words_perfkit_does_not_know_are_a_warning_and_a_numbered_measures_cumulative_line_names_it(tmp_path):
    """'Termly' and 'Quarterly (cumulative)' in a Frequency column each stopped the whole workbook with no line to type;
    and a tab whose measures are numbered 1, 2, 3 was offered cumulative = ["1"], which names no measure once the tabs'
    references are told apart, and did nothing."""
    kpis = [["Resources scorecard, Quarter 2 2024/25"], ["No.", "Measure", "Good is", "Frequency", "Target", "Q1", "Q2", "RAG"],
            [1, "Council tax collected in year (%)", "High", "Quarterly (cumulative)", 97, 29.8, 56.2, "G"],
            [2, "Invoices paid in 30 days (%)", "High", "Quarterly", 95, 96, 94, "A"]]
    children = [["Children's Services scorecard, Quarter 2 2024/25"], ["No.", "Measure", "Good is", "Frequency", "Target", "Q1", "Q2", "RAG"],
                [1, "Pupils persistently absent (%)", "Low", "Termly", 15, 16.1, 14.2, "G"],
                [2, "EHC plans in 20 weeks (%)", "High", "Quarterly", 60, 55, 61, "G"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Resources", kpis), SheetSpec("Children's Services", children)])
    report = perfkit.validate(path)
    assert not report.errors
    (termly,) = [p for p in report.warnings if p.column == "frequency"]
    assert termly.source == "Children's Services!D3" and '"Frequency" = "ignore"' in termly.message
    (cumulative,) = [p for p in report.warnings if p.column == "cumulative" and "look" in p.message]
    assert 'cumulative = ["Council tax collected in year (%)"]' in cumulative.message


def test_a_years_plan_beside_a_quarters_plan_is_no_target_for_the_other_quarters_and_the_plan_key_gives_the_tolerance(tmp_path):
    """A Better Care Fund dashboard: '2024/25 plan' (the year's) beside 'Q2 plan'. Q1, with no plan of its own, was rated
    against the year's: 190 admissions against 780, Green, so the changes since Q1 were wrong, with no word. And 'A = worse
    than plan by up to 10%' was not read, so a measure 7% over its plan, reported Amber, was listed as differing."""
    rows = [["BCF dashboard 2024/25"], ["Position at end of September 2024"],
            ["Ref", "Metric", "Polarity", "2024/25 plan", "Q1", "Q2", "Q2 plan", "Q2 RAG"],
            ["BCF1", "Avoidable admissions", "Lower is better", 780, 190, 185, 195, "G"],
            ["BCF2", "Emergency admissions after falls", "Lower is better", 2050, 527, 549, 512, "A"], [],
            ["RAG: G = at or better than plan; A = worse than plan by up to 10%; R = more than 10% worse than plan."]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("Dashboard", rows)])))
    q1 = m[m["period"].astype(str) == "2025Q1"]
    assert q1["status"].astype(str).tolist() == ["Data only", "Data only"]
    q2 = m[m["period"].astype(str) == "2025Q2"]
    assert q2["target"].tolist() == [195, 512] and not q2["status_differs"].any()


def test_a_tsm_returns_notes_give_polarity_units_and_the_amber_band_in_points(tmp_path):
    """A housing association's TSM return, its notes on a Notes sheet and under the table: 'Higher is better for every
    measure except RP01 ..., where lower is better' was not read (three polarity warnings); 'Amber – below target by no
    more than 5 percentage points' was warned as meaning Red; and with no measure known to be a percentage, 1.2 against
    a target of 1 (0.2 points) was Red by 5% of target and listed as differing from the landlord's Amber."""
    notes = [["Tenant Satisfaction Measures - Quarter 2 2024/25"],
             ["Higher is better for every measure except RP01 and CH01, where lower is better."], [], ["RAG key:"],
             ["Green – at or better than target"], ["Amber – below target by no more than 5 percentage points"],
             ["Red – more than 5 percentage points below target"]]
    rows = [["Tenant Satisfaction Measures - Q2 2024/25"], ["TSM", "Measure", "Target 2024/25", "Q2 2024/25", "RAG"],
            ["TP01", "Overall satisfaction with the service provided", 75, 71.8, None],
            ["RP01", "Homes that do not meet the Decent Homes Standard", 1, 1.2, None],
            ["BS01", "Gas safety checks", 100, 100, None],
            ["CH01", "Stage one complaints received per 1,000 homes", 20, 19.5, None],
            [], ["All figures are percentages except CH01 (per 1,000 homes)."]]
    path = write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("Notes", notes), SheetSpec("TSMs", rows, fills={"E3": "Amber", "E4": "Amber",
                                                                                                             "E5": "Green", "E6": "Green"})])
    ms = perfkit.read_measures(path)
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    assert ms["polarity"].tolist() == ["higher", "lower", "higher", "lower"]
    assert ms["unit"].tolist() == ["%", "%", "%", ""]
    m = perfkit.assess_measures(ms)
    assert m["computed_status"].astype(str).tolist() == ["Amber", "Amber", "Green", "Green"] and not m["status_differs"].any()


def test_a_measure_type_column_of_kinds_of_measure_is_not_the_unit(tmp_path):
    """A landlord's satisfaction return sorts its measures under 'Measure type' (Perception / Management information):
    read as the unit, every figure was '29.4 Perception', with no word; a column of real units stays the unit."""
    rows = [["Tenant satisfaction measures 2024/25 Q3"],
            ["Ref", "Measure", "Measure type", "Target", "Q3"],
            ["TP01", "Satisfied with the overall service (%)", "Perception", 75, "72.4%"],
            ["RP01", "Homes that do not meet the Decent Homes Standard (%)", "Management information", 2, "1.5%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM", rows)]))
    assert set(kp["unit"]) == {"%"}
    assert any(p.source == "TSM!C2" and "kinds of measure rather than units" in p.message for p in kp.attrs["problems"])
    rows = [rows[0], ["Ref", "Measure", "Measure type", "Target", "Q3"], ["K1", "Days to relet", "Days", 20, 22],
            ["K2", "Rent collected", "%", 98, 97.5]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    assert kp.set_index("measure_id")["unit"].to_dict() == {"K1": "Days", "K2": "%"}


def test_lower_is_better_for_all_categories_gives_every_measure_its_polarity(tmp_path):
    """A community safety partnership's crime table: 'Lower is better for all categories.' under its title was not read,
    so five crime counts were rated higher is better under a warning, one 'furthest ahead of target' above it."""
    rows = [["Crime trends 2024/25"], ["Lower is better for all categories."],
            ["Ref", "Category", "Target", "Q2"], ["C1", "Shoplifting", 300, 347], ["C2", "Vehicle crime", 120, 98]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp_crime.xlsx", [SheetSpec("Crime trends", rows)]))
    assert set(kp["polarity"]) == {"lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_cumulative_measure_under_one_plain_target_beside_two_quarters_is_said_to_need_its_profile(tmp_path):
    """'Council tax collected (cumulative %)' under 'Target | Q1 | Q2' (97.5, 29.1, 56.2): rated red against the year's
    97.5 with no word, where 'Annual target' above the same columns gave the warning that asks for its profile."""
    rows = [["Revenues KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2"],
            ["RB1", "Council tax collected (cumulative %)", "Higher", 97.5, 29.1, 56.2],
            ["RB2", "Calls answered in 60 seconds (%)", "Higher", 80, 78, 82]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "revbens_kpis.xlsx", [SheetSpec("KPIs", rows)]))
    warned = [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert any("RB1 'Council tax collected (cumulative %)' is cumulative but has no target profile" in m for m in warned)
    assert kp.set_index(["measure_id", kp["period"].map(perfkit.period_label)])["target"].loc[("RB2", "2024/25 Q2")] == 80


def test_a_cumulative_measure_the_service_rates_itself_is_said_not_warned_and_an_annual_measure_is_not_due(tmp_path):
    """A service plan's collection rate with no profile, its latest quarter rated by the service ('On target'): the
    service's rating is the one counted, so the straight line to the annual target is a note, not a warning that held
    the brief. 'Annual measure' in the status of a measure reported at year end is Not due, never an unknown word."""
    rows = [["Revenues and Benefits service plan 2024/25: Quarter 2"],
            ["Ref", "Measure", "Polarity", "Annual target", "Q1", "Q2", "Status"],
            ["RB1", "Council tax collected (cumulative %)", "Higher", 97.5, 29.1, 56.2, "On target"],
            ["RB2", "Calls answered in 60 seconds (%)", "Higher", 80, 78, 82, "On target"],
            ["RB3", "Residents satisfied with the service (%)", "Higher", 75, None, None, "Annual measure"],
            ["RB4", "Residents who feel informed (%)", "Higher", 60, 58, None, "Annual"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "revbens_plan.xlsx", [SheetSpec("KPIs", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    said = [p.message for p in kp.attrs["problems"] if "RB1" in p.message and "straight line" in p.message]
    assert said and "its latest status is the service's own rating, which counts" in said[0]
    # no target nobody set before the committee: the quarters of RB1 have none, and the table shows the year's as the year's
    assert kp[kp["measure_id"] == "RB1"]["target"].isna().all()
    from perfkit.analyse.figures import quarter_figures
    from perfkit.present.tables import measures_table
    assert "97.5 (year)" in measures_table(quarter_figures(None, kp, "2024/25 Q2"), "Measures")
    q2 = kp[kp["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")
    assert q2["reported_status"].astype(str).to_dict() == {"RB1": "Green", "RB2": "Green", "RB3": "Not due", "RB4": "Not due"}


def test_a_backlog_past_its_time_is_lower_and_content_people_higher_without_a_warning(tmp_path):
    """A SEND plan's impact measures: 'open for more than 20 weeks' rated higher is better (96 against a target of 50 read as
    met), and '% rating the process as good or better' warned; a dated baseline column refused as an unread period."""
    rows = [["Measures of impact – Priority Action Plan"], ["Position at the end of each quarter, 2024/25"], [],
            ["Ref", "Measure", "Baseline (June 2024)", "September 2024", "December 2024", "March 2025", "Target (March 2025)"],
            ["KPI1", "% of EHC plans issued within 20 weeks", "18%", "24%", "35%", "46%", "60%"],
            ["KPI2", "Number of EHC needs assessments open for more than 20 weeks", 212, 180, 131, 96, 50],
            ["KPI3", "% of parents rating the EHC process as good or better (annual survey)", "31%", "n/a", "38%", "Survey due April 2025", "50%"],
            ["KPI4", "Residents dissatisfied with the process (%)", "20%", "19%", "18%", "17%", "10%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "impact.xlsx", [SheetSpec("Impact measures", rows)]))
    pol = kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str).to_dict()
    assert pol == {"KPI1": "higher", "KPI2": "lower", "KPI3": "higher", "KPI4": "higher"}
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning"]
    assert "dissatisfied" in warning.message and "KPI2" not in warning.message
    assert str(kp["period"].min()) == "2025Q1"  # June 2024, the baseline's date: 2024/25 Q1
    q4 = kp[kp.period == kp.period.max()].set_index("measure_id")
    assert math.isnan(q4.loc["KPI3", "actual"]) and q4.loc["KPI2", "actual"] == 96


def test_a_loss_is_lower_a_share_reaching_a_standard_higher_and_the_services_trend_word_settles_the_rest(tmp_path):
    """An LGBF scorecard with no polarity column: '% of rent lost due to voids' (1.4 to 1.2, 'Improved') was rated higher is
    better and called worsening; '% of children meeting developmental milestones' warned."""
    rows = [["Housing and children's services, 2023/24"],
            ["Code", "Indicator", "2022/23", "2023/24", "Target", "RAG", "Trend"],
            ["HSN2", "% of rent due in the year that was lost due to voids", 1.4, 1.2, 1.2, "Green", "Improved"],
            ["CHN17", "% of children meeting developmental milestones", 81.5, 82.1, 85, "Amber", "Improved"],
            ["ENV6", "Cost of refuse collection per premise (£)", 71.2, 68.9, 68.9, "Green", "Improved"],  # at its target
            ["ENV3", "Litter index", 12.0, 10.5, 10.5, "Green", "Improved"],  # at its target
            ["HSN9", "Average days to relet a home", 42, 45, 40, "Red", "Worsened"],
            ["HSN4", "Housing enquiries received", 990, 1010, 1000, None, "Static"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("Scorecard", rows)]))
    pol = kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str).to_dict()
    assert pol == {"HSN2": "lower", "CHN17": "higher", "ENV6": "lower", "ENV3": "lower", "HSN9": "lower", "HSN4": "higher"}, pol
    said = {p.value: p.message for p in kp.attrs["problems"] if p.column == "polarity"}
    assert "as a loss is" in said["lower"] or any("as a loss is" in p.message for p in kp.attrs["problems"])
    # a unit cost by its name (an LGBF scorecard never has a polarity column); the litter index by the service's own trend
    assert any("Cost of refuse collection" in p.message and "as a unit cost is" in p.message for p in kp.attrs["problems"])
    assert any("ENV3" in p.message and "direction of travel" in p.message for p in kp.attrs["problems"])
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert "Housing enquiries received" in warning.message  # 'Static' says nothing of which way is better


def test_words_in_an_actual_are_no_figure_said_never_a_refusal_the_workbook_must_be_edited_for(tmp_path):
    """'No survey', 'Data not yet available (published Dec 24)' and 'See commentary' in actual cells stopped the reading
    ('is not a number': correct the cell), with no line perfkit.toml could take; a figure typed wrongly still does."""
    rows = [["KPI return Q2 2024/25"], ["Ref", "KPI", "Polarity", "Target", "Q1", "Q2"],
            ["W1", "Residual waste per household (kg)", "Lower", 100, 98, 97],
            ["W2", "Resident satisfaction (%)", "Higher", 80, "No survey", "See commentary"],
            ["W3", "Delayed discharges", "Lower", 50, "Data not yet available (published Dec 24)", 40],
            ["W4", "Repeat victims (%)", "Lower", 20, 22, "Data not available – new case system"]]
    path = write_workbook(tmp_path / "kpi.xlsx", [SheetSpec("KPI Return", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    said = {p.source: p.message for p in report}
    assert said["KPI Return!E4"] == "actual 'No survey' for 2024/25 Q1 is not yet available: recorded as missing"
    assert said["KPI Return!F4"] == "actual 'See commentary' for 2024/25 Q2 is no figure: recorded as missing"
    assert said["KPI Return!E5"].endswith("is not yet available: recorded as missing")
    assert said["KPI Return!F6"].endswith("recorded as missing"), said["KPI Return!F6"]
    rows[2][5] = "9.7.1"
    report = perfkit.validate(write_workbook(tmp_path / "typo.xlsx", [SheetSpec("KPI Return", rows)]))
    assert [p.message for p in report.errors] == ["actual '9.7.1' is not a number"]


def test_a_keys_band_said_of_it_after_the_target_is_the_tolerance(tmp_path):
    """'Slightly below target | Performance is below target but within 10% of it' on the Contents sheet: perfkit used 5%."""
    from perfkit.core.numbers import parse_number  # noqa: F401 (the module reads the same words)
    from perfkit.read.kinds.measures import _stated_tolerances

    assert _stated_tolerances("Slightly below target = Performance is below target but within 10% of it") == [10.0]
    assert _stated_tolerances("On target = at or better than target; it is reviewed within 10% of it yearly") == []
    contents = [["Contents and key"], ["Status", "Meaning"], ["On target", "Performance is at or better than target"],
                ["Slightly below target", "Performance is below target but within 10% of it"],
                ["Below target", "Performance is more than 10% below target"]]
    rows = [["Quarter 2 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q2"], ["PE02", "Visits", "Higher", 100, 93]]
    path = write_workbook(tmp_path / "kpi.xlsx", [SheetSpec("Contents", contents), SheetSpec("KPIs", rows)])
    kp = perfkit.assess_measures(perfkit.read_measures(path))
    assert kp["status"].astype(str).tolist() == ["Amber"]


def test_a_services_n_a_stands_and_a_harm_is_never_more_is_better_on_its_red_alone(tmp_path):
    """A community safety partnership's scorecard: 'N/A' (not RAG-rated this year) on first-time entrants became Red from
    its figures, with nothing said; knife crime, red at 15 against the year's 38, was read as higher is better from that
    red (a note only), and rising knife crime was 'Improving' in the brief."""
    rows = [["Safer Northvale Partnership – scorecard, Quarter 2 2024/25"],
            ["Indicator", "Partner", "Target 2024/25", "Q1", "Q2", "RAG"],
            ["Knife crime offences", "Police", 38, 12, 15, "R"],
            ["First-time entrants to youth justice (number)", "YOS", 20, 7, 6, "N/A"],
            ["Hate crime reports", "Police", 70, 18, 21, "G"],
            ["Fire safety audits of high-risk premises completed", "Fire", 300, 310, 290, "A"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("CSP Scorecard", rows)]))
    pol = kp.drop_duplicates("name").set_index("name")["polarity"].astype(str).to_dict()
    (warning,) = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert "Knife crime offences" in warning.message  # asked, never read as higher from its red
    assert not any("Knife crime offences: no polarity given, read as higher" in p.message for p in kp.attrs["problems"])
    a = perfkit.assess_measures(kp)
    q2 = a[a.period == a.period.max()].set_index("name")["status"].astype(str).to_dict()
    assert q2["First-time entrants to youth justice (number)"] == "Not applicable" and pol["Hate crime reports"] == "higher"
    assert pol["Fire safety audits of high-risk premises completed"] == "higher"  # work against a harm: its statuses say


def test_an_aim_to_maintain_beside_a_target_is_higher_is_better_said_with_its_line(tmp_path):
    """A police and crime plan's `Aim` of Reduce / Increase / Maintain: 'Maintain' (officer numbers at 1,850) was refused
    as an unknown polarity word, where it keeps the figure at or above its target."""
    rows = [["Police and Crime Plan performance, Quarter 2 2024/25"], ["Ref", "Measure", "Aim", "Target", "Q2 2024/25"],
            ["3.3", "Positive outcome rate for all crime", "Increase", "15%", "12.9%"],
            ["3.4", "Police officer numbers (FTE)", "Maintain", "1,850", "1,843"],
            ["3.5", "Special constables", "Maintain", None, 120]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Performance", rows)]))
    assert kp.set_index("measure_id")["polarity"].astype(str).to_dict() == {"3.3": "higher", "3.4": "higher", "3.5": "none"}
    said = [p.message for p in kp.attrs["problems"] if p.column == "polarity"]
    assert any("polarity 'Maintain' (1 cell) read as higher is better" in m and '"Maintain" = "lower"' in m for m in said), said
    assert not [p for p in kp.attrs["problems"] if p.severity in ("error", "warning")]


def test_measures_rated_by_the_service_with_no_target_are_not_said_to_meet_one(tmp_path):
    """A police and crime plan: two measures with targets, two with the aim 'Reduce' rated green by the service. The
    page said '3 of 4 measures meeting target', where only one of the targets was met."""
    from perfkit.analyse.figures import quarter_figures
    from perfkit.present.briefing import overview
    from perfkit.present.narrative import measures_paragraph

    rows = [["Police and Crime Plan, Quarter 2 2024/25"], ["Ref", "Measure", "Aim", "Target", "Q2 2024/25", "Status"],
            ["1.1", "Neighbourhood crime", "Reduce", "Reduce", 2305, "Green"],
            ["1.2", "Knife crime offences", "Reduce", "Reduce", 131, "Green"],
            ["3.1", "999 calls answered within 10 seconds (%)", "Increase", "90%", "91.2%", "Green"],
            ["3.3", "Positive outcome rate (%)", "Increase", "15%", "12.9%", "Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Performance", rows)]))
    fig = quarter_figures(None, kp, "2024/25 Q2")
    assert "3 of 4 measures meeting target or, with none, rated Green</p>" in overview(fig)
    assert "3 (75%) are meeting their target or, with none, rated Green by the service" in measures_paragraph(fig)


def test_a_measure_marked_not_applicable_is_not_listed_as_missing_its_figure(tmp_path):
    """The officer's checks listed a measure the service marked N/A (no figure this quarter, as it says) under 'Measures
    without a figure'; one with no figure and no such word is listed."""
    from perfkit.analyse.figures import quarter_figures
    from perfkit.present.briefing import check_items

    rows = [["KPIs, Quarter 3 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q3 2024/25", "Status"],
            ["PL04", "Planning appeals allowed (%)", "Lower", "30%", "25%", "Green"],
            ["PL05", "Enforcement notices served", "Higher", 10, None, "N/A"],
            ["PL06", "Householder applications on time (%)", "Higher", "90%", None, None]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    listed = {k: [r[1] for r in body if len(r) > 1] for k, _, _, body in check_items(quarter_figures(None, kp, "2024/25 Q3"), {"measures": kp})}
    assert listed.get("no-figure") == ["PL06"]


def test_a_note_that_cumulative_measures_meet_each_quarters_profile_is_no_warning_where_the_sheet_gives_them(tmp_path):
    """'Cumulative indicators (RC01, RC02) are measured against the profiled target for the quarter' under a table of Q1
    and Q2 targets: warned that no column says which measures are cumulative (holding the brief), though the quarter
    targets the sheet gives are those profiles. A note with no quarter targets beside it still asks."""
    rows = [["KPIs 2024/25, Quarter 2"], ["Ref", "Measure", "Polarity", "Q1 Target", "Q1 Actual", "Q2 Target", "Q2 Actual"],
            ["RC01", "Council tax collected (%)", "Higher", 29.0, 28.9, 56.5, 56.8],
            ["RC02", "Business rates collected (%)", "Higher", 31.0, 31.2, 58.0, 58.4],
            ["EC02", "Missed bins per 100,000", "Lower", 50, 48, 50, 52], [],
            ["Cumulative indicators (RC01, RC02) are measured against the profiled target for the quarter."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs Q2", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    # the note in other words, naming no profile: the quarter targets are still the profiles to date
    for note in ("Note: figures are cumulative year to date; targets are year-to-date targets.",
                 "Quarterly figures are cumulative. Annual target applies at year end."):
        kp = perfkit.read_measures(write_workbook(tmp_path / "note.xlsx", [SheetSpec("KPIs Q2", rows[:-1] + [[note]])]))
        assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"], note
        assert kp.drop_duplicates("measure_id")["cumulative"].tolist() == [True, True, False]
    plain = [rows[0], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2"], ["RC01", "Council tax collected (%)", "Higher", 97, 28.9, 56.8],
             [], ["Collection rates are cumulative; the annual target applies at year end."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "plain.xlsx", [SheetSpec("KPIs", plain)]))
    assert [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "cumulative"]


def test_a_share_of_incidents_given_an_assessment_is_work_done_its_statuses_give_its_polarity(tmp_path):
    """'% of domestic abuse incidents with a DASH risk assessment within 24 hours', amber at 93% against 95%: a harm's
    name ('incidents') kept its statuses from saying higher is better, and a warning held the brief."""
    rows = [["Police and Crime Plan delivery, Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q1 2024/25", "Q1 status", "Q2 2024/25", "Q2 status"],
            ["M2.2", "% of domestic abuse incidents with a DASH risk assessment within 24 hours", "95%", "93%", "Amber", "96%", "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Measures", rows)]))
    assert set(kp["polarity"].astype(str)) == {"higher"}
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_service_plans_next_years_target_no_survey_is_no_target(tmp_path):
    """A district service plan: `Target met?` Yes / No beside three years' outturns, and next year's target `No survey
    2024/25`, which stopped the read ("is not a number", no line to type)."""
    rows = [["Environment and Leisure Services – Service Plan 2024/25"],
            ["PI ref", "Performance indicator", "Polarity", "Outturn 2022/23", "Outturn 2023/24", "Target 2023/24", "Target met?",
             "Target 2024/25"],
            ["EL07", "% of food premises rated 4 or 5", "Aim to maximise", "92%", "92%", "93%", "No", "93%"],
            ["EL03", "Missed bins per 100,000 collections", "Aim to minimise", 44, 51, 40, "No", 40],
            ["EL08", "Days to respond to noise complaints", "Aim to minimise", 3.8, 4.4, 5, "Yes", 5],
            ["EL09", "Garden waste subscriptions", "Aim to maximise", 19116, 19900, 19500, "No", 20000],
            ["EL12", "Residents satisfied with parks (%)", "Aim to maximise", "78%", "81%", "80%", "Yes", "No survey 2024/25"]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Service PIs", rows)])))
    y = m[m["period"] == m["period"].max()].set_index("measure_id")
    assert y["status"].astype(str).to_dict() == {"EL07": "Red", "EL03": "Red", "EL08": "Green", "EL09": "Red", "EL12": "Green"}
    assert y["status_differs"].to_dict() == {"EL07": True, "EL03": False, "EL08": False, "EL09": True, "EL12": False}
    assert math.isnan(y.loc["EL12", "next_target"])
    assert not [p for p in m.attrs["problems"] if p.severity == "error"]


def test_a_note_naming_one_measure_rolling_and_another_cumulative_names_only_the_cumulative_one(tmp_path):
    """'RE03 is a rolling 12-month figure. RE01 is cumulative and rated against its quarterly profile.': the warning offered
    cumulative = ["RE03", "RE01"] and said RE01 was compared as given, though its name had it read as cumulative."""
    rows = [["Corporate KPIs 2024/25: Quarter 2"],
            ["Ref", "Measure", "Polarity", "Annual target 2024/25", "Q1 2024/25", "Q2 2024/25", "RAG"],
            ["RE01", "Council tax collected (cumulative %)", "Higher", "97%", "28.9%", "56.1%", "Green"],
            ["RE03", "Working days lost to sickness (rolling 12 months)", "Lower", 9, 9.4, 9.1, "Amber"], [],
            ["RE03 is a rolling 12-month figure. RE01 is cumulative and rated against its quarterly profile."]]
    m = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    assert not [p.message for p in m.attrs["problems"] if p.severity == "warning"]
    assert m.drop_duplicates("measure_id").set_index("measure_id")["cumulative"].to_dict() == {"RE01": True, "RE03": False}


def test_a_performance_column_of_words_beside_the_figures_headed_actual_is_the_status(tmp_path):
    """'YTD target | YTD actual | Same period last year | Performance' with 'Better than target' under Performance: the
    words were read as the actual (its exact header) and refused as no number, and 'YTD actual' set aside."""
    rows = [["North Vale Fire and Rescue Authority"], ["Performance against targets - year to date (Quarter 2 2024/25)"], [],
            ["Indicator", "Description", "YTD target", "YTD actual", "Same period last year", "Performance"],
            ["FRS01", "Accidental dwelling fires", 150, 138, 161, "Better than target"],
            ["FRS05", "False alarms from automatic fire alarms", 600, 655, 612, "Worse than target"],
            ["FRS07", "Shifts lost to sickness per employee", 3.5, 3.7, 3.9, "Within 10% of target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("YTD Performance", rows)]))
    q2 = kp[kp["period"].astype(str) == "2025Q2"]
    assert q2["actual"].tolist() == [138, 655, 3.7] and q2["reported_status"].astype(str).tolist() == ["Green", "Red", "Amber"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity in ("error", "warning")]


def test_a_community_safety_scorecard_of_rolling_years_reads_with_no_settings(tmp_path):
    """'Rolling 12 months | Same period last year | Volume change | % change | Aim | Status' under a title naming the quarter:
    refused as a tracker whose header perfkit could not find, both figures' columns left for the officer to map."""
    rows = [["Safer Kingsford Partnership - Community Safety Performance Scorecard"],
            ["Rolling 12 months to 30 September 2024 (Quarter 2 2024/25)"], [],
            ["Priority", "Indicator", "Rolling 12 months", "Same period last year", "Volume change", "% change", "Aim", "Status"],
            ["Serious violence", "Violence with injury offences", "1,240", "1,310", -70, "-5.3%", "Reduce", "Green"],
            ["Serious violence", "Knife crime offences", 96, 88, 8, "+9.1%", "Reduce", "Red"],
            ["Acquisitive crime", "Residential burglary", 410, 405, 5, "+1.2%", "Reduce", "Amber"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Scorecard", rows)]))
    q2 = kp[kp["period"].astype(str) == "2025Q2"]
    assert q2["actual"].tolist() == [1240, 96, 410] and q2["reported_status"].astype(str).tolist() == ["Green", "Red", "Amber"]
    assert kp[kp["period"].astype(str) == "2024Q2"]["actual"].tolist() == [1310, 88, 405] and kp["target"].isna().all()
    assert not [p.message for p in kp.attrs["problems"] if p.severity in ("warning", "error")]


def test_an_amber_from_column_is_each_measures_own_band(tmp_path):
    """'Target | Amber from' (80% and 75%): not read, so a measure at 76% against 80% was rated Red by the default 5%
    band though the sheet makes it Amber, and its status was listed as differing from its figures."""
    rows = [["Riverside Homes - Board Performance Report"], ["Quarter 2 2024/25"],
            ["Ref", "Measure", "Good is", "Target", "Amber from", "Q2 2024/25", "Q2 RAG"],
            ["TP04", "Satisfaction that the home is well maintained (%)", "High", 78, 73, 74, "A"],
            ["NM01", "Anti-social behaviour cases per 1,000 homes", "Low", 30, 35, 33.1, "A"],
            ["TP02", "Satisfaction with repairs (%)", "High", 85, 80, 79, "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("Board KPIs", rows)]))
    m = perfkit.assess_measures(kp)
    assert m["computed_status"].astype(str).tolist() == ["Amber", "Amber", "Red"] and not m["status_differs"].any()
    assert any(p.message.startswith("column 'Amber from' read as the level at which each measure turns amber") for p in kp.attrs["problems"])


def test_missed_bins_and_residual_waste_are_lower_is_better_by_their_names(tmp_path):
    """A waste partnership's return with no polarity: 'Residual household waste per household' and 'Missed bins per 100,000
    collections' were rated higher is better under a warning, costing the officer two lines to put right."""
    rows = [["Waste Partnership return, Quarter 2 2024/25"], ["Ref", "Indicator", "Target", "Q2 2024/25"],
            ["W1", "Household waste recycled (%)", 50, 52.1], ["W2", "Residual household waste per household (kg)", 120, 118],
            ["W3", "Missed bins per 100,000 collections", 60, 64]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "waste.xlsx", [SheetSpec("Return", rows)]))
    assert kp.set_index("measure_id")["polarity"].astype(str).to_dict() == {"W1": "higher", "W2": "lower", "W3": "lower"}
    said = [p.message for p in kp.attrs["problems"] if p.column == "polarity"]
    assert any("Missed bins per 100,000 collections: no polarity given, read as lower is better, as its name says" in m for m in said)


def test_a_police_dashboard_of_current_and_previous_12_months_reads_and_is_never_a_cover(tmp_path):
    """'Crime type | Current 12 months | Previous 12 months | Change' on a sheet named 'Dashboard': dismissed as a cover
    sheet by its name, with no line to type. With a name column perfkit does not know, it is refused saying what to type."""
    rows = [["Midshire Police - Police and Crime Plan Performance Dashboard"], ["Rolling 12 months to end of September 2024"], [],
            ["Crime type", "Current 12 months", "Previous 12 months", "Change", "% change"],
            ["All recorded crime", 61240, 63018, -1778, "-2.8%"], ["Violence with injury", 9812, 9455, 357, "3.8%"],
            ["Residential burglary", 3105, 3702, -597, "-16.1%"], ["Vehicle offences", 4880, 4320, 560, "13.0%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "police.xlsx", [SheetSpec("Dashboard", rows)]))
    assert kp[kp["period"].astype(str) == "2025Q2"]["actual"].tolist() == [61240, 9812, 3105, 4880]
    assert kp[kp["period"].astype(str) == "2024Q2"]["actual"].tolist() == [63018, 9455, 3702, 4320]
    unknown = [[("Crime / outcome" if v == "Crime type" else v) for v in r] for r in rows]
    with pytest.raises(Exception) as info:
        perfkit.read_workbook(write_workbook(tmp_path / "unknown.xlsx", [SheetSpec("Dashboard", unknown)]))
    assert "a cover, notes, key or lookup sheet" not in str(info.value) and "looks like a tracker" in str(info.value)


def test_a_measure_at_its_target_needs_no_polarity_to_be_briefed(tmp_path):
    """'Streets at acceptable cleanliness' at 92% against 92%, with no polarity: green either way, and no figure depends on
    which way is better, yet its warning stopped the brief; a measure off its target still warns."""
    rows = [["Environment KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q2 actual"],
            ["ENV10", "Streets at acceptable cleanliness (%)", "92%", "92%"],
            ["ENV11", "Trees planted", 500, 520]]
    path = write_workbook(tmp_path / "env.xlsx", [SheetSpec("KPIs", rows)])
    report = perfkit.validate(path)
    assert not [p for p in report.warnings if "ENV10" in p.message or "cleanliness" in p.message], [str(p) for p in report]
    assert [p for p in report if "equals its target in every quarter" in p.message]
    rows[2][3] = "90%"
    path = write_workbook(tmp_path / "env2.xlsx", [SheetSpec("KPIs", rows)])
    assert [p for p in perfkit.validate(path).warnings if "cleanliness" in p.message]


def test_venues_visits_are_higher_and_a_sheet_without_references_is_offered_names(tmp_path):
    """A transposed culture table (no references): 'Library visits' and 'Museum visitors' warned as having no polarity,
    stopping the brief, and the warning offered `"K001" = "lower"`, a reference the workbook does not have."""
    rows = [["Culture KPIs - Quarter 2 2024/25"], ["Measure", "Target", "Q2 actual"],
            ["Library visits", 50000, 52000], ["Museum visitors", 9000, 8800], ["Fly-tipping reports", 300, 320],
            ["A&E attendances", 4000, 4100]]  # a hospital's, not a venue's: which way is better is not its name's to say
    path = write_workbook(tmp_path / "culture.xlsx", [SheetSpec("KPIs", rows)])
    said = [p.message for p in perfkit.validate(path).warnings if "no polarity" in p.message]
    assert len(said) == 1 and "Fly-tipping reports" in said[0] and "A&E attendances" in said[0], said
    assert "Library" not in said[0] and "Museum" not in said[0]
    assert '"Fly-tipping reports" = "lower"' in said[0] and '"K0' not in said[0]


def test_a_trusts_harms_are_lower_is_better_by_their_names(tmp_path):
    """An NHS board report with no polarity column: 'Staff sickness absence %' and 'Falls with harm per 1,000 bed days' were
    warned of as higher is better, with the rest; the work against a harm ('MRSA screening compliance') is not a harm."""
    rows = [["Integrated performance report - Quarter 2 2024/25"], ["Metric", "Target", "Q2"],
            ["Staff sickness absence %", "4%", "4.6%"], ["Falls with harm per 1,000 bed days", 0.5, 0.4],
            ["C. difficile cases", 9, 7], ["MRSA screening compliance (%)", "95%", "97%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)]))
    got = dict(zip(kp["name"], kp["polarity"].astype(str)))
    assert got["Staff sickness absence %"] == got["Falls with harm per 1,000 bed days"] == got["C. difficile cases"] == "lower"
    warned = [p.message for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert len(warned) == 1 and "MRSA screening" in warned[0] and "sickness" not in warned[0], warned
    said = [p.message for p in kp.attrs["problems"] if "as its name says" in p.message]
    assert any('put "Staff sickness absence %" = "higher"' in m for m in said), said  # by name: the sheet has no references


def test_a_measure_whose_name_says_which_way_is_better(tmp_path):
    """'Facility downtime (hours) - lower is better' was warned of as having no polarity, rated higher is better; with a
    RAG beside it, the note said its statuses settled it, not its name."""
    rows = [["Leisure contract KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q2", "Q2 RAG"],
            ["L4", "Facility downtime (hours) - lower is better", 10, 12, "R"], ["L5", "Swim lessons booked (higher = better)", 900, 950, "G"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPI return", rows)]))
    assert dict(zip(kp["measure_id"], kp["polarity"].astype(str))) == {"L4": "lower", "L5": "higher"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    said = [p.message for p in kp.attrs["problems"] if p.column == "polarity"]
    assert any("Facility downtime" in m and "as its name says" in m for m in said), said


@pytest.mark.parametrize("head, way", [("Target (lower is better)", "lower"), ("Target (higher is better)", "higher"),
                                       ("Target - lower = better", "lower")])
def test_a_target_headed_with_which_way_is_better(tmp_path, head, way):
    """One tab per service, 'Target (lower is better)' on two and '(higher is better)' on the third: the lower ones were
    not read at all (only 'not used' said), so six measures were briefed with no target."""
    rows = [["Environment KPIs - Quarter 2 2024/25"], ["Ref", "Measure", head, "Q2 actual"],
            ["ENV1", "Missed bin collections per 100,000", 60, 55], ["ENV2", "Average time to remove fly-tips", "3 days", "3.1 days"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "env.xlsx", [SheetSpec("Environment", rows)]))
    assert kp["target"].tolist() == [60, 3] and set(kp["polarity"].astype(str)) == {way}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"], [p.message for p in kp.attrs["problems"]]


def test_a_measure_rated_blue_is_counted_green_and_said(tmp_path):
    """A BRAG scorecard's Blue ('annual target already met') on measures: counted Green without a word."""
    rows = [["Children's KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q2 actual", "BRAG"],
            ["C1", "Care leavers in suitable accommodation (%)", "Higher", 90, 96, "B"],
            ["C2", "Assessments within 45 days (%)", "Higher", 85, 80, "A"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    said = [p.message for p in kp.attrs["problems"] if "rated Complete (Blue)" in p.message]
    assert len(said) == 1 and said[0].startswith("1 figure rated Complete (Blue) by the service (C1): counted as meeting target")


def test_a_compliance_dashboards_bands_in_its_title_rows_are_its_tolerance(tmp_path):
    """'RAG: Green = 100%, Amber = 99% to 99.9%, Red = below 99%': the levels were learnt as status words ('100%'), and
    98% was amber on perfkit's 5% default, listed as differing from the service's Red."""
    rows = [["Building safety compliance dashboard"], ["Quarter 2 2024/25"], ["RAG: Green = 100%, Amber = 99% to 99.9%, Red = below 99%"],
            [], ["Compliance area", "Measure", "Target", "Q2 position", "RAG"],
            ["Gas", "% of homes with a valid gas safety certificate", "100%", "99.9%", "Amber"],
            ["Electrical", "% of homes with an EICR in the last 5 years", "100%", "98%", "Red"],
            ["Fire", "% of blocks with an in-date fire risk assessment", "100%", "100%", "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "compliance.xlsx", [SheetSpec("Compliance", rows)]))
    fig = perfkit.quarter_figures(None, kp, "2024/25 Q2")
    assert not fig.measures["status_differs"].fillna(False).astype(bool).any()
    assert not [p for p in kp.attrs["problems"] if "own words: '100%'" in p.message]


def test_a_rate_green_below_its_annual_target_is_no_lower_is_better(tmp_path):
    """'Business rates collected (%)' at 58.9% against an 'Annual target 2024/25' of 98%, rated G at Q2 (on profile): its
    statuses were read as saying lower is better, a note only, and the brief called it furthest ahead of target."""
    rows = [["Quarterly return 2024/25"], ["Ref", "Measure", "Annual target 2024/25", "Q1", "Q2", "BRAG"],
            ["K02", "Business rates collected (%)", "98%", "30.2%", "58.9%", "G"],
            ["K05", "Average days to re-let council homes", "28", 35, 39, "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str)["K02"] != "lower"


def test_a_target_header_saying_higher_is_better_unless_marked(tmp_path):
    """'Target 2024/25 (higher is better unless marked ↓)', the ↓ in the lower measures' names: the column was not read
    at all (only 'not used' said), so every measure lost its target."""
    rows = [["Council Plan Performance Scorecard 2024/25 - Quarter 2"],
            ["PI ref", "Performance indicator", "Target 2024/25 (higher is better unless marked ↓)", "Q2 actual"],
            ["CP1", "Household waste recycled (%)", "52%", "53.4%"], ["CP2", "Days to process new benefit claims ↓", "18 days", "17 days"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    assert dict(zip(kp["measure_id"], kp["target"])) == {"CP1": 52, "CP2": 18}
    assert dict(zip(kp["measure_id"], kp["polarity"].astype(str))) == {"CP1": "higher", "CP2": "lower"}


def test_a_measures_table_whose_names_stand_under_an_unread_header(tmp_path):
    """'Ref | Compliance area | Target | Q1 2024/25 | Q2 2024/25 | RAG': with no header read as the names, the sheet was
    taken for an action plan ('100%' refused as a due date, '99.6%' asked for as a status word)."""
    rows = [["Landlord Compliance Dashboard - Q2 2024/25"],
            ["Ref", "Compliance area", "Target", "Q1 2024/25", "Q2 2024/25", "RAG"],
            ["HC1", "Gas safety - % properties with valid certificate", "100%", "99.6%", "100%", "G"],
            ["HC2", "Electrical safety (EICR within 5 years)", "100%", "96.1%", "97.4%", "R"],
            ["HC3", "Fire risk assessments in date", "100%", "100%", "100%", "G"]]
    path = write_workbook(tmp_path / "compliance.xlsx", [SheetSpec("Compliance Dashboard", rows)])
    report = perfkit.validate(path)
    assert not report.errors, [str(p) for p in report.errors]
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id")["name"].tolist()[1] == "Electrical safety (EICR within 5 years)"
    assert any("read as the measures' names" in p.message for p in kp.attrs["problems"])


def test_a_current_rag_beside_the_quarters_figures_is_the_quarters_status(tmp_path):
    """'Q1 | Q2 | Previous | Current', the last two RAG letters: 'Current' was read as a figure and dropped without a word,
    every status worked out from the figures ('reported': 0), a service's own Green replaced by Amber."""
    rows = [["Corporate Performance Scorecard – Quarter 2 2024/25"],
            ["Ref", "Measure", "Polarity", "2024/25 Target", "Q1", "Q2", "Previous", "Current"],
            ["CS01", "% of major planning applications determined in time", "High", 80, 82, 85, "G", "G"],
            ["CS03", "% of council tax collected", "High", 97, 96.5, 96.8, "A", "G"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    q2 = kp[kp.period == kp.period.max()]
    assert dict(zip(q2["measure_id"], q2["reported_status"].astype(str))) == {"CS01": "Green", "CS03": "Green"}


def test_a_measure_merged_down_over_its_wards_is_one_measure_broken_down(tmp_path):
    """'Indicator' merged down four rows over 'Ward': read as twelve measures a row, "6 of 12 meeting target", with no
    warning."""
    rows = [["Neighbourhood Services – Performance by Ward, Quarter 2 2024/25"], [],
            ["Indicator", "Ward", "Target", "Q1", "Q2", "RAG Q2"]]
    for name in ("Fly-tipping reports (number)", "Graffiti removed within 5 working days (%)"):
        for i, ward in enumerate(("Abbey", "Castle", "Riverside")):
            rows.append([name if i == 0 else None, ward, 30, 25 + i, 22 + i, "G"])
    path = write_workbook(tmp_path / "wards.xlsx", [SheetSpec("Ward breakdown", rows, merges=["A4:A6", "A7:A9"])])
    kp = perfkit.read_measures(path)
    assert kp["measure_id"].nunique() == 2 and sorted(kp["area"].unique()) == ["Abbey", "Castle", "Riverside"]
    assert any("broken down by area" in p.message for p in perfkit.validate(path).warnings)


def test_an_action_tracker_is_an_action_plan(tmp_path):
    """A climate action plan on a sheet named 'Action Tracker' with '% complete': read as milestones, the sheet's name
    given as the evidence ('tracker'), the actions' progress lost."""
    rows = [["Ref", "Action", "Theme", "Responsible officer", "Completion by", "% complete", "RAG"],
            ["CA01", "Replace street lighting with LED", "Energy", "Highways Manager", day(2025, 3, 31), 0.75, "G"],
            ["CA02", "Install solar PV on council buildings", "Energy", "Energy Officer", day(2024, 9, 30), 1, "G"],
            ["CA03", "Decarbonise leisure centre heating", "Energy", "Leisure Client Manager", day(2024, 6, 30), 0.4, "R"]]
    path = write_workbook(tmp_path / "climate_q2_2024-25.xlsx", [SheetSpec("Action Tracker", rows)])
    entry = next(e for e in perfkit.validate(path).inventory if e.sheet == "Action Tracker")
    assert entry.kind == "actions", entry


def test_a_data_row_is_never_a_header_found_by_its_names(tmp_path):
    """Quarter tabs with a Type column (Milestone / KPI) and an empty Q3 template: the names rule read a milestone's row
    (a date under 'Due date' taken for a quarter's column) as a measures header, and the template was refused with its
    due dates asked for as status words."""
    head = ["Ref", "Type", "Description", "Due date", "Target", "Actual", "Status", "Comments"]
    items = [("PR1", "Milestone", "Complete review of council tax support scheme", day(2024, 9, 30), None),
             ("PR2", "Milestone", "Launch resident engagement platform", day(2024, 8, 31), None),
             ("PR3", "Milestone", "Agree new leisure operator contract", day(2025, 3, 31), None),
             ("PR4", "Milestone", "Deliver 50 new affordable homes", day(2025, 3, 31), None),
             ("PR5", "Milestone", "Adopt Parking Strategy", day(2024, 6, 30), None),
             ("PR6", "KPI", "% of FOI requests answered within 20 working days", None, "90%"),
             ("PR7", "KPI", "Staff sickness days per FTE (rolling 12 months)", None, "8"),
             ("PR8", "KPI", "% of calls answered within 60 seconds", None, "80%")]
    said = {1: (["On track"] * 3 + ["Some slippage", "Completed"], ["92%", "8.6", "74%"], ["Met", "Not met", "Not met"]),
            2: (["Completed", "Off track", "On track", "Some slippage", "Completed"], ["87%", "8.9", "81%"], ["Not met", "Not met", "Met"]),
            3: ([None] * 5, [None] * 3, [None] * 3)}
    sheets = []
    for q, (ms, actual, met) in said.items():
        rows = [[f"Resources Directorate performance report - Quarter {q} 2024/25"], [], head]
        for k, (ref, kind, words, due, target) in enumerate(items):
            rows.append([ref, kind, words, due, target, actual[k - 5] if k >= 5 else None, ms[k] if k < 5 else met[k - 5], None])
        sheets.append(SheetSpec(f"Q{q} 24-25", rows))
    report = perfkit.validate(write_workbook(tmp_path / "resources.xlsx", sheets))
    assert not report.errors, [str(p) for p in report.errors]


def test_a_note_naming_measures_both_ways_by_a_plural_word(tmp_path):
    """'Lower is better for fires and injuries; higher is better for visits and response times' on a table with no
    references: 'fires' named two measures, so neither was taken, and both were read as higher is better "by naming the
    measures where it is not" (Accidental dwelling fires briefed Green and Improving at 81 against 75)."""
    rows = [["Fire authority performance - Quarter 2 2024/25"], ["Quarter", "Accidental dwelling fires", "Deliberate fires",
                                                                 "Fire-related injuries", "Safe and well visits completed", "Hoax calls"],
            ["Target (per quarter)", 75, 160, 10, 900, 40], ["Q1 2024/25", 68, 150, 9, 950, 38], ["Q2 2024/25", 81, 185, 12, 880, 45], [],
            ["Lower is better for fires and injuries; higher is better for visits and response times."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Performance", rows)]))
    got = dict(zip(kp["name"], kp["polarity"].astype(str)))
    assert {n: w for n, w in got.items() if n != "Hoax calls"} == {
        "Accidental dwelling fires": "lower", "Deliberate fires": "lower", "Fire-related injuries": "lower",
        "Safe and well visits completed": "higher"}
    # named by neither clause: asked, never implied the other way from a note that names measures both ways
    warned = [p.message for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]
    assert len(warned) == 1 and "Hoax calls" in warned[0], warned


def test_a_note_naming_one_measure_then_all_the_others_in_plain_word_order(tmp_path):
    """'RP01 lower is better; all other measures higher is better.': not read (the rest named only after 'for'), so RP01
    was warned of as having no polarity and the brief stopped."""
    rows = [["Tenant satisfaction and compliance - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q2"],
            ["RP01", "Homes that do not meet the Decent Homes Standard (%)", "2%", "1.5%"],
            ["TP01", "Overall satisfaction (%)", "75%", "78%"], ["BS01", "Gas safety checks completed (%)", "100%", "100%"], [],
            ["RP01 lower is better; all other measures higher is better."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM", rows)]))
    assert dict(zip(kp["measure_id"], kp["polarity"].astype(str))) == {"RP01": "lower", "TP01": "higher", "BS01": "higher"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning" and p.column == "polarity"]


def test_a_performance_column_beside_the_year_to_date_and_last_year_stays_as_read(tmp_path):
    """'YTD target | YTD actual | Same period last year | Performance': the rule for a 'Current' RAG beside the quarters'
    figures took 'Performance' from this year's figures, and the sheet was briefed at last year's 2023/24 Q2."""
    rows = [["North Vale Fire and Rescue Authority"], ["Performance against targets - year to date, April to September 2024 (Quarter 2 2024/25)"],
            [], ["Indicator", "Description", "YTD target", "YTD actual", "Same period last year", "Performance"],
            ["FRS01", "Accidental dwelling fires", 150, 138, 161, "Better than target"],
            ["FRS02", "Fire deaths in accidental dwelling fires", 0, 1, 0, "Worse than target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ytd.xlsx", [SheetSpec("YTD Performance", rows)]))
    assert str(kp["period"].max()) == "2025Q2"


def test_the_time_a_thing_takes_is_lower_is_better_by_its_name(tmp_path):
    """A housing transposed table, 'Average days to re-let void homes' with no polarity: rated as higher is better under
    the warning, whose example line named another measure the wrong way."""
    rows = [["Housing PIs 2024/25"], ["Ref", "Measure", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["H1", "Average days to re-let void homes", 28, 31, 26], ["H2", "Time taken to process new claims (days)", 20, 22, 19],
            ["H3", "% of calls answered within 60 seconds", 80, 78, 83]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing PIs", rows)]))
    ways = kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict()
    assert ways["H1"] == "lower" and ways["H2"] == "lower" and ways["H3"] != "lower"


def test_a_share_done_in_time_in_a_percent_unit_column_is_never_lower_is_better_by_one_green_fill(tmp_path):
    """A directorate tab, 'Care Act assessments completed in 28 days' with its unit '%' in a column of its own, 81 against
    85 and its status 'Green': read as lower is better from that one status, in a note, so a rise was 'Worsening'."""
    rows = [["Adults directorate scorecard - 2024/25"], [],
            ["Ref", "Measure", "Target", "Unit", "Q1", "Q2", "Q2 status"],
            ["AD1", "Care Act assessments completed in 28 days", 85, "%", 78, 81, "Green"],
            ["AD3", "Reviews completed on time", 90, "%", 82, 88, "Amber"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "adults.xlsx", [SheetSpec("Adults", rows)]))
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"]["AD1"] == "higher"
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning" and "Care Act" in p.message]


def test_a_measure_whose_only_figure_has_no_target_asks_no_polarity(tmp_path):
    """A service plan's year-end: 'Volunteer hours' with last year's outturn, this year's target and 'N/A' this year. Its
    only figure has no target beside it, so nothing is rated, yet a 'no polarity' warning held the brief."""
    rows = [["Leisure and Culture Service Plan 2024/25 - year-end performance"], [],
            ["Code", "Measure", "Outturn 2023/24", "Target 2024/25", "Outturn 2024/25", "Target met?"],
            ["LC01", "Visits to leisure centres", 612400, 630000, 641950, "Yes"],
            ["LC09", "Volunteer hours in heritage sites", 12800, 13000, "N/A", "N/A"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Service Plan Measures", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    rows[-1][4] = 12100  # a figure beside its target: now it is rated, and its way is asked
    kp = perfkit.read_measures(write_workbook(tmp_path / "plan2.xlsx", [SheetSpec("Service Plan Measures", rows)]))
    assert any("no polarity" in p.message and "Volunteer hours" in p.message for p in kp.attrs["problems"] if p.severity == "warning")


def test_the_no_polarity_warning_shows_the_line_that_confirms_higher_as_well_as_the_one_that_reverses_it(tmp_path):
    """The warning's one example line was the reversing one (`"Rent collected (%)" = "lower"`): an officer confirming the
    reading had no line to copy, and one copying the example got the measure wrong."""
    rows = [["Housing KPIs 2024/25 Q2"], ["Ref", "Measure", "Target", "Q2"], ["H1", "Tenancy audits (%)", "97%", "96.2%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing", rows)]))
    (warning,) = [p.message for p in kp.attrs["problems"] if p.severity == "warning" and "no polarity" in p.message]
    # the confirming line first (an officer copying the first example keeps the reading), the reversing one after it
    assert '"H1" = "higher" where more is better (as it is read now, then said), or "H1" = "lower" where less is' in warning, warning


def test_quarter_columns_headed_cumulative_are_the_quarters_figures_to_date(tmp_path):
    """`Annual target | Q2 target | Q1 (cumulative) | Q2 (cumulative) | Q2 RAG`: 'Q1 (cumulative)' was taken for a yes/no
    column saying which measures are cumulative (eight warnings) and Q2's figures went unread; once mapped by hand,
    the totals to date were compared quarter on quarter, '7 improving'."""
    rows = [["Housing & Environment KPI Scorecard 2024/25 - Quarter 2"], [],
            ["Ref", "Measure", "Higher or lower is better", "Annual target", "Q2 target", "Q1 (cumulative)", "Q2 (cumulative)", "Q2 RAG"],
            ["HE01", "Number of affordable homes delivered", "Higher", 200, 90, 40, 95, "G"],
            ["HE04", "Tonnes of fly-tipped waste removed", "Lower", 800, 400, 230, 470, "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "he.xlsx", [SheetSpec("Q2 Scorecard", rows)]))
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert q2["actual"].to_dict() == {"HE01": 95, "HE04": 470} and q2["cumulative"].all()
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    way = perfkit.direction_of_travel(kp, "2024/25 Q2").set_index("measure_id")["direction"]
    assert set(way) == {"Not comparable"}, way
    # a fire service's 'Q2 2025/26 YTD | Q2 2024/25 YTD' beside a 'Target 2025/26 YTD': figures to date against a target
    # to date, compared as given (read as cumulative against a year's target, five of eight turned red)
    ytd = [["Fire and rescue performance 2025/26 - Quarter 2"], [],
           ["Ref", "Indicator", "Better if", "Target 2025/26 YTD", "Q2 2025/26 YTD", "Q2 2024/25 YTD"],
           ["FRS01", "Accidental dwelling fires", "Lower", 120, 110, 118], ["FRS07", "Home fire safety visits", "Higher", 2000, 2150, 1900]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Indicators", ytd)]))
    rated = perfkit.assess_measures(kp)
    assert rated[rated["period"] == rated["period"].max()]["status"].astype(str).tolist() == ["Green", "Green"]


def test_a_funded_programmes_outputs_to_date_against_their_profile_read_with_their_units(tmp_path):
    """A UKSPF return: 'Output | Unit | Programme target | Profile to date | Achieved to date', figures typed '48
    businesses', '1,150 sqm'. 'Achieved to date' was read as the status (its figures 'unknown status' words), '1,000 sqm'
    was not a number, and every output was warned of as having no polarity."""
    rows = [["UK Shared Prosperity Fund - Outputs against profile"], ["Cumulative to 30 September 2024 (2024/25 Quarter 2)"], [],
            ["Ref", "Output", "Unit", "Programme target 2024-25", "Profile to date", "Achieved to date", "Variance"],
            ["E1", "Businesses receiving non-financial support", "businesses", 120, 60, "48 businesses", -12],
            ["E2", "Grant funding awarded", "£", "£1.5m", "£0.8m", "£0.6m", "-£0.2m"],
            ["E3", "Public realm improved", "sqm", "2,000 sqm", "1,000 sqm", "1,150 sqm", 150],
            ["E4", "Volunteering opportunities supported", "opportunities", 150, 75, 40, -35]]
    path = write_workbook(tmp_path / "ukspf.xlsx", [SheetSpec("Outputs", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [p.message for p in report.warnings]
    kp = perfkit.read_measures(path)
    assert kp["actual"].tolist() == [48, 600_000, 1150, 40] and kp["target"].tolist() == [60, 800_000, 1000, 75]
    assert set(kp["polarity"]) == {"higher"}



def test_a_performance_column_of_a_drop_downs_words_beside_the_quarters_figures_is_the_status(tmp_path):
    """'Q2 value | Performance' over On target / Slightly off / Off target from a drop-down: 'Performance', read as the
    figures by its exact header beside the quarter's own, was dropped without a word and every status worked out from the
    figures instead."""
    words = ["On target", "Slightly off", "Off target"]
    rows = [["Corporate Health Indicators - Quarter 2 2025/26"], ["Ref", "Indicator", "Target", "Q2 value", "Performance"],
            ["CH01", "Days lost to sickness per FTE (lower is better)", 4.5, 5.2, "Off target"],
            ["CH02", "% of invoices paid within 30 days", 95, 96.1, "On target"],
            ["CH03", "% of FOI requests answered within 20 working days", 90, 87, "Slightly off"]]
    path = write_workbook(tmp_path / "health.xlsx", [SheetSpec("Measures", rows, dropdowns={"E3:E10": words},
                                                               fills={"E3": "Red", "E4": "Green", "E5": "Amber"})])
    kp = perfkit.read_measures(path)
    assert kp["reported_status"].astype(str).tolist() == ["Red", "Green", "Amber"]
    assert any(p.source == "Measures!E2" and "status words" in p.message for p in kp.attrs["problems"])


def test_measures_with_target_ranges_are_measures_with_a_target(tmp_path, capsys):
    """A leisure trust's targets typed as ranges ('85-90%', '1,800-2,000') with its own RAG: summary --json said
    meeting_target null (no measure had a target) and the brief 'rated by the service's own status'."""
    from perfkit.cli import main

    rows = [["Active Leisure Trust - Contract KPIs 2025/26"], ["Quarter 2"],
            ["KPI", "Target", "Q1", "Q2", "Q2 RAG"],
            ["Customer satisfaction (%)", "85-90%", "87%", "84%", "Red"],
            ["Pool water tests passed (%)", "98-100%", "99%", "100%", "Green"],
            ["Visits per 1,000 population", "1,800-2,000", "1,910", "1,950", "Green"]]
    path = write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPIs", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["measures"]["meeting_target"] == {"count": 2, "percent": 67}
    assert main(["summary", str(path)]) == 0
    assert "Of the 3 measures with a target for 2025/26 Q2, 2 (67%) are meeting their target" in capsys.readouterr().out


@pytest.mark.parametrize("unit, target", [("", 450), ("£000", "450")])
def test_a_figure_typed_in_millions_under_a_name_in_thousands_is_read_in_thousands_and_said(tmp_path, unit, target):
    """'Agency spend (£000)' with a target of 450 and a Q2 value typed '£0.39m': read as £390,000 against £450, Red,
    the service's Green blamed as differing from the figures, with no warning; under a 'Units' column of '£000' with the
    target typed as text, '350', a note only. Then a warning no line of perfkit.toml could settle; now its multiplier
    says its size, so it is read in the column's thousands as the plain figures are (390 against 450), and said."""
    rows = [["Resources Directorate - KPI return, Quarter 2 2024/25"], [],
            ["KPI no.", "KPI", "Good is", "Units", "Target", "Q2 value", "Performance"],
            ["RES04", "Invoices paid within 30 days (%)", "High", "%", "95%", "96.4%", "On target"],
            ["RES09", "Agency spend (£000)", "Low", unit, target, "£0.39m", "On target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    res09 = kp.set_index("measure_id").loc["RES09"]
    assert (res09["actual"], res09["target"], res09["unit"]) == (390, 450, "£000")
    said = [p for p in kp.attrs["problems"] if p.source == "KPIs!F5"]
    assert [p.severity for p in said] == ["info"] and "read as 390 in £000, as the plain ones are" in said[0].message


def test_a_scorecards_two_worse_steps_both_red_and_none_amber_is_a_warning(tmp_path):
    """'On target | Below target | Missed': both worse words read as Red, none Amber, five measures red where one was at
    the worst step, with only a note: a warning. 'Below target' beside 'Well below target' says which is the milder
    step in its own words: Amber, said in a note (a county's highways sheet was refused until the line was typed)."""
    rows = [["Planning performance - Quarter 2 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q2", "Status"],
            ["P1", "Major applications in time (%)", "High", 90, 94, "On target"],
            ["P2", "Minor applications in time (%)", "High", 85, 82, "Below target"],
            ["P3", "Appeals dismissed (%)", "High", 70, 52, "Missed"]]
    warned = perfkit.validate(write_workbook(tmp_path / "planning.xlsx", [SheetSpec("Planning", rows)])).warnings
    assert any("'Below target', 'Missed'" in p.message and '"Below target" = "Amber"' in p.message for p in warned)
    rows[4][5] = "Well below target"
    kp = perfkit.read_measures(write_workbook(tmp_path / "well.xlsx", [SheetSpec("Planning", rows)])).set_index("measure_id")
    assert kp["reported_status"].astype(str).to_dict() == {"P1": "Green", "P2": "Amber", "P3": "Red"}
    said = [p for p in kp.attrs["problems"] if "the milder of the two" in p.message]
    assert len(said) == 1 and said[0].severity == "info" and not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_cumulative_to_date_column_of_figures_is_no_yes_no_column(tmp_path):
    """A UKSPF return's 'Q1 actual | Q2 actual | Cumulative to date' over '15 FTE', '£0.6m': read as the yes/no column
    saying which measures are cumulative, each figure a warning ('not understood (write yes or no)')."""
    rows = [["UK Shared Prosperity Fund - Outputs return - Q2 2025/26"],
            ["Output ref", "Output", "2025/26 target", "Q1 actual", "Q2 actual", "Cumulative to date", "RAG"],
            ["O1", "Jobs created", "40 FTE", "6 FTE", "9 FTE", "15 FTE", "A"], ["O2", "Businesses receiving grants", 25, 8, 7, 15, "G"]]
    report = perfkit.validate(write_workbook(tmp_path / "ukspf.xlsx", [SheetSpec("Outputs", rows)]))
    assert not [p for p in report.warnings if p.column == "cumulative"]
    assert any(p.source == "Outputs!F2" and "year-to-date figure" in p.message for p in report)


def test_an_elective_recovery_trackers_waits_and_backlogs_are_lower_is_better(tmp_path):
    """'Patients waiting 52+ weeks', 'Total RTT waiting list', '% waiting 6+ weeks', 'Cancer 62-day backlog' with no
    polarity: rated higher is better under a warning until a setting said otherwise."""
    rows = [["ICB elective recovery - Quarter 2 2024/25"], ["Metric", "Plan", "Q2 2024/25"],
            ["Patients waiting 52+ weeks", 400, 520], ["Total RTT waiting list", 90000, 95000],
            ["Diagnostics: % waiting 6+ weeks", "5%", "18%"], ["Cancer 62-day backlog", 120, 110]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "erf.xlsx", [SheetSpec("Recovery", rows)]))
    assert set(kp["polarity"].astype(str)) == {"lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_emergency_admissions_are_lower_and_premises_broadly_compliant_higher_is_better(tmp_path):
    """An IJB's 'Emergency admissions per 1,000' (28.6 against 28) was Green as higher is better under a warning; a
    public protection plan's '% of food premises broadly compliant' held the brief for a polarity line."""
    rows = [["Partnership KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q2 2024/25"],
            ["E1", "Emergency admissions per 1,000", 28, 28.6], ["E2", "% of food premises broadly compliant", "95%", "96.1%"],
            ["E3", "% non-compliant premises revisited", "90%", "92%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    polarity = kp.set_index("measure_id")["polarity"].astype(str).to_dict()
    assert (polarity["E1"], polarity["E2"]) == ("lower", "higher")
    assert not any("E3" in p.message or "non-compliant" in p.message for p in kp.attrs["problems"]
                   if "as a share reaching a standard" in p.message)


def test_a_months_target_beside_quarters_figures_is_three_months_worth(tmp_path):
    """'40 per month' beside 'Q1 2024/25 | Q2 2024/25': read as 40 for the quarter, so 131 inspections were briefed as
    furthest ahead of a target of 40, and 69 licences against '25 per month' (75 a quarter) blamed as differing."""
    rows = [["Environment KPI Scorecard 2024/25"], ["Quarter 2 (July - September 2024)"],
            ["KPI", "Description", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25", "Status"],
            ["ENV02", "Food hygiene inspections completed", "Higher is better", "40 per month", 118, 131, "Green"],
            ["ENV06", "Residual household waste per household", "Lower is better", "120 kg per quarter", "118 kg", "124 kg", "Amber"],
            ["ENV07", "Licensing applications processed", "Higher is better", "25 per month", 81, 69, "Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "env.xlsx", [SheetSpec("Scorecard", rows)]))
    target = kp.drop_duplicates("measure_id", keep="last").set_index("measure_id")["target"].to_dict()
    assert target == {"ENV02": 120, "ENV06": 120, "ENV07": 75}
    assert any("is a month's: read as 120 for each quarter's figures" in p.message for p in kp.attrs["problems"])


def test_a_savings_trackers_delivered_to_date_is_the_year_so_far_never_a_quarter_nor_a_lower_is_better_sign(tmp_path):
    """'Target 2024/25 (£k) | Delivered to date (£k) | BRAG' at month 9: 'Delivered to date' was set beside a quarter of
    the year's target, and savings green below the year's target were read as lower-is-better, notes only."""
    rows = [["Savings Programme 2024/25 - position at 31 December 2024"], [],
            ["Ref", "Saving proposal", "Target 2024/25 (£k)", "Delivered to date (£k)", "BRAG"],
            *map(list, [("S01", "Review of care packages", 1200, 800, "A"), ("S03", "Reduce agency social workers", 600, 200, "R"),
                        ("S04", "Home to school transport retender", 300, 225, "G"), ("S08", "Office rationalisation", 350, 0, "R")])]
    kp = perfkit.read_measures(write_workbook(tmp_path / "savings.xlsx", [SheetSpec("Savings", rows)]))
    assert kp.set_index("measure_id").loc["S03", "target"] == 600
    assert kp.set_index("measure_id")["polarity"].astype(str).get("S04") != "lower"
    assert not any("about a quarter of" in p.message for p in kp.attrs["problems"])


def test_a_year_to_date_beside_a_year_to_date_target_still_shows_which_way_is_better(tmp_path):
    """'YTD target | YTD actual | Performance': like with like, so a green below its target says lower is better (the rule
    for a figure to date beside the whole year's target left both measures unsettled, under a warning)."""
    rows = [["Fire authority - year to date, April to September 2024 (Quarter 2 2024/25)"],
            ["Indicator", "Description", "YTD target", "YTD actual", "Performance"],
            ["FRS01", "Accidental dwelling fires", 150, 138, "Better than target"],
            ["FRS04", "Average attendance time, first appliance (minutes)", 8, 7.6, "Better than target"],
            ["FRS06", "Home fire safety visits", 4000, 4212, "Better than target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("YTD Performance", rows)]))
    assert kp.set_index("measure_id")["polarity"].astype(str).to_dict() == {"FRS01": "lower", "FRS04": "lower", "FRS06": "higher"}


def test_an_average_wait_is_lower_is_better_by_its_name(tmp_path):
    """'Average wait for alcohol treatment' with no polarity column was rated higher is better, under a warning."""
    rows = [["Public health outcomes - Quarter 2 2024/25"], ["Indicator", "Target", "Q2"],
            ["Average wait for alcohol treatment (days)", 14, 12], ["Average waiting time for a first appointment", 20, 25]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ph.xlsx", [SheetSpec("PH outcomes", rows)]))
    assert set(kp["polarity"].astype(str)) == {"lower"} and not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_share_of_waste_recycled_or_pupils_in_positive_destinations_is_higher_is_better(tmp_path):
    """An LGBF scorecard has no polarity column: '% of total household waste that is recycled' and '% of pupils entering
    positive destinations' were each rated higher is better under a warning that held the brief."""
    rows = [["LGBF 2023/24"], ["Indicator", "Target", "2023/24"],
            ["% of total household waste that is recycled", 50, 44.8], ["% of pupils entering positive destinations", 95, 95.7]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("LGBF", rows)]))
    assert set(kp["polarity"].astype(str)) == {"higher"} and not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_contact_centres_times_abandoned_calls_and_shares_answered_take_their_way_from_their_names(tmp_path):
    """A customer services dashboard with no polarity column: 'Average speed of answer (mm:ss)' and 'Call abandonment
    rate (%)' were rated higher is better (4 of 6 'meeting target' where 2 did), and '% of food businesses rated 3 or
    better' warned, its example line 'lower', the wrong way."""
    rows = [["Customer services - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q1", "Q2"],
            ["CS1", "Calls answered (%)", 90, 88, 91], ["CS2", "Average speed of answer (mm:ss)", "02:00", "02:40", "02:10"],
            ["CS3", "Call abandonment rate (%)", 8, 10, 9], ["EH2", "% of food businesses rated 3 (generally satisfactory) or better", 95, 94, 96]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "cs.xlsx", [SheetSpec("Dashboard", rows)]))
    way = kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str).to_dict()
    assert way == {"CS1": "higher", "CS2": "lower", "CS3": "lower", "EH2": "higher"}, way
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_the_one_year_to_date_column_beside_the_years_target_makes_its_counts_cumulative(tmp_path):
    """A fire authority's 'Annual target | Q2 YTD | RAG': six months' fires set against the year's target, the brief's
    'furthest ahead of target' was 41 fires against 95, and the services' greens listed as differing from their figures."""
    rows = [["Prevention Directorate"], ["Quarter 2 (July - September 2025)"], [],
            ["PI Ref", "Indicator", "Good is", "Annual target", "Q2 YTD", "RAG"],
            ["PR1", "Accidental dwelling fires", "Lower", 95, "41", "G"], ["PR2", "Safe and well visits completed", "Higher", 3000, "1,288", "R"],
            ["PR4", "Home fire safety checks to vulnerable people (%)", "Higher", "80%", "76%", "A"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Prevention", rows)])).set_index("measure_id")
    assert kp["cumulative"].to_dict() == {"PR1": True, "PR2": True, "PR4": False}
    said = [p.message for p in kp.attrs["problems"] if p.column == "cumulative" and "beside the year's target" in p.message]
    assert len(said) == 1 and "its 2 counts read as cumulative" in said[0]
