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

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from perfkit.core.errors import ConfigError, PerfkitError
from perfkit.core.paths import atomic_path

#: The flags the tests use too: headless, no sandbox (root in containers), and no network chatter.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180
#: The longest temporary folder Chromium is given: it makes .org.chromium.Chromium.XXXXXX/SingletonSocket there (44 bytes more),
#: and a socket's path holds at most 107. A longer one (an unusual TMPDIR) leaves Chromium its own.
MAX_TMPDIR = 60


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

    Chromium's profile, and every temporary file it makes (its ``TMPDIR`` is a folder inside the
    profile's), are removed on every way out: the PDF written, Chromium failing or timing out,
    Ctrl+C or SIGTERM during printing. Chromium runs in a process group of its own, which is
    ended whole, so that no renderer keeps writing into a folder being removed.

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

    Examples
    --------
    >>> print_pdf("briefing.html", "briefing.pdf")  # doctest: +SKIP
    PosixPath('briefing.pdf')
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    binary = chromium or find_chromium()
    with _stops_unwind(), _scratch_folder() as profile, atomic_path(pdf_path, overwrite=overwrite) as part:
        own_tmp = profile / "t"
        own_tmp.mkdir()
        # Tagged PDF (Chromium tags by default) with bookmarks from the headings, for screen readers and navigation.
        cmd = [binary, *FLAGS, f"--user-data-dir={profile / 'profile'}", "--no-pdf-header-footer", "--generate-pdf-document-outline",
               f"--print-to-pdf={part}", html_path.as_uri()]
        env = dict(os.environ)
        if len(str(own_tmp)) <= MAX_TMPDIR:  # Chromium's sockets there must fit a socket path (107 bytes)
            env.update(TMPDIR=str(own_tmp), TMP=str(own_tmp), TEMP=str(own_tmp))
        returncode, stderr = _run_group(cmd, env, binary, html_path.name, profile / "chromium.log")
        data = part.read_bytes()[:5] if part.exists() else b""
        if not data.startswith(b"%PDF"):
            last = (stderr or "").strip().splitlines()[-1:] or ["no message"]
            raise PerfkitError(f"Chromium did not write the PDF (exit {returncode}: {last[0][:200]})",
                               hint="Check that the HTML opens in a browser; print it from there if need be.")
    return pdf_path


def _run_group(cmd: list[str], env: dict, binary: str, name: str, log: Path) -> tuple[int, str]:
    """Run Chromium in a process group of its own; end the whole group on any way out (its helpers outlive it otherwise).

    Its messages go to ``log`` (in the scratch folder), not a pipe: a helper holding the pipe open
    would keep a reader waiting after Chromium itself has finished.
    """
    with open(log, "w", encoding="utf-8", errors="replace") as err:
        try:
            process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                       start_new_session=hasattr(os, "killpg"))
        except OSError as exc:
            raise ConfigError(f"cannot run {binary}: {exc.strerror}", hint="Reinstall it with `make browser`.") from None
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PerfkitError(f"Chromium did not print {name} within {TIMEOUT} s",
                               hint="Try again; if it persists, print the HTML from a browser.") from None
        finally:
            with _stops_held():
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


@contextmanager
def _scratch_folder():
    """A temporary folder removed on every way out, even while something still writes into it for a moment."""
    folder = Path(tempfile.mkdtemp(prefix="perfkit-chromium-"))
    try:
        yield folder
    finally:
        with _stops_held():  # a second Ctrl+C waits until the folder is gone
            for _ in range(20):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    break
                time.sleep(0.05)


_STOPS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


@contextmanager
def _stops_held():
    """Hold Ctrl+C, SIGTERM and SIGHUP while the block cleans up; they arrive as it ends (where the system can hold them)."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = block(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)


@contextmanager
def _stops_unwind():
    """While printing, SIGTERM and SIGHUP raise KeyboardInterrupt, so that the profile is removed (Python's default ends
    the process where it stands). Handlers already set (``perfkit brief`` sets its own) are kept; elsewhere than the main
    thread nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
            saved[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
