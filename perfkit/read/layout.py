"""The layout engine: tables, headers, sections, merged cells and period columns, for any kind.

Officers lay workbooks out by hand: title rows above the header, a year or a band
merged over the quarter columns, priorities as section rows or merged cells,
totals and source notes under the table. The engine finds each table a kind's
spec (:mod:`perfkit.read.spec`) fits, resolves its period columns to financial
quarters, walks its rows into items (with the fields carried down to them) and
accounts for every other row and column in a :class:`~perfkit.core.errors.Report`.
It knows nothing of any one kind: frame builders in :mod:`perfkit.read.engine` (and
the other kinds' modules) turn a located :class:`Table` into a tidy frame.

Examples
--------
>>> from perfkit.read.layout import heading_text
>>> heading_text("PRIORITY: A thriving place"), heading_text("Priority 2 - Safe communities")
('A thriving place', 'Safe communities')
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections import Counter
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import numpy as np

from perfkit.read.columns import ACTUAL_DATE, LAST_YEAR, LEGEND, OVERALL, language_parts, PERIOD_LIKE, PREVIOUS, RELATIVE, ColumnMap, PeriodColumn, map_header_row, read_header, resolve_token, split_header, token_month
from perfkit.read.columns import periods_before, to_period_columns
from perfkit.core import schema
from perfkit.core.config import toml_string
from perfkit.core.errors import LayoutError, PeriodError, Report
from perfkit.read.spec import KindSpec, normalise_header
from perfkit.read.vocabulary import header_words, vocabulary
from perfkit.core.numbers import parse_number
from perfkit.core.status import DEFAULT_SCALE
from perfkit.core.periods import PooledPeriod, Span, financial_year, find_financial_year, months_disagree, parse_span, period_label
from perfkit.read.workbook import Sheet, Workbook, cell_range, col_index
from perfkit.core.errors import cell_name, col_letter
from perfkit.read.columns import PERIOD_TOKEN

HEADER_SCAN_ROWS = 40
# Rows under a table that are not items: notes, keys, sources and footers (a single piece of text).
NOTE_ROW = re.compile(
    r"^\s*(key(?!\s+(?:recommendation|theme|priority|objective|outcome)s?\b)|rag key|status key|source|sources|notes?|n\.?b\.?|definitions?|prepared by|"
    r"last updated|updated|\*|please|end of|produced by|data as at|appendix|version|footnote)\b|^[a-z]{1,3}\s*[=:\-–]\s",
    re.I,
)
# Rows that sum or average the items above them: never an item.
TOTAL_ROW = re.compile(
    r"^\s*(?:grand\s+|sub[\s-]?|overall\s+|council\s+|authority\s+)?(?:total|totals|average|mean|median|sum|overall|count|all)"
    r"\s*(?:[:(\-–].*|(?:for|of|across)\s+(?:all|the|each|priority|priorities|theme|section|council|measures|milestones|indicators).*)?$",
    re.I,
)
# "Programme total", "Directorate totals", "Total deductions": a total named for what it adds up, taken as one only on a row
# with no reference and nothing in the kind's own columns (a status, a figure, a date), never an item named "Total visits".
NAMED_TOTAL = re.compile(r"^\s*(?:(?:[a-z&/'-]+\s+){1,3}(?:sub[\s-]?)?totals?|(?:sub[\s-]?|grand\s+)?totals?\s+[a-z&/'-]+(?:\s+\([^)]*\))?)\s*:?\s*$", re.I)
# The first letters of every TOTAL_ROW word: a cheap test before the regex, on the fast path.
_TOTAL_HEADS = frozenset({"gra", "sub", "ove", "cou", "aut", "tot", "ave", "mea", "med", "sum", "all"})
# "Priority 1: A thriving economy", "PRIORITY: ...", "Theme - ..." -> the words after the label.
#: A line of commentary under an item, labelled as such: "Commentary: ...", "Update -", "Officer comment:".
COMMENT_LINE = re.compile(r"(?i)^\s*(?:(?:officer'?s?|service|lead|q[1-4]|quarter\s+[1-4]|latest|progress)\s+)?"
                          r"(?:commentary|comments?|update|narrative|remarks?|explanation)\s*[:\-–—]\s*")


HEADING_PREFIX = re.compile(
    r"^\s*(?:council\s+plan\s+|(?:key|main|strategic)\s+(?=recommendation|theme|priority|objective|outcome))?"
    r"(?:priority|priorities|(?:well[\s-]?being\s+)?objective|theme|outcome|ambition|pillar|aim|strategy|tactic|activity|"
    r"amcan(?:\s+llesiant)?|blaenoriaeth|thema|"  # Welsh: (well-being) objective, priority, theme
    r"workstream|section|area\s+for\s+improvement|area|recommendation|finding|directorate|service|rec\.?(?=\s*\d)|r(?=\d))\s*"
    r"(?:\d+(?:\.\d+)*[a-z]?|[ivx]+)?\s*[:.\-–—)]\s*",
    re.I,
)
_NUMBERED_HEADING = re.compile(r"^\s*\d+[a-z]?[.)]\s+(?=\D)")


def blank(v) -> bool:
    """Whether a cell holds nothing: empty, whitespace, or a float NaN."""
    return v is None or v == "" or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))


def text(v) -> str:
    """A cell as text: whole-number floats without ``.0``, runs of white space folded to one space."""
    if v.__class__ is str:  # most cells: blank ones (white space alone) fold to "" all the same
        return " ".join(v.split())
    if blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def heading_text(value: str) -> str:
    """A section heading without its label and number (``Priority 1: X`` -> ``X``)."""
    t = text(value)
    stripped = HEADING_PREFIX.sub("", t)
    stripped = _NUMBERED_HEADING.sub("", stripped) if stripped == t else stripped
    return stripped.strip() or t


def get(row: list, col: int | None):
    """A row's cell at a column, or ``""`` where the column is absent or beyond the row."""
    if col is None or col >= len(row):
        return ""
    return row[col]


def column(rows: list[list], row_idx: list[int], col: int | None) -> list:
    """``[get(rows[r], col) for r in row_idx]``: one column of the given rows, picked in C where every row reaches it.

    Examples
    --------
    >>> column([["a", 1], ["b"], ["c", 3]], [0, 2], 1), column([["a", 1], ["b"]], [0, 1], 1), column([["a"]], [0], None)
    ([1, 3], [1, ''], [''])
    """
    if col is None:
        return [""] * len(row_idx)
    picked = list(map(rows.__getitem__, row_idx))
    if col >= 0:
        try:
            return list(map(itemgetter(col), picked))
        except IndexError:  # a short row (a CSV's): each asked in turn
            pass
    return [get(row, col) for row in picked]


@dataclass
class Heading:
    """A section-heading row and the item rows it governs; ``parent`` is the priority row above an objective row."""

    row: int
    col: int
    text: str
    first: int | None = None
    last: int | None = None
    count: int = 0
    clear: bool = True
    level: str = ""
    parent: "Heading | None" = None
    thread: int | None = None  # 0, 1, 2 for a row labelled Objective, Strategy, Tactic (the golden thread in rows)
    text_raw: str = ""  # the row as typed ("Outcome 1: ..."), its number kept


# The level a labelled section row names: "Priority 1: ..." above "Objective 1.1: ..." (the golden thread in rows).
_TOP_LEVEL = re.compile(r"^\s*(?:council\s+plan\s+|corporate\s+)?(?:priority|priorities|theme|ambition|pillar|aim)\b", re.I)
_SUB_LEVEL = re.compile(r"^\s*(?:strategic\s+)?(?:objective|strategy|commitment|outcome)\b", re.I)


_THREAD = re.compile(r"^\s*(objective|strategy|tactic)s?\b\s*(?:\d+(?:\.\d+)*[a-z]?)?\s*[:.\-–—]", re.I)


def thread_level(raw: str) -> int | None:
    """0, 1 or 2 for a section row labelled as the plan's objective, strategy or tactic (``Strategy 1.1: ...``), else None.

    >>> thread_level("Objective 1: A thriving economy"), thread_level("Tactic 1.1.2: Employment land"), thread_level("Homes")
    (0, 2, None)
    """
    m = _THREAD.match(raw or "")
    return schema.HIERARCHY.index(m[1].lower()) if m else None


_HEADING_NUMBER = re.compile(r"^\s*[A-Za-z][A-Za-z ]{0,30}?\s+(\d+(?:\.\d+)*)(?!\.?\d)[a-z]?(?:\s*[:.\-–—]|\s)")


def _numbers_within(above: str, raw: str) -> bool | None:
    """Whether a section row's number extends the one above it (``1.1`` under ``1``); None unless both are numbered."""
    a, b = _HEADING_NUMBER.match(above or ""), _HEADING_NUMBER.match(raw or "")
    return b[1].startswith(a[1] + ".") if a and b else None


def _numbered_under(above: str, raw: str) -> bool:
    """Whether a section row's number extends the one above it: ``Priority 1.1: ...`` under ``Outcome 1: ...``.

    >>> _numbered_under("Outcome 1: Best start in life", "Priority 1.1: Reduce child poverty"), _numbered_under("Theme 1: A", "Theme 2: B")
    (True, False)
    >>> _numbered_under("Priority 1: A greener borough", "Outcome 1.1 Cleaner air")
    True
    """
    return _numbers_within(above, raw) is True


def _numbered_apart(above: "Heading | None", raw: str) -> bool:
    """Whether a section row and the heading above it are both numbered, the row's number not within the heading's
    (``Outcome 2: ...`` after ``Priority 1.2: ...``): never the heading's child, whatever their words."""
    return above is not None and _numbers_within(above.text_raw, raw) is False


def heading_level_of(raw: str) -> str:
    """``priority`` for a row labelled like a priority (theme, ambition...), ``objective`` for one labelled like an
    objective (strategy, commitment), else ``""``.

    Examples
    --------
    >>> heading_level_of("Priority 1: Thriving communities"), heading_level_of("Objective 1.1: Reduce homelessness")
    ('priority', 'objective')
    """
    if _TOP_LEVEL.match(raw):
        return "priority"
    return "objective" if _SUB_LEVEL.match(raw) else ""


@dataclass
class Table:
    """A located table: its sheet, column map, spec and the context for resolving periods."""

    path: Path
    sheet: Sheet
    cmap: ColumnMap
    spec: KindSpec
    report: Report = field(default_factory=Report)
    year: int | None = None
    year_source: str = ""
    headings: list[Heading] = field(default_factory=list)
    formats: dict = field(default_factory=dict)
    items: list[int] = field(default_factory=list)  # the rows data_rows read as items
    skip: frozenset = frozenset()  # rows that are not this table's items: a status key, another kind's rows (read.evidence)
    key: object = None  # the table's status key (read.evidence.Key): its words and fills
    said_words: frozenset = frozenset()  # the status words perfkit.toml gives ([status.words]), folded: never re-read
    remarks: dict = field(default_factory=dict)  # (row, col) -> what a status cell said after its status ("Red: budget pressures")
    generated: set = field(default_factory=set)  # the references perfkit gave rows that had none (ids)
    said_once: set = field(default_factory=set)  # (row, what): notes said once a row, however many of its cells they fit
    groups: dict = field(default_factory=dict)  # column -> the groups it names, for --by (grouping_columns, found once)
    comments_below: dict = field(default_factory=dict)  # item's row -> the commentary line under it ("Commentary: ...")
    as_at: tuple | None = None  # (quarter's end Period, date): the day within the quarter its title dates ("Last updated 06/01/2025")
    status_only: set = field(default_factory=set)  # measures: status columns of a quarter with no figures column
    own_periods: dict = field(default_factory=dict)  # item's row -> the period its latest figure is of, where not the quarter's
    to_date: set = field(default_factory=set)  # measures: names whose figures are typed as the year to date ('274.9 (YTD)')
    years_to_date: bool = False  # measures: every figure the year to date, its columns read as the title's quarter
    # measures: the quarter a year to date beside its months runs to (the last month with figures, ending a quarter),
    # where nothing else names the sheet's quarter (bare_year_to_date_beside_months)
    to_month: tuple | None = None
    latest_month: bool = False  # measures: the figure read is a 'Latest month' column beside the months (not a year to date)
    half_years: frozenset = frozenset()  # milestones: the quarters ending half-years whose statuses a half-year's column gave ('H1 RAG')
    month_figures: dict = field(default_factory=dict)  # measures: quarter's end -> the month its figures are ('September 2025')
    # the quarter's end, the month's place in the financial year (April 0) and the month ('May 2024'), where a sheet's
    # period is the quarter one month in its title or name falls in: one tab a month (workbook_layouts.arrange)
    named_month: tuple | None = None
    comparators: dict = field(default_factory=dict)  # measures: column -> header of another area's figures ('England 2023-24')
    # measures: column -> the area a column of the sheet's own judgements compares with ('Compared with England': Worse)
    comparator_words: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.spec.name

    def cell(self, row: int, col: int) -> str:
        return cell_name(self.sheet.name, *self.sheet.origin(row, col))

    def cell_prefix(self, col: int) -> str | None:
        """``Sheet!D``, to which a row's number (``r + 1``) adds to name a cell of column ``col`` as :meth:`cell` does;
        None for a rearranged view of a sheet (a transposed table), whose cells only :meth:`cell` can name."""
        if type(self.sheet).origin is not Sheet.origin:
            return None
        return f"{self.sheet.name}!{col_letter(col)}"

    def unsay_unused(self, cells) -> None:
        """Drop the 'not used by perfkit' note of header cells (``Risks!E4``) whose columns are read after all."""
        cells = set(cells)
        self.report.drop(lambda p: p.source in cells and "not used by perfkit" in p.message)

    def cells(self, rows: list[int], col: int) -> list[str]:
        """:meth:`cell` for each of some rows in one column, the column's letter found once."""
        prefix = self.cell_prefix(col)
        if prefix is None:
            return [self.cell(r, col) for r in rows]
        return [f"{prefix}{r + 1}" for r in rows]

    def column_range(self, col: int, rows: list[int]) -> str:
        """``Sheet!D5:D40`` for a column over some rows (or one cell); along a row for a transposed table."""
        lo, hi = min(rows), max(rows)
        (r1, c1), (r2, c2) = self.sheet.origin(lo, col), self.sheet.origin(hi, col)
        first = cell_name(self.sheet.name, r1, c1)
        return first + (f":{col_letter(c2)}{r2 + 1}" if (r2, c2) != (r1, c1) else "")

    @property
    def title(self) -> str:
        # the rows above the header, never a two-row header's band row ("Previous residual score (Jun 24)" over its column)
        top = self.cmap.header_row - max(self.cmap.header_rows - 1, 0)
        return " ".join(text(v) for row in self.sheet.rows[:top] for v in row if not blank(v))


# ---------------------------------------------------------------------------------------------- headers


def stacked_header(sheet: Sheet, r: int, spec: KindSpec) -> list | None:
    """Row ``r`` read with the band labels of the row above it, for two-row headers.

    Handles a merged ``Q1`` (or ``2024/25``, ``Jul-Sep 2023``) over ``Status |
    Commentary`` columns, a merged year over ``Q1 … Q4`` columns, and a kind's own
    bands (``Inherent risk`` over ``Impact | Likelihood``, see ``KindSpec.bands``):
    each column under a label gets it as a prefix (``Q1 Status``, ``2024/25 Q1
    Progress``, ``inherent Impact``). A label covers its merged range or, without
    merge information, the columns up to the next label. Returns None when the row
    above names no period or band.
    """
    if r == 0:
        return None
    above, row = sheet.rows[r - 1], sheet.rows[r]

    repeating = set(spec.period_fields)
    labels = {c: text(v) for c, v in enumerate(above)
              if not blank(v) and (PERIOD_TOKEN.search(text(v).lower()) or spec.band(v) or _field_band(v, spec, repeating))}
    # labels merged across their columns that are no period, band or field of their own ("Completion date")
    groups = {c: t for c, t in group_labels(sheet, r).items() if c not in labels}
    labels.update(groups)
    # "Previous | Latest" merged over "Period | Value" each: a figure and the period it is of, before and now
    relative = {c1: text(above[c1]) for (r1, c1), (r2, c2) in sheet.merged
                if r1 == r2 == r - 1 and c2 > c1 and c1 < len(above) and _RELATIVE_BAND.match(text(above[c1]))
                and any(c1 <= c <= c2 and _DATA_PERIOD.match(text(v)) for c, v in enumerate(row))}
    labels.update(relative)
    if not labels:
        return None
    starts_above = [c for c, v in enumerate(above) if not blank(v)]
    first_head = next((c for c, v in enumerate(row) if not blank(v)), None)
    if (len(starts_above) == 1 and starts_above[0] == first_head
            and not _bare_period(above[first_head]) and len(text(above[first_head]).split()) >= 3):
        # "Savings 2024/25: Quarter 2" alone in A1 over "Ref | Proposal | ... | RAG": the sheet's title, never a band over
        # its columns (read so, the title and the quarter it names were lost)
        return None
    spans: dict[int, str] = {}
    merged = {(r1, c1): c2 for (r1, c1), (r2, c2) in sheet.merged if r1 == r - 1}
    starts = sorted(c for c, v in enumerate(above) if not blank(v))
    for c, label in labels.items():
        if (r - 1, c) in merged:
            end = merged[(r - 1, c)]
        else:
            later = [x for x in starts if x > c]
            end = (later[0] - 1) if later else len(row) - 1
        if all(col >= len(row) or blank(row[col]) for col in range(c, end + 1)):
            continue  # a label with nothing under it ("Target score", "Q1 rating" merged down) is the column's own header
        for col in range(c, end + 1):
            spans[col] = label
    filled = [c for c, v in enumerate(row) if not blank(v)]
    if len(filled) == 1 and filled[0] not in spans:
        return None  # one cell under the header's own labels: a section row ("Strategic Aim 1 – Prevention"), not a header
    out = list(row)
    changed = False
    # Labels written once for both rows (Ref, Action... merged down, or left blank below) belong to this row too.
    for c, v in enumerate(above):
        if c < len(out) and blank(out[c]) and not blank(v) and c not in spans:
            out[c] = v
            changed = True
    for c, label in spans.items():
        if label in relative.values() and c < len(row) and not blank(row[c]):
            # "Period" under "Latest": the period each row's figure is of, never the sheet's own period column
            out[c] = f"{label} data period" if _DATA_PERIOD.match(text(row[c])) else f"{label} {text(row[c])}"
            changed = True
            continue
        if label in groups.values() and c < len(row) and not blank(row[c]):
            joined = read_header(f"{label} {text(row[c])}", spec)
            own = read_header(row[c], spec)
            if own.field is not None and not own.by_words and (joined.field is None or joined.by_words):
                continue  # "Timescales" over "Baseline completion | Forecast completion": each a header of its own
            out[c] = f"{label} {text(row[c])}"  # "Completion date" over "Planned | Actual / forecast"
            changed = True
            continue
        if _field_band(label, spec, repeating):
            # "Actual" (or "RAG", "Commentary") over "Apr-Jun | Jul-Sep ...": each period's column of that field
            if c < len(row) and _bare_period(row[c]):
                out[c] = f"{text(row[c])} {label}"
                changed = True
            continue
        band = spec.band(label)
        if band is not None and c < len(row) and not blank(row[c]):
            fld, _ = split_header(f"{band} {text(row[c])}", spec)
            if fld is not None:
                found = PERIOD_TOKEN.search(label.lower())  # "Residual risk 2024/25 Q1": the band's quarter too
                out[c] = f"{label[found.start(1):found.end(1)]} {band} {text(row[c])}" if found else f"{band} {text(row[c])}"
                changed = True
            continue
        if c < len(row) and not blank(row[c]):
            fld, token = split_header(row[c], spec)
            if fld in repeating and token is None:
                out[c] = f"{label} {text(row[c])}"
                changed = True
            elif token is not None and fld in repeating and not re.search(r"\d{2}\s*[/\-–]\s*\d{2}", token):
                out[c] = f"{label} {text(row[c])}"  # "Q1 Progress" under "2024/25" -> "2024/25 Q1 Progress"
                changed = True
    return out if changed else None


_RELATIVE_BAND = re.compile(r"(?i)^\s*(?:previous|prior|last|latest|current|this)(?:\s+(?:quarter|qtr|period|position|data|reported|report))?\s*$")
# what a relative band's period column is headed; it becomes "<band> data period", which read.columns takes as the
# period each figure beside it is of (ColumnMap.data_periods)
_DATA_PERIOD = re.compile(r"(?i)^\s*(?:data\s+|time\s+|reporting\s+)?(?:period|date)(?:\s+covered)?\s*$|^\s*as\s+at\s*$")


def group_labels(sheet: Sheet, r: int) -> dict[int, str]:
    """The labels of row ``r - 1`` merged across columns over row ``r`` of a two-row header (``Start date`` over ``Planned |
    Actual``, ``Completion date`` over ``Planned | Actual / forecast``), by their first column; empty unless every filled
    cell of row ``r`` is short text under one of them and the header's other labels are merged down both rows."""
    if r == 0 or r >= len(sheet.rows):
        return {}
    above, row = sheet.rows[r - 1], sheet.rows[r]
    across = {c1: c2 for (r1, c1), (r2, c2) in sheet.merged if r1 == r - 1 and r2 == r - 1 and c2 > c1}
    down = {c1 for (r1, c1), (r2, c2) in sheet.merged if r1 == r - 1 and r2 == r and c2 == c1}
    if not across:
        return {}
    under = {c for c1, c2 in across.items() for c in range(c1, c2 + 1)}
    filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
    if not filled or any(c not in under or not isinstance(v, str) or len(v) > 40 for c, v in filled):
        return {}
    # the header's other labels merged down both rows, or left blank under (three or more of them: a header row, never a
    # title merged across a table)
    beside = [c for c, v in enumerate(above) if not blank(v) and c not in under]
    if not down and len(beside) < 3:
        return {}
    return {c1: text(above[c1]) for c1 in across if c1 < len(above) and isinstance(above[c1], str) and 0 < len(above[c1].strip()) <= 40}


def _field_band(value, spec: KindSpec, repeating) -> bool:
    """A label naming one of the kind's quarterly fields and no period: ``Actual``, ``Target``, ``RAG``, ``Commentary``."""
    words = text(value).strip()
    if not words or len(words) > 40 or PERIOD_TOKEN.search(words.lower()):
        return False
    fld, token = split_header(words, spec)
    return fld in repeating and token is None


def _bare_period(value) -> bool:
    """A header cell that is a period and nothing else (``Apr-Jun``, ``Q1``, ``Jul-Sep 2024``), the field left to its band."""
    if blank(value) or not isinstance(value, str):
        return False
    words = text(value).strip().lower()
    found = PERIOD_TOKEN.search(words)
    return bool(found) and not (words[: found.start()] + words[found.end():]).strip(" -–:/()")


def _header_below(sheet: Sheet, r: int, spec: KindSpec, columns, scale) -> ColumnMap | None:
    """Row ``r + 1`` read as the second row of a two-row header whose first row is ``r``, if it fits."""
    if r + 1 >= len(sheet.rows):
        return None
    stacked = stacked_header(sheet, r + 1, spec)
    if stacked is None:
        return None
    cmap = map_header_row(stacked, r + 1, spec, columns)
    reclassify_by_content(sheet, cmap, spec, scale)
    if not cmap.fits():
        return None
    cmap.header_rows = 2
    return cmap


def header_in(sheet: Sheet, spec: KindSpec, columns=None, header_row=None, scale=None, scan_rows: int = HEADER_SCAN_ROWS) -> tuple[ColumnMap | None, ColumnMap | None]:
    """The best-fitting header row of a sheet for a kind, and the closest miss (for messages).

    ``scan_rows`` bounds the search (the rows below another kind's header are its data).
    """
    best: ColumnMap | None = None
    closest: ColumnMap | None = None
    rows = range(header_row - 1, header_row) if header_row else range(min(scan_rows, len(sheet.rows)))
    for r in rows:
        if r >= len(sheet.rows):
            break
        row = sheet.rows[r]
        if sum(not blank(v) for v in row) < 2 or (not header_row and typed_like_a_neighbour(sheet.rows, r)):
            continue
        cmap = map_header_row(row, r, spec, columns)
        reclassify_by_content(sheet, cmap, spec, scale)
        own_area_is_the_actual(sheet, cmap, spec)
        stacked = stacked_header(sheet, r, spec)
        if stacked is not None:
            two_row = map_header_row(stacked, r, spec, columns)
            reclassify_by_content(sheet, two_row, spec, scale)
            if two_row.fits() and two_row.score >= cmap.score:
                two_row.header_rows = 2
                cmap = two_row
        if cmap.fits():
            below = _header_below(sheet, r, spec, columns, scale) if not header_row else None
            # the row under labels merged across it is the header's second row at an equal score too
            if below is not None and (below.score > cmap.score or round(below.score) >= round(cmap.score) and group_labels(sheet, r + 1)):
                cmap = below
            if best is None or cmap.score > best.score:
                best = cmap
            break
        if closest is None or cmap.score > closest.score:
            closest = cmap
    return best, closest


# A column of another area's figures set beside the body's own: "England 2022-24", "National average", "CIPFA nearest neighbours"
COMPARISON_AREA = re.compile(r"(?i)^\s*(?:england|wales|scotland|northern\s+ireland|uk|united\s+kingdom|great\s+britain|gb|"
                              r"national|regional?|nearest\s+neighbours?|statistical\s+neighbours?|stat\.?\s+neighbours?|cipfa|family\s+group|"
                              r"comparators?|benchmark)\b|\b(?:average|median|quartile|mean)\b")


# A body's kind, never its name: "Partnership" beside each member council's column is the joint figure, one of several
_BODY_WORD = re.compile(r"(?i)^\s*(?:the\s+)?(?:partnership|council|authority|board|trust|total|overall|all|combined|joint|county|"
                        r"district|borough|city|region|service|directorate)s?\s*$")


def own_area_is_the_actual(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Glenmuir | Scotland`` under the title 'Glenmuir Health and Social Care Partnership', and no actual column: the
    column named for the body whose sheet it is holds its figures, read as the actual (kept in ``cmap.guesses``); the
    others (Scotland, a comparator) stay unread. The sheet was refused as having no figures, or set aside as a
    comparison with other areas."""
    if spec.name != "measures" or "actual" in cmap.fields or any(pc.field == "actual" for pc in cmap.period_columns):
        return
    items = [r for r in range(cmap.header_row + 1, min(len(sheet.rows), cmap.header_row + 200))]
    to_date = [c for c in cmap.unmapped if c not in cmap.configured and _BARE_YEAR_TO_DATE.match(cmap.headers.get(c, ""))
               and sum(1 for r in items if not blank(get(sheet.rows[r], c))) >= 2
               and number_share([get(sheet.rows[r], c) for r in items]) >= 0.5]
    if len(to_date) == 1:
        # "Target to date | Year to date": the figures to date, the only column of figures headed as no target
        cmap.unmapped.remove(to_date[0])
        cmap.fields["actual"] = to_date[0]
        cmap.guesses.append((to_date[0], "actual", "its header says it holds the figures to date, and no other column is headed "
                             "as the figures: read as the actual", "info"))
        return
    title = " ".join(text(v) for row in sheet.rows[:cmap.header_row] for v in row if isinstance(v, str))
    if not title.strip():
        return
    title = f" {normalise_header(title)} "
    own = [c for c in cmap.unmapped if c not in cmap.configured and len(_own_name(cmap.headers.get(c, ""))) >= 4
           and f" {_own_name(cmap.headers[c])} " in title and not COMPARISON_AREA.search(cmap.headers[c])
           and not _BODY_WORD.match(cmap.headers[c])
           and sum(1 for r in items if not blank(get(sheet.rows[r], c))) >= 2
           and number_share([get(sheet.rows[r], c) for r in items]) >= 0.5]
    if len(own) != 1:
        _own_area_by_period(sheet, cmap, items, title)
        return
    col = own[0]
    cmap.unmapped.remove(col)
    cmap.fields["actual"] = col
    cmap.guesses.append((col, "actual", "the sheet's title names it as the body reporting, and no other column is headed as the "
                         "figures: read as the actual (the columns of other areas beside it are not read)", "info"))



def _own_name(header: str) -> str:
    """A column's header as the name of the body it is for: ``Barnford value`` is Barnford's (normalised)."""
    return re.sub(r"\s+(?:value|values|figure|figures|rate|result|results|performance|data)$", "", normalise_header(header))


def _own_area_by_period(sheet: Sheet, cmap: ColumnMap, items: list[int], title: str) -> None:
    """``Ashvale 2022/23 | Ashvale 2023/24 | England 2023/24`` under the title '... - Ashvale County Council': the columns
    naming the body whose sheet it is, each with its period, hold its figures for those periods (read as each period's
    actual, said in ``cmap.guesses``); the other areas' stay for the comparison. The sheet was set aside as a comparison
    with other areas, though its first columns were the council's own."""
    found = []
    for c in cmap.unmapped:
        head = cmap.headers.get(c, "")
        token = PERIOD_TOKEN.search(head.lower()) if c not in cmap.configured else None
        if token is None:
            continue
        rest = (head[:token.start()] + " " + head[token.end():]).strip(" -–:/()")
        if (len(normalise_header(rest)) >= 4 and f" {normalise_header(rest)} " in title and not COMPARISON_AREA.search(rest)
                and not _BODY_WORD.match(rest) and sum(1 for r in items if not blank(get(sheet.rows[r], c))) >= 2
                and number_share([get(sheet.rows[r], c) for r in items]) >= 0.5):
            found.append((c, head[token.start():token.end()]))
    if not found or len({normalise_header(t) for _, t in found}) != len(found):
        return
    for c, token in found:
        cmap.unmapped.remove(c)
        cmap.period_columns.append(PeriodColumn(c, "actual", token, cmap.headers[c]))
        cmap.guesses.append((c, "actual", "the sheet's title names it as the body reporting, and no other column is headed as "
                             "the figures: read as its actual for the period its header names (the columns of other areas "
                             "beside it are compared with it)", "info"))


def typed_like_a_neighbour(rows: list, r: int) -> bool:
    """Whether row ``r`` holds dates or figures in two or more of the columns where the row below (or above) holds them
    too: a row of data, not a header (a header names its columns in words, or by dates over words; a year such as
    2024 over figures is a header's).

    >>> import datetime as dt
    >>> typed_like_a_neighbour([["Project", "Start", "Budget"], ["Orchard", dt.date(2024, 9, 1), 5000],
    ...                         ["Lights", dt.date(2024, 10, 1), 8000]], 1), typed_like_a_neighbour([["Measure", 2023, 2024], ["Calls", 91, 94]], 0)
    (True, False)
    """
    for n in (r + 1, r - 1):
        if not 0 <= n < len(rows):
            continue
        other, same = rows[n], 0
        for c, v in enumerate(rows[r][:len(other)]):
            w = other[c]
            if isinstance(v, (_dt.date, _dt.datetime)) and isinstance(w, (_dt.date, _dt.datetime)):
                same += 1
            elif (isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and not (1990 <= v <= 2100 and v == round(v))
                  and isinstance(w, (int, float)) and not isinstance(w, bool) and w == w):
                same += 1
        if same >= 2:
            return True
    return False


def closest_text(closest: tuple[str, ColumnMap] | None) -> str:
    if closest is None or not closest[1].headers:
        return ""
    c = closest[1]
    found = ", ".join(f"{col_letter(k)}={v!r}" for k, v in list(c.headers.items())[:12])
    said = "".join(f" {why[0].upper()}{why[1:]}." for _, fld, why, severity in c.guesses if severity == "warning" and not fld)
    return f" The closest was sheet {closest[0]!r} row {c.header_row + 1}: {found}.{said}"


def no_table_error(book: Workbook, spec: KindSpec, names: list[str], closest) -> LayoutError:
    """The refusal when no sheet holds a kind's table, naming the sheets and the closest header found."""
    return LayoutError(
        f"{book.path.name}: found no {spec.name} header row (looked for {spec.describe} in the first "
        f"{HEADER_SCAN_ROWS} rows of {', '.join(map(repr, names))}).{closest_text(closest)}",
        hint=(
            "Run `perfkit init` on the workbook to write a perfkit.toml you can edit, or map the headers with "
            "--map 'Your header=title' --map 'RAG Q2=status@2024/25 Q2'."
        ),
    )


# The plan a council, a police and crime commissioner, a fire authority or a partnership tracks, as its title names it
_PLAN_NAME = re.compile(
    r"(?i)(?<![\w-])((?:joint\s+)?(?:local\s+)?health\s+and\s+well-?being\s+strategy|police(?:,\s*fire)?\s+and\s+crime\s+plan|"
    r"fire\s+and\s+rescue\s+plan|(?:community|integrated)\s+risk\s+management\s+plan|local\s+outcomes\s+improvement\s+plan|"
    r"strategic\s+commissioning\s+plan|(?:local\s+)?well-?being\s+plan|(?:council|corporate|county|city|borough|district|"
    r"community|island)\s+(?:plan|strategy)|climate\s+(?:emergency\s+)?(?:action\s+plan|strategy)|"
    # a national park's or a fire authority's own plan; a Welsh body's well-being objectives
    r"(?:authority\s+)?business\s+plan|well-?being\s+objectives|"
    # a combined authority's or a council's named programme
    r"(?:investment|capital|transformation|regeneration|change|improvement|levelling\s+up)\s+programme|"
    # an NHS trust's, an integration joint board's or a partnership's own: never the 'Council Plan'
    r"(?:trust|organisational|partnership|integrated\s+care)\s+strategy|strategic\s+plan)(?![\w-])")
_SMALL_WORDS = {"and", "of", "for", "the"}


def plan_named(texts) -> str | None:
    """The plan a workbook's titles name (``Police and Crime Plan``, ``Health and Wellbeing Strategy``), as a title
    writes it; None where they name none, or more than one.

    Examples
    --------
    >>> plan_named(["Police and Crime Plan 2021-25: delivery update, Quarter 2 2024/25"])
    'Police and Crime Plan'
    >>> plan_named(["JOINT HEALTH AND WELLBEING STRATEGY - ACTION TRACKER"]), plan_named(["Service plan 2024/25"])
    ('Joint Health and Wellbeing Strategy', None)
    >>> plan_named(["Exmoor National Park Authority – Business Plan 2024/25"]), plan_named(["Well-being Objectives 2024/25 – Q2"])
    ('Business Plan', 'Well-being Objectives')
    >>> plan_named(["Investment Programme – Programme Tracker"])
    'Investment Programme'
    """
    found = []
    for t in texts:
        for m in _PLAN_NAME.finditer(" ".join(str(t).split())):
            words = m[1].split()
            found.append(" ".join(w.lower() if w.lower() in _SMALL_WORDS and i else (w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w)
                                  for i, w in enumerate(words)))
    names = list(dict.fromkeys(found))
    return names[0] if len({n.lower() for n in names}) == 1 else None


def make_table(book: Workbook, sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> Table:
    """A :class:`Table` for a sheet's located header, with its title rows read for the year and period."""
    table = Table(book.path, sheet, cmap, spec)
    top = cmap.header_row - (cmap.header_rows - 1)
    if top > 0:
        title = [text(v) for row in sheet.rows[:top] for v in row if not blank(v)]
        if title:
            table.report.add(f"{sheet.name}!A1:A{top}", "", " | ".join(title)[:200], "title rows above the header, read for the year only", "info")
    return table


def table_above(table: Table) -> None:
    """A table of the same kind in the rows above the one read that no plan reads (its header not one perfkit finds):
    its header (two of its cells read as the kind's columns) over two rows or more with figures. Never read as title
    rows without a word: a warning naming its rows, which are not read."""
    rows, spec = table.sheet.rows, table.spec
    top = table.cmap.header_row - (table.cmap.header_rows - 1)
    r = 0
    while r < top - 2:
        cells = [v for v in rows[r] if not blank(v)]
        if len(cells) >= 3 and all(isinstance(v, str) for v in cells) and \
                sum(1 for v in cells if split_header(v, spec)[0] is not None) >= 2 and \
                sum(1 for v in cells if DEFAULT_SCALE.normalise(v) is not None) < 2:  # "Priority | Green | Amber": counts
            end = r + 1
            while end < top and sum(1 for v in rows[end] if not blank(v)) >= 3 and any(
                    isinstance(v, (int, float)) and not isinstance(v, bool) or isinstance(v, str) and parse_number(v).value is not None
                    for v in rows[end]):
                end += 1
            if end - r - 1 >= 2:
                shown = ", ".join(repr(text(v)) for v in cells[:4])
                table.report.add(f"{table.sheet.name}!A{r + 1}:A{end}", "", text(cells[0]),
                                 f"rows {r + 2} to {end} above the table read (its header at row {table.cmap.header_row + 1}) hold a "
                                 f"table of their own, headed {shown} at row {r + 1}: not read; perfkit reads one table of a "
                                 f"kind per sheet here, so give that table a sheet of its own to read it (or, if it is not data, "
                                 "this warning can be accepted)", "warning")
                return
            r = end
        r += 1




# Another area's figure beside a measure's own: a country, a region, a family or neighbour group, an average of others
COMPARATOR_HEADER = re.compile(r"(?i)^\s*(?:(?:england|scotland|wales|northern\s+ireland|uk|gb|national|regional|region|"
                               r"family\s+group|nearest\s+neighbours?|statistical\s+neighbours?|stat\.?\s+neighbours?|cipfa\s+(?:nearest\s+)?neighbours?|"
                               r"comparator(?:\s+group)?|peer\s+group|similar\s+(?:councils|authorities)|"
                               r"(?:north|south|east|west)(?:\s+(?:east|west))?|midlands|london|all\s+(?:councils|authorities)|"
                               r"shire\s+districts|unitaries|met(?:ropolitan)?\s+districts)"
                               r"(?:\s+(?:average|mean|median|figure|value|rate|benchmark|\(?(?:fy\s*)?\d{2,4}(?:\s*[/\-–]\s*\d{2,4})?\)?))*)\s*$"
                               # "Benchmark (London average)", "Comparator: England": the area named after the word
                               r"|^\s*(?:benchmark|comparator)\s*(?:\(|:|-|–)\s*[a-z][a-z &'-]{1,40}\)?\s*$"
                               # a fire authority's "5-year average (Q2)": its own years' average, compared as an area's is
                               r"|^\s*(?:\d{1,2}|three|five|ten)[\s-]*y(?:ea)?rs?\s+(?:rolling\s+)?"
                               r"(?:average|mean|median)(?:\s*\(?[a-z0-9 /\-–]{1,20}\)?)?\s*$")
_LAST_YEAR = re.compile(r"(?i)\b(?:last|previous|prior)\s+year\b|\bsame\s+(?:period|quarter)\b|\byear\s+before\b")
_MOVED_DATE = re.compile(r"(?i)\b(forecast|revised|rescheduled|re-?scheduled|amended|expected|anticipated|new (?:target|due|end)|"
                         r"moved to|re-?profiled|latest (?:date|forecast|target))\b")
_NOT_A_GROUP = re.compile(r"\b(comments?|commentary|notes?|narrative|update|progress|description|details?|actions?|"
                          r"evidence|explanation|reasons?|issues?|risks?|mitigation|source|link|url|email|contact|better|worse|"
                          r"polarity|direction|good|trend|travel|frequency|unit|units|status|rag|rating|confidence|score|compared|comparison|"
                          r"comparator|benchmark|quartile|average|median)\b", re.I)


def grouping_columns(table: Table) -> dict[int, list[str]]:
    """The columns perfkit has no field for that put the items in groups (a ``Workstream``, ``Programme`` or ``Board``
    column): a few short names, each shared by several items, filled in on (nearly) every item's row; with the names in
    the order they first appear. Kept beside the item's fields, under the header as written, for ``--by``.

    A transposed table has none: its columns are items, not fields.
    """
    cmap, rows = table.cmap, table.sheet.rows
    key = cmap.fields.get(table.spec.key_field)
    if key is None or not cmap.unmapped or getattr(table.sheet, "base", None) is not None:
        return {}
    items = [r for r in range(cmap.header_row + 1, len(rows)) if r not in table.skip and not blank(get(rows[r], key))]
    out: dict[int, list[str]] = {}
    if len(items) < 4:
        return out
    for col in cmap.unmapped:
        header = cmap.headers[col]
        if not header or _NOT_A_GROUP.search(header) or PERIOD_LIKE.search(header.lower()):
            continue
        values = [get(rows[r], col) for r in items]
        names = [text(v) for v in values if not blank(v)]
        if (len(names) < 0.8 * len(items) or any(not isinstance(v, str) for v in values if not blank(v))
                or any(len(n) > 80 or not re.search(r"[A-Za-z]", n) for n in names)):
            continue
        distinct = list(dict.fromkeys(names))
        # Half as many groups as items, or fewer; or nearly one each, where most items share theirs with another
        # (`Project` over seven milestones: three projects of two and one of one). A column of names repeats nothing.
        shared = sum(n for n in Counter(names).values() if n > 1)
        if 2 <= len(distinct) <= len(items) // 2 or (2 <= len(distinct) < len(names) and 2 * shared >= len(names)):
            out[col] = distinct
    return out


# "24 months to Sep 2024", "2 years to March 2024": a window other than a quarter or a year (see _ROLLING)
_WINDOW = re.compile(r"(?i)\b(?:rolling\s+)?(?:(?!12\b)(?:[4-9]|[1-9]\d)\s+months?|[2-5]\s+years?)\s+(?:to|ending|up\s+to)\b")


def _example_quarter(table: Table) -> str:
    """The quarter a message's example line names: Q2 of the sheet's year (``2024/25 Q2`` where it has none)."""
    return f"{table.year - 1}/{table.year % 100:02d} Q2" if table.year else "2024/25 Q2"


# "Apr–Sep 2024/25", "April to December": the year from April to a quarter's end after June, its figure to date
_APRIL_TO = re.compile(r"(?i)\bapr(?:il)?\s*(?:-|–|—|to)\s*(?:sep(?:t(?:ember)?)?|dec(?:ember)?)\b")


# "Compared with England", "Comparison to region", "vs England": a column of judgements against another area
_COMPARED_WITH = re.compile(r"(?i)^(?:(?:compared|comparison|comparing|benchmarked)\s+(?:with|to|against)|vs\.?|versus)\s+"
                            r"(?:the\s+)?(?P<area>[a-z][a-z &'-]{1,40}?)(?:\s+(?:average|figure|value|rate))?\s*:?\s*$")
# a judgement against another area, as publishers write it (perfkit.read.kinds.comparators reads them the same way)
JUDGEMENT = re.compile(r"(?i)^\s*(?:(?:statistically\s+)?(?:significantly\s+)?(?P<better>better)|(?:statistically\s+)?"
                       r"(?:significantly\s+)?(?P<worse>worse)|(?P<same>similar|same|no\s+(?:significant\s+)?difference|"
                       r"not\s+(?:statistically\s+)?significantly\s+different|in\s+line)|(?:significantly\s+)?(?P<higher>higher|above)|"
                       r"(?:significantly\s+)?(?P<lower>lower|below)|(?P<none>not\s+compared|n/?a|-|–))(?![a-z])")


def judgement(v) -> str | None:
    """A cell's judgement against another area: ``better``, ``worse``, ``same``, ``higher``, ``lower``, or None.

    Examples
    --------
    >>> [judgement(v) for v in ("Worse", "Significantly better", "Similar", "Not compared", "Above", 4.2)]
    ['worse', 'better', 'same', None, 'higher', None]
    """
    m = JUDGEMENT.match(v) if v.__class__ is str else None
    return next((k for k in ("better", "worse", "same", "higher", "lower") if m[k]), None) if m else None


def _judgements(table: Table, col: int) -> bool:
    """Whether a column's cells are judgements against another area (Better, Similar, Worse), most of them."""
    values = [v for r in item_rows(table.sheet, table.cmap.header_row, col) if not blank(v := get(table.sheet.rows[r], col))]
    return len(values) >= 2 and sum(1 for v in values if v.__class__ is str and JUDGEMENT.match(v)) >= 0.8 * len(values)


def account_for_columns(table: Table) -> None:
    """Every non-empty column not read is reported: a period-looking header as a warning, others as notes."""
    cmap, rows = table.cmap, table.sheet.rows
    first = cmap.header_row + 1
    groups = table.groups = grouping_columns(table)
    legend: set[int] = set()  # a key's columns beside the table ('RAG key' over its words, their meanings to its right)
    # the status column headed 'Overall RAG', where there is one: beside it, other ratings are of each item's parts
    overall = next((c for f, c in cmap.fields.items() if f in (table.spec.status_field, "reported_status")
                    and OVERALL.match(cmap.headers.get(c, ""))), None)
    for col in cmap.unmapped:
        header = cmap.headers[col]
        has_values = any(col < len(row) and not blank(row[col]) for row in rows[first:])
        where = table.cell(cmap.header_row, col)
        rating = read_header(header, table.spec) if has_values else None
        as_status = rating is not None and rating.token is None and rating.field in (table.spec.status_field, "reported_status")
        rated_by = cmap.fields.get(rating.field) if as_status else None
        if has_values and overall is not None and overall != col and (as_status or _A_RATING.search(header)):
            # "Delivery RAG | Budget RAG | Risk RAG" beside "Overall RAG": ratings of one part of each item
            table.report.add(where, "", header, f"column {header!r} rates one part of each item; {cmap.headers[overall]!r} is "
                             "its status: not read", "info")
        elif rated_by is not None and rated_by != col:
            # "RAG | Status", neither overall: the first was read, said so that the other can be named
            other = cmap.headers.get(rated_by, "")
            table.report.add(where, "", header, f"columns {other!r} and {header!r} both read as the status: {other!r} was "
                             f"read; if {header!r} is the items' status, put {toml_string(header)} = \"{rating.field}\" and "
                             f"{toml_string(other)} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] in "
                             "perfkit.toml", "info")
        elif LEGEND.search(" ".join(header.lower().split())) and has_values:
            legend.add(col)
            nxt = col + 1
            while nxt not in cmap.headers and any(nxt < len(row) and not blank(row[nxt]) for row in rows[first:]):
                legend.add(nxt)
                nxt += 1
            span = f"{col_letter(col)}:{col_letter(max(c for c in legend if c >= col))}"
            table.report.add(where, "", header, f"column {header!r} (columns {span}) is a key beside the table, its words and "
                             "what they mean, not data: not read", "info")
        elif (table.spec.name == "measures" and has_values and (area := _COMPARED_WITH.match(" ".join(header.split())))
              and _judgements(table, col)):
            # "Compared with England" over Worse, Similar, Better: the publisher's own judgement (often a statistical one),
            # counted as it says beside the comparator's figures
            table.comparator_words[col] = area["area"].strip()
            table.report.add(where, "", header, f"column {header!r} holds the sheet's own judgement of each measure against "
                             f"{area['area'].strip()} (better, similar or worse): the brief counts the measures as it says", "info")
        elif (table.spec.name == "measures" and has_values and COMPARATOR_HEADER.search(header)
                and (column_content(table.sheet, cmap.header_row, col, None, table.items or None) in ("number", "percent")
                     # 'Scotland' over 97.8, 190, 0.891, n/a: figures, each its own (read as unique, like references)
                     or number_share([get(row, col) for row in rows[first:first + 200]]) >= 0.8)):
            # "England 2023-24", "Family group average": another area's figure beside each measure's, kept beside its latest
            table.comparators[col] = header
            table.report.add(where, "", header, f"column {header!r} holds a comparator's figures: kept beside each measure's "
                             "latest figure, and the brief counts the measures better and worse than it (by their polarity)", "info")
        elif (_YEAR_TO_DATE.search(header) and has_values and not PERIOD_TOKEN.search(_YEAR_TO_DATE.sub(" ", header).lower())
                or has_values and _APRIL_TO.search(header) and cmap.period_columns):
            table.report.add(where, "", header,
                             f"column {header!r} holds a year-to-date figure beside the quarters' own, which perfkit reads instead "
                             f"(and adds up itself for a measure that builds through the year): not read; to say so, put "
                             f"{toml_string(header)} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml",
                             "info")
        elif _WINDOW.search(header) and has_values:  # "24 months to Sep 2024": a rolling window's figure, no quarter's
            table.report.add(where, "", header,
                             f"column {header!r} holds a figure over a rolling window (a national assessment period or a "
                             f"benchmark), not a quarter's: not read; to read it as a quarter's figure, map it, e.g. "
                             f"{toml_string(header)} = \"{table.spec.bare_period_field}@{_example_quarter(table)}\" in perfkit.toml", "info")
        elif (PERIOD_LIKE.search(header.lower()) and has_values and len(header.split()) >= 5
              and column_content(table.sheet, cmap.header_row, col, None, table.items or None) == "long text"):
            # "Q2 Achievements - including where BCF funding is supporting improvements.": the period's words, no figure
            table.report.add(where, "", header, f"column {header!r} holds text about the period, not figures or statuses: not "
                             f"read; to keep it as the commentary, put {toml_string(header)} = \"commentary\" under "
                             f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "info")
        elif PERIOD_LIKE.search(header.lower()) and has_values:
            label = _example_quarter(table)
            found = PERIOD_TOKEN.search(header.lower())
            if found is not None:  # the quarter the header names ("Apr-Jun compliant?" is Q1; "March 2024" is 2023/24 Q4)
                try:
                    end = resolve_token(found.group(1), table.year).end
                    # "Q2 same period last year": the quarter a year before the one it names
                    label = period_label(end - 4 if _LAST_YEAR.search(header) and end.freqstr.startswith("Q") else end)
                except Exception:  # a token no quarter can be made of: the example keeps the year's Q2
                    pass
            example = f"{table.spec.bare_period_field}@{label}"
            table.report.add(
                where, "", header,
                f"column {header!r} looks like a period's column but was not read; say what it holds (e.g. "
                f"\"{header}\" = \"{example}\" in perfkit.toml, or --map) or map it to \"ignore\"",
                "warning",
            )
        elif (has_values and ("due_date" in cmap.fields or "original_due_date" in cmap.fields) and "revised_due_date" not in cmap.fields
              and "revised_due_date" in table.spec.fields and _MOVED_DATE.search(header) and not ACTUAL_DATE.search(header)
              and column_content(table.sheet, cmap.header_row, col, None, table.items or None) == "date"):  # never 'Expected outcome'
            # "Rescheduled to", "Latest forecast": a date an item was moved to, not read, would leave overdue on the old one
            table.report.add(where, "", header,
                             f"column {header!r} looks like the date items were moved to, but was not read: overdue is counted "
                             f"from {cmap.headers[cmap.fields.get('due_date', cmap.fields.get('original_due_date'))]!r}; if it is, put {toml_string(header)} = "
                             f"\"revised_due_date\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml, else "
                             "\"ignore\"", "warning")
        elif col in groups:
            names = groups[col]
            listed = ", ".join(map(repr, names[:4])) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
            table.report.add(where, "", header, f"column {header!r} puts the items in {len(names)} groups ({listed}): kept as a "
                             f"grouping, so `--by {header}` (or [briefing] by = {toml_string(header)} in perfkit.toml) counts them "
                             "group by group", "info")
        elif col in cmap.data_periods and has_values:  # said with the figures beside it (resolve_previous)
            continue
        elif table.spec.name == "risks" and has_values and RISK_APPETITE_HEAD.match(header):
            continue  # each risk's own appetite: said where the register is built (kinds.risks)
        else:
            table.report.add(where, "", header, f"column {header!r} is not used by perfkit" + ("" if has_values else " (empty)"), "info")
    for col in cmap.ignored:
        table.report.add(table.cell(cmap.header_row, col), "", cmap.headers[col], f"column {cmap.headers[col]!r} ignored as mapped", "info")
    report_months_disagree(table)
    mine = [r for r in range(first, len(rows)) if r not in table.skip]  # never a second table's rows, under its own header
    width = max((len(rows[r]) for r in mine), default=0)
    for col in range(width):
        if col in cmap.headers or col in legend:
            continue
        filled = [r for r in mine if col < len(rows[r]) and not blank(rows[r][col])]
        if len(filled) >= 2:
            table.report.add(
                table.column_range(col, filled), "", "",
                f"column {col_letter(col)} has {len(filled)} values but no header: not read; give it a header or map it",
                "warning",
            )


# ---------------------------------------------------------------------------------------------- years


# What a title says before the date of the position it reports: "position at 30 September 2024", "as at", "period ending"
_POSITION_OF = re.compile(r"(?i)\b(?:position|progress|performance|status)\s+(?:at|as\s+at|to)\b|\bas\s+(?:at|of)\b|"
                          r"\b(?:period|quarter|month|year|half[\s-]?year)\s+(?:ending|ended|to)\b")


def resolve_year(table: Table, year=None, year_source: str = "--year") -> None:
    """The financial year for headers that name none: title rows, sheet name, file name, then ``year``.

    The choice is reported; a given year that disagrees with the sheet's own is a warning.
    """
    seen = []
    for where, src in (("the title rows", table.title), ("the sheet name", table.sheet.name), ("the file name", table.path.stem.replace("_", " "))):
        found = find_financial_year(src)
        if found is not None and where == "the title rows":
            # "Self-Assessment 2023-24: Action Plan" over "Quarter 2 2024-25 report": the quarter reported names the year
            # (a quarter written as one, never a date such as "5,214 homes at 31 March 2024": a count's date, not the report's)
            named = _quarter_written(src, found)
            if named is not None and named.end.qyear != found:
                table.report.add(table.sheet.name, "year", "", f"the title rows name {found - 1}/{found % 100:02d} and "
                                 f"{period_label(named.end)}: read as {named.end.qyear - 1}/{named.end.qyear % 100:02d}, the "
                                 "year of the quarter they report", "info")
                found = named.end.qyear
        if found is not None:
            seen.append((where, found))
    if seen:
        table.year, table.year_source = seen[0][1], seen[0][0]
        if len(seen) > 1 and seen[1][1] != seen[0][1] and seen[1][0] == "the sheet name":
            other = seen[1][1]
            table.report.add(
                table.sheet.name, "year", "",
                f"{seen[0][0]} say {table.year - 1}/{table.year % 100:02d} but {seen[1][0]} says {other - 1}/{other % 100:02d}: "
                f"used {table.year - 1}/{table.year % 100:02d}; correct whichever is wrong, or give the year in perfkit.toml",
                "warning",
            )
    if not seen and year is None:
        for where, src in (("the title rows", table.title), ("the sheet name", table.sheet.name), ("the file name", table.path.stem.replace("_", " "))):
            low = src.lower() if isinstance(src, str) else ""
            found_all = list(_MONTH_YEAR.finditer(low))
            # "LGA Corporate Peer Challenge (November 2023) ... position at 30 September 2024": the position's date; else
            # the end of a quarter's months ("Ofsted inspection (January 2024)" over "Quarter 3 update (October - December
            # 2024)": the quarter reported, never the inspection's date)
            m = next((x for x in found_all if _POSITION_OF.search(low[max(0, x.start() - 24):x.start()])),
                     next((x for x in found_all if _MONTHS_TO.search(low[max(0, x.start() - 16):x.start()])),
                          found_all[0] if found_all else None))
            if m is not None and _WRITTEN_ON.search(low[max(0, m.start() - 24):m.start()]):
                continue  # "Updated April 2025": when it was written, not the year it reports
            if m is None or token_month(m[1]) is None:
                continue
            month, calendar = token_month(m[1]), int(m[2])
            table.year, table.year_source = calendar + (month >= 4), where
            table.report.add(table.sheet.name, "year", m[0],
                             f"financial year {table.year - 1}/{table.year % 100:02d} taken from {m[0].strip()!r} in {where}", "info")
            break
    if year is not None:
        given = year_arg(year, year_source)
        if table.year is not None and given != table.year:
            table.report.add(
                table.sheet.name, "year", str(year),
                f"{year_source} says {given - 1}/{given % 100:02d} but {table.year_source} say {table.year - 1}/{table.year % 100:02d}: "
                f"used {table.year - 1}/{table.year % 100:02d} from the sheet; correct the title or remove {year_source}",
                "warning",
            )
        elif table.year is None:
            table.year, table.year_source = given, year_source
    if table.year is None and (named := [y for pc in table.cmap.period_columns if (y := find_financial_year(pc.header)) is not None]):
        # 'Quarter 2 2024/25' over 'Status | Commentary': the header names its own year, never taken from a cover sheet
        table.year, table.year_source = max(named), "the headers"
    if table.year is None and table.sheet.book is not None:
        _year_from_cover(table)


_COVER = re.compile(r"(?i)cover|contents|front|summary|introduction|key|guide|read\s*me|about|notes|dashboard|overview|highlight")


def other_sheets(table: Table, named: re.Pattern, rows: int, first: int | None = None):
    """The other sheets of a table's workbook whose names match ``named`` (of the first ``first`` sheets, where given), each
    as (name, its first ``rows`` rows); a sheet perfkit cannot open is passed over (its own reading says why)."""
    book = table.sheet.book
    for name in book.sheet_names[:first] if book is not None else ():
        if name == table.sheet.name or not named.search(name):
            continue
        try:
            yield name, book.sheet(name).rows[:rows]
        except Exception:  # noqa: BLE001 - passed over here, refused where the sheet itself is read
            continue


def _cover_texts(table: Table):
    """The text of a workbook's cover sheets' first rows, where a sheet's year or quarter may be named when it names none
    itself: (sheet, row, column, text), in the order read."""
    for name, rows in other_sheets(table, _COVER, 10, first=3):
        for r, row in enumerate(rows):
            for c, v in enumerate(row[:6]):
                if isinstance(v, str):
                    yield name, r, c, v


def _year_from_cover(table: Table) -> None:
    """The financial year a workbook's cover sheet names in its first rows (``Quarter 2 2024/25``), for a sheet that names
    none itself, said in a note."""
    for name, r, c, v in _cover_texts(table):
        found = find_financial_year(v)
        if found is not None:
            table.year, table.year_source = found, f"the cover sheet {name!r}"
            table.report.add(table.sheet.name, "year", v, f"financial year {found - 1}/{found % 100:02d} taken from "
                             f"{text(v)[:60]!r} on the cover sheet ({cell_name(name, r, c)}), as this sheet "
                             "names none itself", "info")
            return
    # "Quarter 2 (July to September 2024)": a quarter with its months' calendar year places the financial year too
    quarters: dict = {}
    for name, r, c, v in _cover_texts(table):
        span = quarter_named(v, None) if len(v) <= 120 else None
        if span is not None and span.kind == "quarter":
            quarters.setdefault(int(span.end.qyear), (name, r, c, v))
    if len(quarters) == 1:
        found, (name, r, c, v) = next(iter(quarters.items()))
        table.year, table.year_source = found, f"the cover sheet {name!r}"
        table.report.add(table.sheet.name, "year", v, f"financial year {found - 1}/{found % 100:02d} taken from "
                         f"{text(v)[:60]!r} on the cover sheet ({cell_name(name, r, c)}), the quarter it names, as this "
                         "sheet names no year itself", "info")


def _quarter_from_cover(table: Table) -> Span | None:
    """The one quarter a workbook's cover sheet names in its first rows ("Quarter 2 (July to September 2024)"), for a sheet
    that names none itself, said in a note; None where no cover names one, or a cover names two."""
    found: dict = {}
    for name, r, c, v in _cover_texts(table):
        span = quarter_named(v, table.year) if len(v) <= 120 else None
        if span is not None and span.kind == "quarter":
            found.setdefault(span.end, (span, cell_name(name, r, c), text(v)))
    if len(found) != 1:
        return None
    span, where, said = next(iter(found.values()))
    table.report.add(table.sheet.name, "period", said, f"read as {span.label}, the quarter the cover sheet names ({where}: "
                     f"{said[:60]!r}), as this sheet names none itself; if it reports another, say so in perfkit.toml: "
                     f"[sheets.\"{table.sheet.name}\"] period = \"{span.label}\"", "info")
    return span


# "October - December 2024", "July to September 2024": the month before a range's last month and year
_MONTHS_TO = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*(?:-|–|—|to)\s*$")
_WRITTEN_ON = re.compile(r"\b(?:updated|published|printed|produced|prepared|revised|issued|created|saved|version|draft)\b")
# "Corporate risk register - September 2024": a month and its year place the financial year when nothing else names it.
_MONTH_YEAR = re.compile(r"(?<![a-z0-9])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[\s\-'’,]*((?:19|20)\d{2})(?!\d)")


def year_arg(year, source: str = "year") -> int:
    """``year=`` (``--year``, ``year =`` in perfkit.toml) as the end year of the financial year: '2023/24' is 2024.

    A bare calendar year (``2023``) is refused: officers mean the year a financial year starts in as
    often as the one it ends in, and a wrong guess moves every quarter by a year. ``source`` says
    where the year was given (``--year``, ``perfkit.toml``, ``perfkit.toml (sheet 'Plan')``), for the message.

    Examples
    --------
    >>> year_arg("2023/24"), year_arg("FY 2024-25")
    (2024, 2025)
    >>> try:
    ...     year_arg("2023", "--year")
    ... except PeriodError as exc:
    ...     print(exc)
    --year 2023 names a calendar year, but a financial year runs from April to March
    Write --year 2023/24 (April 2023 to March 2024) or --year 2022/23 (April 2022 to March 2023).
    """
    if isinstance(year, str):
        found = find_financial_year(year)
        if found is not None:
            return found
    bare = int(year) if isinstance(year, int) or (isinstance(year, str) and re.fullmatch(r"\s*\d{4}\s*", year)) else None
    if bare is None or not 1990 < bare < 2200:
        raise PeriodError(f"{_year_setting(source, year)} is not a financial year", hint=f"Write it like {_year_setting(source, '2023/24', False)}.")
    starts, ends = f"{bare}/{(bare + 1) % 100:02d}", f"{bare - 1}/{bare % 100:02d}"
    raise PeriodError(
        f"{_year_setting(source, year)} names a calendar year, but a financial year runs from April to March",
        hint=f"Write {_year_setting(source, starts, False)} (April {bare} to March {bare + 1}) or "
             f"{_year_setting(source, ends, False)} (April {bare - 1} to March {bare}).",
    )


def _year_setting(source: str, value, where: bool = True) -> str:
    """A year as the officer typed it (or should type it) where it was given: ``--year 2023/24``,
    ``perfkit.toml: year = 2023``, ``[sheets."Plan"] year = "2023/24"``."""
    if source.startswith("--"):
        return f"{source} {value}"
    shown = value if isinstance(value, int) else f'"{value}"'
    m = re.fullmatch(r"(.*) \(sheet (['\"])(.*)\2\)", source)
    file, line = (m[1], f'[sheets."{m[3]}"] year = {shown}') if m else (source, f"year = {shown}")
    return f"{file}: {line}" if where and file != "year" else line


def token_spans(table: Table) -> dict[int, Span]:
    """Each period column's token as written, resolved with the table's year; tokens with no year and no year known raise."""
    spans: dict[int, Span] = {}
    missing = []
    pooled = []
    cells = []
    cmap = table.cmap
    for pc in cmap.period_columns:
        try:
            spans[pc.col] = resolve_token(pc.token, table.year)
        except PooledPeriod as exc:
            pooled.append((pc, exc))
        except PeriodError as exc:
            if "without a year" in str(exc):
                missing.append(pc.header)
                cells.append(table.cell(cmap.header_row, pc.col))
            else:
                table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header, f"header period not understood: {exc.args[0]}")
    if pooled:
        _report_pooled(table, pooled, every=len(pooled) == len(cmap.period_columns))
    if missing and spans and table.year is None:
        # "Mid-year % complete" beside "Mid-year update (Sept 2024) RAG": the sheet's own dated columns give its year
        years = {int(s.end.qyear) for s in spans.values()}
        if len(years) == 1:
            year = years.pop()
            dated = [pc for pc in cmap.period_columns if pc.col in spans]
            for pc in cmap.period_columns:
                if pc.col not in spans and pc.header in missing:
                    spans[pc.col] = resolve_token(pc.token, year)
            table.report.add(f"{cells[0]}" + (f":{cells[-1].split('!')[1]}" if len(cells) > 1 else ""), "period", missing[0],
                             f"column{'s' * (len(missing) > 1)} {', '.join(map(repr, missing[:6]))} name{'s' * (len(missing) == 1)} "
                             f"no year: read in {year - 1}/{year % 100:02d}, the year of the sheet's other period columns "
                             f"({', '.join(repr(pc.header) for pc in dated[:3])}); if that is wrong, say so in perfkit.toml: "
                             f"[sheets.\"{table.sheet.name}\"] year = \"...\"", "info")
            missing = []
    if missing:
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} has columns {', '.join(map(repr, missing[:6]))} ({cells[0]}"
            f"{':' + cells[-1].split('!')[1] if len(cells) > 1 else ''}) that name months or quarters without a year, and no "
            "financial year was found in its title rows, the sheet name or the file name.",
            hint=f"Give the year in perfkit.toml: year = \"2024/25\" (for every sheet), or [sheets.\"{table.sheet.name}\"] "
                 "year = \"2024/25\" (for this one); or --year 2024/25, or put it in the sheet's title row.",
        )
    return spans


_BASELINE = re.compile(r"(?i)\b(?:average|avg|mean|baseline|benchmark)\b")


def _report_pooled(table: Table, pooled: list, every: bool) -> None:
    """One error for a sheet's columns headed with pooled years (``2016 - 18``), naming the cells and the lines to type."""
    cmap = table.cmap
    cols = [pc.col for pc, _ in pooled]
    where = f"{table.cell(cmap.header_row, cols[0])}" + (f":{col_letter(cols[-1])}{cmap.header_row + 1}" if len(cols) > 1 else "")
    spans = ", ".join(f"{pc.header!r} ({exc.first} to {exc.last})" for pc, exc in pooled[:6]) + ("..." if len(pooled) > 6 else "")
    lines = "; ".join(f'"{pc.header}" = "ignore"' for pc, _ in pooled[:6])
    sheet = table.sheet.name.replace('"', '\\"')
    instead = (f', or mark the whole sheet [sheets."{sheet}"] kind = "ignore" (its figures can be read as comparison data with '
               "perfkit.read_comparators)") if every else ""
    table.report.add(
        where, pooled[0][0].field, pooled[0][0].header,
        f"column{'s' * (len(pooled) > 1)} {spans} {'are' if len(pooled) > 1 else 'is'} calendar years pooled, as Fingertips and the ONS "
        "publish them, not a month or one financial year: perfkit reports quarters, half-years and financial years, none of which "
        f"holds a pooled figure{'' if every else '; left out, and the other columns read'}. To "
        f"{'leave' if every else 'say so and silence this warning, leave'} {'them' if len(pooled) > 1 else 'it'} out: put under "
        f"[sheets.\"{sheet}\".columns] in perfkit.toml {lines}{instead}",
        "error" if every else ("info" if all(_BASELINE.search(pc.header) for pc, _ in pooled) else "warning"),
    )  # a pooled baseline beside the quarters ("2017-19 average (baseline)") is plainly no quarter's: said as a note


def period_spans(table: Table) -> dict[int, Span]:
    """Resolve every period column's token to a span, or raise asking for the year.

    Single-month columns (``Sep-24``, ``June position``) are read as the quarter they fall
    in only when each quarter has one such column per field (a quarter's position written
    as its month); several months in one quarter are monthly data, which is refused with
    a hint rather than folded into quarters.
    """
    cmap = table.cmap
    spans = token_spans(table)
    other_kinds_quarters(table, spans)
    _roll_back_years(table, spans)
    months_beside_quarters(table, spans)
    year_to_date_beside_quarters(table, spans)
    _years_to_date_in_the_quarter(table, spans)
    by_field: dict[tuple[str, object], list[int]] = {}
    for pc in cmap.period_columns:
        s = spans.get(pc.col)
        if s is not None and s.kind == "month":
            by_field.setdefault((pc.field, s.end), []).append(pc.col)
    monthly = {k: v for k, v in by_field.items() if len(v) > 1}
    years_to_date = _year_to_date_years_beside_months(table, spans, monthly) if monthly else []
    if monthly and table.spec.name == "measures" and {f for f, _ in monthly} <= {"actual"} and "actual" in cmap.fields \
            and _TWELVE_MONTHS.search(cmap.headers.get(cmap.fields["actual"], "")):
        # "Apr-25 ... Sep-25 | Rolling 12 months | Performance": a housing association's figure is its rolling year, which
        # its statuses are of; its months are set aside (read by the last month's, a month's rate was set against the year's)
        cols = sorted(c for v in monthly.values() for c in v)
        _months_set_aside(table, spans, cols, f"month columns {_listed(cmap, cols)} not read: the "
                          f"{cmap.headers[cmap.fields['actual']]!r} column is read as each measure's figure for the sheet's "
                          "period (months are never added up)", "a month, beside the rolling year's column")
        monthly = {}
    if monthly and table.latest_month and {f for f, _ in monthly} <= {"actual"}:
        # "Apr-24 ... Sep-24 | Latest month": the report's own figure is its last month's, which the statuses are of
        cols = sorted(c for v in monthly.values() for c in v)
        _months_set_aside(table, spans, cols, f"month columns {_listed(cmap, cols)} not read: the "
                          f"{cmap.headers[cmap.fields['actual']]!r} column is read as each measure's figure for the sheet's "
                          "period (months are never added up)", "a month, beside the latest month's column")
        monthly = {}
    if monthly and (years_to_date or all(f in cmap.fields and _YEAR_TO_DATE.search(cmap.headers.get(cmap.fields[f], ""))
                                         for f, _ in monthly)):
        # "Apr-24 ... Sep-24 | YTD Actual | YTD Target | YTD RAG": a board pack's months beside its year to date, which is
        # the figure the statuses are of: the months are set aside, said, and the year to date read for the sheet's period
        cols = sorted(c for v in monthly.values() for c in v)
        ytd = ", ".join(map(repr, years_to_date)) or ", ".join(repr(cmap.headers[cmap.fields[f]]) for f in dict.fromkeys(f for f, _ in monthly))
        _months_set_aside(table, spans, cols, f"month columns {_listed(cmap, cols)} not read: the year to date ({ytd}) is "
                          "read for the sheet's period, as its statuses are of it (months are never added up)",
                          "a month, beside the year to date")
        monthly = {}
        _target_to_date(table)
    if (monthly and table.spec.name != "measures" and all(f in ("status", "commentary") for f, _ in monthly)
            and "status" not in cmap.fields and _holds_statuses(table, [c for v in monthly.values() for c in v])):
        _statuses_by_month(table, spans, monthly)
        monthly = {}
    if (monthly and table.spec.name != "measures" and "status" in cmap.fields
            and not _holds_statuses(table, cols := sorted(c for v in monthly.values() for c in v))):
        # "Status | Apr-24 ... Mar-25", the months blank but for fills or marks: a Gantt chart's timeline beside the items'
        # own status column, never a status a month (it was refused, its advice mapping a month to a quarter's status)
        _months_set_aside(table, spans, cols, f"month columns {', '.join(repr(cmap.headers[c]) for c in cols[:3])}... hold "
                          f"no statuses (a timeline of the work, its bars as fills or marks) beside the status column "
                          f"{cmap.headers[cmap.fields['status']]!r}, which is read: not read",
                          "a month of a timeline (a Gantt chart), beside the status column")
        monthly = {}
    if (monthly and table.spec.name == "measures" and not _YEAR_TO_DATE.search(table.title or "")
            and not hasattr(table.sheet, "period_rows")  # months down the rows of a turned table: refused as before
            and "actual" not in cmap.fields  # a figures column of its own beside the months ('Actual'): refused as before
            and "actual" in {f for f, _ in monthly} and {f for f, _ in monthly} <= {"actual", "target", "reported_status", "commentary"}
            and _months_stand_alone(table, monthly)):
        # a monthly dashboard of rates, positions and figures the size of their monthly targets: each quarter is its last
        # month's figure, dated with that month wherever it is shown (never the months added up, nor a month's count
        # set against a quarter's or a year's target: those are refused as before)
        _statuses_by_month(table, spans, monthly, "each month's figure stands on its own (a rate, a position, or a figure "
                           "the size of its target), so each quarter is read from its last month's, dated with that month; "
                           "if a quarter's figure is its months added up, put [measures.rollup] default = \"sum\" in perfkit.toml")
        _date_by_last_month(table, spans, monthly)
        monthly = {}
    if (monthly and table.spec.name == "measures" and _YEAR_TO_DATE.search(table.title or "")
            and {f for f, _ in monthly} <= {"actual", "target", "reported_status", "commentary"}):
        # "Collection performance 2024/25 (cumulative)": each month's figure the year to its end, so a quarter's is its
        # last month's, as the officer reports it (never the months added up)
        _statuses_by_month(table, spans, monthly, "each month's figure is the year to date (as the title says), so each "
                           "quarter is read from its last month's")
        _date_by_last_month(table, spans, monthly)
        monthly = {}
    if monthly:
        cols = sorted(c for v in monthly.values() for c in v)
        # the example: the latest quarter's last month ('Sep-24' of 'Sep-24 | Aug-24', newest first), which stands for it
        tokens = {pc.col: pc.token for pc in cmap.period_columns}
        # of the figures' columns, those with figures in (never 'Mar-25 target', nor a month not reported yet)
        own = [pc.col for pc in cmap.period_columns if pc.col in set(cols) and pc.field == table.spec.bare_period_field]
        filled = [c for c in own if any(not blank(get(row, c)) for row in table.sheet.rows[cmap.header_row + 1:])]
        last = max(filled or own or cols, key=lambda c: (spans[c].end, (((token_month(tokens.get(c, "")) or 4) - 4) % 12), c))
        by_month = [(spans[c].end, token_month(tokens.get(c, ""))) for c in cols if c in own or not own]
        if len(set(by_month)) < len(by_month):
            # 07/07/2024, 14/07/2024 ...: dates of weeks, several in a month (a weekly snapshot), never months to add up
            raise LayoutError(
                f"{table.path.name}: sheet {table.sheet.name!r} has a column for each week ({_listed(cmap, cols)}); perfkit "
                "reports quarters and does not fold weeks into them unasked.",
                hint=f"Say which week stands for each quarter in perfkit.toml, e.g. [sheets.\"{table.sheet.name}\".columns] "
                f"\"{cmap.headers[last]}\" = \"{table.spec.bare_period_field}@{spans[last].label}\" (or --map), and map the other "
                "weeks to \"ignore\"" + (". Or take each quarter's last week: [measures.rollup] default = \"last\" (a weekly "
                                         "count is never added up here)." if table.spec.name == "measures" else "."))
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} has monthly columns ({_listed(cmap, cols)}); perfkit reports "
            "quarters and does not fold months into them unasked.",
            hint=f"Say which column stands for each quarter in perfkit.toml, e.g. [sheets.\"{table.sheet.name}\".columns] "
            f"\"{cmap.headers[last]}\" = \"{table.spec.bare_period_field}@{spans[last].label}\" (or --map), and map the other months to \"ignore\""
            + (" (only where that month's figure is the quarter's: a position at the month's end, or a figure to date; a "
               "month's count is not the quarter's). Or make each quarter from its months: [measures.rollup] default = "
               "\"sum\" (counts), \"last\" (year to date, or a position at the month's end) or \"mean\" (rates)."
               if table.spec.name == "measures" else "."),
        )
    for pc in cmap.period_columns:
        s = spans.get(pc.col)
        if s is not None and s.kind == "month":
            table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header, f"column {pc.header!r} read as {s.label}, the quarter its month falls in", "info")
            spans[pc.col] = Span("quarter", s.start, s.end)
            month = token_month(pc.token)
            if pc.field == "actual" and month is not None:  # "Sep-25": the quarter's figure is September's, said beside it
                table.month_figures[s.end] = f"{calendar.month_name[month]} {s.end.end_time.year}"
    rolling = [pc for pc in cmap.period_columns if pc.col in spans and _ROLLING.search(pc.header)]
    if rolling:  # "12 months to June 2024": each figure a year's, to the quarter's end, and compared as such
        cols = sorted(pc.col for pc in rolling)
        table.report.add(table.cell(cmap.header_row, cols[0]) + (f":{col_letter(cols[-1])}{cmap.header_row + 1}" if len(cols) > 1 else ""),
                         rolling[0].field, rolling[0].header,
                         f"column{'s' * (len(cols) > 1)} {', '.join(repr(pc.header) for pc in rolling[:4])} read as the quarter{'s' * (len(cols) > 1)} "
                         "each ends in: the figures are for the twelve months to then (a rolling year), and are compared quarter by "
                         "quarter as such", "info")
    refuse_twice_held(table, spans)
    return spans


def _listed(cmap: ColumnMap, cols: list[int]) -> str:
    """The first six columns' headers, quoted, and '...' for any more."""
    return f"{', '.join(repr(cmap.headers[c]) for c in cols[:6])}{'...' if len(cols) > 6 else ''}"


def _months_set_aside(table: Table, spans: dict[int, Span], cols: list[int], said: str, why: str) -> None:
    """Month columns ``cols`` set aside (``why``, each column's reason for init), said once over their range."""
    cmap = table.cmap
    table.report.add(table.cell(cmap.header_row, cols[0]) + f":{col_letter(cols[-1])}{cmap.header_row + 1}", "",
                     cmap.headers[cols[0]], said, "info")
    for c in cols:
        cmap.set_aside[c] = why
        spans.pop(c, None)
    gone = set(cols)
    cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in gone]


def _holds_statuses(table: Table, cols: list[int]) -> bool:
    """Whether month columns hold statuses (RAG words or letters, as a tracker rates each month), not a Gantt chart's
    markers (``◆``, ``x``) or anything else: nine in ten of their filled cells."""
    rows = table.sheet.rows[table.cmap.header_row + 1:]
    values = [text(row[c]) for row in rows for c in cols if c < len(row) and not blank(row[c])]
    said = table.said_words
    rated = sum(1 for v in values if DEFAULT_SCALE.normalise(v) is not None or v.lower() in said or _RAG_LETTER.fullmatch(v))
    return bool(values) and rated >= 0.9 * len(values)


_RAG_LETTER = re.compile(r"(?i)[BRAGC]|N/?A|-")


# A rolling year's figure beside the months: "Rolling 12 months", "Last 12 months", "12 months rolling"
_TWELVE_MONTHS = re.compile(r"(?i)\b(?:rolling\s+(?:12|twelve)\s+months?|(?:last|latest|current)(?:\s+rolling)?\s+(?:12|twelve)\s+months?|"
                            r"(?:12|twelve)\s+months?\s+rolling|rolling\s+year)\b")
# A measure whose month stands on its own: a share, a rate, an average or a position at the month's end
_MONTH_ALONE = re.compile(r"(?i)%|\bper\s*cent|\bpercentage\b|\bproportion\b|\brate\b|\baverage\b|\bavg\b|\bmean\b|\bper\s|"
                          r"\bat\s+(?:the\s+)?(?:month|period|quarter)[\s-]end\b|\bmonth[\s-]end\b|\bcurrently\b|\bsnapshot\b|"
                          r"\bon\s+the\s+(?:waiting\s+)?list\b|\bin\s+temporary\s+accommodation\b|\bwaiting\s+list\b|\bbacklog\b")


def _months_stand_alone(table: Table, monthly: dict) -> bool:
    """Whether each month of a monthly dashboard is a figure of its own, as its last month stands for its quarter: every
    measure with figures is a share, rate, average or position (by its name, or its figures typed or shown as
    percentages), or has a target its months are each within a third and three times of (a monthly target). A count
    set against a quarter's or a year's target (months each a twelfth of it), or one that rises every month (a year to
    date), is not: the sheet is then refused as before, asking how its months make a quarter."""
    cmap, rows = table.cmap, table.sheet.rows
    tokens = {pc.col: pc.token for pc in cmap.period_columns}
    if any(len({token_month(tokens.get(c, "")) for c in cols}) < len(cols) for cols in monthly.values()):
        return False  # a column a week (several in a month): refused as weeks
    # every month's figures, a quarter's lone month too (a rise through April to July is a year to date)
    actual_cols = sorted(pc.col for pc in cmap.period_columns if pc.field == "actual" and token_month(pc.token) is not None)
    month_targets = {c for (f, _), cols in monthly.items() if f == "target" for c in cols}
    name_col = cmap.fields.get(table.spec.key_field)
    target_col = cmap.fields.get("target")
    checked = 0
    for r in range(cmap.header_row + 1, len(rows)):
        row = rows[r]
        figures = [(c, parse_number(get(row, c))) for c in actual_cols]
        values = [(c, f.value) for c, f in figures if f.value is not None]
        if not values:
            continue
        checked += 1
        name = text(get(row, name_col)) if name_col is not None else ""
        if _MONTH_ALONE.search(name) or any(f.unit == "%" for _, f in figures) or any((r, c) in table.formats for c, _ in values):
            continue
        if _YEAR_TO_DATE.search(name):
            continue  # "New admissions to residential care year to date": its last month is the year so far, said cumulative
        targets = [parse_number(get(row, c)).value for c in sorted(month_targets)] if month_targets else \
            [parse_number(get(row, target_col)).value] if target_col is not None else []
        target = next((t for t in targets if t), None)
        profile = [t for t in targets if t is not None]
        if len(profile) >= 3 and all(b > a for a, b in zip(profile, profile[1:])):
            return False  # a target rising every month: a year-to-date profile, its months no figures of their own
        series = [v for _, v in values]
        if len(series) >= 3 and all(b > a for a, b in zip(series, series[1:])) and series[0] > 0 and series[-1] >= 2 * series[0]:
            return False  # rising every month to twice its first or more: a year to date, its months no figures of their own
        if target is not None and not all(1 / 3 <= v / target <= 3 for v in series if v):
            return False  # a month's count against a quarter's or a year's target
    return checked >= 1


def _date_by_last_month(table: Table, spans: dict[int, Span], monthly: dict) -> None:
    """Each quarter read from its last month's figures (:func:`_statuses_by_month`) dated with that month
    (``table.month_figures``: 'September 2024' beside the quarter's figures in the briefing)."""
    tokens = {pc.col: pc.token for pc in table.cmap.period_columns}
    for (fld, end), cols in monthly.items():
        last = next((c for c in cols if c in spans), None)
        month = token_month(tokens[last]) if last is not None else None
        if fld == "actual" and month is not None:
            table.month_figures[end] = f"{calendar.month_name[month]} {end.end_time.year}"


def _statuses_by_month(table: Table, spans: dict[int, Span], monthly: dict, why: str = "") -> None:
    """A tracker's RAG column for each month (``Apr-24 ... Mar-25``): a status is where an item stands at a point in time,
    so each quarter is its last month's column (June for Q1, September for Q2), as an officer reports it; the other months
    are set aside, said. A quarter rated in an earlier month but not in its last is a warning naming both, as its
    position at the quarter's end is not given (the column then holds nothing for the quarter)."""
    cmap, rows = table.cmap, table.sheet.rows
    first = cmap.header_row + 1
    by_col = {pc.col: pc for pc in cmap.period_columns}

    def filled(c):
        return any(c < len(row) and not blank(row[c]) for row in rows[first:])

    chosen, aside = [], []
    for (fld, end), cols in sorted(monthly.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        months = {c: token_month(by_col[c].token) for c in cols}
        last = max(cols, key=lambda c: ((months[c] or 0) - 4) % 12)  # the latest month of the financial quarter
        for c in cols:
            if c != last:
                cmap.set_aside[c] = "a month of the quarter: its last month's column stands for it"
                spans.pop(c, None)
                aside.append(c)
        span = Span("quarter", end, end)
        spans[last] = span
        chosen.append((last, span))
        if not filled(last) and any(filled(c) for c in cols if c != last):
            earlier = max((c for c in cols if c != last and filled(c)), key=lambda c: ((months[c] or 0) - 4) % 12)
            table.report.add(table.cell(cmap.header_row, last), fld, cmap.headers[last],
                             f"{span.label} has {'statuses' if fld == 'status' else fld} in {cmap.headers[earlier]!r} but none in "
                             f"{cmap.headers[last]!r}, its last month: not read for {span.label}; to report where the items "
                             f"stood then, put {toml_string(cmap.headers[earlier])} = \"{fld}@{span.label}\" and "
                             f"{toml_string(cmap.headers[last])} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] "
                             "in perfkit.toml", "warning")
    cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in set(aside)]
    shown = ", ".join(f"{cmap.headers[c]!r} for {s.label}" for c, s in chosen if filled(c))
    if shown:
        table.report.add(table.cell(cmap.header_row, min(c for c, _ in chosen)), "", cmap.headers[min(c for c, _ in chosen)],
                         f"a column for each month: {why or 'each quarter read from its last month' + chr(39) + 's'} "
                         f"({shown}){'' if why else ', as a status is where an item stands at the time'}; the other months are "
                         "set aside", "info")


def bare_year_to_date_beside_months(table: Table) -> None:
    """``Apr-24 ... Sep-24 | YTD | Target | RAG``, an NHS board pack's: with months the only figures columns, a bare ``YTD``
    is the measures' actual, the year to date the target and RAG are of (the months are then set aside, said, in
    :func:`period_spans`), never a month standing for the quarter or a column left unread."""
    cmap = table.cmap
    if table.spec.name != "measures" or "actual" in cmap.fields:
        return
    figures = [pc for pc in cmap.period_columns if pc.field == "actual"]
    if len(figures) < 2 or any(token_month(pc.token) is None for pc in figures):
        return
    bare = [c for c in cmap.unmapped if c not in cmap.configured and _BARE_YEAR_TO_DATE.match(cmap.headers.get(c, ""))]
    rows = table.sheet.rows[cmap.header_row + 1:cmap.header_row + 1 + CONTENT_ROWS]
    flag = cmap.fields.get("cumulative")  # "Cumulative" over figures beside the months: the year to date, never a yes/no
    if (not bare and flag is not None and flag not in cmap.configured and _BARE_CUMULATIVE.match(cmap.headers.get(flag, ""))
            and number_share([get(row, flag) for row in rows]) >= 0.8):
        del cmap.fields["cumulative"]
        bare = [flag]
    latest = [c for c in cmap.unmapped if c not in cmap.configured and _LATEST_MONTH.match(cmap.headers.get(c, ""))]
    if not bare and len(latest) == 1 and number_share([get(row, latest[0]) for row in rows]) >= 0.8:
        bare = latest  # "Apr-24 ... Sep-24 | Latest month": an integrated performance report's figure, its last month's
        table.latest_month = True
    if len(bare) == 1:
        if bare[0] in cmap.unmapped:
            cmap.unmapped.remove(bare[0])
        cmap.fields["actual"] = bare[0]
        shown = [pc for pc in figures if any(not blank(get(row, pc.col)) for row in rows)]
        last = max(shown, key=lambda pc: (resolve_token(pc.token, table.year).end, token_month(pc.token)), default=None) \
            if shown and table.year else None
        if last is not None and token_month(last.token) in (3, 6, 9, 12):
            span = resolve_token(last.token, table.year)
            table.to_month = (Span("quarter", span.end, span.end), last.header)
        if last is not None and table.latest_month:  # the quarter's figure is its last month's ('August 2024'), said
            span = resolve_token(last.token, table.year)
            month = token_month(last.token)
            table.month_figures[span.end] = f"{calendar.month_name[month]} {span.end.start_time.year}"


def figures_columns_as_read(table: Table) -> None:
    """Which of a measures sheet's columns is its figure and its target, where a year to date or a latest month stands
    beside the months or the quarter's own: the passes reading makes, in its order, and ``perfkit init`` makes too, so
    that the file init writes says what reading reads."""
    bare_year_to_date_beside_months(table)
    year_to_date_against_its_target(table)
    target_to_date_beside_a_year_to_date(table)


def target_to_date_beside_a_year_to_date(table: Table) -> None:
    """``Annual target | YTD target | YTD actual``, a fire authority's half-year scorecard: the figure read is the year to
    date, so its target is the one to date, never the year's (620 fires for the year set against 298 to September,
    'Green' by a mile, where the authority's 310 to date made it near). As :func:`_target_to_date` reads a board pack's."""
    col = table.cmap.fields.get("actual")
    if table.spec.name == "measures" and col is not None and _YEAR_TO_DATE.search(table.cmap.headers.get(col, "")):
        _target_to_date(table)


def year_to_date_against_its_target(table: Table) -> None:
    """``Q2 Actual | YTD Actual | YTD Target | Annual Target``, a fire authority's: the one target of the quarter is the
    year to date's, so the year to date is the figure rated for the sheet's quarter, against it; the quarter's own figure
    and the year's target are set aside, said. The quarter's own was compared with a quarter of the year's target (Green
    where the authority rated the year to date Red), its status column beside them dropped."""
    cmap, spec = table.cmap, table.spec
    bare = cmap.fields.get("actual")  # 'YTD Actual' read as the figures beside 'Performance', which holds the statuses
    if spec.name != "measures" or bare is not None and (bare in cmap.configured or not _YEAR_TO_DATE.search(cmap.headers.get(bare, ""))):
        return
    figures = [pc for pc in cmap.period_columns if pc.field == "actual"]
    if len(figures) != 1 or any(pc.field == "target" for pc in cmap.period_columns) or _YEAR_TO_DATE.search(figures[0].header) \
            or not re.fullmatch(r"(?i)q[1-4]|quarter\s*[1-4]", figures[0].token.strip()):
        return
    loose = [c for c in cmap.unmapped if c not in cmap.configured and _YEAR_TO_DATE.search(cmap.headers.get(c, ""))
             and not PERIOD_TOKEN.search(_YEAR_TO_DATE.sub(" ", cmap.headers.get(c, "")).lower())]
    targets = [c for c in loose if _bare_target(_YEAR_TO_DATE.sub(" ", cmap.headers[c]), spec)]
    actuals = [c for c in loose if c not in targets and (_BARE_YEAR_TO_DATE.match(cmap.headers[c])
                                                          or read_header(_YEAR_TO_DATE.sub(" ", cmap.headers[c]), spec).field == "actual")]
    if bare is not None:
        actuals = [bare] if not actuals else []
    year_col = cmap.fields.get("target")
    if len(targets) != 1 or len(actuals) != 1 or (year_col is not None and not _ANNUAL.search(cmap.headers.get(year_col, ""))):
        return
    own, ytd, target = figures[0], actuals[0], targets[0]
    if ytd == bare:
        del cmap.fields["actual"]
    else:
        cmap.unmapped.remove(ytd)
    cmap.period_columns = [PeriodColumn(ytd, "actual", own.token, cmap.headers[ytd]) if pc is own else pc for pc in cmap.period_columns]
    cmap.set_aside[own.col] = f"the quarter's own figure, beside {cmap.headers[ytd]!r}: the target there is of the year to date"
    if year_col is not None:
        _instead_of_the_years(cmap, year_col, target, "the year to date is compared with its target to date")
    else:
        cmap.unmapped.remove(target)
        cmap.fields["target"] = target
    table.report.add(table.cell(cmap.header_row, ytd), "actual", cmap.headers[ytd],
                     f"columns {cmap.headers[ytd]!r} and {cmap.headers[target]!r} read as the figure and target for "
                     f"{own.token}: the sheet's only target for the quarter is of the year to date, so the year to date is "
                     f"what is rated; {own.header!r} (the quarter's own figure) "
                     f"{'and ' + repr(cmap.headers[year_col]) + ' are' if year_col is not None else 'is'} set aside", "info")


def _year_to_date_years_beside_months(table: Table, spans: dict[int, Span], monthly: dict) -> list[str]:
    """``Apr-24 ... Sep-24 | YTD 2024/25 | YTD 2023/24``, as a monthly revenues and benefits pack keeps them: each year's
    column is the year to the last month shown (2024/25 Q2) and the same months of the year before (2023/24 Q2), never
    either year's outturn. Read so, the headers of the columns that stand for the sheet's figure (the months are then
    set aside, as beside a board pack's ``YTD Actual``: :func:`period_spans`); none where the sheet has no such columns."""
    cmap = table.cmap
    fields = {f for f, _ in monthly}
    ytd = [pc for pc in cmap.period_columns if pc.col in spans and spans[pc.col].kind == "year" and pc.field in fields
           and _YEAR_TO_DATE.search(pc.header)]
    if not ytd or len({spans[pc.col].end for pc in ytd}) != len(ytd):
        return []
    last = max(end for _, end in monthly)
    if not any(spans[pc.col].end.qyear == last.qyear for pc in ytd) or {pc.field for pc in ytd} != fields:
        return []
    quarter = (last.month - 4) % 12 // 3 + 1  # the quarter of the financial year the last month is in
    last_col = max(c for v in monthly.values() for c in v)
    for pc in ytd:
        year = spans[pc.col]
        end = year.end - (year.end.quarter - quarter)  # the year's last quarter, back to the last month's
        span = Span("quarter", end, end)
        table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header,
                         f"column {pc.header!r} read as {pc.field.replace('_', ' ')} for {span.label}: the year to date to "
                         f"the last month shown ({cmap.headers[last_col]!r})"
                         + ("" if year.end.qyear == last.qyear else ", the same months of that year") + ", never the year's outturn",
                         "info")
        spans[pc.col] = span
        pc.token = span.label
    return [pc.header for pc in ytd if spans[pc.col].end.qyear == last.qyear]


def refuse_twice_held(table: Table, spans: dict[int, Span]) -> None:
    """Refuse two columns holding one field for one period (``2023/24 Q2 Status`` beside ``2023/24 Q3 (Jul-Sep) Status``,
    which its months make Q2 too): each item would be counted twice, and perfkit will not choose between them."""
    cmap = table.cmap
    seen: dict[tuple, PeriodColumn] = {}
    for pc in cmap.period_columns:
        s = spans.get(pc.col)
        if s is None:
            continue
        first = seen.setdefault((pc.field, s.kind, s.end), pc)
        if first is pc:
            continue
        ytd = [c for c in (first, pc) if _YEAR_TO_DATE.search(c.header)]
        if len(ytd) == 1 and not {first.col, pc.col} & cmap.configured:
            # "Q2 (in quarter) | Q2 YTD": the quarter's own figure and the year's to date; read as the statuses are
            keep = choose_to_date(table, first, pc, ytd[0], s)
            seen[(pc.field, s.kind, s.end)] = keep
            spans.pop((pc if keep is first else first).col, None)
            continue
        bare = [c for c in (first, pc) if normalise_header(c.header) == normalise_header(c.token)]
        if len(bare) == 1 and bare[0].col not in cmap.configured:
            # "Q1 | Q1 Status": the column naming the field is the status; the bare quarter is another field's (a KPI row's figure)
            set_bare_aside(table, bare[0], pc if bare[0] is first else first, s)
            seen[(pc.field, s.kind, s.end)] = pc if bare[0] is first else first
            spans.pop(bare[0].col, None)
            continue
        where = f"{table.cell(cmap.header_row, first.col)} and {table.cell(cmap.header_row, pc.col)}"
        clash = months_disagree(pc.header)  # "Q3 (Jul-Sep)": Q3 is the other period it may hold
        other = f"{financial_year(s.end)} {clash[0]}" if clash else period_label(s.end + 1)
        raise LayoutError(
            f"{table.path.name}: columns {first.header!r} and {pc.header!r} ({where}) both hold the "
            f"{pc.field.replace('_', ' ')} for {s.label}: each item would be counted twice, and perfkit will not choose "
            "between them",
            hint=f"Correct the header of the one that holds another period, or say which it holds in perfkit.toml, e.g. "
                 f"[sheets.\"{table.sheet.name}\".columns] \"{pc.header}\" = \"{pc.field}@{other}\" (or = \"ignore\").",
        )


# "Budget RAG", "Risk rating", "Delivery status": a header naming a rating
_A_RATING = re.compile(r"(?i)\b(?:rag|rating|status)\s*$")
_YEAR_TO_DATE = re.compile(r"(?i)\bytd\b|year\s*to\s*date|\bcumulative\b")
# A header that is the year to date and nothing more: "YTD", "Year to date", "YTD total", "YTD position"
_BARE_CUMULATIVE = re.compile(r"(?i)^\s*cumulative(?:\s+(?:total|to\s+date|position|figure))?\s*$")
_BARE_YEAR_TO_DATE = re.compile(r"(?i)^\s*(?:ytd|year[\s-]*to[\s-]*date)(?:\s+(?:total|position|figure|performance|value|outturn|to\s+date))?\s*$")
# A board report's headline column beside its months: "Latest month", "Current month", "This month's figure"
_LATEST_MONTH = re.compile(r"(?i)^\s*(?:latest|current|this|most\s+recent|last|reporting)\s+month(?:'?s)?"
                           r"(?:\s+(?:figure|value|actual|position|performance|result|data))?\s*$")


def choose_to_date(table: Table, first: PeriodColumn, other: PeriodColumn, ytd: PeriodColumn, span: Span) -> PeriodColumn:
    """Of a quarter's own figure and its year-to-date figure (``Q2 (in quarter) | Q2 YTD``), the one the sheet's statuses
    are of: the year to date where a status column says so (``YTD status``), else the quarter's own. The other column
    is set aside, and both are said."""
    cmap = table.cmap
    status_headers = [cmap.headers.get(c, "") for f, c in cmap.fields.items() if f in ("status", "reported_status")]
    status_headers += [p.header for p in cmap.period_columns if p.field in ("status", "reported_status")]
    to_date = any(_YEAR_TO_DATE.search(h) for h in status_headers)
    own = other if ytd is first else first
    keep, drop = (ytd, own) if to_date else (own, ytd)
    cmap.period_columns = [p for p in cmap.period_columns if p is not drop]
    cmap.unmapped.append(drop.col)
    why = "the statuses are of the year to date" if to_date else "the quarter's own figure is read where both are given"
    table.report.add(table.cell(cmap.header_row, drop.col), drop.field, drop.header,
                     f"column {drop.header!r} not read: {keep.header!r} is read as the {drop.field.replace('_', ' ')} for {span.label} "
                     f"({why}); to read the other, map it in perfkit.toml, e.g. \"{drop.header}\" = \"{drop.field}@{span.label}\" "
                     f"and \"{keep.header}\" = \"ignore\"", "info")
    return keep


def set_bare_aside(table: Table, bare: PeriodColumn, named: PeriodColumn, span: Span) -> None:
    """Leave a bare quarter's column (``Q1``) unread where another names the field for that quarter (``Q1 Status``):
    said as a note where the column is empty on this table's rows (a KPI's figures in a table a Type column splits),
    as a warning where it holds something."""
    cmap = table.cmap
    cmap.period_columns = [p for p in cmap.period_columns if p is not bare]
    cmap.unmapped.append(bare.col)
    rows = table.sheet.rows[cmap.header_row + 1:]
    held = sum(1 for i, row in enumerate(rows, start=cmap.header_row + 1)
               if i not in table.skip and bare.col < len(row) and not blank(row[bare.col]))
    what = bare.field.replace("_", " ")
    cell = table.cell(cmap.header_row, bare.col)
    if held:
        table.report.add(cell, bare.field, bare.header,
                         f"column {bare.header!r} not read: {named.header!r} holds the {what} for {span.label}; if {bare.header!r} "
                         f"holds something this table needs, say what in perfkit.toml, e.g. \"{bare.header}\" = \"commentary@{span.label}\"",
                         "warning")
    else:
        table.report.add(cell, bare.field, bare.header,
                         f"column {bare.header!r} not read: it is empty on these rows, and {named.header!r} holds the {what} for "
                         f"{span.label}", "info")


def months_beside_quarters(table: Table, spans: dict[int, Span]) -> None:
    """Monthly columns beside the officer's own quarter columns (``Apr | May | Jun | Q1 | Jul ...``): the quarters are read.

    For each field that has a quarter's column as well as month columns, the months are set
    aside, never summed into the quarter nor read as periods: a note names those of each quarter
    with its own column; a warning names the months of a quarter that has none (its figures are
    not read until it has). The months leave ``table.cmap.period_columns`` and ``spans``.
    """
    cmap = table.cmap
    quarters: dict[str, set] = {}
    months: dict[str, list] = {}
    for pc in cmap.period_columns:
        s = spans.get(pc.col)
        if s is None:
            continue
        if s.kind == "month":
            months.setdefault(pc.field, []).append(pc)
        elif s.kind == "quarter":
            quarters.setdefault(pc.field, set()).add(s.end)
    set_aside: set[int] = set()
    for fld, pcs in months.items():
        if not quarters.get(fld):
            continue
        by_quarter: dict = {}
        for pc in pcs:
            by_quarter.setdefault(spans[pc.col].end, []).append(pc)
        if all(len(v) == 1 for v in by_quarter.values()) and not any(q in quarters[fld] for q in by_quarter):
            continue  # one month per quarter, each quarter without a column: quarter positions written as months
        for q, group in sorted(by_quarter.items()):
            names = ", ".join(repr(pc.header) for pc in group)
            where = table.cell(cmap.header_row, group[0].col) + (f":{col_letter(group[-1].col)}{cmap.header_row + 1}" if len(group) > 1 else "")
            label = spans[group[0].col].label
            if q in quarters[fld]:
                own = next(pc.header for pc in cmap.period_columns if pc.field == fld and spans.get(pc.col) is not None
                           and spans[pc.col].kind == "quarter" and spans[pc.col].end == q)
                table.report.add(where, fld, names, f"month column{'s' * (len(group) > 1)} {names} of {label} not read: the quarter's own "
                                 f"column {own!r} is read instead (months are never added into it)", "info")
                cmap.set_aside.update({pc.col: f"a month of {label}: its own column {own!r} is read" for pc in group})
            elif q < max(quarters[fld]):
                # "Apr-24 ... Sep-24 | Q2 2024/25": the months of a quarter before the one reported, with no column of its
                # own, are context the sheet itself sums up in none: said, never a warning that blocks the briefing
                table.report.add(
                    where, fld, names,
                    f"month column{'s' * (len(group) > 1)} {names} of {label}, before the quarter columns and with none of "
                    f"its own: not read (perfkit does not add months up into a quarter), so {label} has no figure to compare "
                    f"with; to read one, say which month stands for the quarter in perfkit.toml, e.g. "
                    f"\"{group[-1].header}\" = \"{fld}@{label}\"", "info")
                cmap.set_aside.update({pc.col: f"a month of {label}, before the quarter columns" for pc in group})
            elif not any(not blank(get(row, pc.col)) for pc in group for row in table.sheet.rows[cmap.header_row + 1:]):
                # "Oct | Nov | Dec" after September's figures, nothing in them yet: months not reported, never a warning
                table.report.add(where, fld, names, f"month column{'s' * (len(group) > 1)} {names} of {label} empty: not "
                                 "reported yet", "info")
                cmap.set_aside.update({pc.col: f"a month of {label}, not reported yet" for pc in group})
            else:
                table.report.add(
                    where, fld, names,
                    f"month column{'s' * (len(group) > 1)} {names} of {label}, which has no quarter column of its own: not read "
                    f"(perfkit does not add months up into a quarter); add a {label[-2:]} column, or say which month stands for "
                    f"the quarter in perfkit.toml, e.g. \"{group[-1].header}\" = \"{fld}@{label}\"",
                    "warning",
                )
            set_aside.update(pc.col for pc in group)
    if set_aside:
        cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in set_aside]
        for c in set_aside:
            spans.pop(c, None)


def year_to_date_beside_quarters(table: Table, spans: dict[int, Span]) -> None:
    """``YTD 2024/25 | YTD 2023/24`` beside ``Q1 | Q2``: the year so far and the same months of the year before, never
    either year's outturn. Read as the years, the briefing was an annual one at Q4 and the statuses were placed there;
    they are set aside, said in a note, and the quarters' own columns are read."""
    cmap = table.cmap
    quarters: dict = {}  # field -> the financial years its quarters' columns are of
    for pc in cmap.period_columns:
        if pc.col in spans and spans[pc.col].kind == "quarter":
            quarters.setdefault(pc.field, set()).add(spans[pc.col].end.qyear)
    # (never beside last year's quarter alone, 'YTD 2024/25 | Same period 2023/24': this year's figure is the year to date)
    aside = [pc for pc in cmap.period_columns if pc.col in spans and spans[pc.col].kind == "year"
             and max(quarters.get(pc.field, (0,))) >= spans[pc.col].end.qyear and _YEAR_TO_DATE.search(pc.header)]
    for pc in aside:
        table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header, f"column {pc.header!r} is the year to date "
                         f"beside the quarters' own columns: not read as {spans[pc.col].label}'s outturn (the quarters' figures "
                         "are read)", "info")
        cmap.set_aside[pc.col] = "the year to date, beside the quarters' own columns"
        spans.pop(pc.col, None)
    if aside:
        cmap.period_columns = [pc for pc in cmap.period_columns if pc not in aside]


def _years_to_date_in_the_quarter(table: Table, spans: dict[int, Span]) -> None:
    """``YTD 2023/24 | YTD target 2024/25 | YTD 2024/25`` under a title naming ``Quarter 2 2024/25``: each year so far, to
    the end of the quarter the title names, never the year's outturn (read as the years, the briefing was an annual one
    for April to March, with no warning). Each column becomes that quarter of its year, and its figures the year to date
    (cumulative), said in a note."""
    cmap = table.cmap
    every = [pc for pc in cmap.period_columns if pc.col in spans]
    cols = [pc for pc in every if spans[pc.col].kind == "year"]
    if not cols or "actual" not in {pc.field for pc in cols}:
        return
    if not all(_YEAR_TO_DATE.search(pc.header) for pc in cols if pc.field == "actual") and not _YEAR_TO_DATE.search(table.title):
        return
    quarter = next((q for src in _quarter_sources(table).values() if (q := quarter_named(src, table.year)) is not None), None)
    latest = max(spans[pc.col].end for pc in cols)
    if quarter is None or quarter.kind != "quarter" or quarter.end.qyear != latest.qyear or quarter.end.quarter == 4:
        return  # at Q4 the year to date is the year
    if any(spans[pc.col].end != quarter.end - 4 for pc in every if pc not in cols):
        return  # beside quarters of their own, other than the same period last year ('YTD 2024/25 | Same period 2023/24')
    to_date = cmap.fields.get("target")
    year_targets = [pc for pc in cols if pc.field == "target" and _ANNUAL.search(pc.header) and not _YEAR_TO_DATE.search(pc.header)]
    if year_targets and to_date is not None and _YEAR_TO_DATE.search(cmap.headers.get(to_date, "")):
        # "Annual target 2024/25 | YTD target | YTD 2024/25": the year's target is the year's, never the quarter's beside
        # its own target to date (the year's 420 fires had been Q2's, and 198 to date Green against it for want of 210)
        for pc in year_targets:
            cmap.set_aside[pc.col] = f"the year's target, beside {cmap.headers[to_date]!r}: the year to date is compared with its target to date"
            spans.pop(pc.col, None)
            table.report.add(table.cell(cmap.header_row, pc.col), "target", pc.header, f"column {pc.header!r} is the year's "
                             f"target: the year to date is compared with its own target to date in {cmap.headers[to_date]!r}",
                             "info")
        cmap.period_columns = [pc for pc in cmap.period_columns if pc not in year_targets]
        cols = [pc for pc in cols if pc not in year_targets]
    for pc in cols:
        end = spans[pc.col].end
        at = end + (quarter.end.quarter - end.quarter)  # the year's end is its Q4
        spans[pc.col] = Span("quarter", at, at)
    table.years_to_date = True
    first = min(pc.col for pc in cols)
    table.report.add(table.cell(cmap.header_row, first), cols[0].field, cols[0].header,
                     f"columns {', '.join(repr(pc.header) for pc in cols[:4])} read as each year to {quarter.label[-2:]}, "
                     f"the quarter the title names ({quarter.label}), never the years' outturns: their figures are the year "
                     "to date, compared with the same quarter last year", "info")


def _only_the_quarter(pc: PeriodColumn) -> bool:
    """Whether a column's header is its quarter and nothing else: ``Q1``, or ``Ch1 / Q1`` in two languages."""
    return any(part.strip().lower() == pc.token.strip().lower() for part in (pc.header, *language_parts(pc.header)))


def _empty_for_this_kind(table: Table, cols: list) -> bool:
    """Whether the period columns ``cols`` are blank on every row of this kind (a Type column's other rows aside)."""
    rows, first = table.sheet.rows, table.cmap.header_row + 1
    return all(blank(get(rows[r], pc.col)) for pc in cols for r in range(first, len(rows)) if r not in table.skip)


def _the_other_kinds(table: Table, spans: dict[int, Span], gone: list, beside: list[str]) -> None:
    """Set aside the bare quarter columns ``gone``, empty on every row of this kind, beside this kind's own (``beside``)."""
    cmap = table.cmap
    cols = {pc.col for pc in gone}
    cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in cols]
    for pc in gone:
        spans.pop(pc.col, None)
        cmap.set_aside[pc.col] = f"empty on every {table.spec.noun}'s row: the other kind's"
    where = table.cell(cmap.header_row, gone[0].col) + (f":{col_letter(gone[-1].col)}{cmap.header_row + 1}" if len(gone) > 1 else "")
    table.report.add(where, gone[0].field, gone[0].header,
                     f"columns {', '.join(repr(pc.header) for pc in gone)} are empty on every {table.spec.noun}'s row, beside "
                     f"{', '.join(map(repr, beside))}: the other kind's columns, not read for the {table.spec.noun}s", "info")


def other_kinds_quarters(table: Table, spans: dict[int, Span]) -> None:
    """``Q1 | Q2 | Status`` over milestones and KPIs split by a Type column: read for the milestones, the bare quarters
    (a milestone's status by default) are empty on every milestone's row beside a status column of the milestones'
    own: the KPIs' figures. Set aside for this kind, said; read as the milestones' statuses, every one was 'no status
    given' (14 warnings) and none rated."""
    cmap = table.cmap
    bare_field = table.spec.bare_period_field
    if not table.skip or bare_field not in cmap.fields:
        return
    gone = [pc for pc in cmap.period_columns if pc.field == bare_field and _only_the_quarter(pc) and _empty_for_this_kind(table, [pc])]
    if gone:
        _the_other_kinds(table, spans, gone, [cmap.headers[cmap.fields[bare_field]]])


def _empty_twin(table: Table, spans: dict[int, Span], bare: list, named: list) -> bool:
    """``Q1 | Q2`` beside ``Status Q1 | Status Q2`` in a table a ``Type`` column splits: the bare quarters are the other
    kind's figures, empty on every row of this kind's, and the named ones this kind's own. Set aside, said; True. Read as
    the same quarters twice, the bare pair was last year's and a warning held the brief."""
    if not table.skip or not all(_only_the_quarter(pc) for pc in bare) or all(_only_the_quarter(pc) for pc in named) \
            or not _empty_for_this_kind(table, bare):
        return False
    _the_other_kinds(table, spans, bare, [pc.header for pc in named])
    return True


def _roll_back_years(table: Table, spans: dict[int, Span]) -> None:
    """Year-less quarter columns in a rolling order (``Jan-Mar | Apr-Jun | Jul-Sep``) belong to two years.

    Read left to right, quarters that name no year should rise; where one comes after a
    later quarter of the year (Jan-Mar before Apr-Jun), it and those before it are the
    previous financial year's. Each such column is reported.
    """
    cmap = table.cmap
    by_field: dict = {}
    for pc in sorted(cmap.period_columns, key=lambda pc: pc.col):
        s = spans.get(pc.col)
        if s is not None and s.kind in ("quarter", "month") and not re.search(r"\d{2}", pc.token):
            # months and quarters in runs of their own: 'Apr ... Sep | Q1 | Q2' is one year's months, then its quarters,
            # never Q1 and Q2 after September (read so, the months were last year's)
            by_field.setdefault((pc.field, s.kind), []).append(pc)
    for cols in by_field.values():
        quarters = [spans[pc.col].end.quarter for pc in cols]
        if len(quarters) > 1 and all(a > b for a, b in zip(quarters, quarters[1:])) and quarters != [4, 1]:
            # "Q2 Status | Q1 Status": the newest first, one year (read as a rolling order, Q2 was last year's and lost)
            where = table.cell(cmap.header_row, cols[0].col) + f":{col_letter(cols[-1].col)}{cmap.header_row + 1}"
            table.report.add(where, cols[0].field, cols[0].header, f"columns {', '.join(repr(pc.header) for pc in cols[:4])} "
                             f"read as one year's quarters, the newest first ({spans[cols[0].col].label} back to "
                             f"{spans[cols[-1].col].label})", "info")
            continue
        half = len(quarters) // 2
        # each column's own span, not only its quarter: "Apr | May | Jun | Q1" are three months and their quarter, never
        # the quarters 'Apr', 'May' twice
        own = [(spans[pc.col].kind, spans[pc.col].start, spans[pc.col].end) for pc in cols]
        if len(quarters) % 2 == 0 and half > 0 and own[:half] != own[half:]:
            half = 0
        if len(quarters) % 2 == 0 and half > 0 and quarters[:half] == quarters[half:] and _empty_twin(table, spans, cols[:half], cols[half:]):
            continue  # "Q1 | Q2 | Status Q1 | Status Q2" over milestones and KPIs: the first pair the KPIs' figures
        if len(quarters) % 2 == 0 and half > 0 and quarters[:half] == quarters[half:]:
            # "Anyshire: Q1 | Q2 | Borsetshire: Q1 | Q2": the same quarters twice, last year's and this, or two areas side by side
            table.report.add(table.cell(cmap.header_row, cols[half].col), cols[0].field, cols[half].header,
                             f"the quarters {', '.join(repr(pc.header) for pc in cols[:half])} come twice (columns "
                             f"{col_letter(cols[0].col)} to {col_letter(cols[-1].col)}): the first are read as the previous "
                             "year's, the second as this year's; if they are two councils, services or areas side by side, "
                             "perfkit cannot tell them apart: put each on a sheet of its own (the sheet's name is read as its "
                             "directorate)", "warning")
        shift = 0
        for right, left in zip(cols[::-1], cols[-2::-1]):
            if spans[left.col].end.quarter > spans[right.col].end.quarter:
                shift -= 4
            if shift:
                s = spans[left.col]
                spans[left.col] = Span(s.kind, s.start + shift, s.end + shift)
                table.report.add(
                    table.cell(cmap.header_row, left.col), left.field, left.header,
                    f"column {left.header!r} read as {spans[left.col].label}: it comes before the year's earlier quarters, "
                    "so it is the previous year's", "info",
                )


# ---------------------------------------------------------------------------------------------- rows


def fill_merged(table: Table) -> None:
    """Copy each vertically merged cell's value down its range (merges across columns stay as they are).

    An item laid out over several rows (a register's risk over two: its reference, owner and scores merged over both, the
    second row its description, controls and actions) is one item: the rows under its first, with no value of their own,
    are set aside (``table.skip``), said, never read as items with the first row's values copied onto them."""
    rows = table.sheet.rows
    start = table.cmap.header_row + 1
    cmap, spec = table.cmap, table.spec
    id_col, key_col = cmap.fields.get(spec.id_field), cmap.fields.get(spec.key_field)
    if id_col is not None and key_col is not None and table.sheet.merged:
        values = [c for c in value_columns(table) if c != id_col]
        run_on: set[int] = set()
        for (r1, c1), (r2, c2) in table.sheet.merged:
            if not (c1 <= id_col <= c2) or r2 <= r1 or r1 < start or c1 <= key_col <= c2 or r2 >= len(rows) or blank(get(rows[r1], id_col)):
                continue
            below = range(r1 + 1, r2 + 1)
            if values and any(not blank(get(rows[r1], c)) for c in values) and not any(
                    not blank(get(rows[r], c)) for r in below for c in values):
                run_on.update(r for r in below if any(not blank(v) for v in rows[r]))
                where = table.cell(r1, id_col)
                table.report.add(where, "", text(get(rows[r1], id_col)), f"{spec.noun} {text(get(rows[r1], id_col))!r} is laid out over "
                                 f"rows {r1 + 1} to {r2 + 1}, its reference merged over them: one {spec.noun}, the rows under its "
                                 "first read as part of it", "info")
        if run_on:
            table.skip = frozenset(table.skip | run_on)
    for (r1, c1), (r2, c2) in table.sheet.merged:
        if r2 <= r1 or r2 < start or r1 >= len(rows):
            continue
        for c in range(c1, min(c2 + 1, len(rows[r1]))):  # past the row's last cell there is nothing to copy
            v = rows[r1][c]
            if blank(v):
                continue
            for r in range(max(r1 + 1, start), min(r2, len(rows) - 1) + 1):
                if c < len(rows[r]) and blank(rows[r][c]):
                    rows[r][c] = v



def value_columns(table: Table) -> list[int]:
    """The columns of a table that hold its items' values (statuses, figures, progress), every period's, not commentary."""
    return map_value_columns(table.cmap, table.spec)


def map_value_columns(cmap: ColumnMap, spec: KindSpec) -> list[int]:
    """:func:`value_columns` of a column map and its kind, before there is a table (a header being settled)."""
    singles = [cmap.fields[f] for f in (*spec.values, *spec.period_fields, spec.status_field or "") if f in cmap.fields and f != "commentary"]
    return sorted({pc.col for pc in cmap.period_columns if pc.field != "commentary"} | set(singles))


# "Key", "Status key", "Progress key", "Key to ratings", "Legend:": a key's label, a few words ending (or starting) with key or legend.
KEY_LABEL = re.compile(r"^\s*(?:(?:[\w'’/&-]+\s+){0,3}(?:key|legend)\s*:?\s*$|(?:key|legend)\s+to\b)", re.I)
_NOTHING_CARRIED = MappingProxyType({})  # shared by rows that carry nothing down: read-only, one object, not one per row


def another_header(row: list, cmap: ColumnMap, spec: KindSpec) -> bool | None:
    """Whether a row under a table is a header of its own: True where it repeats the table's (a second table of the
    same kind stacked under the first), False where it heads another list (``Ref | Emerging risk | Description``),
    None where it is no header (its reference cell is no reference header, or nothing else in it reads as a field)."""
    id_col = cmap.fields.get(spec.id_field)
    ref = row[id_col] if id_col is not None and id_col < len(row) else ""
    if not isinstance(ref, str) or normalise_header(ref) not in spec.headers.get(spec.id_field, ()):
        return None
    cells = [v for c, v in enumerate(row) if c != id_col and isinstance(v, str) and v.strip()]
    if not cells or any(not isinstance(v, str) for v in row if not blank(v)):
        return None
    if sum(1 for v in cells if read_header(v, spec).field is not None) < 1:
        return None
    own = {normalise_header(h) for h in cmap.headers.values() if h}
    key_col = cmap.fields.get(spec.key_field)
    if key_col is not None and key_col < len(row) and isinstance(row[key_col], str) and row[key_col].strip() \
            and normalise_header(row[key_col]) != normalise_header(cmap.headers.get(key_col, "")):
        # "Ref | Project | Lead | Due | Q2 | Q3" under "Ref | KPI | Good is | Target | Q2 | Q3": its items are named by
        # another word, another list (a directorate's key projects under its KPIs), however many quarters they share
        return False
    return sum(1 for v in cells if normalise_header(v) in own) * 2 >= len(cells)


def data_rows(table: Table) -> list[tuple[int, dict]]:
    """Walk the rows under the header: items come back with their carried-down fields; the rest are reported.

    Section-heading rows (one piece of text alone on the row) set the priority of the
    rows under them and are listed in ``table.headings``; notes, keys and footers and
    total/average rows are reported as such, never silently dropped. Ordinary data
    rows (a key and a value) take a fast path: this loop runs once per row of sheets
    with tens of thousands of rows.
    """
    cmap, rows, report, spec = table.cmap, table.sheet.rows, table.report, table.spec
    key_col = cmap.fields.get(spec.key_field)
    id_col = cmap.fields.get(spec.id_field)
    value_cols = value_columns(table)
    carried_cols = [(f, cmap.fields[f]) for f in spec.carried if f in cmap.fields]
    out: list[tuple[int, dict]] = []
    heading: Heading | None = None
    last: dict[str, tuple[str, int]] = {}
    runs: dict[str, list[int]] = {}  # field -> [source row, first carried row, last carried row]
    error_cells = table.sheet.errors
    error_rows = {r for r, _ in error_cells}
    shared = _NOTHING_CARRIED
    label_cols = [c for c in (id_col, key_col) if c is not None]
    comment_cols = comment_columns(table)
    comment_rows: dict[int, list[tuple[int, int]]] = {}  # the item's row -> the rows of comments run on under it
    headed: dict[str, str] = {}  # each priority cell's text as a heading (heading_text), by the cell's value

    def close_run(f):
        run = runs.pop(f, None)
        if run:
            c = cmap.fields[f]
            letter = col_letter(c)
            where = f"{letter}{run[1] + 1}" + (f":{letter}{run[2] + 1}" if run[2] > run[1] else "")
            report.add(f"{table.sheet.name}!{where}", f, "", f"{f} blank: carried down from {letter}{run[0] + 1}", "info")

    skip = table.skip
    # "Ref" again: another table's header (no such header ends in a digit, so a row's "PL01" is passed over at once)
    id_heads = set(spec.headers.get(spec.id_field, ())) if spec.id_field else set()
    other_from = None  # (row, col, value, cells) of another list's header under the table, while its rows run
    others: list[tuple] = []  # each such list, said once the rows are walked
    in_key = False  # below a "Key" row that follows the items
    head_row = rows[cmap.header_row]
    head_words = [text(v).lower() for v in head_row]
    k0 = next((c for c, v in enumerate(head_row) if isinstance(v, str) and v.strip()), None)  # its first word's column
    heading = _heading_over_the_first_block(table, head_words, k0)
    for r in range(cmap.header_row + 1, len(rows)):
        if skip and r in skip:  # said where it was decided (read.evidence)
            for f, c in carried_cols:  # another kind's row (a Type column's PI) still sets what the rows under it carry
                v = rows[r][c] if c < len(rows[r]) else ""
                if not blank(v) and (r, c) not in error_cells:
                    close_run(f)
                    last[f] = (heading_text(v) if f == "priority" else text(v), r)
            continue
        row = rows[r]
        if k0 is not None and r > cmap.header_row + 1 and _header_again(row, head_row, head_words, k0):
            # the header typed again word for word over a second block (a dashboard's 'Measure | Target | ... | RAG' under
            # 'Repairs' after the compliance rows), with no reference column to know it by: more of the table
            report.add(table.cell(r, k0), "", text(row[k0]), f"row {r + 1} repeats the table's header: the rows under it are "
                       "read as more of the table", "info")
            if other_from is not None:  # another list ran between the blocks: it ends here
                others.append((*other_from, r))
            other_from = None
            continue
        ref = row[id_col] if id_col is not None and id_col < len(row) else None
        if ref.__class__ is str and not ref[-1:].isdigit() and r > cmap.header_row + 1 \
                and " ".join(ref.lower().replace(".", " ").split()) in id_heads \
                and (again := another_header(row, cmap, spec)) is not None:  # (the row under it: the header's own second row)
            filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
            said = ", ".join(repr(text(v)) for _, v in filled[:5])
            if again:  # the table's own header again (a priority's block under the last): its rows are read as the table's
                report.add(table.cell(r, filled[0][0]), "", text(filled[0][1]), f"row {r + 1} repeats the table's header: the "
                           "rows under it are read as more of the table", "info")
                if other_from is not None:
                    others.append((*other_from, r))
                other_from = None
            elif other_from is None:  # a list of another sort ("Ref | Emerging risk", "Ref | Indicator | Good is"): set aside
                other_from = (r, filled[0][0], text(filled[0][1]), said)
            continue
        if other_from is not None:
            continue  # a row of the other list, until the table's own header comes again
        key_val = row[key_col] if key_col is not None and key_col < len(row) else ""
        fast = False
        if key_val != "" and key_val is not None and not (key_val.__class__ is str and key_val.isspace()):
            for c in value_cols:
                if c < len(row) and row[c] != "":
                    fast = True
                    break
            else:
                fast = r in error_rows
        if fast:
            for c in label_cols:
                v = row[c]
                if v.__class__ is str and v[:3].lower() in _TOTAL_HEADS and TOTAL_ROW.match(v):
                    report.add(table.cell(r, c), "", text(v), "total or average row, not an item: left out", "info")
                    fast = None
                    break
            if fast is None:
                continue
        else:
            filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
            has_error = r in error_rows
            if not filled and not has_error:
                continue
            has_values = any(c < len(row) and not blank(row[c]) for c in value_cols)
            if in_key and (not has_values or id_col is None or blank(row[id_col] if id_col < len(row) else "")):
                # Under a key's label below the items: a word and its meaning, with no status or figure, is the key.
                report.add(table.cell(r, filled[0][0]), "", text(filled[0][1])[:80], "row of the key under the table, not data", "info")
                continue
            if out and len(filled) == 1 and isinstance(filled[0][1], str) and KEY_LABEL.match(filled[0][1]) and not has_values:
                report.add(table.cell(r, filled[0][0]), "", text(filled[0][1]), "a key's label under the table: its rows are not data", "info")
                in_key = True
                continue
            first_text = text(filled[0][1]) if filled else ""
            if filled and isinstance(filled[0][1], str) and (TOTAL_ROW.match(first_text) or (
                    NAMED_TOTAL.match(first_text) and not has_values and not has_error and id_col is not None
                    and blank(get(row, id_col)))):
                report.add(table.cell(r, filled[0][0]), "", first_text, "total or average row, not an item: left out", "info")
                continue
            beside = {c for f, c in carried_cols}
            own = [(c, v) for c, v in filled if c not in beside]
            if (0 < len(own) < len(filled) and len(own) == 1 and not has_values and not has_error and isinstance(own[0][1], str)
                    and HEADING_PREFIX.match(own[0][1])):
                filled = own  # "Objective 1.1: ..." beside the priority merged down its column: a section row all the same
                first_text = text(filled[0][1])
            if (out and len(own) == 1 and own[0][0] == key_col and not has_values and not has_error and isinstance(own[0][1], str)
                    and COMMENT_LINE.match(own[0][1]) and (id_col is None or blank(get(row, id_col)))):
                # "Commentary: ..." on its own line under a measure, as committee reports print it: that item's commentary
                table.comments_below[out[-1][0]] = COMMENT_LINE.sub("", own[0][1], count=1).strip()
                report.add(table.cell(r, key_col), "commentary", text(own[0][1])[:80],
                           f"a commentary line under the {spec.noun} in row {out[-1][0] + 1}: read as its commentary, not a {spec.noun}", "info")
                continue
            texts = {text(v) for _, v in filled}
            if len(texts) == 1 and not has_values and not has_error and isinstance(filled[0][1], str):
                c0 = filled[0][0]
                if NOTE_ROW.search(first_text):
                    report.add(table.cell(r, c0), "", first_text, "note, key or source row, not data", "info")
                    in_key = in_key or bool(out and KEY_LABEL.match(first_text))
                    continue
                if out and c0 in comment_cols:
                    comment_rows.setdefault(out[-1][0], []).append((r, c0))
                    continue
                raw = str(filled[0][1])
                level = heading_level_of(raw)
                parent = None
                if level == "objective" and heading is not None and not _numbered_apart(
                        (heading if heading.level == "priority" else heading.parent), raw):
                    parent = heading if heading.level == "priority" else heading.parent  # under the priority above it
                elif (heading is not None and heading.count == 0 and heading.parent is None
                      and _numbered_under(heading.text_raw, raw)):
                    # "Outcome 1: ..." then "Priority 1.1: ...": a heading numbered within the empty one above it is under it,
                    # whatever their words (a LOIP's outcomes above its priorities were dropped as headings of no rows)
                    parent = heading
                elif heading is not None and heading.parent is not None and _numbered_under(heading.parent.text_raw, raw):
                    parent = heading.parent  # "Priority 1.2: ..." after 1.1's rows: under "Outcome 1" still
                thread = thread_level(raw)
                deeper = heading is not None and heading.thread is not None and thread is not None and thread > heading.thread
                if heading is not None and heading.count == 0 and not (parent is not None and parent is heading) and not deeper:
                    report.add(table.cell(heading.row, heading.col), "priority", heading.text, "section heading with no rows under it", "info")
                clear = (
                    bool(HEADING_PREFIX.match(raw) or _NUMBERED_HEADING.match(raw)) or (raw.isupper() and len(raw) > 3)
                    or c0 != key_col or not out or any(r1 == r and c1 == c0 and c2 > c1 for (r1, c1), (_, c2) in table.sheet.merged)
                )
                heading = Heading(r, c0, heading_text(first_text), clear=clear, level=level, parent=parent, thread=thread, text_raw=raw)
                table.headings.append(heading)
                for f in list(runs):
                    close_run(f)
                last = {}
                continue
            if blank(key_val) and not has_values and not has_error:
                report.add(table.cell(r, filled[0][0]), "", first_text[:80], f"row has no {spec.key_field.replace('_', ' ')} and no values, not data", "info")
                continue
        carried = {}
        for f, c in carried_cols:
            v = row[c] if c < len(row) else ""
            if error_cells and (r, c) in error_cells:  # unknown, so neither this row nor those under it take the value above
                close_run(f)
                last.pop(f, None)
                err = error_cells[(r, c)]
                report.add(table.cell(r, c), f, err, f"formula error {err} in {f.replace('_', ' ')}: left blank, not carried down "
                           "from the row above (nor to blank cells under it)", "warning")
            elif not blank(v):
                close_run(f)
                if f != "priority":
                    carried[f] = text(v)
                elif v.__class__ is str:  # a priority column holds a few headings over thousands of rows: each read once
                    carried[f] = headed.get(v) or headed.setdefault(v, heading_text(v))
                else:
                    carried[f] = heading_text(v)
                last[f] = (carried[f], r)
            elif f in last:
                carried[f] = last[f][0]
                if f in runs:
                    runs[f][2] = r
                else:
                    runs[f] = [last[f][1], r, r]
            elif f == "priority" and heading is not None:
                carried[f] = heading.parent.text if heading.parent is not None else heading.text
        if heading is not None:
            if "priority" not in carried:
                carried["priority"] = heading.parent.text if heading.parent is not None else heading.text
            if heading.parent is not None and "objective" not in cmap.fields:
                carried["objective"] = heading.text  # "Objective 1.1: ..." under "Priority 1: ..."
                top = heading.parent
                top.count += 1
                top.first = r if top.first is None else top.first
                top.last = r
            elif (heading.level == "objective" and "objective" not in cmap.fields and carried.get("priority")
                  and carried["priority"] != heading.text):
                carried["objective"] = heading.text  # "Objective 1.1: ..." rows under a priority given in its own column
            heading.count += 1
            heading.first = r if heading.first is None else heading.first
            heading.last = r
        if not carried:
            carried = _NOTHING_CARRIED
        elif carried == shared:  # rows under one heading carry the same: one read-only mapping for them all
            carried = shared
        else:
            shared = carried = MappingProxyType(carried)
        out.append((r, carried))
    if other_from is not None:  # a list under the table to its end ("Emerging risks"): not the table's items
        r0, c0, v0, said = other_from
        report.add(table.cell(r0, c0), "", v0, f"row {r0 + 1} is the header of another list ({said}) under the table: its "
                   f"rows are not the table's {spec.noun}s, and are not read", "info")
    for r0, c0, v0, said, back in others:  # another table between blocks of this one (a priority's KPIs between its milestones)
        report.add(table.cell(r0, c0), "", v0, f"rows {r0 + 1}-{back} are another table ({said}) between blocks of this one: "
                   f"not read as {spec.noun}s; if they are another kind's, put them on a sheet of their own to read them",
                   "warning")
    for f in list(runs):
        close_run(f)
    for above, cells in comment_rows.items():
        report_comment_rows(table, cells, above)
    if heading is not None and heading.count == 0:
        report.add(table.cell(heading.row, heading.col), "", heading.text, "text below the table, not data", "info")
        table.headings.remove(heading)
    if len({h.thread for h in table.headings} - {None}) >= 2:
        out = _golden_thread(table, out)
    tops = [h for h in table.headings if h.count]
    as_objectives = (bool(tops) and all(h.level == "objective" and h.parent is None for h in tops) and spec.name in ("milestones", "measures")
                     and "priority" not in cmap.fields and "objective" not in cmap.fields)
    if as_objectives:  # "Objective 1: ..." rows alone: the plan's groups are its objectives, and are named so
        out = [(r, MappingProxyType({**{k: v for k, v in c.items() if k != "priority"}, "objective": c["priority"]})
                if c.get("priority") else c) for r, c in out]
    for h in table.headings:
        if h.count:
            what = "objective" if h.parent is not None or as_objectives else "priority"
            report.add(table.cell(h.row, h.col), what, h.text, f"section heading: {what} of {h.count} {spec.noun}{'s' * (h.count != 1)} in rows {h.first + 1}-{h.last + 1}", "info")
    _key_under_sections(table, out)
    _check_lone_headings(table, out)
    table.items = [r for r, _ in out]
    return out


def _header_again(row: list, head_row: list, head_words: list[str], k0: int) -> bool:
    """Whether a row is the table's header typed again word for word (``head_words``: its header's cells, lowered), its
    first word's column ``k0`` compared first, as most rows differ there."""
    return k0 < len(row) and row[k0] == head_row[k0] and [text(v).lower() for v in row[:len(head_words)]] == head_words


def _lone_text(row: list) -> tuple[int, str] | None:
    """The one piece of text on a row, with its column, or None."""
    filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
    return (filled[0][0], text(filled[0][1])) if len(filled) == 1 and isinstance(filled[0][1], str) else None


def _heading_over_the_first_block(table: Table, head_words: list[str], k0: int | None) -> Heading | None:
    """``Housing`` alone over the header, and ``Environment and Waste`` alone over the same header typed again further
    down: two blocks of one table, each under its heading, so the first heading is the first block's section (taken as a
    title row, the first block's measures had no priority and the briefing showed them as 'No priority given')."""
    cmap, rows = table.cmap, table.sheet.rows
    above = cmap.header_row - max(cmap.header_rows, 1)
    lone = _lone_text(rows[above]) if above >= 0 and k0 is not None else None
    if lone is None or len(lone[1]) > 60 or PERIOD_TOKEN.search(lone[1].lower()) or NOTE_ROW.search(lone[1]):
        return None
    spec = table.spec
    for r in range(1, len(rows)):
        if r == cmap.header_row or r == above + 1:
            continue
        row = rows[r]
        if _header_again(row, rows[cmap.header_row], head_words, k0):
            pass  # the header typed again over another block
        elif not (r - 1 != above and any(not blank(v) for v in row) and _lone_text(rows[r - 1]) is not None
                  and sum(1 for v in row if isinstance(v, str) and read_header(v, spec).field is not None) >= 3
                  and any(isinstance(v, str) and read_header(v, spec).field == spec.key_field for v in row)):
            continue  # nor another table of this kind's header ("Ref | Performance indicator | Polarity ...")
        before = next((rows[b] for b in range(r - 1, 0, -1) if any(not blank(v) for v in rows[b])), None)
        if before is None or _lone_text(before) is None:
            return None
        heading = Heading(above, lone[0], heading_text(lone[1]), clear=True, level=heading_level_of(lone[1]))
        table.headings.append(heading)
        return heading
    return None


def _golden_thread(table: Table, out: list) -> list:
    """``Objective 1:`` over ``Strategy 1.1:`` over ``Tactic 1.1.1:`` section rows: each item takes the objective, strategy
    and tactic above it (only the innermost was kept, as its priority, and the others said to have no rows under them).
    Fields the table gives in columns of their own stand; the plan's levels are said, each heading with its items."""
    names = schema.HIERARCHY
    fields = [f for f in names if f in table.spec.fields and f not in table.cmap.fields]
    if not fields:
        return out
    headings = sorted((h for h in table.headings if h.thread is not None), key=lambda h: h.row)
    counts: dict[int, int] = {}
    stack: dict[int, Heading] = {}
    hi = 0
    new = []
    for r, carried in out:
        while hi < len(headings) and headings[hi].row < r:
            h = headings[hi]
            stack = {k: v for k, v in stack.items() if k < h.thread}
            stack[h.thread] = h
            hi += 1
        if not stack:
            new.append((r, carried))
            continue
        given = {k: v for k, v in carried.items() if not (k == "priority" and "priority" not in table.cmap.fields)}
        for level, h in stack.items():
            counts[h.row] = counts.get(h.row, 0) + 1
            if names[level] in fields:
                given[names[level]] = h.text
        new.append((r, MappingProxyType(given)))
    for h in headings:
        h.count = 0  # said here, by level, not as priorities below
        if h.row in counts:
            table.report.add(table.cell(h.row, h.col), names[h.thread], h.text,
                             f"section heading: {names[h.thread]} of {counts[h.row]} {table.spec.noun}{'s' * (counts[h.row] != 1)}", "info")
    return new


def _key_under_sections(table: Table, out: list) -> None:
    """``Commitment | Activity | ...`` with each commitment a section row across the table and the items' names under
    'Activity': the column read as the items' names (the first of two such headers) is empty on every item's row, so
    the other column of names is read as them, and said. Every milestone had been 'no title', and the brief listed
    red, overdue milestones with no names."""
    cmap, spec, rows = table.cmap, table.spec, table.sheet.rows
    key = spec.key_field
    col = cmap.fields.get(key)
    if col is None or col in cmap.configured or len(out) < 2 or any(not blank(get(rows[r], col)) for r, _ in out):
        return
    for c in sorted(cmap.unmapped):
        if c in cmap.configured or read_header(cmap.headers.get(c, ""), spec).field != key:
            continue
        if sum(1 for r, _ in out if isinstance(get(rows[r], c), str) and get(rows[r], c).strip()) < 0.8 * len(out):
            continue
        cmap.unmapped.remove(c)
        cmap.unmapped.append(col)
        cmap.fields[key] = c
        for h in table.headings:  # a heading in a column other than the items' names is plainly one
            h.clear = h.clear or h.col == col
        table.report.add(table.cell(cmap.header_row, c), key, cmap.headers[c],
                         f"column {cmap.headers[c]!r} read as the {spec.noun}s' names: {cmap.headers[col]!r} is empty on every "
                         f"{spec.noun}'s row (its words head the sections); to say otherwise, put {toml_string(cmap.headers[c])} = "
                         f"\"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "info")
        table.unsay_unused([table.cell(cmap.header_row, c)])
        return


def comment_columns(table: Table) -> set[int]:
    """The columns of free text about an item (commentary, mitigation), right of its reference and title.

    Text alone in one of them, on a row between items, is a comment run on from the row above, never a section heading.
    """
    cmap = table.cmap
    left = max((cmap.fields[f] for f in (table.spec.key_field, table.spec.id_field) if f in cmap.fields), default=-1)
    cols = {c for f, c in cmap.fields.items() if f in ("commentary", "mitigation")}
    cols |= {pc.col for pc in cmap.period_columns if pc.field == "commentary"}
    return {c for c in cols if c > left}


def report_comment_rows(table: Table, cells: list[tuple[int, int]], above: int) -> None:
    """A warning for rows holding only a comment, under an item: not read (neither a heading nor an item), their cells named."""
    rows, spec, cmap = table.sheet.rows, table.spec, table.cmap
    (r, col), last = cells[0], cells[-1][0]
    said = text(rows[r][col])
    label_col = next((cmap.fields[f] for f in (spec.id_field, spec.key_field) if f in cmap.fields), None)
    item = text(get(rows[above], label_col)) if label_col is not None else ""
    whose = f"{spec.noun} {item!r} (row {above + 1})" if item else f"the {spec.noun} in row {above + 1}"
    short = said if len(said) <= 60 else said[:57] + "..."
    where = f"row {r + 1} holds only a comment ({short!r})" if len(cells) == 1 else \
        f"rows {r + 1}-{last + 1} hold only comments ({short!r}...)"
    header = cmap.headers.get(col) or "commentary"
    table.report.add(
        table.cell(r, col) + (f":{col_letter(max(c for _, c in cells))}{last + 1}" if len(cells) > 1 else ""), "", said,
        f"{where} under {whose}: not read as a section heading nor added to any {spec.noun}'s text; if "
        f"{'it belongs' if len(cells) == 1 else 'they belong'} to {whose}, move {'it' if len(cells) == 1 else 'them'} "
        f"into that row's {header!r} cell",
        "warning",
    )


def report_hidden_rows(table: Table) -> None:
    """Items on rows Excel hides are read like any other, which the officer may not expect: a warning names them."""
    book = table.sheet.book
    hidden = book.hidden_rows(table.sheet.name) if book is not None else set()
    rows = sorted(r for r in table.items if r in hidden)
    if rows:
        col = table.cmap.fields.get(table.spec.key_field, min(table.cmap.fields.values(), default=0))
        n, noun = len(rows), table.spec.noun
        if n == 1:
            said = f"row {rows[0] + 1} is hidden in Excel but was read as a {noun}: check it should count"
        else:
            said = (f"{n} rows hidden in Excel were read as {noun}s (rows {', '.join(str(r + 1) for r in rows[:10])}"
                    f"{', ...' if n > 10 else ''}): check they should count")
        said += (f"; if hidden rows are not {noun}s, put hidden_rows = \"leave out\" under "
                 f"[sheets.{toml_string(table.sheet.name)}] in perfkit.toml")
        table.report.add(table.column_range(col, rows), "", "", said, "warning")


def report_error_cells(table: Table) -> None:
    """Name every formula-error cell in a column read for the items that no builder has named already.

    calamine reads ``#DIV/0!``, ``#N/A`` and the like as blank cells; a builder reports
    those it checks (statuses, actuals, scores). Any other is named here: an error in a
    value the figures use (``spec.values``) stops the load; one in text (a lead, a
    commentary) is a warning that the cell was read as blank.
    """
    errors = table.sheet.errors
    if not errors or not table.items:
        return
    cmap, spec = table.cmap, table.spec
    read = {c: f for f, c in cmap.fields.items()}
    read.update({pc.col: pc.field for pc in cmap.period_columns})
    rows = set(table.items)
    named = {p.source for p in table.report if "formula error" in p.message}
    for (r, c), err in sorted(errors.items()):
        f = read.get(c)
        if f is None or r not in rows or table.cell(r, c) in named:
            continue
        if f in spec.values:
            table.report.add(table.cell(r, c), f, err, f"formula error {err} in {f.replace('_', ' ')}: correct the formula, or clear the cell")
        else:
            table.report.add(table.cell(r, c), f, err, f"formula error {err} in {f.replace('_', ' ')}: read as blank", "warning")


def _same_last_word(a: str, b: str) -> bool:
    """Whether two headings end in one noun, their bracketed asides left out (``National metrics``, ``Local metrics (ICP)``).

    >>> _same_last_word("National metrics", "Local metrics (Integrated Care Partnership)"), _same_last_word("Housing", "Rent")
    (True, False)
    """
    def last(t: str) -> str:
        words = re.sub(r"\([^)]*\)", " ", t).lower().split()
        return words[-1].rstrip("s:.") if len(words) > 1 else ""
    return bool(last(a)) and last(a) == last(b)


def _check_lone_headings(table: Table, data: list[tuple[int, dict]]) -> None:
    """Headings that may be items with only a title are warnings.

    A heading is clear when it is labelled (``Priority 2: …``, ``THEME: …``), in capitals,
    merged across columns, in a column other than the items' titles, or above every item.
    A plain title-like line between items, in the title column, may be an item with no
    status yet: it would take the rows under it as its own. So may a heading that governs
    one row between sections of several.
    """
    hs = [h for h in table.headings if h.count]
    noun = table.spec.noun
    alike = set()  # "Local metrics (ICP)" after "National metrics": a heading like one before it, never an item
    rows = table.sheet.rows
    head_words = [text(v).lower() for v in rows[table.cmap.header_row]]
    for i, h in enumerate(hs):
        if any(o.clear and o.col == h.col and _same_last_word(o.text, h.text) for o in hs[:i]):
            h.clear = True
            alike.add(h.row)
        if not h.clear and h.row + 1 < len(rows) and [text(v).lower() for v in rows[h.row + 1][:len(head_words)]] == head_words:
            h.clear = True  # 'Repairs' over the header typed again: a block's title, never an item with only a title
        if not h.clear:
            table.report.add(
                table.cell(h.row, h.col), "priority", h.text,
                f"row {h.row + 1} {h.text!r} was read as a section heading, the priority of rows {h.first + 1}-{h.last + 1}; "
                f"if it is {'an' if noun[:1] in 'aeiou' else 'a'} {noun} with only a title, give it a status or reference; if it is a heading, label it "
                f"('Priority: {h.text}') so that perfkit need not guess",
                "warning",
            )
    for prev, h, nxt in zip(hs, hs[1:], hs[2:] + [None]):
        if not h.clear or h.row in alike:
            continue
        # in the title column it may be an item with only a title; a measure's title is never in the reference column, and
        # one with only a title has no target to count against
        # in a table split by its Type column, the other kind's rows under the heading are its rows too
        others = sum(1 for r in table.skip if h.row < r < (nxt.row if nxt is not None else len(table.sheet.rows)))
        if (h.count == 1 and not others and prev.count > 1 and (nxt is None or nxt.count > 1)
                and not HEADING_PREFIX.match(table.sheet.rows[h.row][h.col] or "")
                and (table.kind != "measures" or h.col == table.cmap.fields.get(table.spec.key_field, h.col))):
            table.report.add(
                table.cell(h.row, h.col), "priority", h.text,
                f"row {h.row + 1} was read as a section heading between items; if it is {'an' if noun[:1] in 'aeiou' else 'a'} {noun} with only a title, "
                "give it a status or reference",
                "warning",
            )


def check_error(table: Table, r: int, c: int | None, field_: str) -> bool:
    """Report a formula-error cell (``#N/A``) where a field needs a value; true if it was one."""
    if c is not None and (r, c) in table.sheet.errors:
        table.report.add(table.cell(r, c), field_, table.sheet.errors[(r, c)], f"formula error {table.sheet.errors[(r, c)]} in {field_.replace('_', ' ')}")
        return True
    return False


def clean(values) -> list[str]:
    """Cell values as tidy text with runs of white space folded; only cells that need it are touched."""
    return [v if v.__class__ is str and "  " not in v and "\n" not in v and "\t" not in v and v == v.strip() else text(v) for v in values]


def ids(table: Table, data: list[tuple[int, dict]]) -> list[str]:
    """Each item's reference as text (``1.10`` stays ``1.10``), or a generated one, said aloud."""
    spec = table.spec
    col = table.cmap.fields.get(spec.id_field)
    rows = table.sheet.rows
    prefix = spec.id_prefix
    if col is None:
        own = _refs_leading_the_names(table, data)
        if own is not None:
            return own
        table.report.add(table.sheet.name, spec.id_field, "", f"no reference column: ids {prefix}001, {prefix}002... given in row order", "info")
        made = [f"{prefix}{i:03d}" for i in range(1, len(data) + 1)]
        table.generated.update(made)
        return made
    errors = table.sheet.errors
    row_idx = [r for r, _ in data]
    raw = column(rows, row_idx, col)
    shown = table.sheet.shown_numbers(row_idx, col) if any(v.__class__ in (int, float) for v in raw) else {}
    tidy = clean(raw)
    if not errors and not shown and all(tidy):  # every item has its own reference: nothing to say of any
        return _by_section(table, data, tidy, col)
    out = []
    for i, ((r, _), ident) in enumerate(zip(data, tidy), start=1):
        if errors:
            check_error(table, r, col, spec.id_field)
        if shown:
            ident = shown.get((r, col), ident)  # 7 shown as 007 by its number format is the reference 007
        if not ident:
            ident = f"{prefix}{i:03d}"
            table.generated.add(ident)
            table.report.add(table.cell(r, col), spec.id_field, "", f"no reference: given {ident}", "warning")
        out.append(ident)
    return _by_section(table, data, out, col)


# "D3 Launch the new website", "CP1.2: Adopt the plan", "2.1 - Review fees": a reference leading an item's own words
_LEADING_REF = re.compile(r"^\s*([A-Z]{1,5}[-/]?\d{1,3}(?:\.\d{1,3})*[a-z]?|\d{1,2}(?:\.\d{1,2}){1,3})(?:\s*[:.)\-–—]\s+|\s+)(?=\S)")


def numbered_on(table: Table, idents: list[str], id_offset: int) -> tuple[list[str], bool]:
    """The references a kind's reader gives its items, and whether perfkit made them up: references :func:`ids` made up
    for a table with no reference column are numbered on from ``id_offset`` (``M004`` after another sheet's three);
    the workbook's own (a column's, or those leading the items' words: ``D3 Launch ...``) stay as they are."""
    made = table.spec.id_field not in table.cmap.fields and bool(idents) and idents[0] in table.generated
    if not made:
        return idents, False
    prefix = table.spec.id_prefix
    return [f"{prefix}{int(i[len(prefix):]) + id_offset:03d}" for i in idents], True


def _refs_leading_the_names(table: Table, data: list[tuple[int, dict]]) -> list[str] | None:
    """With no reference column, each item's reference where every item's words begin with one of its own (``D3 Launch the
    new website``): three or more, none repeated, said; else None. The words are kept whole."""
    col = table.cmap.fields.get(table.spec.key_field)
    if col is None or len(data) < 3:
        return None
    found = [_LEADING_REF.match(v) if isinstance(v, str) else None for v in column(table.sheet.rows, [r for r, _ in data], col)]
    if not all(found):
        return None
    refs = [m[1] for m in found]
    if len(set(refs)) != len(refs):
        return None
    head = table.cmap.headers.get(col, "")
    table.report.add(table.column_range(col, [r for r, _ in data]), table.spec.id_field, refs[0],
                     f"no reference column, but each {table.spec.noun}'s words in {head!r} begin with its reference "
                     f"({', '.join(refs[:3])}{'...' if len(refs) > 3 else ''}): read as its reference", "info")
    return refs


def _by_section(table: Table, data: list[tuple[int, dict]], out: list[str], col: int) -> list[str]:
    """References that start again under each section row (``1, 2, 3`` under each review): each is its section's number
    then its own (``2.1``), said aloud; where they repeat within a section, or no section explains it, as they are."""
    if len(set(out)) == len(out):
        return out
    if len(table.headings) < 2:
        return _by_group_column(table, data, out, col)
    starts = sorted(h.row for h in table.headings)
    section = [sum(1 for h in starts if h < r) for r, _ in data]
    seen: set = set()
    for k, ident in zip(section, out):
        if k == 0 or (k, ident) in seen:
            return out  # items above the first section, or a reference twice in one section: not this layout
        seen.add((k, ident))
    qualified = [f"{k}.{ident}" for k, ident in zip(section, out)]
    if set(qualified) & set(out) or len(set(qualified)) != len(qualified):
        return out
    cmap = table.cmap
    table.report.add(table.cell(cmap.header_row, col), table.spec.id_field, cmap.headers.get(col, ""),
                     f"references start again under each section row ({len(set(section))} sections): read as the section's "
                     f"number then the reference ({qualified[0]}, ..., {qualified[-1]})", "info")
    return qualified


def _by_group_column(table: Table, data: list[tuple[int, dict]], out: list[str], col: int) -> list[str]:
    """References that start again for each value of a grouping column (``1, 2, 3`` for each audit in an ``Audit``
    column): each is its group's number, in the order the groups first appear, then its own (``2.1``), said aloud;
    where a reference repeats within a group, or no grouping column explains it, as they are."""
    spec, cmap = table.spec, table.cmap
    if cmap.group_ref is not None:  # 'Audit ref | Rec no.': the audit's own reference, then the number within it
        refs = [text(get(table.sheet.rows[r], cmap.group_ref)) for r, _ in data]
        qualified = [f"{a}/{ident}" for a, ident in zip(refs, out)]
        if all(refs) and len(set(qualified)) == len(qualified):
            table.report.add(table.cell(cmap.header_row, col), spec.id_field, cmap.headers.get(col, ""),
                             f"references start again for each {cmap.headers.get(cmap.group_ref, '')!r}: read as it, then the "
                             f"number ({qualified[0]}, ..., {qualified[-1]})", "info")
            return qualified
    group_field = next((f for f in ("group", "priority", "directorate", "service") if f in cmap.fields and f in spec.carried), None)
    if group_field is None:
        return out
    names = [carried.get(group_field, "") for _, carried in data]
    if any(not n for n in names):
        return out
    order = {n: i + 1 for i, n in enumerate(dict.fromkeys(names))}
    if len(order) < 2 or len({(n, ident) for n, ident in zip(names, out)}) != len(out):
        return out
    qualified = [f"{order[n]}.{ident}" for n, ident in zip(names, out)]
    if set(qualified) & set(out) or len(set(qualified)) != len(qualified):
        return out
    header = cmap.headers.get(cmap.fields[group_field], group_field)
    table.report.add(table.cell(cmap.header_row, col), spec.id_field, cmap.headers.get(col, ""),
                     f"references start again for each {header!r} ({len(order)} of them): read as its number, in the order they "
                     f"first appear, then the reference ({qualified[0]}, ..., {qualified[-1]}); the committee's pages show "
                     f"each by its words and its {header!r}, since the workbook has no such reference", "info")
    table.generated.update(qualified)  # '1.3' is perfkit's (the audit's place in the sheet), never the workbook's
    return qualified


_QUARTER_WITH_YEAR = re.compile(
    r"(?:q|qtr|quarter)\s*[1-4]\s*,?\s*(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}|(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\s*,?\s*(?:q|qtr|quarter)\s*[1-4]"
)
_MONTHS_NAMED = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                 r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_RANGE = re.compile(rf"(?<![a-z]){_MONTHS_NAMED}\s*(?:-|–|to)\s*{_MONTHS_NAMED}(?:\s*[-']?\s*(?:\d{{4}}|\d{{2}}))?(?![a-z0-9])")


_MONTH_WITH_YEAR = re.compile(
    rf"(?<![a-z0-9])(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTHS_NAMED})(?![a-z])\s*[-'’/]?\s*(\d{{4}}|\d{{2}})(?![0-9])"
)
_QUARTER_END_DAY = {"mar": 31, "jun": 30, "sep": 30, "dec": 31}
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])")
_ROLLING = re.compile(r"(?i)\b(?:12|twelve)\s+months?\s+(?:to|ending|ended)\b|\brolling\s+(?:12|twelve|year)\b")
# Words before a date that make it the day a position was taken, whatever the day: "as at", "position at", "meeting".
# the words before a day the position was taken (never a meeting's day it is for): "as at", "updated", "position at"
_UPDATED_AT = re.compile(r"\b(?:as\s+(?:at|of)|position\s+(?:as\s+)?(?:at|on)|(?:last\s+)?updated?(?:\s+by\s+[^.;:\d]{1,40}?)?(?:\s+(?:at|on))?"
                         r"|last\s+reviewed)\s*:?\s*$")  # "Updated by the Town Clerk on 4 November 2024": the day it was updated
_POSITION_AT = re.compile(r"\b(?:as\s+(?:at|of)|position\s+(?:as\s+)?(?:at|on)|(?:reported|updated?|reviewed)\s+(?:at|on)|(?:last\s+)?updated|last\s+reviewed|(?:reported|presented)\s+to|meeting)\b[^.;:\d]*$")


def month_named(text_: str) -> tuple[str, Span] | None:
    """The one month a sheet's name or title names with its year (``June 2024``, ``Sept 2024``, ``Sep-24``), and its quarter.

    A quarterly return named by a month reports the quarter that month ends or falls in: ``June 2024``
    is 2024/25 Q1, ``Dec 2024`` is 2024/25 Q3. A date with a day is taken only when it is the last day
    of a quarter (``as at 30 September 2024``); any other day (``complete by 15 January 2025``) is a
    deadline, not a period. Text naming months of different quarters (``April 2024 to March 2025``)
    names no one quarter, and gives None.

    Examples
    --------
    >>> month_named("Sept 2024")[1].label, month_named("Return as at 31 December 2024")[1].label
    ('2024/25 Q2', '2024/25 Q3')
    >>> month_named("April 2024 to March 2025") is None, month_named("Please complete by 15 January 2025") is None
    (True, True)
    >>> month_named("As at Full Council meeting, 24 September 2024")[1].label  # a position taken that day
    '2024/25 Q2'
    >>> month_named("Improvement plan (after the inspection, March 2024) Progress update: September 2024")[1].label
    '2024/25 Q2'
    """
    found = []
    updates = []  # months that follow "update", "progress", "position": the report's own, where the title names others too
    positions = []  # dates of another day that follow "as at" or a meeting: a position taken that day
    # "position at 30/09/2024": a date typed in figures, day first, read as the same date in words
    text_ = _NUMERIC_DATE.sub(lambda m: f"{int(m[1])} {calendar.month_name[int(m[2])]} {m[3]}" if 1 <= int(m[2]) <= 12 else m[0], text_)
    low = text_.lower()
    for m in _MONTH_WITH_YEAR.finditer(low):
        within = m[1] is None or int(m[1]) == _QUARTER_END_DAY.get(m[2][:3])
        if not within and not _POSITION_AT.search(low[max(0, m.start() - 60):m.start()]):
            continue  # "complete by 15 January 2025": a deadline; "as at Full Council, 24 September 2024": a position then
        try:
            span = resolve_token(f"{m[2]} {m[3]}", None)
        except PeriodError:
            continue
        if _DATA_TO.search(low[max(0, m.start() - 30):m.start()]):
            # "Trust Board, October 2024 (data to September 2024)": the month the figures run to, never the meeting's
            return text_[m.start(2):m.end()].strip(), Span("quarter", span.start, span.end)
        (found if within else positions).append((text_[m.start(2):m.end()].strip(), Span("quarter", span.start, span.end), m[1] is not None))
        if _UPDATE_AT.search(low[max(0, m.start() - 40):m.start()]):
            updates.append((text_[m.start(2):m.end()].strip(), Span("quarter", span.start, span.end)))
    ends = [f for f in found if f[2]]  # "30 September 2024" before "November 2024" (the committee's month) before another day
    found = [(t, sp) for t, sp, _ in (ends or found or positions)]
    if len({span.end for _, span in found}) > 1 and len({span.end for _, span in updates}) == 1:
        # "(following the Ofsted inspection, March 2024) ... Progress update: September 2024": the update's month
        return updates[0]
    if not found or len({span.end for _, span in found}) > 1:
        return None
    return found[0]


# What a title says before the month of the report itself: "Progress update: September 2024", "Position at September 2024"
_UPDATE_AT = re.compile(r"(?i)\b(?:update|progress|position|monitoring|report(?:ing)?\s+(?:period|month))\s*(?:as\s+)?(?:at|for|to|of)?\s*[:\-–]?\s*$")


# What a title says before the month its figures run to: "data to September 2024", "figures up to the end of June 2024"
_DATA_TO = re.compile(r"(?i)\b(?:data|figures|performance|information|position)\s+(?:up\s+)?to\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?$")


def position_day(text_: str) -> _dt.date | None:
    """The day a position was taken that a title gives, where it is not a quarter's last day (``Last updated 06/01/2025``,
    ``as at 14 November 2024``), or None: what was done by then is all the sheet can say of its quarter.

    Examples
    --------
    >>> position_day("RAID log - last updated 06/01/2025"), position_day("Return as at 31 December 2024")
    (datetime.date(2025, 1, 6), None)
    """
    text_ = _NUMERIC_DATE.sub(lambda m: f"{int(m[1])} {calendar.month_name[int(m[2])]} {m[3]}" if 1 <= int(m[2]) <= 12 else m[0], text_)
    low = text_.lower()
    days, updated = set(), set()
    for m in _MONTH_WITH_YEAR.finditer(low):
        if m[1] is None or int(m[1]) == _QUARTER_END_DAY.get(m[2][:3]) or len(m[3]) != 4:
            continue
        before = low[max(0, m.start() - 60):m.start()]
        if not _POSITION_AT.search(before):
            continue
        try:
            day = _dt.datetime.strptime(f"{int(m[1])} {m[2][:3]} {m[3]}", "%d %b %Y").date()
        except ValueError:
            continue
        days.add(day)
        if _UPDATED_AT.search(before):
            updated.add(day)
    # "Updated 8 January 2025 for the Board meeting on 16 January 2025": the day it was updated, not the meeting's
    if len(updated) == 1:
        return updated.pop()
    return days.pop() if len(days) == 1 else None


def _month_only(text_: str, year: int | None) -> str | None:
    """The month (``June 2024``) that alone gives the quarter ``text_`` names, or None where it names a quarter itself."""
    named = month_named(text_)
    if named is None or _quarter_written(text_, year) is not None:
        return None
    return named[0]


def quarter_named(text_: str, year: int | None) -> Span | None:
    """The quarter a sheet's name, title or file name names (``Q2 2024-25``, ``Quarter 3``, ``Apr-Jun``), or None.

    A quarter with no year (``Q1``, ``Jul-Sep``) takes ``year``, the table's financial year; with
    none known it names nothing. A month range must cover one quarter (``Jan-Mar``), not a half-year.
    One month with its year (``June 2024``, ``Sep-24``) names the quarter it falls in (:func:`month_named`).

    Examples
    --------
    >>> quarter_named("Performance report Quarter 2 2024/25", None).label, quarter_named("Apr-Jun", 2025).label
    ('2024/25 Q2', '2024/25 Q1')
    >>> quarter_named("Adults", 2025) is None
    True
    >>> quarter_named("Previous = Quarter 1 2024/25 (April to June 2024); Current = Quarter 2 2024/25 (July to September)", None).label
    '2024/25 Q2'
    """
    defined = _CURRENT_IS.search(text_)
    if defined is not None:  # "Previous = Quarter 1 2024/25; Current = Quarter 2 2024/25": the current one, wherever it stands
        span = _quarter_written(defined[1], year) or (named[1] if (named := month_named(defined[1])) is not None else None)
        if span is not None:
            return span
    text_ = _PREVIOUS_IS.sub(" ", text_)  # "Previous = Quarter 1 2024/25": the quarter before the sheet's, never its own
    span = _quarter_written(text_, year)
    if span is not None:
        return span
    named = month_named(text_)
    return named[1] if named is not None else None


# A title defining its columns: "Current = Quarter 2 2024/25 (July–September)", "Previous: Q1 2024/25"
_CURRENT_IS = re.compile(r"(?i)\b(?:current|this\s+quarter|latest|reporting\s+(?:period|quarter))\s*(?:=|:|is\b)\s*([^;=]+?)\s*(?:[;.]\s|[;.]?$|\b(?:previous|last|prior)\b)")
_PREVIOUS_IS = re.compile(r"(?i)\b(?:previous|last\s+quarter|prior)\s*(?:=|:|is\b)\s*[^;=]+?\s*(?=[;.]\s|[;.]?$|\b(?:current|this|latest)\b)")


def _quarter_written(text_: str, year: int | None) -> Span | None:
    """The quarter ``text_`` names as a quarter (``Q2 2024-25``, ``Quarter 3``, ``Apr-Jun``), not by one month."""
    low = text_.lower()
    at = 0
    while (m := _QUARTER_WITH_YEAR.search(low, at)) is not None:
        try:
            return parse_span(m.group(0))
        except PeriodError:  # "Delivery Plan 2024-26 Quarter 2 2024/25": the plan's span, then the quarter's own year
            at = m.start() + 1
    m = re.search(r"(?<![a-z])(?:q|qtr|quarter)\s*([1-4])\b", low)
    if m and year:
        return resolve_token(f"q{m[1]}", year)
    m = _MONTH_RANGE.search(low)
    if m:
        try:
            span = resolve_token(m.group(0), year)
        except PeriodError:
            return None
        if span.kind == "quarter":
            return span
    return None


_MONTH_THEN_YEAR = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-]*'?\d{2,4}\b")


def _period_of(value) -> Span | None:
    """The period a row's figure is of, as a scorecard writes it (``Jul-Sep 2024``, ``2023/24``, ``12 months to Sep 2024``:
    the quarter its last month ends), or None where it names none perfkit reads (``2023``, a calendar year)."""
    words = text(value).strip()
    if not words:
        return None
    try:
        return parse_span(words)
    except PeriodError:
        pass
    months = _MONTH_THEN_YEAR.findall(words)
    try:
        return parse_span(months[-1]) if months else None
    except PeriodError:
        return None


def _figures_of_their_own_periods(table: Table, period) -> None:
    """``Previous | Latest`` merged over ``Period | Value`` each (a health and social care partnership's scorecard): each
    row's figures are of the periods beside them, the latest available, several lagging the quarter reported.

    The latest figures are read as the quarter the sheet reports, as the scorecard presents them, and every row whose own
    period is another is named in a note. The previous figures are the quarter before only where every row says so;
    otherwise (``2022/23`` beside a quarter's) they are set aside, said: read as the quarter before, a measure's change
    would be measured against a figure of another year."""
    cmap = table.cmap
    try:
        now = single_period(table, period)
    except (LayoutError, PeriodError):
        return
    rows = table.sheet.rows
    items = [r for r in range(cmap.header_row + 1, len(rows)) if r not in table.skip]
    for col, band in sorted(cmap.data_periods.items()):
        header = cmap.headers[col]
        said = {r: text(get(rows[r], col)) for r in items if not blank(get(rows[r], col))}
        if not said:
            continue
        figures = [pc for pc in cmap.period_columns if pc.header.lower().startswith(band.lower() + " ")
                   or pc.header.strip().lower() == band.lower()]
        if _PREVIOUS_BAND.match(band):
            yearly = now.kind == "year"  # an annual report's previous figures: the year before's
            before = now.end - (4 if yearly else 1)
            spans = {r: _period_of(v) for r, v in said.items()}
            same = all(s is not None and s.kind == now.kind and s.end == before for s in spans.values())
            table.report.add(table.cell(cmap.header_row, col), "period", header, f"column {header!r} gives the period of each "
                             f"earlier figure beside it: {'every one' if same else 'not every one'} {period_label(before, 'year' if yearly else 'quarter')}", "info")
            if same:
                continue  # every previous figure is the quarter before's: read as such
            for pc in figures:
                cmap.period_columns.remove(pc)
                cmap.set_aside[pc.col] = f"earlier figures, each of the period in {header!r}"
            shown = ", ".join(map(repr, list(dict.fromkeys(said.values()))[:4]))
            for pc in figures:
                table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header,
                                 f"column {pc.header!r} holds earlier figures, each of its own period ({shown}, column "
                                 f"{col_letter(col)}), not all {period_label(before, 'year' if yearly else 'quarter')}'s: not read as the {'year' if yearly else 'quarter'} before (each "
                                 "measure's change is read from the sheet's own trend column, where it has one)", "info")
            continue
        other = {}
        for r, v in said.items():
            s = _period_of(v)
            if s is None or s.end != now.end:
                other.setdefault(v, []).append(r)
        where = table.cell(cmap.header_row, col)
        if not other:
            table.report.add(where, "period", header, f"column {header!r} names {now.label} (or the twelve months to its end) "
                             "on every row: the figures beside it are read as that quarter's", "info")
            continue
        listed = "; ".join(f"{v!r} ({len(rs)} row{'s' * (len(rs) != 1)}: {', '.join(str(r + 1) for r in rs[:4])})"
                           for v, rs in list(other.items())[:5]) + (f"; and {len(other) - 5} more" if len(other) > 5 else "")
        table.own_periods.update({r: v for v, rs in other.items() for r in rs})
        table.report.add(where, "period", header,
                         f"column {header!r} gives some figures periods of their own, not {now.label}: {listed}; the "
                         f"scorecard reports them as the latest available, so they are read as {now.label}'s, the "
                         f"{'year' if now.kind == 'year' else 'quarter'} it reports, each dated with its own period in the briefing's tables", "info")


_PREVIOUS_BAND = re.compile(r"(?i)^\s*(?:previous|prior|last)\b")


def rows_of_their_own_periods(table: Table, period) -> None:
    """``Indicator | Description | Reporting period | Glenmuir | Scotland | Target | RAG`` under a title naming one quarter
    (an integration joint board's framework): one row per measure, each figure the latest available, of its own period
    (``2023/24``, ``2023``, ``Apr-Jun 2024``). Read as a long table, a calendar year refused the sheet; read as the
    quarter the title names, each figure dated with its own period in the briefing's tables, said (as
    :func:`_figures_of_their_own_periods` reads a scorecard's ``Latest | Period`` pair)."""
    cmap = table.cmap
    col = cmap.fields.get("period")
    if table.spec.name != "measures" or col is None or col in cmap.configured or cmap.period_columns:
        return
    key = cmap.fields.get("measure_id", cmap.fields.get("name"))
    rows = table.sheet.rows
    items = [r for r in range(cmap.header_row + 1, len(rows)) if r not in table.skip and not blank(get(rows[r], key))] if key is not None else []
    keys = [text(get(rows[r], key)) for r in items]
    if len(items) < 2 or len(set(keys)) != len(keys):  # a measure on several rows: a long table of its periods
        return
    said = {r: text(get(rows[r], col)) for r in items if not blank(get(rows[r], col))}
    spans = {r: _period_of(v) for r, v in said.items()}
    if all(s is not None and s.kind == "quarter" for s in spans.values()):
        return  # each row a quarter: read as the long table it is
    try:
        now = single_period(table, period)
    except (LayoutError, PeriodError):
        return
    del cmap.fields["period"]
    other = {}
    for r, v in said.items():
        if spans[r] is None or spans[r].end != now.end or spans[r].kind != now.kind:
            other.setdefault(v, []).append(r)
    table.own_periods.update({r: v for v, rs in other.items() for r in rs})
    header = cmap.headers[col]
    listed = "; ".join(f"{v!r} ({len(rs)} row{'s' * (len(rs) != 1)})" for v, rs in list(other.items())[:5]) + (
        f"; and {len(other) - 5} more ({', '.join(map(repr, list(other)[5:8]))}{'...' if len(other) > 8 else ''})" if len(other) > 5 else "")
    table.report.add(table.cell(cmap.header_row, col), "period", header,
                     f"column {header!r} gives each measure's figure a period of its own ({listed}), one row per measure: the "
                     f"figures are the latest available, read as {now.label}'s, the quarter the sheet reports, each dated with its "
                     "own period in the briefing's tables", "info")


def resolve_previous(table: Table, period) -> None:
    """Columns headed for the quarter before (``Previous RAG`` beside ``Current RAG``) take the quarter before the one the
    sheet reports, and the sheet's own column of that field takes the quarter it reports; both said aloud.

    The quarter reported comes as for a one-column sheet (:func:`single_period`). A sheet
    that names its quarters in other headers as well keeps them, and its relative columns
    are left unread with a warning saying what to type.
    """
    cmap = table.cmap
    if cmap.data_periods:
        _figures_of_their_own_periods(table, period)
    _after_a_dated_previous(table)
    relative = [pc for pc in cmap.period_columns if pc.token in RELATIVE]
    if not relative:
        return
    named = [pc for pc in cmap.period_columns if pc.token not in RELATIVE]
    now = None
    if named:  # "Q2 actual | Q3 actual | Previous RAG | Current RAG" on a sheet titled Q3: the quarter before Q3 is Q2
        try:
            named_spans = [resolve_token(pc.token, table.year) for pc in named]
            # "Annual target 2024/25" beside "Q1 target | Q1 actual": the year's target names no quarter the sheet reports
            quarters = {sp.end for sp in named_spans if sp.kind == "quarter"}
            ends = quarters or {sp.end for sp in named_spans}
            if len(quarters) == 1 and all(pc.token == LAST_YEAR for pc in relative):
                # "Q1 target | Q1 actual | Same quarter last year": the quarter a year before the one its columns name
                now = Span("quarter", next(iter(quarters)), next(iter(quarters)))
            else:
                now = single_period(table, period)
                # only the year's own columns ("Annual target 2024/25") beside it: the sheet's quarter, if in that year
                in_year = not quarters and all(sp.kind == "year" and sp.start <= now.end <= sp.end for sp in named_spans)
                now = now if now.kind == "quarter" and (in_year or max(ends) == now.end) else None
        except (LayoutError, PeriodError):
            now = None
    if named and now is None:
        try:  # the example names the quarter such a column would hold for the quarter the sheet reports, where it says one
            sheet_q = single_period(table, period)
            sheet_q = sheet_q.end if sheet_q.kind == "quarter" else None
        except (LayoutError, PeriodError):
            sheet_q = None
        for pc in relative:
            cmap.period_columns.remove(pc)
            cmap.unmapped.append(pc.col)
            back = 1 if pc.token == PREVIOUS else 4
            example = period_label(sheet_q - back) if sheet_q is not None else "2023/24 Q1" if back == 4 else "2024/25 Q1"
            table.report.add(
                table.cell(cmap.header_row, pc.col), pc.field, pc.header,
                f"column {pc.header!r} is headed for the {'previous quarter' if pc.token == PREVIOUS else 'same quarter last year'}, "
                "beside columns that name their quarters: not read; "
                f"say which quarter it holds, e.g. {toml_column(table.sheet.name, pc.header, pc.field + '@' + example)}", "warning")
        return
    now = now or single_period(table, period)
    length = (now.end - now.start).n + 1  # quarters in the period: 1, 2 for a half-year, 4 for a year
    before = Span(now.kind, now.start - length, now.end - length)
    for pc in [pc for pc in relative if pc.token == LAST_YEAR]:  # "Same quarter last year": four quarters back, whatever the span
        last_year = Span(now.kind, now.start - 4, now.end - 4)
        named_year = find_financial_year(pc.header)  # "Same quarter 2023/24": only where that is the year before
        if named_year is not None and named_year != last_year.end.qyear:
            cmap.period_columns.remove(pc)
            cmap.unmapped.append(pc.col)
            table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header,
                             f"column {pc.header!r} names a year other than the one before {now.label}: not read; say which "
                             f"quarter it holds, e.g. {toml_column(table.sheet.name, pc.header, pc.field + '@' + last_year.label)}",
                             "warning")
            continue
        pc.token = last_year.label
        table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header,
                         f"column {pc.header!r} read as {pc.field.replace('_', ' ')} for {last_year.label}, the same {now.kind} "
                         f"a year before {now.label} that the sheet reports", "info")
    relative = [pc for pc in relative if pc.token == PREVIOUS]
    for pc in relative:
        pc.token = before.label
        table.report.add(
            table.cell(cmap.header_row, pc.col), pc.field, pc.header,
            f"column {pc.header!r} read as {pc.field.replace('_', ' ')} for {before.label}, the {now.kind} before {now.label} "
            f"that the sheet reports; if it holds another {now.kind}'s, say which, e.g. "
            f"{toml_column(table.sheet.name, pc.header, pc.field + '@' + Span(now.kind, before.start - length, before.end - length).label)}",
            "info")
        col = cmap.fields.pop(pc.field, None)
        if col is not None:
            cmap.period_columns.append(PeriodColumn(col, pc.field, now.label, cmap.headers.get(col, "")))
            header = cmap.headers.get(col, "")
            table.report.add(table.cell(cmap.header_row, col), pc.field, header,
                             f"column {header!r} read as {pc.field.replace('_', ' ')} for {now.label}, the {now.kind} the sheet reports", "info")


def _after_a_dated_previous(table: Table) -> None:
    """``Previous BRAG (Jun-24)`` beside a bare ``BRAG``: the bare column is the quarter after the one the previous names,
    said; it was dropped, and the tracker reported June's statuses with September's commentary."""
    cmap = table.cmap
    for pc in list(cmap.period_columns):
        if not _PREVIOUS_BAND.match(pc.header) or pc.token in RELATIVE or pc.field not in cmap.fields:
            continue
        if any(q.field == pc.field and q is not pc for q in cmap.period_columns):
            continue  # the sheet names its other quarters itself
        try:
            span = resolve_token(pc.token, table.year)
        except (LayoutError, PeriodError):
            continue
        if span.kind not in ("quarter", "month"):  # "Jun-24": the quarter its month ends
            continue
        col = cmap.fields.pop(pc.field)
        after = period_label(span.end + 1)
        cmap.period_columns.append(PeriodColumn(col, pc.field, after, cmap.headers.get(col, "")))
        header = cmap.headers.get(col, "")
        table.report.add(table.cell(cmap.header_row, col), pc.field, header,
                         f"column {header!r} read as {pc.field.replace('_', ' ')} for {after}, the quarter after the one "
                         f"{pc.header!r} beside it names; if it holds another quarter's, say which, e.g. "
                         f"{toml_column(table.sheet.name, header, pc.field + '@' + after)}", "info")
        return


# "Half-year update", "mid-year review": a title that names the half-year it reports (H1, to September)
_HALF_YEAR = re.compile(r"(?i)\b(?:mid[\s-]?year|half[\s-]?year(?:ly)?|six[\s-]?month(?:ly)?)\b")


_CHANGE_SINCE = re.compile(r"(?i)^\s*(?:change|movement|direction(?:\s+of\s+travel)?|trend)\s+(?:since|from|on|compared\s+(?:with|to))\b")
# A column set beside other councils or areas ("Compared with family group", "vs England", "Quartile"), not over time.
_COMPARED_WITH_OTHERS = re.compile(r"(?i)\b(?:family\s+group|comparators?|benchmark\w*|statistical\s+neighbours?|neighbours?|"
                                   r"england|national(?:ly)?|wales|scotland|regional(?:ly)?|region|nearest|peer\s+group|peers|"
                                   r"quartile|rank(?:ing)?|other\s+(?:councils|authorities|areas))\b")


# A title naming a year's report: "Annual Progress Report 2023/24", "Annual performance report", "Year-end report"
_ANNUAL_TITLE = re.compile(r"(?i)\bannual\s+(?:progress\s+|performance\s+|delivery\s+)?(?:report|review|update|return)\b|"
                           r"\byear[\s-]end\s+(?:report|review|update|position)\b|\bend[\s-]of[\s-]year\s+(?:report|review)\b|"
                           # "Self-assessment against Well-being Objectives - year end 2023/24", "2023/24 year-end"
                           r"\b(?:year[\s-]end|end[\s-]of[\s-]year)\s*[:,(-]?\s*(?:\d{4}\s*[/-]\s*\d{2,4})\b|"
                           r"\b\d{4}\s*[/-]\s*\d{2,4}\s*[:,-]?\s*(?:year[\s-]end|end[\s-]of[\s-]year)\b")


def _quarter_sources(table: Table) -> dict[str, str]:
    """Where a sheet with one status column names its quarter, in the order trusted: its title rows, its name, its file's."""
    return {"title rows": table.title, "sheet name": table.sheet.name, "file name": table.path.stem.replace("_", " ")}


_MONTH_ABBR = [a.lower() for a in calendar.month_abbr]


def single_period(table: Table, period) -> Span:
    """The period of a table with one status/actual column: from ``--period``, the title rows, sheet or file name.

    A bare quarter (``Q2``) takes its year from the table's financial year.
    """
    if period is not None:
        if re.fullmatch(r"(?i)\s*(?:q|qtr|quarter)\s*[1-4]\s*", str(period)) and table.year:
            return resolve_token(str(period).strip(), table.year)
        return parse_span(period)
    sources = _quarter_sources(table)
    found = [(where, span) for where, src in sources.items() if (span := quarter_named(src, table.year)) is not None]
    if found:
        (where, span), others = found[0], found[1:]
        if others and others[0][0] == "sheet name" and where == "title rows" and others[0][1].end != span.end:
            table.report.add(
                table.sheet.name, "period", table.sheet.name,
                f"the title rows name {span.label} but the sheet name names {others[0][1].label}: read as {span.label}, from the "
                f"title; correct whichever is wrong, or say which in perfkit.toml: [sheets.\"{table.sheet.name}\"] period = \"{span.label}\"",
                "warning",
            )
        else:
            src = sources[where]
            month = _month_only(src, table.year)
            if month is not None and _HALF_YEAR.search(src) and span.end.quarter in (3, 4):
                # "Update - October 2024 (half-year)": the half-year's update, written after it ends, reports April to September
                half = Span("quarter", span.end - (span.end.quarter - 2), span.end - (span.end.quarter - 2))
                table.report.add(table.sheet.name, "period", "", f"read as {half.label}: {month!r} in its {where} dates a half-year "
                                 f"update, which reports the half-year to {half.end.end_time:%B %Y}; if it reports the quarter "
                                 f"the month falls in, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] period = \"{span.label}\"",
                                 "info")
                return half
            said = (f", the quarter that {month!r} in its {where} falls in (a quarterly return named by a month reports the quarter "
                    f"that month ends or falls in); if the sheet is named for the month it was written in and reports the quarter "
                    f"before, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] period = \"{period_label(span.end - 1)}\""
                    if month is not None else f", the quarter its {where} name{'s' * (where != 'title rows')}")
            table.report.add(table.sheet.name, "period", "", f"read as {span.label}{said}", "info")
            if month is not None and (m3 := month.strip()[:3].lower()) in _MONTH_ABBR:
                table.named_month = (span.end, (_MONTH_ABBR.index(m3) - 4) % 12, month.strip())
            day = position_day(src) if month is not None else None
            if day is not None and span.start.start_time.date() <= day < span.end.end_time.date():
                table.as_at = (span.end, day)
        return span
    if table.to_month is not None:  # "Apr-24 ... Sep-24 | Cumulative": the year to date to September, 2024/25 Q2
        span, month = table.to_month
        ran = f"the latest month is {month!r}" if table.latest_month else f"the year to date runs to {month!r}"
        table.report.add(table.sheet.name, "period", month, f"read as {span.label}: {ran}, the last "
                         f"month with figures, which ends that quarter; if it reports another, say so in perfkit.toml: "
                         f"[sheets.\"{table.sheet.name}\"] period = \"...\"", "info")
        return span
    cover = _quarter_from_cover(table)
    if cover is not None:
        return cover
    if table.year and _ANNUAL_TITLE.search(table.title or ""):
        # "Local Outcomes Improvement Plan: Annual Progress Report 2023/24": the year is the period, as --period 2023/24 reads it
        year = parse_span(f"{table.year - 1}/{table.year % 100:02d}")
        table.report.add(table.sheet.name, "period", "", f"read as the year {year.label}: its title names an annual report "
                         f"of that year; if it reports a quarter, say which in perfkit.toml: [sheets.\"{table.sheet.name}\"] "
                         f"period = \"{year.label} Q4\"", "info")
        return year
    bare = next((quarter_named(src, 2025) for src in (table.title, table.sheet.name) if quarter_named(src, 2025) is not None), None)
    if bare is not None:  # "Q2" or "Jul-Sep" with no financial year anywhere
        token = f"Q{bare.end.quarter}"
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} reports {token} but names no financial year in its title, sheet name "
            "or file name, so perfkit cannot tell which year's quarter it is.",
            hint=f"Give the year: year = \"2024/25\" in perfkit.toml (or --year 2024/25), or the quarter for the sheet: "
            f"[sheets.\"{table.sheet.name}\"] period = \"2024/25 {token}\".",
        )
    fy = f"{table.year - 1}/{table.year % 100:02d}" if table.year else "2024/25"
    raise LayoutError(
        f"{table.path.name}: sheet {table.sheet.name!r} has one status column and names no quarter in its title, "
        "sheet name or file name, so perfkit cannot tell which quarter it reports.",
        hint=f"Give the quarter the sheet reports in perfkit.toml, e.g. [sheets.\"{table.sheet.name}\"] period = \"{fy} Q2\" for "
        "July to September (Q1 is April to June, Q3 October to December, Q4 January to March), or --period when reading one "
        "sheet; or name the quarter or its last month in the sheet's title (\"Quarter 2\", \"September 2024\").",
    )


# ---------------------------------------------------------------------------------------------- columns by content


def status_share(values, scale) -> float:
    """The share of non-blank values that are status words on ``scale``."""
    seen = [v for v in values if not blank(v)]
    if not seen:
        return 0.0
    return sum(1 for v in seen if isinstance(v, str) and (scale.normalise(v) is not None or scale.graded(v) or (
        # "No target (data only)": a status word and an aside in brackets
        (bare := _ASIDE.sub("", v)) != v and scale.normalise(bare) is not None))) / len(seen)


_ASIDE = re.compile(r"\s*\([^()]{1,40}\)\s*$")


def number_share(values) -> float:
    """The share of non-blank values that read as numbers (or a placeholder such as ``n/a``).

    Each distinct value is read once (by its type too: ``True`` is no number where ``1`` is): a column's
    commentary repeats a few sentences down hundreds of rows.

    Examples
    --------
    >>> number_share(["12", "n/a", "On track", "", True, 1])
    0.6
    """
    seen = [v for v in values if not blank(v)]
    if not seen:
        return 0.0
    read: dict = {}
    count = 0
    for v in seen:
        try:
            key = (v.__class__, v)
            is_number = read[key]
        except KeyError:
            is_number = read[key] = parse_number(v).missing in ("", "placeholder")
        except TypeError:  # unhashable
            is_number = parse_number(v).missing in ("", "placeholder")
        count += is_number
    return count / len(seen)


_CODE = re.compile(r"[A-Za-z]{0,8}[ \-_./]?\d{1,5}[A-Za-z]?(?:[\-_./]\d{1,4}[A-Za-z]?)*(?:\s?\([0-9A-Za-z]{1,4}\))?")  # RP02(2), 1C(2A)


# a reference in capitals with no number, or one inside it: "PS2-MAJ", "QUAL-NON" (a planning return's measure codes)
_CAPS_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}(?:[\-_./][A-Z0-9]{1,7}){1,3}")
_ANNUAL = re.compile(r"(?i)\b(?:annual|yearly|year|year[\s-]end|full[\s-]year|end[\s-]of[\s-]year|20\d\d\s*/\s*\d\d)\b")
_QUARTERLY = re.compile(r"(?i)\b(?:quarterly|quarter|qtr|qtrly|per\s+quarter|each\s+quarter)\b")


def _bare_target(header: str, spec: KindSpec) -> bool:
    """Whether a header reads as the target of no period of its own (``Quarterly target``, never ``Q2 target``)."""
    reading = read_header(header, spec)
    return reading.field == "target" and reading.token is None


def quarterly_target_beside_annual(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Annual target | Quarterly target | Q1 | Q2``: both headers read as the target, the first was taken and each
    quarter's figure compared with the year's (2,540 visits in Q2 against 12,000). The quarter's own target is the
    target; the year's is set aside, said. Kept in ``cmap.guesses``."""
    col = cmap.fields.get("target")
    if col is None or col in cmap.configured or "target" not in spec.headers or not _ANNUAL.search(cmap.headers.get(col, "")):
        return
    if not any(pc.field != "target" and pc.token and PERIOD_TOKEN.search(pc.token.lower()) for pc in cmap.period_columns) \
            and "actual" not in cmap.fields:
        return  # no quarter's figures of their own (a tab per quarter has them in one 'Quarter actual' column)
    quarterly = [c for c in cmap.unmapped if c not in cmap.configured and _QUARTERLY.search(cmap.headers.get(c, ""))
                 and not _ANNUAL.search(cmap.headers.get(c, "")) and _bare_target(cmap.headers.get(c, ""), spec)]
    if len(quarterly) != 1:
        return
    other = quarterly[0]
    _instead_of_the_years(cmap, col, other, "each quarter is compared with the quarter's")
    cmap.guesses.append((other, "target", f"the quarter's own target, beside the year's in {cmap.headers[col]!r}: each quarter's "
                         f"figure is compared with it, and {cmap.headers[col]!r} is not read", "info"))


def _instead_of_the_years(cmap: ColumnMap, col: int, other: int, why: str) -> None:
    """Column ``other`` becomes the target in place of the year's (``col``), which is set aside saying ``why``."""
    cmap.unmapped.remove(other)
    cmap.fields["target"] = other
    cmap.set_aside[col] = f"the year's target, beside {cmap.headers[other]!r}: {why}"


def _target_to_date(table: Table) -> None:
    """``Annual target | Apr-24 ... Sep-24 | YTD 2024/25 | YTD target | YTD status``: where the year to date is the figure
    read for the sheet's period, its own target to date is the target, not the year's. The year's was taken (its header an
    exact phrase) and 218 kg to date compared with 420 kg for the year, Green where the service reported Amber against
    210 kg to date. Said in a note; the year's target is set aside."""
    cmap, spec = table.cmap, table.spec
    col = cmap.fields.get("target")
    if col is None or col in cmap.configured or not _ANNUAL.search(cmap.headers.get(col, "")) \
            or _YEAR_TO_DATE.search(cmap.headers.get(col, "")):
        return
    to_date = [c for c in cmap.unmapped if c not in cmap.configured and _YEAR_TO_DATE.search(cmap.headers.get(c, ""))
               and _bare_target(_YEAR_TO_DATE.sub(" ", cmap.headers.get(c, "")), spec)]
    if len(to_date) != 1:
        return
    other = to_date[0]
    _instead_of_the_years(cmap, col, other, "the year to date is compared with its target to date")
    where = table.cell(cmap.header_row, other)
    table.report.drop(lambda p: p.source == where and p.message.startswith(f"column {cmap.headers[other]!r} holds a year-to-date"))
    table.report.add(where, "target", cmap.headers[other],
                     f"column {cmap.headers[other]!r} read as the target: the year to date is read for the sheet's period, and "
                     f"is compared with its own target to date, not the year's in {cmap.headers[col]!r}", "info")


def reclassify_codes(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """Two columns both headed like the names (``KPI | Description``): when the first holds references (K1, PI 02)
    and the second the wording, the first is the reference and the second the name.

    Without this the codes became the names and the wording went unread. The choice is
    kept in ``cmap.codes_in`` and reported when the table is read.
    """
    key, ident = spec.key_field, spec.id_field
    if not ident or ident in cmap.fields or key not in cmap.fields:
        return
    first = cmap.fields[key]
    others = [c for c in cmap.unmapped if split_header(cmap.headers.get(c, ""), spec) == (key, None)]
    if not others:
        return
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + 500]
    stop = next((i for i, row in enumerate(below) if isinstance(v := next((x for x in row if not blank(x)), None), str)
                 and KEY_LABEL.match(v)), None)
    below = below[:stop]  # a key under the table ("Exceeding | beating the target") is no item
    # the rows with both filled in: a section row ("Strategic Aim 1 – Prevention") in the first column is not an item
    codes = [text(get(row, first)) for row in below if not blank(get(row, first)) and not blank(get(row, others[0]))]
    words = [text(get(row, others[0])) for row in below if not blank(get(row, others[0]))]
    if len(codes) < 2 or len(words) < 2:
        return
    coded = sum(1 for v in codes if len(v) <= 12 and (_CODE.fullmatch(v) or _CAPS_CODE.fullmatch(v))) / len(codes)
    worded = sum(1 for v in words if " " in v and len(v) > 12) / len(words)
    if coded >= 0.8 and worded >= 0.6:
        cmap.fields[ident], cmap.fields[key] = first, others[0]
        cmap.unmapped.remove(others[0])
        cmap.codes_in = first


def reclassify_by_content(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """Period columns named like commentary (``Q1 Progress``, ``Sept position``) that hold status words are statuses.

    For measures, such a column holding numbers is the actual. The choices are kept in
    ``cmap.reclassified`` and reported when the table is read. Names and references are
    sorted out first (:func:`reclassify_codes`).
    """
    names_under_a_figures_header(sheet, cmap, spec)
    standard_levels_not_names(sheet, cmap, spec)
    names_under_a_date_header(sheet, cmap, spec)
    figures_named_objective(sheet, cmap, spec)
    quarterly_target_beside_annual(sheet, cmap, spec)
    reclassify_codes(sheet, cmap, spec)
    reclassify_sparse_names(sheet, cmap, spec)
    reference_per_group(sheet, cmap, spec)
    recommendation_per_row(sheet, cmap, spec)
    recommendation_numbers_group(sheet, cmap, spec)
    figures_to_date_not_a_flag(sheet, cmap, spec)
    forecast_as_figures(sheet, cmap, spec)
    revised_beside_original(sheet, cmap, spec)
    reference_with_number(sheet, cmap, spec)
    sparse_group_column(sheet, cmap, spec)
    key_by_content(sheet, cmap, spec, scale)
    statuses_after_periods(sheet, cmap, spec, scale)
    sentences_under_a_date(sheet, cmap, spec, scale)
    statuses_named_by_period(sheet, cmap, spec, scale)
    polarity_of_trend_words(sheet, cmap, spec)
    if scale is not None and any(pc.field in ("commentary", "actual") for pc in cmap.period_columns):
        reclassify_period_commentary(sheet, cmap, spec, scale)
    choose_by_content(sheet, cmap, spec, scale)


def figures_to_date_not_a_flag(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Q1 actual | Q2 actual | Cumulative to date`` over '15 FTE', '£0.6m': figures to date, never the yes/no column
    saying which measures are cumulative (each figure was 'not understood (write yes or no)', a warning a row). Left
    unread, as a year to date beside the quarters' own is, said where the columns are accounted for."""
    col = cmap.fields.get("cumulative")
    if spec.name != "measures" or col is None or col in cmap.configured:
        return
    if not any(pc.field == "actual" and token_month(pc.token) is None for pc in cmap.period_columns):
        return  # beside months ('Apr-24 ... Sep-24 | Cumulative'), the figure itself: bare_year_to_date_beside_months
    values = [get(row, col) for row in sheet.rows[cmap.header_row + 1:cmap.header_row + 1 + CONTENT_ROWS]]
    if number_share(values) >= 0.8 and any(not blank(v) for v in values):
        del cmap.fields["cumulative"]
        cmap.unmapped.append(col)
        cmap.unmapped.sort()


_REC_NUMBER = re.compile(r"(?i)^\s*rec(?:ommendation)?\.?\s*(?:no|number|ref|reference|#)?\.?\s*$")


def recommendation_numbers_group(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Action ref | Rec no. | Action``, a peer challenge's action plan: the actions' own references are the reference, and
    the recommendation each answers (1, 1, 2, 2...) groups them ('Rec no.' was 'not used', the plan briefed as one list).
    Kept in ``cmap.guesses``."""
    if spec.name != "actions" or "group" in cmap.fields or "action_id" not in cmap.fields:
        return
    for c in cmap.unmapped:
        if c in cmap.configured or not _REC_NUMBER.match(cmap.headers.get(c, "")):
            continue
        values = [text(get(row, c)) for row in sheet.rows[cmap.header_row + 1:cmap.header_row + 1 + CONTENT_ROWS] if not blank(get(row, c))]
        if len(values) >= 2 and len(set(values)) < len(values):
            cmap.unmapped.remove(c)
            cmap.fields["group"] = c
            cmap.guesses.append((c, "group", "it numbers the recommendation each action answers, several actions to one: "
                                 "read as their group", "info"))
            return


def statuses_after_periods(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """``Apr-Jun 25 | Performance | Jul-Sep 25 | Performance``: one header perfkit does not know, repeated after each
    period's column and holding status words, is each period's status (read as the first one alone, or the last, one
    quarter's statuses were dropped or taken for the other's). Each choice is kept in ``cmap.guesses``."""
    status = spec.status_field
    if (not status or scale is None or spec.key_field not in cmap.fields or status in cmap.fields
            or any(pc.field == status for pc in cmap.period_columns)):
        return
    cols = sorted(cmap.headers)
    by_col = {pc.col: pc for pc in cmap.period_columns if pc.field == spec.bare_period_field}
    groups: dict[str, list[int]] = {}
    # "Performance" may also have been read as the actual, beside the periods' own actual columns: such a column is a candidate too
    single = cmap.fields.get(spec.bare_period_field) if by_col else None
    for c in sorted([*cmap.unmapped, *([single] if single is not None else [])]):
        groups.setdefault(normalise_header(cmap.headers.get(c, "")), []).append(c)
    items = None
    for header, same in groups.items():
        if len(same) < 2 or not header:
            continue
        before = periods_before(cols, same, by_col)
        if before is None:
            continue
        items = items if items is not None else item_rows(sheet, cmap.header_row, cmap.fields[spec.key_field])
        if not all(column_content(sheet, cmap.header_row, c, scale, items) == "status" for c in same):
            continue
        to_period_columns(cmap, before, status)
        cmap.guesses += [(c, status, f"one of the columns headed {cmap.headers[c]!r} after each period's figures, it holds status "
                          "words: read as the status of the period before it", "info") for c in before]
        return


def polarity_of_trend_words(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """A column headed like the polarity (``Direction``) that holds direction-of-travel words (``Improving``,
    ``Worsening``) says how each measure moved, not which way is better: it is the services' direction of travel where
    the table has none, else not read. Kept in ``cmap.guesses``."""
    col = cmap.fields.get("polarity")
    if col is None or col in cmap.configured or spec.key_field not in cmap.fields:
        return
    items = item_rows(sheet, cmap.header_row, cmap.fields[spec.key_field])
    if column_content(sheet, cmap.header_row, col, None, items) != "trend":
        return
    del cmap.fields["polarity"]
    header = cmap.headers.get(col, "")
    if "reported_trend" in spec.fields and "reported_trend" not in cmap.fields:
        cmap.fields["reported_trend"] = col
        cmap.guesses.append((col, "reported_trend", f"headed like the polarity, it holds direction-of-travel words "
                             f"('Improving', 'Worsening'): read as the services' direction of travel, not as which way is "
                             f"better; if it is the polarity, put {toml_string(header)} = \"polarity\" under "
                             f"[sheets.{toml_string(sheet.name)}.columns] in perfkit.toml", "info"))
    else:
        cmap.unmapped.append(col)


def statuses_named_by_period(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """``Q1 assessment | Q2 assessment``: a header perfkit does not know, naming a quarter, over status words, is that
    quarter's status where the table has none for it (left unread before, with advice to read the words as figures).
    Each choice is kept in ``cmap.guesses``."""
    status = spec.status_field
    if not status or scale is None or spec.key_field not in cmap.fields:
        return
    have = {pc.token.lower() for pc in cmap.period_columns if pc.field == status}
    items = None
    for c in list(cmap.unmapped[:60]):
        header = cmap.headers.get(c, "")
        found = PERIOD_TOKEN.search(header.lower())
        if found is None or c in cmap.configured:
            continue
        token = header[found.start(1):found.end(1)]
        rest = header[:found.start(1)] + " " + header[found.end(1):]  # "Judgement Quarter 1": its own word quarter is the token's
        if token.lower() in have or _OTHER_TIME.intersection(normalise_header(rest).split()):
            continue
        items = items if items is not None else item_rows(sheet, cmap.header_row, cmap.fields[spec.key_field])
        if column_content(sheet, cmap.header_row, c, scale, items) != "status":
            continue
        cmap.unmapped.remove(c)
        cmap.period_columns.append(PeriodColumn(c, status, token, header))
        have.add(token.lower())
        cmap.guesses.append((c, status, f"its header names {token!r} and it holds status words: read as that period's "
                             f"{status.replace('_', ' ')}", "info"))


def reclassify_sparse_names(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """Two columns that could hold the names (``Commitment | Deliverable``, ``Step | What we will do``): when the first is
    written once per group (merged down, or blank under its first row) and the second on every row, the first is a level
    of the plan (the priority, or the objective under a priority the table already has) and the second the names.

    The second is a column headed like the names, or one whose header perfkit does not know holding a different text on
    every row. Kept in ``cmap.guesses`` and said when the table is read.
    """
    key = spec.key_field
    if key not in cmap.fields:
        return
    level = next((f for f in ("priority", "objective", "strategy") if f in spec.headers and f not in cmap.fields), None)
    if level is None:
        return
    first = cmap.fields[key]
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]

    def dense_text(c: int) -> bool:  # a header perfkit does not know, over a different text on (nearly) every row
        if read_header(cmap.headers.get(c, ""), spec).field is not None:
            return False
        said = [text(get(row, c)) for row in below if not blank(get(row, c))]
        return len(said) >= 4 and all(isinstance(get(row, c), str) for row in below if not blank(get(row, c))) \
            and len(set(said)) >= 0.9 * len(said) and sum(len(v) for v in said) / len(said) >= 12

    others = [c for c in cmap.unmapped if c > first and c != cmap.fields.get("commentary")
              and (split_header(cmap.headers.get(c, ""), spec) == (key, None) or dense_text(c))]
    if not others:
        return
    # an item's row has more than its names: a key or a note under the table ("Exceeding target by 5% or more") has not
    rest = [c for c in range(max(map(len, below), default=0)) if c not in (first, others[0])]
    rows = [row for row in below if not blank(get(row, others[0])) and any(not blank(get(row, c)) for c in rest)]
    if len(rows) < 4:
        return
    named = [text(get(row, first)) for row in rows if not blank(get(row, first))]
    merged_down = _merges_down(sheet, first, cmap.header_row) > 0
    given = [text(get(row, others[0])) for row in rows]
    # 'Programme | Deliverable': a few names, each repeated down its group's rows, beside a different name on every row
    repeated = (len(named) == len(rows) and len(set(named)) <= len(named) / 2 and len(set(given)) == len(given)
                and split_header(cmap.headers.get(others[0], ""), spec) == (key, None))  # both headed as the names
    if not named or (len(named) > 0.6 * len(rows) and not merged_down and not repeated) or len(set(named)) == len(rows):
        return
    cmap.fields[level], cmap.fields[key] = first, others[0]
    cmap.unmapped.remove(others[0])
    how = "repeated down each group of rows" if repeated else "written once for each group of rows"
    cmap.guesses.append((first, level, f"it is {how} ({len(set(named))} groups) while "
                         f"{cmap.headers.get(others[0], '')!r} names every row: read as the {level}, and that column as the names",
                         "info"))


def _worded_afresh(sheet: Sheet, header_row: int, col: int, least: int) -> bool:
    """Whether the cells under a header (the first :data:`CONTENT_ROWS`) hold ``least`` texts or more, nine in ten of
    them different: names, not a column that repeats itself (a service, a lead)."""
    seen = [v for row in sheet.rows[header_row + 1 : header_row + 1 + CONTENT_ROWS] if (v := text(get(row, col)))]
    return len(seen) >= least and len(set(seen)) >= 0.9 * len(seen)


def _in_words(sheet: Sheet, header_row: int, col: int) -> bool:
    """Whether the texts under a header are phrases of three words or more on average, most of them beginning with a
    word rather than a figure or 'within' (a target written in words: 'Within 20 days', '95% in 4 hours')."""
    seen = [v for row in sheet.rows[header_row + 1 : header_row + 1 + CONTENT_ROWS] if (v := text(get(row, col)))]
    if not seen:
        return False
    worded = sum(1 for v in seen if re.match(r"(?i)(?!within\b|under\b|over\b|at least\b|no more\b|less\b|more\b|[<>≤≥]|\d)[a-z]", v.strip()))
    return sum(len(v.split()) for v in seen) / len(seen) >= 3 and worded >= 0.8 * len(seen)


def _merges_down(sheet: Sheet, col: int, header_row: int) -> int:
    """How many merged ranges below the header start in ``col`` and run down more than one row."""
    return sum(1 for (r1, c1), (r2, _) in sheet.merged if c1 == col and r2 > r1 and r1 > header_row)


def names_under_a_figures_header(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Service standard`` over 'Calls answered within 60 seconds'...: a header read as the target, over a different
    long text on every row, in a table with no names column, is the names (a standard is also a target's word). Kept
    in ``cmap.guesses``."""
    key = spec.key_field
    col = cmap.fields.get("target")
    if key in cmap.fields or col is None or col in cmap.configured:
        return
    content = column_content(sheet, cmap.header_row, col, None)
    if content not in ("long text", "text") or (content == "text" and not _in_words(sheet, cmap.header_row, col)):
        return  # 'Calls answered within 60 seconds', or shorter: 'RTCs within 10 minutes' (never 'Within 20 days' alone)
    if not _worded_afresh(sheet, cmap.header_row, col, 3):
        return
    del cmap.fields["target"]
    cmap.fields[key] = col
    cmap.guesses.append((col, key, f"its header could name the target, but it holds a different wording on every row and the "
                         f"table has no names column: read as the {spec.noun}s' names", "info"))
    other = next((c for c in cmap.unmapped if read_header(cmap.headers.get(c, ""), spec).field == "target"), None)
    if other is not None:  # "Service standard | Target": the target is the column headed so
        cmap.unmapped.remove(other)
        cmap.fields["target"] = other


# A cell of a contract's standards: '≥ 98%', '≥ 210,000', '100%', '0': a level to reach, never a measure's name
_STANDARD_LEVEL = re.compile(r"(?i)^\s*(?:≥|>=|=>|≤|<=|=<|>|<|at\s+least|at\s+most|no\s+(?:more|less|fewer)\s+than|min(?:imum)?|max(?:imum)?)?"
                             r"\s*[£$]?\s*-?\d[\d.,]*\s*(?:%|[a-z]{1,8})?\s*$")


def standard_levels_not_names(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``KPI ref | Key performance indicator | Performance standard | Quarter 2 outturn``: a contract's 'Performance
    standard' names its measures in some returns, but here it holds the levels to reach (``≥ 98%``, ``≥ 210,000``), and
    every measure was briefed by its standard ('L03 ≥ 85%') while the names beside it were not used, with no word. Where
    the column read as the names holds levels and another column headed like the names holds words, that one is the
    names and the standards the target. Kept in ``cmap.guesses``."""
    key = spec.key_field
    col = cmap.fields.get(key)
    if spec.name != "measures" or col is None or col in cmap.configured or "target" in cmap.fields \
            or "standard" not in normalise_header(cmap.headers.get(col, "")).split():
        return
    items = item_rows(sheet, cmap.header_row, col)
    values = [get(sheet.rows[r], col) for r in items]
    values = [v for v in values if not blank(v)]
    if len(values) < 3 or sum(isinstance(v, (int, float)) or bool(_STANDARD_LEVEL.match(text(v))) for v in values) < 0.6 * len(values):
        return
    other = next((c for c in cmap.unmapped if c not in cmap.configured and read_header(cmap.headers.get(c, ""), spec).field == key
                  and column_content(sheet, cmap.header_row, c, None, items) in ("text", "long text")), None)
    if other is None:
        return
    cmap.unmapped.remove(other)
    cmap.fields[key] = other
    cmap.fields["target"] = col
    cmap.guesses.append((other, key, f"headed like the names, it holds each {spec.noun}'s words, while "
                         f"{cmap.headers.get(col, '')!r} holds levels to reach (such as {text(values[0])!r}): read as the names", "info"))
    cmap.guesses.append((col, "target", "it holds levels to reach, not names: read as the target", "info"))


# A column of figures forecast for the year: 'Forecast achieved (£000)', 'Forecast outturn', 'Projected delivery'
_FORECAST_FIGURES = re.compile(r"(?i)^\s*(?:forecast|projected|projection)\b(?!.*\b(?:date|completion|finish|end)\b)")


def forecast_as_figures(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Ref | Saving proposal | 2024/25 target (£000) | Forecast achieved (£000) | Delivery RAG``: a savings tracker's
    only figures beside the year's target are its forecast for the year, which its statuses judge; with no actual column
    every sheet was refused ('no actual column'). The one column headed as a forecast, over figures, is read as the
    measures' figures, said (the year's forecast, against the year's target). Kept in ``cmap.guesses``."""
    if (spec.name != "measures" or "actual" in cmap.fields or any(pc.field == "actual" for pc in cmap.period_columns)
            or not ("target" in cmap.fields or any(pc.field == "target" for pc in cmap.period_columns))):
        return
    heads = [c for c in cmap.unmapped if c not in cmap.configured and _FORECAST_FIGURES.match(cmap.headers.get(c, ""))
             and column_content(sheet, cmap.header_row, c, None) in ("number", "percent")]
    if len(heads) != 1:
        return
    cmap.unmapped.remove(heads[0])
    cmap.fields["actual"] = heads[0]
    cmap.guesses.append((heads[0], "actual", "the only figures beside the target, a forecast for the year: read as the "
                         "measures' figures, each set against the year's target", "info"))


def names_under_a_date_header(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Key deadline | Lead | Deadline``: a header read as the due date, over a different wording on every row and no
    date, in a table with no names column, is the names, and the column beside it headed as the due date, over dates, is
    the due date (both were read as the due date and the table had no names, so no header was found). Kept in
    ``cmap.guesses``."""
    key = spec.key_field
    if key in cmap.fields or key not in spec.headers or "due_date" not in spec.headers:
        return
    given = cmap.fields.get("due_date")
    headed = [c for c in [*([given] if given is not None else []), *cmap.unmapped]
              if c not in cmap.configured and (c == given or read_header(cmap.headers.get(c, ""), spec).field == "due_date")]
    worded = [c for c in headed if column_content(sheet, cmap.header_row, c, None) in ("long text", "text")
              and _worded_afresh(sheet, cmap.header_row, c, 3)]
    dated = [c for c in headed if column_content(sheet, cmap.header_row, c, None) == "date"]
    if len(worded) != 1 or len(dated) > 1:
        return
    col = worded[0]
    if col == given:
        del cmap.fields["due_date"]
    else:
        cmap.unmapped.remove(col)
    cmap.fields[key] = col
    cmap.guesses.append((col, key, f"its header could name the due date, but it holds a different wording on every row and no "
                         f"date, and the table has no names column: read as the {spec.noun}s' names", "info"))
    if dated and dated[0] != cmap.fields.get("due_date"):  # "Key deadline | Deadline": the due date is the column of dates
        cmap.unmapped.remove(dated[0])
        if "due_date" in cmap.fields:
            cmap.unmapped.append(cmap.fields["due_date"])
            cmap.unmapped.sort()
        cmap.fields["due_date"] = dated[0]


def reference_per_group(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Rec No. | Recommendation | Action``, the number merged down (or written once) over each recommendation's actions:
    the group's number, not each row's reference (read as one, every action after the first was a duplicate reference).
    Not read as the reference; perfkit gives each row its own, said. Kept in ``cmap.guesses``."""
    ref, key = cmap.fields.get(spec.id_field), cmap.fields.get(spec.key_field)
    if ref is None or key is None or ref in cmap.configured:
        return
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]
    rows = [row for row in below if not blank(get(row, key))]
    if len(rows) < 4:
        return
    given = [text(get(row, ref)) for row in rows if not blank(get(row, ref))]
    merged_down = _merges_down(sheet, ref, cmap.header_row)
    # written for under two in three of the rows, each value once, and merged down over some of them
    if not given or len(given) > 0.67 * len(rows) or len(set(given)) < len(given) or merged_down < 2:
        return
    values = map_value_columns(cmap, spec)
    if values and not any(not blank(get(row, c)) for row in rows if blank(get(row, ref)) for c in values):
        return  # the rows under each reference hold no value: the item's own lines run on (data_rows), not items of a group
    del cmap.fields[spec.id_field]
    cmap.unmapped.append(ref)
    cmap.unmapped.sort()
    cmap.guesses.append((ref, "", f"column {cmap.headers.get(ref, '')!r} is merged down over each group of rows ({len(given)} "
                         f"groups of {len(rows)} rows): the group's number, not each row's reference, so not read as the "
                         f"reference; each row is given its own", "info"))


_RECOMMENDATION = {"recommendation", "recommendations", "audit recommendation", "recommendation made", "agreed recommendation"}
# the words a recommendation column's header may add ("Finding / Recommendation", "Audit finding and recommendation")
_RECOMMENDATION_WORDS = {"finding", "findings", "audit", "and", "agreed", "made", "issue", "issues", "weakness", "observation",
                         "observations", "detail", "details", "text", "risk", "original", "the", "no", "ref"}


def _names_recommendation(header: str) -> bool:
    """Whether a header names an audit recommendation: ``Recommendation``, ``Finding / Recommendation``."""
    head = normalise_header(header)
    words = head.split()
    return head in _RECOMMENDATION or (
        any(w in ("recommendation", "recommendations") for w in words) and all(w in _RECOMMENDATION_WORDS or w.startswith("recommendation")
                                                                              for w in words))
_RESPONSE = {"management response", "agreed management action", "management action", "management actions", "agreed management actions",
             "agreed management response", "action agreed", "agreed action", "agreed actions", "actions agreed"}


def sparse_group_column(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """A column whose header perfkit does not know (``Standard``), left of the names, written once at the top of each group
    of rows and blank under it: the groups the table is in, read as the priority where the table has none.

    Kept in ``cmap.guesses`` and said when the table is read; carried down to the rows under each name.
    """
    key = spec.key_field
    if key not in cmap.fields or "priority" in cmap.fields or "priority" not in spec.headers or "priority" not in spec.carried:
        return
    first = cmap.fields[key]
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]
    rows = [row for row in below if not blank(get(row, first))]
    if len(rows) < 4:
        return
    for col in [c for c in cmap.unmapped if c < first][:5]:
        if read_header(cmap.headers.get(col, ""), spec).field is not None:
            continue
        said = [get(row, col) for row in rows if not blank(get(row, col))]
        if not 2 <= len(said) <= 0.6 * len(rows) or not all(isinstance(v, str) for v in said) or len(set(map(text, said))) != len(said):
            continue
        if blank(get(rows[0], col)):  # a group's name heads its rows
            continue
        cmap.fields["priority"] = col
        cmap.unmapped.remove(col)
        cmap.guesses.append((col, "priority", f"it is written once at the top of each group of rows ({len(said)} groups) and "
                             "blank under it: read as the groups (the priority), carried down", "info"))
        return


def figures_named_objective(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``2024/25 quarterly objective`` over 2,225 | 23,000 (a transposed table's row, or a column): figures to reach,
    the measures' target, not the plan's objective each serves (read so, the targets were lost without a word). Only for
    measures, where no column is the target already and nine in ten of the cells under it are numbers."""
    if spec.name != "measures" or "objective" not in cmap.fields or "target" in cmap.fields or any(
            pc.field == "target" for pc in cmap.period_columns) or cmap.fields["objective"] in cmap.configured:
        return
    col = cmap.fields["objective"]
    below = [get(row, col) for row in sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]]
    said = [v for v in below if not blank(v)]
    if len(said) < 2 or sum(1 for v in said if parse_number(v).value is not None) < 0.9 * len(said):
        return
    del cmap.fields["objective"]
    cmap.fields["target"] = col
    cmap.guesses.append((col, "target", "it holds figures, not the plan's objectives: read as the measures' target", "info"))


_SUB_NUMBER = re.compile(r"(?i)^\s*(?:rec(?:ommendation)?s?|action|item|point|para(?:graph)?)\.?\s*(?:no|number|num|#|ref)\.?\s*$")


def reference_with_number(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Audit ref | ... | Rec no.``: the audit's reference on each of its recommendations, numbered 1, 2, 3 within it.
    The audit's reference groups the rows and the number within it is each row's (read the other way, every
    recommendation after an audit's first was a duplicate, and the refusal offered the numbers as an area).
    Only where the reference repeats, the number never repeats within one, and no group column is mapped."""
    ref = cmap.fields.get(spec.id_field)
    if spec.name not in ("actions", "milestones") or ref is None or ref in cmap.configured or "group" not in spec.fields:
        return
    sub = next((c for c in cmap.unmapped if _SUB_NUMBER.match(cmap.headers.get(c, ""))), None)
    if sub is None:
        return
    pairs = []
    carried = ""  # an audit's reference merged down (or written once) over its recommendations: each row's is the one above
    key = cmap.fields.get(spec.key_field, ref)
    for row in sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]:
        if not blank(get(row, ref)):
            carried = text(get(row, ref))
        if not carried or (blank(get(row, sub)) and (blank(get(row, key)) or key == ref)):
            continue  # a note or a section's row under the table, with neither a number nor an item
        pairs.append((carried, text(get(row, sub))))
    refs = [a for a, _ in pairs]
    if len(pairs) < 3 or len(set(refs)) == len(refs) or any(not b for _, b in pairs) or len(set(pairs)) < len(pairs):
        return
    grouped = "group" in cmap.fields  # an 'Audit title' beside the reference groups them already
    if grouped:
        cmap.unmapped = sorted({*cmap.unmapped, ref})
    else:
        cmap.fields["group"] = ref
    cmap.group_ref = ref  # each row's reference is then the audit's with its number: IA24-05/2
    cmap.fields[spec.id_field] = sub
    cmap.unmapped.remove(sub)
    by = cmap.headers.get(cmap.fields["group"], "")
    cmap.guesses.append((sub, spec.id_field, f"{cmap.headers.get(ref, '')!r} repeats over each audit's rows, numbered within it by "
                         f"{cmap.headers.get(sub, '')!r}: grouped by {by!r}, the number is each row's reference", "info"))


def recommendation_per_row(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """An audit follow-up tracker: a ``Recommendation`` column that says something different on every row is what each
    row tracks, so it names the action; the ``Management response`` beside it is the response, not the name, and an
    ``Audit`` column (where there is one) groups them.

    Kept in ``cmap.guesses`` and said when the table is read. Only for actions, only where every one
    of at least four rows has its own recommendation (a recommendation written once over its actions is their group).
    """
    if spec.name != "actions":
        return
    cols = [c for c, h in cmap.headers.items() if _names_recommendation(h)]
    if len(cols) != 1:
        return
    col = cols[0]
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + CONTENT_ROWS]
    said = [text(get(row, col)) for row in below if not blank(get(row, col))]
    merged = any(c1 <= col <= c2 and r2 > r1 for (r1, c1), (r2, c2) in sheet.merged if r1 > cmap.header_row)
    if len(said) < 4 or len(set(said)) < len(said) or merged or sum(len(v) for v in said) / len(said) < 15:
        return
    action = cmap.fields.get("action")
    if action is not None and normalise_header(cmap.headers.get(action, "")) not in _RESPONSE:
        return
    if cmap.fields.get("group") == col:
        del cmap.fields["group"]
    if col in cmap.unmapped:
        cmap.unmapped.remove(col)
    cmap.fields["action"] = col
    if action is not None:
        cmap.unmapped.append(action)
        cmap.unmapped.sort()
    cmap.guesses.append((col, "action", f"it says something different on every row ({len(said)} recommendations): read as what each "
                         f"row tracks, the action's name" + (f", with {cmap.headers[action]!r} as its response, not read" if action is not None else "")
                         + ("" if "group" in cmap.fields else "; there is no column to group them by"), "info"))


_NOW_DATE = re.compile(r"(?i)^\s*(?:current|latest|present)\s+(?:target\s+|due\s+|completion\s+|end\s+)?(?:date|deadline)\b")


def revised_beside_original(sheet: Sheet, cmap: ColumnMap, spec: KindSpec) -> None:
    """``Original completion | Revised completion``: beside a column read as the date first agreed, the one column of
    dates whose header says the date was moved (revised, forecast, rescheduled...) is the revised due date, so that
    overdue is counted from the date items are now due. Kept in ``cmap.guesses`` and said when the table is read.
    """
    if "original_due_date" not in cmap.fields or "revised_due_date" in cmap.fields or "revised_due_date" not in spec.headers:
        return
    due = cmap.fields.get("due_date")
    if due is not None and due not in cmap.configured and _NOW_DATE.search(cmap.headers.get(due, "")):
        # 'Original target date | Current target date': the date items are due now, beside the one first agreed, is the
        # revised date (overdue counts from it, and items it puts later are later than planned)
        del cmap.fields["due_date"]
        cmap.fields["revised_due_date"] = due
        cmap.guesses.append((due, "revised_due_date", f"the date items are due now, beside "
                             f"{cmap.headers.get(cmap.fields['original_due_date'], '')!r}, the date first agreed", "info"))
        return
    found = [c for c in cmap.unmapped if _MOVED_DATE.search(cmap.headers.get(c, "")) and not ACTUAL_DATE.search(cmap.headers.get(c, ""))
             and column_content(sheet, cmap.header_row, c) == "date"]
    if len(found) != 1:
        return
    col = found[0]
    cmap.unmapped.remove(col)
    cmap.fields["revised_due_date"] = col
    cmap.guesses.append((col, "revised_due_date", f"dates under a header that says they were moved, beside "
                         f"{cmap.headers.get(cmap.fields['original_due_date'], '')!r}, the date first agreed", "info"))


def key_by_content(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """A row that names a kind's reference and status (or figures) by their headers, but heads its names in its own
    words (``What we said we would do``): the left-most unknown column of distinct wording, left of any commentary,
    holds the names. The choice is kept in ``cmap.guesses`` and said when the table is read.

    Only where the row has the reference and two other fields by their headers (or a value for two
    periods), so that a title or a note row is never taken for a header this way.
    """
    key = spec.key_field
    if key in cmap.fields or any(pc.field == key for pc in cmap.period_columns) or len(sheet.rows) <= cmap.header_row + 2:
        return
    have = set(cmap.fields) | {pc.field for pc in cmap.period_columns}
    # the reference and two other fields, or the reference and a value for two periods (`Jun-24 status | Sep-24 status`)
    periods = len({pc.token for pc in cmap.period_columns if pc.field in spec.values})
    if not spec.id_field or spec.id_field not in cmap.fields or (len(have) < 3 and periods < 2) or not have & set(spec.values):
        return
    id_col = cmap.fields[spec.id_field]
    commentary = cmap.fields.get("commentary")
    for col in cmap.unmapped[:30]:
        header = cmap.headers.get(col, "")
        if col < id_col or (commentary is not None and col > commentary) or col in cmap.doubts or PERIOD_TOKEN.search(header.lower()):
            continue
        content = column_content(sheet, cmap.header_row, col, scale)
        if content not in ("long text", "text"):
            continue
        if not _worded_afresh(sheet, cmap.header_row, col, 2):
            continue  # a column that repeats itself (a service, a lead) is not the names
        cmap.fields[key] = col
        cmap.unmapped.remove(col)
        noun = spec.noun
        cmap.guesses.append((col, key, f"its header is not one perfkit knows; it holds a different wording on each row, beside "
                             f"the {noun}s' references: read as their names; if it is not, "
                             f"{toml_column(sheet.name, header, 'ignore')} and name the right one", "info"))
        return


def sentences_under_a_date(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """``BRAG | 31/12/2024`` over ``G | 4,080 visits delivered.``: a column headed by a period alone (a date) that holds
    sentences, beside the table's own status column, is that period's commentary, not its status (read as the status,
    every update was an unknown status word and the sheet refused). Kept in ``cmap.guesses``."""
    status = spec.status_field
    if not status or status not in cmap.fields or scale is None:
        return
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + 200]
    for pc in cmap.period_columns:
        if pc.field != status or pc.col in cmap.configured or not _dated_header(sheet, cmap, pc):
            continue
        values = [v for v in (get(row, pc.col) for row in below) if not blank(v)]
        long = [v for v in values if isinstance(v, str) and len(v.split()) >= 3]
        if len(values) >= 2 and len(long) >= 0.6 * len(values) and status_share(values, scale) < 0.2:
            pc.field = "commentary"
            cmap.guesses.append((pc.col, "commentary", f"headed by a date beside the status column "
                                 f"{cmap.headers.get(cmap.fields[status], '')!r}, it holds sentences: read as that quarter's "
                                 "commentary", "info"))


def _dated_header(sheet: Sheet, cmap: ColumnMap, pc) -> bool:
    """Whether a period column's header is a date or a period alone (``31/12/2024``, ``Q3``), no field's word beside it."""
    cell = get(sheet.rows[cmap.header_row], pc.col)
    return isinstance(cell, (_dt.date, _dt.datetime)) or _bare_period(cell)


def reclassify_period_commentary(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """Period columns headed like commentary that hold status words (or, for measures, figures) are read as such, and
    measures' columns headed like the figure that hold status words (``Q1 performance``) are the quarter's status."""
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + 500]
    have = {(pc.field, pc.token.lower()) for pc in cmap.period_columns}
    # "Progress Dec 24" before "Commentary Dec 24": where both hold status words, the one headed as commentary stays it
    said_commentary = re.compile(r"(?i)\b(?:comment(?:s|ary)?|notes?|narrative|explanation|remarks?)\b")
    for pc in sorted(cmap.period_columns, key=lambda pc: bool(said_commentary.search(pc.header))):
        if pc.field not in ("commentary", "actual") or pc.col in cmap.configured:
            continue  # what perfkit.toml says a column holds, it holds
        values = [get(row, pc.col) for row in below]
        target = None
        status_free = spec.status_field and (spec.status_field, pc.token.lower()) not in have
        if pc.field == "actual":
            # "Q1 performance" beside "Q1 (Apr-Jun)": headed like the figure, it holds the quarter's rating words
            if status_free and _ratings_not_figures(values, scale):
                target = spec.status_field
        elif status_free and (
                status_share(values, scale) >= 0.8 or _chosen_from_a_list(sheet, cmap.header_row, pc.col, values)
                or _rated_by_fills(sheet, pc.col, range(cmap.header_row + 1, cmap.header_row + 1 + len(below)), scale)):
            target = spec.status_field
        elif "actual" in spec.period_fields and ("actual", pc.token.lower()) not in have and any(not blank(v) for v in values) and number_share(values) >= 0.9:
            target = "actual"
        if target:
            pc.field = target
            cmap.reclassified.append(pc.col)
            have.add((target, pc.token.lower()))
    _empty_like_their_twins(sheet, cmap, below, have)
    own = cmap.fields.get("actual")
    if (spec.name == "measures" and own is not None and own not in cmap.configured and "reported_status" not in cmap.fields
            and sum(1 for pc in cmap.period_columns if pc.field == "actual" and pc.token not in RELATIVE) >= 2):
        # "Q1 | Q2 | Previous | Current": 'Current' beside the quarters' figures holds the services' RAG letters, the
        # quarter's status (read as a figure, it was dropped without a word and every status worked out from the figures)
        values = [get(row, own) for row in below]
        if _ratings_not_figures(values, scale):
            del cmap.fields["actual"]
            cmap.fields["reported_status"] = own
            cmap.guesses.append((own, "reported_status", "headed like the figure beside the quarters' own figures, it holds "
                                 "status words: read as the services' status for the quarter the sheet reports", "info"))


def _empty_like_their_twins(sheet: Sheet, cmap: ColumnMap, below: list, have: set) -> None:
    """``H1 2024/25 progress`` read as the statuses it holds: the empty ``H2 2024/25 progress`` beside it, headed the same
    but for its period, holds the next period's statuses when they come (left as commentary, it made a second
    commentary column for H2 that `perfkit init` wrote out and `validate` refused)."""
    def but_for_its_period(pc) -> str | None:  # 'H2 2024/25 progress' -> 'progress'
        low, token = pc.header.lower(), pc.token.lower()
        return " ".join(low.replace(token, " ").split()) if token in low else None

    moved = {said: pc for pc in cmap.period_columns if pc.col in cmap.reclassified and (said := but_for_its_period(pc))}
    if not moved:
        return
    for pc in cmap.period_columns:
        if pc.field != "commentary" or pc.col in cmap.configured or pc.col in cmap.reclassified or not (said := but_for_its_period(pc)):
            continue
        twin = moved.get(said)
        if twin is not None and (twin.field, pc.token.lower()) not in have and all(blank(get(row, pc.col)) for row in below):
            pc.field = twin.field
            have.add((twin.field, pc.token.lower()))
            cmap.guesses.append((pc.col, "", f"column {pc.header!r} is empty, headed as {twin.header!r} is but for its period: "
                                 f"read as its {twin.field.replace('_', ' ')}es when they are filled in".replace("statuses", "status words"), "info"))


def _ratings_not_figures(values: list, scale) -> bool:
    """Whether a column headed like the figure holds status words, not figures: four in five of its filled cells on the
    scale, and fewer than half numbers."""
    return any(not blank(v) for v in values) and status_share(values, scale) >= 0.8 and number_share(values) < 0.5


def _rated_by_fills(sheet: Sheet, col: int, rows, scale) -> bool:
    """Whether a column's cells in ``rows`` (the items' rows, or those under its header) are a few short words, each
    repeated, four in five of them filled with a status colour (or a status word already, ``Not started`` on grey) and
    each word always with the same colour (``Good progress`` on green, ``Some progress`` on amber): ratings coloured as
    the tracker's statuses, not commentary, whatever the words are (their colours place them later, and say so)."""
    if sheet.book is None or not sheet.book.has_status_fills:
        return False
    rows = [r for r in rows if not blank(get(sheet.rows[r], col))]
    words = [text(get(sheet.rows[r], col)).strip().lower() for r in rows]
    if len(rows) < 3 or any(len(w) > 40 for w in words) or not 2 <= len(set(words)) <= 12 or len(set(words)) >= len(words):
        return False
    fills = sheet.fills([(r, col) for r in rows])
    said: dict[str, set] = {}
    placed = 0
    for r, w in zip(rows, words):
        status = scale.from_colour(fills[(r, col)]) if (r, col) in fills else None
        if status is not None:
            said.setdefault(w, set()).add(status)
        placed += status is not None or scale.normalise(w) is not None  # 'Not started' on grey: a status word of its own
    return len(said) >= 2 and placed >= 0.8 * len(rows) and all(len(v) == 1 for v in said.values())


def _chosen_from_a_list(sheet: Sheet, header_row: int, col: int, values: list) -> bool:
    """Whether a column's cells (``values``, the rows under its header) are four in five words of the drop-down list on
    them, a list of three to twelve short words: ratings chosen from a list (``On course``, ``Slipping``...), not commentary,
    whatever the words are (the list's colours or order place them later, or an error names them)."""
    rows = [header_row + 1 + i for i, v in enumerate(values) if not blank(v)]
    if len(rows) < 3:
        return False
    dd = sheet_dropdown(sheet, col, rows)
    if dd is None or not 3 <= len(dd.words) <= 12 or any(len(w) > 40 for w in dd.words):
        return False
    listed = {w.strip().lower() for w in dd.words}
    return sum(1 for v in values if not blank(v) and text(v).lower() in listed) >= 0.8 * len(rows)


def report_months_disagree(table: Table) -> None:
    """A header naming one quarter and bracketed months of another (``2023/24 Q3 (Jul-Sep)``) is read by its months
    (:func:`perfkit.core.periods.months_disagree`); each such column is a warning naming its cell, with the line that
    reads it as the quarter it names instead. A column perfkit.toml maps to the quarter it names is left as mapped."""
    for pc in table.cmap.period_columns:
        clash = months_disagree(pc.header)
        if clash is None or re.search(rf"(?i)(?<![a-z0-9]){clash[0][0]}\s*{clash[0][1]}(?![0-9])", pc.token):
            continue
        named, months = clash
        fy = re.search(r"\d{4}\s*[/\-–]\s*\d{2,4}", pc.token) or re.search(r"\d{4}\s*[/\-–]\s*\d{2,4}", pc.header)
        year = fy[0] if fy else f"{table.year - 1}/{table.year % 100:02d}" if table.year else "2024/25"
        table.report.add(
            table.cell(table.cmap.header_row, pc.col), pc.field, pc.header,
            f"header {pc.header!r} names {named}, but its months are {months} of the financial year (April to March): read "
            f"as {months}, as the months say (a calendar year's quarters are numbered from January); if it holds {named}, "
            f"correct the months in the header, or say so in perfkit.toml: [sheets.\"{table.sheet.name}\".columns] "
            f"\"{pc.header}\" = \"{pc.field}@{year} {named}\"",
            "warning",
        )


def report_reclassified(table: Table) -> None:
    """Say which columns were taken by what they hold rather than their header (codes, statuses, numbers)."""
    cmap = table.cmap
    report_guesses(table)
    if cmap.codes_in is not None:
        key = cmap.fields[table.spec.key_field]
        table.report.add(
            table.cell(cmap.header_row, cmap.codes_in), table.spec.id_field, cmap.headers.get(cmap.codes_in, ""),
            f"column {cmap.headers.get(cmap.codes_in, '')!r} holds references and {cmap.headers.get(key, '')!r} the "
            f"{table.spec.noun}s' wording: read as the reference and the name", "info",
        )
    for pc in table.cmap.period_columns:
        if pc.col in table.cmap.reclassified:
            table.report.add(
                table.cell(table.cmap.header_row, pc.col), pc.field, pc.header,
                f"column {pc.header!r} holds {pc.field.replace('_', ' ')}es rather than "
                f"{'figures' if read_header(pc.header, table.spec).field == 'actual' else 'commentary'}: read as such".replace(
                    "statuses", "status words").replace("actuales", "figures"),
                "info",
            )


# ---------------------------------------------------------------------------------------------- what a column holds

CONTENT_ROWS = 200  # the cells under a header that say what its column holds: enough to tell, bounded on long sheets
_DATE_TEXT = re.compile(
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s\-']+(?:\d{4}|\d{2})", re.I)


def _words_of_a_scale(sheet: Sheet, col: int, rows: list[int], scale) -> bool:
    """Whether a column holds short words and no figures, half of them or more on the status scale (``On target``, ``Off
    target`` beside a drop-down's ``Slightly off``, which the drop-down teaches later)."""
    seen = [get(sheet.rows[r], col) for r in rows if not blank(get(sheet.rows[r], col))]
    words = [v for v in seen if isinstance(v, str) and parse_number(v).value is None and len(v) < 40]
    return (scale is not None and len(seen) >= 2 and len(words) == len(seen)
            and sum(scale.normalise(v) is not None for v in words) * 2 >= len(words))


def column_content(sheet: Sheet, header_row: int, col: int, scale=None, rows: list[int] | None = None) -> str:
    """What the cells under a header hold, by what four in five of them are.

    One of ``"status"`` (words on the status scale), ``"date"``, ``"percent"``,
    ``"number"``, ``"reference"`` (``PL01``, ``1.10``: short codes, each once),
    ``"long text"``, ``"text"``, ``"empty"`` or ``"mixed"``. Only the first
    :data:`CONTENT_ROWS` rows under the header are looked at, or only ``rows`` where given
    (the items' rows, without section headings and notes).

    Examples
    --------
    >>> from perfkit.read.workbook import Sheet
    >>> sheet = Sheet("S", [["Ref", "When"], ["PL01", "31/03/2025"], ["PL02", "30/06/2025"]])
    >>> column_content(sheet, 0, 0), column_content(sheet, 0, 1)
    ('reference', 'date')
    """
    below = sheet.rows[header_row + 1 : header_row + 1 + CONTENT_ROWS] if rows is None else [sheet.rows[r] for r in rows]
    seen = [v for row in below if col < len(row) and not blank(v := row[col])]
    if not seen:
        return "empty"
    n = len(seen)

    def most(count: int) -> bool:
        return count >= 0.8 * n

    strings = [v for v in seen if isinstance(v, str)]
    if scale is not None and strings and most(sum(1 for v in strings if len(v) < 40 and scale.normalise(v) is not None)):
        said = {scale.normalise(v) for v in strings} - {None}
        if len(said) > 1 or any(len(v.strip()) > 1 for v in strings):  # a column of "Y" alone is no status
            return "status"
    if strings and most(sum(1 for v in strings if _trend_key(v) in DIRECTION_OF_TRAVEL)) and any(len(v.strip()) > 2 for v in strings):
        return "trend"
    if most(sum(1 for v in seen if isinstance(v, (_dt.date, _dt.datetime)) or (isinstance(v, str) and _DATE_TEXT.fullmatch(v.strip())))):
        return "date"
    texts = [text(v) for v in seen]
    if most(sum(1 for v in texts if len(v) <= 12 and _CODE.fullmatch(v))) and len(set(texts)) == n and (
            strings and any(c.isalpha() or c == "." for v in texts for c in v)):
        return "reference"
    parsed = [parse_number(v) for v in seen]
    if most(sum(1 for p in parsed if p.missing in ("", "placeholder"))) and any(p.missing == "" for p in parsed):
        # placeholders ('..', 'n/a') among figures; a column of them alone ('...' in each Notes cell) holds no figures
        return "percent" if most(sum(1 for p in parsed if p.unit == "%")) else "number"
    if most(len(strings)):
        return "long text" if sum(len(v) for v in strings) / len(strings) > 30 else "text"
    return "mixed"


#: Direction-of-travel words a column may hold (``Improving``, ``Deteriorating``, ``No change``), without those that
#: also say a polarity (``Higher``, ``Down``, ``↑``), which a column of unknown header may mean either way.
def _trend_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9=]+", " ", value.lower()).split())


DIRECTION_OF_TRAVEL = frozenset(_trend_key(w) for k, ws in schema.TREND_WORDS.items() for w in [k, *ws]) - {
    _trend_key(w) for ws in schema.POLARITY_WORDS.values() for w in ws} - {""}


def is_direction_word(value) -> bool:
    """Whether a cell holds a direction-of-travel word (``Improving``, ``Deteriorating``), not a status.

    >>> is_direction_word("Deteriorating"), is_direction_word("Red"), is_direction_word("Higher")
    (True, False, False)
    """
    return isinstance(value, str) and _trend_key(value) in DIRECTION_OF_TRAVEL


# A header that ends in commentary's own words ("Service comments", "Lead officer update"): the commentary.
_ENDS_IN_COMMENTS = re.compile(r"(?i)\b(?:comments?|commentary|notes?|narrative|updates?|remarks)\s*[:.]?\s*$")


def _holds(fld: str, content: str, spec: KindSpec) -> bool:
    """Whether a field may hold what a column holds."""
    if fld in (spec.status_field, "status", "reported_status"):
        return content == "status"
    if fld in ("due_date",):
        return content == "date"
    if fld == spec.id_field:
        return content in ("reference", "number")
    if fld in spec.numeric_fields or any(w in fld for w in ("score", "impact", "likelihood")):
        return content in ("number", "percent")
    if fld in ("period", "year"):
        return False  # a column that makes the table long is read from its header alone
    if fld == "reported_trend":
        return content == "trend"
    if fld in (spec.key_field, "commentary", "mitigation", "action", "group"):
        return content in ("long text", "text")
    return content == "text"


@dataclass
class DropDown:
    """The drop-down list (data validation) on a status column: its words in order, and where they come from."""

    words: list[str]
    where: str  # the cells the rule covers, "Tracker!F6:F40"
    source: str = ""  # the range the list is drawn from, "Lookups!A2:A6"; "" where it is typed in the rule
    sheet: Sheet | None = None  # the sheet of that range
    cells: list = field(default_factory=list)  # (row, col) of each word on that sheet


LIST_RANGE = re.compile(r"^=?\s*(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})\s*$")


def list_source(book, formula: str, here: str) -> tuple[str, str] | None:
    """The sheet and range a drop-down's list is drawn from (``Lists!$A$1:$A$6`` -> ``("Lists", "$A$1:$A$6")``; a defined
    name followed; ``here`` where the range names no sheet), or None for what is no range (``INDIRECT``, ``OFFSET``)."""
    m = LIST_RANGE.match(book.defined_names.get(formula.lstrip("= "), formula))
    if m is None:
        return None
    return (m[1] or "").replace("''", "'") or m[2] or here, m[3]


def list_source_columns(sheet: Sheet) -> frozenset[int]:
    """The columns of ``sheet`` that drop-downs anywhere in its workbook draw their lists from, each list one column
    (``Lists!$A$1:$A$6`` and ``Lists!$B$1:$B$5``): lists side by side, never a word and its meaning."""
    book = sheet.book
    if book is None or book.kind != "xlsx":
        return frozenset()
    out = set()
    for name in book.sheet_names:
        try:
            rules = book.list_validations(name)
        except Exception:  # noqa: BLE001 - a sheet perfkit cannot open has no lists to give
            continue
        for _, formula in rules:
            source = list_source(book, formula, name)
            if source is None or source[0] != sheet.name:
                continue
            ends = [col_index(part.strip("$").rstrip("0123456789$").upper()) for part in source[1].split(":")]
            if len(set(ends)) == 1:
                out.add(ends[0])
    return frozenset(out)


def sheet_dropdown(sheet: Sheet, col: int, rows: list[int], head_words=frozenset()) -> DropDown | None:
    """The drop-down list (data validation) on the cells ``(rows, col)`` of a sheet, or None (xlsx only; read from the sheet's XML).

    A list drawn from a whole column drops its first word where it is one of ``head_words`` (the column's header).
    """
    book = sheet.book
    if book is None or not rows:
        return None
    cells = [sheet.origin(r, col) for r in rows]
    for ranges, formula in book.list_validations(sheet.name):
        if not any(r1 <= r <= r2 and c1 <= c <= c2 for r, c in cells for r1, c1, r2, c2 in ranges):
            continue
        where = f"{sheet.name}!" + " ".join(
            f"{col_letter(c1)}{r1 + 1}" + (f":{col_letter(c2)}{r2 + 1}" if (r1, c1) != (r2, c2) else "") for r1, c1, r2, c2 in ranges)
        if formula.startswith('"'):
            words = [w.strip() for w in formula.strip('"').split(",") if w.strip()]
            return DropDown(words, where) if words else None
        found = list_source(book, formula, sheet.name)
        if found is None:
            return None  # INDIRECT, OFFSET...: not a list perfkit can follow
        name, cells = found
        span = cell_range(cells)  # None for whole columns ("Lookups!$A:$A"): down to the sheet's last row
        if name not in book.sheet_names:
            return None
        listed = book.sheet(name)
        r1, c1, r2, c2 = span if span is not None else (0, col_index(cells.split(":")[0].strip("$").upper()), len(listed.rows),
                                                        col_index(cells.split(":")[1].strip("$").upper()))
        got = [(r, c, text(listed.rows[r][c])) for r in range(r1, min(r2 + 1, len(listed.rows))) for c in range(c1, c2 + 1)
               if c < len(listed.rows[r]) and not blank(listed.rows[r][c])]
        if span is None and got and normalise_header(got[0][2]) in head_words:
            got = got[1:]  # a whole column's header ("Status") is not one of its words
        if not got:
            return None
        return DropDown([w for _, _, w in got], where, f"{name}!{cells.replace('$', '').upper()}", listed, [(r, c) for r, c, _ in got])
    return None



def _status_by_dropdown(sheet: Sheet, cmap: ColumnMap, scale, items: list[int], cols: list[int]) -> list[int]:
    """Columns of words in the council's own wording whose cells are chosen from a drop-down list that is a status list:
    at least half its words are statuses perfkit knows (``Delivered``, ``Some slippage``), and four in five of the
    column's cells are words of the list."""
    out = []
    for col in cols:
        dd = sheet_dropdown(sheet, col, items)
        if dd is None or not 2 <= len(dd.words) <= 12:
            continue
        if 2 * sum(1 for w in dd.words if scale.normalise(w) is not None) < len(dd.words):
            continue
        listed = {w.strip().lower() for w in dd.words}
        seen = [text(get(sheet.rows[r], col)).lower() for r in items if not blank(get(sheet.rows[r], col))]
        if seen and sum(1 for v in seen if v in listed) >= 0.8 * len(seen):
            out.append(col)
    return out


def _names_by_content(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """``Ref | Compliance area | Target | Q1 2024/25 | Q2 2024/25 | RAG``: a measures table whose names stand under a header
    perfkit does not read as the name (``Compliance area`` could be an area), beside a target and quarters' figures. The
    one column of words, each row's own, is the names (kept in ``cmap.guesses``); read without it, the sheet was taken
    for an action plan, its targets for due dates and its figures for status words."""
    if spec.name != "measures" or spec.key_field in cmap.fields or len(sheet.rows) <= cmap.header_row + 2:
        return
    if "target" not in cmap.fields or not any(pc.field == "actual" for pc in cmap.period_columns):
        return
    head = sheet.rows[cmap.header_row]
    if not all(isinstance(get(head, c), str) for c in (cmap.fields["target"], *(pc.col for pc in cmap.period_columns))):
        return  # a row of data tried as a header (a due date read as a quarter's column): never a header found by its names
    rows = list(range(cmap.header_row + 1, min(len(sheet.rows), cmap.header_row + 1 + CONTENT_ROWS)))
    texts = [c for c in cmap.unmapped if c not in cmap.configured and isinstance(get(head, c), str) and len(get(head, c)) <= 40
             and column_content(sheet, cmap.header_row, c, scale, rows) in ("long text", "text")
             and len({text(get(sheet.rows[r], c)) for r in rows if not blank(get(sheet.rows[r], c))})
             == sum(1 for r in rows if not blank(get(sheet.rows[r], c))) >= 3]
    if len(texts) != 1:
        return
    col = texts[0]
    cmap.unmapped.remove(col)
    cmap.doubts.pop(col, None)
    cmap.fields[spec.key_field] = col
    cmap.guesses.append((col, spec.key_field, "it holds each measure's own words beside a target and the quarters' figures: read "
                         "as the measures' names", "info"))


def choose_by_content(sheet: Sheet, cmap: ColumnMap, spec: KindSpec, scale) -> None:
    """Columns whose header is unknown or ambiguous, read by what they hold; each choice kept in ``cmap.guesses``.

    Only once the row has the kind's name column by its header (a title row is never
    read by content), and only for what the table lacks:

    - a header with two readings (``Status and commentary``) takes the one its cells fit;
    - an unknown header over status words is the status; over dates, the due date; over
      references left of the names, the reference;
    - a column headed like commentary that holds status words is the status, and one that
      holds figures the actual (measures) or the % complete (actions).

    Two columns that fit one field equally, or one column that fits two, are a warning
    naming both, and neither is read. A header that names the field with words perfkit
    does not know (``Previous status``) is not read by content: a warning says how to map it.
    """
    _names_by_content(sheet, cmap, spec, scale)
    if spec.key_field not in cmap.fields or len(sheet.rows) <= cmap.header_row + 1:
        return
    have = set(cmap.fields) | {pc.field for pc in cmap.period_columns}
    status = spec.status_field
    wanted = {}
    if status and status not in have:
        wanted[status] = "status"
    if "due_date" in spec.headers and not have & {"due_date", "revised_due_date", "original_due_date"}:
        wanted["due_date"] = "date"  # a baseline and a forecast date are the due dates: an 'Actual date' beside them is not
    if spec.id_field and spec.id_field not in have:
        wanted[spec.id_field] = "reference"
    if "reported_trend" in spec.headers and "reported_trend" not in have:
        wanted["reported_trend"] = "trend"  # "Assessment" over Improving / Deteriorating: the officer's direction of travel
    commentary = cmap.fields.get("commentary")
    figures = next((f for f in ("actual", "progress") if f in spec.headers and f not in have and f in spec.values), None)
    if not wanted and not cmap.doubts and commentary is None:
        return
    contents: dict[int, str] = {}
    items = item_rows(sheet, cmap.header_row, cmap.fields[spec.key_field])

    def held(col: int) -> str:
        if col not in contents:
            contents[col] = column_content(sheet, cmap.header_row, col, scale, items)
        return contents[col]

    def take(col: int, fld: str, why: str) -> None:
        cmap.fields[fld] = col
        if col in cmap.unmapped:
            cmap.unmapped.remove(col)
        cmap.guesses.append((col, fld, why, "info"))
        have.add(fld)
        wanted.pop(fld, None)

    for col, alternatives in list(cmap.doubts.items()):
        if col not in cmap.unmapped:
            continue
        content = held(col)
        fits = [f for f in alternatives if f not in have and _holds(f, content, spec)]
        if not fits and {"polarity", "target"} <= set(alternatives) and "target" not in have and content == "mixed":
            fits = ["target"]  # "Aim / Target" over 90 and Reduce: targets, an aim where there is no figure
            content = "figures and aims"
        named = " or ".join(f.replace("_", " ") for f in alternatives)
        if len(fits) > 1 and "commentary" in fits and _ENDS_IN_COMMENTS.search(cmap.headers[col]):
            fits = ["commentary"]  # "Service comments": comments the service wrote, its last word the thing it holds
            content = f"{content}, and its header ends in what it holds"
        if len(fits) == 1:
            take(col, fits[0], f"its header could name the {named}; it holds {content}")
        elif len(fits) > 1:
            header = cmap.headers[col]
            cmap.guesses.append((col, "", f"column {header!r} could be the {named} (it holds {content}): not read; "
                                 f"say which, e.g. {toml_column(sheet.name, header, fits[0])}", "warning"))
    if commentary is not None and commentary not in {g[0] for g in cmap.guesses} and commentary not in cmap.configured:
        content = held(commentary)
        moved = None
        if status and status in wanted and content == "status":
            moved = status, "headed like commentary, it holds status words"
        elif status and status in wanted and scale is not None and content in ("text", "mixed") and (
                _status_by_dropdown(sheet, cmap, scale, items, [commentary]) or _rated_by_fills(sheet, commentary, items, scale)):
            moved = status, "headed like commentary, it holds a few words, chosen from a drop-down list of statuses or coloured as statuses"
        elif figures and content in ("number", "percent"):
            moved = figures, f"headed like commentary, it holds {'percentages' if content == 'percent' else 'figures'}"
        elif content in ("number", "percent"):  # "Progress" holding 50%: a % complete, which this kind does not report
            moved = "", (f"column {cmap.headers.get(commentary, '')!r} is headed like commentary but holds "
                          f"{'percentages' if content == 'percent' else 'figures'} (a % complete?), which {spec.name} do not "
                          "report: not read")
        if moved:
            del cmap.fields["commentary"]
            if moved[0]:
                take(commentary, *moved)
            else:
                cmap.guesses.append((commentary, "", moved[1], "info"))
            # the next column headed like commentary, if any, is the commentary after all
            other = next((c for c in cmap.unmapped if (r := read_header(cmap.headers.get(c), spec)).field == "commentary"
                          and r.token is None), None)
            if other is not None:
                cmap.unmapped.remove(other)
                cmap.fields["commentary"] = other
    said = cmap.fields.get(status) if status else None
    if (said is not None and said not in cmap.configured and spec.name == "measures" and "reported_trend" not in cmap.fields
            and held(said) == "trend"):
        # "Assessment against baseline" over Better / Similar / Worse: a police plan's judgement of direction, never a
        # status (each word was 'no status', every measure Data only, the judgement dropped)
        del cmap.fields[status]
        take(said, "reported_trend", "headed like the status, it holds direction-of-travel words: the services' own "
                                     "judgement of direction")
    actual = cmap.fields.get("actual")
    if (status and status in wanted and actual is not None and actual not in cmap.configured and held(actual) != "status"
            and spec.name == "measures" and any(pc.field == "actual" for pc in cmap.period_columns)
            and _words_of_a_scale(sheet, actual, items, scale)):
        # "Q2 value | Performance" over On target / Slightly off / Off target (a drop-down's words, some perfkit knows):
        # 'Performance', the figures by its exact header beside the quarter's own, is the status (it was dropped unsaid)
        del cmap.fields["actual"]
        take(actual, status, "it holds status words, not figures, beside the quarter's own figures column")
    elif (status and status in wanted and actual is not None and actual not in cmap.configured and held(actual) == "status"):
        # "YTD actual | Same period last year | Performance" over Better than target / Worse than target: 'Performance' (the
        # actual by its exact header) holds the services' statuses; the figures are under the header read by its words
        other = next((c for c in cmap.unmapped if c not in cmap.configured and (r := read_header(cmap.headers.get(c), spec)).field == "actual"
                      and r.token is None and held(c) in ("number", "percent", "mixed")), None)
        if other is not None:
            del cmap.fields["actual"]
            take(actual, status, "headed like the figures, it holds status words")
            take(other, "actual", f"headed as the figures, beside {cmap.headers.get(actual, '')!r}, which holds the statuses")
        elif any(pc.field == "actual" for pc in cmap.period_columns):
            # "Target Q3 | Actual Q3 | Performance" over Achieved / Within tolerance / Not achieved: the quarter's own
            # figures beside it, 'Performance' was a bare figure the quarter's column overrode, dropped with no word
            # (a service's 'Not achieved' briefed Green)
            del cmap.fields["actual"]
            take(actual, status, "headed like the figures, it holds status words, beside the quarter's own figures column")
    grouping = next((cmap.fields[f] for f in ("priority", "objective") if f in cmap.fields), None)
    if (status and status in wanted and grouping is not None and grouping not in cmap.configured
            and held(grouping) == "status"):
        # "Outcome" over Achieved / Within tolerance / Not achieved: the services' statuses, never the plan's groups
        del cmap.fields[next(f for f in ("priority", "objective") if cmap.fields.get(f) == grouping)]
        take(grouping, status, "headed like the plan's groups, it holds status words")
    if not wanted:
        return
    key_col = cmap.fields[spec.key_field]
    found: dict[str, list[int]] = {}
    named_unknown: dict[str, list[int]] = {}
    left_unread = {g[0] for g in cmap.guesses if not g[1]}  # a column already decided against (a group's number)
    for col in cmap.unmapped[:60]:  # bounded on sheets hundreds of columns wide
        header = cmap.headers.get(col, "")
        if col in cmap.doubts or col in left_unread or (PERIOD_TOKEN.search(header.lower()) or PERIOD_LIKE.search(header.lower())) \
                and not ("reported_trend" in wanted and _CHANGE_SINCE.match(header)):
            continue  # a quarter's own column; "Change since 2021/22" is the trend since then, and may be read as it
        content = held(col)
        for fld, sort in wanted.items():
            if fld == spec.id_field:  # references: left of the names, each once
                if col > key_col or content not in ("reference", "number") or not _unique(sheet, items, col) \
                        or _MONEY_HEADER.search(header):  # 'Net budget (£000)', 'Variance': sums of money, never references
                    continue
            elif content != sort:
                continue
            if fld == "reported_trend" and _COMPARED_WITH_OTHERS.search(header):
                continue  # "Compared with family group" over Better / Worse: beside other councils, never the trend over time
            if fld == "reported_trend" or (fld == status and _header_lists_values(sheet, items, col, header)):
                # "Trend since last quarter" over Improving / Worsening: the trend, whatever else it says; "Done / Doing /
                # To do" over those words: the header lists the statuses the column holds
                found.setdefault(fld, []).append(col)
            elif fld == spec.id_field and _REF_OF.match(header) and not _OTHER_TIME.intersection(normalise_header(header).split()):
                found.setdefault(fld, []).append(col)  # "ASCOF ref", "TSM Code": a scheme's own references, left of the names
            elif fld == "due_date" and _DUE_WORD.search(header) and not _OTHER_TIME.intersection(normalise_header(header).split()):
                found.setdefault(fld, []).append(col)  # "Gate due", "Deadline for sign-off": the table's only dates said due
            elif _names(header, fld, spec) or (fld != "reported_trend" and _OTHER_TIME.intersection(normalise_header(header).split())):
                named_unknown.setdefault(fld, []).append(col)
            else:
                found.setdefault(fld, []).append(col)
    if status in wanted and scale is not None and status not in found:
        filled = _filled_with_status(sheet, cmap, scale, [c for c in cmap.unmapped[:60] if contents.get(c) == "empty"
                                                          and not _OTHER_TIME.intersection(normalise_header(cmap.headers.get(c, "")).split())])
        if filled:
            found[status] = filled
            contents.update({c: "status fills" for c in filled})
    if status in wanted and scale is not None and status not in found:
        listed_cols = _status_by_dropdown(sheet, cmap, scale, items, [c for c in cmap.unmapped[:60] if contents.get(c) in ("text", "mixed")])
        if listed_cols:
            found[status] = listed_cols
            contents.update({c: "status list" for c in listed_cols})
    for fld, cols in found.items():
        what = {"status": "status words", "date": "dates", "reference": "references", "trend": "direction-of-travel words"}[wanted[fld]]
        if any(contents.get(c) == "status fills" for c in cols):
            what = "status colours (fills with no words)"
        if any(contents.get(c) == "status list" for c in cols):
            dd = sheet_dropdown(sheet, cols[0], items)
            what = f"words chosen from a drop-down list of statuses ({', '.join(dd.words[:6])}{', ...' if len(dd.words) > 6 else ''})"
        if len(cols) == 1 and fld not in named_unknown:
            take(cols[0], fld, f"its header is not one perfkit knows, and it holds {what}")
        else:
            cols = sorted(cols + named_unknown.get(fld, []))
            listed = " and ".join(repr(cmap.headers[c]) for c in cols)
            cmap.guesses.append((cols[0], "", f"columns {listed} all hold {what}; perfkit cannot tell which is the "
                                 f"{fld.replace('_', ' ')}, so read none: say which, e.g. "
                                 f"{toml_column(sheet.name, cmap.headers[cols[-1]], fld)}", "warning"))
    for fld, cols in named_unknown.items():
        if fld in found:
            continue
        for col in cols:
            header = cmap.headers[col]
            cmap.guesses.append((col, "", f"column {header!r} holds what a {fld.replace('_', ' ')} does, but its header says "
                                 f"more than perfkit understands, so it was not read; if it is the {fld.replace('_', ' ')}, "
                                 f"{toml_column(sheet.name, header, fld)}", "warning"))


# A scheme's name, then a word for a reference: "ASCOF ref", "TSM Code", "BVPI No.", "LGBF code".
_REF_OF = re.compile(r"^\s*(?!(?:old|former|legacy|new|previous|prior|parent|linked|related|cost|budget|post|ward)\b)"
                     r"[A-Z][A-Za-z0-9&]{1,9}\s+(?:ref(?:erence)?|code|id|no)\.?\s*$", re.I)


def toml_column(sheet: str, header: str, fld: str) -> str:
    """What to type in ``perfkit.toml`` to say what a column holds, as a message gives it.

    Examples
    --------
    >>> toml_column("Delivery plan", "Previous status", "status")
    'put "Previous status" = "status" under [sheets."Delivery plan".columns] in perfkit.toml'
    """
    return f"put {toml_string(header)} = {toml_string(fld)} under [sheets.{toml_string(sheet)}.columns] in perfkit.toml"


# Words that make a column's dates or statuses another time's, or another thing's, than the item's due date or status
# now ("Start date", "Last quarter", "Date updated"): such a column is never read by its content alone.
_OTHER_TIME = frozenset({
    "last", "previous", "prior", "baseline", "target", "forecast", "forecasted", "expected", "projected", "predicted",
    "next", "future", "original", "start", "started", "starting", "begin", "commence", "commenced", "completed", "actual",
    "review", "reviewed", "update", "updated", "added", "raised", "logged", "opened", "closed", "created", "entered",
    "modified", "change", "changed", "movement", "trend", "direction", "history", "historic", "ago", "since", "vs",
    "versus", "comparison", "benchmark", "national", "regional", "average", "year", "month", "week", "quarter", "annual",
})


def _heads_another_table(row: list, head: dict[int, str]) -> bool:
    """A row of words only, three or more, two of them the header's own words in the same columns (``Code``, ``Status``):
    the header of a second table under the first."""
    words = [(c, v) for c, v in enumerate(row) if not blank(v)]
    if len(words) < 3 or any(not isinstance(v, str) for _, v in words):
        return False
    return sum(1 for c, v in words if head.get(c) == " ".join(v.lower().split())) >= 2


def item_rows(sheet: Sheet, header_row: int, key_col: int) -> list[int]:
    """The rows under a header, up to :data:`CONTENT_ROWS`, that look like items: a name and something else beside it
    (section headings and notes, alone on their rows, are left out)."""
    out = []
    head = {c: " ".join(v.lower().split()) for c, v in enumerate(sheet.rows[header_row]) if isinstance(v, str) and v.strip()} \
        if header_row < len(sheet.rows) else {}
    for r in range(header_row + 1, min(len(sheet.rows), header_row + 1 + CONTENT_ROWS)):
        row = sheet.rows[r]
        if blank(get(row, key_col)):
            continue
        if _heads_another_table(row, head):  # a second table's header ('Code | PI | ... | Status'): its rows are not these
            break
        filled = 0
        for v in row:
            if not blank(v):
                filled += 1
                if filled > 1:
                    out.append(r)
                    break
    return out


def _filled_with_status(sheet: Sheet, cmap: ColumnMap, scale, cols: list[int]) -> list[int]:
    """Of columns with no words under an unknown header, those whose cells beside the items are coloured as statuses.

    Fill colours need the workbook's formatting (openpyxl), read only when such a column is there.
    """
    if not cols or sheet.book is None:
        return []
    rows = item_rows(sheet, cmap.header_row, cmap.fields[cmap.spec.key_field])
    if len(rows) < 2:
        return []
    fills = sheet.fills([(r, c) for r in rows for c in cols])
    return [c for c in cols if sum(1 for r in rows if (r, c) in fills and scale.from_colour(fills[(r, c)]) is not None) >= 0.8 * len(rows)]


def _unique(sheet: Sheet, rows: list[int], col: int) -> bool:
    seen = [text(sheet.rows[r][col]) for r in rows if col < len(sheet.rows[r]) and not blank(sheet.rows[r][col])]
    return len(seen) >= 2 and len(set(seen)) == len(seen)


# A register's column of each risk's own appetite ('Risk appetite': 'Cautious (up to 8)')
RISK_APPETITE_HEAD = re.compile(r"(?i)^\s*(?:risk\s+)?(?:appetite|tolerance)(?:\s+(?:level|score|threshold))?\s*$")


# A column of money beside a finance-and-performance pack's measures: 'Net budget 2024/25 (£000)', 'Forecast outturn',
# 'Variance (£k)'
_MONEY_HEADER = re.compile(r"(?i)£|\(\s*(?:£?\s*0{3}s?|£?k|£?m)\s*\)|\b(?:budget|outturn|variance|spend|expenditure|income|"
                           r"cost|costs|forecast|savings?|funding|allocation)\b")


# A header that says its dates are when something is due, among words perfkit does not know ("Gate due").
_DUE_WORD = re.compile(r"(?i)\b(?:due|deadline)\b")


def _header_lists_values(sheet: Sheet, items: list[int], col: int, header: str) -> bool:
    """Whether a header lists the words its column holds (``Done / Doing / To do`` over Done, Doing and To do): two or
    more words, separated by slashes, bars, commas or 'or', and every word in the column one of them."""
    parts = {" ".join(p.lower().split()) for p in re.split(r"/|\||,|\bor\b", header) if p.strip()}
    if len(parts) < 2:
        return False
    rows = sheet.rows
    values = {" ".join(text(v).lower().split()) for r in items for v in [get(rows[r], col)] if not blank(v)}
    return bool(values) and values <= parts


def _names(header: str, fld: str, spec: KindSpec) -> bool:
    """Whether a header holds one of a field's phrases among words perfkit does not know (``Previous status``)."""
    vocab = vocabulary(spec)
    words = set(header_words(header, vocab.keep))
    return any(f == fld and key <= words for key, f in vocab.index.items())


def report_guesses(table: Table) -> None:
    """Say aloud each column read by its words rather than an exact phrase, and each one read or left by what it holds."""
    cmap = table.cmap
    fields = {c: f for f, c in cmap.fields.items()}
    fields.update({pc.col: pc.field for pc in cmap.period_columns})
    guessed = {g[0] for g in cmap.guesses if g[1]}
    for col in sorted(cmap.by_words):
        if col in fields and col not in guessed:
            header = cmap.headers.get(col, "")
            table.report.add(table.cell(cmap.header_row, col), fields[col], header,
                             f"column {header!r} read as {fields[col].replace('_', ' ')} by its words", "info")
    for col, fld, why, severity in cmap.guesses:
        header = cmap.headers.get(col, "")
        if fld:
            table.report.add(table.cell(cmap.header_row, col), fld, header,
                             f"column {header!r} read as {fld.replace('_', ' ')} by what it holds: {why}", severity)
        else:
            table.report.add(table.cell(cmap.header_row, col), "", header, why, severity)
