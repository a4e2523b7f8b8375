"""An integration joint board's performance framework: one row per national indicator, each with the period its latest
figure is of (``2023/24``, ``2023``, ``Apr-Jun 2024``), the partnership's figure in a column named for it beside
Scotland's, a target and the board's RAG. Read with no settings as the quarter the title names."""

from __future__ import annotations

import json

import pytest

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.cli.starter import starter_text

ROWS = [["Glenmuir Health and Social Care Partnership"], ["Integration Joint Board - Performance Framework Q2 2024/25"], [],
        ["Indicator", "Description", "Reporting period", "Glenmuir", "Scotland", "Target", "RAG"],
        ["NI-1", "% of adults able to look after their health very well or quite well", "2023/24", "91%", "91%", "92%", "Amber"],
        ["NI-2", "% of adults supported at home who agree they are supported to live independently", "2023/24", "76%", "72%", "75%", "Green"],
        ["NI-11", "Premature mortality rate per 100,000", "2023", "412", "442", "420", "Green"],
        ["NI-12", "Emergency admission rate per 100,000 adults", "Apr-Jun 2024", "11,950", "11,707", "11,500", "Red"]]


def test_an_ijb_framework_reads_the_partnerships_own_figures_each_of_its_own_period(tmp_path, capsys):
    """Refused twice over: 'no actual column' ('Glenmuir' is the partnership's own), and, once mapped, '2023' in its
    'Reporting period' column refused as a calendar year (the column was read as a long table's periods)."""
    path = write_workbook(tmp_path / "ijb_framework.xlsx", [SheetSpec("Performance Framework", ROWS)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024/25 Q2"
    assert {s: v["count"] for s, v in doc["measures"]["by_status"].items() if v["count"]} == {"Green": 2, "Amber": 1, "Red": 1}
    kp = perfkit.read_measures(path)
    assert dict(zip(kp["measure_id"], kp["actual"])) == {"NI-1": 91, "NI-2": 76, "NI-11": 412, "NI-12": 11950}
    assert dict(zip(kp["measure_id"], kp["figure_period"])) == {"NI-1": "2023/24", "NI-2": "2023/24", "NI-11": "2023", "NI-12": "Apr-Jun 2024"}
    assert any("'Scotland' holds a comparator's figures" in p.message for p in report)  # beside the partnership's own


def test_a_long_table_of_each_measures_quarters_stays_one(tmp_path):
    """The same column in a long table (a measure on several rows, each a quarter): its rows' periods, as before."""
    rows = [["Glenmuir Health and Social Care Partnership"], ["Performance 2024/25"],
            ["Indicator", "Description", "Reporting period", "Glenmuir", "Target"],
            ["NI-12", "Emergency admission rate", "Apr-Jun 2024", 11950, 11500],
            ["NI-12", "Emergency admission rate", "Jul-Sep 2024", 11700, 11500]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "long.xlsx", [SheetSpec("Performance", rows)]))
    assert [str(p) for p in kp["period"]] == ["2025Q1", "2025Q2"]


def test_a_framework_with_no_target_or_rag_is_no_comparison_with_other_areas(tmp_path):
    """'Indicator | Description | Reporting period | Strathallan | Scotland | Better: High/Low', no target and no RAG: set
    aside as "a comparison with other areas", though the partnership named in the title is the body reporting."""
    rows = [["Strathallan Health and Social Care Partnership"], ["Performance Framework – Quarter 2 2024/25: National Integration Indicators"],
            [], ["Indicator", "Description", "Reporting period", "Strathallan", "Scotland", "Better: High/Low"],
            ["NI-1", "Adults able to look after their health very well or quite well (%)", "2023/24", 90.1, 90.7, "High"],
            ["NI-11", "Premature mortality rate per 100,000 persons", "2023", 462, 442, "Low"],
            ["NI-12", "Emergency admission rate per 100,000", "2023/24", 11420, 11707, "Low"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "framework.xlsx", [SheetSpec("National Indicators", rows)]))
    assert dict(zip(kp["measure_id"], kp["actual"])) == {"NI-1": 90.1, "NI-11": 462, "NI-12": 11420}
    assert any("title names it as the body reporting" in p.message for p in kp.attrs["problems"])


def test_the_councils_own_columns_by_year_beside_england_are_its_figures(tmp_path, capsys):
    """An ASCOF table: 'Ashvale 2022/23 | Ashvale 2023/24 | England 2023/24 | South West 2023/24' under the title '... -
    Ashvale County Council'. The sheet was set aside as a comparison with other areas, though its first columns were the
    council's own: they are each year's figures, and the other areas are compared with the latest."""
    rows = [["Adult Social Care Outcomes Framework (ASCOF) 2023/24 - Ashvale County Council"], [],
            ["ASCOF ref", "Measure", "Ashvale 2022/23", "Ashvale 2023/24", "England 2023/24", "South West 2023/24", "Polarity"],
            ["1A", "Social care-related quality of life score", 19.1, 19.3, 19.0, 19.2, "High is good"],
            ["1C", "People who receive direct payments (%)", 24.0, 22.1, 25.5, 23.9, "High is good"],
            ["2A", "Admissions to care homes (65+), per 100,000", 610.5, 655.0, 566.0, 540.2, "Low is good"]]
    path = write_workbook(tmp_path / "ascof.xlsx", [SheetSpec("ASCOF 2023-24", rows)])
    kp = perfkit.read_measures(path)
    got = kp.set_index(["measure_id", kp["period"].map(perfkit.period_label)])["actual"].to_dict()
    assert got == {("1A", "2022/23 Q4"): 19.1, ("1A", "2023/24 Q4"): 19.3, ("1C", "2022/23 Q4"): 24.0, ("1C", "2023/24 Q4"): 22.1,
                   ("2A", "2022/23 Q4"): 610.5, ("2A", "2023/24 Q4"): 655.0}  # each year at its end
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    assert doc["direction"]["improving"] == 1 and doc["direction"]["worsening"] == 2
    assert doc["compared_with"]["England 2023/24"] == {"better": 1, "worse": 2, "same": 0, "no_polarity": 0}


@pytest.mark.parametrize("header", ["Time period", "Latest period"])
def test_every_period_a_scorecards_rows_give_is_named_in_its_note(tmp_path, header):
    """A public health scorecard's 'Time period' of six kinds: the note named five and left '2020-22' out unsaid. A health
    and wellbeing board's 'Latest period' was 'not used', each figure published as the quarter's, with no warning."""
    periods = ["2021-23", "2023", "2022/23", "2023/24", "2021", "2020-22"]
    rows = [["Public Health Outcomes - Local scorecard"], ["Latest published data, November 2024"], [],
            ["Indicator", header, "Local value", "England", "Compared with England"],
            *([f"Indicator {i}", p, 10 + i, 11, "Similar"] for i, p in enumerate(periods))]
    path = write_workbook(tmp_path / "phof.xlsx", [SheetSpec("Scorecard", rows)])
    kp = perfkit.read_measures(path)
    note = next(p.message for p in kp.attrs["problems"] if "a period of its own" in p.message)
    assert all(repr(p) in note for p in periods), note
    # init writes what reading does: the column of periods and England's figures need no line (it had mapped the one as
    # a long table's periods, which then refused '2023', and asked what the other held)
    text = starter_text(path)
    assert f'"{header}" = "period"' not in text and f'# "{header}": the period each measure' in text
    assert '# "England": another area' in text


def test_the_boards_own_value_column_is_its_figure(tmp_path):
    """'Indicator | Latest period | Barnford value | England | South East' under 'Barnford Health and Wellbeing Board':
    set aside as a comparison with other areas, the board's own column unread."""
    rows = [["Barnford Health and Wellbeing Board - Outcomes Framework dashboard, November 2024"], [],
            ["Indicator", "Latest period", "Barnford value", "England", "South East", "Compared with England"],
            ["Healthy life expectancy - female (years)", "2020-22", 64.1, 63.6, 65.2, "Similar"],
            ["Smoking prevalence in adults (%)", "2023", 13.9, 11.9, 11.2, "Worse"],
            ["Physically active adults (%)", "2022/23", 64.0, 67.1, 68.9, "Worse"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "hwb.xlsx", [SheetSpec("Outcomes framework", rows)]))
    assert kp["actual"].tolist() == [64.1, 13.9, 64.0]


def test_a_survey_every_two_years_is_compared_with_the_year_before_last_and_said(tmp_path):
    """An IJB's core suite: NI-1 from the biennial survey (2021/22 and 2023/24, none for 2022/23): the brief said it had
    'no earlier figure to compare with' beside its 2021/22 figure."""
    rows = [["Glenmoor Health and Social Care Partnership - Annual Performance Report 2023/24"],
            ["Indicator", "Title", "2021/22", "2022/23", "2023/24"],
            ["NI-1", "Percentage of adults able to look after their health very well or quite well", "91.2%", None, "90.1%"],
            ["NI-11", "Premature mortality rate per 100,000 persons", 451, 448, 431],
            # a year withheld ('[x]') is a figure that exists unseen: not comparable, as before
            ["NI-19", "Proportion of adults with a learning disability in paid employment", "4.1%", "[x]", "4.8%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("Core Suite", rows)]))
    from perfkit.analyse.figures import measure_position
    from perfkit.present import narrative

    fig = perfkit.quarter_figures(None, kp, "2023/24")
    text = narrative.measures_paragraph(fig)
    assert "(one with 2021/22, having no figure for 2022/23)" in text and "One has no earlier figure" in text, text  # NI-19 alone
    pos = measure_position(fig).set_index("measure_id")
    assert pos.loc["NI-1", "basis"] == "year before last" and pos.loc["NI-1", "direction"] == "Decreasing"
    assert pos.loc["NI-19", "direction"] == "Not comparable"
    from perfkit.analyse import annual  # the year's own table reads it the same way: one source of numbers
    year = annual.annual_status(kp, "2023/24").set_index("measure_id")["direction"].astype(str).to_dict()
    assert (year["NI-1"], year["NI-11"], year["NI-19"]) == ("Decreasing", "Decreasing", "Not comparable")
