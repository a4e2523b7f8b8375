"""``perfkit init``: a starter ``perfkit.toml`` written from what perfkit detects in a workbook.

Each sheet gets its kind, header row and every header with the field perfkit
reads it as; headers it does not recognise are written with an empty field for
the officer to fill in (or ``"ignore"``), and sheets it could not read get the
most header-like row it found. Unknown status and polarity words are listed
under ``[status.words]`` and ``[polarity.words]`` for the officer to complete.
An officer edits the file rather than writing it.

Examples
--------
>>> from perfkit.cli.starter import starter_text
>>> text = starter_text("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from perfkit.core.config import FILENAME
from perfkit.core.errors import ConfigError, PerfkitError, col_letter
from perfkit.core.periods import pooled_years
from perfkit.read.spec import get_kind, kind_names, normalise_header
from perfkit.read.layout import HEADER_SCAN_ROWS, blank, text
from perfkit.read.workbook import open_workbook
from perfkit.read.columns import split_header
from perfkit.read.layout import make_table, period_spans, resolve_year
from perfkit.read.engine import options, survey
from perfkit.read.engine import norm_word
from perfkit.read.kinds.measures import polarity_lookup
from perfkit.read.kinds.risks import before_and_after
from perfkit.core.paths import atomic_path


def _q(value: str) -> str:
    """A TOML basic string."""
    return json.dumps(str(value), ensure_ascii=False)


def _field_hint(kind: str | None) -> str:
    kinds = [kind] if kind else kind_names()
    fields = sorted({f for k in kinds for f in get_kind(k).fields})
    return ", ".join(fields)


def _best_guess_header(sheet) -> int | None:
    """The row (0-based) with the most short text cells in the first rows: where a header probably is."""
    best, best_n = None, 1
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        n = sum(1 for v in row if isinstance(v, str) and v.strip() and len(v) < 60)
        if n > best_n:
            best, best_n = r, n
    return best


def _pooled_columns(cmap, spans: dict, by_col: dict) -> dict[int, str]:
    """Columns headed with pooled years (``2016 - 18``), which no period holds: written as ``"ignore"``, with a comment why."""
    notes = {}
    for pc in cmap.period_columns:
        pooled = pooled_years(pc.token)
        if pc.col not in spans and pooled:
            by_col[pc.col] = "ignore"
            notes[pc.col] = f"   # {pooled[0]} to {pooled[1]} pooled: no quarter or year holds it"
    return notes


def starter_text(path, **kwargs) -> str:
    """The text of a starter ``perfkit.toml`` for a workbook (nothing is written)."""

    kwargs = {k: v for k, v in kwargs.items() if k in ("sheet", "columns", "year", "config", "header_row", "scale")}
    opts = options(path, **kwargs)
    book = open_workbook(path)
    plans = survey(book, opts)
    name = Path(path).name
    out = [
        f"# perfkit.toml for {name}, written by `perfkit init` on {dt.date.today().isoformat()}.",
        f"# Edit it, then run `perfkit validate {name}`. Lines starting with # are comments.",
        "# Fields a column can hold: the item's reference (milestone_id, measure_id), title or name, lead, due_date,",
        "# status, commentary, priority, target, actual, polarity, unit, tolerance, period, year, area, or \"ignore\".",
        "# A column for one quarter takes the quarter after @, e.g. \"status@2024/25 Q2\".",
        "",
    ]
    years = []
    sheets_out: list[str] = []
    unknown_status: set[str] = set()
    unknown_polarity: set[str] = set()
    split_done: set[str] = set()
    for plan in plans:
        sheet_head = f"[sheets.{_q(plan.name)}]"
        if plan.kind is None:
            if plan.severity == "warning" or plan.note.startswith("hidden"):
                sheet = book.sheet(plan.name)
                guess = _best_guess_header(sheet)
                sheets_out += [
                    f"# perfkit could not read this sheet: {plan.note}.",
                    "# Set its kind and header row, and say what each column holds.",
                    sheet_head,
                    'kind = ""                 # milestones, measures, or "ignore"',
                ]
                if guess is not None:
                    sheets_out.append(f"header_row = {guess + 1}")
                    sheets_out.append(f"[sheets.{_q(plan.name)}.columns]")
                    for v in sheet.rows[guess]:
                        if not blank(v):
                            fld, token = next(((f, t) for f, t in (split_header(v, k) for k in kind_names()) if f), (None, None))
                            guess = f"{fld}@{token}" if fld and token else (fld or "")
                            sheets_out.append(f"{_q(text(v))} = {_q(guess)}" + ("   # perfkit's guess: check it" if fld else "   # what does it hold?"))
            else:
                sheets_out += [sheet_head, f'kind = "ignore"           # {plan.note}']
            sheets_out.append("")
            continue
        cmap = plan.cmap
        spec = get_kind(plan.kind)
        table = make_table(book, book.sheet(plan.name), cmap, spec)
        year, source = opts.year_for(plan.name)
        resolve_year(table, year, source)
        if plan.kind == "risks":  # which pair is before mitigation, as reading decides it (bands, 'Current' beside 'Residual')
            before_and_after(table, opts.columns_for("risks", plan.name))
        try:
            spans = period_spans(table)
        except PerfkitError:
            spans = {}
        if table.year:
            years.append((table.year, table.year_source, plan.name))
        by_col = {c: f for f, c in cmap.fields.items()}
        by_col.update({pc.col: f"{pc.field}@{spans[pc.col].label if pc.col in spans else pc.token}" for pc in cmap.period_columns})
        if plan.skip:  # one table split by its Type column (read.evidence.type_split): both kinds read it, so no kind is set
            if plan.name not in split_done:
                split_done.add(plan.name)
                sheets_out += [sheet_head, f"# {plan.note.split(':')[0]}: each row is read as the kind it names, so no kind is set here.",
                               f"header_row = {cmap.header_row + 1}"]
            sheets_out += [f"# Read as {plan.kind}: " + ", ".join(f"{_q(cmap.headers[c])} = {_q(f)}" for c, f in sorted(by_col.items())), ""]
            continue
        sheets_out += [
            sheet_head,
            f"kind = {_q(plan.kind)}",
            f"header_row = {cmap.header_row + 1}" + ("            # the second of two header rows" if cmap.header_rows == 2 else ""),
            f"[sheets.{_q(plan.name)}.columns]",
        ]
        written = set()
        pooled = _pooled_columns(cmap, spans, by_col)
        for col, header in cmap.headers.items():
            if normalise_header(header) in written:  # a header repeated (Impact before and after mitigation): TOML keys are unique
                in_order = any(by_col.get(col) in seq[1:] for seq in spec.sequences.values())
                sheets_out.append(f"# {_q(header)} again in column {col_letter(col)}: " + (
                    f"read as {by_col[col]}, the next in order after the line above" if in_order else "a repeated header, not read"))
                continue
            written.add(normalise_header(header))
            if col in by_col:
                sheets_out.append(f"{_q(header)} = {_q(by_col[col])}" + pooled.get(col, ""))
            elif col in cmap.ignored:
                sheets_out.append(f'{_q(header)} = "ignore"')
            else:
                sheets_out.append(f'{_q(header)} = "ignore"   # not recognised: give its field if perfkit should read it')
        sheets_out.append("")
        status_cols = [pc.col for pc in cmap.period_columns if pc.field == spec.status_field]
        if spec.status_field in cmap.fields:
            status_cols.append(cmap.fields[spec.status_field])
        rows = table.sheet.rows[cmap.header_row + 1:]
        for c in status_cols:
            for row in rows:
                v = row[c] if c < len(row) else ""
                if isinstance(v, str) and v.strip() and opts.scale.normalise(v) is None and len(v) < 40:
                    unknown_status.add(" ".join(v.split()))
        if "polarity" in cmap.fields:
            lookup = polarity_lookup(opts)
            c = cmap.fields["polarity"]
            for row in rows:
                v = row[c] if c < len(row) else ""
                if not blank(v) and lookup.get(norm_word(v)) is None:
                    unknown_polarity.add(text(v))
    if years:
        y, src, sheet = years[0]
        out.append(f"# perfkit found the year {y - 1}/{y % 100:02d} in {src} of sheet {sheet!r}; set it here for sheets that name none.")
        out.append(f'# year = "{y - 1}/{y % 100:02d}"')
    else:
        out.append('# year = "2024/25"      # the financial year, for quarter headers that name none ("Q2", "Apr-Jun")')
    out += ["", "[status]", f'scale = "{"five-point" if opts.scale.name == "five-point" else "RAG"}"                  # or "five-point"',
            "[status.words]", "# Words your services type for a status, and the status each means, e.g.", '# "Slipping" = "Amber"']
    for w in sorted(unknown_status):
        near = opts.scale.suggest(w)
        out.append(f'{_q(w)} = ""' + (f"   # perfkit does not know it; did you mean {near[0]!r}?" if near else "   # perfkit does not know it: Red, Amber, Green, Complete...?"))
    out += ["", "[polarity]", '# default = "higher"     # for measures with a target and no polarity: only if that is right',
            "[polarity.words]", "# Words for which way is better, e.g.", '# "over" = "higher"', '# "under" = "lower"']
    for w in sorted(unknown_polarity):
        out.append(f'{_q(w)} = ""   # higher, lower, range or none?')
    out += ["", "# Each sheet: its kind, header row and what each column holds."]
    out += sheets_out
    return "\n".join(out).rstrip() + "\n"


def write_starter(path, out=None, force: bool = False, **kwargs) -> Path:
    """Write a starter ``perfkit.toml`` beside the workbook (or to ``out``); never over one unless ``force``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    target = Path(out) if out else Path(path).resolve().parent / FILENAME
    if target.is_dir():
        target = target / FILENAME
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists", hint="Edit it, or run `perfkit init` again with --force to replace it.")
    body = starter_text(path, **{k: v for k, v in kwargs.items() if k != "config"}, config=False)

    with atomic_path(target) as tmp:
        tmp.write_text(body, encoding="utf-8")
    return target
