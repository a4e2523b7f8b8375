"""A scorecard pasted from a committee report's appendix: a 'Commentary: ...' line merged across the row under each
measure (read as seven more measures, with a warning for each), an 'Aim / Target' column holding a figure or 'Reduce'
(dropped with a note, so every target was lost), and a status column that gives a direction word where the aim is only
to reduce ('Deteriorating', refused as an unknown status)."""

from __future__ import annotations

from layout_builders import SheetSpec, day, write_workbook

import perfkit

ITEMS = [("Keeping people safe", "PCP1", "Total recorded crime", 15100, 15650, "Reduce", "Deteriorating"),
         (None, "PCP2", "999 calls answered within 10 seconds (%)", 91.2, 89.7, 90, "Close to target"),
         ("Supporting victims", "PCP4", "Victim satisfaction (%)", 73, 70.2, 75, "Not achieving"),
         (None, "PCP5", "Domestic abuse positive outcomes (%)", 12.9, 13.4, 12, "Achieving")]


def _appendix(tmp_path):
    rows = [["Police and Crime Plan Performance Framework - Quarter 2 2024/25 (Appendix A)"], [],
            ["Plan Priority", "Ref", "Measure", "Q1", "Q2", "Aim / Target", "Status"]]
    merges = []
    for priority, ref, name, q1, q2, aim, status in ITEMS:
        rows.append([priority, ref, name, q1, q2, aim, status])
        rows.append([None, None, f"Commentary: {name} - the lead's narrative for Quarter 2.", None, None, None, None])
        merges.append(f"C{len(rows)}:G{len(rows)}")
    merges += ["A4:A7", "A8:A11"]
    return write_workbook(tmp_path / "appendix.xlsx", [SheetSpec("Appendix A", rows, merges=merges)])


def test_commentary_lines_under_measures_are_their_commentary_not_measures(tmp_path):
    path = _appendix(tmp_path)
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, report
    m = perfkit.read_measures(path)
    assert sorted(m["measure_id"].unique()) == ["PCP1", "PCP2", "PCP4", "PCP5"]
    q2 = m[m["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2.loc["PCP4", "commentary"] == "Victim satisfaction (%) - the lead's narrative for Quarter 2."
    assert dict(zip(m["measure_id"], m["priority"])) == {"PCP1": "Keeping people safe", "PCP2": "Keeping people safe",
                                                         "PCP4": "Supporting victims", "PCP5": "Supporting victims"}


def test_an_aim_or_target_column_gives_the_targets_and_a_direction_word_is_no_status(tmp_path):
    path = _appendix(tmp_path)
    a = perfkit.assess_measures(perfkit.read_measures(path))
    q2 = a[a["period"].astype(str) == "2025Q2"].set_index("measure_id")
    assert q2["target"].fillna(-1).to_dict() == {"PCP1": -1, "PCP2": 90, "PCP4": 75, "PCP5": 12}
    assert q2["status"].astype(str).to_dict() == {"PCP1": "Data only", "PCP2": "Amber", "PCP4": "Red", "PCP5": "Green"}
    assert q2.loc["PCP1", "polarity"] == "lower"  # 'Reduce'
    said = [p.message for p in perfkit.validate(path)]
    assert any("'Deteriorating' is a direction of travel, not a status" in s for s in said), said


def test_a_commentary_line_under_a_milestone_is_its_commentary(tmp_path):
    rows = [["Delivery plan 2024/25 Q2"], ["Ref", "Milestone", "Lead", "Due date", "Q2 status"],
            ["1.1", "Open the hub", "Head of Place", day(2025, 3, 31), "Green"],
            [None, "Update: contractor appointed in August.", None, None, None],
            ["1.2", "Adopt the plan", "Head of Planning", day(2024, 9, 30), "Red"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows, merges=["B4:E4"])])
    ms = perfkit.read_milestones(path)
    assert ms["milestone_id"].tolist() == ["1.1", "1.2"]
    assert ms.set_index("milestone_id").loc["1.1", "commentary"] == "contractor appointed in August."
