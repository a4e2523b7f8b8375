"""An integration joint board's performance framework: one row per national indicator, each with the period its latest
figure is of (``2023/24``, ``2023``, ``Apr-Jun 2024``), the partnership's figure in a column named for it beside
Scotland's, a target and the board's RAG. Read with no settings as the quarter the title names."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.cli import main

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
