"""Adding what ``perfkit load`` read to the history store, whole or not at all.

The store's format is :mod:`perfkit.read.history`'s: a parquet dataset per kind, one folder per
quarter (``milestones/quarter=2024-25-Q2/part.parquet``), one row per item per period with the file,
sheet and cell each came from and when it was loaded. This module writes it:

- **a quarter loaded again replaces that quarter** (of the kinds loaded): nothing is doubled. A
  measure's year or half-year figures sitting at a quarter (a service plan's ``2023/24 outturn``)
  replace only that quarter's figures of the same span, never its quarterly ones. Files that gave the
  replaced quarter and are not in this load are named, since their rows leave the store;
- **whole or not at all**: every load writes a new version of the store in a hidden folder beside it
  (``.history-versions/000007/``; unchanged quarters are hard links, so cost no space), and the store's
  path, a link, is then switched to it in one step. A full disk, Ctrl+C or a crash leaves the store as
  it was; the version before is kept until the next load, so a reader that was part-way through
  finishes. Where links cannot be made (some network drives), the folder is swapped by two renames;
- **one schema per kind**: a column a later load brings is added to every quarter's file, and a
  column whose type changed is kept as text, so that DuckDB and pandas read the dataset as it is;
- **what moved**: items whose target, title, lead or due date differ from the store's quarter before
  are named (:func:`perfkit.read.history.item_changes`).

Examples
--------
>>> added = add_to_store(perfkit.read_workbooks("data/raw/2024-25-q1/", store=False))  # doctest: +SKIP
>>> print("\\n".join(added.lines()))  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from perfkit.core.errors import ConfigError, Problem
from perfkit.core.periods import period_label
from perfkit.read.history import (
    PART,
    default_store,
    item_changes,
    quarter_key,
    quarters_held,
    read_parts,
    restore,
    status_words,
    to_store,
)
from perfkit.read.spec import get_kind

try:  # POSIX: one load at a time; the lock goes with the process, however it ends
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

KEEP_VERSIONS = 2  # the current version and the one before it


@dataclasses.dataclass
class Added:
    """What one load did to the store: per kind and quarter, rows and items before and after, and what moved."""

    store: Path
    quarters: list[dict]
    changes: list[Problem]

    def lines(self) -> list[str]:
        """The load's effect on the store, one line per kind and quarter, for the terminal."""
        out = []
        for q in self.quarters:
            noun = get_kind(q["kind"]).noun
            now = f"{q['items']:,} {noun}{'s' * (q['items'] != 1)} from {_files(q['files'])}"
            if q["before"] is None:
                out.append(f"  {q['period']} {q['kind']}: added, {now}")
            else:
                out.append(f"  {q['period']} {q['kind']}: replaced ({q['before']:,} {noun}s before), now {now}")
            if q["dropped"]:
                out.append(f"  ! {q['period']} {q['kind']}: {_files(q['dropped'])} gave this quarter before and "
                           f"{'are' if len(q['dropped']) > 1 else 'is'} not in this load: no longer in the store (load the "
                           "quarter's returns together to keep them all)")
        return out


def _files(names) -> str:
    names = list(names)
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "") if names else "no file"


def versions_dir(store: Path) -> Path:
    """The hidden folder beside the store that holds its versions."""
    return store.parent / f".{store.name}-versions"


def current_version(store: Path) -> Path | None:
    """The folder the store's link points to (or the store itself, a plain folder), or None for no store yet.

    Raises
    ------
    ConfigError
        The store's path is a file, or a folder that is not a store.
    """
    if store.is_symlink():
        target = store.resolve()
        return target if target.is_dir() else None
    if not store.exists():
        return None
    if not store.is_dir():
        raise ConfigError(f"cannot keep the history store at {store}: it is a file", hint="Give --store a folder.")
    kinds = {"milestones", "measures", "actions", "risks"}
    if any(p.name not in kinds and not p.name.startswith(".") for p in store.iterdir()):
        raise ConfigError(f"cannot keep the history store at {store}: the folder holds other files",
                          hint="Give --store a new folder, or the one `perfkit load` made before.")
    return store


@contextlib.contextmanager
def _locked(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(folder / ".lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# --------------------------------------------------------------------------------------- one schema per kind


def _as_table(df: pd.DataFrame) -> pa.Table:
    """A stored frame as an Arrow table: text as ``string``, whole numbers as decimals, an all-empty column as ``null``."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    fields = []
    for f in table.schema:
        t = f.type
        if pa.types.is_large_string(t) or pa.types.is_dictionary(t):
            t = pa.string()
        elif pa.types.is_integer(t):
            t = pa.float64()
        fields.append(pa.field(f.name, t))
    return table.cast(pa.schema(fields))


def unified(old: pa.Schema | None, new: pa.Schema | None) -> pa.Schema:
    """One schema for a kind's every quarter: the old columns in order, then new ones; a type that changed is text.

    Examples
    --------
    >>> unified(pa.schema([("a", pa.float64())]), pa.schema([("a", pa.string()), ("b", pa.null())]))
    a: string
    b: string
    """
    types: dict[str, pa.DataType] = {}
    for schema in (old, new):
        for f in schema or []:
            have = types.get(f.name)
            if have is None or pa.types.is_null(have):
                types[f.name] = f.type
            elif not pa.types.is_null(f.type) and f.type != have:
                types[f.name] = pa.string()
    return pa.schema([pa.field(n, pa.string() if pa.types.is_null(t) else t) for n, t in types.items()])


def _fit(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with every column of ``schema``, in its order and types (absent ones empty)."""
    cols = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(len(table), f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def _unit(df: pd.DataFrame) -> pd.Series:
    """What a loaded quarter replaces within the stored quarter: a measure's span, an action's cadence, else the whole quarter."""
    for col in ("span", "cadence"):
        if col in df:
            return df[col].fillna("").astype(str)
    return pd.Series("", index=df.index)


# --------------------------------------------------------------------------------------- adding a load


@contextlib.contextmanager
def staged_store(frames: dict[str, pd.DataFrame], store=None, file: str = "", now=None):
    """The store's next version written and held ready, for a load whose other files go in at the same moment.

    Yields a function that switches the store to the new version and returns an undo (switching it back), for
    :func:`perfkit.publish.export.write_frames` to call as its files go in place: the frames and the store change
    together or not at all (a full disk under the store refuses before any frame is replaced). ``switch.state["added"]``
    is the :class:`Added` once switched. The store stays locked throughout; what was not switched in is removed.
    """
    store = Path(store).expanduser() if store else default_store()
    loaded = pd.Timestamp(now if now is not None else pd.Timestamp.now(tz="UTC"))
    loaded = loaded.tz_localize("UTC") if loaded.tzinfo is None else loaded.tz_convert("UTC")
    versions = versions_dir(store)
    made_here = not versions.exists()
    state: dict = {}
    try:
        yield from _staged(frames, store, file, loaded, versions, state)
    finally:
        if made_here and "added" not in state:  # a load that changed nothing leaves no store folder of its own making
            shutil.rmtree(versions, ignore_errors=True)


def _staged(frames, store: Path, file: str, loaded, versions: Path, state: dict):
    with _locked(versions):
        current = current_version(store)
        new = versions / f".new-{uuid.uuid4().hex[:12]}"
        new.mkdir()
        try:
            try:
                quarters, changes = _write_version(frames, current, new, file, loaded)
            except OSError as exc:  # a full disk under the store: named, before any frame is replaced
                reason = "the disk is full (no space left on device)" if exc.errno in (28, 122) else (exc.strerror or str(exc)).lower()
                raise ConfigError(f"cannot write the history store at {store}: {reason}; nothing was changed, neither the "
                                  "store nor the loaded files",
                                  hint="Free space there, or give another store with --store PATH (or --no-store), and run again.") from None

            def switch():
                before = store.resolve() if store.is_symlink() else None
                plain = store.exists() and not store.is_symlink()
                folders = {p.name for p in versions.iterdir()}
                _switch(store, new, versions)
                state["added"] = Added(store, quarters, changes)

                def undo():  # the store as it was: its link back on the version before, or its own folder back
                    if before is not None and before.is_dir():
                        link = store.parent / f".{store.name}.link-{uuid.uuid4().hex[:8]}"
                        os.symlink(os.path.relpath(before, store.parent), link, target_is_directory=True)
                        os.replace(link, store)
                    elif plain:
                        kept = [p for p in versions.iterdir() if p.name.endswith("-folder") and p.name not in folders]
                        if kept:
                            if store.is_symlink():
                                store.unlink()
                            os.replace(kept[0], store)
                    elif store.is_symlink():
                        store.unlink()  # the first load: no store before it
                    state.pop("added", None)
                return undo

            switch.state = state
            yield switch
        finally:
            shutil.rmtree(new, ignore_errors=True)
        _tidy(store, versions)


def add_to_store(frames: dict[str, pd.DataFrame], store=None, file: str = "", now=None) -> Added:
    """Add a load's frames to the store: each quarter they hold replaces the store's (whole or not at all).

    Parameters
    ----------
    frames : dict
        ``{"milestones": frame, ...}`` as :func:`perfkit.read_workbooks` gives them (read without the store).
    store : str or Path, optional
        The store (default :func:`perfkit.read.history.default_store`); made if missing.
    file : str
        The workbook's name, for rows whose frame has no ``file`` column (one workbook read alone).
    now : pandas.Timestamp, optional
        When it was loaded (default now, UTC).

    Raises
    ------
    ConfigError
        The store's path is a file or a folder of other things.
    """
    with staged_store(frames, store, file, now) as switch:
        switch()
        return switch.state["added"]


def _write_version(frames: dict, current: Path | None, new: Path, file: str, loaded) -> tuple[list[dict], list[Problem]]:
    """Write the store's next version into ``new``: the loaded quarters replaced, the rest linked from ``current``."""
    quarters: list[dict] = []
    changes: list[Problem] = []
    kinds = [k for k in frames if frames[k] is not None and "period" in frames[k]]
    held_kinds = [p.name for p in current.iterdir() if p.is_dir() and not p.name.startswith(".")] if current else []
    for kind in dict.fromkeys([*held_kinds, *kinds]):
        held = quarters_held(current, kind) if current else {}
        old_schema = _schema_of(held)
        if kind not in frames or frames.get(kind) is None:
            _carry(held, new / kind, old_schema, old_schema)
            continue
        frame = frames[kind]
        frame = frame[frame["period"].notna()]
        df, meta = to_store(frame, kind, file, loaded)
        table = _as_table(df)
        schema = unified(old_schema, table.schema)
        meta = meta or (_meta_of(held) if held else {})
        schema = schema.with_metadata(meta) if meta else schema
        by_quarter = {p: idx for p, idx in frame.reset_index(drop=True).groupby("period", sort=True).groups.items()}
        _carry({p: f for p, f in held.items() if p not in by_quarter}, new / kind, old_schema, schema)
        spec = get_kind(kind)
        for period, idx in by_quarter.items():
            rows = table.take(pa.array(list(idx)))
            units = set(_unit(df.loc[idx]))
            before = dropped = None
            kept = None
            if period in held:
                old = read_parts([held[period]])
                stay = ~_unit(old).isin(units)
                gone = old[~stay]
                before = int(gone[spec.id_field].nunique()) if spec.id_field in gone else len(gone)
                dropped = sorted(set(gone["file"].dropna().astype(str)) - set(df.loc[idx, "file"].astype(str))) if "file" in gone else []
                if stay.any():
                    kept = _fit(pa.Table.from_pandas(old[stay].reset_index(drop=True), preserve_index=False), schema)
            out = _fit(rows, schema)
            if kept is not None:
                out = pa.concat_tables([kept, out])
            _write(out.replace_schema_metadata(schema.metadata), new / kind / f"quarter={quarter_key(period)}" / PART)
            quarters.append({"kind": kind, "period": period_label(period), "items": int(df.loc[idx, spec.id_field].nunique()),
                             "files": list(dict.fromkeys(df.loc[idx, "file"].astype(str))), "before": before, "dropped": dropped or []})
        changes += _moved(frame, df, kind, held, set(by_quarter))
    quarters.sort(key=lambda q: (q["period"], q["kind"]))
    return quarters, changes


def _schema_of(held: dict) -> pa.Schema | None:
    return pq.read_schema(next(iter(held.values()))).remove_metadata() if held else None


def _meta_of(held: dict) -> dict:
    return dict(pq.read_schema(list(held.values())[-1]).metadata or {})


def _carry(held: dict, folder: Path, old: pa.Schema | None, schema: pa.Schema | None) -> None:
    """Quarters this load does not touch, into the new version: linked where their schema stays, else rewritten to it."""
    for period, part in held.items():
        target = folder / f"quarter={quarter_key(period)}" / PART
        target.parent.mkdir(parents=True, exist_ok=True)
        if schema is None or (old is not None and old.equals(schema.remove_metadata()) and
                              pq.read_schema(part).metadata == schema.metadata):
            try:
                os.link(part, target)
            except OSError:
                shutil.copyfile(part, target)
        else:
            _write(_fit(pq.read_table(part), schema).replace_schema_metadata(schema.metadata), target)


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:  # opened here: pyarrow takes a path as UTF-8, which a name under LC_ALL=C may not be
        pq.write_table(table, fh)


def _moved(frame: pd.DataFrame, df: pd.DataFrame, kind: str, held: dict, loaded_periods: set) -> list[Problem]:
    """Items whose target, title, lead or due date differ from the store's nearest quarters (a year either side)."""
    if not held or kind not in ("milestones", "measures", "actions", "risks"):
        return []
    low, high = min(loaded_periods) - 4, max(loaded_periods) + 4
    near = {p: f for p, f in held.items() if low <= p <= high and p not in loaded_periods}
    if not near:
        return []
    spec = get_kind(kind)
    stored = restore(read_parts(list(near.values())), spec, status_words(list(near.values())))
    now = frame.reset_index(drop=True).copy()
    if "source" in now:
        now["source"] = ["[" + f + "]" + s.split("]", 1)[-1] for f, s in zip(df["file"].astype(str), now["source"].astype(str))]
    cols = [c for c in now.columns if c in stored.columns]
    both = pd.concat([stored[cols], now[cols]], ignore_index=True)
    origin = ["store " + str(f) for f in stored.get("file", pd.Series("", index=stored.index))] + [str(f) for f in df["file"]]
    involve = [False] * len(stored) + [True] * len(now)
    return item_changes(both, kind, origin, involve=involve)


def _switch(store: Path, new: Path, versions: Path) -> None:
    """Make ``new`` the store: one rename of a link (atomic); where links cannot be made, two renames of folders."""
    numbers = [int(p.name) for p in versions.iterdir() if p.name.isdigit()]
    final = versions / f"{max(numbers, default=0) + 1:06d}"
    os.replace(new, final)
    link = store.parent / f".{store.name}.link-{uuid.uuid4().hex[:8]}"
    try:
        os.symlink(os.path.relpath(final, store.parent), link, target_is_directory=True)
    except (OSError, NotImplementedError):  # no links here: a folder swapped by two renames
        if store.exists():
            os.replace(store, versions / f"{max(numbers, default=0):06d}-folder")
        os.replace(final, store)
        return
    try:
        if store.exists() and not store.is_symlink():  # a store kept as a plain folder (copied, or made without links)
            os.replace(store, versions / f"{max(numbers, default=0):06d}-folder")
        os.replace(link, store)
    except BaseException:
        link.unlink(missing_ok=True)
        raise


def _tidy(store: Path, versions: Path) -> None:
    """Remove versions older than the one before the current, and what a stopped load left."""
    current = store.resolve() if store.is_symlink() else None
    numbered = sorted((p for p in versions.iterdir() if p.is_dir() and p.name[:6].isdigit()), key=lambda p: p.name)
    keep = {current} | set(numbered[-KEEP_VERSIONS:])
    for p in versions.iterdir():
        if p.is_dir() and p not in keep and (p.name[:6].isdigit() or p.name.startswith(".new-")):
            shutil.rmtree(p, ignore_errors=True)
