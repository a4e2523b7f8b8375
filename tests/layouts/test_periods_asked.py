"""A quarter asked for that the workbook's own points of the year do not hold: a risk register first scored at Q2 is
not quoted under a Q1 summary (it was, as 'risks assessed in 2024/25 Q2'), and Q1 of a six-monthly action plan is
refused saying so (it said '2024/25 H1 is not in the action plan; its periods are 2024/25 H1, 2024/25 H2')."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.analyse.attention import overdue
from perfkit.cli import main


def plan_with_register(tmp_path):
    milestones = [["Council Plan 2024/25"], ["Ref", "Milestone", "Due date", "Q1 2024/25 RAG", "Q2 2024/25 RAG"]]
    milestones += [[f"M{i}", f"Milestone {i}", day(2025, 3, 31), "Green", "Amber"] for i in range(1, 5)]
    risks = [["Corporate risk register: reviewed September 2024 (Q2 2024/25)"],
             ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Mitigation", "Residual impact", "Residual likelihood"]]
    risks += [[f"R{i}", f"Risk {i}", "Chief Executive", 4, 4, "Controls", 3, 2] for i in range(1, 4)]
    return write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", milestones), SheetSpec("Risks", risks)])


def test_a_register_first_scored_after_the_quarter_is_not_quoted_under_it(tmp_path, capsys):
    path = plan_with_register(tmp_path)
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    out = capsys.readouterr()
    assert "risks" not in json.loads(out.out)
    assert "first assessment is for 2024/25 Q2, after 2024/25 Q1" in out.err
    assert main(["summary", str(path), "--period", "2024/25 Q2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["risks"]["total"] == 3


def test_a_quarter_of_a_six_monthly_plan_is_refused_saying_it_is_six_monthly(tmp_path, capsys):
    rows = [["Improvement plan 2024/25"], ["Ref", "Action", "Lead", "Target date", "Status (Sept 2024)", "Status (March 2025)"]]
    rows += [[f"A{i}", f"Action {i}", "Director", day(2025, 3, 31), "On track", None] for i in range(1, 5)]
    path = write_workbook(tmp_path / "improvement.xlsx", [SheetSpec("Improvement plan", rows)])
    assert main(["summary", str(path), "--period", "2024/25 Q1"]) == 1
    err = capsys.readouterr().err
    assert "2024/25 Q1 is not a period of the action plan: it is reported six-monthly" in err
    assert "is not in the action plan" not in err


def test_one_current_assessment_is_not_given_a_before_mitigation(tmp_path, capsys):
    """'Likelihood (1-5) | Impact (1-5) | Current Risk Score' was read as the inherent pair: the briefing drew a matrix
    'before mitigation' and said how many risks were very high before it, for a register that gives no such thing."""
    rows = [["Corporate risks – Quarter 2 2024/25"], [],
            ["Risk No.", "Risk", "Owner", "Likelihood (1-5)", "Impact (1-5)", "Current Risk Score", "Mitigation", "Target Score"],
            ["R1", "Budget gap", "S151 Officer", 4, 4, 16, "Savings plan", 9],
            ["R2", "Local Plan found unsound", "Director of Place", 3, 4, 12, "Examination prep", 6],
            ["R3", "Leisure centre overrun", "Head of Leisure", 3, 3, 9, "Contract review", 6]]
    path = write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Risks", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["risks"]
    assert {b: v["inherent"] for b, v in doc["by_rating"].items()} == {b: 0 for b in doc["by_rating"]}
    assert doc["by_rating"]["Very high"]["residual"] == 1 and doc["by_rating"]["High"]["residual"] == 1
    rk = perfkit.read_risks(path)
    assert rk["inherent_impact"].isna().all() and list(rk["residual_likelihood"]) == [4, 3, 3]


def test_an_action_plan_first_reported_after_the_quarter_is_not_quoted_under_it(tmp_path, capsys):
    """A Q1 summary printed the plan's Q2 figures (with a note), and a Q1 briefing failed on the plan's missing Q1."""
    kpis = [["Council Plan indicators 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"]]
    kpis += [[f"K{i}", f"Indicator {i}", "Higher", 50, 48 + i, 49 + i] for i in range(1, 5)]
    actions = [["Council Plan actions: Quarter 2 2024/25"], ["Ref", "Action", "Lead", "Due date", "Status", "% complete"]]
    actions += [[f"A{i}", f"Action {i}", "Director", day(2025, 3, 31), "In Progress", 0.5] for i in range(1, 5)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("PIs", kpis), SheetSpec("Actions", actions)])
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    out = capsys.readouterr()
    assert "actions" not in json.loads(out.out) and "first period is 2024/25 Q2, after 2024/25 Q1" in out.err
    assert main(["summary", str(path), "--period", "2024/25 Q2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["actions"]["total"] == 4


def test_a_registers_previous_quarter_score_beside_this_quarters_columns(tmp_path, capsys):
    """'Previous Residual Score (Q1)' was a warning offering '@2024/25 Q2'; mapped to Q1 as the header says, the whole
    register moved to Q1. It is the Q1 residual score; the unlabelled columns are the title's Q2; movement follows."""
    rows = [["Corporate Risk Register – Quarter 2 2024/25"], [],
            ["Ref", "Risk", "Owner", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood",
             "Residual score", "Previous Residual Score (Q1)"],
            ["CR01", "Budget gap", "S151 Officer", 5, 5, 5, 4, 20, 16],
            ["CR02", "Cyber attack", "Head of ICT", 5, 4, 5, 3, 15, 15],
            ["CR03", "Workforce", "Head of HR", 4, 4, 3, 3, 9, 12]]
    path = write_workbook(tmp_path / "crr.xlsx", [SheetSpec("CRR", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [str(p) for p in report.warnings]
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["risks"]
    assert doc["period"] == "2024/25 Q2"
    assert doc["movement"]["increased"] == ["CR01"] and doc["movement"]["decreased"] == ["CR03"]
    assert doc["movement"]["unchanged"] == ["CR02"]


def test_period_q1_reads_a_registers_q1_column_and_never_relabels_its_q2_columns(tmp_path, capsys):
    """--period Q1 put the title's Q2 columns under Q1, warned eight times that the workbook disagreed with itself, and
    gave Q2's direction of travel as Q1's movement."""
    rows = [["Corporate Risk Register – Quarter 2 2024/25"], [],
            ["Ref", "Risk", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood", "Residual score",
             "Previous Residual Score (Q1)"],
            ["CR01", "Budget gap", 5, 5, 5, 4, 20, 16], ["CR02", "Cyber attack", 5, 4, 5, 3, 15, 15], ["CR03", "Workforce", 4, 4, 3, 3, 9, 12]]
    path = write_workbook(tmp_path / "crr.xlsx", [SheetSpec("CRR", rows)])
    assert not perfkit.validate(path, period="2024/25 Q1").warnings
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["risks"]
    assert doc["period"] == "2024/25 Q1" and not any(doc["movement"].values())
    assert {b: v["residual"] for b, v in doc["by_rating"].items() if v["residual"]} == {"Very high": 2, "High": 1}


def test_a_capital_programmes_forecast_actual_date_and_this_quarters_rag(tmp_path, capsys):
    """'Forecast / Actual Date' was 'not used', so overdue was counted from the baseline (a third scheme overdue, unsaid);
    'Overall RAG This Qtr' beside 'Overall RAG Last Qtr' was not read at all."""
    rows = [["Capital Programme Highlight Report – Quarter 2 2025/26"], [],
            ["Ref", "Key Milestone", "Project Manager", "Baseline Date", "Forecast / Actual Date", "Overall RAG Last Qtr",
             "Overall RAG This Qtr"],
            ["M001", "Award the leisure contract", "PM1", day(2025, 6, 30), day(2025, 12, 31), "A", "G"],
            ["M002", "Start on site", "PM2", day(2025, 9, 30), day(2025, 11, 30), "G", "A"],
            ["M003", "Public realm phase 1", "PM3", day(2025, 8, 31), day(2025, 8, 31), "A", "R"]]
    path = write_workbook(tmp_path / "capital.xlsx", [SheetSpec("Capital Programme", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2025/26 Q2"
    assert {s: v["count"] for s, v in doc["milestones"]["by_status"].items() if v["count"]} == {"Green": 1, "Amber": 1, "Red": 1}
    ms = perfkit.read_milestones(path)
    q2 = ms[ms.period == ms.period.max()]
    assert sorted(q2.loc[overdue(q2, "2025/26 Q2"), "milestone_id"]) == ["M003"]


def test_a_date_column_that_looks_moved_to_but_is_not_read_is_a_warning(tmp_path):
    rows = [["Plan 2025/26 Q2"], ["Ref", "Milestone", "Due date", "Rescheduled to (if slipped)", "Q2 2025/26 RAG"],
            ["M1", "Open the hub", day(2025, 6, 30), day(2025, 12, 31), "Green"],
            ["M2", "Close the depot", day(2025, 9, 30), None, "Amber"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    said = [p.message for p in perfkit.validate(path).warnings]
    assert any("looks like the date items were moved to, but was not read" in m and "revised_due_date" in m for m in said), said


def test_a_register_alone_asked_for_a_quarter_before_its_assessment_is_refused_saying_so(tmp_path, capsys):
    """A register-only workbook gave its Q2 risks, labelled Q2, for --period Q1, without a word."""
    rows = [["Corporate risks – Quarter 2 2024/25"], [], ["Ref", "Risk", "Likelihood", "Impact", "Residual likelihood", "Residual impact"],
            ["R1", "Budget", 5, 5, 4, 4], ["R2", "Cyber", 4, 3, 3, 4], ["R3", "Workforce", 3, 3, 2, 3]]
    path = write_workbook(tmp_path / "crr.xlsx", [SheetSpec("Risks", rows)])
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 1
    assert "first assessment is for 2024/25 Q2, after 2024/25 Q1" in capsys.readouterr().err


@pytest.mark.parametrize("plan", ["Corporate Delivery Plan 2024-26", "Council Plan 2022-2026", "Corporate Plan 2024-28"])
def test_a_plans_span_of_years_in_the_title_beside_the_quarter_it_reports_is_no_refusal(tmp_path, plan):
    """'London Borough of Anyshire - Corporate Delivery Plan 2024-26' over 'Quarter 2 2024/25 monitoring': the title rows
    were read as '2024-26 quarter 2', refused as spanning two years, naming no cell and no setting that could help."""
    rows = [[f"London Borough of Anyshire - {plan}"], ["Quarter 2 2024/25 monitoring (July - September 2024)"], [],
            ["Ref", "Deliverable", "Target date", "Q1 RAG", "Q2 RAG"],
            ["1.1", "Deliver 250 council homes", day(2026, 3, 31), "G", "G"], ["1.2", "Adopt the housing strategy", day(2024, 9, 30), "A", "R"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Delivery Plan 2024-25", rows)])
    ms = perfkit.read_milestones(path)
    assert sorted(perfkit.period_label(p) for p in ms["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]


def test_a_column_of_text_headed_expected_is_no_date_the_items_were_moved_to(tmp_path):
    """'Expected outcome' (text) beside 'Due date' was warned of as the date items were moved to, which blocked the brief."""
    rows = [["Best Value improvement plan: progress update November 2024"],
            ["Ref", "Action", "Due date", "Expected outcome", "Status"],
            ["1.1", "Refresh the workforce plan", day(2025, 3, 31), "A plan agreed by members", "On target"],
            ["1.2", "Publish locality plans", day(2025, 6, 30), "Plans for each locality", "On target"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    assert not [p for p in perfkit.validate(path).warnings if "moved to" in p.message]


def test_a_title_naming_a_run_of_years_agrees_with_a_sheet_named_for_its_last(tmp_path):
    """'LGBF indicators 2018-19 to 2022-23' on a sheet named 'LGBF 2022-23': the title was read as 2018/19 and a warning
    said it disagreed with the sheet's name, which no perfkit.toml line could clear."""
    rows = [["Kilbrannan Council - LGBF indicators 2018-19 to 2022-23"],
            ["Code", "Indicator", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23"],
            ["CHN4", "% of pupils gaining 5+ awards at level 5", 62, 64, 67, 66, 68]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "apr.xlsx", [SheetSpec("LGBF 2022-23", rows)]))
    assert not [p.message for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_date_in_a_subtitle_does_not_move_the_titles_year(tmp_path):
    """'Tenant Satisfaction Measures 2024/25 - Quarter 2 position' over 'LCRA - 5,214 homes at 31 March 2024': the count's
    date was taken for the quarter reported, the year read as 2023/24, and the services' 'Q2 RAG' filed under 2023/24 Q2
    and set aside, with notes only."""
    rows = [["Tenant Satisfaction Measures 2024/25 - Quarter 2 position"], ["Low cost rental accommodation - 5,214 homes at 31 March 2024"],
            ["TSM ref", "Measure", "Good performance", "2024/25 target", "Q1 2024/25", "Q2 2024/25", "Q2 RAG"],
            ["TP01", "Overall satisfaction (%)", "Higher", 75, 70, 77, "G"], ["TP12", "ASB handling satisfaction (%)", "Higher", 60, 57, 59, "A"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM Q2", rows)]))
    q2 = kp[kp["period"].astype(str) == "2025Q2"]
    assert q2["reported_status"].astype(str).tolist() == ["Green", "Amber"]


def test_annual_indicators_beside_quarterly_milestones_are_said_compared_with_the_year_before(tmp_path):
    """A self-assessment's milestones rated at Q3 and Q4, its indicators annual: the brief said 'Compared with 2023/24
    Q3, the figures of 2 moved in the right direction', while each indicator was compared with 2022/23."""
    from perfkit.present.narrative import measures_paragraph

    steps = [["Corporate plan steps - 2023/24"], ["Ref", "Step", "Lead", "Due date", "Q3 2023/24", "Q4 2023/24"],
             ["1.1", "Open the hub", "Head of Service", day(2024, 3, 31), "Green", "Complete"],
             ["1.2", "Adopt the strategy", "Head of Policy", day(2024, 6, 30), "Amber", "Green"]]
    pis = [["Performance indicators - annual"], ["Ref", "Indicator", "Polarity", "2022/23", "2023/24"],
           ["PI1", "Pupils attending school (%)", "Higher", 92.1, 93.4], ["PI2", "Days to process benefit claims", "Lower", 21, 18]]
    path = write_workbook(tmp_path / "self_assessment_2023-24.xlsx", [SheetSpec("Steps", steps), SheetSpec("Indicators", pis)])
    frames = perfkit.read_workbook(path)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q4")
    text = measures_paragraph(fig)
    assert "Compared with 2022/23 Q4, the figures of 2 moved in the right direction" in text, text


def test_an_annual_reports_title_gives_its_year_as_the_period(tmp_path):
    """'Local Outcomes Improvement Plan: Annual Progress Report 2023/24' with one Progress column was refused as naming no
    quarter, with a quarter offered as the line to type; it reports the year."""
    rows = [["Glenmuir Community Planning Partnership"], ["Local Outcomes Improvement Plan 2023-2033: Annual Progress Report 2023/24"],
            ["No.", "Indicator", "Latest", "Latest period", "Progress"],
            ["1", "Employment rate (aged 16-64)", "74.0%", "2023", "On track"],
            ["2", "Children in relative poverty after housing costs", "24.9%", "2022/23", "Not on track"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "loip.xlsx", [SheetSpec("LOIP indicators", rows)]))
    assert {str(p) for p in kp["period"]} == {"2024Q4"} and set(kp["span"]) == {"year"}
    assert any(p.message.startswith("read as the year 2023/24: its title names an annual report") for p in kp.attrs["problems"])
    assert kp.set_index("measure_id")["reported_status"].astype(str).to_dict() == {"1": "Green", "2": "Red"}


def test_an_improvement_plans_inspection_date_is_not_the_year_it_reports(tmp_path, capsys):
    """'... following the Ofsted ILACS inspection (January 2024)' over 'Quarter 3 update (October - December 2024)': the
    year came from the inspection's date, so the plan was briefed at 2023/24 Q3 with "No actions are overdue" (two were)."""
    rows = [["Children's Services Improvement Plan following the Ofsted ILACS inspection (January 2024)"],
            ["Quarter 3 update (October - December 2024)"], [],
            ["Ref", "Action", "Lead", "Due date", "% complete", "RAG"],
            ["Recommendation 1: Strengthen management oversight"],
            ["1.1", "Audit programme", "Head of QA", day(2024, 6, 30), 1, "Complete"],
            ["1.3", "Supervision policy", "Head of QA", day(2024, 10, 31), 0.6, "Amber"],
            ["Recommendation 2: Care leavers"],
            ["2.2", "Pathway plans", "Head of Care Leavers", day(2024, 9, 30), 0.5, "Red"],
            ["2.3", "Local offer", "Head of Care Leavers", day(2025, 3, 31), 0.2, "Green"]]
    path = write_workbook(tmp_path / "improvement_plan.xlsx", [SheetSpec("Improvement Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert doc["period"] == "2024/25 Q3" and sorted(doc["overdue"]) == ["1.3", "2.2"]


def test_a_previous_twelve_months_column_dated_in_brackets_takes_its_date(tmp_path):
    """A PCC scorecard's 'Previous 12 months (to Sep 2023)' beside 'Baseline (12 months to Mar 2023)': read as the same
    quarter a year before the baseline's (2021/22 Q4), a note only, so the briefing's chart ran from 2021/22 Q4."""
    rows = [["Police and Crime Plan Performance Scorecard – Quarter 2 2024/25 (data to 30 September 2024)"], [],
            ["Ref", "Measure", "Baseline (12 months to Mar 2023)", "Previous 12 months (to Sep 2023)", "Rolling 12 months (to Sep 2024)",
             "Aim", "Assessment"],
            ["PCC1", "All police recorded crime", "61,240", "60,800", "58,312", "Reduce", "Green"],
            ["PCC2", "Residential burglary", "2,104", "2,050", "2,231", "Reduce", "Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)]))
    got = {(m, str(p)): a for m, p, a in zip(kp["measure_id"], kp["period"], kp["actual"])}
    assert got[("PCC2", "2024Q2")] == 2050 and got[("PCC2", "2025Q2")] == 2231
    assert not [p for p in got if p[1] == "2022Q4"]


def test_a_cover_naming_its_quarter_with_the_months_year_gives_the_year_of_q2_columns(tmp_path):
    """A corporate plan tracker: the cover says 'Quarter 2 (July to September 2024)', each priority's sheet heads its
    column 'Q2 status' with no year. Every sheet was refused for want of a year the cover gives."""
    cover = SheetSpec("Cover", [["Corporate Plan 2024-28 - Delivery Tracker"], ["Quarter 2 (July to September 2024)"]])
    rows = [["Thriving Economy - milestones"], ["Ref", "Milestone", "Lead", "Due", "Q2 status", "Q2 commentary"],
            ["TE1", "Open the enterprise hub", "Head of Economy", day(2024, 9, 30), "Complete", ""],
            ["TE2", "Adopt the town centre masterplan", "Head of Planning", day(2024, 12, 31), "On track", ""],
            ["TE3", "Review the business rates relief scheme", "Head of Revenues", day(2024, 8, 31), "Off track", ""]]
    path = write_workbook(tmp_path / "tracker.xlsx", [cover, SheetSpec("Thriving Economy", rows)])
    ms = perfkit.read_milestones(path)
    assert set(ms["period"].map(perfkit.period_label)) == {"2024/25 Q2"}
    said = [p for p in ms.attrs["problems"] if p.column == "year"]
    assert len(said) == 1 and "Cover!A2" in said[0].message and said[0].severity == "info"
    # two quarters of different years named on a cover: no year taken from it (the refusal stands)
    cover.rows.append(["Previous report: Quarter 4 (January to March 2024)"])
    with pytest.raises(perfkit.PerfkitError, match="without a year"):
        perfkit.read_milestones(write_workbook(tmp_path / "two.xlsx", [cover, SheetSpec("Thriving Economy", rows)]))


@pytest.mark.parametrize("title", ["Self-assessment against Well-being Objectives - year end 2023/24",
                                   "Council Plan: 2023/24 year-end position of each step"])
def test_a_title_naming_the_year_end_reports_that_year(tmp_path, title):
    """A Welsh council's self-assessment titled '... year end 2023/24' was refused for want of a quarter, its example
    'period = "2023/24 Q2"' the wrong one for a year-end report."""
    rows = [[title], [], ["Ref", "Step we will take", "Lead officer", "Progress judgement"],
            ["1.1", "Expand Flying Start childcare", "Head of Early Years", "Green"],
            ["1.2", "Deliver the schools programme", "Head of Education", "Amber"],
            ["1.3", "Improve school attendance", "Head of Inclusion", "Red"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "sa.xlsx", [SheetSpec("Self-assessment", rows)]))
    assert set(ms["period"].map(perfkit.period_label)) == {"2023/24 Q4"} and len(ms) == 3


@pytest.mark.parametrize("title", ["Savings 2024/25: Quarter 2", "Corporate KPIs 2024/25 - Quarter 2", "Delivery plan 2024/25 – Q2"])
def test_a_title_straight_above_the_header_names_the_quarter(tmp_path, title):
    """A title in A1 with the header in row 2, '2024/25: Quarter 2': read as a band over the status column, the title was
    lost and the sheet refused as naming no quarter."""
    rows = [[title], ["Ref", "Proposal", "2024/25 target (£000)", "Forecast achieved (£000)", "RAG"],
            ["S1", "Reablement first", 600, 540, "G"], ["S2", "Day services redesign", 400, 250, "A"],
            ["S3", "Transport policy change", 300, 60, "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("KPIs", rows)]))
    assert set(kp["period"].map(perfkit.period_label)) == {"2024/25 Q2"} and len(kp) == 3


def test_a_title_naming_an_inspections_month_and_the_updates_month_reports_the_updates_quarter(tmp_path):
    """'Improvement plan (following Ofsted ILACS inspection, March 2024)' over 'Progress update: September 2024' was
    refused as naming no quarter, though its own message asked for 'September 2024' in the title."""
    rows = [["Children's Services Improvement Plan (following Ofsted ILACS inspection, March 2024)"],
            ["Progress update: September 2024"], [],
            ["Ref", "Action", "Lead", "Deadline", "RAG"],
            ["1.1", "Audit assessments monthly", "Head of Quality", day(2024, 6, 30), "Complete"],
            ["1.2", "Launch supervision policy", "Principal SW", day(2024, 12, 31), "On track"],
            ["1.3", "Recruit two team managers", "Head of HR", day(2024, 8, 31), "Off track"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Improvement Plan", rows)]))
    frame = next(iter(frames.values()))
    assert set(frame["period"].map(perfkit.period_label)) == {"2024/25 Q2"} and len(frame) == 3
