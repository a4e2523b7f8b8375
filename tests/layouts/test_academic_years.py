"""An education scorecard's columns headed by academic years ('2021/22 academic | 2022/23 academic | 2023/24 academic |
Target 2023/24'), and a target for a year before every figure's: each read as it says, or warned of, never dropped."""

from __future__ import annotations

import pytest
from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.present import briefing

ROWS = [("Good level of development at EYFS (%)", "High", 63, 65.1, 66.4, 67.7, 67, "A"),
        ("KS2 expected standard (%)", "High", 57, 58, 62, 61, 60, "G"),
        ("Persistent absence, secondary (%)", "Low", 28.1, 26.5, 24, 25.6, 25, "G"),
        ("EHCPs issued within 20 weeks (%)", "High", 48, 44, 39, 50.3, 60, "R")]


@pytest.mark.parametrize("years", [("2021/22 academic", "2022/23 academic", "2023/24 academic"),
                                   ("Academic year 2021/22", "Academic year 2022/23", "Academic year 2023/24"),
                                   ("AY 2021/22", "AY 2022/23", "AY 2023/24")])
def test_academic_years_are_the_years_figures_and_the_briefing_says_september_to_august(tmp_path, years):
    """The academic years' columns were not read as periods: the latest was taken for the figures of the quarter the title
    names ('the sheet's title names it as the body reporting'), 'Target 2023/24' dropped with no word, every measure
    unrated."""
    rows = [["Education Performance Scorecard"], ["Report to Scrutiny - Quarter 2 2024/25"],
            ["Indicator", "Good is", *years, "National 2023/24", "Target 2023/24", "RAG"], *map(list, ROWS)]
    kp = perfkit.read_measures(write_workbook(tmp_path / "education.xlsx", [SheetSpec("Education", rows)]))
    latest = kp[kp["period"].astype(str) == "2024Q4"].set_index("name")  # the year 2023/24, kept on its last quarter
    assert latest["actual"].tolist() == [66.4, 62, 24, 39] and latest["target"].tolist() == [67, 60, 25, 60]
    assert any("are academic years (September to August)" in p.message for p in kp.attrs["problems"])
    fig = perfkit.quarter_figures(None, kp, "2023/24")
    assert "the academic year (September 2023 to August 2024)" in briefing.header("Anyshire", fig)
    assert "April 2023" not in briefing.header("Anyshire", fig)
    assert "Years are academic years, September to August" in briefing.about(fig)


def test_a_target_for_a_year_before_every_figure_is_a_warning_with_the_line_to_type(tmp_path):
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Good is", "Target 2023/24", "Q1 2024/25", "Q2 2024/25"],
            ["A1", "Reviews on time (%)", "High", 85, 81, 86], ["A2", "Days to assess", "Low", 14, 12, 16]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    warned = [p for p in kp.attrs["problems"] if p.severity == "warning" and p.source == "KPIs!D2"]
    assert len(warned) == 1 and "a year before any figure here" in warned[0].message
    assert '"Target 2023/24" = "target@2024/25"' in warned[0].message


def test_next_years_target_beside_this_years_outturn_is_no_warning(tmp_path):
    rows = [["Service plan 2024/25"], ["Ref", "Measure", "Good is", "2023/24", "Target 2024/25", "2024/25", "Target 2025/26"],
            ["A1", "Reviews on time (%)", "High", 80, 85, 86, 88]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)]))
    assert not [p for p in kp.attrs["problems"] if "a year before any figure" in p.message]
