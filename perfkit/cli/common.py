"""What every ``perfkit`` command shares: the reading options, reading the workbook, the period asked for and ``--by``.

Kept apart from :mod:`perfkit.cli` so that the commands in :mod:`perfkit.cli.report` use it without
importing the parser back.
"""

from __future__ import annotations

import ctypes
import os
import gc
import sys
from pathlib import Path
from perfkit.core.errors import ConfigError
import re
import difflib
from perfkit.core.errors import summarise
from perfkit.core.errors import ConfigError as _CE


def kind_choices() -> list[str]:
    """Every kind a --map may name."""
    from perfkit.read.spec import kind_names  # deferred: keeps `perfkit --help` from loading pandas

    return kind_names()


def parse_maps(items: list[str]) -> dict:
    """``--map`` options as ``{kind: {header: field}}``; a ``kind:`` prefix limits one to that kind."""
    kinds = kind_choices()
    shared: dict = {}
    per: dict = {k: {} for k in kinds}
    for item in items:
        prefix, colon, rest = item.partition(":")
        target = shared
        if colon and prefix.strip() in kinds and "=" in rest:
            target, item = per[prefix.strip()], rest
        header, sep, fld = item.partition("=")
        if not sep or not header.strip() or not fld.strip():
            raise ConfigError(f"--map {item!r}: write it as HEADER=FIELD, e.g. --map 'Sept RAG=status@2024/25 Q2'")
        target[header.strip()] = fld.strip()
    return {k: {**shared, **per[k]} for k in kinds}


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_QUARTER_WRITTEN = re.compile(rf"(?i)(?<![a-z])(?:q|qtr|quarter|h|half)\s*[1-4](?![0-9])|{_MONTH_WORD}\s*(?:-|–|to)\s*{_MONTH_WORD}")


def names_a_year(period: str) -> bool:
    """Whether a ``--period`` names its year (``2024/25 Q2``, ``Q2 2024``, ``Sep-23``), rather than a bare ``Q2``."""
    return bool(re.search(r"\d{2,4}\s*[/\-–]\s*\d{2}|\d{4}", period)
                or re.search(rf"(?i)(?<![a-z]){_MONTH_WORD}[\s\-'’]*\d{{2}}(?![0-9])", period))


def month_as_quarter(period, option: str = "--period"):
    """A period given as a month or a day (``Sep-23``, ``September 2023``, ``2023-09``, ``30/09/2023``) as the quarter it
    falls in, said on stderr; a quarter, half-year or year, or text that is no period, as given (the reader names what is wrong).

    Examples
    --------
    >>> month_as_quarter("2023/24 Q2"), month_as_quarter("Q2"), month_as_quarter("Jul-Sep 2023")
    ('2023/24 Q2', 'Q2', 'Jul-Sep 2023')
    """
    if not isinstance(period, str) or not period.strip() or _QUARTER_WRITTEN.search(period) or not names_a_year(period):
        return period
    from perfkit.core.errors import PeriodError  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.core.periods import parse_span  # deferred: keeps `perfkit --help` from loading pandas

    try:
        span = parse_span(period)
    except PeriodError:
        return period
    if span.kind != "quarter":
        return period
    print(f"perfkit: {option} {period!r} read as {span.label}, the quarter it falls in", file=sys.stderr)
    return span.label


# Options that name files: a file name may hold any bytes, and is used as given.
_PATH_OPTIONS = {"path", "paths", "out", "config", "notebook", "compare", "store"}
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes the terminal's encoding could not read, as Python keeps them


def check_text_arguments(args) -> None:
    """Read every text option (``--council``, ``--sheet``, ``--map``...) as the UTF-8 it was typed in, or refuse it in one line.

    Under a locale that is not UTF-8 (``LC_ALL=C``), Python keeps the bytes of ``--council "Ynys Môn"`` undecoded,
    and they fail only later, as a ``UnicodeEncodeError`` while the briefing is written. Bytes that are UTF-8 are
    read as such; any others (a name typed in a Latin-1 terminal) are refused, naming the option.

    Raises
    ------
    ConfigError
    """
    for name, value in vars(args).items():
        if name in _PATH_OPTIONS:
            continue
        values = value if isinstance(value, list) else [value]
        fixed = []
        for v in values:
            if isinstance(v, str) and _UNDECODED.search(v):
                raw = v.encode(sys.getfilesystemencoding(), "surrogateescape") if _encodes(v) else v.encode("utf-8", "surrogateescape")
                try:
                    v = raw.decode("utf-8")
                except UnicodeDecodeError:
                    option = "--" + name.replace("_", "-")
                    shown = raw.decode("ascii", "backslashreplace")
                    setting = {"council": 'council = "..." under [briefing]', "period": 'period = "..." under [briefing]',
                               "year": 'year = "..."'}.get(name)
                    raise _CE(f"{option} '{shown}': the text holds bytes that are not UTF-8, so perfkit cannot tell what was typed",
                              hint="Type it in a terminal set to UTF-8 (export LANG=en_GB.UTF-8)"
                                   + (f", or put it in perfkit.toml ({setting}), saved as UTF-8." if setting else ", and run again.")) from None
            fixed.append(v)
        setattr(args, name, fixed if isinstance(value, list) else fixed[0])


def settle_arguments(args) -> str | None:
    """Make the command line's text what was meant before any command runs: the refusal's message, or None.

    Text options are read as the UTF-8 they were typed in (:func:`check_text_arguments`), and a ``--period``
    naming a month is the quarter it falls in, said on stderr (:func:`month_as_quarter`).
    """
    if isinstance(getattr(args, "path", None), list):  # PATH... : every path in args.paths, the first in args.path
        args.paths, args.path = args.path, args.path[0]
    try:
        check_text_arguments(args)
        if getattr(args, "period", None):
            args.period = month_as_quarter(args.period)
    except ConfigError as exc:
        return str(exc)
    return None


def _encodes(text: str) -> bool:
    try:
        text.encode(sys.getfilesystemencoding(), "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False


def read_kwargs(args) -> dict:
    """The reading options given on the command line, as keyword arguments for the readers."""
    kw = {}
    if getattr(args, "sheet", None):
        kw["sheet"] = args.sheet
    if getattr(args, "year", None):
        kw["year"] = args.year
    if getattr(args, "map", None):
        kw["columns"] = parse_maps(args.map)
    if getattr(args, "config", None):
        kw["config"] = str(Path(args.config).resolve())
    if getattr(args, "period", None):
        kw["period"] = args.period
    return kw


def print_problems(problems, args, out=None) -> None:
    """Print problems one a line, repeats summarised unless ``--all``, notes only with ``-v``."""
    out = out or sys.stdout
    shown = [p for p in problems if p.severity != "info" or getattr(args, "verbose", False)]
    if not getattr(args, "all", False):
        shown = summarise(shown)
    for p in shown:
        print(f"  {p.severity:<8} {p}", file=out)


def counted(n: int, word: str) -> str:
    """``1 warning``, ``3 warnings``: a count for the terminal."""
    return f"{n} {word}{'s' * (n != 1)}"


def read_frames(args, why: str = "", quiet: bool = False, store=None) -> tuple[dict, list]:
    """The workbooks' frames for a command and the warnings reading them raised, printed to stderr unless ``quiet``.

    ``store``: the history store whose earlier quarters are added (None: as ``--store`` / ``--no-store`` say, else the
    default store if there is one; False: none). Which quarters came from it is said on stderr unless ``quiet``.
    """
    from perfkit.read.several import read_workbooks  # deferred: keeps `perfkit --help` from loading pandas

    frames = read_workbooks(paths_of(args), kind=getattr(args, "kind", None), store=reading_store(args) if store is None else store,
                            **read_kwargs(args))
    warned = list(dict.fromkeys(p for f in frames.values() for p in f.attrs.get("problems", []) if p.severity == "warning"))
    if warned and not quiet:
        several = len(paths_of(args)) > 1 or Path(paths_of(args)[0]).is_dir()
        print(f"{counted(len(warned), 'warning')} from reading the workbook{'s' * several}{why}:", file=sys.stderr)
        print_problems(warned, args, out=sys.stderr)
    if not quiet:
        for said in dict.fromkeys(n for f in frames.values() for n in f.attrs.get("from_store", [])):
            print(f"perfkit: note: {said}", file=sys.stderr)
    return frames, warned


def paths_of(args) -> list[str]:
    """The workbooks and folders given on the command line (one or more)."""
    paths = getattr(args, "paths", None) or [args.path]
    return [str(p) for p in paths]


def named(args) -> str:
    """The workbooks given, for a message: ``q2_return.xlsx``, or ``3 paths (2024-25-q1, 2024-25-q2 ...)``."""
    paths = paths_of(args)
    if len(paths) == 1 and not Path(paths[0]).is_dir():
        return Path(paths[0]).name
    shown = ", ".join(Path(p).name or p for p in paths[:3]) + (" ..." if len(paths) > 3 else "")
    return f"the returns in {shown}"


def first_workbook(args) -> Path:
    """The first workbook given (the first in a folder given first): whose settings give ``brief`` its defaults."""
    from perfkit.read.several import workbook_paths  # deferred: keeps `perfkit --help` from loading pandas

    first = Path(paths_of(args)[0])
    return workbook_paths(first).files[0] if first.is_dir() else first


def reading_store(args):
    """The history store ``summary`` and ``brief`` take earlier quarters from: ``--store`` (made absolute), False with
    ``--no-store``, else None: the default store, where there is one (named to a briefing's kernel in ``$PERFKIT_STORE``)."""
    if getattr(args, "no_store", False):
        return False
    given = getattr(args, "store", None)
    if given:
        return str(Path(given).expanduser().absolute())  # absolute, not resolved: the store's link is named
    from perfkit.read.history import STORE_VARIABLE, default_store  # deferred: keeps `perfkit --help` from loading pandas

    # The default store is found here, where the command runs, and named to the briefing's kernel through the environment
    # it inherits: the kernel starts in the notebooks' folder, whose project root (and so default store) may be another.
    found = default_store()
    if found.is_dir():
        os.environ[STORE_VARIABLE] = str(found.absolute())
    return None


def add_store_options(p, loading: bool = False) -> None:
    """``--store PATH`` and ``--no-store``, for the commands that read or add to the history store."""
    p = p.add_mutually_exclusive_group()
    if loading:
        p.add_argument("--store", metavar="PATH", help="the history store to add what was read to (default: history/ in --out, else "
                       "$PERFKIT_STORE, else data/processed/history); a quarter loaded again replaces that quarter")
        p.add_argument("--no-store", action="store_true", help="write the frames only; add nothing to the history store")
    else:
        p.add_argument("--store", metavar="PATH", help="the history store to take earlier quarters from where the workbooks hold "
                       "only this one (default: data/processed/history, or $PERFKIT_STORE, where there is one)")
        p.add_argument("--no-store", action="store_true", help="use no history store: only the quarters the workbooks hold")


def give_back_memory() -> None:
    """Return the memory freed objects held to the system (glibc keeps it for the process otherwise), where that can be done.

    ``brief`` reads the workbook for its warnings gate, then lets the frames go while its kernel reads its own.
    """
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory stays with the process until it ends
        pass


def report_period(period, frames: dict):
    """The quarter to report: as given, or a bare ``Q2`` in the latest financial year the data have it."""
    from perfkit.core.periods import parse_period  # deferred: keeps `perfkit --help` from loading pandas

    if not period or names_a_year(period):
        return period

    m = re.fullmatch(r"\s*(?:q|qtr|quarter)\s*([1-4])\s*", period, re.I)
    if not m:
        raise _CE(f"--period {period!r}: write the quarter like '2024/25 Q2', or just Q2 for the latest year in the workbook")
    have = {p for f in frames.values() if "period" in f for p in f["period"].dropna().unique()}
    matching = sorted(p for p in have if p.quarter == int(m[1]))
    if not matching:
        raise _CE(f"--period {period}: the workbook has no Q{m[1]}", hint="Give the quarter with its year, e.g. --period '2024/25 Q2'.")
    return parse_period(matching[-1])


_NOT_GROUPS = {"status", "reported_status", "status_differs", "commentary", "source", "title", "name",
               "milestone_id", "measure_id", "target", "target_low", "target_high", "actual", "tolerance",
               # what perfkit works out or keeps about each figure, never a grouping a committee reads by
               "missing_reason", "span", "cumulative", "annual_target", "next_target", "reported_level", "reported_level_source",
               "reported_trend", "reported_trend_source", "tolerance_type", "due_date", "revised_due_date", "original_due_date",
               "progress", "last_status"}


def _groupable(frame, column) -> bool:
    """Whether a frame's column can group figures: words or periods (not numbers or dates), filled in somewhere."""
    if column not in frame.columns or column in _NOT_GROUPS or str(column).startswith("_"):
        return False
    values = frame[column]
    kind = getattr(values.dtype, "kind", "O")
    if kind in "iufcmMb":  # a period groups (group keys are written 2023/24 Q2); figures and dates do not
        return False
    from perfkit.analyse.summarise import filled_in  # deferred: `brief` launches its kernel before pandas loads here

    return filled_in(values)


def check_by(by, frames: dict, out=None) -> None:
    """Refuse a ``--by`` the workbook's frames cannot be grouped by: the milestones' and measures' columns where it has
    them (:func:`check_group_column`), else an action plan's (its own columns, or the field the words name: ``Council``
    is a shared service's ``area``); a risk register alone is reported in its own groups."""
    if not by:
        return
    ms, kp, acts = frames.get("milestones"), frames.get("measures"), frames.get("actions")
    if ms is None and kp is None and acts is not None:
        from perfkit.analyse.actions import group_column  # deferred: `brief` launches its kernel before pandas loads here

        if group_column(acts, by) is None:
            choices = [c for c in acts.columns if group_column(acts, c) == c]
            raise ConfigError(f"cannot group the action plan by {by!r}: it has no such column filled in",
                              hint=f"Group by one of: {', '.join(map(str, choices))}, or run it again without --by.")
        return
    check_group_column(by, ms, kp, out)


def check_group_column(by, milestones=None, measures=None, out=None) -> None:
    """Refuse a ``--by`` column that no frame has (naming those it could be), or that cannot group.

    A column that only one kind has groups that kind; the other is left ungrouped, and a note says so.

    Raises
    ------
    ConfigError

    Examples
    --------
    >>> import pandas as pd
    >>> check_group_column("priority", pd.DataFrame({"priority": ["Housing"], "status": ["Green"]}))
    """
    if not by:
        return
    frames = {k: f for k, f in (("milestones", milestones), ("measures", measures)) if f is not None}
    if not frames:
        raise ConfigError(f"cannot group by {by!r}: the workbook holds no milestones, measures or action plan, and a risk "
                          "register is reported in its own groups", hint="Run it again without --by (or without [briefing] by in perfkit.toml).")
    if by == "sheet":  # every row keeps the cell it came from, so the sheet is always there to group by
        return
    from perfkit.analyse.figures import header_field  # deferred: `brief` launches its kernel before pandas loads here

    named = {header_field(f, by) for f in frames.values()} - {by}
    if len(named) == 1:  # "--by Service": the workbook's header for a column read as a field of perfkit's
        field = named.pop()
        print(f"perfkit: note: grouping by {by!r}, read as {field}", file=out or sys.stderr)
        by = field
    choices = []
    for f in frames.values():
        for c in f.columns:
            if c not in choices and _groupable(f, c):
                choices.append(c)
    listed = ", ".join(map(str, choices + ["sheet"]))
    if by in _NOT_GROUPS or any(by in f.columns and not _groupable(f, by) and f[by].astype(str).str.strip().ne("").any()
                                for f in frames.values()):
        raise ConfigError(f"cannot group the summary by {by!r}: the figures are already counted per status, or it is not a grouping",
                          hint=f"Group by one of: {listed}.")
    having = [k for k, f in frames.items() if _groupable(f, by)]
    if not having:
        close = difflib.get_close_matches(str(by).strip().lower().replace(" ", "_"), [str(c) for c in choices], n=1, cutoff=0.6)
        empty = any(by in f.columns for f in frames.values())
        guess = f" (did you mean {close[0]!r}?)" if close and not empty else ""
        what = "fills in no" if empty else "has no such column"
        raise ConfigError(f"cannot group by {by!r}: the workbook {what}{' ' + repr(by) if empty else ''}{guess}", hint=f"Group by one of: {listed}.")
    for kind in frames:
        if kind not in having:
            print(f"perfkit: note: the {kind} have no {by!r} column, so their figures are not grouped", file=out or sys.stderr)
