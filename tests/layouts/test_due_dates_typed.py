"""Due dates typed as officers type them: '31.07.24' and '31-07-24' were read as the quarter they fall in (30/09/2024),
with no word; 'End of September 2024' was refused with no line that could fix it."""

from __future__ import annotations

import datetime as dt

import pytest
from layout_builders import SheetSpec, write_workbook

import perfkit


@pytest.mark.parametrize("typed, due", [("31.07.24", dt.date(2024, 7, 31)), ("31-07-24", dt.date(2024, 7, 31)),
                                        ("31/07/24", dt.date(2024, 7, 31)), ("End of September 2024", dt.date(2024, 9, 30)),
                                        ("by end Sept 2024", dt.date(2024, 9, 30))])
def test_a_due_date_typed_in_text_is_that_day(tmp_path, typed, due):
    rows = [["Council Plan milestones, Quarter 2 2024/25"], ["Ref", "Milestone", "When", "Q2 RAG"],
            ["CP1", "Open the hub", typed, "Amber"], ["CP2", "Adopt the plan", "31/03/2025", "Green"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert ms.set_index("milestone_id").loc["CP1", "due_date"].date() == due


def test_a_day_that_is_no_date_is_refused_never_read_as_a_quarter():
    from perfkit.read.engine import parse_date

    assert parse_date("31.02.24")[1] == "text"
