"""A transposed table: one column per measure, the quarters down the rows, the target in a row of its own."""

from __future__ import annotations

import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.core.errors import LayoutError
from perfkit.cli import main

NAMES = ["Households in temporary accommodation", "Missed bins per 100,000 collections", "Calls answered within 60 seconds (%)",
         "Days to process new benefit claims", "Planning applications decided in time (%)"]


@layout("transposed", "Quarter down column A, a target row under the measure names")
def build_quarters_down(folder):
    rng = random.Random(41)
    names = NAMES[:4]
    targets = [rng.randint(40, 150) for _ in names]
    values = {q: [rng.randint(30, 160) for _ in names] for q in ("Q1", "Q2")}
    rows = [["Anyshire Council"], ["Corporate KPIs 2024/25"], [], ["Quarter", *names], ["Target", *targets]]
    rows += [[q, *values[q]] for q in ("Q1", "Q2")] + [["Q3", None, None, None, None], ["Q4", None, None, None, None]]
    rows += [[], ["Source: performance team"]]
    path = write_workbook(folder / "corporate_kpis.xlsx", [SheetSpec("KPIs", rows)])
    return path, Truth({"measures": len(names)}, "2024/25 Q2",
                       columns={"measures": {"name": names, "target": [float(t) for t in targets], "actual": [float(v) for v in values["Q1"]]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout("transposed", "a reference row, a polarity row, 2024/25 Q1 labels and the target below the quarters")
def build_refs_and_polarity(folder):
    rng = random.Random(42)
    refs = [f"HS{i}" for i in range(1, 6)]
    polarity = [rng.choice(["High", "Low"]) for _ in refs]
    values = {q: [rng.randint(10, 99) for _ in refs] for q in ("2024/25 Q1", "2024/25 Q2", "2024/25 Q3")}
    targets = [rng.randint(20, 90) for _ in refs]
    rows = [["Housing service: quarterly indicators"], [],
            ["Ref", *refs], ["Indicator", *NAMES], ["Good is", *polarity]]
    rows += [[q, *v] for q, v in values.items()] + [["Target 2024/25", *targets], [], ["Figures are provisional until year end"]]
    path = write_workbook(folder / "housing_indicators.xlsx", [SheetSpec("Housing PIs", rows, merges=["A1:F1"])])
    return path, Truth({"measures": len(refs)}, "2024/25 Q3",
                       columns={"measures": {"measure_id": refs, "polarity": [p.lower() + "er" for p in polarity],
                                             "actual": [float(v) for v in values["2024/25 Q1"]]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"]})


@layout("transposed", "the table starting in column B, quarters written Apr-Jun 2024, beside a cover sheet")
def build_month_range_rows(folder):
    rng = random.Random(43)
    names = NAMES[1:4]
    values = {q: [rng.randint(10, 99) for _ in names] for q in ("Apr-Jun 2024", "Jul-Sep 2024")}
    rows = [[], [None, "Environment scorecard"], [], [None, "Period", *names], [None, "Annual target", 70, 80, 90]]
    rows += [[None, q, *v] for q, v in values.items()]
    path = write_workbook(folder / "environment.xlsx", [SheetSpec("Cover", [["Environment directorate"], ["Performance scorecard"]]),
                                                        SheetSpec("Scorecard", rows)])
    return path, Truth({"measures": len(names)}, "2024/25 Q2",
                       columns={"measures": {"name": names, "target": [70.0, 80.0, 90.0], "actual": [float(v) for v in values["Apr-Jun 2024"]]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


# ---------------------------------------------------------------------------------------------- focused tests


def test_every_figure_names_its_own_cell(tmp_path):
    path, truth = build_quarters_down(tmp_path)
    kp = perfkit.read_measures(path)
    first = kp.iloc[0]
    assert first["source"] == "KPIs!B6" and first["actual"] == truth.columns["measures"]["actual"][0]
    said = [p for p in kp.attrs["problems"] if "transposed table" in p.message]
    assert said and said[0].severity == "info" and "measures across row 4, periods down column A" in said[0].message
    # Q3's empty line is a row of the sheet, said so (A8), never a column
    empty = {p.source: p.message for p in kp.attrs["problems"] if "not reported yet" in p.message}
    assert empty["KPIs!A8"] == "row is empty: 2024/25 Q3 not reported yet", empty


def test_a_transposed_table_is_never_read_as_something_else(tmp_path):
    path, _truth = build_refs_and_polarity(tmp_path)
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"measures"}


def test_monthly_rows_are_refused_saying_the_table_is_transposed(tmp_path):
    rows = [["Corporate KPIs 2024/25"], ["Month", "Calls answered (%)", "Complaints"], ["Target", 90, 20],
            ["Apr-24", 88, 25], ["May-24", 91, 22], ["Jun-24", 92, 18]]
    path = write_workbook(tmp_path / "monthly_kpis.xlsx", [SheetSpec("KPIs", rows)])
    with pytest.raises(LayoutError) as err:
        perfkit.read_workbook(path)
    said = str(err.value) + " " + (err.value.hint or "")
    assert "transposed table" in said and "monthly rows" in said
    assert '"Jun-24" = "actual@2024/25 Q1"' in said


def test_a_table_of_periods_with_no_target_is_a_warning_that_says_what_to_type(tmp_path):
    rows = [["Contact centre"], ["Quarter", "Calls", "Emails"], ["Q1 2024/25", 10200, 3100], ["Q2 2024/25", 9800, 3500]]
    path = write_workbook(tmp_path / "contact.xlsx", [SheetSpec("Contact", rows)])
    with pytest.raises(LayoutError, match="found no sheet it can read"):
        perfkit.read_workbook(path)
    (tmp_path / "perfkit.toml").write_text('[sheets."Contact"]\nkind = "measures"\n', encoding="utf-8")
    kp = perfkit.read_workbook(path)["measures"]
    assert list(kp.name.unique()) == ["Calls", "Emails"] and list(kp.actual) == [10200, 9800, 3100, 3500]


def test_a_long_table_of_one_measure_is_not_turned_round(tmp_path):
    rows = [["Calls answered 2024/25"], ["Quarter", "Target", "Actual"], ["Q1", 90, 88], ["Q2", 90, 91]]
    path = write_workbook(tmp_path / "calls.xlsx", [SheetSpec("Calls", rows)])
    with pytest.raises(LayoutError) as err:
        perfkit.read_workbook(path)
    assert "transposed" not in str(err.value)


@layout("transposed", "a target row and an actual row for each quarter (Q1 Target, Q1 Actual...)")
def build_target_and_actual_rows(folder):
    rng = random.Random(44)
    names = NAMES[:3]
    rows = [["Customer services KPIs 2024/25"], ["Quarter", *names]]
    q1 = []
    for q in (1, 2):
        targets, actuals = [rng.randint(40, 90) for _ in names], [rng.randint(30, 99) for _ in names]
        rows += [[f"Q{q} Target", *targets], [f"Q{q} Actual", *actuals]]
        q1 = q1 or [float(a) for a in actuals]
    path = write_workbook(folder / "customer_kpis.xlsx", [SheetSpec("Customer KPIs", rows)])
    return path, Truth({"measures": len(names)}, "2024/25 Q2", columns={"measures": {"name": names, "actual": q1}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


def test_perfkit_init_asks_the_polarity_words_of_a_transposed_tables_polarity_row(tmp_path):
    """init read a transposed table's polarity from the sheet as laid out, so it asked what '3150' and '3200' (the first
    measure's figures) meant and never asked of the one word it did not know."""
    rows = [["Community Safety Partnership dashboard 2024/25"],
            ["Measure", "Total recorded crime", "Anti-social behaviour incidents", "Domestic abuse incidents"],
            ["Polarity", "Lower is better", "Lower is better", "Watch closely"],
            ["Quarterly target", 3200, 1100, None], ["Q1 2024/25", 3356, 1245, 612], ["Q2 2024/25", 3150, 1120, 645]]
    path = write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Dashboard", rows)])
    assert main(["init", str(path)]) == 0
    written = (tmp_path / "perfkit.toml").read_text()
    words = written.split("[polarity.words]")[1].split("[measures]")[0]
    assert '"Watch closely" = ""' in words and "3150" not in words and "3200" not in words, words


def test_monitor_only_as_a_polarity_is_none(tmp_path):
    rows = [["Dashboard 2024/25"], ["Measure", "Total recorded crime", "Domestic abuse incidents"],
            ["Polarity", "Lower is better", "Monitor only"], ["Quarterly target", 3200, None],
            ["Q1 2024/25", 3356, 612], ["Q2 2024/25", 3150, 645]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Dashboard", rows)]))
    assert ms.drop_duplicates("name")["polarity"].astype(str).tolist() == ["lower", "none"]


def test_a_crime_plans_baseline_row_aim_phrase_and_provisional_figure_read_with_no_warning(tmp_path):
    """A police and crime plan's transposed data: 'Increase reporting' in its Aim row was refused as a polarity word,
    '71 [p]' (provisional) as not a number, and its '2017-19 average (baseline)' row was a warning blocking the brief."""
    rows = [["Police and Crime Plan data 2024/25"], ["Quarter", "All recorded crime", "Hate crimes reported", "Killed or seriously injured"],
            ["Aim", "Lower", "Increase reporting", "Lower"], ["2017-19 average (baseline)", 27000, 300, 80],
            ["Q1 2024/25", 25730, 310, 75], ["Q2 2024/25", 26020, 330, "71 [p]"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Plan measures", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity in ("warning", "error")]
    q2 = kp[kp["period"].astype(str) == "2025Q2"].set_index("name")
    assert q2.loc["Killed or seriously injured", "actual"] == 71 and q2.loc["Hate crimes reported", "polarity"] == "higher"


def test_a_quarterly_objective_row_is_the_target_and_a_title_saying_lower_is_better_for_every_indicator_is_the_polarity(tmp_path):
    """A partnership's MSG indicators turned round, with a '2024/25 quarterly objective' row and 'Lower is better for every
    indicator' in its title: the objectives were read as the plan's objective, and the polarity missed, with no word;
    the brief said the four were reported for information only."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Ministerial Strategic Group (MSG) indicators"],
            ["Quarterly counts for the partnership's population. Lower is better for every indicator."], [],
            ["Quarter", "Emergency admissions", "Unscheduled bed days", "A&E attendances", "Delayed discharge bed days"],
            ["2024/25 quarterly objective", 2225, 23000, 4125, 2250],
            ["Q1 2024/25", 2240, 22900, 4090, 2610], ["Q2 2024/25", 2198, 23800, 4310, 2980]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "msg.xlsx", [SheetSpec("MSG indicators", rows)])))
    q2 = m[m["period"].astype(str) == "2025Q2"]
    assert q2["target"].tolist() == [2225, 23000, 4125, 2250] and set(q2["polarity"].astype(str)) == {"lower"}
    assert q2["status"].astype(str).tolist() == ["Green", "Amber", "Amber", "Red"]
    assert not [p for p in m.attrs["problems"] if p.severity == "warning"]
    # the same in other words: 'Lower figures are better for all indicators'
    rows[1] = ["Lower figures are better for all indicators."]
    kp = perfkit.read_measures(write_workbook(tmp_path / "worded.xlsx", [SheetSpec("MSG indicators", rows)]))
    assert set(kp["polarity"].astype(str)) == {"lower"} and not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_charts_data_turned_round_repeating_the_scorecards_figures_is_not_read_again(tmp_path):
    """A 'Chart data' sheet with the last four quarters of six indicators, named more briefly than on the scorecard: read
    as six more measures (16, where the report has 10), each also rated higher is better."""
    from layout_builders import SheetSpec, write_workbook

    card = [["Fire Authority performance, Quarter 2 2024/25"],
            ["Ref", "Indicator", "Good is", "Target", "Q2 2023/24", "Q2 2024/25"],
            ["PI1", "Accidental dwelling fires", "Low", 100, 101, 94], ["PI2", "Home Fire Safety Visits completed", "High", 3750, 3500, 3412],
            ["PI3", "False alarms from automatic fire alarms (AFA) attended", "Low", 500, 534, 578]]
    chart = [["Chart data - last four quarters"], [], ["Quarter", "Accidental dwelling fires", "Home Fire Safety Visits", "AFA false alarms"],
             ["Q3 2023/24", 110, 3880, 510], ["Q4 2023/24", 104, 3702, 545], ["Q1 2024/25", 99, 3598, 560], ["Q2 2024/25", 94, 3412, 578],
             ["Target", 100, 3750, 500]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Performance", card), SheetSpec("Chart data", chart)])
    m = perfkit.read_measures(path)
    assert sorted(m["measure_id"].unique()) == ["PI1", "PI2", "PI3"]
    assert not [p for p in m.attrs["problems"] if p.severity == "warning"]


@pytest.mark.parametrize("name", ["Chart data", "Trend data"])
def test_a_chart_or_trend_sheet_turned_round_is_said_not_warned(tmp_path, name):
    """A repairs dashboard's 'Chart data' (quarters down the rows, four measures across, no target row) was a warning
    asking whether it held measures, which blocked the brief; it is the data behind the dashboard's charts."""
    rows = [["Repairs KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2"],
            ["RR01", "Repairs completed right first time (%)", "Higher", 90, 88, 91],
            ["RR02", "Emergency repairs in 24 hours (%)", "Higher", 99, 99.5, 98]]
    chart = [["Data for the charts"], [], ["Quarter", "Right first time", "Emergency in 24 hours"],
             ["2023/24 Q3", 86, 97], ["2023/24 Q4", 87, 98], ["2024/25 Q1", 88, 99.5], ["2024/25 Q2", 91, 98]]
    path = write_workbook(tmp_path / "repairs.xlsx", [SheetSpec("Dashboard", rows), SheetSpec(name, chart)])
    report = perfkit.validate(path)
    assert not [p for p in report if p.severity == "warning"]
    assert any(p.source == name and "chart's or trend's data" in p.message for p in report)


def test_a_tolerance_stated_under_a_transposed_table_is_used_and_names_its_cell(tmp_path):
    """'Amber = within 10% of target' in a note under a fire service's transposed table: the rows under the table were
    dropped when it was turned round, so a measure 7.5% off target was Red by perfkit's 5%, and nothing was said."""
    names = ["Accidental dwelling fires", "Deliberate fires", "False alarms from automatic fire alarms"]
    rows = [["Fire and Rescue Service - performance indicators 2024/25"], [], ["Indicator", *names], ["Ref", "FRS01", "FRS04", "FRS06"],
            ["Good performance is", "Lower", "Lower", "Lower"], ["Quarterly target", 40, 150, 280],
            ["Q1 (Apr-Jun)", 38, 162, 265], ["Q2 (Jul-Sep)", 45, 171, 301], [],
            ["RAG: Green = target met; Amber = within 10% of target; Red = more than 10% away from target."],
            ["Source: Incident Recording System"]]
    path = write_workbook(tmp_path / "frs_kpis_2024-25.xlsx", [SheetSpec("KPIs 2024-25", rows)])
    kp = perfkit.read_measures(path)
    stated = [p for p in kp.attrs["problems"] if "within 10% of target, as the sheet says" in p.message]
    assert len(stated) == 1 and stated[0].source == "KPIs 2024-25!A10"
    key = [p for p in kp.attrs["problems"] if p.message.startswith("status key")]
    assert all(p.source == "KPIs 2024-25!A10" for p in key)
    assessed = perfkit.assess_measures(kp)
    q2 = assessed[assessed["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")["status"].astype(str)
    assert q2.to_dict() == {"FRS01": "Red", "FRS04": "Red", "FRS06": "Amber"}  # 12.5%, 14% and 7.5% over: Red at 5% too
    assert not [p.message for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_charts_monthly_data_beside_the_quarters_sheet_is_said_not_refused(tmp_path):
    """'Chart data (monthly) – do not edit': the months a chart draws, turned round, beside the dashboard of quarters. It
    was refused as monthly rows (an error that stopped the whole read), and the perfkit.toml init wrote for it left a
    '[measures.rollup] default = ""' blank that validate then refused."""
    dash = [["BCF performance pack, September 2024"], ["Ref", "Metric", "Good is", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["B1", "Avoidable admissions", "Low", 650, 654, 614], ["B2", "Discharged to usual place (%)", "High", 92, 92.2, 90.8]]
    chart = [["Chart data (monthly) – do not edit"], [], ["Month", "B1", "B2"], ["Apr-24", 640, 91.2], ["May-24", 655, 92.5],
             ["Jun-24", 668, 93.0], ["Jul-24", 612, 90.8], ["Aug-24", 598, 91.5], ["Sep-24", 631, 90.1], ["Target", 650, 92]]
    path = write_workbook(tmp_path / "bcf_pack.xlsx", [SheetSpec("BCF dashboard", dash), SheetSpec("Chart data", chart)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    entry = next(e for e in report.inventory if e.sheet == "Chart data")
    assert entry.status == "not read" and entry.note.startswith("a chart's data, month by month")
    (tmp_path / "perfkit.toml").write_text('[measures.rollup]\ndefault = ""\n')
    assert len(perfkit.read_measures(path)) == 4


def test_a_transposed_tracker_with_no_target_twice_in_its_target_row_and_a_rule_line_above_is_read(tmp_path):
    """A housing landlord's TSM tracker: 'No target' under two context measures in its 'Target 2024/25' row made the sheet
    'a summary of counts by status', and its RAG rule line above it then 'a status key': the sheet was dropped, and the
    briefing reported only the annual perception survey beside it, with no warning."""
    rows = [["Eastbrook Borough Council – Housing Services"], ["Tenant Satisfaction Measures: quarterly tracker 2024/25"],
            ["RAG: Green = target met; Amber = within 5% of target; Red = more than 5% from target."], [],
            ["Measure", "RP01", "BS01", "CH01 (stage 1)", "CH02 (stage 1)", "NM01"],
            ["Description", "Homes not meeting the Decent Homes Standard (%)", "Gas safety checks carried out (%)",
             "Stage 1 complaints per 1,000 homes", "Stage 1 complaints answered in time (%)", "ASB cases per 1,000 homes"],
            ["Good performance is", "Low", "High", "n/a – context", "High", "n/a – context"],
            ["Target 2024/25", "2%", "100%", "No target", "95%", "No target"],
            ["2024/25 Q1", "1.8%", "100%", 10.4, "92.5%", 5.9], ["2024/25 Q2", "1.6%", "99.91%", 11.8, "88%", 6.2],
            ["2024/25 Q3", None, None, None, None, None]]
    survey = [["Tenant perception survey 2023/24"], ["Ref", "Measure", "Result 2023/24", "Sector median"],
              ["TP01", "Overall satisfaction (%)", "71%", "72%"], ["TP02", "Satisfaction with repairs (%)", "70%", "69%"]]
    path = write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM tracker", rows), SheetSpec("Perception survey", survey)])
    kp = perfkit.assess_measures(perfkit.read_measures(path, sheet="TSM tracker"))
    q2 = kp[kp.period.astype(str) == "2025Q2"].set_index("name")["status"].astype(str).to_dict()
    assert q2 == {"RP01": "Green", "BS01": "Amber", "CH01 (stage 1)": "Data only", "CH02 (stage 1)": "Red", "NM01": "Data only"}
    entry = next(e for e in perfkit.validate(path).inventory if e.sheet == "TSM tracker")
    assert entry.status == "read" and entry.items == 5


def test_a_plan_row_for_each_quarter_of_the_year_is_every_quarters_target(tmp_path):
    """A Better Care Fund sheet, quarters down the rows, its plan row labelled 'Plan (each quarter 2024/25)': the label was
    read as a quarter named 'quarter 2024/25' and refused ('header period not understood'), and init wrote that line."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Better Care Fund 2024-25: metrics – quarterly position"], [],
            ["Quarter", "Avoidable admissions (rate per 100,000)", "Discharge to usual place of residence (%)"],
            ["Plan (each quarter 2024/25)", 190, 92.5],
            ["2024/25 Q1", 188, 92.9], ["2024/25 Q2", 193, 92.6]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("BCF metrics", rows)]), config=False)
    got = {(n[:9], perfkit.period_label(p)): t for n, p, t in zip(kp["name"], kp["period"], kp["target"])}
    assert got == {("Avoidable", "2024/25 Q1"): 190, ("Avoidable", "2024/25 Q2"): 190,
                   ("Discharge", "2024/25 Q1"): 92.5, ("Discharge", "2024/25 Q2"): 92.5}


def test_a_note_naming_measures_by_their_words_gives_each_its_polarity(tmp_path):
    """'Lower is better for avoidable admissions and falls; higher is better for discharge to usual place of residence'
    under a Better Care Fund sheet laid out sideways (no references): every metric was rated higher is better, under a
    warning, and rising admissions were green."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Better Care Fund 2024-25: metrics"], [],
            ["Quarter", "Avoidable admissions (rate per 100,000)", "Discharge to usual place of residence (%)",
             "Emergency admissions due to falls, 65+ (rate per 100,000)"],
            ["Plan (each quarter 2024/25)", 190, 92.5, 520], ["2024/25 Q1", 188, 92.9, 505], ["2024/25 Q2", 193, 92.6, 527], [],
            ["Lower is better for avoidable admissions and falls; higher is better for discharge to usual place of residence."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("BCF metrics", rows)]), config=False)
    assert [w for _, w in sorted(zip(kp["name"], kp["polarity"].astype(str)))][::2] == ["lower", "higher", "lower"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_times_typed_as_a_clock_shows_them_still_make_a_table_turned_round(tmp_path):
    """A force control room's quarters down column A with `101 calls: average time to answer (mm:ss)` typed `03:24`: a
    third of the cells were not numbers, so the sheet was "a tracker whose header perfkit could not find", and
    `kind = "measures"` was answered with that same line."""
    rows = [["Call handling performance by quarter"], [],
            ["Quarter", "999 calls answered within 10 seconds (%)", "101 calls: average time to answer (mm:ss)", "101 calls abandoned (%)"],
            ["Target 2024/25", "90%", "03:00", "10%"], ["Polarity", "Higher", "Lower", "Lower"],
            ["2023/24 Q4", 87.5, "04:05", 15.2], ["2024/25 Q1", 89.8, "02:58", 11.9], ["2024/25 Q2", 91.2, "03:24", 12.8]]
    m = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "calls.xlsx", [SheetSpec("Call handling", rows)])))
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("name")
    assert q2["status"].astype(str).to_dict() == {"999 calls answered within 10 seconds (%)": "Green",
                                                  "101 calls: average time to answer (mm:ss)": "Red", "101 calls abandoned (%)": "Red"}
    assert q2.loc["101 calls: average time to answer (mm:ss)", "actual"] == pytest.approx(3.4)


def test_a_title_naming_the_quarter_over_a_table_turned_round_is_no_period_row(tmp_path):
    """'Quarterly Performance Report – Quarter 2 2024/25' in column A above `Quarter | Rent collected | ...`: the title was
    taken for the first period's row, no row of names was found above it, and `kind = "measures"` was answered with the
    line it had just given."""
    rows = [["Marlcombe Council – Housing Services"], ["Quarterly Performance Report – Quarter 2 2024/25"], [],
            ["Quarter", "Rent collected as % of rent due", "Average days to re-let void properties"],
            ["Good is", "Higher", "Lower"], ["Target 2024/25", 0.985, 35], ["2024/25 Q1", 0.971, 37], ["2024/25 Q2", 0.986, 39]]
    m = perfkit.read_measures(write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing KPIs", rows)]))
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("name")
    assert q2["actual"].round(3).to_dict() == {"Rent collected as % of rent due": 0.986, "Average days to re-let void properties": 39}


def test_measures_named_over_target_and_actual_pairs_are_one_measure_a_pair(tmp_path):
    """An SLA return: each measure's name over its `Target | Actual` pair, months down column A. Turned round, its months
    became measures with no names and fourteen warnings; then it was refused as a layout perfkit does not read. Each
    pair is one measure, its polarity row read; its months are refused as months until a roll-up is given."""
    rows = [["Shared Revenues and Benefits Service – SLA performance 2024/25"], ["Position at the end of September 2024 (Quarter 2)"], [],
            ["Month", "SLA1 New claims (average days)", None, "SLA2 Changes in circumstances (average days)", None],
            [None, "Target", "Actual", "Target", "Actual"], ["Good performance", "Lower", None, "Lower", None],
            [day(2024, 4, 1), 20, 22.4, 8, 7.9], [day(2024, 5, 1), 20, 21, 8, 7.4], [day(2024, 6, 1), 20, 19.5, 8, 7.1]]
    path = write_workbook(tmp_path / "sla.xlsx", [SheetSpec("SLA 2024-25", rows)])
    with pytest.raises(LayoutError, match=r"does not fold months into them unasked"):
        perfkit.read_measures(path)
    (tmp_path / "perfkit.toml").write_text('[measures.rollup]\ndefault = "mean"\n', encoding="utf-8")
    kp = perfkit.read_measures(path).set_index("name")
    assert kp["polarity"].astype(str).tolist() == ["lower", "lower"]
    assert kp.loc["SLA2 Changes in circumstances (average days)", "target"] == 8


def test_a_polarity_note_naming_some_measures_and_the_rest_reads_on_a_transposed_table(tmp_path):
    """'Lower is better for C. difficile cases and staff sickness absence; higher is better for all other measures.' under
    an NHS board's table laid out sideways: the initial's full stop split the clause and the rest were not given their way,
    so all five were rated higher is better under a warning."""
    rows = [["Integrated Performance Report 2024/25"], [],
            ["Quarter", "A&E 4-hour standard (%)", "C. difficile cases", "Staff sickness absence (%)"],
            ["Target", "78%", 10, "4.5%"], ["2024/25 Q1", "74.8%", 11, "4.6%"], ["2024/25 Q2", "76.1%", 8, "4.4%"], [],
            ["Lower is better for C. difficile cases and staff sickness absence; higher is better for all other measures."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("Board KPIs", rows)]))
    assert kp.drop_duplicates("measure_id")["polarity"].astype(str).tolist() == ["higher", "lower", "lower"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_measure_named_like_a_header_is_still_a_measure_of_a_transposed_table(tmp_path):
    """'% of care homes graded good or better' among the measures across the top: its words read as a polarity header, so
    the table was taken for a long one, refused, and refused again after the line the refusal gave was typed."""
    rows = [["Health and Social Care Partnership - Performance Scorecard 2024/25"], [],
            ["Measure", "Emergency admissions per 1,000 population", "% of care homes graded good or better", "Unpaid carers supported"],
            ["Good performance", "Low", "High", "High"], ["Target", 25, "80%", 400],
            ["Q1 2024/25", 26.1, "82%", 380], ["Q2 2024/25", 24.8, "79%", 430]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    q2 = kp[kp["period"].astype(str) == "2025Q2"]
    assert q2["name"].tolist() == ["Emergency admissions per 1,000 population", "% of care homes graded good or better", "Unpaid carers supported"]
    assert q2["actual"].tolist() == [24.8, 79, 430]



def test_an_nhs_boards_row_of_standards_is_the_row_of_names_of_a_transposed_table(tmp_path):
    """'Standard | A&E: seen within 4 hours (%) | ...' over a 'Target' row and quarters down column A: 'Standard' read as a
    target header, so the table was refused as transposed, and again with the line the refusal gave."""
    rows = [["Southfield NHS Trust - Integrated performance report"], [],
            ["Standard", "A&E: seen within 4 hours (%)", "Cancer: treated within 62 days (%)"],
            ["Target", "78%", "85%"], ["2024/25 Q1", "74.0%", "72.8%"], ["2024/25 Q2", "76.3%", "86.1%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR data", rows)]))
    q2 = kp[kp["period"].astype(str) == "2025Q2"]
    assert q2["name"].tolist() == ["A&E: seen within 4 hours (%)", "Cancer: treated within 62 days (%)"]
    assert q2["actual"].tolist() == [76.3, 86.1] and q2["target"].tolist() == [78, 85]


def test_a_note_naming_its_measures_before_the_way_reads_on_a_transposed_table(tmp_path):
    """'Note: for C. difficile cases and diagnostics waiting over 6 weeks a lower figure is better; for the other standards
    higher is better.': the measures named before the way were not read, and every one was rated higher is better."""
    rows = [["Integrated Performance Report 2024/25"], [],
            ["Period", "ED 4-hour standard (%)", "C. difficile cases", "Diagnostics: % waiting over 6 weeks"],
            ["Target", 78, 12, 5], ["Q2 2024/25", 75.6, 9, 16.2], ["Q3 2024/25", 76.9, 11, 12.4], [],
            ["Note: for C. difficile cases and diagnostics waiting over 6 weeks a lower figure is better; for the other standards "
             "higher is better."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("Board KPIs", rows)]))
    assert kp.drop_duplicates("measure_id")["polarity"].astype(str).tolist() == ["higher", "lower", "lower"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_note_for_every_measure_but_one_reads_the_exception_the_other_way(tmp_path):
    """A fire authority's transposed table, 'Lower is better for all indicators except home fire safety visits': the
    except clause was dropped, and home fire safety visits (1,580 against 1,500) rated Red with no warning."""
    rows = [["Fire and rescue performance indicators 2024/25"], ["Lower is better for all indicators except home fire safety visits"],
            [], ["Quarter", "Primary fires", "Home fire safety visits", "False alarms"],
            ["Target (per quarter)", 120, 1500, 300], ["Q1 2024/25", 130, 1400, 280], ["Q2 2024/25", 110, 1580, 310]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Indicators", rows)]))
    assert kp.drop_duplicates("name").set_index("name")["polarity"].to_dict() == {
        "Primary fires": "lower", "Home fire safety visits": "higher", "False alarms": "lower"}
    rows[1] = ["Lower is better for all indicators except fire safety audits"]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire2.xlsx", [SheetSpec("Indicators", rows)]))
    assert any(p.severity == "warning" and "names no measure" in p.message for p in kp.attrs["problems"])


def test_a_note_excepting_the_final_column_reads_that_measure_the_other_way(tmp_path):
    """An IJB's transposed MSG indicators, a note under them 'Lower is better for all except the final column (higher is
    better).': no noun after 'all', so the note was not read, and four measures were rated higher is better under a
    warning. The final column's measure is the exception; 'the first column' names the first."""
    rows = [["Ardnish Health and Social Care Partnership - MSG indicators"], [],
            ["Quarter", "Emergency admissions (18+)", "A&E attendances", "% last 6 months of life in community"],
            ["Target (per quarter)", 2100, 6800, "89.0%"], ["2025/26 Q1", 2090, 7020, "88.9%"], ["2025/26 Q2", 2140, 6720, "89.3%"],
            ["Lower is better for all except the final column (higher is better)."]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "msg.xlsx", [SheetSpec("MSG indicators", rows)]))
    assert kp.drop_duplicates("name").set_index("name")["polarity"].to_dict() == {
        "Emergency admissions (18+)": "lower", "A&E attendances": "lower", "% last 6 months of life in community": "higher"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    rows[-1] = ["Higher is better for all except the first column."]
    kp = perfkit.read_measures(write_workbook(tmp_path / "msg2.xlsx", [SheetSpec("MSG indicators", rows)]))
    assert kp.drop_duplicates("name").set_index("name")["polarity"].to_dict() == {
        "Emergency admissions (18+)": "lower", "A&E attendances": "higher", "% last 6 months of life in community": "higher"}


def test_a_polarity_row_and_empty_quarters_under_a_transposed_table_are_the_tables(tmp_path):
    """A housing KPI trend, measures across, `Target | Q1 | Q2 | Q3 (empty) | Q4 (empty)` down, then a blank row and
    `Better is: | Lower | Lower | Higher | Higher`: the polarity row became a fifth measure under a heading 'Q4 2024/25'."""
    rows = [["Kingsford City Council - Housing KPIs 2024/25"], [],
            ["Period", "Households in temporary accommodation", "Average days to re-let void homes", "% rent collected", "Homelessness preventions"],
            ["Target 2024/25", 450, 30, "97.5%", 150], ["Q1 2024/25", 468, 34, "96.8%", 162], ["Q2 2024/25", 441, 29, "97.9%", 138],
            ["Q3 2024/25"], ["Q4 2024/25"], [], ["Better is:", "Lower", "Lower", "Higher", "Higher"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpi_trend.xlsx", [SheetSpec("KPI trend", rows)]))
    ways = kp.drop_duplicates("name").set_index("name")["polarity"].to_dict()
    assert ways == {"Households in temporary accommodation": "lower", "Average days to re-let void homes": "lower",
                    "% rent collected": "higher", "Homelessness preventions": "higher"}


def test_a_transposed_tables_target_and_actual_columns_are_one_measure_each(tmp_path):
    """'Quarter | Visits Target | Visits Actual | Complaints Target | Complaints Actual': each column was read as a measure
    of its own, four measures and none with a target. Each pair is one measure, its target from the target column."""
    rows = [["Leisure contract KPIs 2024/25"], [], ["Quarter", "Visits Target", "Visits Actual", "Complaints Target", "Complaints Actual"],
            ["Q1 2024/25", 120000, 118000, 30, 25], ["Q2 2024/25", 110000, 112000, 30, 34], ["Q3 2024/25", None, None, None, None]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPIs", rows)]))
    got = kp.set_index(["name", kp["period"].map(perfkit.period_label)])
    assert got["actual"].to_dict() == {("Visits", "2024/25 Q1"): 118000, ("Visits", "2024/25 Q2"): 112000,
                                       ("Complaints", "2024/25 Q1"): 25, ("Complaints", "2024/25 Q2"): 34}
    assert got["target"].to_dict() == {("Visits", "2024/25 Q1"): 120000, ("Visits", "2024/25 Q2"): 110000,
                                       ("Complaints", "2024/25 Q1"): 30, ("Complaints", "2024/25 Q2"): 30}
    assert got.loc[("Complaints", "2024/25 Q2"), "source"] == "KPIs!E5"


@pytest.mark.parametrize("rule, visits", [("sum", (122600, 124000)), ("last", (39000, 40000))])
def test_months_down_the_rows_of_paired_columns_roll_up_each_months_target_with_its_figure(tmp_path, rule, visits):
    """A leisure contract's monthly return, months down the rows and 'Visits Target | Visits Actual' across: once a roll-up
    was given (as the refusal asks), the pairs were ten measures with no target, with no warning; and each quarter's
    months took the quarter's first month's target."""
    rows = [["Leisure management contract - monthly KPI return 2024/25"], [],
            ["Month", "Visits Target", "Visits Actual", "Members Target", "Members Actual"],
            ["Apr-24", 42000, 40100, 3200, 3150], ["May-24", 42000, 43500, 3200, 3180], ["Jun-24", 40000, 39000, 3250, 3230],
            ["Jul-24", None, None, None, None]]
    path = write_workbook(tmp_path / "leisure.xlsx", [SheetSpec("KPIs 2024-25", rows)])
    with pytest.raises(perfkit.PerfkitError, match="does not fold months"):
        perfkit.read_measures(path)
    (tmp_path / "perfkit.toml").write_text(f'[measures.rollup]\ndefault = "{rule}"\n', encoding="utf-8")
    kp = perfkit.read_measures(path).set_index("name")
    assert len(kp) == 2 and (kp.loc["Visits", "actual"], kp.loc["Visits", "target"]) == visits


def test_a_name_merged_over_target_and_actual_columns_is_one_measure(tmp_path):
    """A waste contract's monthly return: each KPI's name merged over 'Target | Actual', months down the rows, later
    months with targets only. It was 'a tracker perfkit could not find the header of', and once given a header row, it
    asked for the kind already set. Read now as one measure a pair; its months are rolled up as asked."""
    rows = [["Waste and recycling collection contract - monthly KPI return 2024/25"],
            ["Month", "KPI 1 Missed bins per 100,000 collections", None, "KPI 2 Recycling rate (%)", None],
            [None, "Target", "Actual", "Target", "Actual"],
            ["Apr-24", 60, 55, 50, 48], ["May-24", 60, 62, 50, 49], ["Jun-24", 60, 58, 50, 50],
            ["Jul-24", 60, None, 50, None]]
    path = write_workbook(tmp_path / "waste.xlsx", [SheetSpec("KPI return", rows, merges=["B2:C2", "D2:E2"])])
    with pytest.raises(perfkit.PerfkitError, match=r'"Jun-24" = "actual@2024/25 Q1"'):
        perfkit.read_measures(path)
    (tmp_path / "perfkit.toml").write_text('[measures.rollup]\ndefault = "sum"\n', encoding="utf-8")
    kp = perfkit.read_measures(path).set_index("name")
    assert kp.loc["KPI 1 Missed bins per 100,000 collections", ["actual", "target"]].tolist() == [175, 180]
    assert kp.loc["KPI 2 Recycling rate (%)", "source"] == "KPI return!E4:E6"
