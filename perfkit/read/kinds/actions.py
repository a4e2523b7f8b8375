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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import spec as _kinds
from ..columns import resolve_token, token_month
from ...core.errors import ConfigError, LayoutError, PeriodError
from ..spec import CARRIED, SHARED_HEADERS, KindSpec
from ..layout import Table, blank, data_rows, get, ids as layout_ids, text
from ...core.numbers import parse_number
from ...core.periods import FREQ, Span, parse_span, period_label
from ...core.status import AMBER, BLUE, GREEN, INK, RED, UNRATED, Status, StatusScale

# ---------------------------------------------------------------------------------------------- the kind

ACTION_SCALE = StatusScale(
    (
        Status("Behind schedule", 0, RED, synonyms=(
            "delayed", "behind", "off track", "offtrack", "not on track", "slipped", "overdue", "significant delay",
            "significantly behind", "red", "r", "red/amber", "amber/red", "r/a", "a/r", "significant issues")),
        Status("At risk", 1, AMBER, INK, synonyms=(
            "at risk", "some slippage", "slippage", "minor slippage", "some delay", "minor delay", "slipping",
            "some issues", "minor issues", "amber", "a", "yellow", "y", "amber/green", "green/amber", "a/g", "g/a")),
        Status("On track", 2, GREEN, synonyms=(
            "on track", "ontrack", "on schedule", "on target", "progressing well", "progressing", "in progress",
            "ongoing", "underway", "under way", "ahead of schedule", "green", "g", "good"), good=True),
        Status("Complete", 3, BLUE, INK, synonyms=(
            "completed", "complete", "done", "achieved", "closed", "delivered", "finished", "implemented", "blue", "b", "c"),
            good=True, complete=True),
        *UNRATED,
    ),
    name="actions",
    # RAG words and words that only roughly say an action's state: read, and said aloud once per word.
    approximate=("red", "r", "red/amber", "amber/red", "r/a", "a/r", "amber", "a", "yellow", "y", "amber/green",
                 "green/amber", "a/g", "g/a", "green", "g", "in progress", "ongoing", "underway", "under way", "progressing"),
)
"""Statuses of actions, worst to best, then the unrated ones; RAG words fold onto them (Red is Behind schedule)."""

# What the default scale's names are on the action scale, for [status.words] written for RAG.
RAG_TO_ACTION = {"Red": "Behind schedule", "Amber": "At risk", "Green": "On track"}

ACTIONS = KindSpec(
    name="actions",
    noun="action",
    headers={
        "action_id": ["ref", "reference", "id", "no", "number", "ref no", "action ref", "action no", "action id", "action number",
                      "action reference", "code", "item", "item no", "rec no", "action code"],
        "action": ["action", "actions", "action description", "description", "key action", "agreed action", "agreed actions",
                   "actions agreed", "proposed action", "action required", "actions required", "improvement action",
                   "action to be taken", "actions to be taken", "what we will do", "activity", "activities", "task", "title",
                   "milestone", "deliverable", "commitment", "action milestone"],
        "group": ["recommendation", "recommendations", "peer challenge recommendation", "lga recommendation",
                  "recommendation title", "workstream", "work stream", "area of improvement", "improvement area"],
        "due_date": ["due date", "target date", "deadline", "due", "completion date", "target completion date", "end date",
                     "date due", "due by", "target completion", "timescale", "timescales", "delivery date", "by when",
                     "target", "target timescale", "completion by"],
        "status": ["status", "rag", "rag status", "progress status", "overall status", "current status", "rating",
                   "rag rating", "delivery status", "action status"],
        "progress": ["% complete", "percent complete", "percentage complete", "% completed", "progress %", "% progress",
                     "completion %", "percentage progress", "% done", "complete %", "per cent complete", "progress percentage",
                     "% achieved", "percentage completed", "progress % complete"],
        **SHARED_HEADERS,
        "lead": [*SHARED_HEADERS["lead"], "lead officer s", "lead s", "responsible officer s", "owner s", "lead member", "action lead"],
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
)

_kinds.register(ACTIONS)

COLUMNS = ["action_id", "action", "group", "group_path", "lead", "due_date", "period", "status", "progress", "commentary", "source", "cadence"]
OPTIONAL = ["priority", "objective", "strategy", "tactic", "directorate"]

# Section rows: "Recommendation 1: ...", "Strategy 2 - ...", "Objective 1", "Tactic 1.2: ...", "1. ...", "1.2 ...".
_LABELLED = re.compile(
    r"^\s*(?P<label>council\s+plan\s+priority|priority|theme|outcome|ambition|objective|recommendation|workstream|"
    r"strategy|tactic|activity|section|area)s?\s*(?P<num>\d+(?:\.\d+)*[a-z]?|[ivx]+)?\s*(?:[:.\-–—)]|$)",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*)[.)]?\s+(?=\D)")
# Depth of each labelled level: lower is nearer the top of the plan.
_RANK = {"priority": 0, "theme": 0, "outcome": 0, "ambition": 0, "objective": 1, "recommendation": 2, "workstream": 2,
         "section": 2, "area": 2, "strategy": 2, "tactic": 3, "activity": 4}
# Levels that are the golden thread's own columns.
_THREAD = {"priority": "priority", "council plan priority": "priority", "theme": "priority", "outcome": "priority",
           "ambition": "priority", "objective": "objective", "strategy": "strategy", "tactic": "tactic"}


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
    import calendar

    return calendar.month_name[month] if 1 <= month <= 12 else "its month"


def _half_of(span: Span) -> Span:
    """The half-year a month (or quarter) falls in."""
    end = span.end
    q_end = 2 if end.quarter <= 2 else 4
    last = end + (q_end - end.quarter)
    return Span("half", last - 1, last)


def action_spans(table: Table, cadence: str | None = None) -> tuple[dict[int, Span], str]:
    """Resolve an action plan's period columns; month headers are read as half-years or quarters.

    A plan monitored six-monthly heads its columns by month (``Status at Sep 2024``,
    ``Progress at March 2025``, ``October update``): where no field has two month
    columns in one half-year, each month is read as the half-year it falls in
    (April–September H1, October–March H2); otherwise, as the engine does, as the
    quarter it falls in. ``cadence`` (``"half"`` or ``"quarter"``) says which, and
    each choice is reported. Returns the spans by column and the cadence.
    """
    from ..layout import token_spans

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
            f"column {pc.header!r} read as {new.label}, the {what} its month falls in, as the plan is monitored {how}"
            + (f"; {month_name(month)} does not end a half-year, so if it reports on the half-year before, map it "
               f"(e.g. \"{pc.header}\" = \"{pc.field}@{_half_of(Span('half', new.start - 2, new.end - 2)).label}\")" if lag else ""),
            "warning" if lag else "info",
        )
        spans[pc.col] = new
    clash = {k: v for k, v in by_field.items() if len(v) > 1}
    if clash:
        cols = sorted(c for v in clash.values() for c in v)
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} has several month columns for one period "
            f"({', '.join(repr(cmap.headers[c]) for c in cols[:6])}); perfkit does not fold months together unasked.",
            hint="Map the column that stands for each period, e.g. --map 'Sep-24=status@2024/25 H1', and the others to \"ignore\".",
        )
    if cadence == "half":
        for pc in cmap.period_columns:
            s = spans.get(pc.col)
            if s is not None and s.kind == "quarter" and s.end.quarter in (2, 4):
                spans[pc.col] = _half_of(s)
    return spans, cadence


# ---------------------------------------------------------------------------------------------- groups


def _heading_level(raw: str) -> tuple[str, int, str]:
    """(level name, rank, text) of a section row: ``Strategy 2 - Homes`` -> ('strategy', 2, 'Strategy 2 - Homes')."""
    t = text(raw)
    m = _LABELLED.match(t)
    if m:
        label = " ".join(m["label"].lower().split())
        key = "priority" if label == "council plan priority" else label
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
    hi = 0
    for r, _ in data:
        while hi < len(headings) and headings[hi].row < r:
            h = headings[hi]
            level, rank, label = _heading_level(get(rows[h.row], h.col))
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
        ws = book._load_openpyxl()[table.sheet.name]
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


def _progress(table: Table, col: int, row_idx: list[int]) -> list[float]:
    """One column of % complete: cells formatted as percentages as Excel shows them; fractions of 1 said aloud."""
    rows = table.sheet.rows
    raw = [get(rows[r], col) for r in row_idx]
    pct = table.sheet.percent_cells(row_idx, [col]) if any(isinstance(v, float) and 0 < v <= 1.5 for v in raw) else set()
    values: list[float] = []
    plain_fraction = []
    for r, v in zip(row_idx, raw):
        if (r, col) in table.sheet.errors:
            table.report.add(table.cell(r, col), "progress", table.sheet.errors[(r, col)], f"formula error {table.sheet.errors[(r, col)]} in % complete")
            values.append(np.nan)
            continue
        p = parse_number(v)
        if p.missing == "text":
            table.report.add(table.cell(r, col), "progress", v, f"% complete {text(v)!r} is not a number")
            values.append(np.nan)
            continue
        if p.value is None:
            values.append(np.nan)
            continue
        x = p.value
        if (r, col) in pct:
            x = x * 100
        elif p.unit != "%" and isinstance(v, (int, float)):
            plain_fraction.append(len(values))
        values.append(x)
    if plain_fraction and all(0 <= values[i] <= 1 for i in plain_fraction) and any(0 < values[i] < 1 for i in plain_fraction):
        for i in plain_fraction:
            values[i] = values[i] * 100
        table.report.add(table.column_range(col, [row_idx[i] for i in plain_fraction]), "progress", "",
                         "% complete given as fractions of 1 (0.5) without a percentage format: read as percentages (50%)", "warning")
    for r, x in zip(row_idx, values):
        if not np.isnan(x) and not 0 <= x <= 100:
            table.report.add(table.cell(r, col), "progress", x, f"% complete {x:g} is not between 0 and 100")
    return [x if np.isnan(x) or 0 <= x <= 100 else np.nan for x in values]


# ---------------------------------------------------------------------------------------------- the builder


def build_actions(table: Table, opts, id_offset: int = 0) -> pd.DataFrame:
    """Turn a located action-plan table into the tidy actions frame (see the module's docstring)."""
    from ..layout import clean as _clean
    from ..engine import _check_duplicate_keys, _due_dates, _strip, status_column

    cmap, rows = table.cmap, table.sheet.rows
    scale = action_scale(opts)
    data = data_rows(table)
    spans, cadence = action_spans(table, getattr(opts, "cadence", None))
    _progress_columns(table, spans, data)
    per_field: dict[str, dict] = {"status": {}, "progress": {}, "commentary": {}}
    for pc in cmap.period_columns:
        if pc.col in spans and pc.field in per_field:
            per_field[pc.field].setdefault(spans[pc.col].end, pc.col)
    periods = sorted(set(per_field["status"]) | set(per_field["progress"]))
    single = None
    row_period = None
    if not periods and "period" in cmap.fields:
        row_period, cadence = _long_periods(table, data, getattr(opts, "cadence", None))
        periods = sorted({p for p in row_period if p is not None})
        for f in ("status", "progress", "commentary"):
            if f in cmap.fields:
                per_field[f] = {p: cmap.fields[f] for p in periods}
        if not periods:
            raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has a period column but no period in it could be read")
    elif not periods:
        if "status" not in cmap.fields and "progress" not in cmap.fields:
            raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has no status or % complete column",
                              hint="Map one: --map 'Your header=status'.")
        single = _single_span(table, opts.period)
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
    if "action_id" not in cmap.fields:
        ident = [f"A{int(i[1:]) + id_offset:03d}" for i in ident]
    groups = _groups(table, data)
    group_col = cmap.fields.get("group")
    static: dict[str, list] = {
        "action_id": ident,
        "action": _clean([get(rows[r], cmap.fields.get("action")) for r in row_idx]),
        "lead": _clean([get(rows[r], cmap.fields.get("lead")) for r in row_idx]),
        "due_date": _due_dates(table, data, cmap.fields.get("due_date")),
    }
    group, path = [], []
    thread: dict[str, list] = {f: [] for f in OPTIONAL}
    for (r, carried), levels in zip(data, groups):
        names = list(levels.values())
        if group_col is not None and carried.get("group"):
            names = names + [carried["group"]]
        for f in ("objective", "strategy", "tactic"):
            if carried.get(f) and f in cmap.fields and carried[f] not in names:
                names.append(carried[f])
        group.append(names[-1] if names else "")
        path.append(" > ".join(names))
        by_level = {k.split("#")[0]: v for k, v in levels.items()}
        for f in OPTIONAL:
            if f in cmap.fields:
                thread[f].append(carried.get(f, ""))
            else:
                thread[f].append(next((v for k, v in by_level.items() if _THREAD.get(k) == f), ""))
    if any(not g for g in group) and any(group):
        orphans = [r for r, g in zip(row_idx, group) if not g]
        table.report.add(table.column_range(cmap.fields["action"], orphans), "group", "",
                         f"{len(orphans)} action{'s' * (len(orphans) != 1)} above the first section row: no group", "warning")
    static["group"], static["group_path"] = group, path
    optional = [f for f in OPTIONAL if any(thread[f])]
    for f in optional:
        static[f] = thread[f]
    for r, title in zip(row_idx, static["action"]):
        if not title:
            table.report.add(table.cell(r, cmap.fields["action"]), "action", "", "action has no description", "warning")

    records: list[pd.DataFrame] = []
    read_progress: dict[int, list[float]] = {}
    for p in periods:
        scol, pcol = per_field["status"].get(p), per_field["progress"].get(p)
        ccol = per_field["commentary"].get(p, shared_comment if p == latest else None)
        status_raw = [get(rows[r], scol) for r in row_idx] if scol is not None else [""] * n
        if pcol is not None and pcol not in read_progress:  # a long layout's one column is read once
            read_progress[pcol] = _progress(table, pcol, row_idx)
        progress = read_progress[pcol] if pcol is not None else [np.nan] * n
        comments = _strip([get(rows[r], ccol) for r in row_idx]) if ccol is not None else [""] * n
        reported = [not blank(s) or not np.isnan(g) or bool(c) or (scol is not None and (r, scol) in table.sheet.errors)
                    for r, s, g, c in zip(row_idx, status_raw, progress, comments)]
        if row_period is not None:  # a long layout: each row is one action's one period
            status_raw = [v if q == p else "" for v, q in zip(status_raw, row_period)]  # each cell checked once
            reported = [q == p for q in row_period]
        if single is None and row_period is None and not any(reported):
            table.report.add(table.cell(cmap.header_row, scol if scol is not None else pcol), "status", "",
                             f"nothing reported for {period_text(p, cadence)} yet: not read", "info")
            continue
        if scol is not None:
            status = status_column(table, row_idx, scol, status_raw, scale, "status", blank=None)
        else:
            status = [""] * n
        keep = []
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
                else:
                    status[i] = "No data"
                    note = "no status given: recorded as No data"
                where = table.cell(r, scol if scol is not None else pcol)
                table.report.add(where, "status", "", f"{note} ({period_text(p, cadence)})", "info" if note.startswith(("100", "0%")) else "warning")
            elif status[i] in scale.complete and not np.isnan(progress[i]) and progress[i] < 100:
                table.report.add(table.cell(r, pcol), "progress", progress[i], f"status {status[i]} but {progress[i]:g}% complete: both kept as given", "info")
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
            "due_date": pd.to_datetime(pd.Series(static["due_date"], dtype=object)).astype("datetime64[ns]").to_numpy()[k],
            "status": np.asarray(status, dtype=object)[k],
            "progress": np.asarray(progress, dtype=float)[k],
            "commentary": np.asarray(comments, dtype=object)[k],
            "source": np.asarray([table.cell(r, src_col) for r in row_idx], dtype=object)[k],
        })
        frame["period"] = pd.PeriodIndex([p] * int(k.sum()), freq=FREQ)
        records.append(frame)
    id_col = cmap.fields.get("action_id", cmap.fields.get("action"))
    keys = ident if row_period is None else list(zip(ident, row_period))
    _check_duplicate_keys(table, keys, row_idx, id_col, "action_id")
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
    out = out[cols]
    out.attrs["scale"] = scale.name
    out.attrs["cadence"] = cadence
    if "action_id" not in cmap.fields:
        out.attrs["generated_ids"] = ident
    return out


def _long_periods(table: Table, data, cadence: str | None) -> tuple[list, str]:
    """Each row's period in a long layout (a ``Period`` column): ``2024/25 H1``, ``H2`` with a year, ``Sep 2024``, a date.

    Months are read as half-years or quarters as month headers are (see :func:`action_spans`), said aloud.
    """
    import datetime as _dt

    from ...core.periods import find_financial_year

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


def _single_span(table: Table, period) -> Span:
    """The period of a plan with one status column: ``period=``, else a half-year or quarter named in its title."""
    if period is not None:
        return parse_span(period)
    for src in (table.title, table.sheet.name, table.path.stem.replace("_", " ")):
        m = re.search(r"(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\s*,?\s*(?:h|half)\s*[12]|(?:h|half)\s*[12]\s*,?\s*(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}", src.lower())
        if m:
            return parse_span(m.group(0))
    from ..layout import single_period

    return single_period(table, None)


# ---------------------------------------------------------------------------------------------- reading


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
    from ..engine import _read_kind, options, survey
    from ..workbook import open_workbook

    kwargs = dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config)
    opts = options(path, **kwargs)
    book = open_workbook(path)
    plans = survey(book, opts)
    mine = {p.name: p for p in survey(book, opts, kinds=["actions"]) if p.kind == "actions"}
    # A sheet that fits actions as well as milestones is an action plan when actions are asked for.
    plans = [mine[p.name] if p.kind == "milestones" and p.name in mine and opts.config.sheet(p.name).kind is None else p for p in plans]
    _CADENCE["value"] = cadence
    try:
        return _read_kind("actions", path, report_only, kwargs, plans=plans, book=book)
    finally:
        _CADENCE["value"] = None


# ``cadence=`` travels to the builder through the read (the engine's Options has no field for it).
_CADENCE: dict = {"value": None}


def _builder(table: Table, opts, id_offset: int = 0) -> pd.DataFrame:
    if _CADENCE["value"] is not None:
        opts = _WithCadence(opts, _CADENCE["value"])
    return build_actions(table, opts, id_offset)


class _WithCadence:
    def __init__(self, opts, cadence):
        self._opts, self.cadence = opts, cadence

    def __getattr__(self, name):
        return getattr(self._opts, name)


def _register_builder() -> None:
    from ..engine import register_builder

    register_builder("actions", _builder)


# ---------------------------------------------------------------------------------------------- analysis


def _scale_of(actions: pd.DataFrame) -> StatusScale:
    cats = list(actions["status"].cat.categories) if isinstance(actions["status"].dtype, pd.CategoricalDtype) else []
    if cats == ACTION_SCALE.names or not cats:
        return ACTION_SCALE
    from ...core.status import DEFAULT_SCALE, FIVE_POINT_SCALE

    for scale in (DEFAULT_SCALE, FIVE_POINT_SCALE):
        if cats == scale.names:
            return scale
    return ACTION_SCALE


def cadence_of(actions: pd.DataFrame) -> str:
    """``"half"`` when the plan is monitored six-monthly, else ``"quarter"``."""
    if "cadence" in actions and len(actions):
        return "half" if (actions["cadence"] == "half").all() else "quarter"
    return actions.attrs.get("cadence", "quarter")


def _pick_period(actions: pd.DataFrame, period) -> pd.Period:
    have = sorted(actions["period"].dropna().unique())
    if not have:
        raise ConfigError("the action plan has no reported periods")
    if period is None:
        return have[-1]
    p = parse_span(period).end
    if p not in have:
        cad = cadence_of(actions)
        raise ConfigError(
            f"{period_text(p, cad)} is not in the action plan; its periods are {', '.join(period_text(x, cad) for x in have)}",
            hint="Pass one of those with --period.",
        )
    return p


@dataclass
class ActionSummary:
    """What an action plan says at one period: counts, completion, overdue actions and changes.

    Attributes
    ----------
    period : pandas.Period
        The quarter the period ends in (H2 at Q4); ``label`` writes it (``2024/25 H2``).
    by_status : dict
        Status -> number of actions, every status of the scale, in its order.
    per_group : pandas.DataFrame
        Per group (recommendation, strategy...), in the plan's order: ``total``, ``active`` (not
        superseded, cancelled, deferred or on hold), ``complete``, ``percent_complete``
        (complete / active, half up), ``mean_progress`` and a column per status.
    overdue : pandas.DataFrame
        ``action_id, action, group, lead, due_date, status, days_overdue``: due on or
        before the period's end and neither complete nor closed, most overdue first.
    changes : dict
        Since the previous period in the plan: ``completed``, ``slipped`` (a worse status, or
        behind schedule from not started),
        ``new`` and ``removed``, each a list of references; ``from`` is None when there is none.
    """

    period: pd.Period
    cadence: str
    total: int
    active: int
    complete: int
    by_status: dict
    per_group: pd.DataFrame
    overdue: pd.DataFrame
    mean_progress: float | None
    changes: dict
    scale: StatusScale = field(default=ACTION_SCALE, repr=False)

    @property
    def label(self) -> str:
        return period_text(self.period, self.cadence)

    @property
    def percent_complete(self) -> int | None:
        """Complete actions as a whole-number percentage of active ones (half up)."""
        return _percent(self.complete, self.active)

    def to_dict(self) -> dict:
        """The ``actions`` object of ``perfkit summary --json``."""
        return {
            "period": self.label,
            "total": self.total,
            "active": self.active,
            "complete": self.complete,
            "percent_complete": self.percent_complete,
            "by_status": dict(self.by_status),
            "per_group": {str(r["group"]): {"total": int(r["total"]), "complete": int(r["complete"]), "active": int(r["active"]),
                                            "percent_complete": None if pd.isna(r["percent_complete"]) else int(r["percent_complete"])}
                          for r in self.per_group.to_dict("records")},
            "overdue": list(self.overdue["action_id"]),
            "mean_progress": self.mean_progress,
            "changes": self.changes,
        }


def _percent(n: int, d: int) -> int | None:
    if not d:
        return None
    return (200 * n + d) // (2 * d)  # half up, in integers


def action_summary(actions: pd.DataFrame, period=None, by: str = "group") -> ActionSummary:
    """Counts by status, completion, overdue actions and changes for one period of an action plan.

    Parameters
    ----------
    actions : pandas.DataFrame
        From :func:`read_actions`.
    period : str or pandas.Period, optional
        ``"2024/25 H2"``, ``"2024/25 Q3"``...; by default the latest in the plan.
    by : str
        The grouping for ``per_group`` (default ``group``; ``strategy``, ``lead``...).

    Returns
    -------
    ActionSummary
        Superseded, cancelled, deferred and on-hold actions are counted in ``total`` and
        ``by_status`` but left out of ``active``, the share complete and the mean progress;
        they are never overdue.

    Examples
    --------
    >>> s = action_summary(read_actions("plan.xlsx"), "2024/25 H2")  # doctest: +SKIP
    >>> s.by_status["Complete"], s.percent_complete, list(s.overdue["action_id"])  # doctest: +SKIP
    """
    scale = _scale_of(actions)
    p = _pick_period(actions, period)
    cad = cadence_of(actions)
    now = actions[actions["period"] == p]
    status = now["status"].astype(object)
    complete_words = set(scale.complete)
    closed_words = set(scale.closed)
    is_complete = status.isin(complete_words)
    is_closed = status.isin(closed_words)
    active = ~is_closed
    counts = status.value_counts()
    by_status = {s: int(counts.get(s, 0)) for s in scale.names}
    progress = now.loc[active, "progress"].dropna()
    mean_progress = round(float(progress.mean()), 1) if len(progress) else None

    groups = []
    key = by if by in now else "group"
    for g, part in now.groupby(key, sort=False):
        st = part["status"].astype(object)
        act = ~st.isin(closed_words)
        done = int(st.isin(complete_words).sum())
        prog = part.loc[act, "progress"].dropna()
        row = {"group": g, "total": len(part), "active": int(act.sum()), "complete": done,
               "percent_complete": _percent(done, int(act.sum())), "mean_progress": round(float(prog.mean()), 1) if len(prog) else np.nan}
        vc = st.value_counts()
        row.update({s: int(vc.get(s, 0)) for s in scale.names})
        groups.append(row)
    per_group = pd.DataFrame(groups, columns=["group", "total", "active", "complete", "percent_complete", "mean_progress", *scale.names])
    per_group["percent_complete"] = per_group["percent_complete"].astype("Int64")

    end = p.end_time.normalize()
    due = pd.to_datetime(now["due_date"])
    late = now[(due <= end) & ~is_complete & ~is_closed].copy()
    late["days_overdue"] = (end - pd.to_datetime(late["due_date"])).dt.days.astype(int)
    overdue = late.sort_values("days_overdue", ascending=False, kind="stable")[
        ["action_id", "action", "group", "lead", "due_date", "status", "days_overdue"]].reset_index(drop=True)

    before = sorted(x for x in actions["period"].dropna().unique() if x < p)
    changes: dict = {"from": None, "to": period_text(p, cad), "completed": [], "slipped": [], "new": [], "removed": []}
    if before:
        q = before[-1]
        prev = actions[actions["period"] == q].set_index("action_id")["status"].astype(object)
        cur = now.set_index("action_id")["status"].astype(object)
        changes["from"] = period_text(q, cad)
        for ident, st in cur.items():
            if ident not in prev.index:
                changes["new"].append(ident)
                continue
            old = prev[ident]
            if st in complete_words and old not in complete_words:
                changes["completed"].append(ident)
            r_new, r_old = scale.rank(st), scale.rank(old)
            worst = r_new == 0 and r_old != 0 and old not in complete_words and old not in closed_words
            if (r_new is not None and r_old is not None and r_new < r_old) or worst:
                changes["slipped"].append(ident)
        changes["removed"] = [i for i in prev.index if i not in cur.index]
    return ActionSummary(p, cad, len(now), int(active.sum()), int(is_complete.sum()), by_status, per_group, overdue,
                         mean_progress, changes, scale)


def action_thread(actions: pd.DataFrame, period=None, levels=None) -> pd.DataFrame:
    """The golden thread of an action plan: counts and status mix at every level, top down.

    Uses :func:`perfkit.analyse.summarise.golden_thread` over the plan's levels (by default
    whichever of ``priority``, ``objective``, ``strategy`` and ``tactic`` it has, else
    its ``group``), on the plan's own scale. ``good_percent`` is On track or Complete
    as a share of the rated actions.

    Examples
    --------
    >>> action_thread(read_actions("objective_update.xlsx"), "2024/25 Q2")  # doctest: +SKIP
    """
    from ...analyse.summarise import golden_thread

    p = _pick_period(actions, period)
    frame = actions
    if levels is None:
        levels = [c for c in ("priority", "objective", "strategy", "tactic") if c in frame and frame[c].astype(str).str.len().gt(0).any()]
        if not levels:
            levels = ["group"]
    return golden_thread(frame, p, levels=levels, scale=_scale_of(actions))


# ---------------------------------------------------------------------------------------------- the briefing


def _section(ident: str, title: str, body: str) -> str:
    from ...present.narrative import escape

    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(title)}</h2>\n{body}\n</section>'


def _group_noun(actions: pd.DataFrame) -> str:
    """What the plan's groups are called (``recommendation``, ``strategy``...), from their labels."""
    words = [_heading_level(g)[0] for g in actions["group"].unique() if g]
    named = [w for w in words if w != "section"]
    return max(set(named), key=named.count) if named else "group"


def actions_header(title: str, actions: pd.DataFrame, period=None, published=None, workbook: str | None = None) -> str:
    """The title block of an action-plan briefing (``Improvement plan: progress at 2024/25 H2``), with the contents mark."""
    from ...present.briefing import published_day
    from ...present.narrative import escape
    from ...publish.notebook import CONTENTS_MARK

    p = _pick_period(actions, period)
    cad = cadence_of(actions)
    published = published_day(published)
    start = (p - (1 if cad == "half" else 0)).start_time
    covers = f"{start:%B %Y} to {p.end_time:%B %Y}"
    src = f" Figures from <code>{escape(Path(workbook).name)}</code>." if workbook else ""
    return (f'<header class="briefing-header"><h1>{escape(title)}: progress at {escape(period_text(p, cad))}</h1>'
            f'<p class="meta">Actions monitored {"six-monthly" if cad == "half" else "quarterly"}, {escape(covers)}. '
            f"Published {published.day} {published:%B %Y}.{src}</p></header>\n{CONTENTS_MARK}")


def actions_section(actions: pd.DataFrame, period=None, title: str = "Action plan") -> str:
    """The briefing's action-plan section: narrative, per-group progress chart and table, overdue actions, changes.

    ``period`` may be a half-year (``"2024/25 H2"``) or a quarter. For a quarterly
    briefing, give the quarter: a plan monitored six-monthly is shown at the latest of
    its periods up to that quarter, and the section says which.

    Examples
    --------
    >>> from IPython.display import HTML  # doctest: +SKIP
    >>> HTML(actions_section(read_actions("plan.xlsx"), "2024/25 H2"))  # doctest: +SKIP
    """
    from ...present import charts
    from ...present import narrative
    from ...present import tables

    p = _latest_up_to(actions, period)
    s = action_summary(actions, p)
    noun = _group_noun(actions)
    asked = "" if period is None or parse_span(period).end == p else (
        f"<p>The action plan is monitored {'six-monthly' if s.cadence == 'half' else 'quarterly'}; its latest position up to "
        f"{narrative.escape(period_label(parse_span(period).end))} is at {narrative.escape(s.label)}.</p>")
    body = asked + f"<p>{narrative.escape(narrative.actions_paragraph(s))}</p>"
    changes = narrative.action_changes_paragraph(s)
    if changes:
        body += f"<p>{narrative.escape(changes)}</p>"
    chart = charts.action_progress_chart(s, f"Actions by status in each {noun}, {s.label}")
    body += f"<h3>Progress by {narrative.escape(noun)}</h3>\n" + chart.to_html()
    body += tables.action_group_table(s, f"Actions by {noun} and status, {s.label} (the chart's figures)", noun.capitalize())
    body += "<h3>Overdue actions</h3>\n" + f"<p>{narrative.escape(narrative.overdue_paragraph(s))}</p>"
    body += tables.action_overdue_table(s, f"Overdue actions at the end of {s.label}, most overdue first")
    return _section("actions", title, body)


def actions_appendix(actions: pd.DataFrame, period=None, title: str = "Appendix: every action") -> str:
    """The full action list at a period, one table per group (recommendation, strategy...), in the plan's order."""
    from ...present import tables

    p = _latest_up_to(actions, period)
    s = action_summary(actions, p)
    body = f"<p>Every action in the plan at {s.label}, grouped by {_group_noun(actions)}, with its latest commentary.</p>"
    body += tables.action_list_tables(actions, p, s.scale, s.label)
    return _section("actions-appendix", title, body)


def actions_thread_section(actions: pd.DataFrame, period=None) -> str:
    """Progress rolled up the golden thread (objective > strategy > tactic), where the plan has those levels; else nothing."""
    from ...present import tables
    from ...present.narrative import escape

    if not any(c in actions and actions[c].astype(str).str.len().gt(0).any() for c in ("objective", "strategy", "tactic")):
        return ""
    p = _latest_up_to(actions, period)
    scale = _scale_of(actions)
    thread = action_thread(actions, p)
    statuses = [c for c in scale.names if c in thread.columns]
    rows = []
    for r in thread.to_dict("records"):
        pct = "" if pd.isna(r["good_percent"]) else f"{r['good_percent']}%"
        cells = "".join(f'<td class="num">{r[s]}</td>' for s in statuses)
        indent = "\u2003" * int(r["depth"])
        rows.append(f'<tr><th scope="row">{indent}{escape(r["name"])} <span class="note">({escape(r["level"])})</span></th>'
                    f'<td class="num">{r["total"]}</td>{cells}<td class="num">{pct}</td></tr>')
    label = period_text(p, cadence_of(actions))
    body = "<p>How the actions under each part of the plan are progressing, from the top of the plan down.</p>"
    body += tables._table(f"Actions by level of the plan, {label}", ["Part of the plan", "Total", *statuses, "On track or complete"], rows, "thread")
    return _section("actions-thread", "Through the plan", body)


def _latest_up_to(actions: pd.DataFrame, period) -> pd.Period:
    """The plan's period at ``period``, or its latest before it (a six-monthly plan in a quarterly briefing)."""
    if period is None:
        return _pick_period(actions, None)
    p = parse_span(period).end
    have = sorted(x for x in actions["period"].dropna().unique() if x <= p)
    if not have:
        return _pick_period(actions, period)  # raises, naming the periods there are
    return have[-1]


def actions_about(actions: pd.DataFrame, workbook: str | None = None) -> str:
    """How the action figures are worked out, and the warnings perfkit raised reading the plan."""
    from ...present import tables
    from ...present.narrative import escape

    cad = cadence_of(actions)
    items = [
        ("The plan is monitored six-monthly: H1 is April to September and H2 October to March; a column headed by a "
         "month is read as the half-year that month falls in." if cad == "half" else
         "Quarters are of the financial year, April to March: Q1 is April to June."),
        "An action is overdue when its target date falls on or before the last day of the period and it is neither "
        "complete nor superseded, cancelled, deferred or on hold.",
        "Superseded, cancelled, deferred and on-hold actions are counted but left out of the share complete and of the mean "
        "progress, which are of the actions still required. Percentages are whole numbers, halves rounded up.",
        "RAG words, where a plan uses them, are read as action statuses: red as behind schedule, amber as at risk, green as on track.",
    ]
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    shown = [p for p in actions.attrs.get("problems", []) if p.severity in ("warning", "error")]
    if workbook:
        body += f"<p>Source workbook: {escape(Path(workbook).name)}.</p>"
    body += ("<p>Warnings perfkit raised while reading the plan are listed below with their cells.</p>" if shown else
             "<p>perfkit raised no warnings while reading the plan.</p>")
    if shown:
        body += tables.problems_table(shown, "Warnings from reading the plan")
    return _section("actions-about", "About these figures", body)


def write_actions_appendix(actions: pd.DataFrame, period, path) -> Path:
    """The committee appendix workbook: every action at a period, statuses filled and worded, text safe from formulas."""
    from openpyxl import Workbook

    from ...publish.appendix import _write
    from ...core.paths import atomic_path

    p = _latest_up_to(actions, period)
    scale = _scale_of(actions)
    now = actions[actions["period"] == p]
    cols = [c for c in ("action_id", "action", "group", "lead", "due_date", "period", "status", "progress", "commentary") if c in now]
    frame = now[cols].copy()
    frame["period"] = [period_text(x, cadence_of(actions)) for x in frame["period"]]
    frame["status"] = frame["status"].astype(object)
    wb = Workbook()
    wb.remove(wb.active)
    _write(wb.create_sheet("Actions"), frame, scale, status_columns={"status"})
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def thread_appendix(frame: pd.DataFrame, period=None, scale: StatusScale | None = None, title: str | None = None) -> str:
    """A per-tactic progress appendix for a milestones or actions frame with a golden thread; else nothing.

    One table per node of the deepest level the frame has (tactic, else strategy, else
    objective), under a heading that names its place in the plan (``Objective > Strategy >
    Tactic``), listing each item with its lead, due date, status, progress and commentary,
    as objective updates to scrutiny present them.

    Examples
    --------
    >>> html = thread_appendix(perfkit.read_milestones("objective_update.xlsx"), "2024/25 Q2")  # doctest: +SKIP
    """
    from ...present import tables
    from ...present.narrative import escape
    from ...core.status import DEFAULT_SCALE

    levels = [c for c in ("objective", "strategy", "tactic") if c in frame and frame[c].astype(str).str.len().gt(0).any()]
    if not levels:
        return ""
    is_actions = "action_id" in frame
    if is_actions:
        p = _latest_up_to(frame, period)
        scale = scale or _scale_of(frame)
        label = period_text(p, cadence_of(frame))
        ident, name = "action_id", "action"
    else:
        have = sorted(frame["period"].dropna().unique())
        p = parse_span(period).end if period is not None else have[-1]
        scale = scale or DEFAULT_SCALE
        label = period_label(p)
        ident, name = "milestone_id", "title"
    now = frame[frame["period"] == p]
    deepest = levels[-1]
    headers = ["Ref", "Action" if is_actions else "Milestone", "Lead", "Due", "Status", *(["Progress"] if "progress" in now else []), "Commentary"]
    out = []
    for _, part in now.groupby(levels, sort=False):
        first = part.iloc[0]
        path = " > ".join(str(first[c]) for c in levels if str(first[c]))
        rows = []
        for r in part.to_dict("records"):
            prog = f'<td class="num">{tables._progress_text(r["progress"])}</td>' if "progress" in now else ""
            rows.append(f"<tr><td>{escape(r[ident])}</td><th scope=\"row\">{escape(r[name])}</th><td>{escape(r.get('lead', ''))}</td>"
                        f"<td>{tables._date(r['due_date'])}</td>{tables.status_cell(r['status'], scale)}{prog}"
                        f'<td class="comment">{escape(r["commentary"])}</td></tr>')
        heading = str(first[deepest]) or path or "Not placed in the plan"
        out.append(f"<h3>{escape(heading)}</h3>\n<p class=\"note\">{escape(path)}</p>\n"
                   + tables._table(f"{heading}: progress, {label}", headers, rows, "actions"))
    title = title or f"Appendix: progress by {deepest}"
    return _section("thread-appendix", title, f"<p>Every {'action' if is_actions else 'milestone'} at {escape(label)}, by {deepest}.</p>\n" + "\n".join(out))


# ---------------------------------------------------------------------------------------------- the command line


def summary_object(actions: pd.DataFrame, period=None) -> dict:
    """The ``actions`` object of ``perfkit summary --json``, at ``period`` or the plan's latest period up to it."""
    return action_summary(actions, _latest_up_to(actions, period)).to_dict()


def summary_lines(s: ActionSummary) -> list[str]:
    """The summary as lines of text for ``perfkit summary``."""
    from ...present.narrative import action_changes_paragraph, actions_paragraph, overdue_paragraph

    lines = [f"Action plan at {s.label}", "", actions_paragraph(s), overdue_paragraph(s)]
    changes = action_changes_paragraph(s)
    if changes:
        lines.append(changes)
    lines += ["", "By group:"]
    for r in s.per_group.to_dict("records"):
        pct = "" if pd.isna(r["percent_complete"]) else f" ({int(r['percent_complete'])}%)"
        lines.append(f"  {r['group'] or 'No group'}: {int(r['complete'])} of {int(r['active'])} still required complete{pct}")
    if len(s.overdue):
        lines += ["", "Overdue:"]
        lines += [f"  {r.action_id} {r.action} ({r.lead or 'no named lead'}): {int(r.days_overdue)} days" for r in s.overdue.itertuples()]
    return lines


def print_summary(actions: pd.DataFrame, period=None, as_json: bool = False) -> int:
    """``perfkit summary`` for a workbook that holds only an action plan; ``period`` may be ``2024/25 H2`` or ``H2``."""
    import json
    import sys

    if isinstance(period, str) and re.fullmatch(r"\s*(?:[qh])\s*[1-4]\s*", period, re.I):
        years = sorted({x.qyear for x in actions["period"].dropna().unique()})
        period = f"{years[-1] - 1}/{years[-1] % 100:02d} {period.strip().upper()}" if years else period
    s = action_summary(actions, _latest_up_to(actions, period) if period else None)
    if as_json:
        json.dump({"period": s.label, "actions": s.to_dict()}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(s):
        print(line)
    return 0


_register_builder()
