"""perfkit.safety: the limits, the zip check and the neutralising of formula-looking text."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from perfkit import WorkbookError
from perfkit.read.safety import (FORMULA_START, Limits, check_file, check_zip, current_limits, formula_risk, limits,
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


@pytest.mark.parametrize("cut", [0, 1, 2, 3, 4, 5])
def test_the_parts_with_error_cells_are_found_across_chunk_edges(tmp_path, cut):
    """check_zip names the parts with formula-error cells, so the reader inflates only those again."""
    from perfkit.read.safety import _CHUNK

    cell = b'<c r="B2" t="e"><v>#DIV/0!</v></c>'
    at = cell.index(b't="e"') + cut  # the literal split by the 1 MB edge at each of its places
    xml = b"<worksheet>" + b" " * (_CHUNK - len(b"<worksheet>") - at) + cell + b"</worksheet>"
    path = tmp_path / f"e{cut}.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b'<c r="A1" t="s"/>', "xl/worksheets/sheet2.xml": xml}))
    with limits(max_ratio=100_000):
        assert check_zip(path) == {"xl/worksheets/sheet2.xml": {"errors"}}


@pytest.mark.parametrize("cut", [0, 3, 6, 9])
def test_hidden_rows_are_noted_across_chunk_edges(tmp_path, cut):
    from perfkit.read.safety import _CHUNK

    row = b'<row r="7" hidden="1"><c r="A7" t="s"><v>0</v></c></row>'
    at = row.index(b'hidden="1"') + cut
    xml = b"<worksheet>" + b" " * (_CHUNK - len(b"<worksheet>") - at) + row + b"</worksheet>"
    path = tmp_path / f"h{cut}.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": xml}))
    with limits(max_ratio=100_000):
        assert check_zip(path) == {"xl/worksheets/sheet1.xml": {"hidden"}}


def test_error_cells_on_a_second_sheet_are_still_named(tmp_path):
    import openpyxl

    from perfkit.read.workbook import open_workbook

    wb = openpyxl.Workbook()
    wb.active.title = "Clean"
    wb.active["A1"] = "fine"
    wb.create_sheet("Faulty")["C4"] = "#REF!"
    wb.save(tmp_path / "two.xlsx")
    book = open_workbook(tmp_path / "two.xlsx")
    assert book.sheet("Clean").errors == {}
    assert book.sheet("Faulty").errors == {(3, 2): "#REF!"}


def test_the_sheet_the_check_inflated_is_not_inflated_again(tmp_path, monkeypatch):
    """The safety pass keeps each sheet's XML as it inflates it: naming error cells (and reading formats) needs no second inflation."""
    import openpyxl

    from perfkit.read.workbook import open_workbook

    wb = openpyxl.Workbook()
    wb.active.title = "Faulty"
    wb.active["C4"] = "#REF!"
    wb.save(tmp_path / "e.xlsx")
    book = open_workbook(tmp_path / "e.xlsx")
    read = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read.append(name) or real(self, name, pwd))
    assert book.sheet("Faulty").errors == {(3, 2): "#REF!"}
    assert not [n for n in read if n.startswith("xl/worksheets/")]


def test_doctype_in_an_image_is_not_xml(tmp_path):
    path = tmp_path / "i.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<w/>", "xl/media/image1.png": b"\x89PNG<!DOCTYPE"}))
    check_zip(path)


@pytest.mark.parametrize("text", ["=1+1", "+44 1632", "-x", "@SUM(A1)", "\t=1", "\r1", "=", "-"])
def test_each_formula_start_is_a_risk(text):
    assert formula_risk(text) and neutralise(text) == "'" + text


@pytest.mark.parametrize("text, safe", [("\r=1", "'\r'=1"), ("On track\n=cmd|' /C calc'!A0", "On track\n'=cmd|' /C calc'!A0"),
                                        ("a\r\n@SUM(1)\n-b", "a\r\n'@SUM(1)\n'-b"), ("one\ntwo", "one\ntwo")])
def test_a_formula_at_the_start_of_any_line_is_neutralised(text, safe):
    assert neutralise(text) == safe and formula_risk(text) == (text != safe)


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


# --- the quick look never places a cell nearer than it is (a slow, plain reading is the reference) ---------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from perfkit.read.safety import REF_WIDTH, _col_number, _refs_in  # noqa: E402

_ANY_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([a-zA-Z]*)0*(\d*)""")


def _reference_farthest(xml: bytes) -> tuple[int, int]:
    rows = cols = 0
    for m in _ANY_R.finditer(xml):
        cols = max(cols, _col_number(m[1]) if m[1] else 0)
        rows = max(rows, int(m[2]) if m[2] else 0)
    return rows, cols


_letters = st.text(alphabet="ABCXYZabcxyz", min_size=0, max_size=4)
_digits = st.one_of(st.integers(0, 20_000_000).map(str), st.sampled_from(["099999", "0100000", "1048576", "99999", "100000", "00001048576"]))
_spelling = st.sampled_from(['{sp}r="{v}"', "{sp}r='{v}'", '{sp}r = "{v}"', '{sp}r\t=\t"{v}"', '{sp}r  =   \'{v}\'', '{sp}r= "{v}"'])
_noise = st.sampled_from(['<t>x = y</t>', 'header="0.31496062992125984"', '<t>r = 5 and more</t>', "<v>1</v>", " ", "\n",
                          '<c t="inlineStr">', "showRuler=\"0\"", '<f>IF(A1>=B1,"Green","Red")</f>'])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_noise, st.builds(lambda s, sp, l, d: s.format(sp=sp, v=l + d), _spelling,
                                                        st.sampled_from([" ", "\n", "\t"]), _letters, _digits)),
                max_size=30), st.integers(0, 5000))
def test_the_quick_look_never_places_a_cell_nearer_than_it_is(parts, pad):
    """Whatever the spelling, the quick look either gives rows and columns at least as far as every ``r`` names,
    or cannot place them (None: the part is counted exactly)."""
    xml = (b" " * pad) + "".join(parts).encode() + b" " * (REF_WIDTH + 4)
    found = _refs_in(xml, 0, len(xml) - REF_WIDTH - 3)
    if found is not None:
        rows, cols = _reference_farthest(xml)
        assert found[0] >= rows and found[1] >= cols


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=",;\t|\nab\"", max_size=300), st.integers(1, 40))
def test_csv_shape_counts_lines_and_the_widest_line_whatever_the_chunks(text, chunk):
    from perfkit.read.safety import _CsvShape

    data = text.encode()
    shape = _CsvShape()
    for i in range(0, len(data), chunk):
        shape.feed(data[i:i + chunk])
    lines = data.split(b"\n")
    expected_lines = len(lines) - (1 if data.endswith(b"\n") or not data else 0)
    widest = max((line.count(bytes([d])) for line in lines for d in b",;\t|"), default=0)
    got_lines = shape.lines + (1 if shape.pending else 0)
    assert (got_lines, max(shape.widest, *shape.open.values())) == (expected_lines, widest)


def test_a_csv_too_wide_for_any_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "q2.csv"
    path.write_text("Ref,Status\nM1,Green\n" + "," * 20_000 + "\n")
    with pytest.raises(WorkbookError, match="a line of 20,001 fields, wider than any spreadsheet"):
        check_file(path)


def test_one_wide_line_over_many_short_ones_is_a_vast_table(tmp_path):
    path = tmp_path / "q2.csv"
    path.write_text("Ref,Status\n" + "M1,G\n" * 5_000 + "," * 10_000 + "\n")
    with pytest.raises(WorkbookError, match=r"5,002 lines by up to 10,001 fields"):
        check_file(path)
