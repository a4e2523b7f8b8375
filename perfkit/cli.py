"""The ``perfkit`` command: a thin layer over the library's API.

Every command prints problems with their cells and never a traceback: a
:class:`~perfkit.errors.PerfkitError` becomes its message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import PerfkitError, Report

KINDS = ("milestones", "measures")


def _reader_args(p: argparse.ArgumentParser, kind=True) -> None:
    p.add_argument("path", help="the workbook (.xlsx, .xlsm, .xls, .ods or .csv)")
    if kind:
        p.add_argument("--kind", choices=KINDS, help="read only milestones or only measures (default: whatever the workbook has)")
    p.add_argument("--sheet", help="the sheet to read (default: the one whose header fits)")
    p.add_argument("--year", help="financial year for quarter headers that name none, e.g. 2023/24")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="map a header perfkit does not recognise, e.g. --map 'Sept RAG=status@2023/24 Q2' (repeatable)")


def _read_kwargs(args) -> dict:
    kw = {}
    if args.sheet:
        kw["sheet"] = args.sheet
    if args.year:
        kw["year"] = args.year
    if args.map:
        cols = {}
        for item in args.map:
            header, sep, fld = item.partition("=")
            if not sep:
                raise PerfkitError(f"--map {item!r}: write it as HEADER=FIELD")
            cols[header] = fld
        kw["columns"] = cols
    return kw


def _print_report(report: Report, verbose: bool, out=None) -> None:
    out = out or sys.stdout
    for p in report:
        if p.severity == "info" and not verbose:
            continue
        print(f"  {p.severity:<8} {p}", file=out)


def cmd_validate(args) -> int:
    from .load import validate

    report = validate(args.path, kind=args.kind, **_read_kwargs(args))
    errors, warnings = len(report.errors), len(report.warnings)
    name = Path(args.path).name
    if errors:
        print(f"{name}: {errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)}; fix the errors and run again")
    else:
        print(f"{name}: no errors, {warnings} warning{'s' * (warnings != 1)}")
    _print_report(report, args.verbose)
    return 1 if errors else 0


def cmd_load(args) -> int:
    from .export import write_frames
    from .load import read_measures, read_milestones, read_workbook

    kw = _read_kwargs(args)
    if args.kind == "milestones":
        frames = {"milestones": read_milestones(args.path, **kw)}
    elif args.kind == "measures":
        frames = {"measures": read_measures(args.path, **kw)}
    else:
        frames = read_workbook(args.path, **kw)
    for name, frame in frames.items():
        print(f"{name}: {frame.iloc[:, 0].nunique()} items, {len(frame)} rows, {frame['period'].nunique()} periods")
    written = write_frames(frames, Path(args.path).stem, args.out)
    for p in written:
        print(f"wrote {p}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perfkit",
        description="Turn a council's quarterly performance workbooks into tidy data, figures and a briefing.",
    )
    parser.add_argument("--version", action="version", version=f"perfkit {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected failure (may be given after the command too)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="list every problem in a workbook, with its cell; exit 1 if there are errors",
                       description="Check a workbook and list every problem with its cell. Exits 1 when there are errors.")
    _reader_args(p)
    p.add_argument("-v", "--verbose", action="store_true", help="also list notes (title rows, carried-down cells, colours read)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("load", help="write the tidy frames to data/processed/ as parquet and CSV",
                       description="Read a workbook and write its tidy frames as parquet and CSV (the raw file is never changed).")
    _reader_args(p)
    p.add_argument("--out", help="folder to write to (default: data/processed/ under the project root)")
    p.set_defaults(func=cmd_load)

    _add_later_commands(sub)
    return parser


def _add_later_commands(sub) -> None:
    """Commands built on the analysis and briefing layers."""
    try:
        from . import cli_report
    except ImportError:  # pragma: no cover - only while those layers are absent
        return
    cli_report.add_commands(sub, _reader_args, _read_kwargs)


def main(argv=None) -> int:
    """Run one ``perfkit`` command; return its exit code, never raising and never printing a traceback.

    ``--debug`` (anywhere on the line, or ``PERFKIT_DEBUG=1``) shows the traceback of an
    unexpected failure instead of the one-line message.

    Examples
    --------
    >>> main(["validate", "no/such/book.xlsx"])  # doctest: +SKIP
    1
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("PERFKIT_DEBUG", "").strip() not in ("", "0")
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except PerfkitError as exc:
        print(f"perfkit: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        print("perfkit: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0
    except BaseException as exc:  # the guard: also pyo3's PanicException, which is not an Exception
        if isinstance(exc, SystemExit):
            raise
        if debug:
            traceback.print_exc()
        print(f"perfkit: {unexpected_message(exc, args)}", file=sys.stderr)
        return 1


def unexpected_message(exc: BaseException, args=None) -> str:
    """One line (and a hint) for an exception perfkit did not expect: what failed and what to do.

    Examples
    --------
    >>> print(unexpected_message(PermissionError(13, "Permission denied", "reports/x.html")))
    cannot write or read reports/x.html: permission denied
    Choose a file or folder you can use (for output, --out), and run again.
    """
    command = getattr(args, "command", None)
    target = getattr(args, "path", None)
    doing = f"{command} {target}" if command and target else command or "the command"
    if isinstance(exc, MemoryError):
        return (f"{doing}: ran out of memory\n"
                "The file is too large for this computer; split it, or run on a machine with more memory.")
    if isinstance(exc, OSError) and exc.filename is not None:
        reasons = {
            PermissionError: "permission denied", FileExistsError: "it already exists and is not a folder",
            IsADirectoryError: "it is a folder, not a file", NotADirectoryError: "part of the path is a file, not a folder",
            FileNotFoundError: "no such file or folder",
        }
        reason = next((r for cls, r in reasons.items() if isinstance(exc, cls)), (exc.strerror or str(exc)).lower())
        return (f"cannot write or read {exc.filename}: {reason}\n"
                "Choose a file or folder you can use (for output, --out), and run again.")
    if isinstance(exc, OSError):
        return f"{doing}: {exc.strerror or exc}\nCheck the disk and the paths given, and run again."
    text = " ".join(str(exc).split())[:300] or "no detail"
    return (f"{doing} failed unexpectedly ({type(exc).__name__}: {text})\n"
            "This is a fault in perfkit, not in your file's cells: run again with --debug and send the output "
            "(and, if you can, the workbook) to whoever looks after perfkit.")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


_NOT_GROUPS = {"status", "reported_status", "status_differs", "commentary", "source", "title", "name",
               "milestone_id", "measure_id", "target", "target_low", "target_high", "actual", "tolerance"}


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
    from .errors import ConfigError

    frames = {k: f for k, f in (("milestones", milestones), ("measures", measures)) if f is not None}
    choices = []
    for f in frames.values():
        for c in f.columns:
            if c not in _NOT_GROUPS and c not in choices and not str(c).startswith("_"):
                choices.append(c)
    listed = ", ".join(map(str, choices)) or "none"
    if by in _NOT_GROUPS:
        raise ConfigError(f"cannot group the summary by {by!r}: the figures are already counted per status, or it is not a grouping",
                          hint=f"Group by one of: {listed}.")
    having = [k for k, f in frames.items() if by in f.columns]
    if not having:
        raise ConfigError(f"cannot group by {by!r}: the workbook has no such column", hint=f"Group by one of: {listed}.")
    for kind in frames:
        if kind not in having:
            print(f"perfkit: note: the {kind} have no {by!r} column, so their figures are not grouped", file=out or sys.stderr)
