"""A measure with no target that the service rated: its Red stood behind 'Data only' in every count, with no word."""

from __future__ import annotations

import pandas as pd

import perfkit
from perfkit.analyse.assess import assess_measures
from perfkit.present.briefing import check_items


def _frame():
    return pd.DataFrame({"measure_id": ["A1", "A2", "A3", "A4"], "polarity": ["higher", "lower", "higher", "higher"],
                         "target": [None, None, 90.0, None], "actual": [10.0, 95.0, 80.0, 5.0],
                         "reported_status": ["Green", "Red", "Green", None]})


def test_the_services_rating_stands_and_the_rules_is_kept_beside_it():
    a = assess_measures(_frame())
    assert a["status"].astype(str).tolist() == ["Green", "Red", "Green", "Data only"]
    assert a["computed_status"].astype(str).tolist() == ["Data only", "Data only", "Red", "Data only"]
    assert a["status_from_service"].tolist() == [True, True, True, False]
    assert a["status_differs"].tolist() == [False, False, True, False]


def test_the_officer_is_told_which_measures_took_the_services_status(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    for row in (["Ref", "Measure", "Q1 2024/25", "Q2 2024/25", "Q2 RAG"], ["A1", "Anti-social behaviour incidents", 1200, 1100, "Green"],
                ["A2", "Hate crimes reported", 80, 95, "Red"], ["A3", "Fly-tipping incidents", 300, 310, "Amber"]):
        ws.append(row)
    wb.save(tmp_path / "k.xlsx")
    frames = perfkit.read_workbook(tmp_path / "k.xlsx")
    fig = perfkit.quarter_figures(None, frames["measures"], "2024/25 Q2")
    assert fig.to_dict()["measures"]["by_status"]["Red"]["count"] == 1
    listed = {ident: rows for ident, _, _, rows in check_items(fig, frames)}
    assert [r[1] for r in listed["service-status"]] == ["A1", "A2", "A3"]


def test_summary_counts_the_services_statuses_and_names_where_the_figures_differ(tmp_path, capsys):
    """A scorecard whose services rated by their own 8% tolerance: 'Within Tolerance' (Amber) at 7% short was counted Red
    from the figures, with nothing in summary to say so."""
    import json

    from openpyxl import Workbook

    from perfkit.cli import main

    wb = Workbook()
    ws = wb.active
    ws.title = "Place"
    for row in (["Place KPIs 2024/25"], ["PI Ref", "Indicator", "Good is", "Target", "Q2 Actual", "Q2 RAG"], ["PLA01", "Bins collected (%)", "High", 99, 99.5, "On Target"],
                ["PLA03", "Planning decisions in time (%)", "High", 90, 83.7, "Within Tolerance"]):
        ws.append(row)
    wb.save(tmp_path / "place.xlsx")
    assert main(["summary", str(tmp_path / "place.xlsx"), "--period", "2024/25 Q2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Amber": 1, "Green": 1}
    assert doc["differs_from_figures"] == ["PLA03"]


def test_changes_come_from_a_quarter_the_workbook_holds(tmp_path, capsys):
    """A fire authority's sheet of Q2 2023/24, Q1 2024/25 and Q2 2024/25: summary --period Q1 said the changes were from
    2023/24 Q4, a quarter the workbook does not hold, with every measure 'new'."""
    import json

    from openpyxl import Workbook

    from perfkit.cli import main

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    for row in (["Ref", "Measure", "Polarity", "Target", "Q2 2023/24", "Q1 2024/25", "Q2 2024/25"],
                ["K1", "Calls answered (%)", "Higher", 90, 85, 91, 92], ["K2", "Days to pay", "Lower", 10, 12, 9, 8]):
        ws.append(row)
    wb.save(tmp_path / "k.xlsx")
    assert main(["summary", str(tmp_path / "k.xlsx"), "--period", "2024/25 Q1", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]["measures"]
    assert changes["from"] != "2023/24 Q4" and changes["new"] == 0


def test_a_measure_with_last_years_outturn_and_no_figure_this_year_is_no_data_not_gone(tmp_path, capsys):
    """A service plan's measure with its 2023/24 outturn and blank Q1 and Q2 was read as an annual measure and vanished
    from every count and the briefing, with no word."""
    import json

    from openpyxl import Workbook

    from perfkit.cli import main

    wb = Workbook()
    ws = wb.active
    ws.title = "Service Plan PIs"
    for row in (["Service plan indicators 2024/25"], ["Ref", "Indicator", "Polarity", "2023/24 Outturn", "2024/25 Target", "Q1 2024/25", "Q2 2024/25"],
                ["ES01", "Missed bins per 100,000", "Lower", 42, 40, 38, 39], ["ES07", "Abandoned vehicles removed in 24 hours (%)", "Higher", 91, 95, None, None]):
        ws.append(row)
    wb.save(tmp_path / "plan.xlsx")
    assert main(["summary", str(tmp_path / "plan.xlsx"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    assert doc["total"] == 2 and doc["by_status"]["No data"]["count"] == 1


def test_achievement_words_are_the_services_status_where_the_sheet_gives_no_other(tmp_path):
    """A public health dashboard's 'Achievement' column (Achieved / Partially achieved / Not achieved) was read as the
    level achieved only, and the figures' rule rated every measure with nothing said."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Jul-Sep 24"
    for row in (["Public health commissioned services, July to September 2024"],
                ["Ref", "Indicator", "Polarity", "Target", "Actual", "Achievement"],
                ["PH1", "Smoking quits at 4 weeks (%)", "Higher", 50, 52, "Achieved"],
                ["PH2", "Health checks taken up (%)", "Higher", 50, 44, "Partially achieved"],
                ["PH6", "STI tests within 48 hours (%)", "Higher", 95, 93, "Not achieved"]):
        ws.append(row)
    wb.save(tmp_path / "ph.xlsx")
    a = assess_measures(perfkit.read_measures(tmp_path / "ph.xlsx"))
    assert a["status"].astype(str).tolist() == ["Green", "Amber", "Red"]
    assert a["status_differs"].tolist() == [False, True, True]


def test_a_services_status_stands_where_its_figure_is_suppressed():
    a = assess_measures(pd.DataFrame({"measure_id": ["F5"], "polarity": ["lower"], "target": [5.0], "actual": [None],
                                      "reported_status": ["Green"]}))
    assert a["status"].astype(str).tolist() == ["Green"] and a["computed_status"].astype(str).tolist() == ["No data"]
    # no figure to disagree with: the checks list it among the measures with no figure, not as differing from its figures
    assert a["status_differs"].tolist() == [False]


def test_a_services_data_only_beside_a_blank_figure_stands_rather_than_no_data():
    """A performance system's export leaves the value blank where its status says 'Data Only': counted as No data, the
    service's own word was replaced without a word (both unrated, so no percentage moved)."""
    a = assess_measures(pd.DataFrame({"measure_id": ["R1", "R2"], "polarity": ["higher", "higher"], "target": [None, 5.0],
                                      "actual": [None, None], "reported_status": ["Data only", "Not applicable"]}))
    assert a["status"].astype(str).tolist() == ["Data only", "Not applicable"]
    assert a["computed_status"].astype(str).tolist() == ["No data", "No data"] and not a["status_differs"].any()
