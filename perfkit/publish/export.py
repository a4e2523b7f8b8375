"""Writing tidy frames to ``data/processed/`` as parquet and CSV, atomically.

Parquet keeps the dtypes (periods, ordered statuses); CSV writes periods the UK
way (``2023/24 Q2``) for people opening it in Excel, and every text cell that
would start a formula there (``=``, ``+``, ``-``, ``@``, tab, carriage return)
gets a leading ``'`` (:func:`perfkit.read.safety.neutralise`), so that a commentary
such as ``=HYPERLINK(...)`` shows as text and never runs. Numbers stay numbers.

Examples
--------
>>> import pandas as pd
>>> to_csv_frame(pd.DataFrame({"commentary": ["@SUM(1+1)", "On track"], "actual": [-3, 4]})).values.tolist()
[["'@SUM(1+1)", -3], ['On track', 4]]
"""

from __future__ import annotations

import csv as csv_module
import os
import re
from pathlib import Path

import pandas as pd

from perfkit.core.errors import ConfigError
from perfkit.core.paths import install_set, processed_dir
from perfkit.core.periods import period_label
from perfkit.present.text import BIDI_CONTROLS, CONTROLS, strip_bidi
from perfkit.read.safety import neutralise_frame
from perfkit.publish.stops import scratch_folder, stops_deferred, stops_unwind, temp_folder_error


def to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with periods as labels, control characters out and formula-looking text neutralised, for CSV and spreadsheets.

    A frame with a ``cadence`` column (a half-yearly action plan) has its periods written
    as that cadence says: ``2024/25 H2`` rather than the quarter it ends in. Text loses its C0 and
    C1 control characters and bidirectional controls (:func:`perfkit.present.text.strip_bidi`: a
    vertical tab, form feed or NEL becomes a line break; tab, newline and carriage return stay), so
    that no escape sequence reaches whoever opens or prints the file, before any line that would
    start a formula gets its ``'``.
    """
    out = _plain_text(frame.copy())
    cadence = out["cadence"] if "cadence" in out.columns else None  # half-yearly plans (perfkit.read.kinds.actions)
    for col in out.columns:
        if isinstance(out[col].dtype, pd.PeriodDtype):
            if cadence is not None:
                out[col] = [period_label(p, k if k in ("half", "year") else "quarter") if pd.notna(p) else ""
                            for p, k in zip(out[col], cadence)]
            else:
                out[col] = out[col].map(lambda p: period_label(p) if pd.notna(p) else "")
    return neutralise_frame(out)


# What strip_bidi takes out or turns into a line break: looked for first, so that a column without any costs one search.
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in {**BIDI_CONTROLS, **CONTROLS}) + "]")


def _plain_text(out: pd.DataFrame) -> pd.DataFrame:
    """``out`` with :func:`perfkit.present.text.strip_bidi` applied to every text cell, category and column name."""
    def plain(values) -> bool:
        return _UNSAFE.search("".join(v for v in values if isinstance(v, str))) is None

    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            if plain(s.cat.categories):
                continue
            cats = [strip_bidi(c) if isinstance(c, str) else c for c in s.cat.categories]
            out[col] = s.cat.rename_categories(cats) if len(set(cats)) == len(cats) else s.astype(object).map(
                lambda v: strip_bidi(v) if isinstance(v, str) else v)
        elif (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)) and not plain(s.dropna()):
            out[col] = s.map(lambda v: strip_bidi(v) if isinstance(v, str) else v)
    return out if plain(out.columns) else out.rename(columns=lambda c: strip_bidi(c) if isinstance(c, str) else c)


def write_frames(frames: dict[str, pd.DataFrame], stem: str, out_dir=None, progress=None, alongside=None) -> list[Path]:
    """Write each frame as ``<stem>_<name>.parquet`` and ``.csv``; return the paths written.

    Every file is finished in a temporary folder first, then the set goes in whole
    (:func:`perfkit.core.paths.install_set`): a full disk, a file that cannot be replaced or a stop
    (Ctrl+C, SIGTERM, SIGHUP) at any moment leaves either the whole old set or the whole new set,
    and nothing half-written, in ``out_dir`` or the temporary folder. A stop arriving while the set
    goes in place waits for it, and ``progress`` (if given) is told.

    ``alongside`` (optional) puts another part of the set in place as the files go in, and returns how
    to take it back: the history store's switch (:func:`perfkit.publish.store.staged_store`), undone if
    the files cannot go in, so that the frames and the store change together or not at all.

    Raises
    ------
    ConfigError
        When ``out_dir`` is an existing file, or a folder that cannot be created or written to, or the
        temporary folder cannot be written to (a full disk), naming it.
    """
    say = progress or (lambda message: None)
    out_dir = Path(out_dir) if out_dir else processed_dir()
    _check_out_dir(out_dir)
    with stops_unwind(), scratch_folder("perfkit-load-") as tmp:
        made = {}
        for name, frame in frames.items():
            clean = frame.copy()
            clean.attrs = {}
            parquet, csv = out_dir / f"{stem}_{name}.parquet", out_dir / f"{stem}_{name}.csv"
            made[parquet] = tmp / parquet.name
            made[csv] = tmp / csv.name
            try:
                with open(made[parquet], "wb") as fh:  # opened here: pyarrow takes a path as UTF-8, which a name under LC_ALL=C may not be
                    clean.to_parquet(fh, index=False)
                write_csv(clean, made[csv])
            except OSError as exc:  # pyarrow's and pandas' errors on a full disk may name no file: they are in the temporary folder
                raise temp_folder_error(tmp.parent, exc) from None
        with stops_deferred() as arrived:  # the set goes in whole: a stop arriving meanwhile waits for it
            undo = alongside() if alongside is not None else None
            try:
                placed = install_set(made)
            except BaseException:
                if undo is not None:
                    undo()
                raise
        if arrived:
            say("A stop arrived as the files were put in place; they are complete, and listed below.")
        return placed


def write_csv(frame: pd.DataFrame, path) -> None:
    """``frame`` as a CSV that a spreadsheet opens as it is: periods as labels, formulas neutralised,
    and every field holding a line break quoted (lines end ``\\r\\n``, so a lone carriage return in a
    commentary is quoted too and can never split a record)."""
    to_csv_frame(frame).to_csv(path, index=False, lineterminator="\r\n", quoting=csv_module.QUOTE_MINIMAL)


def _check_out_dir(out_dir: Path) -> None:
    """Refuse, with what to do, an output folder that is a file or cannot be written to."""
    for folder in (out_dir, *out_dir.parents):
        if folder.exists() and not folder.is_dir():
            what = "a file" if folder.is_file() else "a pipe or a device"
            raise ConfigError(f"cannot write to {out_dir}: {folder} is {what}, not a folder",
                              hint="Give --out a folder (it is created if missing).")
        if folder.exists():
            break
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the folder {out_dir} ({exc.strerror or exc})",
                          hint="Give --out a folder you can write to.") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write to {out_dir}: permission denied", hint="Give --out a folder you can write to.")
