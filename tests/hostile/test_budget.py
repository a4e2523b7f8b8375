"""The whole-workbook budget: every small file that would build something vast is refused in one line, in seconds,
under a memory cap; the same kind of file within the limits is read; every limit is raised from perfkit.toml or --limit.

Each bomb runs `perfkit validate` in a fresh process limited to 1.5 GB of address space (as a server would run it)
and 30 s: the refusal must be the first line on stderr, with the line to type under it, and no traceback or panic.
Each was, before the budget, a crash or gigabytes (measured on the issue's machine; noted beside each).
"""

from __future__ import annotations

import os
import time
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile_builders as hb
from perfkit import WorkbookError, read_milestones, read_workbook
from perfkit.cli import main
from perfkit.read.safety import (Limits, _AreaCount, _AreaScan, _SharedRefs, _StringLengths, check_file, configured, limits,
                                 merged_cells)

POSIX = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs resource limits (POSIX)")
LIMITS = Limits()  # the defaults


def _write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _refused_cleanly(path, *words, peak_mb: int = 600):
    """`perfkit validate` under 1.5 GB: exit 1 in seconds, the refusal first and the line to type under it."""
    run, took, peak = hb.run_capped(["validate", path])
    assert run.returncode == 1, run.stderr  # not killed (negative), not aborted (134)
    lines = run.stderr.splitlines()
    assert lines[0].startswith(f"perfkit: {os.path.basename(path)}: refused to read "), run.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert "perfkit.toml ([limits] " in run.stderr and "--limit " in run.stderr
    assert "Traceback" not in run.stderr and "panicked" not in run.stderr and len(lines) == 2
    assert took < 30 and 0 < peak < peak_mb, (took, peak)
    return lines


# --------------------------------------------------------------------------- one file per bomb class, under a memory cap


@POSIX
def test_one_shared_string_used_by_thousands_of_cells_is_refused(tmp_path):
    # 390 kB under the one-cell limit, used by 3,000 cells: 1.1 GB of text (the issue's: 6.1 GB, then a panic under 4 GB)
    path = _write(tmp_path, "q2.xlsx", hb.shared_string_bomb(390_000, 3000))
    assert os.path.getsize(path) < 400_000
    lines = _refused_cleanly(path, "part 'xl/sharedStrings.xml'", "used by 3,000 cells", f"over the {LIMITS.max_text_mb:g} MB limit")
    assert "[limits] text_mb = " in lines[1]


@POSIX
def test_sheets_each_within_the_cell_limit_are_refused_together(tmp_path):
    # sheets of 26 x 4,000 cells, each within the limit (on main, five of 78 x 99,999 took 11 s and 700 MB)
    path = _write(tmp_path, "q2.xlsx", hb.far_sheets(5, ref="Z4000"))
    assert os.path.getsize(path) < 10_000
    _refused_cleanly(path, "its sheets: together they make up to 312,000 cells", "limit for the whole workbook")


@POSIX
def test_merged_whole_columns_are_refused(tmp_path):
    # 2,000 merges of A4:H9999 in a 3 kB file: the reader fills each cell, for minutes
    path = _write(tmp_path, "q2.xlsx", hb.merge_bomb(2000, rows=10_000))
    assert os.path.getsize(path) < 10_000
    _refused_cleanly(path, "merged ranges cover 159,936,000 cells")


@POSIX
def test_a_row_of_cells_without_references_is_refused(tmp_path):
    # 16,384 cells with no r="..." in a row at 99,999: calamine asked for 52 GB and panicked
    path = _write(tmp_path, "q2.xlsx", hb.loose_cells_bomb())
    _refused_cleanly(path, "16,392 columns by 99,999 rows")


@POSIX
def test_a_styles_part_of_millions_of_elements_is_refused(tmp_path):
    # openpyxl builds every element when fill colours are read: 1.2 million took 150 MB more, a 128 MB part 3.2 GB
    path = _write(tmp_path, "q2.xlsx", hb.styles_bomb(1_200_000))
    _refused_cleanly(path, "part 'xl/styles.xml': it holds 1,200,", f"XML elements, over the {5 * LIMITS.max_style_records:,}")


@POSIX
@pytest.mark.parametrize("by", ["columns", "rows"])
def test_an_ods_text_repeated_is_refused(tmp_path, by):
    # a 100 kB text repeated 900 times in 20 rows: 1.8 GB of text from a 1.4 MB file (the took 14.8 GB)
    path = _write(tmp_path, "q2.ods", hb.ods_repeated_text(by=by))
    _refused_cleanly(path, "sheet 'Milestones': its repeated rows and cells repeat their text", f"over the {LIMITS.max_text_mb:g} MB limit")


_SPACES = '<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="{n}"/>b</text:p></table:table-cell></table:table-row>'


@POSIX
def test_an_ods_run_of_a_billion_spaces_is_refused_by_its_cell(tmp_path):
    # <text:s text:c="1000000000"/>: calamine built the spaces one by one and aborted the process (a Rust panic)
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, _SPACES.format(n=1_000_000_000)))
    assert os.path.getsize(path) < 2_000
    lines = _refused_cleanly(path, "cell Milestones!A7: its text comes to 1,000,000,002 characters", "over the 100,000 limit for one cell")
    assert "[limits] cell_chars = " in lines[1]


@POSIX
def test_ods_spaces_within_each_cell_but_repeated_are_refused_for_their_text(tmp_path):
    # 99,000 spaces in a cell repeated 300 times, in 20 rows: 600 MB of spaces from a 2 kB file
    cell = ('<table:table-cell table:number-columns-repeated="300" office:value-type="string"><text:p>'
            '<text:s text:c="99000"/></text:p></table:table-cell>')
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, f"<table:table-row>{cell}</table:table-row>" * 20))
    _refused_cleanly(path, "sheet 'Milestones': its repeated rows and cells repeat their text", "limit for the text of a workbook")


def test_ods_spaces_outside_any_cell_are_refused_all_the_same(tmp_path):
    """A run of spaces the cell count does not reach (here in a row but in no cell) is refused by the stream's count."""
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, '<table:table-row><text:p><text:s text:c="5000000"/></text:p></table:table-row>'))
    with pytest.raises(WorkbookError, match=r"part 'content.xml': one <text:s> stands for 5,000,000 spaces, over the 100,000-character"):
        check_file(path)


def test_a_few_spaces_written_as_text_s_are_read(tmp_path):
    row = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                  for v in ["M4", "Open the museum", "D. Officer", "2024-03-31", "Green", "On track", "Green", 'Going<text:s text:c="3"/>well'])
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, f"<table:table-row>{row}</table:table-row>"))
    assert "Going   well" in read_milestones(path)["commentary"].tolist()  # the three spaces stand where the element was


@POSIX
def test_ods_tables_each_within_the_cell_limit_are_refused_together(tmp_path):
    vast = ('</table:table><table:table table:name="More">'
            '<table:table-row table:number-rows-repeated="999"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="99"/>'
            '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, vast * 4))  # the issue's, of five larger tables: 4.2 GB or an abort
    _refused_cleanly(path, f"over the {LIMITS.max_cells:,} limit for the whole workbook")


@POSIX
def test_styles_just_within_the_limit_are_read_through_openpyxl_within_bounds(tmp_path):
    """The other side of the styles limit: a part just under it goes through openpyxl (fills read) in bounds."""
    path = _write(tmp_path, "q2.xlsx", hb.styles_bomb(5 * LIMITS.max_style_records - 10_000))
    run, took, peak = hb.run_capped(["validate", path])
    assert run.returncode == 0, run.stderr
    assert "Milestones!E4: status 'Green' is typed in a cell filled Red" in run.stdout  # the fills were read: openpyxl ran
    assert took < 30 and peak < 700, (took, peak)


# --------------------------------------------------------------------------- the last trial's: refused, and just within the limits, read in bounds


def _read_in_bounds(path, peak_mb: int = 700):
    """`perfkit validate` under 1.5 GB and 30 s: it reads the file (its errors, if any, listed), with no refusal or traceback."""
    run, took, peak = hb.run_capped(["validate", path])
    assert run.returncode in (0, 1) and "refused" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert "Sheets:" in run.stdout, run.stdout[-500:]
    assert took < 30 and 0 < peak < peak_mb, (took, peak)


@POSIX
def test_an_ods_of_millions_of_repeated_filled_cells_is_refused(tmp_path):
    # 1,050,000 rows of eight filled cells from one repeated row: 8.4 million cells, 2.45 GB on main
    row = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                  for v in ("M9", "Title", "Lead", "31/03/2024", "Green", "c", "Amber", "c"))
    vast = f'<table:table-row table:number-rows-repeated="1050000">{row}</table:table-row>'
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, vast))
    assert os.path.getsize(path) < 2_000
    _refused_cleanly(path, "sheet 'Milestones': its ", "1,050,006")  # its text or its cells, whichever passes its limit first
    within = vast.replace("1050000", str(min(LIMITS.max_cells // 8, LIMITS.max_rows) - 10))  # the same, just within: read, in bounds
    _read_in_bounds(_write(tmp_path, "within.ods", hb.ods_bytes(hb.MILESTONES, within)))


@POSIX
def test_sheets_of_real_cells_together_past_the_limit_are_refused(tmp_path):
    # on main, four sheets of 2.4 million written cells took 453 s and 4.4 GB; here four of 64,000
    path = _write(tmp_path, "q2.xlsx", hb.cell_sheets(4, 8_000))
    _refused_cleanly(path, "its sheets: together they make up to 256,0", "limit for the whole workbook")
    _read_in_bounds(_write(tmp_path, "within.xlsx", hb.cell_sheets(4, 7_500)))


@POSIX
def test_a_workbook_of_more_rows_than_any_return_is_refused(tmp_path):
    rows = [["Ref", "Q2 Status"]] + [[f"M{i}", "Green"] for i in range(LIMITS.max_rows + 100)]  # narrow: within the cell limit
    path = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes(rows))
    lines = _refused_cleanly(path, f"rows by part 'xl/worksheets/sheet1.xml', over the {LIMITS.max_rows:,} limit for the whole workbook")
    assert lines[1].startswith("It is far larger than a performance return")


@POSIX
def test_half_a_million_merged_ranges_are_refused(tmp_path):
    # 500,000 small merges at random places in a 6 MB file: 48 s on main, each listed and filled in one by one
    path = _write(tmp_path, "q2.xlsx", hb.random_merges(500_000))
    _refused_cleanly(path, "merged ranges by part 'xl/worksheets/sheet1.xml', over the", "limit for the whole workbook")
    _read_in_bounds(_write(tmp_path, "within.xlsx", hb.random_merges(LIMITS.max_merges - 100)))


@POSIX
def test_big_csvs_are_refused_and_one_just_within_is_read_in_bounds(tmp_path):
    head = "Ref,Milestone,Lead officer,Due date,Q1 Status,Q1 Commentary,Q2 Status,Q2 Commentary\n"
    rows = "".join(f"M{i},Milestone {i % 97},A. Officer,31/03/2024,Green,ok,Amber,fine\n" for i in range(1_200_000))
    path = _write(tmp_path, "q2_2023-24.csv", (head + rows).encode())  # 9.6 million cells in 60 MB: 1.6 GB on main
    _refused_cleanly(path, f"MB file as a CSV: over the {LIMITS.max_csv_mb:g} MB limit")
    long = "z" * 99_000
    text = head + "".join(f"M{i},T,H,31/03/2024,Green,c,Amber,{long}\n" for i in range(int(LIMITS.max_csv_mb * 1024 * 1024) // 99_050 - 2))
    _read_in_bounds(_write(tmp_path, "within_2023-24.csv", text.encode()))  # fields just under the cell limit, the file under csv_mb
    more = "Ref,Q2 Status\n" + "".join(f"M{i},Green\n" for i in range(LIMITS.max_rows + 10))
    _refused_cleanly(_write(tmp_path, "rows_2023-24.csv", more.encode()), "lines, over the", "-row limit")


# --------------------------------------------------------------------------- within the limits, read; each limit raised or lowered


def test_a_long_string_used_once_among_thousands_of_short_ones_is_read(tmp_path):
    """The bound (3,001 cells times 390 kB) passes the limit; the exact count (390 kB once) does not: read."""
    extra = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>1</v></c></row>' for i in range(4000, 7000))
    data = hb.shared_string_bomb(390_000, 1, extra).replace(b"</t></si></sst>", b"</t></si><si><t>Green</t></si></sst>")
    path = _write(tmp_path, "q2.xlsx", data)
    check_file(path)  # no refusal
    with limits(max_text_mb=0.3):
        with pytest.raises(WorkbookError, match="used by 3,001 cells"):
            check_file(path)


def test_the_text_limit_counts_every_use(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.shared_string_bomb(20_000, 100))  # 2 MB of text
    check_file(path)
    with limits(max_text_mb=1.5):
        with pytest.raises(WorkbookError, match=r"would come to about 2 MB, over the 1.5 MB limit"):
            check_file(path)


def test_limits_come_from_perfkit_toml_beside_the_workbook(tmp_path, capsys):
    path = _write(tmp_path, "q2.xlsx", hb.far_sheets(2, ref="H5000"))  # two sheets of 8 x 5,000: 80,000 cells
    (tmp_path / "perfkit.toml").write_text("[limits]\ncells = 60_000\n", encoding="utf-8")
    assert main(["validate", path]) == 1
    err = capsys.readouterr().err
    assert "together they make up to 80,000 cells" in err and "over the 60,000 limit" in err and "[limits] cells = 120_000" in err
    (tmp_path / "perfkit.toml").write_text("[limits]\ncells = 120_000\n", encoding="utf-8")
    assert "refused" not in _validate_err(path, capsys)
    assert main(["validate", path, "--limit", "cells=70000"]) == 1  # for one run, the option comes before perfkit.toml
    assert "over the 70,000 limit" in capsys.readouterr().err
    assert "PERFKIT_MAX_CELLS" not in os.environ and "PERFKIT_LIMITS_GIVEN" not in os.environ  # the option lasts one run
    assert "refused" not in _validate_err(path, capsys)


def _validate_err(path, capsys) -> str:
    main(["validate", path])
    return capsys.readouterr().err


def test_a_limit_in_a_config_given_by_path_applies_to_readers(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.shared_string_bomb(20_000, 100))
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text("[limits]\ntext_mb = 1\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="over the 1 MB limit"):
        read_workbook(path, config=cfg)
    with pytest.raises(WorkbookError, match="over the 1 MB limit"):
        read_milestones(path, config={"limits": {"text_mb": 1}})


@pytest.mark.parametrize("given, words", [
    ("cells=-5", "positive number"), ("cells=lots", "positive number"), ("cels=5", "NAME one of"), ("cells", "positive number"),
])
def test_a_wrong_limit_option_is_refused_naming_it(tmp_path, capsys, given, words):
    path = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    assert main(["validate", path, "--limit", given]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"perfkit: --limit {given!r}: ") and words in err and "Traceback" not in err


def test_configured_limits_lay_perfkit_toml_over_the_environment(monkeypatch):
    monkeypatch.setenv("PERFKIT_MAX_CELLS", "30000000")
    monkeypatch.setenv("PERFKIT_MAX_TEXT_MB", "300")
    lim = configured({"cells": 20_000_000})
    assert (lim.max_cells, lim.max_text_mb, lim.max_part_mb) == (20_000_000, 300.0, 200.0)
    assert configured(None) == configured({}) == Limits(max_cells=30_000_000, max_text_mb=300.0)


def test_every_limit_has_a_perfkit_toml_name_and_a_variable():
    from perfkit.core.config import LIMITS
    from perfkit.read.safety import _ENV

    assert {f"max_{k}" for k in LIMITS} == set(_ENV) == {f.name for f in __import__("dataclasses").fields(Limits)}


# --------------------------------------------------------------------------- the counting itself, whatever the chunks


def _scan(data: bytes, member: str, cuts) -> _AreaScan:
    scan = _AreaScan(member, Limits())
    edges = [0, *sorted(cuts), len(data)]
    for a, b in zip(edges, edges[1:]):
        if b > a:
            scan.feed(data[a:b])
    scan.finish()
    return scan


def _sheet(rows: int, cols: int, merges=(), extra: str = "") -> bytes:
    body = "".join(f'<row r="{r}">' + "".join(f'<c r="{hb.col(c)}{r}" t="s"><v>{(r + c) % 3}</v></c>' for c in range(cols)) + "</row>"
                   for r in range(1, rows + 1))
    merged = ('<mergeCells count="1">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>") if merges else ""
    return (f'<?xml version="1.0"?><worksheet {hb.NS}><dimension ref="A1"/><sheetData>{body}{extra}</sheetData>{merged}'
            '<pageMargins left="0.7" right="0.7"/></worksheet>').encode()


@settings(max_examples=60, deadline=None)
@given(rows=st.integers(1, 60), cols=st.integers(1, 30), cuts=st.lists(st.integers(0, 4000), max_size=6))
def test_the_area_shared_cells_and_merges_are_counted_the_same_whatever_the_chunks(rows, cols, cuts):
    data = _sheet(rows, cols, merges=["A2:C4", "B1:XFD1048576"])
    scan = _scan(data, "xl/worksheets/sheet1.xml", [c % len(data) for c in cuts])
    assert scan.sheet and scan.shared_refs == rows * cols  # every cell is t="s"
    expected = merged_cells(data, rows, cols)
    assert expected == max(0, min(3, cols) - 1 + 1) * max(0, min(4, rows) - 2 + 1) + max(0, cols - 2 + 1) * rows
    if scan.flagged:  # a chunk's edge fell where the quick look cannot tell (xmlns:r="http..." cut at the r): counted exactly
        exact = _AreaCount()
        for a, b in zip([0, *sorted(c % len(data) for c in cuts)], [*sorted(c % len(data) for c in cuts), len(data)]):
            exact.feed(data[a:b])
        assert exact.area() == (rows, cols) and exact.merged >= expected
    else:
        assert (scan.rows, scan.cols) == (rows, cols) and scan.merged >= expected


@pytest.mark.parametrize("extra, why", [
    ('<row r="7"><c><v>1</v></c></row>', "a cell without a reference"),
    ("<row><c r=\"A9\"><v>1</v></c></row>", "a row without a reference"),
    ('<x:row r="8"><x:c r="A8"><v>1</v></x:c></x:row>', "tags with a prefix"),
    ('<row r="7"><c r="$A$7"><v>1</v></c></row>', "a reference spelled $A$7"),
])
def test_what_the_numpy_look_cannot_place_is_counted_exactly(extra, why):
    data = _sheet(5, 3, extra=extra)
    for cut in (None, len(data) // 2, len(data) - 200):
        scan = _scan(data, "xl/worksheets/sheet1.xml", [] if cut is None else [cut])
        assert scan.flagged, why


def test_merges_written_before_the_cells_count_whole():
    data = _sheet(3, 3).replace(b"<sheetData>", b'<mergeCells><mergeCell ref="A1:B100"/></mergeCells><sheetData>')
    assert _scan(data, "xl/worksheets/sheet1.xml", []).merged == 200  # the area is not known yet: not clipped
    exact = _AreaCount()
    exact.feed(data)
    assert exact.merged == 200


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet="ab <&é", max_size=40), min_size=1, max_size=30),
       uses=st.lists(st.integers(0, 40), max_size=80), cuts=st.lists(st.integers(0, 3000), max_size=5), empty=st.booleans())
def test_shared_strings_are_added_up_once_per_use_whatever_the_chunks(texts, uses, cuts, empty):
    from xml.sax.saxutils import escape

    sis = [b"<si/>" if (empty and i == 0) else f'<si><t xml:space="preserve">{escape(t)}</t></si>'.encode() for i, t in enumerate(texts)]
    sst = b'<sst xmlns="x">' + b"".join(sis) + b"</sst>"
    lengths = _StringLengths()
    edges = [0, *sorted(c % len(sst) for c in cuts), len(sst)]
    for a, b in zip(edges, edges[1:]):
        lengths.feed(sst[a:b])
    assert list(lengths.lengths) == [0 if s == b"<si/>" else len(s) for s in sis]
    sheet = "".join(f'<c r="A{k}" t="s"><v>{u}</v></c>' for k, u in enumerate(uses, start=1)).encode()
    refs = _SharedRefs(np.frombuffer(lengths.lengths, np.uint32))
    edges = [0, *sorted(c % max(len(sheet), 1) for c in cuts), len(sheet)]
    for a, b in zip(edges, edges[1:]):
        refs.feed(sheet[a:b])
    refs.finish()
    assert refs.cells == len(uses)
    assert refs.bytes == sum(len(sis[u]) if sis[u] != b"<si/>" else 0 for u in uses if u < len(sis))


def test_a_shared_string_cell_whose_index_cannot_be_read_counts_as_the_longest():
    refs = _SharedRefs(np.array([10, 1000], np.uint32))
    refs.feed(b'<c r="A1" t="s"><f>X</f><v>0</v></c><c r="A2" t="s"><v>1</v></c><c r="A3" t=\'s\'/>')
    refs.finish()
    assert (refs.cells, refs.unread, refs.bytes) == (3, 2, 1000)


def test_a_real_sized_workbook_is_checked_quickly(tmp_path):
    """12,000 rows by 12 columns of shared strings, the longest 3 kB: the bound (144,000 cells times 3 kB) passes the text
    limit, so the strings are added up exactly, in a second pass that stays quick; what they come to (a few MB) is read."""
    strings = ["Green", "On plan", "x" * 3000] + [f"Milestone {k}" for k in range(400)]
    rows = []
    for r in range(1, 12_001):
        cells = "".join(f'<c r="{hb.col(c)}{r}" t="s"><v>{2 if (r == 8 and c == 5) else 3 + (r + c) % 400 if c < 4 else c % 2}</v></c>'
                        for c in range(12))
        rows.append(f'<row r="{r}">{cells}</row>')
    parts = hb.workbook_parts({"Milestones": f'<?xml version="1.0"?><worksheet {hb.NS}><sheetData>{"".join(rows)}</sheetData></worksheet>'})
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>").encode()
    path = _write(tmp_path, "big.xlsx", hb.zip_bytes(parts))
    started = time.perf_counter()
    check_file(path)
    assert time.perf_counter() - started < 3
    with limits(max_text_mb=1):  # the exact sum, not the bound, is what a lower limit meets
        with pytest.raises(WorkbookError, match=r"used by 144,000 cells by part 'xl/worksheets/sheet1.xml', would come to about \d MB"):
            check_file(path)


def test_an_unusually_spelled_workbook_is_read_the_same(tmp_path):
    """Prefixed tags (as some .NET writers save) go through the exact count and read the same."""
    plain = hb.sheet_xml(hb.MILESTONES)
    prefixed = (plain.replace("<worksheet ", "<x:worksheet ").replace("</worksheet>", "</x:worksheet>")
                .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                         'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
                .replace("<sheetData>", "<x:sheetData>").replace("</sheetData>", "</x:sheetData>")
                .replace("<row ", "<x:row ").replace("</row>", "</x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
                .replace("<is>", "<x:is>").replace("</is>", "</x:is>").replace("<t ", "<x:t ").replace("</t>", "</x:t>")
                .replace("<v>", "<x:v>").replace("</v>", "</x:v>"))
    a = _write(tmp_path, "a.xlsx", hb.zip_bytes(hb.workbook_parts({"Milestones": plain})))
    b = _write(tmp_path, "b.xlsx", hb.zip_bytes(hb.workbook_parts({"Milestones": prefixed})))
    with zipfile.ZipFile(b) as z:
        scan = _scan(z.read("xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml", [])
    assert scan.flagged
    assert read_milestones(a)["milestone_id"].tolist() == read_milestones(b)["milestone_id"].tolist()


# --------------------------------------------------------------------------- an .ods's repeated text: a bound first, counted only past it


def test_an_ods_row_as_wide_as_a_sheet_over_many_short_ones_is_refused_with_no_repeat(tmp_path):
    """calamine makes an .ods sheet a block as wide as its widest row: 16,384 cells in one row over 20,000 rows of one
    cell are 327 million cells from a 1 MB file, with no repeat at all. Every .ods is counted cell by cell."""
    wide = "<table:table-row>" + '<table:table-cell office:value-type="float" office:value="1"/>' * 16_384 + "</table:table-row>"
    path = _write(tmp_path, "q2.ods", hb.ods_bytes(hb.MILESTONES, wide + "<table:table-row><table:table-cell office:value-type=\"float\" "
                                                   'office:value="1"/></table:table-row>' * 20_000))
    with limits(max_ratio=10_000), pytest.raises(WorkbookError, match=r"its rows and cells \(repeats counted\) make it 16,384 columns by 20,007"):
        check_file(path)


def test_millions_of_tiny_shared_strings_count_for_what_each_costs(tmp_path):
    """Each shared string costs the readers an object whatever its length: 20,000 of them used by one cell each
    are 1.3 MB of text to a reader, past a 1 MB limit (a 200 MB part of them would cost gigabytes)."""
    n = 20_000
    cells = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(n))
    parts = hb.workbook_parts({"Milestones": f'<?xml version="1.0"?><worksheet {hb.NS}><sheetData>{cells}</sheetData></worksheet>'})
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + "".join(f"<si><t>{i}</t></si>" for i in range(n)) + "</sst>").encode()
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))
    check_file(path)
    with limits(max_text_mb=1):
        with pytest.raises(WorkbookError, match="used by 20,000 cells"):
            check_file(path)
