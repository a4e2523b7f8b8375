"""Reading milestone and measure workbooks into the tidy frames of :mod:`perfkit.schema`.

The readers find the sheet and its header row, map the headers to fields, carry
priorities down from section rows and merged cells, normalise statuses, numbers
and dates, and collect every problem in one pass. Errors raise one
:class:`~perfkit.errors.ValidationError` listing every cell; warnings and notes
travel with the frame in ``frame.attrs["problems"]``.

Examples
--------
>>> import perfkit
>>> ms = perfkit.read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> ms.groupby("period")["status"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .columns import ColumnMap, map_header_row, resolve_token
from .errors import LayoutError, PeriodError, Problem, Report, ValidationError
from .numbers import parse_number
from .periods import FREQ, Span, find_financial_year, parse_span, period_label
from .status import DEFAULT_SCALE, StatusScale
from .workbook import Sheet, cell_name, col_letter, open_workbook

HEADER_SCAN_ROWS = 40
CARRIED = ("priority", "objective", "strategy", "tactic", "directorate")
_NOTE_ROW = re.compile(
    r"^\s*(key|rag key|status key|source|sources|notes?|n\.?b\.?|definitions?|total|totals|grand total|prepared by|"
    r"last updated|updated|\*|please|end of|produced by|data as at|appendix|version)\b|^[a-z]{1,3}\s*[=:\-–]\s",
    re.I,
)
# "Priority 1: A thriving economy" -> "A thriving economy", so headings match priority columns elsewhere.
_HEADING_NUMBER = re.compile(r"^\s*(?:priority|objective|theme|outcome|ambition)\s*\d+[a-z]?\s*[:.\-–]\s*", re.I)
_DATE_PLACEHOLDERS = {"ongoing", "on going", "tbc", "tbd", "n/a", "na", "various", "annual", "annually", "quarterly",
                      "monthly", "continuous", "throughout", "as required", "-", "–", "rolling", "none", "tba"}


@dataclass
class _Table:
    """A located table: its sheet, column map and the context for resolving periods."""

    path: Path
    sheet: Sheet
    cmap: ColumnMap
    kind: str
    report: Report = field(default_factory=Report)
    year: int | None = None

    def cell(self, row: int, col: int) -> str:
        return cell_name(self.sheet.name, row, col)


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))


def _text(v) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


# ---------------------------------------------------------------------------------------------- locating


def _locate(path, kind: str, sheet, columns, header_row) -> _Table:
    wb = open_workbook(path)
    names = wb.sheet_names
    if sheet is not None:
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise LayoutError(f"{wb.path.name}: there is no sheet number {sheet}; it has {len(names)} ({', '.join(names)})")
            names = [names[sheet]]
        elif sheet not in names:
            raise LayoutError(f"{wb.path.name}: no sheet called {sheet!r}; its sheets are {', '.join(map(repr, names))}")
        else:
            names = [sheet]
    best: tuple[int, Sheet, ColumnMap] | None = None
    closest: tuple[int, str, ColumnMap] | None = None
    for name in names:
        sh = wb.sheet(name)
        rows = range(header_row - 1, header_row) if header_row else range(min(HEADER_SCAN_ROWS, len(sh.rows)))
        for r in rows:
            if r >= len(sh.rows):
                break
            row = sh.rows[r]
            if sum(not _blank(v) for v in row) < 2:
                continue
            cmap = map_header_row(row, r, kind, columns)
            stacked = _stacked_header(sh, r, kind)
            if stacked is not None:
                two_row = map_header_row(stacked, r, kind, columns)
                if two_row.fits() and two_row.score > cmap.score:
                    cmap = two_row
            if cmap.fits():
                if best is None or cmap.score > best[0]:
                    best = (cmap.score, sh, cmap)
                break
            if closest is None or cmap.score > closest[0]:
                closest = (cmap.score, name, cmap)
    if best is None:
        need = {"milestones": "a milestone/action column and a status column", "measures": "a measure/indicator column and an actual or target column"}[kind]
        detail = ""
        if closest is not None and closest[2].headers:
            c = closest[2]
            found = ", ".join(f"{col_letter(k)}={v!r}" for k, v in list(c.headers.items())[:12])
            detail = f" The closest was sheet {closest[1]!r} row {c.header_row + 1}: {found}."
        raise LayoutError(
            f"{wb.path.name}: found no {kind} header row (looked for {need} in the first {HEADER_SCAN_ROWS} rows of "
            f"{', '.join(map(repr, names))}).{detail}",
            hint="Map the headers yourself, e.g. columns={'Action': 'title', 'RAG Q2': 'status@Q2'}, or name the sheet with sheet=.",
        )
    _, sh, cmap = best
    table = _Table(wb.path, sh, cmap, kind)
    for col in cmap.unmapped:
        table.report.add(table.cell(cmap.header_row, col), "", cmap.headers[col], f"column {cmap.headers[col]!r} is not used by perfkit", "info")
    if cmap.header_row > 0:
        title = [_text(v) for row in sh.rows[: cmap.header_row] for v in row if not _blank(v)]
        if title:
            table.report.add(f"{sh.name}!A1:A{cmap.header_row}", "", " | ".join(title)[:200], "title rows above the header, read for the year only", "info")
    return table


def _stacked_header(sheet: Sheet, r: int, kind: str) -> list | None:
    """Row ``r`` read with the period labels of the row above it, for two-row headers.

    Handles the layout where a merged "Q1" (or "2023/24 Q1", "Jul-Sep 2023") spans
    "Status | Commentary" below it: each column under a period label gets it as a
    prefix ("Q1 Status"). A label covers its merged range, or, without merge
    information, the columns up to the next label. Returns None when the row above
    names no period.
    """
    from .columns import PERIOD_FIELDS, _PERIOD_TOKEN, split_header

    if r == 0:
        return None
    above, row = sheet.rows[r - 1], sheet.rows[r]
    labels = {c: _text(v) for c, v in enumerate(above) if not _blank(v) and _PERIOD_TOKEN.search(_text(v).lower())}
    if not labels:
        return None
    spans: dict[int, str] = {}
    merged = {(r1, c1): c2 for (r1, c1), (r2, c2) in sheet.merged if r1 == r - 1}
    starts = sorted(c for c, v in enumerate(above) if not _blank(v))
    for c, label in labels.items():
        if (r - 1, c) in merged:
            end = merged[(r - 1, c)]
        else:
            later = [x for x in starts if x > c]
            end = (later[0] - 1) if later else len(row) - 1
        for col in range(c, end + 1):
            spans[col] = label
    out = list(row)
    repeating = set(PERIOD_FIELDS[kind])
    for c, label in spans.items():
        if c < len(row) and not _blank(row[c]):
            fld, token = split_header(row[c], kind)
            if fld in repeating and token is None:
                out[c] = f"{label} {_text(row[c])}"
    return out


def _resolve_year(table: _Table, year) -> None:
    title = " ".join(_text(v) for row in table.sheet.rows[: table.cmap.header_row] for v in row if not _blank(v))
    if year is not None:
        table.year = _year_arg(year)
        return
    table.year = find_financial_year(title, table.sheet.name, table.path.stem)


def _year_arg(year) -> int:
    """``year=`` as the end year of the financial year: 2024, '2023/24' or 2023 (the start) are all 2023/24."""
    if isinstance(year, str):
        found = find_financial_year(year)
        if found is None:
            raise PeriodError(f"year={year!r} is not a financial year; write it like '2023/24'")
        return found
    year = int(year)
    raise_if = not 1990 < year < 2200
    if raise_if:
        raise PeriodError(f"year={year!r} is not a financial year; write it like '2023/24'")
    return year + 1  # a bare number is the year the financial year starts in, as in "2023/24"


def _period_spans(table: _Table) -> dict[int, Span]:
    """Resolve every period column's token to a span, or raise asking for the year."""
    spans = {}
    missing = []
    for pc in table.cmap.period_columns:
        try:
            spans[pc.col] = resolve_token(pc.token, table.year)
        except PeriodError as exc:
            if "without a year" in str(exc):
                missing.append(pc.header)
            else:
                table.report.add(table.cell(table.cmap.header_row, pc.col), pc.field, pc.header, f"header period not understood: {exc.args[0]}")
    if missing:
        raise LayoutError(
            f"{table.path.name}: columns {', '.join(map(repr, missing[:6]))} name quarters without a year, and no "
            f"financial year was found in the title rows, the sheet name {table.sheet.name!r} or the file name.",
            hint="Pass the year, e.g. year='2023/24' (CLI: --year 2023/24), or put it in the sheet's title row.",
        )
    return spans


# ------------------------------------------------------------------------------------------ row structure


def _fill_merged(table: _Table) -> None:
    """Copy each vertically merged cell's value down its range (merges across columns stay as they are)."""
    rows = table.sheet.rows
    start = table.cmap.header_row + 1
    for (r1, c1), (r2, c2) in table.sheet.merged:
        if r2 <= r1 or r2 < start:
            continue
        for c in range(c1, c2 + 1):
            v = rows[r1][c] if r1 < len(rows) and c < len(rows[r1]) else ""
            if _blank(v):
                continue
            for r in range(max(r1 + 1, start), min(r2, len(rows) - 1) + 1):
                if c < len(rows[r]) and _blank(rows[r][c]):
                    rows[r][c] = v


def _data_rows(table: _Table, key_field: str) -> list[tuple[int, dict]]:
    """Walk the rows under the header: data rows come back with their carried-down fields; the rest are reported.

    Section-heading rows (one piece of text alone on the row) set the priority of the
    rows under them; notes, keys and footers are reported as such, never silently dropped.
    Ordinary data rows (a key and a value) take a fast path: this loop runs once per row
    of sheets with tens of thousands of rows.
    """
    cmap, rows, report = table.cmap, table.sheet.rows, table.report
    key_col = cmap.fields.get(key_field)
    value_cols = [pc.col for pc in cmap.period_columns] + [cmap.fields[f] for f in ("status", "actual", "target", "reported_status") if f in cmap.fields]
    carried_cols = [(f, cmap.fields[f]) for f in CARRIED if f in cmap.fields]
    out: list[tuple[int, dict]] = []
    pending_heading: tuple[int, int, str] | None = None
    heading = None
    last: dict[str, tuple[str, int]] = {}
    runs: dict[str, list[int]] = {}  # field -> [source row, first carried row, last carried row]
    error_rows = {r for r, _ in table.sheet.errors}

    def close_run(f):
        run = runs.pop(f, None)
        if run:
            c = cmap.fields[f]
            letter = col_letter(c)
            where = f"{letter}{run[1] + 1}" + (f":{letter}{run[2] + 1}" if run[2] > run[1] else "")
            report.add(f"{table.sheet.name}!{where}", f, "", f"{f} blank: carried down from {letter}{run[0] + 1}", "info")

    for r in range(cmap.header_row + 1, len(rows)):
        row = rows[r]
        key_val = row[key_col] if key_col is not None else ""
        fast = False
        if key_val != "" and key_val is not None and not (key_val.__class__ is str and key_val.isspace()):
            for c in value_cols:
                if row[c] != "":
                    fast = True
                    break
            else:
                fast = r in error_rows
        if not fast:
            filled = [(c, v) for c, v in enumerate(row) if not _blank(v)]
            has_error = r in error_rows
            if not filled and not has_error:
                continue
            has_values = any(c < len(row) and not _blank(row[c]) for c in value_cols)
            texts = {_text(v) for _, v in filled}
            if len(texts) == 1 and not has_values and not has_error and isinstance(filled[0][1], str):
                c0, text = filled[0][0], _text(filled[0][1])
                if _NOTE_ROW.search(text):
                    report.add(table.cell(r, c0), "", text, "note, key or total row, not data", "info")
                    continue
                if pending_heading is not None:
                    report.add(table.cell(pending_heading[0], pending_heading[1]), "priority", pending_heading[2], "section heading with no rows under it", "info")
                pending_heading = (r, c0, text)
                heading = _HEADING_NUMBER.sub("", text) or text
                for f in list(runs):
                    close_run(f)
                last = {}
                continue
            if _blank(key_val) and not has_values and not has_error:
                report.add(table.cell(r, filled[0][0]), "", _text(filled[0][1])[:80], f"row has no {key_field.replace('_', ' ')} and no values, not data", "info")
                continue
        pending_heading = None
        carried = {}
        for f, c in carried_cols:
            v = row[c] if c < len(row) else ""
            if not _blank(v):
                close_run(f)
                carried[f] = _text(v)
                last[f] = (carried[f], r)
            elif f in last:
                carried[f] = last[f][0]
                if f in runs:
                    runs[f][2] = r
                else:
                    runs[f] = [last[f][1], r, r]
            elif f == "priority" and heading is not None:
                carried[f] = heading
        if heading is not None and "priority" not in carried:
            carried["priority"] = heading
        out.append((r, carried))
    for f in list(runs):
        close_run(f)
    if pending_heading is not None:
        report.add(table.cell(pending_heading[0], pending_heading[1]), "", pending_heading[2], "text below the table, not data", "info")
    return out


def _get(row: list, col: int | None):
    if col is None or col >= len(row):
        return ""
    return row[col]


def _check_error(table: _Table, r: int, c: int | None, field_: str) -> bool:
    if c is not None and (r, c) in table.sheet.errors:
        table.report.add(table.cell(r, c), field_, table.sheet.errors[(r, c)], f"formula error {table.sheet.errors[(r, c)]} in {field_.replace('_', ' ')}")
        return True
    return False


def _ids(table: _Table, data: list[tuple[int, dict]], id_field: str, prefix: str) -> list[str]:
    col = table.cmap.fields.get(id_field)
    rows = table.sheet.rows
    ids = []
    if col is None:
        table.report.add(table.sheet.name, id_field, "", f"no reference column: ids {prefix}001, {prefix}002... given in row order", "info")
        return [f"{prefix}{i:03d}" for i in range(1, len(data) + 1)]
    errors = table.sheet.errors
    for i, ((r, _), ident) in enumerate(zip(data, _clean([rows[r][col] for r, _ in data])), start=1):
        if errors:
            _check_error(table, r, col, id_field)
        if not ident:
            ident = f"{prefix}{i:03d}"
            table.report.add(table.cell(r, col), id_field, "", f"no reference: given {ident}", "warning")
        ids.append(ident)
    return ids


# ------------------------------------------------------------------------------------------ values


def _parse_date(value):
    """A due date from a cell: (Timestamp | NaT, problem-kind or '')."""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return pd.Timestamp(value), ""
    if _blank(value):
        return pd.NaT, ""
    if isinstance(value, (int, float)):
        return pd.NaT, "number"
    text = " ".join(str(value).split())
    low = text.lower()
    if low in _DATE_PLACEHOLDERS:
        return pd.NaT, "placeholder"
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d %B %y", "%d %b %y"):
        try:
            return pd.Timestamp(_dt.datetime.strptime(text, fmt)), ""
        except ValueError:
            pass
    for fmt in ("%B %Y", "%b %Y", "%b-%y", "%b-%Y", "%B-%y", "%b %y"):
        try:
            return pd.Timestamp(_dt.datetime.strptime(text, fmt)) + pd.offsets.MonthEnd(0), ""
        except ValueError:
            pass
    try:
        span = parse_span(text)
        return span.end.end_time.normalize(), ""
    except PeriodError:
        return pd.NaT, "text"


def _due_dates(table: _Table, data, col) -> list:
    if col is None:
        return [pd.NaT] * len(data)
    out = []
    cache: dict = {}
    errors = table.sheet.errors
    rows = table.sheet.rows
    for r, _ in data:
        v = rows[r][col]
        if errors and _check_error(table, r, col, "due_date"):
            out.append(pd.NaT)
            continue
        try:
            ts, problem = cache[v]
        except KeyError:
            ts, problem = cache[v] = _parse_date(v)
        if problem == "placeholder":
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} is not a date: no due date recorded", "warning")
        elif problem:
            table.report.add(table.cell(r, col), "due_date", v, f"due date {_text(v)!r} is not a date (write it like 31/03/2024)")
        out.append(ts)
    return out


def _single_period(table: _Table, period) -> Span:
    """The period of a table with one status/actual column: from period=, the title rows, sheet or file name."""
    if period is not None:
        return parse_span(period)
    title = " ".join(_text(v) for row in table.sheet.rows[: table.cmap.header_row] for v in row if not _blank(v))
    for text in (title, table.sheet.name, table.path.stem.replace("_", " ")):
        m = re.search(r"(?:q|qtr|quarter)\s*[1-4]\s*,?\s*(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}|(?:fy\s*)?\d{2,4}\s*[/\-–]\s*\d{2,4}\s*,?\s*(?:q|qtr|quarter)\s*[1-4]", text.lower())
        if m:
            return parse_span(m.group(0))
        m = re.search(r"(?:q|qtr|quarter)\s*([1-4])\b", text.lower())
        if m and table.year:
            return resolve_token(f"q{m[1]}", table.year)
    raise LayoutError(
        f"{table.path.name}: sheet {table.sheet.name!r} has one status column and names no quarter in its title, "
        "sheet name or file name, so perfkit cannot tell which quarter it reports.",
        hint="Pass the quarter, e.g. period='2023/24 Q2' (CLI: --period '2023/24 Q2').",
    )


def _finish(table: _Table, frame: pd.DataFrame) -> pd.DataFrame:
    if table.report.errors:
        raise ValidationError(str(table.path.name), list(table.report))
    frame.attrs["problems"] = list(table.report)
    frame.attrs["workbook"] = table.path.name
    frame.attrs["sheet"] = table.sheet.name
    return frame


# ------------------------------------------------------------------------------------------ milestones


def read_milestones(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale = DEFAULT_SCALE, header_row=None, *, report_only=False):
    """Read a milestones workbook into the tidy milestones frame (one row per milestone per period).

    Parameters
    ----------
    path : str or Path
        An .xlsx, .xlsm, .xls, .ods or .csv file.
    sheet : str or int, optional
        The sheet to read; by default the one whose header fits best.
    columns : dict, optional
        Extra header mappings, ``{"Header as typed": "field"}`` or ``"field@period"``
        (``{"Sept RAG": "status@2023/24 Q2"}``); map a header to ``"ignore"`` to skip it.
    year : str or int, optional
        The financial year for quarter headers that name none (``"2023/24"``).
    period : str, optional
        The quarter of a sheet with one status column, if no title names it.
    scale : StatusScale
        The status words and their order; default Red, Amber, Green, Complete.
    header_row : int, optional
        The 1-based header row, if perfkit should not look for it.

    Returns
    -------
    pandas.DataFrame
        Columns as in :mod:`perfkit.schema`; warnings in ``attrs["problems"]``.

    Raises
    ------
    WorkbookError, LayoutError, ValidationError
        ValidationError lists every faulty cell at once.

    Examples
    --------
    >>> ms = read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    """
    table = _locate(path, "milestones", sheet, columns, header_row)
    _resolve_year(table, year)
    _fill_merged(table)
    cmap, rows = table.cmap, table.sheet.rows
    data = _data_rows(table, "title")
    spans = _period_spans(table)
    status_cols = [(spans[pc.col], pc.col) for pc in cmap.period_columns if pc.field == "status" and pc.col in spans]
    comment_cols = {spans[pc.col].end: pc.col for pc in cmap.period_columns if pc.field == "commentary" and pc.col in spans}
    long_period = cmap.fields.get("period")

    # Which (period, status column) pairs each row contributes.
    if status_cols:
        layout = "wide"
        reported = []
        for span, col in sorted(status_cols, key=lambda x: x[0].end):
            any_value = any(not _blank(_get(rows[r], col)) or (r, col) in table.sheet.errors for r, _ in data)
            any_comment = span.end in comment_cols and any(not _blank(_get(rows[r], comment_cols[span.end])) for r, _ in data)
            if any_value or any_comment:
                reported.append((span.end, col))
            else:
                table.report.add(table.cell(cmap.header_row, col), "status", cmap.headers[col], f"column is empty: {span.label} not reported yet", "info")
        if not reported:
            # Colour-only statuses: keep every period column and let the fills speak.
            reported = [(s.end, c) for s, c in sorted(status_cols, key=lambda x: x[0].end)]
    elif "status" in cmap.fields:
        layout = "long" if long_period is not None else "single"
        single = None if long_period is not None else _single_period(table, period).end
        reported = [(single, cmap.fields["status"])]
    else:
        raise LayoutError(f"{table.path.name}: no status column found", hint="Map one with columns={'Your header': 'status'}.")

    optional = [f for f in schema.MILESTONE_OPTIONAL if f in cmap.fields]
    row_idx = [r for r, _ in data]
    n = len(row_idx)
    ids = _ids(table, data, "milestone_id", "M")
    id_col = cmap.fields.get("milestone_id", cmap.fields.get("title"))
    columns_out: dict[str, list] = {
        "milestone_id": ids,
        "title": _clean([_get(rows[r], cmap.fields.get("title")) for r in row_idx]),
        "priority": [c.get("priority", "") for _, c in data],
        "lead": _clean([_get(rows[r], cmap.fields.get("lead")) for r in row_idx]),
        "due_date": _due_dates(table, data, cmap.fields.get("due_date")),
        **{f: [c.get(f, "") for _, c in data] for f in optional},
    }
    for r, title in zip(row_idx, columns_out["title"]):
        if not title:
            table.report.add(table.cell(r, cmap.fields["title"]), "title", "", "milestone has no title", "warning")

    # Per reported period: status, commentary, source and period for every data row.
    per: dict[str, list[list]] = {"period": [], "status": [], "commentary": [], "source": []}
    row_numbers = [str(r + 1) for r in row_idx]
    keep = [True] * n
    for p, col in reported:
        raw = [rows[r][col] for r in row_idx]
        status = _status_column(table, row_idx, col, raw, scale, "status", blank="No data")
        if layout == "long":
            periods = []
            for i, r in enumerate(row_idx):
                pv = _get(rows[r], long_period)
                try:
                    periods.append(_row_period(pv, _get(rows[r], cmap.fields.get("year")), table.year))
                except PeriodError as exc:
                    table.report.add(table.cell(r, long_period), "period", pv, f"period not understood: {exc.args[0]}")
                    periods.append(None)
                    keep[i] = False
        else:
            periods = [p] * n
        ccol = comment_cols.get(p, cmap.fields.get("commentary"))
        letter = col_letter(col)
        per["period"].append(periods)
        per["status"].append(status)
        per["commentary"].append(_strip([rows[r][ccol] for r in row_idx]) if ccol is not None else [""] * n)
        prefix = f"{table.sheet.name}!{letter}"
        per["source"].append([prefix + n for n in row_numbers])

    if layout == "long":
        keys = list(zip(ids, per["period"][0]))
    else:
        keys = ids
    _check_duplicate_keys(table, keys, row_idx, id_col, "milestone_id")
    frame = _milestone_frame(columns_out, per, keep, scale, optional)
    return table.report if report_only else _finish(table, frame)


def _clean(values: list) -> list[str]:
    """Cell values as text with runs of white space folded; only cells that need it are touched."""
    return [v if v.__class__ is str and "  " not in v and "\n" not in v and "\t" not in v and v == v.strip() else _text(v) for v in values]


def _strip(values: list) -> list[str]:
    """Commentary as typed, its paragraphs kept, with the ends trimmed."""
    return [v.strip() if v.__class__ is str else _text(v) for v in values]


def _status_column(table: _Table, row_idx: list[int], col: int, raw: list, scale: StatusScale, field_: str, blank=None) -> list:
    """Normalise one column of status cells in one pass, reporting what is wrong with its cell.

    Unknown words and formula errors are errors (status None). A blank cell takes its
    status from its fill colour; one with no colour gets ``blank`` (for milestones,
    No data with a warning; for reported statuses, None).
    """
    cache: dict = {}
    out: list = []
    slow: list[int] = []
    for i, v in enumerate(raw):
        try:
            name = cache[v]
        except KeyError:
            name = cache[v] = scale.normalise(v) if isinstance(v, str) and v.strip() else ("" if _blank(v) else None)
        except TypeError:  # unhashable: never a status
            name = None
        out.append(name)
        if not name:
            slow.append(i)
    errors = table.sheet.errors
    if errors:
        err_idx = [i for i, r in enumerate(row_idx) if (r, col) in errors]
        for i in err_idx:
            _check_error(table, row_idx[i], col, field_)
            out[i] = None
        slow = sorted(set(slow) - set(err_idx))
    blanks = [i for i in slow if out[i] == ""]
    for i in slow:
        if out[i] is None:
            v = raw[i]
            table.report.add(
                table.cell(row_idx[i], col), field_, v,
                f"unknown status {_text(v)!r} (use one of {', '.join(scale.names)}, or add it with scale.with_synonyms)",
            )
    if blanks:
        fills = table.sheet.fills([(row_idx[i], col) for i in blanks])
        for i in blanks:
            rc = (row_idx[i], col)
            name = scale.from_colour(fills[rc]) if rc in fills else None
            if name is not None:
                table.report.add(table.cell(*rc), field_, f"fill {fills[rc]}", f"status {name} taken from the cell's fill colour", "info")
            elif blank is not None:
                name = blank
                table.report.add(table.cell(*rc), field_, "", f"no status given: recorded as {blank}", "warning")
            out[i] = name
    return out


def _check_duplicate_keys(table: _Table, keys: list, row_idx: list[int], col: int, id_field: str) -> None:
    """Report every repeated key with both cells; pandas finds them, Python only names them."""
    if len(set(keys)) == len(keys):
        return
    dup = pd.Index(keys).duplicated(keep=False)
    first: dict = {}
    for i in np.flatnonzero(dup):
        key, r = keys[i], row_idx[i]
        ident = key[0] if isinstance(key, tuple) else key
        when = f" for {period_label(key[1])}" if isinstance(key, tuple) and len(key) > 1 and isinstance(key[1], pd.Period) else ""
        if key in first:
            table.report.add(table.cell(r, col), id_field, ident, f"duplicate reference {ident!r}{when} (also at {first[key]})")
        else:
            first[key] = table.cell(r, col)


def _row_period(value, year_value, year) -> pd.Period:
    if isinstance(value, (_dt.date, pd.Timestamp)):
        return parse_span(value).end
    text = _text(value)
    if re.fullmatch(r"(?i)(?:q|qtr|quarter)\s*[1-4]|(?:h|half)\s*[12]", text):
        fy = find_financial_year(_text(year_value)) or year
        if fy is None:
            raise PeriodError(f"{text!r} names no year")
        return resolve_token(text, fy).end
    return parse_span(text).end


def _interleave(lists: list[list]) -> np.ndarray:
    """[[a1, a2], [b1, b2]] -> [a1, b1, a2, b2]: one row per item, its periods together."""
    arr = np.empty((len(lists[0]) if lists else 0, len(lists)), dtype=object)
    for j, values in enumerate(lists):
        arr[:, j] = values
    return arr.ravel()


def _milestone_frame(static: dict[str, list], per: dict[str, list[list]], keep: list[bool], scale: StatusScale, optional: list[str]) -> pd.DataFrame:
    """Assemble the frame: per-milestone columns are converted once, then repeated for each period."""
    n_periods = len(per["period"])
    n_items = len(static["milestone_id"])
    # Row i of the frame is milestone i // n_periods in period i % n_periods; dropped rows leave it.
    take = np.repeat(np.arange(n_items), n_periods)[np.repeat(np.array(keep, dtype=bool), n_periods)]
    mask = np.repeat(np.array(keep, dtype=bool), n_periods)
    cols = schema.MILESTONE_COLUMNS[:5] + optional + schema.MILESTONE_COLUMNS[5:]
    out = {}
    for name, values in static.items():
        if name == "due_date":
            due = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]").to_numpy()
            out[name] = due[take]
        else:
            out[name] = pd.array(values, dtype="str").take(take)
    for name, lists in per.items():
        out[name] = _interleave(lists)[mask]
    ordinals = np.fromiter((p.ordinal for p in out["period"]), dtype=np.int64, count=len(out["period"]))
    out["period"] = pd.PeriodIndex.from_ordinals(ordinals, freq=FREQ)
    codes = pd.Series(out["status"], dtype=object).map({name: i for i, name in enumerate(scale.names)}).fillna(-1).astype("int64")
    out["status"] = pd.Categorical.from_codes(codes, dtype=scale.dtype)
    for name in ("commentary", "source"):
        out[name] = pd.array(out[name], dtype="str")
    return pd.DataFrame({c: out[c] for c in cols})


# ------------------------------------------------------------------------------------------ measures

_RANGE = re.compile(r"^\s*([£$]?\s*-?[\d.,]+\s*%?)\s*(?:-|–|to)\s*([£$]?\s*-?[\d.,]+\s*%?)\s*$")


def _word_lookup(words: dict[str, list[str]]) -> dict[str, str]:
    return {re.sub(r"[^a-z0-9↑↓/-]+", " ", w.lower()).strip(): k for k, ws in words.items() for w in [k, *ws]}


_POLARITY = _word_lookup(schema.POLARITY_WORDS)
_FREQUENCY = _word_lookup(schema.FREQUENCY_WORDS)


def _word(lookup, value) -> str | None:
    return lookup.get(re.sub(r"[^a-z0-9↑↓/-]+", " ", _text(value).lower()).strip())


def _number_cell(table: _Table, r: int, c: int | None, field_: str, units: set):
    """A number from a cell, reporting text that is not one. Returns (value or NaN, missing-kind)."""
    if c is None:
        return np.nan, "absent"
    if _check_error(table, r, c, field_):
        return np.nan, "error"
    v = _get(table.sheet.rows[r], c)
    parsed = parse_number(v)
    if parsed.missing == "text":
        table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} is not a number")
        return np.nan, "text"
    if parsed.unit:
        units.add(parsed.unit)
    return (np.nan if parsed.value is None else parsed.value), parsed.missing


def read_measures(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale = DEFAULT_SCALE, header_row=None, *, report_only=False):
    """Read a measures (KPI) workbook into the tidy measures frame (one row per measure per period).

    Parameters are as for :func:`read_milestones`. Wide layouts (``Q1 Actual``,
    ``2022/23 Q1``...) and long ones (a period column) are both read; targets may
    be one column, one per year (``2023/24 Target``) or one per quarter.

    Returns
    -------
    pandas.DataFrame
        Columns as in :mod:`perfkit.schema`; warnings in ``attrs["problems"]``.

    Examples
    --------
    >>> kp = read_measures("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    """
    table = _locate(path, "measures", sheet, columns, header_row)
    _resolve_year(table, year)
    _fill_merged(table)
    cmap, rows, report = table.cmap, table.sheet.rows, table.report
    data = _data_rows(table, "name")
    spans = _period_spans(table)
    by_field: dict[str, list[tuple[Span, int]]] = {}
    for pc in cmap.period_columns:
        if pc.col in spans:
            by_field.setdefault(pc.field, []).append((spans[pc.col], pc.col))
    long_period = cmap.fields.get("period")
    if "actual" in by_field:
        layout = "wide"
        actual_cols = sorted(by_field["actual"], key=lambda x: (x[0].end, x[0].kind != "quarter"))
        reported = []
        for span, col in actual_cols:
            if any(not _blank(_get(rows[r], col)) or (r, col) in table.sheet.errors for r, _ in data):
                reported.append((span, col))
            else:
                report.add(table.cell(cmap.header_row, col), "actual", cmap.headers[col], f"column is empty: {span.label} not reported yet", "info")
    elif "actual" in cmap.fields:
        layout = "long" if long_period is not None else "single"
        span = None if long_period is not None else _single_period(table, period)
        reported = [(span, cmap.fields["actual"])]
    else:
        layout, reported = "targets-only", []
        report.add(table.sheet.name, "actual", "", "no actual columns: targets only", "warning")

    ids = _ids(table, data, "measure_id", "K")
    row_idx = [r for r, _ in data]
    status_at: dict[pd.Period, int] = {span.end: col for span, col in by_field.get("reported_status", [])}
    statuses: dict[tuple[int, int], str | None] = {}
    for col in [*status_at.values(), *([cmap.fields["reported_status"]] if "reported_status" in cmap.fields else [])]:
        names = _status_column(table, row_idx, col, [rows[r][col] for r in row_idx], scale, "reported_status")
        statuses.update({(r, col): (name or None) for r, name in zip(row_idx, names)})

    has_polarity = "polarity" in cmap.fields
    if not has_polarity:
        report.add(table.sheet.name, "polarity", "", "no polarity column: measures with a target are taken as higher is better; add a 'Polarity' column (higher/lower) to say otherwise", "warning")
    records = []
    id_col = cmap.fields.get("measure_id", cmap.fields.get("name"))
    for (r, carried), ident in zip(data, ids):
        row = rows[r]
        units: set = set()
        name = _text(_get(row, cmap.fields.get("name")))
        unit = _text(_get(row, cmap.fields.get("unit")))
        static_target = _target_cell(table, r, cmap.fields.get("target"), units)
        target_cols = {span: col for span, col in by_field.get("target", [])}
        targets = {span: _target_cell(table, r, col, units) for span, col in target_cols.items()}
        has_target = not np.isnan(static_target[0]) or not np.isnan(static_target[1]) or any(
            not (np.isnan(t[0]) and np.isnan(t[1])) for t in targets.values()
        )
        polarity = _polarity(table, r, cmap.fields.get("polarity"), has_target)
        frequency = _frequency(table, r, cmap.fields.get("frequency"), reported, row)
        tol, tol_type = _tolerance(table, r, cmap.fields.get("tolerance"))
        base = {
            "measure_id": ident, "name": name, "priority": carried.get("priority", ""), "polarity": polarity,
            "frequency": frequency, "tolerance": tol, "tolerance_type": tol_type,
            **{f: (carried.get(f, "") if f in CARRIED else _text(_get(row, cmap.fields.get(f)))) for f in schema.MEASURE_OPTIONAL if f in cmap.fields},
        }
        row_records = []
        for span, col in reported:
            if layout == "long":
                pv = _get(row, long_period)
                try:
                    p = _row_period(pv, _get(row, cmap.fields.get("year")), table.year)
                except PeriodError as exc:
                    report.add(table.cell(r, long_period), "period", pv, f"period not understood: {exc.args[0]}")
                    continue
                span = Span("quarter", p, p)
            p = span.end
            if span.kind == "quarter" and not _due(frequency, p):
                v = _get(row, col)
                if _blank(v):
                    continue
            actual, missing = _number_cell(table, r, col, "actual", units)
            if missing == "blank":
                report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}: recorded as missing", "warning")
            target, t_low, t_high = _target_for(span, targets, static_target)
            scol = status_at.get(p, cmap.fields.get("reported_status"))
            ccol = next((c for s, c in by_field.get("commentary", []) if s.end == p), cmap.fields.get("commentary"))
            row_records.append({
                **base, "target": target, "target_low": t_low, "target_high": t_high, "actual": actual,
                "reported_status": statuses.get((r, scol)) if scol is not None else None,
                "period": p, "commentary": _text(_get(row, ccol)), "source": table.cell(r, col),
            })
        unit = unit or ("%" if "%" in units else "£" if "£" in units else "")
        _fractions_to_percent(table, r, unit, row_records, name)
        for rec in row_records:
            rec["unit"] = unit
        records.extend(row_records)
    keys = [(rec["measure_id"], rec["period"], *(rec.get(f, "") for f in ("directorate",))) for rec in records]
    src_rows = [int(re.search(r"(\d+)$", rec["source"])[1]) - 1 for rec in records]
    _check_duplicate_keys(table, keys, src_rows, id_col, "measure_id")
    frame = _measure_frame(records, scale, [f for f in schema.MEASURE_OPTIONAL if f in cmap.fields])
    return table.report if report_only else _finish(table, frame)


def _due(frequency: str, p: pd.Period) -> bool:
    """Whether a measure of this frequency reports in quarter ``p``."""
    return {"annual": p.quarter == 4, "half-yearly": p.quarter in (2, 4)}.get(frequency, True)


def _target_cell(table: _Table, r: int, c: int | None, units: set) -> tuple[float, float, float]:
    """(target, low, high) from a cell: a number, or a range like ``90-95%``."""
    if c is None:
        return (np.nan, np.nan, np.nan)
    v = _get(table.sheet.rows[r], c)
    if isinstance(v, str):
        m = _RANGE.match(v)
        if m:
            lo, hi = parse_number(m[1]), parse_number(m[2])
            if lo.value is not None and hi.value is not None:
                units.update(u for u in (lo.unit, hi.unit) if u)
                return (np.nan, min(lo.value, hi.value), max(lo.value, hi.value))
    value, _ = _number_cell(table, r, c, "target", units)
    return (value, np.nan, np.nan)


def _target_for(span: Span, targets: dict, static) -> tuple[float, float, float]:
    for s, t in targets.items():
        if s.kind == span.kind and s.end == span.end:
            return t
    for s, t in targets.items():
        if s.kind in ("year", "half") and s.start <= span.end <= s.end:
            return t
    return static


def _polarity(table: _Table, r: int, c: int | None, has_target: bool) -> str:
    if c is None:
        return "higher" if has_target else "none"
    v = _get(table.sheet.rows[r], c)
    if _blank(v):
        if has_target:
            table.report.add(table.cell(r, c), "polarity", "", "no polarity given: taken as higher is better", "warning")
            return "higher"
        return "none"
    found = _word(_POLARITY, v)
    if found is None:
        table.report.add(table.cell(r, c), "polarity", v, f"unknown polarity {_text(v)!r} (use higher, lower, range or none)")
        return "none"
    return found


def _frequency(table: _Table, r: int, c: int | None, reported, row) -> str:
    if c is not None:
        v = _get(table.sheet.rows[r], c)
        if not _blank(v):
            found = _word(_FREQUENCY, v)
            if found is None:
                table.report.add(table.cell(r, c), "frequency", v, f"unknown frequency {_text(v)!r} (use quarterly, half-yearly, annual or monthly)")
                return "quarterly"
            return found
    kinds = {span.kind for span, col in reported if span is not None and not _blank(_get(row, col))}
    if kinds == {"year"}:
        return "annual"
    if kinds == {"half"}:
        return "half-yearly"
    return "quarterly"


def _tolerance(table: _Table, r: int, c: int | None) -> tuple[float, str]:
    if c is None:
        return np.nan, "percent"
    v = _get(table.sheet.rows[r], c)
    if _check_error(table, r, c, "tolerance"):
        return np.nan, "percent"
    parsed = parse_number(v)
    if parsed.missing == "text":
        table.report.add(table.cell(r, c), "tolerance", v, f"tolerance {_text(v)!r} is not a number (write 5% or an amount)")
        return np.nan, "percent"
    if parsed.value is None:
        return np.nan, "percent"
    return parsed.value, "percent" if parsed.unit == "%" else "absolute"


def _fractions_to_percent(table: _Table, r: int, unit: str, records: list[dict], name: str) -> None:
    """Percentages stored as Excel fractions (0.79 shown as 79%) are put on the 0-100 scale, with a note."""
    if unit != "%" or not records:
        return
    values = [rec[k] for rec in records for k in ("target", "target_low", "target_high", "actual") if not np.isnan(rec[k])]
    if values and max(abs(v) for v in values) <= 1 and any(values):
        for rec in records:
            for k in ("target", "target_low", "target_high", "actual"):
                rec[k] = rec[k] * 100
        table.report.add(table.cell(r, table.cmap.fields.get("name", 0)), "actual", name, "percentages stored as fractions (0.79 for 79%): read as 79", "info")


def _measure_frame(records: list[dict], scale: StatusScale, optional: list[str]) -> pd.DataFrame:
    cols = schema.MEASURE_COLUMNS[:3] + optional + schema.MEASURE_COLUMNS[3:]
    frame = pd.DataFrame.from_records(records, columns=cols)
    for c in ("measure_id", "name", "priority", "unit", "commentary", "source", *optional):
        frame[c] = frame[c].astype(object).fillna("").astype(str)
    for c in ("target", "target_low", "target_high", "actual", "tolerance"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    frame["polarity"] = pd.Categorical(frame["polarity"], categories=schema.POLARITIES)
    frame["frequency"] = pd.Categorical(frame["frequency"], categories=schema.FREQUENCIES)
    frame["tolerance_type"] = pd.Categorical(frame["tolerance_type"], categories=["percent", "absolute"])
    frame["period"] = pd.PeriodIndex(frame["period"], freq=FREQ) if len(frame) else pd.Series([], dtype=f"period[{FREQ}]")
    frame["reported_status"] = pd.Categorical(frame["reported_status"], dtype=scale.dtype)
    return frame


# ------------------------------------------------------------------------------------------ validate


READERS = {"milestones": read_milestones, "measures": read_measures}


def _for_kind(kwargs: dict, kind: str) -> dict:
    """Reader arguments for one kind; ``columns`` may be split as {"milestones": {...}, "measures": {...}}."""
    cols = kwargs.get("columns")
    if isinstance(cols, dict) and cols and set(cols) <= set(READERS):
        return {**kwargs, "columns": cols.get(kind)}
    return kwargs


def _read_kinds(path, kinds: list[str], report_only: bool, kwargs: dict) -> tuple[dict, list[Problem]]:
    """Run each kind's reader; a kind with no table is skipped unless it was the only one asked for."""
    results: dict = {}
    problems: list[Problem] = []
    for kind in kinds:
        try:
            results[kind] = READERS[kind](path, report_only=report_only, **_for_kind(kwargs, kind))
        except ValidationError as exc:
            problems.extend(exc.problems)
        except LayoutError:
            if len(kinds) == 1:
                raise
    if not results and not problems:
        raise LayoutError(
            f"{Path(path).name}: no sheet holds milestones or measures perfkit recognises "
            "(a milestone/action column with a status column, or a measure column with actuals or targets).",
            hint="Name the sheet with --sheet and map its headers with --map 'Header=field' (see README: mapping a workbook).",
        )
    return results, problems


def validate(path, kind: str | None = None, **kwargs) -> Report:
    """Every problem in a workbook, errors included, without raising for bad cells.

    Parameters
    ----------
    path : str or Path
    kind : {"milestones", "measures", None}
        What to look for; by default both, each where a sheet fits.
    **kwargs
        Passed to the readers (sheet, columns, year, period, scale).

    Returns
    -------
    Report
        Empty of errors when the workbook loads cleanly.

    Raises
    ------
    WorkbookError, LayoutError
        When the file cannot be read at all, or no sheet fits.
    """
    reports, _ = _read_kinds(path, [kind] if kind else list(READERS), True, kwargs)
    return Report(p for r in reports.values() for p in r)


def read_workbook(path, **kwargs) -> dict[str, pd.DataFrame]:
    """Read whatever a workbook holds: ``{"milestones": frame, "measures": frame}`` for the kinds it has.

    ``columns`` may map headers for both kinds, or be split by kind. Errors from
    every kind present are raised together in one ValidationError.
    """
    frames, problems = _read_kinds(path, list(READERS), False, kwargs)
    if problems:
        raise ValidationError(Path(path).name, problems)
    return frames
