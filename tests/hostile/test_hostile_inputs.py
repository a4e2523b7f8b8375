"""The hostile corpus: each attack or broken file gets a clear refusal (or a correct read) in bounded time and memory.

Every file is built here (see hostile_builders.py); nothing is stored.
"""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill

import hostile_builders as hb
from perfkit import PerfkitError, WorkbookError, read_milestones, read_workbook, validate
from perfkit.cli import main
from perfkit.read.safety import Limits, limits


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def _refusal(path) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    return str(info.value)


# --------------------------------------------------------------------------- decompression bombs


def test_full_size_bomb_is_refused_in_seconds_with_bounded_memory(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(3000))  # a 4 MB file whose sheet inflates to 3 GB
    assert path.stat().st_size < 6_000_000
    tracemalloc.start()
    started = time.perf_counter()
    message = _refusal(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 50 * 1024 * 1024
    assert "xl/worksheets/sheet1.xml" in message and "200 MB" in message and "PERFKIT_MAX_PART_MB" in message


def test_bomb_that_lies_about_its_size_is_caught_by_its_actual_inflation(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(300, declared_size=2_000))  # claims 2 kB, inflates to 300 MB
    tracemalloc.start()
    started = time.perf_counter()
    message = _refusal(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 20 * 1024 * 1024
    assert "xl/worksheets/sheet1.xml" in message and "zip bomb" in message


def test_bomb_made_small_meets_lowered_limits(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(6))
    with limits(max_part_mb=5, max_ratio=10_000):
        assert "5 MB limit" in _refusal(path)
    with limits(max_part_mb=50, max_ratio=10):
        assert "over the 10:1 limit (a zip bomb)" in _refusal(path)


def test_limits_are_raised_by_environment_variables(tmp_path, monkeypatch):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(6))
    monkeypatch.setenv("PERFKIT_MAX_RATIO", "100000")
    monkeypatch.setenv("PERFKIT_MAX_PART_MB", "4")
    assert "4 MB limit" in _refusal(path)
    monkeypatch.setenv("PERFKIT_MAX_PART_MB", "lots")
    with pytest.raises(WorkbookError, match="PERFKIT_MAX_PART_MB='lots' is not a positive number"):
        read_workbook(path)


def test_whole_workbook_is_bounded_too(tmp_path):
    parts = hb.workbook_parts({f"S{i}": hb.sheet_xml([["x" * 1000]] * 600) for i in range(4)})  # 4 sheets of ~0.6 MB
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))
    with limits(max_total_mb=1):
        assert "together they inflate past the 1 MB limit" in _refusal(path)


def test_bomb_through_the_cli_is_one_line(tmp_path, capsys):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(300, declared_size=2_000))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("perfkit: q2.xlsx: refused to read part 'xl/worksheets/sheet1.xml'") and "Traceback" not in err


# --------------------------------------------------------------------------- XML entities


@pytest.mark.parametrize("attack", list(hb.entity_payloads()))
@pytest.mark.parametrize("where", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_entity_declarations_are_refused_naming_the_part(tmp_path, attack, where):
    parts = hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES)})
    prolog = hb.entity_payloads()[attack]
    xml = parts[where].decode()
    head_end = xml.index("?>") + 2
    parts[where] = (xml[:head_end] + prolog + xml[head_end:]).encode()
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))
    message = _refusal(path)
    assert f"part {where!r}" in message and "XML entities" in message
    assert "root:" not in message  # nothing leaked


def test_entity_in_shared_strings_read_by_the_colour_pass_is_refused(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for row in hb.MILESTONES:
        ws.append(row)
    ws["G4"] = None
    ws["G4"].fill = PatternFill("solid", fgColor="00B050")  # status only as a colour: needs openpyxl
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                attack = hb.entity_payloads()["external file"].encode()
                data = data.replace(b"?>", b"?>" + attack, 1) if b"?>" in data[:100] else attack + data
            z.writestr(info.filename, data)
    path = _write(tmp_path, "q2.xlsx", out.getvalue())
    assert "part 'xl/styles.xml'" in _refusal(path)


# --------------------------------------------------------------------------- broken zips


def _valid() -> bytes:
    return hb.xlsx_bytes()


@pytest.mark.parametrize(
    "name, damage",
    [
        ("truncated", lambda b: b[: len(b) // 2]),
        ("header only", lambda b: b[:30]),
        ("garbage after the signature", lambda b: b[:4] + bytes(range(256)) * 4),
        ("central directory zeroed", lambda b: b[: b.rfind(b"PK\x01\x02")] + b"\x00" * (len(b) - b.rfind(b"PK\x01\x02"))),
        ("flipped bytes in a part", lambda b: b[:60] + bytes(x ^ 0x5A for x in b[60:200]) + b[200:]),
    ],
)
def test_broken_zips_get_one_clear_line(tmp_path, name, damage):
    path = _write(tmp_path, "q2.xlsx", damage(_valid()))
    message = _refusal(path)
    assert message.startswith("q2.xlsx: ") and ("corrupt" in message or "damaged" in message or "cannot be read" in message)


def test_zip_without_a_workbook_says_so(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes({"readme.txt": b"hello"}))
    assert "a zip file with no workbook inside" in _refusal(path)


def test_zip_with_a_password_says_so(tmp_path):
    data = bytearray(_valid())
    # set the 'encrypted' flag on every member, as a zip password does
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := data.find(sig, start)) >= 0:
            data[i + at] |= 1
            start = i + 4
    path = _write(tmp_path, "q2.xlsx", bytes(data))
    assert "encrypted" in _refusal(path)


# --------------------------------------------------------------------------- read by content, not by name


def _coloured_book() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for row in hb.MILESTONES:
        ws.append(row)
    ws["G4"] = None
    ws["G4"].fill = PatternFill("solid", fgColor="00B050")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", ["q2.csv", "q2.txt", "q2.ods", "q2", "q2.xls", "Q2.XLSX"])
def test_valid_xlsx_under_any_name_is_read_in_every_pass(tmp_path, name):
    path = _write(tmp_path, name, _coloured_book())  # the colour pass (openpyxl) is needed for G4
    ms = read_milestones(path)
    m1 = ms[(ms.milestone_id == "M1") & (ms.period == pd.Period("2024Q2", freq="Q-MAR"))]
    assert m1.status.iloc[0] == "Green"
    assert main(["validate", str(path)]) == 0


@pytest.mark.parametrize(
    "data, words",
    [
        (b"<html><body><table><tr><td>Ref</td><td>Q2 Status</td></tr></table></body></html>", "a web page (HTML)"),
        (b"\xef\xbb\xbf\r\n<!DOCTYPE html><html><table></table></html>", "a web page (HTML)"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', "Excel 2003 XML"),
        (b"%PDF-1.4 text only", "this is a PDF document"),
    ],
)
def test_text_files_that_are_not_csv_say_what_they_are(tmp_path, data, words):
    path = _write(tmp_path, "q2.xls", data)
    assert words in _refusal(path)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"%PDF-1.7\n\x00\x00binary", "this is a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image"),
        ("Ref,Status\nM1,Green\n".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02\x03" * 200, "binary file"),
        (b"Ref,Milestone,Q2 Status\nM1,Library,Gr\x00een\n", "line 2 holds a NUL byte"),
    ],
)
def test_nul_bytes_give_the_real_cause(tmp_path, data, words):
    path = _write(tmp_path, "q2.csv", data)
    message = _refusal(path)
    assert words in message and "not a spreadsheet perfkit can read (" not in message


# --------------------------------------------------------------------------- huge CSV files and cells


def test_huge_csv_cell_is_refused_naming_its_line(tmp_path):
    rows = [r[:] for r in hb.MILESTONES]
    rows[4][5] = "x" * 150_000
    path = _write(tmp_path, "q2.csv", hb.csv_text(rows))
    message = _refusal(path)
    assert "(line 5)" in message and "100,000 characters" in message and "PERFKIT_MAX_CELL_CHARS" in message
    assert csv.field_size_limit() == 131072  # the process-wide setting is put back


def test_huge_cell_in_a_rectangular_csv_is_refused_naming_its_cell(tmp_path):
    rows = [r[:] + [""] * (8 - len(r)) for r in hb.MILESTONES]  # every row as wide: the fast reader takes it
    rows[4][5] = "x" * 150_000
    path = _write(tmp_path, "q2.csv", hb.csv_text(rows))
    message = _refusal(path)
    assert "cell q2!F5" in message
    assert "100,000" in message


def test_huge_cell_over_many_lines_is_refused_naming_the_line_it_starts_on(tmp_path):
    rows = [r[:] for r in hb.MILESTONES]
    rows[4][5] = "short line\n" * 12_000
    path = _write(tmp_path, "q2.csv", hb.csv_text(rows))
    assert "(line 5)" in _refusal(path)


def test_long_cell_within_a_raised_limit_is_read_whole(tmp_path):
    rows = [r[:] for r in hb.MILESTONES]
    rows[4][5] = "words" * 30_000
    path = _write(tmp_path, "q2.csv", hb.csv_text(rows))
    with limits(max_cell_chars=200_000):
        ms = read_milestones(path, year="2023/24")
    assert ms.commentary.str.len().max() == 150_000


def test_huge_csv_file_is_refused_before_it_is_read(tmp_path):
    path = _write(tmp_path, "q2.csv", hb.csv_text(hb.MILESTONES) + ("M9,x,y,2024-03-31,G,,G,\n" * 50_000))
    with limits(max_csv_mb=1):
        message = _refusal(path)
    assert "over the 1 MB limit" in message and "PERFKIT_MAX_CSV_MB" in message


def test_unclosed_quote_in_csv_does_not_run_away(tmp_path):
    path = _write(tmp_path, "q2.csv", hb.csv_text(hb.MILESTONES) + 'M4,"never closed,' + "y" * 200_000)
    with pytest.raises(PerfkitError):
        read_workbook(path, year="2023/24")


# --------------------------------------------------------------------------- injection strings, out and back


def _injected_book(tmp_path):
    rows = [r[:] for r in hb.MILESTONES]
    for i, attack in enumerate(hb.INJECTIONS[:3]):
        rows[3 + i][5] = attack  # Q1 commentary
        rows[3 + i][7] = hb.INJECTIONS[3 + i]  # Q2 commentary
    rows[4][2] = "@Lead"  # a lead officer written like a mention
    rows[5][1] = "-Resurface"
    return _write(tmp_path, "q2.xlsx", hb.xlsx_bytes(rows))


def test_load_writes_no_csv_cell_that_starts_a_formula(tmp_path, capsys):
    book = _injected_book(tmp_path)
    out = tmp_path / "out"
    assert main(["load", str(book), "--out", str(out)]) == 0
    for csv_path in out.glob("*.csv"):
        with open(csv_path, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (csv_path.name, cell)
    text = (out / "q2_milestones.csv").read_text()
    assert "'=cmd|' /C calc'!A0" in text and "'@Lead" in text
    parquet = pd.read_parquet(out / "q2_milestones.parquet")
    assert "=cmd|' /C calc'!A0" in set(parquet.commentary)  # the data itself is kept as written


def test_appendix_stores_every_formula_looking_cell_as_text(tmp_path):
    from perfkit.publish.appendix import write_appendix
    from perfkit.analyse.figures import quarter_figures

    ms = read_milestones(_injected_book(tmp_path))
    path = write_appendix(quarter_figures(ms, None, "2023/24 Q2"), tmp_path / "a.xlsx")
    ws = load_workbook(path)["Milestones"]
    risky = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith(tuple("=+-@\t\r"))]
    assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky)


# --------------------------------------------------------------------------- under a memory cap, as a server runs it

# numpy's BLAS reserves address space per core; one thread keeps the capped interpreter's start small anywhere
_ONE_THREAD = {**__import__("os").environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _validate_under_a_memory_cap(path, cap_mb: int = 1536):
    """``perfkit validate`` in a fresh process that may use at most ``cap_mb`` of memory: refused within 30 s, never killed."""
    import resource
    import subprocess
    import sys

    cap = cap_mb * 1024 * 1024

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    code = f"import sys; from perfkit.cli import main; sys.exit(main(['validate', {str(path)!r}]))"
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limit, timeout=120, env=_ONE_THREAD)
    assert time.perf_counter() - started < 30
    assert run.returncode == 1, run.stderr  # not killed by a signal (negative) nor aborted
    return run


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs resource limits (POSIX)")
@pytest.mark.parametrize("declared", [None, 2_000])
def test_bomb_under_a_memory_cap_is_refused_not_a_native_crash(tmp_path, declared):
    path = _write(tmp_path, "q2.xlsx", hb.bomb_xlsx(3000 if declared is None else 300, declared_size=declared))
    run = _validate_under_a_memory_cap(path)  # far less than the 3 GB the sheet would inflate to
    assert run.stderr.startswith("perfkit: q2.xlsx: refused to read part 'xl/worksheets/sheet1.xml'")
    assert "Traceback" not in run.stderr


# --------------------------------------------------------------------------- a far cell: a tiny file, a vast sheet


def _far_cell_book(ref_attr: str, rows=hb.MILESTONES) -> bytes:
    xml = hb.sheet_xml(rows).replace("</sheetData>", f'<row r="9"><c {ref_attr}><v>1</v></c></row></sheetData>')
    return hb.zip_bytes(hb.workbook_parts({"Milestones": xml}))


@pytest.mark.parametrize(
    "ref_attr",
    ['r="XFD1048576"', "r='XFD1048576'", 'r = "XFD1048576"', 'r="xfd1048576"', '\nr="XFD1048576"', 'r="XFD01048576"',
     'r="CA200000"', 's="1" r="ZZ150000"'],
)
def test_a_far_cell_in_any_spelling_is_refused_naming_it(tmp_path, ref_attr):
    path = _write(tmp_path, "q2.xlsx", _far_cell_book(ref_attr))
    assert path.stat().st_size < 5_000
    started = time.perf_counter()
    message = _refusal(path)
    assert time.perf_counter() - started < 2
    assert "part 'xl/worksheets/sheet1.xml': a cell or row at" in message and "PERFKIT_MAX_CELLS" in message


def test_a_far_row_without_cell_references_is_refused(tmp_path):
    xml = hb.sheet_xml(hb.MILESTONES).replace("</sheetData>", '<row r="1048576">' + "<c><v>1</v></c>" * 20 + "</row></sheetData>")
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(hb.workbook_parts({"Milestones": xml})))
    assert "at 1048576" in _refusal(path)


@pytest.mark.parametrize("ref_attr", ['r="Z5000"', 'r="BZ9"', 'r="A18000"'])
def test_cells_within_bounds_are_read(tmp_path, ref_attr):
    ms = read_milestones(_write(tmp_path, "q2.xlsx", _far_cell_book(ref_attr)))
    assert set(ms.milestone_id) == {"M1", "M2", "M3"}


def test_a_far_cell_within_a_raised_limit_is_read(tmp_path):
    path = _write(tmp_path, "q2.xlsx", _far_cell_book('r="CA200000"'))
    with limits(max_cells=20_000_000, max_rows=250_000):
        assert set(read_milestones(path).milestone_id) == {"M1", "M2", "M3"}


def test_long_attribute_values_elsewhere_are_not_taken_for_references():
    from perfkit.read.safety import REF_WIDTH, _refs_in

    xml = ('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x = y</t></is></c></row></sheetData>'
           '<pageMargins left="0.70866141732283472" right="0.70866141732283472" header="0.31496062992125984" '
           'footer="0.31496062992125984"/><sheetView showRuler="0" topLeftCell="A1"/></worksheet>').encode() * 50
    assert _refs_in(xml, 0, len(xml) - REF_WIDTH - 3)[:2] == (1, 1)
    assert _refs_in(xml.replace(b'<c r="A1"', b'<c r="AAA1"'), 0, len(xml) - REF_WIDTH - 3)[:2] == (1, 703)


def test_far_cell_under_a_memory_cap_is_a_refusal_not_an_abort(tmp_path):
    import resource
    import subprocess
    import sys

    path = _write(tmp_path, "q2.xlsx", _far_cell_book('r="XFD1048576"'))
    cap = 1536 * 1024 * 1024  # against the 512 GB the reader would ask for

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    code = f"import sys; from perfkit.cli import main; sys.exit(main(['summary', {str(path)!r}]))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, preexec_fn=limit, timeout=120, env=_ONE_THREAD)
    assert run.returncode == 1, run.stderr  # before the check: 'memory allocation of 549755813888 bytes failed', SIGABRT
    assert "a cell or row at XFD1048576" in run.stderr and "Traceback" not in run.stderr


# --------------------------------------------------------------------------- OpenDocument repeats


def _ods_with(tmp_path, extra: str):
    from conftest import write_ods

    path = write_ods(tmp_path / "q2.ods", [["Council Plan 2023/24"], ["Ref", "Milestone", "Q2 Status"], ["M1", "Library", "Green"]])
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["content.xml"] = parts["content.xml"].replace(b"</table:table>", extra.encode() + b"</table:table>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for k, v in parts.items():
            z.writestr(k, v)
    return path


def test_ods_repeats_before_a_filled_cell_are_refused(tmp_path):
    path = _ods_with(tmp_path, '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
                               '<table:table-row><table:table-cell table:number-columns-repeated="60"/>'
                               '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    assert "sheet 'Milestones': its rows and cells (repeats counted) make it 61 columns by 1,048,004 rows" in _refusal(path)


def test_libreoffices_own_trailing_repeats_are_read(tmp_path):
    path = _ods_with(tmp_path, '<table:table-row table:number-rows-repeated="1048570">'
                               '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    assert list(read_milestones(path).milestone_id) == ["M1"]


def test_thousands_of_sheets_are_refused_before_each_is_surveyed(tmp_path):
    sheets = {f"S{i}": hb.sheet_xml([["x"]]) for i in range(1_200)}
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(hb.workbook_parts(sheets)))
    started = time.perf_counter()
    assert f"'xl/workbook.xml': it lists 1,200 sheets, over the {Limits().max_sheets:,} limit" in _refusal(path)
    assert time.perf_counter() - started < 2


def test_ods_sheets_are_counted_across_chunk_edges():
    from perfkit.read.safety import Limits, _AreaScan

    data = b"<table:table table:name='a'>" + b" " * 100 + b"<table:table>" + b"<table:table-row/>" * 3
    for cut in range(len(data)):
        scan = _AreaScan("content.xml", Limits())
        scan.feed(data[:cut])
        scan.feed(data[cut:])
        assert scan.tables == 2, cut


def test_a_300kb_line_of_commas_is_refused_at_once_not_read_for_a_minute(tmp_path, capsys):
    path = _write(tmp_path, "q2.csv", "Council Plan 2023/24\nRef,Milestone,Q2 Status\nM1,Library,Green\n" + "," * 300_000 + "\n")
    started = time.perf_counter()
    assert main(["validate", str(path)]) == 1
    assert time.perf_counter() - started < 3  # it took 47 s before the shape was checked
    assert "a line of 300,001 fields, wider than any spreadsheet" in capsys.readouterr().err


# --------------------------------------------------------------------------- small files that build vast text, many styles or many cells


def _shared_string_bomb(chars: int = 1_000_000, refs: int = 3000) -> bytes:
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>0</v></c></row>' for i in range(1, refs + 1))
    parts = hb.workbook_parts({"Milestones": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {hb.NS}><sheetData>{cells}</sheetData></worksheet>'})
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     f'count="{refs}" uniqueCount="1"><si><t>' + "x" * chars + "</t></si></sst>").encode()
    return hb.zip_bytes(parts)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs resource limits (POSIX)")
def test_one_long_shared_string_used_by_thousands_of_cells_is_refused_within_bounds(tmp_path):
    path = _write(tmp_path, "q2.xlsx", _shared_string_bomb())
    assert path.stat().st_size < 100_000  # a small file: the text it would build is gigabytes
    run = _validate_under_a_memory_cap(path)
    assert "part 'xl/sharedStrings.xml': it holds a text of about 1,000,0" in run.stderr and "Traceback" not in run.stderr


def test_a_shared_string_as_long_as_excel_allows_is_read(tmp_path):
    from perfkit.read.safety import check_file

    path = _write(tmp_path, "q2.xlsx", _shared_string_bomb(chars=32_767, refs=10))
    check_file(path)  # no refusal: Excel's own longest cell


def test_a_styles_part_of_hundreds_of_thousands_of_formats_is_refused(tmp_path):
    parts = hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES)})
    parts["xl/styles.xml"] = (b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>'
                              + "".join(f'<xf numFmtId="{i * 7919 % 100_003}" fontId="{i * 104_729 % 9973}"/>' for i in range(300_000)).encode()
                              + b"</cellXfs></styleSheet>")  # varied, so that it is no zip bomb: the count refuses it
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))
    assert "declares 300,000 formats, fills and fonts" in _refusal(path)


def test_ods_sheets_each_under_the_cell_limit_are_refused_together(tmp_path):
    vast = ('</table:table><table:table table:name="More">'
            '<table:table-row table:number-rows-repeated="999"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="99"/>'
            '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    path = _ods_with(tmp_path, vast * 3)  # three more tables of 100,000 cells each
    assert f"over the {Limits().max_cells:,} limit for the whole workbook" in _refusal(path)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    import os

    path = tmp_path / "q2.xlsx"
    os.mkfifo(path)
    with pytest.raises(WorkbookError, match="not a regular file"):
        validate(path)


def test_a_header_cell_of_thousands_of_spaces_is_read_in_moments(tmp_path):
    """A cell of 'x', 8,000 spaces and 'y' under the header (tried as a second header row) made a pattern backtrack for minutes."""
    import signal

    from openpyxl import Workbook as _Book

    wb = _Book()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Delivery plan 2023/24"])
    ws.append([])
    ws.append(["Ref", "Milestone", "Lead", "Q1 Status", "Q1 Commentary", "Q2 Status", "Q2 Commentary"])
    ws.append(["M1", "Open the hub", "Ann", "G", "ok", "x" + " " * 8000 + "y", "ok"])  # read as a second header row, too
    ws.append(["M2", "Plant trees", "Bob", "G", "ok", "G", "ok"])
    path = tmp_path / "q2.xlsx"
    wb.save(path)

    def stop(*_):
        raise TimeoutError("reading a header of spaces took more than 20 s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        validate(path)
    except PerfkitError:
        pass  # 'x y' is no status: refused, in moments
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_shared_string_count_that_lies_is_refused_before_the_reader_sizes_its_table(tmp_path):
    """uniqueCount="2147483647" in a 3 kB file made the reader ask for 51 GB and abort the process."""
    import hostile_builders as hb

    parts = zipfile.ZipFile(io.BytesIO(hb.shared_string_bomb(chars=20, refs=3)))
    parts = {n: parts.read(n) for n in parts.namelist()}
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b'uniqueCount="1"', b'uniqueCount="2147483647"')
    path = tmp_path / "q2.xlsx"
    path.write_bytes(hb.zip_bytes(parts))
    with pytest.raises(WorkbookError, match="declares 2,147,483,647 shared strings"):
        validate(path)


def test_text_typed_in_cells_counts_toward_the_text_limit(tmp_path):
    """Inline strings are in the sheet, not the shared strings: 188 MB of them in a 3 MB file drove brief past 1.5 GB."""
    import hostile_builders as hb

    text = hb.unrepetitive(50_000)
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{text}</t></is></c></row>' for i in range(1, 101))
    parts = hb.workbook_parts({"Milestones": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {hb.NS}><sheetData>{cells}</sheetData></worksheet>'})
    path = tmp_path / "q2.xlsx"
    path.write_bytes(hb.zip_bytes(parts))  # 5 MB of text typed in cells
    with limits(max_text_mb=1.0), pytest.raises(WorkbookError, match="its sheets: together they hold 5 MB"):
        validate(path)
