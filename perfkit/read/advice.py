"""What to type when perfkit cannot read a sheet: the ``perfkit.toml`` lines that would read it, or plainly why not.

A refusal names the sheet and the cells and gives the lines to put in ``perfkit.toml``;
``perfkit init`` writes the same lines into the starter file. :func:`guess_sheet` looks at a
sheet perfkit did not read (its most likely kind and header row, what each header may hold, and
whether it is a layout perfkit does not read at all), and :func:`sheet_lines` writes the
``[sheets."Name"]`` table for it, with an empty ``""`` wherever the officer must decide: the
kind of a sheet perfkit did not read (its guess in the comment), and what a column holds (a
field, or ``"ignore"``).

Examples
--------
>>> from perfkit.read.advice import SheetGuess, sheet_lines
>>> guess = SheetGuess("Q2 return", "milestones", 2, [("Ref", "milestone_id", ""), ("Notes", "", "")])
>>> print("\\n".join(sheet_lines(guess)))
[sheets."Q2 return"]
kind = "milestones"        # milestones, measures, actions, risks, or "ignore" if it is not data
header_row = 3
[sheets."Q2 return".columns]
"Ref" = "milestone_id"
"Notes" = ""   # what does it hold? a field of milestones, or "ignore"
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from perfkit.core.config import toml_string
from perfkit.core.errors import PerfkitError, PeriodError, col_letter
from perfkit.core.periods import parse_span
from perfkit.read.columns import PERIOD_LIKE, ColumnMap, header_text, resolve_token, split_header
from perfkit.read.layout import HEADER_SCAN_ROWS, blank, header_in, make_table, resolve_year, text
from perfkit.read.spec import get_kind, kind_names, normalise_header
from perfkit.read.workbook import Sheet, Workbook

# How many column lines a message shows for one sheet (perfkit init writes them all).
MESSAGE_COLUMNS = 12


@dataclass
class SheetGuess:
    """What perfkit makes of a sheet it did not read.

    ``columns`` is ``[(header as Excel shows it, field or "", comment)]``; ``header_row`` is
    0-based; ``unsupported`` says why no mapping can read the sheet (a transposed table), or is ``""``.
    """

    name: str
    kind: str | None
    header_row: int | None
    columns: list[tuple[str, str, str]] = field(default_factory=list)
    unsupported: str = ""
    guessed: bool = False  # the kind is perfkit's guess (the sheet was not read), not what it read


# A process-control chart's own figures beside the measure's (an NHS integrated performance report): the mean, its limits
_SPC_HEADER = re.compile(r"(?i)^\s*(?:(?:upper|lower)\s+(?:process|control|warning)\s+limits?|(?:process|control)\s+limits?|"
                         r"[ul]cl|[ul]pl|mean|process\s+mean|centre\s*line|center\s*line|sigma|special\s+cause)\s*$")


def spc_column(header: str) -> bool:
    """Whether a header names a process-control chart's own figure (``Mean``, ``Upper process limit``, ``UCL``), which
    perfkit works out itself from a measure's run of figures and does not read.

    Examples
    --------
    >>> spc_column("Lower process limit"), spc_column("UCL"), spc_column("Mean time to repair (days)")
    (True, True, False)
    """
    return bool(_SPC_HEADER.match(str(header)))


def quoted(value) -> str:
    """A TOML basic string: ``"Sept position"``, with quotes, backslashes and control characters escaped."""
    return toml_string(value)


def likely_header(sheet: Sheet) -> int | None:
    """The row (0-based) with the most short text cells in the first rows: where a header probably is."""
    best, best_n = None, 1
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        n = sum(1 for v in row if (isinstance(v, str) and v.strip() and len(v) < 60) or isinstance(v, (_dt.date, _dt.datetime)))
        if n > best_n:
            best, best_n = r, n
    return best


def _is_period(value) -> bool:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return True
    if not isinstance(value, str) or not value.strip() or len(value) > 30:
        return False
    try:
        parse_span(value)
        return True
    except PeriodError:
        return bool(re.fullmatch(r"(?i)\s*(?:q|qtr|quarter)\s*[1-4]\s*", value))


def transposed(sheet: Sheet, header_row: int | None) -> str:
    """Why a sheet is a table turned on its side (periods down the first column, one column per item), or ``""``.

    perfkit reads one row per item; such a table is named plainly rather than mapped wrongly.
    """
    if header_row is None or header_row + 1 >= len(sheet.rows):
        return ""
    header = sheet.rows[header_row]
    first = next((c for c, v in enumerate(header) if not blank(v)), None)
    if first is None:
        return ""
    below = [(r, sheet.rows[r][first]) for r in range(header_row + 1, len(sheet.rows)) if first < len(sheet.rows[r]) and not blank(sheet.rows[r][first])]
    periods = [r for r, v in below if _is_period(v)]
    # Column headers that are a measure's own fields (Target, Actual) make a long table of one measure, not one column per item.
    items = [c for c, v in enumerate(header) if c > first and not blank(v) and not _is_period(v) and split_header(str(v), "measures")[0] is None]
    if len(periods) < 2 or len(periods) < len(below) / 2 or len(items) < 2:
        return ""
    letter = col_letter(first)
    name = sheet.name.replace('"', '\\"')
    return (f"its periods run down column {letter} ({letter}{periods[0] + 1}:{letter}{periods[-1] + 1}) with one column per "
            f"item ({col_letter(items[0])}{header_row + 1}:{col_letter(items[-1])}{header_row + 1}), a transposed table; if each "
            f"column is a measure, [sheets.\"{name}\"] kind = \"measures\" in perfkit.toml reads it turned round, one row per "
            "measure; if it is not data, mark the sheet kind = \"ignore\"")


def _near(book: Workbook, sheet: Sheet, opts, kind: str) -> ColumnMap | None:
    spec = get_kind(kind)
    best, near = header_in(sheet, spec, opts.columns_for(kind, sheet.name), opts.header_row_for(sheet.name), opts.scale)
    return best or near


def _short_words(sheet: Sheet, header_row: int, col: int) -> list[str]:
    """The words of a column that holds a few short words over and over (a status in the workbook's own words), else []."""
    seen = [" ".join(text(v).split()) for row in sheet.rows[header_row + 1: header_row + 201] if col < len(row) and not blank(v := row[col])]
    distinct = list(dict.fromkeys(seen))
    if len(seen) < 3 or len(distinct) > 8 or len(distinct) == len(seen) or any(len(w) > 25 or len(w.split()) > 3 for w in distinct):
        return []
    return distinct


def column_guesses(book: Workbook, sheet: Sheet, cmap: ColumnMap, opts) -> list[tuple[str, str, str]]:
    """Each header of ``cmap``'s row with the field perfkit would read it as (or ``""``), and a comment.

    A quarter's column is written ``status@2024/25 Q2`` only where its period can be placed; one that
    names no year is left for the officer, saying which field and quarter it seems to be.
    """
    spec = get_kind(cmap.kind)
    year = None
    try:
        table = make_table(book, sheet, cmap, spec)
        resolve_year(table, *opts.year_for(sheet.name))
        year = table.year
    except PerfkitError:
        pass
    by_col = {c: (f, "perfkit's guess: check it") for f, c in cmap.fields.items()}
    for pc in cmap.period_columns:
        try:
            label = resolve_token(pc.token, year).label
            words = _short_words(sheet, cmap.header_row, pc.col) if pc.field == "commentary" and spec.status_field else []
            if words:  # "Progress at September 2024" over Underway, Done, Stuck: statuses in the workbook's own words
                by_col[pc.col] = (f"{spec.status_field}@{label}", f"perfkit's guess: it holds short words ({', '.join(words[:5])}), "
                                  "statuses in your own words? say what each means under [status.words]")
            else:
                by_col[pc.col] = (f"{pc.field}@{label}", "perfkit's guess: check it")
        except PeriodError:
            by_col[pc.col] = ("", f'{pc.field} for {pc.token}? write "{pc.field}@2024/25 Q2" with the quarter it reports')
    row = sheet.rows[cmap.header_row]
    out = []
    for col, cell in enumerate(row):
        if blank(cell):
            continue
        header = header_text(cell)
        term = _TERM.search(header.lower()) if col not in by_col and col not in cmap.ignored else None
        if term and spec.status_field:  # "Autumn term": perfkit reads quarters, months and half-years, not school terms
            end = (year or 0) + _TERM_YEAR[term[1]]
            label = f"{end - 1}/{end % 100:02d} {_TERM_QUARTER[term[1]]}" if year else f"YYYY/YY {_TERM_QUARTER[term[1]]}"
            by_col[col] = ("", f'a school term, which perfkit does not read as a period: "{spec.status_field}@{label}" '
                               "reads it as the quarter the term ends in")
        if col in cmap.ignored:
            out.append((header, "ignore", ""))
        elif col in by_col:
            out.append((header, *by_col[col]))
        else:
            out.append((header, "", ""))
    return out


# School terms, which end in these quarters of the financial year in which the academic year starts (Summer in the next).
_TERM = re.compile(r"\b(autumn|spring|summer)\b(?:\s+(?:term|[12]))?")
_TERM_QUARTER = {"autumn": "Q3", "spring": "Q4", "summer": "Q2"}
_TERM_YEAR = {"autumn": 0, "spring": 0, "summer": 1}


def guess_sheet(book: Workbook, name: str, opts) -> SheetGuess:
    """The most likely kind, header row and columns of a sheet perfkit did not read (``opts`` as the engine's ``Options``)."""
    sheet = book.sheet(name)
    best: tuple[int, str, ColumnMap] | None = None
    for i, kind in enumerate(_name_order(name)):
        cmap = _near(book, sheet, opts, kind)
        if cmap is not None and cmap.score > 0 and (best is None or cmap.score > best[2].score):
            best = (i, kind, cmap)
    if best is None:
        row = opts.header_row_for(name)
        row = row - 1 if row else likely_header(sheet)
        columns = [(header_text(v), "", "") for v in sheet.rows[row] if not blank(v)] if row is not None else []
        return SheetGuess(name, None, row, columns, transposed(sheet, row))
    _, kind, cmap = best
    return SheetGuess(name, kind, cmap.header_row, column_guesses(book, sheet, cmap, opts), transposed(sheet, cmap.header_row), guessed=True)


_NAME_HINTS = {"risks": ("risk",), "actions": ("action", "improvement", "recommendation"), "measures": ("kpi", "measure", "indicator", "pi"),
               "milestones": ("milestone", "delivery", "plan")}


def _name_order(name: str) -> list[str]:
    """Kinds in the order to guess a sheet: one its name suggests first (a tie goes to it)."""
    low = name.lower()
    kinds = kind_names()
    hinted = [k for k in kinds if any(w in low for w in _NAME_HINTS.get(k, ()))]
    return hinted[:1] + [k for k in kinds if k not in hinted[:1]]


def sheet_lines(guess: SheetGuess, limit: int | None = None, fields_named: str = "", extra=()) -> list[str]:
    """The ``[sheets."Name"]`` table for a guess: its kind, header row and every column, blanks where the officer decides.

    ``limit`` shows only so many columns (for a message); ``fields_named`` says where the fields are listed
    (perfkit init's file lists them at the top), else each blank names its kind's; ``extra`` lines go under
    ``header_row``. perfkit.toml names a column by its header, so headers written more than once (``Impact``
    under both ``Inherent`` and ``Residual``) are left to perfkit, said in a comment.
    """
    head = f"[sheets.{quoted(guess.name)}]"
    kinds = ", ".join(kind_names())
    if guess.unsupported:
        return [head, 'kind = ""'.ljust(27) + f'# {guess.unsupported.split(";")[0]}: "measures" if each column is a measure, or "ignore"']
    if guess.kind and guess.guessed:  # left blank: a guessed kind would have perfkit read the sheet before anyone checked it
        lines = [head, 'kind = ""'.ljust(27) + f"# perhaps {quoted(guess.kind)}: {kinds}, or \"ignore\" if it is not data"]
    elif guess.kind:
        lines = [head, f"kind = {quoted(guess.kind)}".ljust(27) + f"# {kinds}, or \"ignore\" if it is not data"]
    else:
        lines = [head, 'kind = ""'.ljust(27) + f"# {kinds}, or \"ignore\" if it is not data"]
    if guess.header_row is None:
        return lines
    lines.append(f"header_row = {guess.header_row + 1}")
    lines += list(extra)
    lines.append(f"[sheets.{quoted(guess.name)}.columns]")
    fields = fields_named or (f"a field of {guess.kind}" if guess.kind else "a field")
    counts: dict[str, int] = {}
    for header, _, _ in guess.columns:
        key = normalise_header(header)
        counts[key] = counts.get(key, 0) + 1
    shown = guess.columns if limit is None else guess.columns[:limit]
    sequences = get_kind(guess.kind).sequences if guess.kind else {}
    periods_of: dict[str, list[str]] = {}  # a repeated header's fields, where each is one period's ("Pass / Fail" per quarter)
    for header, fld, _ in guess.columns:
        periods_of.setdefault(normalise_header(header), []).append(fld)
    written: set[str] = set()
    for header, fld, note in shown:
        key = normalise_header(header)
        each = periods_of[key]
        if counts[key] > 1 and all("@" in f for f in each) and len(set(each)) == len(each):
            if key not in written:  # one line would give every such column the first one's period: said, not written
                lines.append(f"# {quoted(header)} ({counts[key]} columns): read as " + ", ".join(each) + " by where each "
                             "stands; perfkit.toml names a column by its header and cannot name them apart, so none is written")
                written.add(key)
            continue
        if counts[key] > 1 and key in written:  # perfkit.toml names a column by its header: only the first can have a line
            in_order = bool(fld) and any(fld.partition("@")[0] in seq[1:] for seq in sequences.values())
            lines.append(f"# {quoted(header)} again: " + (f"read as {fld}, the next in order after the line above" if in_order else
                         "a repeated header, read as perfkit sees it" + (f" ({fld})" if fld else "") + "; perfkit.toml cannot name it apart"))
            continue
        written.add(key)
        if fld:
            lines.append(f"{quoted(header)} = {quoted(fld)}" + (f"   # {note}" if note else ""))
        else:
            lines.append(f"{quoted(header)} = \"\"   # " + (f"{note}, or \"ignore\"" if note else f"what does it hold? {fields}, or \"ignore\""))
    if limit is not None and len(guess.columns) > limit:
        lines.append(f"# ... and {len(guess.columns) - limit} more columns")
    return lines


def unread_advice(book: Workbook, plans, opts, limit: int = 2) -> str:
    """For a workbook perfkit read nothing from: what each sheet looked like, and the perfkit.toml lines that would read
    the sheets that look like data (or why a layout cannot be read), for the refusal's hint."""
    out = []
    shown = 0
    for plan in plans:
        if plan.kind is not None or plan.severity != "warning" or shown >= limit:
            continue
        guess = guess_sheet(book, plan.name, opts)
        shown += 1
        if guess.unsupported:
            out.append(f"Sheet {plan.name!r}: {guess.unsupported}.")
            continue
        out.append(f"To read sheet {plan.name!r}, put these lines in perfkit.toml beside the workbook and fill in each \"\":")
        out += [f"  {line}" for line in sheet_lines(guess, MESSAGE_COLUMNS)]
    return "\n".join(out)



def unfit_note(book: Workbook, name: str, kind: str, opts) -> str:
    """Why a sheet perfkit.toml names as ``kind`` is not read: which fields no header gives, where the header seems to be,
    and the lines that would map them."""
    spec = get_kind(kind)
    sheet = book.sheet(name)
    cmap = _near(book, sheet, opts, kind)
    have = set(cmap.fields) | {p.field for p in cmap.period_columns} if cmap is not None else set()
    lacking = [f for f in spec.required if f not in have]
    if not have & set(spec.values):
        lacking.append(" or ".join(spec.values[:3]) + (" (or another value column)" if len(spec.values) > 3 else ""))
    row = cmap.header_row if cmap is not None else (opts.header_row_for(name) or 0) - 1
    if row is None or row < 0:
        row = likely_header(sheet)
    where = opts.config.where
    if row is None:
        return f"{where} says it holds {kind}, but perfkit found no header row: set header_row for it"
    unmapped = [header_text(v) for c, v in enumerate(sheet.rows[row]) if not blank(v) and (cmap is None or (c not in cmap.fields.values() and c not in cmap.ignored and c not in {p.col for p in cmap.period_columns}))]
    example = f'"{unmapped[0]}" = "{lacking[0].split(" ")[0]}"' if unmapped and lacking else f'"Your header" = "{spec.required[0]}"'
    turned = transposed(sheet, row)
    if turned:
        return f"{where} says it holds {kind}, but {turned}"
    return (f"{where} says it holds {kind}, but no column of row {row + 1} is read as its {' or '.join(lacking) if lacking else 'fields'}"
            f" (the headers not read: {', '.join(map(repr, unmapped[:8])) or 'none'}); say which under "
            f"[sheets.{quoted(name)}.columns], e.g. {example}, and set header_row = {row + 1} if that is the header")


_STATUSY = re.compile(r"\b(?:status|rag|brag|position|progress|rating|where we are|on track)\b")


def likely_status_words(sheet: Sheet, header_row: int | None, scale) -> list[str]:
    """Words in a sheet perfkit did not read that look like its own status words but are not on ``scale``.

    A column of short words, either beside words the scale knows (``On track``, ``Slipping``) or repeated under a
    status-like header (``Sept position``: ``Fine``, ``Fine``, ``Slipping``), gives its unknown words, for perfkit
    init to list under ``[status.words]``.
    """
    if header_row is None:
        return []
    header, rows = sheet.rows[header_row], sheet.rows[header_row + 1:]
    width = max((len(r) for r in rows), default=0)
    found: list[str] = []
    for c in range(width):
        values = [" ".join(r[c].split()) for r in rows if c < len(r) and isinstance(r[c], str) and r[c].strip()]
        if len(values) < 2 or any(len(v) > 30 or len(v.split()) > 4 for v in values):
            continue
        distinct = list(dict.fromkeys(values))
        known = [v for v in distinct if scale.normalise(v) is not None]
        named = c < len(header) and not blank(header[c]) and (_STATUSY.search(normalise_header(header_text(header[c])))
                                                            or PERIOD_LIKE.search(header_text(header[c]).lower()))
        if known or (named and len(distinct) < len(values) and len(distinct) <= 8):
            found += [v for v in distinct if scale.normalise(v) is None and v not in found]
    return found


def names_a_quarter(book: Workbook, sheet: Sheet, header_row: int | None) -> bool:
    """Whether a sheet's title rows, its name or the file name name a quarter (``Q2``, ``Quarter 2``)."""
    title = " ".join(header_text(v) for row in sheet.rows[: header_row or 0] for v in row if not blank(v))
    return any(re.search(r"(?i)(?<![a-z0-9])(?:q|qtr|quarter)\s*[1-4](?![0-9])", t) for t in (title, sheet.name, book.path.stem.replace("_", " ")))


def kind_advice(book: Workbook, name: str, kind: str, opts) -> str:
    """The perfkit.toml lines that would read sheet ``name`` as ``kind`` (asked for by name: ``--kind``, ``read_measures``)."""
    sheet = book.sheet(name)
    cmap = _near(book, sheet, opts, kind)
    if cmap is not None:
        guess = SheetGuess(name, kind, cmap.header_row, column_guesses(book, sheet, cmap, opts), transposed(sheet, cmap.header_row))
    else:
        row = likely_header(sheet)
        guess = SheetGuess(name, kind, row, [(header_text(v), "", "") for v in sheet.rows[row] if not blank(v)] if row is not None else [],
                           transposed(sheet, row))
    if guess.unsupported:
        return f"Sheet {name!r}: {guess.unsupported}."
    return (f"To read sheet {name!r} as {kind}, put these lines in perfkit.toml beside the workbook and fill in each \"\":\n"
            + "\n".join(f"  {line}" for line in sheet_lines(guess, MESSAGE_COLUMNS)))
