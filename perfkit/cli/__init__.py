"""The ``perfkit`` command: a thin layer over the library's API.

Every command prints problems with their cells and never a traceback: a
:class:`~perfkit.core.errors.PerfkitError` becomes its message on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

from perfkit import __version__
from perfkit.cli import history as cli_history
from perfkit.cli import report as cli_report
from perfkit.cli.terminal import safe_output
from perfkit.cli.common import (
    add_store_options,
    counted,
    named,
    paths_of,
    print_problems,
    read_frames,
    read_kwargs,
    reading_store,
    settle_arguments,
)
from perfkit.core.errors import PerfkitError
from perfkit.publish.stops import DISK_FULL, STOP_SIGNALS, stops_unwind


def _reader_args(p: argparse.ArgumentParser, kind=True) -> None:
    """The options every command that reads a workbook takes, the same everywhere."""
    p.add_argument("path", nargs="+", metavar="PATH",
                   help="the workbook (.xlsx, .xlsm, .xls, .ods or .csv), or several, or folders of them (a quarter's returns from "
                        "every service: each read with its own settings)")
    p.add_argument("--kind", help="read only this kind of sheet: milestones, measures, risks or actions (default: every kind the workbook has)")
    p.add_argument("--sheet", help="read only this sheet (default: every sheet whose header perfkit recognises)")
    p.add_argument("--year", help="financial year for quarter headers that name none, e.g. 2024/25")
    p.add_argument("--period", help="the quarter, e.g. '2024/25 Q2' or just Q2 (the year then comes from the workbook)")
    p.add_argument("--map", action="append", default=[], metavar="[KIND:]HEADER=FIELD",
                   help="say what a column holds, e.g. --map 'Sept RAG=status@2024/25 Q2' or --map 'measures:Value=actual' (repeatable)")
    p.add_argument("--config", metavar="PATH", help="settings file (default: perfkit.toml beside the workbook, if there is one)")
    p.add_argument("--all", action="store_true", help="list every problem cell by cell rather than one line per column")
    p.add_argument("-v", "--verbose", action="store_true", help="also list notes (title rows, carried-down cells, colours read)")
    p.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                   help="raise a safety limit for a genuine, unusually large workbook, e.g. --limit cells=20000000 "
                        "(names as in perfkit.toml's [limits]: see README; repeatable)")


def inventory_lines(report) -> list[str]:
    """The five-second inventory: each sheet, what was read from it, and the totals."""
    lines = ["Sheets:"]
    items: dict = {}
    periods: set = set()
    for e in report.inventory:
        mark = "!" if e.severity == "warning" and e.status != "read" else " "
        lines.append(f" {mark} {e}")
        if e.status == "read":
            items[e.kind] = items.get(e.kind, 0) + e.items
            periods.update(e.periods)
    from perfkit.core.periods import parse_period  # deferred: keeps `perfkit --help` from loading pandas

    items.update({k: n for k, n in getattr(report, "items", {}).items() if k in items})  # distinct items: a tab per quarter counts each once
    got = ", ".join(f"{n} {k}" for k, n in items.items()) or "nothing read"
    span = sorted(periods, key=lambda p: (parse_period(p), p))  # "2023/24 Q4" and "2023/24 H2" end together: the same order every run
    when = f"; {span[0]}" + (f" to {span[-1]}" if len(span) > 1 else "") if span else ""
    notes = sum(1 for p in report if p.severity == "info")
    lines.append(f"In all: {got}{when}; {counted(len(report.errors), 'error')}, {counted(len(report.warnings), 'warning')}, "
                 f"{counted(notes, 'note')}" + ("" if notes == 0 else " (-v lists them)"))
    return lines


def comparison_data(args) -> int | None:
    """For ``perfkit validate`` given one file that is not a council's workbook but comparison data (other councils'
    figures: an ONS, LG Inform or Fingertips download), say so and check it as comparison data: one line for what it
    is and the command that uses it, then what reading it as comparison data finds, one line per kind of problem.
    The exit code (1 where it cannot be read as it stands), or None where the file does not look like comparison data."""
    from perfkit.read.kinds.comparators import looks_like_comparisons, read_comparators  # deferred: keeps `perfkit --help` from loading pandas

    paths = paths_of(args)
    if len(paths) != 1 or Path(paths[0]).is_dir():
        return None
    path = Path(paths[0])
    held = looks_like_comparisons(path, getattr(args, "config", None))
    if held is None:
        return None
    print(f"{path.name}: comparison data ({held}), not a council's performance workbook: perfkit validate checks workbooks, "
          f"and perfkit brief WORKBOOK --compare {path.name} --area \"Your council\" uses this file (perfkit.read_comparators "
          "in Python). Read as comparison data:")
    try:
        frame = read_comparators(path, getattr(args, "config", None))
    except PerfkitError as exc:
        problems = list(getattr(exc, "problems", []) or [])
        if problems:
            print_problems(problems, args)
        else:
            print(f"  error    {exc}")
        print(f"fix {'these' if len(problems) > 1 else 'this'} (settings go under [comparators] in perfkit.toml beside the file) and run again")
        return 1
    problems = frame.attrs.get("problems", [])
    print_problems(problems, args)
    warned = sum(p.severity == "warning" for p in problems)
    print(f"In all: {frame['area_code'].nunique()} areas, {frame['measure_id'].nunique()} measures, "
          f"{frame['period_span'].nunique()} periods; {counted(warned, 'warning')}, {counted(len(problems) - warned, 'note')}"
          + (" (-v lists them)" if len(problems) > warned and not getattr(args, "verbose", False) else ""))
    return 0


def cmd_validate(args) -> int:
    from perfkit.read.several import validate_workbooks, workbook_paths  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.core.config import load_config  # deferred: keeps `perfkit --help` from loading pandas

    from perfkit.core.errors import ConfigError, LayoutError, ValidationError  # deferred: keeps `perfkit --help` from loading pandas

    try:
        report = validate_workbooks(paths_of(args), kind=args.kind, store=reading_store(args), **read_kwargs(args))
    except (LayoutError, ValidationError, ConfigError):
        # Opened (never a file the safety checks refused), but not a workbook perfkit can read: perhaps other councils' figures.
        compared = comparison_data(args)
        if compared is None:
            raise
        return compared
    if report.errors or not any(e.status == "read" for e in report.inventory):
        compared = comparison_data(args)
        if compared is not None:
            return compared
    errors, warnings = len(report.errors), len(report.warnings)
    name = named(args)
    if errors:
        print(f"{name}: {counted(errors, 'error')} and {counted(warnings, 'warning')}; fix the errors and run again")
    elif warnings:
        print(f"{name}: no errors, {counted(warnings, 'warning')}: check each; `perfkit brief` publishes only with --accept-warnings")
    else:
        print(f"{name}: no errors, 0 warnings")
    print_problems(report, args)
    for line in inventory_lines(report):
        print(line)
    for settings in dict.fromkeys(load_config(getattr(args, "config", None), workbook=f).describe() for f in workbook_paths(paths_of(args)).files):
        if settings:
            print(settings)
    if errors:
        return 1
    if warnings and args.strict:
        print(f"--strict: {counted(warnings, 'warning')} count as failures", file=sys.stderr)
        return 1
    return 0


def cmd_load(args) -> int:
    from perfkit.publish.export import write_frames  # deferred: keeps `perfkit --help` from loading pandas

    from perfkit.cli.history import load_with_store  # deferred: keeps `perfkit --help` from loading pandas

    frames, _ = read_frames(args, " (check them with `perfkit validate`)", store=False)
    for name, frame in frames.items():
        print(f"{name}: {frame.iloc[:, 0].nunique()} items, {len(frame)} rows, {frame['period'].nunique()} periods")
    paths = paths_of(args)
    stem = Path(paths[0]).stem or Path(paths[0]).resolve().name
    def write(alongside):
        written = write_frames(frames, stem if len(paths) == 1 else f"{stem}-and-{len(paths) - 1}-more", args.out,
                               progress=lambda m: print(m, file=sys.stderr, flush=True), alongside=alongside)
        for p in written:
            print(f"wrote {p}")

    return load_with_store(frames, args, write)


def cmd_init(args) -> int:
    from perfkit.cli.starter import write_starter  # deferred: keeps `perfkit --help` from loading pandas

    from perfkit.read.several import workbook_paths  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.core.errors import ConfigError  # deferred: keeps `perfkit --help` from loading pandas

    books = workbook_paths(paths_of(args)).files
    if args.out and len(books) > 1:
        raise ConfigError(f"--out names one settings file, and {len(books)} workbooks were given",
                          hint="Leave --out out (each workbook's settings go beside it), or give one workbook.")
    for book in books:
        path = write_starter(book, out=args.out, force=args.force, **read_kwargs(args))
        own = "" if path.name == "perfkit.toml" or args.out else (
            f" ({book.name}'s own settings: perfkit.toml in its folder is for other workbooks and is not used for this one)")
        print(f"wrote {path}{own}: fill in each \"\", then run `perfkit validate {book}`")
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
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings too")
    add_store_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("load", help="write the tidy frames to data/processed/ as parquet and CSV",
                       description="Read a workbook and write its tidy frames as parquet and CSV (the raw file is never changed).")
    _reader_args(p)
    p.add_argument("--out", help="folder to write to (default: data/processed/ under the project root)")
    add_store_options(p, loading=True)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("init", help="write a starter perfkit.toml beside the workbook from what perfkit detects",
                       description="Write perfkit.toml beside the workbook: each sheet's kind, header row and column mapping "
                       "as perfkit reads them, with comments, for you to edit.")
    _reader_args(p)
    p.add_argument("--out", help="where to write (default: perfkit.toml beside the workbook)")
    p.add_argument("--force", action="store_true", help="replace an existing perfkit.toml")
    p.set_defaults(func=cmd_init)

    _add_later_commands(sub)
    return parser


def _add_later_commands(sub) -> None:
    """Commands built on the analysis and briefing layers."""
    cli_report.add_commands(sub, _reader_args, read_kwargs)
    cli_history.add_command(sub)


def main(argv=None) -> int:
    """Run one ``perfkit`` command with its output made safe for a terminal (:mod:`perfkit.cli.terminal`); see :func:`run`.

    Run as the command itself (``argv`` None), a stop arriving once the command has finished changes nothing: its
    files are complete and its output printed, so the exit code stays the command's, not the signal's.
    """
    capped_allocator()
    with safe_output():
        code = run(argv)
    if argv is None:
        settled()
    return code


def settled() -> None:
    """Print what is waiting, then ignore Ctrl+C, SIGTERM and SIGHUP while Python shuts down.

    The command is done and its files closed, so Python's last garbage collection at exit, which walks every object the
    command made (a quarter of a second after a briefing, longer than the rest of its shutdown), is spared: what is
    left is set aside from it (``gc.freeze``) and freed with the process.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if threading.current_thread() is threading.main_thread():
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
    gc.freeze()


def capped_allocator() -> None:
    """Under a cap on address space (``ulimit -v``, as a server runs perfkit), have pyarrow allocate as C does.

    pyarrow's own allocator reserves a gigabyte of address space on first use, so a workbook needing 300 MB
    failed under a 1.5 GB cap. Set before pandas loads; the briefing's kernel inherits it. An explicit
    ``ARROW_DEFAULT_MEMORY_POOL`` is kept.
    """
    try:
        import resource  # deferred: POSIX only
    except ImportError:
        return
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def run(argv=None) -> int:
    """Run one ``perfkit`` command; return its exit code, never raising and never printing a traceback.

    ``--debug`` (anywhere on the line, or ``PERFKIT_DEBUG=1``) shows the traceback of an
    unexpected failure instead of the one-line message.

    Examples
    --------
    >>> run(["validate", "no/such/book.xlsx"])  # doctest: +SKIP
    1
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("PERFKIT_DEBUG", "").strip() not in ("", "0")
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    args = parser.parse_args(argv)
    refused = settle_arguments(args)  # text options as the UTF-8 typed, a month --period as its quarter
    if refused:
        print(f"perfkit: {refused}", file=sys.stderr)
        return 1
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        with stops_unwind(), limits_from(getattr(args, "limit", None) or []):  # SIGTERM and SIGHUP unwind as Ctrl+C does
            return args.func(args)
    except PerfkitError as exc:
        print(f"perfkit: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl+C, or SIGTERM/SIGHUP turned into publish.Stopped: 128 + the signal, as a shell reports it
        print("perfkit: stopped", file=sys.stderr)
        return 128 + getattr(exc, "signum", 2)
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


@contextmanager
def limits_from(given: list[str]):
    """Apply ``--limit NAME=VALUE`` options while a command runs, as the ``PERFKIT_MAX_*`` variables (the briefing's kernel inherits them).

    A limit given so comes before the workbook's ``perfkit.toml`` (``PERFKIT_LIMITS_GIVEN`` names them).

    Raises
    ------
    ConfigError
        For a name that is no limit, or a value that is not a positive number.

    Examples
    --------
    >>> with limits_from(["cells=20000000"]):
    ...     os.environ["PERFKIT_MAX_CELLS"]
    '20000000'
    """
    if not given:
        yield
        return
    from perfkit.core.config import LIMITS  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.core.errors import ConfigError  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.read.safety import GIVEN  # deferred: keeps `perfkit --help` from loading pandas

    changes = {}
    for item in given:
        key, _, value = item.partition("=")
        key = key.strip().lower().replace("-", "_")
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            number = -1.0
        if key not in LIMITS or not 0 < number < float("inf"):
            raise ConfigError(f"--limit {item!r}: give NAME=VALUE with a positive number, NAME one of {', '.join(LIMITS)}",
                              hint="For example --limit cells=20000000, or put the line in perfkit.toml under [limits].")
        changes[f"PERFKIT_MAX_{key.upper()}"] = value.strip().replace("_", "")
    changes[GIVEN] = ",".join(sorted(name.removeprefix("PERFKIT_MAX_").lower() for name in changes))  # these come before perfkit.toml
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, before in saved.items():
            if before is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = before


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
    if len(getattr(args, "paths", None) or ()) > 1:
        target = f"{target} ..."
    doing = f"{command} {target}" if command and target else command or "the command"
    if isinstance(exc, MemoryError):
        return (f"{doing}: ran out of memory\n"
                "The file is too large for this computer; split it, or run on a machine with more memory.")
    if isinstance(exc, OSError) and exc.filename is not None and exc.errno in DISK_FULL:
        return (f"cannot write {exc.filename}: the disk is full (no space left on device)\n"
                "Free space on that disk, or give --out a folder on another, and run again.")
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
