"""National templates and house styles: a Better Care Fund return whose assessment is of the reporting period while its
figures are a quarter behind, and whose cells to complete are shaded pale yellow; a fire authority's measures whose
polarity the services' statuses give even where [polarity] default is set, and whose readiness measures are no harm."""

from __future__ import annotations

from layout_builders import SheetSpec, write_workbook

import numpy as np

import perfkit

BCF = [["Better Care Fund 2024-25 Q2 Reporting Template"], ["4. Metrics"], [],
       ["Metric", "Definition", "Plan Q1", "For information - actual performance for Q1",
        "Assessment of progress against the metric plan for the reporting period", "Challenges and any Support Needs"],
       ["Avoidable admissions", "Unplanned hospitalisation", 180, 171.2, "On track to meet target", "Winter pressures"],
       ["Falls", "Emergency admissions due to falls", 487.5, 512.4, "Not on track to meet target", None],
       ["Discharge to normal place of residence", "Discharged to usual place", 0.925, 0.921, "Not on track to meet target", None],
       ["Residential admissions", "Permanent admissions", 135, "Not available – reported annually",
        "Data not available to assess progress", None]]


def test_a_bcf_returns_assessment_is_of_the_reporting_period_and_its_yellow_cells_are_styling(tmp_path):
    """The Q2 return: 'actual performance for Q1' and the 'Assessment ... for the reporting period'. The assessment was
    filed under Q1 and the return briefed as Q1's (`--period "2024/25 Q2"` refused); the template's pale yellow over every
    assessment cell was three warnings that each status was 'typed in a cell filled Amber'."""
    path = write_workbook(tmp_path / "BCF_Q2_2024-25.xlsx",
                          [SheetSpec("4. Metrics", BCF, fills={f"E{r}": "FFFF99" for r in range(5, 9)})])
    m = perfkit.read_measures(path)
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["reported_status"].tolist() == ["Green", "Red", "Red", "No data"] and q2["actual"].isna().all()
    q1 = m[m["period"] == perfkit.parse_span("2024/25 Q1").end]
    assert q1["actual"].tolist()[:3] == [171.2, 512.4, 0.921]
    assert not [p for p in m.attrs["problems"] if "typed in a cell filled" in p.message]
    assert any("the sheet's styling" in p.message for p in m.attrs["problems"])


FIRE = [["Fire and Rescue Authority – Well-being Objectives, Quarter 2 2024/25"],
        ["Ref", "Measure", "Target", "Q1 2024/25", "Q1 status", "Q2 2024/25", "Q2 status"],
        ["DP1", "Accidental dwelling fires", 60, 66, "Red", 58, "Green"],
        ["DP4", "Deliberate fires", 200, 198, "Green", 245, "Red"],
        ["DP6", "On-call fire engine availability (%)", "90%", "84.2%", "Red", "84.8%", "Red"]]


def test_the_statuses_give_the_polarity_before_a_default_and_availability_is_no_harm(tmp_path):
    """`[polarity] default = "higher"`, set as the warning offered for the measures nothing gave a way for, overrode the
    fires' lower-is-better that their own statuses gave: red fires 'Improving'. `On-call fire engine availability` was a
    harm ('fire'), never higher is better on its statuses' word, so the warning named it."""
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Indicators", FIRE)])
    m = perfkit.read_measures(path)
    assert m.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str).to_dict() == {
        "DP1": "lower", "DP4": "lower", "DP6": "higher"}
    assert not [p for p in m.attrs["problems"] if p.severity == "warning"]
    (tmp_path / "perfkit.toml").write_text('[polarity]\ndefault = "higher"\n')
    m = perfkit.read_measures(path)
    assert m.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str).to_dict() == {
        "DP1": "lower", "DP4": "lower", "DP6": "higher"}


def test_good_performance_is_on_a_definitions_sheet_is_each_measures_polarity(tmp_path):
    """A fire service's quarter tabs with no polarity column, `KPI | Definition | Good performance is` on 'Definitions':
    the sheet was passed over, and a measure whose statuses said nothing plainly held the brief with a warning."""
    definitions = [["Performance Indicator Definitions"], [], ["KPI", "Definition", "Good performance is"],
                   ["KPI 1", "Number of primary fires", "Lower"], ["KPI 5", "% of critical incidents attended in 10 minutes", "Higher"],
                   ["KPI 7", "Home Fire Safety Visits delivered", "Higher"]]
    q2 = [["Fire and Rescue Service – Performance Report Quarter 2 2024/25"], [],
          ["KPI", "Description", "Target", "Actual"], ["KPI 1", "Number of primary fires", 210, 198],
          ["KPI 5", "% of critical incidents attended in 10 minutes", "80%", "78.4%"], ["KPI 7", "Home Fire Safety Visits delivered", 900, 950]]
    m = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Definitions", definitions), SheetSpec("Q2 2024-25", q2)]))
    assert m.set_index("measure_id")["polarity"].astype(str).to_dict() == {"KPI 1": "lower", "KPI 5": "higher", "KPI 7": "higher"}
    assert not [p for p in m.attrs["problems"] if p.severity == "warning"]
    assert any("as Definitions!C4 says of KPI 1" in p.message for p in m.attrs["problems"])


def test_a_long_header_naming_the_quarter_over_text_is_no_period_column_left_unread(tmp_path):
    """`Q2 Achievements - including where BCF funding is supporting improvements.` over sentences: warned of as 'a period's
    column not read', with the line to read it as the quarter's actual, and the brief held."""
    rows = [r[:] for r in BCF]
    rows[3] = rows[3] + ["Q2 Achievements - including where BCF funding is supporting improvements."]
    for r in rows[4:]:
        r.append("The virtual ward step-up pathway reduced admissions from care homes this quarter.")
    m = perfkit.read_measures(write_workbook(tmp_path / "BCF_Q2_2024-25.xlsx", [SheetSpec("4. Metrics", rows)]))
    assert not [p for p in m.attrs["problems"] if p.severity == "warning" and "Achievements" in p.message]
    assert any("holds text about the period" in p.message for p in m.attrs["problems"])


def test_a_plan_merged_across_the_quarters_is_the_years_and_no_quarters_target(tmp_path):
    """The BCF template's Falls plan, one figure for the year merged over `Q1 | Q2 | Q3 | Q4`: taken as Q1's target, a
    quarter's rate was rated against the year's and the brief called it 'furthest ahead of target'."""
    rows = [["Better Care Fund 2024-25 Q1 Reporting Template"], [],
            ["Metric", "Plan", None, None, None, "Actual Q1 2024/25"], [None, "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25", None],
            ["Avoidable admissions", 180, 175, 190, 185, 171.2], ["Falls", 1950, None, None, None, 512.4]]
    spec = SheetSpec("4. Metrics", rows, merges=["B3:E3", "B6:E6"])
    m = perfkit.read_measures(write_workbook(tmp_path / "bcf.xlsx", [spec]))
    q1 = m[m["period"] == perfkit.parse_span("2024/25 Q1").end].set_index("name")
    assert q1.loc["Avoidable admissions", "target"] == 180 and np.isnan(q1.loc["Falls", "target"])
    assert any("merged across the quarters' target columns" in p.message for p in m.attrs["problems"])
