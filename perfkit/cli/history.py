"""The history store on the command line: ``perfkit load`` adds to it, ``perfkit history`` lists what it holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from perfkit.cli.common import counted, print_problems


def load_store(args) -> Path | None:
    """Where ``perfkit load`` adds what it read: ``--store``, else ``history/`` in ``--out`` (everything it writes goes
    there), else the default store (``$PERFKIT_STORE``, else ``data/processed/history``); None with ``--no-store``."""
    from perfkit.read.history import default_store  # deferred: keeps `perfkit --help` from loading pandas

    if getattr(args, "no_store", False):
        return None
    if getattr(args, "store", None):
        return Path(args.store).expanduser()
    if getattr(args, "out", None):
        return Path(args.out).expanduser() / "history"
    return default_store()


def load_with_store(frames: dict, args, write) -> int:
    """``write(alongside)`` writes the load's frames; with a history store, the store's new version goes in at the same
    moment (or neither does: a full disk under the store refuses before any frame is replaced), then what changed
    there is said: each quarter added or replaced, files no longer in a replaced quarter, and items whose target, title,
    lead or due date moved since the store's quarter before."""
    from perfkit.publish.store import staged_store  # deferred: keeps `perfkit --help` from loading pandas

    store = load_store(args)
    if store is None:
        write(None)
        return 0
    paths = getattr(args, "paths", None) or [args.path]
    with staged_store(frames, store, file=Path(paths[0]).name) as switch:
        write(switch)
        added = switch.state["added"]
    print(f"history store {added.store}:")
    for line in added.lines():
        print(line)
    moved = [p for p in added.changes if p.severity == "warning"]
    if added.changes:
        print(f"{counted(len(moved), 'target')} moved during the year, and {counted(len(added.changes) - len(moved), 'other change')} "
              "(titles, leads, due dates) since the store's quarter before" + ("" if getattr(args, "verbose", False) or not
                                                                                 len(added.changes) - len(moved) else " (-v lists them)") + ":",
              file=sys.stderr)
        print_problems(added.changes, args, out=sys.stderr)
    return 0


def cmd_history(args) -> int:
    """``perfkit history``: the quarters the store holds, with their files, items and when they were loaded."""
    from perfkit.read.history import history, store_path, default_store  # deferred: keeps `perfkit --help` from loading pandas
    from perfkit.core.errors import ConfigError  # deferred: keeps `perfkit --help` from loading pandas

    path = store_path(args.store) if args.store else store_path(None)
    if path is None:
        raise ConfigError(f"no history store at {default_store()}",
                          hint="`perfkit load WORKBOOK` adds what it reads to it; give another with --store PATH.")
    held = history(path)
    if args.json:
        doc = {"store": str(path), "held": [{**r, "loaded": r["loaded"].isoformat() if hasattr(r["loaded"], "isoformat") else None}
                                            for r in held.to_dict("records")]}
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    periods = list(dict.fromkeys(held["period"]))
    files = held["file"].nunique()
    print(f"History store {path}: {counted(len(periods), 'quarter')}, {counted(files, 'file')}")
    for period in periods:
        rows = held[held["period"] == period]
        kinds = ", ".join(f"{int(n):,} {k}" for k, n in rows.groupby("kind", sort=False)["items"].sum().items())
        when = rows["loaded"].max()
        names = list(dict.fromkeys(rows["file"].astype(str)))
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        print(f"  {period}: {kinds}; from {shown}; loaded {when.tz_convert(None):%d/%m/%Y %H:%M} UTC")
    return 0


def add_command(sub) -> None:
    """The ``history`` command."""
    p = sub.add_parser("history", help="list what the history store holds: quarters, files, items, when loaded",
                       description="List the quarters `perfkit load` has added to the history store, with the files each came "
                                   "from, how many items of each kind, and when they were loaded.")
    p.add_argument("--store", metavar="PATH", help="the store (default: data/processed/history, or $PERFKIT_STORE)")
    p.add_argument("--json", action="store_true", help="write it as a JSON document instead")
    p.set_defaults(func=cmd_history)
