"""Targets typed as a bound (``≥ 95%``, ``no more than 12``) or an aim (``Reduce``), and the services' own status words."""

from __future__ import annotations

import openpyxl
import pytest

import perfkit
from perfkit.analyse.assess import assess_measures


def _book(path, targets, polarity=None, reported=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Corporate KPIs: Quarter 2 2024/25"])
    ws.append(["Ref", "Measure", "Target", *(["Polarity"] if polarity else []), "Q1", "Q2", *(["Q2 RAG"] if reported else [])])
    for i, (target, q1, q2) in enumerate(targets):
        ws.append([f"K{i + 1}", f"Measure {i + 1}", target, *([polarity[i]] if polarity else []), q1, q2,
                   *([reported[i]] if reported else [])])
    wb.save(path)
    return path


@pytest.mark.parametrize("typed, value, way, actual, status", [
    ("≥ 95%", 95, "higher", "93%", "Amber"), (">= 95%", 95, "higher", "96%", "Green"), ("At least 95%", 95, "higher", "80%", "Red"),
    ("95% or above", 95, "higher", "95%", "Green"), ("95%+", 95, "higher", "96%", "Green"), ("≤ 10 days", 10, "lower", "12 days", "Red"),
    ("no more than 12", 12, "lower", 11, "Green"), ("Max 12", 12, "lower", 13, "Red"), ("< 5", 5, "lower", 4, "Green"),
    ("above 90%", 90, "higher", "91%", "Green"),
    # a multiplier and a unit after the bound, and the period it is for: a leisure contract's energy target
    ("≤ 1.45m kWh per quarter", 1_450_000, "lower", "1.38m kWh", "Green"), ("≤ 1.45m kWh", 1_450_000, "lower", 1_500_000, "Amber"),
])
def test_a_bound_is_the_target_and_says_which_way_is_better(tmp_path, typed, value, way, actual, status):
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [(typed, actual, actual)]))
    a = assess_measures(ms)
    assert set(a["target"]) == {value} and set(a["polarity"]) == {way} and set(a["status"].astype(str)) == {status}
    assert any(p.severity == "info" and f"target {typed!r} read as" in p.message for p in ms.attrs["problems"])
    assert not [p for p in ms.attrs["problems"] if p.severity != "info" and "polarity" in p.message]


@pytest.mark.parametrize("typed, way", [("Reduce", "lower"), ("Increase", "higher"), ("Minimise", "lower")])
def test_an_aim_gives_the_polarity_and_no_figure(tmp_path, typed, way):
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [(typed, 50, 45)]))
    a = assess_measures(ms)
    assert a["target"].isna().all() and set(a["polarity"]) == {way} and set(a["status"].astype(str)) == {"Data only"}
    assert any("gives no figure to meet" in p.message for p in ms.attrs["problems"])


def test_a_bound_that_disagrees_with_the_polarity_column_is_a_warning(tmp_path):
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [("≥ 95%", "96%", "97%")], polarity=["Lower is better"]))
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning" and "its target says higher is better" in p.message]
    assert warned and warned[0].source == "KPIs!D3"
    assert set(ms["polarity"]) == {"lower"}


def test_an_unknown_word_in_the_services_status_column_is_a_warning_not_a_refusal(tmp_path):
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [(95, 96, 97), (95, 90, 80)], reported=["Spot on", "Green"]))
    warned = [p for p in ms.attrs["problems"] if "unknown status 'Spot on'" in p.message]
    assert warned and warned[0].severity == "warning" and warned[0].source == "KPIs!F3"
    assert len(ms) == 4


@pytest.mark.parametrize("word, status", [("Slight delay", "Amber"), ("Significant delay", "Red"), ("Minor delays", "Amber"),
                                          ("Significantly behind schedule", "Red"), ("No issues", "Green")])
def test_a_delay_by_its_degree(word, status):
    assert perfkit.DEFAULT_SCALE.normalise(word) == status


@pytest.mark.parametrize("title, period", [("Corporate delivery tracker - September 2024", "2024/25 Q2"),
                                           ("Milestone update, March 2025", "2024/25 Q4")])
def test_a_month_and_year_in_the_title_place_the_financial_year(tmp_path, title, period):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    for row in ([title], [], ["Ref", "Milestone", "Status"], ["M1", "Open the hub", "Green"], ["M2", "Close the depot", "Amber"]):
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    ms = perfkit.read_milestones(tmp_path / "t.xlsx")
    assert set(ms["period"]) == {perfkit.parse_period(period)}
    assert any(p.message.startswith(f"financial year {period[:7]} taken from") for p in ms.attrs["problems"])


def test_a_figure_for_the_period_is_the_target(tmp_path):
    """'60 per quarter' among a planning return's targets refused the whole return as not a number."""
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [("60 per quarter", 55, 64), ("12 a month", 10, 11)]))
    assert ms.drop_duplicates("measure_id")["target"].tolist() == [60, 12]
    assert any(p.message.startswith("target '60 per quarter' read as 60") for p in ms.attrs["problems"])


@pytest.mark.parametrize("typed, way", [("Top quartile", "none"), ("Improve on 2023/24", "none"), ("Better than England average", "none"),
                                        ("Upper quartile", "none"), ("Reduce by 5%", "lower"), ("Increase by 10%", "higher")])
def test_a_target_set_against_others_or_last_year_is_data_only_never_a_refusal(tmp_path, typed, way):
    """'Top quartile' (and 'Improve', 'Better than England average', 'Reduce by 5%') refused the whole workbook as 'not a
    number', with no line to type: no figure to meet, so Data only, said; an aim's word still gives the direction."""
    ms = perfkit.read_measures(_book(tmp_path / "k.xlsx", [(typed, 40, 42)]))
    a = assess_measures(ms)
    assert a["target"].isna().all() and set(a["status"].astype(str)) == {"Data only"} and set(a["polarity"]) == {way}
    assert any(p.severity == "info" and p.message.startswith(f"target {typed!r}") for p in ms.attrs["problems"])
