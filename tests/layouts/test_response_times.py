"""A fire and rescue authority's report with attendance times typed '8m 18s' (refused as 'not a number', with no setting
that could read them) beside targets typed '8m 00s'."""

from __future__ import annotations

from layout_builders import SheetSpec, write_workbook

import perfkit


def test_response_times_typed_in_minutes_and_seconds_are_read_and_rated(tmp_path):
    rows = [["Fire and Rescue Authority: quarterly performance 2024/25"],
            ["Indicator", "Description", "Better if", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["SD01", "Average attendance time, first appliance, dwelling fires", "Lower", "8m 00s", "7m 58s", "8m 18s"],
            ["SD02", "Average attendance time, road traffic collisions", "Lower", "11m 00s", "10m 40s", "11m 50s"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Service delivery", rows)])
    report = perfkit.validate(path)
    assert not report.errors, report
    a = perfkit.assess_measures(perfkit.read_measures(path))
    got = {(k, str(p)): (round(v, 3), str(s)) for k, p, v, s in a[["measure_id", "period", "actual", "status"]].itertuples(index=False)}
    assert got == {("SD01", "2025Q1"): (7.967, "Green"), ("SD01", "2025Q2"): (8.3, "Amber"),
                   ("SD02", "2025Q1"): (10.667, "Green"), ("SD02", "2025Q2"): (11.833, "Red")}
    assert set(a["unit"]) == {"minutes"} and set(a["target"]) == {8.0, 11.0}
