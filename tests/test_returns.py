"""A quarter's returns from every service, read together: files and folders in, one reading out.

The returns are built by ``returns_builder`` as services send them (one workbook per directorate per quarter, the
quarter named only in the title and the file name), with the one combined workbook they add up to as the truth.
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import perfkit
from perfkit.cli import main
from perfkit.core.errors import ConfigError, ValidationError
from perfkit.read.several import read_workbooks, validate_workbooks
from returns_builder import combined, write_returns


@pytest.fixture
def returns(tmp_path):
    return write_returns(tmp_path / "raw")


def _summary(capsys, *argv) -> dict:
    assert main(["summary", *map(str, argv), "--json", "--no-store"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("by", [None, "directorate"])
def test_the_returns_give_the_figures_of_one_combined_workbook(returns, tmp_path, capsys, by):
    q1, q2 = returns
    grouped = ["--by", by] if by else []
    together = _summary(capsys, q1, q2, "--period", "2024/25 Q2", *grouped)
    one = _summary(capsys, combined(tmp_path / "combined.xlsx"), "--period", "2024/25 Q2", *grouped)
    assert together == one
    assert together["changes"]["milestones"]["from"] == "2024/25 Q1"
    assert together["changes"]["milestones"]["improved"] == 5 and together["changes"]["milestones"]["declined"] == 1
    if by:
        assert set(together["milestones"]["groups"]) == {"Adult Social Care", "Children's Services", "Place"}


def test_each_row_keeps_its_file_and_directorate_and_cells_name_their_file(returns):
    frames = read_workbooks(list(returns), store=False)
    ms = frames["milestones"]
    assert len(ms) == 18 and ms["milestone_id"].nunique() == 9
    row = ms[(ms["milestone_id"] == "CS1") & (ms["period"] == perfkit.parse_period("2024/25 Q2"))].iloc[0]
    assert row["directorate"] == "Children's Services"  # the file name's words, spelled as the title spells them
    assert row["file"] == "childrens_services_q2_2024-25.xlsx"
    assert row["source"] == "[childrens_services_q2_2024-25.xlsx]Milestones!F4"
    notes = [str(p) for p in ms.attrs["problems"]]
    assert any(n.startswith("[place_q1_2024-25.xlsx]: read as the returns of 'Place', from the file name") for n in notes)
    assert all(n.startswith("[") for n in notes)  # every problem names its file


def test_one_workbook_given_alone_is_read_as_it_always_was(returns):
    book = sorted(returns[0].iterdir())[0]
    alone = read_workbooks(book, store=False)
    before = perfkit.read_workbook(book)
    assert alone.keys() == before.keys()
    for kind in before:
        pd.testing.assert_frame_equal(alone[kind], before[kind])
        assert alone[kind].attrs["problems"] == before[kind].attrs["problems"]


def test_the_same_reference_for_the_same_quarter_from_two_files_is_one_error_naming_both(returns, capsys):
    q1, q2 = returns
    shutil.copy(q2 / "place_q2_2024-25.xlsx", q2 / "place_q2_2024-25 (draft).xlsx")
    with pytest.raises(ValidationError) as err:
        read_workbooks([q1, q2], store=False)
    text = str(err.value)
    assert "5 problems" in text  # three milestones and two measures, each once
    assert ("milestone 'PL1' for 2024/25 Q2 is in place_q2_2024-25 (draft).xlsx and place_q2_2024-25.xlsx "
            "([place_q2_2024-25 (draft).xlsx]Milestones!F4 and [place_q2_2024-25.xlsx]Milestones!F4)") in text
    assert main(["summary", str(q1), str(q2)]) == 1
    err_text = capsys.readouterr().err
    assert "PLK2" in err_text and "Traceback" not in err_text


def test_the_inventory_lists_every_file_and_what_a_folder_holds_besides(returns, capsys):
    q1, q2 = returns
    (q2 / "notes.docx").write_bytes(b"not a workbook")
    (q2 / "~$place_q2_2024-25.xlsx").write_bytes(b"an Excel lock file")
    assert main(["validate", str(q1), str(q2)]) == 0
    out = capsys.readouterr().out
    for name in ("adult_social_care_q1_2024-25.xlsx", "childrens_services_q2_2024-25.xlsx", "place_q2_2024-25.xlsx"):
        assert f"[{name}]Milestones: 3 milestones" in out and f"[{name}]KPIs: 2 measures" in out
    assert "2024-25-q2/notes.docx: not read: not named like a workbook" in out
    assert "~$" not in out
    assert "In all: 9 milestones, 6 measures; 2024/25 Q1 to 2024/25 Q2; 0 errors" in out


def test_a_return_that_cannot_be_read_is_named_and_nothing_is_read(returns, capsys):
    q1, q2 = returns
    (q2 / "housing_q2_2024-25.xlsx").write_bytes(b"")
    with pytest.raises(ValidationError, match=r"housing_q2_2024-25.xlsx: the file is empty"):
        read_workbooks([q1, q2], store=False)
    assert main(["summary", str(q1), str(q2)]) == 1
    assert "housing_q2_2024-25.xlsx" in capsys.readouterr().err


def test_a_target_moved_between_returns_is_a_warning_naming_both_cells(tmp_path):
    q1, q2 = write_returns(tmp_path, moved={"PLK2": 75})
    warned = [p for p in read_workbooks([q1, q2], store=False)["measures"].attrs["problems"] if p.severity == "warning"]
    assert [str(p) for p in warned] == [
        "[place_q2_2024-25.xlsx]KPIs!5:5: measure PLK2 'Place measure 2': target 70 in 2024/25 Q1 ([place_q1_2024-25.xlsx]KPIs!5:5) "
        "is 75 in 2024/25 Q2: a target moved during the year; check the change was agreed (scrutiny will ask), or correct the return"]
    assert any("PLK2" in str(p) for p in validate_workbooks([q1, q2]).warnings)


def test_returns_on_different_status_scales_are_refused(returns):
    q1, q2 = returns
    (q2 / "place_q2_2024-25.perfkit.toml").write_text('[status]\nscale = "five-point"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="different status scales"):
        read_workbooks([q1, q2], store=False)


def test_last_quarters_return_left_in_this_quarters_folder_is_warned_about(tmp_path):
    import shutil

    import perfkit
    from returns_builder import write_returns

    q1, q2 = write_returns(tmp_path)
    stray = next(p for p in sorted(q1.iterdir()) if p.suffix == ".xlsx")
    shutil.copy(stray, q2 / stray.name)
    frames = perfkit.read_workbooks([q2], store=False)
    said = [str(p) for p in next(iter(frames.values())).attrs["problems"] if p.severity == "warning"]
    assert any(stray.name in p and "this return's latest period is 2024/25 Q1" in p for p in said), said


def test_two_folders_are_two_quarters_and_a_missing_return_is_said(tmp_path, capsys):
    from perfkit.cli import main
    from returns_builder import write_returns

    q1, q2 = write_returns(tmp_path)
    assert main(["summary", str(q1), str(q2), "--period", "2024/25 Q2", "--no-store"]) == 0
    assert "latest period is" not in capsys.readouterr().err  # each folder is compared with itself, not with the other
    gone = next(p for p in sorted(q2.iterdir()) if p.suffix == ".xlsx")
    gone.unlink()
    assert main(["summary", str(q1), str(q2), "--period", "2024/25 Q2", "--no-store"]) == 0
    out = capsys.readouterr().out
    assert "reported in 2024/25 Q1 are not in this quarter's figures" in out or "reported in 2024/25 Q1 is not in" in out
