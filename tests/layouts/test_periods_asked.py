"""A quarter asked for that the workbook's own points of the year do not hold: a risk register first scored at Q2 is
not quoted under a Q1 summary (it was, as 'risks assessed in 2024/25 Q2'), and Q1 of a six-monthly action plan is
refused saying so (it said '2024/25 H1 is not in the action plan; its periods are 2024/25 H1, 2024/25 H2')."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main


def plan_with_register(tmp_path):
    milestones = [["Council Plan 2024/25"], ["Ref", "Milestone", "Due date", "Q1 2024/25 RAG", "Q2 2024/25 RAG"]]
    milestones += [[f"M{i}", f"Milestone {i}", day(2025, 3, 31), "Green", "Amber"] for i in range(1, 5)]
    risks = [["Corporate risk register: reviewed September 2024 (Q2 2024/25)"],
             ["Ref", "Risk", "Owner", "Impact", "Likelihood", "Mitigation", "Residual impact", "Residual likelihood"]]
    risks += [[f"R{i}", f"Risk {i}", "Chief Executive", 4, 4, "Controls", 3, 2] for i in range(1, 4)]
    return write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", milestones), SheetSpec("Risks", risks)])


def test_a_register_first_scored_after_the_quarter_is_not_quoted_under_it(tmp_path, capsys):
    path = plan_with_register(tmp_path)
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    out = capsys.readouterr()
    assert "risks" not in json.loads(out.out)
    assert "first assessment is for 2024/25 Q2, after 2024/25 Q1" in out.err
    assert main(["summary", str(path), "--period", "2024/25 Q2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["risks"]["total"] == 3


def test_a_quarter_of_a_six_monthly_plan_is_refused_saying_it_is_six_monthly(tmp_path, capsys):
    rows = [["Improvement plan 2024/25"], ["Ref", "Action", "Lead", "Target date", "Status (Sept 2024)", "Status (March 2025)"]]
    rows += [[f"A{i}", f"Action {i}", "Director", day(2025, 3, 31), "On track", None] for i in range(1, 5)]
    path = write_workbook(tmp_path / "improvement.xlsx", [SheetSpec("Improvement plan", rows)])
    assert main(["summary", str(path), "--period", "2024/25 Q1"]) == 1
    err = capsys.readouterr().err
    assert "2024/25 Q1 is not a period of the action plan: it is reported six-monthly" in err
    assert "is not in the action plan" not in err


def test_one_current_assessment_is_not_given_a_before_mitigation(tmp_path, capsys):
    """'Likelihood (1-5) | Impact (1-5) | Current Risk Score' was read as the inherent pair: the briefing drew a matrix
    'before mitigation' and said how many risks were very high before it, for a register that gives no such thing."""
    rows = [["Corporate risks – Quarter 2 2024/25"], [],
            ["Risk No.", "Risk", "Owner", "Likelihood (1-5)", "Impact (1-5)", "Current Risk Score", "Mitigation", "Target Score"],
            ["R1", "Budget gap", "S151 Officer", 4, 4, 16, "Savings plan", 9],
            ["R2", "Local Plan found unsound", "Director of Place", 3, 4, 12, "Examination prep", 6],
            ["R3", "Leisure centre overrun", "Head of Leisure", 3, 3, 9, "Contract review", 6]]
    path = write_workbook(tmp_path / "risks.xlsx", [SheetSpec("Risks", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["risks"]
    assert {b: v["inherent"] for b, v in doc["by_rating"].items()} == {b: 0 for b in doc["by_rating"]}
    assert doc["by_rating"]["Very high"]["residual"] == 1 and doc["by_rating"]["High"]["residual"] == 1
    rk = perfkit.read_risks(path)
    assert rk["inherent_impact"].isna().all() and list(rk["residual_likelihood"]) == [4, 3, 3]


def test_an_action_plan_first_reported_after_the_quarter_is_not_quoted_under_it(tmp_path, capsys):
    """A Q1 summary printed the plan's Q2 figures (with a note), and a Q1 briefing failed on the plan's missing Q1."""
    kpis = [["Council Plan indicators 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"]]
    kpis += [[f"K{i}", f"Indicator {i}", "Higher", 50, 48 + i, 49 + i] for i in range(1, 5)]
    actions = [["Council Plan actions: Quarter 2 2024/25"], ["Ref", "Action", "Lead", "Due date", "Status", "% complete"]]
    actions += [[f"A{i}", f"Action {i}", "Director", day(2025, 3, 31), "In Progress", 0.5] for i in range(1, 5)]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("PIs", kpis), SheetSpec("Actions", actions)])
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    out = capsys.readouterr()
    assert "actions" not in json.loads(out.out) and "first period is 2024/25 Q2, after 2024/25 Q1" in out.err
    assert main(["summary", str(path), "--period", "2024/25 Q2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["actions"]["total"] == 4


def test_a_registers_previous_quarter_score_beside_this_quarters_columns(tmp_path, capsys):
    """'Previous Residual Score (Q1)' was a warning offering '@2024/25 Q2'; mapped to Q1 as the header says, the whole
    register moved to Q1. It is the Q1 residual score; the unlabelled columns are the title's Q2; movement follows."""
    rows = [["Corporate Risk Register – Quarter 2 2024/25"], [],
            ["Ref", "Risk", "Owner", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood",
             "Residual score", "Previous Residual Score (Q1)"],
            ["CR01", "Budget gap", "S151 Officer", 5, 5, 5, 4, 20, 16],
            ["CR02", "Cyber attack", "Head of ICT", 5, 4, 5, 3, 15, 15],
            ["CR03", "Workforce", "Head of HR", 4, 4, 3, 3, 9, 12]]
    path = write_workbook(tmp_path / "crr.xlsx", [SheetSpec("CRR", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [str(p) for p in report.warnings]
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["risks"]
    assert doc["period"] == "2024/25 Q2"
    assert doc["movement"]["increased"] == ["CR01"] and doc["movement"]["decreased"] == ["CR03"]
    assert doc["movement"]["unchanged"] == ["CR02"]
