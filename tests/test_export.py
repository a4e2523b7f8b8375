"""perfkit.export: tidy frames to parquet and CSV, with CSV cells that cannot run as formulas."""

from __future__ import annotations

import csv
import os
import tempfile

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


def test_a_line_break_in_a_commentary_never_splits_a_record_or_starts_a_formula(tmp_path):
    frame = _frame()
    frame["commentary"] = ["On track\r=cmd|' /C calc'!A0", "Done\n@SUM(1)", "two\r\nlines"]
    written = write_frames({"milestones": frame}, "q2", tmp_path)
    csv_path = next(p for p in written if p.suffix == ".csv")
    back = pd.read_csv(csv_path)
    assert len(back) == 3 == len(pd.read_parquet(next(p for p in written if p.suffix == ".parquet")))
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 4
    for cell in (c for row in rows[1:] for c in row):
        for line in cell.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            assert not line.startswith(("=", "+", "@")), repr(cell)
    assert back["commentary"].tolist()[2] == "two\r\nlines"  # text without a formula is kept as written


def test_load_puts_its_whole_set_in_place_or_none_of_it(tmp_path, monkeypatch):
    import shutil

    import perfkit.core.paths as paths

    old = write_frames({"milestones": _frame(), "measures": _frame()}, "q2", tmp_path)
    before = {p: p.read_bytes() for p in old}
    real_copy = shutil.copyfile
    calls = []

    def disk_full_on_the_third(src, dst, *a, **k):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(dst))
        return real_copy(src, dst, *a, **k)

    monkeypatch.setattr(paths.shutil, "copyfile", disk_full_on_the_third)
    changed = _frame().assign(lead=["New", "New", "New"])
    with pytest.raises(OSError) as caught:
        write_frames({"milestones": changed, "measures": changed}, "q2", tmp_path)
    assert caught.value.filename in {str(p) for p in old}  # the message names the real file, not a temporary one
    assert {p: p.read_bytes() for p in old} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in old)  # nothing half-written left


def test_a_stop_while_the_set_goes_in_puts_the_old_set_back(tmp_path, monkeypatch):
    import perfkit.core.paths as paths

    old = write_frames({"milestones": _frame()}, "q2", tmp_path)
    before = {p: p.read_bytes() for p in old}
    real_replace = paths.os.replace
    moves = []

    def stop_on_the_fourth_move(src, dst):
        moves.append(dst)
        if len(moves) == 4:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(paths.os, "replace", stop_on_the_fourth_move)
    with pytest.raises(KeyboardInterrupt):
        write_frames({"milestones": _frame().assign(lead="Changed")}, "q2", tmp_path)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in old} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in old)


def test_a_folder_in_the_way_is_refused_before_anything_moves(tmp_path):
    old = write_frames({"milestones": _frame()}, "q2", tmp_path)
    (tmp_path / "q2_measures.csv").mkdir()
    before = {p: p.read_bytes() for p in old}
    with pytest.raises(IsADirectoryError) as caught:
        write_frames({"milestones": _frame().assign(lead="X"), "measures": _frame()}, "q2", tmp_path)
    assert caught.value.filename == str(tmp_path / "q2_measures.csv")
    assert {p: p.read_bytes() for p in old} == before


# ---------------------------------------------------------------------------------------------- stops during `perfkit load`

_STOPPING_LOAD = '''
import os, signal, sys
import pandas as pd
from perfkit.cli import main
real = pd.DataFrame.to_parquet
def half_then_stop(self, fh, *a, **k):
    fh.write(b"PAR1 half-written")
    fh.flush()
    os.kill(os.getpid(), signal.{sig})
    return real(self, fh, *a, **k)
pd.DataFrame.to_parquet = half_then_stop
sys.exit(main(["load", {book!r}, "--out", {out!r}]))
'''


@pytest.mark.skipif(not hasattr(os, "kill"), reason="signals (POSIX)")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_while_load_writes_leaves_the_old_set_and_no_temporary_files(make_book, tmp_path, sig):
    """SIGTERM half-way through the first parquet used to end the process there, leaving perfkit-load-*/x.parquet in TMPDIR."""
    import signal
    import subprocess
    import sys

    from conftest import milestone_rows

    book = make_book(milestone_rows(["G", "A", "R", "G"], ["G", "G", "A", "R"]), name="q2.xlsx")
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    old = write_frames({"milestones": _frame()}, "q2", out)
    before = {p.name: p.read_bytes() for p in old}
    run = subprocess.run([sys.executable, "-c", _STOPPING_LOAD.format(sig=sig, book=str(book), out=str(out))],
                         env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 128 + getattr(signal, sig), run.stderr
    assert "perfkit: stopped" in run.stderr and "Traceback" not in run.stderr
    assert list(temp.iterdir()) == []
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.skipif(not hasattr(os, "kill"), reason="signals (POSIX)")
def test_a_folder_left_by_kill_9_is_removed_by_the_next_run_once_abandoned(make_book, tmp_path, monkeypatch):
    """kill -9 cannot be caught, so the run's scratch folder stays; the next run removes it once its process is gone
    and it has not changed for ten minutes (a run still going is never touched), and leaves other folders alone."""
    import subprocess
    import sys

    from conftest import milestone_rows
    from perfkit.publish import stops

    book = make_book(milestone_rows(["G", "A", "R", "G"], ["G", "G", "A", "R"]), name="q2.xlsx")
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    run = subprocess.run([sys.executable, "-c", _STOPPING_LOAD.format(sig="SIGKILL", book=str(book), out=str(out))],
                         env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == -9
    (left,) = temp.iterdir()
    assert left.name.startswith("perfkit-load-") and (left / stops.OWNER).exists()
    theirs = temp / "perfkit-load-someone-elses"  # no owner file: not perfkit's to remove
    theirs.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    write_frames({"milestones": _frame()}, "q2", out)
    assert left.exists(), "a folder changed less than ten minutes ago may be a run still going"
    for folder in (left, theirs):
        os.utime(folder, (0, 0))
    write_frames({"milestones": _frame()}, "q2", out)
    assert sorted(p.name for p in temp.iterdir()) == [theirs.name]


def test_a_stop_while_the_set_goes_in_place_waits_for_the_whole_new_set(tmp_path, monkeypatch):
    import signal

    import perfkit.publish.export as export

    old = write_frames({"milestones": _frame()}, "q2", tmp_path / "out")
    real = export.install_set

    def stopped_on_the_way(files, **kw):
        os.kill(os.getpid(), signal.SIGTERM)  # held until the set is in place
        return real(files, **kw)

    monkeypatch.setattr(export, "install_set", stopped_on_the_way)
    said = []
    written = write_frames({"milestones": _frame().assign(lead="New")}, "q2", tmp_path / "out", progress=said.append)
    assert sorted(written) == sorted(old)
    assert all(pd.read_parquet(p)["lead"].eq("New").all() for p in written if p.suffix == ".parquet")
    assert said == ["A stop arrived as the files were put in place; they are complete, and listed below."]


def test_a_full_temporary_folder_is_named_with_what_to_do(tmp_path, monkeypatch):
    """pyarrow's error on a full disk names no file: the message names the temporary folder and TMPDIR, never a file in it."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))

    def full(self, fh, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    with pytest.raises(ConfigError) as caught:
        write_frames({"milestones": _frame()}, "q2", tmp_path / "out")
    message = str(caught.value)
    assert f"cannot write in the temporary folder {temp}: the disk is full" in message and "TMPDIR" in caught.value.hint
    assert list(temp.iterdir()) == [] and not list((tmp_path / "out").iterdir())


def test_a_full_output_disk_is_said_naming_the_real_file(make_book, tmp_path, monkeypatch, capsys):
    import perfkit.core.paths as paths
    from perfkit.cli import main

    from conftest import milestone_rows

    book = make_book(milestone_rows(["G", "A", "R", "G"], ["G", "G", "A", "R"]), name="q2.xlsx")

    def full(src, dst, *a, **k):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(paths.shutil, "copyfile", full)
    assert main(["load", str(book), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-2].startswith(f"perfkit: cannot write {tmp_path / 'out'}/q2_milestones.") and "the disk is full" in err[-2]
    assert err[-1] == "Free space on that disk, or give --out a folder on another, and run again."
    assert list((tmp_path / "out").iterdir()) == []


def test_csv_text_loses_c1_and_c0_controls_before_its_lines_are_neutralised(tmp_path):
    """C1 controls (the CSI \\x9b, NEL \\x85) passed into the CSV as they were; one between a line break and a formula
    would have hidden the formula from the neutralising."""
    frame = _frame().assign(commentary=["ok\x9b31m", "a\x85=1+1", "b\n\x1b=2+2"])
    csv_path = next(p for p in write_frames({"milestones": frame}, "q2", tmp_path) if p.suffix == ".csv")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert [r[rows[0].index("commentary")] for r in rows[1:]] == ["ok31m", "a\n'=1+1", "b\n'=2+2"]
    assert pd.read_parquet(csv_path.with_suffix(".parquet"))["commentary"].tolist() == frame["commentary"].tolist()  # as read
