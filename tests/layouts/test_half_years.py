"""A half-yearly performance report (``H1 2024/25 | H1 status | H2 2024/25 | H2 status``): the committee reads of the
half-year, compared with the half-year before, never of a fourth quarter the workbook does not hold."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.present import briefing, narrative, tables

ROWS = [["Corporate Performance Report 2024/25 - Half-year and Year-end"], [],
        ["Ref", "Measure", "Good performance", "Annual target", "H1 2024/25", "H1 status", "H2 2024/25", "H2 status"],
        ["HY1", "% of calls answered within 60 seconds", "High", 80, 82, "On target", 84, "On target"],
        ["HY2", "% of FOI requests answered within 20 working days", "High", 90, 86, "Near target", 91, "On target"],
        ["HY3", "Average days to pay supplier invoices", "Low", 10, "12 days", "Off target", "11 days", "Near target"],
        ["HY4", "Staff turnover (%)", "Low", 12, 10.5, "On target", 13.1, "Off target"]]


def test_half_years_figures_are_briefed_as_half_years(tmp_path, capsys):
    """The H2 figures were headed 'Quarter 4 2024/25 (January to March 2025)' and the move from H1 was not counted."""
    path = write_workbook(tmp_path / "half_year.xlsx", [SheetSpec("Corporate PIs", ROWS)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024/25 H2"
    changes = doc["changes"]["measures"]
    assert (changes["from"], changes["improved"], changes["declined"], changes["unchanged"]) == ("2024/25 H1", 2, 1, 1)
    fig = perfkit.quarter_figures(None, perfkit.read_measures(path), "2024/25 Q4")
    head = briefing.header("Anyshire Council", fig)
    assert "Half-yearly performance briefing: 2024/25 H2" in head and "second half of 2024/25 (October 2024 to March 2025)" in head
    assert "Quarter 4" not in head
    html = tables.measures_table(fig, "Measures")
    assert "Direction since 2024/25 H1" in html and ">2024/25 H1<" in html and "2024/25 Q3" not in html
    assert "Compared with 2024/25 H1, the figures of" in " ".join(narrative.summary_lines(fig))


def test_the_inventory_names_half_years_and_years_as_they_are(tmp_path):
    """The inventory said '2024/25 Q2 to 2024/25 Q4' of half-years, and '2021/22 Q4 to 2023/24 Q4' of a table of years."""
    path = write_workbook(tmp_path / "half_year.xlsx", [SheetSpec("Corporate PIs", ROWS)])
    assert perfkit.validate(path).inventory[0].periods == ["2024/25 H1", "2024/25 H2"]
    rows = [["Adult social care outcomes"], ["Ref", "Measure", "Polarity", "2021/22", "2022/23", "2023/24"],
            ["1A", "Social care-related quality of life", "Higher", 19.1, 19.0, 19.2],
            ["2A", "Long-term support needs met by admission to care homes", "Lower", 560, 540, 580]]
    path = write_workbook(tmp_path / "ascof.xlsx", [SheetSpec("ASCOF", rows)])
    assert perfkit.validate(path).inventory[0].periods == ["2021/22", "2022/23", "2023/24"]


def test_milestones_rated_for_a_half_year_are_briefed_as_the_half_year(tmp_path, capsys):
    """A housing business plan tracker, `H1 2024/25 update | H1 2024/25 RAG | H2 ... (empty)`, read as milestones: the
    brief called the position 'Quarter 2 2024/25 (July to September 2024)', which the workbook never says."""
    rows = [["HRA Business Plan - Delivery Tracker 2024/25"], [],
            ["Ref", "Milestone", "Lead", "Due date", "H1 2024/25 update", "H1 2024/25 RAG", "H2 2024/25 update", "H2 2024/25 RAG"],
            ["HRA1", "Bring 150 homes up to EPC C", "Asset Manager", "31/03/2026", "Survey complete", "G", None, None],
            ["HRA2", "Start on site for new build phase 2", "Development Manager", "31/07/2024", "Tender failed", "R", None, None],
            ["HRA3", "Refresh the rent arrears policy", "Income Manager", "31/08/2024", "Draft with legal", "A", None, None],
            ["HRA4", "Launch the tenant panel", "Engagement Lead", "30/06/2024", "Launched", "G", None, None]]
    path = write_workbook(tmp_path / "hra_tracker.xlsx", [SheetSpec("HRA BP", rows)])
    assert perfkit.validate(path).inventory[0].periods == ["2024/25 H1"]
    assert main(["summary", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == "2024/25 H1"
    fig = perfkit.quarter_figures(perfkit.read_milestones(path), None, "2024/25 Q2")
    assert fig.half_yearly and fig.label == "2024/25 H1"
    head = briefing.header("Anyshire Council", fig)
    assert "Half-yearly performance briefing: 2024/25 H1" in head and "first half of 2024/25 (April 2024 to September 2024)" in head
    body = briefing.overview(fig) + briefing.priorities(fig) + briefing.attention(fig) + briefing.milestone_list(fig) + briefing.about(fig)
    assert "Q2" not in body and "quarter" not in body.lower(), body


def test_a_public_health_returns_half_year_actual_and_outcome_indicators_are_read(tmp_path):
    """'Outcome indicator | Baseline (2023/24) | Annual target 2024/25 | Half-year actual (Apr-Sep) | RAG': no header was
    found ('Half-year actual' named no period, 'Outcome indicator' read as the priority), and init guessed so."""
    rows = [["Public Health Grant - Outcomes Return 2024/25"], ["Half-year return: April to September 2024"], [],
            ["Outcome indicator", "Baseline (2023/24)", "Annual target 2024/25", "Half-year actual (Apr-Sep)", "RAG"],
            ["Number of smoking quitters at 4 weeks", "412", "450", "231", "G"],
            ["NHS Health Checks delivered (number)", "5,120", "6,000", "2,480", "A"],
            ["Chlamydia detection rate per 100,000", "1,980", "2,300", "1,020", "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ph.xlsx", [SheetSpec("PH outcomes", rows)]))
    h1 = kp[kp["period"].map(lambda p: perfkit.period_label(p, "half")) == "2024/25 H1"].set_index("name")
    assert h1["actual"].to_dict() == {"Number of smoking quitters at 4 weeks": 231, "NHS Health Checks delivered (number)": 2480,
                                      "Chlamydia detection rate per 100,000": 1020}
