"""The history store: every quarter ``perfkit load`` has read, kept for the quarters after it.

Councils whose services each return one quarter at a time have no workbook holding last
quarter, or last year. ``perfkit load`` adds what it read to a store
(:mod:`perfkit.publish.store` writes it); this module reads it, and adds its earlier quarters to a
workbook's frames where the workbook holds none (:func:`with_history`), so that changes since
last quarter, streaks, the same quarter last year, trends and SPC have what they need.

The store is a folder of parquet files, partitioned by kind and quarter, that DuckDB and pandas
read as they are::

    data/processed/history/
        milestones/quarter=2024-25-Q1/part.parquet
        milestones/quarter=2024-25-Q2/part.parquet
        measures/quarter=2024-25-Q1/part.parquet
        ...

One row per item per period: the columns of the kind's tidy frame (:mod:`perfkit.core.schema`),
with ``period`` written as ``2024/25 Q2``, statuses and other categories as text, and
``period_end`` (the quarter's last day), ``file``, ``sheet`` and ``cell`` (where each row's
status or figure came from) and ``loaded`` (when, UTC) added. Every file of a kind has the same
columns. ``history/`` itself is a link to the current version, so a load is seen whole or not
at all (:mod:`perfkit.publish.store`).

Examples
--------
>>> history()  # doctest: +SKIP
         kind      period                                 file  items  rows              loaded
0  milestones  2024/25 Q1  adult_social_care_q1_2024-25.xlsx      3     3  2024-10-03 14:05:11
>>> ms = history(kind="milestones")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from perfkit.core.errors import ConfigError, Problem
from perfkit.core.paths import as_text, processed_dir
from perfkit.core.periods import parse_period, period_label
from perfkit.read.kinds import KINDS
from perfkit.read.spec import get_kind

STORE_VARIABLE = "PERFKIT_STORE"  # names the default store, where data/processed/history is not the one wanted
PART = "part.parquet"  # the one file of each kind's quarter
# Columns the store adds to a kind's frame.
PROVENANCE = ["period_end", "file", "sheet", "cell", "loaded"]
# Kinds whose earlier quarters a briefing takes from the store: the quarterly figures are made of these.
MERGED = ("milestones", "measures")
SCALE_KEY = b"perfkit.status"  # schema metadata: the status scale's words, in order, and whether ordered
_LEADS = ("lead", "owner")


def default_store() -> Path:
    """The store perfkit uses unless told otherwise: ``$PERFKIT_STORE``, else ``data/processed/history`` under the project root."""
    env = os.environ.get(STORE_VARIABLE, "").strip()
    return Path(env).expanduser() if env else processed_dir() / "history"


def store_path(store=None) -> Path | None:
    """The store to read: ``store`` as given (it must exist), the default store where there is one (``None``), or none (``False``).

    Raises
    ------
    ConfigError
        A store named that does not exist or is not a store.
    """
    if store is False:
        return None
    if store is None or (isinstance(store, str) and not store.strip()):
        path = default_store()
        return path if path.is_dir() else None
    path = Path(store).expanduser()
    if not path.is_dir():
        raise ConfigError(f"--store {path}: no history store there",
                          hint="`perfkit load WORKBOOK --store PATH` makes one; or leave --store out to use data/processed/history.")
    if path.exists() and not any((path / k.name).is_dir() for k in KINDS) and any(path.iterdir()):
        raise ConfigError(f"--store {path}: not a history store (no milestones, measures, actions or risks folder in it)",
                          hint="Give the folder `perfkit load` made (data/processed/history by default).")
    return path


# --------------------------------------------------------------------------------------- quarters as folders


def quarter_key(period) -> str:
    """The partition folder's value for a period: ``2024/25 Q2`` -> ``2024-25-Q2`` (no ``/`` in a folder's name).

    Examples
    --------
    >>> quarter_key(parse_period("2024/25 Q2")), key_period("2024-25-Q2")
    ('2024-25-Q2', Period('2025Q2', 'Q-MAR'))
    """
    return period_label(period).replace("/", "-").replace(" ", "-")


def key_period(key: str) -> pd.Period:
    """The period a partition folder's value names (``2024-25-Q2``)."""
    return parse_period(re.sub(r"^(\d{4})-(\d{2})-", r"\1/\2 ", key))


def quarters_held(store: Path, kind: str) -> dict[pd.Period, Path]:
    """``{period: its part file}`` for every quarter of ``kind`` the store holds, in order."""
    folder = store / kind
    if not folder.is_dir():
        return {}
    found = {}
    for sub in folder.iterdir():
        if sub.name.startswith("quarter=") and (sub / PART).is_file():
            try:
                found[key_period(sub.name.removeprefix("quarter="))] = sub / PART
            except ValueError:
                continue  # a folder perfkit did not write: not read
    return dict(sorted(found.items()))


def read_parts(files: list[Path]) -> pd.DataFrame:
    """The rows of some of a kind's part files, as stored (text, numbers, timestamps), whatever columns each has."""
    import pyarrow as pa  # deferred: reading a workbook loads pyarrow (over 100 MB of address space) only where a store is read
    import pyarrow.dataset as pads  # deferred: as pyarrow above
    import pyarrow.parquet as pq  # deferred: as pyarrow above

    if not files:
        return pd.DataFrame()
    schemas = [pq.read_schema(f) for f in files]
    schema = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    table = pads.dataset([str(f) for f in files], schema=schema, format="parquet").to_table()
    return table.to_pandas()


def status_words(files: list[Path]) -> tuple[list[str], bool] | None:
    """The status scale the kind was stored on (its words in order, and whether ordered), from the latest file's metadata."""
    import pyarrow.parquet as pq  # deferred: reading a workbook loads pyarrow only where a store is read
    for f in reversed(files):
        meta = pq.read_schema(f).metadata or {}
        if SCALE_KEY in meta:
            found = json.loads(meta[SCALE_KEY])
            return list(found["words"]), bool(found["ordered"])
    return None


# --------------------------------------------------------------------------------------- frames to and from the store


def split_source(source: str) -> tuple[str, str, str]:
    """``(file, sheet, cell)`` of a row's source: ``[adults.xlsx]Milestones!F6``, ``'Place 2'!B7`` or ``Milestones!F6``.

    Examples
    --------
    >>> split_source("[adults.xlsx]Milestones!F6"), split_source("'Place 2'!B7")
    (('adults.xlsx', 'Milestones', 'F6'), ('', 'Place 2', 'B7'))
    """
    source = str(source or "")
    file = ""
    m = re.match(r"^\[([^\]]*)\](.*)$", source)
    if m:
        file, source = m[1], m[2]
    sheet, _, cell = source.rpartition("!")
    if not _:
        sheet, cell = source, ""
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return file, sheet, cell


def to_store(frame: pd.DataFrame, kind: str, file: str, loaded: pd.Timestamp) -> tuple[pd.DataFrame, dict]:
    """A kind's frame as the store keeps it, and the schema metadata to write with it.

    Periods become ``2024/25 Q2``; categories and text become text; whole numbers and decimals
    both become decimals, so that one column has one type in every quarter's file; dates stay
    dates. ``file`` is each row's own file where the frame says (several workbooks read as one),
    else ``file``; ``sheet`` and ``cell`` come from ``source``, which keeps the cell within its file.
    """
    spec = get_kind(kind)
    out = pd.DataFrame(index=range(len(frame)))
    parts = [split_source(s) for s in frame["source"]] if "source" in frame else [("", "", "")] * len(frame)
    meta = {}
    for col in frame.columns:
        if str(col).startswith("_"):
            continue
        s = frame[col].reset_index(drop=True)
        if col == "source":  # the cell within its file: the file is a column of its own
            out[col] = [re.sub(r"^\[[^\]]*\]", "", str(v)) for v in s]
        elif isinstance(s.dtype, pd.PeriodDtype):
            out[col] = [period_label(p) if pd.notna(p) else None for p in s]
        elif isinstance(s.dtype, pd.CategoricalDtype):
            if col == spec.status_field:
                meta[SCALE_KEY] = json.dumps({"words": [str(c) for c in s.cat.categories], "ordered": bool(s.cat.ordered)})
            out[col] = s.astype(object).where(s.notna(), None).map(lambda v: None if v is None else str(v))
        elif pd.api.types.is_bool_dtype(s.dtype):
            out[col] = s.astype(bool)
        elif pd.api.types.is_numeric_dtype(s.dtype):
            out[col] = s.astype("float64")
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = pd.to_datetime(s).astype("datetime64[us]")
        else:
            out[col] = [None if _missing(v) else str(v) for v in s]
    if "period" in frame:
        out["period_end"] = [p.end_time.date() if pd.notna(p) else None for p in frame["period"]]
    out["file"] = [as_text(str(f)) for f in (frame["file"] if "file" in frame else [f or file for f, _, _ in parts])]
    out["sheet"] = [sh for _, sh, _ in parts]
    out["cell"] = [c for _, _, c in parts]
    out["loaded"] = loaded
    return out, meta


def _missing(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _periods(labels) -> pd.PeriodIndex:
    cache = {}
    for label in pd.unique(pd.Series(labels, dtype=object).dropna()):
        cache[label] = parse_period(label)
    return pd.PeriodIndex([cache.get(v) if isinstance(v, str) else None for v in labels], freq="Q-MAR")


def history(store=None, kind: str | None = None) -> pd.DataFrame:
    """What the history store holds, as a DataFrame for notebooks.

    Parameters
    ----------
    store : str or Path, optional
        The store (default: ``data/processed/history`` under the project root, or ``$PERFKIT_STORE``).
    kind : str, optional
        ``"milestones"``, ``"measures"``, ``"actions"`` or ``"risks"``: every stored row of that kind,
        one per item per period, with periods as ``Period[Q-MAR]`` and statuses on the scale they were
        read on, so that :func:`perfkit.rag_summary`, :func:`perfkit.streaks` and the rest take it as they
        take a workbook's frame. Without it, one row per kind, period and file: ``kind, period, file,
        items, rows, loaded`` (what ``perfkit history`` prints).

    Examples
    --------
    >>> ms = history(kind="milestones")  # doctest: +SKIP
    >>> perfkit.streaks(ms, "2024/25 Q2")  # doctest: +SKIP
    """
    path = store_path(store)
    if path is None:
        raise ConfigError(f"no history store at {default_store()}",
                          hint="`perfkit load WORKBOOK` adds what it reads to it; or give the store's folder (store=...).")
    if kind is None:
        return overview(path)
    spec = get_kind(kind)
    files = list(quarters_held(path, kind).values())
    rows = read_parts(files)
    if rows.empty:
        return rows
    return restore(rows, spec, status_words(files))


def overview(path: Path) -> pd.DataFrame:
    """One row per kind, period and file the store holds: items, rows, and when they were loaded."""
    parts = []
    for spec in KINDS:
        held = quarters_held(path, spec.name)
        if not held:
            continue
        cols = [spec.id_field, "period", "file", "loaded"]
        rows = read_parts(list(held.values()))
        rows = rows[[c for c in cols if c in rows]]
        got = rows.groupby(["period", "file"], sort=False, dropna=False).agg(
            items=(spec.id_field, "nunique"), rows=(spec.id_field, "size"), loaded=("loaded", "max")).reset_index()
        got.insert(0, "kind", spec.name)
        parts.append(got)
    if not parts:
        return pd.DataFrame(columns=["kind", "period", "file", "items", "rows", "loaded"])
    out = pd.concat(parts, ignore_index=True)
    out["_order"] = _periods(out["period"].tolist())
    return out.sort_values(["_order", "kind", "file"]).drop(columns="_order").reset_index(drop=True)


def restore(rows: pd.DataFrame, spec, scale: tuple[list[str], bool] | None) -> pd.DataFrame:
    """Stored rows with a tidy frame's types again: periods, the status scale, the source cell named in its file."""
    out = rows.drop(columns=[c for c in ("quarter",) if c in rows]).copy()
    out["period"] = _periods(out["period"].tolist())
    if spec.status_field and spec.status_field in out and scale is not None:
        out[spec.status_field] = pd.Categorical(out[spec.status_field], categories=scale[0], ordered=scale[1])
    if "source" in out and "file" in out:
        out["source"] = "[" + out["file"].fillna("").astype(str) + "]" + out["source"].fillna("").astype(str)
    return out


# --------------------------------------------------------------------------------------- earlier quarters for a workbook


def _fitted(stored: pd.DataFrame, frame: pd.DataFrame, spec) -> tuple[pd.DataFrame, list[str]]:
    """Stored rows with the workbook frame's columns and types; and the columns whose stored values its types cannot hold."""
    out = pd.DataFrame(index=stored.index)
    lost = []
    for col in frame.columns:
        dtype = frame[col].dtype
        if col not in stored:  # a column this workbook has and the stored quarters had not
            out[col] = pd.Series(False if pd.api.types.is_bool_dtype(dtype) else None, index=stored.index).astype(dtype)
            continue
        values = stored[col]
        if isinstance(dtype, pd.PeriodDtype):
            out[col] = values.to_numpy() if isinstance(values.dtype, pd.PeriodDtype) else _periods(values.tolist())
        elif isinstance(dtype, pd.CategoricalDtype):
            cast = pd.Categorical(values.astype(object).where(values.notna(), None), dtype=dtype)
            if int(pd.isna(cast).sum()) > int(values.isna().sum()):
                if dtype.ordered:
                    lost.append(col)
                    continue
                cast = pd.Categorical(values.astype(object).where(values.notna(), None),
                                      categories=list(dict.fromkeys([*dtype.categories, *values.dropna().astype(str)])))
            out[col] = cast
        elif pd.api.types.is_bool_dtype(dtype):
            out[col] = values.fillna(False).astype(bool)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            out[col] = pd.to_datetime(values).astype(dtype)
        elif pd.api.types.is_numeric_dtype(dtype):
            out[col] = pd.to_numeric(values, errors="coerce").astype("float64")
        else:
            out[col] = values.astype(dtype) if dtype != object else values
    return out, lost


def _title_of(frame: pd.DataFrame, spec) -> pd.Series:
    key = spec.key_field
    titles = frame[key] if key in frame else pd.Series("", index=frame.index)
    return titles.fillna("").astype(str).str.casefold().str.split().str.join(" ")


def _same_plan(stored: pd.DataFrame, frame: pd.DataFrame, spec) -> tuple[bool, str]:
    """Whether the stored rows are this plan's: its references there, most with the same title."""
    ident = spec.id_field
    now = dict(zip(frame[ident].astype(str), _title_of(frame, spec)))
    before = dict(zip(stored[ident].astype(str), _title_of(stored, spec)))
    common = [r for r in now if r in before]
    if not common:
        return False, f"none of this workbook's {len(now):,} {spec.noun}s is in it"
    same = sum(now[r] == before[r] for r in common)
    if same * 2 < len(common):
        return False, f"of the {len(common):,} {spec.noun} references this workbook shares with it, only {same:,} have the same title"
    return True, ""


def _labels(periods) -> str:
    labels = [period_label(p) for p in sorted(set(periods))]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def with_history(frames: dict, store=None, checked: bool = False) -> dict:
    """The frames with the store's earlier quarters added where the workbooks hold none, each said in a note.

    For milestones and measures, every quarter the store holds before the latest the workbooks hold,
    and that they do not hold themselves, is added (the workbooks always win for their own quarters).
    A note names the quarters, the store, the files and when they were loaded. A store that holds
    none of the workbooks' items, or the same references with other titles (another plan's), is not
    used, said in a warning. Every item whose target, title, lead or due date changed between two
    returns (two files, or the store and a file) in the latest year is named
    (:func:`item_changes`): a moved target as a warning, the rest as notes.

    ``store``: a path, ``None`` for the default store where there is one, or ``False`` for none. ``checked``: what moved
    between the workbooks' own files has been said already (:func:`perfkit.read.several.read_workbooks`).
    """
    path = store_path(store)
    out = dict(frames)
    for kind, frame in frames.items():
        if kind not in MERGED or frame is None or not len(frame) or "period" not in frame:
            continue
        spec = get_kind(kind)
        origin = frame["file"].astype(str) if "file" in frame else pd.Series("", index=frame.index)
        merged, notes = frame, []
        if path is not None:
            merged, origin, notes = _add_stored(frame, spec, path, origin, named=store not in (None, ""))
        if not (checked and len(merged) == len(frame)):  # the files' own changes, said already where nothing was added
            notes += between_returns(merged, kind, origin)
        if notes:
            merged.attrs["problems"] = list(dict.fromkeys([*frame.attrs.get("problems", []), *notes]))
            merged.attrs["from_store"] = [p.message for p in notes if p.column == "period" and p.severity == "info"]
        out[kind] = merged
    return out


def between_returns(frame: pd.DataFrame, kind: str, origin: pd.Series) -> list[Problem]:
    """What moved between returns in the latest financial year the frame holds (:func:`item_changes`); nothing where every
    row came from one return (``origin``: each row's file, or the store)."""
    if origin.nunique() < 2 or "period" not in frame or frame["period"].isna().all():
        return []
    latest = frame["period"].max()
    recent = (frame["period"].map(lambda p: p.qyear if pd.notna(p) else None) == latest.qyear).to_numpy()
    return item_changes(frame, kind, origin.to_numpy(), recent=recent)


def _add_stored(frame: pd.DataFrame, spec, path: Path, origin: pd.Series, named: bool = False):
    """``frame`` with the stored quarters before its latest that it lacks, their origins, and the notes saying so."""
    kind = spec.name
    have = set(frame["period"].dropna())
    if not have:
        return frame, origin, []
    latest = max(have)
    held = quarters_held(path, kind)
    wanted = {p: f for p, f in held.items() if p < latest and p not in have}
    if not wanted:
        return frame, origin, []
    stored = read_parts(list(wanted.values()))
    if stored.empty or spec.id_field not in stored:
        return frame, origin, []
    stored = stored[stored["period"].notna()].reset_index(drop=True)
    ok, why = _same_plan(stored, frame, spec)
    where = str(path)
    if not ok:
        # A store named for this reading that is not this plan's is a warning; the default store (the sample's, say) a note.
        return frame, origin, [Problem(where, "period", None, (
            f"the history store {where} holds {kind} for {_labels(wanted)}, but {why}: not used, as it looks like another plan's "
            "(changes since last quarter come only from this workbook). Give this plan's store with --store PATH, or --no-store"),
            "warning" if named else "info")]
    restored = restore(stored, spec, status_words(list(wanted.values())))
    fitted, lost = _fitted(restored, frame, spec)
    if lost:
        return frame, origin, [Problem(where, lost[0], None, (
            f"the history store {where} holds {kind} for {_labels(wanted)} on another status scale than this workbook's "
            f"(its {', '.join(lost)} words are not this workbook's): not used. Read them on one scale ([status] in perfkit.toml) "
            "and load the earlier quarters again", "warning"))]
    merged = pd.concat([fitted, frame], ignore_index=True)
    merged.attrs = dict(frame.attrs)
    files = stored["file"].fillna("").astype(str) if "file" in stored else pd.Series("", index=stored.index)
    loaded = pd.to_datetime(stored["loaded"]).max() if "loaded" in stored else None
    when = f", loaded {loaded.tz_convert(None) if loaded.tzinfo else loaded:%d/%m/%Y %H:%M} UTC" if loaded is not None and pd.notna(loaded) else ""
    names = list(dict.fromkeys(files))
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    note = Problem(where, "period", _labels(wanted), (
        f"{kind} for {_labels(wanted)} from the history store {where} ({stored[spec.id_field].nunique():,} {spec.noun}s from "
        f"{shown}{when}), as the workbook holds only {_labels(have)}: changes, streaks and trends use them"), "info")
    origins = pd.concat([("store " + files).reset_index(drop=True), origin.reset_index(drop=True)], ignore_index=True)
    return merged, origins, [note]


# --------------------------------------------------------------------------------------- what changed between returns


def _text(v) -> str:
    return "" if _missing(v) else " ".join(str(v).split())


def _number(v) -> str:
    return f"{v:,.10g}"


def item_changes(frame: pd.DataFrame, kind: str, origin, recent=None, involve=None) -> list[Problem]:
    """Items whose target, title, lead or due date differ between one return and the next.

    Each item's rows are taken in period order; a pair of consecutive rows is compared where they
    came from different returns (``origin``: a file, or the store), the later row is ``recent``
    (where given) and one of the two is ``involve`` (where given). A measure's target (its year's
    target where the workbook gives one, else a non-cumulative measure's target) and a risk's
    target score are compared within one financial year: a warning, since a target moved during the
    year is what scrutiny asks about. Titles, leads (owners) and due dates are notes.
    """
    spec = get_kind(kind)
    ident = spec.id_field
    if ident not in frame or "period" not in frame or len(frame) < 2:
        return []
    cols = [c for c in (spec.key_field, *_LEADS, "due_date", "target", "target_low", "target_high", "annual_target",
                        "cumulative", "target_score", "source") if c in frame]
    df = frame[[ident, "period", *cols]].copy()
    df["_origin"] = list(origin)
    df["_recent"] = True if recent is None else list(recent)
    df["_involve"] = True if involve is None else list(involve)
    df = df[df["period"].notna()]
    df = df.iloc[pd.Series(df["period"]).argsort(kind="stable")]
    df = df.sort_values(ident, kind="stable")
    prev = df.groupby(ident, sort=False).shift(1)
    pair = prev["_origin"].notna() & (prev["_origin"] != df["_origin"]) & df["_recent"].astype(bool)
    pair &= prev["_involve"].fillna(False).astype(bool) | df["_involve"].astype(bool)
    if not pair.any():
        return []
    now, before = df[pair], prev[pair]
    out = []
    same_year = [a.qyear == b.qyear for a, b in zip(now["period"], before["period"])]
    for i, (idx, row) in enumerate(now.iterrows()):
        old = before.loc[idx]
        name = _text(row.get(spec.key_field, ""))
        who = f"{spec.noun} {row[ident]}" + (f" '{name[:80]}'" if name else "")
        # the row, not the cell a row is read from (its status or actual): a target, a title or a lead has its own column
        was = f"in {period_label(old['period'])} ({_row_ref(old.get('source', ''))})"
        when = period_label(row["period"])
        here = _row_ref(row.get("source", ""))
        if same_year[i]:
            for field, said in _targets(spec.name, row, old):
                out.append(Problem(here, field, row.get(field), (
                    f"{who}: {said[0]} {was} is {said[1]} in {when}: a target moved during the year; check the change was "
                    "agreed (scrutiny will ask), or correct the return"), "warning"))
        for field, words in ((spec.key_field, "title"), *((c, "lead") for c in _LEADS), ("due_date", "due date")):
            if field not in row.index:
                continue
            a, b = (_date(old[field]), _date(row[field])) if field == "due_date" else (_text(old[field]), _text(row[field]))
            if a != b and a and b:
                subject = f"{spec.noun} {row[ident]}" if field == spec.key_field else who
                out.append(Problem(here, field, b, f"{subject}: {words} was '{a}' {was}, is '{b}' in {when}", "info"))
    return out


def _row_ref(source) -> str:
    """The row a cell is on, as Excel writes a row (``Measures!G6`` -> ``Measures!6:6``; a file's label kept before it).

    Examples
    --------
    >>> _row_ref("[q2.xlsx]Measures!G6"), _row_ref("Plan!B12:B14"), _row_ref("")
    ('[q2.xlsx]Measures!6:6', 'Plan!12:14', '')
    """
    text = str(source or "")
    m = re.fullmatch(r"(?s)(.*!)\$?[A-Z]{1,3}\$?(\d+)(?::\$?[A-Z]{1,3}\$?(\d+))?", text)
    return f"{m[1]}{m[2]}:{m[3] or m[2]}" if m else text


def _date(v) -> str:
    return "" if _missing(v) else f"{pd.Timestamp(v):%d/%m/%Y}"


def _targets(kind: str, row, old) -> list[tuple[str, tuple[str, str]]]:
    """``(field, (was, is))`` for each target that moved between two rows of one item."""
    if kind == "risks":
        fields = ["target_score"]
    elif kind == "measures":
        if "annual_target" in row.index and not _missing(row["annual_target"]) and not _missing(old["annual_target"]):
            fields = ["annual_target"]
        elif bool(row.get("cumulative", False)) or bool(old.get("cumulative", False)):
            fields = []  # a profiled target moves each quarter by design
        else:
            fields = ["target", "target_low", "target_high"]
    else:
        fields = []
    out = []
    for f in fields:
        if f not in row.index:
            continue
        a, b = old[f], row[f]
        if _missing(a) and _missing(b):
            continue
        if _missing(a) or _missing(b) or abs(float(a) - float(b)) > 1e-9 * max(1.0, abs(float(a))):
            words = {"annual_target": "the year's target" if bool(row.get("cumulative", False)) else "target", "target_score": "the target score", "target_low": "the target's lower end",
                     "target_high": "the target's upper end"}.get(f, "target")
            out.append((f, (f"{words} {_number(a) if not _missing(a) else 'none'}", _number(b) if not _missing(b) else "none")))
    return out
