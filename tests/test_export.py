"""perfkit.export: tidy frames to parquet and CSV, with CSV cells that cannot run as formulas."""

from __future__ import annotations

import csv
import os

import pandas as pd
import pytest

from perfkit import ConfigError
from perfkit.publish.export import to_csv_frame, write_frames


def _frame():
    return pd.DataFrame({
        "milestone_id": ["M1", "M2", "M3"],
        "lead": ["@jo", "Sam", "+Ali"],
        "period": pd.PeriodIndex([pd.Period("2024Q2", freq="Q-MAR")] * 3),
        "commentary": ["=cmd|' /C calc'!A0", "-2+3", "\t=1+1"],
        "actual": [-5, 0, 12],
    })


def test_csv_cells_never_start_a_formula_and_numbers_stay_numbers(tmp_path):
    written = write_frames({"milestones": _frame()}, "q2", tmp_path)
    csv_path = next(p for p in written if p.suffix == ".csv")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:] for cell in row[:4])
    assert [r[4] for r in rows[1:]] == ["-5", "0", "12"]
    assert rows[1][3] == "'=cmd|' /C calc'!A0" and rows[1][2] == "2023/24 Q2"
    back = pd.read_parquet(next(p for p in written if p.suffix == ".parquet"))
    assert back["commentary"].iloc[0] == "=cmd|' /C calc'!A0"  # parquet keeps the data as written


def test_to_csv_frame_returns_a_new_frame():
    frame = _frame()
    out = to_csv_frame(frame)
    assert out is not frame and frame["lead"].iloc[0] == "@jo" and out["lead"].iloc[0] == "'@jo"


def test_out_naming_a_file_is_a_clear_error(tmp_path):
    target = tmp_path / "existing"
    target.write_text("x")
    with pytest.raises(ConfigError, match="is a file, not a folder"):
        write_frames({"milestones": _frame()}, "q2", target)
    with pytest.raises(ConfigError, match="is a file, not a folder"):
        write_frames({"milestones": _frame()}, "q2", target / "sub")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_clear_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="permission denied|cannot create"):
            write_frames({"milestones": _frame()}, "q2", locked / "out")
    finally:
        locked.chmod(0o700)


def test_periods_follow_a_cadence_column():
    frame = pd.DataFrame({"period": pd.PeriodIndex([pd.Period("2025Q4", freq="Q-MAR"), pd.Period("2025Q2", freq="Q-MAR")]),
                          "cadence": ["half", "quarter"]})
    assert to_csv_frame(frame)["period"].tolist() == ["2024/25 H2", "2024/25 Q2"]
