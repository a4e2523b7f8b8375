"""Risk registers: read before/after pairs from two-row and repeated headers, rate them, compare assessments."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from openpyxl import Workbook

import perfkit
from perfkit.read.kinds import risks as rk
from perfkit.read.kinds.risks import RiskMatrix, read_risks
from perfkit.analyse.risks import risk_summary
from perfkit.present.risks import briefing_section

BANDS = ["Inherent risk", None, None, "Residual risk 2024/25 Q1", None, None, "Residual risk 2024/25 Q2"]
HEADER = ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Score", "Impact", "Likelihood", "Score", "Impact", "Likelihood",
          "Score", "Target score", "Direction of travel", "Mitigating actions"]
# ref, title, owner, inherent (I, L, S), Q1 (I, L, S), Q2 (I, L, S), target, direction, mitigation
CORPORATE = [
    ("CR01", "Cyber attack disrupts council services", "Head of IT", (5, 4, 20), (4, 4, 16), (4, 3, 12), 8, "Decreasing", "Patching, backups, training"),
    ("CR02", "Budget gap in the medium-term financial plan", "Section 151 Officer", (5, 5, 25), (4, 4, 16), (5, 4, 20), 12, "Increasing", "Savings plan"),
    ("CR03", "Recruitment and retention of staff", "Head of HR", (4, 4, "=D7*E7"), (3, 3, 9), (3, 3, 9), 6, "No change", "Pay review"),
    ("CR04", "Safeguarding failure", "Director of People", (5, 3, 15), (4, 2, 8), (4, 2, "=J8*K8"), 8, "Stable", "Training and audits"),
    ("CR05", "Climate adaptation of council buildings", "Head of Estates", (3, 4, 12), (3, 3, None), (3, 2, 6), 6, "Decreasing", "Adaptation plan"),
    ("CR06", "Data breach", "Data Protection Officer", (4, 4, 16), (3, 3, 9), (4, 3, 15), 9, "No change", "Data protection training"),
    ("CR07", "Contractor insolvency", "Head of Procurement", (3, 3, 9), (None, None, None), (2, 2, 4), 4, "New", "Financial checks on bidders"),
]


def corporate_register(path):
    """A 5x5 corporate register: title, a two-row header (bands naming the quarter), formulas, a key underneath."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Corporate risks"
    ws["A1"] = "Corporate Risk Register 2024/25"
    for c, v in enumerate(BANDS, start=4 - 3):
        if v:
            ws.cell(row=3, column=c + 3, value=v)
    ws.merge_cells("D3:F3")
    ws.merge_cells("G3:I3")
    ws.merge_cells("J3:L3")
    for c, h in enumerate(HEADER, start=1):
        ws.cell(row=4, column=c, value=h)
    for r, (ref, title, owner, inh, q1, q2, target, direction, mitigation) in enumerate(CORPORATE, start=5):
        values = [ref, title, owner, *inh, *q1, *q2, target, direction, mitigation]
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    ws.cell(row=14, column=1, value="Key: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high")
    wb.save(path)
    return path


MONITORING_HEADER = ["Ref", "Risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood", "Owner"]
MONITORING = [
    ["Delivery Plan monitoring report, Quarter 2 2024/25"],
    [],
    MONITORING_HEADER,
    ["R1", "Failure to deliver the housing programme because of", "H", "H", "Programme board meets monthly", "M", "H", "Head of Housing"],
    [None, "contractor capacity and rising build costs", None, None, None, None, None, None],
    ["R2", "Loss of key staff.", "M", "H", "Succession plans", "M", "M", "Head of HR"],
    ["R3", "Income shortfall from car parks", "High", "Medium", "Review of charges", "Low", "Medium", "Head of Finance"],
    ["R4", "Flooding of the depot", "M", "L", "Flood barriers installed", "L", "L", "Head of Operations"],
]


@pytest.fixture
def corporate(tmp_path):
    return corporate_register(tmp_path / "corporate_register.xlsx")


@pytest.fixture
def monitoring(make_book):
    return make_book(MONITORING, name="monitoring.xlsx", sheet="Risks")


def _messages(frame_or_report):
    problems = frame_or_report.attrs["problems"] if hasattr(frame_or_report, "attrs") else list(frame_or_report)
    return {(p.source, p.severity): p.message for p in problems}


# ---------------------------------------------------------------------------------------------- the 5x5 register


def test_corporate_register_reads_every_risk_and_quarter(corporate):
    risks = read_risks(corporate)
    assert list(dict.fromkeys(risks["risk_id"])) == [r[0] for r in CORPORATE]
    assert sorted(perfkit.period_label(p) for p in risks["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    q2 = risks[risks["period"] == pd.Period("2025Q2", freq="Q-MAR")].set_index("risk_id")
    assert q2.loc["CR01", ["residual_impact", "residual_likelihood", "residual_score"]].tolist() == [4, 3, 12]
    assert q2["residual_score"].tolist() == [12, 20, 9, 8, 6, 15, 4]
    assert q2["residual_rating"].astype(str).tolist() == ["High", "Very high", "Medium", "Medium", "Medium", "Very high", "Low"]
    assert q2["inherent_score"].tolist() == [20, 25, 16, 15, 12, 16, 9]
    assert q2["inherent_rating"].astype(str).tolist() == ["Very high"] * 4 + ["High", "Very high", "Medium"]
    assert q2.loc["CR02", "owner"] == "Section 151 Officer" and q2.loc["CR02", "target_score"] == 12
    assert q2.loc["CR06", "direction"] == "unchanged" and q2.loc["CR07", "direction"] == "new"
    assert q2.loc["CR06", "source"] == "Corporate risks!L10"
    q1 = risks[risks["period"] == pd.Period("2025Q1", freq="Q-MAR")].set_index("risk_id")
    assert q1.loc["CR05", "residual_score"] == 9  # blank: worked out
    assert math.isnan(q1.loc["CR07", "residual_score"])
    assert q1.loc["CR01", "direction"] == ""  # the one direction column is the latest quarter's


def test_planted_score_reported_by_cell(corporate):
    msgs = _messages(read_risks(corporate))
    assert "disagrees with impact x likelihood (4 x 3 = 12)" in msgs[("Corporate risks!L10", "warning")]


def test_formula_without_saved_value_reported(corporate):
    msgs = _messages(read_risks(corporate))
    assert "formula with no saved value" in msgs[("Corporate risks!F7", "warning")]
    assert "formula with no saved value" in msgs[("Corporate risks!L8", "warning")]
    risks = read_risks(corporate)
    assert risks.set_index(["risk_id", "period"]).loc[("CR03", pd.Period("2025Q1", freq="Q-MAR")), "inherent_score"] == 16


def test_bands_read_from_the_key_and_said(corporate):
    risks = read_risks(corporate)
    m = risks.attrs["risk_matrix"]
    assert m.size == 5 and m.names == ["Low", "Medium", "High", "Very high"] and m.source.startswith("the key at")
    assert any("risk matrix 5x5" in p.message and "bands from the key at Corporate risks!A14" in p.message for p in risks.attrs["problems"])
    assert not risks["title"].str.startswith("Key").any()


def test_summary_movement_and_above_target(corporate):
    s = risk_summary(read_risks(corporate))
    assert perfkit.period_label(s.period) == "2024/25 Q2" and perfkit.period_label(s.previous) == "2024/25 Q1"
    assert s.movement_basis == "previous assessment"
    assert s.movement["increased"] == ["CR02", "CR06"]
    assert s.movement["decreased"] == ["CR01", "CR05"]
    assert s.movement["unchanged"] == ["CR03", "CR04"]
    assert s.movement["new"] == ["CR07"] and s.movement["closed"] == []
    assert s.above_target == ["CR01", "CR02", "CR03", "CR06"]
    assert [d["risk_id"] for d in s.disagreements] == ["CR06"]
    d = s.to_dict()
    assert d["total"] == 7
    assert d["by_rating"]["Very high"] == {"inherent": 5, "residual": 2}
    assert d["by_rating"]["Low"] == {"inherent": 0, "residual": 1}


def test_summary_of_an_earlier_quarter(corporate):
    s = risk_summary(read_risks(corporate), period="2024/25 Q1")
    assert s.total == 6 and s.previous is None and s.movement_basis == "none"  # the direction column speaks of Q2


def test_appetite_lists_risks_above_it(corporate):
    risks = read_risks(corporate, matrix=RiskMatrix.default(5, appetite=12))
    assert risk_summary(risks).above_appetite == ["CR02", "CR06"]
    assert risks.attrs["risk_matrix"].source == "default"


# ---------------------------------------------------------------------------------------------- the H/M/L report


def test_monitoring_report_hml_with_repeated_headers(monitoring):
    risks = read_risks(monitoring)
    assert risks["risk_id"].tolist() == ["R1", "R2", "R3", "R4"]
    assert risks["title"].iloc[0] == "Failure to deliver the housing programme because of contractor capacity and rising build costs"
    assert risks["inherent_score"].tolist() == [9, 6, 6, 2]
    assert risks["residual_score"].tolist() == [6, 4, 2, 1]
    assert risks["inherent_rating"].astype(str).tolist() == ["High", "High", "High", "Low"]
    assert risks["residual_rating"].astype(str).tolist() == ["High", "Medium", "Low", "Low"]
    assert risks["mitigation"].iloc[1] == "Succession plans" and risks["owner"].iloc[3] == "Head of Operations"
    assert perfkit.period_label(risks["period"].iloc[0]) == "2024/25 Q2"
    assert risks.attrs["risk_matrix"].size == 3
    msgs = _messages(risks)
    assert "joined to that risk" in msgs[("Risks!B5", "info")]
    assert not [p for p in risks.attrs["problems"] if p.severity == "warning"]


def test_monitoring_summary_with_one_assessment_and_no_direction_says_nothing_of_movement(monitoring):
    s = risk_summary(read_risks(monitoring))
    assert s.total == 4 and s.movement_basis == "none" and s.high_after == 1  # no direction column, no earlier quarter
    assert s.to_dict()["by_rating"]["High"] == {"inherent": 3, "residual": 1}


def test_direction_since_last_review_is_the_movement_and_a_register_with_none_says_so(make_book):
    """A housing register's 'Direction since last review' (Reduced / No change / Increased) was not read, and the summary
    said its movement came from "direction words" with every list empty."""
    rows = [["Housing risk register Q2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact", "Score", "Direction since last review"],
            ["HS01", "Damp and mould claims", 3, 4, 12, "Reduced"], ["HS02", "Void loss", 4, 4, 16, "No change"],
            ["HS03", "Contractor failure", 2, 2, 4, "Increased"], ["HS04", "Rent arrears", 2, 5, 10, "Reduced"]]
    s = risk_summary(read_risks(make_book(rows, name="housing.xlsx", sheet="Risks")))
    assert s.movement_basis == "direction words"
    assert s.movement["decreased"] == ["HS01", "HS04"] and s.movement["increased"] == ["HS03"] and s.movement["unchanged"] == ["HS02"]
    bare = risk_summary(read_risks(make_book([r[:5] for r in rows], name="bare.xlsx", sheet="Risks")))
    assert bare.movement_basis == "none" and not any(bare.movement.values())


def test_scores_written_as_likelihood_times_impact_and_a_current_risk_column_are_read(make_book):
    """A corporate register writes each score 'L4 x I5 = 20' under 'Inherent risk (L x I)', 'Current risk' and 'Target
    risk': refused ('neither a number nor a band'), and 'Current risk' was not read at all."""
    rows = [["Corporate Risk Register – Q2 2024/25 review"], [],
            ["Risk ref", "Risk title", "Inherent risk (L x I)", "Current risk", "Target risk", "Direction of travel"],
            ["CR01", "Budget gap", "L5 x I5 = 25", "L4 x I5 = 20", "L3 x I4 = 12", "Unchanged"],
            ["CR02", "Cyber attack", "L4 x I5 = 20", "L3 x I5 = 15", "L2 x I5 = 10", "Increasing"],
            ["CR03", "Safeguarding", "L3 x I5 = 15", "L2 x I5", "L2 x I5 = 10", "Unchanged"]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Risks"))
    assert risks["inherent_score"].tolist() == [25, 20, 15] and risks["residual_score"].tolist() == [20, 15, 10]
    assert risks["target_score"].tolist() == [12, 10, 10] and risk_summary(risks).above_target == ["CR01", "CR02"]


def test_likelihood_times_impact_cells_give_the_matrix_and_a_score_column_beside_them_is_checked(make_book):
    """'Inherent risk (L x I)' holding 'L4 x I5' beside 'Inherent score': read as the score alone, so the matrix had no
    impact or likelihood and the brief said the register gave none ('no matrix is drawn'), and 'Inherent score' was not
    used, so a score that disagreed with its product went unsaid."""
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [],
            ["Risk No.", "Risk title", "Inherent risk (L x I)", "Inherent score", "Residual risk (L x I)", "Residual score"],
            ["SR01", "Funding gap", "L4 x I5", 20, "L3 x I5", 15], ["SR02", "Officer numbers", "I4 x L3", 12, "L2 x I4", 16],
            ["SR03", "Cyber attack", "L4 x I5", 20, "L3 x I4", 12]]
    risks = read_risks(make_book(rows, name="srr.xlsx", sheet="Risks"))
    assert risks["inherent_likelihood"].tolist() == [4, 3, 4] and risks["inherent_impact"].tolist() == [5, 4, 5]
    assert risks["residual_likelihood"].tolist() == [3, 2, 3] and risks["residual_impact"].tolist() == [5, 4, 4]
    assert risks["residual_score"].tolist() == [15, 16, 12]  # the score as given, and its disagreement said
    said = [(p.source, p.severity, p.message) for p in risks.attrs["problems"]]
    assert any(src == "Risks!F5" and sev == "warning" and "disagrees with impact x likelihood (4 x 2 = 8)" in m for src, sev, m in said), said
    assert not any("'Inherent score' is not used" in m for _, _, m in said)
    bare = [r[:3] + r[4:5] if len(r) > 4 else r for r in rows]  # no score columns beside: the products are the scores
    risks = read_risks(make_book(bare, name="bare.xlsx", sheet="Risks"))
    assert risks["inherent_score"].tolist() == [20, 12, 20] and risks["residual_impact"].tolist() == [5, 4, 4]


def test_a_register_with_no_score_after_mitigation_is_a_warning_naming_the_columns_not_read(make_book):
    rows = [["Corporate Risk Register – Q2 2024/25 review"], [],
            ["Risk ref", "Risk title", "Inherent risk", "Present exposure"],
            ["CR01", "Budget gap", 25, 20], ["CR02", "Cyber attack", 20, 15], ["CR03", "Safeguarding", 15, 10]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Risks"))
    (said,) = [p for p in risks.attrs["problems"] if p.column == "residual_score" and p.severity == "warning"]
    assert '"Present exposure" = "residual_score"' in said.message


def test_a_register_of_one_assessment_is_read_as_where_each_risk_stands_now(make_book):
    """'Likelihood | Impact | Score | Risk level | Previous score | Target score': the one assessment was read as before
    mitigation, so every figure after it was empty (none above target), and the warning then offered the previous
    quarter's score as the current one."""
    rows = [["Strategic Risk Register - Quarter 2 2024/25"], [],
            ["Risk ref", "Risk title", "Likelihood", "Impact", "Score", "Risk level", "Previous score", "Target score"],
            ["SR01", "Budget gap", 4, 5, 20, "Very high", 16, 8], ["SR02", "Cyber attack", 3, 5, 15, "Very high", 15, 10],
            ["SR03", "SEND high needs", 2, 4, 8, "Medium", 12, 6], ["SR04", "Workforce", 2, 2, 4, "Low", 4, 4]]
    risks = read_risks(make_book(rows, name="srr.xlsx", sheet="Risks"))
    assert risks["residual_score"].tolist() == [20, 15, 8, 4] and risks["inherent_score"].isna().all()
    s = risk_summary(risks)
    assert s.above_target == ["SR01", "SR02", "SR03"] and s.to_dict()["by_rating"]["Very high"] == {"inherent": 0, "residual": 2}
    assert not [p for p in risks.attrs["problems"] if p.severity == "warning"]


def test_a_register_rating_its_worst_risks_critical_names_the_top_band_so(make_book):
    """Low / Medium / High / Critical, ratings alone: 'Critical' was 'not a band', and the two critical risks were left
    out of the counts (the brief held back on the warning)."""
    rows = [["Corporate risk register 2024/25 Q2"], ["Ref", "Risk", "Inherent rating", "Residual Q1", "Residual Q2"],
            ["R1", "Budget gap", "Critical", "High", "High"], ["R2", "Cyber", "Critical", "Critical", "High"],
            ["R3", "Workforce", "High", "Medium", "Medium"], ["R4", "Flooding", "Medium", "Low", "Low"]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Risks"))
    assert not [p for p in risks.attrs["problems"] if p.severity != "info"]
    by = risk_summary(risks).to_dict()["by_rating"]
    assert by["Critical"] == {"inherent": 2, "residual": 0} and by["High"] == {"inherent": 1, "residual": 2}


def test_unknown_level_word_is_an_error_naming_the_cell(make_book):
    rows = [list(r) for r in MONITORING]
    rows[5][3] = "Quite likely"
    path = make_book(rows, name="bad.xlsx", sheet="Risks")
    with pytest.raises(perfkit.ValidationError) as exc:
        read_risks(path)
    assert "Risks!D6" in str(exc.value)


def test_continuation_without_references_joins_only_running_text(make_book):
    rows = [r[1:] for r in MONITORING[2:]]
    rows[2] = ["contractor capacity", None, None, None, None, None, None]
    path = make_book([["Risks Q2 2024/25"], *rows], name="noref.xlsx", sheet="Risks")
    risks = read_risks(path)
    assert len(risks) == 4 and risks["title"].iloc[0].endswith("because of contractor capacity")


# ---------------------------------------------------------------------------------------------- the engine around it


def test_validate_and_inventory_know_risks(corporate):
    report = perfkit.validate(corporate)
    assert any(e.kind == "risks" and e.items == 7 for e in report.inventory)
    assert any(p.source == "Corporate risks!L10" for p in report)


def test_read_workbook_reads_risks_beside_milestones(tmp_path):
    from conftest import milestone_rows, write_rows

    path = write_rows(tmp_path / "plan_2023-24.xlsx", milestone_rows(["G", "A", "R", "G"], ["G", "G", "A", "G"]),
                      extra_sheets={"Risks": MONITORING})
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"milestones", "risks"}
    assert len(frames["risks"]) == 4 and len(frames["milestones"]["milestone_id"].unique()) == 4


def test_matrix_defaults_and_contrast():
    assert RiskMatrix.default(5).names == ["Low", "Medium", "High", "Very high"]
    assert RiskMatrix.default(3).band(4) == "Medium" and RiskMatrix.default(3).band(6) == "High"
    assert rk.check_matrix(RiskMatrix.default(5)) == [] and rk.check_matrix(RiskMatrix.default(4)) == []
    assert rk.check_matrix(RiskMatrix(5, [("Low", 1, 9, "#ffdd00"), ("High", 10, 25)])) != []


def test_key_bands_text():
    assert rk.key_bands(["Low 1-3", "Medium 4-6", "High 8+"]) == [("Low", 1, 3), ("Medium", 4, 6), ("High", 8, math.inf)]
    assert rk.key_bands(["Key: G = on track"]) == []


def test_header_cells_merged_down_over_two_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Risks"
    ws.append(["Ref", "Risk", "Inherent risk", None, "Residual risk", None])
    ws.append([None, None, "Impact", "Likelihood", "Impact", "Likelihood"])
    ws.append(["R1", "Flood", 4, 4, 2, 2])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:D1")
    ws.merge_cells("E1:F1")
    wb.save(tmp_path / "r.xlsx")
    assert read_risks(tmp_path / "r.xlsx")["residual_score"].tolist() == [4]


# ---------------------------------------------------------------------------------------------- presentation


def test_heatmap_alt_text_and_table_equivalent(corporate):
    from perfkit.present import charts
    from perfkit.present import tables

    risks = read_risks(corporate)
    chart = charts.risk_heatmap(risks)
    assert chart.png.startswith(b"\x89PNG")
    assert "Before mitigation: 5 very high, 1 high and 1 medium" in chart.alt
    assert "After mitigation: 2 very high, 1 high, 3 medium and 1 low" in chart.alt
    assert "CR02 (likelihood 4 Likely, impact 5 Severe, score 20)" in chart.alt
    html = tables.risk_matrix_table(risks, "residual")
    assert html.count("<tr>") == 6 and html.count('<th scope="row">') == 5
    assert "Very high: 1<br><span class=\"ids\">CR02</span>" in html
    assert "High: 2<br><span class=\"ids\">CR01, CR06</span>" in html


def test_every_coloured_cell_says_its_band(corporate):
    import re

    html = briefing_section(read_risks(corporate), "2024/25 Q2")
    coloured = re.findall(r'style="background:[^"]+">([^<]*)<', html)
    assert coloured and all(re.search(r"(Low|Medium|High|Very high)", t) for t in coloured)
    assert 'alt="Two 5 by 5 risk matrices' in html and '<h2 id="risks">' in html


def test_briefing_section_says_which_assessment(corporate):
    html = briefing_section(read_risks(corporate), "2024/25 Q4")
    assert "The latest risk assessment is for 2024/25 Q2." in html
    assert briefing_section(None) == ""


def test_narrative_words_the_summary(monitoring):
    from perfkit.present.narrative import risk_paragraph

    text = risk_paragraph(risk_summary(read_risks(monitoring)), "corporate risk")
    assert text.startswith("Of 4 corporate risks assessed in 2024/25 Q2, 1 remains high and 1 medium after mitigation; 3 were high before it.")


def test_summary_json_has_risks(tmp_path, capsys):
    import json

    from conftest import milestone_rows, write_rows
    from perfkit.cli import main

    # the register assessed in the plan's own year (a register first scored a year after the plan's quarter is not quoted)
    register = [["Delivery Plan monitoring report, Quarter 2 2023/24"], *MONITORING[1:]]
    path = write_rows(tmp_path / "plan_2023-24.xlsx", milestone_rows(["G", "A", "R", "G"], ["G", "G", "A", "G"]),
                      extra_sheets={"Risks": register})
    assert main(["summary", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["risks"]["total"] == 4 and out["risks"]["by_rating"]["High"] == {"inherent": 3, "residual": 1}
    assert set(out["risks"]) >= {"total", "by_rating", "above_target", "movement"}


@pytest.mark.browser
def test_risk_section_passes_axe(corporate, tmp_path):
    from test_briefing import _axe_violations, _need_browser

    _need_browser()
    section = briefing_section(read_risks(corporate), "2024/25 Q2")
    page = f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Risks</title></head><body><main>{section}</main></body></html>'
    assert _axe_violations(page, tmp_path) == []

def test_sample_workbook_has_a_clean_register(tmp_path):
    import make_sample

    path = make_sample.build(tmp_path / "sample_2023-24.xlsx")
    frames = perfkit.read_workbook(path)
    risks = frames["risks"]
    assert risks["risk_id"].nunique() == 8
    assert not [p for p in risks.attrs["problems"] if p.severity != "info"]
    assert risk_summary(risks, "2023/24 Q2").movement["increased"] == ["CR01", "CR08"]


def test_long_register_with_a_quarter_column_and_a_closed_risk(make_book):
    rows = [["Risk register"],
            ["Ref", "Risk", "Owner", "Quarter", "Inherent score", "Residual impact", "Residual likelihood", "Residual score", "Direction"],
            ["R1", "Flood", "A", "2024/25 Q1", 16, 3, 3, 9, "New"],
            ["R1", "Flood", "A", "2024/25 Q2", 16, 3, 2, 6, "Down"],
            ["R2", "Fire", "B", "2024/25 Q1", 12, 2, 2, 4, "New"],
            ["R2", "Fire", "B", "2024/25 Q2", 12, 2, 2, 4, "Closed"],
            ["R3", "Theft", "C", "2024/25 Q1", 12, 2, 2, 4, "New"]]
    risks = read_risks(make_book(rows, name="long.xlsx", sheet="Risks"))
    assert len(risks) == 5 and risks["inherent_rating"].astype(str).tolist()[:2] == ["Very high", "Very high"]
    s = risk_summary(risks)
    assert s.movement["decreased"] == ["R1"] and s.movement["closed"] == ["R2", "R3"] and s.movement["unchanged"] == []


def test_engine_keeps_the_period_of_a_band(corporate):
    from perfkit.read.spec import get_kind
    from perfkit.read.layout import header_in
    from perfkit.read.workbook import open_workbook

    cmap, _ = header_in(open_workbook(corporate).sheet("Corporate risks"), get_kind("risks"))
    assert {pc.token for pc in cmap.period_columns} == {"2024/25 Q1", "2024/25 Q2"}


def test_init_writes_a_valid_config_for_a_register_with_period_bands(corporate, capsys):
    import tomllib

    from perfkit.cli import main

    assert main(["init", str(corporate)]) == 0
    tomllib.loads((corporate.parent / "perfkit.toml").read_text())


def test_kind_option_accepts_risks(corporate):
    import subprocess
    import sys

    command = [sys.executable, "-c", "import sys; from perfkit.cli import main; sys.exit(main(sys.argv[1:]))"]
    result = subprocess.run([*command, "validate", str(corporate), "--kind", "risks"], capture_output=True, text=True)
    assert "invalid choice" not in result.stderr and result.returncode in (0, 1)


def test_summary_of_a_workbook_with_only_a_register(corporate, capsys):
    import json

    from perfkit.cli import main

    assert main(["summary", str(corporate), "--period", "Q1"]) == 0
    assert capsys.readouterr().out.startswith("Of 6 risks assessed in 2024/25 Q1, 2 remain very high after mitigation")
    assert main(["summary", str(corporate), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["risks"]["movement"]["increased"] == ["CR02", "CR06"] and out["risks"]["above_target"] == ["CR01", "CR02", "CR03", "CR06"]


def test_matrix_given_as_settings(monitoring):
    risks = read_risks(monitoring, matrix={"size": 3, "bands": [["Acceptable", 1, 3], ["Tolerable", 4, 5], ["Unacceptable", 6, 9]], "appetite": 4})
    assert risks["residual_rating"].astype(str).tolist() == ["Unacceptable", "Tolerable", "Acceptable", "Acceptable"]
    assert risk_summary(risks).above_appetite == ["R1"]
    assert rk.check_matrix(risks.attrs["risk_matrix"]) == []


def test_other_sizes_have_bands_words_and_contrast():
    from perfkit.present.charts import axis_words

    m = RiskMatrix.default(6)
    assert m.names == ["Low", "Medium", "High", "Very high"] and m.band(36) == "Very high" and m.band(1) == "Low"
    assert rk.check_matrix(m) == []
    assert axis_words(6, "impact")[0] == "1 (lowest)" and axis_words(4, "likelihood")[-1] == "4 Very likely"


def two_registers(path):
    """A 5x5 corporate register and an H/M/L service register, alone in one workbook."""
    import openpyxl

    wb = openpyxl.Workbook()
    corp = wb.active
    corp.title = "Corporate risks"
    corp.append(["Ref", "Risk", "Owner", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood", "Target score"])
    corp.append(["CR1", "Budget gap", "CFO", 5, 5, 4, 4, 8])
    corp.append(["CR2", "Cyber attack", "CIO", 4, 3, 2, 2, 6])
    serv = wb.create_sheet("Service risks")
    serv.append(["Ref", "Risk", "Owner", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"])
    serv.append(["HR1", "Staff turnover", "HR", "H", "H", "Recruit", "H", "H"])
    serv.append(["HR2", "Payroll error", "HR", "M", "L", "Checks", "L", "L"])
    wb.save(path)
    return path


def test_registers_on_different_matrices_are_kept_apart(tmp_path):
    """A 5x5 corporate register and an H/M/L service register in one workbook: each on its own matrix."""
    from perfkit.present.risks import briefing_section
    from perfkit.analyse.risks import registers

    risks = read_risks(two_registers(tmp_path / "risks_2024-25_Q2.xlsx"), period="2024/25 Q2")
    parts = registers(risks)
    assert [p.attrs["register"] for p in parts] == ["Corporate risks", "Service risks"]
    assert [p.attrs["risk_matrix"].size for p in parts] == [5, 3]
    assert any("different matrices" in p.message for p in risks.attrs["problems"])
    doc = risk_summary(risks).to_dict()
    assert doc["total"] == 4 and doc["matrix"] is None and doc["by_rating"] is None  # bands of different ranges are not added up
    by_register = {r["register"]: r for r in doc["registers"]}
    assert by_register["Service risks"]["by_rating"]["High"] == {"inherent": 1, "residual": 1}  # HR1: 3 x 3 = 9, High on 3x3
    assert by_register["Corporate risks"]["by_rating"]["High"]["residual"] == 0 and by_register["Corporate risks"]["by_rating"]["Very high"]["residual"] == 1
    assert doc["above_target"] == ["CR1"]
    html = briefing_section(risks, "2024/25 Q2")
    assert "<h3>Corporate risks (5x5" in html and "<h3>Service risks (3x3" in html
    assert "Two 5 by 5 risk matrices" in html and "Two 3 by 3 risk matrices" in html


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize("word", ["Target score", "Target risk", "Target"])
def test_target_score_written_in_the_top_row_of_a_two_row_header(tmp_path, merged, word):
    """'Target score' beside the 'Inherent risk' and 'Residual risk' bands, with nothing under it, is the column's own header."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Corporate risks"
    ws["A1"] = "Corporate risk register 2024/25 Q2"
    ws.append([])
    ws.append(["Ref", "Risk", "Owner", "Inherent risk", None, None, "Residual risk", None, None, word])
    ws.append([None, None, None, "Impact", "Likelihood", "Score", "Impact", "Likelihood", "Score", None])
    ws.append(["CR1", "Budget gap", "CFO", 5, 5, 25, 4, 4, 16, 8])
    ws.append(["CR2", "Flooding", "Env", 3, 3, 9, 2, 2, 4, 4])
    ws.merge_cells("D3:F3")
    ws.merge_cells("G3:I3")
    if merged:
        for col in "ABCJ":
            ws.merge_cells(f"{col}3:{col}4")
    wb.save(tmp_path / "register.xlsx")
    risks = read_risks(tmp_path / "register.xlsx")
    assert risks.set_index("risk_id")["target_score"].to_dict() == {"CR1": 8.0, "CR2": 4.0}
    assert not [p for p in risks.attrs["problems"] if p.severity == "warning"]
    assert risk_summary(risks).above_target == ["CR1"]


@pytest.fixture(scope="module")
def register_briefing(tmp_path_factory):
    """perfkit brief on a workbook that holds only risk registers (no --period: the latest assessment)."""
    from perfkit.cli import main

    folder = tmp_path_factory.mktemp("registers")
    path = two_registers(folder / "risks_2024-25_Q2.xlsx")
    assert main(["brief", str(path), "--council", "Testshire", "--out", str(folder / "out"), "--date", "2024-11-05", "--xlsx"]) == 0
    return folder / "out" / "testshire-briefing-2024-25-q2.html"


def test_brief_xlsx_on_a_register_writes_its_appendix_of_every_risk(register_briefing):
    import openpyxl

    book = openpyxl.load_workbook(register_briefing.with_suffix(".xlsx"), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Ref", "Risk", "Owner") and "Score after" in rows[0]
    risks = read_risks(register_briefing.parent.parent / "risks_2024-25_Q2.xlsx")
    assert sorted(r[0] for r in rows[1:]) == sorted(risks["risk_id"].unique())


def test_brief_on_a_workbook_of_risk_registers_alone(register_briefing):
    import re

    html = register_briefing.read_text(encoding="utf-8")
    assert "<title>Testshire: Risk register: 2024/25 Q2</title>" in html and "Published 5 November 2024" in html
    assert "<h3>Corporate risks (5x5" in html and "<h3>Service risks (3x3" in html
    levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    assert "<script" not in html and all(len(alt) > 80 for alt in re.findall(r'<img[^>]*alt="([^"]*)"', html))
    assert register_briefing.with_name("testshire-briefing-2024-25-q2-checks.html").exists()


@pytest.mark.browser
def test_risk_register_briefing_passes_axe(register_briefing, tmp_path):
    from test_briefing import _axe_violations, _need_browser

    _need_browser()
    assert _axe_violations(register_briefing.read_text(encoding="utf-8"), tmp_path) == []


@pytest.mark.parametrize("word", ["Target risk", "Target residual score", "Risk target"])
def test_target_column_words_in_a_one_row_header(make_book, word):
    rows = [["Ref", "Risk", "Owner", "Residual impact", "Residual likelihood", word],
            ["R1", "Budget gap", "CFO", 4, 3, 6], ["R2", "Flooding", "Env", 2, 2, 4]]
    risks = read_risks(make_book(rows, name="register_2024-25_Q2.xlsx"))
    assert risks.set_index("risk_id")["target_score"].to_dict() == {"R1": 6.0, "R2": 4.0}
    assert risk_summary(risks).above_target == ["R1"]


def test_a_reference_given_to_two_risks_is_a_warning_naming_both_cells(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Risk ref,Risk description,Impact,Likelihood\nR1,Flooding of the depot,3,4\nR1,Loss of the payroll system,2,2\n")
    risks = read_risks(path)
    repeated = [p for p in risks.attrs["problems"] if p.column == "risk_id"]
    assert len(repeated) == 1 and repeated[0].severity == "warning"
    assert repeated[0].source == "register!C3" and "appears more than once (also at register!C2)" in repeated[0].message


def test_a_register_without_impact_and_likelihood_after_mitigation_draws_no_empty_matrix(tmp_path):
    import openpyxl

    from perfkit.present import risks as present_risks

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Risks"
    for row in (["Corporate risk register Quarter 2 2024/25"], [], ["Risk ref", "Risk", "Impact", "Likelihood", "Inherent score", "Residual score"],
                ["CR1", "Funding gap", 5, 4, 20, 12], ["CR2", "Cyber attack", 4, 4, 16, 8]):
        ws.append(row)
    wb.save(tmp_path / "r.xlsx")
    html = present_risks.briefing_section(perfkit.read_risks(tmp_path / "r.xlsx"))
    assert "One 5 by 5 risk matrix" in html and "After mitigation:" not in html  # an empty matrix would say no risk remains
    assert "no impact and likelihood after mitigation" in html


def test_targets_given_as_bands_are_compared_as_bands_never_turned_into_scores(tmp_path):
    import openpyxl

    from perfkit.analyse.risks import risk_summary

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Risks"
    for row in (["Strategic risk register Quarter 2 2024/25"], [],
                ["Ref", "Risk", "Owner", "Residual risk rating", "Target rating"],
                ["SR1", "Funding gap", "CFO", "Medium", "Medium"], ["SR2", "Care demand", "DASS", "Very high", "High"],
                ["SR3", "Project overspend", "Director", "Medium", "Low"], ["SR4", "ICT loss", "Head of ICT", "Low", "Medium"]):
        ws.append(row)
    wb.save(tmp_path / "r.xlsx")
    risks = perfkit.read_risks(tmp_path / "r.xlsx")
    assert risks["target_score"].isna().all()  # no score nobody typed
    assert risks.set_index("risk_id")["target_rating"].astype(str).to_dict() == {"SR1": "Medium", "SR2": "High", "SR3": "Low", "SR4": "Medium"}
    assert risk_summary(risks).above_target == ["SR2", "SR3"]


def test_a_register_read_from_a_folder_keeps_its_own_bands_and_briefs(tmp_path, capsys):
    """Given a folder holding the one register, the key's bands were lost (the default bands counted its risks, so some
    were dropped from the counts) and brief stopped with a TypeError."""
    from perfkit.cli import main

    folder = tmp_path / "returns"
    folder.mkdir()
    def register(name, prefix):
        wb = Workbook()
        ws = wb.active
        ws.title = "Contract risks"
        ws.append(["Contract risk register, Quarter 2 2024/25"])
        ws.append([])
        ws.append(["Ref", "Risk", "Owner", "Inherent likelihood", "Inherent impact", "Residual likelihood", "Residual impact"])
        for i, (il, ii, rl, ri) in enumerate([(4, 4, 3, 3), (4, 3, 2, 2), (3, 3, 2, 3), (4, 4, 4, 4)], start=1):
            ws.append([f"{prefix}{i}", f"Contract risk {i}", "Head of Procurement", il, ii, rl, ri])
        ws.append([])
        ws.append(["Key: 1-3 Low, 4-6 Medium, 8-9 High, 12-16 Critical"])
        wb.save(folder / name)
        return folder / name

    path = register("contract_risks.xlsx", "CR")
    assert main(["summary", str(path), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)["risks"]
    assert main(["summary", str(folder), "--json"]) == 0
    from_folder = json.loads(capsys.readouterr().out)["risks"]
    assert "Critical" in from_file["matrix"] and from_file["by_rating"]["Critical"]["inherent"] == 3
    assert from_folder["matrix"] == from_file["matrix"] and from_folder["by_rating"] == from_file["by_rating"]
    assert main(["brief", str(folder), "--council", "Anyshire", "--out", str(tmp_path / "out"), "--accept-warnings"]) == 0
    assert list((tmp_path / "out").glob("*.html"))
    register("service_risks.xlsx", "SR")  # two registers joined: each keeps the bands it was read with
    joined = perfkit.read_workbooks(folder)["risks"]
    assert joined.attrs["risk_matrix"].names == ["Low", "Medium", "High", "Critical"]


def test_a_band_key_laid_across_the_score_columns_is_not_a_risk(tmp_path):
    """'Risk scoring key: | 1-4 Low | 5-9 Medium | 10-14 High | 15-25 Very High' under the table: read as a risk, refused
    as scores outside the scale, with advice to edit the workbook."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Strategic Risk Register Q2 2024/25"])
    ws.append([])
    ws.append(["Ref", "Risk", "Owner", "Likelihood", "Impact", "Score", "Residual likelihood", "Residual impact"])
    for i, (li, im, rl, ri) in enumerate([(5, 5, 4, 5), (4, 5, 3, 5), (3, 4, 2, 3)], start=1):
        ws.append([f"SR{i}", f"Risk {i}", "Director", li, im, li * im, rl, ri])
    ws.append([])
    ws.append(["Risk scoring key:", "1-4 Low", "5-9 Medium", "10-14 High", "15-25 Very High"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    risks = read_risks(path)
    assert sorted(risks["risk_id"]) == ["SR1", "SR2", "SR3"]
    assert risks.attrs["risk_matrix"].names == ["Low", "Medium", "High", "Very high"]


def test_the_registers_own_level_words_on_its_cover_label_the_matrix(tmp_path):
    """The cover's key says 'Impact: 1 Negligible, ... 5 Critical': the heat map said 5 Severe, perfkit's word, and the key's
    '1 Negligible' form (a number, a space, a word) was not read at all."""
    from perfkit.present.charts import axis_words
    from perfkit.present.tables import risk_matrix_table

    wb = Workbook()
    cover = wb.active
    cover.title = "Cover & Key"
    for row in (["Strategic Risk Register - Quarter 2 2024/25"], ["High", "15 - 25"], ["Medium", "5 - 12"], ["Low", "1 - 4"],
                ["Impact: 1 Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Critical"],
                ["Likelihood: 1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain"]):
        cover.append(row)
    reg = wb.create_sheet("Register")
    reg.append(["Ref", "Risk", "Impact", "Likelihood", "Residual impact", "Residual likelihood"])
    reg.append(["SR1", "Budget gap", 5, 4, 5, 3])
    reg.append(["SR2", "Cyber attack", 4, 4, 4, 2])
    wb.save(tmp_path / "srr.xlsx")
    risks = read_risks(tmp_path / "srr.xlsx")
    matrix = risks.attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix)[-1] == "5 Critical" and axis_words(5, "likelihood", matrix)[-1] == "5 Almost certain"
    assert "5 Critical" in risk_matrix_table(risks, "inherent") and "Severe" not in risk_matrix_table(risks, "inherent")
    assert axis_words(5, "impact")[-1] == "5 Severe"  # no key: perfkit's words


def test_a_key_sheets_levels_listed_under_each_axis_label_the_matrix(tmp_path):
    """A key sheet listing 'Likelihood' then '1 | Rare' ... '5 | Almost certain', and 'Impact' then '1 | Negligible' ...
    '5 | Critical', one block under the other: the heat map said perfkit's '5 Severe'."""
    from perfkit.present.charts import axis_words

    wb = Workbook()
    key = wb.active
    key.title = "Key"
    for row in (["Corporate Risk Register: scoring key"], ["Likelihood", None, None, None, None, "Risk matrix"],
                [1, "Rare", "Less than 5%"], [2, "Unlikely", "5-20%"], [3, "Possible"], [4, "Likely"], [5, "Almost certain"], [],
                ["Impact"], [1, "Negligible"], [2, "Minor"], [3, "Moderate"], [4, "Major"], [5, "Critical"],
                ["Risk score", "Rating"], ["1 - 4", "Low"], ["5 - 10", "Medium"], ["12 - 16", "High"], ["20 - 25", "Very high"]):
        key.append(row)
    reg = wb.create_sheet("Corporate Risk Register")
    reg.append(["Ref", "Risk", "Likelihood", "Impact", "Residual likelihood", "Residual impact"])
    reg.append(["CR1", "Budget gap", 4, 5, 3, 5])
    reg.append(["CR2", "Cyber attack", 4, 4, 2, 4])
    wb.save(tmp_path / "crr.xlsx")
    matrix = read_risks(tmp_path / "crr.xlsx").attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix)[-1] == "5 Critical" and axis_words(5, "likelihood", matrix)[0] == "1 Rare"


def test_a_scoring_key_sheet_with_impact_and_likelihood_columns_is_no_register(tmp_path):
    """'Risk matrix & key' ('Impact | Description | | Likelihood | Description' over 1 Insignificant ... 5 Catastrophic) was
    read as ten risks, its bands as impacts out of range: four errors, and the refusal offered no line to type."""
    wb = Workbook()
    key = wb.active
    key.title = "Risk matrix & key"
    for row in (["Fire and Rescue Authority – risk scoring guidance"], ["Impact", "Description", None, "Likelihood", "Description"],
                [1, "Insignificant", None, 1, "Rare"], [2, "Minor", None, 2, "Unlikely"], [3, "Moderate", None, 3, "Possible"],
                [4, "Major", None, 4, "Likely"], [5, "Catastrophic", None, 5, "Almost certain"],
                ["Risk score (impact x likelihood)", "Rating"], ["1 - 5", "Low"], ["6 - 10", "Medium"], ["12 - 25", "High"]):
        key.append(row)
    reg = wb.create_sheet("Corporate risk register")
    reg.append(["Ref", "Risk", "Impact", "Likelihood", "Residual impact", "Residual likelihood"])
    reg.append(["CR1", "Budget gap", 5, 4, 4, 3])
    reg.append(["CR2", "Cyber attack", 4, 4, 2, 3])
    wb.save(tmp_path / "crr.xlsx")
    report = perfkit.validate(tmp_path / "crr.xlsx")
    assert not report.errors and not report.warnings, [p.message for p in report]
    (entry,) = [e for e in report.inventory if e.sheet == "Risk matrix & key"]
    assert entry.status == "not read" and entry.note.startswith("a key or scoring guide")
    assert list(read_risks(tmp_path / "crr.xlsx").risk_id.unique()) == ["CR1", "CR2"]


def test_a_risk_a_note_under_the_register_names_closed_this_quarter_is_counted_closed(make_book):
    """'Risks removed this quarter:' over 'CR13 UK Parliamentary general election arrangements – closed ...' under the table
    was a section heading with no rows and a line of text: movement said none closed."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"],
            ["Ref", "Risk", "Current score (L x I)", "Previous score (L x I)"],
            ["CR01", "Financial sustainability", "4x5=20", "4x5=20"], ["CR02", "Cyber attack", "4x4=16", "3x4=12"], [],
            ["Risks removed this quarter:"],
            ["CR13 UK Parliamentary general election arrangements – closed following the election on 4 July 2024 (previous score 6)."],
            ["CR99 is a new reference format note, not closed"]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Risk Register"))
    s = risk_summary(risks)
    assert s.movement["closed"] == ["CR13"] and s.movement["increased"] == ["CR02"]
    assert any(p.message.startswith("CR13: named closed in the note") for p in risks.attrs["problems"])
    # the label and the risk on one line, as a county's register notes it under the table
    for line in ("Closed this quarter: CR15 Implementation of the new ERP finance system – closed following go-live (last score 12).",
                 "Risks closed this quarter - CR15 ERP system; CR16 Election"):
        one = [*rows[:5], [line]]
        s = risk_summary(read_risks(make_book(one, name="crr.xlsx", sheet="Risk Register")))
        assert s.movement["closed"] == (["CR15"] if "CR16" not in line else ["CR15", "CR16"]), line


def test_a_registers_previous_score_with_no_quarter_named_is_the_quarter_before(make_book):
    """A JCAD export's 'Previous Score (L x I)' was 'not used', so movement came from the owners' direction words: a
    'Reduced' typed against unchanged scores was counted as decreased, unsaid."""
    rows = [["Corporate Risk Register - Q2 2024/25"],
            ["Risk Ref", "Risk Title", "Current Score (L x I)", "Previous Score (L x I)", "Direction of Travel"],
            ["CR01", "Financial sustainability", "4x5=20", "4x5=20", "No change"],
            ["CR02", "Temporary accommodation", "5x4=20", "4x4=16", "Increased"],
            ["CR06", "Workforce", "4x3=12", "4x3=12", "Reduced"]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Risk Register"))
    s = risk_summary(risks)
    assert s.movement_basis == "previous assessment" and s.movement["increased"] == ["CR02"] and s.movement["decreased"] == []
    assert [d["risk_id"] for d in s.disagreements] == ["CR06"]


def _fire_register(tmp_path, appetite_line="Risk appetite: the Authority will tolerate risks scoring up to 6 (Medium) once controls are in place.",
                   indent: int = 0):
    wb = Workbook()
    reg = wb.active
    reg.title = "Corporate Risk Register"
    reg.append(["Corporate Risk Register - Quarter 2 2024/25"])
    reg.append(["Risk ref", "Risk title", "Likelihood", "Impact", "Residual likelihood", "Residual impact"])
    for row in (["CRR01", "Financial sustainability", 4, 4, 3, 4], ["CRR02", "Cyber attack", 4, 4, 2, 3], ["CRR03", "On-call", 3, 3, 1, 2]):
        reg.append(row)
    key = wb.create_sheet("Risk Scoring Matrix")
    for n, row in enumerate((["Risk scoring matrix (4 x 4)"], ["Likelihood"], ["4 Very likely", 4, 8, 12, 16], ["3 Likely", 3, 6, 9, 12],
                ["2 Possible", 2, 4, 6, 8], ["1 Unlikely", 1, 2, 3, 4], [None, "1 Minor", "2 Moderate", "3 Major", "4 Critical"],
                [None, "Impact"], ["Score", "Rating"], ["1-3", "Low"], ["4-6", "Medium"], ["8-9", "High"], ["12-16", "Very High"],
                [appetite_line])):
        key.append([None] * indent + row if 1 <= n <= 7 else row)  # the drawn grid, ``indent`` columns in from the edge
    wb.save(tmp_path / "crr.xlsx")
    return tmp_path / "crr.xlsx"


def test_an_appetite_the_key_sheet_states_lists_the_risks_above_it_and_its_grid_labels_the_matrix(tmp_path):
    """'the Authority will tolerate risks scoring up to 6' on the matrix sheet: above_appetite was empty, and perfkit.toml's
    appetite was refused; the grid's '4 Critical' was shown as perfkit's 'Severe'."""
    from perfkit.present.charts import axis_words

    risks = read_risks(_fire_register(tmp_path))
    matrix = risks.attrs["risk_matrix"]
    assert matrix.appetite == 6 and risk_summary(risks).above_appetite == ["CRR01"]
    assert axis_words(4, "impact", matrix)[-1] == "4 Critical" and axis_words(4, "likelihood", matrix)[-1] == "4 Very likely"
    (tmp_path / "perfkit.toml").write_text("[risks]\nappetite = 4\n")
    assert risk_summary(read_risks(_fire_register(tmp_path, "Reviewed annually."))).above_appetite == ["CRR01", "CRR02"]


def test_a_tolerance_the_matrix_sheet_states_is_the_appetite_and_none_stated_is_unknown_not_none_above(tmp_path):
    """'a residual (current) risk scoring above 12 is outside the Council's tolerance' on a Risk Matrix sheet was missed,
    and summary --json said "above_appetite": [], which reads as no risk above it. With no appetite stated anywhere it is
    null, and above_target is null where the register gives no target scores."""
    line = ("Risk tolerance: a residual (current) risk scoring above 8 is outside the Council's tolerance and must have a "
            "further action plan agreed by CMT.")
    s = risk_summary(read_risks(_fire_register(tmp_path, line)))
    assert s.above_appetite == ["CRR01"] and s.to_dict()["above_appetite"] == ["CRR01"]
    for line in ("Risks with a residual score above 8 are outside the Council's risk appetite and are reported to Cabinet.",
                 "A residual risk scoring above 8 is outside the Council's tolerance."):  # the score first: missed
        assert risk_summary(read_risks(_fire_register(tmp_path, line))).above_appetite == ["CRR01"], line
    unknown = risk_summary(read_risks(_fire_register(tmp_path, "Reviewed annually."))).to_dict()
    assert unknown["above_appetite"] is None and unknown["above_target"] is None


@pytest.mark.parametrize("line", ["Risk tolerance: any current risk scoring 6 or more is outside the Council's risk tolerance.",
                                  "Risk appetite: residual scores of 6+ are escalated to Cabinet.",
                                  "Tolerance: risks scoring 6 and above are outside tolerance."])
def test_a_score_or_more_outside_tolerance_counts_that_score_itself(tmp_path, line):
    """'any current risk scoring 12 or more is outside the Council's risk tolerance' was read as an appetite of 12, so
    the four risks scoring exactly 12 were left out of the brief's 'above the council's risk appetite', unwarned."""
    risks = read_risks(_fire_register(tmp_path, line))  # residual scores 12, 6 and 2
    assert risk_summary(risks).above_appetite == ["CRR01", "CRR02"]
    assert "appetite below 6" in risks.attrs["risk_matrix"].describe()


def test_the_appetite_sentence_names_no_council_as_an_ijb_or_fire_authority_keeps_registers_too(tmp_path):
    """'above the council's risk appetite' in the briefing of an integration joint board's or a fire authority's register."""
    from perfkit.present.narrative import risk_paragraph

    risks = read_risks(_fire_register(tmp_path))
    said = risk_paragraph(risk_summary(risks))
    assert "One risk is above the risk appetite." in said and "council" not in said


_GUIDES = {
    # 'Likelihood | Impact' over '1 Rare | 1 Negligible' on a Guidance sheet: the heat map said '5 Severe' for '5 Critical'
    "Guidance": [["Risk management guidance"], ["Likelihood", "Impact"], ["1 Rare", "1 Negligible"], ["2 Unlikely", "2 Minor"],
                 ["3 Possible", "3 Moderate"], ["4 Likely", "4 Major"], ["5 Almost certain", "5 Critical"], ["Risk rating"],
                 ["1-3", "Low"], ["4-6", "Medium"], ["8-12", "High"], ["15-25", "Very high"]],
    # 'Impact | | Likelihood' over '1 | Negligible | 1 | Rare': each level a number, then its word in the next column
    "Scoring guide": [["Risk management framework: scoring guide"], ["Impact", None, "Likelihood"], [1, "Negligible", 1, "Rare"],
                      [2, "Minor", 2, "Unlikely"], [3, "Moderate", 3, "Possible"], [4, "Major", 4, "Likely"],
                      [5, "Critical", 5, "Almost certain"]],
}


@pytest.mark.parametrize("sheet", list(_GUIDES))
def test_a_guidance_sheets_levels_in_columns_under_likelihood_and_impact_label_the_heat_map(tmp_path, sheet):
    """A key sheet's levels in columns under 'Likelihood' and 'Impact': the heat map said perfkit's '5 Severe' for the
    register's '5 Critical'."""
    from perfkit.present.charts import axis_words

    wb = Workbook()
    guide = wb.active
    guide.title = sheet
    for row in _GUIDES[sheet]:
        guide.append(row)
    reg = wb.create_sheet("Register")
    for row in (["Corporate Risk Register Q2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact"], ["CR1", "Cyber attack", 4, 5],
                ["CR2", "Flooding", 2, 3]):
        reg.append(row)
    wb.save(tmp_path / "crr.xlsx")
    matrix = read_risks(tmp_path / "crr.xlsx").attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix) == ["1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Critical"]
    assert axis_words(5, "likelihood", matrix)[-1] == "5 Almost certain"


def test_a_scoring_note_with_each_axis_straight_before_its_levels_labels_the_heat_map(make_book):
    """'Scoring: Impact 1 Minimal, 2 Minor, 3 Moderate, 4 Major, 5 Catastrophic; Likelihood 1 Rare, ...' under the
    register: with no colon after 'Impact' it was not read, and the heat map said perfkit's '5 Severe'."""
    from perfkit.present.charts import axis_words

    rows = [["Corporate Risk Register Q2 2024/25"], ["Ref", "Risk", "Likelihood", "Impact"], ["CR1", "Cyber attack", 4, 5],
            ["CR2", "Flooding", 2, 3], [],
            ["Scoring: Impact 1 Minimal, 2 Minor, 3 Moderate, 4 Major, 5 Catastrophic; Likelihood 1 Rare, 2 Unlikely, 3 Possible, "
             "4 Likely, 5 Almost certain."]]
    matrix = read_risks(make_book(rows, name="crr.xlsx", sheet="Register")).attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix)[0] == "1 Minimal" and axis_words(5, "impact", matrix)[-1] == "5 Catastrophic"
    assert axis_words(5, "likelihood", matrix)[0] == "1 Rare"


def test_a_matrix_drawn_in_from_the_sheets_edge_still_labels_the_heat_map(tmp_path):
    """The likelihood words down column C ('LIKELIHOOD' in B beside them): the heat map said perfkit's 'Negligible ... Severe'
    for the register's '1 Minor ... 4 Critical'."""
    from perfkit.present.charts import axis_words

    matrix = read_risks(_fire_register(tmp_path, indent=2)).attrs["risk_matrix"]
    assert axis_words(4, "impact", matrix)[-1] == "4 Critical" and axis_words(4, "likelihood", matrix)[0] == "1 Unlikely"


def test_new_in_last_quarters_score_and_each_quarters_own_products_are_read(make_book):
    """A fire authority's register: 'New' in 'Previous quarter (Q1) residual (L x I)' was refused ('neither a number nor
    a band'), and its quarters' own 'L x I' columns ('4 x 5 = 20', '16 (4x4)') gave no matrix after mitigation; its
    'residual scores above 12 are escalated' was no appetite."""
    rows = [["Corporate Risk Register - Quarter 2 2024/25"],
            ["Scores are Likelihood x Impact (5 x 5). Risk appetite: residual scores above 12 are escalated."],
            ["Risk ref", "Risk title", "Inherent risk (L x I)", "Previous quarter (Q1) residual (L x I)", "Current residual risk Q2 (L x I)"],
            ["CRR01", "On-call availability", "5 x 5 = 25", "4 x 4 = 16", "4 x 5 = 20"],
            ["CRR02", "Cyber attack", "16 (4x4)", "3x5=15", "3x5=15"],
            ["CRR12", "New contract", "3 x 4 = 12", "New", "3 x 3 = 9"]]
    risks = read_risks(make_book(rows, name="crr.xlsx", sheet="Register"))
    assert not [p for p in risks.attrs["problems"] if p.severity != "info"]
    q2 = risks[risks["period"].astype(str) == "2025Q2"]
    assert q2["residual_likelihood"].tolist() == [4, 3, 3] and q2["residual_impact"].tolist() == [5, 5, 3]
    assert risks["inherent_likelihood"].drop_duplicates().tolist() == [5, 4, 3]
    s = risk_summary(risks)
    assert s.movement["increased"] == ["CRR01"] and s.movement["new"] == ["CRR12"] and s.above_appetite == ["CRR01", "CRR02"]


def test_a_guidance_sheets_scoring_table_is_a_key_not_an_action_plan(tmp_path):
    """'Score | Rating | Management action' over '20 - 25 | Very high | Immediate action' on a Guidance sheet fitted the
    action plan's header: the summary opened with 'Of 4 actions ... 1 is behind schedule', its bands' fills as statuses."""
    import perfkit

    wb = Workbook()
    guide = wb.active
    guide.title = "Guidance"
    for row in (["Risk Management Guidance (scoring)"], ["Score", "Rating", "Management action"],
                ["20 - 25", "Very high", "Immediate action; report to Cabinet"], ["12 - 16", "High", "Senior management attention"],
                ["5 - 10", "Medium", "Manage within directorate"], ["1 - 4", "Low", "Accept and monitor"]):
        guide.append(row)
    reg = wb.create_sheet("CRR")
    reg.append(["Corporate Risk Register - Quarter 3 2024/25"])
    reg.append(["Ref", "Risk", "Likelihood", "Impact", "Residual likelihood", "Residual impact"])
    reg.append(["CR1", "Funding gap", 5, 5, 4, 4])
    wb.save(tmp_path / "crr.xlsx")
    frames = perfkit.read_workbook(tmp_path / "crr.xlsx")
    assert list(frames) == ["risks"]
    entry = next(e for e in frames["risks"].attrs["inventory"] if e.sheet == "Guidance")
    assert entry.status == "not read" and entry.note.startswith("a risk scoring key")


def test_a_register_without_references_names_its_risks_by_title_in_the_heat_map(make_book):
    """With no reference column perfkit numbers the risks R001...; the heat map and its text said 'Highest after
    mitigation: R003', a number in no table the committee reads."""
    from perfkit.present.charts import risk_heatmap
    from perfkit.present.tables import risk_matrix_table

    rows = [["Council Plan monitoring: risks, Quarter 2 2024/25"],
            ["Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"],
            ["Care market capacity delays hospital discharge", "H", "H", "Commission more home care", "H", "M"],
            ["Cyber attack disrupts services", "H", "M", "Back-ups and training", "M", "M"]]
    risks = read_risks(make_book(rows, name="monitoring.xlsx", sheet="Risks"))
    assert list(risks.attrs["generated_ids"]) == ["R001", "R002"]
    chart = risk_heatmap(risks)
    assert "R001" not in chart.alt and "Care market capacity delays hospital discharge (likelihood" in chart.alt
    assert "R00" not in risk_matrix_table(risks, "residual")


def test_a_note_giving_the_levels_in_brackets_labels_the_heat_map(make_book):
    """'Scoring: Impact (1 Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Critical) x Likelihood (1 Rare, ...)' under the
    register: the heat map still said perfkit's '5 Severe' for the register's '5 Critical'."""
    from perfkit.present.charts import axis_words

    rows = [["Corporate Risk Register, Quarter 2 2024/25"], ["Ref", "Risk", "Impact", "Likelihood", "Residual impact", "Residual likelihood"],
            ["CRR01", "Cyber attack", 5, 4, 5, 3], ["CRR02", "On-call availability", 4, 4, 3, 3], [],
            ["Scoring: Impact (1 Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Critical) x Likelihood (1 Rare, 2 Unlikely, 3 Possible, "
             "4 Likely, 5 Almost certain)."]]
    matrix = read_risks(make_book(rows, name="crr.xlsx", sheet="Register")).attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix)[-1] == "5 Critical" and axis_words(5, "likelihood", matrix)[0] == "1 Rare"


def _appetite_by_category(tmp_path, extra_category: str | None = None):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Risk Appetite"
    for row in (["Risk Appetite Statement 2024/25"], ["Risk category", "Appetite", "Description", "Tolerance (maximum residual score)"],
                ["Financial", "Cautious", "Safe options", 10], ["Health and Safety", "Minimal", "No avoidable harm", 6],
                ["Legal", "Averse", "No non-compliance", 4]):
        sheet.append(row)
    reg = wb.create_sheet("Corporate Risk Register")
    reg.append(["Corporate Risk Register - Quarter 3 2024/25"])
    reg.append(["Risk ref", "Risk category", "Risk title", "Likelihood", "Impact", "Residual rating", "Previous residual score (Sep 2024)"])
    for row in (["CRR01", "Financial", "Funding gap", 4, 4, "Very high", 16], ["CRR02", "Health and Safety", "Contaminants", 2, 3, "Medium", 6],
                ["CRR03", "Legal", "Data breach", 2, 3, "Medium", 6], ["CRR04", extra_category or "Financial", "Pension costs", 2, 4, "Medium", 8],
                ["Risks closed since the last review"], ["CRR05", "Financial", "Pay dispute", None, None, "Closed", 9]):
        reg.append(row)
    wb.save(tmp_path / "crr.xlsx")
    return tmp_path / "crr.xlsx"


def test_an_appetite_set_for_each_category_on_its_own_sheet_lists_each_risk_against_its_own(tmp_path):
    """A fire authority's 'Risk Appetite' sheet (Risk category | Appetite | Tolerance (maximum residual score)): it was
    'looks like a tracker' (a warning that blocked the brief) and above_appetite was null, where six risks were above
    their category's tolerance; a single appetite in perfkit.toml would give the wrong list. The closed risk in its own
    section was 'not a band', another warning."""
    path = _appetite_by_category(tmp_path)
    report = perfkit.validate(path)
    assert not [p for p in report if p.severity == "warning"]
    risks = read_risks(path)
    s = risk_summary(risks)
    assert s.above_appetite == ["CRR01", "CRR03"]  # 16 > 10, 6 > 4; 6 is not above Health and Safety's 6, nor 8 above 10
    assert s.movement["closed"] == ["CRR05"] and s.total == 4


def test_a_category_the_appetite_sheet_does_not_name_is_a_warning(tmp_path):
    risks = read_risks(_appetite_by_category(tmp_path, "Reputational"))
    warned = [p for p in risks.attrs["problems"] if p.severity == "warning"]
    assert len(warned) == 1 and "'Reputational'" in warned[0].message
    assert "CRR04" not in risk_summary(risks).above_appetite



@pytest.mark.parametrize("sheet", ["Introduction", "Read me"])
def test_an_appetite_stated_on_an_introduction_sheet_is_read(tmp_path, sheet):
    """'It will tolerate risks with a residual score of 6 or less' on an 'Introduction' sheet: the same sentence was read on
    a sheet called 'Cover', not here, so above_appetite was null where six risks were above it, and nothing said so."""
    wb = Workbook()
    intro = wb.active
    intro.title = sheet
    intro.append(["Risk appetite statement"])
    intro.append(["The Council will tolerate risks with a residual score of 6 or less. Any risk scoring 8 or more is outside "
                  "the Council's appetite."])
    reg = wb.create_sheet("Corporate Risk Register")
    for row in (["Corporate Risk Register Q3 2024/25"], ["Ref", "Risk", "Likelihood", "Impact"], ["CR1", "Cyber attack", 3, 4],
                ["CR2", "Flooding", 2, 3], ["CR3", "Fraud", 2, 4]):
        reg.append(row)
    wb.save(tmp_path / "crr.xlsx")
    assert risk_summary(read_risks(tmp_path / "crr.xlsx")).above_appetite == ["CR1", "CR3"]


def test_a_list_of_closed_risks_with_no_scores_closes_those_in_the_quarter_and_a_level_table_labels_the_matrix(tmp_path):
    """'Closed risks' as 'Risk ref | Risk | Date closed | Reason for closure' (no scores) was warned of as unread and its
    risks never counted closed; the guidance sheet's 'Score | Likelihood | Impact' over '5 | Almost certain | Critical'
    left the heat map saying perfkit's '5 Severe'."""
    import datetime as dt

    from perfkit.present.charts import axis_words

    wb = Workbook()
    guide = wb.active
    guide.title = "Scoring guidance"
    for row in (["Risk management: scoring guidance"], [], ["Score", "Likelihood", "Impact"], [1, "Rare", "Negligible"],
                [2, "Unlikely", "Minor"], [3, "Possible", "Moderate"], [4, "Likely", "Major"], [5, "Almost certain", "Critical"]):
        guide.append(row)
    reg = wb.create_sheet("Corporate Risk Register")
    reg.append(["Corporate Risk Register - Quarter 3 2024/25"])
    reg.append(["Ref", "Risk", "Q2 likelihood", "Q2 impact", "Q3 likelihood", "Q3 impact"])
    reg.append(["CR01", "Budget gap", 4, 5, 4, 5])
    reg.append(["CR02", "Cyber attack", 3, 4, 4, 4])
    closed = wb.create_sheet("Closed risks")
    for row in (["Corporate risks closed during 2024/25"], [], ["Risk ref", "Risk", "Date closed", "Reason for closure"],
                ["CR13", "ERP implementation", dt.datetime(2024, 11, 15), "System live."],
                ["CR15", "Homes for Ukraine", dt.datetime(2024, 6, 20), "Funding ended."]):
        closed.append(row)
    wb.save(tmp_path / "crr.xlsx")
    report = perfkit.validate(tmp_path / "crr.xlsx")
    assert not report.warnings, [p.message for p in report.warnings]
    risks = read_risks(tmp_path / "crr.xlsx")
    s = risk_summary(risks)
    assert s.movement["closed"] == ["CR13"] and s.movement["increased"] == ["CR02"]
    assert any("CR15 (20/06/2024)" in p.message for p in risks.attrs["problems"])
    matrix = risks.attrs["risk_matrix"]
    assert axis_words(5, "impact", matrix)[-1] == "5 Critical" and axis_words(5, "likelihood", matrix)[-1] == "5 Almost certain"


def test_an_appetite_said_by_its_band_lists_the_risks_rated_in_it_after_mitigation(make_book):
    """'risks rated High after mitigation are outside its appetite' under an H/M/L table: above_appetite was null."""
    rows = [["Council Plan risks, Quarter 2 2024/25"],
            ["Description of the risk", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"],
            ["Budget gap", "H", "H", "Savings plan", "H", "M"], ["Cyber attack", "H", "M", "Training", "M", "M"],
            ["Flooding", "M", "L", "Defences", "L", "L"], [],
            ["Risk appetite: the Council accepts risks rated Medium or Low after mitigation; risks rated High after mitigation "
             "are outside its appetite and are reported to Audit and Governance Committee."]]
    risks = read_risks(make_book(rows, name="plan.xlsx", sheet="Risks"))
    s = risk_summary(risks)
    assert s.above_appetite == ["Budget gap"] or [str(i) for i in s.above_appetite] == list(
        risks.loc[risks["title"] == "Budget gap", "risk_id"].astype(str)), s.above_appetite


def test_the_about_section_names_no_council_a_fire_authority_has_none(corporate):
    """'The 12 risks come from the council's register': a fire authority's, a police force's or a partnership's register
    is no council's."""
    from perfkit.present.risks import risks_about
    html = risks_about(read_risks(corporate))
    assert "council" not in html and "risks come from the register (" in html


def test_a_register_in_five_point_words_scored_on_a_4x4_is_read_as_one(tmp_path):
    """A fire authority's register: Rare / Unlikely / Likely / Almost certain and Minor / Moderate / Major / Severe, each
    score their product on a 4x4 (Almost certain x Major = 12). Read on 5x5, every score and rating was warned of as
    disagreeing (4 x 5 = 20) and the inherent bands were the 5x5's."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Risk Register"
    ws.append(["Corporate Risk Register - Quarter 3 2024/25"])
    ws.append(["Risk ref", "Risk", "Inherent likelihood", "Inherent impact", "Inherent score", "Residual likelihood",
               "Residual impact", "Residual score"])
    ws.append(["CR01", "Recruitment of on-call firefighters", "Almost certain", "Major", 12, "Likely", "Major", 9])
    ws.append(["CR02", "Cyber attack", "Likely", "Severe", 12, "Unlikely", "Severe", 8])
    ws.append(["CR03", "Funding gap", "Almost certain", "Moderate", 8, "Likely", "Moderate", 6])
    ws.append(["CR04", "Fleet replacement", "Unlikely", "Minor", 2, "Rare", "Minor", 1])
    wb.save(tmp_path / "register.xlsx")
    rk = perfkit.read_risks(tmp_path / "register.xlsx")
    assert rk.attrs["risk_matrix"].size == 4
    assert not [p.message for p in rk.attrs["problems"] if p.severity == "warning"]
    assert rk["inherent_score"].tolist() == [12, 12, 8, 2] and rk["residual_score"].tolist() == [9, 8, 6, 1]


def test_a_4x4_registers_impact_words_that_leave_out_its_lowest_level(tmp_path):
    """A 4x4 register whose matrix runs Minor ... Critical, its risks using Moderate, Major and Critical only: read on the
    five-point words, Critical was 5, outside the matrix, and the register was refused."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Corporate Risk Register"
    ws.append(["Corporate Risk Register - Quarter 2 2024/25"])
    ws.append(["Risk ref", "Risk title", "Likelihood", "Impact", "Current risk score"])
    ws.append(["CR01", "Financial sustainability", "Almost certain", "Critical", 16])
    ws.append(["CR02", "Cyber attack", "Likely", "Major", 9])
    ws.append(["CR03", "Safeguarding", "Unlikely", "Critical", 8])
    ws.append(["CR04", "Workforce", "Rare", "Moderate", 2])
    key = wb.create_sheet("Risk matrix")
    key.append(["Score 1-3 Low; 4-6 Medium; 8-9 High; 12-16 Very high"])
    wb.save(tmp_path / "register.xlsx")
    rk = perfkit.read_risks(tmp_path / "register.xlsx")
    assert rk["residual_impact"].tolist() == [4, 3, 4, 2] and rk["residual_score"].tolist() == [16, 9, 8, 2]
    assert not [p.message for p in rk.attrs["problems"] if p.severity in ("warning", "error")]
