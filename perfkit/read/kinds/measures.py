"""Measures (KPIs): a target, an actual each period, and a polarity.

The kind's header words (:data:`MEASURES`) and its frame builder on the layout engine.
"""

from __future__ import annotations

import calendar
import math
import re
from itertools import chain
from dataclasses import dataclass

import numpy as np
import pandas as pd
from perfkit.core import schema
from perfkit.core.config import own_key, toml_string
from perfkit.core.errors import ConfigError, LayoutError, PeriodError, Report, cell_name, col_letter
from perfkit.read.layout import (
    COMPARISON_AREA, Table, blank as _blank, check_error, data_rows, get as _get, ids as _ids, other_sheets,
    single_period, text as _text, value_columns,
)
from perfkit.core.numbers import HOUR_MIN, MIN_SEC, canonical_unit, clock_unit, missing_reason, money_unit, not_yet_in, parse_number
from perfkit.core.periods import FREQ, PooledPeriod, Span, parse_span, period_label
from perfkit.core.status import UP_DOWN_ARROWS, StatusScale
from perfkit.read.engine import Options, check_duplicate_keys, long_period_column, norm_word, read_kind, row_period, word_lookup, status_column
from perfkit.read.spec import KindSpec, SHARED_HEADERS, normalise_header
from perfkit.read.columns import WAY_BRACKET, WAY_NOTE, language_parts, token_month
from perfkit.read.evidence import KEY_SHEET, key_fill_status
from perfkit.read.kinds import service_plans
from perfkit.read.kinds.milestones import two_words_one_status
from perfkit.read.workbook import col_index
from perfkit.read.engine import FILL_CHECK_ROWS, READER_DOC
from perfkit.read.engine import optional_fields, optional_value, report_unsaved_formula, shared_commentary, unsaved_formula, with_remarks


# "90-95%", "£1m to £1.2m", "6-8 weeks" (the unit after the second figure is both's)
_RANGE = re.compile(r"^\s*([£$]?\s*-?[\d.,]+\s*(?:%|[a-z]{1,12})?)\s*(?:-|–|to)\s*([£$]?\s*-?[\d.,]+\s*(?:%|[a-z]{1,12})?)\s*$", re.I)


_POLARITY = word_lookup(schema.POLARITY_WORDS)


_FREQUENCY = word_lookup(schema.FREQUENCY_WORDS)


class _RowUnits(set):
    """The units one measure's cells showed (``%``, ``£``, ``days``...), with the cells each was typed in."""

    def __init__(self):
        super().__init__()
        self.typed: dict[str, list[tuple[int, int]]] = {}
        self.fractions: list[tuple[int, int]] = []  # cells holding a plain number between -1 and 1, not formatted as a percentage
        self.typed_percents: list[float] = []  # the figures typed with a % sign (1.4 for "1.4%")
        self.cell_targets: dict[tuple[int, int], float] = {}  # targets typed in an actual's cell: "95.2% (target 95%)"


# Unit columns that name no particular unit: a figure typed in days agrees with them.
_GENERIC_UNITS = {"number", "no", "count", "numeric", "num", "n", "value", "total", "figure", "actual", "quantity", "qty",
                  "integer", "whole", "average", "avg", "mean", "of", "the", "in", "per", "a", "an", "total", "cumulative"}


_MONEY_OR_PERCENT = {"%": {"%", "percent", "percentage", "pct", "rate", "proportion"},
                     "£": {"£", "pound", "pounds", "gbp", "cost", "spend", "money", "income", "budget"}}


# A measure's name giving its money scale in brackets: "Agency spend (£000)", "Capital spend (£m)", "(£'000s)"
_NAME_MONEY = re.compile(r"\(\s*(£\s*(?:'?000s?|k|m|bn|thousands?|millions?))\s*\)", re.I)


def _as_number(value) -> str:
    """``as 12, `` for a cell perfkit reads as a number, else nothing (a unit it knows only from the measure's words)."""
    v = parse_number(value).value
    return f"as {v:g}, " if v is not None else ""


def unit_agrees(typed: str, given: str) -> bool:
    """Whether a unit typed after a figure (``days``) agrees with the measure's own unit (``Number of days``, ``Days``).

    >>> unit_agrees("days", "Average days"), unit_agrees("kg", "Tonnes"), unit_agrees("kg", "Number")
    (True, False, True)
    >>> unit_agrees("%", "Days"), unit_agrees("%", "% of homes"), unit_agrees("£", "Cost per visit (£)")
    (False, True, True)
    >>> unit_agrees("events", "events"), unit_agrees("events", "days")
    (True, False)
    """
    low = given.lower()
    if canonical_unit(low) == typed or typed == "minutes" and clock_unit(given):  # 00:10:00 under a unit of mm:ss
        return True
    words = re.findall(r"per [\d,]+|[a-z]+|[%£$]", low)
    if typed in ("%", "£"):  # 79% or £1.2m disagrees only with a unit that names something else (Days, Tonnes)
        if set(words) & _MONEY_OR_PERCENT[typed]:
            return True
        return not any(canonical_unit(w) not in (None, "%") for w in words)
    if any(canonical_unit(w) == typed or w == typed for w in words):  # "12 events" under a unit of 'events', one perfkit
        return True                                                    # knows only from the measure's own words
    return bool(words) and all(w in _GENERIC_UNITS for w in words)


# A standard in words, with no figure: a contract's 'Maintained' (an accreditation kept), 'Achieved', 'Compliant'
_WORDED_LEVEL = re.compile(r"(?i)^\s*(?:to\s+be\s+)?(?:maintain(?:ed)?|retain(?:ed)?|achieve(?:d)?|compliant|full\s+compliance|"
                           r"in\s+place|accredit(?:ed|ation)(?:\s+(?:maintained|retained))?)\s*\.?\s*$")
# A figure typed with its multiplier ("£1.2m", "850k").
#: What officers type in a target cell for a measure that has none: monitored, contextual, a baseline year, not yet set.
NO_TARGET = re.compile(
    r"(?i)^\s*(?:n/?a\s*[-–:(]\s*)?(?:(?:for\s+)?monitor(?:ing)?(?:\s+only)?|no\s+(?:target|standard)(?:\s+set)?|not\s+targeted|data\s+only"
    r"|baseline(?:\s+year)?(?:\s+(?:to\s+be\s+set|year))?|(?:target\s+)?(?:to\s+be|not\s+yet)\s+(?:set|agreed|confirmed)|not\s+set"
    r"|context(?:ual)?(?:\s+(?:only|measure|indicator))?|trend(?:\s+only)?|(?:for\s+)?information(?:\s+only)?|none)\s*\)?"
    # "No target (contextual)", "No target – contextual": an aside in brackets or after a dash
    r"(?:\s*\([^()]{1,40}\)|\s+[-–—:]\s*[^()\d]{1,40})?\s*\.?\s*$")
#: A measure's name that says its figures are percentages: "% of ...", "(%)", "Percentage of ...", "... rate (%)".
_PERCENT_NAME = re.compile(r"(?i)^\s*%|\(\s*%\s*\)|\bpercentage\s+of\b|\bper\s*cent(?:age)?\s+of\b|%\s*$")
_POUNDS_NAME = re.compile(r"\(\s*£\s*\)|\bin\s+£\s*$|\(\s*£\s*(?:per|/)")  # "Home care costs per hour (£)", "Cost (£ per head)"
_MULTIPLIED = re.compile(r"(?i)^\s*[£$]?\s*-?[\d.,]+\s*(?:k|m|mn|bn|million|thousand|billion)\s*$")


# Units of time that convert exactly into one another, each with its size in the family's smallest common unit:
# '2 weeks' beside '12 days' is 14 days, '1.5 hrs' beside '50 mins' is 90 minutes. Months and years are not (a month is
# not a fixed number of days), so they stay a warning.
_TIME_SIZES = {"weeks": ("days", 7.0), "days": ("days", 1.0),
               "hours": ("minutes", 60.0), "minutes": ("minutes", 1.0), "seconds": ("minutes", 1 / 60)}


def _one_time_unit(table: Table, name: str, given: str, typed: dict, figures: list | None, lo: int, hi: int) -> str | None:
    """The unit a row's figures typed in different units of time are read in (``'2 weeks'`` beside ``'12 days'``: days,
    the target 14), converting the others and saying so at each cell; None where they are not all one family of time,
    or where a figure converted could be mistaken for one typed in the unit kept (nothing is converted then)."""
    words = [u for u in typed if u not in ("%", "£")]
    if figures is None or not words or len(words) != len(typed) or any(u not in _TIME_SIZES for u in words):
        return None
    family = {_TIME_SIZES[u][0] for u in words}
    named = canonical_unit(given) or next((c for w in re.findall(r"[a-z]+", given.lower()) if (c := canonical_unit(w)) in _TIME_SIZES), None)
    if len(family) != 1 or given and (named not in _TIME_SIZES or _TIME_SIZES[named][0] not in family):
        return None  # a unit of some other kind: the warning that they disagree stands
    # the measure's own unit ('Days'), or else the smaller unit typed (14 days, never 1.71429 weeks)
    kept = named or min(words, key=lambda u: _TIME_SIZES[u][1])
    if all(u == kept for u in words):
        return None
    rows = table.sheet.rows
    value_of = {rc: parse_number(_get(rows[rc[0]], rc[1])).value for u in words for rc in typed[u]}
    convert = {value_of[rc]: _TIME_SIZES[u][1] / _TIME_SIZES[kept][1] for u in words if u != kept for rc in typed[u]}
    plain = {v for rc in {rc for u in words for rc in typed[u]} for c in value_columns(table)
             if (v := _get(rows[rc[0]], c)).__class__ in (int, float)}
    kept_values = {value_of[rc] for rc in typed.get(kept, [])} | plain
    if None in convert or len({round(v * f, 9) for v, f in convert.items()}) != len(convert) or kept_values & set(convert):
        return None  # the same figure typed two ways (or one perfkit cannot read back): which is which is not sure
    figures[lo:hi] = [(*(x * convert[x] if x in convert else x for x in f[:4]), *f[4:]) for f in figures[lo:hi]]
    for u in words:
        if u != kept:
            for rc in typed[u]:
                typed_as = _text(_get(rows[rc[0]], rc[1]))
                table.report.add(table.cell(*rc), "unit", typed_as,
                                 f"{name or 'this measure'}: {typed_as!r} read as {value_of[rc] * convert[value_of[rc]]:g} {kept}, "
                                 f"{'the unit of the measure' if named else 'the smaller unit its figures are typed in'}", "info")
    return kept


def _months_of_rows(table: Table, col: int, figures: list, months: list) -> None:
    """An IPR's ``Period`` column of ``Sep-24`` on every row: the quarter's figures are that one month's, so each is dated
    with it (``figure_period``, the briefing's "figures for September 2024"), said once naming the column. A quarter whose
    rows name different months, or a quarter beside them, is left as it was."""
    by_quarter: dict = {}
    each: dict = {}  # the latest quarter's rows -> the month each names
    latest = max((f[5] for f in figures), default=None)
    for f, month in zip(figures, months):
        if month is None:
            named = None
        elif isinstance(month, tuple):
            named = f"{calendar.month_name[month[1]]} {month[0]}"
        else:
            number = token_month(re.sub(r"[\s\-']*(\d{2}|\d{4})$", "", month)) or token_month(month)
            named = f"{calendar.month_name[number]} {f[5].end_time.year}" if number else None
        by_quarter.setdefault(f[5], set()).add(named)
        row = re.search(r"(\d+)$", str(f[7]))
        if f[5] == latest and named is not None and row is not None:
            each[int(row[1]) - 1] = named
    dated = {p: next(iter(named)) for p, named in by_quarter.items() if len(named) == 1 and None not in named}
    head = table.cmap.headers.get(col, "")
    if latest is not None and latest not in dated and None not in by_quarter.get(latest, {None}):
        # 'Latest period' of Aug-24 on some rows, Sep-24 on others: each figure dated with its own month, never all the
        # quarter's, said with how many are of each
        table.own_periods.update(each)
        counts = {m: list(each.values()).count(m) for m in dict.fromkeys(each.values())}
        table.report.add(table.cell(table.cmap.header_row, col), "period", head,
                         f"column {head!r} names the month each figure is of ({', '.join(f'{m} for {n}' for m, n in counts.items())}): "
                         f"{period_label(latest)}'s figures are briefed each dated with its own month", "info")
        return
    if not dated:
        return
    table.month_figures.update(dated)
    latest = max(dated)
    table.report.add(table.cell(table.cmap.header_row, col), "period", head,
                     f"column {head!r} names one month for each quarter's figures: those of "
                     f"{period_label(latest)} are {dated[latest]}'s, briefed as the quarter's and dated with their month", "info")


def _typed_unit(table: Table, ident: str, name: str, given: str, units: set, seen: dict, figures: list | None = None,
                lo: int = 0, hi: int = 0) -> str:
    """The unit a row's figures were typed in (``12 days``): the measure's where it has none (said aloud), a warning
    naming the cell where it disagrees with the measure's unit or the figures disagree among themselves.

    ``seen`` keeps, for each measure, the unit and cell already said, so a long table (one row per period)
    says each once and warns where one row's unit differs from another's.
    """
    typed = getattr(units, "typed", {})
    rows = table.sheet.rows
    scale = money_unit(given)
    multiplied = [rc for cells in typed.values() for rc in cells if _MULTIPLIED.match(_text(_get(rows[rc[0]], rc[1])))]
    if scale and multiplied:
        # "£1.2m" under a unit of £m is read as 1,200,000 pounds: the figures are in pounds, never "£1,200,000m"
        rc = multiplied[0]
        typed_as = _text(_get(rows[rc[0]], rc[1]))
        # (a figure typed as text with no multiplier, '350' or '£350', is plain too: in the column's thousands)
        plain = [(rc[0], c) for c in value_columns(table)
                 if isinstance(v := _get(rows[rc[0]], c), (int, float)) and not isinstance(v, bool)
                 or isinstance(v, str) and parse_number(v).value is not None and not _MULTIPLIED.match(_text(v))]
        sizes = [v for m in multiplied if (v := parse_number(_get(rows[m[0]], m[1])).value) is not None]
        if plain and figures is not None and sizes:
            # '£412k' beside plain '350' under '(£000)': the multiplier says its size, the plain ones are in the column's
            # thousands; the typed one is put in thousands too (412), never £412,000 against a target of £350
            factor = {"k": 1e3, "m": 1e6, "bn": 1e9}[scale]
            figures[lo:hi] = [(*(x / factor if any(abs(x - v) <= 1e-9 * max(1.0, abs(v)) for v in sizes) else x
                                 for x in f[:4]), *f[4:]) for f in figures[lo:hi]]
            said = (f"{name or 'this measure'}: {typed_as!r} is typed with its multiplier beside plain figures "
                    f"({_text(_get(rows[plain[0][0]], plain[0][1]))!r} at {table.cell(*plain[0])}) under a unit of {given!r}: read "
                    f"as {sizes[0] / factor:g} in {given}, as the plain ones are", "info")
        elif plain:
            said = (f"{name or 'this measure'} mixes figures typed with their multiplier ({typed_as!r}) and plain ones "
                    f"({_get(rows[plain[0][0]], plain[0][1])!r} at {table.cell(*plain[0])}) under a unit of {given!r}: "
                    "perfkit cannot tell which are in pounds; type them all one way", "warning")
        else:
            said = (f"{name or 'this measure'}: figures typed like {typed_as!r} are read in pounds; unit £, not the column's "
                    f"{given!r}", "info")
        if (ident, "scaled") not in seen:  # said once a measure (a long table gives it a row a period)
            seen[(ident, "scaled")] = rc
            table.report.add(table.cell(*rc), "unit", _get(rows[rc[0]], rc[1]), *said)
        return given if said[1] == "info" and plain else "£"
    kept = _one_time_unit(table, name, given, typed, figures, lo, hi)
    if kept is not None:  # '2 weeks' beside '12 days': read as 14 days, said at the cell
        return given or kept
    everything = {u: cells[0] for u, cells in typed.items()}
    first = {u: rc for u, rc in everything.items() if u not in ("%", "£")}  # the word units: 12 days, 118 kg
    shown = ", ".join(f"{_text(_get(rows[rc[0]], rc[1]))!r} at {table.cell(*rc)}" for rc in first.values())
    if given:
        for u, rc in everything.items():
            if (ident, u) in seen:
                continue
            seen[(ident, u)] = rc
            if not unit_agrees(u, given):
                table.report.add(
                    table.cell(*rc), "unit", _get(rows[rc[0]], rc[1]),
                    f"{name or 'this measure'}: {_text(_get(rows[rc[0]], rc[1]))!r} is typed in {u}, but the measure's unit is "
                    f"{given!r}: the figure is read {_as_number(_get(rows[rc[0]], rc[1]))}in {given}; correct the "
                    "figure or the unit", "warning",
                )
        return given
    if not first:
        return ""  # only % or £: the measure's unit is that, as before
    others = sorted(units & {"%", "£"})
    if len(typed) == 1 and not others:
        u = next(iter(typed))
        rc = first[u]
        before = seen.get(ident)
        if before is None:
            seen[ident] = (u, rc)
            table.report.add(table.cell(*rc), "unit", _get(rows[rc[0]], rc[1]),
                             f"{name or 'this measure'}: unit {u!r} taken from its figures as typed ({shown})", "info")
        elif before[0] != u:
            table.report.add(
                table.cell(*rc), "unit", _get(rows[rc[0]], rc[1]),
                f"{name or 'this measure'} has figures typed in different units ({shown}, "
                f"{_text(_get(rows[before[1][0]], before[1][1]))!r} at {table.cell(*before[1])}): perfkit cannot compare them; "
                "type every figure in one unit, or give the measure a Unit column", "warning",
            )
        return u
    table.report.add(
        table.cell(*next(iter(first.values()))), "unit", "",
        f"{name or 'this measure'} has figures typed in different units ({shown}{', and ' + ' and '.join(others) if others else ''}): "
        "perfkit cannot compare them; type every figure in one unit, or give the measure a Unit column", "warning",
    )
    return ""


def _missing_note(table: Table, r: int, c: int, value, label: str) -> str:
    """Say why an actual holds no figure (``<5`` suppressed, ``n/a``, ``..``), naming its cell; the reason, for the frame."""
    typed = _text(value)
    # "Ddim ar gael / Not available": the reason either language gives, never an empty one
    reason = missing_reason(value) or next((m for part in language_parts(typed) if (m := missing_reason(part))), "") or "no figure"
    if reason == "suppressed":
        bound = re.search(r"\d+(?:\.\d+)?", typed)
        never = f", never as {bound[0]}" if bound else ""
        what = "a suppressed value (withheld to protect small numbers)"
    else:
        never, what = "", reason
    table.report.add(table.cell(r, c), "actual", value, f"actual {typed!r} for {label} is {what}: recorded as missing{never}", "info")
    return reason


def _only_marks(table: Table, col: int, data) -> bool:
    """A column whose cells are all blank or marks such as ``-`` or ``TBC`` (none suppressed): a quarter not reported yet."""
    rows = table.sheet.rows
    marks = False
    for r, _ in data:  # stops at the first figure, so a reported column costs one cell or so
        v = _get(rows[r], col)
        if _blank(v):
            continue
        if not isinstance(v, str) or missing_reason(v) not in ("not available", "to be confirmed", "not due"):
            return False
        marks = True
    return marks


def _period_column_beside_quarters(table: Table, col: int, data, reported: list) -> None:
    """A column giving each row its own period (``Time period``: ``2023/24``, ``2021``, ``2021 - 23``, as an outcomes
    framework prints Fingertips' latest data) beside figures read as quarters' (``Value`` and ``Previous value``, dated
    by the file's name): said as a warning where any row's period is not the quarter its figure is read as, since the
    briefing would otherwise date every figure by the report, not by the data."""
    rows, cmap = table.sheet.rows, table.cmap
    latest = max(span.end for span, _ in reported)
    own, other = [], []
    for r, _ in data:
        v = _get(rows[r], col)
        if _blank(v):
            continue
        try:
            end, _month = row_period(v, "", table.year)
        except PooledPeriod:  # "2021 - 23": three calendar years, another period all the same
            end = None
        except (PeriodError, ValueError):
            continue  # no period at all ("Decisions" under a band): says nothing either way
        (own if end == latest else other).append((r, _text(v)))
    header = cmap.headers.get(col, "")
    if not other:
        if own:
            table.report.add(table.column_range(col, [r for r, _ in own]), "period", own[0][1],
                             f"column {header!r} names the quarter the figures are read as ({period_label(latest)}) on every row", "info")
        return
    values = list(dict.fromkeys(t for _, t in other))
    shown = ", ".join(map(repr, values[:5])) + (f" and {len(values) - 5} more" if len(values) > 5 else "")
    read_as = " and ".join(dict.fromkeys(span.label for span, _ in sorted(reported, key=lambda x: x[0].end)))
    sheet = toml_string(table.sheet.name)
    if len(other) * 2 < len(data):
        # a scorecard of the quarter's figures with a few a period behind ('Q1 2024/25' beside the Q2 column): said of
        # each, never a warning that holds the brief; a table of indicators each with its own period is warned of below
        table.report.add(table.column_range(col, [r for r, _ in other]), "period", other[0][1],
                         f"column {header!r} gives {len(other)} of the {len(data)} measures a period of their own ({shown}): "
                         f"their figures are read as {read_as}, as the columns beside it say", "info")
        return
    table.report.add(
        table.column_range(col, [r for r, _ in other]), "period", other[0][1],
        f"column {header!r} gives {len(other)} of the {len(data)} measures a period of their own ({shown}), but their "
        f"figures are read as {read_as} from the columns beside it: the briefing would date them wrongly. perfkit briefs "
        f"quarters and financial years and does not read a table of indicators each with its own published period (an "
        f"outcomes framework): mark the sheet [sheets.{sheet}] kind = \"ignore\" in perfkit.toml; if the figures are for "
        f"{period_label(latest)} after all, put {toml_string(header)} = \"ignore\" under [sheets.{sheet}.columns]",
        "warning")


_NO_TARGET = (np.nan, np.nan, np.nan)
_TARGET_TO_DATE = re.compile(r"(?i)\bytd\b|year[\s-]to[\s-]date|\bto\s+date\b|\bprofiled\b")


# What a unit column holds: a unit perfkit knows (days, kg, per 1,000), or the words officers use for the kind of figure
_UNIT_LIKE = re.compile(r"(?i)^\s*(?:.*[%£$#:\d].*|no\.?|nr|num(?:ber)?s?\b.*|count|percent(?:age)?s?|per\s*cent|rates?\b.*|ratios?|"
                        r"index|score|points?|time|costs?\b.*|value|amount|total|average|mean|median|cash|currency|money|"
                        r"proportion|share|.*\bper\b.*|.*\(.*\).*|[a-z]{1,3})\s*$")


def _year_to_date_status_aside(table: Table) -> None:
    """A status column of the year to date (``Target met YTD?``, ``YTD RAG``) beside quarters' figures that are read
    while the year-to-date figure is not: the status of a figure perfkit does not read, never the latest quarter's, said.
    Read as the quarter's, a repairs contract's Q2 was judged by its year-to-date verdicts and four polarities were
    worked out backwards from them."""
    cmap = table.cmap
    col = cmap.fields.get("reported_status")
    if col is None or col in cmap.configured or not _YTD_HEAD.search(cmap.headers.get(col, "")):
        return
    figures = [pc for pc in cmap.period_columns if pc.field == "actual"]
    own = cmap.fields.get("actual")
    months_only = all(token_month(pc.token) is not None for pc in figures)
    if not figures or any(_YTD_HEAD.search(pc.header) for pc in figures) or (
            months_only and own is not None and _YTD_HEAD.search(cmap.headers.get(own, ""))):
        # "Q2 YTD" columns, or a board pack's months beside "YTD Actual | YTD Target | YTD RAG": the year to date is what
        # is read, and this its status
        return
    del cmap.fields["reported_status"]
    cmap.set_aside[col] = "the status of the year to date, beside the quarters' own figures"
    header = cmap.headers.get(col, "")
    table.report.add(table.cell(cmap.header_row, col), "reported_status", header,
                     f"column {header!r} is the status of the year to date, not of a quarter: not read (each quarter is "
                     f"rated from its own figure against its target); to read it as the latest quarter's status, put "
                     f"{toml_string(header)} = \"reported_status\" under [sheets.{toml_string(table.sheet.name)}.columns] in "
                     "perfkit.toml", "info")


def kinds_not_units(words) -> bool:
    """Whether the words of a column read as the unit by its header are kinds of measure (``Perception``,
    ``Management information``), none of them a unit.

    Examples
    --------
    >>> kinds_not_units({"Perception", "Management information"}), kinds_not_units({"%", "days"})
    (True, False)
    """
    words = set(words) - {""}
    return bool(words) and not any(canonical_unit(w) or _UNIT_LIKE.match(w) or any(canonical_unit(t) for t in w.split())
                                   for w in words)


def _types_not_units(table: Table, data) -> None:
    """A column read as the unit by its header (``Measure type``) that holds kinds of measure, not units (``Perception``,
    ``Management information``, as a landlord's satisfaction return sorts them): not the unit, said. Read as units, every
    figure was written '29.4 Perception' and the percentages lost their sign."""
    cmap = table.cmap
    col = cmap.fields.get("unit")
    if col is None or col in cmap.configured:
        return
    if not kinds_not_units(words := {_text(_get(table.sheet.rows[r], col)) for r, _ in data}):
        return
    del cmap.fields["unit"]
    cmap.unmapped.append(col)
    shown = ", ".join(map(repr, sorted(words)[:4]))
    table.report.add(table.cell(cmap.header_row, col), "unit", cmap.headers.get(col, ""),
                     f"column {cmap.headers.get(col, '')!r} holds {shown}, kinds of measure rather than units: not read as the "
                     f"unit (the figures keep the units they are typed or formatted with); to read it so, put "
                     f"{toml_string(cmap.headers.get(col, ''))} = \"unit\" under [sheets.{toml_string(table.sheet.name)}.columns] "
                     "in perfkit.toml", "info")


def _report_last_years_quarters(table: Table, last_year: list[tuple[int, int, str]]) -> None:
    """One note per column of an earlier year's quarter (``Q3 2023/24`` beside a 2024/25 return) whose figures had only
    the sheet's own targets to go by: those are this year's, so the quarter is data only, and its change to this year is
    the figures', never a status's."""
    by_col: dict[int, list] = {}
    for r, c, label in last_year:
        by_col.setdefault(c, []).append((r, label))
    fy = f"{table.year - 1}/{table.year % 100:02d}"
    for c, cells in by_col.items():
        header = table.cmap.headers.get(c, "")
        table.report.add(table.column_range(c, [r for r, _ in cells]), "target", header,
                         f"column {header!r} holds {cells[0][1]}, a quarter of an earlier year: the sheet's targets are "
                         f"{fy}'s, not that quarter's, so its {len(cells)} figure{'s' * (len(cells) != 1)} are data only "
                         f"(to rate them, give that quarter's targets in a column of their own, e.g. 'Target {cells[0][1]}')",
                         "info")


def _period_not_understood(table: Table, value, exc: PeriodError) -> str:
    """Why a long table's period cell is refused, and what to type: a calendar year (``2023``, as public health indicators
    are published) is said as one, with the two ways out."""
    said = _text(value).strip()
    if re.fullmatch(r"(?:19|20)\d{2}", said):
        sheet = table.sheet.name.replace('"', '\\"')
        return (f"period {said!r} is a calendar year (January to December): perfkit reports financial years (April to March) "
                f"and their quarters, so it cannot place it. Write the financial year it stands for (e.g. {said}/"
                f"{(int(said) + 1) % 100:02d}), or, where the sheet holds published indicators each of its own period, mark it "
                f"[sheets.\"{sheet}\"] kind = \"ignore\" in perfkit.toml and read it as comparison data with perfkit.read_comparators")
    return f"period not understood: {exc.args[0]}"


def _report_pooled_rows(table: Table, col: int, pooled: list, every: bool) -> None:
    """One problem for a long table's rows whose period pools several years (``2016-18``): left out with a warning
    where other rows are read, refused where none is, naming the cells and saying what to do."""
    rows = [r for r, _ in pooled]
    values = list(dict.fromkeys(_text(v) for _, v in pooled))
    shown = ", ".join(map(repr, values[:4])) + ("..." if len(values) > 4 else "")
    sheet = table.sheet.name.replace('"', '\\"')
    what = (f"periods {shown} pool several years, as Fingertips and the ONS publish them ({len(rows)} row{'s' * (len(rows) != 1)}), "
            "not a month or one financial year: perfkit reports quarters, half-years and financial years, none of which holds a "
            "pooled figure")
    if every:
        table.report.add(table.column_range(col, rows), "period", values[0],
                         f"{what}. Mark the sheet [sheets.\"{sheet}\"] kind = \"ignore\" in perfkit.toml and read its figures as "
                         "comparison data with perfkit.read_comparators")
    else:
        table.report.add(table.column_range(col, rows), "period", values[0],
                         f"{what}: those rows are left out and the other periods read. Check that is right (then perfkit brief "
                         "--accept-warnings), or move the pooled rows to a sheet of their own and mark it [sheets.\"Name\"] "
                         "kind = \"ignore\" in perfkit.toml",
                         "warning")


def _number_cell(table: Table, r: int, c: int | None, field_: str, units: set):
    """A number from a cell as the officer sees it, reporting text that is not one. Returns (value or NaN, missing-kind).

    A cell formatted as a percentage (``0.0%`` holding 0.853) is 85.3 with unit ``%``.
    """
    if c is None:
        return np.nan, "absent"
    if table.sheet.errors and check_error(table, r, c, field_):  # most sheets have no error cells to ask about
        return np.nan, "error"
    row = table.sheet.rows[r]
    v = row[c] if c < len(row) else ""  # _get, without the call: this runs for every figure of a scorecard
    if v.__class__ is float and v == v:  # a figure, as most are: the rules below, briefly
        if (r, c) in table.formats:  # shown as a percentage
            units.update(("%", "~percent"))
            return v * 100, ""
        if 0 < abs(v) <= 1:
            units.add("~fraction")
            if isinstance(units, _RowUnits):
                units.fractions.append((r, c))
        return v, ""
    value, unit, missing = parse_number(v)  # unpacked once: this runs for every figure of a scorecard
    if missing == "text" and (named := _WORD_UNIT.fullmatch(_text(v).strip())) is not None and "name" in table.cmap.fields:
        # "2.0 shifts" for "Shifts lost to sickness per employee": a unit perfkit does not know, which the measure's name uses
        word = named[2].lower()
        if re.search(rf"(?i)\b{re.escape(word.removesuffix('s'))}s?\b", _text(_get(row, table.cmap.fields["name"]))):
            value, unit, missing = parse_number(named[1]).value, word if word.endswith("s") else f"{word}s", ""
    if missing == "blank" and field_ in ("target", "actual"):
        formula = unsaved_formula(table, r, c)
        if formula is not None:
            report_unsaved_formula(table, r, c, field_, formula, "read as blank, so the measure has " + (
                "no target (its status is Data only)" if field_ == "target" else "no actual for the period (recorded as missing)"))
            return np.nan, "formula"
    if missing == "text" and len(parts := language_parts(v)) == 2:
        # "Dim targed / No target", "85% / 85%": a cell written in two languages, read by the one part perfkit can read
        readable = [p.strip() for p in parts if parse_number(p).missing != "text" or field_ == "target" and NO_TARGET.match(p.strip())
                    or field_ == "actual" and not_yet_in(p.strip())]  # "Adroddir yn Ch4 / Reported at Q4"
        if len(readable) == 1 or len(readable) == 2 and parse_number(readable[0])[:2] == parse_number(readable[1])[:2]:
            v = readable[0]
            value, unit, missing = parse_number(v)
    if missing == "text" and field_ == "actual" and not_yet_in(v):
        return np.nan, "placeholder"  # "Data not yet available", "Awaited": said with its reason where the figure is read
    if missing == "text":
        if field_ == "target" and (NO_TARGET.match(_text(v)) or not_yet_in(v)):  # "No survey 2024/25": none this year
            table.report.add(table.cell(r, c), field_, v, f"target {_text(v)!r} read as no target: the measure's status is Data only", "info")
            return np.nan, "no target"
        if field_ == "target" and _WORDED_LEVEL.match(_text(v)):  # a contract's 'Maintained' (an accreditation kept): no figure
            table.report.add(table.cell(r, c), field_, v, f"target {_text(v)!r} is a level in words, with no figure to measure: "
                             "read as no target (the service's own rating, where it gives one, is the status)", "info")
            return np.nan, "no target"
        both = _WITH_TARGET.match(_text(v))
        if both and field_ == "actual" and isinstance(units, _RowUnits):
            # "95.2% (target 95%)": the figure is the actual and the bracket the period's target, each read as typed
            return _figure_and_target(table, r, c, both, units)
        if both:  # anywhere else (a target column, a cell outside a measure's row) the layout is said plainly
            table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} holds a figure and its target "
                             "in one cell: perfkit reads that only in a measure's actual columns; put the target in a column "
                             "of its own, headed Target")
            return np.nan, "text"
        clock = _SHORT_CLOCK.match(_text(v).strip())
        if clock:  # "0:48": minutes and seconds, or hours and minutes, as the measure's name says
            return _short_clock(table, r, c, field_, v, clock, units)
        if field_ == "actual" and _WORDS_ONLY.fullmatch(_text(v).strip()) and not _NUMBER_WORDS.search(_text(v)):
            # "No survey this year", "See commentary": words where the quarter's figure would be, never a number to correct:
            # no figure for the period, said with its words where the figure is read (as "n/a" is)
            return np.nan, "placeholder"
        if field_ == "actual" and (said := _BRACKETED.match(_text(v))) is not None and parse_number(said[1]).value is not None:
            return np.nan, "bracketed"  # "512.4 (Q1)": read where the column's period is known (_bracketed_figure)
        table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} is not a number")
        return np.nan, "text"
    if value is not None and (r, c) in table.formats:
        units.update(("%", "~percent"))
        return value * 100, ""
    if unit:
        units.add(unit)
        if unit == "%":
            units.add("~percent")
        if isinstance(units, _RowUnits):  # 12 days, 79%: the unit and the cell it was typed in
            units.typed.setdefault(unit, []).append((r, c))
            if unit == "%" and value is not None:
                units.typed_percents.append(abs(value))
    elif value is not None and not isinstance(v, str) and 0 < abs(value) <= 1:
        units.add("~fraction")
        if isinstance(units, _RowUnits):
            units.fractions.append((r, c))
    if isinstance(v, str) and v.strip().startswith("(") and value is not None:
        table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} read as {value:g}: brackets mean a negative figure", "info")
    return (np.nan if value is None else value), missing


_WORD_UNIT = re.compile(r"([-+]?\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]{3,20})")


def _percent_cells(table: Table, cols: list[int], row_idx: list[int]) -> None:
    """Find the number cells of these columns that Excel shows as percentages (only where a fraction is present)."""
    rows = table.sheet.rows
    cols = [c for c in cols if c is not None]
    if not cols or not row_idx:
        return
    fractional = any(
        isinstance(v, float) and -1.5 <= v <= 1.5 and v != 0
        for r in row_idx for c in cols if c < len(rows[r]) for v in (rows[r][c],)
    )
    if fractional:
        table.formats = table.sheet.percent_cells(row_idx, cols)


def polarity_lookup(opts: Options) -> dict[str, str]:
    """Polarity words (``higher is better``, ``Descending``...) to ``higher``, ``lower`` or ``range``, with ``perfkit.toml``'s own."""
    lookup = dict(_POLARITY)
    lookup.update({norm_word(k): v for k, v in opts.config.polarity_words.items()})
    return lookup


def polarity_word(lookup: dict[str, str], value) -> str | None:
    """A polarity cell's meaning: its words (``Higher is better``), with an arrow beside them (``↑ Higher is better``) or alone.

    Examples
    --------
    >>> polarity_word({"higher is better": "higher", "↑": "higher"}, "↑ Higher is better"), polarity_word({"↓": "lower"}, "↓")
    ('higher', 'lower')
    >>> polarity_word({"n/a": "none", "data only": "none"}, "n/a – data only")
    'none'
    >>> polarity_word({}, "Good is high"), polarity_word({}, "Good performance is a lower figure")
    ('higher', 'lower')
    """
    word = norm_word(value)
    found = lookup.get(word)
    if found is None:
        bare = word.strip("↑↓ ").strip()
        found = lookup.get(bare) if bare else None
    if found is None and word[:1] in "↑↓" and word[1:].strip() in ("is good", "is better", "good", "better", "is best", "best"):
        found = "higher" if word[0] == "↑" else "lower"  # "↑ is good": the arrow says which way
    if found is None and (good := _GOOD_IS.match(word)) is not None:  # "Good is high", "Good performance is a lower figure"
        found = "higher" if good["way"].startswith(("high", "up", "more", "increas", "big", "great")) else "lower"
    if found is None and 1 < len(word.split()) <= 4 and not re.search(r"\d", word):
        found = {"increase": "higher", "reduce": "lower", "decrease": "lower", "maximise": "higher", "minimise": "lower",
                 "improve": None}.get(word.split()[0])  # "Increase reporting": the aim its first word says
    parts = _POLARITY_PARTS.split(_text(value)) if found is None else []
    if len(parts) > 1:  # "n/a - data only", "Lower (fewer is better)": parts whose known meanings agree
        meanings = {lookup.get(norm_word(p).strip("↑↓ ").strip()) for p in parts if norm_word(p)}
        known = meanings - {None}
        found = known.pop() if len(known) == 1 else None
    return found


_GOOD_IS = re.compile(r"^(?:good|better|best)(?:\s+performance)?\s*(?:is|=|:)?\s*(?:an?\s+)?(?P<way>high(?:er)?|low(?:er)?|up|down|more|"
                      r"less|fewer|increas\w*|decreas\w*|bigger|smaller|greater)(?:\s+(?:number|figure|value|score|rate|percentage))?$")
_POLARITY_PARTS = re.compile(r"\s+[-–—/]\s+|[(),;:\n]")


_WITH_TARGET = re.compile(r"(?i)^\s*([-£$]?[\d.,]+\s*%?\s*[a-z]{0,8})\s*[(\[]\s*(?:target|tgt|aim)\b\s*(?:of|is|was)?\s*[:=]?"
                          r"\s*([^)\]]*?)\s*[)\]]?\s*$")


_SHORT_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)$")
# A figure reported later in the year: 'Annual', 'Reported annually', 'Annual – reported at Q4' (the quarter it comes in, if named)
def _reported_later_said(comment: str):
    """A comment beside a figure not yet available that opens by saying when it is reported ('Annual - reported at Q4'):
    :data:`_REPORTED_LATER`'s match, or None (never a comment that only mentions a year, 'Annual target at risk')."""
    if not comment or len(comment) > 80 or not _SAYS_WHEN.match(comment):
        return None
    return _REPORTED_LATER.search(comment)


_SAYS_WHEN = re.compile(r"(?i)^\s*(?:annual(?:ly)?|year[\s-]end|six[\s-]?monthly|half[\s-]?yearly|reported\s+(?:(?:at|in)\s+)?q[1-4])"
                        r"(?:\s+(?:measure|indicator|figure|data|kpi))?\s*(?:[-–—:,.;(]|$|reported|only|at|in)")
_REPORTED_LATER = re.compile(r"(?i)^(?=.*\b(?:annual(?:ly)?|year[\s-]end|six[\s-]?monthly|half[\s-]?yearly|reported\s+(?:(?:at|in)\s+)?q[1-4]))"
                             r"(?:.*?\b(?:at|in)?\s*q([1-4])\b)?")
# A figure with the period it is of, or a word about it, in brackets: "512.4 (Q1)", "93.7% (Aug-24)", "78.8% (2021/22)"
_BRACKETED = re.compile(r"^\s*([-£$]?[\d.,]+\s*%?)\s*[(\[]\s*([^)\]]{1,40}?)\s*[)\]]\s*$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS_ONLY = re.compile(r"(?i)(?:\s|[-–/&,.']|to|and|only|\d{2,4}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
                          r"july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)+")


def _bracketed_figure(table: Table, r: int, c: int, span: Span | None, units: set):
    """A figure typed with the period it is of in brackets (``512.4 (Q1)``, ``93.7% (Aug-24)``, ``183.9 (Jul–Aug only)``,
    as a Better Care Fund or IJB return gives each metric's latest): read as the column's figure where the period it names
    falls in the column's (said), recorded as missing where it names another (a warning: the figure is that period's, never
    this one's), and read with its words said where the bracket names no period. Returns (value or NaN, missing-kind)."""
    v = _text(_get(table.sheet.rows[r], c))
    said = _BRACKETED.match(v)
    value, unit, _ = parse_number(said[1])
    inner = said[2]
    own, months = None, []
    if span is not None:
        try:
            from_text = parse_span(inner)
            own = (from_text.start, from_text.end, from_text.kind)
        except PeriodError:
            q = re.fullmatch(r"(?i)q([1-4])", inner.strip())
            # months alone ("Jul–Aug only", "Aug"), never a word that starts like one ("may be revised")
            months = [i for i, m in enumerate(_MONTHS) if re.search(rf"(?i)\b{m}", inner)] if _MONTHS_ONLY.fullmatch(inner) else []
            if q:
                own = (span.end - (span.end.quarter - int(q[1])),) * 2 + ("quarter",)
            elif months:
                quarters = {span.end - (span.end.quarter - ((m - 3) % 12 // 3 + 1)) for m in months}
                own = (min(quarters), max(quarters), "months") if len(quarters) == 1 else None
    where = table.cell(r, c)
    if service_plans.CUMULATIVE_WORDS.search(inner):  # "274.9 (YTD)": the year to date, so the measure is cumulative
        table.to_date.add(_text(_get(table.sheet.rows[r], table.cmap.fields.get("name", table.cmap.fields.get("measure_id", c)))))
        table.report.add(where, "actual", v, f"actual {v!r} read as {value:g}" + (f" for {span.label}" if span is not None else "")
                         + ", the year to date, as its brackets say: the measure is read as cumulative", "info")
    elif span is None or own is None:
        table.report.add(where, "actual", v, f"actual {v!r} read as {value:g}, the words in brackets ({inner!r}) kept aside"
                         + (f" for {span.label}" if span is not None else ""), "info")
    elif own[0] == span.end and own[1] == span.end:
        table.report.add(where, "actual", v, f"actual {v!r} read as {value:g} for {span.label}: the period in brackets "
                         f"({inner!r}) falls in it" + (", the figure of part of the quarter" if own[2] == "months" and len(months) < 3
                                                       else ""), "info")
    else:
        table.report.add(where, "actual", v, f"actual {v!r} is the figure of {inner!r}, not of {span.label} (the column's "
                         f"period): recorded as missing for {span.label}; give the figure in its own period's column, or leave "
                         "the cell blank", "warning")
        return np.nan, "another period"
    if unit:
        units.add(unit)
        if unit == "%":
            units.add("~percent")
    return value, ""


# A measure's unit in minutes or hours alone, as a name's bracket or a unit column gives it: "(mins)", "Minutes", "(hrs)"
_CLOCK_IN = re.compile(r"(?i)(?:^|\(|\bin\s+)\s*(mins?|minutes|hrs?|hours)\s*(?:\)|$)")


def _short_clock(table: Table, r: int, c: int, field_: str, v, clock: re.Match, units: set):
    """A time typed as text with two parts (``0:48``): read in minutes where the measure's name (or unit) says which
    parts they are (``Average webchat wait (m:ss)``, ``(hh:mm)``), else an error giving what to type."""
    row = table.sheet.rows[r]
    said = " ".join(_text(_get(row, table.cmap.fields[f])) for f in ("name", "unit") if f in table.cmap.fields)
    a, b = int(clock[1]), int(clock[2])
    if MIN_SEC.search(said):
        units.add("minutes")
        return round(a + b / 60, 4), ""
    if HOUR_MIN.search(said):
        units.add("minutes")
        return float(a * 60 + b), ""
    if b < 60 and (unit := _CLOCK_IN.search(said)) is not None:
        # "Response time, first appliance (mins)" over '8:44': in minutes, so its parts are minutes and seconds; "(hours)"
        # over '1:30', hours and minutes; said once a measure
        minutes = unit[1].lower().startswith("m")
        if (r, "clock") not in table.said_once:
            table.said_once.add((r, "clock"))
            table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} read as "
                             f"{a} {'minutes' if minutes else 'hours'} {b} {'seconds' if minutes else 'minutes'}, as the measure's "
                             f"name or unit gives it in {unit[1]!r}", "info")
        units.add("minutes")
        return (round(a + b / 60, 4) if minutes else float(a * 60 + b)), ""
    table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} could be minutes and seconds or "
                     f"hours and minutes: type it as {a}m {b:02d}s or {a}h {b:02d}m, or say which in the measure's name "
                     "('(m:ss)' or '(h:mm)')")
    return np.nan, "text"


def _figure_and_target(table: Table, r: int, c: int, both: re.Match, units: _RowUnits):
    """An actual typed with its target in brackets (``95.2% (target 95%)``): the figure, and the target kept for the cell.

    The target goes to ``units.cell_targets`` (NaN where the bracket gives none, such as ``(target not set)``); a cell
    whose figure is not a number is a problem naming it, as any other actual.
    """
    figure = parse_number(both[1])
    if figure.value is None:
        table.report.add(table.cell(r, c), "actual", _get(table.sheet.rows[r], c),
                         f"actual {_text(_get(table.sheet.rows[r], c))!r}: {both[1].strip()!r} before the target is not a number")
        return np.nan, "text"
    aim = parse_number(both[2]) if both[2] else None
    target = aim.value if aim is not None and aim.value is not None else np.nan
    for unit in (figure.unit, aim.unit if aim is not None and aim.value is not None else None):
        if unit:
            units.add(unit)
            units.typed.setdefault(unit, []).append((r, c))
            if unit == "%":
                units.add("~percent")
                units.typed_percents.append(abs(figure.value))
    units.cell_targets[(r, c)] = target
    return figure.value, ""


def asks_if_met(header: str) -> bool:
    """Whether a status column's header asks if the target was met ('Target met?', 'Standard achieved', 'Compliant?'), so
    that Yes and No are its answers."""
    return len(header) <= 30 and re.search(r"(?i)\b(met|achieved|compliant)\s*\??(?:\s|$)", header) is not None


def kpi_status_scale(scale: StatusScale, opts: Options, answers: bool) -> StatusScale:
    """The words a measure's status column is read with: the scale's, with 'Achieved' and 'Met' as Green (a target met,
    never a measure complete), a tick Green and a cross Red, and, where a header asks if the target was met (``answers``),
    Yes Green and No Red; each such word is said aloud where read. Words perfkit.toml gives keep their meaning."""
    kpi_scale = scale.with_synonyms({w: "Green" for w in ("achieved", "target achieved", "met", "target met")
                                     if scale.normalise(w) != "Green" and "Green" in scale.names
                                     and w not in opts.config.status_words})
    answered: tuple = ()
    if answers and {"Green", "Red"} <= set(scale.names):  # "Standard met?" Yes / No: the officer's own answer
        # 'Y' is Yellow (Amber) only where a column holds colours: under "Met? (Y/N)" it is yes
        yes_no = {w: st for w, st in (("yes", "Green"), ("y", "Green"), ("no", "Red"), ("n", "Red"))
                  if w not in opts.config.status_words and (kpi_scale.normalise(w) is None or w == "y")}
        kpi_scale = kpi_scale.with_synonyms(yes_no)
        answered = tuple(yes_no)  # each said aloud where read: 'N' is not met, Red, though the figure may be within the tolerance
    marks = {w: st for w, st in (("✓", "Green"), ("✗", "Red")) if w not in opts.config.status_words and kpi_scale.normalise(w) is None
             and st in scale.names}
    if marks:  # a tick beside a measure's figures is its target met, a cross not met (a key or perfkit.toml may say otherwise)
        kpi_scale = kpi_scale.with_synonyms(marks)
    return StatusScale(kpi_scale.statuses, kpi_scale.name, (*scale.approximate, *marks, *answered))  # each such word still said aloud


def _polarity_guess(word: str) -> str:
    """What to show in an example line for an unknown polarity word: its own meaning where its words say it, else a blank."""
    low = word.lower()
    if any(w in low for w in ("max", "increase", "high", "more", "up", "grow")):
        return "higher"
    if any(w in low for w in ("min", "reduc", "decrease", "low", "less", "down", "fewer")):
        return "lower"
    return ""


def _measure_polarities(table: Table, opts: Options, data, has_targets: list[bool], names: list[str], has_ranges=None,
                        aims=None, ids=None, missing_out: list | None = None, implied_out: dict | None = None) -> list[str]:
    """Each measure's polarity from its column, the configured words or default, or said aloud when unknown.

    Unknown words are one error for the column, listing them; a measure with a target
    and no polarity is listed by name, never silently rated as higher is better. A target
    typed as a bound or an aim (``≥ 95%``, ``Reduce``: ``aims``) gives the polarity where the
    column is blank, and is a warning where the column says the other way. ``implied_out``, where given, collects the
    measures a note's naming of others gives the other way (row -> (polarity, note)), for their statuses to have their say
    (:func:`_polarity_from_statuses`).
    """
    aims = aims or [None] * len(data)
    col = table.cmap.fields.get("polarity")
    rows = table.sheet.rows
    lookup = polarity_lookup(opts)
    default = opts.config.polarity_default
    out: list[str] = []
    unknown: dict[str, list[int]] = {}
    maintained: dict[str, list[int]] = {}  # "Maintain" beside a target, read as higher, said
    missing: list[tuple[int, str]] = []
    has_ranges = has_ranges or [False] * len(data)
    ids = ids if ids is not None else [None] * len(data)
    given = opts.config.measure_polarity
    meanings: dict = {}  # each word's meaning once: a column holds a few words over thousands of rows

    def meaning(v):
        if v.__class__ is not str:
            return polarity_word(lookup, v)
        if v not in meanings:
            meanings[v] = polarity_word(lookup, v)
        return meanings[v]

    noted = _polarity_in_notes(table, [r for r, _ in data], ids, None if "measure_id" in table.cmap.fields else names)
    every = None if noted else _polarity_for_all(table, [r for r, _ in data])
    if every is not None and (exc := _EXCEPTION_NAMED.search(_text(every[2]))) and not any(_excepted(_text(every[2]), n, i) for n, i in zip(names, ids)) \
            and not _excepted_at(_text(every[2]), 0, len(data)) and not _excepted_at(_text(every[2]), len(data) - 1, len(data)):
        # "... except home fire safety visits" naming no measure perfkit can find: the exception would be read the same way
        table.report.add(every[1], "polarity", every[2], f"{every[1]} says {every[0]} is better for every measure except "
                         f"{exc[1]!r}, which names no measure's name or reference here: every measure is read as {every[0]} is "
                         f"better; for the exception, put its name = \"{_OTHER_WAY[every[0]]}\" under [measures.polarity] in perfkit.toml",
                         "warning")
    # "Good performance is" on a Definitions sheet, by each measure's reference: the workbook's own polarity for each
    defined = _polarity_defined_elsewhere(table, ids) if col is None and any(has_targets) else {}
    for place, ((r, _), has_target, name, has_range, aim, ident) in enumerate(zip(data, has_targets, names, has_ranges, aims, ids)):
        v = _get(rows[r], col) if col is not None else ""
        # [measures.polarity] by reference, name, or "Place 3" (the reference after its directorate's tab, as perfkit reads
        # one that two directorates' tabs both use)
        key = own_key(given, str(ident) if ident is not None else "", name, table.sheet.name) if given else None
        if not v and str(ident) in defined and key is None \
                and meaning(defined[str(ident)][0]) is not None:  # a word the definitions give that perfkit knows
            v, where = defined[str(ident)]
            table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", v,
                             f"{name or ident}: {meaning(v)} is better, as {where} says of {ident}", "info")
        if every is not None and _blank(v) and key is None:
            # "Lower is better for every indicator" in a title or a note: every measure the sheet does not say otherwise of;
            # "(higher is better unless marked ↓)": a measure whose name carries the mark the other way
            mark = re.search(r"(?i)\bunless\s+(?:marked|shown)\s+(?:with\s+)?(?:an?\s+)?([↓↑▼▲])", _text(every[2]))
            if _excepted(_text(every[2]), name, ident) or _excepted_at(_text(every[2]), place, len(data)):
                # "Lower is better for all indicators except home fire safety visits": that one the other way, as it says
                out.append(_OTHER_WAY[every[0]])
                table.report.add(table.cell(r, col if col is not None else table.cmap.fields.get("name", 0)), "polarity",
                                 _OTHER_WAY[every[0]], f"{name or ident}: {_OTHER_WAY[every[0]]} is better, as {every[1]} says "
                                 f"by naming it as the exception ({_text(every[2])[:80]!r})", "info")
                continue
            if mark is not None and mark[1] in (name or ""):
                out.append(_OTHER_WAY[every[0]])
                table.report.add(table.cell(r, col if col is not None else table.cmap.fields.get("name", 0)), "polarity",
                                 _OTHER_WAY[every[0]], f"{name or ident}: {_OTHER_WAY[every[0]]} is better, as its mark {mark[1]} "
                                 f"says ({_text(every[2])[:80]!r} at {every[1]})", "info")
                continue
            out.append(every[0])
            table.report.add(table.cell(r, col if col is not None else table.cmap.fields.get("name", 0)), "polarity", every[0],
                             f"{name or ident}: {every[0]} is better, as {every[1]} says of every measure ({_text(every[2])[:80]!r})", "info")
            continue
        if noted and _blank(v) and (has_target or str(ident) in noted) and key is None \
                and (str(ident) in noted or len({way for way, _, _ in noted.values()}) == 1):
            # (a note naming measures both ways implies nothing of those it leaves out: asked in the warning)
            # "Lower is better for WMT009 and WMT011": those two as it says, the others the other way, which it implies
            way, where, note = noted.get(str(ident)) or next(iter(noted.values()))
            found = way if str(ident) in noted else _OTHER_WAY[way]
            out.append(found)
            if str(ident) not in noted and implied_out is not None:
                implied_out[r] = (found, name or ident, where, note)
                continue
            table.report.add(table.cell(r, col if col is not None else table.cmap.fields.get("name", 0)), "polarity", found,
                             f"{name or ident}: {found} is better, as the note at {where} says"
                             + ("" if str(ident) in noted else " by naming the measures where it is not") + f" ({_text(note)[:80]!r})", "info")
            continue
        setting = given[key] if key is not None else None
        if setting is not None:  # [measures.polarity] names this measure: what the officer says
            out.append(setting)
            table.report.add(table.cell(r, col if col is not None else table.cmap.fields.get("name", 0)), "polarity", setting,
                             f"{name or ident}: {setting} is better, as {opts.config.where} [measures.polarity] says", "info")
            continue
        empty = _blank(v)
        bound = not empty and _polarity_bound(v)  # "At or above 2,150": its target gave the aim
        if aim is not None and (empty or norm_word(v) in lookup or bound):
            found = meaning(v) if not empty and not bound else aim
            if found != aim:
                table.report.add(table.cell(r, col), "polarity", v,
                                 f"{name or 'this measure'}: its polarity {_text(v)!r} says {found} is better, but its target says "
                                 f"{aim} is better: read as {found}, as the polarity column says; correct whichever is wrong", "warning")
            out.append(found or aim)
            continue
        if empty and has_range:
            out.append("range")  # a target written as a range (90-95%) with no polarity: inside the range is met
            continue
        if empty:
            if has_target:
                missing.append((r, name))
                out.append(default or "higher")
            else:
                out.append("none")
            continue
        found = meaning(v)
        if found is None and _MAINTAIN.match(_text(v)):
            # "Maintain" beside a target (1,850 officers): kept at or above it, so higher is better, said with the line;
            # with no target, no way is better (a rise or a fall is said as such)
            found = "higher" if has_target else "none"
            if has_target:
                maintained.setdefault(_text(v), []).append(r)
        if found is None:
            unknown.setdefault(_text(v), []).append(r)
            out.append("none")
        else:
            out.append(found)
    for word, rs in maintained.items():
        table.report.add(table.column_range(col, rs), "polarity", word,
                         f"polarity {word!r} ({len(rs)} cell{'s' * (len(rs) != 1)}) read as higher is better: the figure kept at "
                         f"or above its target; if it is to be kept at or below it, put \"{word}\" = \"lower\" under [polarity.words] "
                         "in perfkit.toml", "info")
    if unknown:
        rows_all = sorted(r for rs in unknown.values() for r in rs)
        words = ", ".join(repr(w) for w in unknown)
        first = next(iter(unknown))
        table.report.add(
            table.column_range(col, rows_all), "polarity", first,
            f"polarity word{'s' * (len(unknown) != 1)} {words} not known ({len(rows_all)} cell{'s' * (len(rows_all) != 1)}): "
            f"say what {'they mean' if len(unknown) > 1 else 'it means'} in perfkit.toml under [polarity.words], e.g. \"{first}\" = "
            f"\"{_polarity_guess(first)}\" (higher, lower, range or none)",
        )
    if missing_out is not None:  # said once the officer's own statuses have had their say (_say_missing_polarity)
        missing_out.extend(missing)
    else:
        _say_missing_polarity(table, opts, missing, ids, data)
    return out


_MAINTAIN = re.compile(r"(?i)^\s*(?:maintain|maintained|maintenance|sustain|hold|keep|stable|steady|maintain\s+(?:current\s+)?(?:level|performance|position|levels))\s*$")


def known_polarity_word(lookup: dict[str, str], value) -> bool:
    """Whether reading knows a polarity cell's words (``Isel / Low``, ``↑ Higher is better``, ``Maintain``), so that
    ``perfkit init`` asks only of the others.

    Examples
    --------
    >>> known_polarity_word({"low": "lower"}, "Isel / Low"), known_polarity_word({}, "Maintain"), known_polarity_word({}, "Sideways")
    (True, True, False)
    """
    return polarity_word(lookup, value) is not None or bool(_MAINTAIN.match(str(value)))


def _say_missing_polarity(table: Table, opts: Options, missing: list[tuple[int, str]], ids, data, level=frozenset()) -> dict:
    """The measures with a target and no polarity, rated by the default: an info line where perfkit.toml sets the default,
    else a warning offering the lines that say otherwise. Those in ``level`` (by reference: at their target in every
    quarter read, never moving) are said in a note, since no figure depends on which way is better; returned, reference
    -> name."""
    said_level: dict = {}
    col = table.cmap.fields.get("polarity")
    default = opts.config.polarity_default
    rows = [r for r, _ in missing]
    seen: set = set()  # a long layout has a row per measure and period: each measure named once
    missing = [(r, n) for r, n in missing if not n or (n not in seen and not seen.add(n))]
    if not default:  # "% of licence applications determined within 28 days": more done in time is better, whoever reads it
        timely = {r for r, n in missing if _TIMELINESS.search(n or "")}
        for r, n in missing:
            if r in timely:
                table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", "higher",
                                 f"{n}: no polarity given, read as higher is better, as a share of things done in time is; if "
                                 "that is wrong, say so under [measures.polarity] in perfkit.toml", "info")
        missing = [(r, n) for r, n in missing if r not in timely]
        # "Jobs created (cumulative, against profile)", "New homes delivered": more made is better, whoever reads it
        made = {r: m for r, n in missing if (m := _made(n)) is not None}
        # "% of parents rating the process as good or better", "Residents satisfied with ...": more pleased is better
        made.update({r: m for r, n in missing if r not in made and (m := _PLEASED.search(n or "") or _REACHING.search(n or "")) is not None
                     and not _DISPLEASED.search(n or "")})
        # "Library visits", "Museum visitors", "Leisure centre attendances": more use of a venue is better
        made.update({r: m for r, n in missing if r not in made and (m := _VISITED.search(n or "")) is not None})
        # "Rent collected (%)", "Council tax collected": more of what is owed, collected, is better
        made.update({r: m for r, n in missing if r not in made and (m := _COLLECTED.search(n or "")) is not None})
        for r, n in missing:
            if r in made:
                what = ("a share of people content with a service" if _PLEASED.search(made[r][0]) else
                        "money collected of what is owed" if _COLLECTED.search(made[r][0]) else
                        "the use of a venue the public chooses to visit" if _VISITED.search(made[r][0]) else
                        "a share reaching a standard" if _REACHING.search(made[r][0]) else f"a count of {made[r][0].lower()}")
                table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", "higher",
                                 f"{n}: no polarity given, read as higher is better, as {what} is; if "
                                 "that is wrong, say so under [measures.polarity] in perfkit.toml", "info")
        missing = [(r, n) for r, n in missing if r not in made]
        head = table.cmap.headers.get(table.cmap.fields.get("name"), "")
        if missing and _OUTPUTS_HEAD.match(head):
            # "Output | Unit | Profile to date | Achieved to date": a funded programme's outputs, each more delivered better
            for r, n in missing:
                table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", "higher",
                                 f"{n}: no polarity given, read as higher is better, as an output a programme delivers "
                                 f"against its profile is (its column is headed {head!r}); if that is wrong, say so under "
                                 "[measures.polarity] in perfkit.toml", "info")
            missing = []
        at_target = dict(zip((r for r, _ in data), ids)) if level else {}
        for r, n in [(r, n) for r, n in missing if str(at_target.get(r)) in level]:
            # "92%" against a target of 92%, in every quarter read: green whichever way is better, and never moving, so the
            # polarity changes no figure the brief gives; said, never a warning that stops the brief
            missing.remove((r, n))
            said_level[str(at_target[r])] = n or str(at_target[r])
            table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", "",
                             f"{n or at_target[r]}: no polarity given, but its figure equals its target in every quarter "
                             f"read, so it is green whichever way is better and no figure depends on it; to give it one, put "
                             f"{toml_string(_officer_key(table, at_target[r], n))} = \"lower\" "
                             "(or \"higher\") under [measures.polarity] in perfkit.toml", "info")
    if missing:
        listed = ", ".join(n or f"row {r + 1}" for r, n in missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        where = table.column_range(col, rows) if col is not None else table.sheet.name
        if default:
            table.report.add(where, "polarity", "", f"{len(missing)} measure{'s' * (len(missing) != 1)} with no polarity taken as {default} is better, as {opts.config.where} says: {listed}", "info")
        else:
            # the line offered names the measure as the officer knows it: its reference, or its name where the sheet has none
            table.report.add(where, "polarity", "", _no_polarity_message([n or f"row {r + 1}" for r, n in missing],
                                                                        _first_key(table, missing, ids, data)), "warning")
    return said_level


_NO_POLARITY = "with a target but no polarity, rated as higher is better"
# A grant-funded programme's name column: "Output", "Outputs", "Output measure", "Outputs and outcomes"
_OUTPUTS_HEAD = re.compile(r"(?i)^\s*outputs?(?:\s+(?:measure|name|description|indicator))?\s*$")


def _no_polarity_message(names: list[str], first_key: str) -> str:
    """The warning for measures rated higher is better for want of a polarity, with the lines that say otherwise."""
    listed = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return (f"{len(names)} measure{'s' * (len(names) != 1)} {_NO_POLARITY}: {listed}. "
            "Add a 'Polarity' column (higher/lower), or name each in perfkit.toml under [measures.polarity]: "
            f"{toml_string(first_key)} = \"higher\" where more is better (as it is read now, then said), or "
            f"{toml_string(first_key)} = \"lower\" where less is; or set [polarity] default = \"higher\" if that is right for all")


_DEFINITIONS = re.compile(r"(?i)defin|glossary|metadata|technical|indicator|guidance|notes|lookup|key|read\s*me|about")


def _polarity_defined_elsewhere(table: Table, ids) -> dict[str, tuple[str, str]]:
    """The polarity a definitions sheet gives each measure, by reference (``KPI | Definition | Good performance is``
    on 'Definitions'): ``{reference: (word, cell)}``; empty where no such sheet names the table's references."""
    if "measure_id" not in table.cmap.fields:
        return {}
    refs = {str(i) for i in ids}
    spec = table.spec
    for name, rows in other_sheets(table, _DEFINITIONS, 400):
        for h, row in enumerate(rows[:20]):
            heads = {c: normalise_header(_text(v)) for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
            pol_col = next((c for c, w in heads.items() if w in spec.headers.get("polarity", ())), None)
            if pol_col is None:
                continue
            # the references' column by what it holds: 'KPI 1', 'KPI 2' under 'KPI' (a header that alone may be a name's)
            held = {c: sum(1 for r_ in rows[h + 1:] if _text(_get(r_, c)) in refs) for c in heads if c != pol_col}
            ref_col = max(held, key=held.get) if held and max(held.values()) else None
            if ref_col is None:
                continue
            found = {_text(_get(r_, ref_col)): (_text(_get(r_, pol_col)), cell_name(name, h + 1 + i, pol_col))
                     for i, r_ in enumerate(rows[h + 1:]) if _text(_get(r_, ref_col)) and _text(_get(r_, pol_col))}
            if len(refs & set(found)) >= max(1, len(refs) // 2):
                return {k: v for k, v in found.items() if k in refs}
    return {}


def _polarity_from_statuses(table: Table, opts: Options, frame: pd.DataFrame, missing: list[tuple[int, str]], ids, data,
                            beside_year: frozenset = frozenset(), implied: dict | None = None) -> None:
    """A measure with a target and no polarity whose officer's own statuses say which way is better (Green above its target,
    Red below it: higher; the other way: lower, but for a measure said to be cumulative only where a quarter is red or
    amber above its target, since green below the year's target may only mean on profile), in every quarter that says
    anything, takes that polarity, said; the rest are
    the default's, said by :func:`_say_missing_polarity`. Rated higher is better by default, a lower-is-better measure's
    statuses were contradicted quarter after quarter.

    ``implied``: the measures a note gives a polarity only by naming the others (``DM4 and DM5: lower is better``), row ->
    (polarity, name, cell, note): each takes the note's way unless its own statuses say the other way in every quarter
    that says anything (``Average days to validate``, red above its target), said either way."""
    def key_of(ident, name):
        return _officer_key(table, ident, name)

    implied = implied or {}
    position = {r: i for i, (r, _) in enumerate(data)}
    idents = {r: ids[position[r]] for r, _ in missing if r in position}
    idents.update({r: ids[position[r]] for r in implied if r in position})
    scale = opts.scale
    found: dict = {}
    # the statuses' say comes before [polarity] default, which is for the measures nothing else gives a way for (with it
    # set, fires red above their target were read as higher is better)
    unit_of = (frame.drop_duplicates("measure_id").set_index("measure_id")["unit"].astype(str).to_dict()
               if "unit" in frame and idents else {})
    timely_by_unit = {idents[r] for r, name in missing if r in idents and unit_of.get(idents[r]) == "%"
                      and not _TIMELINESS.search(name or "") and _TIMELINESS.search(f"% {name or ''}")}
    if idents:  # one pass over the rows of every such measure, not one per measure
        mine = frame[frame["measure_id"].isin(set(idents.values()))]
        t, a = mine["target"].to_numpy(float), mine["actual"].to_numpy(float)
        if "annual_target" in mine and "cumulative" in mine:
            # a cumulative measure the service rates, shown with no quarter's target (service_plans._apply_profiles): its
            # statuses still say which way is better against the year's target taken evenly through the year
            even = mine["annual_target"].to_numpy(float) * np.array([p.quarter for p in mine["period"]]) / 4
            t = np.where(np.isnan(t) & mine["cumulative"].fillna(False).astype(bool).to_numpy(), even, t)
        said = mine["reported_status"].astype(object)
        if "reported_level" in mine:
            # a year's 'Target achieved?' (Yes / Partially / No): never its status (the outturn is rated from its figures,
            # and a word that disagrees is listed), but the service's word on which side of the target is good
            said = said.where(said.notna(), service_plans.level_statuses(mine["reported_level"]))
        rated = said.isin([x for x in scale.names if scale[x].rank is not None]).to_numpy()
        good = said.isin(scale.good).to_numpy()
        usable = ~np.isnan(t) & ~np.isnan(a) & (a != t) & rated
        # a quarter's figure beside the year's target (a Better Care Fund plan) says nothing of which way is better
        usable &= ~mine["measure_id"].isin(beside_year).to_numpy()
        votes = pd.Series(np.where(good == (a > t), "higher", "lower")[usable], index=mine["measure_id"].to_numpy()[usable])
        # Green below its target says lower is better only as much as it says "on profile": a measure that builds
        # through the year (its name says cumulative) is green below the year's target. For such a
        # measure, lower needs a quarter red or amber above its target.
        red_above = pd.Series((~good & (a > t))[usable], index=votes.index).groupby(level=0).any()
        building = {idents[r] for r, name in missing if r in idents and service_plans.CUMULATIVE_WORDS.search(name or "")}
        heads = [table.cmap.headers.get(c, "") for c in [table.cmap.fields.get("target"),
                                                           *(pc.col for pc in table.cmap.period_columns if pc.field == "target")] if c is not None]
        if heads and all(re.search(r"(?i)\b(?:annual|yearly|year[\s-]end|full[\s-]year)\b", h) and not _QUARTERLY_HEAD.search(h) for h in heads):
            # 'Annual target 2024/25' beside Q1 and Q2: a collection rate green at 58.9% of 98% is on profile for the
            # year, which says nothing of lower being better; lower needs a quarter red or amber above the target
            building |= {idents[r] for r, _ in missing if r in idents}
        figures_heads = [table.cmap.headers.get(c, "") for c in [table.cmap.fields.get("actual", -1),
                                                                  *(pc.col for pc in table.cmap.period_columns if pc.field == "actual")]]
        if any(_FORECAST_HEAD.search(h) for h in figures_heads):
            # 'Forecast achieved (£000)' beside the year's target: a savings tracker's green at 540 of 600 is on track,
            # never lower-is-better; only a quarter red or amber above its target says lower
            building |= {idents[r] for r, _ in missing if r in idents}
        if (_TO_DATE_HEAD.search(table.cmap.headers.get(table.cmap.fields.get("actual", -1), ""))
                and not any(_TO_DATE_HEAD.search(h) or _QUARTERLY_HEAD.search(h) for h in heads)):
            # 'Delivered to date (£k)' at month 9 beside the year's target: green below it is on profile, never lower-is-better
            # (beside a 'YTD target' it is like with like, and a green below it says lower is better as any other does)
            building |= {idents[r] for r, _ in missing if r in idents}
        found = {k: v[0] for k, v in votes.groupby(level=0).unique().items()
                 if len(v) == 1 and (v[0] == "higher" or red_above[k] or k not in building)}
        # "Knife crime offences" red below its year's target: a harm is never more-is-better on a status's word alone (a
        # quarter's count beside the year's target is red for another reason); it is left for the warning to ask
        harmful = {idents[r] for r, name in missing if r in idents and _HARMFUL.search(name or "") and not _REPORTED.search(name or "")}
        found = {k: v for k, v in found.items() if not (v == "higher" and k in harmful)}
        # "Care Act assessments completed in 28 days" in a '%' unit column: a share done in time, never fewer-is-better on
        # one green status below its target (a service's fill on a missed target flipped it, with a note only)
        found = {k: v for k, v in found.items() if not (v == "lower" and k in timely_by_unit)}
        # "Empty homes brought back into use", 11 of the year's 20 and green: on profile, never fewer-is-better on a green
        # below its target; only a quarter red or amber above it says lower
        made = {idents[r] for r, name in missing if r in idents and _made(name) is not None}
        found = {k: v for k, v in found.items() if not (v == "lower" and k in made and not red_above.get(k, False))}
    trend_says = _polarity_from_trend_words(frame, {idents[r] for r, _ in missing if r in idents} - set(found)) \
        if "reported_trend" in frame else {}
    left = []
    # a savings tracker's 'Saving proposal' over its names, or 'Savings delivered' over its figures: every figure is money
    # saved, more of it better, whatever its name says ('Agency social worker reduction')
    savings = next((h for c in [table.cmap.fields.get("name"), table.cmap.fields.get("actual"),
                                *(pc.col for pc in table.cmap.period_columns if pc.field == "actual")]
                    if c is not None and _SAVINGS_HEAD.search(h := table.cmap.headers.get(c, ""))), None)
    saved: list = []
    for r, name in missing:
        ident = idents.get(r)
        said = found.get(ident)
        why = None
        if ident is not None and savings is not None and not _WAY_IN_NAME.search(name or ""):
            found[ident] = "higher"
            saved.append((r, ident, name))
            continue
        if ident is not None and (way := _WAY_IN_NAME.search(name or "")) is not None:
            # "Facility downtime (hours) - lower is better": the name settles it first, before its statuses
            said, why = _BETTER_WORD[way[1].lower()], f"as its name says ({way[0]!r})"
        elif said is None and ident is not None:
            if ident in timely_by_unit:  # "Care Act assessments completed in 28 days", its unit '%'
                said, why = "higher", "as a share of things done in time is (its unit is %)"
            elif _BACKLOG.search(name or "") and not _TIMELINESS.search(name or ""):
                # "Number of EHC needs assessments open for more than 20 weeks": a backlog past its time, fewer is better
                said, why = "lower", "as a count of cases waiting longer than they should is"
            elif _LOST.search(name or ""):  # "% of rent lost due to voids", "Working days lost to sickness"
                said, why = "lower", "as a loss is"
            elif _ABANDONED.search(name or ""):  # "Call abandonment rate (%)", "Calls abandoned": calls the service lost
                said, why = "lower", "as calls abandoned are"
            elif (_OR_BETTER.search(name or "") or _ANSWERED.search(name or "")) and not _DISPLEASED.search(name or ""):
                # "% of food businesses rated 3 or better", "Calls answered (%)": a share of a good outcome
                said, why = "higher", "as a share of a good outcome is"
            elif (clock_unit(name or "") or _SPEED_OF.search(name or "")) and not _TIMELINESS.search(name or ""):
                # "Average speed of answer (mm:ss)", "Average call handling time": a time, the quicker the better
                said, why = "lower", "as a time something takes is"
            elif _COST_PER.search(name or "") and not _NOT_A_COST.search(name or ""):
                # "Cost per primary school pupil (£)", "Net cost of waste collection per premise": a benchmarking
                # scorecard's unit costs, the lower the better
                said, why = "lower", "as a unit cost is"
            elif _TIME_TAKEN.search(name or "") and not _TIMELINESS.search(name or "") and "%" not in (name or ""):
                # "Average days to re-let void homes", "Time taken to process new claims (days)": the quicker the better
                said, why = "lower", "as the time something takes is"
            elif ((fewer := _FEWER_BETTER.search(name or "")) is not None
                  or (fewer := _CARE_HARM.search(name or "")) is not None and not _REPORTED.search(name or "")
                  and not _CARE_WORK.search(name or "")) \
                    and not _TIMELINESS.search(name or ""):
                # "Missed bins per 100,000 collections", "Residual household waste per household (kg)": less is better
                said, why = "lower", f"as its name says ({fewer[0]!r}: less is better)"
            elif (way := trend_says.get(ident)) is not None:  # 'Improved' beside a figure that fell: lower is better
                said, why = way, f"as the service's own direction of travel says (its figure {'fell' if way == 'lower' else 'rose'} " \
                                  "where it wrote that it improved, or the other way)"
        if why is not None:
            found[ident] = said
            table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", said,
                             f"{name}: no polarity given, read as {said} is better, {why}; if that is wrong, put "
                             f"{toml_string(key_of(ident, name))} = \"{'higher' if said == 'lower' else 'lower'}\" under [measures.polarity] "
                             "in perfkit.toml", "info")
            continue
        if said is None:
            left.append((r, name))
            continue
        table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", said,
                         f"{name or ident}: no polarity given, read as {said} is better, as its own reported statuses say "
                         f"(green {'above' if said == 'higher' else 'below'} its target, red or amber the other side); if that "
                         f"is wrong, put {toml_string(key_of(ident, name))} = \"{'lower' if said == 'higher' else 'higher'}\" under "
                         "[measures.polarity] in perfkit.toml", "info")
    if saved:  # one note for a savings tracker's every saving, never one a row
        r, ident, name = saved[0]
        rows = [x[0] for x in saved]
        table.report.add(table.column_range(table.cmap.fields.get("name", 0), rows), "polarity", "higher",
                         f"{_counted(len(saved), 'measure')} with no polarity given read as higher is better, as a saving is "
                         f"(the column {savings!r}); if one is not, put its reference = \"lower\" under [measures.polarity] in "
                         f"perfkit.toml, e.g. {toml_string(key_of(ident, name))} = \"lower\"", "info")
    for r, (way, name, where, note) in implied.items():
        ident = idents.get(r)
        said = found.pop(ident, None) if ident is not None else None
        if said is not None and said != way:
            found[ident] = said
            table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", said,
                             f"{name}: read as {said} is better, as its own reported statuses say (green "
                             f"{'above' if said == 'higher' else 'below'} its target, red or amber the other side), though the "
                             f"note at {where} names other measures as {_OTHER_WAY[way]} is better ({_text(note)[:80]!r}); if that "
                             f"is wrong, put {toml_string(key_of(ident, name))} = \"{way}\" under [measures.polarity] in perfkit.toml", "info")
        else:
            table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "polarity", way,
                             f"{name}: {way} is better, as the note at {where} says by naming the measures where it is not "
                             f"({_text(note)[:80]!r})", "info")
    if found:
        taken = frame["measure_id"].map(found)
        frame.loc[taken.notna(), "polarity"] = taken[taken.notna()]
    waiting = list(left)  # every measure with no polarity of its own: another tab may give it one
    if left and "actual" in frame:  # a measure with no figure in any quarter is rated nothing: its polarity can wait
        # (nor one whose only figure has no target beside it: last year's outturn beside this year's target, 'N/A' this year)
        rated = frame["actual"].notna()
        if "target" in frame:  # (a cumulative measure's year's target, with no profile, is a target it is rated by)
            rated &= (frame["target"].notna() | (frame["target_low"].notna() if "target_low" in frame else False)
                      | (frame["annual_target"].notna() if "annual_target" in frame else False))
        figured = set(frame.loc[rated, "measure_id"].astype(str))
        left = [(r, name) for r, name in left if idents.get(r) is None or str(idents.get(r)) in figured]
    level = _level_with_target(frame) if left and "target" in frame and "actual" in frame else set()
    at_target = _say_missing_polarity(table, opts, left, ids, data, level)
    if at_target:  # level on this tab: another tab's figure may move it (_polarity_across_sheets)
        frame.attrs["polarity_level"] = at_target
    if waiting and opts.config.polarity_default is None:  # another tab of the workbook may say (_polarity_across_sheets)
        left = waiting
        unsaid = {idents.get(r) for r, _ in left} - {None}
        frame.attrs["polarity_unsaid"] = tuple(np.flatnonzero(frame["measure_id"].isin(unsaid).to_numpy()).tolist())
        frame.attrs["polarity_names"] = {str(idents.get(r)): name for r, name in left if idents.get(r) is not None}


def _level_with_target(frame: pd.DataFrame) -> set[str]:
    """The measures (by reference) whose every figure equals its one target and never moves: a status and a direction
    that are the same whichever way is better.

    Examples
    --------
    >>> f = pd.DataFrame({"measure_id": ["A", "A", "B", "C"], "actual": [92.0, np.nan, 5.0, 3.0], "target": [92.0, 92.0, 5.0, 4.0]})
    >>> sorted(_level_with_target(f))
    ['A', 'B']
    """
    a, t = frame["actual"].to_numpy(float), frame["target"].to_numpy(float)
    ranged = np.zeros(len(frame), bool)
    for col in ("target_low", "target_high"):
        if col in frame:
            ranged |= ~np.isnan(frame[col].to_numpy(float))
    figured = ~np.isnan(a)
    rows = pd.DataFrame({"id": frame["measure_id"].astype(str).to_numpy()[figured], "a": a[figured],
                         "level": (a == t)[figured] & ~ranged[figured]})
    per = rows.groupby("id").agg(level=("level", "all"), values=("a", "nunique"))
    return set(per.index[per["level"] & (per["values"] == 1)])


def _across_sheets(frame: pd.DataFrame, frames: list[pd.DataFrame], report: Report) -> None:
    """What one tab settles for another: each measure's polarity, and figures to date whose quarterly targets build
    across one tab per quarter (``YTD Plan`` 1,250 on the June tab, 2,500 on September's)."""
    _polarity_across_sheets(frame, frames, report)
    _targets_to_date(report, ", ".join(dict.fromkeys(f.attrs.get("sheet", "") for f in frames)), frame)


def _polarity_across_sheets(frame: pd.DataFrame, frames: list[pd.DataFrame], report: Report) -> None:
    """A measure rated higher is better on one tab for want of a polarity takes the polarity another tab gives it (its
    column, a setting, or that tab's reported statuses), said, and leaves the tab's warning; tabs that give one measure
    different polarities are a warning naming them. One tab per quarter is read a tab at a time: a quarter where the
    measure met its target exactly says nothing of its polarity, the next quarter's tab may."""
    starts = np.cumsum([0] + [len(f) for f in frames])
    ids = frame["measure_id"].astype(str).to_numpy()
    polarity = frame["polarity"].astype(object).to_numpy()
    unsaid = np.zeros(len(frame), bool)
    for f, start in zip(frames, starts):
        unsaid[start + np.asarray(f.attrs.get("polarity_unsaid", ()), int)] = True
    given = pd.DataFrame({"id": ids[~unsaid], "polarity": polarity[~unsaid],
                          "sheet": np.repeat([f.attrs.get("sheet", "") for f in frames], [len(f) for f in frames])[~unsaid]})
    given = given[given["polarity"].isin(["higher", "lower", "range"])]
    said = given.groupby("id")["polarity"].unique()
    for ident, ways in said.items():
        if len(ways) > 1:
            sheets = given[given["id"] == ident].groupby("polarity")["sheet"].first()
            report.add(ident, "polarity", "", f"{ident}: the tabs give it different polarities ("
                       + "; ".join(f"{way} is better on {sheet!r}" for way, sheet in sheets.items())
                       + f"): each tab's quarters are rated its own way; correct the wrong one, or say which under "
                       f"[measures.polarity] in perfkit.toml, e.g. {toml_string(ident)} = \"{sheets.index[0]}\"", "warning")
    for f, start in zip(frames, starts):
        rows = start + np.asarray(f.attrs.get("polarity_unsaid", ()), int)
        if not len(rows):
            continue
        names: dict = f.attrs.get("polarity_names", {})
        sheet = f.attrs.get("sheet", "")
        settled = {}
        for ident in dict.fromkeys(ids[rows]):
            ways = said.get(ident)
            if ways is not None and len(ways) == 1:
                settled[ident] = ways[0]
                where = given[given["id"] == ident]["sheet"].iloc[0]
                report.add(sheet, "polarity", ways[0], f"{names.get(ident) or ident}: no polarity on this tab, read as {ways[0]} "
                           f"is better, as tab {where!r} gives it", "info")
        if not settled:
            continue
        chosen = pd.Series(ids[rows]).map(settled).to_numpy()
        frame.loc[frame.index[rows[pd.notna(chosen)]], "polarity"] = chosen[pd.notna(chosen)]
        old = next((p for p in report if p.severity == "warning" and _NO_POLARITY in p.message
                    and str(p.source).split("!")[0].strip("'") == sheet), None)
        if old is None:
            continue
        report.drop(lambda p: p is old)
        left = [i for i in dict.fromkeys(ids[rows]) if i not in settled]
        if left:
            report.add(old.source, "polarity", "", _no_polarity_message([names.get(i) or i for i in left], left[0]), "warning")
    # at its target on each tab, and no tab gives its polarity: whether its move between the tabs is better depends on it
    level = {i: n for f in frames for i, n in (f.attrs.get("polarity_level") or {}).items()}
    if level:
        unsettled = frame[frame["measure_id"].astype(str).isin([i for i in level if not said.get(i)])]  # no tab gives one
        moved = [i for i in dict.fromkeys(unsettled["measure_id"].astype(str)) if i not in _level_with_target(unsettled)]
        if moved:
            report.add(", ".join(dict.fromkeys(f.attrs.get("sheet", "") for f in frames)), "polarity", "",
                       _no_polarity_message([level[i] for i in moved], moved[0]), "warning")


def _threshold_is_the_target(table: Table) -> None:
    """A contract's 'Threshold' (the level each KPI must reach) with no target column beside it: the target, said. Read as
    a tolerance (an amber margin), it was the margin of no target at all, and every measure was Data only."""
    cmap = table.cmap
    col = cmap.fields.get("tolerance")
    if col is None or col in cmap.configured or "target" in cmap.fields or any(pc.field == "target" for pc in cmap.period_columns):
        return
    header = cmap.headers.get(col, "")
    if normalise_header(header) not in ("threshold", "thresholds", "minimum threshold", "performance threshold", "contract threshold"):
        return
    cmap.fields["target"] = cmap.fields.pop("tolerance")
    table.report.add(table.cell(cmap.header_row, col), "target", header,
                     f"column {header!r} read as the target: the level each measure must reach, with no target column beside it; "
                     f"if it is an amber margin, put {toml_string(header)} = \"tolerance\" under [sheets.{toml_string(table.sheet.name)}.columns] "
                     "in perfkit.toml", "info")


def _officer_key(table: Table, ident, name) -> str:
    """A measure as the officer knows it, for the line a message offers: its reference, or its name where the sheet has
    none (a made-up K001 is in no cell of the sheet)."""
    return str(ident) if ident and ("measure_id" in table.cmap.fields or not name) else name


def _first_key(table: Table, missing: list[tuple[int, str]], ids, data) -> str:
    """The first measure listed with no polarity (:func:`_officer_key`), for the line a message offers."""
    r, name = missing[0]
    rows = [row for row, _ in data]
    ident = ids[rows.index(r)] if ids is not None and r in rows else None
    return _officer_key(table, ident, name)


def _target_of_an_earlier_year(table: Table, by_field: dict) -> None:
    """``Target 2023/24`` beside ``Q1 2024/25 | Q2 2024/25``: a target for a year before every figure's, which rates none of
    them, so the measures were read as having no target with no word. A warning naming the column and the line that
    reads it as this year's target, where the officer meant it so."""
    figures = [sp for sp, _ in by_field.get("actual", [])]
    if not figures:
        return
    first = min(sp.end.qyear for sp in figures)
    latest = max(figures, key=lambda sp: sp.end)
    cmap = table.cmap
    for sp, col in by_field.get("target", []):
        if sp.kind != "year" or sp.end.qyear >= first or col in cmap.configured:
            continue
        year = f"{latest.end.qyear - 1}/{latest.end.qyear % 100:02d}"
        table.report.add(table.cell(cmap.header_row, col), "target", cmap.headers.get(col, ""),
                         f"column {cmap.headers.get(col, '')!r} is the target for {sp.label}, a year before any figure here "
                         f"(the first is {min(figures, key=lambda x: x.end).label}): no measure is rated against it; if it is "
                         f"the target for {year}, put {toml_string(cmap.headers.get(col, ''))} = \"target@{year}\" under "
                         f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "warning")


def _build_measures(table: Table, opts: Options, id_offset: int = 0) -> pd.DataFrame:
    cmap, rows, report, scale = table.cmap, table.sheet.rows, table.report, opts.scale
    _threshold_is_the_target(table)
    data = data_rows(table)
    _types_not_units(table, data)
    _year_to_date_status_aside(table)
    spans = service_plans.period_spans(table, opts)  # months kept as months where perfkit.toml asks for a roll-up
    by_field: dict[str, list[tuple[Span, int]]] = {}
    for pc in cmap.period_columns:
        if pc.col in spans:
            by_field.setdefault(pc.field, []).append((spans[pc.col], pc.col))
    _status_of_the_reporting_period(table, opts, by_field)
    _target_of_an_earlier_year(table, by_field)
    long_period = long_period_column(cmap)
    # A return of statuses alone ("Met" / "Not met" under each quarter, no figures): each quarter's statuses, read as in
    # a wide table whose figures columns are all missing (see _statuses_without_figures)
    if "actual" in by_field or ("reported_status" in by_field and "actual" not in cmap.fields):
        layout = "wide"
        own = cmap.fields.get("actual")
        if own is not None and long_period is None and own not in {c for _, c in by_field.get("actual", [])}:
            # "Actual" beside "Same quarter last year" mapped to last year's quarter: the sheet's own quarter's figures,
            # never dropped because another column names its period
            try:
                sheet_span = single_period(table, opts.period)
            except (LayoutError, PeriodError):
                sheet_span = None
            if sheet_span is not None and all(sp.end != sheet_span.end for sp, _ in by_field.get("actual", [])):
                by_field.setdefault("actual", []).append((sheet_span, own))
                report.add(table.cell(cmap.header_row, own), "actual", cmap.headers.get(own, ""), f"column "
                           f"{cmap.headers.get(own, '')!r} read as {sheet_span.label}'s actual, the quarter the sheet reports, "
                           "beside the columns named for other quarters", "info")
        actual_cols = sorted(by_field.get("actual", []), key=lambda x: (x[0].end, x[0].kind != "quarter", getattr(x[0], "ordinal", 0)))
        reported = []
        for span, col in actual_cols:
            if _only_marks(table, col, data) and not any((r, col) in table.sheet.errors for r, _ in data):
                report.add(table.cell(cmap.header_row, col), "actual", cmap.headers[col],
                           f"column holds no figures, only marks such as {_text(next(v for r, _ in data for v in [_get(rows[r], col)] if not _blank(v)))!r}: "
                           f"{span.label} not reported yet", "info")
            elif any(not _blank(_get(rows[r], col)) or (r, col) in table.sheet.errors for r, _ in data):
                reported.append((span, col))
            else:
                report.add(table.cell(cmap.header_row, col), "actual", cmap.headers[col], f"{'row' if hasattr(table.sheet, 'period_rows') else 'column'} is empty: {span.label} not reported yet", "info")
        reported = _statuses_without_figures(table, by_field, actual_cols, reported, data)
    elif "actual" in cmap.fields:
        layout = "long" if long_period is not None else "single"
        span = None if long_period is not None else single_period(table, opts.period)
        reported = [(span, cmap.fields["actual"])]
        if span is not None and any(s.end != span.end for s, _ in by_field.get("reported_status", [])):
            # "Actual | Status | Last Quarter Status": the quarter before is its statuses alone, never dropped unsaid
            layout = "wide"
            reported = _statuses_without_figures(table, by_field, reported, reported, data)
    else:
        layout, reported = "targets-only", []
        report.add(table.sheet.name, "actual", "", _no_actual_message(table, data, opts), "warning")

    if layout == "wide" and long_period is not None and reported:
        _period_column_beside_quarters(table, long_period, data, reported)
    row_idx = [r for r, _ in data]
    _percent_cells(table, [c for _, c in reported] + [c for _, c in by_field.get("target", [])] + [cmap.fields.get("target")], row_idx)
    name_col = cmap.fields.get("name")
    names = [_text(_get(rows[r], name_col)) for r in row_idx]
    unnamed = [r for r, n in zip(row_idx, names) if not n] if name_col is not None else []
    if unnamed:  # the brief would name it "" ("Furthest from target is , at 84.6%")
        report.add(table.column_range(name_col, unnamed), "name", "", f"{len(unnamed)} measure{'s' * (len(unnamed) != 1)} "
                   f"with no name ({cmap.headers.get(name_col, '')!r} is blank): the brief names {'them' if len(unnamed) > 1 else 'it'} "
                   "by reference; give each its name in the workbook", "warning")
    if "measure_id" in cmap.fields:
        ids = _ids(table, data)
    elif layout == "long":
        first_seen: dict[str, str] = {}
        ids = [first_seen.setdefault(n, f"K{len(first_seen) + 1 + id_offset:03d}") for n in names]
        report.add(table.sheet.name, "measure_id", "", f"no reference column: measures numbered K001... by name ({len(first_seen)} measures)", "info")
    elif "area" in cmap.fields and len(set(names)) < len(names):
        # "Fly-tipping reports" merged down over a ward each row: one measure broken down by ward, never a measure a row
        first_seen: dict[str, str] = {}
        ids = [first_seen.setdefault(n, f"K{len(first_seen) + 1 + id_offset:03d}") for n in names]
        report.add(table.sheet.name, "measure_id", "", f"no reference column: measures numbered K001... by name, each broken down "
                   f"by {cmap.headers.get(cmap.fields['area'], 'area')!r} ({len(first_seen)} measures)", "info")
    else:
        ids = [f"K{i + id_offset:03d}" for i in range(1, len(data) + 1)]
        report.add(table.sheet.name, "measure_id", "", "no reference column: ids K001, K002... given in row order", "info")
    status_at: dict[pd.Period, int] = {span.end: col for span, col in by_field.get("reported_status", [])}
    statuses: dict[tuple[int, int], str | None] = {}
    said_met = [c for c in [*status_at.values(), cmap.fields.get("reported_status")] if c is not None and asks_if_met(cmap.headers.get(c, ""))]
    kpi_scale = kpi_status_scale(scale, opts, bool(said_met))
    status_cols = [*status_at.values(), *([cmap.fields["reported_status"]] if "reported_status" in cmap.fields else [])]
    said_words: dict[str, set] = {}  # each rated status's own words, for two_words_one_status
    for col in status_cols:
        raw = [rows[r][col] for r in row_idx]
        found = status_column(table, row_idx, col, raw, kpi_scale, "reported_status")
        statuses.update({(r, col): (name or None) for r, name in zip(row_idx, found)})
        for v, name in zip(raw, found):
            if name and isinstance(v, str):
                said_words.setdefault(name, set()).add(" ".join(v.split()))
    # "On target | Below target | Well below target": the two worse steps both Red, none Amber, warned (never merged unsaid)
    milder = two_words_one_status(table, said_words, kpi_scale, opts)
    if milder:  # "Below target" beside "Well below target": Amber, said (never also "read as Red" in an earlier note)
        table.report.drop(lambda p: any(p.message.startswith(f"status {w!r} read as ") for w in milder))
        for (r, col), name in statuses.items():
            typed = rows[r][col] if col < len(rows[r]) else None
            if name and isinstance(typed, str) and " ".join(typed.split()) in milder:
                statuses[(r, col)] = milder[" ".join(typed.split())]

    latest = max(span.end for span, _ in reported) if layout == "wide" and reported else None
    fy_labels = service_plans.writes_financial_years(table, long_period, row_idx) if layout == "long" else False
    shared_comment = shared_commentary(table, latest, layout)
    per_row = []
    not_due: list[int] = []  # rows of measures reported later in the year (annual), with nothing yet at the latest quarter
    target_cols = {span: col for span, col in by_field.get("target", [])}
    # "Quarterly target" beside "Annual target 2024/25": each quarter's target is the quarterly one, the year's is the year's
    static_quarterly = "target" in cmap.fields and bool(_QUARTERLY_HEAD.search(cmap.headers.get(cmap.fields["target"], "")))
    if "target" in cmap.fields and _MONTHLY_HEAD.search(cmap.headers.get(cmap.fields["target"], "")) \
            and table.named_month is None and not table.month_figures:
        head = cmap.headers[cmap.fields["target"]]  # "Monthly target" on a quarter's sheet: a count's quarter is three months'
        table.report.add(table.cell(cmap.header_row, cmap.fields["target"]), "target", head,
                         f"column {head!r} is a month's target, but the sheet's figures are a quarter's, not a month's: a rate "
                         "or a level compares as it stands, a count for the quarter does not (three months against one "
                         f"month's target). If the figures are counts, put {toml_string(head)} = \"ignore\" under "
                         f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml (or give each quarter's target)",
                         "warning")
    words = service_plans.word_columns(table, by_field)  # the officer's level-achieved and trend words, by period
    pol_col = cmap.fields.get("polarity")
    across = _merged_targets(table, target_cols) if len(target_cols) >= 2 and table.sheet.merged else None
    month_targets = _month_targets(cmap, by_field)
    month_target_cells: dict = {}  # row -> {a month's figures column: that month's own target}
    for (r, carried) in data:
        units: set = _RowUnits()
        static_target = _target_cell(table, r, cmap.fields.get("target"), units)
        targets = {span: _target_cell(table, r, col, units) for span, col in target_cols.items()}
        if month_targets:
            month_target_cells[r] = {a: _target_cell(table, r, t, units) for a, t in month_targets.items()}
        if across is not None and r in across:
            _merged_across_quarters(table, r, across[r], targets)
        if (pol_col is not None and static_target[0] != static_target[0] and not any(t[0] == t[0] for t in targets.values())
                and _polarity_bound(_get(rows[r], pol_col))):
            # "At or above 2,150" in an Aim column beside 'Reduce' and 'Increase': the way and the target of a measure with none
            static_target = _target_cell(table, r, pol_col, units)
        # x == x: not NaN, asked of each float without numpy's call
        has_range = static_target[1] == static_target[1] or any(t[1] == t[1] for t in targets.values())
        has_target = (static_target[0] == static_target[0] or any(t[0] == t[0] for t in targets.values())
                      or any(isinstance(v := _get(rows[r], c), str) and _WITH_TARGET.match(v) for _, c in reported))
        per_row.append((units, static_target, targets, has_target or has_range, has_range))
    # the figures coloured as the services' status, where no column gives one: measures with a target only (one with none
    # has no colour to be given)
    targeted = [r for r, p in zip(row_idx, per_row) if p[3]]
    figure_status = None  # a single or long table's figures column whose colours are the services' status
    if not status_cols and reported and opts.config.figure_fills != "ignore" and table.sheet.book is not None \
            and table.sheet.book.has_status_fills:
        for span, col in reported:
            said = _coloured_figures(table, targeted, col, kpi_scale, span.label if span is not None else None)
            if said is None:
                continue
            statuses.update(said)
            if layout == "wide":
                status_at[span.end] = col
            else:
                figure_status = col
    aims = [next((u.split(":")[1] for u in p[0] if u.startswith("~aim:")), None) if not p[0].isdisjoint(_AIM_MARKS) else None
            for p in per_row]
    no_polarity: list[tuple[int, str]] = []
    implied: dict = {}
    polarities = _measure_polarities(table, opts, data, [p[3] for p in per_row], names, [p[4] for p in per_row], aims,
                                     ids, no_polarity, implied)  # a made-up K005 too: the warning offers it
    default_tol = _default_tolerance(opts)
    if default_tol is None and "tolerance" not in cmap.fields:
        default_tol = _tolerance_in_notes(table, row_idx, status_cols)
    if "cumulative" not in cmap.fields and not service_plans.settings_for(opts).cumulative:
        _cumulative_in_notes(table, row_idx, ids, names)
    noted_percent = _percentages_in_notes(table, row_idx, ids)

    recs = _Records(service_plans.EXTRAS + service_plans.word_fields(words))
    optional = optional_fields(table, data, schema.MEASURE_OPTIONAL)
    recs.fields = ["measure_id", "name", "priority", "unit", "polarity", "frequency", "tolerance", "tolerance_type", *optional]
    months: list = []
    pooled_rows: list = []
    typed_seen: dict = {}  # units typed in cells, said once per measure
    id_col = cmap.fields.get("measure_id", cmap.fields.get("name"))
    latest_status = cmap.fields.get("reported_status", figure_status)
    trend_col = cmap.fields.get("reported_trend")
    # with no target on the sheet, a column headed as the direction of travel, coloured, says which way it moved, never a
    # status against a target ("5 of 10 meeting target" of a police scorecard with none); an 'Assessment' is a judgement
    only_direction = (trend_col is not None and not ("target" in cmap.fields or by_field.get("target"))
                      and re.search(r"(?i)\bdirection\b|\btrend\b|\bdot\b|\btravel\b", cmap.headers.get(trend_col, "")))
    if (latest_status is None and not status_at and layout == "wide" and trend_col is not None and not only_direction
            and cmap.headers.get(trend_col) not in opts.columns_for("measures", table.sheet.name)):
        coloured = _coloured_trend(table, row_idx, cmap.fields["reported_trend"], kpi_scale, latest)
        if coloured is not None:  # "Improving" on green, "Deteriorating" on red: the colours are the services' status
            latest_status = cmap.fields["reported_trend"]
            statuses.update(coloured)
    if latest_status is not None and layout == "wide" and len(reported) > 1:
        report.add(table.cell(cmap.header_row, latest_status), "reported_status", cmap.headers[latest_status],
                   f"column {cmap.headers[latest_status]!r} read as the services' status for {period_label(latest)}, the latest "
                   "quarter reported; earlier quarters have none", "info")
    src_rows: list[int] = []  # the sheet's row of each record's cell (its source)
    extras_plans: dict | None = {} if layout != "long" else None  # a wide sheet's spans live through the loop
    comment_at: dict = {}  # each period's commentary column (the first given)
    for s_, c_ in by_field.get("commentary", []):
        comment_at.setdefault(s_.end, c_)
    span_kinds = {span.kind for span, col in reported if span is not None}
    remarks = table.remarks  # what status cells said after their status, added to the commentary (_commentary); most sheets have none
    per_col: dict = {}  # each column's status and commentary columns and its cells' prefix (Sheet!D), found once
    figures = recs.figures
    unit_col, frequency_col, tolerance_col = cmap.fields.get("unit"), cmap.fields.get("frequency"), cmap.fields.get("tolerance")
    last_year: list[tuple[int, int, str]] = []  # (row, column, quarter): an earlier year's quarter with no target of its own
    read_ends = {span.end for span, _ in reported if span is not None}
    # a target column headed as the year to date ("Profiled target (YTD)", "Target to date"): the latest quarter's own target
    to_date = "target" in cmap.fields and bool(_TARGET_TO_DATE.search(cmap.headers.get(cmap.fields["target"], "")))
    amber_level = tolerance_col is not None and bool(_AMBER_LEVEL.search(cmap.headers.get(tolerance_col, "")))
    amber_levels: list = []  # rows whose amber level was read as their band, said once below
    for (r, carried), ident, name, polarity, (units, static_target, targets, _, has_range) in zip(data, ids, names, polarities, per_row):
        row = rows[r]
        unit = _text(_get(row, unit_col))
        frequency = _frequency(table, r, frequency_col, reported, row, span_kinds)
        tol, tol_type = _tolerance(table, r, tolerance_col) if tolerance_col is not None else (np.nan, "percent")
        if amber_level and tol == tol:  # "Amber from 75%" beside a target of 80%: amber within 5 points, a share of the target
            tol, tol_type = _band_from_level(tol, static_target[0])
            if tol == tol:
                amber_levels.append(r)  # said once, below
        if tol != tol and default_tol is not None:
            tol, tol_type = (np.nan, default_tol) if isinstance(default_tol, ByUnit) else default_tol
        first = len(figures)
        sparse = frequency in ("annual", "half-yearly")  # a measure that reports in some quarters only (_due)
        for span, col in reported:
            month = None
            if layout == "long":
                pv = _get(row, long_period)
                try:
                    # In a column of 2010-11 years, 2011-12 is a year (not December 2011) and 2007-10 is refused.
                    span = service_plans.financial_year_label(pv, fy_labels)
                    if span is None:
                        p, month = row_period(pv, _get(row, cmap.fields.get("year")) if long_period != cmap.fields.get("year") else "", table.year)
                        span = service_plans.row_span(pv, p)  # a year or half-year label keeps its kind
                    else:
                        p, month = span.end, None
                except (PooledPeriod, service_plans.MultiYearPeriod):
                    pooled_rows.append((r, pv))  # said once for the sheet, below
                    continue
                except PeriodError as exc:
                    report.add(table.cell(r, long_period), "period", pv, _period_not_understood(table, pv, exc))
                    continue
            p = span.end
            if sparse and span.kind == "quarter" and not _due(frequency, p):
                v = _get(row, col)
                said_at = status_at.get(p, latest_status if latest is None or p == latest else None)
                # an annual measure not due this quarter, and no figure: left out, unless the service rated it ("N/A"); at
                # the sheet's latest quarter it is Not due, said (left out there too, it vanished from the counts unsaid)
                if _blank(v) and (said_at is None or statuses.get((r, said_at)) is None):
                    if p != latest or "Not due" not in scale.names:
                        continue
                    not_due.append(r)
            actual, missing = _number_cell(table, r, col, "actual", units) if col not in table.status_only else (np.nan, "")
            if missing == "bracketed":  # "512.4 (Q1)" in the Q2 column: the period in brackets against the column's
                actual, missing = _bracketed_figure(table, r, col, span, units)
            why = "no figure" if col in table.status_only else ""
            if missing == "blank":
                why = "blank"  # said below, once the service's status for the period is known
            elif missing == "formula":  # said where it was read
                why = "blank"
            elif missing == "placeholder":
                why = _missing_note(table, r, col, _get(row, col), span.label)
            elif missing == "another period":  # said where it was read
                why = "another period's figure"
            target, t_low, t_high = _target_for(span, targets, static_target, static_quarterly) if targets or static_quarterly else static_target
            if span is not None and span.kind == "month" and col in month_targets:  # each month against its own month's target
                target, t_low, t_high = month_target_cells[r][col]
            # the year's target standing for a quarter with none of its own: the sheet's target column, or a column for the
            # year ("2024/25 plan" beside "Q2 plan", a Better Care Fund dashboard's)
            yearly = targets and span is not None and span.kind == "quarter" and target == target and (
                target == static_target[0] or not any(s.kind == "quarter" and s.end == span.end for s in targets))
            if yearly:
                profile = _quarter_profile(span, targets, (target, t_low, t_high))
                if profile is not None:  # "Annual target 600,000" beside "Q2 target 150,000": no target of Q1's own
                    report.add(table.cell(r, col), "target", target,
                               f"{name or ident}: no target for {span.label}: the sheet's quarter targets ({profile}) are a share "
                               f"of the year's ({_amount(target)}), which is not this quarter's: its status is Data only", "info")
                    target, t_low, t_high = np.nan, np.nan, np.nan
            # "Q3 2023/24" beside this year's return, with no quarter after it: the same quarter last year, set beside
            # this year's for comparison and never rated against this year's target (a run of quarters keeps its own)
            lapsed = bool(target == target and table.year and span is not None and span.kind == "quarter"
                          and span.end.qyear < table.year and layout == "wide" and span.end + 1 not in read_ends
                          and not any(s.kind == "quarter" and s.end == span.end for s in targets))
            if lapsed:
                last_year.append((r, col, span.label))
                target, t_low, t_high = np.nan, np.nan, np.nan
            if units.cell_targets and (r, col) in units.cell_targets:
                target = _in_cell_target(table, r, col, units.cell_targets[(r, col)], target, t_low, span.label)
            if t_low == t_low and target != target and polarity in ("higher", "lower"):  # x != x: NaN, without numpy's call
                # "90-95%" with higher is better: the target is reached at the low end (at the high end for lower).
                target = t_low if polarity == "higher" else t_high
            fixed = per_col.get(col)
            if fixed is None or layout == "long":
                scol = status_at.get(p, latest_status if latest is None or p == latest else None)
                ccol = comment_at[p] if p in comment_at else (shared_comment if latest is None or p == latest else None)
                fixed = per_col[col] = (scol, ccol, table.cell_prefix(col))
            scol, ccol, prefix = fixed
            if missing == "blank":
                said = statuses.get((r, scol)) if scol is not None else None
                why_not = None if said in _NO_FIGURE_SAID else next(
                    (v for v in row if v.__class__ is str and len(v) < 200 and (_NOT_YET_SAID.search(v)
                     or latest is not None and p < latest and _NEW_MEASURE.search(v))), None)
                if said in _NO_FIGURE_SAID:  # "Data Only", "Unknown" beside the blank: the service says why there is none
                    report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}, and the service's status says "
                               f"{said}: recorded as missing", "info")
                elif why_not is not None:  # "Q2 data not yet available" in the row's notes: the reason, said
                    report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}, and the row says {why_not!r}: "
                               "recorded as missing", "info")
                elif latest is not None and p < latest:
                    # a blank in an earlier year of an outturn table (2020/21, closed by COVID): the latest figures, their
                    # statuses and counts do not rest on it, and the trend says a missing year as missing; held the brief
                    report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}, an earlier period than the "
                               f"latest ({period_label(latest, span.kind if span.kind in ('year', 'half') else 'quarter')}): "
                               "recorded as missing", "info")
                else:
                    report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}: recorded as missing", "warning")
            if prefix is not None:
                source = f"{prefix}{r + 1}"
                src_rows.append(r)
            else:
                source = table.cell(r, col)
                src_rows.append(table.sheet.origin(r, col)[0])
            comment = (_commentary(table, r, scol, _text(_get(row, ccol))) if remarks and scol is not None
                       else "" if ccol is None else _text(_get(row, ccol)))
            if table.comments_below and r in table.comments_below and not comment and (latest is None or p == latest):
                comment = table.comments_below[r]  # the "Commentary: ..." line under the measure
            extras = service_plans.record_extras(table, r, span, _NO_TARGET if lapsed else static_target, targets, words, latest,
                                                 extras_plans)
            if to_date and p == latest and span.kind == "quarter" and target == target:  # "Profiled target (YTD)": this quarter's
                extras = (*extras[:4], True, *extras[5:])
            said = statuses.get((r, scol)) if scol is not None else None
            if not_due and not_due[-1] == r and p == latest and said is None:
                said = "Not due"
            if (said is None and why and span is not None and span.kind == "quarter" and "Not due" in scale.names
                  and (due := _REPORTED_LATER.search(_text(_get(row, col))) if why == "not yet available" else
                       _reported_later_said(comment) if why in ("not available or not applicable", "not available", "blank")
                       else None) is not None
                  and not (due[1] and int(due[1]) <= p.quarter) and not (due[1] is None and p.quarter == 4)):
                # "Annual", "Annual – reported at Q4" in a quarter before it: not due yet, never a figure the brief calls missing
                said = "Not due"
                report.add(table.cell(r, col), "actual", _text(_get(row, col)), f"{_text(_get(row, col))!r}: not due in "
                           f"{span.label}" + ("" if _REPORTED_LATER.search(_text(_get(row, col))) else f", as its comment says "
                           f"({comment[:60]!r})") + ", read as Not due", "info")
            figures.append((target, t_low, t_high, actual, said, p, comment,
                            source, why, *extras))
            months.append(month)
        last = len(figures)
        if units.typed:
            # "Agency spend (£000)" with no unit column: the name's money scale is the unit a '£0.39m' is checked against
            scaled = _NAME_MONEY.search(name or "") if not unit else None
            unit = _typed_unit(table, ident, name, unit or (scaled[1] if scaled else ""), units, typed_seen, figures, first, last)
        unit = unit or ("%" if "%" in units else "£" if "£" in units else "")
        if (not unit or unit == "minutes") and "minutes" in units and (clock := clock_unit(name)):
            unit = "mm:ss" if clock == "m:ss" else "hh:mm"  # "Average response time (mm:ss)": shown so, 8:11, never 8.18
        small = isinstance(units, _RowUnits) and units.typed_percents and max(units.typed_percents) <= 1.5 and not table.formats
        if "~fraction" in units and "~percent" in units and small:
            # "1.4%" and "0.9%" typed beside a target of 1: a measure of small percentages, the 1 is 1%, never 100%
            table.report.add(table.cell(r, cmap.fields.get("name", 0)), "actual", name,
                             f"{name or 'this measure'}: its plain figures (such as {_text(_get(rows[units.fractions[0][0]], units.fractions[0][1]))}) "
                             f"are read as percentages like the ones typed with % beside them (all under 1.5%)", "info")
        elif "~fraction" in units and "~percent" in units and _fractions_beside_typed(units, rows, figures, first, last):
            # an IPR's standard typed '95%' over months of plain 0.93, 0.91: the fractions are the percentages, by far
            _times_fractions(figures, first, last)
            cell = units.fractions[0]
            table.report.add(table.cell(*cell), "actual", _get(rows[cell[0]], cell[1]),
                             f"{name or 'this measure'}: its plain figures between 0 and 1 (such as {_text(_get(rows[cell[0]], cell[1]))}) "
                             f"are read as fractions of 100%, beside percentages typed as such (such as "
                             f"{units.typed_percents[0]:g}%) that they are near only so; format them as percentages in Excel "
                             "so nothing is left to guess", "info")
        elif "~fraction" in units and "~percent" in units:
            table.report.add(
                table.cell(r, cmap.fields.get("name", 0)), "actual", name,
                f"{name or 'this measure'} mixes percentages typed or formatted as such (e.g. 95%) with plain fractions "
                "(e.g. 0.93) in one row: perfkit cannot tell whether 0.93 means 93%; format those cells as percentages "
                "in Excel or type them as 93%", "warning",
            )
        elif not table.formats:
            # ("FOI requests answered in 20 days (%)" over 0.93 against 0.9: its name says percent as a unit column would)
            _fractions_to_percent(table, r, unit or ("%" if _PERCENT_NAME.search(name or "") else ""), figures, first, last, name,
                                  typed=bool(getattr(units, "typed_percents", None)))
        elif "~fraction" in units:
            fractions_beside_percentages(table, r, unit, units.fractions, figures, first, last, name)
        if not unit and _POUNDS_NAME.search(name or ""):
            unit = "£"  # "Home care costs per hour for people aged 65 or over (£)": shown as £33.95, never 34
        if not unit and _PERCENT_NAME.search(name or "") and any(
                x > 1 for f in figures[first:last] for x in (f[0], f[3]) if not np.isnan(x)):
            unit = "%"  # "% of calls answered", "Recycling rate (%)": shown as 79%, never 79
        if not unit and noted_percent is not None and str(ident) not in noted_percent[0]:
            unit = "%"  # "All figures are percentages except CH01 and NM01": said once, below
        if isinstance(tol_type, ByUnit):  # a band in percentage points for percentages, another for the rest
            tol, tol_type = tol_type.of(unit)
        if last > first:
            recs.add_row(last - first, (ident, name, carried.get("priority", ""), unit, polarity, frequency, tol, tol_type,
                                        *[optional_value(table, r, carried, f) for f in optional]))
    if amber_levels:
        head = cmap.headers.get(tolerance_col, "")
        table.report.add(table.column_range(tolerance_col, amber_levels), "tolerance", head,
                         f"column {head!r} read as the level at which each measure turns amber: amber between it and the target, "
                         "red beyond it", "info")
    if not_due:
        position_of = {r: i for i, (r, _) in enumerate(data)}
        shown = ", ".join(str(names[position_of[r]] or ids[position_of[r]]) for r in not_due[:4])
        table.report.add(table.column_range(table.cmap.fields.get("name", 0), not_due), "frequency", "",
                         f"{_counted(len(not_due), 'measure')} reported later in the year ({shown}"
                         f"{' and more' if len(not_due) > 4 else ''}) with no figure yet: counted as Not due at "
                         f"{period_label(latest)}", "info")
    if last_year:
        _report_last_years_quarters(table, last_year)
    if pooled_rows:
        _report_pooled_rows(table, long_period, pooled_rows, every=not len(recs))
    recs.close()
    keys = recs.keys(optional)
    check_duplicate_keys(table, keys, src_rows, id_col, "measure_id", months if layout == "long" else None)
    if layout == "long" and long_period is not None and any(months) and not table.month_figures:
        _months_of_rows(table, long_period, figures, months)
    frame = service_plans.finish_measures(_measure_frame(recs, scale, optional), recs.extras, recs.ids(), recs.names(), table, opts)
    year_targets = [c for span, c in by_field.get("target", []) if span.kind != "quarter"]
    beside_year: frozenset = frozenset()
    if ("target" in cmap.fields and not by_field.get("target")) or (year_targets and len(year_targets) == len(by_field["target"])):
        beside_year = _years_target_beside_quarters(table, frame, cmap.fields.get("target", year_targets[0] if year_targets else None))
    _months_target_to_date(table, frame, data, ids)
    _polarity_from_statuses(table, opts, frame, no_polarity, ids, data, beside_year, implied)
    if not beside_year and "cumulative" not in cmap.fields and not service_plans.settings_for(opts).cumulative:
        _targets_to_date(table.report, table.sheet.name, frame)
        _green_short_of_the_year(table, frame)
    if "area" in frame and frame["area"].nunique() > 1 and (frame.groupby("measure_id", observed=True)["area"].nunique() > 1).any():
        # each measure in one area ("Prevention", "Protection": the plan's areas of work) groups them; one measure in
        # several areas is broken down by them
        report.add(table.sheet.name, "area", "", f"measures are broken down by area ({frame['area'].nunique()} areas): summaries count each measure once per area; keep one area's rows for a council's own briefing", "warning")
    _month_standard_beside_year_to_date(table, frame, data, ids, names)
    if "reported_trend" in frame and (trend_col := cmap.fields.get("reported_trend")) is not None \
            and frame["reported_trend"].astype(str).str.strip().isin(UP_DOWN_ARROWS).any():
        head = cmap.headers.get(trend_col, "")  # said to the officer: the page counts them only where the sheet shows which
        report.add(table.cell(cmap.header_row, trend_col), "reported_trend", head,
                   f"column {head!r} holds arrows: '↑' may say a figure rose or that it improved; the brief counts them as "
                   "improving or worsening only where the measures whose figures can be compared show which (else not at all)",
                   "info")
    if "reported_status" in frame and (done := frame["reported_status"].astype(str).eq("Complete").to_numpy()).any():
        # a BRAG scorecard's Blue ('Achieved - annual target already met'): counted as meeting its target, said
        shown = ", ".join(dict.fromkeys(map(str, frame.loc[done, "measure_id"])))
        report.add(table.sheet.name, "reported_status", "Complete", f"{int(done.sum())} figure{'s' * (int(done.sum()) != 1)} rated "
                   f"Complete (Blue) by the service ({shown}): counted as meeting target (Green) in the measures' figures, "
                   "as a measure has no Complete of its own", "info")
    if "measure_id" not in cmap.fields:
        frame.attrs["generated_ids"] = sorted(set(ids))
    if layout == "targets-only" and "measure_id" in cmap.fields:
        # a sheet of targets beside a sheet of the quarter's figures, one reference each: the targets, for the figures'
        # sheet to take by reference (workbook_layouts.arrange), where the workbook has one
        frame.attrs["targets_only"] = {
            str(ident): (st[0], st[1], st[2], pol, table.cell(r, cmap.fields["target"]) if "target" in cmap.fields else table.sheet.name)
            for (r, _), ident, pol, (_, st, _, _, _) in zip(data, ids, polarities, per_row) if st[0] == st[0] or st[1] == st[1]}
    return frame


def _month_standard_beside_year_to_date(table: Table, frame: pd.DataFrame, data, ids, names) -> None:
    """An NHS board pack's months set aside beside its ``YTD``: where a measure's year to date is its months added up (a
    count: 21 C. difficile cases over six months) and its target is a month's size (a standard of 4 a month), the year
    to date was compared with a month's standard, red however the months went: a warning naming them and what to type."""
    months = [c for c, why in table.cmap.set_aside.items() if why == "a month, beside the year to date"]
    if len(months) < 2 or not {"actual", "target"} <= set(frame.columns):
        return
    if _QUARTERLY_HEAD.search(table.cmap.headers.get(table.cmap.fields.get("target"), "")):
        return  # "YTD Target": the year to date's own target, however small (a fire authority's 1 fatality to September)
    rows = table.sheet.rows
    by_id = frame.drop_duplicates("measure_id", keep="last").set_index("measure_id")
    flagged = []
    for (r, _), ident, name in zip(data, ids, names):
        if ident not in by_id.index:
            continue
        ytd, target = float(by_id.at[ident, "actual"]), float(by_id.at[ident, "target"])
        values = [parse_number(_get(rows[r], c)).value for c in months]
        values = [v for v in values if v is not None]
        if len(values) < 2 or ytd != ytd or target != target or target <= 0:
            continue
        added_up = abs(sum(values) - ytd) <= max(0.5, 0.01 * abs(ytd))
        if added_up and target <= 1.5 * max(values) and ytd > 1.5 * target:
            flagged.append((r, name or ident))
    if not flagged:
        return
    shown = ", ".join(n for _, n in flagged[:4]) + (f" and {len(flagged) - 4} more" if len(flagged) > 4 else "")
    col = table.cmap.fields.get("actual")
    if col is None:  # "YTD 2024/25" beside "YTD 2023/24": this year's, the column the figures were read from
        src = re.search(r"!\$?([A-Z]+)\$?\d+$", str(by_id["source"].iloc[0]))
        col = col_index(src[1]) if src else None
    head = table.cmap.headers.get(col, "YTD")
    table.report.add(table.column_range(col, [r for r, _ in flagged]) if col is not None else table.sheet.name, "actual", head,
                     f"{_counted(len(flagged), 'measure')} ({shown}): the year to date in {head!r} is the months added up, but the "
                     "target is the size of one month's, so the year to date was compared with a month's standard; to read "
                     f"every measure's latest month instead, put {toml_string(table.cmap.headers[max(months)])} = \"actual\", "
                     f"{toml_string(head)} = \"ignore\" and each other month "
                     f"({', '.join(toml_string(table.cmap.headers[c]) for c in sorted(months)[:-1])}) = \"ignore\" under "
                     f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml, or give a year-to-date target", "warning")


def _no_actual_message(table: Table, data, opts: Options) -> str:
    """What to say of a measures table with no actual column: where columns of unknown headers hold figures (one column
    per member council of a partnership, ``Northtown BC | Southvale DC | Partnership``), name them and the line that reads
    one of them as the quarter's figure; a column per area is not read as areas."""
    cmap, rows = table.cmap, table.sheet.rows
    figured = [c for c in cmap.unmapped if sum(1 for r, _ in data if parse_number(_get(rows[r], c)).value is not None) >= max(2, len(data) // 2)
               and not COMPARISON_AREA.search(cmap.headers.get(c, ""))]  # "England 2022-24": another's figure, never ours
    if not figured:
        return "no actual columns: targets only"
    try:
        label = single_period(table, opts.period).label
    except (PeriodError, LayoutError):  # a sheet naming no quarter: the example's, never a refusal of its own
        label = "2024/25 Q2"
    names = ", ".join(repr(cmap.headers[c]) for c in figured[:6]) + (" ..." if len(figured) > 6 else "")
    last = cmap.headers[figured[-1]]
    return (f"no actual column: columns {names} hold figures, but no header says they are the actual or names a period "
            "(one column per council or area is not read as areas): nothing was read as the measures' figures; to read one "
            f"of them as the quarter's figure, put {toml_string(last)} = \"actual@{label}\" under "
            f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml, and the others = \"ignore\"")


#: A service's status that explains a blank figure: nothing to report, or nothing to rate it against.
_NO_FIGURE_SAID = frozenset({"No data", "Data only", "Not due", "Not applicable"})


def _counted(n: int, noun: str) -> str:
    """``1 measure``, ``2 measures``."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


# An actual column headed as a figure to date: 'Delivered to date (£k)', 'Spend to date', 'YTD actual', 'Cumulative'
_TO_DATE_HEAD = re.compile(r"(?i)\bto\s+date\b|\bytd\b|year\s*to\s*date|\bcumulative\b")
# A figures column that forecasts the year ('Forecast achieved (£000)', 'Forecast outturn'): the year's expected figure,
# never a quarter's own; a service's green on one short of the year's target says "on track", never that less is better
_FORECAST_HEAD = re.compile(r"(?i)\b(?:forecast|projected|projection)\b")
_SAVINGS_HEAD = re.compile(r"(?i)\bsavings?\b")


_MONTHLY_TARGET_HEAD = re.compile(r"(?i)^\s*(?:monthly|month(?:'s)?|per\s+month)\s+target\b|\btarget\s+(?:per|a|each)\s+month\b")
_ANNUAL_HEAD = re.compile(r"(?i)\b(?:annual|yearly|year[\s-]end|full[\s-]year|\d{4}\s*/\s*\d{2})\b")


def _months_target_to_date(table: Table, frame: pd.DataFrame, data, ids) -> None:
    """``Annual target | Monthly target | Apr-24 ... Sep-24 | YTD | RAG``: the year to date read for the sheet's period was
    compared with the whole year's target (112 affordable homes to date 'against a target of 240', the brief's furthest
    from target). Where the sheet's 'Monthly target' is a twelfth of the year's (a count), the target to date is the
    monthly target times the months so far (120 at September), and the measure is cumulative; where it equals the year's
    (a rate or a level), the year's stands. Said in a note naming the column."""
    cmap = table.cmap
    actual, target = cmap.fields.get("actual"), cmap.fields.get("target")
    if (actual is None or target is None or not len(frame) or not _TO_DATE_HEAD.search(cmap.headers.get(actual, ""))
            or not _ANNUAL_HEAD.search(cmap.headers.get(target, "")) or "period" not in frame):
        return
    monthly = [c for c in cmap.unmapped if _MONTHLY_TARGET_HEAD.search(cmap.headers.get(c, ""))]
    if len(monthly) != 1:
        return
    col, rows = monthly[0], table.sheet.rows
    latest = frame["period"].max()
    named = table.named_month[1] + 1 if table.named_month is not None and table.named_month[0] == latest else None
    months = named or 3 * latest.quarter
    by_id = {ident: parse_number(_get(rows[r], col)).value for (r, _), ident in zip(data, ids)}
    changed = []
    for i in np.flatnonzero((frame["period"] == latest).to_numpy()):
        ident = frame["measure_id"].iat[i]
        year, month = frame["target"].iat[i], by_id.get(ident)
        if month is None or year != year or not year or abs(month * 12 - year) > 0.05 * abs(year):
            continue  # a level (the month's target is the year's) or no monthly target: the year's stands
        frame.loc[frame.index[i], ["target", "annual_target", "cumulative"]] = [month * months, year, True]
        changed.append(ident)
    if changed:
        head = cmap.headers[col]
        where = table.cell(cmap.header_row, col)
        table.report.drop(lambda p: p.source == where and "is not used by perfkit" in p.message)
        table.report.add(table.cell(cmap.header_row, col), "target", head,
                         f"{_counted(len(changed), 'measure')} ({', '.join(map(str, changed[:4]))}{' ...' if len(changed) > 4 else ''}): "
                         f"the year to date in {cmap.headers[actual]!r} is compared with {head!r} times the {months} months so far, "
                         f"not with the year's in {cmap.headers[target]!r} (the monthly target is a twelfth of it)", "info")


def _years_target_beside_quarters(table: Table, frame: pd.DataFrame, col: int | None) -> frozenset:
    """A target column that is the year's beside each quarter's own figures (a Better Care Fund return's '2024-25 Plan'
    of 1,950 falls beside quarters of 530 and 505): each quarter compared with the year's target reads as far short of
    it. Where every quarter of two or more measures is between an eighth and three-eighths of its target, and the
    measures are not said to be cumulative, a warning naming them and the line that sets the column aside. Returns
    their references (their own statuses then say nothing of which way is better)."""
    if col is None or not len(frame) or "period" not in frame or "actual" not in frame or "target" not in frame:
        return frozenset()
    if (_TO_DATE_HEAD.search(head := table.cmap.headers.get(table.cmap.fields.get("actual", -1), "")) or _FORECAST_HEAD.search(head)
            or any(pc.field == "actual" and _FORECAST_HEAD.search(table.cmap.headers.get(pc.col, "")) for pc in table.cmap.period_columns)):
        # 'Delivered to date' is the year so far, 'Forecast achieved' the year as expected: never a quarter's own figure to
        # set beside a quarter of the year
        return frozenset()
    quarterly = (frame["span"] == "quarter").to_numpy(dtype=bool) if "span" in frame else np.zeros(len(frame), dtype=bool)
    cum = frame["cumulative"].to_numpy(dtype=bool) if "cumulative" in frame else np.zeros(len(frame), dtype=bool)
    unit = frame["unit"].astype(str).to_numpy() if "unit" in frame else np.full(len(frame), "")
    a, t = frame["actual"].to_numpy(float), frame["target"].to_numpy(float)
    use = quarterly & ~cum & (unit != "%") & ~np.isnan(a) & ~np.isnan(t) & (t > 0)
    if not use.any():
        return frozenset()
    ratio = pd.Series(a[use] / t[use], index=frame["measure_id"].to_numpy()[use])
    inside = ratio.between(0.125, 0.375).groupby(level=0).all()
    flagged = list(inside[inside].index)
    header = table.cmap.headers.get(col, "")
    # a header that says it is the year's ('Annual target') beside quarters' own columns needs no second measure to show
    # it: one is enough (months rolled up into quarters are not such columns)
    monthly = (frame["span"] == "month").any() or any(token_month(pc.token) is not None for pc in table.cmap.period_columns)
    plain = monthly or not service_plans.YEARS_TARGET.search(header)
    if not flagged or (plain and (len(flagged) < 2 or len(flagged) < 0.5 * len(inside))):
        return frozenset()
    if not plain:
        # beside a header that says it is the year's, a measure none of whose quarters is over a quarter of it (a UKSPF
        # output of 0 then 450 square metres against 1,200 for the year; trees planted, 0 of 500) is a count behind its
        # profile, judged by a quarter of the year as the others are, never the whole year's target in one quarter
        flagged = list(ratio.between(0, 0.375).groupby(level=0).all().loc[lambda x: x].index)
    names = frame.drop_duplicates("measure_id").set_index("measure_id")["name"]
    listed = ", ".join(str(names.get(m) or m) for m in flagged[:4]) + (f" and {len(flagged) - 4} more" if len(flagged) > 4 else "")
    if not plain:
        # the header says it is the year's ('Annual target' of 800 fires beside quarters of 190 and 215, each its own
        # quarter's): each quarter is compared with a quarter of it, as a council judges a year's target by quarters, said
        # in the notes and in the table's target ('200 (800 a year)'); a profile in perfkit.toml says otherwise
        rows = quarterly & frame["measure_id"].isin(flagged).to_numpy() & ~np.isnan(t)
        frame.loc[rows, "annual_target"] = t[rows]
        frame.loc[rows, "target"] = t[rows] / 4
        first = str(names.get(flagged[0]) or flagged[0])
        table.report.add(table.cell(table.cmap.header_row, col), "target", header,
                         f"the quarters' figures of {_counted(len(flagged), 'measure')} ({listed}) are each their own quarter's "
                         f"and at most about a quarter of {header!r}, the year's target: each quarter was compared with a quarter of it; "
                         "if a measure's year is profiled otherwise, give its quarters' targets under [measures.profiles] in "
                         f"perfkit.toml, e.g. {toml_string(first)} = [q1, q2, q3, q4]", "info")
        return frozenset(flagged)
    table.report.add(table.cell(table.cmap.header_row, col), "target", header,
                     f"the quarters' figures of {_counted(len(flagged), 'measure')} ({listed}) are each about a quarter of their target in "
                     f"{header!r}, which looks like the year's: each quarter was compared with it as given; if it is the "
                     f"year's target, put {toml_string(header)} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] "
                     "in perfkit.toml (the services' own statuses stand), or give each quarter's target", "warning")
    return frozenset(flagged)


def _quarters_by_measure(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The quarterly figures sorted by measure (in order of first appearance, as ``code``) then by period, with the
    measures' ids by code: one sort for the whole frame, so the checks below are whole-column operations."""
    quarterly = frame[frame["span"] == "quarter"] if "span" in frame else frame
    codes, ids = pd.factorize(quarterly["measure_id"])
    periods = quarterly["period"]
    ordinals = periods.array.asi8 if isinstance(periods.dtype, pd.PeriodDtype) else np.zeros(len(periods), np.int64)
    order = np.lexsort((ordinals, codes))
    rows = quarterly.iloc[order].assign(code=codes[order])
    return rows[rows["code"] >= 0], np.asarray(ids, dtype=object)


def _any_cumulative(rows: pd.DataFrame) -> pd.Series:
    """For each measure of :func:`_quarters_by_measure`'s rows (by ``code``), whether any of its rows is said to be cumulative."""
    cumulative = rows["cumulative"]
    return cumulative.where(cumulative.notna(), False).astype(bool).groupby(rows["code"]).any()


def _targets_to_date(report: Report, where: str, frame: pd.DataFrame) -> None:
    """Measures whose own quarterly targets build through the year (2,000 at Q1, 4,000 at Q2 of 8,000): figures to date,
    read as cumulative and said. Their statuses are those targets' already; what changes is their direction of travel,
    which compared Q2's six months with Q1's three (absence 'worsening' from 2.4 to 4.3 days while it came back to
    profile). A target that rises by less than half again, or falls, is no profile."""
    if not len(frame) or not {"target", "actual", "period", "measure_id", "cumulative"} <= set(frame.columns):
        return
    rows, ids = _quarters_by_measure(frame)
    if not len(rows):
        return
    said = _any_cumulative(rows)
    years = rows["period"].dt.qyear.groupby(rows["code"]).nunique(dropna=False)
    targets = rows[rows["target"].notna()]
    t = targets.groupby("code", sort=True)["target"]
    rising = ~((~(t.diff() > 0)) & targets["code"].duplicated()).groupby(targets["code"]).any()
    first, last, count = t.first(), t.last(), t.size()
    actuals = rows[rows["actual"].notna()]
    falling = ((~(actuals.groupby("code")["actual"].diff() >= 0)) & actuals["code"].duplicated()).groupby(actuals["code"]).any()
    built = (count >= 2) & rising & (last >= 1.5 * first) & (first > 0)
    built &= ~said.reindex(built.index, fill_value=False)  # said to be cumulative already (its column, or its tab's)
    built &= years.reindex(built.index) == 1
    built &= ~falling.reindex(built.index, fill_value=False)  # figures to date never fall
    codes = built.index[built.to_numpy()]
    if not len(codes):
        return
    profile: dict[int, list[float]] = {}
    for c, x in zip(*targets[targets["code"].isin(codes)].groupby("code").head(4)[["code", "target"]].to_numpy().T):
        profile.setdefault(int(c), []).append(x)
    found = {str(ids[c]): ", ".join(f"{x:,.10g}" for x in profile[c]) for c in codes}
    frame.loc[frame["measure_id"].astype(str).isin(found), "cumulative"] = True
    names = frame.drop_duplicates("measure_id").set_index("measure_id")["name"]
    listed = "; ".join(f"{names.get(m) or m} ({t})" for m, t in list(found.items())[:4]) + (
        f"; and {len(found) - 4} more" if len(found) > 4 else "")
    report.add(where, "cumulative", "", f"{len(found)} measure{'s' * (len(found) > 1)} read as cumulative (figures "
                     f"to date), as {'their' if len(found) > 1 else 'its'} quarterly targets build through the year: {listed}; "
                     "each quarter is compared with its own target, and the direction of travel with the quarter's target, "
                     "never Q2's total with Q1's", "info")


def _green_short_of_the_year(table: Table, frame: pd.DataFrame) -> None:
    """Measures, higher being better, the services rate Green in a quarter before the last while their figure is well short of
    its target (61 against 120 at Q2, rising from 34 at Q1), or whose own comment says 'Cumulative': figures to date
    against the year's target. perfkit's ratings of quarters with no status of the services' own compare them with
    it as given (34 against 120 at Q1 was Red), so a warning names them with the line that says they are cumulative."""
    need = {"reported_status", "polarity", "actual", "target", "period", "measure_id"}
    if not len(frame) or not need <= set(frame.columns):
        return
    rows, ids = _quarters_by_measure(frame)
    # lower is better: a figure to date under the year's target is never rated short
    higher = ~(rows["polarity"].astype(object) != "higher").groupby(rows["code"]).any()
    if "cumulative" in rows:  # read as cumulative already (its name says so): its quarters are judged against a profile
        higher &= ~_any_cumulative(rows)
    rows = rows[rows["code"].isin(higher.index[higher.to_numpy()])]
    if not len(rows):
        return
    flagged: dict[int, str] = {}
    if "commentary" in rows:
        said = rows["commentary"].astype(str).str.strip()
        short = said[said.str.len() < 40]
        for c in rows["code"][short.index[short.str.contains(service_plans.CUMULATIVE_WORDS)]] if len(short) else ():
            flagged[int(c)] = "its comment says cumulative"
    a, t = rows["actual"].to_numpy(float), rows["target"].to_numpy(float)
    quarter = rows["period"].dt.quarter.to_numpy()
    earlier = rows["actual"].groupby(rows["code"]).ffill().groupby(rows["code"]).shift().to_numpy(float)
    codes = rows["code"].to_numpy()
    with np.errstate(invalid="ignore"):
        short = (quarter < 4) & (t > 0) & (a < t * (quarter / 4 + 0.2))
        short_green = (rows["reported_status"].astype(str) == "Green").to_numpy() & short & (earlier < a)
    # a comment saying 'Cumulative' of a figure near the year's target all year (rent collected, 96% against 98.5% at Q1)
    # is a rate to date, compared with the year's target as it stands: only figures that build up towards it are asked about
    building = set(codes[short].tolist())
    flagged = {c: why for c, why in flagged.items() if c in building}
    for i in np.flatnonzero(short_green):
        if codes[i] not in flagged:
            flagged[int(codes[i])] = f"Green at {period_label(rows['period'].iloc[i])} with {a[i]:g} against {t[i]:g}"
    if not flagged:
        return
    flagged = {str(ids[c]): why for c, why in sorted(flagged.items())}
    names = frame.drop_duplicates("measure_id").set_index("measure_id")["name"]
    listed = "; ".join(f"{names.get(m) or m} ({why})" for m, why in list(flagged.items())[:4]) + (
        f"; and {len(flagged) - 4} more" if len(flagged) > 4 else "")
    # a bare number ("1") may be another tab's measure too (read as "Resources 1"): the name says which
    example = ", ".join(toml_string(str(names.get(m) or m) if re.fullmatch(r"\d{1,3}", str(m)) else str(m)) for m in list(flagged)[:4])
    table.report.add(table.sheet.name, "cumulative", "", f"{len(flagged)} measure{'s' * (len(flagged) > 1)} look{'s' * (len(flagged) == 1)} "
                     f"cumulative (figures to date against the year's target): {listed}; perfkit compared each quarter's figure "
                     f"with the target as given; if they are cumulative, put cumulative = [{example}] under [measures] in "
                     "perfkit.toml", "warning")


_REPORTING_PERIOD = re.compile(r"(?i)\b(?:for|in|of)\s+the\s+(?:reporting|current)\s+(?:period|quarter)\b|\bthis\s+quarter\b")


def _status_of_the_reporting_period(table: Table, opts: Options, by_field: dict) -> None:
    """A status column headed for the reporting period (a Better Care Fund return's 'Assessment of progress against the
    metric plan for the reporting period') beside figures of an earlier quarter only ('actual performance for Q1' in the
    Q2 return, the data a quarter behind): the services' status for the quarter the sheet reports, read as that quarter's
    statuses with no actual (:func:`_statuses_without_figures`), said; filed under the figures' quarter, the Q2
    return was briefed as Q1's."""
    cmap = table.cmap
    actuals = by_field.get("actual", [])
    found = reporting_period_status(table, opts.period, actuals)
    if found is None:
        return
    col, sheet_span = found
    del cmap.fields["reported_status"]
    by_field.setdefault("reported_status", []).append((sheet_span, col))
    latest = max(span.end for span, _ in actuals)
    table.report.add(table.cell(cmap.header_row, col), "reported_status", cmap.headers.get(col, ""),
                     f"column {cmap.headers.get(col, '')!r} is the services' status for the reporting period, "
                     f"{sheet_span.label} (as the sheet's title or name says), beside figures of {period_label(latest)} only: "
                     f"read as {sheet_span.label}'s statuses; the figures stay {period_label(latest)}'s", "info")


def reporting_period_status(table: Table, period, actuals: list) -> tuple[int, Span] | None:
    """The status column headed for the reporting period and the quarter the sheet reports, where the figures beside it
    (``actuals``: (span, column) pairs) are all of earlier quarters; else None. ``perfkit init`` writes it so too."""
    cmap = table.cmap
    col = cmap.fields.get("reported_status")
    if col is None or not actuals or col in cmap.configured or not _REPORTING_PERIOD.search(cmap.headers.get(col, "")):
        return None
    try:
        sheet_span = single_period(table, period)
    except (LayoutError, PeriodError):
        return None
    if sheet_span.kind != "quarter" or any(span.end >= sheet_span.end for span, _ in actuals):
        return None
    return col, sheet_span


def _merged_targets(table: Table, target_cols: dict) -> dict[int, list]:
    """Rows whose target cell is merged across two or more quarters' target columns (a Better Care Fund plan's one figure
    for the year over 'Q1 | Q2 | Q3 | Q4'): row -> the quarters' spans it covers."""
    by_col = {col: span for span, col in target_cols.items()}
    out: dict[int, list] = {}
    for (r1, c1), (r2, c2) in table.sheet.merged:
        covered = [by_col[c] for c in range(c1, c2 + 1) if c in by_col and by_col[c].kind == "quarter"]
        if len(covered) >= 2 and c1 in by_col:
            for r in range(r1, r2 + 1):
                out[r] = covered
    return out


def _merged_across_quarters(table: Table, r: int, covered: list, targets: dict) -> None:
    """One target merged across the quarters' target columns: the year's, never the first quarter's; each quarter has
    none of its own in ``targets`` (its status is Data only, or the service's), said."""
    first = min(covered, key=lambda sp: sp.end)
    value = targets.get(first, _NO_TARGET)
    if value[0] != value[0]:
        return
    for sp in covered:
        targets[sp] = _NO_TARGET
    c = table.cmap.fields.get("name", 0)
    table.report.add(table.cell(r, c), "target", _amount(value[0]), f"{_text(_get(table.sheet.rows[r], c))}: its target "
                     f"{_amount(value[0])} is merged across the quarters' target columns: the year's, so no quarter has a "
                     "target of its own (each is rated by the service's status, or is Data only)", "info")


def _statuses_without_figures(table: Table, by_field: dict, actual_cols: list, reported: list, data) -> list:
    """A quarter whose status column has no figures column beside it (``Q1 Actual | Q1 RAG | Q2 RAG``): its statuses
    are read as that quarter's, with no actual, and said (dropped before, the sheet's latest quarter was the one before).

    Returns ``reported`` with each such (span, status column) added in period order; the columns are kept in
    ``table.status_only`` so the figures are read as missing, not as numbers.
    """
    with_figures = {span.end for span, _ in actual_cols}
    rows = table.sheet.rows
    only = [(span, col) for span, col in by_field.get("reported_status", [])
            if span.end not in with_figures and any(not _blank(_get(rows[r], col)) for r, _ in data)]
    if not only:
        return reported
    cmap = table.cmap
    for span, col in only:
        table.status_only.add(col)
        table.report.add(table.cell(cmap.header_row, col), "reported_status", cmap.headers[col],
                         f"column {cmap.headers[col]!r} gives the services' status for {span.label}, which has no figures "
                         "column: read as that quarter's statuses, with no actual", "info")
    return sorted([*reported, *only], key=lambda x: (x[0].end, x[0].kind != "quarter"))


def _in_cell_target(table: Table, r: int, c: int, typed: float, given: float, low: float, label: str) -> float:
    """The period's target where its actual's cell names one (``95.2% (target 95%)``), said aloud; a warning naming both
    where a Target column gives another figure (the column's is kept)."""
    v = _get(table.sheet.rows[r], c)
    if np.isnan(typed):
        return given
    if np.isnan(given) and np.isnan(low):
        table.report.add(table.cell(r, c), "target", v, f"{_text(v)!r} read as the actual for {label} and its target ({typed:g})", "info")
        return typed
    if not np.isnan(given) and given != typed:
        table.report.add(table.cell(r, c), "target", v,
                         f"{_text(v)!r} names a target of {typed:g} for {label}, but the target column gives {given:g}: the "
                         "column's is used; correct one of them", "warning")
    return given


# A sheet's own rule for amber, written in a note or key row: "A = within 10% of target", "Tolerance is 10% of the
# quarterly target", "10% tolerance", "Amber: up to 5% below target".
_TOLERANCE_NOTE = re.compile(
    r"(?i)(?:\btolerance\s*(?:is|of|:|=|set\s+at|level)?\s*(?:±|\+/-|\+/−)?\s*(\d+(?:\.\d+)?)\s*%"
    r"|(\d+(?:\.\d+)?)\s*%\s*tolerance"
    r"|(?:up\s+to|within|no\s+more\s+than|less\s+than)\s+(\d+(?:\.\d+)?)\s*%\s*(?:of|below|above|from|off|short\s+of)?\s*"
    r"(?:the\s+)?(?:(?:quarterly|annual|monthly|agreed|set|stretch|profiled|local)\s+)?(?:target|tgt|plan|profile|trajectory|standard)"
    # "Within 10% = missed by up to 10%": a key's own label for amber, and the band it says in words
    r"|\bmissed\s+(?:the\s+(?:target|plan)\s+|(?:target|plan)\s+)?by\s+(?:up\s+to|no\s+more\s+than|less\s+than|under|within)\s+(\d+(?:\.\d+)?)\s*%"
    r"|(?:^|(?<=[;,.:]))\s*within\s+(\d+(?:\.\d+)?)\s*%\s*(?:=|:|-|–)"
    # "Amber within 10% below", "Amber: up to 5% under": amber named, then its band
    # ("Amber (within 10%)", a key's word with its band in brackets)
    r"|\bamber\b[^;.\n%=]{0,3}(?:[=:]\s*)?[^;.\n%]{0,40}?\b(?:up\s+to|within|no\s+more\s+than|less\s+than)\s+(\d+(?:\.\d+)?)\s*%"
    # "worse than target by no more than 10%": amber's band in words
    r"|\b(?:worse|below|short|under|behind|off|missed|missing)\s+(?:than\s+)?(?:the\s+)?(?:target|plan|profile|trajectory)\s+by\s+(?:up\s+to|no\s+more\s+than|less\s+than|under|within)"
    r"\s+(\d+(?:\.\d+)?)\s*%"
    # "Slightly below target (within 10%)", "Near target (within 5%)": a key's word short of target, its band in brackets
    r"|\b(?:below|off|short\s+of|under|behind|missed|near|close\s+to|approaching)\s+(?:the\s+)?(?:target|plan)\w*\s*"
    r"\(\s*(?:within|up\s+to|no\s+more\s+than|less\s+than)\s+(\d+(?:\.\d+)?)\s*%[^)]{0,20}\))"
    # "Performance is below target but within 10% of it": the target named first, then the band of it
    r"|\b(?:below|short\s+of|under|behind|missed|off)\s+(?:the\s+)?target\b[^;.\n%]{0,30}?\bwithin\s+(\d+(?:\.\d+)?)\s*%\s*of\s+(?:it|that)\b"
    # "Performance is worse than target but within 10%": a key's row for amber, the band closing it
    r"|\b(?:worse|below|short|under|behind)\s+(?:than\s+)?(?:the\s+)?(?:target|plan)\b[^;.\n%]{0,30}?\bwithin\s+(\d+(?:\.\d+)?)\s*%\s*(?:$|[;.)])"
    # "Missed target by 10% or less", "below target by 5% or under"
    r"|\b(?:missed|worse|below|short|under|behind)\s+(?:than\s+)?(?:the\s+)?(?:target|plan)?\s*by\s+(\d+(?:\.\d+)?)\s*%\s+or\s+(?:less|under|below)\b")
# What a band said "within 5% of target" belongs to, where it is not amber's: "G = at or within 2% of target".
_GREEN_LABEL = re.compile(r"(?i)(?<!partially\s)(?<!partly\s)(?<!nearly\s)(?<!not\s)(?<!part\s)"
                          r"\b(?:green|g|on\s+target|achieving|achieved|met|good)\s*(?:=|:|-|–|is|means)?\s*(?:at\s+or\s+)?$")


# A status word that names amber's band: "Within 10%", "Within 5% of target".
_WITHIN_WORD = re.compile(r"(?i)\s*(?:(?:amber|a)\s*(?:\(|[-–:]\s*))?within\s+(\d+(?:\.\d+)?)\s*%\s*(?:of\s+(?:the\s+)?target)?\s*\)?\s*$")


def _stated_tolerances(v: str) -> list[float]:
    """The amber tolerances a note states (``A = within 10% of target``, ``Near target: within 10%``, ``10% tolerance``);
    a band of green ("G = within 2% of target") is not one."""
    out = []
    for m in _TOLERANCE_NOTE.finditer(v):
        before = re.split(r"[;,.\n]", v[:m.start()])[-1]
        if m[3] is not None and _GREEN_LABEL.search(before):
            continue
        out.append(float(next(g for g in m.groups() if g)))
    return out


# A row's note saying its figure is not in yet ("Q2 data not yet available", "figures awaited", "data due November").
# "New indicator from April 2024": no figure for a period before it began (only for periods before the latest)
_NEW_MEASURE = re.compile(r"(?i)\bnew\s+(?:indicator|measure|kpi|pi|metric|target)\b|\bnew\s+(?:for|from|in|since)\s+"
                          r"(?:20\d\d|april|apr|this\s+year|the\s+year)\b|\b(?:introduced|collected|measured|reported)\s+(?:from|since)\s+"
                          r"(?:20\d\d|april|apr)\b")
_NOT_YET_SAID = re.compile(r"(?i)\bnot\s+yet\s+(?:available|received|published|in|reported)\b|\bawaited\b|\bto\s+follow\b"
                           r"|\b(?:data|figures?)\s+(?:due|expected)\b"
                           # "Q1 figure not collected (termly data)": a figure the service does not gather that quarter
                           r"|\b(?:figure|data|figures)\s+not\s+(?:collected|available|measured)\b|\btermly\s+data\b"
                           # "2023 figure not published until summer 2025", "data not released": a figure not out yet
                           r"|\b(?:figures?|data|statistics|results?)\s+(?:is\s+|are\s+)?not\s+(?:yet\s+)?(?:published|released|out)\b"
                           # "Annual measure - published December": a figure the quarter does not have
                           r"|\bannual\s+(?:measure|indicator|figure|data|survey)\b|\breported\s+annually\b|\bpublished\s+annually\b"
                           r"|\breported\s+(?:in|at)\s+(?:q[1-4]|quarter\s+[1-4]|year[\s-]end)\b")
_NOTE_WORD = re.compile(r"[a-z]{4,}")
_NOT_NAMING = frozenset({"cumulative", "year", "date", "target", "targets", "annual", "applies", "apply", "quarter", "quarters",
                         "figures", "measures", "from", "with", "this", "that", "only", "each", "total", "totals"})


_YTD_HEAD = re.compile(r"(?i)\bytd\b|year[\s-]to[\s-]date")  # a column of the year to date ("YTD Actual")


def _cumulative_in_notes(table: Table, items: list[int], ids: list, names: list) -> None:
    """A note under the table that says some figures are cumulative and how their target applies ('Q1-Q4 collection rates
    are cumulative; annual target applies at year end'), where no column or setting says which measures are: a warning
    naming the note, with the line that names them (those whose names share its words, as the example). Each quarter is
    still compared with the target as given, so the warning stands until the officer says which."""
    given = "measure_id" in table.cmap.fields  # else the ids are perfkit's own: the names are what the officer knows
    refs = _note_refs(ids if given else ())
    # a year-to-date column perfkit set aside (the quarters' own are read): a key saying "YTD = April to date" speaks of it
    ytd_aside = any(_YTD_HEAD.search(table.cmap.headers.get(c, ""))
                    for c in [*table.cmap.set_aside, *table.cmap.unmapped])
    fields, heads = table.cmap.fields, table.cmap.headers
    if "actual" in fields and all(_YTD_HEAD.search(heads.get(fields[f], ""))
                                  for f in ("actual", "target") if f in fields):
        return  # "YTD Actual | YTD Target": every figure is to date, against a target to date, as the note says
    for r, c, v in _note_cells(table, items, title=False):
        if ytd_aside and (not re.search(r"(?i)\bcumulative\b", v) or _YTD_HEAD.search(v)):
            continue  # "Year to date: counts are cumulative": of the year-to-date column set aside, not of the quarters read
        # "... cumulative; annual target applies at year end", or "CH01 and NM01 are cumulative year to date"
        # the references of the sentences that say cumulative: "RE03 is a rolling 12-month figure. RE01 is cumulative"
        # names RE01 alone
        saying = " ".join(part for part in re.split(r"(?<=[.;])\s+", v) if service_plans.CUMULATIVE_WORDS.search(part))
        mentioned = _refs_named(saying or v, refs)
        if service_plans.CUMULATIVE_WORDS.search(v) and ("target" in v.lower() or mentioned):
            words = set(_NOTE_WORD.findall(v.lower())) - _NOT_NAMING
            named = mentioned or [str(i if given else n) for i, n in dict(zip(ids, names)).items()
                                  if words & set(_NOTE_WORD.findall(str(n).lower()))]
            example = ", ".join(f"\"{i}\"" for i in (named or [str(ids[0])] if ids else ["CT1"])[:4])
            said = {str(i if given else n) for i, n in zip(ids, names) if service_plans.CUMULATIVE_WORDS.search(str(n))}
            quarter_targets = {pc.token for pc in table.cmap.period_columns if pc.field == "target"}
            if len(quarter_targets) >= 2:
                # "... measured against the profiled target for the quarter", "All figures and targets are cumulative", the
                # sheet giving a target for each quarter: those are the profiles, so each quarter is already compared with
                # its own (and a measure whose targets build through the year is read as cumulative, said of each)
                table.report.add(table.cell(r, c), "cumulative", v, f"{_text(v)!r}: the sheet gives a target for each quarter, "
                                 "the profile to date the note speaks of: each quarter is compared with its own", "info")
                return
            if said and set(named) <= said:  # "(cumulative %)" in the names of those the note speaks of: read as such already
                table.report.add(table.cell(r, c), "cumulative", v, f"{_text(v)!r}: the measures whose names say they are "
                                 f"cumulative ({', '.join(sorted(said)[:4])}) are read as such, each quarter against its "
                                 "target to date", "info")
                return
            table.report.add(table.cell(r, c), "cumulative", v,
                             f"{_text(v)!r}: the sheet says some figures are cumulative (year to date), but no column or "
                             "setting says which measures: each quarter was compared with the target as given; name them "
                             f"under [measures] in perfkit.toml, e.g. cumulative = [{example}]", "warning")
            return


_BETTER = re.compile(r"(?i)\b(lower|higher|smaller|bigger|larger|less|more|low|high)\s+(?:(?:figures?|numbers?|values?|results?|scores?|"
                     r"rates?|counts?)\s+)?(?:is|=|are)\s+better\b")  # "a lower figure is better performance" too
_OTHER_WAY = {"lower": "higher", "higher": "lower"}
# A share of things done in time: "% ... within 28 days", "% ... on time", "percentage ... in 13 weeks" (never "days taken").
_DONE = (r"(?:determined|decided|processed|issued|answered|paid|cleared|completed|responded|resolved|repaired|closed|dealt|"
         r"registered|assessed|seen|visited|attended|arriving|arrived|inspected|delivered|made|sent|relet|let|removed|collected|"
         r"acknowledged|approved|returned|received|reviewed|done|handled|actioned|fixed|published|offered|started|treated|"
         r"contacted|called|phoned|referred|allocated|triaged|placed|housed|discharged|supported)")
_FEWER_BETTER = re.compile(r"(?i)\bmissed\s+(?:bins?|collections?|bin\s+collections?)\b|\bresidual\s+(?:household\s+)?waste\b|"
                           r"\b(?:in|placed\s+in)\s+(?:temporary\s+accommodation|bed\s+and\s+breakfast|b\s*&\s*b)\b|\brent\s+arrears\b|"
                           r"\bvoid\s+(?:loss|rent\s+loss)\b")
# Calls the service lost: "Call abandonment rate (%)", "Calls abandoned"
_ABANDONED = re.compile(r"(?i)\babandon(?:ed|ment|s)?\b")
# A share of a good outcome by its words: "% of food businesses rated 3 or better", "Calls answered (%)"
_OR_BETTER = re.compile(r"(?i)(?:%|\bpercentage\b|\bproportion\b).{0,80}?\bor\s+(?:better|above|higher|more)\b")
_ANSWERED = re.compile(r"(?i)^(?=.*(?:%|\bpercentage\b|\bproportion\b))(?!.*\b(?:not|un)answered\b).*\banswered\b")
# A time a service takes, named as one: "Average speed of answer", "Average call handling time", "Response time"
_SPEED_OF = re.compile(r"(?i)\bspeed\s+of\s+(?:answer|response)\b|\b(?:handling|response|answer|turnaround|wait(?:ing)?)\s+times?\b")
# A unit cost: "Cost per primary school pupil (£)", "Home care costs per hour", "Net cost of waste collection per premise"
_COST_PER = re.compile(r"(?i)\bcosts?\s+per\b|\bcosts?\s+of\s+[\w\s,&'-]{1,60}?\bper\b|\bspend\s+per\b|\bunit\s+costs?\b")
# ... never money coming in or kept: "Income per visit", "Costs recovered per case", "Savings per head"
_NOT_A_COST = re.compile(r"(?i)\b(?:income|recover\w*|sav(?:ed|ing|ings)|avoided|collected|generated|raised|reduc\w*)\b")
# A measure's name that says which way is better: "Facility downtime (hours) - lower is better", "(higher = better)"
_WAY_IN_NAME = re.compile(r"(?i)\b(lower|higher|less|more|fewer|smaller|bigger|greater)\s*(?:is|=|are)?\s*(?:better|good)\b")
# Harms a health or care service counts to bring down: "Staff sickness absence %", "Falls with harm per 1,000 bed days",
# "C. difficile cases", "Pressure ulcers (category 2+)"; never the work against them ("MRSA screening compliance")
_CARE_HARM = re.compile(r"(?i)\bsickness\s+absence\b|\bfalls?\s+(?:with|resulting\s+in|causing)\s+(?:\w+\s+)?harm\b|"
                        r"\binpatient\s+falls\b|\bc\.?\s*diff(?:icile)?\b|\bmrsa\b|\be\.?\s*coli\b|\bpressure\s+(?:ulcers?|sores?)\b|"
                        r"\bmedication\s+errors?\b|\bnever\s+events?\b|\bdelayed\s+(?:discharges?|transfers?\s+of\s+care)\b|"
                        r"\b(?:emergency\s+)?readmissions?\b|\bhealthcare[\s-]associated\s+infections?\b|"
                        # an IJB's or an ICB's unplanned hospital use: fewer is better
                        r"\b(?:emergency|unplanned|non[\s-]elective)\s+(?:hospital\s+)?(?:admissions?|bed\s+days?)\b")
_CARE_WORK = re.compile(r"(?i)\bscreen\w*|\bcomplian\w*|\bvaccin\w*|\bimmunis\w*|\btest\w*|\bswab\w*|\bbundles?\b|"
                        r"\bprevention\b|\breturn[\s-]to[\s-]work\b|\binterviews?\b")
_LOST = re.compile(r"(?i)\b(?:lost|loss(?:es)?)\b(?!.*\b(?:recovered|prevented|avoided|saved|reduced)\b)")
_TREND_UP = re.compile(r"(?i)^\s*(?:improved|improving|better|↑\s*improved)\s*$")
_TREND_DOWN = re.compile(r"(?i)^\s*(?:worsened|worsening|worse|deteriorated|deteriorating|declined|declining)\s*$")


def _polarity_from_trend_words(frame: pd.DataFrame, wanted: set) -> dict:
    """Measure -> the polarity its service's own direction words say, where each says it the same way: ``Improved``
    beside a figure that fell from the period before is lower is better; beside one that rose, higher."""
    if not wanted:
        return {}
    mine = frame[frame["measure_id"].isin(wanted)].sort_values(["measure_id", "period"], kind="stable")
    votes: dict = {}
    for ident, part in mine.groupby("measure_id", sort=False):
        a = part["actual"].to_numpy(float)
        words = part["reported_trend"].astype(object).fillna("").astype(str).tolist()
        for i in range(1, len(a)):
            moved = a[i] - a[i - 1]
            if moved != moved or moved == 0:
                continue
            up, down = _TREND_UP.match(words[i]), _TREND_DOWN.match(words[i])
            if up or down:
                votes.setdefault(ident, set()).add("higher" if (moved > 0) == bool(up) else "lower")
    return {k: v.pop() for k, v in votes.items() if len(v) == 1}


# People content with a service: satisfied, rating it good or better, who would recommend it
_PLEASED = re.compile(r"(?i)(?<![a-z])(?:satisfied|satisfaction|rat(?:ing|ed|e)\b.{0,60}?\b(?:good|excellent|very\s+good)\s+or\s+"
                      r"(?:better|above)|would\s+recommend|feel(?:ing)?\s+safe)")
# Words alone, with no figure in them: "No survey this year", "See commentary", "Awaiting audit sign-off"
_WORDS_ONLY = re.compile(r"(?i)[a-z][a-z'’&/,.:;()\-–— ]{2,80}")


# A figure written in words ("about ninety", "nearly half"): a number to correct, never words for no figure
_NUMBER_WORDS = re.compile(r"(?i)\b(?:about|approx\w*|around|circa|nearly|roughly|almost|zero|nil|none|one|two|three|four|five|six|"
                           r"seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                           r"thousand|million|half|third|quarter)\b")


# A share reaching a standard: "% of children meeting developmental milestones", "Pupils achieving 5 GCSEs (%)"
_REACHING = re.compile(r"(?i)(?:%|\bpercentage\b|\bproportion\b|\bshare\b|\brate\b).{0,80}?(?<!not\s)\b(?:meeting|achieving|attaining|"
                       r"reaching|passing|gaining)\b|\b(?:meeting|achieving|attaining|reaching|passing|gaining)\b.{0,80}?(?:%|\(%\))|"
                       # the NHS's Faster Diagnosis Standard: the share told within 28 days of referral
                       r"\bfaster\s+diagnosis\b.{0,40}?(?:%|\(%\))|(?:%|\bpercentage\b).{0,40}?\bfaster\s+diagnosis\b|"
                       # "% of food premises broadly compliant": the share meeting a standard
                       r"(?:%|\bpercentage\b|\bproportion\b).{0,60}?\b(?:broadly\s+|fully\s+)?compliant\b|"
                       # "% of household waste recycled", "% of pupils entering positive destinations": a share of a good outcome
                       r"(?:%|\bpercentage\b|\bproportion\b).{0,60}?\b(?:recycled|composted|reused|(?:sustained\s+)?positive\s+destinations?)\b")
_DISPLEASED = re.compile(r"(?i)\b(?:dis|un)satisf|\bnot\s+(?:satisfied|recommend|feel|meeting|achieving|reaching)|\bpoor\b|\bcomplain|\bfail|\bpoverty\b|\bdepriv|\bhomeless|\bunemploy|\bdefinition\b|\bcriteria\b|\bthreshold\b|\bnon[\s-]?complian")


# Cases still open, or waiting, past a time: "open for more than 20 weeks", "waiting over 18 weeks", "outstanding over 28 days"
_BACKLOG = re.compile(r"(?i)\b(?:open|waiting|waited|outstanding|overdue|delayed|awaiting|on\s+the\s+waiting\s+list)\b.{0,30}?"
                      r"\b(?:more\s+than|over|longer\s+than|exceeding|beyond|in\s+excess\s+of)\s+\d+\s*(?:working\s+)?"
                      r"(?:days?|weeks?|months?|hours?|years?)\b"
                      # an NHS tracker's "Patients waiting 52+ weeks", "% waiting 6+ weeks", "Total RTT waiting list",
                      # "Cancer 62-day backlog": the waits and the queue a recovery plan brings down
                      r"|\bwaiting\s+\d+\s*\+\s*(?:days?|weeks?|months?)\b|\bwaiting\s+lists?\b|\bbacklogs?\b")


# Harms a plan counts to bring down: crimes, offences, deaths, casualties, fires, incidents, entrants to youth justice
_HARMFUL = re.compile(r"(?i)\b(?:crimes?|offences?|offending|deaths?|casualties|killed|injur\w*|fires?|incidents?|"
                      r"(?:first[\s-]time\s+)?entrants|victims?|assaults?|burglar\w*|robber\w*|fly[\s-]?tipping|arson)\b")
_REPORTED = re.compile(r"(?i)\breport(?:s|ed|ing)?\b|\bconfidence\b|\bdetect\w*|\bsolved\b|\bprevent\w*|\bvisits?\b|"
                       r"\bcharge[sd]?\b|\boutcomes?\b|\bsanction\w*|\bconvict\w*|\bresolved\b|\bsupport\w*|"
                       # "Fire safety audits of high-risk premises completed": work done against a harm, not the harm
                       r"\bsafety\b|\baudits?\b|\binspect\w*|\bchecks?\b|\bcompleted\b|\bdelivered\b|\binstalled\b|\bfitted\b|"
                       r"\bresponse\b|\battended\b|\bremoved\b|\bcleared\b|"
                       # "% of domestic abuse incidents with a DASH risk assessment within 24 hours": work done for victims
                       r"\bassess(?:ment|ments|ed)\b|\bcontacted\b|\breferr(?:al|als|ed)\b|"
                       # "On-call fire engine availability (%)": a service's readiness, not a harm
                       r"\bavailab\w*|\bengines?\b|\bappliances?\b|\bcrew\w*|"
                       # "% of critical incidents where the first appliance arrived within 10 minutes": a response in time
                       r"\barriv\w*|\bwithin\s+\d+")


# A count of things a plan makes or brings about: jobs created, homes delivered, trees planted
_MADE = re.compile(r"(?i)\b(?:jobs?|homes?|houses?|dwellings?|apprenticeships?|businesses?|learners?|trees?|hedgerows?|"
                   r"affordable\s+homes?|units?|volunteers?|placements?|training\s+places?)\s+(?:created|delivered|built|completed|"
                   r"planted|safeguarded|supported|assisted|started|secured|brought\s+back\s+into\s+use)\b")
# The harm a count of things made remedies: "Empty homes brought back into use" counts homes no longer empty
_REMEDIED = re.compile(r"(?i)\b(?:empty|vacant|derelict|long[\s-]term\s+empty)\s+(?=(?:homes?|houses?|dwellings?|properties|units?)\s+"
                       r"brought\s+back\s+into\s+use\b)")


def _made(name) -> re.Match | None:
    """A measure's name that counts things made or brought about (:data:`_MADE`) and no harm (:data:`_HARM`) but the one
    it remedies (:data:`_REMEDIED`): the words that say so, or None."""
    m = _MADE.search(name or "")
    return m if m is not None and not _HARM.search(_REMEDIED.sub(" ", name or "")) else None


# Money collected of what is owed: "Rent collected (%)", "% of council tax collected", "Business rates collected"
_COLLECTED = re.compile(r"(?i)\b(?:rent|council\s+tax|business\s+rates|nndr|ctax|income|debts?|arrears|service\s+charges?)\s+"
                        r"(?:\w+\s+){0,2}?collected\b|\bcollection\s+rate\b"
                        # "Council tax in-year collection (%)", "Business rates collection": a share of what is owed
                        r"|\b(?:council\s+tax|business\s+rates|nndr|ctax|rent|sundry\s+debt)\s+(?:in[\s-]year\s+)?collection\b")
# A venue the public chooses to use, and its use: never a hospital's or A&E's attendances, which fewer may be better
_VISITED = re.compile(r"(?i)\b(?:library|libraries|museums?|galler(?:y|ies)|leisure(?:\s+centres?)?|swimming(?:\s+pools?)?|"
                      r"sports?\s+centres?|theatres?|country\s+parks?|heritage\s+sites?|visitor\s+centres?|arts?\s+centres?)\s+"
                      r"(?:visits?|visitors?|attendances?|admissions?|users?|usage|members(?:hip)?|issues|loans)\b")
_HARM = re.compile(r"(?i)\b(?:lost|cut|closed|closures?|empty|vacant|complaints?|incidents?|days?|costs?|delays?|waiting|"
                   r"evictions?|demolished|arrears|debts?)\b")
# The time a thing takes, as a figure: "Average days to re-let void homes", "Average time taken to answer calls"
_TIME_TAKEN = re.compile(r"(?i)^\s*(?:(?:the\s+)?(?:average|mean|median)\s+)?(?:number\s+of\s+)?(?:(?:working|calendar)\s+)?"
                         r"(?:days?|weeks?|hours?|minutes?|seconds?|time|wait|waiting\s+time)\s+(?:taken\s+)?(?:to|for)\s+[a-z]"
                         # "HB new claims – average days to process", "Change of circumstances - average days": after a dash
                         r"|\s[-–—:]\s*(?:the\s+)?(?:average|mean|median)\s+(?:number\s+of\s+)?(?:(?:working|calendar)\s+)?"
                         r"(?:days?|weeks?|hours?|minutes?|time)(?:\s+(?:taken\s+)?(?:to|for)\s+[a-z][a-z ]*)?\s*(?:\([^()]*\))?\s*$")
_TIMELINESS = re.compile(r"(?i)^(?=.*(?:^\s*%|\(\s*%\s*\)|\bpercentage\b|\bper\s*cent\b|\bproportion\b))"
                         rf"(?=.*\b{_DONE}\b)"
                         r".*\b(?:within|in|inside)\s+(?:\d+|one|two|three|four|five|six|seven|ten|twenty|twelve|thirteen|eight|"
                         r"fifteen|twenty[- ]eight)\s*(?:working\s+|calendar\s+|clear\s+)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
                         r"months?)\b|(?=.*(?:^\s*%|\(\s*%\s*\)|\bpercentage\b|\bproportion\b)).*\b(?:on\s+time|in\s+time|"
                         r"within\s+(?:timescales?|target\s+time|the\s+target\s+time|statutory\s+timescales?|deadline))\b")
_BETTER_WORD = {"lower": "lower", "smaller": "lower", "less": "lower", "low": "lower", "fewer": "lower",
                "higher": "higher", "bigger": "higher", "larger": "higher", "more": "higher", "high": "higher", "greater": "higher"}


_NOTE_STOP = frozenset({"the", "of", "for", "to", "a", "an", "in", "and", "rate", "rates", "number", "numbers", "per", "cent", "all",
                        "measure", "measures", "indicator", "indicators", "metric", "metrics"})


# "for C. difficile cases and diagnostics waiting over 6 weeks a lower figure is better": the measures first, then the way
_FOR_THEN_WAY = re.compile(r"(?i)\bfor\s+(?P<what>.+?)\s*,?\s+(?:an?\s+|the\s+)?(?:lower|higher|smaller|bigger|larger|less|more)\b"
                           r"[^.;]*?\b(?:is|are)\s+better")


def _named_measures(clause: str, ids: list, names: list) -> list:
    """The measures a clause names by their words ('Lower is better for avoidable admissions and falls'): each phrase after
    'better for' (or before ': lower is better') naming exactly one measure, whose name holds all its words."""
    m = re.search(r"(?i)\bbetter\s+(?:for|on)\s+(?P<what>.+)$", clause) or _FOR_THEN_WAY.search(clause)
    if m is None:
        return []
    out = []
    for part in re.split(r"(?i)\s*,\s*(?:and\s+)?|\s+and\s+", m["what"]):
        words = [w for w in re.findall(r"[a-z0-9]+", part.lower()) if w not in _NOTE_STOP]
        if not words:
            continue
        hits = [i for i, n in zip(ids, names) if n and all(re.search(rf"\b{re.escape(w)}", str(n).lower()) for w in words)]
        if len(set(hits)) == 1 or (len(set(hits)) > 1 and words[-1].endswith("s")):
            # "fires": each measure whose name holds the word ('Accidental dwelling fires', 'Deliberate fires'), the phrase
            # written in the plural for them all
            out.extend(dict.fromkeys(hits))
    return out


def _polarity_in_notes(table: Table, items: list[int], ids: list, names: list | None = None) -> dict[str, tuple[str, str, str]]:
    """Measures a note under the table names as lower (or higher) is better ('Lower is better for WMT009 and WMT011'):
    reference -> (polarity, the note's cell, the note). A note naming no reference, or both ways, gives nothing. With
    ``names`` (a table with no references of its own: a Better Care Fund sheet laid out sideways), its clauses name
    measures by their words ('Lower is better for avoidable admissions and falls; higher is better for discharge to usual
    place of residence'), each clause its own way."""
    if names is not None:
        out = {}
        for where, v in _notes_and_keys(table, items, title=False):
            rest = None
            for clause in _CLAUSES.split(v):
                ways = _ways(clause)
                if len(ways) == 1:
                    for ident in _named_measures(clause, ids, names):
                        out.setdefault(str(ident), (next(iter(ways)), where, v))
                    if _THE_REST.search(clause):
                        rest = next(iter(ways))
            if out and rest is not None:  # "... higher is better for all other measures": the rest, that way
                for ident in ids:
                    out.setdefault(str(ident), (rest, where, v))
            if out:
                break
        return out
    refs = _note_refs(ids)
    out: dict[str, tuple[str, str, str]] = {}
    for where, v in _notes_and_keys(table, items, title=False):
        if out:
            break  # one note says it
        if (m := _EXCEPT.search(v)) and (named := _refs_named(m["refs"], refs)):
            # "Higher is better for every measure except RP01, CH01 and NM01, where lower is better": those the other way
            way = _OTHER_WAY[_BETTER_WORD[m["way"].lower()]]
            out.update({ref: (way, where, v) for ref in named})
            break
        if re.search(r"(?i)\b(?:lower|higher)\s*/\s*(?:lower|higher)\b", v):
            continue  # "P1-P3 are lower/higher is better": which is which is not said
        if len(_ways(v)) != 1 and not _named_then_the_rest(v, refs) \
                and not _each_clause_its_own(v, refs):
            continue
        for clause in _CLAUSES.split(v):  # "Q2 data provisional. Lower is better for WMT009 and WMT011."
            ways = _ways(clause)
            if len(ways) != 1:
                continue
            for ref in _refs_named(clause, refs):
                out.setdefault(ref, (next(iter(ways)), where, v))
    return out


def _ways(text_: str) -> set[str]:
    """The ways a note's words call better ('lower is better', 'a higher figure is better'): {'lower'}, {'lower', 'higher'}."""
    return {_BETTER_WORD[m.lower()] for m in _BETTER.findall(text_)}


def _named_then_the_rest(note: str, refs: dict[str, str]) -> bool:
    """'Lower is better for CH01 and NM01; higher is better for all other measures': one clause names measures one way, the
    other says the rest are the other way (which the named ones imply), so the note's two ways agree."""
    clauses = [c for c in _CLAUSES.split(note) if _BETTER.search(c)]
    named = set().union(*(_ways(c) for c in clauses if _refs_named(c, refs)))
    rest = set().union(*(_ways(c) for c in clauses if _THE_REST.search(c)))
    return len(named) == 1 and len(rest) == 1 and rest == {_OTHER_WAY[next(iter(named))]} and \
        all(_refs_named(c, refs) or _THE_REST.search(c) for c in clauses)


def _each_clause_its_own(note: str, refs: dict[str, str]) -> bool:
    """'For FR01 to FR05 and FR07 a lower figure is better; for FR06 a higher figure is better': each clause one way, naming
    its own measures, none named twice."""
    clauses = [c for c in _CLAUSES.split(note) if _BETTER.search(c)]
    named = [set(_refs_named(c, refs)) for c in clauses]
    return (len(clauses) >= 2 and all(named) and all(len(_ways(c)) == 1 for c in clauses)
            and sum(map(len, named)) == len(set().union(*named)))


# a note's clauses: split at a full stop or a semicolon, never at an initial's ("C. difficile", "E. coli")
_CLAUSES = re.compile(r"(?<!\b[A-Z])\.\s+|;\s+|[.;]$")
_THE_REST = re.compile(r"(?i)\bfor\s+(?:all\s+|every\s+|each\s+)?(?:the\s+)?(?:other|others|rest|remaining)\b|\beverything\s+else\b|"
                       r"\b(?:all|every)\s+(?:the\s+)?other\s+(?:measures?|indicators?|kpis?|pis?)\b")  # "all other measures higher is better"


_ALL_PERCENT = re.compile(r"(?i)\b(?:all|every)\s+(?:the\s+)?(?:figures?|measures?|indicators?|kpis?|values?)\s+(?:are|is)\s+"
                          r"(?:percentages|a\s+percentage|in\s+per\s*cent|%)(?:\s*(?:,\s*)?(?:except|apart\s+from|other\s+than|but\s+not)\b(?P<refs>[^.;]*))?")


def _percentages_in_notes(table: Table, items: list[int], ids: list) -> tuple[frozenset, str] | None:
    """A note saying every figure is a percentage ('All figures are percentages except CH01 and NM01 (per 1,000 homes)'):
    (the references it excepts, its cell), said in a note; None where no note says so."""
    for where, v in _notes_and_keys(table, items):
        m = _ALL_PERCENT.search(v)
        if m is None:
            continue
        refs = _note_refs(ids)
        named = _refs_named(m["refs"] or "", refs)
        # "CH01" names "CH01(1)" and "CH01(2)": every reference the note's words stand for
        bases = {re.sub(r"\s*\(\d+\)$", "", n).lower() for n in named}
        out = frozenset(str(i) for i in ids if re.sub(r"\s*\(\d+\)$", "", str(i)).lower() in bases)
        table.report.add(where, "unit", v, f"{_text(v)[:80]!r}: measures with no unit of their own are read as percentages"
                         + (f", but for {', '.join(sorted(out))}" if out else ""), "info")
        return out, where
    return None


_EXCEPT = re.compile(r"(?i)\b(?P<way>lower|higher|smaller|bigger|fewer|more)\s+(?:is|are)\s+better\s+for\s+(?:every|each|all)\b[^.;]*?"
                     r"\b(?:except|apart\s+from|other\s+than|but\s+not)\b(?P<refs>[^.;]*)")


_ALL_OF = r"(?:indicators?|measures?|kpis?|pis?|metrics?|categories|crime\s+types?|figures|counts|columns|series)"
_FOR_ALL = re.compile(r"(?i)\b(lower|higher|smaller|bigger|fewer|more)\s+(?:(?:figures?|numbers?|values?|results?|scores?|rates?)\s+)?"
                      r"(?:is|are)\s+better\s+for\s+(?:every|each|all)(?:\s+(?:of\s+)?the)?\s+"
                      rf"(?:{_ALL_OF}\b|(?=(?:except|apart\s+from|other\s+than|but\s+not)\b))|\bfor\s+(?:every|each|all)(?:\s+(?:of\s+)?the)?\s+"
                      rf"{_ALL_OF}\s*,?\s*(lower|higher|smaller|bigger|fewer|more)\s+(?:is|are)\s+better")


_EXCEPTION_NAMED = re.compile(r"(?i)\b(?:except|apart\s+from|other\s+than|but\s+not)(?:\s+for)?\s+(?:the\s+)?(.+?)\s*(?:[.;(]|$)")


# "... except the final column": the measure at that place in the table's order (a transposed table's last column)
_EXCEPTED_PLACE = re.compile(r"(?i)^(?:(?P<last>final|last)|(?P<first>first))\s+(?:column|row|measure|indicator|kpi|one)$")


def _excepted_at(note: str, i: int, n: int) -> bool:
    """Whether a note's exception names the ``i``-th of ``n`` measures by its place ('... except the final column').

    >>> _excepted_at("Lower is better for all except the final column (higher is better).", 4, 5)
    True
    >>> _excepted_at("Lower is better for all except the final column (higher is better).", 0, 5)
    False
    """
    m = _EXCEPTION_NAMED.search(note or "")
    place = _EXCEPTED_PLACE.match(" ".join(m[1].split())) if m else None
    return place is not None and (i == n - 1 if place["last"] else i == 0)


def _excepted(note: str, name, ident) -> bool:
    """Whether a note saying which way is better for every measure names this one as the exception ('... for all
    indicators except home fire safety visits', '... except KPI 4 and KPI 7'), by its name or its reference.

    >>> _excepted("Lower is better for all indicators except home fire safety visits", "Home fire safety visits", "F3")
    True
    >>> _excepted("Lower is better for all indicators except home fire safety visits", "Accidental dwelling fires", "F1")
    False
    """
    m = _EXCEPTION_NAMED.search(note or "")
    if m is None:
        return False
    own = {" ".join(str(v).lower().split()) for v in (name, ident) if v is not None and str(v).strip()}
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", m[1].lower()):
        part = " ".join(part.split())
        if len(part) >= 2 and any(part == o or (len(part) >= 6 and (part in o or o in part)) for o in own):
            return True
    return False


def _polarity_for_all(table: Table, items: list[int]) -> tuple[str, str, str] | None:
    """A title or note saying which way is better for every measure ('Lower is better for every indicator'): (polarity,
    its cell, the text), or None. A figures column's header may say it too ('Target (lower is better)')."""
    cmap = table.cmap
    said = {}
    for c in {cmap.fields.get("target"), cmap.fields.get("actual"), *(pc.col for pc in cmap.period_columns)} - {None}:
        m = WAY_NOTE.search(cmap.headers.get(c, "")) or WAY_BRACKET.search(cmap.headers.get(c, ""))
        if m is not None:
            said.setdefault(_BETTER_WORD[m[1].lower()], c)
    if len(said) == 1:
        (way, c), = said.items()
        return way, table.cell(cmap.header_row, c), cmap.headers[c]
    for where, v in ((table.cell(r, c), v) for r, c, v in _note_cells(table, items)):
        m = _FOR_ALL.search(v)
        if m:
            return _BETTER_WORD[(m[1] or m[2]).lower()], where, v
    return None


def _note_refs(ids) -> dict[str, str]:
    """The measures' references as a note may write them, lower case: -> the reference ("CH01" names the TSM "CH01(1)")."""
    refs: dict[str, str] = {}
    for i in ids:
        own = str(i)
        low = own.lower()
        if low.strip():
            refs.setdefault(low, own)
        if low.endswith(")") and (bare := _NUMBERED.sub("", low)).strip():  # "ch01(1)": "ch01" too
            refs.setdefault(bare, own)
    return refs


_NUMBERED = re.compile(r"\s*\(\d+\)$")


def _refs_named(text_: str, refs: dict[str, str]) -> list[str]:
    """The references (of :func:`_note_refs`) a note names, once each in its order ("WMT011." with its full stop)."""
    if not refs:
        return []
    named = [refs[t] for t in (w.lower().rstrip("./-") for w in re.findall(r"[\w./-]+", text_)) if t in refs]
    for first, last in _REF_RANGE.findall(text_):
        # "FR01 to FR05": every reference of that stem numbered between them, as the sheet has them
        a, b = _STEM_NUMBER.fullmatch(first.lower()), _STEM_NUMBER.fullmatch(last.lower())
        if a and b and a[1] == b[1] and first.lower() in refs and last.lower() in refs:
            lo, hi = int(a[2]), int(b[2])
            named += [ref for key, ref in refs.items() if (m := _STEM_NUMBER.fullmatch(key)) and m[1] == a[1] and lo <= int(m[2]) <= hi]
    return list(dict.fromkeys(named))


_REF_RANGE = re.compile(r"(?i)\b([a-z]{1,6}\s?\d{1,4})\s*(?:to|-|–|—)\s*([a-z]{1,6}\s?\d{1,4})\b")
_STEM_NUMBER = re.compile(r"([a-z]{1,6}\s?)(\d{1,4})")


def _note_cells(table: Table, items: list[int], title: bool = True):
    """The text of a sheet's notes, keys and (with ``title``) title rows, as (row, column, text): never an item's row, to
    40 rows below the last item, the first 30 columns, cells under 400 characters."""
    rows = table.sheet.rows
    taken = set(items)
    last = max(items, default=table.cmap.header_row)
    for r in range(0 if title else table.cmap.header_row + 1, min(len(rows), last + 40)):
        if r in taken:
            continue
        for c, v in enumerate(rows[r][:30]):
            if v.__class__ is str and len(v) < 400:
                yield r, c, v


# Amber's band in percentage points ("Within 5 percentage points of target"), and an aside giving another band for the
# measures that are not percentages ("(within 10% for time measures)").
_POINTS = re.compile(r"(?i)\b(?:within|up\s+to|no\s+more\s+than|less\s+than)\s+(\d+(?:\.\d+)?)\s*"
                     r"(?:percentage[\s-]+points?|%\s*points?|ppts?|pp)\b")
_FOR_OTHERS = re.compile(r"(?i)\b(?:within|up\s+to|no\s+more\s+than)\s+(\d+(?:\.\d+)?)\s*%\s+(?:of\s+target\s+)?for\s+"
                         r"(?:time|other|all\s+other|non[\s-]?percentage|count|number|volume|cost)")


@dataclass(frozen=True)
class ByUnit:
    """A stated tolerance in percentage points for measures of percentages, and ``others`` (a percentage of target, or None
    for perfkit's default) for the rest: ``Amber = within 5 percentage points (within 10% for time measures)``."""

    points: float
    others: float | None

    def of(self, unit: str) -> tuple[float, str]:
        """The tolerance and its type for a measure in ``unit``."""
        if unit == "%":
            return self.points, "absolute"
        return (self.others, "percent") if self.others is not None else (np.nan, "percent")


def _points_rule(v: str) -> ByUnit | None:
    """The band in percentage points a note states, with its aside for the other measures, or None."""
    m = _POINTS.search(v)
    if m is None:
        return None
    other = _FOR_OTHERS.search(v)
    return ByUnit(float(m[1]), float(other[1]) if other else None)


# "RAG: Green = 100%, Amber = 99% to 99.9%, Red = below 99%": the levels of a compliance dashboard's bands
_GREEN_AT = re.compile(r"(?i)\bgreen\s*[=:\-–]\s*(?:[≥>=]+\s*|at\s+least\s+)?([\d.]+)\s*%")
_RED_BELOW = re.compile(r"(?i)\bred\s*[=:\-–]\s*(?:below|under|less\s+than|<)\s*([\d.]+)\s*%")


def _levels_rule(v: str) -> ByUnit | None:
    """The band in percentage points a note's levels give (green at 100%, red below 99%: amber within 1 point of a target
    at the green level), for measures of percentages; None where it names no such pair."""
    green, red = _GREEN_AT.search(v), _RED_BELOW.search(v)
    if green is None or red is None or not float(green[1]) > float(red[1]):
        return None
    return ByUnit(round(float(green[1]) - float(red[1]), 6), None)


def _notes_and_keys(table: Table, items: list[int], title: bool = True):
    """The sheet's notes (:func:`_note_cells`), then the text of the workbook's key sheets (:func:`_key_sheets`), each as
    (its cell, the text)."""
    own = ((table.cell(r, c), v) for r, c, v in _note_cells(table, items, title))
    keys = ((cell_name(name, r, c), v) for name, rows in _key_sheets(table) for r, row in enumerate(rows)
            for c, v in enumerate(row[:10]) if v.__class__ is str and len(v) < 400)
    return chain(own, keys)


def _key_sheets(table: Table):
    """The workbook's key sheets, each as (name, its first 60 rows): those named as keys, and any other the survey found
    holds the workbook's status key (a ``Dashboard`` sheet with ``Amber = within 10% of target`` under its counts)."""
    yield from other_sheets(table, KEY_SHEET, 60)
    book, book_key = table.sheet.book, getattr(table.key, "book", None)
    for name in (getattr(book_key, "sheets", None) or ()) if book is not None else ():
        if name != table.sheet.name and not KEY_SHEET.search(name):
            yield name, book.sheet(name).rows[:60]


def _tolerance_in_notes(table: Table, items: list[int], status_cols: list[int] = ()) -> tuple[float, str] | ByUnit | None:
    """The tolerance a sheet states in a title, note or key row (never an item's row), or in the services' own status
    word for amber (``Within 10%`` in a column of ``status_cols``), said aloud; None if it states none or states two
    different ones (a warning: perfkit keeps its default). A band in percentage points is a :class:`ByUnit`."""
    found: dict[float, tuple[str, str]] = {}  # tolerance -> (its cell, what the cell says)
    points: list[tuple[ByUnit, str, str]] = []
    for r, c, v in _note_cells(table, items):
        if (rule := _points_rule(v) or _levels_rule(v)) is not None:
            points.append((rule, table.cell(r, c), v))
        elif "%" in v:
            for value in _stated_tolerances(v):
                found.setdefault(value, (table.cell(r, c), v))
    rows = table.sheet.rows
    for c in status_cols:
        for r in items:
            v = _get(rows[r], c)
            if v.__class__ is str and (m := _WITHIN_WORD.match(v)):
                found.setdefault(float(m[1]), (table.cell(r, c), v))
    if not found:  # a key on the cover or a Definitions sheet: "Within tolerance = within 10% of target"
        for name, other in _key_sheets(table):
            for r, row in enumerate(other):
                cells = [(c, v) for c, v in enumerate(row[:30]) if v.__class__ is str and v.strip()]
                # a key row's cells read as one line: "Amber | Below target but within 10%"
                v = " = ".join(x for _, x in cells) if len(cells) > 1 else (cells[0][1] if cells else "")
                if len(v) < 400 and not points and (rule := _points_rule(v)) is not None:
                    points.append((rule, cell_name(name, r, cells[0][0]), v))
                elif "%" in v and len(v) < 400:
                    for value in _stated_tolerances(v):
                        found.setdefault(value, (cell_name(name, r, cells[0][0]), v))
    if points and not found and len({p[0] for p in points}) == 1:
        rule, where, v = points[0]
        others = f"others within {rule.others:g}% of target" if rule.others is not None else "others within perfkit's default 5%"
        table.report.add(where, "tolerance", v, f"{_text(v)!r}: measures of percentages without a tolerance of their own are amber "
                         f"within {rule.points:g} percentage point{'s' * (rule.points != 1)} of target, {others}, as the sheet says", "info")
        return rule
    if points:
        found.update({p[0].points: (p[1], p[2]) for p in points})
    if not found:
        return None
    if len(found) > 1:
        shown = "; ".join(f"{_text(v)!r} at {where}" for where, v in found.values())
        table.report.add(table.sheet.name, "tolerance", "", f"the sheet states more than one tolerance ({shown}): perfkit uses its "
                         "default (5% of target); say which under [measures] in perfkit.toml, e.g. tolerance = "
                         f"\"{next(iter(found)):g}%\"", "warning")
        return None
    (value, (where, v)), = found.items()
    table.report.add(where, "tolerance", v, f"{_text(v)!r}: measures without a tolerance of their own are amber "
                     f"within {value:g}% of target, as the sheet says (perfkit's default is 5%)", "info")
    return value, "percent"


def _coloured_trend(table: Table, row_idx: list[int], col: int, scale: StatusScale, latest) -> dict | None:
    """A direction-of-travel column whose cells are coloured red, amber and green (four in five of them, each word one
    colour), in a sheet with no status column: the colours as the services' status at the latest quarter, said in a note;
    None where the colours say nothing so plainly."""
    rows = table.sheet.rows
    words = {r: _text(_get(rows[r], col)) for r in row_idx}
    filled = [r for r in row_idx if words[r]]
    if len(filled) < 2 or table.sheet.book is None:
        return None
    fills = table.sheet.fills([(r, col) for r in filled])
    said = {r: scale.from_colour(fills[(r, col)]) if (r, col) in fills else None for r in filled}
    if sum(s is not None for s in said.values()) < 0.8 * len(filled) or len(set(said.values()) - {None}) < 2:
        return None
    by_word: dict[str, set] = {}
    for r in filled:
        by_word.setdefault(norm_word(words[r]), set()).add(said[r])
    if any(len(v) > 1 for v in by_word.values()):
        return None  # one word in two colours: the colour is not the word's, and not plainly a status either
    header = table.cmap.headers.get(col, "")
    key = table.key
    if key is None or not (key.rows or key.book is not None and key.book.rows):
        # no key says what the colours mean: each word on its own colour (Improving on green, Deteriorating on red) is
        # the word's colour, the direction of travel against the year before, never a rating against a target
        table.report.add(table.cell(table.cmap.header_row, col), "reported_trend", header,
                         f"column {header!r} holds direction-of-travel words on red, amber and green, each word its own "
                         "colour, and no key says the colours are a status: read as the services' direction of travel, "
                         "with no status of theirs; the measures are rated from their figures against their targets", "info")
        return None
    table.report.add(table.cell(table.cmap.header_row, col), "reported_status", header,
                     f"column {header!r} holds direction-of-travel words on red, amber and green: the words are read as the "
                     f"services' direction of travel and the colours as their status for {period_label(latest)}; if the colours "
                     f"mean something else, put {toml_string(header)} = \"reported_trend\" under "
                     f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "info")
    return {(r, col): said.get(r) for r in row_idx}


def _coloured_figures(table: Table, row_idx: list[int], col: int, scale: StatusScale, label: str | None) -> dict | None:
    """A figures column whose cells are filled red, amber and green, in a sheet with no status column: the council's
    status of each figure, read as the services' own (it stands over the figure against its target, and the checks list
    each that parts from it) and said in a note with the line that sets the colours aside.

    Read only where four in five of the figures given are filled with a status colour (the workbook's key's colour, or
    red, amber or green) and at least two colours are used: one colour over a whole column (an input cell's yellow, a
    pale blue) is the sheet's styling, never a status. Fewer coloured figures with two colours or more are a note naming
    them, each rated from its figure. None where nothing is read.
    """
    rows = table.sheet.rows
    given = [r for r in row_idx if not _blank(_get(rows[r], col))]
    if len(given) < 3 or len(given) > FILL_CHECK_ROWS:
        return None
    fills = table.sheet.fills([(r, col) for r in given])
    if not fills:
        return None
    key = table.key
    rated = {s for s in scale.rated if s not in scale.complete}
    said, unrated = {}, {}
    for r in given:
        rgb = fills.get((r, col))
        named = key_fill_status(key, rgb, scale) if rgb is not None else None
        status = named or (scale.from_colour(rgb) if rgb is not None else None)
        if status in rated:
            said[(r, col)] = status
        elif named in scale.unrated and parse_number(_get(rows[r], col)).value is None:
            unrated[(r, col)] = named  # 'Annual' on the key's grey, 'not yet due': no figure, and the key says why
    colours = sorted(set(said.values()), key=lambda s: scale.rank(s) or 0)
    if len(colours) < 2:
        return None
    header = table.cmap.headers.get(col, "")
    where = table.column_range(col, [r for r, _ in said])
    when = f" for {label}" if label else ""
    if len(said) + len(unrated) < 0.8 * len(given):
        table.report.add(where, "actual", header, f"{len(said)} of the {len(given)} figures in column {header!r} are filled "
                         f"{', '.join(c.lower() for c in colours[:-1])} or {colours[-1].lower()}: too few to be the services' status{when}, so each is "
                         "rated from its figure against its target; if the colours are the council's status, colour every "
                         "figure or give the status in a column of its own", "info")
        return None
    counts = ", ".join(f"{sum(1 for v in said.values() if v == c)} {c}" for c in colours)
    table.report.add(where, "reported_status", header,
                     f"the figures in column {header!r} are filled {', '.join(c.lower() for c in colours[:-1])} and "
                     f"{colours[-1].lower()} ({counts}): read as the services' "
                     f"status{when}, which stands where it differs from the figure against its target (the checks list each "
                     "such measure); if the colours mean something else, put fills = \"ignore\" under [measures] in "
                     "perfkit.toml", "info")
    for rc, status in unrated.items():
        table.report.add(table.cell(*rc), "reported_status", _text(_get(rows[rc[0]], col)),
                         f"no figure, on the key's colour for {status}: read as {status}", "info")
    return {**said, **unrated}


def _default_tolerance(opts: Options):
    if not opts.config.tolerance:
        return None
    parsed = parse_number(opts.config.tolerance)
    if parsed.value is None:
        raise ConfigError(f"{opts.config.where}: [measures] tolerance = {opts.config.tolerance!r} is not a number", hint='Write it like "5%" or an amount, "2".')
    return parsed.value, "percent" if parsed.unit == "%" else "absolute"


def _due(frequency: str, p: pd.Period) -> bool:
    """Whether a measure of this frequency reports in quarter ``p``."""
    if frequency == "annual":
        return p.quarter == 4
    if frequency == "half-yearly":
        return p.quarter in (2, 4)
    return True


_NUM = r"([£$]?\s*-?[\d.,]+\s*(?:%|[a-z]{1,8}(?:\s+[a-z][a-z0-9]{0,7})?(?:\s*/\s*[a-z]{1,5})?)?)"  # "95%", "10 days", "1.45m kWh", "480 kg/yr"
_AT_LEAST = r"≥|>=|=>|at\s+least|min(?:imum)?\.?|not\s+less\s+than|no\s+less\s+than|no\s+lower\s+than|at\s+or\s+(?:above|over|better\s+than)"
_MORE = r">|above|over|more\s+than|greater\s+than|higher\s+than|better\s+than"
_AT_MOST = r"≤|<=|=<|at\s+most|max(?:imum)?\.?|no\s+more\s+than|not\s+more\s+than|no\s+higher\s+than|not\s+above|at\s+or\s+(?:below|under)"
_LESS = r"<|below|under|less\s+than|fewer\s+than|lower\s+than"
# A target written as a bound: "≥ 95%", "at least 95%", "95% or above", "≤ 10 days", "no more than 12".
_BOUNDS = (
    (re.compile(rf"^\s*(?:{_AT_LEAST})\s*{_NUM}\s*$", re.I), "higher", False),
    (re.compile(rf"^\s*(?:{_MORE})\s*{_NUM}\s*$", re.I), "higher", True),
    (re.compile(rf"^\s*(?:{_AT_MOST})\s*{_NUM}\s*$", re.I), "lower", False),
    (re.compile(rf"^\s*(?:{_LESS})\s*{_NUM}\s*$", re.I), "lower", True),
    # "95% or above", "420 kg or less", "14 days or fewer"
    (re.compile(rf"^\s*{_NUM}\s*(?:\+|or\s+(?:above|more|higher|over|greater|better)|and\s+(?:above|over)|min(?:imum)?)\s*$", re.I), "higher", False),
    (re.compile(rf"^\s*{_NUM}\s*(?:or\s+(?:below|less|lower|under|fewer)|and\s+(?:below|under)|max(?:imum)?)\s*$", re.I), "lower", False),
)
def _polarity_bound(v) -> bool:
    """Whether a polarity cell is a target written as a bound (``At or above 2,150``): the way and the target at once."""
    return isinstance(v, str) and bool(re.search(r"\d", v)) and any(p.match(_PER_PERIOD.sub("", v)) for p, _, _ in _BOUNDS)


# A target that gives only the way to go: no figure to meet, but the polarity for the direction of travel.
_AIMS = {"reduce": "lower", "decrease": "lower", "reduction": "lower", "minimise": "lower", "minimize": "lower", "lower": "lower",
         "fewer": "lower", "less": "lower", "down": "lower", "increase": "higher", "maximise": "higher", "maximize": "higher",
         "higher": "higher", "more": "higher", "up": "higher", "improve on last year": None}


#: What :func:`_bound_target` adds to a row's units for the way a target says is better.
_AIM_MARKS = frozenset({"~aim:higher", "~aim:lower"})


def _three_months_worth(table: Table, r: int, month: float) -> bool:
    """Whether a month's target (``40 per month``) stands beside each quarter's figures nearer three months' worth of it
    than one month's (a quarter's average a month beside it is read as typed); never beside months' own columns."""
    figures_cols = [pc for pc in table.cmap.period_columns if pc.field == "actual"]
    if month <= 0 or any(token_month(pc.token) is not None for pc in figures_cols):
        return False
    sizes = sorted(x for pc in figures_cols if (x := parse_number(_get(table.sheet.rows[r], pc.col)).value) is not None and x > 0)
    if not sizes:
        return False
    typical = sizes[len(sizes) // 2]
    return abs(math.log(typical / (3 * month))) < abs(math.log(typical / month))


def _bound_target(table: Table, r: int, c: int, v: str, units: set) -> float | None:
    """A target typed as a bound (``≥ 95%``) or an aim (``Reduce``): the figure, or NaN for an aim; None if it is neither.

    The way that is better is kept in ``units`` (``~aim:higher``) for the polarity, and each reading is said in a note.
    """
    bare = _PER_PERIOD.sub("", v)  # ">= 1,500 per quarter": the bound, its period said by the column it stands in
    if bare != v and (plain := parse_number(bare)).value is not None:  # "60 per quarter": the figure, no bound
        if plain.unit:
            units.add(plain.unit)
        per = _PER_PERIOD.search(v)
        if per is not None and re.search(r"(?i)month", per[0]) and _three_months_worth(table, r, plain.value):
            # "40 per month" beside each quarter's figures: three months' worth is the quarter's target, never 40 (131
            # inspections in a quarter were briefed as furthest ahead of a target of 40)
            table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} is a month's: read as "
                             f"{_amount(plain.value * 3)} for each quarter's figures, three months' worth", "info")
            return plain.value * 3
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} read as {_amount(plain.value)}, the figure for the "
                         "period its column stands for", "info")
        return plain.value
    for pattern, way, strict in _BOUNDS:
        m = pattern.match(bare)
        if m is None:
            continue
        parsed = parse_number(m[1])
        if parsed.value is None:
            return None
        if parsed.unit:
            units.add(parsed.unit)
            if parsed.unit == "%":
                units.add("~percent")
        units.add(f"~aim:{way}")
        said = f"{_amount(parsed.value)}{parsed.unit if parsed.unit == '%' else ''}"
        met = (f"; an actual of exactly {said} is counted as meeting it" if strict else "")
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} read as {said}, {way} is better{met}", "info")
        return parsed.value
    word = norm_word(v)
    way = _AIMS.get(word, "")
    if not way and not re.search(r"\d", word) and 1 < len(word.split()) <= 6:
        way = _AIMS.get(word.split()[0], "") or ""  # "Increase reporting", "Reduce the number": the aim its first word says
    if way:
        units.add(f"~aim:{way}")
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} gives no figure to meet: rated Data only, "
                         f"with {way} is better for its direction of travel", "info")
        return np.nan
    if _HOLD.match(word):  # "Maintain", "Maintain current performance": no figure, and no way that is better
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} gives no figure to meet: rated Data only", "info")
        return np.nan
    first = word.split()[0] if word.split() else ""
    if _AIMS.get(first) and re.search(r"\d", word):  # "Reduce by 5%": a change from a figure perfkit is not given
        units.add(f"~aim:{_AIMS[first]}")
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} is a change from an earlier figure, not a "
                         f"figure to meet: rated Data only, with {_AIMS[first]} is better for its direction of travel", "info")
        return np.nan
    if _COMPARED_TARGET.match(word):  # "Top quartile", "Better than England average", "Improve on 2023/24"
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v)!r} is set against others or an earlier year, "
                         "not a figure to meet: rated Data only (give the figure it stands for, where there is one)", "info")
        return np.nan
    return None


# A target set against others or against the measure's own past, with no figure of its own to meet
_COMPARED_TARGET = re.compile(r"(?i)^(?:(?:top|upper|bottom|lower|first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quartile|quarter|decile)\b.*"
                              r"|(?:better|higher|lower|above|below|in\s+line\s+with|at\s+or\s+(?:above|better\s+than)|no\s+worse)"
                              r"(?:\s+than)?(?:\s+the)?\s+(?:england|national|regional|scottish|welsh|wales|scotland|uk|family|"
                              r"comparator|statistical|nearest|peer|benchmark|average|median|mean)\b.*"
                              r"|improve(?:ment)?(?:\s+on\b.*)?|.*\bquartile\b.*)$")


_PER_PERIOD = re.compile(r"(?i)\s*(?:per|a|each|every|in\s+the|in\s+each)\s+(?:quarter|qtr|month|year|annum)\s*$")
_HOLD = re.compile(r"^(?:maintain|sustain|hold|keep)\b(?:\s+(?:at|current|the|existing|performance|level|levels|standard|\d)[\w\s%.,]*)?$")


def _target_cell(table: Table, r: int, c: int | None, units: set) -> tuple[float, float, float]:
    """(target, low, high) from a cell: a number, a range like ``90-95%``, a bound like ``≥ 95%`` or an aim (``Reduce``)."""
    if c is None:
        return (np.nan, np.nan, np.nan)
    v = _get(table.sheet.rows[r], c)
    if isinstance(v, str):
        bound = _bound_target(table, r, c, v, units) if not _RANGE.match(v) and parse_number(v).value is None else None
        if bound is None and parse_number(v).value is None and len(parts := language_parts(v)) == 2:
            # "Lleihau / Reduce", "≥ 90% / ≥ 90%": a target written in two languages, read by the part perfkit can read
            bound = next((b for p in parts if not _RANGE.match(p.strip()) and (b := _bound_target(table, r, c, p.strip(), units)) is not None), None)
        if bound is not None:
            return (bound, np.nan, np.nan)
        m = _RANGE.match(v)
        if m:
            lo, hi = parse_number(m[1]), parse_number(m[2])
            if lo.value is not None and hi.value is not None:
                units.update(u for u in (lo.unit, hi.unit) if u)
                if "%" in (lo.unit, hi.unit):
                    units.add("~percent")
                return (np.nan, min(lo.value, hi.value), max(lo.value, hi.value))
    value, _ = _number_cell(table, r, c, "target", units)
    pol = table.cmap.fields.get("polarity")
    if value in (0, 100) and pol is not None and not _blank(_get(table.sheet.rows[r], pol)):
        return (value, np.nan, np.nan)  # its polarity is given: the target says nothing of which way is better
    if value == 100 and "~percent" in units and not any(u.startswith("~aim:") for u in units):
        # "100%": no figure is above it, so it is met from below: higher is better wherever no polarity says otherwise
        units.add("~aim:higher")
        table.report.add(table.cell(r, c), "target", v, f"target {_text(v) if isinstance(v, str) else '100%'} can only be met from "
                         "below: higher is better where the measure gives no polarity", "info")
    elif value == 0 and not any(u.startswith("~aim:") for u in units):
        # "0" (complaints upheld, never events): no count is below it, so it is met only at none: lower is better
        units.add("~aim:lower")
        table.report.add(table.cell(r, c), "target", v, "target 0 can only be met from above: lower is better where the measure "
                         "gives no polarity", "info")
    return (value, np.nan, np.nan)


# "Quarterly target", and "YTD Target" (the target to date of the period the sheet reports): the period's own target
_QUARTERLY_HEAD = re.compile(r"(?i)\b(?:quarterly|quarter|qtr|qtrly|ytd|year[\s-]to[\s-]date|to[\s-]date)\b")
_MONTHLY_HEAD = re.compile(r"(?i)\bmonth(?:ly)?\b")


def _month_targets(cmap, by_field: dict) -> dict[int, int]:
    """Each month's figures column -> the target column of the same month (``Apr-24 | ... | Apr-24 target``), where months
    are read as months (to be rolled up to quarters): a quarter's three months share one span, so the targets keyed by
    span gave every month its quarter's first month's target."""
    spans = {col: span for fld in ("actual", "target") for span, col in by_field.get(fld, []) if span is not None and span.kind == "month"}
    if not spans:
        return {}
    month_of = {pc.col: token_month(pc.token) for pc in cmap.period_columns if pc.col in spans}
    targets = {(spans[pc.col].end, month_of[pc.col]): pc.col for pc in cmap.period_columns
               if pc.field == "target" and pc.col in spans and month_of.get(pc.col) is not None}
    return {pc.col: targets[(spans[pc.col].end, month_of[pc.col])] for pc in cmap.period_columns
            if pc.field == "actual" and pc.col in spans and (spans[pc.col].end, month_of.get(pc.col)) in targets}


def _target_for(span: Span, targets: dict, static, quarterly: bool = False) -> tuple[float, float, float]:
    """The period's own target, else the half or year covering it, else the sheet's target column (blank cells skipped).

    Where the sheet's target column says it is each quarter's (``Quarterly target``), a quarter with no target of its own
    takes it before the year's, and a year or half (last year's outturn) never does."""
    for s, t in targets.items():
        if s.kind == span.kind and s.end == span.end and not all(np.isnan(t)):
            return t
    if quarterly:
        if span is not None and span.kind == "quarter":
            return static
        static = (np.nan, np.nan, np.nan)
    for s, t in targets.items():
        if s.kind in ("year", "half") and s.start <= span.end <= s.end and not all(np.isnan(t)):
            return t
    return static


def _quarter_profile(span: Span, targets: dict, static) -> str | None:
    """Where a quarter has no target of its own and the sheet's target column is the year's: the other quarters' own
    targets, as said (``Q2 target 150,000``), when they are a share of the year's (under two thirds of it or over one and
    a half times it), so the year's is no quarter's target; else None."""
    year = static[0]
    if year != year or year == 0:  # x != x: NaN
        return None
    own = [(s, t[0]) for s, t in targets.items() if s.kind == "quarter" and s.end != span.end and t[0] == t[0]]
    if not own or not all(abs(t) < abs(year) / 1.5 or abs(t) > abs(year) * 1.5 for _, t in own):
        return None
    return ", ".join(f"{s.label} {_amount(t)}" for s, t in own[:2])


def _amount(x: float) -> str:
    """A target as a message writes it: ``1,200,000``, ``92.5``."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def _frequency(table: Table, r: int, c: int | None, reported, row, span_kinds=None) -> str:
    """A measure's frequency from its column, else from the kinds of period it reports (all years: annual).

    ``span_kinds``, the kinds of the spans ``reported`` (given once for a sheet), spares looking at the row's cells
    where no year or half is among them: quarterly whatever they hold.
    """
    if c is not None:
        v = _get(table.sheet.rows[r], c)
        if not _blank(v):
            found = _FREQUENCY.get(norm_word(v))
            if found is None and isinstance(v, str):  # "Quarterly (cumulative)": the frequency, then what its figures are
                found = _FREQUENCY.get(norm_word(re.sub(r"\s*[(\[].*?[)\]]\s*|\s*[-–,;].*$", "", v)))
            if found is None:
                header = table.cmap.headers.get(c, "Frequency")
                table.report.add(table.cell(r, c), "frequency", v, f"frequency {_text(v)!r} is none perfkit knows (quarterly, "
                                 "half-yearly, annual, monthly): read as quarterly, so a quarter with no figure is missing, not "
                                 f"'not due'; type one of those in the cell, or put {toml_string(header)} = \"ignore\" under "
                                 f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "warning")
                return "quarterly"
            return found
    if span_kinds is not None and "year" not in span_kinds and "half" not in span_kinds:
        return "quarterly"
    kinds = {span.kind for span, col in reported if span is not None and not _blank(_get(row, col))}
    if kinds == {"year"} and span_kinds is not None and "quarter" in span_kinds:
        return "quarterly"  # last year's outturn beside blank quarters: this year's figures missing, never a measure gone
    if kinds == {"year"}:
        return "annual"
    if kinds == {"half"}:
        return "half-yearly"
    return "quarterly"


def _tolerance(table: Table, r: int, c: int | None) -> tuple[float, str]:
    if c is None:
        return np.nan, "percent"
    v = _get(table.sheet.rows[r], c)
    if check_error(table, r, c, "tolerance"):
        return np.nan, "percent"
    parsed = parse_number(v)
    if parsed.missing == "text":
        table.report.add(table.cell(r, c), "tolerance", v, f"tolerance {_text(v)!r} is not a number (write 5% or an amount)")
        return np.nan, "percent"
    if parsed.value is None:
        return np.nan, "percent"
    if (r, c) in table.formats:
        return parsed.value * 100, "percent"
    return parsed.value, "percent" if parsed.unit == "%" else "absolute"


_AMBER_LEVEL = re.compile(r"(?i)\bamber\s+(?:from|at|if|when|starts?|begins?|trigger|boundary|level)\b")


def _band_from_level(level: float, target: float) -> tuple[float, str]:
    """An amber level ("Amber from 75%" beside a target of 80%) as the measure's band: the gap as a share of its target
    (scale-free, so a fraction typed for a percentage keeps it), or the gap itself beside a target of 0; none with no target.

    Examples
    --------
    >>> _band_from_level(75.0, 80.0), _band_from_level(2.0, 0.0)
    ((6.25, 'percent'), (2.0, 'absolute'))
    """
    if target != target:  # no target: no band to give
        return np.nan, "percent"
    gap = abs(target - level)
    return (gap / abs(target) * 100, "percent") if target else (gap, "absolute")


def _figures(figures: list[tuple], first: int, last: int) -> list[float]:
    """A measure's figures (``figures[first:last]``): every target, bound and actual that is not NaN."""
    return [x for k in range(4) for f in figures[first:last] for x in (f[k],) if x == x]  # x == x: not NaN, without numpy's call


def _fractions_beside_typed(units: _RowUnits, rows, figures: list[tuple], first: int, last: int) -> bool:
    """Whether a row's plain figures between 0 and 1 are fractions of the percentages typed beside them (``0.93`` by ``95%``).

    So only where every percentage typed is over 1, every other figure is between -1 and 1, and the plain figures
    read as fractions sit within a factor of ten of the typed ones while read as typed they sit ten times further off
    (0.93 is near 95 as 93, a hundred times off as 0.93). ``0.9`` beside ``5%`` could be either: not settled here.
    """
    if not isinstance(units, _RowUnits) or not units.typed_percents or not units.fractions or min(units.typed_percents) <= 1:
        return False
    typed = units.typed_percents
    if any(abs(x) > 1 and not any(abs(abs(x) - t) < 1e-9 for t in typed) for x in _figures(figures, first, last)):
        return False  # a plain figure over 1 too: the row is not simply percentages and fractions
    plain = sorted(abs(v) for rc in units.fractions if isinstance(v := _get(rows[rc[0]], rc[1]), (int, float)) and v)
    if not plain:
        return False
    typical, aim = plain[len(plain) // 2], sorted(typed)[len(typed) // 2]
    as_fraction, as_typed = abs(math.log10(typical * 100 / aim)), abs(math.log10(typical / aim))
    return as_fraction < 1 and as_typed > as_fraction + 1


def _times_fractions(figures: list[tuple], first: int, last: int) -> None:
    """Put a measure's plain fractions (every target, bound and actual between -1 and 1) on 0-100, the rest as they are."""
    figures[first:last] = [(*(x * 100 if -1 <= x <= 1 else x for x in f[:4]), *f[4:]) for f in figures[first:last]]


def _times_100(figures: list[tuple], first: int, last: int) -> None:
    """Put a measure's figures (``figures[first:last]``: target, its bounds and the actual first) on 0-100."""
    figures[first:last] = [(f[0] * 100, f[1] * 100, f[2] * 100, f[3] * 100, *f[4:]) for f in figures[first:last]]


def _fractions_to_percent(table: Table, r: int, unit: str, figures: list[tuple], first: int, last: int, name: str,
                          typed: bool = False) -> None:
    """Percentages stored as fractions (0.79 for 79%) where no cell format says so: put on 0-100, with a note.

    The measure's figures are ``figures[first:last]``; ``typed`` says some were typed with a % sign, so that figures all
    under 1 are small percentages as typed ('0.8%' of homes below the Decent Homes Standard against '1%'), never 80.
    """
    if unit != "%" or last <= first:
        return
    values = _figures(figures, first, last)
    if values and max(abs(v) for v in values) <= 1 and any(values) and not typed:
        _times_100(figures, first, last)
        table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "actual", name, "percentages stored as fractions (0.79 for 79%): read as 79", "info")
        return
    pairs = [(f[3], f[0]) for f in figures[first:last] if f[3] == f[3] and f[0] == f[0]]
    if pairs and all(0 < a <= 1 and 1 < t <= 100 and abs(np.log(a * 100 / t)) < 0.5 < abs(np.log(a / t)) for a, t in pairs):
        # '0.82' beside a target typed '85%': each figure a hundredth of its target's scale, a fraction typed for 82%
        figures[first:last] = [(*f[:3], f[3] * 100, *f[4:]) for f in figures[first:last]]
        shown = next(f"{a:g}" for a, _ in pairs)
        table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "actual", name,
                         f"{name or 'this measure'}: its figures are typed as fractions (such as {shown}) beside a target typed as a "
                         f"percentage: read as {float(shown) * 100:g}%", "info")


# A measure's name that says it is a rate or a count, never a share: "per 1,000 homes", "per 100,000 population".
_A_RATE = re.compile(r"(?i)\bper\s+(?:[\d,.]+\s*(?:k|m)?|thousand|hundred|head|capita|fte|employee|household|pupil|bed)\b|\brate\s+per\b")


def fractions_beside_percentages(table: Table, r: int, unit: str, cells: list[tuple[int, int]], figures: list[tuple], first: int,
                                 last: int, name: str) -> None:
    """A row of plain fractions (0.9, 1, 0.88) on a sheet whose other rows' cells are formatted as percentages: a warning naming them.

    Beside ``0.0%`` cells read as 95, a row typed 0.9 would be published as "1% against a target of 0.9%".
    Where the row's unit says percent, its figures (``figures[first:last]``) are put on 0-100 as the
    other rows are; otherwise they are read as typed. Either way the warning names the cells and says what to change in
    Excel. A row of whole numbers alone (0 and 1, a count) is left as it is.
    """
    rows = table.sheet.rows
    values = [_get(rows[rc[0]], rc[1]) for rc in cells]
    if last <= first or not any(isinstance(v, float) and not v.is_integer() for v in values):
        return
    low = unit.strip().lower()
    is_percent = low == "%" or bool(set(re.findall(r"[a-z]+|%", low)) & _MONEY_OR_PERCENT["%"])
    if low and not is_percent:
        return  # a unit of its own (days, tonnes): 0.5 of it is a figure like any other
    if not low and _A_RATE.search(name or ""):
        return  # "... opened per 1,000 homes": a rate its name gives, never a share
    cols = sorted({c for _, c in cells})
    where = table.cell(r, cols[0]) + (f":{col_letter(cols[-1])}{r + 1}" if len(cols) > 1 else "")
    shown = ", ".join(f"{v:g}" for v in values[:4]) + (", ..." if len(values) > 4 else "")
    first_value = next(v for v in values if isinstance(v, float) and not v.is_integer())
    shown_figures = _figures(figures, first, last)
    said = f"{name or 'this measure'}: its figures ({shown}) are plain numbers between 0 and 1, while other rows' cells are formatted as percentages"
    if is_percent and shown_figures and max(abs(v) for v in shown_figures) <= 1:
        _times_100(figures, first, last)
        said += (f": read as percentages ({first_value:g} as {first_value * 100:g}%), as its unit {unit!r} says; format {where.split('!')[-1]} "
                 "as percentages in Excel, as the other rows are, so that nothing is left to guess")
    else:
        said += (f": read as typed ({first_value:g}, not {first_value * 100:g}%); if they are percentages, format {where.split('!')[-1]} as "
                 f"percentages in Excel (or type them as {first_value * 100:g}%); if not, give the measure's unit in a Unit column")
    table.report.add(where, "actual", shown, said, "warning")


class _Records:
    """A sheet's figures as columns, in the order read: each figure a tuple of :data:`_FIGURE_FIELDS` and the extras
    (:func:`perfkit.read.kinds.service_plans.record_extras`), turned into one column per field by :meth:`close`; a
    measure's own fields (its name, unit, polarity...) kept once for the measure with the number of its figures, and
    repeated only when the frame is made."""

    def __init__(self, extras: list[str]):
        self.extra_fields = list(extras)
        self.figures: list[tuple] = []  # each figure's fields, while the sheet is read
        self.columns: dict[str, tuple] = {}  # then each field's column (close)
        self.fields: list[str] = []  # the measures' own fields (name, unit, polarity...)
        self.measures: list[tuple] = []  # each measure's values of those fields, once per measure
        self.counts: list[int] = []  # how many figures each measure has
        self._own: dict[str, np.ndarray] | None = None  # each of those fields once per measure, as an array (own)
        self._repeated: dict[str, np.ndarray] = {}  # and repeated over the measure's figures (column)

    def __len__(self) -> int:
        return len(self.figures)

    def add_row(self, count: int, values: tuple) -> None:
        """One measure's own fields (in the order of ``fields``) and the number of its figures."""
        self.measures.append(values)
        self.counts.append(count)

    def close(self) -> None:
        """Turn the figures into columns, one per field."""
        names = [*_FIGURE_FIELDS, *self.extra_fields]
        cols = list(zip(*self.figures)) if self.figures else [()] * len(names)
        self.columns = dict(zip(names, cols))

    @property
    def extras(self) -> dict[str, tuple]:
        """The extras' columns (span, month, targets, the officer's words), for service_plans.finish_measures."""
        return {k: self.columns[k] for k in self.extra_fields}

    def column(self, name: str):
        """One field for every figure: a measure's own fields repeated over its figures (objects, in C)."""
        if name in self.fields:
            if name not in self._repeated:
                self._repeated[name] = np.repeat(self.own(name), self.counts)
            return self._repeated[name]
        return self.columns[name]

    def own(self, name: str) -> np.ndarray:
        """One of the measures' own fields (``fields``), once per measure: objects, in the order read."""
        if self._own is None:
            values = list(zip(*self.measures)) if self.measures else [()] * len(self.fields)
            self._own = {f: _object_array(v) for f, v in zip(self.fields, values)}
        return self._own[name]

    def spread(self) -> np.ndarray:
        """Each figure's measure, by its place in ``measures``: what repeats a measure's own field over its figures."""
        return np.repeat(np.arange(len(self.measures)), self.counts)

    def ids(self) -> list:
        return self.column("measure_id")

    def names(self) -> list:
        return self.column("name")

    def keys(self, optional: list[str]) -> list[tuple]:
        """Each figure's key for the duplicate check: measure, period, span, month and the grouping fields."""
        more = [self.column(f) for f in ("directorate", "area") if f in optional]
        return list(zip(self.ids(), self.columns["period"], self.columns["span"], self.columns["month"], *more))


_FIGURE_FIELDS = ("target", "target_low", "target_high", "actual", "reported_status", "period", "commentary", "source", "missing_reason")


_NUMERIC = ("target", "target_low", "target_high", "actual", "tolerance")


def _measure_frame(recs: _Records, scale: StatusScale, optional: list[str]) -> pd.DataFrame:
    cols = schema.MEASURE_COLUMNS[:3] + optional + schema.MEASURE_COLUMNS[3:]
    n = len(recs)
    empty = pd.DataFrame.from_records([], columns=cols) if not n else None
    categories = {"polarity": dict(categories=schema.POLARITIES), "frequency": dict(categories=schema.FREQUENCIES),
                  "tolerance_type": dict(categories=["percent", "absolute"]), "reported_status": dict(dtype=scale.dtype)}
    out = {}
    spread = recs.spread() if n else None
    for c in cols:  # each column as it was read (objects, no dtype guessed), converted once, and the frame made once
        if c == "period":
            out[c] = _periods(recs.columns["period"]) if n else pd.Series([], dtype=f"period[{FREQ}]")
            continue
        if n and c in recs.fields:  # a measure's own field: converted once for the measure, then repeated over its figures
            once = _converted(c, _objects(recs.own(c)), categories)
            out[c] = once.to_numpy()[spread] if c in _NUMERIC else (once if c in categories else once.array).take(spread)
            continue
        out[c] = _converted(c, _objects(recs.column(c)) if n else empty[c], categories)
    frame = pd.DataFrame(out, columns=cols, index=empty.index if empty is not None else None)
    if any(why not in ("", "blank", None) for why in recs.columns["missing_reason"]):
        # Why an actual holds no figure, where some cell said: suppressed (<5, [c]), not available (.., [x]), not applicable ([z]).
        frame["missing_reason"] = list(recs.columns["missing_reason"])
    return frame


def _converted(c: str, raw: pd.Series, categories: dict) -> pd.Series | pd.Categorical:
    """One column of the measures frame from its objects: numbers, a category, or text."""
    if c in _NUMERIC:
        return pd.to_numeric(raw, errors="coerce").astype(float)
    if c in categories:
        return pd.Categorical(raw, **categories[c])
    # measure_id, name, priority, unit, commentary, source and the optional fields: text
    return raw.astype(object).fillna("").astype(str)


def _object_array(values) -> np.ndarray:
    """A list as a one-dimensional array of its own objects."""
    out = np.empty(len(values), dtype=object)
    try:
        out[:] = values  # in C, for cells' values (text, numbers, None)
    except ValueError:  # a sequence among them: one object at a time
        for i, v in enumerate(values):
            out[i] = v
    return out


def _objects(values) -> pd.Series:
    """A column of objects, with no dtype guessed (the conversions that follow choose it)."""
    return pd.Series(values if isinstance(values, np.ndarray) else _object_array(values), dtype=object, copy=False)


_PERIOD = pd.PeriodDtype(FREQ)


def _periods(periods: list) -> pd.PeriodIndex:
    """The figures' periods as a PeriodIndex: each distinct period's ordinal found once (a sheet has a few, over
    thousands of figures), as ``pd.PeriodIndex(periods, freq=FREQ)`` would give them one by one."""
    distinct = dict(zip(map(id, periods), periods))
    if all(p.__class__ is pd.Period and p.freq == _PERIOD.freq for p in distinct.values()):
        ordinal = {k: p.ordinal for k, p in distinct.items()}
        ordinals = np.fromiter(map(ordinal.__getitem__, map(id, periods)), np.int64, len(periods))
        return pd.PeriodIndex(pd.arrays.PeriodArray(ordinals, dtype=_PERIOD))
    return pd.PeriodIndex(periods, freq=FREQ)


def read_measures(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale | None = None, header_row=None, config=None, *, report_only=False):
    return read_kind("measures", path, report_only, dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config))


MEASURES = KindSpec(
    name="measures",
    noun="measure",
    headers={
        "measure_id": ["ref", "reference", "id", "no", "code", "pi ref", "kpi ref", "indicator ref", "measure ref",
                       "pi code", "kpi code", "indicator code", "measure id", "kpi no", "pi no", "measure code", "crmp ref", "plan ref", "pi number", "kpi number", "indicator no", "measure no", "pam ref", "pam code",
                       "output code", "output ref", "output no", "output number", "outcome code", "outcome ref",
                       # a savings tracker's own references (SAV01)
                       "saving ref", "savings ref", "saving reference", "savings reference", "saving no", "saving id", "savings id"],
        "name": ["measure", "indicator", "kpi", "performance indicator", "measure name", "indicator name", "measure title",
                 # a police or community safety dashboard's rows: each a crime type
                 "crime", "crime type", "crime category", "offence", "offence type", "offence group",
                 "description", "title", "pi", "measure description", "kpi description", "indicator description",
                 "performance measure", "kpi name", "pi description", "measures", "indicators", "short name",
                 "short title", "measure short name", "indicator short name", "emissions source", "emission source",
                 "source of emissions", "metric", "metric name", "kpi title", "pi title", "performance standard",
                 # a public health outcomes return's rows: each an indicator of an outcome, never the outcome (a priority)
                 "outcome indicator", "outcome indicators", "outcome measure", "outcome measures", "outcomes indicator",
                 # a grant-funded programme's outputs and outcomes, each against its profile
                 "output", "outputs", "output measure", "output name", "output description", "output outcome", "outputs outcomes",
                 "output or outcome", "outputs and outcomes",
                 # a savings tracker's rows: each a saving, measured by what it delivers against its target
                 "saving proposal", "savings proposal", "saving", "savings proposals", "saving description", "savings description",
                 "saving title", "savings plan", "savings scheme", "saving scheme",
                 # a Northern Irish council's Performance Improvement Plan: its statutory and self-imposed indicators
                 "statutory indicator", "statutory performance indicator", "self-imposed indicator", "self imposed indicator",
                 "local indicator", "local performance indicator", "corporate indicator", "national indicator",
                 # a plan's own measures, named by the plan ('Plan' alone is a target's word)
                 "plan measure", "plan measures", "plan indicator", "plan indicators", "police and crime plan measure",
                 "police and crime plan measures", "council plan measure", "council plan indicator", "corporate plan measure",
                 "corporate plan indicator", "police and crime plan indicator"],
        "unit": ["unit", "units", "unit of measure", "measure type", "format", "measure unit", "unit type"],
        "polarity": ["polarity", "good performance is", "good performance", "direction", "good is", "aim", "good", "good if",
                     "better if", "best", "best is", "what is best", "bigger or smaller is better", "smaller or bigger is better",
                     "bigger smaller is better", "bigger or smaller", "is bigger better", "higher or lower better", "better higher or lower", "desired direction", "higher or lower is better", "higher is better",
                     "is higher better", "what good looks like", "ranking type", "good direction", "direction of good",
                     "better", "better high low", "better is", "good when", "better when", "which is better", "higher lower better",
                     "good is higher lower", "good is high low", "polarity high low", "polarity higher lower",
                     "higher or lower", "high or low", "good performance higher lower", "is good high or low"],
        "frequency": ["frequency", "reporting frequency", "collected", "periodicity", "collection frequency", "reported"],
        "target": ["target", "annual target", "target value", "year target", "year end target", "targets", "target range",
                   "target band", "target ranges",
                   "profile", "profiled target", "target profile", "cumulative target", "profile target",
                   "quarterly target", "quarter target", "target for the quarter", "target for quarter", "quarterly targets",
                   # one tab a month: the month's own target, beside the month's figure
                   "monthly target", "month target", "target for the month", "target for month", "monthly targets",
                   "plan", "planned", "plan value", "planned value", "trajectory", "ambition", "contract standard",
                   "service standard", "contractual target", "contract target", "required standard", "minimum standard",
                   "standard required", "measure of success", "success measure",
                   "expected", "expected level", "expected performance", "expected value", "expected outturn",
                   # whose target it is: the body's own, set or agreed (a national or comparator figure is no target of ours)
                   "landlord target", "local target", "corporate target", "organisational target", "agreed target", "stretch target",
                   "board target", "authority target", "force target", "service target", "set target", "internal target",
                   # a statutory indicator's standard (Northern Ireland), the target it is measured against
                   "standard", "statutory standard", "performance standard target", "standard to be met",
                   # an NHS trust's standards, set for it nationally: the target its figures are measured against
                   "operational standard", "constitutional standard", "national standard", "operational target",
                   # a savings tracker's target for the year's savings
                   "savings target", "saving target", "savings required", "saving required", "target saving", "target savings",
                   "savings plan target", "agreed saving", "agreed savings", "approved saving", "approved savings",
                   # a contract's performance standards: the level the provider must reach
                   "required level", "required performance", "minimum level", "level required", "contract level"],
        "tolerance": ["tolerance", "threshold", "amber threshold", "tolerance level", "amber tolerance",
                      # the level at which amber starts, each measure's own (read as its band: _AMBER_LEVEL)
                      "amber from", "amber level", "amber trigger", "amber boundary", "amber if"],
        "actual": ["actual", "value", "outturn", "result", "performance", "actuals", "outturns", "data", "figure", "quarter result",
                   # a community safety scorecard's figure: the year to the end of the sheet's quarter
                   "rolling 12 months", "rolling twelve months", "last 12 months", "12 months rolling", "rolling year",
                   "current 12 months", "current rolling 12 months", "latest 12 months",
                   "current value", "latest value", "value this quarter",  # Pentana's "Current Value" beside "Current Target"
                   "quarterly result", "result for the quarter", "quarter figure", "quarter value", "quarter actual",
                   "quarterly actual", "actual for the quarter", "quarter outturn", "quarterly outturn",
                   "local value", "local figure", "our value", "council value", "area value", "la value", "local result",
                   # a funded programme's outputs, each to date against its profile to date
                   "achieved to date", "actual to date", "delivered to date", "achievement to date", "output to date",
                   "outputs to date", "outturn to date", "performance to date", "achieved so far", "delivered so far"],
        "reported_status": ["status", "rag", "rag status", "rating", "rag rating", "performance status", "traffic light",
                            "traffic light status", "performance against target", "performance v target", "performance vs target",
                            "against target", "status against target", "rag against target", "performance rating", "assessment of progress", "progress assessment", "assessment of progress against the metric plan", "assessment of progress against the metric plan for the reporting period", "on track", "on track?", "standard met", "standard met?", "target met", "target met?", "performance against standard", "against standard",
                            "status against standard", "performance against the standard", "performance against target status", "met", "met?", "achieved?", "achieved", "compliant", "compliant?", "compliance",
                            "delivery status", "delivery rag", "delivery rag status", "delivery rating", "savings rag", "saving rag", "status against profile", "performance against profile", "against profile", "profile status",
                            "vs target", "v target", "versus target", "compared with target", "compared to target", "outcome against target",
                            # a police and crime plan's framework judges each measure against its baseline, not a target
                            # (a bare 'Assessment' is read by what it holds: a column of direction words is the trend)
                            "assessment against target", "assessment against baseline", "performance assessment",
                            "assessment against the baseline", "against baseline", "performance against baseline"],
        # Service plans (perfkit.analyse.annual): the officer's own verdict and trend word, checked against the numbers.
        "reported_level": ["level achieved", "achieved", "target achieved", "target met", "met", "achievement",
                           "level of achievement", "achieved or not", "met target", "target achieved or not"],
        "reported_trend": ["trend", "direction of travel", "dot", "trend direction", "improvement trend", "annual trend",
                           "trend arrow", "trend on last year", "trend since last year"],
        "cumulative": ["cumulative", "cumulative measure", "is cumulative", "cumulative y n", "cumulative or snapshot",
                       "ytd or snapshot", "cumulative snapshot"],
        **SHARED_HEADERS,
        "lead": [*SHARED_HEADERS["lead"], "project manager", "project lead", "manager", "service manager", "lead manager"],
    },
    required=("name",),
    values=("actual", "target"),
    period_fields=("actual", "target", "reported_status", "commentary", "tolerance", "reported_level", "reported_trend"),
    bare_period_field="actual",
    key_field="name",
    id_field="measure_id",
    id_prefix="K",
    status_field="reported_status",
    numeric_fields=("actual", "target", "tolerance"),
    describe="a measure/indicator column and an actual or target column",
    build=_build_measures,
    across=_across_sheets,
)


read_measures.__doc__ = f"""Read every measures (KPI) sheet of a workbook into the tidy measures frame (one row per measure per period).

    Wide layouts (``Q1 Actual``, ``2022/23 Q1``, ``Apr-Jun``...) and long ones (a period
    column) are both read; targets may be one column, one per year or one per quarter.
    Cells formatted as percentages are read as Excel shows them (0.853 as 85.3%).
{READER_DOC}
    Returns
    -------
    pandas.DataFrame
        Columns as in :mod:`perfkit.core.schema`; warnings in ``attrs["problems"]``.

    Examples
    --------
    >>> kp = read_measures("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
"""


def _commentary(table: Table, r: int, scol: int | None, text: str) -> str:
    """A measure's commentary, with what its status cell said after its status (``Red: below profile``) added."""
    return with_remarks(table, [r], scol, [text])[0]
