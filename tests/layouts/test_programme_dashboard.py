"""A combined authority's investment programme dashboard: ``Project ref | Scheme | Theme | SRO | Baseline completion |
Forecast completion | DCA (previous quarter) | DCA (this quarter) | Commentary``, its Delivery Confidence Assessments on
the five-point scale in cells filled light green (Amber/Green) and orange (Amber/Red), on a sheet named ``Dashboard``.

It was refused as a cover sheet by its name; renamed, its project columns were not known, and once read, every
Amber/Green in a light green cell was a warning that the word and its fill disagreed."""

from __future__ import annotations

import json
import random

from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main

FILL = {"Green": "FF00B050", "Amber/Green": "FFC4D79B", "Amber": "FFFFC000", "Amber/Red": "FFF4B183", "Red": "FFC00000",
        "Complete": "FF0070C0"}
THEMES = ["Transport", "Skills", "Housing", "Net Zero"]


def dashboard(tmp_path, seed: int = 3, sheet: str = "Dashboard"):
    rng = random.Random(seed)
    rows = [["North Riding Mayoral Combined Authority"],
            ["Investment Programme delivery dashboard - Quarter 2 2024/25 (July to September 2024)"], [],
            ["Project ref", "Scheme", "Theme", "SRO", "Baseline completion", "Forecast completion", "DCA (previous quarter)",
             "DCA (this quarter)", "Commentary"]]
    fills, truth = {}, {"q1": {}, "q2": {}}
    for i in range(10):
        q1, q2 = rng.choice(list(FILL)[:5]), rng.choice(list(FILL))
        baseline = day(2025, rng.choice([3, 6, 9]), 30)
        rows.append([f"IP{i + 1:02d}", f"Scheme {i + 1}", THEMES[i % 4], "Director of Delivery", baseline, baseline, q1, q2, None])
        fills[f"G{len(rows)}"], fills[f"H{len(rows)}"] = FILL[q1], FILL[q2]
        truth["q1"][q1] = truth["q1"].get(q1, 0) + 1
        truth["q2"][q2] = truth["q2"].get(q2, 0) + 1
    rows += [[], ["DCA: Delivery Confidence Assessment (Green, Amber/Green, Amber, Amber/Red, Red)"]]
    return write_workbook(tmp_path / "dashboard.xlsx", [SheetSpec(sheet, rows, fills=fills)]), truth


def test_a_programme_dashboard_is_read_on_the_five_point_scale_with_no_settings(tmp_path, capsys):
    path, truth = dashboard(tmp_path)
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [str(p) for p in report]
    for period, want in (("2024/25 Q2", truth["q2"]), ("2024/25 Q1", truth["q1"])):
        assert main(["summary", str(path), "--period", period, "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)["milestones"]
        assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == want
    ms = perfkit.read_milestones(path)
    assert ms.loc[ms.milestone_id == "IP01", "title"].iloc[0] == "Scheme 1"


def test_a_table_of_items_on_a_sheet_named_dashboard_is_not_called_a_cover(tmp_path):
    """Where perfkit cannot find its header, a 'Dashboard' of references and dates is said to look like a tracker."""
    rows = [["Dashboard"], [], ["Zzz", "Qqq", "Www", "Vvv"]]
    rows += [[f"IP{i:02d}", f"Thing {i}", day(2025, 3, 31), "Green"] for i in range(1, 7)]
    path = write_workbook(tmp_path / "odd.xlsx", [SheetSpec("Dashboard", rows), SheetSpec("Plan", [["Ref", "Milestone", "Due date", "Q2 2024/25 RAG"],
                                                                                                    ["M1", "Open the hub", day(2025, 3, 31), "Green"]])])
    said = {e.sheet: e for e in perfkit.validate(path).inventory}
    assert "looks like a tracker" in said["Dashboard"].note and "by its name" not in said["Dashboard"].note
