"""Text from a workbook, whatever it holds, goes out safe in every format perfkit writes.

Random control characters, line breaks of every kind and formula prefixes (=, +, -, @, tab, carriage return)
are put in the milestones' titles and commentary, then sent through load's CSV and parquet, the committee
appendix workbook, the briefing's HTML and its Word document, and each is read back:

- the CSV has one record per row (nothing splits a record), as Python's csv module and pandas read it;
- no CSV field, appendix cell or Word table cell has a formula at its start or at the start of any line in it
  (the appendix stores text starting one as text, with Excel's quote prefix, and a line inside a cell that would
  start one gets a leading ', as the CSV's do), even where a control character stood between the line break and
  the formula and is taken out;
- no CSV field, appendix cell, HTML page, Word document or terminal line holds a raw C0 or C1 control character
  (the CSI \x9b and NEL \x85 included): tab, newline and carriage return only, where the format holds them;
- the parquet keeps the text exactly as written;
- the Word XML parses.
"""

from __future__ import annotations

import csv
import re
import zipfile
from xml.etree import ElementTree as ET

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfkit
from perfkit.cli.terminal import printable
from perfkit.present import briefing
from perfkit.publish.appendix import write_appendix
from perfkit.publish.export import write_frames
from perfkit.publish.word import write_docx
from perfkit.read.safety import FORMULA_START, formula_risk

from conftest import write_rows

PERIOD = "2023/24 Q2"
ROWS = [
    ["Council Plan 2023/24 milestones"],
    [],
    ["Ref", "Milestone", "Priority", "Lead officer", "Due date", "Q1 Status", "Q2 Status", "Q2 Commentary"],
    ["M1", "Open the new library", "A thriving place", "A. Officer", "31/03/2024", "Green", "Green", "Going well"],
    ["M2", "Resurface the high street", "A thriving place", "B. Officer", "30/09/2023", "Amber", "Red", "Contractor left"],
    ["M3", "Adopt the local plan", "Clean and green", "C. Officer", "31/03/2024", "Green", "Amber", "Inspector queries"],
]

# Everything a hostile or careless cell can hold: C0 and C1 controls, DEL, every line break Unicode and the
# spreadsheet programs know, the formula prefixes, quotes and separators, and ordinary letters.
_CHARS = [chr(c) for c in range(0, 32)] + ["\x7f", "\x85", "\x9b", "\u2028", "\u2029", "=", "+", "-", "@", '"', "'", ",", ";", "|",
                                           "<", "&", "a", "Z", " ", "1", "é"]
_text = st.one_of(
    st.text(alphabet=st.sampled_from(_CHARS), min_size=1, max_size=20),
    # a formula at the start of a line inside the text, with perhaps a control character (taken out on the way) before it
    st.builds(lambda p, body, brk, c, q: f"{p}{body}{brk}{c}{q}{body}", st.sampled_from(FORMULA_START),
              st.sampled_from(["cmd|' /C calc'!A0", "SUM(1+1)", "x"]),
              st.sampled_from(["\r", "\n", "\r\n", "\v", "\f", "\x1c", "\x85", "\u2028"]),
              st.sampled_from(["", "\x9b", "\x85", "\x1b", "\x00", "\x7f", "\u202e"]), st.sampled_from(FORMULA_START)),
)

_LINES = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # HTML keeps tab, newline, form feed and carriage return
_CELL_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # a CSV field or a cell: tab, newline, carriage return


@pytest.fixture(scope="module")
def milestones(tmp_path_factory):
    path = write_rows(tmp_path_factory.mktemp("book") / "q2.xlsx", ROWS)
    return perfkit.read_milestones(path)


def _no_formula_anywhere(text: str, where: str) -> None:
    assert not formula_risk(text), f"{where}: {text!r}"
    for line in _LINES.split(text):
        assert not line.startswith(FORMULA_START), f"{where}: a line starts a formula: {text!r}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(titles=st.lists(_text, min_size=3, max_size=3), comments=st.lists(_text, min_size=3, max_size=3))
def test_hostile_text_goes_out_safe_in_every_format(milestones, tmp_path_factory, titles, comments):
    out = tmp_path_factory.mktemp("out")
    ms = milestones.copy()
    by_id = dict(zip(["M1", "M2", "M3"], zip(titles, comments)))
    ms["title"] = [by_id[i][0] for i in ms["milestone_id"]]
    ms["commentary"] = [by_id[i][1] if p == perfkit.parse_period(PERIOD) else c for i, p, c in zip(ms["milestone_id"], ms["period"], ms["commentary"])]

    # load: CSV and parquet
    written = write_frames({"milestones": ms}, "q2", out)
    csv_path = next(p for p in written if p.suffix == ".csv")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        records = list(csv.reader(fh))
    assert len(records) == len(ms) + 1, "a record was split"
    assert len(pd.read_csv(csv_path, dtype=str, keep_default_na=False)) == len(ms)
    header = records[0]
    for row in records[1:]:
        assert len(row) == len(header)
        for column in ("title", "commentary"):
            _no_formula_anywhere(row[header.index(column)], f"CSV {column}")
        assert not any(_CELL_CONTROL.search(field) for field in row), row
    back = pd.read_parquet(next(p for p in written if p.suffix == ".parquet"))
    assert back["title"].tolist() == ms["title"].tolist() and back["commentary"].tolist() == ms["commentary"].tolist()

    # the committee appendix
    fig = perfkit.quarter_figures(ms, None, PERIOD)
    book = openpyxl.load_workbook(write_appendix(fig, out / "appendix.xlsx"))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    if cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} would start a formula: {cell.value!r}"
                    for line in _LINES.split(cell.value)[1:]:
                        assert not line.startswith(FORMULA_START), f"{ws.title}!{cell.coordinate}: a line starts a formula"
                    assert not _CELL_CONTROL.search(cell.value), f"{ws.title}!{cell.coordinate}: {cell.value!r}"

    # what a command prints: every control character shown as its escape
    for text in (*titles, *comments):
        assert not _CELL_CONTROL.search(printable(text).replace("\r", "")), repr(printable(text))

    # the briefing's HTML, and the Word document made from it
    page = ("<html><head><title>Briefing</title></head><body><h1>Briefing</h1>"
            + briefing.priorities(fig) + briefing.attention(fig) + briefing.milestone_list(fig) + "</body></html>")
    assert not _RAW_CONTROL.search(page), repr(_RAW_CONTROL.search(page)[0])
    docx = write_docx(page, out / "briefing.docx")
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert not _RAW_CONTROL.search(xml.replace("\t", " "))
    root = ET.fromstring(xml)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for tc in root.iter(f"{w}tc"):
        lines = [""]
        for p in tc.iter(f"{w}p"):
            for run in p.iter(f"{w}r"):
                if run.find(f"{w}br") is not None:
                    lines.append("")
                lines[-1] += "".join(t.text or "" for t in run.iter(f"{w}t"))
            lines.append("")
        for line in lines:
            if not _PLAIN_NUMBER.fullmatch(line.strip()):  # -5.2 in a table is a number, as in a spreadsheet
                _no_formula_anywhere(line, "Word table cell")


def test_the_property_can_fail():
    """The checks above catch what they are for: a split record, a formula, a raw control character."""
    with pytest.raises(AssertionError):
        _no_formula_anywhere("fine\n=cmd|' /C calc'!A0", "x")
    assert _RAW_CONTROL.search("a\x1b[2Jb") and not _RAW_CONTROL.search("a\tb\r\n")
    rows = list(csv.reader(["M1,\"a\rb\"\r\n"]))
    assert len(rows) == 1


@settings(max_examples=200, deadline=None)
@given(header=st.text(min_size=1, max_size=30), sheet=st.text(min_size=1, max_size=20))
def test_every_suggested_perfkit_toml_line_can_be_pasted_as_it_is(header, sheet):
    """A line a message tells the officer to type is valid TOML naming the header and sheet exactly, whatever they hold
    (quotes, backslashes, control characters a crafted file puts in a header)."""
    import tomllib

    from perfkit.read.layout import toml_column

    said = toml_column(sheet, header, "status")
    line, table = re.fullmatch(r"put (.*) under \[(.*)\] in perfkit\.toml", said, re.S).groups()
    parsed = tomllib.loads(f"[{table}]\n{line}\n")
    assert parsed["sheets"][sheet]["columns"] == {header: "status"}


@settings(max_examples=200, deadline=None)
@given(word=st.text(min_size=1, max_size=30).filter(lambda w: w.strip()))
def test_the_status_words_line_a_refusal_offers_can_be_pasted_as_it_is(word):
    """The [status.words] line an unknown status's message offers is valid TOML naming the word as perfkit reads the cell."""
    import tomllib

    from perfkit.core.status import DEFAULT_SCALE
    from perfkit.read.engine import unknown_status_message
    from perfkit.read.layout import text

    said = unknown_status_message(word, DEFAULT_SCALE)
    line = said.rsplit("): ", 1)[1]
    assert tomllib.loads(f"[status.words]\n{line}\n")["status"]["words"] == {text(word): ""}
