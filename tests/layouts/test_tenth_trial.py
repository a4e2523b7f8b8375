"""Layouts a tenth blind tester tried: an equality objectives action plan with its due dates under 'When' and its
objectives merged down their actions (silently 'No actions are overdue', in no groups); a council plan whose key says
'Not started | Not yet due to start' (refused with no cell); a post-inspection plan of 'Area for improvement N:'
sections (read as milestones); a KPI sheet with '95.2% (target 95%)' in each cell (now read); polarity written '↑ is good'."""

from __future__ import annotations

import json
import math

from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.read.kinds.measures import polarity_word


def test_an_action_plans_when_column_is_its_due_date_and_merged_objectives_are_its_groups(tmp_path, capsys):
    rows = [["Equality Objectives Action Plan"], ["Six-monthly monitoring 2024/25"], [],
            ["Equality objective", "No.", "What we will do", "Who", "When", "Position Sept 2024", "Position March 2025"],
            ["Objective 1: Close the pay gaps", 1, "Publish pay gap reports", "HR Manager", "March 2025", "Progressing well", "Completed"],
            [None, 2, "Run reverse mentoring", "OD Lead", "Ongoing", "Progressing well", "Progressing well"],
            ["Objective 2: Accessible services", 3, "Audit the website", "Digital Manager", "December 2024", "Progressing well", "Significant delay"],
            [None, 4, "Introduce BSL video relay", "Customer Services", "June 2024", "Completed", "Completed"]]
    path = write_workbook(tmp_path / "equality.xlsx", [SheetSpec("Equality Objectives", rows, merges=["A5:A6", "A7:A8"])])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert doc["overdue"] == ["3"]
    assert {g: v["total"] for g, v in doc["per_group"].items()} == {"Close the pay gaps": 2, "Accessible services": 2}


def test_a_key_that_explains_not_started_does_not_stop_the_workbook(tmp_path):
    rows = [["Council Plan monitoring 2024/25 Q2"], ["Ref", "Key milestones", "Lead", "Due date", "Q2 2024/25 status"],
            ["1.1", "Open the hub", "Head of Place", day(2025, 3, 31), "On track"],
            ["1.2", "Adopt the plan", "Head of Planning", day(2025, 3, 31), "Not started"],
            [], ["Key"], ["On track", "Progressing as planned"], ["Off track", "Significant slippage"], ["Not started", "Not yet due to start"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Milestones", rows)])
    ms = perfkit.read_milestones(path)
    assert dict(zip(ms["milestone_id"], ms["status"].astype(str))) == {"1.1": "Green", "1.2": "Not started"}


def test_area_for_improvement_sections_make_an_action_plan(tmp_path):
    rows = [["Post-inspection improvement plan"], ["Position 2024/25"], [],
            ["Action no.", "What will we do?", "Accountable lead", "Completion date", "BRAG at 30 September 2024"],
            ["Area for improvement 1: Management oversight"], ["1.1", "Launch the supervision policy", "Head of Service", day(2024, 6, 30), "Blue"],
            ["1.2", "Audit supervision records", "Principal Social Worker", day(2024, 9, 30), "Amber"],
            ["Area for improvement 2: Care leavers' accommodation"], ["2.1", "Open a staying-close scheme", "Head of Service", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "improvement.xlsx", [SheetSpec("Improvement Plan", rows)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["actions"] and sorted(frames["actions"]["action_id"].unique()) == ["1.1", "1.2", "2.1"]


def test_a_figure_and_its_target_in_one_cell_gives_the_actual_and_the_periods_target(tmp_path):
    rows = [["Highways KPIs 2024/25"], ["Ref", "Indicator", "Polarity", "Q1 2024/25", "Q2 2024/25"],
            ["H1", "Potholes repaired (%)", "Higher", "95.2% (target 95%)", "91.0% (Target: 95%)"],
            ["H2", "Days to repair a streetlight", "Lower", "4 days [tgt 5 days]", "6 days (target 5 days)"],
            ["H3", "Gully cleansing (%)", "Higher", "80% (target not set)", "82%"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Highways KPIs", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, report
    m = perfkit.assess_measures(perfkit.read_measures(path))
    got = {(k, str(p)): (a, t, str(s)) for k, p, a, t, s in m[["measure_id", "period", "actual", "target", "status"]].itertuples(index=False)}
    assert math.isnan(got[("H3", "2025Q1")][1]) and got[("H3", "2025Q1")][0] == 80
    del got[("H3", "2025Q1")], got[("H3", "2025Q2")]
    assert got == {("H1", "2025Q1"): (95.2, 95.0, "Green"), ("H1", "2025Q2"): (91.0, 95.0, got[("H1", "2025Q2")][2]),
                   ("H2", "2025Q1"): (4.0, 5.0, "Green"), ("H2", "2025Q2"): (6.0, 5.0, got[("H2", "2025Q2")][2])}
    assert got[("H1", "2025Q2")][2] in ("Amber", "Red") and got[("H2", "2025Q2")][2] in ("Amber", "Red")
    assert set(perfkit.read_measures(path)["unit"]) == {"%", "days"}
    said = [p.message for p in report if p.severity == "info"]
    assert any("read as the actual for 2024/25 Q1 and its target (95)" in m for m in said), said


def test_a_target_in_the_cell_that_disagrees_with_the_target_column_is_a_warning(tmp_path):
    rows = [["Ref", "Indicator", "Polarity", "Target", "Q1 2024/25"], ["H1", "Potholes repaired (%)", "Higher", "90%", "95.2% (target 95%)"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    said = [p.message for p in perfkit.validate(path).warnings]
    assert any("names a target of 95 for 2024/25 Q1, but the target column gives 90" in m for m in said), said
    assert perfkit.read_measures(path)["target"].tolist() == [90.0]


def test_a_figure_and_its_target_in_a_target_column_is_still_said_plainly(tmp_path):
    rows = [["Ref", "Indicator", "Polarity", "Target", "Q1 2024/25"], ["H1", "Potholes repaired (%)", "Higher", "95% (target 95%)", "96%"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    said = [p.message for p in perfkit.validate(path).errors]
    assert any("holds a figure and its target in one cell: perfkit reads that only in a measure's actual columns" in m for m in said), said


def test_arrows_that_say_which_way_is_good():
    lookup = {"higher": "higher", "lower": "lower"}
    assert polarity_word(lookup, "↑ is good") == "higher" and polarity_word(lookup, "↓ is good") == "lower"


def test_the_quarter_a_title_reports_gives_the_year_over_the_plans_own_year(tmp_path, capsys):
    """'Self-Assessment 2023-24: Action Plan' over 'Quarter 2 2024-25 report': the first year won, so the quarter was read
    as 2023/24 Q2 and a briefing for it said 'No actions are overdue'."""
    rows = [["Corporate Self-Assessment 2023-24: Action Plan"], ["Quarter 2 2024-25 report"], [],
            ["Ref", "Action", "Lead", "Due date", "Q1 status", "Q2 status"],
            ["SA1", "Refresh the workforce plan", "Head of HR", day(2024, 6, 30), "Amber", "Red"],
            ["SA2", "Publish the asset strategy", "Head of Property", day(2025, 3, 31), "Green", "Green"]]
    path = write_workbook(tmp_path / "sa.xlsx", [SheetSpec("Self-assessment", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024/25 Q2"


def test_a_town_councils_plan_what_who_by_when_where_are_we(tmp_path, capsys):
    rows = [["Town Council Annual Action Plan 2024-25"], ["Position as at 30 September 2024"], [],
            ["No.", "What", "Who", "By when", "Where are we?"],
            ["Amenities Committee"], [1, "Replace the play area fencing", "Clerk", day(2024, 6, 30), "Done"],
            [2, "Plant the wildflower verges", "Amenities Officer", day(2024, 6, 30), "In hand"],
            [3, "Refurbish the bus shelter", "Clerk", day(2025, 3, 31), "Not started yet"],
            ["Planning Committee"], [4, "Respond to the local plan", "Chair", day(2024, 8, 31), "Dropped - consultation withdrawn"]]
    path = write_workbook(tmp_path / "town.xlsx", [SheetSpec("Action Plan 24-25", rows)])
    report = perfkit.validate(path)
    assert not report.errors, [str(p) for p in report.errors]
    frames = perfkit.read_workbook(path)
    kind = "actions" if "actions" in frames else "milestones"
    got = dict(zip(frames[kind].iloc[:, 0].astype(str), frames[kind]["status"].astype(str)))
    assert got["3"] == "Not started" and got["4"] == "Cancelled" and got["1"] == "Complete"


def test_validate_reports_one_sheets_refusal_and_reads_the_others(tmp_path):
    """A sheet with one status column and no quarter named anywhere stopped validate for the whole workbook."""
    plan = [["Council Plan 2024/25"], ["Ref", "Milestone", "Due date", "Q1 2024/25 RAG", "Q2 2024/25 RAG"],
            ["M1", "Open the hub", day(2025, 3, 31), "Green", "Amber"]]
    actions = [["Item", "What will happen", "Who", "When", "Where we are"]]
    actions += [[f"HA{i}", f"Housing action {i}", "J Bell", day(2025, 3, 31), "On track"] for i in range(1, 5)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", plan), SheetSpec("Housing actions", actions)])
    report = perfkit.validate(path)
    assert [p.source for p in report.errors] == ["Housing actions"] and "names no quarter" in report.errors[0].message
    assert {e.sheet: e.status for e in report.inventory}["Plan"] == "read"


def test_a_climate_trackers_emissions_sheet_with_units_in_its_year_headers(tmp_path):
    """'Emissions source | 2022/23 (tCO2e) | 2023/24 (tCO2e) | 2023/24 target (tCO2e)' was not read at all."""
    rows = [["Council operational emissions (tCO2e), financial years"], [],
            ["Scope", "Emissions source", "2022/23 (tCO2e)", "2023/24 (tCO2e)", "2023/24 target (tCO2e)", "Polarity"],
            ["Scope 1", "Gas - council buildings", 1980, 1870, 1900, "Lower"], ["Scope 1", "Fleet diesel", 700, 690, 650, "Lower"],
            ["Scope 2", "Electricity", 1050, 980, 1000, "Lower"]]
    path = write_workbook(tmp_path / "climate.xlsx", [SheetSpec("Emissions", rows)])
    kp = perfkit.read_measures(path)
    assert sorted(kp["name"].unique()) == ["Electricity", "Fleet diesel", "Gas - council buildings"]
    latest = kp[kp.period == kp.period.max()].set_index("name")
    assert latest.loc["Fleet diesel", "actual"] == 690 and latest.loc["Fleet diesel", "target"] == 650


def test_a_better_care_fund_metrics_return(tmp_path, capsys):
    """Metric | Q1 Plan | Q2 Plan | Q1 Actual | Q2 Actual | Assessment of progress...: refused before; 'Plan' is the target,
    the assessment the officers' own status, whose words give each measure's polarity."""
    rows = [["Better Care Fund 2024-25 Q2 Reporting Template"], ["4. Metrics"], [],
            ["Metric", "Definition", "Q1 2024-25 Plan", "Q2 2024-25 Plan", "Q1 2024-25 Actual", "Q2 2024-25 Actual",
             "Assessment of progress against the metric plan for the reporting period"],
            ["Avoidable admissions", "Per 100,000", 180, 175, 176.4, 181.3, "Not on track to meet target"],
            ["Discharge to normal place of residence", "%", 92.5, 92.5, 93.1, 92.8, "On track to meet target"],
            ["Residential admissions", "Per 100,000", 140, 280, "Data not available", "Data not available", "Data not available to assess progress"]]
    path = write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("4. Metrics", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [str(p) for p in report]
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    # the officers' own assessment stands: 'Not on track to meet target' is Red (3.6% over its plan is Amber by the figures)
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Red": 1, "Green": 1, "No data": 1}


def test_a_leisure_trusts_contract_standards_and_met_column(tmp_path, capsys):
    """'Contract Standard' (≥ 90%, no more than 10) was 'not used' and 'Standard Met?' taken for a grouping: every measure
    Data only, 'none has a target', published with no warning."""
    rows = [["Leisure trust contract KPI return 2024/25"], [],
            ["KPI", "Measure", "Contract Standard", "Quarter", "Result", "Standard Met?"],
            ["KPI 1", "Swim lessons delivered (%)", "≥ 90%", "Q1 2024/25", "92%", "Yes"],
            ["KPI 1", "Swim lessons delivered (%)", "≥ 90%", "Q2 2024/25", "88%", "No"],
            ["KPI 2", "Complaints per month", "no more than 10", "Q1 2024/25", 8, "Yes"],
            ["KPI 2", "Complaints per month", "no more than 10", "Q2 2024/25", 9, "Yes"],
            ["KPI 3", "Water quality tests passed", "≥ 99%", "Q1 2024/25", "1,612 tests", "Yes"]]
    path = write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPI Return", rows)])
    kp = perfkit.read_measures(path)
    assert set(kp.dropna(subset=["target"])["measure_id"]) >= {"KPI 1", "KPI 2"}
    q2 = kp[kp.period == kp.period.max()].set_index("measure_id")
    assert q2.loc["KPI 1", "reported_status"] == "Red" and q2.loc["KPI 2", "reported_status"] == "Green"


def test_a_police_and_crime_plans_rolling_years_and_its_key_of_direction(tmp_path):
    """'12 months to June 2024' was no period perfkit knew, and the key under the table (Improving | Performance better
    than the previous 12 months) was read as three more measures whose figures were not numbers."""
    rows = [["Police and Crime Plan - Performance Framework - Quarter 2 2024/25"], [],
            ["Measure", "12 months to June 2024", "12 months to September 2024", "Aim"],
            ["Total recorded crime", 61250, 59870, "Reduce"], ["Residential burglary", 2410, 2398, "Reduce"],
            ["Victim satisfaction (%)", 71, 73.5, "Increase"], [],
            ["Key"], ["Improving", "Performance better than the previous 12 months"], ["Stable", "Within 2% of the previous 12 months"],
            ["Deteriorating", "Performance worse than the previous 12 months"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    kp = perfkit.read_measures(path)
    assert kp["name"].nunique() == 3 and {str(p) for p in kp["period"].unique()} == {"2025Q1", "2025Q2"}


def test_a_status_after_each_quarters_figures_is_that_quarters(tmp_path):
    """'Apr-Jun 24 | Status | Jul-Sep 24 | Status': Q1's statuses were read as Q2's and Q2's kept as a grouping, so the
    checks listed every measure as disagreeing with its figures."""
    rows = [["Fire and Rescue Authority - Strategic Performance Indicators - 2024/25"], [],
            ["Indicator", "Aim", "Quarterly target", "Apr-Jun 24", "Status", "Jul-Sep 24", "Status"],
            ["Accidental dwelling fires", "Reduce", 60, 55, "Green", 63, "Amber"],
            ["Deliberate fires", "Reduce", 150, 149, "Green", 190, "Red"]]
    path = write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Strategic PIs", rows)])
    kp = perfkit.read_measures(path)
    got = {(n, str(p)): s for n, p, s in zip(kp["name"], kp["period"], kp["reported_status"].astype(str))}
    assert got == {("Accidental dwelling fires", "2025Q1"): "Green", ("Accidental dwelling fires", "2025Q2"): "Amber",
                   ("Deliberate fires", "2025Q1"): "Green", ("Deliberate fires", "2025Q2"): "Red"}
    assert "Status" not in kp


def test_a_confidence_column_beside_the_brag_is_not_the_status(tmp_path):
    rows = [["Regeneration programme board: milestone log, position at 30 September 2024"], [],
            ["Ref", "Milestone", "Lead", "Baseline date", "Forecast date", "Confidence", "BRAG"],
            ["M1", "Land assembly", "PM", day(2024, 6, 30), day(2024, 8, 31), "Low", "R"],
            ["M2", "Planning consent", "PM", day(2024, 9, 30), day(2024, 9, 30), "High", "B"],
            ["M3", "Contractor procured", "PM", day(2025, 3, 31), day(2025, 3, 31), "Medium", "A"],
            ["M4", "Start on site", "PM", day(2025, 6, 30), day(2025, 6, 30), "High", "G"]]
    path = write_workbook(tmp_path / "regen.xlsx", [SheetSpec("Milestone Log", rows)])
    ms = perfkit.read_milestones(path)
    assert dict(zip(ms["milestone_id"], ms["status"].astype(str))) == {"M1": "Red", "M2": "Complete", "M3": "Amber", "M4": "Green"}


def test_a_contract_returns_performance_standard_names_and_met_per_quarter(tmp_path):
    rows = [["Leisure Management Contract - Quarterly Performance Return 2024/25"], [],
            ["KPI No.", "Performance standard", "Contract target", "Q1 (Apr-Jun)", "Met? Q1", "Q2 (Jul-Sep)", "Met? Q2"],
            ["LT1", "Customer satisfaction (%)", "≥ 90%", "92%", "Yes", "88%", "No"],
            ["LT2", "Children on the swim school", "no less than 3,000", "3,150", "Yes", "2,700", "No"],
            ["LT4", "RIDDOR incidents", "no more than 2", 0, "Yes", 3, "No"]]
    path = write_workbook(tmp_path / "contract.xlsx", [SheetSpec("Contract Monitoring", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("measure_id")["name"]["LT1"] == "Customer satisfaction (%)"
    q2 = kp[kp.period == kp.period.max()].set_index("measure_id")
    assert list(q2["reported_status"].astype(str)) == ["Red", "Red", "Red"] and q2.loc["LT4", "target"] == 2


def test_project_gateway_milestone_the_milestone_names_the_item_and_the_project_groups(tmp_path, capsys):
    """'Project' was taken as the title and 'Milestone' left unread: the briefing listed 'Market Hall — Red'."""
    rows = [["Town Centre Regeneration Programme Board – Milestone Log"], ["Reporting period: September 2024"],
            ["Project", "Gateway", "Milestone", "SRO", "Forecast date", "Sep-24 RAG"],
            ["Market Hall", "Gateway 2", "OBC approved by Cabinet", "Director", day(2024, 5, 31), "Complete"],
            ["Market Hall", "Gateway 3", "Main contractor appointed", "Director", day(2024, 12, 31), "Red"],
            ["Station Quarter", "Gateway 2", "Land assembly complete", "Head of Property", day(2024, 8, 31), "Complete"],
            ["Station Quarter", "Gateway 3", "Planning consent", "Head of Property", day(2025, 3, 31), "Green"]]
    path = write_workbook(tmp_path / "regen.xlsx", [SheetSpec("Milestone Log", rows)])
    ms = perfkit.read_milestones(path)
    assert "Main contractor appointed" in set(ms["title"])
    assert main(["summary", str(path), "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["milestones"]["groups"]) == {"Market Hall", "Station Quarter"}


def test_a_scoring_key_naming_each_band_after_its_colour(tmp_path):
    """'15-25 Red (high), 8-12 Amber (medium), 1-6 Green (low)' was 'text below the table': the default bands were used."""
    rows = [["Corporate Risk Register Q2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact", "Residual likelihood", "Residual impact"],
            ["R1", "Budget", 5, 5, 4, 4], ["R2", "Cyber", 4, 3, 3, 4], ["R3", "Workforce", 3, 3, 2, 3], [],
            ["Scoring: Likelihood x Impact (1-5). 15-25 Red (high), 8-12 Amber (medium), 1-6 Green (low)."]]
    path = write_workbook(tmp_path / "crr.xlsx", [SheetSpec("CRR", rows)])
    rk = perfkit.read_risks(path)
    assert rk.attrs["risk_matrix"].names == ["Low", "Medium", "High"]


def test_a_required_standard_and_compliant_per_quarter(tmp_path):
    rows = [["Leisure contract KPIs 2024/25"], [],
            ["KPI", "Measure", "Required standard", "Apr-Jun", "Apr-Jun compliant?", "Jul-Sep", "Jul-Sep compliant?"],
            ["K1", "Visits", "≥ 250,000", 260000, "Yes", 241050, "No"], ["K4", "Complaints", "no more than 24", 20, "Yes", 30, "No"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Contract KPIs", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    kp = perfkit.read_measures(path).set_index(["measure_id", "period"])
    assert kp["target"].notna().all() and set(kp["reported_status"].astype(str)) == {"Green", "Red"}
