"""What perfkit prints to a terminal: workbook text can neither steer the terminal nor stop the command.

A sheet name, a status or a commentary is the officer's text, and a workbook may hold
anything: an escape sequence that clears the screen, retitles the window or hides the
lines before it. Everything a command prints passes through :class:`SafeStream`, which
shows control characters as escapes (``\\x1b``) and writes what the terminal's encoding
cannot show as ``\\xff``, rather than failing with ``UnicodeEncodeError``.

Examples
--------
>>> printable("Sheet\\x1b[2J1")
'Sheet\\\\x1b[2J1'
"""

from __future__ import annotations

import io
import re
import sys
from contextlib import contextmanager

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional controls that reorder a line, and the stand-ins
# Python keeps for bytes a file name holds that are not text in the terminal's encoding.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


def _shown(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # a byte of a file name that is not UTF-8: shown as the byte it is
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    r"""``text`` with every control character shown as its escape, so that it prints as written and does nothing; a
    file name's bytes that are not UTF-8 are shown as the bytes they are (``\xff``).

    Examples
    --------
    >>> printable("q2_\udcff.xlsx: ok\x9b31m")
    'q2_\\xff.xlsx: ok\\x9b31m'
    """
    return _CONTROL.sub(lambda m: _shown(m.group(0)), text)


class SafeStream(io.TextIOBase):
    """A text stream that writes :func:`printable` text to another, in any encoding the terminal has."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        safe = printable(text)
        try:
            self.stream.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self):
        return getattr(self.stream, "encoding", None)


@contextmanager
def safe_output():
    """Within the block, ``sys.stdout`` and ``sys.stderr`` are :class:`SafeStream` s over the ones there before."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
