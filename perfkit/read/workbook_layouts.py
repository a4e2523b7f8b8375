"""Layouts of a whole workbook: how its sheets relate, rather than how one table is laid out.

Officers keep one sheet per quarter (``Q1``, ``Q2 2024-25``, ``Apr-Jun``), one per directorate
or service (``Adults``, ``Children's Services``, ``Place``), a summary sheet of counts or
formulas over the others, or a table turned on its side (one column per measure, the quarters
down the rows). The engine (:mod:`perfkit.read.engine`) asks this module

- during the survey, whether a sheet no kind fits is a **summary** (counts of Red, Amber and
  Green; formulas over other sheets) or a **transposed** table (:func:`unread_sheet`), and
  whether a sheet a kind fits is only formulas over the other sheets (:func:`formula_summaries`);
- once every sheet of a kind is read, what the sheets are to each other (:func:`arrange`):
  an empty template for the next quarter is not a period; a sheet named like a summary that
  repeats the other sheets' items is not data; sheets named after directorates give the
  ``directorate`` column; a reference two directorates both use is two items;
- when two sheets still give one item twice, what to type (:func:`report_clashes`).

Each decision is said aloud, as a note or a warning naming the sheet and cell. Months beside
the officer's own quarter columns are set aside by :func:`perfkit.read.layout.months_beside_quarters`,
and the quarter a sheet's name or title names is :func:`perfkit.read.layout.quarter_named`.

**Keys across directorate sheets.** Items are keyed by their reference within a workbook. Where
the sheets are directorates (their names say so and the tables have no directorate column of
their own), an item is keyed by its directorate and reference: a reference used on two
directorate sheets is two items, read as ``"Adults 1"`` and ``"Place 1"`` and said so in a note
naming both cells. Anywhere else, one reference on two sheets for one period is an error that
says what to type.

Examples
--------
>>> directorate_of("Adults KPIs"), directorate_of("Children's Services"), directorate_of("Q2 2024-25")
('Adults', "Children's Services", None)
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from perfkit.core.errors import LayoutError, PeriodError, Report, cell_name, col_letter
from perfkit.core.numbers import parse_number
from perfkit.core.periods import period_label
from perfkit.core.status import StatusScale
from perfkit.read.columns import PERIOD_TOKEN, RELATIVE, header_text, map_header_row, read_header, split_header
from perfkit.read.layout import (
    HEADER_SCAN_ROWS,
    Table,
    blank,
    get,
    header_in,
    heading_level_of,
    heading_text,
    quarter_named,
    single_period,
    text,
)
from perfkit.read.spec import KindSpec, get_kind
from perfkit.read.workbook import Sheet, Workbook

# Sheets named like a summary of the others.
SUMMARY_NAME = re.compile(r"(?i)^\s*(?:summary|dashboard|overview|at a glance|headlines?|exceptions?|exception report|scorecard summary|"
                          r"corporate summary|rag summary|executive summary)\b")

# Words in a sheet's name that say what it holds, not whose it is.
_GENERIC = (r"milestones?|measures?|kpis?|pis?|performance\s+indicators?|indicators?|performance|action\s+plans?|actions?|"
            r"risk\s+registers?|risks?|registers?|plans?|delivery|tracker|reports?|scorecards?|data|sheet\s*\d*|council|"
            r"monitoring|quarterly|monthly|annual|updates?|summary|dashboard|overview|returns?|figures|results|table|list|log|"
            r"years?|phases?|parts?|periods?|months?|weeks?|rounds?|stages?|versions?|v\d*|drafts?|copy|archived?|old|new|previous|"
            r"current|latest|final|tab|page|input|output|working|master|template|blank|of|the|for|and|to|"
            # a Welsh council's quarter ('Ch1 - Q1', 'Chwarter 2'): a period, no directorate
            r"ch\s*[1-4]|chw\s*[1-4]|chwarter\s*[1-4]|chwarter|chw")
# a number, but never the 3 of a code in capitals such as 'WBO3' ('Team1' and 'Team2' are one team's tabs); 'Council'
# closing a name is part of it ('WBO3 Council'), where 'Council KPIs' opens with it
_EDGE_WORDS = re.compile(rf"(?i)^(?:\s|\d|[-–:,/&()#.]|\b(?:{_GENERIC})\b)+|"
                         rf"(?:\s|(?-i:(?<![A-Z]))\d+|[-–:,/&()#.]|\b(?!council\b)(?:{_GENERIC})\b)+$")
_SECTION_NAME = re.compile(r"(?i)^\s*(?:priority|priorities|theme|objective|outcome|ambition|pillar|aim|strategy|recommendation)\b")


def directorate_of(sheet_name: str) -> str | None:
    """The directorate or service a sheet's name names (``Adults KPIs`` -> ``Adults``), or None.

    Period words (``Q2 2024-25``), words for what the sheet holds (``KPIs``, ``milestones``,
    ``Sheet1``), the kind of plan it is (``Improvement Plan``) and section labels (``Priority 2``) name no directorate.

    >>> directorate_of("Adults KPIs"), directorate_of("Improvement Plan")
    ('Adults', None)
    """
    low = sheet_name.lower()
    kept = list(sheet_name)
    for m in PERIOD_TOKEN.finditer(low):
        if len(low) == len(sheet_name):
            kept[m.start(1):m.end(1)] = [" "] * (m.end(1) - m.start(1))
    name = _EDGE_WORDS.sub("", "".join(kept))
    name = " ".join(name.split()).strip(" -–:,/&()")
    if not re.search(r"[A-Za-z]{2,}", name) or _SECTION_NAME.match(name) or re.fullmatch(rf"(?i)(?:\b(?:{_GENERIC})\b|\W|\d)+", name):
        return None
    if _STATE_NAME.fullmatch(name):  # "Closed risks", "Archive", "Completed actions": where the items stand, no directorate
        return None
    if _HOW_GATHERED.search(name):  # "Perception survey", "Annual figures": how the figures were gathered, no directorate
        return None
    if _PLAN_KIND.fullmatch(name):  # "Improvement Plan", "Action plan": the kind of plan the tab holds, no directorate
        return None
    return name


_PLAN_KIND = re.compile(r"(?i)\s*(?:improvement|action|delivery|recovery|transformation|performance|monitoring|progress)\s*")


_HOW_GATHERED = re.compile(r"(?i)\b(?:survey|perception|benchmark(?:ing)?|comparisons?|context|annual|monthly|quarterly|trends?)\b")


_STATE_NAME = re.compile(r"(?i)\s*(?:closed|archived?|removed|retired|completed?|done|delivered|superseded|emerging|"
                         r"new|old|previous|historic|current|live|open)\s*")


def directorates(names: list[str]) -> dict[str, str]:
    """``{sheet: directorate}`` when every sheet's name names a different directorate (two at least), else ``{}``."""
    found = {n: directorate_of(n) for n in names}
    if len(names) < 2 or any(v is None for v in found.values()) or len(set(found.values())) < 2:
        return {}
    return found


# ---------------------------------------------------------------------------------------------- summary sheets


def _cross_sheet(formula: str, others: list[str]) -> str | None:
    """The other sheet a formula reads (``COUNTIF(Adults!E:E,"Red")`` -> ``Adults``), if any."""
    if "!" not in formula:
        return None
    low = formula.lower()
    for name in others:
        quoted = "'" + name.lower().replace("'", "''") + "'!"
        if quoted in low or (re.fullmatch(r"[\w.]+", name) and re.search(rf"(?<![\w.']){re.escape(name.lower())}!", low)):
            return name
    return None


def _formula_share(book: Workbook, sheet: Sheet, cells: list[tuple[int, int]], others: list[str]) -> tuple[float, list[str], str]:
    """Of these cells (those with a value or a formula), the share that are formulas over other sheets, which sheets, and one example."""
    formulas = book.sheet_formulas(sheet.name)
    if not formulas or not cells:
        return 0.0, [], ""
    read: dict[str, int] = {}
    example = ""
    for rc in cells:
        f = formulas.get(rc)
        target = _cross_sheet(f, others) if f else None
        if target is not None:
            read[target] = read.get(target, 0) + 1
            example = example or f"{cell_name(sheet.name, *rc).split('!')[1]} = {f[:60]}"
    return sum(read.values()) / len(cells), list(read), example


def formula_summaries(book: Workbook, plans: list, scale: StatusScale) -> dict[str, str]:
    """Sheets a kind's header fits whose cells are mostly formulas over the other sheets read: ``{sheet: note}``.

    ``plans`` are the survey's (each with ``name``, ``kind`` and ``cmap``). A sheet of formulas
    over a sheet perfkit does not read (a raw data sheet) is the data, and is kept. So is a sheet
    whose columns headed by statuses (``✔ Complete | ● On track | Total``) are counted by formulas:
    a summary, though a weak header fits some kind (its ``● On track`` column read as risk ids).
    """
    read = [p.name for p in plans if p.kind is not None]
    if len(read) < 2 or book.kind != "xlsx":
        return {}
    out = {}
    for p in plans:
        if p.kind is None and getattr(p, "severity", "") == "warning" and book.sheet_formulas(p.name):
            # "Milestones: Blue | ... | KPIs: Red" over =COUNTIF('Adults & Health'!F16:F20,"Complete"): no header perfkit
            # knows, but every figure a formula over the sheets read
            sheet = book.sheet(p.name)
            formulas = book.sheet_formulas(p.name)
            cells = [(r, c) for r in range(min(len(sheet.rows), 200)) for c in range(len(sheet.rows[r]))
                     if (r, c) in formulas or isinstance(sheet.rows[r][c], (int, float)) and not isinstance(sheet.rows[r][c], bool)]
            share, over, example = _formula_share(book, sheet, cells, read)
            if len(cells) >= 4 and share >= 0.5:
                out[p.name] = (f"a summary sheet: {share:.0%} of its figures are formulas over sheet{'s' * (len(over) > 1)} "
                               f"{', '.join(map(repr, over))} (e.g. {example}), which are read themselves; not read, so nothing "
                               "is counted twice")
            continue
        if p.kind is None or p.cmap is None or not book.sheet_formulas(p.name):
            continue
        sheet = book.sheet(p.name)
        spec = get_kind(p.kind)
        # The figures and statuses decide: a quarter's tab linking its references and titles to last quarter's is still data.
        value_fields = {*spec.values, spec.status_field} - {None, "commentary"}
        cols = sorted({c for f, c in p.cmap.fields.items() if f in value_fields}
                      | {pc.col for pc in p.cmap.period_columns if pc.field in value_fields})
        # 'Previous quarter status' = 'Q1 Apr-Jun'!F7: a quarter's tab carrying last quarter's statuses over by formula is
        # still this quarter's data; only its own columns say whether it is a summary
        cols = [c for c in cols if not _EARLIER_HEAD.search(p.cmap.headers.get(c, ""))] or cols
        formulas = book.sheet_formulas(p.name)
        cells = [(r, c) for r in range(p.cmap.header_row + 1, min(len(sheet.rows), p.cmap.header_row + 501)) for c in cols
                 if not blank(get(sheet.rows[r], c)) or (r, c) in formulas]
        share, over, example = _formula_share(book, sheet, cells, [n for n in read if n != p.name])
        counted = _counts_summary(book, sheet, scale, formulas_only=True)
        if counted is not None and share < 0.5:
            out[p.name] = counted
        elif share >= 0.5:
            out[p.name] = (f"a summary sheet: {share:.0%} of its {spec.noun}s' statuses and figures are formulas over sheet{'s' * (len(over) > 1)} "
                           f"{', '.join(map(repr, over))} (e.g. {example}), which are read themselves; not read as {p.kind}, "
                           f"so nothing is counted twice (to read it instead, mark those sheets kind = \"ignore\" in perfkit.toml)")
    return out


_EARLIER_HEAD = re.compile(r"(?i)\b(?:previous|prior|last)\s+(?:quarter|qtr|period|month|year|status|rag|update|position)|"
                           r"\b(?:previous|prior|last\s+quarter'?s?)\b")


_MARK_FIRST = re.compile(r"^[^\w(]+(?=\w)")


def _counts_summary(book: Workbook, sheet: Sheet, scale: StatusScale, formulas_only: bool = False) -> str | None:
    """A table of counts under status headers (``Directorate | Red | Amber | Green | Total``), or None; with
    ``formulas_only``, only where the counts are formulas (``=COUNTIF(...)``), not thresholds typed under ``Red | Green``."""
    rows = sheet.rows
    formulas = book.sheet_formulas(sheet.name) if book is not None else {}
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        # "✔ Complete | ● On track": a key's mark before its word heads the column as well as the word alone
        heads = [(c, text(v)) for c, v in enumerate(rows[r]) if isinstance(v, str) and len(v.strip()) < 30
                 and (scale.normalise(v) is not None or scale.normalise(_MARK_FIRST.sub("", v)) is not None)]
        if len(heads) < 2:
            continue
        # 'Target 2024/25 | 2% | 90% | No target | 95% | No target': a row of targets with two the same word among them
        # is no header of counts by status; counts head two statuses or more, and most of the row
        named = {scale.normalise(h) or scale.normalise(_MARK_FIRST.sub("", h)) for _, h in heads}
        filled = sum(1 for v in rows[r] if not blank(v))
        if len(named) < 2 or len(heads) * 2 < filled - 1:
            continue
        below = [(r2, c) for r2 in range(r + 1, min(len(rows), r + 60)) for c, _ in heads]
        numbers = [1 for r2, c in below if (r2, c) in formulas or (not blank(get(rows[r2], c)) and parse_number(get(rows[r2], c)).value is not None)]
        words = [1 for r2, c in below if not blank(get(rows[r2], c)) and (r2, c) not in formulas and parse_number(get(rows[r2], c)).value is None]
        if formulas_only and sum(1 for rc in below if rc in formulas) * 2 < len(numbers):
            continue
        if len(numbers) >= 2 and len(numbers) >= 4 * len(words):
            shown = ", ".join(repr(h) for _, h in heads[:5])
            return (f"a summary of counts by status ({shown} in row {r + 1} head columns of numbers), not items: not read "
                    "(perfkit counts the items on the other sheets itself)")
    return _counts_by_row(rows, formulas, scale, formulas_only)


def _counts_by_row(rows: list, formulas, scale: StatusScale, formulas_only: bool) -> str | None:
    """The same summary turned round: statuses down a column (``Implemented``, ``Not yet due``...) heading rows of counts
    across (``High | Medium | Low | Total``), as an audit tracker's COUNTIFS sheet lays it out; or None."""
    for c in range(min(3, max((len(r) for r in rows[:60]), default=0))):
        labelled = [r for r in range(min(len(rows), 60)) if isinstance(v := get(rows[r], c), str) and len(v.strip()) < 30
                    and (scale.normalise(v) is not None or scale.normalise(_MARK_FIRST.sub("", v)) is not None)]
        if len(labelled) < 2:
            continue
        cells = [(r, c2) for r in labelled for c2 in range(c + 1, len(rows[r])) if (r, c2) in formulas or not blank(rows[r][c2])]
        numbers = [rc for rc in cells if rc in formulas or parse_number(get(rows[rc[0]], rc[1])).value is not None]
        if formulas_only and sum(1 for rc in cells if rc in formulas) * 2 < len(numbers):
            continue
        if len(numbers) >= 2 * len(labelled) and len(numbers) == len(cells):
            shown = ", ".join(repr(text(get(rows[r], c))) for r in labelled[:5])
            return (f"a summary of counts by status ({shown} down column {col_letter(c)} head rows of numbers), not items: not read "
                    "(perfkit counts the items on the other sheets itself)")
    return None


_MEASURE_WORDS = re.compile(r"(?i)\b(?:kpis?|pis?|measures?|indicators?|scorecard|performance)\b")


def unread_sheet(book: Workbook, sheet: Sheet, scale: StatusScale, columns: dict | None, declared: bool = False) -> tuple[str | None, object, object, str, str]:
    """What a sheet no kind's header fits is: ``(kind, cmap, view, note, severity)``.

    A transposed table of measures gives ``("measures", cmap, view, note, "info")``, read from
    ``view``; a summary gives ``(None, None, None, note, "info")``; a transposed table perfkit
    cannot read gives a warning saying so. Anything else gives ``(None, None, None, "", "")``:
    the engine says what it looks like.

    A transposed table is read as measures on evidence: a target or polarity row, a sheet or
    title that speaks of KPIs, measures or indicators, or ``declared`` (``kind = "measures"``
    in perfkit.toml). Without it (a raw data sheet looks the same) it is a warning saying what to type.
    """
    note = _counts_summary(book, sheet, scale)
    if note is not None:
        return None, None, None, note, "info"
    others = [n for n in book.sheet_names if n != sheet.name]
    cells = [(r, c) for r, row in enumerate(sheet.rows[:500]) for c, v in enumerate(row) if not blank(v)]
    cells = sorted(set(cells) | set(book.sheet_formulas(sheet.name)))
    share, over, example = _formula_share(book, sheet, cells, others)
    if share >= 0.5:
        return None, None, None, (f"a summary sheet: {share:.0%} of its cells are formulas over sheet{'s' * (len(over) > 1)} "
                                  f"{', '.join(map(repr, over))} (e.g. {example}), not items: not read"), "info"
    view = transposed_view(sheet)
    if view is None:
        return None, None, None, "", ""
    spec = get_kind("measures")
    cmap, _ = header_in(view, spec, columns, None, scale)
    where = (f"measures across row {view.names_row + 1}, periods down column {col_letter(view.left)} "
             f"(rows {view.period_rows[0] + 1}-{view.period_rows[-1] + 1})")
    if cmap is None or not cmap.period_columns or cmap.header_row != view.top:
        return None, None, None, (
            f"a transposed table ({where}) that perfkit could not read: turn it round in Excel (Copy, then Paste Special > "
            "Transpose) so that each measure is a row and each quarter a column, or mark the sheet kind = \"ignore\" in perfkit.toml"
        ), "warning"
    fields = set(cmap.fields) | {pc.field for pc in cmap.period_columns}
    title = " ".join(text(v) for row in sheet.rows[:view.top] for v in row if not blank(v))
    if not (declared or fields & {"target", "polarity", "measure_id"} or _MEASURE_WORDS.search(f"{sheet.name} {title}")):
        names = [text(v) for v in sheet.rows[view.names_row][view.left + 1:] if not blank(v)]
        if _CHART_NAME.search(sheet.name):  # 'Chart data', 'Trend data': the figures behind a chart, kept for it
            return None, None, None, (
                f"a chart's or trend's data (by its name: periods down column {col_letter(view.left)}, columns "
                f"{', '.join(map(repr, names[:3]))}{'...' if len(names) > 3 else ''}): not read; if each column is a measure "
                f"to report, say so in perfkit.toml: [sheets.\"{sheet.name}\"] kind = \"measures\""), "info"
        return None, None, None, (
            f"periods down column {col_letter(view.left)} and columns {', '.join(map(repr, names[:4]))}{'...' if len(names) > 4 else ''} "
            f"across row {view.names_row + 1}, with no target row: if each column is a measure (a transposed table), say so in "
            f"perfkit.toml: [sheets.\"{sheet.name}\"] kind = \"measures\"; if it is raw data, kind = \"ignore\""
        ), "warning"
    each = (f"one per pair of columns, the figures' and the targets' ({view.example[0]!r} and {view.example[1]!r}...)"
            if isinstance(view, PairedTransposedSheet) else "one per column")
    return "measures", cmap, view, f"a transposed table ({where}): read as measures, {each}", "info"


# ---------------------------------------------------------------------------------------------- transposed tables


_CHART_NAME = re.compile(r"(?i)\b(?:charts?|graphs?|trends?|sparklines?)\b")


def _period_label(v) -> str | None:
    """What a row label names for a period: ``"actual"`` for ``Q1``, ``2024/25 Q2``, ``Apr-Jun 2024`` or a date,
    the field for ``Q1 Target`` or ``Q2 RAG``; None for anything else."""
    if isinstance(v, (_dt.date, _dt.datetime)):
        return "actual"
    if not isinstance(v, str) or not PERIOD_TOKEN.search(v.lower()):
        return None
    fld, token = split_header(v, "measures")
    return fld if token is not None else None


@dataclass
class TransposedSheet(Sheet):
    """A sheet's table turned round: each column of the original (one per measure) is a row here.

    The rows above the table (its title) stay as they are; ``origin`` maps every cell back, so
    that each problem and each figure's ``source`` names the cell as the officer sees it.
    """

    base: Sheet | None = None
    top: int = 0  # the original row the table starts on (its names, or a reference row above them)
    left: int = 0  # the original column of the labels (Target, Q1...)
    names_row: int = 0
    period_rows: list[int] = field(default_factory=list)
    below: int = 0  # the row of the view where the original's rows under the table (its notes and key) start, as they are
    last: int = 0  # the original's last row of the table

    def origin(self, row: int, col: int) -> tuple[int, int]:
        if row < self.top:
            return row, col
        if self.below and row >= self.below:
            return self.last + 1 + row - self.below, col
        return self.top + col, self.left + row - self.top

    def _here(self, r: int, c: int) -> tuple[int, int]:
        if r < self.top:
            return r, c
        if self.below and r > self.last:
            return self.below + r - self.last - 1, c
        return self.top + c - self.left, r - self.top

    def fills(self, cells) -> dict[tuple[int, int], str]:
        cells = list(cells)
        found = self.base.fills([self.origin(r, c) for r, c in cells])
        return {self._here(*rc): colour for rc, colour in found.items()}

    def percent_cells(self, rows: list[int], cols: list[int]) -> set[tuple[int, int]]:
        wanted = {(r, c) for r in rows for c in cols}
        cells = [self.origin(r, c) for r, c in wanted]
        found = self.base.percent_cells(sorted({r for r, _ in cells}), sorted({c for _, c in cells})) if cells else set()
        return {self._here(*rc) for rc in found} & wanted


@dataclass
class PairedTransposedSheet(TransposedSheet):
    """A transposed table whose columns come in pairs, ``Visits Target | Visits Actual``: turned round with one row per
    pair, named by the words they share, its figures from the actual column and each period's target from the target
    column after them (``Apr-24 target``). ``cells`` maps every cell of the table here back to the sheet's."""

    cells: dict = field(default_factory=dict)  # (row, col) here -> (row, col) in the sheet, for the table's rows
    example: tuple = ()  # the first pair's headers, as the sheet gives them ('Visits Actual', 'Visits Target')

    def origin(self, row: int, col: int) -> tuple[int, int]:
        if (row, col) in self.cells:
            return self.cells[(row, col)]
        return TransposedSheet.origin(self, row, col)

    @cached_property
    def _inverse(self) -> dict[tuple[int, int], tuple[int, int]]:
        return {rc: here for here, rc in self.cells.items()}

    def _here(self, r: int, c: int) -> tuple[int, int]:
        return self._inverse.get((r, c)) or TransposedSheet._here(self, r, c)


# 'Visits Target', 'Visits - Actual', 'Actual: Visits': one of a pair of a measure's columns, and the words they share
_PAIRED_NAME = re.compile(r"(?i)^\s*(?:(?P<before>actual|target|profile|plan)\s*[-–:]?\s+(?P<rest>.+?)|(?P<name>.+?)\s*[-–:(]?\s*"
                          r"(?P<after>actual|target|profile|plan)\s*\)?)\s*$")


def _name_pairs(names: dict[int, str]) -> list[tuple[str, int, int]] | None:
    """(shared words, actual column, target column) for columns named in pairs (``Visits Target | Visits Actual``), in
    the actual columns' order; None unless every named column is one of a pair and two pairs at least."""
    found: dict[str, dict[str, int]] = {}
    for c, name in names.items():
        m = _PAIRED_NAME.match(name)
        if m is None:
            return None
        word = (m["before"] or m["after"]).lower()
        stem = " ".join((m["rest"] or m["name"]).split())
        found.setdefault(stem.lower(), {"name": stem})["actual" if word == "actual" else "target"] = c
    pairs = [(d["name"], d["actual"], d["target"]) for d in found.values() if "actual" in d and "target" in d]
    if len(pairs) < 2 or 2 * len(pairs) != len(names):
        return None
    return sorted(pairs, key=lambda p: p[1])


def _pair_labels(rows: list, r: int, left: int) -> dict[int, str]:
    """Row ``r``'s 'Target' and 'Actual' under each measure's name (merged over both), by column: ``{}`` unless every
    label is one of the two and each name has both."""
    labels = {c: _row_label(v) or "" for c, v in enumerate(rows[r]) if c > left and isinstance(v, str) and v.strip()}
    return labels if labels and all(labels.values()) and sum(v == "actual" for v in labels.values()) * 2 == len(labels) else {}


def _paired_transposed(view: TransposedSheet, sheet: Sheet, sub: int | None = None) -> TransposedSheet:
    """The view of a transposed table whose measures' columns come in pairs, one row per pair (:class:`PairedTransposedSheet`),
    or the view as it is. The pairs are named 'Visits Target | Visits Actual', or a name merged over 'Target | Actual' in the
    row under it (``sub``)."""
    rows, top, left, last = sheet.rows, view.top, view.left, view.last
    width = max((len(r) for r in rows[top:last + 1]), default=0)
    names = {c: text(get(rows[view.names_row], c)) for c in range(left + 1, width) if not blank(get(rows[view.names_row], c))}
    if sub is not None:  # "KPI 1 Missed bins" merged over "Target | Actual": each column its name and its label
        labels = _pair_labels(rows, sub, left)
        carried, name = {}, ""
        for c in range(left + 1, width):
            name = names.get(c, name)
            if c in labels and name:
                carried[c] = f"{name} {labels[c]}"
        names = carried
    pairs = _name_pairs(names)
    if pairs is None:
        return view
    periods = [r for r in view.period_rows if _period_label(get(rows[r], left)) == "actual"]  # never a row of targets ("Q1 Target")
    js = [j for j in range(last - top + 1) if top + j != sub]  # the labels' row is no column of the view
    n = len(js)
    cells: dict = {}
    header = [view.rows[top][j] for j in js] + [f"{header_text(get(rows[r], left))} target" for r in periods]
    for i, j in enumerate(js):
        cells[(top, i)] = (top + j, left)
    for k, r in enumerate(periods):
        cells[(top, n + k)] = (r, left)
    body = []
    name_at = js.index(view.names_row - top)
    for i, (stem, a, t) in enumerate(pairs):
        here = top + 1 + i
        # a row of the table that is no period's ('Good performance | Lower' under the pair's first column): the pair's
        own = {j: t if blank(get(rows[top + j], a)) and top + j not in view.period_rows and not blank(get(rows[top + j], t)) else a
               for j in js}
        row = [get(rows[top + j], own[j]) for j in js] + [get(rows[r], t) for r in periods]
        row[name_at] = stem
        body.append(row)
        cells.update({(here, i2): (top + j, own[j]) for i2, j in enumerate(js)})
        cells.update({(here, n + k): (r, t) for k, r in enumerate(periods)})
    view_rows = [list(r) for r in rows[:top]] + [header] + body
    below = len(view_rows) if last + 1 < len(rows) else 0
    view_rows += [list(r) for r in rows[last + 1:]]
    back = {rc: here for here, rc in cells.items()}
    errors = {}
    for (r, c), e in sheet.errors.items():
        if r < top:
            errors[(r, c)] = e
        elif (r, c) in back:
            errors[back[(r, c)]] = e
        elif r > last and below:
            errors[(below + r - last - 1, c)] = e
    return PairedTransposedSheet(sheet.name, view_rows, [m for m in view.merged if m[1][0] < top], errors, None, base=sheet,
                                 top=top, left=left, names_row=view.names_row, period_rows=view.period_rows, below=below,
                                 last=last, cells=cells, example=(names[pairs[0][1]], names[pairs[0][2]]))


_CLOCK_TYPED = re.compile(r"^\s*\d{1,3}:[0-5]\d(?::[0-5]\d)?\s*$")


def transposed_view(sheet: Sheet) -> TransposedSheet | None:
    """The sheet turned round, if it holds a transposed table: periods down one of its first columns, a row
    of measure names above them; None otherwise (and whenever those names are header words of a
    table, ``Target | Actual``, which is a long table of one measure)."""
    rows = sheet.rows
    n = len(rows)
    width = max((len(r) for r in rows[:300]), default=0)
    if n < 3 or width < 3:
        return None
    for left in range(min(3, width - 1)):
        # a period's row holds figures beside it: a title naming the quarter ('Performance Report – Quarter 2 2024/25')
        # alone on its row is no period row of the table
        period_rows = [r for r in range(min(n, 300)) if _period_label(get(rows[r], left))
                       and any(not blank(v) for v in rows[r][left + 1:])]
        if len(period_rows) >= 2:
            break
    else:
        return None
    cells = [get(rows[r], c) for r in period_rows if _period_label(get(rows[r], left)) in ("actual", "target") for c in range(left + 1, width)]
    filled = [v for v in cells if not blank(v)]
    # figures, or times typed as a clock shows them ('03:24' under '101 calls: average time to answer (mm:ss)')
    if not filled or sum(parse_number(v).missing in ("", "placeholder", "suppressed") or _CLOCK_TYPED.match(text(v)) is not None
                         for v in filled) < 0.8 * len(filled):
        return None
    first = period_rows[0]

    def names_in(r: int) -> list:
        return [v for v in rows[r][left + 1:] if not blank(v)]

    spec = get_kind("measures")
    names_row, longest = None, 0.0
    for r in range(first - 1, max(-1, first - 11), -1):  # the row of names: words, not a polarity or unit row (Good is | High | Low)
        found = names_in(r)
        texts = [v for v in found if isinstance(v, str) and parse_number(v).value is None and re.search(r"[A-Za-z]", v)]
        label = get(rows[r], left)
        # "Standard" over an NHS board's standards is the row of their names (its words are a target's elsewhere)
        if len(texts) < 2 or len(texts) != len(found) or (not blank(label) and split_header(label, spec)[0] not in (None, "name", "period", "year")
                                                          and not re.fullmatch(r"(?i)\s*(?:standards?|metrics?|kpis?)\s*", text(label))):
            continue
        mean = sum(len(v) for v in texts) / len(texts)
        if mean > longest:
            names_row, longest = r, mean
    if names_row is None:
        return None
    read = [read_header(v, spec) for v in names_in(names_row)]
    if any(h.field is not None and not h.by_words for h in read) or sum(h.field is not None for h in read) * 2 >= len(read):
        # "Target | Actual": the header of a long table, not measures' names ('% of care homes graded good or better' is a
        # measure's name, however its words read)
        return None
    under = [r for r in range(names_row + 1, first) if blank(get(rows[r], left))
             and sum(1 for v in names_in(r) if isinstance(v, str) and split_header(v, spec)[0] is not None) >= 2]
    sub = under[0] if len(under) == 1 and under[0] == names_row + 1 and _pair_labels(rows, under[0], left) else None
    if under and sub is None:
        return None  # each measure's name over 'Target | Actual': a two-row header over months, not one column per measure
    top = names_row
    while top > 0 and not blank(get(rows[top - 1], left)) and names_in(top - 1) and len(names_in(top - 1)) > 1:
        top -= 1
    last = period_rows[-1]

    def of_the_table(r: int) -> bool:  # 'Q3 2024/25' not yet filled in, or 'Better is: | Lower | Higher' under the quarters
        label = get(rows[r], left)
        return bool(_period_label(label)) or (bool(names_in(r)) and not blank(label) and split_header(text(label), spec)[0] is not None)

    while last + 1 < n:
        if (any(not blank(v) for v in rows[last + 1]) and names_in(last + 1)) or of_the_table(last + 1):
            last += 1
        elif (last + 2 < n and all(blank(v) for v in rows[last + 1]) and of_the_table(last + 2)
              and not _period_label(get(rows[last + 2], left))):
            last += 2  # a blank row, then the table's polarity row: never a measure of its own under a quarter's heading
        else:
            break
    view_rows = [list(r) for r in rows[:top]]
    for i in range(left, width):
        view_rows.append([get(rows[top + j], i) for j in range(last - top + 1)])
    # the rows under the table (a note of the tolerance, a key, a source) stay under it, as they are
    below = len(view_rows) if last + 1 < n else 0
    view_rows += [list(r) for r in rows[last + 1:]]
    label = text(view_rows[top][names_row - top])
    fld = split_header(label, spec)[0] if label else None
    if fld not in ("name", "measure_id"):
        view_rows[top][names_row - top] = "Measure"
    errors = {}
    for (r, c), e in sheet.errors.items():
        if r < top:
            errors[(r, c)] = e
        elif r <= last and c >= left:
            errors[(top + c - left, r - top)] = e
        elif r > last:
            errors[(below + r - last - 1, c)] = e
    merged = [m for m in sheet.merged if m[1][0] < top]
    merged += [((below + r1 - last - 1, c1), (below + r2 - last - 1, c2)) for (r1, c1), (r2, c2) in sheet.merged if r1 > last] if below else []
    view = TransposedSheet(sheet.name, view_rows, merged, errors, None, base=sheet, top=top, left=left,
                           names_row=names_row, period_rows=[r for r in period_rows if r <= last], below=below, last=last)
    return _paired_transposed(view, sheet, sub)  # 'Visits Target | Visits Actual': one measure a pair


def transposed_refusal(exc: LayoutError, view: TransposedSheet) -> LayoutError:
    """A refusal raised while reading a transposed table, worded for it: its periods are rows, its measures columns."""
    def turned(said: str) -> str:
        return re.sub(r"\bcolumn(s?)\b", r"row\1", said)

    where = f"measures across row {view.names_row + 1}, periods down column {col_letter(view.left)}"
    head, _, rest = str(exc.args[0]).partition(": ")
    rest = re.sub(r"^sheet (?:'[^']*'|\"[^\"]*\") ", "it ", rest)
    return LayoutError(f"{head}: sheet {view.name!r} holds a transposed table ({where}); {turned(rest)}",
                       hint=turned(exc.hint) if getattr(exc, "hint", None) else None)


def period_for_sheet(table: Table, given, own, several: bool):
    """The quarter to read a one-column sheet as: its own in perfkit.toml (``[sheets."Q3"] period``), else the one its
    title, name or file name names, else ``given`` (``--period``).

    ``--period`` chooses the quarter to report, never the quarter of a sheet that names its own:
    asked for Q1 of a sheet titled Quarter 2, its one status column is Q2's (and Q1 is what a
    ``Previous status`` column holds, or nothing). ``several`` is kept for callers that say
    whether the kind has other sheets.
    """
    if own:
        return own
    if given is None or not _one_column(table):
        return given
    try:
        named = single_period(table, None)
    except (LayoutError, PeriodError):
        return given
    try:
        asked = single_period(table, given)
    except (LayoutError, PeriodError):
        asked = None
    if asked is not None and asked.end != named.end and not several:  # with a tab per quarter, --period picks one of them
        table.report.add(
            table.sheet.name, "period", str(given),
            f"--period {given} chooses the quarter to report; sheet {table.sheet.name!r} names its own, {named.label}, and is read "
            f"as that; if its title or name is wrong, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] period = \"{asked.label}\"",
            "info")
    return None


def _one_column(table: Table) -> bool:
    """Whether a table's figures for its period (a status, an actual...) are in a column that names no period."""
    bare = table.spec.bare_period_field
    return not any(pc.field == bare and pc.token not in RELATIVE for pc in table.cmap.period_columns)


# ---------------------------------------------------------------------------------------------- the sheets of one kind


@dataclass
class SheetRead:
    """One sheet read as a kind: its table (with its report) and its frame."""

    name: str
    table: Table
    frame: pd.DataFrame


def _reported(frame: pd.DataFrame, spec: KindSpec) -> bool:
    """Whether a frame holds anything reported for its period: a status, a figure, a progress or a commentary."""
    cols = [c for c in dict.fromkeys((*spec.period_fields, spec.status_field or "")) if c in frame and c not in ("target", "tolerance")]
    if not cols:
        return True
    for c in cols:  # the status or the figure first: a sheet with any returns at once
        s = frame[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            # "Not due" in every row (a template's drop-down default) reports nothing either
            found = s.isin([n for n in s.cat.categories if n not in ("No data", "Not due")]).any()
        elif pd.api.types.is_numeric_dtype(s.dtype):
            found = s.notna().any()
        else:
            found = s.astype(object).map(lambda v: isinstance(v, str) and bool(v.strip()) and v.strip() not in ("nan", "None")).any()
        if found:
            return True
    return False


def _labels(periods) -> str:
    return ", ".join(period_label(p) for p in sorted(periods))


def _targets_from_their_own_sheet(reads: list[SheetRead], spec: KindSpec, report: Report) -> list[tuple[str, str]]:
    """A housing return's `Targets 2024-25` (`PI code | Indicator | Polarity | Annual target`, no figures) beside `Q2
    Actuals` (`PI code | Indicator | Q2 actual`): read alone, the targets sheet was 'targets only', a warning, and the
    briefing said no measure had a target. Where every reference of such a sheet is another sheet's, each measure there
    takes its target (and its polarity, where it has none) by reference, said; the targets sheet is set aside. Removes
    it from ``reads``; returns ``(sheet, note)``."""
    out = []
    for r in [r for r in reads if spec.name == "measures" and not len(r.frame) and r.frame.attrs.get("targets_only")]:
        given = r.frame.attrs["targets_only"]
        others = [o for o in reads if o is not r and len(o.frame) and set(given) <= set(o.frame[spec.id_field].astype(str))]
        if len(others) != 1:
            continue
        f = others[0].frame
        ids = f[spec.id_field].astype(str)
        blank_target = f["target"].isna() & (f["target_low"].isna() if "target_low" in f else True)
        took = ids.isin(list(given)) & blank_target
        if not took.any():
            continue
        f.loc[took, "target"] = [given[i][0] for i in ids[took]]
        for k, c in ((1, "target_low"), (2, "target_high")):
            if c in f:
                f.loc[took, c] = [given[i][k] for i in ids[took]]
        way = f["polarity"].astype(object)
        unsaid = took & ~way.isin(["higher", "lower", "range"])
        own = ids[unsaid].map(lambda i: given[i][3])
        f.loc[unsaid, "polarity"] = own.where(own.isin(["higher", "lower", "range"]), f.loc[unsaid, "polarity"])
        n = ids[took].nunique()
        out.append((r.name, f"a sheet of targets ({n} {spec.noun}{'s' * (n != 1)}, no figures): each is the target of its "
                            f"{spec.noun} on sheet {others[0].name!r}, joined by reference (e.g. {ids[took].iloc[0]!r} at "
                            f"{given[ids[took].iloc[0]][4]}); not read as {spec.noun}s of its own"))
        no_way = sorted(set(ids[took & ~f["polarity"].astype(object).isin(["higher", "lower", "range"])]))
        if no_way:
            report.add(others[0].name, "polarity", "", f"{len(no_way)} {spec.noun}{'s' * (len(no_way) != 1)} take a target from "
                       f"sheet {r.name!r} but no polarity ({', '.join(no_way[:6])}): rated as higher is better; name each in "
                       f"perfkit.toml under [measures.polarity], e.g. {no_way[0]!r} = \"lower\"", "warning")
        reads.remove(r)
    return out


def _months_of_a_quarter(reads: list[SheetRead], spec: KindSpec) -> list[tuple[str, str]]:
    """One tab a month ('Apr', 'May', 'Jun', each titled 'Monthly Performance Indicators - May 2024'): each was read as the
    quarter its month falls in, so April and May clashed with June as two sheets giving one quarter, refused with a line
    naming the wrong quarter. Where two or more tabs give the same items for months of one quarter, the quarter's latest
    month is its figures, dated with that month (``figure_period``); the earlier months are set aside, said. Removes
    them from ``reads``; returns ``(sheet, note)`` for each."""
    monthly = [r for r in reads if r.table.named_month is not None and len(r.frame)]
    by_quarter: dict = {}
    for r in monthly:
        by_quarter.setdefault(r.table.named_month[0], []).append(r)
    if not any(len({r.table.named_month[1] for r in rs}) > 1 for rs in by_quarter.values()):
        return []
    ident, noun = spec.id_field, spec.noun
    out = []
    for quarter, rs in by_quarter.items():
        rs = sorted(rs, key=lambda r: r.table.named_month[1])
        last = rs[-1]
        mine = set(last.frame[ident])
        for r in rs[:-1]:
            if not set(r.frame[ident]) & mine or r.table.named_month[1] == last.table.named_month[1]:
                continue  # other items, or the same month twice: the clash is said as it is
            out.append((r.name, f"a month's tab ({r.table.named_month[2]}) of {period_label(quarter)}, one tab a month: the "
                                f"quarter's figures are its last month's, on tab {last.name!r} ({last.table.named_month[2]}), "
                                f"which is read; not read, so no {noun} is counted twice"))
            reads.remove(r)
        if spec.name == "measures" and "period" in last.frame:
            at = (last.frame["period"] == quarter).to_numpy()
            own = last.frame["figure_period"].astype(object).fillna("").to_numpy() if "figure_period" in last.frame else np.full(len(at), "")
            last.frame["figure_period"] = np.where(at & (own == ""), last.table.named_month[2], own)
    return out


def arrange(reads: list[SheetRead], spec: KindSpec, report: Report) -> tuple[list[SheetRead], list[tuple[str, str]]]:
    """What the sheets of one kind are to each other; returns the sheets kept and ``(sheet, note)`` for those set aside.

    Each kept sheet's report joins ``report``; a sheet set aside leaves one note instead (its
    own warnings, such as blank statuses in an empty template, would be wrong). In order:

    1. a sheet named like a summary (``Summary``, ``Dashboard``) whose every item is on another
       sheet read as the same kind is not data;
    2. a sheet with items but nothing reported (no status, figure, progress or commentary), for
       periods no other sheet reports, is an empty template (the next quarter's), not a period;
    3. sheets whose names are directorates (:func:`directorates`) give each item its
       ``directorate``, where the tables have no such column;
    4. a reference two directorate sheets both use is two items, ``"Adults 1"`` and ``"Place 1"``.
    """
    set_aside: list[tuple[str, str]] = []
    noun = spec.noun
    ident = spec.id_field
    if len(reads) > 1:
        # a sheet named as a summary, or a table turned round ('Chart data': the last four quarters of some measures, for
        # a chart), whose every item is on another sheet: the same items again, not more of them
        for r in [r for r in reads if SUMMARY_NAME.match(r.name) or isinstance(r.table.sheet, TransposedSheet)]:
            others = [o for o in reads if o is not r]
            by = ident if ident in r.table.cmap.fields or spec.key_field not in r.frame else spec.key_field  # titles, with no references
            turned = isinstance(r.table.sheet, TransposedSheet) and by != ident

            def fold(v, turned=turned):  # a table turned round names its items as the officer typed them again: case, spacing aside
                return " ".join(str(v).lower().split()) if turned else v

            ids = {fold(v) for v in r.frame[by]} - {""}
            held = {o.name: {fold(v) for v in o.frame[by]} for o in others if by in o.frame}
            elsewhere = set().union(*held.values())
            # 'AFA false alarms' for 'False alarms from AFAs attended': the same figures, quarter by quarter
            charted = turned and bool(ids) and not ids <= elsewhere and _same_figures(r.frame, [o.frame for o in others])
            if ids and (charted or ids <= elsewhere) and not r.table.report.errors:
                on = list(held) if charted else [name for name, theirs in held.items() if ids & theirs]
                if charted:
                    k = r.frame[ident].nunique()
                    said = (f"a chart's data: its {k} {noun}{'s' * (k != 1)}, turned round, have the figures of {noun}s on sheet"
                            f"{'s' * (len(on) > 1)} {', '.join(map(repr, on))} (named more briefly), which "
                            f"{'are' if len(on) > 1 else 'is'} read; not read again, so nothing is counted twice")
                else:
                    said = (f"a summary sheet: its {len(ids)} {noun}{'s' * (len(ids) != 1)} are all on sheet"
                            f"{'s' * (len(on) > 1)} {', '.join(map(repr, on))}, which {'are' if len(on) > 1 else 'is'} "
                            f"read; not read again, so nothing is counted twice")
                set_aside.append((r.name, said))
                reads.remove(r)
    _carried_over(reads, spec, report)  # last quarter's statuses carried onto this quarter's tab: before templates are told
    # any year will do to ask whether a tab is named for a quarter at all ("Q1", "Apr-Jun")
    quarterly = [r for r in reads if quarter_named(r.name, r.table.year or 2025) is not None]
    if len(quarterly) > 1:
        # 'Q1 | Q2 | Q3 | Year to date': the year-to-date tab sums up the quarter tabs read, and is no quarter of its own
        for r in [r for r in reads if _TO_DATE_TAB.match(r.name)]:
            set_aside.append((r.name, f"a year-to-date tab beside the quarters' own tabs ({', '.join(repr(q.name) for q in quarterly[:4])}), "
                                      "which are read: its figures are to date, not a quarter's, so it is not read"))
            reads.remove(r)
    if len(quarterly) > 1:
        if spec.name == "measures":
            set_aside += _repeated_outturns([r for r in reads if r in quarterly], spec, report)
        for r in [r for r in reads if not len(r.frame) and r in quarterly]:  # nothing in it at all: said, never dropped unsaid
            label = quarter_named(r.name, r.table.year or 2025).label
            set_aside.append((r.name, f"an empty template for {label}: no {noun} on it has a status, figure or commentary yet, "
                                      f"so {label} is not read as a period reported; fill the sheet in to report it"))
        reads = [r for r in reads if len(r.frame) or r not in quarterly]
    if len(reads) > 1:
        set_aside += _months_of_a_quarter(reads, spec)
        set_aside += _targets_from_their_own_sheet(reads, spec, report)
    if len(reads) > 1:
        empty = [r for r in reads if len(r.frame) and not r.table.report.errors and not _reported(r.frame, spec)]
        filled = [r for r in reads if r not in empty]
        reported_periods = set().union(*(set(r.frame["period"].dropna().unique()) for r in filled)) if filled else set()
        for r in empty:
            periods = set(r.frame["period"].dropna().unique())
            if not filled or periods & reported_periods:
                continue
            n = r.frame[ident].nunique()
            set_aside.append((r.name, (f"an empty template for {_labels(periods)}: it lists {n} {noun}{'s' * (n != 1)} but no "
                                       f"status, figure or commentary yet, so {_labels(periods)} is not read as a period reported; "
                                       f"fill the sheet in to report it")))
            reads.remove(r)
    for r in reads:
        report.extend(r.table.report)
    for name, note in set_aside:
        report.add(name, "", "", note, "info")
    _match_by_title(reads, spec, report)
    _priority_from_titles(reads, spec, report)
    # a sheet's own column of directorates, where its kind's frame keeps one (a risk register's 'Service' is mapped so but
    # not kept: read as its own, the register was refused with a KeyError)
    own = [r for r in reads if "directorate" in r.frame]
    names = directorates([r.name for r in reads])
    if names:
        for r in reads:
            if len(own) == len(reads):  # every sheet's own column names its items' directorates: the tabs' names only tell
                break  # references apart
            d = names[r.name]
            if r in own:
                # tabs named for directorates, one of them with a 'Service' column of its own: the service is a grouping
                # within the tab's directorate, kept under its header, never a directorate beside the others' tabs
                col = r.table.cmap.fields.get("directorate")
                header = r.table.cmap.headers.get(col, "service") if col is not None else "service"
                r.frame[header if header not in r.frame else f"{header} (own column)"] = r.frame["directorate"]
                r.frame["directorate"] = d
                report.add(r.name, "directorate", d, f"the sheet's name read as the directorate of its items, {d!r}, as the other "
                                                     f"tabs' names are; its column {header!r} kept as a grouping within it", "info")
                continue
            cols = list(r.frame.columns)
            after = [c for c in (spec.key_field, "priority", "lead", "owner", "due_date", "objective", "strategy", "tactic") if c in cols]
            r.frame.insert(max((cols.index(c) for c in after), default=len(cols) - 1) + 1, "directorate", d)
            n = r.frame[ident].nunique()
            report.add(r.name, "directorate", d, f"the sheet's name read as the directorate of its {n} {noun}{'s' * (n != 1)}, "
                                                 f"{d!r} (one sheet per directorate, and no directorate column)", "info")
        _qualify_shared_references(reads, names, spec, report)
    return reads, set_aside


def _carried_over(reads: list[SheetRead], spec: KindSpec, report: Report) -> None:
    """A quarter's tab carrying last quarter's statuses over (``Previous quarter status`` = ``'Q1 Apr-Jun'!F7``): where
    every item of a quarter another tab reports as its own is given the same status or figure here, the copy is dropped,
    said, never two sheets clashing over one quarter."""
    if len(reads) < 2 or spec.status_field is None and "actual" not in spec.values:
        return
    value = spec.status_field if spec.status_field else "actual"
    own = {}
    for r in reads:
        named = quarter_named(r.name, r.table.year or 2025) or quarter_named(r.table.title or "", r.table.year or 2025)
        if named is not None:
            own[r.name] = named.end
    if len(own) < 2:
        return
    for r in reads:
        if r.name not in own or value not in r.frame or not len(r.frame):
            continue
        for o in reads:
            if o is r or own.get(o.name) is None or own[o.name] == own[r.name] or value not in o.frame:
                continue
            q = own[o.name]
            mine = r.frame[r.frame["period"] == q]
            if not len(mine):
                continue
            theirs = o.frame[o.frame["period"] == q].drop_duplicates(spec.id_field).set_index(spec.id_field)[value].astype(object)
            ids = mine[spec.id_field]
            if not ids.isin(theirs.index).all():
                continue
            same = mine[value].astype(object).to_numpy() == theirs.reindex(ids).to_numpy()
            if not same.all():
                continue
            _keep_rows(r, np.flatnonzero(~r.frame.index.isin(mine.index)))
            report.add(r.name, "period", period_label(q), f"the {period_label(q)} {value.replace('_', ' ')}es on sheet {r.name!r} "
                       f"repeat sheet {o.name!r}'s own ({len(mine)} {spec.noun}s, carried over from it): read from {o.name!r} only",
                       "info")


# a frame's attrs that name rows by their position (the engine's made-up references, the measures with no polarity yet)
_ROW_ATTRS = ("generated_rows", "polarity_unsaid")


def _keep_rows(r: SheetRead, keep: np.ndarray) -> None:
    """Keep only rows ``keep`` (positions) of a sheet's frame, renumbering the rows its attrs name by position."""
    f = r.frame
    r.frame = f.iloc[keep].reset_index(drop=True)
    for name in _ROW_ATTRS:
        if name in f.attrs:
            was = set(f.attrs[name])
            r.frame.attrs[name] = tuple(j for j, i in enumerate(keep) if i in was)


def _repeated_outturns(tabs: list[SheetRead], spec: KindSpec, report: Report) -> list[tuple[str, str]]:
    """Quarter tabs each giving last year's outturn (``2023-24 actual``) beside their own quarter: the same figure for the
    same period on every tab is one figure, read from the first tab that gives it. The later tabs' copies are dropped,
    said in a note; a tab left with nothing of its own (the next quarter's template) is set aside, and returned."""
    seen: dict[tuple, tuple] = {}
    aside = []
    for r in tabs:
        f = r.frame
        if not len(f) or r.table.report.errors or "actual" not in f:
            continue
        ids, periods = f[spec.id_field].tolist(), f["period"].tolist()
        actual = f["actual"].to_numpy(float)
        target = f["target"].to_numpy(float) if "target" in f else np.full(len(f), np.nan)
        spans = f["span"].tolist() if "span" in f else [""] * len(f)
        repeat = np.zeros(len(f), dtype=bool)
        first_on = None
        for i, key in enumerate(zip(ids, periods, spans)):
            was = seen.get(key)
            same = was is not None and _same(was[0], actual[i]) and _same(was[1], target[i])
            if same:
                repeat[i], first_on = True, first_on or was[2]
            elif was is None:
                seen[key] = (actual[i], target[i], r.name)
        if not repeat.any():
            continue
        labels = _labels(sorted({p for p, x in zip(periods, repeat) if x}))
        n = len({i for i, x in zip(ids, repeat) if x})
        if repeat.all():
            aside.append((r.name, f"its {n} {spec.noun}{'s' * (n != 1)} give only the figures for {labels} that tab {first_on!r} "
                                  f"gives too, and nothing of the tab's own quarter yet: an empty template, not read"))
            r.frame = f.iloc[0:0]
            continue
        _keep_rows(r, np.flatnonzero(~repeat))
        report.add(r.name, "", "", f"the figures of {n} {spec.noun}{'s' * (n != 1)} for {labels} are those tab {first_on!r} "
                                   "gives too (last year's outturn, repeated on each quarter's tab): read once", "info")
    return aside


def _same(a: float, b: float) -> bool:
    """Two figures alike, both missing included."""
    return (a != a and b != b) or a == b


def _without_period_tail(name: str) -> str:
    """A priority's name without the period its tab's title adds after a dash: ``Thriving Economy – Quarter 1 2024/25`` is
    ``Thriving Economy`` (the quarter is the tab's, never the priority's).

    >>> _without_period_tail("Thriving Economy – Quarter 1 2024/25"), _without_period_tail("Homes - for everyone")
    ('Thriving Economy', 'Homes - for everyone')
    """
    m = re.match(r"^(?P<head>.+?)\s+[–—-]\s+(?P<tail>[^–—]+)$", name)
    return m["head"].strip() if m and PERIOD_TOKEN.search(m["tail"].lower()) else name


def _priority_from_titles(reads: list[SheetRead], spec: KindSpec, report: Report) -> None:
    """One tab per priority (each titled ``Priority 1: A thriving economy``, no priority column or section rows): the
    title's priority is each item's on that tab, said in a note. Only where every tab's title names a different one."""
    if len(reads) < 2 or "priority" not in spec.fields:
        return
    found = {}
    for r in reads:
        if "priority" in r.frame and r.frame["priority"].astype(str).str.strip().ne("").any():
            return  # the sheet's own priorities (a column, or section rows) stand
        titles = [text(v) for row in r.table.sheet.rows[:r.table.cmap.header_row] for v in row if isinstance(v, str) and v.strip()]
        named = [t for t in titles if heading_level_of(t) == "priority" and heading_text(t) != t]
        if len(named) != 1:
            return
        found[r.name] = (_without_period_tail(heading_text(named[0])), named[0])
    if len({p for p, _ in found.values()}) != len(found):
        return
    for r in reads:
        priority, title = found[r.name]
        if "priority" in r.frame:
            r.frame["priority"] = priority
        else:
            cols = list(r.frame.columns)
            at = cols.index(spec.key_field) + 1 if spec.key_field in cols else len(cols)
            r.frame.insert(at, "priority", priority)
        n = r.frame[spec.id_field].nunique()
        report.add(r.name, "priority", title, f"the sheet's title {title!r} read as the priority of its {n} {spec.noun}"
                                              f"{'s' * (n != 1)} (one sheet per priority)", "info")


def _same_figures(frame: pd.DataFrame, others: list[pd.DataFrame]) -> bool:
    """Whether every measure of ``frame`` has the figures of one measure on another sheet, for the latest quarter and every
    other quarter both give: a chart's data, the same measures named more briefly."""
    if "actual" not in frame or "measure_id" not in frame:
        return False
    theirs = []
    for o in others:
        if "actual" in o and "measure_id" in o:
            quarters = o if "span" not in o else o[o["span"].astype(str) != "year"]  # a year's outturn is no quarter's figure
            for _, g in quarters.dropna(subset=["actual"]).groupby("measure_id", observed=True):
                theirs.append(dict(zip(g["period"], g["actual"].round(6))))
    latest = frame["period"].max()
    for _, g in frame.dropna(subset=["actual"]).groupby("measure_id", observed=True):
        mine = dict(zip(g["period"], g["actual"].round(6)))
        # the same figure for the latest quarter, and for every other quarter both sheets give
        if not any(latest in t and mine.get(latest) == t[latest] and all(t[p] == v for p, v in mine.items() if p in t) for t in theirs):
            return False
    return bool(theirs)


_TO_DATE_TAB = re.compile(r"(?i)^\s*(?:year[\s-]*to[\s-]*date|ytd|cumulative|year\s+so\s+far)\b")


def _match_by_title(reads: list[SheetRead], spec: KindSpec, report: Report) -> None:
    """Tabs of different quarters with no reference column: one title is one item on every tab.

    Each tab's generated ids (``M001``...) would otherwise count every item once per quarter and
    lose its movement. The ids are given again in order of first appearance, said in a note;
    where a tab repeats a title, nothing is matched and a warning says to add references.
    """
    key = spec.key_field
    if len(reads) < 2 or any(spec.id_field in r.table.cmap.fields or key not in r.frame for r in reads):
        return
    periods = [set(r.frame["period"].dropna()) for r in reads]
    if any(a & b for i, a in enumerate(periods) for b in periods[i + 1:]):
        return  # two tabs of one quarter: not one item per title across quarters
    titles = [list(dict.fromkeys(r.frame[key])) for r in reads]
    if any(len(t) < r.frame[spec.id_field].nunique() or "" in t for t, r in zip(titles, reads)):
        report.add(", ".join(r.name for r in reads), spec.id_field, "",
                   f"the tabs have no reference column and some {spec.noun}s share a title or have none, so perfkit cannot tell which "
                   f"{spec.noun} on one tab is which on the next: each is counted once per tab; add a reference column (Ref) to every tab",
                   "warning")
        return
    order = list(dict.fromkeys(t for ts in titles for t in ts))
    new = {t: f"{spec.id_prefix}{i:03d}" for i, t in enumerate(order, start=1)}
    for r in reads:
        r.frame[spec.id_field] = r.frame[key].map(new)
    report.add(", ".join(r.name for r in reads), spec.id_field, "",
               f"no reference column on tabs {', '.join(map(repr, (r.name for r in reads)))}: each {spec.noun} is matched across the "
               f"quarters by its {key} ({len(order)} {spec.noun}{'s' * (len(order) != 1)}, numbered {spec.id_prefix}001... in order); "
               "a title reworded between quarters is a new item, so add a reference column (Ref) to be sure", "info")


def _qualify_shared_references(reads: list[SheetRead], names: dict[str, str], spec: KindSpec, report: Report) -> None:
    """A reference two directorates both use is two items: each is read as ``"<directorate> <reference>"``, said in a note.

    One directorate's tabs for different quarters (``Adults Q1``, ``Adults Q2``) share their references as one item each.
    """
    ident, noun = spec.id_field, spec.noun
    typed = [r for r in reads if ident in r.table.cmap.fields]
    seen: dict[str, dict[str, SheetRead]] = {}  # reference -> directorate -> the first sheet giving it
    for r in typed:
        for ref in dict.fromkeys(r.frame[ident]):
            seen.setdefault(ref, {}).setdefault(names[r.name], r)
    shared = {ref: by for ref, by in seen.items() if len(by) > 1}
    if not shared:
        return
    groups: dict[tuple[str, ...], list[str]] = {}
    for ref, by in shared.items():
        groups.setdefault(tuple(by), []).append(ref)
    for directorates_, refs in groups.items():
        ref = refs[0]
        rs = [shared[ref][d] for d in directorates_]
        cells, titles = [], set()
        for r in rs:
            row = r.frame.loc[r.frame[ident] == ref].iloc[0]
            src_row = int(re.search(r"(\d+)$", row["source"])[1]) - 1
            cells.append(row["source"] if isinstance(r.table.sheet, TransposedSheet) else r.table.cell(src_row, r.table.cmap.fields[ident]))
            titles.add(str(row.get(spec.key_field, "")))
        shown = ", ".join(map(repr, refs[:6])) + (f" and {len(refs) - 6} more" if len(refs) > 6 else "")
        report.add(
            cells[-1], ident, ref,
            f"reference{'s' * (len(refs) > 1)} {shown} {'are' if len(refs) > 1 else 'is'} used on sheets "
            f"{' and '.join(repr(r.name) for r in rs)} (e.g. {ref!r} at {' and '.join(cells)}) "
            f"{'for the same ' + noun + ' in each directorate' if len(titles) == 1 else 'for different ' + noun + 's'}: items are "
            f"keyed by directorate and reference, so each is its own {noun}, read as {', '.join(repr(d + ' ' + ref) for d in directorates_)} "
            f"(every reference of these directorates takes its name); to keep your references as typed, give each {noun} "
            "its own in the workbook", "info",
        )
    touched = {d for by in shared.values() for d in by}
    for r in typed:
        if names[r.name] in touched:  # every reference of these directorates, not only those shared: one way of keying each
            r.frame[ident] = [f"{names[r.name]} {v}" for v in r.frame[ident]]


# ---------------------------------------------------------------------------------------------- clashes


def report_clashes(out: pd.DataFrame, keys: list[str], spec: KindSpec, report: Report, message=None) -> None:
    """One item given twice for one period by two sheets: an error saying what to type.

    ``message(ident, period, sheets, sources) -> (cell, text)``, where given, words the error for one
    reference (the engine's names both references' cells and the ``perfkit.toml`` lines that settle it).

    Where one sheet repeats every item of another for the same quarter (two quarter sheets whose
    titles name one quarter, or a copy), one error for the pair gives the ``perfkit.toml`` lines
    (the sheet's ``period``, or ``kind = "ignore"``); otherwise each reference is named with both cells.
    """
    dup = out.duplicated(keys, keep=False)
    if not dup.any():
        return
    pairs: dict[tuple[str, str], list[tuple]] = {}
    twice = out[dup]
    groups: dict[tuple, list[int]] = {}  # in plain lists: a pandas group for each of 100,000 items took a minute
    for i, key in enumerate(zip(*(twice[k].tolist() for k in keys))):
        if not any(pd.isna(k) for k in key):  # as groupby leaves out a missing key
            groups.setdefault(key, []).append(i)
    sources, idents, periods = twice["source"].tolist(), twice[spec.id_field].tolist(), twice["period"].tolist()
    for rows in groups.values():
        first: dict[str, str] = {}  # each sheet's first cell for the item, in the order of the rows
        for i in rows:
            first.setdefault(sources[i].split("!")[0], sources[i])
        if len(first) < 2:
            continue  # the same sheet's repeats are reported by its own check
        (a, src_a), (b, src_b) = list(first.items())[:2]
        pairs.setdefault((a, b), []).append((idents[rows[0]], periods[rows[0]], src_a, src_b))
    sheet_of = out["source"].str.split("!").str[0]
    noun = spec.noun
    for (a, b), clashes in pairs.items():
        refs = list(dict.fromkeys(c[0] for c in clashes))
        on_b = out.loc[sheet_of == b, spec.id_field].nunique()
        periods = sorted({c[1] for c in clashes})
        ident, period, src_a, src_b = clashes[0]
        if len(refs) == on_b and len(refs) > 1:
            named = quarter_named(b, period.qyear)
            suggest = named.label if named is not None and named.end != period else period_label(period + 1)
            report.add(
                src_b, spec.id_field, ident,
                f"sheet {b!r} repeats all {len(refs)} {noun}s of sheet {a!r} for {_labels(periods)} (the same references, e.g. "
                f"{ident!r} at {src_a} and {src_b}). If each sheet reports a different quarter, say which in perfkit.toml: "
                f"[sheets.\"{b}\"] period = \"{suggest}\"; if {b!r} is a copy or a summary, [sheets.\"{b}\"] kind = \"ignore\"",
            )
            continue
        for ident, period, src_a, src_b in clashes:
            if message is not None:
                where, text = message(ident, period, [a, b], [src_a, src_b])
                report.add(where, spec.id_field, ident, text)
                continue
            report.add(
                src_b, spec.id_field, ident,
                f"{noun} {ident!r} for {period_label(period)} is on sheets {a!r} and {b!r} (also at {src_a}): give each {noun} its "
                f"own reference in the workbook; if {b!r} is a copy, mark it [sheets.\"{b}\"] kind = \"ignore\" in perfkit.toml",
            )


# ------------------------------------------------------------------------------ an actual row over a target row

_ROW_ACTUAL = re.compile(r"(?i)^\s*(?:actual|actuals|outturn|result|results|performance|achieved|actual performance)\s*:?\s*$")
_ROW_TARGET = re.compile(r"(?i)^\s*(?:target|targets|profile|target profile|profiled target|plan|planned|trajectory)\s*:?\s*$")


@dataclass
class PairedRowsSheet(Sheet):
    """A measures table kept two rows to a measure, ``Actual`` over ``Target`` (a label in a column of their own, the
    reference and name merged over both), read as one row per measure: each period's target from the target row is a
    column of its own beside the period's figure (``Apr-Jun 24 target``). ``origin`` maps every cell back."""

    base: Sheet | None = None
    width: int = 0  # the sheet's own columns; the targets follow them
    row_of: list[int] = field(default_factory=list)  # each row here: the sheet's row
    target_row_of: dict[int, int] = field(default_factory=dict)  # a row here: the sheet's target row under it
    target_cols: list[int] = field(default_factory=list)  # the sheet's period columns, in the order their targets follow

    def origin(self, row: int, col: int) -> tuple[int, int]:
        r = self.row_of[row] if row < len(self.row_of) else row
        if col < self.width:
            return r, col
        k = col - self.width
        return (self.target_row_of.get(row, r), self.target_cols[k]) if k < len(self.target_cols) else (r, col)

    @cached_property
    def _inverse(self) -> dict[tuple[int, int], tuple[int, int]]:
        back = {}
        for here, r in enumerate(self.row_of):
            for c in range(self.width + len(self.target_cols)):
                back[self.origin(here, c)] = (here, c)
        return back

    def fills(self, cells) -> dict[tuple[int, int], str]:
        cells = list(cells)
        found = self.base.fills([self.origin(r, c) for r, c in cells])
        back = self._inverse
        return {back[rc]: colour for rc, colour in found.items() if rc in back}

    def percent_cells(self, rows: list[int], cols: list[int]) -> set[tuple[int, int]]:
        wanted = {(r, c) for r in rows for c in cols}
        cells = [self.origin(r, c) for r, c in wanted]
        found = self.base.percent_cells(sorted({r for r, _ in cells}), sorted({c for _, c in cells})) if cells else set()
        back = self._inverse
        return {back[rc] for rc in found if rc in back} & wanted


def _row_label(v: str) -> str | None:
    """``"actual"`` or ``"target"`` for a pair's label (``Actual``, ``Profile``, ``Target:``), else None."""
    return "actual" if _ROW_ACTUAL.match(v) else "target" if _ROW_TARGET.match(v) else None


def paired_rows_view(sheet: Sheet, cmap) -> tuple[PairedRowsSheet, str] | None:
    """A measures table with an ``Actual`` row over a ``Target`` row for each measure, labelled in a column of their own:
    the view reading each pair as one row, and a note saying so; None for any other table.

    Each target row must sit under (or over) an actual row and give nothing of its own outside the period columns but
    what the actual row gives (merged cells, repeated names) or figures (a year-to-date target); two pairs at least.
    """
    periods = [pc.col for pc in cmap.period_columns if pc.field == "actual"]
    if len(periods) < 1 or isinstance(sheet, (TransposedSheet, PairedRowsSheet)):
        return None
    rows, top = sheet.rows, cmap.header_row + 1
    width = max((len(r) for r in rows[:top + 500]), default=0)
    for col in range(min(width, 12)):
        if col in periods:
            continue
        labels: dict[int, str] = {}
        for r in range(top, len(rows)):  # stops at the first cell that is no label: most columns are passed over at once
            v = get(rows[r], col)
            if isinstance(v, str) and v.strip():
                kind = _row_label(v)
                if kind is None:
                    break
                labels[r] = kind
        else:
            kind = ""
        targets = [r for r, k in labels.items() if k == "target"]
        actuals = [r for r, k in labels.items() if k == "actual"]
        if kind is None or len(targets) < 2 or len(actuals) < 2:
            continue
        pairs = {}
        # 'Profile' over 'Actual' or 'Actual' over 'Target': the first label says which row of a pair comes first (a
        # profile row's row above is the last pair's actual)
        down = labels[min(labels)] == "target"
        for t in targets:
            a = (t + 1 if labels.get(t + 1) == "actual" else None) if down else \
                t - 1 if labels.get(t - 1) == "actual" else t + 1 if labels.get(t + 1) == "actual" else None
            if a is None or a in pairs:
                break
            others = [c for c in range(width) if c != col and c not in periods and not blank(get(rows[t], c))]
            # the target row's own figure beside the periods (a year-to-date target) is a figure, not another measure's name;
            # a pair's name written once, on its first row ('Council tax collected | Profile' over '| Actual'), is the pair's
            if any(get(rows[t], c) != get(rows[a], c) and parse_number(get(rows[t], c)).value is None
                   and not (t < a and blank(get(rows[a], c))) for c in others):
                break
            pairs[a] = t
        else:
            if len(pairs) != len(actuals):
                continue
            return _paired_view(sheet, cmap, col, pairs, periods, width)
    return None


def _paired_view(sheet: Sheet, cmap, col: int, pairs: dict[int, int], periods: list[int], width: int) -> tuple[PairedRowsSheet, str]:
    rows, header_row = sheet.rows, cmap.header_row
    gone = set(pairs.values())
    view_rows, row_of, target_row_of = [], [], {}
    for r, row in enumerate(rows):
        if r in gone:
            continue
        new = list(row) + [""] * (width - len(row))
        if r > header_row:
            new[col] = ""
        if r == header_row:
            new[col] = ""
            new += [f"{text(row[c])} target" for c in periods]
        elif r in pairs:
            target_row_of[len(view_rows)] = pairs[r]
            if pairs[r] < r:  # the pair's name, reference or year's target written once, on its first row (the target's)
                above = rows[pairs[r]]
                new = [get(above, c) if blank(v) and c != col and c not in periods else v for c, v in enumerate(new)]
            new += [get(rows[pairs[r]], c) for c in periods]
        else:
            new += [""] * len(periods)
        view_rows.append(new)
        row_of.append(r)
    here = {r: i for i, r in enumerate(row_of)}
    merged = []
    for (r1, c1), (r2, c2) in sheet.merged:
        if r1 in here:
            last = max((here[r] for r in range(r1, r2 + 1) if r in here), default=here[r1])
            merged.append(((here[r1], c1), (last, c2)))
    errors = {(here[r], c): e for (r, c), e in sheet.errors.items() if r in here}
    for i, t in target_row_of.items():
        errors.update({(i, width + k): sheet.errors[(t, c)] for k, c in enumerate(periods) if (t, c) in sheet.errors})
    view = PairedRowsSheet(sheet.name, view_rows, merged, errors, sheet.book, base=sheet, width=width, row_of=row_of,
                           target_row_of=target_row_of, target_cols=periods)
    first = sorted(pairs.items())[:2]
    cells = ", ".join(f"{col_letter(col)}{t + 1}" for _, t in first)
    upper, lower = sorted(first[0])
    note = (f"each measure is two rows, {text(get(rows[upper], col))!r} over {text(get(rows[lower], col))!r} "
            f"(column {col_letter(col)}: {cells}...): read as one measure a pair, its target for each period from the "
            f"{text(get(rows[first[0][1]], col))!r} row")
    return view, note


def unheaded_pairs(sheet: Sheet, columns: dict | None, scale: StatusScale | None) -> tuple[PairedRowsSheet, object, str] | None:
    """A revenues return's ``Profile`` over ``Actual`` rows under a header of months alone (``| | Apr | May ... Sep``): the
    names and the pairs' labels stand in columns with no header, so no header fitted and the sheet was refused with a guess
    of milestones. Where the header row's cells are all periods, one column to their left holds a label of a pair on every
    row (``Profile``, ``Actual``) and one other holds words, those words are read as the measures' names (said aloud) and
    the pairs as one measure each: ``(view, cmap, note)``; None for any other sheet."""
    spec = get_kind("measures")
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        filled = [c for c, v in enumerate(row) if not blank(v)]
        if len(filled) < 2 or filled[0] < 2:
            continue
        cmap = map_header_row(row, r, spec)  # perfkit.toml's lines for the months ("Apr" = "ignore") are for the reading below
        if len(cmap.period_columns) != len(filled) or any(pc.field != "actual" for pc in cmap.period_columns):
            continue
        body = [sheet.rows[k] for k in range(r + 1, min(len(sheet.rows), r + 1 + 200))]
        labels = [c for c in range(filled[0])
                  if (cells := [text(get(b, c)) for b in body if not blank(get(b, c))]) and len(cells) >= 4
                  and all(_row_label(v) for v in cells)]
        names = [c for c in range(filled[0]) if c not in labels
                 and (cells := [get(b, c) for b in body if not blank(get(b, c))]) and len(cells) >= 2
                 and all(isinstance(v, str) and not _row_label(v) and parse_number(v).value is None for v in cells)]
        if len(labels) != 1 or len(names) != 1:
            return None
        rows = list(sheet.rows)
        rows[r] = [*row] + [""] * (names[0] + 1 - len(row))
        rows[r][names[0]] = "Measure"
        named = Sheet(sheet.name, rows, sheet.merged, sheet.errors, sheet.book)
        found, _ = header_in(named, spec, columns, r + 1, scale)
        paired = paired_rows_view(named, found) if found is not None else None
        if paired is None:
            return None
        view, note = paired
        view.base = sheet  # the sheet as it is, its cell blank: fills and formats are the same cells'
        again, _ = header_in(view, spec, columns, r + 1, scale)
        if again is None:
            return None
        where = f"{col_letter(names[0])}{r + 1}"
        return view, again, (f"column {col_letter(names[0])} has no header ({where} is blank) but holds a name on each pair's "
                             f"first row: read as the measures' names; {note}")
    return None


# A recommendation's number as a plan's group column or a list of recommendations gives it: "1", "R2", "Rec 3"
_NUMBERED = re.compile(r"(?i)^\s*(?:r|rec\.?|recommendation)?\s*(\d{1,3})\s*$")


def numbered_groups_named(book: Workbook, unread: list[str], frame: pd.DataFrame, report: Report) -> None:
    """An inspection's improvement plan: each action's ``Rec`` (1, 2, 3) on the plan's sheet, and the recommendations
    themselves on a sheet of their own (``No. | Recommendation``), which is text, not a table of items. Each group is
    named by its number and its words (``1. Improve the quality of supervision``), said in a note; the groups stay as
    they are where no one sheet gives words for every number."""
    if "group" not in frame or not len(frame):
        return
    groups = {text(g) for g in frame["group"].dropna().unique()} - {""}
    nums = {g: m[1] for g in groups if (m := _NUMBERED.match(g))}
    if not nums or len(nums) != len(groups):
        return
    for name in unread:
        try:
            sheet = book.sheet(name)
        except LayoutError:
            continue
        found: dict = {}
        for row in sheet.rows[:400]:
            cells = [v for v in row if not blank(v)]
            if len(cells) == 2 and (m := _NUMBERED.match(text(cells[0]))) and isinstance(cells[1], str) \
                    and len(cells[1].split()) >= 2:
                found.setdefault(m[1], " ".join(cells[1].split()))
        if set(nums.values()) <= set(found):
            named = {g: f"{n}. {found[n]}" for g, n in nums.items()}
            frame["group"] = [named.get(text(g), g) if not blank(g) else g for g in frame["group"]]
            first = next(iter(sorted(named.items(), key=lambda kv: int(nums[kv[0]]))))[1]
            report.add(name, "group", "", f"the numbered recommendations on this sheet name the plan's groups by their "
                       f"numbers ({first!r}...)", "info")
            return
