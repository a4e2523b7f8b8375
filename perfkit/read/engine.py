"""Reading workbooks into the tidy frames of :mod:`perfkit.core.schema`.

:func:`read_workbook` surveys every sheet of a workbook: each is read as the kind
whose header fits it best (milestones, measures, or a kind registered in
:mod:`perfkit.read.spec`), or accounted for as not data (hidden, cover, notes, a
status key) or, when it looks like a tracker perfkit could not read, as a
warning naming it. The layout engine (:mod:`perfkit.read.layout`) finds each table;
the frame builders here turn its rows into one row per item per period,
normalising statuses, numbers (as Excel formats show them) and dates, and
collecting every problem in one pass. Errors raise one
:class:`~perfkit.core.errors.ValidationError` listing every cell; warnings and notes
travel with the frame in ``frame.attrs["problems"]``, and the sheet inventory in
``frame.attrs["inventory"]``.

Settings come from the arguments, then ``perfkit.toml`` beside the workbook
(:mod:`perfkit.core.config`), then what perfkit detects.

Examples
--------
>>> import perfkit
>>> ms = perfkit.read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> ms.groupby("period")["status"].value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import schema
from ..core.config import Config, load_config
from ..core.errors import ConfigError, LayoutError, PeriodError, Problem, Report, SheetEntry, ValidationError
from .spec import CARRIED, KindSpec, get_kind, kind_names
from .layout import (
    HEADER_SCAN_ROWS, Table, account_for_columns, report_error_cells, report_hidden_rows, blank as _blank, check_error, clean, data_rows, fill_merged, get as _get, header_in, ids as _ids,
    make_table, no_table_error, period_spans, report_reclassified, resolve_year, single_period, text as _text,
)
from .columns import resolve_token
from ..core.numbers import parse_number
from ..core.periods import FREQ, Span, find_financial_year, parse_span, period_label
from ..core.status import StatusScale
from .workbook import Sheet, Workbook, col_letter, open_workbook

_DATE_PLACEHOLDERS = {"ongoing", "on going", "tbc", "tbd", "n/a", "na", "various", "annual", "annually", "quarterly",
                      "monthly", "continuous", "throughout", "as required", "-", "–", "rolling", "none", "tba"}

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


def options(path, sheet=None, columns=None, year=None, period=None, scale=None, header_row=None, config=None) -> Options:
    cfg = load_config(config, workbook=path)
    _check_mappings(cfg, columns)
    return Options(Path(path), cfg, cfg.status_scale(scale), sheet, columns, year, period, header_row)


def _split_by_kind(mapping: dict) -> bool:
    """Whether a header mapping is given per kind, ``{"milestones": {...}, "measures": {...}}``."""
    return set(mapping) <= set(kind_names()) and all(isinstance(v, dict) for v in mapping.values())


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
            hint="Fields are those of the tidy frames: title, milestone_id, lead, due_date, status, commentary, priority, "
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


_NOT_DATA_NAME = re.compile(
    r"^\s*(cover|front|front sheet|contents|index|intro|introduction|notes?|guidance|instructions|read ?me|about|key|"
    r"legend|rag key|status key|definitions?|glossary|lookups?|lists?|drop ?downs?|data validation|version|change log|"
    r"changes|summary chart|charts?|dashboard)\b",
    re.I,
)


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
    if _NOT_DATA_NAME.match(sheet.name):
        return "a cover, notes, key or lookup sheet (by its name), not data", "info"
    if len(table_rows) < 3:
        return "text only, not a table: not data", "info"
    what = ", ".join(w for w, n in (("status words", statusy), ("references", refs), ("dates", dates), ("numbers", numbers)) if n >= 2)
    return (
        f"looks like a tracker (a table of {len(table_rows)} rows{' with ' + what if what else ''}) but perfkit could not "
        "find its header; map it in perfkit.toml (run `perfkit init`) or mark it kind = \"ignore\"",
        "warning",
    )


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
        sheet = book.sheet(name)
        best = None
        scan = HEADER_SCAN_ROWS
        for kind in ([sc.kind] if sc.kind else _likely_first(name, kinds)):
            spec = get_kind(kind)
            cmap, _ = header_in(sheet, spec, opts.columns_for(kind, name), opts.header_row_for(name), opts.scale, scan)
            if cmap is not None and (best is None or cmap.score > best[1].score):
                best = (kind, cmap)
            if best is not None:  # another kind's header can only be as high; rows below a header are its data
                scan = best[1].header_row + 2
        if best is not None:
            plans.append(SheetPlan(name, best[0], best[1]))
        elif sc.kind is not None:
            plans.append(SheetPlan(name, sc.kind, None, note=f"{opts.config.where} says it holds {sc.kind} but no header row fits"))
        else:
            note, severity = _looks_like(sheet, opts.scale)
            plans.append(SheetPlan(name, note=note, severity=severity))
    return plans


def _plan_problems(plans: list[SheetPlan], book: Workbook) -> list[Problem]:
    return [Problem(p.name, "", "", p.note, p.severity) for p in plans if p.kind is None]


# ---------------------------------------------------------------------------------------------- reading a kind


def _read_kind(kind: str, path, report_only: bool, kwargs: dict, plans=None, book=None):
    """Read every sheet a kind's header fits, one frame; or its report with ``report_only``."""
    spec = get_kind(kind)
    opts = options(path, **kwargs)
    book = book or open_workbook(path)
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
        raise no_table_error(book, spec, [p.name for p in plans if not p.hidden], closest)
    builder = BUILDERS[kind]
    report = Report()
    unread: list[SheetEntry] = []
    frames = []
    generated = 0
    for plan in mine:
        if plan.cmap is None:
            report.add(plan.name, "", "", plan.note + "; set header_row and columns for it", "error")
            unread.append(SheetEntry(plan.name, kind, 0, [], "errors", plan.note))
            continue
        sheet = book.sheet(plan.name)
        table = make_table(book, sheet, plan.cmap, spec)
        year, source = opts.year_for(plan.name)
        resolve_year(table, year, source)
        fill_merged(table)
        report_reclassified(table)
        account_for_columns(table)
        try:
            frame = builder(table, opts, generated)
        except LayoutError as exc:
            if len(mine) == 1:
                raise
            report.add(plan.name, "", "", str(exc).replace("\n", " "), "error")
            continue
        generated += len(frame.attrs.get("generated_ids", ()))
        report_error_cells(table)
        report_hidden_rows(table)
        report.extend(table.report)
        frame.attrs["sheet"] = plan.name
        frame.attrs["sections"] = tuple((h.text, h.count) for h in table.headings if h.count)
        frames.append(frame)
    frame = _concat(frames, spec, report) if frames else None
    if frame is None:
        if report.errors and not report_only:
            raise ValidationError(Path(path).name, list(report))
        if report_only:
            report.inventory = unread
            return report
        raise no_table_error(book, spec, [p.name for p in plans], None)
    inventory = [_entry(plan, f) for plan, f in zip([p for p in mine if p.cmap is not None], frames)]
    if report.errors:
        failing = {p.source.split("!")[0] for p in report.errors}
        inventory = [SheetEntry(e.sheet, e.kind, 0, [], "errors") if e.sheet in failing else e for e in inventory]
    inventory += unread
    report.inventory = inventory
    if report_only:
        return report
    if report.errors:
        raise ValidationError(Path(path).name, list(report))
    if any("risk_matrix" in f.attrs for f in frames):  # each register's own matrix (perfkit.read.kinds.risks.registers)
        matrices = {f.attrs["sheet"]: f.attrs["risk_matrix"] for f in frames if "risk_matrix" in f.attrs}
        frame.attrs["risk_matrices"] = matrices
        if len(set(matrices.values())) == 1:
            frame.attrs["risk_matrix"] = next(iter(matrices.values()))
        else:
            frame.attrs.pop("risk_matrix", None)
            report.add(", ".join(matrices), "", "", "the registers use different matrices (" + "; ".join(
                f"{name}: {m.describe()}" for name, m in matrices.items()) + "): each is summarised and mapped on its own", "info")
    frame.attrs["problems"] = list(report)
    frame.attrs["workbook"] = Path(path).name
    frame.attrs["sheet"] = ", ".join(f.attrs["sheet"] for f in frames)
    frame.attrs["inventory"] = inventory
    return frame


def _entry(plan: SheetPlan, frame: pd.DataFrame) -> SheetEntry:
    spec = get_kind(plan.kind)
    periods = sorted(frame["period"].dropna().unique()) if "period" in frame and len(frame) else []
    # A half-yearly frame (an action plan monitored six-monthly) names its periods as half-years.
    how = "half" if "cadence" in frame and len(frame) and (frame["cadence"] == "half").all() else "quarter"
    return SheetEntry(plan.name, plan.kind, int(frame[spec.id_field].nunique()) if len(frame) else 0, [period_label(p, how) for p in periods], "read",
                      sections=frame.attrs.get("sections", ()))


def _concat(frames: list[pd.DataFrame], spec: KindSpec, report: Report) -> pd.DataFrame:
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
            out[c] = pd.Categorical(out[c], dtype=first.dtype)
    keys = [spec.id_field, "period", *[c for c in ("span", "area") if c in out]]
    dup = out.duplicated(keys, keep=False)
    if dup.any():
        for _, group in out[dup].groupby(keys, sort=False, observed=True):
            srcs = list(dict.fromkeys(group["source"]))
            sheets = list(dict.fromkeys(src.split("!")[0] for src in srcs))
            if len(sheets) < 2:
                continue  # the same sheet's repeats are reported by its own check
            report.add(srcs[1], spec.id_field, group[spec.id_field].iloc[0],
                       f"{spec.noun} {group[spec.id_field].iloc[0]!r} for {period_label(group['period'].iloc[0])} is on sheets "
                       f"{' and '.join(map(repr, sheets))} (also at {srcs[0]}): references must differ between sheets; "
                       "prefix one sheet's, or read one sheet at a time with --sheet")
    return out


# ---------------------------------------------------------------------------------------------- values


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


def _due_dates(table: Table, data, col) -> list:
    if col is None:
        return [pd.NaT] * len(data)
    out = []
    cache: dict = {}
    errors = table.sheet.errors
    rows = table.sheet.rows
    for r, _ in data:
        v = rows[r][col]
        if errors and check_error(table, r, col, "due_date"):
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


def _strip(values: list) -> list[str]:
    """Commentary as typed, its paragraphs kept, with the ends trimmed."""
    return [v.strip() if v.__class__ is str else _text(v) for v in values]


def unknown_status_message(value, scale: StatusScale) -> str:
    """``unknown status 'Purple'``, with the nearest known words and how to teach perfkit a new one."""
    word = _text(value)
    near = scale.suggest(word)
    suggestion = f" (did you mean {' or '.join(map(repr, near))}?)" if near else ""
    example = scale.normalise(near[0]) if near else "Amber"
    return (
        f"unknown status {word!r}{suggestion}: use one of {', '.join(scale.names)}, "
        f"or say what it means in perfkit.toml under [status.words], e.g. \"{word}\" = \"{example}\""
    )


def status_column(table: Table, row_idx: list[int], col: int, raw: list, scale: StatusScale, field_: str, blank=None) -> list:
    """Normalise one column of status cells in one pass, reporting what is wrong with its cell.

    Unknown words and formula errors are errors (status None). A blank cell takes its
    status from its fill colour; one with no colour gets ``blank`` (for milestones,
    No data with a warning; for reported statuses, None). A word the scale reads as
    a nearby status (``Amber/Green`` on a three-point scale) is noted once per word.
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
    for word, name in cache.items():
        if isinstance(word, str) and name and scale.folded(word):
            where = [r for r, v in zip(row_idx, raw) if v == word]
            table.report.add(table.column_range(col, where), field_, word,
                             f"status {_text(word)!r} read as {name} on the {scale.name} scale ({len(where)} cell{'s' * (len(where) != 1)})", "info")
    errors = table.sheet.errors
    if errors:
        err_idx = [i for i, r in enumerate(row_idx) if (r, col) in errors]
        for i in err_idx:
            check_error(table, row_idx[i], col, field_)
            out[i] = None
        slow = sorted(set(slow) - set(err_idx))
    blanks = [i for i in slow if out[i] == ""]
    for i in slow:
        if out[i] is None:
            v = raw[i]
            table.report.add(table.cell(row_idx[i], col), field_, v, unknown_status_message(v, scale))
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


def _check_duplicate_keys(table: Table, keys: list, row_idx: list[int], col: int, id_field: str, months=None) -> None:
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
                hint="Keep one row per quarter (e.g. the quarter's last month), or map the period column to \"ignore\" and read one month at a time.",
            )
    dimension = _dimension_column(table, [row_idx[i] for i in idx])
    if dimension is not None:
        header = table.cmap.headers[dimension]
        rows = sorted({row_idx[i] for i in idx})
        raise LayoutError(
            f"{table.path.name}: sheet {table.sheet.name!r} repeats items for the same period in rows {rows[0] + 1}-{rows[-1] + 1}, "
            f"differing in column {header!r} ({col_letter(dimension)}): that column breaks each item down (by area, service or provider).",
            hint=f"Map it as the area: --map '{header}=area' (or \"{header}\" = \"area\" in perfkit.toml), or read one {header.lower()} at a time.",
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


def _row_period(value, year_value, year) -> tuple[pd.Period, object]:
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


def _long_period_column(cmap) -> int | None:
    """The column that names each row's period in a long layout: a period column, else a year column."""
    if "period" in cmap.fields:
        return cmap.fields["period"]
    if "year" in cmap.fields and not cmap.period_columns:
        return cmap.fields["year"]
    return None


def _interleave(lists: list[list]) -> np.ndarray:
    """[[a1, a2], [b1, b2]] -> [a1, b1, a2, b2]: one row per item, its periods together."""
    arr = np.empty((len(lists[0]) if lists else 0, len(lists)), dtype=object)
    for j, values in enumerate(lists):
        arr[:, j] = values
    return arr.ravel()


# ---------------------------------------------------------------------------------------------- milestones


def _build_milestones(table: Table, opts: Options, id_offset: int = 0) -> pd.DataFrame:
    cmap, rows, scale = table.cmap, table.sheet.rows, opts.scale
    data = data_rows(table)
    spans = period_spans(table)
    status_cols = [(spans[pc.col], pc.col) for pc in cmap.period_columns if pc.field == "status" and pc.col in spans]
    comment_cols = {spans[pc.col].end: pc.col for pc in cmap.period_columns if pc.field == "commentary" and pc.col in spans}
    long_period = _long_period_column(cmap)

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
                table.report.add(table.cell(cmap.header_row, c), "commentary", cmap.headers[c],
                                 f"commentary for {period_label(p)}, but the sheet's one status column is read as "
                                 f"{period_label(single) if single is not None else 'each row’s period'}: not read", "warning")
    else:
        raise LayoutError(f"{table.path.name}: sheet {table.sheet.name!r} has no status column", hint="Map one: --map 'Your header=status'.")

    carried = set(chain.from_iterable(c for _, c in data))
    optional = [f for f in schema.MILESTONE_OPTIONAL if f in cmap.fields or (f in CARRIED and f in carried)]
    row_idx = [r for r, _ in data]
    n = len(row_idx)
    ids = _ids(table, data)
    if "milestone_id" not in cmap.fields:
        ids = [f"M{int(i[1:]) + id_offset:03d}" for i in ids]
    id_col = cmap.fields.get("milestone_id", cmap.fields.get("title"))
    columns_out: dict[str, list] = {
        "milestone_id": ids,
        "title": clean([_get(rows[r], cmap.fields.get("title")) for r in row_idx]),
        "priority": [c.get("priority", "") for _, c in data],
        "lead": clean([_get(rows[r], cmap.fields.get("lead")) for r in row_idx]),
        "due_date": _due_dates(table, data, cmap.fields.get("due_date")),
        **{f: [c.get(f, "") if f in CARRIED else _text(_get(rows[r], cmap.fields.get(f))) for r, c in data] for f in optional},
    }
    for r, title in zip(row_idx, columns_out["title"]):
        if not title:
            table.report.add(table.cell(r, cmap.fields["title"]), "title", "", "milestone has no title", "warning")

    latest = max(p for p, _ in reported) if layout == "wide" else None
    shared_comment = _shared_commentary(table, latest, layout)
    per: dict[str, list[list]] = {"period": [], "status": [], "commentary": [], "source": []}
    row_numbers = [str(r + 1) for r in row_idx]
    keep = [True] * n
    months = None
    for p, col in reported:
        raw = [rows[r][col] for r in row_idx]
        status = status_column(table, row_idx, col, raw, scale, "status", blank="No data")
        if layout == "long":
            periods, months = [], []
            for i, r in enumerate(row_idx):
                pv = _get(rows[r], long_period)
                try:
                    per_, month = _row_period(pv, _get(rows[r], cmap.fields.get("year")) if long_period != cmap.fields.get("year") else "", table.year)
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
        per["commentary"].append(_strip([rows[r][ccol] for r in row_idx]) if ccol is not None else [""] * n)
        prefix = f"{table.sheet.name}!{letter}"
        per["source"].append([prefix + n for n in row_numbers])

    if layout == "long":
        kept = [i for i, k in enumerate(keep) if k]
        _check_duplicate_keys(table, [(ids[i], per["period"][0][i]) for i in kept], [row_idx[i] for i in kept], id_col,
                              "milestone_id", [months[i] for i in kept])
    else:
        _check_duplicate_keys(table, ids, row_idx, id_col, "milestone_id")
    frame = _milestone_frame(columns_out, per, keep, scale, optional)
    if "milestone_id" not in cmap.fields:
        frame.attrs["generated_ids"] = ids
    return frame


def _shared_commentary(table: Table, latest, layout: str) -> int | None:
    """The one commentary column of a table; on a wide table it is the latest quarter's update only, said aloud."""
    col = table.cmap.fields.get("commentary")
    if col is None or layout != "wide":
        return col
    table.report.add(
        table.cell(table.cmap.header_row, col), "commentary", table.cmap.headers[col],
        f"column {table.cmap.headers[col]!r} read as the commentary for {period_label(latest)}, the latest quarter reported; "
        f"earlier quarters have none (map it, e.g. \"{table.cmap.headers[col]}\" = \"commentary@{period_label(latest)}\", to say otherwise)",
        "info",
    )
    return col


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


# ---------------------------------------------------------------------------------------------- measures

_RANGE = re.compile(r"^\s*([£$]?\s*-?[\d.,]+\s*%?)\s*(?:-|–|to)\s*([£$]?\s*-?[\d.,]+\s*%?)\s*$")


def _norm_word(value) -> str:
    return re.sub(r"[^a-z0-9↑↓/-]+", " ", _text(value).lower()).strip()


def _word_lookup(words: dict[str, list[str]]) -> dict[str, str]:
    return {_norm_word(w): k for k, ws in words.items() for w in [k, *ws]}


_POLARITY = _word_lookup(schema.POLARITY_WORDS)
_FREQUENCY = _word_lookup(schema.FREQUENCY_WORDS)


def _number_cell(table: Table, r: int, c: int | None, field_: str, units: set):
    """A number from a cell as the officer sees it, reporting text that is not one. Returns (value or NaN, missing-kind).

    A cell formatted as a percentage (``0.0%`` holding 0.853) is 85.3 with unit ``%``.
    """
    if c is None:
        return np.nan, "absent"
    if check_error(table, r, c, field_):
        return np.nan, "error"
    v = _get(table.sheet.rows[r], c)
    parsed = parse_number(v)
    if parsed.missing == "text":
        table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} is not a number")
        return np.nan, "text"
    if parsed.value is not None and (r, c) in table.formats:
        units.update(("%", "~percent"))
        return parsed.value * 100, ""
    if parsed.unit:
        units.add(parsed.unit)
        if parsed.unit == "%":
            units.add("~percent")
    elif parsed.value is not None and not isinstance(v, str) and 0 < abs(parsed.value) <= 1:
        units.add("~fraction")
    if isinstance(v, str) and v.strip().startswith("(") and parsed.value is not None:
        table.report.add(table.cell(r, c), field_, v, f"{field_.replace('_', ' ')} {_text(v)!r} read as {parsed.value:g}: brackets mean a negative figure", "info")
    return (np.nan if parsed.value is None else parsed.value), parsed.missing


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


def _polarity_lookup(opts: Options) -> dict[str, str]:
    lookup = dict(_POLARITY)
    lookup.update({_norm_word(k): v for k, v in opts.config.polarity_words.items()})
    return lookup


def _measure_polarities(table: Table, opts: Options, data, has_targets: list[bool], names: list[str], has_ranges=None) -> list[str]:
    """Each measure's polarity from its column, the configured words or default, or said aloud when unknown.

    Unknown words are one error for the column, listing them; a measure with a target
    and no polarity is listed by name, never silently rated as higher is better.
    """
    col = table.cmap.fields.get("polarity")
    rows = table.sheet.rows
    lookup = _polarity_lookup(opts)
    default = opts.config.polarity_default
    out: list[str] = []
    unknown: dict[str, list[int]] = {}
    missing: list[tuple[int, str]] = []
    has_ranges = has_ranges or [False] * len(data)
    for (r, _), has_target, name, has_range in zip(data, has_targets, names, has_ranges):
        v = _get(rows[r], col) if col is not None else ""
        if _blank(v) and has_range:
            out.append("range")  # a target written as a range (90-95%) with no polarity: inside the range is met
            continue
        if _blank(v):
            if has_target:
                missing.append((r, name))
                out.append(default or "higher")
            else:
                out.append("none")
            continue
        found = lookup.get(_norm_word(v))
        if found is None:
            unknown.setdefault(_text(v), []).append(r)
            out.append("none")
        else:
            out.append(found)
    if unknown:
        rows_all = sorted(r for rs in unknown.values() for r in rs)
        words = ", ".join(repr(w) for w in unknown)
        first = next(iter(unknown))
        table.report.add(
            table.column_range(col, rows_all), "polarity", first,
            f"polarity word{'s' * (len(unknown) != 1)} {words} not known ({len(rows_all)} cell{'s' * (len(rows_all) != 1)}): "
            f"say what {'they mean' if len(unknown) > 1 else 'it means'} in perfkit.toml under [polarity.words], e.g. \"{first}\" = \"lower\" "
            "(higher, lower, range or none)",
        )
    if missing:
        listed = ", ".join(n or f"row {r + 1}" for r, n in missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        where = table.column_range(col, [r for r, _ in missing]) if col is not None else table.sheet.name
        if default:
            table.report.add(where, "polarity", "", f"{len(missing)} measure{'s' * (len(missing) != 1)} with no polarity taken as {default} is better, as {opts.config.where} says: {listed}", "info")
        else:
            table.report.add(
                where, "polarity", "",
                f"{len(missing)} measure{'s' * (len(missing) != 1)} with a target but no polarity, rated as higher is better: {listed}. "
                "Add a 'Polarity' column (higher/lower), or set [polarity] default = \"higher\" in perfkit.toml if that is right",
                "warning",
            )
    return out


def _build_measures(table: Table, opts: Options, id_offset: int = 0) -> pd.DataFrame:
    cmap, rows, report, scale = table.cmap, table.sheet.rows, table.report, opts.scale
    data = data_rows(table)
    spans = annual.period_spans(table, opts)  # months kept as months where perfkit.toml asks for a roll-up
    by_field: dict[str, list[tuple[Span, int]]] = {}
    for pc in cmap.period_columns:
        if pc.col in spans:
            by_field.setdefault(pc.field, []).append((spans[pc.col], pc.col))
    long_period = _long_period_column(cmap)
    if "actual" in by_field:
        layout = "wide"
        actual_cols = sorted(by_field["actual"], key=lambda x: (x[0].end, x[0].kind != "quarter", getattr(x[0], "ordinal", 0)))
        reported = []
        for span, col in actual_cols:
            if any(not _blank(_get(rows[r], col)) or (r, col) in table.sheet.errors for r, _ in data):
                reported.append((span, col))
            else:
                report.add(table.cell(cmap.header_row, col), "actual", cmap.headers[col], f"column is empty: {span.label} not reported yet", "info")
    elif "actual" in cmap.fields:
        layout = "long" if long_period is not None else "single"
        span = None if long_period is not None else single_period(table, opts.period)
        reported = [(span, cmap.fields["actual"])]
    else:
        layout, reported = "targets-only", []
        report.add(table.sheet.name, "actual", "", "no actual columns: targets only", "warning")

    row_idx = [r for r, _ in data]
    _percent_cells(table, [c for _, c in reported] + [c for _, c in by_field.get("target", [])] + [cmap.fields.get("target")], row_idx)
    name_col = cmap.fields.get("name")
    names = [_text(_get(rows[r], name_col)) for r in row_idx]
    if "measure_id" in cmap.fields:
        ids = _ids(table, data)
    elif layout == "long":
        first_seen: dict[str, str] = {}
        ids = [first_seen.setdefault(n, f"K{len(first_seen) + 1 + id_offset:03d}") for n in names]
        report.add(table.sheet.name, "measure_id", "", f"no reference column: measures numbered K001... by name ({len(first_seen)} measures)", "info")
    else:
        ids = [f"K{i + id_offset:03d}" for i in range(1, len(data) + 1)]
        report.add(table.sheet.name, "measure_id", "", "no reference column: ids K001, K002... given in row order", "info")
    status_at: dict[pd.Period, int] = {span.end: col for span, col in by_field.get("reported_status", [])}
    statuses: dict[tuple[int, int], str | None] = {}
    for col in [*status_at.values(), *([cmap.fields["reported_status"]] if "reported_status" in cmap.fields else [])]:
        found = status_column(table, row_idx, col, [rows[r][col] for r in row_idx], scale, "reported_status")
        statuses.update({(r, col): (name or None) for r, name in zip(row_idx, found)})

    latest = max(span.end for span, _ in reported) if layout == "wide" and reported else None
    fy_labels = annual.writes_financial_years(table, long_period, row_idx) if layout == "long" else False
    shared_comment = _shared_commentary(table, latest, layout)
    per_row = []
    target_cols = {span: col for span, col in by_field.get("target", [])}
    words = annual.word_columns(table, by_field)  # the officer's level-achieved and trend words, by period
    for (r, carried) in data:
        units: set = set()
        static_target = _target_cell(table, r, cmap.fields.get("target"), units)
        targets = {span: _target_cell(table, r, col, units) for span, col in target_cols.items()}
        has_range = not np.isnan(static_target[1]) or any(not np.isnan(t[1]) for t in targets.values())
        has_target = not np.isnan(static_target[0]) or any(not np.isnan(t[0]) for t in targets.values())
        per_row.append((units, static_target, targets, has_target or has_range, has_range))
    polarities = _measure_polarities(table, opts, data, [p[3] for p in per_row], names, [p[4] for p in per_row])
    default_tol = _default_tolerance(opts)

    records = []
    months: list = []
    id_col = cmap.fields.get("measure_id", cmap.fields.get("name"))
    optional = [f for f in schema.MEASURE_OPTIONAL if f in cmap.fields or (f in CARRIED and any(f in c for _, c in data))]
    latest_status = cmap.fields.get("reported_status")
    if latest_status is not None and layout == "wide" and len(reported) > 1:
        report.add(table.cell(cmap.header_row, latest_status), "reported_status", cmap.headers[latest_status],
                   f"column {cmap.headers[latest_status]!r} read as the services' status for {period_label(latest)}, the latest "
                   "quarter reported; earlier quarters have none", "info")
    for (r, carried), ident, name, polarity, (units, static_target, targets, _, has_range) in zip(data, ids, names, polarities, per_row):
        row = rows[r]
        unit = _text(_get(row, cmap.fields.get("unit")))
        frequency = _frequency(table, r, cmap.fields.get("frequency"), reported, row)
        tol, tol_type = _tolerance(table, r, cmap.fields.get("tolerance"))
        if np.isnan(tol) and default_tol is not None:
            tol, tol_type = default_tol
        base = {
            "measure_id": ident, "name": name, "priority": carried.get("priority", ""), "polarity": polarity,
            "frequency": frequency, "tolerance": tol, "tolerance_type": tol_type,
            **{f: (carried.get(f, "") if f in CARRIED else _text(_get(row, cmap.fields.get(f)))) for f in optional},
        }
        row_records = []
        for span, col in reported:
            month = None
            if layout == "long":
                pv = _get(row, long_period)
                try:
                    # In a column of 2010-11 years, 2011-12 is a year (not December 2011) and 2007-10 is refused.
                    span = annual.financial_year_label(pv, fy_labels)
                    if span is None:
                        p, month = _row_period(pv, _get(row, cmap.fields.get("year")) if long_period != cmap.fields.get("year") else "", table.year)
                        span = annual.row_span(pv, p)  # a year or half-year label keeps its kind
                    else:
                        p, month = span.end, None
                except PeriodError as exc:
                    report.add(table.cell(r, long_period), "period", pv, f"period not understood: {exc.args[0]}")
                    continue
            p = span.end
            if span.kind == "quarter" and not _due(frequency, p):
                v = _get(row, col)
                if _blank(v):
                    continue
            actual, missing = _number_cell(table, r, col, "actual", units)
            if missing == "blank":
                report.add(table.cell(r, col), "actual", "", f"no actual for {span.label}: recorded as missing", "warning")
            target, t_low, t_high = _target_for(span, targets, static_target)
            if not np.isnan(t_low) and np.isnan(target) and polarity in ("higher", "lower"):
                # "90-95%" with higher is better: the target is reached at the low end (at the high end for lower).
                target = t_low if polarity == "higher" else t_high
            scol = status_at.get(p, latest_status if latest is None or p == latest else None)
            ccol = next((c for s, c in by_field.get("commentary", []) if s.end == p), shared_comment if latest is None or p == latest else None)
            row_records.append({
                **base, "target": target, "target_low": t_low, "target_high": t_high, "actual": actual,
                "reported_status": statuses.get((r, scol)) if scol is not None else None,
                "period": p, "commentary": _text(_get(row, ccol)), "source": table.cell(r, col),
                **annual.record_extras(table, r, span, static_target, targets, words, latest),
            })
            months.append(month)
        unit = unit or ("%" if "%" in units else "£" if "£" in units else "")
        if "~fraction" in units and "~percent" in units:
            table.report.add(
                table.cell(r, cmap.fields.get("name", 0)), "actual", name,
                f"{name or 'this measure'} mixes percentages typed or formatted as such (e.g. 95%) with plain fractions "
                "(e.g. 0.93) in one row: perfkit cannot tell whether 0.93 means 93%; format those cells as percentages "
                "in Excel or type them as 93%", "warning",
            )
        elif not table.formats:
            _fractions_to_percent(table, r, unit, row_records, name)
        for rec in row_records:
            rec["unit"] = unit
        records.extend(row_records)
    keys = [(rec["measure_id"], rec["period"], rec["span"], rec["month"], *(rec.get(f, "") for f in ("directorate", "area") if f in optional)) for rec in records]
    src_rows = [int(re.search(r"(\d+)$", rec["source"])[1]) - 1 for rec in records]
    _check_duplicate_keys(table, keys, src_rows, id_col, "measure_id", months if layout == "long" else None)
    frame = annual.finish_measures(_measure_frame(records, scale, optional), records, table, opts)
    if "area" in frame and frame["area"].nunique() > 1:
        report.add(table.sheet.name, "area", "", f"measures are broken down by area ({frame['area'].nunique()} areas): summaries count each measure once per area; keep one area's rows for a council's own briefing", "warning")
    if "measure_id" not in cmap.fields:
        frame.attrs["generated_ids"] = sorted(set(ids))
    return frame


def _default_tolerance(opts: Options):
    if not opts.config.tolerance:
        return None
    parsed = parse_number(opts.config.tolerance)
    if parsed.value is None:
        raise ConfigError(f"{opts.config.where}: [measures] tolerance = {opts.config.tolerance!r} is not a number", hint='Write it like "5%" or an amount, "2".')
    return parsed.value, "percent" if parsed.unit == "%" else "absolute"


def _due(frequency: str, p: pd.Period) -> bool:
    """Whether a measure of this frequency reports in quarter ``p``."""
    return {"annual": p.quarter == 4, "half-yearly": p.quarter in (2, 4)}.get(frequency, True)


def _target_cell(table: Table, r: int, c: int | None, units: set) -> tuple[float, float, float]:
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
                if "%" in (lo.unit, hi.unit):
                    units.add("~percent")
                return (np.nan, min(lo.value, hi.value), max(lo.value, hi.value))
    value, _ = _number_cell(table, r, c, "target", units)
    return (value, np.nan, np.nan)


def _target_for(span: Span, targets: dict, static) -> tuple[float, float, float]:
    """The period's own target, else the half or year covering it, else the sheet's target column (blank cells skipped)."""
    for s, t in targets.items():
        if s.kind == span.kind and s.end == span.end and not all(np.isnan(t)):
            return t
    for s, t in targets.items():
        if s.kind in ("year", "half") and s.start <= span.end <= s.end and not all(np.isnan(t)):
            return t
    return static


def _frequency(table: Table, r: int, c: int | None, reported, row) -> str:
    if c is not None:
        v = _get(table.sheet.rows[r], c)
        if not _blank(v):
            found = _FREQUENCY.get(_norm_word(v))
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


def _fractions_to_percent(table: Table, r: int, unit: str, records: list[dict], name: str) -> None:
    """Percentages stored as fractions (0.79 for 79%) where no cell format says so: put on 0-100, with a note."""
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


BUILDERS = {"milestones": _build_milestones, "measures": _build_measures}


def register_builder(kind: str, builder) -> None:
    """Tell the readers how to turn a located table of a new kind into its tidy frame."""
    BUILDERS[kind] = builder


# ---------------------------------------------------------------------------------------------- public readers

_READER_DOC = """
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


def read_milestones(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale | None = None, header_row=None, config=None, *, report_only=False):
    return _read_kind("milestones", path, report_only, dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config))


def read_measures(path, sheet=None, columns=None, year=None, period=None, scale: StatusScale | None = None, header_row=None, config=None, *, report_only=False):
    return _read_kind("measures", path, report_only, dict(sheet=sheet, columns=columns, year=year, period=period, scale=scale, header_row=header_row, config=config))


read_milestones.__doc__ = f"""Read every milestone sheet of a workbook into the tidy milestones frame (one row per milestone per period).
{_READER_DOC}
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
read_measures.__doc__ = f"""Read every measures (KPI) sheet of a workbook into the tidy measures frame (one row per measure per period).

    Wide layouts (``Q1 Actual``, ``2022/23 Q1``, ``Apr-Jun``...) and long ones (a period
    column) are both read; targets may be one column, one per year or one per quarter.
    Cells formatted as percentages are read as Excel shows them (0.853 as 85.3%).
{_READER_DOC}
    Returns
    -------
    pandas.DataFrame
        Columns as in :mod:`perfkit.core.schema`; warnings in ``attrs["problems"]``.

    Examples
    --------
    >>> kp = read_measures("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
"""


def _split_kwargs(kwargs: dict) -> dict:
    allowed = {"sheet", "columns", "year", "period", "scale", "header_row", "config"}
    bad = set(kwargs) - allowed
    if bad:
        raise ConfigError(f"unknown reader option{'s' * (len(bad) > 1)}: {', '.join(sorted(bad))}")
    return kwargs


def _read_kinds(path, kinds: list[str], report_only: bool, kwargs: dict):
    """Survey the workbook once, then read each kind it holds; every sheet ends up read or reported."""
    kwargs = _split_kwargs(kwargs)
    opts = options(path, **kwargs)
    book = open_workbook(path)
    plans = survey(book, opts, kinds=None)
    results: dict = {}
    problems: list[Problem] = []
    inventory: list[SheetEntry] = []
    wanted = [k for k in kinds if any(p.kind == k for p in plans)]
    for plan in plans:
        if plan.kind is not None and plan.kind not in kinds:
            inventory.append(SheetEntry(plan.name, None, 0, [], "not read", f"holds {plan.kind}; not asked for"))
        elif plan.kind is None:
            inventory.append(SheetEntry(plan.name, None, 0, [], "not read", plan.note, plan.severity))
    for kind in wanted:
        try:
            result = _read_kind(kind, path, report_only, kwargs, plans=plans, book=book)
        except ValidationError as exc:
            problems.extend(exc.problems)
            inventory.extend(SheetEntry(p.name, kind, 0, [], "errors") for p in plans if p.kind == kind)
            continue
        results[kind] = result
        inventory.extend(result.inventory if report_only else result.attrs["inventory"])
    sheet_problems = _plan_problems(plans, book)
    order = {name: i for i, name in enumerate(book.sheet_names)}
    inventory.sort(key=lambda e: order.get(e.sheet, 0))
    if not results and not problems:
        unread = [p for p in plans if p.kind is None]
        reasons = "; ".join(f"{p.name!r}: {p.note}" for p in unread[:6])
        asked = " or ".join(kinds)
        raise LayoutError(
            f"{Path(path).name}: no sheet holds {asked} perfkit recognises ({reasons}).",
            hint="Run `perfkit init` on the workbook to write a perfkit.toml you can edit, or name the sheet with --sheet "
            "and map its headers with --map 'Header=field' (see README: mapping a workbook).",
        )
    return results, problems, sheet_problems, inventory


def validate(path, kind: str | None = None, **kwargs) -> Report:
    """Every problem in a workbook, errors included, without raising for bad cells.

    Parameters
    ----------
    path : str or Path
    kind : str, optional
        What to look for (``"milestones"``, ``"measures"``...); by default every kind, each where a sheet fits.
    **kwargs
        Passed to the readers (sheet, columns, year, period, scale, header_row, config).

    Returns
    -------
    Report
        Empty of errors when the workbook loads cleanly; ``report.inventory`` lists every sheet.

    Raises
    ------
    WorkbookError, LayoutError
        When the file cannot be read at all, or no sheet fits.
    """
    kinds = [kind] if kind else kind_names()
    for k in kinds:
        get_kind(k)
    reports, problems, sheet_problems, inventory = _read_kinds(path, kinds, True, kwargs)
    out = Report(_dedupe([*sheet_problems, *problems, *(p for r in reports.values() for p in r)]))
    out.inventory = inventory
    return out


def read_workbook(path, kind: str | None = None, **kwargs) -> dict[str, pd.DataFrame]:
    """Read whatever a workbook holds: ``{"milestones": frame, "measures": frame, ...}`` for the kinds it has.

    Every sheet is read as the kind whose header fits it, or reported: the problems of
    sheets not read are in each frame's ``attrs["problems"]`` and the whole inventory in
    ``attrs["inventory"]``. ``columns`` may map headers for every kind, or be split by kind.
    Errors from every kind present are raised together in one ValidationError.
    """
    kinds = [kind] if kind else kind_names()
    frames, problems, sheet_problems, inventory = _read_kinds(path, kinds, False, kwargs)
    if problems:
        raise ValidationError(Path(path).name, _dedupe([*sheet_problems, *problems, *(p for f in frames.values() for p in f.attrs["problems"])]))
    for f in frames.values():
        f.attrs["problems"] = _dedupe([*sheet_problems, *f.attrs["problems"]])
        f.attrs["inventory"] = inventory
    return frames


def _dedupe(problems) -> list[Problem]:
    return list(dict.fromkeys(problems))
from .kinds import actions  # noqa: E402,F401 registers the kind
from .kinds import risks  # noqa: E402,F401 registers the kind
from ..analyse import annual  # noqa: E402,F401 registers the service-plan settings ([measures] cumulative, profiles, rollup)
