"""Fixtures: tests build their own workbooks with openpyxl, laid out the awkward ways officers lay them out."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from openpyxl import Workbook
from openpyxl.styles import PatternFill

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "sample_council_2023-24.xlsx"
REALDATA = ROOT.parent / "shared" / "realdata"

sys.path.insert(0, str(ROOT / "scripts"))

# Timing deadlines fail on a busy machine without saying anything about correctness; bench/ measures speed.
settings.register_profile("perfkit", deadline=None)
settings.load_profile("perfkit")


def write_rows(path: Path, rows, sheet="Milestones", fills=None, merges=(), extra_sheets=None) -> Path:
    """Write ``rows`` (lists of values, None for empty) to a new workbook.

    ``fills`` maps ``"F6"`` to an RGB fill; ``merges`` are ranges like ``"A5:H5"``;
    a value starting with ``#`` and ending with ``!`` or ``?`` or being ``#N/A`` becomes an error cell.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    for ref, rgb in (fills or {}).items():
        ws[ref].fill = PatternFill("solid", fgColor=rgb)
    for m in merges:
        ws.merge_cells(m)
    for name, more in (extra_sheets or {}).items():
        s = wb.create_sheet(name)
        for r, row in enumerate(more, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    s.cell(row=r, column=c, value=v)
    wb.save(path)
    return path


MILESTONE_HEADER = ["Ref", "Milestone / Action", "Lead officer", "Due date", "Q1 Status", "Q1 Commentary", "Q2 Status", "Q2 Commentary"]


def milestone_rows(statuses_q1, statuses_q2, priority_names=("Thriving economy", "Safe communities")):
    """Title rows, a header at row 4, priority section rows and milestones under each."""
    rows = [["Council Plan 2023/24 milestones"], ["Quarterly update"], [], MILESTONE_HEADER]
    n = 0
    per = (len(statuses_q1) + len(priority_names) - 1) // len(priority_names)
    for p_i, prio in enumerate(priority_names):
        rows.append([f"Priority {p_i + 1}: {prio}"])
        for q1, q2 in list(zip(statuses_q1, statuses_q2))[p_i * per : (p_i + 1) * per]:
            n += 1
            rows.append([f"M{n}", f"Milestone {n}", f"Officer {n % 3}", dt.date(2024, 3, 31), q1, f"q1 note {n}", q2, f"q2 note {n}"])
        rows.append([])
    return rows


@pytest.fixture
def make_book(tmp_path):
    """Build a workbook in tmp_path: make_book(rows, name='x.xlsx', **write_rows options)."""

    def make(rows, name="book.xlsx", **kw):
        return write_rows(tmp_path / name, rows, **kw)

    return make


@pytest.fixture(scope="session")
def sample_path():
    return SAMPLE


def write_ods(path: Path, rows, sheet="Milestones") -> Path:
    """A minimal OpenDocument spreadsheet (strings and numbers), built by hand: no ODS writer is a dependency."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(v):
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path
