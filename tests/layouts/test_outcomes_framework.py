"""An outcomes framework: indicators each with its own published period (``Time period``: ``2023/24``, ``2021``,
``2021 - 23``) beside ``Value`` and ``Previous value``, the file dated by the month of the board it went to. The figures
are not the quarter the file's name falls in, and the previous value is not the quarter before."""

from __future__ import annotations

from layout_builders import SheetSpec, write_workbook

import perfkit

INDICATORS = [
    ("Smoking status at time of delivery (%)", "2023/24", 9.8, 10.9),
    ("Under 18s conception rate / 1,000", "2021", 13.9, 14.6),
    ("Infant mortality rate (per 1,000 live births)", "2021 - 23", 3.6, 3.9),
    ("Percentage of physically active adults", "2022/23", 68.4, 66.9),
    ("Estimated dementia diagnosis rate (%)", "2024", 66.9, 65.2),
]


def _build(folder, periods=None):
    rows = [["Health and Wellbeing Board outcomes framework"], ["Report to the Board, 21 November 2024"], [],
            ["Indicator", "Time period", "Value", "Previous value"], ["Starting well"]]
    for i, (name, period, value, previous) in enumerate(INDICATORS):
        rows.append([name, periods[i] if periods else period, value, previous])
    return write_workbook(folder / "HWB_outcomes_framework_Nov2024.xlsx", [SheetSpec("Outcomes framework", rows)])


def _warned(frame):
    return [p for p in frame.attrs["problems"] if p.severity == "warning" and p.column == "period"]


def test_each_indicators_own_period_beside_quarter_columns_is_a_warning_naming_the_column(tmp_path):
    frame = perfkit.read_measures(_build(tmp_path))
    warned = _warned(frame)
    assert len(warned) == 1, [p.message for p in frame.attrs["problems"]]
    assert warned[0].source == "Outcomes framework!B6:B9"
    assert "'Time period' gives 3 of the 5 measures a period of their own" in warned[0].message
    assert "'2021 - 23'" in warned[0].message and 'kind = "ignore"' in warned[0].message


def test_a_period_column_that_names_the_quarter_read_is_said_only_as_a_note(tmp_path):
    frame = perfkit.read_measures(_build(tmp_path, periods=["2024/25 Q3"] * len(INDICATORS)))
    assert not _warned(frame)
    assert any("names the quarter the figures are read as (2024/25 Q3)" in p.message for p in frame.attrs["problems"])
