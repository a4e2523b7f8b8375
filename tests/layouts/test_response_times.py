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


def test_times_held_by_excel_under_a_unit_of_mm_ss_are_shown_as_mm_ss_and_never_warned(tmp_path):
    """A fire authority's 'Unit: mm:ss' over Excel times (10:00, 9:48) and text (08:12): each Excel time was warned as
    'typed in minutes, but the measure's unit is mm:ss', blocking the brief, and the brief printed 8.2 and '1.43 mm:ss'."""
    import datetime as dt

    from perfkit.present.text import amount_text, number_text

    rows = [["Response standards - Quarter 2 2024/25"], ["Ref", "Measure", "Unit", "Better if", "Target", "Q2 2024/25"],
            ["RS1", "First appliance at a dwelling fire", "mm:ss", "Lower", "08:00", "08:12"],
            ["RS2", "First appliance at a road collision", "mm:ss", "Lower", dt.time(0, 10), dt.time(0, 9, 48)]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Q2", rows, number_formats={"E4:F4": "mm:ss"})])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    assert kp["actual"].round(3).tolist() == [8.2, 9.8] and kp["target"].tolist() == [8.0, 10.0]
    assert [number_text(v, "mm:ss") for v in kp["actual"]] == ["8:12", "9:48"]
    assert amount_text(1.4333, "mm:ss") == "1:26 mm:ss"


def test_a_time_typed_m_ss_under_a_name_in_minutes_is_minutes_and_seconds(tmp_path):
    """'8:44' for 'Average response time, first appliance (mins)': refused as minutes or hours, with only workbook edits
    to offer, though the name says minutes; under '(hours)', '1:30' is an hour and a half."""
    rows = [["Fire KPIs 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["F1", "Average response time, first appliance (mins)", "Lower", "8:30", "8:12", "8:44"],
            ["F2", "Time to restore service (hours)", "Lower", "2:00", "1:30", "2:15"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("KPIs", rows)]))
    by = kp.set_index("measure_id")
    assert list(by.loc["F1", "actual"].round(4)) == [8.2, round(8 + 44 / 60, 4)] and set(by.loc["F1", "target"]) == {8.5}
    assert list(by.loc["F2", "actual"]) == [90, 135] and set(by.loc["F2", "target"]) == {120}
    said = [p for p in kp.attrs["problems"] if "as the measure's name or unit gives it in" in p.message]
    assert len(said) == 2 and not [p for p in kp.attrs["problems"] if p.severity == "error"]
