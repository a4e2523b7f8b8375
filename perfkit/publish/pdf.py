"""The briefing as PDF, printed from its HTML by headless Chromium.

Chromium lays the page out exactly as a browser shows it, with the briefing's
print stylesheet (tables and charts kept whole), so the PDF quotes the same
figures as the HTML. ``scripts/install_browser.sh`` (``make browser``) installs
it; ``PERFKIT_CHROMIUM`` may name another Chromium or Chrome binary.

Examples
--------
>>> from perfkit.publish.pdf import print_pdf
>>> print_pdf("reports/northbrook-district-council-briefing-2023-24-q2.html",
...           "reports/northbrook-district-council-briefing-2023-24-q2.pdf")  # doctest: +SKIP
PosixPath('reports/northbrook-district-council-briefing-2023-24-q2.pdf')
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from perfkit.core.errors import ConfigError, PerfkitError
from perfkit.core.paths import atomic_path
from perfkit.publish.stops import scratch_folder, stops_held, stops_unwind, temp_folder_error

#: The flags the tests use too: headless, no sandbox (root in containers), and no network chatter.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180
#: The longest TMPDIR Chromium is given: it makes org.chromium.Chromium.XXXXXX/SingletonSocket there (45 bytes more),
#: and a socket's path holds at most 107.
MAX_TMPDIR = 60
#: Less room than this left where Chromium printed is why it failed: it needs tens of MB for its profile and cache.
MIN_FREE = 32 * 1024 * 1024


def find_chromium() -> str:
    """The Chromium to print with: ``$PERFKIT_CHROMIUM``, else the first of chromium, chromium-browser, google-chrome on PATH.

    Raises
    ------
    ConfigError
        When there is none, saying how to install it.

    Examples
    --------
    >>> find_chromium()  # doctest: +SKIP
    '/usr/bin/chromium'
    """
    named = os.environ.get("PERFKIT_CHROMIUM")
    if named:
        found = shutil.which(named)
        if found:
            return found
        raise ConfigError(f"PERFKIT_CHROMIUM={named!r}: no such program", hint="Give the full path of a Chromium or Chrome binary.")
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError(
        "--pdf needs headless Chromium, which is not installed",
        hint="Install it with `make browser` (or `sudo apt-get install chromium`), or set PERFKIT_CHROMIUM to a Chrome binary. "
             "The HTML briefing prints to PDF from any browser too.",
    )


def print_pdf(html_path, pdf_path, *, overwrite: bool = True, chromium: str | None = None) -> Path:
    """Print an HTML file to PDF with headless Chromium, written atomically.

    Chromium is given a folder of its own for its profile and, as its ``TMPDIR``, for every
    temporary file it makes itself (its ``org.chromium.Chromium.*`` socket folder, its shared
    memory files). That folder is removed on every way out: the PDF written, Chromium failing or
    timing out, Ctrl+C, SIGTERM or SIGHUP at any moment. Chromium runs in a process group of its
    own, which is ended whole first, so that no renderer keeps writing into a folder being removed.

    Parameters
    ----------
    html_path : str or Path
        The self-contained HTML page.
    pdf_path : str or Path
        Where to write the PDF.
    overwrite : bool
        Replace an existing file (else :class:`FileExistsError`).
    chromium : str, optional
        The browser binary (default :func:`find_chromium`).

    Returns
    -------
    pathlib.Path
        ``pdf_path``.

    Raises
    ------
    ConfigError
        When no temporary folder has a path short enough for Chromium's sockets (see :func:`scratch_base`).

    Examples
    --------
    >>> print_pdf("briefing.html", "briefing.pdf")  # doctest: +SKIP
    PosixPath('briefing.pdf')
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    binary = chromium or find_chromium()
    base = scratch_base()
    with stops_unwind(), scratch_folder(SCRATCH_PREFIX, base) as scratch, atomic_path(pdf_path, overwrite=overwrite) as part:
        own_tmp = scratch / "t"
        own_tmp.mkdir()
        # Tagged PDF (Chromium tags by default) with bookmarks from the headings, for screen readers and navigation.
        cmd = [binary, *FLAGS, f"--user-data-dir={scratch / 'profile'}", "--no-pdf-header-footer", "--generate-pdf-document-outline",
               f"--print-to-pdf={part}", html_path.as_uri()]
        env = {**os.environ, "TMPDIR": str(own_tmp), "TMP": str(own_tmp), "TEMP": str(own_tmp)}
        returncode, stderr = _run_group(cmd, env, binary, html_path.name, scratch / "chromium.log")
        data = part.read_bytes()[:5] if part.exists() else b""
        if not data.startswith(b"%PDF"):
            if shutil.disk_usage(scratch).free < MIN_FREE:  # Chromium's own error then names its disk cache, not the cause
                raise temp_folder_error(base, OSError(errno.ENOSPC, "No space left on device"))
            last = (stderr or "").strip().splitlines()[-1:] or ["no message"]
            raise PerfkitError(f"Chromium did not write the PDF (exit {returncode}: {last[0][:200]})",
                               hint="Check that the HTML opens in a browser; print it from there if need be.")
    return pdf_path


#: The name of the folder each print gets (``pkc-`` and 8 random characters), kept short for Chromium's sockets.
SCRATCH_PREFIX = "pkc-"
_SCRATCH_TAIL = len("/" + SCRATCH_PREFIX + "12345678" + "/t")  # what the folder and Chromium's TMPDIR inside it add
#: Where to make the folder when the system's temporary folder has too long a path for Chromium's sockets.
SHORT_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")


def scratch_base() -> Path:
    """The folder to make each print's own folder in: the system's temporary folder, or a short one if its path is too long.

    Chromium makes its socket at ``TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket``, and refuses
    to start when that passes a socket path's 107 bytes; the TMPDIR it is given inside the print's
    folder may be at most :data:`MAX_TMPDIR` characters.

    Raises
    ------
    ConfigError
        When neither the temporary folder nor any of :data:`SHORT_FOLDERS` is short enough and writable.

    Examples
    --------
    >>> len(str(scratch_base())) <= MAX_TMPDIR - 15  # doctest: +SKIP
    True
    """
    system = tempfile.gettempdir()
    for folder in (system, *SHORT_FOLDERS):
        path = os.path.abspath(folder)
        if len(path) + _SCRATCH_TAIL <= MAX_TMPDIR and os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK):
            return Path(path)
    raise ConfigError(f"--pdf: the temporary folder {system} has too long a path for Chromium ({len(system)} characters; "
                      f"at most {MAX_TMPDIR - _SCRATCH_TAIL}), and none of {', '.join(SHORT_FOLDERS)} can be written to",
                      hint="Set TMPDIR to a folder with a shorter path (export TMPDIR=/tmp), and run again.")


def _run_group(cmd: list[str], env: dict, binary: str, name: str, log: Path) -> tuple[int, str]:
    """Run Chromium in a process group of its own; end the whole group on any way out (its helpers outlive it otherwise).

    Its messages go to ``log`` (in the scratch folder), not a pipe: a helper holding the pipe open
    would keep a reader waiting after Chromium itself has finished. A stop arriving while it starts
    waits until the process is known, so that it is always ended.
    """
    process = None
    with open(log, "w", encoding="utf-8", errors="replace") as err:
        try:
            with stops_held():
                try:
                    process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                               start_new_session=hasattr(os, "killpg"))
                except OSError as exc:
                    raise ConfigError(f"cannot run {binary}: {exc.strerror}", hint="Reinstall it with `make browser`.") from None
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PerfkitError(f"Chromium did not print {name} within {TIMEOUT} s",
                               hint="Try again; if it persists, print the HTML from a browser.") from None
        finally:
            if process is not None:
                with stops_held():
                    end_group(process)
    return process.returncode, log.read_text(encoding="utf-8", errors="replace")


def end_group(process: subprocess.Popen) -> None:
    """End a process started with ``start_new_session`` and everything it started, and wait for it.

    Examples
    --------
    >>> p = subprocess.Popen(["sleep", "30"], start_new_session=True)  # doctest: +SKIP
    >>> end_group(p); p.poll() is not None  # doctest: +SKIP
    True
    """
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the leader may be gone already: its helpers are not
    except (AttributeError, ProcessLookupError, PermissionError):
        if process.poll() is None:
            process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
        pass
