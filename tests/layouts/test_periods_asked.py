"""A quarter asked for that the workbook's own points of the year do not hold: a risk register first scored at Q2 is
not quoted under a Q1 summary (it was, as 'risks assessed in 2024/25 Q2'), and Q1 of a six-monthly action plan is
refused saying so (it said '2024/25 H1 is not in the action plan; its periods are 2024/25 H1, 2024/25 H2')."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, day, write_workbook

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
