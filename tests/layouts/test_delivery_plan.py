"""The delivery plan perfkit was built around: title rows, priorities as section rows, a status per quarter."""

from __future__ import annotations

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit


@layout("delivery plan", "section rows and quarter columns")
def build_sections(folder):
    rows = [["Council Plan 2024/25: delivery plan monitoring"], [],
            ["Ref", "Milestone", "Lead officer", "Due date", "Q1 Status", "Q2 Status", "Q2 Commentary"]]
    statuses = {}
    n = 0
    for priority, items in (("Priority 1: Homes for all", ["Green", "Amber", "Red"]), ("Priority 2: A greener borough", ["Green", "Complete"])):
        rows.append([priority])
        for status in items:
            n += 1
            rows.append([f"M{n:02d}", f"Milestone {n}", "Head of Service", day(2025, 3, 31), "Green", status, "Update"])
            statuses[status] = statuses.get(status, 0) + 1
    path = write_workbook(folder / "delivery_plan_2024-25.xlsx", [SheetSpec("Milestones", rows)])
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"priority": ["Homes for all"] * 3 + ["A greener borough"] * 2}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_the_truth_is_the_generators_not_perfkits(tmp_path):
    path, truth = build_sections(tmp_path)
    frame = perfkit.read_milestones(path)
    assert truth.counts["milestones"] == 5 and frame["milestone_id"].nunique() == 5
