"""The officer's checks file, written beside the briefing: what to look at before publishing.

The page itself is :func:`perfkit.present.briefing.checks_page`; this writes it, all at once.
"""

from __future__ import annotations

from pathlib import Path
from perfkit.core.paths import atomic_path
from perfkit.present.briefing import checks_page


def write_checks(fig, frames: dict | None, path, problems=(), council: str = ""):
    """Write :func:`~perfkit.present.briefing.checks_page` to ``path`` (all at once) and return the path.

    Examples
    --------
    >>> write_checks(fig, frames, "reports/briefing-checks.html")  # doctest: +SKIP
    """

    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(checks_page(fig, frames, problems, council), encoding="utf-8")
    return path
