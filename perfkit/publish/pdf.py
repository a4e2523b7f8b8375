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
import subprocess
import tempfile
from pathlib import Path

from perfkit.core.errors import ConfigError, PerfkitError
from perfkit.core.paths import atomic_path

#: The flags the tests use too: headless, no sandbox (root in containers), and no network chatter.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180


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
    with tempfile.TemporaryDirectory(prefix="perfkit-chromium-") as profile, atomic_path(pdf_path, overwrite=overwrite) as part:
        # Tagged PDF (Chromium tags by default) with bookmarks from the headings, for screen readers and navigation.
        cmd = [binary, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer", "--generate-pdf-document-outline",
               f"--print-to-pdf={part}", html_path.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PerfkitError(f"Chromium did not print {html_path.name} within {TIMEOUT} s", hint="Try again; if it persists, print the HTML from a browser.") from None
        except OSError as exc:
            raise ConfigError(f"cannot run {binary}: {exc.strerror}", hint="Reinstall it with `make browser`.") from None
        data = part.read_bytes()[:5] if part.exists() else b""
        if not data.startswith(b"%PDF"):
            last = (done.stderr or "").strip().splitlines()[-1:] or ["no message"]
            raise PerfkitError(f"Chromium did not write the PDF (exit {done.returncode}: {last[0][:200]})",
                               hint="Check that the HTML opens in a browser; print it from there if need be.")
    return pdf_path
