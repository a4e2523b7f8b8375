"""Reading hostile files within bounds, and writing cells a spreadsheet program cannot run.

A council workbook is an email attachment from anyone, so before any parser sees
it :func:`check_file` makes sure it cannot exhaust the machine:

- every part of an ``.xlsx``/``.xlsm``/``.ods`` (a zip) is inflated here, in
  small chunks, and refused when its declared or actual size passes
  ``max_part_mb`` (200 MB), when the whole passes ``max_total_mb`` (1,000 MB), or
  when a part larger than 1 MB inflates more than ``max_ratio`` (100) times its
  compressed size (a "zip bomb");
- an XML part that declares a document type or entities (``<!DOCTYPE``,
  ``<!ENTITY``: never in a real workbook, always in an attack) is refused;
- the sheets' areas (rows times columns from A1 to the farthest cell not written empty, an
  ``.ods``'s repeats counted) must stay within ``max_cells`` (250,000) together: one cell at
  ``XFD1048576`` in a 2 kB file would make the reader ask for 512 GB and abort the process;
  their rows within ``max_rows`` (25,000), their merged ranges within ``max_merges`` (50,000);
- a workbook listing more than ``max_sheets`` (250) sheets is refused;
- a shared string longer than ``max_cell_chars`` (a small file whose one long text is
  used by thousands of cells would build gigabytes), an ``.ods`` cell whose
  ``<text:s text:c="N"/>`` spaces make it longer, and a styles part of more than
  50,000 formats, fills and fonts (Excel allows 64,000 cell formats), are refused;
- all the text the cells build (a shared string once for each cell using it, an ``.ods``
  cell's once for each repeat) must stay within ``max_text_mb`` (25 MB);
- only regular files are opened: a named pipe would block for ever;
- a CSV is refused beyond ``max_csv_mb`` (25 MB), wider than any spreadsheet
  (16,384 fields) or past ``max_cells`` or ``max_rows``, with its real cause when it holds NUL
  bytes (a damaged or binary file, UTF-16 text) or is a web page or PDF under a spreadsheet's
  name, and no CSV cell may hold more than ``max_cell_chars`` (100,000) characters.

The defaults are measured so that whatever they accept, ``validate``, ``load`` and ``brief``
finish within 30 s and 1.5 GB (see README). Every reader then holds the sheets it builds to
the same limits, as calamine counts them (:class:`Built`), before any Python object is made.

The limits are raised with environment variables, ``PERFKIT_MAX_PART_MB``,
``PERFKIT_MAX_TOTAL_MB``, ``PERFKIT_MAX_RATIO``, ``PERFKIT_MAX_CSV_MB``,
``PERFKIT_MAX_CELL_CHARS``, ``PERFKIT_MAX_CELLS``, ``PERFKIT_MAX_ROWS``, ``PERFKIT_MAX_MERGES``,
``PERFKIT_MAX_SHEETS``, ``PERFKIT_MAX_TEXT_MB`` and ``PERFKIT_MAX_STYLE_RECORDS``, in
``perfkit.toml``'s ``[limits]``, with ``--limit``, or for one call with :func:`limits`.

Outputs: :func:`formula_risk` and :func:`neutralise` keep every text cell that
perfkit writes for a spreadsheet program (the CSVs of ``perfkit load``, the
appendix workbook) from starting a formula, as OWASP advises.

Examples
--------
>>> from perfkit.read.safety import neutralise
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("On track"), neutralise(-5)
('\\'=HYPERLINK("http://x")', 'On track', -5)
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import zipfile
import zlib
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path

from perfkit.core.errors import WorkbookError, cell_name
import xml.etree.ElementTree as ET
import numpy as np
import pandas as pd

MB = 1024 * 1024

#: Text starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_RATIO_GRACE = 1 * MB  # parts smaller than this are not held to the ratio
_CHUNK = 1 * MB
_ENV = {
    "max_part_mb": "PERFKIT_MAX_PART_MB",
    "max_total_mb": "PERFKIT_MAX_TOTAL_MB",
    "max_ratio": "PERFKIT_MAX_RATIO",
    "max_csv_mb": "PERFKIT_MAX_CSV_MB",
    "max_cell_chars": "PERFKIT_MAX_CELL_CHARS",
    "max_cells": "PERFKIT_MAX_CELLS",
    "max_sheets": "PERFKIT_MAX_SHEETS",
    "max_text_mb": "PERFKIT_MAX_TEXT_MB",
    "max_style_records": "PERFKIT_MAX_STYLE_RECORDS",
    "max_rows": "PERFKIT_MAX_ROWS",
    "max_merges": "PERFKIT_MAX_MERGES",
}
_WHOLE = ("max_cell_chars", "max_cells", "max_sheets", "max_style_records", "max_rows", "max_merges")

#: The variable naming the limits given with ``--limit`` for this run, which come before ``perfkit.toml``'s.
GIVEN = "PERFKIT_LIMITS_GIVEN"
_HOW = ("if the file is genuine, raise the limit in perfkit.toml ([limits] {key} = {bigger}), with --limit {key}={plain} "
        "or with {env} (now {value}), and run again")

#: Excel holds at most 64,000 cell formats; a real workbook's styles part has a few hundred records.
MAX_STYLE_RECORDS = 50_000

#: XML elements openpyxl may build from the styles part, for each style record allowed: a record
#: with its alignment and protection is three; anything else there is padding.
STYLE_ELEMENTS_PER_RECORD = 5

#: What one shared text costs the readers besides its characters (calamine's and openpyxl's objects), in bytes.
TEXT_OVERHEAD = 64


@dataclass(frozen=True)
class Limits:
    """How much one file may make perfkit read.

    Parameters
    ----------
    max_part_mb : float
        Largest inflated size of one part of a zipped workbook (a sheet's XML, the shared strings).
    max_total_mb : float
        Largest inflated size of all parts together.
    max_ratio : float
        Largest inflated-to-compressed ratio of a part over 1 MB.
    max_csv_mb : float
        Largest CSV (or legacy .xls) file.
    max_cell_chars : int
        Longest CSV cell, in characters (Excel's own cells hold at most 32,767).
    max_cells : int
        Largest area of all sheets together (rows times columns, from A1 to each one's
        farthest cell not written empty; an ``.ods``'s repeats counted): one cell at
        ``XFD1048576`` in a 2 kB file would otherwise make the reader ask for 512 GB and abort.
    max_sheets : int
        Most sheets in one workbook (every sheet is surveyed, so 100,000 empty sheets
        would take minutes).
    max_text_mb : float
        Most text the cells of a workbook may hold together, in MB: a shared string
        counts once for every cell that uses it (calamine builds it again for each), and
        an ``.ods`` cell's text once for every repeat. A 19 kB file whose one long string
        is used by 3,000 cells would otherwise build gigabytes.
    max_style_records : int
        Most formats, fills, fonts and borders in the styles part (openpyxl builds an object
        for each, and a few times as many XML elements, when fill colours are read).
    max_rows : int
        Most rows in all sheets together, from row 1 to each sheet's last row holding something:
        perfkit reads every row in Python, and a measure's row costs the briefing most of a
        millisecond, so this keeps the slowest workbook within half a minute.
    max_merges : int
        Most merged ranges in all sheets together (each is read, listed and filled in one by one;
        a 6 MB file of 500,000 took a minute).

    Examples
    --------
    >>> Limits().max_ratio
    100.0
    """

    max_part_mb: float = 200.0
    max_total_mb: float = 1000.0
    max_ratio: float = 100.0
    max_csv_mb: float = 25.0
    max_cell_chars: int = 100_000
    max_cells: int = 250_000
    max_sheets: int = 250
    max_text_mb: float = 25.0
    max_style_records: int = MAX_STYLE_RECORDS
    max_rows: int = 40_000
    max_merges: int = 50_000


_override: Limits | None = None


def current_limits() -> Limits:
    """The limits in force: :func:`limits` if set, else the defaults raised by ``PERFKIT_MAX_*`` variables.

    Raises
    ------
    WorkbookError
        When a ``PERFKIT_MAX_*`` variable is not a positive number.

    Examples
    --------
    >>> current_limits().max_part_mb >= 1
    True
    """
    if _override is not None:
        return _override
    values = {}
    for f in fields(Limits):
        raw = os.environ.get(_ENV[f.name])
        if raw is None or not raw.strip():
            continue
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if not value > 0 or value == float("inf"):
            raise WorkbookError(f"{_ENV[f.name]}={raw!r} is not a positive number", hint="Set it to a number such as 500, or unset it.")
        values[f.name] = int(value) if f.name in _WHOLE else value
    return replace(Limits(), **values)


@contextmanager
def limits(**changes):
    """Use other limits inside a ``with`` block (for one unusually large, trusted workbook).

    Examples
    --------
    >>> with limits(max_part_mb=500):
    ...     current_limits().max_part_mb
    500
    """
    global _override
    before = _override
    _override = replace(before or current_limits(), **changes)
    try:
        yield _override
    finally:
        _override = before


def configured(settings: dict | None = None) -> Limits:
    """The limits in force for one workbook: :func:`current_limits` with its ``perfkit.toml`` ``[limits]`` laid over them.

    ``settings`` is ``Config.limits``, ``{"cells": 20_000_000, ...}`` (names as in
    :data:`perfkit.core.config.LIMITS`, each a field of :class:`Limits` without its ``max_``).

    Examples
    --------
    >>> configured({"cells": 20_000_000, "text_mb": 500}).max_cells
    20000000
    """
    lim = current_limits()
    if not settings or _override is not None:  # inside limits(): as the caller set them
        return lim
    given = set(os.environ.get(GIVEN, "").split(","))  # --limit, for this run, comes first
    changes = {f"max_{k}": (int(v) if f"max_{k}" in _WHOLE else float(v)) for k, v in settings.items()
               if f"max_{k}" in _ENV and k not in given}
    return replace(lim, **changes)


def _number(value) -> str:
    """200.0 -> '200', 10000000 -> '10000000' (as it would be written in the environment variable)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def _bigger(value, need=None) -> str:
    """A value to suggest: twice the limit, or more than ``need`` (what the file asks), written as TOML reads it."""
    target = max(float(value) * 2, float(need) * 1.25 if need else 0)
    digits = len(str(int(target))) - 2
    target = -(-target // 10 ** max(digits, 0)) * 10 ** max(digits, 0)  # two significant figures, rounded up
    return f"{int(target):_}" if target >= 10_000 else f"{int(target)}"


def how_to_raise(field: str, lim: Limits, need=None) -> str:
    """The sentence that says how to raise one limit: the ``perfkit.toml`` line and the environment variable.

    Examples
    --------
    >>> print(how_to_raise("max_cells", Limits(max_cells=10_000_000), need=12_345_678))
    if the file is genuine, raise the limit in perfkit.toml ([limits] cells = 20_000_000), with --limit cells=20000000 or with PERFKIT_MAX_CELLS (now 10000000), and run again
    """
    bigger = _bigger(getattr(lim, field), need)
    return _HOW.format(key=field.removeprefix("max_"), bigger=bigger, plain=bigger.replace("_", ""), env=_ENV[field],
                       value=_number(getattr(lim, field)))


#: Why a file is refused, said before how to raise the limit: most limits meet only attacks and damage.
BUILT = "It looks built to exhaust the computer (or is damaged)"
#: ... and those a genuine workbook may reach.
LARGE = "It is far larger than a performance return (a few thousand rows), and perfkit keeps every run to half a minute"


def _refuse(name: str, what: str, field: str, lim: Limits, need=None, why: str = BUILT) -> WorkbookError:
    return WorkbookError(f"{name}: refused to read {what}", hint=f"{why}; " + how_to_raise(field, lim, need) + ".")


# --------------------------------------------------------------------------- zip workbooks


# What the safety pass notes in each part, as it inflates it anyway: formula-error cells (calamine reads
# them as blank), hidden rows or columns (calamine reads them as any other), formulas (a summary sheet
# of formulas over the other sheets is not data) and control characters (perfkit.read.engine cleans them).
MARKS = {"errors": (b't="e"',), "hidden": (b'hidden="1"', b'hidden="true"'), "formulas": (b"<f>", b"<f "),
         # a control character no cell can hold, as XML must escape it (_x000B_ for a vertical tab; raw, no XML reads)
         "controls": (b"_x00",)}


# What every literal of a mark begins with: most sheets hold none, and one scan of a chunk tells.
_MARK_LEADS = {name: bytes(os.path.commonprefix(list(lits))) for name, lits in MARKS.items() if len(lits) > 1}
# A byte every literal of a mark holds that a sheet's XML seldom does: where a chunk has none (one memchr), neither has
# it the mark, and the slower search for the literal is spared.
_MARK_GATES = {name: gate for name, gate in (("controls", b"_"),) if all(gate in lit for lit in MARKS[name])}


class _Marker:
    """Which of :data:`MARKS` a stream of chunks holds (literals found across chunk edges too)."""

    def __init__(self, marks: dict = MARKS):
        self.marks = marks
        self.found: set[str] = set()
        self.tail = b""
        self.edge = max(len(lit) for lits in marks.values() for lit in lits) - 1

    def feed(self, chunk: bytes) -> None:
        if len(self.found) < len(self.marks):
            around = self.tail + chunk[: self.edge]
            holds = _Holds(chunk).__contains__ if len(chunk) >= _HOLDS_MIN else chunk.__contains__
            for name, literals in self.marks.items():
                if name in self.found:
                    continue
                gate = _MARK_GATES.get(name)
                if gate is not None and gate not in chunk and gate not in around:
                    continue
                lead = _MARK_LEADS.get(name)  # one scan for what every literal of a mark starts with; the rest only on a hit
                if lead is not None and lead not in around and not holds(lead):
                    continue
                if any(lit in around or holds(lit) for lit in literals):
                    self.found.add(name)
        self.tail = (self.tail + chunk[-self.edge:])[-self.edge:]  # the stream's last bytes, however short the chunks (never a copy of the chunk)


#: Chunks from this size are searched by :class:`_Holds`; below it, by ``in``.
_HOLDS_MIN = 64 * 1024
# The bytes a sheet's XML holds seldom, rarest first: a literal is looked for where its rarest byte is. An 'f' is
# rarer than a '<' even in a sheet of typed text (60,000 to 1,440,000 in 16 MB of milestones).
_RARE_BYTES = b"_f=<"


class _Holds:
    """``literal in chunk``, answered from where the literal's rarest byte (``_``, ``f``, ``=`` or ``<``) is in the chunk.

    A sheet's XML is full of ``"`` and ``<``, with which the marks' literals end or begin (``t="e"``, ``<f``), and a
    search for such a literal stops at nearly every one: here each place where the rarer byte is, found once per
    chunk with numpy and shared by the literals that hold it, is kept while the literal's other bytes agree around it.
    The answer is the same as ``in`` gives, for any chunk and literal.

    Examples
    --------
    >>> h = _Holds(b'<c r="A1" t="e"><v>#N/A</v></c>')
    >>> [lit in h for lit in (b't="e"', b'<f', b'hidden="', b'<c r')] == [True, False, False, True]
    True
    """

    def __init__(self, chunk: bytes):
        self.chunk = chunk
        self.a = np.frombuffer(chunk, np.uint8)
        self.at: dict[int, np.ndarray] = {}

    def __contains__(self, literal: bytes) -> bool:
        k = next((literal.find(b) for b in (_RARE_BYTES[i:i + 1] for i in range(len(_RARE_BYTES))) if b in literal), -1)
        if k < 0:
            return literal in self.chunk
        byte = literal[k]
        if byte not in self.at:
            self.at[byte] = np.flatnonzero(self.a == byte)
        a, n = self.a, len(self.a)
        p = self.at[byte] - k  # where the literal would begin
        p = p[(p >= 0) & (p <= n - len(literal))]
        for j, b in enumerate(literal):
            if j != k and len(p):
                p = p[a[p + j] == b]
        return bool(len(p))


#: How much of the sheets' XML the safety pass keeps, inflated, for the reader's own looks at it (error cells, formats,
#: drop-downs): beyond it, a sheet the reader asks about is inflated again.
KEEP_MB = 64


class _Keep:
    """The chunks of one part as it inflates, while they fit in ``room`` bytes (then none, and the memory is given back
    at once: the part is inflated again if it is ever wanted)."""

    def __init__(self, room: int):
        self.chunks: list[bytes] | None = []
        self.size, self.room = 0, room

    def feed(self, chunk: bytes) -> None:
        if self.chunks is not None:
            self.size += len(chunk)
            if self.size > self.room:
                self.chunks = None
            else:
                self.chunks.append(chunk)


def check_zip(path, lim: Limits | None = None, keep: dict | None = None) -> dict[str, frozenset[str]]:
    """Inflate every part of a zipped workbook in bounded chunks and refuse a bomb or an XML entity payload.

    Returns, for each part that has any, the :data:`MARKS` found in it (``errors``:
    formula-error cells; ``hidden``: hidden rows or columns), so that the reader inflates
    only those parts again to name the cells.

    Parameters
    ----------
    path : str or Path
        An ``.xlsx``, ``.xlsm`` or ``.ods`` file, whatever its name.
    lim : Limits, optional
        Defaults to :func:`current_limits`.
    keep : dict, optional
        Given, it receives the inflated chunks of each worksheet part (and an ``.ods``'s ``content.xml``), by the
        part's name, up to :data:`KEEP_MB` in all: the reader then looks at a sheet's XML without inflating it again.

    Raises
    ------
    WorkbookError
        One line naming the part that passes a limit, declares entities, or is damaged.

    Examples
    --------
    >>> check_zip("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    {}
    """
    path = Path(path)
    lim = lim or current_limits()
    name = path.name
    part_cap = int(lim.max_part_mb * MB)
    total_cap = int(lim.max_total_mb * MB)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error, EOFError) as exc:
        raise WorkbookError(f"{name}: the file is corrupt (a damaged zip: {exc})", hint="Save the workbook again from Excel.") from None
    total = sheet_bytes = kept_bytes = 0
    marked: dict[str, frozenset[str]] = {}
    budget = _Budget(name, lim)
    with z, open(path, "rb") as fh:
        infos = z.infolist()
        if len(infos) > 100_000:
            raise WorkbookError(f"{name}: refused to read a zip of {len(infos):,} parts (a workbook has a few dozen)")
        shared = any(i.filename.lower().endswith("sharedstrings.xml") for i in infos)
        for info in infos:
            if info.is_dir():
                continue
            part = f"part {info.filename!r}"
            if info.file_size > part_cap:
                raise _refuse(name, f"{part}: it declares {info.file_size / MB:,.0f} MB uncompressed, over the {lim.max_part_mb:g} MB limit", "max_part_mb", lim, info.file_size / MB)
            if info.file_size > _RATIO_GRACE and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                raise _refuse(name, f"{part}: it would inflate {info.file_size / max(info.compress_size, 1):,.0f} times its compressed size, over the {lim.max_ratio:g}:1 limit (a zip bomb)", "max_ratio", lim)
            area = _AreaScan(info.filename, lim, shared)
            marker = _Marker()
            text = _PartText(info.filename)
            # kept while within what the part declares too: a part that lies about its size is never held past it
            kept = (_Keep(min(KEEP_MB * MB - kept_bytes, info.file_size))
                    if keep is not None and area.active and not (text.strings or text.styles) else None)
            size = _inflate(fh, info, name, part, lim, part_cap, area, marker, text if (text.strings or text.styles) else None, kept)
            area.finish()
            text.check(name, part, lim)
            if kept is not None and kept.chunks is not None and (area.sheet or info.filename == "content.xml"):
                keep[info.filename] = kept.chunks
                kept_bytes += kept.size
            if marker.found:
                marked[info.filename] = frozenset(marker.found)
            exact = None
            if area.flagged or budget.passes(area):  # the quick look cannot place a cell, or its bound passes a limit:
                exact = _AreaCount(lim.max_cells, name, part, lim)  # count exactly, inflating the part again
                _inflate(fh, info, name, part, lim, part_cap, exact)
                exact.check(name, part, lim)
            total += size
            if total > total_cap:
                raise _refuse(name, f"its parts: together they inflate past the {lim.max_total_mb:g} MB limit (at {part})", "max_total_mb", lim)
            if area.sheet and area.typed_text:  # text typed in the cells themselves (inline, or a formula's saved text)
                sheet_bytes += size
                if sheet_bytes > SHEET_TEXT_FACTOR * lim.max_text_mb * MB:
                    raise _refuse(name, f"its sheets: together they hold {sheet_bytes / MB:,.0f} MB (at {part}), over "
                                  f"{SHEET_TEXT_FACTOR} times the {lim.max_text_mb:g} MB limit for the text of a workbook (text "
                                  "typed in cells counts with the markup around it)", "max_text_mb", lim, sheet_bytes / MB / SHEET_TEXT_FACTOR)
            if info.filename == "content.xml":  # every .ods: a long row over many short ones is vast even with no repeat
                _check_ods_area(z, info, name, lim, spaces=area.ods_spaces > 0)
                if area.ods_widest_spaces > lim.max_cell_chars:  # not in a cell the count found: refused all the same
                    raise _refuse(name, f"part 'content.xml': one <text:s> stands for {area.ods_widest_spaces:,} spaces, over the "
                                  f"{lim.max_cell_chars:,}-character limit for one cell", "max_cell_chars", lim, area.ods_widest_spaces)
            if area.tables > lim.max_sheets:
                raise _refuse(name, f"{part}: it lists {area.tables:,} sheets, over the {lim.max_sheets:,} limit", "max_sheets", lim, area.tables)
            budget.add(info, area, exact, text)
        budget.check_text(fh, lim, part_cap)
    return marked


SHEET_TEXT_FACTOR = 4  # a sheet's XML may be this many times the text limit: a 250,000-cell return is some 15 MB of it


class _Budget:
    """The whole workbook's cost, summed over its parts: cells of every sheet, merged cells, and text.

    Each sheet within its own limit can still, with a few others, make the reader hold tens
    of millions of cells (five sheets of 7.8 million took 11 s and 700 MB), and a shared
    string is built again for every cell that uses it. Checked once every part has been seen,
    before any parser runs.
    """

    def __init__(self, name: str, lim: Limits):
        self.name, self.lim = name, lim
        self.cells = self.merged = self.rows = self.merges = 0
        self.sheets: list[zipfile.ZipInfo] = []  # the sheets that use shared strings
        self.refs = 0  # cells that may use a shared string (a bound)
        self.strings: zipfile.ZipInfo | None = None
        self.longest = self.count = 0

    def passes(self, area: "_AreaScan") -> bool:
        """Whether a sheet's quick bound (every cell named, empty or not) would take the workbook past its limit."""
        lim = self.lim
        return area.sheet and not area.flagged and (self.cells + area.cells() > lim.max_cells or self.rows + area.rows > lim.max_rows
                                                     or self.merged + area.merged > lim.max_cells
                                                     or self.merges + area.merge_ranges > lim.max_merges)

    def add(self, info: zipfile.ZipInfo, area: "_AreaScan", exact: "_AreaCount | None", text: "_PartText") -> None:
        part = f"part {info.filename!r}"
        if text.strings:
            self.strings, self.longest, self.count = info, text.longest, text.count
        if not area.sheet:
            return
        if exact is not None:
            rows, cols = exact.area()
            cells, merged, ranges = rows * cols, exact.merged, exact.merge_ranges
        else:
            rows, cells, merged, ranges = area.rows, area.cells(), area.merged, area.merge_ranges
        self.cells += cells
        self.merged += merged
        self.rows += rows
        self.merges += ranges
        lim = self.lim
        if self.rows > lim.max_rows:
            raise _refuse(self.name, f"its sheets: together they run to {self.rows:,} rows by {part}, over the {lim.max_rows:,} "
                          "limit for the whole workbook", "max_rows", lim, self.rows, why=LARGE)
        if self.merges > lim.max_merges:
            raise _refuse(self.name, f"its sheets: together they hold {self.merges:,} merged ranges by {part}, over the "
                          f"{lim.max_merges:,} limit for the whole workbook", "max_merges", lim, self.merges)
        if self.cells > lim.max_cells:
            raise _refuse(self.name, f"its sheets: together they make up to {self.cells:,} cells (rows times columns from A1) "
                          f"by {part}, over the {lim.max_cells:,} limit for the whole workbook", "max_cells", lim, self.cells)
        if self.merged > lim.max_cells:
            raise _refuse(self.name, f"{part}: merged ranges cover {self.merged:,} cells of the workbook's sheets, over the "
                          f"{lim.max_cells:,} limit (each merged cell is filled in one by one)", "max_cells", lim, self.merged)
        if area.shared_refs:
            self.sheets.append(info)
            self.refs += area.shared_refs

    def check_text(self, fh, lim: Limits, part_cap: int) -> None:
        """Refuse when the shared strings, built once for each cell using them, pass ``max_text_mb``.

        First a bound from what the first pass counted (cells that may use a shared string, times
        the longest); only when that passes the limit are the parts inflated again, to add up
        each string's length for each cell that uses it.
        """
        if self.strings is None:
            return
        cap = lim.max_text_mb * MB
        overhead = self.count * TEXT_OVERHEAD
        if self.refs * self.longest + overhead <= cap:
            return
        part = f"part {self.strings.filename!r}"
        lengths = _StringLengths()
        _inflate(fh, self.strings, self.name, part, lim, part_cap, lengths)
        refs = _SharedRefs(np.frombuffer(lengths.lengths, np.uint32) if len(lengths.lengths) else np.zeros(0, np.uint32))
        for info in self.sheets:
            _inflate(fh, info, self.name, f"part {info.filename!r}", lim, part_cap, refs)
            refs.finish()
            built = refs.bytes + refs.unread * self.longest + overhead
            if built > cap:
                raise _refuse(
                    self.name,
                    f"{part}: its texts, used by {refs.cells:,} cells by part {info.filename!r}, would come to about "
                    f"{built / MB:,.0f} MB, over the {lim.max_text_mb:g} MB limit for the text of a workbook "
                    "(a shared text is built once for each cell that uses it)",
                    "max_text_mb", lim, built / MB,
                )


_SI = re.compile(rb"<(/?)(?:\w+:)?si(?=[\s/>])[^>]*?(/?)>")


class _StringLengths:
    """The length in bytes of each shared string (its ``<si>`` element), in order, as the part inflates."""

    def __init__(self):
        self.lengths = array("I")
        self.open_at: int | None = None
        self.seen = 0  # bytes of the part before ``tail``
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or data.find(b">", cut) >= 0 or len(data) - cut > 65_536:
            cut = len(data)  # the last tag is whole (or no tag at all)
        for m in _SI.finditer(data, 0, cut):
            if m[2]:  # <si/>: an empty string
                self.lengths.append(0)
            elif not m[1]:
                self.open_at = self.seen + m.start()
            elif self.open_at is not None:
                self.lengths.append(min(self.seen + m.end() - self.open_at, 0xFFFFFFFF))
                self.open_at = None
        self.seen += cut
        self.tail = data[cut:]


_S_ANY = re.compile(rb"""\st\s*=\s*["']s["']""")
_S_REF = re.compile(rb"""\st\s*=\s*["']s["'][^>]*>\s*<(?:\w+:)?v(?:\s[^>]*)?>\s*0*(\d{1,9})(?!\d)""")


class _SharedRefs:
    """The bytes of shared strings that the cells of sheets use, each counted once per cell, as the parts inflate."""

    def __init__(self, lengths: np.ndarray):
        self.lengths = lengths
        self.bytes = 0
        self.cells = 0
        self.unread = 0  # cells marked t="s" whose string index was not found: counted as the longest
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        cut = data.rfind(b"<c ")  # the last cell's start: every one before it is whole
        if cut < 0:
            cut = max(data.rfind(b"<"), 0)  # no cell starts here: keep the last tag, whole or not
        if len(data) - cut > 4 * MB:  # one vast cell: look at it as it is
            cut = len(data)
        self._count(data, cut)
        self.tail = data[cut:]

    def finish(self) -> None:
        self._count(self.tail, len(self.tail))
        self.tail = b""

    def _count(self, data: bytes, cut: int) -> None:
        if not cut:
            return
        found = _S_REF.findall(data, 0, cut)
        marked = len(_S_ANY.findall(data, 0, cut))
        self.cells += marked
        self.unread += max(marked - len(found), 0)
        if found:
            idx = np.array(found).astype(np.int64)
            idx = idx[idx < len(self.lengths)]
            self.bytes += int(self.lengths[idx].sum(dtype=np.int64))


def _inflate(fh, info: zipfile.ZipInfo, name: str, part: str, lim: Limits, part_cap: int, area=None, marker=None, text=None, kept=None) -> int:
    """Inflate one member from its raw bytes, counting; never hold more than a chunk (but what ``kept`` keeps)."""
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise WorkbookError(f"{name}: the file is corrupt ({part} is damaged)", hint="Save the workbook again from Excel.")
    n, m = struct.unpack("<HH", header[26:30])
    fh.seek(info.header_offset + 30 + n + m)
    if info.flag_bits & 0x1:
        raise WorkbookError(f"{name}: {part} is encrypted with a zip password, which Excel never does",
                            hint="Save the workbook again from Excel.")
    compressed_left = info.compress_size
    ratio_cap = max(_RATIO_GRACE, int(lim.max_ratio * max(info.compress_size, 1)))
    scan = _XmlScan(info.filename)
    readers = [r for r in (area, marker, text, kept) if r is not None]

    def feed(data: bytes) -> None:  # every inflated chunk passes each scan once
        scan.feed(data, name)
        for reader in readers:
            reader.feed(data)

    total = 0
    if info.compress_type == zipfile.ZIP_STORED:
        while compressed_left > 0:
            chunk = fh.read(min(_CHUNK, compressed_left))
            if not chunk:
                break
            compressed_left -= len(chunk)
            total += len(chunk)
            feed(chunk)
            if total > part_cap:
                raise _refuse(name, f"{part}: it holds more than the {lim.max_part_mb:g} MB limit", "max_part_mb", lim)
        return total
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise WorkbookError(f"{name}: {part} is compressed with a method Excel does not use (zip method {info.compress_type})",
                            hint="Save the workbook again from Excel.")
    d = zlib.decompressobj(-15)
    pending = b""
    while True:
        if not pending:
            if compressed_left <= 0 or d.eof:
                break
            pending = fh.read(min(_CHUNK // 4, compressed_left))
            if not pending:
                break
            compressed_left -= len(pending)
        try:
            out = d.decompress(pending, _CHUNK)
        except zlib.error as exc:
            raise WorkbookError(f"{name}: the file is corrupt ({part} does not inflate: {exc})", hint="Save the workbook again from Excel.") from None
        pending = d.unconsumed_tail
        total += len(out)
        feed(out)
        if total > part_cap:
            raise _refuse(name, f"{part}: it inflates past the {lim.max_part_mb:g} MB limit", "max_part_mb", lim)
        if total > ratio_cap:
            raise _refuse(name, f"{part}: it inflates more than {lim.max_ratio:g} times its compressed size, over the {lim.max_ratio:g}:1 limit (a zip bomb)", "max_ratio", lim)
        if d.eof:
            break
    return total


# Can an ``r`` attribute (of a cell or a row) not be placed by the quick look? In the spelling every
# writer uses (r="..."), a value of more than three letters and seven digits; or any other spelling
# calamine accepts (spaces around '=', single quotes). Everything else, to XFD9999999, is placed.
# These expressions are slow on megabytes (no literal to lead them), so _refs_in looks with numpy
# and they read only small windows.
_FAR_REF = re.compile(rb"""(?:^|\s)r="[^"]{11}""")
_ODD_REF = re.compile(rb"""(?:^|\s)r(?:\s+=|=[\s'])""")

#: Bytes of an ``r`` value the quick look reads: three letters, seven digits and the closing quote.
REF_WIDTH = 11


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


_STYLE_RECORD = re.compile(rb"<(?:\w+:)?(?:xf|font|fill|border|numFmt|dxf|cellStyle)[\s/>]")


def _count_across(tail: bytes, chunk: bytes, literal: bytes) -> int:
    """Occurrences of ``literal`` in ``chunk``, and those cut by the edge between ``tail`` and ``chunk``."""
    k = len(literal) - 1
    return chunk.count(literal) + (tail[-k:] + chunk[:k]).count(literal) if k else chunk.count(literal)


class _PartText:
    """What ``xl/sharedStrings.xml`` and ``xl/styles.xml`` would make the readers build, as they inflate.

    Shared strings: the longest (a 19 kB workbook whose one string of a megabyte is used by
    thousands of cells makes the reader build gigabytes) and how many there are. Styles: the
    formats, fills and fonts, and all XML elements (openpyxl builds the whole part as a tree
    when fill colours are read: a 128 MB part cost 3.2 GB). Refused here, before any parser runs.
    """

    def __init__(self, member: str):
        low = member.lower()
        self.strings = low.endswith("sharedstrings.xml")
        self.styles = low.endswith("styles.xml")
        self.longest = 0  # bytes of the longest <si> element
        self.count = 0  # shared strings
        self.records = 0
        self.elements = 0
        self.open_at: int | None = None  # where the current <si> began, counting from the part's start
        self.seen = 0
        self.tail = b""
        self.head = b""  # the part's first bytes, where <sst count=".." uniqueCount=".."> is
        self.declared = 0  # the most strings its counts claim: the reader sizes its table by them before reading one

    def feed(self, chunk: bytes) -> None:
        if self.styles:
            edge = self.tail[-12:]
            self.records += len(_STYLE_RECORD.findall(edge + chunk)) - len(_STYLE_RECORD.findall(edge))
            self.elements += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
            if self.tail.endswith(b"<") and chunk[:1] in (b"/", b"?", b"!"):
                self.elements -= 1
        elif self.strings:
            if len(self.head) < 4096:
                self.head = (self.head + chunk[:4096])[:4096]
                tag = re.search(rb"<(?:\w+:)?sst\b[^>]*>", self.head)
                if tag:
                    counts = re.findall(rb"""\b(?:count|uniqueCount)\s*=\s*["']\s*(\d{1,30})\s*["']""", tag.group(0))
                    self.declared = max([int(c) for c in counts] or [0])
            self.count += _count_across(self.tail, chunk, b"</si>") + _count_across(self.tail, chunk, b"<si/>")
            data = self.tail + chunk
            base = self.seen - len(self.tail)
            i = 0
            while True:
                if self.open_at is None:
                    j = data.find(b"<si", i)
                    if j < 0:
                        break
                    if data[j + 3:j + 5] == b"/>":  # an empty string written <si/>
                        i = j + 5
                        continue
                    self.open_at, i = base + j, j + 3
                else:
                    j = data.find(b"</si>", i)
                    if j < 0:
                        self.longest = max(self.longest, base + len(data) - self.open_at)
                        break
                    self.longest = max(self.longest, base + j - self.open_at)
                    self.open_at, i = None, j + 5
        self.seen += len(chunk)
        self.tail = (self.tail + chunk[-8:])[-8:]

    def check(self, name: str, part: str, lim: Limits) -> None:
        # A workbook's strings are at most its cells: a count past that (2,147,483,647 in a 3 kB file) would have the
        # reader ask for tens of gigabytes before it reads one string, and abort.
        if self.strings and self.declared > lim.max_cells:
            raise _refuse(name, f"{part}: it declares {self.declared:,} shared strings, more than the {lim.max_cells:,} cells "
                          "perfkit reads in a workbook", "max_cells", lim, self.declared)
        # A character takes at most four bytes, and markup (rich-text runs) adds a little.
        if self.strings and self.longest > 4 * lim.max_cell_chars + 4096:
            raise _refuse(name, f"{part}: it holds a text of about {self.longest:,} bytes, over the {lim.max_cell_chars:,}-character "
                          "limit for one cell (Excel's own cells hold at most 32,767)", "max_cell_chars", lim, self.longest)
        if self.styles and self.records > lim.max_style_records:
            raise _refuse(name, f"{part}: it declares {self.records:,} formats, fills and fonts, where Excel allows 64,000 "
                          f"cell formats (over the {lim.max_style_records:,} limit)", "max_style_records", lim, self.records)
        cap = STYLE_ELEMENTS_PER_RECORD * lim.max_style_records
        if self.styles and self.elements > cap:
            raise _refuse(name, f"{part}: it holds {self.elements:,} XML elements, over the {cap:,} perfkit reads "
                          f"({STYLE_ELEMENTS_PER_RECORD} for each of the {lim.max_style_records:,} style records allowed)",
                          "max_style_records", lim, -(-self.elements // STYLE_ELEMENTS_PER_RECORD))


class _AreaScan:
    """What one part's cells make the reader build, counted as the part inflates.

    For a sheet: the farthest row and column its cells and rows name, read with numpy from
    each ``r="..."`` (a regex over every one is several times slower than inflating), its
    references to shared strings, and the cells its merged ranges cover. A sheet whose
    references might reach far from A1, or that has cells or rows without a reference, or
    that spells them unusually (``r = '...'``), or whose bound passes a limit, is ``flagged``:
    :class:`_AreaCount` then counts it exactly, inflating it again. For an OpenDocument
    ``content.xml`` (which :func:`_check_ods_area` counts cell by cell): the spaces its
    ``<text:s text:c="N"/>`` stand for. For ``xl/workbook.xml`` and ``content.xml``: the
    sheets listed.

    Each chunk is looked at with the last bytes of the one before (``carry``): a position is
    looked at once, in the chunk where at least ``_EDGE`` bytes follow it.
    """

    _CARRY = 32
    _EDGE = 14  # bytes a tag or an '=' needs after it: '</sheetData', or the quote and the eleven of a value

    def __init__(self, member: str, lim: Limits, count_shared: bool = True):
        self.active = member.lower().endswith(".xml") or "." not in member.rsplit("/", 1)[-1]
        self.count_shared = count_shared  # the workbook has shared strings: count the cells that may use them
        self.flagged = False
        self.ods_spaces = self.ods_widest_spaces = 0  # the spaces <text:s text:c="N"/> stands for: in all, and the most in one
        self.ods_tail = b""
        self.ods = member == "content.xml"
        self.sheet_tag = _ODS_TABLE if self.ods else _XLSX_SHEET if member == "xl/workbook.xml" else None
        self.tables = 0  # sheets listed (xl/workbook.xml) or tables (content.xml)
        self.sheet = False  # holds <sheetData>: a worksheet
        self.rows = self.cols = 0  # the farthest row and column named (unflagged sheets)
        self.named_cells = self.named_rows = 0  # r="..." with a column (cells) and without (rows)
        self.cell_tags = self.row_tags = 0
        self.shared_refs = 0  # cells that may name a shared string ("s" as an attribute's value): a bound
        self.merged = 0  # cells covered by merged ranges, within the farthest row and column named
        self.merge_ranges = 0
        self.cells_done = False  # </sheetData> seen
        self.merges_before = False  # the chunk before had merged ranges' tags
        self.counted_before = False  # the chunk before counted the ranges that end in it
        self.carry = b""
        self.tail = b""
        self.typed_text = False  # cells of the part hold their own text (t="inlineStr" or t="str")

    def feed(self, chunk: bytes) -> None:
        before = self.tail
        self.tail = (before + chunk[-64:])[-64:]  # the stream's last bytes, however short the chunks (never a copy of the chunk)
        if not self.typed_text:  # text typed in cells (inline, or a formula's saved text), not shared: counted by the sheet's size
            window = before[-16:] + chunk
            self.typed_text = b"inlineStr" in window or b't="str"' in window or b"t='str'" in window
        if self.ods:
            back = self.ods_tail  # a start tag may be long: the last 4 kB, so that one cut by the chunk's edge is whole here
            self.ods_tail = (back + chunk[-4096:])[-4096:]
            spaces, widest = ods_spaces(back + chunk, len(back))
            self.ods_spaces += spaces
            self.ods_widest_spaces = max(self.ods_widest_spaces, widest)
        if self.sheet_tag is not None:
            edge = before[-15:]  # a tag cut by the chunk's edge counts once
            self.tables += len(self.sheet_tag.findall(edge + chunk)) - len(self.sheet_tag.findall(edge))
        if not self.active:
            return
        if self.flagged:  # counted exactly (merged ranges too) by _AreaCount; only the shared strings here
            self.sheet = self.sheet or b"sheetData" in before + chunk
            if self.sheet and self.count_shared:
                self.shared_refs += _count_across(before, chunk, b'"s"') + _count_across(before, chunk, b"'s'")
            return
        done = self.cells_done
        if any(_FAR_REF.search(e) or _ODD_REF.search(e) for e in (before + chunk[:64], chunk[-80:])):
            self._flag(before, chunk)
            return
        data = self.carry + chunk
        merges = self._look(data, max(len(self.carry) - self._EDGE, 0), len(data) - self._EDGE)
        self.carry = data[-self._CARRY:]
        if self.flagged:
            self._flag(before, chunk)
        elif merges or self.merges_before:  # after the cells (as Excel writes them): clipped to their area
            # a range is counted in the chunk where it ends: here, or (begun in the chunk before) here as it ends
            data = before + chunk
            cells, ranges = merged_ranges(data, self.rows, self.cols, before if self.counted_before else b"", _cells_end(data, done))
            self.merged += cells
            self.merge_ranges += ranges
        self.counted_before = bool(merges or self.merges_before) and not self.flagged
        self.merges_before = bool(merges)

    def _flag(self, before: bytes, chunk: bytes) -> None:
        """Count the rest exactly (:class:`_AreaCount`); the shared-string bound goes on by counting bytes."""
        self.flagged = True
        self.sheet = self.sheet or b"sheetData" in before + chunk
        if self.count_shared:
            rest = before[-self._EDGE:] + chunk  # what the chunk before left unlooked at, and this one
            self.shared_refs += rest.count(b'"s"') + rest.count(b"'s'")

    def finish(self) -> None:
        """Look at the last bytes of the part, which each chunk leaves for the next."""
        if self.active and not self.flagged and self.carry:
            data = self.carry + b" " * 16
            self._look(data, max(len(self.carry) - self._EDGE, 0), len(self.carry))
        if self.sheet and not self.flagged and (self.cell_tags != self.named_cells or self.row_tags != self.named_rows):
            self.flagged = True  # cells or rows without a reference follow the one before: counted exactly

    def _look(self, data: bytes, lo: int, hi: int) -> bool:
        """Look at ``data[lo:hi]``; True when it holds a merged range."""
        refs = _refs_in(data, lo, hi)
        if refs is None:
            self.flagged = True
            return False
        rows, cols, named_cells, named_rows = refs
        if rows > self.rows or cols > self.cols:
            self.rows, self.cols = max(self.rows, rows), max(self.cols, cols)
        self.named_cells += named_cells
        self.named_rows += named_rows
        tags = _tags_in(data, lo, hi, self.count_shared)
        if tags.prefixed:
            self.flagged = True
            return False
        self.sheet = self.sheet or tags.sheet
        if not self.sheet:
            return False
        self.cell_tags += tags.cells
        self.row_tags += tags.rows
        self.shared_refs += tags.shared
        self.cells_done = self.cells_done or tags.cells_end
        return tags.merges

    def cells(self) -> int:
        """Rows times columns of an unflagged sheet (from A1 to the farthest cell)."""
        return max(self.rows, 1) * max(self.cols, 1) if self.sheet else 0


_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']\s*\$?([A-Za-z]{1,3})\$?0*(\d{1,7})(?:\s*:\s*\$?([A-Za-z]{1,3})\$?0*(\d{1,7}))?""")


def merged_cells(data: bytes, rows: int, cols: int, before: bytes = b"", cells_end: int = 0) -> int:
    """Cells covered by the merged ranges (``<mergeCell ref="A4:C20"/>``) in ``data``, within ``rows`` by ``cols``.

    The reader copies a merged cell's value down its range, one cell at a time: a few
    thousand merges of a whole column in a 2 kB file would take it an hour. Ranges that
    end in ``before`` (the end of the previous chunk, which ``data`` begins with) were
    counted with it. A range before ``cells_end`` (where the cells end, when a crafted
    part puts its merges first) is counted whole, as the sheet's area is not known yet.

    Examples
    --------
    >>> merged_cells(b'<mergeCell ref="A4:C20"/><mergeCell ref="B1:XFD1048576"/>', rows=10, cols=5)
    61
    """
    return merged_ranges(data, rows, cols, before, cells_end)[0]


def merged_ranges(data: bytes, rows: int, cols: int, before: bytes = b"", cells_end: int = 0) -> tuple[int, int]:
    """(cells covered, ranges) of the merged ranges in ``data``, as :func:`merged_cells` counts them.

    Examples
    --------
    >>> merged_ranges(b'<mergeCell ref="A4:C20"/><mergeCell ref="B1:XFD1048576"/>', rows=10, cols=5)
    (61, 2)
    """
    total = ranges = 0
    for m in _MERGE.finditer(data):
        if before and m.end() <= len(before):  # counted with the chunk before
            continue
        ranges += 1
        c1, r1 = _col_number(m[1]), int(m[2])
        c2, r2 = (_col_number(m[3]), int(m[4])) if m[3] else (c1, r1)
        c1, c2 = sorted((c1, c2))
        r1, r2 = sorted((r1, r2))
        top, right = (rows, cols) if m.start() >= cells_end else (MAX_ROWS, MAX_COLUMNS)
        total += max(0, min(c2, right) - c1 + 1) * max(0, min(r2, top) - r1 + 1)
    return total, ranges


#: Excel's tallest sheet.
MAX_ROWS = 1_048_576


def _cells_end(data: bytes, done: bool) -> int:
    """Where the cells of a sheet end in ``data``: 0 when they ended before it (``done``), ``len(data)`` when after."""
    if done:
        return 0
    m = _CELLS_END.search(data) if b"sheetData" in data else None
    return m.start() if m else len(data)


_CELLS_END = re.compile(rb"</(?:\w+:)?sheetData\s*>|<(?:\w+:)?sheetData\s*/>")


_ODS_TABLE = re.compile(rb"<table:table[\s>]")
_XLSX_SHEET = re.compile(rb"<(?:\w+:)?sheet[\s/>]")
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


# <text:s text:c="N"/>: N spaces, which the reader builds one by one (1,000,000,000 of them abort it). Any prefix, as the
# reader goes by the name as written and a crafted file may bind ``text`` to anything.
_ODS_SPACE = re.compile(rb"""<(?:[\w.-]+:)?s\b[^>]*?\s(?:[\w.-]+:)?c\s*=\s*["']\s*0*(\d{1,40})""")


def ods_spaces(data: bytes, skip: int = 0) -> tuple[int, int]:
    """(all the spaces, the most in one) that the ``<text:s text:c="N"/>`` elements of ``data`` stand for, among those
    whose count ends after ``skip`` (what ``data`` shares with the chunk before).

    Examples
    --------
    >>> ods_spaces(b'<text:p>a<text:s text:c="3"/>b<text:s/>c<text:s text:c="1000000000"/></text:p>')
    (1000000003, 1000000000)
    """
    found = [int(m[1]) for m in _ODS_SPACE.finditer(data) if m.end() > skip]
    return sum(found), max(found, default=0)


def _spaces_in(el) -> int:
    """The spaces the ``<text:s>`` elements inside ``el`` stand for, beyond the one each is counted as anyway (its ``c``)."""
    n = 0
    for sub in el.iter():
        if sub.tag.rsplit("}", 1)[-1] == "s" and sub is not el:
            for key, value in sub.attrib.items():
                if key.rsplit("}", 1)[-1] == "c":
                    n += int(value) if value.strip().isdigit() else 1
    return n


def _check_ods_area(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, lim: Limits, spaces: bool = False) -> None:
    """Refuse an OpenDocument sheet whose repeated rows and cells make it vast, or repeat text beyond the text limit.

    The reader expands a repeat only when something follows it, as LibreOffice's own
    trailing repeats (a million empty rows) have nothing after them; this follows the
    same rule, so those cost nothing and a repeat before a filled cell counts in full.
    A cell's text is built once for each of its repeats, and for each repeat of its row:
    a 100 kB text repeated by ``table:number-columns-repeated`` in a 1 kB file took 14.8 GB.
    ``spaces``: the part holds ``<text:s text:c="N"/>``, whose N spaces count as text too (and a
    cell holding more than ``max_cell_chars`` is refused by name: a billion aborted the reader).
    """

    rows_key, cols_key = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
    row_tag, table_tag = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table"
    cell_tags = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
    value_key = f"{{{_OFFICE}}}value-type"
    text_cap = lim.max_text_mb * MB

    def repeat(el, key) -> int:
        try:
            return max(1, int(el.get(key, "1")))
        except ValueError:
            return 1

    def text_bytes(el) -> int:
        n = sum(len(t) for t in el.itertext())
        for attr in ("string-value", "value"):  # a value kept in an attribute is read too
            n += len(el.get(f"{{{_OFFICE}}}{attr}", ""))
        return n + (_spaces_in(el) if spaces else 0)

    try:
        with z.open(info) as stream:
            sheet = ""
            rows = last_row = width = 0
            pos = last = 0
            row_text = 0
            workbook_cells = workbook_rows = 0
            text = 0
            for event, el in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if el.tag == table_tag:
                        sheet, rows, last_row, width = el.get(f"{{{_TABLE}}}name", ""), 0, 0, 0
                    elif el.tag == row_tag:
                        pos = last = row_text = 0
                    continue
                if el.tag in cell_tags:
                    n = repeat(el, cols_key)
                    pos += n
                    if el.get(value_key) is not None or len(el):
                        last = pos
                        chars = text_bytes(el)
                        if spaces and chars > lim.max_cell_chars:
                            raise _refuse(name, f"cell {cell_name(sheet, rows, pos - n)}: its text comes to {chars:,} characters "
                                          f"(spaces written as <text:s text:c=\"N\"/> included), over the {lim.max_cell_chars:,} "
                                          "limit for one cell", "max_cell_chars", lim, chars)
                        row_text += chars * n
                    el.clear()
                elif el.tag == row_tag:
                    n = repeat(el, rows_key)
                    rows += n
                    if last:
                        last_row, width = rows, max(width, last)
                        text += row_text * n
                        if text > text_cap:
                            raise _refuse(
                                name,
                                f"sheet {sheet!r}: its repeated rows and cells repeat their text to about {text / MB:,.0f} MB "
                                f"by row {rows:,}, over the {lim.max_text_mb:g} MB limit for the text of a workbook",
                                "max_text_mb", lim, text / MB,
                            )
                    el.clear()
                elif el.tag == table_tag:
                    cells = last_row * width
                    if cells > lim.max_cells:
                        raise _refuse(
                            name,
                            f"sheet {sheet!r}: its rows and cells (repeats counted) make it {width:,} columns by {last_row:,} rows "
                            f"({cells:,} cells), over the {lim.max_cells:,} limit",
                            "max_cells", lim, cells,
                        )
                    workbook_cells += cells
                    workbook_rows += last_row
                    if workbook_rows > lim.max_rows:
                        raise _refuse(name, f"its sheets: together they run to {workbook_rows:,} rows by sheet {sheet!r}, over the "
                                      f"{lim.max_rows:,} limit for the whole workbook", "max_rows", lim, workbook_rows, why=LARGE)
                    if workbook_cells > lim.max_cells:
                        raise _refuse(
                            name,
                            f"its sheets: their rows and cells (repeats counted) come to {workbook_cells:,} cells by sheet {sheet!r}, "
                            f"over the {lim.max_cells:,} limit for the whole workbook",
                            "max_cells", lim, workbook_cells,
                        )
                    el.clear()
    except ET.ParseError:
        return  # the reader reports a broken content.xml itself


_SPACE = np.zeros(256, bool)
_SPACE[list(b" \t\n\r")] = True


def _refs_in(data: bytes, lo: int, hi: int) -> tuple[int, int, int, int] | None:
    """The ``r`` attributes whose ``=`` lies in ``data[lo:hi]``: (farthest row, farthest column, those with a column, those without).

    None when any might name a far cell or is spelled unusually (see :class:`_AreaScan`),
    so that the part is counted exactly instead.
    """
    a = np.frombuffer(data, np.uint8)
    n = len(a)
    if n < 16 or hi <= lo:
        if _FAR_REF.search(data) or _ODD_REF.search(data):
            return None
        return 0, 0, 0, 0
    eq = np.flatnonzero(a[lo:hi] == 61) + lo  # '='
    eq = eq[(eq >= 2) & (eq < n - REF_WIDTH - 2)]
    if not len(eq):
        return 0, 0, 0, 0
    prev, before, nxt = a[eq - 1], a[eq - 2], a[eq + 1]
    space = _SPACE.__getitem__
    if ((nxt == 39) | (space(nxt) & (a[eq + 2] == 39))).any():
        return None  # a value in single quotes (a=' r="A1"'), which no spreadsheet program writes, may hide a decoy r="..."
    spaced = space(prev)
    if spaced.any():  # '=' after a space: text ("x = y"), or a spelling calamine also accepts ("r = ...")
        at = eq[spaced]
        p2, p3, p4 = a[at - 2], a[np.maximum(at - 3, 0)], a[np.maximum(at - 4, 0)]
        if ((p2 == 114) & space(p3)).any() or (space(p2) & (p3 == 114) & space(p4)).any():
            return None
        if (space(p2) & space(p3)).any():  # three or more spaces: rare enough to search properly
            if _FAR_REF.search(data, max(lo - 9, 0), hi + 9) or _ODD_REF.search(data, max(lo - 9, 0), hi + 9):
                return None
    is_r = (prev == 114) & space(before)
    if (is_r & (nxt != 34)).any():  # r=' or r= "
        return None
    start = eq[is_r] + 2
    if not len(start):
        return 0, 0, 0, 0
    row, col, letters = ref_values(a, start)
    if row is None:
        return None
    return int(row.max()), int(col.max()), int((letters > 0).sum()), int((letters == 0).sum())


def _alpha(x):
    low = x | 32
    return (low >= 97) & (low <= 122)


def _digit(x):
    return (x >= 48) & (x <= 57)


def ref_values(a: np.ndarray, start: np.ndarray):
    """The rows, columns and letters of the ``r`` values that begin at ``start`` in ``a`` (``A1`` is row 1, column 1).

    A value is up to three letters then up to seven digits and its closing quote (a row's has no letters, and its
    column is 0). ``(None, None, None)`` when any is not: longer, spelled otherwise (``$A$1``, ``R1C1``) or empty.
    ``a`` must run at least :data:`REF_WIDTH` bytes past every start.

    Examples
    --------
    >>> data = np.frombuffer(b'r="A1" r="XFD1048576" r="12" ' + bytes(12), np.uint8)
    >>> rows, cols, letters = ref_values(data, np.array([3, 10, 25]))
    >>> rows.tolist(), cols.tolist(), letters.tolist()
    ([1, 1048576, 12], [1, 16384, 0], [1, 3, 0])
    """
    v = np.stack([a[start + k] for k in range(REF_WIDTH)])  # one row per byte of the values, one column per value
    quote = v == 34
    if not quote.any(axis=0).all():  # longer than three letters and seven digits
        return None, None, None
    end = quote.argmax(axis=0)  # where each value's closing quote is
    is_alpha = _alpha(v[:4])
    one = is_alpha[0]
    two = one & is_alpha[1]
    three = two & is_alpha[2]
    if (three & is_alpha[3]).any():
        return None, None, None
    letters = one.astype(np.int64) + two + three
    k = np.arange(REF_WIDTH)[:, None]
    inside = k < end
    in_letters = k < letters
    if not ((~inside) | (in_letters & _alpha(v)) | (~in_letters & _digit(v))).all() or (end == 0).any():
        return None, None, None  # anything but letters then digits ($A$1, R1C1, an empty value): counted exactly
    digits = inside & ~in_letters
    row = np.zeros(v.shape[1], np.int64)
    for i in range(REF_WIDTH):
        row = np.where(digits[i], row * 10 + (v[i].astype(np.int64) - 48), row)
    up = (v[:3].astype(np.int64) | 32) - 96
    col = np.select([letters == 3, letters == 2, letters == 1], [(up[0] * 26 + up[1]) * 26 + up[2], up[0] * 26 + up[1], up[0]], 0)
    return row, col, letters


@dataclass
class _Tags:
    """What :func:`_tags_in` finds in a window of a part."""

    cells: int = 0  # <c ...> tags
    rows: int = 0  # <row ...> tags
    shared: int = 0  # "s" or 's': a cell's t="s" (a bound on the cells naming a shared string)
    prefixed: bool = False  # a tag with a namespace prefix (<x:c>, <x:row>, <x:sheetData>)
    sheet: bool = False  # <sheetData: the part is a worksheet
    cells_end: bool = False  # </sheetData> or <sheetData/>
    merges: bool = False  # a <mergeCell...


def _tags_in(data: bytes, lo: int, hi: int, shared: bool = True) -> _Tags:
    """The tags that start in ``data[lo:hi]`` and matter to the budget, found with numpy (``data`` runs 12 bytes past ``hi``).

    Searching 1 MB for a short literal costs about as much as inflating it (the text is full of
    ``<``), so every tag is found in one pass over the ``<`` followed by c, r, m or s.
    ``shared``: count the ``"s"`` too (only a workbook with shared strings needs them).
    """
    out = _Tags()
    a = np.frombuffer(data, np.uint8)
    hi = min(hi, len(a) - 12)
    if hi <= lo:
        return out
    lt = np.flatnonzero(a[lo:hi] == 60) + lo  # '<'
    lt = lt[_TAG_LEADS[a[lt + 1]]]
    b1, b2, b3, b4 = a[lt + 1], a[lt + 2], a[lt + 3], a[lt + 4]

    def ends(x):
        return (x == 32) | (x == 9) | (x == 10) | (x == 13) | (x == 62) | (x == 47)

    out.cells = int(((b1 == 99) & ends(b2)).sum())
    out.rows = int(((b1 == 114) & (b2 == 111) & (b3 == 119) & ends(b4)).sum())
    out.merges = bool(((b1 == 109) & (b2 == 101) & (b3 == 114)).any())  # <mer
    for p in lt[(b1 == 115) & (b2 == 104) & (b3 == 101)]:  # <she: a few per sheet
        if data.startswith(b"<sheetData", p):
            out.sheet = True
            out.cells_end = out.cells_end or data.startswith(b"<sheetData/>", p)
    end = data.find(b"</sheetData", lo, hi + 11)  # once per sheet: a search for a long literal is quick
    out.cells_end = out.cells_end or 0 <= end < hi
    if shared:  # a quoted "s" whose opening quote lies in [lo, hi): counted in C, not over every 's' of the text
        out.shared = data.count(b'"s"', lo, hi + 2)
        if data.find(b"'", lo, hi) >= 0:  # one memchr: single-quoted attributes are rare
            out.shared += data.count(b"'s'", lo, hi + 2)
    colon = np.flatnonzero(a[lo:hi] == 58) + lo
    colon = colon[_PREFIX_ENDS[a[colon + 1]]]  # ':c', ':r', ':s'
    if len(colon) > 200:
        out.prefixed = _PREFIXED.search(data, lo, hi + 12) is not None
    else:
        for p in colon:
            start = data.rfind(b"<", max(p - 32, 0), p)
            if start >= 0 and _PREFIXED.match(data, start):
                out.prefixed = True
                break
    return out


_TAG_LEADS = np.zeros(256, bool)
_TAG_LEADS[list(b"crms")] = True
_PREFIX_ENDS = np.zeros(256, bool)
_PREFIX_ENDS[list(b"crs")] = True
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|row|sheetData)[\s/>]")


# What ends a tag's name: white space, '/' or '>'.
_NAME_END = np.zeros(256, bool)
_NAME_END[list(b" \t\n\r/>")] = True
# One element's start (a cell or a row, with any prefix), and the rest of its tag read whole: a '>' or '/' inside a
# quoted value is part of the value, as the reader's XML parser takes it. Possessive, so that a quote never closed
# fails at once rather than after trying every way to split the text.
_TAG_START = re.compile(rb"<(?:[\w.-]+:)?(c|row)(?=[\s/>])")
_TAG_REST = re.compile(rb"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_ATTR = re.compile(rb"""\s*([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ANY_R = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF_PARTS = re.compile(rb"\s*\$?([A-Za-z]*)\$?0*(\d*)\s*")


def _ref_number(letters: bytes, digits: bytes) -> tuple[int, int]:
    return (int(digits) if digits else 0), (_col_number(letters) if letters else 0)


class _AreaCount:
    """Where the cells of a part that may hold something reach, and the cells its merged ranges cover: counted exactly.

    The reader (calamine) builds nothing for an element written empty (``<c r="XFD1048576" s="3"/>``,
    a formatted ``<row r="1048576" .../>``), places a cell by its ``r``, and one without an ``r``
    after the cell before it (empty or not), in the row its ``<row r>`` names or after the row
    before. So the area is the farthest cell not written empty; where any cell has no ``r``, the
    farthest any ``r`` names widened by every cell and row without one (a bound: never less than
    what the reader makes; ``tests/hostile/test_area.py`` holds calamine to it).

    Tags written as spreadsheet programs write them (``<c r="B7" s="3" t="s">``, with a prefix
    or not) are read with numpy. A window holding any other (a '>' or a quote inside a value,
    ``r = '...'``, a prefixed ``r``) is read tag by tag, which costs microseconds a tag: past
    ``cap`` such tags the part is refused (``name``, ``part`` and ``lim`` word the refusal).
    """

    MAX_TAG = 4 * MB  # a cell's or row's tag this long is no spreadsheet's

    def __init__(self, cap: int | None = None, name: str = "", part: str = "", lim: Limits | None = None):
        self.rows = self.cols = 0  # the farthest row and column of a cell, with an r, not written empty
        self.named_rows = self.named_cols = 0  # the farthest row and column any r names, empty or not (cells without r go after)
        self.named_where = b""
        self.loose_rows = self.loose_cells = 0  # rows and cells without an r
        self.where = b""
        self.tail = b""
        self.merged = self.merge_ranges = 0
        self.cells_done = False
        self.cap, self.name, self.part, self.lim = cap, name, part, lim
        self.slow = 0  # tags read one by one

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        lt = data.rfind(b"<")
        cut = lt if lt >= 0 and data.find(b">", lt) < 0 else len(data)  # a tag cut by the chunk's edge waits for the next
        if not self._quick(data, cut):
            cut = self._slow(data, cut)
        if len(data) - cut > self.MAX_TAG:
            raise WorkbookError(f"{self.name}: refused to read {self.part}: a tag in it runs on for more than "
                                f"{self.MAX_TAG // MB} MB, which no spreadsheet program writes",
                                hint="The file is damaged or built to attack; save the workbook again from Excel.")
        if b"mergeCell" in data[:cut]:
            end = _cells_end(data[:cut], self.cells_done)
            cells, ranges = merged_ranges(data[:cut], *self._bound(), cells_end=end)
            self.merged += cells
            self.merge_ranges += ranges
        if not self.cells_done and b"sheetData" in data[:cut] and _CELLS_END.search(data, 0, cut):
            self.cells_done = True
        self.tail = data[cut:]

    def _place(self, row: int, col: int, ref: bytes) -> None:
        if row > self.rows:
            self.rows, self.where = row, ref
        if col > self.cols:
            self.cols, self.where = col, ref

    def _name(self, row: int, col: int = 0) -> None:
        if row > self.named_rows:
            self.named_rows, self.named_where = row, str(row).encode()
        self.named_cols = max(self.named_cols, col)

    def _quick(self, data: bytes, cut: int) -> bool:
        """Count the tags of ``data[:cut]`` with numpy; False (nothing counted) when any is not written plainly."""
        if not cut:
            return True
        a = np.frombuffer(data[:cut] + bytes(2 * REF_WIDTH), np.uint8)
        n = cut
        lt = np.flatnonzero(a[:n] == 60)  # '<'
        if not len(lt):
            return True
        ends = np.flatnonzero(_NAME_END[a[:n]])
        q = np.searchsorted(ends, lt + 1)
        q = ends[np.minimum(q, len(ends) - 1)] if len(ends) else np.full(len(lt), n)
        q = np.where(q > lt, q, n)  # where each tag's name ends
        # c or row, alone or after a prefix (<x:c>): the name's last bytes, and a ':' or the '<' before them
        is_c = (a[q - 1] == 99) & ((q - 1 == lt + 1) | (a[q - 2] == 58))
        is_row = (a[q - 3] == 114) & (a[q - 2] == 111) & (a[q - 1] == 119) & ((q - 3 == lt + 1) | (a[q - 4] == 58))
        keep = (is_c | is_row) & (q < n)
        starts, cell = lt[keep], is_c[keep]
        if not len(starts):
            return True
        gt = np.flatnonzero(a[:n] == 62)  # '>'
        k = np.searchsorted(gt, starts)
        if not len(gt) or (k >= len(gt)).any():
            return False
        stops = gt[k]  # each tag's first '>'

        def inside(pos):  # how many of ``pos`` lie inside each tag
            return np.searchsorted(pos, stops) - np.searchsorted(pos, starts)

        eqs = np.flatnonzero(a[:n] == 61)  # '='
        n_eq = inside(eqs)
        single = np.flatnonzero(a[:n] == 39)
        if len(single) and inside(single).any():
            return False
        if (inside(np.flatnonzero(a[:n] == 34)) != 2 * n_eq).any():  # every value in double quotes, no '>' inside one
            return False
        quoted = eqs[a[eqs + 1] == 34]
        if (inside(quoted) != n_eq).any():  # every '=' followed by its quote: none inside a value, none spaced
            return False
        before = a[np.maximum(quoted - 1, 0)]
        named_r = quoted[(before == 114) & _SPACE[a[np.maximum(quoted - 2, 0)]]]
        prefixed_r = quoted[(before == 114) & (a[np.maximum(quoted - 2, 0)] == 58)]
        if len(prefixed_r) and inside(prefixed_r).any():
            return False
        owner = np.searchsorted(starts, named_r, side="right") - 1
        mine = (owner >= 0) & (named_r < stops[np.maximum(owner, 0)])
        named_r, owner = named_r[mine], owner[mine]
        per_tag = np.bincount(owner, minlength=len(starts))
        if (per_tag > 1).any():
            return False
        filled = a[stops - 1] != 47  # not written empty (<c .../>)
        if len(named_r):
            rows, cols, letters = ref_values(a, named_r + 2)
            if rows is None:
                return False
            of_cell = cell[owner]
            if ((letters == 0) & of_cell).any() or ((letters > 0) & ~of_cell).any() or (rows == 0).any():
                return False  # a cell's reference without its column or row, a row's with letters: read one by one
            counted = of_cell & filled[owner]
            if counted.any():
                i, j = int(np.argmax(np.where(counted, rows, -1))), int(np.argmax(np.where(counted, cols, -1)))
                for at in (i, j):
                    start = int(named_r[at]) + 2
                    self._place(int(rows[at]), int(cols[at]), data[start:data.index(b'"', start)])
            self._name(int(rows.max()), int(cols.max()))
        loose = per_tag == 0
        self.loose_cells += int((loose & cell).sum())
        self.loose_rows += int((loose & ~cell).sum())
        return True

    def _slow(self, data: bytes, cut: int) -> int:
        """Count the tags of ``data[:cut]`` one by one; where a tag is not whole, stop and give where it begins."""
        pos = 0
        while True:
            m = _TAG_START.search(data, pos, cut)
            if m is None:
                return cut
            rest = _TAG_REST.match(data, m.end(), cut)
            if rest is None:
                return m.start()  # its end is in the next chunk (or never comes)
            pos = rest.end()
            self.slow += 1
            if self.cap is not None and self.slow > self.cap:
                lim = self.lim or Limits()
                raise _refuse(self.name, f"{self.part}: more than {self.cap:,} of its cells and rows are written as spreadsheet "
                              "programs do not write them (read one by one, which is slow)", "max_cells", lim, self.slow)
            attrs = data[m.end():rest.end() - 1]
            refs, at, plain = [], 0, True  # (value, whether the attribute is r itself, which is all the reader takes)
            while (am := _ATTR.match(attrs, at)) is not None:
                if am[1] == b"r" or am[1].endswith(b":r"):
                    refs.append((am[2] if am[2] is not None else am[3], am[1] == b"r"))
                at = am.end()
            if attrs[at:].strip() not in (b"", b"/"):  # not name="value" throughout: any r-like text counts, and it is loose too
                plain = False
                refs += [(r[1] if r[1] is not None else r[2], False) for r in _ANY_R.finditer(attrs)]
            empty = plain and attrs.endswith(b"/")  # written empty: nothing is built for it
            cell = m[1] == b"c"
            placed = False  # by an r the reader takes; otherwise it goes after the cell (or row) before, as well
            for ref, own in refs:
                parts = _REF_PARTS.fullmatch(ref)
                letters, digits = (parts[1], parts[2]) if parts else (b"", b"")
                row, col = _ref_number(letters, digits)
                self._name(row, col)
                if cell:
                    if not empty:
                        self._place(row, col, ref.strip())
                    placed = placed or (own and bool(letters and digits))
                else:
                    placed = placed or (own and bool(digits) and not letters)
            if not placed or not plain:
                if cell:
                    self.loose_cells += 1
                else:
                    self.loose_rows += 1

    def _bound(self) -> tuple[int, int]:
        rows, cols = self.rows, self.cols
        if self.loose_cells:  # a cell without r goes in its row's place (or after the row before), after the cell before
            rows = max(rows, self.named_rows) + self.loose_rows
            cols = max(cols, self.named_cols) + self.loose_cells
        return rows, cols

    def area(self) -> tuple[int, int]:
        """(rows, columns) the part's cells can reach."""
        rows, cols = self._bound()
        return max(rows, 1), max(cols, 1)

    def check(self, name: str, part: str, lim: Limits) -> None:
        rows, cols = self.area()
        cells = rows * cols
        if cells > lim.max_cells:
            far = self.named_where if self.loose_cells and self.named_rows > self.rows else self.where
            where = far.decode("ascii", "replace").upper() or "the end"
            raise _refuse(
                name,
                f"{part}: a cell or row at {where} makes the sheet up to {cols:,} columns by {rows:,} rows "
                f"({cells:,} cells), over the {lim.max_cells:,} limit",
                "max_cells", lim, cells,
            )


class _XmlScan:
    """Spot ``<!DOCTYPE`` or ``<!ENTITY`` in a stream of XML chunks (across chunk edges)."""

    _MARKS = (b"<!doctype", b"<!entity")

    def __init__(self, member: str):
        self.member = member
        self.active = member.lower().endswith((".xml", ".rels", ".vml")) or "." not in member.rsplit("/", 1)[-1]
        self.tail = b""

    def feed(self, chunk: bytes, name: str) -> None:
        if not self.active:
            return
        edge = self.tail + chunk[:16]
        for data in (edge, chunk) if chunk.find(b"!") >= 0 else (edge,):  # find() of one byte is memchr: fast
            if b"<!" in data and any(mark in data.lower() for mark in self._MARKS):
                raise WorkbookError(
                    f"{name}: refused to read part {self.member!r}: it declares XML entities (<!DOCTYPE or <!ENTITY), "
                    "which a real workbook never holds and attacks use",
                    hint="Open the file in Excel and save it again as a new .xlsx, or ask whoever sent it.",
                )
        self.tail = (self.tail + chunk[-16:])[-16:]


# --------------------------------------------------------------------------- CSV and other plain files

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"{\\rtf": "a Rich Text (RTF) document",
}


def check_plain(path, lim: Limits | None = None) -> None:
    """Check a file that is neither a zip nor a legacy .xls before reading it as text (a CSV).

    Refuses a file over ``max_csv_mb`` and gives the real cause of NUL bytes:
    UTF-16 text, a binary file (naming the kind when known), or a damaged CSV.

    Raises
    ------
    WorkbookError

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "q2.csv"
    >>> _ = p.write_bytes(b"Ref,Status\\nM1,Gre\\x00en\\n")
    >>> try:
    ...     check_plain(p)
    ... except WorkbookError as exc:
    ...     print(str(exc).splitlines()[0])
    q2.csv: line 2 holds a NUL byte (character 0), which a CSV never does: the file is damaged or was not saved as text
    """
    path = Path(path)
    lim = lim or current_limits()
    size = path.stat().st_size
    if size > lim.max_csv_mb * MB:
        raise _refuse(path.name, f"a {size / MB:,.0f} MB file as a CSV: over the {lim.max_csv_mb:g} MB limit", "max_csv_mb", lim)
    at, line, head = -1, 1, b""
    shape = _CsvShape()
    with open(path, "rb") as fh:  # in chunks: the file is read again by the CSV reader
        offset = 0
        while chunk := fh.read(_CHUNK):
            if not head:
                head = chunk[:4096]
            i = chunk.find(b"\x00")
            if i >= 0:
                at = offset + i
                line += chunk.count(b"\n", 0, i)
                break
            line += chunk.count(b"\n")
            offset += len(chunk)
            shape.feed(chunk)
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise WorkbookError(f"{path.name}: this is {what}, not a spreadsheet",
                                hint="perfkit reads .xlsx, .xlsm, .xls, .ods and .csv files.")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        raise WorkbookError(f"{path.name}: this is a web page (HTML) saved under a spreadsheet's name, as some systems export 'Excel' files",
                            hint="Open it in Excel and save it as an Excel Workbook (.xlsx), then run again.")
    if start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise WorkbookError(f"{path.name}: this is an Excel 2003 XML spreadsheet, which perfkit does not read",
                            hint="Open it in Excel and save it as an Excel Workbook (.xlsx), then run again.")
    if at < 0:
        shape.check(path.name, lim)
        return
    if not head.strip(b"\x00"):  # zeroed, not text: a copy or save that never finished, or a disk fault
        whole = "holds nothing but zero bytes" if size <= len(head) else f"begins with {len(head):,} zero bytes"
        raise WorkbookError(f"{path.name}: the file is damaged: it {whole} (character 0), as a copy or save that did not finish "
                            "leaves it, so it is not a spreadsheet any more",
                            hint="Copy or save the workbook again from where it came from (an email, a shared drive) and run again.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 8 and head.count(b"\x00") * 3 > len(head) and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)):
        raise WorkbookError(f"{path.name}: this is UTF-16 text (Excel's 'Unicode Text'), which perfkit does not read",
                            hint="In Excel use File > Save As > 'CSV UTF-8 (Comma delimited)' and run again.")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls * 10 > len(head):
        raise WorkbookError(f"{path.name}: this is a binary file, not a spreadsheet perfkit can read",
                            hint="perfkit reads .xlsx, .xlsm, .xls, .ods and .csv files; check you attached the right one.")
    raise WorkbookError(
        f"{path.name}: line {line} holds a NUL byte (character 0), which a CSV never does: the file is damaged or was not saved as text",
        hint="Open it in Excel or a text editor, save it again as 'CSV UTF-8 (Comma delimited)' and run again.",
    )


#: Excel's widest sheet; a CSV wider than this was not saved from a spreadsheet.
MAX_COLUMNS = 16_384


class _CsvShape:
    """Lines and the widest line's fields (for each possible delimiter), counted with numpy.

    Fields inside quotes count too, so this is a bound: the reader pads every row to the
    widest, so one line of 300,000 commas over a few thousand short ones is a vast table.
    """

    _DELIMITERS = (44, 59, 9, 124)  # , ; tab |

    def __init__(self):
        self.lines = 0
        self.widest = 0
        self.open = dict.fromkeys(self._DELIMITERS, 0)  # delimiters on the unfinished last line
        self.pending = False

    def feed(self, chunk: bytes) -> None:
        a = np.frombuffer(chunk, np.uint8)
        ends = np.flatnonzero(a == 10)
        self.lines += len(ends)
        for d in self._DELIMITERS:
            hits = np.flatnonzero(a == d)
            if not len(hits):
                if len(ends):  # the open line ends here with what it had
                    self.widest = max(self.widest, self.open[d])
                    self.open[d] = 0
                continue
            if len(ends):
                per_line = np.diff(np.searchsorted(hits, ends), prepend=0)
                per_line[0] += self.open[d]
                self.widest = max(self.widest, int(per_line.max()))
                self.open[d] = int(len(hits) - np.searchsorted(hits, ends[-1]))
            else:
                self.open[d] += len(hits)
        self.pending = not chunk.endswith(b"\n")

    def check(self, name: str, lim: Limits) -> None:
        lines = self.lines + (1 if self.pending else 0)
        widest = max(self.widest, *self.open.values()) + 1
        if widest > MAX_COLUMNS:
            raise WorkbookError(
                f"{name}: refused to read a line of {widest:,} fields, wider than any spreadsheet ({MAX_COLUMNS:,} columns)",
                hint="The file is damaged or not a table; open it in Excel, check it, save it again as CSV and run again.",
            )
        if lines * widest > lim.max_cells:
            raise _refuse(name, f"a CSV of {lines:,} lines by up to {widest:,} fields ({lines * widest:,} cells), "
                                f"over the {lim.max_cells:,} limit", "max_cells", lim, lines * widest)
        if lines > lim.max_rows:
            raise _refuse(name, f"a CSV of {lines:,} lines, over the {lim.max_rows:,}-row limit", "max_rows", lim, lines, why=LARGE)


def check_size(path, lim: Limits | None = None) -> None:
    """Refuse a legacy ``.xls`` (or any unzipped file) larger than ``max_csv_mb``."""
    path = Path(path)
    lim = lim or current_limits()
    size = path.stat().st_size
    if size > lim.max_csv_mb * MB:
        raise _refuse(path.name, f"a {size / MB:,.0f} MB file: over the {lim.max_csv_mb:g} MB limit", "max_csv_mb", lim)


def check_file(path, lim: Limits | None = None, keep: dict | None = None) -> dict[str, frozenset[str]] | None:
    """Check any spreadsheet file before it is parsed, by its content (never its name).

    For a zipped workbook, returns what :func:`check_zip` noted in its parts (and fills ``keep``
    as it does); for other files, None. ``lim`` defaults to :func:`current_limits` (a workbook's
    ``perfkit.toml`` may raise them: :func:`configured`).

    Raises
    ------
    WorkbookError
        One line naming the file (and the part) when it passes a limit or is not what it claims.

    Examples
    --------
    >>> check_file("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a FIFO would block for ever, a device never end
        raise WorkbookError(f"{path.name}: refused to read it: it is not a regular file (a folder, a pipe or a device)",
                            hint="Give the path of a saved .xlsx, .xls, .ods or .csv file.")
    with open(path, "rb") as fh:
        head = fh.read(8)
    lim = lim or current_limits()
    if head.startswith(b"PK\x03\x04"):
        return check_zip(path, lim, keep)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        check_size(path, lim)
    else:
        check_plain(path, lim)
    return None


@contextmanager
def csv_cells(name: str, text: str | None = None, lim: Limits | None = None):
    """Parse CSV text inside this block with cells bounded to ``max_cell_chars``; refuse longer ones with their line.

    Examples
    --------
    >>> import csv, io
    >>> with csv_cells("q2.csv"):
    ...     list(csv.reader(io.StringIO("a,b")))
    [['a', 'b']]
    """
    lim = lim or current_limits()
    before = csv.field_size_limit()
    csv.field_size_limit(max(1, int(lim.max_cell_chars)))
    try:
        yield lim
    except csv.Error as exc:
        where = ""
        if text is not None:
            where = _failing_line(text)
        if "field larger than field limit" in str(exc):
            raise WorkbookError(
                f"{name}: refused to read a cell{where} longer than {lim.max_cell_chars:,} characters",
                hint="A cell that long is not a performance return; " + how_to_raise("max_cell_chars", lim) + ".",
            ) from None
        raise WorkbookError(f"{name}: the CSV cannot be read{where} ({exc})",
                            hint="Open it in Excel, save it again as 'CSV UTF-8 (Comma delimited)' and run again.") from None
    finally:
        csv.field_size_limit(before)


class Built:
    """What the readers have built of one workbook so far, held to the limits sheet by sheet (its area from calamine's
    own count, before any Python object is made for it).

    The checks before parsing bound every format perfkit opens in a zip; this bounds the others (an ``.xls``, whose
    cells only calamine counts) and is the last word for all.

    Examples
    --------
    >>> built = Built("q2.xls", Limits(max_rows=100))
    >>> built.add("Q1", rows=60, cols=8)
    >>> try:
    ...     built.add("Q2", rows=60, cols=8)
    ... except WorkbookError as exc:
    ...     print(str(exc).splitlines()[0])
    q2.xls: refused to read sheet 'Q2': with the sheets before it the workbook runs to 120 rows, over the 100 limit for the whole workbook
    """

    def __init__(self, name: str, lim: Limits | None = None):
        self.name, self.lim = name, lim or current_limits()
        self.rows = self.cells = self.merges = 0

    def add(self, sheet: str, rows: int, cols: int, merges: int = 0) -> None:
        """Count one sheet's rows and columns (from A1) and merged ranges; refuse when the workbook passes a limit."""
        lim = self.lim
        self.rows += rows
        self.cells += rows * cols
        self.merges += merges
        where = f"sheet {sheet!r}: with the sheets before it the workbook"
        if self.cells > lim.max_cells:
            raise _refuse(self.name, f"{where} comes to {self.cells:,} cells (rows times columns from A1), over the "
                          f"{lim.max_cells:,} limit for the whole workbook", "max_cells", lim, self.cells)
        if self.rows > lim.max_rows:
            raise _refuse(self.name, f"{where} runs to {self.rows:,} rows, over the {lim.max_rows:,} limit for the whole workbook",
                          "max_rows", lim, self.rows, why=LARGE)
        if self.merges > lim.max_merges:
            raise _refuse(self.name, f"{where} holds {self.merges:,} merged ranges, over the {lim.max_merges:,} limit for the "
                          "whole workbook", "max_merges", lim, self.merges)


def check_cells(rows: list[list], sheet: str, name: str, lim: Limits | None = None) -> list[list]:
    """Return ``rows`` unchanged if no text cell is longer than ``max_cell_chars``; else refuse naming the cell.

    Examples
    --------
    >>> check_cells([["Ref", "x" * 10]], "q2", "q2.csv", Limits(max_cell_chars=5))
    Traceback (most recent call last):
    ...
    perfkit.core.errors.WorkbookError: q2.csv: refused to read cell q2!B1: it holds 10 characters, over the 5 limit
    A cell that long is not a performance return; if the file is genuine, raise the limit in perfkit.toml ([limits] cell_chars = 13), with --limit cell_chars=13 or with PERFKIT_MAX_CELL_CHARS (now 5), and run again.
    """
    lim = lim or current_limits()
    cap = int(lim.max_cell_chars)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str) and len(v) > cap:
                raise WorkbookError(
                    f"{name}: refused to read cell {cell_name(sheet, r, c)}: it holds {len(v):,} characters, over the {cap:,} limit",
                    hint="A cell that long is not a performance return; " + how_to_raise("max_cell_chars", lim, len(v)) + ".",
                )
    return rows


def _failing_line(text: str) -> str:
    reader = csv.reader(io.StringIO(text))
    done = 0  # the last line of the last record read whole: the failing record starts on the next
    try:
        for _ in reader:
            done = reader.line_num
    except csv.Error:
        return f" (line {done + 1})"
    return ""


# --------------------------------------------------------------------------- safe outputs


def formula_risk(value) -> bool:
    """True when ``value`` is text a spreadsheet program could read as a formula: at its start, or at the start of any line in it.

    Numbers (and anything not text) are never at risk: ``-5`` stays a number.

    Examples
    --------
    >>> formula_risk("=1+1"), formula_risk("@SUM(A1)"), formula_risk("\\t=1"), formula_risk(-5), formula_risk("5 - 3")
    (True, True, True, False, False)
    >>> formula_risk("On track\\r=cmd|' /C calc'!A0")
    True
    """
    return isinstance(value, str) and (value.startswith(FORMULA_START) or _LINE_FORMULA.search(value) is not None)


# A line break followed by what starts a formula: a spreadsheet reading the text line by line sees a formula there.
_LINE_FORMULA = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029](?=[=+\-@\t\r])")


def neutralise(value):
    """``value`` made safe for a spreadsheet cell: text that would start a formula, at its start or at the
    start of any line in it, gets a leading ``'`` there.

    This is OWASP's advice for CSV injection; the quote shows in the cell, so the
    text reads as written and never runs. Anything that is not text is returned as is.

    Examples
    --------
    >>> neutralise("+44 1632 960000"), neutralise(3.5)
    ("'+44 1632 960000", 3.5)
    >>> neutralise("Done\\n=HYPERLINK(1)")
    "Done\\n'=HYPERLINK(1)"
    """
    if not formula_risk(value):
        return value
    value = _LINE_FORMULA.sub(lambda m: m.group(0) + "'", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def neutralise_frame(frame):
    """A copy of ``frame`` with every text cell passed through :func:`neutralise` (numbers untouched).

    Examples
    --------
    >>> import pandas as pd
    >>> neutralise_frame(pd.DataFrame({"a": ["=cmd|' /C calc'!A0", "ok"], "n": [-1, 2]}))["a"].tolist()
    ["'=cmd|' /C calc'!A0", 'ok']
    """

    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = s.cat.categories
            if any(formula_risk(c) for c in cats):
                out[col] = s.cat.rename_categories([neutralise(c) for c in cats])
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            if s.map(formula_risk, na_action="ignore").fillna(False).astype(bool).any():
                out[col] = s.map(neutralise, na_action="ignore")
    for col in list(out.columns):
        if formula_risk(col):
            out = out.rename(columns={col: neutralise(col)})
    return out
