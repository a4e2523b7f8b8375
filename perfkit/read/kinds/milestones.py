"""Milestones: actions with a lead, a due date and a status each quarter.

The kind's header words (:data:`MILESTONES`) and its frame builder on the layout engine.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter

import numpy as np
import pandas as pd
from perfkit.core import schema
from perfkit.core.errors import LayoutError, PeriodError
from perfkit.read.layout import (
    Table, blank as _blank, clean, column, data_rows, get as _get, ids as _ids, numbered_on,
    period_spans, single_period, text as _text,
)
from perfkit.core.periods import FREQ, period_label
from perfkit.core.numbers import parse_number
from perfkit.core.status import StatusScale
from perfkit.core.config import toml_string
from perfkit.core.errors import cell_name, col_letter
from perfkit.read.engine import Options, check_duplicate_keys, revised_due_dates, interleave, interleaved_cells, long_period_column, read_kind, row_period, strip_all, status_column
from perfkit.read.spec import KindSpec, ORIGINAL_DATE_HEADERS, REVISED_DATE_HEADERS, SHARED_HEADERS
from perfkit.read.engine import READER_DOC
from perfkit.read.evidence import NO_FILL, greyish
from perfkit.read.engine import optional_fields, optional_value, shared_commentary, with_remarks


# Colour names and letters: another way of writing a status, never a second word for it.
_COLOUR_WORDS = frozenset({"red", "r", "amber", "a", "yellow", "y", "green", "g", "blue", "b", "rag"})


def _both(first: str, then: str) -> str:
    """Two commentary cells of one quarter as one: ``Tender evaluation under way. Only two bids received.``"""
    if not then or then == first:
        return first
    if not first:
        return then
    return f"{first}{'' if first[-1:] in '.!?' else '.'} {then}"


def _in_colours(word: str) -> bool:
    """Whether a status is written with a colour (``Amber/Green``, ``Red - late``) or begins with its letter (``G - on track``);
    a single letter inside a phrase is a word of its own (Welsh ``Ar y trywydd``, on track)."""
    parts = [p for p in re.split(r"[^a-z]+", word) if p]
    return bool(parts) and (bool(set(parts) & (_COLOUR_WORDS - _LETTERS)) or parts[0] in _LETTERS)


_LETTERS = frozenset("ragyb")


# A milestone is a thing to be done by a date: one that says it was met (its deadline, its target) is done, where a
# measure that says so is on target (Green). Said aloud as read.
# ('Target met' stays Green: a milestone's target is how it is going, as a measure's is)
_MET_IS_DONE = {"met": "Complete", "deadline met": "Complete", "met deadline": "Complete", "milestone met": "Complete",
                "met on time": "Complete", "deadline missed": "Red", "missed deadline": "Red", "milestone missed": "Red"}


def milestone_scale(opts: Options) -> StatusScale:
    """The scale milestones are read on: the configured one, where on the RAG scale a milestone that says it was
    ``Met`` (its deadline) is Complete (a measure that says so is Green) and one whose deadline was missed is Red. Words perfkit.toml
    gives stand."""
    scale = opts.scale
    if "Complete" not in scale.names or "Red" not in scale.names:
        return scale
    configured = {w.strip().lower() for w in opts.config.status_words}
    words = {w: st for w, st in _MET_IS_DONE.items() if w not in configured and scale.normalise(w) in (None, "Green")}
    return StatusScale(scale.with_synonyms(words).statuses, scale.name, (*scale.approximate, *words)) if words else scale


# A word that makes another worse: "Well below target" beside "Below target", "Significantly behind" beside "Behind"
_WORSE_OF = re.compile(r"(?i)^\s*(?:well|significantly|seriously|severely|considerably|substantially|far|very|much|way)\s+(.+?)\s*$")


def two_words_one_status(table: Table, said: dict, scale, opts: Options) -> dict[str, str]:
    """Two of the tracker's own words read as one rated status where none of its words is the status beside it
    (``On programme | At risk | Delayed``: At risk and Delayed both Amber, nothing Red): a warning naming both, with
    the lines that would make either the other status. Three steps were read as two, the worst merged with the middle,
    silently. Words perfkit.toml gives, colour names and letters are never counted.

    Where the two are one word and the same word made worse (``Below target`` and ``Well below target``, both Red with
    no Amber), the plain one is the milder status, said in a note; returns those words and their statuses ({} where
    none), for the caller to read them so."""
    remap: dict[str, str] = {}
    rated = [n for n in scale.rated if n not in scale.complete]
    configured = {w.strip().lower() for w in opts.config.status_words}
    every = {w.lower() for words in said.values() for w in words}
    # Only a tracker of a few words of its own, each used throughout (a fixed list, as its officers choose from): one
    # whose services write colours or their own phrases ('Amber/Green', 'Slightly off track') is read word by word.
    if len(every) > 5 or any(_in_colours(w) for w in every):
        return remap
    for name, words in said.items():
        own = sorted(w for w in words if w.lower() not in _COLOUR_WORDS and w.lower() not in configured
                     and w.lower() != name.lower())
        if name not in rated or len(own) < 2:
            continue
        i = rated.index(name)
        missing = [n for n in (rated[i - 1] if i > 0 else None, rated[i + 1] if i + 1 < len(rated) else None)
                   if n is not None and n not in said]
        if not missing:
            continue
        other = missing[0]
        if len(own) == 2 and (scale.rank(other) or 0) > (scale.rank(name) or 0):  # the missing status is the milder one
            plain = next((w for w in own if _WORSE_OF.match(w) is None and any(
                (n := _WORSE_OF.match(x)) is not None and n[1].lower() == w.lower() for x in own)), None)
            if plain is not None:
                # "Below target" beside "Well below target": the plain one is the milder step, as the words rank them
                remap[plain] = other
                table.report.add(table.sheet.name, "status", plain, f"the tracker's words {own[0]!r} and {own[1]!r} were both "
                                 f"{name}, with none {other}: {plain!r} read as {other}, the milder of the two as their words "
                                 f"say; if it means {name}, say so in perfkit.toml under [status.words]: {toml_string(plain)} = \"{name}\"",
                                 "info")
                continue
        lines = " or ".join(f"{toml_string(w)} = \"{other}\"" for w in own[:3])
        table.report.add(table.sheet.name, "status", ", ".join(own), f"{len(own)} of the tracker's words ({', '.join(map(repr, own))}) "
                         f"are each read as {name}, and none as {other}: if one of them means {other}, say so in perfkit.toml "
                         f"under [status.words]: {lines}", "warning")
    return remap


def _build_milestones(table: Table, opts: Options, id_offset: int = 0) -> pd.DataFrame:
    cmap, rows, scale = table.cmap, table.sheet.rows, milestone_scale(opts)
    data = data_rows(table)
    spans = period_spans(table)
    status_cols = [(spans[pc.col], pc.col) for pc in cmap.period_columns if pc.field == "status" and pc.col in spans]
    table.half_years = frozenset(s.end for s, _ in status_cols if s.kind == "half")  # 'H1 2024/25 RAG': briefed as the half-year
    comment_cols = {spans[pc.col].end: pc.col for pc in cmap.period_columns if pc.field == "commentary" and pc.col in spans}
    long_period = long_period_column(cmap)

    # Which (period, status column) pairs each row contributes.
    if status_cols:
        layout = "wide"
        reported, empty = [], []
        for span, col in sorted(status_cols, key=lambda x: x[0].end):
            any_value = any(not _blank(_get(rows[r], col)) or (r, col) in table.sheet.errors for r, _ in data)
            any_comment = span.end in comment_cols and any(not _blank(_get(rows[r], comment_cols[span.end])) for r, _ in data)
            if any_value or any_comment:
                reported.append((span.end, col))
            else:
                empty.append((span, col))
        book = table.sheet.book
        if reported and empty and book is not None and book.has_status_fills:
            # A quarter rated in fill colours alone beside one with words or commentary: its colours are its statuses
            fills = table.sheet.fills([(r, c) for _, c in empty for r, _ in data])
            coloured = {c for (_, c), rgb in fills.items() if scale.from_colour(rgb) is not None}  # never a template's grey
            reported = sorted([*reported, *((s.end, c) for s, c in empty if c in coloured)])
            empty = [(s, c) for s, c in empty if c not in coloured]
        if reported:
            for span, col in empty:
                table.report.add(table.cell(cmap.header_row, col), "status", cmap.headers[col], f"column is empty: {span.label} not reported yet", "info")
        else:
            # Colour-only statuses: keep the period columns whose cells are coloured, and let the fills speak.
            ordered = sorted(status_cols, key=lambda x: x[0].end)
            fills = table.sheet.fills([(r, c) for _, c in ordered for r, _ in data]) if table.sheet.book is not None else {}
            coloured = {c for (_, c), rgb in fills.items() if rgb[-6:].upper() not in NO_FILL}
            reported = [(s.end, c) for s, c in ordered if c in coloured or not fills]
            for s, c in ordered:
                if fills and c not in coloured:
                    table.report.add(table.cell(cmap.header_row, c), "status", cmap.headers[c],
                                     f"column is empty and uncoloured: {s.label} not reported yet", "info")
        for p in sorted(set(comment_cols) - {s.end for s, _ in status_cols}):
            c = comment_cols[p]
            if any(not _blank(_get(rows[r], c)) for r, _ in data):
                table.report.add(table.cell(cmap.header_row, c), "commentary", cmap.headers[c],
                                 f"commentary for {period_label(p)} but no status column for that quarter: not read", "warning")
    elif "status" in cmap.fields:
        layout = "long" if long_period is not None else "single"
        single = None if long_period is not None else single_period(table, opts.period).end
        reported = [(single, cmap.fields["status"])]
        for p, c in comment_cols.items():
            if p != single and any(not _blank(_get(rows[r], c)) for r, _ in data):
                # "Update (June) | Update (September)" beside one BRAG column for September: the earlier update is what was
                # said then, and no figure rests on it (a note); one of a later quarter than the status is asked about
                earlier = single is not None and p < single
                table.report.add(table.cell(cmap.header_row, c), "commentary", cmap.headers[c],
                                 f"commentary for {period_label(p)}, but the sheet's one status column is read as "
                                 f"{period_label(single) if single is not None else 'each row’s period'}: not read"
                                 + (" (an earlier quarter's update; no figure rests on it)" if earlier else ""),
                                 "info" if earlier else "warning")
    else:
        raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has no status column (its header, row {cmap.header_row + 1}: "
                          f"{', '.join(map(repr, list(cmap.headers.values())[:8]))})",
                          hint=f"Say which column holds the status in perfkit.toml: [sheets.\"{table.sheet.name}\".columns] "
                               "\"Your header\" = \"status\" (\"status@2024/25 Q2\" for one quarter's), or --map 'Your header=status'.")

    optional = optional_fields(table, data, schema.MILESTONE_OPTIONAL)
    row_idx = [r for r, _ in data]
    n = len(row_idx)
    ids = _ids(table, data)
    ids, made = numbered_on(table, ids, id_offset)  # never a workbook's own ('D3 Launch ...')
    id_col = cmap.fields.get("milestone_id", cmap.fields.get("title"))
    columns_out: dict[str, list] = {
        "milestone_id": ids,
        "title": clean(column(rows, row_idx, cmap.fields.get("title"))),
        "priority": [c.get("priority", "") for _, c in data],
        "lead": clean(column(rows, row_idx, cmap.fields.get("lead"))),
        "due_date": (dated := revised_due_dates(table, data))[0],
        **{f: [optional_value(table, r, c, f) for r, c in data] for f in optional},
    }
    if dated[1] is not None:  # "Baseline date | Forecast date": the date first set, kept for the brief's "later than planned"
        columns_out["original_due_date"] = dated[1]
    for r, title in zip(row_idx, columns_out["title"]):
        if not title:
            table.report.add(table.cell(r, cmap.fields["title"]), "title", "", "milestone has no title", "warning")

    latest = max(p for p, _ in reported) if layout == "wide" else None
    shared_comment = shared_commentary(table, latest, layout)
    per: dict[str, list[list]] = {"period": [], "status": [], "commentary": [], "source": []}
    keep = [True] * n
    months = None
    said: dict[str, set] = {}  # each rated status's own words across the quarters, for two_words_one_status
    picked = list(map(rows.__getitem__, row_idx))  # the items' rows, each column of them taken in C
    for p, col in reported:
        raw = list(map(itemgetter(col), picked))  # [rows[r][col] for r in row_idx], in C
        status = status_column(table, row_idx, col, raw, scale, "status", blank="No data")
        try:  # each (word, status) once, in the order first met: a column of 20,000 cells holds a few
            pairs = dict.fromkeys(zip(raw, status))
        except TypeError:  # an unhashable cell: each in turn
            pairs = zip(raw, status)
        for v, name in pairs:
            if name and isinstance(v, str):
                said.setdefault(name, set()).add(" ".join(v.split()))
        if layout == "long":
            periods, months = [], []
            for i, r in enumerate(row_idx):
                pv = _get(rows[r], long_period)
                try:
                    per_, month = row_period(pv, _get(rows[r], cmap.fields.get("year")) if long_period != cmap.fields.get("year") else "", table.year)
                except PeriodError as exc:
                    table.report.add(table.cell(r, long_period), "period", pv, f"period not understood: {exc.args[0]}")
                    per_, month = None, None
                    keep[i] = False
                periods.append(per_)
                months.append(month)
        else:
            periods = [p] * n
        ccol = comment_cols.get(p, shared_comment if latest is None or p == latest else None)
        letter = col_letter(col)
        per["period"].append(periods)
        per["status"].append(status)
        comments = with_remarks(table, row_idx, col, strip_all(list(map(itemgetter(ccol), picked))) if ccol is not None else [""] * n)
        if shared_comment is not None and ccol is not None and ccol != shared_comment and p == latest:
            # 'Q3 position' beside 'Commentary': both are the quarter's words, the position first (neither is lost)
            comments = [_both(a, b) for a, b in zip(comments, strip_all(list(map(itemgetter(shared_comment), picked))))]
        if table.comments_below and (latest is None or p == latest):  # the "Commentary: ..." line under a milestone
            comments = [c or table.comments_below.get(r, "") for c, r in zip(comments, row_idx)]
        per["commentary"].append(comments)
        per["source"].append(f"{table.sheet.name}!{letter}")  # the column's cells, one per item row (_milestone_frame)

    two_words_one_status(table, said, scale, opts)
    if layout != "long" and reported:
        _struck_through(table, row_idx, reported, per, scale)
        _stage_complete(table, row_idx, reported, per, scale)
        _percent_complete(table, row_idx, reported, per, scale)
    gone = _not_yet_started(table, row_idx, ids, reported, per) if layout == "wide" else None
    if layout == "long":
        kept = [i for i, k in enumerate(keep) if k]
        check_duplicate_keys(table, [(ids[i], per["period"][0][i]) for i in kept], [row_idx[i] for i in kept], id_col,
                              "milestone_id", [months[i] for i in kept])
    else:
        check_duplicate_keys(table, ids, row_idx, id_col, "milestone_id")
    frame = _milestone_frame(columns_out, per, keep, scale, optional, gone, row_idx)
    if made:
        frame.attrs["generated_ids"] = ids
    return frame


_STRUCK_SAID = re.compile(r"(?i)\b(?:struck[\s-]*(?:through|out)|strike[\s-]*through|crossed[\s-]*(?:through|out)|"
                         r"(?:greyed|grayed)(?:[\s-]*out)?|shaded\s+gr[ae]y|in\s+gr[ae]y)\b")
_DONE_SAID = re.compile(r"(?i)\b(?:complet\w*|delivered|achieved|closed|done|finished)\b")


def _struck_through(table: Table, row_idx: list[int], reported: list, per: dict[str, list[list]], scale: StatusScale) -> None:
    """Milestones the workbook marks complete by striking them through or greying them out, as it says on a cover or in a
    note ('Milestones that have been completed are shown struck through and greyed out'): Complete in the latest quarter,
    whatever (or nothing) is typed, said naming the cells and the note. Without such a note nothing is read from the look."""
    book = table.sheet.book
    if book is None or book.kind != "xlsx" or not scale.complete or table.cmap.fields.get("title") is None:
        return
    note = next(((cell_name(name, r, c), v) for name in book.sheet_names for r, row in enumerate(book.sheet(name).rows[:80])
                 for c, v in enumerate(row[:20]) if isinstance(v, str) and _STRUCK_SAID.search(v) and _DONE_SAID.search(v)), None)
    if note is None:
        return
    title = table.cmap.fields["title"]
    cells = [(r, title) for r in row_idx]
    struck = table.sheet.struck(cells) if re.search(r"(?i)struck|strike|crossed", note[1]) else set()
    grey = set()
    if re.search(r"(?i)gr[ae]y", note[1]):
        fills = table.sheet.fills(cells)
        grey = {rc for rc, rgb in fills.items() if greyish(rgb)}
    marked = [i for i, r in enumerate(row_idx) if (r, title) in struck or (r, title) in grey]
    if not marked:
        return
    done, _ = _complete_in_latest(table, row_idx, reported, per, scale, marked)
    shown = ", ".join(table.cell(row_idx[i], title) for i in marked[:6]) + (f" and {len(marked) - 6} more" if len(marked) > 6 else "")
    table.report.add(table.cell(row_idx[marked[0]], title), "status", "", f"{len(marked)} milestone{'s' * (len(marked) != 1)} "
                     f"struck through or greyed out ({shown}): read as {done}, as {note[0]} says ({note[1][:80]!r})", "info")


# "Stage" or "Phase" beside the RAG (Design, Programmed, On site, Complete): the work's stage, and the word that ends it
_STAGE_HEADER = re.compile(r"(?i)^\s*(?:current\s+|project\s+|scheme\s+|delivery\s+|programme\s+|work\s+|gateway\s+|current\s+gateway\s+)?"
                           r"(?:stage|phase)\s*$")
_STAGE_DONE = re.compile(r"(?i)^\s*(?:complete|completed|closed|delivered|finished)\s*$")


def _stage_complete(table: Table, row_idx: list[int], reported: list, per: dict[str, list[list]], scale: StatusScale) -> None:
    """A capital programme's ``Stage`` column (``Design``, ``On site``, ``Complete``) beside its RAG: a scheme whose stage
    is Complete is Complete in the latest quarter, whatever colour the RAG still shows (``G`` for on budget), so it is
    never counted overdue; said naming the cells. A stage that says nothing of completion changes nothing."""
    if not scale.complete:
        return
    cmap, rows = table.cmap, table.sheet.rows
    col = next((c for c in cmap.unmapped if _STAGE_HEADER.match(cmap.headers.get(c, ""))), None)
    if col is None:
        return
    done_at = [i for i, r in enumerate(row_idx) if isinstance(v := _get(rows[r], col), str) and _STAGE_DONE.match(v)]
    header = cmap.headers.get(col, "")
    _done_by_column(table, row_idx, reported, per, scale, col, done_at, lambda rated: (
        _text(_get(rows[row_idx[rated[0]]], col)), f"whose {header!r} is "
        f"{' or '.join(repr(w) for w in dict.fromkeys(_text(_get(rows[row_idx[i]], col)) for i in rated))}", ""))


# "% complete", "Percentage complete", "Progress (%)": how far each milestone has got, 100% when it is done
_PERCENT_DONE = re.compile(r"(?i)^\s*(?:%|per\s*cent|percent(?:age)?)\s*(?:complete|completed|done|delivered|progress)\s*$|"
                           r"^\s*progress\s*\(\s*%\s*\)\s*$")


def _percent_complete(table: Table, row_idx: list[int], reported: list, per: dict[str, list[list]], scale: StatusScale) -> None:
    """A tracker's ``% complete`` beside its RAG: a milestone at 100% is Complete in the latest quarter, whether its RAG
    cell is blank (a finished project's) or still says how it went (``G``), so it is never counted overdue; said naming
    the cells. Read as no data, finished projects were listed overdue."""
    if not scale.complete:
        return
    cmap, rows = table.cmap, table.sheet.rows
    col = next((c for c in cmap.unmapped if _PERCENT_DONE.match(cmap.headers.get(c, ""))), None)
    if col is None:
        return
    values = [parse_number(_get(rows[r], col)) for r in row_idx]
    formatted = table.sheet.percent_cells(row_idx, [col])
    plain = [v.value for v, r in zip(values, row_idx) if v.value is not None and v.unit != "%" and (r, col) not in formatted]
    fractions = bool(plain) and max(plain) <= 1  # 0.75 for 75%, typed without a format
    done_at = [i for i, (v, r) in enumerate(zip(values, row_idx)) if v.value is not None
               and abs(v.value * (100 if (r, col) in formatted or (fractions and v.unit != "%") else 1) - 100) < 1e-9]
    header = cmap.headers.get(col, "")
    _done_by_column(table, row_idx, reported, per, scale, col, done_at, lambda rated: ("100%", f"at 100% in {header!r}", " (blank or a RAG)"))


def _done_by_column(table: Table, row_idx: list[int], reported: list, per: dict[str, list[list]], scale: StatusScale, col: int,
                    done_at: list[int], said) -> None:
    """The milestones at ``done_at`` (positions in ``row_idx``) whose latest status rates them (or gives none) made Complete,
    as another column says they are done (a Stage of Complete, 100% complete), said in one note naming the cells;
    ``said(rated)`` gives the note's value, what the column says of them, and an aside on what the status column held."""
    if not done_at:
        return
    latest = per["status"][max(range(len(reported)), key=lambda j: reported[j][0])]
    rated = [i for i in done_at if latest[i] in (*(n for n in scale.names if scale[n].rank is not None), "No data")]
    if not rated:
        return
    done, last = _complete_in_latest(table, row_idx, reported, per, scale, rated)
    shown = ", ".join(f"{col_letter(col)}{row_idx[i] + 1}" for i in rated[:6]) + (f" and {len(rated) - 6} more" if len(rated) > 6 else "")
    header = table.cmap.headers.get(col, "")
    value, what, aside = said(rated)
    table.unsay_unused([table.cell(table.cmap.header_row, col)])  # the column is read for them: never "not used" too
    table.report.add(table.column_range(col, [row_idx[i] for i in rated]), "status", value,
                     f"{len(rated)} milestone{'s' * (len(rated) != 1)} {what} ({shown}): read as {done} for "
                     f"{period_label(reported[last][0])}, whatever the status column shows{aside}; to read the status column alone, "
                     f"put {toml_string(header)} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "info")


def _complete_in_latest(table: Table, row_idx: list[int], reported: list, per: dict[str, list[list]], scale: StatusScale,
                        marked: list[int]) -> tuple[str, int]:
    """The milestones at ``marked`` (positions in ``row_idx``) made Complete in the latest quarter's statuses, their
    "no status given" warnings withdrawn (a struck-through row or a Stage of Complete says it): (Complete's name, the
    latest quarter's place in ``reported``)."""
    last = max(range(len(reported)), key=lambda j: reported[j][0])  # the latest quarter's column (wide or single: all dated)
    done = scale.complete[0]
    for i in marked:
        per["status"][last][i] = done
    cells_said = {table.cell(row_idx[i], reported[last][1]) for i in marked}
    table.report.drop(lambda p: p.source in cells_said and p.message.startswith("no status given"))
    return done, last


def _not_yet_started(table: Table, row_idx: list[int], ids: list, reported: list, per: dict[str, list[list]]) -> np.ndarray | None:
    """Which (milestone, quarter) cells are blank before the milestone's first status: a milestone added during the year.

    Those quarters are not the milestone's (it was not in the plan yet), so they are left out rather than counted as
    No data, and said once as a note; a milestone blank in every quarter, or blank after a status, stays No data with
    its warning. Returns a (milestones x quarters) mask of cells to leave out, or None when there is none.
    """
    if len(reported) < 2:
        return None
    rows = table.sheet.rows
    n, k = len(row_idx), len(reported)
    gone = np.zeros((n, k), dtype=bool)
    for i, r in enumerate(row_idx):
        first = 0
        while first < k and per["status"][first][i] == "No data" and _blank(_get(rows[r], reported[first][1])) \
                and (r, reported[first][1]) not in table.sheet.errors:
            first += 1
        if 0 < first < k:
            gone[i, :first] = True
    if not gone.any():
        return None
    cells = {table.cell(row_idx[i], reported[j][1]) for i, j in zip(*np.nonzero(gone))}
    table.report.drop(lambda p: p.source in cells and p.message.startswith("no status given"))
    new = [i for i in range(n) if gone[i].any()]
    shown = "; ".join(f"{ids[i]} from {period_label(reported[int(gone[i].sum())][0])}" for i in new[:3]) + (
        f" and {len(new) - 3} more" if len(new) > 3 else "")
    first_cell = table.cell(row_idx[new[0]], reported[0][1])
    table.report.add(first_cell, "status", "", f"{len(new)} milestone{'s' if len(new) != 1 else ''} with no status before "
                     f"{'their' if len(new) != 1 else 'its'} first: read as added during the year ({shown}), not as No data "
                     "in the quarters before", "info")
    return gone


def _milestone_frame(static: dict[str, list], per: dict[str, list], keep: list[bool], scale: StatusScale, optional: list[str],
                     gone: np.ndarray | None = None, row_idx: list[int] | None = None) -> pd.DataFrame:
    """Assemble the frame: per-milestone columns are converted once, then repeated for each period.

    ``per["source"]`` holds each period's column (``Sheet!E``), whose cells are the rows ``row_idx``;
    ``gone`` (milestones x periods) marks cells left out: quarters before a milestone was added.
    """
    n_periods = len(per["period"])
    n_items = len(static["milestone_id"])
    # Row i of the frame is milestone i // n_periods in period i % n_periods; dropped rows leave it.
    mask = np.repeat(np.array(keep, dtype=bool), n_periods)
    if gone is not None:
        mask &= ~gone.ravel()
    take = np.repeat(np.arange(n_items), n_periods)[mask]
    cols = schema.MILESTONE_COLUMNS[:5] + (["original_due_date"] if "original_due_date" in static else []) + optional + schema.MILESTONE_COLUMNS[5:]
    out = {}
    for name, values in static.items():
        if name in ("due_date", "original_due_date"):
            # cache=False: the dates are Timestamps already, and hashing 20,000 of them for a cache cost eight times the conversion
            due = pd.to_datetime(pd.Series(values, dtype=object), cache=False).astype("datetime64[ns]").to_numpy()
            out[name] = due[take]
        else:
            out[name] = pd.array(values, dtype="str").take(take)
    out["period"] = pd.PeriodIndex.from_ordinals(_period_ordinals(per["period"], n_items, mask), freq=FREQ)
    codes = np.empty((n_items, n_periods), dtype=np.int64)
    index = {name: i for i, name in enumerate(scale.names)}
    for j, values in enumerate(per["status"]):  # once per cell, in C: a word not on the scale is -1 (no status)
        codes[:, j] = np.fromiter(map(index.get, values, repeat(-1, n_items)), dtype=np.int64, count=n_items)
    out["status"] = pd.Categorical.from_codes(codes.ravel()[mask], dtype=scale.dtype)
    out["commentary"] = pd.array(interleave(per["commentary"])[mask], dtype="str")
    out["source"] = interleaved_cells(per["source"], row_idx or [], mask)
    return pd.DataFrame({c: out[c] for c in cols})


def _period_ordinals(lists: list[list], n_items: int, mask: np.ndarray) -> np.ndarray:
    """The kept rows' periods as ordinals, interleaved as :func:`interleave` does: once per period where all of a
    column's rows share it (a wide tracker's quarter), else once per row kept (a long layout)."""
    if n_items and all(len(values) == n_items and values[0] is not None and values.count(values[0]) == n_items for values in lists):
        return np.tile(np.array([values[0].ordinal for values in lists], dtype=np.int64), n_items)[mask]
    return np.fromiter((p.ordinal for p in interleave(lists)[mask]), dtype=np.int64, count=int(mask.sum()))


def read_milestones(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale | None = None, header_row=None, config=None, *, report_only=False):
    return read_kind("milestones", path, report_only, dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config))


MILESTONES = KindSpec(
    name="milestones",
    noun="milestone",
    headers={
        "milestone_id": ["ref", "reference", "id", "no", "number", "ref no", "milestone ref", "milestone id", "milestone no",
                         "action ref", "action no", "action id", "code", "milestone number", "item", "item no", "step ref",
                         "step no", "step number", "step id", "project ref", "project reference", "project id", "project no",
                         "scheme ref", "scheme reference", "scheme id", "scheme no", "programme ref", "commitment ref", "crmp ref", "plan ref",
                         "commitment no", "commitment number", "pledge no", "pledge ref"],
        "title": ["milestone", "action", "milestone action", "action milestone", "milestone action project", "project",
                  "milestone description", "action description", "description", "title", "deliverable", "activity",
                  "key action", "commitment", "key milestone", "milestones", "actions", "what we will do", "task",
                  # as officers head a tracker's title column
                  "key milestones", "key activity", "key activities", "key actions", "key deliverable", "key deliverables",
                  "deliverables", "activities", "milestone action", "milestones actions", "milestone activity",
                  "steps we will take", "step", "steps", "what we will do to achieve this", "mayoral commitment",
                  "manifesto commitment", "pledge", "our commitment", "commitments", "pledges",
                  # a programme's or an investment fund's projects
                  "scheme", "scheme name", "project name", "project title", "projects", "schemes", "programme", "what", "what will we do", "what we are doing",
                  "we will", "we will do", "what we will", "we will deliver", "we are going to",
                  # a compliance tracker's requirements (a regulator's consumer standards, a code of practice)
                  "requirement", "requirements"],
        "due_date": ["due date", "target date", "deadline", "due", "completion date", "target completion date", "end date", "end", "finish date", "planned finish",
                     "date due", "due by", "target completion", "timescale", "delivery date", "by when", "when", "when by", "timescales", "target timescale",
                     # one column a Type column's two kinds share: a milestone's date, a measure's target
                     "target or date", "target or due date", "target or deadline", "date or target"],
        # A tracker that keeps the date first agreed beside the one it was moved to: the revised one is due, where given.
        "original_due_date": ORIGINAL_DATE_HEADERS,
        "revised_due_date": REVISED_DATE_HEADERS,
        "status": ["status", "rag", "rag status", "progress status", "overall status", "current status", "rating", "traffic light",
                   "rag rating", "rag rating status", "delivery status", "brag", "brag status", "brag rating",
                   # a programme's Delivery Confidence Assessment (Red, Amber/Red, Amber, Amber/Green, Green)
                   "dca", "dca rating", "delivery confidence", "delivery confidence assessment", "where are we", "where we are", "where are we now", "how are we doing",
                   "assessment", "current assessment", "progress assessment", "overall assessment", "compliance",
                   "compliance status", "compliance rating",
                   # "Delivery RAG" beside a scheme's "Stage" (Design, Construction, Complete): the RAG is the status
                   "delivery rag", "overall rag", "project rag", "scheme rag", "programme rag", "overall rag status"],
        **SHARED_HEADERS,
        "lead": [*SHARED_HEADERS["lead"], "project manager", "project lead", "manager", "service manager", "lead manager"],
    },
    required=("title",),
    values=("status",),
    period_fields=("status", "commentary"),
    bare_period_field="status",
    key_field="title",
    id_field="milestone_id",
    id_prefix="M",
    status_field="status",
    describe="a milestone/action column and a status column",
    build=_build_milestones,
)


read_milestones.__doc__ = f"""Read every milestone sheet of a workbook into the tidy milestones frame (one row per milestone per period).
{READER_DOC}
    Returns
    -------
    pandas.DataFrame
        Columns as in :mod:`perfkit.core.schema`; warnings in ``attrs["problems"]``, sheets in ``attrs["inventory"]``.

    Raises
    ------
    WorkbookError, LayoutError, ValidationError
        ValidationError lists every faulty cell at once.

    Examples
    --------
    >>> ms = read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
"""
