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


@pytest.fixture(autouse=True)
def own_history_store(monkeypatch, tmp_path_factory):
    """Each test's default history store is its own, empty: never the project's data/processed/history (`make demo` fills it)."""
    monkeypatch.setenv("PERFKIT_STORE", str(tmp_path_factory.mktemp("store") / "history"))


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


def officer_workbook(path: Path, tracker: bool = False) -> Path:
    """A workbook laid out as an officer lays one out, unlike the sample.

    - ``Cover``: title text; ``Key``: a status legend; ``Lookups``: hidden lists.
    - ``Place``: milestones with ``Apr-Jun ... Jan-Mar`` status headers, the year only in the
      title, section rows ``PRIORITY: ...`` and a commentary column for the latest quarter.
    - ``People``: milestones under a two-row header (``2024/25`` merged over ``Q1 Progress ...
      Q4 Progress``) with priorities in vertically merged cells.
    - ``KPIs``: measures with percent-formatted cells, ``Better: High/Low``, a Total row and a
      source note.
    - with ``tracker=True``, ``Housing actions``: a tracker whose headers perfkit cannot map.
    """
    wb = Workbook()
    cover = wb.active
    cover.title = "Cover"
    for r, line in enumerate(["Anyshire County Council", "Council Plan performance report", "Quarter 3 2024/25",
                              "Contact: Performance Team"], start=1):
        cover.cell(row=r, column=1, value=line)
    key = wb.create_sheet("Key")
    for r, row in enumerate([["Status", "Meaning"], ["Green", "On track"], ["Amber", "Some slippage"], ["Red", "Off track"],
                             ["Blue", "Complete"]], start=1):
        for c, v in enumerate(row, start=1):
            key.cell(row=r, column=c, value=v)
    lookups = wb.create_sheet("Lookups")
    for r, row in enumerate([["Statuses", "Officers", "Ref"], ["Green", "A Khan", "X1"], ["Amber", "B Jones", "X2"],
                             ["Red", "C Singh", "X3"], ["Complete", "D Evans", "X4"]], start=1):
        for c, v in enumerate(row, start=1):
            lookups.cell(row=r, column=c, value=v)
    lookups.sheet_state = "hidden"

    place = wb.create_sheet("Place")
    place["A1"] = "Council Plan delivery 2024/25 - Place directorate"
    header = ["Ref", "Action", "Lead", "Due date", "Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar", "Comments"]
    for c, v in enumerate(header, start=1):
        place.cell(row=3, column=c, value=v)
    rows = [
        ["PRIORITY: A thriving place"],
        ["P1.1", "Open the new market hall", "A Khan", dt.date(2024, 12, 31), "G", "Green", "Complete", None, "Opened in November"],
        ["P1.2", "Adopt the local plan", "B Jones", dt.date(2025, 3, 31), "G", "Amber", "Amber/Green", None, "Examination delayed"],
        ["PRIORITY: Clean and green"],
        ["P2.1", "Plant 5,000 trees", "C Singh", dt.date(2025, 3, 31), "Green", "On track", "Slightly off track", None, "Wet winter"],
        ["P2.2", "Roll out food waste collection", "D Evans", dt.date(2024, 9, 30), "A", "Delayed", "On hold", None, "Awaiting vehicles"],
    ]
    for r, row in enumerate(rows, start=4):
        for c, v in enumerate(row, start=1):
            if v is not None:
                place.cell(row=r, column=c, value=v)

    people = wb.create_sheet("People")
    people["A1"] = "People directorate milestones"
    people["E2"] = "2024/25"
    people.merge_cells("E2:H2")
    for c, v in enumerate(["Ref", "Milestone", "Priority", "Lead officer", "Q1 Progress", "Q2 Progress", "Q3 Progress", "Q4 Progress"], start=1):
        people.cell(row=3, column=c, value=v)
    prow = [
        ["H1", "Open two family hubs", "Healthy lives", "E Patel", "Green", "Green", "Green", None],
        ["H2", "Reduce waiting list for assessments", None, "F Moore", "Amber", "Amber", "Red", None],
        ["H3", "Launch carers' strategy", None, "G Lee", "Green", "Complete", "Complete", None],
        ["S1", "New school places in the north", "Great education", "H Hall", "Green", "Target met", "Green", None],
        ["S2", "Improve attendance", None, "I Wood", "Amber", "Not met", "Below target", None],
    ]
    for r, row in enumerate(prow, start=4):
        for c, v in enumerate(row, start=1):
            if v is not None:
                people.cell(row=r, column=c, value=v)
    people.merge_cells("C4:C6")
    people.merge_cells("C7:C8")

    kpi = wb.create_sheet("KPIs")
    kpi["A1"] = "Key performance indicators 2024/25"
    for c, v in enumerate(["Ref", "Indicator", "Better: High/Low", "Target", "Q1", "Q2", "Q3"], start=1):
        kpi.cell(row=3, column=c, value=v)
    krows = [
        ["K1", "Household waste recycled", "High", 0.5, 0.482, 0.511, 0.853],
        ["K2", "Days to process benefit claims", "Low", 20, 22, 19, 18],
        ["K3", "Calls answered within a minute", "High", 0.9, 0.875, 0.9, 0.95],
    ]
    for r, row in enumerate(krows, start=4):
        for c, v in enumerate(row, start=1):
            cell = kpi.cell(row=r, column=c, value=v)
            if row[0] in ("K1", "K3") and c >= 4:
                cell.number_format = "0.0%"
    kpi.cell(row=7, column=2, value="Total")
    kpi.cell(row=7, column=5, value=3)
    kpi.cell(row=9, column=1, value="Source: service returns, January 2025")

    if tracker:
        t = wb.create_sheet("Housing actions")
        for r, row in enumerate([
            ["Item", "What will happen", "Who", "Timing", "How it is going"],
            ["HA1", "Buy 20 homes for temporary accommodation", "J Bell", dt.date(2025, 3, 31), "On track"],
            ["HA2", "Review allocations policy", "K Ray", dt.date(2025, 1, 31), "Off track"],
            ["HA3", "New homelessness strategy", "L Fox", dt.date(2024, 12, 31), "On track"],
            ["HA4", "Landlord licensing scheme", "M Day", dt.date(2025, 3, 31), "Some slippage"],
        ], start=1):
            for c, v in enumerate(row, start=1):
                t.cell(row=r, column=c, value=v)
    wb.save(path)
    return path


def problems_text(frame) -> str:
    """Every problem a frame carries, one a line, to search in a test."""
    return "\n".join(p.message for p in frame.attrs["problems"])


def scaled_mad(values: dict, polarity: str) -> dict:
    """The ONS's MAD, written from its published definition: (value - median) / (1.4826 x median |value - median|), signed."""
    import numpy as np

    v = np.array(list(values.values()), dtype=float)
    med = np.median(v)
    mad = np.median(np.abs(v - med)) * 1.4826
    sign = -1 if polarity == "lower" else 1
    return {k: sign * (x - med) / mad for k, x in values.items()}
