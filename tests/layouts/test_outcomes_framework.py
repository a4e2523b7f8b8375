"""An outcomes framework: indicators each with its own published period (``Time period``: ``2023/24``, ``2021``,
``2021 - 23``) beside ``Value`` and ``Previous value``, the file dated by the month of the board it went to. The figures
are not the quarter the file's name falls in, and the previous value is not the quarter before."""

from __future__ import annotations

import pytest
from layout_builders import SheetSpec, write_workbook

import perfkit

INDICATORS = [
    ("Smoking status at time of delivery (%)", "2023/24", 9.8, 10.9),
    ("Under 18s conception rate / 1,000", "2021", 13.9, 14.6),
    ("Infant mortality rate (per 1,000 live births)", "2021 - 23", 3.6, 3.9),
    ("Percentage of physically active adults", "2022/23", 68.4, 66.9),
    ("Estimated dementia diagnosis rate (%)", "2024", 66.9, 65.2),
]


def _build(folder, periods=None):
    rows = [["Health and Wellbeing Board outcomes framework"], ["Report to the Board, 21 November 2024"], [],
            ["Indicator", "Time period", "Value", "Previous value"], ["Starting well"]]
    for i, (name, period, value, previous) in enumerate(INDICATORS):
        rows.append([name, periods[i] if periods else period, value, previous])
    return write_workbook(folder / "HWB_outcomes_framework_Nov2024.xlsx", [SheetSpec("Outcomes framework", rows)])


def _warned(frame):
    return [p for p in frame.attrs["problems"] if p.severity == "warning" and p.column == "period"]


def test_each_indicators_own_period_beside_quarter_columns_is_a_warning_naming_the_column(tmp_path):
    frame = perfkit.read_measures(_build(tmp_path))
    warned = _warned(frame)
    assert len(warned) == 1, [p.message for p in frame.attrs["problems"]]
    assert warned[0].source == "Outcomes framework!B6:B9"
    assert "'Time period' gives 3 of the 5 measures a period of their own" in warned[0].message
    assert "'2021 - 23'" in warned[0].message and 'kind = "ignore"' in warned[0].message


def test_a_period_column_that_names_the_quarter_read_is_said_only_as_a_note(tmp_path):
    frame = perfkit.read_measures(_build(tmp_path, periods=["2024/25 Q3"] * len(INDICATORS)))
    assert not _warned(frame)
    assert any("names the quarter the figures are read as (2024/25 Q3)" in p.message for p in frame.attrs["problems"])


def test_an_loip_annual_reports_trend_since_baseline_is_its_direction(tmp_path, capsys):
    """A Local Outcomes Improvement Plan's annual progress report: `Baseline | Baseline period | Latest | Latest period |
    Trend since baseline | Progress`, each indicator of its own period. No figure of the year before compares, so the
    annual summary said every indicator 'Not comparable' where the sheet's own trend column gives the direction."""
    import json

    from perfkit.cli import main

    trends = ["Improving", "Worsening", "Improving", "Improving", "Worsening"]
    rows = [["Glenford Community Planning Partnership"], ["Local Outcomes Improvement Plan: Annual Progress Report 2023/24"], [],
            ["No.", "Indicator", "Baseline", "Baseline period", "Latest", "Latest period", "Trend since baseline", "Progress"],
            ["Theme 1: Economy and fair work"]]
    for i, (name, period, value, previous) in enumerate(INDICATORS):
        rows.append([str(i + 1), name, f"{previous}", "2019", f"{value}", period, trends[i], ["On track", "Not on track", "Some progress"][i % 3]])
    path = write_workbook(tmp_path / "loip_annual_2023-24.xlsx", [SheetSpec("LOIP indicators", rows)])
    assert main(["summary", str(path), "--period", "2023/24", "--json"]) == 0
    annual = json.loads(capsys.readouterr().out)["annual"]
    assert {k: v for k, v in annual["direction"].items() if v} == {"Improving": 3, "Worsening": 2}
    assert annual["direction_from_service"] == 5


def test_a_scorecards_own_assessment_against_its_baseline_is_counted_as_the_services_direction(tmp_path, capsys):
    """A Police and Crime Plan scorecard: `Measure | Aim | Latest period | Latest | Baseline | Assessment`, each figure of
    its own period and no quarter before: the summary and the brief gave no direction at all, where the committee quotes
    the scorecard's own count (improving, stable, deteriorating against the baseline)."""
    import json

    from perfkit.cli import main
    from perfkit.analyse.figures import quarter_figures
    from perfkit.present.narrative import measures_paragraph

    said = ["Improving", "Improving", "Stable", "Deteriorating", "Insufficient data"]
    rows = [["Police and Crime Plan scorecard"], ["Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Aim", "Latest period", "Latest", "Baseline", "Assessment"]]
    for i, (name, period, value, previous) in enumerate(INDICATORS):
        rows.append([f"{i + 1}a", name, "Reduce", period, value, previous, said[i]])
    path = write_workbook(tmp_path / "pcp_scorecard_q2_2024-25.xlsx", [SheetSpec("Scorecard", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    assert doc["direction_from_service"] == {"Improving": 2, "No change": 1, "Worsening": 1}
    kp = perfkit.read_measures(path)
    text = measures_paragraph(quarter_figures(None, kp, "2024/25 Q2"))
    assert "By the services' own assessment of direction, where the figures cannot be compared or no polarity says which way is better, 2 are improving, 1 is stable and 1 is worsening." in text


def test_a_trend_since_baseline_is_never_checked_against_the_year_before(tmp_path, capsys):
    """`Baseline year | Baseline | Previous year | Previous | Latest year | Latest | Trend since baseline`: the trend words
    compare the latest figure with the baseline. Checked against the previous figure instead, five indicators were listed
    as the officer contradicting the figures ('wrote Improving, but it went from 95.3% to 94.8%'), and the briefing printed
    them; each indicator's own latest year was not read either."""
    import json

    from perfkit.cli import main

    items = [("1.1", "Employment rate (16-64) (%)", 71.2, "2022/23", 72.0, "2023/24", 73.4, "Improving", "Higher"),
             ("1.2", "School leavers in a positive destination (%)", 93.1, "2022/23", 95.3, "2023/24", 94.8, "Improving", "Higher"),
             ("2.1", "Healthy life expectancy, males (years)", 61.2, "2018-20", 60.9, "2019-21", 60.1, "Worsening", "Higher"),
             ("2.2", "Premature mortality rate, under 75 (per 100,000)", 421, "2022", 455, "2023", 438, "Worsening", "Lower")]
    rows = [["LOIP outcome indicators - Annual Report 2023/24"], [],
            ["Ref", "Indicator", "Baseline year", "Baseline", "Previous year", "Previous", "Latest year", "Latest",
             "Trend since baseline", "Better if"]]
    rows += [[ref, name, "2016/17", base, py, prev, ly, latest, trend, better] for ref, name, base, py, prev, ly, latest, trend, better in items]
    path = write_workbook(tmp_path / "loip_annual_report_2023-24.xlsx", [SheetSpec("Outcome indicators", rows)])
    assert main(["summary", str(path), "--period", "2023/24", "--json"]) == 0
    annual = json.loads(capsys.readouterr().out)["annual"]
    assert annual["officer_disagreements"] == []
    kp = perfkit.read_measures(path)
    said = [p.message for p in kp.attrs["problems"]]
    assert any("'Trend since baseline' compares each figure with its own starting point" in m for m in said)
    assert any(m.startswith("column 'Latest year' gives some figures periods of their own") and "'2019-21'" in m for m in said), said
    from perfkit.analyse.figures import quarter_figures
    from perfkit.present.tables import measures_table
    assert "Direction (Trend since baseline)" in measures_table(quarter_figures(None, kp, "2023/24 Q4"), "Measures")


def test_a_long_trend_column_is_never_checked_against_the_year_before(tmp_path, capsys):
    """A Scottish council's LGBF report with Pentana's `Long Trend` (over several years): read as the trend on the year
    before, three officers were listed as contradicting the figures, and the brief printed it for the committee."""
    import json

    from perfkit.cli import main

    rows = [["LGBF 2023/24: annual performance report"], [],
            ["Code", "Indicator", "Polarity", "2022/23", "2023/24", "Long Trend"],
            ["CHN19a", "School attendance rate (%)", "Higher", 90.9, 91.2, "Getting Worse"],
            ["CORP6a", "Sickness absence days per teacher", "Lower", 6.2, 6.1, "Getting Worse"],
            ["CORP8", "Invoices paid within 30 days (%)", "Higher", 93.0, 92.7, "Improving"]]
    path = write_workbook(tmp_path / "lgbf_2023-24.xlsx", [SheetSpec("LGBF 2023-24", rows)])
    assert main(["summary", str(path), "--period", "2023/24", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["annual"]["officer_disagreements"] == []


def test_a_tab_of_calendar_years_is_refused_saying_so(tmp_path):
    """An LGBF workbook's economy tab headed `2019 | 2020 | ... | 2023`: "could not find its header", with no word of the
    years, and no line in perfkit.toml could read them."""
    rows = [["LGBF economic development indicators (calendar years)"], [],
            ["Code", "Indicator", "2019", "2020", "2021", "2022", "2023", "Scotland 2023"],
            ["ECON7", "People earning less than the real living wage (%)", 19.2, 17.9, 15.7, 10.4, 9.9, 9.4],
            ["ECON8", "Properties receiving superfast broadband (%)", 88.1, 90, 91.5, 92.3, 93, 95.4],
            ["ECON9", "Town vacancy rates", 10.3, 11.6, 12.4, 11.9, 12.6, 11.2]]
    from perfkit.core.errors import LayoutError
    with pytest.raises(LayoutError, match=r"headed with calendar years \('2019', '2020', '2021', '2022', '2023' at row 3\).*kind = .ignore."):
        perfkit.validate(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("Economy (calendar yrs)", rows)]))


def test_a_change_on_the_year_before_the_latest_is_a_trend_against_the_year_before(tmp_path):
    """An LGBF table's `Change on 2021-22` beside 2022-23: said to compare 'each figure with its own starting point', and
    never checked against the year before, which it names."""
    rows = [["LGBF indicators 2020-21 to 2022-23"], ["Code", "Indicator", "2020-21", "2021-22", "2022-23", "Change on 2021-22"],
            ["CHN4", "% of pupils gaining 5+ awards at Level 5", 68, 67, 65, "Declined"],
            ["CHN11", "Proportion of pupils entering positive destinations", 95.2, 95.8, 96.1, "Improved"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "lgbf.xlsx", [SheetSpec("LGBF", rows)]))
    assert "trend_since" not in m.attrs
    assert not any("its own starting point" in p.message for p in m.attrs["problems"])


def test_an_ijbs_data_period_column_is_each_indicators_own_period_and_warned_of(tmp_path):
    """An IJB scorecard's `Data period` (2023, 2023/24, 2021-23, Sep 2024) beside `Previous | Latest`: 'not used', and every
    figure was dated 2024/25 Q2 in the brief with no warning."""
    rows = [["Integration Joint Board performance scorecard – Quarter 2 2024/25"],
            ["Ref", "Indicator", "Data period", "Target", "Previous", "Latest", "RAG"],
            ["MSG-1", "Emergency admissions per 1,000", "2021-23", 110, 114, 112, "Amber"],
            ["NI-11", "Premature mortality rate", "2023", 420, 431, 425, "Red"],
            ["L-3", "Delayed discharge bed days", "Sep 2024", 2500, 2610, 2480, "Green"],
            ["L-4", "Care at home hours delivered", "2023/24", 50000, 48000, 51000, "Green"]]
    report = perfkit.validate(write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("Scorecard", rows)]))
    assert any(p.severity == "warning" and "column 'Data period' gives" in p.message for p in report)


def test_comparator_columns_are_counted_against_by_polarity(tmp_path):
    """An ASCOF table with `England 2023-24 | South West 2023-24` beside the council's years: the comparators were 'not used',
    so the brief could not say how the council stands against England, the point of the return."""
    from perfkit.present import narrative

    rows = [["Adult Social Care Outcomes Framework - with comparators"], [],
            ["Ref", "Measure", "Polarity", "2022-23", "2023-24", "England 2023-24", "South West 2023-24"],
            ["1A", "Social care-related quality of life score", "Higher", 19.0, 19.3, 19.1, 19.2],
            ["1B", "People who have control over their daily life (%)", "Higher", 76.5, 75.9, 77.6, 78.0],
            ["2A", "Admissions to care homes, 65+ (per 100,000)", "Lower", 560, 540, 566, 520],
            ["1E", "Adults with learning disabilities in paid work (%)", "Higher", 4.6, 4.8, 4.8, 5.3],
            ["3A", "Overall satisfaction with care and support (%)", "Higher", 63.0, None, 63.7, 65.1]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ascof.xlsx", [SheetSpec("ASCOF", rows)]))
    fig = perfkit.quarter_figures(None, kp, "2023/24")
    assert fig.to_dict()["measures"]["compared_with"] == {
        "England 2023-24": {"better": 2, "worse": 1, "same": 1, "no_polarity": 0},
        "South West 2023-24": {"better": 1, "worse": 3, "same": 0, "no_polarity": 0}}
    text = narrative.measures_paragraph(fig)
    assert "Against England 2023-24, of the 4 measures with a figure for both, 2 are better, 1 worse and 1 the same." in text


def test_the_sheets_own_comparison_with_england_is_counted_as_it_says(tmp_path):
    """A health and wellbeing outcomes framework, `Borchester | England | Compared with England | Trend`, no polarity and
    pooled years: the 'Compared with England' words (Worse, Similar) were 'not used', and the brief could count none of
    the 7 against England for want of a polarity. The sheet's own judgement (a statistical one) is counted as it says,
    and the subtitle says each figure is of a period of its own, never the quarter's."""
    from perfkit.present import briefing, narrative

    rows = [["Borchester Health and Wellbeing Strategy: Outcomes Framework"], ["Update for Health and Wellbeing Board, November 2024"], [],
            ["Outcome", "Indicator", "Time period", "Borchester", "England", "Compared with England", "Trend"],
            ["Start well", "Infant mortality rate (per 1,000 live births)", "2020-22", 4.6, 3.9, "Worse", "No significant change"],
            ["Start well", "Smoking status at time of delivery (%)", "2023/24", 9.8, 7.4, "Worse", "Improving"],
            ["Live well", "Suicide rate (per 100,000)", "2019-21", 11.9, 10.4, "Similar", "No significant change"],
            ["Age well", "Excess winter deaths index (%)", "2019-21", 36.2, 36.2, "Similar", "-"],
            ["Age well", "Healthy life expectancy at 65 (years)", "2020-22", 11.9, 11.2, "Significantly better", "-"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ofw.xlsx", [SheetSpec("Outcomes framework", rows)]))
    said = [p.message for p in kp.attrs["problems"]]
    assert any("column 'Compared with England' holds the sheet's own judgement" in m for m in said), said
    fig = perfkit.quarter_figures(None, kp, "2024/25 Q3")
    assert fig.to_dict()["measures"]["compared_with"] == {
        "England": {"better": 1, "worse": 2, "same": 2, "no_polarity": 0, "as_the_sheet_judges": 5}}
    assert ("Against England, as the workbook judges them, of the 5 measures compared, 1 is better, 2 worse and 2 similar."
            in narrative.measures_paragraph(fig))
    assert ": each figure the latest available, of a period of its own." in briefing.header("Borchester", fig)


def test_a_benchmark_column_naming_its_area_in_brackets_is_a_comparator(tmp_path):
    """A London borough's `Benchmark (London average)` beside the quarter's figures was 'not used by perfkit', though the
    guide says a column naming another area is compared with."""
    from perfkit.present import narrative

    rows = [["Corporate performance report - Quarter 2 2024/25"],
            ["Ref", "Measure", "Good is", "Q2 target", "Q2 actual", "Benchmark (London average)"],
            ["SC01", "Residents satisfied with the area (%)", "High", 75, 78, 74],
            ["TE01", "Household waste recycled (%)", "High", 35, 33, 32.5],
            ["CG01", "Council tax collected (%)", "High", 55, 56.1, 55.0]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "lb.xlsx", [SheetSpec("Q2 Corporate KPIs", rows)]))
    fig = perfkit.quarter_figures(None, kp, "2024/25 Q2")
    assert fig.to_dict()["measures"]["compared_with"] == {"Benchmark (London average)": {"better": 3, "worse": 0, "same": 0, "no_polarity": 0}}
    assert "Against Benchmark (London average), of the 3 measures with a figure for both, 3 are better" in narrative.measures_paragraph(fig)


def test_a_scotland_column_of_figures_each_its_own_is_a_comparator_read_as_its_cells_show(tmp_path):
    """An IJB framework's `Scotland` column (97.8, 190, 0.891 shown as 89.1%, n/a): its figures, all different, were taken
    for references and the column was 'not used'; and a comparator shown as a percentage was compared as the fraction
    beneath it (0.891 against 87.5%: 'better')."""
    rows = [["Riverside Health and Social Care Partnership - Performance Framework"], ["Quarter 2 2024/25 (July to September 2024)"], [],
            ["Ref", "Indicator", "Aim", "Target", "Latest value", "Scotland", "RAG"],
            ["MSG1", "Emergency admissions per 1,000 population (18+)", "Decrease", 95, 101.2, 97.8, "R"],
            ["MSG2", "Delayed discharge bed days per 1,000 (75+)", "Decrease", 180, 172, 190, "G"],
            ["NI15", "% of last 6 months of life spent at home", "Increase", 0.88, 0.875, 0.891, "A"],
            ["NI14", "Emergency readmissions within 28 days per 1,000 discharges", "Decrease", 100, 98, 103, "G"],
            ["MSG3", "Unscheduled bed days per 1,000", "Decrease", 300, 310, 295, "A"],
            ["L01", "Carers supported", "Increase", 150, 162, "n/a", "G"]]
    path = write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("Indicators", rows, number_formats={"D7:F7": "0.0%"})])
    kp = perfkit.read_measures(path)
    fig = perfkit.quarter_figures(None, kp, "2024/25 Q2")
    assert fig.to_dict()["measures"]["compared_with"] == {"Scotland": {"better": 2, "worse": 3, "same": 0, "no_polarity": 0}}
    assert kp.set_index("measure_id")["Scotland"].round(1).to_dict()["NI15"] == 89.1
