"""Cells as officers type them: figures with their unit, suppressed values, N/A statuses, target wording, pooled years.

Each layout writes its cells from the generator's own items (a figure and the unit it is typed in, a mark and what
statisticians mean by it, a status word and the colour the council means by it) and its truth from those items.
The focused tests below the layouts check the messages: every one names its cell and says what to type.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.core.numbers import parse_number

# ---------------------------------------------------------------------------------------------- what the generators mean

# How a figure is typed with its unit, and the unit the measure then has (where its Unit cell is blank).
TYPED = {
    "kg": (lambda v: f"{v:g} kg", "kg"),
    "tonnes": (lambda v: f"{v:,.0f} tonnes", "tonnes"),
    "days": (lambda v: f"{v:g} days", "days"),
    "hrs": (lambda v: f"{v:g} hrs", "hours"),
    "£m": (lambda v: f"£{v / 1e6:g}m", "£"),
    "k": (lambda v: f"{v / 1e3:g}k", ""),
    "%": (lambda v: f"{v:g}%", "%"),
}

# Marks statisticians put in place of a figure, and what each means (ONS, DfE, Eurostat, Fingertips conventions).
MARKS = {"<5": "suppressed", "*": "suppressed", "c": "suppressed", "[c]": "suppressed", "[x]": "not available",
         "[z]": "not applicable", "..": "not available", ":": "not available", "n/a": "not available or not applicable"}

# How officers word a verdict against target, and the RAG status the council means by it (a KPI's target "Achieved" is Green).
WORDING = {"Slightly below target": "Amber", "Significantly below target": "Red", "Below target": "Red", "On target": "Green",
           "Above target": "Green", "Exceeded": "Green", "Achieved": "Green", "Not achieved": "Red", "Met": "Green",
           "Missed": "Red", "Partially achieved": "Amber"}

RAG = {"G": "Green", "A": "Amber", "R": "Red", "B": "Complete", "Green": "Green", "Amber": "Amber", "Red": "Red",
       "Complete": "Complete", "N/A": "Not applicable", "n/a": "Not applicable", "NA": "Not applicable",
       "Not applicable": "Not applicable"}


def _tally(words, meaning) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in words:
        out[meaning[w]] = out.get(meaning[w], 0) + 1
    return out


# ---------------------------------------------------------------------------------------------- layouts


UNIT_ITEMS = [
    # section, ref, name, the Unit cell, polarity, typed as, target, Q1, Q2
    ("Waste and recycling", "WR01", "Residual household waste per household", "", "Lower", "kg", 120, 118, 121.5),
    ("Waste and recycling", "WR02", "Fly-tipping cleared", "Tonnes", "Higher", "tonnes", 1000, 1234, 980),
    ("Customer services", "CS01", "Average days to process new benefit claims", "", "Lower", "days", 20, 18, 12),
    ("Customer services", "CS02", "Average time to answer a complaint", "", "Lower", "hrs", 4, 4.5, 3.25),
    ("Resources", "FN01", "Business rates collected", "", "Higher", "£m", 1_200_000, 1_150_000, 1_300_000),
    ("Resources", "FN02", "Transactions made online", "Number", "Higher", "k", 3500, 3200, 3900),
    ("Resources", "FN03", "Invoices paid within 30 days", "", "Higher", "%", 95, 79, 96.5),
]


@layout("cells", "figures typed with their unit")
def build_units(folder):
    rows = [["Environment and Resources Directorate"], ["KPI scorecard 2024/25"], [],
            ["PI Ref", "Performance Indicator", "Unit", "Good is", "2024/25 Target", "Q1 Actual", "Q2 Actual", "Q3 Actual",
             "Q4 Actual", "Comments"]]
    section = None
    units, actuals, targets = [], [], []
    for sec, ref, name, unit_cell, polarity, typed, target, q1, q2 in UNIT_ITEMS:
        if sec != section:
            rows.append([sec])
            section = sec
        write, unit = TYPED[typed]
        rows.append([ref, name, unit_cell or None, polarity, write(target), write(q1), write(q2), None, None, "Update from service"])
        units.append(unit_cell or unit)
        actuals.append(float(q1))
        targets.append(float(target))
    rows += [[], ["Source: service returns, collated by the Performance Team"]]
    path = write_workbook(folder / "kpi_scorecard_2024-25.xlsx", [SheetSpec("Scorecard", rows, merges=["A1:J1", "A2:J2"])])
    return path, Truth({"measures": len(UNIT_ITEMS)}, columns={"measures": {"unit": units, "actual": actuals, "target": targets}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


SUPPRESSED_ITEMS = [
    ("HW01", "Smoking quitters at four weeks", "Higher", 250, 262),
    ("HW02", "Children in need per 10,000", "Lower", 320, "<5"),
    ("HW03", "Under-18 conceptions", "Lower", 12, "*"),
    ("HW04", "Looked after children placed out of area", "Lower", 30, "c"),
    ("HW05", "Care leavers in suitable accommodation", "Higher", 90, "[c]"),
    ("HW06", "Alcohol-related admissions", "Lower", 600, "[x]"),
    ("HW07", "Delayed transfers of care", "Lower", 5, "[z]"),
    ("HW08", "Excess weight in adults", "Lower", 60, ".."),
    ("HW09", "Physically active adults", "Higher", 65, ":"),
    ("HW10", "Successful drug treatment completions", "Higher", 20, "n/a"),
    ("HW11", "Health checks taken up", "Higher", 45, 48.2),
]


@layout("cells", "suppressed values in a health scorecard")
def build_suppressed(folder):
    rows = [["Health and Wellbeing Board: performance report"], ["Quarter 2 2024/25 (July to September)"], [],
            ["Ref", "Indicator", "Polarity", "Target", "Actual", "Commentary"]]
    reasons = []
    for ref, name, polarity, target, actual in SUPPRESSED_ITEMS:
        rows.append([ref, name, polarity, target, actual, "Published figure"])
        reasons.append(MARKS.get(actual, "") if isinstance(actual, str) else "")
    rows += [[], ["Key: <5, * and [c] are small numbers withheld to protect individuals; [x] and .. are not available; [z] is not applicable"]]
    path = write_workbook(folder / "hwb_report.xlsx", [SheetSpec("Indicators", rows)])
    return path, Truth({"measures": len(SUPPRESSED_ITEMS)}, columns={"measures": {"missing_reason": reasons}},
                       periods={"measures": ["2024/25 Q2"]})


NA_ITEMS = {
    "Priority 1: Thriving places": [("P1.1", "G", "G"), ("P1.2", "A", "N/A"), ("P1.3", "G", "n/a"), ("P1.4", "R", "A")],
    "Priority 2: Healthy people": [("P2.1", "G", "B"), ("P2.2", "N/A", "NA"), ("P2.3", "A", "R")],
    "Priority 3: A council fit for the future": [("P3.1", "G", "Not applicable"), ("P3.2", "G", "G")],
}


@layout("cells", "N/A statuses in a milestone tracker")
def build_na(folder):
    rows = [["Corporate Plan Delivery Tracker 2024/25"], [],
            ["Ref", "Milestone", "Lead", "Target date", "Q1 RAG", "Q2 RAG", "Q2 update"]]
    q2, priorities = [], []
    for priority, items in NA_ITEMS.items():
        rows.append([priority])
        for ref, s1, s2 in items:
            rows.append([ref, f"Deliver milestone {ref}", "Director", day(2025, 3, 31), s1, s2, "Update"])
            q2.append(s2)
            priorities.append(priority.split(": ", 1)[1])
    rows += [[], ["Key: G = on track, A = some slippage, R = off track, B = complete, N/A = not applicable this quarter"]]
    path = write_workbook(folder / "corporate_tracker.xlsx", [SheetSpec("Tracker", rows, merges=["A1:G1"])])
    return path, Truth({"milestones": len(q2)}, "2024/25 Q2", {"milestones": _tally(q2, RAG)},
                       {"milestones": {"priority": priorities}}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


WORDED_ITEMS = [
    ("ASC1", "Adults supported to live at home", "Higher", 85, 84, "Slightly below target"),
    ("ASC2", "Reviews completed on time", "Higher", 90, 61, "Significantly below target"),
    ("ASC3", "Safeguarding enquiries concluded in 28 days", "Higher", 80, 72, "Below target"),
    ("ASC4", "Carers assessed", "Higher", 400, 402, "On target"),
    ("ASC5", "Reablement: at home after 91 days", "Higher", 82, 88, "Above target"),
    ("ASC6", "Direct payments take-up", "Higher", 30, 35, "Exceeded"),
    ("ASC7", "Residential admissions (65+) per 100,000", "Lower", 600, 540, "Met"),
    ("ASC8", "Delayed discharges", "Lower", 10, 14, "Missed"),
    ("ASC9", "Annual care home inspections completed", "Higher", 100, 100, "Achieved"),
    ("ASC10", "Respite nights provided", "Higher", 1200, 950, "Not achieved"),
]


@layout("cells", "target wording in a KPI return")
def build_wording(folder):
    rows = [["Adult Social Care performance return"], ["Position at end of September 2024 (2024/25 Q2)"], [],
            ["KPI ref", "KPI description", "Polarity", "Target", "Performance", "Performance status", "Comments"]]
    for ref, name, polarity, target, actual, word in WORDED_ITEMS:
        rows.append([ref, name, polarity, target, actual, word, "Commentary from service"])
    path = write_workbook(folder / "asc_return.xlsx", [SheetSpec("ASC KPIs", rows)])
    return path, Truth({"measures": len(WORDED_ITEMS)}, columns={"measures": {
        "reported_status": [WORDING[w] for *_, w in WORDED_ITEMS], "actual": [float(a) for *_, a, _ in WORDED_ITEMS]}},
        periods={"measures": ["2024/25 Q2"]})


POOLED_ITEMS = [
    # name, polarity, two pooled three-year figures, then two financial years
    ("Under 75 mortality from cardiovascular disease", "Lower", 78.1, 76.4, 74.0, 72.9),
    ("Suicide rate per 100,000", "Lower", 10.2, 10.5, 11.1, 10.8),
    ("Killed or seriously injured on roads", "Lower", 41.0, 39.5, 37.2, 35.8),
]


@layout("cells", "pooled years beside financial years")
def build_pooled_headers(folder):
    rows = [["Public health outcomes: local extract"], [],
            ["Indicator", "Polarity", "2016 - 18", "2017 - 19", "2021/22", "2022/23"]]
    for name, polarity, *values in POOLED_ITEMS:
        rows.append([name, polarity, *values])
    rows += [[], ["Source: OHID Fingertips. Three-year figures are pooled calendar years."]]
    path = write_workbook(folder / "phof_extract.xlsx", [SheetSpec("Outcomes", rows)])
    return path, Truth({"measures": len(POOLED_ITEMS)}, columns={"measures": {"actual": [float(v[4]) for v in POOLED_ITEMS]}},
                       periods={"measures": ["2021/22 Q4", "2022/23 Q4"]})


LONG_ITEMS = {
    "Recorded crime per 1,000 population": ("Lower", {"2019-20": 61.0, "2020-21": 55.2, "2021-22": 58.9, "2017-19": 60.1}),
    "Anti-social behaviour incidents": ("Lower", {"2019-20": 5200, "2020-21": 6100, "2021-22": 4800, "2009-11": 7100}),
}


@layout("cells", "a period column with pooled rows")
def build_pooled_rows(folder):
    rows = [["Community safety: annual figures"], [], ["Indicator", "Good is", "Year", "Value"]]
    for name, (polarity, values) in LONG_ITEMS.items():
        for year, value in values.items():
            rows.append([name, polarity, year, value])
    path = write_workbook(folder / "community_safety.xlsx", [SheetSpec("Annual", rows)])
    years = sorted({y for _, v in LONG_ITEMS.values() for y in v if int(y[5:]) == (int(y[:4]) + 1) % 100})
    first = [next(v for y, v in values.items() if y in years) for _, values in LONG_ITEMS.values()]
    return path, Truth({"measures": len(LONG_ITEMS)}, columns={"measures": {"actual": [float(v) for v in first]}},
                       periods={"measures": [f"{y[:4]}/{y[5:]} Q4" for y in years]})


REVIEW_ITEMS = [
    ("Housing", "H1", "Adopt the homelessness strategy", "Achieved"),
    ("Housing", "H2", "Open the new temporary accommodation", "Not achieved"),
    ("Housing", "H3", "Launch the landlord licensing scheme", "Partially achieved"),
    ("Leisure", "L1", "Reopen the lido", "Achieved"),
    ("Leisure", "L2", "Procure the leisure contract", "N/A"),
    ("Leisure", "L3", "Refurbish the library", "Not achieved"),
]


@layout("cells", "year-end review in achieved or not")
def build_review(folder):
    rows = [["Service plan 2023/24: year-end review"], [],
            ["Service", "Ref", "Action", "Due", "Q4 Status", "Comment"]]
    for service, ref, title, word in REVIEW_ITEMS:
        rows.append([service, ref, title, day(2024, 3, 31), word, "Year-end position"])
    meaning = {**WORDING, "Achieved": "Complete", **RAG}  # a milestone achieved is complete
    path = write_workbook(folder / "service_plan_review.xlsx", [SheetSpec("Year end", rows)])
    return path, Truth({"milestones": len(REVIEW_ITEMS)}, "2023/24 Q4", {"milestones": _tally([w for *_, w in REVIEW_ITEMS], meaning)},
                       periods={"milestones": ["2023/24 Q4"]})


# ---------------------------------------------------------------------------------------------- focused tests


def _problems(frame, severity=None):
    return [p for p in frame.attrs["problems"] if severity is None or p.severity == severity]


def test_a_unit_typed_in_the_cells_is_the_measures_unit_and_said_aloud(tmp_path):
    path, _ = build_units(tmp_path)
    kp = perfkit.read_measures(path)
    notes = [str(p) for p in _problems(kp, "info") if p.column == "unit"]
    assert any("Scorecard!E6" in n and "'kg'" in n and "'120 kg'" in n for n in notes), notes
    wr01 = kp[kp["measure_id"] == "WR01"]
    assert list(wr01["actual"]) == [118.0, 121.5] and set(wr01["unit"]) == {"kg"}
    assert not _problems(kp, "warning") or all(p.column != "unit" for p in _problems(kp, "warning"))


def test_a_unit_that_disagrees_with_the_measures_is_a_warning_naming_the_cell(tmp_path):
    rows = [["Waste KPIs 2024/25 Q2"], ["Ref", "Indicator", "Unit", "Target", "Actual"],
            ["W1", "Residual waste per household", "Tonnes", "120 kg", "118 kg"],
            ["W2", "Days to collect missed bins", "Days", "2 days", "3 days"]]
    path = write_workbook(tmp_path / "waste.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    warned = [str(p) for p in _problems(kp, "warning") if p.column == "unit"]
    assert len(warned) == 1 and warned[0].startswith("KPIs!D3:") and "'120 kg' is typed in kg" in warned[0] and "'Tonnes'" in warned[0]
    assert list(kp["unit"]) == ["Tonnes", "Days"] and list(kp["actual"]) == [118.0, 3.0]


def test_figures_typed_in_different_units_are_a_warning(tmp_path):
    rows = [["Repairs KPIs 2024/25"], ["Ref", "Indicator", "Q1 Actual", "Q2 Actual"], ["R1", "Time to complete urgent repairs", "4 hrs", "2 days"]]
    path = write_workbook(tmp_path / "repairs.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    warned = [str(p) for p in _problems(kp, "warning") if p.column == "unit"]
    assert len(warned) == 1 and "'4 hrs' at KPIs!C3" in warned[0] and "'2 days' at KPIs!D3" in warned[0] and "one unit" in warned[0]


def test_weeks_beside_days_and_hours_beside_minutes_are_one_unit_said_at_the_cell(tmp_path):
    """A public health return's target '2 weeks' beside actuals '16 days' and '12 days' was warned as not comparable; weeks
    are seven days, so the target is 14 days (12 meets it). The same figure typed two ways stays a warning."""
    rows = [["KPIs 2024/25 Q2"], ["Ref", "Indicator", "Unit", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["K1", "Average wait for alcohol treatment", None, "Lower", "2 weeks", "16 days", "12 days"],
            ["K2", "Average time to re-let homes", "Days", "Lower", "3 weeks", 25, 20],
            ["K3", "Response to urgent calls", None, "Lower", "1 hour", "50 mins", "70 mins"],
            ["K4", "Wait for an assessment", "Days", "Lower", "2 weeks", "2 days", 12]]
    kp = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "k.xlsx", [SheetSpec("KPIs", rows)])))
    q2 = kp[kp["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert q2["target"].to_dict() == {"K1": 14, "K2": 21, "K3": 60, "K4": 2}
    assert q2["unit"].to_dict() == {"K1": "days", "K2": "Days", "K3": "minutes", "K4": "Days"}
    assert q2["status"].astype(str).to_dict()["K1"] == "Green" and q2["status"].astype(str).to_dict()["K3"] == "Red"
    said = {p.source: (p.severity, p.message) for p in kp.attrs["problems"] if p.column == "unit"}
    assert said["KPIs!E3"] == ("info", "Average wait for alcohol treatment: '2 weeks' read as 14 days, the smaller unit its figures are typed in")
    assert said["KPIs!E4"][0] == "info" and "'3 weeks' read as 21 days, the unit of the measure" in said["KPIs!E4"][1]
    assert said["KPIs!E6"][0] == "warning"  # '2 weeks' beside '2 days': which 2 is which is not sure


def test_fractions_typed_as_text_beside_a_target_typed_as_a_percentage_are_that_percentage(tmp_path):
    """'0.82' and '0.87' under a target of '85%' were read as 0.82 against 85 (the brief would say so); a turnover of
    '0.5' against '2%' is a half per cent, kept as typed."""
    rows = [["Scorecard 2024/25"], ["PI Ref", "Performance indicator", "Good performance is", "Target 2024/25", "Q1 Actual", "Q2 Actual"],
            ["ASC01", "Assessments completed within 28 days", "High", "85%", "0.82", "0.87"],
            ["HR02", "Staff turnover in month", "Low", "2%", "0.5", "0.8"],
            ["PH01", "Health checks offered", "High", "20%", "19%", "18%"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path).set_index(["measure_id", "period"])["actual"].groupby(level=0).apply(list).to_dict()
    assert kp == {"ASC01": [82, 87], "HR02": [0.5, 0.8], "PH01": [19, 18]}


def test_a_suppressed_value_is_missing_with_its_reason_never_the_threshold(tmp_path):
    path, _ = build_suppressed(tmp_path)
    kp = perfkit.read_measures(path)
    hw02 = kp[kp["measure_id"] == "HW02"].iloc[0]
    assert math.isnan(hw02["actual"]) and hw02["missing_reason"] == "suppressed"
    notes = {p.source: p.message for p in _problems(kp, "info") if p.column == "actual"}
    assert "never as 5" in notes["Indicators!E6"] and "suppressed" in notes["Indicators!E6"]
    assert "not applicable" in notes["Indicators!E11"]  # [z]
    assert not [p for p in kp.attrs["problems"] if p.severity == "error"]
    assert kp.loc[kp["measure_id"] == "HW11", "actual"].iloc[0] == 48.2


def test_a_quarter_column_of_dashes_is_not_reported_yet(tmp_path):
    rows = [["KPIs 2024/25"], ["Ref", "Indicator", "Target", "Q1 Actual", "Q2 Actual", "Q3 Actual"],
            ["K1", "Visits", 100, 90, 120, "-"], ["K2", "Calls", 50, 40, 55, "TBC"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert sorted(perfkit.period_label(p) for p in kp["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    assert any(p.source == "KPIs!F2" and "not reported yet" in p.message for p in _problems(kp, "info"))


def test_na_is_not_applicable_counted_apart_and_out_of_the_percentage(tmp_path, capsys):
    from perfkit.cli import main

    path, truth = build_na(tmp_path)
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]
    assert int((q2["status"] == "Not applicable").sum()) == truth.statuses["milestones"]["Not applicable"] == 4
    assert not (q2["status"] == "Not due").any()
    assert main(["summary", "--json", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    rated = sum(n for s, n in truth.statuses["milestones"].items() if s != "Not applicable")
    good = truth.statuses["milestones"].get("Green", 0) + truth.statuses["milestones"].get("Complete", 0)
    assert doc["rated"] == rated and doc["by_status"]["Not applicable"] == {"count": 4, "percent": None}
    assert doc["progressing_well"]["percent"] == round(100 * good / rated)
    assert main(["summary", str(path)]) == 0
    assert "4 marked not applicable" in capsys.readouterr().out


def test_target_wording_is_read_and_said_aloud_once_per_word(tmp_path):
    path, _ = build_wording(tmp_path)
    kp = perfkit.read_measures(path)
    notes = [p for p in _problems(kp, "info") if p.column == "reported_status"]
    said = {p.value: p.message for p in notes}
    assert said["Slightly below target"] == "status 'Slightly below target' read as Amber on the RAG scale (1 cell)"
    assert set(said) == {w for *_, w in WORDED_ITEMS}


def test_a_measure_reported_achieved_that_meets_its_target_agrees(tmp_path):
    path, _ = build_wording(tmp_path)
    assessed = perfkit.assess_measures(perfkit.read_measures(path))
    asc9 = assessed[assessed["measure_id"] == "ASC9"].iloc[0]
    assert str(asc9["reported_status"]) == "Green" and str(asc9["status"]) == "Green" and not asc9["status_differs"]
    asc10 = assessed[assessed["measure_id"] == "ASC10"].iloc[0]
    assert str(asc10["status"]) == "Red" and not asc10["status_differs"]


def test_pooled_year_headers_beside_years_are_left_out_with_the_line_to_type(tmp_path):
    path, _ = build_pooled_headers(tmp_path)
    kp = perfkit.read_measures(path)
    warned = [p for p in _problems(kp, "warning") if "pooled" in p.message]
    assert len(warned) == 1 and warned[0].source == "Outcomes!C3:D3"
    assert '"2016 - 18" = "ignore"' in warned[0].message and '[sheets."Outcomes".columns]' in warned[0].message
    (tmp_path / "perfkit.toml").write_text('[sheets."Outcomes".columns]\n"2016 - 18" = "ignore"\n"2017 - 19" = "ignore"\n', encoding="utf-8")
    again = perfkit.read_measures(path)
    assert not [p for p in _problems(again, "warning") if "pooled" in p.message]


@pytest.mark.parametrize("headers", [["2009-11", "2010-12", "2011-13"], ["2014 - 16", "2015 - 17", "2016 - 18"]])
def test_only_pooled_year_headers_are_refused_with_one_message(tmp_path, headers):
    rows = [["Fingertips extract"], ["Indicator", "Polarity", *headers], ["Infant mortality", "Lower", 4.1, 3.9, 3.8]]
    path = write_workbook(tmp_path / "extract.xlsx", [SheetSpec("Data", rows)])
    with pytest.raises(perfkit.ValidationError) as info:
        perfkit.read_workbook(path)
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].source == "Data!C2:E2"
    assert "calendar years pooled" in errors[0].message and "November" not in errors[0].message.split("not a month")[0]
    assert f'"{headers[0]}" = "ignore"' in errors[0].message and 'kind = "ignore"' in errors[0].message


def test_pooled_years_beside_englands_figure_are_refused_as_pooled_never_as_a_sheet_naming_no_quarter(tmp_path):
    """'2021-23 | 2022-24 | England 2022-24': refused first as 'one status column and names no quarter' (it has none), then,
    once a quarter was typed, offered 'England 2022-24' = 'actual@...', England's figure as the council's own."""
    rows = [["Public Health Outcomes - district profile"], [], ["Indicator", "Polarity", "2021-23", "2022-24", "England 2022-24"],
            ["Suicide rate (per 100,000)", "Low", 10.9, 10.2, 10.7], ["Life expectancy at birth: females (years)", "High", 83.1, 83.4, 83.2]]
    path = write_workbook(tmp_path / "phof.xlsx", [SheetSpec("PHOF", rows)])
    with pytest.raises(perfkit.ValidationError) as info:
        perfkit.read_workbook(path)
    said = " ".join(p.message for p in info.value.problems)
    assert "calendar years pooled" in said and '"England 2022-24" = "actual' not in said
    assert "names no quarter" not in said


def test_a_period_column_of_pooled_years_is_refused_naming_the_cells(tmp_path):
    rows = [["Indicator", "Period", "Value"]] + [["Infant mortality", p, v] for p, v in (("2009-11", 4.1), ("2010-12", 3.9))]
    path = write_workbook(tmp_path / "long.xlsx", [SheetSpec("Data", rows)])
    with pytest.raises(perfkit.ValidationError) as info:
        perfkit.read_workbook(path)
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].source == "Data!B2:B3" and 'kind = "ignore"' in errors[0].message


def test_a_calendar_year_in_a_period_column_is_refused_with_the_lines_to_type(tmp_path):
    """'2023' among public health indicators' own periods: 'cannot read '2023' as a period', and no line to type."""
    rows = [["Indicator", "Period", "Value"], ["Smoking prevalence (%)", "2022/23", 12.1], ["Excess weight in adults (%)", "2023", 64.2]]
    path = write_workbook(tmp_path / "long.xlsx", [SheetSpec("Health indicators", rows)])
    with pytest.raises(perfkit.ValidationError) as info:
        perfkit.read_workbook(path)
    errors = [p for p in info.value.problems if p.severity == "error"]
    assert [p.source for p in errors] == ["Health indicators!B3"]
    assert "calendar year" in errors[0].message and "2023/24" in errors[0].message
    assert '[sheets."Health indicators"] kind = "ignore"' in errors[0].message


def test_pooled_rows_among_years_are_left_out_and_said(tmp_path):
    path, truth = build_pooled_rows(tmp_path)
    kp = perfkit.read_measures(path)
    warned = [p for p in _problems(kp, "warning") if "pool" in p.message]
    assert len(warned) == 1 and "'2017-19'" in warned[0].message and "'2009-11'" in warned[0].message
    assert warned[0].source.startswith("Annual!C")
    assert not (kp["period"] == perfkit.parse_period("2009/10 Q3")).any()  # never November 2009


@settings(max_examples=60, deadline=None)
@given(value=st.decimals(min_value=0, max_value=99999, places=1).map(float),
       unit=st.sampled_from([("days", "days"), ("day", "days"), ("hrs", "hours"), ("hours", "hours"), ("kg", "kg"),
                             ("tonnes", "tonnes"), ("Tonnes", "tonnes"), ("weeks", "weeks"), ("mins", "minutes")]),
       space=st.sampled_from(["", " ", "  "]), comma=st.booleans())
def test_any_figure_typed_with_a_unit_reads_as_itself(value, unit, space, comma):
    typed = (f"{value:,}" if comma else f"{value}") + space + unit[0]
    parsed = parse_number(typed)
    assert parsed.value == pytest.approx(value) and parsed.unit == unit[1] and parsed.missing == ""


def test_a_measure_the_service_calls_na_with_no_figure_agrees(tmp_path):
    rows = [["Quarter 2 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Actual", "RAG"],
            ["K1", "Visits", "Higher", 100, "[x]", "N/A"], ["K2", "Calls", "Higher", 100, 120, "N/A"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    assessed = perfkit.assess_measures(perfkit.read_measures(path)).set_index("measure_id")
    assert str(assessed.loc["K1", "reported_status"]) == "Not applicable" and not assessed.loc["K1", "status_differs"]
    assert assessed.loc["K2", "status_differs"]  # N/A beside a figure that meets its target is worth a question


def test_a_long_table_says_a_typed_unit_once_and_warns_where_rows_differ(tmp_path):
    rows = [["Indicator", "Quarter", "Actual"], ["Days to re-let homes", "2024/25 Q1", "30 days"],
            ["Days to re-let homes", "2024/25 Q2", "28 days"], ["Days to re-let homes", "2024/25 Q3", "4 weeks"]]
    path = write_workbook(tmp_path / "long.xlsx", [SheetSpec("Housing", rows)])
    kp = perfkit.read_measures(path)
    said = [p for p in kp.attrs["problems"] if p.column == "unit"]
    assert [p.severity for p in said] == ["info", "warning"]
    assert said[0].source == "Housing!C2" and said[1].source == "Housing!C4" and "'30 days' at Housing!C2" in said[1].message


def test_perfkit_init_writes_pooled_columns_as_ignore_and_validate_accepts_it(tmp_path):
    from perfkit.cli.starter import starter_text

    path, _ = build_pooled_headers(tmp_path)
    text = starter_text(path)
    assert '"2016 - 18" = "ignore"   # 2016 to 2018 pooled' in text and '"2021/22" = "actual@2021/22"' in text
    (tmp_path / "perfkit.toml").write_text(text, encoding="utf-8")
    report = perfkit.validate(path)
    assert not report.errors and not [p for p in report if p.severity == "warning"]


@pytest.mark.parametrize("unit, typed, warned", [("Days", "79%", True), ("%", "12 days", True), ("% of homes", "79%", False),
                                                 ("Cost per visit (£)", "£12.50", False), ("Number of days", "12 days", False),
                                                 ("kg per household", "118 kg", False), ("Tonnes", "118 kg", True)])
def test_a_typed_unit_is_checked_against_the_measures_unit(tmp_path, unit, typed, warned):
    rows = [["KPIs 2024/25 Q2"], ["Ref", "Indicator", "Unit", "Actual"], ["K1", "A measure", unit, typed]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    said = [p for p in kp.attrs["problems"] if p.column == "unit" and p.severity == "warning"]
    assert bool(said) == warned and (not said or said[0].source == "KPIs!D3")
    assert kp["unit"].iloc[0] == unit and kp["actual"].iloc[0] == parse_number(typed).value


def test_money_typed_with_its_multiplier_under_a_unit_of_millions_is_in_pounds(tmp_path):
    rows = [["Corporate KPIs Quarter 2 2024/25"], ["Ref", "Measure", "Unit", "Polarity", "Target", "Q1", "Q2"],
            ["K1", "Income from leisure centres", "£m", "Higher", "£1.2m", "£1.25m", "£1.1m"],
            ["K2", "Capital spend", "£m", "Higher", 1.2, "£1.25m", 1.1]]
    path = write_workbook(tmp_path / "k.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path).set_index(["measure_id", "period"])
    k1 = kp.loc[("K1", perfkit.parse_period("2024/25 Q2"))]
    assert (k1["actual"], k1["target"], k1["unit"]) == (1_100_000, 1_200_000, "£")  # never "£1,200,000m"
    # '£1.25m' beside plain 1.2 and 1.1 under '£m': its multiplier says its size, read in the column's millions as they are
    k2 = kp.loc["K2"]
    assert list(k2["actual"]) == [1.25, 1.1] and set(k2["unit"]) == {"£m"}
    said = [p for p in perfkit.read_measures(path).attrs["problems"] if "Capital spend: '£1.25m'" in p.message]
    assert [p.severity for p in said] == ["info"] and "read as 1.25 in £m" in said[0].message


def test_a_measure_named_as_a_percentage_is_shown_as_one(tmp_path):
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2"],
            ["K1", "% of calls answered in 60 seconds", "Higher", 80, 72, 85], ["K2", "Recycling rate (%)", "Higher", 45, 46, 44],
            ["K3", "Missed bins per 100,000", "Lower", 50, 45, 60]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path).drop_duplicates("measure_id").set_index("measure_id")
    assert dict(kp["unit"]) == {"K1": "%", "K2": "%", "K3": ""} and kp.loc["K1", "target"] == 80


@pytest.mark.parametrize("typed", ["Data not yet available", "Awaited", "Data due Nov", "Due November", "To follow",
                                   "Awaiting data from DWP", "Figures available in November"])
def test_a_figure_not_in_yet_is_missing_with_its_reason_never_a_refusal(tmp_path, typed):
    """'Data not yet available' in a district council's Q2 actual refused the sheet ('is not a number') with no line to
    type; 'TBC' beside it was read as missing. Words that say the figure is not in yet are a missing figure, said so."""
    rows = [["Quarterly performance report 2024/25"], ["PI Ref", "Indicator", "Good is", "Target", "Q1 Actual", "Q2 Actual"],
            ["PL01", "Major applications on time (%)", "High", 60, 70, 65], ["PL03", "Appeals allowed (%)", "Low", 30, 25, typed]]
    path = write_workbook(tmp_path / "pi.xlsx", [SheetSpec("Q2", rows)])
    measures = perfkit.read_measures(path)
    q2 = measures[measures["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")
    assert math.isnan(q2.loc["PL03", "actual"]) and q2.loc["PL03", "missing_reason"] == "not yet available"
    note = next(p for p in measures.attrs["problems"] if p.source == "Q2!F4")
    assert note.severity == "info" and note.message.endswith("is not yet available: recorded as missing")
    assert parse_number("About ninety").missing == "text"  # any other words are still not a number


def test_a_time_typed_as_two_parts_reads_as_its_measures_name_says_else_asks(tmp_path):
    """'0:48' typed under 'Average webchat wait (m:ss)' beside Excel times formatted mm:ss stopped the read with
    "actual '0:48' is not a number". The name says minutes and seconds; with no such word it is an error giving what to type."""
    import datetime as dt

    rows = [["Customer Services dashboard 2024/25"], ["Quarter 2"], [],
            ["Ref", "Measure", "Good is", "Target", "Q1", "Q2"],
            ["CS03", "Average speed of answer (mm:ss)", "Low", dt.time(0, 2), dt.time(0, 2, 4), dt.time(0, 2, 55)],
            ["CS05", "Average webchat wait (m:ss)", "Low", "1:00", "0:48", "0:58"],
            ["CS06", "Average time to close a report (hh:mm)", "Low", "2:00", "1:45", "2:30"]]
    path = write_workbook(tmp_path / "dashboard.xlsx", [SheetSpec("Dashboard", rows)])
    m = perfkit.read_measures(path)
    q2 = m[m["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2.loc["CS03", "actual"] == pytest.approx(2 + 55 / 60, abs=1e-3) and q2.loc["CS05", "actual"] == pytest.approx(58 / 60, abs=1e-3)
    assert q2.loc["CS05", "target"] == 1.0 and q2.loc["CS06", "actual"] == 150.0 and q2.loc["CS06", "target"] == 120.0
    rows[5][1] = "Average webchat wait"
    with pytest.raises(perfkit.ValidationError) as err:
        perfkit.read_measures(write_workbook(tmp_path / "unsaid.xlsx", [SheetSpec("Dashboard", rows)]))
    said = {p.source: p.message for p in err.value.problems if p.severity == "error"}
    assert said["Dashboard!E6"] == ("actual '0:48' could be minutes and seconds or hours and minutes: type it as 0m 48s or "
                                    "0h 48m, or say which in the measure's name ('(m:ss)' or '(h:mm)')")


def test_a_cost_named_in_pounds_is_shown_in_pounds_and_pence(tmp_path):
    """'Home care costs per hour for people aged 65 or over (£)' at 33.95 was shown in the brief as '34', with no £."""
    from perfkit.present.text import amount_text, number_text

    rows = [["Benchmarking indicators 2023/24"], ["Code", "Indicator", "2022/23", "2023/24"],
            ["SW1", "Home care costs per hour for people aged 65 or over (£)", 31.2, 33.95],
            ["ENV1a", "Net cost of waste collection per premise (£)", 74.8, 79.12]]
    m = perfkit.read_measures(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("Indicators", rows)]))
    units = m.drop_duplicates("measure_id").set_index("measure_id")["unit"]
    assert units.to_dict() == {"SW1": "£", "ENV1a": "£"}
    assert number_text(33.95, "£") == "£33.95" and amount_text(79.12, "£") == "£79.12" and number_text(6432, "£") == "£6,432"


def test_nya_maintain_and_a_bound_per_quarter_read_and_a_glossary_line_asks_nothing(tmp_path):
    """'NYA' as an actual, 'Maintain' and '>= 1,500 per quarter' as targets stopped the read with 'is not a number' and
    no line to type; the key's 'NYA = not yet available' was warned as a status word to place ("NYA" = "Amber")."""
    rows = [["Partnership scorecard, Quarter 2 2024/25"], ["Ref", "Indicator", "Good is", "Target", "Q1", "Q2", "RAG"],
            ["P1", "Home fire safety visits", "High", ">= 1,500 per quarter", 1620, 1480, "A"],
            ["P2", "Staff sickness (days per FTE)", "Low", "Maintain", 2.1, 2.3, None],
            ["P3", "Delayed discharges", "Low", 20, 18, "NYA", None],
            [], ["Key"], ["G = on or better than target"], ["A = within 5% of target"], ["R = more than 5% off target"],
            ["NYA = not yet available"], ["PAM = Public Accountability Measure"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    q2 = m[m["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2.loc["P1", "target"] == 1500 and math.isnan(q2.loc["P2", "target"]) and math.isnan(q2.loc["P3", "actual"])
    assert q2.loc["P3", "missing_reason"] == "not yet available"
    assert not [p.message for p in m.attrs["problems"] if p.severity != "info"]


def test_an_annual_measure_rated_n_a_this_quarter_is_counted_as_not_applicable(tmp_path):
    """An annual survey measure, its Q1 and Q2 blank and the quarter's RAG 'N/A': it vanished from Q2 with no word (15
    measures, where the report lists 16)."""
    rows = [["Council Plan performance, Quarter 2 2024/25"],
            ["Ref", "Indicator", "Good is", "Frequency", "2024/25 target", "Q1 2024/25", "Q2 2024/25", "RAG", "Commentary"],
            ["OF1.1", "Adults satisfied with their care (%)", "High", "Annual", 45, None, None, "N/A", "Annual survey, reported in Q4"],
            ["OF1.2", "Permanent admissions to care homes", "Low", "Quarterly", 590, 604, 583.5, "G", None]]
    m = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Outcomes", rows)]))
    q2 = m[m["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert sorted(q2.index) == ["OF1.1", "OF1.2"] and q2.loc["OF1.1", "reported_status"] == "Not applicable"


def test_an_annual_measure_with_last_years_outturn_and_no_q1_row_is_not_comparable_never_new(tmp_path):
    """An annual survey measure with its 2023/24 outturn, no Q1 row and 'N/A' at Q2 was counted 'new' since Q1."""
    rows = [["Council Plan performance, Quarter 2 2024/25"],
            ["Ref", "Indicator", "Good is", "Frequency", "2023/24 outturn", "2024/25 target", "Q1 2024/25", "Q2 2024/25", "RAG"],
            ["OF1.1", "Adults satisfied with their care (%)", "High", "Annual", 44.1, 45, None, None, "N/A"],
            ["OF1.2", "Permanent admissions to care homes", "Low", "Quarterly", 612.3, 590, 604, 583.5, "G"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Outcomes", rows)]))
    doc = perfkit.quarter_figures(None, m, "2024/25 Q2").to_dict()
    assert doc["changes"]["measures"]["new"] == 0 and doc["changes"]["measures"]["not comparable"] == 1


def test_a_unit_the_measures_name_uses_is_read_and_monitor_is_data_only(tmp_path):
    """A fire authority's 'Target 2.0 shifts | Q1 2.3 shifts' for 'Shifts lost to sickness per employee' was refused as
    'not a number' with no line to type; its 'Monitor' status (the key: 'No target set – monitored for context') was five
    warnings asking what it means."""
    rows = [["People - Quarter 2 2024/25"], ["PI", "Description", "Good performance", "Target", "Q1", "Q2", "Q2 status"],
            ["PE01", "Shifts lost to sickness per employee (wholetime)", "Lower", "2.0 shifts", "2.3 shifts", "1.9 shifts", "Green"],
            ["PE04", "Workforce from an ethnic minority background (%)", "n/a", None, 4.1, 4.3, "Monitor"],
            ["PE05", "Grievances raised", "Lower", 5, "3 cases", 4, "Green"]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "people.xlsx", [SheetSpec("People", rows)]))
    pe01 = ms[ms["measure_id"] == "PE01"]
    assert pe01["actual"].tolist() == [2.3, 1.9] and pe01["target"].tolist() == [2.0, 2.0] and set(pe01["unit"]) == {"shifts"}
    assert ms.loc[ms["measure_id"] == "PE04", "reported_status"].astype(str).tolist()[-1] == "Data only"
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]
    rows[4][5] = "4 widgets"  # a word the measure's name does not use is still no number
    with pytest.raises(perfkit.ValidationError, match="People!F5: actual '4 widgets' is not a number"):
        perfkit.read_measures(write_workbook(tmp_path / "people2.xlsx", [SheetSpec("People", rows)]))


@pytest.mark.parametrize("typed", ["No target – contextual", "No target - context only", "No target (contextual)"])
def test_no_target_with_its_reason_after_a_dash_is_no_target(tmp_path, typed):
    """A TSM return's 'No target – contextual' refused the whole return as 'not a number', with nothing to type."""
    rows = [["TSMs Q2 2024/25"], ["TSM", "Measure", "Target", "Q2"], ["NM01", "ASB cases per 1,000 homes", typed, 23.8],
            ["TP01", "Overall satisfaction (%)", 75, 71.8]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSMs", rows)]))
    assert ms["target"].isna().tolist() == [True, False]


def test_figures_with_a_footnote_mark_or_an_energy_unit_are_read(tmp_path):
    """'50.4%*' (provisional) refused a service plan's workbook with no line to type; '1,846 tCO2e' and '455 MWh' a
    climate plan's emissions table."""
    from perfkit.core.numbers import parse_number

    assert parse_number("50.4%*")[:2] == (50.4, "%") and parse_number("1,234†")[:2] == (1234.0, "")
    assert parse_number("1,846 tCO2e")[:2] == (1846.0, "tonnes") and parse_number("455 MWh")[:2] == (455.0, "MWh")
    rows = [["Service plan indicators 2023/24"], ["Ref", "Indicator", "Polarity", "Target", "2023/24"],
            ["WR1", "Household waste recycled", "Higher", "52%", "50.4%*"], ["EN1", "Council emissions", "Lower", "2,000 tCO2e", "1,846 tCO2e"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Indicators", rows)]))
    assert kp["actual"].tolist() == [50.4, 1846.0] and kp["unit"].tolist() == ["%", "tonnes"]


def test_a_time_in_a_measure_named_in_mm_ss_is_shown_as_mm_ss(tmp_path):
    """'Average response time (mm:ss)' with no unit column: 08:11 was read as 8.18 minutes and shown so."""
    from perfkit.present.text import number_text

    rows = [["Response times - Quarter 2 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q2 2024/25"],
            ["PI3", "Average response time to dwelling fires (mm:ss)", "Lower", "08:00", "08:11"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fra.xlsx", [SheetSpec("PIs", rows)]))
    assert kp["unit"].tolist() == ["mm:ss"] and number_text(kp["actual"].iloc[0], kp["unit"].iloc[0]) == "8:11"


def test_a_due_date_naming_the_next_meeting_of_a_committee_by_its_letters_is_a_meeting(tmp_path):
    """'Next P&R' in a town council's action log was an error ('is not a date') whose advice lost every due date."""
    from perfkit.read.engine import parse_date

    assert [parse_date(t)[1] for t in ("Next P&R", "By next CMT", "Next FC meeting", "Next year")] == ["meeting", "meeting", "meeting", "text"]


def test_an_actual_saying_the_measure_is_reported_at_q4_is_missing_not_a_refusal(tmp_path):
    """'Annual - reported at Q4' in a directorate tab's Q1 and Q2 actuals refused the whole scorecard as not a number,
    with no line to type."""
    rows = [["Place scorecard 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2"],
            ["P1", "Planning appeals upheld (%)", "Lower", 10, 8, 9],
            ["P2", "Residents satisfied with the area (%)", "Higher", 75, "Annual - reported at Q4", "Annual - reported at Q4"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "place_2024-25.xlsx", [SheetSpec("Place", rows)]))
    p2 = kp[kp["measure_id"] == "P2"]
    assert p2["actual"].isna().all()
    assert not [p for p in kp.attrs["problems"] if p.severity in ("error", "warning") and p.source.startswith("Place!E4")]


def test_n_a_beside_a_comment_saying_it_is_reported_at_q4_is_not_due(tmp_path):
    """'n/a' in Q2 Actual, its comment 'Annual - reported at Q4': counted No data (a figure the service failed to give)
    rather than not due; a comment that only mentions the year ('Annual target at risk') leaves it missing."""
    rows = [["Resources Directorate - Key Performance Indicators, Quarter 2 2024/25"],
            ["Ref", "Indicator", "Good performance is", "Q2 Target", "Q2 Actual", "RAG", "Comments"],
            ["RES3", "Sickness days lost per FTE (quarter)", "Low", "2.0", "2.6", "R", None],
            ["RES8", "Complaints upheld at stage 2", "Low", "10", "n/a", None, "Annual - reported at Q4"],
            ["RES9", "Member enquiries answered in 10 days", "High", "95%", "n/a", None, "Annual target at risk"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "res.xlsx", [SheetSpec("KPIs Q2", rows)]))
    said = kp.set_index("measure_id")["reported_status"].astype(object)
    assert said["RES8"] == "Not due" and said["RES9"] != said["RES9"]  # NaN: no status
    assert any("not due in 2024/25 Q2, as its comment says ('Annual - reported at Q4')" in p.message for p in kp.attrs["problems"])


def test_a_bound_with_a_unit_before_or_less_and_good_is_high_polarity_words_read(tmp_path):
    """'420 kg or less' as a target stopped the read ('is not a number', no line to type) where 'no more than 60' and
    '95% or above' were read; 'Good is high' and 'Good is low' in a polarity column were refused as unknown words."""
    rows = [["Directorate scorecard 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q1", "Q2"],
            ["PE02", "Residual waste per household (kg)", "Good is low", "420 kg or less", "110 kg", "108 kg"],
            ["PE04", "Fly-tips removed in 5 days (%)", "Good is high", "95% or above", "94%", "96%"],
            ["CC02", "Days to process changes", "Good is Low", "14 days or fewer", "12 days", "15 days"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert q2["target"].to_dict() == {"PE02": 420, "PE04": 95, "CC02": 14}
    assert q2["polarity"].astype(str).to_dict() == {"PE02": "lower", "PE04": "higher", "CC02": "lower"}
    assert q2["unit"].to_dict()["PE02"] == "kg"
    assert not [p.message for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_figure_typed_with_its_own_period_in_brackets_is_read_where_that_period_is_the_columns(tmp_path):
    """A Better Care Fund return's metrics, each typed with the period it is of: `93.7% (Aug-24)` and `183.9 (Jul–Aug only)`
    in the Q2 column are Q2's figures, `512.4 (Q1)` in the Q2 column is Q1's (missing for Q2, warned), and the polarity is
    headed `For information – Polarity`. Each stopped the read: "actual '512.4 (Q1)' is not a number", with no line to type."""
    rows = [["Better Care Fund 2024-25 Q2 Reporting Template"], [],
            ["Metric", "For information – Polarity", "2024-25 Plan", "Q1 2024-25 Actual", "Q2 2024-25 Actual"],
            ["Avoidable admissions", "Lower is better", "180.0", "176.3", "183.9 (Jul–Aug only)"],
            ["Discharge to normal place of residence", "Higher is better", "93.5%", "92.8%", "93.7% (Aug-24)"],
            ["Falls", "Lower is better", "487.5", "470.1", "512.4 (Q1)"],
            ["Residential admissions", "Lower is better", "560.0", "138.2 (YTD)", "274.9 (YTD)"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("4. Metrics", rows)]))
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("name")
    assert q2["actual"].iloc[:2].tolist() == [183.9, 93.7] and math.isnan(q2.loc["Falls", "actual"])
    assert q2["polarity"].astype(str).tolist() == ["lower", "higher", "lower", "lower"]
    # "(YTD)": the year to date, so cumulative (its rise from Q1 never a worsening), the only one
    assert q2["cumulative"].tolist() == [False, False, False, True] and q2.loc["Residential admissions", "actual"] == 274.9
    warnings = [p for p in m.attrs["problems"] if p.severity in ("warning", "error")]
    assert [(p.source, p.severity) for p in warnings] == [("4. Metrics!E6", "warning"), ("4. Metrics!D7", "warning")]
    assert "is the figure of 'Q1', not of 2024/25 Q2" in warnings[0].message
    assert "cumulative but has no target profile" in warnings[1].message  # with no rating of the service's, as any such


def test_an_annual_figure_typed_before_its_quarter_is_not_due_and_not_comparable_between_quarters(tmp_path):
    """`Annual` in a scorecard's Q1 and Q2 cells (grey on the council's key: not yet due): No data in the brief's counts,
    and 'unchanged' between the quarters, as if a figure had been compared."""
    rows = [["Ref", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["CS03", "Residents satisfied with the contact centre (annual survey)", "High", "85%", "Annual", "Annual – reported at Q4"],
            ["CS01", "Calls answered within 60 seconds", "High", "80%", "78%", "82%"],
            ["CS02", "Complaints answered in 10 days", "High", "90%", "Not yet reported", "91%"]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Scorecard", rows)])))
    got = {(r.measure_id, perfkit.period_label(r.period)): str(r.status) for r in m.itertuples()}
    assert got[("CS03", "2024/25 Q1")] == got[("CS03", "2024/25 Q2")] == "Not due"
    assert got[("CS02", "2024/25 Q1")] == "No data"  # not yet reported: due, and missing
    t = perfkit.transitions(m, "2024/25 Q1", "2024/25 Q2").set_index("measure_id")["change"].astype(str)
    assert t["CS03"] == "not comparable"


def test_a_target_written_as_a_bound_in_the_aim_column_is_the_way_and_the_target(tmp_path):
    """A Police and Crime Plan scorecard's `Aim`: `Reduce`, `Increase`, and for the one measure with a target `At or above
    2,150`. The cell was an unknown polarity word, and once it was given as higher the 2,150 was lost: "none of the measures
    has a target"."""
    rows = [["Police and Crime Plan scorecard, April to September 2024"],
            ["Ref", "Measure", "Aim", "Apr-Sep 2024", "Apr-Sep 2023"], ["PC01", "All police recorded crime", "Reduce", 50529, 52340],
            ["PC08", "Arrests for drug supply", "At or above 2,150", 2163, 2098], ["PC09", "Cases with a victim code referral", "At or below 5%", "4.1%", "6.0%"]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])))
    now = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert now["polarity"].astype(str).tolist() == ["lower", "higher", "lower"]
    assert math.isnan(now.loc["PC01", "target"]) and now["target"].tolist()[1:] == [2150, 5]
    assert now["status"].astype(str).tolist() == ["Data only", "Green", "Green"]
    assert not [p for p in m.attrs["problems"] if p.severity in ("error", "warning")]


def test_a_blank_in_an_earlier_year_is_a_note_and_a_blank_in_the_latest_a_warning(tmp_path):
    """A museums service's outturn table, 2019/20 to 2023/24, one blank in 2020/21 (closed by COVID): a warning with no
    line to type held the brief, though no figure of the latest year rests on it."""
    rows = [["Heritage and Museums Service - Annual performance outturn"], [],
            ["Indicator", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "Target 2023/24"],
            ["Visits to museums and galleries", 412000, 38500, 198000, 341000, 366500, 350000],
            ["Visitor satisfaction (% good or excellent)", 0.96, None, 0.95, 0.97, 0.97, 0.95],
            ["Volunteer hours", 21000, 2100, 9800, 16500, None, 18000]]
    m = perfkit.read_measures(write_workbook(tmp_path / "museums.xlsx", [SheetSpec("Museums outturn", rows)]))
    said = {p.source: p.severity for p in m.attrs["problems"] if "no actual for" in p.message}
    assert said == {"Museums outturn!C5": "info", "Museums outturn!F6": "warning"}
    assert m[m["name"].str.startswith("Visitor")]["actual"].isna().sum() == 1  # missing, never 0


def test_a_target_typed_as_a_bound_with_a_unit_a_year_is_read(tmp_path):
    """A waste KPI sheet's 'Annual target' of '<= 480 kg/yr' stopped the workbook ('not a number', no line to type)."""
    rows = [["Waste & Street Scene - KPI monitoring 2025/26"], ["Data to end of September 2025"], [],
            ["Ref", "Indicator", "Annual target", "Q1", "Q2", "RAG"],
            ["WS1", "Residual household waste per household (kg)", "<= 480 kg/yr", "120 kg", "240 kg", "G"],
            ["WS5", "Average days to clear fly-tip", "<= 2 days", "1.6 days", "1.8 days", "G"],
            ["WS8", "Recycling collected (tonnes)", "12,000 tonnes per annum", 3100, 6150, "G"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "waste.xlsx", [SheetSpec("Waste KPIs", rows)]))
    last = m[m["period"] == m["period"].max()].set_index("measure_id")
    assert last["target"].to_dict() == {"WS1": 480, "WS5": 2, "WS8": 12000}
    assert last.loc["WS1", "polarity"] == "lower" and last.loc["WS1", "unit"] == "kg"


def test_a_range_target_with_its_unit_after_it_is_a_range(tmp_path):
    """An IJB's 'Target' column of '85-90%', '<= 600' and '6-8 weeks': the last was refused as 'not a number', with no
    line to type, stopping the whole sheet; a range's unit after its second figure is both figures'."""
    rows = [["IJB KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Target", "Q2 Actual"],
            ["K1", "Adults with a care plan reviewed (%)", "85-90%", "87%"],
            ["K8", "Wait from referral to assessment", "6-8 weeks", "13.2 weeks"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("KPIs", rows)]))
    got = kp.set_index("measure_id")[["target_low", "target_high", "unit"]]
    assert got.loc["K8"].tolist() == [6, 8, "weeks"] and got.loc["K1"].tolist()[:2] == [85, 90]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "error"]


def test_a_bare_year_to_date_column_beside_a_target_to_date_is_the_actual_said_so(tmp_path):
    """`Annual target 2024/25 | Target to date | Year to date | Status` under a note '... cumulative from 1 April 2024
    (year to date)': 'Year to date' was read as the actual because the note named it, as though it were the body
    reporting ('the columns of other areas beside it are not read'); its header says what it holds."""
    rows = [["Regeneration and Economy - performance to end of Quarter 2 2024/25"],
            ["Note: all figures are cumulative from 1 April 2024 (year to date)."], [],
            ["Ref", "Measure", "Annual target 2024/25", "Target to date", "Year to date", "Status"],
            ["EC1", "Jobs created through business grants", 200, 100, 112, "On target"],
            ["EC2", "Businesses supported", 400, 200, 150, "Below target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "econ.xlsx", [SheetSpec("Economy KPIs", rows)]))
    assert kp.set_index("measure_id")["actual"].to_dict() == {"EC1": 112, "EC2": 150}
    said = [p.message for p in kp.attrs["problems"] if "'Year to date' read as actual" in p.message]
    assert said and "its header says it holds the figures to date" in said[0] and "other areas" not in said[0], said


def test_a_status_column_headed_like_the_figure_with_a_bracketed_aside_is_still_the_status(tmp_path):
    """One directorate's tab of three, `Q2 2024/25 | Performance`, 'Performance' holding On target, Within tolerance, Off
    target and 'No target (data only)': the aside kept it under four in five status words, so it stayed the figure, was
    dropped without a word, and 'Within tolerance' was re-rated Red from the figures."""
    rows = [["Place Directorate - Key Performance Indicators - Q2 2024/25"], [],
            ["Ref", "Performance indicator", "Polarity", "2023/24 outturn", "Target 2024/25 (Q2)", "Q2 2024/25", "Performance"],
            ["PL1", "Major planning applications decided within 13 weeks (%)", "Bigger is better", 88, 85, 90, "On target"],
            ["PL2", "Potholes repaired", "Bigger is better", 5200, 2500, 2310, "Within tolerance"],
            ["PL3", "Streets below litter standard (%)", "Smaller is better", 6, 5, 7.5, "Off target"],
            ["PL4", "Bus passenger journeys (thousands)", "Bigger is better", 4100, "-", 2150, "No target (data only)"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "place.xlsx", [SheetSpec("Place", rows)]))
    q2 = kp[kp["period"] == kp["period"].max()].set_index("measure_id")
    assert q2["reported_status"].astype(str).to_dict() == {"PL1": "Green", "PL2": "Amber", "PL3": "Red", "PL4": "Data only"}


def test_money_columns_of_a_finance_and_performance_pack_are_never_references(tmp_path):
    """`Service | Net budget 2024/25 (£000) | Forecast outturn (£000) | Variance (£000) | Key performance indicator | ...`:
    the two money columns whose figures differ row by row were 'all references', a warning that held the brief and offered
    `"Variance (£000)" = "measure_id"`."""
    rows = [["Eastmere District Council - Finance and Performance Monitoring"], ["Quarter 3 2024/25 (April - December 2024)"], [],
            ["Service", "Net budget 2024/25 (£000)", "Forecast outturn (£000)", "Variance (£000)", "Key performance indicator",
             "Target", "Q3 actual", "Performance status"],
            ["Waste", 4215, 4390, 175, "% of household waste recycled", "50%", "48.7%", "Close to target"],
            ["Planning", 1120, 1010, "(110)", "% of minor applications determined within 8 weeks", "80%", "86%", "Target met"],
            ["Car Parks", "(1,450)", "(1,320)", 130, "% of parking appeals answered within 14 days", "95%", "96%", "Target met"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fp.xlsx", [SheetSpec("Finance & Performance", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert kp["measure_id"].tolist() == ["K001", "K002", "K003"]


def test_an_annual_measure_with_no_figure_yet_is_not_due_never_dropped(tmp_path):
    """A corporate scorecard's `Frequency` column: two Annual measures with blank Q1 and Q2 ('Reported at Q4') vanished
    from the counts (8 measures, not 10; a directorate of three counted as two), with no word."""
    rows = [["Corporate Key Performance Indicators 2024/25 - Quarter 2"],
            ["Ref", "Measure", "Frequency", "Polarity", "Annual target", "Q1", "Q2", "Status", "Comment"],
            ["AH1", "Adults in residential care per 100,000 (65+)", "Quarterly", "Lower", 560, 548, 571, "Off target", None],
            ["AH3", "Adult social care satisfaction survey (%)", "Annual", "Higher", 65, None, None, None, "Reported at Q4"],
            ["CF1", "Children in need per 10,000", "Quarterly", "Lower", 320, 310, 305, "On target", None]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert list(q2.index) == ["AH1", "AH3", "CF1"] and q2.loc["AH3", "reported_status"] == "Not due"
    assert any("1 measure reported later in the year (Adult social care satisfaction survey (%))" in p.message
               for p in kp.attrs["problems"])
    assert "AH3" not in set(kp[kp["period"].map(perfkit.period_label) == "2024/25 Q1"]["measure_id"])
    changes = perfkit.quarter_figures(None, kp, "2024/25 Q2").to_dict()["changes"]["measures"]
    assert changes["new"] == 0 and changes["not comparable"] == 1  # not yet reported, never a new measure
