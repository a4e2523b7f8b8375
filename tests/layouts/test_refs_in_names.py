"""Trackers with no reference column whose items' words begin with their own reference (``D3 Launch the new website``,
``SR2 Cyber attack``, ``2.1 Review fees``): the reference is the workbook's, read as the item's, never ``M003``."""

from __future__ import annotations

import json

import pytest
from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main


def test_a_delivery_plans_deliverables_keep_their_own_references(tmp_path, capsys):
    """The overdue list read ['M003', 'M004'] where the plan calls them D3 and D4."""
    rows = [["Riverside District Council - Delivery Plan 2024/25"], ["Quarter 3 progress report (position at end of December 2024)"], [],
            ["Key deliverables", "Accountable officer", "Target date for completion", "Current RAG rating (Dec 24)"],
            ["D1 Adopt new Corporate Plan", "Chief Executive", day(2024, 7, 31), "Complete"],
            ["D2 Deliver town centre masterplan", "Regeneration Manager", day(2025, 3, 31), "Green"],
            ["D3 Launch new website", "Comms Manager", day(2024, 11, 30), "Amber"],
            ["D4 Replace depot roof", "Estates Manager", day(2024, 10, 31), "Red"]]
    path = write_workbook(tmp_path / "delivery_plan_q3.xlsx", [SheetSpec("Delivery Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["milestones"]["overdue"] == ["D3", "D4"]
    ms = perfkit.read_milestones(path)
    assert ms["title"].iloc[2] == "D3 Launch new website" and not ms.attrs.get("generated_ids")
    assert any("begin with its reference" in p.message for p in ms.attrs["problems"])


@pytest.mark.parametrize("titles, refs", [
    (["SR1 Budget gap", "SR2 Cyber attack", "SR3 Workforce"], ["SR1", "SR2", "SR3"]),
    (["Budget gap", "Cyber attack", "3 x 3 matrix review"], ["R001", "R002", "R003"]),  # not every risk: none read so
])
def test_a_registers_risks_named_with_their_references(tmp_path, titles, refs):
    """'SR3 Cyber attack' with no reference column: the register's own SR3 (read as 'R003', and 'SR' would not number)."""
    rows = [["Strategic risk register - Quarter 2 2024/25"], ["Risk", "Owner", "Likelihood", "Impact"]]
    rows += [[t, "Director", 3 + i % 2, 4] for i, t in enumerate(titles)]
    rk = perfkit.read_risks(write_workbook(tmp_path / "register.xlsx", [SheetSpec("Register", rows)]))
    assert rk["risk_id"].drop_duplicates().tolist() == refs
