"""Stops while perfkit writes: Ctrl+C, SIGTERM and SIGHUP unwind the run, and wait while files are put in place or removed.

Python's default for SIGTERM and SIGHUP ends the process where it stands, leaving its temporary
folder (a half-written parquet, Chromium's profile) behind. While perfkit writes, they raise
:class:`Stopped` instead, which unwinds like Ctrl+C, so that every ``finally`` runs and removes
what the run made (:func:`stops_unwind`). The moments that must not be cut short, a set of files
going in place and a temporary folder being removed, hold any stop until they are done
(:func:`stops_deferred`, :func:`stops_held`).

A stop is held by a handler that notes it rather than by blocking the signal: a signal sent to
the process may be taken by any of its threads, and Python runs every handler in the main thread,
so a handler is the one way to be sure. Handlers can be set only from the main thread; elsewhere
these do nothing.

Examples
--------
>>> from perfkit.publish.stops import scratch_folder
>>> with scratch_folder("perfkit-doc-") as folder:
...     (folder / "part.csv").write_text("ok") and None
>>> folder.exists()
False
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from perfkit.core.errors import ConfigError

#: The signals that stop a run: Ctrl+C, ``kill`` and a closed terminal.
STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal (SIGTERM, SIGHUP); raised so that every ``finally`` runs."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


ARRIVED: list[int] = []  # the stop signals this run has had (see stop_requested)


def stop_requested() -> None:
    """Raise :class:`Stopped` if a stop signal arrived during this run, even one whose exception was lost.

    A signal's exception raised while Python was in the middle of an import can be
    swallowed ("Exception ignored in ... _get_module_lock") and leave that module's lock
    held, so that another thread waits on it for ever; every wait of publishing checks
    this, so such a stop still ends the run.
    """
    if ARRIVED:
        raise Stopped(ARRIVED[-1])


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


_UNWINDING: list[int] = []  # one entry per stops_unwind block running


@contextmanager
def stops_unwind():
    """Turn SIGTERM and SIGHUP into :class:`Stopped` while the block runs, so that temporary files are removed.

    Ctrl+C raises already. A handler set before (by the program using perfkit, or ``nohup``'s
    ignoring SIGHUP) is kept; blocks may nest. A stop raised inside a callback Python cannot raise
    from (a weakref's, an import lock's) is not printed as "Exception ignored ... Traceback": it is
    recorded and honoured at the next :func:`stop_requested`.
    """
    if not _main_thread():
        yield
        return

    def stop(signum, frame):
        ARRIVED.append(signum)
        raise Stopped(signum)

    def unraisable(info, previous=sys.unraisablehook):
        if not isinstance(info.exc_value, Stopped):
            previous(info)

    if not _UNWINDING:
        ARRIVED.clear()
    saved = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS
             if sig != signal.SIGINT and signal.getsignal(sig) in (signal.SIG_DFL, None)}
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    _UNWINDING.append(1)
    try:
        yield
    finally:
        _UNWINDING.pop()
        sys.unraisablehook = hook
        for sig, handler in saved.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def stops_deferred():
    """Note Ctrl+C, SIGTERM and SIGHUP rather than act on them until the block ends; yields the list of those that arrived.

    For the moment a set of outputs is put in place: stopped half-way, a run would leave some of
    this quarter's files beside last quarter's. What to do with a stop that arrived is the caller's
    to decide (``brief`` and ``load`` finish and say so); :func:`stops_held` acts on it.
    """
    arrived: list[int] = []
    if not _main_thread():
        yield arrived
        return
    saved = {s: signal.signal(s, lambda signum, frame: arrived.append(signum)) for s in STOP_SIGNALS}
    try:
        yield arrived
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def stops_held():
    """Hold Ctrl+C, SIGTERM and SIGHUP until the block ends, then act on the first that arrived as it would have.

    For cleaning up (ending Chromium, removing a folder): a second Ctrl+C waits until the folder
    is gone, then stops the run.
    """
    with stops_deferred() as arrived:
        yield
    if arrived:
        signal.raise_signal(arrived[0])


@contextmanager
def handlers_kept():
    """Put back this process's signal handlers after the block.

    nbclient installs its own for SIGINT and SIGTERM while a notebook runs and, when it
    is done, resets them to Python's defaults, which would undo :func:`stops_unwind`
    for the rest of the run.
    """
    if not _main_thread():
        yield
        return
    saved = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in saved.items():
            if handler is not None:
                signal.signal(s, handler)


def remove_folder(folder: Path) -> None:
    """Remove a folder and all in it, with stops held, even while a process ended a moment ago still writes into it."""
    with stops_held():
        for _ in range(20):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                break
            time.sleep(0.05)


@contextmanager
def scratch_folder(prefix: str, base=None):
    """A temporary folder (in ``base``, default the system's), made and removed with stops held: none is ever left behind.

    A stop arriving as the folder is made waits until the block has it to remove; one arriving
    as it is removed waits until it is gone. A run that could not remove its folder (ended by
    ``kill -9`` or a power cut) has its folder removed by the next run (:func:`sweep_abandoned`). A file that cannot be written in it (a full disk)
    is refused naming the temporary folder, never a file inside it that is gone by the time the
    message is read (:func:`temp_folder_error`).
    """
    base = Path(base if base is not None else tempfile.gettempdir())
    folder = None
    try:
        with stops_held():
            folder = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
            (folder / OWNER).write_text(f"{os.getpid()} {_boot_id()}", encoding="ascii")
        sweep_abandoned(base, prefix, keep=folder)
        yield folder
    except OSError as exc:
        # A full disk met on closing a file names none; what names none here was written in the folder (a set put in
        # place names its targets).
        unnamed_full = exc.filename is None and exc.errno in DISK_FULL
        if folder is None or unnamed_full or _inside(exc.filename, folder) or _inside(getattr(exc, "filename2", None), folder):
            raise temp_folder_error(base, exc) from None
        raise
    finally:
        if folder is not None:
            remove_folder(folder)


#: The file in a scratch folder naming the process that made it, and the boot it ran in.
OWNER = ".owner"
#: How long a folder whose process has gone is left alone before a later run removes it.
ABANDONED_AFTER = 600.0


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def sweep_abandoned(base, prefix: str, keep: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove scratch folders that a run ended by ``kill -9`` (or a power cut) could not remove itself.

    A folder is removed only when its ``.owner`` file names a process that is gone (or a boot
    before this one) and nothing in it has changed for :data:`ABANDONED_AFTER` seconds, so a
    run still going, here or in another container sharing the folder, is never touched. Folders
    without an owner file, or not made by perfkit (another prefix), are left alone.

    Examples
    --------
    >>> import tempfile, os
    >>> base = Path(tempfile.mkdtemp())
    >>> old = base / "perfkit-abc"; old.mkdir(); _ = (old / OWNER).write_text("999999999 x")
    >>> os.utime(old, (0, 0))
    >>> [p.name for p in sweep_abandoned(base, "perfkit-")]
    ['perfkit-abc']
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = [e for e in os.scandir(base) if e.name.startswith(prefix)]
    except OSError:
        return removed
    boot = _boot_id()
    for entry in entries:
        path = Path(entry.path)
        if keep is not None and path == keep:
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or now - entry.stat(follow_symlinks=False).st_mtime < ABANDONED_AFTER:
                continue
            pid_text, _, their_boot = (path / OWNER).read_text(encoding="ascii").partition(" ")
            pid = int(pid_text)
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and (_gone(pid) or (boot and their_boot.strip() and their_boot.strip() != boot)):
            remove_folder(path)
            removed.append(path)
    return removed


#: The errors of a disk with no room left: no space, or the user's quota used up.
DISK_FULL = tuple(e for e in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if e is not None)


def _inside(name, folder: Path) -> bool:
    if not name:
        return False
    try:
        return Path(str(name)).resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def temp_folder_error(base, exc: OSError) -> ConfigError:
    """The refusal for a file perfkit could not write in its temporary folder: it names the folder and what to do.

    Examples
    --------
    >>> print(temp_folder_error("/tmp", OSError(28, "No space left on device", "/tmp/perfkit-x/a.parquet")))
    cannot write in the temporary folder /tmp: the disk is full (no space left on device)
    Free space there, or set TMPDIR to a folder on a disk with room (export TMPDIR=/path/to/folder), and run again.
    """
    reasons = {errno.ENOSPC: "the disk is full (no space left on device)", getattr(errno, "EDQUOT", -1): "your disk quota is used up",
               errno.EACCES: "permission denied", errno.EROFS: "it is on a read-only file system"}
    reason = reasons.get(exc.errno) or (exc.strerror or str(exc)).lower()
    return ConfigError(f"cannot write in the temporary folder {base}: {reason}",
                       hint="Free space there, or set TMPDIR to a folder on a disk with room (export TMPDIR=/path/to/folder), "
                            "and run again.")
