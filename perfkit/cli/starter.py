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

from dataclasses import replace

import datetime as dt
import re
from pathlib import Path

from perfkit.core.config import FILENAME, own_config_path
from perfkit.core.errors import ConfigError, PerfkitError
from perfkit.core.periods import pooled_years
from perfkit.read.advice import SheetGuess, guess_sheet, likely_status_words, names_a_quarter, quoted, sheet_lines, spc_column
from perfkit.read.spec import get_kind, kind_names
from perfkit.read.layout import COMPARATOR_HEADER, blank, grouping_columns, single_period, text
from perfkit.read.workbook import open_workbook
from perfkit.read.workbook_layouts import PairedRowsSheet, TransposedSheet
from perfkit.read.layout import figures_columns_as_read, make_table, period_spans, resolve_year, rows_of_their_own_periods
from perfkit.read.engine import long_period_column, options, survey
from perfkit.read.engine import in_two_languages
from perfkit.read.kinds.measures import asks_if_met, kinds_not_units, known_polarity_word, kpi_status_scale, polarity_lookup, reporting_period_status
from perfkit.read.kinds.actions import action_spans, answer_scale
from perfkit.read.kinds.risks import before_and_after
from perfkit.read.kinds.service_plans import settings_for
from perfkit.read.columns import header_text, token_month
from perfkit.read.evidence import dropdown, words_by_order
from perfkit.core.paths import as_text, atomic_path
from perfkit.core.status import comparable


def _months_as_quarters(cmap, year) -> dict[int, str]:
    """Status columns of several months per quarter (``Jul-24 | Aug-24 | Sep-24``), which reading refuses until told which
    stands for the quarter: the last month of each as the quarter's (``status@2024/25 Q2``), the others ``ignore``, so
    that the file init writes is one ``validate`` accepts."""
    from perfkit.read.columns import resolve_token  # deferred: only a sheet of months needs it
    from perfkit.core.periods import period_label  # deferred: as above

    by_quarter: dict = {}
    for pc in cmap.period_columns:
        if token_month(pc.token) is None:
            continue
        try:
            span = resolve_token(pc.token, year)
        except PerfkitError:
            continue
        by_quarter.setdefault((pc.field, span.end), []).append(pc.col)
    out: dict[int, str] = {}
    for (fld, quarter), cols in by_quarter.items():
        if len(cols) < 2:
            continue
        last = max(cols)
        out.update({c: "ignore" for c in cols if c != last})
        out[last] = f"{fld}@{period_label(quarter)}"
    return out


def _q(value: str) -> str:
    """A TOML basic string."""
    return quoted(value)


def field_comments() -> list[str]:
    """The fields of every kind, as comment lines for the top of the file."""
    out = ["# What a column can hold, by kind of sheet (and \"ignore\" for a column that is not data):"]
    for kind in kind_names():
        fields = sorted(get_kind(kind).fields - {"ignore"})
        line = f"#   {kind}: "
        for f in fields:
            if len(line) + len(f) > 116:
                out.append(line.rstrip())
                line = "#       "
            line += f + ", "
        out.append(line.rstrip(", "))
    return out


def _quarter_line(table, spec, opts, name: str) -> list[str]:
    """The quarter a sheet with one status (or actual) column reports: found and said in a comment, else a blank to fill.

    A quarter found in the sheet's title, name or the file name is read from there each time, so it is not pinned in the
    file (next quarter's copy of the workbook would otherwise be read as this quarter).
    """
    cmap = table.cmap
    if cmap.period_columns or spec.bare_period_field not in cmap.fields or long_period_column(cmap) is not None:
        return []
    try:
        span = single_period(table, None)
    except PerfkitError:
        return ['period = ""                # which quarter does this sheet report? e.g. "2024/25 Q2" (its title, name and the file name say none)']
    return [f'# period = "{span.label}"    # found in the sheet\'s title, its name or the file name, and read from there each '
            "time: set it only if that is wrong"]


def _read_sheet_guess(book, plan, spans, year=None) -> SheetGuess:
    """What perfkit read a sheet as, in the form :func:`perfkit.read.advice.sheet_lines` writes."""
    cmap = plan.cmap
    by_col = {c: f for f, c in cmap.fields.items()}
    by_col.update({pc.col: f"{pc.field}@{spans[pc.col].label if pc.col in spans else pc.token}" for pc in cmap.period_columns})
    months = _months_as_quarters(cmap, year) if not spans and plan.kind != "measures" else {}
    by_col.update(months)  # "Jul-24 | Aug-24 | Sep-24": the quarter's last month stands for it
    pooled = _pooled_columns(cmap, spans, by_col)
    pooled.update({c: "a month of the quarter: its last month's column stands for it" for c, f in months.items() if f == "ignore"})
    columns = []
    # a date heading a column, written as Excel shows it (Apr-24), not as perfkit spells it (01/04/2024)
    sheet = book.sheet(plan.name) if plan.sheet is None else None  # a table turned round shows no header row of dates
    raw = sheet.rows[cmap.header_row] if sheet is not None and cmap.header_row < len(sheet.rows) else []
    shown = sheet.shown_dates(cmap.header_row) if raw else {}
    paired = plan.sheet.width if isinstance(plan.sheet, PairedRowsSheet) else None
    base = plan.sheet.base.rows[cmap.header_row] if paired is not None and cmap.header_row < len(plan.sheet.base.rows) else []
    for col, header in cmap.headers.items():
        if paired is not None and col >= paired:
            continue  # 'Jun-24 target': a target row's figure, no header of the sheet's; it follows its month's line
        if paired is not None and col < len(base) and str(base[col]).strip() == "":
            continue  # the names under a blank header cell: read with no line, which could name no header of the sheet's
        if col in shown and col < len(raw) and header == header_text(raw[col]):
            header = shown[col]
        if by_col.get(col) == "unit" and plan.kind == "measures" and sheet is not None and kinds_not_units(
                header_text(row[col]) for row in sheet.rows[cmap.header_row + 1:] if col < len(row)):
            # 'Perception', 'Management information': kinds of measure, set aside by reading as they are here
            columns.append((header, "ignore", "kinds of measure, not units: the figures keep the units they are typed with"))
        elif col in by_col:
            columns.append((header, by_col[col], pooled.get(col, "")))
        elif col in cmap.ignored:
            columns.append((header, "ignore", ""))
        elif col in cmap.set_aside:
            columns.append((header, "ignore", cmap.set_aside[col]))
        elif plan.kind == "measures" and spc_column(header):
            columns.append((header, "ignore", "a process-control chart's own figure: perfkit works out the mean and limits from "
                            "the figures themselves"))
        else:
            columns.append((header, "", "not read: what does it hold? a field listed at the top"))
    return SheetGuess(plan.name, plan.kind, cmap.header_row, columns)


def _pooled_columns(cmap, spans: dict, by_col: dict) -> dict[int, str]:
    """Columns headed with pooled years (``2016 - 18``), which no period holds: written as ``"ignore"``, with a comment why."""
    notes = {}
    for pc in cmap.period_columns:
        pooled = pooled_years(pc.token)
        if pc.col not in spans and pooled:
            by_col[pc.col] = "ignore"
            notes[pc.col] = f"{pooled[0]} to {pooled[1]} pooled: no quarter or year holds it"
    return notes


def _unknown_status_words(table, spec, opts, unknown_status: dict, names_of: dict | None = None) -> None:
    """Add to ``unknown_status`` each word in the table's status columns that the kind's own scale does not know (nor
    its start: "Green - on track"), with the status its cell's fill shows, if any; ``names_of`` keeps the statuses of
    the kind's scale that each word may be given (an action plan's Behind schedule... as validate offers them)."""
    cmap = table.cmap
    status_cols = [pc.col for pc in cmap.period_columns if pc.field == spec.status_field]
    if spec.status_field in cmap.fields:
        status_cols.append(cmap.fields[spec.status_field])
    rows = table.sheet.rows[cmap.header_row + 1:]
    kind_scale = spec.status_scale(opts) if spec.status_scale else opts.scale  # the kind's own words: "In progress" is an action's
    for c in status_cols:
        # "Implemented?" Yes / No: an action plan's answers, read as Complete and Not started (as reading has them)
        # "Target met?" Yes / No: a measure's answers, read as Green and Red (as reading has them)
        scale = (answer_scale(kind_scale, cmap.headers.get(c, ""), opts) if spec.name == "actions" else
                 kpi_status_scale(kind_scale, opts, asks_if_met(cmap.headers.get(c, ""))) if spec.name == "measures" else kind_scale)
        # a word the column's drop-down places by its order ("Progressing with delay" between two known words) is read,
        # and said, as reading places it: no blank to fill
        listed = dropdown(table, c, list(range(cmap.header_row + 1, len(table.sheet.rows))))
        placed = set(words_by_order(listed.words, scale, complete=spec.name != "measures")) if listed is not None else set()
        found = {}  # (row, col) -> the word
        for i, row in enumerate(rows, cmap.header_row + 1):
            v = row[c] if c < len(row) and i not in table.skip else ""
            if (isinstance(v, str) and v.strip() and scale.normalise(v) is None and scale.leading(v) is None and len(v) < 40
                    and in_two_languages(scale, v) is None  # 'Oedi / Delayed': read by the words perfkit knows, as reading does
                    and v not in placed and v.strip() not in placed):
                found[(i, c)] = " ".join(v.split())
        fills = table.sheet.fills(list(found)) if found else {}
        for rc, w in found.items():
            shown = opts.scale.from_colour(fills[rc]) if rc in fills else None
            if shown or w not in unknown_status:
                unknown_status[w] = shown or unknown_status.get(w)
            if names_of is not None:
                names_of.setdefault(w, kind_scale.names)


def starter_text(path, **kwargs) -> str:
    """The text of a starter ``perfkit.toml`` for a workbook (nothing is written)."""

    kwargs = {k: v for k, v in kwargs.items() if k in ("sheet", "columns", "year", "config", "header_row", "scale")}
    opts = options(path, **kwargs)
    book = open_workbook(path, opts.config)
    plans = survey(book, opts)
    name = Path(path).name
    out = [
        f"# perfkit.toml for {name}, written by `perfkit init` on {dt.date.today().isoformat()}.",
        f"# Edit it, then run `perfkit validate {name}`. Lines starting with # are comments.",
        '# Fill in each "" (a blank left empty is read as perfkit sees it), and check the lines marked as guesses.',
        *field_comments(),
        "# A column for one quarter takes the quarter after @, e.g. \"status@2024/25 Q2\".",
        "",
    ]
    years = []
    need_year = []
    monthly: list[str] = []  # measures sheets of months, which need a roll-up rule
    sheets_out: list[str] = []
    unknown_status: dict[str, str | None] = {}  # a word perfkit does not know -> the status its cell's fill shows, if any
    names_of: dict[str, list[str]] = {}  # each such word -> the statuses its kind's scale offers
    unknown_polarity: set[str] = set()
    split_done: set[str] = set()
    own_periods_of: dict[str, str] = {}  # sheet -> its column of each measure's own period ('Latest period')
    fields_named = "a field listed at the top"
    for plan in plans:
        sheet_head = f"[sheets.{_q(plan.name)}]"
        if plan.kind is None:
            if plan.hidden:
                sheets_out += [sheet_head, 'kind = "ignore"           # a hidden sheet: give its kind instead to read it']
            elif plan.severity == "warning":
                guess = guess_sheet(book, plan.name, opts)
                sheets_out.append("# perfkit could not read this sheet: " + (guess.unsupported if guess.unsupported else "say what it holds") + ".")
                sheet = book.sheet(plan.name)
                extra = [] if names_a_quarter(book, sheet, guess.header_row) else [
                    'period = ""                # the quarter it reports, e.g. "2024/25 Q2", if it has one status column '
                    "(its title, name and the file name name none)"]
                sheets_out += sheet_lines(guess, fields_named=fields_named, extra=extra)
                if not guess.unsupported:
                    unknown_status.update((w, unknown_status.get(w)) for w in likely_status_words(sheet, guess.header_row, opts.scale))
            else:
                sheets_out += [sheet_head, f'kind = "ignore"           # {plan.note}']
            sheets_out.append("")
            continue
        cmap = plan.cmap
        spec = get_kind(plan.kind)
        if cmap is None:  # perfkit.toml (given with --config) names its kind, but no header fits
            sheets_out += [f"# {plan.note}", *sheet_lines(guess_sheet(book, plan.name, opts), fields_named=fields_named), ""]
            continue
        table = make_table(book, plan.sheet or book.sheet(plan.name), cmap, spec)  # a transposed table turned round
        table.skip = plan.skip  # another kind's rows (a Type column's): never this kind's words or quarters
        year, source = opts.year_for(plan.name)
        resolve_year(table, year, source)
        if plan.kind == "risks":  # which pair is before mitigation, as reading decides it (bands, 'Current' beside 'Residual')
            before_and_after(table, opts.columns_for("risks", plan.name))
        if plan.kind == "measures":  # "Apr-24 ... Sep-24 | YTD", "Q2 Actual | YTD Actual | YTD Target": as reading reads them
            figures_columns_as_read(table)
            own_period = cmap.fields.get("period")
            try:  # "Latest period" of each measure's own ('2020-22', '2023'): read as such, never a long table's periods
                rows_of_their_own_periods(table, None)
            except PerfkitError:
                pass
            if own_period is not None and "period" not in cmap.fields:
                cmap.ignored.append(own_period)  # said in the line below, never a blank to fill
                own_periods_of[plan.name] = cmap.headers.get(own_period, "")
        try:  # an action plan's month columns are half-years or quarters as reading decides (its cadence)
            spans = action_spans(table)[0] if plan.kind == "actions" else period_spans(table)
        except PerfkitError:
            spans = {}
            if cmap.period_columns and table.year is None:
                need_year.append(plan.name)
            if plan.kind == "measures" and sum(token_month(pc.token) is not None for pc in cmap.period_columns) > 1:
                monthly.append(plan.name)  # refused until a roll-up or one month per quarter is given
        if table.year:
            years.append((table.year, table.year_source, plan.name))
        by_col = {c: f for f, c in cmap.fields.items()}
        by_col.update({pc.col: f"{pc.field}@{spans[pc.col].label if pc.col in spans else pc.token}" for pc in cmap.period_columns})
        stacked = [q for q in plans if q.name == plan.name and q.kind is not None and q.note.startswith("a second table under the first")]
        if stacked:  # two tables on the sheet, one under the other (read.engine._second_table): each read as its own kind
            if plan.name not in split_done:
                split_done.add(plan.name)
                sheets_out += [sheet_head, f"# {stacked[0].note}: each is read as its kind, so no kind or header row is set here."]
            sheets_out += [f"# Read as {plan.kind} (header at row {cmap.header_row + 1}): "
                           + ", ".join(f"{_q(cmap.headers[c])} = {_q(f)}" for c, f in sorted(by_col.items())), ""]
            _unknown_status_words(table, spec, opts, unknown_status, names_of)
            continue
        if plan.skip:  # one table split by its Type column (read.evidence.type_split): both kinds read it, so no kind is set
            if plan.name not in split_done:
                split_done.add(plan.name)
                sheets_out += [sheet_head, f"# {plan.note.split(':')[0]}: each row is read as the kind it names, so no kind is set here.",
                               f"header_row = {cmap.header_row + 1}"]
            sheets_out += [f"# Read as {plan.kind}: " + ", ".join(f"{_q(cmap.headers[c])} = {_q(f)}" for c, f in sorted(by_col.items())), ""]
            _unknown_status_words(table, spec, opts, unknown_status, names_of)  # the words of each kind's rows are asked for all the same
            continue
        extra = [*_quarter_line(table, spec, opts, plan.name)]
        if cmap.header_rows == 2:
            extra.append("# header_row is the second of two header rows")
        guess = _read_sheet_guess(book, plan, spans, table.year)
        if plan.kind == "measures":  # "Assessment ... for the reporting period" beside last quarter's figures: as reading has it
            now = reporting_period_status(table, None, [(spans[pc.col], pc.col) for pc in cmap.period_columns
                                                         if pc.field == "actual" and pc.col in spans])
            if now is not None:
                header = cmap.headers[now[0]]
                guess = replace(guess, columns=[(h, f"reported_status@{now[1].label}" if h == header and f == "reported_status" else f, n)
                                                for h, f, n in guess.columns])
        lines = sheet_lines(guess, fields_named=fields_named, extra=extra)
        if isinstance(table.sheet, TransposedSheet) and f"[sheets.{quoted(plan.name)}.columns]" in lines:
            # a table turned round: its "columns" are the original's rows (Target, Q1 2024/25) and a "Measure" header no cell
            # holds, which an officer cannot find in Excel; it reads with none, so they are shown, never set
            k = lines.index(f"[sheets.{quoted(plan.name)}.columns]")
            lines = [*lines[:k], "# A table turned round (one column per measure; the target and each period a row): perfkit "
                     "reads it with no lines", "# here. As perfkit sees it, its rows' labels are the headers and its row of "
                     "names is 'Measure':", *(f"# {line}" for line in lines[k:])]
        for c, names in grouping_columns(table).items():
            # "Cabinet response" (Accepted, Rejected...): reading keeps it as a grouping, so no blank to fill
            blank_line = f"{quoted(cmap.headers.get(c, ''))} = \"\""
            lines = [f"# {quoted(cmap.headers[c])}: kept as a grouping of the items ({', '.join(map(quoted, names[:3]))}"
                     f"{', ...' if len(names) > 3 else ''}), so --by {quoted(cmap.headers[c])} counts by it; no line needed"
                     if line.startswith(blank_line) else line for line in lines]
        if plan.name in own_periods_of:  # 'Latest period': each measure's figure dated with its own period, as read
            head_line = f"{quoted(own_periods_of[plan.name])} = \"ignore\""
            lines = [f"# {quoted(own_periods_of[plan.name])}: the period each measure's figure is of, read as such and said "
                     "beside it; no line needed" if line.startswith(head_line) else line for line in lines]
        if plan.kind == "measures":
            for c in cmap.unmapped:
                # "England", "Family group 2023-24": another area's figures, which reading keeps beside the measures' own
                blank_line = f"{quoted(cmap.headers.get(c, ''))} = \"\""
                if COMPARATOR_HEADER.search(cmap.headers.get(c, "")):
                    lines = [f"# {quoted(cmap.headers[c])}: another area's figures, kept beside each measure's latest and "
                             "compared with it; no line needed" if line.startswith(blank_line) else line for line in lines]
        sheets_out += lines
        sheets_out.append("")
        rows = table.sheet.rows[cmap.header_row + 1:]
        _unknown_status_words(table, spec, opts, unknown_status, names_of)
        if "polarity" in cmap.fields:
            lookup = polarity_lookup(opts)
            c = cmap.fields["polarity"]
            for row in rows:
                v = row[c] if c < len(row) else ""
                if not blank(v) and not known_polarity_word(lookup, v):  # as reading knows them ('Isel / Low', 'Maintain')
                    unknown_polarity.add(text(v))
    if need_year:
        out.append(f'year = ""                 # the financial year of the quarter headers on {", ".join(map(repr, need_year))}, '
                   'which name none, e.g. "2024/25"')
    elif years:
        y, src, sheet = years[0]
        out.append(f"# perfkit found the year {y - 1}/{y % 100:02d} in {src} of sheet {sheet!r}; set it here for sheets that name none.")
        out.append(f'# year = "{y - 1}/{y % 100:02d}"')
    else:
        out.append('# year = "2024/25"      # the financial year, for quarter headers that name none ("Q2", "Apr-Jun")')
    out += ["", "[status]", f'scale = "{"five-point" if opts.scale.name == "five-point" else "RAG"}"                  # or "five-point"',
            "[status.words]", "# Words your services type for a status, and the status each means, e.g.", '# "Slipping" = "Amber"']
    for w in sorted(unknown_status):  # never a guess from the spelling: the fill's status, else a blank to fill in
        if not comparable(w):
            continue  # "-": read as nothing given (its fill, else blank), and no word [status.words] could take
        shown = unknown_status[w]
        out.append(f'{_q(w)} = {_q(shown)}   # its cells are filled {shown}: change it if the word means otherwise' if shown else
                   f'{_q(w)} = ""   # perfkit does not know it: {", ".join(names_of.get(w, opts.scale.names))}?')
    out += ["", "[polarity]", '# default = "higher"     # for measures with a target and no polarity: only if that is right',
            "[polarity.words]", "# Words for which way is better, e.g.", '# "over" = "higher"', '# "under" = "lower"']
    for w in sorted(unknown_polarity):
        out.append(f'{_q(w)} = ""   # higher, lower, range or none?')
    kinds = {p.kind for p in plans}
    if "measures" in kinds:
        out += ["", "[measures]", '# tolerance = "10%"     # how far short of target is still amber, where the workbook states none '
                "(perfkit's default is 5%)",
                "[measures.polarity]", '# "K001" = "lower"      # a measure\'s better way, by its reference or name, where the workbook '
                "gives none (a warning names each one rated higher is better for want of it)"]
    if "risks" in kinds:
        out += ["", "[risks]", '# bands = "1-6 Low, 8-12 Medium, 15-25 High"   # the register\'s rating bands, where no key in the '
                "workbook gives them (perfkit's default 5x5: 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high)"]
    if monthly and not settings_for(opts).rollup:
        out += ["", "[measures.rollup]",
                f'default = ""   # how each quarter is made from its months on {", ".join(map(repr, monthly))}: "sum" (counts), '
                '"last" (year to date, or a position at the month\'s end) or "mean" (rates); or instead map one month per '
                'quarter below, e.g. "June" = "actual@2024/25 Q1", and the other months to "ignore"']
    out += ["", "# Each sheet: its kind, header row and what each column holds."]
    out += sheets_out
    return "\n".join(out).rstrip() + "\n"


def for_another_workbook(config: Path, workbook) -> bool:
    """Whether a folder's perfkit.toml was written for another workbook than this one (by its first line, or its sheets)."""
    try:
        body = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    first = body.splitlines()[0] if body else ""
    m = re.match(r"# perfkit\.toml for (.+?), written by `perfkit init`", first)
    if m:
        return m[1] != Path(workbook).name
    return True


def write_starter(path, out=None, force: bool = False, **kwargs) -> Path:
    """Write a starter ``perfkit.toml`` beside the workbook (or to ``out``); never over one unless ``force``.

    Where the folder's ``perfkit.toml`` is another workbook's (or the folder's own settings), the starter is the
    workbook's own ``NAME.perfkit.toml`` instead, which perfkit then reads for this workbook alone.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    own = own_config_path(path)
    if out:
        target = Path(out)
        if target.is_dir():
            target = target / FILENAME
    else:
        folder = Path(path).resolve().parent / FILENAME
        target = own if own.exists() or (folder.exists() and for_another_workbook(folder, path)) else folder
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists", hint="Edit it, or run `perfkit init` again with --force to replace it.")
    body = starter_text(path, **{k: v for k, v in kwargs.items() if k != "config"}, config=False)
    if target == own and (Path(path).resolve().parent / FILENAME).exists():
        body = body.replace("\n\n", f"\n# {Path(path).name} is read with this file alone: {FILENAME} in this folder is for other "
                            "workbooks (copy from it any settings this one needs).\n\n", 1)

    with atomic_path(target) as tmp:
        tmp.write_text(as_text(body), encoding="utf-8")  # a workbook named in a locale that is not UTF-8 (LC_ALL=C) too
    return target
