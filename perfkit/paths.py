"""Project paths, all built from one root, and atomic writing.

The root is ``$PERFKIT_ROOT`` if set, else the nearest folder at or above the
current one that has a ``data/raw`` folder, else the current folder. Raw data
under ``data/raw`` is only ever read; outputs go to ``data/processed`` and ``reports``.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("PERFKIT_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return here


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    return project_root() / "data" / "processed"


def reports_dir() -> Path:
    return project_root() / "reports"


@contextmanager
def atomic_path(target):
    """Yield a temporary path beside ``target``; move it into place only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
