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


def test_a_measure_with_no_target_takes_the_services_rating():
    a = assess_measures(_frame())
    assert a["status"].astype(str).tolist() == ["Green", "Red", "Red", "Data only"]
    assert a["status_from_service"].tolist() == [True, True, False, False]
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
