"""Fuzzing: random bytes and random small workbooks into the readers and the CLI; never a traceback.

The readers may only raise :class:`perfkit.PerfkitError` subclasses (or return
frames); the CLI, run in-process, may only return an exit code and print lines
that hold no traceback. ``max_examples`` is kept modest so the file runs in seconds.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_builders as hb
from perfkit import PerfkitError, read_workbook, validate
from perfkit.cli import main

# PERFKIT_FUZZ_EXAMPLES=2000 for a longer hunt; the suite runs a modest number.
FUZZ = settings(max_examples=int(os.environ.get("PERFKIT_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_TMP: list[Path] = []  # the module's folder, from pytest's tmp_path_factory (removed by pytest as usual)


@pytest.fixture(scope="module", autouse=True)
def _fuzz_folder(tmp_path_factory):
    _TMP.append(tmp_path_factory.mktemp("fuzz"))
    yield
    _TMP.pop()


def _file(data: bytes, name: str) -> Path:
    path = _TMP[-1] / name
    path.write_bytes(data)
    return path


def _read_only_perfkit_errors(path: Path) -> None:
    try:
        read_workbook(path)
    except PerfkitError:
        pass
    try:
        report = validate(path)  # cell problems come back in the report; an unreadable file is an error
    except PerfkitError:
        return
    assert all(p.severity in ("error", "warning", "info") for p in report)


def _cli_never_tracebacks(capsys, *argv) -> None:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in (0, 1), (argv, code, err)
    assert "Traceback" not in out + err
    if code == 1:
        assert any(line.startswith("perfkit: ") for line in err.splitlines()), err


# --------------------------------------------------------------------------- random bytes

_names = st.sampled_from(["book.xlsx", "book.csv", "book.ods", "book.xls", "book", "book.txt"])
_prefixes = st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"Ref,Status\n", b"\xff\xfe"])


@FUZZ
@given(prefix=_prefixes, body=st.binary(max_size=2000), name=_names)
def test_random_bytes_never_escape_as_anything_but_perfkit_errors(prefix, body, name):
    _read_only_perfkit_errors(_file(prefix + body, name))


@FUZZ
@given(prefix=_prefixes, body=st.binary(max_size=600), name=_names,
       command=st.sampled_from(["validate", "load", "summary"]))
def test_random_bytes_through_the_cli_never_traceback(capsys, prefix, body, name, command):
    path = _file(prefix + body, name)
    extra = ["--out", str(_TMP[-1] / "out")] if command == "load" else []
    _cli_never_tracebacks(capsys, command, str(path), *extra)


@FUZZ
@given(cut=st.integers(0, 4000), flips=st.lists(st.tuples(st.integers(0, 4000), st.integers(1, 255)), max_size=8),
       name=_names)
def test_damaged_real_workbooks_never_traceback(cut, flips, name):
    data = bytearray(hb.xlsx_bytes())
    for at, x in flips:
        if at < len(data):
            data[at] ^= x
    data = bytes(data[: max(1, len(data) - cut)])
    _read_only_perfkit_errors(_file(data, name))


# --------------------------------------------------------------------------- random small workbook structures

_text = st.one_of(
    st.sampled_from(["Ref", "Milestone", "Status", "Q2 Status", "Q1 RAG", "Target", "Actual", "Q2 Actual", "Priority",
                     "Lead officer", "Due date", "Commentary", "Green", "Amber", "Red", "G", "A", "R", "Complete", "n/a",
                     "2023/24", "2023/24 Q2", "Q2 2023/24", "Priority 1: Housing", "Measure", "Good performance is",
                     "Higher", "Lower", "79%", "#DIV/0!", "-", "=1+1", "@SUM(1)", "\u202eevil", "\x00", "2023 Q3", ""]),
    st.text(max_size=30),
)
_cell = st.one_of(st.none(), _text, st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
                  st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(str))
_rows = st.lists(st.lists(_cell, max_size=9), max_size=14)


def _xlsx(rows, sheet_name) -> bytes:
    clean = [[v if not (isinstance(v, float) and v != v) else None for v in r] for r in rows]
    clean = [[("inf" if isinstance(v, float) and abs(v) == float("inf") else v) for v in r] for r in clean]
    return hb.xlsx_bytes(clean, sheet=sheet_name)


@FUZZ
@given(rows=_rows, sheet=st.sampled_from(["Milestones", "Measures", "Sheet1", "Q2 2023/24", "KPIs"]),
       as_csv=st.booleans(), name=_names)
def test_random_workbook_structures_read_or_refuse_cleanly(rows, sheet, as_csv, name):
    if as_csv:
        text = hb.csv_text([[("" if v is None else v) for v in r] for r in rows])
        data = text.encode("utf-8", "surrogatepass") if text else b"\n"
    else:
        data = _xlsx(rows, sheet)
    _read_only_perfkit_errors(_file(data, name))


@FUZZ
@given(rows=_rows, by=st.sampled_from(["priority", "lead", "status", "period", "nosuchcol", "due_date"]),
       period=st.sampled_from([None, "2023/24 Q2", "2023 Q3", "banana", "30/09/2023", "2023/24 (Jul-Sep)"]),
       as_json=st.booleans())
def test_random_workbooks_through_summary_never_traceback(capsys, rows, by, period, as_json):
    header = ["Ref", "Milestone", "Lead officer", "Priority", "Q1 Status", "Q2 Status"]
    path = _file(_xlsx([["Council Plan 2023/24"], header, *rows], "Milestones"), "plan.xlsx")
    argv = ["summary", str(path), "--by", by]
    if period:
        argv += ["--period", period]
    if as_json:
        argv.append("--json")
    _cli_never_tracebacks(capsys, *argv)


@FUZZ
@given(parts=st.dictionaries(st.sampled_from(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                              "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                                              "xl/sharedStrings.xml", "xl/styles.xml", "content.xml", "mimetype"]),
                             st.one_of(st.binary(max_size=200), st.sampled_from([b"<x/>", b"<?xml version='1.0'?>",
                                                                                 hb.sheet_xml(hb.MILESTONES).encode()])),
                             max_size=8))
def test_random_zip_structures_never_traceback(parts):
    data = hb.zip_bytes(parts) if parts else hb.zip_bytes({"a": b""})
    _read_only_perfkit_errors(_file(data, "book.xlsx"))


def test_fuzz_harness_can_fail(tmp_path, monkeypatch, capsys):
    """The guard is what keeps tracebacks out: without it the harness sees the exception."""
    import perfkit.cli as cli

    def boom(args):
        raise RuntimeError("internal")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["validate"].set_defaults(func=boom)
    code = main(["validate", "x.xlsx"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "RuntimeError: internal" in err and "--debug" in err


_XML_BITS = st.sampled_from(['<c r="A1" t="s"><v>99</v></c>', '<c r="XFD1048577"><v>1</v></c>', '<c r="A0"><v>x</v></c>',
                             '<c t="e"><v>#REF!</v></c>', '<mergeCell ref="A1:ZZZ9"/>', "<row r='-1'>", "</row>", "<v>",
                             '<c r="B2" t="n"><v>1e999</v></c>', '<c r="C3" t="d"><v>not a date</v></c>', "&amp;", "&bogus;",
                             '<sheet name="" sheetId="1" r:id="rId9"/>', '<dimension ref="A1:A0"/>', "\udcff"])


@FUZZ
@given(part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.one_of(_XML_BITS, st.text(max_size=12))), min_size=1, max_size=5))
def test_mutated_xml_inside_a_sound_zip_never_tracebacks(part, edits):
    parts = hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES)})
    xml = parts[part].decode()
    for at, cut, insert in edits:
        at %= len(xml) + 1
        xml = xml[:at] + insert + xml[at + cut:]
    parts[part] = xml.encode("utf-8", "surrogatepass")
    _read_only_perfkit_errors(_file(hb.zip_bytes(parts), "book.xlsx"))
