"""Action plans: improvement plans and objective updates, read, summarised and briefed.

An improvement plan lists, under each recommendation of a peer challenge, the
actions agreed: a reference, the action, a lead, a target date, a status, often
a percentage complete and a commentary, monitored six-monthly or quarterly. A
Council Plan objective update walks the golden thread (objective > strategy >
tactic) and reports per action. This module declares the ``actions`` kind on
the layout engine (:data:`ACTIONS`, registered on import), builds its tidy
frame, and summarises it (:func:`action_summary`).

The tidy frame has one row per action per period: ``action_id, action, group,
group_path, lead, due_date, period, status, progress, commentary, source,
cadence``, plus ``priority``, ``objective``, ``strategy``, ``tactic`` and
``directorate`` where the workbook has them.

- ``group`` is the section the action sits under (``Recommendation 1: Strengthen
  governance``, as typed), from numbered section rows, a merged cell or a
  column; ``group_path`` keeps every level above it, joined by `` > ``.
- ``action_id`` is the reference as the officer sees it: text ``1.10`` stays
  ``1.10``, and a number cell formatted ``0.00`` is read as Excel shows it.
- ``period`` is a ``Period[Q-MAR]`` as in every perfkit frame: a half-year sits
  at the quarter it ends in (``2024/25 H2`` at Q4) and ``cadence`` says
  ``half`` or ``quarter``; write it with :func:`period_text`.
- ``status`` is an ordered categorical on :data:`ACTION_SCALE` (Behind schedule
  < At risk < On track < Complete, then Not started, On hold, Deferred,
  Cancelled, Superseded...), unless a scale is configured.
- ``progress`` is 0–100 (NaN where not given); cells formatted as percentages
  are read as Excel shows them (0.75 as 75).

Examples
--------
>>> from perfkit.read.kinds.actions import ACTION_SCALE
>>> ACTION_SCALE.normalise("Delayed"), ACTION_SCALE.normalise("No longer required")
('Behind schedule', 'Superseded')
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from perfkit.core.collector import without_collector
from perfkit.read.columns import resolve_token, token_month
from perfkit.core.errors import ConfigError, LayoutError, PeriodError, col_letter
from perfkit.read.spec import CARRIED, ORIGINAL_DATE_HEADERS, REVISED_DATE_HEADERS, SHARED_HEADERS, KindSpec, normalise_header
from perfkit.read.layout import Table, blank, column, data_rows, get, ids as layout_ids, numbered_on, text
from perfkit.core.numbers import parse_number
from perfkit.core.periods import FREQ, Span, parse_span, period_label
from perfkit.core.status import AMBER, BLUE, GREEN, INK, MID_GREY, RED, UNRATED, Status, StatusScale
import calendar
from perfkit.read.layout import token_spans
from perfkit.read.layout import clean as _clean
from perfkit.read.engine import check_duplicate_keys, revised_due_dates, strip_all, status_column, with_remarks
import datetime as _dt
from perfkit.core.periods import find_financial_year
from perfkit.read.layout import single_period
from perfkit.read.engine import read_kind, options, survey
from perfkit.read.workbook import open_workbook

# ---------------------------------------------------------------------------------------------- the kind

_TO_NEXT_MEETING = ("carried forward", "carried over", "c/f", "rolled forward", "rolled over", "carried fwd", "c/fwd", "carried fwd.")

ACTION_SCALE = StatusScale(
    (
        Status("Behind schedule", 0, RED, synonyms=(
            "delayed", "behind", "off track", "offtrack", "not on track", "slipped", "overdue", "significant delay",
            "significantly behind", "red", "r", "red/amber", "amber/red", "r/a", "a/r", "significant issues", "stalled", "off course",
            "not delivered", "not progressing", "not progressing well", "no progress", "significant slippage", "major slippage",
            "serious slippage", "significantly delayed", "major delay", "major delays", "significant delays", "severely delayed")),
        Status("At risk", 1, AMBER, INK, synonyms=(
            "at risk", "some slippage", "slippage", "minor slippage", "some delay", "minor delay", "slipping",
            "some issues", "minor issues", "amber", "a", "yellow", "y", "amber/green", "green/amber", "a/g", "g/a",
            "check progress",  # Pentana's warning icon for an action
            # an audit follow-up's middle grade: implemented in part (amber), between implemented and not implemented
            "partially implemented", "partly implemented", "part implemented")),
        Status("On track", 2, GREEN, synonyms=(
            "on track", "ontrack", "on schedule", "on target", "progressing well", "progressing", "in progress", "in hand",
            "ongoing", "underway", "under way", "doing", "on course", "ahead of schedule", "green", "g", "good", "part done", "partly done", "partially done", "part complete",
            "partly complete", "partially complete", "part completed", "partially completed", "partly delivered",
            "partially delivered", "started", "commenced", "begun",
            # a project list's 'Live' beside 'Complete' and 'On hold': under way, read as on track and said
            "live", "active"), good=True),
        Status("Complete", 3, BLUE, INK, synonyms=(
            "completed", "complete", "done", "achieved", "closed", "delivered", "finished", "implemented", "blue", "b", "c"),
            good=True, complete=True),
        *(replace(s, synonyms=tuple(w for w in s.synonyms if w not in _TO_NEXT_MEETING)) for s in UNRATED),
        # A RAID log's or an audit tracker's "Open": raised and not yet closed, which says nothing of progress: never rated,
        # never complete, and overdue once its date has passed. A clerk's "Carried forward" takes an action to the next
        # meeting, still to do (a plan's milestone carried forward to next year is Deferred); "Awaiting response" waits on
        # someone else, still open.
        Status("Open", None, MID_GREY, INK, synonyms=("open", "outstanding", "not yet closed", "still open", "remains open",
                                                     *_TO_NEXT_MEETING, "awaiting response", "awaiting a response", "awaiting reply",
                                                     "awaiting a reply", "chased", "chasing")),
    ),
    name="actions",
    # RAG words and words that only roughly say an action's state: read, and said aloud once per word.
    approximate=("red", "r", "red/amber", "amber/red", "r/a", "a/r", "amber", "a", "yellow", "y", "amber/green",
                 "green/amber", "a/g", "g/a", "green", "g", "in progress", "ongoing", "underway", "under way", "doing", "progressing", "in hand",
                 "partially implemented", "partly implemented", "part implemented", "part done", "partly done", "partially done",
                 "part complete", "partly complete", "partially complete", "part completed", "partially completed",
                 "not implemented", "started", "commenced", "begun", "live", "active", *_TO_NEXT_MEETING),  # "Carried forward": Open, said, so the clerk's own word is not lost unsaid
)
"""Statuses of actions, worst to best, then the unrated ones; RAG words fold onto them (Red is Behind schedule)."""

# What the default scale's names are on the action scale, for [status.words] written for RAG.
RAG_TO_ACTION = {"Red": "Behind schedule", "Amber": "At risk", "Green": "On track"}



COLUMNS = ["action_id", "action", "group", "group_path", "lead", "due_date", "period", "status", "progress", "commentary", "source", "cadence"]
OPTIONAL = ["priority", "objective", "strategy", "tactic", "directorate"]

# Section rows: "Recommendation 1: ...", "Key recommendation 1: ...", "Strategy 2 - ...", "Objective 1", "Tactic 1.2: ...", "1. ...", "1.2 ...".
_LABELLED = re.compile(
    r"^\s*(?:(?:key|main|strategic)\s+(?=recommendation|theme|priority|objective|outcome))?"  # "Key recommendation 1:", an LGA peer challenge's
    r"(?P<label>council\s+plan\s+priority|priority|theme|outcome|ambition|objective|recommendation|workstream|"
    r"strategy|tactic|activity|section|area|rec(?=\.?\s*\d)\.?|r(?=\d))s?\s*(?P<num>\d+(?:\.\d+)*[a-z]?|[ivx]+)?\s*(?:[:.\-–—)]|$)",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*)[.)]?\s+(?=\D)")
# Depth of each labelled level: lower is nearer the top of the plan.
_RANK = {"priority": 0, "theme": 0, "outcome": 0, "ambition": 0, "objective": 1, "recommendation": 2, "workstream": 2,
         "section": 2, "area": 2, "strategy": 2, "tactic": 3, "activity": 4}
# Levels that are the golden thread's own columns.
_THREAD = {"priority": "priority", "council plan priority": "priority", "theme": "priority", "outcome": "priority",
           "ambition": "priority", "objective": "objective", "strategy": "strategy", "tactic": "tactic"}


_ASKS_DONE = re.compile(r"(?i)^\s*(?:is\s+it\s+)?(?:done|completed?|implemented|actioned|achieved|delivered)\s*\?\s*$")


def answer_scale(scale: StatusScale, header: str, opts) -> StatusScale:
    """A status column headed as a question (``Done?``, ``Completed?``): Yes is Complete and No is Not started, each word
    said aloud as it is read; other words (``Part done``) as the scale reads them. Words perfkit.toml gives stand."""
    if not _ASKS_DONE.match(header or "") or "Complete" not in scale.names or "Not started" not in scale.names:
        return scale
    answers = {w: st for w, st in (("yes", "Complete"), ("y", "Complete"), ("no", "Not started"), ("n", "Not started"))
               if w not in {k.lower() for k in opts.config.status_words} and scale.normalise(w) is None}
    return StatusScale(scale.with_synonyms(answers).statuses, scale.name, (*scale.approximate, *answers)) if answers else scale


def action_scale(opts) -> StatusScale:
    """The scale an action plan is read on: the configured one, else :data:`ACTION_SCALE` with the configured words."""
    scale = opts.scale
    if scale.name != "RAG" or (opts.config.scale or "").lower() not in ("", "rag", "three-point"):
        return scale
    words = {w: RAG_TO_ACTION.get(name, name) for w, name in opts.config.status_words.items()}
    return ACTION_SCALE.with_synonyms(words) if words else ACTION_SCALE


# ---------------------------------------------------------------------------------------------- periods


def period_text(period, cadence: str = "quarter") -> str:
    """A period as people read it: ``2024/25 H2`` for a half-year's, ``2024/25 Q3`` for a quarter's.

    Examples
    --------
    >>> import pandas as pd
    >>> period_text(pd.Period("2025Q4", "Q-MAR"), "half"), period_text("2024/25 Q3")
    ('2024/25 H2', '2024/25 Q3')
    """
    return period_label(period, "half" if cadence == "half" else "quarter")


def month_name(month: int) -> str:
    """``9`` -> ``September``."""

    return calendar.month_name[month] if 1 <= month <= 12 else "its month"


def _half_of(span: Span) -> Span:
    """The half-year a month (or quarter) falls in."""
    end = span.end
    q_end = 2 if end.quarter <= 2 else 4
    last = end + (q_end - end.quarter)
    return Span("half", last - 1, last)


def _one_position(table, months, spans, named_halves: bool) -> bool:
    """Whether a plan's month columns all name one month (``Status at 30 Sept 2024``, perhaps with its comments) and
    nothing in the plan (a half-year header, a title or sheet saying mid-year or six-monthly) says it is six-monthly."""
    if named_halves or not months or len({spans[pc.col].end for pc in months}) != 1 or len({token_month(pc.token) for pc in months}) != 1:
        return False  # (never 'Jul-24 | Aug-24 | Sep-24', a status each month of one quarter)
    return not any(_MID_YEAR.search(str(src or "")) for src in (table.title, table.sheet.name, table.path.stem))


def action_spans(table: Table, cadence: str | None = None) -> tuple[dict[int, Span], str]:
    """Resolve an action plan's period columns; month headers are read as half-years or quarters.

    A plan monitored six-monthly heads its columns by month (``Status at Sep 2024``,
    ``Progress at March 2025``, ``October update``): where no field has two month
    columns in one half-year, each month is read as the half-year it falls in
    (April–September H1, October–March H2); otherwise, as the engine does, as the
    quarter it falls in. ``cadence`` (``"half"`` or ``"quarter"``) says which, and
    each choice is reported. Returns the spans by column and the cadence.
    """

    cmap = table.cmap
    spans = token_spans(table)
    months = [pc for pc in cmap.period_columns if pc.col in spans and spans[pc.col].kind == "month"]
    named_halves = any(s.kind == "half" for s in spans.values())
    named_quarters = any(s.kind == "quarter" for s in spans.values())
    if cadence is None:
        if not months:
            cadence = "half" if named_halves and not named_quarters else "quarter"
        elif named_quarters and not named_halves:
            cadence = "quarter"
        elif _one_position(table, months, spans, named_halves):
            cadence = "quarter"  # "Status at 30 Sept 2024" alone: one position, at a quarter's end; nothing says six-monthly
        elif all(spans[pc.col].end.month in (3, 6, 9, 12) if hasattr(spans[pc.col].end, "month") else False for pc in months) and any(
                (token_month(pc.token) or 0) in (6, 12) for pc in months):
            cadence = "quarter"  # "Sep 24" beside "Dec 24": quarter ends, and not all of them end a half-year
        else:
            seen: dict = {}
            cadence = "half"
            for pc in months:
                key = (pc.field, _half_of(spans[pc.col]).end)
                if key in seen:
                    cadence = "quarter"
                seen[key] = pc.col
    elif cadence not in ("half", "quarter"):
        raise ConfigError(f"cadence {cadence!r}: use 'half' (six-monthly) or 'quarter'")
    alone = cadence == "quarter" and _one_position(table, months, spans, named_halves)
    if alone and table.as_at is None:  # the plan's one position is at its quarter's end, and the briefing says that day
        end = spans[months[0].col].end
        table.as_at = (end, end.end_time.date())
    by_field: dict = {}
    for pc in months:
        s = spans[pc.col]
        new = _half_of(s) if cadence == "half" else Span("quarter", s.start, s.end)
        by_field.setdefault((pc.field, new.end), []).append(pc.col)
        month = token_month(pc.token) or 0
        how = "six-monthly" if cadence == "half" else "quarterly"
        what = "half-year (April–September H1, October–March H2)" if cadence == "half" else "quarter"
        lag = cadence == "half" and month not in (9, 3)
        table.report.add(
            table.cell(cmap.header_row, pc.col), pc.field, pc.header,
            f"column {pc.header!r} read as {new.label}, the {what} its month falls in"
            + (f": the plan gives one position and nothing in it says it is monitored six-monthly; if it is, map it "
               f"(\"{pc.header}\" = \"{pc.field}@{_half_of(s).label}\")" if alone else f", as the plan is monitored {how}")
            + (f"; {month_name(month)} does not end a half-year, so if it reports on the half-year before, map it "
               f"(e.g. \"{pc.header}\" = \"{pc.field}@{_half_of(Span('half', new.start - 2, new.end - 2)).label}\")" if lag else ""),
            "warning" if lag else "info",
        )
        spans[pc.col] = new
    _roll_back_months(table, spans, months)
    by_field = {}
    for pc in months:
        by_field.setdefault((pc.field, spans[pc.col].end), []).append(pc.col)
    clash = {k: v for k, v in by_field.items() if len(v) > 1}
    below = table.sheet.rows[cmap.header_row + 1:]
    for key in list(clash):
        if not any(not blank(get(row, c)) for row in below for c in clash[key]):  # months not yet reached: nothing to fold
            empty = clash.pop(key)
            _set_aside(cmap, spans, empty)
            table.report.add(table.cell(cmap.header_row, min(empty)) + f":{col_letter(max(empty))}{cmap.header_row + 1}", key[0], "",
                             f"month columns {', '.join(repr(cmap.headers[c]) for c in sorted(empty)[:6])} are empty: not yet "
                             "filled in, so not read", "info")
    for key in [k for k in clash if k[0] in ("commentary", "status", "progress")]:
        _latest_month(table, clash.pop(key), spans, key[0])
    if clash:
        cols = sorted(c for v in clash.values() for c in v)
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} has several month columns for one period "
            f"({', '.join(repr(cmap.headers[c]) for c in cols[:6])}); perfkit does not fold months together unasked.",
            hint=f"Say which column stands for each period in perfkit.toml, e.g. [sheets.\"{table.sheet.name}\".columns] "
                 f"\"{cmap.headers[cols[-1]]}\" = \"{next(pc.field for pc in cmap.period_columns if pc.col == cols[-1])}@{spans[cols[-1]].label}\", "
                 f"and map the others to \"ignore\" (or --map).",
        )
    if cadence == "half":
        for pc in cmap.period_columns:
            s = spans.get(pc.col)
            if s is not None and s.kind == "quarter" and s.end.quarter in (2, 4):
                spans[pc.col] = _half_of(s)
    return spans, cadence


def _roll_back_months(table: Table, spans: dict, months: list) -> None:
    """Month columns that name no year in a rolling order (``Status – March | Status – September``, last March then this
    September): read left to right the periods should rise, so one that comes after a later period of the year, and those
    before it, are the previous financial year's, each said. Read in one year, March's column was the latest half-year
    and a plan's completed actions read as slipped."""
    cmap = table.cmap
    by_field: dict = {}
    for pc in sorted(months, key=lambda pc: pc.col):
        if not re.search(r"\d{2}", pc.token):
            by_field.setdefault(pc.field, []).append(pc)
    for cols in by_field.values():
        ends = [spans[pc.col].end for pc in cols]
        shift = 0
        for i in range(len(cols) - 2, -1, -1):
            if ends[i] > ends[i + 1]:
                shift -= 4
            if shift:
                s = spans[cols[i].col]
                spans[cols[i].col] = Span(s.kind, s.start + shift, s.end + shift)
                table.report.add(table.cell(cmap.header_row, cols[i].col), cols[i].field, cols[i].header,
                                 f"column {cols[i].header!r} read as {spans[cols[i].col].label}: it comes before the year's "
                                 "earlier periods, so it is the previous year's", "info")


def _set_aside(cmap, spans: dict, cols: list[int], why: str = "") -> None:
    """Month columns not read: no longer period columns, unmapped (so said as not used), and no span; ``why``, where
    given, is kept for `perfkit init` to write beside each as "ignore"."""
    cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in cols]
    cmap.unmapped = sorted({*cmap.unmapped, *cols})
    for c in cols:
        spans.pop(c, None)
        if why:
            cmap.set_aside[c] = why


def _latest_month(table: Table, cols: list[int], spans: dict, fld: str) -> None:
    """A column for each month of one period (``April 2024`` ... ``September 2024`` updates, or a RAG letter or % complete
    for ``Apr-24`` ... ``Jun-24``): the last month with anything given stands for the period, as the plan's latest word
    (a status at the period's end); the others are set aside, said in a note. Refused, an LGA peer challenge's monthly RAG
    needed a line for every month."""
    cmap, rows = table.cmap, table.sheet.rows
    below = rows[cmap.header_row + 1:]
    given = [c for c in sorted(cols) if any(not blank(get(row, c)) for row in below)]
    keep = given[-1] if given else sorted(cols)[-1]
    _set_aside(cmap, spans, [c for c in cols if c != keep], f"a month of the {'half-year' if spans[keep].kind == 'half' else spans[keep].kind}: the last month given stands for it")
    what = {"commentary": "update", "status": "status"}.get(fld, "% complete")
    table.report.add(table.cell(cmap.header_row, min(cols)) + f":{col_letter(max(cols))}{cmap.header_row + 1}", fld,
                     cmap.headers.get(keep, ""), f"a{'n' if what == 'update' else ''} {what} for each month "
                     f"({', '.join(repr(cmap.headers[c]) for c in sorted(cols)[:6])}): {cmap.headers.get(keep, '')!r}, the last "
                     f"month given, read as {spans[keep].label}'s {'commentary' if fld == 'commentary' else what}; the earlier "
                     "months are not read", "info")


# ---------------------------------------------------------------------------------------------- groups


def heading_level(raw: str) -> tuple[str, int, str]:
    """(level name, rank, text) of a section row: ``Strategy 2 - Homes`` -> ('strategy', 2, 'Strategy 2 - Homes')."""
    t = text(raw)
    m = _LABELLED.match(t)
    if m:
        label = " ".join(m["label"].lower().split())
        key = {"council plan priority": "priority", "r": "recommendation", "rec": "recommendation", "rec.": "recommendation"}.get(label, label)
        return key, _RANK.get(key, 2), t
    m = _NUMBERED.match(t)
    if m:
        return "section", 2 + m["num"].count("."), t
    return "section", 2, t


def _groups(table: Table, data: list[tuple[int, dict]]) -> list[dict]:
    """Each item's place in the plan from the section rows above it: {level: text}, in order, top first."""
    headings = sorted(table.headings, key=lambda h: h.row)
    rows = table.sheet.rows
    out = []
    stack: list[tuple[int, str, str]] = []  # (rank, level, text)
    ranked: dict[int, int] = {}  # heading's row -> its rank, for the headings under it
    hi = 0
    for r, _ in data:
        while hi < len(headings) and headings[hi].row < r:
            h = headings[hi]
            level, rank, label = heading_level(get(rows[h.row], h.col))
            if h.parent is not None and h.parent.row in ranked and rank <= ranked[h.parent.row]:
                rank = ranked[h.parent.row] + 1  # "Priority 1.1" under "Outcome 1" (both top words): under it, as numbered
            ranked[h.row] = rank
            stack = [s for s in stack if s[0] < rank] + [(rank, level, label)]
            hi += 1
        out.append({f"{level}#{i}": label for i, (_, level, label) in enumerate(stack)})
    return out


# ---------------------------------------------------------------------------------------------- references


def _ref_formats(table: Table, col: int, row_idx: list[int]) -> dict[int, str]:
    """Number formats of the reference cells that hold numbers (xlsx only), so ``1.10`` formatted ``0.00`` stays ``1.10``."""
    rows = table.sheet.rows
    numeric = [r for r in row_idx if isinstance(get(rows[r], col), float) and not isinstance(get(rows[r], col), bool)]
    book = table.sheet.book
    if not numeric or book is None or getattr(book, "kind", "") != "xlsx":
        return {}
    try:
        ws = book.formatted()[table.sheet.name]
    except Exception:  # formats are a refinement; the values are read regardless
        return {}
    out = {}
    lo, hi = min(numeric), max(numeric)
    wanted = set(numeric)
    for r, row in enumerate(ws.iter_rows(min_row=lo + 1, max_row=hi + 1, min_col=col + 1, max_col=col + 1), start=lo):
        if r in wanted and row:
            out[r] = getattr(row[0], "number_format", "") or ""
    return out


def _shown(value: float, fmt: str) -> str | None:
    """A number as a fixed-decimals format shows it (``0.00`` -> two places), or None for General and others."""
    m = re.fullmatch(r'[#0,]*0(?:\.(0+))?', fmt.strip())
    if not m:
        return None
    places = len(m[1] or "")
    return f"{value:.{places}f}"


def action_ids(table: Table, data) -> list[str]:
    """References as text, as the officer sees them; a number cell that lost a trailing zero is put right aloud.

    ``1.10`` typed as text stays ``1.10``; a number cell formatted ``0.00`` is ``1.10``;
    a General number ``1.1`` that follows ``1.9`` under the same section is read as
    ``1.10`` with a warning (Excel keeps ``1.10`` typed as a number as 1.1).
    """
    out = layout_ids(table, data)
    col = table.cmap.fields.get("action_id")
    if col is None:
        return out
    rows = table.sheet.rows
    row_idx = [r for r, _ in data]
    if not any(isinstance(v, float) for v in column(rows, row_idx, col)):
        return out  # references typed as text, as most are: no number cell to put right
    formats = _ref_formats(table, col, row_idx)
    for i, r in enumerate(row_idx):
        v = get(rows[r], col)
        if isinstance(v, float) and r in formats:
            shown = _shown(v, formats[r])
            if shown is not None and shown != out[i]:
                table.report.add(table.cell(r, col), "action_id", v, f"reference {out[i]!r} is a number cell shown as {shown!r}: read as {shown!r}", "info")
                out[i] = shown
    prev = None
    for i, r in enumerate(row_idx):
        v = get(rows[r], col)
        ident = out[i]
        if prev is not None and isinstance(v, float) and _shown(v, formats.get(r, "General")) is None:
            pm = re.fullmatch(r"(\d+)\.(\d+)", prev)
            cm = re.fullmatch(r"(\d+)\.(\d+)", ident)
            if pm and cm and pm[1] == cm[1] and int(pm[2]) >= 9 and f"{int(pm[2]) + 1}".rstrip("0") == cm[2] and f"{int(pm[2]) + 1}" != cm[2]:
                fixed = f"{pm[1]}.{int(pm[2]) + 1}"
                table.report.add(
                    table.cell(r, col), "action_id", v,
                    f"reference {ident!r} follows {prev!r}: read as {fixed!r} (a number cell drops the trailing zero of {fixed}); "
                    "format the reference column as text to be sure",
                    "warning",
                )
                out[i] = ident = fixed
        prev = ident
    return out


# ---------------------------------------------------------------------------------------------- progress


def _progress_columns(table: Table, spans: dict[int, Span], data) -> None:
    """Period columns headed like commentary (``Progress at March 2025``) that hold percentages are progress."""
    rows = table.sheet.rows
    have = {(pc.field, spans[pc.col].end) for pc in table.cmap.period_columns if pc.col in spans}
    for pc in table.cmap.period_columns:
        if pc.field != "commentary" or pc.col not in spans or ("progress", spans[pc.col].end) in have:
            continue
        values = [get(rows[r], pc.col) for r, _ in data]
        seen = [v for v in values if not blank(v)]
        if not seen:
            continue
        numbers = [parse_number(v) for v in seen]
        if sum(1 for p in numbers if p.missing in ("", "placeholder")) / len(seen) >= 0.9 and any(p.value is not None for p in numbers):
            pc.field = "progress"
            table.report.add(table.cell(table.cmap.header_row, pc.col), "progress", pc.header,
                             f"column {pc.header!r} holds percentages rather than commentary: read as % complete", "info")


# Words typed in a % complete column: all of it, or no percentage to give (said in a note either way)
_PROGRESS_DONE = {"complete", "completed", "done", "finished", "delivered", "achieved", "implemented", "closed"}
_PROGRESS_NONE = {"ongoing", "on going", "not started", "not yet started", "tbc", "tba", "n/a", "na", "in progress", "continuous",
                  "not applicable", "unknown", "-", "–"}


def _progress(table: Table, col: int, row_idx: list[int]) -> list[float]:
    """One column of % complete: cells formatted as percentages as Excel shows them; fractions of 1 said aloud."""
    rows = table.sheet.rows
    raw = column(rows, row_idx, col)
    pct = table.sheet.percent_cells(row_idx, [col]) if any(isinstance(v, float) and 0 < v <= 1.5 for v in raw) else set()
    values: list[float] = []
    plain_fraction = []
    words: dict[str, list[int]] = {}  # "Complete", "Ongoing" typed where a percentage goes, and their rows
    errors = table.sheet.errors
    pct_rows = {r for r, c in pct if c == col}
    for r, v in zip(row_idx, raw):
        if errors and (r, col) in errors:
            table.report.add(table.cell(r, col), "progress", table.sheet.errors[(r, col)], f"formula error {table.sheet.errors[(r, col)]} in % complete")
            values.append(np.nan)
            continue
        if v.__class__ is float and v == v:  # a plain number, as most are: what parse_number makes of it, without asking
            values.append(v * 100 if r in pct_rows else v)
            if r not in pct_rows:
                plain_fraction.append(len(values) - 1)
            continue
        p = parse_number(v)
        if p.missing == "text":
            word = " ".join(str(v).lower().split()).strip(".")
            if word in _PROGRESS_DONE:  # "Complete" in a % complete column: all of it
                words.setdefault(text(v), []).append(r)
                values.append(100.0)
                continue
            if word in _PROGRESS_NONE:  # "Ongoing": no percentage to give
                words.setdefault(text(v), []).append(r)
                values.append(np.nan)
                continue
            table.report.add(table.cell(r, col), "progress", v, f"% complete {text(v)!r} is not a number")
            values.append(np.nan)
            continue
        if p.value is None:
            values.append(np.nan)
            continue
        x = p.value
        if r in pct_rows:
            x = x * 100
        elif p.unit != "%" and isinstance(v, (int, float)):
            plain_fraction.append(len(values))
        values.append(x)
    if plain_fraction and all(0 <= values[i] <= 1 for i in plain_fraction) and any(0 < values[i] < 1 for i in plain_fraction):
        for i in plain_fraction:
            values[i] = values[i] * 100
        table.report.add(table.column_range(col, [row_idx[i] for i in plain_fraction]), "progress", "",
                         "% complete given as fractions of 1 (0.5) without a percentage format: read as percentages (50%)", "warning")
    for word, rs in words.items():
        meant = "100%" if " ".join(word.lower().split()).strip(".") in _PROGRESS_DONE else "no percentage"
        table.report.add(table.column_range(col, rs), "progress", word, f"% complete {word!r} read as {meant} "
                         f"({len(rs)} cell{'s' * (len(rs) != 1)})", "info")
    # x != x: NaN, asked of a Python float without numpy's call per value
    for r, x in zip(row_idx, values):
        if x == x and not 0 <= x <= 100:
            table.report.add(table.cell(r, col), "progress", x, f"% complete {x:g} is not between 0 and 100")
    return [x if x != x or 0 <= x <= 100 else np.nan for x in values]


# ---------------------------------------------------------------------------------------------- the builder


def build_actions(table: Table, opts, id_offset: int = 0) -> pd.DataFrame:
    """Turn a located action-plan table into the tidy actions frame (see the module's docstring)."""

    cmap, rows = table.cmap, table.sheet.rows
    scale = action_scale(opts)
    data = data_rows(table)
    spans, cadence = action_spans(table, opts.extra.get("cadence"))
    _progress_columns(table, spans, data)
    per_field: dict[str, dict] = {"status": {}, "progress": {}, "commentary": {}}
    for pc in cmap.period_columns:
        if pc.col in spans and pc.field in per_field:
            per_field[pc.field].setdefault(spans[pc.col].end, pc.col)
    periods = sorted(set(per_field["status"]) | set(per_field["progress"]))
    single = None
    row_period = None
    if not periods and "period" in cmap.fields:
        row_period, cadence = _long_periods(table, data, opts.extra.get("cadence"))
        periods = sorted({p for p in row_period if p is not None})
        for f in ("status", "progress", "commentary"):
            if f in cmap.fields:
                per_field[f] = {p: cmap.fields[f] for p in periods}
        if not periods:
            raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has a period column ({table.column_range(cmap.fields['period'], [r for r, _ in data] or [cmap.header_row])}) "
                              "but no period in it could be read",
                              hint="Write each period like '2024/25 H1' or '2024/25 Q2'; for 'H1' or 'Q2' alone, give the year in perfkit.toml: "
                                   f"[sheets.\"{table.sheet.name}\"] year = \"2024/25\".")
    elif not periods:
        if "status" not in cmap.fields and "progress" not in cmap.fields:
            raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has no status or % complete column (its header, row "
                              f"{cmap.header_row + 1}: {', '.join(map(repr, list(cmap.headers.values())[:8]))})",
                              hint=f"Say which column holds it in perfkit.toml: [sheets.\"{table.sheet.name}\".columns] \"Your header\" = "
                                   "\"status\" (or \"progress\" for a % complete), or --map 'Your header=status'.")
        single = _single_span(table, opts.period, fixed=bool(opts.config.sheet(table.sheet.name).period))
        cadence = "half" if single.kind == "half" else "quarter"
        periods = [single.end]
        for f in ("status", "progress"):
            if f in cmap.fields:
                per_field[f][single.end] = cmap.fields[f]
    else:
        if "progress" in cmap.fields and per_field["progress"].get(periods[-1]) is None:
            c = cmap.fields["progress"]
            per_field["progress"][periods[-1]] = c
            table.report.add(table.cell(cmap.header_row, c), "progress", cmap.headers[c],
                             f"column {cmap.headers[c]!r} read as the % complete at {period_text(periods[-1], cadence)}, the latest period; "
                             f"map it (\"{cmap.headers[c]}\" = \"progress@...\") to say otherwise", "info")
        for f in ("status", "progress"):
            if f in cmap.fields and per_field[f].get(periods[-1]) != cmap.fields[f]:
                table.report.add(table.cell(cmap.header_row, cmap.fields[f]), f, cmap.headers[cmap.fields[f]],
                                 f"column {cmap.headers[cmap.fields[f]]!r} names no period while others do: not read; map it (\"{cmap.headers[cmap.fields[f]]}\" = \"{f}@{period_text(periods[-1], cadence)}\")",
                                 "warning")
    latest = periods[-1]
    shared_comment = cmap.fields.get("commentary")
    if shared_comment is not None and len(periods) > 1 and row_period is None:
        table.report.add(table.cell(cmap.header_row, shared_comment), "commentary", cmap.headers[shared_comment],
                         f"column {cmap.headers[shared_comment]!r} read as the commentary for {period_text(latest, cadence)}, the latest period; earlier periods have none", "info")

    row_idx = [r for r, _ in data]
    n = len(row_idx)
    ident = action_ids(table, data)
    ident, made = numbered_on(table, ident, id_offset)  # never a workbook's own ('D3 Launch ...')
    groups = _groups(table, data)
    group_col = cmap.fields.get("group")
    static: dict[str, list] = {
        "action_id": ident,
        "action": _clean(column(rows, row_idx, cmap.fields.get("action"))),
        "lead": _clean(column(rows, row_idx, cmap.fields.get("lead"))),
        "due_date": (dated := revised_due_dates(table, data))[0],
    }
    first_dates = dated[1]  # "Original date | Revised date": the date first set, kept for the brief's "later than planned"
    group, path = [], []
    thread: dict[str, list] = {f: [] for f in OPTIONAL}
    if not any(groups) and group_col is None and not any(f in cmap.fields for f in ("objective", "strategy", "tactic", "priority")):
        # no section rows and no column naming a group: no action has one, and each thread field is its column's, as carried
        group, path = [""] * n, [""] * n
        thread = {f: [carried.get(f, "") for _, carried in data] if f in cmap.fields else [""] * n for f in OPTIONAL}
        data_groups = ()
    else:
        data_groups = zip(data, groups)
    for (r, carried), levels in data_groups:
        names = list(levels.values())
        if group_col is not None and carried.get("group"):
            names = names + [carried["group"]]
        for f in ("objective", "strategy", "tactic"):
            if carried.get(f) and f in cmap.fields and carried[f] not in names:
                names.append(carried[f])
        if not names and carried.get("priority") and "priority" in cmap.fields:
            names.append(carried["priority"])  # "Equality objective" merged down its actions: the plan's groups
        group.append(names[-1] if names else "")
        path.append(" > ".join(names))
        by_level = {k.split("#")[0]: v for k, v in levels.items()} if levels else None
        for f in OPTIONAL:
            if f in cmap.fields:
                thread[f].append(carried.get(f, ""))
            elif by_level:
                thread[f].append(next((v for k, v in by_level.items() if _THREAD.get(k) == f), ""))
            else:  # no section rows above the action: no level names it
                thread[f].append("")
    if any(not g for g in group) and any(group):
        orphans = [r for r, g in zip(row_idx, group) if not g]
        table.report.add(table.column_range(cmap.fields["action"], orphans), "group", "",
                         f"{len(orphans)} action{'s' * (len(orphans) != 1)} above the first section row: no group", "warning")
    static["group"], static["group_path"] = group, path
    optional = [f for f in OPTIONAL if any(thread[f])]
    for f in optional:
        static[f] = thread[f]
    if "area" in cmap.fields:  # "Council" in a shared service's tracker: whose action each is, kept for --by and the appendix
        static["area"] = _clean(column(rows, row_idx, cmap.fields["area"]))
        optional.append("area")
    for r, title in zip(row_idx, static["action"]):
        if not title:
            table.report.add(table.cell(r, cmap.fields["action"]), "action", "", "action has no description", "warning")

    records: list[pd.DataFrame] = []
    read_progress: dict[int, list[float]] = {}
    # converted once for every period; cache=False: Timestamps already, and hashing them for a cache cost more than converting
    due = pd.to_datetime(pd.Series(static["due_date"], dtype=object), cache=False).astype("datetime64[ns]").to_numpy()
    first_due = (pd.to_datetime(pd.Series(first_dates, dtype=object), cache=False).astype("datetime64[ns]").to_numpy()
                 if first_dates is not None else None)
    for p in periods:
        scol, pcol = per_field["status"].get(p), per_field["progress"].get(p)
        ccol = per_field["commentary"].get(p, shared_comment if p == latest else None)
        status_raw = column(rows, row_idx, scol)
        if pcol is not None and pcol not in read_progress:  # a long layout's one column is read once
            read_progress[pcol] = _progress(table, pcol, row_idx)
        progress = read_progress[pcol] if pcol is not None else [np.nan] * n
        comments = strip_all(column(rows, row_idx, ccol)) if ccol is not None else [""] * n
        if table.comments_below and p == latest:  # the "Commentary: ..." line under an action
            comments = [c or table.comments_below.get(r, "") for c, r in zip(comments, row_idx)]
        reported = [(s != "" and not s.isspace() if s.__class__ is str else not blank(s))  # text: blank's own test, briefly
                    or g == g or bool(c) or (scol is not None and (r, scol) in table.sheet.errors)  # g == g: not NaN
                    for r, s, g, c in zip(row_idx, status_raw, progress, comments)]
        if row_period is not None:  # a long layout: each row is one action's one period
            status_raw = [v if q == p else "" for v, q in zip(status_raw, row_period)]  # each cell checked once
            reported = [q == p for q in row_period]
        elif scol is not None and not all(reported) and table.sheet.book is not None and table.sheet.book.has_status_fills:
            # a status given by its cell's colour alone (a quarter rated in fills, no words): reported too
            fills = table.sheet.fills([(r, scol) for r, done in zip(row_idx, reported) if not done])
            reported = [done or ((r, scol) in fills and scale.from_colour(fills[(r, scol)]) is not None) for r, done in zip(row_idx, reported)]
        if single is None and row_period is None and not any(reported):
            table.report.add(table.cell(cmap.header_row, scol if scol is not None else pcol), "status", "",
                             f"nothing reported for {period_text(p, cadence)} yet: not read", "info")
            continue
        if scol is not None:
            status = status_column(table, row_idx, scol, status_raw, answer_scale(scale, cmap.headers.get(scol, ""), opts), "status", blank=None)
            comments = with_remarks(table, row_idx, scol, comments)
            said_as = _own_words(scale, status_raw)
        else:
            status = [""] * n
            said_as = [""] * n
        keep = []
        complete = scale.complete  # a list made afresh each time it is asked for
        done_rated: list[int] = []  # 100% complete, its status a rating of how it went ('G'): Complete, said once below
        for i, r in enumerate(row_idx):
            if not reported[i]:
                keep.append(False)
                continue
            keep.append(True)
            if status[i] in ("", None) and blank(status_raw[i]) and (scol is None or (r, scol) not in table.sheet.errors):
                if progress[i] == 100:
                    status[i] = "Complete"
                    note = "100% complete with no status: read as Complete"
                elif progress[i] == 0 and scol is None:
                    status[i] = "Not started"
                    note = "0% complete with no status: read as Not started"
                elif scol is None and 0 < progress[i] < 100 and "Open" in scale.names:
                    # a highlight report's '% complete' and nothing else: under way, and nothing says how well, so never
                    # a rating perfkit makes up (and never No data, which the sheet does not say)
                    status[i] = "Open"
                    note = "part complete (between 0% and 100%) with no status: read as Open, under way and unrated"
                else:
                    status[i] = "No data"
                    note = "no status given: recorded as No data"
                where = table.cell(r, scol if scol is not None else pcol)
                table.report.add(where, "status", "", f"{note} ({period_text(p, cadence)})", "info" if note.startswith(("100", "0%", "part")) else "warning")
            elif status[i] in complete and not np.isnan(progress[i]) and progress[i] < 100:
                table.report.add(table.cell(r, pcol), "progress", progress[i], f"status {status[i]} but {progress[i]:g}% complete: both kept as given", "info")
            elif (progress[i] == 100 and status[i] and status[i] in scale.names and scale[status[i]].rank is not None and complete
                  and status[i] not in complete):  # 'B' at 100% is Complete already: nothing to say of it
                status[i] = complete[0]  # done, whatever its RAG still says of how it went: never counted overdue
                done_rated.append(i)
        if done_rated:
            table.report.add(table.column_range(pcol, [row_idx[i] for i in done_rated]), "status", "100%",
                             f"{len(done_rated)} action{'s' * (len(done_rated) != 1)} at 100% complete with a status that rates how "
                             f"{'they' if len(done_rated) > 1 else 'it'} went ({', '.join(sorted({text(status_raw[i]) for i in done_rated}))}): "
                             f"read as {complete[0]} for {period_text(p, cadence)}", "info")
        dropped = [r for r, k in zip(row_idx, keep) if not k]
        if dropped and len(dropped) < n and row_period is None:
            table.report.add(table.sheet.name, "status", "",
                             f"{len(dropped)} action{'s' * (len(dropped) != 1)} with nothing for {period_text(p, cadence)} (row{'s' * (len(dropped) != 1)} "
                             f"{', '.join(str(r + 1) for r in dropped[:8])}{'...' if len(dropped) > 8 else ''}): not in that period",
                             "info")
        src_col = scol if scol is not None else pcol
        k = np.array(keep, dtype=bool)
        frame = pd.DataFrame({
            **{name: np.asarray(values, dtype=object)[k] for name, values in static.items() if name != "due_date"},
            "due_date": due[k],
            **({"original_due_date": first_due[k]} if first_due is not None else {}),
            "status": np.asarray(status, dtype=object)[k],
            "progress": np.asarray(progress, dtype=float)[k],
            "commentary": np.asarray(comments, dtype=object)[k],
            "source": np.asarray(table.cells(row_idx, src_col), dtype=object)[k],
            "reported_as": np.asarray(said_as, dtype=object)[k],
        })
        frame["period"] = pd.PeriodIndex([p], freq=FREQ).repeat(int(k.sum()))  # one period, checked once
        records.append(frame)
    id_col = cmap.fields.get("action_id", cmap.fields.get("action"))
    keys = ident if row_period is None else list(zip(ident, row_period))
    check_duplicate_keys(table, keys, row_idx, id_col, "action_id")
    if records:
        out = pd.concat(records, ignore_index=True)
    else:
        out = pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS + optional})
        out["period"] = pd.PeriodIndex([], freq=FREQ)
        out["progress"] = out["progress"].astype(float)
        out["due_date"] = pd.to_datetime(out["due_date"])
    out["cadence"] = cadence
    out["status"] = pd.Categorical(out["status"].where(out["status"].notna(), None), dtype=scale.dtype)
    for c in ("action_id", "action", "group", "group_path", "lead", "commentary", "source", *optional):
        out[c] = out[c].astype("str") if len(out) else out[c]
    cols = COLUMNS[:4] + optional + COLUMNS[4:]
    if "original_due_date" in out:
        cols.insert(cols.index("due_date") + 1, "original_due_date")
    if "reported_as" in out and out["reported_as"].astype(bool).any():  # the plan's own word where perfkit's status only nears it
        cols.append("reported_as")
        out["reported_as"] = out["reported_as"].astype("str")
    out = out[cols]
    out.attrs["scale"] = scale.name
    out.attrs["cadence"] = cadence
    if "group" in cmap.fields:
        out.attrs["group_noun"] = group_noun_of(cmap.headers.get(cmap.fields["group"], ""))
    elif "priority" in cmap.fields:  # 'Theme' over the actions' groups: the plan's own word for them, never "group"
        out.attrs["group_noun"] = group_noun_of(cmap.headers.get(cmap.fields["priority"], ""))
    if made:
        out.attrs["generated_ids"] = ident
    return out


# Words that write a status as its colour or letter: the status's own name says it as well.
def _key_of(word: str) -> str:
    """A status word as the scale compares it, near enough: lower case, letters only ('Not started' and 'Not-started')."""
    return "".join(ch for ch in word.lower() if ch.isalpha())


_COLOUR_ONLY = frozenset({"red", "r", "amber", "a", "green", "g", "blue", "b", "yellow", "y", "red/amber", "amber/red", "r/a", "a/r",
                          "amber/green", "green/amber", "a/g", "g/a", "c"})


# The plan's own word for an action late: 'Overdue', 'Late', 'Past due' (kept as its word: perfkit.analyse.actions)
MARKED_LATE = re.compile(r"(?i)^(?:overdue|late|past\s+due)\b")


def _own_words(scale, raw: list) -> list[str]:
    """The plan's own word for each status that only roughly says an action's state ('In progress', 'Partially
    implemented', read as On track): kept beside the status so that tables show what the plan said, never an overdue
    action 'On track'. Empty where the word is the status's own, a colour or a letter."""
    out = []
    seen: dict = {}
    for v in raw:
        if v.__class__ is not str:
            out.append("")
            continue
        if v not in seen:
            word = " ".join(v.split())
            # 'Overdue' is Behind schedule, but says more: kept, so that the page can say what the plan marked overdue;
            # a plan's own short word for a status ('Delayed', 'Significantly delayed', 'Behind plan') is kept too, so
            # that the page says what the plan said, never the scale's 'Behind schedule' for it
            own = (scale.normalise(word) is not None and len(word.split()) <= 3 and len(word) > 2
                   and _key_of(word) not in {_key_of(n) for n in scale.names})
            seen[v] = word if (scale.folded(word) or MARKED_LATE.match(word) or own) and word.lower() not in _COLOUR_ONLY else ""
        out.append(seen[v])
    return out


def group_noun_of(header: str) -> str:
    """What a plan's group column calls its groups, as a heading says it.

    Examples
    --------
    >>> group_noun_of("Audit title"), group_noun_of("Work stream"), group_noun_of("LGA recommendation"), group_noun_of("Theme")
    ('audit', 'workstream', 'recommendation', 'theme')
    >>> group_noun_of("Strategic priority"), group_noun_of("Group / category (see key)")
    ('strategic priority', 'group')
    """
    h = normalise_header(header)
    for word, noun in (("audit", "audit"), ("recommendation", "recommendation"), ("work stream", "workstream"), ("workstream", "workstream"),
                       ("improvement", "improvement area")):
        if word in h:
            return noun
    if "rec" in h.split():  # "Rec": an inspection's recommendation, by its number
        return "recommendation"
    if re.fullmatch(r"[a-z]+(?: [a-z]+)?", h) and h not in ("group", "groups", "category", "type", "area"):
        return h.removesuffix("s") if h.endswith("s") and not h.endswith("ss") else h  # "Theme", "Strategic priority": its own word
    return "group"


def _long_periods(table: Table, data, cadence: str | None) -> tuple[list, str]:
    """Each row's period in a long layout (a ``Period`` column): ``2024/25 H1``, ``H2`` with a year, ``Sep 2024``, a date.

    Months are read as half-years or quarters as month headers are (see :func:`action_spans`), said aloud.
    """


    rows, cmap = table.sheet.rows, table.cmap
    col, year_col = cmap.fields["period"], cmap.fields.get("year")
    spans: list = []
    for r, _ in data:
        v = get(rows[r], col)
        try:
            if isinstance(v, (_dt.date, pd.Timestamp)):
                q = parse_span(pd.Timestamp(v)).end
                span = Span("month", q, q)
            else:
                fy = find_financial_year(text(get(rows[r], year_col))) if year_col is not None else None
                span = resolve_token(text(v), fy or table.year)
        except PeriodError as exc:
            table.report.add(table.cell(r, col), "period", v, f"period not understood: {exc.args[0]}")
            span = None
        spans.append(span)
    ids = [text(get(rows[r], cmap.fields.get("action_id", cmap.fields.get("action")))) for r, _ in data]
    months = [(i, s) for i, s in enumerate(spans) if s is not None and s.kind == "month"]
    if cadence is None:
        named = {s.kind for s in spans if s is not None and s.kind != "month"}
        if named == {"quarter"}:
            cadence = "quarter"
        elif months:
            halves = [(ids[i], _half_of(s).end) for i, s in months]
            cadence = "half" if len(set(halves)) == len(halves) else "quarter"
        else:
            cadence = "half" if named == {"half"} else "quarter"
    if months:
        table.report.add(table.column_range(col, [data[i][0] for i, _ in months]), "period", "",
                         f"months in the period column read as the {'half-year (April–September H1, October–March H2)' if cadence == 'half' else 'quarter'} "
                         f"they fall in, as the plan is monitored {'six-monthly' if cadence == 'half' else 'quarterly'}", "info")
    out = []
    for s in spans:
        if s is None:
            out.append(None)
        elif s.kind == "month" or (cadence == "half" and s.kind == "quarter" and s.end.quarter in (2, 4)):
            out.append(_half_of(s).end if cadence == "half" else s.end)
        else:
            out.append(s.end)
    return out, cadence


def _single_span(table: Table, period, fixed: bool = False) -> Span:
    """The period of a plan with one status column: a half-year or quarter its title names (or the column beside its
    status), else ``period=``. ``period`` never relabels a sheet that names its own: it chooses what to report; only
    the sheet's own ``period`` in perfkit.toml (``fixed``) does."""
    if period is not None and fixed:
        return parse_span(period)
    if period is not None:
        try:
            own = _own_span(table)
        except LayoutError:
            return parse_span(period)
        asked = parse_span(period)
        if own.end != asked.end:
            table.report.add(table.sheet.name, "period", str(period),
                             f"--period {period} chooses the period to report; sheet {table.sheet.name!r} names its own, {own.label}, "
                             f"and is read as that; if it is wrong, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] "
                             f"period = \"{asked.label}\"", "info")
        return own
    return _own_span(table)


def _own_span(table: Table) -> Span:
    """The period a one-status plan names itself: a half-year or quarter in its title, sheet or file name, or beside it."""
    for src in (table.title, table.sheet.name, table.path.stem.replace("_", " ")):
        m = re.search(r"(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\s*,?\s*(?:h|half)\s*[12]|(?:h|half)\s*[12]\s*,?\s*(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}", src.lower())
        if m:
            return parse_span(m.group(0))
    try:
        return single_period(table, None)
    except LayoutError:
        beside = _beside(table)
        if beside is None:
            raise
        return beside


_MID_YEAR = re.compile(r"(?i)\b(?:mid[\s-]?year|half[\s-]?year(?:ly)?|six[\s-]?month(?:ly)?)\b(?:\s+(?:review|update|report|position))?")


def _beside(table: Table) -> Span | None:
    """The period of a one-status plan from the columns beside its status: ``Progress at September 2024`` names the
    half-year (or quarter) it is for, and so the status's; said aloud. None where they name none, or several."""
    cmap = table.cmap
    spans = token_spans(table)
    ends = {(s.kind, s.end) for pc in cmap.period_columns if (s := spans.get(pc.col)) is not None}
    if len(ends) != 1:
        return None
    (kind, end), = ends
    pc = next(pc for pc in cmap.period_columns if pc.col in spans)
    span = spans[pc.col]
    half = kind == "month" and end.quarter in (2, 4) and (
        _MID_YEAR.search(table.title or "") or _MID_YEAR.search(table.sheet.name) or end.month in (9, 3))
    span = _half_of(span) if half else Span("quarter", span.start, span.end) if kind == "month" else span
    table.report.add(table.cell(cmap.header_row, pc.col), "period", pc.header,
                     f"the sheet's one status column read as {span.label}, the period its column {pc.header!r} names; if it "
                     f"reports another, say so in perfkit.toml: [sheets.\"{table.sheet.name}\"] period = \"{span.label}\"", "info")
    return span


# ---------------------------------------------------------------------------------------------- reading


@without_collector  # as read_kind: a read's cost is its own (perfkit.core.collector)
def read_actions(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale | None = None, header_row=None,
                 config=None, *, cadence: str | None = None, report_only: bool = False):
    """Read an action plan (improvement plan, objective update) into the tidy actions frame.

    Every sheet whose header fits an action plan is read, even where it would also
    fit a milestones tracker equally well (``read_workbook`` gives such a sheet to
    milestones unless ``perfkit.toml`` says ``kind = "actions"``).

    Parameters
    ----------
    path : str or Path
        An .xlsx, .xlsm, .xls, .ods or .csv file.
    sheet : str or int, optional
        The sheet to read; by default every sheet whose header fits.
    columns : dict, optional
        Extra header mappings, ``{"Header as typed": "field"}`` or ``"field@period"``
        (``{"Oct position": "status@2024/25 H1"}``); fields are those of the frame.
    year : str or int, optional
        The financial year for month and quarter headers that name none.
    period : str, optional
        The period of a plan with one status column (``"2024/25 H2"``), if no title names it.
    scale : StatusScale, optional
        Default :data:`ACTION_SCALE` (with ``perfkit.toml``'s ``[status.words]``).
    header_row : int, optional
        The 1-based header row, if perfkit should not look for it.
    config : str, Path, dict or False, optional
        Settings (``perfkit.toml``); by default the file beside the workbook, if any.
    cadence : {"half", "quarter"}, optional
        How month headers are read; by default six-monthly where no half-year has two
        month columns for one field, else quarterly. Said aloud either way.

    Returns
    -------
    pandas.DataFrame
        One row per action per period; warnings in ``attrs["problems"]``.

    Examples
    --------
    >>> acts = read_actions("data/raw/improvement_plan.xlsx")  # doctest: +SKIP
    >>> action_summary(acts, "2024/25 H2").to_dict()["overdue"]  # doctest: +SKIP
    """

    kwargs = dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config)
    opts = options(path, **kwargs)
    book = open_workbook(path, opts.config)
    try:
        plans = survey(book, opts)
        mine = {p.name: p for p in survey(book, opts, kinds=["actions"]) if p.kind == "actions"}
        # A sheet that fits actions as well as milestones is an action plan when actions are asked for.
        plans = [mine[p.name] if p.kind == "milestones" and p.name in mine and opts.config.sheet(p.name).kind is None else p for p in plans]
        return read_kind("actions", path, report_only, {**kwargs, "extra": {"cadence": cadence}}, plans=plans, book=book)
    finally:
        book.forget_sheets()  # its sheets hold it: let them go with it (Workbook.forget_sheets)


ACTIONS = KindSpec(
    name="actions",
    noun="action",
    headers={
        "action_id": ["ref", "reference", "id", "no", "number", "ref no", "action ref", "action no", "action id", "action number",
                      "action reference", "code", "item", "item no", "rec no", "action code", "rec ref", "rec reference",
                      "recommendation ref", "recommendation reference", "recommendation no", "rec number", "recommendation number",
                      "finding ref", "finding no", "audit ref", "crmp ref", "plan ref", "project no", "min ref", "minute ref",
                      "minute no", "minute number", "minute reference", "min no", "mins no", "min number", "minute", "min"],
        "action": ["action", "actions", "action description", "description", "key action", "agreed action", "agreed actions",
                   "actions agreed", "proposed action", "action required", "actions required", "improvement action",
                   "action to be taken", "actions to be taken", "what we will do", "activity", "activities", "task", "title",
                   "milestone", "deliverable", "commitment", "action milestone", "milestones", "key milestones", "key actions", "key activity", "key activities",
                   "key deliverable", "key deliverables", "management response", "agreed management action", "management action",
                   "management actions", "agreed management actions", "agreed management response", "what", "what will we do", "what we are doing",
                   "action agreed", "agreed action", "agreed actions", "actions agreed",
                   "we will", "we will do", "what we will", "we will deliver", "we are going to",
                   # an audit log's one column for the recommendation and what is done about it
                   "recommendation action", "action recommendation", "recommendation and action", "recommendation or action",
                   "recommendation and agreed action", "finding action", "finding and action", "issue action", "issue and action"],
        "group": ["recommendation", "recommendations", "rec", "peer challenge recommendation", "lga recommendation",
                  "recommendation title", "workstream", "work stream", "area of improvement", "improvement area",
                  "audit", "audit title", "audit name", "audit area", "audit report", "audit review",
                  # an external auditor's annual report: its recommendations numbered afresh each year (KR1, IR1...)
                  "audit year", "year of audit", "audit report year", "audit period", "report year", "year of report",
                  # a scrutiny committee's recommendations tracker: the review (task and finish group) that made them
                  "review", "scrutiny review", "review title", "task and finish review", "task and finish group"],
        "due_date": ["due date", "target date", "deadline", "due", "completion date", "target completion date", "end date", "end", "finish date", "planned finish",
                     "date due", "due by", "target completion", "timescale", "timescales", "delivery date", "by when",
                     "target", "target timescale", "completion by", "when", "when by"],
        "original_due_date": ORIGINAL_DATE_HEADERS,
        "revised_due_date": REVISED_DATE_HEADERS,
        "status": ["status", "rag", "rag status", "progress status", "overall status", "current status", "rating", "traffic light",
                   "rag rating", "delivery status", "action status", "brag", "brag status", "brag rating", "where are we", "where we are", "where are we now", "how are we doing",
                   "done", "completed", "implemented", "actioned", "implementation status", "implementation progress",
                   "delivery rag", "overall rag", "action rag", "overall rag status"],
        "progress": ["% complete", "percent complete", "percentage complete", "% completed", "progress %", "% progress",
                     "completion %", "percentage progress", "% done", "complete %", "per cent complete", "progress percentage",
                     "% achieved", "percentage completed", "progress % complete"],
        **SHARED_HEADERS,
        "lead": [*SHARED_HEADERS["lead"], "lead officer s", "lead s", "responsible officer s", "owner s", "lead member", "action lead",
                 "project manager", "project lead", "manager", "service manager", "lead manager"],
        "commentary": [*SHARED_HEADERS["commentary"], "progress to date", "progress made", "update on action", "status update",
                       "progress commentary", "commentary on progress"],
    },
    required=("action",),
    values=("status", "progress"),
    period_fields=("status", "progress", "commentary"),
    bare_period_field="status",
    key_field="action",
    id_field="action_id",
    id_prefix="A",
    status_field="status",
    carried=(*CARRIED, "group"),
    numeric_fields=("progress",),
    describe="an action column and a status or % complete column",
    build=build_actions,
    status_scale=action_scale,
)



