"""The ``perfkit`` command: a thin layer over the library's API.

Every command prints problems with their cells and never a traceback: a
:class:`~perfkit.errors.PerfkitError` becomes its message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
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
        return 130
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
