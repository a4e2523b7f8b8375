"""The reading engine: which kind each sheet holds, and reading one kind from every sheet it fits.

:func:`survey` tries every kind registered in :mod:`perfkit.read.kinds` against each
sheet's header (the best fit wins), or accounts for the sheet as not data (hidden, cover,
notes, a status key) or, when it looks like a tracker perfkit could not read, as a
warning naming it. :func:`read_kind` then has the layout engine
(:mod:`perfkit.read.layout`) find each table and calls the kind's builder
(``spec.build``), which turns its rows into one row per item per period with the value
rules kept here (:func:`status_column`, :func:`due_dates`, :func:`check_duplicate_keys`,
:func:`row_period`...), collecting every problem in one pass. Errors raise one
:class:`~perfkit.core.errors.ValidationError` listing every cell; warnings and notes
travel with the frame in ``frame.attrs["problems"]``, and the sheet inventory in
``frame.attrs["inventory"]``. :func:`perfkit.read.reader.read_workbook` reads every kind.

Settings come from the arguments, then ``perfkit.toml`` beside the workbook
(:mod:`perfkit.core.config`), then what perfkit detects.

Examples
--------
>>> import perfkit
>>> ms = perfkit.read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> ms.groupby("period")["status"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
import re
from itertools import chain
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from pathlib import Path

import numpy as np
import pandas as pd

from perfkit.core.collector import without_collector
from perfkit.core.config import Config, load_config, own_key, toml_string
from perfkit.core.errors import ConfigError, LayoutError, PeriodError, Problem, Report, SheetEntry, ValidationError
from perfkit.read.spec import KindSpec, get_kind, kind_names
from perfkit.read.layout import (
    figures_columns_as_read,
    rows_of_their_own_periods,
    HEADER_SCAN_ROWS, Table, account_for_columns, table_above, another_header, month_named, other_kinds_quarters, plan_named, quarter_named, report_error_cells, report_hidden_rows, blank as _blank, check_error, fill_merged, get as _get, header_in, make_table, no_table_error, report_reclassified, resolve_previous, resolve_year, single_period, text as _text,
)
from perfkit.read.columns import ACADEMIC_YEAR, RELATIVE, header_text, language_parts, nearest_headers, read_header, resolve_token, token_month, unmatched_mappings
from perfkit.read.advice import kind_advice, unfit_note
from perfkit.read.evidence import (
    colours_of_known_words, decide_kind, find_key, key_fill_status, key_sheet_notes, key_table, learn_words, report_key, report_workbook_key, scale_with_words, type_split, raid_split_alone,
    tied_in_order, with_workbook_key, workbook_key,
)
from perfkit.core.periods import find_financial_year, parse_span, period_label, pooled_years
from perfkit.core.status import ARROWS, FIVE_POINT_SCALE, StatusScale
from perfkit.core.numbers import parse_number
from perfkit.read.workbook import Sheet, Workbook, open_workbook
from perfkit.read.workbook_layouts import (
    SheetRead,
    TransposedSheet,
    arrange,
    formula_summaries,
    numbered_groups_named,
    paired_rows_view,
    period_for_sheet,
    report_clashes,
    transposed_refusal,
    unheaded_pairs,
    unread_sheet,
)
from perfkit.core.errors import cell_name, col_letter
from perfkit.read.layout import get, is_direction_word, judgement
from perfkit.read.spec import CARRIED

_DATE_PLACEHOLDERS = {"ongoing", "on going", "tbc", "tbd", "n/a", "na", "various", "annual", "annually", "quarterly",
                      "monthly", "continuous", "throughout", "as required", "-", "–", "rolling", "none", "tba"}
# Due at a meeting not yet dated ("Next meeting", "By the next Full Council"): no date either, said the same way
_DATE_MEETING = re.compile(r"(?i)^(?:(?:by|at|for|to|before|report\s+to)\s+)?(?:the\s+)?(?:next|following|a\s+future|future)\s+"
                           r"(?:[a-z&]+\s+){0,3}?(?:meeting|committee|cabinet|council|board|panel|forum|sub-committee)s?"
                           r"(?:\s+of\s+(?:the\s+)?[a-z&' -]{1,40})?[\s.]*$")
# "Next P&R", "By next CMT": the next meeting of a body named by its letters (case kept: "Next year" is no committee)
_NEXT_COMMITTEE = re.compile(r"^(?:(?:[Bb]y|[Aa]t|[Ff]or|[Tt]o|[Bb]efore)\s+)?(?:the\s+)?[Nn]ext\s+(?:[A-Z]+\s?&\s?[A-Z]+|[A-Z]{2,6})"
                             r"(?:\s+(?:[Mm]eeting|[Cc]ommittee|[Bb]oard))?[\s.]*$")
# A timescale that recurs ("Quarterly from July 2024", "Monthly until March 2025", "Each quarter"): no one due date
_DATE_RECURRING = re.compile(r"(?i)^(?:quarterly|monthly|annually|yearly|weekly|fortnightly|bi-?monthly|six[- ]monthly|"
                             r"half[- ]yearly|bi-?annually|(?:every|each)\s+(?:quarter|month|year|week|six\s+months|meeting))\b"
                             r"(?:\s*[,(]?\s*(?:from|starting|beginning|until|till|to|thereafter|then|and|ongoing|reviewed|at|\d))")
# Due now, with no date to count from: never overdue unsaid (a warning asks for the date agreed)
_DATE_URGENT = {"asap", "a.s.a.p.", "as soon as possible", "immediate", "immediately", "urgent", "urgently", "now"}

# ---------------------------------------------------------------------------------------------- options


@dataclass
class Options:
    """Everything that shapes one read: the arguments, then ``perfkit.toml``."""

    path: Path
    config: Config
    scale: StatusScale
    sheet: str | int | None = None
    columns: dict | None = None
    year: object = None
    period: object = None
    header_row: int | None = None
    extra: Mapping = field(default_factory=dict)  # a kind's own arguments: read_risks(matrix=), read_actions(cadence=)

    def columns_for(self, kind: str, sheet: str) -> dict:
        """Header mappings for one kind on one sheet: config (workbook, then sheet), then the arguments."""
        out: dict = {}
        for source in (self.config.columns, self.config.sheet(sheet).columns, self.columns):
            if not source:
                continue
            if _split_by_kind(source):
                source = source.get(kind) or {}
            out.update(source)
        valid = get_kind(kind).fields
        return {h: f for h, f in out.items() if not isinstance(f, str) or f.partition("@")[0].strip() in valid or f == ""}

    def year_for(self, sheet: str) -> tuple[object, str]:
        if self.year is not None:
            return self.year, "--year"
        sc = self.config.sheet(sheet)
        if sc.year is not None:
            return sc.year, f"{self.config.where} (sheet {sheet!r})"
        if self.config.year is not None:
            return self.config.year, self.config.where
        return None, ""

    def header_row_for(self, sheet: str) -> int | None:
        return self.header_row or self.config.sheet(sheet).header_row


def options(path, sheet=None, columns=None, year=None, period=None, scale=None, header_row=None, config=None, extra=None) -> Options:
    """The :class:`Options` of one read: the arguments, then ``perfkit.toml`` beside the workbook, with every mapped field checked."""
    cfg = load_config(config, workbook=path)
    if any(_per_kind(m) is not m for m in [cfg.columns, *(sc.columns for sc in cfg.sheets.values())]):
        cfg = replace(cfg, columns=_per_kind(cfg.columns),
                      sheets={n: replace(sc, columns=_per_kind(sc.columns)) for n, sc in cfg.sheets.items()})
    _check_mappings(cfg, columns)
    return Options(Path(path), cfg, cfg.status_scale(scale), sheet, columns, year, period, header_row, MappingProxyType(dict(extra or {})))


def prefix_references(frame: pd.DataFrame, id_field: str, prefix: str | None) -> None:
    """Put a sheet's ``prefix`` (``[sheets."People"] prefix = "PE-"`` in perfkit.toml) before each of its references."""
    if prefix and id_field in frame and len(frame):
        frame[id_field] = prefix + frame[id_field].astype(str)


def check_sheet_period(table: Table, opts: Options) -> None:
    """A quarter given for a one-column sheet (in perfkit.toml, or with ``--period``) that differs from the one its title,
    name or file name gives is a warning: a setting kept from an earlier quarter must not relabel this quarter's figures."""
    own = opts.config.sheet(table.sheet.name).period
    given = own or opts.period
    if not given or any(pc.token not in RELATIVE for pc in table.cmap.period_columns):
        return
    try:
        named = single_period(table, None)
        used = single_period(table, given)
    except (LayoutError, PeriodError):
        return
    if named.end == used.end:
        return
    if own:
        fix = (f"if the file is from an earlier quarter, remove the line period = \"{own}\" under "
               f"[sheets.\"{table.sheet.name}\"] in {opts.config.where}")
        who = f"{opts.config.where} says"
    else:
        fix = (f"if the sheet reports {named.label}, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] "
               f"period = \"{named.label}\" (a sheet's own period comes before --period)")
        who = f"--period {given} says"
    table.report.add(
        table.sheet.name, "period", given,
        f"{who} sheet {table.sheet.name!r} reports {used.label}, but its title, name or the file name says {named.label}: "
        f"read as {used.label}; {fix}",
        "warning",
    )


def _split_by_kind(mapping: dict) -> bool:
    """Whether a header mapping is given per kind, ``{"milestones": {...}, "measures": {...}}``."""
    return set(mapping) <= set(kind_names()) and all(isinstance(v, dict) for v in mapping.values())


def _per_kind(mapping: dict) -> dict:
    """A ``perfkit.toml`` column mapping with lines for one kind (``"measures:Target / Deadline" = "ignore"``, as ``--map``
    takes them) given per kind, each kind with the lines for every kind too; any other mapping as it is."""
    if not mapping or _split_by_kind(mapping):
        return mapping
    kinds = kind_names()
    shared: dict = {}
    per: dict = {}
    for header, fld in mapping.items():
        prefix, colon, rest = str(header).partition(":")
        if colon and prefix.strip() in kinds and rest.strip():
            per.setdefault(prefix.strip(), {})[rest.strip()] = fld
        else:
            shared[header] = fld
    return {k: {**shared, **per.get(k, {})} for k in kinds} if per else mapping


def _check_mappings(cfg: Config, columns) -> None:
    """Every mapped field must be a field of some kind; all wrong ones are named at once."""
    every = set().union(*(get_kind(k).fields for k in kind_names()))
    sources = [("the mapping", columns or {}), (cfg.where, cfg.columns)] + [(f"{cfg.where} [sheets.{n!r}]", sc.columns) for n, sc in cfg.sheets.items()]
    bad = []
    for where, mapping in sources:
        if mapping and _split_by_kind(mapping):
            mapping = {h: f for sub in mapping.values() for h, f in sub.items()}
        for header, target in mapping.items():
            fld = str(target).partition("@")[0].strip()
            if target not in ("", None) and fld not in every:
                bad.append(f"{where}: {header!r} is mapped to {fld!r}, which is not a field")
    if bad:
        raise ConfigError(
            "; ".join(bad),
            hint="Fields are those of the tidy frames: title, milestone_id, lead, due_date (original_due_date and revised_due_date "
            "where a tracker keeps both), status, commentary, priority, "
            "name, measure_id, unit, polarity, target, actual, tolerance, period, year, area, or ignore; add @period for a "
            "quarter's column (status@2024/25 Q2).",
        )


# ---------------------------------------------------------------------------------------------- survey


@dataclass
class SheetPlan:
    """What perfkit makes of one sheet: the kind it reads it as, or why it does not."""

    name: str
    kind: str | None = None
    cmap: object = None
    note: str = ""
    severity: str = "info"
    hidden: bool = False
    skip: frozenset = frozenset()  # rows another kind reads (a table split by its Type column)
    problems: tuple = ()  # (cell, value, message, severity) the survey found: said when the sheet is read
    sheet: Sheet | None = None  # the rows to read instead of the sheet's own (a transposed table turned round)
    closed: tuple = ()  # (reference, date closed or None, cell) of a closed-items tab read only for what it closed
    below: bool = False  # a second table under the first (read too): the rows above it are that table, never warned of


_NOT_DATA_NAME = re.compile(
    r"^\s*(cover|front|front sheet|contents|index|intro|introduction|notes?|guidance|instructions|read ?me|about|key|"
    r"legend|rag key|status key|definitions?|glossary|lookups?|lists?|drop ?downs?|data validation|version|change log|"
    r"changes|summary chart|charts?|dashboard|(?:risk\s+)?(?:scoring\s+)?(?:matrix|heat\s?map)|scoring(?:\s+(?:guide|criteria|key))?|"
    r"risk\s+(?:profile|summary|overview))\b",
    re.I,
)


# A RAID log's other logs, each on its own tab: issues (risks that have happened), assumptions, dependencies, decisions.
# None is a Council Plan milestone, measure or action, nor a risk: a dependency's RAG letters made it a milestone.
_RAID_PART = re.compile(r"(?i)^\s*(?:(?:programme|project|key|open|raid)\s+)?(issues?|assumptions?|dependenc(?:y|ies)|decisions?|"
                        r"lessons?\s+(?:learnt|learned)|change\s+requests?)(?:\s+(?:log|register|list|tracker))?\s*$")
_RAID_TITLE = re.compile(r"(?i)^\s*(issue|assumption|dependency|decision)(?:\s+(?:description|title|details?|summary))?\s*$")


def raid_part(name: str, cmap=None) -> str | None:
    """What a RAID log's tab holds (``issues``, ``dependencies``...), by its name or its items' own column, or None."""
    m = _RAID_PART.match(name)
    if m is None and cmap is not None:
        key = cmap.fields.get(get_kind(cmap.kind).key_field)
        m = _RAID_TITLE.match(str(cmap.headers.get(key, ""))) if key is not None else None
    if m is None:
        return None
    word = " ".join(m[1].lower().split())
    return {"issue": "issues", "assumption": "assumptions", "dependency": "dependencies", "decision": "decisions"}.get(word, word)


_MONEY_NAME = re.compile(r"(?i)^\s*(?:expenditure|spend(?:ing)?|finance|financial|budgets?|income|costs?|funding|"
                         r"revenue|capital|budget\s+monitoring|deductions?|penalt(?:y|ies)|payments?|charges|fees|invoices?)\b"
                         r"(?!.*\b(?:kpis?|measures?|indicators?|performance)\b)")
# A log of the workbook's own changes ("Change log", "Revision history"), or a survey's own details ("Survey responses",
# "Methodology"): never items, whatever references and dates they hold
_LOG_NAME = re.compile(r"(?i)^\s*(?:(?:change|amendment|revision|version|edit|update|audit)s?\s*(?:log|history|record|control)|"
                       r"survey\s+(?:responses?|details|sample|method(?:ology)?)|responses?\s+(?:rates?|received)|methodology)\b")

_VERSION_HEAD = re.compile(r"(?i)^\s*(?:version(?:\s+(?:no\.?|number|control|history))?|document\s+control|revision\s+history|"
                           r"change\s+(?:log|history)|issue\s+no\.?)\s*:?\s*$")


_DONE_WORD = re.compile(r"(?i)^\s*(?:complete|completed|done|closed|implemented|delivered|finished|achieved)\s*\.?\s*$")
_CLOSED_TAB = re.compile(r"(?i)(?:^|[\s\-–/])(?:closed|archived)(?:\s+risks?)?\s*$|^\s*closed\s+risks?\b")
_CLOSED_TAB_TITLE = re.compile(r"(?i)\b(?:risks?\s+(?:closed|archived|removed)|(?:closed|archived)\s+risks?)\b")
_CHART_DATA = re.compile(r"(?i)\b(?:charts?|graphs?)\b")
_MONTHLY_REFUSAL = re.compile(r"(?i)monthly (?:rows|columns)|months? (?:rows|columns)")


# A sheet named for a key anywhere in its name ("Risk matrix & key", "Scoring guidance", "RAG definitions")
# ("Key risks", "Key projects": the important ones, a key only as the name's last word or a "key to")
_KEY_NAMED = re.compile(r"(?i)\b(?:key\s*$|key\s+to\b|legend|matrix|heat\s?map|scoring|guidance|definitions?|glossary|lookups?|drop\s?downs?)\b")


def _named_not_data(name: str) -> bool:
    """Whether a sheet's name, or either side of one written in two languages (``Clawr - Cover``), is a cover's, key's or
    notes sheet's."""
    return any(_NOT_DATA_NAME.match(part) for part in [name, *re.split(r"\s+[-–/]\s+", name)])


def _looks_like(sheet: Sheet, scale: StatusScale) -> tuple[str, str]:
    """Why an unread sheet is not data (info), or that it looks like a tracker (warning)."""
    rows = [[v for v in row if not _blank(v)] for row in sheet.rows]
    filled = [r for r in rows if r]
    if not filled:
        if sheet.errors:  # calamine reads error cells as blank: say they are there rather than call the sheet empty
            n, kinds = len(sheet.errors), sorted(set(sheet.errors.values()))
            shown = ", ".join(kinds[:4]) + (", ..." if len(kinds) > 4 else "")
            return f"no values, only {n} formula-error cell{'s' * (n != 1)} ({shown}): not a table", "info"
        return "empty sheet", "info"
    cells = [v for r in filled for v in r]
    table_rows = [r for r in filled if len(r) >= 3]
    statusy = sum(1 for v in cells if isinstance(v, str) and len(v) < 40 and scale.normalise(v) is not None)
    numbers = sum(1 for v in cells if isinstance(v, (int, float)) and not isinstance(v, bool))
    dates = sum(1 for v in cells if isinstance(v, (_dt.date, _dt.datetime)))
    refs = sum(1 for v in cells if isinstance(v, str) and re.fullmatch(r"[A-Z]{0,4}\s?\d+(\.\d+)*[a-z]?", v.strip()))
    # A key: a short list pairing status words (first) with their meaning.
    firsts = [r[0] for r in filled]
    keyish = sum(1 for v in firsts if isinstance(v, str) and len(v) < 40 and scale.normalise(v) is not None)
    if len(filled) <= 12 and keyish >= 2 and keyish >= len(filled) - 2 and all(len(r) <= 3 for r in filled):
        return "a status key or legend, not data", "info"
    # A "Dashboard" that is a table of items (references, and dates or statuses, on row after row) is named so, not data
    items = sum(1 for r in table_rows if any(isinstance(v, str) and re.fullmatch(r"[A-Z]{0,4}\s?\d+(\.\d+)*[a-z]?", v.strip()) for v in r))
    versioned = any(isinstance(v, str) and _VERSION_HEAD.match(v) for v in cells)
    figures = numbers >= 8 and sum(1 for r in table_rows if sum(isinstance(v, (int, float)) for v in r) >= 2) >= 4
    if _NOT_DATA_NAME.match(sheet.name) and (versioned or not (items >= 3 and (dates >= 2 or statusy >= 3) or figures)):
        # (a "Dashboard" of figures, row after row, is a table perfkit could not read, never a cover)
        # a cover's version history (Version | Date | Author | Changes) has numbers and dates on row after row: not items
        return "a cover, notes, key or lookup sheet (by its name), not data", "info"
    if len(filled) >= 2 and (_CLOSED_TAB.search(sheet.name)
                             or any(isinstance(v, str) and _CLOSED_TAB_TITLE.search(v) for r in filled[:3] for v in r)):
        # "Risgiau caeedig - Closed": a register's closed risks, unread, would leave them open or missing with nothing said
        return (f"a tab of closed items (by its name or title) that perfkit could not read: the items on it are not counted "
                f"as closed; to read it, say which row is its header and what each column holds ([sheets.{toml_string(sheet.name)}] "
                f"kind = \"risks\" (or the kind it holds), header_row = ...; run `perfkit init`), or leave it out with "
                f"[sheets.{toml_string(sheet.name)}] kind = \"ignore\"", "warning")
    if len(table_rows) < 3:
        return "text only, not a table: not data", "info"
    if _LOG_NAME.match(sheet.name) and statusy < 2:
        return "a log of changes or a survey's details (by its name), not milestones or measures: not read", "info"
    if re.search(r"(?i)\bappetite\b|\btolerances?\b", sheet.name):  # read by the register for its appetite (read.kinds.risks)
        return "a risk appetite statement (by its name), not data: the register reads its appetite from it", "info"
    if _MONEY_NAME.match(sheet.name) and not statusy:
        # a Better Care Fund return's 'Expenditure' sheet: spend by scheme, no status in it, not performance data
        return ("a finance sheet (by its name, with no status in it): spend or budget figures, not milestones or measures; "
                "not read"), "info"
    compared = _comparison_header(sheet)
    if compared is not None and not statusy:
        # "Indicator | Period | Brackley Heath | England | Compared with England": public health context beside the
        # council's own return, each row with its own period; no quarter's performance
        r, heads = compared
        shown = ", ".join(map(repr, heads[:6])) + (", ..." if len(heads) > 6 else "")
        return (f"a comparison with other areas (its header at row {r + 1}: {shown}), context rather than the council's own "
                "milestones or measures", "info")
    by_period = _figures_by_period(sheet)
    if by_period is not None and not statusy:
        # "Site | Apr-24 | May-24 | ... | Total": visits by site beside a contract's KPI return; with no target, status or
        # date to judge them by, context rather than measures
        r, heads = by_period
        shown = ", ".join(map(repr, heads[:6])) + (", ..." if len(heads) > 6 else "")
        return (f"figures by period with no target, status or due date (its header at row {r + 1}: {shown}): context, "
                f"not milestones or measures (if it holds measures, say so with [sheets.{toml_string(sheet.name)}] "
                "kind = \"measures\" and run `perfkit init`)", "info")
    if _KEY_NAMED.search(sheet.name) and refs < 3 and statusy < 3:
        # "Risk scoring", "Scoring guidance": the levels 1 to 5 and their words, and the bands a register reads from it
        return (f"a key or scoring guide (by its name, with no references or statuses down it), not data; if it holds items, "
                f"say which kind with [sheets.{toml_string(sheet.name)}] kind = \"...\" and run `perfkit init`", "info")
    calendar = _calendar_years_header(sheet)
    if calendar is not None:
        # "Code | Indicator | 2019 | 2020 | ... | 2023": figures by calendar year, which no financial year or quarter holds
        r, years = calendar
        return (f"its columns are headed with calendar years ({', '.join(map(repr, years[:6]))} at row {r + 1}): perfkit reports "
                "UK financial years (April to March) and their quarters, never calendar years, so the sheet is not read; leave "
                f"it out with [sheets.{toml_string(sheet.name)}] kind = \"ignore\", or give its figures under the financial "
                "years they belong to", "warning")
    what = ", ".join(w for w, n in (("status words", statusy), ("references", refs), ("dates", dates), ("numbers", numbers)) if n >= 2)
    return (
        f"looks like a tracker (a table of {len(table_rows)} rows{' with ' + what if what else ''}) but perfkit could not "
        f"find its header; map it in perfkit.toml (run `perfkit init`), or leave it out with [sheets.{toml_string(sheet.name)}] "
        "kind = \"ignore\"",
        "warning",
    )


def _calendar_years_header(sheet: Sheet) -> tuple[int, list[str]] | None:
    """The row (in the first 30) whose cells include three or more bare calendar years in a row (``2019 | 2020 | 2021``),
    with those years as typed; None where no row has them."""
    for r, row in enumerate(sheet.rows[:30]):
        years = [header_text(v).strip() for v in row if re.fullmatch(r"(?:19|20)\d\d", header_text(v).strip())]
        if len(years) >= 3 and all(int(b) - int(a) == 1 for a, b in zip(years, years[1:])):
            return r, years
    return None


# A header naming the areas a figure is compared with: a nation or its average, a region, the council's neighbours
_COMPARED = re.compile(r"(?i)^\s*(?:compared\s+(?:with|to)\b.*|(?:england|wales|scotland|northern\s+ireland|uk|great\s+britain|"
                       r"national|regional?|region|english|welsh|scottish)(?:\s+(?:average|mean|median|value|figure|rate|benchmark))?|"
                       r"(?:nearest|statistical|cipfa)\s+neighbours?(?:\s+(?:average|mean|median))?|comparator\s+average)\s*$")


_JUDGED_BY = re.compile(r"(?i)\b(?:targets?|actuals?|rag|status|due|deadline|polarity|direction|tolerance|baseline|progress|"
                        r"rating|score|impact|likelihood|milestones?|measures?|indicators?|kpis?|pis?)\b")


def _figures_by_period(sheet: Sheet) -> tuple[int, list[str]] | None:
    """The header row (and its headers) of a table of figures by month or quarter under a label (``Site | Apr-24 |
    May-24 | ... | Total``), naming no target, status, date or measure to judge them by, numbers under it; or None."""
    rows = sheet.rows
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [v for v in row if not _blank(v)]
        if len(cells) < 4 or not isinstance(cells[0], str):
            continue
        heads = [_text(v) if isinstance(v, str) else (f"{v:%b-%y}" if isinstance(v, (_dt.date, _dt.datetime)) else str(v)) for v in cells]
        periods = sum(1 for v in cells[1:] if isinstance(v, (_dt.date, _dt.datetime))
                      or (isinstance(v, str) and (month_named(v) is not None or quarter_named(v, None) is not None)))
        if periods < 3 or periods < len(cells[1:]) - 2:
            continue
        if any(isinstance(v, str) and _JUDGED_BY.search(v) for v in cells):
            return None
        below = [v for row_ in rows[r + 1:r + 40] for v in row_[1:] if not _blank(v)]
        numbers = sum(1 for v in below if isinstance(v, (int, float)) and not isinstance(v, bool))
        return (r, heads) if below and numbers >= 0.8 * len(below) else None
    return None


def _comparison_header(sheet: Sheet) -> tuple[int, list[str]] | None:
    """The row (and its headers) of a table comparing the area with others (``England``, ``Compared with England``,
    ``Nearest neighbours average``) among the sheet's first rows, with no target, actual or status header; or None."""
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        heads = [_text(v) for v in row if isinstance(v, str) and v.strip()]
        if len(heads) < 3 or not any(_COMPARED.match(h) for h in heads):
            continue
        if any(re.search(r"(?i)\b(?:target|actual|rag|status|outturn|q[1-4])\b", h) for h in heads):
            return None
        return r, heads
    return None


_NAME_HINTS = {"risks": ("risk",), "actions": ("action", "improvement", "recommendation"), "measures": ("kpi", "measure", "indicator", "pi"),
               "milestones": ("milestone", "delivery", "plan")}


def _likely_first(sheet: str, kinds: list[str]) -> list[str]:
    """Kinds in the order to try a sheet: one its name suggests first (every kind is still tried; the best fit wins)."""
    low = sheet.lower()
    hinted = [k for k in kinds if any(w in low for w in _NAME_HINTS.get(k, ()))]
    return hinted[:1] + [k for k in kinds if k not in hinted[:1]]


def survey(book: Workbook, opts: Options, kinds: list[str] | None = None) -> list[SheetPlan]:
    """Decide, for every sheet, which kind reads it (the best-fitting header wins) or why none does."""
    kinds = kinds or kind_names()
    names = book.sheet_names
    if opts.sheet is not None:
        if isinstance(opts.sheet, int):
            if not 0 <= opts.sheet < len(names):
                raise LayoutError(f"{book.path.name}: there is no sheet number {opts.sheet}; it has {len(names)} ({', '.join(map(repr, names))})")
            chosen = {names[opts.sheet]}
        elif opts.sheet not in names:
            raise LayoutError(
                f"{book.path.name}: no sheet called {opts.sheet!r}; its sheets are {', '.join(map(repr, names))}",
                hint="Give one of those names with --sheet (in quotes if it has spaces).",
            )
        else:
            chosen = {opts.sheet}
    else:
        chosen = set(names)
    hidden = book.hidden_sheets
    plans = []
    for name in names:
        sc = opts.config.sheet(name)
        if name not in chosen:
            plans.append(SheetPlan(name, note=f"only sheet {opts.sheet!r} was asked for"))
            continue
        if sc.kind == "ignore":
            plans.append(SheetPlan(name, note=f"ignored, as {opts.config.where} says"))
            continue
        if sc.kind is not None and sc.kind not in kind_names():
            raise ConfigError(f"{opts.config.where}: sheet {name!r} has kind = {sc.kind!r}", hint=f"Use one of {', '.join(kind_names())} or \"ignore\".")
        if name in hidden and opts.sheet is None and sc.kind is None:
            plans.append(SheetPlan(name, note="hidden sheet, not read (name it with --sheet or in perfkit.toml to read it)", hidden=True))
            continue
        if sc.kind is None and (part := raid_part(name)) is not None:
            plans.append(SheetPlan(name, note=f"a RAID log's {part}, not milestones, measures, actions or risks; if it "
                                   f"holds one of those, say so in perfkit.toml: [sheets.{toml_string(name)}] kind = \"actions\""))
            continue
        sheet = book.sheet(name)
        best = None
        fits = []
        scan = HEADER_SCAN_ROWS
        for kind in ([sc.kind] if sc.kind else _likely_first(name, kinds)):
            spec = get_kind(kind)
            # each kind's own scale: 'In progress' is an action's status word, not one of a RAG tracker's
            cmap, _ = header_in(sheet, spec, opts.columns_for(kind, name), opts.header_row_for(name),
                                spec.status_scale(opts) if spec.status_scale else opts.scale, scan)
            if cmap is not None:
                fits.append((kind, cmap))
                if best is None or cmap.score > best[1].score:
                    best = (kind, cmap)
            if best is not None:  # another kind's header can only be as high; rows below a header are its data
                scan = best[1].header_row + 2
        if best is not None and sc.kind is None and (why := key_table(sheet, best[1], opts.scale)):
            plans.append(SheetPlan(name, note=why))  # a status key laid out as a table: its rows are never items
        elif (best is not None and sc.kind is None and _named_not_data(name) and get_kind(best[0]).id_field not in best[1].fields
              and len(best[1].fields) + len(best[1].period_columns) < 3):
            # "Clawr - Cover" with its bilingual key ("Ar darged / On target | Mesurau / Measures"): two columns that look
            # like a target and a name are no table of measures on a sheet named as a cover
            plans.append(SheetPlan(name, note="a cover, notes, key or lookup sheet (by its name), not data"))
        elif best is not None and sc.kind is None and _KEY_NAMED.search(name) and get_kind(best[0]).id_field not in best[1].fields:
            # "Risk matrix & key": 'Impact | Description | Likelihood | Description' over the levels 1 to 5 and their words
            # is the register's scoring key (read for its words and bands), not a register with no references
            plans.append(SheetPlan(name, note=f"a key or scoring guide (by its name, and no reference column), not data; if it holds "
                                   f"{best[0]}, say so in perfkit.toml: [sheets.{toml_string(name)}] kind = \"{best[0]}\""))
        elif best is not None and sc.kind is None and best[0] != "risks" and (part := raid_part("", best[1])) is not None:
            plans.append(SheetPlan(name, note=f"a RAID log's {part} (column {best[1].headers[best[1].fields[get_kind(best[0]).key_field]]!r}), "
                                   f"not milestones, measures or actions; if it holds {best[0]}, say so in perfkit.toml: "
                                   f"[sheets.{toml_string(name)}] kind = \"{best[0]}\""))
        elif best is not None and best[0] == "measures" and sc.kind in (None, "measures") and (paired := paired_rows_view(sheet, best[1])):
            view, note = paired  # an Actual row over a Target row for each measure (workbook_layouts)
            cmap, _ = header_in(view, get_kind("measures"), opts.columns_for("measures", name), opts.header_row_for(name), opts.scale, scan)
            plans.append(SheetPlan(name, "measures", cmap or best[1], note=note, sheet=view if cmap is not None else None))
        elif best is not None:
            same = [f for f in fits if f[1].header_row == best[1].header_row]
            if sc.kind is None and opts.header_row_for(name) is None:
                # a kind that took a band above the header for its own ('Scheme | ... | BRAG status at' over 'Ref | Scheme |
                # ... | 30/06/2024'): asked again at the header the best fit found, so that all the sheet shows weighs for it
                for kind, cmap in fits:
                    if cmap.header_row < best[1].header_row and kind not in {k for k, _ in same}:
                        spec = get_kind(kind)
                        again, _ = header_in(sheet, spec, opts.columns_for(kind, name), best[1].header_row + 1,
                                             spec.status_scale(opts) if spec.status_scale else opts.scale, scan)
                        if again is not None and again.header_row == best[1].header_row and again.fits():
                            same.append((kind, again))
            found = _plans_from_evidence(sheet, same)
            if len(found) == 1 and found[0].kind is not None and sc.kind is None and (second := _second_table(sheet, found[0], kinds, opts)):
                found = [replace(found[0], skip=found[0].skip | frozenset(range(second.cmap.header_row, len(sheet.rows)))), second]
            plans.extend(found)
        elif sc.kind in (None, "measures") and (unheaded := unheaded_pairs(sheet, opts.columns_for("measures", name), opts.scale)):
            view, cmap, note = unheaded  # 'Profile' over 'Actual' under a header of months alone (workbook_layouts)
            plans.append(SheetPlan(name, "measures", cmap, note=note, sheet=view))
        elif sc.kind in (None, "measures") and (shaped := unread_sheet(book, sheet, opts.scale, opts.columns_for("measures", name), sc.kind == "measures"))[4] \
                and (shaped[0] is not None or sc.kind is None):  # a sheet perfkit.toml says holds measures is never set aside
            kind, cmap, view, note, severity = shaped  # a transposed table, or a summary (workbook_layouts)
            plans.append(SheetPlan(name, kind, cmap, note=note, severity=severity, sheet=view))
        elif sc.kind is not None:
            plans.append(SheetPlan(name, sc.kind, None, note=unfit_note(book, name, sc.kind, opts)))
        else:
            note, severity = _looks_like(sheet, opts.scale)
            plans.append(SheetPlan(name, note=note, severity=severity))
    _same_header_as_read(book, plans, opts)
    _same_kind_as_twins(book, plans, opts)
    _archives_of_read(book, plans, opts)
    _closed_lists(book, plans, opts)
    _note_key_sheets(book, plans, opts)
    summaries = formula_summaries(book, plans, opts.scale)  # a sheet of formulas over the other sheets read is their summary, not data
    for plan in plans:
        if plan.name in summaries and opts.config.sheet(plan.name).kind is None:
            plan.kind, plan.cmap, plan.note, plan.severity = None, None, summaries[plan.name], "info"
    return plans


def _second_table(sheet: Sheet, plan: SheetPlan, kinds: list[str], opts: Options) -> SheetPlan | None:
    """A table of another kind under the sheet's first (a directorate's ``Ref | Project | Lead | Due | Q2 | Q3`` under its
    ``Ref | KPI | Good is | Target | Q2 | Q3``): its plan, read from its own header down; or None."""
    spec = get_kind(plan.kind)
    # the references' column, else (a dashboard's KPIs with no references) the names': another table's header row is
    # words there too ('Project' under 'Measure')
    id_col = plan.cmap.fields.get(spec.id_field, plan.cmap.fields.get(spec.key_field))
    if id_col is None:
        return None
    heads = spec.headers.get(spec.id_field, ())
    rows = sheet.rows
    start = plan.cmap.header_row + 2
    # the rows whose reference cell holds words (a header's 'Ref', 'PI'), found in one pass: an item's reference ends in a
    # figure ('M00002', 'C1.1') and a section row's reference cell is its label, both few beside 20,000 items
    refs = [row[id_col] if id_col < len(row) else None for row in rows[start:]]
    candidates = [r for r, ref in enumerate(refs, start) if ref.__class__ is str and ref and not ref[-1].isdigit()]
    for r in candidates:
        row = rows[r]
        ref = row[id_col]
        if " ".join(ref.lower().replace(".", " ").split()) in heads:
            if another_header(row, plan.cmap, spec) is not False:
                continue
        else:  # 'PI | Description | Target 2024/25 | Q1 2024/25 | RAG' under 'Ref | Commitment | ...': a row of short
            # words only, under a blank row or a label, is another table's header however it names its references
            filled = [v for v in row if not _blank(v)]
            above = [v for v in rows[r - 1] if not _blank(v)]
            if len(filled) < 3 or len(above) > 1 or not all(isinstance(v, str) and len(v) <= 40 for v in filled):
                continue
        fitting = []
        for kind in kinds:
            other = get_kind(kind)
            # a second scorecard under the first (a dashboard's repairs under its compliance) is measures too; another kind's
            # lists of the same kind stay set aside ('Ref | Emerging risk | Description' under a register)
            if kind == plan.kind and kind != "measures" or other.key_field is None:
                continue
            cmap, _ = header_in(sheet, other, opts.columns_for(kind, sheet.name), r + 1,
                                other.status_scale(opts) if other.status_scale else opts.scale)
            # its items named, and known by a reference, or by a status or due date of their own ('Project | Milestone |
            # Due | Status' under a dashboard's KPIs, with no references)
            if cmap is not None and other.key_field in cmap.fields and (
                    other.id_field in cmap.fields or {"status", "due_date"} & set(cmap.fields) and kind != plan.kind):
                fitting.append((cmap.score, -len(fitting), kind, cmap))
        if fitting:  # the kind whose header fits best ('PI | Value | Target | Status': measures, though a milestone's fits too)
            _, _, kind, cmap = max(fitting)
            if any(again > r and " ".join(rows[again][id_col].lower().replace(".", " ").split()) in heads
                   and another_header(rows[again], plan.cmap, spec) for again in candidates):
                return None  # blocks of the two tables in turn (a priority's milestones, then its KPIs): read as before
            said = ", ".join(repr(_text(v)) for v in row if not _blank(v))
            note = (f"a second table under the first, its header at row {r + 1} ({said}): read as {kind}, the rows above "
                    f"it as {plan.kind}")
            return SheetPlan(sheet.name, kind, cmap, note, problems=((sheet.name, "", note, "info"),), below=True)
    return None


def _same_kind_as_twins(book: Workbook, plans: list[SheetPlan], opts: Options) -> None:
    """A sheet nothing told apart (milestones or actions, its header fitting both equally) whose header row is, word for
    word, that of another tab decided by its evidence (the quarter before's, its progress filled in): read as that tab's
    kind, so one workbook's quarter tabs are never read as two kinds."""
    def words(plan):
        return tuple(" ".join(str(h).lower().split()) for _, h in sorted(plan.cmap.headers.items()))

    tied = [p for p in plans if p.kind in ("milestones", "actions") and p.cmap is not None and p.sheet is None
            and re.match(r"(?:milestones|actions) or (?:milestones|actions)\?", p.note) and opts.config.sheet(p.name).kind is None]
    if not tied:
        return
    decided = {}
    for p in plans:
        if p.kind in ("milestones", "actions") and p.cmap is not None and p not in tied and not p.note.startswith("a second table"):
            decided.setdefault(words(p), p)
    for plan in tied:
        twin = decided.get(words(plan))
        if twin is None or twin.kind == plan.kind:
            continue
        spec = get_kind(twin.kind)
        cmap, _ = header_in(book.sheet(plan.name), spec, opts.columns_for(twin.kind, plan.name), plan.cmap.header_row + 1,
                            spec.status_scale(opts) if spec.status_scale else opts.scale)
        if cmap is None:
            continue
        was, plan.kind, plan.cmap = plan.kind, twin.kind, cmap
        plan.note = f"read as {twin.kind}, as sheet {twin.name!r} with the same header is ({twin.note.split(':', 1)[-1].strip()})"
        for other in plans:  # a second table's note names what the rows above it are read as
            if other.name == plan.name and other is not plan and other.note.endswith(f"the rows above it as {was}"):
                other.note = other.note[: -len(was)] + twin.kind
                other.problems = tuple((w, v, other.note if m.startswith("a second table") else m, sv) for w, v, m, sv in other.problems)
        plan.problems = tuple(p for p in plan.problems if not re.match(r"(?:milestones|actions) or", p[2])) + (
            (plan.name, "", plan.note, "info"),)


def _same_header_as_read(book: Workbook, plans: list[SheetPlan], opts: Options) -> None:
    """A sheet no header was found on whose header row is, word for word and in the same row, that of a sheet read (the
    next quarter's tab copied from this one's with its statuses cleared, so that nothing shows what an ambiguous column
    holds): read with that sheet's columns, so that an empty template is said to be one rather than warned of."""
    read = [p for p in plans if p.kind is not None and p.cmap is not None and p.sheet is None and not p.skip]
    if not read:
        return
    for plan in plans:
        if plan.kind is not None or plan.severity != "warning" or opts.config.sheet(plan.name).kind is not None:
            continue
        rows = book.sheet(plan.name).rows
        for other in read:
            cmap = other.cmap
            if cmap.header_row >= len(rows) or len(cmap.headers) < 3:
                continue
            row = rows[cmap.header_row]
            if all(c < len(row) and isinstance(row[c], str) and " ".join(row[c].split()) == " ".join(h.split())
                   for c, h in cmap.headers.items()):
                plan.kind, plan.cmap = other.kind, copy.deepcopy(cmap)
                plan.note, plan.severity = (f"read with the columns of sheet {other.name!r}, whose header row it repeats", "info")
                break


_ARCHIVE_NAME = re.compile(r"(?i)\b(?:complete[ds]?|closed|archived?|done|finished|implemented)\b")
_DONE_ON = re.compile(r"(?i)^\s*(?:(?:actual\s+)?(?:date\s+)?(?:completed|closed|complete|done|implemented)(?:\s+(?:date|on))?|"
                      r"(?:actual\s+)?(?:completion|closure)\s+date|date\s+of\s+(?:completion|closure))\s*:?\s*$")


_REF_HEAD = re.compile(r"(?i)^\s*(?:risk\s+)?(?:ref(?:erence)?\.?|id|no\.?|number)\s*$")
# The header of the day an item closed: "Date closed", "Closure date", "Closed on" (a closed-risks tab's, read.kinds.risks too)
CLOSED_ON = re.compile(r"(?i)^\s*(?:date\s+(?:closed|of\s+closure|removed|archived|retired)|(?:closed|closure|removed)"
                       r"\s+(?:on|date)|closure\s+date|date\s+risk\s+closed)\s*$")


def _closed_lists(book: Workbook, plans: list[SheetPlan], opts: Options) -> None:
    """A closed-risks tab no kind reads (``Risk ref | Risk | Date closed | Reason for closure``: no scores): its
    references and the days they closed, for the register to count closed in the quarter they fall in
    (:func:`_closed_from_lists`); said as such, not warned of as an unread tracker."""
    for plan in plans:
        if plan.kind is not None or plan.severity != "warning" or not plan.note.startswith("a tab of closed items"):
            continue
        rows = book.sheet(plan.name).rows
        for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            heads = {c: v for c, v in enumerate(row) if isinstance(v, str)}
            ref = next((c for c, v in heads.items() if _REF_HEAD.match(v)), None)
            when = next((c for c, v in heads.items() if CLOSED_ON.match(v)), None)
            if ref is None or when is None:
                continue
            found = []
            for rr in range(r + 1, len(rows)):
                v = _get(rows[rr], ref)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    v = str(int(v)) if float(v).is_integer() else str(v)
                if not isinstance(v, str) or not v.strip():
                    continue
                d = _get(rows[rr], when)
                found.append((v.strip(), pd.Timestamp(d) if isinstance(d, (_dt.date, _dt.datetime)) else None, f"{plan.name}!A{rr + 1}"))
            if found:
                plan.closed = tuple(found)
                plan.severity = "info"
                plan.note = (f"a list of {len(found)} closed risk{'s' * (len(found) != 1)} (its header at row {r + 1}: "
                             f"{_text(row[ref])!r}, {_text(row[when])!r}), with no scores: read for which risks closed when")
            break


def _archives_of_read(book: Workbook, plans: list[SheetPlan], opts: Options) -> None:
    """A tab of completed actions or milestones no header was found on (``Completed``, ``Closed actions``), whose header
    repeats that of a sheet read with a completion date in place of its status, every row completed: an archive of items
    done before, said to be one (with its dates) rather than warned of as an unread tracker."""
    read = [p for p in plans if p.kind in ("actions", "milestones") and p.cmap is not None and p.sheet is None]
    for plan in plans:
        if plan.kind is not None or plan.severity != "warning" or opts.config.sheet(plan.name).kind is not None:
            continue
        rows = book.sheet(plan.name).rows
        titled = " ".join(_text(v) for row in rows[:3] for v in row if isinstance(v, str))
        if not (_ARCHIVE_NAME.search(plan.name) or _ARCHIVE_NAME.search(titled)):
            continue
        for other in read:
            theirs = {" ".join(h.lower().split()) for h in other.cmap.headers.values()}
            found = None
            for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
                heads = {c: " ".join(v.lower().split()) for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
                done = [c for c, h in heads.items() if _DONE_ON.match(h)]
                if done and len(set(heads.values()) & theirs) >= 3:
                    found = (r, done[0])
                    break
            if found is None:
                continue
            r, col = found
            body = [row for row in rows[r + 1:] if sum(not _blank(v) for v in row) >= 2]
            dates = [row[col] for row in body if col < len(row) and isinstance(row[col], (_dt.date, _dt.datetime))]
            if not body or len(dates) < len(body):
                continue
            what = "actions" if other.kind == "actions" else "milestones"
            plan.note = (f"an archive of {len(body)} completed {what} (its header at row {r + 1} repeats that of sheet {other.name!r}, "
                         f"with {_text(rows[r][col])!r} in place of a status, {min(dates):%d/%m/%Y} to {max(dates):%d/%m/%Y}): "
                         f"not counted among the {what} read; to read it, say so with [sheets.{toml_string(plan.name)}] "
                         f"kind = \"{other.kind}\"")
            plan.severity = "info"
            break


def _unread(plans: list[SheetPlan], opts: Options) -> list[tuple[str, bool]]:
    """The sheets no kind reads that may hold the workbook's status key: (name, hidden). A sheet perfkit.toml marks
    "ignore" (as `perfkit init` marks a key sheet) is not data, but its key still gives the workbook's words."""
    return [(p.name, p.hidden) for p in plans if p.kind is None]


def _note_key_sheets(book: Workbook, plans: list[SheetPlan], opts: Options) -> None:
    """A sheet holding the workbook's status key is said to be one in the inventory (read.evidence), not an unread tracker."""
    notes = key_sheet_notes(book, _unread(plans, opts), opts.scale)
    for plan in plans:
        if plan.name in notes:
            said = notes[plan.name]
            if plan.severity == "warning":  # a tracker perfkit could not read stays a warning: the key is said beside it
                plan.note = f"{plan.note}; it also holds {said}"
            else:  # a key laid out as a table keeps the line that says otherwise
                otherwise = plan.note.partition("; if it holds ")[2] if plan.note.startswith("a status key:") else ""
                plan.note = ("hidden sheet: " if plan.hidden else "") + said + (f"; if it holds {otherwise}" if otherwise else "")


def _plans_from_evidence(sheet: Sheet, fits: list) -> list[SheetPlan]:
    """The plan of a sheet some kind's header fits: the kind all it shows speaks for, or one per kind its Type column names."""
    decided = decide_kind(sheet, fits)
    said = ((sheet.name, "", decided.message, decided.severity),) if decided.message else ()
    said += side_by_side(sheet, decided.cmap)
    split = type_split(sheet, fits, decided.kind) if len(fits) > 1 else raid_split_alone(sheet, fits, decided.kind)
    if split and len(split) == 1 and split[0].skip and split[0].kind == decided.kind:
        # a risks and issues log: its risks read, its issues' rows set aside and said
        part = split[0]
        return [SheetPlan(sheet.name, part.kind, part.cmap, decided.note, decided.severity, skip=part.skip,
                          problems=said + ((sheet.name, "", part.note, "info"), *part.problems))]
    if not split or len(split) == 1:
        return [SheetPlan(sheet.name, decided.kind, decided.cmap, decided.note, decided.severity, problems=said + tuple(split[0].problems if split else ()))]
    return [SheetPlan(sheet.name, part.kind, part.cmap, part.note, skip=part.skip,
                      problems=((sheet.name, "", part.note, "info"), *part.problems)) for part in split]


def side_by_side(sheet: Sheet, cmap) -> tuple:
    """A header row that repeats itself after a gap (``Ref | Action | RAG |  | Ref | Action | RAG``): two tables side by
    side, as a sheet keeping two quarters' returns next to each other does. perfkit reads the first; a warning says so,
    naming the columns, and how to lay the sheet out so that every block is read."""
    header_row = cmap.header_row
    # the headers as read (a band over two rows gives each block its own: "Q1 Actual" and "Q2 Actual" are no repeat)
    row = [cmap.headers.get(c, "") for c in range(max(cmap.headers, default=-1) + 1)]
    runs, start = [], None
    for c in range(len(row) + 1):
        filled = c < len(row) and not _blank(row[c])
        if filled and start is None:
            start = c
        elif not filled and start is not None:
            runs.append((start, c - 1))
            start = None
    if len(runs) < 2:
        return ()
    words = [tuple(norm_word(v) for v in row[a:b + 1]) for a, b in runs]
    again = [(a, b) for (a, b), w in zip(runs[1:], words[1:]) if len(w) >= 3 and w == words[0]]
    if not again:
        return ()
    first = f"{col_letter(runs[0][0])}:{col_letter(runs[0][1])}"
    others = ", ".join(f"{col_letter(a)}:{col_letter(b)}" for a, b in again)
    return ((cell_name(sheet.name, header_row, again[0][0]), "",
             f"the header in {first} is repeated in {others}: tables side by side (two quarters' returns next to each other), "
             f"and perfkit reads only the first ({first}); put each on a sheet of its own, its quarter in the sheet's name or "
             "title (perfkit reads one sheet per quarter as the quarters of one plan)", "warning"),)


def plan_problems(plans: list[SheetPlan], book: Workbook) -> list[Problem]:
    """The survey's word on every sheet no kind reads, as problems naming the sheet."""
    return [Problem(p.name, "", "", p.note, p.severity) for p in plans if p.kind is None]


# ---------------------------------------------------------------------------------------------- reading a kind


@without_collector  # a read's cost is its own, not that of a full pass over the caller's heap (perfkit.core.collector)
def read_kind(kind: str, path, report_only: bool, kwargs: dict, plans=None, book=None):
    """Read every sheet a kind's header fits, one frame; or its report with ``report_only``.

    Milestones whose statuses use the five-point scale's own words (``Amber/Green`` and ``Amber/Red``, or either in
    three cells or more) are read on that scale, said, where neither the call nor ``perfkit.toml`` names a scale: folded
    onto RAG, a five-point tracker's figures were not the ones its officers report.
    """
    result = _read_once(kind, path, report_only, kwargs, plans, book)
    if kind != "milestones" or kwargs.get("scale") is not None:
        return result
    problems = result if report_only else result.attrs["problems"]
    folds = [p for p in problems if p.severity == "info" and p.column == "status" and "on the RAG scale" in p.message
             and FIVE_POINT_SCALE.normalise(str(p.value)) in _BETWEEN]
    five = sorted({str(p.value) for p in folds})
    cells = sum(int(m[1]) for p in folds for m in [re.search(r"\((\d+) cells?\)", p.message)] if m)
    if len({FIVE_POINT_SCALE.normalise(w) for w in five}) < 2 and cells < 3:
        return result  # one Amber/Green in a RAG tracker: folded, as its note says
    if not five or options(path, **kwargs).config.scale is not None:
        return result
    result = _read_once(kind, path, report_only, {**kwargs, "scale": FIVE_POINT_SCALE}, plans, book)
    note = Problem(folds[0].source, "status", five[0],
                   f"statuses {' and '.join(map(repr, five))} are the five-point scale's: the milestones are read on it "
                   f"({', '.join(s for s in FIVE_POINT_SCALE.names[:5])}), not folded onto Red, Amber and Green; to fold "
                   "them, put [status] scale = \"RAG\" in perfkit.toml", "info")
    if report_only:
        result.extend([note])
    else:
        result.attrs["problems"] = [note, *result.attrs["problems"]]
    return result


# The five-point scale's statuses between RAG's: a milestones column holding them is a five-point tracker.
_BETWEEN = ("Amber/Green", "Amber/Red")


def _read_once(kind: str, path, report_only: bool, kwargs: dict, plans=None, book=None):
    """One read of a kind (:func:`_read_kind`), in a workbook opened for it where the caller gives none, whose sheets
    are let go once read (:meth:`Workbook.forget_sheets`)."""
    opts = options(path, **kwargs)
    if book is not None:  # the caller's, and its sheets with it
        return _read_kind(kind, path, report_only, opts, plans, book)
    book = open_workbook(path, opts.config)
    try:
        return _read_kind(kind, path, report_only, opts, plans, book)
    finally:
        book.forget_sheets()


def _read_kind(kind: str, path, report_only: bool, opts: Options, plans, book: Workbook):
    spec = get_kind(kind)
    plans = plans if plans is not None else survey(book, opts)
    mine = [p for p in plans if p.kind == kind]
    if not mine:
        closest = None
        for p in plans:
            if p.hidden or p.note.startswith("ignored") or p.note.startswith("only sheet"):
                continue
            _, near = header_in(book.sheet(p.name), spec, opts.columns_for(kind, p.name), opts.header_row_for(p.name), opts.scale)
            if near is not None and (closest is None or near.score > closest[1].score):
                closest = (p.name, near)
        refusal = no_table_error(book, spec, [p.name for p in plans if not p.hidden], closest)
        if closest is not None:
            refusal.hint = kind_advice(book, closest[0], kind, opts) + "\n" + refusal.hint
        raise refusal
    builder = spec.build
    report = Report()
    unread: list[SheetEntry] = []
    reads: list[SheetRead] = []
    generated = 0
    for plan in mine:
        if plan.cmap is None:
            report.add(plan.name, "", "", plan.note, "error")
            unread.append(SheetEntry(plan.name, kind, 0, [], "errors", plan.note))
            continue
        sheet = plan.sheet or book.sheet(plan.name)
        table = make_table(book, sheet, plan.cmap, spec)
        if plan.sheet is not None and plan.note:
            table.report.add(plan.name, "", "", plan.note, plan.severity)
        year, source = opts.year_for(plan.name)
        resolve_year(table, year, source)
        fill_merged(table)
        _read_evidence(table, plan, spec.status_scale(opts) if spec.status_scale else opts.scale, workbook_key(book, _unread(plans, opts), opts.scale),
                       opts.config.status_words)
        if opts.config.sheet(plan.name).hidden_rows == "leave out":
            _leave_out_hidden_rows(table, opts.config.where)
        report_reclassified(table)
        other_kinds_quarters(table, {})  # a Type column's other kind's quarters, before the sheet's own period is asked
        figures_columns_as_read(table)
        account_for_columns(table)
        period = period_for_sheet(table, opts.period, opts.config.sheet(plan.name).period, len(mine) > 1)  # a tab's own quarter
        sheet_opts = replace(opts, period=period) if period != opts.period else opts
        check_sheet_period(table, sheet_opts)
        try:
            rows_of_their_own_periods(table, sheet_opts.period)
            resolve_previous(table, sheet_opts.period)
            frame = builder(table, sheet_opts, generated)
            add_groupings(table, frame)
            add_comparators(table, frame)
            if table.own_periods and "source" in frame and len(frame):
                _date_own_periods(table, frame)
            elif table.month_figures and "period" in frame and len(frame):
                # an integrated performance report's one month ('Sep-25') standing for its quarter: the month, beside each figure
                latest = frame["period"].max()
                if latest in table.month_figures:
                    frame["figure_period"] = np.where((frame["period"] == latest).to_numpy(), table.month_figures[latest], "")
        except LayoutError as exc:
            if isinstance(sheet, TransposedSheet):
                if _CHART_DATA.search(plan.name) and len(mine) > 1 and _MONTHLY_REFUSAL.search(str(exc)):
                    # "Chart data (monthly) – do not edit": the months a chart draws, beside the sheet of quarters read
                    note = (f"a chart's data, month by month ({sheet.name!r}: its measures across row {sheet.names_row + 1}, "
                            "months down the rows): perfkit reads the quarters from the workbook's other sheets and does not "
                            "fold months into them, so it is not read")
                    report.add(plan.name, "", "", note, "info")
                    unread.append(SheetEntry(plan.name, kind, 0, [], "not read", note))
                    continue
                exc = transposed_refusal(exc, sheet)
            if len(mine) == 1 and not (report_only and sum(p.kind is not None for p in plans) > 1):
                raise exc from None
            # validating a workbook of several sheets: this one's refusal is one of the report's errors, the others still read
            report.add(plan.name, "", "", str(exc).replace("\n", " "), "error")
            unread.append(SheetEntry(plan.name, kind, 0, [], "errors", str(exc).splitlines()[0]))
            continue
        missing = [c for c in (spec.id_field, "period", "source") if c not in frame]
        if missing:  # a builder's mistake, not the workbook's
            raise ValueError(f"the {kind} builder returned no {', '.join(map(repr, missing))} column: every kind's frame "
                             "has its reference, its period and the cell each row came from")
        generated += len(frame.attrs.get("generated_ids", ()))
        # which rows' references perfkit made up, kept by row: prefixes and renumbering below change the references
        made = set(map(str, frame.attrs.get("generated_ids", ()))) | set(table.generated)
        frame.attrs["generated_rows"] = tuple(np.flatnonzero(frame[spec.id_field].astype(str).isin(made).to_numpy()).tolist())
        prefix_references(frame, spec.id_field, opts.config.sheet(plan.name).prefix)
        report_error_cells(table)
        report_hidden_rows(table)
        clean_control_characters(table, frame)
        frame.attrs["sheet"] = plan.name
        frame.attrs["sections"] = tuple((h.text, h.count) for h in table.headings if h.count)
        reads.append(SheetRead(plan.name, table, frame))
    report_unmatched_mappings(kind, opts, plans, book, report)
    reads, set_aside = arrange(reads, spec, report)  # templates, summaries and directorates (workbook_layouts)
    unread += [SheetEntry(name, None, 0, [], "not read", note) for name, note in set_aside]
    frames = [r.frame for r in reads]
    report_unknown_references(kind, opts, frames, report)
    frame = _concat(frames, spec, report, {r.name: r.table.cmap for r in reads}, opts) if frames else None
    if frame is not None and len(frames) > 1 and spec.across is not None:
        spec.across(frame, frames, report)  # what one tab settles for another
    if frame is None:
        if report.errors and not report_only:
            raise ValidationError(Path(path).name, list(report))
        if report_only:
            report.inventory = unread
            return report
        raise no_table_error(book, spec, [p.name for p in plans], None)
    academic = [(r.table, pc) for r in reads for pc in r.table.cmap.period_columns if ACADEMIC_YEAR.search(pc.header)]
    if academic:
        # '2023/24 academic': a school year's results, September to August, labelled as its year; the briefing says so
        frame.attrs["academic_years"] = True
        table, pc = academic[0]
        report.add(table.cell(table.cmap.header_row, pc.col), pc.field, pc.header,
                   f"column {pc.header!r} and those like it are academic years (September to August): each read as its year's "
                   f"figures, labelled as the year ({pc.token}); the briefing says they are academic years", "info")
    inventory = [_entry(next(p for p in mine if p.name == r.name), r.frame, r.table.half_years) for r in reads]
    if report.errors:
        failing = {p.source.split("!")[0] for p in report.errors}
        inventory = [SheetEntry(e.sheet, e.kind, 0, [], "errors") if e.sheet in failing else e for e in inventory]
    inventory += unread
    report.inventory = inventory
    if report_only:
        report.items = {kind: int(frame[spec.id_field].nunique())}  # an item on several tabs (one per quarter) counts once
        return report
    if report.errors:
        raise ValidationError(Path(path).name, list(report))
    if spec.combine is not None:  # what a kind keeps of each sheet's frame (each risk register's own matrix)
        spec.combine(frame, frames, report)
    if kind == "risks":
        _closed_from_lists(frame, plans, report)
        frame = _without_opportunities(frame, report)
    if kind == "actions":  # "Rec" 1, 2, 3 beside a sheet of the recommendations themselves: the groups named by them
        numbered_groups_named(book, [name for name, hidden in _unread(plans, opts) if not hidden], frame, report)
    frame.attrs["problems"] = list(report)
    # the references perfkit made up for rows with none: for the officer's checks, never the committee's page
    frame.attrs["generated_ids"] = sorted({str(i) for f in frames for i in f[spec.id_field].iloc[list(f.attrs.get("generated_rows", ()))]})
    frame.attrs["workbook"] = Path(path).name
    frame.attrs["sheet"] = ", ".join(f.attrs["sheet"] for f in frames)
    frame.attrs["inventory"] = inventory
    headers: dict[str, str] = {}  # the workbook's own header for each field read ("service" -> directorate), for --by
    for r in reads:
        for fld, col in r.table.cmap.fields.items():
            headers.setdefault(" ".join(str(r.table.cmap.headers.get(col, "")).lower().split()), fld)
    frame.attrs["headers"] = headers
    # the day within a quarter a sheet's title dates ("Last updated 06/01/2025"): overdue is judged then, not at the quarter's end
    as_at = {period_label(r.table.as_at[0]): r.table.as_at[1].isoformat() for r in reads if r.table.as_at is not None}
    if as_at:
        frame.attrs["as_at"] = as_at
    compared = list(dict.fromkeys(h for r in reads for h in r.table.comparators.values() if h in frame))
    judged = {area: h for f in frames for area, h in f.attrs.get("comparator_words", {}).items() if h in frame}
    compared += [area for area in judged if area not in compared]
    if compared:  # another area's figures beside the measures' own ('England 2023-24'), for the brief's comparison
        frame.attrs["comparators"] = compared
    if judged:  # the sheet's own judgements against them ('Compared with England': Worse, Similar)
        frame.attrs["comparator_words"] = judged
    halves = sorted({period_label(p) for r in reads for p in r.table.half_years})
    if halves:  # milestones rated for a half-year ('H1 2024/25 RAG'): the briefing speaks of the half-year, not its last quarter
        frame.attrs["half_years"] = halves
    # the plan the sheets' titles name ("Police and Crime Plan 2021-25: delivery update"), for the briefing's subtitle
    titles = [v for r in reads for row in r.table.sheet.rows[:max(0, r.table.cmap.header_row - r.table.cmap.header_rows + 1)]
              for v in row if isinstance(v, str)]
    if (name := plan_named(titles)) is not None:
        frame.attrs["plan_name"] = name
    return frame


_OPPORTUNITY = frozenset({"opportunity", "opportunities", "opp", "opportunity risk", "positive risk", "upside"})


_OPPORTUNITY_TITLE = re.compile(r"(?i)^\s*(?:opportunity|opportunities|opp)\s*[:\-–—]")


def _without_opportunities(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """A register of risks and opportunities (``Type``: Risk / Opportunity, read as the category): the opportunities are
    not risks (a score rising is good news), so they are left out of the risks' figures, named in a note."""
    if not len(frame) or "category" not in frame and "title" not in frame:
        return frame
    gone = frame["category"].astype(str).str.strip().str.lower().isin(_OPPORTUNITY).to_numpy(copy=True) if "category" in frame \
        else np.zeros(len(frame), dtype=bool)
    if "title" in frame:  # "Opportunity: Devolution deal brings new funding" under a 'Risk / opportunity' column
        gone |= frame["title"].astype(str).str.match(_OPPORTUNITY_TITLE).to_numpy()
    if not gone.any() or gone.all():
        return frame
    ids = list(dict.fromkeys(frame.loc[gone, "risk_id"].astype(str)))
    where = str(frame.loc[gone, "source"].iloc[0]) if "source" in frame else ""
    report.add(where, "category", "Opportunity", f"{len(ids)} opportunit{'y' if len(ids) == 1 else 'ies'} on the register "
               f"({', '.join(ids[:8])}{', ...' if len(ids) > 8 else ''}): not risks (a rising score is good news), so left out of "
               "the risks' figures and the briefing's risk section", "info")
    out = frame[~gone].reset_index(drop=True)
    out.attrs = {**frame.attrs, "opportunities": ids}
    return out


def _closed_from_lists(frame: pd.DataFrame, plans: list[SheetPlan], report: Report) -> None:
    """The risks a closed-risks list (:func:`_closed_lists`) closed within the register's latest quarter, no row of the
    register holding them: closed at that assessment (``attrs["closed_now"]``), said; those closed before it, or on no
    day given, said and not counted."""
    listed = [c for p in plans for c in p.closed]
    if not listed or not len(frame):
        return
    p = frame["period"].max()
    held = set(frame["risk_id"].astype(str))
    now = [ref for ref, day, _ in listed if ref not in held and day is not None and p.start_time <= day <= p.end_time]
    other = [(ref, day) for ref, day, _ in listed if ref not in held and ref not in now]
    if now:
        closed = dict(frame.attrs.get("closed_now") or {})
        closed[str(p)] = list(dict.fromkeys([*closed.get(str(p), []), *now]))
        frame.attrs["closed_now"] = closed
        report.add(listed[0][2].split("!")[0], "risk_id", ", ".join(now), f"{', '.join(now)}: closed in {period_label(p)}, by the "
                   "list of closed risks: counted as closed since the last assessment", "info")
    if other:
        shown = ", ".join(f"{ref} ({day:%d/%m/%Y})" if day is not None else f"{ref} (no date)" for ref, day in other[:6])
        report.add(listed[0][2].split("!")[0], "risk_id", "", f"closed risks not in {period_label(p)}: {shown}: not counted as "
                   "closed since the last assessment", "info")
    frame.attrs["problems"] = list(report)


def report_unmatched_mappings(kind: str, opts: Options, plans: list[SheetPlan], book: Workbook, report: Report) -> None:
    """Column mappings (``perfkit.toml``, ``--map``) that match no header, and ``[sheets."X"]`` tables naming no sheet: warnings.

    A sheet's own ``[sheets."X".columns]`` is checked against sheet X, when ``kind`` reads it; the workbook's
    ``[columns]`` and ``--map`` against every sheet, once (in the first kind the survey found), as are the sheets'
    names. Each warning names the mapping and the nearest headers (or sheets), so a typing slip is not silently ignored.
    """
    cfg = opts.config
    first = next((p.kind for p in plans if p.kind), None)
    cells: dict[str, list[str]] = {}

    def headers_of(name: str, everything: bool = False) -> list[str]:
        plan_heads = [h for p in plans if p.name == name and p.cmap is not None for h in p.cmap.headers.values()]
        if not everything:
            return plan_heads
        if name not in cells:  # only for a mapping that matched no header read: every cell of the rows a header may be in
            rows = book.sheet(name).rows[:HEADER_SCAN_ROWS] if name in book.sheet_names else []
            cells[name] = plan_heads + [header_text(v) for row in rows for v in row if not _blank(v) and not isinstance(v, (int, float))]
        return cells[name]

    def missed(mapping: dict, names: list[str]) -> list[str]:
        out = unmatched_mappings(mapping, [h for n in names for h in headers_of(n)])
        return unmatched_mappings({k: mapping[k] for k in out}, [h for n in names for h in headers_of(n, True)]) if out else out

    def warn(where: str, header: str, target, names: list[str], table: str) -> None:
        near = nearest_headers(header, [h for n in names for h in headers_of(n, True)])
        said = (f"the nearest {'is' if len(near) == 1 else 'are'} {', '.join(map(repr, near))}: write the header as Excel shows it, "
                f"e.g. \"{near[0]}\" = \"{target}\"") if near else "no header is near it: write the header as Excel shows it, or remove the line"
        report.add(where, "", header, f"{table} maps {header!r} to {target!r}, but no header of "
                   f"{'sheet ' + repr(names[0]) if len(names) == 1 else 'any sheet'} is {header!r}: the line is not used; {said}", "warning")

    for name, sc in cfg.sheets.items():
        if name in book.sheet_names:
            if sc.columns and any(p.name == name and p.kind == kind for p in plans):
                mapping = sc.columns.get(kind, {}) if _split_by_kind(sc.columns) else sc.columns
                for header in missed(mapping, [name]):
                    warn(name, header, mapping[header], [name], f'{cfg.where} [sheets."{name}".columns]')
        elif kind == first:
            near = difflib.get_close_matches(name, book.sheet_names, n=2, cutoff=0.5)
            report.add(cfg.where, "", name, f'[sheets."{name}"] names a sheet the workbook does not have: its '
                       f"lines are not used; {'did you mean ' + ' or '.join(map(repr, near)) + '? ' if near else ''}"
                       f"write the sheet's name as its tab shows it (the sheets are {', '.join(map(repr, book.sheet_names[:8]))})", "warning")
    names = [p.name for p in plans if not p.hidden and p.name in book.sheet_names]
    for table, mapping in ((f"{cfg.where} [columns]", cfg.columns), ("--map", opts.columns)):
        if not mapping or kind != first and not _split_by_kind(mapping):
            continue
        mapping = mapping.get(kind, {}) if _split_by_kind(mapping) else mapping
        for header in missed(mapping, names):
            warn(names[0] if len(names) == 1 else cfg.where, header, mapping[header], names, table)


def report_unknown_references(kind: str, opts: Options, frames: list[pd.DataFrame], report: Report) -> None:
    """Items ``perfkit.toml`` names by reference or name (``[measures] cumulative = ["CT1"]``) that no sheet read holds:
    a warning for each, naming the setting, so that a typing slip is never ignored without a word.

    Examples
    --------
    >>> cfg = Config(references={"measures": {"[measures] cumulative": ("K99",)}})
    >>> report = Report()
    >>> report_unknown_references("measures", Options(None, cfg, None), [pd.DataFrame({"measure_id": ["K9"], "name": ["Calls"]})], report)
    >>> print(report.warnings[0].message)  # doctest: +ELLIPSIS
    [measures] cumulative names 'K99', which is no measure's reference or name in the workbook: the line is not used; did you mean 'K9'? ...
    """
    named = opts.config.references.get(kind) or {}
    if not named or not frames:
        return
    spec = get_kind(kind)
    have: set[str] = set()
    on_sheets: dict[str, set] = {}  # each reference as read -> the sheets giving it ("Place 3" names Place's 3: own_key)
    typed: dict[str, list] = {}  # a reference as typed on its tab -> the references read for it ("3" -> "Place 3", "People 3")
    for frame in frames:
        for col in dict.fromkeys((spec.id_field, "name", "title")):
            if col in frame:
                have.update(str(v) for v in frame[col].dropna().unique())
        if spec.id_field in frame and "source" in frame:
            for ident, src in dict.fromkeys(zip(frame[spec.id_field].astype(str), frame["source"].astype(str))):
                on_sheets.setdefault(ident, set()).add(src.rsplit("!", 1)[0].strip("'"))
        if spec.id_field in frame and "directorate" in frame:
            for d, ident in dict.fromkeys(zip(frame["directorate"].astype(str), frame[spec.id_field].astype(str))):
                if d and ident.startswith(d + " "):
                    typed.setdefault(ident[len(d) + 1:], []).append(ident)
    for setting, items in named.items():
        for item in items:
            if item in have or any(own_key({item: 0}, ident, None, sheet) for ident, sheets in on_sheets.items() for sheet in sheets):
                continue
            if item in typed:  # a reference two directorates' tabs both use: the line applies to each, said
                read_as = typed[item]
                report.add(opts.config.where, "", item, f"{setting} names {item!r}, which {len(read_as)} directorates' tabs use, "
                           f"read as {' and '.join(map(repr, read_as[:4]))}{' ...' if len(read_as) > 4 else ''}: the line applies to "
                           f"each; to name one, write it as perfkit reads it (e.g. {read_as[0]!r})", "info")
                continue
            near = difflib.get_close_matches(item, sorted(have), n=2, cutoff=0.6)
            guess = f"did you mean {' or '.join(map(repr, near))}? " if near else ""
            report.add(opts.config.where, "", item, f"{setting} names {item!r}, which is no {spec.noun}'s reference or name in the "
                       f"workbook: the line is not used; {guess}write it as the workbook has it, or remove it from {opts.config.where}",
                       "warning")


def _leave_out_hidden_rows(table: Table, where: str) -> None:
    """``hidden_rows = "leave out"`` for a sheet: the rows Excel hides under its header are not items, said naming them."""
    book = table.sheet.book
    hidden = sorted(r for r in (book.hidden_rows(table.sheet.name) if book is not None else ()) if r > table.cmap.header_row)
    if not hidden:
        return
    table.skip = table.skip | frozenset(hidden)
    shown = ", ".join(str(r + 1) for r in hidden[:10]) + (", ..." if len(hidden) > 10 else "")
    table.report.add(table.sheet.name, "", "", f"row{'s' * (len(hidden) != 1)} {shown} hidden in Excel: left out, as {where} "
                     "says (hidden_rows = \"leave out\")", "info")


def _read_evidence(table: Table, plan: SheetPlan, scale: StatusScale, book_key=None, configured=()) -> None:
    """What the survey decided, said; the rows another kind reads left out; and the table's status key, learnt,
    with the workbook's own key (on a cover, key or lookup sheet) behind it."""
    for where, value, message, severity in plan.problems:
        table.report.add(where, "", value, message, severity)
    key = find_key(table, scale) if table.spec.status_field else None
    if key is not None:
        report_key(table, key, configured)
    table.skip = table.skip | plan.skip | (frozenset(key.rows) if key is not None else frozenset())  # kept: an item's run-on rows
    if not plan.below and plan.sheet is None:
        table_above(table)  # a table above that no plan reads: a warning naming its rows
    table.key = with_workbook_key(key, book_key, configured) if table.spec.status_field else key
    table.said_words = frozenset(" ".join(str(w).lower().split()) for w in configured)
    report_workbook_key(table, table.key)


def add_comparators(table: Table, frame: pd.DataFrame) -> None:
    """Each measure's latest row takes the figure of each comparator column :func:`~perfkit.read.layout.account_for_columns`
    found (``England 2023-24``), under the header as written; NaN on earlier rows, and where the cell holds no number."""
    if not (table.comparators or table.comparator_words) or "source" not in frame or not len(frame) or "period" not in frame:
        return
    rows = _source_rows(frame)
    latest = (frame["period"] == frame["period"].max()).to_numpy()
    taken = {str(c).lower() for c in frame.columns}
    judged: dict[str, str] = {}
    for col, area in table.comparator_words.items():
        # the sheet's own judgement against an area, under the header as written, beside that area's figures where the
        # sheet gives them ('England' beside 'Compared with England'): -> better, worse, same, higher, lower or None
        header = table.cmap.headers[col]
        if header.lower() in taken:
            continue
        frame[header] = [judgement(_get(table.sheet.rows[int(r)], col)) if ok and r == r and r < len(table.sheet.rows) else None
                         for r, ok in zip(rows, latest)]
        taken.add(header.lower())
        low = area.lower()
        figures = next((h for h in table.comparators.values() if h.lower().startswith(low) or low.startswith(h.lower())), None)
        judged[figures or area] = header
    if judged:
        frame.attrs["comparator_words"] = {**frame.attrs.get("comparator_words", {}), **judged}
    for col, header in table.comparators.items():
        if header.lower() in taken:
            continue
        frame[header] = [parse_number(_get(table.sheet.rows[int(r)], col)).value if ok and r == r and r < len(table.sheet.rows)
                         else np.nan for r, ok in zip(rows, latest)]
        frame[header] = frame[header].astype(float)
        used = sorted({int(r) for r, ok in zip(rows, latest) if ok and r == r})
        shown = table.sheet.percent_cells(used, [col]) if used else set()
        if shown:  # 0.891 shown as 89.1%: a percentage, as the measure's own figures beside it are read
            scale = np.array([100.0 if ok and r == r and (int(r), col) in shown else 1.0 for r, ok in zip(rows, latest)])
            frame[header] = frame[header].to_numpy(dtype=float) * scale
        taken.add(header.lower())


def add_groupings(table: Table, frame: pd.DataFrame) -> None:
    """Each row of ``frame`` takes its item's group from every column :func:`~perfkit.read.layout.grouping_columns` finds, under the header
    as written (``Workstream``), where the frame has no column of that name; the row is the one its ``source`` cell names.
    The columns are those :func:`~perfkit.read.layout.account_for_columns` found and said."""
    groups = table.groups
    if not groups or "source" not in frame or not len(frame):
        return
    taken = {str(c).lower() for c in frame.columns}
    rows = _source_rows(frame)
    for col, _ in groups.items():
        header = table.cmap.headers[col]
        if header.lower() in taken:
            continue
        by_row = {r: _text(_get(table.sheet.rows[r], col)) for r in set(rows[~np.isnan(rows)].astype(int)) if r < len(table.sheet.rows)}
        frame[header] = [by_row.get(int(r), "") if r == r else "" for r in rows]
        taken.add(header.lower())


def _source_rows(frame: pd.DataFrame) -> np.ndarray:
    """The sheet row (0-based, as a float: NaN where none) each frame row came from, by its ``source`` cell."""
    return frame["source"].astype(str).str.extract(r"(\d+)$", expand=False).astype(float).to_numpy() - 1


def _date_own_periods(table: Table, frame: pd.DataFrame) -> None:
    """``figure_period``: the period each latest figure is of (``2021-23``, ``12 months to Jun-24``), where a scorecard of
    latest available figures gives one other than the quarter it reports; blank elsewhere."""
    rows = _source_rows(frame)
    latest = (frame["period"] == frame["period"].max()).to_numpy()
    frame["figure_period"] = [table.own_periods.get(int(r), "") if ok and r == r else "" for r, ok in zip(rows, latest)]


def _entry(plan: SheetPlan, frame: pd.DataFrame, half_years=frozenset()) -> SheetEntry:
    spec = get_kind(plan.kind)
    periods = sorted(frame["period"].dropna().unique()) if "period" in frame and len(frame) else []
    # A half-yearly frame (an action plan monitored six-monthly, milestones rated in 'H1 2024/25 RAG' columns) names its
    # periods as half-years.
    half = (periods and set(periods) <= half_years) or ("cadence" in frame and len(frame) and (frame["cadence"] == "half").all())
    how = "half" if half else "quarter"
    if "span" in frame and len(frame) and frame["span"].astype(str).isin(["year", "half"]).all():
        # a service plan's outturns ("2021/22 to 2023/24"), or a half-yearly report's halves: never "2023/24 Q4"
        how = "year" if frame["span"].astype(str).eq("year").all() else "half" if frame["span"].astype(str).eq("half").all() else how
    return SheetEntry(plan.name, plan.kind, int(frame[spec.id_field].nunique()) if len(frame) else 0, [period_label(p, how) for p in periods], "read",
                      plan.note, plan.severity, sections=frame.attrs.get("sections", ()))


def _concat(frames: list[pd.DataFrame], spec: KindSpec, report: Report, cmaps: dict, opts: Options) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0]
    cols = list(dict.fromkeys(c for f in frames for c in f.columns))
    parts = []
    for f in frames:
        f = f.copy()
        for c in cols:
            if c not in f:
                f[c] = ""
        parts.append(f[cols])
    out = pd.concat(parts, ignore_index=True)
    for c in cols:
        dtypes = {str(f[c].dtype) for f in frames if c in f}
        first = frames[0][c] if c in frames[0] else None
        if first is not None and isinstance(first.dtype, pd.CategoricalDtype) and len(dtypes) == 1:
            out[c] = pd.Categorical(out[c], dtype=_joined_categories([f[c].dtype for f in frames if c in f]))
    report_clashes(out, [spec.id_field, "period", *[c for c in ("span", "area") if c in out]], spec, report,
                   lambda ident, period, sheets, srcs: _clash(spec, ident, period, sheets, srcs, cmaps, opts))
    return out


def _joined_categories(dtypes: list) -> pd.CategoricalDtype:
    """The categories of several sheets' columns as one, in order: a 3x3 register's Low, Medium, High and a 5x5 one's
    Low ... Very high give Low, Medium, High, Very high (cast to the first sheet's, the second's Very high was lost)."""
    names = list(dtypes[0].categories)
    for d in dtypes[1:]:
        for i, cat in enumerate(d.categories):
            if cat not in names:
                before = next((names.index(x) for x in reversed(list(d.categories[:i])) if x in names), -1)
                names.insert(before + 1, cat)
    return pd.CategoricalDtype(names, ordered=dtypes[0].ordered)


def reference_cell(source: str, cmap, spec: KindSpec) -> str:
    """The cell of a row's reference (``People!A7``) from the row's source cell (``People!F7``), where the sheet has a reference column."""
    sheet, _, cell = source.rpartition("!")
    m = re.fullmatch(r"[A-Z]+(\d+)", cell)
    col = cmap.fields.get(spec.id_field) if cmap is not None else None
    if m is None or col is None:
        return source
    return f"{sheet}!{col_letter(col)}{m[1]}"


def sheet_quarter(name: str, year) -> str | None:
    """The quarter a sheet's name gives (``Q1 2024-25``, ``Q3``with the year known), as a label, or None."""
    low = name.lower()
    m = re.search(r"(?:q|qtr|quarter)\s*[1-4]\s*,?\s*(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}|(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\s*,?\s*(?:q|qtr|quarter)\s*[1-4]", low)
    try:
        if m:
            return parse_span(m.group(0)).label
        m = re.search(r"(?:q|qtr|quarter)\s*([1-4])\b", low)
        if m and year:
            return resolve_token(f"q{m[1]}", year).label
    except PeriodError:
        return None
    return None


def clash_message(spec: KindSpec, ident, period, sheets: list[str], cells: list[str], opts: Options, wide: bool = False) -> str:
    """Why one reference on two sheets for one period is refused, and the perfkit.toml lines that settle it.

    Sheets of one status column each may be different quarters (``[sheets."Q1"] period = ...``); sheets of quarter
    columns (``wide``) are different services' items, told apart by a ``prefix``.
    """
    label = period_label(period) if isinstance(period, pd.Period) else "the same period"
    where = " and ".join(f"{s!r} ({c})" for s, c in zip(sheets, cells))
    year = period.qyear if isinstance(period, pd.Period) else None
    quarters = {s: sheet_quarter(s, year) for s in sheets}
    later = sheets[1:]
    file = opts.config.path.name if opts.config.path is not None else "perfkit.toml"
    if not wide and all(quarters.values()) and len(set(quarters.values())) == len(sheets):
        why = ("--period gave every sheet the same quarter" if opts.period else "their titles name the same quarter")
        fix = (f"the sheets' names give different quarters ({why}), so say which quarter each reports in {file}: "
               + "; ".join(f'[sheets."{s}"] period = "{quarters[s]}"' for s in sheets))
    else:
        nxt = period_label(period + 1) if isinstance(period, pd.Period) else "2024/25 Q3"
        fix = ("" if wide else f"if each sheet reports a different quarter, say which under each sheet in {file}, e.g. "
               f'[sheets."{later[0]}"] period = "{nxt}"; ')
        fix += (("if" if wide else "if instead") + " they are different services' items, give the later sheet's references a "
                f"prefix in {file}: "
               + "; ".join(f'[sheets."{s}"] prefix = "{_prefix_for(s)}"' for s in later)
               + f"; or read one sheet at a time with --sheet {later[0]!r}")
        if wide and all(quarters.values()):  # each tab a quarter's copy of the same tracker: the latest holds them all
            fix += ("; if each sheet is a quarter's copy of the same tracker, read the latest only: "
                    + "; ".join(f'[sheets."{s}"] kind = "ignore"' for s in sheets[:-1]))
    return f"{spec.noun} {ident!r} for {label} is on sheets {where}: perfkit cannot tell them apart; {fix}"


def _clash(spec: KindSpec, ident, period, sheets: list[str], srcs: list[str], cmaps: dict, opts: Options) -> tuple[str, str]:
    """Where and how to say one reference is on two sheets for one period: at the later reference's cell."""
    cells = [reference_cell(src, cmaps.get(src.split("!")[0]), spec) for src in srcs]
    wide = any(cmaps[s].period_columns for s in sheets if s in cmaps)  # a sheet of quarter columns: no one quarter to give it
    return cells[1], clash_message(spec, ident, period, sheets, cells, opts, wide)


def _prefix_for(sheet: str) -> str:
    """A short prefix for a sheet's references: its initials, or its first letters."""
    words = re.findall(r"[A-Za-z0-9]+", sheet)
    short = "".join(w[0] for w in words).upper() if len(words) > 1 else (words[0][:3].upper() if words else "S")
    return f"{short}-"


# ---------------------------------------------------------------------------------------------- values


_END_OF = re.compile(r"(?i)^(?:by\s+)?(?:the\s+)?end(?:\s+of)?\s+(?=[a-z])")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
# A quarter or a month with no year ("end of Q3", "Quarter 2", "end of March"): read in the sheet's year (due_dates)
# ("Sept mtg", "October meeting", "Nov Council": the month's meeting, due by the month's end)
_NO_YEAR = re.compile(rf"(?i)^(?:by\s+)?(?:the\s+)?(?:end(?:\s+of)?\s+)?(?:(?:q|qtr|quarter)\s*(?P<q>[1-4])|(?P<m>{_MONTH_WORD})"
                      r"(?:\.?\s+(?:mtg|mtng|meeting|council|committee|full\s+council)(?:\s+meeting)?)?)\.?$")
_ORDINAL_DAY = re.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\b)?")
_WEEKDAY = re.compile(r"(?i)^(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+(?=\d)")
# A day of a month ("15 July"): whatever else the cell says, it names a day, never a quarter or a year
_DAY_AND_MONTH = re.compile(rf"(?i)(?<![\d/.-])\d{{1,2}}\s+{_MONTH_WORD}\b|\b{_MONTH_WORD}\s+\d{{1,2}}(?![\d/])(?:\s|,|$)")


# "Slightly above target", "Just over target": a status whose good or bad is the measure's polarity, told by its fill
# ("Above target" for a waiting time, red; "Below target" a key's amber: a word against target, whose colour its fill gives)
_SLIGHTLY_OVER = re.compile(r"(?i)^\s*(?:(?:slightly|just|marginally|a\s+little)\s+)?(?:above|over|exceed\w*|below|under)\s+"
                            r"(?:the\s+)?target\s*$")


def parse_date(value):
    """A due date from a cell: (Timestamp | NaT, problem-kind or '').

    Examples
    --------
    >>> parse_date("31/03/2025")[0].date(), parse_date("n/a - rejected")[1], parse_date("TBC (awaiting funding)")[1]
    (datetime.date(2025, 3, 31), 'placeholder', 'placeholder')
    >>> parse_date("31.07.24")[0].date(), parse_date("End of September 2024")[0].date()
    (datetime.date(2024, 7, 31), datetime.date(2024, 9, 30))
    >>> parse_date("31st July 2024")[0].date(), parse_date("15 July 2024 (provisional)")[1]
    (datetime.date(2024, 7, 31), 'text')
    >>> parse_date("Parhaus / Ongoing")[1], parse_date("31 Mawrth 2025 / 31 March 2025")[0].date()
    ('placeholder', datetime.date(2025, 3, 31))
    """
    if isinstance(value, (_dt.datetime, _dt.date)):
        return pd.Timestamp(value), ""
    if _blank(value):
        return pd.NaT, ""
    if isinstance(value, (int, float)):
        return pd.NaT, "number"
    if isinstance(value, str) and (" / " in value or "\n" in value.strip()):
        parts = language_parts(value)
        if len(parts) == 2:  # "Parhaus / Ongoing", "31/03/2025\n31/03/2025": one date in two languages, where both agree
            readings = [parse_date(part) for part in parts]
            known = [x for x in readings if x[1] != "text"]
            if known and all(x[1] == known[0][1] and (x[0] == known[0][0] or pd.isna(x[0]) and pd.isna(known[0][0])) for x in known):
                return known[0]
    text = " ".join(str(value).split())
    low = text.lower()
    if low in _DATE_PLACEHOLDERS:
        return pd.NaT, "placeholder"
    if _DATE_RECURRING.match(low):  # "Quarterly from July 2024", "Every month": done again and again, no one date
        return pd.NaT, "placeholder"
    if low.rstrip(".!") in _DATE_URGENT or low in _DATE_URGENT:
        return pd.NaT, "urgent"
    if _DATE_MEETING.match(low) or _NEXT_COMMITTEE.match(text.strip()):
        return pd.NaT, "meeting"
    if (m := _NO_YEAR.match(low)) is not None and (m["q"] is not None or _month_number(low) is not None):
        return pd.NaT, "no year"
    head = re.split(r"\s*(?:[-–—:;(]|\s)\s*", low, maxsplit=1)[0] if re.match(r"^[a-z/]+\s*[-–—:;(]", low) else ""
    if head in _DATE_PLACEHOLDERS and head not in ("", "-"):  # "n/a - rejected", "TBC (awaiting funding)": a placeholder and why
        return pd.NaT, "placeholder"
    # "31st July 2024", "Wednesday 31 July 2024", "31 July, 2024": the day as typed, never the quarter its month falls in
    text = re.sub(r"(?i)\bsept\b", "Sep", " ".join(_WEEKDAY.sub("", _ORDINAL_DAY.sub(r"\1", text)).replace(",", " ").split()))
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d-%m-%y", "%d.%m.%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y",
                "%d %B %y", "%d %b %y"):
        try:
            return pd.Timestamp(_dt.datetime.strptime(text, fmt)), ""
        except ValueError:
            pass
    month = _END_OF.sub("", text)  # "End of September 2024", "by end Sept 2024": the month's last day
    for fmt in ("%B %Y", "%b %Y", "%b-%y", "%b-%Y", "%B-%y", "%b %y"):
        try:
            return pd.Timestamp(_dt.datetime.strptime(month, fmt)) + pd.offsets.MonthEnd(0), ""
        except ValueError:
            pass
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", text) or _DAY_AND_MONTH.search(text):
        return pd.NaT, "text"  # a day that is no date (31.02.24, 31 June 2024, 15 July 2024 (TBC)): never read as a period
    term = _SCHOOL_TERM.fullmatch(text.lower())
    if term:  # "Summer term 2025", "Autumn term 2024/25": a school's term, due by its end
        first = int(term["y"])
        year = first if term["t"] == "autumn" or term["yy"] is None else first + 1
        month = {"autumn": 12, "spring": 3, "summer": 7}[term["t"]]
        return pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0), "term"
    pooled = pooled_years(text.replace("/", "-"))
    if pooled:  # a plan's timescale: "2023-26", the three financial years to 31 March 2026 ("2024-25" is read below)
        return pd.Timestamp(pooled[1], 3, 31), "span"
    if re.fullmatch(r"20\d\d", text):  # "2024": the calendar year's last day
        return pd.Timestamp(int(text), 12, 31), "year"
    ends = re.fullmatch(r"(.+?)\s*(?:[–—]|\s-\s|\bto\b)\s*(.+)", text)
    if ends:  # "Apr 2024 – Sep 2024", "April to September 2024": due at the end of the last month
        last, problem = parse_date(ends[2])
        first = parse_date(ends[1])[0] if re.search(r"\d{4}|\d{2}$", ends[1]) else parse_date(f"{ends[1]} {ends[2][-4:]}")[0]
        if not problem and not pd.isna(last) and not pd.isna(first) and first <= last:
            return last, "span"
    try:
        span = parse_span(_END_OF.sub("", text))  # "Q3 2024/25", "end of Q3 2024/25"
        return span.end.end_time.normalize(), "span" if span.kind == "year" else ""  # "2024-25": due at its end, said
    except PeriodError:
        return pd.NaT, "text"


# A school's term and its year: "Summer term 2025", "Autumn term 2024/25", "Spring term 2025"
_SCHOOL_TERM = re.compile(r"(?:by\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?|end\s+of\s+(?:the\s+)?)?(?P<t>autumn|spring|summer)\s+term\s+"
                          r"(?P<y>20\d\d)(?:\s*[/-]\s*(?P<yy>\d{2}))?")


def _key_words(key) -> set[str]:
    """The words a table's key, or the workbook's, pairs with a meaning (folded), as tokens or as meanings."""
    out: set[str] = set()
    for k in (key, getattr(key, "book", None)):
        for token, meaning, _ in getattr(k, "pairs", None) or ():
            out.update(" ".join(str(w).split()).lower() for w in (token, meaning) if w)
        for _, token, meaning in getattr(k, "unplaced", None) or ():  # "In hand = Being worked on": explained, if unplaced
            out.update(" ".join(str(w).split()).lower() for w in (token, meaning) if w)
        out.update(" ".join(str(w).split()).lower() for w in (getattr(k, "words", None) or {}))
    return out


_COLOUR_TYPED = re.compile(r"(?i)^\s*(?:red|amber|green|blue|yellow|r|a|g|b|y|c)\b")


def _word_palette(raw: list, rated: list[int], row_idx: list[int], col: int, fills: dict) -> dict[str, str]:
    """Words (not colours or letters) every cell of which, two or more, has one fill: the workbook's colour for the word
    ('In progress' always pale yellow), no disagreement between a word and its cell. word (folded) -> the fill."""
    seen: dict[str, set] = {}
    count: dict[str, int] = {}
    for i in rated:
        v = raw[i]
        if not isinstance(v, str) or _COLOUR_TYPED.match(v):
            continue
        word = " ".join(v.split()).lower()
        seen.setdefault(word, set()).add(fills.get((row_idx[i], col)))
        count[word] = count.get(word, 0) + 1
    return {w: next(iter(f)) for w, f in seen.items() if count[w] >= 2 and len(f) == 1 and None not in f}


_BODY_HEAD = re.compile(r"(?i)^\s*(?:meeting|mtg\.?|committee|body|board|forum)\s*$")
_MEETING_HEAD = re.compile(r"(?i)^\s*(?:(?:date\s+of\s+)?(?:the\s+)?(?:meeting|mtg\.?|board|committee)(?:\s+date)?|date\s+(?:raised|agreed|set)|"
                           r"(?:fc|full\s+council)\s+(?:meeting|mtg\.?)(?:\s+date)?)\s*$")  # a clerk's 'Mtg date


def _log_meetings(table: Table, cache: dict) -> tuple[int | None, dict[int, list]]:
    """The log's meetings, found once and kept in ``cache``: the column naming each meeting's body (``Full Council``,
    ``Planning``), if any, and by column of meeting dates (``Meeting``, ``Date of meeting``, ``Mtg date``) the sorted
    (body, day) pairs its rows give. A column perfkit.toml says to ignore is still the log's own meeting dates (init asks
    of it; "ignore" is the answer)."""
    if "days" not in cache:
        rows = table.sheet.rows
        below = rows[table.cmap.header_row + 1:]
        free = set(table.cmap.unmapped) | set(table.cmap.ignored)
        body = next((c for c, h in table.cmap.headers.items() if c in free and _BODY_HEAD.match(h)
                     and sum(isinstance(row[c], str) and bool(row[c].strip()) for row in below if c < len(row))
                     > sum(isinstance(row[c], (_dt.date, _dt.datetime)) for row in below if c < len(row))), None)
        days_by: dict[int, list] = {}
        for c, h in table.cmap.headers.items():
            if c in free and _MEETING_HEAD.match(h):
                days = sorted({(_body_of(row, body), v.date() if isinstance(v, _dt.datetime) else v) for row in below
                               if c < len(row) and isinstance(v := row[c], (_dt.date, _dt.datetime))})
                if days:
                    days_by[c] = days
        cache["body"], cache["days"] = body, days_by
    return cache["body"], cache["days"]


def _body_of(row: list, body: int | None) -> str:
    """A row's meeting body ('Full Council', 'Planning'), folded; "" where the log names none: a meeting is its body's."""
    return " ".join(str(row[body]).lower().split()) if body is not None and body < len(row) else ""


def _next_meeting(table: Table, r: int, meetings: dict) -> tuple | None:
    """For a 'Next meeting' due date: (the next meeting's day, its column's header, this row's meeting day), from a column
    of meeting dates (:func:`_log_meetings`): the first later day of the same body's; None where there is none."""
    body, days_by = _log_meetings(table, meetings)
    row = table.sheet.rows[r]
    for c, days in days_by.items():
        if c >= len(row) or not isinstance(row[c], (_dt.date, _dt.datetime)):
            continue
        mine = row[c].date() if isinstance(row[c], _dt.datetime) else row[c]
        later = [d for b, d in days if d > mine and b == _body_of(row, body)]
        if later:
            return later[0], table.cmap.headers[c], mine
    return None


def _month_number(low: str) -> int | None:
    """The month a due date of one month word names (``end of march``, ``sept``), or None."""
    m = _NO_YEAR.match(low)
    if m is None or m["m"] is None:
        return None
    return token_month(m["m"])


def _meeting_in_month(table: Table, r: int, month: int, meetings: dict) -> tuple | None:
    """For ``Sept mtg`` on an action set at the meeting of 12/06/2024: (the log's meeting in that month on or after the
    action's, or that month's last day where the log lists none then, its column's header, the action's meeting day,
    whether the day is a meeting's); None where the row gives no meeting day."""
    body, days_by = _log_meetings(table, meetings)
    row = table.sheet.rows[r]
    mine_body = _body_of(row, body)
    for c, days in days_by.items():
        if c >= len(row) or not isinstance(row[c], (_dt.date, _dt.datetime)):
            continue
        mine = row[c].date() if isinstance(row[c], _dt.datetime) else row[c]
        # the same body's meeting that month: a Full Council action's 'Sept mtg' is never the Planning committee's
        then = [d for b, d in days if d >= mine and d.month == month and b == mine_body]
        if then:
            return min(then), table.cmap.headers[c], mine, True
        year = mine.year if month >= mine.month else mine.year + 1
        return (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date(), table.cmap.headers[c], mine, False
    return None


def _in_the_year(table: Table, r: int, col: int, v, meetings: dict | None = None):
    """A due date with no year (``end of Q3``, ``end of March``): the quarter's or month's last day in the sheet's
    financial year, said in a note; a clerk's ``Sept mtg`` the log's September meeting after the action's own; with no
    year known, an error giving what to type."""
    low = " ".join(str(v).split()).lower()
    m = _NO_YEAR.match(low)
    month = _month_number(low) if m["q"] is None else None
    got = _meeting_in_month(table, r, month, meetings) if month is not None and meetings is not None else None
    if got is not None:
        day, header, mine, met = got
        said = (f"the meeting in column {header!r} that month after this action's ({mine:%d/%m/%Y})" if met else
                f"the end of that month after this action's meeting ({mine:%d/%m/%Y}, column {header!r})")
        table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} read as {day:%d/%m/%Y}, {said}", "info")
        return pd.Timestamp(day)
    if table.year is None:
        table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} names no year, and the sheet gives none: "
                         "write the date (31/12/2024), or the year with it ('end of Q3 2024/25')")
        return pd.NaT
    if m["q"] is not None:
        span = resolve_token(f"q{m['q']}", table.year)
        ts = span.end.end_time.normalize()
        said = f"the last day of {span.label}"
    else:
        month = _month_number(low)
        year = table.year - 1 if month >= 4 else table.year  # the financial year April to March
        ts = pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
        said = f"the end of that month in {table.year - 1}/{table.year % 100:02d}, the sheet's year"
    table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} read as {ts:%d/%m/%Y}, {said}", "info")
    return ts


def _parsed(cache: dict, value) -> tuple:
    """``parse_date(value)``, read once per distinct hashable cell (kept in ``cache``)."""
    try:
        return cache[value]
    except KeyError:
        found = cache[value] = parse_date(value)
        return found
    except TypeError:  # an unhashable cell
        return parse_date(value)


def due_dates(table: Table, data, col) -> list:
    """Each item's due date from its column; a placeholder such as ``TBC`` or ``Ongoing`` is a note and no date, anything else not a date an error, each named by its cell."""
    if col is None:
        return [pd.NaT] * len(data)
    out = []
    cache: dict = {}
    errors = table.sheet.errors
    rows = table.sheet.rows
    if not errors:  # each distinct cell read once; where none is a placeholder or no date, the column looked up in C
        raw = [rows[r][col] for r, _ in data]
        try:
            cache = dict.fromkeys(raw)
        except TypeError:  # an unhashable cell: cell by cell, below
            cache = {}
        else:
            for v in cache:
                cache[v] = parse_date(v)
            if not any(problem for _, problem in cache.values()):
                return [cache[v][0] for v in raw]
    dated = None  # whether most of the column's cells are dates (asked only of a cell that is none)
    meetings: dict = {}  # the log's meetings (_log_meetings), found when a 'Next meeting' or 'Sept mtg' asks
    for r, _ in data:
        v = rows[r][col]
        if errors and check_error(table, r, col, "due_date"):
            out.append(pd.NaT)
            continue
        ts, problem = _parsed(cache, v)
        if problem == "placeholder":  # "Ongoing", "TBC", "Annual": what officers type where an item has no one date
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} is not a date: no due date recorded", "info")
        elif problem in ("urgent", "meeting") and any(c != col and isinstance(x, str) and _DONE_WORD.match(x) for c, x in enumerate(rows[r])):
            # "ASAP" on an action the clerk has marked Complete: whether it could be late does not arise
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} is not a date, and the {table.spec.noun} "
                             "is done: no due date recorded", "info")
        elif problem == "urgent":  # "ASAP": due now, but from no date perfkit can count overdue; said in the checks, never a
            # warning that holds the brief (nothing in perfkit.toml could clear it, and officers count it as no date)
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} gives no date, so this "
                             f"{table.spec.noun} is not counted overdue: give the date it was agreed for (written like "
                             "31/07/2024) to count it", "info")
        elif problem == "meeting" and (nxt := _next_meeting(table, r, meetings)) is not None:
            # "Next meeting" on an action set at the meeting of 19/09/2024: the log's next meeting after it, 14/11/2024
            ts = pd.Timestamp(nxt[0])
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} read as {nxt[0]:%d/%m/%Y}, the next "
                             f"meeting in column {nxt[1]!r} after this action's ({nxt[2]:%d/%m/%Y})", "info")
        elif problem == "meeting" and table.as_at is not None:  # a log dated at a meeting: the next is after it, so not late
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} names a meeting after the day the sheet "
                             f"is dated ({table.as_at[1]:%d/%m/%Y}): not overdue then, and no due date recorded", "info")
        elif problem == "meeting":  # "Next meeting": due at a meeting whose date the sheet does not give
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} names a meeting, not a date, so this "
                             f"{table.spec.noun} is never counted overdue: give the meeting's date (31/10/2024), or leave it as "
                             "it is if that meeting has not yet met", "warning")
        elif problem == "no year":  # "end of Q3": the quarter (or month) in the sheet's financial year, said
            ts = _in_the_year(table, r, col, v, meetings)
        elif problem == "term":  # "Summer term 2025": the term's last month, said
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} read as {ts:%d/%m/%Y}, the end of the "
                             "month the term ends in", "info")
        elif problem in ("span", "year"):  # a timescale of years: due at its end, said
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} read as {ts:%d/%m/%Y}, the end of the "
                             + ("time it spans" if problem == "span" else "calendar year"), "info")
        elif problem:
            header = table.cmap.headers.get(col, "")
            if dated is None:  # how many of the column's cells are dates: most, and this one is to correct, not the column
                dated = sum(1 for rr, _ in data if not pd.isna(_parsed(cache, rows[rr][col])[0])) * 2 >= len(data)
            table.report.add(table.cell(r, col), "due_date", v,
                             f"due date {_text(v)!r} is not a date: write the date it stands for in the cell (like 31/03/2024)"
                             + ("; the column's other due dates are read" if dated else
                                f"; if {header!r} holds no due dates (a plan's timescale, 2024-2027), put {toml_string(header)} = "
                                f"\"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml"))
        out.append(ts)
    return out


def revised_due_dates(table: Table, data) -> tuple[list, list | None]:
    """Each item's due date where a tracker keeps an original and a revised date: the revised one where given, and the
    date first set (None where the tracker keeps one date only).

    ``Original date | Revised date`` (or ``Baseline end | Forecast end``): the revised (or forecast) date is the due
    date where a row gives one and the original elsewhere, so that overdue is counted from the date the item is now
    due; the choice is said in a note naming both columns, and the original dates are kept (the frame's
    ``original_due_date``) so that the brief can say which items are due later than first planned. A placeholder in
    the revised column (``N/A``, ``-``) means not revised. With no revised column the due dates are :func:`due_dates`
    of the due (or original) date column.
    """
    fields, headers = table.cmap.fields, table.cmap.headers
    base_col = fields.get("due_date", fields.get("original_due_date"))
    new_col = fields.get("revised_due_date")
    base = due_dates(table, data, base_col)
    if new_col is None:
        if base_col is not None and "due_date" not in fields:
            table.report.add(table.cell(table.cmap.header_row, base_col), "due_date", headers[base_col],
                             f"column {headers[base_col]!r} read as the due date (there is no revised date column)", "info")
        return base, None
    # "Revised date (1) | Revised date (2)": each row's latest revision, never the first alone (read so, an action moved
    # twice was counted overdue from the date it was first moved to)
    again = [c for c in table.cmap.unmapped if c > new_col and c not in table.cmap.configured
             and (read_header(headers.get(c), table.spec).field == "revised_due_date" or _REVISED_AGAIN.match(headers.get(c, "")))]
    cols = [new_col, *again]
    rows, out, moved, latest = table.sheet.rows, [], 0, 0
    for (r, _), due in zip(data, base):
        found = None
        for k, c in enumerate(cols):
            v = rows[r][c] if c < len(rows[r]) else ""
            if table.sheet.errors and check_error(table, r, c, "due_date"):
                continue
            ts, problem = parse_date(v)
            if problem in ("text", "number"):
                table.report.add(table.cell(r, c), "due_date", v, f"revised date {_text(v)!r} is not a date (write it like 31/03/2025, or clear the cell)")
            if not pd.isna(ts):
                found = (ts, k)
        if found is None:
            out.append(due)
            continue
        moved += 1
        latest += found[1] > 0
        out.append(found[0])
    base_name = f"{headers[base_col]!r} ({col_letter(base_col)})" if base_col is not None else "no other date"
    named = " or ".join(f"{headers[c]!r} ({col_letter(c)})" for c in cols)
    table.report.add(
        table.cell(table.cmap.header_row, new_col), "due_date", headers[new_col],
        f"column {named} is the due date where one is given ({moved} of {len(data)} {table.spec.noun}s"
        + (f", the latest revision where a row gives more than one: {latest}" if again else "")
        + f"), {base_name} elsewhere: overdue is counted from it", "info")
    if again:
        for c in again:
            table.cmap.unmapped.remove(c)
        table.unsay_unused(table.cell(table.cmap.header_row, c) for c in again)
    return out, (base if base_col is not None else None)


# "Second revised date", "Further revised deadline": another revision, which no header reading names (a numbered one,
# "Revised date (2)" or "Revised date 2", reads as a revised date of its own: perfkit.read.columns)
_REVISED_AGAIN = re.compile(r"(?i)^\s*(?:second|2nd|third|3rd|further|latest|new)\s+revised\b.*$")


def strip_all(values: list) -> list[str]:
    """Commentary as typed, its paragraphs kept, with the ends trimmed."""
    return [v.strip() if v.__class__ is str else _text(v) for v in values]


def in_two_languages(scale: StatusScale, value: str) -> str | None:
    """A status written in two languages (``Ar darged / On target``, as a Welsh body writes it): the status its parts
    name, where the parts perfkit knows all name one; else None.

    Examples
    --------
    >>> from perfkit.core.status import DEFAULT_SCALE
    >>> in_two_languages(DEFAULT_SCALE, "Ar darged / On target"), in_two_languages(DEFAULT_SCALE, "On target / Off target")
    ('Green', None)
    """
    parts = language_parts(value)
    if len(parts) < 2:
        return None
    names = {scale.normalise(p.strip()) for p in parts} - {None}
    return names.pop() if len(names) == 1 else None


def unknown_status_message(value, scale: StatusScale, fill_status: str | None = None) -> str:
    """``unknown status 'Purple'``, and the ``perfkit.toml`` line that teaches perfkit the word.

    The line never guesses from the spelling: it gives the status the cell's fill colour shows where it has
    one (``Serious concerns`` in a red cell), else leaves the status blank for the officer to fill in.
    """
    word = _text(value)
    if fill_status:
        return (f"unknown status {word!r} (its cell is filled {fill_status}): put this line in perfkit.toml under "
                f"[status.words] if it means {fill_status}, or give the status it means: {toml_string(word)} = \"{fill_status}\"")
    typo = scale.suggest(word, n=1, cutoff=0.8)  # a slip of the keyboard ('Ambre') is named, but the line is still left for the officer
    spelt = f" (did you mean {typo[0]!r}?)" if typo else ""
    return (f"unknown status {word!r}{spelt}: put this line in perfkit.toml under [status.words], with the status it means "
            f"between the second quotes ({', '.join(scale.names)}): {toml_string(word)} = \"\"")


# Above this many rows, a column's status words are not checked against their fills (openpyxl would take seconds).
FILL_CHECK_ROWS = 5_000


_A_MARK = re.compile(r"^\s*[^\w\s]{1,2}\s*$")


def _marks_by_colour(table: Table, row_idx: list[int], col: int, raw: list, unknown: list[int], out: list, fills: dict,
                     colour_status, field_: str) -> list[int]:
    """A status column of one mark (``●``) whose colour, filled or in its text, is the status (a key giving the mark three
    meanings, one per colour): each cell read by its colour, said in one note; the cells left unknown are returned. Read
    as one word, the key's last meaning (Red) was every measure's."""
    marks = [i for i in unknown if isinstance(raw[i], str) and _A_MARK.match(raw[i]) and not ARROWS & set(raw[i])]
    if not marks:
        return unknown
    cells = [(row_idx[i], col) for i in marks]
    texts = table.sheet.font_colours([rc for rc in cells if rc not in fills])
    read: dict[int, tuple[str, str]] = {}
    for i, rc in zip(marks, cells):
        rgb = fills.get(rc) or texts.get(rc)
        status = colour_status(rgb) if rgb else None
        if status:
            read[i] = (status, "filled" if rc in fills else "coloured text")
    if not read:
        return unknown
    for i, (status, _) in read.items():
        out[i] = status
    shown = ", ".join(sorted({f"{st} ({how})" for st, how in read.values()}))
    first = next(iter(read))
    table.report.add(table.column_range(col, [row_idx[i] for i in read]), field_, _text(raw[first]),
                     f"status mark {_text(raw[first])!r} read by its colour in {len(read)} cell{'s' * (len(read) != 1)}: {shown}; "
                     "the mark alone says no status", "info")
    return [i for i in unknown if i not in read]


def status_column(table: Table, row_idx: list[int], col: int, raw: list, scale: StatusScale, field_: str, blank=None) -> list:
    """Normalise one column of status cells in one pass, reporting what is wrong with its cell.

    Unknown words and formula errors are errors (status None); the message gives the fill's status where the
    cell has one, never a guess from the spelling. A cell that starts with a status word and goes on to explain
    it (``Green - on track``) is that status, the rest kept in ``table.remarks`` for the commentary, said in
    one note per column. A blank cell (or a dash) takes its status from its fill colour; one with no colour gets ``blank``
    (for milestones, No data with a warning; for reported statuses, None). A word the scale reads as a nearby
    status (``Amber/Green`` on a three-point scale) is noted once per word. Where the workbook's styles hold
    status fills, a word that its cell's fill contradicts (``G`` in a red cell) is a warning naming the cell.
    """
    key = table.key
    colours_of_known_words(key, raw, scale)  # 'Delayed' filled red in the key: read now, before the words are placed
    if key is not None and key.words:
        scale = scale_with_words(scale, key.words)  # the workbook's own words, from its status key
    def word(v):
        return (scale.normalise(v) or in_two_languages(scale, v) if isinstance(v, str) and v.strip(" -–—") else  # "-": nothing given
                ("" if _blank(v) or isinstance(v, str) else None))

    try:  # each distinct cell read once, in the order first met; then the column looked up in C
        cache: dict = dict.fromkeys(raw)
    except TypeError:  # an unhashable cell: the column cell by cell
        cache = {}
        out: list = []
        slow: list[int] = []
        for i, v in enumerate(raw):
            try:
                name = cache[v]
            except KeyError:
                name = cache[v] = word(v)
            except TypeError:  # unhashable: never a status
                name = None
            out.append(name)
            if not name:
                slow.append(i)
    else:
        for v in cache:
            cache[v] = word(v)
        out = list(map(cache.__getitem__, raw))
        slow = [i for i, name in enumerate(out) if not name]
    named = [n for n in cache.values() if n]  # two of the column's words read alike: only then is a drop-down's order asked
    tie = tied_in_order(table, col, row_idx, raw, cache, scale) if table.sheet.book is not None and len(set(named)) < len(named) else None
    if tie is not None:  # "Complete, On track, At risk, Delayed" with no red word: the last is the list's red
        for i, v in enumerate(raw):
            if v == tie:
                out[i] = cache[tie]
    both = [w for w, name in cache.items() if isinstance(w, str) and name and scale.normalise(w) is None]
    if both:
        where = [r for r, v in zip(row_idx, raw) if v in both]
        shown = "; ".join(f"{w!r} as {cache[w]}" for w in both[:3]) + (f" and {len(both) - 3} more" if len(both) > 3 else "")
        table.report.add(table.column_range(col, where), field_, both[0], f"status{'es' * (len(both) > 1)} written in two languages "
                         f"read by the words perfkit knows: {shown}", "info")
    for word, name in cache.items():
        if isinstance(word, str) and name and scale.folded(word):
            where = [r for r, v in zip(row_idx, raw) if v == word]
            table.report.add(table.column_range(col, where), field_, word,
                             f"status {_text(word)!r} read as {name} on the {scale.name} scale ({len(where)} cell{'s' * (len(where) != 1)})", "info")
    unknown = [i for i in slow if out[i] is None]
    taught = learn_words(table, col, row_idx, raw, cache, scale) if unknown or (key is not None and key.book is not None) else None
    if taught is not None and taught.words:  # a drop-down, a key on another sheet or the cells' colours say what they mean
        for i in unknown:
            if isinstance(raw[i], str) and raw[i] in taught.words:
                out[i] = taught.words[raw[i]]
        slow = [i for i in slow if out[i] is None or out[i] == ""]
    errors = table.sheet.errors
    if errors:
        err_idx = [i for i, r in enumerate(row_idx) if (r, col) in errors]
        for i in err_idx:
            check_error(table, row_idx[i], col, field_)
            out[i] = None
        slow = sorted(set(slow) - set(err_idx))
    explained: list[int] = []
    if slow:
        for i in slow:
            if out[i] is None:
                lead = scale.leading(raw[i])
                if lead is not None:
                    out[i] = lead[0]
                    table.remarks[(row_idx[i], col)] = lead[1]
                    explained.append(i)
    if explained:
        rows_ = [row_idx[i] for i in explained]
        shown = "; ".join(f"{_text(raw[i])!r} as {out[i]}" for i in explained[:3]) + (f" and {len(explained) - 3} more" if len(explained) > 3 else "")
        table.report.add(table.column_range(col, rows_), field_, _text(raw[explained[0]]),
                         f"{len(explained)} status cell{'s' * (len(explained) != 1)} start{'s' * (len(explained) == 1)} with a status and explain it: "
                         f"read {shown}, the rest kept as commentary", "info")
    unknown = [i for i in slow if out[i] is None and (row_idx[i], col) not in (errors or ())]
    blanks = [i for i in slow if out[i] == ""]
    check_fills = table.sheet.book is not None and table.sheet.book.has_status_fills
    if check_fills and len(row_idx) > FILL_CHECK_ROWS:  # openpyxl over a long sheet costs seconds: words are read as typed
        check_fills = False
        table.report.add(table.cell(table.cmap.header_row, col), field_, "", f"the status words of this column's {len(row_idx):,} rows "
                         f"are not checked against their fill colours (checked up to {FILL_CHECK_ROWS:,} rows)", "info")
    rated = [i for i, name in enumerate(out) if name and i not in explained] if check_fills else []
    wanted = [(row_idx[i], col) for i in (*blanks, *unknown, *rated)]
    fills = table.sheet.fills(wanted) if wanted else {}

    def colour_status(rgb):
        return key_fill_status(key, rgb, scale) or scale.from_colour(rgb)

    def fill_status(rc):
        return colour_status(fills[rc]) if rc in fills else None

    unknown = _marks_by_colour(table, row_idx, col, raw, unknown, out, fills, colour_status, field_)

    for i in unknown:
        v = raw[i]
        said = taught.messages.get(v) if taught is not None and isinstance(v, str) else None
        message = said or unknown_status_message(v, scale, fill_status((row_idx[i], col)))
        if field_ == "reported_status" and said is None and is_direction_word(v):
            # "Deteriorating" where the aim is only to reduce: the service's direction of travel, not a status
            table.report.add(table.cell(row_idx[i], col), field_, v, f"{_text(v)!r} is a direction of travel, not a status: no "
                             "status of the service's read for it; perfkit judges the measure on its figures", "info")
        elif field_ == "reported_status":  # only compared with the status perfkit works out: no figure rests on it
            table.report.add(table.cell(row_idx[i], col), field_, v, f"{message} (the services' own status, shown beside the one "
                             "perfkit works out from target and actual: left blank until then)", "warning")
        else:
            table.report.add(table.cell(row_idx[i], col), field_, v, message)
    best = max((scale.rank(n) for n in scale.rated if n not in scale.complete), default=None)
    # only a word the workbook's own key explains ('In progress = work under way to the timescale'): a colour the key leaves
    # unexplained may be the council's meaning of the word (an amber 'In hand'), still warned of
    consistent = _word_palette(raw, rated, row_idx, col, fills)
    explained = _key_words(key) if consistent else set()
    palette = {w: f for w, f in consistent.items() if w in explained}
    for word, rgb in palette.items():
        cells = [row_idx[i] for i in rated if isinstance(raw[i], str) and " ".join(raw[i].split()).lower() == word]
        table.report.add(table.column_range(col, cells), field_, word, f"every {word!r} in this column is filled #{rgb[-6:].upper()} "
                         f"({len(cells)} cells): the workbook's colour for the word, so each is read as the word says", "info")
    # 'In hand' (read as On track only roughly) filled Excel's neutral yellow in every cell, with no key to say what the
    # colour means: the workbook's styling of the word, read as the word says and said once, never a warning on each
    # cell (an officer who means amber by it says so in perfkit.toml)
    coloured = {}
    for word, rgb in consistent.items():
        status = key_fill_status(key, rgb, scale) or scale.from_colour(rgb)
        if word not in palette and scale.folded(word) and status is not None and scale.rank(status) is not None:
            coloured[word] = status
    for word, status in coloured.items():
        idx = [i for i in rated if isinstance(raw[i], str) and " ".join(raw[i].split()).lower() == word]
        if status == out[idx[0]]:
            continue
        typed = _text(raw[idx[0]])
        table.report.add(table.column_range(col, [row_idx[i] for i in idx]), field_, word,
                         f"status {typed!r}, which only roughly says where an item stands, is filled {status} in every cell "
                         f"({len(idx)}): the workbook's colour for the word, read as {out[idx[0]]}, as the word says; if the "
                         f"council means {status} by it, put {toml_string(typed)} = \"{status}\" under [status.words] in "
                         "perfkit.toml", "info")
    # 'Delayed' filled amber in every cell, 'Off track' red, 'On track' green: the council's own colour for each of its
    # words (the words coloured one by one, never a table's single style), read as the colour says, said once with the
    # line for a council that means the word
    styled = {rgb[-6:].upper() for rgb in consistent.values()}
    recoloured = {}
    if len(styled) >= 2:
        for word, rgb in consistent.items():
            status = key_fill_status(key, rgb, scale) or scale.from_colour(rgb)
            idx = [i for i in rated if isinstance(raw[i], str) and " ".join(raw[i].split()).lower() == word]
            if (word in palette or word in coloured or status is None or scale.rank(status) is None or status == out[idx[0]]
                    or scale.rank(out[idx[0]]) is None or out[idx[0]] in scale.complete or status in scale.complete
                    or word in table.said_words):  # perfkit.toml's [status.words] says what the word means: never its fill
                continue
            recoloured[word] = status
            typed = _text(raw[idx[0]])
            for i in idx:
                out[i] = status
            table.report.add(table.column_range(col, [row_idx[i] for i in idx]), field_, word,
                             f"status {typed!r} is filled {status} in every cell ({len(idx)}), where other words have colours of "
                             f"their own: the workbook's colour for its word, read as {status}; if the word says otherwise, put "
                             f"{toml_string(typed)} = \"...\" under [status.words] in perfkit.toml", "info")
    # a word used once, filled another status's colour in a column whose other words each keep their own status's colour
    # ('Behind schedule' on red beside 'At risk' always on amber and 'On track' on green): the council's colour for it,
    # read as the colour says, said; a status's own name or letter ('Amber', 'A') stays as typed, with the warning below
    if len(styled) >= 2 and all((key_fill_status(key, rgb, scale) or scale.from_colour(rgb)) == out[next(
            i for i in rated if isinstance(raw[i], str) and " ".join(raw[i].split()).lower() == w)] for w, rgb in consistent.items()):
        once: dict[str, list[int]] = {}
        for i in rated:
            if isinstance(raw[i], str) and (w := " ".join(raw[i].split()).lower()) not in consistent:
                once.setdefault(w, []).append(i)
        for word, idx in once.items():
            status = fill_status((row_idx[idx[0]], col))
            if (len(idx) != 1 or status is None or status == out[idx[0]] or scale.rank(status) is None or status in scale.complete
                    or scale.rank(out[idx[0]]) is None or out[idx[0]] in scale.complete or _own_name(scale, raw[idx[0]])
                    or word in table.said_words):
                continue
            recoloured[word] = status
            typed = _text(raw[idx[0]])
            out[idx[0]] = status
            table.report.add(table.cell(row_idx[idx[0]], col), field_, typed,
                             f"status {typed!r} is filled {status}, where every other word of the column has its own status's "
                             f"colour: read as {status}, as its colour says; if the word says otherwise, put "
                             f"{toml_string(typed)} = \"...\" under [status.words] in perfkit.toml", "info")
    # every status cell the same colour whatever its word says (a national template's pale yellow for cells to complete):
    # the sheet's styling, said once, never a disagreement on each cell
    one_fill = {fills.get((row_idx[i], col)) for i in rated}
    if len(rated) >= 3 and len(one_fill) == 1 and None not in one_fill and len({out[i] for i in rated}) >= 2:
        rgb = next(iter(one_fill))
        table.report.add(table.column_range(col, [row_idx[i] for i in rated]), field_, f"fill {rgb}",
                         f"every status cell of this column is filled #{rgb[-6:].upper()}, whatever its word says: the sheet's "
                         "styling, not a status; each is read as its word says", "info")
        rated = []
    for i in rated:
        rc = (row_idx[i], col)
        if (palette or coloured or recoloured) and isinstance(raw[i], str) and " ".join(raw[i].split()).lower() in {*palette, *coloured, *recoloured}:
            continue
        shown = fill_status(rc)
        if (shown and scale.rank(shown) is not None and scale.rank(out[i]) is not None and shown != out[i]
                and shown not in out[i].split("/")  # Amber/Green in a light green or an amber cell: between them, as typed
                and not (out[i] in scale.complete and scale.rank(shown) == best)  # finished items are often coloured green
                # the key's green is 'Achieved', Complete on a milestone's scale and Green on a measure's: one colour
                and not (shown in scale.complete and scale.rank(out[i]) == best)):
            if isinstance(raw[i], str) and _SLIGHTLY_OVER.match(raw[i]):
                # "Slightly above target" is good or not by the measure's polarity: its fill says which it is here
                out[i] = shown
                cell, word = table.cell(*rc), f"status {_text(raw[i])!r} read as "
                table.report.drop(lambda p: p.source == cell and p.message.startswith(word) and " on the " in p.message)
                table.report.add(cell, field_, raw[i], f"status {_text(raw[i])!r} read as {shown}, as its fill "
                                 "says: above or below target is better or worse by the measure's polarity", "info")
                continue
            table.report.add(table.cell(*rc), field_, raw[i],
                             f"status {_text(raw[i])!r} is typed in a cell filled {shown}: read as {out[i]}, as typed; "
                             f"correct the word or the fill so that they agree", "warning")
    if blanks:
        for i in blanks:
            rc = (row_idx[i], col)
            name = fill_status(rc)
            if name is not None:
                table.report.add(table.cell(*rc), field_, f"fill {fills[rc]}", f"status {name} taken from the cell's fill colour", "info")
            elif blank is not None:
                name = blank
                table.report.add(table.cell(*rc), field_, "", f"no status given: recorded as {blank}", "warning")
            out[i] = name
    return out


def _own_name(scale: StatusScale, word) -> bool:
    """Whether a word is a status's own name, letter or colour (``Amber``, ``A``, ``Red``): never read by its fill."""
    w = " ".join(str(word).split()).lower()
    return w in {n.lower() for n in scale.names} or len(w) <= 2 or w in ("red", "amber", "green", "blue", "grey", "gray", "yellow")


def with_remarks(table: Table, row_idx: list[int], col: int | None, comments: list[str]) -> list[str]:
    """Commentary with what status cells said after their status (``Red: budget pressures``) added: kept, not lost."""
    if col is None or not table.remarks:
        return comments
    out = list(comments)
    for i, r in enumerate(row_idx):
        extra = table.remarks.get((r, col))
        if extra and extra not in out[i]:
            out[i] = f"{out[i]} ({extra})" if out[i] else extra
    return out


def unsaved_formula(table: Table, r: int, c: int | None) -> str | None:
    """The formula (``=D4-5``) of a cell that holds one with no value saved, which reads as blank; None for any other cell.

    Excel saves each formula's value beside it; a file written by another program (or a script) may not,
    and a figure read as blank there would be a measure with no target, or no actual, without a word.
    """
    book = table.sheet.book
    if c is None or book is None or book.kind != "xlsx":
        return None
    at = table.sheet.origin(r, c)
    if at not in book.unsaved_formula_cells(table.sheet.name):
        return None
    return "=" + (book.sheet_formulas(table.sheet.name).get(at) or "...")


def report_unsaved_formula(table: Table, r: int, c: int, field_: str, formula: str, then: str) -> None:
    """A warning naming a cell whose formula has no saved value: what it was read as (``then``) and how to save the value."""
    table.report.add(
        table.cell(r, c), field_, formula,
        f"{field_.replace('_', ' ')} is a formula ({formula}) with no value saved in the file (Excel saves one with each formula; "
        f"this file was written by a program that does not): {then}; open the file in Excel, let it calculate, save it and run again",
        "warning",
    )


# Characters no Excel cell, Word document or XML part can hold: the C0 controls but tab, line feed and carriage return.
UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""A vertical tab (Word's line break, pasted into a cell), a form feed, an escape sequence's ESC, a NUL..."""
_AS_LINE_BREAK = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def clean_control_characters(table: Table, frame: pd.DataFrame) -> None:
    """Replace, in a sheet's frame, the characters of :data:`UNHOLDABLE` that no output can hold, with a note naming their cells.

    Excel stores a vertical tab pasted from Word (``_x000B_``) and calamine reads it back, but no
    appendix workbook, Word document or CSV reader takes it: ``brief --xlsx`` would stop on it. A vertical
    tab or form feed becomes a line break, as the officer saw it; the others are removed. Columns are
    checked whole first, so a sheet with none costs one search per column.
    """
    book = table.sheet.book
    if book is not None and not book.may_hold_controls:
        return  # the safety pass read every part and found none
    changed: list[int] = []
    for name in frame.columns:
        dtype = frame[name].dtype
        if name == "source" or not (dtype == object or pd.api.types.is_string_dtype(dtype)):
            continue
        values = frame[name].to_numpy(dtype=object)
        try:
            joined = "".join(values)
        except TypeError:
            joined = "".join(v for v in values if v.__class__ is str)
        if not UNHOLDABLE.search(joined):
            continue
        out = list(values)
        for i, v in enumerate(values):
            if v.__class__ is str and UNHOLDABLE.search(v):
                out[i] = UNHOLDABLE.sub("", v.translate(_AS_LINE_BREAK))
                changed.append(i)
        frame[name] = pd.Series(out, index=frame.index, dtype=dtype)
    if not changed:
        return
    rows, cells = table.sheet.rows, []
    for i in sorted(set(changed)):
        m = re.search(r"(\d+)$", str(frame["source"].iat[i])) if "source" in frame else None
        r = int(m[1]) - 1 if m else None
        found = [table.cell(r, c) for c, v in enumerate(rows[r]) if v.__class__ is str and UNHOLDABLE.search(v)] if r is not None and r < len(rows) else []
        cells.extend(found or [str(frame["source"].iat[i])] if "source" in frame else [])
    cells = list(dict.fromkeys(cells))
    more = [c.split("!")[-1] for c in cells[1:]]
    also = f" (so does text in {', '.join(more[:6])}{f' and {len(more) - 6} more cells' if len(more) > 6 else ''})" if more else ""
    table.report.add(
        cells[0] if cells else table.sheet.name, "", "",
        f"text holds control characters that no Excel cell or Word document can hold, such as a vertical tab pasted from "
        f"Word{also}: vertical tabs and form feeds read as line breaks, the others left out; retype the text in Excel to be rid of them",
        "info",
    )


def report_repeated_ids(frame: pd.DataFrame, id_field: str, noun: str, report: Report, severity: str = "warning") -> None:
    """Name every reference that a built frame holds more than once for one period, with its cells.

    For kinds whose builders key rows after reading them (a risk register's references are
    tidied first); :func:`check_duplicate_keys` does the same on the raw keys as rows are read.
    """
    dup = frame.duplicated([id_field, "period"], keep=False)
    if not dup.any():
        return
    for ident in dict.fromkeys(frame.loc[dup, id_field]):
        srcs = list(frame.loc[frame[id_field] == ident, "source"])
        report.add(srcs[-1], id_field, ident, f"{noun} {ident!r} appears more than once (also at {srcs[0]}): give each {noun} its own reference", severity)


def check_duplicate_keys(table: Table, keys: list, row_idx: list[int], col: int, id_field: str, months=None) -> None:
    """Report every repeated key with both cells; pandas finds them, Python only names them.

    Where the repeats are different months of one quarter, one message says the data
    are monthly; where they differ only in an unread column, it names that column.
    """
    if len(set(keys)) == len(keys):
        return
    dup = pd.Index(keys).duplicated(keep=False)
    idx = np.flatnonzero(dup)
    if months is not None:
        seen: dict = {}
        for i in idx:
            seen.setdefault(keys[i], set()).add(months[i])
        if any(len(v) > 1 for v in seen.values()):
            rows = sorted({row_idx[i] for i in idx})
            raise LayoutError(
                f"{table.path.name}: sheet {table.sheet.name!r} has monthly rows (rows {rows[0] + 1}-{rows[-1] + 1} give several months "
                "of one quarter); perfkit reports quarters and does not fold months into them unasked.",
                hint="Keep one row per quarter (e.g. the quarter's last month), or map the period column to \"ignore\" in perfkit.toml "
                     f"([sheets.\"{table.sheet.name}\".columns] \"{table.cmap.headers.get(long_period_column(table.cmap), 'Period')}\" = \"ignore\") "
                     "and read one month at a time.",
            )
    dimension = _dimension_column(table, [row_idx[i] for i in idx])
    if dimension is not None:
        header = table.cmap.headers[dimension]
        rows = sorted({row_idx[i] for i in idx})
        said = [_get(table.sheet.rows[r], dimension) for r in rows]
        if said and sum(isinstance(v, (_dt.date, _dt.datetime)) or (isinstance(v, str) and token_month(v.strip()) is not None)
                        for v in said) >= 0.8 * len(said):
            # "Quarter | Month | Value": a month is no area; read as one, the quarter's first month stood for it
            raise LayoutError(
                f"{table.path.name}: sheet {table.sheet.name!r} has monthly rows (rows {rows[0] + 1}-{rows[-1] + 1} give each "
                f"item once a month, in column {header!r} ({col_letter(dimension)})); perfkit reports quarters and does not "
                "fold months into them unasked, and does not read a table of monthly rows.",
                hint=f"Keep one row per item and quarter (its figure for the quarter, or the quarter's last month) on a sheet of its "
                     f"own, or leave this sheet out with [sheets.\"{table.sheet.name}\"] kind = \"ignore\" in perfkit.toml.",
            )
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} repeats items for the same period in rows {rows[0] + 1}-{rows[-1] + 1}, "
            f"differing in column {header!r} ({col_letter(dimension)}): that column breaks each item down (by area, service or provider).",
            hint=f"Map it as the area in perfkit.toml: [sheets.\"{table.sheet.name}\".columns] \"{header}\" = \"area\" (or --map "
                 f"'{header}=area'), or read one {header.lower()} at a time.",
        )
    first: dict = {}
    for i in idx:
        key, r = keys[i], row_idx[i]
        ident = key[0] if isinstance(key, tuple) else key
        when = f" for {period_label(key[1])}" if isinstance(key, tuple) and len(key) > 1 and isinstance(key[1], pd.Period) else ""
        if key in first:
            table.report.add(table.cell(r, col), id_field, ident, f"duplicate reference {ident!r}{when} (also at {first[key]})")
        else:
            first[key] = table.cell(r, col)


def _dimension_column(table: Table, rows_idx: list[int]) -> int | None:
    """An unread column whose values differ between rows that repeat an item: a breakdown (area, provider...)."""
    rows = table.sheet.rows
    for col in table.cmap.unmapped:
        values = {_text(_get(rows[r], col)) for r in rows_idx}
        if len(values) > 1 and all(values):
            return col
    return None


def row_period(value, year_value, year) -> tuple[pd.Period, object]:
    """The quarter of a long layout's period cell, and the month it names (None when it names a quarter)."""
    if isinstance(value, (_dt.date, pd.Timestamp)):
        ts = pd.Timestamp(value)
        return parse_span(ts).end, (ts.year, ts.month)
    text = _text(value)
    if re.fullmatch(r"(?i)(?:q|qtr|quarter)\s*[1-4]|(?:h|half)\s*[12]", text):
        fy = find_financial_year(_text(year_value)) or year
        if fy is None:
            raise PeriodError(f"{text!r} names no year")
        return resolve_token(text, fy).end, None
    if re.fullmatch(r"(?i)[a-z]{3,9}\s*(?:-|–|to)\s*[a-z]{3,9}|[a-z]{3,9}|\d{1,2}/\d{1,2}/\d{2,4}", text):
        # Apr-Jun or June with the table's year; 30/06/2024 as officers write dates.
        span = resolve_token(text, find_financial_year(_text(year_value)) or year)
        return span.end, (text.lower() if span.kind == "month" else None)
    span = parse_span(text)
    month = None
    if span.kind == "quarter" and re.search(r"(?i)^[a-z]{3,9}[\s\-']*\d{2,4}$|^\d{4}-\d{2}$", text):
        month = text.lower()
    return span.end, month


def long_period_column(cmap) -> int | None:
    """The column that names each row's period in a long layout: a period column, else a year column."""
    if "period" in cmap.fields:
        return cmap.fields["period"]
    if "year" in cmap.fields and not cmap.period_columns:
        return cmap.fields["year"]
    return None


def interleave(lists: list[list]) -> np.ndarray:
    """[[a1, a2], [b1, b2]] -> [a1, b1, a2, b2]: one row per item, its periods together."""
    arr = np.empty((len(lists[0]) if lists else 0, len(lists)), dtype=object)
    for j, values in enumerate(lists):
        arr[:, j] = values
    return arr.ravel()


def interleaved_cells(columns: list[str], row_idx: list[int], mask: np.ndarray | None = None) -> pd.api.extensions.ExtensionArray:
    """The cell each row of an item-by-period frame came from (``Sheet!E12``), as :func:`interleave` orders them:
    ``columns`` gives each period's column (``Sheet!E``), ``row_idx`` the items' rows (0-based), ``mask`` the frame's
    rows kept. Joined by pyarrow from the row numbers, not one Python string per cell.

    Examples
    --------
    >>> list(interleaved_cells(["Plan!E", "Plan!G"], [4, 5]))
    ['Plan!E5', 'Plan!G5', 'Plan!E6', 'Plan!G6']
    """
    import pyarrow as pa  # deferred: pandas' own string arrays load it; loaded here only when a frame is built
    import pyarrow.compute as pc  # deferred: as above

    rows = pc.cast(pa.array(np.asarray(row_idx, dtype=np.int64) + 1), pa.string())
    joined = pa.concat_arrays([pc.binary_join_element_wise(column, rows, "") for column in columns]) if columns else pa.array([], pa.string())
    n, k = len(row_idx), len(columns)
    order = (np.arange(k, dtype=np.int64)[None, :] * n + np.arange(n, dtype=np.int64)[:, None]).ravel()
    if mask is not None:
        order = order[mask]
    return pd.array(joined.take(pa.array(order)), dtype="str")


def optional_fields(table: Table, data: list[tuple[int, dict]], wanted) -> list[str]:
    """The optional fields an item frame keeps: those with a column, and fields carried down (a priority
    from a section row, an objective from a merged cell) that some row has."""
    carried = set(chain.from_iterable(c for _, c in data))
    return [f for f in wanted if f in table.cmap.fields or (f in CARRIED and f in carried)]


def optional_value(table: Table, r: int, carried: dict, field_: str) -> str:
    """One row's value of an optional field: carried down for the golden thread's fields, else from its column."""
    return carried.get(field_, "") if field_ in CARRIED else _text(get(table.sheet.rows[r], table.cmap.fields.get(field_)))


def shared_commentary(table: Table, latest, layout: str) -> int | None:
    """The one commentary column of a table; on a wide table it is the latest quarter's update only, said aloud."""
    col = table.cmap.fields.get("commentary")
    if col is None or layout != "wide":
        return col
    if latest is None:  # no quarter's column holds anything yet: the commentary belongs to none of them
        table.report.add(
            table.cell(table.cmap.header_row, col), "commentary", table.cmap.headers[col],
            f"column {table.cmap.headers[col]!r} not read as commentary: no quarter's column of this sheet holds figures yet",
            "info",
        )
        return None
    table.report.add(
        table.cell(table.cmap.header_row, col), "commentary", table.cmap.headers[col],
        f"column {table.cmap.headers[col]!r} read as the commentary for {period_label(latest)}, the latest quarter reported; "
        f"earlier quarters have none (map it, e.g. \"{table.cmap.headers[col]}\" = \"commentary@{period_label(latest)}\", to say otherwise)",
        "info",
    )
    return col


# ---------------------------------------------------------------------------------------------- words


def norm_word(value) -> str:
    """A word as the polarity and frequency lookups compare it: lower case, punctuation to spaces."""
    return re.sub(r"[^a-z0-9↑↓/-]+", " ", _text(value).lower()).strip()


def word_lookup(words: dict[str, list[str]]) -> dict[str, str]:
    """A lookup from every wording (normalised with :func:`norm_word`) to its canonical word."""
    return {norm_word(w): k for k, ws in words.items() for w in [k, *ws]}


# ---------------------------------------------------------------------------------------------- readers' documentation

# The parameters every kind's reader shares, for its docstring.
READER_DOC = """
    Parameters
    ----------
    path : str or Path
        An .xlsx, .xlsm, .xls, .ods or .csv file.
    sheet : str or int, optional
        The sheet to read; by default every sheet whose header fits.
    columns : dict, optional
        Extra header mappings, ``{"Header as typed": "field"}`` or ``"field@period"``
        (``{"Sept RAG": "status@2023/24 Q2"}``); map a header to ``"ignore"`` to skip it.
    year : str or int, optional
        The financial year for quarter headers that name none (``"2023/24"``), where the
        sheet's title rows, its name and the file name name none.
    period : str, optional
        The quarter of a sheet with one status column, if no title names it.
    scale : StatusScale, optional
        The status words and their order; default from ``perfkit.toml``, else Red, Amber, Green, Complete.
    header_row : int, optional
        The 1-based header row, if perfkit should not look for it.
    config : str, Path, dict or False, optional
        Settings (``perfkit.toml``); by default the file beside the workbook, if any.
"""
