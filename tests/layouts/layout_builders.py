"""Workbooks laid out as councils keep them, each built with the truth its generator knows.

A layout test builds a workbook from :class:`SheetSpec` parts (title rows, a header, item rows,
sections, keys, fills, drop-downs, hidden sheets) and a :class:`Truth` computed from the same
items, then checks what perfkit read against the truth, never against perfkit itself.

Each family of layouts (one sheet per directorate, BRAG trackers, risk registers...) is a
``test_<family>.py`` beside this file; :data:`LAYOUTS` collects every layout a family registers
with :func:`layout`, so ``test_catalogue.py`` can count them and run the common checks on each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

FILLS = {"Red": "FFC00000", "Amber": "FFFFC000", "Green": "FF00B050", "Blue": "FF0070C0", "Grey": "FFBFBFBF"}


@dataclass
class Truth:
    """What a correct reading of the workbook gives, from the generator's own items.

    ``counts`` is ``{kind: number of distinct items}``; ``statuses`` is ``{kind: {status: count}}``
    at ``period``; ``columns`` is ``{kind: {column: [values in item order]}}`` for anything else
    a family checks (directorate, due dates, actuals...).
    """

    counts: dict[str, int]
    period: str | None = None
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    columns: dict[str, dict[str, list]] = field(default_factory=dict)
    periods: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SheetSpec:
    """One sheet: rows of values (``None`` for an empty cell), with fills, merges and drop-downs by cell."""

    name: str
    rows: list[list]
    fills: dict[str, str] = field(default_factory=dict)  # "F6" -> "Red" (a FILLS name) or an RGB hex
    merges: list[str] = field(default_factory=list)  # "A5:H5"
    # "F6:F40" -> ["Red", "Amber", "Green"] (a list typed in the rule), or a range or name ("Lookups!$A$2:$A$6")
    dropdowns: dict[str, list[str] | str] = field(default_factory=dict)
    hidden: bool = False
    number_formats: dict[str, str] = field(default_factory=dict)  # "E6:E40" -> "0.0%"


def write_workbook(path: Path, sheets: list[SheetSpec]) -> Path:
    """Write the sheets, in order, to a new .xlsx at ``path`` and return it."""
    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for row in spec.rows:
            ws.append(list(row))
        for ref, colour in spec.fills.items():
            rgb = FILLS.get(colour, colour)
            ws[ref].fill = PatternFill("solid", start_color=rgb, end_color=rgb)
        for rng in spec.merges:
            ws.merge_cells(rng)
        for rng, words in spec.dropdowns.items():
            formula = words if isinstance(words, str) else '"' + ",".join(words) + '"'
            dv = DataValidation(type="list", formula1=formula, allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(rng)
        for rng, fmt in spec.number_formats.items():
            for row in ws[rng]:
                for cell in row if isinstance(row, tuple) else (row,):
                    cell.number_format = fmt
        if spec.hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


@dataclass
class Layout:
    """A layout a family registers: its name, what it builds and the truth of what it built."""

    family: str
    name: str
    build: Callable[[Path], tuple[Path, Truth]]
    config: str | None = None  # perfkit.toml text, where the family shows a layout read after `perfkit init`


LAYOUTS: list[Layout] = []


def layout(family: str, name: str, config: str | None = None):
    """Register ``build(folder) -> (path, truth)`` as a layout of ``family``."""
    def register(build):
        LAYOUTS.append(Layout(family, name, build, config))
        return build
    return register


def day(y: int, m: int, d: int) -> dt.datetime:
    """A date cell as Excel stores one."""
    return dt.datetime(y, m, d)
