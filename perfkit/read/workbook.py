"""Opening spreadsheet files: values with python-calamine, formatting with openpyxl only when needed.

:func:`open_workbook` checks what the file really is (an .xlsx that is really a
CSV loads as a CSV; an encrypted or corrupt file gets one clear line naming it)
and returns a :class:`Workbook` whose sheets give their cell values as rows.
Formula errors, which calamine reads as empty, are found from the sheet's XML;
fill colours are read with openpyxl for just the cells that ask for them.

Examples
--------
>>> from perfkit.core.errors import cell_name
>>> cell_name("Appendix 1", 5, 5)
'Appendix 1!F6'
"""

from __future__ import annotations

import datetime as _dt
import csv
import io
import os
import re
import warnings
import zipfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import python_calamine as pc

from perfkit.core.config import load_config
from perfkit.core.errors import WorkbookError
from perfkit.core.status import status_from_colour
from perfkit.read.safety import Built, Limits, check_cells, check_file, configured, csv_cells
from perfkit.read.styles import SOLID, CellFormats, sheet_formats, shown_date, style_table
from xml.etree import ElementTree as ET
import pandas as pd

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv"}


@dataclass
class Sheet:
    """One sheet's values as a list of rows (0-based; ``""`` for an empty cell)."""

    name: str
    rows: list[list]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    book: "Workbook | None" = None

    def fills(self, cells) -> dict[tuple[int, int], str]:
        """Fill colours (RRGGBB or AARRGGBB) of the given (row, col) cells that have a solid fill."""
        return self.book._fills(self.name, cells) if self.book else {}

    def percent_cells(self, rows: list[int], cols: list[int]) -> set[tuple[int, int]]:
        """The (row, col) cells among these whose number format shows a percentage (``0.0%``)."""
        return self.book._percent_cells(self.name, rows, cols) if self.book else set()

    def shown_numbers(self, rows: list[int], col: int) -> dict[tuple[int, int], str]:
        """Whole numbers of one column as their number format shows them, where it pads them (``007`` for 7 in ``000``).

        Only .xlsx formats are read, and openpyxl is loaded only when the styles hold such a format.
        """
        return self.book._shown_numbers(self.name, rows, col) if self.book else {}

    def struck(self, cells) -> set[tuple[int, int]]:
        """The (row, col) cells among these whose text is struck through (.xlsx only, with openpyxl: asked only where the
        workbook says what striking through means)."""
        return self.book._struck(self.name, cells) if self.book else set()

    def font_colours(self, cells) -> dict[tuple[int, int], str]:
        """The colour of the text (RRGGBB or AARRGGBB) of the given (row, col) cells that set one (.xlsx only, with
        openpyxl: asked only of a status column's marks, a ● whose colour is its status)."""
        return self.book._font_colours(self.name, cells) if self.book else {}

    def shown_dates(self, row: int) -> dict[int, str]:
        """The dates of one row as Excel shows them (``Apr-24`` in a cell formatted ``mmm-yy``): ``{col: text}``.

        Only .xlsx formats are read, with openpyxl: it is asked by ``perfkit init`` of a header row, never in a read.
        """
        return self.book._shown_dates(self.name, row) if self.book else {}

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """Where a cell of these rows is in the workbook: itself, except in a rearranged view of a sheet
        (a transposed table read the other way round, :mod:`perfkit.read.workbook_layouts`)."""
        return row, col


class Workbook:
    """A spreadsheet file opened for reading. Use :func:`open_workbook`."""

    def __init__(self, path: Path, kind: str, calamine=None, text: str | None = None):
        self.path = path
        self.kind = kind
        self._calamine = calamine
        self._text = text
        self._openpyxl = None
        self._cell_formats: dict[str, CellFormats] = {}
        self._percent_index: dict[str, dict[int, list[int]]] = {}
        self._built: Built | None = None  # what the sheets read so far come to, held to the limits
        self._sheets: dict[str, Sheet] = {}
        self._marks: dict[str, frozenset[str]] | None = None  # what the safety pass noted per part; None: not known
        self._kept: dict[str, bytes | list[bytes]] = {}  # parts inflated already (by the safety pass, or for a second look)
        self.limits: Limits | None = None  # the limits it was checked within (perfkit.toml's [limits] included)

    @property
    def sheet_names(self) -> list[str]:
        if self.kind == "csv":
            return [self.path.stem]
        return list(self._calamine.sheet_names)

    @property
    def hidden_sheets(self) -> set[str]:
        """Names of the sheets Excel hides (hidden or very hidden)."""
        if self.kind == "csv":
            return set()
        try:
            return {m.name for m in self._calamine.sheets_metadata if str(m.visible).rsplit(".", 1)[-1].lower() != "visible"}
        except Exception:  # older calamine or a format without visibility
            return set()

    def forget_sheets(self) -> None:
        """Let go of the sheets read so far, once a read is done with them (one asked for again is read again).

        Each sheet holds its workbook, so the pair would otherwise wait, rows and all, for the garbage collector's
        next full pass to be freed (a cycle), rather than going as the last reference to the workbook does.
        """
        self._sheets.clear()

    def sheet(self, name: str) -> Sheet:
        """One sheet's values, read once per workbook."""
        if name not in self._sheets:
            self._sheets[name] = self._read_sheet(name)
        return self._sheets[name]

    def _read_sheet(self, name: str) -> Sheet:
        if self._built is None:
            self._built = Built(self.path.name, self.limits)
        if self.kind == "csv":
            with csv_cells(self.path.name, self._text, self.limits):  # bounded cells, CSV errors with their line
                rows = _csv_rows(self._text, self.path.name)
            self._built.add(name, len(rows), max(map(len, rows), default=0))
            return Sheet(name, check_cells(rows, name, self.path.name, self.limits), book=self)
        try:
            s = self._calamine.get_sheet_by_name(name)
            end = s.end
        except Exception as exc:  # calamine's errors for broken sheets
            raise WorkbookError(f"{self.path.name}: sheet {name!r} cannot be read ({exc})") from None
        # held to the limits as calamine counts it, before a Python object is made for any cell
        self._built.add(name, end[0] + 1 if end else 0, end[1] + 1 if end else 0)
        try:
            rows = s.to_python(skip_empty_area=False)
            merged = list(getattr(s, "merged_cell_ranges", None) or [])
        except Exception as exc:  # calamine's errors for broken sheets
            raise WorkbookError(f"{self.path.name}: sheet {name!r} cannot be read ({exc})") from None
        self._built.add(name, 0, 0, len(merged))
        errors = self._error_cells.get(name, {})
        return Sheet(name, rows, merged, errors, self)

    @cached_property
    def _error_cells(self) -> dict[str, dict[tuple[int, int], str]]:
        """Formula-error cells per sheet (calamine gives them as empty, or as 0 in .ods)."""
        if self.kind == "ods":
            return self._ods_scan[0]
        if self.kind == "xls":
            return _xls_errors(self.path)
        if self.kind != "xlsx":
            return {}
        out: dict[str, dict[tuple[int, int], str]] = {}
        for name, data in self._marked_sheets("errors", b't="e"'):
            found = {}
            for m in _ERROR_CELL.finditer(data):
                ref = re.search(rb'\br="([A-Z]+)(\d+)"', m.group(1))
                if ref:
                    found[(int(ref[2]) - 1, col_index(ref[1].decode()))] = m.group(2).decode()
            out[name] = found
        return out

    def hidden_rows(self, name: str) -> set[int]:
        """The rows (0-based) Excel hides in a sheet: read like any other, so an item there may be counted unseen.

        Only .xlsx says so in a way read here.
        """
        return self._hidden_rows.get(name, set()) if self.kind == "xlsx" else set()

    @cached_property
    def _hidden_rows(self) -> dict[str, set[int]]:
        out: dict[str, set[int]] = {}
        for name, data in self._marked_sheets("hidden", b"hidden="):
            for tag in _ROW_TAG.finditer(data):
                ref = re.search(rb'\br="(\d+)"', tag.group(1)) if _HIDDEN.search(tag.group(1)) else None
                if ref:
                    out.setdefault(name, set()).add(int(ref[1]) - 1)
        return out

    @property
    def may_hold_controls(self) -> bool:
        """Whether any part of the workbook may hold a control character no cell can hold (False only when the safety
        pass inflated every part and found none: then no column need be searched for one)."""
        return self._marks is None or any("controls" in m for m in self._marks.values())

    def _marked_sheets(self, mark: str, literal: bytes):
        """(sheet name, XML) of an .xlsx's sheets holding ``literal``, inflating again only those the safety pass marked.

        ``mark`` is the :data:`perfkit.read.safety.MARKS` entry; when the safety pass's notes are
        not known, or a sheet's part is not found under its name, every sheet is searched.
        """
        if self._marks is not None and not any(mark in m for m in self._marks.values()):
            return  # no part has any: nothing to inflate again
        members, parts = self._members
        for name, member in members.items():
            if self._marks is not None and member in parts and mark not in self._marks.get(member, ()):
                continue  # the safety pass inflated it and noted nothing of the kind
            data = self._part(member)
            if literal in data:
                yield name, data

    @cached_property
    def _members(self) -> tuple[dict[str, str], set[str]]:
        """An .xlsx's sheets' parts by sheet name, and the names of all its parts."""
        try:
            with zipfile.ZipFile(self.path) as z:
                return sheet_members(z), set(z.namelist())
        except (zipfile.BadZipFile, KeyError, OSError):
            return {}, set()

    def _part(self, member: str) -> bytes:
        """One part of the zip, inflated: as the safety pass kept it, else inflated again (and kept)."""
        kept = self._kept.get(member)
        if isinstance(kept, list):  # the chunks the safety pass inflated, joined once
            kept = self._kept[member] = b"".join(kept)
        if kept is None:
            try:
                with zipfile.ZipFile(self.path) as z:
                    kept = self._kept[member] = z.read(member)
            except (zipfile.BadZipFile, KeyError, OSError):
                return b""
        return kept

    def _sheet_xml(self, sheet: str) -> bytes:
        """An .xlsx sheet's XML (``b""`` for other formats, or a sheet whose part is not found)."""
        if self.kind != "xlsx":
            return b""
        member = self._members[0].get(sheet)
        return self._part(member) if member else b""

    def sheet_formulas(self, name: str) -> dict[tuple[int, int], str]:
        """The formulas of an .xlsx sheet by (row, col), as stored (``COUNTIF(Adults!E:E,"Red")``); ``{}`` for other formats.

        Only the sheets the safety pass marked as holding formulas are inflated again, once per
        workbook. A cell sharing another's formula (``<f t="shared" si="0"/>``) gets that formula's text.
        """
        if self.kind != "xlsx":
            return {}
        return self._formulas.get(name, {})

    @cached_property
    def _formulas(self) -> dict[str, dict[tuple[int, int], str]]:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for name, data in self._marked_sheets("formulas", b"<f"):
            found: dict[tuple[int, int], str] = {}
            shared: dict[bytes, str] = {}
            for m in _FORMULA_CELL.finditer(data):
                ref = re.search(rb'\br="([A-Z]+)(\d+)"', m.group(1))
                if not ref:
                    continue
                si = re.search(rb'\bsi="(\d+)"', m.group(2))
                text = _unescape(m.group(3).decode("utf-8", "replace")) if m.group(3) is not None else None
                if text is not None and si is not None:
                    shared.setdefault(si[1], text)
                if text is None and si is not None:
                    text = shared.get(si[1], "")
                found[(int(ref[2]) - 1, col_index(ref[1].decode()))] = text or ""
            out[name] = found
        return out

    def formatted(self):
        """The workbook as openpyxl reads it (read-only, cached values): its formats, fills and data validation."""
        if self._openpyxl is None:
            import openpyxl  # deferred: an optional reader, loaded only for the files that need it

            try:  # from the file's bytes, so that openpyxl goes by the content, not the name, and no file is left open
                with quiet_openpyxl():
                    self._openpyxl = openpyxl.load_workbook(io.BytesIO(self.path.read_bytes()), read_only=True, data_only=True)
            except Exception as exc:
                raise WorkbookError(f"{self.path.name}: the cell formats cannot be read ({exc})", hint="Save the workbook again from Excel.") from None
        return self._openpyxl

    @cached_property
    def _styles_xml(self) -> bytes | None:
        """An .xlsx's styles part, or None where it has none (a workbook written by some programs: no formats at all)."""
        try:
            with zipfile.ZipFile(self.path) as z:
                member = next((n for n in z.namelist() if n.lower().endswith("styles.xml")), None)
                return z.read(member) if member else None
        except (zipfile.BadZipFile, KeyError, OSError):
            return None

    @cached_property
    def padded_formats(self) -> bool:
        """Whether an .xlsx's styles hold a number format that shows whole numbers with leading zeros (``000``, ``"PI"000``)."""
        if self.kind != "xlsx" or not self._styles_xml:
            return False
        codes = re.findall(rb'<(?:\w+:)?numFmt\b[^>]*\bformatCode="([^"]*)"', self._styles_xml)
        return any(shown_number(1, _unescape(c.decode("utf-8", "replace"))) not in (None, "1") for c in codes)

    @cached_property
    def has_struck_fonts(self) -> bool:
        """Whether an .xlsx's styles hold a font struck through, read from its styles part alone: only then is a sheet's
        text asked (openpyxl) whether it is struck through."""
        if self.kind != "xlsx":
            return False
        return bool(re.search(rb'<(?:\w+:)?strike\b(?![^>]*\bval="(?:0|false)")', self._styles_xml or b""))

    @cached_property
    def has_status_fills(self) -> bool:
        """Whether an .xlsx's styles hold a solid fill of a status colour (red, amber, green, blue), read from its styles part alone.

        Only then are a status column's fills read (openpyxl) to check them against its words; a workbook with
        no such fill never loads openpyxl for it.
        """
        if self.kind != "xlsx":
            return False
        data = self._styles_xml or b""
        for m in re.finditer(rb'<(?:\w+:)?patternFill[^>]*patternType="solid"[^>]*>(.*?)</(?:\w+:)?patternFill>', data, re.S):
            rgb = re.search(rb'<(?:\w+:)?fgColor[^>]*\brgb="([0-9A-Fa-f]{6,8})"', m.group(1))
            idx = re.search(rb'<(?:\w+:)?fgColor[^>]*\bindexed="(\d+)"', m.group(1))
            if rgb and status_from_colour(rgb.group(1).decode()):
                return True
            if idx and int(idx.group(1)) in (2, 3, 5, 10, 11, 12, 13, 17, 50, 51, 52, 53):  # Excel's indexed reds, greens, yellows, blues
                return True
        return False

    def unsaved_formula_cells(self, sheet: str) -> set[tuple[int, int]]:
        """(row, col) of the cells of an .xlsx sheet holding a formula with no saved value, which calamine reads as empty.

        Found once per sheet (the sheet's XML is inflated again only where the safety pass saw formulas).
        """
        if self.kind != "xlsx":
            return set()
        if sheet not in self._unsaved:
            self._unsaved[sheet] = self._find_unsaved(sheet)
        return self._unsaved[sheet]

    @cached_property
    def _unsaved(self) -> dict[str, set[tuple[int, int]]]:
        return {}

    def _find_unsaved(self, sheet: str) -> set[tuple[int, int]]:
        data = next((xml for name, xml in self._marked_sheets("formulas", b"<f") if name == sheet), b"")  # no formula, nothing to find
        out = set()
        for m in re.finditer(rb'<c\b[^>]*\br="([A-Z]+)(\d+)"[^>]*>(.*?)</c>', data, re.S):
            body = m.group(3)
            if b"<f" in body and not re.search(rb"<v>[^<]+</v>", body):
                out.add((int(m.group(2)) - 1, col_index(m.group(1).decode())))
        return out

    def list_validations(self, sheet: str) -> list[tuple[list[tuple[int, int, int, int]], str]]:
        """The drop-down lists of an .xlsx sheet (data validation of type list): ``(ranges, source)`` each.

        ``ranges`` are the cells the list applies to, ``(row1, col1, row2, col2)`` 0-based; ``source`` is the
        list as stored: typed in the rule (``"Complete,On schedule"``, with its quotes), a range
        (``Lookups!$A$2:$A$6``) or a defined name. Both the ordinary rules and Excel 2010's (which
        openpyxl drops) are read, from the sheet's XML, without openpyxl. ``[]`` for other formats.
        """
        if self.kind != "xlsx":
            return []
        if sheet not in self._validations:
            self._validations[sheet] = self._read_validations(sheet)
        return self._validations[sheet]

    @cached_property
    def _validations(self) -> dict:
        return {}

    def _read_validations(self, sheet: str) -> list:
        data = self._sheet_xml(sheet)
        at = data.find(b"dataValidation")
        if at < 0:
            return []
        out = []
        for m in _VALIDATION.finditer(data, max(at - 8, 0)):
            attrs, body = m.group(1), m.group(2)
            if not re.search(rb'\btype="list"', attrs):
                continue
            sqref = re.search(rb'\bsqref="([^"]*)"', attrs) or re.search(rb"<(?:\w+:)?sqref>([^<]*)</", body)
            source = re.search(rb"<(?:\w+:)?formula1>\s*(?:<(?:\w+:)?f>)?([^<]*)", body)
            if not sqref or not source:
                continue
            ranges = [r for r in (cell_range(ref) for ref in sqref[1].decode("utf-8", "replace").split()) if r is not None]
            if ranges:
                out.append((ranges, _unescape(source[1].decode("utf-8", "replace")).strip()))
        return out

    @cached_property
    def defined_names(self) -> dict[str, str]:
        """The workbook's defined names (``StatusList`` -> ``'Look ups'!$A$2:$A$6``) of an .xlsx; ``{}`` for other formats."""
        if self.kind != "xlsx":
            return {}
        try:
            with zipfile.ZipFile(self.path) as z:
                wb = z.read("xl/workbook.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError, OSError):
            return {}
        return {_unescape(m[1]): _unescape(m[2]).strip() for m in re.finditer(r'<(?:\w+:)?definedName\b[^>]*\bname="([^"]+)"[^>]*>([^<]*)<', wb)}

    @cached_property
    def _ods_scan(self):
        kept = self._kept.get("content.xml")
        return _ods_scan(self.path, b"".join(kept) if isinstance(kept, list) else kept)

    def _percent_cells(self, sheet: str, rows: list[int], cols: list[int]) -> set[tuple[int, int]]:
        if self.kind == "ods":
            lo, hi, wanted = min(rows, default=0), max(rows, default=-1), set(cols)
            return {(r, c) for r, c in self._ods_scan[1].get(sheet, ()) if lo <= r <= hi and c in wanted}
        if self.kind != "xlsx" or not rows or not cols or self._styles_xml is None:
            return set()
        lo, hi = min(rows), max(rows)
        shown = self._percent_rows(sheet)
        return {(r, c) for c in set(cols) for r in shown.get(c, ()) if lo <= r <= hi}

    def _percent_rows(self, sheet: str) -> dict[int, list[int]]:
        """Each column's rows whose number is shown as a percentage: one pass over a sheet's numbers, however many
        columns are asked about (a plan's % complete, one column per period)."""
        if sheet not in self._percent_index:
            by_col: dict[int, list[int]] = {}
            for (r, c), (fmt, _) in self._formats(sheet).numbers.items():
                if _shows_percent(fmt):
                    by_col.setdefault(c, []).append(r)
            self._percent_index[sheet] = by_col
        return self._percent_index[sheet]

    def _fonts(self, sheet: str, cells):
        """The font of each of the given (row, col) cells that has one, as ((row, col), font), read with openpyxl over the
        rows they span (.xlsx only): what struck-through text and coloured marks are asked of."""
        cells = set(cells)
        if self.kind != "xlsx" or not cells:
            return
        rows = sorted({r for r, _ in cells})
        with self._reading_formats(sheet):
            ws = self.formatted()[sheet]
            for r_idx, row in enumerate(ws.iter_rows(min_row=rows[0] + 1, max_row=rows[-1] + 1), start=rows[0]):
                for cell in row:
                    col = getattr(cell, "column", None)
                    if col is not None and (r_idx, col - 1) in cells and cell.font is not None:
                        yield (r_idx, col - 1), cell.font

    def _struck(self, sheet: str, cells) -> set[tuple[int, int]]:
        return {rc for rc, font in self._fonts(sheet, cells) if font.strike}

    def _font_colours(self, sheet: str, cells) -> dict[tuple[int, int], str]:
        return {rc: font.color.rgb for rc, font in self._fonts(sheet, cells)
                if font.color is not None and font.color.type == "rgb" and isinstance(font.color.rgb, str)}

    def _shown_dates(self, sheet: str, row: int) -> dict[int, str]:
        if self.kind != "xlsx" or not any(isinstance(v, (_dt.date, _dt.datetime)) for v in self.sheet(sheet).rows[row]):
            return {}
        with self._reading_formats(sheet):
            ws = self.formatted()[sheet]
            cells = next(ws.iter_rows(min_row=row + 1, max_row=row + 1), ())
            out = {}
            for cell in cells:
                col = getattr(cell, "column", None)
                if col is not None and isinstance(cell.value, (_dt.date, _dt.datetime)):
                    shown = shown_date(cell.value, cell.number_format or "")
                    if shown:
                        out[col - 1] = shown
        return out

    def _shown_numbers(self, sheet: str, rows: list[int], col: int) -> dict[tuple[int, int], str]:
        if self.kind != "xlsx" or not rows or not self.padded_formats:
            return {}
        numbers = self._formats(sheet).numbers
        out = {}
        for r in set(rows):
            fmt, v = numbers.get((r, col), ("", None))
            if not isinstance(v, bool) and isinstance(v, (int, float)):
                shown = shown_number(v, fmt)
                if shown is not None:
                    out[(r, col)] = shown
        return out

    @contextmanager
    def _reading_formats(self, sheet: str):
        """openpyxl's cell formats read quietly, and a cell whose style the file does not hold refused in one line."""
        try:
            with quiet_openpyxl():
                yield
        except (IndexError, KeyError) as exc:
            raise WorkbookError(f"{self.path.name}: the cell formats of sheet {sheet!r} cannot be read: a cell names a style the "
                                f"file does not hold ({type(exc).__name__}: {exc}); the file is damaged or was not saved by Excel",
                                hint="Open it in Excel or LibreOffice, save it again as .xlsx and run again.") from None

    def _fills(self, sheet: str, cells) -> dict[tuple[int, int], str]:
        if self.kind != "xlsx" or self._styles_xml is None:  # no styles part: no cell has a fill
            return {}
        cells = set(cells)
        if not cells:
            return {}
        fills = self._formats(sheet).fills
        return {rc: fills[rc] for rc in cells if rc in fills} if len(cells) < len(fills) else \
            {rc: rgb for rc, rgb in fills.items() if rc in cells}

    def _formats(self, sheet: str) -> CellFormats:
        """A sheet's fills and number formats, read once: every cell that asks for either is looked up here.

        Read from the sheet's XML and the styles part (:mod:`perfkit.read.styles`), or, where the file is
        written otherwise than spreadsheet programs write it, with openpyxl, which takes some 40 microseconds
        a cell and parses a sheet from its top each time it is asked for rows: hence once per sheet (not once
        per question: the status columns, then their keys, then the percentages).
        """
        if sheet not in self._cell_formats:
            found = sheet_formats(self._sheet_xml(sheet), self._style_table)
            if found is None:
                ws = self.formatted()[sheet]
                with self._reading_formats(sheet):
                    found = cell_formats(ws)
            self._cell_formats[sheet] = found
        return self._cell_formats[sheet]

    @cached_property
    def _style_table(self):
        return style_table(self._styles_xml)


def cell_formats(ws) -> CellFormats:
    """One pass over an openpyxl read-only sheet: every solid fill, and the number format of every number not General.

    The sheet's recorded size (``<dimension>``) is not trusted: one that claims XFD1048576 would make openpyxl pad
    every row to 16,384 cells.
    """
    out = CellFormats()
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    index = None
    for r_idx, row in enumerate(ws.iter_rows(min_row=1)):
        for cell in row:
            col = getattr(cell, "column", None)
            if col is None:
                continue
            v = cell.value
            if v.__class__ in (int, float):
                fmt = cell.number_format or ""
                if fmt and fmt != "General":
                    out.numbers[(r_idx, col - 1)] = (fmt, v)
            fill = cell.fill
            if fill is None or fill.fill_type not in SOLID:
                continue
            colour = fill.fgColor
            if colour is not None and colour.type == "rgb" and isinstance(colour.rgb, str):
                out.fills[(r_idx, col - 1)] = colour.rgb
            elif colour is not None and colour.type == "indexed":
                if index is None:
                    from openpyxl.styles.colors import COLOR_INDEX as index  # deferred: an optional reader, loaded only for the files that need it
                if colour.indexed is not None and colour.indexed < len(index):
                    out.fills[(r_idx, col - 1)] = index[colour.indexed]
    return out


@lru_cache(maxsize=256)
def _shows_percent(code: str) -> bool:
    """Whether a number format shows a percentage (a ``%`` outside quotes and escapes): asked once per format, not per cell."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


@contextmanager
def quiet_openpyxl():
    """openpyxl's warnings about what it does not read (``Data Validation extension is not supported and will be
    removed``, conditional formatting, a missing default style) kept off the officer's screen: perfkit reads those
    parts itself where they matter (Excel 2010's drop-downs, :meth:`Workbook.list_validations`), and the file is never
    changed."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        yield


_LITERAL = re.compile(r'"([^"]*)"|\\(.)')


def shown_number(value, code: str) -> str | None:
    """A whole number as a number format that pads it with zeros shows it; None for any other format or number.

    Only the simple formats that references use are read: digits ``0`` and ``#``, with text before or after
    in quotes or escaped (``"PI"000``, ``\\M00``).

    Examples
    --------
    >>> shown_number(7, "000"), shown_number(12, '"PI"000'), shown_number(7, "General"), shown_number(7.5, "000")
    ('007', 'PI012', None, None)
    """
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if not isinstance(value, int) or value < 0:
        return None
    first = code.split(";", 1)[0]
    m = re.fullmatch(r'((?:"[^"]*"|\\.)*)([0#]+)((?:"[^"]*"|\\.)*)', first)
    if not m or "0" not in m[2]:
        return None
    text = str(value).zfill(m[2].count("0"))
    return "".join(a or b for a, b in _LITERAL.findall(m[1])) + text + "".join(a or b for a, b in _LITERAL.findall(m[3]))


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:%s:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


def _ods_scan(path: Path, content: bytes | None = None) -> tuple[dict, dict]:
    """Error cells and percentage cells of an OpenDocument spreadsheet, from content.xml (``content``, where the safety
    pass kept it inflated).

    calamine reads an error cell as blank or 0 and a percentage cell as its fraction;
    the standard library's XML parser finds both, per sheet, as (row, col).
    """

    table, tab = _ODS % "table", _ODS % "table"
    value_type = _ODS % "office" + "value-type"
    out: dict[str, dict[tuple[int, int], str]] = {}
    percents: dict[str, set] = {}
    name, r, c, row_reps = None, 0, 0, 1
    try:
        with (nullcontext(io.BytesIO(content)) if content is not None else _content_xml(path)) as fh:
            for event, el in ET.iterparse(fh, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == table + "table":
                        name, r = el.get(tab + "name"), 0
                    elif tag == table + "table-row":
                        c, row_reps = 0, int(el.get(tab + "number-rows-repeated", "1"))
                    continue
                if tag in (table + "table-cell", table + "covered-table-cell"):
                    reps = int(el.get(tab + "number-columns-repeated", "1"))
                    if el.get(_CALCEXT) == "error" and name is not None:
                        value = "".join(el.itertext()).strip() or "#ERROR"
                        for k in range(min(reps, 1000)):
                            out.setdefault(name, {})[(r, c + k)] = value
                    elif el.get(value_type) == "percentage" and name is not None:
                        for k in range(min(reps, 1000)):
                            percents.setdefault(name, set()).add((r, c + k))
                    c += reps
                    el.clear()
                elif tag == table + "table-row":
                    r += row_reps
                    el.clear()
    except (zipfile.BadZipFile, KeyError, OSError, ET.ParseError, ValueError):
        return out, percents
    return out, percents


@contextmanager
def _content_xml(path: Path):
    with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
        yield fh


def _xls_errors(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Error cells of a legacy .xls workbook, read with xlrd (calamine reads them as empty)."""
    try:
        import xlrd  # deferred: an optional reader, loaded only for the files that need it
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        for sheet in book.sheets():
            found = {}
            for r in range(sheet.nrows):
                types = sheet.row_types(r)
                if xlrd.XL_CELL_ERROR in types:
                    values = sheet.row_values(r)
                    for c, t in enumerate(types):
                        if t == xlrd.XL_CELL_ERROR:
                            found[(r, c)] = xlrd.error_text_from_code.get(values[c], "#ERROR")
            if found:
                out[sheet.name] = found
    except Exception:  # xlrd's errors for damaged files: calamine has already read the values
        return out
    return out


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>\s*<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.DOTALL)
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_VALIDATION = re.compile(rb"<(?:\w+:)?dataValidation\b((?:[^>/]|/(?!>))*)>(.*?)</(?:\w+:)?dataValidation>", re.DOTALL)
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f[^>]*/>|<f[^>]*>.*?</f>)?<v>([^<]*)</v>', re.S)


def col_index(letters: str) -> int:
    """A column's letters as its 0-based index: ``A`` -> 0, ``AB`` -> 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_range(ref: str) -> tuple[int, int, int, int] | None:
    """``F6:F40`` (or ``$F$6``, or ``F6``) as 0-based ``(row1, col1, row2, col2)``; None for anything else (a whole column)."""
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?", ref.strip().upper())
    if not m:
        return None
    c1, r1 = col_index(m[1]), int(m[2]) - 1
    c2, r2 = (col_index(m[3]), int(m[4]) - 1) if m[3] else (c1, r1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet names to their XML part inside an xlsx."""
    wb = z.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = m.group(0)
        rid = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            t = target[1].lstrip("/")
            targets[rid[1]] = t if t.startswith("xl/") else "xl/" + t
    out = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", wb):
        tag = m.group(0)
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]+)"', tag) or re.search(r'\b\w+:id="([^"]+)"', tag)
        if name and rid and rid[1] in targets:
            out[_unescape(name[1])] = targets[rid[1]]
    return out


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def _csv_rows(text: str, name: str = "the file") -> list[list]:
    """A CSV's cells as rows, by pandas' reader: quoted fields with newlines, ``;`` or tab delimiters, ragged rows.

    Every cell stays text (as typed); the readers parse numbers and dates themselves.
    """

    sep = _delimiter(text)
    opts = dict(sep=sep, header=None, dtype=str, keep_default_na=False, skip_blank_lines=False, quotechar='"')
    try:
        try:
            frame = pd.read_csv(io.StringIO(text), **opts)
        except pd.errors.ParserError:  # ragged rows: give pandas the widest row's width
            width = max((len(r) for r in csv.reader(io.StringIO(text), delimiter=sep)), default=1)
            frame = pd.read_csv(io.StringIO(text), names=range(width), engine="python", **opts)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise WorkbookError(f"{name}: the CSV cannot be read ({exc})", hint="Open it in Excel and save it again as CSV.") from None
    rows = frame.to_numpy(dtype=object).tolist()
    while rows and all(v == "" for v in rows[-1]):
        rows.pop()
    return rows


def _delimiter(text: str) -> str:
    """The delimiter of a CSV: whichever of , ; tab | appears most in its first line outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def open_workbook(path, config=None) -> Workbook:
    """Open a spreadsheet file, whatever its name claims it is, within the limits of :mod:`perfkit.read.safety`.

    ``config`` (a path, dict or Config; by default the ``perfkit.toml`` beside the workbook)
    may raise those limits in its ``[limits]`` table.

    Raises
    ------
    WorkbookError
        One line naming the file when it is missing, empty, encrypted, corrupt or
        not a spreadsheet.
    """
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"{path}: no such file", hint="Check the path; workbooks usually live in data/raw/.")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a spreadsheet file")
    if not path.is_file():  # a named pipe would block for ever, a device never end
        raise WorkbookError(f"{path.name}: refused to read it: it is not a regular file (a pipe or a device)",
                            hint="Give the path of a saved .xlsx, .xls, .ods or .csv file.")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise WorkbookError(f"{path.name}: the file is empty (0 bytes)", hint="Save the workbook again from Excel.")
    lim = configured(load_config(config, workbook=path).limits)
    kept: dict = {}  # the sheets' XML as the check inflates it: the reader's own looks at a sheet need not inflate it again
    marked = check_file(path, lim, kept)  # bounded: refuses zip bombs, entity payloads, huge or binary "CSV" files before any parser runs
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            raise WorkbookError(f"{path.name}: the file is corrupt (a damaged Excel zip)", hint="Save the workbook again from Excel.") from None
        if "content.xml" in names:
            kind = "ods"
        elif "xl/workbook.xml" in names:
            kind = "xlsx"
        else:
            raise not_a_workbook_zip(path.name, names)
        book = _calamine(path, kind)
        book._marks = marked  # the parts with formula-error cells or hidden rows, noted by that check
        book._kept = kept
        book.limits = lim
        return book
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        with open(path, "rb") as fh:
            blob = fh.read()
        if "EncryptedPackage".encode("utf-16-le") in blob or b"EncryptedPackage" in blob:
            raise WorkbookError(
                f"{path.name}: the workbook is password-protected (encrypted)",
                hint="Open it in Excel, remove the password (File > Info > Protect Workbook), save and try again.",
            )
        book = _calamine(path, "xls")
        book.limits = lim
        return book
    with open(path, "rb") as fh:
        data = fh.read()
    text = _decode(data)
    if text is None or not text.strip():
        raise WorkbookError(f"{path.name}: not a spreadsheet perfkit can read (.xlsx, .xlsm, .xls, .ods or .csv)")
    book = Workbook(path, "csv", text=text)
    book.limits = lim
    return book


# Zip files that are not workbooks perfkit reads, by a part each always has.
_OTHER_ZIPS = (
    ("xl/workbook.bin", "an Excel Binary Workbook (.xlsb), which perfkit does not read",
     "In Excel use File > Save As > 'Excel Workbook (*.xlsx)' and run again on the .xlsx."),
    ("word/document.xml", "a Word document, not a spreadsheet", "Give the workbook (.xlsx, .xlsm, .xls, .ods or .csv) instead."),
    ("ppt/presentation.xml", "a PowerPoint presentation, not a spreadsheet", "Give the workbook (.xlsx, .xlsm, .xls, .ods or .csv) instead."),
    ("Index/Document.iwa", "an Apple Numbers spreadsheet, which perfkit does not read",
     "In Numbers use File > Export To > Excel and run again on the .xlsx."),
)


def _names_a_style(xml: bytes) -> bool:
    """Whether a sheet's XML has a cell naming a style other than the default (``s="3"``): one scan for the literal first."""
    at = xml.find(b' s="')
    while at >= 0:
        if xml[at + 4:at + 5] in b"123456789" and xml[at + 4:at + 5]:
            return True
        at = xml.find(b' s="', at + 4)
    return False


def not_a_workbook_zip(name: str, parts) -> WorkbookError:
    """The refusal of a zip with no workbook perfkit reads: what it is where that is known (an .xlsb, a Word document).

    Examples
    --------
    >>> print(not_a_workbook_zip("q2.xlsb", ["[Content_Types].xml", "xl/workbook.bin"]))
    q2.xlsb: this is an Excel Binary Workbook (.xlsb), which perfkit does not read
    In Excel use File > Save As > 'Excel Workbook (*.xlsx)' and run again on the .xlsx.
    """
    for part, what, how in _OTHER_ZIPS:
        if part in parts:
            return WorkbookError(f"{name}: this is {what}", hint=how)
    return WorkbookError(f"{name}: not a spreadsheet (a zip file with no workbook inside)",
                         hint="Give the workbook (.xlsx, .xlsm, .xls, .ods or .csv); if this is one, save it again from Excel.")


def _calamine(path: Path, kind: str) -> Workbook:
    try:
        if path.suffix.lower() in {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",)}.get(kind, ()) and utf8_name(path):
            wb = pc.CalamineWorkbook.from_path(str(path))
        else:  # misnamed (calamine picks its reader by the name), or a name calamine cannot be given: give it the content
            with open(path, "rb") as fh:
                wb = pc.CalamineWorkbook.from_filelike(fh)
    except pc.PasswordError:
        raise WorkbookError(
            f"{path.name}: the workbook is password-protected (encrypted)",
            hint="Open it in Excel, remove the password, save and try again.",
        ) from None
    except Exception as exc:
        raise WorkbookError(f"{path.name}: the file is corrupt or not a spreadsheet ({exc})", hint="Save the workbook again from Excel.") from None
    check_sheet_names(path.name, list(wb.sheet_names))
    if kind == "xlsx":
        check_styles(path)
    return Workbook(path, kind, calamine=wb)


def utf8_name(path) -> bool:
    """Whether a path's bytes are UTF-8, as calamine needs a name to be (``q2_\\xff.xlsx``, saved under a Latin-1 system, is not).

    Examples
    --------
    >>> utf8_name("q2_môn.xlsx"), utf8_name(b"q2_\\xff.xlsx".decode("utf-8", "surrogateescape"))
    (True, False)
    """
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    except UnicodeEncodeError:  # text the file system's encoding cannot hold (LC_ALL=C): calamine takes it as text
        return True
    return True


def check_styles(path: Path) -> None:
    """Refuse an .xlsx that has no styles part although its cells name styles: its dates would read as plain numbers.

    Whether a number is a date (45199 or 30/09/2023) or a percentage is said only by the styles part
    (``xl/styles.xml``). A workbook written without one, whose cells name no style, is read as it is;
    one whose cells name styles it lacks is damaged, and Excel itself has to repair it.
    """
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.namelist()
            if any(n.lower().endswith("styles.xml") for n in parts):
                return
            styled = []
            for name, member in sheet_members(z).items():
                if member in parts:
                    with z.open(member) as fh:  # the head of each sheet: its header row names the styles a styled sheet uses
                        if _names_a_style(fh.read(256 * 1024)):
                            styled.append(name)
    except (zipfile.BadZipFile, KeyError, OSError):
        return
    if styled:
        raise WorkbookError(
            f"{path.name}: the workbook has no styles part (xl/styles.xml), yet the cells of sheet {styled[0]!r} name styles: "
            "perfkit cannot tell its dates and percentages from plain numbers (30/09/2023 would read as 45199); the file is "
            "damaged or was not saved by Excel",
            hint="Open it in Excel or LibreOffice (which repair it), save it again as .xlsx and run again.",
        )


def check_sheet_names(name: str, names: list[str]) -> None:
    """Refuse a workbook two of whose sheets have one name (Excel never allows it; a crafted or damaged file may).

    Sheets are found by name, so the second would be read as the first, twice, and its own rows never.

    Examples
    --------
    >>> check_sheet_names("q2.xlsx", ["Milestones", "Measures"])
    >>> try:
    ...     check_sheet_names("q2.xlsx", ["Milestones", "Measures", "milestones"])
    ... except WorkbookError as exc:
    ...     print(str(exc).splitlines()[0])
    q2.xlsx: two sheets have the same name, 'Milestones' (the 1st tab) and 'milestones' (the 3rd): refused, as either could be read for the other
    """
    seen: dict[str, int] = {}
    for i, sheet in enumerate(names):
        key = sheet.casefold()
        if key in seen:
            first = seen[key]
            raise WorkbookError(
                f"{name}: two sheets have the same name, {names[first]!r} (the {_ordinal(first + 1)} tab) and {sheet!r} "
                f"(the {_ordinal(i + 1)}): refused, as either could be read for the other",
                hint="Excel never allows this, so the file was not saved by Excel: open it in Excel or LibreOffice, rename one of "
                     "the two tabs, save and run again.",
            )
        seen[key] = i


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
