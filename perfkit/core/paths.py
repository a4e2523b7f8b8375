"""Project paths, all built from one root, and atomic writing.

The root is ``$PERFKIT_ROOT`` if set, else the nearest folder at or above the
current one that has a ``data/raw`` folder (so a notebook opened from
``notebooks/`` finds it), else the project perfkit is installed from (an editable
install, as ``make setup`` makes), else the current folder. Raw data under
``data/raw`` is only ever read; outputs go to ``data/processed`` and ``reports``.

Examples
--------
>>> from perfkit.core.paths import in_project
>>> in_project("data/raw/sample_council_2023-24.xlsx").is_absolute()
True
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


PACKAGE = Path(__file__).resolve().parents[1]  # the perfkit package folder: templates/, assets/


def project_root() -> Path:
    """The project folder: ``PERFKIT_ROOT``, else the nearest folder up from here with ``data/raw/``, else the installed project, else here."""
    env = os.environ.get("PERFKIT_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    installed = PACKAGE.parent
    if (installed / "data" / "raw").is_dir() and (installed / "notebooks").is_dir():
        return installed
    return here


def in_project(path) -> Path:
    """``path`` made absolute: a relative path is taken from the project root, wherever the code runs.

    Notebooks use it for their default paths, so that they run the same from
    ``notebooks/`` in JupyterLab, from the project root, or from anywhere else.

    Examples
    --------
    >>> in_project("/tmp/book.xlsx")
    PosixPath('/tmp/book.xlsx')
    """
    path = Path(path).expanduser()
    return path if path.is_absolute() else project_root() / path


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    """The folder ``perfkit load`` writes tidy frames to: ``data/processed/`` under the project root."""
    return project_root() / "data" / "processed"


def reports_dir() -> Path:
    """The folder ``perfkit brief`` writes to by default: ``reports/`` under the project root."""
    return project_root() / "reports"


def as_text(name: str) -> str:
    """A file name as text for a file perfkit writes (UTF-8): the name's own bytes read as UTF-8 where the locale could not.

    Under a locale that is not UTF-8 (``LC_ALL=C``), Python keeps the bytes of ``môn_2023-24.xlsx`` it could
    not decode as stand-ins that no UTF-8 file can hold; written as they are, they fail with ``UnicodeEncodeError``.

    Examples
    --------
    >>> as_text(b"m\\xc3\\xb4n.xlsx".decode("ascii", "surrogateescape")), as_text("plan.xlsx")
    ('môn.xlsx', 'plan.xlsx')
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace")


def _umask() -> int:
    """The process's umask (read without changing it where Linux allows, else set and restored at once)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target, overwrite: bool = True):
    """Yield a temporary path beside ``target``; move it into place only if the block succeeds.

    The file gets the permissions a newly created file would (``0666`` less the
    umask, usually ``0644``), not the ``0600`` of a temporary file. With
    ``overwrite=False`` an existing ``target`` is never replaced, even by a run
    finishing at the same moment: :class:`FileExistsError` is raised instead.

    Examples
    --------
    >>> with atomic_path("reports/note.txt") as tmp:  # doctest: +SKIP
    ...     tmp.write_text("hello")
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # fails if target exists: no run replaces another's file
            except FileExistsError:
                raise FileExistsError(errno.EEXIST, "already exists", str(target)) from None
            except OSError:  # a file system without hard links
                if target.exists():
                    raise FileExistsError(errno.EEXIST, "already exists", str(target)) from None
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def install_set(files: dict, overwrite: bool = True) -> list[Path]:
    """Put a set of finished files in place, all or none: ``{target: finished file}``.

    Each file is first copied into a hidden folder beside its target (the same file
    system), then every old target is set aside and every new one renamed into place.
    If anything fails or a stop arrives on the way (a full disk, an old file that cannot
    be replaced, Ctrl+C), every target is put back as it was and nothing is left
    behind: the folder holds either the whole old set or the whole new set. A target
    that exists but is not a file (a folder of that name) is refused before anything
    moves. With ``overwrite=False`` an existing target is refused (:class:`FileExistsError`).
    Errors name the target, never a temporary file.

    Examples
    --------
    >>> install_set({Path("reports/briefing.html"): Path("/tmp/run/briefing.html")})  # doctest: +SKIP
    [PosixPath('reports/briefing.html')]
    """
    files = {Path(t): Path(src) for t, src in files.items()}
    for target in files:
        if (target.exists() or target.is_symlink()) and not (target.is_file() or target.is_symlink()):
            raise IsADirectoryError(errno.EISDIR, "it exists and is not a file", str(target))
        if not overwrite and (target.exists() or target.is_symlink()):
            raise FileExistsError(errno.EEXIST, "already exists", str(target))
    folders = {}
    placed: list[Path] = []
    kept: list[tuple[Path, Path]] = []
    try:
        for target in files:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders[target.parent] = Path(tempfile.mkdtemp(prefix=".perfkit-", dir=target.parent))
        staged = {}
        for n, (target, src) in enumerate(files.items()):
            part = folders[target.parent] / f"new-{n}{target.suffix}"
            try:
                shutil.copyfile(src, part)
                os.chmod(part, 0o666 & ~_umask())
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
            staged[target] = part
        for n, (target, part) in enumerate(staged.items()):
            try:
                if target.exists() or target.is_symlink():
                    old = folders[target.parent] / f"old-{n}{target.suffix}"
                    os.replace(target, old)
                    kept.append((target, old))
                if overwrite:
                    os.replace(part, target)
                else:
                    os.link(part, target)  # fails if another run made it meanwhile
            except OSError as exc:
                raise type(exc)(exc.errno, exc.strerror or str(exc), str(target)) from None
            placed.append(target)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        for target, old in reversed(kept):
            os.replace(old, target)
        raise
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    return placed
