"""Writing tidy frames to ``data/processed/`` as parquet and CSV, atomically.

Parquet keeps the dtypes (periods, ordered statuses); CSV writes periods the UK
way (``2023/24 Q2``) for people opening it in Excel.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import atomic_path, processed_dir
from .periods import period_label


def to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with periods as labels and dates as ISO text, for CSV and spreadsheets."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.PeriodDtype):
            out[col] = out[col].map(lambda p: period_label(p) if pd.notna(p) else "")
    return out


def write_frames(frames: dict[str, pd.DataFrame], stem: str, out_dir=None) -> list[Path]:
    """Write each frame as ``<stem>_<name>.parquet`` and ``.csv``; return the paths written."""
    out_dir = Path(out_dir) if out_dir else processed_dir()
    written = []
    for name, frame in frames.items():
        clean = frame.copy()
        clean.attrs = {}
        parquet = out_dir / f"{stem}_{name}.parquet"
        with atomic_path(parquet) as tmp:
            clean.to_parquet(tmp, index=False)
        csv = out_dir / f"{stem}_{name}.csv"
        with atomic_path(csv) as tmp:
            to_csv_frame(clean).to_csv(tmp, index=False)
        written += [parquet, csv]
    return written
