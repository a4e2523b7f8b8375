"""perfkit.safety: the limits, the zip check and the neutralising of formula-looking text."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from perfkit import WorkbookError
from perfkit.safety import (FORMULA_START, Limits, check_file, check_zip, current_limits, formula_risk, limits,
                            neutralise, neutralise_frame)


def test_defaults_are_those_of_the_issue():
    lim = Limits()
    assert (lim.max_part_mb, lim.max_ratio) == (200, 100)


def test_env_raises_a_limit_and_limits_overrides_it(monkeypatch):
    monkeypatch.setenv("PERFKIT_MAX_PART_MB", "500")
    assert current_limits().max_part_mb == 500
    with limits(max_part_mb=7):
        assert current_limits().max_part_mb == 7
    assert current_limits().max_part_mb == 500


@pytest.mark.parametrize("bad", ["0", "-3", "nan", "inf", "ten"])
def test_bad_env_values_are_refused_by_name(monkeypatch, bad):
    monkeypatch.setenv("PERFKIT_MAX_RATIO", bad)
    with pytest.raises(WorkbookError, match="PERFKIT_MAX_RATIO"):
        current_limits()


def _zip(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for k, v in parts.items():
            z.writestr(k, v)
    return buf.getvalue()


def test_sample_workbook_passes(sample_path):
    check_file(sample_path)


def test_stored_parts_are_bounded_too(tmp_path):
    path = tmp_path / "b.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<w/>", "xl/big.bin": b"\x00" * (3 * 1024 * 1024)}, zipfile.ZIP_STORED))
    with limits(max_part_mb=2):
        with pytest.raises(WorkbookError, match="part 'xl/big.bin'"):
            check_zip(path)


def test_entity_split_across_chunks_is_found(tmp_path):
    xml = b"<?xml version='1.0'?>" + b" " * (1024 * 1024 - 25) + b"<!DOCTYPE x><x/>"  # split as '<!DO' + 'CTYPE'
    path = tmp_path / "e.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": xml}))
    with limits(max_ratio=100_000), pytest.raises(WorkbookError, match="XML entities"):
        check_zip(path)


def test_doctype_in_an_image_is_not_xml(tmp_path):
    path = tmp_path / "i.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<w/>", "xl/media/image1.png": b"\x89PNG<!DOCTYPE"}))
    check_zip(path)


@pytest.mark.parametrize("text", ["=1+1", "+44 1632", "-x", "@SUM(A1)", "\t=1", "\r=1", "=", "-"])
def test_each_formula_start_is_a_risk(text):
    assert formula_risk(text) and neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["On track", " =1+1", "1-2", "", "'=already", -5, 3.5, None, pd.NA])
def test_other_values_pass_unchanged(value):
    assert not formula_risk(value)
    assert neutralise(value) is value


def test_formula_start_is_owasps_list():
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}


def test_neutralise_frame_touches_text_only_and_returns_a_copy():
    frame = pd.DataFrame({
        "commentary": ["=HYPERLINK(\"http://x\")", "fine", None],
        "status": pd.Categorical(["Green", "-", "Green"]),
        "actual": [-5.0, 2.0, None],
        "=evil": ["a", "b", "c"],
    })
    out = neutralise_frame(frame)
    assert out["commentary"].tolist()[:2] == ["'=HYPERLINK(\"http://x\")", "fine"] and pd.isna(out["commentary"].iloc[2])
    assert out["status"].tolist() == ["Green", "'-", "Green"]
    assert out["actual"].tolist()[:2] == [-5.0, 2.0] and out["actual"].dtype == float
    assert "'=evil" in out.columns
    assert frame["commentary"].iloc[0].startswith("=") and "=evil" in frame.columns  # the input is untouched


@pytest.mark.realdata
def test_real_files_pass_the_bounds():
    """No false alarm on real public workbooks and CSVs (skips when ../shared/realdata is absent)."""
    from conftest import REALDATA

    if not REALDATA.is_dir():
        pytest.skip("no ../shared/realdata")
    files = [p for p in REALDATA.rglob("*") if p.is_file() and p.suffix.lower() in (".xlsx", ".xls", ".csv", ".ods", ".xlsm")]
    assert files
    for path in files:
        check_file(path)
